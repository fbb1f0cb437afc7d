/* solace-today-page.c — the no-contact counter, the day's check-in and
 * what the weeks add up to
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Why one file of this length: the fixed layout is in the .ui, but the
 * check-in's feelings, signs and self-care chips are made from core's
 * lists, and the counter, check-in and Insights share the day shown.
 */
#define G_LOG_DOMAIN "solace-today-page"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "solace-check-in.h"
#include "solace-format.h"
#include "solace-progress.h"
#include "solace-task.h"
#include "solace-today-page.h"
#include "solace-urge-dialog.h"
#include "solace-utils.h"
#include "solace-widgets.h"

static const char * const mood_names[] = {
  N_("Very low"), N_("Low"), N_("Okay"), N_("Good"), N_("Very good"),
};

struct _SolaceTodayPage
{
  GtkWidget             parent_instance;

  /* From the template. */
  GtkBox               *content;
  GtkWidget            *write_card;
  GtkLabel             *counter_label;
  GtkLabel             *since_label;
  GtkLabel             *totals_label;
  GtkMenuButton        *date_button;
  GtkPopover           *date_popover;
  GtkCalendar          *calendar;
  GtkLabel             *date_error_label;

  /* A milestone reached, shown once. */
  GtkWidget            *milestone_card;
  GtkLabel             *milestone_title;
  GtkLabel             *milestone_label;

  /* A gentle word about professional help. */
  GtkWidget            *help_card;
  GtkLabel             *help_label;

  GtkWidget            *reach_out_button;

  GtkWidget            *stage_card;
  GtkLabel             *stage_title;
  GtkLabel             *stage_label;

  /* The day's check-in. */
  GtkToggleButton      *mood_buttons[5];
  GPtrArray            *emotion_buttons;
  GtkCheckButton       *self_care_buttons[SOLACE_N_SELF_CARE];
  GtkCheckButton       *sign_buttons[SOLACE_N_SIGNS];
  GtkExpander          *signs_expander;
  GtkEntry             *note_entry;
  GtkButton            *check_in_button;
  GtkLabel             *check_in_status;
  GDate                 check_in_day;      /* the day the form is for */
  gboolean              check_in_saved;    /* the form shows a saved check-in */
  GDate                 test_today;        /* cleared: the real clock */

  /* Insights. */
  /* Below the fold: made once the page's first frame is drawn, or
   * when asked for, not before that frame. */
  SolaceInsights       *insights;
  guint                 insights_id;

  SolaceDatabase       *database;
  SolaceContactStore   *contacts;
  SolaceStretchSummary  summary;
  guint                 midnight_id;
};

G_DEFINE_FINAL_TYPE (SolaceTodayPage, solace_today_page, GTK_TYPE_WIDGET)

enum {
  REMINDERS_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Today, by the wall clock, or the day a test set. */
static GDate *
page_today (SolaceTodayPage *self)
{
  g_autoptr(GTimeZone) tz = NULL;

  if (g_date_valid (&self->test_today))
    return g_date_copy (&self->test_today);

  tz = g_time_zone_new_local ();
  return solace_local_day (tz, g_get_real_time () / G_USEC_PER_SEC);
}

static char *
format_long_date (const GDate *date)
{
  g_autoptr(GDateTime) when = solace_date_to_date_time (date);

  return solace_format_long_date (when);
}

static void
show_toast (SolaceTodayPage *self,
            const char      *title)
{
  solace_widget_toast (GTK_WIDGET (self), title);
}

static gboolean
can_write (SolaceTodayPage *self)
{
  if (self->database == NULL || solace_database_is_read_only (self->database))
    {
      show_toast (self, _("Solace is read-only right now, so nothing can be saved."));
      return FALSE;
    }
  return TRUE;
}

/* Milestone reminders changed: the reminder service must plan again. */
static void
replan_reminders (SolaceTodayPage *self)
{
  g_signal_emit (self, signals[REMINDERS_CHANGED], 0);
}

/* ---- Midnight ------------------------------------------------------- */

static void schedule_midnight (SolaceTodayPage *self);

static gboolean
midnight_cb (gpointer user_data)
{
  SolaceTodayPage *self = user_data;

  self->midnight_id = 0;
  solace_today_page_refresh (self);
  schedule_midnight (self);

  return G_SOURCE_REMOVE;
}

/* Day N changes at local midnight.  The timer is a hint; the page also
 * recounts whenever the window becomes active, which covers a clock that
 * jumped or a machine that slept through midnight. */
static void
schedule_midnight (SolaceTodayPage *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) tomorrow = g_date_time_add_days (now, 1);
  g_autoptr(GDateTime) midnight = NULL;
  GTimeSpan until;

  g_clear_handle_id (&self->midnight_id, g_source_remove);

  midnight = g_date_time_new_local (g_date_time_get_year (tomorrow),
                                    g_date_time_get_month (tomorrow),
                                    g_date_time_get_day_of_month (tomorrow),
                                    0, 0, 1);
  until = g_date_time_difference (midnight, now);
  self->midnight_id = g_timeout_add_seconds (MAX (1, (guint) (until / G_USEC_PER_SEC)),
                                             midnight_cb, self);
}

/* ---- Counter, stage, milestone -------------------------------------- */

