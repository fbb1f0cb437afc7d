/* solace-application.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "solace-boundary-store.h"
#include "solace-contact-store.h"
#include "solace-database.h"
#include "solace-journal-store.h"

G_BEGIN_DECLS

#define SOLACE_TYPE_APPLICATION (solace_application_get_type ())

G_DECLARE_FINAL_TYPE (SolaceApplication, solace_application, SOLACE, APPLICATION, AdwApplication)

SolaceApplication  *solace_application_new           (void);
SolaceDatabase     *solace_application_get_database  (SolaceApplication *self);
SolaceJournalStore *solace_application_get_journal   (SolaceApplication *self);
SolaceBoundaryStore *solace_application_get_boundaries (SolaceApplication *self);
SolaceContactStore *solace_application_get_contacts  (SolaceApplication *self);
GSettings          *solace_application_get_settings  (SolaceApplication *self);
const char         *solace_application_get_read_only_reason
                                                     (SolaceApplication *self);

/* Asks the reminder service to plan again, starting it if it is not
 * running. */
void                solace_application_replan_reminders (SolaceApplication *self);
/* Whether this app starts and stops the reminder service; the widget
 * tests turn it off. */
void                solace_application_set_manage_reminders (SolaceApplication *self,
                                                     gboolean           manage);
/* The autostart entry "Run in background" writes. */
char               *solace_application_dup_autostart_path (void);

/* Hides every Solace window at once; see solace-application.c. */
void                solace_application_quick_hide (SolaceApplication *self);
void                solace_application_set_quick_hide_window (SolaceApplication *self,
                                                              guint              milliseconds);

void                solace_application_reload (SolaceApplication *self);
void                solace_application_restore_damaged (SolaceApplication *self,
                                                        const char        *backup);

G_END_DECLS
