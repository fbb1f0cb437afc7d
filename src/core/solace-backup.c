/* solace-backup.c — daily copies of the database, and restoring one
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "solace-backup"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>

#include "solace-backup.h"
#include "solace-error.h"

#define PREFIX "solace-"
#define SUFFIX ".db"
/* Pages copied per step: small enough that a write from the window
 * never waits long behind a backup. */
#define PAGES_PER_STEP 64
#define BEFORE "-before-"

void
solace_backup_free (SolaceBackup *backup)
{
  if (backup == NULL)
    return;

  g_free (backup->path);
  g_free (backup);
}

char *
solace_backup_dup_default_dir (void)
{
  return g_build_filename (g_get_user_data_dir (), "solace", "backups", NULL);
}

/* "solace-2026-11-27.db" or "solace-2026-11-27-…" → that day. */
static gboolean
day_of_name (const char *name,
             GDate      *day)
{
  unsigned year, month, dom;

  if (!g_str_has_prefix (name, PREFIX) || !g_str_has_suffix (name, SUFFIX) ||
      strlen (name) < strlen (PREFIX) + 10 + strlen (SUFFIX))
    return FALSE;
  for (guint i = 0; i < 10; i++)
    {
      char c = name[strlen (PREFIX) + i];

      if ((i == 4 || i == 7) ? c != '-' : !g_ascii_isdigit (c))
        return FALSE;
    }
  if (sscanf (name + strlen (PREFIX), "%4u-%2u-%2u", &year, &month, &dom) != 3 ||
      !g_date_valid_dmy (dom, month, year))
    return FALSE;

  g_date_clear (day, 1);
  g_date_set_dmy (day, dom, month, year);
  return TRUE;
}

static int
newest_first (gconstpointer a,
              gconstpointer b)
{
  const SolaceBackup *x = *(const SolaceBackup **) a;
  const SolaceBackup *y = *(const SolaceBackup **) b;
  int by_day = g_date_compare (&y->day, &x->day);

  if (by_day != 0)
    return by_day;
  if (x->made_at != y->made_at)
    return x->made_at < y->made_at ? 1 : -1;
  return g_strcmp0 (y->path, x->path);
}

GPtrArray *
solace_backup_list (const char *dir)
{
  g_autoptr(GPtrArray) backups = g_ptr_array_new_with_free_func ((GDestroyNotify) solace_backup_free);
  g_autoptr(GDir) handle = NULL;
  const char *name;

  g_return_val_if_fail (dir != NULL, NULL);

  handle = g_dir_open (dir, 0, NULL);
  while (handle != NULL && (name = g_dir_read_name (handle)) != NULL)
    {
      g_autoptr(SolaceBackup) backup = g_new0 (SolaceBackup, 1);
      GStatBuf st;

      if (!day_of_name (name, &backup->day))
        continue;
      backup->path = g_build_filename (dir, name, NULL);
      if (g_stat (backup->path, &st) != 0 || !S_ISREG (st.st_mode))
        continue;
      backup->made_at = st.st_mtime;
      backup->size = st.st_size;
      g_ptr_array_add (backups, g_steal_pointer (&backup));
    }

  g_ptr_array_sort (backups, newest_first);
  return g_steal_pointer (&backups);
}

/* The ISO week @day is in, as year * 100 + week: the week's Thursday
 * decides its year. */
static guint
iso_week_key (const GDate *day)
{
  GDate thursday = *day;
  int offset = G_DATE_THURSDAY - (int) g_date_get_weekday (day);

  if (offset > 0)
    g_date_add_days (&thursday, offset);
  else if (offset < 0)
    g_date_subtract_days (&thursday, -offset);

  return g_date_get_year (&thursday) * 100 + g_date_get_iso8601_week_of_year (day);
}

