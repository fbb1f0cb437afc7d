/* solace-vault.c — turning the passphrase lock on and off on disk
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Sealing (plain → encrypted) and unsealing (encrypted → plain) both
 * write a whole new database beside the old one with VACUUM INTO:
 *
 *   seal:    a plain source connection asks for 40 reserved bytes and
 *            4096-byte pages (SQLITE_FCNTL_RESERVE_BYTES sets the
 *            reserve VACUUM INTO gives its output, even though the
 *            source's own layout cannot change), and writes into
 *            "file:<db>.new?vfs=solace-crypt", whose key and id are the
 *            key file's.  (sqlite3_backup cannot do this: it copies the
 *            source's reserve byte, 0, which the VFS refuses.)
 *   unseal:  the sealed source writes into "file:<db>.new?vfs=unix"; the
 *            plain copy keeps its 40 reserved bytes, unused.
 *
 * The new file is then checked on its own connection — integrity_check,
 * the full-text index's own check, the row count of every table and the
 * incident record's hash chain, each against the source — flushed, and
 * only then is the marker "<db>.swap" written (flushed, folder too).
 * After the marker: the old database's -wal, -shm and -journal go, the
 * new file is renamed over the old, and for an unseal the key file is
 * wiped.  solace_vault_recover () finishes that from the marker on if a
 * kill came in between, and without a marker throws the new file away,
 * so a kill at any moment leaves exactly one complete database.
 *
 * The source is opened with locking_mode=EXCLUSIVE: if anything else has
 * the database open, the change is refused (SOLACE_ERROR_BUSY) instead
 * of copying a database that is still being written.
 *
 * Two processes (the window sealing while a command runs) are kept
 * apart by an flock on "<db>.lock" (0600, empty, never deleted: deleting
 * a lock file safely needs more care than an empty file is worth).  A
 * change holds it from its first check to its last step; recovery and
 * solace_vault_remove_unused_key_file () take it without waiting and do
 * nothing while someone else holds it.  Whatever decides that a key
 * file or a new file is unused decides it under the lock, so it cannot
 * be a change still going on.
 *
 * For tests only: SOLACE_VAULT_KILL_AT=<step> makes the process kill
 * itself with SIGKILL at that step (see the names at kill_at () calls:
 * copy-start, copy-mid, copied, verified, marker-created,
 * marker-written, old-log-removed, renamed, keys-removed, and
 * recover-renamed inside solace_vault_recover ()), and
 * SOLACE_VAULT_STOP_AT=<step> stops it there (SIGSTOP) for another
 * process to act while the change is half-way.
 *
 * Why one file of this length: sealing, unsealing and recovery follow
 * one on-disk protocol (the lock, the marker, the order of renames and
 * removals), and each can only be checked with the others in view.
 */
#define G_LOG_DOMAIN "solace-vault"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "solace-crypt-vfs.h"
#include "solace-error.h"
#include "solace-incidents.h"
#include "solace-vault.h"

#define NEW_SUFFIX   ".new"
#define SWAP_SUFFIX  ".swap"
#define LOCK_SUFFIX  ".lock"
#define KILL_VARIABLE "SOLACE_VAULT_KILL_AT"
#define STOP_VARIABLE "SOLACE_VAULT_STOP_AT"

/* How long a change waits for someone else's quick hold on the lock (a
 * recovery, a key file removal) before it says another change is going
 * on, in milliseconds. */
#define LOCK_WAIT_MS 5000

/* How the overall fraction is shared out between the steps. */
#define COPY_END      0.70
#define CHECKED_END   0.85
#define VERIFIED_END  0.95

typedef enum
{
  DIRECTION_SEAL,
  DIRECTION_UNSEAL,
} Direction;

static const char * const direction_words[] = { "seal", "unseal" };

static const char * const log_suffixes[] = { "-wal", "-shm", "-journal" };

typedef struct
{
  SolaceVaultProgressFunc  func;
  gpointer                 user_data;
  GCancellable            *cancellable;
  const char              *new_path;
  double                   expected_bytes;
  gint64                   last_check;
  gboolean                 half_way;
} Progress;

/* Helpers */

/* Fault injection for the tests: never set outside them. */
static void
kill_at (const char *step)
{
  const char *wanted = g_getenv (KILL_VARIABLE);
  const char *stop = g_getenv (STOP_VARIABLE);

  if (wanted != NULL && g_str_equal (wanted, step))
    raise (SIGKILL);
  if (stop != NULL && g_str_equal (stop, step))
    raise (SIGSTOP);
}

static void
report (Progress *p,
        double    fraction)
{
  if (p != NULL && p->func != NULL)
    p->func (CLAMP (fraction, 0.0, 1.0), p->user_data);
}

static const char *
disk_full_message (void)
{
  return _("The disk is full. Make some room on it, then try again.");
}

static gboolean set_errno_error (GError     **error,
                                 int          saved_errno,
                                 const char  *format,
                                 ...) G_GNUC_PRINTF (3, 4);

/* @format names what failed; why (@saved_errno) is added after it. */
static gboolean
set_errno_error (GError     **error,
                 int          saved_errno,
                 const char  *format,
                 ...)
{
  g_autofree char *what = NULL;
  va_list args;

  va_start (args, format);
  what = g_strdup_vprintf (format, args);
  va_end (args);
  if (saved_errno == ENOSPC || saved_errno == EDQUOT)
    g_set_error_literal (error, SOLACE_ERROR, SOLACE_ERROR_DISK_FULL, disk_full_message ());
  else
    g_set_error (error, SOLACE_ERROR, SOLACE_ERROR_FAILED, "%s: %s", what, g_strerror (saved_errno));
  return FALSE;
}

static gboolean
set_sqlite_error (GError     **error,
                  sqlite3     *db,
                  int          rc,
                  const char  *what)
{
  int code;

  switch (rc & 0xff)
    {
    case SQLITE_INTERRUPT:
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, _("Stopped; nothing was changed."));
      return FALSE;
    case SQLITE_FULL:
      g_set_error_literal (error, SOLACE_ERROR, SOLACE_ERROR_DISK_FULL, disk_full_message ());
      return FALSE;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      /* SQLite's own words ("database is locked") mean nothing to the
       * person reading them. */
      g_set_error_literal (error, SOLACE_ERROR, SOLACE_ERROR_BUSY,
                           _("Another program is using Solace’s data. Close it (or the other Solace window), then try again."));
      return FALSE;
    case SQLITE_IOERR:
      if (db != NULL && (sqlite3_system_errno (db) == ENOSPC || sqlite3_system_errno (db) == EDQUOT))
        {
          g_set_error_literal (error, SOLACE_ERROR, SOLACE_ERROR_DISK_FULL, disk_full_message ());
          return FALSE;
        }
      code = SOLACE_ERROR_CORRUPT;
      break;
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      code = SOLACE_ERROR_CORRUPT;
      break;
    default:
      code = SOLACE_ERROR_FAILED;
    }
  /* SQLite's messages name the failure, never what a row holds. */
  g_set_error (error, SOLACE_ERROR, code, "%s: %s", what,
               db != NULL ? sqlite3_errmsg (db) : sqlite3_errstr (rc));
  return FALSE;
}

