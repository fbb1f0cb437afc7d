/* solace-reminder-service.c — the light, GTK-free reminder service
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs all day with no window: owns the scheduler's timer and the
 * notifications, and opens the window over D-Bus when a notification
 * asks for it.  The window tells it to re-plan through the "replan"
 * action of its GApplication.
 *
 * It reads and writes reminders.db only, never the journal, which the
 * passphrase lock encrypts: that file holds the schedules and settings
 * and nothing the person wrote.  What a boundary's or session's
 * reminder says comes from the window, which hands it over ("texts")
 * while it is open and unlocked and takes it back ("forget-texts") when
 * it locks; it is kept in memory only, and forgotten too when the
 * window's name leaves the bus.  With no lock on the journal, the words
 * are read from it at the moment a reminder is shown (opened read-only,
 * closed at once).  While it is locked, every notification is discreet.
 */
#define G_LOG_DOMAIN "solace-reminders"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "solace-crypt-vfs.h"
#include "solace-database.h"
#include "solace-error.h"
#include "solace-notifier.h"
#include "solace-reminder-service.h"
#include "solace-scheduler.h"
#include "solace-spawn.h"

struct _SolaceReminderService
{
  GApplication     parent_instance;

  SolaceDatabase  *db;
  char            *journal_path;
  /* key → ReminderText, from the window while it is unlocked; NULL
   * when it has handed none over, or taken them back. */
  GHashTable      *texts;
  guint            app_watch;
  SolaceScheduler *scheduler;
  SolaceNotifier  *notifier;
  GFileMonitor    *tz_monitor;
  GDBusConnection *system_bus;
  guint            sleep_subscription;
  GCancellable    *cancellable;
  guint            unreadable;
  guint            started_app : 1;
};

G_DEFINE_FINAL_TYPE (SolaceReminderService, solace_reminder_service, G_TYPE_APPLICATION)

/* How long to wait for a window that had to be started. */
#define APP_START_TIMEOUT_SECONDS 30

typedef struct
{
  SolaceReminderService *self;
  char                  *action;
  GVariant              *parameter;
  guint                  watch;
  guint                  timeout;
} Activation;

static void call_app (Activation *activation);

typedef struct
{
  char *title;
  char *body;
} ReminderText;

/* Wiped, not only freed: the person's words leave no copy behind. */
static void
wipe_string (char *text)
{
  if (text != NULL)
    memset (text, 0, strlen (text));
  g_free (text);
}

static void
reminder_text_free (ReminderText *text)
{
  wipe_string (text->title);
  wipe_string (text->body);
  g_free (text);
}

/* Locked: the journal is encrypted (or cannot be told from one), and
 * the window has not handed over what the reminders say. */
static gboolean
is_locked (SolaceReminderService *self)
{
  SolaceCryptFileKind kind;

  if (self->texts != NULL)
    return FALSE;

  kind = solace_crypt_vfs_probe_file (self->journal_path, NULL);
  return kind == SOLACE_CRYPT_FILE_ENCRYPTED || kind == SOLACE_CRYPT_FILE_UNKNOWN;
}

static void
activation_free (Activation *activation)
{
  g_clear_handle_id (&activation->watch, g_bus_unwatch_name);
  g_clear_handle_id (&activation->timeout, g_source_remove);
  g_application_release (G_APPLICATION (activation->self));
  g_object_unref (activation->self);
  g_free (activation->action);
  g_variant_unref (activation->parameter);
  g_free (activation);
}

static void
app_appeared_cb (GDBusConnection *connection,
                 const char      *name,
                 const char      *owner,
                 gpointer         user_data)
{
  Activation *activation = user_data;

  g_clear_handle_id (&activation->watch, g_bus_unwatch_name);
  g_clear_handle_id (&activation->timeout, g_source_remove);
  call_app (activation);
}

static gboolean
app_timeout_cb (gpointer user_data)
{
  Activation *activation = user_data;

  activation->timeout = 0;
  g_warning ("Solace did not start in time to open the window");
  activation_free (activation);

  return G_SOURCE_REMOVE;
}

