/* test-boundaries.c — boundaries, their reminders and the distance plan on disk
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <string.h>

#include "solace-boundary-store.h"
#include "solace-error.h"
#include "solace-limits.h"
#include "solace-reminder-subjects.h"
#include "solace-reminders.h"
#include "solace-scheduler.h"
#include "solace-test-utils.h"

typedef struct
{
  char                *dir;
  char                *path;
  SolaceDatabase      *db;
  SolaceBoundaryStore *store;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("solace-boundaries-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "solace", "solace.db", NULL);
  f->db = solace_database_open (f->path, SOLACE_DATABASE_FLAGS_NONE, &error);
  g_assert_no_error (error);
  f->store = solace_boundary_store_new (f->db, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_assert_finalize_object (f->store);
  g_assert_finalize_object (f->db);
  solace_test_rm_rf (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

/* Writes are queued; this waits for them and drops what the main loop
 * still has to say about them. */
static void
flush (Fixture *f)
{
  solace_boundary_store_flush (f->store);
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static void
reopen (Fixture *f)
{
  g_autoptr(GError) error = NULL;

  flush (f);
  g_assert_finalize_object (f->store);
  f->store = solace_boundary_store_new (f->db, &error);
  g_assert_no_error (error);
}

static SolaceBoundary *
make (const char *title)
{
  SolaceBoundary *b = solace_boundary_new ();

  solace_boundary_set_title (b, title);
  solace_boundary_set_part (b, SOLACE_STATEMENT_FEELING, "unsettled");
  solace_boundary_set_part (b, SOLACE_STATEMENT_SITUATION, "you message me late at night");
  solace_boundary_set_part (b, SOLACE_STATEMENT_ACTION, "not reply");
  solace_boundary_set_part (b, SOLACE_STATEMENT_CONDITION, "it happens again.");
  return b;
}

static SolaceBoundary *
item (Fixture *f,
      guint    i)
{
  /* The store keeps a reference. */
  g_autoptr(SolaceBoundary) b = g_list_model_get_item (G_LIST_MODEL (f->store), i);
  return b;
}

static void
test_statement (void)
{
  g_autoptr(SolaceBoundary) b = make ("Nights");
  g_autofree char *full = solace_boundary_dup_statement (b);
  g_autofree char *half = NULL;
  g_autofree char *none = NULL;

  /* The full stop the person typed is not doubled. */
  g_assert_cmpstr (full, ==, "I feel unsettled when you message me late at night. "
                             "I will not reply if it happens again.");

  solace_boundary_set_part (b, SOLACE_STATEMENT_SITUATION, "  ");
  solace_boundary_set_part (b, SOLACE_STATEMENT_CONDITION, "");
  half = solace_boundary_dup_statement (b);
  g_assert_cmpstr (half, ==, "I feel unsettled. I will not reply.");

  for (guint i = 0; i < SOLACE_N_STATEMENT_PARTS; i++)
    solace_boundary_set_part (b, i, NULL);
  none = solace_boundary_dup_statement (b);
  g_assert_cmpstr (none, ==, "");
}

static void
test_crud_and_order (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(SolaceBoundary) a = make ("Nights");
  g_autoptr(SolaceBoundary) b = make ("Co-parenting");
  g_autoptr(SolaceBoundary) c = make ("Friends");
  g_autofree char *title = NULL;

  g_assert_true (solace_boundary_store_save (f->store, a, NULL, FALSE, NULL));
  g_assert_true (solace_boundary_store_save (f->store, b, NULL, FALSE, NULL));
  g_assert_true (solace_boundary_store_save (f->store, c, NULL, FALSE, NULL));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->store)), ==, 3);

  /* Edited: brief and factual only, with a consequence, paused. */
  solace_boundary_set_contact_level (b, SOLACE_CONTACT_BRIEF);
  solace_boundary_set_consequence (b, "I will end the call.");
  solace_boundary_set_active (b, FALSE);
  g_assert_true (solace_boundary_store_save (f->store, b, NULL, FALSE, NULL));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->store)), ==, 3);

  /* Friends to the top. */
  solace_boundary_store_move (f->store, solace_boundary_get_uuid (c), -2);
  g_assert_cmpstr (solace_boundary_get_title (item (f, 0)), ==, "Friends");

  reopen (f);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->store)), ==, 3);
  g_assert_cmpstr (solace_boundary_get_title (item (f, 0)), ==, "Friends");
  g_assert_cmpstr (solace_boundary_get_title (item (f, 1)), ==, "Nights");
  g_assert_cmpstr (solace_boundary_get_title (item (f, 2)), ==, "Co-parenting");
  g_assert_cmpint (solace_boundary_get_contact_level (item (f, 2)), ==, SOLACE_CONTACT_BRIEF);
  g_assert_cmpstr (solace_boundary_get_consequence (item (f, 2)), ==, "I will end the call.");
  g_assert_false (solace_boundary_get_active (item (f, 2)));

  solace_boundary_store_remove (f->store, solace_boundary_get_uuid (a));
  reopen (f);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->store)), ==, 2);
  title = solace_test_query_text (f->path, "SELECT group_concat (title, '|') FROM (SELECT title FROM boundary ORDER BY position)");
  g_assert_cmpstr (title, ==, "Friends|Co-parenting");
}

