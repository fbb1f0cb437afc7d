/* solace-incident-dialog.c — recording an incident, or a correction of one
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "solace-incident-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "solace-incident-dialog.h"
#include "solace-limits.h"
#include "solace-long-text.h"
#include "solace-time-row.h"
#include "solace-widgets.h"

struct _SolaceIncidentDialog
{
  AdwWindow            parent_instance;

  SolaceDatabase      *db;
  SolaceBoundaryStore *boundaries;
  char                *corrects_uuid;
  GDateTime           *day;
  gboolean             saving;

  /* From the template. */
  AdwToastOverlay     *toasts;
  GtkMenuButton       *date_button;
  GtkCalendar         *calendar;
  SolaceTimeRow       *time_row;
  AdwComboRow         *channel_row;
  GtkTextView         *what_view;
  GtkTextView         *response_view;
  AdwComboRow         *boundary_row;
  GtkStringList       *boundary_names;
  GtkSwitch           *necessary_switch;
};

enum {
  RECORDED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (SolaceIncidentDialog, solace_incident_dialog, ADW_TYPE_WINDOW)

static char *
text_of (GtkTextView *view)
{
  return solace_long_text_get_text (view);
}

/* A paste that would take a field past its limit is not added at all,
 * rather than cut short. */
static void
text_refused_cb (GtkTextView *view,
                 guint        limit,
                 guint        have,
                 guint        adding,
                 gpointer     user_data)
{
  SolaceIncidentDialog *self = user_data;
  g_autofree char *message = NULL;

  message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          "That is too long to add here: this field holds up to %'u character. "
                                          "Nothing was added, and what you wrote is unchanged.",
                                          "That is too long to add here: this field holds up to %'u characters. "
                                          "Nothing was added, and what you wrote is unchanged.",
                                          limit),
                             limit);
  solace_toast_overlay_add (self->toasts, adw_toast_new (message));
}

static void
show_day (SolaceIncidentDialog *self)
{
  /* Translators: the day an incident happened, on its button. */
  g_autofree char *label = g_date_time_format (self->day, _("%-d %B %Y"));

  gtk_menu_button_set_label (self->date_button, label);
}

static void
day_selected_cb (SolaceIncidentDialog *self)
{
  g_clear_pointer (&self->day, g_date_time_unref);
  self->day = gtk_calendar_get_date (self->calendar);
  show_day (self);
  gtk_menu_button_popdown (self->date_button);
}

typedef struct
{
  SolaceDatabase *db;
  SolaceIncident *incident;
  gint64          now;
} AppendData;

static void
append_data_free (AppendData *data)
{
  g_object_unref (data->db);
  solace_incident_free (data->incident);
  g_free (data);
}

