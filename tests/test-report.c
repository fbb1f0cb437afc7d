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

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/report/pdf", test_pdf);

  return g_test_run ();
}
