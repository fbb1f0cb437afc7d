/* solace-breathing.c — a square to breathe around, four counts a side
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "solace-breathing"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "solace-breathing.h"

#define N_PHASES              4
#define DEFAULT_PHASE_SECONDS 4.0
#define DEFAULT_ROUNDS        4
/* The most one frame may move the exercise on.  When frames stop
 * coming (a minimised window on Wayland), the guide waits for the
 * person instead of racing on unseen. */
#define MAX_FRAME_STEP        0.5
/* Room for rounding: 4.0 seconds in is the second phase, not the end
 * of the first. */
#define EPSILON               1e-9

typedef enum {
  STATE_IDLE,
  STATE_RUNNING,
  STATE_FINISHED,
} State;

struct _SolaceBreathing
{
  GtkWidget    parent_instance;

  GtkWidget   *box;
  GtkWidget   *area;
  GtkLabel    *phase_label;
  GtkLabel    *count_label;
  GtkLabel    *round_label;

  double       phase_seconds;
  guint        rounds;

  State        state;
  double       elapsed;    /* seconds done, as of the last update */
  gint64       last_time;  /* µs of the last frame or timer, -1 for none yet */
  guint        phase;      /* what is on screen, G_MAXUINT to force a refresh */
  guint        count;
  guint        round;
  double       fraction;

  guint        tick_id;
  guint        timeout_id;
  GtkSettings *settings;
  gulong       settings_handler;
  gboolean     animated;
};

enum {
  PROP_0,
  PROP_RUNNING,
  PROP_ANIMATED,
  PROP_PHASE_TEXT,
  N_PROPS
};

enum {
  FINISHED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* The two holds have a context each, for languages that say them
 * differently. */
static const struct {
  const char *context;
  const char *text;
} phase_names[N_PHASES] = {
  { NULL, N_("Breathe in") },
  { "breathing, after breathing in", NC_("breathing, after breathing in", "Hold") },
  { NULL, N_("Breathe out") },
  { "breathing, after breathing out", NC_("breathing, after breathing out", "Hold") },
};

G_DEFINE_FINAL_TYPE (SolaceBreathing, solace_breathing, GTK_TYPE_WIDGET)

static const char *
phase_name (guint phase)
{
  if (phase_names[phase].context == NULL)
    return _(phase_names[phase].text);

  return g_dpgettext2 (NULL, phase_names[phase].context, phase_names[phase].text);
}

static gboolean
animations_enabled (SolaceBreathing *self)
{
  gboolean enabled = TRUE;

  g_object_get (gtk_widget_get_settings (GTK_WIDGET (self)),
                "gtk-enable-animations", &enabled,
                NULL);

  return enabled;
}

static void
set_phase_text (SolaceBreathing *self,
                const char      *text)
{
  if (g_strcmp0 (gtk_label_get_label (self->phase_label), text) == 0)
    return;

  gtk_label_set_label (self->phase_label, text);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PHASE_TEXT]);
}

static void
set_label (GtkLabel   *label,
           const char *text)
{
  if (g_strcmp0 (gtk_label_get_label (label), text) != 0)
    gtk_label_set_label (label, text);
}

/* The labels, for the state and the position the exercise is in. */
static void
show_position (SolaceBreathing *self)
{
  gboolean running = self->state == STATE_RUNNING;

  if (running)
    {
      g_autofree char *count = g_strdup_printf ("%u", self->count);
      /* Translators: the first number is the round being breathed, the
       * second how many there are. */
      g_autofree char *round = g_strdup_printf (ngettext ("Round %u of %u", "Round %u of %u", self->rounds),
                                                self->round, self->rounds);

      set_label (self->count_label, count);
      set_label (self->round_label, round);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->count_label), running);
  gtk_widget_set_visible (GTK_WIDGET (self->round_label), running && self->rounds > 1);

  /* Long lines a size down, so they don't crowd the square. */
  if (running)
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->phase_label), "title-3");
      gtk_widget_add_css_class (GTK_WIDGET (self->phase_label), "title-1");
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->phase_label), "title-1");
      gtk_widget_add_css_class (GTK_WIDGET (self->phase_label), "title-3");
    }

  /* The phase last, so that whoever hears of it sees the rest in place. */
  switch (self->state)
    {
    case STATE_RUNNING:
      set_phase_text (self, phase_name (self->phase));
      break;

    case STATE_FINISHED:
      set_phase_text (self, _("Nicely done. Take a moment to notice how you feel."));
      break;

    case STATE_IDLE:
    default:
      set_phase_text (self, _("Ready when you are"));
      break;
    }
}

