/* solace-notifier.c — the one place that talks to libnotify
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "solace-notifier"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <libnotify/notify.h>

#include "solace-notifier.h"

struct _SolaceNotifier
{
  GObject     parent_instance;

  char       *desktop_entry;
  /* reminder id → the NotifyNotification showing it */
  GHashTable *shown;
  gboolean    warned;
};

enum {
  ACTION,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (SolaceNotifier, solace_notifier, G_TYPE_OBJECT)

#define KEY_ID       "solace-reminder-id"
#define KEY_DUE      "solace-due-at"
#define KEY_REMINDER "solace-reminder"
#define KEY_DISCREET "solace-discreet"

static gint64
get_int64 (NotifyNotification *notification,
           const char         *key)
{
  gint64 *value = g_object_get_data (G_OBJECT (notification), key);

  return value != NULL ? *value : 0;
}

static void
set_int64 (NotifyNotification *notification,
           const char         *key,
           gint64              value)
{
  g_object_set_data_full (G_OBJECT (notification), key, g_memdup2 (&value, sizeof value), g_free);
}

static void
closed_cb (NotifyNotification *notification,
           SolaceNotifier     *self)
{
  gint64 id = get_int64 (notification, KEY_ID);

  if (g_hash_table_lookup (self->shown, &id) == notification)
    g_hash_table_remove (self->shown, &id);
}

static void
action_cb (NotifyNotification *notification,
           char               *action,
           gpointer            user_data)
{
  SolaceNotifier *self = user_data;
  g_autoptr(GObject) keep = g_object_ref (G_OBJECT (notification));
  gint64 id = get_int64 (notification, KEY_ID);
  gint64 due_at = get_int64 (notification, KEY_DUE);

  g_signal_emit (self, signals[ACTION], 0, id, due_at, action);

  /* An action is an answer: the notification has done its work. */
  notify_notification_close (notification, NULL);
  closed_cb (notification, self);
}

static void
solace_notifier_dispose (GObject *object)
{
  SolaceNotifier *self = (SolaceNotifier *)object;

  g_clear_pointer (&self->shown, g_hash_table_unref);

  G_OBJECT_CLASS (solace_notifier_parent_class)->dispose (object);
}

static void
solace_notifier_finalize (GObject *object)
{
  SolaceNotifier *self = (SolaceNotifier *)object;

  g_clear_pointer (&self->desktop_entry, g_free);

  G_OBJECT_CLASS (solace_notifier_parent_class)->finalize (object);
}

static void
solace_notifier_class_init (SolaceNotifierClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = solace_notifier_dispose;
  object_class->finalize = solace_notifier_finalize;

  /**
   * SolaceNotifier::action:
   * @reminder_id: the reminder the notification was for
   * @due_at: the occurrence it showed
   * @action: one of the SOLACE_NOTIFIER_ACTION_* names
   *
   * The person answered a notification.
   */
  signals[ACTION] = g_signal_new ("action",
                                  G_TYPE_FROM_CLASS (klass),
                                  G_SIGNAL_RUN_LAST,
                                  0, NULL, NULL, NULL,
                                  G_TYPE_NONE, 3, G_TYPE_INT64, G_TYPE_INT64, G_TYPE_STRING);
}

static void
solace_notifier_init (SolaceNotifier *self)
{
  self->shown = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_object_unref);
}

SolaceNotifier *
solace_notifier_new (const char *desktop_entry)
{
  SolaceNotifier *self;

  g_return_val_if_fail (desktop_entry != NULL, NULL);

  if (!notify_is_initted ())
    notify_init (_("Solace"));

  self = g_object_new (SOLACE_TYPE_NOTIFIER, NULL);
  self->desktop_entry = g_strdup (desktop_entry);

  return self;
}

static void
add_action (SolaceNotifier     *self,
            NotifyNotification *notification,
            const char         *action,
            const char         *label)
{
  notify_notification_add_action (notification, action, label, action_cb, self, NULL);
}

