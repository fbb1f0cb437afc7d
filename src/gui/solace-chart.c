/* solace-chart.c — small line and bar charts for the Insights section
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Why one file of this length: two thirds of it draws the two kinds of
 * chart; the rest (the data, the points under the pointer, the words a
 * screen reader hears) reads the same layout the drawing computes.
 */
#define G_LOG_DOMAIN "solace-chart"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <pango/pangocairo.h>

#include "solace-chart.h"
#include "solace-utils.h"

typedef struct
{
  char   *label;
  double  value;
  double  secondary;
} Point;

struct _SolaceChartData
{
  gatomicrefcount  ref_count;
  SolaceChartKind  kind;
  double           y_min;
  double           y_max;
  GArray          *points;  /* of Point */
};

/* Where everything goes, worked out once for measuring and drawing. */
typedef struct
{
  SolaceChartData *data;
  PangoLayout     *layout;
  int              width;
  int              height;
  int              text_height;
  gboolean         empty;

  /* LINE and BARS: the y axis. */
  double           lo;
  double           hi;
  double           step;
  double           first_tick;
  guint            n_ticks;
  int              decimals;
  double           axis_width;

  /* Every accent pixel falls inside this; gridlines span its width. */
  double           x0;
  double           y0;
  double           x1;
  double           y1;
  /* LINE: the data sits this far inside, so dots stay in the area. */
  double           inset;

  /* HBARS */
  double           label_width;
  double           row_height;
} Layout;

struct _SolaceChart
{
  GtkDrawingArea   parent_instance;

  SolaceChartData *data;
  char            *title;
  char            *description;
};

enum {
  PROP_0,
  PROP_TITLE,
  PROP_DESCRIPTION,
  PROP_DATA,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_BOXED_TYPE (SolaceChartData, solace_chart_data, solace_chart_data_ref, solace_chart_data_unref)
G_DEFINE_FINAL_TYPE (SolaceChart, solace_chart, GTK_TYPE_DRAWING_AREA)

/* Beyond this a number is not something a person counted. */
#define MAX_MAGNITUDE 1e9
/* Space between labels, and around the edges. */
#define GAP 6
#define PAD 4
/* LINE: the dots on the points, and the stroke between them. */
#define DOT_RADIUS 3.0
#define LINE_WIDTH 2.0
/* Light and dark libadwaita accents, when the theme names none. */
#define ACCENT_LIGHT "#1c71d8"
#define ACCENT_DARK "#78aeed"
#define DEFAULT_HEIGHT 150
#define MAX_TICKS 10

static double
clamp_finite (double value,
              double lo,
              double hi)
{
  if (isnan (value))
    return lo;
  return CLAMP (value, lo, hi);
}

static void
point_clear (Point *point)
{
  g_clear_pointer (&point->label, g_free);
}

/* "3", "2.5", "0.25": as many decimals as the step between ticks needs. */
static int
decimals_for_step (double step)
{
  for (int decimals = 0; decimals < 3; decimals++)
    {
      double scaled = step * pow (10, decimals);

      if (fabs (scaled - round (scaled)) < 1e-6 * MAX (scaled, 1))
        return decimals;
    }

  return 3;
}

static char *
format_number (double value,
               int    decimals)
{
  /* Adding 0.0 turns -0 into 0. */
  return g_strdup_printf ("%.*f", decimals, value + 0.0);
}

static char *
format_value (double value)
{
  value = clamp_finite (value, -MAX_MAGNITUDE, MAX_MAGNITUDE);
  return format_number (value, fabs (value - round (value)) < 0.05 ? 0 : 1);
}

/* 1, 2, 2.5 or 5 times a power of ten, at least @raw. */
static double
nice_step (double raw)
{
  double magnitude;
  double fraction;

  if (!(raw > 0) || !isfinite (raw))
    return 1;

  magnitude = pow (10, floor (log10 (raw)));
  fraction = raw / magnitude;

  if (fraction <= 1)
    return magnitude;
  if (fraction <= 2)
    return 2 * magnitude;
  if (fraction <= 2.5)
    return 2.5 * magnitude;
  if (fraction <= 5)
    return 5 * magnitude;
  return 10 * magnitude;
}

static void
set_source (cairo_t       *cr,
            const GdkRGBA *color,
            double         alpha)
{
  cairo_set_source_rgba (cr, color->red, color->green, color->blue, color->alpha * alpha);
}

/* Axis text a little smaller than the body text, as a caption. */
static PangoLayout *
make_layout (cairo_t      *cr,
             PangoContext *like)
{
  PangoLayout *layout = pango_cairo_create_layout (cr);
  PangoContext *context = pango_layout_get_context (layout);
  g_autoptr(PangoFontDescription) font = NULL;
  cairo_font_options_t *options = cairo_font_options_create ();
  int size;

  if (like != NULL)
    {
      const cairo_font_options_t *like_options = pango_cairo_context_get_font_options (like);

      font = pango_font_description_copy (pango_context_get_font_description (like));
      pango_cairo_context_set_resolution (context, pango_cairo_context_get_resolution (like));
      if (like_options != NULL)
        cairo_font_options_merge (options, like_options);
    }
  else
    {
      font = pango_font_description_from_string ("Sans 10");
    }

  size = pango_font_description_get_size (font);
  if (size <= 0)
    size = 10 * PANGO_SCALE;
  if (pango_font_description_get_size_is_absolute (font))
    pango_font_description_set_absolute_size (font, size * 0.85);
  else
    pango_font_description_set_size (font, (int) (size * 0.85));

  /* Grey antialiasing: the result may be composited anywhere. */
  cairo_font_options_set_antialias (options, CAIRO_ANTIALIAS_GRAY);
  pango_cairo_context_set_font_options (context, options);
  cairo_font_options_destroy (options);

  pango_layout_set_font_description (layout, font);
  pango_layout_context_changed (layout);

  return layout;
}

/* Sets @text, ellipsized to @max_width pixels (-1: no limit), and
 * returns its width. */
static int
layout_text (PangoLayout *layout,
             const char  *text,
             int          max_width)
{
  int width;

  pango_layout_set_width (layout, -1);
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_NONE);
  pango_layout_set_text (layout, text, -1);
  pango_layout_get_pixel_size (layout, &width, NULL);

