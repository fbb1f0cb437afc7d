/* solace-data-owner.h — what opens, seals and reloads the data, for the
 * windows that change it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "solace-database.h"
#include "solace-keys.h"
#include "solace-vault.h"

G_BEGIN_DECLS

#define SOLACE_TYPE_DATA_OWNER (solace_data_owner_get_type ())

G_DECLARE_INTERFACE (SolaceDataOwner, solace_data_owner, SOLACE, DATA_OWNER, GtkApplication)

/* Preferences, its Data page and the lock set-up do more than show the
 * data: they replace it, seal it and have it opened again.  They are
 * given the one that owns it (the application) as this interface, so
 * that they depend on what they use and not on the application. */
struct _SolaceDataOwnerInterface
{
  GTypeInterface parent_iface;

  SolaceDatabase  *(*get_database)      (SolaceDataOwner          *self);
  GSettings       *(*get_settings)      (SolaceDataOwner          *self);
  GtkWindow       *(*get_main_window)   (SolaceDataOwner          *self);
  gboolean         (*is_sealed)         (SolaceDataOwner          *self);
  const SolaceKey *(*get_key)           (SolaceDataOwner          *self);
  void             (*reload)            (SolaceDataOwner          *self);
  void             (*replan_reminders)  (SolaceDataOwner          *self);
  void             (*set_sealed_async)  (SolaceDataOwner          *self,
                                         SolaceKey                *key,
                                         GtkWindow                *keep_open,
                                         SolaceVaultProgressFunc   progress,
                                         gpointer                  progress_data,
                                         GAsyncReadyCallback       callback,
                                         gpointer                  user_data);
  gboolean         (*set_sealed_finish) (SolaceDataOwner          *self,
                                         GAsyncResult             *result,
                                         GError                  **error);
};

/* The open data, or %NULL. */
SolaceDatabase  *solace_data_owner_get_database      (SolaceDataOwner          *self);
GSettings       *solace_data_owner_get_settings      (SolaceDataOwner          *self);
/* The main window, if one is open. */
GtkWindow       *solace_data_owner_get_main_window   (SolaceDataOwner          *self);
/* Whether the data is encrypted with a passphrase. */
gboolean         solace_data_owner_is_sealed         (SolaceDataOwner          *self);
/* The key while unlocked, else %NULL. */
const SolaceKey *solace_data_owner_get_key           (SolaceDataOwner          *self);
/* Closes every window and the data, and opens them again from disk. */
void             solace_data_owner_reload            (SolaceDataOwner          *self);
/* Asks the reminder service to plan again. */
void             solace_data_owner_replan_reminders  (SolaceDataOwner          *self);
/* Turns the lock on (@key, taken) or off (@key %NULL); see
 * solace_application_set_sealed_async (). */
void             solace_data_owner_set_sealed_async  (SolaceDataOwner          *self,
                                                      SolaceKey                *key,
                                                      GtkWindow                *keep_open,
                                                      SolaceVaultProgressFunc   progress,
                                                      gpointer                  progress_data,
                                                      GAsyncReadyCallback       callback,
                                                      gpointer                  user_data);
gboolean         solace_data_owner_set_sealed_finish (SolaceDataOwner          *self,
                                                      GAsyncResult             *result,
                                                      GError                  **error);

G_END_DECLS
