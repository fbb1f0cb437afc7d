/* test-charts.c — the Insights charts, checked pixel by pixel
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <math.h>

#include "solace-chart.h"
#include "solace-test-utils.h"

typedef struct {
  char     *dir;
  gboolean  keep;   /* SOLACE_CHART_PNG_DIR: the PNGs are for looking at */
} Fixture;

/* One theme: what the app passes in, and what it draws on. */
typedef struct {
  const char *name;
  GdkRGBA     background;
  GdkRGBA     foreground;
  GdkRGBA     accent;
} Theme;

/* A sheet of pixels, opaque, read back as 0–255 per channel. */
typedef struct {
  cairo_surface_t       *surface;
  const Theme           *theme;
  int                    width;
  int                    height;
  cairo_rectangle_int_t  area;
} Picture;

static const Theme themes[] = {
  { "light", { 1, 1, 1, 1 }, { 0, 0, 0, 0.8 }, { 0x35 / 255., 0x84 / 255., 0xe4 / 255., 1 } },
  { "dark", { 0x1e / 255., 0x1e / 255., 0x1e / 255., 1 }, { 1, 1, 1, 1 }, { 0x78 / 255., 0xae / 255., 0xed / 255., 1 } },
};

static const struct {
  int width;
  int height;
} sizes[] = {
  { 320, 160 },
  { 600, 200 },
};

/* The dots on a line chart's points. */
#define DOT_RADIUS 3

static gboolean have_display;
static guint n_log_messages;

/* Counts everything logged that is not debug output, then logs it as
 * usual: the charts must be silent. */
static GLogWriterOutput
count_writer (GLogLevelFlags   log_level,
              const GLogField *fields,
              gsize            n_fields,
              gpointer         user_data)
{
  if ((log_level & (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING | G_LOG_LEVEL_MESSAGE)) != 0)
    n_log_messages++;

  return g_log_writer_default (log_level, fields, n_fields, user_data);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  const char *dir = g_getenv ("SOLACE_CHART_PNG_DIR");
  g_autoptr(GError) error = NULL;

  if (dir != NULL && *dir != '\0')
    {
      g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
      f->dir = g_strdup (dir);
      f->keep = TRUE;
    }
  else
    {
      f->dir = g_dir_make_tmp ("solace-charts-XXXXXX", &error);
      g_assert_no_error (error);
    }
  n_log_messages = 0;
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_assert_cmpuint (n_log_messages, ==, 0);
  if (!f->keep)
    solace_test_rm_rf (f->dir);
  g_clear_pointer (&f->dir, g_free);
}

static void
pixel (const Picture *p,
       int            x,
       int            y,
       int           *r,
       int           *g,
       int           *b)
{
  const guchar *row = cairo_image_surface_get_data (p->surface) + y * cairo_image_surface_get_stride (p->surface);
  guint32 argb = ((const guint32 *) (gconstpointer) row)[x];

  *r = (argb >> 16) & 0xff;
  *g = (argb >> 8) & 0xff;
  *b = argb & 0xff;
}

/* Blue well above red: the accent, or its antialiased edge.  Text and
 * gridlines are grey in both themes. */
static gboolean
is_accent (const Picture *p,
           int            x,
           int            y)
{
  int r, g, b;

  pixel (p, x, y, &r, &g, &b);
  return b - r > 40;
}

/* Anything clearly drawn: text, the data; not the faint gridlines. */
static gboolean
is_ink (const Picture *p,
        int            x,
        int            y)
{
  int r, g, b;
  int br = p->theme->background.red * 255;

  pixel (p, x, y, &r, &g, &b);
  return ABS (r - br) > 60 || ABS (b - br) > 60;
}

/* Fainter than ink: a gridline counts. */
static gboolean
is_mark (const Picture *p,
         int            x,
         int            y)
{
  int r, g, b;
  int br = p->theme->background.red * 255;

  pixel (p, x, y, &r, &g, &b);
  return ABS (r - br) > 8 || ABS (b - br) > 8;
}