static gboolean
exec (sqlite3     *db,
      const char  *sql,
      const char  *what,
      GError     **error)
{
  int rc = sqlite3_exec (db, sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    return set_sqlite_error (error, db, sqlite3_extended_errcode (db), what);
  return TRUE;
}

/* The first column of the first row of @sql as text, or NULL. */
static char *
query_text (sqlite3     *db,
            const char  *sql,
            const char  *what,
            GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);

  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      set_sqlite_error (error, db, sqlite3_extended_errcode (db), what);
      return NULL;
    }
  return g_strdup ((const char *) sqlite3_column_text (stmt, 0));
}

static gboolean
query_int (sqlite3     *db,
           const char  *sql,
           gint64      *out,
           const char  *what,
           GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);

  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    return set_sqlite_error (error, db, sqlite3_extended_errcode (db), what);
  *out = sqlite3_column_int64 (stmt, 0);
  return TRUE;
}

static gboolean
fsync_dir (const char  *dir,
           GError     **error)
{
  int fd = g_open (dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0);

  if (fd < 0)
    return set_errno_error (error, errno, _("Could not open the folder “%s”"), dir);
  if (fsync (fd) != 0 && errno != EINVAL)
    {
      int saved_errno = errno;

      close (fd);
      return set_errno_error (error, saved_errno, _("Could not save to disk in “%s”"), dir);
    }
  close (fd);
  return TRUE;
}

/* Makes a rename, creation or deletion beside @path durable. */
static gboolean
fsync_folder (const char  *path,
              GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (path);

  return fsync_dir (dir, error);
}

static gboolean
fsync_file (const char  *path,
            GError     **error)
{
  int fd = g_open (path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW, 0);

  if (fd < 0)
    return set_errno_error (error, errno, _("Could not open “%s”"), path);
  if (fsync (fd) != 0)
    {
      int saved_errno = errno;

      close (fd);
      return set_errno_error (error, saved_errno, _("Could not save “%s” to disk"), path);
    }
  close (fd);
  return TRUE;
}

static gboolean
unlink_if_there (const char  *path,
                 GError     **error)
{
  if (g_unlink (path) != 0 && errno != ENOENT)
    return set_errno_error (error, errno, _("Could not delete “%s”"), path);
  return TRUE;
}

typedef enum
{
  LOCK_TAKEN,
  LOCK_HELD_ELSEWHERE,  /* a change (or a recovery) is going on */
  LOCK_NO_FOLDER,       /* the data folder is not there: nothing to do */
  LOCK_FAILED,
} LockResult;

/* Takes the flock on "<db>.lock" (made 0600 whatever the umask): at
 * once, or (@wait_ms > 0) waiting that long for someone else's quick
 * hold to end.  On LOCK_TAKEN *@fd holds it until closed. */
static LockResult
take_lock (const char    *db_path,
           guint          wait_ms,
           GCancellable  *cancellable,
           int           *fd,
           GError       **error)
{
  g_autofree char *lock_path = g_strconcat (db_path, LOCK_SUFFIX, NULL);
  gint64 give_up = g_get_monotonic_time () + (gint64) wait_ms * 1000;
  int lock_fd;

  *fd = -1;
  lock_fd = g_open (lock_path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600);
  if (lock_fd < 0)
    {
      int saved_errno = errno;

      if (saved_errno == ENOENT)
        return LOCK_NO_FOLDER;
      set_errno_error (error, saved_errno, _("Could not create “%s”"), lock_path);
      return LOCK_FAILED;
    }
  if (fchmod (lock_fd, 0600) != 0)
    {
      int saved_errno = errno;

      close (lock_fd);
      set_errno_error (error, saved_errno, _("Could not make “%s” private"), lock_path);
      return LOCK_FAILED;
    }

  while (flock (lock_fd, LOCK_EX | LOCK_NB) != 0)
    {
      int saved_errno = errno;

      if (saved_errno == EINTR)
        continue;
      if (saved_errno != EWOULDBLOCK)
        {
          close (lock_fd);
          set_errno_error (error, saved_errno, _("Could not lock “%s”"), lock_path);
          return LOCK_FAILED;
        }
      if (g_get_monotonic_time () >= give_up ||
          g_cancellable_is_cancelled (cancellable))
        {
          close (lock_fd);
          return LOCK_HELD_ELSEWHERE;
        }
      g_usleep (20 * 1000);
    }

  *fd = lock_fd;
  return LOCK_TAKEN;
}

static void
release_lock (int fd)
{
  /* Closing the last descriptor of the open file ends the flock. */
  if (fd >= 0)
    close (fd);
}

/* The new file and whatever SQLite left beside it. */
static gboolean
remove_new_files (const char  *new_path,
                  GError     **error)
{
  if (!unlink_if_there (new_path, error))
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (log_suffixes); i++)
    {
      g_autofree char *p = g_strconcat (new_path, log_suffixes[i], NULL);

      if (!unlink_if_there (p, error))
        return FALSE;
    }
  return TRUE;
}

/* An empty file, 0600 whatever the umask, for VACUUM INTO to fill (it
 * accepts an output that exists but is empty).  SQLite gives the -wal
 * and -journal it makes beside it the same mode. */
static gboolean
create_private (const char  *path,
                GError     **error)
{
  int fd = g_open (path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600);

  if (fd < 0)
    return set_errno_error (error, errno, _("Could not create “%s”"), path);
  if (fchmod (fd, 0600) != 0)
    {
      int saved_errno = errno;

      close (fd);
      g_unlink (path);
      return set_errno_error (error, saved_errno, _("Could not make “%s” private"), path);
    }
  close (fd);
  return TRUE;
}

static char *
vacuum_uri (const char  *path,
            const char  *vfs,
            GError     **error)
{
  g_autofree char *base = g_filename_to_uri (path, NULL, error);

  if (base == NULL)
    return NULL;
  return g_strconcat (base, "?vfs=", vfs, NULL);
}

