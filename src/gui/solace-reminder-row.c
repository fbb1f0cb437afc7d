/* solace-reminder-row.c — one reminder in the preferences: on or off, and when
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "solace-reminder-row"

#include "config.h"

#include <glib/gi18n.h>

#include "solace-locale.h"
#include "solace-reminder-row.h"
#include "solace-time-row.h"

struct _SolaceReminderRow
{
  AdwExpanderRow   parent_instance;

  SolaceReminder  *reminder;
  SolaceSchedule  *schedule;

  AdwComboRow     *repeat_row;
  SolaceTimeRow   *time_row;
  GtkWidget       *days_row;
  GtkToggleButton *days[7];
  AdwActionRow    *interval_row;
  GtkSpinButton   *interval;
  GtkLabel        *interval_unit;
  SolaceTimeRow   *until_row;

  guint            debounce;
  guint            updating : 1;
};

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (SolaceReminderRow, solace_reminder_row, ADW_TYPE_EXPANDER_ROW)

/* Long enough to turn a spin button a few steps before saving. */
#define DEBOUNCE_MS 400

static void
set_subtitle (SolaceReminderRow *self)
{
  g_autofree char *text = solace_schedule_describe (self->schedule);
  g_autofree char *escaped = g_markup_escape_text (text, -1);

  /* Row subtitles are markup in libadwaita 1.2. */
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (self), escaped);
}

/* "hour" or "hours", "days": the unit agrees with the number chosen. */
static void
update_interval_unit (SolaceReminderRow *self)
{
  guint n = (guint) gtk_spin_button_get_value_as_int (self->interval);
  gboolean several = gtk_widget_get_visible (GTK_WIDGET (self->until_row));

  if (several)
    /* Translators: after the number in "Every [3] hours", a row that
     * says how often a reminder comes in a day. */
    gtk_label_set_label (self->interval_unit, g_dngettext (GETTEXT_PACKAGE, "hour", "hours", n));
  else
    /* Translators: after the number in "Every [3] days". */
    gtk_label_set_label (self->interval_unit, g_dngettext (GETTEXT_PACKAGE, "day", "days", n));
}

static void
show_rows_for (SolaceReminderRow *self,
               SolaceRepeat       repeat)
{
  gboolean several = repeat == SOLACE_REPEAT_SEVERAL_A_DAY;

  gtk_widget_set_visible (self->days_row, repeat == SOLACE_REPEAT_WEEKDAYS);
  gtk_widget_set_visible (GTK_WIDGET (self->interval_row),
                          repeat == SOLACE_REPEAT_EVERY_N_DAYS || several);
  gtk_widget_set_visible (GTK_WIDGET (self->until_row), several);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->time_row),
                                 several ? _("From") : _("Time"));

  if (several)
    gtk_spin_button_set_range (self->interval, 1, 12);
  else
    gtk_spin_button_set_range (self->interval, 2, 30);
  update_interval_unit (self);
}

/* Puts @parts into the widgets, without reacting to it. */
static void
load_parts (SolaceReminderRow         *self,
            const SolaceScheduleParts *parts)
{
  gboolean was_updating = self->updating;

  self->updating = TRUE;

  adw_combo_row_set_selected (self->repeat_row, parts->repeat);
  show_rows_for (self, parts->repeat);
  solace_time_row_set_minutes (self->time_row, parts->hour * 60 + parts->minute);
  for (guint i = 0; i < 7; i++)
    gtk_toggle_button_set_active (self->days[i], (parts->weekdays & (1 << i)) != 0);
  gtk_spin_button_set_value (self->interval, parts->interval);
  solace_time_row_set_minutes (self->until_row, parts->until_hour * 60 + parts->minute);

  self->updating = was_updating;
}

