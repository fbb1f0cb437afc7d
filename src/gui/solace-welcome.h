/* solace-welcome.h — the first run: the day contact stopped, reasons,
 * one trusted person and an evening prompt
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "solace-contact-store.h"
#include "solace-database.h"

G_BEGIN_DECLS

#define SOLACE_WELCOME_STEPS 4

#define SOLACE_TYPE_WELCOME (solace_welcome_get_type ())

G_DECLARE_FINAL_TYPE (SolaceWelcome, solace_welcome, SOLACE, WELCOME, AdwWindow)

/* Whether a first run is what this is: the welcome was never finished
 * or skipped, nothing is counted yet and the data can be written. */
gboolean       solace_welcome_wanted   (SolaceDatabase     *db);

SolaceWelcome *solace_welcome_new      (GtkWindow          *parent,
                                        SolaceDatabase     *db,
                                        SolaceContactStore *contacts);
guint          solace_welcome_get_step (SolaceWelcome      *self);

/* For tests: "next", "back", "skip", "calendar", "reason-0"…"reason-2",
 * "name", "phone", "gratitude", "error". */
GtkWidget     *solace_welcome_get_part (SolaceWelcome      *self,
                                        const char         *name);

G_END_DECLS
