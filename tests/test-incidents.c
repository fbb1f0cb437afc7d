/* test-incidents.c — the append-only record, its hash chain and its CSV
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <fcntl.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>
#include <unistd.h>

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
      if (i == 13)
        g_assert_nonnull (strstr (error->message, "together"));
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
  g_assert_cmpstr (lines[0], ==, "15");
  for (guint i = 0; i < G_N_ELEMENTS (hostile); i++)
    {
      /* What a spreadsheet would run as a formula starts with ' instead. */
      gboolean formula = strchr ("=+-@", hostile[i][0]) != NULL;
      g_autofree char *with_quote = g_strconcat (formula ? "'" : "", hostile[i], NULL);
      g_autofree char *what = hex (with_quote);
      g_autofree char *channel = hex (solace_channel_get_label (i % SOLACE_N_CHANNELS));
      g_autofree char *expected = g_strdup_printf ("15 %s %s ", what, channel);

      g_assert_cmpstr (lines[i + 1], ==, expected);
    }
  /* The correction names the record it corrects by its number. */
  {
    g_autofree char *one = hex ("1");
    g_autofree char *suffix = g_strconcat (" ", one, NULL);
    g_assert_true (g_str_has_suffix (lines[G_N_ELEMENTS (hostile) + 1], suffix));
  }
}

/* ---- senders, witnesses and files ------------------------------------ */

/* A 1×1 PNG, as a screenshot would be. */
#define PNG_BASE64 \
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=="

#define BIG_BYTES (20 * 1024 * 1024)

static GBytes *
make_png (void)
{
  gsize len = 0;
  guchar *data = g_base64_decode (PNG_BASE64, &len);

  return g_bytes_new_take (data, len);
}

static char *
write_test_file (Fixture    *f,
                 const char *name,
                 GBytes     *bytes)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (f->dir, name, NULL);

  g_assert_true (g_file_set_contents (path, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), &error));
  g_assert_no_error (error);

  return path;
}

static GBytes *
make_random (gsize size)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261203);
  guint32 *data = g_malloc (size);

  for (gsize i = 0; i < size / 4; i++)
    data[i] = g_rand_int (rand);

  return g_bytes_new_take (data, size);
}

static SolaceAttachment *
read_attachment_file (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  SolaceAttachment *attachment = solace_attachment_read (file, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (attachment);

  return attachment;
}

/* A record with a sender, a witness, a reference, the PNG and 20 MB of
 * random bytes. */
static SolaceIncident *
record_with_files (Fixture *f,
                   GBytes  *png,
                   GBytes  *big)
{
  g_autofree char *png_path = write_test_file (f, "shot.png", png);
  g_autofree char *big_path = write_test_file (f, "recording.bin", big);
  g_autoptr(GError) error = NULL;
  SolaceIncident *incident = solace_incident_new ();

  incident->happened_at = f->now - 7200;
  incident->channel = SOLACE_CHANNEL_TEXT;
  incident->what = g_strdup ("Messages from a number I did not know.");
  incident->sender = g_strdup ("+44 7700 900123");
  incident->witnesses = g_strdup ("Sam, who was with me");
  incident->reference = g_strdup ("Police reference 2026/1127");
  solace_incident_add_attachment (incident, read_attachment_file (png_path));
  solace_incident_add_attachment (incident, read_attachment_file (big_path));
  g_assert_true (solace_incidents_append (f->db, incident, f->now, &error));
  g_assert_no_error (error);
  f->now += 60;

  return incident;
}

/* The CSV has the sender, the witnesses, the reference and each file by
 * its name and SHA-256, in columns of their own. */
static void
test_csv_new_fields (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GBytes) png = make_png ();
  g_autoptr(GBytes) small = g_bytes_new_static ("a recording", 11);
  g_autoptr(SolaceIncident) incident = record_with_files (f, png, small);
  g_autoptr(GPtrArray) incidents = solace_incidents_list (f->db, 0, 0, NULL);
  g_autoptr(GTimeZone) tz = g_time_zone_new_utc ();
  g_autofree char *csv = solace_incidents_to_csv (incidents, NULL, tz);
  g_autofree char *csv_path = g_build_filename (f->dir, "new-fields.csv", NULL);
  g_autofree char *out = NULL;
  g_autofree char *expected = NULL;
  g_autoptr(GError) error = NULL;
  SolaceAttachment *first;
  SolaceAttachment *second;
  int status;
  const char *argv[] = {
    "/usr/bin/python3", "-c",
    "import csv, sys\n"
    "with open(sys.argv[1], newline='', encoding='utf-8') as f:\n"
    "    rows = list(csv.reader(f))\n"
    "print('|'.join(rows[0][9:13]))\n"
    "print('|'.join(rows[1][9:13]))\n",
    csv_path, NULL
  };

  g_assert_cmpuint (incidents->len, ==, 1);
  first = g_ptr_array_index (incident->attachments, 0);
  second = g_ptr_array_index (incident->attachments, 1);
  g_assert_true (g_file_set_contents (csv_path, csv, -1, &error));
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                               &out, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));

  expected = g_strdup_printf ("Sender as it appeared|Witnesses|Medical or police reference|Attachments\n"
                              /* A number starting with + would be a formula to a
                               * spreadsheet, so it is quoted like any other. */
                              "'+44 7700 900123|Sam, who was with me|Police reference 2026/1127|"
                              "shot.png (SHA-256 %s)\nrecording.bin (SHA-256 %s)\n",
                              first->sha256, second->sha256);
  g_assert_cmpstr (out, ==, expected);
}

