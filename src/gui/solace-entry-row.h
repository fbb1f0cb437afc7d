/* solace-entry-row.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "solace-journal-entry.h"

G_BEGIN_DECLS

#define SOLACE_TYPE_ENTRY_ROW (solace_entry_row_get_type ())

G_DECLARE_FINAL_TYPE (SolaceEntryRow, solace_entry_row, SOLACE, ENTRY_ROW, GtkWidget)

GtkWidget          *solace_entry_row_new          (void);
void                solace_entry_row_set_entry    (SolaceEntryRow     *self,
                                                   SolaceJournalEntry *entry,
                                                   const char         *day_heading,
                                                   gboolean            defer_text);
void                solace_entry_row_show_text    (SolaceEntryRow     *self);
gboolean            solace_entry_row_get_text_deferred (SolaceEntryRow *self);
SolaceJournalEntry *solace_entry_row_get_entry    (SolaceEntryRow     *self);
const char         *solace_entry_row_get_text     (SolaceEntryRow     *self);
const char         *solace_entry_row_get_heading  (SolaceEntryRow     *self);

char               *solace_format_day_heading     (GDateTime          *when,
                                                   GDateTime          *now);

G_END_DECLS
