/* test-crypt-vfs.c — the encrypting VFS: same data back with the key,
 * nothing readable on disk, errors (never other text) when anything on
 * disk is changed, whole transactions after SIGKILL, sealed backups
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define _GNU_SOURCE   /* memmem */
#include "config.h"

#include <glib/gstdio.h>

#include <signal.h>
#include <sodium.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "solace-crypt-vfs.h"
#include "solace-error.h"
#include "solace-test-utils.h"

#define CANARY "Quetzalcanary"
#define N_ROWS 600

static guint8 test_key[32];
static guint8 test_id[16];

typedef struct {
  char *dir;
  char *path;
  char *tmp;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("solace-crypt-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "solace.db", NULL);
  f->tmp = g_build_filename (f->dir, "tmp", NULL);
  g_assert_cmpint (g_mkdir (f->tmp, 0700), ==, 0);
  g_assert_true (solace_crypt_vfs_set_key (f->path, test_key, test_id, &error));
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  solace_crypt_vfs_forget_key (f->path);
  solace_test_rm_rf (f->dir);
  g_free (f->dir);
  g_free (f->path);
  g_free (f->tmp);
}

static sqlite3 *
open_crypt (const char *path)
{
  g_autoptr(GError) error = NULL;
  sqlite3 *db = NULL;

  g_assert_cmpint (solace_crypt_vfs_open (path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, &db), ==, SQLITE_OK);
  g_assert_true (solace_crypt_vfs_prepare (db, &error));
  g_assert_no_error (error);
  return db;
}

static void
exec (sqlite3    *db,
      const char *sql)
{
  char *msg = NULL;
  int rc = sqlite3_exec (db, sql, NULL, NULL, &msg);

  if (rc != SQLITE_OK)
    g_error ("%s: %s", sql, msg);
}

static gint64
query_int (sqlite3    *db,
           const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 v;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  v = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return v;
}

static char *
query_text (sqlite3    *db,
            const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  char *v;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  v = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return v;
}

static char *
row_body (gint64 n)
{
  GString *s = g_string_new (NULL);

  g_string_append_printf (s, "Entry %" G_GINT64_FORMAT " says " CANARY " and ", n);
  while (s->len < 700)
    g_string_append (s, "the kettle hummed while the rain kept on ");
  return g_string_free (s, FALSE);
}

static void
insert_rows (sqlite3 *db,
             gint64   first,
             gint64   count)
{
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db,
                                       "INSERT INTO notes (id, body, meta) VALUES (?1, ?2, json_object('word', ?3))",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  for (gint64 n = first; n < first + count; n++)
    {
      g_autofree char *body = row_body (n);

      sqlite3_bind_int64 (stmt, 1, n);
      sqlite3_bind_text (stmt, 2, body, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 3, CANARY, -1, SQLITE_STATIC);
      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
      sqlite3_reset (stmt);
    }
  sqlite3_finalize (stmt);
}

static void
create_schema (sqlite3 *db)
{
  exec (db,
        "CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT NOT NULL, meta TEXT NOT NULL);"
        "CREATE INDEX notes_body ON notes (body);"
        "CREATE VIRTUAL TABLE notes_fts USING fts5 (body, content='notes', content_rowid='id');"
        "CREATE TRIGGER notes_ai AFTER INSERT ON notes BEGIN"
        "  INSERT INTO notes_fts (rowid, body) VALUES (new.id, new.body);"
        "END;");
}

static void
make_db (const char *path,
         gint64      rows)
{
  sqlite3 *db = open_crypt (path);

  create_schema (db);
  exec (db, "BEGIN");
  insert_rows (db, 0, rows);
  exec (db, "COMMIT");
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);
}

static GBytes *
read_file (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize len = 0;

  g_assert_true (g_file_get_contents (path, &contents, &len, &error));
  g_assert_no_error (error);
  return g_bytes_new_take (contents, len);
}