/* What the widgets say now. */
static void
read_parts (SolaceReminderRow   *self,
            SolaceScheduleParts *parts)
{
  guint minutes = solace_time_row_get_minutes (self->time_row);

  memset (parts, 0, sizeof *parts);
  parts->repeat = adw_combo_row_get_selected (self->repeat_row);
  parts->hour = minutes / 60;
  parts->minute = minutes % 60;
  parts->interval = gtk_spin_button_get_value_as_int (self->interval);
  parts->until_hour = solace_time_row_get_minutes (self->until_row) / 60;
  for (guint i = 0; i < 7; i++)
    if (gtk_toggle_button_get_active (self->days[i]))
      parts->weekdays |= 1 << i;
}

static gboolean
emit_changed (gpointer data)
{
  SolaceReminderRow *self = data;
  gboolean enabled = adw_expander_row_get_enable_expansion (ADW_EXPANDER_ROW (self));

  self->debounce = 0;
  g_signal_emit (self, signals[CHANGED], 0, enabled, self->schedule);

  return G_SOURCE_REMOVE;
}

static void
queue_changed (SolaceReminderRow *self,
               gboolean           now)
{
  g_clear_handle_id (&self->debounce, g_source_remove);

  if (now)
    emit_changed (self);
  else
    self->debounce = g_timeout_add (DEBOUNCE_MS, emit_changed, self);
}

static void
parts_changed_cb (SolaceReminderRow *self)
{
  g_autoptr(GDateTime) today = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SolaceSchedule) schedule = NULL;
  SolaceScheduleParts parts;

  if (self->updating)
    return;

  read_parts (self, &parts);
  show_rows_for (self, parts.repeat);

  /* The last time follows the first one's minute. */
  self->updating = TRUE;
  if (parts.repeat == SOLACE_REPEAT_SEVERAL_A_DAY && parts.until_hour < parts.hour + parts.interval)
    {
      parts.until_hour = MIN (parts.hour + parts.interval, 23);
      gtk_spin_button_set_value (self->interval, MAX (1, MIN (parts.interval, 23 - parts.hour)));
      parts.interval = gtk_spin_button_get_value_as_int (self->interval);
    }
  solace_time_row_set_minutes (self->until_row, parts.until_hour * 60 + parts.minute);
  if (parts.repeat == SOLACE_REPEAT_WEEKDAYS && parts.weekdays == 0)
    {
      /* No day at all would be no reminder: keep at least today. */
      today = g_date_time_new_now_local ();
      parts.weekdays = 1 << (g_date_time_get_day_of_week (today) - 1);
      gtk_toggle_button_set_active (self->days[g_date_time_get_day_of_week (today) - 1], TRUE);
      g_clear_pointer (&today, g_date_time_unref);
    }
  self->updating = FALSE;

  today = g_date_time_new_now_local ();
  schedule = solace_schedule_new_from_parts (&parts, today, &error);
  if (schedule == NULL)
    {
      /* The widgets only allow valid shapes; if one slips through,
       * say so where the schedule is described, and save nothing. */
      g_autofree char *escaped = g_markup_escape_text (error->message, -1);
      adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (self), escaped);
      return;
    }

  g_clear_pointer (&self->schedule, solace_schedule_unref);
  self->schedule = g_steal_pointer (&schedule);
  set_subtitle (self);
  queue_changed (self, FALSE);
}

static void
enabled_cb (SolaceReminderRow *self)
{
  if (self->updating)
    return;

  /* Turned on over a damaged rule: the widgets' schedule replaces it. */
  if (self->schedule == NULL)
    parts_changed_cb (self);

  queue_changed (self, TRUE);
}

