/* solace-application-actions.c — the app.* actions, from the menu,
 * the keyboard and the reminder service's notifications
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "solace-application"

#include "config.h"

#include <glib/gi18n.h>

#include "solace-application-private.h"
#include "solace-data-owner.h"
#include "solace-preferences-window.h"
#include "solace-window.h"

static void
lock_activated (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  solace_application_lock (SOLACE_APPLICATION (user_data), TRUE);
}

/* The main window, opened if need be and brought to the front: what a
 * notification's button leads to, even when Preferences or the welcome
 * was the last window used.  NULL when the data could not be opened. */
static GtkWindow *
present_main_window (SolaceApplication *self)
{
  g_application_activate (G_APPLICATION (self));

  /* Most recently focused first. */
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    if (SOLACE_IS_WINDOW (l->data))
      {
        gtk_window_present (l->data);
        return l->data;
      }

  return NULL;
}

static void
new_entry_activated (GSimpleAction *action,
                     GVariant      *parameter,
                     gpointer       user_data)
{
  SolaceApplication *self = user_data;
  SolaceEntryKind kind = SOLACE_ENTRY_KIND_REFLECTION;
  GtkWindow *window;

  solace_entry_kind_from_key (g_variant_get_string (parameter, NULL), &kind);

  if (solace_application_defer_while_locked (self, action, parameter))
    return;

  window = present_main_window (self);
  if (window != NULL)
    solace_window_new_entry (SOLACE_WINDOW (window), kind);
}

/* "I want to reach out", from a notification: the window, on Today,
 * with the steps open.  The parameter is there for the service's
 * calls, which always carry one; it says nothing. */
static void
reach_out_activated (GSimpleAction *action,
                     GVariant      *parameter,
                     gpointer       user_data)
{
  SolaceApplication *self = user_data;
  GtkWindow *window;

  if (solace_application_defer_while_locked (self, action, parameter))
    return;

  window = present_main_window (self);
  if (window != NULL)
    gtk_widget_activate_action (GTK_WIDGET (window), "win.reach-out", NULL);
}

static void
show_boundary_activated (GSimpleAction *action,
                         GVariant      *parameter,
                         gpointer       user_data)
{
  SolaceApplication *self = user_data;
  GtkWindow *window;

  if (solace_application_defer_while_locked (self, action, parameter))
    return;

  window = present_main_window (self);
  if (window != NULL)
    solace_window_show_boundary (SOLACE_WINDOW (window), g_variant_get_string (parameter, NULL));
}

static void
show_page_activated (GSimpleAction *action,
                     GVariant      *parameter,
                     gpointer       user_data)
{
  SolaceApplication *self = user_data;
  GtkWindow *window;

  if (solace_application_defer_while_locked (self, action, parameter))
    return;

  window = present_main_window (self);
  if (window != NULL)
    solace_window_show_page (SOLACE_WINDOW (window), g_variant_get_string (parameter, NULL));
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

  prefs = solace_preferences_window_new (SOLACE_DATA_OWNER (self));
  gtk_window_set_application (GTK_WINDOW (prefs), GTK_APPLICATION (self));
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

static void
quick_hide_activated (GSimpleAction *action,
                      GVariant      *parameter,
                      gpointer       user_data)
{
  solace_application_quick_hide (SOLACE_APPLICATION (user_data));
}

static const GActionEntry app_actions[] = {
  { "quit", quit_activated },
  { "lock", lock_activated },
  { "quick-hide", quick_hide_activated },
  { "preferences", preferences_activated },
  { "about", about_activated },
  /* For notifications: the reminder service calls these over D-Bus. */
  { "new-entry", new_entry_activated, "s" },
  { "show-page", show_page_activated, "s" },
  { "reach-out", reach_out_activated, "s" },
  { "show-boundary", show_boundary_activated, "s" },
};

/* Adds the app.* actions, and the keyboard shortcuts of the app's and
 * the windows' actions. */
void
solace_application_add_actions (SolaceApplication *self)
{
  static const struct {
    const char *action;
    const char *accels[3];
  } accels[] = {
    { "app.quit", { "<Control>q", NULL } },
    { "app.preferences", { "<Control>comma", NULL } },
    { "window.close", { "<Control>w", NULL } },
    { "win.new-entry", { "<Control>n", NULL } },
    { "win.search", { "<Control>f", NULL } },
    { "win.shortcuts", { "<Control>question", NULL } },
    { "win.crisis-lines", { "<Control><Shift>l", NULL } },
    { "win.reach-out", { "<Control>u", NULL } },
    { "app.quick-hide", { "<Control><Shift>h", NULL } },
    { "app.lock", { "<Control>l", NULL } },
    { "win.page::today", { "<Alt>1", NULL } },
    { "win.page::journal", { "<Alt>2", NULL } },
    { "win.page::boundaries", { "<Alt>3", NULL } },
    { "win.page::support", { "<Alt>4", NULL } },
  };

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions,
                                   G_N_ELEMENTS (app_actions), self);
  for (guint i = 0; i < G_N_ELEMENTS (accels); i++)
    gtk_application_set_accels_for_action (GTK_APPLICATION (self),
                                           accels[i].action, accels[i].accels);
}
