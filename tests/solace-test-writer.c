/* solace-test-writer.c — writes journal entries until it is killed
 *
 * Used by test-journal-store's crash test: it saves entries through the
 * same writer thread the app uses, and after each save has finished it
 * prints "ID VERSION" on stdout.  Every line printed is a promise that
 * must survive a SIGKILL.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>

#include "solace-backup.h"
#include "solace-journal-store.h"

#define VERSIONS 4

typedef struct {
  SolaceJournalStore *store;
  SolaceJournalEntry *entry;
  GString            *filler;
  int                 version;
} Writer;

static void write_next (Writer *writer);

static void
saved_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  Writer *writer = user_data;
  g_autoptr(GError) error = NULL;
  gint64 id;

  id = solace_journal_store_save_finish (SOLACE_JOURNAL_STORE (object), result, &error);
  if (id == 0)
    g_error ("save failed: %s", error->message);

  solace_journal_entry_set_id (writer->entry, id);
  printf ("%" G_GINT64_FORMAT " %d\n", id, writer->version);
  fflush (stdout);

  write_next (writer);
}

static void
write_next (Writer *writer)
{
  g_autofree char *body = NULL;

  /* Like autosave: the same entry saved again as it grows, then a new one. */
  if (writer->entry == NULL || writer->version == VERSIONS)
    {
      g_clear_object (&writer->entry);
      writer->entry = solace_journal_entry_new (SOLACE_ENTRY_KIND_REFLECTION);
      writer->version = 0;
    }

  writer->version++;
  g_string_append (writer->filler, "and then some more words ");
  if (writer->filler->len > 20000)
    g_string_truncate (writer->filler, 0);

  body = g_strdup_printf ("version %d %s", writer->version, writer->filler->str);
  solace_journal_entry_set_body (writer->entry, body);
  solace_journal_store_save_async (writer->store, writer->entry, NULL, saved_cb, writer);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SolaceDatabase) db = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  Writer writer = { 0 };

  if (argc != 2 && !(argc == 4 && g_str_equal (argv[2], "backup")))
    {
      fprintf (stderr, "usage: %s DATABASE [backup DIR]\n", argv[0]);
      return 2;
    }

  db = solace_database_open (argv[1], SOLACE_DATABASE_FLAGS_NONE, &error);
  if (db == NULL)
    g_error ("%s", error->message);

  /* Backs up, again and again, while the journal is written too; each
   * finished copy is reported as "backup N". */
  if (argc == 4)
    {
      g_autoptr(GDate) today = g_date_new_dmy (27, 11, 2026);

      writer.store = solace_journal_store_new (db, &error);
      writer.filler = g_string_new (NULL);
      printf ("ready\n");
      fflush (stdout);
      write_next (&writer);
      for (guint n = 1;; n++)
        {
          if (!solace_backup_make (db, argv[3], today, TRUE, NULL, &error))
            g_error ("%s", error->message);
          printf ("backup %u\n", n);
          fflush (stdout);
          while (g_main_context_iteration (NULL, FALSE))
            ;
        }
    }
  writer.store = solace_journal_store_new (db, &error);
  if (writer.store == NULL)
    g_error ("%s", error->message);
  writer.filler = g_string_new (NULL);

  printf ("ready\n");
  fflush (stdout);

  loop = g_main_loop_new (NULL, FALSE);
  write_next (&writer);
  g_main_loop_run (loop);

  return 0;
}
