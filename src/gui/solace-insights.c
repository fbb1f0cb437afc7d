/* solace-insights.c — mood, urges, self-care and triggers, drawn
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "solace-insights"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "solace-insights.h"
#include "solace-locale.h"
#include "solace-progress-report-dialog.h"
#include "solace-progress-trends.h"

struct _SolaceInsights
{
  GtkWidget       parent_instance;

  GtkWidget      *box;
  GtkToggleButton *four_weeks;
  GtkToggleButton *twelve_weeks;
  SolaceChart    *charts[SOLACE_N_INSIGHTS];
  GtkWidget      *report_button;

  SolaceDatabase *db;
  GDate           today;
  guint           weeks;
};

G_DEFINE_FINAL_TYPE (SolaceInsights, solace_insights, GTK_TYPE_WIDGET)

/* "3 Nov": a short date for an axis. */
static char *
short_day (const GDate *day)
{
  char text[64];

  /* Translators: a day on a chart's axis, as in strftime(3). */
  if (g_date_strftime (text, sizeof text, _("%-d %b"), day) == 0)
    return g_strdup ("");
  return g_strdup (text);
}

static void
update_mood (SolaceInsights *self)
{
  guint n_days = self->weeks * 7;
  g_autoptr(GArray) moods = solace_progress_moods (self->db, &self->today, n_days, NULL);
  g_autoptr(SolaceChartData) data = solace_chart_data_new (SOLACE_CHART_LINE, 1, 5);
  g_autofree char *description = NULL;
  g_autofree char *title = NULL;
  double sum = 0, lowest = 6, highest = 0;
  guint n = 0;
  GDateWeekday first_weekday = solace_locale_first_weekday ();

  for (guint i = 0; moods != NULL && i < moods->len; i++)
    {
      double mood = g_array_index (moods, double, i);
      GDate day = self->today;
      g_autofree char *label = NULL;

      g_date_subtract_days (&day, n_days - 1 - i);
      /* A label at the start of each week is enough. */
      if (g_date_get_weekday (&day) == first_weekday)
        label = short_day (&day);
      solace_chart_data_add (data, label, mood, NAN);

      if (!isnan (mood))
        {
          sum += mood;
          lowest = MIN (lowest, mood);
          highest = MAX (highest, mood);
          n++;
        }
    }

  title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Mood over the last week", "Mood over the last %u weeks",
                                        self->weeks), self->weeks);
  if (n == 0)
    description = g_strdup_printf (_("%s: no check-ins yet."), title);
  else
    description = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                "%s: %u check-in, average %.1f out of 5, lowest %.0f, highest %.0f.",
                                                "%s: %u check-ins, average %.1f out of 5, lowest %.0f, highest %.0f.",
                                                n),
                                   title, n, sum / n, lowest, highest);

  solace_chart_set_data (self->charts[SOLACE_INSIGHT_MOOD], title, data, description);
}

static void
update_weeks (SolaceInsights *self)
{
  g_autoptr(GArray) weeks = solace_progress_weeks (self->db, &self->today, self->weeks,
                                                   solace_locale_first_weekday (), NULL);
  g_autoptr(SolaceChartData) urges = solace_chart_data_new (SOLACE_CHART_BARS, 0, 4);
  g_autoptr(SolaceChartData) care = solace_chart_data_new (SOLACE_CHART_BARS, 0, 7);
  g_autoptr(GString) urge_text = g_string_new (NULL);
  g_autoptr(GString) care_text = g_string_new (NULL);
  g_autofree char *urge_title = NULL;
  g_autofree char *care_title = NULL;
  double intensity_sum = 0;
  int total = 0;

  for (guint i = 0; weeks != NULL && i < weeks->len; i++)
    {
      const SolaceWeek *w = &g_array_index (weeks, SolaceWeek, i);
      /* Every label would crowd twelve weeks: every other one. */
      g_autofree char *label = (self->weeks <= 6 || i % 2 == 0) ? short_day (&w->first_day) : NULL;

      solace_chart_data_add (urges, label, w->urges, w->mean_intensity);
      solace_chart_data_add (care, label, w->self_care_days, NAN);
      if (i > 0)
        {
          /* Translators: between the items of a list, "3, 0, 5". */
          g_string_append (urge_text, _(", "));
          g_string_append (care_text, _(", "));
        }
      g_string_append_printf (urge_text, "%d", w->urges);
      g_string_append_printf (care_text, "%d", w->self_care_days);
      total += w->urges;
      if (w->urges > 0)
        intensity_sum += w->mean_intensity * w->urges;
    }

  urge_title = g_strdup (_("Urges per week"));
  care_title = g_strdup (_("Days with self-care per week"));
  {
    g_autofree char *urge_description = NULL;
    g_autofree char *care_description = NULL;

    if (total == 0)
      urge_description = g_strdup_printf (_("%s, oldest first, this week last: %s. No urges logged in this time."),
                                          urge_title, urge_text->str);
    else
      urge_description = g_strdup_printf (_("%s, oldest first, this week last: %s. Average strength %.1f out of 10."),
                                          urge_title, urge_text->str, intensity_sum / total);
    care_description = g_strdup_printf (_("%s, oldest first, this week last: %s."), care_title, care_text->str);

    solace_chart_set_data (self->charts[SOLACE_INSIGHT_URGES], urge_title, urges, urge_description);
    solace_chart_set_data (self->charts[SOLACE_INSIGHT_SELF_CARE], care_title, care, care_description);
  }
}

