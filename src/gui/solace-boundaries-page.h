/* solace-boundaries-page.h — boundaries, the distance plan and the incident record
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "solace-boundary-store.h"

G_BEGIN_DECLS

#define SOLACE_TYPE_BOUNDARIES_PAGE (solace_boundaries_page_get_type ())

G_DECLARE_FINAL_TYPE (SolaceBoundariesPage, solace_boundaries_page, SOLACE, BOUNDARIES_PAGE, AdwBin)

void            solace_boundaries_page_set_data          (SolaceBoundariesPage *self,
                                                          SolaceBoundaryStore  *store,
                                                          SolaceDatabase       *db);
/* Opens @uuid's boundary, as a click on its reminder asks. */
void            solace_boundaries_page_show_boundary     (SolaceBoundariesPage *self,
                                                          const char           *uuid);
/* Exports the chosen period of the record to @path, in a worker;
 * ::exported says how it went. */
void            solace_boundaries_page_export            (SolaceBoundariesPage *self,
                                                          const char           *path,
                                                          gboolean              pdf);

/* For the tests. */
gboolean        solace_boundaries_page_get_loading       (SolaceBoundariesPage *self);
GtkListBox     *solace_boundaries_page_get_boundary_list (SolaceBoundariesPage *self);
GtkListBox     *solace_boundaries_page_get_plan_list     (SolaceBoundariesPage *self);
GtkListBox     *solace_boundaries_page_get_incident_list (SolaceBoundariesPage *self);
GtkProgressBar *solace_boundaries_page_get_plan_progress (SolaceBoundariesPage *self);
AdwEntryRow    *solace_boundaries_page_get_add_step_row  (SolaceBoundariesPage *self);
GtkLabel       *solace_boundaries_page_get_check_label   (SolaceBoundariesPage *self);

G_END_DECLS