/* The window is not running, and D-Bus could not start it (not
 * installed, or run from the build tree): start it here, and ask again
 * when its name appears. */
static void
start_app (Activation *activation)
{
  SolaceReminderService *self = activation->self;
  g_autoptr(GError) error = NULL;
  g_autofree char *program = solace_find_program (PACKAGE_NAME, BINDIR, "SOLACE_APP_PROGRAM");
  const char *argv[] = { program, "--gapplication-service", NULL };
  GDBusConnection *bus = g_application_get_dbus_connection (G_APPLICATION (self));

  self->started_app = TRUE;

  if (!solace_spawn_detached (argv, &error))
    {
      g_warning ("Could not start Solace: %s", error->message);
      activation_free (activation);
      return;
    }

  activation->watch = g_bus_watch_name_on_connection (bus, APPLICATION_ID,
                                                      G_BUS_NAME_WATCHER_FLAGS_NONE,
                                                      app_appeared_cb, NULL,
                                                      activation, NULL);
  activation->timeout = g_timeout_add_seconds (APP_START_TIMEOUT_SECONDS, app_timeout_cb, activation);
}

static void
call_app_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  Activation *activation = user_data;
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GError) error = NULL;

  reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (source), result, &error);
  if (reply == NULL && solace_dbus_error_is_not_running (error) &&
      activation->watch == 0 && !activation->self->started_app)
    {
      start_app (activation);
      return;
    }

  if (reply == NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_warning ("Could not open Solace's window: %s", error->message);

  activation_free (activation);
}

static void
call_app (Activation *activation)
{
  SolaceReminderService *self = activation->self;

  /* D-Bus starts the installed app from its service file if needed. */
  solace_activate_action (g_application_get_dbus_connection (G_APPLICATION (self)),
                          APPLICATION_ID, activation->action, activation->parameter,
                          G_DBUS_CALL_FLAGS_NONE, self->cancellable, call_app_cb, activation);
}

/* Runs the window's application action @action with @parameter,
 * starting the window if it is not running. */
static void
open_app (SolaceReminderService *self,
          const char            *action,
          const char            *parameter)
{
  Activation *activation;

  if (g_application_get_dbus_connection (G_APPLICATION (self)) == NULL)
    return;

  activation = g_new0 (Activation, 1);
  activation->self = g_object_ref (self);
  activation->action = g_strdup (action);
  activation->parameter = g_variant_ref_sink (g_variant_new_string (parameter));
  /* Stay up until the window has answered. */
  g_application_hold (G_APPLICATION (self));
  self->started_app = FALSE;

  call_app (activation);
}

/* Gives a boundary's or session's reminder its words, for the moment
 * it is shown: those the window handed over, or else, from a journal
 * with no lock, read there and then. */
static void
find_words (SolaceReminderService *self,
            SolaceReminder        *reminder)
{
  g_autoptr(GError) error = NULL;
  ReminderText *text;

  text = self->texts != NULL ? g_hash_table_lookup (self->texts, solace_reminder_get_key (reminder)) : NULL;
  if (text != NULL)
    solace_reminder_set_text (reminder, text->title, text->body);
  else if (!solace_reminders_read_text (self->journal_path, reminder, &error))
    g_debug ("A reminder says only what it is: %s", error->message);
}

static void
fire_cb (SolaceReminderService *self,
         SolaceReminder        *reminder,
         gint64                 due_at)
{
  const SolaceReminderSettings *settings = solace_scheduler_get_settings (self->scheduler);
  SolaceReminderKind kind = solace_reminder_get_kind (reminder);
  gboolean has_words = kind == SOLACE_REMINDER_BOUNDARY || kind == SOLACE_REMINDER_SESSION;
  gboolean discreet = settings->discreet || is_locked (self);

  if (has_words && !discreet)
    find_words (self, reminder);

  solace_notifier_show (self->notifier, reminder, due_at, discreet);

  /* Shown: the words are not kept beyond it. */
  if (has_words)
    solace_reminder_set_text (reminder, NULL, NULL);
}