static void
update_triggers (SolaceInsights *self)
{
  g_auto(GStrv) causes = solace_progress_top_causes (self->db, &self->today, self->weeks * 7, 5, NULL);
  g_autoptr(SolaceChartData) data = solace_chart_data_new (SOLACE_CHART_HBARS, 0, 1);
  g_autoptr(GString) text = g_string_new (NULL);
  const char *title = _("What sets the urges off");
  g_autofree char *description = NULL;

  for (guint i = 0; causes != NULL && causes[i] != NULL; i++)
    {
      g_auto(GStrv) parts = g_strsplit (causes[i], "\t", 2);
      int count = parts[1] != NULL ? atoi (parts[1]) : 0;

      solace_chart_data_add (data, parts[0], count, NAN);
      if (i > 0)
        /* Translators: between the items of a list. */
        g_string_append (text, _(", "));
      /* Translators: what set urges off and how many it did, "photos (2)". */
      g_string_append_printf (text, C_("cause and count", "%1$s (%2$d)"), parts[0], count);
    }

  if (text->len == 0)
    description = g_strdup_printf (_("%s: nothing noted yet."), title);
  else
    description = g_strdup_printf (_("%s, most common first: %s."), title, text->str);

  solace_chart_set_data (self->charts[SOLACE_INSIGHT_TRIGGERS], title, data, description);
}

static void
redraw (SolaceInsights *self)
{
  if (self->db == NULL || !g_date_valid (&self->today))
    return;

  update_mood (self);
  update_weeks (self);
  update_triggers (self);
}

static void
range_toggled_cb (SolaceInsights *self)
{
  guint weeks = gtk_toggle_button_get_active (self->twelve_weeks) ? 12 : 4;

  if (weeks != self->weeks)
    {
      self->weeks = weeks;
      redraw (self);
    }
}

static GtkWidget *
chart_card (SolaceInsights *self,
            SolaceInsight   insight,
            const char     *heading)
{
  GtkWidget *card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *label = gtk_label_new (heading);

  gtk_widget_add_css_class (card, "card");
  gtk_widget_add_css_class (card, "chart-card");
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_widget_add_css_class (label, "heading");
  self->charts[insight] = SOLACE_CHART (solace_chart_new ());
  gtk_box_append (GTK_BOX (card), label);
  gtk_box_append (GTK_BOX (card), GTK_WIDGET (self->charts[insight]));

  return card;
}

static void
make_report_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  SolaceInsights *self = SOLACE_INSIGHTS (widget);
  SolaceProgressReportDialog *dialog;
  GtkRoot *root = gtk_widget_get_root (widget);

  if (self->db == NULL)
    return;

  dialog = solace_progress_report_dialog_new (self->db);
  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (root));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
solace_insights_dispose (GObject *object)
{
  SolaceInsights *self = SOLACE_INSIGHTS (object);

  g_clear_pointer (&self->box, gtk_widget_unparent);
  g_clear_object (&self->db);

  G_OBJECT_CLASS (solace_insights_parent_class)->dispose (object);
}

static void
solace_insights_class_init (SolaceInsightsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = solace_insights_dispose;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "insights");

  gtk_widget_class_install_action (widget_class, "insights.make-report", NULL, make_report_action);
}