  if (max_width >= 0 && width > max_width)
    {
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
      pango_layout_set_width (layout, MAX (max_width, 1) * PANGO_SCALE);
      pango_layout_get_pixel_size (layout, &width, NULL);
      width = MIN (width, max_width);
    }

  return width;
}

static void
show_text (cairo_t     *cr,
           PangoLayout *layout,
           double       x,
           double       y)
{
  cairo_move_to (cr, round (x), round (y));
  pango_cairo_show_layout (cr, layout);
}

static const Point *
point_at (SolaceChartData *data,
          guint            i)
{
  return &g_array_index (data->points, Point, i);
}

static gboolean
data_is_empty (SolaceChartData *data)
{
  for (guint i = 0; i < data->points->len; i++)
    if (!isnan (point_at (data, i)->value))
      return FALSE;

  return TRUE;
}

/* The largest value, at least @floor, never infinite. */
static double
largest_value (SolaceChartData *data,
               double           floor_value)
{
  double top = floor_value;

  for (guint i = 0; i < data->points->len; i++)
    {
      double value = point_at (data, i)->value;

      if (!isnan (value))
        top = MAX (top, clamp_finite (value, 0, MAX_MAGNITUDE));
    }

  return top;
}

static gboolean
has_secondary (SolaceChartData *data)
{
  if (data->kind != SOLACE_CHART_BARS)
    return FALSE;

  for (guint i = 0; i < data->points->len; i++)
    if (!isnan (point_at (data, i)->secondary))
      return TRUE;

  return FALSE;
}

static double
tick_value (Layout *l,
            guint   i)
{
  return l->first_tick + i * l->step;
}

/* Counts go up in whole numbers. */
static gboolean
all_whole (SolaceChartData *data)
{
  for (guint i = 0; i < data->points->len; i++)
    {
      double value = point_at (data, i)->value;

      if (isfinite (value) && value != round (value))
        return FALSE;
    }

  return TRUE;
}

