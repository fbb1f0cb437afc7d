/* test-today-ui.c — the Today tab, the urge steps and the welcome,
 * driven as a person would
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include "solace-application.h"
#include "solace-breathing.h"
#include "solace-insights.h"
#include "solace-journal-page.h"
#include "solace-progress.h"
#include "solace-test-app.h"
#include "solace-test-utils.h"
#include "solace-today-page.h"
#include "solace-urge-dialog.h"
#include "solace-welcome.h"
#include "solace-window.h"

typedef struct {
  SolaceApplication *app;
  GtkWindow         *window;
  char              *path;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  solace_test_app_reset ();
  f->path = g_build_filename (g_get_user_data_dir (), "solace", "solace.db", NULL);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  if (f->app != NULL)
    {
      g_application_set_default (NULL);
      solace_test_app_stop (&f->app, &f->window);
    }
  g_free (f->path);
}

static void
start (Fixture *f)
{
  f->app = solace_test_app_start (FALSE, &f->window);
  g_application_set_default (G_APPLICATION (f->app));
}

static void
stop (Fixture *f)
{
  g_application_set_default (NULL);
  solace_test_app_stop (&f->app, &f->window);
}

static gboolean
welcome_shown (gpointer data)
{
  return solace_test_find_window (SOLACE_TYPE_WELCOME, TRUE) != NULL;
}

/* The welcome follows the main window's first frame: waits for it (or,
 * when none is wanted, for long enough that it would have come). */
static SolaceWelcome *
wait_for_welcome (Fixture *f)
{
  solace_test_wait_until (welcome_shown, NULL, 2000);
  return solace_test_find_window (SOLACE_TYPE_WELCOME, TRUE);
}

static SolaceTodayPage *
today (Fixture *f)
{
  return solace_window_get_today_page (SOLACE_WINDOW (f->window));
}

static GtkWidget *
part (Fixture    *f,
      const char *name)
{
  GtkWidget *widget = solace_today_page_get_part (today (f), name);

  g_assert_nonnull (widget);
  return widget;
}

/* A day @days before today, local, as "YYYY-MM-DD". */
static char *
days_ago (int days)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) then = g_date_time_add_days (now, -days);

  return g_date_time_format (then, "%Y-%m-%d");
}

/* Makes the database as a build with this schema would, then runs
 * @sql in it before the app starts. */
static void
seed (Fixture    *f,
      const char *sql)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SolaceDatabase) db = solace_database_open (f->path, SOLACE_DATABASE_FLAGS_NONE, &error);

  g_assert_no_error (error);
  g_assert_true (solace_database_exec (db, sql, &error));
  g_assert_no_error (error);
}

static void
seed_stretch (Fixture *f,
              int      started_days_ago)
{
  g_autofree char *start_day = days_ago (started_days_ago);
  g_autofree char *sql = g_strdup_printf ("INSERT INTO stretch (uuid, started_on, created_at) VALUES ('s1', '%s', 0)",
                                          start_day);

  seed (f, sql);
}

/* A button pressed as the keyboard would: its activation completes
 * once its pressed look has shown. */
static void
press (GtkWidget *button)
{
  g_assert_true (gtk_widget_get_visible (button));
  g_assert_true (gtk_widget_is_sensitive (button));
  gtk_widget_activate (button);
  solace_test_spin (350);
}

typedef struct
{
  const char *path;
  const char *sql;
  gint64      expected;
} Wait;

static gboolean
query_is (gpointer data)
{
  Wait *w = data;

  return solace_test_query_int (w->path, w->sql) == w->expected;
}

static void
wait_for_query (Fixture    *f,
                const char *sql,
                gint64      expected)
{
  Wait w = { f->path, sql, expected };

  if (!solace_test_wait_until (query_is, &w, 5000))
    g_error ("“%s” is %" G_GINT64_FORMAT ", not %" G_GINT64_FORMAT,
             sql, solace_test_query_int (f->path, sql), expected);
}

/* ---- Counter, stage, milestones ------------------------------------- */

