/* solace-schedule.h — an RRULE and a floating local start, expanded with libical
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* A schedule in floating local time: "every day at 21:00 wherever I
 * am".  The rule is RFC 5545 RRULE text ("FREQ=DAILY;BYDAY=MO,TH"), the
 * start a floating date-time ("20261127T210000") that gives the time of
 * day and anchors rules such as "every 3 days". */
typedef struct _SolaceSchedule SolaceSchedule;

#define SOLACE_TYPE_SCHEDULE (solace_schedule_get_type ())

/* The shapes the preferences can edit. */
typedef enum
{
  SOLACE_REPEAT_DAILY,          /* every day at hour:minute */
  SOLACE_REPEAT_WEEKDAYS,       /* on the chosen weekdays at hour:minute */
  SOLACE_REPEAT_EVERY_N_DAYS,   /* every interval days at hour:minute */
  SOLACE_REPEAT_SEVERAL_A_DAY,  /* every interval hours from hour:minute to until_hour */
} SolaceRepeat;

typedef struct
{
  SolaceRepeat repeat;
  guint8       weekdays;    /* SOLACE_REPEAT_WEEKDAYS: bit 0 Monday … bit 6 Sunday */
  guint        interval;    /* days (2–30) or hours (1–12) */
  guint        hour;        /* 0–23 */
  guint        minute;      /* 0–59 */
  guint        until_hour;  /* SOLACE_REPEAT_SEVERAL_A_DAY: the last hour, ≥ hour */
} SolaceScheduleParts;

/* The instants a reminder's stored times (last due, snoozed until) may
 * hold: a date-time can be made from each in every time zone (GDateTime
 * holds local years 1 to 9999), with a month to spare for the days a
 * plan looks ahead.  9999-12-01T00:00:00Z is the last. */
#define SOLACE_SCHEDULE_TIME_MIN G_GINT64_CONSTANT (0)
#define SOLACE_SCHEDULE_TIME_MAX G_GINT64_CONSTANT (253399622400)

GType           solace_schedule_get_type        (void) G_GNUC_CONST;

SolaceSchedule *solace_schedule_new             (const char                *rrule,
                                                 const char                *dtstart,
                                                 GError                   **error);
SolaceSchedule *solace_schedule_new_from_parts  (const SolaceScheduleParts *parts,
                                                 GDateTime                 *today,
                                                 GError                   **error);
SolaceSchedule *solace_schedule_ref             (SolaceSchedule            *self);
void            solace_schedule_unref           (SolaceSchedule            *self);

const char     *solace_schedule_get_rrule       (SolaceSchedule            *self);
const char     *solace_schedule_get_dtstart     (SolaceSchedule            *self);

/* The first instant strictly after @after, in @after's time zone, or
 * %NULL when the rule has ended.  A local time that a daylight-saving
 * gap skips happens when the gap ends; one that an overlap repeats
 * happens the first time only. */
GDateTime      *solace_schedule_next_after      (SolaceSchedule            *self,
                                                 GDateTime                 *after);
/* Up to @max instants after @after, as next_after() would give them one
 * after the other, from one walk of the rule. */
GPtrArray      *solace_schedule_list_after      (SolaceSchedule            *self,
                                                 GDateTime                 *after,
                                                 guint                      max);
/* The last instant in (@after, @until], or %NULL if there is none. */
GDateTime      *solace_schedule_last_between    (SolaceSchedule            *self,
                                                 GDateTime                 *after,
                                                 GDateTime                 *until);

/* The parts of a schedule the preferences can show, or FALSE for a
 * rule of another shape. */
gboolean        solace_schedule_get_parts       (SolaceSchedule            *self,
                                                 SolaceScheduleParts       *parts);
/* "Every day at 21:00", translated. */
char           *solace_schedule_describe        (SolaceSchedule            *self);

/* The wall-clock instant for a floating local time in @tz, with the
 * gap and overlap rules of solace_schedule_next_after(). */
GDateTime      *solace_local_time_to_instant    (GTimeZone                 *tz,
                                                 int                        year,
                                                 int                        month,
                                                 int                        day,
                                                 int                        hour,
                                                 int                        minute,
                                                 int                        second);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SolaceSchedule, solace_schedule_unref)

G_END_DECLS