static void
notification_action_cb (SolaceReminderService *self,
                        gint64                 id,
                        gint64                 due_at,
                        const char            *action)
{
  g_autoptr(GError) error = NULL;
  SolaceReminder *reminder = solace_scheduler_lookup (self->scheduler, id);

  if (reminder == NULL)
    return;

  if (g_str_equal (action, SOLACE_NOTIFIER_ACTION_LATER) ||
      g_str_equal (action, SOLACE_NOTIFIER_ACTION_SNOOZE))
    {
      if (!solace_scheduler_snooze (self->scheduler, id, due_at, &error))
        g_warning ("Could not snooze a reminder: %s", error->message);
    }
  else if (g_str_equal (action, SOLACE_NOTIFIER_ACTION_DONE))
    {
      if (!solace_scheduler_mark_done (self->scheduler, id, due_at, &error))
        g_warning ("Could not record a reminder as done: %s", error->message);
    }
  else if (g_str_equal (action, SOLACE_NOTIFIER_ACTION_WRITE))
    open_app (self, "new-entry", "gratitude");
  else if (g_str_equal (action, SOLACE_NOTIFIER_ACTION_REACH_OUT))
    open_app (self, "reach-out", "");
  else if (g_str_equal (action, SOLACE_NOTIFIER_ACTION_DEFAULT))
    {
      const char *key = solace_reminder_get_key (reminder);

      /* A boundary's reminder opens that boundary, a session's the
       * Support page with the people and groups. */
      if (g_str_has_prefix (key, "boundary:"))
        open_app (self, "show-boundary", key + strlen ("boundary:"));
      else if (solace_reminder_get_kind (reminder) == SOLACE_REMINDER_SESSION)
        open_app (self, "show-page", "support");
      else
        open_app (self, "show-page",
                  solace_reminder_get_kind (reminder) == SOLACE_REMINDER_GRATITUDE ? "journal" : "today");
    }
}

static void
replan (SolaceReminderService *self)
{
  g_autoptr(GError) error = NULL;
  guint unreadable;

  if (self->scheduler == NULL)
    return;

  if (!solace_scheduler_reload (self->scheduler, &error))
    {
      g_warning ("Could not read the reminders: %s", error->message);
      return;
    }

  /* A reminder whose rule cannot be read never comes: said once each
   * time their number changes, without the rule (Preferences shows
   * which, and asks for a new schedule). */
  unreadable = solace_scheduler_count_unreadable (self->scheduler);
  if (unreadable > 0 && unreadable != self->unreadable)
    g_warning ("%u reminder(s) could not be read and will not come until given a new schedule in Preferences",
               unreadable);
  self->unreadable = unreadable;
}

static void
timezone_changed_cb (SolaceReminderService *self,
                     GFile                 *file,
                     GFile                 *other_file,
                     GFileMonitorEvent      event)
{
  g_autoptr(GTimeZone) tz = NULL;

  if (event != G_FILE_MONITOR_EVENT_CHANGES_DONE_HINT &&
      event != G_FILE_MONITOR_EVENT_CREATED &&
      event != G_FILE_MONITOR_EVENT_RENAMED &&
      event != G_FILE_MONITOR_EVENT_MOVED_IN)
    return;

  /* NULL reads TZ or /etc/localtime afresh. */
  tz = g_time_zone_new_identifier (NULL);
  if (tz == NULL)
    tz = g_time_zone_new_utc ();

  solace_scheduler_set_timezone (self->scheduler, tz);
  solace_scheduler_run (self->scheduler);
}

static void
prepare_for_sleep_cb (GDBusConnection *connection,
                      const char      *sender,
                      const char      *path,
                      const char      *interface,
                      const char      *signal,
                      GVariant        *parameters,
                      gpointer         user_data)
{
  SolaceReminderService *self = user_data;
  gboolean going_to_sleep;

  if (!g_variant_is_of_type (parameters, G_VARIANT_TYPE ("(b)")))
    return;

  /* Waking up: the timer catches most of it, but a wall clock that was
   * stepped while asleep is best re-read at once. */
  g_variant_get (parameters, "(b)", &going_to_sleep);
  if (!going_to_sleep)
    solace_scheduler_run (self->scheduler);
}

