/* solace-database.c — one SQLite connection with numbered migrations
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "solace-database"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include "solace-crypt-vfs.h"
#include "solace-database.h"
#include "solace-error.h"

struct _SolaceDatabase
{
  GObject    parent_instance;

  sqlite3   *db;
  char      *path;
  /* A sealed database's key (sodium_malloc memory, zeroed when freed),
   * for its readers and backups. */
  SolaceKey *key;
  GRecMutex  lock;
  guint      read_only : 1;
  guint      immutable : 1;
  /* reminders.db itself, or the journal with it attached */
  guint      reminders_only : 1;
  guint      reminders_attached : 1;
  /* An error came from reminders.db, not from this file. */
  guint      reminders_failed : 1;
  guint      sealed : 1;
  /* One solace_crypt_vfs_set_key () to match with a forget_key (). */
  guint      holds_key : 1;
};

enum {
  PROP_0,
  PROP_PATH,
  PROP_READ_ONLY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (SolaceDatabase, solace_database, G_TYPE_OBJECT)

/* The preferences that belong to the reminders (setting_fields in
 * solace-reminders.c): they move to reminders.db with them. */
#define REMINDER_SETTING_NAMES "('quiet-enabled', 'quiet-start', 'quiet-end', 'discreet', 'grace-minutes')"

/* The journal's migration that drops its reminder tables; just before
 * it, move_reminders () copies them to reminders.db. */
#define MOVE_REMINDERS_VERSION 7

/* Each migration runs in its own transaction and moves user_version from
 * its index to its index + 1.  Never edit a shipped migration: add one.
 *
 * The schema is shaped for the whole product (see DESIGN.md): every user
 * row has a stable UUID for export and import, times are Unix seconds in
 * UTC, days are ISO dates in the user's local calendar. */
static const char * const migrations[] = {
  /* 1: the journal, its tags and full-text index; no-contact stretches. */
  "CREATE TABLE journal_entry ("
  "  id          INTEGER PRIMARY KEY,"
  "  uuid        TEXT    NOT NULL UNIQUE,"
  "  kind        TEXT    NOT NULL CHECK (kind IN ('reflection', 'gratitude', 'letter', 'reasons', 'prompt')),"
  "  prompt      TEXT,"
  "  body        TEXT    NOT NULL DEFAULT '',"
  "  mood        INTEGER CHECK (mood IS NULL OR mood BETWEEN 1 AND 5),"
  "  day         TEXT    NOT NULL,"
  "  created_at  INTEGER NOT NULL,"
  "  updated_at  INTEGER NOT NULL"
  ");"
  "CREATE INDEX journal_entry_by_time ON journal_entry (created_at DESC, id DESC);"
  "CREATE INDEX journal_entry_by_day ON journal_entry (day);"
  /* Filtering by mood or kind walks these in list order and stops at
   * the first page, instead of walking all of time. */
  "CREATE INDEX journal_entry_by_mood ON journal_entry (mood, created_at DESC, id DESC);"
  "CREATE INDEX journal_entry_by_kind ON journal_entry (kind, created_at DESC, id DESC);"
  "CREATE TABLE journal_tag ("
  "  entry_id    INTEGER NOT NULL REFERENCES journal_entry (id) ON DELETE CASCADE,"
  "  name        TEXT    NOT NULL,"
  "  is_emotion  INTEGER NOT NULL DEFAULT 0 CHECK (is_emotion IN (0, 1)),"
  "  position    INTEGER NOT NULL DEFAULT 0,"
  "  PRIMARY KEY (entry_id, is_emotion, name)"
  ") WITHOUT ROWID;"
  "CREATE INDEX journal_tag_by_name ON journal_tag (name, entry_id);"
  "CREATE VIRTUAL TABLE journal_fts USING fts5 ("
  "  body, content = 'journal_entry', content_rowid = 'id',"
  "  tokenize = 'unicode61 remove_diacritics 2',"
  /* Prefix indexes keep search-as-you-type quick from the second
   * letter on, when a prefix would otherwise match thousands of words. */
  "  prefix = '2 3'"
  ");"
  "CREATE TRIGGER journal_entry_ai AFTER INSERT ON journal_entry BEGIN"
  "  INSERT INTO journal_fts (rowid, body) VALUES (new.id, new.body);"
  "END;"
  "CREATE TRIGGER journal_entry_ad AFTER DELETE ON journal_entry BEGIN"
  "  INSERT INTO journal_fts (journal_fts, rowid, body) VALUES ('delete', old.id, old.body);"
  "END;"
  "CREATE TRIGGER journal_entry_au AFTER UPDATE OF body ON journal_entry BEGIN"
  "  INSERT INTO journal_fts (journal_fts, rowid, body) VALUES ('delete', old.id, old.body);"
  "  INSERT INTO journal_fts (rowid, body) VALUES (new.id, new.body);"
  "END;"
  "CREATE TABLE stretch ("
  "  id          INTEGER PRIMARY KEY,"
  "  uuid        TEXT    NOT NULL UNIQUE,"
  "  started_on  TEXT    NOT NULL,"
  "  ended_on    TEXT,"
  "  created_at  INTEGER NOT NULL"
  ");"
  "CREATE UNIQUE INDEX stretch_one_open ON stretch (ended_on IS NULL) WHERE ended_on IS NULL;",

  /* 2: reminders, what each has fired, and the reminder preferences.
   * A schedule is an RRULE with a floating local start; last_due is
   * the instant up to which its occurrences are dealt with, so a
   * restart never repeats one.  The built-in reminders start off. */
  "CREATE TABLE reminder ("
  "  id             INTEGER PRIMARY KEY,"
  "  key            TEXT    NOT NULL UNIQUE,"
  "  kind           TEXT    NOT NULL CHECK (kind IN ('gratitude', 'nudge', 'check-in', 'boundary')),"
  "  enabled        INTEGER NOT NULL DEFAULT 0 CHECK (enabled IN (0, 1)),"
  "  rrule          TEXT    NOT NULL,"
  "  dtstart        TEXT    NOT NULL,"
  "  last_due       INTEGER NOT NULL,"
  "  snoozed_until  INTEGER,"
  "  updated_at     INTEGER NOT NULL"
  ");"
  "CREATE TABLE reminder_firing ("
  "  id           INTEGER PRIMARY KEY,"
  "  reminder_id  INTEGER NOT NULL REFERENCES reminder (id) ON DELETE CASCADE,"
  "  due_at       INTEGER NOT NULL,"
  "  fired_at     INTEGER NOT NULL,"
  "  outcome      TEXT    NOT NULL DEFAULT 'shown' CHECK (outcome IN ('shown', 'done', 'snoozed')),"
  "  UNIQUE (reminder_id, due_at)"
  ");"
  "CREATE TABLE preference ("
  "  name   TEXT    PRIMARY KEY,"
  "  value  INTEGER NOT NULL"
  ") WITHOUT ROWID;"
  "INSERT INTO reminder (key, kind, rrule, dtstart, last_due, updated_at)"
  "  SELECT column1, column2, column3, column4, now, now FROM (SELECT CAST (strftime ('%s', 'now') AS INTEGER) AS now), (VALUES"
  "    ('gratitude',      'gratitude', 'FREQ=DAILY',                               '20260101T210000'),"
  "    ('check-in',       'check-in',  'FREQ=DAILY',                               '20260101T200000'),"
  "    ('nudge-sleep',    'nudge',     'FREQ=DAILY',                               '20260101T220000'),"
  "    ('nudge-eat',      'nudge',     'FREQ=DAILY;BYHOUR=8,13,18;BYMINUTE=0',     '20260101T080000'),"
  "    ('nudge-move',     'nudge',     'FREQ=DAILY',                               '20260101T160000'),"
  "    ('nudge-breathe',  'nudge',     'FREQ=DAILY;BYHOUR=10,13,16,19;BYMINUTE=0', '20260101T100000'),"
  "    ('nudge-outside',  'nudge',     'FREQ=DAILY',                               '20260101T120000'),"
  "    ('nudge-friend',   'nudge',     'FREQ=WEEKLY;BYDAY=WE,SA',                  '20251231T180000')"
  "  );",

  /* 3: boundaries, the distance plan and the incident record.  Incidents
   * are append-only: the triggers refuse UPDATE and DELETE, and each
   * row's hash chains it to the one before (see solace-incidents.c). */
  "CREATE TABLE boundary ("
  "  id             INTEGER PRIMARY KEY,"
  "  uuid           TEXT    NOT NULL UNIQUE,"
  "  title          TEXT    NOT NULL,"
  "  feeling        TEXT    NOT NULL DEFAULT '',"
  "  situation      TEXT    NOT NULL DEFAULT '',"
  "  action         TEXT    NOT NULL DEFAULT '',"
  "  condition      TEXT    NOT NULL DEFAULT '',"
  "  contact_level  TEXT    NOT NULL DEFAULT 'none' CHECK (contact_level IN ('none', 'brief', 'other')),"
  "  contact_other  TEXT    NOT NULL DEFAULT '',"
  "  consequence    TEXT    NOT NULL DEFAULT '',"
  "  active         INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),"
  "  position       INTEGER NOT NULL DEFAULT 0,"
  "  created_at     INTEGER NOT NULL,"
  "  updated_at     INTEGER NOT NULL"
  ");"
  "CREATE TABLE plan_step ("
  "  id          INTEGER PRIMARY KEY,"
  "  uuid        TEXT    NOT NULL UNIQUE,"
  "  builtin     TEXT    UNIQUE,"
  "  title       TEXT    NOT NULL DEFAULT '',"
  "  notes       TEXT    NOT NULL DEFAULT '',"
  "  done_on     TEXT,"
  "  position    INTEGER NOT NULL DEFAULT 0,"
  "  created_at  INTEGER NOT NULL"
  ");"
  "INSERT INTO plan_step (uuid, builtin, position, created_at)"
  "  SELECT lower (hex (randomblob (16))), column1, column2, CAST (strftime ('%s', 'now') AS INTEGER) FROM (VALUES"
  "    ('remove-number', 1), ('unfollow', 2), ('put-away', 3),"
  "    ('avoid-places', 4), ('social-break', 5), ('tell-friends', 6)"
  "  );"
  "CREATE TABLE incident ("
  "  id             INTEGER PRIMARY KEY,"
  "  uuid           TEXT    NOT NULL UNIQUE,"
  "  happened_at    INTEGER NOT NULL,"
  "  recorded_at    INTEGER NOT NULL,"
  "  channel        TEXT    NOT NULL CHECK (channel IN ('text', 'call', 'social', 'email', 'in-person', 'through-others', 'other')),"
  "  what           TEXT    NOT NULL,"
  "  response       TEXT    NOT NULL DEFAULT '',"
  "  boundary_uuid  TEXT,"
  "  necessary      INTEGER NOT NULL DEFAULT 0 CHECK (necessary IN (0, 1)),"
  "  corrects_uuid  TEXT    REFERENCES incident (uuid),"
  "  prev_hash      TEXT    NOT NULL,"
  "  hash           TEXT    NOT NULL"
  ");"
  "CREATE INDEX incident_by_happened ON incident (happened_at);"
  "CREATE TRIGGER incident_no_update BEFORE UPDATE ON incident BEGIN"
  "  SELECT RAISE (ABORT, 'incident records are append-only');"
  "END;"
  "CREATE TRIGGER incident_no_delete BEFORE DELETE ON incident BEGIN"
  "  SELECT RAISE (ABORT, 'incident records are append-only');"
  "END;",

  /* 4: the people, professionals, groups and lines the person keeps. */
  "CREATE TABLE contact ("
  "  id            INTEGER PRIMARY KEY,"
  "  uuid          TEXT    NOT NULL UNIQUE,"
  "  kind          TEXT    NOT NULL CHECK (kind IN ('person', 'therapist', 'service', 'group', 'line')),"
  "  name          TEXT    NOT NULL,"
  "  relationship  TEXT    NOT NULL DEFAULT '',"
  "  phone         TEXT    NOT NULL DEFAULT '',"
  "  email         TEXT    NOT NULL DEFAULT '',"
  "  website       TEXT    NOT NULL DEFAULT '',"
  "  notes         TEXT    NOT NULL DEFAULT '',"
  "  good_for      INTEGER NOT NULL DEFAULT 0,"
  "  online        INTEGER NOT NULL DEFAULT 0 CHECK (online IN (0, 1)),"
  "  position      INTEGER NOT NULL DEFAULT 0,"
  "  created_at    INTEGER NOT NULL,"
  "  updated_at    INTEGER NOT NULL"
  ");",

  /* 5: a professional's or group's next session, and its reminder.
   * SQLite cannot widen a CHECK in place, so the reminder tables are
   * copied into new ones that allow the 'session' kind.  Both are
   * renamed first so the firing table's reference follows along; the
   * rows keep their ids. */
  "ALTER TABLE reminder_firing RENAME TO reminder_firing_old;"
  "ALTER TABLE reminder RENAME TO reminder_old;"
  "CREATE TABLE reminder ("
  "  id             INTEGER PRIMARY KEY,"
  "  key            TEXT    NOT NULL UNIQUE,"
  "  kind           TEXT    NOT NULL CHECK (kind IN ('gratitude', 'nudge', 'check-in', 'boundary', 'session', 'milestone')),"
  "  enabled        INTEGER NOT NULL DEFAULT 0 CHECK (enabled IN (0, 1)),"
  "  rrule          TEXT    NOT NULL,"
  "  dtstart        TEXT    NOT NULL,"
  "  last_due       INTEGER NOT NULL,"
  "  snoozed_until  INTEGER,"
  "  updated_at     INTEGER NOT NULL"
  ");"
  "INSERT INTO reminder SELECT * FROM reminder_old;"
  "CREATE TABLE reminder_firing ("
  "  id           INTEGER PRIMARY KEY,"
  "  reminder_id  INTEGER NOT NULL REFERENCES reminder (id) ON DELETE CASCADE,"
  "  due_at       INTEGER NOT NULL,"
  "  fired_at     INTEGER NOT NULL,"
  "  outcome      TEXT    NOT NULL DEFAULT 'shown' CHECK (outcome IN ('shown', 'done', 'snoozed')),"
  "  UNIQUE (reminder_id, due_at)"
  ");"
  "INSERT INTO reminder_firing SELECT * FROM reminder_firing_old;"
  "DROP TABLE reminder_firing_old;"
  "DROP TABLE reminder_old;"
  /* The session is a floating local date-time, like a reminder's start;
   * session_remind is how many minutes before it to remind, or NULL. */
  "ALTER TABLE contact ADD COLUMN next_session TEXT;"
  "ALTER TABLE contact ADD COLUMN session_remind INTEGER CHECK (session_remind IS NULL OR session_remind BETWEEN 0 AND 10080);",

  /* 6: urges, the person's reasons, daily check-ins and the milestones
   * already celebrated.  A check-in belongs to one local day. */
  "CREATE TABLE urge ("
  "  id          INTEGER PRIMARY KEY,"
  "  uuid        TEXT    NOT NULL UNIQUE,"
  "  at          INTEGER NOT NULL,"
  "  day         TEXT    NOT NULL,"
  "  intensity   INTEGER NOT NULL CHECK (intensity BETWEEN 1 AND 10),"
  "  cause       TEXT    NOT NULL DEFAULT '',"
  "  outcome     TEXT    NOT NULL CHECK (outcome IN ('passed', 'reached-out'))"
  ");"
  "CREATE INDEX urge_by_day ON urge (day);"
  "CREATE TABLE reason ("
  "  id          INTEGER PRIMARY KEY,"
  "  uuid        TEXT    NOT NULL UNIQUE,"
  "  text        TEXT    NOT NULL,"
  "  position    INTEGER NOT NULL DEFAULT 0,"
  "  created_at  INTEGER NOT NULL"
  ");"
  "CREATE TABLE check_in ("
  "  id          INTEGER PRIMARY KEY,"
  "  uuid        TEXT    NOT NULL UNIQUE,"
  "  day         TEXT    NOT NULL UNIQUE,"
  "  mood        INTEGER NOT NULL CHECK (mood BETWEEN 1 AND 5),"
  "  emotions    TEXT    NOT NULL DEFAULT '',"
  "  self_care   INTEGER NOT NULL DEFAULT 0,"
  "  signs       INTEGER NOT NULL DEFAULT 0,"
  "  note        TEXT    NOT NULL DEFAULT '',"
  "  created_at  INTEGER NOT NULL,"
  "  updated_at  INTEGER NOT NULL"
  ");"
  "CREATE TABLE milestone_seen ("
  "  stretch_uuid  TEXT    NOT NULL,"
  "  days          INTEGER NOT NULL,"
  "  seen_at       INTEGER NOT NULL,"
  "  PRIMARY KEY (stretch_uuid, days)"
  ") WITHOUT ROWID;",

  /* 7: the reminders live in reminders.db from now on, so that the
   * reminder service never needs the journal, which the passphrase
   * lock encrypts.  move_reminders () has copied them there, and
   * committed, before this runs: what is dropped here is never the
   * only copy.  The other preferences (the Today page's) stay. */
  "DROP TABLE main.reminder_firing;"
  "DROP TABLE main.reminder;"
  "DELETE FROM main.preference WHERE name IN " REMINDER_SETTING_NAMES ";",
};

/* The schema of reminders.db, numbered on its own.  Only what the
 * reminder service needs to decide when to remind and what it did:
 * never a title, a statement, a name or anything else the person
 * wrote.  "active" says whether a boundary's reminder has its boundary,
 * not paused, and a session's its contact; the journal's connection
 * keeps it in step (see keep_reminders_in_step ()). */
static const char * const reminders_migrations[] = {
  /* 1: the journal's reminder tables as its schema 6 had them, with
   * "active"; the preferences the reminders use; and a note of when
   * the journal's own reminders were moved here. */
  "CREATE TABLE reminder ("
  "  id             INTEGER PRIMARY KEY,"
  "  key            TEXT    NOT NULL UNIQUE,"
  "  kind           TEXT    NOT NULL CHECK (kind IN ('gratitude', 'nudge', 'check-in', 'boundary', 'session', 'milestone')),"
  "  enabled        INTEGER NOT NULL DEFAULT 0 CHECK (enabled IN (0, 1)),"
  "  rrule          TEXT    NOT NULL,"
  "  dtstart        TEXT    NOT NULL,"
  "  last_due       INTEGER NOT NULL,"
  "  snoozed_until  INTEGER,"
  "  updated_at     INTEGER NOT NULL,"
  "  active         INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1))"
  ");"
  "CREATE TABLE reminder_firing ("
  "  id           INTEGER PRIMARY KEY,"
  "  reminder_id  INTEGER NOT NULL REFERENCES reminder (id) ON DELETE CASCADE,"
  "  due_at       INTEGER NOT NULL,"
  "  fired_at     INTEGER NOT NULL,"
  "  outcome      TEXT    NOT NULL DEFAULT 'shown' CHECK (outcome IN ('shown', 'done', 'snoozed')),"
  "  UNIQUE (reminder_id, due_at)"
  ");"
  "CREATE TABLE reminder_setting ("
  "  name   TEXT    PRIMARY KEY,"
  "  value  INTEGER NOT NULL"
  ") WITHOUT ROWID;"
  "CREATE TABLE reminder_meta ("
  "  name   TEXT    PRIMARY KEY,"
  "  value  INTEGER NOT NULL"
  ") WITHOUT ROWID;"
  /* The built-in reminders, off, as the journal's schema 2 made them,
   * so that a reminders.db made beside a journal that has none to move
   * lists them too. */
  "INSERT INTO reminder (key, kind, rrule, dtstart, last_due, updated_at)"
  "  SELECT column1, column2, column3, column4, now, now FROM (SELECT CAST (strftime ('%s', 'now') AS INTEGER) AS now), (VALUES"
  "    ('gratitude',      'gratitude', 'FREQ=DAILY',                               '20260101T210000'),"
  "    ('check-in',       'check-in',  'FREQ=DAILY',                               '20260101T200000'),"
  "    ('nudge-sleep',    'nudge',     'FREQ=DAILY',                               '20260101T220000'),"
  "    ('nudge-eat',      'nudge',     'FREQ=DAILY;BYHOUR=8,13,18;BYMINUTE=0',     '20260101T080000'),"
  "    ('nudge-move',     'nudge',     'FREQ=DAILY',                               '20260101T160000'),"
  "    ('nudge-breathe',  'nudge',     'FREQ=DAILY;BYHOUR=10,13,16,19;BYMINUTE=0', '20260101T100000'),"
  "    ('nudge-outside',  'nudge',     'FREQ=DAILY',                               '20260101T120000'),"
  "    ('nudge-friend',   'nudge',     'FREQ=WEEKLY;BYDAY=WE,SA',                  '20251231T180000')"
  "  );",
};

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

/* Whether this process may write to @path, whose stat is @st.  Write
 * permission the person took away from their own file or folder counts
 * as gone even for root, who could write anyway. */
static gboolean
may_write (const char        *path,
           const struct stat *st,
           int               *errno_out)
{
  if (st->st_uid == geteuid () && (st->st_mode & S_IWUSR) == 0)
    {
      *errno_out = EACCES;
      return FALSE;
    }

  if (faccessat (AT_FDCWD, path, S_ISDIR (st->st_mode) ? W_OK | X_OK : W_OK, AT_EACCESS) != 0)
    {
      *errno_out = errno;
      return FALSE;
    }

  return TRUE;
}

/* Clears the group and other bits of a file or folder this user owns.
 * Only ever takes permission away, and never follows a symbolic link
 * unless @follow (the database itself may be one). */
/* The mode is read and changed through one descriptor, so what is
 * changed is what was looked at, even if the path is renamed or
 * replaced in between (a restore, the reminder service). */
static void
tighten_mode (const char *path,
              gboolean    follow)
{
  struct stat st;
  int fd;

  fd = g_open (path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY | (follow ? 0 : O_NOFOLLOW), 0);
  if (fd < 0)
    return;
  if (fstat (fd, &st) == 0 &&
      (S_ISREG (st.st_mode) || S_ISDIR (st.st_mode)) &&
      st.st_uid == geteuid () && (st.st_mode & 077) != 0)
    {
      if (fchmod (fd, st.st_mode & 0700) != 0)
        g_debug ("Could not tighten a file's mode: %s", g_strerror (errno));
    }
  close (fd);
}

/* Only the folder Solace makes for itself ($XDG_DATA_HOME/solace) is
 * tightened; any other folder a file is opened in (a benchmark's, a
 * test's, /tmp) is left exactly as it is. */
static void
tighten_files (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *dir_name = g_path_get_basename (dir);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);