static GtkWidget *
make_days_row (SolaceReminderRow *self)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  /* 2024-01-01 was a Monday.  The buttons start from the day the
   * person's weeks begin on; days[] stays in Monday-first order. */
  g_autoptr(GDateTime) monday = g_date_time_new_utc (2024, 1, 1, 12, 0, 0);
  guint first = solace_locale_first_weekday () - G_DATE_MONDAY;

  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_set_halign (box, GTK_ALIGN_CENTER);
  gtk_widget_set_margin_top (box, 8);
  gtk_widget_set_margin_bottom (box, 8);
  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Days of the week"),
                                  -1);

  for (guint n = 0; n < 7; n++)
    {
      guint i = (first + n) % 7;
      g_autoptr(GDateTime) day = g_date_time_add_days (monday, i);
      g_autofree char *short_name = g_date_time_format (day, "%a");
      g_autofree char *name = g_date_time_format (day, "%A");
      GtkWidget *button = gtk_toggle_button_new_with_label (short_name);

      gtk_widget_add_css_class (button, "circular");
      gtk_widget_add_css_class (button, "day-toggle");
      gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, name,
                                      -1);
      gtk_widget_set_tooltip_text (button, name);
      g_signal_connect_swapped (button, "toggled", G_CALLBACK (parts_changed_cb), self);
      gtk_box_append (GTK_BOX (box), button);
      self->days[i] = GTK_TOGGLE_BUTTON (button);
    }

  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);

  return row;
}

static void
solace_reminder_row_dispose (GObject *object)
{
  SolaceReminderRow *self = (SolaceReminderRow *)object;

  /* A change still waiting is sent now rather than lost. */
  if (self->debounce != 0)
    {
      g_clear_handle_id (&self->debounce, g_source_remove);
      g_signal_emit (self, signals[CHANGED], 0,
                     adw_expander_row_get_enable_expansion (ADW_EXPANDER_ROW (self)),
                     self->schedule);
    }

  G_OBJECT_CLASS (solace_reminder_row_parent_class)->dispose (object);
}

static void
solace_reminder_row_finalize (GObject *object)
{
  SolaceReminderRow *self = (SolaceReminderRow *)object;

  g_clear_object (&self->reminder);
  g_clear_pointer (&self->schedule, solace_schedule_unref);

  G_OBJECT_CLASS (solace_reminder_row_parent_class)->finalize (object);
}

static void
solace_reminder_row_class_init (SolaceReminderRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = solace_reminder_row_dispose;
  object_class->finalize = solace_reminder_row_finalize;

  /**
   * SolaceReminderRow::changed:
   * @enabled: whether the reminder is on
   * @schedule: its schedule
   *
   * The person changed the reminder; a moment after the last change.
   */
  signals[CHANGED] = g_signal_new ("changed",
                                   G_TYPE_FROM_CLASS (klass),
                                   G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL,
                                   G_TYPE_NONE, 2, G_TYPE_BOOLEAN, SOLACE_TYPE_SCHEDULE);
}

static void
solace_reminder_row_init (SolaceReminderRow *self)
{
  GtkStringList *repeats = gtk_string_list_new (NULL);
  GtkWidget *box;

  /* Nothing reacts until solace_reminder_row_new() has filled it in. */
  self->updating = TRUE;

  /* In the order of SolaceRepeat. */
  gtk_string_list_append (repeats, _("Every Day"));
  gtk_string_list_append (repeats, _("On Chosen Days"));
  gtk_string_list_append (repeats, _("Every Few Days"));
  gtk_string_list_append (repeats, _("Several Times a Day"));

  adw_expander_row_set_show_enable_switch (ADW_EXPANDER_ROW (self), TRUE);

  self->repeat_row = ADW_COMBO_ROW (adw_combo_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->repeat_row), _("Repeat"));
  adw_combo_row_set_model (self->repeat_row, G_LIST_MODEL (repeats));
  g_object_unref (repeats);

  self->time_row = SOLACE_TIME_ROW (solace_time_row_new (_("Time")));
  self->days_row = make_days_row (self);

  self->interval_row = ADW_ACTION_ROW (adw_action_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->interval_row), _("Every"));
  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  self->interval = GTK_SPIN_BUTTON (gtk_spin_button_new_with_range (2, 30, 1));
  gtk_spin_button_set_numeric (self->interval, TRUE);
  gtk_widget_set_valign (GTK_WIDGET (self->interval), GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->interval),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("How often"),
                                  -1);
  self->interval_unit = GTK_LABEL (gtk_label_new (NULL));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->interval));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->interval_unit));
  adw_action_row_add_suffix (self->interval_row, box);

  self->until_row = SOLACE_TIME_ROW (solace_time_row_new (_("Until")));
  /* The last time keeps the first one's minute. */
  gtk_widget_set_sensitive (GTK_WIDGET (solace_time_row_get_minute_button (self->until_row)), FALSE);

  adw_expander_row_add_row (ADW_EXPANDER_ROW (self), GTK_WIDGET (self->repeat_row));
  adw_expander_row_add_row (ADW_EXPANDER_ROW (self), self->days_row);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (self), GTK_WIDGET (self->interval_row));
  adw_expander_row_add_row (ADW_EXPANDER_ROW (self), GTK_WIDGET (self->time_row));
  adw_expander_row_add_row (ADW_EXPANDER_ROW (self), GTK_WIDGET (self->until_row));

  g_signal_connect_swapped (self->repeat_row, "notify::selected", G_CALLBACK (parts_changed_cb), self);
  g_signal_connect_swapped (self->time_row, "changed", G_CALLBACK (parts_changed_cb), self);
  g_signal_connect_swapped (self->interval, "value-changed", G_CALLBACK (update_interval_unit), self);
  g_signal_connect_swapped (self->interval, "value-changed", G_CALLBACK (parts_changed_cb), self);
  g_signal_connect_swapped (self->until_row, "changed", G_CALLBACK (parts_changed_cb), self);
  g_signal_connect_swapped (self, "notify::enable-expansion", G_CALLBACK (enabled_cb), self);
}

