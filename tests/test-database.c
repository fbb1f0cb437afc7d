/* test-database.c — opening, migrating, and refusing bad files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "solace-database.h"
#include "solace-error.h"
#include "solace-journal-store.h"
#include "solace-utils.h"
#include "solace-test-utils.h"

typedef struct {
  char *dir;
  char *path;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->dir = solace_test_make_world_dir ();
  f->path = g_build_filename (f->dir, "solace", "solace.db", NULL);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  solace_test_rm_rf (f->dir);
  g_free (f->dir);
  g_free (f->path);
}

static void
write_file (const char *path,
            const char *contents,
            gssize      length)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autoptr(GError) error = NULL;

  g_mkdir_with_parents (dir, 0700);
  g_file_set_contents (path, contents, length, &error);
  g_assert_no_error (error);
}

static void
test_fresh_database (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(SolaceDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_path_get_dirname (f->path);
  g_autofree char *mode = NULL;
  struct stat st;
  mode_t old_umask;

  /* Even a careless umask must not make the journal readable to others. */
  old_umask = umask (0);
  db = solace_database_open (f->path, SOLACE_DATABASE_FLAGS_NONE, &error);
  umask (old_umask);
  g_assert_no_error (error);
  g_assert_nonnull (db);

  g_assert_cmpint (g_stat (dir, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0700);
  g_assert_cmpint (g_stat (f->path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  g_assert_cmpint (solace_database_get_version (db), ==, solace_database_get_latest_version ());
  g_assert_false (solace_database_is_read_only (db));

  mode = solace_test_query_text (f->path, "PRAGMA journal_mode");
  g_assert_cmpstr (mode, ==, "wal");
  g_assert_cmpint (solace_test_query_int (f->path, "PRAGMA user_version"), ==,
                   solace_database_get_latest_version ());
  g_assert_cmpint (solace_test_query_int (f->path,
                                          "SELECT count(*) FROM sqlite_master WHERE name = 'journal_entry'"),
                   ==, 1);

  /* The -wal file SQLite made is private too. */
  {
    g_autofree char *wal = g_strconcat (f->path, "-wal", NULL);

    if (g_stat (wal, &st) == 0)
      g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  }
}

static void
test_loose_permissions_tightened (Fixture       *f,
                                  gconstpointer  data)
{
  g_autoptr(SolaceDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  struct stat st;

  write_file (f->path, "", 0);
  g_chmod (f->path, 0644);

  db = solace_database_open (f->path, SOLACE_DATABASE_FLAGS_NONE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_stat (f->path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
}

static void
test_reopen_keeps_data (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDate) start = g_date_new_dmy (3, G_DATE_MARCH, 2026);
  g_autoptr(GDate) read_back = NULL;

  {
    g_autoptr(SolaceDatabase) db = solace_database_open (f->path, SOLACE_DATABASE_FLAGS_NONE, &error);

    g_assert_no_error (error);
    g_assert_null (solace_database_get_stretch_start (db, &error));
    g_assert_no_error (error);
    g_assert_true (solace_database_set_stretch_start (db, start, &error));
    g_assert_no_error (error);
  }

  {
    g_autoptr(SolaceDatabase) db = solace_database_open (f->path, SOLACE_DATABASE_FLAGS_NONE, &error);

    g_assert_no_error (error);
    read_back = solace_database_get_stretch_start (db, &error);
    g_assert_no_error (error);
    g_assert_nonnull (read_back);
    g_assert_cmpint (g_date_compare (read_back, start), ==, 0);
  }

  /* Changing the day changes the one open stretch, never adds one. */
  {
    g_autoptr(SolaceDatabase) db = solace_database_open (f->path, SOLACE_DATABASE_FLAGS_NONE, &error);
    g_autoptr(GDate) later = g_date_new_dmy (10, G_DATE_MARCH, 2026);

    g_assert_true (solace_database_set_stretch_start (db, later, &error));
    g_assert_no_error (error);
  }
  g_assert_cmpint (solace_test_query_int (f->path, "SELECT count(*) FROM stretch"), ==, 1);
  {
    g_autofree char *day = solace_test_query_text (f->path, "SELECT started_on FROM stretch");
    g_assert_cmpstr (day, ==, "2026-03-10");
  }
}

static void
test_not_a_database (Fixture       *f,
                     gconstpointer  data)
{
  static const char garbage[] = "These are my private notes, not a database at all.\n"
                                "0123456789abcdefghijklmnopqrstuvwxyz0123456789abcdefghijklmnopqrstuvwxyz"
                                "0123456789abcdefghijklmnopqrstuvwxyz0123456789abcdefghijklmnopqrstuvwxyz";
  g_autoptr(SolaceDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *wal = g_strconcat (f->path, "-wal", NULL);

  write_file (f->path, garbage, -1);
  before = solace_test_checksum_file (f->path);

  db = solace_database_open (f->path, SOLACE_DATABASE_FLAGS_NONE, &error);
  g_assert_null (db);
  g_assert_error (error, SOLACE_ERROR, SOLACE_ERROR_NOT_A_DATABASE);
  /* The message names the file so the person can find it. */
  g_assert_nonnull (strstr (error->message, f->path));

  after = solace_test_checksum_file (f->path);
  g_assert_cmpstr (before, ==, after);
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));

  /* Read-only is refused the same way. */
  g_clear_error (&error);
  db = solace_database_open (f->path, SOLACE_DATABASE_FLAGS_READ_ONLY, &error);
  g_assert_null (db);
  g_assert_error (error, SOLACE_ERROR, SOLACE_ERROR_NOT_A_DATABASE);
}

static void
make_journal (const char *path,
              guint       n_entries)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SolaceDatabase) db = solace_database_open (path, SOLACE_DATABASE_FLAGS_NONE, &error);
  g_autoptr(SolaceJournalStore) store = NULL;

  g_assert_no_error (error);
  store = solace_journal_store_new (db, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < n_entries; i++)
    {
      g_autoptr(SolaceJournalEntry) entry = solace_journal_entry_new (SOLACE_ENTRY_KIND_REFLECTION);
      g_autofree char *body = g_strdup_printf ("Entry %u. %s", i,
                                               "Today I walked by the river and thought about everything. "
                                               "It was hard, but I kept going and called a friend afterwards.");

      solace_journal_entry_set_body (entry, body);
      g_assert_cmpint (solace_journal_store_save (store, entry, &error), >, 0);
      g_assert_no_error (error);
    }

  /* Fold the WAL into the main file so damage to it is damage to all. */
  g_assert_true (solace_database_exec (db, "PRAGMA wal_checkpoint(TRUNCATE)", &error));
  g_assert_no_error (error);
}

static gboolean
store_settled (gpointer data)
{
  return !solace_journal_store_get_loading (data);
}

static void
failed_cb (SolaceJournalStore *store,
           const GError       *error,
           GError            **out)
{
  if (*out == NULL)
    *out = g_error_copy (error);
}

static void
test_damaged_file (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *contents = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) load_error = NULL;
  g_autoptr(SolaceDatabase) db = NULL;
  gsize length;

  make_journal (f->path, 200);

  /* Scribble over the middle of the file, past the header. */
  g_assert_true (g_file_get_contents (f->path, &contents, &length, NULL));
  g_assert_cmpuint (length, >, 8192);
  for (gsize i = 4096; i < length - 100; i += 7)
    contents[i] = (char) (i * 31);
  write_file (f->path, contents, length);
  before = solace_test_checksum_file (f->path);

  db = solace_database_open (f->path, SOLACE_DATABASE_FLAGS_NONE, &error);
  if (db == NULL)
    {
      g_assert_true (g_error_matches (error, SOLACE_ERROR, SOLACE_ERROR_CORRUPT) ||
                     g_error_matches (error, SOLACE_ERROR, SOLACE_ERROR_NOT_A_DATABASE));
    }
  else
    {
      g_autoptr(SolaceJournalStore) store = NULL;

      /* The header survived, so the damage shows when the data is read:
       * the integrity check says so, and the list reports it instead of
       * showing half a journal as if it were whole. */
      g_assert_false (solace_database_check_integrity (db, &error));
      g_assert_error (error, SOLACE_ERROR, SOLACE_ERROR_CORRUPT);
      g_clear_error (&error);

      store = solace_journal_store_new (db, &error);
      g_assert_no_error (error);
      g_assert_nonnull (store);
        {
          g_signal_connect (store, "failed", G_CALLBACK (failed_cb), &load_error);
          g_assert_true (solace_test_wait_until (store_settled, store, 10000));
          g_assert_nonnull (load_error);
          g_assert_true (load_error->domain == SOLACE_ERROR);
        }
      g_clear_object (&store);
      g_clear_object (&db);
    }

  after = solace_test_checksum_file (f->path);
  g_assert_cmpstr (before, ==, after);
}

