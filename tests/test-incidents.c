/* test-incidents.c — the append-only record, its hash chain and its CSV
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>

#include "solace-error.h"
#include "solace-incidents.h"
#include "solace-limits.h"
#include "solace-test-utils.h"

typedef struct
{
  char           *dir;
  char           *path;
  SolaceDatabase *db;
  gint64          now;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("solace-incidents-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "solace", "solace.db", NULL);
  f->db = solace_database_open (f->path, SOLACE_DATABASE_FLAGS_NONE, &error);
  g_assert_no_error (error);
  /* 27 November 2026, 15:00 UTC. */
  f->now = 1795791600;
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_assert_finalize_object (f->db);
  solace_test_rm_rf (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

static SolaceIncident *
record (Fixture       *f,
        SolaceChannel  channel,
        const char    *what,
        const char    *corrects)
{
  g_autoptr(GError) error = NULL;
  SolaceIncident *incident = solace_incident_new ();

  incident->happened_at = f->now - 3600;
  incident->channel = channel;
  incident->what = g_strdup (what);
  incident->response = g_strdup ("I did not answer.");
  incident->corrects_uuid = g_strdup (corrects);
  g_assert_true (solace_incidents_append (f->db, incident, f->now, &error));
  g_assert_no_error (error);
  f->now += 60;

  return incident;
}

static void
assert_chain (Fixture *f,
              gboolean intact,
              guint    broken_number)
{
  g_autoptr(GError) error = NULL;
  SolaceChainCheck check;

  g_assert_true (solace_incidents_verify (f->db, &check, &error));
  g_assert_no_error (error);
  g_assert_cmpint (check.intact, ==, intact);
  g_assert_cmpuint (check.broken_number, ==, broken_number);
}

/* Changes the file behind Solace's back, as someone with the sqlite3
 * program would: the triggers go first. */
static void
tamper (Fixture    *f,
        const char *sql)
{
  solace_test_exec (f->path, "DROP TRIGGER IF EXISTS incident_no_update;"
                             "DROP TRIGGER IF EXISTS incident_no_delete");
  solace_test_exec (f->path, sql);
}

static void
test_append_and_list (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(SolaceIncident) a = record (f, SOLACE_CHANNEL_TEXT, "Three messages in an hour.", NULL);
  g_autoptr(SolaceIncident) b = record (f, SOLACE_CHANNEL_CALL, "A call from a new number.", NULL);
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GPtrArray) some = NULL;
  g_autoptr(GError) error = NULL;
  SolaceIncident *first;

  /* The first links to nothing, the second to the first. */
  g_assert_cmpstr (a->prev_hash, ==, "");
  g_assert_cmpstr (b->prev_hash, ==, a->hash);
  g_assert_cmpuint (strlen (a->hash), ==, 64);
  g_assert_cmpint (b->recorded_at, ==, a->recorded_at + 60);

  all = solace_incidents_list (f->db, 0, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, 2);
  first = g_ptr_array_index (all, 0);
  g_assert_cmpstr (first->what, ==, "Three messages in an hour.");
  g_assert_cmpint (first->channel, ==, SOLACE_CHANNEL_TEXT);
  g_assert_cmpstr (first->hash, ==, a->hash);

  /* A range of when it happened. */
  some = solace_incidents_list (f->db, f->now, 0, &error);
  g_assert_cmpuint (some->len, ==, 0);
  assert_chain (f, TRUE, 0);
}

static void
test_append_only (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(SolaceIncident) a = record (f, SOLACE_CHANNEL_TEXT, "A message.", NULL);
  sqlite3 *raw = NULL;
  char *message = NULL;

  /* Not even plain SQL through Solace's own schema can change or
   * remove a record. */
  g_assert_cmpint (sqlite3_open (f->path, &raw), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (raw, "UPDATE incident SET what = 'nothing'", NULL, NULL, &message), ==, SQLITE_CONSTRAINT);
  g_assert_nonnull (strstr (message, "append-only"));
  sqlite3_free (message);
  g_assert_cmpint (sqlite3_exec (raw, "DELETE FROM incident", NULL, NULL, NULL), ==, SQLITE_CONSTRAINT);
  sqlite3_close (raw);

  g_assert_cmpint (solace_test_query_int (f->path, "SELECT count(*) FROM incident"), ==, 1);
  assert_chain (f, TRUE, 0);
}