static void
update_counter (SolaceTodayPage *self,
                const GDate     *today)
{
  SolaceStretchSummary *s = &self->summary;

  if (!s->has_current)
    {
      gtk_label_set_text (self->counter_label, _("Day One Starts When You Choose"));
      gtk_widget_remove_css_class (GTK_WIDGET (self->counter_label), "counter");
      gtk_widget_add_css_class (GTK_WIDGET (self->counter_label), "title-2");
      gtk_label_set_text (self->since_label,
                          _("Tell Solace the last day you were in contact, and it will count the days with you."));
      gtk_widget_set_visible (GTK_WIDGET (self->totals_label), FALSE);
      gtk_menu_button_set_label (self->date_button, _("_Set the Day…"));
      return;
    }

  {
    /* Translators: the counter, "Day 12": today is the 12th day
     * without contact. */
    g_autofree char *counter = g_strdup_printf (_("Day %d"), s->current_day);
    g_autofree char *date = format_long_date (&s->start);
    g_autofree char *since = NULL;
    g_autofree char *longest = NULL;
    g_autofree char *total = NULL;
    g_autofree char *totals = NULL;

    if (g_date_compare (&s->start, today) > 0)
      /* The clock went back past the start: say so gently, keep day 1. */
      since = g_strdup_printf (_("Counting from %s. Your computer’s clock seems to be set earlier than that."), date);
    else
      since = g_strdup_printf (_("No contact since %s"), date);

    longest = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Longest stretch: %d day", "Longest stretch: %d days",
                                            s->longest), s->longest);
    total = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d day without contact in all", "%d days without contact in all",
                                          s->total), s->total);
    /* Translators: the longest stretch, then the days without contact
     * in all: "Longest stretch: 40 days · 95 days without contact in all". */
    totals = g_strdup_printf (C_("stretch totals", "%1$s · %2$s"), longest, total);

    gtk_widget_remove_css_class (GTK_WIDGET (self->counter_label), "title-2");
    gtk_widget_add_css_class (GTK_WIDGET (self->counter_label), "counter");
    gtk_label_set_text (self->counter_label, counter);
    gtk_label_set_text (self->since_label, since);
    gtk_label_set_text (self->totals_label, totals);
    /* The totals only say something once there is more than one stretch. */
    gtk_widget_set_visible (GTK_WIDGET (self->totals_label), s->n_stretches > 1);
    gtk_menu_button_set_label (self->date_button, _("_Change the Day…"));
  }
}

static void
update_stage (SolaceTodayPage *self,
              const GDate     *today)
{
  GDate first = *today;
  SolaceStage stage;
  int urges;

  gtk_widget_set_visible (self->stage_card, self->summary.has_current);
  if (!self->summary.has_current)
    return;

  g_date_subtract_days (&first, 13);
  urges = solace_progress_count_urges (self->database, &first, today, NULL);
  stage = solace_stage_for (self->summary.current_day, MAX (urges, 0));
  gtk_label_set_text (self->stage_title, solace_stage_get_title (stage));
  gtk_label_set_text (self->stage_label, solace_stage_get_description (stage));
}

typedef struct
{
  char *uuid;
  int   day;
} SeenData;

static void
seen_data_free (SeenData *data)
{
  g_free (data->uuid);
  g_free (data);
}

static gboolean
mark_seen_run (SolaceDatabase  *db,
               gpointer         data,
               GError         **error)
{
  SeenData *seen = data;

  return solace_progress_mark_milestones_seen (db, seen->uuid, seen->day, error);
}

static void
update_milestone (SolaceTodayPage *self)
{
  guint seen = 0;
  int milestone;

  if (!self->summary.has_current ||
      !solace_progress_get_milestones_seen (self->database, self->summary.current_uuid, &seen, NULL))
    return;

  milestone = solace_milestone_to_celebrate (self->summary.current_day, seen);
  if (milestone < 0)
    return;

  {
    g_autofree char *title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d Day", "%d Days", milestone), milestone);
    SeenData *data;

    gtk_label_set_text (self->milestone_title, title);
    gtk_label_set_text (self->milestone_label, solace_milestone_get_message (milestone));
    gtk_widget_set_visible (self->milestone_card, TRUE);

    /* Celebrated once: the card stays until dismissed or the day ends,
     * but it will not come back. */
    if (solace_database_is_read_only (self->database))
      return;
    data = g_new0 (SeenData, 1);
    data->uuid = g_strdup (self->summary.current_uuid);
    data->day = self->summary.current_day;
    solace_database_run_async (self->database, self, mark_seen_run, data,
                               (GDestroyNotify) seen_data_free, NULL, NULL);
  }
}

/* ---- Professional help ---------------------------------------------- */

static void
update_help (SolaceTodayPage *self,
             const GDate     *today)
{
  g_autoptr(GPtrArray) recent = NULL;
  g_autoptr(GDate) dismissed = NULL;
  GDate first = *today;
  gint64 julian;
  guint reasons;

  g_date_subtract_days (&first, 13);
  recent = solace_check_in_load_range (self->database, &first, today, NULL);
  if (recent == NULL)
    return;

  julian = solace_progress_get_value (self->database, "help-dismissed", 0);
  if (julian > 0 && julian <= G_MAXUINT32 && g_date_valid_julian ((guint32) julian))
    dismissed = g_date_new_julian ((guint32) julian);

  reasons = solace_professional_help_due (recent, today, dismissed);
  gtk_widget_set_visible (self->help_card, reasons != 0);
  if (reasons == 0)
    return;

  gtk_label_set_text (self->help_label,
                      (reasons & SOLACE_HELP_LOW_MOOD)
                      ? _("Most of your check-ins over the last two weeks have been low. Feeling this way after a "
                          "breakup is common, and it can also be a sign that talking to a therapist or your doctor "
                          "would help. You deserve that support.")
                      : _("You noted some signs that can mean low mood is settling in. Talking to a therapist or "
                          "your doctor can help, and you do not have to wait until it gets worse."));
}

