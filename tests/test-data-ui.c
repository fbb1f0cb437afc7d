/* test-data-ui.c — damaged data at start-up, and restoring a backup
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "solace-application.h"
#include "solace-backup.h"
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

int
main (int   argc,
      char *argv[])
{
  g_autofree char *home = solace_test_app_init (&argc, &argv);
  int ret;

#define ADD(name, func) g_test_add (name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/data-ui/restore-damaged", test_restore_damaged);
  ADD ("/data-ui/damaged-without-backup", test_damaged_without_backup);
#undef ADD

  ret = g_test_run ();
  solace_test_rm_rf (home);

  return ret;
}
