/* solace-progress-trends.h — urges, moods and self-care over the weeks,
 * and the commonest causes of urges: what Insights draws
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "solace-database.h"

G_BEGIN_DECLS

typedef struct
{
  GDate   first_day;       /* the day the week begins on */
  int     urges;
  double  mean_intensity;  /* NAN without urges */
  int     self_care_days;  /* days with any self-care */
} SolaceWeek;

/* The @n_weeks weeks up to the one holding @today, oldest first, each
 * beginning on @first_day (the locale's first day of the week, where
 * they are shown: solace_locale_first_weekday()); a week without data
 * is there with zeros. */
GArray     *solace_progress_weeks               (SolaceDatabase *db,
                                                 const GDate    *today,
                                                 guint           n_weeks,
                                                 GDateWeekday    first_day,
                                                 GError        **error);
/* The mood of each of the @n_days up to @today, oldest first: a #GArray
 * of double, NAN for a day without a check-in. */
GArray     *solace_progress_moods               (SolaceDatabase *db,
                                                 const GDate    *today,
                                                 guint           n_days,
                                                 GError        **error);
/* The causes of the urges of the @n_days up to @today, most common
 * first (compared without case), at most @limit: "cause\tcount". */
GStrv       solace_progress_top_causes          (SolaceDatabase *db,
                                                 const GDate    *today,
                                                 guint           n_days,
                                                 guint           limit,
                                                 GError        **error);

G_END_DECLS