static gboolean
set_value_run (SolaceDatabase  *db,
               gpointer         data,
               GError         **error)
{
  gint64 *julian = data;

  return solace_progress_set_value (db, "help-dismissed", *julian, error);
}

static void
dismiss_help_cb (SolaceTodayPage *self)
{
  g_autoptr(GDate) today = page_today (self);
  gint64 *julian;

  gtk_widget_set_visible (self->help_card, FALSE);
  if (!can_write (self))
    return;

  julian = g_new (gint64, 1);
  *julian = g_date_get_julian (today);
  solace_database_run_async (self->database, self, set_value_run, julian, g_free, NULL, NULL);
}

/* ---- The day's check-in --------------------------------------------- */

static void
update_check_in_button (SolaceTodayPage *self)
{
  gboolean chosen = FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (self->mood_buttons); i++)
    chosen |= gtk_toggle_button_get_active (self->mood_buttons[i]);

  gtk_widget_set_sensitive (GTK_WIDGET (self->check_in_button), chosen);
}

static void
load_check_in (SolaceTodayPage *self,
               const GDate     *today)
{
  g_autoptr(SolaceCheckIn) check_in = NULL;

  self->check_in_day = *today;
  if (self->database != NULL)
    check_in = solace_check_in_load (self->database, today, NULL);
  self->check_in_saved = check_in != NULL;

  for (guint i = 0; i < G_N_ELEMENTS (self->mood_buttons); i++)
    gtk_toggle_button_set_active (self->mood_buttons[i], check_in != NULL && check_in->mood == (int) i + 1);
  for (guint i = 0; i < self->emotion_buttons->len; i++)
    {
      GtkToggleButton *button = g_ptr_array_index (self->emotion_buttons, i);
      const char *key = g_object_get_data (G_OBJECT (button), "key");

      gtk_toggle_button_set_active (button, check_in != NULL && g_strv_contains ((const char * const *) check_in->emotions, key));
    }
  for (guint i = 0; i < SOLACE_N_SELF_CARE; i++)
    gtk_check_button_set_active (self->self_care_buttons[i], check_in != NULL && (check_in->self_care & (1 << i)));
  for (guint i = 0; i < SOLACE_N_SIGNS; i++)
    gtk_check_button_set_active (self->sign_buttons[i], check_in != NULL && (check_in->signs & (1 << i)));
  gtk_expander_set_expanded (self->signs_expander, check_in != NULL && check_in->signs != 0);
  gtk_editable_set_text (GTK_EDITABLE (self->note_entry), check_in != NULL ? check_in->note : "");

  gtk_button_set_label (self->check_in_button, check_in != NULL ? _("_Update Check-In") : _("_Check In"));
  gtk_label_set_text (self->check_in_status,
                      check_in != NULL ? _("You checked in today. You can change it until midnight.") : "");
  gtk_widget_set_visible (GTK_WIDGET (self->check_in_status), check_in != NULL);
  update_check_in_button (self);
}

static SolaceCheckIn *
read_check_in (SolaceTodayPage *self)
{
  SolaceCheckIn *check_in = solace_check_in_new (&self->check_in_day);
  g_autoptr(GStrvBuilder) emotions = g_strv_builder_new ();
  g_autofree char *note = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->note_entry))));

  check_in->mood = 0;
  for (guint i = 0; i < G_N_ELEMENTS (self->mood_buttons); i++)
    if (gtk_toggle_button_get_active (self->mood_buttons[i]))
      check_in->mood = i + 1;
  for (guint i = 0; i < self->emotion_buttons->len; i++)
    {
      GtkToggleButton *button = g_ptr_array_index (self->emotion_buttons, i);

      if (gtk_toggle_button_get_active (button))
        g_strv_builder_add (emotions, g_object_get_data (G_OBJECT (button), "key"));
    }
  g_strfreev (check_in->emotions);
  check_in->emotions = g_strv_builder_end (emotions);
  for (guint i = 0; i < SOLACE_N_SELF_CARE; i++)
    if (gtk_check_button_get_active (self->self_care_buttons[i]))
      check_in->self_care |= 1 << i;
  for (guint i = 0; i < SOLACE_N_SIGNS; i++)
    if (gtk_check_button_get_active (self->sign_buttons[i]))
      check_in->signs |= 1 << i;
  g_free (check_in->note);
  check_in->note = g_steal_pointer (&note);

  return check_in;
}

static gboolean
save_check_in_run (SolaceDatabase  *db,
                   gpointer         data,
                   GError         **error)
{
  SolaceCheckIn *check_in = data;

  /* Its own day is "today" for the write: a form left open past
   * midnight still saves the day it was for, and only that day. */
  return solace_check_in_save (db, check_in, &check_in->day, error);
}

static void
save_check_in_done_cb (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  SolaceTodayPage *self = SOLACE_TODAY_PAGE (object);
  g_autoptr(GError) error = NULL;

  if (!solace_database_run_finish (result, &error))
    {
      g_autofree char *message = g_strdup_printf (_("Your check-in could not be saved: %s"), error->message);

      show_toast (self, message);
      return;
    }

  show_toast (self, _("Check-in saved"));
  load_check_in (self, &self->check_in_day);
  solace_today_page_refresh (self);
}

