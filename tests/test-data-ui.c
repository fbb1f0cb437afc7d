/* test-data-ui.c — damaged data at start-up, backups, export and import
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "solace-application.h"
#include "solace-backup.h"
#include "solace-data-page.h"
#include "solace-export.h"
#include "solace-keys.h"
#include "solace-preferences-window.h"
#include "solace-progress.h"
#include "solace-test-app.h"
#include "solace-test-utils.h"
#include "solace-today-page.h"
#include "solace-window.h"

typedef struct {
  SolaceApplication *app;
  GtkWindow         *window;
  char              *path;
  char              *backups;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  solace_test_app_reset ();
  f->path = g_build_filename (g_get_user_data_dir (), "solace", "solace.db", NULL);
  f->backups = solace_backup_dup_default_dir ();
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
  g_free (f->path);
  g_free (f->backups);
}

static gpointer
visible_window (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (gtk_widget_get_visible (GTK_WIDGET (window)))
        return window;
    }
  return NULL;
}

static GtkWidget *
find_button (GtkWidget  *root,
             const char *prefix)
{
  if (GTK_IS_BUTTON (root) && gtk_button_get_label (GTK_BUTTON (root)) != NULL &&
      g_str_has_prefix (gtk_button_get_label (GTK_BUTTON (root)), prefix))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_button (child, prefix);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
restore_offered (gpointer data)
{
  return find_button (visible_window (), "_Restore the Backup") != NULL;
}

static gboolean
main_window_shown (gpointer data)
{
  return SOLACE_IS_WINDOW (visible_window ());
}

/* Data that is not a database at all: Solace says so, offers the newest
 * whole backup (not the damaged newer one), restores it when asked, and
 * keeps the bad file beside it. */
static void
test_restore_damaged (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDate) older = g_date_new_dmy (20, 11, 2026);
  g_autoptr(GDate) newer = g_date_new_dmy (21, 11, 2026);
  g_autoptr(GDate) today = g_date_new_dmy (22, 11, 2026);
  g_autofree char *bad_backup = NULL;
  g_autofree char *dir = g_path_get_dirname (f->path);
  g_autoptr(GDir) listing = NULL;
  const char *name;
  gboolean kept = FALSE;
  GtkWidget *button;

  {
    g_autoptr(SolaceDatabase) db = solace_database_open (f->path, SOLACE_DATABASE_FLAGS_NONE, &error);
    g_autoptr(GDate) start = g_date_new_dmy (1, 11, 2026);

    g_assert_no_error (error);
    g_assert_true (solace_progress_set_start (db, start, today, &error));
    g_assert_true (solace_backup_make (db, f->backups, older, FALSE, NULL, &error));
    g_assert_true (solace_backup_make (db, f->backups, newer, FALSE, &bad_backup, &error));
    g_assert_no_error (error);
  }
  g_assert_true (g_file_set_contents (bad_backup, "a backup that was damaged later", -1, &error));
  g_assert_true (g_file_set_contents (f->path, "my shopping list, not a database", -1, &error));
  {
    g_autofree char *wal = g_strconcat (f->path, "-wal", NULL);
    g_unlink (wal);
  }

  f->app = solace_test_app_start (FALSE, &f->window);
  g_application_set_default (G_APPLICATION (f->app));
  g_assert_false (SOLACE_IS_WINDOW (visible_window ()));
  g_assert_true (solace_test_wait_until (restore_offered, NULL, 10000));
  button = find_button (visible_window (), "_Restore the Backup");
  g_assert_nonnull (strstr (gtk_button_get_label (GTK_BUTTON (button)), "20 November 2026"));

  gtk_widget_activate (button);
  g_assert_true (solace_test_wait_until (main_window_shown, NULL, 10000));
  f->window = visible_window ();
  g_assert_cmpstr (solace_today_page_get_counter_text (solace_window_get_today_page (SOLACE_WINDOW (f->window))),
                   !=, "Day One Starts When You Choose");
  g_assert_cmpint (solace_test_query_int (f->path, "SELECT count(*) FROM stretch"), ==, 1);

  listing = g_dir_open (dir, 0, NULL);
  while ((name = g_dir_read_name (listing)) != NULL)
    if (g_str_has_prefix (name, "solace.db.damaged-"))
      {
        g_autofree char *path = g_build_filename (dir, name, NULL);
        g_autofree char *contents = NULL;

        g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
        g_assert_cmpstr (contents, ==, "my shopping list, not a database");
        kept = TRUE;
      }
  g_assert_true (kept);
}

