/* solace-export-format.c — what the export document holds: each
 * kind of record, its table and its fields
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One table describes the document (docs/export-format.md says the same
 * in words): for each kind of record, its key in the document, its table
 * and each field with its type and limits.  Export and import both read
 * it, so the two cannot drift apart.
 *
 * Here too are the two helpers the export's parts share: counting
 * rows and writing a file.
 */
#define G_LOG_DOMAIN "solace-export"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "solace-check-in.h"
#include "solace-export-private.h"
#include "solace-file.h"
#include "solace-journal-entry.h"
#include "solace-limits.h"
#include "solace-progress.h"

#define MAX_ID_BYTES      64
#define MAX_KEY_BYTES     128

/* ---- What the document holds ----------------------------------------- */

static const char * const entry_kinds[] = { "reflection", "gratitude", "letter", "reasons", "prompt", NULL };
static const char * const reminder_kinds[] = { "gratitude", "nudge", "check-in", "boundary", "session", "milestone", NULL };
const char * const solace_export_firing_outcomes[] = { "shown", "done", "snoozed", NULL };
static const char * const contact_levels[] = { "none", "brief", "other", NULL };
static const char * const builtin_steps[] = {
  "remove-number", "unfollow", "put-away", "avoid-places", "social-break", "tell-friends", NULL
};
static const char * const channels[] = {
  "text", "call", "social", "email", "in-person", "through-others", "other", NULL
};
static const char * const contact_kinds[] = { "person", "therapist", "service", "group", "line", NULL };
static const char * const urge_outcomes[] = { "passed", "reached-out", NULL };

static const char * const *
check_in_emotion_keys (void)
{
  return solace_emotions;
}

#define F_ID(n, fl)            { .name = n, .type = FIELD_ID, .flags = (fl), .max = MAX_ID_BYTES }
#define F_KEY(n, fl)           { .name = n, .type = FIELD_ID, .flags = (fl), .max = MAX_KEY_BYTES }
#define F_TEXT(n, fl, m)       { .name = n, .type = FIELD_TEXT, .flags = (fl), .max = (m), .fallback = "" }
#define F_ENUM(n, fl, v, fb)   { .name = n, .type = FIELD_ENUM, .flags = (fl), .values = (v), .fallback = (fb) }
#define F_INT(n, fl, lo, hi)   { .name = n, .type = FIELD_INT, .flags = (fl), .min = (lo), .max = (hi), .fallback = "0" }
#define F_TIME(n, fl)          { .name = n, .type = FIELD_TIME, .flags = (fl) }
#define F_BOOL(n, fb)          { .name = n, .type = FIELD_BOOL, .fallback = (fb) }
#define F_DAY(n, fl)           { .name = n, .type = FIELD_DAY, .flags = (fl) }
#define F_LOCAL(n, fl)         { .name = n, .type = FIELD_LOCAL, .flags = (fl) }
#define F_HASH(n, fl)          { .name = n, .type = FIELD_HASH, .flags = (fl) }

/* The tags of an entry, in their order. */
#define TAGS_SQL(is_emotion) \
  "json ((SELECT json_group_array (name) FROM (SELECT name FROM journal_tag" \
  " WHERE entry_id = t.id AND is_emotion = " is_emotion " ORDER BY position, name)))"

static const Field journal_fields[] = {
  F_ID ("uuid", REQUIRED),
  F_ENUM ("kind", REQUIRED, entry_kinds, NULL),
  F_TEXT ("prompt", NULLABLE | CHARS, SOLACE_MAX_PROMPT_CHARS),
  F_TEXT ("body", CHARS, SOLACE_MAX_ENTRY_CHARS),
  F_INT ("mood", NULLABLE, 1, 5),
  F_DAY ("day", REQUIRED),
  F_TIME ("created_at", REQUIRED),
  F_TIME ("updated_at", REQUIRED),
  { .name = "emotions", .type = FIELD_KEYS, .flags = NO_COLUMN,
    .keys = solace_journal_get_emotion_keys, .sql = TAGS_SQL ("1") },
  { .name = "tags", .type = FIELD_TAGS, .flags = NO_COLUMN, .sql = TAGS_SQL ("0") },
};

static const Field stretch_fields[] = {
  F_ID ("uuid", REQUIRED),
  F_DAY ("started_on", REQUIRED),
  F_DAY ("ended_on", NULLABLE),
  F_TIME ("created_at", REQUIRED),
};

