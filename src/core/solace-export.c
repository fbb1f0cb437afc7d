/* solace-export.c — the whole database as one JSON document, and back;
 * the journal as Markdown
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One table describes the document (docs/export-format.md says the same
 * in words): for each kind of record, its key in the document, its table
 * and each field with its type and limits.  Export and import both read
 * it, so the two cannot drift apart.
 *
 * Export: SQLite's json_object() makes each record, in id order, one
 * record a line, all in one read transaction.
 *
 * Import: the raw bytes are checked first (size, UTF-8, JSON syntax and
 * nesting, each with its byte offset), then the header, then json_tree()
 * walks the document once, in order, on a private in-memory connection.
 * Each record is checked as it completes and written at once, inside one
 * write transaction on the real database; anything wrong rolls it all
 * back, and a refused file changes nothing.  SQLite holds the parsed
 * document in memory (some 35 bytes a value), which is why the number
 * of values is capped as well as the size.  Messages name the problem and its place in the
 * document ("$.journal[3].mood"), never what the person wrote.
 */
#define G_LOG_DOMAIN "solace-export"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "solace-error.h"
#include "solace-export.h"
#include "solace-file.h"
#include "solace-incidents.h"
#include "solace-journal-entry.h"
#include "solace-limits.h"
#include "solace-progress.h"
#include "solace-reminders.h"
#include "solace-schedule.h"

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3, sqlite3_close)

/* Times are Unix seconds from year 1 to 9999: what GDateTime can show. */
#define MIN_TIME G_GINT64_CONSTANT (-62135596800)
#define MAX_TIME G_GINT64_CONSTANT (253402300799)

#define MAX_ID_BYTES      64
#define MAX_KEY_BYTES     128
#define MAX_FIRINGS       1000000
#define MAX_FIELDS        16
#define MAX_ITEM_FIELDS   4
/* ROOT, TABLE, ROW, LIST, ITEM */
#define MAX_NODES         5

/* ---- What the document holds ----------------------------------------- */

typedef enum
{
  FIELD_TEXT,     /* a string of at most max characters (CHARS, always: see solace-limits.h) */
  FIELD_ID,       /* a uuid or key: 1 to max bytes of [A-Za-z0-9._:-] */
  FIELD_ENUM,     /* one of values */
  FIELD_INT,      /* a whole number from min to max */
  FIELD_TIME,     /* Unix seconds, MIN_TIME to MAX_TIME */
  FIELD_BOOL,     /* true or false, stored as 1 or 0 */
  FIELD_DAY,      /* "YYYY-MM-DD" */
  FIELD_LOCAL,    /* a floating local date-time, "YYYYMMDDTHHMMSS" */
  FIELD_HASH,     /* 64 lowercase hex digits ("" too with EMPTY_OK) */
  FIELD_KEYS,     /* an array of distinct keys from keys () */
  FIELD_TAGS,     /* an array of distinct texts of 1 to SOLACE_MAX_TAG_CHARS characters */
  FIELD_FIRINGS,  /* an array of firing objects */
} FieldType;

enum
{
  REQUIRED  = 1 << 0,  /* must be in every record */
  NULLABLE  = 1 << 1,  /* may be null; missing means null */
  CHARS     = 1 << 2,  /* FIELD_TEXT: max counts characters */
  EMPTY_OK  = 1 << 3,  /* FIELD_HASH: "" is allowed */
  NO_COLUMN = 1 << 4,  /* kept in another table, not a column of this one */
};

typedef struct
{
  const char          *name;       /* in the document, and the column */
  FieldType            type;
  guint                flags;
  gint64               min;
  gint64               max;
  const char * const  *values;     /* FIELD_ENUM */
  const char * const *(*keys) (void); /* FIELD_KEYS */
  const char          *fallback;   /* when missing and not NULLABLE */
  const char          *sql;        /* export: the expression, if not the column */
} Field;

typedef enum
{
  TABLE_JOURNAL,
  TABLE_STRETCHES,
  TABLE_REMINDERS,
  TABLE_PREFERENCES,
  TABLE_BOUNDARIES,
  TABLE_PLAN_STEPS,
  TABLE_INCIDENTS,
  TABLE_CONTACTS,
  TABLE_URGES,
  TABLE_REASONS,
  TABLE_CHECK_INS,
  TABLE_MILESTONES,
  N_TABLES
} TableId;

typedef struct
{
  const char  *key;         /* in the document */
  const char  *name;        /* in the database */
  const Field *fields;
  guint        n_fields;
  const char  *identity;    /* the field that names a record… */
  const char  *identity2;   /* …with this one too, or NULL */
  const char  *natural;     /* MERGE matches on this unique field too, or NULL */
  gboolean     rowid;       /* has an id column */
  gboolean     updated_at;  /* MERGE keeps the newer */
  const char  *order;       /* export order */
  const char  *schema;      /* where its rows are written: "main" unless said */
  const char  *source;      /* where they are read from, if not only there */
} Table;

static const char * const entry_kinds[] = { "reflection", "gratitude", "letter", "reasons", "prompt", NULL };
static const char * const reminder_kinds[] = { "gratitude", "nudge", "check-in", "boundary", "session", "milestone", NULL };
static const char * const firing_outcomes[] = { "shown", "done", "snoozed", NULL };
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

