/* test-progress.c — stretches, urges, stages, milestones, check-ins and
 * the numbers the Today tab draws
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <math.h>

#include "solace-check-in.h"
#include "solace-error.h"
#include "solace-progress.h"
#include "solace-progress-trends.h"
#include "solace-reminder-subjects.h"
#include "solace-reminders.h"
#include "solace-test-utils.h"

typedef struct
{
  char           *dir;
  char           *path;
  SolaceDatabase *db;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("solace-progress-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "solace", "solace.db", NULL);
  f->db = solace_database_open (f->path, SOLACE_DATABASE_FLAGS_NONE, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_assert_finalize_object (f->db);
  solace_test_rm_rf (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

static GDate *
day (const char *iso)
{
  GDate *d = solace_day_from_iso (iso);

  g_assert_nonnull (d);
  return d;
}

static gint64
instant (const char *iso_utc)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_iso8601 (iso_utc, NULL);

  g_assert_nonnull (dt);
  return g_date_time_to_unix (dt);
}

static char *
local_day_text (const char *tz_name,
                const char *iso_utc)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier (tz_name);
  g_autoptr(GDate) d = solace_local_day (tz, instant (iso_utc));

  return solace_day_to_iso (d);
}

/* Day N turns over at local midnight, whatever UTC says, and on the
 * nights the clocks change. */
static void
test_local_day (void)
{
  struct { const char *tz, *utc, *expected; } cases[] = {
    { "Europe/Berlin", "2026-11-27T22:59:59Z", "2026-11-27" },
    { "Europe/Berlin", "2026-11-27T23:00:00Z", "2026-11-28" },
    { "Europe/Berlin", "2026-03-28T23:30:00Z", "2026-03-29" },   /* the night summer time starts */
    { "Europe/Berlin", "2026-10-24T22:30:00Z", "2026-10-25" },   /* the night it ends */
    { "America/New_York", "2026-11-28T03:00:00Z", "2026-11-27" },
    { "Pacific/Kiritimati", "2026-11-27T10:00:00Z", "2026-11-28" },
  };
  const char *bad[] = { "", "2026-1-01", "2026-02-30", "2026/01/01", "+026-01-01", "2026-01-01x", "0000-01-01" };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = local_day_text (cases[i].tz, cases[i].utc);
      g_assert_cmpstr (text, ==, cases[i].expected);
    }

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    g_assert_null (solace_day_from_iso (bad[i]));
  g_assert_null (solace_day_from_iso (NULL));
}

static void
summary_for (Fixture              *f,
             const char           *today,
             SolaceStretchSummary *s)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDate) t = day (today);

  g_assert_true (solace_progress_load_summary (f->db, t, s, &error));
  g_assert_no_error (error);
}

