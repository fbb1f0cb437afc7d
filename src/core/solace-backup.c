/* solace-backup.c — daily copies of the database, and restoring one
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Why one file of this length: making, checking, keeping and restoring
 * a copy share one naming scheme and one idea of a good copy (with its
 * key file, for locked data); split, each part would need the other's.
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
#include "solace-crypt-vfs.h"
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
      backup->sealed = solace_crypt_vfs_probe_file (backup->path, NULL) == SOLACE_CRYPT_FILE_ENCRYPTED;
      g_ptr_array_add (backups, g_steal_pointer (&backup));
    }

  g_ptr_array_sort (backups, newest_first);
  return g_steal_pointer (&backups);
}

/* A backup and, if it is sealed, its key file: nothing of it is left. */
static void
delete_backup (const char *path)
{
  g_autofree char *keys = solace_keys_path_for_database (path);
  g_autoptr(GError) error = NULL;

  if (g_unlink (path) != 0 && errno != ENOENT)
    {
      g_warning ("Could not delete an old backup: %s", g_strerror (errno));
      return;
    }
  if (solace_keys_exist (keys) && !solace_keys_remove (keys, &error))
    g_warning ("Could not delete an old backup’s key file: %s", error->message);
}

/* A key file whose backup is gone (a copy stopped between writing the
 * key file and renaming the backup into place, or deleted by hand). */
static void
remove_orphan_keys (const char *dir)
{
  g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
  const char *name;

  while (handle != NULL && (name = g_dir_read_name (handle)) != NULL)
    {
      g_autofree char *db_name = NULL;
      g_autofree char *db_path = NULL;

      if (g_str_has_suffix (name, SUFFIX ".keys"))
        db_name = g_strndup (name, strlen (name) - strlen (".keys"));
      else if (g_str_has_suffix (name, SUFFIX ".keys.bak"))
        db_name = g_strndup (name, strlen (name) - strlen (".keys.bak"));
      else
        continue;
      if (!g_str_has_prefix (db_name, PREFIX))
        continue;
      db_path = g_build_filename (dir, db_name, NULL);
      if (!g_file_test (db_path, G_FILE_TEST_EXISTS))
        {
          g_autofree char *keys = solace_keys_path_for_database (db_path);

          solace_keys_remove (keys, NULL);
        }
    }
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

      if (!keep)
        delete_backup (b->path);
    }

  remove_orphan_keys (dir);
}

/* Opens a backup to read it and nothing more.  "immutable=1" tells
 * SQLite the file cannot change, which is true of a backup (written
 * whole, then renamed into place, never written again): it takes no
 * locks and, for a copy in WAL mode, makes no -wal or -shm beside it,
 * where they would stay, since a read-only connection cannot remove
 * them.  A -wal already there is not read: what is checked is the file
 * alone, and that is what a restore copies.
 *
 * With @key, through the solace-crypt VFS, the key registered for @path
 * until close_backup (); temporary b-trees in memory. */
static int
open_backup (const char       *path,
             const SolaceKey  *key,
             sqlite3         **db)
{
  g_autofree char *escaped = g_uri_escape_string (path, "/", FALSE);
  g_autofree char *uri = NULL;
  int rc;

  *db = NULL;
  if (key != NULL &&
      (!solace_crypt_vfs_register (NULL) ||
       !solace_crypt_vfs_set_key (path, solace_key_get_data_key (key),
                                  solace_key_get_database_id (key), NULL)))
    return SQLITE_CANTOPEN;

  uri = g_strconcat ("file:", escaped, "?immutable=1",
                     key != NULL ? "&vfs=" SOLACE_CRYPT_VFS_NAME : NULL, NULL);
  rc = sqlite3_open_v2 (uri, db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI | SQLITE_OPEN_FULLMUTEX, NULL);
  if (rc == SQLITE_OK && key != NULL)
    rc = sqlite3_exec (*db, "PRAGMA temp_store = MEMORY", NULL, NULL, NULL);
  if (rc == SQLITE_OK)
    sqlite3_extended_result_codes (*db, TRUE);
  return rc;
}