static void
system_bus_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(SolaceReminderService) self = user_data;
  g_autoptr(GError) error = NULL;
  GDBusConnection *bus = g_bus_get_finish (result, &error);

  /* No system bus (a container, a test): the timer still notices. */
  if (bus == NULL)
    return;

  self->system_bus = bus;
  self->sleep_subscription =
    g_dbus_connection_signal_subscribe (bus, "org.freedesktop.login1",
                                        "org.freedesktop.login1.Manager", "PrepareForSleep",
                                        "/org/freedesktop/login1", NULL,
                                        G_DBUS_SIGNAL_FLAGS_NONE,
                                        prepare_for_sleep_cb, self, NULL);
}

static void
replan_activated (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       user_data)
{
  replan (user_data);
}

static void
forget_texts (SolaceReminderService *self)
{
  g_clear_handle_id (&self->app_watch, g_bus_unwatch_name);
  g_clear_pointer (&self->texts, g_hash_table_unref);

  /* What was shown while the window was unlocked does not stay on
   * screen once the journal is locked. */
  if (self->notifier != NULL && is_locked (self))
    solace_notifier_conceal (self->notifier);
}

static void
app_vanished_cb (GDBusConnection *connection,
                 const char      *name,
                 gpointer         user_data)
{
  forget_texts (user_data);
}

static void
texts_activated (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  SolaceReminderService *self = user_data;
  GDBusConnection *bus = g_application_get_dbus_connection (G_APPLICATION (self));
  const char *key, *title, *body;
  GVariantIter iter;

  g_clear_pointer (&self->texts, g_hash_table_unref);
  self->texts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) reminder_text_free);

  /* Only what a boundary's or session's reminder says. */
  g_variant_iter_init (&iter, parameter);
  while (g_variant_iter_next (&iter, "{&s(&s&s)}", &key, &title, &body))
    if (g_str_has_prefix (key, "boundary:") || g_str_has_prefix (key, "session:"))
      {
        ReminderText *text = g_new0 (ReminderText, 1);

        text->title = g_strdup (title);
        text->body = *body != '\0' ? g_strdup (body) : NULL;
        g_hash_table_replace (self->texts, g_strdup (key), text);
      }

  /* Held only while the window is there: if its name is not on the
   * bus (now, or later), they are forgotten. */
  if (self->app_watch == 0 && bus != NULL)
    self->app_watch = g_bus_watch_name_on_connection (bus, APPLICATION_ID, G_BUS_NAME_WATCHER_FLAGS_NONE,
                                                      NULL, app_vanished_cb, self, NULL);
}

static void
forget_texts_activated (GSimpleAction *action,
                        GVariant      *parameter,
                        gpointer       user_data)
{
  forget_texts (user_data);
}

static void
quit_activated (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  g_application_quit (G_APPLICATION (user_data));
}

static const GActionEntry actions[] = {
  { "replan", replan_activated },
  { "texts", texts_activated, "a{s(ss)}" },
  { "forget-texts", forget_texts_activated },
  { "quit", quit_activated },
};