static void
write_file (const char *path,
            GBytes     *bytes)
{
  g_autoptr(GError) error = NULL;
  gsize len;
  const char *data = g_bytes_get_data (bytes, &len);

  g_assert_true (g_file_set_contents (path, data, len, &error));
  g_assert_no_error (error);
}

static gboolean
file_holds (const char *path,
            const char *word)
{
  g_autoptr(GBytes) bytes = read_file (path);
  gsize len;
  const char *data = g_bytes_get_data (bytes, &len);
  gsize wlen = strlen (word);
  g_autofree guint8 *le = g_malloc0 (wlen * 2);
  g_autofree guint8 *be = g_malloc0 (wlen * 2);

  for (gsize i = 0; i < wlen; i++)
    {
      le[2 * i] = (guint8) word[i];
      be[2 * i + 1] = (guint8) word[i];
    }
  return memmem (data, len, word, wlen) != NULL ||
         memmem (data, len, le, wlen * 2) != NULL ||
         memmem (data, len, be, wlen * 2) != NULL;
}

/* Every file under @dir; returns how many were looked at. */
static guint
assert_no_canary (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;
  guint seen = 0;

  g_assert_nonnull (d);
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        {
          seen += assert_no_canary (path);
          continue;
        }
      if (file_holds (path, CANARY))
        g_error ("%s holds the canary", name);
      seen++;
    }
  return seen;
}

/* SQLite's own temporary files ("etilqs_…", unlinked as soon as they
 * are opened, wherever SQLITE_TMPDIR pointed when SQLite started) and
 * anything open under @dir: none may hold the canary.  Returns how
 * many temporary files are open. */
static guint
assert_no_canary_in_open_files (const char *dir)
{
  g_autoptr(GDir) fds = g_dir_open ("/proc/self/fd", 0, NULL);
  const char *name;
  guint temp = 0;

  g_assert_nonnull (fds);
  while ((name = g_dir_read_name (fds)) != NULL)
    {
      g_autofree char *link = g_build_filename ("/proc/self/fd", name, NULL);
      g_autofree char *target = g_file_read_link (link, NULL);
      gboolean is_temp = target != NULL && strstr (target, "/etilqs_") != NULL;

      if (target == NULL || !(is_temp || g_str_has_prefix (target, dir)))
        continue;
      if (file_holds (link, CANARY))
        g_error ("an open file holds the canary");
      temp += is_temp;
    }
  return temp;
}

/* Reads every text the database holds; returns the first error code, or
 * SQLITE_OK.  Whatever text does come back must be what was written. */
static int
read_everything (const char *path)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  int rc;

  rc = solace_crypt_vfs_open (path, SQLITE_OPEN_READWRITE, &db);
  if (rc == SQLITE_OK)
    rc = sqlite3_prepare_v2 (db, "SELECT id, body, json_extract (meta, '$.word') FROM notes", -1, &stmt, NULL);
  while (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autofree char *want = row_body (sqlite3_column_int64 (stmt, 0));

      g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 1), ==, want);
      g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 2), ==, CANARY);
      rc = SQLITE_OK;
    }
  if (rc == SQLITE_DONE)
    rc = SQLITE_OK;
  if (rc != SQLITE_OK && db != NULL)
    rc = sqlite3_extended_errcode (db);
  sqlite3_finalize (stmt);
  /* Every page of every b-tree, and every overflow page (dbstat does
   * not read the last of a chain; reading the blobs does). */
  if (rc == SQLITE_OK)
    {
      rc = sqlite3_prepare_v2 (db, "SELECT (SELECT count(*) FROM dbstat) + (SELECT sum(length(hex(block))) FROM notes_fts_data)", -1, &stmt, NULL);
      if (rc == SQLITE_OK)
        rc = sqlite3_step (stmt) == SQLITE_ROW ? SQLITE_OK : sqlite3_extended_errcode (db);
      sqlite3_finalize (stmt);
    }
  if (rc == SQLITE_OK)
    {
      rc = sqlite3_prepare_v2 (db, "PRAGMA integrity_check", -1, &stmt, NULL);
      if (rc == SQLITE_OK && sqlite3_step (stmt) == SQLITE_ROW &&
          g_strcmp0 ((const char *) sqlite3_column_text (stmt, 0), "ok") != 0)
        rc = SQLITE_CORRUPT;
      else if (rc == SQLITE_OK && sqlite3_errcode (db) != SQLITE_ROW && sqlite3_errcode (db) != SQLITE_OK)
        rc = sqlite3_extended_errcode (db);
      sqlite3_finalize (stmt);
    }
  sqlite3_close (db);
  return rc;
}

