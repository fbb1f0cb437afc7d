/* test-breathing.c — the box-breathing guide, by the numbers and on screen
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <float.h>
#include <math.h>

#include "solace-breathing.h"
#include "solace-test-app.h"
#include "solace-test-utils.h"

#define IDLE_TEXT     "Ready when you are"
#define FINISHED_TEXT "Nicely done. Take a moment to notice how you feel."

/* The pure arithmetic. */

typedef struct {
  double   elapsed;
  gboolean more;
  guint    phase;
  guint    count;
  guint    round;
  double   fraction;
} Position;

static void
check_position (double          phase_seconds,
                guint           rounds,
                const Position *want)
{
  guint phase = 99;
  guint count = 99;
  guint round = 99;
  double fraction = -1;
  gboolean more;

  more = solace_breathing_position (want->elapsed, phase_seconds, rounds,
                                    &phase, &count, &round, &fraction);
  if (more != want->more || phase != want->phase || count != want->count ||
      round != want->round || fabs (fraction - want->fraction) > 1e-6)
    g_error ("%g s of %g s × 4 × %u: got %d phase %u count %u round %u fraction %g, "
             "want %d phase %u count %u round %u fraction %g",
             want->elapsed, phase_seconds, rounds,
             more, phase, count, round, fraction,
             want->more, want->phase, want->count, want->round, want->fraction);
}