static void
test_counter_and_milestone (Fixture       *f,
                            gconstpointer  data)
{
  g_autofree char *ended = days_ago (40);
  g_autofree char *started = days_ago (60);
  g_autofree char *sql = g_strdup_printf ("INSERT INTO stretch (uuid, started_on, ended_on, created_at)"
                                          " VALUES ('old', '%s', '%s', 0)", started, ended);

  /* Day 8 now, after an earlier stretch of 20 days. */
  seed (f, sql);
  seed_stretch (f, 7);
  start (f);
  g_assert_cmpstr (solace_today_page_get_counter_text (today (f)), ==, "Day 8");
  g_assert_true (gtk_widget_get_visible (part (f, "totals")));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (part (f, "totals"))), ==,
                   "Longest stretch: 20 days · 28 days without contact in all");
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (part (f, "stage-title"))), ==, "Early Days");

  /* The week is celebrated, once: not again after a restart. */
  g_assert_true (gtk_widget_get_visible (part (f, "milestone")));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (part (f, "milestone-title"))), ==, "7 Days");
  wait_for_query (f, "SELECT count(*) FROM milestone_seen WHERE stretch_uuid = 's1'", 3);
  stop (f);
  start (f);
  g_assert_false (gtk_widget_get_visible (part (f, "milestone")));

  /* The reminders for the milestones to come are there; the past not. */
  g_assert_cmpint (solace_test_query_int (f->path, "SELECT count(*) FROM reminder WHERE key = 'milestone:7'"), ==, 0);
}

/* The day is chosen in the calendar's popover; a milestone reminder is
 * planned for each milestone to come. */
static void
count_cb (guint *count)
{
  (*count)++;
}

static void
test_choose_start (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) then = g_date_time_add_days (now, -2);
  g_autoptr(GDate) start_day = g_date_new_dmy (g_date_time_get_day_of_month (then), g_date_time_get_month (then),
                                               g_date_time_get_year (then));
  guint replans = 0;

  start (f);
  g_signal_connect_swapped (f->window, "reminders-changed", G_CALLBACK (count_cb), &replans);
  solace_today_page_choose_start (today (f), start_day);
  g_assert_cmpstr (solace_today_page_get_counter_text (today (f)), ==, "Day 3");
  wait_for_query (f, "SELECT count(*) FROM stretch WHERE ended_on IS NULL", 1);
  /* Day 3 is today; 7, 14… are still to come, and so is day 3's own
   * reminder while it is before 10:00 (the suite may run at any hour). */
  wait_for_query (f, "SELECT count(*) FROM reminder WHERE kind = 'milestone'",
                  g_date_time_get_hour (now) < 10 ? 8 : 7);
  /* Once they are on disk, the window says the service should plan
   * again. */
  for (guint i = 0; i < 100 && replans == 0; i++)
    solace_test_spin (20);
  g_assert_cmpuint (replans, ==, 1);
}

/* ---- Check-in ------------------------------------------------------- */

/* The page has taken the saved check-in back: the row is in the
 * database a moment before the page hears that it is. */
static gboolean
check_in_shown (gpointer data)
{
  Fixture *f = data;

  return gtk_widget_get_visible (part (f, "check-in-status"));
}