static void
test_form_1_unchanged (Fixture       *f,
                       gconstpointer  data)
{
  SolaceIncident incident = { 0 };
  g_autofree char *hash = NULL;
  g_autofree char *form_1 = NULL;

  /* Taken with the code as it was before forms existed: a record of
   * form 1 hashes to exactly what it always did. */
  incident.uuid = (char *) "00000000-0000-4000-8000-000000000001";
  incident.happened_at = 1795788000;
  incident.recorded_at = 1795791600;
  incident.channel = SOLACE_CHANNEL_TEXT;
  incident.what = (char *) "Three messages in an hour. Straße — שלום";
  incident.response = (char *) "I did not answer.";
  incident.necessary = TRUE;
  incident.corrects_uuid = (char *) "00000000-0000-4000-8000-000000000000";
  hash = solace_incident_compute_hash (&incident, "ab");
  g_assert_cmpstr (hash, ==, "c209126fddf9b805a6229093b1230f20caefd83ff61efdc71ef410afeb124e93");

  /* Form 1 set explicitly is the same; the new fields are not part of it. */
  incident.form = SOLACE_INCIDENT_FORM_1;
  incident.sender = (char *) "not hashed in form 1";
  form_1 = solace_incident_compute_hash (&incident, "ab");
  g_assert_cmpstr (form_1, ==, hash);
}

/* Form 2 taken again by a separate implementation, written from the
 * comment in solace-incidents.c only, as a verifier outside Solace
 * would. */
static void
test_form_2_documented (Fixture       *f,
                        gconstpointer  data)
{
  SolaceIncident incident = { 0 };
  SolaceAttachment a = { 0 }, b = { 0 };
  g_autoptr(GPtrArray) attachments = g_ptr_array_new ();
  g_autofree char *hash = NULL;
  g_autofree char *out = NULL;
  g_autofree char *no_files = NULL;
  g_autoptr(GError) error = NULL;
  int status;
  const char *argv[] = {
    "/usr/bin/python3", "-c",
    "import hashlib\n"
    "def field(name, value):\n"
    "    value = (value or '').encode('utf-8')\n"
    "    return b'%s=%d:%s\\n' % (name.encode(), len(value), value)\n"
    "d = b'solace-incident-2\\n'\n"
    "d += field('uuid', '00000000-0000-4000-8000-000000000002')\n"
    "d += field('happened', '-5') + field('recorded', '1795791600') + field('channel', 'through-others')\n"
    "d += field('what', 'Line one\\nline two \\u202e') + field('response', '') + field('boundary', None)\n"
    "d += field('necessary', '0') + field('corrects', None)\n"
    "d += field('sender', '@someone') + field('witnesses', None) + field('reference', 'Ref 7')\n"
    "d += field('attachments', '2')\n"
    "d += field('attachment-name', 'shot.png') + field('attachment-type', 'image/png')\n"
    "d += field('attachment-size', '70') + field('attachment-sha256', 'a' * 64)\n"
    "d += field('attachment-name', 'empty') + field('attachment-type', 'application/octet-stream')\n"
    "d += field('attachment-size', '0') + field('attachment-sha256', 'b' * 64)\n"
    "d += field('previous', 'c' * 64)\n"
    "print(hashlib.sha256(d).hexdigest())\n",
    NULL
  };

  incident.uuid = (char *) "00000000-0000-4000-8000-000000000002";
  incident.happened_at = -5;
  incident.recorded_at = 1795791600;
  incident.channel = SOLACE_CHANNEL_THROUGH_OTHERS;
  incident.what = (char *) "Line one\nline two \u202e";
  incident.response = (char *) "";
  incident.sender = (char *) "@someone";
  incident.reference = (char *) "Ref 7";
  incident.form = SOLACE_INCIDENT_FORM_2;
  a.name = (char *) "shot.png";
  a.media_type = (char *) "image/png";
  a.size = 70;
  a.sha256 = (char *) "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
  b.name = (char *) "empty";
  b.media_type = (char *) "application/octet-stream";
  b.size = 0;
  b.sha256 = (char *) "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb";
  g_ptr_array_add (attachments, &a);
  g_ptr_array_add (attachments, &b);
  incident.attachments = attachments;

  hash = solace_incident_compute_hash (&incident, "cccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc");

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                               &out, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  g_strchomp (out);
  g_assert_cmpstr (hash, ==, out);

  /* A file more or less is a different record. */
  g_ptr_array_set_size (attachments, 1);
  no_files = solace_incident_compute_hash (&incident, "cccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc");
  g_assert_cmpstr (no_files, !=, hash);
}

