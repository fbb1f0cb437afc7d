/* solace-schedule.c — an RRULE and a floating local start, expanded with libical
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "solace-schedule"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <libical/ical.h>

#include "solace-error.h"
#include "solace-locale.h"
#include "solace-schedule.h"

struct _SolaceSchedule
{
  gatomicrefcount            ref_count;
  char                      *rrule;
  char                      *dtstart;
  struct icalrecurrencetype  rule;
  struct icaltimetype        start;
};

G_DEFINE_BOXED_TYPE (SolaceSchedule, solace_schedule, solace_schedule_ref, solace_schedule_unref)

/* Longer rules than this are not something the preferences wrote. */
#define MAX_RRULE_LENGTH 256
/* How far an iteration may walk before giving up: a year of hourly
 * reminders from a start set long ago, with room to spare. */
#define MAX_STEPS 200000

/* libical numbers weekdays from Sunday = 1; the parts from Monday = bit 0. */
static const char * const weekday_codes[7] = { "MO", "TU", "WE", "TH", "FR", "SA", "SU" };

static gboolean
array_is_empty (const short *array)
{
  return array[0] == ICAL_RECURRENCE_ARRAY_MAX;
}

static guint
array_length (const short *array,
              guint        size)
{
  guint n = 0;

  while (n < size && array[n] != ICAL_RECURRENCE_ARRAY_MAX)
    n++;

  return n;
}

static gboolean
invalid (GError     **error,
         const char  *message)
{
  g_set_error_literal (error, SOLACE_ERROR, SOLACE_ERROR_INVALID, message);
  return FALSE;
}

static gboolean
parse_dtstart (const char          *text,
               struct icaltimetype *out,
               GError             **error)
{
  unsigned year, month, day, hour, minute, second;

  if (text == NULL || strlen (text) != 15 || text[8] != 'T')
    return invalid (error, _("The start of the schedule is not a date and time."));

  for (guint i = 0; i < 15; i++)
    if (i != 8 && !g_ascii_isdigit (text[i]))
      return invalid (error, _("The start of the schedule is not a date and time."));

  if (sscanf (text, "%4u%2u%2uT%2u%2u%2u", &year, &month, &day, &hour, &minute, &second) != 6 ||
      year < 1970 || year > 2199 ||
      !g_date_valid_dmy (day, month, year) ||
      hour > 23 || minute > 59 || second > 59)
    return invalid (error, _("The start of the schedule is not a real date and time."));

  *out = icaltime_null_time ();
  out->year = year;
  out->month = month;
  out->day = day;
  out->hour = hour;
  out->minute = minute;
  out->second = second;
  out->is_date = 0;
  out->zone = NULL;

  return TRUE;
}

static gboolean
is_number_list (const char *value,
                guint       max)
{
  g_auto(GStrv) items = g_strsplit (value, ",", -1);

  if (items[0] == NULL)
    return FALSE;

  for (guint i = 0; items[i] != NULL; i++)
    {
      guint64 n;

      if (!g_ascii_string_to_unsigned (items[i], 10, 0, max, &n, NULL) || strlen (items[i]) > 2)
        return FALSE;
    }

  return TRUE;
}

static gboolean
is_floating_date_time (const char *value)
{
  if (strlen (value) != 15 || value[8] != 'T')
    return FALSE;

  for (guint i = 0; i < 15; i++)
    if (i != 8 && !g_ascii_isdigit (value[i]))
      return FALSE;

  return TRUE;
}

/* Only the parts Solace's own editors write, each once, in the form
 * they write it: FREQ, INTERVAL, BYDAY, BYHOUR, BYMINUTE and UNTIL.
 * Anything else is refused rather than followed, because libical does
 * not always follow it as RFC 5545 says (libical 3.0 puts a WEEKLY rule
 * with INTERVAL > 1 and a WKST other than MO or SU a week out of step),
 * and because a rule Solace cannot show in its editor would be one it
 * exports to other calendars without knowing what they make of it. */