/* Moves the exercise to @elapsed's place.  Returns FALSE when it is over. */
static gboolean
update (SolaceBreathing *self)
{
  guint phase;
  guint count;
  guint round;

  if (!solace_breathing_position (self->elapsed, self->phase_seconds, self->rounds,
                                  &phase, &count, &round, &self->fraction))
    return FALSE;

  if (phase != self->phase || count != self->count || round != self->round)
    {
      self->phase = phase;
      self->count = count;
      self->round = round;
      show_position (self);
    }
  gtk_widget_queue_draw (self->area);

  return TRUE;
}

/* On to @now, but never past the start of the next phase: however late
 * a frame or a timeout comes, no phase goes unshown. */
static void
advance (SolaceBreathing *self,
         gint64           now,
         double           max_step)
{
  double step;
  double next_phase;

  if (self->last_time >= 0 && now > self->last_time)
    {
      step = MIN ((now - self->last_time) / (double) G_USEC_PER_SEC, max_step);
      next_phase = (floor (self->elapsed / self->phase_seconds + EPSILON) + 1) * self->phase_seconds;
      self->elapsed = MIN (self->elapsed + step, next_phase);
    }
  self->last_time = now;
}

static void
finish (SolaceBreathing *self)
{
  g_autoptr(SolaceBreathing) hold = g_object_ref (self);

  /* The caller has let go of its own tick or timeout. */
  g_assert (self->tick_id == 0 && self->timeout_id == 0);

  self->state = STATE_FINISHED;
  self->last_time = -1;
  show_position (self);
  gtk_widget_queue_draw (self->area);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
  /* A handler may start again, or destroy the widget. */
  g_signal_emit (self, signals[FINISHED], 0);
}

static gboolean
tick_cb (GtkWidget     *widget,
         GdkFrameClock *clock,
         gpointer       data)
{
  SolaceBreathing *self = SOLACE_BREATHING (widget);

  advance (self, gdk_frame_clock_get_frame_time (clock), MAX_FRAME_STEP);
  if (update (self))
    return G_SOURCE_CONTINUE;

  self->tick_id = 0;
  finish (self);

  return G_SOURCE_REMOVE;
}

static gboolean timeout_cb (gpointer data);

/* Reduced motion: nothing moves, so wake only when a label changes —
 * the count going down a second, or the phase ending. */
static void
schedule_timeout (SolaceBreathing *self)
{
  double left = self->phase_seconds * (1.0 - self->fraction);
  double wait = left - (self->count > 0 ? self->count - 1 : 0);
  guint ms = (guint) CLAMP (ceil (wait * 1000.0) + 1.0, 1.0, 1001.0);

  self->timeout_id = g_timeout_add (ms, timeout_cb, self);
}

static gboolean
timeout_cb (gpointer data)
{
  SolaceBreathing *self = data;

  self->timeout_id = 0;
  advance (self, g_get_monotonic_time (), G_MAXDOUBLE);
  if (update (self))
    schedule_timeout (self);
  else
    finish (self);

  return G_SOURCE_REMOVE;
}