static void
test_newer_schema (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(SolaceDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  make_journal (f->path, 3);
  solace_test_exec (f->path, "PRAGMA user_version = 99");
  before = solace_test_checksum_file (f->path);

  db = solace_database_open (f->path, SOLACE_DATABASE_FLAGS_NONE, &error);
  g_assert_null (db);
  g_assert_error (error, SOLACE_ERROR, SOLACE_ERROR_NEWER_SCHEMA);
  g_assert_nonnull (strstr (error->message, "99"));

  g_clear_error (&error);
  db = solace_database_open (f->path, SOLACE_DATABASE_FLAGS_READ_ONLY, &error);
  g_assert_null (db);
  g_assert_error (error, SOLACE_ERROR, SOLACE_ERROR_NEWER_SCHEMA);

  after = solace_test_checksum_file (f->path);
  g_assert_cmpstr (before, ==, after);
  g_assert_cmpint (solace_test_query_int (f->path, "SELECT count(*) FROM journal_entry"), ==, 3);
}

/* Makes the file look as the build that wrote schema @version left it:
 * today's schema less what later migrations add. */
/* Schema 6's reminder tables, in the journal itself. */
#define SCHEMA_6_REMINDERS \
  "CREATE TABLE main.reminder (id INTEGER PRIMARY KEY, key TEXT NOT NULL UNIQUE," \
  "  kind TEXT NOT NULL CHECK (kind IN ('gratitude', 'nudge', 'check-in', 'boundary', 'session', 'milestone'))," \
  "  enabled INTEGER NOT NULL DEFAULT 0 CHECK (enabled IN (0, 1)), rrule TEXT NOT NULL," \
  "  dtstart TEXT NOT NULL, last_due INTEGER NOT NULL, snoozed_until INTEGER," \
  "  updated_at INTEGER NOT NULL);" \
  "CREATE TABLE main.reminder_firing (id INTEGER PRIMARY KEY," \
  "  reminder_id INTEGER NOT NULL REFERENCES reminder (id) ON DELETE CASCADE," \
  "  due_at INTEGER NOT NULL, fired_at INTEGER NOT NULL," \
  "  outcome TEXT NOT NULL DEFAULT 'shown' CHECK (outcome IN ('shown', 'done', 'snoozed'))," \
  "  UNIQUE (reminder_id, due_at));"

static void
remove_reminders_db (const char *journal_path)
{
  g_autofree char *reminders = solace_database_dup_reminders_path (journal_path);
  const char *suffixes[] = { "", "-wal", "-shm" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (reminders, suffixes[i], NULL);
      g_remove (file);
    }
}

static void
remove_journal (const char *path)
{
  const char *suffixes[] = { "", "-wal", "-shm" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);
      g_remove (file);
    }
}

static void
downgrade (const char *path,
           int         version)
{
  if (version < 8)
    /* Schema 7's incident record: no senders, witnesses or files. */
    solace_test_exec (path,
                      "DROP TRIGGER incident_attachment_no_update; DROP TRIGGER incident_attachment_no_delete;"
                      "DROP TABLE incident_attachment;"
                      "ALTER TABLE incident DROP COLUMN sender;"
                      "ALTER TABLE incident DROP COLUMN witnesses;"
                      "ALTER TABLE incident DROP COLUMN reference;"
                      "ALTER TABLE incident DROP COLUMN form;");
  if (version < 7)
    {
      /* The reminders back in the journal, as schema 6 kept them, with
       * their ids and their preferences; no reminders.db yet. */
      solace_test_exec (path,
                        SCHEMA_6_REMINDERS
                        "INSERT INTO main.reminder SELECT id, key, kind, enabled, rrule, dtstart, last_due,"
                        "  snoozed_until, updated_at FROM reminders.reminder;"
                        "INSERT INTO main.reminder_firing SELECT * FROM reminders.reminder_firing;"
                        "INSERT INTO main.preference SELECT * FROM reminders.reminder_setting;");
      remove_reminders_db (path);
    }
  if (version < 6)
    solace_test_exec (path, "DROP TABLE urge; DROP TABLE reason; DROP TABLE check_in; DROP TABLE milestone_seen");
  if (version < 5)
    /* Schema 4's reminder tables, whose CHECK knew no sessions. */
    solace_test_exec (path,
                      "ALTER TABLE contact DROP COLUMN next_session;"
                      "ALTER TABLE contact DROP COLUMN session_remind;"
                      "DELETE FROM reminder WHERE kind = 'session';"
                      "ALTER TABLE reminder_firing RENAME TO f_new;"
                      "ALTER TABLE reminder RENAME TO r_new;"
                      "CREATE TABLE reminder (id INTEGER PRIMARY KEY, key TEXT NOT NULL UNIQUE,"
                      "  kind TEXT NOT NULL CHECK (kind IN ('gratitude', 'nudge', 'check-in', 'boundary')),"
                      "  enabled INTEGER NOT NULL DEFAULT 0 CHECK (enabled IN (0, 1)), rrule TEXT NOT NULL,"
                      "  dtstart TEXT NOT NULL, last_due INTEGER NOT NULL, snoozed_until INTEGER,"
                      "  updated_at INTEGER NOT NULL);"
                      "INSERT INTO reminder SELECT * FROM r_new;"
                      "CREATE TABLE reminder_firing (id INTEGER PRIMARY KEY,"
                      "  reminder_id INTEGER NOT NULL REFERENCES reminder (id) ON DELETE CASCADE,"
                      "  due_at INTEGER NOT NULL, fired_at INTEGER NOT NULL,"
                      "  outcome TEXT NOT NULL DEFAULT 'shown' CHECK (outcome IN ('shown', 'done', 'snoozed')),"
                      "  UNIQUE (reminder_id, due_at));"
                      "INSERT INTO reminder_firing SELECT * FROM f_new;"
                      "DROP TABLE f_new; DROP TABLE r_new;");
  if (version < 4)
    solace_test_exec (path, "DROP TABLE contact");
  if (version < 3)
    solace_test_exec (path, "DROP TRIGGER incident_no_update; DROP TRIGGER incident_no_delete;"
                            "DROP TABLE incident; DROP TABLE plan_step; DROP TABLE boundary");
  if (version < 2)
    solace_test_exec (path, "DROP TABLE reminder_firing; DROP TABLE reminder; DROP TABLE preference");
  {
    g_autofree char *pragma = g_strdup_printf ("PRAGMA user_version = %d", version);
    solace_test_exec (path, pragma);
  }
}

/* A database left at schema 0 (an empty file) or made by an older
 * build migrates forward and keeps its rows. */
