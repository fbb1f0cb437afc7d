/* test-evidence.c — "Export Evidence…": the ZIP, checked without Solace
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A real database made through the real store, exported, then unpacked
 * and checked by tests/check-evidence.py with Python's zipfile, unzip,
 * sha256sum, pdftotext and the archive's own verify.py.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/stat.h>

#include "solace-error.h"
#include "solace-evidence.h"
#include "solace-incidents.h"
#include "solace-limits.h"
#include "solace-test-utils.h"

#define NOW ((gint64) 1796304607)  /* 2026-12-03 14:30:07 in Berlin */
#define BIG_SIZE (20 * 1024 * 1024)

#define SENDER1 "SENDER-ONE +44 7700 900123"
#define WHAT2 "He waited at the school gate."
/* Right-to-left override, isolates, U+FFFE, line and paragraph
 * separators, newlines, quotes, a control character. */
#define WHAT3 "Bidi \xe2\x80\xae" "evil\xe2\x80\xac and \xe2\x81\xa6isolate\xe2\x81\xa9, U+FFFE \xef\xbf\xbe, " \
              "line\nbreak\r\n\"quoted\" 'single' back\\slash \xe2\x80\xa8 sep \xe2\x80\xa9 \x01 </script>"
#define SENDER3 "+1 555\xe2\x80\xae" "0199\nsecond \"line\""

/* A name as long as the store keeps, with "../" and a right-to-left
 * override, made safe the way the store wants it (the override shows
 * as U+FFFD, '/' as '_'): what a person's hostile file name becomes. */
static char *
hostile_name (void)
{
  g_autoptr(GString) raw = g_string_new ("../\xe2\x80\xae\n../");
  char *name;

  while (raw->len < 2 * SOLACE_MAX_ATTACHMENT_NAME_BYTES)
    g_string_append (raw, "\xc3\xa9\"'");
  g_string_append (raw, "\xe2\x80\xaegnp.exe");   /* shows as "exe.png" */

  name = solace_attachment_make_safe_name (raw->str);
  g_assert_cmpuint (strlen (name), >=, SOLACE_MAX_ATTACHMENT_NAME_BYTES - 3);
  g_assert_cmpuint (strlen (name), <=, SOLACE_MAX_ATTACHMENT_NAME_BYTES);
  g_assert_true (g_str_has_prefix (name, ".."));

  return name;
}

static SolaceAttachment *
attachment (const char *name,
            const char *media_type,
            GBytes     *bytes)
{
  SolaceAttachment *a = solace_attachment_new ();

  a->name = g_strdup (name);
  a->media_type = g_strdup (media_type);
  a->size = g_bytes_get_size (bytes);
  a->data = g_bytes_ref (bytes);

  return a;
}

/* Three records: one with a sender, witnesses, a reference and two files
 * (one of 20 MB), a plain one, and one full of hostile text. */
