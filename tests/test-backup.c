/* test-backup.c — daily copies, which are kept, and restoring one
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>
#include <sys/stat.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include "solace-backup.h"
#include "solace-error.h"
#include "solace-progress.h"
#include "solace-test-utils.h"

typedef struct
{
  char           *dir;
  char           *path;
  char           *backups;
  SolaceDatabase *db;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("solace-backup-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "solace", "solace.db", NULL);
  f->backups = g_build_filename (f->dir, "solace", "backups", NULL);
  f->db = solace_database_open (f->path, SOLACE_DATABASE_FLAGS_NONE, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->db);
  solace_test_rm_rf (f->dir);
  g_free (f->path);
  g_free (f->backups);
  g_free (f->dir);
}

static GDate *
day (const char *iso)
{
  GDate *d = solace_day_from_iso (iso);

  g_assert_nonnull (d);
  return d;
}

static void
add_reason (Fixture    *f,
            const char *text)
{
  g_autoptr(GError) error = NULL;
  const char *reasons[] = { text, NULL };

  g_assert_true (solace_progress_save_reasons (f->db, reasons, &error));
  g_assert_no_error (error);
}

static void
test_make (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDate) today = day ("2026-11-27");
  g_autofree char *made = NULL;
  g_autofree char *again = NULL;
  g_autofree char *reason = NULL;
  GStatBuf st;
  mode_t old_umask;

  add_reason (f, "I deserve calm");

  /* Even under a careless umask, the copies are private. */
  old_umask = umask (0);
  g_assert_true (solace_backup_make (f->db, f->backups, today, FALSE, &made, &error));
  umask (old_umask);
  g_assert_no_error (error);
  g_assert_nonnull (made);
  g_assert_true (g_str_has_suffix (made, "solace-2026-11-27.db"));
  g_assert_cmpint (g_stat (made, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_cmpint (g_stat (f->backups, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0700);
  reason = solace_test_query_text (made, "SELECT text FROM reason");
  g_assert_cmpstr (reason, ==, "I deserve calm");
  g_assert_true (solace_backup_check (made, &error));
  /* One file: no -wal or half-made copy beside it. */
  {
    g_autoptr(GPtrArray) list = solace_backup_list (f->backups);
    g_assert_cmpuint (list->len, ==, 1);
  }
  {
    g_autofree char *wal = g_strconcat (made, "-wal", NULL);
    g_autofree char *part = g_strconcat (made, ".part", NULL);

    g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
    g_assert_false (g_file_test (part, G_FILE_TEST_EXISTS));
  }

  /* Once a day; again only when asked. */
  add_reason (f, "A newer reason");
  g_assert_true (solace_backup_make (f->db, f->backups, today, FALSE, &again, &error));
  g_assert_null (again);
  g_clear_pointer (&reason, g_free);
  reason = solace_test_query_text (made, "SELECT text FROM reason");
  g_assert_cmpstr (reason, ==, "I deserve calm");
  g_assert_true (solace_backup_make (f->db, f->backups, today, TRUE, &again, &error));
  g_assert_cmpstr (again, ==, made);
  g_clear_pointer (&reason, g_free);
  reason = solace_test_query_text (made, "SELECT text FROM reason");
  g_assert_cmpstr (reason, ==, "A newer reason");
}

/* Seven days and four weeks are kept, whatever else is in the folder. */
static void
test_prune (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDate) today = day ("2026-11-27");   /* a Friday */
  g_autoptr(GDate) first = day ("2026-09-01");
  g_autofree char *made = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GPtrArray) left = NULL;
  g_autoptr(GString) names = g_string_new (NULL);
  g_autofree char *other = g_build_filename (f->backups, "notes.txt", NULL);
  g_autofree char *future = g_build_filename (f->backups, "solace-2026-12-25.db", NULL);
  gsize length;

  g_assert_true (solace_backup_make (f->db, f->backups, first, FALSE, &made, &error));
  g_assert_true (g_file_get_contents (made, &contents, &length, &error));

  /* A copy for every day from 1 September to today. */
  for (GDate d = *first; g_date_compare (&d, today) <= 0; g_date_add_days (&d, 1))
    {
      g_autofree char *iso = solace_day_to_iso (&d);
      g_autofree char *name = g_strdup_printf ("solace-%s.db", iso);
      g_autofree char *path = g_build_filename (f->backups, name, NULL);

      g_assert_true (g_file_set_contents (path, contents, length, &error));
    }
  g_assert_true (g_file_set_contents (other, "mine", -1, &error));
  g_assert_true (g_file_set_contents (future, contents, length, &error));

  solace_backup_prune (f->backups, today);

  left = solace_backup_list (f->backups);
  for (guint i = 0; i < left->len; i++)
    {
      g_autofree char *name = g_path_get_basename (((SolaceBackup *) g_ptr_array_index (left, i))->path);
      g_string_append_printf (names, "%s ", name);
    }
  /* The future one; 21–27 Nov; then the Sunday ending each of the four
   * weeks before (the week of the 16th is partly covered by the 21st). */
  g_assert_cmpstr (names->str, ==,
                   "solace-2026-12-25.db "
                   "solace-2026-11-27.db solace-2026-11-26.db solace-2026-11-25.db solace-2026-11-24.db "
                   "solace-2026-11-23.db solace-2026-11-22.db solace-2026-11-21.db "
                   "solace-2026-11-15.db solace-2026-11-08.db solace-2026-11-01.db solace-2026-10-25.db ");
  g_assert_true (g_file_test (other, G_FILE_TEST_EXISTS));

  /* What was there before a restore is kept for a week beside the
   * day's copy, and then goes like the others. */
  {
    g_autofree char *before = g_build_filename (f->backups, "solace-2026-11-27-101500-before-restore.db", NULL);
    g_autoptr(GDate) week_on = day ("2026-12-03");
    g_autoptr(GDate) week_after = day ("2026-12-04");

    g_assert_true (g_file_set_contents (before, contents, length, &error));
    solace_backup_prune (f->backups, today);
    g_assert_true (g_file_test (before, G_FILE_TEST_EXISTS));
    g_assert_true (g_file_test (future, G_FILE_TEST_EXISTS));
    solace_backup_prune (f->backups, week_on);
    g_assert_true (g_file_test (before, G_FILE_TEST_EXISTS));
    solace_backup_prune (f->backups, week_after);
    g_assert_false (g_file_test (before, G_FILE_TEST_EXISTS));
  }
}

