/* test-vault.c — the passphrase lock on disk: sealing, unsealing,
 * recovering from a kill, and nothing readable left behind
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <sodium.h>
#include <string.h>
#include <sys/file.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "solace-backup.h"
#include "solace-crypt-vfs.h"
#include "solace-database.h"
#include "solace-error.h"
#include "solace-incidents.h"
#include "solace-journal-store.h"
#include "solace-keys.h"
#include "solace-progress.h"
#include "solace-vault.h"
#include "solace-test-utils.h"

/* In every text a person writes; FTS keeps it lowercased. */
#define CANARY        "Quokkanarie"
#define CANARY_LOWER  "quokkanarie"
#define PASS          "correct horse battery staple"
#define PASS_NEW      "a new passphrase, months later"
#define N_ENTRIES     400

/* Says what went wrong before saying that something did. */
#define ASSERT_OK(call) \
  G_STMT_START { \
    gboolean ok_ = (call); \
    g_assert_no_error (error); \
    g_assert_true (ok_); \
  } G_STMT_END

/* The cheapest cost libsodium allows: Argon2 is test-keys' business. */
static const SolacePwhashParams cheap = { 1, 8192 };

/* $TMPDIR, $SQLITE_TMPDIR and $XDG_CACHE_HOME for the whole run: scanned
 * for the canary. */
static char *tmp_root;

typedef struct
{
  char              *dir;
  char              *data;      /* dir/solace */
  char              *path;      /* data/solace.db */
  char              *keys;      /* path.keys */
  char              *backups;   /* data/backups */
  SolaceKey         *key;
  SolaceRecoveryKey *recovery;
  char              *census;    /* table=rows… of the filled database */
} Fixture;

/* ---- Helpers ------------------------------------------------------------ */

static void
run (SolaceDatabase *db,
     const char     *sql,
     const char     *text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;

  solace_database_lock (db);
  stmt = solace_database_prepare (db, sql, &error);
  g_assert_no_error (error);
  if (sqlite3_bind_parameter_count (stmt) >= 1)
    sqlite3_bind_text (stmt, 1, text, -1, SQLITE_TRANSIENT);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  solace_database_unlock (db);
}

static gint64
query_int (SolaceDatabase *db,
           const char     *sql,
           const char     *text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gint64 value;

  solace_database_lock (db);
  stmt = solace_database_prepare (db, sql, &error);
  g_assert_no_error (error);
  if (sqlite3_bind_parameter_count (stmt) >= 1)
    sqlite3_bind_text (stmt, 1, text, -1, SQLITE_TRANSIENT);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  solace_database_unlock (db);
  return value;
}

static gboolean
has_table (SolaceDatabase *db,
           const char     *name)
{
  return query_int (db, "SELECT count(*) FROM main.sqlite_schema WHERE type = 'table' AND name = ?1", name) > 0;
}

/* Every table of the journal and its row count, in name order. */
static char *
census (SolaceDatabase *db)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  GString *out = g_string_new (NULL);

  solace_database_lock (db);
  stmt = solace_database_prepare (db,
                                  "SELECT name FROM main.sqlite_schema WHERE type = 'table'"
                                  " AND sql NOT LIKE 'CREATE VIRTUAL TABLE%' ORDER BY name",
                                  &error);
  g_assert_no_error (error);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *name = (const char *) sqlite3_column_text (stmt, 0);
      char *sql = sqlite3_mprintf ("SELECT count(*) FROM main.\"%w\"", name);

      g_string_append_printf (out, "%s=%" G_GINT64_FORMAT "\n", name, query_int (db, sql, NULL));
      sqlite3_free (sql);
    }
  solace_database_unlock (db);
  return g_string_free (out, FALSE);
}

static gint64
search (SolaceDatabase *db,
        const char     *word)
{
  return query_int (db, "SELECT count(*) FROM journal_fts WHERE journal_fts MATCH ?1", word);
}

/* integrity_check, the full-text index against its entries, the chain. */
static void
assert_healthy (SolaceDatabase *db)
{
  g_autoptr(GError) error = NULL;
  SolaceChainCheck check;

  ASSERT_OK (solace_database_check_integrity (db, &error));
  if (!solace_database_is_read_only (db))
    {
      ASSERT_OK (solace_database_exec (db, "INSERT INTO journal_fts (journal_fts, rank) VALUES ('integrity-check', 1)", &error));
    }
  ASSERT_OK (solace_incidents_verify (db, &check, &error));
  g_assert_true (check.intact);
}

static void
append_incident (SolaceDatabase *db,
                 gint64          at,
                 const char     *what)
{
  g_autoptr(SolaceIncident) incident = solace_incident_new ();
  g_autoptr(GError) error = NULL;

  incident->happened_at = at;
  incident->channel = SOLACE_CHANNEL_TEXT;
  incident->what = g_strdup (what);
  incident->response = g_strdup (what);
  incident->sender = g_strdup (what);
  incident->witnesses = g_strdup (what);
  incident->reference = g_strdup (what);
  {
    /* A file kept with it: its name and its bytes are the person's too. */
    SolaceAttachment *attachment = solace_attachment_new ();
    g_autofree char *bytes = g_strdup_printf ("%s, a screenshot's bytes", what);

    attachment->name = g_strdup_printf ("%s.png", what);
    attachment->size = strlen (bytes);
    attachment->data = g_bytes_new_take (g_steal_pointer (&bytes), attachment->size);
    solace_incident_add_attachment (incident, attachment);
  }
  ASSERT_OK (solace_incidents_append (db, incident, at + 60, &error));
}

static gboolean
is_gone (gpointer data)
{
  return *(gpointer *) data == NULL;
}

/* The body of entry @i: long enough that the file has some size. */
static char *
entry_body (guint i)
{
  GString *body = g_string_new (NULL);

  g_string_append_printf (body, "Day %u. " CANARY " wrote this. ", i);
  while (body->len < 1500)
    g_string_append_printf (body, "Line %u of what happened, and how it felt; ", (guint) body->len);
  return g_string_free (body, FALSE);
}

/* The canary in every text column a person fills, in every table the
 * journal has, through the stores where there is one and otherwise with
 * the SQL the app uses. */
static void
fill (SolaceDatabase *db)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SolaceJournalStore) store = solace_journal_store_new (db, &error);
  g_autoptr(GDate) today = g_date_new_dmy (20, G_DATE_NOVEMBER, 2026);
  g_autoptr(GDate) start = g_date_new_dmy (1, G_DATE_OCTOBER, 2026);
  const char *tags[] = { CANARY " tag", "work", NULL };
  const char *reasons[] = { CANARY " is why", "And me", NULL };

  g_assert_no_error (error);
  for (guint i = 0; i < N_ENTRIES; i++)
    {
      g_autoptr(SolaceJournalEntry) entry = solace_journal_entry_new (SOLACE_ENTRY_KIND_REFLECTION);
      g_autofree char *body = entry_body (i);

      solace_journal_entry_set_body (entry, body);
      if (i % 10 == 0)
        solace_journal_entry_set_tags (entry, tags);
      g_assert_cmpint (solace_journal_store_save (store, entry, &error), >, 0);
      g_assert_no_error (error);
    }
  solace_journal_store_flush (store);
  /* The store's own connections close with it: the vault refuses a
   * database that is open anywhere else. */
  {
    gpointer weak = store;

    g_object_add_weak_pointer (weak, &weak);
    g_clear_object (&store);
    g_assert_true (solace_test_wait_until (is_gone, &weak, 10000));
  }

  for (guint i = 0; i < 20; i++)
    append_incident (db, 1795780000 + i * 600, CANARY " sent a message");

  ASSERT_OK (solace_progress_save_reasons (db, reasons, &error));
  ASSERT_OK (solace_progress_set_start (db, start, today, &error));
  ASSERT_OK (solace_progress_log_urge (db, 1795700000, today, 7, CANARY " at the door", FALSE, &error));

  run (db, "INSERT INTO boundary (uuid, title, feeling, situation, action, condition, contact_level,"
           "  contact_other, consequence, active, position, created_at, updated_at) VALUES"
           " (?1 || '-b', ?1, ?1, ?1, ?1, ?1, 'other', ?1, ?1, 1, 1, 1795000000, 1795000500)", CANARY);
  run (db, "UPDATE plan_step SET title = ?1, notes = ?1 WHERE builtin = 'remove-number'", CANARY);
  run (db, "INSERT INTO contact (uuid, kind, name, relationship, phone, email, website, notes, good_for,"
           "  online, position, created_at, updated_at, next_session, session_remind) VALUES"
           " (?1 || '-c', 'therapist', ?1, ?1, ?1, ?1, ?1, ?1, 7, 1, 3, 1795000000, 1795000100,"
           "  '20301203T150000', 60)", CANARY);
  run (db, "INSERT INTO check_in (uuid, day, mood, emotions, self_care, signs, note, created_at, updated_at)"
           " VALUES (?1 || '-k', '2026-11-20', 2, 'grief', 3, 1, ?1, 1795650001, 1795650002)", CANARY);
  run (db, "INSERT INTO milestone_seen (stretch_uuid, days, seen_at) VALUES (?1, 7, 1791417600)", CANARY);
  run (db, "INSERT INTO preference (name, value) VALUES (?1, 1)", CANARY);
  run (db, "UPDATE stretch SET uuid = ?1 || '-s'", CANARY);
  /* Until the reminders move to reminders.db, they are the journal's. */
  if (has_table (db, "reminder"))
    {
      run (db, "INSERT INTO reminder (key, kind, enabled, rrule, dtstart, last_due, updated_at)"
               " VALUES ('boundary:' || ?1, 'boundary', 1, 'FREQ=DAILY', '20261102T090000', 0, 0)", CANARY);
      run (db, "INSERT INTO reminder_firing (reminder_id, due_at, fired_at, outcome)"
               " SELECT id, 1, 2, 'shown' FROM reminder WHERE key = 'boundary:' || ?1", CANARY);
    }

  /* The fixture itself: the canary really is in every table with a row
   * of text. */
  {
    g_autoptr(sqlite3_stmt) tables = NULL;

    solace_database_lock (db);
    tables = solace_database_prepare (db,
                                      "SELECT name FROM main.sqlite_schema WHERE type = 'table'"
                                      " AND sql NOT LIKE 'CREATE VIRTUAL TABLE%' AND name NOT LIKE 'journal_fts_%'"
                                      " AND name NOT LIKE 'sqlite_%'"
                                      /* Numbers and a fixed word only. */
                                      " AND name <> 'reminder_firing'",
                                      &error);
    g_assert_no_error (error);
    while (sqlite3_step (tables) == SQLITE_ROW)
      {
        const char *name = (const char *) sqlite3_column_text (tables, 0);
        g_autoptr(sqlite3_stmt) cols = NULL;
        GString *where = g_string_new ("0");
        char *sql;

        sql = sqlite3_mprintf ("SELECT name FROM pragma_table_info(%Q) WHERE type = 'TEXT'", name);
        cols = solace_database_prepare (db, sql, &error);
        sqlite3_free (sql);
        g_assert_no_error (error);
        while (sqlite3_step (cols) == SQLITE_ROW)
          {
            char *term = sqlite3_mprintf (" OR instr(\"%w\", '" CANARY "') > 0", (const char *) sqlite3_column_text (cols, 0));

            g_string_append (where, term);
            sqlite3_free (term);
          }
        sql = sqlite3_mprintf ("SELECT count(*) FROM main.\"%w\" WHERE %s", name, where->str);
        if (query_int (db, sql, NULL) == 0)
          g_error ("No canary in table %s", name);
        sqlite3_free (sql);
        g_string_free (where, TRUE);
      }
    solace_database_unlock (db);
  }
}

