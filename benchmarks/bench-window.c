/* bench-window.c — measurement hooks for benchmarks/run.sh
 *
 * Compiled only into the benchmarks' builds of Solace (solace-bench-app,
 * solace-bench-unlock), never into the app people run: those builds link
 * the same library as `solace` and watch the application for its main
 * window from outside.
 *
 * With SOLACE_BENCH=startup the app prints when its first frame was
 * drawn and, once the journal list has loaded, its resident memory, then
 * quits.  With SOLACE_BENCH=scroll it scrolls the journal list the way a
 * person would and prints how long the frames took.  Only numbers are
 * printed, never anything from the journal.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "solace-bench"

#include "config.h"

#include <stdio.h>

#include "bench-memory.h"
#include "bench-window.h"
#include "solace-application.h"
#include "solace-journal-page.h"
#include "solace-window.h"

/* A hard wheel or touchpad fling: half a screen a frame (thirty screens
 * a second, every row readable as it passes), for
 * this many frames from each of these points in the list. */
#define WHEEL_FRAMES 120
static const double wheel_starts[] = { 0.0, 0.2, 0.4, 0.6, 0.8, 0.98 };

/* A frame that took longer than this missed its slot at 60 Hz. */
#define FRAME_BUDGET_US (G_USEC_PER_SEC / 60 + 2000)

typedef enum {
  PHASE_WHEEL,
  PHASE_DRAG,
} Phase;

typedef struct {
  GArray *gaps;
  gint64  worst;
  guint   over_budget;
} Stats;

typedef struct {
  SolaceWindow *window;
  Stats         wheel;
  Stats         drag;
  Phase         phase;
  guint         start_index;
  guint         frames_here;
  gint64        last_frame;
  gboolean      reported;
} Bench;

static int
compare_gaps (gconstpointer a,
              gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return (x > y) - (x < y);
}

static void
stats_add (Stats  *stats,
           gint64  gap)
{
  g_array_append_val (stats->gaps, gap);
  stats->worst = MAX (stats->worst, gap);
  if (gap > FRAME_BUDGET_US)
    stats->over_budget++;
}

static void
stats_print (Stats      *stats,
             const char *name)
{
  gint64 median = 0;

  if (stats->gaps->len > 0)
    {
      g_array_sort (stats->gaps, compare_gaps);
      median = g_array_index (stats->gaps, gint64, stats->gaps->len / 2);
    }

  printf ("scroll-%s-frames %u\n", name, stats->gaps->len);
  printf ("scroll-%s-median-frame-ms %.1f\n", name, median / 1000.0);
  printf ("scroll-%s-worst-frame-ms %.1f\n", name, stats->worst / 1000.0);
  printf ("scroll-%s-frames-over-budget %u\n", name, stats->over_budget);
}

static void
bench_free (Bench *bench)
{
  g_array_unref (bench->wheel.gaps);
  g_array_unref (bench->drag.gaps);
  g_free (bench);
}

static void
quit (Bench *bench)
{
  fflush (stdout);
  g_application_quit (G_APPLICATION (gtk_window_get_application (GTK_WINDOW (bench->window))));
}

static void
report_scroll (Bench *bench)
{
  stats_print (&bench->wheel, "wheel");
  stats_print (&bench->drag, "drag");
  bench_print_memory ();
  quit (bench);
}