static void
test_check_and_newest_good (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDate) older = day ("2026-11-25");
  g_autoptr(GDate) newer = day ("2026-11-26");
  g_autofree char *good = NULL;
  g_autofree char *bad = NULL;
  g_autoptr(SolaceBackup) found = NULL;
  g_autofree char *contents = NULL;
  gsize length;

  g_assert_true (solace_backup_make (f->db, f->backups, older, FALSE, &good, &error));
  g_assert_true (solace_backup_make (f->db, f->backups, newer, FALSE, &bad, &error));

  /* The newer copy is damaged in the middle. */
  g_assert_true (g_file_get_contents (bad, &contents, &length, &error));
  g_assert_cmpuint (length, >, 8192);
  memset (contents + 4096, 0x5a, 4096);
  g_assert_true (g_file_set_contents (bad, contents, length, &error));

  g_assert_false (solace_backup_check (bad, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_true (solace_backup_check (good, &error));

  found = solace_backup_find_newest_good (f->backups);
  g_assert_nonnull (found);
  g_assert_cmpstr (found->path, ==, good);
}

/* Restoring puts the copy's contents back in place for everyone who has
 * the database open, and keeps what was there as one more backup. */
static void
test_restore (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDate) today = day ("2026-11-27");
  g_autofree char *made = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_auto(GStrv) reasons = NULL;
  g_autoptr(SolaceDatabase) other = solace_database_open (f->path, SOLACE_DATABASE_FLAGS_NONE, &error);
  g_autofree char *kept = NULL;
  const char *expected[] = { "Before", NULL };

  add_reason (f, "Before");
  g_assert_true (solace_backup_make (f->db, f->backups, today, FALSE, &made, &error));
  add_reason (f, "After");

  g_assert_true (solace_backup_restore (f->db, made, f->backups, &error));
  g_assert_no_error (error);
  reasons = solace_progress_load_reasons (f->db, &error);
  g_assert_cmpstrv (reasons, expected);
  g_clear_pointer (&reasons, g_strfreev);
  /* Another connection (the reminder service's) sees it too. */
  reasons = solace_progress_load_reasons (other, &error);
  g_assert_cmpstrv (reasons, expected);
  g_assert_true (solace_database_check_integrity (f->db, &error));

  list = solace_backup_list (f->backups);
  g_assert_cmpuint (list->len, ==, 2);
  for (guint i = 0; i < list->len; i++)
    if (strstr (((SolaceBackup *) g_ptr_array_index (list, i))->path, "before-restore") != NULL)
      kept = solace_test_query_text (((SolaceBackup *) g_ptr_array_index (list, i))->path, "SELECT text FROM reason");
  g_assert_cmpstr (kept, ==, "After");

  /* A damaged copy is refused, and nothing changes. */
  {
    g_autofree char *junk = g_build_filename (f->backups, "solace-2026-11-20.db", NULL);

    g_assert_true (g_file_set_contents (junk, "not a database at all, just words", -1, &error));
    g_assert_false (solace_backup_restore (f->db, junk, f->backups, &error));
    g_assert_nonnull (error);
    g_clear_error (&error);
    g_strfreev (reasons);
    reasons = solace_progress_load_reasons (f->db, &error);
    g_assert_cmpstrv (reasons, expected);
  }
}