/* ---- Looking for the canary on disk -------------------------------------- */

static gboolean
contains (const guint8 *data,
          gsize         len,
          const guint8 *needle,
          gsize         n)
{
  for (gsize i = 0; n <= len && i <= len - n; i++)
    {
      const guint8 *at = memchr (data + i, needle[0], len - n - i + 1);

      if (at == NULL)
        return FALSE;
      i = at - data;
      if (memcmp (at, needle, n) == 0)
        return TRUE;
    }
  return FALSE;
}

/* The canary, either case, as UTF-8, UTF-16LE or UTF-16BE. */
static gboolean
has_canary (const guint8 *data,
            gsize         len)
{
  static const char * const words[] = { CANARY, CANARY_LOWER };

  for (guint w = 0; w < G_N_ELEMENTS (words); w++)
    {
      gsize n = strlen (words[w]);
      g_autofree guint8 *le = g_malloc0 (2 * n);
      g_autofree guint8 *be = g_malloc0 (2 * n);

      for (gsize i = 0; i < n; i++)
        {
          le[2 * i] = words[w][i];
          be[2 * i + 1] = words[w][i];
        }
      if (contains (data, len, (const guint8 *) words[w], n) ||
          contains (data, len, le, 2 * n) || contains (data, len, be, 2 * n))
        return TRUE;
    }
  return FALSE;
}

static gboolean
file_has_canary (const char *path)
{
  g_autofree char *contents = NULL;
  gsize len = 0;

  if (!g_file_get_contents (path, &contents, &len, NULL))
    return FALSE;
  return has_canary ((const guint8 *) contents, len);
}

/* The first file under @dir holding the canary, or NULL. */
static char *
scan_dir (const char *dir)
{
  g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
  const char *name;

  while (handle != NULL && (name = g_dir_read_name (handle)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      GStatBuf st;

      if (g_lstat (path, &st) != 0)
        continue;
      if (S_ISDIR (st.st_mode))
        {
          char *found = scan_dir (path);

          if (found != NULL)
            return found;
        }
      else if (S_ISREG (st.st_mode) && file_has_canary (path))
        return g_steal_pointer (&path);
    }
  return NULL;
}

/* Files this process has open, deleted ones too (SQLite unlinks its
 * temporary files at once): the first holding the canary, or NULL. */
static char *
scan_open_files (const char *only_under)
{
  g_autoptr(GDir) handle = g_dir_open ("/proc/self/fd", 0, NULL);
  const char *name;

  g_assert_nonnull (handle);
  while ((name = g_dir_read_name (handle)) != NULL)
    {
      g_autofree char *fd_path = g_build_filename ("/proc/self/fd", name, NULL);
      g_autofree char *target = g_file_read_link (fd_path, NULL);
      GStatBuf st;

      if (target == NULL || g_stat (fd_path, &st) != 0 || !S_ISREG (st.st_mode) ||
          (only_under != NULL && !g_str_has_prefix (target, only_under)))
        continue;
      if (file_has_canary (fd_path))
        return g_steal_pointer (&target);
    }
  return NULL;
}

static void
assert_no_canary (Fixture    *f,
                  const char *when)
{
  char *found;

  if ((found = scan_dir (f->dir)) != NULL ||
      (found = scan_dir (tmp_root)) != NULL ||
      (found = scan_open_files (NULL)) != NULL)
    g_error ("%s: the canary is readable in %s", when, found);
}

/* ---- Fixture -------------------------------------------------------------- */

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SolaceDatabase) db = NULL;

  f->dir = g_dir_make_tmp ("solace-vault-XXXXXX", &error);
  g_assert_no_error (error);
  f->data = g_build_filename (f->dir, "solace", NULL);
  f->path = g_build_filename (f->data, "solace.db", NULL);
  f->keys = solace_keys_path_for_database (f->path);
  f->backups = g_build_filename (f->data, "backups", NULL);

  db = solace_database_open (f->path, SOLACE_DATABASE_FLAGS_NONE, &error);
  g_assert_no_error (error);
  fill (db);
  f->census = census (db);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  solace_test_rm_rf (f->dir);
  g_clear_pointer (&f->key, solace_key_free);
  g_clear_pointer (&f->recovery, solace_recovery_key_free);
  g_free (f->census);
  g_free (f->backups);
  g_free (f->keys);
  g_free (f->path);
  g_free (f->data);
  g_free (f->dir);
}

static void
make_keys (Fixture *f)
{
  g_autoptr(GError) error = NULL;

  f->key = solace_keys_create (f->keys, PASS, &cheap, &f->recovery, &error);
  g_assert_no_error (error);
  g_assert_nonnull (f->key);
}

static void
seal (Fixture *f)
{
  g_autoptr(GError) error = NULL;

  make_keys (f);
  ASSERT_OK (solace_vault_seal (f->path, f->key, NULL, NULL, NULL, &error));
}

static SolaceDatabase *
open_sealed (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  SolaceDatabase *db = solace_database_open_sealed (f->path, SOLACE_DATABASE_FLAGS_NONE, f->key, &error);

  g_assert_no_error (error);
  g_assert_nonnull (db);
  g_assert_true (solace_database_is_sealed (db));
  return db;
}

static SolaceDatabase *
open_plain (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  SolaceDatabase *db = solace_database_open (f->path, SOLACE_DATABASE_FLAGS_NONE, &error);
  g_assert_no_error (error);
  g_assert_false (solace_database_is_sealed (db));
  return db;
}

/* Nothing half-done left beside the database. */
static void
assert_no_leftovers (Fixture *f)
{
  static const char * const suffixes[] = { ".new", ".new-wal", ".new-shm", ".new-journal", ".swap" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *p = g_strconcat (f->path, suffixes[i], NULL);

      if (g_file_test (p, G_FILE_TEST_EXISTS))
        g_error ("%s is left behind", p);
    }
}

/* Every file under @dir is 0600, every folder 0700. */
static void
assert_private (const char *dir)
{
  g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
  const char *name;

  while (handle != NULL && (name = g_dir_read_name (handle)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      GStatBuf st;

      g_assert_cmpint (g_lstat (path, &st), ==, 0);
      if (S_ISDIR (st.st_mode))
        {
          g_assert_cmpint (st.st_mode & 0777, ==, 0700);
          assert_private (path);
        }
      else if ((st.st_mode & 0777) != 0600)
        g_error ("%s has mode %o", path, st.st_mode & 0777);
    }
}

/* The database is what it was filled with, and readable as it says. */
static void
assert_whole (Fixture          *f,
              SolaceVaultState  state)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SolaceDatabase) db = NULL;
  g_autofree char *now = NULL;

  g_assert_cmpint (solace_vault_get_state (f->path, &error), ==, state);
  g_assert_no_error (error);
  db = state == SOLACE_VAULT_SEALED ? open_sealed (f) : open_plain (f);
  now = census (db);
  g_assert_cmpstr (now, ==, f->census);
  g_assert_cmpint (search (db, CANARY), ==, N_ENTRIES);
  assert_healthy (db);
  /* Sealed data always has its key file.  Plain data may have one left
   * by a set-up that never finished (recovery leaves it alone). */
  if (state == SOLACE_VAULT_SEALED)
    g_assert_true (solace_keys_exist (f->keys));
}

/* ---- Tests ---------------------------------------------------------------- */

static void
record_progress_cb (double   fraction,
                    gpointer user_data)
{
  GArray *seen = user_data;

  g_array_append_val (seen, fraction);
}

static void
assert_progress (GArray *seen)
{
  g_assert_cmpuint (seen->len, >=, 3);
  for (guint i = 1; i < seen->len; i++)
    g_assert_cmpfloat (g_array_index (seen, double, i), >=, g_array_index (seen, double, i - 1));
  g_assert_cmpfloat (g_array_index (seen, double, 0), ==, 0.0);
  g_assert_cmpfloat (g_array_index (seen, double, seen->len - 1), ==, 1.0);
}

/* Plain → sealed → plain, with every table filled: the same rows, search
 * working, the chain intact, and each file private under any umask. */
static void
test_round_trip (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) seen = g_array_new (FALSE, FALSE, sizeof (double));
  mode_t old_umask;

  g_assert_cmpint (solace_vault_get_state (f->path, &error), ==, SOLACE_VAULT_PLAIN);
  g_assert_no_error (error);
  g_assert_true (file_has_canary (f->path));

  make_keys (f);
  old_umask = umask (0);
  ASSERT_OK (solace_vault_seal (f->path, f->key, record_progress_cb, seen, NULL, &error));
  umask (old_umask);
  assert_progress (seen);
  assert_no_leftovers (f);
  assert_private (f->data);
  assert_no_canary (f, "sealed");
  g_assert_cmpint (solace_crypt_vfs_probe_file (f->path, NULL), ==, SOLACE_CRYPT_FILE_ENCRYPTED);
  assert_whole (f, SOLACE_VAULT_SEALED);

  /* Written to while sealed, then back. */
  {
    g_autoptr(SolaceDatabase) db = open_sealed (f);
    g_autoptr(SolaceDatabase) reader = solace_database_open_reader (db, &error);

    g_assert_no_error (error);
    g_assert_true (solace_database_is_sealed (reader));
    g_assert_cmpint (search (reader, CANARY_LOWER), ==, N_ENTRIES);
    run (db, "INSERT INTO reason (uuid, text, position, created_at) VALUES ('r9', ?1, 9, 0)", CANARY " later");
    g_free (f->census);
    f->census = census (db);
  }
  assert_no_canary (f, "written while sealed");

  g_array_set_size (seen, 0);
  old_umask = umask (0);
  ASSERT_OK (solace_vault_unseal (f->path, f->key, record_progress_cb, seen, NULL, &error));
  umask (old_umask);
  assert_progress (seen);
  assert_no_leftovers (f);
  assert_private (f->data);
  g_assert_false (solace_keys_exist (f->keys));
  assert_whole (f, SOLACE_VAULT_PLAIN);

  /* And sealed again, with a new key: a plain copy keeps the room. */
  g_clear_pointer (&f->key, solace_key_free);
  g_clear_pointer (&f->recovery, solace_recovery_key_free);
  seal (f);
  assert_whole (f, SOLACE_VAULT_SEALED);
  assert_no_canary (f, "sealed again");
}

