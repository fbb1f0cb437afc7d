/* solace-time-row.h — a row with an hour and a minute to choose
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define SOLACE_TYPE_TIME_ROW (solace_time_row_get_type ())

G_DECLARE_FINAL_TYPE (SolaceTimeRow, solace_time_row, SOLACE, TIME_ROW, AdwActionRow)

GtkWidget     *solace_time_row_new               (const char    *title);
guint          solace_time_row_get_minutes       (SolaceTimeRow *self);
void           solace_time_row_set_minutes       (SolaceTimeRow *self,
                                                  guint          minutes);
GtkSpinButton *solace_time_row_get_hour_button   (SolaceTimeRow *self);
GtkSpinButton *solace_time_row_get_minute_button (SolaceTimeRow *self);
GtkButton     *solace_time_row_get_am_pm_button  (SolaceTimeRow *self);

G_END_DECLS
