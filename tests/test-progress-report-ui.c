/* test-progress-report-ui.c — "Make a Report…" from Insights, through
 * the real window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <sys/stat.h>

#include "solace-check-in.h"
#include "solace-insights.h"
#include "solace-progress-report-dialog.h"
#include "solace-progress.h"
#include "solace-test-app.h"
#include "solace-test-utils.h"
#include "solace-today-page.h"
#include "solace-window.h"

#define CANARY_NOTE "CANARY-NOTE-7f3a"

typedef struct {
  SolaceApplication *app;
  GtkWindow         *window;
  char              *path;
  char              *pdf;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  solace_test_app_reset ();
  f->path = g_build_filename (g_get_user_data_dir (), "solace", "solace.db", NULL);
  f->pdf = g_build_filename (g_get_user_data_dir (), "report.pdf", NULL);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  if (f->app != NULL)
    {
      g_application_set_default (NULL);
      solace_test_app_stop (&f->app, &f->window);
    }
  g_unlink (f->pdf);
  g_free (f->path);
  g_free (f->pdf);
}

static char *
pdf_text (const char *pdf)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  const char *argv[] = { "pdftotext", "-enc", "UTF-8", pdf, "-", NULL };
  g_autoptr(GRegex) space = g_regex_new ("\\s+", 0, 0, NULL);
  int status;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                               NULL, NULL, &out, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));

  return g_regex_replace_literal (space, out, -1, 0, " ", 0, NULL);
}

static void
seed (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SolaceDatabase) db = solace_database_open (f->path, SOLACE_DATABASE_FLAGS_NONE, &error);
  g_autoptr(GTimeZone) tz = g_time_zone_new_local ();
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  g_autoptr(GDate) today = solace_local_day (tz, now);
  g_autoptr(SolaceCheckIn) check_in = solace_check_in_new (today);
  GDate start = *today;

  g_assert_no_error (error);
  g_date_subtract_days (&start, 10);
  g_assert_true (solace_progress_set_start (db, &start, today, &error));
  g_assert_true (solace_progress_log_urge (db, now, today, 7, "photos", FALSE, &error));
  check_in->mood = 4;
  check_in->self_care = SOLACE_SELF_CARE_SLEEP;
  check_in->note = g_strdup ("Today. " CANARY_NOTE);
  g_assert_true (solace_check_in_save (db, check_in, today, &error));
  g_assert_no_error (error);
}

static gboolean
dialog_shown (gpointer data)
{
  return solace_test_find_window (SOLACE_TYPE_PROGRESS_REPORT_DIALOG, TRUE) != NULL;
}

static gboolean
not_busy (gpointer data)
{
  return !solace_progress_report_dialog_get_busy (data);
}

/* To look at, when SOLACE_TEST_SHOT is a file name: the window as drawn. */
static void
maybe_shoot (GtkWidget *widget)
{
  const char *path = g_getenv ("SOLACE_TEST_SHOT");
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GtkSnapshot) snapshot = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  int width, height;

  if (path == NULL)
    return;

  solace_test_spin (1000);
  width = gtk_widget_get_width (widget);
  height = gtk_widget_get_height (widget);
  paintable = gtk_widget_paintable_new (widget);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (widget)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  g_assert_true (gdk_texture_save_to_png (texture, path));
}

