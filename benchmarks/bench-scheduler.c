/* bench-scheduler.c — how long planning takes with many reminders
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Usage: bench-scheduler DB [N] [QUIET_MINUTES]
 *
 * Fills DB (made if missing) with N reminders that are on (default 500),
 * none due within QUIET_MINUTES of now (default 0), then times:
 *   load   — reading them and working out each one's next instant;
 *   plan   — a run with nothing due: what happens at every wake-up;
 *   reload — what a "replan" from the window costs;
 *   upcoming — the next 10, as `solace --upcoming` prints them.
 * The file is left for benchmarks/reminders.sh to start the service on.
 */
#include "config.h"

#include <locale.h>

#include "solace-reminder-subjects.h"
#include "solace-reminders.h"
#include "solace-scheduler.h"

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
  g_print ("%-9s median %8.1f µs   p95 %8.1f µs   max %8.1f µs   (%u runs)\n",
           name,
           g_array_index (times_us, double, times_us->len / 2),
           g_array_index (times_us, double, (times_us->len * 95) / 100),
           g_array_index (times_us, double, times_us->len - 1),
           times_us->len);
}

/* A local time of day at least @quiet minutes away from now, either way. */
static guint
pick_minute (GRand *rand,
             guint  now_minute,
             guint  quiet)
{
  for (;;)
    {
      guint minute = g_rand_int_range (rand, 0, 24 * 60);
      guint distance = (minute + 24 * 60 - now_minute) % (24 * 60);

      if (distance > quiet + 5)
        return minute;
    }
}

static void
fill (SolaceDatabase *db,
      guint           n,
      guint           quiet)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  guint now_minute = g_date_time_get_hour (now) * 60 + g_date_time_get_minute (now);
  g_autoptr(GError) error = NULL;

  g_assert_true (solace_database_exec (db, "DELETE FROM reminder WHERE kind = 'boundary'", &error));
  g_assert_true (solace_database_begin (db, &error));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(sqlite3_stmt) stmt = NULL;
      g_autofree char *key = g_strdup_printf ("boundary:bench-%u", i);
      g_autofree char *rrule = NULL;
      g_autofree char *dtstart = NULL;
      guint minute = pick_minute (rand, now_minute, quiet);

      /* The shapes the preferences make, in turn; every minute of the
       * day but the quiet stretch. */
      switch (i % 4)
        {
        case 0:
          rrule = g_strdup ("FREQ=DAILY");
          break;
        case 1:
          rrule = g_strdup ("FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR,SA,SU");
          break;
        case 2:
          rrule = g_strdup_printf ("FREQ=DAILY;INTERVAL=%d", g_rand_int_range (rand, 2, 8));
          break;
        default:
          /* Twice a day, twelve hours apart, both clear of the stretch. */
          minute = minute % (12 * 60);
          while ((minute + 24 * 60 - now_minute) % (12 * 60) <= quiet + 5)
            minute = (minute + 37) % (12 * 60);
          rrule = g_strdup_printf ("FREQ=DAILY;BYHOUR=%u,%u;BYMINUTE=%u",
                                   minute / 60, minute / 60 + 12, minute % 60);
          break;
        }
      dtstart = g_strdup_printf ("20260101T%02u%02u00", minute / 60, minute % 60);

      stmt = solace_database_prepare (db,
                                      "INSERT INTO reminder (key, kind, enabled, rrule, dtstart, last_due, updated_at)"
                                      " VALUES (?1, 'boundary', 1, ?2, ?3, strftime ('%s', 'now'), strftime ('%s', 'now'))",
                                      &error);
      g_assert_no_error (error);
      sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 2, rrule, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 3, dtstart, -1, SQLITE_TRANSIENT);
      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
    }

  g_assert_true (solace_database_commit (db, &error));
}

static double
elapsed_us (gint64 start)
{
  return (double) (g_get_monotonic_time () - start);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(SolaceDatabase) db = NULL;
  g_autoptr(SolaceScheduler) scheduler = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) load = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) plan = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) reload = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) upcoming = g_array_new (FALSE, FALSE, sizeof (double));
  guint n = argc > 2 ? (guint) g_ascii_strtoull (argv[2], NULL, 10) : 500;
  guint quiet = argc > 3 ? (guint) g_ascii_strtoull (argv[3], NULL, 10) : 0;

  setlocale (LC_ALL, "");
  /* As the reminder service does. */
  solace_reminder_subjects_register ();

  if (argc < 2)
    {
      g_printerr ("Usage: %s DB [N] [QUIET_MINUTES]\n", argv[0]);
      return 2;
    }

  db = solace_database_open (argv[1], SOLACE_DATABASE_FLAGS_NONE, &error);
  if (db == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  fill (db, n, quiet);
  /* Boundaries' reminders with no boundary are off: these stand for
   * ones whose boundary is there.  Then the scheduler reads
   * reminders.db alone, as the reminder service does. */
  g_assert_true (solace_database_exec (db, "UPDATE reminder SET active = 1 WHERE key LIKE 'boundary:bench-%'", &error));
  g_clear_object (&db);
  {
    g_autofree char *reminders = solace_database_dup_reminders_path (argv[1]);

    db = solace_database_open (reminders, SOLACE_DATABASE_FLAGS_REMINDERS, &error);
    g_assert_no_error (error);
  }
  scheduler = solace_scheduler_new (db);

  for (guint i = 0; i < 20; i++)
    {
      gint64 start = g_get_monotonic_time ();
      g_assert_true (solace_scheduler_load (scheduler, &error));
      g_array_append_val (load, (double) { elapsed_us (start) });
    }

  for (guint i = 0; i < 2000; i++)
    {
      gint64 start = g_get_monotonic_time ();
      solace_scheduler_run (scheduler);
      g_array_append_val (plan, (double) { elapsed_us (start) });
    }

  for (guint i = 0; i < 20; i++)
    {
      gint64 start = g_get_monotonic_time ();
      g_assert_true (solace_scheduler_reload (scheduler, &error));
      g_array_append_val (reload, (double) { elapsed_us (start) });
    }

  for (guint i = 0; i < 20; i++)
    {
      gint64 start = g_get_monotonic_time ();
      g_autoptr(GArray) next = solace_scheduler_list_upcoming (scheduler, 10);
      g_array_append_val (upcoming, (double) { elapsed_us (start) });
    }

  g_print ("%u reminders on; next wake-up in %" G_GINT64_FORMAT " s\n", n,
           solace_scheduler_get_next_wake (scheduler) - g_get_real_time () / G_USEC_PER_SEC);
  report ("load", load);
  report ("plan", plan);
  report ("reload", reload);
  report ("upcoming", upcoming);

  return 0;
}
