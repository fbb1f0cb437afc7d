/* test-schedule.c — recurrence across a year and its daylight-saving days
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>

#include "solace-error.h"
#include "solace-locale.h"
#include "solace-schedule.h"

/* Every firing from @from_iso (exclusive) up to @to_iso (inclusive), as
 * ISO 8601 with offsets, walking next_after() as the scheduler does. */
static GPtrArray *
collect (SolaceSchedule *schedule,
         const char     *zone,
         const char     *from_iso,
         const char     *to_iso)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier (zone);
  g_autoptr(GDateTime) cursor = NULL;
  g_autoptr(GDateTime) end = NULL;
  GPtrArray *out = g_ptr_array_new_with_free_func (g_free);

  g_assert_nonnull (tz);
  cursor = g_date_time_new_from_iso8601 (from_iso, tz);
  end = g_date_time_new_from_iso8601 (to_iso, tz);
  g_assert_nonnull (cursor);
  g_assert_nonnull (end);

  for (;;)
    {
      g_autoptr(GDateTime) next = solace_schedule_next_after (schedule, cursor);

      if (next == NULL || g_date_time_compare (next, end) > 0)
        break;

      /* Strictly later every time: never two firings at one instant. */
      g_assert_cmpint (g_date_time_compare (next, cursor), >, 0);
      g_ptr_array_add (out, g_date_time_format_iso8601 (next));
      g_date_time_unref (cursor);
      cursor = g_steal_pointer (&next);
    }

  return out;
}

static gboolean
contains (GPtrArray  *times,
          const char *iso)
{
  for (guint i = 0; i < times->len; i++)
    if (g_str_equal (g_ptr_array_index (times, i), iso))
      return TRUE;
  return FALSE;
}

static guint
count_on_day (GPtrArray  *times,
              const char *day)
{
  guint n = 0;

  for (guint i = 0; i < times->len; i++)
    if (g_str_has_prefix (g_ptr_array_index (times, i), day))
      n++;
  return n;
}

static SolaceSchedule *
schedule (const char *rrule,
          const char *dtstart)
{
  g_autoptr(GError) error = NULL;
  SolaceSchedule *s = solace_schedule_new (rrule, dtstart, &error);

  g_assert_no_error (error);
  g_assert_nonnull (s);
  return s;
}

static void
test_daily_berlin (void)
{
  g_autoptr(SolaceSchedule) s = schedule ("FREQ=DAILY", "20260101T023000");
  g_autoptr(GPtrArray) t = collect (s, "Europe/Berlin", "2026-01-01T00:00:00", "2026-12-31T23:59:59");

  /* One a day, every day of the year. */
  g_assert_cmpuint (t->len, ==, 365);
  /* 02:30 does not exist on 29 March: it comes when the clocks reach 03:00. */
  g_assert_true (contains (t, "2026-03-28T02:30:00+01"));
  g_assert_true (contains (t, "2026-03-29T03:00:00+02"));
  g_assert_true (contains (t, "2026-03-30T02:30:00+02"));
  g_assert_cmpuint (count_on_day (t, "2026-03-29"), ==, 1);
  /* 02:30 happens twice on 25 October: only the first counts. */
  g_assert_true (contains (t, "2026-10-25T02:30:00+02"));
  g_assert_false (contains (t, "2026-10-25T02:30:00+01"));
  g_assert_cmpuint (count_on_day (t, "2026-10-25"), ==, 1);
  g_assert_true (contains (t, "2026-10-26T02:30:00+01"));
}

static void
test_evening_berlin (void)
{
  g_autoptr(SolaceSchedule) s = schedule ("FREQ=DAILY", "20250601T210000");
  g_autoptr(GPtrArray) t = collect (s, "Europe/Berlin", "2026-01-01T00:00:00", "2026-12-31T23:59:59");

  g_assert_cmpuint (t->len, ==, 365);
  for (guint i = 0; i < t->len; i++)
    g_assert_true (strstr (g_ptr_array_index (t, i), "T21:00:00+0") != NULL);
  g_assert_true (contains (t, "2026-03-29T21:00:00+02"));
  g_assert_true (contains (t, "2026-10-25T21:00:00+01"));
}