static void
close_backup (sqlite3         *db,
              const char      *path,
              const SolaceKey *key)
{
  sqlite3_close (db);
  if (key != NULL)
    solace_crypt_vfs_forget_key (path);
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
  switch (rc & 0xff)
    {
    case SQLITE_FULL:
      g_set_error_literal (error, SOLACE_ERROR, SOLACE_ERROR_DISK_FULL,
                           _("The disk is full. Make some room on it, then try again."));
      break;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      /* Not SQLite's "database is locked": nobody reading it knows
       * which database, or what locked means here. */
      g_set_error_literal (error, SOLACE_ERROR, SOLACE_ERROR_BUSY,
                           _("Another program is using Solace’s data. Close it (or the other Solace window), then try again."));
      break;
    default:
      g_set_error (error, SOLACE_ERROR, SOLACE_ERROR_FAILED,
                   "%s: %s", what, db != NULL ? sqlite3_errmsg (db) : sqlite3_errstr (rc));
    }
  return FALSE;
}

static const char * const log_suffixes[] = { "-wal", "-shm", "-journal" };

/* A file SQLite wrote, and what it may have left beside it. */
static void
unlink_with_logs (const char *path)
{
  g_unlink (path);
  for (guint i = 0; i < G_N_ELEMENTS (log_suffixes); i++)
    {
      g_autofree char *p = g_strconcat (path, log_suffixes[i], NULL);

      g_unlink (p);
    }
}

/* An empty file, 0600 whatever the umask.  A log left beside @tmp by
 * an earlier copy that was killed goes first: SQLite would replay it
 * into the new file. */
static gboolean
create_private (const char  *tmp,
                const char  *path,
                GError     **error)
{
  int fd;

  unlink_with_logs (tmp);
  fd = g_open (tmp, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      int saved_errno = errno;

      g_set_error (error, SOLACE_ERROR, saved_errno == ENOSPC ? SOLACE_ERROR_DISK_FULL : SOLACE_ERROR_CANT_CREATE,
                   _("Could not create a backup in “%s”: %s"), path, g_strerror (saved_errno));
      return FALSE;
    }
  fchmod (fd, 0600);
  close (fd);
  return TRUE;
}

/* A new sealed file at @tmp (already made by create_private ()),
 * opened through the VFS and laid out for the seal. */
static int
open_sealed_copy (const char       *tmp,
                  const SolaceKey  *key,
                  sqlite3         **dst)
{
  *dst = NULL;
  if (!solace_crypt_vfs_register (NULL) ||
      !solace_crypt_vfs_set_key (tmp, solace_key_get_data_key (key),
                                 solace_key_get_database_id (key), NULL))
    return SQLITE_CANTOPEN;
  return solace_crypt_vfs_open (tmp, SQLITE_OPEN_READWRITE | SQLITE_OPEN_FULLMUTEX, dst);
}

/* The sealed copy's log, put into the file now: closing would do it
 * too, but a failure there could not be seen. */
static int
checkpoint_truncate (sqlite3 *db)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc = sqlite3_prepare_v2 (db, "PRAGMA wal_checkpoint(TRUNCATE)", -1, &stmt, NULL);

  if (rc != SQLITE_OK)
    return rc;
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    return sqlite3_extended_errcode (db);
  /* busy, frames in the log, frames written back: a copy nobody else
   * has open is never busy, and every frame goes into the file. */
  if (sqlite3_column_int (stmt, 0) != 0 ||
      sqlite3_column_int (stmt, 1) != sqlite3_column_int (stmt, 2))
    return SQLITE_BUSY;
  return SQLITE_OK;
}

/* After the last connection to @tmp closed: nothing of it may be left
 * in a -wal (it would not follow the file through the rename).  An
 * empty one, and a -shm, are only removed. */
static gboolean
log_is_folded (const char *tmp)
{
  g_autofree char *wal = g_strconcat (tmp, "-wal", NULL);
  g_autofree char *shm = g_strconcat (tmp, "-shm", NULL);
  GStatBuf st;

  if (g_stat (wal, &st) == 0 && st.st_size > 0)
    return FALSE;
  g_unlink (wal);
  g_unlink (shm);
  return TRUE;
}

