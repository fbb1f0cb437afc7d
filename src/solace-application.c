/* solace-application.c — actions, command line and start-up
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "solace-application"

#include "config.h"

#include <glib/gi18n.h>

#include "solace-application.h"
#include "solace-backup.h"
#include "solace-data-owner.h"
#include "solace-progress.h"
#include "solace-reminders.h"
#include "solace-task.h"
#include "solace-error.h"
#include "solace-file.h"
#include "solace-journal-page.h"
#include "solace-lock-setup.h"
#include "solace-lock-window.h"
#include "solace-preferences-window.h"
#include "solace-resources.h"
#include "solace-spawn.h"
#include "solace-today-page.h"
#include "solace-welcome.h"
#include "solace-window.h"

struct _SolaceApplication
{
  AdwApplication      parent_instance;

  GSettings          *settings;
  SolaceDatabase     *database;
  SolaceJournalStore *journal;
  SolaceBoundaryStore *boundaries;
  SolaceContactStore *contacts;
  GError             *open_error;
  char               *read_only_reason;
  GCancellable       *cancellable;

  /* The passphrase lock: the key while unlocked (sodium_malloc memory),
   * the lock screen while locked, and what a notification asked for
   * while locked, done once unlocked. */
  SolaceKey          *key;
  SolaceLockWindow   *lock_window;
  char               *pending_action;
  GVariant           *pending_parameter;
  gint64              last_input_at;
  guint               idle_source;
  guint               idle_minute_ms;
  guint               screensaver_subscriptions[2];

  /* Quick hide: Shift presses in a row, and when the run began. */
  guint               shift_presses;
  gint64              first_shift_at;
  gint64              quick_hide_within_us;

  guint               manage_reminders : 1;
  guint               sealed : 1;
  guint               sealing : 1;
  guint               lock_when_sealed : 1;
  guint               hide_when_sealed : 1;
  guint               autostart_busy : 1;
  guint               autostart_again : 1;
};

static void solace_application_data_owner_init (SolaceDataOwnerInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (SolaceApplication, solace_application, ADW_TYPE_APPLICATION,
                               G_IMPLEMENT_INTERFACE (SOLACE_TYPE_DATA_OWNER,
                                                      solace_application_data_owner_init))

static void
apply_color_scheme (SolaceApplication *self)
{
  g_autofree char *scheme = g_settings_get_string (self->settings, "color-scheme");
  AdwStyleManager *style = adw_style_manager_get_default ();

  if (g_strcmp0 (scheme, "light") == 0)
    adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_LIGHT);
  else if (g_strcmp0 (scheme, "dark") == 0)
    adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_DARK);
  else
    adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);
}

static void
color_scheme_changed_cb (SolaceApplication *self)
{
  apply_color_scheme (self);
}

/* Opens the database: writable if possible, otherwise read-only with
 * the reason kept for the window to show.  A file that is not a
 * database, is damaged or is newer than this build is not opened at
 * all; nothing is written to it. */
static void
open_data (SolaceApplication *self)
{
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) ro_error = NULL;

  if (self->database != NULL || self->open_error != NULL)
    return;

  path = solace_database_dup_default_path ();
  if (self->key != NULL)
    self->database = solace_database_open_sealed (path, SOLACE_DATABASE_FLAGS_NONE, self->key, &error);
  else
    self->database = solace_database_open (path, SOLACE_DATABASE_FLAGS_NONE, &error);

  if (self->database == NULL &&
      (g_error_matches (error, SOLACE_ERROR, SOLACE_ERROR_READ_ONLY) ||
       g_error_matches (error, SOLACE_ERROR, SOLACE_ERROR_CANT_CREATE)) &&
      g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      if (self->key != NULL)
        self->database = solace_database_open_sealed (path, SOLACE_DATABASE_FLAGS_READ_ONLY,
                                                      self->key, &ro_error);
      else
        self->database = solace_database_open (path, SOLACE_DATABASE_FLAGS_READ_ONLY, &ro_error);
      if (self->database == NULL)
        {
          self->open_error = g_steal_pointer (&error);
          return;
        }
      self->read_only_reason = g_strdup (error->message);
    }
  else if (self->database == NULL)
    {
      self->open_error = g_steal_pointer (&error);
      return;
    }

  self->journal = solace_journal_store_new (self->database, &error);
  if (self->journal != NULL)
    self->boundaries = solace_boundary_store_new (self->database, &error);
  if (self->boundaries != NULL)
    self->contacts = solace_contact_store_new (self->database, &error);
  if (self->journal == NULL || self->boundaries == NULL || self->contacts == NULL)
    {
      g_clear_object (&self->journal);
      g_clear_object (&self->boundaries);
      g_clear_object (&self->database);
      self->open_error = g_steal_pointer (&error);
      return;
    }

  /* A boundary's reminder changed: the service plans again. */
  g_signal_connect_object (self->boundaries, "written",
                           G_CALLBACK (solace_application_replan_reminders), self, G_CONNECT_SWAPPED);
}

/* ---- Backups ------------------------------------------------------- */

static gboolean
daily_backup_run (SolaceDatabase  *db,
                  gpointer         data,
                  GError         **error)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_local ();
  g_autoptr(GDate) today = solace_local_day (tz, g_get_real_time () / G_USEC_PER_SEC);
  g_autofree char *dir = solace_backup_dup_default_dir ();

  return solace_backup_make (db, dir, today, FALSE, NULL, error);
}

static void
daily_backup_done_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  /* Said once, in the log; the window does not need to interrupt. */
  if (!solace_database_run_finish (result, &error))
    g_warning ("Could not make today’s backup: %s", error->message);
}

/* Once a day, a few seconds after the main window first appeared: in a
 * worker thread, and not while the window is being drawn and filled,
 * when the copy would compete with it for the disk and the processors.
 * Not at all if that window is gone by then (locked, closed, hidden
 * with a passphrase): the next one will. */
#define DAILY_BACKUP_DELAY_SECONDS 3

static void
weak_ref_free (GWeakRef *ref)
{
  g_weak_ref_clear (ref);
  g_free (ref);
}

static GWeakRef *
weak_ref_new (gpointer object)
{
  GWeakRef *ref = g_new0 (GWeakRef, 1);

  g_weak_ref_init (ref, object);

  return ref;
}

static gboolean
daily_backup_cb (gpointer user_data)
{
  g_autoptr(GtkWidget) window = g_weak_ref_get (user_data);
  SolaceApplication *self;

  if (window == NULL || gtk_window_get_application (GTK_WINDOW (window)) == NULL)
    return G_SOURCE_REMOVE;

  self = SOLACE_APPLICATION (gtk_window_get_application (GTK_WINDOW (window)));
  if (self->database != NULL && !solace_database_is_read_only (self->database))
    solace_database_run_async (self->database, NULL, daily_backup_run, NULL, NULL,
                               daily_backup_done_cb, NULL);

  return G_SOURCE_REMOVE;
}