static void
fill_database (const char *db_path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SolaceDatabase) db = solace_database_open (db_path, SOLACE_DATABASE_FLAGS_NONE, &error);
  g_autofree guint8 *small = g_malloc (1000);
  g_autofree guint8 *big = g_malloc (BIG_SIZE);
  g_autoptr(GBytes) small_bytes = NULL;
  g_autoptr(GBytes) big_bytes = NULL;
  g_autoptr(GBytes) hostile_bytes = g_bytes_new_static ("hostile\n", 8);
  g_autofree char *name3 = hostile_name ();
  gint64 now = NOW - 3 * 3600;
  gboolean ok;

  g_assert_no_error (error);

  for (guint i = 0; i < 1000; i++)
    small[i] = (guint8) (i * 31);
  memcpy (small, "\x89PNG\r\n\x1a\n", 8);
  for (guint i = 0; i < BIG_SIZE; i++)
    big[i] = (guint8) ((i * 2654435761u) >> 13);
  small_bytes = g_bytes_new_take (g_steal_pointer (&small), 1000);
  big_bytes = g_bytes_new_take (g_steal_pointer (&big), BIG_SIZE);

  {
    g_autoptr(SolaceIncident) incident = solace_incident_new ();

    incident->happened_at = now - 600;
    incident->channel = SOLACE_CHANNEL_TEXT;
    incident->what = g_strdup ("Forty messages in an hour.");
    incident->response = g_strdup ("I did not reply.");
    incident->sender = g_strdup (SENDER1);
    incident->witnesses = g_strdup ("My sister Ana");
    incident->reference = g_strdup ("Police 12/3456");
    solace_incident_add_attachment (incident, attachment ("screenshot.png", "image/png", small_bytes));
    solace_incident_add_attachment (incident, attachment ("voicemail.ogg", "audio/ogg", big_bytes));
    ok = solace_incidents_append (db, incident, now, &error);
    g_assert_no_error (error);
    g_assert_true (ok);
  }
  {
    g_autoptr(SolaceIncident) incident = solace_incident_new ();

    incident->happened_at = now;
    incident->channel = SOLACE_CHANNEL_IN_PERSON;
    incident->what = g_strdup (WHAT2);
    incident->necessary = TRUE;
    ok = solace_incidents_append (db, incident, now + 60, &error);
    g_assert_no_error (error);
    g_assert_true (ok);
  }
  {
    g_autoptr(SolaceIncident) incident = solace_incident_new ();

    incident->happened_at = now;
    incident->channel = SOLACE_CHANNEL_SOCIAL;
    incident->what = g_strdup (WHAT3);
    incident->response = g_strdup (WHAT3);
    incident->sender = g_strdup (SENDER3);
    incident->witnesses = g_strdup ("\xef\xbf\xbe\n\xe2\x80\xae");
    solace_incident_add_attachment (incident, attachment (name3, "application/octet-stream", hostile_bytes));
    ok = solace_incidents_append (db, incident, now + 120, &error);
    g_assert_no_error (error);
    g_assert_true (ok);
  }
}

static guint
count_entries (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  guint n = 0;

  g_assert_nonnull (d);
  while (g_dir_read_name (d) != NULL)
    n++;
  return n;
}

static void
write_expected (const char *dir,
                const char *name,
                const char *text)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (dir, name, NULL);

  g_assert_true (g_file_set_contents (path, text, -1, &error));
  g_assert_no_error (error);
}

static char *
run_verify (const char *folder)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *script = g_build_filename (folder, "verify.py", NULL);
  const char *argv[] = { "/usr/bin/python3", script, NULL };
  char *out = NULL;
  int status;

  g_assert_true (g_spawn_sync ("/", (char **) argv, NULL, G_SPAWN_DEFAULT,
                               NULL, NULL, &out, NULL, &status, &error));
  g_assert_no_error (error);

  return out;
}

/* A record made before form 2, as older files hold them: verify.py
 * takes its hash by form 1, as Solace does, and by no other form. */
static void
check_form_1 (const char *work)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SolaceIncident) old = solace_incident_new ();
  g_autofree char *clean_verify = g_build_filename (work, "clean", "verify.py", NULL);
  g_autofree char *verify_py = NULL;
  g_autofree char *hash = NULL;
  gsize length;

  old->uuid = g_strdup ("0b6f3c1e-8a52-4f0e-9d57-2f1f3c7a9e10");
  old->happened_at = 1700000000;
  old->recorded_at = 1700000100;
  old->channel = SOLACE_CHANNEL_CALL;
  old->what = g_strdup ("Called 12 times");
  old->response = g_strdup ("Declined");
  old->necessary = TRUE;
  old->sender = g_strdup ("not part of form 1");
  old->form = SOLACE_INCIDENT_FORM_1;
  hash = solace_incident_compute_hash (old, "");

  g_assert_true (g_file_get_contents (clean_verify, &verify_py, &length, &error));
  g_assert_no_error (error);

  for (int form = 1; form <= 2; form++)
    {
      g_autofree char *folder = g_strdup_printf ("%s/form%d-as-%d", work, old->form, form);
      g_autofree char *manifest_path = g_build_filename (folder, "manifest.json", NULL);
      g_autofree char *verify_path = g_build_filename (folder, "verify.py", NULL);
      g_autofree char *manifest = NULL;
      g_autofree char *out = NULL;
      g_autofree char *expected = NULL;

      manifest = g_strdup_printf ("{\"head\": {\"count\": 1, \"last_hash\": \"%s\"}, \"records\": [{"
                                  "\"uuid\": \"%s\", \"happened\": 1700000000, \"recorded\": 1700000100, "
                                  "\"channel\": \"call\", \"what\": \"Called 12 times\", \"response\": \"Declined\", "
                                  "\"boundary\": null, \"necessary\": true, \"corrects\": null, "
                                  "\"sender\": \"not part of form 1\", \"form\": %d, \"prev_hash\": \"\", "
                                  "\"hash\": \"%s\", \"attachments\": []}]}",
                                  hash, old->uuid, form, hash);
      g_assert_cmpint (g_mkdir (folder, 0700), ==, 0);
      g_assert_true (g_file_set_contents (manifest_path, manifest, -1, &error));
      g_assert_true (g_file_set_contents (verify_path, verify_py, length, &error));
      g_assert_no_error (error);

      out = run_verify (folder);
      expected = form == 1 ? g_strdup_printf ("Intact: 1 record, last hash %s\n", hash)
                           : g_strdup ("Not intact: record 1\n");
      g_assert_cmpstr (out, ==, expected);
    }
}

