/* solace-application.c — actions, command line and start-up
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "solace-application"

#include "config.h"

#include <glib/gi18n.h>

#include "solace-application.h"
#include "solace-error.h"
#include "solace-preferences-window.h"
#include "solace-resources.h"
#include "solace-window.h"

struct _SolaceApplication
{
  AdwApplication      parent_instance;

  GSettings          *settings;
  SolaceDatabase     *database;
  SolaceJournalStore *journal;
  GError             *open_error;
  char               *read_only_reason;
};

G_DEFINE_FINAL_TYPE (SolaceApplication, solace_application, ADW_TYPE_APPLICATION)

static void
apply_color_scheme (SolaceApplication *self)
{
  g_autofree char *scheme = g_settings_get_string (self->settings, "color-scheme");
  AdwStyleManager *style = adw_style_manager_get_default ();

  if (g_strcmp0 (scheme, "light") == 0)
    adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_LIGHT);
  else if (g_strcmp0 (scheme, "dark") == 0)
    adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_DARK);
  else
    adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);
}

static void
color_scheme_changed_cb (SolaceApplication *self)
{
  apply_color_scheme (self);
}

/* Opens the database: writable if possible, otherwise read-only with
 * the reason kept for the window to show.  A file that is not a
 * database, is damaged or is newer than this build is not opened at
 * all; nothing is written to it. */
static void
open_data (SolaceApplication *self)
{
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) ro_error = NULL;

  if (self->database != NULL || self->open_error != NULL)
    return;

  path = solace_database_dup_default_path ();
  self->database = solace_database_open (path, SOLACE_DATABASE_FLAGS_NONE, &error);

  if (self->database == NULL &&
      (g_error_matches (error, SOLACE_ERROR, SOLACE_ERROR_READ_ONLY) ||
       g_error_matches (error, SOLACE_ERROR, SOLACE_ERROR_CANT_CREATE)) &&
      g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      self->database = solace_database_open (path, SOLACE_DATABASE_FLAGS_READ_ONLY, &ro_error);
      if (self->database == NULL)
        {
          self->open_error = g_steal_pointer (&error);
          return;
        }
      self->read_only_reason = g_strdup (error->message);
    }
  else if (self->database == NULL)
    {
      self->open_error = g_steal_pointer (&error);
      return;
    }

  self->journal = solace_journal_store_new (self->database, &error);
  if (self->journal == NULL)
    {
      g_clear_object (&self->database);
      self->open_error = g_steal_pointer (&error);
    }
}

static void
solace_application_activate (GApplication *app)
{
  SolaceApplication *self = SOLACE_APPLICATION (app);
  GtkWindow *window;

  window = gtk_application_get_active_window (GTK_APPLICATION (app));
  if (window == NULL)
    {
      open_data (self);

      if (self->open_error != NULL)
        window = solace_window_new_for_error (self, self->open_error);
      else
        window = GTK_WINDOW (solace_window_new (self));
    }

  gtk_window_present (window);
}

static void
quit_activated (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  SolaceApplication *self = user_data;
  GList *windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (self)));

  /* Closing each window saves what is open in it. */
  for (GList *iter = windows; iter != NULL; iter = iter->next)
    gtk_window_close (iter->data);

  g_list_free (windows);
}

static void
preferences_activated (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  SolaceApplication *self = user_data;
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  SolacePreferencesWindow *prefs;

  prefs = solace_preferences_window_new (self->settings);
  gtk_window_set_transient_for (GTK_WINDOW (prefs), parent);
  gtk_window_present (GTK_WINDOW (prefs));
}

static void
about_activated (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  SolaceApplication *self = user_data;
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  const char *developers[] = { "The Solace developers", NULL };
  GtkWidget *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", parent,
                        "modal", TRUE,
                        "application-name", _("Solace"),
                        "application-icon", BASE_APPLICATION_ID,
                        "version", PACKAGE_VERSION,
                        "developer-name", _("The Solace developers"),
                        "developers", developers,
                        "license-type", GTK_LICENSE_GPL_3_0,
                        "website", "https://github.com/solace-app/solace",
                        "comments",
                        _("A private companion for the weeks after a breakup: a journal, "
                          "a no-contact counter and your own reasons, kept on this "
                          "computer and nowhere else.\n\n"
                          "Solace is not a substitute for professional help. If you are "
                          "in danger or thinking about harming yourself, call your local "
                          "emergency number now. Crisis lines for your country are listed "
                          "under Support, and findahelpline.com lists lines around the world."),
                        NULL);
  gtk_window_present (GTK_WINDOW (about));
}

static const GActionEntry app_actions[] = {
  { "quit", quit_activated },
  { "preferences", preferences_activated },
  { "about", about_activated },
};