/* The VFS itself must catch it: SQLite never sees the page, so no
 * damage can reach it as a plausible but different page. */
static void
assert_refused (int rc)
{
  if (rc != SQLITE_IOERR_DATA)
    g_error ("expected SQLITE_IOERR_DATA, got %s (%d)", sqlite3_errstr (rc), rc);
}

/* Tests */

static void
test_round_trip (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *plain_path = g_build_filename (f->tmp, "plain.db", NULL);
  g_autofree char *word = NULL;
  guint8 wrong_key[32];
  sqlite3 *db;
  int rc;

  make_db (f->path, N_ROWS);
  g_assert_cmpint (solace_crypt_vfs_probe_file (f->path, &error), ==, SOLACE_CRYPT_FILE_ENCRYPTED);
  g_assert_no_error (error);
  assert_no_canary (f->dir);

  /* Right key: the same rows, FTS5 and json1 work, integrity holds. */
  db = open_crypt (f->path);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM notes"), ==, N_ROWS);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM notes_fts WHERE notes_fts MATCH '" CANARY "'"), ==, N_ROWS);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM notes WHERE json_extract (meta, '$.word') = '" CANARY "'"), ==, N_ROWS);
  word = query_text (db, "PRAGMA integrity_check");
  g_assert_cmpstr (word, ==, "ok");
  g_clear_pointer (&word, g_free);
  exec (db, "INSERT INTO notes_fts (notes_fts) VALUES ('integrity-check')");
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);
  g_assert_cmpint (read_everything (f->path), ==, SQLITE_OK);

  /* URI form. */
  {
    g_autofree char *uri = g_strdup_printf ("file:%s?vfs=" SOLACE_CRYPT_VFS_NAME, f->path);

    g_assert_cmpint (sqlite3_open_v2 (uri, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, NULL), ==, SQLITE_OK);
    g_assert_cmpint (query_int (db, "SELECT count(*) FROM notes"), ==, N_ROWS);
    sqlite3_close (db);
  }

  /* Wrong key: an error, never a row. */
  memcpy (wrong_key, test_key, sizeof wrong_key);
  wrong_key[7] ^= 1;
  g_assert_true (solace_crypt_vfs_set_key (f->path, wrong_key, test_id, &error));
  /* SQLite reads page 1 while opening, so the open itself fails. */
  rc = solace_crypt_vfs_open (f->path, SQLITE_OPEN_READWRITE, &db);
  g_assert_cmpint (rc, ==, SQLITE_IOERR);
  g_assert_cmpint (sqlite3_extended_errcode (db), ==, SQLITE_IOERR_DATA);
  sqlite3_close (db);
  assert_refused (read_everything (f->path));

  /* Wrong id: the same. */
  memcpy (wrong_key, test_id, 16);
  wrong_key[0] ^= 1;
  g_assert_true (solace_crypt_vfs_set_key (f->path, test_key, wrong_key, &error));
  assert_refused (read_everything (f->path));

  /* No key at all: not opened.  The registry counts holders: the
   * fixture's key and the two set above are each given back, and the
   * key stays until the last. */
  solace_crypt_vfs_forget_key (f->path);
  solace_crypt_vfs_forget_key (f->path);
  assert_refused (read_everything (f->path));
  solace_crypt_vfs_forget_key (f->path);
  g_assert_cmpint (solace_crypt_vfs_open (f->path, SQLITE_OPEN_READWRITE, &db), ==, SQLITE_CANTOPEN);
  sqlite3_close (db);
  g_assert_true (solace_crypt_vfs_set_key (f->path, test_key, test_id, &error));

  /* A plain database is told apart; a missing one too. */
  g_assert_cmpint (sqlite3_open (plain_path, &db), ==, SQLITE_OK);
  exec (db, "CREATE TABLE t (x); INSERT INTO t VALUES ('" CANARY "')");
  sqlite3_close (db);
  g_assert_cmpint (solace_crypt_vfs_probe_file (plain_path, &error), ==, SOLACE_CRYPT_FILE_PLAIN);
  /* The search finds the word where it is, in UTF-8 and UTF-16. */
  g_assert_true (file_holds (plain_path, CANARY));
  g_assert_cmpint (g_unlink (plain_path), ==, 0);
  g_assert_cmpint (sqlite3_open (plain_path, &db), ==, SQLITE_OK);
  exec (db, "PRAGMA encoding = 'UTF-16le'; CREATE TABLE t (x); INSERT INTO t VALUES ('" CANARY "')");
  sqlite3_close (db);
  g_assert_true (file_holds (plain_path, CANARY));
  g_assert_cmpint (solace_crypt_vfs_probe_file (f->tmp, &error), ==, SOLACE_CRYPT_FILE_UNKNOWN);
  g_clear_error (&error);
  g_assert_cmpint (solace_crypt_vfs_probe_file ("/nonexistent/solace.db", &error), ==, SOLACE_CRYPT_FILE_MISSING);
  g_assert_no_error (error);
}

