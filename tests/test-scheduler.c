/* test-scheduler.c — due times, snooze, quiet hours, catch-up and clock jumps
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The scheduler's clock is injected: each test moves "now" the way a day,
 * a suspend or a changed clock would, and checks what fired and what is
 * on disk.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <libical/ical.h>
#include <locale.h>

#include "solace-error.h"
#include "solace-reminder-subjects.h"
#include "solace-reminders.h"
#include "solace-scheduler.h"
#include "solace-test-utils.h"

typedef struct
{
  char            *dir;
  char            *path;
  SolaceDatabase  *db;
  SolaceScheduler *scheduler;
  GTimeZone       *tz;
  gint64           now;
  GPtrArray       *fired;   /* "key@ISO due time" */
} Fixture;

static gint64
fixture_clock (gpointer data)
{
  Fixture *f = data;

  return f->now;
}

static gint64
at (Fixture    *f,
    const char *local_iso)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_iso8601 (local_iso, f->tz);

  g_assert_nonnull (dt);
  return g_date_time_to_unix (dt);
}

static char *
iso (Fixture *f,
     gint64   t)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (t);
  g_autoptr(GDateTime) local = g_date_time_to_timezone (utc, f->tz);

  return g_date_time_format (local, "%Y-%m-%dT%H:%M:%S");
}

static void
fire_cb (SolaceScheduler *scheduler,
         SolaceReminder  *reminder,
         gint64           due_at,
         Fixture         *f)
{
  g_autofree char *when = iso (f, due_at);

  g_ptr_array_add (f->fired, g_strdup_printf ("%s@%s", solace_reminder_get_key (reminder), when));
}