static void
solace_application_startup (GApplication *app)
{
  SolaceApplication *self = SOLACE_APPLICATION (app);
  static const struct {
    const char *action;
    const char *accels[3];
  } accels[] = {
    { "app.quit", { "<Control>q", NULL } },
    { "app.preferences", { "<Control>comma", NULL } },
    { "window.close", { "<Control>w", NULL } },
    { "win.new-entry", { "<Control>n", NULL } },
    { "win.search", { "<Control>f", NULL } },
    { "win.page::today", { "<Alt>1", NULL } },
    { "win.page::journal", { "<Alt>2", NULL } },
    { "win.page::boundaries", { "<Alt>3", NULL } },
    { "win.page::support", { "<Alt>4", NULL } },
  };

  /* Made here rather than in init, so that --help and --version work
   * even where the schema is not installed. */
  self->settings = g_settings_new (BASE_APPLICATION_ID);

  /* Referencing the bundle keeps the linker from dropping it out of
   * the static library; its constructor registers it. */
  if (solace_get_resource () == NULL)
    g_error ("The application's resources are missing");

  /* The same resources serve the .Devel build. */
  g_application_set_resource_base_path (app, "/io/github/solace_app/Solace");

  G_APPLICATION_CLASS (solace_application_parent_class)->startup (app);

  gtk_window_set_default_icon_name (BASE_APPLICATION_ID);

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions,
                                   G_N_ELEMENTS (app_actions), self);
  for (guint i = 0; i < G_N_ELEMENTS (accels); i++)
    gtk_application_set_accels_for_action (GTK_APPLICATION (self),
                                           accels[i].action, accels[i].accels);

  apply_color_scheme (self);
  g_signal_connect_object (self->settings, "changed::color-scheme",
                           G_CALLBACK (color_scheme_changed_cb), self,
                           G_CONNECT_SWAPPED);
}

static void
solace_application_shutdown (GApplication *app)
{
  SolaceApplication *self = SOLACE_APPLICATION (app);

  if (self->journal != NULL)
    solace_journal_store_flush (self->journal);

  G_APPLICATION_CLASS (solace_application_parent_class)->shutdown (app);
}

static int
solace_application_handle_local_options (GApplication *app,
                                         GVariantDict *options)
{
  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("%s %s\n", PACKAGE_NAME, PACKAGE_VERSION);
      return 0;
    }

  return -1;
}

static void
solace_application_dispose (GObject *object)
{
  SolaceApplication *self = (SolaceApplication *)object;

  g_clear_object (&self->journal);
  g_clear_object (&self->database);

  G_OBJECT_CLASS (solace_application_parent_class)->dispose (object);
}

static void
solace_application_finalize (GObject *object)
{
  SolaceApplication *self = (SolaceApplication *)object;

  g_clear_object (&self->settings);
  g_clear_error (&self->open_error);
  g_clear_pointer (&self->read_only_reason, g_free);

  G_OBJECT_CLASS (solace_application_parent_class)->finalize (object);
}

static void
solace_application_class_init (SolaceApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = solace_application_dispose;
  object_class->finalize = solace_application_finalize;

  app_class->activate = solace_application_activate;
  app_class->startup = solace_application_startup;
  app_class->shutdown = solace_application_shutdown;
  app_class->handle_local_options = solace_application_handle_local_options;
}

static void
solace_application_init (SolaceApplication *self)
{
  static const GOptionEntry entries[] = {
    { "version", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Show the version and quit"), NULL },
    { NULL }
  };

  g_application_add_main_option_entries (G_APPLICATION (self), entries);
}

SolaceApplication *
solace_application_new (void)
{
  return g_object_new (SOLACE_TYPE_APPLICATION,
                       "application-id", APPLICATION_ID,
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       NULL);
}

SolaceDatabase *
solace_application_get_database (SolaceApplication *self)
{
  g_return_val_if_fail (SOLACE_IS_APPLICATION (self), NULL);

  return self->database;
}

SolaceJournalStore *
solace_application_get_journal (SolaceApplication *self)
{
  g_return_val_if_fail (SOLACE_IS_APPLICATION (self), NULL);

  return self->journal;
}

GSettings *
solace_application_get_settings (SolaceApplication *self)
{
  g_return_val_if_fail (SOLACE_IS_APPLICATION (self), NULL);

  return self->settings;
}

/**
 * solace_application_get_read_only_reason:
 *
 * Why the database could only be opened read-only, or %NULL.
 */
const char *
solace_application_get_read_only_reason (SolaceApplication *self)
{
  g_return_val_if_fail (SOLACE_IS_APPLICATION (self), NULL);

  return self->read_only_reason;
}
