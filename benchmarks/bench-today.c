/* bench-today.c — what the Today tab reads and draws, with years of data
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Usage: bench-today DB [YEARS]
 *
 * Fills DB (made if missing) with YEARS (default 5) of daily check-ins,
 * three urges a day with causes, and a stretch ended every five weeks,
 * then times each read the Today tab makes when it refreshes (at start,
 * after a change, at midnight, when the window comes back) on the main
 * thread, the whole refresh, and drawing each chart into an image.
 */
#include "config.h"

#include <locale.h>
#include <math.h>

#include "solace-chart.h"
#include "solace-check-in.h"
#include "solace-progress.h"
#include "solace-progress-trends.h"

#define RUNS 200

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static void
report (const char *name,
        GArray     *times_us)
{
  g_array_sort (times_us, compare_doubles);
  g_print ("%-22s median %8.1f µs   p95 %8.1f µs   max %8.1f µs   (%u runs)\n",
           name,
           g_array_index (times_us, double, times_us->len / 2),
           g_array_index (times_us, double, (times_us->len * 95) / 100),
           g_array_index (times_us, double, times_us->len - 1),
           times_us->len);
}

static void
fill (SolaceDatabase *db,
      const GDate    *today,
      guint           years)
{
  static const char * const causes[] = { "Old photos", "Sunday evening", "Our song", "Their birthday",
                                         "Mutual friends", "Late at night", "A message from someone else" };
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  g_autoptr(GError) error = NULL;
  guint days = years * 365;
  GDate day = *today;

  g_date_subtract_days (&day, days);
  g_assert_true (solace_database_exec (db, "DELETE FROM check_in; DELETE FROM urge; DELETE FROM stretch", &error));
  g_assert_true (solace_database_begin (db, &error));

  for (guint i = 0; i < days; i++, g_date_add_days (&day, 1))
    {
      g_autofree char *iso = solace_day_to_iso (&day);
      g_autofree char *sql = g_strdup_printf ("INSERT INTO check_in (uuid, day, mood, emotions, self_care, signs, note,"
                                              " created_at, updated_at) VALUES"
                                              " ('%u', '%s', %d, 'sadness,hope', %d, 0, 'A note about the day', 0, 0)",
                                              i, iso, g_rand_int_range (rand, 1, 6), g_rand_int_range (rand, 0, 64));

      g_assert_true (solace_database_exec (db, sql, &error));
      for (guint u = 0; u < 3; u++)
        {
          g_autofree char *urge = g_strdup_printf ("INSERT INTO urge (uuid, at, day, intensity, cause, outcome)"
                                                   " VALUES ('%u-%u', %u, '%s', %d, '%s', 'passed')",
                                                   i, u, i * 86400 + u, iso, g_rand_int_range (rand, 1, 11),
                                                   causes[g_rand_int_range (rand, 0, G_N_ELEMENTS (causes))]);
          g_assert_true (solace_database_exec (db, urge, &error));
        }
      if (i % 35 == 0)
        {
          GDate end = day;
          g_autofree char *start_iso = NULL;
          g_autofree char *end_iso = NULL;
          g_autofree char *stretch = NULL;

          g_date_add_days (&end, 35);
          start_iso = solace_day_to_iso (&day);
          end_iso = solace_day_to_iso (&end);
          stretch = g_date_compare (&end, today) < 0
            ? g_strdup_printf ("INSERT INTO stretch (uuid, started_on, ended_on, created_at) VALUES ('s%u', '%s', '%s', 0)",
                               i, start_iso, end_iso)
            : g_strdup_printf ("INSERT INTO stretch (uuid, started_on, created_at) VALUES ('s%u', '%s', 0)", i, start_iso);
          g_assert_true (solace_database_exec (db, stretch, &error));
        }
    }

  g_assert_true (solace_database_commit (db, &error));
}

typedef void (*Step) (SolaceDatabase *db, const GDate *today);

static void
step_summary (SolaceDatabase *db, const GDate *today)
{
  SolaceStretchSummary s;

  g_assert_true (solace_progress_load_summary (db, today, &s, NULL));
}

static void
step_stage (SolaceDatabase *db, const GDate *today)
{
  GDate first = *today;

  g_date_subtract_days (&first, 13);
  g_assert_cmpint (solace_progress_count_urges (db, &first, today, NULL), >=, 0);
}

static void
step_help (SolaceDatabase *db, const GDate *today)
{
  g_autoptr(GPtrArray) recent = NULL;
  GDate first = *today;

  g_date_subtract_days (&first, 13);
  recent = solace_check_in_load_range (db, &first, today, NULL);
  solace_professional_help_due (recent, today, NULL);
}