static void
solace_insights_init (SolaceInsights *self)
{
  /* The title above the range buttons rather than beside them: side by
   * side they need more than a 360 px window in longer languages
   * ("Tu evolución" + "4 semanas | 12 semanas"). */
  GtkWidget *header = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *title = gtk_label_new (_("Insights"));
  GtkWidget *range = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);

  self->weeks = 4;
  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));

  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_wrap (GTK_LABEL (title), TRUE);
  gtk_widget_add_css_class (title, "title-4");
  gtk_box_append (GTK_BOX (header), title);

  self->four_weeks = GTK_TOGGLE_BUTTON (gtk_toggle_button_new_with_mnemonic (_("_4 Weeks")));
  self->twelve_weeks = GTK_TOGGLE_BUTTON (gtk_toggle_button_new_with_mnemonic (_("1_2 Weeks")));
  gtk_toggle_button_set_group (self->twelve_weeks, self->four_weeks);
  gtk_toggle_button_set_active (self->four_weeks, TRUE);
  gtk_widget_add_css_class (range, "linked");
  gtk_widget_set_halign (range, GTK_ALIGN_START);
  gtk_box_append (GTK_BOX (range), GTK_WIDGET (self->four_weeks));
  gtk_box_append (GTK_BOX (range), GTK_WIDGET (self->twelve_weeks));
  gtk_accessible_update_property (GTK_ACCESSIBLE (range), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Time shown"), -1);
  g_signal_connect_swapped (self->twelve_weeks, "toggled", G_CALLBACK (range_toggled_cb), self);
  gtk_box_append (GTK_BOX (header), range);
  gtk_box_append (GTK_BOX (self->box), header);

  gtk_box_append (GTK_BOX (self->box), chart_card (self, SOLACE_INSIGHT_MOOD, _("Mood")));
  {
    GtkWidget *card = chart_card (self, SOLACE_INSIGHT_URGES, _("Urges per Week"));
    GtkWidget *note = gtk_label_new (_("Above each bar: how strong they were on average, out of 10."));

    gtk_label_set_wrap (GTK_LABEL (note), TRUE);
    gtk_label_set_xalign (GTK_LABEL (note), 0);
    gtk_widget_add_css_class (note, "caption");
    gtk_widget_add_css_class (note, "dim-label");
    gtk_box_append (GTK_BOX (card), note);
    gtk_box_append (GTK_BOX (self->box), card);
  }
  gtk_box_append (GTK_BOX (self->box), chart_card (self, SOLACE_INSIGHT_SELF_CARE, _("Days You Looked After Yourself")));
  gtk_box_append (GTK_BOX (self->box), chart_card (self, SOLACE_INSIGHT_TRIGGERS, _("Common Triggers")));

  /* A PDF of these and more, for a therapist. */
  self->report_button = gtk_button_new_with_mnemonic (_("Make a _Report…"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->report_button), "insights.make-report");
  gtk_widget_set_halign (self->report_button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (self->report_button, "pill");
  gtk_widget_set_tooltip_text (self->report_button, _("A PDF of your progress to take to a therapist or counsellor"));
  gtk_box_append (GTK_BOX (self->box), self->report_button);
}

SolaceInsights *
solace_insights_new (void)
{
  return g_object_new (SOLACE_TYPE_INSIGHTS, NULL);
}

void
solace_insights_update (SolaceInsights *self,
                        SolaceDatabase *db,
                        const GDate    *today)
{
  g_return_if_fail (SOLACE_IS_INSIGHTS (self));
  g_return_if_fail (today != NULL && g_date_valid (today));

  g_set_object (&self->db, db);
  self->today = *today;
  redraw (self);
}

void
solace_insights_set_weeks (SolaceInsights *self,
                           guint           weeks)
{
  g_return_if_fail (SOLACE_IS_INSIGHTS (self));

  gtk_toggle_button_set_active (weeks > 4 ? self->twelve_weeks : self->four_weeks, TRUE);
}

guint
solace_insights_get_weeks (SolaceInsights *self)
{
  g_return_val_if_fail (SOLACE_IS_INSIGHTS (self), 0);

  return self->weeks;
}

GtkButton *
solace_insights_get_report_button (SolaceInsights *self)
{
  g_return_val_if_fail (SOLACE_IS_INSIGHTS (self), NULL);

  return GTK_BUTTON (self->report_button);
}

SolaceChart *
solace_insights_get_chart (SolaceInsights *self,
                           SolaceInsight   insight)
{
  g_return_val_if_fail (SOLACE_IS_INSIGHTS (self), NULL);
  g_return_val_if_fail (insight < SOLACE_N_INSIGHTS, NULL);

  return self->charts[insight];
}