/* Without a backup, only the explanation and Quit. */
static void
test_damaged_without_backup (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_path_get_dirname (f->path);

  g_mkdir_with_parents (dir, 0700);
  g_assert_true (g_file_set_contents (f->path, "my shopping list, not a database", -1, &error));
  f->app = solace_test_app_start (FALSE, &f->window);
  g_application_set_default (G_APPLICATION (f->app));
  solace_test_spin (500);
  g_assert_null (find_button (visible_window (), "_Restore the Backup"));
  g_assert_nonnull (find_button (visible_window (), "_Quit"));
}

static gboolean
path_exists (gpointer path)
{
  return g_file_test (path, G_FILE_TEST_EXISTS);
}

/* Data that cannot be opened: Solace writes nothing at all, not even
 * the autostart entry that "Run in background" (on by default) asks
 * for, and not when that setting changes under the error window. */
static void
test_damaged_writes_nothing (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSettings) settings = g_settings_new ("io.github.solace_app.Solace");
  g_autofree char *dir = g_path_get_dirname (f->path);
  g_autofree char *autostart = solace_application_dup_autostart_path ();
  g_autofree char *autostart_dir = g_path_get_dirname (autostart);

  solace_test_rm_rf (autostart_dir);
  g_assert_true (g_settings_get_boolean (settings, "run-in-background"));
  g_mkdir_with_parents (dir, 0700);
  g_assert_true (g_file_set_contents (f->path, "my shopping list, not a database", -1, &error));

  f->app = solace_test_app_start (FALSE, &f->window);
  g_application_set_default (G_APPLICATION (f->app));
  g_assert_nonnull (find_button (visible_window (), "_Quit"));
  g_assert_false (solace_test_wait_until (path_exists, autostart, 1500));

  /* As if the setting had just been switched on, told to this
   * application only (an earlier test's may still be alive, with data
   * it opened and every right to write its entry). */
  g_signal_emit_by_name (solace_application_get_settings (f->app), "changed::run-in-background", "run-in-background");
  g_assert_false (solace_test_wait_until (path_exists, autostart, 1500));
  g_assert_false (g_file_test (autostart_dir, G_FILE_TEST_EXISTS));
}