static void open_main_window (SolaceApplication *self,
                              gboolean           present);
static void sync_autostart   (SolaceApplication *self);

/* Destroys every toplevel but @keep, one at a time, each gone for good
 * before the next: destroying one may take others (its dialogs) with
 * it.  With @save, what is being written in a main window is saved
 * first (not after a restore: the draft belongs to the data replaced).
 * Returns whether any was on screen. */
static gboolean
close_windows (SolaceApplication *self,
               GtkWindow         *keep,
               gboolean           save)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  gboolean shown = FALSE;
  guint i = 0;

  for (guint j = 0; j < g_list_model_get_n_items (toplevels); j++)
    {
      g_autoptr(GtkWidget) window = g_list_model_get_item (toplevels, j);

      if (window == GTK_WIDGET (keep))
        continue;
      shown |= gtk_widget_get_visible (window);

      if (save && SOLACE_IS_WINDOW (window))
        {
          g_autoptr(GError) error = NULL;

          /* Read-only data cannot take it; the window already said so. */
          if (!solace_window_save_now (SOLACE_WINDOW (window), &error))
            g_debug ("An open entry could not be saved before closing: %s", error->message);
        }
    }

  while (i < g_list_model_get_n_items (toplevels))
    {
      GtkWindow *window = g_list_model_get_item (toplevels, i);

      if (window == keep)
        i++;
      else
        gtk_window_destroy (window);
      g_object_unref (window);
    }

  return shown;
}

/* Saves what the stores hold and closes the data, every connection. */
static void
close_data (SolaceApplication *self)
{
  if (self->journal != NULL)
    solace_journal_store_flush (self->journal);
  if (self->boundaries != NULL)
    solace_boundary_store_flush (self->boundaries);
  if (self->contacts != NULL)
    solace_contact_store_flush (self->contacts);
  g_clear_object (&self->journal);
  g_clear_object (&self->boundaries);
  g_clear_object (&self->contacts);
  g_clear_object (&self->database);
  g_clear_error (&self->open_error);
  g_clear_pointer (&self->read_only_reason, g_free);
}

/**
 * solace_application_reload:
 *
 * Closes every window and opens the data again: after a backup was
 * restored, everything on screen must come from it.  If Solace was
 * hidden (quick hide), the new window stays hidden too.
 */
void
solace_application_reload (SolaceApplication *self)
{
  gboolean shown;

  g_return_if_fail (SOLACE_IS_APPLICATION (self));

  /* Closing the last window must not end the application. */
  g_application_hold (G_APPLICATION (self));

  shown = close_windows (self, NULL, FALSE);
  close_data (self);

  /* Not g_application_activate (): a window on its way out may still
   * count as the active one. */
  open_main_window (self, shown);
  g_application_release (G_APPLICATION (self));
}

/* ---- The passphrase lock -------------------------------------------
 *
 * Locked, Solace has one window, the lock screen, and neither the key
 * nor the data open.  Locking saves what is being written, closes every
 * window and the data, and wipes the key; the reminder service is told
 * to forget the titles it was given.  It locks on Ctrl+L, on quick hide,
 * after auto-lock-minutes without input, and when the screen locks. */

#define IDLE_CHECKS_PER_MINUTE 4

static void arm_idle_lock (SolaceApplication *self);

static void
update_lock_actions (SolaceApplication *self)
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

static void
show_lock_window (SolaceApplication *self,
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

  update_lock_actions (self);
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
  show_lock_window (self, FALSE);
  shown = close_windows (self, GTK_WINDOW (self->lock_window), TRUE);
  close_data (self);
  solace_application_forget_reminder_texts (self);
  g_clear_pointer (&self->key, solace_key_free);
  g_clear_handle_id (&self->idle_source, g_source_remove);
  update_lock_actions (self);

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
  open_main_window (self, TRUE);
  if (lock_window != NULL)
    {
      g_object_remove_weak_pointer (G_OBJECT (lock_window), (gpointer *) &self->lock_window);
      /* Focus out first: a field destroyed while focused warns. */
      gtk_window_set_focus (GTK_WINDOW (lock_window), NULL);
      gtk_window_destroy (GTK_WINDOW (lock_window));
    }

  update_lock_actions (self);
  arm_idle_lock (self);

  /* What a notification's button asked for while locked. */
  action = g_steal_pointer (&self->pending_action);
  parameter = g_steal_pointer (&self->pending_parameter);
  if (action != NULL && self->database != NULL)
    g_action_group_activate_action (G_ACTION_GROUP (self), action, parameter);

  g_application_release (G_APPLICATION (self));
}

static void
lock_activated (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  solace_application_lock (SOLACE_APPLICATION (user_data), TRUE);
}

/* Locked: the action waits for the unlock, and the lock screen shows. */
static gboolean
defer_while_locked (SolaceApplication *self,
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

  show_lock_window (self, TRUE);
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
static gboolean
input_event_cb (GtkEventControllerLegacy *controller,
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

static void
arm_idle_lock (SolaceApplication *self)
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
  arm_idle_lock (self);
}

static void
screensaver_active_cb (SolaceApplication *self)
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

static void
watch_screensaver (SolaceApplication *self)
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
    close_windows (self, NULL, FALSE);

  if (self->lock_when_sealed && self->sealed && self->key != NULL)
    {
      /* Locked meanwhile (Ctrl+L, quick hide, the screen): straight to
       * the lock screen, the data never opened again. */
      g_clear_pointer (&self->key, solace_key_free);
      show_lock_window (self, !self->hide_when_sealed);
    }
  else
    {
      /* Unsealed, or not asked: a quick hide still hides. */
      open_main_window (self, !self->hide_when_sealed);
      arm_idle_lock (self);
      solace_application_push_reminder_texts (self);
    }
  self->lock_when_sealed = FALSE;
  self->hide_when_sealed = FALSE;
  update_lock_actions (self);
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

  close_windows (self, keep_open, TRUE);
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
      close_data (self);
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

typedef struct
{
  char      *backup;
  SolaceKey *key;   /* a copy, so that locking meanwhile cannot free it */
} RestoreData;

static void
restore_data_free (RestoreData *data)
{
  g_free (data->backup);
  g_clear_pointer (&data->key, solace_key_free);
  g_free (data);
}

static void
restore_file_thread (GTask        *task,
                     gpointer      source_object,
                     gpointer      task_data,
                     GCancellable *cancellable)
{
  RestoreData *data = task_data;
  g_autofree char *path = solace_database_dup_default_path ();
  GError *error = NULL;

  /* With the lock on, the backup is read (or sealed on the way in) with
   * the key Solace holds; the key file beside the journal stays. */
  if (solace_backup_restore_file_with_key (data->backup, path, data->key, NULL, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
restore_file_done_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  SolaceApplication *self = SOLACE_APPLICATION (object);
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));
      AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (window, _("The Backup Could Not Be Restored"),
                                                                          error->message));

      adw_message_dialog_add_response (dialog, "close", _("_Close"));
      gtk_window_present (GTK_WINDOW (dialog));
      g_application_release (G_APPLICATION (self));
      return;
    }

  solace_application_reload (self);
  g_application_release (G_APPLICATION (self));
}

