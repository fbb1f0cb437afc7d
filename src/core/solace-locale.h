/* solace-locale.h — the person's clock and calendar: 12 or 24 hours,
 * the first day of the week
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

gboolean      solace_locale_uses_12_hour_clock (void);
void          solace_locale_set_12_hour_clock  (int          use_12_hours);
GDateWeekday  solace_locale_first_weekday      (void);
void          solace_locale_set_first_weekday  (GDateWeekday weekday);

char         *solace_format_time_of_day        (GDateTime   *when);
char         *solace_format_hour_minute        (guint        hour,
                                                guint        minute);
char         *solace_format_hour               (guint        hour);
char         *solace_format_am_pm              (guint        hour);

G_END_DECLS