static gboolean
check_rule_parts (const char  *text,
                  GError     **error)
{
  static const char * const allowed[] = { "FREQ", "INTERVAL", "BYDAY", "BYHOUR", "BYMINUTE", "UNTIL" };
  g_auto(GStrv) parts = g_strsplit (text, ";", -1);
  guint seen = 0;

  for (guint i = 0; parts[i] != NULL; i++)
    {
      const char *equals = strchr (parts[i], '=');
      g_autofree char *name = NULL;
      const char *value;
      int index = -1;

      if (equals == NULL || equals == parts[i] || equals[1] == '\0')
        return invalid (error, _("The repeat rule could not be read."));

      name = g_strndup (parts[i], equals - parts[i]);
      value = equals + 1;

      for (guint j = 0; j < G_N_ELEMENTS (allowed); j++)
        if (g_str_equal (name, allowed[j]))
          index = j;

      if (index < 0)
        {
          /* The parts a calendar may use that a reminder cannot, said
           * plainly; the rule's own text is never repeated. */
          if (g_ascii_strcasecmp (name, "WKST") == 0)
            return invalid (error, _("Reminders cannot choose which day a week begins on (WKST): "
                                     "Solace’s weeks begin on Monday."));
          if (g_ascii_strcasecmp (name, "COUNT") == 0)
            return invalid (error, _("Reminders cannot stop after a number of times."));
          if (g_ascii_strcasecmp (name, "BYSECOND") == 0)
            return invalid (error, _("Reminders happen on the minute."));
          if (g_ascii_strcasecmp (name, "BYMONTH") == 0 || g_ascii_strcasecmp (name, "BYMONTHDAY") == 0 ||
              g_ascii_strcasecmp (name, "BYYEARDAY") == 0 || g_ascii_strcasecmp (name, "BYWEEKNO") == 0 ||
              g_ascii_strcasecmp (name, "BYSETPOS") == 0)
            return invalid (error, _("Reminders can only be chosen by weekday and time of day."));

          return invalid (error, _("The repeat rule has a part Solace does not use. A reminder’s rule can only say "
                                   "how often (FREQ, INTERVAL), on which weekdays (BYDAY), at what time "
                                   "(BYHOUR, BYMINUTE) and until when (UNTIL)."));
        }

      if (seen & (1u << index))
        return invalid (error, _("The repeat rule says the same thing twice."));
      seen |= 1u << index;

      if (g_str_equal (name, "FREQ") && !g_str_equal (value, "DAILY") && !g_str_equal (value, "WEEKLY"))
        return invalid (error, _("Reminders can repeat daily or weekly, not more or less often."));

      if (g_str_equal (name, "INTERVAL") &&
          !g_ascii_string_to_unsigned (value, 10, 1, 366, NULL, NULL))
        return invalid (error, _("The repeat interval must be between 1 and 366."));

      if (g_str_equal (name, "BYDAY"))
        {
          g_auto(GStrv) days = g_strsplit (value, ",", -1);

          for (guint k = 0; days[k] != NULL; k++)
            {
              gboolean known = FALSE;

              for (guint d = 0; d < G_N_ELEMENTS (weekday_codes); d++)
                known |= g_str_equal (days[k], weekday_codes[d]);
              if (!known)
                return invalid (error, _("Reminders can only be chosen by weekday and time of day."));
            }
        }

      if ((g_str_equal (name, "BYHOUR") && !is_number_list (value, 23)) ||
          (g_str_equal (name, "BYMINUTE") && !is_number_list (value, 59)))
        return invalid (error, _("The repeat rule has a time of day that does not exist."));

      /* RFC 5545: with a floating start, UNTIL is floating too. */
      if (g_str_equal (name, "UNTIL") && !is_floating_date_time (value))
        return invalid (error, _("A reminder’s rule must end at a local date and time, as its start is written."));
    }

  if (!(seen & 1u))
    return invalid (error, _("The repeat rule does not say how often."));

  return TRUE;
}