/**
 * solace_application_restore_damaged:
 * @backup: a backup that passed its check
 *
 * For data that could not be opened: the file is moved aside (kept),
 * @backup is put in its place, and Solace opens it.
 */
void
solace_application_restore_damaged (SolaceApplication *self,
                                    const char        *backup)
{
  g_autoptr(GTask) task = NULL;
  RestoreData *data;

  g_return_if_fail (SOLACE_IS_APPLICATION (self));
  g_return_if_fail (backup != NULL);

  g_application_hold (G_APPLICATION (self));
  data = g_new0 (RestoreData, 1);
  data->backup = g_strdup (backup);
  data->key = self->key != NULL ? solace_key_copy (self->key) : NULL;
  task = g_task_new (self, NULL, restore_file_done_cb, NULL);
  g_task_set_task_data (task, data, (GDestroyNotify) restore_data_free);
  g_task_run_in_thread (task, restore_file_thread);
}

static void
welcome_finished_cb (SolaceApplication *self,
                     SolaceWelcome     *welcome)
{
  GtkWindow *window = gtk_window_get_transient_for (GTK_WINDOW (welcome));

  if (SOLACE_IS_WINDOW (window))
    {
      solace_window_show_page (SOLACE_WINDOW (window), "today");
      solace_today_page_refresh (solace_window_get_today_page (SOLACE_WINDOW (window)));
    }
  solace_application_replan_reminders (self);
}

/* The window that says the data cannot be opened offers a backup. */
static void
restore_damaged_cb (const char *backup,
                    gpointer    user_data)
{
  solace_application_restore_damaged (user_data, backup);
}

/* What opening Solace starts besides the window, once the window has
 * drawn its first frame: none of it is needed for that frame, and all of
 * it would compete with it for the processors and the disk. */
static gboolean
after_first_frame_cb (gpointer user_data)
{
  g_autoptr(GtkWidget) window = g_weak_ref_get (user_data);
  SolaceApplication *self;
  SolaceWelcome *welcome;

  /* Closed, or Solace locked, before it came to this. */
  if (window == NULL || gtk_window_get_application (GTK_WINDOW (window)) == NULL)
    return G_SOURCE_REMOVE;
  self = SOLACE_APPLICATION (gtk_window_get_application (GTK_WINDOW (window)));
  if (self->database == NULL)
    return G_SOURCE_REMOVE;

  /* Only once the data is open: data that cannot be opened gets a
   * window that says so, and nothing written anywhere, the autostart
   * entry included. */
  sync_autostart (self);
  /* Reminders come from the service; make sure it is up. */
  solace_application_replan_reminders (self);
  g_timeout_add_seconds_full (G_PRIORITY_DEFAULT_IDLE, DAILY_BACKUP_DELAY_SECONDS, daily_backup_cb,
                              weak_ref_new (window), (GDestroyNotify) weak_ref_free);

  /* The first time, a few steps to begin with. */
  if (solace_welcome_wanted (self->database))
    {
      welcome = solace_welcome_new (GTK_WINDOW (window), self->database, self->contacts);
      g_signal_connect_object (welcome, "finished", G_CALLBACK (welcome_finished_cb),
                               self, G_CONNECT_SWAPPED);
      if (gtk_widget_get_visible (window))
        gtk_window_present (GTK_WINDOW (welcome));
    }

  return G_SOURCE_REMOVE;
}

static void
schedule_after_first_frame (GtkWidget *window)
{
  g_idle_add_full (G_PRIORITY_LOW, after_first_frame_cb, weak_ref_new (window),
                   (GDestroyNotify) weak_ref_free);
}

static gboolean
first_frame_cb (GtkWidget     *window,
                GdkFrameClock *clock,
                gpointer       user_data)
{
  /* The tick comes before the frame is laid out and drawn; an idle of
   * low priority runs once it has been. */
  schedule_after_first_frame (window);

  return G_SOURCE_REMOVE;
}

/* Opens the data and a new main window (or the window that says why
 * the data cannot be opened); the welcome, the first time, follows it. */
static void
open_main_window (SolaceApplication *self,
                  gboolean           present)
{
  GtkWindow *window;

  /* Before anything opens the data: a lock being turned on or off when
   * Solace was stopped is finished or undone, and sealed data waits for
   * its key behind the lock screen. */
  if (self->database == NULL && self->open_error == NULL && self->key == NULL)
    {
      g_autofree char *path = solace_database_dup_default_path ();
      g_autoptr(GError) error = NULL;
      SolaceVaultState state = SOLACE_VAULT_MISSING;

      if (solace_vault_recover (path, &error))
        state = solace_vault_get_state (path, &error);

      if (error != NULL)
        self->open_error = g_steal_pointer (&error);
      else if (state == SOLACE_VAULT_SEALED)
        {
          self->sealed = TRUE;
          show_lock_window (self, present);
          return;
        }
      else
        self->sealed = FALSE;
    }

  open_data (self);

  if (self->open_error != NULL)
    window = solace_window_new_for_error (GTK_APPLICATION (self), self->open_error, restore_damaged_cb, self);
  else
    {
      window = GTK_WINDOW (solace_window_new (GTK_APPLICATION (self), self->settings, self->database,
                                              self->journal, self->boundaries, self->contacts,
                                              self->read_only_reason, self->sealed));
      /* A page changed a milestone's or a session's reminder. */
      g_signal_connect_object (window, "reminders-changed",
                               G_CALLBACK (solace_application_replan_reminders), self, G_CONNECT_SWAPPED);
      /* The rest waits until the window is on screen; a hidden one
       * draws nothing, and the reminders must not wait for it. */
      if (present)
        gtk_widget_add_tick_callback (GTK_WIDGET (window), first_frame_cb, NULL, NULL);
      else
        schedule_after_first_frame (GTK_WIDGET (window));
    }

  /* Hidden, it is shown by the next activation, on Today. */
  if (!present)
    return;
  gtk_window_present (window);
}

static void
solace_application_activate (GApplication *app)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  if (window == NULL)
    open_main_window (SOLACE_APPLICATION (app), TRUE);
  else
    gtk_window_present (window);
}