static void
test_attachments_round_trip (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(GBytes) png = make_png ();
  g_autoptr(GBytes) big = make_random (BIG_BYTES);
  g_autoptr(SolaceIncident) before = record (f, SOLACE_CHANNEL_CALL, "A call before.", NULL);
  g_autoptr(SolaceIncident) incident = record_with_files (f, png, big);
  g_autoptr(SolaceIncident) after = record (f, SOLACE_CHANNEL_CALL, "A call after.", NULL);
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GBytes) png_back = NULL;
  g_autoptr(GBytes) big_back = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *png_sha = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, png);
  g_autofree char *big_sha = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, big);
  SolaceChainHead head;
  SolaceIncident *listed;
  SolaceAttachment *shot, *recording;

  g_assert_cmpint (incident->form, ==, SOLACE_INCIDENT_FORM_2);
  g_assert_cmpstr (incident->prev_hash, ==, before->hash);
  g_assert_cmpstr (after->prev_hash, ==, incident->hash);

  all = solace_incidents_list (f->db, 0, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, 3);
  listed = g_ptr_array_index (all, 1);
  g_assert_cmpstr (listed->uuid, ==, incident->uuid);
  g_assert_cmpint (listed->form, ==, SOLACE_INCIDENT_FORM_2);
  g_assert_cmpstr (listed->sender, ==, "+44 7700 900123");
  g_assert_cmpstr (listed->witnesses, ==, "Sam, who was with me");
  g_assert_cmpstr (listed->reference, ==, "Police reference 2026/1127");
  g_assert_cmpstr (listed->hash, ==, incident->hash);
  g_assert_nonnull (listed->attachments);
  g_assert_cmpuint (listed->attachments->len, ==, 2);
  shot = g_ptr_array_index (listed->attachments, 0);
  recording = g_ptr_array_index (listed->attachments, 1);
  g_assert_cmpstr (shot->name, ==, "shot.png");
  g_assert_cmpstr (shot->media_type, ==, "image/png");
  g_assert_cmpint (shot->size, ==, g_bytes_get_size (png));
  g_assert_cmpstr (shot->sha256, ==, png_sha);
  g_assert_null (shot->data);
  g_assert_cmpstr (recording->name, ==, "recording.bin");
  g_assert_cmpstr (recording->media_type, ==, "application/octet-stream");
  g_assert_cmpint (recording->size, ==, BIG_BYTES);
  g_assert_cmpstr (recording->sha256, ==, big_sha);
  g_assert_null (recording->data);
  /* The records without files have none, and the old ones no sender. */
  g_assert_null (((SolaceIncident *) g_ptr_array_index (all, 0))->attachments);
  g_assert_null (((SolaceIncident *) g_ptr_array_index (all, 0))->sender);

  /* The hash the list gives back checks out from what the list holds. */
  g_assert_true (solace_incident_check_link (listed, before->hash));

  png_back = solace_incidents_read_attachment (f->db, incident->uuid, png_sha, &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (png_back, png));
  big_back = solace_incidents_read_attachment (f->db, incident->uuid, big_sha, &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (big_back, big));
  g_assert_null (solace_incidents_read_attachment (f->db, before->uuid, png_sha, &error));
  g_assert_error (error, SOLACE_ERROR, SOLACE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  assert_chain (f, TRUE, 0);

  g_assert_true (solace_incidents_get_head (f->db, &head, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (head.count, ==, 3);
  g_assert_cmpstr (head.last_hash, ==, after->hash);
}

static void
test_head_empty (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  SolaceChainHead head;

  memset (&head, 'x', sizeof head);
  g_assert_true (solace_incidents_get_head (f->db, &head, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (head.count, ==, 0);
  g_assert_cmpstr (head.last_hash, ==, "");
}

/* Replaces the file at @position of @uuid with @bytes, behind Solace's
 * back: the trigger goes first. */
static void
replace_stored_file (Fixture    *f,
                     const char *uuid,
                     int         position,
                     GBytes     *bytes)
{
  sqlite3 *raw = NULL;
  sqlite3_stmt *stmt = NULL;

  solace_test_exec (f->path, "DROP TRIGGER IF EXISTS incident_attachment_no_update");
  g_assert_cmpint (sqlite3_open (f->path, &raw), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (raw, "UPDATE incident_attachment SET data = ?1"
                                            " WHERE incident_uuid = ?2 AND position = ?3",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_blob64 (stmt, 1, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, uuid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 3, position);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  g_assert_cmpint (sqlite3_changes (raw), ==, 1);
  sqlite3_finalize (stmt);
  sqlite3_close (raw);
}

static void
assert_broken_file (Fixture    *f,
                    guint       number,
                    guint       attachment,
                    const char *name)
{
  g_autoptr(GError) error = NULL;
  SolaceChainCheck check;

  g_assert_true (solace_incidents_verify (f->db, &check, &error));
  g_assert_no_error (error);
  g_assert_false (check.intact);
  g_assert_cmpuint (check.broken_number, ==, number);
  g_assert_cmpuint (check.broken_attachment, ==, attachment);
  g_assert_cmpstr (check.broken_attachment_name, ==, name);
}

static void
test_attachment_tampered (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GBytes) png = make_png ();
  g_autoptr(GBytes) big = make_random (64 * 1024);
  g_autoptr(SolaceIncident) before = record (f, SOLACE_CHANNEL_CALL, "A call before.", NULL);
  g_autoptr(SolaceIncident) incident = record_with_files (f, png, big);
  g_autoptr(SolaceIncident) after = record (f, SOLACE_CHANNEL_CALL, "A call after.", NULL);
  g_autoptr(GByteArray) changed = g_byte_array_new ();
  g_autoptr(GBytes) flipped = NULL;
  g_autoptr(GBytes) shorter = NULL;
  g_autoptr(GError) error = NULL;

  assert_chain (f, TRUE, 0);

  /* One byte of the recording, in the middle. */
  g_byte_array_append (changed, g_bytes_get_data (big, NULL), g_bytes_get_size (big));
  changed->data[changed->len / 2] ^= 0x01;
  flipped = g_byte_array_free_to_bytes (g_steal_pointer (&changed));
  replace_stored_file (f, incident->uuid, 1, flipped);
  assert_broken_file (f, 2, 2, "recording.bin");

  /* The same bytes back: intact again. */
  replace_stored_file (f, incident->uuid, 1, big);
  assert_chain (f, TRUE, 0);

  /* The screenshot cut short by a byte. */
  shorter = g_bytes_new_from_bytes (png, 0, g_bytes_get_size (png) - 1);
  replace_stored_file (f, incident->uuid, 0, shorter);
  assert_broken_file (f, 2, 1, "shot.png");
  replace_stored_file (f, incident->uuid, 0, png);
  assert_chain (f, TRUE, 0);

  /* The first file removed: the record no longer matches, and the
   * missing file is named by its number. */
  solace_test_exec (f->path, "DROP TRIGGER IF EXISTS incident_attachment_no_delete");
  {
    g_autofree char *sql = g_strdup_printf ("DELETE FROM incident_attachment WHERE incident_uuid = '%s'"
                                            " AND position = 0", incident->uuid);
    solace_test_exec (f->path, sql);
  }
  assert_broken_file (f, 2, 1, "");

  /* A file slipped in beside a record that had none: the record's
   * hash counts its files, so the record itself no longer matches. */
  {
    g_autofree char *sql = g_strdup_printf ("INSERT INTO incident_attachment (incident_uuid, position, name,"
                                            "  media_type, size, sha256, data) VALUES ('%s', 0, 'extra.png',"
                                            "  'image/png', 1, '%s', x'00')",
                                            before->uuid,
                                            "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d");
    solace_test_exec (f->path, sql);
  }
  assert_broken_file (f, 1, 0, "");
}

static char *
find_bytes (char          *haystack,
            gsize          len,
            gconstpointer  needle,
            gsize          needle_len)
{
  for (gsize i = 0; needle_len <= len && i <= len - needle_len; i++)
    if (memcmp (haystack + i, needle, needle_len) == 0)
      return haystack + i;

  return NULL;
}

/* Finds @needle in the file at @path and flips a bit in its middle. */
static gboolean
flip_bytes_in_file (const char *path,
                    GBytes     *needle)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize len = 0;
  gsize needle_len = g_bytes_get_size (needle);
  char *hit;

  g_assert_true (g_file_get_contents (path, &contents, &len, &error));
  g_assert_no_error (error);
  hit = find_bytes (contents, len, g_bytes_get_data (needle, NULL), needle_len);
  if (hit == NULL)
    return FALSE;
  /* Only one copy, or the test would not know what it changed. */
  g_assert_null (find_bytes (hit + 1, len - (hit + 1 - contents), g_bytes_get_data (needle, NULL), needle_len));

  hit[needle_len / 2] ^= 0x10;
  g_assert_true (g_file_set_contents (path, contents, len, &error));
  g_assert_no_error (error);

  return TRUE;
}

/* A byte changed in the database file itself, where the screenshot's
 * bytes lie, with no SQL at all. */
static void
test_attachment_flipped_on_disk (Fixture       *f,
                                 gconstpointer  data)
{
  g_autoptr(GBytes) png = make_png ();
  g_autoptr(GBytes) big = make_random (64 * 1024);
  g_autoptr(SolaceIncident) before = record (f, SOLACE_CHANNEL_CALL, "A call before.", NULL);
  g_autoptr(SolaceIncident) incident = record_with_files (f, png, big);
  g_autoptr(GError) error = NULL;
  g_autofree char *wal = g_strconcat (f->path, "-wal", NULL);

  g_assert_true (solace_database_exec (f->db, "PRAGMA wal_checkpoint(TRUNCATE)", &error));
  g_assert_no_error (error);
  g_assert_finalize_object (f->db);

  g_assert_true (flip_bytes_in_file (f->path, png));
  if (g_file_test (wal, G_FILE_TEST_EXISTS))
    {
      g_autofree char *wal_contents = NULL;
      gsize wal_len = 0;

      g_assert_true (g_file_get_contents (wal, &wal_contents, &wal_len, NULL));
      g_assert_null (find_bytes (wal_contents, wal_len, g_bytes_get_data (png, NULL), g_bytes_get_size (png)));
    }

  f->db = solace_database_open (f->path, SOLACE_DATABASE_FLAGS_NONE, &error);
  g_assert_no_error (error);
  assert_broken_file (f, 2, 1, "shot.png");
}

static gboolean
has_char (const char *text,
          gunichar    c)
{
  return g_utf8_strchr (text, -1, c) != NULL;
}

static void
assert_safe_name (const char *name)
{
  g_assert_nonnull (name);
  g_assert_true (g_utf8_validate (name, -1, NULL));
  g_assert_cmpuint (strlen (name), >, 0);
  g_assert_cmpuint (strlen (name), <=, SOLACE_MAX_ATTACHMENT_NAME_BYTES);
  g_assert_null (strchr (name, '/'));
  g_assert_null (strchr (name, '\\'));
  g_assert_null (strchr (name, '\n'));
  g_assert_null (strchr (name, '\r'));
  g_assert_null (strchr (name, '\t'));
  g_assert_false (has_char (name, 0x202e));
  g_assert_false (has_char (name, 0x202a));
  g_assert_false (has_char (name, 0x2066));
  g_assert_false (has_char (name, 0x200f));
  g_assert_false (has_char (name, 0x061c));
  g_assert_false (has_char (name, 0xfffe));
  g_assert_false (has_char (name, 0x2028));
  g_assert_cmpstr (name, !=, "..");
  g_assert_cmpstr (name, !=, ".");
}

static void
test_hostile_names (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GBytes) png = make_png ();
  g_autoptr(GString) long_name = g_string_new (NULL);
  g_autoptr(GString) long_utf8 = g_string_new (NULL);
  struct {
    const char *raw;
    const char *expected;   /* or NULL: only safe */
  } cases[] = {
    { "../../etc/passwd", ".._.._etc_passwd" },
    { "..", "attachment" },
    { "", "attachment" },
    { NULL, "attachment" },
    { "   ", "attachment" },
    { "line\none.png", "line\xef\xbf\xbdone.png" },
    { "tab\there\r.txt", "tab\xef\xbf\xbdhere\xef\xbf\xbd.txt" },
    { "invoice\xe2\x80\xae" "gnp.exe", "invoice\xef\xbf\xbdgnp.exe" },
    { "\xe2\x81\xa6isolated\xe2\x81\xa9\xe2\x80\x8f.pdf", NULL },
    { "bad\xef\xbf\xbe.png", "bad\xef\xbf\xbd.png" },
    { "\xff\xfe not UTF-8.jpg", NULL },
    { "back\\slash.png", "back_slash.png" },
    { "שלום.png", "שלום.png" },
  };
  /* Names the file system itself allows: written and read back. */
  const char *on_disk[] = {
    "line\none.png",
    "invoice\xe2\x80\xae" "gnp.exe",
    "bad\xef\xbf\xbe.png",
    "\xff\xfe raw bytes.png",
    "..png",
  };
  g_autofree char *trimmed = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *safe = solace_attachment_make_safe_name (cases[i].raw);

      assert_safe_name (safe);
      if (cases[i].expected != NULL)
        g_assert_cmpstr (safe, ==, cases[i].expected);
    }

  /* 300 bytes: cut at 255 or less, the extension kept. */
  for (guint i = 0; i < 296; i++)
    g_string_append_c (long_name, 'a');
  g_string_append (long_name, ".png");
  trimmed = solace_attachment_make_safe_name (long_name->str);
  assert_safe_name (trimmed);
  g_assert_cmpuint (strlen (trimmed), ==, SOLACE_MAX_ATTACHMENT_NAME_BYTES);
  g_assert_true (g_str_has_suffix (trimmed, "aaa.png"));
  g_clear_pointer (&trimmed, g_free);

  /* Two-byte characters: never cut in half. */
  for (guint i = 0; i < 150; i++)
    g_string_append (long_utf8, "ß");
  trimmed = solace_attachment_make_safe_name (long_utf8->str);
  assert_safe_name (trimmed);
  g_assert_cmpuint (strlen (trimmed), ==, 254);

  for (guint i = 0; i < G_N_ELEMENTS (on_disk); i++)
    {
      g_autofree char *path = write_test_file (f, on_disk[i], png);
      g_autoptr(SolaceAttachment) attachment = read_attachment_file (path);
      g_autoptr(SolaceIncident) incident = solace_incident_new ();
      g_autoptr(GError) error = NULL;

      assert_safe_name (attachment->name);
      g_assert_cmpint (attachment->size, ==, g_bytes_get_size (png));

      /* And such a file is kept with a record like any other. */
      incident->happened_at = f->now - 60;
      incident->channel = SOLACE_CHANNEL_OTHER;
      incident->what = g_strdup ("A file with a strange name.");
      solace_incident_add_attachment (incident, g_steal_pointer (&attachment));
      g_assert_true (solace_incidents_append (f->db, incident, f->now, &error));
      g_assert_no_error (error);
    }
  assert_chain (f, TRUE, 0);
}

static void
test_attachment_vanished (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GBytes) png = make_png ();
  g_autofree char *path = write_test_file (f, "gone.png", png);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) folder = NULL;
  g_autoptr(GError) error = NULL;
  SolaceAttachment *attachment;

  g_assert_cmpint (g_remove (path), ==, 0);
  attachment = solace_attachment_read (file, NULL, &error);
  g_assert_null (attachment);
  g_assert_error (error, SOLACE_ERROR, SOLACE_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "gone.png"));
  g_clear_error (&error);

  /* A folder is not a file to keep. */
  folder = g_file_new_for_path (f->dir);
  attachment = solace_attachment_read (folder, NULL, &error);
  g_assert_null (attachment);
  g_assert_error (error, SOLACE_ERROR, SOLACE_ERROR_INVALID);
}

