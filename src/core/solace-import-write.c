/* solace-import-write.c — an import's records written into the database
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each record as it completes, inside the import's one write
 * transaction: added (REPLACE, or MERGE when the database does not
 * have it), or the newer of the two kept (MERGE).  Before the walk,
 * REPLACE removes what was there; after it, what only the whole
 * import can show is checked.
 */
#define G_LOG_DOMAIN "solace-export"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "solace-error.h"
#include "solace-import-private.h"
#include "solace-incidents.h"

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
    case FIELD_ATTACHMENTS:
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
              if (!solace_database_step (self->db, self->clear_tags, _("Importing tags"), error))
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
              if (!solace_database_step (self->db, self->insert_tag, _("Importing tags"), error))
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
              if (!solace_database_step (self->db, self->insert_firing, _("Importing reminder firings"), error))
                return FALSE;
            }
        }
      else if (field->type == FIELD_ATTACHMENTS)
        {
          if (!solace_incidents_insert_attachments (self->db, self->values[INCIDENT_UUID].text,
                                                    value->attachments,
                                                    _("Importing the files kept with incident records"), error))
            return FALSE;
        }
    }

  return TRUE;
}

gboolean
solace_import_insert_row (Import  *self,
                          GError **error)
{
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt;

  if (self->insert[self->table - solace_export_tables] == NULL)
    sql = insert_sql (self->table);
  stmt = prepare_cached (self, &self->insert[self->table - solace_export_tables], sql, error);
  if (stmt == NULL)
    return FALSE;

  bind_columns (self, stmt);
  if (!solace_database_step (self->db, stmt, _("Importing"), error))
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

  if (self->update[self->table - solace_export_tables] == NULL)
    sql = update_sql (self->table);
  stmt = prepare_cached (self, &self->update[self->table - solace_export_tables], sql, error);
  if (stmt == NULL)
    return FALSE;

  n = bind_columns (self, stmt);
  sqlite3_bind_int64 (stmt, n + 1, id);
  if (!solace_database_step (self->db, stmt, _("Importing"), error))
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
  guint t = table - solace_export_tables;
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

gboolean
solace_import_database_has (Import      *self,
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

gboolean
solace_import_merge_row (Import  *self,
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
      if (table == &solace_export_tables[TABLE_STRETCHES] && self->values[field_index (table, "ended_on")].is_null)
        {
          gboolean has_open;

          /* The database's own counter goes on; the file's open stretch
           * cannot be a second one. */
          if (!solace_import_database_has (self, "SELECT 1 FROM stretch WHERE ended_on IS NULL", NULL,
                                           &has_open, error))
            return FALSE;
          if (has_open)
            {
              self->stats.skipped++;
              return TRUE;
            }
        }

      if (table == &solace_export_tables[TABLE_INCIDENTS])
        self->incidents_added = TRUE;

      return solace_import_insert_row (self, error);
    }

  if (table == &solace_export_tables[TABLE_INCIDENTS] &&
      g_strcmp0 (hash, self->values[INCIDENT_HASH].text) != 0)
    {
      Site site = solace_import_site_of (self, &table->fields[INCIDENT_UUID]);

      return solace_import_refuse (error, &site,
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
      if (table == &solace_export_tables[TABLE_REMINDERS])
        ok = write_lists (self, existing.id, FALSE, error);
    }

  return ok;
}

/* ---- Import: before and after the walk ----------------------------------- */

/* REPLACE: every row the person made goes first.  Incident records may
 * not be deleted; the trigger that says so is dropped for this one
 * statement and made again from its own definition, all inside the
 * import's transaction, so that nothing else ever sees the table
 * unguarded and a failed import puts it back as it was. */
/* The triggers that keep the incident record append-only, dropped for
 * REPLACE's one DELETE and made again from their own definitions. */
static const char * const guard_triggers[] = { "incident_no_delete", "incident_attachment_no_delete" };

gboolean
solace_import_clear_all (Import  *self,
                         GError **error)
{
  char *trigger_sql[G_N_ELEMENTS (guard_triggers)] = { NULL, };
  gboolean ok = FALSE;
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

  for (guint i = 0; i < G_N_ELEMENTS (guard_triggers); i++)
    {
      g_autoptr(sqlite3_stmt) trigger = NULL;
      g_autofree char *drop = NULL;

      trigger = solace_database_prepare (self->db,
                                         "SELECT sql FROM main.sqlite_schema WHERE type = 'trigger' AND name = ?1",
                                         error);
      if (trigger == NULL)
        goto out;
      sqlite3_bind_text (trigger, 1, guard_triggers[i], -1, SQLITE_STATIC);
      rc = sqlite3_step (trigger);
      if (rc == SQLITE_ROW)
        trigger_sql[i] = g_strdup ((const char *) sqlite3_column_text (trigger, 0));
      else if (rc != SQLITE_DONE)
        {
          solace_database_set_error (self->db, error, rc, _("Reading the schema"));
          goto out;
        }

      /* The name is one of ours, never the file's. */
      drop = g_strdup_printf ("DROP TRIGGER main.%s", guard_triggers[i]);
      if (trigger_sql[i] != NULL && !solace_database_exec (self->db, drop, error))
        goto out;
    }

  /* The files kept with incident records go with them, first. */
  {
    g_autoptr(sqlite3_stmt) stmt = solace_database_prepare (self->db, "DELETE FROM main.incident_attachment", error);

    if (stmt == NULL || !solace_database_step (self->db, stmt, _("Removing what was there"), error))
      goto out;
  }

  for (guint i = 0; i < N_TABLES; i++)
    {
      const Table *table = &solace_export_tables[i];
      g_autofree char *sql = g_strdup_printf ("DELETE FROM %s.%s",
                                              table->schema != NULL ? table->schema : "main",
                                              table->name);
      g_autoptr(sqlite3_stmt) stmt = solace_database_prepare (self->db, sql, error);

      if (stmt == NULL || !solace_database_step (self->db, stmt, _("Removing what was there"), error))
        goto out;
      self->stats.removed += sqlite3_changes (solace_database_get_handle (self->db));
    }

  /* The reminders' own preferences go with the rest. */
  {
    g_autoptr(sqlite3_stmt) stmt = solace_database_prepare (self->db, "DELETE FROM reminders.reminder_setting", error);

    if (stmt == NULL || !solace_database_step (self->db, stmt, _("Removing what was there"), error))
      goto out;
    self->stats.removed += sqlite3_changes (solace_database_get_handle (self->db));
  }

  for (guint i = 0; i < G_N_ELEMENTS (guard_triggers); i++)
    {
      g_autoptr(sqlite3_stmt) trigger = NULL;
      const char *tail = NULL;

      if (trigger_sql[i] == NULL)
        continue;

      /* One statement, and the one that was there. */
      rc = sqlite3_prepare_v2 (solace_database_get_handle (self->db), trigger_sql[i], -1, &trigger, &tail);
      if (rc != SQLITE_OK || trigger == NULL || (tail != NULL && *tail != '\0') ||
          !g_str_has_prefix (trigger_sql[i], "CREATE TRIGGER"))
        {
          g_set_error (error, SOLACE_ERROR, SOLACE_ERROR_CORRUPT,
                       _("The incident record’s protection could not be restored; nothing was imported."));
          goto out;
        }
      if (!solace_database_step (self->db, trigger, _("Restoring the incident record’s protection"), error))
        goto out;
    }

  ok = TRUE;

out:
  for (guint i = 0; i < G_N_ELEMENTS (guard_triggers); i++)
    g_free (trigger_sql[i]);

  return ok;
}

gboolean
solace_import_restore_builtins (Import  *self,
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

gboolean
solace_import_check_result (Import  *self,
                            GError **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  /* MERGE appended the file's new records after the database's: the
   * chain as stored is the one that has to hold. */
  if (self->incidents_added)
    {
      SolaceChainCheck check;
      Site site = { &solace_export_tables[TABLE_INCIDENTS], -1, NULL, -1, NULL };

      if (!solace_incidents_verify (self->db, &check, error))
        return FALSE;
      if (!check.intact)
        return solace_import_refuse (error, &site,
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

      return solace_import_refuse (error, &root, _("a record in “%s” refers to one that is not there"),
                    (const char *) sqlite3_column_text (stmt, 0));
    }
  if (rc != SQLITE_DONE)
    {
      solace_database_set_error (self->db, error, rc, _("Checking the import"));
      return FALSE;
    }

  return TRUE;
}