static void
test_check_in (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *day = days_ago (0);
  g_autofree char *stored = NULL;
  g_autofree char *emotions = NULL;

  start (f);
  /* Nothing chosen: nothing to save yet. */
  g_assert_false (gtk_widget_get_sensitive (part (f, "check-in")));

  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (part (f, "mood-2")), TRUE);
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (part (f, "emotion-grief")), TRUE);
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (part (f, "emotion-hope")), TRUE);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (part (f, "care-0")), TRUE);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (part (f, "care-4")), TRUE);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (part (f, "sign-2")), TRUE);
  gtk_editable_set_text (GTK_EDITABLE (part (f, "note")), "<b>Rain</b> & 'quiet'; DROP TABLE check_in;");
  press (part (f, "check-in"));

  wait_for_query (f, "SELECT count(*) FROM check_in", 1);
  /* The saved state arrives from the writer thread; a busy machine may
   * take a while, and the next day must not start before it. */
  g_assert_true (solace_test_wait_until (check_in_shown, f, 30000));
  stored = solace_test_query_text (f->path, "SELECT day || '|' || mood || '|' || emotions || '|' || self_care || '|' || signs || '|' || note FROM check_in");
  {
    g_autofree char *expected = g_strdup_printf ("%s|2|grief,hope|17|4|<b>Rain</b> & 'quiet'; DROP TABLE check_in;", day);
    g_assert_cmpstr (stored, ==, expected);
  }
  g_assert_true (gtk_widget_get_visible (part (f, "check-in-status")));
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (part (f, "check-in"))), ==, "_Update Check-In");

  /* Back after a restart, and changed the same day: still one. */
  stop (f);
  start (f);
  g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (part (f, "mood-2"))));
  g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (part (f, "emotion-hope"))));
  g_assert_false (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (part (f, "emotion-anger"))));
  g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (part (f, "care-4"))));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (part (f, "note"))), ==, "<b>Rain</b> & 'quiet'; DROP TABLE check_in;");
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (part (f, "mood-4")), TRUE);
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (part (f, "emotion-grief")), FALSE);
  press (part (f, "check-in"));
  wait_for_query (f, "SELECT mood FROM check_in", 4);
  g_assert_cmpint (solace_test_query_int (f->path, "SELECT count(*) FROM check_in"), ==, 1);
  emotions = solace_test_query_text (f->path, "SELECT emotions FROM check_in");
  g_assert_cmpstr (emotions, ==, "hope");
}

/* Midnight comes while a check-in is half done: what is typed is kept
 * and saved as the new day's.  A saved check-in, though, stays with its
 * day, and the new day starts with a fresh form. */
static void
test_check_in_across_midnight (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_local ();
  g_autoptr(GDate) day_one = solace_local_day (tz, g_get_real_time () / G_USEC_PER_SEC);
  g_autoptr(GDate) day_two = g_date_copy (day_one);
  g_autoptr(GDate) day_three = g_date_copy (day_one);
  g_autofree char *iso_two = NULL;
  g_autofree char *stored = NULL;

  g_date_add_days (day_two, 1);
  g_date_add_days (day_three, 2);
  iso_two = solace_day_to_iso (day_two);

  start (f);
  solace_today_page_set_today (today (f), day_one);
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (part (f, "mood-3")), TRUE);
  gtk_editable_set_text (GTK_EDITABLE (part (f, "note")), "Half written at 23:58");

  /* The page's midnight refresh. */
  solace_today_page_set_today (today (f), day_two);
  g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (part (f, "mood-3"))));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (part (f, "note"))), ==, "Half written at 23:58");
  press (part (f, "check-in"));
  wait_for_query (f, "SELECT count(*) FROM check_in", 1);
  /* The saved state arrives from the writer thread; a busy machine may
   * take a while, and the next day must not start before it. */
  g_assert_true (solace_test_wait_until (check_in_shown, f, 30000));
  stored = solace_test_query_text (f->path, "SELECT day || '|' || mood || '|' || note FROM check_in");
  {
    g_autofree char *expected = g_strdup_printf ("%s|3|Half written at 23:58", iso_two);
    g_assert_cmpstr (stored, ==, expected);
  }

  /* Saved, then the next midnight: a fresh form for the new day. */
  solace_today_page_set_today (today (f), day_three);
  g_assert_false (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (part (f, "mood-3"))));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (part (f, "note"))), ==, "");
  g_assert_false (gtk_widget_get_sensitive (part (f, "check-in")));
  g_assert_cmpint (solace_test_query_int (f->path, "SELECT count(*) FROM check_in"), ==, 1);
  solace_today_page_set_today (today (f), NULL);
}

/* ---- Professional help ---------------------------------------------- */

static void
seed_moods (Fixture   *f,
            const int *moods,
            guint      n)
{
  g_autoptr(GString) sql = g_string_new (NULL);

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *day = days_ago (i);

      g_string_append_printf (sql, "INSERT INTO check_in (uuid, day, mood, created_at, updated_at)"
                                   " VALUES ('c%u', '%s', %d, 0, 0);", i, day, moods[i]);
    }
  seed (f, sql->str);
}

