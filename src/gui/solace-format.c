/* solace-format.c — dates as people read them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "solace-format"

#include "config.h"

#include <glib/gi18n.h>

#include "solace-format.h"
#include "solace-locale.h"

/* The formats are translatable so each language can order day, month
 * and year its own way; the C locale's %x ("11/04/26") reads like a
 * form, not like a diary. */

char *
solace_format_long_date (GDateTime *when)
{
  g_autoptr(GDateTime) local = g_date_time_to_local (when);

  /* Translators: a full date, e.g. "Wednesday, 4 November 2026".
   * See g_date_time_format() for the codes. */
  return g_date_time_format (local, _("%A, %-e %B %Y"));
}

char *
solace_format_short_date (GDateTime *when)
{
  g_autoptr(GDateTime) local = g_date_time_to_local (when);

  /* Translators: a short date, e.g. "4 Nov 2026". */
  return g_date_time_format (local, _("%-e %b %Y"));
}

char *
solace_format_date_time (GDateTime *when)
{
  g_autoptr(GDateTime) local = g_date_time_to_local (when);

  if (solace_locale_uses_12_hour_clock ())
    /* Translators: when an entry was written, on a 12-hour clock, e.g.
     * "Wednesday, 4 November 2026 at 2:05 PM". */
    return g_date_time_format (local, _("%A, %-e %B %Y at %-l:%M %p"));

  /* Translators: when an entry was written, e.g.
   * "Wednesday, 4 November 2026 at 14:05". */
  return g_date_time_format (local, _("%A, %-e %B %Y at %H:%M"));
}

GDateTime *
solace_date_to_date_time (const GDate *date)
{
  return g_date_time_new_local (g_date_get_year (date),
                                g_date_get_month (date),
                                g_date_get_day (date),
                                12, 0, 0);
}
