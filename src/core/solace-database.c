/* solace-database.c — one SQLite connection: opening it, reminders.db
 * attached, errors and transactions
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The numbered migrations are in solace-database-migrations.c; the
 * files' modes, before SQLite opens them, in solace-database-files.c.
 */
#define G_LOG_DOMAIN "solace-database"

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "solace-crypt-vfs.h"
#include "solace-database.h"
#include "solace-database-private.h"
#include "solace-error.h"

enum {
  PROP_0,
  PROP_PATH,
  PROP_READ_ONLY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (SolaceDatabase, solace_database, G_TYPE_OBJECT)

static int
error_code_for_rc (int rc)
{
  switch (rc & 0xff)
    {
    case SQLITE_NOTADB:
      return SOLACE_ERROR_NOT_A_DATABASE;
    case SQLITE_CORRUPT:
      return SOLACE_ERROR_CORRUPT;
    case SQLITE_READONLY:
    case SQLITE_PERM:
      return SOLACE_ERROR_READ_ONLY;
    case SQLITE_FULL:
      return SOLACE_ERROR_DISK_FULL;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return SOLACE_ERROR_BUSY;
    case SQLITE_CANTOPEN:
      return SOLACE_ERROR_CANT_CREATE;
    case SQLITE_CONSTRAINT:
    case SQLITE_MISMATCH:
    case SQLITE_TOOBIG:
    case SQLITE_RANGE:
      return SOLACE_ERROR_INVALID;
    default:
      return SOLACE_ERROR_FAILED;
    }
}

static void
set_error_from_handle (sqlite3     *db,
                       GError     **error,
                       int          rc,
                       const char  *operation)
{
  int code = error_code_for_rc (rc);
  int os_error = db != NULL ? sqlite3_system_errno (db) : 0;

  /* A write the disk had no room for can come back as an I/O error. */
  if ((rc & 0xff) == SQLITE_IOERR && (os_error == ENOSPC || os_error == EDQUOT || os_error == EFBIG))
    {
      g_set_error (error, SOLACE_ERROR, SOLACE_ERROR_DISK_FULL,
                   "%s: %s", operation, g_strerror (os_error));
      return;
    }

  /* sqlite3_errmsg() only ever names the failure, never row data. */
  g_set_error (error, SOLACE_ERROR, code,
               "%s: %s", operation,
               db != NULL ? sqlite3_errmsg (db) : sqlite3_errstr (rc));
}

gboolean
solace_database_exec_locked (SolaceDatabase  *self,
                             const char      *sql,
                             GError         **error)
{
  char *message = NULL;
  int rc;

  rc = sqlite3_exec (self->db, sql, NULL, NULL, &message);
  if (rc != SQLITE_OK)
    {
      g_set_error (error, SOLACE_ERROR, error_code_for_rc (rc),
                   "%s", message != NULL ? message : sqlite3_errstr (rc));
      sqlite3_free (message);
      return FALSE;
    }

  return TRUE;
}

int
solace_database_read_user_version (SolaceDatabase  *self,
                                   GError         **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = solace_database_prepare (self, "PRAGMA user_version", error);
  if (stmt == NULL)
    return -1;

  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      solace_database_set_error (self, error, rc, _("Reading the schema version"));
      return -1;
    }

  return sqlite3_column_int (stmt, 0);
}

gboolean
solace_database_step_locked (SolaceDatabase  *self,
                             sqlite3_stmt    *stmt,
                             const char      *operation,
                             GError         **error)
{
  return solace_database_step (self, stmt, operation, error);
}

/**
 * solace_database_step:
 * @operation: what the statement does, for the error ("save the check-in")
 *
 * Steps @stmt once.  Returns %TRUE on a row or on done; otherwise sets
 * @error from SQLite's code and message.
 */
gboolean
solace_database_step (SolaceDatabase  *self,
                      sqlite3_stmt    *stmt,
                      const char      *operation,
                      GError         **error)
{
  int rc = sqlite3_step (stmt);

  if (rc == SQLITE_DONE || rc == SQLITE_ROW)
    return TRUE;

  solace_database_set_error (self, error, rc, operation);
  return FALSE;
}

static SolaceDatabase *open_connection (const char          *path,
                                        SolaceDatabaseFlags  flags,
                                        gboolean             allow_immutable,
                                        gboolean             sealed,
                                        GError             **error);

/* reminders.db, made (0600 whatever the umask, WAL) and brought up to
 * date on a connection of its own, before the journal's connection
 * attaches it.  One that is not a database or is damaged holds nothing
 * the person wrote: it is kept aside, never deleted, and a new one made
 * so that the journal still opens. */