gboolean
solace_notifier_show (SolaceNotifier *self,
                      SolaceReminder *reminder,
                      gint64          due_at,
                      gboolean        discreet)
{
  g_autoptr(GError) error = NULL;
  NotifyNotification *notification;
  /* In discreet mode nothing names Solace: not the app name, not the
   * icon, not the desktop entry (from which the desktop would show
   * both).  The reminder service has no window, so the desktop cannot
   * tell whose it is from the sender's process either. */
  const char *icon = discreet ? NULL : self->desktop_entry;
  const char *title;
  const char *body;
  gint64 id;

  g_return_val_if_fail (SOLACE_IS_NOTIFIER (self), FALSE);
  g_return_val_if_fail (SOLACE_IS_REMINDER (reminder), FALSE);

  id = solace_reminder_get_id (reminder);
  title = solace_reminder_get_title (reminder, discreet);
  body = solace_reminder_get_body (reminder, discreet);

  /* A reminder that is still up is replaced, not stacked. */
  notification = g_hash_table_lookup (self->shown, &id);
  if (notification != NULL)
    {
      notify_notification_update (notification, title, body, icon);
      notify_notification_clear_actions (notification);
      notify_notification_clear_hints (notification);
    }
  else
    {
      notification = notify_notification_new (title, body, icon);
      g_signal_connect_object (notification, "closed", G_CALLBACK (closed_cb), self, 0);
      g_hash_table_insert (self->shown, g_memdup2 (&id, sizeof id), notification);
    }

  set_int64 (notification, KEY_ID, id);
  set_int64 (notification, KEY_DUE, due_at);
  /* For solace_notifier_conceal (): what it shows, and whether it says
   * more than "Reminder". */
  g_object_set_data_full (G_OBJECT (notification), KEY_REMINDER, g_object_ref (reminder), g_object_unref);
  g_object_set_data (G_OBJECT (notification), KEY_DISCREET, GINT_TO_POINTER (discreet));
  /* Translators: in discreet mode, the name a notification shows
   * instead of "Solace"; the same word as the discreet title. */
  notify_notification_set_app_name (notification, discreet ? _("Reminder") : _("Solace"));
  /* Empty rather than unset: libnotify fills an unset one in with the
   * GApplication's ID, which names Solace (and its string setter drops
   * an empty string). */
  notify_notification_set_hint (notification, "desktop-entry",
                                g_variant_new_string (discreet ? "" : self->desktop_entry));
  notify_notification_set_urgency (notification,
                                   solace_reminder_get_kind (reminder) == SOLACE_REMINDER_NUDGE
                                   ? NOTIFY_URGENCY_LOW : NOTIFY_URGENCY_NORMAL);

  add_action (self, notification, SOLACE_NOTIFIER_ACTION_DEFAULT, _("Open"));
  if (solace_reminder_get_kind (reminder) == SOLACE_REMINDER_GRATITUDE)
    {
      /* In discreet mode, "Write" would say what it is for. */
      add_action (self, notification, SOLACE_NOTIFIER_ACTION_WRITE, discreet ? _("Open") : _("Write"));
      add_action (self, notification, SOLACE_NOTIFIER_ACTION_LATER, _("Later"));
    }
  else if (solace_reminder_get_kind (reminder) == SOLACE_REMINDER_MILESTONE)
    ;   /* Nothing to do or put off: it is there to be enjoyed. */
  else
    {
      add_action (self, notification, SOLACE_NOTIFIER_ACTION_DONE, _("Done"));
      add_action (self, notification, SOLACE_NOTIFIER_ACTION_SNOOZE, _("Snooze"));
    }

  /* The evening check-in is when a hard moment may come to light; the
   * steps for it are one press away.  Not in discreet mode, where the
   * button would say too much. */
  if (solace_reminder_get_kind (reminder) == SOLACE_REMINDER_CHECK_IN && !discreet)
    add_action (self, notification, SOLACE_NOTIFIER_ACTION_REACH_OUT, _("I Want to Reach Out"));

  if (!notify_notification_show (notification, &error))
    {
      /* Said once: the service keeps going, and the next reminder
       * tries again, in case a server has started since. */
      if (!self->warned)
        g_warning ("No notification server is running, so reminders cannot be shown: %s",
                   error->message);
      self->warned = TRUE;
      g_hash_table_remove (self->shown, &id);
      return FALSE;
    }

  self->warned = FALSE;

  return TRUE;
}

void
solace_notifier_withdraw (SolaceNotifier *self,
                          gint64          reminder_id)
{
  NotifyNotification *notification;

  g_return_if_fail (SOLACE_IS_NOTIFIER (self));

  notification = g_hash_table_lookup (self->shown, &reminder_id);
  if (notification != NULL)
    {
      notify_notification_close (notification, NULL);
      g_hash_table_remove (self->shown, &reminder_id);
    }
}

/**
 * solace_notifier_conceal:
 *
 * Every notification still up that says more than "Reminder" is shown
 * again as a discreet one, in its place: for when Solace locks, so that
 * what was shown while it was open does not stay on screen.
 */
void
solace_notifier_conceal (SolaceNotifier *self)
{
  g_autoptr(GPtrArray) open = NULL;
  GHashTableIter iter;
  gpointer value;

  g_return_if_fail (SOLACE_IS_NOTIFIER (self));

  /* Showing may drop one from the table: not while walking it. */
  open = g_ptr_array_new_with_free_func (g_object_unref);
  g_hash_table_iter_init (&iter, self->shown);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    if (!GPOINTER_TO_INT (g_object_get_data (value, KEY_DISCREET)))
      g_ptr_array_add (open, g_object_ref (value));

  for (guint i = 0; i < open->len; i++)
    {
      NotifyNotification *notification = g_ptr_array_index (open, i);
      g_autoptr(SolaceReminder) reminder = g_object_ref (g_object_get_data (G_OBJECT (notification), KEY_REMINDER));

      solace_notifier_show (self, reminder, get_int64 (notification, KEY_DUE), TRUE);
    }
}

guint
solace_notifier_get_n_shown (SolaceNotifier *self)
{
  g_return_val_if_fail (SOLACE_IS_NOTIFIER (self), 0);

  return g_hash_table_size (self->shown);
}