static void
test_stretches (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDate) today = day ("2026-11-27");
  g_autoptr(GDate) start = day ("2026-11-17");
  g_autoptr(GDate) tomorrow = day ("2026-11-28");
  g_autoptr(GDate) too_early = day ("2026-11-20");
  SolaceStretchSummary s;

  /* Nothing yet. */
  summary_for (f, "2026-11-27", &s);
  g_assert_false (s.has_current);
  g_assert_cmpint (s.current_day, ==, 0);
  g_assert_cmpint (s.total, ==, 0);

  /* Starting today is day 1. */
  g_assert_true (solace_progress_set_start (f->db, today, today, &error));
  g_assert_no_error (error);
  summary_for (f, "2026-11-27", &s);
  g_assert_true (s.has_current);
  g_assert_cmpint (s.current_day, ==, 1);

  /* Moved back ten days: day 11.  A day still to come is refused. */
  g_assert_true (solace_progress_set_start (f->db, start, today, &error));
  g_assert_false (solace_progress_set_start (f->db, tomorrow, today, &error));
  g_assert_error (error, SOLACE_ERROR, SOLACE_ERROR_INVALID);
  g_clear_error (&error);
  summary_for (f, "2026-11-27", &s);
  g_assert_cmpint (s.current_day, ==, 11);
  g_assert_cmpint (s.longest, ==, 11);
  g_assert_cmpint (s.n_stretches, ==, 1);

  /* An urge that passed changes nothing. */
  g_assert_true (solace_progress_log_urge (f->db, instant ("2026-11-27T18:00:00Z"), today, 7, "A song", FALSE, &error));
  summary_for (f, "2026-11-27", &s);
  g_assert_cmpint (s.current_day, ==, 11);

  /* Reaching out ends the stretch on that day and starts a new one:
   * ten days kept, day 1 again, nothing erased. */
  g_assert_true (solace_progress_log_urge (f->db, instant ("2026-11-27T19:00:00Z"), today, 9, "", TRUE, &error));
  g_assert_no_error (error);
  summary_for (f, "2026-11-27", &s);
  g_assert_cmpint (s.current_day, ==, 1);
  g_assert_cmpint (s.longest, ==, 10);
  g_assert_cmpint (s.total, ==, 11);
  g_assert_cmpint (s.n_stretches, ==, 2);
  g_assert_cmpint (solace_test_query_int (f->path, "SELECT count(*) FROM stretch WHERE ended_on = '2026-11-27'"), ==, 1);

  /* Twice the same day: still the one fresh start. */
  g_assert_true (solace_progress_log_urge (f->db, instant ("2026-11-27T20:00:00Z"), today, 5, "", TRUE, &error));
  summary_for (f, "2026-11-27", &s);
  g_assert_cmpint (s.n_stretches, ==, 2);
  g_assert_cmpint (solace_test_query_int (f->path, "SELECT count(*) FROM urge WHERE outcome = 'reached-out'"), ==, 2);

  /* Twelve days on, the new stretch is the longest. */
  summary_for (f, "2026-12-09", &s);
  g_assert_cmpint (s.current_day, ==, 13);
  g_assert_cmpint (s.longest, ==, 13);
  g_assert_cmpint (s.total, ==, 23);

  /* The new stretch cannot start inside the old one; the message says
   * the day as a person reads it. */
  g_assert_false (solace_progress_set_start (f->db, too_early, today, &error));
  g_assert_error (error, SOLACE_ERROR, SOLACE_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==,
                   "Your stretch before this one ended on 27 November 2026; choose that day or a later one.");
  g_clear_error (&error);
  summary_for (f, "2026-11-27", &s);
  g_assert_cmpint (s.n_stretches, ==, 2);
  g_assert_cmpint (s.current_day, ==, 1);

  /* A clock set back before the start still says day 1. */
  summary_for (f, "2026-11-01", &s);
  g_assert_cmpint (s.current_day, ==, 1);

  /* A row damaged on disk is left out, not miscounted. */
  solace_test_exec (f->path, "INSERT INTO stretch (uuid, started_on, ended_on, created_at) VALUES ('x', 'yesterday', '2026-01-01', 0)");
  summary_for (f, "2026-11-27", &s);
  g_assert_cmpint (s.n_stretches, ==, 2);
}

/* Calendar days, not 24-hour periods: a stretch across the change to
 * summer time is not a day short. */
static void
test_stretch_across_dst (void)
{
  g_autoptr(GArray) stretches = g_array_new (FALSE, TRUE, sizeof (SolaceStretch));
  g_autoptr(GDate) start = day ("2026-03-20");
  g_autoptr(GDate) end = day ("2026-04-02");
  g_autoptr(GDate) second = day ("2026-10-20");
  g_autoptr(GDate) today = day ("2026-10-26");
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier ("Europe/Berlin");
  g_autoptr(GDate) after_change = solace_local_day (tz, instant ("2026-03-29T22:30:00Z"));
  SolaceStretch a = { "a", *start, *end, FALSE };
  SolaceStretch b = { "b", *second, { 0 }, TRUE };
  SolaceStretchSummary s;

  g_array_append_val (stretches, a);
  g_array_append_val (stretches, b);
  solace_stretches_summarize (stretches, today, &s);
  g_assert_cmpint (s.current_day, ==, 7);   /* across the end of summer time on the 25th */
  g_assert_cmpint (s.longest, ==, 13);
  g_assert_cmpint (s.total, ==, 20);

  /* 00:30 on 30 March, the day after the change: day 11 of the first. */
  g_array_index (stretches, SolaceStretch, 0).open = TRUE;
  g_array_set_size (stretches, 1);
  solace_stretches_summarize (stretches, after_change, &s);
  g_assert_cmpint (s.current_day, ==, 11);
}

