/* solace-incident-dialog.c — recording an incident, or a correction of one
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "solace-incident-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "solace-incident-dialog.h"
#include "solace-incident-dialog-private.h"
#include "solace-limits.h"
#include "solace-long-text.h"
#include "solace-text.h"
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
  GCancellable        *cancellable;   /* files being looked at */

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
  AdwEntryRow         *sender_row;
  AdwEntryRow         *witnesses_row;
  AdwEntryRow         *reference_row;
  GtkListBox          *attachment_list;
  GtkSpinner          *saving_spinner;
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

/* What a one-line field holds, or NULL when it is empty. */
static char *
field_of (AdwEntryRow *row)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (row));

  return text != NULL && *text != '\0' ? g_strdup (text) : NULL;
}

static void
toast (SolaceIncidentDialog *self,
       const char           *message)
{
  /* A toast's title is markup, and the message may name a file. */
  g_autofree char *escaped = g_markup_escape_text (message, -1);

  if (self->toasts != NULL)
    solace_toast_overlay_add (self->toasts, adw_toast_new (escaped));
}

static guint
n_attachments (SolaceIncidentDialog *self)
{
  guint n = 0;

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->attachment_list));
       row != NULL; row = gtk_widget_get_next_sibling (row))
    if (GTK_IS_LIST_BOX_ROW (row))
      n++;

  return n;
}

/* The files chosen so far, in the order they were added. */
static GPtrArray *
chosen_files (SolaceIncidentDialog *self)
{
  GPtrArray *files = g_ptr_array_new_with_free_func (g_object_unref);

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->attachment_list));
       row != NULL; row = gtk_widget_get_next_sibling (row))
    {
      GFile *file = g_object_get_data (G_OBJECT (row), "file");
      if (file != NULL)
        g_ptr_array_add (files, g_object_ref (file));
    }

  return files;
}

static gboolean
is_chosen (SolaceIncidentDialog *self,
           GFile                *file)
{
  g_autoptr(GPtrArray) files = chosen_files (self);

  for (guint i = 0; i < files->len; i++)
    if (g_file_equal (g_ptr_array_index (files, i), file))
      return TRUE;

  return FALSE;
}

static void
update_attachments (SolaceIncidentDialog *self)
{
  gtk_widget_set_visible (GTK_WIDGET (self->attachment_list), n_attachments (self) > 0);
}

/* Before saving a file can still be taken off; after, never. */
static void
remove_clicked_cb (GtkButton            *button,
                   SolaceIncidentDialog *self)
{
  GtkWidget *row = gtk_widget_get_ancestor (GTK_WIDGET (button), GTK_TYPE_LIST_BOX_ROW);

  if (self->saving || row == NULL)
    return;

  gtk_list_box_remove (self->attachment_list, row);
  update_attachments (self);
}

static void
add_attachment_row (SolaceIncidentDialog *self,
                    GFile                *file,
                    GFileInfo            *info)
{
  const char *display_name = g_file_info_get_display_name (info);
  g_autofree char *shown = solace_text_for_display (display_name != NULL ? display_name : "?", -1,
                                                    SOLACE_MAX_ATTACHMENT_NAME_BYTES, SOLACE_TEXT_DEFAULT);
  g_autofree char *escaped = g_markup_escape_text (shown, -1);
  g_autofree char *size = g_format_size (g_file_info_get_size (info));
  g_autofree char *remove_label = NULL;
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), escaped);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), size);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 3);

  /* Translators: the button that takes a file off a record before it
   * is saved; %s is the file's name. */
  remove_label = g_strdup_printf (_("Remove “%s”"), shown);
  gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (remove, "flat");
  gtk_widget_set_tooltip_text (remove, _("Remove"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL, remove_label, -1);
  g_signal_connect_object (remove, "clicked", G_CALLBACK (remove_clicked_cb), self, 0);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);

  g_object_set_data_full (G_OBJECT (row), "file", g_object_ref (file), g_object_unref);
  gtk_list_box_append (self->attachment_list, row);
  update_attachments (self);
}