static GtkLabel *
find_label (GtkWidget  *root,
            const char *prefix)
{
  if (GTK_IS_LABEL (root) && g_str_has_prefix (gtk_label_get_text (GTK_LABEL (root)), prefix))
    return GTK_LABEL (root);

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkLabel *found = find_label (child, prefix);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* A data folder the person made read-only (chmod 0500): it stays so,
 * and the window opens the data read-only with the banner saying why.
 * (This runs as root in CI: what stops writing is Solace respecting the
 * missing write bit; test-database checks the same as "nobody".) */
static void
test_read_only_folder_banner (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_path_get_dirname (f->path);
  g_autofree char *autostart = solace_application_dup_autostart_path ();
  GtkLabel *banner;
  GtkWidget *revealer;
  GStatBuf st;

  {
    g_autoptr(SolaceDatabase) db = solace_database_open (f->path, SOLACE_DATABASE_FLAGS_NONE, &error);
    g_autoptr(GDate) start = g_date_new_dmy (3, G_DATE_MARCH, 2026);

    g_assert_no_error (error);
    g_assert_true (solace_database_set_stretch_start (db, start, &error));
    g_assert_no_error (error);
  }
  g_assert_cmpint (g_chmod (dir, 0500), ==, 0);

  f->app = solace_test_app_start (FALSE, &f->window);
  g_assert_true (SOLACE_IS_WINDOW (f->window));
  g_assert_true (solace_database_is_read_only (solace_application_get_database (f->app)));
  g_assert_nonnull (strstr (solace_application_get_read_only_reason (f->app), dir));

  banner = find_label (GTK_WIDGET (f->window), "Solace can show your data but cannot save changes");
  g_assert_nonnull (banner);
  g_assert_nonnull (strstr (gtk_label_get_text (banner), dir));
  revealer = gtk_widget_get_ancestor (GTK_WIDGET (banner), GTK_TYPE_REVEALER);
  g_assert_true (gtk_revealer_get_reveal_child (GTK_REVEALER (revealer)));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (banner)));

  /* The folder keeps the mode the person gave it. */
  g_assert_cmpint (g_stat (dir, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0500);

  /* The data did open: its autostart entry is written as usual. */
  g_assert_true (solace_test_wait_until (path_exists, autostart, 5000));

  solace_test_app_stop (&f->app, &f->window);
  g_assert_cmpint (g_stat (dir, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0500);
  g_chmod (dir, 0700);
}

/* ---- Preferences → Your Data ---------------------------------------- */

static SolaceDataPage *
open_data_page (Fixture *f)
{
  SolacePreferencesWindow *prefs;
  GListModel *toplevels = gtk_window_get_toplevels ();

  g_action_group_activate_action (G_ACTION_GROUP (f->app), "preferences", NULL);
  solace_test_spin (50);
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (SOLACE_IS_PREFERENCES_WINDOW (window))
        {
          prefs = SOLACE_PREFERENCES_WINDOW (window);
          adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (prefs), "data");
          return solace_preferences_window_get_data_page (prefs);
        }
    }
  g_assert_not_reached ();
}

/* How many rows of the backups list say @note. */
static guint
rows_saying (SolaceDataPage *page,
             const char     *note)
{
  GtkListBox *list = solace_data_page_get_backup_list (page);
  GtkListBoxRow *row;
  guint n = 0;

  for (guint i = 0; (row = gtk_list_box_get_row_at_index (list, i)) != NULL; i++)
    if (ADW_IS_ACTION_ROW (row) && g_str_has_suffix (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), note))
      n++;
  return n;
}

static gboolean
file_exists (gpointer path)
{
  return g_file_test (path, G_FILE_TEST_EXISTS);
}

/* After a restore or an import, all of Solace is opened again from the
 * data as it is now: a new main window, and no Preferences.  (The new
 * window may well sit where the old one was in memory, so the old one
 * is marked rather than compared.) */
static void
mark_window (Fixture *f)
{
  g_object_set_data (G_OBJECT (f->window), "solace-test-old", GINT_TO_POINTER (TRUE));
}

static gboolean
window_replaced (gpointer data)
{
  GtkWindow *now = solace_test_find_window (SOLACE_TYPE_WINDOW, TRUE);

  return now != NULL && g_object_get_data (G_OBJECT (now), "solace-test-old") == NULL &&
         solace_test_find_window (SOLACE_TYPE_PREFERENCES_WINDOW, TRUE) == NULL;
}

static void
start_with_reason (Fixture    *f,
                   const char *reason)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SolaceDatabase) db = solace_database_open (f->path, SOLACE_DATABASE_FLAGS_NONE, &error);
  const char *reasons[] = { reason, NULL };

  g_assert_no_error (error);
  g_assert_true (solace_progress_save_reasons (db, reasons, &error));
  g_clear_object (&db);
  f->app = solace_test_app_start (FALSE, &f->window);
  g_application_set_default (G_APPLICATION (f->app));
}

