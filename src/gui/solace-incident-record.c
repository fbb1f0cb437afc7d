/* solace-incident-record.c — the incident record: its list, the details
 * of a record, checking its chain and exporting it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "solace-incident-record"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "solace-file.h"
#include "solace-incident-dialog.h"
#include "solace-incident-record.h"
#include "solace-limits.h"
#include "solace-locale.h"
#include "solace-long-text.h"
#include "solace-report.h"
#include "solace-text.h"
#include "solace-widgets.h"

struct _SolaceIncidentRecord
{
  AdwPreferencesGroup  parent_instance;

  SolaceBoundaryStore *store;
  SolaceDatabase      *db;
  GPtrArray           *incidents;     /* as last loaded, recorded order */
  GCancellable        *cancellable;
  guint                loading_incidents;

  /* From the template. */
  GtkListBox          *incident_list;
  AdwComboRow         *period_row;
  GtkLabel            *check_label;
};

enum {
  INCIDENTS_LOADED,
  EXPORTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (SolaceIncidentRecord, solace_incident_record, ADW_TYPE_PREFERENCES_GROUP)

static void load_incidents (SolaceIncidentRecord *self);

static GtkWindow *
parent_window (SolaceIncidentRecord *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

static GHashTable *
boundary_titles (SolaceIncidentRecord *self)
{
  GHashTable *titles = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  for (guint i = 0; self->store != NULL && i < g_list_model_get_n_items (G_LIST_MODEL (self->store)); i++)
    {
      g_autoptr(SolaceBoundary) b = g_list_model_get_item (G_LIST_MODEL (self->store), i);
      g_hash_table_insert (titles, g_strdup (solace_boundary_get_uuid (b)), g_strdup (solace_boundary_get_title (b)));
    }

  return titles;
}

static SolaceIncident *
find_incident (SolaceIncidentRecord *self,
               const char           *uuid)
{
  for (guint i = 0; self->incidents != NULL && i < self->incidents->len; i++)
    {
      SolaceIncident *incident = g_ptr_array_index (self->incidents, i);
      if (g_strcmp0 (incident->uuid, uuid) == 0)
        return incident;
    }
  return NULL;
}

static void
recorded_cb (SolaceIncidentRecord *self)
{
  solace_widget_toast (GTK_WIDGET (self), _("Recorded"));
  load_incidents (self);
}

static void
open_record_dialog (SolaceIncidentRecord *self,
                    SolaceIncident       *corrects)
{
  SolaceIncidentDialog *dialog;

  if (self->db == NULL)
    return;

  dialog = solace_incident_dialog_new (parent_window (self), self->db, self->store, corrects);
  g_signal_connect_object (dialog, "recorded", G_CALLBACK (recorded_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
record_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  open_record_dialog (SOLACE_INCIDENT_RECORD (widget), NULL);
}

static char *
format_when (gint64 t)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (t);
  g_autoptr(GDateTime) local = g_date_time_to_local (utc);

  if (solace_locale_uses_12_hour_clock ())
    /* Translators: when an incident happened, in its row, on a 12-hour
     * clock: "3 December 2026, 9:05 PM". */
    return g_date_time_format (local, _("%-d %B %Y, %-l:%M %p"));

  /* Translators: when an incident happened, in its row. */
  return g_date_time_format (local, _("%-d %B %Y, %H:%M"));
}

static void
details_response_cb (AdwMessageDialog     *dialog,
                     const char           *response,
                     SolaceIncidentRecord *self)
{
  const char *uuid = g_object_get_data (G_OBJECT (dialog), "uuid");
  SolaceIncident *incident = find_incident (self, uuid);

  if (g_strcmp0 (response, "correct") == 0 && incident != NULL)
    open_record_dialog (self, incident);
}

/* A heading and, under it, the full text of one field of a record, read
 * only, in a text view that lays out long text a piece at a time. */
static void
add_full_text (GtkBox     *box,
               const char *heading,
               const char *text)
{
  GtkTextView *view = solace_long_text_box_new (box, heading, SOLACE_MAX_INCIDENT_CHARS, NULL, NULL);

  gtk_text_view_set_editable (view, FALSE);
  gtk_text_view_set_cursor_visible (view, FALSE);
  solace_long_text_set_text (view, text != NULL && *text ? text : "—");
}

static void
incident_activated_cb (AdwActionRow         *row,
                       SolaceIncidentRecord *self)
{
  SolaceIncident *incident = find_incident (self, g_object_get_data (G_OBJECT (row), "uuid"));
  g_autoptr(GHashTable) titles = NULL;
  g_autofree char *heading = NULL;
  g_autofree char *happened = NULL;
  g_autofree char *recorded = NULL;
  g_autofree char *body = NULL;
  g_autofree char *shown_boundary = NULL;
  const char *boundary = NULL;
  GtkWidget *dialog;
  GtkWidget *scrolled;
  GtkWidget *box;

  if (incident == NULL)
    return;

  titles = boundary_titles (self);
  if (incident->boundary_uuid != NULL)
    boundary = g_hash_table_lookup (titles, incident->boundary_uuid);
  heading = g_strdup_printf (_("Record %lld"), (long long) incident->id);
  happened = format_when (incident->happened_at);
  recorded = format_when (incident->recorded_at);
  shown_boundary = boundary != NULL
    ? solace_text_for_display (boundary, -1, SOLACE_PREVIEW_CHARS, SOLACE_TEXT_DEFAULT)
    : g_strdup (_("None"));
  /* Plain text: the body of a message dialog is not markup here.  What
   * the person wrote can be long, so it goes below, in text views. */
  body = g_strdup_printf (_("%s\nHappened: %s\nRecorded: %s\nBoundary: %s\nNecessary contact: %s"),
                          incident->channel < SOLACE_N_CHANNELS ? solace_channel_get_label (incident->channel) : "",
                          happened, recorded,
                          shown_boundary,
                          incident->necessary ? _("Yes") : _("No"));

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  add_full_text (GTK_BOX (box), _("What happened"), incident->what);
  add_full_text (GTK_BOX (box), _("How I responded"), incident->response);
  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled), 360);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), box);

  dialog = adw_message_dialog_new (parent_window (self), heading, body);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), scrolled);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "close", _("_Close"),
                                    "correct", _("_Add a Correction"),
                                    NULL);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "close");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "close");
  g_object_set_data_full (G_OBJECT (dialog), "uuid", g_strdup (incident->uuid), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (details_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static GtkWidget *
incident_row (SolaceIncidentRecord *self,
              SolaceIncident       *incident,
              GHashTable           *numbers,
              gboolean              is_correction)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *when = format_when (incident->happened_at);
  g_autofree char *title = NULL;
  g_autofree char *what = NULL;
  g_autofree char *preview = NULL;
  g_autofree char *escaped_title = NULL;

  /* Translators: a record's number, how it happened and when:
   * "12 · Text message · 27 November 2026, 21:14". */
  title = g_strdup_printf (_("%1$lld · %2$s · %3$s"), (long long) incident->id,
                           incident->channel < SOLACE_N_CHANNELS ? solace_channel_get_label (incident->channel) : "?",
                           when);
  escaped_title = g_markup_escape_text (title, -1);
  /* A row shows the start of what happened, never all of it: laying out
   * a record of tens of thousands of characters held the whole window
   * for seconds.  The full text opens in the details. */
  preview = solace_text_for_display (incident->what, -1, SOLACE_PREVIEW_CHARS, SOLACE_TEXT_DEFAULT);
  what = g_markup_escape_text (preview, -1);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), escaped_title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), what);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 2);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  g_object_set_data_full (G_OBJECT (row), "uuid", g_strdup (incident->uuid), g_free);
  g_signal_connect_object (row, "activated", G_CALLBACK (incident_activated_cb), self, 0);

  if (is_correction)
    {
      const char *number = g_hash_table_lookup (numbers, incident->corrects_uuid);
      g_autofree char *text = g_strdup_printf (_("Corrects %s"), number != NULL ? number : "?");
      GtkWidget *tag = gtk_label_new (text);
      GtkWidget *icon = gtk_image_new_from_icon_name ("edit-undo-symbolic");

      gtk_widget_add_css_class (tag, "caption");
      gtk_widget_add_css_class (tag, "accent");
      gtk_widget_set_margin_start (icon, 18);
      gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Correction"), -1);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), tag);
    }

  return row;
}