static void
test_nothing_on_disk (Fixture       *f,
                      gconstpointer  data)
{
  sqlite3 *db;
  sqlite3_stmt *stmt = NULL;
  g_autofree char *wal = g_strconcat (f->path, "-wal", NULL);
  gint64 n = 0;

  /* Temporary files go to f->tmp, if any did. */
  g_assert_true (g_setenv ("SQLITE_TMPDIR", f->tmp, TRUE));

  db = open_crypt (f->path);
  create_schema (db);
  exec (db, "PRAGMA wal_autocheckpoint = 0; PRAGMA cache_size = 8;");

  /* Mid-transaction: the small cache spills pages into the log. */
  exec (db, "BEGIN");
  insert_rows (db, 0, N_ROWS);
  g_assert_true (g_file_test (wal, G_FILE_TEST_EXISTS));
  g_assert_cmpint (assert_no_canary (f->dir), >=, 3);
  exec (db, "COMMIT");

  /* Committed, not checkpointed. */
  assert_no_canary (f->dir);
  exec (db, "PRAGMA wal_checkpoint (PASSIVE)");
  assert_no_canary (f->dir);
  exec (db, "PRAGMA wal_checkpoint (TRUNCATE)");
  assert_no_canary (f->dir);

  exec (db, "VACUUM");
  assert_no_canary (f->dir);

  /* A sort far bigger than the cache, stopped midway. */
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT body || randomblob (2000) FROM notes ORDER BY random ()", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  assert_no_canary (f->dir);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    n++;
  g_assert_cmpint (n, ==, N_ROWS - 1);
  sqlite3_finalize (stmt);

  /* Even if a caller forgets temp_store = MEMORY, temporary files
   * never reach the disk: the VFS serves them from memory. */
  exec (db, "PRAGMA temp_store = FILE");
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT body || randomblob (2000) FROM notes ORDER BY random ()", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (assert_no_canary_in_open_files (f->dir), ==, 0);
  assert_no_canary (f->dir);
  sqlite3_finalize (stmt);
  exec (db, "VACUUM");
  assert_no_canary (f->dir);
  exec (db, "PRAGMA temp_store = MEMORY");

  /* A statement journal and an update in place. */
  exec (db, "UPDATE notes SET body = body || ' again' WHERE id % 3 = 0");
  assert_no_canary (f->dir);
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);
  assert_no_canary (f->dir);
  g_assert_cmpint (query_int (db = open_crypt (f->path), "SELECT count(*) FROM notes WHERE body LIKE '%again'"), ==, N_ROWS / 3);
  sqlite3_close (db);
  g_unsetenv ("SQLITE_TMPDIR");
}