/* Whether anything has been chosen or typed in the form. */
static gboolean
form_has_input (SolaceTodayPage *self)
{
  g_autoptr(SolaceCheckIn) check_in = read_check_in (self);

  return check_in->mood != 0 || check_in->emotions[0] != NULL || check_in->self_care != 0 ||
         check_in->signs != 0 || check_in->note[0] != '\0';
}

/* The day has changed under the form.  Something typed and not yet
 * saved (a check-in begun at 23:58) is kept and becomes @today's, unless
 * @today already has one; otherwise the form is @today's, fresh or as
 * saved.  Returns whether what was typed was kept. */
static gboolean
new_check_in_day (SolaceTodayPage *self,
                  const GDate     *today)
{
  g_autoptr(SolaceCheckIn) saved = NULL;

  if (self->database != NULL)
    saved = solace_check_in_load (self->database, today, NULL);

  if (!self->check_in_saved && saved == NULL && form_has_input (self))
    {
      self->check_in_day = *today;
      return TRUE;
    }

  load_check_in (self, today);
  return FALSE;
}

static void
check_in_clicked_cb (SolaceTodayPage *self)
{
  g_autoptr(GDate) today = page_today (self);
  g_autoptr(SolaceCheckIn) check_in = NULL;

  if (!can_write (self))
    return;

  /* Past midnight (a machine that slept through it): what is typed and
   * not yet saved becomes today's; a saved check-in stays yesterday's. */
  if (g_date_compare (today, &self->check_in_day) != 0 && !new_check_in_day (self, today))
    {
      show_toast (self, _("A new day has started, so the check-in is fresh again."));
      return;
    }

  check_in = read_check_in (self);
  if (check_in->mood == 0)
    return;

  solace_database_run_async (self->database, self, save_check_in_run, g_steal_pointer (&check_in),
                             (GDestroyNotify) solace_check_in_free, save_check_in_done_cb, NULL);
}

/* ---- Building the page ---------------------------------------------- */

static GtkWidget *
card_new (const char *title,
          GtkLabel  **title_label)
{
  GtkWidget *card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *heading = gtk_label_new (title);

  gtk_widget_add_css_class (card, "card");
  gtk_widget_add_css_class (card, "write-card");
  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  gtk_label_set_wrap (GTK_LABEL (heading), TRUE);
  gtk_widget_add_css_class (heading, "heading");
  gtk_box_append (GTK_BOX (card), heading);
  if (title_label != NULL)
    *title_label = GTK_LABEL (heading);

  return card;
}

static GtkLabel *
card_text (GtkWidget  *card,
           const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_box_append (GTK_BOX (card), label);

  return GTK_LABEL (label);
}

static GtkWidget *
pill_button (const char *label,
             const char *action_name)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);

  gtk_widget_add_css_class (button, "pill");
  if (action_name != NULL)
    gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action_name);

  return button;
}

static void
insert_before_write_card (SolaceTodayPage *self,
                          GtkWidget       *widget)
{
  gtk_box_insert_child_after (self->content, widget,
                              gtk_widget_get_prev_sibling (self->write_card));
}

static SolaceInsights *
ensure_insights (SolaceTodayPage *self)
{
  g_autoptr(GDate) today = NULL;

  if (self->insights != NULL)
    return self->insights;

  g_clear_handle_id (&self->insights_id, g_source_remove);
  self->insights = solace_insights_new ();
  insert_before_write_card (self, GTK_WIDGET (self->insights));
  if (self->database != NULL)
    {
      today = page_today (self);
      solace_insights_update (self->insights, self->database, today);
    }

  return self->insights;
}

static gboolean
build_insights_cb (gpointer user_data)
{
  SolaceTodayPage *self = user_data;

  self->insights_id = 0;
  ensure_insights (self);

  return G_SOURCE_REMOVE;
}

/* The tick comes before the first frame is laid out and drawn; an idle
 * of low priority runs once it has been. */
static gboolean
first_frame_cb (GtkWidget     *widget,
                GdkFrameClock *clock,
                gpointer       user_data)
{
  SolaceTodayPage *self = SOLACE_TODAY_PAGE (widget);

  if (self->insights == NULL && self->insights_id == 0)
    self->insights_id = g_idle_add_full (G_PRIORITY_LOW, build_insights_cb, self, NULL);

  return G_SOURCE_REMOVE;
}

static void
reach_out_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  solace_today_page_reach_out (SOLACE_TODAY_PAGE (widget));
}

static void
hide_milestone_cb (SolaceTodayPage *self)
{
  gtk_widget_set_visible (self->milestone_card, FALSE);
}