/* Newest first, each correction right under what it corrects. */
static void
show_incidents (SolaceIncidentRecord *self)
{
  g_autoptr(GHashTable) numbers = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  g_autoptr(GHashTable) corrections = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                                             (GDestroyNotify) g_ptr_array_unref);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->incident_list))) != NULL)
    gtk_list_box_remove (self->incident_list, child);

  for (guint i = 0; i < self->incidents->len; i++)
    {
      SolaceIncident *incident = g_ptr_array_index (self->incidents, i);

      g_hash_table_insert (numbers, incident->uuid, g_strdup_printf ("%" G_GINT64_FORMAT, incident->id));
      if (incident->corrects_uuid != NULL)
        {
          GPtrArray *list = g_hash_table_lookup (corrections, incident->corrects_uuid);
          if (list == NULL)
            {
              list = g_ptr_array_new ();
              g_hash_table_insert (corrections, incident->corrects_uuid, list);
            }
          g_ptr_array_add (list, incident);
        }
    }

  for (guint i = self->incidents->len; i > 0; i--)
    {
      SolaceIncident *incident = g_ptr_array_index (self->incidents, i - 1);
      GPtrArray *fixes;

      /* A correction whose original is in the list shows beside it. */
      if (incident->corrects_uuid != NULL && find_incident (self, incident->corrects_uuid) != NULL)
        continue;

      gtk_list_box_append (self->incident_list, incident_row (self, incident, numbers, FALSE));
      fixes = g_hash_table_lookup (corrections, incident->uuid);
      for (guint j = 0; fixes != NULL && j < fixes->len; j++)
        gtk_list_box_append (self->incident_list,
                             incident_row (self, g_ptr_array_index (fixes, j), numbers, TRUE));
    }
}

