/* solace-reminder.h — one reminder: what it says and when it comes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "solace-schedule.h"

G_BEGIN_DECLS

#define SOLACE_TYPE_REMINDER (solace_reminder_get_type ())

G_DECLARE_FINAL_TYPE (SolaceReminder, solace_reminder, SOLACE, REMINDER, GObject)

typedef enum
{
  SOLACE_REMINDER_GRATITUDE,
  SOLACE_REMINDER_CHECK_IN,
  SOLACE_REMINDER_NUDGE,
  SOLACE_REMINDER_BOUNDARY,
  SOLACE_REMINDER_SESSION,   /* a professional's or group's next session */
  SOLACE_REMINDER_MILESTONE, /* "Day 7", once */
} SolaceReminderKind;

/* How long a snooze lasts. */
#define SOLACE_REMINDER_SNOOZE_SECONDS (60 * 60)

SolaceReminder     *solace_reminder_new            (gint64              id,
                                                    const char         *key,
                                                    SolaceReminderKind  kind,
                                                    gboolean            enabled,
                                                    const char         *rrule,
                                                    const char         *dtstart,
                                                    gint64              last_due,
                                                    gint64              snoozed_until);

/* What a reminder that is not built in says: a boundary's title and
 * its statement, or who a session is with and when. */
void                solace_reminder_set_text       (SolaceReminder     *self,
                                                    const char         *title,
                                                    const char         *body);
gboolean            solace_reminder_has_text       (SolaceReminder     *self);

gint64              solace_reminder_get_id         (SolaceReminder     *self);
const char         *solace_reminder_get_key        (SolaceReminder     *self);
SolaceReminderKind  solace_reminder_get_kind       (SolaceReminder     *self);
gboolean            solace_reminder_get_enabled    (SolaceReminder     *self);
const char         *solace_reminder_get_rrule      (SolaceReminder     *self);
const char         *solace_reminder_get_dtstart    (SolaceReminder     *self);
/* The parsed schedule, or %NULL when the stored rule is damaged. */
SolaceSchedule     *solace_reminder_get_schedule   (SolaceReminder     *self);
gint64              solace_reminder_get_last_due   (SolaceReminder     *self);
gint64              solace_reminder_get_snoozed_until (SolaceReminder  *self);

/* What the preferences call it: "Wind down for sleep". */
const char         *solace_reminder_get_label      (SolaceReminder     *self);
/* The notification's summary and body.  In discreet mode both say
 * nothing about what the reminder is for. */
const char         *solace_reminder_get_title      (SolaceReminder     *self,
                                                    gboolean            discreet);
const char         *solace_reminder_get_body       (SolaceReminder     *self,
                                                    gboolean            discreet);

const char         *solace_reminder_kind_to_string (SolaceReminderKind  kind);
gboolean            solace_reminder_kind_from_string (const char       *text,
                                                    SolaceReminderKind *kind);

G_END_DECLS