static void
test_attachment_too_large (Fixture       *f,
                           gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "huge.mov", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autofree char *limit = g_format_size (SOLACE_MAX_ATTACHMENT_BYTES);
  SolaceAttachment *attachment;
  gint64 start;
  int fd;

  /* A sparse file one byte over the limit: refused from its size,
   * before anything is read. */
  fd = g_open (path, O_CREAT | O_WRONLY, 0600);
  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (ftruncate (fd, (off_t) SOLACE_MAX_ATTACHMENT_BYTES + 1), ==, 0);
  close (fd);

  start = g_get_monotonic_time ();
  attachment = solace_attachment_read (file, NULL, &error);
  g_assert_null (attachment);
  g_assert_error (error, SOLACE_ERROR, SOLACE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "huge.mov"));
  g_assert_nonnull (strstr (error->message, limit));
  g_assert_cmpint (g_get_monotonic_time () - start, <, G_USEC_PER_SEC / 2);
  g_clear_error (&error);

  /* Exactly the limit is fine. */
  fd = g_open (path, O_WRONLY, 0600);
  g_assert_cmpint (ftruncate (fd, SOLACE_MAX_ATTACHMENT_BYTES), ==, 0);
  close (fd);
  attachment = solace_attachment_read (file, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (attachment->size, ==, SOLACE_MAX_ATTACHMENT_BYTES);
  solace_attachment_free (attachment);
}

