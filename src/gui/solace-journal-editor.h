/* solace-journal-editor.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "solace-journal-store.h"

G_BEGIN_DECLS

/* Saved this long after the last change, and never more than
 * SOLACE_AUTOSAVE_MAX_MS after the first unsaved one. */
#define SOLACE_AUTOSAVE_DELAY_MS 1000
#define SOLACE_AUTOSAVE_MAX_MS   2000

#define SOLACE_TYPE_JOURNAL_EDITOR (solace_journal_editor_get_type ())

G_DECLARE_FINAL_TYPE (SolaceJournalEditor, solace_journal_editor, SOLACE, JOURNAL_EDITOR, GtkWidget)

void                solace_journal_editor_set_store     (SolaceJournalEditor *self,
                                                         SolaceJournalStore  *store);
gboolean            solace_journal_editor_edit          (SolaceJournalEditor *self,
                                                         SolaceJournalEntry  *entry,
                                                         GError             **error);
void                solace_journal_editor_clear         (SolaceJournalEditor *self);
SolaceJournalEntry *solace_journal_editor_get_entry     (SolaceJournalEditor *self);
gboolean            solace_journal_editor_save_now      (SolaceJournalEditor *self,
                                                         GError             **error);
void                solace_journal_editor_set_show_back (SolaceJournalEditor *self,
                                                         gboolean             show_back);
void                solace_journal_editor_focus_text    (SolaceJournalEditor *self);
gboolean            solace_journal_editor_get_dirty     (SolaceJournalEditor *self);

/* For tests, which drive the same widgets a person does. */
GtkTextView        *solace_journal_editor_get_text_view (SolaceJournalEditor *self);
GtkEditable        *solace_journal_editor_get_gratitude_row (SolaceJournalEditor *self,
                                                         guint                index);
GtkToggleButton    *solace_journal_editor_get_mood_button (SolaceJournalEditor *self,
                                                         int                  mood);
GtkToggleButton    *solace_journal_editor_get_emotion_button (SolaceJournalEditor *self,
                                                         const char          *key);
GtkEditable        *solace_journal_editor_get_tags_entry (SolaceJournalEditor *self);
GtkDropDown        *solace_journal_editor_get_kind_dropdown (SolaceJournalEditor *self);
const char         *solace_journal_editor_get_status    (SolaceJournalEditor *self);

G_END_DECLS