static gboolean
scroll_tick_cb (GtkWidget     *widget,
                GdkFrameClock *clock,
                gpointer       user_data)
{
  Bench *bench = user_data;
  SolaceJournalPage *page = solace_window_get_journal_page (bench->window);
  GtkAdjustment *adj = solace_journal_page_get_list_adjustment (page);
  gint64 now = g_get_monotonic_time ();
  double upper = gtk_adjustment_get_upper (adj);
  double page_size = gtk_adjustment_get_page_size (adj);
  double value = gtk_adjustment_get_value (adj);
  gint64 gap = bench->last_frame != 0 ? now - bench->last_frame : 0;

  bench->last_frame = now;

  if (solace_journal_store_get_loading (solace_journal_page_get_store (page)))
    return G_SOURCE_CONTINUE;

  /* Nothing to scroll (an empty journal): a few frames, then report
   * what there is, the memory above all. */
  if (upper <= page_size)
    {
      if (++bench->frames_here < 10)
        return G_SOURCE_CONTINUE;
      report_scroll (bench);
      return G_SOURCE_REMOVE;
    }

  if (bench->phase == PHASE_WHEEL)
    {
      /* A tick measures the frame before it, so the first two ticks
       * after a jump to a new starting point time the jump itself, which
       * is what the drag phase measures. */
      if (bench->frames_here > 2)
        stats_add (&bench->wheel, gap);

      if (bench->frames_here == 0 || bench->frames_here >= WHEEL_FRAMES)
        {
          if (bench->frames_here >= WHEEL_FRAMES)
            bench->start_index++;

          if (bench->start_index >= G_N_ELEMENTS (wheel_starts))
            {
              bench->phase = PHASE_DRAG;
              bench->frames_here = 0;
              gtk_adjustment_set_value (adj, 0);
              return G_SOURCE_CONTINUE;
            }

          bench->frames_here = 1;
          gtk_adjustment_set_value (adj, wheel_starts[bench->start_index] * (upper - page_size));
          return G_SOURCE_CONTINUE;
        }

      bench->frames_here++;
      gtk_adjustment_set_value (adj, MIN (value + page_size / 2, upper - page_size));
      return G_SOURCE_CONTINUE;
    }

  /* Dragging the scroll bar from top to bottom in about ten seconds:
   * every frame lands on rows never shown before. */
  if (bench->frames_here > 1)
    stats_add (&bench->drag, gap);
  bench->frames_here++;

  if (value + page_size >= upper - 1)
    {
      report_scroll (bench);
      return G_SOURCE_REMOVE;
    }

  gtk_adjustment_set_value (adj, MIN (value + MAX (page_size, upper / 600.0), upper - page_size));

  return G_SOURCE_CONTINUE;
}

static gboolean
startup_tick_cb (GtkWidget     *widget,
                 GdkFrameClock *clock,
                 gpointer       user_data)
{
  Bench *bench = user_data;
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (bench->window));
  /* From the application, not the Journal page: asking the window for
   * the page would build it, which opening on Today does not do. */
  SolaceJournalStore *store = solace_application_get_journal (SOLACE_APPLICATION (app));

  if (!bench->reported)
    {
      /* CLOCK_MONOTONIC, the clock the benchmark script started on. */
      printf ("first-frame-monotonic-us %" G_GINT64_FORMAT "\n", g_get_monotonic_time ());
      bench->reported = TRUE;
    }

  if (store != NULL && solace_journal_store_get_loading (store))
    return G_SOURCE_CONTINUE;

  printf ("loaded-monotonic-us %" G_GINT64_FORMAT "\n", g_get_monotonic_time ());
  bench_print_memory ();
  quit (bench);

  return G_SOURCE_REMOVE;
}

static void
attach (SolaceWindow *window)
{
  const char *mode = g_getenv ("SOLACE_BENCH");
  Bench *bench;

  if (mode == NULL || g_object_get_data (G_OBJECT (window), "solace-bench") != NULL)
    return;

  bench = g_new0 (Bench, 1);
  bench->window = window;
  bench->wheel.gaps = g_array_new (FALSE, FALSE, sizeof (gint64));
  bench->drag.gaps = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_object_set_data_full (G_OBJECT (window), "solace-bench", bench, (GDestroyNotify) bench_free);

  if (g_str_equal (mode, "startup"))
    gtk_widget_add_tick_callback (GTK_WIDGET (window), startup_tick_cb, bench, NULL);
  else if (g_str_equal (mode, "scroll"))
    {
      solace_window_show_page (window, "journal");
      gtk_widget_add_tick_callback (GTK_WIDGET (window), scroll_tick_cb, bench, NULL);
    }
}

static void
window_added_cb (GtkApplication *app,
                 GtkWindow      *window)
{
  /* The main window only: not the lock screen, not the welcome. */
  if (SOLACE_IS_WINDOW (window))
    attach (SOLACE_WINDOW (window));
}

void
bench_window_watch (GtkApplication *app)
{
  if (g_getenv ("SOLACE_BENCH") != NULL)
    g_signal_connect (app, "window-added", G_CALLBACK (window_added_cb), NULL);
}