static void
layout_y_axis (Layout *l)
{
  SolaceChartData *data = l->data;
  double plot_height = l->height - 2.5 * l->text_height - 2 * PAD;
  int intervals = CLAMP ((int) floor (plot_height / (l->text_height * 1.6)), 1, 5);
  double axis_max = 0;

  if (data->kind == SOLACE_CHART_LINE)
    {
      l->lo = data->y_min;
      l->hi = data->y_max;
      l->step = nice_step ((l->hi - l->lo) / intervals);
    }
  else
    {
      double top = largest_value (data, MAX (data->y_max, 0));

      if (!(top > 0))
        top = 1;
      l->lo = 0;
      l->step = nice_step (top / intervals);
      if (all_whole (data) && data->y_max == round (data->y_max))
        l->step = MAX (l->step, 1);
      l->hi = ceil (top / l->step - 1e-9) * l->step;
    }
  l->decimals = decimals_for_step (l->step);
  l->first_tick = ceil (l->lo / l->step - 1e-9) * l->step;
  l->n_ticks = (guint) CLAMP (floor ((l->hi - l->first_tick) / l->step + 1e-9) + 1, 0, MAX_TICKS);

  for (guint i = 0; i < l->n_ticks; i++)
    {
      g_autofree char *text = format_number (tick_value (l, i), l->decimals);

      axis_max = MAX (axis_max, layout_text (l->layout, text, l->width / 4));
    }
  l->axis_width = axis_max;
}

static void
layout_compute (Layout          *l,
                SolaceChartData *data,
                cairo_t         *cr,
                PangoContext    *like,
                int              width,
                int              height)
{
  *l = (Layout) { 0 };
  l->data = data;
  l->width = MAX (width, 0);
  l->height = MAX (height, 0);
  l->layout = make_layout (cr, like);
  l->empty = data_is_empty (data);

  pango_layout_set_text (l->layout, "0123456789", -1);
  pango_layout_get_pixel_size (l->layout, NULL, &l->text_height);
  l->text_height = MAX (l->text_height, 1);

  if (data->kind == SOLACE_CHART_HBARS)
    {
      double widest = 0;
      guint n = data->points->len;

      for (guint i = 0; i < n; i++)
        {
          const Point *point = point_at (data, i);
          widest = MAX (widest, layout_text (l->layout, point->label ? point->label : "", -1));
        }

      /* Label, gap, bar, gap, count: the count needs the most room a
       * value can take. */
      {
        g_autofree char *top = format_value (largest_value (data, MAX (data->y_max, 0)));
        double value_width = layout_text (l->layout, top, -1) + GAP;

        l->label_width = MIN (widest, l->width * 0.4);
        l->x0 = PAD + (l->label_width > 0 ? l->label_width + GAP : 0);
        l->x1 = l->width - PAD - value_width;
        if (l->x1 - l->x0 < l->width * 0.25)
          {
            /* Narrow: the bars keep at least a quarter of the width. */
            l->x1 = MAX (l->x1, PAD + l->width * 0.25);
            l->x0 = MAX (PAD, MIN (l->x0, l->x1 - l->width * 0.25));
            l->label_width = MAX (0, l->x0 - PAD - GAP);
          }
      }

      l->row_height = n > 0 ? (l->height - 2.0 * PAD) / n : 0;
      l->row_height = MIN (l->row_height, l->text_height + 14);
      l->y0 = PAD;
      l->y1 = PAD + l->row_height * n;
    }
  else
    {
      double top_band = has_secondary (data) ? l->text_height + 2 : 0;

      layout_y_axis (l);
      l->inset = data->kind == SOLACE_CHART_LINE ? DOT_RADIUS + 1 : 0;
      l->x0 = PAD + l->axis_width + GAP;
      l->x1 = l->width - PAD;
      /* The top tick's label is centred on its gridline. */
      l->y0 = MAX (l->text_height / 2.0 - l->inset, 0) + 2 + top_band;
      l->y1 = l->height - l->text_height - PAD - 2;
    }

  /* Too small to draw in: an empty area where nothing goes. */
  l->x1 = MAX (l->x1, l->x0);
  l->y1 = MAX (l->y1, l->y0);
}

static void
layout_clear (Layout *l)
{
  g_clear_object (&l->layout);
}