static gboolean
prepare_reminders_file (const char  *path,
                        GError     **error)
{
  g_autoptr(SolaceDatabase) reminders = NULL;
  g_autoptr(GError) local_error = NULL;

  reminders = open_connection (path, SOLACE_DATABASE_FLAGS_REMINDERS, FALSE, FALSE, &local_error);
  if (reminders == NULL &&
      (g_error_matches (local_error, SOLACE_ERROR, SOLACE_ERROR_NOT_A_DATABASE) ||
       g_error_matches (local_error, SOLACE_ERROR, SOLACE_ERROR_CORRUPT)))
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();
      g_autofree char *stamp = g_date_time_format (now, "%Y-%m-%d-%H%M%S");
      const char *suffixes[] = { "", "-wal", "-shm" };

      for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
        {
          g_autofree char *from = g_strconcat (path, suffixes[i], NULL);
          g_autofree char *to = g_strconcat (path, ".damaged-", stamp, suffixes[i], NULL);

          if (g_rename (from, to) != 0 && errno != ENOENT)
            {
              g_propagate_error (error, g_steal_pointer (&local_error));
              return FALSE;
            }
        }
      g_warning ("%s; it was kept as “%s.damaged-%s” and a new one made", local_error->message, path, stamp);
      g_clear_error (&local_error);
      reminders = open_connection (path, SOLACE_DATABASE_FLAGS_REMINDERS, FALSE, FALSE, &local_error);
    }

  if (reminders == NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  return TRUE;
}

/* The journal's connection reaches the reminders in reminders.db,
 * attached as "reminders": the reminder service reads that file alone,
 * never the journal.  Named with the plain VFS: the journal's own
 * connection may go through the encrypting one, and reminders.db is
 * plain on purpose.  A read-only journal reads reminders.db read-only,
 * or, when there is none, goes without (the journal still opens; the
 * reminders cannot be read). */
static gboolean
attach_reminders (SolaceDatabase  *self,
                  GError         **error)
{
  g_autofree char *path = solace_database_dup_reminders_path (self->path);
  g_autofree char *base = NULL;
  const char *modes[2] = { "", NULL };
  int version = -1;

  if (!self->read_only)
    {
      if (!prepare_reminders_file (path, error))
        {
          self->reminders_failed = TRUE;
          return FALSE;
        }
    }
  else if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    return TRUE;
  else
    {
      solace_database_tighten_files (path);
      modes[0] = self->immutable ? "&immutable=1" : "&mode=ro";
      /* A folder that cannot hold its -shm, as for the journal. */
      modes[1] = self->immutable ? NULL : "&immutable=1";
    }

  base = g_filename_to_uri (path, NULL, error);
  if (base == NULL)
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (modes) && modes[i] != NULL; i++)
    {
      g_autofree char *uri = g_strconcat (base, "?vfs=unix", modes[i], NULL);
      g_autoptr(sqlite3_stmt) stmt = solace_database_prepare (self, "ATTACH DATABASE ?1 AS reminders", error);
      g_autoptr(sqlite3_stmt) check = NULL;
      g_autoptr(GError) local_error = NULL;

      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, uri, -1, SQLITE_TRANSIENT);
      if (solace_database_step_locked (self, stmt, _("Opening the reminders"), &local_error))
        {
          /* ATTACH is lazy: the first read says whether it can be read. */
          check = solace_database_prepare (self, "PRAGMA reminders.user_version", &local_error);
          if (check != NULL && solace_database_step_locked (self, check, _("Opening the reminders"), &local_error))
            version = sqlite3_column_int (check, 0);
          g_clear_pointer (&check, sqlite3_finalize);
          if (version >= 0)
            break;
          solace_database_exec_locked (self, "DETACH DATABASE reminders", NULL);
        }

      if (!self->read_only)
        {
          self->reminders_failed = TRUE;
          g_set_error (error, SOLACE_ERROR, local_error->code, "%s: %s", path, local_error->message);
          return FALSE;
        }
      g_debug ("reminders.db could not be read: %s", local_error->message);
    }

  if (version < 0)
    return TRUE;

  /* Read-only, made by another version: the journal goes without. */
  if (version != solace_database_get_latest_reminders_version ())
    {
      solace_database_exec_locked (self, "DETACH DATABASE reminders", NULL);
      return TRUE;
    }

  self->reminders_attached = TRUE;

  return self->read_only || solace_database_exec_locked (self, "PRAGMA reminders.synchronous = FULL", error);
}