static void
test_correction (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(SolaceIncident) a = record (f, SOLACE_CHANNEL_TEXT, "A message on Tuesday.", NULL);
  g_autoptr(SolaceIncident) fix = record (f, SOLACE_CHANNEL_TEXT, "It was Wednesday, not Tuesday.", a->uuid);
  g_autoptr(SolaceIncident) bad = solace_incident_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *original = NULL;

  g_assert_cmpstr (fix->corrects_uuid, ==, a->uuid);
  /* The original is untouched. */
  original = solace_test_query_text (f->path, "SELECT what FROM incident WHERE id = 1");
  g_assert_cmpstr (original, ==, "A message on Tuesday.");

  /* A correction of a record that is not there is refused whole. */
  bad->happened_at = f->now;
  bad->channel = SOLACE_CHANNEL_OTHER;
  bad->what = g_strdup ("Correcting nothing.");
  bad->corrects_uuid = g_strdup ("00000000-0000-4000-8000-000000000000");
  g_assert_false (solace_incidents_append (f->db, bad, f->now, &error));
  g_assert_error (error, SOLACE_ERROR, SOLACE_ERROR_NOT_FOUND);
  g_assert_cmpint (solace_test_query_int (f->path, "SELECT count(*) FROM incident"), ==, 2);
  assert_chain (f, TRUE, 0);
}

static void
test_bad_input (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *huge = g_strnfill (SOLACE_MAX_INCIDENT_CHARS + 1, 'x');
  struct {
    const char *what;
    gint64      happened_delta;
    int         channel;
  } cases[] = {
    { "", 0, SOLACE_CHANNEL_TEXT },
    { "   \n\t ", 0, SOLACE_CHANNEL_TEXT },
    { NULL, 0, SOLACE_CHANNEL_TEXT },
    { "Tomorrow?", 24 * 3600, SOLACE_CHANNEL_TEXT },
    { "Bad channel", 0, 99 },
    { "\xff\xfe not UTF-8", 0, SOLACE_CHANNEL_TEXT },
    { huge, 0, SOLACE_CHANNEL_TEXT },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(SolaceIncident) incident = solace_incident_new ();
      g_autoptr(GError) error = NULL;

      incident->happened_at = f->now + cases[i].happened_delta;
      incident->channel = cases[i].channel;
      incident->what = g_strdup (cases[i].what);
      g_assert_false (solace_incidents_append (f->db, incident, f->now, &error));
      g_assert_error (error, SOLACE_ERROR, SOLACE_ERROR_INVALID);
      g_assert_null (incident->hash);
    }

  g_assert_cmpint (solace_test_query_int (f->path, "SELECT count(*) FROM incident"), ==, 0);
}

static void
test_tamper_detected (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(SolaceIncident) a = record (f, SOLACE_CHANNEL_TEXT, "First.", NULL);
  g_autoptr(SolaceIncident) b = record (f, SOLACE_CHANNEL_CALL, "Second.", NULL);
  g_autoptr(SolaceIncident) c = record (f, SOLACE_CHANNEL_EMAIL, "Third.", NULL);
  g_autoptr(SolaceIncident) d = record (f, SOLACE_CHANNEL_SOCIAL, "Fourth.", NULL);

  assert_chain (f, TRUE, 0);

  /* One character of the third record's text. */
  tamper (f, "UPDATE incident SET what = 'Third!' WHERE id = 3");
  assert_chain (f, FALSE, 3);
  tamper (f, "UPDATE incident SET what = 'Third.' WHERE id = 3");
  assert_chain (f, TRUE, 0);

  /* When the second happened, moved by a second. */
  tamper (f, "UPDATE incident SET happened_at = happened_at + 1 WHERE id = 2");
  assert_chain (f, FALSE, 2);
  tamper (f, "UPDATE incident SET happened_at = happened_at - 1 WHERE id = 2");

  /* Whether it was necessary contact, on the very first record. */
  tamper (f, "UPDATE incident SET necessary = 1 WHERE id = 1");
  assert_chain (f, FALSE, 1);
  tamper (f, "UPDATE incident SET necessary = 0 WHERE id = 1");

  /* A record removed from the middle. */
  tamper (f, "DELETE FROM incident WHERE id = 2");
  assert_chain (f, FALSE, 2);
}

