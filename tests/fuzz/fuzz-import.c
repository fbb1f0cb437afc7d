/* fuzz-import.c — libFuzzer: whatever bytes are imported, the database stays whole
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each input is imported into a database that holds a little of
 * everything (a journal entry with tags, a reminder that fired, a
 * hash-chained incident record…): merged, then, from the same start,
 * replacing.  Whatever the input:
 *
 *  - the import succeeds, or refuses with SOLACE_ERROR_INVALID and the
 *    database exports exactly as before;
 *  - the database passes integrity_check, foreign_key_check, the
 *    full-text index's own check, and its incident chain verifies, with
 *    both append-only triggers in place;
 *  - what a replacing import accepted exports, imports into another
 *    database and exports again to the same document;
 *  - the journal as Markdown has one title and one heading per entry,
 *    and nothing the entries say starts a block of its own.
 *
 * Anything else aborts, which libFuzzer reports as a crash.  Criticals
 * and warnings abort too.  After an import that changed it, the database
 * is put back with SQLite's backup API from a copy kept in memory, so
 * every input starts from the same state.  That a refused import changed
 * nothing is seen from a second connection, whose PRAGMA data_version
 * moves whenever another connection commits; every 64th refusal the
 * whole export is compared as well.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz-fill.h"
#include "solace-error.h"
#include "solace-export.h"
#include "solace-incidents.h"

int LLVMFuzzerInitialize (int    *argc,
                          char ***argv);
int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

static char *dir;
static SolaceDatabase *db;
static SolaceDatabase *spare;
static SolaceDatabase *reader;
static sqlite3_stmt *data_version;
static sqlite3 *pristine;
static sqlite3 *pristine_reminders;
static char *start;
static gboolean db_changed = TRUE;
static guint refusals;

static void G_GNUC_NORETURN
fail (const char *what,
      const char *detail)
{
  fprintf (stderr, "fuzz-import: %s%s%s\n", what, detail != NULL ? ": " : "", detail != NULL ? detail : "");
  abort ();
}

static void
exec_or_fail (SolaceDatabase *database,
              const char     *sql)
{
  g_autoptr(GError) error = NULL;

  if (!solace_database_exec (database, sql, &error))
    fail (sql, error->message);
}

static char *
query_text (SolaceDatabase *database,
            const char     *sql)
{
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *stmt;
  char *value = NULL;

  solace_database_lock (database);
  stmt = solace_database_prepare (database, sql, &error);
  if (stmt == NULL)
    fail (sql, error->message);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  solace_database_unlock (database);

  return value;
}

static char *
export_body (SolaceDatabase *database)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *doc = solace_export_to_data (database, NULL, &error);
  const char *newline;

  if (doc == NULL)
    fail ("export", error->message);
  newline = strchr (doc, '\n');
  if (newline == NULL)
    fail ("export", "no first line");

  return g_strdup (newline + 1);
}

static void
check_whole (SolaceDatabase *database)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *integrity = query_text (database, "PRAGMA integrity_check");
  g_autofree char *foreign = query_text (database, "PRAGMA foreign_key_check");
  g_autofree char *triggers = query_text (database,
                                          "SELECT count(*) FROM sqlite_master WHERE type = 'trigger'"
                                          " AND name IN ('incident_no_update', 'incident_no_delete')");
  SolaceChainCheck check;

  if (g_strcmp0 (integrity, "ok") != 0)
    fail ("integrity_check", integrity);
  if (foreign != NULL)
    fail ("foreign_key_check", foreign);
  if (g_strcmp0 (triggers, "2") != 0)
    fail ("the append-only triggers", triggers);
  exec_or_fail (database, "INSERT INTO journal_fts (journal_fts, rank) VALUES ('integrity-check', 1)");
  if (!solace_incidents_verify (database, &check, &error))
    fail ("verify", error->message);
  if (!check.intact)
    fail ("the incident chain is broken", NULL);
}

/* Whatever an entry says, the Markdown keeps its shape. */
static void
check_markdown (SolaceDatabase *database)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *markdown = solace_export_journal_markdown (database, NULL, NULL, &error);
  g_autofree char *entries = query_text (database, "SELECT count(*) FROM journal_entry");
  g_auto(GStrv) lines = NULL;
  guint headings = 0;

  if (markdown == NULL)
    fail ("markdown", error->message);
  if (!g_utf8_validate (markdown, -1, NULL))
    fail ("markdown", "not UTF-8");

  lines = g_strsplit (markdown, "\n", -1);
  if (g_strcmp0 (lines[0], "# Journal") != 0)
    fail ("markdown", "no title");
  for (guint i = 1; lines[i] != NULL; i++)
    {
      const char *line = lines[i];

      if (g_str_has_prefix (line, "## "))
        headings++;
      else if (line[0] == '#' || line[0] == '>' || line[0] == '<' || line[0] == '|' ||
               g_str_has_prefix (line, "```") || g_str_has_prefix (line, "~~~") ||
               g_str_has_prefix (line, "    ") || g_str_has_prefix (line, "\t") ||
               g_str_has_prefix (line, "---") || g_str_has_prefix (line, "===") ||
               g_str_has_prefix (line, "* ") || g_str_has_prefix (line, "+ ") ||
               (line[0] == '-' && !g_str_has_prefix (line, "- ")))
        fail ("markdown: a line starts a block", NULL);
    }

  if (headings != (guint) g_ascii_strtoull (entries, NULL, 10))
    fail ("markdown: not one heading per entry", NULL);
}