static gboolean
parse_rrule (const char                *text,
             struct icalrecurrencetype *out,
             GError                   **error)
{
  struct icalrecurrencetype rule;
  guint per_day;

  if (text == NULL || *text == '\0')
    return invalid (error, _("The schedule has no repeat rule."));

  if (strlen (text) > MAX_RRULE_LENGTH)
    return invalid (error, _("The repeat rule is too long."));

  for (const char *p = text; *p; p++)
    if (!g_ascii_isprint (*p) || *p == ' ')
      return invalid (error, _("The repeat rule has characters a rule cannot have."));

  if (!check_rule_parts (text, error))
    return FALSE;

  icalerror_clear_errno ();
  rule = icalrecurrencetype_from_string (text);
  if (rule.freq == ICAL_NO_RECURRENCE || icalerrno != ICAL_NO_ERROR)
    {
      icalerror_clear_errno ();
      return invalid (error, _("The repeat rule could not be read."));
    }

  if (rule.freq != ICAL_DAILY_RECURRENCE && rule.freq != ICAL_WEEKLY_RECURRENCE)
    return invalid (error, _("Reminders can repeat daily or weekly, not more or less often."));

  if (rule.count != 0)
    return invalid (error, _("Reminders cannot stop after a number of times."));

  if (rule.interval < 1 || rule.interval > 366)
    return invalid (error, _("The repeat interval must be between 1 and 366."));

  if (!array_is_empty (rule.by_month_day) || !array_is_empty (rule.by_year_day) ||
      !array_is_empty (rule.by_week_no) || !array_is_empty (rule.by_month) ||
      !array_is_empty (rule.by_set_pos))
    return invalid (error, _("Reminders can only be chosen by weekday and time of day."));

  for (guint i = 0; i < ICAL_BY_DAY_SIZE && rule.by_day[i] != ICAL_RECURRENCE_ARRAY_MAX; i++)
    if (icalrecurrencetype_day_position (rule.by_day[i]) != 0)
      return invalid (error, _("Reminders can only be chosen by weekday and time of day."));

  if (!array_is_empty (rule.by_second) &&
      (rule.by_second[0] != 0 || array_length (rule.by_second, ICAL_BY_SECOND_SIZE) > 1))
    return invalid (error, _("Reminders happen on the minute."));

  per_day = MAX (array_length (rule.by_hour, ICAL_BY_HOUR_SIZE), 1) *
            MAX (array_length (rule.by_minute, ICAL_BY_MINUTE_SIZE), 1);
  if (per_day > 24)
    return invalid (error, _("A reminder can come at most 24 times a day."));

  *out = rule;

  return TRUE;
}

static struct icaltimetype
floating_from_date_time (GDateTime *dt)
{
  struct icaltimetype t = icaltime_null_time ();

  t.year = g_date_time_get_year (dt);
  t.month = g_date_time_get_month (dt);
  t.day = g_date_time_get_day_of_month (dt);
  t.hour = g_date_time_get_hour (dt);
  t.minute = g_date_time_get_minute (dt);
  t.second = g_date_time_get_second (dt);
  t.is_date = 0;

  return t;
}

/* An iterator positioned a little before @from (in local time), so
 * that every occurrence whose instant is after @from comes out of it. */
static icalrecur_iterator *
iterator_near (SolaceSchedule *self,
               GDateTime      *from)
{
  g_autoptr(GDateTime) earlier = g_date_time_add_hours (from, -27);
  struct icaltimetype start = floating_from_date_time (earlier);
  icalrecur_iterator *iter;

  iter = icalrecur_iterator_new (self->rule, self->start);
  if (iter == NULL)
    return NULL;

  /* Skipping ahead saves walking every day since the start; when
   * libical cannot, walking is still right, only slower. */
  if (icaltime_compare (start, self->start) > 0)
    icalrecur_iterator_set_start (iter, start);

  return iter;
}

static GDateTime *
instant_for (GTimeZone           *tz,
             struct icaltimetype  t)
{
  return solace_local_time_to_instant (tz, t.year, t.month, t.day, t.hour, t.minute, t.second);
}

static SolaceSchedule *
schedule_new (const char                *rrule,
              const char                *dtstart,
              struct icalrecurrencetype  rule,
              struct icaltimetype        start)
{
  SolaceSchedule *self = g_new0 (SolaceSchedule, 1);

