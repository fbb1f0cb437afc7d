/* solace-journal-rows.c — one journal entry's rows: read into a
 * SolaceJournalEntry, checked, written with its tags, deleted
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * For the journal store (solace-journal-store.c): reads on its
 * reader's connection, writes on its writer thread.
 */
#define G_LOG_DOMAIN "solace-journal-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "solace-error.h"
#include "solace-journal-store.h"
#include "solace-journal-store-private.h"
#include "solace-limits.h"

/* Reading rows */

static void
split_tags (const char  *joined,
            char      ***out)
{
  if (joined == NULL || *joined == '\0')
    *out = g_new0 (char *, 1);
  else
    *out = g_strsplit (joined, "\x1f", -1);
}

const char solace_journal_row_sql[] =
  "SELECT e.id, e.uuid, e.kind, e.prompt, substr (e.body, 1, ?2), e.mood,"
  "       e.created_at, e.updated_at,"
  "       (SELECT group_concat (name, char (31)) FROM"
  "          (SELECT name FROM journal_tag WHERE entry_id = e.id AND is_emotion = 1 ORDER BY position)),"
  "       (SELECT group_concat (name, char (31)) FROM"
  "          (SELECT name FROM journal_tag WHERE entry_id = e.id AND is_emotion = 0 ORDER BY position)),"
  "       length (e.body)"
  "  FROM journal_entry e WHERE e.id = ?1";

/* Steps @stmt (already bound) and builds an entry from its row. */
static SolaceJournalEntry *
entry_from_row (SolaceDatabase  *db,
                sqlite3_stmt    *stmt,
                int              max_chars,
                GError         **error)
{
  g_autoptr(SolaceJournalEntry) entry = NULL;
  g_autoptr(GDateTime) created = NULL;
  g_autoptr(GDateTime) updated = NULL;
  g_auto(GStrv) emotions = NULL;
  g_auto(GStrv) tags = NULL;
  SolaceEntryKind kind = SOLACE_ENTRY_KIND_REFLECTION;
  int rc;

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    {
      g_set_error (error, SOLACE_ERROR, SOLACE_ERROR_NOT_FOUND,
                   _("That journal entry no longer exists."));
      return NULL;
    }
  if (rc != SQLITE_ROW)
    {
      solace_database_set_error (db, error, rc, _("Reading a journal entry"));
      return NULL;
    }

  solace_entry_kind_from_key ((const char *) sqlite3_column_text (stmt, 2), &kind);
  created = g_date_time_new_from_unix_local (sqlite3_column_int64 (stmt, 6));
  updated = g_date_time_new_from_unix_local (sqlite3_column_int64 (stmt, 7));
  split_tags ((const char *) sqlite3_column_text (stmt, 8), &emotions);
  split_tags ((const char *) sqlite3_column_text (stmt, 9), &tags);

  entry = g_object_new (SOLACE_TYPE_JOURNAL_ENTRY,
                        "id", (gint64) sqlite3_column_int64 (stmt, 0),
                        "uuid", (const char *) sqlite3_column_text (stmt, 1),
                        "kind", kind,
                        "prompt", (const char *) sqlite3_column_text (stmt, 3),
                        "body", (const char *) sqlite3_column_text (stmt, 4),
                        "mood", sqlite3_column_int (stmt, 5),
                        "created", created,
                        "updated", updated,
                        "emotions", emotions,
                        "tags", tags,
                        "is-preview", sqlite3_column_int (stmt, 10) > max_chars,
                        NULL);

  return g_steal_pointer (&entry);
}

SolaceJournalEntry *
solace_journal_load_with (SolaceDatabase  *db,
                          sqlite3_stmt    *stmt,
                          gint64           id,
                          int              max_chars,
                          GError         **error)
{
  SolaceJournalEntry *entry;

  solace_database_lock (db);
  sqlite3_reset (stmt);
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_int (stmt, 2, max_chars);
  entry = entry_from_row (db, stmt, max_chars, error);
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  solace_database_unlock (db);

  return entry;
}

static SolaceJournalEntry *
load_full (SolaceDatabase  *db,
           gint64           id,
           GError         **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  solace_database_lock (db);
  stmt = solace_database_prepare (db, solace_journal_row_sql, error);
  solace_database_unlock (db);
  if (stmt == NULL)
    return NULL;

  return solace_journal_load_with (db, stmt, id, G_MAXINT, error);
}

/* Writes, on the writer thread */