static void
test_new_york (void)
{
  g_autoptr(SolaceSchedule) early = schedule ("FREQ=DAILY", "20260101T013000");
  g_autoptr(SolaceSchedule) gap = schedule ("FREQ=DAILY", "20260101T021500");
  g_autoptr(GPtrArray) a = collect (early, "America/New_York", "2026-01-01T00:00:00", "2026-12-31T23:59:59");
  g_autoptr(GPtrArray) b = collect (gap, "America/New_York", "2026-01-01T00:00:00", "2026-12-31T23:59:59");

  g_assert_cmpuint (a->len, ==, 365);
  g_assert_cmpuint (b->len, ==, 365);
  /* 1 November: 01:30 comes in daylight time, then not again in standard. */
  g_assert_true (contains (a, "2026-11-01T01:30:00-04"));
  g_assert_false (contains (a, "2026-11-01T01:30:00-05"));
  g_assert_true (contains (a, "2026-11-02T01:30:00-05"));
  /* 8 March: 02:15 is skipped by the clocks; it comes at 03:00. */
  g_assert_true (contains (b, "2026-03-08T03:00:00-04"));
  g_assert_cmpuint (count_on_day (b, "2026-03-08"), ==, 1);
}

static void
test_lord_howe (void)
{
  /* Lord Howe Island moves its clocks by half an hour. */
  g_autoptr(SolaceSchedule) gap = schedule ("FREQ=DAILY", "20260101T021500");
  g_autoptr(SolaceSchedule) overlap = schedule ("FREQ=DAILY", "20260101T014500");
  g_autoptr(GPtrArray) a = collect (gap, "Australia/Lord_Howe", "2026-01-01T00:00:00", "2026-12-31T23:59:59");
  g_autoptr(GPtrArray) b = collect (overlap, "Australia/Lord_Howe", "2026-01-01T00:00:00", "2026-12-31T23:59:59");

  g_assert_cmpuint (a->len, ==, 365);
  g_assert_cmpuint (b->len, ==, 365);
  /* 4 October: 02:00–02:30 does not exist. */
  g_assert_true (contains (a, "2026-10-03T02:15:00+10:30"));
  g_assert_true (contains (a, "2026-10-04T02:30:00+11"));
  g_assert_true (contains (a, "2026-10-05T02:15:00+11"));
  /* 5 April: 01:30–02:00 happens twice; 01:45 fires the first time. */
  g_assert_true (contains (b, "2026-04-05T01:45:00+11"));
  g_assert_false (contains (b, "2026-04-05T01:45:00+10:30"));
  g_assert_cmpuint (count_on_day (b, "2026-04-05"), ==, 1);
}

static void
test_weekly (void)
{
  g_autoptr(SolaceSchedule) s = schedule ("FREQ=WEEKLY;BYDAY=MO,TH", "20260105T090000");
  g_autoptr(GPtrArray) t = collect (s, "Europe/Berlin", "2026-01-01T00:00:00", "2026-12-31T23:59:59");
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier ("Europe/Berlin");

  /* 2026 has 52 Thursdays and 52 Mondays from 5 January on. */
  g_assert_cmpuint (t->len, ==, 104);
  g_assert_cmpstr (g_ptr_array_index (t, 0), ==, "2026-01-05T09:00:00+01");
  g_assert_cmpstr (g_ptr_array_index (t, 1), ==, "2026-01-08T09:00:00+01");
  g_assert_true (contains (t, "2026-03-30T09:00:00+02"));
  for (guint i = 0; i < t->len; i++)
    {
      g_autoptr(GDateTime) dt = g_date_time_new_from_iso8601 (g_ptr_array_index (t, i), tz);
      int dow = g_date_time_get_day_of_week (dt);
      g_assert_true (dow == 1 || dow == 4);
    }
}