static void
test_export (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("solace-evidence-XXXXXX", &error);
  g_autofree char *db_path = g_build_filename (dir, "solace", "solace.db", NULL);
  g_autofree char *out_dir = g_build_filename (dir, "out", NULL);
  g_autofree char *zip_path = g_build_filename (out_dir, "evidence.zip", NULL);
  g_autofree char *work = g_build_filename (dir, "work", NULL);
  g_autofree char *expect = g_build_filename (dir, "expect", NULL);
  g_autofree char *script = g_test_build_filename (G_TEST_DIST, "check-evidence.py", NULL);
  g_autofree char *name3 = hostile_name ();
  g_autofree char *out = NULL;
  g_autofree char *expected = NULL;
  g_autoptr(SolaceDatabase) db = NULL;
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier ("Europe/Berlin");
  SolaceChainHead head;
  GStatBuf st;
  mode_t old_umask;
  gboolean ok;
  int status;

  g_assert_no_error (error);
  g_assert_cmpint (g_mkdir (out_dir, 0700), ==, 0);
  g_assert_cmpint (g_mkdir (work, 0700), ==, 0);
  g_assert_cmpint (g_mkdir (expect, 0700), ==, 0);

  fill_database (db_path);
  db = solace_database_open (db_path, SOLACE_DATABASE_FLAGS_NONE, &error);
  g_assert_no_error (error);
  g_assert_true (solace_incidents_get_head (db, &head, &error));
  g_assert_cmpuint (head.count, ==, 3);

  /* Private whatever the umask. */
  old_umask = umask (0);
  ok = solace_evidence_export (db, zip_path, NOW, tz, NULL, &error);
  umask (old_umask);
  g_assert_no_error (error);
  g_assert_true (ok);
  g_assert_cmpint (g_stat (zip_path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 07777, ==, 0600);
  /* No temporary left beside it. */
  g_assert_cmpuint (count_entries (out_dir), ==, 1);

  write_expected (expect, "what3", WHAT3);
  write_expected (expect, "sender3", SENDER3);
  write_expected (expect, "name3", name3);
  write_expected (expect, "sender1", SENDER1);

  {
    const char *argv[] = { "/usr/bin/python3", script, zip_path, work, expect, NULL };

    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT,
                                 NULL, NULL, &out, NULL, &status, &error));
    g_assert_no_error (error);
    g_assert_true (g_spawn_check_wait_status (status, NULL));
  }

  expected = g_strdup_printf ("testzip: ok\n"
                              "names: ok\n"
                              "first: VERIFY.txt\n"
                              "stored: True\n"
                              "unzip: ok\n"
                              "records: 3 head: 3\n"
                              "escaped: ok\n"
                              "what3: ok\n"
                              "sender3: ok\n"
                              "name3: ok\n"
                              "forms: [2]\n"
                              "pdf-sender: ok\n"
                              "readme: ok\n"
                              "verify: Intact: 3 records, last hash %s (exit 0)\n"
                              "sums: ok\n"
                              "tamper-attachment: Not intact: record 1, attachment “screenshot.png” (exit 1)\n"
                              "tamper-attachment-sums: failed\n"
                              "tamper-what: Not intact: record 2 (exit 1)\n"
                              "drop-newest: Not intact: record 3 (exit 1)\n"
                              "tamper-record.pdf: Not intact: record.pdf (exit 1)\n"
                              "tamper-incidents.csv: Not intact: incidents.csv (exit 1)\n",
                              head.last_hash);
  g_assert_cmpstr (out, ==, expected);

  check_form_1 (work);

  /* Cancelled: an error, and nothing left. */
  {
    g_autoptr(GCancellable) cancellable = g_cancellable_new ();
    g_autofree char *other = g_build_filename (work, "cancelled.zip", NULL);

    g_cancellable_cancel (cancellable);
    g_assert_false (solace_evidence_export (db, other, NOW, tz, cancellable, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
    g_clear_error (&error);
    g_assert_false (g_file_test (other, G_FILE_TEST_EXISTS));
  }

  /* A folder that vanished: a clear error naming the file, nothing made. */
  {
    g_autofree char *gone = g_build_filename (dir, "gone", "evidence.zip", NULL);

    g_assert_false (solace_evidence_export (db, gone, NOW, tz, NULL, &error));
    g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT);
    g_assert_nonnull (strstr (error->message, "evidence.zip"));
    g_clear_error (&error);
    g_assert_false (g_file_test (gone, G_FILE_TEST_EXISTS));
  }

  g_clear_object (&db);
  solace_test_rm_rf (dir);
}