static void
test_professional_help (Fixture       *f,
                        gconstpointer  data)
{
  const int mixed[] = { 2, 4, 1, 3, 4, 2 };
  const int low[] = { 2, 1, 1, 3, 2, 4 };
  g_autoptr(GDate) today_date = g_date_new ();
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  /* Three low days of six: not most. */
  seed_moods (f, mixed, G_N_ELEMENTS (mixed));
  start (f);
  g_assert_false (gtk_widget_get_visible (part (f, "help")));
  stop (f);

  /* Four of six: the card, gently. */
  solace_test_exec (f->path, "DELETE FROM check_in");
  seed_moods (f, low, G_N_ELEMENTS (low));
  start (f);
  g_assert_true (gtk_widget_get_visible (part (f, "help")));
  g_assert_nonnull (solace_test_find_widget (part (f, "help"), GTK_TYPE_BUTTON, NULL));

  /* "Not now": gone, and still gone after a restart, for a week. */
  {
    GtkWidget *not_now = NULL;

    for (GtkWidget *child = gtk_widget_get_first_child (gtk_widget_get_last_child (part (f, "help")));
         child != NULL; child = gtk_widget_get_next_sibling (child))
      if (g_strcmp0 (gtk_button_get_label (GTK_BUTTON (child)), "_Not Now") == 0)
        not_now = child;
    g_assert_nonnull (not_now);
    press (not_now);
  }
  g_assert_false (gtk_widget_get_visible (part (f, "help")));
  g_date_set_dmy (today_date, g_date_time_get_day_of_month (now), g_date_time_get_month (now), g_date_time_get_year (now));
  wait_for_query (f, "SELECT value FROM preference WHERE name = 'help-dismissed'", g_date_get_julian (today_date));
  stop (f);
  start (f);
  g_assert_false (gtk_widget_get_visible (part (f, "help")));
  stop (f);

  /* Eight days later it may come back. */
  solace_test_exec (f->path, "UPDATE preference SET value = value - 8 WHERE name = 'help-dismissed'");
  start (f);
  g_assert_true (gtk_widget_get_visible (part (f, "help")));
}

/* ---- The urge steps ------------------------------------------------- */

static SolaceUrgeDialog *
open_urge_dialog (Fixture *f)
{
  SolaceUrgeDialog *dialog;

  /* From anywhere: the shortcut's action shows Today and the steps. */
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.page", "s", "journal");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.reach-out", NULL));
  solace_test_spin (50);
  dialog = solace_test_find_window (SOLACE_TYPE_URGE_DIALOG, TRUE);
  g_assert_nonnull (dialog);
  g_assert_cmpint (solace_urge_dialog_get_step (dialog), ==, SOLACE_URGE_STEP_PAUSE);
  return dialog;
}