static void
pause_clock (SolaceBreathing *self)
{
  if (self->timeout_id != 0)
    advance (self, g_get_monotonic_time (), G_MAXDOUBLE);
  if (self->tick_id != 0)
    {
      gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->tick_id);
      self->tick_id = 0;
    }
  g_clear_handle_id (&self->timeout_id, g_source_remove);
  self->last_time = -1;
}

/* Only while running and on screen, and then as smoothly as allowed. */
static void
resume_clock (SolaceBreathing *self)
{
  g_assert (self->tick_id == 0 && self->timeout_id == 0);

  if (self->state != STATE_RUNNING || !gtk_widget_get_mapped (GTK_WIDGET (self)))
    return;

  self->last_time = -1;
  if (self->animated)
    {
      /* Starts counting from the first frame. */
      self->tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (self), tick_cb, NULL, NULL);
    }
  else
    {
      self->last_time = g_get_monotonic_time ();
      schedule_timeout (self);
    }
}

static void
animations_changed_cb (SolaceBreathing *self)
{
  gboolean animated = animations_enabled (self);

  if (animated == self->animated)
    return;

  self->animated = animated;
  pause_clock (self);
  resume_clock (self);
  gtk_widget_queue_draw (self->area);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ANIMATED]);
}

static void
disconnect_settings (SolaceBreathing *self)
{
  if (self->settings != NULL)
    g_clear_signal_handler (&self->settings_handler, self->settings);
  g_clear_object (&self->settings);
}

/* Drawing.  The square is drawn one side at a time in a frame centred
 * on it and turned a quarter per phase, so every side is the left one:
 * from the bottom-left corner up to the top-left, corners rounded.
 * Clockwise from there: up as you breathe in, across the top as you
 * hold, down as you breathe out, along the bottom as you hold. */

static void
rounded_square (cairo_t *cr,
                double   half,
                double   radius)
{
  double inner = half - radius;

  cairo_new_sub_path (cr);
  cairo_arc (cr, inner, -inner, radius, -G_PI / 2, 0);
  cairo_arc (cr, inner, inner, radius, 0, G_PI / 2);
  cairo_arc (cr, -inner, inner, radius, G_PI / 2, G_PI);
  cairo_arc (cr, -inner, -inner, radius, G_PI, 3 * G_PI / 2);
  cairo_close_path (cr);
}

/* The left side from the middle of one corner to the middle of the
 * next, @done of the way along.  Ends at the dot. */
static void
side_path (cairo_t *cr,
           double   half,
           double   radius,
           double   done)
{
  double corner = radius * G_PI / 4;
  double straight = 2 * (half - radius);
  double left = CLAMP (done, 0.0, 1.0) * (2 * corner + straight);
  double inner = half - radius;

  cairo_new_path (cr);
  cairo_arc (cr, -inner, inner, radius, 3 * G_PI / 4, 3 * G_PI / 4 + MIN (left, corner) / radius);
  left -= corner;
  if (left > 0)
    cairo_line_to (cr, -half, inner - MIN (left, straight));
  left -= straight;
  if (left > 0)
    cairo_arc (cr, -inner, -inner, radius, G_PI, G_PI + MIN (left, corner) / radius);
}

static void
set_source (cairo_t       *cr,
            const GdkRGBA *color,
            double         alpha)
{
  cairo_set_source_rgba (cr, color->red, color->green, color->blue, color->alpha * alpha);
}

static void
get_accent (GtkWidget *widget,
            GdkRGBA   *accent)
{
  gboolean dark = adw_style_manager_get_dark (adw_style_manager_get_default ());

  /* The stylesheet's blue when it names one, so that high contrast
   * and other themes carry through; libadwaita 1.2's otherwise. */
  if (!gtk_style_context_lookup_color (gtk_widget_get_style_context (widget),
                                       dark ? "accent_color" : "accent_bg_color",
                                       accent))
    gdk_rgba_parse (accent, dark ? "#78aeed" : "#3584e4");
}