  g_atomic_ref_count_init (&self->ref_count);
  self->rrule = g_strdup (rrule);
  self->dtstart = g_strdup (dtstart);
  self->rule = rule;
  self->start = start;

  return self;
}

/**
 * solace_schedule_new:
 * @rrule: RFC 5545 RRULE text, without the "RRULE:" name
 * @dtstart: a floating local date-time, "YYYYMMDDTHHMMSS"
 *
 * Returns: (transfer full): the schedule, or %NULL with
 *   %SOLACE_ERROR_INVALID when either part is malformed or asks for
 *   something a reminder cannot do (more than 24 times a day, every
 *   minute, every month…).
 */
SolaceSchedule *
solace_schedule_new (const char  *rrule,
                     const char  *dtstart,
                     GError     **error)
{
  struct icalrecurrencetype rule;
  struct icaltimetype start;
  icalrecur_iterator *iter;
  struct icaltimetype first;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!parse_dtstart (dtstart, &start, error) || !parse_rrule (rrule, &rule, error))
    return NULL;

  /* A rule that never happens at all is a mistake, not a schedule. */
  iter = icalrecur_iterator_new (rule, start);
  if (iter == NULL)
    {
      icalerror_clear_errno ();
      invalid (error, _("The repeat rule does not fit its start."));
      return NULL;
    }
  first = icalrecur_iterator_next (iter);
  icalrecur_iterator_free (iter);
  if (icaltime_is_null_time (first))
    {
      invalid (error, _("The schedule never comes round."));
      return NULL;
    }

  return schedule_new (rrule, dtstart, rule, start);
}

/**
 * solace_schedule_new_from_parts:
 * @today: the day the schedule is made, in local time
 *
 * Builds the rule the preferences describe.  "Every N days" counts
 * from @today; a weekly rule starts on the last chosen weekday up to
 * @today, so that its start is one of its days.
 */
SolaceSchedule *
solace_schedule_new_from_parts (const SolaceScheduleParts  *parts,
                                GDateTime                  *today,
                                GError                    **error)
{
  g_autoptr(GString) rule = g_string_new (NULL);
  g_autoptr(GDateTime) day = g_date_time_ref (today);
  g_autofree char *dtstart = NULL;

  g_return_val_if_fail (parts != NULL, NULL);
  g_return_val_if_fail (today != NULL, NULL);

  if (parts->hour > 23 || parts->minute > 59)
    {
      invalid (error, _("That time of day does not exist."));
      return NULL;
    }

  switch (parts->repeat)
    {
    case SOLACE_REPEAT_DAILY:
      g_string_append (rule, "FREQ=DAILY");
      break;

    case SOLACE_REPEAT_WEEKDAYS:
      if ((parts->weekdays & 0x7f) == 0 || parts->weekdays > 0x7f)
        {
          invalid (error, _("Choose at least one day of the week."));
          return NULL;
        }
      g_string_append (rule, "FREQ=WEEKLY;BYDAY=");
      for (guint i = 0; i < 7; i++)
        if (parts->weekdays & (1 << i))
          g_string_append_printf (rule, "%s,", weekday_codes[i]);
      g_string_truncate (rule, rule->len - 1);
      /* g_date_time_get_day_of_week() counts Monday = 1. */
      while (!(parts->weekdays & (1 << (g_date_time_get_day_of_week (day) - 1))))
        {
          GDateTime *before = g_date_time_add_days (day, -1);
          g_date_time_unref (day);
          day = before;
        }
      break;

    case SOLACE_REPEAT_EVERY_N_DAYS:
      if (parts->interval < 2 || parts->interval > 30)
        {
          invalid (error, _("“Every few days” must be every 2 to 30 days."));
          return NULL;
        }
      g_string_append_printf (rule, "FREQ=DAILY;INTERVAL=%u", parts->interval);
      break;

    case SOLACE_REPEAT_SEVERAL_A_DAY:
      if (parts->interval < 1 || parts->interval > 12)
        {
          invalid (error, _("“Several times a day” must be every 1 to 12 hours."));
          return NULL;
        }
      if (parts->until_hour > 23 || parts->until_hour < parts->hour + parts->interval)
        {
          invalid (error, _("The last time must come at least one step after the first."));
          return NULL;
        }
      g_string_append (rule, "FREQ=DAILY;BYHOUR=");
      for (guint h = parts->hour; h <= parts->until_hour; h += parts->interval)
        g_string_append_printf (rule, "%u,", h);
      g_string_truncate (rule, rule->len - 1);
      g_string_append_printf (rule, ";BYMINUTE=%u", parts->minute);
      break;

    default:
      invalid (error, _("That kind of schedule is not known."));
      return NULL;
    }

  dtstart = g_strdup_printf ("%04d%02d%02dT%02u%02u00",
                             g_date_time_get_year (day),
                             g_date_time_get_month (day),
                             g_date_time_get_day_of_month (day),
                             parts->hour, parts->minute);

  return solace_schedule_new (rule->str, dtstart, error);
}

