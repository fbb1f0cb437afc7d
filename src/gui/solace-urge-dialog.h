/* solace-urge-dialog.h — "I want to reach out": pause, remember, call
 * someone, write, log
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "solace-contact-store.h"
#include "solace-database.h"
#include "solace-progress.h"

G_BEGIN_DECLS

typedef enum
{
  SOLACE_URGE_STEP_PAUSE,
  SOLACE_URGE_STEP_REASONS,
  SOLACE_URGE_STEP_SOMEONE,
  SOLACE_URGE_STEP_WRITE,
  SOLACE_URGE_STEP_LOG,
  SOLACE_URGE_STEP_DONE,
} SolaceUrgeStep;

#define SOLACE_TYPE_URGE_DIALOG (solace_urge_dialog_get_type ())

G_DECLARE_FINAL_TYPE (SolaceUrgeDialog, solace_urge_dialog, SOLACE, URGE_DIALOG, AdwWindow)

/* @contacts: (nullable): the people offered to talk to.
 * @summary: the counter as it stands, for the closing words. */
SolaceUrgeDialog *solace_urge_dialog_new      (GtkWindow                  *parent,
                                               SolaceDatabase             *db,
                                               SolaceContactStore         *contacts,
                                               const SolaceStretchSummary *summary);
SolaceUrgeStep    solace_urge_dialog_get_step (SolaceUrgeDialog           *self);

/* For tests: "next", "back", "breathing", "reasons", "add-reason",
 * "people", "write", "intensity", "cause", "causes", "passed",
 * "reached-out", "done-title", "done-message", "error". */
GtkWidget        *solace_urge_dialog_get_part (SolaceUrgeDialog           *self,
                                               const char                 *name);

G_END_DECLS