static void
test_hostile_text (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(SolaceBoundary) b = solace_boundary_new ();
  const char *title = "'); DROP TABLE boundary; -- <b>bold</b> & שלום 🫶";

  solace_boundary_set_title (b, title);
  solace_boundary_set_part (b, SOLACE_STATEMENT_FEELING, "\"quoted\"\nnew line");
  g_assert_true (solace_boundary_store_save (f->store, b, NULL, FALSE, NULL));
  reopen (f);
  g_assert_cmpstr (solace_boundary_get_title (item (f, 0)), ==, title);
  g_assert_cmpstr (solace_boundary_get_part (item (f, 0), SOLACE_STATEMENT_FEELING), ==, "\"quoted\"\nnew line");
}

static GArray *
upcoming (Fixture *f)
{
  g_autoptr(SolaceScheduler) scheduler = solace_scheduler_new (f->db);
  g_autoptr(GError) error = NULL;

  g_assert_true (solace_scheduler_load (scheduler, &error));
  g_assert_no_error (error);
  return solace_scheduler_list_upcoming (scheduler, 3);
}

static void
test_reminder (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(SolaceBoundary) b = make ("Nights");
  g_autoptr(SolaceSchedule) schedule = NULL;
  g_autoptr(SolaceSchedule) weekly = NULL;
  g_autoptr(GArray) list = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *key = solace_boundary_dup_reminder_key (b);
  SolaceUpcoming *u;

  schedule = solace_schedule_new ("FREQ=DAILY", "20260101T200000", &error);
  g_assert_no_error (error);
  g_assert_true (solace_boundary_store_save (f->store, b, schedule, TRUE, NULL));
  flush (f);

  /* The notification says the boundary itself, or nothing in discreet mode. */
  list = upcoming (f);
  g_assert_cmpuint (list->len, ==, 3);
  u = &g_array_index (list, SolaceUpcoming, 0);
  g_assert_cmpstr (solace_reminder_get_key (u->reminder), ==, key);
  g_assert_cmpstr (solace_reminder_get_title (u->reminder, FALSE), ==, "Nights");
  g_assert_cmpstr (solace_reminder_get_body (u->reminder, FALSE), ==,
                   "I feel unsettled when you message me late at night. I will not reply if it happens again.");
  g_assert_cmpstr (solace_reminder_get_title (u->reminder, TRUE), ==, "Reminder");
  g_assert_null (solace_reminder_get_body (u->reminder, TRUE));
  g_clear_pointer (&list, g_array_unref);

  /* Edited to weekly. */
  weekly = solace_schedule_new ("FREQ=WEEKLY;BYDAY=SA", "20251227T100000", &error);
  g_assert_true (solace_boundary_store_save (f->store, b, weekly, TRUE, NULL));
  flush (f);
  {
    g_autofree char *rule = solace_test_query_text (f->path, "SELECT rrule FROM reminder WHERE kind = 'boundary'");
    g_assert_cmpstr (rule, ==, "FREQ=WEEKLY;BYDAY=SA");
  }

  /* Paused: the boundary's reminder is off. */
  solace_boundary_set_active (b, FALSE);
  g_assert_true (solace_boundary_store_save (f->store, b, weekly, TRUE, NULL));
  flush (f);
  list = upcoming (f);
  g_assert_cmpuint (list->len, ==, 0);
  g_clear_pointer (&list, g_array_unref);

  /* Deleted: its reminder goes with it. */
  solace_boundary_store_remove (f->store, solace_boundary_get_uuid (b));
  flush (f);
  g_assert_cmpint (solace_test_query_int (f->path, "SELECT count(*) FROM reminder WHERE kind = 'boundary'"), ==, 0);
}

