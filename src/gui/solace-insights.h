/* solace-insights.h — mood, urges, self-care and triggers, drawn
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "solace-chart.h"
#include "solace-database.h"

G_BEGIN_DECLS

#define SOLACE_TYPE_INSIGHTS (solace_insights_get_type ())

G_DECLARE_FINAL_TYPE (SolaceInsights, solace_insights, SOLACE, INSIGHTS, GtkWidget)

typedef enum
{
  SOLACE_INSIGHT_MOOD,
  SOLACE_INSIGHT_URGES,
  SOLACE_INSIGHT_SELF_CARE,
  SOLACE_INSIGHT_TRIGGERS,
  SOLACE_N_INSIGHTS
} SolaceInsight;

SolaceInsights *solace_insights_new       (void);
/* Reads the last 4 or 12 weeks up to @today and redraws. */
void            solace_insights_update    (SolaceInsights *self,
                                           SolaceDatabase *db,
                                           const GDate    *today);
void            solace_insights_set_weeks (SolaceInsights *self,
                                           guint           weeks);
guint           solace_insights_get_weeks (SolaceInsights *self);
SolaceChart    *solace_insights_get_chart (SolaceInsights *self,
                                           SolaceInsight   insight);
/* "Make a Report…", which opens the progress report window. */
GtkButton      *solace_insights_get_report_button (SolaceInsights *self);

G_END_DECLS