GtkWidget *
solace_reminder_row_new (SolaceReminder *reminder)
{
  SolaceReminderRow *self;
  SolaceScheduleParts parts;

  g_return_val_if_fail (SOLACE_IS_REMINDER (reminder), NULL);

  self = g_object_new (SOLACE_TYPE_REMINDER_ROW, NULL);
  self->reminder = g_object_ref (reminder);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self), solace_reminder_get_label (reminder));
  adw_expander_row_set_enable_expansion (ADW_EXPANDER_ROW (self), solace_reminder_get_enabled (reminder));

  if (solace_reminder_get_schedule (reminder) != NULL)
    self->schedule = solace_schedule_ref (solace_reminder_get_schedule (reminder));

  if (self->schedule != NULL && solace_schedule_get_parts (self->schedule, &parts))
    {
      load_parts (self, &parts);
      set_subtitle (self);
    }
  else
    {
      /* A rule the rows cannot show (or a damaged one) is left as it
       * is until the person picks a new one. */
      SolaceScheduleParts fallback = { SOLACE_REPEAT_DAILY, 0, 2, 21, 0, 23 };

      load_parts (self, &fallback);
      if (self->schedule != NULL)
        set_subtitle (self);
      else
        {
          adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (self),
                                         _("This schedule could not be read; choose a new one"));
          adw_expander_row_set_enable_expansion (ADW_EXPANDER_ROW (self), FALSE);
        }
    }

  self->updating = FALSE;

  return GTK_WIDGET (self);
}

SolaceReminder *
solace_reminder_row_get_reminder (SolaceReminderRow *self)
{
  g_return_val_if_fail (SOLACE_IS_REMINDER_ROW (self), NULL);

  return self->reminder;
}

SolaceSchedule *
solace_reminder_row_get_schedule (SolaceReminderRow *self)
{
  g_return_val_if_fail (SOLACE_IS_REMINDER_ROW (self), NULL);

  return self->schedule;
}

SolaceTimeRow *
solace_reminder_row_get_time_row (SolaceReminderRow *self)
{
  g_return_val_if_fail (SOLACE_IS_REMINDER_ROW (self), NULL);

  return self->time_row;
}

AdwComboRow *
solace_reminder_row_get_repeat_row (SolaceReminderRow *self)
{
  g_return_val_if_fail (SOLACE_IS_REMINDER_ROW (self), NULL);

  return self->repeat_row;
}

GtkToggleButton *
solace_reminder_row_get_day_button (SolaceReminderRow *self,
                                    guint              weekday)
{
  g_return_val_if_fail (SOLACE_IS_REMINDER_ROW (self), NULL);
  g_return_val_if_fail (weekday < 7, NULL);

  return self->days[weekday];
}