static void
new_scheduler (Fixture *f)
{
  g_autoptr(GError) error = NULL;

  g_clear_object (&f->scheduler);
  f->scheduler = solace_scheduler_new (f->db);
  solace_scheduler_set_clock (f->scheduler, fixture_clock, f);
  solace_scheduler_set_timezone (f->scheduler, f->tz);
  g_signal_connect (f->scheduler, "fire", G_CALLBACK (fire_cb), f);
  g_assert_true (solace_scheduler_reload (f->scheduler, &error));
  g_assert_no_error (error);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("solace-scheduler-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "solace.db", NULL);
  f->db = solace_database_open (f->path, SOLACE_DATABASE_FLAGS_NONE, &error);
  g_assert_no_error (error);
  /* The built-in reminders were made "now" by the real clock; these
   * tests live on their own clock, so that must not count. */
  g_assert_true (solace_database_exec (f->db, "UPDATE reminder SET last_due = 0, updated_at = 0", &error));
  g_assert_no_error (error);
  f->tz = g_time_zone_new_identifier ("Europe/Berlin");
  f->fired = g_ptr_array_new_with_free_func (g_free);
  /* A Friday afternoon. */
  f->now = at (f, "2026-11-27T15:00:00");
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  if (f->scheduler != NULL)
    g_assert_finalize_object (f->scheduler);
  g_assert_finalize_object (f->db);
  g_clear_pointer (&f->tz, g_time_zone_unref);
  g_clear_pointer (&f->fired, g_ptr_array_unref);
  solace_test_rm_rf (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

/* Turns on @key with @rrule from @dtstart, as the preferences do. */
static void
enable (Fixture    *f,
        const char *key,
        const char *rrule,
        const char *dtstart)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (solace_reminders_set (f->db, key, TRUE, rrule, dtstart, f->now, &error));
  g_assert_no_error (error);
}

static void
move_to (Fixture    *f,
         const char *local_iso)
{
  f->now = at (f, local_iso);
  solace_scheduler_run (f->scheduler);
}

static void
assert_fired (Fixture    *f,
              const char *expected)
{
  g_autofree char *joined = NULL;

  g_ptr_array_add (f->fired, NULL);
  joined = g_strjoinv (" ", (char **) f->fired->pdata);
  g_ptr_array_set_size (f->fired, f->fired->len - 1);
  g_assert_cmpstr (joined, ==, expected);
  g_ptr_array_set_size (f->fired, 0);
}

static void
assert_next_wake (Fixture    *f,
                  const char *expected)
{
  gint64 wake = solace_scheduler_get_next_wake (f->scheduler);
  g_autofree char *text = wake != 0 ? iso (f, wake) : g_strdup ("never");

  g_assert_cmpstr (text, ==, expected);
}

static void
test_nothing_on (Fixture       *f,
                 gconstpointer  data)
{
  /* Every built-in reminder starts off: nothing to wake for. */
  new_scheduler (f);
  assert_next_wake (f, "never");
  move_to (f, "2026-11-28T21:00:00");
  assert_fired (f, "");
}

static void
test_due_times (Fixture       *f,
                gconstpointer  data)
{
  enable (f, "gratitude", "FREQ=DAILY", "20260101T210000");
  new_scheduler (f);

  /* One timer, for 21:00 today: nothing before it. */
  assert_next_wake (f, "2026-11-27T21:00:00");
  move_to (f, "2026-11-27T20:59:59");
  assert_fired (f, "");
  move_to (f, "2026-11-27T21:00:00");
  assert_fired (f, "gratitude@2026-11-27T21:00:00");
  assert_next_wake (f, "2026-11-28T21:00:00");

  /* Running again at once, or a second later, shows nothing more. */
  solace_scheduler_run (f->scheduler);
  move_to (f, "2026-11-27T21:00:01");
  assert_fired (f, "");

  g_assert_cmpint (solace_test_query_int (f->path, "SELECT count(*) FROM reminder_firing"), ==, 1);
}

static void
test_turning_on_late (Fixture       *f,
                      gconstpointer  data)
{
  /* Turned on at 21:30: today's 21:00 is not shown late. */
  f->now = at (f, "2026-11-27T21:30:00");
  enable (f, "gratitude", "FREQ=DAILY", "20260101T210000");
  new_scheduler (f);
  assert_fired (f, "");
  assert_next_wake (f, "2026-11-28T21:00:00");
}

static void
test_snooze (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *outcome = NULL;
  SolaceReminder *reminder;

  enable (f, "gratitude", "FREQ=DAILY", "20260101T210000");
  new_scheduler (f);
  move_to (f, "2026-11-27T21:00:00");
  assert_fired (f, "gratitude@2026-11-27T21:00:00");

  /* "Later" at 21:02: back at 22:02, once. */
  f->now = at (f, "2026-11-27T21:02:00");
  reminder = solace_scheduler_lookup (f->scheduler, 1);
  g_assert_cmpstr (solace_reminder_get_key (reminder), ==, "gratitude");
  g_assert_true (solace_scheduler_snooze (f->scheduler, 1, at (f, "2026-11-27T21:00:00"), &error));
  g_assert_no_error (error);
  assert_next_wake (f, "2026-11-27T22:02:00");
  outcome = solace_test_query_text (f->path, "SELECT outcome FROM reminder_firing");
  g_assert_cmpstr (outcome, ==, "snoozed");

  move_to (f, "2026-11-27T22:02:00");
  assert_fired (f, "gratitude@2026-11-27T22:02:00");
  move_to (f, "2026-11-27T22:10:00");
  assert_fired (f, "");
  assert_next_wake (f, "2026-11-28T21:00:00");
  g_assert_cmpint (solace_test_query_int (f->path, "SELECT count(*) FROM reminder WHERE snoozed_until IS NOT NULL"), ==, 0);

  /* A snooze survives a restart. */
  f->now = at (f, "2026-11-28T21:00:00");
  solace_scheduler_run (f->scheduler);
  assert_fired (f, "gratitude@2026-11-28T21:00:00");
  g_assert_true (solace_scheduler_snooze (f->scheduler, 1, f->now, &error));
  new_scheduler (f);
  assert_next_wake (f, "2026-11-28T22:00:00");
  move_to (f, "2026-11-28T22:00:00");
  assert_fired (f, "gratitude@2026-11-28T22:00:00");
}

static void
test_snooze_into_quiet_hours (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  enable (f, "nudge-sleep", "FREQ=DAILY", "20260101T220000");
  new_scheduler (f);
  move_to (f, "2026-11-27T22:00:00");
  assert_fired (f, "nudge-sleep@2026-11-27T22:00:00");

  /* Snoozed to 23:00, inside quiet hours: held until 07:30, and by
   * then far too late to matter. */
  g_assert_true (solace_scheduler_snooze (f->scheduler, 3, at (f, "2026-11-27T22:00:00"), &error));
  assert_next_wake (f, "2026-11-28T07:30:00");
  move_to (f, "2026-11-27T23:00:00");
  assert_fired (f, "");
  move_to (f, "2026-11-28T07:30:00");
  assert_fired (f, "");
  assert_next_wake (f, "2026-11-28T22:00:00");
}

static void
test_quiet_hours (Fixture       *f,
                  gconstpointer  data)
{
  /* 07:00 falls in quiet hours (22:30–07:30): shown once at 07:30. */
  enable (f, "check-in", "FREQ=DAILY", "20260101T070000");
  /* 23:00 is too long before 07:30 to be shown at all. */
  enable (f, "nudge-sleep", "FREQ=DAILY", "20260101T230000");
  new_scheduler (f);

  assert_next_wake (f, "2026-11-28T07:30:00");
  move_to (f, "2026-11-27T23:00:00");
  assert_fired (f, "");
  move_to (f, "2026-11-28T07:00:00");
  assert_fired (f, "");
  move_to (f, "2026-11-28T07:30:00");
  assert_fired (f, "check-in@2026-11-28T07:00:00");
  move_to (f, "2026-11-28T07:31:00");
  assert_fired (f, "");
  assert_next_wake (f, "2026-11-29T07:30:00");
}

static void
test_quiet_hours_off (Fixture       *f,
                      gconstpointer  data)
{
  SolaceReminderSettings settings;
  g_autoptr(GError) error = NULL;

  enable (f, "nudge-sleep", "FREQ=DAILY", "20260101T230000");
  g_assert_true (solace_reminders_load_settings (f->db, &settings, &error));
  settings.quiet_enabled = FALSE;
  g_assert_true (solace_reminders_save_settings (f->db, &settings, &error));
  g_assert_no_error (error);
  new_scheduler (f);

  assert_next_wake (f, "2026-11-27T23:00:00");
  move_to (f, "2026-11-27T23:00:00");
  assert_fired (f, "nudge-sleep@2026-11-27T23:00:00");
}

static void
test_catch_up_after_suspend (Fixture       *f,
                             gconstpointer  data)
{
  /* Every hour from 09:00 to 21:00. */
  enable (f, "nudge-breathe", "FREQ=DAILY;BYHOUR=9,10,11,12,13,14,15,16,17,18,19,20,21;BYMINUTE=0",
          "20260101T090000");
  new_scheduler (f);

  /* Asleep from 15:00 to 18:40: 16, 17 and 18 o'clock were missed.
   * One notification, for the latest. */
  move_to (f, "2026-11-27T18:40:00");
  assert_fired (f, "nudge-breathe@2026-11-27T18:00:00");
  assert_next_wake (f, "2026-11-27T19:00:00");

  /* Off for two days: the last missed one is older than the two-hour
   * grace window by the morning, so nothing comes at all. */
  move_to (f, "2026-11-30T08:30:00");
  assert_fired (f, "");
  assert_next_wake (f, "2026-11-30T09:00:00");
  move_to (f, "2026-11-30T09:00:00");
  assert_fired (f, "nudge-breathe@2026-11-30T09:00:00");
  g_assert_cmpint (solace_test_query_int (f->path, "SELECT count(*) FROM reminder_firing"), ==, 2);
}

static void
test_clock_jumps (Fixture       *f,
                  gconstpointer  data)
{
  enable (f, "gratitude", "FREQ=DAILY", "20260101T210000");
  new_scheduler (f);
  move_to (f, "2026-11-27T21:00:00");
  assert_fired (f, "gratitude@2026-11-27T21:00:00");

  /* The clock is set back an hour and reaches 21:00 again: no repeat. */
  move_to (f, "2026-11-27T20:00:00");
  assert_fired (f, "");
  assert_next_wake (f, "2026-11-28T21:00:00");
  move_to (f, "2026-11-27T21:00:00");
  assert_fired (f, "");

  /* Set forward past tomorrow's 21:00, within the grace window: once. */
  move_to (f, "2026-11-28T22:15:00");
  assert_fired (f, "gratitude@2026-11-28T21:00:00");

  /* Set forward by a week: too late for any of them. */
  move_to (f, "2026-12-05T23:30:00");
  assert_fired (f, "");
  assert_next_wake (f, "2026-12-06T21:00:00");

  /* And back by a year: what was done stays done. */
  move_to (f, "2025-12-06T21:00:00");
  assert_fired (f, "");
  assert_next_wake (f, "2026-11-29T21:00:00");
}

static void
test_restart_without_repeats (Fixture       *f,
                              gconstpointer  data)
{
  enable (f, "gratitude", "FREQ=DAILY", "20260101T210000");
  enable (f, "check-in", "FREQ=DAILY", "20260101T203000");
  new_scheduler (f);
  move_to (f, "2026-11-27T21:00:00");
  /* 20:30 was passed on the way: it comes now, with 21:00. */
  assert_fired (f, "gratitude@2026-11-27T21:00:00 check-in@2026-11-27T20:30:00");

  /* The service restarts a few minutes later, and again. */
  f->now = at (f, "2026-11-27T21:05:00");
  new_scheduler (f);
  new_scheduler (f);
  assert_fired (f, "");
  assert_next_wake (f, "2026-11-28T20:30:00");

  /* A second service running on the same file at the same moment
   * cannot show one twice either: the firing is recorded first. */
  g_assert_true (solace_reminders_set (f->db, "gratitude", TRUE, "FREQ=DAILY", "20260101T210000",
                                       at (f, "2026-11-27T21:05:00"), NULL));
  {
    g_autoptr(GError) error = NULL;
    gboolean is_new = TRUE;

    g_assert_true (solace_reminders_record_firing (f->db, 2, at (f, "2026-11-27T20:30:00"),
                                                   f->now, FALSE, &is_new, &error));
    g_assert_no_error (error);
    g_assert_false (is_new);
  }
  g_assert_cmpint (solace_test_query_int (f->path, "SELECT count(*) FROM reminder_firing"), ==, 2);
}

static void
test_replan_after_edit (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  enable (f, "gratitude", "FREQ=DAILY", "20260101T210000");
  enable (f, "check-in", "FREQ=DAILY", "20260101T220000");
  new_scheduler (f);
  assert_next_wake (f, "2026-11-27T21:00:00");

  /* The window moves the gratitude prompt to 19:00 and asks for a
   * re-plan; the unchanged check-in keeps its plan. */
  enable (f, "gratitude", "FREQ=DAILY", "20260101T190000");
  g_assert_true (solace_scheduler_reload (f->scheduler, &error));
  g_assert_no_error (error);
  assert_next_wake (f, "2026-11-27T19:00:00");

  /* Turned off: only the check-in is left. */
  g_assert_true (solace_reminders_set (f->db, "gratitude", FALSE, "FREQ=DAILY", "20260101T190000", f->now, NULL));
  g_assert_true (solace_scheduler_reload (f->scheduler, &error));
  assert_next_wake (f, "2026-11-27T22:00:00");
  move_to (f, "2026-11-27T22:00:00");
  assert_fired (f, "check-in@2026-11-27T22:00:00");

  /* Reloading after a firing does not bring it back. */
  g_assert_true (solace_scheduler_reload (f->scheduler, &error));
  assert_fired (f, "");
  assert_next_wake (f, "2026-11-28T22:00:00");
}

static void
test_time_zone_change (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GTimeZone) new_york = g_time_zone_new_identifier ("America/New_York");

  enable (f, "gratitude", "FREQ=DAILY", "20260101T210000");
  new_scheduler (f);
  assert_next_wake (f, "2026-11-27T21:00:00");

  /* Flying to New York: 21:00 there, which is 03:00 in Berlin. */
  solace_scheduler_set_timezone (f->scheduler, new_york);
  solace_scheduler_run (f->scheduler);
  assert_next_wake (f, "2026-11-28T03:00:00");
}

static void
test_bad_schedule (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  enable (f, "gratitude", "FREQ=DAILY", "20260101T210000");
  g_assert_true (solace_database_exec (f->db, "PRAGMA wal_checkpoint(TRUNCATE)", NULL));
  before = solace_test_query_text (f->path, "SELECT group_concat (rrule || dtstart || enabled) FROM reminder");

  /* Refused with a message; nothing written. */
  g_assert_false (solace_reminders_set (f->db, "gratitude", TRUE, "FREQ=SECONDLY", "20260101T210000",
                                        f->now, &error));
  g_assert_error (error, SOLACE_ERROR, SOLACE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (solace_reminders_set (f->db, "gratitude", TRUE, "FREQ=DAILY", "tomorrow-ish",
                                        f->now, &error));
  g_assert_error (error, SOLACE_ERROR, SOLACE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (solace_reminders_set (f->db, "no-such-reminder", TRUE, "FREQ=DAILY", "20260101T210000",
                                        f->now, &error));
  g_assert_error (error, SOLACE_ERROR, SOLACE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  after = solace_test_query_text (f->path, "SELECT group_concat (rrule || dtstart || enabled) FROM reminder");
  g_assert_cmpstr (before, ==, after);

  /* A rule damaged on disk: that reminder never fires, the others do. */
  enable (f, "check-in", "FREQ=DAILY", "20260101T200000");
  solace_test_exec (f->path, "UPDATE reminder SET rrule = 'FREQ=YEARLY;BYWEEKNO=99' WHERE key = 'gratitude'");
  new_scheduler (f);
  g_assert_null (solace_reminder_get_schedule (solace_scheduler_lookup (f->scheduler, 1)));
  move_to (f, "2026-11-27T21:00:00");
  assert_fired (f, "check-in@2026-11-27T20:00:00");
}

static void
test_settings (Fixture       *f,
               gconstpointer  data)
{
  SolaceReminderSettings settings, back;
  g_autoptr(GError) error = NULL;

  g_assert_true (solace_reminders_load_settings (f->db, &settings, &error));
  g_assert_true (settings.quiet_enabled);
  g_assert_cmpuint (settings.quiet_start, ==, 22 * 60 + 30);
  g_assert_cmpuint (settings.quiet_end, ==, 7 * 60 + 30);
  g_assert_false (settings.discreet);
  g_assert_cmpuint (settings.grace_minutes, ==, 120);

  settings.discreet = TRUE;
  settings.quiet_start = 21 * 60;
  g_assert_true (solace_reminders_save_settings (f->db, &settings, &error));
  g_assert_true (solace_reminders_load_settings (f->db, &back, &error));
  g_assert_true (back.discreet);
  g_assert_cmpuint (back.quiet_start, ==, 21 * 60);

  /* Out of range: refused whole, nothing changed. */
  settings.quiet_end = 24 * 60;
  settings.discreet = FALSE;
  g_assert_false (solace_reminders_save_settings (f->db, &settings, &error));
  g_assert_error (error, SOLACE_ERROR, SOLACE_ERROR_INVALID);
  g_assert_true (solace_reminders_load_settings (f->db, &back, NULL));
  g_assert_true (back.discreet);
  g_assert_cmpuint (back.quiet_end, ==, 7 * 60 + 30);

  /* A damaged value on disk reads as the default. */
  solace_test_exec (f->path, "UPDATE reminder_setting SET value = -5 WHERE name = 'quiet-start'");
  g_assert_true (solace_reminders_load_settings (f->db, &back, NULL));
  g_assert_cmpuint (back.quiet_start, ==, 22 * 60 + 30);
}

static void
test_upcoming (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GArray) upcoming = NULL;
  g_autoptr(GString) text = g_string_new (NULL);

  enable (f, "gratitude", "FREQ=DAILY", "20260101T210000");
  enable (f, "check-in", "FREQ=DAILY", "20260101T070000");
  enable (f, "nudge-friend", "FREQ=WEEKLY;BYDAY=SA", "20251227T110000");
  new_scheduler (f);

  upcoming = solace_scheduler_list_upcoming (f->scheduler, 5);
  for (guint i = 0; i < upcoming->len; i++)
    {
      SolaceUpcoming *u = &g_array_index (upcoming, SolaceUpcoming, i);
      g_autofree char *when = iso (f, u->at);

      g_string_append_printf (text, "%s %s\n", when, solace_reminder_get_key (u->reminder));
    }

  /* The 07:00 check-in is shown at 07:30, when quiet hours end. */
  g_assert_cmpstr (text->str, ==,
                   "2026-11-27T21:00:00 gratitude\n"
                   "2026-11-28T07:30:00 check-in\n"
                   "2026-11-28T11:00:00 nudge-friend\n"
                   "2026-11-28T21:00:00 gratitude\n"
                   "2026-11-29T07:30:00 check-in\n");
}

static void
test_ics_export (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) reminders = NULL;
  g_autofree char *ics = NULL;
  g_autofree char *discreet = NULL;
  icalcomponent *calendar;
  icalcomponent *event;
  guint n = 0;

  enable (f, "gratitude", "FREQ=DAILY", "20260101T210000");
  enable (f, "nudge-friend", "FREQ=WEEKLY;BYDAY=WE,SA", "20251231T180000");
  reminders = solace_reminders_load (f->db, &error);
  g_assert_no_error (error);

  ics = solace_reminders_to_ics (reminders, FALSE, f->now, NULL);
  calendar = icalparser_parse_string (ics);
  g_assert_nonnull (calendar);
  g_assert_cmpint (icalcomponent_isa (calendar), ==, ICAL_VCALENDAR_COMPONENT);
  for (event = icalcomponent_get_first_component (calendar, ICAL_VEVENT_COMPONENT);
       event != NULL;
       event = icalcomponent_get_next_component (calendar, ICAL_VEVENT_COMPONENT))
    {
      icalproperty *rrule = icalcomponent_get_first_property (event, ICAL_RRULE_PROPERTY);
      struct icaltimetype start = icalcomponent_get_dtstart (event);
      g_autofree char *rule = NULL;

      g_assert_nonnull (rrule);
      rule = icalrecurrencetype_as_string_r ((struct icalrecurrencetype[]) { icalproperty_get_rrule (rrule) });
      /* Floating local time, as stored. */
      g_assert_null (start.zone);
      if (n == 0)
        {
          g_assert_cmpstr (icalcomponent_get_summary (event), ==, "A moment for gratitude");
          g_assert_cmpstr (rule, ==, "FREQ=DAILY");
          g_assert_cmpint (start.hour, ==, 21);
        }
      else
        {
          g_assert_cmpstr (icalcomponent_get_summary (event), ==, "Call a friend");
          g_assert_cmpstr (rule, ==, "FREQ=WEEKLY;BYDAY=WE,SA");
        }
      g_assert_nonnull (icalcomponent_get_first_component (event, ICAL_VALARM_COMPONENT));
      n++;
    }
  /* Only what is on. */
  g_assert_cmpuint (n, ==, 2);
  icalcomponent_free (calendar);

  /* Discreet: no names, no details. */
  discreet = solace_reminders_to_ics (reminders, TRUE, f->now, NULL);
  g_assert_null (strstr (discreet, "gratitude"));
  g_assert_null (strstr (discreet, "friend"));
  g_assert_null (strstr (discreet, "DESCRIPTION:What"));
  g_assert_nonnull (strstr (discreet, "SUMMARY:Reminder"));
}

/* What upcoming lists, one "ISO key" line each. */
static char *
upcoming_text (Fixture *f,
               guint    n)
{
  g_autoptr(GArray) upcoming = solace_scheduler_list_upcoming (f->scheduler, n);
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < upcoming->len; i++)
    {
      SolaceUpcoming *u = &g_array_index (upcoming, SolaceUpcoming, i);
      g_autofree char *when = iso (f, u->at);

      g_string_append_printf (text, "%s %s\n", when, solace_reminder_get_key (u->reminder));
    }

  return g_string_free (text, FALSE);
}

/* Stored times at the far end of what the export format holds: in a
 * zone east of UTC no date-time can be made from them (the suite runs
 * with fatal criticals). */
static void
test_far_times (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *list = NULL;
  g_autofree char *later = NULL;
  g_autofree char *soon = NULL;

  g_clear_pointer (&f->tz, g_time_zone_unref);
  f->tz = g_time_zone_new_identifier ("Pacific/Kiritimati");
  f->now = at (f, "2026-11-27T15:00:00");
  enable (f, "gratitude", "FREQ=DAILY", "20260101T210000");
  solace_test_exec (f->path, "UPDATE reminder SET last_due = 253402300799, snoozed_until = 253402300799"
                             " WHERE key = 'gratitude'");
  new_scheduler (f);

  /* "Dealt with up to the year 9999" cannot be true: taken as never.
   * A snooze to then is let go.  The reminder keeps to its schedule. */
  assert_next_wake (f, "2026-11-27T21:00:00");
  list = upcoming_text (f, 3);
  g_assert_cmpstr (list, ==,
                   "2026-11-27T21:00:00 gratitude\n"
                   "2026-11-28T21:00:00 gratitude\n"
                   "2026-11-29T21:00:00 gratitude\n");
  move_to (f, "2026-11-27T21:00:00");
  assert_fired (f, "gratitude@2026-11-27T21:00:00");

  /* A snooze more than a day ahead was not set by this clock: let go. */
  solace_test_exec (f->path, "UPDATE reminder SET last_due = 0 WHERE key = 'gratitude'");
  {
    g_autofree char *sql = g_strdup_printf ("UPDATE reminder SET snoozed_until = %" G_GINT64_FORMAT
                                            " WHERE key = 'gratitude'", at (f, "2026-11-29T12:00:00"));
    solace_test_exec (f->path, sql);
  }
  new_scheduler (f);
  later = upcoming_text (f, 2);
  g_assert_cmpstr (later, ==, "2026-11-28T21:00:00 gratitude\n2026-11-29T21:00:00 gratitude\n");

  /* One within the hour stays. */
  {
    g_autofree char *sql = g_strdup_printf ("UPDATE reminder SET snoozed_until = %" G_GINT64_FORMAT
                                            " WHERE key = 'gratitude'", at (f, "2026-11-27T22:00:00"));
    solace_test_exec (f->path, sql);
  }
  new_scheduler (f);
  soon = upcoming_text (f, 2);
  g_assert_cmpstr (soon, ==, "2026-11-27T22:00:00 gratitude\n2026-11-28T21:00:00 gratitude\n");
}

/* Long quiet hours hold most of an hourly rule: the list still has as
 * many as asked for. */
static void
test_upcoming_long_quiet (Fixture       *f,
                          gconstpointer  data)
{
  SolaceReminderSettings settings;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) upcoming = NULL;
  g_autoptr(GArray) none = NULL;

  g_assert_true (solace_reminders_load_settings (f->db, &settings, &error));
  settings.quiet_enabled = TRUE;
  settings.quiet_start = 12 * 60;
  settings.quiet_end = 10 * 60;
  g_assert_true (solace_reminders_save_settings (f->db, &settings, &error));
  g_assert_no_error (error);
  enable (f, "nudge-breathe",
          "FREQ=DAILY;BYHOUR=0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23;BYMINUTE=0",
          "20260101T000000");
  /* Never shown at all: 15:00 is held till 10:00, far past the grace. */
  enable (f, "gratitude", "FREQ=DAILY", "20260101T150000");
  new_scheduler (f);

  upcoming = solace_scheduler_list_upcoming (f->scheduler, 40);
  g_assert_cmpuint (upcoming->len, ==, 40);
  for (guint i = 0; i < upcoming->len; i++)
    {
      SolaceUpcoming *u = &g_array_index (upcoming, SolaceUpcoming, i);
      g_autofree char *when = iso (f, u->at);

      g_assert_cmpstr (solace_reminder_get_key (u->reminder), ==, "nudge-breathe");
      /* 10:00 (with 08:00 and 09:00 held till then, as one) and 11:00. */
      g_assert_true (g_str_has_suffix (when, i % 2 == 0 ? "T10:00:00" : "T11:00:00"));
      if (i > 0)
        g_assert_cmpint (u->at, >, g_array_index (upcoming, SolaceUpcoming, i - 1).at);
    }

  /* A rule none of whose times is ever shown ends the walk, bounded. */
  solace_test_exec (f->path, "UPDATE reminder SET enabled = 0 WHERE key = 'nudge-breathe'");
  new_scheduler (f);
  none = solace_scheduler_list_upcoming (f->scheduler, 1000);
  g_assert_cmpuint (none->len, ==, 0);
}