static void
test_position_default (void)
{
  const Position table[] = {
    { 0.0,   TRUE,  0, 4, 1, 0.0 },
    { 0.5,   TRUE,  0, 4, 1, 0.125 },
    { 1.0,   TRUE,  0, 3, 1, 0.25 },
    { 3.0,   TRUE,  0, 1, 1, 0.75 },
    { 3.9,   TRUE,  0, 1, 1, 0.975 },
    { 4.0,   TRUE,  1, 4, 1, 0.0 },
    { 8.0,   TRUE,  2, 4, 1, 0.0 },
    { 12.0,  TRUE,  3, 4, 1, 0.0 },
    { 15.99, TRUE,  3, 1, 1, 0.9975 },
    { 16.0,  TRUE,  0, 4, 2, 0.0 },
    { 33.5,  TRUE,  0, 3, 3, 0.375 },
    { 63.9,  TRUE,  3, 1, 4, 0.975 },
    { 64.0,  FALSE, 3, 0, 4, 1.0 },
    { 64.1,  FALSE, 3, 0, 4, 1.0 },
    { 1e6,   FALSE, 3, 0, 4, 1.0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (table); i++)
    check_position (4.0, 4, &table[i]);
}

static void
test_position_custom (void)
{
  const Position short_table[] = {
    { 0.0,    TRUE,  0, 1, 1, 0.0 },
    { 0.199,  TRUE,  0, 1, 1, 0.995 },
    { 0.2,    TRUE,  1, 1, 1, 0.0 },
    /* 0.6 / 0.2 is 2.9999… in binary: still the fourth phase. */
    { 0.6,    TRUE,  3, 1, 1, 0.0 },
    { 0.8,    TRUE,  0, 1, 2, 0.0 },
    { 1.5999, TRUE,  3, 1, 2, 0.9995 },
    { 1.6,    FALSE, 3, 0, 2, 1.0 },
  };
  const Position uneven_table[] = {
    { 0.0,  TRUE,  0, 2, 1, 0.0 },
    { 0.49, TRUE,  0, 2, 1, 0.49 / 1.5 },
    { 0.5,  TRUE,  0, 1, 1, 0.5 / 1.5 },
    { 1.5,  TRUE,  1, 2, 1, 0.0 },
    { 5.9,  TRUE,  3, 1, 1, 1.4 / 1.5 },
    { 6.0,  FALSE, 3, 0, 1, 1.0 },
  };
  const Position long_table[] = {
    { 30.0, TRUE,  3, 10, 1, 0.0 },
    { 39.5, TRUE,  3, 1,  1, 0.95 },
    { 40.0, FALSE, 3, 0,  1, 1.0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (short_table); i++)
    check_position (0.2, 2, &short_table[i]);
  for (guint i = 0; i < G_N_ELEMENTS (uneven_table); i++)
    check_position (1.5, 1, &uneven_table[i]);
  for (guint i = 0; i < G_N_ELEMENTS (long_table); i++)
    check_position (10.0, 1, &long_table[i]);
}

static void
test_position_odd_input (void)
{
  const Position start = { 0.0, TRUE, 0, 4, 1, 0.0 };
  const Position end = { 0.0, FALSE, 3, 0, 4, 1.0 };
  const Position nothing = { 0.0, FALSE, 0, 0, 0, 0.0 };
  const double as_start[] = { NAN, -NAN, -0.0, -1.0, -1e300, -INFINITY, -DBL_MAX };
  const double past_end[] = { INFINITY, DBL_MAX, 1e300, 64.0 + 1e-9 };
  const double bad_phase[] = { 0.0, -0.0, -4.0, NAN, INFINITY, -INFINITY };
  guint phase = 99;
  guint round = 99;

  for (guint i = 0; i < G_N_ELEMENTS (as_start); i++)
    {
      Position want = start;

      want.elapsed = as_start[i];
      check_position (4.0, 4, &want);
    }
  for (guint i = 0; i < G_N_ELEMENTS (past_end); i++)
    {
      Position want = end;

      want.elapsed = past_end[i];
      check_position (4.0, 4, &want);
    }
  for (guint i = 0; i < G_N_ELEMENTS (bad_phase); i++)
    check_position (bad_phase[i], 4, &nothing);
  check_position (4.0, 0, &nothing);

  /* Huge but finite timings, and nothing asked for back. */
  g_assert_true (solace_breathing_position (1e10, 4.0, G_MAXUINT, &phase, NULL, &round, NULL));
  g_assert_cmpuint (phase, ==, 0);
  g_assert_cmpuint (round, ==, 625000001);
  g_assert_false (solace_breathing_position (1e12, 4.0, G_MAXUINT, NULL, NULL, NULL, NULL));
  g_assert_true (solace_breathing_position (1e300, DBL_MAX, G_MAXUINT, NULL, NULL, NULL, NULL));
  g_assert_false (solace_breathing_position (5.0, 1e-300, G_MAXUINT, NULL, NULL, NULL, NULL));
  g_assert_true (solace_breathing_position (1e-290, 1e-300, G_MAXUINT, NULL, NULL, &round, NULL));
  g_assert_cmpuint (round, >, 2000000000u);
  g_assert_true (solace_breathing_position (0.0, 1e300, 1, NULL, NULL, &round, NULL));
  g_assert_cmpuint (round, ==, 1);
}

/* The widget in a window, watched as a person would: the labels that
 * show, sampled between main loop iterations. */

typedef struct _Fixture Fixture;

struct _Fixture {
  GtkWindow       *window;
  SolaceBreathing *breathing;
  GString         *screens;       /* each new screen on a line */
  char            *last_screen;
  GString         *phase_notes;   /* each ::notify::phase-text on a line */
  guint            clocks_seen;   /* 1 << SolaceBreathingClock */
  guint            finished;
  guint            animated_notes;
  gint64           started_at;
  gint64           finished_at;
  gboolean       (*until) (Fixture *f);
  const char      *until_screen;
  gboolean         destroy_on_finish;
};

static void
set_animations (gboolean enabled)
{
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", enabled, NULL);
}

static void
collect_labels (GtkWidget *widget,
                GString   *out)
{
  if (!gtk_widget_get_visible (widget))
    return;

  if (GTK_IS_LABEL (widget))
    g_string_append_printf (out, "%s%s", out->len > 0 ? "|" : "",
                            gtk_label_get_label (GTK_LABEL (widget)));

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_labels (child, out);
}

static char *
screen_text (Fixture *f)
{
  GString *out = g_string_new (NULL);

  collect_labels (GTK_WIDGET (f->breathing), out);

  return g_string_free (out, FALSE);
}

static void
record (Fixture *f)
{
  g_autofree char *screen = screen_text (f);

  f->clocks_seen |= 1u << solace_breathing_get_clock (f->breathing);
  if (g_strcmp0 (screen, f->last_screen) == 0)
    return;

  g_string_append_printf (f->screens, "%s\n", screen);
  g_free (f->last_screen);
  f->last_screen = g_steal_pointer (&screen);
}

static void
forget (Fixture *f)
{
  g_string_truncate (f->screens, 0);
  g_string_truncate (f->phase_notes, 0);
  g_clear_pointer (&f->last_screen, g_free);
  f->clocks_seen = 0;
  if (f->breathing != NULL)
    record (f);
}

static gboolean
watch_cb (gpointer data)
{
  Fixture *f = data;

  if (f->breathing != NULL)
    record (f);

  return f->until != NULL && f->until (f);
}

/* Runs the main loop for up to @timeout_ms, recording every screen,
 * until @until says so.  Returns what it said last. */
static gboolean
watch (Fixture  *f,
       gboolean (*until) (Fixture *f),
       guint     timeout_ms)
{
  gboolean done;

  f->until = until;
  done = solace_test_wait_until (watch_cb, f, timeout_ms);
  f->until = NULL;

  return done;
}

static gboolean
is_finished (Fixture *f)
{
  return f->finished > 0;
}

static gboolean
is_mapped (Fixture *f)
{
  return gtk_widget_get_mapped (GTK_WIDGET (f->breathing));
}

static gboolean
shows_until_screen (Fixture *f)
{
  return g_strcmp0 (f->last_screen, f->until_screen) == 0;
}

static void
wait_for_screen (Fixture    *f,
                 const char *screen)
{
  f->until_screen = screen;
  if (!watch (f, shows_until_screen, 10000))
    g_error ("never showed \"%s\"; saw:\n%s", screen, f->screens->str);
}

static void
finished_cb (SolaceBreathing *breathing,
             Fixture         *f)
{
  f->finished++;
  f->finished_at = g_get_monotonic_time ();
  g_assert_false (solace_breathing_get_running (breathing));
  g_assert_cmpstr (solace_breathing_get_phase_text (breathing), ==, FINISHED_TEXT);

  if (f->destroy_on_finish)
    g_clear_pointer (&f->window, gtk_window_destroy);
}

static void
phase_text_cb (SolaceBreathing *breathing,
               GParamSpec      *pspec,
               Fixture         *f)
{
  g_string_append_printf (f->phase_notes, "%s\n", solace_breathing_get_phase_text (breathing));
}

static void
animated_cb (Fixture *f)
{
  f->animated_notes++;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  set_animations (TRUE);
  f->screens = g_string_new (NULL);
  f->phase_notes = g_string_new (NULL);

  f->breathing = g_object_ref_sink (SOLACE_BREATHING (solace_breathing_new ()));
  g_signal_connect (f->breathing, "finished", G_CALLBACK (finished_cb), f);
  g_signal_connect (f->breathing, "notify::phase-text", G_CALLBACK (phase_text_cb), f);
  g_signal_connect_swapped (f->breathing, "notify::animated", G_CALLBACK (animated_cb), f);

  f->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_child (f->window, GTK_WIDGET (f->breathing));
  gtk_window_present (f->window);
  g_assert_true (watch (f, is_mapped, 5000));
  forget (f);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_pointer (&f->window, gtk_window_destroy);
  /* Nothing left to fire on a widget that is gone. */
  solace_test_spin (100);
  g_assert_finalize_object (f->breathing);
  g_string_free (f->screens, TRUE);
  g_string_free (f->phase_notes, TRUE);
  g_free (f->last_screen);
  set_animations (TRUE);
}

/* Phases under a second, two rounds: every screen, in order, none missed. */
#define TWO_SHORT_ROUNDS \
  "Breathe in|1|Round 1 of 2\n" \
  "Hold|1|Round 1 of 2\n" \
  "Breathe out|1|Round 1 of 2\n" \
  "Hold|1|Round 1 of 2\n" \
  "Breathe in|1|Round 2 of 2\n" \
  "Hold|1|Round 2 of 2\n" \
  "Breathe out|1|Round 2 of 2\n" \
  "Hold|1|Round 2 of 2\n" \
  FINISHED_TEXT "\n"

static void
test_idle (Fixture       *f,
           gconstpointer  data)
{
  g_assert_false (solace_breathing_get_running (f->breathing));
  g_assert_true (solace_breathing_get_animated (f->breathing));
  g_assert_cmpint (solace_breathing_get_clock (f->breathing), ==, SOLACE_BREATHING_CLOCK_NONE);
  g_assert_cmpstr (solace_breathing_get_phase_text (f->breathing), ==, IDLE_TEXT);
  g_assert_cmpstr (f->last_screen, ==, IDLE_TEXT);

  /* Stopping what never started changes nothing. */
  solace_breathing_stop (f->breathing);
  watch (f, NULL, 200);
  g_assert_cmpstr (f->screens->str, ==, IDLE_TEXT "\n");
  g_assert_cmpuint (f->clocks_seen, ==, 1u << SOLACE_BREATHING_CLOCK_NONE);
  g_assert_cmpuint (f->finished, ==, 0);
}

static void
test_animated (Fixture       *f,
               gconstpointer  data)
{
  double seconds;

  solace_breathing_set_timing (f->breathing, 0.2, 2);
  forget (f);
  f->started_at = g_get_monotonic_time ();
  solace_breathing_start (f->breathing);
  g_assert_true (solace_breathing_get_running (f->breathing));
  g_assert_cmpint (solace_breathing_get_clock (f->breathing), ==, SOLACE_BREATHING_CLOCK_FRAMES);
  g_assert_cmpstr (solace_breathing_get_phase_text (f->breathing), ==, "Breathe in");

  g_assert_true (watch (f, is_finished, 10000));
  seconds = (f->finished_at - f->started_at) / (double) G_USEC_PER_SEC;
  g_test_message ("finished after %.2f s", seconds);
  /* Paced by the frame clock, not by the number of frames. */
  g_assert_cmpfloat (seconds, >=, 1.5);
  g_assert_cmpfloat (seconds, <, 10.0);

  g_assert_cmpstr (f->screens->str, ==, IDLE_TEXT "\n" TWO_SHORT_ROUNDS);
  g_assert_cmpstr (f->phase_notes->str, ==,
                   "Breathe in\nHold\nBreathe out\nHold\n"
                   "Breathe in\nHold\nBreathe out\nHold\n"
                   FINISHED_TEXT "\n");
  g_assert_cmpuint (f->clocks_seen & (1u << SOLACE_BREATHING_CLOCK_TIMER), ==, 0);
  g_assert_cmpuint (f->finished, ==, 1);
  g_assert_false (solace_breathing_get_running (f->breathing));
  g_assert_cmpint (solace_breathing_get_clock (f->breathing), ==, SOLACE_BREATHING_CLOCK_NONE);

  /* And then it rests. */
  watch (f, NULL, 300);
  g_assert_cmpuint (f->finished, ==, 1);
  g_assert_cmpstr (f->last_screen, ==, FINISHED_TEXT);
}

static void
test_reduced_motion (Fixture       *f,
                     gconstpointer  data)
{
  double seconds;

  set_animations (FALSE);
  g_assert_false (solace_breathing_get_animated (f->breathing));
  g_assert_cmpuint (f->animated_notes, ==, 1);

  /* Long enough phases to count down in whole seconds: 2, then 1. */
  solace_breathing_set_timing (f->breathing, 1.5, 1);
  forget (f);
  f->started_at = g_get_monotonic_time ();
  solace_breathing_start (f->breathing);
  g_assert_cmpint (solace_breathing_get_clock (f->breathing), ==, SOLACE_BREATHING_CLOCK_TIMER);

  g_assert_true (watch (f, is_finished, 20000));
  seconds = (f->finished_at - f->started_at) / (double) G_USEC_PER_SEC;
  g_test_message ("finished after %.2f s", seconds);
  g_assert_cmpfloat (seconds, >=, 6.0);
  g_assert_cmpfloat (seconds, <, 20.0);

  g_assert_cmpstr (f->screens->str, ==,
                   IDLE_TEXT "\n"
                   "Breathe in|2\n"
                   "Breathe in|1\n"
                   "Hold|2\n"
                   "Hold|1\n"
                   "Breathe out|2\n"
                   "Breathe out|1\n"
                   "Hold|2\n"
                   "Hold|1\n"
                   FINISHED_TEXT "\n");
  g_assert_cmpstr (f->phase_notes->str, ==,
                   "Breathe in\nHold\nBreathe out\nHold\n" FINISHED_TEXT "\n");
  /* No frame clock at all, only the timer. */
  g_assert_cmpuint (f->clocks_seen & (1u << SOLACE_BREATHING_CLOCK_FRAMES), ==, 0);
  g_assert_cmpuint (f->finished, ==, 1);
  g_assert_cmpint (solace_breathing_get_clock (f->breathing), ==, SOLACE_BREATHING_CLOCK_NONE);
}

/* The setting changes mid-exercise: it carries on where it was. */
static void
test_reduced_motion_changes (Fixture       *f,
                             gconstpointer  data)
{
  solace_breathing_set_timing (f->breathing, 0.3, 2);
  solace_breathing_start (f->breathing);
  wait_for_screen (f, "Hold|1|Round 1 of 2");

  set_animations (FALSE);
  g_assert_false (solace_breathing_get_animated (f->breathing));
  g_assert_cmpuint (f->animated_notes, ==, 1);
  g_assert_cmpint (solace_breathing_get_clock (f->breathing), ==, SOLACE_BREATHING_CLOCK_TIMER);
  /* Setting it again to the same is no change. */
  set_animations (FALSE);
  g_assert_cmpuint (f->animated_notes, ==, 1);

  /* The dark style's blue, drawn without complaint. */
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);
  wait_for_screen (f, "Breathe in|1|Round 2 of 2");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);

  set_animations (TRUE);
  g_assert_true (solace_breathing_get_animated (f->breathing));
  g_assert_cmpuint (f->animated_notes, ==, 2);
  g_assert_cmpint (solace_breathing_get_clock (f->breathing), ==, SOLACE_BREATHING_CLOCK_FRAMES);

  g_assert_true (watch (f, is_finished, 10000));
  g_assert_cmpstr (f->screens->str, ==, IDLE_TEXT "\n" TWO_SHORT_ROUNDS);
  g_assert_cmpuint (f->clocks_seen & (1u << SOLACE_BREATHING_CLOCK_TIMER), !=, 0);
  g_assert_cmpuint (f->clocks_seen & (1u << SOLACE_BREATHING_CLOCK_FRAMES), !=, 0);
}

