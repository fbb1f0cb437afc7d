/* solace-import.c — the JSON document read back into the database
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The raw bytes are checked first (size, UTF-8, JSON syntax and
 * nesting, each with its byte offset: solace-import-scan.c), then the
 * header, then json_tree() walks the document once, in order, on a
 * private in-memory connection (here).  Each record is checked as it
 * completes (solace-import-check.c) and written at once
 * (solace-import-write.c), inside one write transaction on the real
 * database; anything wrong rolls it all back, and a refused file
 * changes nothing.  SQLite holds the parsed document in memory (some 35
 * bytes a value), which is why the number of values is capped as well
 * as the size.  Messages name the problem and its place in the document
 * ("$.journal[3].mood"), never what the person wrote.
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
#include "solace-import-private.h"
#include "solace-incidents.h"
#include "solace-limits.h"
#include "solace-reminders.h"

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3, sqlite3_close)

#define MAX_FIRINGS       1000000

G_STATIC_ASSERT (N_INCIDENT_FIELDS <= MAX_FIELDS);

/* ---- Import: finishing records ----------------------------------------- */

static gboolean
finish_row (Import  *self,
            GError **error)
{
  const Table *table = self->table;
  const Site row = solace_import_site_of (self, NULL);
  TableId id = table - solace_export_tables;

  if (!solace_import_complete (self, table->fields, table->n_fields, self->values, &row, FALSE, error))
    return FALSE;

  if (!solace_import_check_unique (self, &self->seen[id], table->identity, table->identity2, error))
    return FALSE;
  if (table->natural != NULL &&
      !solace_import_check_unique (self, &self->seen_natural[id], table->natural, NULL, error))
    return FALSE;

  switch (id)
    {
    case TABLE_STRETCHES:
      if (self->values[field_index (table, "ended_on")].is_null)
        {
          if (self->open_stretch >= 0)
            {
              Site site = solace_import_site_of (self, &table->fields[field_index (table, "ended_on")]);
              Site other = { table, self->open_stretch, NULL, -1, NULL };
              g_autofree char *there = solace_import_site_to_string (&other);

              return solace_import_refuse (error, &site,
                                           _("only one stretch can be open (null), and %s is open too"), there);
            }
          self->open_stretch = self->row;
        }
      break;

    case TABLE_REMINDERS:
      if (!solace_import_check_reminder (self, error))
        return FALSE;
      break;

    case TABLE_INCIDENTS:
      if (!solace_import_check_incident (self, error))
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

  if (self->mode == SOLACE_IMPORT_REPLACE ? !solace_import_insert_row (self, error)
                                          : !solace_import_merge_row (self, error))
    {
      /* An SQLite refusal (a constraint) still says where. */
      if (error != NULL && *error != NULL && !g_str_has_prefix ((*error)->message, "$"))
        {
          g_autofree char *where = solace_import_site_to_string (&row);

          g_prefix_error (error, "%s: ", where);
        }
      return FALSE;
    }

  solace_import_row_clear (self);
  return TRUE;
}

/* The fields of one item of @list: a firing or a file. */
static const Field *
item_fields (const Field *list,
             guint       *n_fields)
{
  if (list->type == FIELD_ATTACHMENTS)
    {
      *n_fields = G_N_ELEMENTS (solace_export_attachment_fields);
      return solace_export_attachment_fields;
    }

  *n_fields = G_N_ELEMENTS (solace_export_firing_fields);
  return solace_export_firing_fields;
}

static void
clear_item (Import *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (self->item_values); i++)
    solace_import_value_clear (&self->item_values[i]);
}

/* A file kept with an incident record: its bytes decoded, and checked
 * against the size and SHA-256 the record's hash covers. */