/* Reminders that are on but whose rule cannot be read are counted, so
 * that the service and `solace --upcoming` can say so. */
static void
test_unreadable (Fixture       *f,
                 gconstpointer  data)
{
  enable (f, "gratitude", "FREQ=DAILY", "20260101T210000");
  enable (f, "check-in", "FREQ=DAILY", "20260101T200000");
  new_scheduler (f);
  g_assert_cmpuint (solace_scheduler_count_unreadable (f->scheduler), ==, 0);

  solace_test_exec (f->path, "UPDATE reminder SET rrule = 'FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,SU;WKST=TU'"
                             " WHERE key = 'gratitude'");
  /* Off: it would not come anyway. */
  solace_test_exec (f->path, "UPDATE reminder SET rrule = 'FREQ=YEARLY' WHERE key = 'nudge-move'");
  new_scheduler (f);
  g_assert_cmpuint (solace_scheduler_count_unreadable (f->scheduler), ==, 1);
  assert_next_wake (f, "2026-11-27T20:00:00");

  solace_test_exec (f->path, "UPDATE reminder SET enabled = 1 WHERE key = 'nudge-move'");
  new_scheduler (f);
  g_assert_cmpuint (solace_scheduler_count_unreadable (f->scheduler), ==, 2);
}

/* A rule kept from before Solace refused WKST is not exported for
 * another calendar to read differently. */
