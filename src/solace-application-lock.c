/* solace-application-lock.c — the passphrase lock: locking and
 * unlocking, the lock screen, sealing and unsealing, auto-lock and the
 * screen saver, and what waits for the unlock
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "solace-application"

#include "config.h"

#include <glib/gi18n.h>

#include "solace-application-private.h"
#include "solace-lock-setup.h"
#include "solace-lock-window.h"
#include "solace-preferences-window.h"
#include "solace-window.h"

/* ---- The passphrase lock -------------------------------------------
 *
 * Locked, Solace has one window, the lock screen, and neither the key
 * nor the data open.  Locking saves what is being written, closes every
 * window and the data, and wipes the key; the reminder service is told
 * to forget the titles it was given.  It locks on Ctrl+L, on quick hide,
 * after auto-lock-minutes without input, and when the screen locks. */

#define IDLE_CHECKS_PER_MINUTE 4

void
solace_application_update_lock_actions (SolaceApplication *self)
{
  GAction *lock = g_action_map_lookup_action (G_ACTION_MAP (self), "lock");
  GAction *preferences = g_action_map_lookup_action (G_ACTION_MAP (self), "preferences");

  if (lock != NULL)
    g_simple_action_set_enabled (G_SIMPLE_ACTION (lock), self->sealed && self->key != NULL);
  if (preferences != NULL)
    g_simple_action_set_enabled (G_SIMPLE_ACTION (preferences), !self->sealed || self->key != NULL);
}

static void
lock_window_unlocked_cb (SolaceApplication *self,
                         SolaceKey         *key)
{
  solace_application_unlock (self, solace_key_copy (key));
}

void
solace_application_show_lock_window (SolaceApplication *self,
                                     gboolean           present)
{
  if (self->lock_window == NULL)
    {
      g_autofree char *path = solace_database_dup_default_path ();
      g_autofree char *keys = solace_keys_path_for_database (path);

      self->lock_window = solace_lock_window_new (GTK_APPLICATION (self), keys);
      g_object_add_weak_pointer (G_OBJECT (self->lock_window), (gpointer *) &self->lock_window);
      g_signal_connect_object (self->lock_window, "unlocked",
                               G_CALLBACK (lock_window_unlocked_cb), self, G_CONNECT_SWAPPED);
    }
  else
    solace_lock_window_reset (self->lock_window);

  solace_application_update_lock_actions (self);
  if (present)
    gtk_window_present (GTK_WINDOW (self->lock_window));
}

gboolean
solace_application_is_sealed (SolaceApplication *self)
{
  g_return_val_if_fail (SOLACE_IS_APPLICATION (self), FALSE);

  return self->sealed;
}

gboolean
solace_application_is_locked (SolaceApplication *self)
{
  g_return_val_if_fail (SOLACE_IS_APPLICATION (self), FALSE);

  return self->sealed && self->key == NULL;
}

const SolaceKey *
solace_application_get_key (SolaceApplication *self)
{
  g_return_val_if_fail (SOLACE_IS_APPLICATION (self), NULL);

  return self->key;
}

void
solace_application_lock (SolaceApplication *self,
                         gboolean           present)
{
  gboolean shown;

  g_return_if_fail (SOLACE_IS_APPLICATION (self));

  /* Asked while the lock is being turned on or off: done as soon as the
   * data is back (see sealed_cb ()). */
  if (self->sealing)
    {
      self->lock_when_sealed = TRUE;
      self->hide_when_sealed |= !present;
      return;
    }

  if (!self->sealed || self->key == NULL)
    return;

  g_application_hold (G_APPLICATION (self));

  /* The lock screen first, so that the application always has a window;
   * hidden until everything else is gone. */
  solace_application_show_lock_window (self, FALSE);
  shown = solace_application_close_windows (self, GTK_WINDOW (self->lock_window), TRUE);
  solace_application_close_data (self);
  solace_application_forget_reminder_texts (self);
  g_clear_pointer (&self->key, solace_key_free);
  g_clear_handle_id (&self->idle_source, g_source_remove);
  solace_application_update_lock_actions (self);

  /* Locked while hidden (quick hide) stays hidden. */
  if (present && shown)
    gtk_window_present (GTK_WINDOW (self->lock_window));

  g_application_release (G_APPLICATION (self));
}