static guint
count_in (const Picture *p,
          gboolean     (*test) (const Picture *, int, int),
          int            x0,
          int            y0,
          int            x1,
          int            y1)
{
  guint n = 0;

  x0 = MAX (x0, 0);
  y0 = MAX (y0, 0);
  x1 = MIN (x1, p->width);
  y1 = MIN (y1, p->height);
  for (int y = y0; y < y1; y++)
    for (int x = x0; x < x1; x++)
      if (test (p, x, y))
        n++;

  return n;
}

/* The first row from the top, between @x0 and @x1, with an accent
 * pixel; -1 if none. */
static int
accent_top (const Picture *p,
            int            x0,
            int            x1)
{
  for (int y = 0; y < p->height; y++)
    for (int x = MAX (x0, 0); x < MIN (x1, p->width); x++)
      if (is_accent (p, x, y))
        return y;

  return -1;
}

static int
accent_bottom (const Picture *p,
               int            x0,
               int            x1)
{
  for (int y = p->height - 1; y >= 0; y--)
    for (int x = MAX (x0, 0); x < MIN (x1, p->width); x++)
      if (is_accent (p, x, y))
        return y;

  return -1;
}

static int
accent_left (const Picture *p)
{
  for (int x = 0; x < p->width; x++)
    for (int y = 0; y < p->height; y++)
      if (is_accent (p, x, y))
        return x;

  return -1;
}

static int
accent_right (const Picture *p)
{
  for (int x = p->width - 1; x >= 0; x--)
    for (int y = 0; y < p->height; y++)
      if (is_accent (p, x, y))
        return x;

  return -1;
}

/* How many accent pixels row @y has. */
static int
accent_run (const Picture *p,
            int            y)
{
  return count_in (p, is_accent, 0, y, p->width, y + 1);
}

/* Every accent pixel lies in the plot area (a pixel of antialiasing
 * either side allowed). */
static void
assert_accent_inside (const Picture *p)
{
  const cairo_rectangle_int_t *a = &p->area;

  g_assert_cmpint (a->x, >=, 0);
  g_assert_cmpint (a->y, >=, 0);
  g_assert_cmpint (a->width, >=, 0);
  g_assert_cmpint (a->height, >=, 0);

  for (int y = 0; y < p->height; y++)
    for (int x = 0; x < p->width; x++)
      if (is_accent (p, x, y) &&
          (x < a->x - 1 || x > a->x + a->width || y < a->y - 1 || y > a->y + a->height))
        g_error ("accent pixel at %d,%d outside the plot area %d,%d %d×%d (%s, %d×%d)",
                 x, y, a->x, a->y, a->width, a->height, p->theme->name, p->width, p->height);
}

static Picture
draw (Fixture         *f,
      const char      *name,
      SolaceChartData *data,
      const Theme     *theme,
      int              width,
      int              height)
{
  Picture p = { NULL, theme, width, height, { 0 } };
  cairo_t *cr;

  p.surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, MAX (width, 1), MAX (height, 1));
  g_assert_cmpint (cairo_surface_status (p.surface), ==, CAIRO_STATUS_SUCCESS);
  cr = cairo_create (p.surface);
  gdk_cairo_set_source_rgba (cr, &theme->background);
  cairo_paint (cr);
  solace_chart_render (data, cr, width, height, &theme->foreground, &theme->accent);
  solace_chart_get_plot_area (data, cr, width, height, &p.area);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_flush (p.surface);

  if (width > 0 && height > 0)
    {
      g_autofree char *file = g_strdup_printf ("%s-%s-%dx%d.png", name, theme->name, width, height);
      g_autofree char *path = g_build_filename (f->dir, file, NULL);

      g_assert_cmpint (cairo_surface_write_to_png (p.surface, path), ==, CAIRO_STATUS_SUCCESS);
      g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
    }

  return p;
}

static void
picture_clear (Picture *p)
{
  g_clear_pointer (&p->surface, cairo_surface_destroy);
}

