/* test-traces-ui.c — what an export leaves behind on the computer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each export is made as a person makes it: the button or row, then the
 * real file chooser (GtkFileChooserNative shows GtkFileChooserDialog
 * here, as on any desktop without a portal), a folder and a name typed
 * into it, and its Export button.  Then, whatever the umask: every file
 * Solace wrote for the person (incident CSV and PDF, everything as
 * JSON, the journal as Markdown, the schedules as .ics, the autostart
 * entry) is 0600, none of them is in the desktop's "Recent" list
 * (recently-used.xbel, which the chooser adds to on its own), and no
 * thumbnail was made.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>

#include "solace-application.h"
#include "solace-boundaries-page.h"
#include "solace-data-page.h"
#include "solace-preferences-window.h"
#include "solace-test-app.h"
#include "solace-test-utils.h"
#include "solace-window.h"

typedef struct {
  SolaceApplication *app;
  GtkWindow         *window;
  char              *out;
  mode_t             old_umask;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *autostart = solace_application_dup_autostart_path ();

  solace_test_app_reset ();
  g_unlink (autostart);
  f->out = g_dir_make_tmp ("solace-traces-XXXXXX", NULL);
  g_assert_nonnull (f->out);
  f->old_umask = umask (GPOINTER_TO_UINT (data));
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  if (f->app != NULL)
    solace_test_app_stop (&f->app, &f->window);
  umask (f->old_umask);
  solace_test_rm_rf (f->out);
  g_free (f->out);
}

/* Mapped, not only shown: on map the chooser goes to its start-up
 * folder, over one set before. */
static gboolean
chooser_shown (gpointer data)
{
  GtkWidget *dialog = solace_test_find_window (GTK_TYPE_FILE_CHOOSER_DIALOG, TRUE);

  return dialog != NULL && gtk_widget_get_mapped (dialog);
}

static gboolean
file_exists (gpointer data)
{
  return g_file_test (data, G_FILE_TEST_IS_REGULAR);
}

static gboolean
chosen (gpointer data)
{
  g_autoptr(GFile) file = gtk_file_chooser_get_file (data);
  g_autofree char *dir = file != NULL ? g_path_get_dirname (g_file_peek_path (file)) : NULL;

  return dir != NULL && g_str_has_prefix (dir, g_get_tmp_dir ()) && strstr (dir, "solace-traces-") != NULL;
}

/* In the chooser that is up: @name in the test's folder, then Export. */
static char *
choose (Fixture    *f,
        const char *name)
{
  g_autoptr(GFile) folder = g_file_new_for_path (f->out);
  GtkWidget *accept;
  GtkWindow *dialog;

  g_assert_true (solace_test_wait_until (chooser_shown, NULL, 5000));
  dialog = solace_test_find_window (GTK_TYPE_FILE_CHOOSER_DIALOG, TRUE);
  solace_test_spin (300);
  g_assert_true (gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (dialog), folder, NULL));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), name);
  g_assert_true (solace_test_wait_until (chosen, dialog, 5000));

  accept = gtk_dialog_get_widget_for_response (GTK_DIALOG (dialog), GTK_RESPONSE_ACCEPT);
  g_assert_nonnull (accept);
  gtk_widget_activate (accept);

  return g_build_filename (f->out, name, NULL);
}

static void
assert_private (const char *path)
{
  GStatBuf st;

  g_assert_true (solace_test_wait_until (file_exists, (gpointer) path, 10000));
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
}

static SolacePreferencesWindow *
open_prefs (Fixture    *f,
            const char *page)
{
  SolacePreferencesWindow *prefs;

  g_action_group_activate_action (G_ACTION_GROUP (f->app), "preferences", NULL);
  solace_test_spin (50);
  prefs = solace_test_find_window (SOLACE_TYPE_PREFERENCES_WINDOW, TRUE);
  g_assert_nonnull (prefs);
  adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (prefs), page);
  solace_test_spin (50);
  return prefs;
}

/* Until the chooser is up: the page offers none while the export
 * before is still being finished. */
static void
activate_row (GtkWidget  *root,
              const char *title)
{
  GtkWidget *row = solace_test_find_widget (root, ADW_TYPE_ACTION_ROW, title);

  g_assert_nonnull (row);
  for (guint i = 0; i < 50 && !chooser_shown (NULL); i++)
    {
      g_signal_emit_by_name (row, "activated");
      solace_test_spin (100);
    }
}