static void
list_thread (GTask        *task,
             gpointer      source,
             gpointer      task_data,
             GCancellable *cancellable)
{
  GError *error = NULL;
  GPtrArray *incidents = solace_incidents_list (task_data, 0, 0, &error);

  if (incidents != NULL)
    g_task_return_pointer (task, incidents, (GDestroyNotify) g_ptr_array_unref);
  else
    g_task_return_error (task, error);
}

static void
listed_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  SolaceIncidentRecord *self = SOLACE_INCIDENT_RECORD (source);
  g_autoptr(GError) error = NULL;
  GPtrArray *incidents = g_task_propagate_pointer (G_TASK (result), &error);

  self->loading_incidents--;
  if (incidents == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        solace_widget_toast (GTK_WIDGET (self), error->message);
      return;
    }

  g_clear_pointer (&self->incidents, g_ptr_array_unref);
  self->incidents = incidents;
  show_incidents (self);
  g_signal_emit (self, signals[INCIDENTS_LOADED], 0);
}

static void
load_incidents (SolaceIncidentRecord *self)
{
  g_autoptr(GTask) task = NULL;

  if (self->db == NULL)
    return;

  self->loading_incidents++;
  task = g_task_new (self, self->cancellable, listed_cb, NULL);
  g_task_set_task_data (task, g_object_ref (self->db), g_object_unref);
  g_task_run_in_thread (task, list_thread);
}

static void
verify_thread (GTask        *task,
               gpointer      source,
               gpointer      task_data,
               GCancellable *cancellable)
{
  SolaceChainCheck *check = g_new0 (SolaceChainCheck, 1);
  GError *error = NULL;

  if (solace_incidents_verify (task_data, check, &error))
    g_task_return_pointer (task, check, g_free);
  else
    {
      g_free (check);
      g_task_return_error (task, error);
    }
}