/* For a file that will not open at all: moved aside, never deleted, and
 * the copy put in its place. */
static void
test_restore_file (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDate) today = day ("2026-11-27");
  g_autofree char *made = NULL;
  g_autofree char *kept = NULL;
  g_autofree char *kept_contents = NULL;
  g_autofree char *reason = NULL;
  g_autoptr(SolaceDatabase) reopened = NULL;

  add_reason (f, "Saved");
  g_assert_true (solace_backup_make (f->db, f->backups, today, FALSE, &made, &error));
  g_clear_object (&f->db);
  g_assert_true (g_file_set_contents (f->path, "garbage where the database was", -1, &error));

  g_assert_true (solace_backup_restore_file (made, f->path, &kept, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (kept, &kept_contents, NULL, &error));
  g_assert_cmpstr (kept_contents, ==, "garbage where the database was");

  reopened = solace_database_open (f->path, SOLACE_DATABASE_FLAGS_NONE, &error);
  g_assert_no_error (error);
  reason = solace_test_query_text (f->path, "SELECT text FROM reason");
  g_assert_cmpstr (reason, ==, "Saved");
}

/* A backup made before the latest schema is still good: it is offered,
 * restored, and brought up to date.  One from a newer Solace is not. */
static void
test_older_and_newer_schema (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDate) older = day ("2026-11-20");
  g_autoptr(GDate) newer = day ("2026-11-21");
  g_autofree char *old_copy = NULL;
  g_autofree char *future_copy = NULL;
  g_autoptr(SolaceBackup) found = NULL;
  g_autoptr(SolaceDatabase) reopened = NULL;

  g_assert_true (solace_database_exec (f->db, "INSERT INTO preference (name, value) VALUES ('discreet', 1)", &error));
  g_assert_true (solace_backup_make (f->db, f->backups, older, FALSE, &old_copy, &error));
  g_assert_true (solace_backup_make (f->db, f->backups, newer, FALSE, &future_copy, &error));
  /* Schema 5 had no urges, reasons, check-ins or milestones, and kept
   * the reminders in the journal (reminders.db came with schema 7);
   * nor the incident record's senders and files (schema 8). */
  solace_test_exec (old_copy, "DROP TABLE incident_attachment;"
                              "ALTER TABLE incident DROP COLUMN sender; ALTER TABLE incident DROP COLUMN witnesses;"
                              "ALTER TABLE incident DROP COLUMN reference; ALTER TABLE incident DROP COLUMN form;"
                              "DROP TABLE urge; DROP TABLE reason; DROP TABLE check_in;"
                              "DROP TABLE milestone_seen;"
                              "CREATE TABLE reminder (id INTEGER PRIMARY KEY, key TEXT NOT NULL UNIQUE,"
                              "  kind TEXT NOT NULL, enabled INTEGER NOT NULL DEFAULT 0, rrule TEXT NOT NULL,"
                              "  dtstart TEXT NOT NULL, last_due INTEGER NOT NULL, snoozed_until INTEGER,"
                              "  updated_at INTEGER NOT NULL);"
                              "CREATE TABLE reminder_firing (id INTEGER PRIMARY KEY,"
                              "  reminder_id INTEGER NOT NULL REFERENCES reminder (id) ON DELETE CASCADE,"
                              "  due_at INTEGER NOT NULL, fired_at INTEGER NOT NULL,"
                              "  outcome TEXT NOT NULL DEFAULT 'shown', UNIQUE (reminder_id, due_at));"
                              "PRAGMA user_version = 5");
  solace_test_exec (future_copy, "PRAGMA user_version = 99");

  g_assert_false (solace_backup_check (future_copy, &error));
  g_assert_error (error, SOLACE_ERROR, SOLACE_ERROR_NEWER_SCHEMA);
  g_clear_error (&error);

  /* Some other program's SQLite file, with a version that would do. */
  {
    g_autofree char *foreign = g_build_filename (f->backups, "solace-2026-11-22.db", NULL);

    g_assert_true (g_file_set_contents (foreign, "", 0, &error));
    solace_test_exec (foreign, "CREATE TABLE notes (text); PRAGMA user_version = 3");
    g_assert_false (solace_backup_check (foreign, &error));
    g_assert_error (error, SOLACE_ERROR, SOLACE_ERROR_NOT_A_DATABASE);
    g_clear_error (&error);
  }
  g_assert_true (solace_backup_check (old_copy, &error));
  g_assert_no_error (error);

  /* The newest good one is the older-schema copy, not the future one. */
  found = solace_backup_find_newest_good (f->backups);
  g_assert_nonnull (found);
  g_assert_cmpstr (found->path, ==, old_copy);

  /* Restored over damaged data, it opens and migrates forward. */
  g_clear_object (&f->db);
  g_assert_true (g_file_set_contents (f->path, "not a database", -1, &error));
  g_assert_true (solace_backup_restore_file (old_copy, f->path, NULL, &error));
  g_assert_no_error (error);
  reopened = solace_database_open (f->path, SOLACE_DATABASE_FLAGS_NONE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (solace_database_get_version (reopened), ==, solace_database_get_latest_version ());
  /* The reminders' preference moved to reminders.db as it migrated. */
  g_assert_cmpint (solace_test_query_int (f->path, "SELECT value FROM reminder_setting WHERE name = 'discreet'"), ==, 1);
  g_assert_cmpint (solace_test_query_int (f->path, "SELECT count(*) FROM main.preference WHERE name = 'discreet'"), ==, 0);
  g_assert_cmpint (solace_test_query_int (f->path, "SELECT count(*) FROM urge"), ==, 0);
}

