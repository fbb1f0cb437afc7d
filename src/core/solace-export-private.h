/* solace-export-private.h — what the parts of the export and the
 * import share: the description of the document
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * For those parts only; the rest of the app uses solace-export.h.
 *
 *   solace-export-format.c    the description (one table: each kind of
 *                             record and its fields), and two helpers
 *   solace-export-json.c      the document written, and counted
 *   solace-export-markdown.c  the journal as Markdown
 *   solace-import*.c          the document read back in
 *                             (solace-import-private.h)
 */
#pragma once

#include "solace-export.h"

G_BEGIN_DECLS

/* Times are Unix seconds from year 1 to 9999: what GDateTime can show. */
#define MIN_TIME G_GINT64_CONSTANT (-62135596800)
#define MAX_TIME G_GINT64_CONSTANT (253402300799)

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
  FIELD_ATTACHMENTS, /* an array of attachment objects: an incident's files */
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

/* Every kind of record the document holds, in its order. */
extern const Table solace_export_tables[N_TABLES];

/* The fields of each of a reminder's firings, and what they can say. */
enum { FIRING_DUE_AT, FIRING_FIRED_AT, FIRING_OUTCOME, N_FIRING_FIELDS };
extern const Field solace_export_firing_fields[N_FIRING_FIELDS];
extern const char * const solace_export_firing_outcomes[];

/* The fields of an incident record, in their order in its table. */
enum {
  INCIDENT_UUID, INCIDENT_HAPPENED_AT, INCIDENT_RECORDED_AT, INCIDENT_CHANNEL, INCIDENT_WHAT,
  INCIDENT_RESPONSE, INCIDENT_BOUNDARY_UUID, INCIDENT_NECESSARY, INCIDENT_CORRECTS_UUID,
  INCIDENT_PREV_HASH, INCIDENT_HASH, INCIDENT_SENDER, INCIDENT_WITNESSES, INCIDENT_REFERENCE,
  INCIDENT_FORM, INCIDENT_ATTACHMENTS, N_INCIDENT_FIELDS
};

/* The fields of each file kept with an incident record.  The bytes
 * are in "data", in base64. */
enum {
  ATTACHMENT_NAME, ATTACHMENT_MEDIA_TYPE, ATTACHMENT_SIZE, ATTACHMENT_SHA256, ATTACHMENT_DATA,
  N_ATTACHMENT_FIELDS
};
extern const Field solace_export_attachment_fields[N_ATTACHMENT_FIELDS];

/* The reminders and plan steps every new database starts with. */
#define BUILTIN_REMINDER "kind IN ('gratitude', 'check-in', 'nudge')"

/* Where a table's rows are read from. */
static inline const char *
table_source (const Table *table)
{
  return table->source != NULL ? table->source : table->name;
}

static inline int
field_index (const Table *table,
             const char  *name)
{
  for (guint i = 0; i < table->n_fields; i++)
    if (g_str_equal (table->fields[i].name, name))
      return i;
  return -1;
}

static inline gboolean
has_column (const Field *field)
{
  return (field->flags & NO_COLUMN) == 0;
}

/* Counts with @sql, which may use ?1 and ?2 for the first and last
 * day (%NULL: an open end). */
gboolean solace_export_count_rows (SolaceDatabase  *db,
                                   const char      *sql,
                                   const GDate     *from,
                                   const GDate     *until,
                                   guint           *count,
                                   GError         **error);
/* Written beside the file and renamed over it, mode 0600. */
gboolean solace_export_write_file (const char      *path,
                                   const char      *data,
                                   gsize            length,
                                   GError         **error);

G_END_DECLS