static void
test_flipped_byte (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GBytes) orig = NULL;
  g_autofree char *scratch = g_build_filename (f->dir, "flip.db", NULL);
  gsize len;
  const guint8 *bytes;
  gsize pages;

  make_db (f->path, 40);
  orig = read_file (f->path);
  bytes = g_bytes_get_data (orig, &len);
  pages = len / SOLACE_CRYPT_PAGE_SIZE;
  g_assert_cmpuint (len % SOLACE_CRYPT_PAGE_SIZE, ==, 0);
  g_assert_cmpuint (pages, >=, 10);
  g_assert_true (solace_crypt_vfs_set_key (scratch, test_key, test_id, NULL));

  /* One byte of every page: in the text, in the nonce, in the tag. */
  for (gsize pg = 0; pg < pages; pg++)
    {
      static const gsize where[] = { 17, 300, 4000, 4060, 4090 };

      for (gsize w = 0; w < G_N_ELEMENTS (where); w++)
        {
          g_autofree guint8 *copy = g_memdup2 (bytes, len);
          g_autoptr(GBytes) b = NULL;

          copy[pg * SOLACE_CRYPT_PAGE_SIZE + where[w]] ^= 0x20;
          b = g_bytes_new_take (g_steal_pointer (&copy), len);
          write_file (scratch, b);
          assert_refused (read_everything (scratch));
        }
    }

  /* Two pages swapped. */
  for (gsize pg = 1; pg + 1 < pages; pg += 3)
    {
      g_autofree guint8 *copy = g_memdup2 (bytes, len);
      g_autoptr(GBytes) b = NULL;

      memcpy (copy + pg * SOLACE_CRYPT_PAGE_SIZE, bytes + (pg + 1) * SOLACE_CRYPT_PAGE_SIZE, SOLACE_CRYPT_PAGE_SIZE);
      memcpy (copy + (pg + 1) * SOLACE_CRYPT_PAGE_SIZE, bytes + pg * SOLACE_CRYPT_PAGE_SIZE, SOLACE_CRYPT_PAGE_SIZE);
      b = g_bytes_new_take (g_steal_pointer (&copy), len);
      write_file (scratch, b);
      assert_refused (read_everything (scratch));
    }

  /* A hole: a page of zeros. */
  {
    g_autofree guint8 *copy = g_memdup2 (bytes, len);
    g_autoptr(GBytes) b = NULL;

    memset (copy + 2 * SOLACE_CRYPT_PAGE_SIZE, 0, SOLACE_CRYPT_PAGE_SIZE);
    b = g_bytes_new_take (g_steal_pointer (&copy), len);
    write_file (scratch, b);
    assert_refused (read_everything (scratch));
  }

  /* The untouched copy reads fine, so the errors above are the flips. */
  write_file (scratch, orig);
  g_assert_cmpint (read_everything (scratch), ==, SQLITE_OK);
  solace_crypt_vfs_forget_key (scratch);
}

typedef enum { WAL_FLIP_PAGE, WAL_FLIP_HEADER, WAL_SWAP_FRAMES, WAL_SWAP_PAGES } WalDamage;

/* While a writer holds an un-checkpointed log, damages it on disk; a
 * second connection must then fail rather than read. */