static void
test_stage (void)
{
  struct { int day, urges; SolaceStage stage; } cases[] = {
    { 1, 0, SOLACE_STAGE_EARLY },
    { 20, 0, SOLACE_STAGE_EARLY },
    { 21, 0, SOLACE_STAGE_WORKING_THROUGH },
    { 21, 6, SOLACE_STAGE_WORKING_THROUGH },
    { 21, 7, SOLACE_STAGE_EARLY },
    { 59, 0, SOLACE_STAGE_WORKING_THROUGH },
    { 60, 1, SOLACE_STAGE_REDISCOVERY },
    { 60, 2, SOLACE_STAGE_WORKING_THROUGH },
    { 400, 9, SOLACE_STAGE_EARLY },
    { 0, 0, SOLACE_STAGE_EARLY },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    g_assert_cmpint (solace_stage_for (cases[i].day, cases[i].urges), ==, cases[i].stage);

  for (SolaceStage s = SOLACE_STAGE_EARLY; s <= SOLACE_STAGE_REDISCOVERY; s++)
    {
      g_assert_nonnull (solace_stage_get_title (s));
      g_assert_cmpuint (strlen (solace_stage_get_description (s)), >, 40);
    }
}

static void
test_milestones (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  guint seen = 0;

  g_assert_cmpint (solace_milestone_to_celebrate (0, 0), ==, -1);
  g_assert_cmpint (solace_milestone_to_celebrate (1, 0), ==, 1);
  g_assert_cmpint (solace_milestone_to_celebrate (2, 1 << 0), ==, -1);
  g_assert_cmpint (solace_milestone_to_celebrate (3, 1 << 0), ==, 3);
  /* Back after a while: only the latest, once. */
  g_assert_cmpint (solace_milestone_to_celebrate (8, 0), ==, 7);
  g_assert_cmpint (solace_milestone_to_celebrate (8, 1 << 2), ==, -1);
  g_assert_cmpint (solace_milestone_to_celebrate (400, 0), ==, 365);
  g_assert_null (solace_milestone_get_message (2));
  for (guint i = 0; i < SOLACE_N_MILESTONES; i++)
    g_assert_nonnull (solace_milestone_get_message (solace_milestones[i]));

  /* Seen once per stretch, on disk. */
  g_assert_true (solace_progress_mark_milestones_seen (f->db, "s1", 8, &error));
  g_assert_no_error (error);
  g_assert_true (solace_progress_get_milestones_seen (f->db, "s1", &seen, &error));
  g_assert_cmpuint (seen, ==, 0x7);
  g_assert_cmpint (solace_milestone_to_celebrate (8, seen), ==, -1);
  g_assert_cmpint (solace_milestone_to_celebrate (14, seen), ==, 14);
  g_assert_true (solace_progress_mark_milestones_seen (f->db, "s1", 8, &error));
  g_assert_cmpint (solace_test_query_int (f->path, "SELECT count(*) FROM milestone_seen"), ==, 3);
  g_assert_true (solace_progress_get_milestones_seen (f->db, "s2", &seen, &error));
  g_assert_cmpuint (seen, ==, 0);
}

/* The milestones still to come become one-off reminders at 10:00. */
static void
test_milestone_reminders (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDate) start = day ("2026-11-22");
  g_autofree char *keys = NULL;
  g_autofree char *seventh = NULL;
  g_autoptr(GPtrArray) reminders = NULL;
  gboolean found = FALSE;
  /* 09:00 on 27 November in Berlin: days 1 and 3 have passed, day 6 is today. */
  gint64 now = instant ("2026-11-27T08:00:00Z");

  g_assert_true (solace_progress_plan_milestones (f->db, start, now, &error));
  g_assert_no_error (error);
  keys = solace_test_query_text (f->path, "SELECT group_concat (key, ' ') FROM"
                                          " (SELECT key FROM reminder WHERE kind = 'milestone' ORDER BY dtstart)");
  g_assert_cmpstr (keys, ==, "milestone:7 milestone:14 milestone:30 milestone:60 milestone:90 milestone:180 milestone:365");
  seventh = solace_test_query_text (f->path, "SELECT rrule || ' ' || dtstart || ' ' || enabled FROM reminder WHERE key = 'milestone:7'");
  g_assert_cmpstr (seventh, ==, "FREQ=DAILY;UNTIL=20261128T100000 20261128T100000 1");

  reminders = solace_reminders_load (f->db, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < reminders->len; i++)
    {
      SolaceReminder *r = g_ptr_array_index (reminders, i);

      if (g_str_equal (solace_reminder_get_key (r), "milestone:7"))
        {
          found = TRUE;
          g_assert_cmpstr (solace_reminder_get_title (r, FALSE), ==, "Day 7 of no contact");
          g_assert_cmpstr (solace_reminder_get_body (r, FALSE), ==, solace_milestone_get_message (7));
          g_assert_cmpstr (solace_reminder_get_title (r, TRUE), ==, "Reminder");
          g_assert_nonnull (solace_reminder_get_schedule (r));
        }
    }
  g_assert_true (found);

  /* A later start moves them; the past ones go. */
  g_date_add_days (start, 30);
  g_assert_true (solace_progress_plan_milestones (f->db, start, now, &error));
  g_clear_pointer (&seventh, g_free);
  seventh = solace_test_query_text (f->path, "SELECT dtstart FROM reminder WHERE key = 'milestone:1'");
  g_assert_cmpstr (seventh, ==, "20261222T100000");
  g_assert_cmpint (solace_test_query_int (f->path, "SELECT count(*) FROM reminder WHERE kind = 'milestone'"), ==, 9);
}

