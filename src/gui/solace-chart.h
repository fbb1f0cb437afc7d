/* solace-chart.h — small line and bar charts for the Insights section
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

typedef enum
{
  SOLACE_CHART_LINE,   /* one value a slot; NAN is a gap and breaks the line */
  SOLACE_CHART_BARS,   /* one bar a slot; zero keeps its slot and label, draws no bar */
  SOLACE_CHART_HBARS,  /* one horizontal bar a label, its count after it */
} SolaceChartKind;

/* The points of one chart, in order.  Add them all before handing it
 * to a widget; to change what a widget shows, set data again. */
typedef struct _SolaceChartData SolaceChartData;

#define SOLACE_TYPE_CHART_DATA (solace_chart_data_get_type ())

GType            solace_chart_data_get_type     (void) G_GNUC_CONST;

/* LINE: the y axis runs from @y_min to @y_max (mood 1–5: gridlines at
 * 1…5).  BARS: from 0 to the larger of @y_max and the largest value,
 * rounded up to a round number.  HBARS: the longest bar is the larger
 * of @y_max and the largest value.  Values outside are clamped; NAN or
 * infinite limits, or @y_max ≤ @y_min, give an axis of length 1. */
SolaceChartData *solace_chart_data_new          (SolaceChartKind  kind,
                                                 double           y_min,
                                                 double           y_max);
SolaceChartData *solace_chart_data_ref          (SolaceChartData *data);
void             solace_chart_data_unref        (SolaceChartData *data);
/* @label: the x-axis label (BARS, LINE) or the bar's name (HBARS); ""
 * or NULL for none.  @secondary: BARS only, shown above the bar (for
 * example the average intensity of the week's urges); NAN for none. */
void             solace_chart_data_add          (SolaceChartData *data,
                                                 const char      *label,
                                                 double           value,
                                                 double           secondary);
SolaceChartKind  solace_chart_data_get_kind     (SolaceChartData *data);
guint            solace_chart_data_get_n_points (SolaceChartData *data);

/* Draws @data into @cr from (0, 0) to (@width, @height): text and
 * gridlines in @foreground at reduced alpha, data in @accent.  No
 * points, or none but NAN: the axes and "Nothing to show yet"; NULL:
 * that message alone.  Needs no widget. */
void             solace_chart_render            (SolaceChartData *data,
                                                 cairo_t         *cr,
                                                 int              width,
                                                 int              height,
                                                 const GdkRGBA   *foreground,
                                                 const GdkRGBA   *accent);
/* Where solace_chart_render() would draw the data: every accent pixel
 * falls inside @area.  @cr is only used to measure text. */
void             solace_chart_get_plot_area     (SolaceChartData       *data,
                                                 cairo_t               *cr,
                                                 int                    width,
                                                 int                    height,
                                                 cairo_rectangle_int_t *area);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SolaceChartData, solace_chart_data_unref)

#define SOLACE_TYPE_CHART (solace_chart_get_type ())

G_DECLARE_FINAL_TYPE (SolaceChart, solace_chart, SOLACE, CHART, GtkDrawingArea)

GtkWidget       *solace_chart_new               (void);
/* @title becomes the accessible label, @description (the same facts in
 * words: "Mood over the last 4 weeks: average 3.2…") the accessible
 * description.  @data may be NULL. */
void             solace_chart_set_data          (SolaceChart     *self,
                                                 const char      *title,
                                                 SolaceChartData *data,
                                                 const char      *description);
SolaceChartData *solace_chart_get_data          (SolaceChart     *self);
const char      *solace_chart_get_title         (SolaceChart     *self);
const char      *solace_chart_get_description   (SolaceChart     *self);

G_END_DECLS