static const Field reminder_fields[] = {
  F_KEY ("key", REQUIRED),
  F_ENUM ("kind", REQUIRED, reminder_kinds, NULL),
  F_BOOL ("enabled", "0"),
  { .name = "rrule", .type = FIELD_TEXT, .flags = REQUIRED | CHARS, .max = SOLACE_MAX_RRULE_CHARS },
  F_LOCAL ("dtstart", REQUIRED),
  F_TIME ("last_due", REQUIRED),
  F_TIME ("snoozed_until", NULLABLE),
  F_TIME ("updated_at", REQUIRED),
  { .name = "firings", .type = FIELD_FIRINGS, .flags = NO_COLUMN,
    .sql = "json ((SELECT json_group_array (json_object ('due_at', f.due_at, 'fired_at', f.fired_at,"
           " 'outcome', f.outcome)) FROM (SELECT due_at, fired_at, outcome FROM reminder_firing"
           " WHERE reminder_id = t.id ORDER BY due_at) f))" },
};

const Field solace_export_firing_fields[N_FIRING_FIELDS] = {
  F_TIME ("due_at", REQUIRED),
  F_TIME ("fired_at", REQUIRED),
  F_ENUM ("outcome", 0, solace_export_firing_outcomes, "shown"),
};

static const Field preference_fields[] = {
  F_ID ("name", REQUIRED),
  F_INT ("value", REQUIRED, G_MININT64, G_MAXINT64),
};

static const Field boundary_fields[] = {
  F_ID ("uuid", REQUIRED),
  F_TEXT ("title", REQUIRED | CHARS, SOLACE_MAX_BOUNDARY_CHARS),
  F_TEXT ("feeling", CHARS, SOLACE_MAX_BOUNDARY_CHARS),
  F_TEXT ("situation", CHARS, SOLACE_MAX_BOUNDARY_CHARS),
  F_TEXT ("action", CHARS, SOLACE_MAX_BOUNDARY_CHARS),
  F_TEXT ("condition", CHARS, SOLACE_MAX_BOUNDARY_CHARS),
  F_ENUM ("contact_level", 0, contact_levels, "none"),
  F_TEXT ("contact_other", CHARS, SOLACE_MAX_BOUNDARY_CHARS),
  F_TEXT ("consequence", CHARS, SOLACE_MAX_BOUNDARY_CHARS),
  F_BOOL ("active", "1"),
  F_INT ("position", 0, G_MININT64, G_MAXINT64),
  F_TIME ("created_at", REQUIRED),
  F_TIME ("updated_at", REQUIRED),
};

static const Field plan_step_fields[] = {
  F_ID ("uuid", REQUIRED),
  F_ENUM ("builtin", NULLABLE, builtin_steps, NULL),
  F_TEXT ("title", CHARS, SOLACE_MAX_STEP_TITLE_CHARS),
  F_TEXT ("notes", CHARS, SOLACE_MAX_STEP_NOTES_CHARS),
  F_DAY ("done_on", NULLABLE),
  F_INT ("position", 0, G_MININT64, G_MAXINT64),
  F_TIME ("created_at", REQUIRED),
};

static const Field incident_fields[] = {
  F_ID ("uuid", REQUIRED),
  F_TIME ("happened_at", REQUIRED),
  F_TIME ("recorded_at", REQUIRED),
  F_ENUM ("channel", REQUIRED, channels, NULL),
  F_TEXT ("what", REQUIRED | CHARS, SOLACE_MAX_INCIDENT_CHARS),
  F_TEXT ("response", CHARS, SOLACE_MAX_INCIDENT_CHARS),
  F_ID ("boundary_uuid", NULLABLE),
  F_BOOL ("necessary", "0"),
  F_ID ("corrects_uuid", NULLABLE),
  F_HASH ("prev_hash", REQUIRED | EMPTY_OK),
  F_HASH ("hash", REQUIRED),
  /* Since schema 8: missing in older files, which hold form 1 only. */
  F_TEXT ("sender", NULLABLE | CHARS, SOLACE_MAX_INCIDENT_FIELD_CHARS),
  F_TEXT ("witnesses", NULLABLE | CHARS, SOLACE_MAX_INCIDENT_FIELD_CHARS),
  F_TEXT ("reference", NULLABLE | CHARS, SOLACE_MAX_INCIDENT_FIELD_CHARS),
  { .name = "form", .type = FIELD_INT, .min = 1, .max = 2, .fallback = "1" },
  /* The files, in their order, with their bytes in base64
   * (solace_base64 () is the export connection's own function). */
  { .name = "attachments", .type = FIELD_ATTACHMENTS, .flags = NO_COLUMN,
    .sql = "json ((SELECT json_group_array (json_object ('name', a.name, 'media_type', a.media_type,"
           " 'size', a.size, 'sha256', a.sha256, 'data', solace_base64 (a.data)))"
           " FROM (SELECT name, media_type, size, sha256, data FROM incident_attachment"
           " WHERE incident_uuid = t.uuid ORDER BY position) a))" },
};