static char *
reasons_now (Fixture *f)
{
  return solace_test_query_text (f->path, "SELECT group_concat (text, '|') FROM (SELECT text FROM reason ORDER BY position)");
}

static void
test_backups_page (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *name = g_date_time_format (now, "solace-%Y-%m-%d.db");
  g_autofree char *today = g_build_filename (f->backups, name, NULL);
  g_autofree char *reasons = NULL;
  g_autoptr(GPtrArray) list = NULL;
  SolaceDataPage *page;
  char *before = NULL;

  start_with_reason (f, "Before");
  /* Opening the window made today's copy, in the background. */
  g_assert_true (solace_test_wait_until (file_exists, today, 10000));

  page = open_data_page (f);
  solace_data_page_refresh_backups (page);
  g_assert_cmpuint (solace_test_n_rows (solace_data_page_get_backup_list (page)), ==, 1);

  /* Something changes; the copy is restored; all of Solace shows it. */
  {
    const char *after[] = { "After", NULL };
    g_autoptr(GError) error = NULL;

    g_assert_true (solace_progress_save_reasons (solace_application_get_database (f->app), after, &error));
  }
  mark_window (f);
  solace_data_page_restore (page, today);
  g_assert_true (solace_test_wait_until (window_replaced, f, 10000));
  f->window = solace_test_find_window (SOLACE_TYPE_WINDOW, TRUE);
  reasons = reasons_now (f);
  g_assert_cmpstr (reasons, ==, "Before");

  /* What was there is one more backup. */
  list = solace_backup_list (f->backups);
  g_assert_cmpuint (list->len, ==, 2);
  for (guint i = 0; i < list->len; i++)
    if (strstr (((SolaceBackup *) g_ptr_array_index (list, i))->path, "before-restore") != NULL)
      before = solace_test_query_text (((SolaceBackup *) g_ptr_array_index (list, i))->path, "SELECT text FROM reason");
  g_assert_cmpstr (before, ==, "After");
  g_free (before);

  /* The list shows both, and says which is which. */
  page = open_data_page (f);
  g_assert_cmpuint (solace_test_n_rows (solace_data_page_get_backup_list (page)), ==, 2);
  g_assert_cmpuint (rows_saying (page, " · kept before a restore"), ==, 1);
}

static gboolean
dialog_shown (gpointer data)
{
  return solace_test_find_window (ADW_TYPE_MESSAGE_DIALOG, TRUE) != NULL;
}