void
solace_backup_prune (const char  *dir,
                     const GDate *today)
{
  g_autoptr(GPtrArray) backups = NULL;
  g_autoptr(GHashTable) days = g_hash_table_new (NULL, NULL);
  g_autoptr(GHashTable) covered = g_hash_table_new (NULL, NULL);
  guint weekly = 0;

  g_return_if_fail (dir != NULL);
  g_return_if_fail (today != NULL && g_date_valid (today));

  /* Newest first: the first SOLACE_BACKUP_DAILY days are kept, then the
   * newest copy of each older ISO week, for SOLACE_BACKUP_WEEKLY weeks. */
  backups = solace_backup_list (dir);
  for (guint i = 0; i < backups->len; i++)
    {
      SolaceBackup *b = g_ptr_array_index (backups, i);
      gpointer day = GUINT_TO_POINTER (g_date_get_julian (&b->day));
      gpointer week = GUINT_TO_POINTER (iso_week_key (&b->day));
      gboolean keep = FALSE;

      /* A copy dated after today (a clock that was ahead) is kept: it is
       * not Solace's to judge. */
      if (g_date_compare (&b->day, today) > 0)
        keep = TRUE;
      /* What was there before a restore or an import is kept for a
       * week whatever else is made that day, and takes no daily slot. */
      else if (strstr (b->path, BEFORE) != NULL)
        keep = g_date_days_between (&b->day, today) < SOLACE_BACKUP_DAILY;
      else if (g_hash_table_contains (days, day))
        keep = FALSE;
      else if (g_hash_table_size (days) < SOLACE_BACKUP_DAILY)
        {
          keep = TRUE;
          g_hash_table_add (days, day);
          g_hash_table_add (covered, week);
        }
      else if (!g_hash_table_contains (covered, week) && weekly < SOLACE_BACKUP_WEEKLY)
        {
          keep = TRUE;
          weekly++;
          g_hash_table_add (days, day);
          g_hash_table_add (covered, week);
        }

      if (!keep && g_unlink (b->path) != 0)
        g_warning ("Could not delete an old backup: %s", g_strerror (errno));
    }
}

/* Opens a backup to read it and nothing more.  "immutable=1" tells
 * SQLite the file cannot change, which is true of a backup (written
 * whole, then renamed into place, never written again): it takes no
 * locks and, for a copy in WAL mode, makes no -wal or -shm beside it,
 * where they would stay, since a read-only connection cannot remove
 * them.  A -wal already there is not read: what is checked is the file
 * alone, and that is what a restore copies. */
static int
open_backup (const char  *path,
             sqlite3    **db)
{
  g_autofree char *escaped = g_uri_escape_string (path, "/", FALSE);
  g_autofree char *uri = g_strconcat ("file:", escaped, "?immutable=1", NULL);

  return sqlite3_open_v2 (uri, db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI | SQLITE_OPEN_FULLMUTEX, NULL);
}

/* SQLite's online backup from @src into @dst, a few pages at a time.
 * With @step_lock, Solace's lock is held for one step at a time, so a
 * store waits for a few pages, never for the whole copy; the stores
 * hold it for the whole of a transaction, so a step never falls inside
 * one, and SQLite carries a change made between steps into the copy. */
static int
copy_pages (sqlite3        *dst,
            sqlite3        *src,
            SolaceDatabase *step_lock)
{
  sqlite3_backup *backup = sqlite3_backup_init (dst, "main", src, "main");
  int rc;

  if (backup == NULL)
    return sqlite3_errcode (dst);

  do
    {
      if (step_lock != NULL)
        solace_database_lock (step_lock);
      rc = sqlite3_backup_step (backup, PAGES_PER_STEP);
      if (step_lock != NULL)
        solace_database_unlock (step_lock);
      if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
        g_usleep (10 * 1000);
    }
  while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);

  sqlite3_backup_finish (backup);
  return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

static gboolean
set_error (GError     **error,
           int          rc,
           sqlite3     *db,
           const char  *what)
{
  g_set_error (error, SOLACE_ERROR,
               (rc & 0xff) == SQLITE_FULL ? SOLACE_ERROR_DISK_FULL : SOLACE_ERROR_FAILED,
               "%s: %s", what, db != NULL ? sqlite3_errmsg (db) : sqlite3_errstr (rc));
  return FALSE;
}