/* What the subject of a boundary's reminder was given, for
 * test_reminder_subject. */
typedef struct
{
  guint  calls;
  guint  n_words;
  char  *words[SOLACE_REMINDER_BOUNDARY_WORDS];
} Given;

static void
given_text (SolaceReminder     *reminder,
            const char * const *words,
            guint               n_words,
            gpointer            user_data)
{
  Given *given = user_data;

  given->calls++;
  given->n_words = n_words;
  for (guint i = 0; i < n_words && i < G_N_ELEMENTS (given->words); i++)
    {
      g_free (given->words[i]);
      given->words[i] = g_strdup (words[i]);
    }
  solace_reminder_set_text (reminder, "From the subject", "Its body");
}

/* The reminder store is generic: a boundary's reminder says what the
 * subject registered for boundaries makes of the journal's words, and
 * nothing of its own without one. */
static void
test_reminder_subject (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(SolaceBoundary) b = make ("Nights");
  g_autoptr(SolaceSchedule) schedule = NULL;
  g_autoptr(GArray) list = NULL;
  g_autoptr(GError) error = NULL;
  Given given = { 0, };
  SolaceReminder *r;

  schedule = solace_schedule_new ("FREQ=DAILY", "20260101T200000", &error);
  g_assert_no_error (error);
  g_assert_true (solace_boundary_store_save (f->store, b, schedule, TRUE, NULL));
  flush (f);

  /* Another subject: it gets the title and the four parts, in order. */
  solace_reminders_register_subject (SOLACE_REMINDER_BOUNDARY, given_text, &given);
  list = upcoming (f);
  g_assert_cmpuint (list->len, ==, 3);
  r = g_array_index (list, SolaceUpcoming, 0).reminder;
  g_assert_cmpstr (solace_reminder_get_title (r, FALSE), ==, "From the subject");
  g_assert_cmpstr (solace_reminder_get_body (r, FALSE), ==, "Its body");
  g_assert_cmpuint (given.calls, >, 0);
  g_assert_cmpuint (given.n_words, ==, 1 + SOLACE_N_STATEMENT_PARTS);
  g_assert_cmpstr (given.words[0], ==, "Nights");
  g_assert_cmpstr (given.words[1 + SOLACE_STATEMENT_FEELING], ==, "unsettled");
  g_assert_cmpstr (given.words[1 + SOLACE_STATEMENT_SITUATION], ==, "you message me late at night");
  g_assert_cmpstr (given.words[1 + SOLACE_STATEMENT_ACTION], ==, "not reply");
  g_assert_cmpstr (given.words[1 + SOLACE_STATEMENT_CONDITION], ==, "it happens again.");
  g_clear_pointer (&list, g_array_unref);

  /* None: it says only what it is. */
  solace_reminders_register_subject (SOLACE_REMINDER_BOUNDARY, NULL, NULL);
  list = upcoming (f);
  r = g_array_index (list, SolaceUpcoming, 0).reminder;
  g_assert_false (solace_reminder_has_text (r));
  g_assert_cmpstr (solace_reminder_get_title (r, FALSE), ==, "A boundary you set");
  g_clear_pointer (&list, g_array_unref);

  /* A kind there is not is refused, and changes nothing. */
  g_test_expect_message ("solace-reminders", G_LOG_LEVEL_CRITICAL, "*kind*");
  solace_reminders_register_subject ((SolaceReminderKind) 99, given_text, &given);
  g_test_assert_expected_messages ();

  /* The boundaries' own again, as main () leaves them. */
  solace_reminder_subjects_register ();
  list = upcoming (f);
  r = g_array_index (list, SolaceUpcoming, 0).reminder;
  g_assert_cmpstr (solace_reminder_get_title (r, FALSE), ==, "Nights");
  g_assert_cmpstr (solace_reminder_get_body (r, FALSE), ==,
                   "I feel unsettled when you message me late at night. I will not reply if it happens again.");

  for (guint i = 0; i < G_N_ELEMENTS (given.words); i++)
    g_free (given.words[i]);
}