static void
test_urges (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDate) today = day ("2026-11-27");
  g_autoptr(GDate) week_ago = day ("2026-11-20");
  g_autofree char *long_cause = g_strnfill (SOLACE_MAX_CAUSE_CHARS + 1, 'x');
  g_auto(GStrv) recent = NULL;
  g_autofree char *stored = NULL;
  gint64 at = instant ("2026-11-27T12:00:00Z");

  /* Out of range or too long: refused, nothing written. */
  g_assert_false (solace_progress_log_urge (f->db, at, today, 0, "", FALSE, &error));
  g_assert_error (error, SOLACE_ERROR, SOLACE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (solace_progress_log_urge (f->db, at, today, 11, "", FALSE, &error));
  g_clear_error (&error);
  g_assert_false (solace_progress_log_urge (f->db, at, today, 5, long_cause, FALSE, &error));
  g_assert_error (error, SOLACE_ERROR, SOLACE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (solace_progress_log_urge (f->db, at, today, 5, "\xff\xfe", FALSE, &error));
  g_clear_error (&error);
  g_assert_cmpint (solace_test_query_int (f->path, "SELECT count(*) FROM urge"), ==, 0);

  /* Hostile text is kept as text, on one line. */
  g_assert_true (solace_progress_log_urge (f->db, at, today, 6, "  Their\tbirthday\n'); DROP TABLE urge; -- ", FALSE, &error));
  g_assert_no_error (error);
  stored = solace_test_query_text (f->path, "SELECT cause FROM urge");
  g_assert_cmpstr (stored, ==, "Their birthday '); DROP TABLE urge; --");
  g_assert_true (solace_progress_log_urge (f->db, at + 60, today, 4, "Sunday evening", FALSE, &error));
  g_assert_true (solace_progress_log_urge (f->db, at + 120, today, 3, "sunday EVENING", FALSE, &error));
  g_assert_true (solace_progress_log_urge (f->db, at + 180, today, 3, "", FALSE, &error));

  /* Recent causes: newest first, each once, ignoring case. */
  recent = solace_progress_recent_causes (f->db, 5, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (recent), ==, 2);
  g_assert_cmpstr (recent[0], ==, "sunday EVENING");
  g_assert_cmpstr (recent[1], ==, "Their birthday '); DROP TABLE urge; --");

  g_assert_cmpint (solace_progress_count_urges (f->db, week_ago, today, &error), ==, 4);
  g_assert_cmpint (solace_progress_count_urges (f->db, week_ago, week_ago, &error), ==, 0);
}

static SolaceCheckIn *
check_in (const char *iso,
          int         mood,
          guint       signs)
{
  g_autoptr(GDate) d = day (iso);
  SolaceCheckIn *c = solace_check_in_new (d);

  c->mood = mood;
  c->signs = signs;
  return c;
}

static void
test_check_ins (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDate) today = day ("2026-11-27");
  g_autoptr(SolaceCheckIn) c = check_in ("2026-11-27", 2, SOLACE_SIGN_GUILT);
  g_autoptr(SolaceCheckIn) yesterday = check_in ("2026-11-26", 3, 0);
  g_autoptr(SolaceCheckIn) back = NULL;
  g_autoptr(GPtrArray) range = NULL;
  g_autoptr(GDate) first = day ("2026-11-01");
  const char *emotions[] = { "grief", "hope", NULL };
  const char *unknown[] = { "grief", "<b>bold</b>", NULL };

  g_strfreev (c->emotions);
  c->emotions = g_strdupv ((char **) emotions);
  c->self_care = SOLACE_SELF_CARE_SLEEP | SOLACE_SELF_CARE_OUTSIDE;
  g_free (c->note);
  c->note = g_strdup ("Quiet day. 🌧");
  g_assert_true (solace_check_in_save (f->db, c, today, &error));
  g_assert_no_error (error);

  back = solace_check_in_load (f->db, today, &error);
  g_assert_no_error (error);
  g_assert_nonnull (back);
  g_assert_cmpint (back->mood, ==, 2);
  g_assert_cmpstrv (back->emotions, emotions);
  g_assert_cmpuint (back->self_care, ==, SOLACE_SELF_CARE_SLEEP | SOLACE_SELF_CARE_OUTSIDE);
  g_assert_cmpuint (back->signs, ==, SOLACE_SIGN_GUILT);
  g_assert_cmpstr (back->note, ==, "Quiet day. 🌧");

  /* Edited the same day: still one check-in. */
  c->mood = 4;
  g_assert_true (solace_check_in_save (f->db, c, today, &error));
  g_assert_cmpint (solace_test_query_int (f->path, "SELECT count(*) FROM check_in"), ==, 1);
  g_assert_cmpint (solace_test_query_int (f->path, "SELECT mood FROM check_in"), ==, 4);

  /* Another day's, a bad mood value, an unknown feeling, a huge note:
   * refused, nothing changed. */
  g_assert_false (solace_check_in_save (f->db, yesterday, today, &error));
  g_assert_error (error, SOLACE_ERROR, SOLACE_ERROR_INVALID);
  g_clear_error (&error);
  c->mood = 6;
  g_assert_false (solace_check_in_save (f->db, c, today, &error));
  g_clear_error (&error);
  c->mood = 0;
  g_assert_false (solace_check_in_save (f->db, c, today, &error));
  g_clear_error (&error);
  c->mood = 3;
  g_strfreev (c->emotions);
  c->emotions = g_strdupv ((char **) unknown);
  g_assert_false (solace_check_in_save (f->db, c, today, &error));
  g_clear_error (&error);
  g_strfreev (c->emotions);
  c->emotions = NULL;
  g_free (c->note);
  c->note = g_strnfill (SOLACE_MAX_NOTE_CHARS + 1, 'n');
  g_assert_false (solace_check_in_save (f->db, c, today, &error));
  g_assert_error (error, SOLACE_ERROR, SOLACE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (solace_test_query_int (f->path, "SELECT mood FROM check_in"), ==, 4);
  g_assert_cmpint (solace_test_query_int (f->path, "SELECT count(*) FROM check_in"), ==, 1);

  /* None for a day without one; a range in order. */
  g_assert_null (solace_check_in_load (f->db, first, &error));
  g_assert_no_error (error);
  solace_test_exec (f->path, "INSERT INTO check_in (uuid, day, mood, created_at, updated_at) VALUES ('a', '2026-11-03', 1, 0, 0)");
  range = solace_check_in_load_range (f->db, first, today, &error);
  g_assert_cmpuint (range->len, ==, 2);
  g_assert_cmpint (((SolaceCheckIn *) g_ptr_array_index (range, 0))->mood, ==, 1);
}

static guint
help_for (const char * const *lines,
          const char         *today_iso,
          const char         *dismissed_iso)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) solace_check_in_free);
  g_autoptr(GDate) today = day (today_iso);
  g_autoptr(GDate) dismissed = dismissed_iso != NULL ? day (dismissed_iso) : NULL;

  /* "YYYY-MM-DD mood signs" */
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) parts = g_strsplit (lines[i], " ", 3);
      g_ptr_array_add (list, check_in (parts[0], atoi (parts[1]), atoi (parts[2])));
    }

  return solace_professional_help_due (list, today, dismissed);
}