static void
test_wal_damage (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *wal = g_strconcat (f->path, "-wal", NULL);
  const gsize frame = 24 + SOLACE_CRYPT_PAGE_SIZE;

  for (WalDamage how = WAL_FLIP_PAGE; how <= WAL_SWAP_PAGES; how++)
    {
      g_autoptr(GBytes) log = NULL;
      g_autofree guint8 *copy = NULL;
      g_autoptr(GBytes) b = NULL;
      sqlite3 *writer;
      gsize len, frames;

      make_db (f->path, 0);
      writer = open_crypt (f->path);
      exec (writer, "PRAGMA wal_autocheckpoint = 0");
      exec (writer, "BEGIN");
      insert_rows (writer, 0, 40);
      exec (writer, "COMMIT");
      g_assert_cmpint (read_everything (f->path), ==, SQLITE_OK);

      log = read_file (wal);
      len = g_bytes_get_size (log);
      frames = (len - 32) / frame;
      g_assert_cmpuint (frames, >=, 10);
      copy = g_memdup2 (g_bytes_get_data (log, NULL), len);
      for (gsize i = 0; i < frames; i++)
        {
          guint8 *fr = copy + 32 + i * frame;
          guint8 *next = fr + frame;

          switch (how)
            {
            case WAL_FLIP_PAGE:
              fr[24 + 100 + i] ^= 0x01;
              break;
            case WAL_FLIP_HEADER:
              fr[3] ^= 0x01;   /* the page number */
              break;
            case WAL_SWAP_FRAMES:
            case WAL_SWAP_PAGES:
              if (i % 2 == 0 && i + 1 < frames)
                {
                  gsize off = how == WAL_SWAP_PAGES ? 24 : 0;
                  g_autofree guint8 *tmp = g_memdup2 (fr + off, frame - off);

                  memcpy (fr + off, next + off, frame - off);
                  memcpy (next + off, tmp, frame - off);
                }
              break;
            default:
              g_assert_not_reached ();
            }
        }
      b = g_bytes_new_take (g_steal_pointer (&copy), len);
      write_file (wal, b);
      assert_refused (read_everything (f->path));

      /* Put it back so the writer closes cleanly. */
      write_file (wal, log);
      g_assert_cmpint (sqlite3_close (writer), ==, SQLITE_OK);
      g_assert_cmpint (read_everything (f->path), ==, SQLITE_OK);
      g_assert_cmpint (g_unlink (f->path), ==, 0);
    }
}

/* Recovery (no -shm, as after a crash) reads a damaged log: the log
 * ends before the first frame that does not verify, as SQLite does with
 * a torn write.  Whole transactions before it, nothing after, and never
 * other text. */
static void
test_wal_recovery (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *wal = g_strconcat (f->path, "-wal", NULL);
  g_autofree char *copy_path = g_build_filename (f->tmp, "copy.db", NULL);
  g_autofree char *copy_wal = g_strconcat (copy_path, "-wal", NULL);
  const gsize frame = 24 + SOLACE_CRYPT_PAGE_SIZE;
  g_autoptr(GBytes) main_file = NULL;
  g_autoptr(GBytes) log = NULL;
  sqlite3 *writer;
  gsize frames_first;
  gsize len;

  make_db (f->path, 0);
  writer = open_crypt (f->path);
  exec (writer, "PRAGMA wal_autocheckpoint = 0");
  exec (writer, "BEGIN");
  insert_rows (writer, 0, 20);
  exec (writer, "COMMIT");
  frames_first = (g_bytes_get_size (log = read_file (wal)) - 32) / frame;
  g_clear_pointer (&log, g_bytes_unref);
  exec (writer, "BEGIN");
  insert_rows (writer, 20, 20);
  exec (writer, "COMMIT");
  main_file = read_file (f->path);
  log = read_file (wal);
  len = g_bytes_get_size (log);
  g_assert_true (solace_crypt_vfs_set_key (copy_path, test_key, test_id, NULL));

  /* Undamaged: both transactions come back. */
  write_file (copy_path, main_file);
  write_file (copy_wal, log);
  g_assert_cmpint (read_everything (copy_path), ==, SQLITE_OK);
  {
    sqlite3 *db = open_crypt (copy_path);

    g_assert_cmpint (query_int (db, "SELECT count(*) FROM notes"), ==, 40);
    sqlite3_close (db);
  }

  /* A byte of the second transaction: only the first comes back. */
  for (gsize at = 0; at < 2; at++)
    {
      g_autofree guint8 *bytes = g_memdup2 (g_bytes_get_data (log, NULL), len);
      g_autoptr(GBytes) b = NULL;
      gsize fr = at == 0 ? frames_first : (len - 32) / frame - 1;
      sqlite3 *db;

      bytes[32 + fr * frame + 24 + 500] ^= 0x04;
      b = g_bytes_new_take (g_steal_pointer (&bytes), len);
      write_file (copy_path, main_file);
      write_file (copy_wal, b);
      g_assert_cmpint (read_everything (copy_path), ==, SQLITE_OK);
      db = open_crypt (copy_path);
      g_assert_cmpint (query_int (db, "SELECT count(*) FROM notes"), ==, 20);
      sqlite3_close (db);
    }

  solace_crypt_vfs_forget_key (copy_path);
  g_assert_cmpint (sqlite3_close (writer), ==, SQLITE_OK);
}