/* Bars for {3, 0, 5}: the third is the tallest, in proportion, and
 * the zero keeps its slot and label but draws no bar. */
static void
test_bars (Fixture       *f,
           gconstpointer  unused)
{
  g_autoptr(SolaceChartData) data = solace_chart_data_new (SOLACE_CHART_BARS, 0, 0);

  solace_chart_data_add (data, "W44", 3, NAN);
  solace_chart_data_add (data, "W45", 0, NAN);
  solace_chart_data_add (data, "W46", 5, NAN);
  g_assert_cmpuint (solace_chart_data_get_n_points (data), ==, 3);
  g_assert_cmpint (solace_chart_data_get_kind (data), ==, SOLACE_CHART_BARS);

  for (guint t = 0; t < G_N_ELEMENTS (themes); t++)
    for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
      {
        Picture p = draw (f, "bars", data, &themes[t], sizes[s].width, sizes[s].height);
        const cairo_rectangle_int_t *a = &p.area;
        int slot = a->width / 3;
        int base = a->y + a->height;
        int tops[3];

        assert_accent_inside (&p);
        g_assert_cmpint (a->width, >, sizes[s].width / 2);
        g_assert_cmpint (a->height, >, sizes[s].height / 2);

        for (int i = 0; i < 3; i++)
          tops[i] = accent_top (&p, a->x + i * slot + 2, a->x + (i + 1) * slot - 2);

        g_assert_cmpint (tops[0], >, 0);
        g_assert_cmpint (tops[1], ==, -1);
        g_assert_cmpint (tops[2], >, 0);
        g_assert_cmpint (tops[2], <, tops[0]);
        /* Heights in proportion: 5 against 3, each from the baseline. */
        g_assert_cmpfloat_with_epsilon ((double) (base - tops[2]) / (base - tops[0]), 5.0 / 3.0, 0.12);
        /* The axis goes to a round 5: the tallest bar reaches the top. */
        g_assert_cmpint (tops[2], <=, a->y + 2);
        /* The bars sit on the baseline. */
        g_assert_cmpint (accent_bottom (&p, a->x, a->x + a->width), >=, base - 2);

        /* Each slot has its label below the area, the empty one too. */
        for (int i = 0; i < 3; i++)
          g_assert_cmpuint (count_in (&p, is_ink, a->x + i * slot, base + 1, a->x + (i + 1) * slot, p.height), >, 10);
        /* And the y axis its numbers on the left. */
        g_assert_cmpuint (count_in (&p, is_ink, 0, 0, a->x, base), >, 10);

        picture_clear (&p);
      }
}

/* The average intensity above each bar that has one, nothing above the
 * bar that has none. */
static void
test_bars_secondary (Fixture       *f,
                     gconstpointer  unused)
{
  g_autoptr(SolaceChartData) data = solace_chart_data_new (SOLACE_CHART_BARS, 0, 4);

  solace_chart_data_add (data, "W44", 2, 6.5);
  solace_chart_data_add (data, "W45", 0, NAN);
  solace_chart_data_add (data, "W46", 4, 8);
  solace_chart_data_add (data, "W47", 1, NAN);

  for (guint t = 0; t < G_N_ELEMENTS (themes); t++)
    for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
      {
        Picture p = draw (f, "bars-secondary", data, &themes[t], sizes[s].width, sizes[s].height);
        const cairo_rectangle_int_t *a = &p.area;
        int slot = a->width / 4;
        int top0 = accent_top (&p, a->x + 2, a->x + slot - 2);
        int top2 = accent_top (&p, a->x + 2 * slot + 2, a->x + 3 * slot - 2);
        int top3 = accent_top (&p, a->x + 3 * slot + 2, a->x + 4 * slot - 2);

        assert_accent_inside (&p);
        g_assert_cmpint (top0, >, 0);
        g_assert_cmpint (top2, >, 0);
        g_assert_cmpint (top3, >, top0);
        /* Text just above bars 0 and 2, inside the picture. */
        g_assert_cmpuint (count_in (&p, is_ink, a->x, 0, a->x + slot, top0 - 1), >, 10);
        g_assert_cmpuint (count_in (&p, is_ink, a->x + 2 * slot, 0, a->x + 3 * slot, top2 - 1), >, 10);
        /* None above the empty bar or the bar without one. */
        g_assert_cmpuint (count_in (&p, is_ink, a->x + slot + 1, 0, a->x + 2 * slot - 1, a->y + a->height - 1), ==, 0);
        g_assert_cmpuint (count_in (&p, is_ink, a->x + 3 * slot + 2, 0, a->x + 4 * slot - 2, top3 - 1), ==, 0);

        picture_clear (&p);
      }
}