static const Field firing_fields[] = {
  F_TIME ("due_at", REQUIRED),
  F_TIME ("fired_at", REQUIRED),
  F_ENUM ("outcome", 0, firing_outcomes, "shown"),
};
enum { FIRING_DUE_AT, FIRING_FIRED_AT, FIRING_OUTCOME };

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
};
enum {
  INCIDENT_UUID, INCIDENT_HAPPENED_AT, INCIDENT_RECORDED_AT, INCIDENT_CHANNEL, INCIDENT_WHAT,
  INCIDENT_RESPONSE, INCIDENT_BOUNDARY_UUID, INCIDENT_NECESSARY, INCIDENT_CORRECTS_UUID,
  INCIDENT_PREV_HASH, INCIDENT_HASH
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
static const Table tables[N_TABLES] = {
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

/* The reminders and plan steps every new database starts with. */
#define BUILTIN_REMINDER "kind IN ('gratitude', 'check-in', 'nudge')"

/* Where a table's rows are read from. */
static const char *
table_source (const Table *table)
{
  return table->source != NULL ? table->source : table->name;
}

static int
field_index (const Table *table,
             const char  *name)
{
  for (guint i = 0; i < table->n_fields; i++)
    if (g_str_equal (table->fields[i].name, name))
      return i;
  return -1;
}

static gboolean
has_column (const Field *field)
{
  return (field->flags & NO_COLUMN) == 0;
}

/* ---- Small helpers ----------------------------------------------------- */

static gboolean
step_done (SolaceDatabase  *db,
           sqlite3_stmt    *stmt,
           const char      *operation,
           GError         **error)
{
  int rc = sqlite3_step (stmt);

  if (rc == SQLITE_DONE || rc == SQLITE_ROW)
    return TRUE;

  solace_database_set_error (db, error, rc, operation);
  return FALSE;
}

static gboolean
write_file (const char  *path,
            const char  *data,
            gsize        length,
            GError     **error)
{
  /* Written beside the file and renamed over it, so that a crash leaves
   * either the old file or the whole new one; 0600 whatever the umask. */
  return solace_file_write_private (path, data, length, error);
}

/* ---- Export ------------------------------------------------------------- */

static char *
export_sql (const Table *table)
{
  GString *sql = g_string_new ("SELECT json_object (");

  /* Only the names in the table above go into the statement. */
  for (guint i = 0; i < table->n_fields; i++)
    {
      const Field *field = &table->fields[i];

      if (i > 0)
        g_string_append (sql, ", ");
      g_string_append_printf (sql, "'%s', ", field->name);
      if (field->sql != NULL)
        g_string_append (sql, field->sql);
      else if (field->type == FIELD_BOOL)
        g_string_append_printf (sql, "json (iif (t.%s, 'true', 'false'))", field->name);
      else
        g_string_append_printf (sql, "t.%s", field->name);
    }
  g_string_append_printf (sql, ") FROM %s t ORDER BY %s", table_source (table), table->order);

  return g_string_free (sql, FALSE);
}

static gboolean
export_table (SolaceDatabase  *db,
              const Table     *table,
              GString         *out,
              GError         **error)
{
  g_autofree char *sql = export_sql (table);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gboolean first = TRUE;
  int rc;

  stmt = solace_database_prepare (db, sql, error);
  if (stmt == NULL)
    return FALSE;

  g_string_append_printf (out, ",\n\"%s\":[", table->key);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *json = (const char *) sqlite3_column_text (stmt, 0);

      g_string_append (out, first ? "\n" : ",\n");
      g_string_append_len (out, json, sqlite3_column_bytes (stmt, 0));
      first = FALSE;
    }
  g_string_append_c (out, ']');

  if (rc != SQLITE_DONE)
    {
      solace_database_set_error (db, error, rc, _("Exporting"));
      return FALSE;
    }

  return TRUE;
}

char *
solace_export_to_data (SolaceDatabase  *db,
                       gsize           *length,
                       GError         **error)
{
  g_autoptr(GString) out = NULL;
  gboolean ok = TRUE;

  g_return_val_if_fail (SOLACE_IS_DATABASE (db), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* exported_at stays alone on the first line: two exports of the same
   * data differ only there. */
  out = g_string_new (NULL);
  g_string_append_printf (out, "{\"format\":\"%s\",\"version\":%d,\"exported_at\":%" G_GINT64_FORMAT,
                          SOLACE_EXPORT_FORMAT, SOLACE_EXPORT_VERSION,
                          g_get_real_time () / G_USEC_PER_SEC);

  solace_database_lock (db);

  /* One read transaction: every table as of the same moment. */
  if (!solace_database_exec (db, "BEGIN DEFERRED", error))
    {
      solace_database_unlock (db);
      return NULL;
    }

  for (guint i = 0; i < N_TABLES && ok; i++)
    ok = export_table (db, &tables[i], out, error);

  solace_database_rollback (db);
  solace_database_unlock (db);

  if (!ok)
    return NULL;

  g_string_append (out, "\n}\n");

  /* Only a damaged database holds text that is not UTF-8; the export
   * still has to be a document that can be read back. */
  if (!g_utf8_validate_len (out->str, out->len, NULL))
    {
      g_autofree char *valid = g_utf8_make_valid (out->str, out->len);

      g_debug ("Text that was not valid UTF-8 was replaced in the export");
      g_string_assign (out, valid);
    }

  if (length != NULL)
    *length = out->len;

  return g_string_free (g_steal_pointer (&out), FALSE);
}

gboolean
solace_export_to_file (SolaceDatabase  *db,
                       const char      *path,
                       GError         **error)
{
  g_autofree char *data = NULL;
  gsize length = 0;

  g_return_val_if_fail (SOLACE_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  data = solace_export_to_data (db, &length, error);
  if (data == NULL)
    return FALSE;

  return write_file (path, data, length, error);
}

static gboolean
count_rows (SolaceDatabase  *db,
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

gboolean
solace_export_count (SolaceDatabase  *db,
                     guint           *n_records,
                     guint           *n_journal,
                     GError         **error)
{
  g_autoptr(GString) sql = g_string_new ("SELECT 0");
  guint total = 0, journal = 0;

  g_return_val_if_fail (SOLACE_IS_DATABASE (db), FALSE);

  for (guint i = 0; i < N_TABLES; i++)
    g_string_append_printf (sql, " + (SELECT count(*) FROM %s)", table_source (&tables[i]));

  if (!count_rows (db, sql->str, NULL, NULL, &total, error) ||
      !count_rows (db, "SELECT count(*) FROM journal_entry", NULL, NULL, &journal, error))
    return FALSE;

  if (n_records != NULL)
    *n_records = total;
  if (n_journal != NULL)
    *n_journal = journal;

  return TRUE;
}

gboolean
solace_database_has_user_data (SolaceDatabase  *db,
                               GError         **error)
{
  guint count = 0;

  g_return_val_if_fail (SOLACE_IS_DATABASE (db), FALSE);

  if (!count_rows (db,
                   "SELECT EXISTS (SELECT 1 FROM journal_entry) OR EXISTS (SELECT 1 FROM stretch)"
                   " OR EXISTS (SELECT 1 FROM reminder WHERE NOT " BUILTIN_REMINDER
                   "            OR enabled != 0 OR snoozed_until IS NOT NULL)"
                   " OR EXISTS (SELECT 1 FROM reminder_firing) OR EXISTS (SELECT 1 FROM preference)"
                   " OR EXISTS (SELECT 1 FROM reminder_setting)"
                   " OR EXISTS (SELECT 1 FROM boundary)"
                   " OR EXISTS (SELECT 1 FROM plan_step WHERE builtin IS NULL OR title != ''"
                   "            OR notes != '' OR done_on IS NOT NULL)"
                   " OR EXISTS (SELECT 1 FROM incident) OR EXISTS (SELECT 1 FROM contact)"
                   " OR EXISTS (SELECT 1 FROM urge) OR EXISTS (SELECT 1 FROM reason)"
                   " OR EXISTS (SELECT 1 FROM check_in) OR EXISTS (SELECT 1 FROM milestone_seen)",
                   NULL, NULL, &count, error))
    return FALSE;

  return count != 0;
}

/* ---- Import: the raw bytes ---------------------------------------------- */

typedef enum
{
  SCAN_OK,
  SCAN_BAD,        /* not JSON here */
  SCAN_TRUNCATED,  /* the data ends in the middle of the document */
  SCAN_DEEP,       /* nested more deeply than an export ever is */
  SCAN_MANY,       /* more values than an import will hold in memory */
  SCAN_NUL,        /* \u0000 */
  SCAN_SURROGATE,  /* half of a UTF-16 surrogate pair */
  SCAN_NOT_OBJECT, /* a document that is not one object */
} ScanResult;

typedef enum
{
  EXPECT_VALUE,
  EXPECT_VALUE_OR_CLOSE,
  EXPECT_KEY,
  EXPECT_KEY_OR_CLOSE,
  EXPECT_COLON,
  EXPECT_COMMA_OR_CLOSE,
} ScanState;

static int
hex_value (char c)
{
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  return -1;
}

/* Reads the four hex digits after "\u" at @p. */
static ScanResult
scan_u_escape (const char *data,
               gsize       length,
               gsize      *pos,
               guint      *value)
{
  guint v = 0;

  for (guint i = 0; i < 4; i++)
    {
      int digit;

      if (*pos + i >= length)
        {
          *pos = length;
          return SCAN_TRUNCATED;
        }
      digit = hex_value (data[*pos + i]);
      if (digit < 0)
        {
          *pos += i;
          return SCAN_BAD;
        }
      v = v * 16 + digit;
    }

  *pos += 4;
  *value = v;
  return SCAN_OK;
}

/* @pos is on the opening quote; leaves it after the closing one. */
static ScanResult
scan_string (const char *data,
             gsize       length,
             gsize      *pos)
{
  (*pos)++;
  for (;;)
    {
      guchar c;

      if (*pos >= length)
        return SCAN_TRUNCATED;

      c = data[*pos];
      if (c == '"')
        {
          (*pos)++;
          return SCAN_OK;
        }
      if (c < 0x20)
        return SCAN_BAD;
      if (c != '\\')
        {
          (*pos)++;
          continue;
        }

      if (*pos + 1 >= length)
        {
          *pos = length;
          return SCAN_TRUNCATED;
        }
      c = data[*pos + 1];
      if (strchr ("\"\\/bfnrt", c) != NULL && c != '\0')
        {
          *pos += 2;
        }
      else if (c == 'u')
        {
          gsize start = *pos;
          guint value;
          ScanResult r;

          *pos += 2;
          if ((r = scan_u_escape (data, length, pos, &value)) != SCAN_OK)
            return r;
          if (value == 0)
            {
              *pos = start;
              return SCAN_NUL;
            }
          if (value >= 0xdc00 && value <= 0xdfff)
            {
              *pos = start;
              return SCAN_SURROGATE;
            }
          if (value >= 0xd800 && value <= 0xdbff)
            {
              /* Must be followed by its low half. */
              if (*pos + 2 > length)
                {
                  *pos = length;
                  return SCAN_TRUNCATED;
                }
              if (data[*pos] != '\\' || data[*pos + 1] != 'u')
                {
                  *pos = start;
                  return SCAN_SURROGATE;
                }
              *pos += 2;
              if ((r = scan_u_escape (data, length, pos, &value)) != SCAN_OK)
                return r;
              if (value < 0xdc00 || value > 0xdfff)
                {
                  *pos = start;
                  return SCAN_SURROGATE;
                }
            }
        }
      else
        {
          (*pos)++;
          return SCAN_BAD;
        }
    }
}

static ScanResult
scan_digits (const char *data,
             gsize       length,
             gsize      *pos)
{
  if (*pos >= length)
    return SCAN_TRUNCATED;
  if (!g_ascii_isdigit (data[*pos]))
    return SCAN_BAD;
  while (*pos < length && g_ascii_isdigit (data[*pos]))
    (*pos)++;
  return SCAN_OK;
}

static ScanResult
scan_number (const char *data,
             gsize       length,
             gsize      *pos)
{
  ScanResult r;

  if (data[*pos] == '-')
    (*pos)++;
  if (*pos >= length)
    return SCAN_TRUNCATED;

  /* No leading zeros: "0", or a digit 1–9 and more. */
  if (data[*pos] == '0')
    (*pos)++;
  else if ((r = scan_digits (data, length, pos)) != SCAN_OK)
    return r;

  if (*pos < length && data[*pos] == '.')
    {
      (*pos)++;
      if ((r = scan_digits (data, length, pos)) != SCAN_OK)
        return r;
    }

  if (*pos < length && (data[*pos] == 'e' || data[*pos] == 'E'))
    {
      (*pos)++;
      if (*pos < length && (data[*pos] == '+' || data[*pos] == '-'))
        (*pos)++;
      if ((r = scan_digits (data, length, pos)) != SCAN_OK)
        return r;
    }

  return SCAN_OK;
}

static ScanResult
scan_literal (const char *data,
              gsize       length,
              gsize      *pos)
{
  static const char * const literals[] = { "true", "false", "null" };

  for (guint i = 0; i < G_N_ELEMENTS (literals); i++)
    {
      gsize n = strlen (literals[i]);
      gsize have = MIN (n, length - *pos);

      if (memcmp (data + *pos, literals[i], have) != 0)
        continue;
      if (have < n)
        {
          *pos = length;
          return SCAN_TRUNCATED;
        }
      *pos += n;
      return SCAN_OK;
    }

  return SCAN_BAD;
}

/* A strict RFC 8259 reader that only says whether @data is one JSON
 * object, and if not, where it goes wrong and how.  SQLite would read
 * the same documents, but cannot say where it stopped, nor tell a
 * document cut short from one that is wrong. */
static ScanResult
scan_json (const char *data,
           gsize       length,
           gsize      *offset)
{
  char stack[SOLACE_IMPORT_MAX_DEPTH];
  guint depth = 0;
  guint values = 0;
  ScanState state = EXPECT_VALUE;
  gboolean done = FALSE;
  gsize pos = 0;
  ScanResult r = SCAN_OK;

  while (pos < length && strchr (" \t\n\r", data[pos]) != NULL && data[pos] != '\0')
    pos++;
  if (pos < length && data[pos] != '{')
    {
      *offset = pos;
      return SCAN_NOT_OBJECT;
    }

  for (;;)
    {
      char c;

      while (pos < length && strchr (" \t\n\r", data[pos]) != NULL && data[pos] != '\0')
        pos++;

      if (pos >= length)
        {
          *offset = length;
          return done ? SCAN_OK : SCAN_TRUNCATED;
        }

      c = data[pos];

      if (done)
        {
          *offset = pos;
          return SCAN_BAD;
        }

      switch (state)
        {
        case EXPECT_VALUE_OR_CLOSE:
        case EXPECT_KEY_OR_CLOSE:
          if ((state == EXPECT_VALUE_OR_CLOSE && c == ']') ||
              (state == EXPECT_KEY_OR_CLOSE && c == '}'))
            {
              pos++;
              depth--;
              state = EXPECT_COMMA_OR_CLOSE;
              done = depth == 0;
              continue;
            }
          if (state == EXPECT_KEY_OR_CLOSE)
            {
              state = EXPECT_KEY;
              continue;
            }
          G_GNUC_FALLTHROUGH;

        case EXPECT_VALUE:
          if (++values > SOLACE_IMPORT_MAX_VALUES)
            {
              *offset = pos;
              return SCAN_MANY;
            }
          if (c == '{' || c == '[')
            {
              if (depth == G_N_ELEMENTS (stack))
                {
                  *offset = pos;
                  return SCAN_DEEP;
                }
              stack[depth++] = c;
              pos++;
              state = c == '{' ? EXPECT_KEY_OR_CLOSE : EXPECT_VALUE_OR_CLOSE;
              continue;
            }
          if (c == '"')
            r = scan_string (data, length, &pos);
          else if (c == '-' || g_ascii_isdigit (c))
            r = scan_number (data, length, &pos);
          else if (c == 't' || c == 'f' || c == 'n')
            r = scan_literal (data, length, &pos);
          else
            r = SCAN_BAD;
          state = EXPECT_COMMA_OR_CLOSE;
          break;

        case EXPECT_KEY:
          if (c != '"')
            r = SCAN_BAD;
          else
            r = scan_string (data, length, &pos);
          state = EXPECT_COLON;
          break;

        case EXPECT_COLON:
          if (c != ':')
            r = SCAN_BAD;
          else
            pos++;
          state = EXPECT_VALUE;
          break;

        case EXPECT_COMMA_OR_CLOSE:
          if (c == ',')
            state = stack[depth - 1] == '{' ? EXPECT_KEY : EXPECT_VALUE;
          else if ((c == '}' && stack[depth - 1] == '{') || (c == ']' && stack[depth - 1] == '['))
            {
              depth--;
              done = depth == 0;
            }
          else
            r = SCAN_BAD;
          if (r == SCAN_OK)
            pos++;
          break;

        default:
          g_assert_not_reached ();
        }

      if (r != SCAN_OK)
        {
          *offset = MIN (pos, length);
          return r;
        }
    }
}

/* @base: how many bytes came before @data in the file (a byte order mark). */
static gboolean
check_bytes (const char  *data,
             gsize        length,
             gsize        base,
             GError     **error)
{
  const char *end = NULL;
  gsize offset = 0;
  ScanResult result;

  if (length == 0)
    {
      g_set_error (error, SOLACE_ERROR, SOLACE_ERROR_INVALID,
                   _("The file is empty: it is not a Solace export."));
      return FALSE;
    }

  if (!g_utf8_validate_len (data, length, &end))
    {
      gboolean nul = *end == '\0';

      offset = base + (end - data);
      if (nul)
        g_set_error (error, SOLACE_ERROR, SOLACE_ERROR_INVALID,
                     _("The file holds a NUL byte at byte offset %" G_GSIZE_FORMAT
                       ": it is not a Solace export."), offset);
      else
        g_set_error (error, SOLACE_ERROR, SOLACE_ERROR_INVALID,
                     _("The file is not valid UTF-8 text at byte offset %" G_GSIZE_FORMAT
                       ": it is not a Solace export, or it is damaged."), offset);
      return FALSE;
    }

  result = scan_json (data, length, &offset);
  offset += base;

  switch (result)
    {
    case SCAN_OK:
      return TRUE;

    case SCAN_TRUNCATED:
      g_set_error (error, SOLACE_ERROR, SOLACE_ERROR_INVALID,
                   _("The file ends too early, at byte offset %" G_GSIZE_FORMAT
                     ": it is not a whole export, perhaps cut short while it was copied."), offset);
      return FALSE;

    case SCAN_DEEP:
      g_set_error (error, SOLACE_ERROR, SOLACE_ERROR_INVALID,
                   _("The file nests more deeply than a Solace export ever does, at byte offset %"
                     G_GSIZE_FORMAT "."), offset);
      return FALSE;

    case SCAN_MANY:
      g_set_error (error, SOLACE_ERROR, SOLACE_ERROR_INVALID,
                   _("The file holds more than %u values (the last counted at byte offset %" G_GSIZE_FORMAT
                     "), more than Solace can import at once."), (guint) SOLACE_IMPORT_MAX_VALUES, offset);
      return FALSE;

    case SCAN_NUL:
      g_set_error (error, SOLACE_ERROR, SOLACE_ERROR_INVALID,
                   _("The file holds an escaped NUL character (\\u0000) at byte offset %" G_GSIZE_FORMAT
                     ", which no text in Solace can hold."), offset);
      return FALSE;

    case SCAN_SURROGATE:
      g_set_error (error, SOLACE_ERROR, SOLACE_ERROR_INVALID,
                   _("The file holds half of a UTF-16 surrogate pair at byte offset %" G_GSIZE_FORMAT
                     ", which is not a character."), offset);
      return FALSE;

    case SCAN_NOT_OBJECT:
      g_set_error (error, SOLACE_ERROR, SOLACE_ERROR_INVALID,
                   _("The file does not start with a JSON object (byte offset %" G_GSIZE_FORMAT
                     "): it is not a Solace export."), offset);
      return FALSE;

    case SCAN_BAD:
    default:
      g_set_error (error, SOLACE_ERROR, SOLACE_ERROR_INVALID,
                   _("The file is not valid JSON at byte offset %" G_GSIZE_FORMAT
                     ": it is not a Solace export, or it is damaged."), offset);
      return FALSE;
    }
}

/* ---- Import: reading records -------------------------------------------- */

typedef struct
{
  gboolean   present;
  gboolean   is_null;
  gint64     number;
  char      *text;
  gsize      length;
  GPtrArray *strings;   /* FIELD_KEYS, FIELD_TAGS */
  GArray    *firings;   /* FIELD_FIRINGS: Firing */
} Value;

typedef struct
{
  gint64      due_at;
  gint64      fired_at;
  const char *outcome;  /* static */
} Firing;

typedef enum
{
  NODE_ROOT,
  NODE_TABLE,
  NODE_ROW,
  NODE_LIST,
  NODE_ITEM,
} NodeKind;

typedef struct
{
  sqlite3_int64 id;
  NodeKind      kind;
} Node;

/* Where something is in the document: "$.reminders[2].firings[0].due_at". */
typedef struct
{
  const Table *table;
  gint64       row;         /* -1 for the table itself */
  const Field *field;
  gint64       item;        /* -1 for the field itself */
  const Field *item_field;
} Site;

typedef struct
{
  SolaceDatabase     *db;
  SolaceImportMode    mode;
  SolaceImportStats   stats;

  Node                nodes[MAX_NODES];
  guint               depth;
  guint               root_seen;         /* bits: N_TABLES tables, then the three header keys */

  /* The record being read. */
  const Table        *table;
  gint64              row;
  Value               values[MAX_FIELDS];
  const Field        *list;
  gint64              item;
  Value               item_values[MAX_ITEM_FIELDS];
  GHashTable         *item_seen;         /* firings: due_at → index + 1 */

  /* What the file held so far: identity → index + 1, per table. */
  GHashTable         *seen[N_TABLES];
  GHashTable         *seen_natural[N_TABLES];
  gint64              open_stretch;      /* the index of the open one, or -1 */
  char               *prev_hash;         /* the file's last incident's hash */
  gboolean            incidents_added;

  sqlite3_stmt       *insert[N_TABLES];
  sqlite3_stmt       *update[N_TABLES];
  sqlite3_stmt       *find[N_TABLES];
  sqlite3_stmt       *find_natural[N_TABLES];
  sqlite3_stmt       *insert_tag;
  sqlite3_stmt       *clear_tags;
  sqlite3_stmt       *insert_firing;
} Import;

static char *
site_to_string (const Site *site)
{
  GString *out = g_string_new ("$");

  if (site->table != NULL)
    g_string_append_printf (out, ".%s", site->table->key);
  if (site->table != NULL && site->row >= 0)
    g_string_append_printf (out, "[%" G_GINT64_FORMAT "]", site->row);
  if (site->field != NULL)
    g_string_append_printf (out, ".%s", site->field->name);
  if (site->field != NULL && site->item >= 0)
    g_string_append_printf (out, "[%" G_GINT64_FORMAT "]", site->item);
  if (site->item_field != NULL)
    g_string_append_printf (out, ".%s", site->item_field->name);

  return g_string_free (out, FALSE);
}

static gboolean refuse (GError     **error,
                        const Site  *site,
                        const char  *format,
                        ...) G_GNUC_PRINTF (3, 4);

static gboolean
refuse (GError     **error,
        const Site  *site,
        const char  *format,
        ...)
{
  g_autofree char *where = site_to_string (site);
  g_autofree char *what = NULL;
  va_list args;

  va_start (args, format);
  what = g_strdup_vprintf (format, args);
  va_end (args);

  g_set_error (error, SOLACE_ERROR, SOLACE_ERROR_INVALID, "%s: %s", where, what);
  return FALSE;
}

static Site
site_of (Import      *self,
         const Field *field)
{
  Site site = { self->table, self->row, field, -1, NULL };

  return site;
}

static char *
join_values (const char * const *values)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; values[i] != NULL; i++)
    g_string_append_printf (out, "%s“%s”", i > 0 ? ", " : "", values[i]);

  return g_string_free (out, FALSE);
}

/* What a field must be, in words: "a whole number from 1 to 5". */
static char *
describe (const Field *field)
{
  g_autofree char *what = NULL;

  switch (field->type)
    {
    case FIELD_TEXT:
      if (field->flags & CHARS)
        what = g_strdup_printf (_("text of at most %" G_GINT64_FORMAT " characters"), field->max);
      else
        {
          g_autofree char *size = g_format_size_full (field->max, G_FORMAT_SIZE_IEC_UNITS);

          what = g_strdup_printf (_("text of at most %s"), size);
        }
      break;

    case FIELD_ID:
      what = g_strdup_printf (_("an id of 1 to %" G_GINT64_FORMAT " letters, digits, “-”, “_”, “.” or “:”"),
                              field->max);
      break;

    case FIELD_ENUM:
      {
        g_autofree char *values = join_values (field->values);

        what = g_strdup_printf (_("one of %s"), values);
      }
      break;

    case FIELD_INT:
      if (field->min == G_MININT64 && field->max == G_MAXINT64)
        what = g_strdup (_("a whole number from −2⁶³ to 2⁶³ − 1"));
      else
        what = g_strdup_printf (_("a whole number from %" G_GINT64_FORMAT " to %" G_GINT64_FORMAT),
                                field->min, field->max);
      break;

    case FIELD_TIME:
      what = g_strdup (_("a time in whole seconds since 1970 (from the year 1 to 9999)"));
      break;

    case FIELD_BOOL:
      what = g_strdup (_("true or false"));
      break;

    case FIELD_DAY:
      what = g_strdup (_("a day written YYYY-MM-DD"));
      break;

    case FIELD_LOCAL:
      what = g_strdup (_("a date and time written YYYYMMDDTHHMMSS, from 1970 to 2199"));
      break;

    case FIELD_HASH:
      what = g_strdup (field->flags & EMPTY_OK ? _("a SHA-256 hash in lowercase hex, or empty")
                                               : _("a SHA-256 hash in lowercase hex"));
      break;

    case FIELD_KEYS:
      {
        g_autofree char *values = join_values (field->keys ());

        what = g_strdup_printf (_("an array of different keys, each one of %s"), values);
      }
      break;

    case FIELD_TAGS:
      what = g_strdup_printf (_("an array of at most %d different texts of 1 to %d characters"),
                              SOLACE_MAX_TAGS, SOLACE_MAX_TAG_CHARS);
      break;

    case FIELD_FIRINGS:
      what = g_strdup (_("an array of firings"));
      break;

    default:
      g_assert_not_reached ();
    }

  if (field->flags & NULLABLE)
    return g_strdup_printf (_("%s, or null"), what);

  return g_steal_pointer (&what);
}

static gboolean
must_be (GError     **error,
         const Site  *site,
         const Field *field)
{
  g_autofree char *what = describe (field);

  return refuse (error, site, _("must be %s"), what);
}

static gboolean
is_id (const char *text,
       gsize       length,
       gint64      max)
{
  if (length == 0 || (gint64) length > max)
    return FALSE;

  for (gsize i = 0; i < length; i++)
    if (!g_ascii_isalnum (text[i]) && text[i] != '-' && text[i] != '_' && text[i] != '.' && text[i] != ':')
      return FALSE;

  return TRUE;
}

static gboolean
is_local_time (const char *text,
               gsize       length)
{
  guint year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;

  if (length != 15 || text[8] != 'T')
    return FALSE;
  for (guint i = 0; i < 15; i++)
    if (i != 8 && !g_ascii_isdigit (text[i]))
      return FALSE;

  for (guint i = 0; i < 4; i++)
    year = year * 10 + (text[i] - '0');
  month = (text[4] - '0') * 10 + (text[5] - '0');
  day = (text[6] - '0') * 10 + (text[7] - '0');
  hour = (text[9] - '0') * 10 + (text[10] - '0');
  minute = (text[11] - '0') * 10 + (text[12] - '0');
  second = (text[13] - '0') * 10 + (text[14] - '0');

  /* What solace-schedule.c reads. */
  return year >= 1970 && year <= 2199 && g_date_valid_dmy (day, month, year) &&
         hour <= 23 && minute <= 59 && second <= 59;
}

static gboolean
is_hash (const char *text,
         gsize       length,
         gboolean    empty_ok)
{
  if (length == 0)
    return empty_ok;
  if (length != 64)
    return FALSE;
  for (gsize i = 0; i < length; i++)
    if (!g_ascii_isdigit (text[i]) && !(text[i] >= 'a' && text[i] <= 'f'))
      return FALSE;
  return TRUE;
}

/* Checks a string the document holds, as json_tree() gave it. */
static gboolean
check_string (const Site   *site,
              sqlite3_stmt *stmt,
              int           column,
              const char  **text_out,
              gsize        *length_out,
              GError      **error)
{
  const char *text = (const char *) sqlite3_column_text (stmt, column);
  gsize length = sqlite3_column_bytes (stmt, column);

  if (text == NULL)
    text = "";

  /* Caught while scanning already; checked again on what SQLite made of
   * the escapes, which is what would be stored. */
  if (memchr (text, '\0', length) != NULL)
    return refuse (error, site, _("must not hold the character U+0000"));
  if (!g_utf8_validate_len (text, length, NULL))
    return refuse (error, site, _("must be valid Unicode text"));

  *text_out = text;
  *length_out = length;
  return TRUE;
}

static gboolean
read_value (const Field   *field,
            const Site    *site,
            const char    *type,
            sqlite3_stmt  *stmt,
            int            column,
            Value         *value,
            GError       **error)
{
  const char *text;
  gsize length;

  if (g_str_equal (type, "null"))
    {
      if ((field->flags & NULLABLE) == 0)
        return must_be (error, site, field);
      value->present = TRUE;
      value->is_null = TRUE;
      return TRUE;
    }

  switch (field->type)
    {
    case FIELD_INT:
    case FIELD_TIME:
      {
        gint64 min = field->type == FIELD_TIME ? MIN_TIME : field->min;
        gint64 max = field->type == FIELD_TIME ? MAX_TIME : field->max;
        gint64 n;

        /* A number too large for 64 bits comes back as a real. */
        if (!g_str_equal (type, "integer") || sqlite3_column_type (stmt, column) != SQLITE_INTEGER)
          return must_be (error, site, field);
        n = sqlite3_column_int64 (stmt, column);
        if (n < min || n > max)
          return must_be (error, site, field);
        value->number = n;
      }
      break;

    case FIELD_BOOL:
      if (g_str_equal (type, "true"))
        value->number = 1;
      else if (g_str_equal (type, "false"))
        value->number = 0;
      else
        return must_be (error, site, field);
      break;

    case FIELD_TEXT:
    case FIELD_ID:
    case FIELD_ENUM:
    case FIELD_DAY:
    case FIELD_LOCAL:
    case FIELD_HASH:
      {
        gboolean ok;

        if (!g_str_equal (type, "text"))
          return must_be (error, site, field);
        if (!check_string (site, stmt, column, &text, &length, error))
          return FALSE;

        switch (field->type)
          {
          case FIELD_TEXT:
            if (field->flags & CHARS)
              ok = length <= SOLACE_LIMIT_BYTES (field->max) && g_utf8_strlen (text, length) <= field->max;
            else
              ok = (gint64) length <= field->max;
            break;

          case FIELD_ID:
            ok = is_id (text, length, field->max);
            break;

          case FIELD_ENUM:
            ok = g_strv_contains (field->values, text);
            break;

          case FIELD_DAY:
            {
              g_autoptr(GDate) day = solace_day_from_iso (text);

              ok = day != NULL;
            }
            break;

          case FIELD_LOCAL:
            ok = is_local_time (text, length);
            break;

          case FIELD_HASH:
            ok = is_hash (text, length, (field->flags & EMPTY_OK) != 0);
            break;

          case FIELD_INT:
          case FIELD_TIME:
          case FIELD_BOOL:
          case FIELD_KEYS:
          case FIELD_TAGS:
          case FIELD_FIRINGS:
          default:
            g_assert_not_reached ();
          }

        if (!ok)
          return must_be (error, site, field);

        value->text = g_strndup (text, length);
        value->length = length;
      }
      break;

    case FIELD_KEYS:
    case FIELD_TAGS:
    case FIELD_FIRINGS:
    default:
      g_assert_not_reached ();
    }

  value->present = TRUE;
  return TRUE;
}

static void
value_clear (Value *value)
{
  g_clear_pointer (&value->text, g_free);
  g_clear_pointer (&value->strings, g_ptr_array_unref);
  g_clear_pointer (&value->firings, g_array_unref);
  memset (value, 0, sizeof *value);
}

static void
row_clear (Import *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (self->values); i++)
    value_clear (&self->values[i]);
  for (guint i = 0; i < G_N_ELEMENTS (self->item_values); i++)
    value_clear (&self->item_values[i]);
  self->list = NULL;
  self->item = -1;
}

/* Fills in what a record left out, or refuses a missing required field. */
static gboolean
complete (Import       *self,
          const Field  *fields,
          guint         n_fields,
          Value        *values,
          const Site   *where,
          gboolean      item,
          GError      **error)
{
  for (guint i = 0; i < n_fields; i++)
    {
      const Field *field = &fields[i];
      Value *value = &values[i];
      Site site = *where;

      if (value->present)
        continue;

      if (item)
        site.item_field = field;
      else
        site.field = field;

      if (field->flags & REQUIRED)
        return refuse (error, &site, _("is missing, and is required"));

      value->present = TRUE;
      switch (field->type)
        {
        case FIELD_KEYS:
        case FIELD_TAGS:
          value->strings = g_ptr_array_new_with_free_func (g_free);
          break;

        case FIELD_FIRINGS:
          value->firings = g_array_new (FALSE, FALSE, sizeof (Firing));
          break;

        case FIELD_INT:
        case FIELD_TIME:
        case FIELD_BOOL:
          if (field->flags & NULLABLE)
            value->is_null = TRUE;
          else
            value->number = g_ascii_strtoll (field->fallback, NULL, 10);
          break;

        case FIELD_TEXT:
        case FIELD_ID:
        case FIELD_ENUM:
        case FIELD_DAY:
        case FIELD_LOCAL:
        case FIELD_HASH:
        default:
          if ((field->flags & NULLABLE) || field->fallback == NULL)
            value->is_null = TRUE;
          else
            {
              value->text = g_strdup (field->fallback);
              value->length = strlen (value->text);
            }
          break;
        }
    }

  return TRUE;
}

/* ---- Import: writing records -------------------------------------------- */

static sqlite3_stmt *
prepare_cached (Import        *self,
                sqlite3_stmt **slot,
                const char    *sql,
                GError       **error)
{
  if (*slot == NULL)
    *slot = solace_database_prepare (self->db, sql, error);
  else
    {
      sqlite3_reset (*slot);
      sqlite3_clear_bindings (*slot);
    }

  return *slot;
}

static void
bind_value (sqlite3_stmt *stmt,
            int           index,
            const Field  *field,
            const Value  *value)
{
  if (value->is_null)
    {
      sqlite3_bind_null (stmt, index);
      return;
    }

  switch (field->type)
    {
    case FIELD_INT:
    case FIELD_TIME:
    case FIELD_BOOL:
      sqlite3_bind_int64 (stmt, index, value->number);
      break;

    case FIELD_KEYS:
      {
        /* The only list kept in a column: a check-in's feelings. */
        g_autoptr(GString) joined = g_string_new (NULL);

        for (guint i = 0; i < value->strings->len; i++)
          g_string_append_printf (joined, "%s%s", i > 0 ? "," : "",
                                  (const char *) g_ptr_array_index (value->strings, i));
        sqlite3_bind_text (stmt, index, joined->str, joined->len, SQLITE_TRANSIENT);
      }
      break;

    case FIELD_TEXT:
    case FIELD_ID:
    case FIELD_ENUM:
    case FIELD_DAY:
    case FIELD_LOCAL:
    case FIELD_HASH:
    case FIELD_TAGS:
    case FIELD_FIRINGS:
    default:
      sqlite3_bind_text (stmt, index, value->text, value->length, SQLITE_STATIC);
      break;
    }
}

/* Binds every column of the record from ?1 on; returns how many. */
static int
bind_columns (Import       *self,
              sqlite3_stmt *stmt)
{
  int n = 0;

  for (guint i = 0; i < self->table->n_fields; i++)
    if (has_column (&self->table->fields[i]))
      bind_value (stmt, ++n, &self->table->fields[i], &self->values[i]);

  return n;
}

static char *
insert_sql (const Table *table)
{
  g_autoptr(GString) columns = g_string_new (NULL);
  g_autoptr(GString) params = g_string_new (NULL);
  int n = 0;

  for (guint i = 0; i < table->n_fields; i++)
    if (has_column (&table->fields[i]))
      {
        n++;
        g_string_append_printf (columns, "%s%s", n > 1 ? ", " : "", table->fields[i].name);
        g_string_append_printf (params, "%s?%d", n > 1 ? ", " : "", n);
      }

  return g_strdup_printf ("INSERT INTO %s (%s) VALUES (%s)", table->name, columns->str, params->str);
}

static char *
update_sql (const Table *table)
{
  GString *sql = g_string_new (NULL);
  int n = 0;

  g_string_append_printf (sql, "UPDATE %s SET ", table->name);
  for (guint i = 0; i < table->n_fields; i++)
    if (has_column (&table->fields[i]))
      {
        n++;
        g_string_append_printf (sql, "%s%s = ?%d", n > 1 ? ", " : "", table->fields[i].name, n);
      }
  g_string_append_printf (sql, " WHERE id = ?%d", n + 1);

  return g_string_free (sql, FALSE);
}

static gboolean
write_lists (Import        *self,
             sqlite3_int64  id,
             gboolean       replace_tags,
             GError       **error)
{
  for (guint i = 0; i < self->table->n_fields; i++)
    {
      const Field *field = &self->table->fields[i];
      const Value *value = &self->values[i];

      if (has_column (field))
        continue;

      if (field->type == FIELD_KEYS || field->type == FIELD_TAGS)
        {
          gboolean is_emotion = field->type == FIELD_KEYS;

          if (replace_tags && is_emotion)
            {
              if (!prepare_cached (self, &self->clear_tags, "DELETE FROM journal_tag WHERE entry_id = ?1", error))
                return FALSE;
              sqlite3_bind_int64 (self->clear_tags, 1, id);
              if (!step_done (self->db, self->clear_tags, _("Importing tags"), error))
                return FALSE;
            }

          for (guint j = 0; j < value->strings->len; j++)
            {
              const char *name = g_ptr_array_index (value->strings, j);

              if (!prepare_cached (self, &self->insert_tag,
                                   "INSERT INTO journal_tag (entry_id, name, is_emotion, position)"
                                   " VALUES (?1, ?2, ?3, ?4)", error))
                return FALSE;
              sqlite3_bind_int64 (self->insert_tag, 1, id);
              sqlite3_bind_text (self->insert_tag, 2, name, -1, SQLITE_STATIC);
              sqlite3_bind_int (self->insert_tag, 3, is_emotion);
              sqlite3_bind_int (self->insert_tag, 4, j);
              if (!step_done (self->db, self->insert_tag, _("Importing tags"), error))
                return FALSE;
            }
        }
      else if (field->type == FIELD_FIRINGS)
        {
          for (guint j = 0; j < value->firings->len; j++)
            {
              const Firing *firing = &g_array_index (value->firings, Firing, j);

              /* A firing the database has already is the same event. */
              if (!prepare_cached (self, &self->insert_firing,
                                   "INSERT INTO reminder_firing (reminder_id, due_at, fired_at, outcome)"
                                   " VALUES (?1, ?2, ?3, ?4) ON CONFLICT (reminder_id, due_at) DO NOTHING",
                                   error))
                return FALSE;
              sqlite3_bind_int64 (self->insert_firing, 1, id);
              sqlite3_bind_int64 (self->insert_firing, 2, firing->due_at);
              sqlite3_bind_int64 (self->insert_firing, 3, firing->fired_at);
              sqlite3_bind_text (self->insert_firing, 4, firing->outcome, -1, SQLITE_STATIC);
              if (!step_done (self->db, self->insert_firing, _("Importing reminder firings"), error))
                return FALSE;
            }
        }
    }

  return TRUE;
}

static gboolean
insert_row (Import  *self,
            GError **error)
{
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt;

  if (self->insert[self->table - tables] == NULL)
    sql = insert_sql (self->table);
  stmt = prepare_cached (self, &self->insert[self->table - tables], sql, error);
  if (stmt == NULL)
    return FALSE;

  bind_columns (self, stmt);
  if (!step_done (self->db, stmt, _("Importing"), error))
    return FALSE;

  self->stats.added++;

  return write_lists (self, sqlite3_last_insert_rowid (solace_database_get_handle (self->db)), FALSE, error);
}

static gboolean
update_row (Import        *self,
            sqlite3_int64  id,
            GError       **error)
{
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt;
  int n;

  if (self->update[self->table - tables] == NULL)
    sql = update_sql (self->table);
  stmt = prepare_cached (self, &self->update[self->table - tables], sql, error);
  if (stmt == NULL)
    return FALSE;

  n = bind_columns (self, stmt);
  sqlite3_bind_int64 (stmt, n + 1, id);
  if (!step_done (self->db, stmt, _("Importing"), error))
    return FALSE;

  self->stats.updated++;

  return write_lists (self, id, TRUE, error);
}

typedef struct
{
  gboolean       found;
  sqlite3_int64  id;
  gint64         updated_at;
  char          *hash;
} Existing;

/* The record the database already has under this one's identity, or
 * under its other unique field. */
static gboolean
find_existing (Import    *self,
               gboolean   natural,
               Existing  *existing,
               GError   **error)
{
  const Table *table = self->table;
  guint t = table - tables;
  sqlite3_stmt **slot = natural ? &self->find_natural[t] : &self->find[t];
  g_autofree char *sql = NULL;
  int first = field_index (table, natural ? table->natural : table->identity);
  int second = natural || table->identity2 == NULL ? -1 : field_index (table, table->identity2);
  sqlite3_stmt *stmt;
  int rc;

  if (*slot == NULL)
    sql = g_strdup_printf ("SELECT %s, %s, %s FROM %s WHERE %s = ?1%s%s%s",
                           table->rowid ? "id" : "0",
                           table->updated_at ? "updated_at" : "0",
                           t == TABLE_INCIDENTS ? "hash" : "NULL",
                           table_source (table),
                           table->fields[first].name,
                           second >= 0 ? " AND " : "",
                           second >= 0 ? table->fields[second].name : "",
                           second >= 0 ? " = ?2" : "");
  stmt = prepare_cached (self, slot, sql, error);
  if (stmt == NULL)
    return FALSE;

  bind_value (stmt, 1, &table->fields[first], &self->values[first]);
  if (second >= 0)
    bind_value (stmt, 2, &table->fields[second], &self->values[second]);

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      existing->found = TRUE;
      existing->id = sqlite3_column_int64 (stmt, 0);
      existing->updated_at = sqlite3_column_int64 (stmt, 1);
      existing->hash = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
    }
  else if (rc != SQLITE_DONE)
    {
      solace_database_set_error (self->db, error, rc, _("Importing"));
      return FALSE;
    }