static void
test_urge_passed (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(SolaceContact) maya = solace_contact_new (SOLACE_CONTACT_PERSON);
  SolaceUrgeDialog *dialog;
  SolaceBreathing *breathing;
  g_autofree char *reasons = NULL;
  g_autofree char *urge = NULL;
  GtkWidget *people;
  GtkListBoxRow *row;

  seed (f, "INSERT INTO reason (uuid, text, position, created_at) VALUES ('r1', 'I deserve calm', 1, 0)");
  seed_stretch (f, 9);
  start (f);
  solace_contact_set_field (maya, "name", "Maya");
  solace_contact_set_field (maya, "phone", "+44 7700 900123");
  g_assert_true (solace_contact_store_save (solace_application_get_contacts (f->app), maya, NULL));

  dialog = open_urge_dialog (f);
  g_assert_cmpstr (solace_window_get_visible_page (SOLACE_WINDOW (f->window)), ==, "today");

  /* 1: the breathing guide runs; skipping stops it. */
  breathing = SOLACE_BREATHING (solace_urge_dialog_get_part (dialog, "breathing"));
  g_assert_true (solace_breathing_get_running (breathing));
  press (solace_urge_dialog_get_part (dialog, "next"));
  g_assert_cmpint (solace_urge_dialog_get_step (dialog), ==, SOLACE_URGE_STEP_REASONS);
  g_assert_false (solace_breathing_get_running (breathing));

  /* 2: the reasons, editable and added to. */
  gtk_editable_set_text (GTK_EDITABLE (solace_urge_dialog_get_part (dialog, "add-reason")), "  My friends missed me  ");
  g_signal_emit_by_name (solace_urge_dialog_get_part (dialog, "add-reason"), "apply");
  press (solace_urge_dialog_get_part (dialog, "next"));
  wait_for_query (f, "SELECT count(*) FROM reason", 2);
  reasons = solace_test_query_text (f->path, "SELECT group_concat (text, '|') FROM (SELECT text FROM reason ORDER BY position)");
  g_assert_cmpstr (reasons, ==, "I deserve calm|My friends missed me");

  /* 3: someone instead, with a way to call. */
  g_assert_cmpint (solace_urge_dialog_get_step (dialog), ==, SOLACE_URGE_STEP_SOMEONE);
  people = solace_urge_dialog_get_part (dialog, "people");
  row = gtk_list_box_get_row_at_index (GTK_LIST_BOX (people), 0);
  g_assert_nonnull (row);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, "Maya");
  g_assert_nonnull (solace_test_find_widget (GTK_WIDGET (row), GTK_TYPE_BUTTON, NULL));

  /* 4 and back, then on to 5. */
  press (solace_urge_dialog_get_part (dialog, "next"));
  g_assert_cmpint (solace_urge_dialog_get_step (dialog), ==, SOLACE_URGE_STEP_WRITE);
  press (solace_urge_dialog_get_part (dialog, "back"));
  g_assert_cmpint (solace_urge_dialog_get_step (dialog), ==, SOLACE_URGE_STEP_SOMEONE);
  press (solace_urge_dialog_get_part (dialog, "next"));
  press (solace_urge_dialog_get_part (dialog, "next"));
  g_assert_cmpint (solace_urge_dialog_get_step (dialog), ==, SOLACE_URGE_STEP_LOG);
  g_assert_false (gtk_widget_get_visible (solace_urge_dialog_get_part (dialog, "next")));

  /* 5: logged; the urge passed, the count goes on. */
  gtk_range_set_value (GTK_RANGE (solace_urge_dialog_get_part (dialog, "intensity")), 8);
  gtk_editable_set_text (GTK_EDITABLE (solace_urge_dialog_get_part (dialog, "cause")), "Our song on the radio");
  press (solace_urge_dialog_get_part (dialog, "passed"));
  wait_for_query (f, "SELECT count(*) FROM urge", 1);
  solace_test_spin (100);
  urge = solace_test_query_text (f->path, "SELECT intensity || '|' || cause || '|' || outcome FROM urge");
  g_assert_cmpstr (urge, ==, "8|Our song on the radio|passed");
  g_assert_cmpint (solace_urge_dialog_get_step (dialog), ==, SOLACE_URGE_STEP_DONE);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (solace_urge_dialog_get_part (dialog, "done-title"))), ==,
                   "You Rode It Out");
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (solace_urge_dialog_get_part (dialog, "done-message"))),
                            "still on day 10"));
  g_assert_cmpint (solace_test_query_int (f->path, "SELECT count(*) FROM stretch"), ==, 1);
  g_assert_cmpstr (solace_today_page_get_counter_text (today (f)), ==, "Day 10");

  /* Next time, the cause is offered back. */
  gtk_window_destroy (GTK_WINDOW (dialog));
  dialog = open_urge_dialog (f);
  g_assert_true (gtk_widget_get_visible (solace_urge_dialog_get_part (dialog, "causes")));
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static void
test_urge_reached_out (Fixture       *f,
                       gconstpointer  data)
{
  SolaceUrgeDialog *dialog;
  g_autofree char *today_day = days_ago (0);
  g_autofree char *ended = NULL;

  seed_stretch (f, 9);
  start (f);
  dialog = open_urge_dialog (f);
  /* Straight to the log: every step can be skipped. */
  for (guint i = 0; i < 4; i++)
    press (solace_urge_dialog_get_part (dialog, "next"));
  g_assert_cmpint (solace_urge_dialog_get_step (dialog), ==, SOLACE_URGE_STEP_LOG);
  press (solace_urge_dialog_get_part (dialog, "reached-out"));
  wait_for_query (f, "SELECT count(*) FROM stretch", 2);
  solace_test_spin (100);

  /* The stretch ends today and a new one starts; nothing is erased. */
  ended = solace_test_query_text (f->path, "SELECT ended_on FROM stretch WHERE uuid = 's1'");
  g_assert_cmpstr (ended, ==, today_day);
  g_assert_cmpstr (solace_today_page_get_counter_text (today (f)), ==, "Day 1");
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (part (f, "totals"))), ==,
                   "Longest stretch: 9 days · 10 days without contact in all");
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (solace_urge_dialog_get_part (dialog, "done-title"))), ==,
                   "That Happens");
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (solace_urge_dialog_get_part (dialog, "done-message"))),
                            "You went 9 days without contact"));
  g_assert_cmpint (solace_test_query_int (f->path, "SELECT count(*) FROM urge WHERE outcome = 'reached-out'"), ==, 1);
  gtk_window_destroy (GTK_WINDOW (dialog));
}