static void
test_ics_export_refused_rule (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) reminders = NULL;
  g_autofree char *ics = NULL;
  icalcomponent *calendar;
  guint n = 0;
  guint left_out = 0;

  enable (f, "gratitude", "FREQ=DAILY", "20260101T210000");
  enable (f, "nudge-friend", "FREQ=WEEKLY;BYDAY=WE,SA", "20251231T180000");
  solace_test_exec (f->path, "UPDATE reminder SET rrule = 'FREQ=WEEKLY;INTERVAL=2;BYDAY=WE,SA;WKST=TU'"
                             " WHERE key = 'nudge-friend'");
  reminders = solace_reminders_load (f->db, &error);
  g_assert_no_error (error);

  ics = solace_reminders_to_ics (reminders, FALSE, f->now, &left_out);
  g_assert_cmpuint (left_out, ==, 1);
  g_assert_null (strstr (ics, "WKST"));
  calendar = icalparser_parse_string (ics);
  g_assert_nonnull (calendar);
  for (icalcomponent *event = icalcomponent_get_first_component (calendar, ICAL_VEVENT_COMPONENT);
       event != NULL;
       event = icalcomponent_get_next_component (calendar, ICAL_VEVENT_COMPONENT))
    {
      g_assert_cmpstr (icalcomponent_get_summary (event), ==, "A moment for gratitude");
      n++;
    }
  g_assert_cmpuint (n, ==, 1);
  icalcomponent_free (calendar);
}

