/* solace-boundary-editor.h — a boundary, written with the "I" statement builder
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "solace-boundary-store.h"
#include "solace-reminder-row.h"

G_BEGIN_DECLS

#define SOLACE_TYPE_BOUNDARY_EDITOR (solace_boundary_editor_get_type ())

G_DECLARE_FINAL_TYPE (SolaceBoundaryEditor, solace_boundary_editor, SOLACE, BOUNDARY_EDITOR, AdwWindow)

SolaceBoundaryEditor *solace_boundary_editor_new               (GtkWindow            *parent,
                                                                SolaceBoundaryStore  *store,
                                                                SolaceDatabase       *db,
                                                                SolaceBoundary       *boundary);

/* For the tests, which fill it in as a person would. */
AdwEntryRow          *solace_boundary_editor_get_title_row     (SolaceBoundaryEditor *self);
AdwEntryRow          *solace_boundary_editor_get_part_row      (SolaceBoundaryEditor *self,
                                                                SolaceStatementPart   part);
const char           *solace_boundary_editor_get_preview       (SolaceBoundaryEditor *self);
AdwComboRow          *solace_boundary_editor_get_contact_row   (SolaceBoundaryEditor *self);
SolaceReminderRow    *solace_boundary_editor_get_reminder_row  (SolaceBoundaryEditor *self);
GtkSwitch            *solace_boundary_editor_get_active_switch (SolaceBoundaryEditor *self);

G_END_DECLS