static void
start_reminder_service (SolaceApplication *self)
{
  g_autofree char *program = solace_find_program ("solace-reminders", LIBEXECDIR,
                                                  "SOLACE_REMINDERS_PROGRAM");
  const char *argv[] = { program, NULL };
  g_autoptr(GError) error = NULL;

  if (!solace_spawn_detached (argv, &error))
    g_warning ("Could not start the reminder service: %s", error->message);
}

/* ---- What the reminder service may show ---------------------------- */

/* How long to wait for a reminder service that had to be started. */
#define SERVICE_START_TIMEOUT_SECONDS 30

typedef struct
{
  GWeakRef app;
  guint    watch;
  guint    timeout;
} ServiceWatch;

static void
service_watch_free (gpointer data)
{
  ServiceWatch *watch = data;

  g_weak_ref_clear (&watch->app);
  g_free (watch);
}

static void
service_watch_done (ServiceWatch *watch)
{
  g_clear_handle_id (&watch->timeout, g_source_remove);
  /* Frees @watch, now or soon. */
  g_bus_unwatch_name (watch->watch);
}

static void
service_appeared_cb (GDBusConnection *bus,
                     const char      *name,
                     const char      *owner,
                     gpointer         user_data)
{
  ServiceWatch *watch = user_data;
  g_autoptr(SolaceApplication) self = g_weak_ref_get (&watch->app);

  if (self != NULL)
    solace_application_push_reminder_texts (self);
  service_watch_done (watch);
}

static gboolean
service_timeout_cb (gpointer user_data)
{
  ServiceWatch *watch = user_data;

  watch->timeout = 0;
  service_watch_done (watch);

  return G_SOURCE_REMOVE;
}

static void
push_reminder_texts_when_up (SolaceApplication *self)
{
  GDBusConnection *bus = g_application_get_dbus_connection (G_APPLICATION (self));
  ServiceWatch *watch;

  if (bus == NULL)
    return;

  watch = g_new0 (ServiceWatch, 1);
  g_weak_ref_init (&watch->app, self);
  watch->watch = g_bus_watch_name_on_connection (bus, REMINDERS_ID, G_BUS_NAME_WATCHER_FLAGS_NONE,
                                                 service_appeared_cb, NULL, watch, service_watch_free);
  watch->timeout = g_timeout_add_seconds (SERVICE_START_TIMEOUT_SECONDS, service_timeout_cb, watch);
}

/**
 * solace_application_push_reminder_texts:
 *
 * Hands the reminder service what each boundary's and session's
 * reminder says, to hold in memory while Solace is unlocked: reminders.db,
 * which it reads, holds no words, and the journal may be locked.  Done
 * after every change that plans again, and after unlocking.
 */
void
solace_application_push_reminder_texts (SolaceApplication *self)
{
  GDBusConnection *bus;
  g_autoptr(GVariant) texts = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (SOLACE_IS_APPLICATION (self));

  bus = g_application_get_dbus_connection (G_APPLICATION (self));
  /* Only while the data is open, that is unlocked. */
  if (!self->manage_reminders || bus == NULL || self->database == NULL)
    return;

  texts = solace_reminders_dup_texts (self->database, &error);
  if (texts == NULL)
    {
      /* Then the service says only what each reminder is. */
      g_warning ("Could not read what the reminders say: %s", error->message);
      return;
    }

  solace_activate_action (bus, REMINDERS_ID, "texts", texts, G_DBUS_CALL_FLAGS_NONE, NULL, NULL, NULL);
}

/**
 * solace_application_forget_reminder_texts:
 *
 * Takes back from the reminder service what the reminders say: on
 * locking.  It then conceals what it still shows, and every
 * notification is discreet until the next solace_application_push_reminder_texts().
 */
void
solace_application_forget_reminder_texts (SolaceApplication *self)
{
  GDBusConnection *bus;

  g_return_if_fail (SOLACE_IS_APPLICATION (self));

  bus = g_application_get_dbus_connection (G_APPLICATION (self));
  if (bus == NULL)
    return;

  /* Not started for this: a service that is not running holds none. */
  solace_activate_action (bus, REMINDERS_ID, "forget-texts", NULL, G_DBUS_CALL_FLAGS_NO_AUTO_START,
                          NULL, NULL, NULL);
}

static void
replan_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(SolaceApplication) self = user_data;
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GError) error = NULL;

  reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (source), result, &error);
  if (reply != NULL || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  /* Not running, and D-Bus could not start it (not installed, or run
   * from the build tree): start it here.  It plans as it starts; what
   * the reminders say follows once it is on the bus. */
  if (solace_dbus_error_is_not_running (error))
    {
      start_reminder_service (self);
      push_reminder_texts_when_up (self);
    }
  else
    g_warning ("Could not reach the reminder service: %s", error->message);
}

static void
call_reminder_service (SolaceApplication *self,
                       const char        *action,
                       GDBusCallFlags     flags,
                       gboolean           wait)
{
  GDBusConnection *bus = g_application_get_dbus_connection (G_APPLICATION (self));

  if (bus == NULL)
    return;

  solace_activate_action (bus, REMINDERS_ID, action, NULL, flags,
                          wait ? self->cancellable : NULL,
                          wait ? replan_cb : NULL,
                          wait ? g_object_ref (self) : NULL);
}

static const char autostart_template[] =
  "[Desktop Entry]\n"
  "Type=Application\n"
  "Name=%s\n"
  "Comment=%s\n"
  "Exec=%s --background\n"
  "Icon=%s\n"
  "Terminal=false\n"
  "NoDisplay=true\n"
  "X-GNOME-Autostart-enabled=true\n"
  "X-GNOME-UsesNotifications=true\n";

/* A program path as an Exec key wants it: in double quotes, with the
 * characters the desktop entry spec reserves escaped by a backslash,
 * and that backslash doubled again because the value is a string. */
static char *
quote_exec (const char *path)
{
  g_autoptr(GString) quoted = g_string_new ("\"");

  for (const char *p = path; *p; p++)
    {
      if (*p == '"' || *p == '`' || *p == '$' || *p == '\\')
        g_string_append (quoted, "\\\\");
      g_string_append_c (quoted, *p);
    }
  g_string_append_c (quoted, '"');

  return g_string_free (g_steal_pointer (&quoted), FALSE);
}

static void
autostart_done (SolaceApplication *self,
                gboolean           ok,
                const GError      *error)
{
  if (!ok && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_warning ("Could not update the autostart entry: %s", error->message);

  self->autostart_busy = FALSE;
  if (self->autostart_again)
    sync_autostart (self);
}

static void
autostart_written_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(SolaceApplication) self = user_data;
  g_autoptr(GError) error = NULL;
  gboolean ok = solace_file_write_private_finish (result, &error);

  autostart_done (self, ok, error);
}