  if (g_str_equal (dir_name, "solace"))
    tighten_mode (dir, FALSE);
  tighten_mode (path, TRUE);
  tighten_mode (wal, FALSE);
  tighten_mode (shm, FALSE);
}

/* The -wal and -shm files of a database this process may write.  A
 * read-only session leaves them with the read-only database's mode
 * (0400); once the database is writable again they must be too, or
 * every later save fails.  Only the mode changes: the files, and what a
 * -wal holds, stay, so another process that has them open (the
 * reminder service) is undisturbed.  A file someone else owns cannot
 * be fixed, so the database is read-only until it is. */
static gboolean
fix_companion (const char  *path,
               mode_t       db_mode,
               GError     **error)
{
  struct stat st;
  int saved_errno = 0;

  if (g_lstat (path, &st) != 0 || !S_ISREG (st.st_mode))
    return TRUE;

  if (st.st_uid == geteuid ())
    {
      mode_t mode = db_mode & 0600;
      int fd;

      if ((st.st_mode & 0777) == mode)
        return TRUE;
      /* Changed through a descriptor of the file looked at, never one
       * put in its place since. */
      fd = g_open (path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOFOLLOW | O_NOCTTY, 0);
      if (fd >= 0)
        {
          struct stat now;
          gboolean same = fstat (fd, &now) == 0 && now.st_dev == st.st_dev && now.st_ino == st.st_ino;

          if (same && fchmod (fd, mode) == 0)
            {
              close (fd);
              return TRUE;
            }
          saved_errno = same ? errno : EAGAIN;
          close (fd);
        }
      else
        saved_errno = errno;
    }
  else if (may_write (path, &st, &saved_errno))
    return TRUE;

  g_set_error (error, SOLACE_ERROR, SOLACE_ERROR_READ_ONLY,
               _("Could not open “%s” for writing: %s"),
               path, g_strerror (saved_errno));
  return FALSE;
}

