/* solace-boundary-store.h — boundaries and the distance plan, on disk
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "solace-boundary.h"
#include "solace-database.h"
#include "solace-schedule.h"

G_BEGIN_DECLS

#define SOLACE_TYPE_PLAN_STEP (solace_plan_step_get_type ())

G_DECLARE_FINAL_TYPE (SolacePlanStep, solace_plan_step, SOLACE, PLAN_STEP, GObject)

const char *solace_plan_step_get_uuid    (SolacePlanStep *self);
/* The built-in step's key ("remove-number"…), or NULL for one the
 * person added. */
const char *solace_plan_step_get_builtin (SolacePlanStep *self);
const char *solace_plan_step_get_title   (SolacePlanStep *self);
const char *solace_plan_step_get_hint    (SolacePlanStep *self);
const char *solace_plan_step_get_notes   (SolacePlanStep *self);
/* The day it was done, as an ISO date, or NULL. */
const char *solace_plan_step_get_done_on (SolacePlanStep *self);

#define SOLACE_TYPE_BOUNDARY_STORE (solace_boundary_store_get_type ())

G_DECLARE_FINAL_TYPE (SolaceBoundaryStore, solace_boundary_store, SOLACE, BOUNDARY_STORE, GObject)

/* A GListModel of #SolaceBoundary in the person's order.  Changes show
 * in the models at once and are written, in order, by a worker thread;
 * ::written follows each write, ::failed says why one did not happen. */
SolaceBoundaryStore *solace_boundary_store_new          (SolaceDatabase       *db,
                                                         GError              **error);
GListModel          *solace_boundary_store_get_plan     (SolaceBoundaryStore  *self);
SolaceBoundary      *solace_boundary_store_lookup       (SolaceBoundaryStore  *self,
                                                         const char           *uuid);

/* Adds @boundary, or replaces the one with its uuid.  @schedule, when
 * given, is its reminder, on when @remind is.  A text over
 * SOLACE_MAX_BOUNDARY_CHARS is refused (SOLACE_ERROR_INVALID) and
 * nothing changes. */
gboolean             solace_boundary_store_save         (SolaceBoundaryStore  *self,
                                                         SolaceBoundary       *boundary,
                                                         SolaceSchedule       *schedule,
                                                         gboolean              remind,
                                                         GError              **error);
void                 solace_boundary_store_remove       (SolaceBoundaryStore  *self,
                                                         const char           *uuid);
void                 solace_boundary_store_move         (SolaceBoundaryStore  *self,
                                                         const char           *uuid,
                                                         int                   delta);

void                 solace_boundary_store_set_step_done (SolaceBoundaryStore *self,
                                                         const char           *uuid,
                                                         const char           *done_on);
/* Notes over SOLACE_MAX_STEP_NOTES_CHARS are refused and nothing changes. */
gboolean             solace_boundary_store_set_step_notes (SolaceBoundaryStore *self,
                                                         const char           *uuid,
                                                         const char           *notes,
                                                         GError              **error);
gboolean             solace_boundary_store_add_step     (SolaceBoundaryStore  *self,
                                                         const char           *title,
                                                         GError              **error);
void                 solace_boundary_store_remove_step  (SolaceBoundaryStore  *self,
                                                         const char           *uuid);
/* How many steps are done, of how many. */
void                 solace_boundary_store_get_progress (SolaceBoundaryStore  *self,
                                                         guint                *done,
                                                         guint                *total);

/* Waits for every write so far (for quitting, and for tests). */
void                 solace_boundary_store_flush        (SolaceBoundaryStore  *self);

/* Lets boundaries give their reminders their words; see
 * solace_reminders_register_subject (). */
void                 solace_boundary_store_register_reminders (void);

G_END_DECLS