/* Mood 1–5 with a day missing: the line breaks there; higher moods sit
 * higher; one gridline for each of 1…5. */
static void
test_line (Fixture       *f,
           gconstpointer  unused)
{
  static const double moods[] = { 3, 4, NAN, 2, 5, 1, 3 };
  g_autoptr(SolaceChartData) data = solace_chart_data_new (SOLACE_CHART_LINE, 1, 5);
  guint n = G_N_ELEMENTS (moods);

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *label = g_strdup_printf ("%u Nov", i + 1);
      solace_chart_data_add (data, label, moods[i], NAN);
    }

  for (guint t = 0; t < G_N_ELEMENTS (themes); t++)
    for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
      {
        Picture p = draw (f, "line", data, &themes[t], sizes[s].width, sizes[s].height);
        const cairo_rectangle_int_t *a = &p.area;
        int first = accent_left (&p);
        int last = accent_right (&p);
        double spacing;
        int y[G_N_ELEMENTS (moods)];
        int gridlines = 0;
        gboolean in_line = FALSE;

        assert_accent_inside (&p);

        /* The first and last days span the width, less a dot's radius
         * at either end. */
        g_assert_cmpint (first, <=, a->x + 2);
        g_assert_cmpint (last, >=, a->x + a->width - 3);
        first += DOT_RADIUS;
        last -= DOT_RADIUS;
        spacing = (double) (last - first) / (n - 1);

        /* Each day's point: the top of its dot. */
        for (guint i = 0; i < n; i++)
          {
            int x = first + (int) round (i * spacing);
            y[i] = accent_top (&p, x, x + 1);
          }

        /* Nothing in the gap: only the dots on either side reach in. */
        g_assert_cmpint (y[2], ==, -1);
        g_assert_cmpint (accent_top (&p, first + (int) (1 * spacing) + DOT_RADIUS + 2,
                                     first + (int) (3 * spacing) - DOT_RADIUS - 1), ==, -1);
        /* But a line between the days either side of it. */
        g_assert_cmpint (accent_top (&p, first + (int) (0.5 * spacing), first + (int) (0.5 * spacing) + 1), >, 0);
        g_assert_cmpint (accent_top (&p, first + (int) (3.5 * spacing), first + (int) (3.5 * spacing) + 1), >, 0);

        /* 5 above 4 above 3 above 2 above 1. */
        g_assert_cmpint (y[4], <, y[1]);
        g_assert_cmpint (y[1], <, y[0]);
        g_assert_cmpint (y[0], <, y[3]);
        g_assert_cmpint (y[3], <, y[5]);
        g_assert_cmpint (ABS (y[0] - y[6]), <=, 1);
        g_assert_cmpint (y[4], <=, a->y + 1);
        g_assert_cmpint (accent_bottom (&p, a->x, a->x + a->width), >=, a->y + a->height - 2);

        /* Five gridlines across the area, one each for 1…5. */
        for (int row = a->y; row < a->y + a->height; row++)
          {
            gboolean line = count_in (&p, is_mark, a->x, row, a->x + a->width, row + 1) > (guint) a->width * 8 / 10;

            if (line && !in_line)
              gridlines++;
            in_line = line;
          }
        g_assert_cmpint (gridlines, ==, 5);

        picture_clear (&p);
      }
}