static void
test_export_import (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *dir = g_dir_make_tmp ("solace-export-ui-XXXXXX", NULL);
  g_autofree char *json = g_build_filename (dir, "everything.json", NULL);
  g_autofree char *markdown = g_build_filename (dir, "journal.md", NULL);
  g_autofree char *broken = g_build_filename (dir, "broken.json", NULL);
  g_autoptr(GFile) json_file = g_file_new_for_path (json);
  g_autoptr(GFile) markdown_file = g_file_new_for_path (markdown);
  g_autoptr(GFile) broken_file = g_file_new_for_path (broken);
  g_autofree char *contents = NULL;
  g_autofree char *reasons = NULL;
  SolaceDataPage *page;
  GStatBuf st;

  start_with_reason (f, "Exported");
  page = open_data_page (f);

  /* Everything, as one private file. */
  solace_data_page_export (page, json_file);
  g_assert_true (solace_test_wait_until (file_exists, json, 10000));
  solace_test_spin (200);
  g_assert_true (g_file_get_contents (json, &contents, NULL, NULL));
  g_assert_nonnull (strstr (contents, "\"solace-export\""));
  g_assert_nonnull (strstr (contents, "Exported"));
  g_assert_cmpint (g_stat (json, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  /* The journal as Markdown. */
  solace_data_page_export_journal (page, markdown_file, 30);
  g_assert_true (solace_test_wait_until (file_exists, markdown, 10000));

  /* Changed, then the export put back in its place. */
  {
    const char *changed[] = { "Changed since", NULL };
    g_autoptr(GError) error = NULL;

    g_assert_true (solace_progress_save_reasons (solace_application_get_database (f->app), changed, &error));
  }
  solace_test_spin (200);
  mark_window (f);
  solace_data_page_import (page, json_file, SOLACE_IMPORT_REPLACE);
  g_assert_true (solace_test_wait_until (window_replaced, f, 10000));
  f->window = solace_test_find_window (SOLACE_TYPE_WINDOW, TRUE);
  reasons = reasons_now (f);
  g_assert_cmpstr (reasons, ==, "Exported");

  /* What was there before is its own backup, which a backup made later
   * the same day does not replace. */
  {
    g_autoptr(GPtrArray) list = NULL;
    g_autofree char *kept = NULL;
    g_autoptr(GError) error = NULL;
    g_autoptr(GDate) day = g_date_new ();

    g_date_set_time_t (day, time (NULL));
    g_assert_true (solace_backup_make (solace_application_get_database (f->app), f->backups, day, TRUE, NULL, &error));
    g_assert_no_error (error);
    list = solace_backup_list (f->backups);
    for (guint i = 0; i < list->len; i++)
      {
        const char *path = ((SolaceBackup *) g_ptr_array_index (list, i))->path;

        if (strstr (path, "-before-import") != NULL)
          kept = solace_test_query_text (path, "SELECT text FROM reason");
      }
    g_assert_cmpstr (kept, ==, "Changed since");
    page = open_data_page (f);
    g_assert_cmpuint (rows_saying (page, " · kept before an import"), ==, 1);
  }

  /* A broken file: a clear message, nothing changed. */
  g_assert_true (g_file_set_contents (broken, "{\"format\": \"solace-export\", \"version\": 1, \"journal\": [", -1, NULL));
  page = open_data_page (f);
  solace_data_page_import (page, broken_file, SOLACE_IMPORT_MERGE);
  g_assert_true (solace_test_wait_until (dialog_shown, NULL, 10000));
  g_assert_cmpstr (adw_message_dialog_get_heading (solace_test_find_window (ADW_TYPE_MESSAGE_DIALOG, TRUE)), ==,
                   "This File Cannot Be Imported");
  g_clear_pointer (&reasons, g_free);
  reasons = reasons_now (f);
  g_assert_cmpstr (reasons, ==, "Exported");

  solace_test_rm_rf (dir);
}

static void
sealed_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (solace_application_set_sealed_finish (SOLACE_APPLICATION (source), result, &error));
  g_assert_no_error (error);
  *(gboolean *) user_data = TRUE;
}

static gboolean
is_true (gpointer data)
{
  return *(gboolean *) data;
}

static gpointer
find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return window;
    }
  return NULL;
}

/* The export row, activated as a click would. */
static void
activate_row (SolaceDataPage *page,
              const char     *title)
{
  GtkWidget *row = solace_test_find_widget (GTK_WIDGET (page), ADW_TYPE_PREFERENCES_ROW, title);

  g_assert_nonnull (row);
  gtk_widget_activate (row);
  solace_test_spin (100);
}

/* With the lock on, an export says first that the file is plain;
 * Cancel is the default and goes nowhere, "Export Anyway" goes on to
 * the file chooser.  A plain journal goes straight there. */