/* Copies schema @from of @src over schema @to of @dest. */
static void
copy_schema (sqlite3    *dest,
             const char *to,
             sqlite3    *src,
             const char *from)
{
  sqlite3_backup *backup = sqlite3_backup_init (dest, to, src, from);
  int rc;

  if (backup == NULL)
    fail ("backup", sqlite3_errmsg (dest));
  rc = sqlite3_backup_step (backup, -1);
  sqlite3_backup_finish (backup);
  if (rc != SQLITE_DONE)
    fail ("backup", sqlite3_errstr (rc));
}

/* The journal and the reminders beside it (reminders.db, attached as
 * "reminders"), both as they were after filling. */
static void
reset (SolaceDatabase *database)
{
  solace_database_lock (database);
  copy_schema (solace_database_get_handle (database), "main", pristine, "main");
  copy_schema (solace_database_get_handle (database), "reminders", pristine_reminders, "main");
  solace_database_unlock (database);
}

/* Moves when another connection (db) commits. */
static gint64
read_data_version (void)
{
  gint64 version;

  sqlite3_reset (data_version);
  if (sqlite3_step (data_version) != SQLITE_ROW)
    fail ("data_version", sqlite3_errmsg (solace_database_get_handle (reader)));
  version = sqlite3_column_int64 (data_version, 0);
  sqlite3_reset (data_version);

  return version;
}

static void
remove_all (void)
{
  g_clear_pointer (&data_version, sqlite3_finalize);
  g_clear_object (&reader);
  g_clear_object (&db);
  g_clear_object (&spare);
  if (pristine != NULL)
    sqlite3_close (pristine);
  if (pristine_reminders != NULL)
    sqlite3_close (pristine_reminders);

  for (guint i = 0; i < 2; i++)
    {
      g_autofree char *sub = g_build_filename (dir, i == 0 ? "main" : "spare", NULL);
      g_autofree char *file = g_build_filename (sub, "solace.db", NULL);
      g_autofree char *wal = g_strconcat (file, "-wal", NULL);
      g_autofree char *shm = g_strconcat (file, "-shm", NULL);

      g_remove (file);
      g_remove (wal);
      g_remove (shm);
      for (guint j = 0; j < 3; j++)
        {
          static const char *const suffixes[] = { "", "-wal", "-shm" };
          g_autofree char *rem = g_build_filename (sub, "reminders.db", NULL);
          g_autofree char *name = g_strconcat (rem, suffixes[j], NULL);

          g_remove (name);
        }
      g_rmdir (sub);
    }
  g_rmdir (dir);
}