static void
build_cards (SolaceTodayPage *self)
{
  GtkWidget *box;
  GtkWidget *button;

  /* A milestone, celebrated once. */
  self->milestone_card = card_new ("", &self->milestone_title);
  gtk_widget_add_css_class (self->milestone_card, "milestone-card");
  gtk_widget_remove_css_class (GTK_WIDGET (self->milestone_title), "heading");
  gtk_widget_add_css_class (GTK_WIDGET (self->milestone_title), "title-2");
  self->milestone_label = card_text (self->milestone_card, "");
  button = pill_button (_("_Thank You"), NULL);
  gtk_widget_set_halign (button, GTK_ALIGN_START);
  g_signal_connect_swapped (button, "clicked", G_CALLBACK (hide_milestone_cb), self);
  gtk_box_append (GTK_BOX (self->milestone_card), button);
  gtk_widget_set_visible (self->milestone_card, FALSE);
  gtk_box_insert_child_after (self->content, self->milestone_card, gtk_widget_get_first_child (GTK_WIDGET (self->content)));

  /* The urge intervention, right under the counter. */
  self->reach_out_button = pill_button (_("I Want to _Reach Out"), "today.reach-out");
  gtk_widget_add_css_class (self->reach_out_button, "suggested-action");
  gtk_widget_add_css_class (self->reach_out_button, "reach-out-button");
  gtk_widget_set_halign (self->reach_out_button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (self->reach_out_button, _("A few steps to get through the urge (Ctrl+U)"));
  insert_before_write_card (self, self->reach_out_button);

  /* Professional help, when the check-ins suggest it. */
  self->help_card = card_new (_("Talking to Someone Could Help"), NULL);
  gtk_widget_add_css_class (self->help_card, "help-card");
  self->help_label = card_text (self->help_card, "");
  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_box_append (GTK_BOX (box), pill_button (_("When to Talk to a _Professional"), "win.when-to-talk"));
  gtk_box_append (GTK_BOX (box), pill_button (_("_Crisis Lines"), "win.crisis-lines"));
  button = gtk_button_new_with_mnemonic (_("_Not Now"));
  gtk_widget_add_css_class (button, "flat");
  g_signal_connect_swapped (button, "clicked", G_CALLBACK (dismiss_help_cb), self);
  gtk_box_append (GTK_BOX (box), button);
  /* Three buttons do not fit beside each other in a narrow window. */
  gtk_orientable_set_orientation (GTK_ORIENTABLE (box), GTK_ORIENTATION_VERTICAL);
  gtk_widget_set_halign (box, GTK_ALIGN_START);
  gtk_box_append (GTK_BOX (self->help_card), box);
  gtk_widget_set_visible (self->help_card, FALSE);
  insert_before_write_card (self, self->help_card);

  /* Where the person probably is. */
  self->stage_card = card_new ("", &self->stage_title);
  self->stage_label = card_text (self->stage_card, "");
  gtk_widget_set_visible (self->stage_card, FALSE);
  insert_before_write_card (self, self->stage_card);
}

static GtkWidget *
section_label (const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_widget_add_css_class (label, "caption-heading");
  gtk_widget_add_css_class (label, "dim-label");

  return label;
}

static void
build_check_in (SolaceTodayPage *self)
{
  GtkWidget *card = card_new (_("How Are You Today?"), NULL);
  GtkWidget *moods = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkWidget *scale = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkWidget *low = gtk_label_new (_(mood_names[0]));
  GtkWidget *high = gtk_label_new (_(mood_names[4]));
  GtkWidget *emotions = gtk_flow_box_new ();
  GtkWidget *care = gtk_flow_box_new ();
  GtkWidget *signs = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *mood_heading = section_label (_("Mood"));
  GtkWidget *mood_column = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);

  gtk_box_append (GTK_BOX (card), mood_heading);
  gtk_widget_add_css_class (moods, "linked");
  gtk_widget_add_css_class (moods, "mood-picker");
  gtk_box_set_homogeneous (GTK_BOX (moods), TRUE);
  for (guint i = 0; i < G_N_ELEMENTS (self->mood_buttons); i++)
    {
      g_autofree char *number = g_strdup_printf ("%u", i + 1);
      g_autofree char *name = g_strdup_printf (_("Mood %u of 5: %s"), i + 1, _(mood_names[i]));

      self->mood_buttons[i] = GTK_TOGGLE_BUTTON (gtk_toggle_button_new_with_label (number));
      gtk_widget_set_size_request (GTK_WIDGET (self->mood_buttons[i]), 44, -1);
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->mood_buttons[i]), _(mood_names[i]));
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->mood_buttons[i]),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
      if (i > 0)
        gtk_toggle_button_set_group (self->mood_buttons[i], self->mood_buttons[0]);
      g_signal_connect_swapped (self->mood_buttons[i], "toggled", G_CALLBACK (update_check_in_button), self);
      gtk_box_append (GTK_BOX (moods), GTK_WIDGET (self->mood_buttons[i]));
    }
  gtk_accessible_update_relation (GTK_ACCESSIBLE (moods), GTK_ACCESSIBLE_RELATION_LABELLED_BY, mood_heading, NULL, -1);
  /* The ends of the scale, under the buttons and as wide as they are. */
  gtk_widget_set_halign (moods, GTK_ALIGN_FILL);
  gtk_widget_set_halign (mood_column, GTK_ALIGN_START);
  gtk_box_append (GTK_BOX (mood_column), moods);
  gtk_box_append (GTK_BOX (mood_column), scale);
  gtk_box_append (GTK_BOX (card), mood_column);
  gtk_widget_set_hexpand (low, TRUE);
  gtk_label_set_xalign (GTK_LABEL (low), 0);
  gtk_label_set_xalign (GTK_LABEL (high), 1);
  gtk_widget_add_css_class (low, "caption");
  gtk_widget_add_css_class (high, "caption");
  gtk_widget_add_css_class (low, "dim-label");
  gtk_widget_add_css_class (high, "dim-label");
  gtk_box_append (GTK_BOX (scale), low);
  gtk_box_append (GTK_BOX (scale), high);

  gtk_box_append (GTK_BOX (card), section_label (_("Feelings")));
  gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (emotions), GTK_SELECTION_NONE);
  gtk_flow_box_set_column_spacing (GTK_FLOW_BOX (emotions), 6);
  gtk_flow_box_set_row_spacing (GTK_FLOW_BOX (emotions), 6);
  gtk_flow_box_set_max_children_per_line (GTK_FLOW_BOX (emotions), 8);
  gtk_accessible_update_property (GTK_ACCESSIBLE (emotions), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Feelings"), -1);
  self->emotion_buttons = g_ptr_array_new ();
  for (guint i = 0; solace_emotions[i] != NULL; i++)
    {
      GtkWidget *chip = gtk_toggle_button_new_with_label (solace_emotion_get_label (solace_emotions[i]));

      gtk_widget_add_css_class (chip, "emotion-chip");
      g_object_set_data (G_OBJECT (chip), "key", (gpointer) solace_emotions[i]);
      gtk_flow_box_append (GTK_FLOW_BOX (emotions), chip);
      gtk_widget_set_focusable (gtk_widget_get_parent (chip), FALSE);
      g_ptr_array_add (self->emotion_buttons, chip);
    }
  gtk_box_append (GTK_BOX (card), emotions);

  gtk_box_append (GTK_BOX (card), section_label (_("Looked after today")));
  gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (care), GTK_SELECTION_NONE);
  gtk_flow_box_set_max_children_per_line (GTK_FLOW_BOX (care), 3);
  gtk_flow_box_set_min_children_per_line (GTK_FLOW_BOX (care), 1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (care), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Looked after today"), -1);
  for (guint i = 0; i < SOLACE_N_SELF_CARE; i++)
    {
      self->self_care_buttons[i] = GTK_CHECK_BUTTON (gtk_check_button_new_with_label (solace_self_care_get_label (i)));
      gtk_flow_box_append (GTK_FLOW_BOX (care), GTK_WIDGET (self->self_care_buttons[i]));
      gtk_widget_set_focusable (gtk_widget_get_parent (GTK_WIDGET (self->self_care_buttons[i])), FALSE);
    }
  gtk_box_append (GTK_BOX (card), care);

  /* The warning signs, folded away: asked, never pressed. */
  self->signs_expander = GTK_EXPANDER (gtk_expander_new (_("Lately, I have noticed…")));
  for (guint i = 0; i < SOLACE_N_SIGNS; i++)
    {
      self->sign_buttons[i] = GTK_CHECK_BUTTON (gtk_check_button_new_with_label (solace_sign_get_label (i)));
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->sign_buttons[i]), solace_sign_get_label (i));
      gtk_box_append (GTK_BOX (signs), GTK_WIDGET (self->sign_buttons[i]));
      gtk_label_set_wrap (GTK_LABEL (gtk_widget_get_last_child (GTK_WIDGET (self->sign_buttons[i]))), TRUE);
    }
  gtk_widget_set_margin_top (signs, 6);
  gtk_expander_set_child (self->signs_expander, signs);
  gtk_box_append (GTK_BOX (card), GTK_WIDGET (self->signs_expander));

  self->note_entry = GTK_ENTRY (gtk_entry_new ());
  gtk_entry_set_placeholder_text (self->note_entry, _("A note, if you like"));
  solace_editable_set_max_chars (GTK_EDITABLE (self->note_entry), SOLACE_MAX_NOTE_CHARS);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->note_entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("A note for today"), -1);
  gtk_box_append (GTK_BOX (card), GTK_WIDGET (self->note_entry));

  self->check_in_button = GTK_BUTTON (pill_button (_("_Check In"), NULL));
  gtk_widget_set_halign (GTK_WIDGET (self->check_in_button), GTK_ALIGN_START);
  g_signal_connect_swapped (self->check_in_button, "clicked", G_CALLBACK (check_in_clicked_cb), self);
  g_signal_connect_swapped (self->note_entry, "activate", G_CALLBACK (check_in_clicked_cb), self);
  gtk_box_append (GTK_BOX (card), GTK_WIDGET (self->check_in_button));

  self->check_in_status = GTK_LABEL (gtk_label_new (""));
  gtk_label_set_wrap (self->check_in_status, TRUE);
  gtk_label_set_xalign (self->check_in_status, 0);
  gtk_widget_add_css_class (GTK_WIDGET (self->check_in_status), "dim-label");
  gtk_box_append (GTK_BOX (card), GTK_WIDGET (self->check_in_status));

  insert_before_write_card (self, card);
}