static void
file_info_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(SolaceIncidentDialog) self = user_data;
  GFile *file = G_FILE (source);
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  info = g_file_query_info_finish (file, result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->attachment_list == NULL)
    return;

  if (info == NULL)
    {
      g_autofree char *name = g_file_get_basename (file);
      g_autofree char *shown = solace_text_for_display (name != NULL ? name : "?", -1,
                                                        SOLACE_MAX_ATTACHMENT_NAME_BYTES, SOLACE_TEXT_DEFAULT);

      /* Translators: %s is a file's name. */
      message = g_strdup_printf (_("Could not add “%s”: it cannot be read. Nothing else changed."), shown);
      toast (self, message);
      return;
    }

  if (g_file_info_get_file_type (info) != G_FILE_TYPE_REGULAR)
    {
      toast (self, _("Only files can be kept with a record, not folders."));
      return;
    }

  if (g_file_info_get_size (info) > SOLACE_MAX_ATTACHMENT_BYTES)
    {
      g_autofree char *limit = g_format_size (SOLACE_MAX_ATTACHMENT_BYTES);
      g_autofree char *shown = solace_text_for_display (g_file_info_get_display_name (info), -1,
                                                        SOLACE_MAX_ATTACHMENT_NAME_BYTES, SOLACE_TEXT_DEFAULT);

      /* Translators: %1$s is a file's name, %2$s a size, "64.0 MB". */
      message = g_strdup_printf (_("“%1$s” is too large to keep with a record: a file may be up to %2$s. "
                                   "Nothing was added."),
                                 shown, limit);
      toast (self, message);
      return;
    }

  /* Counted again here: several may have been on their way at once. */
  if (n_attachments (self) >= SOLACE_MAX_ATTACHMENTS)
    {
      message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                              "A record can keep up to %u file. Nothing was added.",
                                              "A record can keep up to %u files. Nothing was added.",
                                              SOLACE_MAX_ATTACHMENTS),
                                 SOLACE_MAX_ATTACHMENTS);
      toast (self, message);
      return;
    }

  if (is_chosen (self, file))
    return;

  add_attachment_row (self, file, info);
}

static void
add_file_response_cb (GtkNativeDialog      *chooser,
                      int                   response,
                      SolaceIncidentDialog *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GListModel) files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (chooser));

      for (guint i = 0; files != NULL && i < g_list_model_get_n_items (files); i++)
        {
          g_autoptr(GFile) file = g_list_model_get_item (files, i);
          solace_incident_dialog_add_file (self, file);
        }
    }

  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
}

/* The application turns GTK's recent files off for every display, so
 * what is chosen here is not remembered anywhere outside Solace. */