/* reminders.db, never the journal. */
static gboolean
open_data (SolaceReminderService  *self,
           GError                **error)
{
  g_autofree char *path = solace_database_dup_default_reminders_path ();
  g_autoptr(GError) local_error = NULL;

  self->db = solace_database_open (path, SOLACE_DATABASE_FLAGS_REMINDERS, &local_error);

  /* Read-only data can still remind; it cannot record what it showed. */
  if (self->db == NULL && g_error_matches (local_error, SOLACE_ERROR, SOLACE_ERROR_READ_ONLY))
    self->db = solace_database_open (path, SOLACE_DATABASE_FLAGS_REMINDERS | SOLACE_DATABASE_FLAGS_READ_ONLY, NULL);

  if (self->db == NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  /* The first run after an update: the journal still holds them. */
  g_clear_error (&local_error);
  if (!solace_database_adopt_reminders (self->db, self->journal_path, &local_error))
    g_warning ("Could not take the reminders over from the journal: %s", local_error->message);

  return TRUE;
}

static void
solace_reminder_service_startup (GApplication *app)
{
  SolaceReminderService *self = SOLACE_REMINDER_SERVICE (app);
  g_autoptr(GFile) localtime = NULL;
  g_autoptr(GError) error = NULL;

  G_APPLICATION_CLASS (solace_reminder_service_parent_class)->startup (app);

  g_action_map_add_action_entries (G_ACTION_MAP (self), actions, G_N_ELEMENTS (actions), self);

  if (!open_data (self, &error))
    {
      /* Nothing to remind from; the window shows what is wrong. */
      g_warning ("Could not open Solace's data, so no reminders will come: %s", error->message);
      return;
    }

  /* Runs until told to quit. */
  g_application_hold (app);

  self->notifier = solace_notifier_new (APPLICATION_ID);
  g_signal_connect_object (self->notifier, "action",
                           G_CALLBACK (notification_action_cb), self, G_CONNECT_SWAPPED);

  self->scheduler = solace_scheduler_new (self->db);
  g_signal_connect_object (self->scheduler, "fire", G_CALLBACK (fire_cb), self, G_CONNECT_SWAPPED);
  solace_scheduler_set_armed (self->scheduler, TRUE);
  replan (self);

  localtime = g_file_new_for_path ("/etc/localtime");
  self->tz_monitor = g_file_monitor_file (localtime, G_FILE_MONITOR_WATCH_MOVES, NULL, NULL);
  if (self->tz_monitor != NULL)
    g_signal_connect_object (self->tz_monitor, "changed",
                             G_CALLBACK (timezone_changed_cb), self, G_CONNECT_SWAPPED);

  g_bus_get (G_BUS_TYPE_SYSTEM, self->cancellable, system_bus_cb, g_object_ref (self));
}

static void
solace_reminder_service_activate (GApplication *app)
{
  /* Started again while running: the reminders may have changed. */
  replan (SOLACE_REMINDER_SERVICE (app));
}

static void
solace_reminder_service_shutdown (GApplication *app)
{
  SolaceReminderService *self = SOLACE_REMINDER_SERVICE (app);

  g_cancellable_cancel (self->cancellable);
  if (self->scheduler != NULL)
    solace_scheduler_set_armed (self->scheduler, FALSE);

  G_APPLICATION_CLASS (solace_reminder_service_parent_class)->shutdown (app);
}

static void
solace_reminder_service_dispose (GObject *object)
{
  SolaceReminderService *self = (SolaceReminderService *)object;

  if (self->sleep_subscription != 0)
    g_dbus_connection_signal_unsubscribe (self->system_bus, self->sleep_subscription);
  self->sleep_subscription = 0;
  g_clear_object (&self->system_bus);
  g_clear_object (&self->tz_monitor);
  g_clear_handle_id (&self->app_watch, g_bus_unwatch_name);
  g_clear_pointer (&self->texts, g_hash_table_unref);
  g_clear_object (&self->notifier);
  g_clear_object (&self->scheduler);
  g_clear_object (&self->db);
  g_clear_pointer (&self->journal_path, g_free);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (solace_reminder_service_parent_class)->dispose (object);
}

static void
solace_reminder_service_class_init (SolaceReminderServiceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = solace_reminder_service_dispose;

  app_class->startup = solace_reminder_service_startup;
  app_class->activate = solace_reminder_service_activate;
  app_class->shutdown = solace_reminder_service_shutdown;
}

static void
solace_reminder_service_init (SolaceReminderService *self)
{
  self->cancellable = g_cancellable_new ();
  self->journal_path = solace_database_dup_default_path ();
}

SolaceReminderService *
solace_reminder_service_new (void)
{
  return g_object_new (SOLACE_TYPE_REMINDER_SERVICE,
                       "application-id", REMINDERS_ID,
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       NULL);
}