static double
map_y (Layout *l,
       double  value)
{
  double span = l->y1 - l->y0 - 2 * l->inset;
  double fraction = (clamp_finite (value, l->lo, l->hi) - l->lo) / (l->hi - l->lo);

  return l->y1 - l->inset - fraction * MAX (span, 0);
}

/* The centre of slot @i: a bar's middle, or a line's point. */
static double
map_x (Layout *l,
       guint   i)
{
  guint n = l->data->points->len;
  double span = l->x1 - l->x0 - 2 * l->inset;

  if (l->data->kind == SOLACE_CHART_BARS)
    return l->x0 + (i + 0.5) * (l->x1 - l->x0) / MAX (n, 1);
  if (n <= 1)
    return (l->x0 + l->x1) / 2;
  return l->x0 + l->inset + i * MAX (span, 0) / (n - 1);
}

/* Whatever the numbers, the data stays in its area: call before
 * building the path, and cairo_restore() after filling it. */
static void
clip_to_area (Layout  *l,
              cairo_t *cr)
{
  cairo_save (cr);
  cairo_rectangle (cr, l->x0, l->y0, l->x1 - l->x0, l->y1 - l->y0);
  cairo_clip (cr);
}

static void
draw_message (Layout        *l,
              cairo_t       *cr,
              const GdkRGBA *foreground)
{
  double x0 = l->x0;
  double x1 = l->x1;
  double y0 = l->y0;
  double y1 = l->y1;
  int width;

  if (l->data->kind == SOLACE_CHART_HBARS || x1 - x0 < 40)
    {
      x0 = 0;
      x1 = l->width;
      y0 = 0;
      y1 = l->height;
    }

  width = layout_text (l->layout, _("Nothing to show yet"), (int) (x1 - x0));
  set_source (cr, foreground, 0.6);
  show_text (cr, l->layout, (x0 + x1 - width) / 2, (y0 + y1 - l->text_height) / 2);
}

static void
draw_y_axis (Layout        *l,
             cairo_t       *cr,
             const GdkRGBA *foreground)
{
  cairo_set_line_width (cr, 1);
  for (guint i = 0; i < l->n_ticks; i++)
    {
      double tick = tick_value (l, i);
      g_autofree char *text = format_number (tick, l->decimals);
      double y = map_y (l, tick);
      int width = layout_text (l->layout, text, l->width / 4);

      /* The baseline of a bar chart is the axis, a little stronger. */
      set_source (cr, foreground, l->data->kind == SOLACE_CHART_BARS && tick == 0 ? 0.35 : 0.12);
      cairo_move_to (cr, l->x0, floor (y) + 0.5);
      cairo_line_to (cr, l->x1, floor (y) + 0.5);
      cairo_stroke (cr);

      set_source (cr, foreground, 0.7);
      show_text (cr, l->layout, l->x0 - GAP - width, y - l->text_height / 2.0);
    }
}

/* As many x labels as fit without touching: every one, or every
 * second, third… */
static void
draw_x_labels (Layout        *l,
               cairo_t       *cr,
               const GdkRGBA *foreground)
{
  guint n = l->data->points->len;
  g_autofree int *widths = g_new0 (int, MAX (n, 1));
  g_autofree double *lefts = g_new0 (double, MAX (n, 1));
  int max_width = l->width / MAX (MIN (n, 3), 1);
  guint stride;

  for (guint i = 0; i < n; i++)
    {
      const char *label = point_at (l->data, i)->label;

      if (label != NULL && *label != '\0')
        widths[i] = layout_text (l->layout, label, max_width);
      lefts[i] = CLAMP (map_x (l, i) - widths[i] / 2.0, 0, MAX (l->width - widths[i], 0));
    }

  for (stride = 1; stride <= n; stride++)
    {
      double right = -G_MAXDOUBLE;
      gboolean fits = TRUE;

      for (guint i = 0; i < n && fits; i += stride)
        {
          if (widths[i] == 0)
            continue;
          fits = lefts[i] >= right + GAP;
          right = lefts[i] + widths[i];
        }
      if (fits)
        break;
    }

  set_source (cr, foreground, 0.7);
  for (guint i = 0; i < n; i += stride)
    {
      if (widths[i] == 0)
        continue;
      layout_text (l->layout, point_at (l->data, i)->label, max_width);
      show_text (cr, l->layout, lefts[i], l->y1 + 2);
    }
}