/* A disk that fills up: the file size limit stands in for it, with
 * SIGXFSZ ignored so that write() fails with EFBIG. */
static void
test_full_disk (void)
{
  const char *dir = g_getenv ("SOLACE_TEST_EVIDENCE_DIR");

  if (g_test_subprocess ())
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *db_path = g_build_filename (dir, "solace", "solace.db", NULL);
      g_autofree char *out_dir = g_build_filename (dir, "out", NULL);
      g_autofree char *zip_path = g_build_filename (out_dir, "evidence.zip", NULL);
      g_autoptr(SolaceDatabase) db = solace_database_open (db_path, SOLACE_DATABASE_FLAGS_NONE, &error);
      g_autoptr(GTimeZone) tz = g_time_zone_new_identifier ("Europe/Berlin");
      struct rlimit limit = { 2 * 1024 * 1024, 2 * 1024 * 1024 };

      g_assert_no_error (error);
      signal (SIGXFSZ, SIG_IGN);
      g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &limit), ==, 0);

      g_assert_false (solace_evidence_export (db, zip_path, NOW, tz, NULL, &error));
      g_assert_error (error, SOLACE_ERROR, SOLACE_ERROR_DISK_FULL);
      g_assert_nonnull (strstr (error->message, "evidence.zip"));
      g_assert_cmpuint (count_entries (out_dir), ==, 0);
      return;
    }

  {
    g_autoptr(GError) error = NULL;
    g_autofree char *tmp = g_dir_make_tmp ("solace-evidence-XXXXXX", &error);
    g_autofree char *db_path = g_build_filename (tmp, "solace", "solace.db", NULL);
    g_autofree char *out_dir = g_build_filename (tmp, "out", NULL);

    g_assert_no_error (error);
    g_assert_cmpint (g_mkdir (out_dir, 0700), ==, 0);
    fill_database (db_path);
    g_setenv ("SOLACE_TEST_EVIDENCE_DIR", tmp, TRUE);

    g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
    g_test_trap_assert_passed ();
    g_assert_cmpuint (count_entries (out_dir), ==, 0);

    g_unsetenv ("SOLACE_TEST_EVIDENCE_DIR");
    solace_test_rm_rf (tmp);
  }
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/evidence/export", test_export);
  g_test_add_func ("/evidence/full-disk", test_full_disk);

  return g_test_run ();
}