static void
append_thread (GTask        *task,
               gpointer      source,
               gpointer      task_data,
               GCancellable *cancellable)
{
  AppendData *data = task_data;
  GError *error = NULL;

  if (solace_incidents_append (data->db, data->incident, data->now, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
appended_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  SolaceIncidentDialog *self = SOLACE_INCIDENT_DIALOG (source);
  g_autoptr(GError) error = NULL;

  self->saving = FALSE;
  gtk_widget_set_sensitive (GTK_WIDGET (self), TRUE);

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_autofree char *escaped = g_markup_escape_text (error->message, -1);

      /* Closed while saving (a quick hide): nothing is left to say it in. */
      if (self->toasts == NULL)
        return;

      /* Nothing typed is lost: the dialog stays open. */
      solace_toast_overlay_add (self->toasts, adw_toast_new (escaped));
      return;
    }

  g_signal_emit (self, signals[RECORDED], 0);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  SolaceIncidentDialog *self = SOLACE_INCIDENT_DIALOG (widget);
  g_autoptr(GTask) task = NULL;
  g_autoptr(GTimeZone) tz = g_time_zone_new_local ();
  g_autoptr(GDateTime) when = NULL;
  AppendData *data;
  guint minutes = solace_time_row_get_minutes (self->time_row);
  guint selected;

  if (self->saving)
    return;

  when = g_date_time_new (tz, g_date_time_get_year (self->day), g_date_time_get_month (self->day),
                          g_date_time_get_day_of_month (self->day), minutes / 60, minutes % 60, 0);

  data = g_new0 (AppendData, 1);
  data->db = g_object_ref (self->db);
  data->now = g_get_real_time () / G_USEC_PER_SEC;
  data->incident = solace_incident_new ();
  data->incident->happened_at = when != NULL ? g_date_time_to_unix (when) : data->now;
  data->incident->channel = adw_combo_row_get_selected (self->channel_row);
  data->incident->what = text_of (self->what_view);
  data->incident->response = text_of (self->response_view);
  data->incident->necessary = gtk_switch_get_active (self->necessary_switch);
  data->incident->corrects_uuid = g_strdup (self->corrects_uuid);
  selected = adw_combo_row_get_selected (self->boundary_row);
  if (selected > 0 && self->boundaries != NULL)
    {
      g_autoptr(SolaceBoundary) b = g_list_model_get_item (G_LIST_MODEL (self->boundaries), selected - 1);
      if (b != NULL)
        data->incident->boundary_uuid = g_strdup (solace_boundary_get_uuid (b));
    }

  self->saving = TRUE;
  gtk_widget_set_sensitive (GTK_WIDGET (self), FALSE);

  task = g_task_new (self, NULL, appended_cb, NULL);
  g_task_set_task_data (task, data, (GDestroyNotify) append_data_free);
  g_task_run_in_thread (task, append_thread);
}

static void
solace_incident_dialog_dispose (GObject *object)
{
  SolaceIncidentDialog *self = (SolaceIncidentDialog *)object;

  g_clear_object (&self->db);
  g_clear_object (&self->boundaries);
  g_clear_pointer (&self->corrects_uuid, g_free);
  g_clear_pointer (&self->day, g_date_time_unref);

  gtk_widget_dispose_template (GTK_WIDGET (self), SOLACE_TYPE_INCIDENT_DIALOG);

  G_OBJECT_CLASS (solace_incident_dialog_parent_class)->dispose (object);
}

static void
solace_incident_dialog_class_init (SolaceIncidentDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = solace_incident_dialog_dispose;

  /**
   * SolaceIncidentDialog::recorded:
   *
   * The record is on disk.
   */
  signals[RECORDED] = g_signal_new ("recorded", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  g_type_ensure (SOLACE_TYPE_TIME_ROW);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/solace_app/Solace/gui/solace-incident-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, SolaceIncidentDialog, toasts);
  gtk_widget_class_bind_template_child (widget_class, SolaceIncidentDialog, date_button);
  gtk_widget_class_bind_template_child (widget_class, SolaceIncidentDialog, calendar);
  gtk_widget_class_bind_template_child (widget_class, SolaceIncidentDialog, time_row);
  gtk_widget_class_bind_template_child (widget_class, SolaceIncidentDialog, channel_row);
  gtk_widget_class_bind_template_child (widget_class, SolaceIncidentDialog, what_view);
  gtk_widget_class_bind_template_child (widget_class, SolaceIncidentDialog, response_view);
  gtk_widget_class_bind_template_child (widget_class, SolaceIncidentDialog, boundary_row);
  gtk_widget_class_bind_template_child (widget_class, SolaceIncidentDialog, boundary_names);
  gtk_widget_class_bind_template_child (widget_class, SolaceIncidentDialog, necessary_switch);
  gtk_widget_class_bind_template_callback (widget_class, day_selected_cb);

  gtk_widget_class_install_action (widget_class, "incident.save", NULL, save_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "incident.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
solace_incident_dialog_init (SolaceIncidentDialog *self)
{
  GtkStringList *channels;

  gtk_widget_init_template (GTK_WIDGET (self));

  channels = GTK_STRING_LIST (adw_combo_row_get_model (self->channel_row));
  for (guint i = 0; i < SOLACE_N_CHANNELS; i++)
    gtk_string_list_append (channels, solace_channel_get_label (i));

  solace_long_text_attach (self->what_view, SOLACE_MAX_INCIDENT_CHARS, text_refused_cb, self);
  solace_long_text_attach (self->response_view, SOLACE_MAX_INCIDENT_CHARS, text_refused_cb, self);

  /* Now, unless the person says otherwise. */
  self->day = g_date_time_new_now_local ();
  show_day (self);
  gtk_calendar_select_day (self->calendar, self->day);
  solace_time_row_set_minutes (self->time_row,
                               g_date_time_get_hour (self->day) * 60 + g_date_time_get_minute (self->day));
}

/**
 * solace_incident_dialog_new:
 * @corrects: (nullable): the record this one corrects
 */
SolaceIncidentDialog *
solace_incident_dialog_new (GtkWindow           *parent,
                            SolaceDatabase      *db,
                            SolaceBoundaryStore *boundaries,
                            SolaceIncident      *corrects)
{
  SolaceIncidentDialog *self;

  g_return_val_if_fail (SOLACE_IS_DATABASE (db), NULL);

  self = g_object_new (SOLACE_TYPE_INCIDENT_DIALOG, "transient-for", parent, NULL);
  self->db = g_object_ref (db);
  self->boundaries = boundaries != NULL ? g_object_ref (boundaries) : NULL;

  /* After "None", from the template. */
  for (guint i = 0; boundaries != NULL && i < g_list_model_get_n_items (G_LIST_MODEL (boundaries)); i++)
    {
      g_autoptr(SolaceBoundary) b = g_list_model_get_item (G_LIST_MODEL (boundaries), i);
      gtk_string_list_append (self->boundary_names, solace_boundary_get_title (b));
    }

  if (corrects != NULL)
    {
      g_autofree char *title = g_strdup_printf (_("Correct Record %lld"), (long long) corrects->id);
      g_autoptr(GTimeZone) tz = g_time_zone_new_local ();
      g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (corrects->happened_at);

      /* A correction starts from what it corrects. */
      self->corrects_uuid = g_strdup (corrects->uuid);
      gtk_window_set_title (GTK_WINDOW (self), title);
      g_clear_pointer (&self->day, g_date_time_unref);
      self->day = g_date_time_to_timezone (utc, tz);
      show_day (self);
      gtk_calendar_select_day (self->calendar, self->day);
      solace_time_row_set_minutes (self->time_row,
                                   g_date_time_get_hour (self->day) * 60 + g_date_time_get_minute (self->day));
      if (corrects->channel < SOLACE_N_CHANNELS)
        adw_combo_row_set_selected (self->channel_row, corrects->channel);
      solace_long_text_set_text (self->what_view, corrects->what);
      solace_long_text_set_text (self->response_view, corrects->response);
      gtk_switch_set_active (self->necessary_switch, corrects->necessary);
    }

  gtk_widget_grab_focus (GTK_WIDGET (self->what_view));

  return self;
}

GtkTextView *
solace_incident_dialog_get_what_view (SolaceIncidentDialog *self)
{
  g_return_val_if_fail (SOLACE_IS_INCIDENT_DIALOG (self), NULL);
  return self->what_view;
}

GtkTextView *
solace_incident_dialog_get_response_view (SolaceIncidentDialog *self)
{
  g_return_val_if_fail (SOLACE_IS_INCIDENT_DIALOG (self), NULL);
  return self->response_view;
}

AdwComboRow *
solace_incident_dialog_get_channel_row (SolaceIncidentDialog *self)
{
  g_return_val_if_fail (SOLACE_IS_INCIDENT_DIALOG (self), NULL);
  return self->channel_row;
}

AdwComboRow *
solace_incident_dialog_get_boundary_row (SolaceIncidentDialog *self)
{
  g_return_val_if_fail (SOLACE_IS_INCIDENT_DIALOG (self), NULL);
  return self->boundary_row;
}

SolaceTimeRow *
solace_incident_dialog_get_time_row (SolaceIncidentDialog *self)
{
  g_return_val_if_fail (SOLACE_IS_INCIDENT_DIALOG (self), NULL);
  return self->time_row;
}