/* ---- Start day ------------------------------------------------------ */

static gboolean
set_start_run (SolaceDatabase  *db,
               gpointer         data,
               GError         **error)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_local ();
  g_autoptr(GDate) today = solace_local_day (tz, g_get_real_time () / G_USEC_PER_SEC);

  /* The rule is checked against the real day, in this thread. */
  return solace_progress_set_start (db, data, today, error);
}

static void
save_start_done_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  SolaceTodayPage *self = SOLACE_TODAY_PAGE (object);
  g_autoptr(GError) error = NULL;

  if (!solace_database_run_finish (result, &error))
    {
      g_autofree char *message = g_strdup_printf (_("The day could not be saved: %s"), error->message);

      show_toast (self, message);
    }
  else
    replan_reminders (self);

  solace_today_page_refresh (self);
}

static void
set_date_clicked_cb (SolaceTodayPage *self)
{
  g_autoptr(GDateTime) chosen = gtk_calendar_get_date (self->calendar);
  g_autoptr(GDate) date = g_date_new_dmy (g_date_time_get_day_of_month (chosen),
                                          g_date_time_get_month (chosen),
                                          g_date_time_get_year (chosen));

  solace_today_page_choose_start (self, date);
}

static void
popover_show_cb (SolaceTodayPage *self)
{
  g_autoptr(GDate) day = self->summary.has_current ? g_date_copy (&self->summary.start) : page_today (self);
  g_autoptr(GDateTime) dt = solace_date_to_date_time (day);

  gtk_widget_set_visible (GTK_WIDGET (self->date_error_label), FALSE);
  gtk_calendar_select_day (self->calendar, dt);
}