static int
copy_progress_cb (void *data)
{
  Progress *p = data;
  gint64 now;
  GStatBuf st;

  if (g_cancellable_is_cancelled (p->cancellable))
    return 1;

  /* A stat every 50 ms is plenty for a progress bar; a test that kills
   * half-way needs to see every step. */
  now = g_get_monotonic_time ();
  if (now - p->last_check < 50 * 1000 &&
      g_getenv (KILL_VARIABLE) == NULL && g_getenv (STOP_VARIABLE) == NULL)
    return 0;
  p->last_check = now;

  if (g_stat (p->new_path, &st) == 0 && p->expected_bytes > 0)
    {
      double done = MIN (1.0, st.st_size / p->expected_bytes);

      report (p, done * COPY_END);
      if (done >= 0.3 && !p->half_way)
        {
          p->half_way = TRUE;
          kill_at ("copy-mid");
        }
    }
  return 0;
}

/* What a copy must keep: every table's name and row count (schema
 * order), the schema version and the incident chain's verdict. */
typedef struct
{
  GString          *tables;
  gint64            user_version;
  SolaceChainCheck  chain;
} Census;

static void
census_clear (Census *c)
{
  if (c->tables != NULL)
    g_string_free (c->tables, TRUE);
  memset (c, 0, sizeof *c);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Census, census_clear)

static char *
dup_column (sqlite3_stmt *stmt,
            int           column)
{
  const char *text = (const char *) sqlite3_column_text (stmt, column);

  return text != NULL ? g_strdup (text) : NULL;
}

/* The incident record's hash chain, walked as solace_incidents_verify ()
 * does, on a bare connection. */
static gboolean
check_chain (sqlite3           *db,
             SolaceChainCheck  *check,
             GError           **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *expected_prev = g_strdup ("");
  gint64 has_table = 0;
  int rc;

  memset (check, 0, sizeof *check);
  check->intact = TRUE;

  if (!query_int (db, "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = 'incident'",
                  &has_table, _("Reading the schema"), error))
    return FALSE;
  if (has_table == 0)
    return TRUE;

  rc = sqlite3_prepare_v2 (db,
                           "SELECT id, uuid, happened_at, recorded_at, channel, what, response,"
                           " boundary_uuid, necessary, corrects_uuid, prev_hash, hash"
                           " FROM incident ORDER BY id",
                           -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    return set_sqlite_error (error, db, rc, _("Reading the incident record"));

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(SolaceIncident) incident = solace_incident_new ();

      incident->id = sqlite3_column_int64 (stmt, 0);
      incident->uuid = dup_column (stmt, 1);
      incident->happened_at = sqlite3_column_int64 (stmt, 2);
      incident->recorded_at = sqlite3_column_int64 (stmt, 3);
      if (!solace_channel_from_key ((const char *) sqlite3_column_text (stmt, 4), &incident->channel))
        incident->channel = SOLACE_N_CHANNELS;
      incident->what = dup_column (stmt, 5);
      incident->response = dup_column (stmt, 6);
      incident->boundary_uuid = dup_column (stmt, 7);
      incident->necessary = sqlite3_column_int (stmt, 8) != 0;
      incident->corrects_uuid = dup_column (stmt, 9);
      incident->prev_hash = dup_column (stmt, 10);
      incident->hash = dup_column (stmt, 11);

      check->n_checked++;
      if (check->intact && !solace_incident_check_link (incident, expected_prev))
        {
          check->intact = FALSE;
          check->broken_number = check->n_checked;
          check->broken_id = incident->id;
        }
      g_free (expected_prev);
      expected_prev = g_strdup (incident->hash != NULL ? incident->hash : "");
    }
  if (rc != SQLITE_DONE)
    return set_sqlite_error (error, db, rc, _("Reading the incident record"));
  return TRUE;
}

static gboolean
take_census (sqlite3     *db,
             Census      *c,
             GError     **error)
{
  g_autoptr(sqlite3_stmt) tables = NULL;
  int rc;

  c->tables = g_string_new (NULL);

  /* Virtual tables are counted through their shadow tables. */
  rc = sqlite3_prepare_v2 (db,
                           "SELECT name FROM sqlite_schema WHERE type = 'table'"
                           " AND sql NOT LIKE 'CREATE VIRTUAL TABLE%' ORDER BY name",
                           -1, &tables, NULL);
  if (rc != SQLITE_OK)
    return set_sqlite_error (error, db, rc, _("Reading the schema"));

  while ((rc = sqlite3_step (tables)) == SQLITE_ROW)
    {
      const char *name = (const char *) sqlite3_column_text (tables, 0);
      /* A table's name from the schema, quoted as an identifier; no
       * data ever goes into this statement. */
      char *sql = sqlite3_mprintf ("SELECT count(*) FROM \"%w\"", name);
      gint64 n = 0;
      gboolean ok = sql != NULL && query_int (db, sql, &n, _("Counting rows"), error);

      sqlite3_free (sql);
      if (!ok)
        return FALSE;
      g_string_append_printf (c->tables, "%s=%" G_GINT64_FORMAT "\n", name, n);
    }
  if (rc != SQLITE_DONE)
    return set_sqlite_error (error, db, rc, _("Reading the schema"));

  return query_int (db, "PRAGMA user_version", &c->user_version, _("Reading the schema version"), error) &&
         check_chain (db, &c->chain, error);
}

/* @message: a whole translated sentence, so that no English word is
 * put into another language's sentence. */
static gboolean
mismatch (GError     **error,
          const char  *message)
{
  g_set_error_literal (error, SOLACE_ERROR, SOLACE_ERROR_CORRUPT, message);
  return FALSE;
}

/* Checks the new file on a connection of its own, against @source. */
static gboolean
verify_copy (sqlite3       *dst,
             const Census  *source,
             Progress      *progress,
             GError       **error)
{
  g_auto(Census) copy = { NULL, };
  g_autofree char *integrity = NULL;
  gint64 has_fts = 0;

  integrity = query_text (dst, "PRAGMA integrity_check", _("Checking the new copy"), error);
  if (integrity == NULL)
    return FALSE;
  if (!g_str_equal (integrity, "ok"))
    return mismatch (error, _("The new copy of the journal failed its check for damage, so nothing was changed."));
  report (progress, CHECKED_END);

  if (!query_int (dst, "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = 'journal_fts'",
                  &has_fts, _("Reading the schema"), error))
    return FALSE;
  /* rank = 1: the index is also checked against the entries it indexes. */
  if (has_fts > 0 &&
      sqlite3_exec (dst, "INSERT INTO journal_fts (journal_fts, rank) VALUES ('integrity-check', 1)",
                    NULL, NULL, NULL) != SQLITE_OK)
    {
      if ((sqlite3_extended_errcode (dst) & 0xff) == SQLITE_CORRUPT)
        return mismatch (error, _("The search index in the new copy did not match its entries, so nothing was changed."));
      return set_sqlite_error (error, dst, sqlite3_extended_errcode (dst), _("Checking the search index"));
    }

  if (!take_census (dst, &copy, error))
    return FALSE;
  if (!g_str_equal (copy.tables->str, source->tables->str))
    return mismatch (error, _("The new copy did not hold everything the journal holds, so nothing was changed."));
  if (copy.user_version != source->user_version)
    return mismatch (error, _("The new copy is of another version than the journal, so nothing was changed."));
  if (copy.chain.intact != source->chain.intact ||
      copy.chain.n_checked != source->chain.n_checked ||
      copy.chain.broken_id != source->chain.broken_id)
    return mismatch (error, _("The incident record in the new copy did not match the journal’s, so nothing was changed."));
  report (progress, VERIFIED_END);
  return TRUE;
}