static void
test_every_n_days (void)
{
  g_autoptr(SolaceSchedule) s = schedule ("FREQ=DAILY;INTERVAL=3", "20251230T080000");
  g_autoptr(GPtrArray) t = collect (s, "America/New_York", "2026-01-01T00:00:00", "2026-12-31T23:59:59");

  /* 30 Dec, 2 Jan, 5 Jan, …: counted from the start, not from today. */
  g_assert_cmpstr (g_ptr_array_index (t, 0), ==, "2026-01-02T08:00:00-05");
  g_assert_cmpstr (g_ptr_array_index (t, 1), ==, "2026-01-05T08:00:00-05");
  /* Day 2 of the year + 3k for k = 0 … 121. */
  g_assert_cmpuint (t->len, ==, 122);
  g_assert_true (contains (t, "2026-03-09T08:00:00-04"));
  g_assert_true (contains (t, "2026-12-31T08:00:00-05"));
}

static void
test_several_a_day (void)
{
  g_autoptr(SolaceSchedule) s = schedule ("FREQ=DAILY;BYHOUR=1,2,3;BYMINUTE=30", "20260101T013000");
  g_autoptr(GPtrArray) t = collect (s, "Europe/Berlin", "2026-01-01T00:00:00", "2026-12-31T23:59:59");

  /* Three a day on ordinary days. */
  g_assert_cmpuint (count_on_day (t, "2026-06-01"), ==, 3);
  /* 29 March: 02:30 falls in the gap and comes at 03:00, before 03:30. */
  g_assert_true (contains (t, "2026-03-29T01:30:00+01"));
  g_assert_true (contains (t, "2026-03-29T03:00:00+02"));
  g_assert_true (contains (t, "2026-03-29T03:30:00+02"));
  g_assert_cmpuint (count_on_day (t, "2026-03-29"), ==, 3);
  /* 25 October: 02:30 only once although the clock shows it twice. */
  g_assert_true (contains (t, "2026-10-25T01:30:00+02"));
  g_assert_true (contains (t, "2026-10-25T02:30:00+02"));
  g_assert_true (contains (t, "2026-10-25T03:30:00+01"));
  g_assert_cmpuint (count_on_day (t, "2026-10-25"), ==, 3);
  g_assert_cmpuint (t->len, ==, 365 * 3);
}

static void
test_last_between (void)
{
  g_autoptr(SolaceSchedule) s = schedule ("FREQ=DAILY;BYHOUR=9,12,15;BYMINUTE=0", "20260101T090000");
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier ("Europe/Berlin");
  g_autoptr(GDateTime) after = g_date_time_new (tz, 2026, 11, 26, 10, 0, 0);
  g_autoptr(GDateTime) until = g_date_time_new (tz, 2026, 11, 27, 13, 0, 0);
  g_autoptr(GDateTime) last = solace_schedule_last_between (s, after, until);
  g_autoptr(GDateTime) early = g_date_time_new (tz, 2026, 11, 27, 8, 0, 0);
  g_autoptr(GDateTime) none = solace_schedule_last_between (s, after, early);
  g_autoptr(GDateTime) reversed = solace_schedule_last_between (s, until, after);
  g_autofree char *iso = g_date_time_format_iso8601 (last);

  g_assert_cmpstr (iso, ==, "2026-11-27T12:00:00+01");
  /* Between 10:00 yesterday and 08:00 today: 12:00 and 15:00 yesterday. */
  g_assert_nonnull (none);
  g_assert_cmpint (g_date_time_get_hour (none), ==, 15);
  g_assert_null (reversed);
}