/* What makes a boundary's or session's reminder "active" in
 * reminders.db, for the row named r. */
#define REMINDER_ACTIVE_SQL(r) \
  "CASE " r ".kind" \
  " WHEN 'boundary' THEN EXISTS (SELECT 1 FROM main.boundary b" \
  "                              WHERE b.uuid = substr (" r ".key, 10) AND b.active)" \
  " WHEN 'session' THEN EXISTS (SELECT 1 FROM main.contact c WHERE c.uuid = substr (" r ".key, 9))" \
  " ELSE 1 END"

/* reminders.db's "active" follows the journal: triggers of this
 * connection's own (TEMP, so they may reach the attached file and are
 * never stored in either) change it in the same transaction as a
 * boundary or contact is added, paused, changed or deleted, and as a
 * reminder is added (an import may bring a reminder before its
 * boundary, or after).  Once at every open, anything out of step (a
 * crash between the two files' commits) is put right. */
static gboolean
keep_reminders_in_step (SolaceDatabase  *self,
                        GError         **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  /* Read first: an open writes only when something is out of step. */
  stmt = solace_database_prepare (self,
                                  "SELECT count(*) FROM reminders.reminder AS r"
                                  " WHERE active IS NOT " REMINDER_ACTIVE_SQL ("r"),
                                  error);
  if (stmt == NULL || !solace_database_step_locked (self, stmt, _("Reading the reminders"), error))
    return FALSE;
  if (sqlite3_column_int (stmt, 0) > 0 &&
      !solace_database_exec_locked (self,
                                    "UPDATE reminders.reminder AS r SET active = " REMINDER_ACTIVE_SQL ("r")
                                    " WHERE active IS NOT " REMINDER_ACTIVE_SQL ("r"),
                                    error))
    return FALSE;

  return solace_database_exec_locked (self,
                                      "CREATE TEMP TRIGGER IF NOT EXISTS solace_reminder_ai AFTER INSERT ON reminders.reminder BEGIN"
                                      "  UPDATE reminder SET active = " REMINDER_ACTIVE_SQL ("new") " WHERE id = new.id;"
                                      "END;"
                                      "CREATE TEMP TRIGGER IF NOT EXISTS solace_boundary_ai AFTER INSERT ON main.boundary BEGIN"
                                      "  UPDATE reminder SET active = new.active WHERE key = 'boundary:' || new.uuid;"
                                      "END;"
                                      "CREATE TEMP TRIGGER IF NOT EXISTS solace_boundary_au AFTER UPDATE OF uuid, active ON main.boundary BEGIN"
                                      "  UPDATE reminder SET active = 0 WHERE key = 'boundary:' || old.uuid;"
                                      "  UPDATE reminder SET active = new.active WHERE key = 'boundary:' || new.uuid;"
                                      "END;"
                                      "CREATE TEMP TRIGGER IF NOT EXISTS solace_boundary_ad AFTER DELETE ON main.boundary BEGIN"
                                      "  UPDATE reminder SET active = 0 WHERE key = 'boundary:' || old.uuid;"
                                      "END;"
                                      "CREATE TEMP TRIGGER IF NOT EXISTS solace_contact_ai AFTER INSERT ON main.contact BEGIN"
                                      "  UPDATE reminder SET active = 1 WHERE key = 'session:' || new.uuid;"
                                      "END;"
                                      "CREATE TEMP TRIGGER IF NOT EXISTS solace_contact_au AFTER UPDATE OF uuid ON main.contact BEGIN"
                                      "  UPDATE reminder SET active = 0 WHERE key = 'session:' || old.uuid;"
                                      "  UPDATE reminder SET active = 1 WHERE key = 'session:' || new.uuid;"
                                      "END;"
                                      "CREATE TEMP TRIGGER IF NOT EXISTS solace_contact_ad AFTER DELETE ON main.contact BEGIN"
                                      "  UPDATE reminder SET active = 0 WHERE key = 'session:' || old.uuid;"
                                      "END;",
                                      error);
}

/* Switching a file to WAL needs it to itself for a moment, and SQLite
 * answers SQLITE_BUSY at once, without its busy handler, when another
 * connection holds it then: the window and the reminder service open the
 * same file together at login.  So the switch is tried again for up to
 * the busy timeout, and skipped when the file is in WAL mode already
 * (the mode is kept in the file: only its first opening switches it). */