static void
add_file_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  SolaceIncidentDialog *self = SOLACE_INCIDENT_DIALOG (widget);
  GtkFileChooserNative *chooser;

  if (self->saving)
    return;

  chooser = gtk_file_chooser_native_new (_("Add Files to the Record"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Add"), _("_Cancel"));
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (chooser), TRUE);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect_object (chooser, "response", G_CALLBACK (add_file_response_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
set_saving (SolaceIncidentDialog *self,
            gboolean              saving)
{
  self->saving = saving;
  gtk_widget_set_sensitive (GTK_WIDGET (self), !saving);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "incident.save", !saving);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "incident.add-file", !saving);
  if (self->saving_spinner != NULL)
    {
      gtk_widget_set_visible (GTK_WIDGET (self->saving_spinner), saving);
      gtk_spinner_set_spinning (self->saving_spinner, saving);
    }
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
  GPtrArray      *files;    /* of GFile, read in the worker */
  gint64          now;
  gboolean        file_failed;
} AppendData;

static void
append_data_free (AppendData *data)
{
  g_object_unref (data->db);
  solace_incident_free (data->incident);
  g_clear_pointer (&data->files, g_ptr_array_unref);
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

  /* Every file is read before anything is written: one that vanished
   * or grew too large leaves no record, rather than half of one. */
  if (data->files->len > 0)
    {
      g_autoptr(GPtrArray) attachments = g_ptr_array_new_with_free_func ((GDestroyNotify) solace_attachment_free);

      for (guint i = 0; i < data->files->len; i++)
        {
          SolaceAttachment *attachment = solace_attachment_read (g_ptr_array_index (data->files, i),
                                                                 cancellable, &error);
          if (attachment == NULL)
            {
              data->file_failed = TRUE;
              g_task_return_error (task, error);
              return;
            }
          g_ptr_array_add (attachments, attachment);
        }
      g_clear_pointer (&data->incident->attachments, g_ptr_array_unref);
      data->incident->attachments = g_steal_pointer (&attachments);
    }

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
  AppendData *data = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  set_saving (self, FALSE);

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_autofree char *escaped = NULL;

      /* Closed while saving (a quick hide): nothing is left to say it in. */
      if (self->toasts == NULL)
        return;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;

      if (data->file_failed)
        {
          /* Translators: %s says which file could not be read and why. */
          g_autofree char *message = g_strdup_printf (_("%s Nothing was saved, and what you wrote is still here: "
                                                        "remove the file or choose it again."),
                                                      error->message);
          escaped = g_markup_escape_text (message, -1);
        }
      else
        escaped = g_markup_escape_text (error->message, -1);

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
  data->incident->sender = field_of (self->sender_row);
  data->incident->witnesses = field_of (self->witnesses_row);
  data->incident->reference = field_of (self->reference_row);
  data->files = chosen_files (self);
  selected = adw_combo_row_get_selected (self->boundary_row);
  if (selected > 0 && self->boundaries != NULL)
    {
      g_autoptr(SolaceBoundary) b = g_list_model_get_item (G_LIST_MODEL (self->boundaries), selected - 1);
      if (b != NULL)
        data->incident->boundary_uuid = g_strdup (solace_boundary_get_uuid (b));
    }

  set_saving (self, TRUE);

  task = g_task_new (self, NULL, appended_cb, NULL);
  g_task_set_task_data (task, data, (GDestroyNotify) append_data_free);
  g_task_run_in_thread (task, append_thread);
}

static void
solace_incident_dialog_dispose (GObject *object)
{
  SolaceIncidentDialog *self = (SolaceIncidentDialog *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
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
  gtk_widget_class_bind_template_child (widget_class, SolaceIncidentDialog, sender_row);
  gtk_widget_class_bind_template_child (widget_class, SolaceIncidentDialog, witnesses_row);
  gtk_widget_class_bind_template_child (widget_class, SolaceIncidentDialog, reference_row);
  gtk_widget_class_bind_template_child (widget_class, SolaceIncidentDialog, attachment_list);
  gtk_widget_class_bind_template_child (widget_class, SolaceIncidentDialog, saving_spinner);
  gtk_widget_class_bind_template_callback (widget_class, day_selected_cb);

  gtk_widget_class_install_action (widget_class, "incident.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "incident.add-file", NULL, add_file_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "incident.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
solace_incident_dialog_init (SolaceIncidentDialog *self)
{
  GtkStringList *channels;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  solace_editable_set_max_chars (GTK_EDITABLE (self->sender_row), SOLACE_MAX_INCIDENT_FIELD_CHARS);
  solace_editable_set_max_chars (GTK_EDITABLE (self->witnesses_row), SOLACE_MAX_INCIDENT_FIELD_CHARS);
  solace_editable_set_max_chars (GTK_EDITABLE (self->reference_row), SOLACE_MAX_INCIDENT_FIELD_CHARS);

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

AdwEntryRow *
solace_incident_dialog_get_sender_row (SolaceIncidentDialog *self)
{
  g_return_val_if_fail (SOLACE_IS_INCIDENT_DIALOG (self), NULL);
  return self->sender_row;
}

AdwEntryRow *
solace_incident_dialog_get_witnesses_row (SolaceIncidentDialog *self)
{
  g_return_val_if_fail (SOLACE_IS_INCIDENT_DIALOG (self), NULL);
  return self->witnesses_row;
}

AdwEntryRow *
solace_incident_dialog_get_reference_row (SolaceIncidentDialog *self)
{
  g_return_val_if_fail (SOLACE_IS_INCIDENT_DIALOG (self), NULL);
  return self->reference_row;
}

GtkListBox *
solace_incident_dialog_get_attachment_list (SolaceIncidentDialog *self)
{
  g_return_val_if_fail (SOLACE_IS_INCIDENT_DIALOG (self), NULL);
  return self->attachment_list;
}

/**
 * solace_incident_dialog_add_file:
 *
 * Adds @file to the files kept with the record, as choosing it in the
 * file chooser does: looked at without blocking, then shown as a row
 * (or refused with a toast).  The tests call it directly, since a
 * native file chooser cannot be driven.
 */
void
solace_incident_dialog_add_file (SolaceIncidentDialog *self,
                                 GFile                *file)
{
  g_return_if_fail (SOLACE_IS_INCIDENT_DIALOG (self));
  g_return_if_fail (G_IS_FILE (file));

  if (self->saving)
    return;

  g_file_query_info_async (file,
                           G_FILE_ATTRIBUTE_STANDARD_DISPLAY_NAME ","
                           G_FILE_ATTRIBUTE_STANDARD_SIZE ","
                           G_FILE_ATTRIBUTE_STANDARD_TYPE,
                           G_FILE_QUERY_INFO_NONE, G_PRIORITY_DEFAULT, self->cancellable,
                           file_info_cb, g_object_ref (self));
}