/* Flushes @path, or the folder it is in (@path a folder). */
static gboolean
fsync_path (const char  *path,
            gboolean     folder,
            GError     **error)
{
  int fd = g_open (path, O_RDONLY | O_CLOEXEC | (folder ? O_DIRECTORY : O_NOFOLLOW), 0);
  int saved_errno = 0;

  if (fd < 0)
    saved_errno = errno;
  else if (fsync (fd) != 0 && !(folder && errno == EINVAL))
    saved_errno = errno;
  if (fd >= 0)
    close (fd);
  if (saved_errno != 0)
    {
      g_set_error (error, SOLACE_ERROR,
                   saved_errno == ENOSPC || saved_errno == EDQUOT ? SOLACE_ERROR_DISK_FULL : SOLACE_ERROR_FAILED,
                   _("Could not save the backup to disk: %s"), g_strerror (saved_errno));
      return FALSE;
    }
  return TRUE;
}

/* Writes a copy of @src to @path through a temporary file beside it.
 * With @key the copy is sealed with it (page by page: @src must be
 * sealed too, with the same layout) and, if @keys_from is given, that
 * key file is copied beside it first, so a backup never lies there
 * without the key file that opens it.  Only a copy that is one whole
 * file (its log folded in and gone) and on disk is renamed into place;
 * otherwise it is an error, and the temporary file goes. */