static gboolean
set_wal_mode (SolaceDatabase  *self,
              GError         **error)
{
  for (guint attempt = 0;; attempt++)
    {
      g_autoptr(sqlite3_stmt) stmt = NULL;
      g_autoptr(GError) local_error = NULL;

      stmt = solace_database_prepare (self, "PRAGMA journal_mode", error);
      if (stmt == NULL)
        return FALSE;
      if (sqlite3_step (stmt) == SQLITE_ROW &&
          g_ascii_strcasecmp ((const char *) sqlite3_column_text (stmt, 0), "wal") == 0)
        return TRUE;
      g_clear_pointer (&stmt, sqlite3_finalize);

      if (solace_database_exec_locked (self, "PRAGMA journal_mode = WAL", &local_error))
        return TRUE;

      if (!g_error_matches (local_error, SOLACE_ERROR, SOLACE_ERROR_BUSY) || attempt >= 100)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }

      g_usleep (50 * G_TIME_SPAN_MILLISECOND);
    }
}

static gboolean
configure_connection (SolaceDatabase  *self,
                      GError         **error)
{
  int latest = solace_database_latest_version_of (self);
  int version;

  sqlite3_busy_timeout (self->db, 5000);
  sqlite3_extended_result_codes (self->db, TRUE);

  if (!solace_database_exec_locked (self, "PRAGMA foreign_keys = ON", error))
    return FALSE;

  /* The first real read: this is where a file that is not a database,
   * or a damaged header, shows itself. */
  version = solace_database_read_user_version (self, error);
  if (version < 0)
    return FALSE;

  if (self->read_only)
    {
      if (version > latest)
        {
          g_set_error (error, SOLACE_ERROR, SOLACE_ERROR_NEWER_SCHEMA,
                       _("“%s” was written by a newer version of Solace (schema %d; this version knows up to %d)."),
                       self->path, version, latest);
          return FALSE;
        }
      if (version < latest)
        {
          g_set_error (error, SOLACE_ERROR, SOLACE_ERROR_READ_ONLY,
                       _("“%s” needs updating, which cannot be done while it is read-only."),
                       self->path);
          return FALSE;
        }
      return self->reminders_only || attach_reminders (self, error);
    }

  /* Refused before anything is written, WAL mode included. */
  if (version > latest)
    {
      g_set_error (error, SOLACE_ERROR, SOLACE_ERROR_NEWER_SCHEMA,
                   _("“%s” was written by a newer version of Solace (schema %d; this version knows up to %d)."),
                   self->path, version, latest);
      return FALSE;
    }

  /* WAL keeps the database whole if the process dies mid-write; FULL
   * makes every commit durable even across a power cut.  Commits happen
   * on the writer thread, so the fsync never holds up a frame. */
  if (!set_wal_mode (self, error) ||
      !solace_database_exec_locked (self, "PRAGMA synchronous = FULL", error))
    return FALSE;

  if (self->reminders_only)
    return solace_database_migrate (self, error);

  return attach_reminders (self, error) &&
         solace_database_migrate (self, error) &&
         keep_reminders_in_step (self, error);
}

static void
solace_database_finalize (GObject *object)
{
  SolaceDatabase *self = (SolaceDatabase *)object;

  if (self->db != NULL)
    {
      /* Statements are finalized by their owners; close_v2 waits for any
       * that are still alive rather than failing. */
      sqlite3_close_v2 (self->db);
      self->db = NULL;
    }
  /* The VFS counts: the last connection's forget takes the key back. */
  if (self->holds_key)
    solace_crypt_vfs_forget_key (self->path);
  g_clear_pointer (&self->key, solace_key_free);
  g_clear_pointer (&self->path, g_free);
  g_rec_mutex_clear (&self->lock);

  G_OBJECT_CLASS (solace_database_parent_class)->finalize (object);
}

static void
solace_database_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  SolaceDatabase *self = SOLACE_DATABASE (object);

  switch (prop_id)
    {
    case PROP_PATH:
      g_value_set_string (value, self->path);
      break;

    case PROP_READ_ONLY:
      g_value_set_boolean (value, self->read_only);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
solace_database_class_init (SolaceDatabaseClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = solace_database_finalize;
  object_class->get_property = solace_database_get_property;

  properties[PROP_PATH] =
    g_param_spec_string ("path", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_READ_ONLY] =
    g_param_spec_boolean ("read-only", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
solace_database_init (SolaceDatabase *self)
{
  g_rec_mutex_init (&self->lock);
}

char *
solace_database_dup_default_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "solace", "solace.db", NULL);
}

char *
solace_database_dup_reminders_path (const char *journal_path)
{
  g_autofree char *dir = NULL;

  g_return_val_if_fail (journal_path != NULL, NULL);

  dir = g_path_get_dirname (journal_path);
  return g_build_filename (dir, "reminders.db", NULL);
}

char *
solace_database_dup_default_reminders_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "solace", "reminders.db", NULL);
}