/* When the copy cannot be written, the damaged file and its -wal are
 * put back where they were: nothing is lost, nothing half-moved. */
static void
test_restore_file_fails_cleanly (Fixture       *f,
                                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDate) today = day ("2026-11-27");
  g_autofree char *made = NULL;
  g_autofree char *wal = g_strconcat (f->path, "-wal", NULL);
  g_autofree char *journal = g_strconcat (f->path, "-journal", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *part = NULL;

  g_assert_true (solace_backup_make (f->db, f->backups, today, FALSE, &made, &error));
  g_clear_object (&f->db);
  g_assert_true (g_file_set_contents (f->path, "damaged", -1, &error));
  g_assert_true (g_file_set_contents (wal, "its log", -1, &error));
  g_assert_true (g_file_set_contents (journal, "a rollback journal", -1, &error));
  /* Where the copy's temporary file would go, a folder is in the way. */
  part = g_strconcat (f->path, ".part", NULL);
  g_assert_cmpint (g_mkdir (part, 0700), ==, 0);

  g_assert_false (solace_backup_restore_file (made, f->path, NULL, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);

  g_assert_true (g_file_get_contents (f->path, &contents, NULL, &error));
  g_assert_cmpstr (contents, ==, "damaged");
  g_clear_pointer (&contents, g_free);
  g_assert_true (g_file_get_contents (wal, &contents, NULL, &error));
  g_assert_cmpstr (contents, ==, "its log");
  g_clear_pointer (&contents, g_free);
  g_assert_true (g_file_get_contents (journal, &contents, NULL, &error));
  g_assert_cmpstr (contents, ==, "a rollback journal");
  g_rmdir (part);
}

/* A real full disk: a small tmpfs (when this machine lets the test make
 * one).  A backup and an autosave into it fail with a clear message,
 * leave nothing half-made and change nothing; with room again, both
 * work. */
static gboolean
run (const char * const *argv)
{
  int status = -1;

  return g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL |
                       G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, NULL, NULL, &status, NULL) &&
         g_spawn_check_wait_status (status, NULL);
}