static void
root_active_cb (SolaceTodayPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (GTK_IS_WINDOW (root) && gtk_window_is_active (GTK_WINDOW (root)))
    solace_today_page_refresh (self);
}

static void
solace_today_page_root (GtkWidget *widget)
{
  SolaceTodayPage *self = SOLACE_TODAY_PAGE (widget);

  GTK_WIDGET_CLASS (solace_today_page_parent_class)->root (widget);

  g_signal_connect_object (gtk_widget_get_root (widget), "notify::is-active",
                           G_CALLBACK (root_active_cb), self, G_CONNECT_SWAPPED);
}

static void
solace_today_page_unroot (GtkWidget *widget)
{
  g_signal_handlers_disconnect_by_func (gtk_widget_get_root (widget), root_active_cb, widget);

  GTK_WIDGET_CLASS (solace_today_page_parent_class)->unroot (widget);
}

static void
solace_today_page_dispose (GObject *object)
{
  GtkWidget *child;
  SolaceTodayPage *self = (SolaceTodayPage *)object;

  g_clear_handle_id (&self->midnight_id, g_source_remove);
  g_clear_handle_id (&self->insights_id, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), SOLACE_TYPE_TODAY_PAGE);
  /* The template's root has no id, so it is not unparented above. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (solace_today_page_parent_class)->dispose (object);
}

static void
solace_today_page_finalize (GObject *object)
{
  SolaceTodayPage *self = (SolaceTodayPage *)object;

  g_clear_object (&self->database);
  g_clear_object (&self->contacts);
  g_clear_pointer (&self->emotion_buttons, g_ptr_array_unref);

  G_OBJECT_CLASS (solace_today_page_parent_class)->finalize (object);
}

static void
solace_today_page_class_init (SolaceTodayPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = solace_today_page_dispose;
  object_class->finalize = solace_today_page_finalize;
  widget_class->root = solace_today_page_root;
  widget_class->unroot = solace_today_page_unroot;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/solace_app/Solace/gui/solace-today-page.ui");
  gtk_widget_class_bind_template_child (widget_class, SolaceTodayPage, content);
  gtk_widget_class_bind_template_child (widget_class, SolaceTodayPage, write_card);
  gtk_widget_class_bind_template_child (widget_class, SolaceTodayPage, counter_label);
  gtk_widget_class_bind_template_child (widget_class, SolaceTodayPage, since_label);
  gtk_widget_class_bind_template_child (widget_class, SolaceTodayPage, totals_label);
  gtk_widget_class_bind_template_child (widget_class, SolaceTodayPage, date_button);
  gtk_widget_class_bind_template_child (widget_class, SolaceTodayPage, date_popover);
  gtk_widget_class_bind_template_child (widget_class, SolaceTodayPage, calendar);
  gtk_widget_class_bind_template_child (widget_class, SolaceTodayPage, date_error_label);
  gtk_widget_class_bind_template_callback (widget_class, set_date_clicked_cb);

  gtk_widget_class_install_action (widget_class, "today.reach-out", NULL, reach_out_action);

  /**
   * SolaceTodayPage::reminders-changed:
   *
   * The milestones' reminders changed with the counter: the reminder
   * service should plan again.
   */
  signals[REMINDERS_CHANGED] =
    g_signal_new ("reminders-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "todaypage");
}

static void
solace_today_page_init (SolaceTodayPage *self)
{
  g_autoptr(GDate) today = page_today (self);

  gtk_widget_init_template (GTK_WIDGET (self));

  build_cards (self);
  build_check_in (self);
  gtk_widget_add_tick_callback (GTK_WIDGET (self), first_frame_cb, NULL, NULL);

  g_signal_connect_swapped (self->date_popover, "show", G_CALLBACK (popover_show_cb), self);
  update_counter (self, today);
  load_check_in (self, today);
  schedule_midnight (self);
}

void
solace_today_page_set_database (SolaceTodayPage *self,
                                SolaceDatabase  *database)
{
  g_autoptr(GDate) today = page_today (self);

  g_return_if_fail (SOLACE_IS_TODAY_PAGE (self));

  g_set_object (&self->database, database);
  load_check_in (self, today);
  solace_today_page_refresh (self);
}

/**
 * solace_today_page_set_contacts:
 * @contacts: (nullable): the person's people, offered when they want to
 *   reach out
 */
void
solace_today_page_set_contacts (SolaceTodayPage    *self,
                                SolaceContactStore *contacts)
{
  g_return_if_fail (SOLACE_IS_TODAY_PAGE (self));
  g_return_if_fail (contacts == NULL || SOLACE_IS_CONTACT_STORE (contacts));

  g_set_object (&self->contacts, contacts);
}

/**
 * solace_today_page_refresh:
 *
 * Reads the counter, stage, milestone, check-in and insights again: at
 * start, after a change, at midnight and when the window comes back.
 * Each read is one small indexed query.
 */
