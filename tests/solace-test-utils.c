/* solace-test-utils.c — helpers shared by the tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <unistd.h>

#include "solace-test-utils.h"

typedef struct {
  gboolean timed_out;
} WaitData;

static gboolean
timeout_cb (gpointer user_data)
{
  WaitData *wait = user_data;

  wait->timed_out = TRUE;
  return G_SOURCE_REMOVE;
}

gboolean
solace_test_wait_until (gboolean (*done) (gpointer data),
                        gpointer   data,
                        guint      timeout_ms)
{
  WaitData wait = { FALSE };
  guint id = g_timeout_add (timeout_ms, timeout_cb, &wait);

  /* Polls rather than blocks: some conditions (a reference dropped
   * by a worker thread) change without waking the main context. */
  while (!done (data) && !wait.timed_out)
    {
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (1000);
    }

  if (!wait.timed_out)
    g_source_remove (id);

  return done (data);
}

static gboolean
never (gpointer data)
{
  return FALSE;
}

void
solace_test_spin (guint ms)
{
  solace_test_wait_until (never, NULL, ms);
}

/* A journal is read as the app reads it: with the reminders.db beside
 * it, where the reminder tables are, attached as "reminders" (a name
 * in main, where the journal has one, comes first). */
static sqlite3 *
open_raw (const char *path)
{
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *reminders = g_build_filename (dir, "reminders.db", NULL);
  sqlite3 *db = NULL;
  int rc = sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL);

  if (rc != SQLITE_OK)
    g_error ("sqlite3_open_v2(%s): %s", path, sqlite3_errstr (rc));
  sqlite3_busy_timeout (db, 5000);

  if (!g_str_equal (base, "reminders.db") && g_file_test (reminders, G_FILE_TEST_IS_REGULAR))
    {
      sqlite3_stmt *stmt = NULL;

      g_assert_cmpint (sqlite3_prepare_v2 (db, "ATTACH DATABASE ?1 AS reminders", -1, &stmt, NULL), ==, SQLITE_OK);
      sqlite3_bind_text (stmt, 1, reminders, -1, SQLITE_TRANSIENT);
      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
      sqlite3_finalize (stmt);
    }

  return db;
}

gint64
solace_test_query_int (const char *path,
                       const char *sql)
{
  sqlite3 *db = open_raw (path);
  sqlite3_stmt *stmt = NULL;
  gint64 value = -1;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  return value;
}

char *
solace_test_query_text (const char *path,
                        const char *sql)
{
  sqlite3 *db = open_raw (path);
  sqlite3_stmt *stmt = NULL;
  char *value = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  return value;
}

void
solace_test_exec (const char *path,
                  const char *sql)
{
  sqlite3 *db = open_raw (path);
  char *message = NULL;

  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("exec: %s", message);
  sqlite3_close (db);
}

char *
solace_test_checksum_file (const char *path)
{
  g_autofree char *contents = NULL;
  gsize length = 0;

  if (!g_file_get_contents (path, &contents, &length, NULL))
    return NULL;

  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, length);
}

/* A temporary folder others may enter, for tests that drop root. */
char *
solace_test_make_world_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("solace-test-XXXXXX", &error);

  g_assert_no_error (error);
  g_chmod (dir, 0777);

  return dir;
}

void
solace_test_rm_rf (const char *path)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  if (!g_file_test (path, G_FILE_TEST_IS_DIR) || g_file_test (path, G_FILE_TEST_IS_SYMLINK))
    {
      g_unlink (path);
      return;
    }

  g_chmod (path, 0700);
  dir = g_dir_open (path, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);
      solace_test_rm_rf (child);
    }
  g_rmdir (path);
}

/* Permission tests mean nothing to root, who may write anywhere: in a
 * subprocess, become "nobody" first.  Returns FALSE if that failed. */
gboolean
solace_test_drop_root (void)
{
  if (geteuid () != 0)
    return TRUE;

  return setgid (65534) == 0 && setuid (65534) == 0 && geteuid () == 65534;
}