static void
autostart_deleted_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(SolaceApplication) self = user_data;
  g_autoptr(GError) error = NULL;
  gboolean ok = g_file_delete_finish (G_FILE (source), result, &error);

  /* Never there is as good as removed. */
  autostart_done (self, ok || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND), error);
}

/* Writes or removes the autostart entry to match "run-in-background",
 * one change at a time so that the last one wins. */
static void
sync_autostart (SolaceApplication *self)
{
  g_autofree char *path = solace_application_dup_autostart_path ();
  g_autoptr(GFile) file = g_file_new_for_path (path);

  if (self->autostart_busy)
    {
      self->autostart_again = TRUE;
      return;
    }

  self->autostart_busy = TRUE;
  self->autostart_again = FALSE;

  if (g_settings_get_boolean (self->settings, "run-in-background"))
    {
      g_autofree char *program = solace_find_program (PACKAGE_NAME, BINDIR, "SOLACE_APP_PROGRAM");
      g_autofree char *exec = quote_exec (program);
      g_autofree char *dir = g_path_get_dirname (path);
      g_autoptr(GBytes) bytes = NULL;
      char *contents;

      contents = g_strdup_printf (autostart_template,
                                  _("Solace Reminders"),
                                  _("Keeps your Solace reminders coming when the window is closed"),
                                  exec, APPLICATION_ID);
      bytes = g_bytes_new_take (contents, strlen (contents));
      g_mkdir_with_parents (dir, 0700);
      /* 0600: it names Solace to anyone who can list the folder. */
      solace_file_write_private_async (path, bytes, NULL, self->cancellable,
                                       autostart_written_cb, g_object_ref (self));
    }
  else
    g_file_delete_async (file, G_PRIORITY_DEFAULT, self->cancellable,
                         autostart_deleted_cb, g_object_ref (self));
}

static void
run_in_background_changed_cb (SolaceApplication *self)
{
  /* Without data (not yet opened, or not openable) nothing is written;
   * opening it writes the entry. */
  if (self->database == NULL)
    return;

  sync_autostart (self);
  if (g_settings_get_boolean (self->settings, "run-in-background"))
    solace_application_replan_reminders (self);
}

/* The main window, opened if need be and brought to the front: what a
 * notification's button leads to, even when Preferences or the welcome
 * was the last window used.  NULL when the data could not be opened. */
static GtkWindow *
present_main_window (SolaceApplication *self)
{
  g_application_activate (G_APPLICATION (self));

  /* Most recently focused first. */
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    if (SOLACE_IS_WINDOW (l->data))
      {
        gtk_window_present (l->data);
        return l->data;
      }

  return NULL;
}

static void
new_entry_activated (GSimpleAction *action,
                     GVariant      *parameter,
                     gpointer       user_data)
{
  SolaceApplication *self = user_data;
  SolaceEntryKind kind = SOLACE_ENTRY_KIND_REFLECTION;
  GtkWindow *window;

  solace_entry_kind_from_key (g_variant_get_string (parameter, NULL), &kind);

  if (defer_while_locked (self, action, parameter))
    return;

  window = present_main_window (self);
  if (window != NULL)
    solace_window_new_entry (SOLACE_WINDOW (window), kind);
}

/* "I want to reach out", from a notification: the window, on Today,
 * with the steps open.  The parameter is there for the service's
 * calls, which always carry one; it says nothing. */
static void
reach_out_activated (GSimpleAction *action,
                     GVariant      *parameter,
                     gpointer       user_data)
{
  SolaceApplication *self = user_data;
  GtkWindow *window;

  if (defer_while_locked (self, action, parameter))
    return;

  window = present_main_window (self);
  if (window != NULL)
    gtk_widget_activate_action (GTK_WIDGET (window), "win.reach-out", NULL);
}

static void
show_boundary_activated (GSimpleAction *action,
                         GVariant      *parameter,
                         gpointer       user_data)
{
  SolaceApplication *self = user_data;
  GtkWindow *window;

  if (defer_while_locked (self, action, parameter))
    return;

  window = present_main_window (self);
  if (window != NULL)
    solace_window_show_boundary (SOLACE_WINDOW (window), g_variant_get_string (parameter, NULL));
}

static void
show_page_activated (GSimpleAction *action,
                     GVariant      *parameter,
                     gpointer       user_data)
{
  SolaceApplication *self = user_data;
  GtkWindow *window;

  if (defer_while_locked (self, action, parameter))
    return;

  window = present_main_window (self);
  if (window != NULL)
    solace_window_show_page (SOLACE_WINDOW (window), g_variant_get_string (parameter, NULL));
}

static void
quit_activated (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  SolaceApplication *self = user_data;
  GList *windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (self)));

  /* Closing each window saves what is open in it. */
  for (GList *iter = windows; iter != NULL; iter = iter->next)
    gtk_window_close (iter->data);

  g_list_free (windows);
}

static void
preferences_activated (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  SolaceApplication *self = user_data;
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  SolacePreferencesWindow *prefs;

  prefs = solace_preferences_window_new (SOLACE_DATA_OWNER (self));
  gtk_window_set_application (GTK_WINDOW (prefs), GTK_APPLICATION (self));
  gtk_window_set_transient_for (GTK_WINDOW (prefs), parent);
  gtk_window_present (GTK_WINDOW (prefs));
}

static void
about_activated (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  SolaceApplication *self = user_data;
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  const char *developers[] = { "The Solace developers", NULL };
  GtkWidget *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", parent,
                        "modal", TRUE,
                        "application-name", _("Solace"),
                        "application-icon", BASE_APPLICATION_ID,
                        "version", PACKAGE_VERSION,
                        "developer-name", _("The Solace developers"),
                        "developers", developers,
                        "license-type", GTK_LICENSE_GPL_3_0,
                        "website", "https://github.com/solace-app/solace",
                        "comments",
                        _("A private companion for the weeks after a breakup: a journal, "
                          "a no-contact counter and your own reasons, kept on this "
                          "computer and nowhere else.\n\n"
                          "Solace is not a substitute for professional help. If you are "
                          "in danger or thinking about harming yourself, call your local "
                          "emergency number now. Crisis lines for your country are listed "
                          "under Support, and findahelpline.com lists lines around the world."),
                        NULL);
  gtk_window_present (GTK_WINDOW (about));
}

/* ---- Quick hide ------------------------------------------------------
 *
 * After the "Exit this page" pattern made with survivors of abuse: Shift
 * three times in a row (no other key between, within a few seconds),
 * Ctrl+Shift+H or the header's button hides every Solace window at once,
 * with no animation.  Dialogs and editors are closed, not hidden, and the
 * main window comes back on Today. */