SolaceSchedule *
solace_schedule_ref (SolaceSchedule *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);

  return self;
}

void
solace_schedule_unref (SolaceSchedule *self)
{
  g_return_if_fail (self != NULL);

  if (g_atomic_ref_count_dec (&self->ref_count))
    {
      g_free (self->rrule);
      g_free (self->dtstart);
      g_free (self);
    }
}

const char *
solace_schedule_get_rrule (SolaceSchedule *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->rrule;
}

const char *
solace_schedule_get_dtstart (SolaceSchedule *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->dtstart;
}

GDateTime *
solace_schedule_next_after (SolaceSchedule *self,
                            GDateTime      *after)
{
  GTimeZone *tz;
  icalrecur_iterator *iter;
  GDateTime *found = NULL;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (after != NULL, NULL);

  tz = g_date_time_get_timezone (after);
  iter = iterator_near (self, after);
  if (iter == NULL)
    return NULL;

  for (guint i = 0; i < MAX_STEPS && found == NULL; i++)
    {
      struct icaltimetype t = icalrecur_iterator_next (iter);
      GDateTime *instant;

      if (icaltime_is_null_time (t))
        break;

      instant = instant_for (tz, t);
      if (instant != NULL && g_date_time_compare (instant, after) > 0)
        found = instant;
      else
        g_clear_pointer (&instant, g_date_time_unref);
    }

  icalrecur_iterator_free (iter);

  return found;
}

/**
 * solace_schedule_list_after:
 * @max: how many to list at most
 *
 * The instants solace_schedule_next_after() would give one after the
 * other from @after, from one walk of the rule (starting a walk costs
 * far more than a step).
 *
 * Returns: (transfer full) (element-type GDateTime): up to @max instants
 *   after @after, each later than the one before, in @after's zone.
 */
GPtrArray *
solace_schedule_list_after (SolaceSchedule *self,
                            GDateTime      *after,
                            guint           max)
{
  GTimeZone *tz;
  icalrecur_iterator *iter;
  GPtrArray *out;
  GDateTime *last;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (after != NULL, NULL);

  out = g_ptr_array_new_with_free_func ((GDestroyNotify) g_date_time_unref);
  tz = g_date_time_get_timezone (after);
  iter = iterator_near (self, after);
  if (iter == NULL)
    return out;

  last = after;
  for (guint i = 0; i < MAX_STEPS && out->len < max; i++)
    {
      struct icaltimetype t = icalrecur_iterator_next (iter);
      GDateTime *instant;

      if (icaltime_is_null_time (t))
        break;

      /* Two local times a daylight-saving gap moves to its end are one
       * instant: it comes once. */
      instant = instant_for (tz, t);
      if (instant != NULL && g_date_time_compare (instant, last) > 0)
        {
          g_ptr_array_add (out, instant);
          last = instant;
        }
      else
        g_clear_pointer (&instant, g_date_time_unref);
    }

  icalrecur_iterator_free (iter);

  return out;
}

