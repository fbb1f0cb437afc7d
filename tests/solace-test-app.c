/* solace-test-app.c — the application, started and stopped for widget tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "solace-reminder-subjects.h"
#include "solace-test-app.h"
#include "solace-test-utils.h"

SolaceApplication *
solace_test_app_start (gboolean    manage_reminders,
                       GtkWindow **window)
{
  static guint serial;
  g_autofree char *id = g_strdup_printf ("io.github.solace_app.Solace.Test%u", ++serial);
  g_autoptr(GError) error = NULL;
  SolaceApplication *app;
  GList *windows;

  app = solace_application_new ();
  solace_application_set_manage_reminders (app, manage_reminders);
  /* Each run gets its own ID: an application lives on the session bus
   * a little longer than the test that made it. */
  g_application_set_application_id (G_APPLICATION (app), id);
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);
  g_application_activate (G_APPLICATION (app));

  windows = gtk_application_get_windows (GTK_APPLICATION (app));
  g_assert_nonnull (windows);
  *window = windows->data;
  /* On screen (a virtual one), so lists really make their rows. */
  gtk_window_present (*window);
  solace_test_spin (50);

  return app;
}

void
solace_test_app_stop (SolaceApplication **app,
                      GtkWindow         **window)
{
  if (*window != NULL)
    {
      gtk_window_close (*window);
      *window = NULL;
    }
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (*app)); l != NULL;
       l = gtk_application_get_windows (GTK_APPLICATION (*app)))
    gtk_window_destroy (l->data);

  solace_test_spin (50);
  if (solace_application_get_journal (*app) != NULL)
    solace_journal_store_flush (solace_application_get_journal (*app));
  g_clear_object (app);
  solace_test_spin (20);
}

/* (G_TEST_OPTION_ISOLATE_DIRS would also hide the system's MIME
 * database, which GTK needs to load its icons, so the tests share one
 * private XDG_DATA_HOME and empty it instead.) */
void
solace_test_app_reset (void)
{
  g_autofree char *dir = g_build_filename (g_get_user_data_dir (), "solace", NULL);
  g_autoptr(GSettings) settings = g_settings_new ("io.github.solace_app.Solace");
  g_autoptr(GSettingsSchema) schema = NULL;
  g_auto(GStrv) keys = NULL;

  /* Settings live as long as the process (memory backend). */
  g_object_get (settings, "settings-schema", &schema, NULL);
  keys = g_settings_schema_list_keys (schema);
  for (guint i = 0; keys[i] != NULL; i++)
    g_settings_reset (settings, keys[i]);
  /* The welcome has a test of its own; the others start past it. */
  g_settings_set_boolean (settings, "welcome-done", TRUE);

  solace_test_rm_rf (dir);
}

char *
solace_test_app_init (int    *argc,
                      char ***argv)
{
  char *home = g_dir_make_tmp ("solace-ui-test-XXXXXX", NULL);
  const char * const dirs[][2] = {
    { "XDG_DATA_HOME", "data" },
    { "XDG_CONFIG_HOME", "config" },
    { "XDG_CACHE_HOME", "cache" },
  };

  g_assert_nonnull (home);
  for (guint i = 0; i < G_N_ELEMENTS (dirs); i++)
    {
      g_autofree char *dir = g_build_filename (home, dirs[i][1], NULL);
      g_setenv (dirs[i][0], dir, TRUE);
    }

  g_test_init (argc, argv, NULL);
  /* As main () does. */
  solace_reminder_subjects_register ();
  gtk_init ();
  adw_init ();

  return home;
}

GtkWidget *
solace_test_find_widget (GtkWidget  *root,
                         GType       type,
                         const char *row_title)
{
  if (ADW_IS_PREFERENCES_ROW (root) &&
      g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (root)), row_title) == 0)
    {
      if (G_TYPE_CHECK_INSTANCE_TYPE (root, type))
        return root;
      return solace_test_find_widget (root, type, NULL);
    }

  /* Inside the row: the first widget of the type. */
  if (row_title == NULL && G_TYPE_CHECK_INSTANCE_TYPE (root, type))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = solace_test_find_widget (child, type, row_title);

      if (found != NULL)
        return found;
    }

  return NULL;
}

gpointer
solace_test_find_window (GType    type,
                         gboolean visible_only)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type) &&
          (!visible_only || gtk_widget_get_visible (GTK_WIDGET (window))))
        return window;
    }
  return NULL;
}

guint
solace_test_n_rows (GtkListBox *list)
{
  guint n = 0;

  while (gtk_list_box_get_row_at_index (list, n) != NULL)
    n++;
  return n;
}