static void
count_cb (SolaceScheduler *scheduler,
          SolaceReminder  *reminder,
          gint64           due_at,
          guint           *count)
{
  (*count)++;
}

static void
test_read_only_database (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(SolaceDatabase) ro = NULL;
  g_autoptr(SolaceScheduler) scheduler = NULL;
  g_autoptr(GError) error = NULL;
  guint fired = 0;

  enable (f, "gratitude", "FREQ=DAILY", "20260101T210000");
  g_assert_true (solace_database_exec (f->db, "PRAGMA wal_checkpoint(TRUNCATE)", NULL));
  ro = solace_database_open (f->path, SOLACE_DATABASE_FLAGS_READ_ONLY, &error);
  g_assert_no_error (error);

  scheduler = solace_scheduler_new (ro);
  solace_scheduler_set_clock (scheduler, fixture_clock, f);
  solace_scheduler_set_timezone (scheduler, f->tz);
  g_signal_connect (scheduler, "fire", G_CALLBACK (count_cb), &fired);
  g_assert_true (solace_scheduler_reload (scheduler, &error));

  /* It cannot be recorded, so it is shown anyway, once, with a warning. */
  f->now = at (f, "2026-11-27T21:00:00");
  g_test_expect_message ("solace-scheduler", G_LOG_LEVEL_WARNING, "Could not record a reminder*");
  solace_scheduler_run (scheduler);
  g_test_assert_expected_messages ();
  solace_scheduler_run (scheduler);
  g_assert_cmpuint (fired, ==, 1);
}

