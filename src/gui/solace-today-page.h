/* solace-today-page.h — the no-contact counter, the day's check-in and
 * what the weeks add up to
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "solace-contact-store.h"
#include "solace-database.h"
#include "solace-insights.h"

G_BEGIN_DECLS

#define SOLACE_TYPE_TODAY_PAGE (solace_today_page_get_type ())

G_DECLARE_FINAL_TYPE (SolaceTodayPage, solace_today_page, SOLACE, TODAY_PAGE, GtkWidget)

void        solace_today_page_set_database     (SolaceTodayPage *self,
                                                SolaceDatabase  *database);
void        solace_today_page_set_contacts     (SolaceTodayPage    *self,
                                                SolaceContactStore *contacts);
void        solace_today_page_refresh          (SolaceTodayPage *self);
void        solace_today_page_reach_out        (SolaceTodayPage *self);

/* For tests: what the counter says, and choosing a start day as the
 * calendar would. */
const char *solace_today_page_get_counter_text (SolaceTodayPage *self);
void        solace_today_page_choose_start     (SolaceTodayPage *self,
                                                const GDate     *date);
/* For tests: "totals", "stage-title", "milestone", "help", "reach-out",
 * "mood-1"…"mood-5", "emotion-KEY", "care-0"…, "sign-0"…, "note",
 * "check-in", "check-in-status", "insights". */
/* For tests: take @day as today (NULL: the clock again). */
void        solace_today_page_set_today        (SolaceTodayPage *self,
                                                const GDate     *day);
GtkWidget  *solace_today_page_get_part         (SolaceTodayPage *self,
                                                const char      *name);

G_END_DECLS