#define CANARY "Zaunkoenig"

/* reminders.db on its own, as the reminder service opens it. */
static GArray *
upcoming_alone (Fixture *f)
{
  g_autofree char *path = solace_database_dup_reminders_path (f->path);
  g_autoptr(SolaceDatabase) reminders = NULL;
  g_autoptr(SolaceScheduler) scheduler = NULL;
  g_autoptr(GError) error = NULL;

  reminders = solace_database_open (path, SOLACE_DATABASE_FLAGS_REMINDERS | SOLACE_DATABASE_FLAGS_READ_ONLY, &error);
  g_assert_no_error (error);
  scheduler = solace_scheduler_new (reminders);
  g_assert_true (solace_scheduler_load (scheduler, &error));
  g_assert_no_error (error);
  return solace_scheduler_list_upcoming (scheduler, 3);
}

static void
assert_no_canary (Fixture *f)
{
  g_autofree char *dir = g_path_get_dirname (f->path);
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  const char *encoded[3];
  g_autofree char *utf16le = NULL;
  g_autofree char *utf16be = NULL;
  gsize le_len = 0, be_len = 0;
  const char *name;
  guint files = 0;

  utf16le = g_convert (CANARY, -1, "UTF-16LE", "UTF-8", NULL, &le_len, NULL);
  utf16be = g_convert (CANARY, -1, "UTF-16BE", "UTF-8", NULL, &be_len, NULL);
  encoded[0] = CANARY;
  encoded[1] = utf16le;
  encoded[2] = utf16be;

  while ((name = g_dir_read_name (listing)) != NULL)
    if (g_str_has_prefix (name, "reminders.db"))
      {
        g_autofree char *path = g_build_filename (dir, name, NULL);
        g_autofree char *contents = NULL;
        gsize length = 0;
        gsize lengths[3] = { strlen (CANARY), le_len, be_len };

        g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
        for (guint i = 0; i < G_N_ELEMENTS (encoded); i++)
          for (gsize at = 0; at + lengths[i] <= length; at++)
            g_assert_false (memcmp (contents + at, encoded[i], lengths[i]) == 0);
        files++;
      }
  g_assert_cmpuint (files, >, 0);
}

/* What the reminder service reads follows the boundaries, through the
 * store, and holds none of their words. */