static void
test_stop (Fixture       *f,
           gconstpointer  data)
{
  gboolean animated = GPOINTER_TO_INT (data);

  set_animations (animated);
  solace_breathing_set_timing (f->breathing, 0.2, 4);
  solace_breathing_start (f->breathing);
  wait_for_screen (f, "Breathe out|1|Round 1 of 4");

  solace_breathing_stop (f->breathing);
  g_assert_false (solace_breathing_get_running (f->breathing));
  g_assert_cmpint (solace_breathing_get_clock (f->breathing), ==, SOLACE_BREATHING_CLOCK_NONE);
  g_assert_cmpstr (solace_breathing_get_phase_text (f->breathing), ==, IDLE_TEXT);

  /* Several phases' worth of waiting: nothing moves. */
  forget (f);
  watch (f, NULL, 1000);
  g_assert_cmpstr (f->screens->str, ==, IDLE_TEXT "\n");
  g_assert_cmpstr (f->phase_notes->str, ==, "");
  g_assert_cmpuint (f->clocks_seen, ==, 1u << SOLACE_BREATHING_CLOCK_NONE);
  g_assert_cmpuint (f->finished, ==, 0);

  /* Starting again starts from the beginning, also mid-way. */
  solace_breathing_start (f->breathing);
  wait_for_screen (f, "Breathe in|1|Round 2 of 4");
  solace_breathing_start (f->breathing);
  g_assert_cmpstr (f->last_screen, ==, "Breathe in|1|Round 2 of 4");
  record (f);
  g_assert_cmpstr (f->last_screen, ==, "Breathe in|1|Round 1 of 4");
  solace_breathing_stop (f->breathing);
  g_assert_cmpint (solace_breathing_get_clock (f->breathing), ==, SOLACE_BREATHING_CLOCK_NONE);
  g_assert_cmpuint (f->finished, ==, 0);
}