static void
test_export_sealed_warns (Fixture       *f,
                          gconstpointer  data)
{
  static const SolacePwhashParams cheap = { 1, 8192 };
  g_autoptr(GError) error = NULL;
  g_autoptr(SolaceRecoveryKey) recovery = NULL;
  g_autofree char *keys = NULL;
  SolaceDataPage *page;
  AdwMessageDialog *question;
  GtkWindow *chooser;
  SolaceKey *key;
  gboolean done = FALSE;

  start_with_reason (f, "Sealed");

  /* Plain: no question. */
  page = open_data_page (f);
  activate_row (page, "_Export Everything…");
  g_assert_null (find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  chooser = find_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG);
  g_assert_nonnull (chooser);
  gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_CANCEL);
  solace_test_spin (100);
  gtk_window_destroy (GTK_WINDOW (solace_test_find_window (SOLACE_TYPE_PREFERENCES_WINDOW, TRUE)));
  solace_test_spin (50);

  keys = solace_keys_path_for_database (f->path);
  key = solace_keys_create (keys, "quiet river under the old bridge", &cheap, &recovery, &error);
  g_assert_no_error (error);
  solace_application_set_sealed_async (f->app, key, NULL, NULL, NULL, sealed_cb, &done);
  g_assert_true (solace_test_wait_until (is_true, &done, 30000));
  solace_test_spin (100);
  g_assert_true (solace_database_is_sealed (solace_application_get_database (f->app)));

  for (guint i = 0; i < 2; i++)
    {
      const char *rows[] = { "_Export Everything…", "Export _Journal…" };

      page = open_data_page (f);
      activate_row (page, rows[i]);
      question = find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
      g_assert_nonnull (question);
      g_assert_cmpstr (adw_message_dialog_get_heading (question), ==, "Export Without Encryption?");
      g_assert_nonnull (strstr (adw_message_dialog_get_body (question), "anyone who can open the file can read it"));
      g_assert_cmpstr (adw_message_dialog_get_default_response (question), ==, "cancel");
      g_assert_null (find_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG));

      /* Cancel: nothing more. */
      adw_message_dialog_response (question, "cancel");
      solace_test_spin (100);
      g_assert_null (find_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG));

      /* Export Anyway: on to the file. */
      activate_row (page, rows[i]);
      question = find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
      g_assert_nonnull (question);
      adw_message_dialog_response (question, "export");
      solace_test_spin (100);
      chooser = find_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG);
      g_assert_nonnull (chooser);
      gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_CANCEL);
      solace_test_spin (100);
      gtk_window_destroy (GTK_WINDOW (solace_test_find_window (SOLACE_TYPE_PREFERENCES_WINDOW, TRUE)));
      solace_test_spin (50);
    }
  f->window = solace_test_find_window (SOLACE_TYPE_WINDOW, FALSE);
}

/* A notification's button leads to the main window even when
 * Preferences was the last window used. */
static void
test_action_from_preferences (Fixture       *f,
                              gconstpointer  data)
{
  GtkWindow *main_window;

  start_with_reason (f, "Anything");
  open_data_page (f);
  solace_test_spin (100);
  g_assert_true (SOLACE_IS_PREFERENCES_WINDOW (gtk_application_get_windows (GTK_APPLICATION (f->app))->data));

  g_action_group_activate_action (G_ACTION_GROUP (f->app), "show-page", g_variant_new_string ("support"));
  solace_test_spin (100);
  main_window = solace_test_find_window (SOLACE_TYPE_WINDOW, TRUE);
  g_assert_nonnull (main_window);
  g_assert_cmpstr (solace_window_get_visible_page (SOLACE_WINDOW (main_window)), ==, "support");
  g_assert_true (gtk_application_get_windows (GTK_APPLICATION (f->app))->data == (gpointer) main_window);
}

static gboolean
nothing_visible (gpointer data)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) window = g_list_model_get_item (toplevels, i);

      if (gtk_widget_get_visible (window))
        return FALSE;
    }
  return TRUE;
}

static gboolean
reasons_are (gpointer data)
{
  const char **expected = data;
  g_autofree char *now = solace_test_query_text (expected[0], "SELECT group_concat (text, '|') FROM reason");

  return g_strcmp0 (now, expected[1]) == 0;
}

/* Preferences closed, or Solace quick-hidden, while a restore or an
 * import runs: it still ends with all of Solace reading the new data,
 * and a hidden Solace stays hidden until it is opened again. */