static void
test_tamper_with_sqlite3_program (Fixture       *f,
                                  gconstpointer  data)
{
  g_autoptr(SolaceIncident) a = record (f, SOLACE_CHANNEL_TEXT, "First.", NULL);
  g_autoptr(SolaceIncident) b = record (f, SOLACE_CHANNEL_CALL, "Second.", NULL);
  g_autoptr(GError) error = NULL;
  const char *argv[] = {
    "sqlite3", f->path,
    "DROP TRIGGER incident_no_update; UPDATE incident SET response = 'I answered.' WHERE id = 1;",
    NULL
  };
  int status;

  g_assert_true (solace_database_exec (f->db, "PRAGMA wal_checkpoint(TRUNCATE)", NULL));
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                               NULL, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));

  assert_chain (f, FALSE, 1);
}

static char *
hex (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const guchar *p = (const guchar *) text; *p; p++)
    g_string_append_printf (out, "%02x", *p);

  return g_string_free (out, FALSE);
}

static void
test_csv (Fixture       *f,
          gconstpointer  data)
{
  const char *hostile[] = {
    "plain",
    "commas, and more, commas",
    "\"quoted\" and \"\"doubled\"\"",
    "line one\nline two\r\nline three",
    "=HYPERLINK(\"http://example.invalid\",\"click\")",
    "+1 555 0100",
    "-2+3",
    "@SUM(A1)",
    "שלום, مرحبا — right to left",
    "emoji 🫶🏽 and a zero-width\u200bjoiner",
  };
  g_autoptr(GPtrArray) incidents = NULL;
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier ("Europe/Berlin");
  g_autoptr(GHashTable) titles = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree char *csv = NULL;
  g_autofree char *csv_path = g_build_filename (f->dir, "record.csv", NULL);
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) lines = NULL;
  int status;
  const char *argv[] = {
    "/usr/bin/python3", "-c",
    "import csv, sys\n"
    "with open(sys.argv[1], newline='', encoding='utf-8') as f:\n"
    "    rows = list(csv.reader(f))\n"
    "print(len(rows[0]))\n"
    "for row in rows[1:]:\n"
    "    print(len(row), row[4].encode().hex(), row[3].encode().hex(), row[8].encode().hex())\n",
    csv_path, NULL
  };

  for (guint i = 0; i < G_N_ELEMENTS (hostile); i++)
    {
      g_autoptr(SolaceIncident) incident = record (f, i % SOLACE_N_CHANNELS, hostile[i], NULL);
    }
  {
    g_autoptr(GPtrArray) so_far = solace_incidents_list (f->db, 0, 0, NULL);
    g_autoptr(SolaceIncident) fix = record (f, SOLACE_CHANNEL_TEXT, "a correction",
                                            ((SolaceIncident *) g_ptr_array_index (so_far, 0))->uuid);
  }

  incidents = solace_incidents_list (f->db, 0, 0, &error);
  csv = solace_incidents_to_csv (incidents, titles, tz);
  g_assert_true (g_str_has_suffix (csv, "\r\n"));
  g_assert_true (g_file_set_contents (csv_path, csv, -1, &error));

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                               &out, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));

  lines = g_strsplit (out, "\n", -1);
  /* The header, then one row per record with every field. */
  g_assert_cmpstr (lines[0], ==, "11");
  for (guint i = 0; i < G_N_ELEMENTS (hostile); i++)
    {
      /* What a spreadsheet would run as a formula starts with ' instead. */
      gboolean formula = strchr ("=+-@", hostile[i][0]) != NULL;
      g_autofree char *with_quote = g_strconcat (formula ? "'" : "", hostile[i], NULL);
      g_autofree char *what = hex (with_quote);
      g_autofree char *channel = hex (solace_channel_get_label (i % SOLACE_N_CHANNELS));
      g_autofree char *expected = g_strdup_printf ("11 %s %s ", what, channel);

      g_assert_cmpstr (lines[i + 1], ==, expected);
    }
  /* The correction names the record it corrects by its number. */
  {
    g_autofree char *one = hex ("1");
    g_autofree char *suffix = g_strconcat (" ", one, NULL);
    g_assert_true (g_str_has_suffix (lines[G_N_ELEMENTS (hostile) + 1], suffix));
  }
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) g_test_add (name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/incidents/append-and-list", test_append_and_list);
  ADD ("/incidents/append-only", test_append_only);
  ADD ("/incidents/correction", test_correction);
  ADD ("/incidents/bad-input", test_bad_input);
  ADD ("/incidents/tamper-detected", test_tamper_detected);
  ADD ("/incidents/tamper-with-sqlite3-program", test_tamper_with_sqlite3_program);
  ADD ("/incidents/csv", test_csv);
#undef ADD

  return g_test_run ();
}