static void
test_parts_round_trip (void)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier ("Europe/Berlin");
  /* A Friday. */
  g_autoptr(GDateTime) today = g_date_time_new (tz, 2026, 11, 27, 15, 0, 0);
  const SolaceScheduleParts cases[] = {
    { SOLACE_REPEAT_DAILY, 0, 1, 21, 0, 0 },
    { SOLACE_REPEAT_WEEKDAYS, 0x09, 1, 9, 15, 0 },   /* Monday and Thursday */
    { SOLACE_REPEAT_WEEKDAYS, 0x60, 1, 10, 0, 0 },   /* the weekend */
    { SOLACE_REPEAT_EVERY_N_DAYS, 0, 3, 8, 0, 0 },
    { SOLACE_REPEAT_SEVERAL_A_DAY, 0, 3, 9, 30, 21 },
  };
  const char *rules[] = {
    "FREQ=DAILY",
    "FREQ=WEEKLY;BYDAY=MO,TH",
    "FREQ=WEEKLY;BYDAY=SA,SU",
    "FREQ=DAILY;INTERVAL=3",
    "FREQ=DAILY;BYHOUR=9,12,15,18,21;BYMINUTE=30",
  };
  const char *starts[] = {
    "20261127T210000",
    "20261126T091500",   /* the last Thursday, so the start is one of its days */
    "20261122T100000",   /* the last Sunday */
    "20261127T080000",
    "20261127T093000",
  };
  const char *descriptions[] = {
    "Every day at 21:00",
    "Mon, Thu at 09:15",
    "Weekends at 10:00",
    "Every 3 days at 08:00",
    "Every 3 hours from 09:30 to 21:30",
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(SolaceSchedule) s = solace_schedule_new_from_parts (&cases[i], today, &error);
      g_autofree char *description = NULL;
      SolaceScheduleParts back;

      g_assert_no_error (error);
      g_assert_cmpstr (solace_schedule_get_rrule (s), ==, rules[i]);
      g_assert_cmpstr (solace_schedule_get_dtstart (s), ==, starts[i]);
      g_assert_true (solace_schedule_get_parts (s, &back));
      g_assert_cmpint (back.repeat, ==, cases[i].repeat);
      g_assert_cmpuint (back.hour, ==, cases[i].hour);
      g_assert_cmpuint (back.minute, ==, cases[i].minute);
      if (cases[i].repeat == SOLACE_REPEAT_WEEKDAYS)
        g_assert_cmpuint (back.weekdays, ==, cases[i].weekdays);
      if (cases[i].repeat == SOLACE_REPEAT_EVERY_N_DAYS ||
          cases[i].repeat == SOLACE_REPEAT_SEVERAL_A_DAY)
        g_assert_cmpuint (back.interval, ==, cases[i].interval);
      if (cases[i].repeat == SOLACE_REPEAT_SEVERAL_A_DAY)
        g_assert_cmpuint (back.until_hour, ==, cases[i].until_hour);
      description = solace_schedule_describe (s);
      g_assert_cmpstr (description, ==, descriptions[i]);
    }
}

/* Times follow the clock the person chose, the listed days the week
 * of their locale; the rule itself does not change. */
static void
test_describe_locale (void)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier ("Europe/Berlin");
  g_autoptr(GDateTime) today = g_date_time_new (tz, 2026, 11, 27, 15, 0, 0);
  SolaceScheduleParts weekly = { .repeat = SOLACE_REPEAT_WEEKDAYS, .hour = 21, .minute = 5, .weekdays = 0x49 };
  SolaceScheduleParts hourly = { .repeat = SOLACE_REPEAT_SEVERAL_A_DAY, .hour = 0, .minute = 30,
                                 .interval = 12, .until_hour = 12 };
  g_autoptr(SolaceSchedule) w = solace_schedule_new_from_parts (&weekly, today, NULL);
  g_autoptr(SolaceSchedule) h = solace_schedule_new_from_parts (&hourly, today, NULL);
  g_autoptr(GDateTime) noon = g_date_time_new_utc (2026, 11, 27, 12, 0, 0);
  char *text;

  g_assert_nonnull (w);
  g_assert_nonnull (h);

  /* The tests' C locale and the memory settings: a 24-hour clock. */
  g_assert_false (solace_locale_uses_12_hour_clock ());
  solace_locale_set_first_weekday (G_DATE_MONDAY);
  text = solace_schedule_describe (w);
  g_assert_cmpstr (text, ==, "Mon, Thu, Sun at 21:05");
  g_free (text);

  solace_locale_set_first_weekday (G_DATE_SUNDAY);
  text = solace_schedule_describe (w);
  g_assert_cmpstr (text, ==, "Sun, Mon, Thu at 21:05");
  g_free (text);

  solace_locale_set_12_hour_clock (TRUE);
  text = solace_schedule_describe (w);
  g_assert_cmpstr (text, ==, "Sun, Mon, Thu at 9:05 PM");
  g_free (text);
  text = solace_schedule_describe (h);
  g_assert_cmpstr (text, ==, "Every 12 hours from 12:30 AM to 12:30 PM");
  g_free (text);
  text = solace_format_time_of_day (noon);
  g_assert_cmpstr (text, ==, "12:00 PM");
  g_free (text);
  text = solace_format_hour (0);
  g_assert_cmpstr (text, ==, "12");
  g_free (text);
  text = solace_format_am_pm (0);
  g_assert_cmpstr (text, ==, "AM");
  g_free (text);
  text = solace_format_am_pm (12);
  g_assert_cmpstr (text, ==, "PM");
  g_free (text);

  solace_locale_set_12_hour_clock (-1);
  solace_locale_set_first_weekday (G_DATE_BAD_WEEKDAY);
  text = solace_schedule_describe (h);
  g_assert_cmpstr (text, ==, "Every 12 hours from 00:30 to 12:30");
  g_free (text);
  text = solace_format_hour (7);
  g_assert_cmpstr (text, ==, "07");
  g_free (text);
  /* GtkCalendar's first day in the C locale, which is the tests'. */
  g_assert_cmpint (solace_locale_first_weekday (), ==, G_DATE_SUNDAY);
}

