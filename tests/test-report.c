/* test-report.c — the PDF evidence report, read back with pdftotext
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>

#include "solace-incidents.h"
#include "solace-report.h"
#include "solace-test-utils.h"

static char *
pdf_text (const char *pdf)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  const char *argv[] = { "pdftotext", "-enc", "UTF-8", pdf, "-", NULL };
  int status;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                               NULL, NULL, &out, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));

  return g_steal_pointer (&out);
}

static int
count (const char *haystack,
       const char *needle)
{
  int n = 0;

  for (const char *p = strstr (haystack, needle); p != NULL; p = strstr (p + 1, needle))
    n++;
  return n;
}

static void
test_pdf (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("solace-report-XXXXXX", &error);
  g_autofree char *db_path = g_build_filename (dir, "solace", "solace.db", NULL);
  g_autofree char *pdf = g_build_filename (dir, "report.pdf", NULL);
  g_autoptr(SolaceDatabase) db = solace_database_open (db_path, SOLACE_DATABASE_FLAGS_NONE, &error);
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier ("Europe/Berlin");
  g_autoptr(GPtrArray) incidents = NULL;
  g_autoptr(GString) long_text = g_string_new (NULL);
  g_autofree char *text = NULL;
  SolaceReport report = { 0 };
  gint64 now = 1795791600;
  guint n = 40;

  g_assert_no_error (error);

  /* One account long enough to run over a page. */
  for (guint i = 0; i < 400; i++)
    g_string_append_printf (long_text, "word%u ", i);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SolaceIncident) incident = solace_incident_new ();

      incident->happened_at = now - 3600;
      incident->channel = i % SOLACE_N_CHANNELS;
      incident->what = i == 5 ? g_strdup (long_text->str)
                              : g_strdup_printf ("Incident marker%03u <b>&amp; \"quoted\"</b>", i);
      incident->response = g_strdup ("I did not reply.");
      g_assert_true (solace_incidents_append (db, incident, now, &error));
      now += 60;
    }

  incidents = solace_incidents_list (db, 0, 0, &error);
  report.incidents = incidents;
  report.made_at = now;
  report.tz = tz;
  g_assert_true (solace_incidents_verify (db, &report.check, &error));
  g_assert_true (solace_report_write_pdf (&report, pdf, &error));
  g_assert_no_error (error);

  text = pdf_text (pdf);
  g_assert_nonnull (strstr (text, "Incident Record"));
  g_assert_nonnull (strstr (text, "Intact"));
  /* Every record is there, with its text as written (markup shown, not run). */
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *marker = g_strdup_printf ("marker%03u", i);
      if (i != 5)
        g_assert_cmpint (count (text, marker), ==, 1);
    }
  g_assert_nonnull (strstr (text, "<b>&amp; \"quoted\"</b>"));
  g_assert_nonnull (strstr (text, "word0 "));
  g_assert_nonnull (strstr (text, "word399"));
  /* Numbered pages, the last one saying how many. */
  g_assert_nonnull (strstr (text, "Page 1 of "));
  g_assert_cmpint (count (text, "Page "), >, 3);

  /* Broken chain: the title page says so, and where. */
  solace_test_exec (db_path, "DROP TRIGGER incident_no_update; UPDATE incident SET what = 'changed' WHERE id = 7");
  g_assert_true (solace_incidents_verify (db, &report.check, &error));
  g_assert_false (report.check.intact);
  g_assert_true (solace_report_write_pdf (&report, pdf, &error));
  g_clear_pointer (&text, g_free);
  text = pdf_text (pdf);
  g_assert_nonnull (strstr (text, "Not intact: record 7"));

  /* A file that cannot be written is an error, not a crash. */
  {
    g_autofree char *bad = g_build_filename (dir, "no-such-folder", "report.pdf", NULL);
    g_assert_false (solace_report_write_pdf (&report, bad, &error));
    g_assert_nonnull (error);
    g_clear_error (&error);
  }

  g_clear_object (&db);
  solace_test_rm_rf (dir);
}

/* @text without spaces and line ends: pdftotext guesses spaces from the
 * gaps between letters, and a hash may wrap. */
static char *
flatten (const char *text)
{
  GString *flat = g_string_new (NULL);

  for (const char *p = text; *p; p++)
    if (*p != '\n' && *p != ' ')
      g_string_append_c (flat, *p);
  return g_string_free (flat, FALSE);
}

static SolaceAttachment *
read_attachment (const char *dir,
                 const char *name,
                 const char *contents,
                 gsize       length)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  SolaceAttachment *attachment;

  g_assert_true (g_file_set_contents (path, contents, length, NULL));
  attachment = solace_attachment_read (file, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (attachment);
  return attachment;
}