/* Writes a copy of @src to @path through a temporary file beside it. */
static gboolean
write_copy (sqlite3         *src,
            SolaceDatabase  *step_lock,
            const char      *path,
            GError         **error)
{
  g_autofree char *tmp = g_strconcat (path, ".part", NULL);
  sqlite3 *dst = NULL;
  int fd;
  int rc;

  g_unlink (tmp);
  fd = g_open (tmp, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      int saved_errno = errno;

      g_set_error (error, SOLACE_ERROR, saved_errno == ENOSPC ? SOLACE_ERROR_DISK_FULL : SOLACE_ERROR_CANT_CREATE,
                   _("Could not create a backup in “%s”: %s"), path, g_strerror (saved_errno));
      return FALSE;
    }
  close (fd);

  rc = sqlite3_open_v2 (tmp, &dst, SQLITE_OPEN_READWRITE | SQLITE_OPEN_FULLMUTEX, NULL);
  if (rc == SQLITE_OK)
    rc = copy_pages (dst, src, step_lock);
  if (rc == SQLITE_OK)
    /* One file, no -wal beside it. */
    rc = sqlite3_exec (dst, "PRAGMA journal_mode = DELETE", NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    {
      set_error (error, rc, dst, _("Making a backup"));
      sqlite3_close (dst);
      g_unlink (tmp);
      return FALSE;
    }
  sqlite3_close (dst);

  if (g_rename (tmp, path) != 0)
    {
      int saved_errno = errno;

      g_unlink (tmp);
      g_set_error (error, SOLACE_ERROR, SOLACE_ERROR_FAILED,
                   _("Could not put the backup in place: %s"), g_strerror (saved_errno));
      return FALSE;
    }

  return TRUE;
}

static gboolean
make_dir (const char  *dir,
          GError     **error)
{
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, SOLACE_ERROR, SOLACE_ERROR_CANT_CREATE,
                   _("Could not create the folder “%s”: %s"), dir, g_strerror (saved_errno));
      return FALSE;
    }
  g_chmod (dir, 0700);
  return TRUE;
}