static SolaceDatabase *
open_database (const char *name)
{
  g_autofree char *path = g_build_filename (dir, name, "solace.db", NULL);
  g_autoptr(GError) error = NULL;
  SolaceDatabase *database = solace_database_open (path, SOLACE_DATABASE_FLAGS_NONE, &error);

  if (database == NULL)
    fail ("open", error->message);
  /* Each commit waits for the disk otherwise, in both files. */
  exec_or_fail (database, "PRAGMA synchronous = OFF");
  exec_or_fail (database, "PRAGMA reminders.synchronous = OFF");

  return database;
}

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  g_autoptr(GError) error = NULL;
  sqlite3_backup *backup;

  g_log_set_always_fatal (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);

  dir = g_dir_make_tmp ("solace-fuzz-XXXXXX", &error);
  if (dir == NULL)
    fail ("tmp", error->message);
  atexit (remove_all);

  db = open_database ("main");
  spare = open_database ("spare");

  solace_fuzz_fill (db);
  check_whole (db);

  if (sqlite3_open (":memory:", &pristine) != SQLITE_OK)
    fail ("memory", NULL);
  solace_database_lock (db);
  backup = sqlite3_backup_init (pristine, "main", solace_database_get_handle (db), "main");
  if (backup == NULL || sqlite3_backup_step (backup, -1) != SQLITE_DONE)
    fail ("backup", sqlite3_errmsg (pristine));
  sqlite3_backup_finish (backup);
  if (sqlite3_open (":memory:", &pristine_reminders) != SQLITE_OK)
    fail ("memory", NULL);
  copy_schema (pristine_reminders, "main", solace_database_get_handle (db), "reminders");
  solace_database_unlock (db);

  reset (db);
  check_whole (db);
  start = export_body (db);

  reader = solace_database_open_reader (db, &error);
  if (reader == NULL)
    fail ("reader", error->message);
  data_version = solace_database_prepare (reader, "PRAGMA data_version", &error);
  if (data_version == NULL)
    fail ("data_version", error->message);

  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  static const SolaceImportMode modes[] = { SOLACE_IMPORT_MERGE, SOLACE_IMPORT_REPLACE };

  for (guint i = 0; i < G_N_ELEMENTS (modes); i++)
    {
      g_autoptr(GError) error = NULL;
      SolaceImportStats stats = { 0 };
      gint64 version;

      if (db_changed)
        {
          reset (db);
          db_changed = FALSE;
        }
      version = read_data_version ();

      if (!solace_import_from_data (db, (const char *) data, size, modes[i], &stats, &error))
        {
          /* Refused: for a reason in the file, said, and nothing changed. */
          if (!g_error_matches (error, SOLACE_ERROR, SOLACE_ERROR_INVALID))
            fail ("an import failed for another reason than its input", error->message);
          if (error->message[0] == '\0')
            fail ("an empty message", NULL);
          if (read_data_version () != version)
            fail ("a refused import committed something", NULL);
          if (++refusals % 64 == 0)
            {
              g_autofree char *after = export_body (db);

              if (!g_str_equal (after, start))
                fail ("a refused import changed the database", NULL);
              check_whole (db);
            }
          continue;
        }

      db_changed = TRUE;
      /* Replacing always writes: the check above can see a commit. */
      if (modes[i] == SOLACE_IMPORT_REPLACE && read_data_version () == version)
        fail ("a commit did not show in data_version", NULL);
      check_whole (db);
      check_markdown (db);

      /* What was accepted goes out and comes back the same. */
      if (modes[i] == SOLACE_IMPORT_REPLACE)
        {
          g_autofree char *doc = solace_export_to_data (db, NULL, &error);
          g_autofree char *first = NULL;
          g_autofree char *second = NULL;

          if (doc == NULL)
            fail ("export", error->message);
          first = export_body (db);

          reset (spare);
          if (!solace_import_from_data (spare, doc, strlen (doc), SOLACE_IMPORT_REPLACE, NULL, &error))
            fail ("an export was refused", error->message);
          check_whole (spare);
          second = export_body (spare);
          if (!g_str_equal (first, second))
            fail ("an export did not come back the same", NULL);
        }
    }

  return 0;
}