static void
stop_loop (SolaceScheduler *scheduler,
           SolaceReminder  *reminder,
           gint64           due_at,
           gpointer         data)
{
  *(gint64 *) data = g_get_real_time ();
}

static gboolean
is_set (gpointer data)
{
  return *(gint64 *) data != 0;
}

/* The real timer: a reminder two seconds from now arrives on time,
 * with no tick in between. */
static void
test_real_timer (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GTimeZone) local = g_time_zone_new_local ();
  g_autoptr(GDateTime) soon = g_date_time_add_seconds (g_date_time_new_now (local), 2);
  g_autofree char *dtstart = g_date_time_format (soon, "%Y%m%dT%H%M%S");
  gint64 started, fired_at = 0;

  f->now = g_get_real_time () / G_USEC_PER_SEC - 1;
  enable (f, "gratitude", "FREQ=DAILY", dtstart);
  /* Whatever the time of day this runs at: quiet hours would hold it. */
  g_assert_true (solace_database_exec (f->db,
                                       "INSERT INTO reminder_setting (name, value) VALUES ('quiet-enabled', 0)",
                                       &error));
  g_assert_no_error (error);

  f->scheduler = solace_scheduler_new (f->db);
  solace_scheduler_set_timezone (f->scheduler, local);
  g_signal_connect (f->scheduler, "fire", G_CALLBACK (stop_loop), &fired_at);
  g_assert_true (solace_scheduler_reload (f->scheduler, &error));
  solace_scheduler_set_armed (f->scheduler, TRUE);
  g_assert_cmpint (solace_scheduler_get_next_wake (f->scheduler), ==, g_date_time_to_unix (soon));

  started = g_get_real_time ();
  g_assert_true (solace_test_wait_until (is_set, &fired_at, 6000));
  g_assert_cmpint (fired_at - started, <, 3 * G_USEC_PER_SEC);
  g_assert_cmpint (fired_at / G_USEC_PER_SEC, >=, g_date_time_to_unix (soon));
  solace_scheduler_set_armed (f->scheduler, FALSE);
}