static gboolean
finish_attachment (Import  *self,
                   GError **error)
{
  Site site = { self->table, self->row, self->list, self->item, NULL };
  Value *values = self->item_values;
  Value *list = &self->values[self->list - self->table->fields];
  g_autoptr(SolaceAttachment) attachment = NULL;
  g_autofree char *sha256 = NULL;
  guchar *data;
  gsize size = 0;

  if (!solace_import_complete (self, solace_export_attachment_fields, N_ATTACHMENT_FIELDS,
                               values, &site, TRUE, error))
    return FALSE;

  /* Its length was checked as it was read: at most the base64 of the
   * largest file, so this allocates no more than that. */
  data = g_base64_decode (values[ATTACHMENT_DATA].text, &size);
  attachment = solace_attachment_new ();
  attachment->data = g_bytes_new_take (data, size);
  attachment->name = g_steal_pointer (&values[ATTACHMENT_NAME].text);
  attachment->media_type = g_steal_pointer (&values[ATTACHMENT_MEDIA_TYPE].text);
  attachment->size = values[ATTACHMENT_SIZE].number;
  attachment->sha256 = g_steal_pointer (&values[ATTACHMENT_SHA256].text);

  site.item_field = &solace_export_attachment_fields[ATTACHMENT_DATA];
  if ((gint64) size != attachment->size)
    return solace_import_refuse (error, &site, _("must be base64 of as many bytes as “size” says"));
  sha256 = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, attachment->data);
  if (g_strcmp0 (sha256, attachment->sha256) != 0)
    return solace_import_refuse (error, &site,
                                 _("does not match the file’s SHA-256: the file was changed after it was kept"));

  site.item_field = &solace_export_attachment_fields[ATTACHMENT_NAME];
  {
    g_autofree char *safe = solace_attachment_make_safe_name (attachment->name);

    if (!g_str_equal (safe, attachment->name))
      return solace_import_refuse (error, &site,
                                   _("must be a name that is safe to show: not empty, with no control or "
                                     "bidirectional characters and no “/”"));
  }

  g_ptr_array_add (list->attachments, g_steal_pointer (&attachment));
  clear_item (self);

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

  if (self->list->type == FIELD_ATTACHMENTS)
    return finish_attachment (self, error);

  if (!solace_import_complete (self, solace_export_firing_fields, G_N_ELEMENTS (solace_export_firing_fields),
                               values, &site, TRUE, error))
    return FALSE;

  firing.due_at = values[FIRING_DUE_AT].number;
  firing.fired_at = values[FIRING_FIRED_AT].number;
  for (guint i = 0; solace_export_firing_outcomes[i] != NULL; i++)
    if (g_str_equal (solace_export_firing_outcomes[i], values[FIRING_OUTCOME].text))
      firing.outcome = solace_export_firing_outcomes[i];

  earlier = g_hash_table_lookup (self->item_seen, &firing.due_at);
  if (earlier != NULL)
    {
      g_autofree char *there = NULL;
      Site other = site;

      other.item = GPOINTER_TO_SIZE (earlier) - 1;
      there = solace_import_site_to_string (&other);
      site.item_field = &solace_export_firing_fields[FIRING_DUE_AT];
      return solace_import_refuse (error, &site,
                                   _("the same as in %s; a reminder fires once for each time it is due"), there);
    }

  key = g_new (gint64, 1);
  *key = firing.due_at;
  g_hash_table_insert (self->item_seen, key, GSIZE_TO_POINTER (self->item + 1));
  g_array_append_val (list->firings, firing);
  clear_item (self);

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
    return solace_import_refuse (error, site, _("has a field “%s” that version %d of the format does not have"),
                                 said, SOLACE_EXPORT_VERSION);
  return solace_import_refuse (error, site, _("has a field that version %d of the format does not have"),
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
          return solace_import_refuse (error, &root, _("has “%s” twice"), header_keys[i]);
        self->root_seen |= 1u << (N_TABLES + i);
        return TRUE;
      }

  for (guint i = 0; i < N_TABLES; i++)
    if (g_strcmp0 (key, solace_export_tables[i].key) == 0)
      {
        Site site = { &solace_export_tables[i], -1, NULL, -1, NULL };

        if (self->root_seen & (1u << i))
          return solace_import_refuse (error, &site, _("appears twice"));
        self->root_seen |= 1u << i;
        if (!g_str_equal (type, "array"))
          return solace_import_refuse (error, &site, _("must be an array"));
        self->table = &solace_export_tables[i];
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
        return solace_import_refuse (error, &site, _("must be an object"));
      if (value->firings->len >= MAX_FIRINGS)
        return solace_import_refuse (error, &site,
                                     /* Translators: at most %d firings. */
                                     g_dngettext (GETTEXT_PACKAGE,
                                                  "is one firing too many: a reminder keeps at most %d",
                                                  "is one firing too many: a reminder keeps at most %d",
                                                  MAX_FIRINGS),
                                     MAX_FIRINGS);
      self->item = index;
      return push (self, id, NODE_ITEM);
    }

  if (field->type == FIELD_ATTACHMENTS)
    {
      if (!g_str_equal (type, "object"))
        return solace_import_refuse (error, &site, _("must be an object"));
      if (value->attachments->len >= SOLACE_MAX_ATTACHMENTS)
        return solace_import_refuse (error, &site,
                                     /* Translators: at most %d files. */
                                     g_dngettext (GETTEXT_PACKAGE,
                                                  "is one file too many: a record keeps at most %d",
                                                  "is one file too many: a record keeps at most %d",
                                                  SOLACE_MAX_ATTACHMENTS),
                                     SOLACE_MAX_ATTACHMENTS);
      self->item = index;
      return push (self, id, NODE_ITEM);
    }

  if (!g_str_equal (type, "text"))
    return solace_import_refuse (error, &site, _("must be text"));
  if (!solace_import_check_string (&site, stmt, 2, &text, &length, error))
    return FALSE;

  if (field->type == FIELD_KEYS)
    {
      if (!g_strv_contains (field->keys (), text))
        {
          g_autofree char *values = solace_import_join_values (field->keys ());

          return solace_import_refuse (error, &site, _("must be one of %s"), values);
        }
    }
  else
    {
      if (length == 0 || length > SOLACE_LIMIT_BYTES (SOLACE_MAX_TAG_CHARS) ||
          g_utf8_strlen (text, length) > SOLACE_MAX_TAG_CHARS)
        return solace_import_refuse (error, &site,
                                     g_dngettext (GETTEXT_PACKAGE,
                                                  "must be text of 1 to %d character",
                                                  "must be text of 1 to %d characters",
                                                  SOLACE_MAX_TAG_CHARS),
                                     SOLACE_MAX_TAG_CHARS);
      if (value->strings->len >= SOLACE_MAX_TAGS)
        return solace_import_refuse (error, &site,
                                     /* Translators: at most %d tags. */
                                     g_dngettext (GETTEXT_PACKAGE,
                                                  "is one too many: an entry can have at most %d",
                                                  "is one too many: an entry can have at most %d",
                                                  SOLACE_MAX_TAGS),
                                     SOLACE_MAX_TAGS);
    }

  for (guint i = 0; i < value->strings->len; i++)
    if (g_str_equal (g_ptr_array_index (value->strings, i), text))
      {
        Site other = site;
        g_autofree char *there = NULL;

        other.item = i;
        there = solace_import_site_to_string (&other);
        return solace_import_refuse (error, &site, _("the same as in %s; each must be different"), there);
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
        return solace_import_refuse (error, &root, _("must be one object"));
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
          return solace_import_refuse (error, &site, _("must be an object"));
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
            Site row = solace_import_site_of (self, NULL);

            return unknown_key (error, &row, key);
          }

        field = &self->table->fields[i];
        site = solace_import_site_of (self, field);
        if (self->values[i].present)
          return solace_import_refuse (error, &site, _("appears twice in the same record"));

        if (field->type == FIELD_KEYS || field->type == FIELD_TAGS || field->type == FIELD_FIRINGS ||
            field->type == FIELD_ATTACHMENTS)
          {
            if (!g_str_equal (type, "array"))
              return solace_import_must_be (error, &site, field);
            self->values[i].present = TRUE;
            if (field->type == FIELD_ATTACHMENTS)
              self->values[i].attachments =
                g_ptr_array_new_with_free_func ((GDestroyNotify) solace_attachment_free);
            else if (field->type == FIELD_FIRINGS)
              {
                self->values[i].firings = g_array_new (FALSE, FALSE, sizeof (Firing));
                self->item_seen = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
              }
            else
              self->values[i].strings = g_ptr_array_new_with_free_func (g_free);
            self->list = field;
            return push (self, id, NODE_LIST);
          }

        return solace_import_read_value (field, &site, type, stmt, 2, &self->values[i], error);
      }

    case NODE_LIST:
      return take_list_item (self, id, index, type, stmt, error);

    case NODE_ITEM:
      {
        Site site = { self->table, self->row, self->list, self->item, NULL };
        guint n_fields;
        const Field *fields = item_fields (self->list, &n_fields);

        G_STATIC_ASSERT (N_ATTACHMENT_FIELDS <= MAX_ITEM_FIELDS);
        G_STATIC_ASSERT (N_FIRING_FIELDS <= MAX_ITEM_FIELDS);

        for (guint i = 0; i < n_fields; i++)
          if (g_strcmp0 (key, fields[i].name) == 0)
            {
              site.item_field = &fields[i];
              if (self->item_values[i].present)
                return solace_import_refuse (error, &site,
                                             self->list->type == FIELD_ATTACHMENTS
                                               ? _("appears twice in the same file")
                                               : _("appears twice in the same firing"));
              return solace_import_read_value (&fields[i], &site, type, stmt, 2,
                                               &self->item_values[i], error);
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
    return solace_import_refuse (error, &format, _("must be “%s”: this is not a Solace export"), SOLACE_EXPORT_FORMAT);

  if (g_strcmp0 (version_type, "integer") != 0 || sqlite3_column_type (stmt, 4) != SQLITE_INTEGER)
    return solace_import_refuse (error, &version, _("must be a whole number"));
  n = sqlite3_column_int64 (stmt, 4);
  if (n > SOLACE_EXPORT_VERSION)
    return solace_import_refuse (error, &version,
                                 _("the file was made by a newer version of Solace (format version %lld"
                                   "; this one reads up to %d). Update Solace to import it."),
                                 (long long) n, SOLACE_EXPORT_VERSION);
  if (n < 1)
    return solace_import_refuse (error, &version, _("is not a version of the format; this version of Solace reads 1 to %d"),
                                 SOLACE_EXPORT_VERSION);

  if (g_strcmp0 (exported_type, "integer") != 0 || sqlite3_column_type (stmt, 6) != SQLITE_INTEGER ||
      sqlite3_column_int64 (stmt, 6) < MIN_TIME || sqlite3_column_int64 (stmt, 6) > MAX_TIME)
    return solace_import_refuse (error, &exported, _("must be a time in whole seconds since 1970"));

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
        Site site = { &solace_export_tables[i], -1, NULL, -1, NULL };

        return solace_import_refuse (error, &site, _("is missing; an export has every kind of record, if only as []"));
      }

  return TRUE;
}

/* ---- Import: the entry points ------------------------------------------- */

static void
import_clear (Import *self)
{
  solace_import_row_clear (self);
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

  if (!solace_import_check_bytes (data, length, base, error))
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

  if (mode == SOLACE_IMPORT_REPLACE && !solace_import_clear_all (&self, error))
    goto rollback;

  if (!walk (&self, mem, data, length, error))
    goto rollback;

  if (mode == SOLACE_IMPORT_REPLACE && !solace_import_restore_builtins (&self, error))
    goto rollback;

  if (!solace_reminders_adopt_settings (db, error))
    goto rollback;

  if (!solace_import_check_result (&self, error))
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
                   _("The file is larger than %d MiB, more than any Solace export; nothing was imported."),
                   (int) (max / (1024 * 1024)));
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