/* Looks at the first bytes before anything opens the file: a sealed
 * database opened plainly would read as "not a database", and one that
 * is not sealed must not be opened through the VFS. */
static gboolean
check_kind (const char  *path,
            gboolean     sealed,
            GError     **error)
{
  SolaceCryptFileKind kind = solace_crypt_vfs_probe_file (path, NULL);

  if (!sealed && kind == SOLACE_CRYPT_FILE_ENCRYPTED)
    {
      g_set_error (error, SOLACE_ERROR, SOLACE_ERROR_LOCKED,
                   _("Solace is locked: “%s” is encrypted and opens only with the passphrase or the recovery key."),
                   path);
      return FALSE;
    }
  if (sealed && kind == SOLACE_CRYPT_FILE_PLAIN)
    {
      g_set_error (error, SOLACE_ERROR, SOLACE_ERROR_INVALID,
                   _("“%s” is not encrypted, so it cannot be opened with a key."), path);
      return FALSE;
    }
  /* Missing, or unreadable: the open below says what is wrong. */
  return TRUE;
}

static SolaceDatabase *
try_open (const char           *path,
          SolaceDatabaseFlags   flags,
          gboolean              immutable,
          gboolean              sealed,
          GError              **error)
{
  g_autoptr(SolaceDatabase) self = NULL;
  g_autoptr(GError) local_error = NULL;
  int open_flags = SQLITE_OPEN_FULLMUTEX | SQLITE_OPEN_URI;
  g_autofree char *base_uri = NULL;
  g_autofree char *uri = NULL;
  const char *vfs = sealed ? "vfs=" SOLACE_CRYPT_VFS_NAME : NULL;
  int rc;

  self = g_object_new (SOLACE_TYPE_DATABASE, NULL);
  self->path = g_strdup (path);
  self->read_only = (flags & SOLACE_DATABASE_FLAGS_READ_ONLY) != 0;
  self->reminders_only = (flags & SOLACE_DATABASE_FLAGS_REMINDERS) != 0;
  self->immutable = immutable;
  self->sealed = sealed;

  if (!check_kind (path, sealed, error))
    return NULL;

  if (self->read_only)
    {
      if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
        {
          g_set_error (error, SOLACE_ERROR, SOLACE_ERROR_CANT_CREATE,
                       _("There is no database at “%s”."), path);
          return NULL;
        }
      /* Reading is no reason to leave a loose file loose. */
      solace_database_tighten_files (path);
      open_flags |= SQLITE_OPEN_READONLY;
    }
  else
    {
      if (!solace_database_prepare_file (path, error))
        return NULL;
      open_flags |= SQLITE_OPEN_READWRITE;
    }

  base_uri = g_filename_to_uri (path, NULL, error);
  if (base_uri == NULL)
    return NULL;

  /* immutable=1 reads a file whose folder cannot hold the -shm file
   * SQLite wants beside it; only used when nothing else can write. */
  if (immutable)
    uri = g_strconcat (base_uri, "?immutable=1", vfs != NULL ? "&" : NULL, vfs, NULL);
  else if (self->read_only)
    uri = g_strconcat (base_uri, "?mode=ro", vfs != NULL ? "&" : NULL, vfs, NULL);
  else if (vfs != NULL)
    uri = g_strconcat (base_uri, "?", vfs, NULL);
  else
    uri = g_steal_pointer (&base_uri);

  rc = sqlite3_open_v2 (uri, &self->db, open_flags, NULL);
  /* SQLite reads the header as it opens: through the VFS, page 1 that
   * does not verify (damage, or the wrong key) is SQLITE_IOERR_DATA. */
  if (rc != SQLITE_OK && sealed && self->db != NULL &&
      sqlite3_extended_errcode (self->db) == SQLITE_IOERR_DATA)
    {
      g_set_error (error, SOLACE_ERROR, SOLACE_ERROR_CORRUPT,
                   _("“%s” is damaged and cannot be read safely. Solace has not changed it."), path);
      return NULL;
    }
  if (rc != SQLITE_OK)
    {
      set_error_from_handle (self->db, error, rc, _("Opening the database"));
      return NULL;
    }

  /* Page size, room for the seal, temporary files in memory, no
   * memory mapping; reads page 1, so a wrong key fails here.  A
   * read-only connection only keeps its temporary files in memory: it
   * writes nothing, so the layout is not its business, and the switch
   * to WAL that preparing makes would be a write (refused when the file
   * is opened immutable, from a folder that cannot be written). */
  if ((sealed && !self->read_only && !solace_crypt_vfs_prepare (self->db, &local_error)) ||
      (sealed && self->read_only && !solace_database_exec_locked (self, "PRAGMA temp_store = MEMORY", &local_error)) ||
      !configure_connection (self, &local_error))
    {
      /* Say plainly which file is affected; the message never holds
       * anything the user wrote.  (One from reminders.db names it.) */
      if (self->reminders_failed)
        g_propagate_error (error, g_steal_pointer (&local_error));
      else if (g_error_matches (local_error, SOLACE_ERROR, SOLACE_ERROR_NOT_A_DATABASE))
        g_set_error (error, SOLACE_ERROR, SOLACE_ERROR_NOT_A_DATABASE,
                     _("“%s” is not a Solace database. Solace has not changed it."), path);
      else if (g_error_matches (local_error, SOLACE_ERROR, SOLACE_ERROR_CORRUPT))
        g_set_error (error, SOLACE_ERROR, SOLACE_ERROR_CORRUPT,
                     _("“%s” is damaged and cannot be read safely. Solace has not changed it."), path);
      else
        g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  return g_steal_pointer (&self);
}

static SolaceDatabase *
open_connection (const char           *path,
                 SolaceDatabaseFlags   flags,
                 gboolean              allow_immutable,
                 gboolean              sealed,
                 GError              **error)
{
  g_autoptr(GError) local_error = NULL;
  SolaceDatabase *self;

  self = try_open (path, flags, FALSE, sealed, &local_error);
  if (self != NULL)
    return self;

  /* Never for a second connection beside a live writer: an immutable
   * reader would not see what the writer adds. */
  if (allow_immutable && (flags & SOLACE_DATABASE_FLAGS_READ_ONLY) != 0 &&
      (g_error_matches (local_error, SOLACE_ERROR, SOLACE_ERROR_CANT_CREATE) ||
       g_error_matches (local_error, SOLACE_ERROR, SOLACE_ERROR_READ_ONLY)))
    {
      g_clear_error (&local_error);
      return try_open (path, flags, TRUE, sealed, error);
    }

  g_propagate_error (error, g_steal_pointer (&local_error));
  return NULL;
}

/**
 * solace_database_open:
 * @path: the database file
 * @flags: how to open it
 * @error: a location for a #GError
 *
 * Opens (creating it if needed, unless read-only) the database at @path
 * and brings its schema up to date.  A file that is not a database, is
 * damaged or comes from a newer Solace gives an error and is left
 * untouched: nothing is written before the schema has been read.  An
 * encrypted database gives %SOLACE_ERROR_LOCKED (see
 * solace_database_open_sealed()), never "damaged".
 */
SolaceDatabase *
solace_database_open (const char           *path,
                      SolaceDatabaseFlags   flags,
                      GError              **error)
{
  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return open_connection (path, flags, TRUE, FALSE, error);
}

/**
 * solace_database_open_sealed:
 * @path: the database file
 * @flags: how to open it
 * @key: its data key and id
 * @error: a location for a #GError
 *
 * Opens, as solace_database_open() does, a database encrypted by the
 * solace-crypt VFS, or creates a new encrypted one (unless read-only).
 * @key is handed to the VFS for @path until the last connection opened
 * this way is finalized.  A file that is not encrypted gives
 * %SOLACE_ERROR_INVALID; a wrong key reads as damage
 * (%SOLACE_ERROR_CORRUPT): check it against the key file first.
 */
SolaceDatabase *
solace_database_open_sealed (const char           *path,
                             SolaceDatabaseFlags   flags,
                             const SolaceKey      *key,
                             GError              **error)
{
  SolaceDatabase *self;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (key != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!solace_crypt_vfs_register (error))
    return NULL;

  if (!solace_crypt_vfs_set_key (path, solace_key_get_data_key (key),
                                 solace_key_get_database_id (key), error))
    return NULL;

  self = open_connection (path, flags, TRUE, TRUE, error);
  if (self == NULL)
    {
      solace_crypt_vfs_forget_key (path);
      return NULL;
    }

  self->holds_key = TRUE;
  self->key = solace_key_copy (key);
  return self;
}

/**
 * solace_database_open_reader:
 *
 * A second, read-only connection to the same file, for reading on
 * another thread while this one writes.  WAL lets both run at once.
 */
SolaceDatabase *
solace_database_open_reader (SolaceDatabase  *self,
                             GError         **error)
{
  SolaceDatabaseFlags flags = SOLACE_DATABASE_FLAGS_READ_ONLY |
                              (self->reminders_only ? SOLACE_DATABASE_FLAGS_REMINDERS : 0);
  SolaceDatabase *reader;

  g_return_val_if_fail (SOLACE_IS_DATABASE (self), NULL);

  if (self->key == NULL)
    return open_connection (self->path, flags, FALSE, FALSE, error);

  /* Through the VFS, holding the key itself (the VFS counts holders),
   * and with the key this connection was opened with, in case a failed
   * open with another key has replaced it since. */
  if (!solace_crypt_vfs_set_key (self->path, solace_key_get_data_key (self->key),
                                 solace_key_get_database_id (self->key), error))
    return NULL;
  reader = open_connection (self->path, flags, FALSE, TRUE, error);
  if (reader == NULL)
    {
      solace_crypt_vfs_forget_key (self->path);
      return NULL;
    }
  reader->holds_key = TRUE;
  reader->key = solace_key_copy (self->key);
  return reader;
}

const char *
solace_database_get_path (SolaceDatabase *self)
{
  g_return_val_if_fail (SOLACE_IS_DATABASE (self), NULL);

  return self->path;
}

gboolean
solace_database_is_sealed (SolaceDatabase *self)
{
  g_return_val_if_fail (SOLACE_IS_DATABASE (self), FALSE);

  return self->sealed;
}

const SolaceKey *
solace_database_get_key (SolaceDatabase *self)
{
  g_return_val_if_fail (SOLACE_IS_DATABASE (self), NULL);

  return self->key;
}

gboolean
solace_database_is_read_only (SolaceDatabase *self)
{
  g_return_val_if_fail (SOLACE_IS_DATABASE (self), TRUE);

  return self->read_only;
}

gboolean
solace_database_is_reminders_only (SolaceDatabase *self)
{
  g_return_val_if_fail (SOLACE_IS_DATABASE (self), FALSE);

  return self->reminders_only;
}

int
solace_database_get_version (SolaceDatabase *self)
{
  int version;

  g_return_val_if_fail (SOLACE_IS_DATABASE (self), -1);

  solace_database_lock (self);
  version = solace_database_read_user_version (self, NULL);
  solace_database_unlock (self);

  return version;
}

sqlite3 *
solace_database_get_handle (SolaceDatabase *self)
{
  g_return_val_if_fail (SOLACE_IS_DATABASE (self), NULL);

  return self->db;
}

void
solace_database_lock (SolaceDatabase *self)
{
  g_rec_mutex_lock (&self->lock);
}

void
solace_database_unlock (SolaceDatabase *self)
{
  g_rec_mutex_unlock (&self->lock);
}

void
solace_database_set_error (SolaceDatabase  *self,
                           GError         **error,
                           int              rc,
                           const char      *operation)
{
  set_error_from_handle (self != NULL ? self->db : NULL, error, rc, operation);
}

sqlite3_stmt *
solace_database_prepare (SolaceDatabase  *self,
                         const char      *sql,
                         GError         **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  g_return_val_if_fail (SOLACE_IS_DATABASE (self), NULL);

  rc = sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      set_error_from_handle (self->db, error, rc, _("Preparing a statement"));
      sqlite3_finalize (stmt);
      return NULL;
    }

  return stmt;
}