#define QUICK_HIDE_PRESSES 3
static gsize watching_toplevels;
#define QUICK_HIDE_WITHIN_US (3 * G_USEC_PER_SEC)

void
solace_application_quick_hide (SolaceApplication *self)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  g_autoptr(GPtrArray) windows = g_ptr_array_new_with_free_func (g_object_unref);

  g_return_if_fail (SOLACE_IS_APPLICATION (self));

  /* While the lock is being turned on or off, the window showing it is
   * hidden (it cannot be closed) and what comes after stays hidden,
   * locked if there is a lock by then. */
  if (self->sealing)
    {
      solace_application_lock (self, FALSE);
      for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
        {
          g_autoptr(GtkWidget) window = g_list_model_get_item (toplevels, i);

          gtk_widget_set_visible (window, FALSE);
        }
      return;
    }

  /* With a passphrase, hidden also means locked: whoever opens it next
   * meets the lock screen. */
  if (self->sealed && self->key != NULL)
    {
      solace_application_lock (self, FALSE);
      if (self->lock_window != NULL)
        gtk_widget_set_visible (GTK_WIDGET (self->lock_window), FALSE);
      return;
    }

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    g_ptr_array_add (windows, g_list_model_get_item (toplevels, i));

  /* The main windows first, so nothing of theirs shows while the
   * dialogs above them go. */
  for (guint i = 0; i < windows->len; i++)
    if (SOLACE_IS_WINDOW (g_ptr_array_index (windows, i)))
      solace_window_quick_hide (g_ptr_array_index (windows, i));
  for (guint i = 0; i < windows->len; i++)
    if (!SOLACE_IS_WINDOW (g_ptr_array_index (windows, i)))
      gtk_window_destroy (g_ptr_array_index (windows, i));
}

static void
quick_hide_activated (GSimpleAction *action,
                      GVariant      *parameter,
                      gpointer       user_data)
{
  solace_application_quick_hide (SOLACE_APPLICATION (user_data));
}

static gboolean
quick_hide_key_cb (GtkEventControllerKey *controller,
                   guint                  keyval,
                   guint                  keycode,
                   GdkModifierType        state,
                   gpointer               user_data)
{
  GApplication *app = g_application_get_default ();
  SolaceApplication *self;
  gint64 now = g_get_monotonic_time ();

  if (!SOLACE_IS_APPLICATION (app))
    return GDK_EVENT_PROPAGATE;
  self = SOLACE_APPLICATION (app);

  if ((keyval == GDK_KEY_h || keyval == GDK_KEY_H) &&
      (state & (GDK_CONTROL_MASK | GDK_SHIFT_MASK)) == (GDK_CONTROL_MASK | GDK_SHIFT_MASK))
    {
      self->shift_presses = 0;
      solace_application_quick_hide (self);
      return GDK_EVENT_STOP;
    }

  if (keyval != GDK_KEY_Shift_L && keyval != GDK_KEY_Shift_R)
    {
      /* Any other key between breaks the run. */
      self->shift_presses = 0;
      return GDK_EVENT_PROPAGATE;
    }

  if (self->shift_presses == 0 || now - self->first_shift_at > self->quick_hide_within_us)
    {
      self->shift_presses = 0;
      self->first_shift_at = now;
    }
  if (++self->shift_presses >= QUICK_HIDE_PRESSES)
    {
      self->shift_presses = 0;
      solace_application_quick_hide (self);
    }

  return GDK_EVENT_PROPAGATE;
}

/* Every Solace window, dialogs included, listens for the keys, on
 * behalf of the process's application. */
static void
toplevels_changed_cb (GListModel *toplevels,
                      guint       position,
                      guint       removed,
                      guint       added,
                      gpointer    user_data)
{
  for (guint i = position; i < position + added; i++)
    {
      g_autoptr(GtkWidget) window = g_list_model_get_item (toplevels, i);
      GtkEventController *keys;
      GtkEventController *input;

      if (g_object_get_data (G_OBJECT (window), "solace-quick-hide") != NULL)
        continue;

      keys = gtk_event_controller_key_new ();
      gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
      g_signal_connect (keys, "key-pressed", G_CALLBACK (quick_hide_key_cb), NULL);
      gtk_widget_add_controller (window, keys);
      g_object_set_data (G_OBJECT (window), "solace-quick-hide", keys);

      /* Auto-lock counts idle time from the last input anywhere. */
      input = gtk_event_controller_legacy_new ();
      gtk_event_controller_set_propagation_phase (input, GTK_PHASE_CAPTURE);
      g_signal_connect (input, "event", G_CALLBACK (input_event_cb), NULL);
      gtk_widget_add_controller (window, input);
    }
}

/* For tests: how close together the presses must be. */
void
solace_application_set_quick_hide_window (SolaceApplication *self,
                                          guint              milliseconds)
{
  g_return_if_fail (SOLACE_IS_APPLICATION (self));

  self->quick_hide_within_us = (gint64) milliseconds * 1000;
}

static const GActionEntry app_actions[] = {
  { "quit", quit_activated },
  { "lock", lock_activated },
  { "quick-hide", quick_hide_activated },
  { "preferences", preferences_activated },
  { "about", about_activated },
  /* For notifications: the reminder service calls these over D-Bus. */
  { "new-entry", new_entry_activated, "s" },
  { "show-page", show_page_activated, "s" },
  { "reach-out", reach_out_activated, "s" },
  { "show-boundary", show_boundary_activated, "s" },
};

/* Solace never adds to the desktop's "Recent" list: GtkFileChooser
 * would otherwise put every export there (incident-record.csv…) for
 * anyone at the keyboard to see.  Set on every display's settings, as
 * GTK reads it from the default one and from the chooser's.  Note that
 * GTK 4.8's chooser still asks to add once it is answered, and the
 * recent manager then writes the list out empty: other programs'
 * entries go too, which is what GTK documents for this setting ("the
 * list will always be empty"). */
static void
forget_recent_files (GdkDisplay *display)
{
  g_object_set (gtk_settings_get_for_display (display), "gtk-recent-files-enabled", FALSE, NULL);
}

static void
display_opened_cb (GdkDisplayManager *manager,
                   GdkDisplay        *display,
                   gpointer           user_data)
{
  forget_recent_files (display);
}