/* A write that fails says so, keeps the dialog and what was typed, and
 * changes nothing. */
static void
test_urge_save_fails (Fixture       *f,
                      gconstpointer  data)
{
  SolaceUrgeDialog *dialog;

  seed_stretch (f, 4);
  start (f);
  dialog = open_urge_dialog (f);
  for (guint i = 0; i < 4; i++)
    press (solace_urge_dialog_get_part (dialog, "next"));
  gtk_editable_set_text (GTK_EDITABLE (solace_urge_dialog_get_part (dialog, "cause")), "Late at night");
  /* The table disappears behind Solace's back. */
  solace_test_exec (f->path, "DROP TABLE urge");
  press (solace_urge_dialog_get_part (dialog, "reached-out"));
  solace_test_spin (500);

  g_assert_cmpint (solace_urge_dialog_get_step (dialog), ==, SOLACE_URGE_STEP_LOG);
  g_assert_true (gtk_widget_get_visible (solace_urge_dialog_get_part (dialog, "error")));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (solace_urge_dialog_get_part (dialog, "cause"))), ==, "Late at night");
  g_assert_true (gtk_widget_get_sensitive (solace_urge_dialog_get_part (dialog, "passed")));
  /* The stretch was not ended either: one transaction. */
  g_assert_cmpint (solace_test_query_int (f->path, "SELECT count(*) FROM stretch WHERE ended_on IS NULL"), ==, 1);
  g_assert_cmpint (solace_test_query_int (f->path, "SELECT count(*) FROM stretch"), ==, 1);
  g_assert_cmpstr (solace_today_page_get_counter_text (today (f)), ==, "Day 5");
  gtk_window_destroy (GTK_WINDOW (dialog));
}

/* Write it instead: the dialog gives way to an unsent letter. */
static void
test_urge_write (Fixture       *f,
                 gconstpointer  data)
{
  SolaceUrgeDialog *dialog;

  start (f);
  dialog = open_urge_dialog (f);
  for (guint i = 0; i < 3; i++)
    press (solace_urge_dialog_get_part (dialog, "next"));
  press (solace_urge_dialog_get_part (dialog, "write"));
  solace_test_spin (100);
  g_assert_null (solace_test_find_window (SOLACE_TYPE_URGE_DIALOG, TRUE));
  g_assert_cmpstr (solace_window_get_visible_page (SOLACE_WINDOW (f->window)), ==, "journal");
  {
    SolaceJournalPage *journal = solace_window_get_journal_page (SOLACE_WINDOW (f->window));
    SolaceJournalEntry *entry = solace_journal_editor_get_entry (solace_journal_page_get_editor (journal));

    /* An unsent letter, as the step said. */
    g_assert_nonnull (entry);
    g_assert_cmpint (solace_journal_entry_get_kind (entry), ==, SOLACE_ENTRY_KIND_LETTER);
  }
}