GDateTime *
solace_schedule_last_between (SolaceSchedule *self,
                              GDateTime      *after,
                              GDateTime      *until)
{
  GTimeZone *tz;
  icalrecur_iterator *iter;
  GDateTime *last = NULL;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (after != NULL, NULL);
  g_return_val_if_fail (until != NULL, NULL);

  if (g_date_time_compare (after, until) >= 0)
    return NULL;

  tz = g_date_time_get_timezone (until);
  iter = iterator_near (self, after);
  if (iter == NULL)
    return NULL;

  for (guint i = 0; i < MAX_STEPS; i++)
    {
      struct icaltimetype t = icalrecur_iterator_next (iter);
      GDateTime *instant;

      if (icaltime_is_null_time (t))
        break;

      instant = instant_for (tz, t);
      if (instant == NULL)
        continue;

      if (g_date_time_compare (instant, until) > 0)
        {
          g_date_time_unref (instant);
          break;
        }

      if (g_date_time_compare (instant, after) > 0)
        {
          g_clear_pointer (&last, g_date_time_unref);
          last = instant;
        }
      else
        g_date_time_unref (instant);
    }

  icalrecur_iterator_free (iter);

  return last;
}

gboolean
solace_schedule_get_parts (SolaceSchedule      *self,
                           SolaceScheduleParts *parts)
{
  const struct icalrecurrencetype *rule;
  guint n_days, n_hours, n_minutes;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (parts != NULL, FALSE);

  rule = &self->rule;
  n_days = array_length (rule->by_day, ICAL_BY_DAY_SIZE);
  n_hours = array_length (rule->by_hour, ICAL_BY_HOUR_SIZE);
  n_minutes = array_length (rule->by_minute, ICAL_BY_MINUTE_SIZE);

  memset (parts, 0, sizeof *parts);
  parts->hour = self->start.hour;
  parts->minute = self->start.minute;
  parts->interval = rule->interval;

  if (!icaltime_is_null_time (rule->until) || self->start.second != 0)
    return FALSE;

  if (rule->freq == ICAL_WEEKLY_RECURRENCE && rule->interval == 1 &&
      n_days > 0 && n_hours == 0 && n_minutes == 0)
    {
      parts->repeat = SOLACE_REPEAT_WEEKDAYS;
      for (guint i = 0; i < n_days; i++)
        {
          /* Sunday = 1 … Saturday = 7 → Monday = bit 0 … Sunday = bit 6. */
          int dow = icalrecurrencetype_day_day_of_week (rule->by_day[i]);
          parts->weekdays |= 1 << ((dow + 5) % 7);
        }
      return TRUE;
    }

  if (rule->freq != ICAL_DAILY_RECURRENCE || n_days != 0)
    return FALSE;

  if (n_hours == 0 && n_minutes == 0)
    {
      parts->repeat = rule->interval == 1 ? SOLACE_REPEAT_DAILY : SOLACE_REPEAT_EVERY_N_DAYS;
      return rule->interval <= 30;
    }

  if (rule->interval == 1 && n_hours >= 2 && n_minutes == 1 &&
      rule->by_minute[0] == (short) self->start.minute &&
      rule->by_hour[0] == (short) self->start.hour)
    {
      int step = rule->by_hour[1] - rule->by_hour[0];

      if (step < 1 || step > 12)
        return FALSE;
      for (guint i = 1; i < n_hours; i++)
        if (rule->by_hour[i] - rule->by_hour[i - 1] != step)
          return FALSE;

      parts->repeat = SOLACE_REPEAT_SEVERAL_A_DAY;
      parts->interval = step;
      parts->until_hour = rule->by_hour[n_hours - 1];
      return TRUE;
    }

  return FALSE;
}