static void
test_sigkill (Fixture       *f,
              gconstpointer  data)
{
  sqlite3 *db;
  g_autofree char *check = NULL;
  gint64 rows;
  pid_t pid;
  int status = 0;

  make_db (f->path, 0);
  exec (db = open_crypt (f->path), "CREATE TABLE tx (n INTEGER NOT NULL, body TEXT NOT NULL)");
  sqlite3_close (db);

  pid = fork ();
  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    {
      sqlite3 *child = NULL;

      if (solace_crypt_vfs_open (f->path, SQLITE_OPEN_READWRITE, &child) != SQLITE_OK ||
          !solace_crypt_vfs_prepare (child, NULL))
        _exit (2);
      sqlite3_exec (child, "PRAGMA wal_autocheckpoint = 50", NULL, NULL, NULL);
      for (gint64 t = 0;; t++)
        {
          g_autofree char *sql = g_strdup_printf ("BEGIN;"
                                                  "WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM c WHERE i < 20)"
                                                  " INSERT INTO tx SELECT %" G_GINT64_FORMAT ", printf ('%%.2000c', 'x') || '" CANARY "' FROM c;"
                                                  "COMMIT;", t);

          if (sqlite3_exec (child, sql, NULL, NULL, NULL) != SQLITE_OK)
            _exit (3);
        }
    }

  /* Let it commit a good number of transactions, then kill it. */
  for (int i = 0; i < 200; i++)
    {
      g_usleep (20000);
      if (g_file_test (f->path, G_FILE_TEST_EXISTS) &&
          i > 30)
        break;
    }
  g_assert_cmpint (kill (pid, SIGKILL), ==, 0);
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_assert_true (WIFSIGNALED (status));
  assert_no_canary (f->dir);

  db = open_crypt (f->path);
  check = query_text (db, "PRAGMA integrity_check");
  g_assert_cmpstr (check, ==, "ok");
  rows = query_int (db, "SELECT count(*) FROM tx");
  g_assert_cmpint (rows, >, 0);
  /* Only whole transactions: every one has its 20 rows. */
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM (SELECT n FROM tx GROUP BY n HAVING count(*) != 20)"), ==, 0);
  g_assert_cmpint (query_int (db, "SELECT max(n) + 1 FROM tx"), ==, rows / 20);
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);
  assert_no_canary (f->dir);
}