  sqlite3_reset (stmt);
  return TRUE;
}

static gboolean
database_has (Import      *self,
              const char  *sql,
              const char  *text,
              gboolean    *has,
              GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = solace_database_prepare (self->db, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  if (text != NULL)
    sqlite3_bind_text (stmt, 1, text, -1, SQLITE_STATIC);

  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      solace_database_set_error (self->db, error, rc, _("Importing"));
      return FALSE;
    }

  *has = rc == SQLITE_ROW;
  return TRUE;
}

static gboolean
merge_row (Import  *self,
           GError **error)
{
  const Table *table = self->table;
  Existing existing = { FALSE, 0, 0, NULL };
  g_autofree char *hash = NULL;
  gboolean ok = TRUE;

  if (!find_existing (self, FALSE, &existing, error))
    return FALSE;
  if (!existing.found && table->natural != NULL &&
      !self->values[field_index (table, table->natural)].is_null &&
      !find_existing (self, TRUE, &existing, error))
    return FALSE;
  hash = existing.hash;

  if (!existing.found)
    {
      if (table == &tables[TABLE_STRETCHES] && self->values[field_index (table, "ended_on")].is_null)
        {
          gboolean has_open;

          /* The database's own counter goes on; the file's open stretch
           * cannot be a second one. */
          if (!database_has (self, "SELECT 1 FROM stretch WHERE ended_on IS NULL", NULL, &has_open, error))
            return FALSE;
          if (has_open)
            {
              self->stats.skipped++;
              return TRUE;
            }
        }

      if (table == &tables[TABLE_INCIDENTS])
        self->incidents_added = TRUE;

      return insert_row (self, error);
    }

  if (table == &tables[TABLE_INCIDENTS] &&
      g_strcmp0 (hash, self->values[INCIDENT_HASH].text) != 0)
    {
      Site site = site_of (self, &table->fields[INCIDENT_UUID]);

      return refuse (error, &site,
                     _("the database has a different incident record with this id; records cannot be "
                       "changed, so the two cannot be merged"));
    }

  if (table->updated_at &&
      self->values[field_index (table, "updated_at")].number > existing.updated_at)
    ok = update_row (self, existing.id, error);
  else
    {
      self->stats.skipped++;
      /* A reminder's firings are history: the file's join the database's. */
      if (table == &tables[TABLE_REMINDERS])
        ok = write_lists (self, existing.id, FALSE, error);
    }

  return ok;
}