/* ---- Insights ------------------------------------------------------- */

static void
test_insights (Fixture       *f,
               gconstpointer  data)
{
  const int moods[] = { 4, 3, 3, 2, 5 };
  SolaceInsights *insights;
  g_autofree char *urges = NULL;
  g_autofree char *sql = NULL;
  g_autofree char *day = days_ago (1);
  const char *text;

  seed_moods (f, moods, G_N_ELEMENTS (moods));
  sql = g_strdup_printf ("INSERT INTO urge (uuid, at, day, intensity, cause, outcome) VALUES"
                         " ('u1', 1, '%s', 6, 'Photos', 'passed'), ('u2', 2, '%s', 8, 'photos', 'passed')", day, day);
  seed (f, sql);
  start (f);
  insights = SOLACE_INSIGHTS (part (f, "insights"));

  text = solace_chart_get_description (solace_insights_get_chart (insights, SOLACE_INSIGHT_MOOD));
  g_assert_cmpstr (text, ==, "Mood over the last 4 weeks: 5 check-ins, average 3.4 out of 5, lowest 2, highest 5.");
  text = solace_chart_get_description (solace_insights_get_chart (insights, SOLACE_INSIGHT_URGES));
  g_assert_nonnull (strstr (text, "Average strength 7.0 out of 10."));
  text = solace_chart_get_description (solace_insights_get_chart (insights, SOLACE_INSIGHT_TRIGGERS));
  g_assert_cmpstr (text, ==, "What sets the urges off, most common first: photos (2).");
  g_assert_cmpuint (solace_chart_data_get_n_points (solace_chart_get_data (solace_insights_get_chart (insights, SOLACE_INSIGHT_MOOD))), ==, 28);
  g_assert_cmpuint (solace_chart_data_get_n_points (solace_chart_get_data (solace_insights_get_chart (insights, SOLACE_INSIGHT_URGES))), ==, 4);

  /* Twelve weeks: more points, the same facts. */
  solace_insights_set_weeks (insights, 12);
  g_assert_cmpuint (solace_insights_get_weeks (insights), ==, 12);
  g_assert_cmpuint (solace_chart_data_get_n_points (solace_chart_get_data (solace_insights_get_chart (insights, SOLACE_INSIGHT_MOOD))), ==, 84);
  g_assert_cmpuint (solace_chart_data_get_n_points (solace_chart_get_data (solace_insights_get_chart (insights, SOLACE_INSIGHT_SELF_CARE))), ==, 12);
  text = solace_chart_get_description (solace_insights_get_chart (insights, SOLACE_INSIGHT_MOOD));
  g_assert_true (g_str_has_prefix (text, "Mood over the last 12 weeks: 5 check-ins"));
}

/* ---- Welcome -------------------------------------------------------- */