/* What refuses: the wrong key, the wrong state, a database in use. */
static void
test_refusals (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SolaceKey) other = NULL;
  g_autoptr(SolaceRecoveryKey) other_recovery = NULL;
  g_autofree char *other_keys = g_build_filename (f->dir, "other.keys", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  other = solace_keys_create (other_keys, PASS, &cheap, &other_recovery, &error);
  g_assert_no_error (error);
  make_keys (f);

  /* A key the key file does not hold is never used to seal. */
  g_assert_false (solace_vault_seal (f->path, other, NULL, NULL, NULL, &error));
  g_assert_error (error, SOLACE_KEYS_ERROR, SOLACE_KEYS_ERROR_MISMATCH);
  g_clear_error (&error);
  g_assert_cmpint (solace_vault_get_state (f->path, NULL), ==, SOLACE_VAULT_PLAIN);
  assert_no_leftovers (f);

  /* Open elsewhere: refused, not copied mid-write. */
  {
    g_autoptr(SolaceDatabase) busy = open_plain (f);

    g_assert_false (solace_vault_seal (f->path, f->key, NULL, NULL, NULL, &error));
    g_assert_error (error, SOLACE_ERROR, SOLACE_ERROR_BUSY);
    g_clear_error (&error);
    g_assert_cmpint (solace_vault_get_state (f->path, NULL), ==, SOLACE_VAULT_PLAIN);
    assert_no_leftovers (f);
  }

  /* Stopped before it starts. */
  {
    g_autoptr(GCancellable) cancellable = g_cancellable_new ();

    g_cancellable_cancel (cancellable);
    g_assert_false (solace_vault_seal (f->path, f->key, NULL, NULL, cancellable, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
    g_clear_error (&error);
    assert_no_leftovers (f);
  }

  g_assert_false (solace_vault_unseal (f->path, f->key, NULL, NULL, NULL, &error));
  g_assert_error (error, SOLACE_ERROR, SOLACE_ERROR_INVALID);
  g_clear_error (&error);

  ASSERT_OK (solace_vault_seal (f->path, f->key, NULL, NULL, NULL, &error));
  g_assert_false (solace_vault_seal (f->path, f->key, NULL, NULL, NULL, &error));
  g_assert_error (error, SOLACE_ERROR, SOLACE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (solace_vault_unseal (f->path, other, NULL, NULL, NULL, &error));
  g_assert_error (error, SOLACE_KEYS_ERROR, SOLACE_KEYS_ERROR_MISMATCH);
  g_clear_error (&error);

  /* Locked: never "damaged", never "not a database", nothing written. */
  before = solace_test_checksum_file (f->path);
  for (guint flags = 0; flags < 2; flags++)
    {
      g_assert_null (solace_database_open (f->path, flags, &error));
      g_assert_error (error, SOLACE_ERROR, SOLACE_ERROR_LOCKED);
      g_clear_error (&error);
    }
  /* The wrong key reads nothing and writes nothing. */
  g_assert_null (solace_database_open_sealed (f->path, SOLACE_DATABASE_FLAGS_NONE, other, &error));
  g_assert_error (error, SOLACE_ERROR, SOLACE_ERROR_CORRUPT);
  g_clear_error (&error);
  after = solace_test_checksum_file (f->path);
  g_assert_cmpstr (before, ==, after);
  /* The right one still opens after a wrong one was tried. */
  {
    g_autoptr(SolaceDatabase) db = open_sealed (f);

    g_assert_cmpint (search (db, CANARY), ==, N_ENTRIES);
  }

  /* Wrong passphrase and wrong recovery key, refused calmly. */
  g_assert_null (solace_keys_unlock_passphrase (f->keys, PASS_NEW, &error));
  g_assert_error (error, SOLACE_KEYS_ERROR, SOLACE_KEYS_ERROR_WRONG_PASSPHRASE);
  g_clear_error (&error);
  g_assert_null (solace_keys_unlock_recovery_key (f->keys, other_recovery, &error));
  g_assert_error (error, SOLACE_KEYS_ERROR, SOLACE_KEYS_ERROR_WRONG_RECOVERY_KEY);
  g_clear_error (&error);
  {
    g_autoptr(SolaceKey) by_pass = solace_keys_unlock_passphrase (f->keys, PASS, &error);
    g_autoptr(SolaceKey) by_recovery = solace_keys_unlock_recovery_key (f->keys, f->recovery, &error);

    g_assert_no_error (error);
    g_assert_true (solace_key_equal (by_pass, f->key));
    g_assert_true (solace_key_equal (by_recovery, f->key));
  }

  /* A plain file is not opened as a sealed one. */
  {
    g_autofree char *plain = g_build_filename (f->dir, "plain.db", NULL);
    g_autoptr(SolaceDatabase) db = solace_database_open (plain, SOLACE_DATABASE_FLAGS_NONE, &error);
    g_clear_object (&db);
    g_assert_null (solace_database_open_sealed (plain, SOLACE_DATABASE_FLAGS_NONE, f->key, &error));
    g_assert_error (error, SOLACE_ERROR, SOLACE_ERROR_INVALID);
    g_clear_error (&error);
  }

  /* Sealed without its key file: said, not guessed at. */
  ASSERT_OK (solace_keys_remove (f->keys, &error));
  solace_vault_get_state (f->path, &error);
  g_assert_error (error, SOLACE_KEYS_ERROR, SOLACE_KEYS_ERROR_NOT_FOUND);
}

/* The canary, with the lock on, in no file anywhere: mid-transaction
 * with a log not yet written back, after a checkpoint, after VACUUM,
 * during a sort that spills, after a backup and after SIGKILL. */
static void
test_canary (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *plain_copy = g_build_filename (f->dir, "control", "plain.db", NULL);
  g_autofree char *body = entry_body (0);

  /* The control: a plain copy, made before the lock, sorted the same way
   * spills the canary into a temporary file, which the scan must see. */
  {
    g_autoptr(SolaceDatabase) db = open_plain (f);
    g_autofree char *control_dir = g_path_get_dirname (plain_copy);
    sqlite3 *plain = NULL;
    sqlite3_stmt *stmt = NULL;
    char *found;

    g_assert_cmpint (g_mkdir (control_dir, 0700), ==, 0);
    run (db, "VACUUM INTO ?1", plain_copy);
    g_clear_object (&db);
    g_assert_cmpint (sqlite3_open (plain_copy, &plain), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_exec (plain, "PRAGMA cache_size = 10", NULL, NULL, NULL), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_prepare_v2 (plain, "SELECT body FROM journal_entry ORDER BY substr (body, 9), id", -1, &stmt, NULL), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    found = scan_open_files (tmp_root);
    g_assert_nonnull (found);
    g_test_message ("The control's spilled sort: %s", found);
    g_free (found);
    sqlite3_finalize (stmt);
    sqlite3_close (plain);
    solace_test_rm_rf (control_dir);
  }

  seal (f);
  assert_no_canary (f, "sealed");

  {
    g_autoptr(SolaceDatabase) db = open_sealed (f);
    sqlite3 *handle = solace_database_get_handle (db);
    sqlite3_stmt *stmt = NULL;

    /* Committed, and not written back into the file. */
    ASSERT_OK (solace_database_exec (db, "PRAGMA wal_autocheckpoint = 0", &error));
    for (guint i = 0; i < 20; i++)
      run (db, "INSERT INTO reason (uuid, text, position, created_at) VALUES (lower (hex (randomblob (8))), ?1, 5, 0)", CANARY " committed");
    assert_no_canary (f, "committed, not checkpointed");

    /* Mid-transaction, with a cache small enough to spill pages into
     * the log before the commit. */
    ASSERT_OK (solace_database_exec (db, "PRAGMA cache_size = 10", &error));
    ASSERT_OK (solace_database_begin (db, &error));
    for (guint i = 0; i < 300; i++)
      run (db, "INSERT INTO journal_entry (uuid, kind, body, day, created_at, updated_at)"
               " VALUES (lower (hex (randomblob (16))), 'reflection', ?1, '2026-11-20', 1, 1)", body);
    assert_no_canary (f, "mid-transaction");
    ASSERT_OK (solace_database_commit (db, &error));
    assert_no_canary (f, "after the commit");

    ASSERT_OK (solace_database_exec (db, "PRAGMA wal_checkpoint(TRUNCATE)", &error));
    assert_no_canary (f, "after a checkpoint");

    ASSERT_OK (solace_database_exec (db, "VACUUM", &error));
    assert_no_canary (f, "after VACUUM");

    /* The same sort as the control: its temporary files are the VFS's,
     * in memory. */
    g_assert_cmpint (sqlite3_prepare_v2 (handle, "SELECT body FROM journal_entry ORDER BY substr (body, 9), id", -1, &stmt, NULL), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    assert_no_canary (f, "during a sort that spills");
    sqlite3_finalize (stmt);

    /* A backup is sealed, with the key file beside it. */
    {
      g_autoptr(GDate) today = g_date_new_dmy (21, G_DATE_NOVEMBER, 2026);
      g_autofree char *made = NULL;
      g_autofree char *made_keys = NULL;

      ASSERT_OK (solace_backup_make (db, f->backups, today, TRUE, &made, &error));
      g_assert_cmpint (solace_crypt_vfs_probe_file (made, NULL), ==, SOLACE_CRYPT_FILE_ENCRYPTED);
      made_keys = solace_keys_path_for_database (made);
      g_assert_true (solace_keys_exist (made_keys));
      assert_no_canary (f, "after a backup");
      assert_private (f->data);
    }
  }

  /* Killed mid-write, with a log full of frames and an index beside it. */
  {
    pid_t pid = fork ();
    int status = 0;

    g_assert_cmpint (pid, >=, 0);
    if (pid == 0)
      {
        SolaceDatabase *db = solace_database_open_sealed (f->path, SOLACE_DATABASE_FLAGS_NONE, f->key, NULL);

        if (db == NULL)
          _exit (3);
        solace_database_exec (db, "PRAGMA wal_autocheckpoint = 0", NULL);
        for (guint i = 0; i < 50; i++)
          run (db, "INSERT INTO reason (uuid, text, position, created_at) VALUES (lower (hex (randomblob (8))), ?1, 5, 0)", CANARY " before the kill");
        solace_database_begin (db, NULL);
        run (db, "INSERT INTO reason (uuid, text, position, created_at) VALUES ('never', ?1, 5, 0)", CANARY " uncommitted");
        raise (SIGKILL);
        _exit (4);
      }
    g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
    g_assert_true (WIFSIGNALED (status));
    g_assert_cmpint (WTERMSIG (status), ==, SIGKILL);
    assert_no_canary (f, "after SIGKILL");
  }
  {
    g_autoptr(SolaceDatabase) db = open_sealed (f);

    g_assert_cmpint (query_int (db, "SELECT count(*) FROM reason WHERE text = ?1", CANARY " before the kill"), ==, 50);
    g_assert_cmpint (query_int (db, "SELECT count(*) FROM reason WHERE uuid = 'never'", NULL), ==, 0);
    assert_healthy (db);
  }
  assert_no_canary (f, "reopened after SIGKILL");
}

/* Every body in @db is one of those written (or @db fails to read):
 * never changed text.  Returns whether everything was read. */
static gboolean
read_all_or_fail (const char      *path,
                  const SolaceKey *key,
                  GHashTable      *allowed)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SolaceDatabase) db = solace_database_open_sealed (path, SOLACE_DATABASE_FLAGS_NONE, key, &error);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  if (db == NULL)
    return FALSE;
  if (!solace_database_check_integrity (db, NULL))
    return FALSE;
  stmt = solace_database_prepare (db, "SELECT body FROM journal_entry", NULL);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *body = (const char *) sqlite3_column_text (stmt, 0);

      if (!g_hash_table_contains (allowed, body))
        g_error ("A changed text was read back");
    }
  return rc == SQLITE_DONE;
}

static void
copy_file (const char *from,
           const char *to)
{
  g_autofree char *contents = NULL;
  gsize len = 0;
  g_autoptr(GError) error = NULL;

  g_unlink (to);
  if (!g_file_get_contents (from, &contents, &len, NULL))
    return;
  ASSERT_OK (g_file_set_contents (to, contents, len, &error));
}

static void
flip_byte (const char *path,
           goffset     offset)
{
  int fd = g_open (path, O_RDWR, 0);
  guint8 b;

  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (pread (fd, &b, 1, offset), ==, 1);
  b ^= 0x20;
  g_assert_cmpint (pwrite (fd, &b, 1, offset), ==, 1);
  close (fd);
}

/* One flipped byte in any page, or in any frame of the log: an error or
 * the last transaction dropped, never changed text. */
static void
test_tamper (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GHashTable) original = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) either = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *pristine = g_build_filename (f->dir, "pristine.db", NULL);
  g_autofree char *pristine_wal = g_build_filename (f->dir, "pristine.db-wal", NULL);
  g_autofree char *wal = g_strconcat (f->path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (f->path, "-shm", NULL);
  GStatBuf st;
  guint pages, frames, refused = 0;
  guint dropped, sampled;

  seal (f);
  /* The bodies as stored, and as the kill below changes them. */
  {
    g_autoptr(SolaceDatabase) db = open_sealed (f);
    g_autoptr(GError) error = NULL;
    g_autoptr(sqlite3_stmt) stmt = solace_database_prepare (db, "SELECT body FROM journal_entry", &error);

    g_assert_no_error (error);
    while (sqlite3_step (stmt) == SQLITE_ROW)
      {
        const char *body = (const char *) sqlite3_column_text (stmt, 0);

        g_hash_table_add (either, g_strconcat (body, " changed", NULL));
        g_hash_table_add (either, g_strdup (body));
        g_hash_table_add (original, g_strdup (body));
      }
  }
  copy_file (f->path, pristine);
  g_assert_cmpint (g_stat (pristine, &st), ==, 0);
  pages = st.st_size / SOLACE_CRYPT_PAGE_SIZE;
  g_assert_cmpuint (pages, >, 50);

  /* A byte of every page in turn, the magic aside. */
  for (guint p = 0; p < pages; p++)
    {
      copy_file (pristine, f->path);
      flip_byte (f->path, (goffset) p * SOLACE_CRYPT_PAGE_SIZE + (p == 0 ? 100 : 1 + g_random_int_range (0, SOLACE_CRYPT_PAGE_SIZE - 1)));
      if (!read_all_or_fail (f->path, f->key, original))
        refused++;
      g_unlink (wal);
      g_unlink (shm);
    }
  /* Pages that hold nothing read (free pages, unused FTS leaves) need
   * not fail the read, but most do. */
  g_assert_cmpuint (refused, >, pages * 3 / 4);

  /* A log with one transaction, left by a kill: every body changed. */
  copy_file (pristine, f->path);
  {
    pid_t pid = fork ();
    int status = 0;

    if (pid == 0)
      {
        SolaceDatabase *db = solace_database_open_sealed (f->path, SOLACE_DATABASE_FLAGS_NONE, f->key, NULL);

        if (db == NULL || !solace_database_exec (db, "PRAGMA wal_autocheckpoint = 0", NULL) ||
            !solace_database_exec (db, "UPDATE journal_entry SET body = body || ' changed'", NULL))
          _exit (3);
        raise (SIGKILL);
      }
    g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
    g_assert_true (WIFSIGNALED (status));
  }
  g_unlink (shm);
  copy_file (wal, pristine_wal);
  g_assert_cmpint (g_stat (pristine_wal, &st), ==, 0);
  frames = (st.st_size - 32) / (24 + SOLACE_CRYPT_PAGE_SIZE);
  g_assert_cmpuint (frames, >, 10);
  /* The log as it is: the change is there. */
  copy_file (pristine, f->path);
  copy_file (pristine_wal, wal);
  {
    g_autoptr(SolaceDatabase) db = open_sealed (f);

    g_assert_cmpint (query_int (db, "SELECT count(*) FROM journal_entry WHERE body LIKE '%changed'", NULL), ==, N_ENTRIES);
  }

  /* A byte of each frame's page, read back by recovery: the page reads
   * as zeros, so the log ends before that frame and the transaction is
   * dropped whole.  (A page that was all zeros to begin with — SQLite
   * zeroes the pages it frees — reads back the same, and the frame
   * stands: nothing it says has changed.)  Never half a transaction,
   * never changed text. */
  dropped = 0;
  sampled = 0;
  for (guint k = 0; k < frames; k += MAX (1, frames / 40))
    {
      g_autoptr(SolaceDatabase) db = NULL;
      gint64 changed;

      copy_file (pristine, f->path);
      copy_file (pristine_wal, wal);
      g_unlink (shm);
      flip_byte (wal, 32 + (goffset) k * (24 + SOLACE_CRYPT_PAGE_SIZE) + 24 + 1 + g_random_int_range (0, SOLACE_CRYPT_PAGE_SIZE - 1));
      g_assert_true (read_all_or_fail (f->path, f->key, either));
      db = open_sealed (f);
      changed = query_int (db, "SELECT count(*) FROM journal_entry WHERE body LIKE '%changed'", NULL);
      g_assert_true (changed == 0 || changed == N_ENTRIES);
      sampled++;
      if (changed == 0)
        dropped++;
    }
  g_assert_cmpuint (dropped, >, sampled / 2);

  /* With the log already indexed by an open connection (no recovery): a
   * frame changed underneath is an error, never text. */
  copy_file (pristine, f->path);
  copy_file (pristine_wal, wal);
  g_unlink (shm);
  {
    g_autoptr(SolaceDatabase) holder = open_sealed (f);
    g_autoptr(GError) error = NULL;

    g_assert_cmpint (query_int (holder, "SELECT count(*) FROM journal_entry", NULL), ==, N_ENTRIES);
    for (guint k = 0; k < frames; k++)
      flip_byte (wal, 32 + (goffset) k * (24 + SOLACE_CRYPT_PAGE_SIZE) + 24 + 7);
    g_assert_false (read_all_or_fail (f->path, f->key, either));
  }
}

typedef struct
{
  const char       *step;
  SolaceVaultState  after;
} KillStep;

static const KillStep seal_steps[] = {
  { "copy-start", SOLACE_VAULT_PLAIN },
  { "copy-mid", SOLACE_VAULT_PLAIN },
  { "copied", SOLACE_VAULT_PLAIN },
  { "verified", SOLACE_VAULT_PLAIN },
  { "marker-created", SOLACE_VAULT_SEALED },
  { "marker-written", SOLACE_VAULT_SEALED },
  { "old-log-removed", SOLACE_VAULT_SEALED },
  { "renamed", SOLACE_VAULT_SEALED },
};

static const KillStep unseal_steps[] = {
  { "copy-start", SOLACE_VAULT_SEALED },
  { "copy-mid", SOLACE_VAULT_SEALED },
  { "copied", SOLACE_VAULT_SEALED },
  { "verified", SOLACE_VAULT_SEALED },
  { "marker-created", SOLACE_VAULT_PLAIN },
  { "marker-written", SOLACE_VAULT_PLAIN },
  { "old-log-removed", SOLACE_VAULT_PLAIN },
  { "renamed", SOLACE_VAULT_PLAIN },
  { "keys-removed", SOLACE_VAULT_PLAIN },
};

/* Runs the change (or, with @direction 2, recovery) in a child with
 * SOLACE_VAULT_KILL_AT=@step, which must die by SIGKILL there. */
static void
run_killed (Fixture    *f,
            int         direction,
            const char *step)
{
  pid_t pid;
  int status = 0;

  pid = fork ();
  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    {
      gboolean ok;

      g_setenv ("SOLACE_VAULT_KILL_AT", step, TRUE);
      if (direction == 0)
        ok = solace_vault_seal (f->path, f->key, NULL, NULL, NULL, NULL);
      else if (direction == 1)
        ok = solace_vault_unseal (f->path, f->key, NULL, NULL, NULL, NULL);
      else
        ok = solace_vault_recover (f->path, NULL);
      _exit (ok ? 0 : 1);
    }
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  if (!WIFSIGNALED (status) || WTERMSIG (status) != SIGKILL)
    g_error ("Step %s was never reached (status %d)", step, status);
}

static void
recover_and_check (Fixture          *f,
                   SolaceVaultState  expected,
                   const char       *step)
{
  g_autoptr(GError) error = NULL;

  ASSERT_OK (solace_vault_recover (f->path, &error));
  /* Cheap and idempotent. */
  ASSERT_OK (solace_vault_recover (f->path, &error));
  assert_no_leftovers (f);
  if (solace_vault_get_state (f->path, NULL) != expected)
    g_error ("After a kill at %s: state %d, expected %d", step, solace_vault_get_state (f->path, NULL), expected);
  assert_whole (f, expected);
  assert_private (f->data);
  if (expected == SOLACE_VAULT_SEALED)
    assert_no_canary (f, step);
}

/* SIGKILL at every step of both ways: exactly one whole database after
 * recovery, plain or sealed as the step says, with every row. */
static void
test_kill_steps (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (seal_steps); i++)
    {
      g_test_message ("seal, killed at %s", seal_steps[i].step);
      if (f->key == NULL)
        make_keys (f);
      run_killed (f, 0, seal_steps[i].step);
      recover_and_check (f, seal_steps[i].after, seal_steps[i].step);
      if (seal_steps[i].after == SOLACE_VAULT_PLAIN)
        {
          /* The unfinished set-up's key file stays (a set-up may be
           * going on elsewhere); the next set-up replaces it. */
          g_assert_true (solace_keys_exist (f->keys));
          ASSERT_OK (solace_keys_remove (f->keys, &error));
          g_clear_pointer (&f->key, solace_key_free);
          g_clear_pointer (&f->recovery, solace_recovery_key_free);
        }
      else
        {
          ASSERT_OK (solace_vault_unseal (f->path, f->key, NULL, NULL, NULL, &error));
          g_clear_pointer (&f->key, solace_key_free);
          g_clear_pointer (&f->recovery, solace_recovery_key_free);
        }
    }

  for (guint i = 0; i < G_N_ELEMENTS (unseal_steps); i++)
    {
      g_test_message ("unseal, killed at %s", unseal_steps[i].step);
      if (f->key == NULL)
        seal (f);
      run_killed (f, 1, unseal_steps[i].step);
      recover_and_check (f, unseal_steps[i].after, unseal_steps[i].step);
      if (unseal_steps[i].after == SOLACE_VAULT_PLAIN)
        {
          /* Unsealed for good: the key file went with the swap. */
          g_assert_false (solace_keys_exist (f->keys));
          g_clear_pointer (&f->key, solace_key_free);
          g_clear_pointer (&f->recovery, solace_recovery_key_free);
        }
    }

  /* Killed again while recovery finishes the swap. */
  if (f->key != NULL)
    {
      ASSERT_OK (solace_vault_unseal (f->path, f->key, NULL, NULL, NULL, &error));
      g_clear_pointer (&f->key, solace_key_free);
      g_clear_pointer (&f->recovery, solace_recovery_key_free);
    }
  make_keys (f);
  run_killed (f, 0, "marker-written");
  run_killed (f, 2, "recover-renamed");
  recover_and_check (f, SOLACE_VAULT_SEALED, "recover-renamed");
}