/* A day alone between gaps still shows, as a dot. */
static void
test_line_alone (Fixture       *f,
                 gconstpointer  unused)
{
  g_autoptr(SolaceChartData) data = solace_chart_data_new (SOLACE_CHART_LINE, 1, 5);
  Picture p;
  int middle;

  solace_chart_data_add (data, "", NAN, NAN);
  solace_chart_data_add (data, "", 4, NAN);
  solace_chart_data_add (data, "", NAN, NAN);

  p = draw (f, "line-alone", data, &themes[0], 320, 160);
  middle = p.area.x + p.area.width / 2;
  assert_accent_inside (&p);
  g_assert_cmpint (accent_top (&p, middle - 1, middle + 2), >, 0);
  g_assert_cmpint (accent_top (&p, 0, middle - 6), ==, -1);
  g_assert_cmpint (accent_top (&p, middle + 6, p.width), ==, -1);
  /* No labels asked for, none drawn. */
  g_assert_cmpuint (count_in (&p, is_ink, p.area.x, p.area.y + p.area.height + 1, p.width, p.height), ==, 0);
  picture_clear (&p);
}

/* Triggers: one bar each, lengths in proportion, names on the left,
 * the longest name cut short rather than running into the bars. */
static void
test_hbars (Fixture       *f,
            gconstpointer  unused)
{
  static const double counts[] = { 7, 2, 4 };
  g_autoptr(SolaceChartData) data = solace_chart_data_new (SOLACE_CHART_HBARS, 0, 0);

  solace_chart_data_add (data, "Loneliness", counts[0], NAN);
  solace_chart_data_add (data, "The anniversary, when the old photos come up again", counts[1], NAN);
  solace_chart_data_add (data, "Work", counts[2], NAN);

  for (guint t = 0; t < G_N_ELEMENTS (themes); t++)
    for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
      {
        Picture p = draw (f, "hbars", data, &themes[t], sizes[s].width, sizes[s].height);
        const cairo_rectangle_int_t *a = &p.area;
        double row_height = (double) a->height / 3;
        int lengths[3];

        assert_accent_inside (&p);
        for (int i = 0; i < 3; i++)
          {
            int y = a->y + (int) ((i + 0.5) * row_height);

            lengths[i] = accent_run (&p, y);
            /* The name, left of the bars. */
            g_assert_cmpuint (count_in (&p, is_ink, 0, y - 4, a->x - 1, y + 4), >, 5);
            /* The count, right after the bar. */
            g_assert_cmpuint (count_in (&p, is_ink, a->x + lengths[i] + 1, y - 4, p.width, y + 4), >, 5);
          }

        g_assert_cmpint (lengths[0], >, lengths[2]);
        g_assert_cmpint (lengths[2], >, lengths[1]);
        g_assert_cmpint (lengths[1], >, 0);
        g_assert_cmpfloat_with_epsilon ((double) lengths[2] / lengths[0], 4.0 / 7.0, 0.06);
        /* The bars get most of a narrow window too. */
        g_assert_cmpint (lengths[0], >=, a->width - 2);
        g_assert_cmpint (a->width, >=, sizes[s].width / 4);
        g_assert_cmpint (a->x, <=, sizes[s].width / 2);

        picture_clear (&p);
      }
}

/* No data, or no data worth the name: the axes and a message in the
 * middle, never a blank. */
