/* solace-window.h
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

#define SOLACE_TYPE_WINDOW (solace_window_get_type ())

G_DECLARE_FINAL_TYPE (SolaceWindow, solace_window, SOLACE, WINDOW, AdwApplicationWindow)

SolaceWindow *solace_window_new            (GtkApplication      *application,
                                            GSettings           *settings,
                                            SolaceDatabase      *database,
                                            SolaceJournalStore  *journal,
                                            SolaceBoundaryStore *boundaries,
                                            SolaceContactStore  *contacts,
                                            const char          *read_only_reason,
                                            gboolean             sealed);

/* Puts the backup @backup in place of the damaged data. */
typedef void (*SolaceRestoreFunc) (const char *backup,
                                   gpointer    user_data);

GtkWindow    *solace_window_new_for_error  (GtkApplication    *application,
                                            const GError      *error,
                                            SolaceRestoreFunc  restore,
                                            gpointer           user_data);
void          solace_window_add_toast      (SolaceWindow      *self,
                                            AdwToast          *toast);
void          solace_window_new_entry      (SolaceWindow      *self,
                                            SolaceEntryKind    kind);
void          solace_window_show_boundary  (SolaceWindow      *self,
                                            const char        *uuid);
gpointer      solace_window_get_boundaries_page (SolaceWindow *self);
gpointer      solace_window_get_support_page (SolaceWindow *self);
void          solace_window_show_page      (SolaceWindow      *self,
                                            const char        *name);
gpointer      solace_window_get_journal_page (SolaceWindow    *self);
gpointer      solace_window_get_today_page (SolaceWindow      *self);
gboolean      solace_window_save_now       (SolaceWindow      *self,
                                            GError           **error);

/* The name of the page shown: "today", "journal"… */
const char   *solace_window_get_visible_page (SolaceWindow    *self);

void          solace_window_quick_hide     (SolaceWindow      *self);
AdwToastOverlay *solace_window_get_toast_overlay (SolaceWindow *self);

G_END_DECLS
