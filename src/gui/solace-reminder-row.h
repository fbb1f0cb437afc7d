/* solace-reminder-row.h — one reminder in the preferences: on or off, and when
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "solace-reminder.h"
#include "solace-time-row.h"

G_BEGIN_DECLS

#define SOLACE_TYPE_REMINDER_ROW (solace_reminder_row_get_type ())

G_DECLARE_FINAL_TYPE (SolaceReminderRow, solace_reminder_row, SOLACE, REMINDER_ROW, AdwExpanderRow)

GtkWidget       *solace_reminder_row_new            (SolaceReminder    *reminder);
SolaceReminder  *solace_reminder_row_get_reminder   (SolaceReminderRow *self);
SolaceSchedule  *solace_reminder_row_get_schedule   (SolaceReminderRow *self);

/* For the tests, which drive the rows as a person would. */
SolaceTimeRow   *solace_reminder_row_get_time_row   (SolaceReminderRow *self);
AdwComboRow     *solace_reminder_row_get_repeat_row (SolaceReminderRow *self);
GtkToggleButton *solace_reminder_row_get_day_button (SolaceReminderRow *self,
                                                     guint              weekday);

G_END_DECLS