static void
test_reminders_db (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *reminders = solace_database_dup_reminders_path (f->path);
  g_autoptr(SolaceBoundary) b = solace_boundary_new ();
  g_autoptr(SolaceSchedule) schedule = NULL;
  g_autoptr(GArray) list = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *key = NULL;
  g_autofree char *sql = NULL;
  SolaceUpcoming *u;

  solace_boundary_set_title (b, CANARY " title");
  for (guint i = 0; i < SOLACE_N_STATEMENT_PARTS; i++)
    solace_boundary_set_part (b, i, CANARY " part");
  solace_boundary_set_contact_level (b, SOLACE_CONTACT_OTHER);
  solace_boundary_set_contact_other (b, CANARY " other");
  solace_boundary_set_consequence (b, CANARY " consequence");
  key = solace_boundary_dup_reminder_key (b);
  sql = g_strdup_printf ("SELECT enabled || active FROM reminder WHERE key = '%s'", key);

  schedule = solace_schedule_new ("FREQ=DAILY", "20260101T200000", &error);
  g_assert_no_error (error);
  g_assert_true (solace_boundary_store_save (f->store, b, schedule, TRUE, NULL));
  flush (f);
  g_assert_cmpint (solace_test_query_int (reminders, sql), ==, 11);

  /* The service's view: on, saying only what it is. */
  list = upcoming_alone (f);
  g_assert_cmpuint (list->len, ==, 3);
  u = &g_array_index (list, SolaceUpcoming, 0);
  g_assert_cmpstr (solace_reminder_get_key (u->reminder), ==, key);
  g_assert_false (solace_reminder_has_text (u->reminder));
  g_assert_cmpstr (solace_reminder_get_title (u->reminder, FALSE), ==, "A boundary you set");
  g_clear_pointer (&list, g_array_unref);

  /* With the journal plain, its words are read at the moment it is
   * shown; one sealed by the lock is not read at all. */
  {
    g_autoptr(SolaceReminder) reminder = solace_reminder_new (1, key, SOLACE_REMINDER_BOUNDARY, TRUE,
                                                              "FREQ=DAILY", "20260101T200000", 0, 0);
    g_autofree char *sealed = g_build_filename (f->dir, "sealed.db", NULL);

    g_assert_true (solace_reminders_read_text (f->path, reminder, &error));
    g_assert_no_error (error);
    g_assert_cmpstr (solace_reminder_get_title (reminder, FALSE), ==, CANARY " title");

    g_assert_true (g_file_set_contents (sealed, "Solace crypt v1\0 sealed pages follow", 37, NULL));
    g_assert_false (solace_reminders_read_text (sealed, reminder, &error));
    g_assert_error (error, SOLACE_ERROR, SOLACE_ERROR_LOCKED);
    g_clear_error (&error);
    g_assert_false (solace_reminder_has_text (reminder));
    g_assert_cmpstr (solace_reminder_get_title (reminder, FALSE), ==, "A boundary you set");
  }

  /* The window hands the words over in memory. */
  {
    g_autoptr(GVariant) texts = solace_reminders_dup_texts (f->db, &error);
    const char *title = NULL;

    g_assert_no_error (error);
    g_assert_true (g_variant_is_of_type (texts, G_VARIANT_TYPE ("a{s(ss)}")));
    g_assert_true (g_variant_lookup (texts, key, "(&ss)", &title, NULL));
    g_assert_cmpstr (title, ==, CANARY " title");
  }

  /* Paused, resumed, deleted: reminders.db follows each at once. */
  solace_boundary_set_active (b, FALSE);
  g_assert_true (solace_boundary_store_save (f->store, b, schedule, TRUE, NULL));
  flush (f);
  g_assert_cmpint (solace_test_query_int (reminders, sql), ==, 10);
  list = upcoming_alone (f);
  g_assert_cmpuint (list->len, ==, 0);
  g_clear_pointer (&list, g_array_unref);

  solace_boundary_set_active (b, TRUE);
  g_assert_true (solace_boundary_store_save (f->store, b, schedule, TRUE, NULL));
  flush (f);
  g_assert_cmpint (solace_test_query_int (reminders, sql), ==, 11);

  /* Out of step (a crash between the two files' commits): put right
   * when the journal is next opened. */
  solace_test_exec (reminders, "UPDATE reminder SET active = 0 WHERE kind = 'boundary'");
  g_assert_finalize_object (f->store);
  g_assert_finalize_object (f->db);
  f->db = solace_database_open (f->path, SOLACE_DATABASE_FLAGS_NONE, &error);
  g_assert_no_error (error);
  f->store = solace_boundary_store_new (f->db, &error);
  g_assert_no_error (error);
  g_assert_cmpint (solace_test_query_int (reminders, sql), ==, 11);

  assert_no_canary (f);

  solace_boundary_store_remove (f->store, solace_boundary_get_uuid (b));
  flush (f);
  g_assert_cmpint (solace_test_query_int (reminders, "SELECT count(*) FROM reminder WHERE kind = 'boundary'"), ==, 0);
  g_assert_cmpint (solace_test_query_int (f->path, "SELECT count(*) FROM main.sqlite_schema WHERE name = 'reminder'"),
                   ==, 0);
}