static void
test_professional_help (void)
{
  const char *none[] = { NULL };
  const char *four_low_of_six[] = { "2026-11-27 1 0", "2026-11-26 2 0", "2026-11-25 4 0",
                                    "2026-11-24 2 0", "2026-11-20 1 0", "2026-11-18 3 0", NULL };
  const char *three_low[] = { "2026-11-27 1 0", "2026-11-26 1 0", "2026-11-25 2 0", NULL };
  const char *half_low[] = { "2026-11-27 1 0", "2026-11-26 2 0", "2026-11-25 1 0", "2026-11-24 2 0",
                             "2026-11-23 3 0", "2026-11-22 4 0", "2026-11-21 5 0", "2026-11-20 3 0", NULL };
  /* The fourth low day is 13 days back: inside.  14 days back: outside. */
  const char *edge_13[] = { "2026-11-27 1 0", "2026-11-26 1 0", "2026-11-25 1 0", "2026-11-14 2 0", NULL };
  const char *edge_14[] = { "2026-11-27 1 0", "2026-11-26 1 0", "2026-11-25 1 0", "2026-11-13 2 0", NULL };
  const char *signs[] = { "2026-11-27 4 0", "2026-11-20 4 8", NULL };
  const char *old_signs[] = { "2026-11-27 4 0", "2026-11-13 4 8", NULL };
  const char *future[] = { "2026-11-28 1 0", "2026-11-29 1 0", "2026-11-30 1 0", "2026-12-01 1 0", NULL };

  g_assert_cmpuint (help_for (none, "2026-11-27", NULL), ==, 0);
  g_assert_cmpuint (help_for (four_low_of_six, "2026-11-27", NULL), ==, SOLACE_HELP_LOW_MOOD);
  g_assert_cmpuint (help_for (three_low, "2026-11-27", NULL), ==, 0);
  g_assert_cmpuint (help_for (half_low, "2026-11-27", NULL), ==, 0);
  g_assert_cmpuint (help_for (edge_13, "2026-11-27", NULL), ==, SOLACE_HELP_LOW_MOOD);
  g_assert_cmpuint (help_for (edge_14, "2026-11-27", NULL), ==, 0);
  g_assert_cmpuint (help_for (signs, "2026-11-27", NULL), ==, SOLACE_HELP_SIGNS);
  g_assert_cmpuint (help_for (old_signs, "2026-11-27", NULL), ==, 0);
  g_assert_cmpuint (help_for (future, "2026-11-27", NULL), ==, 0);

  /* Dismissed: a week away, then back if the signs are still there. */
  g_assert_cmpuint (help_for (four_low_of_six, "2026-11-27", "2026-11-21"), ==, 0);
  g_assert_cmpuint (help_for (four_low_of_six, "2026-11-27", "2026-11-20"), ==, SOLACE_HELP_LOW_MOOD);
  /* A dismissal dated ahead, from a clock that was wrong, hides nothing. */
  g_assert_cmpuint (help_for (four_low_of_six, "2026-11-27", "2026-12-25"), ==, SOLACE_HELP_LOW_MOOD);
}