/* A session's reminder comes once, at its time, and never again; it
 * says who the session is with, and goes quiet when they are deleted. */
static void
test_session_once (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) upcoming = NULL;
  SolaceReminder *reminder;

  g_assert_true (solace_database_exec (f->db,
                                       "INSERT INTO contact (uuid, kind, name, next_session, session_remind,"
                                       " created_at, updated_at)"
                                       " VALUES ('c1', 'therapist', 'Dr. Ana Ruiz', '20261128T160000', 60, 0, 0)",
                                       &error));
  g_assert_no_error (error);
  g_assert_true (solace_reminders_put (f->db, "session:c1", SOLACE_REMINDER_SESSION, TRUE,
                                       "FREQ=DAILY;UNTIL=20261128T150000", "20261128T150000", f->now, &error));
  g_assert_no_error (error);
  new_scheduler (f);

  upcoming = solace_scheduler_list_upcoming (f->scheduler, 5);
  g_assert_cmpuint (upcoming->len, ==, 1);
  g_assert_cmpint (g_array_index (upcoming, SolaceUpcoming, 0).at, ==, at (f, "2026-11-28T15:00:00"));
  reminder = g_array_index (upcoming, SolaceUpcoming, 0).reminder;
  g_assert_cmpstr (solace_reminder_get_title (reminder, FALSE), ==, "Session with Dr. Ana Ruiz");
  g_assert_cmpstr (solace_reminder_get_body (reminder, FALSE), ==,
                   "Your next session is on Saturday 28 November at 16:00.");

  move_to (f, "2026-11-28T14:59:00");
  g_assert_cmpuint (f->fired->len, ==, 0);
  move_to (f, "2026-11-28T15:00:00");
  g_assert_cmpuint (f->fired->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (f->fired, 0), ==, "session:c1@2026-11-28T15:00:00");

  /* The next day, a week on, after a restart: nothing more. */
  move_to (f, "2026-11-29T15:00:00");
  move_to (f, "2026-12-05T15:00:00");
  new_scheduler (f);
  move_to (f, "2026-12-05T16:00:00");
  g_assert_cmpuint (f->fired->len, ==, 1);

  /* Booked again for later, then the therapist deleted: no reminder. */
  g_assert_true (solace_reminders_put (f->db, "session:c1", SOLACE_REMINDER_SESSION, TRUE,
                                       "FREQ=DAILY;UNTIL=20261210T090000", "20261210T090000", f->now, &error));
  g_assert_true (solace_database_exec (f->db, "DELETE FROM contact WHERE uuid = 'c1'", &error));
  g_assert_no_error (error);
  g_assert_true (solace_scheduler_reload (f->scheduler, &error));
  g_clear_pointer (&upcoming, g_array_unref);
  upcoming = solace_scheduler_list_upcoming (f->scheduler, 5);
  g_assert_cmpuint (upcoming->len, ==, 0);
  move_to (f, "2026-12-10T09:00:00");
  g_assert_cmpuint (f->fired->len, ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);
  solace_reminder_subjects_register ();

