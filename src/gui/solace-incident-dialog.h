/* solace-incident-dialog.h — recording an incident, or a correction of one
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "solace-boundary-store.h"
#include "solace-incidents.h"
#include "solace-time-row.h"

G_BEGIN_DECLS

#define SOLACE_TYPE_INCIDENT_DIALOG (solace_incident_dialog_get_type ())

G_DECLARE_FINAL_TYPE (SolaceIncidentDialog, solace_incident_dialog, SOLACE, INCIDENT_DIALOG, AdwWindow)

SolaceIncidentDialog *solace_incident_dialog_new               (GtkWindow            *parent,
                                                                SolaceDatabase       *db,
                                                                SolaceBoundaryStore  *boundaries,
                                                                SolaceIncident       *corrects);

/* For the tests. */
GtkTextView          *solace_incident_dialog_get_what_view     (SolaceIncidentDialog *self);
GtkTextView          *solace_incident_dialog_get_response_view (SolaceIncidentDialog *self);
AdwComboRow          *solace_incident_dialog_get_channel_row   (SolaceIncidentDialog *self);
AdwComboRow          *solace_incident_dialog_get_boundary_row  (SolaceIncidentDialog *self);
SolaceTimeRow        *solace_incident_dialog_get_time_row      (SolaceIncidentDialog *self);
AdwEntryRow          *solace_incident_dialog_get_sender_row    (SolaceIncidentDialog *self);
AdwEntryRow          *solace_incident_dialog_get_witnesses_row (SolaceIncidentDialog *self);
AdwEntryRow          *solace_incident_dialog_get_reference_row (SolaceIncidentDialog *self);
GtkListBox           *solace_incident_dialog_get_attachment_list (SolaceIncidentDialog *self);

G_END_DECLS