/* The base64 of SOLACE_MAX_ATTACHMENT_BYTES. */
#define MAX_BASE64_BYTES ((SOLACE_MAX_ATTACHMENT_BYTES + 2) / 3 * 4)

const Field solace_export_attachment_fields[N_ATTACHMENT_FIELDS] = {
  { .name = "name", .type = FIELD_TEXT, .flags = REQUIRED, .max = SOLACE_MAX_ATTACHMENT_NAME_BYTES },
  { .name = "media_type", .type = FIELD_TEXT, .flags = REQUIRED, .max = SOLACE_MAX_ATTACHMENT_NAME_BYTES },
  F_INT ("size", REQUIRED, 0, SOLACE_MAX_ATTACHMENT_BYTES),
  F_HASH ("sha256", REQUIRED),
  { .name = "data", .type = FIELD_TEXT, .flags = REQUIRED, .max = MAX_BASE64_BYTES },
};

static const Field contact_fields[] = {
  F_ID ("uuid", REQUIRED),
  F_ENUM ("kind", REQUIRED, contact_kinds, NULL),
  F_TEXT ("name", REQUIRED | CHARS, SOLACE_MAX_CONTACT_CHARS),
  F_TEXT ("relationship", CHARS, SOLACE_MAX_CONTACT_CHARS),
  F_TEXT ("phone", CHARS, SOLACE_MAX_CONTACT_CHARS),
  F_TEXT ("email", CHARS, SOLACE_MAX_CONTACT_CHARS),
  F_TEXT ("website", CHARS, SOLACE_MAX_CONTACT_CHARS),
  F_TEXT ("notes", CHARS, SOLACE_MAX_CONTACT_CHARS),
  F_INT ("good_for", 0, 0, 7),
  F_BOOL ("online", "0"),
  F_INT ("position", 0, G_MININT64, G_MAXINT64),
  F_TIME ("created_at", REQUIRED),
  F_TIME ("updated_at", REQUIRED),
  F_LOCAL ("next_session", NULLABLE),
  F_INT ("session_remind", NULLABLE, 0, 7 * 24 * 60),
};

static const Field urge_fields[] = {
  F_ID ("uuid", REQUIRED),
  F_TIME ("at", REQUIRED),
  F_DAY ("day", REQUIRED),
  F_INT ("intensity", REQUIRED, 1, 10),
  F_TEXT ("cause", CHARS, SOLACE_MAX_CAUSE_CHARS),
  F_ENUM ("outcome", REQUIRED, urge_outcomes, NULL),
};

static const Field reason_fields[] = {
  F_ID ("uuid", REQUIRED),
  F_TEXT ("text", REQUIRED | CHARS, SOLACE_MAX_REASON_CHARS),
  F_INT ("position", 0, G_MININT64, G_MAXINT64),
  F_TIME ("created_at", REQUIRED),
};

static const Field check_in_fields[] = {
  F_ID ("uuid", REQUIRED),
  F_DAY ("day", REQUIRED),
  F_INT ("mood", REQUIRED, 1, 5),
  /* Kept joined by commas in its column. */
  { .name = "emotions", .type = FIELD_KEYS, .keys = check_in_emotion_keys,
    .sql = "json (CASE t.emotions WHEN '' THEN '[]' ELSE (WITH RECURSIVE split (word, rest) AS"
           " (SELECT NULL, t.emotions || ',' UNION ALL SELECT substr (rest, 1, instr (rest, ',') - 1),"
           " substr (rest, instr (rest, ',') + 1) FROM split WHERE rest != '')"
           " SELECT json_group_array (word) FROM split WHERE word IS NOT NULL) END)" },
  F_INT ("self_care", 0, 0, (1 << SOLACE_N_SELF_CARE) - 1),
  F_INT ("signs", 0, 0, (1 << SOLACE_N_SIGNS) - 1),
  F_TEXT ("note", CHARS, SOLACE_MAX_NOTE_CHARS),
  F_TIME ("created_at", REQUIRED),
  F_TIME ("updated_at", REQUIRED),
};