/* How full the lungs are, 0 to 1, eased like a breath. */
static double
breath_level (SolaceBreathing *self)
{
  double eased = (1.0 - cos (G_PI * self->fraction)) / 2.0;

  if (self->state != STATE_RUNNING)
    return 0.0;
  if (!self->animated)
    return 0.5;

  switch (self->phase)
    {
    case 0:
      return eased;
    case 1:
      return 1.0;
    case 2:
      return 1.0 - eased;
    case 3:
    default:
      return 0.0;
    }
}

static void
draw_cb (GtkDrawingArea *area,
         cairo_t        *cr,
         int             width,
         int             height,
         gpointer        data)
{
  SolaceBreathing *self = data;
  double size = MIN (width, height);
  double line = MAX (2.0, round (size / 64));
  double half = size / 2 - 4.5 * line;  /* room for the dot's glow */
  double radius = half * 0.3;
  double breath;
  GdkRGBA fg;
  GdkRGBA accent;

  if (half <= 4 * line)
    return;

  gtk_style_context_get_color (gtk_widget_get_style_context (GTK_WIDGET (area)), &fg);
  get_accent (GTK_WIDGET (area), &accent);
  cairo_translate (cr, width / 2.0, height / 2.0);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);

  /* A softer square inside, as full as the lungs. */
  breath = breath_level (self);
  rounded_square (cr, half * (0.35 + 0.4 * breath), radius * (0.35 + 0.4 * breath));
  set_source (cr, &accent, 0.12 + 0.12 * breath);
  cairo_fill (cr);

  /* The track. */
  rounded_square (cr, half, radius);
  set_source (cr, self->state == STATE_FINISHED ? &accent : &fg,
              self->state == STATE_FINISHED ? 0.6 : 0.15);
  cairo_set_line_width (cr, line);
  cairo_stroke (cr);

  if (self->state != STATE_RUNNING)
    return;

  /* This round's sides so far, then the one being breathed. */
  for (guint side = 0; side <= self->phase; side++)
    {
      gboolean current = side == self->phase;

      cairo_save (cr);
      cairo_rotate (cr, side * G_PI / 2);
      side_path (cr, half, radius, current && self->animated ? self->fraction : 1.0);
      set_source (cr, &accent, current ? 1.0 : 0.35);
      cairo_set_line_width (cr, current ? line * 1.5 : line);
      cairo_stroke_preserve (cr);

      if (current && self->animated)
        {
          double x, y;

          cairo_get_current_point (cr, &x, &y);
          cairo_new_path (cr);
          cairo_arc (cr, x, y, line * 4, 0, 2 * G_PI);
          set_source (cr, &accent, 0.25);
          cairo_fill (cr);
          cairo_arc (cr, x, y, line * 2.2, 0, 2 * G_PI);
          set_source (cr, &accent, 1.0);
          cairo_fill (cr);
        }
      cairo_new_path (cr);
      cairo_restore (cr);
    }
}

static void
solace_breathing_map (GtkWidget *widget)
{
  SolaceBreathing *self = SOLACE_BREATHING (widget);

  GTK_WIDGET_CLASS (solace_breathing_parent_class)->map (widget);

  /* Only while on screen: no handlers pile up across maps. */
  disconnect_settings (self);
  self->settings = g_object_ref (gtk_widget_get_settings (widget));
  self->settings_handler = g_signal_connect_swapped (self->settings, "notify::gtk-enable-animations",
                                                     G_CALLBACK (animations_changed_cb), self);
  if (self->animated != animations_enabled (self))
    {
      self->animated = !self->animated;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ANIMATED]);
    }
  resume_clock (self);
}

static void
solace_breathing_unmap (GtkWidget *widget)
{
  SolaceBreathing *self = SOLACE_BREATHING (widget);

  pause_clock (self);
  disconnect_settings (self);

  GTK_WIDGET_CLASS (solace_breathing_parent_class)->unmap (widget);
}

