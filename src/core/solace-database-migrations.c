/* solace-database-migrations.c — the numbered migrations of the
 * journal and of reminders.db, and the copy of the reminders from one
 * to the other
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Opening, the connection and its errors are in solace-database.c.
 */
#define G_LOG_DOMAIN "solace-database"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <signal.h>

#include "solace-crypt-vfs.h"
#include "solace-database.h"
#include "solace-database-private.h"
#include "solace-error.h"

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

  /* 8: an incident's sender, witnesses and reference, and the files
   * kept with it.  "form" is the canonical form its hash is taken over
   * (see solace-incidents.c): the records before this keep form 1 and
   * their hashes.  A file's row is as append-only as its record; its
   * position counts from 0 in the order the files were added. */
  "ALTER TABLE incident ADD COLUMN sender TEXT;"
  "ALTER TABLE incident ADD COLUMN witnesses TEXT;"
  "ALTER TABLE incident ADD COLUMN reference TEXT;"
  "ALTER TABLE incident ADD COLUMN form INTEGER NOT NULL DEFAULT 1;"
  "CREATE TABLE incident_attachment ("
  "  incident_uuid  TEXT    NOT NULL REFERENCES incident (uuid),"
  "  position       INTEGER NOT NULL CHECK (position >= 0),"
  "  name           TEXT    NOT NULL,"
  "  media_type     TEXT    NOT NULL,"
  "  size           INTEGER NOT NULL CHECK (size >= 0),"
  "  sha256         TEXT    NOT NULL,"
  "  data           BLOB    NOT NULL,"
  "  PRIMARY KEY (incident_uuid, position)"
  ");"
  "CREATE TRIGGER incident_attachment_no_update BEFORE UPDATE ON incident_attachment BEGIN"
  "  SELECT RAISE (ABORT, 'incident records are append-only');"
  "END;"
  "CREATE TRIGGER incident_attachment_no_delete BEFORE DELETE ON incident_attachment BEGIN"
  "  SELECT RAISE (ABORT, 'incident records are append-only');"
  "END;",
};

/* The schema of reminders.db, numbered on its own.  Only what the
 * reminder service needs to decide when to remind and what it did:
 * never a title, a statement, a name or anything else the person
 * wrote.  "active" says whether a boundary's reminder has its boundary,
 * not paused, and a session's its contact; the journal's connection
 * keeps it in step (see keep_reminders_in_step () in solace-database.c). */
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

/* The numbered migrations of this kind of file. */
int
solace_database_latest_version_of (SolaceDatabase *self)
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
  if (!solace_database_step_locked (self, stmt, _("Reading the schema"), error))
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

      if (!solace_database_exec_locked (self, note, &local_error) ||
          !solace_database_commit (self, &local_error))
        goto fail;
      return TRUE;
    }

  if (fresh)
    {
      g_autofree char *clear = g_strdup_printf ("DELETE FROM %1$s.reminder; DELETE FROM %1$s.reminder_setting;"
                                                "DELETE FROM %1$s.reminder_meta;", to);

      if (!solace_database_exec_locked (self, clear, &local_error))
        goto fail;
    }

  stmt = solace_database_prepare (self, moved_sql, &local_error);
  if (stmt == NULL || !solace_database_step_locked (self, stmt, _("Moving the reminders"), &local_error))
    goto fail;
  moved = sqlite3_column_int (stmt, 0) > 0;
  g_clear_pointer (&stmt, sqlite3_finalize);

  copy_sql = copy_reminders_sql (from, to, !moved);
  if (!solace_database_exec_locked (self, copy_sql, &local_error))
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

gboolean
solace_database_migrate (SolaceDatabase  *self,
                         GError         **error)
{
  int latest = solace_database_latest_version_of (self);
  int version;
  gboolean fresh;

  version = solace_database_read_user_version (self, error);
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
      if (!solace_database_exec_locked (self, "SELECT count(*) FROM main.sqlite_schema", &local_error))
        current = -1;
      else
        current = solace_database_read_user_version (self, &local_error);
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

      if (!solace_database_exec_locked (self, migration_sql (self, version), &local_error) ||
          !solace_database_exec_locked (self, bump, &local_error) ||
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
  ok = stmt != NULL && solace_database_step_locked (self, stmt, _("Reading the reminders"), error);
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
  ok = solace_database_step_locked (self, stmt, _("Reading the journal’s reminders"), error);
  g_clear_pointer (&stmt, sqlite3_finalize);
  if (ok)
    {
      ok = copy_reminders (self, "journal", "main", FALSE, error);
      solace_database_exec_locked (self, "DETACH DATABASE journal", NULL);
    }

out:
  solace_database_unlock (self);

  return ok;
}