char *
solace_schedule_describe (SolaceSchedule *self)
{
  SolaceScheduleParts parts;
  g_autofree char *time = NULL;

  g_return_val_if_fail (self != NULL, NULL);

  if (!solace_schedule_get_parts (self, &parts))
    return g_strdup (_("On a custom schedule"));

  time = solace_format_hour_minute (parts.hour, parts.minute);

  switch (parts.repeat)
    {
    case SOLACE_REPEAT_DAILY:
      /* Translators: %s is a time of day, such as 21:00. */
      return g_strdup_printf (_("Every day at %s"), time);

    case SOLACE_REPEAT_WEEKDAYS:
      {
        g_autoptr(GString) days = g_string_new (NULL);
        /* 2024-01-01 was a Monday.  The days are listed from the one the
         * person's weeks begin on. */
        g_autoptr(GDateTime) monday = g_date_time_new_utc (2024, 1, 1, 12, 0, 0);
        guint first = solace_locale_first_weekday () - G_DATE_MONDAY;

        if (parts.weekdays == 0x7f)
          return g_strdup_printf (_("Every day at %s"), time);
        if (parts.weekdays == 0x1f)
          /* Translators: %s is a time of day, such as 21:00. */
          return g_strdup_printf (_("Weekdays at %s"), time);
        if (parts.weekdays == 0x60)
          /* Translators: %s is a time of day, such as 21:00. */
          return g_strdup_printf (_("Weekends at %s"), time);

        for (guint n = 0; n < 7; n++)
          {
            guint i = (first + n) % 7;
            g_autoptr(GDateTime) day = NULL;
            g_autofree char *name = NULL;

            if (!(parts.weekdays & (1 << i)))
              continue;

            day = g_date_time_add_days (monday, i);
            name = g_date_time_format (day, "%a");
            if (days->len > 0)
              /* Translators: between abbreviated weekday names, "Mon, Thu". */
              g_string_append (days, _(", "));
            g_string_append (days, name);
          }
        /* Translators: the chosen days, then a time of day: "Mon, Thu at
         * 09:00".  Write %2$s and %1$s to put the time first. */
        return g_strdup_printf (_("%s at %s"), days->str, time);
      }

    case SOLACE_REPEAT_EVERY_N_DAYS:
      /* Translators: "Every 3 days at 09:00". */
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Every %u day at %s", "Every %u days at %s",
                                           parts.interval),
                              parts.interval, time);

    case SOLACE_REPEAT_SEVERAL_A_DAY:
      {
        g_autofree char *until = solace_format_hour_minute (parts.until_hour, parts.minute);

        /* Every hour has no number to show: its own message, since a
         * format may not skip its first argument. */
        if (parts.interval == 1)
          /* Translators: "Every hour from 09:00 to 21:00". */
          return g_strdup_printf (_("Every hour from %s to %s"), time, until);

        /* Translators: "Every 3 hours from 09:00 to 21:00". */
        return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                             "Every %1$u hour from %2$s to %3$s",
                                             "Every %1$u hours from %2$s to %3$s",
                                             parts.interval),
                                parts.interval, time, until);
      }

    default:
      return g_strdup (_("On a custom schedule"));
    }
}

GDateTime *
solace_local_time_to_instant (GTimeZone *tz,
                              int        year,
                              int        month,
                              int        day,
                              int        hour,
                              int        minute,
                              int        second)
{
  g_autoptr(GDateTime) as_utc = NULL;
  static const GTimeType types[] = { G_TIME_TYPE_DAYLIGHT, G_TIME_TYPE_STANDARD };
  gint64 local;
  gint64 best = G_MAXINT64;

  g_return_val_if_fail (tz != NULL, NULL);

  as_utc = g_date_time_new_utc (year, month, day, hour, minute, second);
  if (as_utc == NULL)
    return NULL;
  local = g_date_time_to_unix (as_utc);

  /* In an overlap the same local time names two instants, one in each
   * interval; keep the earlier.  Otherwise exactly one interval holds it. */
  for (guint i = 0; i < G_N_ELEMENTS (types); i++)
    {
      int interval = g_time_zone_find_interval (tz, types[i], local);
      gint64 instant;

      if (interval < 0)
        continue;

      instant = local - g_time_zone_get_offset (tz, interval);
      if (g_time_zone_find_interval (tz, G_TIME_TYPE_UNIVERSAL, instant) == interval)
        best = MIN (best, instant);
    }

  if (best == G_MAXINT64)
    {
      /* A local time a gap skips: GLib moves it to where the gap ends,
       * which is when it would have come. */
      return g_date_time_new (tz, year, month, day, hour, minute, second);
    }

  {
    g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (best);
    return g_date_time_to_timezone (utc, tz);
  }
}