static void
test_attachment_bad_input (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GBytes) png = make_png ();
  g_autofree char *png_sha = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, png);
  g_autofree char *long_field = g_strnfill (SOLACE_MAX_INCIDENT_FIELD_CHARS + 1, 'x');
  g_autofree char *long_name = g_strnfill (SOLACE_MAX_ATTACHMENT_NAME_BYTES + 1, 'n');
  /* The largest file one may be, never touched: the pages stay unmade. */
  g_autoptr(GBytes) largest = g_bytes_new_take (g_malloc0 (SOLACE_MAX_ATTACHMENT_BYTES),
                                                SOLACE_MAX_ATTACHMENT_BYTES);

  for (guint i = 0; i < 14; i++)
    {
      g_autoptr(SolaceIncident) incident = solace_incident_new ();
      g_autoptr(GError) error = NULL;
      SolaceAttachment *attachment = solace_attachment_new ();

      incident->happened_at = f->now - 60;
      incident->channel = SOLACE_CHANNEL_TEXT;
      incident->what = g_strdup ("Something happened.");
      attachment->name = g_strdup ("shot.png");
      attachment->media_type = g_strdup ("image/png");
      attachment->size = g_bytes_get_size (png);
      attachment->sha256 = g_strdup (png_sha);
      attachment->data = g_bytes_ref (png);
      solace_incident_add_attachment (incident, attachment);

      switch (i)
        {
        case 0: /* the bytes are not the ones the SHA-256 names */
          g_free (attachment->sha256);
          attachment->sha256 = g_strnfill (64, '0');
          break;
        case 1: /* the size is not theirs */
          attachment->size++;
          break;
        case 2: /* no bytes */
          g_clear_pointer (&attachment->data, g_bytes_unref);
          break;
        case 3: /* one file too many */
          for (guint j = 0; j < SOLACE_MAX_ATTACHMENTS; j++)
            solace_incident_add_attachment (incident, solace_attachment_copy_metadata (attachment));
          break;
        case 4:
          incident->sender = g_strdup (long_field);
          break;
        case 5:
          incident->witnesses = g_strdup ("\xff\xfe not UTF-8");
          break;
        case 6:
          incident->reference = g_strdup (long_field);
          break;
        case 7:
          g_free (attachment->name);
          attachment->name = g_strdup (long_name);
          break;
        case 8:
          g_free (attachment->name);
          attachment->name = g_strdup ("");
          break;
        case 9:
          g_free (attachment->name);
          attachment->name = g_strdup ("\xc3 broken");
          break;
        case 10: /* a name that was never made safe */
          g_free (attachment->name);
          attachment->name = g_strdup ("line\nbreak.png");
          break;
        case 11:
          g_free (attachment->name);
          attachment->name = g_strdup ("invoice\xe2\x80\xae" "gnp.exe");
          break;
        case 12: /* an upper-case SHA-256: not the form every check compares */
          g_free (attachment->sha256);
          attachment->sha256 = g_ascii_strup (png_sha, -1);
          break;
        case 13: /* each file within its limit, all of them together not */
          for (guint j = 0; j * (guint64) SOLACE_MAX_ATTACHMENT_BYTES <= SOLACE_MAX_RECORD_ATTACHMENT_BYTES; j++)
            {
              SolaceAttachment *big = solace_attachment_new ();

              big->name = g_strdup_printf ("part-%u.bin", j);
              big->size = SOLACE_MAX_ATTACHMENT_BYTES;
              big->data = g_bytes_ref (largest);
              solace_incident_add_attachment (incident, big);
            }
          break;
        default:
          g_assert_not_reached ();
        }

      g_assert_false (solace_incidents_append (f->db, incident, f->now, &error));
      g_assert_error (error, SOLACE_ERROR, SOLACE_ERROR_INVALID);
      g_assert_null (incident->hash);
    }

  g_assert_cmpint (solace_test_query_int (f->path, "SELECT count(*) FROM incident"), ==, 0);
  g_assert_cmpint (solace_test_query_int (f->path, "SELECT count(*) FROM incident_attachment"), ==, 0);

  /* At the limits exactly, and an empty file, all is kept. */
  {
    g_autoptr(SolaceIncident) incident = solace_incident_new ();
    g_autoptr(GError) error = NULL;
    SolaceAttachment *empty = solace_attachment_new ();

    incident->happened_at = f->now - 60;
    incident->channel = SOLACE_CHANNEL_TEXT;
    incident->what = g_strdup ("Something happened.");
    incident->sender = g_strnfill (SOLACE_MAX_INCIDENT_FIELD_CHARS, 'x');
    empty->name = g_strnfill (SOLACE_MAX_ATTACHMENT_NAME_BYTES, 'n');
    empty->data = g_bytes_new (NULL, 0);
    /* No SHA-256 or type given: both are filled in. */
    solace_incident_add_attachment (incident, empty);
    g_assert_true (solace_incidents_append (f->db, incident, f->now, &error));
    g_assert_no_error (error);
    g_assert_cmpstr (empty->sha256, ==, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    g_assert_cmpstr (empty->media_type, ==, "application/octet-stream");
    assert_chain (f, TRUE, 0);
  }
}