/* Hidden, it waits; shown again, it carries on where it was. */
static void
test_unmap (Fixture       *f,
            gconstpointer  data)
{
  gboolean animated = GPOINTER_TO_INT (data);
  /* Shown again with the setting flipped. */
  SolaceBreathingClock clock = animated ? SOLACE_BREATHING_CLOCK_TIMER : SOLACE_BREATHING_CLOCK_FRAMES;

  set_animations (animated);
  solace_breathing_set_timing (f->breathing, 0.2, 2);
  solace_breathing_start (f->breathing);
  wait_for_screen (f, "Hold|1|Round 1 of 2");

  gtk_widget_set_visible (GTK_WIDGET (f->window), FALSE);
  g_assert_false (gtk_widget_get_mapped (GTK_WIDGET (f->breathing)));
  g_assert_true (solace_breathing_get_running (f->breathing));
  g_assert_cmpint (solace_breathing_get_clock (f->breathing), ==, SOLACE_BREATHING_CLOCK_NONE);

  /* Longer than the whole exercise. */
  watch (f, NULL, 2000);
  g_assert_cmpstr (f->last_screen, ==, "Hold|1|Round 1 of 2");
  g_assert_cmpuint (f->finished, ==, 0);

  /* The setting changed while hidden is picked up when shown. */
  f->animated_notes = 0;
  set_animations (!animated);
  g_assert_cmpint (solace_breathing_get_animated (f->breathing), ==, !animated);
  gtk_widget_set_visible (GTK_WIDGET (f->window), TRUE);
  g_assert_true (watch (f, is_mapped, 5000));
  g_assert_cmpint (solace_breathing_get_clock (f->breathing), ==, clock);
  g_assert_cmpuint (f->animated_notes, ==, 1);

  g_assert_true (watch (f, is_finished, 10000));
  g_assert_cmpstr (f->screens->str, ==, IDLE_TEXT "\n" TWO_SHORT_ROUNDS);
}