static gboolean
write_copy (sqlite3          *src,
            SolaceDatabase   *step_lock,
            const char       *path,
            const SolaceKey  *key,
            const char       *keys_from,
            GError          **error)
{
  g_autofree char *tmp = g_strconcat (path, ".part", NULL);
  g_autofree char *dir = g_path_get_dirname (path);
  g_autoptr(GError) local_error = NULL;
  sqlite3 *dst = NULL;
  int rc;

  if (!create_private (tmp, path, error))
    return FALSE;

  if (key != NULL)
    {
      rc = open_sealed_copy (tmp, key, &dst);
      if (rc == SQLITE_OK && !solace_crypt_vfs_prepare (dst, &local_error))
        rc = SQLITE_CORRUPT;
      if (rc == SQLITE_OK)
        rc = copy_pages (dst, src, step_lock);
      /* One file, as a plain backup is: the log goes into it. */
      if (rc == SQLITE_OK)
        rc = checkpoint_truncate (dst);
    }
  else
    {
      rc = sqlite3_open_v2 (tmp, &dst, SQLITE_OPEN_READWRITE | SQLITE_OPEN_FULLMUTEX, NULL);
      if (rc == SQLITE_OK)
        rc = copy_pages (dst, src, step_lock);
      if (rc == SQLITE_OK)
        /* One file, no -wal beside it. */
        rc = sqlite3_exec (dst, "PRAGMA journal_mode = DELETE", NULL, NULL, NULL);
    }
  if (rc != SQLITE_OK)
    {
      if (local_error != NULL)
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        set_error (error, rc, dst, _("Making a backup"));
      sqlite3_close (dst);
      if (key != NULL)
        solace_crypt_vfs_forget_key (tmp);
      unlink_with_logs (tmp);
      return FALSE;
    }
  rc = sqlite3_close (dst);
  if (key != NULL)
    solace_crypt_vfs_forget_key (tmp);
  if (rc != SQLITE_OK)
    {
      set_error (error, rc, NULL, _("Making a backup"));
      unlink_with_logs (tmp);
      return FALSE;
    }
  if (!log_is_folded (tmp))
    {
      g_set_error_literal (error, SOLACE_ERROR, SOLACE_ERROR_FAILED,
                           _("The backup could not be written as one whole file, so it was not kept."));
      unlink_with_logs (tmp);
      return FALSE;
    }
  if (!fsync_path (tmp, FALSE, error))
    {
      unlink_with_logs (tmp);
      return FALSE;
    }

  if (key != NULL && keys_from != NULL)
    {
      g_autofree char *keys = solace_keys_path_for_database (path);

      if (!solace_keys_copy (keys_from, key, keys, error))
        {
          unlink_with_logs (tmp);
          return FALSE;
        }
    }

  if (g_rename (tmp, path) != 0)
    {
      int saved_errno = errno;

      unlink_with_logs (tmp);
      g_set_error (error, SOLACE_ERROR, SOLACE_ERROR_FAILED,
                   _("Could not put the backup in place: %s"), g_strerror (saved_errno));
      return FALSE;
    }

  return fsync_path (dir, TRUE, error);
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

/* A copy of @db at @path; sealed, with its key file, if @db is. */
static gboolean
copy_database (SolaceDatabase  *db,
               const char      *path,
               GError         **error)
{
  g_autofree char *keys_from = NULL;
  const SolaceKey *key = NULL;

  if (solace_database_is_sealed (db))
    {
      key = solace_database_get_key (db);
      if (key == NULL)
        {
          g_set_error_literal (error, SOLACE_ERROR, SOLACE_ERROR_FAILED,
                               _("An encrypted journal is backed up through its own connection."));
          return FALSE;
        }
      keys_from = solace_keys_path_for_database (solace_database_get_path (db));
    }

  return write_copy (solace_database_get_handle (db), db, path, key, keys_from, error);
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

  ok = copy_database (db, path, error);
  if (!ok)
    return FALSE;

  solace_backup_prune (dir, today);

  if (made != NULL)
    *made = g_steal_pointer (&path);

  return TRUE;
}

/* For a sealed backup: whether @key can be the one it was made with.
 * Its own key file, when there, says so for certain; without one a
 * wrong key reads as damage. */
static gboolean
check_backup_key (const char       *path,
                  const SolaceKey  *key,
                  GError          **error)
{
  g_autofree char *keys = solace_keys_path_for_database (path);

  if (key == NULL)
    {
      g_set_error (error, SOLACE_ERROR, SOLACE_ERROR_LOCKED,
                   _("“%s” is encrypted and can only be read with the passphrase or the recovery key."), path);
      return FALSE;
    }
  if (solace_keys_exist (keys) && !solace_keys_check_key (keys, key, NULL))
    {
      g_set_error (error, SOLACE_ERROR, SOLACE_ERROR_LOCKED,
                   _("“%s” was encrypted with another key, from before the lock was last set up. It opens with the passphrase or recovery key of that time."),
                   path);
      return FALSE;
    }
  return TRUE;
}

gboolean
solace_backup_check (const char  *path,
                     GError     **error)
{
  return solace_backup_check_with_key (path, NULL, error);
}

gboolean
solace_backup_check_with_key (const char       *path,
                              const SolaceKey  *key,
                              GError          **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  sqlite3 *db = NULL;
  int version = -1;
  gboolean ok = FALSE;
  gboolean sealed;
  int rc;

  g_return_val_if_fail (path != NULL, FALSE);

  sealed = solace_crypt_vfs_probe_file (path, NULL) == SOLACE_CRYPT_FILE_ENCRYPTED;
  if (sealed && !check_backup_key (path, key, error))
    return FALSE;
  if (!sealed)
    key = NULL;

  /* Read as SQLite sees it: a backup from before the latest schema is
   * still a good backup, and is brought up to date once restored. */
  rc = open_backup (path, key, &db);
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
  else if ((rc & 0xff) == SQLITE_CORRUPT || rc == SQLITE_IOERR_DATA)
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
      /* Busy, out of memory, an I/O error: not known to be damaged.  A
       * page whose seal does not verify is. */
      if ((rc & 0xff) == SQLITE_CORRUPT || (rc & 0xff) == SQLITE_NOTADB || rc == SQLITE_IOERR_DATA)
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
  close_backup (db, path, key);

  return ok;
}

SolaceBackup *
solace_backup_find_newest_good (const char *dir)
{
  return solace_backup_find_newest_good_with_key (dir, NULL);
}

SolaceBackup *
solace_backup_find_newest_good_with_key (const char      *dir,
                                         const SolaceKey *key)
{
  g_autoptr(GPtrArray) backups = solace_backup_list (dir);

  for (guint i = 0; i < backups->len; i++)
    if (solace_backup_check_with_key (((SolaceBackup *) g_ptr_array_index (backups, i))->path, key, NULL))
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
  if (!copy_database (db, path, error))
    return FALSE;

  if (made != NULL)
    *made = g_steal_pointer (&path);
  return TRUE;
}

/* A sealed copy of the plain database @src at @path (made 0600 by
 * create_private () first): VACUUM INTO through the VFS, with the 40
 * reserved bytes a page the seal needs asked of the source (the online
 * backup would copy the source's 0 and be refused page by page). */
static gboolean
write_sealed_from_plain (sqlite3          *src,
                         const char       *path,
                         const SolaceKey  *key,
                         GError          **error)
{
  g_autofree char *base = NULL;
  g_autofree char *uri = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GError) local_error = NULL;
  int reserve = SOLACE_CRYPT_RESERVE_BYTES;
  sqlite3 *dst = NULL;
  int rc;

  base = g_filename_to_uri (path, NULL, error);
  if (base == NULL)
    return FALSE;
  uri = g_strconcat (base, "?vfs=" SOLACE_CRYPT_VFS_NAME, NULL);

  if (!solace_crypt_vfs_register (error) ||
      !solace_crypt_vfs_set_key (path, solace_key_get_data_key (key),
                                 solace_key_get_database_id (key), error))
    return FALSE;

  /* The page size first: PRAGMA page_size also resets the reserve. */
  rc = sqlite3_exec (src, "PRAGMA page_size = 4096", NULL, NULL, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_file_control (src, "main", SQLITE_FCNTL_RESERVE_BYTES, &reserve);
  if (rc == SQLITE_OK)
    rc = sqlite3_prepare_v2 (src, "VACUUM INTO ?1", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, uri, -1, SQLITE_TRANSIENT);
      rc = sqlite3_step (stmt);
      rc = rc == SQLITE_DONE ? SQLITE_OK : sqlite3_extended_errcode (src);
    }
  g_clear_pointer (&stmt, sqlite3_finalize);
  if (rc != SQLITE_OK)
    {
      set_error (error, rc, src, _("Encrypting the backup"));
      solace_crypt_vfs_forget_key (path);
      return FALSE;
    }

  /* VACUUM INTO leaves rollback mode; the way to WAL without a rollback
   * journal (which the VFS refuses page images in) is through OFF. */
  rc = solace_crypt_vfs_open (path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_FULLMUTEX, &dst);
  if (rc == SQLITE_OK)
    rc = sqlite3_exec (dst, "PRAGMA journal_mode = OFF", NULL, NULL, NULL);
  if (rc == SQLITE_OK && !solace_crypt_vfs_prepare (dst, &local_error))
    rc = SQLITE_CORRUPT;
  if (rc == SQLITE_OK)
    rc = sqlite3_exec (dst, "PRAGMA integrity_check", NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    {
      if (local_error != NULL)
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        set_error (error, rc, dst, _("Encrypting the backup"));
    }
  sqlite3_close (dst);
  solace_crypt_vfs_forget_key (path);
  return rc == SQLITE_OK;
}

/* @backup's pages, copied into @dst: as they are, or (@convert_key)
 * sealed on the way through a temporary sealed copy in @dir. */
static gboolean
copy_backup_into (sqlite3          *dst,
                  const char       *backup,
                  const SolaceKey  *backup_key,
                  const SolaceKey  *convert_key,
                  const char       *dir,
                  GError          **error)
{
  g_autofree char *sealed = NULL;
  sqlite3 *src = NULL;
  gboolean ok;
  int rc;

  rc = open_backup (backup, backup_key, &src);
  if (rc != SQLITE_OK)
    {
      set_error (error, rc, src, _("Restoring a backup"));
      close_backup (src, backup, backup_key);
      return FALSE;
    }

  if (convert_key != NULL)
    {
      sealed = g_build_filename (dir, "restoring.part", NULL);
      ok = create_private (sealed, dir, error) &&
           write_sealed_from_plain (src, sealed, convert_key, error);
      close_backup (src, backup, backup_key);
      src = NULL;
      if (ok)
        {
          rc = open_backup (sealed, convert_key, &src);
          if (rc == SQLITE_OK)
            rc = copy_pages (dst, src, NULL);
          if (rc != SQLITE_OK)
            ok = set_error (error, rc, dst, _("Restoring a backup"));
          close_backup (src, sealed, convert_key);
        }
      g_unlink (sealed);
      return ok;
    }

  rc = copy_pages (dst, src, NULL);
  ok = rc == SQLITE_OK || set_error (error, rc, dst, _("Restoring a backup"));
  close_backup (src, backup, backup_key);
  return ok;
}

gboolean
solace_backup_restore (SolaceDatabase  *db,
                       const char      *backup,
                       const char      *dir,
                       GError         **error)
{
  const SolaceKey *key = NULL;
  gboolean backup_sealed;
  gboolean ok;

  g_return_val_if_fail (SOLACE_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (backup != NULL && dir != NULL, FALSE);

  if (solace_database_is_read_only (db))
    {
      g_set_error_literal (error, SOLACE_ERROR, SOLACE_ERROR_READ_ONLY,
                           _("Solace can only read your data right now, so nothing can be restored."));
      return FALSE;
    }

  backup_sealed = solace_crypt_vfs_probe_file (backup, NULL) == SOLACE_CRYPT_FILE_ENCRYPTED;
  if (solace_database_is_sealed (db))
    {
      key = solace_database_get_key (db);
      if (key == NULL)
        {
          g_set_error_literal (error, SOLACE_ERROR, SOLACE_ERROR_FAILED,
                               _("An encrypted journal is restored through its own connection."));
          return FALSE;
        }
    }
  else if (backup_sealed)
    {
      g_set_error_literal (error, SOLACE_ERROR, SOLACE_ERROR_LOCKED,
                           _("This backup was made while the journal was locked with a passphrase. Turn the lock on again to restore it."));
      return FALSE;
    }
  if (!solace_backup_check_with_key (backup, backup_sealed ? key : NULL, error))
    return FALSE;

  solace_database_lock (db);
  /* What is there now becomes one more backup, first. */
  ok = solace_backup_keep_before (db, dir, "restore", NULL, error) &&
       copy_backup_into (solace_database_get_handle (db), backup,
                         backup_sealed ? key : NULL,
                         key != NULL && !backup_sealed ? key : NULL,
                         dir, error);
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
  return solace_backup_restore_file_with_key (backup, path, NULL, kept_as, error);
}

gboolean
solace_backup_restore_file_with_key (const char       *backup,
                                     const char       *path,
                                     const SolaceKey  *key,
                                     char            **kept_as,
                                     GError          **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%d-%H%M%S");
  g_autofree char *aside = g_strdup_printf ("%s.damaged-%s", path, stamp);
  g_autofree char *keys = solace_keys_path_for_database (path);
  gboolean backup_sealed;
  sqlite3 *src = NULL;
  gboolean ok;
  int rc;

  g_return_val_if_fail (backup != NULL && path != NULL, FALSE);

  backup_sealed = solace_crypt_vfs_probe_file (backup, NULL) == SOLACE_CRYPT_FILE_ENCRYPTED;
  if (key == NULL && (backup_sealed || solace_keys_exist (keys)))
    {
      /* Never a plain file where a locked journal was: the lock would be
       * gone without a word. */
      g_set_error_literal (error, SOLACE_ERROR, SOLACE_ERROR_LOCKED,
                           _("The journal is locked with a passphrase. Unlock it to restore a backup."));
      return FALSE;
    }
  /* What is put in place must open with the key file that stays. */
  if (key != NULL && !solace_keys_check_key (keys, key, error))
    return FALSE;
  if (!solace_backup_check_with_key (backup, backup_sealed ? key : NULL, error))
    return FALSE;

  /* The damaged file is kept, with its -wal and -shm, under a new name. */
  if (!move_database (path, aside, error))
    return FALSE;

  if (key != NULL && !backup_sealed)
    {
      /* From before the lock: sealed on the way in. */
      g_autofree char *tmp = g_strconcat (path, ".part", NULL);

      rc = open_backup (backup, NULL, &src);
      ok = rc == SQLITE_OK ? (create_private (tmp, path, error) &&
                              write_sealed_from_plain (src, tmp, key, error))
                           : set_error (error, rc, src, _("Restoring a backup"));
      close_backup (src, backup, NULL);
      if (ok && !log_is_folded (tmp))
        {
          ok = FALSE;
          g_set_error_literal (error, SOLACE_ERROR, SOLACE_ERROR_FAILED,
                               _("The backup could not be written as one whole file, so it was not kept."));
        }
      ok = ok && fsync_path (tmp, FALSE, error);
      if (ok && g_rename (tmp, path) != 0)
        {
          int saved_errno = errno;

          ok = FALSE;
          g_set_error (error, SOLACE_ERROR, SOLACE_ERROR_FAILED,
                       _("Could not put the backup in place: %s"), g_strerror (saved_errno));
        }
      if (!ok)
        unlink_with_logs (tmp);
    }
  else
    {
      const SolaceKey *backup_key = backup_sealed ? key : NULL;

      rc = open_backup (backup, backup_key, &src);
      ok = rc == SQLITE_OK ? write_copy (src, NULL, path, backup_key, NULL, error)
                           : set_error (error, rc, src, _("Restoring a backup"));
      close_backup (src, backup, backup_key);
    }

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

gboolean
solace_backup_update_key_files (const char  *dir,
                                const char  *keys_path,
                                GError     **error)
{
  g_autoptr(GDir) handle = NULL;
  g_autoptr(GHashTable) seen = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GError) first_error = NULL;
  const char *name;

  g_return_val_if_fail (dir != NULL, FALSE);
  g_return_val_if_fail (keys_path != NULL, FALSE);

  /* The current key file first: every other is compared with it. */
  if (!solace_keys_check_file (keys_path, error))
    return FALSE;

  handle = g_dir_open (dir, 0, &local_error);
  if (handle == NULL)
    {
      /* No backups yet. */
      if (g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        return TRUE;
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  /* Every key file of a backup, found by its own name ("….db.keys", or
   * its second copy alone): also one whose backup is not renamed into
   * place yet, or that a prune will take. */
  seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  while ((name = g_dir_read_name (handle)) != NULL)
    {
      g_autofree char *db_name = NULL;
      g_autofree char *db_path = NULL;
      g_autofree char *backup_keys = NULL;
      g_autoptr(GError) copy_error = NULL;

      if (g_str_has_suffix (name, SUFFIX ".keys"))
        db_name = g_strndup (name, strlen (name) - strlen (".keys"));
      else if (g_str_has_suffix (name, SUFFIX ".keys.bak"))
        db_name = g_strndup (name, strlen (name) - strlen (".keys.bak"));
      else
        continue;
      if (!g_str_has_prefix (db_name, PREFIX) || g_hash_table_contains (seen, db_name))
        continue;
      db_path = g_build_filename (dir, db_name, NULL);
      g_hash_table_add (seen, g_steal_pointer (&db_name));
      backup_keys = solace_keys_path_for_database (db_path);

      if (solace_keys_replace_copy (keys_path, backup_keys, &copy_error))
        continue;
      /* From an earlier lock (another data key: the passphrase of that
       * time opens only that), or a file nothing can read: left as it
       * is. */
      if (g_error_matches (copy_error, SOLACE_KEYS_ERROR, SOLACE_KEYS_ERROR_MISMATCH) ||
          g_error_matches (copy_error, SOLACE_KEYS_ERROR, SOLACE_KEYS_ERROR_DAMAGED) ||
          g_error_matches (copy_error, SOLACE_KEYS_ERROR, SOLACE_KEYS_ERROR_UNKNOWN_VERSION) ||
          g_error_matches (copy_error, SOLACE_KEYS_ERROR, SOLACE_KEYS_ERROR_NOT_FOUND))
        continue;
      /* The others are still tried: each one left behind keeps the old
       * passphrase working on it. */
      if (first_error == NULL)
        first_error = g_steal_pointer (&copy_error);
    }

  if (first_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&first_error));
      return FALSE;
    }
  return TRUE;
}