static void
solace_breathing_dispose (GObject *object)
{
  SolaceBreathing *self = SOLACE_BREATHING (object);

  pause_clock (self);
  disconnect_settings (self);
  g_clear_pointer (&self->box, gtk_widget_unparent);

  G_OBJECT_CLASS (solace_breathing_parent_class)->dispose (object);
}

static void
solace_breathing_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  SolaceBreathing *self = SOLACE_BREATHING (object);

  switch (prop_id)
    {
    case PROP_RUNNING:
      g_value_set_boolean (value, solace_breathing_get_running (self));
      break;

    case PROP_ANIMATED:
      g_value_set_boolean (value, solace_breathing_get_animated (self));
      break;

    case PROP_PHASE_TEXT:
      g_value_set_string (value, solace_breathing_get_phase_text (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
solace_breathing_class_init (SolaceBreathingClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = solace_breathing_dispose;
  object_class->get_property = solace_breathing_get_property;
  widget_class->map = solace_breathing_map;
  widget_class->unmap = solace_breathing_unmap;

  properties[PROP_RUNNING] =
    g_param_spec_boolean ("running", NULL, NULL,
                          FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ANIMATED] =
    g_param_spec_boolean ("animated", NULL, NULL,
                          TRUE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PHASE_TEXT] =
    g_param_spec_string ("phase-text", NULL, NULL,
                         NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * SolaceBreathing::finished:
   *
   * Every round has been breathed.
   */
  signals[FINISHED] = g_signal_new ("finished",
                                    G_TYPE_FROM_CLASS (klass),
                                    G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL,
                                    G_TYPE_NONE, 0);

  gtk_widget_class_set_css_name (widget_class, "breathing");
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
solace_breathing_init (SolaceBreathing *self)
{
  self->phase_seconds = DEFAULT_PHASE_SECONDS;
  self->rounds = DEFAULT_ROUNDS;
  self->state = STATE_IDLE;
  self->last_time = -1;
  self->animated = TRUE;

  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));

  self->area = gtk_drawing_area_new ();
  gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (self->area), 180);
  gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (self->area), 180);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (self->area), draw_cb, self, NULL);
  gtk_widget_set_halign (self->area, GTK_ALIGN_CENTER);
  gtk_widget_set_margin_bottom (self->area, 12);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->area),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Breathing guide"),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  _("A square to trace with your breath: in up one side, "
                                    "hold across the top, out down the other side, "
                                    "hold along the bottom."),
                                  -1);
  /* Dark and light have different blues. */
  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (gtk_widget_queue_draw), self->area,
                           G_CONNECT_SWAPPED);
  gtk_box_append (GTK_BOX (self->box), self->area);

  self->phase_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->phase_label, TRUE);
  gtk_label_set_justify (self->phase_label, GTK_JUSTIFY_CENTER);
  gtk_label_set_max_width_chars (self->phase_label, 28);
  gtk_box_append (GTK_BOX (self->box), GTK_WIDGET (self->phase_label));

  self->count_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_add_css_class (GTK_WIDGET (self->count_label), "title-2");
  gtk_widget_add_css_class (GTK_WIDGET (self->count_label), "numeric");
  gtk_box_append (GTK_BOX (self->box), GTK_WIDGET (self->count_label));

  self->round_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_add_css_class (GTK_WIDGET (self->round_label), "dim-label");
  gtk_box_append (GTK_BOX (self->box), GTK_WIDGET (self->round_label));

  show_position (self);
}

GtkWidget *
solace_breathing_new (void)
{
  return g_object_new (SOLACE_TYPE_BREATHING, NULL);
}

void
solace_breathing_start (SolaceBreathing *self)
{
  gboolean was_running;

  g_return_if_fail (SOLACE_IS_BREATHING (self));

  was_running = self->state == STATE_RUNNING;
  pause_clock (self);
  self->state = STATE_RUNNING;
  self->elapsed = 0;
  self->phase = self->count = self->round = G_MAXUINT;
  update (self);
  resume_clock (self);

  if (!was_running)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
}