static void
test_attachment_disk_full (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GBytes) png = make_png ();
  g_autoptr(GBytes) big = make_random (BIG_BYTES);
  g_autoptr(SolaceIncident) before = record (f, SOLACE_CHANNEL_CALL, "A call before.", NULL);
  g_autofree char *png_path = write_test_file (f, "shot.png", png);
  g_autofree char *big_path = write_test_file (f, "recording.bin", big);
  g_autofree char *pages = NULL;
  g_autoptr(SolaceIncident) incident = solace_incident_new ();
  g_autoptr(GError) error = NULL;
  SolaceChainHead head;

  /* Room for the record itself, not for its 20 MB. */
  pages = g_strdup_printf ("PRAGMA max_page_count = %" G_GINT64_FORMAT,
                           solace_test_query_int (f->path, "PRAGMA page_count") + 64);
  g_assert_true (solace_database_exec (f->db, pages, &error));
  g_assert_no_error (error);

  incident->happened_at = f->now - 60;
  incident->channel = SOLACE_CHANNEL_TEXT;
  incident->what = g_strdup ("Messages again.");
  incident->sender = g_strdup ("+44 7700 900123");
  solace_incident_add_attachment (incident, read_attachment_file (png_path));
  solace_incident_add_attachment (incident, read_attachment_file (big_path));

  g_assert_false (solace_incidents_append (f->db, incident, f->now, &error));
  g_assert_error (error, SOLACE_ERROR, SOLACE_ERROR_DISK_FULL);
  g_assert_null (strstr (error->message, "Messages again"));
  g_clear_error (&error);
  g_assert_null (incident->hash);
  g_assert_cmpint (solace_test_query_int (f->path, "SELECT count(*) FROM incident"), ==, 1);
  g_assert_cmpint (solace_test_query_int (f->path, "SELECT count(*) FROM incident_attachment"), ==, 0);
  g_assert_true (solace_incidents_get_head (f->db, &head, &error));
  g_assert_cmpuint (head.count, ==, 1);
  g_assert_cmpstr (head.last_hash, ==, before->hash);
  g_assert_true (solace_database_check_integrity (f->db, &error));
  g_assert_no_error (error);
  assert_chain (f, TRUE, 0);

  /* Room again: the same record, whole. */
  g_assert_true (solace_database_exec (f->db, "PRAGMA max_page_count = 1073741823", &error));
  g_assert_true (solace_incidents_append (f->db, incident, f->now, &error));
  g_assert_no_error (error);
  g_assert_cmpint (solace_test_query_int (f->path, "SELECT count(*) FROM incident_attachment"), ==, 2);
  g_assert_cmpint (solace_test_query_int (f->path, "SELECT sum(length(data)) FROM incident_attachment"),
                   ==, BIG_BYTES + g_bytes_get_size (png));
  assert_chain (f, TRUE, 0);
}