static void
test_backup (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dest_path = g_build_filename (f->tmp, "copy.db", NULL);
  guint8 dest_id[16];
  sqlite3 *src, *dest;
  sqlite3_backup *backup;

  make_db (f->path, N_ROWS);
  randombytes_buf (dest_id, sizeof dest_id);
  g_assert_true (solace_crypt_vfs_set_key (dest_path, test_key, dest_id, &error));

  src = open_crypt (f->path);
  dest = open_crypt (dest_path);
  backup = sqlite3_backup_init (dest, "main", src, "main");
  g_assert_nonnull (backup);
  g_assert_cmpint (sqlite3_backup_step (backup, -1), ==, SQLITE_DONE);
  g_assert_cmpint (sqlite3_backup_finish (backup), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_close (dest), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_close (src), ==, SQLITE_OK);

  assert_no_canary (f->tmp);
  g_assert_cmpint (solace_crypt_vfs_probe_file (dest_path, NULL), ==, SOLACE_CRYPT_FILE_ENCRYPTED);
  g_assert_cmpint (read_everything (dest_path), ==, SQLITE_OK);
  dest = open_crypt (dest_path);
  g_assert_cmpint (query_int (dest, "SELECT count(*) FROM notes_fts WHERE notes_fts MATCH '" CANARY "'"), ==, N_ROWS);
  sqlite3_close (dest);

  /* Sealed again with the copy's own id: the source's id does not open it. */
  g_assert_true (solace_crypt_vfs_set_key (dest_path, test_key, test_id, &error));
  assert_refused (read_everything (dest_path));
  solace_crypt_vfs_forget_key (dest_path);
}

/* What the VFS refuses to write rather than write plaintext. */
static void
test_refusals (Fixture       *f,
               gconstpointer  data)
{
  sqlite3 *db = NULL;
  g_autofree char *bare = g_build_filename (f->tmp, "bare.db", NULL);

  /* A database without room for the seal is never written. */
  g_assert_true (solace_crypt_vfs_set_key (bare, test_key, test_id, NULL));
  g_assert_cmpint (solace_crypt_vfs_open (bare, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA journal_mode = WAL", NULL, NULL, NULL), !=, SQLITE_OK);
  g_assert_cmpint (sqlite3_extended_errcode (db) & 0xff, ==, SQLITE_IOERR);
  g_assert_cmpint (sqlite3_exec (db, "CREATE TABLE t (x)", NULL, NULL, NULL), !=, SQLITE_OK);
  g_assert_cmpint (sqlite3_extended_errcode (db) & 0xff, ==, SQLITE_IOERR);
  sqlite3_close (db);
  solace_crypt_vfs_forget_key (bare);

  /* A rollback journal would hold page images: refused. */
  make_db (f->path, 40);
  db = open_crypt (f->path);
  /* Leaving WAL rewrites page 1 under a rollback journal: refused. */
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA journal_mode = DELETE", NULL, NULL, NULL), !=, SQLITE_OK);
  g_assert_cmpint (sqlite3_extended_errcode (db) & 0xff, ==, SQLITE_IOERR);
  {
    g_autofree char *mode = query_text (db, "PRAGMA journal_mode");

    g_assert_cmpstr (mode, ==, "wal");
  }
  assert_no_canary (f->dir);
  sqlite3_close (db);
  g_assert_cmpint (read_everything (f->path), ==, SQLITE_OK);

  /* No memory mapping, whatever is asked. */
  db = open_crypt (f->path);
  exec (db, "PRAGMA mmap_size = 268435456");
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM notes"), ==, 40);
  sqlite3_close (db);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;

  g_test_init (&argc, &argv, NULL);
  g_assert_true (solace_crypt_vfs_register (&error));
  g_assert_no_error (error);
  randombytes_buf (test_key, sizeof test_key);
  randombytes_buf (test_id, sizeof test_id);

#define ADD(name, fn) g_test_add ("/crypt-vfs/" name, Fixture, NULL, fixture_set_up, fn, fixture_tear_down)
  ADD ("round-trip", test_round_trip);
  ADD ("nothing-on-disk", test_nothing_on_disk);
  ADD ("flipped-byte", test_flipped_byte);
  ADD ("wal-damage", test_wal_damage);
  ADD ("wal-recovery", test_wal_recovery);
  ADD ("sigkill", test_sigkill);
  ADD ("backup", test_backup);
  ADD ("refusals", test_refusals);
#undef ADD

  return g_test_run ();
}
