/* bench-crypt-vfs.c — what the encrypting VFS costs
 *
 * solace-bench-crypt-vfs [--rows N] [--repeat R] [DIR]
 *
 * For a plain database (default VFS) and an encrypted one (solace-crypt),
 * in turn and R times each: inserts N rows (default 10,000) of about
 * 3.7 KB of generated words into a table with an external-content FTS5
 * index, in transactions of 100 rows, then closes, reopens and runs 50
 * full-text queries (count and the first 20 snippets each).  Both use
 * page size 4096, WAL and synchronous = NORMAL.  Prints medians.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib.h>
#include <glib/gstdio.h>
#include <sodium.h>
#include <sqlite3.h>
#include <stdlib.h>

#include "solace-crypt-vfs.h"

static const char *words[] = {
  "morning", "kettle", "rain", "window", "quiet", "letter", "walk", "river",
  "friend", "phone", "message", "tired", "better", "garden", "music", "train",
  "sister", "coffee", "evening", "laugh", "work", "sleep", "boundary", "calm",
  "door", "street", "book", "light", "storm", "bread", "market", "bridge",
};

static void
check (sqlite3 *db,
       int      rc)
{
  if (rc != SQLITE_OK && rc != SQLITE_DONE && rc != SQLITE_ROW)
    g_error ("SQLite: %s", db != NULL ? sqlite3_errmsg (db) : sqlite3_errstr (rc));
}

static sqlite3 *
open_db (const char *path,
         gboolean    encrypted)
{
  g_autoptr(GError) error = NULL;
  sqlite3 *db = NULL;

  if (encrypted)
    {
      check (NULL, solace_crypt_vfs_open (path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, &db));
      if (!solace_crypt_vfs_prepare (db, &error))
        g_error ("%s", error->message);
    }
  else
    {
      check (NULL, sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL));
      check (db, sqlite3_exec (db, "PRAGMA page_size = 4096; PRAGMA journal_mode = WAL; PRAGMA temp_store = MEMORY", NULL, NULL, NULL));
    }
  check (db, sqlite3_exec (db, "PRAGMA synchronous = NORMAL", NULL, NULL, NULL));
  return db;
}

static char *
make_text (GRand *rand)
{
  GString *s = g_string_sized_new (3800);

  while (s->len < 3700)
    {
      g_string_append (s, words[g_rand_int_range (rand, 0, G_N_ELEMENTS (words))]);
      g_string_append_c (s, g_rand_int_range (rand, 0, 12) == 0 ? '.' : ' ');
    }
  return g_string_free (s, FALSE);
}

static double
insert_rows (const char *path,
             gboolean    encrypted,
             int         rows)
{
  sqlite3 *db = open_db (path, encrypted);
  sqlite3_stmt *stmt = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);
  gint64 start;

  check (db, sqlite3_exec (db,
                           "CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT NOT NULL);"
                           "CREATE VIRTUAL TABLE notes_fts USING fts5 (body, content='notes', content_rowid='id');"
                           "CREATE TRIGGER notes_ai AFTER INSERT ON notes BEGIN"
                           "  INSERT INTO notes_fts (rowid, body) VALUES (new.id, new.body);"
                           "END;", NULL, NULL, NULL));
  check (db, sqlite3_prepare_v2 (db, "INSERT INTO notes (body) VALUES (?)", -1, &stmt, NULL));

  start = g_get_monotonic_time ();
  for (int i = 0; i < rows; i++)
    {
      g_autofree char *text = make_text (rand);

      if (i % 100 == 0)
        check (db, sqlite3_exec (db, "BEGIN", NULL, NULL, NULL));
      sqlite3_bind_text (stmt, 1, text, -1, SQLITE_TRANSIENT);
      check (db, sqlite3_step (stmt));
      sqlite3_reset (stmt);
      if (i % 100 == 99 || i == rows - 1)
        check (db, sqlite3_exec (db, "COMMIT", NULL, NULL, NULL));
    }
  sqlite3_finalize (stmt);
  check (db, sqlite3_close (db));
  return (g_get_monotonic_time () - start) / 1000.0;
}

static double
search (const char *path,
        gboolean    encrypted)
{
  sqlite3 *db = open_db (path, encrypted);
  sqlite3_stmt *count = NULL;
  sqlite3_stmt *page = NULL;
  gint64 start = g_get_monotonic_time ();

  check (db, sqlite3_prepare_v2 (db, "SELECT count(*) FROM notes_fts WHERE notes_fts MATCH ?", -1, &count, NULL));
  check (db, sqlite3_prepare_v2 (db,
                                 "SELECT rowid, snippet (notes_fts, 0, '[', ']', '…', 12) FROM notes_fts"
                                 " WHERE notes_fts MATCH ? ORDER BY rank LIMIT 20", -1, &page, NULL));
  for (int q = 0; q < 50; q++)
    {
      g_autofree char *query = g_strdup_printf ("%s NEAR %s",
                                                words[q % G_N_ELEMENTS (words)],
                                                words[(q * 7 + 3) % G_N_ELEMENTS (words)]);

      sqlite3_bind_text (count, 1, query, -1, SQLITE_TRANSIENT);
      check (db, sqlite3_step (count));
      sqlite3_reset (count);
      sqlite3_bind_text (page, 1, query, -1, SQLITE_TRANSIENT);
      while (sqlite3_step (page) == SQLITE_ROW)
        ;
      sqlite3_reset (page);
    }
  sqlite3_finalize (count);
  sqlite3_finalize (page);
  check (db, sqlite3_close (db));
  return (g_get_monotonic_time () - start) / 1000.0;
}

static int
cmp_double (gconstpointer a,
            gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static double
median (GArray *values)
{
  g_array_sort (values, cmp_double);
  return g_array_index (values, double, values->len / 2);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  int rows = 10000;
  int repeat = 3;
  guint8 key[SOLACE_CRYPT_KEY_BYTES], id[SOLACE_CRYPT_ID_BYTES];
  GArray *times[2][2];
  gint64 sizes[2] = { 0, 0 };
  GOptionEntry entries[] = {
    { "rows", 0, 0, G_OPTION_ARG_INT, &rows, "Rows to insert", "N" },
    { "repeat", 0, 0, G_OPTION_ARG_INT, &repeat, "Runs of each", "R" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("[DIR]");

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    g_error ("%s", error->message);
  if (!solace_crypt_vfs_register (&error))
    g_error ("%s", error->message);
  dir = argc > 1 ? g_strdup (argv[1]) : g_dir_make_tmp ("solace-bench-crypt-XXXXXX", &error);
  if (dir == NULL)
    g_error ("%s", error->message);
  randombytes_buf (key, sizeof key);
  randombytes_buf (id, sizeof id);

  for (int e = 0; e < 2; e++)
    for (int k = 0; k < 2; k++)
      times[e][k] = g_array_new (FALSE, FALSE, sizeof (double));

  for (int r = 0; r < repeat; r++)
    for (int e = 0; e < 2; e++)
      {
        g_autofree char *path = g_build_filename (dir, e ? "crypt.db" : "plain.db", NULL);
        g_autofree char *wal = g_strconcat (path, "-wal", NULL);
        g_autofree char *shm = g_strconcat (path, "-shm", NULL);
        GStatBuf st;
        double t;

        g_unlink (path);
        g_unlink (wal);
        g_unlink (shm);
        if (e && !solace_crypt_vfs_set_key (path, key, id, &error))
          g_error ("%s", error->message);
        t = insert_rows (path, e, rows);
        g_array_append_val (times[e][0], t);
        t = search (path, e);
        g_array_append_val (times[e][1], t);
        if (g_stat (path, &st) == 0)
          sizes[e] = st.st_size;
        g_unlink (path);
        if (e)
          solace_crypt_vfs_forget_key (path);
      }

  g_print ("rows %d, ~3.7 KB each, %d runs, medians\n", rows, repeat);
  g_print ("%-10s %12s %12s %12s\n", "", "insert ms", "50 FTS ms", "file MB");
  for (int e = 0; e < 2; e++)
    g_print ("%-10s %12.1f %12.1f %12.1f\n", e ? "encrypted" : "plain",
             median (times[e][0]), median (times[e][1]), sizes[e] / 1e6);
  g_print ("%-10s %11.2fx %11.2fx\n", "ratio",
           median (times[1][0]) / median (times[0][0]),
           median (times[1][1]) / median (times[0][1]));

  for (int e = 0; e < 2; e++)
    for (int k = 0; k < 2; k++)
      g_array_unref (times[e][k]);
  if (argc <= 1)
    g_rmdir (dir);
  return EXIT_SUCCESS;
}
