/* solace-contact-editor.h — a trusted person, a professional, a group or a line
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "solace-contact-store.h"
#include "solace-time-row.h"

G_BEGIN_DECLS

#define SOLACE_TYPE_CONTACT_EDITOR (solace_contact_editor_get_type ())

G_DECLARE_FINAL_TYPE (SolaceContactEditor, solace_contact_editor, SOLACE, CONTACT_EDITOR, AdwWindow)

SolaceContactEditor *solace_contact_editor_new     (GtkWindow           *parent,
                                                    SolaceContactStore  *store,
                                                    SolaceContact       *contact);
/* For the tests: the entry for "name", "phone"… */
AdwEntryRow         *solace_contact_editor_get_row (SolaceContactEditor *self,
                                                    const char          *field);
/* For the tests: the next session's day, time and reminder. */
GtkCalendar         *solace_contact_editor_get_calendar  (SolaceContactEditor *self);
SolaceTimeRow       *solace_contact_editor_get_time_row  (SolaceContactEditor *self);
AdwComboRow         *solace_contact_editor_get_remind_row (SolaceContactEditor *self);
GtkWidget           *solace_contact_editor_get_clear_session_button (SolaceContactEditor *self);

G_END_DECLS