static void
test_empty (Fixture       *f,
            gconstpointer  unused)
{
  for (SolaceChartKind kind = SOLACE_CHART_LINE; kind <= SOLACE_CHART_HBARS; kind++)
    for (guint variant = 0; variant < 3; variant++)
      {
        g_autoptr(SolaceChartData) data = NULL;

        if (variant > 0)
          data = solace_chart_data_new (kind, 1, 5);
        if (variant == 2)
          for (guint i = 0; i < 7; i++)
            solace_chart_data_add (data, "Mon", NAN, NAN);

        for (guint t = 0; t < G_N_ELEMENTS (themes); t++)
          for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
            {
              g_autofree char *name = g_strdup_printf ("empty-%d-%u", kind, variant);
              Picture p = draw (f, name, data, &themes[t], sizes[s].width, sizes[s].height);
              int cx = p.width / 2;
              int cy = p.height / 2;

              g_assert_cmpuint (count_in (&p, is_accent, 0, 0, p.width, p.height), ==, 0);
              /* The message, about the middle. */
              g_assert_cmpuint (count_in (&p, is_ink, cx - 40, cy - 20, cx + 40, cy + 20), >, 30);
              /* No x labels for days without data. */
              if (kind != SOLACE_CHART_HBARS && data != NULL)
                g_assert_cmpuint (count_in (&p, is_ink, p.area.x, p.area.y + p.area.height + 1, p.width, p.height), ==, 0);
              /* Line and bar charts keep their y axis. */
              if (kind != SOLACE_CHART_HBARS && data != NULL)
                g_assert_cmpuint (count_in (&p, is_ink, 0, 0, p.area.x, p.height), >, 10);
              picture_clear (&p);
            }
      }
}

/* x labels are thinned until none touch: ink in the label band comes
 * in separate runs, each one label wide. */
static void
test_thinning (Fixture       *f,
               gconstpointer  unused)
{
  for (SolaceChartKind kind = SOLACE_CHART_LINE; kind <= SOLACE_CHART_BARS; kind++)
    {
      g_autoptr(SolaceChartData) data = solace_chart_data_new (kind, 1, 5);
      guint previous_runs = 0;

      for (guint i = 0; i < 28; i++)
        {
          g_autofree char *label = g_strdup_printf ("W%02u", 10 + i);
          solace_chart_data_add (data, label, 1 + i % 5, NAN);
        }

      for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
        {
          g_autofree char *name = g_strdup_printf ("thinning-%d", kind);
          Picture p = draw (f, name, data, &themes[0], sizes[s].width, sizes[s].height);
          int band = p.area.y + p.area.height + 1;
          guint runs = 0;
          int run_start = -1;
          int last_ink = -100;

          assert_accent_inside (&p);
          for (int x = 0; x <= p.width; x++)
            {
              gboolean ink = x < p.width && count_in (&p, is_ink, x, band, x + 1, p.height) > 0;

              if (ink && x - last_ink > 4)
                {
                  /* A new label: the one before was no wider than one. */
                  if (run_start >= 0)
                    g_assert_cmpint (last_ink - run_start, <, 40);
                  run_start = x;
                  runs++;
                }
              if (ink)
                last_ink = x;
            }
          g_assert_cmpint (last_ink - run_start, <, 40);

          g_assert_cmpuint (runs, >=, 3);
          g_assert_cmpuint (runs, <, 28);
          g_assert_cmpuint (runs, >, previous_runs);
          previous_runs = runs;
          picture_clear (&p);
        }
    }
}

