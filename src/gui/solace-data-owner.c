/* solace-data-owner.c — what opens, seals and reloads the data, for the
 * windows that change it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "solace-data-owner"

#include "config.h"

#include "solace-data-owner.h"

G_DEFINE_INTERFACE (SolaceDataOwner, solace_data_owner, GTK_TYPE_APPLICATION)

static void
solace_data_owner_default_init (SolaceDataOwnerInterface *iface)
{
}

SolaceDatabase *
solace_data_owner_get_database (SolaceDataOwner *self)
{
  g_return_val_if_fail (SOLACE_IS_DATA_OWNER (self), NULL);

  return SOLACE_DATA_OWNER_GET_IFACE (self)->get_database (self);
}

GSettings *
solace_data_owner_get_settings (SolaceDataOwner *self)
{
  g_return_val_if_fail (SOLACE_IS_DATA_OWNER (self), NULL);

  return SOLACE_DATA_OWNER_GET_IFACE (self)->get_settings (self);
}

GtkWindow *
solace_data_owner_get_main_window (SolaceDataOwner *self)
{
  g_return_val_if_fail (SOLACE_IS_DATA_OWNER (self), NULL);

  return SOLACE_DATA_OWNER_GET_IFACE (self)->get_main_window (self);
}

gboolean
solace_data_owner_is_sealed (SolaceDataOwner *self)
{
  g_return_val_if_fail (SOLACE_IS_DATA_OWNER (self), FALSE);

  return SOLACE_DATA_OWNER_GET_IFACE (self)->is_sealed (self);
}

const SolaceKey *
solace_data_owner_get_key (SolaceDataOwner *self)
{
  g_return_val_if_fail (SOLACE_IS_DATA_OWNER (self), NULL);

  return SOLACE_DATA_OWNER_GET_IFACE (self)->get_key (self);
}

void
solace_data_owner_reload (SolaceDataOwner *self)
{
  g_return_if_fail (SOLACE_IS_DATA_OWNER (self));

  SOLACE_DATA_OWNER_GET_IFACE (self)->reload (self);
}

void
solace_data_owner_replan_reminders (SolaceDataOwner *self)
{
  g_return_if_fail (SOLACE_IS_DATA_OWNER (self));

  SOLACE_DATA_OWNER_GET_IFACE (self)->replan_reminders (self);
}

void
solace_data_owner_set_sealed_async (SolaceDataOwner         *self,
                                    SolaceKey               *key,
                                    GtkWindow               *keep_open,
                                    SolaceVaultProgressFunc  progress,
                                    gpointer                 progress_data,
                                    GAsyncReadyCallback      callback,
                                    gpointer                 user_data)
{
  g_return_if_fail (SOLACE_IS_DATA_OWNER (self));

  SOLACE_DATA_OWNER_GET_IFACE (self)->set_sealed_async (self, key, keep_open, progress, progress_data,
                                                        callback, user_data);
}

gboolean
solace_data_owner_set_sealed_finish (SolaceDataOwner  *self,
                                     GAsyncResult     *result,
                                     GError          **error)
{
  g_return_val_if_fail (SOLACE_IS_DATA_OWNER (self), FALSE);

  return SOLACE_DATA_OWNER_GET_IFACE (self)->set_sealed_finish (self, result, error);
}