gboolean
solace_backup_make (SolaceDatabase  *db,
                    const char      *dir,
                    const GDate     *today,
                    gboolean         force,
                    char           **made,
                    GError         **error)
{
  g_autofree char *name = NULL;
  g_autofree char *path = NULL;
  gboolean ok;

  g_return_val_if_fail (SOLACE_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (dir != NULL, FALSE);
  g_return_val_if_fail (today != NULL && g_date_valid (today), FALSE);

  if (made != NULL)
    *made = NULL;

  if (!make_dir (dir, error))
    return FALSE;

  name = g_strdup_printf (PREFIX "%04u-%02u-%02u" SUFFIX,
                          g_date_get_year (today), g_date_get_month (today), g_date_get_day (today));
  path = g_build_filename (dir, name, NULL);
  if (!force && g_file_test (path, G_FILE_TEST_EXISTS))
    return TRUE;

  ok = write_copy (solace_database_get_handle (db), db, path, error);
  if (!ok)
    return FALSE;

  solace_backup_prune (dir, today);

  if (made != NULL)
    *made = g_steal_pointer (&path);

  return TRUE;
}

gboolean
solace_backup_check (const char  *path,
                     GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  sqlite3 *db = NULL;
  int version = -1;
  gboolean ok = FALSE;
  int rc;

  g_return_val_if_fail (path != NULL, FALSE);

  /* Read as SQLite sees it: a backup from before the latest schema is
   * still a good backup, and is brought up to date once restored. */
  rc = open_backup (path, &db);
  if (rc == SQLITE_OK)
    rc = sqlite3_prepare_v2 (db, "PRAGMA user_version", -1, &stmt, NULL);
  if (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      version = sqlite3_column_int (stmt, 0);
      rc = SQLITE_OK;
    }
  g_clear_pointer (&stmt, sqlite3_finalize);

  if ((rc & 0xff) == SQLITE_NOTADB)
    g_set_error (error, SOLACE_ERROR, SOLACE_ERROR_NOT_A_DATABASE, _("“%s” is not a Solace database."), path);
  else if ((rc & 0xff) == SQLITE_CORRUPT)
    g_set_error (error, SOLACE_ERROR, SOLACE_ERROR_CORRUPT, _("“%s” is damaged."), path);
  else if (rc != SQLITE_OK)
    set_error (error, rc, db, path);
  else if (version < 1)
    g_set_error (error, SOLACE_ERROR, SOLACE_ERROR_NOT_A_DATABASE, _("“%s” is not a Solace database."), path);
  else if (version > solace_database_get_latest_version ())
    g_set_error (error, SOLACE_ERROR, SOLACE_ERROR_NEWER_SCHEMA,
                 _("“%s” was written by a newer version of Solace (schema %d; this version knows up to %d)."),
                 path, version, solace_database_get_latest_version ());
  else if ((rc = sqlite3_prepare_v2 (db, "PRAGMA integrity_check", -1, &stmt, NULL)) != SQLITE_OK ||
           (rc = sqlite3_step (stmt)) != SQLITE_ROW)
    {
      /* Busy, out of memory, an I/O error: not known to be damaged. */
      if ((rc & 0xff) == SQLITE_CORRUPT || (rc & 0xff) == SQLITE_NOTADB)
        g_set_error (error, SOLACE_ERROR, SOLACE_ERROR_CORRUPT, _("“%s” is damaged."), path);
      else
        set_error (error, rc, db, path);
    }
  else if (g_strcmp0 ((const char *) sqlite3_column_text (stmt, 0), "ok") != 0)
    g_set_error (error, SOLACE_ERROR, SOLACE_ERROR_CORRUPT, _("“%s” is damaged."), path);
  else
    {
      /* Some SQLite file with a plausible version is not enough: the
       * journal, there since the first schema, must be in it. */
      g_clear_pointer (&stmt, sqlite3_finalize);
      rc = sqlite3_prepare_v2 (db, "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = 'journal_entry'",
                               -1, &stmt, NULL);
      if (rc == SQLITE_OK && sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_int (stmt, 0) == 1)
        ok = TRUE;
      else
        g_set_error (error, SOLACE_ERROR, SOLACE_ERROR_NOT_A_DATABASE, _("“%s” is not a Solace database."), path);
    }

  g_clear_pointer (&stmt, sqlite3_finalize);
  sqlite3_close (db);

  return ok;
}

SolaceBackup *
solace_backup_find_newest_good (const char *dir)
{
  g_autoptr(GPtrArray) backups = solace_backup_list (dir);

  for (guint i = 0; i < backups->len; i++)
    if (solace_backup_check (((SolaceBackup *) g_ptr_array_index (backups, i))->path, NULL))
      return g_ptr_array_steal_index (backups, i);

  return NULL;
}

gboolean
solace_backup_keep_before (SolaceDatabase  *db,
                           const char      *dir,
                           const char      *why,
                           char           **made,
                           GError         **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *stamp = g_date_time_format (now, "%Y-%m-%d-%H%M%S");
  g_autofree char *path = NULL;

  g_return_val_if_fail (SOLACE_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (dir != NULL && why != NULL, FALSE);

  if (!make_dir (dir, error))
    return FALSE;

  /* Two in the same second each keep their own name. */
  for (guint n = 1; path == NULL || g_file_test (path, G_FILE_TEST_EXISTS); n++)
    {
      g_autofree char *suffix = n > 1 ? g_strdup_printf ("-%u", n) : g_strdup ("");
      g_autofree char *name = g_strdup_printf (PREFIX "%s%s" BEFORE "%s" SUFFIX, stamp, suffix, why);

      g_free (path);
      path = g_build_filename (dir, name, NULL);
    }
  if (!write_copy (solace_database_get_handle (db), db, path, error))
    return FALSE;

  if (made != NULL)
    *made = g_steal_pointer (&path);
  return TRUE;
}

gboolean
solace_backup_restore (SolaceDatabase  *db,
                       const char      *backup,
                       const char      *dir,
                       GError         **error)
{
  sqlite3 *src = NULL;
  gboolean ok;
  int rc;

  g_return_val_if_fail (SOLACE_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (backup != NULL && dir != NULL, FALSE);

  if (solace_database_is_read_only (db))
    {
      g_set_error_literal (error, SOLACE_ERROR, SOLACE_ERROR_READ_ONLY,
                           _("Solace can only read your data right now, so nothing can be restored."));
      return FALSE;
    }
  if (!solace_backup_check (backup, error))
    return FALSE;

  solace_database_lock (db);
  /* What is there now becomes one more backup, first. */
  ok = solace_backup_keep_before (db, dir, "restore", NULL, error);
  if (ok)
    {
      rc = open_backup (backup, &src);
      if (rc == SQLITE_OK)
        rc = copy_pages (solace_database_get_handle (db), src, NULL);
      if (rc != SQLITE_OK)
        ok = set_error (error, rc, solace_database_get_handle (db), _("Restoring a backup"));
      sqlite3_close (src);
    }
  solace_database_unlock (db);

  return ok;
}

/* Renames the database @from, and its -wal, -shm and -journal if there,
 * to @to, so that none of them is replayed into what comes in its place.
 * On failure nothing is left half-moved. */
static gboolean
move_database (const char  *from,
               const char  *to,
               GError     **error)
{
  static const char * const exts[] = { "", "-wal", "-shm", "-journal" };
  guint moved = 0;

  for (; moved < G_N_ELEMENTS (exts); moved++)
    {
      g_autofree char *a = g_strconcat (from, exts[moved], NULL);
      g_autofree char *b = g_strconcat (to, exts[moved], NULL);

      if (!g_file_test (a, G_FILE_TEST_EXISTS))
        continue;
      if (g_rename (a, b) != 0)
        {
          int saved_errno = errno;

          while (moved-- > 0)
            {
              g_autofree char *back_a = g_strconcat (from, exts[moved], NULL);
              g_autofree char *back_b = g_strconcat (to, exts[moved], NULL);

              if (g_file_test (back_b, G_FILE_TEST_EXISTS))
                g_rename (back_b, back_a);
            }
          g_set_error (error, SOLACE_ERROR, SOLACE_ERROR_FAILED,
                       _("Could not move the damaged file aside: %s"), g_strerror (saved_errno));
          return FALSE;
        }
    }

  return TRUE;
}

gboolean
solace_backup_restore_file (const char  *backup,
                            const char  *path,
                            char       **kept_as,
                            GError     **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%d-%H%M%S");
  g_autofree char *aside = g_strdup_printf ("%s.damaged-%s", path, stamp);
  sqlite3 *src = NULL;
  gboolean ok;
  int rc;

  g_return_val_if_fail (backup != NULL && path != NULL, FALSE);

  if (!solace_backup_check (backup, error))
    return FALSE;

  /* The damaged file is kept, with its -wal and -shm, under a new name. */
  if (!move_database (path, aside, error))
    return FALSE;

  rc = open_backup (backup, &src);
  ok = rc == SQLITE_OK ? write_copy (src, NULL, path, error) : set_error (error, rc, src, _("Restoring a backup"));
  sqlite3_close (src);

  if (!ok)
    {
      /* Put things back as they were; if even that fails, the damaged
       * file is still there under its new name, and the message says
       * why nothing was restored. */
      move_database (aside, path, NULL);
      return FALSE;
    }

  if (kept_as != NULL)
    *kept_as = g_steal_pointer (&aside);

  return TRUE;
}