static void
test_disk_full (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *mnt = g_dir_make_tmp ("solace-full-XXXXXX", &error);
  g_autofree char *path = g_build_filename (mnt, "solace", "solace.db", NULL);
  g_autofree char *backups = g_build_filename (mnt, "solace", "backups", NULL);
  g_autofree char *filler = g_build_filename (mnt, "filler", NULL);
  g_autoptr(SolaceDatabase) db = NULL;
  g_autoptr(GDate) today = day ("2026-11-27");
  g_autoptr(GPtrArray) left = NULL;
  g_autofree char *made = NULL;
  g_autoptr(GString) big = g_string_new (NULL);
  const char *mount[] = { "mount", "-t", "tmpfs", "-o", "size=1m,mode=0700", "tmpfs", mnt, NULL };
  const char *umount[] = { "umount", mnt, NULL };
  const char *fill[] = { "dd", "if=/dev/zero", NULL, "bs=4k", NULL };
  g_autofree char *of = g_strconcat ("of=", filler, NULL);
  const char *reasons[] = { NULL, NULL };
  const char *kept[] = { "Kept safe", NULL };
  g_auto(GStrv) back = NULL;

  if (geteuid () != 0 || !run (mount))
    {
      g_test_skip ("Making a small tmpfs needs root and a machine that allows mounts");
      solace_test_rm_rf (mnt);
      return;
    }

  db = solace_database_open (path, SOLACE_DATABASE_FLAGS_NONE, &error);
  g_assert_no_error (error);
  reasons[0] = "Kept safe";
  g_assert_true (solace_progress_save_reasons (db, reasons, &error));

  /* Every byte left taken. */
  fill[2] = of;
  run (fill);

  g_assert_false (solace_backup_make (db, backups, today, FALSE, &made, &error));
  g_assert_error (error, SOLACE_ERROR, SOLACE_ERROR_DISK_FULL);
  g_clear_error (&error);
  g_assert_null (made);
  left = solace_backup_list (backups);
  g_assert_cmpuint (left->len, ==, 0);
  {
    g_autofree char *part = g_build_filename (backups, "solace-2026-11-27.db.part", NULL);
    g_assert_false (g_file_test (part, G_FILE_TEST_EXISTS));
  }

  for (guint i = 0; i < 4000; i++)
    g_string_append (big, "A reason that goes on and on, longer than the disk. ");
  reasons[0] = big->str;
  g_assert_false (solace_progress_save_reasons (db, reasons, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  back = solace_progress_load_reasons (db, &error);
  g_assert_cmpstrv (back, kept);
  g_assert_true (solace_database_check_integrity (db, &error));

  /* Room again: both work. */
  g_unlink (filler);
  g_assert_true (solace_backup_make (db, backups, today, FALSE, &made, &error));
  g_assert_no_error (error);
  g_assert_nonnull (made);

  g_clear_object (&db);
  g_assert_true (run (umount));
  solace_test_rm_rf (mnt);
}

/* Killed at random moments while backing up (and writing the journal
 * as well), many times over: the database stays whole, and every file
 * that looks like a backup is a whole one. */
static void
test_killed_while_backing_up (Fixture       *f,
                              gconstpointer  data)
{
  g_autofree char *writer = g_test_build_filename (G_TEST_BUILT, "solace-test-writer", NULL);
  guint reported = 0;

  g_clear_object (&f->db);

  for (guint round = 0; round < 15; round++)
    {
      const char *argv[] = { writer, f->path, "backup", f->backups, NULL };
      g_autoptr(GError) error = NULL;
      g_autoptr(GIOChannel) channel = NULL;
      g_autoptr(GPtrArray) backups = NULL;
      g_autofree char *line = NULL;
      GPid pid;
      int out_fd;
      int status;

      g_spawn_async_with_pipes (NULL, (char **) argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD,
                                NULL, NULL, &pid, NULL, &out_fd, NULL, &error);
      g_assert_no_error (error);
      channel = g_io_channel_unix_new (out_fd);
      g_io_channel_set_close_on_unref (channel, TRUE);
      g_assert_cmpint (g_io_channel_read_line (channel, &line, NULL, NULL, NULL), ==, G_IO_STATUS_NORMAL);
      g_assert_cmpstr (line, ==, "ready\n");

      g_usleep (g_test_rand_int_range (5, 300) * 1000);
      kill (pid, SIGKILL);
      g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
      g_assert_true (WIFSIGNALED (status));
      g_spawn_close_pid (pid);

      for (;;)
        {
          g_clear_pointer (&line, g_free);
          if (g_io_channel_read_line (channel, &line, NULL, NULL, NULL) != G_IO_STATUS_NORMAL)
            break;
          if (g_str_has_prefix (line, "backup "))
            reported++;
        }

      {
        g_autoptr(SolaceDatabase) db = solace_database_open (f->path, SOLACE_DATABASE_FLAGS_NONE, &error);

        g_assert_no_error (error);
        g_assert_true (solace_database_check_integrity (db, &error));
        g_assert_no_error (error);
      }
      backups = solace_backup_list (f->backups);
      for (guint i = 0; i < backups->len; i++)
        {
          g_assert_true (solace_backup_check (((SolaceBackup *) g_ptr_array_index (backups, i))->path, &error));
          g_assert_no_error (error);
        }
    }

  g_test_message ("%u backups reported finished before 15 kills", reported);
  g_assert_cmpuint (reported, >, 0);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* What is in @dir, sorted: every name, not only the backups. */
static char *
list_dir (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  g_assert_nonnull (d);
  while ((name = g_dir_read_name (d)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);
  g_ptr_array_add (names, NULL);
  return g_strjoinv (" ", (char **) names->pdata);
}

/* Checking a backup, or restoring from it, reads it and nothing more:
 * no -wal or -shm is left beside it, not even beside a copy in WAL
 * mode (an older Solace's, or one put there by hand), and the copy
 * itself is not changed. */
static void
test_check_leaves_nothing (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDate) today = day ("2026-11-27");
  g_autofree char *made = NULL;
  g_autofree char *before = NULL;
  g_autofree char *wal = g_build_filename (f->backups, "solace-2026-11-20.db", NULL);
  g_autofree char *listing = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *sum = NULL;
  g_autofree char *restored = g_build_filename (f->dir, "restored.db", NULL);
  sqlite3 *db = NULL;

  add_reason (f, "Left alone");
  g_assert_true (solace_backup_make (f->db, f->backups, today, FALSE, &made, &error));
  g_assert_no_error (error);
  g_assert_true (solace_backup_keep_before (f->db, f->backups, "import", &before, &error));
  g_assert_no_error (error);

  /* A whole copy in WAL mode, its -wal and -shm gone as SQLite leaves
   * them when the last connection closes. */
  g_assert_cmpint (sqlite3_open (wal, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA journal_mode = WAL; CREATE TABLE journal_entry (id INTEGER PRIMARY KEY);"
                                 "PRAGMA user_version = 1", NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);
  expected = list_dir (f->backups);
  sum = solace_test_checksum_file (wal);

  g_assert_true (solace_backup_check (made, &error));
  g_assert_no_error (error);
  g_assert_true (solace_backup_check (before, &error));
  g_assert_no_error (error);
  g_assert_true (solace_backup_check (wal, &error));
  g_assert_no_error (error);
  solace_backup_free (solace_backup_find_newest_good (f->backups));
  g_assert_true (solace_backup_restore (f->db, made, f->dir, &error));
  g_assert_no_error (error);
  g_assert_true (solace_backup_restore_file (wal, restored, NULL, &error));
  g_assert_no_error (error);

  listing = list_dir (f->backups);
  g_assert_cmpstr (listing, ==, expected);

  /* Opened by URI: a name with what URIs treat specially still works. */
  {
    g_autofree char *odd_dir = g_build_filename (f->dir, "Zoë ?#%20&=", NULL);
    g_autofree char *odd = g_build_filename (odd_dir, "copy?immutable=0.db", NULL);
    g_autofree char *contents = NULL;
    gsize length;

    g_assert_cmpint (g_mkdir (odd_dir, 0700), ==, 0);
    g_assert_true (g_file_get_contents (made, &contents, &length, NULL));
    g_assert_true (g_file_set_contents (odd, contents, length, NULL));
    g_assert_true (solace_backup_check (odd, &error));
    g_assert_no_error (error);
    g_clear_pointer (&listing, g_free);
    listing = list_dir (odd_dir);
    g_assert_cmpstr (listing, ==, "copy?immutable=0.db");
  }
  {
    g_autofree char *again = solace_test_checksum_file (wal);
    g_assert_cmpstr (again, ==, sum);
  }
}

/* What a killed copy left beside today's name (half a file, a log, a
 * shared-memory file) is not kept and not folded in: the backup is
 * whole, one file, and nothing else is left beside it. */
static void
test_leftovers_of_a_killed_copy (Fixture       *f,
                                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDate) today = day ("2026-11-27");
  g_autofree char *part = g_build_filename (f->backups, "solace-2026-11-27.db.part", NULL);
  g_autofree char *made = NULL;
  g_autofree char *reason = NULL;
  g_autofree char *listing = NULL;
  static const char * const beside[] = { "", "-wal", "-shm", "-journal" };

  add_reason (f, "I deserve calm");
  g_assert_cmpint (g_mkdir_with_parents (f->backups, 0700), ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (beside); i++)
    {
      g_autofree char *p = g_strconcat (part, beside[i], NULL);

      g_assert_true (g_file_set_contents (p, "left by a copy that was killed", -1, NULL));
    }

  g_assert_true (solace_backup_make (f->db, f->backups, today, FALSE, &made, &error));
  g_assert_no_error (error);
  listing = list_dir (f->backups);
  g_assert_cmpstr (listing, ==, "solace-2026-11-27.db");
  g_assert_true (solace_backup_check (made, &error));
  g_assert_no_error (error);
  reason = solace_test_query_text (made, "SELECT text FROM reason");
  g_assert_cmpstr (reason, ==, "I deserve calm");
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) g_test_add (name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/backup/make", test_make);
  ADD ("/backup/prune", test_prune);
  ADD ("/backup/check-and-newest-good", test_check_and_newest_good);
  ADD ("/backup/restore", test_restore);
  ADD ("/backup/restore-file", test_restore_file);
  ADD ("/backup/older-and-newer-schema", test_older_and_newer_schema);
  ADD ("/backup/restore-file-fails-cleanly", test_restore_file_fails_cleanly);
  ADD ("/backup/killed-while-backing-up", test_killed_while_backing_up);
  ADD ("/backup/check-leaves-nothing", test_check_leaves_nothing);
  ADD ("/backup/leftovers-of-a-killed-copy", test_leftovers_of_a_killed_copy);
#undef ADD
  g_test_add_func ("/backup/disk-full", test_disk_full);

  return g_test_run ();
}