/* ---- Import: checking whole records ------------------------------------- */

static char *
identity_of (Import      *self,
             const char  *name,
             const char  *name2)
{
  const Value *first = &self->values[field_index (self->table, name)];

  if (first->is_null)
    return NULL;

  if (name2 != NULL)
    {
      const Value *second = &self->values[field_index (self->table, name2)];

      return g_strdup_printf ("%s\n%" G_GINT64_FORMAT, first->text, second->number);
    }

  return g_strdup (first->text);
}

/* Two records of a kind with the same identity, or the same value in a
 * unique field, are refused naming both. */
static gboolean
check_unique (Import       *self,
              GHashTable  **seen,
              const char   *name,
              const char   *name2,
              GError      **error)
{
  g_autofree char *identity = identity_of (self, name, name2);
  gpointer earlier;

  if (identity == NULL)
    return TRUE;

  if (*seen == NULL)
    *seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  earlier = g_hash_table_lookup (*seen, identity);
  if (earlier != NULL)
    {
      Site site = site_of (self, &self->table->fields[field_index (self->table, name)]);
      Site other = { self->table, GPOINTER_TO_SIZE (earlier) - 1, NULL, -1, NULL };
      g_autofree char *there = site_to_string (&other);

      if (name2 != NULL)
        return refuse (error, &site, _("the same as in %s; each record must be different"), there);
      return refuse (error, &site, _("the same as in %s; each must be different"), there);
    }

  g_hash_table_insert (*seen, g_steal_pointer (&identity), GSIZE_TO_POINTER (self->row + 1));
  return TRUE;
}