static const Field milestone_fields[] = {
  F_ID ("stretch_uuid", REQUIRED),
  F_INT ("days", REQUIRED, 1, 100000),
  F_TIME ("seen_at", REQUIRED),
};

#define FIELDS(a) a, G_N_ELEMENTS (a)

/* In the order of the document, which is the order of the migrations. */
const Table solace_export_tables[N_TABLES] = {
  [TABLE_JOURNAL] = { "journal", "journal_entry", FIELDS (journal_fields),
                      "uuid", NULL, NULL, TRUE, TRUE, "t.id" },
  [TABLE_STRETCHES] = { "stretches", "stretch", FIELDS (stretch_fields),
                        "uuid", NULL, NULL, TRUE, FALSE, "t.id" },
  /* The reminders are in reminders.db, attached as "reminders"; so are
   * the preferences that belong to them, which an import writes with the
   * others and solace_reminders_adopt_settings () then moves across. */
  [TABLE_REMINDERS] = { "reminders", "reminder", FIELDS (reminder_fields),
                        "key", NULL, NULL, TRUE, TRUE, "t.id", "reminders" },
  [TABLE_PREFERENCES] = { "preferences", "preference", FIELDS (preference_fields),
                          "name", NULL, NULL, FALSE, FALSE, "t.name", NULL,
                          "(SELECT name, value FROM main.preference"
                          " UNION ALL SELECT name, value FROM reminders.reminder_setting)" },
  [TABLE_BOUNDARIES] = { "boundaries", "boundary", FIELDS (boundary_fields),
                         "uuid", NULL, NULL, TRUE, TRUE, "t.id" },
  [TABLE_PLAN_STEPS] = { "plan_steps", "plan_step", FIELDS (plan_step_fields),
                         "uuid", NULL, "builtin", TRUE, FALSE, "t.id" },
  [TABLE_INCIDENTS] = { "incidents", "incident", FIELDS (incident_fields),
                        "uuid", NULL, NULL, TRUE, FALSE, "t.id" },
  [TABLE_CONTACTS] = { "contacts", "contact", FIELDS (contact_fields),
                       "uuid", NULL, NULL, TRUE, TRUE, "t.id" },
  [TABLE_URGES] = { "urges", "urge", FIELDS (urge_fields),
                    "uuid", NULL, NULL, TRUE, FALSE, "t.id" },
  [TABLE_REASONS] = { "reasons", "reason", FIELDS (reason_fields),
                      "uuid", NULL, NULL, TRUE, FALSE, "t.id" },
  [TABLE_CHECK_INS] = { "check_ins", "check_in", FIELDS (check_in_fields),
                        "uuid", NULL, "day", TRUE, TRUE, "t.id" },
  [TABLE_MILESTONES] = { "milestones_seen", "milestone_seen", FIELDS (milestone_fields),
                         "stretch_uuid", "days", NULL, FALSE, FALSE, "t.stretch_uuid, t.days" },
};

G_STATIC_ASSERT (G_N_ELEMENTS (incident_fields) == N_INCIDENT_FIELDS);

/* ---- Small helpers shared by the parts -------------------------------- */

gboolean
solace_export_write_file (const char  *path,
                          const char  *data,
                          gsize        length,
                          GError     **error)
{
  /* Written beside the file and renamed over it, so that a crash leaves
   * either the old file or the whole new one; 0600 whatever the umask. */
  return solace_file_write_private (path, data, length, error);
}

gboolean
solace_export_count_rows (SolaceDatabase  *db,
                          const char      *sql,
                          const GDate     *from,
                          const GDate     *until,
                          guint           *count,
                          GError         **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gboolean ok = FALSE;

  solace_database_lock (db);
  stmt = solace_database_prepare (db, sql, error);
  if (stmt != NULL)
    {
      g_autofree char *first = from != NULL ? solace_day_to_iso (from) : NULL;
      g_autofree char *last = until != NULL ? solace_day_to_iso (until) : NULL;
      int rc;

      if (sqlite3_bind_parameter_count (stmt) >= 2)
        {
          sqlite3_bind_text (stmt, 1, first, -1, SQLITE_TRANSIENT);
          sqlite3_bind_text (stmt, 2, last, -1, SQLITE_TRANSIENT);
        }
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        {
          *count = (guint) MIN (sqlite3_column_int64 (stmt, 0), G_MAXUINT);
          ok = TRUE;
        }
      else
        solace_database_set_error (db, error, rc, _("Counting the records"));
    }
  g_clear_pointer (&stmt, sqlite3_finalize);
  solace_database_unlock (db);

  return ok;
}