static void
test_make_report (Fixture       *f,
                  gconstpointer  data)
{
  SolaceInsights *insights;
  SolaceProgressReportDialog *dialog;
  GtkCheckButton *urges, *notes, *journal;
  g_autofree char *text = NULL;
  struct stat st;

  seed (f);
  f->app = solace_test_app_start (FALSE, &f->window);
  g_application_set_default (G_APPLICATION (f->app));
  insights = SOLACE_INSIGHTS (solace_today_page_get_part (solace_window_get_today_page (SOLACE_WINDOW (f->window)),
                                                          "insights"));
  g_assert_nonnull (insights);

  /* The button opens the window, as a click would. */
  g_assert_true (gtk_widget_activate (GTK_WIDGET (solace_insights_get_report_button (insights))));
  g_assert_true (solace_test_wait_until (dialog_shown, NULL, 2000));
  dialog = solace_test_find_window (SOLACE_TYPE_PROGRESS_REPORT_DIALOG, TRUE);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == f->window);

  /* What the person wrote is off unless ticked. */
  urges = solace_progress_report_dialog_get_check (dialog, SOLACE_REPORT_URGES, 0);
  notes = solace_progress_report_dialog_get_check (dialog, SOLACE_REPORT_NOTES, 0);
  journal = solace_progress_report_dialog_get_check (dialog, SOLACE_REPORT_JOURNAL, 0);
  g_assert_true (gtk_check_button_get_active (urges));
  g_assert_false (gtk_check_button_get_active (notes));
  g_assert_false (gtk_check_button_get_active (journal));
  gtk_window_set_default_size (GTK_WINDOW (dialog), 360, 900);
  maybe_shoot (GTK_WIDGET (dialog));

  /* Untick urges, make the report. */
  gtk_check_button_set_active (urges, FALSE);
  solace_progress_report_dialog_make_to (dialog, f->pdf);
  g_assert_true (solace_progress_report_dialog_get_busy (dialog));
  g_assert_true (solace_test_wait_until (not_busy, dialog, 30000));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (solace_progress_report_dialog_get_status (dialog))));
  g_assert_cmpstr (gtk_label_get_text (solace_progress_report_dialog_get_status (dialog)), ==, "The report is saved.");

  g_assert_cmpint (g_stat (f->pdf, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  text = pdf_text (f->pdf);
  g_assert_nonnull (strstr (text, "Page 1 of "));
  g_assert_nonnull (strstr (text, "Longest stretch: 11 days"));
  g_assert_nonnull (strstr (text, "Mood on 1 day with a check-in"));
  g_assert_null (strstr (text, "urges in all"));
  g_assert_null (strstr (text, "urge in all"));
  g_assert_null (strstr (text, CANARY_NOTE));
  g_assert_nonnull (strstr (strstr (text, "Left out"), "Urges and what set them off"));

  /* Tick the notes: now the canary is there. */
  gtk_check_button_set_active (notes, TRUE);
  solace_progress_report_dialog_make_to (dialog, f->pdf);
  g_assert_true (solace_test_wait_until (not_busy, dialog, 30000));
  g_free (text);
  text = pdf_text (f->pdf);
  g_assert_nonnull (strstr (text, CANARY_NOTE));

  /* Nothing ticked: said clearly, nothing written. */
  g_assert_cmpint (g_unlink (f->pdf), ==, 0);
  for (guint i = 0; i < SOLACE_REPORT_N_PARTS; i++)
    gtk_check_button_set_active (solace_progress_report_dialog_get_check (dialog, 1u << i, 0), FALSE);
  solace_progress_report_dialog_make_to (dialog, f->pdf);
  g_assert_false (solace_progress_report_dialog_get_busy (dialog));
  g_assert_cmpstr (gtk_label_get_text (solace_progress_report_dialog_get_status (dialog)), ==,
                   "Tick at least one part to make a report.");
  g_assert_false (g_file_test (f->pdf, G_FILE_TEST_EXISTS));

  /* Closed while it works: it stops, and nothing half-written is left
   * behind.  (The worker may already have finished a small report by
   * then, on a loaded machine: that report is whole.) */
  gtk_check_button_set_active (urges, TRUE);
  g_object_ref (dialog);
  solace_progress_report_dialog_make_to (dialog, f->pdf);
  g_assert_true (solace_progress_report_dialog_get_busy (dialog));
  gtk_window_close (GTK_WINDOW (dialog));
  solace_test_spin (2000);
  if (g_file_test (f->pdf, G_FILE_TEST_EXISTS))
    {
      g_autofree char *whole = pdf_text (f->pdf);

      g_assert_nonnull (strstr (whole, "Urges and what set them off"));
    }
  {
    /* No temporary file ("report.pdf.XXXXXX") beside it. */
    g_autoptr(GDir) folder = g_dir_open (g_get_user_data_dir (), 0, NULL);
    const char *name;

    g_assert_nonnull (folder);
    while ((name = g_dir_read_name (folder)) != NULL)
      g_assert_false (g_str_has_prefix (name, "report.pdf."));
  }
  g_assert_finalize_object (dialog);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *home = solace_test_app_init (&argc, &argv);
  int ret;

  g_test_add ("/progress-report-ui/make-report", Fixture, NULL, fixture_set_up, test_make_report, fixture_tear_down);

  ret = g_test_run ();
  solace_test_rm_rf (home);

  return ret;
}