static gboolean
check_incident (Import  *self,
                GError **error)
{
  SolaceIncident incident = { 0 };
  const Value *corrects = &self->values[INCIDENT_CORRECTS_UUID];
  const Site row = site_of (self, NULL);

  /* Its own uuid is in the table already: a record cannot correct itself. */
  if (!corrects->is_null &&
      (self->seen[TABLE_INCIDENTS] == NULL ||
       !g_hash_table_contains (self->seen[TABLE_INCIDENTS], corrects->text) ||
       g_str_equal (corrects->text, self->values[INCIDENT_UUID].text)))
    {
      gboolean in_database = FALSE;
      Site site = site_of (self, &self->table->fields[INCIDENT_CORRECTS_UUID]);

      /* A correction follows the record it corrects. */
      if (self->mode == SOLACE_IMPORT_MERGE &&
          !g_str_equal (corrects->text, self->values[INCIDENT_UUID].text) &&
          !database_has (self, "SELECT 1 FROM incident WHERE uuid = ?1", corrects->text, &in_database, error))
        return FALSE;
      if (!in_database)
        return refuse (error, &site, _("must name an incident record that comes before this one"));
    }

  incident.uuid = self->values[INCIDENT_UUID].text;
  incident.happened_at = self->values[INCIDENT_HAPPENED_AT].number;
  incident.recorded_at = self->values[INCIDENT_RECORDED_AT].number;
  if (!solace_channel_from_key (self->values[INCIDENT_CHANNEL].text, &incident.channel))
    incident.channel = SOLACE_N_CHANNELS;
  incident.what = self->values[INCIDENT_WHAT].text;
  incident.response = self->values[INCIDENT_RESPONSE].text;
  incident.boundary_uuid = self->values[INCIDENT_BOUNDARY_UUID].text;
  incident.necessary = self->values[INCIDENT_NECESSARY].number != 0;
  incident.corrects_uuid = corrects->text;
  incident.prev_hash = self->values[INCIDENT_PREV_HASH].text;
  incident.hash = self->values[INCIDENT_HASH].text;

  /* The same test solace_incidents_verify() makes, in the file's order. */
  if (!solace_incident_check_link (&incident, self->prev_hash))
    return refuse (error, &row,
                   _("the incident record’s hash chain is broken here: this record, or the one before it, "
                     "was changed, added or removed after it was written"));

  g_free (self->prev_hash);
  self->prev_hash = g_strdup (incident.hash);
  return TRUE;
}

static gboolean
check_reminder (Import  *self,
                GError **error)
{
  g_autoptr(SolaceSchedule) schedule = NULL;
  g_autoptr(GError) local_error = NULL;
  Site site = site_of (self, &self->table->fields[field_index (self->table, "rrule")]);
  static const char * const times[] = { "last_due", "snoozed_until" };

  /* The store's own check, with its reason (which never repeats the rule). */
  schedule = solace_schedule_new (self->values[site.field - self->table->fields].text,
                                  self->values[field_index (self->table, "dtstart")].text, &local_error);
  if (schedule == NULL)
    return refuse (error, &site, _("must be a repeat rule Solace can follow (daily or weekly, by weekday and time): %s"),
                   local_error->message);

  /* Narrower than other times: the scheduler makes a local date-time
   * from these in whatever zone the computer is in. */
  for (guint i = 0; i < G_N_ELEMENTS (times); i++)
    {
      int index = field_index (self->table, times[i]);
      const Value *value = &self->values[index];
      Site time_site = site_of (self, &self->table->fields[index]);

      if (value->present && !value->is_null &&
          (value->number < SOLACE_SCHEDULE_TIME_MIN || value->number > SOLACE_SCHEDULE_TIME_MAX))
        return refuse (error, &time_site, _("must be a time in whole seconds from 1970 to the end of November 9999"));
    }

  return TRUE;
}

static gboolean
finish_row (Import  *self,
            GError **error)
{
  const Table *table = self->table;
  const Site row = site_of (self, NULL);
  TableId id = table - tables;

  if (!complete (self, table->fields, table->n_fields, self->values, &row, FALSE, error))
    return FALSE;

  if (!check_unique (self, &self->seen[id], table->identity, table->identity2, error))
    return FALSE;
  if (table->natural != NULL &&
      !check_unique (self, &self->seen_natural[id], table->natural, NULL, error))
    return FALSE;

  switch (id)
    {
    case TABLE_STRETCHES:
      if (self->values[field_index (table, "ended_on")].is_null)
        {
          if (self->open_stretch >= 0)
            {
              Site site = site_of (self, &table->fields[field_index (table, "ended_on")]);
              Site other = { table, self->open_stretch, NULL, -1, NULL };
              g_autofree char *there = site_to_string (&other);

              return refuse (error, &site, _("only one stretch can be open (null), and %s is open too"), there);
            }
          self->open_stretch = self->row;
        }
      break;

    case TABLE_REMINDERS:
      if (!check_reminder (self, error))
        return FALSE;
      break;

    case TABLE_INCIDENTS:
      if (!check_incident (self, error))
        return FALSE;
      break;

    case TABLE_JOURNAL:
    case TABLE_PREFERENCES:
    case TABLE_BOUNDARIES:
    case TABLE_PLAN_STEPS:
    case TABLE_CONTACTS:
    case TABLE_URGES:
    case TABLE_REASONS:
    case TABLE_CHECK_INS:
    case TABLE_MILESTONES:
    case N_TABLES:
    default:
      break;
    }

  if (self->mode == SOLACE_IMPORT_REPLACE ? !insert_row (self, error) : !merge_row (self, error))
    {
      /* An SQLite refusal (a constraint) still says where. */
      if (error != NULL && *error != NULL && !g_str_has_prefix ((*error)->message, "$"))
        {
          g_autofree char *where = site_to_string (&row);

          g_prefix_error (error, "%s: ", where);
        }
      return FALSE;
    }

  row_clear (self);
  return TRUE;
}

static gboolean
finish_item (Import  *self,
             GError **error)
{
  Site site = { self->table, self->row, self->list, self->item, NULL };
  Value *values = self->item_values;
  Value *list = &self->values[self->list - self->table->fields];
  Firing firing = { 0, 0, "shown" };
  gint64 *key;
  gpointer earlier;

  if (!complete (self, firing_fields, G_N_ELEMENTS (firing_fields), values, &site, TRUE, error))
    return FALSE;

  firing.due_at = values[FIRING_DUE_AT].number;
  firing.fired_at = values[FIRING_FIRED_AT].number;
  for (guint i = 0; firing_outcomes[i] != NULL; i++)
    if (g_str_equal (firing_outcomes[i], values[FIRING_OUTCOME].text))
      firing.outcome = firing_outcomes[i];

  earlier = g_hash_table_lookup (self->item_seen, &firing.due_at);
  if (earlier != NULL)
    {
      g_autofree char *there = NULL;
      Site other = site;

      other.item = GPOINTER_TO_SIZE (earlier) - 1;
      there = site_to_string (&other);
      site.item_field = &firing_fields[FIRING_DUE_AT];
      return refuse (error, &site, _("the same as in %s; a reminder fires once for each time it is due"), there);
    }

  key = g_new (gint64, 1);
  *key = firing.due_at;
  g_hash_table_insert (self->item_seen, key, GSIZE_TO_POINTER (self->item + 1));
  g_array_append_val (list->firings, firing);

  for (guint i = 0; i < G_N_ELEMENTS (self->item_values); i++)
    value_clear (&self->item_values[i]);

  return TRUE;
}

/* ---- Import: walking the document ---------------------------------------- */

/* A key from the file, said back only when it cannot be anything the
 * person wrote. */