/* What recovery does with what a crash or a person left. */
static void
test_recover (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *new_path = g_strconcat (f->path, ".new", NULL);
  g_autofree char *marker = g_strconcat (f->path, ".swap", NULL);
  g_autofree char *before = NULL;

  /* A key file beside a plain database: a set-up that never finished,
   * or one still going on in another process, about to seal with it.
   * Recovery leaves it alone, and sealing later still works with it. */
  make_keys (f);
  ASSERT_OK (solace_vault_recover (f->path, &error));
  g_assert_true (solace_keys_exist (f->keys));
  ASSERT_OK (solace_keys_check_key (f->keys, f->key, &error));
  ASSERT_OK (solace_keys_remove (f->keys, &error));
  g_clear_pointer (&f->key, solace_key_free);

  /* A new file without its marker: thrown away. */
  g_assert_true (g_file_set_contents (new_path, "half a copy", -1, NULL));
  ASSERT_OK (solace_vault_recover (f->path, &error));
  assert_no_leftovers (f);
  assert_whole (f, SOLACE_VAULT_PLAIN);

  /* A marker whose new file is not what it says: nothing is touched. */
  g_assert_true (g_file_set_contents (new_path, "not a database at all", -1, NULL));
  g_assert_true (g_file_set_contents (marker, "seal\n", -1, NULL));
  before = solace_test_checksum_file (f->path);
  g_assert_false (solace_vault_recover (f->path, &error));
  g_assert_error (error, SOLACE_ERROR, SOLACE_ERROR_CORRUPT);
  g_clear_error (&error);
  g_assert_true (g_file_test (new_path, G_FILE_TEST_EXISTS));
  {
    g_autofree char *after = solace_test_checksum_file (f->path);

    g_assert_cmpstr (before, ==, after);
  }
  /* And a change is not started over it. */
  make_keys (f);
  g_assert_false (solace_vault_seal (f->path, f->key, NULL, NULL, NULL, &error));
  g_assert_error (error, SOLACE_ERROR, SOLACE_ERROR_BUSY);
  g_clear_error (&error);
  g_unlink (marker);
  g_unlink (new_path);

  /* A marker without its new file (renamed already, or the new file
   * lost) that says something else than the database is: an error, and
   * nothing deleted, above all not the key file (the one made above). */
  g_assert_nonnull (f->key);
  g_assert_true (g_file_set_contents (marker, "seal\n", -1, NULL));
  g_assert_false (solace_vault_recover (f->path, &error));
  g_assert_error (error, SOLACE_ERROR, SOLACE_ERROR_CORRUPT);
  g_clear_error (&error);
  g_assert_true (g_file_test (marker, G_FILE_TEST_EXISTS));
  g_assert_true (solace_keys_exist (f->keys));
  assert_whole (f, SOLACE_VAULT_PLAIN);
  /* Nor does the set-up remove that key file under a marker. */
  ASSERT_OK (solace_vault_remove_unused_key_file (f->path, &error));
  g_assert_true (solace_keys_exist (f->keys));
  g_unlink (marker);

  ASSERT_OK (solace_vault_seal (f->path, f->key, NULL, NULL, NULL, &error));
  for (guint i = 0; i < 2; i++)
    {
      /* "unseal" over sealed data, or a marker that says nothing. */
      g_assert_true (g_file_set_contents (marker, i == 0 ? "unseal\n" : "", -1, NULL));
      g_assert_false (solace_vault_recover (f->path, &error));
      g_assert_error (error, SOLACE_ERROR, SOLACE_ERROR_CORRUPT);
      g_clear_error (&error);
      g_assert_true (solace_keys_exist (f->keys));
      g_assert_true (g_file_test (marker, G_FILE_TEST_EXISTS));
      assert_whole (f, SOLACE_VAULT_SEALED);
    }
  /* The same marker when the swap did happen: finished. */
  g_assert_true (g_file_set_contents (marker, "seal\n", -1, NULL));
  ASSERT_OK (solace_vault_recover (f->path, &error));
  assert_no_leftovers (f);
  assert_whole (f, SOLACE_VAULT_SEALED);
  ASSERT_OK (solace_vault_unseal (f->path, f->key, NULL, NULL, NULL, &error));
  g_clear_pointer (&f->key, solace_key_free);
  g_clear_pointer (&f->recovery, solace_recovery_key_free);

  /* A kill while the marker was written leaves it empty beside a whole
   * new file; recovery killed after its rename must still know which
   * way the change went the next time. */
  make_keys (f);
  run_killed (f, 0, "marker-created");
  {
    g_autofree char *content = NULL;

    g_assert_true (g_file_get_contents (marker, &content, NULL, NULL));
    g_assert_cmpstr (content, ==, "");
  }
  run_killed (f, 2, "recover-renamed");
  recover_and_check (f, SOLACE_VAULT_SEALED, "marker-created, then recover-renamed");
  ASSERT_OK (solace_vault_unseal (f->path, f->key, NULL, NULL, NULL, &error));
  g_clear_pointer (&f->key, solace_key_free);
  g_clear_pointer (&f->recovery, solace_recovery_key_free);

  /* Missing database: nothing to do. */
  {
    g_autofree char *missing = g_build_filename (f->dir, "none", "solace.db", NULL);

    ASSERT_OK (solace_vault_recover (missing, &error));
    g_assert_cmpint (solace_vault_get_state (missing, &error), ==, SOLACE_VAULT_MISSING);
    g_assert_no_error (error);
  }
}

