/* solace-format.h — dates as people read them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

char *solace_format_long_date  (GDateTime   *when);
char *solace_format_short_date (GDateTime   *when);
char *solace_format_date_time  (GDateTime   *when);
GDateTime *solace_date_to_date_time (const GDate *date);

G_END_DECLS