void
solace_breathing_stop (SolaceBreathing *self)
{
  gboolean was_running;

  g_return_if_fail (SOLACE_IS_BREATHING (self));

  if (self->state == STATE_IDLE)
    return;

  was_running = self->state == STATE_RUNNING;
  pause_clock (self);
  self->state = STATE_IDLE;
  self->elapsed = 0;
  show_position (self);
  gtk_widget_queue_draw (self->area);

  if (was_running)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
}

gboolean
solace_breathing_get_running (SolaceBreathing *self)
{
  g_return_val_if_fail (SOLACE_IS_BREATHING (self), FALSE);

  return self->state == STATE_RUNNING;
}

gboolean
solace_breathing_get_animated (SolaceBreathing *self)
{
  g_return_val_if_fail (SOLACE_IS_BREATHING (self), TRUE);

  /* Kept up to date while mapped; otherwise asked afresh. */
  if (self->settings != NULL)
    return self->animated;

  return animations_enabled (self);
}

const char *
solace_breathing_get_phase_text (SolaceBreathing *self)
{
  g_return_val_if_fail (SOLACE_IS_BREATHING (self), NULL);

  return gtk_label_get_label (self->phase_label);
}

SolaceBreathingClock
solace_breathing_get_clock (SolaceBreathing *self)
{
  g_return_val_if_fail (SOLACE_IS_BREATHING (self), SOLACE_BREATHING_CLOCK_NONE);

  if (self->tick_id != 0)
    return SOLACE_BREATHING_CLOCK_FRAMES;
  if (self->timeout_id != 0)
    return SOLACE_BREATHING_CLOCK_TIMER;

  return SOLACE_BREATHING_CLOCK_NONE;
}

void
solace_breathing_set_timing (SolaceBreathing *self,
                             double           phase_seconds,
                             guint            rounds)
{
  g_return_if_fail (SOLACE_IS_BREATHING (self));
  g_return_if_fail (phase_seconds > 0 && isfinite (phase_seconds));
  g_return_if_fail (rounds > 0);

  self->phase_seconds = phase_seconds;
  self->rounds = rounds;
  if (self->state == STATE_RUNNING)
    solace_breathing_start (self);
}

gboolean
solace_breathing_position (double  elapsed,
                           double  phase_seconds,
                           guint   rounds,
                           guint  *phase,
                           guint  *count,
                           guint  *round,
                           double *fraction)
{
  guint64 steps = (guint64) rounds * N_PHASES;
  guint64 step;
  double into;
  guint p = 0;
  guint c = 0;
  guint r = 0;
  double f = 0.0;
  gboolean more = FALSE;

  if (isnan (elapsed) || elapsed < 0)
    elapsed = 0;

  if (!(phase_seconds > 0) || isinf (phase_seconds) || rounds == 0)
    {
      /* Nothing to breathe. */
    }
  else if (elapsed >= phase_seconds * steps)
    {
      p = N_PHASES - 1;
      r = rounds;
      f = 1.0;
    }
  else
    {
      step = (guint64) MIN (floor (elapsed / phase_seconds + EPSILON), (double) (steps - 1));
      into = CLAMP (elapsed - step * phase_seconds, 0.0, phase_seconds);
      p = step % N_PHASES;
      r = step / N_PHASES + 1;
      c = (guint) CLAMP (ceil (phase_seconds - into - EPSILON), 1.0, (double) G_MAXUINT);
      f = into / phase_seconds;
      more = TRUE;
    }

  if (phase != NULL)
    *phase = p;
  if (count != NULL)
    *count = c;
  if (round != NULL)
    *round = r;
  if (fraction != NULL)
    *fraction = f;

  return more;
}