static void
test_plan (Fixture       *f,
           gconstpointer  data)
{
  GListModel *plan = solace_boundary_store_get_plan (f->store);
  g_autoptr(SolacePlanStep) first = NULL;
  g_autoptr(SolacePlanStep) mine = NULL;
  g_autoptr(GError) error = NULL;
  guint done, total;

  /* The article's six steps, none done. */
  g_assert_cmpuint (g_list_model_get_n_items (plan), ==, 6);
  first = g_list_model_get_item (plan, 0);
  g_assert_cmpstr (solace_plan_step_get_title (first), ==, "Remove their number");
  g_assert_nonnull (solace_plan_step_get_hint (first));
  solace_boundary_store_get_progress (f->store, &done, &total);
  g_assert_cmpuint (done, ==, 0);
  g_assert_cmpuint (total, ==, 6);

  solace_boundary_store_set_step_done (f->store, solace_plan_step_get_uuid (first), "2026-11-27");
  g_assert_true (solace_boundary_store_set_step_notes (f->store, solace_plan_step_get_uuid (first),
                                                       "Blocked on both phones.", NULL));
  g_assert_true (solace_boundary_store_add_step (f->store, "  Change the Netflix password  ", &error));
  g_assert_no_error (error);

  /* Nothing at all, or a name too long, is refused. */
  g_assert_false (solace_boundary_store_add_step (f->store, " \t", &error));
  g_assert_error (error, SOLACE_ERROR, SOLACE_ERROR_INVALID);
  g_clear_error (&error);
  {
    g_autofree char *long_name = g_strnfill (201, 'a');
    g_assert_false (solace_boundary_store_add_step (f->store, long_name, &error));
    g_assert_error (error, SOLACE_ERROR, SOLACE_ERROR_INVALID);
    g_clear_error (&error);
  }

  reopen (f);
  plan = solace_boundary_store_get_plan (f->store);
  g_assert_cmpuint (g_list_model_get_n_items (plan), ==, 7);
  g_clear_object (&first);
  first = g_list_model_get_item (plan, 0);
  g_assert_cmpstr (solace_plan_step_get_done_on (first), ==, "2026-11-27");
  g_assert_cmpstr (solace_plan_step_get_notes (first), ==, "Blocked on both phones.");
  mine = g_list_model_get_item (plan, 6);
  g_assert_cmpstr (solace_plan_step_get_title (mine), ==, "Change the Netflix password");
  g_assert_null (solace_plan_step_get_builtin (mine));
  solace_boundary_store_get_progress (f->store, &done, &total);
  g_assert_cmpuint (done, ==, 1);
  g_assert_cmpuint (total, ==, 7);

  /* Undone; the person's own step removed; the article's stay. */
  solace_boundary_store_set_step_done (f->store, solace_plan_step_get_uuid (first), NULL);
  solace_boundary_store_remove_step (f->store, solace_plan_step_get_uuid (mine));
  solace_boundary_store_remove_step (f->store, solace_plan_step_get_uuid (first));
  reopen (f);
  plan = solace_boundary_store_get_plan (f->store);
  g_assert_cmpuint (g_list_model_get_n_items (plan), ==, 6);
  g_assert_cmpint (solace_test_query_int (f->path, "SELECT count(*) FROM plan_step WHERE done_on IS NOT NULL"), ==, 0);
}

static void
record_failure (SolaceBoundaryStore *store,
                const GError        *error,
                GError             **out)
{
  *out = g_error_copy (error);
}

static void
test_write_failure_reported (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(SolaceBoundary) b = make ("Nights");
  g_autoptr(GError) failure = NULL;

  g_signal_connect (f->store, "failed", G_CALLBACK (record_failure), &failure);
  /* The table is gone under it: the write fails and says so. */
  solace_test_exec (f->path, "DROP TABLE boundary");
  g_assert_true (solace_boundary_store_save (f->store, b, NULL, FALSE, NULL));
  flush (f);
  g_assert_nonnull (failure);
  g_assert_nonnull (strstr (failure->message, "Saving a boundary"));
}

/* One character over a limit (counted in characters: each of these is
 * four bytes) is refused, and neither the list nor the file changes. */
