/* solace-incident-dialog-private.h — what the file chooser does, for the tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "solace-incident-dialog.h"

G_BEGIN_DECLS

/* Adds @file to the files kept with the record, as choosing it does. */
void solace_incident_dialog_add_file (SolaceIncidentDialog *self,
                                      GFile                *file);

G_END_DECLS