static gboolean
write_tags (SolaceDatabase      *db,
            gint64               id,
            const char * const  *names,
            gboolean             is_emotion,
            GError             **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = solace_database_prepare (db,
                                  "INSERT OR IGNORE INTO journal_tag (entry_id, name, is_emotion, position)"
                                  " VALUES (?1, ?2, ?3, ?4)",
                                  error);
  if (stmt == NULL)
    return FALSE;

  for (guint i = 0; names != NULL && names[i] != NULL; i++)
    {
      int rc;

      sqlite3_bind_int64 (stmt, 1, id);
      sqlite3_bind_text (stmt, 2, names[i], -1, SQLITE_TRANSIENT);
      sqlite3_bind_int (stmt, 3, is_emotion);
      sqlite3_bind_int (stmt, 4, i);
      rc = sqlite3_step (stmt);
      if (rc != SQLITE_DONE)
        {
          solace_database_set_error (db, error, rc, _("Saving tags"));
          return FALSE;
        }
      sqlite3_reset (stmt);
    }

  return TRUE;
}

/* What the import would refuse, the store refuses too: an export always
 * imports.  Checked before anything is written, so nothing changes. */
static gboolean
check_entry (SolaceJournalEntry  *entry,
             GError             **error)
{
  const char * const *tags = solace_journal_entry_get_tags (entry);
  g_autoptr(GHashTable) distinct = g_hash_table_new (g_str_hash, g_str_equal);
  guint n_tags;

  if (!solace_text_fits (solace_journal_entry_get_body (entry), SOLACE_MAX_ENTRY_CHARS))
    {
      g_set_error (error, SOLACE_ERROR, SOLACE_ERROR_INVALID,
                   g_dngettext (GETTEXT_PACKAGE,
                                "An entry can hold up to %'d character, and this one is longer, so it was not saved. "
                                "Move part of it into a new entry and save again.",
                                "An entry can hold up to %'d characters, and this one is longer, so it was not saved. "
                                "Move part of it into a new entry and save again.",
                                SOLACE_MAX_ENTRY_CHARS),
                   SOLACE_MAX_ENTRY_CHARS);
      return FALSE;
    }

  if (solace_journal_entry_get_kind (entry) == SOLACE_ENTRY_KIND_PROMPT &&
      !solace_text_fits (solace_journal_entry_get_prompt (entry), SOLACE_MAX_PROMPT_CHARS))
    {
      g_set_error (error, SOLACE_ERROR, SOLACE_ERROR_INVALID,
                   g_dngettext (GETTEXT_PACKAGE,
                                "A prompt can be up to %d character; this one is longer, so the entry was not saved.",
                                "A prompt can be up to %d characters; this one is longer, so the entry was not saved.",
                                SOLACE_MAX_PROMPT_CHARS),
                   SOLACE_MAX_PROMPT_CHARS);
      return FALSE;
    }

  for (guint i = 0; tags != NULL && tags[i] != NULL; i++)
    {
      if (*tags[i] == '\0' || !solace_text_fits (tags[i], SOLACE_MAX_TAG_CHARS))
        {
          g_set_error (error, SOLACE_ERROR, SOLACE_ERROR_INVALID,
                       g_dngettext (GETTEXT_PACKAGE,
                                    "A tag can be 1 to %d character; one is longer, so the entry was not saved.",
                                    "A tag can be 1 to %d characters; one is longer, so the entry was not saved.",
                                    SOLACE_MAX_TAG_CHARS),
                       SOLACE_MAX_TAG_CHARS);
          return FALSE;
        }
      /* The same tag twice is kept once. */
      g_hash_table_add (distinct, (gpointer) tags[i]);
    }
  n_tags = g_hash_table_size (distinct);

  if (n_tags > SOLACE_MAX_TAGS)
    {
      g_set_error (error, SOLACE_ERROR, SOLACE_ERROR_INVALID,
                   /* Translators: the first number is how many tags an entry
                    * can have, always more than one; the plural follows the
                    * second, how many this one has. */
                   g_dngettext (GETTEXT_PACKAGE,
                                "An entry can have up to %d tags; this one has %u, so it was not saved. "
                                "Keep the ones that matter most.",
                                "An entry can have up to %d tags; this one has %u, so it was not saved. "
                                "Keep the ones that matter most.",
                                n_tags),
                   SOLACE_MAX_TAGS, n_tags);
      return FALSE;
    }

  return TRUE;
}