static gboolean
write_marker (const char  *marker_path,
              Direction    direction,
              GError     **error)
{
  g_autofree char *content = g_strconcat (direction_words[direction], "\n", NULL);
  gsize left = strlen (content);
  const char *p = content;
  int fd;

  fd = g_open (marker_path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0600);
  if (fd < 0)
    return set_errno_error (error, errno, _("Could not create “%s”"), marker_path);
  kill_at ("marker-created");
  if (fchmod (fd, 0600) != 0)
    goto fail;
  while (left > 0)
    {
      gssize n = write (fd, p, left);

      if (n < 0)
        {
          if (errno == EINTR)
            continue;
          goto fail;
        }
      p += n;
      left -= n;
    }
  if (fsync (fd) != 0)
    goto fail;
  close (fd);
  return fsync_folder (marker_path, error);

fail:
  {
    int saved_errno = errno;

    close (fd);
    g_unlink (marker_path);
    return set_errno_error (error, saved_errno, _("Could not write “%s”"), marker_path);
  }
}

static gboolean
set_swap_error (GError     **error,
                const char  *path)
{
  g_set_error (error, SOLACE_ERROR, SOLACE_ERROR_CORRUPT,
               _("An interrupted change to the lock left “%s” behind, and it is not what it should be. Solace has not changed anything."),
               path);
  return FALSE;
}

/* After the marker: the new file takes the old one's place.  Each step
 * can be done again, so solace_vault_recover () runs this too.  Nothing
 * is deleted, nor the marker, unless the database is then what
 * @direction makes. */
static gboolean
finish_swap (const char  *db_path,
             Direction    direction,
             gboolean     recovering,
             GError     **error)
{
  g_autofree char *new_path = g_strconcat (db_path, NEW_SUFFIX, NULL);
  g_autofree char *marker_path = g_strconcat (db_path, SWAP_SUFFIX, NULL);
  g_autofree char *keys_path = solace_keys_path_for_database (db_path);
  SolaceCryptFileKind expected = direction == DIRECTION_SEAL ? SOLACE_CRYPT_FILE_ENCRYPTED : SOLACE_CRYPT_FILE_PLAIN;

  if (g_file_test (new_path, G_FILE_TEST_EXISTS))
    {
      /* The old database's log belongs to it alone: left there, SQLite
       * would replay it into the new file.  Only before the rename: after
       * it, a log there is the new database's own. */
      for (guint i = 0; i < G_N_ELEMENTS (log_suffixes); i++)
        {
          g_autofree char *p = g_strconcat (db_path, log_suffixes[i], NULL);

          if (!unlink_if_there (p, error))
            return FALSE;
        }
      kill_at ("old-log-removed");

      if (g_rename (new_path, db_path) != 0)
        return set_errno_error (error, errno, _("Could not put the new copy in place of “%s”"), db_path);
      kill_at (recovering ? "recover-renamed" : "renamed");
      if (!fsync_folder (db_path, error))
        return FALSE;
    }

  /* Without a new file the rename was done, or the new file is gone:
   * only a database that is what the marker says makes this a success.
   * Otherwise the marker stays, and so does the key file. */
  if (solace_crypt_vfs_probe_file (db_path, NULL) != expected)
    return set_swap_error (error, db_path);

  /* Plain now: the key file has nothing left to open. */
  if (direction == DIRECTION_UNSEAL && solace_keys_exist (keys_path))
    {
      if (!solace_keys_remove (keys_path, error))
        return FALSE;
      kill_at ("keys-removed");
    }

  if (!unlink_if_there (marker_path, error))
    return FALSE;
  return fsync_folder (marker_path, error);
}

/* Opens the source, locked against every other connection. */
static sqlite3 *
open_source (const char  *db_path,
             Direction    direction,
             GError     **error)
{
  sqlite3 *db = NULL;
  g_autofree char *uri = NULL;
  int rc;

  uri = g_filename_to_uri (db_path, NULL, error);
  if (uri == NULL)
    return NULL;
  if (direction == DIRECTION_UNSEAL)
    {
      g_autofree char *plain = g_steal_pointer (&uri);

      uri = g_strconcat (plain, "?vfs=" SOLACE_CRYPT_VFS_NAME, NULL);
    }

  rc = sqlite3_open_v2 (uri, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_URI | SQLITE_OPEN_FULLMUTEX, NULL);
  if (rc != SQLITE_OK)
    {
      set_sqlite_error (error, db, rc, _("Opening the journal"));
      sqlite3_close (db);
      return NULL;
    }
  sqlite3_extended_result_codes (db, TRUE);
  sqlite3_busy_timeout (db, 2000);

  /* Exclusive from the first read on (in WAL mode too), so set before
   * anything is read: a database another program has open is refused,
   * not copied mid-write.  Temporary b-trees stay in memory. */
  if (!exec (db, "PRAGMA locking_mode = EXCLUSIVE", _("Locking the journal"), error) ||
      (direction == DIRECTION_UNSEAL && !solace_crypt_vfs_prepare (db, error)) ||
      !exec (db, "PRAGMA temp_store = MEMORY", _("Opening the journal"), error))
    {
      sqlite3_close (db);
      return NULL;
    }

  return db;
}

static sqlite3 *
open_copy (const char  *new_path,
           Direction    direction,
           GError     **error)
{
  sqlite3 *db = NULL;
  int rc;

  if (direction == DIRECTION_SEAL)
    rc = solace_crypt_vfs_open (new_path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_FULLMUTEX, &db);
  else
    rc = sqlite3_open_v2 (new_path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_FULLMUTEX, NULL);
  if (rc != SQLITE_OK)
    {
      set_sqlite_error (error, db, rc, _("Opening the new copy"));
      sqlite3_close (db);
      return NULL;
    }
  sqlite3_extended_result_codes (db, TRUE);

  if (direction == DIRECTION_SEAL)
    {
      g_autofree char *mode = NULL;

      /* VACUUM INTO leaves its output in rollback mode, and the way into
       * WAL would put page 1 in a rollback journal, which the VFS refuses:
       * without a journal the header is rewritten in place, on a file
       * nothing depends on yet. */
      mode = query_text (db, "PRAGMA journal_mode", _("Opening the new copy"), error);
      if (mode == NULL ||
          (!g_str_equal (mode, "wal") &&
           !exec (db, "PRAGMA journal_mode = OFF", _("Opening the new copy"), error)) ||
          !solace_crypt_vfs_prepare (db, error))
        {
          sqlite3_close (db);
          return NULL;
        }
    }
  else if (!exec (db, "PRAGMA temp_store = MEMORY", _("Opening the new copy"), error) ||
           !exec (db, "PRAGMA journal_mode = WAL", _("Opening the new copy"), error))
    {
      sqlite3_close (db);
      return NULL;
    }

  if (!exec (db, "PRAGMA synchronous = FULL", _("Opening the new copy"), error))
    {
      sqlite3_close (db);
      return NULL;
    }
  return db;
}