static void
solace_application_startup (GApplication *app)
{
  SolaceApplication *self = SOLACE_APPLICATION (app);
  static const struct {
    const char *action;
    const char *accels[3];
  } accels[] = {
    { "app.quit", { "<Control>q", NULL } },
    { "app.preferences", { "<Control>comma", NULL } },
    { "window.close", { "<Control>w", NULL } },
    { "win.new-entry", { "<Control>n", NULL } },
    { "win.search", { "<Control>f", NULL } },
    { "win.shortcuts", { "<Control>question", NULL } },
    { "win.crisis-lines", { "<Control><Shift>l", NULL } },
    { "win.reach-out", { "<Control>u", NULL } },
    { "app.quick-hide", { "<Control><Shift>h", NULL } },
    { "app.lock", { "<Control>l", NULL } },
    { "win.page::today", { "<Alt>1", NULL } },
    { "win.page::journal", { "<Alt>2", NULL } },
    { "win.page::boundaries", { "<Alt>3", NULL } },
    { "win.page::support", { "<Alt>4", NULL } },
  };

  /* Made here rather than in init, so that --help and --version work
   * even where the schema is not installed. */
  self->settings = g_settings_new (BASE_APPLICATION_ID);

  /* Referencing the bundle keeps the linker from dropping it out of
   * the static library; its constructor registers it. */
  if (solace_get_resource () == NULL)
    g_error ("The application's resources are missing");

  /* The same resources serve the .Devel build. */
  g_application_set_resource_base_path (app, "/io/github/solace_app/Solace");

  watch_screensaver (self);

  G_APPLICATION_CLASS (solace_application_parent_class)->startup (app);

  {
    GdkDisplayManager *manager = gdk_display_manager_get ();
    GSList *displays = gdk_display_manager_list_displays (manager);

    for (GSList *l = displays; l != NULL; l = l->next)
      forget_recent_files (l->data);
    g_slist_free (displays);
    g_signal_connect_object (manager, "display-opened", G_CALLBACK (display_opened_cb), self, 0);
  }

  gtk_window_set_default_icon_name (BASE_APPLICATION_ID);

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions,
                                   G_N_ELEMENTS (app_actions), self);
  for (guint i = 0; i < G_N_ELEMENTS (accels); i++)
    gtk_application_set_accels_for_action (GTK_APPLICATION (self),
                                           accels[i].action, accels[i].accels);
  /* Nothing to lock until the data says it is sealed. */
  update_lock_actions (self);

  self->quick_hide_within_us = QUICK_HIDE_WITHIN_US;
  if (g_once_init_enter (&watching_toplevels))
    {
      g_signal_connect (gtk_window_get_toplevels (), "items-changed",
                        G_CALLBACK (toplevels_changed_cb), NULL);
      toplevels_changed_cb (gtk_window_get_toplevels (), 0, 0,
                            g_list_model_get_n_items (gtk_window_get_toplevels ()), NULL);
      g_once_init_leave (&watching_toplevels, 1);
    }

  apply_color_scheme (self);
  g_signal_connect_object (self->settings, "changed::color-scheme",
                           G_CALLBACK (color_scheme_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect (self, "notify::screensaver-active",
                    G_CALLBACK (screensaver_active_cb), NULL);
  g_signal_connect_object (self->settings, "changed::auto-lock-minutes",
                           G_CALLBACK (arm_idle_lock), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed::run-in-background",
                           G_CALLBACK (run_in_background_changed_cb), self,
                           G_CONNECT_SWAPPED);
  /* The autostart entry waits for the data: see open_main_window (). */
}

static void
solace_application_shutdown (GApplication *app)
{
  SolaceApplication *self = SOLACE_APPLICATION (app);

  if (self->journal != NULL)
    solace_journal_store_flush (self->journal);
  if (self->boundaries != NULL)
    solace_boundary_store_flush (self->boundaries);
  if (self->contacts != NULL)
    solace_contact_store_flush (self->contacts);

  /* Without "Run in background", reminders stop with the window. */
  if (self->manage_reminders && !g_settings_get_boolean (self->settings, "run-in-background"))
    {
      GDBusConnection *bus = g_application_get_dbus_connection (app);

      call_reminder_service (self, "quit", G_DBUS_CALL_FLAGS_NO_AUTO_START, FALSE);
      if (bus != NULL)
        g_dbus_connection_flush_sync (bus, NULL, NULL);
    }

  g_cancellable_cancel (self->cancellable);

  for (guint i = 0; i < G_N_ELEMENTS (self->screensaver_subscriptions); i++)
    if (self->screensaver_subscriptions[i] != 0)
      {
        g_dbus_connection_signal_unsubscribe (g_application_get_dbus_connection (app),
                                              self->screensaver_subscriptions[i]);
        self->screensaver_subscriptions[i] = 0;
      }
  g_clear_handle_id (&self->idle_source, g_source_remove);

  G_APPLICATION_CLASS (solace_application_parent_class)->shutdown (app);
}

static int
solace_application_handle_local_options (GApplication *app,
                                         GVariantDict *options)
{
  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("%s %s\n", PACKAGE_NAME, PACKAGE_VERSION);
      return 0;
    }

  return -1;
}

static void
solace_application_dispose (GObject *object)
{
  SolaceApplication *self = (SolaceApplication *)object;

  g_clear_object (&self->journal);
  g_clear_object (&self->boundaries);
  g_clear_object (&self->contacts);
  g_clear_object (&self->database);

  G_OBJECT_CLASS (solace_application_parent_class)->dispose (object);
}

static void
solace_application_finalize (GObject *object)
{
  SolaceApplication *self = (SolaceApplication *)object;

  g_clear_object (&self->settings);
  g_clear_object (&self->cancellable);
  g_clear_error (&self->open_error);
  g_clear_pointer (&self->read_only_reason, g_free);
  g_clear_pointer (&self->key, solace_key_free);
  g_clear_pointer (&self->pending_action, g_free);
  g_clear_pointer (&self->pending_parameter, g_variant_unref);

  G_OBJECT_CLASS (solace_application_parent_class)->finalize (object);
}

/* ---- SolaceDataOwner: what Preferences and the lock set-up use ------ */

static GtkWindow *
data_owner_get_main_window (SolaceDataOwner *owner)
{
  /* Most recently focused first. */
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (owner)); l != NULL; l = l->next)
    if (SOLACE_IS_WINDOW (l->data))
      return l->data;

  return NULL;
}

static SolaceDatabase *
data_owner_get_database (SolaceDataOwner *owner)
{
  return solace_application_get_database (SOLACE_APPLICATION (owner));
}

static GSettings *
data_owner_get_settings (SolaceDataOwner *owner)
{
  return solace_application_get_settings (SOLACE_APPLICATION (owner));
}

static gboolean
data_owner_is_sealed (SolaceDataOwner *owner)
{
  return solace_application_is_sealed (SOLACE_APPLICATION (owner));
}

static const SolaceKey *
data_owner_get_key (SolaceDataOwner *owner)
{
  return solace_application_get_key (SOLACE_APPLICATION (owner));
}

static void
data_owner_reload (SolaceDataOwner *owner)
{
  solace_application_reload (SOLACE_APPLICATION (owner));
}

