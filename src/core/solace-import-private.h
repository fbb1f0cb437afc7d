/* solace-import-private.h — what the parts of the import share: the
 * state of one import, and where in the document something is
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   solace-import-scan.c   the raw bytes: size, UTF-8, JSON syntax
 *   solace-import-check.c  each value read and checked, each record
 *                          checked whole; the messages that say where
 *   solace-import-write.c  each record written, or merged with the
 *                          database's; REPLACE's clearing first
 *   solace-import.c        the walk through the document, and
 *                          solace_import_from_data() and _from_file()
 */
#pragma once

#include "solace-export-private.h"

G_BEGIN_DECLS

#define MAX_FIELDS        16
#define MAX_ITEM_FIELDS   5
/* ROOT, TABLE, ROW, LIST, ITEM */
#define MAX_NODES         5

typedef struct
{
  gboolean   present;
  gboolean   is_null;
  gint64     number;
  char      *text;
  gsize      length;
  GPtrArray *strings;   /* FIELD_KEYS, FIELD_TAGS */
  GArray    *firings;   /* FIELD_FIRINGS: Firing */
  GPtrArray *attachments; /* FIELD_ATTACHMENTS: SolaceAttachment, with their bytes */
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

/* solace-import-scan.c: whether @data is one JSON object, refused with
 * the byte offset where it goes wrong.  @base: how many bytes came
 * before @data in the file (a byte order mark). */
gboolean     solace_import_check_bytes      (const char    *data,
                                             gsize          length,
                                             gsize          base,
                                             GError       **error);

/* solace-import-check.c */
char        *solace_import_site_to_string   (const Site    *site);
/* Refuses the file with a message that starts with @site. */
gboolean     solace_import_refuse           (GError       **error,
                                             const Site    *site,
                                             const char    *format,
                                             ...) G_GNUC_PRINTF (3, 4);
/* @field of the record being read. */
Site         solace_import_site_of          (Import        *self,
                                             const Field   *field);
/* “a”, “b”, “c” */
char        *solace_import_join_values      (const char * const *values);
/* Refuses with what @field must be, in words. */
gboolean     solace_import_must_be          (GError       **error,
                                             const Site    *site,
                                             const Field   *field);
gboolean     solace_import_check_string     (const Site    *site,
                                             sqlite3_stmt  *stmt,
                                             int            column,
                                             const char   **text_out,
                                             gsize         *length_out,
                                             GError       **error);
/* One value of the type json_tree() says, from @column of @stmt. */
gboolean     solace_import_read_value       (const Field   *field,
                                             const Site    *site,
                                             const char    *type,
                                             sqlite3_stmt  *stmt,
                                             int            column,
                                             Value         *value,
                                             GError       **error);
void         solace_import_value_clear      (Value         *value);
void         solace_import_row_clear        (Import        *self);
gboolean     solace_import_complete         (Import        *self,
                                             const Field   *fields,
                                             guint          n_fields,
                                             Value         *values,
                                             const Site    *where,
                                             gboolean       item,
                                             GError       **error);
gboolean     solace_import_check_unique     (Import        *self,
                                             GHashTable   **seen,
                                             const char    *name,
                                             const char    *name2,
                                             GError       **error);
gboolean     solace_import_check_incident   (Import        *self,
                                             GError       **error);
gboolean     solace_import_check_reminder   (Import        *self,
                                             GError       **error);

/* solace-import-write.c */
/* Whether @sql (with @text as ?1, unless %NULL) finds a row. */
gboolean     solace_import_database_has     (Import        *self,
                                             const char    *sql,
                                             const char    *text,
                                             gboolean      *has,
                                             GError       **error);
gboolean     solace_import_insert_row       (Import        *self,
                                             GError       **error);
gboolean     solace_import_merge_row        (Import        *self,
                                             GError       **error);
gboolean     solace_import_clear_all        (Import        *self,
                                             GError       **error);
gboolean     solace_import_restore_builtins (Import        *self,
                                             GError       **error);
/* After the walk: what only the whole of it can show. */
gboolean     solace_import_check_result     (Import        *self,
                                             GError       **error);

G_END_DECLS