static void
test_bad_input (void)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier ("Europe/Berlin");
  g_autoptr(GDateTime) today = g_date_time_new (tz, 2026, 11, 27, 15, 0, 0);
  g_autofree char *huge = NULL;
  struct { const char *rrule; const char *dtstart; } bad[] = {
    { "", "20261127T210000" },
    { NULL, "20261127T210000" },
    { "FREQ=DAILY", "" },
    { "FREQ=DAILY", NULL },
    { "FREQ=DAILY", "2026-11-27 21:00" },
    { "FREQ=DAILY", "20260230T210000" },         /* 30 February */
    { "FREQ=DAILY", "20261127T250000" },
    { "FREQ=DAILY", "20261127T21000Z" },
    { "FREQ=BOGUS", "20261127T210000" },
    { "this is not a rule", "20261127T210000" },
    { "FREQ=SECONDLY", "20261127T210000" },      /* a flood */
    { "FREQ=MINUTELY", "20261127T210000" },
    { "FREQ=MONTHLY", "20261127T210000" },
    { "FREQ=DAILY;COUNT=3", "20261127T210000" },
    { "FREQ=DAILY;BYMINUTE=0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24", "20261127T210000" },
    { "FREQ=DAILY;BYSECOND=1,2", "20261127T210000" },
    { "FREQ=WEEKLY;BYDAY=1MO", "20261127T210000" },
    { "FREQ=DAILY;UNTIL=20200101T000000", "20261127T210000" },  /* ended before it began */
    { "FREQ=DAILY\n'; DROP TABLE reminder; --", "20261127T210000" },
    { "FREQ=DAILY;INTERVAL=0", "20261127T210000" },
  };
  const SolaceScheduleParts bad_parts[] = {
    { SOLACE_REPEAT_DAILY, 0, 1, 24, 0, 0 },
    { SOLACE_REPEAT_DAILY, 0, 1, 9, 60, 0 },
    { SOLACE_REPEAT_WEEKDAYS, 0, 1, 9, 0, 0 },
    { SOLACE_REPEAT_WEEKDAYS, 0x80, 1, 9, 0, 0 },
    { SOLACE_REPEAT_EVERY_N_DAYS, 0, 1, 9, 0, 0 },
    { SOLACE_REPEAT_EVERY_N_DAYS, 0, 31, 9, 0, 0 },
    { SOLACE_REPEAT_SEVERAL_A_DAY, 0, 0, 9, 0, 21 },
    { SOLACE_REPEAT_SEVERAL_A_DAY, 0, 3, 21, 0, 9 },
    { SOLACE_REPEAT_SEVERAL_A_DAY, 0, 3, 9, 0, 24 },
    { 42, 0, 1, 9, 0, 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(SolaceSchedule) s = solace_schedule_new (bad[i].rrule, bad[i].dtstart, &error);

      g_assert_null (s);
      g_assert_error (error, SOLACE_ERROR, SOLACE_ERROR_INVALID);
      /* The message explains; it does not echo what was given. */
      g_assert_cmpuint (strlen (error->message), >, 10);
      if (bad[i].rrule != NULL && strlen (bad[i].rrule) > 12)
        g_assert_null (strstr (error->message, bad[i].rrule));
    }

  huge = g_strnfill (100000, 'A');
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(SolaceSchedule) s = solace_schedule_new (huge, "20261127T210000", &error);
    g_assert_null (s);
    g_assert_error (error, SOLACE_ERROR, SOLACE_ERROR_INVALID);
  }

  for (guint i = 0; i < G_N_ELEMENTS (bad_parts); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(SolaceSchedule) s = solace_schedule_new_from_parts (&bad_parts[i], today, &error);

      g_assert_null (s);
      g_assert_error (error, SOLACE_ERROR, SOLACE_ERROR_INVALID);
    }
}

