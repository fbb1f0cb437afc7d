/* solace-preferences-window.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define SOLACE_TYPE_PREFERENCES_WINDOW (solace_preferences_window_get_type ())

G_DECLARE_FINAL_TYPE (SolacePreferencesWindow, solace_preferences_window, SOLACE, PREFERENCES_WINDOW, AdwPreferencesWindow)

SolacePreferencesWindow *solace_preferences_window_new (GSettings *settings);

G_END_DECLS
