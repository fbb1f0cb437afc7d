/* solace-scheduler.h — one wall-clock timer that fires due reminders
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "solace-database.h"
#include "solace-reminder.h"
#include "solace-reminders.h"

G_BEGIN_DECLS

#define SOLACE_TYPE_SCHEDULER (solace_scheduler_get_type ())

G_DECLARE_FINAL_TYPE (SolaceScheduler, solace_scheduler, SOLACE, SCHEDULER, GObject)

/* Wall-clock time now, in Unix seconds. */
typedef gint64 (*SolaceClockFunc) (gpointer user_data);

typedef struct
{
  SolaceReminder *reminder;
  gint64          at;
} SolaceUpcoming;

SolaceScheduler *solace_scheduler_new            (SolaceDatabase   *db);

/* For tests and benchmarks: where "now" comes from.  %NULL restores the
 * real clock. */
void             solace_scheduler_set_clock      (SolaceScheduler  *self,
                                                  SolaceClockFunc   func,
                                                  gpointer          user_data);
void             solace_scheduler_set_timezone   (SolaceScheduler  *self,
                                                  GTimeZone        *tz);
GTimeZone       *solace_scheduler_get_timezone   (SolaceScheduler  *self);

/* Keeps one CLOCK_REALTIME timer armed for the next wake-up, and runs
 * again when it expires or when the wall clock is set. */
void             solace_scheduler_set_armed      (SolaceScheduler  *self,
                                                  gboolean          armed);

/* Reads the reminders and preferences, without firing anything. */
gboolean         solace_scheduler_load           (SolaceScheduler  *self,
                                                  GError          **error);
/* Reads them again, then runs. */
gboolean         solace_scheduler_reload         (SolaceScheduler  *self,
                                                  GError          **error);
/* Fires what is due now and plans the next wake-up. */
void             solace_scheduler_run            (SolaceScheduler  *self);

/* When the scheduler next needs to wake, in Unix seconds, or 0. */
gint64           solace_scheduler_get_next_wake  (SolaceScheduler  *self);
const SolaceReminderSettings *
                 solace_scheduler_get_settings   (SolaceScheduler  *self);
SolaceReminder  *solace_scheduler_lookup         (SolaceScheduler  *self,
                                                  gint64            id);

gboolean         solace_scheduler_snooze         (SolaceScheduler  *self,
                                                  gint64            id,
                                                  gint64            due_at,
                                                  GError          **error);
gboolean         solace_scheduler_mark_done      (SolaceScheduler  *self,
                                                  gint64            id,
                                                  gint64            due_at,
                                                  GError          **error);

/* The next @n notifications as they will be shown (quiet hours
 * applied), earliest first.  Free with g_array_unref(). */
GArray          *solace_scheduler_list_upcoming  (SolaceScheduler  *self,
                                                  guint             n);

/* How many reminders that are on have a rule that could not be read. */
guint            solace_scheduler_count_unreadable (SolaceScheduler *self);

G_END_DECLS