static void
test_welcome (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new ("io.github.solace_app.Solace");
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) ago = g_date_time_add_days (now, -5);
  g_autoptr(GDateTime) tomorrow = g_date_time_add_days (now, 1);
  SolaceWelcome *welcome;
  g_autofree char *reasons = NULL;
  g_autofree char *person = NULL;

  g_settings_set_boolean (settings, "welcome-done", FALSE);
  start (f);
  welcome = wait_for_welcome (f);
  g_assert_nonnull (welcome);
  g_assert_cmpuint (solace_welcome_get_step (welcome), ==, 0);

  /* A day still to come is refused where it was chosen. */
  gtk_calendar_select_day (GTK_CALENDAR (solace_welcome_get_part (welcome, "calendar")), tomorrow);
  press (solace_welcome_get_part (welcome, "next"));
  g_assert_cmpuint (solace_welcome_get_step (welcome), ==, 0);
  g_assert_true (gtk_widget_get_visible (solace_welcome_get_part (welcome, "error")));

  gtk_calendar_select_day (GTK_CALENDAR (solace_welcome_get_part (welcome, "calendar")), ago);
  press (solace_welcome_get_part (welcome, "next"));
  g_assert_cmpuint (solace_welcome_get_step (welcome), ==, 1);
  gtk_editable_set_text (GTK_EDITABLE (solace_welcome_get_part (welcome, "reason-0")), "I deserve calm");
  gtk_editable_set_text (GTK_EDITABLE (solace_welcome_get_part (welcome, "reason-2")), "My friends");
  press (solace_welcome_get_part (welcome, "next"));
  gtk_editable_set_text (GTK_EDITABLE (solace_welcome_get_part (welcome, "name")), "Maya");
  gtk_editable_set_text (GTK_EDITABLE (solace_welcome_get_part (welcome, "phone")), "+44 7700 900123");
  press (solace_welcome_get_part (welcome, "next"));
  g_assert_cmpuint (solace_welcome_get_step (welcome), ==, 3);
  gtk_switch_set_active (GTK_SWITCH (solace_welcome_get_part (welcome, "gratitude")), TRUE);
  press (solace_welcome_get_part (welcome, "next"));
  solace_test_spin (300);

  /* Everything landed, and Today counts. */
  g_assert_null (solace_test_find_window (SOLACE_TYPE_WELCOME, TRUE));
  g_assert_true (g_settings_get_boolean (settings, "welcome-done"));
  g_assert_cmpstr (solace_today_page_get_counter_text (today (f)), ==, "Day 6");
  g_assert_cmpstr (solace_window_get_visible_page (SOLACE_WINDOW (f->window)), ==, "today");
  reasons = solace_test_query_text (f->path, "SELECT group_concat (text, '|') FROM (SELECT text FROM reason ORDER BY position)");
  g_assert_cmpstr (reasons, ==, "I deserve calm|My friends");
  solace_contact_store_flush (solace_application_get_contacts (f->app));
  person = solace_test_query_text (f->path, "SELECT name || ' ' || phone || ' ' || kind FROM contact");
  g_assert_cmpstr (person, ==, "Maya +44 7700 900123 person");
  g_assert_cmpint (solace_test_query_int (f->path, "SELECT enabled FROM reminder WHERE key = 'gratitude'"), ==, 1);

  /* Not again. */
  stop (f);
  start (f);
  g_assert_null (wait_for_welcome (f));
}

static void
test_welcome_skipped (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new ("io.github.solace_app.Solace");
  SolaceWelcome *welcome;

  g_settings_set_boolean (settings, "welcome-done", FALSE);
  start (f);
  welcome = wait_for_welcome (f);
  g_assert_nonnull (welcome);
  press (solace_welcome_get_part (welcome, "skip"));
  solace_test_spin (100);
  g_assert_null (solace_test_find_window (SOLACE_TYPE_WELCOME, TRUE));
  g_assert_true (g_settings_get_boolean (settings, "welcome-done"));
  g_assert_cmpint (solace_test_query_int (f->path, "SELECT count(*) FROM stretch"), ==, 0);
  g_assert_cmpint (solace_test_query_int (f->path, "SELECT count(*) FROM reminder WHERE enabled"), ==, 0);
  g_assert_cmpstr (solace_today_page_get_counter_text (today (f)), ==, "Day One Starts When You Choose");
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *home = solace_test_app_init (&argc, &argv);
  int ret;

#define ADD(name, func) g_test_add (name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/today-ui/counter-and-milestone", test_counter_and_milestone);
  ADD ("/today-ui/choose-start", test_choose_start);
  ADD ("/today-ui/check-in", test_check_in);
  ADD ("/today-ui/check-in-across-midnight", test_check_in_across_midnight);
  ADD ("/today-ui/professional-help", test_professional_help);
  ADD ("/today-ui/urge-passed", test_urge_passed);
  ADD ("/today-ui/urge-reached-out", test_urge_reached_out);
  ADD ("/today-ui/urge-save-fails", test_urge_save_fails);
  ADD ("/today-ui/urge-write", test_urge_write);
  ADD ("/today-ui/insights", test_insights);
  ADD ("/today-ui/welcome", test_welcome);
  ADD ("/today-ui/welcome-skipped", test_welcome_skipped);
#undef ADD

  ret = g_test_run ();
  solace_test_rm_rf (home);

  return ret;
}