static void
test_replaced_after_preferences_closed (Fixture       *f,
                                        gconstpointer  data)
{
  g_autofree char *dir = g_dir_make_tmp ("solace-replace-ui-XXXXXX", NULL);
  g_autofree char *json = g_build_filename (dir, "everything.json", NULL);
  g_autoptr(GFile) json_file = g_file_new_for_path (json);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *name = g_date_time_format (now, "solace-%Y-%m-%d.db");
  g_autofree char *today = g_build_filename (f->backups, name, NULL);
  const char *before[] = { f->path, "Before" };
  const char *exported[] = { f->path, "Exported" };
  const char *changed[] = { "Changed", NULL };
  const char *exported_reason[] = { "Exported", NULL };
  g_autoptr(GError) error = NULL;
  SolaceDataPage *page;

  start_with_reason (f, "Before");
  g_assert_true (solace_test_wait_until (file_exists, today, 10000));

  /* A restore, and Preferences closed at once. */
  g_assert_true (solace_progress_save_reasons (solace_application_get_database (f->app), changed, &error));
  page = open_data_page (f);
  mark_window (f);
  solace_data_page_restore (page, today);
  gtk_window_destroy (GTK_WINDOW (solace_test_find_window (SOLACE_TYPE_PREFERENCES_WINDOW, TRUE)));
  g_assert_true (solace_test_wait_until (reasons_are, before, 10000));
  g_assert_true (solace_test_wait_until (window_replaced, f, 10000));
  f->window = solace_test_find_window (SOLACE_TYPE_WINDOW, TRUE);

  /* An export of "Exported", then an import, and Solace hidden. */
  g_assert_true (solace_progress_save_reasons (solace_application_get_database (f->app), exported_reason, &error));
  page = open_data_page (f);
  solace_data_page_export (page, json_file);
  g_assert_true (solace_test_wait_until (file_exists, json, 10000));
  solace_test_spin (200);
  g_assert_true (solace_progress_save_reasons (solace_application_get_database (f->app), changed, &error));
  mark_window (f);
  solace_data_page_import (page, json_file, SOLACE_IMPORT_REPLACE);
  solace_application_quick_hide (f->app);
  g_assert_true (solace_test_wait_until (reasons_are, exported, 10000));
  solace_test_spin (500);
  g_assert_true (nothing_visible (NULL));

  /* Opened again: the new data, on Today. */
  g_application_activate (G_APPLICATION (f->app));
  g_assert_true (solace_test_wait_until (window_replaced, f, 10000));
  f->window = solace_test_find_window (SOLACE_TYPE_WINDOW, TRUE);
  g_assert_cmpstr (solace_window_get_visible_page (SOLACE_WINDOW (f->window)), ==, "today");
  g_assert_true (solace_application_get_database (f->app) != NULL);
  {
    g_auto(GStrv) reasons = solace_progress_load_reasons (solace_application_get_database (f->app), &error);

    g_assert_no_error (error);
    g_assert_cmpstrv (reasons, exported_reason);
  }

  solace_test_rm_rf (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *home = solace_test_app_init (&argc, &argv);
  int ret;

#define ADD(name, func) g_test_add (name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/data-ui/restore-damaged", test_restore_damaged);
  ADD ("/data-ui/damaged-without-backup", test_damaged_without_backup);
  ADD ("/data-ui/damaged-writes-nothing", test_damaged_writes_nothing);
  ADD ("/data-ui/read-only-folder-banner", test_read_only_folder_banner);
  ADD ("/data-ui/backups-page", test_backups_page);
  ADD ("/data-ui/export-import", test_export_import);
  ADD ("/data-ui/export-sealed-warns", test_export_sealed_warns);
  ADD ("/data-ui/action-from-preferences", test_action_from_preferences);
  ADD ("/data-ui/replaced-after-preferences-closed", test_replaced_after_preferences_closed);
#undef ADD

  ret = g_test_run ();
  solace_test_rm_rf (home);

  return ret;
}