static const char *
printable_key (const char *key)
{
  gsize length = key != NULL ? strlen (key) : 0;

  if (length == 0 || length > 32)
    return NULL;
  for (gsize i = 0; i < length; i++)
    if (!g_ascii_isalnum (key[i]) && key[i] != '_' && key[i] != '-')
      return NULL;

  return key;
}

static gboolean
unknown_key (GError     **error,
             const Site  *site,
             const char  *key)
{
  const char *said = printable_key (key);

  if (said != NULL)
    return refuse (error, site, _("has a field “%s” that version %d of the format does not have"),
                   said, SOLACE_EXPORT_VERSION);
  return refuse (error, site, _("has a field that version %d of the format does not have"),
                 SOLACE_EXPORT_VERSION);
}

static gboolean
push (Import        *self,
      sqlite3_int64  id,
      NodeKind       kind)
{
  g_return_val_if_fail (self->depth < MAX_NODES, FALSE);

  self->nodes[self->depth].id = id;
  self->nodes[self->depth].kind = kind;
  self->depth++;

  return TRUE;
}

static gboolean
pop (Import  *self,
     GError **error)
{
  NodeKind kind = self->nodes[--self->depth].kind;

  switch (kind)
    {
    case NODE_ROW:
      return finish_row (self, error);

    case NODE_ITEM:
      return finish_item (self, error);

    case NODE_LIST:
      g_clear_pointer (&self->item_seen, g_hash_table_unref);
      self->list = NULL;
      return TRUE;

    case NODE_TABLE:
      self->table = NULL;
      return TRUE;

    case NODE_ROOT:
    default:
      return TRUE;
    }
}

static const char * const header_keys[] = { "format", "version", "exported_at" };

static gboolean
take_root_member (Import        *self,
                  sqlite3_int64  id,
                  const char    *key,
                  const char    *type,
                  GError       **error)
{
  Site root = { NULL, -1, NULL, -1, NULL };

  for (guint i = 0; i < G_N_ELEMENTS (header_keys); i++)
    if (g_strcmp0 (key, header_keys[i]) == 0)
      {
        /* Checked before the walk; only a second one is wrong here. */
        if (self->root_seen & (1u << (N_TABLES + i)))
          return refuse (error, &root, _("has “%s” twice"), header_keys[i]);
        self->root_seen |= 1u << (N_TABLES + i);
        return TRUE;
      }

  for (guint i = 0; i < N_TABLES; i++)
    if (g_strcmp0 (key, tables[i].key) == 0)
      {
        Site site = { &tables[i], -1, NULL, -1, NULL };

        if (self->root_seen & (1u << i))
          return refuse (error, &site, _("appears twice"));
        self->root_seen |= 1u << i;
        if (!g_str_equal (type, "array"))
          return refuse (error, &site, _("must be an array"));
        self->table = &tables[i];
        return push (self, id, NODE_TABLE);
      }

  return unknown_key (error, &root, key);
}

static gboolean
take_list_item (Import        *self,
                sqlite3_int64  id,
                gint64         index,
                const char    *type,
                sqlite3_stmt  *stmt,
                GError       **error)
{
  const Field *field = self->list;
  Value *value = &self->values[field - self->table->fields];
  Site site = { self->table, self->row, field, index, NULL };
  const char *text;
  gsize length;

  if (field->type == FIELD_FIRINGS)
    {
      if (!g_str_equal (type, "object"))
        return refuse (error, &site, _("must be an object"));
      if (value->firings->len >= MAX_FIRINGS)
        return refuse (error, &site, _("is one firing too many: a reminder keeps at most %d"), MAX_FIRINGS);
      self->item = index;
      return push (self, id, NODE_ITEM);
    }

  if (!g_str_equal (type, "text"))
    return refuse (error, &site, _("must be text"));
  if (!check_string (&site, stmt, 2, &text, &length, error))
    return FALSE;

  if (field->type == FIELD_KEYS)
    {
      if (!g_strv_contains (field->keys (), text))
        {
          g_autofree char *values = join_values (field->keys ());

          return refuse (error, &site, _("must be one of %s"), values);
        }
    }
  else
    {
      if (length == 0 || length > SOLACE_LIMIT_BYTES (SOLACE_MAX_TAG_CHARS) ||
          g_utf8_strlen (text, length) > SOLACE_MAX_TAG_CHARS)
        return refuse (error, &site, _("must be text of 1 to %d characters"), SOLACE_MAX_TAG_CHARS);
      if (value->strings->len >= SOLACE_MAX_TAGS)
        return refuse (error, &site, _("is one too many: an entry can have at most %d"), SOLACE_MAX_TAGS);
    }

  for (guint i = 0; i < value->strings->len; i++)
    if (g_str_equal (g_ptr_array_index (value->strings, i), text))
      {
        Site other = site;
        g_autofree char *there = NULL;

        other.item = i;
        there = site_to_string (&other);
        return refuse (error, &site, _("the same as in %s; each must be different"), there);
      }

  g_ptr_array_add (value->strings, g_strndup (text, length));
  return TRUE;
}

/* One row of json_tree(): key, type, atom, id, parent. */
static gboolean
take_node (Import        *self,
           sqlite3_stmt  *stmt,
           GError       **error)
{
  const char *type = (const char *) sqlite3_column_text (stmt, 1);
  sqlite3_int64 id = sqlite3_column_int64 (stmt, 3);
  sqlite3_int64 parent = sqlite3_column_int64 (stmt, 4);
  gboolean is_index = sqlite3_column_type (stmt, 0) == SQLITE_INTEGER;
  gint64 index = is_index ? sqlite3_column_int64 (stmt, 0) : -1;
  const char *key = is_index ? NULL : (const char *) sqlite3_column_text (stmt, 0);
  Node *top;

  type = type != NULL ? type : "";

  if (sqlite3_column_type (stmt, 4) == SQLITE_NULL)
    {
      Site root = { NULL, -1, NULL, -1, NULL };

      if (self->depth != 0 || !g_str_equal (type, "object"))
        return refuse (error, &root, _("must be one object"));
      return push (self, id, NODE_ROOT);
    }

  /* json_tree() goes depth first: whatever is not this node's parent is
   * finished. */
  while (self->depth > 0 && self->nodes[self->depth - 1].id != parent)
    if (!pop (self, error))
      return FALSE;
  g_return_val_if_fail (self->depth > 0, FALSE);
  top = &self->nodes[self->depth - 1];

  switch (top->kind)
    {
    case NODE_ROOT:
      return take_root_member (self, id, key, type, error);

    case NODE_TABLE:
      {
        Site site = { self->table, index, NULL, -1, NULL };

        if (!g_str_equal (type, "object"))
          return refuse (error, &site, _("must be an object"));
        self->row = index;
        return push (self, id, NODE_ROW);
      }

    case NODE_ROW:
      {
        int i = key != NULL ? field_index (self->table, key) : -1;
        const Field *field;
        Site site;

        if (i < 0)
          {
            Site row = site_of (self, NULL);

            return unknown_key (error, &row, key);
          }

        field = &self->table->fields[i];
        site = site_of (self, field);
        if (self->values[i].present)
          return refuse (error, &site, _("appears twice in the same record"));

        if (field->type == FIELD_KEYS || field->type == FIELD_TAGS || field->type == FIELD_FIRINGS)
          {
            if (!g_str_equal (type, "array"))
              return must_be (error, &site, field);
            self->values[i].present = TRUE;
            if (field->type == FIELD_FIRINGS)
              {
                self->values[i].firings = g_array_new (FALSE, FALSE, sizeof (Firing));
                self->item_seen = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
              }
            else
              self->values[i].strings = g_ptr_array_new_with_free_func (g_free);
            self->list = field;
            return push (self, id, NODE_LIST);
          }

        return read_value (field, &site, type, stmt, 2, &self->values[i], error);
      }

    case NODE_LIST:
      return take_list_item (self, id, index, type, stmt, error);

    case NODE_ITEM:
      {
        Site site = { self->table, self->row, self->list, self->item, NULL };

        for (guint i = 0; i < G_N_ELEMENTS (firing_fields); i++)
          if (g_strcmp0 (key, firing_fields[i].name) == 0)
            {
              site.item_field = &firing_fields[i];
              if (self->item_values[i].present)
                return refuse (error, &site, _("appears twice in the same firing"));
              return read_value (&firing_fields[i], &site, type, stmt, 2, &self->item_values[i], error);
            }

        return unknown_key (error, &site, key);
      }

    default:
      g_return_val_if_reached (FALSE);
    }
}

/* The format, its version and when it was made, before anything else. */
static gboolean
check_header (sqlite3     *mem,
              const char  *data,
              gsize        length,
              GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  const char *format_type, *version_type, *exported_type;
  Site format = { NULL, -1, &(const Field) { .name = "format" }, -1, NULL };
  Site version = { NULL, -1, &(const Field) { .name = "version" }, -1, NULL };
  Site exported = { NULL, -1, &(const Field) { .name = "exported_at" }, -1, NULL };
  gint64 n;

  if (sqlite3_prepare_v2 (mem,
                          "SELECT json_valid (?1), json_type (?1, '$.format'), json_extract (?1, '$.format'),"
                          "  json_type (?1, '$.version'), json_extract (?1, '$.version'),"
                          "  json_type (?1, '$.exported_at'), json_extract (?1, '$.exported_at')",
                          -1, &stmt, NULL) != SQLITE_OK)
    {
      g_set_error (error, SOLACE_ERROR, SOLACE_ERROR_FAILED, _("Reading the file: %s"), sqlite3_errmsg (mem));
      return FALSE;
    }
  sqlite3_bind_text (stmt, 1, data, length, SQLITE_STATIC);

  if (sqlite3_step (stmt) != SQLITE_ROW || sqlite3_column_int (stmt, 0) != 1)
    {
      g_set_error (error, SOLACE_ERROR, SOLACE_ERROR_INVALID,
                   _("The file is not valid JSON: it is not a Solace export, or it is damaged."));
      return FALSE;
    }

  format_type = (const char *) sqlite3_column_text (stmt, 1);
  version_type = (const char *) sqlite3_column_text (stmt, 3);
  exported_type = (const char *) sqlite3_column_text (stmt, 5);

  if (g_strcmp0 (format_type, "text") != 0 ||
      g_strcmp0 ((const char *) sqlite3_column_text (stmt, 2), SOLACE_EXPORT_FORMAT) != 0)
    return refuse (error, &format, _("must be “%s”: this is not a Solace export"), SOLACE_EXPORT_FORMAT);

  if (g_strcmp0 (version_type, "integer") != 0 || sqlite3_column_type (stmt, 4) != SQLITE_INTEGER)
    return refuse (error, &version, _("must be a whole number"));
  n = sqlite3_column_int64 (stmt, 4);
  if (n > SOLACE_EXPORT_VERSION)
    return refuse (error, &version,
                   _("the file was made by a newer version of Solace (format version %" G_GINT64_FORMAT
                     "; this one reads up to %d). Update Solace to import it."),
                   n, SOLACE_EXPORT_VERSION);
  if (n < 1)
    return refuse (error, &version, _("is not a version of the format; this version of Solace reads 1 to %d"),
                   SOLACE_EXPORT_VERSION);

  if (g_strcmp0 (exported_type, "integer") != 0 || sqlite3_column_type (stmt, 6) != SQLITE_INTEGER ||
      sqlite3_column_int64 (stmt, 6) < MIN_TIME || sqlite3_column_int64 (stmt, 6) > MAX_TIME)
    return refuse (error, &exported, _("must be a time in whole seconds since 1970"));

  return TRUE;
}

