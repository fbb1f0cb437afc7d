/* make-corpus.c — the fuzzer's seed corpus: real exports, made by the export code
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Usage: fuzz-corpus DIR
 *
 * Writes into DIR the export of a new database (fresh.json), of one with
 * a little of everything (full.json), of one with only a journal entry
 * and an incident record (small.json), and the journal as Markdown
 * (not JSON: something the import must refuse).
 */
#include "config.h"

#include <glib/gstdio.h>
#include <stdio.h>
#include <stdlib.h>

#include "fuzz-fill.h"
#include "solace-export.h"

static void
write_export (SolaceDatabase *db,
              const char     *dir,
              const char     *name)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;

  solace_fuzz_check (solace_export_to_file (db, path, &error), error, "export");
  printf ("%s\n", path);
}

static SolaceDatabase *
open_database (const char *tmp,
               const char *name)
{
  g_autofree char *path = g_build_filename (tmp, name, "solace.db", NULL);
  g_autoptr(GError) error = NULL;
  SolaceDatabase *db = solace_database_open (path, SOLACE_DATABASE_FLAGS_NONE, &error);

  solace_fuzz_check (db != NULL, error, "open");
  return db;
}

static void
remove_database (const char *tmp,
                 const char *name)
{
  g_autofree char *sub = g_build_filename (tmp, name, NULL);
  g_autofree char *path = g_build_filename (sub, "solace.db", NULL);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);

  g_remove (path);
  g_remove (wal);
  g_remove (shm);
  g_rmdir (sub);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *tmp = NULL;
  g_autofree char *markdown = NULL;
  g_autoptr(SolaceDatabase) fresh = NULL;
  g_autoptr(SolaceDatabase) full = NULL;
  g_autoptr(SolaceDatabase) small = NULL;
  g_autoptr(SolaceIncident) incident = solace_incident_new ();

  if (argc != 2)
    {
      fprintf (stderr, "Usage: %s DIR\n", argv[0]);
      return 2;
    }

  if (g_mkdir_with_parents (argv[1], 0700) != 0)
    {
      perror (argv[1]);
      return 1;
    }

  tmp = g_dir_make_tmp ("solace-corpus-XXXXXX", &error);
  solace_fuzz_check (tmp != NULL, error, "tmp");

  fresh = open_database (tmp, "fresh");
  write_export (fresh, argv[1], "fresh.json");

  full = open_database (tmp, "full");
  solace_fuzz_fill (full);
  write_export (full, argv[1], "full.json");

  small = open_database (tmp, "small");
  solace_fuzz_check (solace_database_exec (small,
                                           "DELETE FROM reminder; DELETE FROM plan_step;"
                                           "INSERT INTO journal_entry (uuid, kind, body, day, created_at, updated_at)"
                                           " VALUES ('e', 'reflection', 'Hi', '2026-01-01', 1, 1)",
                                           &error), error, "small");
  incident->happened_at = 10;
  incident->channel = SOLACE_CHANNEL_OTHER;
  incident->what = g_strdup ("x");
  solace_fuzz_check (solace_incidents_append (small, incident, 20, &error), error, "append");
  write_export (small, argv[1], "small.json");

  markdown = g_build_filename (argv[1], "journal.md", NULL);
  solace_fuzz_check (solace_export_journal_markdown_to_file (full, NULL, NULL, markdown, &error), error, "markdown");
  printf ("%s\n", markdown);

  g_clear_object (&fresh);
  g_clear_object (&full);
  g_clear_object (&small);
  remove_database (tmp, "fresh");
  remove_database (tmp, "full");
  remove_database (tmp, "small");
  g_rmdir (tmp);

  return 0;
}