gboolean
solace_database_exec (SolaceDatabase  *self,
                      const char      *sql,
                      GError         **error)
{
  gboolean ret;

  g_return_val_if_fail (SOLACE_IS_DATABASE (self), FALSE);

  solace_database_lock (self);
  ret = solace_database_exec_locked (self, sql, error);
  solace_database_unlock (self);

  return ret;
}

gboolean
solace_database_begin (SolaceDatabase  *self,
                       GError         **error)
{
  g_return_val_if_fail (SOLACE_IS_DATABASE (self), FALSE);

  if (self->read_only)
    {
      g_set_error (error, SOLACE_ERROR, SOLACE_ERROR_READ_ONLY,
                   _("The database is open read-only."));
      return FALSE;
    }

  /* IMMEDIATE takes the write lock now, so a busy database fails here
   * rather than half-way through. */
  return solace_database_exec_locked (self, "BEGIN IMMEDIATE", error);
}

gboolean
solace_database_commit (SolaceDatabase  *self,
                        GError         **error)
{
  g_return_val_if_fail (SOLACE_IS_DATABASE (self), FALSE);

  return solace_database_exec_locked (self, "COMMIT", error);
}

void
solace_database_rollback (SolaceDatabase *self)
{
  g_return_if_fail (SOLACE_IS_DATABASE (self));

  if (!sqlite3_get_autocommit (self->db))
    solace_database_exec_locked (self, "ROLLBACK", NULL);
}