static void
draw_line (Layout        *l,
           cairo_t       *cr,
           const GdkRGBA *accent)
{
  guint n = l->data->points->len;
  double spacing = n > 1 ? (l->x1 - l->x0 - 2 * l->inset) / (n - 1) : G_MAXDOUBLE;
  gboolean drawing = FALSE;

  clip_to_area (l, cr);
  set_source (cr, accent, 1);
  cairo_set_line_width (cr, LINE_WIDTH);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);

  for (guint i = 0; i < n; i++)
    {
      double value = point_at (l->data, i)->value;

      if (isnan (value))
        {
          drawing = FALSE;
          continue;
        }
      if (drawing)
        cairo_line_to (cr, map_x (l, i), map_y (l, value));
      else
        cairo_move_to (cr, map_x (l, i), map_y (l, value));
      drawing = TRUE;
    }
  cairo_stroke (cr);

  /* Dots where there is room, and always on a point that stands
   * alone between gaps, or it would not show at all. */
  for (guint i = 0; i < n; i++)
    {
      double value = point_at (l->data, i)->value;
      gboolean alone = (i == 0 || isnan (point_at (l->data, i - 1)->value)) &&
                       (i + 1 == n || isnan (point_at (l->data, i + 1)->value));

      if (isnan (value) || (spacing < 4 * DOT_RADIUS && !alone))
        continue;
      cairo_new_sub_path (cr);
      cairo_arc (cr, map_x (l, i), map_y (l, value), DOT_RADIUS, 0, 2 * G_PI);
    }
  cairo_fill (cr);
  cairo_restore (cr);
}

/* A bar rounded at the end away from its base. */
static void
bar_path (cairo_t  *cr,
          double    x,
          double    y,
          double    width,
          double    height,
          gboolean  horizontal)
{
  double r = MIN (3, MIN (width, height) / 2);

  if (horizontal)
    {
      cairo_move_to (cr, x, y);
      cairo_arc (cr, x + width - r, y + r, r, -G_PI / 2, 0);
      cairo_arc (cr, x + width - r, y + height - r, r, 0, G_PI / 2);
      cairo_line_to (cr, x, y + height);
    }
  else
    {
      cairo_move_to (cr, x, y + height);
      cairo_arc (cr, x + r, y + r, r, G_PI, 3 * G_PI / 2);
      cairo_arc (cr, x + width - r, y + r, r, -G_PI / 2, 0);
      cairo_line_to (cr, x + width, y + height);
    }
  cairo_close_path (cr);
}

static void
draw_bars (Layout        *l,
           cairo_t       *cr,
           const GdkRGBA *foreground,
           const GdkRGBA *accent)
{
  guint n = l->data->points->len;
  double slot = (l->x1 - l->x0) / MAX (n, 1);
  double bar_width = CLAMP (slot * 0.6, 1, 40);

  for (guint i = 0; i < n; i++)
    {
      const Point *point = point_at (l->data, i);
      double x = map_x (l, i);
      double top = l->y1;

      if (point->value > 0)
        {
          /* Anything counted shows, if only as a sliver. */
          top = MIN (map_y (l, point->value), l->y1 - 2);
          top = MAX (top, l->y0);
          clip_to_area (l, cr);
          bar_path (cr, x - bar_width / 2, top, bar_width, l->y1 - top, FALSE);
          set_source (cr, accent, 1);
          cairo_fill (cr);
          cairo_restore (cr);
        }

      if (!isnan (point->secondary))
        {
          g_autofree char *text = format_value (point->secondary);
          int width = layout_text (l->layout, text, -1);

          if (width <= slot - 2)
            {
              set_source (cr, foreground, 0.7);
              show_text (cr, l->layout, x - width / 2.0, MAX (top - l->text_height - 1, 0));
            }
        }
    }
}