/* A record's sender, witnesses, reference and files, and the chain's
 * head on the title page; then a file changed behind Solace's back. */
static void
test_pdf_attachments (void)
{
  static const char png[] = "\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0";
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("solace-report-XXXXXX", &error);
  g_autofree char *db_path = g_build_filename (dir, "solace", "solace.db", NULL);
  g_autofree char *pdf = g_build_filename (dir, "report.pdf", NULL);
  g_autoptr(SolaceDatabase) db = solace_database_open (db_path, SOLACE_DATABASE_FLAGS_NONE, &error);
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier ("Europe/Berlin");
  g_autoptr(GPtrArray) incidents = NULL;
  g_autofree char *text = NULL;
  g_autofree char *flat = NULL;
  g_autofree char *png_sum = NULL;
  g_autofree char *notes_sum = NULL;
  g_autofree char *last_hash = NULL;
  SolaceReport report = { 0 };
  gint64 now = 1795791600;

  g_assert_no_error (error);
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(SolaceIncident) incident = solace_incident_new ();

      incident->happened_at = now - 3600;
      incident->channel = SOLACE_CHANNEL_SOCIAL;
      incident->what = g_strdup_printf ("Marker%u", i);
      if (i == 1)
        {
          incident->sender = g_strdup ("@someone_new");
          incident->witnesses = g_strdup ("Neighbour Kim");
          incident->reference = g_strdup ("Case 2026/0042");
          solace_incident_add_attachment (incident, read_attachment (dir, "shot.png", png, sizeof png - 1));
          solace_incident_add_attachment (incident, read_attachment (dir, "notes.txt", "what they said\n", -1));
        }
      g_assert_true (solace_incidents_append (db, incident, now, &error));
      g_assert_no_error (error);
      if (i == 1)
        {
          png_sum = g_strdup (((SolaceAttachment *) g_ptr_array_index (incident->attachments, 0))->sha256);
          notes_sum = g_strdup (((SolaceAttachment *) g_ptr_array_index (incident->attachments, 1))->sha256);
          last_hash = g_strdup (incident->hash);
        }
      now += 60;
    }

  incidents = solace_incidents_list (db, 0, 0, &error);
  g_assert_no_error (error);
  report.incidents = incidents;
  report.made_at = now;
  report.tz = tz;
  g_assert_true (solace_incidents_verify (db, &report.check, &error));
  g_assert_true (solace_incidents_get_head (db, &report.head, &error));
  g_assert_true (solace_report_write_pdf (&report, pdf, &error));
  g_assert_no_error (error);

  text = pdf_text (pdf);
  flat = flatten (text);
  g_assert_nonnull (strstr (text, "Intact"));
  /* The title page: how many records, and the last hash whole. */
  g_assert_nonnull (strstr (flat, "Endofthechain:2records,lasthash"));
  g_assert_nonnull (strstr (flat, last_hash));
  /* The second record's fields and files: name, type, size, SHA-256. */
  g_assert_nonnull (strstr (flat, "Senderasitappeared:@someone_new"));
  g_assert_nonnull (strstr (flat, "Witnesses:NeighbourKim"));
  g_assert_nonnull (strstr (flat, "Medicalorpolicereference:Case2026/0042"));
  g_assert_nonnull (strstr (flat, "Attachments:"));
  g_assert_nonnull (strstr (flat, "1.shot.png·image/png·"));
  g_assert_nonnull (strstr (flat, "2.notes.txt·text/plain·15bytes"));
  g_assert_nonnull (strstr (flat, png_sum));
  g_assert_nonnull (strstr (flat, notes_sum));
  /* The first record keeps no files: no list of them. */
  g_assert_cmpint (count (text, "Attachments:"), ==, 1);

  /* A file's bytes changed: the title page names the record and file. */
  solace_test_exec (db_path, "DROP TRIGGER incident_attachment_no_update; "
                             "UPDATE incident_attachment SET data = CAST('what they did' AS BLOB) WHERE name = 'notes.txt'");
  g_assert_true (solace_incidents_verify (db, &report.check, &error));
  g_assert_false (report.check.intact);
  g_assert_true (solace_report_write_pdf (&report, pdf, &error));
  g_clear_pointer (&text, g_free);
  g_clear_pointer (&flat, g_free);
  text = pdf_text (pdf);
  flat = flatten (text);
  g_assert_nonnull (strstr (flat, "Notintact:record2,attachment“notes.txt”"));

  g_clear_object (&db);
  solace_test_rm_rf (dir);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/report/pdf", test_pdf);
  g_test_add_func ("/report/pdf-attachments", test_pdf_attachments);

  return g_test_run ();
}