gboolean
solace_database_check_integrity (SolaceDatabase  *self,
                                 GError         **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gboolean ok = FALSE;
  int rc;

  g_return_val_if_fail (SOLACE_IS_DATABASE (self), FALSE);

  solace_database_lock (self);

  stmt = solace_database_prepare (self, "PRAGMA integrity_check", error);
  if (stmt != NULL)
    {
      rc = sqlite3_step (stmt);
      if (rc != SQLITE_ROW)
        solace_database_set_error (self, error, rc, _("Checking the database"));
      else if (g_strcmp0 ((const char *) sqlite3_column_text (stmt, 0), "ok") != 0)
        g_set_error (error, SOLACE_ERROR, SOLACE_ERROR_CORRUPT,
                     _("“%s” is damaged."), self->path);
      else
        ok = TRUE;
    }

  solace_database_unlock (self);

  return ok;
}

GDate *
solace_database_get_stretch_start (SolaceDatabase  *self,
                                   GError         **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  GDate *date = NULL;
  int rc;

  g_return_val_if_fail (SOLACE_IS_DATABASE (self), NULL);

  solace_database_lock (self);

  stmt = solace_database_prepare (self,
                                  "SELECT started_on FROM stretch WHERE ended_on IS NULL",
                                  error);
  if (stmt == NULL)
    goto out;

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      const char *text = (const char *) sqlite3_column_text (stmt, 0);

      date = g_date_new ();
      g_date_set_parse (date, text);
      if (!g_date_valid (date))
        {
          g_clear_pointer (&date, g_date_free);
          g_set_error (error, SOLACE_ERROR, SOLACE_ERROR_CORRUPT,
                       _("The stored start date is not a date."));
        }
    }
  else if (rc != SQLITE_DONE)
    solace_database_set_error (self, error, rc, _("Reading the no-contact start"));

