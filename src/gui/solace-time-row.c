/* solace-time-row.c — a row with an hour and a minute to choose
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "solace-time-row"

#include "config.h"

#include <glib/gi18n.h>

#include "solace-locale.h"
#include "solace-time-row.h"

struct _SolaceTimeRow
{
  AdwActionRow   parent_instance;

  GtkSpinButton *hour;
  GtkSpinButton *minute;
  GtkButton     *am_pm;     /* on a 12-hour clock only */
};

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (SolaceTimeRow, solace_time_row, ADW_TYPE_ACTION_ROW)

/* "07", not "7": a clock face. */
static gboolean
two_digits_cb (GtkSpinButton *spin)
{
  g_autofree char *text = g_strdup_printf ("%02d", gtk_spin_button_get_value_as_int (spin));

  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (spin)), text) != 0)
    gtk_editable_set_text (GTK_EDITABLE (spin), text);

  return TRUE;
}

/* On a 12-hour clock the hour reads 1 to 12, and a button beside the
 * minutes says AM or PM; the hour's value stays 0 to 23. */
static gboolean
hour_output_cb (GtkSpinButton *spin)
{
  g_autofree char *text = solace_format_hour ((guint) gtk_spin_button_get_value_as_int (spin));

  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (spin)), text) != 0)
    gtk_editable_set_text (GTK_EDITABLE (spin), text);

  return TRUE;
}

/* "9" is 9 in the half of the day shown; "21" or "0" is as typed. */
static int
hour_input_cb (GtkSpinButton *spin,
               double        *new_value)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (spin));
  char *end = NULL;
  guint64 hour;

  while (g_ascii_isspace (*text))
    text++;
  if (!g_ascii_isdigit (*text))
    return GTK_INPUT_ERROR;
  hour = g_ascii_strtoull (text, &end, 10);
  while (g_ascii_isspace (*end))
    end++;
  if (hour > 23 || *end != '\0')
    return GTK_INPUT_ERROR;

  if (hour == 0 || hour > 12)
    *new_value = hour;
  else
    *new_value = hour % 12 + (gtk_spin_button_get_value_as_int (spin) >= 12 ? 12 : 0);

  return TRUE;
}

static void
update_am_pm (SolaceTimeRow *self)
{
  guint hour = (guint) gtk_spin_button_get_value_as_int (self->hour);
  g_autofree char *label = solace_format_am_pm (hour);

  gtk_button_set_label (self->am_pm, label);
}

static void
am_pm_clicked_cb (SolaceTimeRow *self)
{
  guint hour = (guint) gtk_spin_button_get_value_as_int (self->hour);

  gtk_spin_button_set_value (self->hour, (hour + 12) % 24);
}

static void
value_changed_cb (SolaceTimeRow *self)
{
  g_signal_emit (self, signals[CHANGED], 0);
}

static GtkSpinButton *
make_spin (SolaceTimeRow *self,
           guint          max,
           guint          step,
           const char    *accessible_name)
{
  GtkSpinButton *spin = GTK_SPIN_BUTTON (gtk_spin_button_new_with_range (0, max, step));

  gtk_spin_button_set_wrap (spin, TRUE);
  gtk_spin_button_set_numeric (spin, TRUE);
  gtk_orientable_set_orientation (GTK_ORIENTABLE (spin), GTK_ORIENTATION_VERTICAL);
  gtk_widget_set_valign (GTK_WIDGET (spin), GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (spin),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible_name,
                                  -1);
  g_signal_connect (spin, "output", G_CALLBACK (two_digits_cb), NULL);
  g_signal_connect_swapped (spin, "value-changed", G_CALLBACK (value_changed_cb), self);

  return spin;
}

static void
solace_time_row_class_init (SolaceTimeRowClass *klass)
{
  /**
   * SolaceTimeRow::changed:
   *
   * The hour or the minute changed.
   */
  signals[CHANGED] = g_signal_new ("changed",
                                   G_TYPE_FROM_CLASS (klass),
                                   G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL,
                                   G_TYPE_NONE, 0);
}

static void
solace_time_row_init (SolaceTimeRow *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *colon = gtk_label_new (":");

  self->hour = make_spin (self, 23, 1, _("Hour"));
  self->minute = make_spin (self, 59, 5, _("Minute"));
  gtk_widget_add_css_class (colon, "dim-label");

  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->hour));
  gtk_box_append (GTK_BOX (box), colon);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->minute));

  if (solace_locale_uses_12_hour_clock ())
    {
      g_signal_handlers_disconnect_by_func (self->hour, two_digits_cb, NULL);
      g_signal_connect (self->hour, "output", G_CALLBACK (hour_output_cb), NULL);
      g_signal_connect (self->hour, "input", G_CALLBACK (hour_input_cb), NULL);
      hour_output_cb (self->hour);

      self->am_pm = GTK_BUTTON (gtk_button_new ());
      gtk_widget_set_valign (GTK_WIDGET (self->am_pm), GTK_ALIGN_CENTER);
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->am_pm), _("Morning or afternoon"));
      g_signal_connect_swapped (self->am_pm, "clicked", G_CALLBACK (am_pm_clicked_cb), self);
      /* Not blocked with value_changed_cb: the label follows every change. */
      g_signal_connect_swapped (self->hour, "value-changed", G_CALLBACK (update_am_pm), self);
      update_am_pm (self);
      gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->am_pm));
    }

  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  adw_action_row_add_suffix (ADW_ACTION_ROW (self), box);
}

GtkWidget *
solace_time_row_new (const char *title)
{
  return g_object_new (SOLACE_TYPE_TIME_ROW, "title", title, NULL);
}

guint
solace_time_row_get_minutes (SolaceTimeRow *self)
{
  g_return_val_if_fail (SOLACE_IS_TIME_ROW (self), 0);

  return gtk_spin_button_get_value_as_int (self->hour) * 60 +
         gtk_spin_button_get_value_as_int (self->minute);
}

/* Sets the time without emitting ::changed. */
void
solace_time_row_set_minutes (SolaceTimeRow *self,
                             guint          minutes)
{
  g_return_if_fail (SOLACE_IS_TIME_ROW (self));

  g_signal_handlers_block_by_func (self->hour, value_changed_cb, self);
  g_signal_handlers_block_by_func (self->minute, value_changed_cb, self);
  gtk_spin_button_set_value (self->hour, (minutes / 60) % 24);
  gtk_spin_button_set_value (self->minute, minutes % 60);
  g_signal_handlers_unblock_by_func (self->hour, value_changed_cb, self);
  g_signal_handlers_unblock_by_func (self->minute, value_changed_cb, self);
}

GtkSpinButton *
solace_time_row_get_hour_button (SolaceTimeRow *self)
{
  g_return_val_if_fail (SOLACE_IS_TIME_ROW (self), NULL);

  return self->hour;
}

GtkSpinButton *
solace_time_row_get_minute_button (SolaceTimeRow *self)
{
  g_return_val_if_fail (SOLACE_IS_TIME_ROW (self), NULL);

  return self->minute;
}

/* The AM/PM button on a 12-hour clock, or %NULL on a 24-hour one. */
GtkButton *
solace_time_row_get_am_pm_button (SolaceTimeRow *self)
{
  g_return_val_if_fail (SOLACE_IS_TIME_ROW (self), NULL);

  return self->am_pm;
}