static gboolean
walk (Import      *self,
      sqlite3     *mem,
      const char  *data,
      gsize        length,
      GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  if (sqlite3_prepare_v2 (mem, "SELECT key, type, atom, id, parent FROM json_tree (?1)",
                          -1, &stmt, NULL) != SQLITE_OK)
    {
      g_set_error (error, SOLACE_ERROR, SOLACE_ERROR_FAILED, _("Reading the file: %s"), sqlite3_errmsg (mem));
      return FALSE;
    }
  sqlite3_bind_text (stmt, 1, data, length, SQLITE_STATIC);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    if (!take_node (self, stmt, error))
      return FALSE;

  if (rc != SQLITE_DONE)
    {
      g_set_error (error, SOLACE_ERROR, rc == SQLITE_NOMEM ? SOLACE_ERROR_FAILED : SOLACE_ERROR_INVALID,
                   _("Reading the file: %s"), sqlite3_errmsg (mem));
      return FALSE;
    }

  while (self->depth > 0)
    if (!pop (self, error))
      return FALSE;

  for (guint i = 0; i < N_TABLES; i++)
    if ((self->root_seen & (1u << i)) == 0)
      {
        Site site = { &tables[i], -1, NULL, -1, NULL };

        return refuse (error, &site, _("is missing; an export has every kind of record, if only as []"));
      }

  return TRUE;
}

/* REPLACE: every row the person made goes first.  Incident records may
 * not be deleted; the trigger that says so is dropped for this one
 * statement and made again from its own definition, all inside the
 * import's transaction, so that nothing else ever sees the table
 * unguarded and a failed import puts it back as it was. */