/* Takes the file back to schema 7, as the build before senders and
 * files left it, with records appended as that build did. */
static void
make_schema_7_record (Fixture  *f,
                      char    **hashes,
                      guint     n)
{
  sqlite3 *raw = NULL;
  const char *prev = "";

  g_assert_finalize_object (f->db);
  f->db = NULL;
  solace_test_exec (f->path,
                    "DROP TRIGGER incident_attachment_no_update; DROP TRIGGER incident_attachment_no_delete;"
                    "DROP TABLE incident_attachment;"
                    "ALTER TABLE incident DROP COLUMN sender;"
                    "ALTER TABLE incident DROP COLUMN witnesses;"
                    "ALTER TABLE incident DROP COLUMN reference;"
                    "ALTER TABLE incident DROP COLUMN form;"
                    "PRAGMA user_version = 7");

  g_assert_cmpint (sqlite3_open (f->path, &raw), ==, SQLITE_OK);
  for (guint i = 0; i < n; i++)
    {
      SolaceIncident old = { 0 };
      sqlite3_stmt *stmt = NULL;

      old.uuid = g_uuid_string_random ();
      old.happened_at = f->now - 3600 * (n - i);
      old.recorded_at = f->now + i;
      old.channel = i % SOLACE_N_CHANNELS;
      old.what = g_strdup_printf ("Old record %u — ünïcödé", i);
      old.response = g_strdup ("");
      old.necessary = i % 2;
      /* Form 0: how the old build's records look to this one. */
      hashes[i] = solace_incident_compute_hash (&old, prev);

      g_assert_cmpint (sqlite3_prepare_v2 (raw,
                                           "INSERT INTO incident (uuid, happened_at, recorded_at, channel, what,"
                                           "  response, boundary_uuid, necessary, corrects_uuid, prev_hash, hash)"
                                           " VALUES (?1, ?2, ?3, ?4, ?5, ?6, NULL, ?7, NULL, ?8, ?9)",
                                           -1, &stmt, NULL), ==, SQLITE_OK);
      sqlite3_bind_text (stmt, 1, old.uuid, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (stmt, 2, old.happened_at);
      sqlite3_bind_int64 (stmt, 3, old.recorded_at);
      sqlite3_bind_text (stmt, 4, solace_channel_to_key (old.channel), -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 5, old.what, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 6, old.response, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int (stmt, 7, old.necessary);
      sqlite3_bind_text (stmt, 8, prev, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 9, hashes[i], -1, SQLITE_TRANSIENT);
      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
      sqlite3_finalize (stmt);

      prev = hashes[i];
      g_free (old.uuid);
      g_free (old.what);
      g_free (old.response);
    }
  sqlite3_close (raw);
}

static void
test_migration_keeps_hashes (Fixture       *f,
                             gconstpointer  data)
{
  char *hashes[5] = { NULL, };
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GBytes) png = make_png ();
  g_autofree char *png_path = NULL;
  g_autoptr(SolaceIncident) incident = solace_incident_new ();
  g_autoptr(GError) error = NULL;
  SolaceChainHead head;

  make_schema_7_record (f, hashes, G_N_ELEMENTS (hashes));
  g_assert_cmpint (solace_test_query_int (f->path, "PRAGMA user_version"), ==, 7);

  f->db = solace_database_open (f->path, SOLACE_DATABASE_FLAGS_NONE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (solace_database_get_version (f->db), ==, solace_database_get_latest_version ());

  all = solace_incidents_list (f->db, 0, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, G_N_ELEMENTS (hashes));
  for (guint i = 0; i < all->len; i++)
    {
      SolaceIncident *old = g_ptr_array_index (all, i);

      g_assert_cmpint (old->form, ==, SOLACE_INCIDENT_FORM_1);
      g_assert_cmpstr (old->hash, ==, hashes[i]);
      g_assert_null (old->sender);
      g_assert_null (old->attachments);
    }
  assert_chain (f, TRUE, 0);

  /* A new record of form 2 follows on from the old ones. */
  png_path = write_test_file (f, "shot.png", png);
  incident->happened_at = f->now - 60;
  incident->channel = SOLACE_CHANNEL_TEXT;
  incident->what = g_strdup ("After the update.");
  incident->witnesses = g_strdup ("A neighbour");
  solace_incident_add_attachment (incident, read_attachment_file (png_path));
  g_assert_true (solace_incidents_append (f->db, incident, f->now + 100, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (incident->prev_hash, ==, hashes[G_N_ELEMENTS (hashes) - 1]);
  assert_chain (f, TRUE, 0);
  g_assert_true (solace_incidents_get_head (f->db, &head, &error));
  g_assert_cmpuint (head.count, ==, G_N_ELEMENTS (hashes) + 1);
  g_assert_cmpstr (head.last_hash, ==, incident->hash);

  /* A file slipped in beside an old record, whose form has no files:
   * caught, and named. */
  {
    g_autofree char *sql = g_strdup_printf ("INSERT INTO incident_attachment (incident_uuid, position, name,"
                                            "  media_type, size, sha256, data) VALUES ('%s', 0, 'extra.png',"
                                            "  'image/png', 1, '%s', x'00')",
                                            ((SolaceIncident *) g_ptr_array_index (all, 3))->uuid,
                                            "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d");
    solace_test_exec (f->path, sql);
  }
  assert_broken_file (f, 4, 1, "extra.png");

  /* An old record changed is still caught. */
  tamper (f, "UPDATE incident SET what = 'changed' WHERE id = 2");
  assert_chain (f, FALSE, 2);

  for (guint i = 0; i < G_N_ELEMENTS (hashes); i++)
    g_free (hashes[i]);
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
  ADD ("/incidents/csv-new-fields", test_csv_new_fields);
  ADD ("/incidents/form-1-unchanged", test_form_1_unchanged);
  ADD ("/incidents/form-2-documented", test_form_2_documented);
  ADD ("/incidents/attachments-round-trip", test_attachments_round_trip);
  ADD ("/incidents/head-empty", test_head_empty);
  ADD ("/incidents/attachment-tampered", test_attachment_tampered);
  ADD ("/incidents/attachment-flipped-on-disk", test_attachment_flipped_on_disk);
  ADD ("/incidents/hostile-names", test_hostile_names);
  ADD ("/incidents/attachment-vanished", test_attachment_vanished);
  ADD ("/incidents/attachment-too-large", test_attachment_too_large);
  ADD ("/incidents/attachment-bad-input", test_attachment_bad_input);
  ADD ("/incidents/attachment-disk-full", test_attachment_disk_full);
  ADD ("/incidents/migration-keeps-hashes", test_migration_keeps_hashes);
#undef ADD

  return g_test_run ();
}
