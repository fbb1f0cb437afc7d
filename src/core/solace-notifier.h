/* solace-notifier.h — the one place that talks to libnotify
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "solace-reminder.h"

G_BEGIN_DECLS

#define SOLACE_TYPE_NOTIFIER (solace_notifier_get_type ())

G_DECLARE_FINAL_TYPE (SolaceNotifier, solace_notifier, SOLACE, NOTIFIER, GObject)

/* The actions a notification can offer; "default" is a click on it. */
#define SOLACE_NOTIFIER_ACTION_DEFAULT "default"
#define SOLACE_NOTIFIER_ACTION_WRITE   "write"
#define SOLACE_NOTIFIER_ACTION_LATER   "later"
#define SOLACE_NOTIFIER_ACTION_DONE    "done"
#define SOLACE_NOTIFIER_ACTION_SNOOZE  "snooze"
#define SOLACE_NOTIFIER_ACTION_REACH_OUT "reach-out"

/* @desktop_entry: the application ID whose desktop file the
 * notifications belong to. */
SolaceNotifier *solace_notifier_new        (const char     *desktop_entry);

/* Shows @reminder, replacing the one it showed before if that is still
 * up.  Returns FALSE when no notification server is there; the first
 * time, it says so on the log. */
gboolean        solace_notifier_show       (SolaceNotifier *self,
                                            SolaceReminder *reminder,
                                            gint64          due_at,
                                            gboolean        discreet);
void            solace_notifier_withdraw   (SolaceNotifier *self,
                                            gint64          reminder_id);
/* Shows again, discreetly, every notification that says more. */
void            solace_notifier_conceal    (SolaceNotifier *self);
guint           solace_notifier_get_n_shown (SolaceNotifier *self);

G_END_DECLS