void
solace_application_unlock (SolaceApplication *self,
                           SolaceKey         *key)
{
  g_autofree char *action = NULL;
  g_autoptr(GVariant) parameter = NULL;
  SolaceLockWindow *lock_window;

  g_return_if_fail (SOLACE_IS_APPLICATION (self));
  g_return_if_fail (key != NULL);

  g_application_hold (G_APPLICATION (self));

  g_clear_pointer (&self->key, solace_key_free);
  self->key = key;
  self->sealed = TRUE;
  self->last_input_at = g_get_monotonic_time ();

  lock_window = self->lock_window;
  self->lock_window = NULL;
  solace_application_open_main_window (self, TRUE);
  if (lock_window != NULL)
    {
      g_object_remove_weak_pointer (G_OBJECT (lock_window), (gpointer *) &self->lock_window);
      /* Focus out first: a field destroyed while focused warns. */
      gtk_window_set_focus (GTK_WINDOW (lock_window), NULL);
      gtk_window_destroy (GTK_WINDOW (lock_window));
    }

  solace_application_update_lock_actions (self);
  solace_application_arm_idle_lock (self);

  /* What a notification's button asked for while locked. */
  action = g_steal_pointer (&self->pending_action);
  parameter = g_steal_pointer (&self->pending_parameter);
  if (action != NULL && self->database != NULL)
    g_action_group_activate_action (G_ACTION_GROUP (self), action, parameter);

  g_application_release (G_APPLICATION (self));
}

/* Locked: the action waits for the unlock, and the lock screen shows. */
gboolean
solace_application_defer_while_locked (SolaceApplication *self,
                                       GSimpleAction     *action,
                                       GVariant          *parameter)
{
  if (!solace_application_is_locked (self))
    return FALSE;

  g_free (self->pending_action);
  self->pending_action = g_strdup (g_action_get_name (G_ACTION (action)));
  g_clear_pointer (&self->pending_parameter, g_variant_unref);
  if (parameter != NULL)
    self->pending_parameter = g_variant_ref (parameter);

  solace_application_show_lock_window (self, TRUE);
  return TRUE;
}

static GtkWindow *
find_lock_setup (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (SOLACE_IS_LOCK_SETUP (window))
        return window;
    }

  return NULL;
}

static gboolean
has_unsaved_dialog (SolaceApplication *self)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  SolaceLockSetup *setup = (SolaceLockSetup *) find_lock_setup ();

  if (setup != NULL)
    {
      const char *page = solace_lock_setup_get_page (setup);

      return g_strcmp0 (page, "key") == 0 || g_strcmp0 (page, "check") == 0;
    }

  /* Any other window of Solace's but the main ones and the lock screen
   * is an editor or a dialog over them. */
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) window = g_list_model_get_item (toplevels, i);

      /* Preferences and About hold nothing typed that could be lost. */
      if (!SOLACE_IS_WINDOW (window) && !SOLACE_IS_LOCK_WINDOW (window) &&
          !SOLACE_IS_PREFERENCES_WINDOW (window) && !ADW_IS_ABOUT_WINDOW (window) &&
          gtk_widget_get_visible (window))
        return TRUE;
    }

  return FALSE;
}

/* Any input in any Solace window counts as use. */
gboolean
solace_application_input_event_cb (GtkEventControllerLegacy *controller,
                                   GdkEvent                 *event,
                                   gpointer                  user_data)
{
  GApplication *app = g_application_get_default ();

  if (SOLACE_IS_APPLICATION (app))
    SOLACE_APPLICATION (app)->last_input_at = g_get_monotonic_time ();

  return GDK_EVENT_PROPAGATE;
}

static gboolean
idle_check_cb (gpointer user_data)
{
  SolaceApplication *self = user_data;
  guint minutes = g_settings_get_uint (self->settings, "auto-lock-minutes");
  gint64 idle_us;

  /* Idle time does not lock while something would be lost by it: a
   * lock dialog showing a new recovery key, or an editor or dialog with
   * what the person was writing (only the journal's own editor is
   * saved on locking).  Ctrl+L, quick hide and the screen lock still
   * lock at once. */
  if (has_unsaved_dialog (self))
    self->last_input_at = g_get_monotonic_time ();
  idle_us = g_get_monotonic_time () - self->last_input_at;

  if (minutes > 0 && idle_us >= (gint64) minutes * self->idle_minute_ms * 1000)
    {
      self->idle_source = 0;
      solace_application_lock (self, TRUE);
      return G_SOURCE_REMOVE;
    }

  return G_SOURCE_CONTINUE;
}