/* A busy moment (a slow frame, a late timeout) holds the guide up
 * rather than skipping a phase. */
static void
test_late (Fixture       *f,
           gconstpointer  data)
{
  gboolean animated = GPOINTER_TO_INT (data);

  set_animations (animated);
  solace_breathing_set_timing (f->breathing, 0.2, 1);
  solace_breathing_start (f->breathing);
  watch (f, NULL, 50);
  g_usleep (700 * 1000);

  g_assert_true (watch (f, is_finished, 10000));
  g_assert_cmpstr (f->screens->str, ==,
                   IDLE_TEXT "\n"
                   "Breathe in|1\n"
                   "Hold|1\n"
                   "Breathe out|1\n"
                   "Hold|1\n"
                   FINISHED_TEXT "\n");
}

static void
test_destroy_running (Fixture       *f,
                      gconstpointer  data)
{
  gboolean animated = GPOINTER_TO_INT (data);

  set_animations (animated);
  solace_breathing_start (f->breathing);
  watch (f, NULL, 200);
  g_assert_cmpint (solace_breathing_get_clock (f->breathing), ==,
                   animated ? SOLACE_BREATHING_CLOCK_FRAMES : SOLACE_BREATHING_CLOCK_TIMER);

  /* The tear-down checks that the widget is freed and nothing fires after. */
  g_clear_pointer (&f->window, gtk_window_destroy);
  g_assert_cmpint (solace_breathing_get_clock (f->breathing), ==, SOLACE_BREATHING_CLOCK_NONE);
  g_assert_true (solace_breathing_get_running (f->breathing));
}