static void
data_owner_replan_reminders (SolaceDataOwner *owner)
{
  solace_application_replan_reminders (SOLACE_APPLICATION (owner));
}

static void
data_owner_set_sealed_async (SolaceDataOwner         *owner,
                             SolaceKey               *key,
                             GtkWindow               *keep_open,
                             SolaceVaultProgressFunc  progress,
                             gpointer                 progress_data,
                             GAsyncReadyCallback      callback,
                             gpointer                 user_data)
{
  solace_application_set_sealed_async (SOLACE_APPLICATION (owner), key, keep_open, progress, progress_data,
                                       callback, user_data);
}

static gboolean
data_owner_set_sealed_finish (SolaceDataOwner  *owner,
                              GAsyncResult     *result,
                              GError          **error)
{
  return solace_application_set_sealed_finish (SOLACE_APPLICATION (owner), result, error);
}

static void
solace_application_data_owner_init (SolaceDataOwnerInterface *iface)
{
  iface->get_database = data_owner_get_database;
  iface->get_settings = data_owner_get_settings;
  iface->get_main_window = data_owner_get_main_window;
  iface->is_sealed = data_owner_is_sealed;
  iface->get_key = data_owner_get_key;
  iface->reload = data_owner_reload;
  iface->replan_reminders = data_owner_replan_reminders;
  iface->set_sealed_async = data_owner_set_sealed_async;
  iface->set_sealed_finish = data_owner_set_sealed_finish;
}

static void
solace_application_class_init (SolaceApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = solace_application_dispose;
  object_class->finalize = solace_application_finalize;

  app_class->activate = solace_application_activate;
  app_class->startup = solace_application_startup;
  app_class->shutdown = solace_application_shutdown;
  app_class->handle_local_options = solace_application_handle_local_options;
}

static void
solace_application_init (SolaceApplication *self)
{
  static const GOptionEntry entries[] = {
    { "version", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Show the version and quit"), NULL },
    /* Handled in main() before GTK starts; listed here for --help. */
    { "background", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Run only the reminder service, with no window"), NULL },
    { "upcoming", 0, 0, G_OPTION_ARG_INT, NULL, N_("Print the next N reminders and quit"), N_("N") },
    { "export", 0, 0, G_OPTION_ARG_FILENAME, NULL,
      N_("Write all your data to FILE as JSON and quit; an existing FILE only with --force"), N_("FILE") },
    { "import", 0, 0, G_OPTION_ARG_FILENAME, NULL,
      N_("Import a JSON export and quit; into existing data, add --merge or --replace"), N_("FILE") },
    { "merge", 0, 0, G_OPTION_ARG_NONE, NULL,
      N_("With --import: add what is new, keep the newer of what both have"), NULL },
    { "replace", 0, 0, G_OPTION_ARG_NONE, NULL,
      N_("With --import: delete what is there first (a backup is kept)"), NULL },
    { "export-journal", 0, 0, G_OPTION_ARG_FILENAME, NULL,
      N_("Write the journal to FILE as Markdown and quit"), N_("FILE") },
    { "from", 0, 0, G_OPTION_ARG_STRING, NULL, N_("With --export-journal: the first day"), N_("YYYY-MM-DD") },
    { "until", 0, 0, G_OPTION_ARG_STRING, NULL, N_("With --export-journal: the last day"), N_("YYYY-MM-DD") },
    { "force", 0, 0, G_OPTION_ARG_NONE, NULL, N_("With --export or --export-journal: replace FILE"), NULL },
    { "yes", 0, 0, G_OPTION_ARG_NONE, NULL,
      N_("With --export or --export-journal of locked data: write the file although it is not encrypted; "
         "with --lock-setup: take a weak passphrase"), NULL },
    { "recovery-key", 0, 0, G_OPTION_ARG_NONE, NULL,
      N_("Ask for the recovery key instead of the passphrase"), NULL },
    { "lock-setup", 0, 0, G_OPTION_ARG_NONE, NULL,
      N_("Lock your data with a passphrase (it is encrypted), print a recovery key once and quit"), NULL },
    { "lock-remove", 0, 0, G_OPTION_ARG_NONE, NULL,
      N_("Remove the passphrase lock (your data is decrypted) and quit"), NULL },
    { NULL }
  };

  g_application_add_main_option_entries (G_APPLICATION (self), entries);
  self->cancellable = g_cancellable_new ();
  self->manage_reminders = TRUE;
  self->idle_minute_ms = 60 * 1000;
}

SolaceApplication *
solace_application_new (void)
{
  return g_object_new (SOLACE_TYPE_APPLICATION,
                       "application-id", APPLICATION_ID,
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       NULL);
}

SolaceDatabase *
solace_application_get_database (SolaceApplication *self)
{
  g_return_val_if_fail (SOLACE_IS_APPLICATION (self), NULL);

  return self->database;
}

SolaceContactStore *
solace_application_get_contacts (SolaceApplication *self)
{
  g_return_val_if_fail (SOLACE_IS_APPLICATION (self), NULL);

  return self->contacts;
}

SolaceBoundaryStore *
solace_application_get_boundaries (SolaceApplication *self)
{
  g_return_val_if_fail (SOLACE_IS_APPLICATION (self), NULL);

  return self->boundaries;
}

SolaceJournalStore *
solace_application_get_journal (SolaceApplication *self)
{
  g_return_val_if_fail (SOLACE_IS_APPLICATION (self), NULL);

  return self->journal;
}

GSettings *
solace_application_get_settings (SolaceApplication *self)
{
  g_return_val_if_fail (SOLACE_IS_APPLICATION (self), NULL);

  return self->settings;
}

/**
 * solace_application_get_read_only_reason:
 *
 * Why the database could only be opened read-only, or %NULL.
 */
const char *
solace_application_get_read_only_reason (SolaceApplication *self)
{
  g_return_val_if_fail (SOLACE_IS_APPLICATION (self), NULL);

  return self->read_only_reason;
}

void
solace_application_replan_reminders (SolaceApplication *self)
{
  g_return_if_fail (SOLACE_IS_APPLICATION (self));

  if (self->manage_reminders)
    {
      call_reminder_service (self, "replan", G_DBUS_CALL_FLAGS_NONE, TRUE);
      /* What changed may be what a reminder says. */
      solace_application_push_reminder_texts (self);
    }
}

void
solace_application_set_manage_reminders (SolaceApplication *self,
                                         gboolean           manage)
{
  g_return_if_fail (SOLACE_IS_APPLICATION (self));

  self->manage_reminders = !!manage;
}

char *
solace_application_dup_autostart_path (void)
{
  return g_build_filename (g_get_user_config_dir (), "autostart", REMINDERS_ID ".desktop", NULL);
}