static void
test_migrates_from_every_version (Fixture       *f,
                                  gconstpointer  data)
{
  g_autoptr(SolaceDatabase) db = NULL;
  g_autoptr(GError) error = NULL;

  write_file (f->path, "", 0);
  db = solace_database_open (f->path, SOLACE_DATABASE_FLAGS_NONE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (solace_database_get_version (db), ==, solace_database_get_latest_version ());
  g_clear_object (&db);

  /* Schema 1, as the first release wrote it, with rows in it: made
   * with today's schema, less what migration 2 adds. */
  make_journal (f->path, 2);
  downgrade (f->path, 1);
  g_assert_cmpint (solace_test_query_int (f->path,
                                          "SELECT count(*) FROM sqlite_schema WHERE name = 'reminder'"),
                   ==, 0);
  db = solace_database_open (f->path, SOLACE_DATABASE_FLAGS_NONE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (solace_database_get_version (db), ==, solace_database_get_latest_version ());
  g_assert_cmpint (solace_test_query_int (f->path, "SELECT count(*) FROM journal_entry"), ==, 2);
  /* Schema 2: the built-in reminders, all off until chosen. */
  g_assert_cmpint (solace_test_query_int (f->path, "SELECT count(*) FROM reminder"), ==, 8);
  g_assert_cmpint (solace_test_query_int (f->path, "SELECT count(*) FROM reminder WHERE enabled"), ==, 0);
  /* Schema 3: the distance plan's six steps, nothing else yet. */
  g_assert_cmpint (solace_test_query_int (f->path, "SELECT count(*) FROM plan_step"), ==, 6);
  g_assert_cmpint (solace_test_query_int (f->path, "SELECT count(*) FROM incident"), ==, 0);
  g_clear_object (&db);

  /* Schema 2, as the reminders release wrote it, with a reminder on. */
  solace_test_exec (f->path, "UPDATE reminder SET enabled = 1 WHERE key = 'gratitude'");
  downgrade (f->path, 2);
  db = solace_database_open (f->path, SOLACE_DATABASE_FLAGS_NONE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (solace_database_get_version (db), ==, solace_database_get_latest_version ());
  g_assert_cmpint (solace_test_query_int (f->path, "SELECT count(*) FROM journal_entry"), ==, 2);
  g_assert_cmpint (solace_test_query_int (f->path, "SELECT count(*) FROM reminder WHERE enabled"), ==, 1);
  g_assert_cmpint (solace_test_query_int (f->path, "SELECT count(*) FROM plan_step"), ==, 6);
  g_clear_object (&db);

  /* Schema 3, as the boundaries release wrote it, with a boundary. */
  solace_test_exec (f->path, "INSERT INTO boundary (uuid, title, created_at, updated_at) VALUES ('b', 'Kept', 0, 0)");
  downgrade (f->path, 3);
  db = solace_database_open (f->path, SOLACE_DATABASE_FLAGS_NONE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (solace_database_get_version (db), ==, solace_database_get_latest_version ());
  g_assert_cmpint (solace_test_query_int (f->path, "SELECT count(*) FROM boundary WHERE title = 'Kept'"), ==, 1);
  g_assert_cmpint (solace_test_query_int (f->path, "SELECT count(*) FROM contact"), ==, 0);
  g_clear_object (&db);

  /* Schema 4, as the support release wrote it: a contact, a reminder
   * that has fired.  Both survive the reminder table being rebuilt,
   * the firing still points at its reminder, and sessions fit. */
  solace_test_exec (f->path,
                    "INSERT INTO contact (uuid, kind, name, created_at, updated_at) VALUES ('c', 'therapist', 'Kept', 0, 0);"
                    "INSERT INTO reminder_firing (reminder_id, due_at, fired_at)"
                    "  SELECT id, 100, 100 FROM reminder WHERE key = 'gratitude'");
  downgrade (f->path, 4);
  g_assert_cmpint (solace_test_query_int (f->path,
                                          "SELECT count(*) FROM pragma_table_info ('contact') WHERE name = 'next_session'"),
                   ==, 0);
  db = solace_database_open (f->path, SOLACE_DATABASE_FLAGS_NONE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (solace_database_get_version (db), ==, solace_database_get_latest_version ());
  g_assert_cmpint (solace_test_query_int (f->path, "SELECT count(*) FROM reminder"), ==, 8);
  g_assert_cmpint (solace_test_query_int (f->path, "SELECT count(*) FROM reminder WHERE enabled"), ==, 1);
  g_assert_cmpint (solace_test_query_int (f->path,
                                          "SELECT count(*) FROM reminder_firing f JOIN reminder r ON r.id = f.reminder_id"
                                          " WHERE r.key = 'gratitude' AND f.due_at = 100"),
                   ==, 1);
  g_assert_cmpint (solace_test_query_int (f->path, "SELECT count(*) FROM pragma_foreign_key_check"), ==, 0);
  g_assert_cmpint (solace_test_query_int (f->path,
                                          "SELECT count(*) FROM sqlite_schema WHERE sql LIKE '%reminder_old%'"
                                          " OR name LIKE '%_old'"),
                   ==, 0);
  g_assert_cmpint (solace_test_query_int (f->path, "SELECT count(*) FROM contact WHERE name = 'Kept'"), ==, 1);
  g_assert_true (solace_database_exec (db,
                                       "INSERT INTO reminder (key, kind, rrule, dtstart, last_due, updated_at)"
                                       " VALUES ('session:c', 'session', 'FREQ=DAILY', '20260101T100000', 0, 0)",
                                       &error));
  g_assert_no_error (error);
  /* Deleting a reminder still takes its firings with it. */
  g_assert_true (solace_database_exec (db, "DELETE FROM reminder WHERE key = 'gratitude'", &error));
  g_assert_cmpint (solace_test_query_int (f->path, "SELECT count(*) FROM reminder_firing"), ==, 0);
  g_clear_object (&db);

  /* Schema 5, with a session booked: the progress tables arrive empty. */
  solace_test_exec (f->path, "UPDATE contact SET next_session = '20261203T150000', session_remind = 60");
  downgrade (f->path, 5);
  db = solace_database_open (f->path, SOLACE_DATABASE_FLAGS_NONE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (solace_database_get_version (db), ==, solace_database_get_latest_version ());
  g_assert_cmpint (solace_test_query_int (f->path, "SELECT session_remind FROM contact"), ==, 60);
  g_assert_cmpint (solace_test_query_int (f->path, "SELECT count(*) FROM urge"), ==, 0);
  g_assert_cmpint (solace_test_query_int (f->path, "SELECT count(*) FROM check_in"), ==, 0);
  /* One check-in a day, and only a mood from 1 to 5. */
  g_assert_true (solace_database_exec (db, "INSERT INTO check_in (uuid, day, mood, created_at, updated_at)"
                                           " VALUES ('a', '2026-11-27', 3, 0, 0)", &error));
  g_assert_false (solace_database_exec (db, "INSERT INTO check_in (uuid, day, mood, created_at, updated_at)"
                                            " VALUES ('b', '2026-11-27', 3, 0, 0)", &error));
  g_clear_error (&error);
  g_assert_false (solace_database_exec (db, "INSERT INTO check_in (uuid, day, mood, created_at, updated_at)"
                                            " VALUES ('c', '2026-11-28', 6, 0, 0)", &error));
  g_clear_error (&error);
  g_clear_object (&db);

  /* Schema 7, with an incident recorded: it keeps form 1, gains empty
   * senders, and files are as append-only as the records. */
  solace_test_exec (f->path,
                    "INSERT INTO incident (uuid, happened_at, recorded_at, channel, what, prev_hash, hash)"
                    " VALUES ('i', 1, 2, 'call', 'Kept', '', 'h')");
  downgrade (f->path, 7);
  g_assert_cmpint (solace_test_query_int (f->path,
                                          "SELECT count(*) FROM pragma_table_info ('incident') WHERE name = 'form'"),
                   ==, 0);
  db = solace_database_open (f->path, SOLACE_DATABASE_FLAGS_NONE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (solace_database_get_version (db), ==, solace_database_get_latest_version ());
  g_assert_cmpint (solace_test_query_int (f->path, "SELECT count(*) FROM incident WHERE what = 'Kept'"
                                                   " AND form = 1 AND sender IS NULL AND witnesses IS NULL"
                                                   " AND reference IS NULL"), ==, 1);
  g_assert_cmpint (solace_test_query_int (f->path, "SELECT count(*) FROM incident_attachment"), ==, 0);
  g_assert_true (solace_database_exec (db,
                                       "INSERT INTO incident_attachment (incident_uuid, position, name, media_type,"
                                       "  size, sha256, data) VALUES ('i', 0, 'a.png', 'image/png', 1, 'x', x'00')",
                                       &error));
  g_assert_no_error (error);
  g_assert_false (solace_database_exec (db, "UPDATE incident_attachment SET data = x'01'", &error));
  g_assert_nonnull (strstr (error->message, "append-only"));
  g_clear_error (&error);
  g_assert_false (solace_database_exec (db, "DELETE FROM incident_attachment", &error));
  g_clear_error (&error);
  /* A file belongs to a record that is there. */
  g_assert_false (solace_database_exec (db,
                                        "INSERT INTO incident_attachment (incident_uuid, position, name, media_type,"
                                        "  size, sha256, data) VALUES ('nobody', 0, 'a', 'b', 1, 'x', x'00')",
                                        &error));
  g_clear_error (&error);
  g_assert_cmpint (solace_test_query_int (f->path, "SELECT count(*) FROM incident_attachment"), ==, 1);
}

/* Opening a file in a folder Solace did not make leaves that folder's
 * permissions alone: pointing a tool at /tmp must not lock others out. */
static void
test_other_folder_untouched (Fixture       *f,
                             gconstpointer  data)
{
  g_autofree char *dir = solace_test_make_world_dir ();
  g_autofree char *path = g_build_filename (dir, "elsewhere.db", NULL);
  g_autoptr(SolaceDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  GStatBuf st;

  db = solace_database_open (path, SOLACE_DATABASE_FLAGS_NONE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_stat (dir, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0777);
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  g_clear_object (&db);
  solace_test_rm_rf (dir);
}

static gpointer
open_in_thread (gpointer path)
{
  g_autoptr(GError) error = NULL;
  SolaceDatabase *db = solace_database_open (path, SOLACE_DATABASE_FLAGS_NONE, &error);

  g_assert_no_error (error);
  return db;
}

/* The window and the reminder service start together at login, and both
 * may find an old schema: one migrates, the other waits and finds it done. */
static void
test_migrate_concurrently (Fixture       *f,
                           gconstpointer  data)
{
  for (guint round = 0; round < 10; round++)
    {
      GThread *threads[4];

      make_journal (f->path, 1);
      downgrade (f->path, 1);

      for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
        threads[i] = g_thread_new ("open", open_in_thread, f->path);
      for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
        {
          SolaceDatabase *db = g_thread_join (threads[i]);

          g_assert_nonnull (db);
          g_assert_cmpint (solace_database_get_version (db), ==, solace_database_get_latest_version ());
          g_object_unref (db);
        }

      g_assert_cmpint (solace_test_query_int (f->path, "SELECT count(*) FROM reminder"), ==, 8);
      solace_test_exec (f->path, "DELETE FROM journal_entry");
    }
}

static void
test_read_only_folder_subprocess (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *folder = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SolaceDatabase) db = NULL;
  g_autoptr(SolaceJournalStore) store = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  g_assert_true (solace_test_drop_root ());

  dir = g_strdup (g_getenv ("SOLACE_TEST_DIR"));
  folder = g_build_filename (dir, "solace", NULL);
  path = g_build_filename (folder, "solace.db", NULL);

  make_journal (path, 5);
  g_assert_cmpint (g_chmod (folder, 0500), ==, 0);
  g_assert_cmpint (g_chmod (path, 0400), ==, 0);
  before = solace_test_checksum_file (path);

  db = solace_database_open (path, SOLACE_DATABASE_FLAGS_NONE, &error);
  g_assert_null (db);
  g_assert_error (error, SOLACE_ERROR, SOLACE_ERROR_READ_ONLY);
  g_assert_nonnull (strstr (error->message, path));
  g_clear_error (&error);

  /* What the app falls back to: reading works, writing says why not. */
  db = solace_database_open (path, SOLACE_DATABASE_FLAGS_READ_ONLY, &error);
  g_assert_no_error (error);
  g_assert_true (solace_database_is_read_only (db));

  store = solace_journal_store_new (db, &error);
  g_assert_no_error (error);
  g_assert_true (solace_test_wait_until (store_settled, store, 5000));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 5);

  {
    g_autoptr(SolaceJournalEntry) entry = solace_journal_entry_new (SOLACE_ENTRY_KIND_LETTER);

    solace_journal_entry_set_body (entry, "Written while read-only");
    g_assert_cmpint (solace_journal_store_save (store, entry, &error), ==, 0);
    g_assert_error (error, SOLACE_ERROR, SOLACE_ERROR_READ_ONLY);
  }

  g_clear_object (&store);
  g_clear_object (&db);
  after = solace_test_checksum_file (path);
  g_assert_cmpstr (before, ==, after);

  g_chmod (folder, 0700);
  g_chmod (path, 0600);
}

static void
test_read_only_folder (Fixture       *f,
                       gconstpointer  data)
{
  g_setenv ("SOLACE_TEST_DIR", f->dir, TRUE);
  g_test_trap_subprocess ("/database/read-only-folder/subprocess", 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

static void
test_cannot_create_folder_subprocess (void)
{
  g_autofree char *dir = g_strdup (g_getenv ("SOLACE_TEST_DIR"));
  g_autofree char *path = g_build_filename (dir, "locked", "solace", "solace.db", NULL);
  g_autofree char *locked = g_build_filename (dir, "locked", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(SolaceDatabase) db = NULL;

  g_assert_true (solace_test_drop_root ());
  g_assert_cmpint (g_mkdir (locked, 0500), ==, 0);

  db = solace_database_open (path, SOLACE_DATABASE_FLAGS_NONE, &error);
  g_assert_null (db);
  g_assert_error (error, SOLACE_ERROR, SOLACE_ERROR_CANT_CREATE);
  g_assert_nonnull (strstr (error->message, locked));
  g_chmod (locked, 0700);
}

static void
test_cannot_create_folder (Fixture       *f,
                           gconstpointer  data)
{
  g_setenv ("SOLACE_TEST_DIR", f->dir, TRUE);
  g_test_trap_subprocess ("/database/cannot-create-folder/subprocess", 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

static guint
file_mode (const char *path)
{
  GStatBuf st;

  g_assert_cmpint (g_lstat (path, &st), ==, 0);
  return st.st_mode & 07777;
}

static guint
count_entries (SolaceDatabase *db)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SolaceJournalStore) store = solace_journal_store_new (db, &error);

  g_assert_no_error (error);
  g_assert_true (solace_test_wait_until (store_settled, store, 5000));
  return g_list_model_get_n_items (G_LIST_MODEL (store));
}

/* A journal in @dir/solace/solace.db as a last writer leaves it on
 * closing: all in the main file, no -wal or -shm, owned by @uid.  Made
 * here, in the test's own process, so that the subprocess that checks
 * it starts with no connection of its own already open. */
static void
make_closed_journal (const char *dir,
                     guint       n_entries,
                     uid_t       uid)
{
  g_autofree char *folder = g_build_filename (dir, "solace", NULL);
  g_autofree char *path = g_build_filename (folder, "solace.db", NULL);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);
  g_autofree char *reminders = solace_database_dup_reminders_path (path);
  g_autofree char *reminders_wal = g_strconcat (reminders, "-wal", NULL);
  g_autofree char *reminders_shm = g_strconcat (reminders, "-shm", NULL);
  GStatBuf st;

  make_journal (path, n_entries);
  if (g_stat (wal, &st) == 0)
    g_assert_cmpint (st.st_size, ==, 0);
  g_remove (wal);
  g_remove (shm);
  /* reminders.db beside it belongs to the same person. */
  if (g_stat (reminders_wal, &st) == 0)
    g_assert_cmpint (st.st_size, ==, 0);
  g_remove (reminders_wal);
  g_remove (reminders_shm);
  g_assert_cmpint (chown (folder, uid, uid), ==, 0);
  g_assert_cmpint (chown (path, uid, uid), ==, 0);
  g_assert_cmpint (chown (reminders, uid, uid), ==, 0);
  g_assert_cmpuint (file_mode (path), ==, 0600);
  g_assert_cmpuint (file_mode (reminders), ==, 0600);
}

/* Runs /database/@name/subprocess on @dir: as "nobody", whom the
 * kernel stops from writing, or else as root, whom only Solace's own
 * respect for a missing write bit stops. */
static void
run_subprocess (const char *name,
                const char *dir,
                gboolean    as_nobody)
{
  g_autofree char *test = g_strdup_printf ("/database/%s/subprocess", name);

  g_setenv ("SOLACE_TEST_DIR", dir, TRUE);
  g_setenv ("SOLACE_TEST_AS_NOBODY", as_nobody ? "1" : "0", TRUE);
  g_test_trap_subprocess (test, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

static void
become_test_user (void)
{
  if (g_strcmp0 (g_getenv ("SOLACE_TEST_AS_NOBODY"), "1") == 0)
    {
      g_assert_true (solace_test_drop_root ());
      g_assert_cmpint (geteuid (), !=, 0);
    }
}

/* A data folder the person made read-only (chmod 0500 or 0555) while
 * the database in it is still 0600: its write permission is never put
 * back, only group and other bits are taken away, and the data opens
 * read-only with nothing written. */
static void
test_read_only_data_folder_subprocess (void)
{
  g_autofree char *folder = g_build_filename (g_getenv ("SOLACE_TEST_DIR"), "solace", NULL);
  g_autofree char *path = g_build_filename (folder, "solace.db", NULL);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SolaceDatabase) db = NULL;

  become_test_user ();
  before = solace_test_checksum_file (path);

  for (guint i = 0; i < 2; i++)
    {
      g_assert_cmpint (g_chmod (folder, i == 0 ? 0555 : 0500), ==, 0);
      /* (Root's read-only open of the round before can make them.) */
      g_remove (wal);
      g_remove (shm);

      db = solace_database_open (path, SOLACE_DATABASE_FLAGS_NONE, &error);
      g_assert_null (db);
      g_assert_error (error, SOLACE_ERROR, SOLACE_ERROR_READ_ONLY);
      g_assert_nonnull (strstr (error->message, folder));
      g_clear_error (&error);

      /* Tightened (0555 to 0500), never loosened. */
      g_assert_cmpuint (file_mode (folder), ==, 0500);
      g_assert_cmpuint (file_mode (path), ==, 0600);
      g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
      g_assert_false (g_file_test (shm, G_FILE_TEST_EXISTS));

      /* What the window and the service fall back to. */
      db = solace_database_open (path, SOLACE_DATABASE_FLAGS_READ_ONLY, &error);
      g_assert_no_error (error);
      g_assert_true (solace_database_is_read_only (db));
      g_assert_cmpuint (count_entries (db), ==, 3);
      g_clear_object (&db);

      g_assert_cmpuint (file_mode (folder), ==, 0500);
    }

  after = solace_test_checksum_file (path);
  g_assert_cmpstr (before, ==, after);
  g_chmod (folder, 0700);
}

static void
test_read_only_data_folder (Fixture       *f,
                            gconstpointer  data)
{
  g_autofree char *as_user = g_build_filename (f->dir, "as-user", NULL);
  g_autofree char *as_root = g_build_filename (f->dir, "as-root", NULL);

  g_assert_cmpint (g_mkdir (as_user, 0777), ==, 0);
  g_chmod (as_user, 0777);
  make_closed_journal (as_user, 3, geteuid () == 0 ? 65534 : geteuid ());
  run_subprocess ("read-only-data-folder", as_user, TRUE);

  if (geteuid () == 0)
    {
      g_assert_cmpint (g_mkdir (as_root, 0700), ==, 0);
      make_closed_journal (as_root, 3, 0);
      run_subprocess ("read-only-data-folder", as_root, FALSE);
    }
}

/* After a read-only session (the database chmod 0400), SQLite leaves
 * -wal and -shm files with that mode.  Once the database is writable
 * again, so are they: saving works, even while another process (the
 * reminder service) still has the database open from before. */
static void
test_read_only_session_leftovers_subprocess (void)
{
  g_autofree char *path = g_build_filename (g_getenv ("SOLACE_TEST_DIR"), "solace", "solace.db", NULL);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);
  g_autoptr(SolaceDatabase) reader = NULL;
  g_autoptr(SolaceDatabase) db = NULL;
  g_autoptr(SolaceJournalStore) store = NULL;
  g_autoptr(SolaceJournalEntry) entry = NULL;
  g_autoptr(GDate) start = g_date_new_dmy (1, G_DATE_JANUARY, 2026);
  g_autoptr(GError) error = NULL;

  become_test_user ();
  g_assert_cmpint (g_chmod (path, 0400), ==, 0);

  /* The read-only session: the window falls back to reading. */
  db = solace_database_open (path, SOLACE_DATABASE_FLAGS_NONE, &error);
  g_assert_error (error, SOLACE_ERROR, SOLACE_ERROR_READ_ONLY);
  g_clear_error (&error);
  reader = solace_database_open (path, SOLACE_DATABASE_FLAGS_READ_ONLY, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (count_entries (reader), ==, 2);

  /* What SQLite leaves behind: the cause of the failed saves. */
  g_assert_cmpuint (file_mode (shm), ==, 0400);

  /* The person gives write permission back and starts Solace while
   * the reader (the service) still has the database open. */
  g_assert_cmpint (g_chmod (path, 0600), ==, 0);
  db = solace_database_open (path, SOLACE_DATABASE_FLAGS_NONE, &error);
  g_assert_no_error (error);
  g_assert_false (solace_database_is_read_only (db));
  g_assert_cmpuint (file_mode (shm), ==, 0600);
  if (g_file_test (wal, G_FILE_TEST_EXISTS))
    g_assert_cmpuint (file_mode (wal), ==, 0600);

  store = solace_journal_store_new (db, &error);
  g_assert_no_error (error);
  entry = solace_journal_entry_new (SOLACE_ENTRY_KIND_GRATITUDE);
  solace_journal_entry_set_body (entry, "Saved after a read-only day");
  g_assert_cmpint (solace_journal_store_save (store, entry, &error), >, 0);
  g_assert_no_error (error);
  g_assert_cmpint (solace_test_query_int (path, "SELECT count(*) FROM journal_entry"), ==, 3);

  /* The older connection sees it too: nothing was swapped under it. */
  g_assert_cmpuint (count_entries (reader), ==, 3);
  g_clear_object (&store);
  g_clear_object (&db);
  g_clear_object (&reader);

  /* And every later start saves as well. */
  db = solace_database_open (path, SOLACE_DATABASE_FLAGS_NONE, &error);
  g_assert_no_error (error);
  g_assert_true (solace_database_set_stretch_start (db, start, &error));
  g_assert_no_error (error);
}

static void
test_read_only_session_leftovers (Fixture       *f,
                                  gconstpointer  data)
{
  make_closed_journal (f->dir, 2, geteuid () == 0 ? 65534 : geteuid ());
  run_subprocess ("read-only-session-leftovers", f->dir, TRUE);
}

/* Every open tightens a loose database, its -wal and -shm and the data
 * folder, read-only opens included (the command line, the reminder
 * service's fallback, the window's); only for files this user owns. */
static void
test_loose_permissions_read_only_open (Fixture       *f,
                                       gconstpointer  data)
{
  g_autofree char *folder = g_path_get_dirname (f->path);
  g_autofree char *wal = g_strconcat (f->path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (f->path, "-shm", NULL);
  g_autofree char *other = g_build_filename (f->dir, "other", "solace", "solace.db", NULL);
  g_autoptr(SolaceDatabase) writer = NULL;
  g_autoptr(SolaceDatabase) db = NULL;
  g_autoptr(GError) error = NULL;

  make_journal (f->path, 1);
  /* Kept open, so the -wal and -shm files stay. */
  writer = solace_database_open (f->path, SOLACE_DATABASE_FLAGS_NONE, &error);
  g_assert_no_error (error);
  g_assert_true (g_file_test (wal, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (shm, G_FILE_TEST_EXISTS));

  g_assert_cmpint (g_chmod (folder, 0755), ==, 0);
  g_assert_cmpint (g_chmod (f->path, 0666), ==, 0);
  g_assert_cmpint (g_chmod (wal, 0644), ==, 0);
  g_assert_cmpint (g_chmod (shm, 0666), ==, 0);

  db = solace_database_open (f->path, SOLACE_DATABASE_FLAGS_READ_ONLY, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (count_entries (db), ==, 1);
  g_assert_cmpuint (file_mode (folder), ==, 0700);
  g_assert_cmpuint (file_mode (f->path), ==, 0600);
  g_assert_cmpuint (file_mode (wal), ==, 0600);
  g_assert_cmpuint (file_mode (shm), ==, 0600);
  g_clear_object (&db);

  /* The writing open does the same for its -wal and -shm. */
  g_assert_cmpint (g_chmod (f->path, 0644), ==, 0);
  g_assert_cmpint (g_chmod (wal, 0666), ==, 0);
  g_assert_cmpint (g_chmod (shm, 0640), ==, 0);
  db = solace_database_open (f->path, SOLACE_DATABASE_FLAGS_NONE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (file_mode (f->path), ==, 0600);
  g_assert_cmpuint (file_mode (wal), ==, 0600);
  g_assert_cmpuint (file_mode (shm), ==, 0600);
  g_clear_object (&db);
  g_clear_object (&writer);

  /* Someone else's file is not Solace's to change. */
  if (geteuid () == 0)
    {
      make_journal (other, 1);
      g_assert_cmpint (g_chmod (other, 0644), ==, 0);
      g_assert_cmpint (chown (other, 65534, 65534), ==, 0);
      db = solace_database_open (other, SOLACE_DATABASE_FLAGS_READ_ONLY, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (file_mode (other), ==, 0644);
    }
}

/* A full disk, made real by capping the file's size: the failed write
 * says so, changes nothing, and writing works again once there is room. */
static void
test_disk_full (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SolaceDatabase) db = NULL;
  g_autoptr(SolaceJournalStore) store = NULL;
  g_autoptr(SolaceJournalEntry) entry = NULL;
  g_autoptr(GString) big = g_string_new (NULL);
  g_autofree char *pages = NULL;
  gint64 before;

  make_journal (f->path, 10);
  db = solace_database_open (f->path, SOLACE_DATABASE_FLAGS_NONE, &error);
  g_assert_no_error (error);
  store = solace_journal_store_new (db, &error);
  g_assert_no_error (error);

  before = solace_test_query_int (f->path, "SELECT count(*) FROM journal_entry");
  pages = g_strdup_printf ("PRAGMA max_page_count = %" G_GINT64_FORMAT,
                           solace_test_query_int (f->path, "PRAGMA page_count"));
  g_assert_true (solace_database_exec (db, pages, &error));
  g_assert_no_error (error);

  for (guint i = 0; i < 20000; i++)
    g_string_append (big, "I am writing a long letter I will never send. ");
  entry = solace_journal_entry_new (SOLACE_ENTRY_KIND_LETTER);
  solace_journal_entry_set_body (entry, big->str);

  g_assert_cmpint (solace_journal_store_save (store, entry, &error), ==, 0);
  g_assert_error (error, SOLACE_ERROR, SOLACE_ERROR_DISK_FULL);
  /* The message says what happened, not what was being written. */
  g_assert_null (strstr (error->message, "never send"));
  g_clear_error (&error);

  g_assert_cmpint (solace_test_query_int (f->path, "SELECT count(*) FROM journal_entry"), ==, before);
  g_assert_true (solace_database_check_integrity (db, &error));
  g_assert_no_error (error);

  g_assert_true (solace_database_exec (db, "PRAGMA max_page_count = 1073741823", &error));
  g_assert_cmpint (solace_journal_store_save (store, entry, &error), >, 0);
  g_assert_no_error (error);
  g_assert_cmpint (solace_test_query_int (f->path, "SELECT count(*) FROM journal_entry"), ==, before + 1);
  g_assert_cmpint (solace_test_query_int (f->path, "SELECT max(length(body)) FROM journal_entry"), ==, big->len);
}

/* ---- reminders.db ---------------------------------------------------- */

static int
query_reminders_int (const char *journal_path,
                     const char *sql)
{
  g_autofree char *reminders = solace_database_dup_reminders_path (journal_path);

  /* reminders.db on its own, as the reminder service reads it. */
  return solace_test_query_int (reminders, sql);
}

/* A journal as schema 6 left it, its reminders in it: one on and
 * snoozed with two firings, a boundary's, a session's, one whose
 * boundary is gone, and preferences of both kinds. */
static void
make_schema_6_journal (const char *path)
{
  make_journal (path, 2);
  solace_test_exec (path,
                    "INSERT INTO boundary (uuid, title, created_at, updated_at) VALUES ('b1', 'Kept', 0, 0);"
                    "INSERT INTO contact (uuid, kind, name, created_at, updated_at) VALUES ('c1', 'therapist', 'Kept', 0, 0);"
                    "UPDATE reminder SET enabled = 1, rrule = 'FREQ=DAILY;BYHOUR=21;BYMINUTE=30', last_due = 1795600000,"
                    "  snoozed_until = 1795603600 WHERE key = 'gratitude';"
                    "INSERT INTO reminder (key, kind, enabled, rrule, dtstart, last_due, updated_at) VALUES"
                    "  ('boundary:b1', 'boundary', 1, 'FREQ=WEEKLY;BYDAY=MO', '20260105T090000', 0, 0),"
                    "  ('session:c1', 'session', 1, 'FREQ=DAILY;UNTIL=20301203T140000', '20301203T140000', 0, 0),"
                    "  ('boundary:gone', 'boundary', 1, 'FREQ=DAILY', '20260105T090000', 0, 0);"
                    "INSERT INTO reminder_firing (reminder_id, due_at, fired_at, outcome)"
                    "  SELECT id, 1795500000, 1795500001, 'done' FROM reminder WHERE key = 'gratitude' UNION ALL"
                    "  SELECT id, 1795600000, 1795600002, 'snoozed' FROM reminder WHERE key = 'gratitude';"
                    "INSERT INTO reminder_setting (name, value) VALUES ('discreet', 1), ('quiet-start', 1300);"
                    "INSERT INTO preference (name, value) VALUES ('help-dismissed', 2461000);");
  downgrade (path, 6);
  g_assert_cmpint (solace_test_query_int (path, "PRAGMA user_version"), ==, 6);
  g_assert_cmpint (solace_test_query_int (path, "SELECT count(*) FROM main.reminder"), ==, 11);
}

/* What the journal of make_schema_6_journal () looks like moved. */
static void
assert_moved (const char *path)
{
  g_autofree char *rule = NULL;

  /* The journal keeps none of it, but its own preference. */
  g_assert_cmpint (solace_test_query_int (path, "PRAGMA user_version"), ==, solace_database_get_latest_version ());
  g_assert_cmpint (solace_test_query_int (path, "SELECT count(*) FROM main.sqlite_schema"
                                                " WHERE name IN ('reminder', 'reminder_firing')"), ==, 0);
  g_assert_cmpint (solace_test_query_int (path, "SELECT count(*) FROM main.preference"), ==, 1);
  g_assert_cmpint (solace_test_query_int (path, "SELECT value FROM main.preference WHERE name = 'help-dismissed'"),
                   ==, 2461000);

  /* reminders.db has every reminder once, as it was. */
  g_assert_cmpint (query_reminders_int (path, "SELECT count(*) FROM reminder"), ==, 11);
  g_assert_cmpint (query_reminders_int (path, "SELECT count(DISTINCT key) FROM reminder"), ==, 11);
  g_assert_cmpint (query_reminders_int (path, "SELECT enabled FROM reminder WHERE key = 'gratitude'"), ==, 1);
  g_assert_cmpint (query_reminders_int (path, "SELECT snoozed_until FROM reminder WHERE key = 'gratitude'"),
                   ==, 1795603600);
  g_assert_cmpint (query_reminders_int (path, "SELECT count(*) FROM reminder WHERE enabled"), ==, 4);
  rule = solace_test_query_text (path, "SELECT rrule FROM reminders.reminder WHERE key = 'gratitude'");
  g_assert_cmpstr (rule, ==, "FREQ=DAILY;BYHOUR=21;BYMINUTE=30");
  /* Each firing once, with its reminder. */
  g_assert_cmpint (query_reminders_int (path, "SELECT count(*) FROM reminder_firing"), ==, 2);
  g_assert_cmpint (query_reminders_int (path, "SELECT count(*) FROM reminder_firing f JOIN reminder r"
                                              " ON r.id = f.reminder_id WHERE r.key = 'gratitude'"
                                              " AND f.outcome = 'snoozed' AND f.due_at = 1795600000"), ==, 1);
  g_assert_cmpint (query_reminders_int (path, "SELECT value FROM reminder_setting WHERE name = 'discreet'"), ==, 1);
  g_assert_cmpint (query_reminders_int (path, "SELECT value FROM reminder_setting WHERE name = 'quiet-start'"),
                   ==, 1300);
  g_assert_cmpint (query_reminders_int (path, "SELECT count(*) FROM reminder_setting"), ==, 2);
  /* On while their boundary or contact is there. */
  g_assert_cmpint (query_reminders_int (path, "SELECT active FROM reminder WHERE key = 'boundary:b1'"), ==, 1);
  g_assert_cmpint (query_reminders_int (path, "SELECT active FROM reminder WHERE key = 'session:c1'"), ==, 1);
  g_assert_cmpint (query_reminders_int (path, "SELECT active FROM reminder WHERE key = 'boundary:gone'"), ==, 0);
  g_assert_cmpint (query_reminders_int (path, "PRAGMA foreign_key_check"), ==, -1);
}

/* Schema 6 → 7: the reminders move to reminders.db, made 0600 whatever
 * the umask, and leave the journal. */
static void
test_reminders_move (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *reminders = solace_database_dup_reminders_path (f->path);
  g_autoptr(SolaceDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *mode = NULL;
  mode_t old_umask;
  GStatBuf st;

  make_schema_6_journal (f->path);
  g_assert_false (g_file_test (reminders, G_FILE_TEST_EXISTS));

  old_umask = umask (0);
  db = solace_database_open (f->path, SOLACE_DATABASE_FLAGS_NONE, &error);
  umask (old_umask);
  g_assert_no_error (error);
  assert_moved (f->path);

  g_assert_cmpint (g_stat (reminders, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  mode = solace_test_query_text (reminders, "PRAGMA journal_mode");
  g_assert_cmpstr (mode, ==, "wal");
  g_assert_cmpint (query_reminders_int (f->path, "PRAGMA user_version"), ==,
                   solace_database_get_latest_reminders_version ());

  /* Opened again: nothing moves twice. */
  g_clear_object (&db);
  db = solace_database_open (f->path, SOLACE_DATABASE_FLAGS_NONE, &error);
  g_assert_no_error (error);
  assert_moved (f->path);
}

static void
open_and_die_at (const char *path,
                 const char *step)
{
  int status = 0;
  pid_t pid = fork ();

  if (pid == 0)
    {
      g_setenv ("SOLACE_DATABASE_KILL_AT", step, TRUE);
      solace_database_open (path, SOLACE_DATABASE_FLAGS_NONE, NULL);
      _exit (3);
    }
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_assert_true (WIFSIGNALED (status));
  g_assert_cmpint (WTERMSIG (status), ==, SIGKILL);
}

/* Killed during the move: nothing is lost, nothing doubled, and what
 * the reminder service recorded in reminders.db in between stays. */
static void
test_reminders_move_killed (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(SolaceDatabase) db = NULL;
  g_autoptr(GError) error = NULL;

  /* In the copy's transaction: reminders.db has only its defaults. */
  make_schema_6_journal (f->path);
  open_and_die_at (f->path, "reminders-copy");
  g_assert_cmpint (solace_test_query_int (f->path, "PRAGMA user_version"), ==, 6);
  g_assert_cmpint (query_reminders_int (f->path, "SELECT count(*) FROM reminder_meta"), ==, 0);
  g_assert_cmpint (query_reminders_int (f->path, "SELECT count(*) FROM reminder WHERE enabled"), ==, 0);
  db = solace_database_open (f->path, SOLACE_DATABASE_FLAGS_NONE, &error);
  g_assert_no_error (error);
  assert_moved (f->path);
  g_clear_object (&db);

  /* Copied, the journal not yet dropped: both hold them. */
  remove_reminders_db (f->path);
  remove_journal (f->path);
  make_schema_6_journal (f->path);
  open_and_die_at (f->path, "reminders-copied");
  g_assert_cmpint (solace_test_query_int (f->path, "PRAGMA user_version"), ==, 6);
  g_assert_cmpint (solace_test_query_int (f->path, "SELECT count(*) FROM main.reminder_firing"), ==, 2);
  g_assert_cmpint (query_reminders_int (f->path, "SELECT count(*) FROM reminder_firing"), ==, 2);
  g_assert_cmpint (query_reminders_int (f->path, "SELECT count(*) FROM reminder_meta"), ==, 1);

  /* The service, from reminders.db, shows one and records it. */
  {
    g_autofree char *reminders = solace_database_dup_reminders_path (f->path);

    solace_test_exec (reminders,
                      "UPDATE reminder SET last_due = 1795700000, snoozed_until = NULL WHERE key = 'gratitude';"
                      "INSERT INTO reminder_firing (reminder_id, due_at, fired_at)"
                      "  SELECT id, 1795700000, 1795700001 FROM reminder WHERE key = 'gratitude'");
  }

  db = solace_database_open (f->path, SOLACE_DATABASE_FLAGS_NONE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (solace_test_query_int (f->path, "PRAGMA user_version"), ==, solace_database_get_latest_version ());
  g_assert_cmpint (solace_test_query_int (f->path, "SELECT count(*) FROM main.sqlite_schema WHERE name = 'reminder'"),
                   ==, 0);
  g_assert_cmpint (query_reminders_int (f->path, "SELECT count(*) FROM reminder"), ==, 11);
  g_assert_cmpint (query_reminders_int (f->path, "SELECT count(*) FROM reminder_firing"), ==, 3);
  g_assert_cmpint (query_reminders_int (f->path, "SELECT last_due FROM reminder WHERE key = 'gratitude'"),
                   ==, 1795700000);
  g_assert_cmpint (query_reminders_int (f->path, "SELECT count(*) FROM reminder WHERE key = 'gratitude'"
                                                 " AND snoozed_until IS NULL"), ==, 1);
}

/* The reminder service, started after an update before the window:
 * it takes the schedules from the journal without changing it, and the
 * window's move later doubles nothing. */
static void
test_reminders_adopted (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *reminders_path = solace_database_dup_reminders_path (f->path);
  g_autoptr(SolaceDatabase) reminders = NULL;
  g_autoptr(SolaceDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  make_schema_6_journal (f->path);
  before = solace_test_checksum_file (f->path);

  reminders = solace_database_open (reminders_path, SOLACE_DATABASE_FLAGS_REMINDERS, &error);
  g_assert_no_error (error);
  g_assert_true (solace_database_is_reminders_only (reminders));
  g_assert_cmpint (query_reminders_int (f->path, "SELECT count(*) FROM reminder WHERE enabled"), ==, 0);
  g_assert_true (solace_database_adopt_reminders (reminders, f->path, &error));
  g_assert_no_error (error);
  g_assert_cmpint (query_reminders_int (f->path, "SELECT count(*) FROM reminder WHERE enabled"), ==, 4);
  g_assert_cmpint (query_reminders_int (f->path, "SELECT count(*) FROM reminder_firing"), ==, 2);
  g_assert_cmpint (query_reminders_int (f->path, "SELECT value FROM reminder_setting WHERE name = 'discreet'"), ==, 1);
  after = solace_test_checksum_file (f->path);
  g_assert_cmpstr (before, ==, after);
  g_assert_cmpint (solace_test_query_int (f->path, "PRAGMA user_version"), ==, 6);

  /* Again: nothing more. */
  g_assert_true (solace_database_adopt_reminders (reminders, f->path, &error));
  g_assert_cmpint (query_reminders_int (f->path, "SELECT count(*) FROM reminder_firing"), ==, 2);

  /* It shows one; then the window opens the journal. */
  g_assert_true (solace_database_exec (reminders,
                                       "INSERT INTO reminder_firing (reminder_id, due_at, fired_at)"
                                       " SELECT id, 1795700000, 1795700001 FROM reminder WHERE key = 'gratitude'",
                                       &error));
  db = solace_database_open (f->path, SOLACE_DATABASE_FLAGS_NONE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (query_reminders_int (f->path, "SELECT count(*) FROM reminder"), ==, 11);
  g_assert_cmpint (query_reminders_int (f->path, "SELECT count(*) FROM reminder_firing"), ==, 3);
  g_assert_cmpint (solace_test_query_int (f->path, "SELECT count(*) FROM main.sqlite_schema WHERE name = 'reminder'"),
                   ==, 0);
  g_clear_object (&db);
  g_clear_object (&reminders);

  /* An encrypted journal (the lock) is never read for this. */
  remove_reminders_db (f->path);
  remove_journal (f->path);
  write_file (f->path, "Solace crypt v1\0 and the rest is sealed", 40);
  reminders = solace_database_open (reminders_path, SOLACE_DATABASE_FLAGS_REMINDERS, &error);
  g_assert_no_error (error);
  g_assert_true (solace_database_adopt_reminders (reminders, f->path, &error));
  g_assert_no_error (error);
  g_assert_cmpint (query_reminders_int (f->path, "SELECT count(*) FROM reminder WHERE enabled"), ==, 0);
}

/* A reminders.db left from a journal that is gone (deleted to start
 * over) does not bring its reminders back to a new journal. */
static void
test_reminders_of_a_journal_gone (Fixture       *f,
                                  gconstpointer  data)
{
  g_autoptr(SolaceDatabase) db = NULL;
  g_autoptr(GError) error = NULL;

  make_journal (f->path, 1);
  solace_test_exec (f->path,
                    "UPDATE reminder SET enabled = 1 WHERE key = 'gratitude';"
                    "INSERT INTO reminder (key, kind, enabled, rrule, dtstart, last_due, updated_at)"
                    "  VALUES ('boundary:old', 'boundary', 1, 'FREQ=DAILY', '20260105T090000', 0, 0);"
                    "INSERT INTO reminder_firing (reminder_id, due_at, fired_at)"
                    "  SELECT id, 100, 100 FROM reminder WHERE key = 'gratitude';"
                    "INSERT INTO reminder_setting (name, value) VALUES ('discreet', 1);");
  remove_journal (f->path);

  db = solace_database_open (f->path, SOLACE_DATABASE_FLAGS_NONE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (query_reminders_int (f->path, "SELECT count(*) FROM reminder"), ==, 8);
  g_assert_cmpint (query_reminders_int (f->path, "SELECT count(*) FROM reminder WHERE enabled"), ==, 0);
  g_assert_cmpint (query_reminders_int (f->path, "SELECT count(*) FROM reminder_firing"), ==, 0);
  g_assert_cmpint (query_reminders_int (f->path, "SELECT count(*) FROM reminder_setting"), ==, 0);
}

/* A damaged reminders.db never keeps the journal from opening: it is
 * kept aside, and a new one made. */
static void
test_reminders_damaged (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *reminders = solace_database_dup_reminders_path (f->path);
  g_autofree char *dir = g_path_get_dirname (f->path);
  g_autoptr(SolaceDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) listing = NULL;
  const char *name;
  guint kept = 0;

  make_journal (f->path, 3);
  write_file (reminders, "this is not a database, and it is long enough to look like one", -1);

  g_test_expect_message ("solace-database", G_LOG_LEVEL_WARNING, "*kept as*");
  db = solace_database_open (f->path, SOLACE_DATABASE_FLAGS_NONE, &error);
  g_test_assert_expected_messages ();
  g_assert_no_error (error);
  g_assert_cmpint (solace_test_query_int (f->path, "SELECT count(*) FROM journal_entry"), ==, 3);
  g_assert_cmpint (query_reminders_int (f->path, "SELECT count(*) FROM reminder"), ==, 8);

  listing = g_dir_open (dir, 0, &error);
  g_assert_no_error (error);
  while ((name = g_dir_read_name (listing)) != NULL)
    if (g_str_has_prefix (name, "reminders.db.damaged-") && !g_str_has_suffix (name, "-wal") &&
        !g_str_has_suffix (name, "-shm"))
      {
        g_autofree char *path = g_build_filename (dir, name, NULL);
        g_autofree char *contents = NULL;

        g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
        g_assert_true (g_str_has_prefix (contents, "this is not a database"));
        kept++;
      }
  g_assert_cmpuint (kept, ==, 1);
}

static void
test_no_contact_day (void)
{
  g_autoptr(GDate) start = g_date_new_dmy (20, G_DATE_OCTOBER, 2026);
  g_autoptr(GDate) today = g_date_new_dmy (20, G_DATE_OCTOBER, 2026);

  g_assert_cmpint (solace_no_contact_day (start, today), ==, 1);
  g_date_add_days (today, 1);
  g_assert_cmpint (solace_no_contact_day (start, today), ==, 2);
  /* Across the end of daylight saving time in Europe (25 October 2026)
   * and the US (1 November 2026): calendar days, not 24-hour blocks. */
  g_date_set_dmy (today, 2, G_DATE_NOVEMBER, 2026);
  g_assert_cmpint (solace_no_contact_day (start, today), ==, 14);
  /* A clock set back before the start. */
  g_date_set_dmy (today, 1, G_DATE_JANUARY, 2020);
  g_assert_cmpint (solace_no_contact_day (start, today), ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(name, func) g_test_add (name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/database/fresh", test_fresh_database);
  ADD ("/database/loose-permissions", test_loose_permissions_tightened);
  ADD ("/database/reopen", test_reopen_keeps_data);
  ADD ("/database/not-a-database", test_not_a_database);
  ADD ("/database/damaged", test_damaged_file);
  ADD ("/database/newer-schema", test_newer_schema);
  ADD ("/database/migrations", test_migrates_from_every_version);
  ADD ("/database/read-only-folder", test_read_only_folder);
  ADD ("/database/cannot-create-folder", test_cannot_create_folder);
  ADD ("/database/disk-full", test_disk_full);
  ADD ("/database/migrate-concurrently", test_migrate_concurrently);
  ADD ("/database/other-folder-untouched", test_other_folder_untouched);
  ADD ("/database/read-only-data-folder", test_read_only_data_folder);
  ADD ("/database/read-only-session-leftovers", test_read_only_session_leftovers);
  ADD ("/database/loose-permissions-read-only-open", test_loose_permissions_read_only_open);
  ADD ("/database/reminders-move", test_reminders_move);
  ADD ("/database/reminders-move-killed", test_reminders_move_killed);
  ADD ("/database/reminders-adopted", test_reminders_adopted);
  ADD ("/database/reminders-damaged", test_reminders_damaged);
  ADD ("/database/reminders-of-a-journal-gone", test_reminders_of_a_journal_gone);
#undef ADD
  g_test_add_func ("/database/read-only-data-folder/subprocess", test_read_only_data_folder_subprocess);
  g_test_add_func ("/database/read-only-session-leftovers/subprocess", test_read_only_session_leftovers_subprocess);
  g_test_add_func ("/database/read-only-folder/subprocess", test_read_only_folder_subprocess);
  g_test_add_func ("/database/cannot-create-folder/subprocess", test_cannot_create_folder_subprocess);
  g_test_add_func ("/database/no-contact-day", test_no_contact_day);

  return g_test_run ();
}