static void
test_over_limit (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(SolaceBoundary) b = make ("Nights");
  g_autoptr(SolaceBoundary) longer = NULL;
  g_autoptr(SolacePlanStep) step = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) text = g_string_new (NULL);
  GListModel *plan = solace_boundary_store_get_plan (f->store);

  for (guint i = 0; i < SOLACE_MAX_BOUNDARY_CHARS; i++)
    g_string_append (text, "😀");
  solace_boundary_set_part (b, SOLACE_STATEMENT_ACTION, text->str);
  g_assert_true (solace_boundary_store_save (f->store, b, NULL, FALSE, &error));
  g_assert_no_error (error);
  flush (f);

  longer = solace_boundary_copy (b);
  g_string_append (text, "😀");
  solace_boundary_set_part (longer, SOLACE_STATEMENT_ACTION, text->str);
  g_assert_false (solace_boundary_store_save (f->store, longer, NULL, FALSE, &error));
  g_assert_error (error, SOLACE_ERROR, SOLACE_ERROR_INVALID);
  {
    /* It says the limit, as the store writes numbers in this locale. */
    g_autofree char *limit = g_strdup_printf ("%'d", SOLACE_MAX_BOUNDARY_CHARS);
    g_assert_nonnull (strstr (error->message, limit));
  }
  g_clear_error (&error);
  flush (f);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->store)), ==, 1);
  g_assert_cmpuint (g_utf8_strlen (solace_boundary_get_part (item (f, 0), SOLACE_STATEMENT_ACTION), -1),
                    ==, SOLACE_MAX_BOUNDARY_CHARS);
  g_assert_cmpint (solace_test_query_int (f->path, "SELECT length (action) FROM boundary"), ==,
                   SOLACE_MAX_BOUNDARY_CHARS);

  /* A step's notes, the same way. */
  step = g_list_model_get_item (plan, 0);
  g_string_truncate (text, 0);
  for (guint i = 0; i <= SOLACE_MAX_STEP_NOTES_CHARS; i++)
    g_string_append (text, "中");
  g_assert_false (solace_boundary_store_set_step_notes (f->store, solace_plan_step_get_uuid (step), text->str,
                                                        &error));
  g_assert_error (error, SOLACE_ERROR, SOLACE_ERROR_INVALID);
  g_clear_error (&error);
  flush (f);
  g_assert_cmpstr (solace_plan_step_get_notes (step), ==, "");
  g_assert_cmpint (solace_test_query_int (f->path, "SELECT count(*) FROM plan_step WHERE notes != ''"), ==, 0);

  reopen (f);
  g_assert_cmpuint (g_utf8_strlen (solace_boundary_get_part (item (f, 0), SOLACE_STATEMENT_ACTION), -1),
                    ==, SOLACE_MAX_BOUNDARY_CHARS);
}

/* A notification is handed a preview of a long title, never all of it. */
static void
test_reminder_long_title (Fixture       *f,
                          gconstpointer  data)
{
  g_autofree char *title = g_strnfill (SOLACE_MAX_BOUNDARY_CHARS, 'T');
  g_autoptr(SolaceBoundary) b = make (title);
  g_autoptr(SolaceSchedule) schedule = NULL;
  g_autoptr(GArray) list = NULL;
  g_autoptr(GError) error = NULL;
  const char *shown;

  schedule = solace_schedule_new ("FREQ=DAILY", "20260101T200000", &error);
  g_assert_no_error (error);
  g_assert_true (solace_boundary_store_save (f->store, b, schedule, TRUE, NULL));
  flush (f);

  list = upcoming (f);
  g_assert_cmpuint (list->len, >, 0);
  shown = solace_reminder_get_title (g_array_index (list, SolaceUpcoming, 0).reminder, FALSE);
  g_assert_cmpuint (g_utf8_strlen (shown, -1), ==, SOLACE_PREVIEW_CHARS + 1);
  g_assert_true (g_str_has_prefix (shown, "TTTT"));
  g_assert_true (g_str_has_suffix (shown, "…"));
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);
  solace_reminder_subjects_register ();

  g_test_add_func ("/boundaries/statement", test_statement);
#define ADD(name, func) g_test_add (name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/boundaries/crud-and-order", test_crud_and_order);
  ADD ("/boundaries/hostile-text", test_hostile_text);
  ADD ("/boundaries/reminder", test_reminder);
  ADD ("/boundaries/reminder-subject", test_reminder_subject);
  ADD ("/boundaries/reminder-long-title", test_reminder_long_title);
  ADD ("/boundaries/reminders-db", test_reminders_db);
  ADD ("/boundaries/plan", test_plan);
  ADD ("/boundaries/write-failure-reported", test_write_failure_reported);
  ADD ("/boundaries/over-limit", test_over_limit);
#undef ADD

  return g_test_run ();
}