void
solace_application_arm_idle_lock (SolaceApplication *self)
{
  g_clear_handle_id (&self->idle_source, g_source_remove);

  if (!self->sealed || self->key == NULL)
    return;

  self->idle_source = g_timeout_add (MAX (self->idle_minute_ms / IDLE_CHECKS_PER_MINUTE, 1),
                                     idle_check_cb, self);
  g_source_set_name_by_id (self->idle_source, "[solace] auto-lock");
}

void
solace_application_set_idle_minute_ms (SolaceApplication *self,
                                       guint              milliseconds)
{
  g_return_if_fail (SOLACE_IS_APPLICATION (self));
  g_return_if_fail (milliseconds > 0);

  self->idle_minute_ms = milliseconds;
  self->last_input_at = g_get_monotonic_time ();
  solace_application_arm_idle_lock (self);
}

void
solace_application_screensaver_active_cb (SolaceApplication *self)
{
  gboolean active = FALSE;

  g_object_get (self, "screensaver-active", &active, NULL);
  if (active)
    solace_application_lock (self, TRUE);
}

/* The screen saver's own signal, heard directly too: GTK only follows
 * it once registered with GNOME's session manager, and other desktops
 * send the freedesktop one. */
static void
screensaver_signal_cb (GDBusConnection *connection,
                       const char      *sender,
                       const char      *path,
                       const char      *interface,
                       const char      *signal,
                       GVariant        *parameters,
                       gpointer         user_data)
{
  gboolean active = FALSE;

  if (!g_variant_is_of_type (parameters, G_VARIANT_TYPE ("(b)")))
    return;

  g_variant_get (parameters, "(b)", &active);
  if (active)
    solace_application_lock (SOLACE_APPLICATION (user_data), TRUE);
}

void
solace_application_watch_screensaver (SolaceApplication *self)
{
  static const char *const interfaces[] = { "org.gnome.ScreenSaver", "org.freedesktop.ScreenSaver" };
  GDBusConnection *bus = g_application_get_dbus_connection (G_APPLICATION (self));
  g_autoptr(GVariant) owner = NULL;

  if (bus == NULL)
    return;

  for (guint i = 0; i < G_N_ELEMENTS (interfaces); i++)
    self->screensaver_subscriptions[i] =
      g_dbus_connection_signal_subscribe (bus, NULL, interfaces[i], "ActiveChanged", NULL, NULL,
                                          G_DBUS_SIGNAL_FLAGS_NONE, screensaver_signal_cb,
                                          self, NULL);

  /* GtkApplication:screensaver-active needs a session manager to
   * register with; asking one that is not there only warns. */
  owner = g_dbus_connection_call_sync (bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                       "org.freedesktop.DBus", "NameHasOwner",
                                       g_variant_new ("(s)", "org.gnome.SessionManager"),
                                       G_VARIANT_TYPE ("(b)"), G_DBUS_CALL_FLAGS_NONE,
                                       1000, NULL, NULL);
  if (owner != NULL)
    {
      gboolean has_owner = FALSE;

      g_variant_get (owner, "(b)", &has_owner);
      g_object_set (self, "register-session", has_owner, NULL);
    }
}

/* Sealing and unsealing: every window but one closed, the data closed,
 * the work done in a thread, the data opened again. */

typedef struct
{
  SolaceKey               *key;       /* sealing: the new key; unsealing: the old */
  gboolean                 seal;
  char                    *path;
  SolaceVaultProgressFunc  progress;
  gpointer                 progress_data;
  guint                    wait_source;
  gboolean                 started;
} SealData;

static void
seal_data_free (SealData *data)
{
  g_assert (data->wait_source == 0);
  g_clear_pointer (&data->key, solace_key_free);
  g_free (data->path);
  g_free (data);
}