static void
verified_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  SolaceIncidentRecord *self = SOLACE_INCIDENT_RECORD (source);
  g_autoptr(GError) error = NULL;
  g_autofree SolaceChainCheck *check = g_task_propagate_pointer (G_TASK (result), &error);
  g_autofree char *text = NULL;

  if (check == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        solace_widget_toast (GTK_WIDGET (self), error->message);
      return;
    }

  if (check->intact)
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "Intact: the %u record matches what was written when it was recorded.",
                                         "Intact: all %u records match what was written when they were recorded.",
                                         check->n_checked),
                            check->n_checked);
  else
    text = g_strdup_printf (_("Not intact: record %u no longer matches what was written when it was recorded. "
                              "The file was changed outside Solace."),
                            check->broken_number);

  gtk_label_set_text (self->check_label, text);
  gtk_widget_set_visible (GTK_WIDGET (self->check_label), TRUE);
  if (check->intact)
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->check_label), "error");
      gtk_widget_add_css_class (GTK_WIDGET (self->check_label), "success");
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->check_label), "success");
      gtk_widget_add_css_class (GTK_WIDGET (self->check_label), "error");
    }
}

static void
verify_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  SolaceIncidentRecord *self = SOLACE_INCIDENT_RECORD (widget);
  g_autoptr(GTask) task = NULL;

  if (self->db == NULL)
    return;

  task = g_task_new (self, self->cancellable, verified_cb, NULL);
  g_task_set_task_data (task, g_object_ref (self->db), g_object_unref);
  g_task_run_in_thread (task, verify_thread);
}

/* The period chosen for an export, as [from, until]; 0 for open. */
static void
export_period (SolaceIncidentRecord *self,
               gint64               *from,
               gint64               *until)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) start = NULL;

  *until = 0;
  switch (adw_combo_row_get_selected (self->period_row))
    {
    case 1:
      start = g_date_time_add_days (now, -30);
      break;
    case 2:
      start = g_date_time_add_years (now, -1);
      break;
    default:
      break;
    }
  *from = start != NULL ? g_date_time_to_unix (start) : 0;
}

typedef struct
{
  SolaceDatabase *db;
  char           *path;
  gboolean        pdf;
  gint64          from;
  gint64          until;
  GHashTable     *titles;
} ExportData;

static void
export_data_free (ExportData *data)
{
  g_object_unref (data->db);
  g_free (data->path);
  g_hash_table_unref (data->titles);
  g_free (data);
}

static void
export_thread (GTask        *task,
               gpointer      source,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ExportData *data = task_data;
  g_autoptr(GPtrArray) incidents = NULL;
  g_autoptr(GTimeZone) tz = g_time_zone_new_local ();
  GError *error = NULL;
  gboolean ok;

  incidents = solace_incidents_list (data->db, data->from, data->until, &error);
  if (incidents == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  if (data->pdf)
    {
      SolaceReport report = { 0 };

      report.incidents = incidents;
      report.boundary_titles = data->titles;
      report.from = data->from;
      report.until = data->until;
      report.made_at = g_get_real_time () / G_USEC_PER_SEC;
      report.tz = tz;
      ok = solace_incidents_verify (data->db, &report.check, &error) &&
           solace_report_write_pdf (&report, data->path, &error);
    }
  else
    {
      g_autofree char *csv = solace_incidents_to_csv (incidents, data->titles, tz);
      ok = solace_file_write_private (data->path, csv, strlen (csv), &error);
    }

  if (ok)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
exported_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  SolaceIncidentRecord *self = SOLACE_INCIDENT_RECORD (source);
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_autofree char *message = g_strdup_printf (_("Could not export the record: %s"), error->message);
      solace_widget_toast (GTK_WIDGET (self), message);
    }
  else
    solace_widget_toast (GTK_WIDGET (self), _("Record exported"));

  g_signal_emit (self, signals[EXPORTED], 0, error == NULL);
}

