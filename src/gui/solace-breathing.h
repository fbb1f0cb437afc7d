/* solace-breathing.h — a square to breathe around, four counts a side
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define SOLACE_TYPE_BREATHING (solace_breathing_get_type ())

G_DECLARE_FINAL_TYPE (SolaceBreathing, solace_breathing, SOLACE, BREATHING, GtkWidget)

/* What keeps the exercise moving right now. */
typedef enum {
  SOLACE_BREATHING_CLOCK_NONE,    /* idle, stopped, finished or unmapped */
  SOLACE_BREATHING_CLOCK_FRAMES,  /* a tick callback: the animated guide */
  SOLACE_BREATHING_CLOCK_TIMER,   /* a timeout at each change: reduced motion */
} SolaceBreathingClock;

GtkWidget            *solace_breathing_new            (void);
/* Starts from round 1, also when already running. */
void                  solace_breathing_start          (SolaceBreathing *self);
/* Back to the resting state; ::finished is not emitted. */
void                  solace_breathing_stop           (SolaceBreathing *self);
gboolean              solace_breathing_get_running    (SolaceBreathing *self);
/* FALSE when the desktop asks for reduced motion. */
gboolean              solace_breathing_get_animated   (SolaceBreathing *self);
/* The large line under the square: a phase, or what is said before
 * and after. */
const char           *solace_breathing_get_phase_text (SolaceBreathing *self);
SolaceBreathingClock  solace_breathing_get_clock      (SolaceBreathing *self);
/* Seconds a phase (default 4) and rounds (default 4).  A running
 * exercise starts again from round 1. */
void                  solace_breathing_set_timing     (SolaceBreathing *self,
                                                       double           phase_seconds,
                                                       guint            rounds);

/* Where an exercise is after @elapsed seconds: @phase 0 to 3 (in, hold,
 * out, hold), @count the whole seconds left in the phase rounded up,
 * @round from 1, @fraction of the phase done.  NAN and negative
 * @elapsed count as 0.  Returns FALSE once all rounds are done (then
 * @phase is 3, @count 0, @round @rounds and @fraction 1), or when
 * @phase_seconds is not a positive number or @rounds is 0 (then all
 * are 0).  Any out argument may be NULL. */
gboolean              solace_breathing_position       (double           elapsed,
                                                       double           phase_seconds,
                                                       guint            rounds,
                                                       guint           *phase,
                                                       guint           *count,
                                                       guint           *round,
                                                       double          *fraction);

G_END_DECLS