void
solace_today_page_refresh (SolaceTodayPage *self)
{
  g_autoptr(GDate) today = page_today (self);
  g_autoptr(GError) error = NULL;

  g_return_if_fail (SOLACE_IS_TODAY_PAGE (self));

  memset (&self->summary, 0, sizeof self->summary);
  if (self->database != NULL &&
      !solace_progress_load_summary (self->database, today, &self->summary, &error))
    g_warning ("Could not read the no-contact days: %s", error->message);

  update_counter (self, today);
  if (self->database == NULL)
    return;

  update_stage (self, today);
  update_milestone (self);
  update_help (self, today);
  /* A new day brings a fresh form; the same day keeps what is typed. */
  if (g_date_compare (today, &self->check_in_day) != 0)
    new_check_in_day (self, today);
  if (self->insights != NULL)
    solace_insights_update (self->insights, self->database, today);
}

const char *
solace_today_page_get_counter_text (SolaceTodayPage *self)
{
  g_return_val_if_fail (SOLACE_IS_TODAY_PAGE (self), NULL);

  return gtk_label_get_text (self->counter_label);
}

/**
 * solace_today_page_choose_start:
 *
 * What the calendar's button does: a day in the future is refused with
 * a message; any other day becomes the start and is saved off the main
 * thread.
 */
void
solace_today_page_choose_start (SolaceTodayPage *self,
                                const GDate     *date)
{
  g_autoptr(GDate) today = page_today (self);

  g_return_if_fail (SOLACE_IS_TODAY_PAGE (self));
  g_return_if_fail (date != NULL && g_date_valid (date));

  if (g_date_compare (date, today) > 0)
    {
      gtk_label_set_text (self->date_error_label, _("That day hasn’t come yet. Choose today or a day before it."));
      gtk_widget_set_visible (GTK_WIDGET (self->date_error_label), TRUE);
      return;
    }

  gtk_popover_popdown (self->date_popover);

  if (!can_write (self))
    return;

  /* Shown at once; the write follows in a worker thread. */
  self->summary.has_current = TRUE;
  self->summary.start = *date;
  self->summary.current_day = solace_no_contact_day (date, today);
  self->summary.longest = MAX (self->summary.longest, self->summary.current_day);
  update_counter (self, today);

  solace_database_run_async (self->database, self, set_start_run, g_date_copy (date),
                             (GDestroyNotify) g_date_free, save_start_done_cb, NULL);
}

static void
urge_logged_cb (SolaceTodayPage *self)
{
  /* Reaching out moves the milestones: the service plans again. */
  replan_reminders (self);
  solace_today_page_refresh (self);
}

/**
 * solace_today_page_reach_out:
 *
 * Opens the "I want to reach out" steps over the window.
 */
void
solace_today_page_reach_out (SolaceTodayPage *self)
{
  GtkRoot *root;
  SolaceUrgeDialog *dialog;

  g_return_if_fail (SOLACE_IS_TODAY_PAGE (self));

  root = gtk_widget_get_root (GTK_WIDGET (self));
  dialog = solace_urge_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, self->database, self->contacts,
                                   &self->summary);
  g_signal_connect_object (dialog, "logged", G_CALLBACK (urge_logged_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* For the tests. */

GtkWidget *
solace_today_page_get_part (SolaceTodayPage *self,
                            const char      *name)
{
  g_return_val_if_fail (SOLACE_IS_TODAY_PAGE (self), NULL);

  if (g_str_equal (name, "totals"))
    return GTK_WIDGET (self->totals_label);
  if (g_str_equal (name, "stage-title"))
    return GTK_WIDGET (self->stage_title);
  if (g_str_equal (name, "milestone"))
    return self->milestone_card;
  if (g_str_equal (name, "milestone-title"))
    return GTK_WIDGET (self->milestone_title);
  if (g_str_equal (name, "help"))
    return self->help_card;
  if (g_str_equal (name, "reach-out"))
    return self->reach_out_button;
  if (g_str_equal (name, "note"))
    return GTK_WIDGET (self->note_entry);
  if (g_str_equal (name, "check-in"))
    return GTK_WIDGET (self->check_in_button);
  if (g_str_equal (name, "check-in-status"))
    return GTK_WIDGET (self->check_in_status);
  if (g_str_equal (name, "insights"))
    return GTK_WIDGET (ensure_insights (self));
  if (g_str_has_prefix (name, "mood-") && name[5] >= '1' && name[5] <= '5')
    return GTK_WIDGET (self->mood_buttons[name[5] - '1']);
  if (g_str_has_prefix (name, "care-") && name[5] >= '0' && name[5] < '0' + SOLACE_N_SELF_CARE)
    return GTK_WIDGET (self->self_care_buttons[name[5] - '0']);
  if (g_str_has_prefix (name, "sign-") && name[5] >= '0' && name[5] < '0' + SOLACE_N_SIGNS)
    return GTK_WIDGET (self->sign_buttons[name[5] - '0']);
  if (g_str_has_prefix (name, "emotion-"))
    for (guint i = 0; i < self->emotion_buttons->len; i++)
      if (g_str_equal (g_object_get_data (g_ptr_array_index (self->emotion_buttons, i), "key"), name + 8))
        return g_ptr_array_index (self->emotion_buttons, i);

  return NULL;
}

/**
 * solace_today_page_set_today:
 * @day: (nullable): the day to take as today, or %NULL for the clock
 *
 * For tests: a day that changes without waiting for midnight.
 */
void
solace_today_page_set_today (SolaceTodayPage *self,
                             const GDate     *day)
{
  g_return_if_fail (SOLACE_IS_TODAY_PAGE (self));

  g_date_clear (&self->test_today, 1);
  if (day != NULL)
    self->test_today = *day;
  solace_today_page_refresh (self);
}