static void
export_response_cb (GtkNativeDialog      *dialog,
                    int                   response,
                    SolaceIncidentRecord *self)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));

  if (file != NULL && g_file_peek_path (file) != NULL)
    solace_incident_record_export (self, g_file_peek_path (file),
                                   GPOINTER_TO_INT (g_object_get_data (G_OBJECT (dialog), "pdf")));

  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  SolaceIncidentRecord *self = SOLACE_INCIDENT_RECORD (widget);
  gboolean pdf = g_str_equal (g_variant_get_string (parameter, NULL), "pdf");
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  GtkFileChooserNative *dialog;

  dialog = gtk_file_chooser_native_new (pdf ? _("Export as PDF") : _("Export as CSV"),
                                        parent_window (self), GTK_FILE_CHOOSER_ACTION_SAVE,
                                        _("_Export"), _("_Cancel"));
  gtk_file_filter_set_name (filter, pdf ? _("PDF documents") : _("CSV spreadsheets"));
  gtk_file_filter_add_pattern (filter, pdf ? "*.pdf" : "*.csv");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), filter);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog),
                                     /* Translators: file names; keep the extensions. */
                                     pdf ? _("incident-record.pdf") : _("incident-record.csv"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  g_object_set_data (G_OBJECT (dialog), "pdf", GINT_TO_POINTER (pdf));
  g_signal_connect_object (dialog, "response", G_CALLBACK (export_response_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
solace_incident_record_dispose (GObject *object)
{
  SolaceIncidentRecord *self = (SolaceIncidentRecord *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->store);
  g_clear_object (&self->db);
  g_clear_pointer (&self->incidents, g_ptr_array_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), SOLACE_TYPE_INCIDENT_RECORD);

  G_OBJECT_CLASS (solace_incident_record_parent_class)->dispose (object);
}

static void
solace_incident_record_finalize (GObject *object)
{
  SolaceIncidentRecord *self = (SolaceIncidentRecord *)object;

  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (solace_incident_record_parent_class)->finalize (object);
}

static void
solace_incident_record_class_init (SolaceIncidentRecordClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = solace_incident_record_dispose;
  object_class->finalize = solace_incident_record_finalize;

  signals[INCIDENTS_LOADED] = g_signal_new ("incidents-loaded", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                            0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[EXPORTED] = g_signal_new ("exported", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_BOOLEAN);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/solace_app/Solace/gui/solace-incident-record.ui");
  gtk_widget_class_bind_template_child (widget_class, SolaceIncidentRecord, incident_list);
  gtk_widget_class_bind_template_child (widget_class, SolaceIncidentRecord, period_row);
  gtk_widget_class_bind_template_child (widget_class, SolaceIncidentRecord, check_label);

  gtk_widget_class_install_action (widget_class, "incident-record.record", NULL, record_action);
  gtk_widget_class_install_action (widget_class, "incident-record.verify", NULL, verify_action);
  gtk_widget_class_install_action (widget_class, "incident-record.export", "s", export_action);
}

static void
solace_incident_record_init (SolaceIncidentRecord *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
}

void
solace_incident_record_set_data (SolaceIncidentRecord *self,
                                 SolaceBoundaryStore  *store,
                                 SolaceDatabase       *db)
{
  g_return_if_fail (SOLACE_IS_INCIDENT_RECORD (self));

  g_set_object (&self->store, store);
  g_set_object (&self->db, db);

  if (store != NULL)
    load_incidents (self);
}

void
solace_incident_record_export (SolaceIncidentRecord *self,
                               const char           *path,
                               gboolean              pdf)
{
  g_autoptr(GTask) task = NULL;
  ExportData *data;

  g_return_if_fail (SOLACE_IS_INCIDENT_RECORD (self));
  g_return_if_fail (path != NULL);

  if (self->db == NULL)
    return;

  data = g_new0 (ExportData, 1);
  data->db = g_object_ref (self->db);
  data->path = g_strdup (path);
  data->pdf = pdf;
  data->titles = boundary_titles (self);
  export_period (self, &data->from, &data->until);

  task = g_task_new (self, self->cancellable, exported_cb, NULL);
  g_task_set_task_data (task, data, (GDestroyNotify) export_data_free);
  g_task_run_in_thread (task, export_thread);
}

gboolean
solace_incident_record_get_loading (SolaceIncidentRecord *self)
{
  g_return_val_if_fail (SOLACE_IS_INCIDENT_RECORD (self), FALSE);
  return self->loading_incidents > 0;
}

GtkListBox *
solace_incident_record_get_incident_list (SolaceIncidentRecord *self)
{
  g_return_val_if_fail (SOLACE_IS_INCIDENT_RECORD (self), NULL);
  return self->incident_list;
}

GtkLabel *
solace_incident_record_get_check_label (SolaceIncidentRecord *self)
{
  g_return_val_if_fail (SOLACE_IS_INCIDENT_RECORD (self), NULL);
  return self->check_label;
}
