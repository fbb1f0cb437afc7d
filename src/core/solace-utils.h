/* solace-utils.h — small helpers GLib 2.74 does not have yet
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Like g_set_str() from GLib 2.76: replaces *@dest with a copy of @value
 * and says whether anything changed. */
static inline gboolean
solace_set_str (char       **dest,
                const char  *value)
{
  char *copy;

  if (*dest == value || g_strcmp0 (*dest, value) == 0)
    return FALSE;

  copy = g_strdup (value);
  g_free (*dest);
  *dest = copy;

  return TRUE;
}

G_END_DECLS

G_BEGIN_DECLS

/* "Day N" of no contact: the day contact stopped is day 1.  A clock set
 * back before the start still shows day 1, never zero or less. */
static inline int
solace_no_contact_day (const GDate *start,
                       const GDate *today)
{
  int days = g_date_days_between (start, today);

  return MAX (days, 0) + 1;
}

G_END_DECLS