/* Whether a label under @widget shows text containing @needle. */
static gboolean
shows_label_containing (GtkWidget  *widget,
                        const char *needle)
{
  if (GTK_IS_LABEL (widget) && strstr (gtk_label_get_text (GTK_LABEL (widget)), needle) != NULL)
    return TRUE;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (shows_label_containing (child, needle))
      return TRUE;

  return FALSE;
}

static gboolean
says_left_out (gpointer data)
{
  return shows_label_containing (data, "left out");
}

static void
test_exports (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *autostart = solace_application_dup_autostart_path ();
  g_autofree char *recent = g_build_filename (g_get_user_data_dir (), "recently-used.xbel", NULL);
  g_autofree char *thumbnails = g_build_filename (g_get_user_cache_dir (), "thumbnails", NULL);
  g_autofree char *recent_text = NULL;
  g_autoptr(GPtrArray) written = g_ptr_array_new_with_free_func (g_free);
  SolacePreferencesWindow *prefs;
  GtkWidget *boundaries;

  f->app = solace_test_app_start (FALSE, &f->window);

  /* The autostart entry, written at start-up ("run in background" is
   * on by default). */
  assert_private (autostart);

  /* Boundaries: the incident record as CSV and as PDF. */
  solace_window_show_page (SOLACE_WINDOW (f->window), "boundaries");
  boundaries = solace_window_get_boundaries_page (SOLACE_WINDOW (f->window));
  gtk_widget_activate_action (boundaries, "boundaries.export", "s", "csv");
  g_ptr_array_add (written, choose (f, "incidents.csv"));
  assert_private (g_ptr_array_index (written, written->len - 1));
  gtk_widget_activate_action (boundaries, "boundaries.export", "s", "pdf");
  g_ptr_array_add (written, choose (f, "incidents.pdf"));
  assert_private (g_ptr_array_index (written, written->len - 1));

  /* Preferences → Your Data: everything, and the journal. */
  prefs = open_prefs (f, "data");
  activate_row (GTK_WIDGET (prefs), "_Export Everything…");
  g_ptr_array_add (written, choose (f, "everything.json"));
  assert_private (g_ptr_array_index (written, written->len - 1));
  activate_row (GTK_WIDGET (prefs), "Export _Journal…");
  g_ptr_array_add (written, choose (f, "journal.md"));
  assert_private (g_ptr_array_index (written, written->len - 1));

  /* Preferences → Reminders: the schedules.  One reminder that is on
   * has a rule Solace cannot read (WKST): it is left out, and the toast
   * says so rather than the file being short without a word. */
  {
    g_autofree char *db = g_build_filename (g_get_user_data_dir (), "solace", "solace.db", NULL);
    g_autofree char *ics = NULL;

    solace_test_exec (db, "UPDATE reminder SET enabled = 1, rrule = 'FREQ=DAILY;WKST=TU' WHERE key = 'gratitude'");
    solace_test_exec (db, "UPDATE reminder SET enabled = 1 WHERE key = 'check-in'");
    adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (prefs), "reminders");
    gtk_widget_activate_action (GTK_WIDGET (prefs), "prefs.export", NULL);
    g_ptr_array_add (written, choose (f, "reminders.ics"));
    assert_private (g_ptr_array_index (written, written->len - 1));
    g_assert_true (solace_test_wait_until (says_left_out, prefs, 5000));
    g_assert_true (g_file_get_contents (g_ptr_array_index (written, written->len - 1), &ics, NULL, NULL));
    g_assert_nonnull (strstr (ics, "BEGIN:VEVENT"));
    g_assert_null (strstr (ics, "WKST"));
  }
  gtk_window_destroy (GTK_WINDOW (prefs));

  /* GTK writes the Recent list a moment after the chooser answers. */
  solace_test_spin (1500);
  if (g_file_get_contents (recent, &recent_text, NULL, NULL))
    {
      g_assert_null (strstr (recent_text, f->out));
      for (guint i = 0; i < written->len; i++)
        {
          g_autofree char *name = g_path_get_basename (g_ptr_array_index (written, i));
          g_assert_null (strstr (recent_text, name));
        }
    }
  g_assert_false (g_file_test (thumbnails, G_FILE_TEST_EXISTS));
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *home = solace_test_app_init (&argc, &argv);
  int ret;

  g_test_add ("/traces-ui/exports/umask-022", Fixture, GUINT_TO_POINTER (022),
              fixture_set_up, test_exports, fixture_tear_down);
  g_test_add ("/traces-ui/exports/umask-000", Fixture, GUINT_TO_POINTER (000),
              fixture_set_up, test_exports, fixture_tear_down);

  ret = g_test_run ();
  solace_test_rm_rf (home);
  return ret;
}