/* Before a writing open.  A fresh file is made 0600 before SQLite
 * touches it; SQLite gives the -wal and -shm files the same mode.  A
 * looser existing file or folder is tightened; one the person made
 * read-only stays read-only, and the open fails with READ_ONLY so that
 * the caller can fall back to reading. */
static gboolean
prepare_file (const char  *path,
              GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);
  struct stat st;
  gboolean existed;
  int saved_errno = 0;
  int fd;

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      saved_errno = errno;
      g_set_error (error, SOLACE_ERROR, SOLACE_ERROR_CANT_CREATE,
                   _("Could not create the folder “%s”: %s"),
                   dir, g_strerror (saved_errno));
      return FALSE;
    }

  tighten_files (path);

  existed = g_stat (path, &st) == 0;
  if (existed && !may_write (path, &st, &saved_errno))
    {
      g_set_error (error, SOLACE_ERROR, SOLACE_ERROR_READ_ONLY,
                   _("Could not open “%s” for writing: %s"),
                   path, g_strerror (saved_errno));
      return FALSE;
    }

  /* SQLite makes and removes the -wal and -shm files beside the
   * database, so a folder that cannot be written means read-only. */
  if (g_stat (dir, &st) == 0 && !may_write (dir, &st, &saved_errno))
    {
      g_set_error (error, SOLACE_ERROR, SOLACE_ERROR_READ_ONLY,
                   _("Could not write in the folder “%s”: %s"),
                   dir, g_strerror (saved_errno));
      return FALSE;
    }

  fd = g_open (path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      saved_errno = errno;

      if (saved_errno == EACCES || saved_errno == EROFS || saved_errno == EPERM)
        g_set_error (error, SOLACE_ERROR, SOLACE_ERROR_READ_ONLY,
                     _("Could not open “%s” for writing: %s"),
                     path, g_strerror (saved_errno));
      else
        g_set_error (error, SOLACE_ERROR, SOLACE_ERROR_CANT_CREATE,
                     _("Could not create “%s”: %s"),
                     path, g_strerror (saved_errno));
      return FALSE;
    }

  /* A new file is 0600 whatever the umask; an existing one was
   * tightened above. */
  if (!existed)
    fchmod (fd, 0600);
  if (fstat (fd, &st) != 0)
    st.st_mode = 0600;
  close (fd);

  return fix_companion (wal, st.st_mode, error) &&
         fix_companion (shm, st.st_mode, error);
}