static void
test_ended_rule (void)
{
  g_autoptr(SolaceSchedule) s = schedule ("FREQ=DAILY;UNTIL=20261130T235959", "20261101T090000");
  g_autoptr(GPtrArray) t = collect (s, "Europe/Berlin", "2026-11-01T00:00:00", "2027-12-31T00:00:00");
  SolaceScheduleParts parts;

  g_assert_cmpuint (t->len, ==, 30);
  /* Not a shape the preferences edit: shown as custom, never rewritten. */
  g_assert_false (solace_schedule_get_parts (s, &parts));
}

/* Only the rule parts Solace's editors write are read; the rest is
 * refused with a reason, never followed. */
static void
test_rule_parts (void)
{
  const char *refused[] = {
    /* libical 3.0 puts these a week out of step (RFC 5545 §3.3.10);
     * an editor never writes WKST, so none is read, not even MO. */
    "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,SU;WKST=TU",
    "FREQ=WEEKLY;INTERVAL=2;BYDAY=TH;WKST=SA",
    "FREQ=WEEKLY;BYDAY=MO;WKST=MO",
    "FREQ=DAILY;WKST=SU",
    "FREQ=DAILY;BYSECOND=0",
    "FREQ=DAILY;BYMONTH=1",
    "FREQ=DAILY;BYMONTHDAY=1",
    "FREQ=DAILY;X-SOLACE=1",
    "FREQ=DAILY;RSCALE=GREGORIAN;SKIP=FORWARD",
    "freq=daily",
    "FREQ=daily",
    "FREQ=WEEKLY;BYDAY=mo",
    "FREQ=DAILY;FREQ=WEEKLY;BYDAY=MO",
    "FREQ=DAILY;INTERVAL=2;INTERVAL=3",
    "INTERVAL=2",
    "FREQ=DAILY;",
    "FREQ=DAILY;;INTERVAL=2",
    "FREQ=DAILY;INTERVAL=",
    "FREQ=DAILY;INTERVAL=-1",
    "FREQ=DAILY;INTERVAL=2,3",
    "FREQ=DAILY;INTERVAL=367",
    "FREQ=DAILY;BYHOUR=24;BYMINUTE=0",
    "FREQ=DAILY;BYHOUR=9;BYMINUTE=60",
    "FREQ=DAILY;BYHOUR=009",
    "FREQ=DAILY;UNTIL=20261201T090000Z",   /* a floating start ends floating */
    "FREQ=DAILY;UNTIL=20261201",
  };
  const char *accepted[] = {
    "FREQ=DAILY",
    "FREQ=DAILY;INTERVAL=3",
    "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR,SA,SU",
    "FREQ=DAILY;BYHOUR=8,13,18;BYMINUTE=0",
    "FREQ=DAILY;UNTIL=20261201T090000",
    "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,SU",
    "FREQ=DAILY;INTERVAL=366",
    "FREQ=DAILY;BYHOUR=8,13,18;BYMINUTE=0;UNTIL=20261201T090000",
  };

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(SolaceSchedule) s = solace_schedule_new (refused[i], "20260105T090000", &error);

      if (s != NULL)
        g_error ("accepted %s", refused[i]);
      g_assert_error (error, SOLACE_ERROR, SOLACE_ERROR_INVALID);
      g_assert_null (strstr (error->message, refused[i]));
      if (strstr (refused[i], "WKST") != NULL)
        g_assert_nonnull (strstr (error->message, "week begins"));
    }

  for (guint i = 0; i < G_N_ELEMENTS (accepted); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(SolaceSchedule) s = solace_schedule_new (accepted[i], "20260105T090000", &error);

      g_assert_no_error (error);
      g_assert_nonnull (s);
    }

  /* Every second week, weeks from Monday (RFC 5545's default, and
   * libical's): Monday 5 and Sunday 11 January, then 19 and 25. */
  {
    g_autoptr(SolaceSchedule) s = schedule ("FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,SU", "20260105T090000");
    g_autoptr(GPtrArray) t = collect (s, "Asia/Tokyo", "2026-01-01T00:00:00", "2026-01-31T00:00:00");

    g_assert_cmpuint (t->len, ==, 4);
    g_assert_cmpstr (g_ptr_array_index (t, 0), ==, "2026-01-05T09:00:00+09");
    g_assert_cmpstr (g_ptr_array_index (t, 1), ==, "2026-01-11T09:00:00+09");
    g_assert_cmpstr (g_ptr_array_index (t, 2), ==, "2026-01-19T09:00:00+09");
    g_assert_cmpstr (g_ptr_array_index (t, 3), ==, "2026-01-25T09:00:00+09");
  }
}

