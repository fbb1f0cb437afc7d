/* solace-application.c — the GApplication: start-up, the command line,
 * opening the data and the main window, reminders and autostart
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Over 1,000 lines: besides the class, it holds the data's whole life in
 * the app (opened, closed, restored, the main window over it) and what
 * follows that life, the reminder service and the autostart entry.  The
 * lock, the actions and quick hide are parts of their own: see
 * solace-application-private.h.
 */
#define G_LOG_DOMAIN "solace-application"

#include "config.h"

#include <glib/gi18n.h>

#include "solace-application-private.h"
#include "solace-backup.h"
#include "solace-data-owner.h"
#include "solace-progress.h"
#include "solace-reminders.h"
#include "solace-task.h"
#include "solace-error.h"
#include "solace-file.h"
#include "solace-journal-page.h"
#include "solace-resources.h"
#include "solace-spawn.h"
#include "solace-today-page.h"
#include "solace-welcome.h"
#include "solace-window.h"

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

/* Once a day, once the main window has drawn its first frame: in a
 * worker thread, and not while that frame is being made, when the copy
 * would compete with it for the disk and the processors.  (Not later
 * than that: people often open Solace for a minute, and a backup left
 * for later would then never be made.) */
static void
start_daily_backup (SolaceApplication *self)
{
  if (self->database != NULL && !solace_database_is_read_only (self->database))
    solace_database_run_async (self->database, NULL, daily_backup_run, NULL, NULL,
                               daily_backup_done_cb, NULL);
}

static void sync_autostart (SolaceApplication *self);

/* Destroys every toplevel but @keep, one at a time, each gone for good
 * before the next: destroying one may take others (its dialogs) with
 * it.  With @save, what is being written in a main window is saved
 * first (not after a restore: the draft belongs to the data replaced).
 * Returns whether any was on screen. */
gboolean
solace_application_close_windows (SolaceApplication *self,
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
void
solace_application_close_data (SolaceApplication *self)
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

  shown = solace_application_close_windows (self, NULL, FALSE);
  solace_application_close_data (self);

  /* Not g_application_activate (): a window on its way out may still
   * count as the active one. */
  solace_application_open_main_window (self, shown);
  g_application_release (G_APPLICATION (self));
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
  start_daily_backup (self);

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
void
solace_application_open_main_window (SolaceApplication *self,
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
          solace_application_show_lock_window (self, present);
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
    solace_application_open_main_window (SOLACE_APPLICATION (app), TRUE);
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

  /* Made here rather than in init, so that --help and --version work
   * even where the schema is not installed. */
  self->settings = g_settings_new (BASE_APPLICATION_ID);

  /* Referencing the bundle keeps the linker from dropping it out of
   * the static library; its constructor registers it. */
  if (solace_get_resource () == NULL)
    g_error ("The application's resources are missing");

  /* The same resources serve the .Devel build. */
  g_application_set_resource_base_path (app, "/io/github/solace_app/Solace");

  solace_application_watch_screensaver (self);

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

  solace_application_add_actions (self);
  /* Nothing to lock until the data says it is sealed. */
  solace_application_update_lock_actions (self);

  solace_application_watch_quick_hide (self);

  apply_color_scheme (self);
  g_signal_connect_object (self->settings, "changed::color-scheme",
                           G_CALLBACK (color_scheme_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect (self, "notify::screensaver-active",
                    G_CALLBACK (solace_application_screensaver_active_cb), NULL);
  g_signal_connect_object (self->settings, "changed::auto-lock-minutes",
                           G_CALLBACK (solace_application_arm_idle_lock), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed::run-in-background",
                           G_CALLBACK (run_in_background_changed_cb), self,
                           G_CONNECT_SWAPPED);
  /* The autostart entry waits for the data: see solace_application_open_main_window (). */
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