static void
step_check_in (SolaceDatabase *db, const GDate *today)
{
  g_autoptr(SolaceCheckIn) check_in = solace_check_in_load (db, today, NULL);
}

static void
step_insights (SolaceDatabase *db, const GDate *today)
{
  g_autoptr(GArray) moods = solace_progress_moods (db, today, 84, NULL);
  g_autoptr(GArray) weeks = solace_progress_weeks (db, today, 12, G_DATE_MONDAY, NULL);
  g_auto(GStrv) causes = solace_progress_top_causes (db, today, 84, 5, NULL);

  g_assert_nonnull (moods);
  g_assert_nonnull (weeks);
  g_assert_nonnull (causes);
}

static void
step_refresh (SolaceDatabase *db, const GDate *today)
{
  guint seen;

  step_summary (db, today);
  step_stage (db, today);
  solace_progress_get_milestones_seen (db, "s0", &seen, NULL);
  step_help (db, today);
  step_check_in (db, today);
  step_insights (db, today);
}

static void
time_step (const char     *name,
           Step            step,
           SolaceDatabase *db,
           const GDate    *today)
{
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));

  for (guint i = 0; i < RUNS; i++)
    {
      gint64 start = g_get_monotonic_time ();
      double us;

      step (db, today);
      us = g_get_monotonic_time () - start;
      g_array_append_val (times, us);
    }

  report (name, times);
}

static void
time_chart (const char      *name,
            SolaceChartData *data)
{
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 520, 150);
  GdkRGBA fg = { 0.2, 0.2, 0.2, 1 };
  GdkRGBA accent = { 0.11, 0.44, 0.85, 1 };

  for (guint i = 0; i < RUNS; i++)
    {
      cairo_t *cr = cairo_create (surface);
      gint64 start = g_get_monotonic_time ();
      double us;

      solace_chart_render (data, cr, 520, 150, &fg, &accent);
      cairo_surface_flush (surface);
      us = g_get_monotonic_time () - start;
      g_array_append_val (times, us);
      cairo_destroy (cr);
    }
  cairo_surface_destroy (surface);

  report (name, times);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SolaceDatabase) db = NULL;
  g_autoptr(GTimeZone) tz = g_time_zone_new_local ();
  g_autoptr(GDate) today = solace_local_day (tz, g_get_real_time () / G_USEC_PER_SEC);
  g_autoptr(SolaceChartData) line = solace_chart_data_new (SOLACE_CHART_LINE, 1, 5);
  g_autoptr(SolaceChartData) bars = solace_chart_data_new (SOLACE_CHART_BARS, 0, 4);
  g_autoptr(GArray) moods = NULL;
  g_autoptr(GArray) weeks = NULL;
  guint years;
  gint64 start;

  setlocale (LC_ALL, "");
  if (argc < 2)
    {
      g_printerr ("Usage: %s DB [YEARS]\n", argv[0]);
      return 2;
    }
  years = argc > 2 ? (guint) g_ascii_strtoull (argv[2], NULL, 10) : 5;
  if (years < 1 || years > 50)
    {
      g_printerr ("YEARS is a number from 1 to 50.\n");
      return 2;
    }

  db = solace_database_open (argv[1], SOLACE_DATABASE_FLAGS_NONE, &error);
  if (db == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  start = g_get_monotonic_time ();
  fill (db, today, years);
  g_print ("Filled %u years: %u check-ins, %u urges (%.1f s)\n", years, years * 365, years * 365 * 3,
           (g_get_monotonic_time () - start) / 1e6);

  time_step ("counter (all stretches)", step_summary, db, today);
  time_step ("stage (14 days)", step_stage, db, today);
  time_step ("help card (14 days)", step_help, db, today);
  time_step ("today's check-in", step_check_in, db, today);
  time_step ("insights (12 weeks)", step_insights, db, today);
  time_step ("whole refresh", step_refresh, db, today);

  moods = solace_progress_moods (db, today, 84, NULL);
  for (guint i = 0; i < moods->len; i++)
    solace_chart_data_add (line, i % 7 == 0 ? "1 Nov" : NULL, g_array_index (moods, double, i), NAN);
  weeks = solace_progress_weeks (db, today, 12, G_DATE_MONDAY, NULL);
  for (guint i = 0; i < weeks->len; i++)
    solace_chart_data_add (bars, "1 Nov", g_array_index (weeks, SolaceWeek, i).urges,
                           g_array_index (weeks, SolaceWeek, i).mean_intensity);
  time_chart ("draw mood (84 days)", line);
  time_chart ("draw urges (12 weeks)", bars);

  return 0;
}
