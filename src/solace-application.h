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
#include "solace-keys.h"
#include "solace-vault.h"

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

/* Hides every Solace window at once; see solace-application-quick-hide.c. */
void                solace_application_quick_hide (SolaceApplication *self);
void                solace_application_set_quick_hide_window (SolaceApplication *self,
                                                              guint              milliseconds);

void                solace_application_reload (SolaceApplication *self);
void                solace_application_restore_damaged (SolaceApplication *self,
                                                        const char        *backup);

/* While unlocked, the reminder service gets the titles it may show in
 * memory; locking takes them back. */
void                solace_application_push_reminder_texts   (SolaceApplication *self);
void                solace_application_forget_reminder_texts (SolaceApplication *self);

/* The passphrase lock (see solace-vault.h and README.md).  Sealed: the
 * data is encrypted on disk.  Locked: sealed, and no key in memory, so
 * only the lock screen is open. */
gboolean            solace_application_is_sealed  (SolaceApplication *self);
gboolean            solace_application_is_locked  (SolaceApplication *self);
/* The key while unlocked, else NULL. */
const SolaceKey    *solace_application_get_key    (SolaceApplication *self);
/* Flushes, closes every window and the data, wipes the key and shows
 * the lock screen (not presented if @present is FALSE).  Does nothing
 * unless sealed and unlocked. */
void                solace_application_lock       (SolaceApplication *self,
                                                   gboolean           present);
/* Takes @key (from solace_keys_unlock_*), opens the data with it and
 * the main window, closing the lock screen. */
void                solace_application_unlock     (SolaceApplication *self,
                                                   SolaceKey         *key);

/* Turns the lock on (@key from solace_keys_create (), taken) or off
 * (@key NULL: the current key is used): closes every window but
 * @keep_open and the data, seals or unseals in a worker thread with
 * @progress on the main thread, then opens the data again, with the
 * main window, unlocked.  On failure the data opens as it was. */
void                solace_application_set_sealed_async (SolaceApplication       *self,
                                                         SolaceKey               *key,
                                                         GtkWindow               *keep_open,
                                                         SolaceVaultProgressFunc  progress,
                                                         gpointer                 progress_data,
                                                         GAsyncReadyCallback      callback,
                                                         gpointer                 user_data);
gboolean            solace_application_set_sealed_finish (SolaceApplication  *self,
                                                          GAsyncResult       *result,
                                                          GError            **error);

/* For tests: idle minutes count as this many milliseconds each. */
void                solace_application_set_idle_minute_ms (SolaceApplication *self,
                                                           guint              milliseconds);

G_END_DECLS
