/* solace-preferences-window.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "solace-data-owner.h"
#include "solace-data-page.h"
#include "solace-reminder-row.h"

G_BEGIN_DECLS

#define SOLACE_TYPE_PREFERENCES_WINDOW (solace_preferences_window_get_type ())

G_DECLARE_FINAL_TYPE (SolacePreferencesWindow, solace_preferences_window, SOLACE, PREFERENCES_WINDOW, AdwPreferencesWindow)

SolacePreferencesWindow *solace_preferences_window_new              (SolaceDataOwner         *owner);

/* For the tests. */
SolaceReminderRow       *solace_preferences_window_get_reminder_row (SolacePreferencesWindow *self,
                                                                     const char              *key);
gboolean                 solace_preferences_window_is_saving        (SolacePreferencesWindow *self);

SolaceDataPage          *solace_preferences_window_get_data_page (SolacePreferencesWindow *self);

G_END_DECLS