/* Holds the vault's lock as another process would. */
static int
hold_lock (Fixture *f)
{
  g_autofree char *lock_path = g_strconcat (f->path, ".lock", NULL);
  int fd = g_open (lock_path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);

  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (flock (fd, LOCK_EX | LOCK_NB), ==, 0);
  return fd;
}

/* Removing a key file beside plain data, by itself. */
static void
test_remove_unused_key_file (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *new_path = g_strconcat (f->path, ".new", NULL);
  g_autofree char *lock_path = g_strconcat (f->path, ".lock", NULL);
  GStatBuf st;
  int fd;

  /* Nothing there: nothing to do. */
  ASSERT_OK (solace_vault_remove_unused_key_file (f->path, &error));

  /* Beside plain data, with nothing going on: both copies go. */
  make_keys (f);
  ASSERT_OK (solace_vault_remove_unused_key_file (f->path, &error));
  g_assert_false (solace_keys_exist (f->keys));
  g_clear_pointer (&f->key, solace_key_free);
  g_clear_pointer (&f->recovery, solace_recovery_key_free);
  /* The lock file is private, whatever the umask was. */
  g_assert_cmpint (g_stat (lock_path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  /* While someone holds the lock, a new file is there or the data is
   * sealed: it stays. */
  make_keys (f);
  fd = hold_lock (f);
  ASSERT_OK (solace_vault_remove_unused_key_file (f->path, &error));
  g_assert_true (solace_keys_exist (f->keys));
  close (fd);

  g_assert_true (g_file_set_contents (new_path, "a copy being made", -1, NULL));
  ASSERT_OK (solace_vault_remove_unused_key_file (f->path, &error));
  g_assert_true (solace_keys_exist (f->keys));
  g_unlink (new_path);

  ASSERT_OK (solace_vault_seal (f->path, f->key, NULL, NULL, NULL, &error));
  ASSERT_OK (solace_vault_remove_unused_key_file (f->path, &error));
  g_assert_true (solace_keys_exist (f->keys));
  assert_whole (f, SOLACE_VAULT_SEALED);

  /* Recovery does nothing while a change holds the lock: the new file
   * is the change's own. */
  g_assert_true (g_file_set_contents (new_path, "a copy being made", -1, NULL));
  fd = hold_lock (f);
  ASSERT_OK (solace_vault_recover (f->path, &error));
  g_assert_true (g_file_test (new_path, G_FILE_TEST_EXISTS));
  /* And a change waits a moment for the lock, then says it is busy. */
  g_assert_false (solace_vault_unseal (f->path, f->key, NULL, NULL, NULL, &error));
  g_assert_error (error, SOLACE_ERROR, SOLACE_ERROR_BUSY);
  g_clear_error (&error);
  close (fd);
  ASSERT_OK (solace_vault_recover (f->path, &error));
  g_assert_false (g_file_test (new_path, G_FILE_TEST_EXISTS));
  assert_whole (f, SOLACE_VAULT_SEALED);

  /* Something that is not a database: an error, and the key file stays. */
  {
    g_autofree char *other = g_build_filename (f->dir, "other.db", NULL);
    g_autofree char *other_keys = solace_keys_path_for_database (other);

    g_assert_true (g_file_set_contents (other, "not a database, and long enough to be read as one", -1, NULL));
    copy_file (f->keys, other_keys);
    g_assert_false (solace_vault_remove_unused_key_file (other, &error));
    g_assert_nonnull (error);
    g_clear_error (&error);
    g_assert_true (g_file_test (other_keys, G_FILE_TEST_EXISTS));
  }

  /* A database that is not there (moved aside by a restore, say). */
  {
    g_autofree char *gone = g_build_filename (f->data, "gone.db", NULL);
    g_autofree char *gone_keys = solace_keys_path_for_database (gone);

    copy_file (f->keys, gone_keys);
    ASSERT_OK (solace_vault_remove_unused_key_file (gone, &error));
    g_assert_true (g_file_test (gone_keys, G_FILE_TEST_EXISTS));
  }
}

/* Runs a change in a child that stops itself (SIGSTOP) at @step and
 * waits there; returns its pid. */
static pid_t
start_stopped (Fixture    *f,
               int         direction,
               const char *step)
{
  pid_t pid;
  int status = 0;

  pid = fork ();
  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    {
      gboolean ok;

      /* Not left stopped for ever if the test fails meanwhile. */
      prctl (PR_SET_PDEATHSIG, SIGKILL);
      g_setenv ("SOLACE_VAULT_STOP_AT", step, TRUE);
      if (direction == 0)
        ok = solace_vault_seal (f->path, f->key, NULL, NULL, NULL, NULL);
      else
        ok = solace_vault_unseal (f->path, f->key, NULL, NULL, NULL, NULL);
      _exit (ok ? 0 : 1);
    }
  g_assert_cmpint (waitpid (pid, &status, WUNTRACED), ==, pid);
  if (!WIFSTOPPED (status))
    g_error ("Step %s was never reached (status %d)", step, status);
  return pid;
}

/* One process changes the lock while another, at every step of the
 * change, runs recovery and a set-up's removal of an unused key file
 * (the window sealing while a command runs): nothing of the change is
 * touched, the change finishes, and sealed data keeps its key file. */
static void
test_two_processes (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *new_path = g_strconcat (f->path, ".new", NULL);

  for (guint direction = 0; direction < 2; direction++)
    {
      const KillStep *steps = direction == 0 ? seal_steps : unseal_steps;
      guint n_steps = direction == 0 ? G_N_ELEMENTS (seal_steps) : G_N_ELEMENTS (unseal_steps);

      for (guint i = 0; i < n_steps; i++)
        {
          pid_t pid;
          int status = 0;
          gboolean had_new;

          g_test_message ("%s, stopped at %s", direction == 0 ? "seal" : "unseal", steps[i].step);
          if (direction == 0)
            make_keys (f);
          else
            seal (f);

          pid = start_stopped (f, direction, steps[i].step);
          had_new = g_file_test (new_path, G_FILE_TEST_EXISTS);
          ASSERT_OK (solace_vault_recover (f->path, &error));
          ASSERT_OK (solace_vault_remove_unused_key_file (f->path, &error));
          /* (An unseal removes it itself, as its last step.) */
          if (direction == 0 || !g_str_equal (steps[i].step, "keys-removed"))
            g_assert_true (solace_keys_exist (f->keys));
          g_assert_cmpint (g_file_test (new_path, G_FILE_TEST_EXISTS), ==, had_new);

          kill (pid, SIGCONT);
          g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
          if (!WIFEXITED (status) || WEXITSTATUS (status) != 0)
            g_error ("The change stopped at %s did not finish (status %d)", steps[i].step, status);

          assert_no_leftovers (f);
          if (direction == 0)
            {
              assert_whole (f, SOLACE_VAULT_SEALED);
              ASSERT_OK (solace_vault_unseal (f->path, f->key, NULL, NULL, NULL, &error));
            }
          else
            {
              assert_whole (f, SOLACE_VAULT_PLAIN);
              g_assert_false (solace_keys_exist (f->keys));
            }
          g_clear_pointer (&f->key, solace_key_free);
          g_clear_pointer (&f->recovery, solace_recovery_key_free);
        }
    }
}

/* SIGKILL at random moments while a sealed database is written: it
 * opens, whole, with every committed row and no changed text. */
static void
test_kill_under_load (Fixture       *f,
                      gconstpointer  data)
{
  gint64 committed = 0;

  seal (f);
  for (guint round = 0; round < 6; round++)
    {
      int fds[2];
      pid_t pid;
      int status = 0;
      gint32 n;
      gint64 last = -1;

      g_assert_cmpint (pipe (fds), ==, 0);
      pid = fork ();
      g_assert_cmpint (pid, >=, 0);
      if (pid == 0)
        {
          SolaceDatabase *db;

          close (fds[0]);
          db = solace_database_open_sealed (f->path, SOLACE_DATABASE_FLAGS_NONE, f->key, NULL);
          if (db == NULL)
            _exit (3);
          for (gint32 i = committed + 1;; i++)
            {
              g_autofree char *text = g_strdup_printf (CANARY " row %d", i);

              run (db, "INSERT INTO journal_entry (uuid, kind, body, day, created_at, updated_at)"
                       " VALUES (lower (hex (randomblob (16))), 'reflection', ?1, '2026-11-20', 1, 1)", text);
              if (write (fds[1], &i, sizeof i) != sizeof i)
                _exit (4);
            }
        }
      close (fds[1]);
      /* From the first commit on, at a random moment. */
      g_assert_cmpint (read (fds[0], &n, sizeof n), ==, sizeof n);
      last = n;
      g_usleep (g_random_int_range (5, 300) * 1000);
      kill (pid, SIGKILL);
      g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
      g_assert_true (WIFSIGNALED (status));
      while (read (fds[0], &n, sizeof n) == sizeof n)
        last = n;
      close (fds[0]);
      g_assert_cmpint (last, >, committed);

      {
        g_autoptr(SolaceDatabase) db = open_sealed (f);
        g_autoptr(GError) error = NULL;
        g_autoptr(sqlite3_stmt) stmt = NULL;
        gint64 rows = 0;

        assert_healthy (db);
        /* Every row said to be committed is there, and reads as written. */
        solace_database_lock (db);
        stmt = solace_database_prepare (db, "SELECT body FROM journal_entry WHERE body LIKE '" CANARY " row %' ORDER BY id", &error);
        g_assert_no_error (error);
        while (sqlite3_step (stmt) == SQLITE_ROW)
          {
            g_autofree char *expected = g_strdup_printf (CANARY " row %" G_GINT64_FORMAT, rows + 1);

            g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, expected);
            rows++;
          }
        solace_database_unlock (db);
        g_assert_cmpint (rows, >=, last);
        /* At most the one commit not yet reported. */
        g_assert_cmpint (rows, <=, last + 1);
        committed = rows;
      }
      assert_no_canary (f, "killed under load");
    }
}

/* Backups of a sealed journal: sealed, each with its key file, opening
 * after a passphrase change with the live key and on their own with
 * that day's passphrase or the recovery key; restoring, converting an
 * old plain backup, pruning, and the old plain backups. */
static void
test_backups (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDate) day1 = g_date_new_dmy (1, G_DATE_NOVEMBER, 2026);
  g_autoptr(GDate) day2 = g_date_new_dmy (2, G_DATE_NOVEMBER, 2026);
  g_autoptr(GDate) far = g_date_new_dmy (1, G_DATE_NOVEMBER, 2027);
  g_autofree char *plain_backup = NULL;
  g_autofree char *sealed_backup = NULL;
  g_autofree char *sealed_keys = NULL;
  g_autoptr(SolaceKey) live = NULL;

  /* A plain backup from before the lock. */
  {
    g_autoptr(SolaceDatabase) db = open_plain (f);

    ASSERT_OK (solace_backup_make (db, f->backups, day1, TRUE, &plain_backup, &error));
  }
  g_assert_cmpuint (solace_vault_count_plain_backups (f->backups), ==, 1);

  seal (f);
  {
    g_autoptr(SolaceDatabase) db = open_sealed (f);

    ASSERT_OK (solace_backup_make (db, f->backups, day2, TRUE, &sealed_backup, &error));
  }
  sealed_keys = solace_keys_path_for_database (sealed_backup);
  g_assert_true (solace_keys_exist (sealed_keys));
  g_assert_cmpuint (solace_vault_count_plain_backups (f->backups), ==, 1);
  {
    g_autoptr(GPtrArray) list = solace_backup_list (f->backups);

    g_assert_cmpuint (list->len, ==, 2);
    g_assert_true (((SolaceBackup *) g_ptr_array_index (list, 0))->sealed);
    g_assert_false (((SolaceBackup *) g_ptr_array_index (list, 1))->sealed);
  }

  /* The passphrase changes; the data key does not. */
  ASSERT_OK (solace_keys_change_passphrase (f->keys, f->key, PASS_NEW, &cheap, &error));
  live = solace_keys_unlock_passphrase (f->keys, PASS_NEW, &error);
  g_assert_no_error (error);

  g_assert_false (solace_backup_check (sealed_backup, &error));
  g_assert_error (error, SOLACE_ERROR, SOLACE_ERROR_LOCKED);
  g_clear_error (&error);
  ASSERT_OK (solace_backup_check_with_key (sealed_backup, live, &error));
  {
    g_autoptr(SolaceBackup) newest = solace_backup_find_newest_good_with_key (f->backups, live);
    g_autoptr(SolaceBackup) newest_plain = solace_backup_find_newest_good (f->backups);

    g_assert_cmpstr (newest->path, ==, sealed_backup);
    g_assert_cmpstr (newest_plain->path, ==, plain_backup);
  }

  /* On its own: that day's passphrase and the recovery key open it, not
   * the one chosen since. */
  {
    g_autoptr(SolaceKey) by_old = solace_keys_unlock_passphrase (sealed_keys, PASS, &error);
    g_autoptr(SolaceKey) by_recovery = NULL;
    g_autoptr(SolaceDatabase) db = NULL;

    g_assert_no_error (error);
    g_assert_null (solace_keys_unlock_passphrase (sealed_keys, PASS_NEW, &error));
    g_assert_error (error, SOLACE_KEYS_ERROR, SOLACE_KEYS_ERROR_WRONG_PASSPHRASE);
    g_clear_error (&error);
    by_recovery = solace_keys_unlock_recovery_key (sealed_keys, f->recovery, &error);
    g_assert_no_error (error);
    g_assert_true (solace_key_equal (by_old, by_recovery));

    db = solace_database_open_sealed (sealed_backup, SOLACE_DATABASE_FLAGS_READ_ONLY, by_recovery, &error);
    g_assert_no_error (error);
    g_assert_cmpint (search (db, CANARY), ==, N_ENTRIES);
    g_clear_object (&db);
    /* Opened as a database, not as a backup: SQLite's -wal and -shm are
     * left beside it (sealed, and nothing in them), as with any
     * read-only open; Solace itself reads backups immutable. */
    for (guint i = 0; i < 2; i++)
      {
        g_autofree char *p = g_strconcat (sealed_backup, i == 0 ? "-wal" : "-shm", NULL);

        g_assert_false (file_has_canary (p));
        g_unlink (p);
      }
  }
  /* Checked as a backup, nothing is left beside it. */
  ASSERT_OK (solace_backup_check_with_key (sealed_backup, live, &error));
  {
    g_autofree char *wal = g_strconcat (sealed_backup, "-wal", NULL);
    g_autofree char *shm = g_strconcat (sealed_backup, "-shm", NULL);

    g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
    g_assert_false (g_file_test (shm, G_FILE_TEST_EXISTS));
  }

  /* Restoring the sealed backup: rows back, still sealed, and what was
   * there kept as one more sealed backup. */
  {
    g_autoptr(SolaceDatabase) db = solace_database_open_sealed (f->path, SOLACE_DATABASE_FLAGS_NONE, live, &error);
    g_autofree char *now = NULL;

    g_assert_no_error (error);
    run (db, "DELETE FROM journal_entry WHERE id % 2 = 0", NULL);
    g_assert_cmpint (search (db, CANARY), ==, N_ENTRIES / 2);
    ASSERT_OK (solace_backup_restore (db, sealed_backup, f->backups, &error));
    g_assert_cmpint (search (db, CANARY), ==, N_ENTRIES);
    now = census (db);
    g_assert_cmpstr (now, ==, f->census);
    assert_healthy (db);

    /* The plain one from before the lock: sealed on the way in. */
    run (db, "DELETE FROM journal_entry", NULL);
    ASSERT_OK (solace_backup_restore (db, plain_backup, f->backups, &error));
    g_assert_cmpint (search (db, CANARY), ==, N_ENTRIES);
    assert_healthy (db);
  }
  g_assert_cmpint (solace_crypt_vfs_probe_file (f->path, NULL), ==, SOLACE_CRYPT_FILE_ENCRYPTED);
  {
    g_autoptr(GPtrArray) list = solace_backup_list (f->backups);
    guint sealed = 0;

    for (guint i = 0; i < list->len; i++)
      {
        SolaceBackup *b = g_ptr_array_index (list, i);
        g_autofree char *keys = solace_keys_path_for_database (b->path);

        if (b->sealed)
          {
            sealed++;
            g_assert_true (solace_keys_exist (keys));
          }
      }
    /* The day's copy and the two kept before each restore. */
    g_assert_cmpuint (sealed, ==, 3);
  }
  assert_private (f->data);

  /* A locked journal whose file is lost: never a plain file in its
   * place without the key; with it, the result is sealed. */
  g_assert_false (solace_backup_restore_file (sealed_backup, f->path, NULL, &error));
  g_assert_error (error, SOLACE_ERROR, SOLACE_ERROR_LOCKED);
  g_clear_error (&error);
  g_assert_false (solace_backup_restore_file (plain_backup, f->path, NULL, &error));
  g_assert_error (error, SOLACE_ERROR, SOLACE_ERROR_LOCKED);
  g_clear_error (&error);
  for (guint i = 0; i < 2; i++)
    {
      g_autofree char *kept = NULL;
      g_autoptr(SolaceDatabase) db = NULL;

      ASSERT_OK (solace_backup_restore_file_with_key (i == 0 ? sealed_backup : plain_backup,
                                                      f->path, live, &kept, &error));
      g_assert_nonnull (kept);
      g_assert_cmpint (solace_crypt_vfs_probe_file (f->path, NULL), ==, SOLACE_CRYPT_FILE_ENCRYPTED);
      db = solace_database_open_sealed (f->path, SOLACE_DATABASE_FLAGS_NONE, live, &error);
      g_assert_no_error (error);
      g_assert_cmpint (search (db, CANARY), ==, N_ENTRIES);
      assert_healthy (db);
      g_clear_object (&db);
      for (guint s = 0; s < 4; s++)
        {
          static const char * const suffixes[] = { "", "-wal", "-shm", "-journal" };
          g_autofree char *p = g_strconcat (kept, suffixes[s], NULL);

          g_unlink (p);
        }
    }

  /* The plain backups go, and only they. */
  ASSERT_OK (solace_vault_delete_plain_backups (f->backups, &error));
  g_assert_cmpuint (solace_vault_count_plain_backups (f->backups), ==, 0);
  g_assert_false (g_file_test (plain_backup, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (sealed_backup, G_FILE_TEST_EXISTS));
  assert_no_canary (f, "plain backups deleted");

  /* A sealed backup into a plain journal is refused. */
  ASSERT_OK (solace_vault_unseal (f->path, live, NULL, NULL, NULL, &error));
  {
    g_autoptr(SolaceDatabase) db = open_plain (f);

    g_assert_false (solace_backup_restore (db, sealed_backup, f->backups, &error));
    g_assert_error (error, SOLACE_ERROR, SOLACE_ERROR_LOCKED);
    g_clear_error (&error);
  }

  /* Pruned a year later: the copies kept before each restore go, with
   * their key files, and so does a key file whose copy is gone; the
   * day's copy stays (the newest days are always kept), with its own. */
  {
    g_autofree char *orphan = g_build_filename (f->backups, "solace-2026-01-01.db.keys", NULL);
    g_autoptr(GDir) dir = NULL;
    const char *name;
    guint left = 0;

    copy_file (sealed_keys, orphan);
    solace_backup_prune (f->backups, far);
    dir = g_dir_open (f->backups, 0, NULL);
    while ((name = g_dir_read_name (dir)) != NULL)
      {
        g_autofree char *path = g_build_filename (f->backups, name, NULL);

        left++;
        if (!g_str_equal (path, sealed_backup) && !g_str_has_prefix (path, sealed_keys))
          g_error ("%s was left after pruning", name);
      }
    g_assert_cmpuint (left, ==, 3);
  }
}

/* Each copy of the key file at @keys on its own ("….keys", then
 * "….keys.bak"), tried as someone who copied it would: whether
 * @passphrase and @recovery open it (to the journal's key). */
static void
assert_key_copies (Fixture    *f,
                   const char *keys,
                   const char *passphrase,
                   gboolean    passphrase_opens,
                   const char *recovery,
                   gboolean    recovery_opens)
{
  g_autofree char *scratch = g_build_filename (f->dir, "scratch.keys", NULL);

  for (guint i = 0; i < 2; i++)
    {
      g_autofree char *from = i == 0 ? g_strdup (keys) : g_strconcat (keys, ".bak", NULL);
      g_autoptr(SolaceKey) by_passphrase = NULL;
      g_autoptr(SolaceKey) by_recovery = NULL;
      g_autoptr(GError) error = NULL;

      ASSERT_OK (solace_keys_remove (scratch, &error));
      g_assert_true (g_file_test (from, G_FILE_TEST_EXISTS));
      copy_file (from, scratch);

      by_passphrase = solace_keys_unlock_passphrase (scratch, passphrase, &error);
      if (passphrase_opens)
        {
          g_assert_no_error (error);
          g_assert_true (solace_key_equal (by_passphrase, f->key));
        }
      else
        {
          g_assert_error (error, SOLACE_KEYS_ERROR, SOLACE_KEYS_ERROR_WRONG_PASSPHRASE);
          g_clear_error (&error);
        }

      by_recovery = solace_keys_unlock_recovery_key (scratch, recovery, &error);
      if (recovery_opens)
        {
          g_assert_no_error (error);
          g_assert_true (solace_key_equal (by_recovery, f->key));
        }
      else
        {
          g_assert_error (error, SOLACE_KEYS_ERROR, SOLACE_KEYS_ERROR_WRONG_RECOVERY_KEY);
          g_clear_error (&error);
        }
    }
  solace_keys_remove (scratch, NULL);
}

/* A sealed backup read as Solace reads backups: the file alone
 * (immutable, no -wal read), with @key.  The canary's entries in it. */
static gint64
entries_in_backup (const char      *path,
                   const SolaceKey *key)
{
  g_autofree char *escaped = g_uri_escape_string (path, "/", FALSE);
  g_autofree char *uri = g_strconcat ("file:", escaped, "?immutable=1&vfs=" SOLACE_CRYPT_VFS_NAME, NULL);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 n;

  g_assert_true (solace_crypt_vfs_set_key (path, solace_key_get_data_key (key),
                                           solace_key_get_database_id (key), NULL));
  g_assert_cmpint (sqlite3_open_v2 (uri, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA integrity_check", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "ok");
  sqlite3_finalize (stmt);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT count(*) FROM journal_entry WHERE body LIKE '%" CANARY "%'",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  solace_crypt_vfs_forget_key (path);
  return n;
}

/* Changing the passphrase, then making a new recovery key, shuts the
 * old ones out of the backups too (solace_backup_update_key_files ()):
 * neither copy of any backup's key file opens with them, the new ones
 * open each, and each backup still opens on its own.  A backup of an
 * earlier lock and a damaged key file are left alone.  Each sealed
 * backup is one whole file, with nothing half-made beside it. */
static void
test_backup_keys (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDate) day1 = g_date_new_dmy (1, G_DATE_NOVEMBER, 2026);
  g_autoptr(GDate) day2 = g_date_new_dmy (2, G_DATE_NOVEMBER, 2026);
  g_autoptr(SolaceRecoveryKey) new_recovery = NULL;
  g_autoptr(SolaceRecoveryKey) other_recovery = NULL;
  g_autoptr(SolaceKey) other = NULL;
  g_autofree char *b1 = NULL;
  g_autofree char *b2 = NULL;
  g_autofree char *before = NULL;
  g_autofree char *part = NULL;
  g_autofree char *other_keys = g_build_filename (f->dir, "other.keys", NULL);
  g_autofree char *foreign_keys = g_build_filename (f->backups, "solace-2026-10-01.db.keys", NULL);
  g_autofree char *damaged_keys = g_build_filename (f->backups, "solace-2026-10-02.db.keys", NULL);
  g_autofree char *foreign_sum = NULL;
  g_autofree char *damaged_sum = NULL;
  const char *made[3];

  seal (f);

  /* What a killed copy left: half a file and a log beside it. */
  g_assert_cmpint (g_mkdir_with_parents (f->backups, 0700), ==, 0);
  part = g_build_filename (f->backups, "solace-2026-11-01.db.part", NULL);
  for (guint i = 0; i < 3; i++)
    {
      static const char * const suffixes[] = { "", "-wal", "-shm" };
      g_autofree char *p = g_strconcat (part, suffixes[i], NULL);

      g_assert_true (g_file_set_contents (p, "left by a copy that was killed", -1, NULL));
    }

  {
    g_autoptr(SolaceDatabase) db = open_sealed (f);

    ASSERT_OK (solace_backup_make (db, f->backups, day1, TRUE, &b1, &error));
    ASSERT_OK (solace_backup_make (db, f->backups, day2, TRUE, &b2, &error));
    ASSERT_OK (solace_backup_keep_before (db, f->backups, "restore", &before, &error));
  }
  made[0] = b1;
  made[1] = b2;
  made[2] = before;
  for (guint i = 0; i < G_N_ELEMENTS (made); i++)
    {
      static const char * const beside[] = { ".part", ".part-wal", ".part-shm", ".part-journal", "-wal", "-shm" };

      for (guint k = 0; k < G_N_ELEMENTS (beside); k++)
        {
          g_autofree char *p = g_strconcat (made[i], beside[k], NULL);

          if (g_file_test (p, G_FILE_TEST_EXISTS))
            g_error ("%s is left beside a backup", p);
        }
      /* The file alone holds everything. */
      g_assert_cmpint (entries_in_backup (made[i], f->key), ==, N_ENTRIES);
    }

  /* A backup's key file from an earlier lock, and a damaged one. */
  other = solace_keys_create (other_keys, PASS, &cheap, &other_recovery, &error);
  g_assert_no_error (error);
  copy_file (other_keys, foreign_keys);
  g_assert_true (g_file_set_contents (damaged_keys, "not a key file", -1, NULL));
  g_chmod (foreign_keys, 0600);
  g_chmod (damaged_keys, 0600);
  foreign_sum = solace_test_checksum_file (foreign_keys);
  damaged_sum = solace_test_checksum_file (damaged_keys);

  /* Bad input: no current key file is an error, and changes nothing;
   * no backups folder is nothing to do. */
  {
    g_autofree char *none = g_build_filename (f->dir, "none.keys", NULL);
    g_autofree char *no_dir = g_build_filename (f->dir, "no-backups", NULL);
    g_autofree char *keys1 = solace_keys_path_for_database (b1);

    g_assert_false (solace_backup_update_key_files (f->backups, none, &error));
    g_assert_error (error, SOLACE_KEYS_ERROR, SOLACE_KEYS_ERROR_NOT_FOUND);
    g_clear_error (&error);
    ASSERT_OK (solace_backup_update_key_files (no_dir, f->keys, &error));
    assert_key_copies (f, keys1, PASS, TRUE, f->recovery, TRUE);
  }

  /* The passphrase changes. */
  ASSERT_OK (solace_keys_change_passphrase (f->keys, f->key, PASS_NEW, &cheap, &error));
  ASSERT_OK (solace_backup_update_key_files (f->backups, f->keys, &error));
  for (guint i = 0; i < G_N_ELEMENTS (made); i++)
    {
      g_autofree char *keys = solace_keys_path_for_database (made[i]);

      assert_key_copies (f, keys, PASS, FALSE, f->recovery, TRUE);
      assert_key_copies (f, keys, PASS_NEW, TRUE, f->recovery, TRUE);
    }

  /* Then the recovery key. */
  ASSERT_OK (solace_keys_new_recovery_key (f->keys, f->key, &new_recovery, &error));
  ASSERT_OK (solace_backup_update_key_files (f->backups, f->keys, &error));
  for (guint i = 0; i < G_N_ELEMENTS (made); i++)
    {
      g_autofree char *keys = solace_keys_path_for_database (made[i]);
      g_autoptr(SolaceKey) own = NULL;

      assert_key_copies (f, keys, PASS_NEW, TRUE, f->recovery, FALSE);
      assert_key_copies (f, keys, PASS, FALSE, new_recovery, TRUE);

      /* On its own, with its own key file and the passphrase of now. */
      own = solace_keys_unlock_passphrase (keys, PASS_NEW, &error);
      g_assert_no_error (error);
      ASSERT_OK (solace_backup_check_with_key (made[i], own, &error));
      g_assert_cmpint (entries_in_backup (made[i], own), ==, N_ENTRIES);
    }
  {
    g_autoptr(SolaceBackup) newest = solace_backup_find_newest_good_with_key (f->backups, f->key);

    g_assert_nonnull (newest);
  }

  /* The earlier lock's key file and the damaged one: as they were. */
  {
    g_autofree char *sum = solace_test_checksum_file (foreign_keys);
    g_autofree char *sum2 = solace_test_checksum_file (damaged_keys);
    g_autoptr(SolaceKey) still = solace_keys_unlock_passphrase (foreign_keys, PASS, &error);

    g_assert_cmpstr (sum, ==, foreign_sum);
    g_assert_cmpstr (sum2, ==, damaged_sum);
    g_assert_no_error (error);
    g_assert_true (solace_key_equal (still, other));
  }

  g_unlink (other_keys);
  solace_keys_remove (other_keys, NULL);
  assert_private (f->data);
  assert_no_canary (f, "backup key files updated");
}

/* A sealed journal in a folder that cannot be written: opened read-only,
 * as a plain one is (immutable, through the VFS), never written. */
static void
test_read_only (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  pid_t pid;
  int status = 0;

  seal (f);
  before = solace_test_checksum_file (f->path);
  if (geteuid () == 0)
    {
      g_autofree char *cmd = g_strdup_printf ("chown -R 65534:65534 '%s'", f->dir);

      g_assert_true (g_spawn_command_line_sync (cmd, NULL, NULL, &status, NULL));
      g_assert_cmpint (status, ==, 0);
    }
  g_assert_cmpint (g_chmod (f->data, 0500), ==, 0);

  pid = fork ();
  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(SolaceDatabase) db = NULL;

      if (!solace_test_drop_root ())
        _exit (10);
      db = solace_database_open_sealed (f->path, SOLACE_DATABASE_FLAGS_NONE, f->key, &error);
      if (db != NULL || !g_error_matches (error, SOLACE_ERROR, SOLACE_ERROR_READ_ONLY))
        _exit (11);
      g_clear_error (&error);
      db = solace_database_open_sealed (f->path, SOLACE_DATABASE_FLAGS_READ_ONLY, f->key, &error);
      if (db == NULL || !solace_database_is_read_only (db) || !solace_database_is_sealed (db))
        _exit (12);
      if (search (db, CANARY) != N_ENTRIES)
        _exit (13);
      g_clear_object (&db);
      /* Plainly, it is still locked, not "damaged". */
      db = solace_database_open (f->path, SOLACE_DATABASE_FLAGS_READ_ONLY, &error);
      if (db != NULL || !g_error_matches (error, SOLACE_ERROR, SOLACE_ERROR_LOCKED))
        _exit (14);
      _exit (0);
    }
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), ==, 0);

  g_assert_cmpint (g_chmod (f->data, 0700), ==, 0);
  after = solace_test_checksum_file (f->path);
  g_assert_cmpstr (before, ==, after);
}