static gboolean
clear_all (Import  *self,
           GError **error)
{
  g_autoptr(sqlite3_stmt) trigger = NULL;
  g_autofree char *trigger_sql = NULL;
  int rc;

  /* The built-in reminders and plan steps are kept aside, so that those
   * a file does not have come back as they were (without their history). */
  if (!solace_database_exec (self->db,
                             "DROP TABLE IF EXISTS temp.solace_import_reminder;"
                             "DROP TABLE IF EXISTS temp.solace_import_step;"
                             "CREATE TEMP TABLE solace_import_reminder AS"
                             "  SELECT * FROM reminders.reminder WHERE " BUILTIN_REMINDER ";"
                             "CREATE TEMP TABLE solace_import_step AS"
                             "  SELECT * FROM main.plan_step WHERE builtin IS NOT NULL;",
                             error))
    return FALSE;

  trigger = solace_database_prepare (self->db,
                                     "SELECT sql FROM main.sqlite_schema"
                                     " WHERE type = 'trigger' AND name = 'incident_no_delete'",
                                     error);
  if (trigger == NULL)
    return FALSE;
  rc = sqlite3_step (trigger);
  if (rc == SQLITE_ROW)
    trigger_sql = g_strdup ((const char *) sqlite3_column_text (trigger, 0));
  else if (rc != SQLITE_DONE)
    {
      solace_database_set_error (self->db, error, rc, _("Reading the schema"));
      return FALSE;
    }
  g_clear_pointer (&trigger, sqlite3_finalize);

  if (trigger_sql != NULL && !solace_database_exec (self->db, "DROP TRIGGER main.incident_no_delete", error))
    return FALSE;

  for (guint i = 0; i < N_TABLES; i++)
    {
      g_autofree char *sql = g_strdup_printf ("DELETE FROM %s.%s",
                                              tables[i].schema != NULL ? tables[i].schema : "main",
                                              tables[i].name);
      g_autoptr(sqlite3_stmt) stmt = solace_database_prepare (self->db, sql, error);

      if (stmt == NULL || !step_done (self->db, stmt, _("Removing what was there"), error))
        return FALSE;
      self->stats.removed += sqlite3_changes (solace_database_get_handle (self->db));
    }

  /* The reminders' own preferences go with the rest. */
  {
    g_autoptr(sqlite3_stmt) stmt = solace_database_prepare (self->db, "DELETE FROM reminders.reminder_setting", error);

    if (stmt == NULL || !step_done (self->db, stmt, _("Removing what was there"), error))
      return FALSE;
    self->stats.removed += sqlite3_changes (solace_database_get_handle (self->db));
  }

  if (trigger_sql != NULL)
    {
      const char *tail = NULL;

      /* One statement, and the one that was there. */
      rc = sqlite3_prepare_v2 (solace_database_get_handle (self->db), trigger_sql, -1, &trigger, &tail);
      if (rc != SQLITE_OK || trigger == NULL || (tail != NULL && *tail != '\0') ||
          !g_str_has_prefix (trigger_sql, "CREATE TRIGGER"))
        {
          g_set_error (error, SOLACE_ERROR, SOLACE_ERROR_CORRUPT,
                       _("The incident record’s protection could not be restored; nothing was imported."));
          return FALSE;
        }
      if (!step_done (self->db, trigger, _("Restoring the incident record’s protection"), error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
restore_builtins (Import  *self,
                  GError **error)
{
  return solace_database_exec (self->db,
                               "INSERT INTO reminders.reminder (key, kind, enabled, rrule, dtstart, last_due,"
                               "  snoozed_until, updated_at)"
                               " SELECT key, kind, enabled, rrule, dtstart, last_due, snoozed_until, updated_at"
                               " FROM temp.solace_import_reminder k"
                               " WHERE NOT EXISTS (SELECT 1 FROM reminders.reminder r WHERE r.key = k.key)"
                               " ORDER BY id;"
                               "INSERT INTO main.plan_step (uuid, builtin, title, notes, done_on, position, created_at)"
                               " SELECT uuid, builtin, title, notes, done_on, position, created_at"
                               " FROM temp.solace_import_step k"
                               " WHERE NOT EXISTS (SELECT 1 FROM main.plan_step p"
                               "                   WHERE p.builtin = k.builtin OR p.uuid = k.uuid)"
                               " ORDER BY id;"
                               "DROP TABLE temp.solace_import_reminder;"
                               "DROP TABLE temp.solace_import_step;",
                               error);
}

static gboolean
check_result (Import  *self,
              GError **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  /* MERGE appended the file's new records after the database's: the
   * chain as stored is the one that has to hold. */
  if (self->incidents_added)
    {
      SolaceChainCheck check;
      Site site = { &tables[TABLE_INCIDENTS], -1, NULL, -1, NULL };

      if (!solace_incidents_verify (self->db, &check, error))
        return FALSE;
      if (!check.intact)
        return refuse (error, &site,
                       _("these records do not continue the incident record in this database, so joining "
                         "them would break its hash chain (at record %u). Nothing was imported; to keep the "
                         "file’s record, replace instead of merging."),
                       check.broken_number);
    }

  stmt = solace_database_prepare (self->db, "PRAGMA main.foreign_key_check", error);
  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      Site root = { NULL, -1, NULL, -1, NULL };

      return refuse (error, &root, _("a record in “%s” refers to one that is not there"),
                    (const char *) sqlite3_column_text (stmt, 0));
    }
  if (rc != SQLITE_DONE)
    {
      solace_database_set_error (self->db, error, rc, _("Checking the import"));
      return FALSE;
    }

  return TRUE;
}

static void
import_clear (Import *self)
{
  row_clear (self);
  g_clear_pointer (&self->item_seen, g_hash_table_unref);
  for (guint i = 0; i < N_TABLES; i++)
    {
      g_clear_pointer (&self->seen[i], g_hash_table_unref);
      g_clear_pointer (&self->seen_natural[i], g_hash_table_unref);
      g_clear_pointer (&self->insert[i], sqlite3_finalize);
      g_clear_pointer (&self->update[i], sqlite3_finalize);
      g_clear_pointer (&self->find[i], sqlite3_finalize);
      g_clear_pointer (&self->find_natural[i], sqlite3_finalize);
    }
  g_clear_pointer (&self->insert_tag, sqlite3_finalize);
  g_clear_pointer (&self->clear_tags, sqlite3_finalize);
  g_clear_pointer (&self->insert_firing, sqlite3_finalize);
  g_clear_pointer (&self->prev_hash, g_free);
}

gboolean
solace_import_from_data (SolaceDatabase     *db,
                         const char         *data,
                         gsize               length,
                         SolaceImportMode    mode,
                         SolaceImportStats  *stats,
                         GError            **error)
{
  g_autoptr(sqlite3) mem = NULL;
  Import self = { 0 };
  gsize base = 0;
  gboolean ok = FALSE;

  g_return_val_if_fail (SOLACE_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (data != NULL || length == 0, FALSE);
  g_return_val_if_fail (mode == SOLACE_IMPORT_MERGE || mode == SOLACE_IMPORT_REPLACE, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (length > SOLACE_IMPORT_MAX_BYTES)
    {
      g_set_error (error, SOLACE_ERROR, SOLACE_ERROR_INVALID,
                   _("The file is larger than %d MiB, more than any Solace export; nothing was imported."),
                   SOLACE_IMPORT_MAX_BYTES / (1024 * 1024));
      return FALSE;
    }

  /* A byte order mark, as some editors write, is not part of the JSON. */
  if (length >= 3 && memcmp (data, "\xef\xbb\xbf", 3) == 0)
    {
      data += 3;
      length -= 3;
      base = 3;
    }

  if (!check_bytes (data, length, base, error))
    return FALSE;

  /* The document is read on a connection of its own, in memory. */
  if (sqlite3_open_v2 (":memory:", &mem, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) != SQLITE_OK)
    {
      g_set_error (error, SOLACE_ERROR, SOLACE_ERROR_FAILED, _("Reading the file: %s"),
                   mem != NULL ? sqlite3_errmsg (mem) : sqlite3_errstr (SQLITE_NOMEM));
      return FALSE;
    }

  if (!check_header (mem, data, length, error))
    return FALSE;

  self.db = db;
  self.mode = mode;
  self.open_stretch = -1;
  self.prev_hash = g_strdup ("");
  self.item = -1;

  solace_database_lock (db);

  if (!solace_database_begin (db, error))
    goto out;

  /* Checked at COMMIT, after every record is in, whatever their order. */
  if (!solace_database_exec (db, "PRAGMA defer_foreign_keys = ON", error))
    goto rollback;

  if (mode == SOLACE_IMPORT_REPLACE && !clear_all (&self, error))
    goto rollback;

  if (!walk (&self, mem, data, length, error))
    goto rollback;

  if (mode == SOLACE_IMPORT_REPLACE && !restore_builtins (&self, error))
    goto rollback;

  if (!solace_reminders_adopt_settings (db, error))
    goto rollback;

  if (!check_result (&self, error))
    goto rollback;

  /* Before COMMIT: a prepared statement must not keep the write open. */
  import_clear (&self);

  if (!solace_database_commit (db, error))
    goto rollback;

  ok = TRUE;
  goto out;

rollback:
  import_clear (&self);
  solace_database_rollback (db);

out:
  import_clear (&self);
  solace_database_unlock (db);

  if (ok)
    {
      g_debug ("Imported: %u added, %u updated, %u skipped, %u removed",
               self.stats.added, self.stats.updated, self.stats.skipped, self.stats.removed);
      if (stats != NULL)
        *stats = self.stats;
    }

  return ok;
}

/* Reads at most @max bytes of a regular file; a bigger one is refused
 * without being read. */
static char *
read_capped (const char  *path,
             gsize        max,
             gsize       *length,
             GError     **error)
{
  g_autofree char *data = NULL;
  struct stat st;
  gsize size, have = 0;
  int fd;

  fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);
  if (fd < 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                   _("Could not open “%s”: %s"), path, g_strerror (saved_errno));
      return NULL;
    }

  if (fstat (fd, &st) != 0 || !S_ISREG (st.st_mode))
    {
      close (fd);
      g_set_error (error, SOLACE_ERROR, SOLACE_ERROR_INVALID,
                   _("“%s” is not a file Solace can import."), path);
      return NULL;
    }

  if ((guint64) st.st_size > max)
    {
      close (fd);
      g_set_error (error, SOLACE_ERROR, SOLACE_ERROR_INVALID,
                   _("The file is larger than %" G_GSIZE_FORMAT " MiB, more than any Solace export; "
                     "nothing was imported."), max / (1024 * 1024));
      return NULL;
    }

  /* One byte more than allowed, to notice a file that grew meanwhile. */
  size = st.st_size;
  data = g_malloc (size + 2);
  for (;;)
    {
      gssize n = read (fd, data + have, size + 1 - have);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          int saved_errno = errno;

          close (fd);
          g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                       _("Could not read “%s”: %s"), path, g_strerror (saved_errno));
          return NULL;
        }
      if (n == 0)
        break;
      have += n;
      if (have > size)
        {
          close (fd);
          g_set_error (error, SOLACE_ERROR, SOLACE_ERROR_INVALID,
                       _("“%s” changed while it was being read; nothing was imported."), path);
          return NULL;
        }
    }
  close (fd);

  data[have] = '\0';
  *length = have;
  return g_steal_pointer (&data);
}

gboolean
solace_import_from_file (SolaceDatabase     *db,
                         const char         *path,
                         SolaceImportMode    mode,
                         SolaceImportStats  *stats,
                         GError            **error)
{
  g_autofree char *data = NULL;
  gsize length = 0;

  g_return_val_if_fail (SOLACE_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  data = read_capped (path, SOLACE_IMPORT_MAX_BYTES, &length, error);
  if (data == NULL)
    return FALSE;

  return solace_import_from_data (db, data, length, mode, stats, error);
}

/* ---- The journal as Markdown --------------------------------------------- */

/* ASCII punctuation that CommonMark (or GitHub's tables, strikethrough
 * and HTML) can read as structure anywhere in a line. */
static const char markdown_special[] = "\\`*_[]<>#!|~&";

/* Text on one line, with nothing in it that Markdown would act on. */
static void
append_inline (GString    *out,
               const char *text,
               gssize      length)
{
  const char *end = length < 0 ? text + strlen (text) : text + length;

  for (const char *p = text; p < end; p++)
    {
      if ((guchar) *p < 0x20 || *p == 0x7f)
        {
          g_string_append_c (out, ' ');
          continue;
        }
      if (strchr (markdown_special, *p) != NULL)
        g_string_append_c (out, '\\');
      g_string_append_c (out, *p);
    }
}

static gboolean
is_blank (const char *line)
{
  for (const char *p = line; *p; p++)
    if (!g_ascii_isspace (*p))
      return FALSE;
  return TRUE;
}

/* The person's text, as paragraphs with their own line breaks, none of
 * it able to start a heading, a list, a quote, a rule, a code block or a
 * table, or to end the entry. */
static void
append_body (GString    *out,
             const char *body)
{
  g_auto(GStrv) lines = g_strsplit (body, "\n", -1);
  gboolean in_paragraph = FALSE;

  for (guint i = 0; lines[i] != NULL; i++)
    {
      char *line = lines[i];
      gsize length = strlen (line);
      const char *p = line;
      const char *digits;

      if (length > 0 && line[length - 1] == '\r')
        line[--length] = '\0';

      /* A blank line ends the paragraph; several count as one. */
      if (is_blank (line))
        {
          if (in_paragraph)
            g_string_append (out, "\n\n");
          in_paragraph = FALSE;
          continue;
        }

      /* A backslash at the end of a line keeps the line break. */
      if (in_paragraph)
        g_string_append (out, "\\\n");

      /* Indentation stays, as no-break spaces: spaces would make a code block. */
      for (; *p == ' ' || *p == '\t'; p++)
        g_string_append (out, *p == '\t' ? "\xc2\xa0\xc2\xa0\xc2\xa0\xc2\xa0" : "\xc2\xa0");

      /* What starts a block only at the start of a line: "- ", "+ ",
       * "1. ", "2) ", and "===" under a line. */
      if (*p == '-' || *p == '+' || *p == '=')
        g_string_append_c (out, '\\');
      for (digits = p; g_ascii_isdigit (*digits); digits++)
        ;
      if (digits > p && (*digits == '.' || *digits == ')'))
        {
          g_string_append_len (out, p, digits - p);
          g_string_append_c (out, '\\');
          p = digits;
        }

      append_inline (out, p, -1);
      in_paragraph = TRUE;
    }

  if (in_paragraph)
    g_string_append_c (out, '\n');
}

static char *
format_day (const GDate *day)
{
  g_autoptr(GDateTime) noon = g_date_time_new_local (g_date_get_year (day), g_date_get_month (day),
                                                     g_date_get_day (day), 12, 0, 0);

  if (noon == NULL)
    return solace_day_to_iso (day);

  /* Translators: a day in the Markdown export, "Saturday 28 March 2026". */
  return g_date_time_format (noon, _("%A %-d %B %Y"));
}

static void
append_list (GString    *out,
             const char *label,
             const char *joined,
             gboolean    emotions)
{
  g_auto(GStrv) names = NULL;

  if (joined == NULL || *joined == '\0')
    return;

  names = g_strsplit (joined, "\x1f", -1);
  g_string_append_printf (out, "- %s: ", label);
  for (guint i = 0; names[i] != NULL; i++)
    {
      const char *shown = emotions ? solace_journal_get_emotion_label (names[i]) : NULL;

      if (i > 0)
        g_string_append (out, ", ");
      append_inline (out, shown != NULL ? shown : names[i], -1);
    }
  g_string_append_c (out, '\n');
}

static void
append_entry (GString      *out,
              sqlite3_stmt *stmt)
{
  const char *kind_key = (const char *) sqlite3_column_text (stmt, 0);
  const char *prompt = (const char *) sqlite3_column_text (stmt, 1);
  const char *body = (const char *) sqlite3_column_text (stmt, 2);
  const char *day_text = (const char *) sqlite3_column_text (stmt, 4);
  g_autoptr(GDate) day = solace_day_from_iso (day_text);
  g_autoptr(GDateTime) created = g_date_time_new_from_unix_local (sqlite3_column_int64 (stmt, 5));
  SolaceEntryKind kind;

  /* The day the entry belongs to, and the time it was written. */
  g_string_append (out, "## ");
  if (day != NULL)
    {
      g_autofree char *shown = format_day (day);

      g_string_append (out, shown);
    }
  else
    append_inline (out, day_text != NULL ? day_text : "", -1);
  if (created != NULL)
    {
      g_autofree char *time = g_date_time_format (created, "%H:%M");

      g_string_append_printf (out, ", %s", time);
    }
  g_string_append (out, "\n\n");

  g_string_append_printf (out, "- %s: ", _("Kind"));
  if (solace_entry_kind_from_key (kind_key, &kind))
    append_inline (out, solace_entry_kind_get_label (kind), -1);
  else
    append_inline (out, kind_key != NULL ? kind_key : "", -1);
  g_string_append_c (out, '\n');

  if (sqlite3_column_type (stmt, 3) != SQLITE_NULL)
    {
      int mood = sqlite3_column_int (stmt, 3);
      const char *label = solace_mood_get_label (mood);

      /* Translators: a journal entry's mood, "Low (2 of 5)". */
      g_string_append_printf (out, "- %s: ", _("Mood"));
      if (label != NULL)
        {
          g_autofree char *shown = g_strdup_printf (_("%s (%d of 5)"), label, mood);

          append_inline (out, shown, -1);
        }
      else
        g_string_append_printf (out, "%d", mood);
      g_string_append_c (out, '\n');
    }

  append_list (out, _("Feelings"), (const char *) sqlite3_column_text (stmt, 6), TRUE);
  append_list (out, _("Tags"), (const char *) sqlite3_column_text (stmt, 7), FALSE);

  if (prompt != NULL && *prompt != '\0')
    {
      const char *question = solace_journal_get_prompt_question (prompt);

      g_string_append_printf (out, "- %s: ", _("Prompt"));
      append_inline (out, question != NULL ? question : prompt, -1);
      g_string_append_c (out, '\n');
    }

  if (body != NULL && !is_blank (body))
    {
      g_string_append_c (out, '\n');
      append_body (out, body);
    }

  g_string_append_c (out, '\n');
}

static sqlite3_stmt *
journal_query (SolaceDatabase  *db,
               const char      *columns,
               const GDate     *from,
               const GDate     *until,
               GError         **error)
{
  g_autofree char *sql = NULL;
  g_autofree char *first = from != NULL ? solace_day_to_iso (from) : NULL;
  g_autofree char *last = until != NULL ? solace_day_to_iso (until) : NULL;
  sqlite3_stmt *stmt;

  /* The day an entry belongs to is the local day it was written on,
   * kept with it; oldest first. */
  sql = g_strdup_printf ("SELECT %s FROM journal_entry e"
                         " WHERE (?1 IS NULL OR e.day >= ?1) AND (?2 IS NULL OR e.day <= ?2)"
                         " ORDER BY e.created_at, e.id", columns);
  stmt = solace_database_prepare (db, sql, error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_text (stmt, 1, first, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, last, -1, SQLITE_TRANSIENT);

  return stmt;
}

gboolean
solace_export_count_journal (SolaceDatabase  *db,
                             const GDate     *from,
                             const GDate     *until,
                             guint           *n_entries,
                             GError         **error)
{
  g_return_val_if_fail (SOLACE_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (from == NULL || g_date_valid (from), FALSE);
  g_return_val_if_fail (until == NULL || g_date_valid (until), FALSE);
  g_return_val_if_fail (n_entries != NULL, FALSE);

  return count_rows (db,
                     "SELECT count(*) FROM journal_entry e"
                     " WHERE (?1 IS NULL OR e.day >= ?1) AND (?2 IS NULL OR e.day <= ?2)",
                     from, until, n_entries, error);
}

char *
solace_export_journal_markdown (SolaceDatabase  *db,
                                const GDate     *from,
                                const GDate     *until,
                                GError         **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GString) entries = g_string_new (NULL);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = NULL;
  g_autofree char *first = NULL;
  g_autofree char *last = NULL;
  GString *out;
  guint n = 0;
  int rc;

  g_return_val_if_fail (SOLACE_IS_DATABASE (db), NULL);
  g_return_val_if_fail (from == NULL || g_date_valid (from), NULL);
  g_return_val_if_fail (until == NULL || g_date_valid (until), NULL);

  solace_database_lock (db);
  stmt = journal_query (db,
                        "e.kind, e.prompt, e.body, e.mood, e.day, e.created_at,"
                        " (SELECT group_concat (name, char (31)) FROM (SELECT name FROM journal_tag"
                        "   WHERE entry_id = e.id AND is_emotion = 1 ORDER BY position)),"
                        " (SELECT group_concat (name, char (31)) FROM (SELECT name FROM journal_tag"
                        "   WHERE entry_id = e.id AND is_emotion = 0 ORDER BY position))",
                        from, until, error);
  if (stmt == NULL)
    {
      solace_database_unlock (db);
      return NULL;
    }

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      append_entry (entries, stmt);
      n++;
    }
  g_clear_pointer (&stmt, sqlite3_finalize);
  solace_database_unlock (db);

  if (rc != SQLITE_DONE)
    {
      solace_database_set_error (db, error, rc, _("Exporting the journal"));
      return NULL;
    }

  today = g_date_time_format (now, _("%A %-d %B %Y"));
  first = from != NULL ? format_day (from) : NULL;
  last = until != NULL ? format_day (until) : NULL;

  out = g_string_new (NULL);
  g_string_append_printf (out, "# %s\n\n", _("Journal"));
  if (first != NULL && last != NULL)
    g_string_append_printf (out, _("Entries from %s to %s, oldest first."), first, last);
  else if (first != NULL)
    g_string_append_printf (out, _("Entries from %s on, oldest first."), first);
  else if (last != NULL)
    g_string_append_printf (out, _("Entries up to %s, oldest first."), last);
  else
    g_string_append (out, _("All entries, oldest first."));
  g_string_append (out, "\\\n");
  if (n == 0)
    g_string_append_printf (out, _("There are no entries in this period. Exported from Solace on %s."), today);
  else
    g_string_append_printf (out, ngettext ("%u entry. Exported from Solace on %s.",
                                           "%u entries. Exported from Solace on %s.", n),
                            n, today);
  g_string_append (out, "\n\n");
  g_string_append_len (out, entries->str, entries->len);

  return g_string_free (out, FALSE);
}

gboolean
solace_export_journal_markdown_to_file (SolaceDatabase  *db,
                                        const GDate     *from,
                                        const GDate     *until,
                                        const char      *path,
                                        GError         **error)
{
  g_autofree char *markdown = NULL;

  g_return_val_if_fail (SOLACE_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  markdown = solace_export_journal_markdown (db, from, until, error);
  if (markdown == NULL)
    return FALSE;

  return write_file (path, markdown, strlen (markdown), error);
}