static void
draw_hbars (Layout        *l,
            cairo_t       *cr,
            const GdkRGBA *foreground,
            const GdkRGBA *accent)
{
  guint n = l->data->points->len;
  double top = largest_value (l->data, MAX (l->data->y_max, 0));
  double thickness = CLAMP (l->row_height * 0.55, 1, 16);
  gboolean text_fits = l->row_height >= l->text_height;

  if (!(top > 0))
    top = 1;

  for (guint i = 0; i < n; i++)
    {
      const Point *point = point_at (l->data, i);
      double middle = l->y0 + (i + 0.5) * l->row_height;
      double length = 0;

      if (point->value > 0)
        {
          length = clamp_finite (point->value, 0, top) / top * (l->x1 - l->x0);
          length = MAX (length, 2);
          clip_to_area (l, cr);
          bar_path (cr, l->x0, middle - thickness / 2, length, thickness, TRUE);
          set_source (cr, accent, 1);
          cairo_fill (cr);
          cairo_restore (cr);
        }

      if (!text_fits)
        continue;

      if (point->label != NULL && *point->label != '\0' && l->label_width >= 1)
        {
          layout_text (l->layout, point->label, (int) l->label_width);
          set_source (cr, foreground, 0.85);
          show_text (cr, l->layout, PAD, middle - l->text_height / 2.0);
        }

      if (!isnan (point->value))
        {
          g_autofree char *text = format_value (MAX (point->value, 0));

          layout_text (l->layout, text, -1);
          set_source (cr, foreground, 0.7);
          show_text (cr, l->layout, l->x0 + length + GAP, middle - l->text_height / 2.0);
        }
    }
}

static void
render (SolaceChartData *data,
        cairo_t         *cr,
        PangoContext    *like,
        int              width,
        int              height,
        const GdkRGBA   *foreground,
        const GdkRGBA   *accent)
{
  g_autoptr(SolaceChartData) nothing = NULL;
  Layout l;

  /* No data at all: the message alone, no axes to read it against. */
  if (data == NULL)
    data = nothing = solace_chart_data_new (SOLACE_CHART_HBARS, 0, 1);
  if (width <= 0 || height <= 0)
    return;

  cairo_save (cr);
  cairo_rectangle (cr, 0, 0, width, height);
  cairo_clip (cr);

  layout_compute (&l, data, cr, like, width, height);

  if (data->kind != SOLACE_CHART_HBARS)
    {
      draw_y_axis (&l, cr, foreground);
      if (!l.empty)
        draw_x_labels (&l, cr, foreground);
    }

  if (l.empty)
    {
      draw_message (&l, cr, foreground);
    }
  else
    {
      switch (data->kind)
        {
        case SOLACE_CHART_LINE:
          draw_line (&l, cr, accent);
          break;
        case SOLACE_CHART_BARS:
          draw_bars (&l, cr, foreground, accent);
          break;
        case SOLACE_CHART_HBARS:
          draw_hbars (&l, cr, foreground, accent);
          break;
        default:
          g_assert_not_reached ();
        }
    }

  layout_clear (&l);
  cairo_restore (cr);
}

static int
text_height_for (SolaceChart *self)
{
  PangoContext *context = gtk_widget_get_pango_context (GTK_WIDGET (self));
  g_autoptr(PangoLayout) layout = pango_layout_new (context);
  g_autoptr(PangoFontDescription) font = pango_font_description_copy (pango_context_get_font_description (context));
  int size = pango_font_description_get_size (font);
  int height;

  if (size <= 0)
    size = 10 * PANGO_SCALE;
  if (pango_font_description_get_size_is_absolute (font))
    pango_font_description_set_absolute_size (font, size * 0.85);
  else
    pango_font_description_set_size (font, (int) (size * 0.85));
  pango_layout_set_font_description (layout, font);
  pango_layout_set_text (layout, "0123456789", -1);
  pango_layout_get_pixel_size (layout, NULL, &height);

  return height;
}

/* Line and bar charts keep a readable height; a list of bars grows
 * with its rows. */
static void
update_content_height (SolaceChart *self)
{
  int height = DEFAULT_HEIGHT;

  if (self->data != NULL && self->data->kind == SOLACE_CHART_HBARS)
    {
      guint n = MAX (self->data->points->len, 1);

      height = MIN (n, 50) * (text_height_for (self) + 14) + 2 * PAD;
      height = MAX (height, 60);
    }

  if (gtk_drawing_area_get_content_height (GTK_DRAWING_AREA (self)) != height)
    gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (self), height);
}