static void
async_progress_cb (double   fraction,
                   gpointer user_data)
{
  GArray *seen = user_data;

  /* On the caller's thread. */
  g_assert_true (g_main_context_is_owner (g_main_context_default ()));
  g_array_append_val (seen, fraction);
}

static void
async_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static gboolean
have_result (gpointer data)
{
  return *(GAsyncResult **) data != NULL;
}

static void
test_async (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) seen = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GAsyncResult) result = NULL;

  make_keys (f);
  g_main_context_acquire (g_main_context_default ());
  solace_vault_seal_async (f->path, f->key, async_progress_cb, seen, NULL, async_done_cb, &result);
  g_assert_true (solace_test_wait_until (have_result, &result, 30000));
  ASSERT_OK (solace_vault_finish (result, &error));
  /* Every progress call queued before the result has run. */
  solace_test_spin (50);
  g_assert_cmpuint (seen->len, >=, 2);
  g_assert_cmpfloat (g_array_index (seen, double, seen->len - 1), ==, 1.0);
  assert_whole (f, SOLACE_VAULT_SEALED);

  g_clear_object (&result);
  solace_vault_unseal_async (f->path, f->key, NULL, NULL, NULL, async_done_cb, &result);
  g_assert_true (solace_test_wait_until (have_result, &result, 30000));
  ASSERT_OK (solace_vault_finish (result, &error));
  g_main_context_release (g_main_context_default ());
  assert_whole (f, SOLACE_VAULT_PLAIN);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *cache = NULL;
  int ret;

  /* Before SQLite or GLib read them: every temporary file of this run
   * goes where it is scanned. */
  tmp_root = g_dir_make_tmp ("solace-vault-tmp-XXXXXX", &error);
  g_assert_no_error (error);
  cache = g_build_filename (tmp_root, "cache", NULL);
  g_setenv ("TMPDIR", tmp_root, TRUE);
  g_setenv ("SQLITE_TMPDIR", tmp_root, TRUE);
  g_setenv ("XDG_CACHE_HOME", cache, TRUE);
  g_mkdir (cache, 0700);

  g_test_init (&argc, &argv, NULL);
  g_assert_cmpint (sodium_init (), >=, 0);

#define ADD(name, func) \
  g_test_add ("/vault/" name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("round-trip", test_round_trip);
  ADD ("refusals", test_refusals);
  ADD ("canary", test_canary);
  ADD ("tamper", test_tamper);
  ADD ("kill-steps", test_kill_steps);
  ADD ("recover", test_recover);
  ADD ("remove-unused-key-file", test_remove_unused_key_file);
  ADD ("two-processes", test_two_processes);
  ADD ("kill-under-load", test_kill_under_load);
  ADD ("backups", test_backups);
  ADD ("read-only", test_read_only);
  ADD ("backup-keys", test_backup_keys);
  ADD ("async", test_async);
#undef ADD

  ret = g_test_run ();
  solace_test_rm_rf (tmp_root);
  g_free (tmp_root);
  return ret;
}