/* The dialog may close itself when the breathing is done. */
static void
test_destroy_on_finish (Fixture       *f,
                        gconstpointer  data)
{
  gboolean animated = GPOINTER_TO_INT (data);

  set_animations (animated);
  f->destroy_on_finish = TRUE;
  solace_breathing_set_timing (f->breathing, 0.1, 1);
  solace_breathing_start (f->breathing);
  g_assert_true (watch (f, is_finished, 10000));
  g_assert_null (f->window);
  g_assert_cmpint (solace_breathing_get_clock (f->breathing), ==, SOLACE_BREATHING_CLOCK_NONE);
}

/* Never shown: nothing runs, and nothing is left behind. */
static void
test_never_mapped (void)
{
  SolaceBreathing *breathing = g_object_ref_sink (SOLACE_BREATHING (solace_breathing_new ()));

  solace_breathing_start (breathing);
  g_assert_true (solace_breathing_get_running (breathing));
  g_assert_cmpint (solace_breathing_get_clock (breathing), ==, SOLACE_BREATHING_CLOCK_NONE);
  g_assert_cmpstr (solace_breathing_get_phase_text (breathing), ==, "Breathe in");
  solace_breathing_set_timing (breathing, 1.0, 1);
  g_assert_cmpstr (solace_breathing_get_phase_text (breathing), ==, "Breathe in");
  g_assert_finalize_object (breathing);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *home = solace_test_app_init (&argc, &argv);
  int ret;

  g_test_add_func ("/breathing/position/default", test_position_default);
  g_test_add_func ("/breathing/position/custom", test_position_custom);
  g_test_add_func ("/breathing/position/odd-input", test_position_odd_input);
  g_test_add_func ("/breathing/never-mapped", test_never_mapped);

#define ADD(name, func, data) g_test_add (name, Fixture, GINT_TO_POINTER (data), fixture_set_up, func, fixture_tear_down)
  ADD ("/breathing/idle", test_idle, TRUE);
  ADD ("/breathing/animated", test_animated, TRUE);
  ADD ("/breathing/reduced-motion", test_reduced_motion, FALSE);
  ADD ("/breathing/reduced-motion-changes", test_reduced_motion_changes, TRUE);
  ADD ("/breathing/stop/animated", test_stop, TRUE);
  ADD ("/breathing/stop/reduced-motion", test_stop, FALSE);
  ADD ("/breathing/unmap/animated", test_unmap, TRUE);
  ADD ("/breathing/unmap/reduced-motion", test_unmap, FALSE);
  ADD ("/breathing/late/animated", test_late, TRUE);
  ADD ("/breathing/late/reduced-motion", test_late, FALSE);
  ADD ("/breathing/destroy-running/animated", test_destroy_running, TRUE);
  ADD ("/breathing/destroy-running/reduced-motion", test_destroy_running, FALSE);
  ADD ("/breathing/destroy-on-finish/animated", test_destroy_on_finish, TRUE);
  ADD ("/breathing/destroy-on-finish/reduced-motion", test_destroy_on_finish, FALSE);
#undef ADD

  ret = g_test_run ();
  solace_test_rm_rf (home);

  return ret;
}
