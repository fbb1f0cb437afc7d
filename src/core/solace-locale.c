/* solace-locale.c — the person's clock and calendar: 12 or 24 hours,
 * the first day of the week
 *
 * Times of day follow the desktop's clock format (the
 * org.gnome.desktop.interface clock-format setting) where that schema is
 * installed, and the locale's time format otherwise.  The first day of
 * the week comes from the locale, as GtkCalendar finds it, so Solace's
 * own weeks begin where the calendars beside them do.  Both are for
 * what people read: stored and exported data stays ISO 8601.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "solace-locale"

#include "config.h"

#include <gio/gio.h>
#include <glib/gi18n-lib.h>
#include <langinfo.h>
#include <string.h>

#include "solace-locale.h"

/* -1: follow the desktop or the locale; 0 or 1: set by a test. */
static int forced_12_hours = -1;
/* G_DATE_BAD_WEEKDAY: follow the locale. */
static int forced_first_weekday = G_DATE_BAD_WEEKDAY;

static GSettings *
interface_settings (void)
{
  static gsize once = 0;
  static GSettings *settings = NULL;

  if (g_once_init_enter (&once))
    {
      GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
      g_autoptr(GSettingsSchema) schema = NULL;

      if (source != NULL)
        schema = g_settings_schema_source_lookup (source, "org.gnome.desktop.interface", TRUE);
      if (schema != NULL && g_settings_schema_has_key (schema, "clock-format"))
        settings = g_settings_new_full (schema, NULL, NULL);
      g_once_init_leave (&once, 1);
    }

  return settings;
}

static gboolean
locale_uses_12_hours (void)
{
  const char *format = nl_langinfo (T_FMT);

  /* "%r" is the locale's 12-hour time; "%p" its AM/PM. */
  return format != NULL &&
         (strstr (format, "%r") != NULL || strstr (format, "%p") != NULL ||
          strstr (format, "%I") != NULL || strstr (format, "%l") != NULL);
}

/**
 * solace_locale_uses_12_hour_clock:
 *
 * Whether times of day are shown on a 12-hour clock: as the desktop's
 * clock format says, or where there is none, as the locale does.
 */
gboolean
solace_locale_uses_12_hour_clock (void)
{
  int forced = g_atomic_int_get (&forced_12_hours);
  GSettings *settings;

  if (forced >= 0)
    return forced != 0;

  settings = interface_settings ();
  if (settings != NULL)
    {
      g_autofree char *format = g_settings_get_string (settings, "clock-format");

      return g_strcmp0 (format, "12h") == 0;
    }

  return locale_uses_12_hours ();
}

/**
 * solace_locale_set_12_hour_clock:
 * @use_12_hours: 1 for a 12-hour clock, 0 for 24 hours, -1 to follow
 *   the desktop again
 *
 * For tests: overrides the desktop's clock format.
 */
void
solace_locale_set_12_hour_clock (int use_12_hours)
{
  g_atomic_int_set (&forced_12_hours, use_12_hours < 0 ? -1 : use_12_hours != 0);
}

/**
 * solace_locale_first_weekday:
 *
 * The day the locale's weeks begin on, the same GtkCalendar uses.
 */
GDateWeekday
solace_locale_first_weekday (void)
{
  int forced = g_atomic_int_get (&forced_first_weekday);

  if (forced != G_DATE_BAD_WEEKDAY)
    return (GDateWeekday) forced;

#ifdef __GLIBC__
  {
    union { unsigned int word; char *string; } langinfo;
    int first_weekday;
    unsigned int week_origin;
    int week_1stday;

    /* As GTK reads it: _NL_TIME_WEEK_1STDAY is the date of a day the
     * locale counts weeks from, and _NL_TIME_FIRST_WEEKDAY which day of
     * such a week comes first (1 = that day). */
    langinfo.string = nl_langinfo (_NL_TIME_FIRST_WEEKDAY);
    first_weekday = langinfo.string[0];
    langinfo.string = nl_langinfo (_NL_TIME_WEEK_1STDAY);
    week_origin = langinfo.word;
    if (week_origin == 19971130)        /* a Sunday */
      week_1stday = 0;
    else if (week_origin == 19971201)   /* a Monday */
      week_1stday = 1;
    else
      return G_DATE_MONDAY;

    if (first_weekday < 1 || first_weekday > 7)
      return G_DATE_MONDAY;

    /* GTK counts 0 = Sunday … 6 = Saturday, GDate 1 = Monday … 7 = Sunday. */
    {
      int day = (week_1stday + first_weekday - 1) % 7;

      return day == 0 ? G_DATE_SUNDAY : (GDateWeekday) day;
    }
  }
#else
  return G_DATE_MONDAY;
#endif
}

/**
 * solace_locale_set_first_weekday:
 * @weekday: the first day of the week, or %G_DATE_BAD_WEEKDAY to follow
 *   the locale again
 *
 * For tests: overrides the locale's first day of the week.
 */
void
solace_locale_set_first_weekday (GDateWeekday weekday)
{
  g_return_if_fail (weekday >= G_DATE_BAD_WEEKDAY && weekday <= G_DATE_SUNDAY);

  g_atomic_int_set (&forced_first_weekday, weekday);
}

/**
 * solace_format_time_of_day:
 * @when: a time, in the zone it is to be read in
 *
 * "21:05", or "9:05 PM" on a 12-hour clock.
 */
char *
solace_format_time_of_day (GDateTime *when)
{
  g_return_val_if_fail (when != NULL, NULL);

  if (solace_locale_uses_12_hour_clock ())
    /* Translators: a time of day on a 12-hour clock, "9:05 PM"; see
     * g_date_time_format() for the codes. */
    return g_date_time_format (when, C_("time of day", "%-l:%M %p"));

  /* Translators: a time of day on a 24-hour clock, "21:05"; see
   * g_date_time_format() for the codes. */
  return g_date_time_format (when, C_("time of day", "%H:%M"));
}

/**
 * solace_format_hour_minute:
 * @hour: 0 to 23
 * @minute: 0 to 59
 *
 * A time of day given by its numbers, as solace_format_time_of_day()
 * shows it.
 */
char *
solace_format_hour_minute (guint hour,
                           guint minute)
{
  g_autoptr(GDateTime) when = g_date_time_new_utc (2024, 1, 1, hour % 24, minute % 60, 0);

  return solace_format_time_of_day (when);
}

/**
 * solace_format_hour:
 * @hour: 0 to 23
 *
 * An hour alone, for a clock's hour field: "21", or "9" on a 12-hour
 * clock, where solace_format_am_pm() says which half of the day.
 */
char *
solace_format_hour (guint hour)
{
  if (solace_locale_uses_12_hour_clock ())
    return g_strdup_printf ("%u", (hour % 12) == 0 ? 12 : hour % 12);

  return g_strdup_printf ("%02u", hour % 24);
}

/**
 * solace_format_am_pm:
 * @hour: 0 to 23
 *
 * The half of the day @hour is in, as the locale writes it: "AM" or
 * "PM".
 */
char *
solace_format_am_pm (guint hour)
{
  g_autoptr(GDateTime) when = g_date_time_new_utc (2024, 1, 1, hour % 24, 0, 0);
  g_autofree char *marker = g_date_time_format (when, "%p");

  if (marker != NULL && *marker != '\0')
    return g_steal_pointer (&marker);

  /* A locale with no words of its own for them. */
  return g_strdup (hour % 24 < 12
                   /* Translators: before noon, on a 12-hour clock. */
                   ? C_("time of day", "AM")
                   /* Translators: after noon, on a 12-hour clock. */
                   : C_("time of day", "PM"));
}