static void
style_colors (SolaceChart *self,
              GdkRGBA     *foreground,
              GdkRGBA     *accent)
{
  GtkStyleContext *context = gtk_widget_get_style_context (GTK_WIDGET (self));

  gtk_style_context_get_color (context, foreground);
  if (!gtk_style_context_lookup_color (context, "accent_color", accent))
    {
      AdwStyleManager *manager = adw_style_manager_get_for_display (gtk_widget_get_display (GTK_WIDGET (self)));

      gdk_rgba_parse (accent, adw_style_manager_get_dark (manager) ? ACCENT_DARK : ACCENT_LIGHT);
    }
}

static void
draw_cb (GtkDrawingArea *area,
         cairo_t        *cr,
         int             width,
         int             height,
         gpointer        user_data)
{
  SolaceChart *self = SOLACE_CHART (area);
  GdkRGBA foreground;
  GdkRGBA accent;

  style_colors (self, &foreground, &accent);
  render (self->data, cr, gtk_widget_get_pango_context (GTK_WIDGET (self)),
          width, height, &foreground, &accent);
}

/* Light to dark, another font: new colours and text sizes. */
static void
solace_chart_css_changed (GtkWidget         *widget,
                          GtkCssStyleChange *change)
{
  GTK_WIDGET_CLASS (solace_chart_parent_class)->css_changed (widget, change);

  update_content_height (SOLACE_CHART (widget));
  gtk_widget_queue_draw (widget);
}

static void
solace_chart_system_setting_changed (GtkWidget        *widget,
                                     GtkSystemSetting  setting)
{
  GTK_WIDGET_CLASS (solace_chart_parent_class)->system_setting_changed (widget, setting);

  update_content_height (SOLACE_CHART (widget));
  gtk_widget_queue_draw (widget);
}

static void
solace_chart_finalize (GObject *object)
{
  SolaceChart *self = SOLACE_CHART (object);

  g_clear_pointer (&self->data, solace_chart_data_unref);
  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->description, g_free);

  G_OBJECT_CLASS (solace_chart_parent_class)->finalize (object);
}