static void
sealed_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SolaceApplication *self = g_task_get_source_object (task);
  SealData *data = g_task_get_task_data (task);
  GError *error = NULL;
  gboolean ok = solace_vault_finish (result, &error);

  self->sealing = FALSE;

  if (ok && data->seal)
    {
      g_clear_pointer (&self->key, solace_key_free);
      self->key = g_steal_pointer (&data->key);
      self->sealed = TRUE;
    }
  else if (ok)
    {
      g_clear_pointer (&self->key, solace_key_free);
      self->sealed = FALSE;
    }
  /* On failure nothing changed on disk: the data opens as it was. */

  self->last_input_at = g_get_monotonic_time ();

  /* Locked or hidden meanwhile: the set-up window goes too (what it
   * would say next can wait; its callback finds it closed). */
  if (self->lock_when_sealed || self->hide_when_sealed)
    solace_application_close_windows (self, NULL, FALSE);

  if (self->lock_when_sealed && self->sealed && self->key != NULL)
    {
      /* Locked meanwhile (Ctrl+L, quick hide, the screen): straight to
       * the lock screen, the data never opened again. */
      g_clear_pointer (&self->key, solace_key_free);
      solace_application_show_lock_window (self, !self->hide_when_sealed);
    }
  else
    {
      /* Unsealed, or not asked: a quick hide still hides. */
      solace_application_open_main_window (self, !self->hide_when_sealed);
      solace_application_arm_idle_lock (self);
      solace_application_push_reminder_texts (self);
    }
  self->lock_when_sealed = FALSE;
  self->hide_when_sealed = FALSE;
  solace_application_update_lock_actions (self);
  g_application_release (G_APPLICATION (self));

  if (ok)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

#define CLOSE_WAIT_SECONDS 10

static void
start_vault_work (GTask *task)
{
  SealData *data = g_task_get_task_data (task);

  if (data->started)
    return;
  data->started = TRUE;
  g_clear_handle_id (&data->wait_source, g_source_remove);

  if (data->seal)
    solace_vault_seal_async (data->path, data->key, data->progress, data->progress_data, NULL,
                             sealed_cb, g_object_ref (task));
  else
    solace_vault_unseal_async (data->path, data->key, data->progress, data->progress_data, NULL,
                               sealed_cb, g_object_ref (task));
}

static void
database_gone_cb (gpointer  user_data,
                  GObject  *where_it_was)
{
  g_autoptr(GTask) task = user_data;

  start_vault_work (task);
}

static gboolean
close_wait_timeout_cb (gpointer user_data)
{
  GTask *task = user_data;
  SealData *data = g_task_get_task_data (task);

  data->wait_source = 0;
  start_vault_work (task);
  return G_SOURCE_REMOVE;
}

void
solace_application_set_sealed_async (SolaceApplication       *self,
                                     SolaceKey               *key,
                                     GtkWindow               *keep_open,
                                     SolaceVaultProgressFunc  progress,
                                     gpointer                 progress_data,
                                     GAsyncReadyCallback      callback,
                                     gpointer                 user_data)
{
  g_autoptr(GTask) task = NULL;
  SealData *data;

  g_return_if_fail (SOLACE_IS_APPLICATION (self));

  task = g_task_new (self, NULL, callback, user_data);
  g_task_set_source_tag (task, solace_application_set_sealed_async);

  if (self->sealing || (key != NULL) == self->sealed || (key == NULL && self->key == NULL))
    {
      g_clear_pointer (&key, solace_key_free);
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_BUSY,
                               _("The lock cannot be changed right now."));
      return;
    }

  data = g_new0 (SealData, 1);
  data->seal = key != NULL;
  data->key = key != NULL ? key : solace_key_copy (self->key);
  data->path = solace_database_dup_default_path ();
  g_task_set_task_data (task, data, (GDestroyNotify) seal_data_free);

  /* Held until the data is open again. */
  g_application_hold (G_APPLICATION (self));
  self->sealing = TRUE;
  g_clear_handle_id (&self->idle_source, g_source_remove);

  data->progress = progress;
  data->progress_data = progress_data;

  solace_application_close_windows (self, keep_open, TRUE);
  solace_application_forget_reminder_texts (self);

  /* The vault needs the file closed everywhere.  The stores let go of
   * the database once their last news has reached the main loop, so
   * the work starts when the database is really gone (or after a while
   * regardless: the vault then says the file is busy, and nothing has
   * changed). */
  if (self->database != NULL)
    {
      g_object_weak_ref (G_OBJECT (self->database), database_gone_cb, g_object_ref (task));
      data->wait_source = g_timeout_add_seconds_full (G_PRIORITY_DEFAULT, CLOSE_WAIT_SECONDS,
                                                      close_wait_timeout_cb, g_object_ref (task),
                                                      g_object_unref);
      solace_application_close_data (self);
    }
  else
    start_vault_work (task);
}

gboolean
solace_application_set_sealed_finish (SolaceApplication  *self,
                                      GAsyncResult       *result,
                                      GError            **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
