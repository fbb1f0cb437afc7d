/* solace-today-page.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "solace-database.h"

G_BEGIN_DECLS

#define SOLACE_TYPE_TODAY_PAGE (solace_today_page_get_type ())

G_DECLARE_FINAL_TYPE (SolaceTodayPage, solace_today_page, SOLACE, TODAY_PAGE, GtkWidget)

void        solace_today_page_set_database  (SolaceTodayPage *self,
                                             SolaceDatabase  *database);
/* For tests: what the counter says, and choosing a start day as the
 * calendar would. */
const char *solace_today_page_get_counter_text (SolaceTodayPage *self);
void        solace_today_page_choose_start (SolaceTodayPage *self,
                                            const GDate     *date);

G_END_DECLS