/* Closes @db, checkpointing its log into the file first; a log left
 * behind is an error (it would not follow the file through a rename). */
static gboolean
close_checkpointed (sqlite3     *db,
                    const char  *path,
                    GError     **error)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  GStatBuf st;
  int rc;

  rc = sqlite3_exec (db, "PRAGMA wal_checkpoint(TRUNCATE)", NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    {
      set_sqlite_error (error, db, sqlite3_extended_errcode (db), _("Writing the log into the file"));
      sqlite3_close (db);
      return FALSE;
    }
  rc = sqlite3_close (db);
  if (rc != SQLITE_OK)
    return set_sqlite_error (error, NULL, rc, _("Closing the journal"));
  if (g_stat (wal, &st) == 0 && st.st_size > 0)
    {
      g_set_error (error, SOLACE_ERROR, SOLACE_ERROR_BUSY,
                   _("Another program is using “%s”. Close it, then try again."), path);
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_start (const char  *db_path,
             const char  *keys_path,
             Direction    direction,
             GError     **error)
{
  g_autofree char *marker_path = g_strconcat (db_path, SWAP_SUFFIX, NULL);
  SolaceCryptFileKind kind;

  if (g_file_test (marker_path, G_FILE_TEST_EXISTS))
    {
      g_set_error_literal (error, SOLACE_ERROR, SOLACE_ERROR_BUSY,
                           _("An earlier change to the lock was interrupted and has not been finished yet."));
      return FALSE;
    }

  kind = solace_crypt_vfs_probe_file (db_path, error);
  if (kind == SOLACE_CRYPT_FILE_UNKNOWN)
    {
      if (error != NULL && *error == NULL)
        g_set_error (error, SOLACE_ERROR, SOLACE_ERROR_NOT_A_DATABASE,
                     _("“%s” is not a Solace database."), db_path);
      return FALSE;
    }
  if (kind == SOLACE_CRYPT_FILE_MISSING)
    {
      g_set_error (error, SOLACE_ERROR, SOLACE_ERROR_NOT_FOUND, _("There is no database at “%s”."), db_path);
      return FALSE;
    }
  if (direction == DIRECTION_SEAL && kind != SOLACE_CRYPT_FILE_PLAIN)
    {
      g_set_error_literal (error, SOLACE_ERROR, SOLACE_ERROR_INVALID, _("The journal is already encrypted."));
      return FALSE;
    }
  if (direction == DIRECTION_UNSEAL && kind != SOLACE_CRYPT_FILE_ENCRYPTED)
    {
      g_set_error_literal (error, SOLACE_ERROR, SOLACE_ERROR_INVALID, _("The journal is not encrypted."));
      return FALSE;
    }

  return TRUE;
}

/* The change itself, with the lock held. */
static gboolean
migrate_locked (const char               *db_path,
                const SolaceKey          *key,
                Direction                 direction,
                SolaceVaultProgressFunc   progress_func,
                gpointer                  user_data,
                GCancellable             *cancellable,
                GError                  **error)
{
  g_autofree char *new_path = g_strconcat (db_path, NEW_SUFFIX, NULL);
  g_autofree char *marker_path = g_strconcat (db_path, SWAP_SUFFIX, NULL);
  g_autofree char *keys_path = solace_keys_path_for_database (db_path);
  g_autofree char *uri = NULL;
  g_autoptr(sqlite3_stmt) vacuum = NULL;
  g_auto(Census) census = { NULL, };
  Progress progress = { progress_func, user_data, cancellable, new_path, 0, 0, FALSE };
  sqlite3 *src = NULL;
  sqlite3 *dst = NULL;
  gint64 pages = 0;
  gboolean ok = FALSE;
  int rc;

  /* Sealing with a key the key file cannot give back would lose
   * everything: the key must be the file's.  (Under the lock: nothing
   * can remove the key file from now until the swap is done.) */
  if (!solace_crypt_vfs_register (error) ||
      !check_start (db_path, keys_path, direction, error) ||
      !solace_keys_check_key (keys_path, key, error))
    return FALSE;
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  report (&progress, 0.0);

  /* A new file left by an attempt that never got as far as its marker. */
  if (!remove_new_files (new_path, error))
    return FALSE;

  if (!solace_crypt_vfs_set_key (new_path, solace_key_get_data_key (key),
                                 solace_key_get_database_id (key), error) ||
      (direction == DIRECTION_UNSEAL &&
       !solace_crypt_vfs_set_key (db_path, solace_key_get_data_key (key),
                                  solace_key_get_database_id (key), error)))
    goto out;

  src = open_source (db_path, direction, error);
  if (src == NULL)
    goto out;

  /* Everything in the source's log goes into its file first; this is
   * also where the exclusive lock is taken. */
  if (!exec (src, "PRAGMA wal_checkpoint(TRUNCATE)", _("Writing the log into the journal"), error) ||
      !query_int (src, "PRAGMA page_count", &pages, _("Reading the journal"), error))
    goto out;
  progress.expected_bytes = (double) pages * SOLACE_CRYPT_PAGE_SIZE;

  if (direction == DIRECTION_SEAL)
    {
      int reserve = SOLACE_CRYPT_RESERVE_BYTES;

      /* The page size first: PRAGMA page_size also resets the reserve
       * asked for. */
      if (!exec (src, "PRAGMA page_size = 4096", _("Preparing the copy"), error))
        goto out;
      if (sqlite3_file_control (src, "main", SQLITE_FCNTL_RESERVE_BYTES, &reserve) != SQLITE_OK)
        {
          g_set_error_literal (error, SOLACE_ERROR, SOLACE_ERROR_FAILED,
                               _("Could not make room for encryption in the copy."));
          goto out;
        }
      uri = vacuum_uri (new_path, SOLACE_CRYPT_VFS_NAME, error);
    }
  else
    uri = vacuum_uri (new_path, sqlite3_vfs_find (NULL)->zName, error);
  if (uri == NULL || !create_private (new_path, error))
    goto out;

  /* VACUUM INTO gives its output the source's cache size, and holds
   * what fits there until the end: a small cache writes the new file as
   * it goes, so its size tells how far the copy is. */
  if (!exec (src, "PRAGMA cache_size = -512", _("Preparing the copy"), error))
    goto out;

  kill_at ("copy-start");

  rc = sqlite3_prepare_v2 (src, "VACUUM INTO ?1", -1, &vacuum, NULL);
  if (rc != SQLITE_OK)
    {
      set_sqlite_error (error, src, rc, _("Copying the journal"));
      goto out;
    }
  sqlite3_bind_text (vacuum, 1, uri, -1, SQLITE_TRANSIENT);
  sqlite3_progress_handler (src, 100, copy_progress_cb, &progress);
  rc = sqlite3_step (vacuum);
  sqlite3_progress_handler (src, 0, NULL, NULL);
  if (rc != SQLITE_DONE)
    {
      set_sqlite_error (error, src, sqlite3_extended_errcode (src), _("Copying the journal"));
      goto out;
    }
  g_clear_pointer (&vacuum, sqlite3_finalize);
  report (&progress, COPY_END);
  kill_at ("copied");

  if (g_cancellable_set_error_if_cancelled (cancellable, error) ||
      !take_census (src, &census, error))
    goto out;

  dst = open_copy (new_path, direction, error);
  if (dst == NULL)
    goto out;
  if (!verify_copy (dst, &census, &progress, error) ||
      !close_checkpointed (g_steal_pointer (&dst), new_path, error) ||
      !fsync_file (new_path, error) ||
      !fsync_folder (new_path, error))
    goto out;
  kill_at ("verified");

  /* The source is let go only now, and must still be as it was copied.
   * The key file is checked again: the copy may have taken a while, and
   * sealed data must never be left without the file that opens it. */
  if (!close_checkpointed (g_steal_pointer (&src), db_path, error) ||
      g_cancellable_set_error_if_cancelled (cancellable, error) ||
      (direction == DIRECTION_SEAL && !solace_keys_check_key (keys_path, key, error)))
    goto out;

  /* From here on the change goes through, whatever happens. */
  if (!write_marker (marker_path, direction, error))
    goto out;
  kill_at ("marker-written");

  if (!finish_swap (db_path, direction, FALSE, error))
    {
      /* The marker stays: solace_vault_recover () finishes the swap. */
      solace_crypt_vfs_forget_key (new_path);
      if (direction == DIRECTION_UNSEAL)
        solace_crypt_vfs_forget_key (db_path);
      return FALSE;
    }
  report (&progress, 1.0);
  ok = TRUE;

out:
  g_clear_pointer (&vacuum, sqlite3_finalize);
  if (dst != NULL)
    sqlite3_close (dst);
  if (src != NULL)
    sqlite3_close (src);
  if (!ok && !g_file_test (marker_path, G_FILE_TEST_EXISTS))
    remove_new_files (new_path, NULL);
  solace_crypt_vfs_forget_key (new_path);
  if (direction == DIRECTION_UNSEAL)
    solace_crypt_vfs_forget_key (db_path);
  return ok;
}

static gboolean
migrate (const char               *db_path,
         const SolaceKey          *key,
         Direction                 direction,
         SolaceVaultProgressFunc   progress_func,
         gpointer                  user_data,
         GCancellable             *cancellable,
         GError                  **error)
{
  int lock_fd = -1;
  gboolean ok;

  switch (take_lock (db_path, LOCK_WAIT_MS, cancellable, &lock_fd, error))
    {
    case LOCK_TAKEN:
      break;
    case LOCK_NO_FOLDER:
      g_set_error (error, SOLACE_ERROR, SOLACE_ERROR_NOT_FOUND, _("There is no database at “%s”."), db_path);
      return FALSE;
    case LOCK_HELD_ELSEWHERE:
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      g_set_error_literal (error, SOLACE_ERROR, SOLACE_ERROR_BUSY,
                           _("Solace is already turning the lock on or off in another window or command. Wait for it to finish, then try again."));
      return FALSE;
    case LOCK_FAILED:
    default:
      return FALSE;
    }

  ok = migrate_locked (db_path, key, direction, progress_func, user_data, cancellable, error);
  release_lock (lock_fd);
  return ok;
}

/* Async */

typedef struct
{
  char                    *db_path;
  SolaceKey               *key;
  Direction                direction;
  SolaceVaultProgressFunc  progress;
  gpointer                 progress_data;
  GMainContext            *context;
  /* The last fraction handed on, in thousandths: fewer wake-ups. */
  int                      last_sent;
} MigrateData;

typedef struct
{
  SolaceVaultProgressFunc  func;
  gpointer                 data;
  double                   fraction;
} ProgressCall;

static void
migrate_data_free (MigrateData *md)
{
  g_free (md->db_path);
  solace_key_free (md->key);
  g_main_context_unref (md->context);
  g_free (md);
}

static gboolean
progress_deliver_cb (gpointer data)
{
  ProgressCall *call = data;

  call->func (call->fraction, call->data);
  return G_SOURCE_REMOVE;
}

static void
progress_forward (double   fraction,
                  gpointer user_data)
{
  MigrateData *md = user_data;
  int now = (int) (fraction * 1000);
  ProgressCall *call;
  g_autoptr(GSource) source = NULL;

  if (now == md->last_sent)
    return;
  md->last_sent = now;

  call = g_new0 (ProgressCall, 1);
  call->func = md->progress;
  call->data = md->progress_data;
  call->fraction = fraction;
  /* Not g_main_context_invoke (): when nobody iterates the context at
   * this moment, it would call back right here, on this thread. */
  source = g_idle_source_new ();
  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_callback (source, progress_deliver_cb, call, g_free);
  g_source_set_static_name (source, "[solace] vault progress");
  g_source_attach (source, md->context);
}

static void
migrate_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  MigrateData *md = task_data;
  GError *error = NULL;

  if (migrate (md->db_path, md->key, md->direction,
               md->progress != NULL ? progress_forward : NULL, md,
               cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
migrate_async (const char              *db_path,
               const SolaceKey         *key,
               Direction                direction,
               SolaceVaultProgressFunc  progress,
               gpointer                 progress_data,
               GCancellable            *cancellable,
               GAsyncReadyCallback      callback,
               gpointer                 user_data,
               gpointer                 source_tag)
{
  g_autoptr(GTask) task = NULL;
  MigrateData *md;

  g_return_if_fail (db_path != NULL);
  g_return_if_fail (key != NULL);

  md = g_new0 (MigrateData, 1);
  md->db_path = g_strdup (db_path);
  md->key = solace_key_copy (key);
  md->direction = direction;
  md->progress = progress;
  md->progress_data = progress_data;
  md->context = g_main_context_ref_thread_default ();
  md->last_sent = -1;

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, source_tag);
  g_task_set_name (task, "[solace] vault change");
  g_task_set_task_data (task, md, (GDestroyNotify) migrate_data_free);
  g_task_run_in_thread (task, migrate_thread);
}

/* Plain backups */

static gboolean
is_backup_name (const char *name)
{
  return g_str_has_prefix (name, "solace-") && g_str_has_suffix (name, ".db");
}

/* Overwrites with zeros, flushes, deletes. */
static gboolean
wipe_file (const char  *path,
           GError     **error)
{
  static const guint8 zeros[65536];
  struct stat st;
  int fd = g_open (path, O_WRONLY | O_CLOEXEC | O_NOFOLLOW, 0);

  if (fd < 0)
    {
      if (errno == ENOENT)
        return TRUE;
      return set_errno_error (error, errno, _("Could not delete “%s”"), path);
    }
  if (fstat (fd, &st) == 0 && S_ISREG (st.st_mode))
    {
      off_t left = st.st_size;

      while (left > 0)
        {
          gssize n = write (fd, zeros, MIN ((gsize) left, sizeof zeros));

          if (n < 0)
            {
              if (errno == EINTR)
                continue;
              break;
            }
          left -= n;
        }
      fsync (fd);
    }
  close (fd);
  return unlink_if_there (path, error);
}

/* Whether a change left anything for recovery: its marker or its new
 * file (or what SQLite made beside that). */
static gboolean
anything_to_recover (const char *db_path)
{
  g_autofree char *new_path = g_strconcat (db_path, NEW_SUFFIX, NULL);
  g_autofree char *marker_path = g_strconcat (db_path, SWAP_SUFFIX, NULL);

  if (g_file_test (marker_path, G_FILE_TEST_EXISTS) ||
      g_file_test (new_path, G_FILE_TEST_EXISTS))
    return TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (log_suffixes); i++)
    {
      g_autofree char *p = g_strconcat (new_path, log_suffixes[i], NULL);

      if (g_file_test (p, G_FILE_TEST_EXISTS))
        return TRUE;
    }
  return FALSE;
}

static gboolean
direction_from_word (const char *word,
                     Direction  *direction)
{
  for (guint i = 0; i < G_N_ELEMENTS (direction_words); i++)
    if (g_str_equal (word, direction_words[i]))
      {
        *direction = (Direction) i;
        return TRUE;
      }
  return FALSE;
}

/* solace_vault_recover () with the lock held, so no change is going on. */
static gboolean
recover_locked (const char  *db_path,
                GError     **error)
{
  g_autofree char *new_path = g_strconcat (db_path, NEW_SUFFIX, NULL);
  g_autofree char *marker_path = g_strconcat (db_path, SWAP_SUFFIX, NULL);

  if (g_file_test (marker_path, G_FILE_TEST_EXISTS))
    {
      g_autofree char *content = NULL;
      g_autoptr(GError) read_error = NULL;
      Direction direction = DIRECTION_SEAL;
      gboolean known;

      if (!g_file_get_contents (marker_path, &content, NULL, &read_error))
        {
          g_set_error (error, SOLACE_ERROR, SOLACE_ERROR_FAILED,
                       _("Could not read “%s”: %s"), marker_path, read_error->message);
          return FALSE;
        }
      g_strstrip (content);
      known = direction_from_word (content, &direction);

      if (g_file_test (new_path, G_FILE_TEST_EXISTS))
        {
          /* The marker is written only once the new file has been
           * checked and flushed, so the new file is whole even if the
           * marker is empty (a kill while it was written); which way
           * the change went is then what the new file is. */
          SolaceCryptFileKind kind = solace_crypt_vfs_probe_file (new_path, NULL);
          Direction made;

          if (kind == SOLACE_CRYPT_FILE_ENCRYPTED)
            made = DIRECTION_SEAL;
          else if (kind == SOLACE_CRYPT_FILE_PLAIN)
            made = DIRECTION_UNSEAL;
          else
            return set_swap_error (error, new_path);

          if (known && made != direction)
            return set_swap_error (error, new_path);
          if (!known)
            {
              /* Said before anything moves, so that a kill from here on
               * still leaves a marker that knows. */
              direction = made;
              if (!write_marker (marker_path, direction, error))
                return FALSE;
            }
        }
      else if (!known)
        /* Renamed already, or the new file is gone: without knowing
         * which way, nothing can be checked, so nothing is touched. */
        return set_swap_error (error, marker_path);

      return finish_swap (db_path, direction, TRUE, error);
    }

  /* A new file without its marker was never checked: thrown away.
   *
   * A key file beside a plain database is left alone: it may be a
   * set-up that stopped, but it may as well be one going on in the
   * window (the person reading the recovery key) while a command runs
   * here.  solace_vault_remove_unused_key_file () is for a set-up to
   * call. */
  return remove_new_files (new_path, error);
}

/* A file that is neither plain nor sealed: the probe's own error if it
 * had one (it could not be read), else that it is not Solace's. */
static void
set_not_a_database (const char  *db_path,
                    GError      *probe_error,
                    GError     **error)
{
  if (probe_error != NULL)
    g_propagate_error (error, probe_error);
  else
    g_set_error (error, SOLACE_ERROR, SOLACE_ERROR_NOT_A_DATABASE,
                 _("“%s” is not a Solace database. Solace has not changed it."), db_path);
}

/* solace_vault_remove_unused_key_file () with the lock held. */
static gboolean
remove_unused_locked (const char  *db_path,
                      const char  *keys_path,
                      GError     **error)
{
  g_autofree char *new_path = g_strconcat (db_path, NEW_SUFFIX, NULL);
  g_autofree char *marker_path = g_strconcat (db_path, SWAP_SUFFIX, NULL);
  g_autoptr(GError) local_error = NULL;

  /* A change that did not finish: recovery decides, not this. */
  if (g_file_test (marker_path, G_FILE_TEST_EXISTS) ||
      g_file_test (new_path, G_FILE_TEST_EXISTS))
    return TRUE;

  switch (solace_crypt_vfs_probe_file (db_path, &local_error))
    {
    case SOLACE_CRYPT_FILE_PLAIN:
      /* Plain at this moment, and nothing can seal it while the lock is
       * held: the key file opens nothing. */
      return solace_keys_remove (keys_path, error);

    case SOLACE_CRYPT_FILE_ENCRYPTED:
      /* Needed. */
    case SOLACE_CRYPT_FILE_MISSING:
      /* The database may be moved aside for a moment (a restore); the
       * key file may be all that opens it when it comes back. */
      return TRUE;

    case SOLACE_CRYPT_FILE_UNKNOWN:
    default:
      set_not_a_database (db_path, g_steal_pointer (&local_error), error);
      return FALSE;
    }
}

/* Public API */

SolaceVaultState
solace_vault_get_state (const char  *db_path,
                        GError     **error)
{
  g_autofree char *keys_path = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (db_path != NULL, SOLACE_VAULT_MISSING);

  switch (solace_crypt_vfs_probe_file (db_path, &local_error))
    {
    case SOLACE_CRYPT_FILE_MISSING:
      return SOLACE_VAULT_MISSING;

    case SOLACE_CRYPT_FILE_PLAIN:
      return SOLACE_VAULT_PLAIN;

    case SOLACE_CRYPT_FILE_ENCRYPTED:
      keys_path = solace_keys_path_for_database (db_path);
      if (!solace_keys_exist (keys_path))
        {
          g_autofree char *name = g_path_get_basename (keys_path);

          g_set_error (error, SOLACE_KEYS_ERROR, SOLACE_KEYS_ERROR_NOT_FOUND,
                       /* Translators: %s is a file name. */
                       _("The journal is encrypted, but its key file “%s” is missing, so it cannot be opened. If you have a copy of the data folder, put the key file back from there."),
                       name);
          return SOLACE_VAULT_SEALED;
        }
      return SOLACE_VAULT_SEALED;

    case SOLACE_CRYPT_FILE_UNKNOWN:
    default:
      set_not_a_database (db_path, g_steal_pointer (&local_error), error);
      return SOLACE_VAULT_MISSING;
    }
}

gboolean
solace_vault_recover (const char  *db_path,
                      GError     **error)
{
  int lock_fd = -1;
  gboolean ok;

  g_return_val_if_fail (db_path != NULL, FALSE);

  /* Doing nothing is always safe, so this needs no lock. */
  if (!anything_to_recover (db_path))
    return TRUE;

  switch (take_lock (db_path, 0, NULL, &lock_fd, error))
    {
    case LOCK_TAKEN:
      break;
    case LOCK_HELD_ELSEWHERE:
      /* A change is going on: the new file and the marker are its own,
       * and it finishes or undoes them itself. */
    case LOCK_NO_FOLDER:
      return TRUE;
    case LOCK_FAILED:
    default:
      return FALSE;
    }

  ok = recover_locked (db_path, error);
  release_lock (lock_fd);
  return ok;
}

gboolean
solace_vault_remove_unused_key_file (const char  *db_path,
                                     GError     **error)
{
  g_autofree char *keys_path = NULL;
  int lock_fd = -1;
  gboolean ok;

  g_return_val_if_fail (db_path != NULL, FALSE);

  keys_path = solace_keys_path_for_database (db_path);
  if (!solace_keys_exist (keys_path))
    return TRUE;

  switch (take_lock (db_path, 0, NULL, &lock_fd, error))
    {
    case LOCK_TAKEN:
      break;
    case LOCK_HELD_ELSEWHERE:
      /* The key file may be the one a change is sealing with right now. */
    case LOCK_NO_FOLDER:
      return TRUE;
    case LOCK_FAILED:
    default:
      return FALSE;
    }

  ok = remove_unused_locked (db_path, keys_path, error);
  release_lock (lock_fd);
  return ok;
}

gboolean
solace_vault_seal (const char               *db_path,
                   const SolaceKey          *key,
                   SolaceVaultProgressFunc   progress,
                   gpointer                  user_data,
                   GCancellable             *cancellable,
                   GError                  **error)
{
  g_return_val_if_fail (db_path != NULL, FALSE);
  g_return_val_if_fail (key != NULL, FALSE);

  return migrate (db_path, key, DIRECTION_SEAL, progress, user_data, cancellable, error);
}

gboolean
solace_vault_unseal (const char               *db_path,
                     const SolaceKey          *key,
                     SolaceVaultProgressFunc   progress,
                     gpointer                  user_data,
                     GCancellable             *cancellable,
                     GError                  **error)
{
  g_return_val_if_fail (db_path != NULL, FALSE);
  g_return_val_if_fail (key != NULL, FALSE);

  return migrate (db_path, key, DIRECTION_UNSEAL, progress, user_data, cancellable, error);
}

void
solace_vault_seal_async (const char              *db_path,
                         const SolaceKey         *key,
                         SolaceVaultProgressFunc  progress,
                         gpointer                 progress_data,
                         GCancellable            *cancellable,
                         GAsyncReadyCallback      callback,
                         gpointer                 user_data)
{
  migrate_async (db_path, key, DIRECTION_SEAL, progress, progress_data,
                 cancellable, callback, user_data, solace_vault_seal_async);
}

void
solace_vault_unseal_async (const char              *db_path,
                           const SolaceKey         *key,
                           SolaceVaultProgressFunc  progress,
                           gpointer                 progress_data,
                           GCancellable            *cancellable,
                           GAsyncReadyCallback      callback,
                           gpointer                 user_data)
{
  migrate_async (db_path, key, DIRECTION_UNSEAL, progress, progress_data,
                 cancellable, callback, user_data, solace_vault_unseal_async);
}

gboolean
solace_vault_finish (GAsyncResult  *result,
                     GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

guint
solace_vault_count_plain_backups (const char *dir)
{
  g_autoptr(GDir) handle = NULL;
  const char *name;
  guint n = 0;

  g_return_val_if_fail (dir != NULL, 0);

  handle = g_dir_open (dir, 0, NULL);
  while (handle != NULL && (name = g_dir_read_name (handle)) != NULL)
    {
      g_autofree char *path = NULL;

      if (!is_backup_name (name))
        continue;
      path = g_build_filename (dir, name, NULL);
      if (solace_crypt_vfs_probe_file (path, NULL) == SOLACE_CRYPT_FILE_PLAIN)
        n++;
    }
  return n;
}

gboolean
solace_vault_delete_plain_backups (const char  *dir,
                                   GError     **error)
{
  g_autoptr(GDir) handle = NULL;
  const char *name;

  g_return_val_if_fail (dir != NULL, FALSE);

  handle = g_dir_open (dir, 0, NULL);
  while (handle != NULL && (name = g_dir_read_name (handle)) != NULL)
    {
      g_autofree char *path = NULL;

      if (!is_backup_name (name))
        continue;
      path = g_build_filename (dir, name, NULL);
      if (solace_crypt_vfs_probe_file (path, NULL) != SOLACE_CRYPT_FILE_PLAIN)
        continue;
      if (!wipe_file (path, error))
        return FALSE;
      for (guint i = 0; i < G_N_ELEMENTS (log_suffixes); i++)
        {
          g_autofree char *p = g_strconcat (path, log_suffixes[i], NULL);

          if (!wipe_file (p, error))
            return FALSE;
        }
    }
  return fsync_dir (dir, error);
}
