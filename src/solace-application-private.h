/* solace-application-private.h — what the parts of SolaceApplication
 * share: the instance struct and their helpers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * For those parts only; the rest of the app uses solace-application.h.
 *
 *   solace-application.c             the class, start-up, the command
 *                                    line, opening the data and the main
 *                                    window, reminders and autostart
 *   solace-application-actions.c     the app.* actions and their keys
 *   solace-application-lock.c        the passphrase lock: lock screen,
 *                                    sealing, auto-lock, screen saver
 *   solace-application-quick-hide.c  quick hide and the keys for it
 */
#pragma once

#include "solace-application.h"
#include "solace-lock-window.h"

G_BEGIN_DECLS

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

/* solace-application.c */
gboolean solace_application_close_windows       (SolaceApplication *self,
                                                 GtkWindow         *keep,
                                                 gboolean           save);
void     solace_application_close_data          (SolaceApplication *self);
void     solace_application_open_main_window    (SolaceApplication *self,
                                                 gboolean           present);

/* solace-application-actions.c */
void     solace_application_add_actions         (SolaceApplication *self);

/* solace-application-lock.c */
void     solace_application_update_lock_actions (SolaceApplication *self);
void     solace_application_show_lock_window    (SolaceApplication *self,
                                                 gboolean           present);
gboolean solace_application_defer_while_locked  (SolaceApplication *self,
                                                 GSimpleAction     *action,
                                                 GVariant          *parameter);
gboolean solace_application_input_event_cb      (GtkEventControllerLegacy *controller,
                                                 GdkEvent                 *event,
                                                 gpointer                  user_data);
void     solace_application_arm_idle_lock       (SolaceApplication *self);
void     solace_application_screensaver_active_cb (SolaceApplication *self);
void     solace_application_watch_screensaver   (SolaceApplication *self);

/* solace-application-quick-hide.c */
void     solace_application_watch_quick_hide    (SolaceApplication *self);

G_END_DECLS