gint64
solace_journal_write_entry (SolaceDatabase      *db,
                            SolaceJournalEntry  *entry,
                            GError             **error)
{
  g_autoptr(sqlite3_stmt) upsert = NULL;
  g_autoptr(sqlite3_stmt) clear = NULL;
  g_autofree char *day = NULL;
  GDateTime *created = solace_journal_entry_get_created (entry);
  GDateTime *updated = solace_journal_entry_get_updated (entry);
  int mood = solace_journal_entry_get_mood (entry);
  gint64 id = 0;
  int rc;

  g_return_val_if_fail (created != NULL && updated != NULL, 0);

  if (!check_entry (entry, error))
    return 0;

  day = solace_journal_entry_dup_day_key (entry);

  solace_database_lock (db);

  if (!solace_database_begin (db, error))
    goto out;

  upsert = solace_database_prepare (db,
                                    "INSERT INTO journal_entry"
                                    " (id, uuid, kind, prompt, body, mood, day, created_at, updated_at)"
                                    " VALUES (NULLIF (?1, 0), ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)"
                                    " ON CONFLICT (uuid) DO UPDATE SET"
                                    "  kind = excluded.kind, prompt = excluded.prompt,"
                                    "  body = excluded.body, mood = excluded.mood,"
                                    "  updated_at = excluded.updated_at"
                                    " RETURNING id",
                                    error);
  if (upsert == NULL)
    goto rollback;

  sqlite3_bind_int64 (upsert, 1, solace_journal_entry_get_id (entry));
  sqlite3_bind_text (upsert, 2, solace_journal_entry_get_uuid (entry), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (upsert, 3, solace_entry_kind_to_key (solace_journal_entry_get_kind (entry)), -1, SQLITE_STATIC);
  if (solace_journal_entry_get_kind (entry) == SOLACE_ENTRY_KIND_PROMPT)
    sqlite3_bind_text (upsert, 4, solace_journal_entry_get_prompt (entry), -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (upsert, 4);
  sqlite3_bind_text (upsert, 5, solace_journal_entry_get_body (entry), -1, SQLITE_TRANSIENT);
  if (mood > 0)
    sqlite3_bind_int (upsert, 6, mood);
  else
    sqlite3_bind_null (upsert, 6);
  sqlite3_bind_text (upsert, 7, day, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (upsert, 8, g_date_time_to_unix (created));
  sqlite3_bind_int64 (upsert, 9, g_date_time_to_unix (updated));

  rc = sqlite3_step (upsert);
  if (rc != SQLITE_ROW)
    {
      solace_database_set_error (db, error, rc, _("Saving a journal entry"));
      goto rollback;
    }
  id = sqlite3_column_int64 (upsert, 0);
  rc = sqlite3_step (upsert);
  if (rc != SQLITE_DONE)
    {
      solace_database_set_error (db, error, rc, _("Saving a journal entry"));
      goto rollback;
    }

  clear = solace_database_prepare (db, "DELETE FROM journal_tag WHERE entry_id = ?1", error);
  if (clear == NULL)
    goto rollback;
  sqlite3_bind_int64 (clear, 1, id);
  rc = sqlite3_step (clear);
  if (rc != SQLITE_DONE)
    {
      solace_database_set_error (db, error, rc, _("Saving tags"));
      goto rollback;
    }

  if (!write_tags (db, id, solace_journal_entry_get_emotions (entry), TRUE, error) ||
      !write_tags (db, id, solace_journal_entry_get_tags (entry), FALSE, error))
    goto rollback;

  if (!solace_database_commit (db, error))
    goto rollback;

  goto out;

rollback:
  id = 0;
  solace_database_rollback (db);

out:
  solace_database_unlock (db);

  return id;
}

SolaceJournalEntry *
solace_journal_remove_entry (SolaceDatabase  *db,
                             gint64           id,
                             GError         **error)
{
  g_autoptr(SolaceJournalEntry) entry = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  solace_database_lock (db);

  entry = load_full (db, id, error);
  if (entry == NULL)
    goto out;

  if (!solace_database_begin (db, error))
    {
      g_clear_object (&entry);
      goto out;
    }

  stmt = solace_database_prepare (db, "DELETE FROM journal_entry WHERE id = ?1", error);
  if (stmt == NULL)
    {
      g_clear_object (&entry);
      solace_database_rollback (db);
      goto out;
    }

  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_DONE || !solace_database_commit (db, error))
    {
      if (rc != SQLITE_DONE)
        solace_database_set_error (db, error, rc, _("Deleting a journal entry"));
      g_clear_object (&entry);
      solace_database_rollback (db);
    }

out:
  solace_database_unlock (db);

  return g_steal_pointer (&entry);
}