#define ADD(name, func) g_test_add (name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/scheduler/nothing-on", test_nothing_on);
  ADD ("/scheduler/due-times", test_due_times);
  ADD ("/scheduler/turning-on-late", test_turning_on_late);
  ADD ("/scheduler/snooze", test_snooze);
  ADD ("/scheduler/snooze-into-quiet-hours", test_snooze_into_quiet_hours);
  ADD ("/scheduler/quiet-hours", test_quiet_hours);
  ADD ("/scheduler/quiet-hours-off", test_quiet_hours_off);
  ADD ("/scheduler/catch-up-after-suspend", test_catch_up_after_suspend);
  ADD ("/scheduler/clock-jumps", test_clock_jumps);
  ADD ("/scheduler/restart-without-repeats", test_restart_without_repeats);
  ADD ("/scheduler/replan-after-edit", test_replan_after_edit);
  ADD ("/scheduler/time-zone-change", test_time_zone_change);
  ADD ("/scheduler/bad-schedule", test_bad_schedule);
  ADD ("/scheduler/settings", test_settings);
  ADD ("/scheduler/upcoming", test_upcoming);
  ADD ("/scheduler/session-once", test_session_once);
  ADD ("/scheduler/ics-export", test_ics_export);
  ADD ("/scheduler/ics-export-refused-rule", test_ics_export_refused_rule);
  ADD ("/scheduler/far-times", test_far_times);
  ADD ("/scheduler/upcoming-long-quiet", test_upcoming_long_quiet);
  ADD ("/scheduler/unreadable", test_unreadable);
  ADD ("/scheduler/read-only-database", test_read_only_database);
  ADD ("/scheduler/real-timer", test_real_timer);
#undef ADD

  return g_test_run ();
}