static gboolean
exec_locked (SolaceDatabase  *self,
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

static int
read_user_version (SolaceDatabase  *self,
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

/* The numbered migrations of this kind of file. */
static int
latest_version (SolaceDatabase *self)
{
  return self->reminders_only ? (int) G_N_ELEMENTS (reminders_migrations)
                              : (int) G_N_ELEMENTS (migrations);
}

static const char *
migration_sql (SolaceDatabase *self,
               int             index)
{
  return self->reminders_only ? reminders_migrations[index] : migrations[index];
}

/* For the crash tests: dies at once at the named step, as a kill would. */
static void
maybe_die_at (const char *step)
{
  if (g_strcmp0 (g_getenv ("SOLACE_DATABASE_KILL_AT"), step) == 0)
    raise (SIGKILL);
}

static gboolean
step_locked (SolaceDatabase  *self,
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

/* Whether @table is in the schema @schema of this connection. */
static gboolean
has_table (SolaceDatabase  *self,
           const char      *schema,
           const char      *table,
           gboolean        *has,
           GError         **error)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM %s.sqlite_schema WHERE type = 'table' AND name = ?1",
                                          schema);
  g_autoptr(sqlite3_stmt) stmt = solace_database_prepare (self, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, table, -1, SQLITE_STATIC);
  if (!step_locked (self, stmt, _("Reading the schema"), error))
    return FALSE;
  *has = sqlite3_column_int (stmt, 0) > 0;

  return TRUE;
}

/* The copy of the reminders from the schema @from (a journal of schema
 * 6 or older) to @to (reminders.db).  Schema names are this file's own
 * constants, never data.  The first copy makes the journal's rows the
 * ones that count (over the built-in defaults reminders.db was made
 * with); once reminder_meta says a copy was made, a later one only adds
 * what is missing, so it never undoes what the reminder service
 * recorded since.  Firings follow their reminder by key: the ids of the
 * two files need not agree. */
static char *
copy_reminders_sql (const char *from,
                    const char *to,
                    gboolean    overwrite)
{
  const char *on_reminder = overwrite
    ? "DO UPDATE SET kind = excluded.kind, enabled = excluded.enabled, rrule = excluded.rrule,"
      " dtstart = excluded.dtstart, last_due = excluded.last_due,"
      " snoozed_until = excluded.snoozed_until, updated_at = excluded.updated_at"
    : "DO NOTHING";
  const char *on_setting = overwrite ? "DO UPDATE SET value = excluded.value" : "DO NOTHING";

  return g_strdup_printf ("INSERT INTO %2$s.reminder (key, kind, enabled, rrule, dtstart, last_due, snoozed_until, updated_at)"
                          " SELECT key, kind, enabled, rrule, dtstart, last_due, snoozed_until, updated_at"
                          " FROM %1$s.reminder WHERE true ORDER BY id"
                          " ON CONFLICT (key) %3$s;"
                          "INSERT INTO %2$s.reminder_firing (reminder_id, due_at, fired_at, outcome)"
                          " SELECT r.id, f.due_at, f.fired_at, f.outcome FROM %1$s.reminder_firing f"
                          " JOIN %1$s.reminder m ON m.id = f.reminder_id JOIN %2$s.reminder r ON r.key = m.key"
                          " WHERE true ORDER BY f.id"
                          " ON CONFLICT (reminder_id, due_at) DO NOTHING;"
                          "INSERT INTO %2$s.reminder_setting (name, value)"
                          " SELECT name, value FROM %1$s.preference WHERE name IN " REMINDER_SETTING_NAMES
                          " ON CONFLICT (name) %4$s;"
                          "INSERT OR IGNORE INTO %2$s.reminder_meta (name, value)"
                          " VALUES ('moved-at', CAST (strftime ('%%s', 'now') AS INTEGER));",
                          from, to, on_reminder, on_setting);
}

/* Copies the reminders of the journal schema @from into reminders.db
 * (the schema @to), in one transaction of their own: committed, or not
 * at all.  Nothing happens when @from has no reminder table (any more).
 * With @fresh, reminders.db is emptied first: it belonged to a journal
 * that is gone. */
static gboolean
copy_reminders (SolaceDatabase  *self,
                const char      *from,
                const char      *to,
                gboolean         fresh,
                GError         **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *moved_sql = g_strdup_printf ("SELECT count(*) FROM %s.reminder_meta WHERE name = 'moved-at'", to);
  g_autofree char *copy_sql = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gboolean has = FALSE;
  gboolean moved;

  if (!solace_database_begin (self, error))
    return FALSE;

  if (!has_table (self, from, "reminder", &has, &local_error))
    goto fail;
  if (!has)
    {
      /* Moved already (by another process, or long ago): noted, so
       * that the journal is not looked at for this again. */
      g_autofree char *note = g_strdup_printf ("INSERT OR IGNORE INTO %s.reminder_meta (name, value)"
                                               " VALUES ('moved-at', CAST (strftime ('%%s', 'now') AS INTEGER))",
                                               to);

      if (!exec_locked (self, note, &local_error) ||
          !solace_database_commit (self, &local_error))
        goto fail;
      return TRUE;
    }

  if (fresh)
    {
      g_autofree char *clear = g_strdup_printf ("DELETE FROM %1$s.reminder; DELETE FROM %1$s.reminder_setting;"
                                                "DELETE FROM %1$s.reminder_meta;", to);

      if (!exec_locked (self, clear, &local_error))
        goto fail;
    }

  stmt = solace_database_prepare (self, moved_sql, &local_error);
  if (stmt == NULL || !step_locked (self, stmt, _("Moving the reminders"), &local_error))
    goto fail;
  moved = sqlite3_column_int (stmt, 0) > 0;
  g_clear_pointer (&stmt, sqlite3_finalize);

  copy_sql = copy_reminders_sql (from, to, !moved);
  if (!exec_locked (self, copy_sql, &local_error))
    goto fail;

  maybe_die_at ("reminders-copy");

  if (!solace_database_commit (self, &local_error))
    goto fail;

  maybe_die_at ("reminders-copied");

  return TRUE;

fail:
  solace_database_rollback (self);
  g_propagate_prefixed_error (error, g_steal_pointer (&local_error), _("Moving the reminders: "));
  return FALSE;
}

static gboolean
migrate (SolaceDatabase  *self,
         GError         **error)
{
  int latest = latest_version (self);
  int version;
  gboolean fresh;

  version = read_user_version (self, error);
  if (version < 0)
    return FALSE;

  if (version > latest)
    {
      g_set_error (error, SOLACE_ERROR, SOLACE_ERROR_NEWER_SCHEMA,
                   _("“%s” was written by a newer version of Solace (schema %d; this version knows up to %d)."),
                   self->path, version, latest);
      return FALSE;
    }

  /* A journal made just now: a reminders.db already there is left
   * from one that is gone. */
  fresh = version == 0;

  for (; version < latest; version++)
    {
      g_autofree char *bump = g_strdup_printf ("PRAGMA user_version = %d", version + 1);
      g_autoptr(GError) local_error = NULL;

      int current;

      /* The copy is committed in reminders.db before the migration
       * that drops the journal's own. */
      if (!self->reminders_only && version + 1 == MOVE_REMINDERS_VERSION &&
          !copy_reminders (self, "main", "reminders", fresh, error))
        return FALSE;

      if (!solace_database_begin (self, error))
        return FALSE;

      /* Another process (the reminder service and the window start
       * together at login) may have migrated while this one waited for
       * the lock: look again now that it is held.  The schema is read
       * afresh too: with one from before, a name the journal has just
       * been given would be looked for in reminders.db instead. */
      if (!exec_locked (self, "SELECT count(*) FROM main.sqlite_schema", &local_error))
        current = -1;
      else
        current = read_user_version (self, &local_error);
      if (current < 0)
        {
          solace_database_rollback (self);
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      if (current > latest)
        {
          solace_database_rollback (self);
          g_set_error (error, SOLACE_ERROR, SOLACE_ERROR_NEWER_SCHEMA,
                       _("“%s” was written by a newer version of Solace (schema %d; this version knows up to %d)."),
                       self->path, current, latest);
          return FALSE;
        }
      if (current > version)
        {
          solace_database_rollback (self);
          version = current - 1;
          continue;
        }

      if (!exec_locked (self, migration_sql (self, version), &local_error) ||
          !exec_locked (self, bump, &local_error) ||
          !solace_database_commit (self, &local_error))
        {
          solace_database_rollback (self);
          g_propagate_prefixed_error (error, g_steal_pointer (&local_error),
                                      _("Migration %d: "), version + 1);
          return FALSE;
        }

      g_debug ("Migrated %s to schema %d", self->reminders_only ? "reminders.db" : "the database",
               version + 1);
    }

  return TRUE;
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
      tighten_files (path);
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
      if (step_locked (self, stmt, _("Opening the reminders"), &local_error))
        {
          /* ATTACH is lazy: the first read says whether it can be read. */
          check = solace_database_prepare (self, "PRAGMA reminders.user_version", &local_error);
          if (check != NULL && step_locked (self, check, _("Opening the reminders"), &local_error))
            version = sqlite3_column_int (check, 0);
          g_clear_pointer (&check, sqlite3_finalize);
          if (version >= 0)
            break;
          exec_locked (self, "DETACH DATABASE reminders", NULL);
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
  if (version != (int) G_N_ELEMENTS (reminders_migrations))
    {
      exec_locked (self, "DETACH DATABASE reminders", NULL);
      return TRUE;
    }

  self->reminders_attached = TRUE;

  return self->read_only || exec_locked (self, "PRAGMA reminders.synchronous = FULL", error);
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
  if (stmt == NULL || !step_locked (self, stmt, _("Reading the reminders"), error))
    return FALSE;
  if (sqlite3_column_int (stmt, 0) > 0 &&
      !exec_locked (self,
                    "UPDATE reminders.reminder AS r SET active = " REMINDER_ACTIVE_SQL ("r")
                    " WHERE active IS NOT " REMINDER_ACTIVE_SQL ("r"),
                    error))
    return FALSE;

  return exec_locked (self,
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

static gboolean
configure_connection (SolaceDatabase  *self,
                      GError         **error)
{
  int latest = latest_version (self);
  int version;

  sqlite3_busy_timeout (self->db, 5000);
  sqlite3_extended_result_codes (self->db, TRUE);

  if (!exec_locked (self, "PRAGMA foreign_keys = ON", error))
    return FALSE;

  /* The first real read: this is where a file that is not a database,
   * or a damaged header, shows itself. */
  version = read_user_version (self, error);
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
  if (!exec_locked (self, "PRAGMA journal_mode = WAL", error) ||
      !exec_locked (self, "PRAGMA synchronous = FULL", error))
    return FALSE;

  if (self->reminders_only)
    return migrate (self, error);

  return attach_reminders (self, error) &&
         migrate (self, error) &&
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

int
solace_database_get_latest_version (void)
{
  return G_N_ELEMENTS (migrations);
}

int
solace_database_get_latest_reminders_version (void)
{
  return G_N_ELEMENTS (reminders_migrations);
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
      tighten_files (path);
      open_flags |= SQLITE_OPEN_READONLY;
    }
  else
    {
      if (!prepare_file (path, error))
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
      (sealed && self->read_only && !exec_locked (self, "PRAGMA temp_store = MEMORY", &local_error)) ||
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

/**
 * solace_database_adopt_reminders:
 * @self: reminders.db, open for writing
 * @journal_path: the journal beside it
 *
 * For the reminder service, the first time it runs after an update:
 * a journal that still holds its own reminders (schema 6 or older, so
 * never encrypted) has them copied here, as the journal's migration 7
 * will when the window next opens it.  Once reminders.db notes a copy,
 * the journal is not even looked at again; nor is one that is not a
 * plain database.  The journal is attached read-only for the copy and
 * detached before this returns.
 */
gboolean
solace_database_adopt_reminders (SolaceDatabase  *self,
                                 const char      *journal_path,
                                 GError         **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *base = NULL;
  g_autofree char *uri = NULL;
  gboolean ok;

  g_return_val_if_fail (SOLACE_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (self->reminders_only, FALSE);
  g_return_val_if_fail (journal_path != NULL, FALSE);

  if (self->read_only)
    return TRUE;

  solace_database_lock (self);

  stmt = solace_database_prepare (self, "SELECT count(*) FROM main.reminder_meta WHERE name = 'moved-at'", error);
  ok = stmt != NULL && step_locked (self, stmt, _("Reading the reminders"), error);
  if (!ok || sqlite3_column_int (stmt, 0) > 0 ||
      solace_crypt_vfs_probe_file (journal_path, NULL) != SOLACE_CRYPT_FILE_PLAIN)
    goto out;
  g_clear_pointer (&stmt, sqlite3_finalize);

  base = g_filename_to_uri (journal_path, NULL, error);
  ok = base != NULL;
  if (!ok)
    goto out;
  uri = g_strconcat (base, "?vfs=unix&mode=ro", NULL);
  stmt = solace_database_prepare (self, "ATTACH DATABASE ?1 AS journal", error);
  ok = stmt != NULL;
  if (!ok)
    goto out;
  sqlite3_bind_text (stmt, 1, uri, -1, SQLITE_TRANSIENT);
  ok = step_locked (self, stmt, _("Reading the journal’s reminders"), error);
  g_clear_pointer (&stmt, sqlite3_finalize);
  if (ok)
    {
      ok = copy_reminders (self, "journal", "main", FALSE, error);
      exec_locked (self, "DETACH DATABASE journal", NULL);
    }

out:
  solace_database_unlock (self);

  return ok;
}

int
solace_database_get_version (SolaceDatabase *self)
{
  int version;

  g_return_val_if_fail (SOLACE_IS_DATABASE (self), -1);

  solace_database_lock (self);
  version = read_user_version (self, NULL);
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
  ret = exec_locked (self, sql, error);
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
  return exec_locked (self, "BEGIN IMMEDIATE", error);
}

gboolean
solace_database_commit (SolaceDatabase  *self,
                        GError         **error)
{
  g_return_val_if_fail (SOLACE_IS_DATABASE (self), FALSE);

  return exec_locked (self, "COMMIT", error);
}

void
solace_database_rollback (SolaceDatabase *self)
{
  g_return_if_fail (SOLACE_IS_DATABASE (self));

  if (!sqlite3_get_autocommit (self->db))
    exec_locked (self, "ROLLBACK", NULL);
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