static void
test_weeks_and_moods (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDate) today = day ("2026-11-27");   /* a Friday */
  g_autoptr(GArray) weeks = NULL;
  g_autoptr(GArray) moods = NULL;
  g_auto(GStrv) top = NULL;
  SolaceWeek *w;

  /* ISO weeks start on Monday: Sunday the 22nd belongs to the week of
   * the 16th, and the week of the 2nd has nothing at all. */
  solace_test_exec (f->path,
                    "INSERT INTO urge (uuid, at, day, intensity, cause, outcome) VALUES"
                    " ('1', 1, '2026-11-09', 8, 'Photos', 'passed'),"
                    " ('2', 2, '2026-11-15', 6, 'photos', 'passed'),"
                    " ('3', 3, '2026-11-22', 2, 'Music', 'passed'),"
                    " ('4', 4, '2026-11-23', 3, 'Photos', 'passed'),"
                    " ('5', 5, '2026-11-27', 5, 'Night', 'reached-out'),"
                    " ('6', 6, '2026-10-01', 9, 'Old', 'passed');"
                    "INSERT INTO check_in (uuid, day, mood, self_care, created_at, updated_at) VALUES"
                    " ('a', '2026-11-25', 2, 1, 0, 0), ('b', '2026-11-26', 4, 0, 0, 0),"
                    " ('c', '2026-11-27', 5, 12, 0, 0), ('d', '2026-11-16', 3, 2, 0, 0)");

  weeks = solace_progress_weeks (f->db, today, 4, G_DATE_MONDAY, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (weeks->len, ==, 4);
  w = &g_array_index (weeks, SolaceWeek, 0);
  g_assert_cmpint (g_date_get_day (&w->first_day), ==, 2);
  g_assert_cmpint (w->urges, ==, 0);
  g_assert_true (isnan (w->mean_intensity));
  w = &g_array_index (weeks, SolaceWeek, 1);
  g_assert_cmpint (g_date_get_day (&w->first_day), ==, 9);
  g_assert_cmpint (w->urges, ==, 2);
  g_assert_cmpfloat_with_epsilon (w->mean_intensity, 7.0, 1e-9);
  w = &g_array_index (weeks, SolaceWeek, 2);
  g_assert_cmpint (w->urges, ==, 1);
  g_assert_cmpint (w->self_care_days, ==, 1);
  w = &g_array_index (weeks, SolaceWeek, 3);
  g_assert_cmpint (g_date_get_day (&w->first_day), ==, 23);
  g_assert_cmpint (w->urges, ==, 2);
  g_assert_cmpfloat_with_epsilon (w->mean_intensity, 4.0, 1e-9);
  g_assert_cmpint (w->self_care_days, ==, 2);
  g_clear_pointer (&weeks, g_array_unref);

  /* Where weeks begin on Sunday, the 22nd begins the last one. */
  weeks = solace_progress_weeks (f->db, today, 4, G_DATE_SUNDAY, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (weeks->len, ==, 4);
  w = &g_array_index (weeks, SolaceWeek, 0);
  g_assert_cmpint (g_date_get_day (&w->first_day), ==, 1);
  g_assert_cmpint (w->urges, ==, 0);
  w = &g_array_index (weeks, SolaceWeek, 1);
  g_assert_cmpint (g_date_get_day (&w->first_day), ==, 8);
  g_assert_cmpint (w->urges, ==, 1);
  w = &g_array_index (weeks, SolaceWeek, 3);
  g_assert_cmpint (g_date_get_day (&w->first_day), ==, 22);
  g_assert_cmpint (g_date_get_weekday (&w->first_day), ==, G_DATE_SUNDAY);
  g_assert_cmpint (w->urges, ==, 3);

  moods = solace_progress_moods (f->db, today, 7, &error);
  g_assert_cmpuint (moods->len, ==, 7);
  g_assert_true (isnan (g_array_index (moods, double, 0)));
  g_assert_cmpfloat (g_array_index (moods, double, 4), ==, 2.0);
  g_assert_cmpfloat (g_array_index (moods, double, 6), ==, 5.0);

  top = solace_progress_top_causes (f->db, today, 28, 2, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (top), ==, 2);
  g_assert_cmpstr (top[0], ==, "Photos\t3");
  g_assert_cmpstr (top[1], ==, "Night\t1");
}

static void
test_reasons (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  const char *reasons[] = { "I deserve calm", "   ", "I stopped seeing my friends", NULL };
  const char *expected[] = { "I deserve calm", "I stopped seeing my friends", NULL };
  g_autofree char *too_long = g_strnfill (SOLACE_MAX_REASON_CHARS + 1, 'r');
  const char *bad[] = { "fine", too_long, NULL };
  g_auto(GStrv) back = NULL;
  g_auto(GStrv) still = NULL;

  g_assert_true (solace_progress_save_reasons (f->db, reasons, &error));
  g_assert_no_error (error);
  back = solace_progress_load_reasons (f->db, &error);
  g_assert_cmpstrv (back, expected);

  g_assert_false (solace_progress_save_reasons (f->db, bad, &error));
  g_assert_error (error, SOLACE_ERROR, SOLACE_ERROR_INVALID);
  g_clear_error (&error);
  still = solace_progress_load_reasons (f->db, &error);
  g_assert_cmpstrv (still, expected);
}

/* A database Solace may only read: writing fails with a message and
 * reading still works. */
static void
test_read_only (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDate) today = day ("2026-11-27");
  g_autoptr(SolaceDatabase) reader = NULL;
  SolaceStretchSummary s;

  g_assert_true (solace_progress_set_start (f->db, today, today, &error));
  reader = solace_database_open (f->path, SOLACE_DATABASE_FLAGS_READ_ONLY, &error);
  g_assert_no_error (error);
  g_assert_false (solace_progress_log_urge (reader, 1, today, 5, "", TRUE, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_true (solace_progress_load_summary (reader, today, &s, &error));
  g_assert_cmpint (s.current_day, ==, 1);
  g_assert_cmpint (solace_test_query_int (f->path, "SELECT count(*) FROM urge"), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);
  solace_reminder_subjects_register ();

  g_test_add_func ("/progress/local-day", test_local_day);
  g_test_add_func ("/progress/stretch-across-dst", test_stretch_across_dst);
  g_test_add_func ("/progress/stage", test_stage);
  g_test_add_func ("/progress/professional-help", test_professional_help);
#define ADD(name, func) g_test_add (name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/progress/stretches", test_stretches);
  ADD ("/progress/milestones", test_milestones);
  ADD ("/progress/milestone-reminders", test_milestone_reminders);
  ADD ("/progress/urges", test_urges);
  ADD ("/progress/check-ins", test_check_ins);
  ADD ("/progress/weeks-and-moods", test_weeks_and_moods);
  ADD ("/progress/reasons", test_reasons);
  ADD ("/progress/read-only", test_read_only);
#undef ADD

  return g_test_run ();
}