out:
  solace_database_unlock (self);

  return date;
}

gboolean
solace_database_set_stretch_start (SolaceDatabase  *self,
                                   const GDate     *date,
                                   GError         **error)
{
  g_autoptr(sqlite3_stmt) update = NULL;
  g_autoptr(sqlite3_stmt) insert = NULL;
  g_autofree char *uuid = NULL;
  char iso[16];
  gboolean ok = FALSE;
  int rc;

  g_return_val_if_fail (SOLACE_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (date != NULL && g_date_valid (date), FALSE);

  g_snprintf (iso, sizeof iso, "%04u-%02u-%02u",
              g_date_get_year (date), g_date_get_month (date), g_date_get_day (date));

  solace_database_lock (self);

  if (!solace_database_begin (self, error))
    goto out;

  update = solace_database_prepare (self,
                                    "UPDATE stretch SET started_on = ?1 WHERE ended_on IS NULL",
                                    error);
  if (update == NULL)
    goto rollback;

  sqlite3_bind_text (update, 1, iso, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (update);
  if (rc != SQLITE_DONE)
    {
      solace_database_set_error (self, error, rc, _("Changing the no-contact start"));
      goto rollback;
    }

  if (sqlite3_changes (self->db) == 0)
    {
      insert = solace_database_prepare (self,
                                        "INSERT INTO stretch (uuid, started_on, created_at) VALUES (?1, ?2, ?3)",
                                        error);
      if (insert == NULL)
        goto rollback;

      uuid = g_uuid_string_random ();
      sqlite3_bind_text (insert, 1, uuid, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (insert, 2, iso, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (insert, 3, g_get_real_time () / G_USEC_PER_SEC);
      rc = sqlite3_step (insert);
      if (rc != SQLITE_DONE)
        {
          solace_database_set_error (self, error, rc, _("Starting the no-contact counter"));
          goto rollback;
        }
    }

  ok = solace_database_commit (self, error);
  if (!ok)
    goto rollback;

  goto out;

rollback:
  solace_database_rollback (self);

out:
  solace_database_unlock (self);

  return ok;
}
