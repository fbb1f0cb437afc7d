/* solace-preferences-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "solace-preferences-window"

#include "config.h"

#include <glib/gi18n.h>

#include "solace-database.h"
#include "solace-preferences-window.h"

struct _SolacePreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  AdwComboRow          *style_row;
  AdwActionRow         *location_row;

  GSettings            *settings;
};

G_DEFINE_FINAL_TYPE (SolacePreferencesWindow, solace_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

static const char * const schemes[] = { "default", "light", "dark" };

static void
style_selected_cb (SolacePreferencesWindow *self)
{
  guint selected = adw_combo_row_get_selected (self->style_row);

  if (selected < G_N_ELEMENTS (schemes))
    g_settings_set_string (self->settings, "color-scheme", schemes[selected]);
}

static void
solace_preferences_window_finalize (GObject *object)
{
  SolacePreferencesWindow *self = (SolacePreferencesWindow *)object;

  g_clear_object (&self->settings);

  G_OBJECT_CLASS (solace_preferences_window_parent_class)->finalize (object);
}

static void
solace_preferences_window_class_init (SolacePreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = solace_preferences_window_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/solace_app/Solace/gui/solace-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, SolacePreferencesWindow, style_row);
  gtk_widget_class_bind_template_child (widget_class, SolacePreferencesWindow, location_row);
}

static void
solace_preferences_window_init (SolacePreferencesWindow *self)
{
  g_autofree char *path = solace_database_dup_default_path ();

  g_autofree char *escaped = g_markup_escape_text (path, -1);

  gtk_widget_init_template (GTK_WIDGET (self));

  /* Row subtitles are markup in libadwaita 1.2. */
  adw_action_row_set_subtitle (self->location_row, escaped);
}

SolacePreferencesWindow *
solace_preferences_window_new (GSettings *settings)
{
  SolacePreferencesWindow *self;
  g_autofree char *scheme = NULL;

  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  self = g_object_new (SOLACE_TYPE_PREFERENCES_WINDOW, NULL);
  self->settings = g_object_ref (settings);

  scheme = g_settings_get_string (settings, "color-scheme");
  for (guint i = 0; i < G_N_ELEMENTS (schemes); i++)
    if (g_strcmp0 (scheme, schemes[i]) == 0)
      adw_combo_row_set_selected (self->style_row, i);

  g_signal_connect_swapped (self->style_row, "notify::selected", G_CALLBACK (style_selected_cb), self);

  return self;
}
