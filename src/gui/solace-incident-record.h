/* solace-incident-record.h — the incident record: its list, the details
 * of a record, checking its chain and exporting it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "solace-boundary-store.h"

G_BEGIN_DECLS

#define SOLACE_TYPE_INCIDENT_RECORD (solace_incident_record_get_type ())

G_DECLARE_FINAL_TYPE (SolaceIncidentRecord, solace_incident_record, SOLACE, INCIDENT_RECORD, AdwPreferencesGroup)

/* @store names the boundaries a record refers to; the record loads once
 * there is one. */
void            solace_incident_record_set_data           (SolaceIncidentRecord *self,
                                                           SolaceBoundaryStore  *store,
                                                           SolaceDatabase       *db);
/* Exports the chosen period of the record to @path, in a worker;
 * ::exported says how it went. */
void            solace_incident_record_export             (SolaceIncidentRecord *self,
                                                           const char           *path,
                                                           gboolean              pdf);

/* Exports the whole record with its files to @path (a ZIP), in a
 * worker; ::exported says how it went. */
void            solace_incident_record_export_evidence    (SolaceIncidentRecord *self,
                                                           const char           *path);

/* For the tests. */
gboolean        solace_incident_record_get_loading        (SolaceIncidentRecord *self);
GtkListBox     *solace_incident_record_get_incident_list  (SolaceIncidentRecord *self);
GtkLabel       *solace_incident_record_get_check_label    (SolaceIncidentRecord *self);
AdwActionRow   *solace_incident_record_get_head_row       (SolaceIncidentRecord *self);

G_END_DECLS