/* One walk gives what next_after() gives step by step, across the
 * daylight-saving days. */
static void
test_list_after (void)
{
  const struct { const char *rrule; const char *dtstart; const char *zone; } cases[] = {
    { "FREQ=DAILY;BYHOUR=1,2,3;BYMINUTE=30", "20260101T013000", "Europe/Berlin" },
    { "FREQ=DAILY;BYHOUR=0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23;BYMINUTE=15",
      "20260101T001500", "Australia/Lord_Howe" },
    { "FREQ=WEEKLY;BYDAY=MO,TH", "20260105T021500", "America/New_York" },
    { "FREQ=DAILY;INTERVAL=3", "20251230T020000", "Europe/Berlin" },
    { "FREQ=DAILY;UNTIL=20260310T020000", "20260101T020000", "America/New_York" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(SolaceSchedule) s = schedule (cases[i].rrule, cases[i].dtstart);
      g_autoptr(GPtrArray) stepped = collect (s, cases[i].zone, "2026-01-01T00:00:00", "2027-01-01T00:00:00");
      g_autoptr(GTimeZone) tz = g_time_zone_new_identifier (cases[i].zone);
      g_autoptr(GDateTime) from = g_date_time_new_from_iso8601 ("2026-01-01T00:00:00", tz);
      g_autoptr(GPtrArray) walked = solace_schedule_list_after (s, from, stepped->len + 1);
      guint n = 0;

      for (guint j = 0; j < walked->len; j++)
        {
          GDateTime *instant = g_ptr_array_index (walked, j);
          g_autofree char *text = g_date_time_format_iso8601 (instant);

          if (g_date_time_get_year (instant) > 2026)
            break;
          g_assert_cmpuint (n, <, stepped->len);
          g_assert_cmpstr (text, ==, g_ptr_array_index (stepped, n));
          n++;
        }
      g_assert_cmpuint (n, ==, stepped->len);
    }
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/schedule/daily-berlin", test_daily_berlin);
  g_test_add_func ("/schedule/evening-berlin", test_evening_berlin);
  g_test_add_func ("/schedule/new-york", test_new_york);
  g_test_add_func ("/schedule/lord-howe", test_lord_howe);
  g_test_add_func ("/schedule/weekly", test_weekly);
  g_test_add_func ("/schedule/every-n-days", test_every_n_days);
  g_test_add_func ("/schedule/several-a-day", test_several_a_day);
  g_test_add_func ("/schedule/last-between", test_last_between);
  g_test_add_func ("/schedule/parts-round-trip", test_parts_round_trip);
  g_test_add_func ("/schedule/describe-locale", test_describe_locale);
  g_test_add_func ("/schedule/bad-input", test_bad_input);
  g_test_add_func ("/schedule/ended-rule", test_ended_rule);
  g_test_add_func ("/schedule/rule-parts", test_rule_parts);
  g_test_add_func ("/schedule/list-after", test_list_after);

  return g_test_run ();
}
