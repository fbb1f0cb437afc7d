/* solace-support-page.h — crisis lines for the user's country, and when to seek help
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "solace-contact-store.h"
#include "solace-crisis-lines.h"

G_BEGIN_DECLS

#define SOLACE_TYPE_SUPPORT_PAGE (solace_support_page_get_type ())

G_DECLARE_FINAL_TYPE (SolaceSupportPage, solace_support_page, SOLACE, SUPPORT_PAGE, AdwBin)

void         solace_support_page_set_crisis_lines   (SolaceSupportPage *self,
                                                     SolaceCrisisLines *lines,
                                                     const GError      *error,
                                                     GSettings         *settings);
void         solace_support_page_focus_crisis_lines (SolaceSupportPage *self);
void         solace_support_page_set_contacts       (SolaceSupportPage  *self,
                                                     SolaceContactStore *contacts);
void         solace_support_page_delete_contact     (SolaceSupportPage *self,
                                                     const char        *uuid);

/* For the tests. */
AdwComboRow *solace_support_page_get_country_row    (SolaceSupportPage *self);
GtkListBox  *solace_support_page_get_line_list      (SolaceSupportPage *self);
GtkListBox  *solace_support_page_get_contact_list   (SolaceSupportPage *self,
                                                     SolaceContactKind  kind);
AdwToast    *solace_support_page_get_undo_toast     (SolaceSupportPage *self);

/* Opens the short page on when to talk to a professional. */
void                solace_support_page_show_when_to_talk (SolaceSupportPage *self);

G_END_DECLS
