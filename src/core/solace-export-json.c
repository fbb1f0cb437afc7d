/* solace-export-json.c — the whole database as one JSON document,
 * and how many records it holds
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Export: SQLite's json_object() makes each record, in id order, one
 * record a line, all in one read transaction.  The document is
 * described in solace-export-format.c.
 */
#define G_LOG_DOMAIN "solace-export"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "solace-export-private.h"

/* solace_base64 (blob): the export's own SQL function, for the files
 * kept with incident records. */
static void
base64_function (sqlite3_context  *context,
                 int               argc,
                 sqlite3_value   **argv)
{
  const guchar *data;
  int size;

  if (sqlite3_value_type (argv[0]) == SQLITE_NULL)
    {
      sqlite3_result_null (context);
      return;
    }

  data = sqlite3_value_blob (argv[0]);
  size = sqlite3_value_bytes (argv[0]);
  sqlite3_result_text (context, size > 0 ? g_base64_encode (data, size) : g_strdup (""), -1, g_free);
}

static char *
export_sql (const Table *table)
{
  GString *sql = g_string_new ("SELECT json_object (");

  /* Only the names in solace-export-format.c's table go into the statement. */
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

  if (sqlite3_create_function_v2 (solace_database_get_handle (db), "solace_base64", 1,
                                  SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL, base64_function,
                                  NULL, NULL, NULL) != SQLITE_OK)
    {
      solace_database_set_error (db, error, sqlite3_errcode (solace_database_get_handle (db)), _("Exporting"));
      solace_database_unlock (db);
      return NULL;
    }

  /* One read transaction: every table as of the same moment. */
  if (!solace_database_exec (db, "BEGIN DEFERRED", error))
    {
      solace_database_unlock (db);
      return NULL;
    }

  for (guint i = 0; i < N_TABLES && ok; i++)
    ok = export_table (db, &solace_export_tables[i], out, error);

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

  return solace_export_write_file (path, data, length, error);
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
    g_string_append_printf (sql, " + (SELECT count(*) FROM %s)", table_source (&solace_export_tables[i]));

  if (!solace_export_count_rows (db, sql->str, NULL, NULL, &total, error) ||
      !solace_export_count_rows (db, "SELECT count(*) FROM journal_entry", NULL, NULL, &journal, error))
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

  if (!solace_export_count_rows (db,
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