static void
solace_chart_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  SolaceChart *self = SOLACE_CHART (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    case PROP_DESCRIPTION:
      g_value_set_string (value, self->description);
      break;
    case PROP_DATA:
      g_value_set_boxed (value, self->data);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
solace_chart_class_init (SolaceChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = solace_chart_finalize;
  object_class->get_property = solace_chart_get_property;
  widget_class->css_changed = solace_chart_css_changed;
  widget_class->system_setting_changed = solace_chart_system_setting_changed;

  /**
   * SolaceChart:title:
   *
   * What the chart shows, in a few words; its accessible label.
   */
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * SolaceChart:description:
   *
   * The chart in words; its accessible description.
   */
  properties[PROP_DESCRIPTION] =
    g_param_spec_string ("description", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * SolaceChart:data:
   *
   * The points drawn.
   */
  properties[PROP_DATA] =
    g_param_spec_boxed ("data", NULL, NULL, SOLACE_TYPE_CHART_DATA,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "chart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
solace_chart_init (SolaceChart *self)
{
  gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (self), DEFAULT_HEIGHT);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (self), draw_cb, NULL, NULL);
}

SolaceChartData *
solace_chart_data_new (SolaceChartKind kind,
                       double          y_min,
                       double          y_max)
{
  SolaceChartData *data;

  g_return_val_if_fail (kind <= SOLACE_CHART_HBARS, NULL);

  data = g_new0 (SolaceChartData, 1);
  g_atomic_ref_count_init (&data->ref_count);
  data->kind = kind;

  /* An axis needs a length: anything else is made into one. */
  data->y_min = isfinite (y_min) ? CLAMP (y_min, -MAX_MAGNITUDE, MAX_MAGNITUDE) : 0;
  data->y_max = isfinite (y_max) ? CLAMP (y_max, -MAX_MAGNITUDE, MAX_MAGNITUDE) : data->y_min + 1;
  if (!(data->y_max - data->y_min >= 1e-6))
    data->y_max = data->y_min + 1;

  data->points = g_array_new (FALSE, FALSE, sizeof (Point));
  g_array_set_clear_func (data->points, (GDestroyNotify) point_clear);

  return data;
}

SolaceChartData *
solace_chart_data_ref (SolaceChartData *data)
{
  g_return_val_if_fail (data != NULL, NULL);

  g_atomic_ref_count_inc (&data->ref_count);

  return data;
}

void
solace_chart_data_unref (SolaceChartData *data)
{
  g_return_if_fail (data != NULL);

  if (g_atomic_ref_count_dec (&data->ref_count))
    {
      g_array_unref (data->points);
      g_free (data);
    }
}

void
solace_chart_data_add (SolaceChartData *data,
                       const char      *label,
                       double           value,
                       double           secondary)
{
  Point point;

  g_return_if_fail (data != NULL);

  /* Pango wants valid UTF-8, and says so on stderr otherwise. */
  point.label = g_utf8_make_valid (label != NULL ? label : "", -1);
  point.value = isnan (value) ? NAN : CLAMP (value, -MAX_MAGNITUDE, MAX_MAGNITUDE);
  point.secondary = isfinite (secondary) ? secondary : NAN;
  g_array_append_val (data->points, point);
}

SolaceChartKind
solace_chart_data_get_kind (SolaceChartData *data)
{
  g_return_val_if_fail (data != NULL, SOLACE_CHART_LINE);

  return data->kind;
}

guint
solace_chart_data_get_n_points (SolaceChartData *data)
{
  g_return_val_if_fail (data != NULL, 0);

  return data->points->len;
}

void
solace_chart_render (SolaceChartData *data,
                     cairo_t         *cr,
                     int              width,
                     int              height,
                     const GdkRGBA   *foreground,
                     const GdkRGBA   *accent)
{
  g_return_if_fail (cr != NULL);
  g_return_if_fail (foreground != NULL);
  g_return_if_fail (accent != NULL);

  render (data, cr, NULL, width, height, foreground, accent);
}

void
solace_chart_get_plot_area (SolaceChartData       *data,
                            cairo_t               *cr,
                            int                    width,
                            int                    height,
                            cairo_rectangle_int_t *area)
{
  g_autoptr(SolaceChartData) nothing = NULL;
  Layout l;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (area != NULL);

  if (data == NULL)
    data = nothing = solace_chart_data_new (SOLACE_CHART_HBARS, 0, 1);

  layout_compute (&l, data, cr, NULL, width, height);
  area->x = (int) floor (l.x0);
  area->y = (int) floor (l.y0);
  area->width = (int) ceil (l.x1) - area->x;
  area->height = (int) ceil (l.y1) - area->y;
  layout_clear (&l);
}

GtkWidget *
solace_chart_new (void)
{
  return g_object_new (SOLACE_TYPE_CHART, NULL);
}

void
solace_chart_set_data (SolaceChart     *self,
                       const char      *title,
                       SolaceChartData *data,
                       const char      *description)
{
  g_return_if_fail (SOLACE_IS_CHART (self));

  g_object_freeze_notify (G_OBJECT (self));

  if (solace_set_str (&self->title, title))
    {
      if (title != NULL)
        gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                        GTK_ACCESSIBLE_PROPERTY_LABEL, title,
                                        -1);
      else
        gtk_accessible_reset_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
    }

  if (solace_set_str (&self->description, description))
    {
      if (description != NULL)
        gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                        GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                        -1);
      else
        gtk_accessible_reset_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DESCRIPTION]);
    }

  if (data != self->data)
    {
      g_clear_pointer (&self->data, solace_chart_data_unref);
      if (data != NULL)
        self->data = solace_chart_data_ref (data);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DATA]);
    }

  update_content_height (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));

  g_object_thaw_notify (G_OBJECT (self));
}

SolaceChartData *
solace_chart_get_data (SolaceChart *self)
{
  g_return_val_if_fail (SOLACE_IS_CHART (self), NULL);

  return self->data;
}

const char *
solace_chart_get_title (SolaceChart *self)
{
  g_return_val_if_fail (SOLACE_IS_CHART (self), NULL);

  return self->title;
}

const char *
solace_chart_get_description (SolaceChart *self)
{
  g_return_val_if_fail (SOLACE_IS_CHART (self), NULL);

  return self->description;
}