/* Whatever comes in, nothing breaks and the data stays in its area. */
static void
test_hostile (Fixture       *f,
              gconstpointer  unused)
{
  static const double values[] = { 1e308, -1e308, INFINITY, -INFINITY, NAN, -5, 0, 3, 1e-300, 2.5 };
  static const struct {
    double y_min;
    double y_max;
  } ranges[] = {
    { 1, 5 }, { 5, 1 }, { NAN, INFINITY }, { -INFINITY, NAN }, { 0, 1e-12 }, { -10, -5 }, { 0, 1e300 },
  };
  static const struct {
    int width;
    int height;
  } odd_sizes[] = {
    { 320, 160 }, { 600, 200 }, { 0, 0 }, { 1, 1 }, { 12, 8 }, { 60, 30 }, { 2000, 20 }, { 20, 600 },
  };
  g_autoptr(GString) long_label = g_string_new (NULL);

  for (guint i = 0; i < 10000; i++)
    g_string_append_c (long_label, 'a' + i % 26);

  for (SolaceChartKind kind = SOLACE_CHART_LINE; kind <= SOLACE_CHART_HBARS; kind++)
    for (guint r = 0; r < G_N_ELEMENTS (ranges); r++)
      {
        g_autoptr(SolaceChartData) data = solace_chart_data_new (kind, ranges[r].y_min, ranges[r].y_max);

        for (guint i = 0; i < G_N_ELEMENTS (values); i++)
          solace_chart_data_add (data,
                                 i == 3 ? long_label->str : i == 4 ? "<b>&amp;</b>" : i == 5 ? "\xff\xfe not UTF-8" : i == 6 ? NULL : "Mon",
                                 values[i],
                                 values[G_N_ELEMENTS (values) - 1 - i]);

        for (guint t = 0; t < G_N_ELEMENTS (themes); t++)
          for (guint s = 0; s < G_N_ELEMENTS (odd_sizes); s++)
            {
              g_autofree char *name = g_strdup_printf ("hostile-%d-%u", kind, r);
              Picture p = draw (f, name, data, &themes[t], odd_sizes[s].width, odd_sizes[s].height);

              assert_accent_inside (&p);
              /* Something still shows where there is room for it. */
              if (p.width >= 320 && p.height >= 100)
                g_assert_cmpuint (count_in (&p, is_accent, 0, 0, p.width, p.height), >, 0);
              picture_clear (&p);
            }
      }
}

/* The widget: its text alternative, its size, and colours that follow
 * the style from light to dark. */
static gboolean
drawn_cb (gpointer data)
{
  GtkWidget *widget = data;

  return gtk_widget_get_mapped (widget) && gtk_widget_get_height (widget) > 0;
}

/* The widget as the window would show it, and the share of its text
 * pixels that are light. */
static double
light_text_share (Fixture    *f,
                  const char *name,
                  GtkWidget  *widget,
                  guint      *n_accent)
{
  g_autofree char *file = g_strdup_printf ("widget-%s.png", name);
  g_autofree char *path = g_build_filename (f->dir, file, NULL);
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree guchar *pixels = NULL;
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  guint n_text = 0;
  guint n_light = 0;

  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (gtk_widget_get_native (widget)),
                                         node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  width = gdk_texture_get_width (texture);
  height = gdk_texture_get_height (texture);
  pixels = g_malloc (width * height * 4);
  gdk_texture_download (texture, pixels, width * 4);
  g_assert_true (gdk_texture_save_to_png (texture, path));

  *n_accent = 0;
  for (int i = 0; i < width * height; i++)
    {
      guint32 argb = ((guint32 *) (gpointer) pixels)[i];
      int a = argb >> 24;
      int r, b;

      if (a < 100)
        continue;
      r = ((argb >> 16) & 0xff) * 255 / a;
      b = (argb & 0xff) * 255 / a;
      if (b - r > 40)
        {
          (*n_accent)++;
          continue;
        }
      n_text++;
      if (r > 160)
        n_light++;
    }

  g_assert_cmpuint (n_text, >, 50);
  return (double) n_light / n_text;
}

static void
count_cb (guint *count)
{
  (*count)++;
}

