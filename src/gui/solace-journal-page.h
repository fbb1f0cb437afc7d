/* solace-journal-page.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "solace-journal-editor.h"
#include "solace-journal-store.h"

G_BEGIN_DECLS

#define SOLACE_TYPE_JOURNAL_PAGE (solace_journal_page_get_type ())

G_DECLARE_FINAL_TYPE (SolaceJournalPage, solace_journal_page, SOLACE, JOURNAL_PAGE, GtkWidget)

void                 solace_journal_page_set_store      (SolaceJournalPage *self,
                                                         SolaceJournalStore *store);
SolaceJournalStore  *solace_journal_page_get_store      (SolaceJournalPage *self);
void                 solace_journal_page_new_entry      (SolaceJournalPage *self,
                                                         SolaceEntryKind    kind);
void                 solace_journal_page_open_position  (SolaceJournalPage *self,
                                                         guint              position);
void                 solace_journal_page_focus_search   (SolaceJournalPage *self);
gboolean             solace_journal_page_save_now       (SolaceJournalPage *self,
                                                         GError           **error);
void                 solace_journal_page_undo_delete    (SolaceJournalPage *self);
gboolean             solace_journal_page_jump_to_date   (SolaceJournalPage *self,
                                                         const GDate       *date);

GtkAdjustment       *solace_journal_page_get_list_adjustment (SolaceJournalPage *self);
SolaceJournalEditor *solace_journal_page_get_editor     (SolaceJournalPage *self);
GtkEditable         *solace_journal_page_get_search_entry (SolaceJournalPage *self);
GtkListView         *solace_journal_page_get_list_view  (SolaceJournalPage *self);
const char          *solace_journal_page_get_list_state (SolaceJournalPage *self);
guint                solace_journal_page_get_selected   (SolaceJournalPage *self);
gboolean             solace_journal_page_get_folded     (SolaceJournalPage *self);
const char          *solace_journal_page_get_visible_pane (SolaceJournalPage *self);

G_END_DECLS