static void
test_widget (Fixture       *f,
             gconstpointer  unused)
{
  const char *description = "Mood over the last 4 weeks: average 3.2, lowest 1 on 3 November.";
  g_autoptr(SolaceChartData) data = solace_chart_data_new (SOLACE_CHART_LINE, 1, 5);
  g_autoptr(SolaceChartData) triggers = solace_chart_data_new (SOLACE_CHART_HBARS, 0, 0);
  AdwStyleManager *style = NULL;
  GtkWindow *window;
  GtkWidget *chart;
  guint notified = 0;
  guint n_accent;

  if (!have_display)
    {
      g_test_skip ("No display");
      return;
    }

  for (guint i = 0; i < 28; i++)
    {
      g_autofree char *label = g_strdup_printf ("%u Nov", i + 1);
      solace_chart_data_add (data, label, i % 9 == 4 ? NAN : 1 + i % 5, NAN);
    }
  for (guint i = 0; i < 12; i++)
    solace_chart_data_add (triggers, "Trigger", 12 - i, NAN);

  style = adw_style_manager_get_default ();
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_LIGHT);

  chart = solace_chart_new ();
  g_object_ref_sink (chart);
  g_signal_connect_swapped (chart, "notify::description", G_CALLBACK (count_cb), &notified);
  g_assert_null (solace_chart_get_data (SOLACE_CHART (chart)));
  gtk_test_accessible_assert_role (GTK_ACCESSIBLE (chart), GTK_ACCESSIBLE_ROLE_IMG);

  solace_chart_set_data (SOLACE_CHART (chart), "Mood", data, description);
  g_assert_true (solace_chart_get_data (SOLACE_CHART (chart)) == data);
  g_assert_cmpstr (solace_chart_get_title (SOLACE_CHART (chart)), ==, "Mood");
  g_assert_cmpstr (solace_chart_get_description (SOLACE_CHART (chart)), ==, description);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (chart), GTK_ACCESSIBLE_PROPERTY_LABEL, "Mood");
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (chart), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description);
  g_assert_cmpuint (notified, ==, 1);
  /* The same again changes nothing. */
  solace_chart_set_data (SOLACE_CHART (chart), "Mood", data, description);
  g_assert_cmpuint (notified, ==, 1);

  window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (window, 360, 400);
  gtk_window_set_child (window, chart);
  gtk_window_present (window);
  g_assert_true (solace_test_wait_until (drawn_cb, chart, 5000));
  solace_test_spin (100);

  /* Readable at a phone's width. */
  g_assert_cmpint (gtk_widget_get_height (chart), >=, 140);
  g_assert_cmpint (gtk_widget_get_width (chart), <=, 360);

  /* Dark text on light, then light text on dark, the accent in both. */
  g_assert_cmpfloat (light_text_share (f, "light", chart, &n_accent), <, 0.1);
  g_assert_cmpuint (n_accent, >, 50);
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_DARK);
  solace_test_spin (100);
  g_assert_true (adw_style_manager_get_dark (style));
  g_assert_cmpfloat (light_text_share (f, "dark", chart, &n_accent), >, 0.9);
  g_assert_cmpuint (n_accent, >, 50);
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_LIGHT);

  /* A list of triggers grows with its rows; no data at all still draws. */
  solace_chart_set_data (SOLACE_CHART (chart), "Triggers", triggers, "Most common: Trigger, 12 times.");
  solace_test_spin (100);
  g_assert_cmpint (gtk_widget_get_height (chart), >=, 12 * 16);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (chart), GTK_ACCESSIBLE_PROPERTY_LABEL, "Triggers");
  solace_chart_set_data (SOLACE_CHART (chart), NULL, NULL, NULL);
  g_assert_null (solace_chart_get_data (SOLACE_CHART (chart)));
  g_assert_null (solace_chart_get_description (SOLACE_CHART (chart)));
  solace_test_spin (100);
  g_assert_cmpfloat (light_text_share (f, "empty", chart, &n_accent), <, 0.1);
  g_assert_cmpuint (n_accent, ==, 0);

  gtk_window_destroy (window);
  solace_test_spin (50);
  g_assert_finalize_object (chart);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);
  g_log_set_writer_func (count_writer, NULL, NULL);
  g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);

  have_display = gtk_init_check ();
  if (have_display)
    adw_init ();

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/charts/bars", test_bars);
  ADD ("/charts/bars-secondary", test_bars_secondary);
  ADD ("/charts/line", test_line);
  ADD ("/charts/line-alone", test_line_alone);
  ADD ("/charts/hbars", test_hbars);
  ADD ("/charts/empty", test_empty);
  ADD ("/charts/thinning", test_thinning);
  ADD ("/charts/hostile", test_hostile);
  ADD ("/charts/widget", test_widget);
#undef ADD

  return g_test_run ();
}
