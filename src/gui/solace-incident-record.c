/* solace-incident-record.c — the incident record: its list, the details
 * of a record, checking its chain and exporting it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "solace-incident-record"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "solace-evidence.h"
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
  SolaceChainHead      head;          /* as last loaded */

  /* From the template. */
  GtkListBox          *incident_list;
  AdwComboRow         *period_row;
  GtkLabel            *check_label;
  GtkListBox          *head_list;
  AdwActionRow        *head_row;
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

static gboolean
has_text (const char *text)
{
  return text != NULL && *text != '\0';
}

/* A file's name, safe to lay out beside other text. */
static char *
attachment_name_for_display (const char *name)
{
  return solace_text_for_display (has_text (name) ? name : "?", -1, SOLACE_MAX_ATTACHMENT_NAME_BYTES,
                                  SOLACE_TEXT_DEFAULT);
}

/* The files kept with a record: their names, types and sizes, never
 * what they show. */
static void
add_attachments (GtkBox    *box,
                 GPtrArray *attachments)
{
  GtkWidget *heading = gtk_label_new (_("Attachments"));
  GtkWidget *list = gtk_list_box_new ();

  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  gtk_widget_add_css_class (heading, "heading");
  gtk_widget_set_margin_top (heading, 6);
  gtk_box_append (box, heading);

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Attachments"), -1);
  for (guint i = 0; i < attachments->len; i++)
    {
      SolaceAttachment *attachment = g_ptr_array_index (attachments, i);
      g_autofree char *name = attachment_name_for_display (attachment->name);
      g_autofree char *escaped = g_markup_escape_text (name, -1);
      g_autofree char *size = g_format_size (attachment->size);
      g_autofree char *subtitle = NULL;
      g_autofree char *escaped_subtitle = NULL;
      GtkWidget *row = adw_action_row_new ();

      /* Translators: a kept file's type and size, "image/png · 1.2 kB". */
      subtitle = g_strdup_printf (_("%1$s · %2$s"), attachment->media_type != NULL ? attachment->media_type : "?", size);
      escaped_subtitle = g_markup_escape_text (subtitle, -1);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), escaped);
      adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 3);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), escaped_subtitle);
      if (attachment->sha256 != NULL)
        {
          /* Translators: a kept file's SHA-256 hash, in a tooltip. */
          g_autofree char *tooltip = g_strdup_printf (_("SHA-256: %s"), attachment->sha256);
          gtk_widget_set_tooltip_text (row, tooltip);
        }
      gtk_list_box_append (GTK_LIST_BOX (list), row);
    }
  gtk_box_append (box, list);
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
  /* Records made before these fields existed have nothing to show. */
  if (incident->form >= SOLACE_INCIDENT_FORM_2 || has_text (incident->sender))
    add_full_text (GTK_BOX (box), _("Sender as it appeared"), incident->sender);
  if (incident->form >= SOLACE_INCIDENT_FORM_2 || has_text (incident->witnesses))
    add_full_text (GTK_BOX (box), _("Witnesses"), incident->witnesses);
  if (incident->form >= SOLACE_INCIDENT_FORM_2 || has_text (incident->reference))
    add_full_text (GTK_BOX (box), _("Medical or police reference"), incident->reference);
  if (incident->attachments != NULL && incident->attachments->len > 0)
    add_attachments (GTK_BOX (box), incident->attachments);
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

/* What a worker below returned, or NULL after a toast that says what
 * went wrong; nothing is said when the page went away (cancelled). */
static gpointer
take_result (SolaceIncidentRecord *self,
             GAsyncResult         *result)
{
  g_autoptr(GError) error = NULL;
  gpointer value = g_task_propagate_pointer (G_TASK (result), &error);

  if (value == NULL && error != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    solace_widget_toast (GTK_WIDGET (self), error->message);

  return value;
}

/* Runs @thread in a worker, the database its task's data; @callback
 * gets what it returns, here. */
static void
run_with_db (SolaceIncidentRecord *self,
             GTaskThreadFunc       thread,
             GAsyncReadyCallback   callback)
{
  g_autoptr(GTask) task = g_task_new (self, self->cancellable, callback, NULL);

  g_task_set_task_data (task, g_object_ref (self->db), g_object_unref);
  g_task_run_in_thread (task, thread);
}

/* Hands @value, filled by a worker, to the task, or @error: @value is a
 * plain struct, freed with g_free(). */
static void
return_filled (GTask    *task,
               gpointer  value,
               gboolean  filled,
               GError   *error)
{
  if (filled)
    g_task_return_pointer (task, value, g_free);
  else
    {
      g_free (value);
      g_task_return_error (task, error);
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
  GPtrArray *incidents = take_result (self, result);

  self->loading_incidents--;
  if (incidents == NULL)
    return;

  g_clear_pointer (&self->incidents, g_ptr_array_unref);
  self->incidents = incidents;
  show_incidents (self);
  g_signal_emit (self, signals[INCIDENTS_LOADED], 0);
}

static void
show_head (SolaceIncidentRecord *self)
{
  g_autofree char *title = NULL;
  g_autofree char *tooltip = NULL;
  GString *grouped = NULL;

  gtk_widget_set_visible (GTK_WIDGET (self->head_list), self->head.count > 0);
  if (self->head.count == 0)
    return;

  /* Translators: the end of the incident record's chain: how many
   * records, and the start of the newest one's hash. */
  title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                        "%1$u record · last hash %2$.8s…",
                                        "%1$u records · last hash %2$.8s…",
                                        self->head.count),
                           self->head.count, self->head.last_hash);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->head_row), title);
  /* The whole hash in groups of eight, to read out or compare: the
   * groups also let it wrap at a narrow width instead of being cut. */
  grouped = g_string_new (NULL);
  for (const char *p = self->head.last_hash; *p != '\0'; p++)
    {
      if (p != self->head.last_hash && (p - self->head.last_hash) % 8 == 0)
        g_string_append_c (grouped, ' ');
      g_string_append_c (grouped, *p);
    }
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->head_row), grouped->str);
  g_string_free (grouped, TRUE);
  tooltip = g_strdup_printf (_("The newest record’s hash: %s"), self->head.last_hash);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->head_row), tooltip);
}

static void
head_thread (GTask        *task,
             gpointer      source,
             gpointer      task_data,
             GCancellable *cancellable)
{
  SolaceChainHead *head = g_new0 (SolaceChainHead, 1);
  GError *error = NULL;
  gboolean filled = solace_incidents_get_head (task_data, head, &error);

  return_filled (task, head, filled, error);
}

static void
head_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  SolaceIncidentRecord *self = SOLACE_INCIDENT_RECORD (source);
  g_autofree SolaceChainHead *head = take_result (self, result);

  self->loading_incidents--;
  if (head == NULL)
    return;

  self->head = *head;
  show_head (self);
}

static void
load_incidents (SolaceIncidentRecord *self)
{
  if (self->db == NULL)
    return;

  self->loading_incidents++;
  run_with_db (self, list_thread, listed_cb);
  self->loading_incidents++;
  run_with_db (self, head_thread, head_cb);
}

static void
copy_head_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  SolaceIncidentRecord *self = SOLACE_INCIDENT_RECORD (widget);
  g_autofree char *text = NULL;

  if (self->head.count == 0)
    return;

  /* Translators: what Copy puts on the clipboard, to write down or send
   * to someone the person trusts: "…: 12 records, last hash 1a2b…". */
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "Solace incident record: %1$u record, last hash %2$s",
                                       "Solace incident record: %1$u records, last hash %2$s",
                                       self->head.count),
                          self->head.count, self->head.last_hash);
  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), text);
  solace_widget_toast (widget, _("Copied"));
}

static void
verify_thread (GTask        *task,
               gpointer      source,
               gpointer      task_data,
               GCancellable *cancellable)
{
  SolaceChainCheck *check = g_new0 (SolaceChainCheck, 1);
  GError *error = NULL;
  gboolean filled = solace_incidents_verify (task_data, check, &error);

  return_filled (task, check, filled, error);
}

static void
verified_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  SolaceIncidentRecord *self = SOLACE_INCIDENT_RECORD (source);
  g_autofree SolaceChainCheck *check = take_result (self, result);
  g_autofree char *text = NULL;

  if (check == NULL)
    return;

  if (check->intact)
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "Intact: the %u record matches what was written when it was recorded.",
                                         "Intact: all %u records match what was written when they were recorded.",
                                         check->n_checked),
                            check->n_checked);
  else if (check->broken_attachment > 0)
    {
      g_autofree char *name = attachment_name_for_display (check->broken_attachment_name);

      /* Translators: %1$u is a record's number, %2$s the name of a file
       * kept with it. */
      text = g_strdup_printf (_("Not intact: record %1$u, attachment “%2$s”. The file no longer matches "
                                "what was kept when it was recorded: it was changed outside Solace."),
                              check->broken_number, name);
    }
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

  if (self->db == NULL)
    return;

  run_with_db (self, verify_thread, verified_cb);
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
           solace_incidents_get_head (data->db, &report.head, &error) &&
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

/* A modal dialog over the window that saves a @pattern file, as
 * @name unless the person changes it. */
static GtkFileChooserNative *
new_save_dialog (SolaceIncidentRecord *self,
                 const char           *title,
                 const char           *filter_name,
                 const char           *pattern,
                 const char           *name)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  GtkFileChooserNative *dialog = gtk_file_chooser_native_new (title, parent_window (self),
                                                              GTK_FILE_CHOOSER_ACTION_SAVE,
                                                              _("_Export"), _("_Cancel"));

  gtk_file_filter_set_name (filter, filter_name);
  gtk_file_filter_add_pattern (filter, pattern);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), filter);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), name);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);

  return dialog;
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
  GtkFileChooserNative *dialog;

  dialog = new_save_dialog (self, pdf ? _("Export as PDF") : _("Export as CSV"),
                            pdf ? _("PDF documents") : _("CSV spreadsheets"),
                            pdf ? "*.pdf" : "*.csv",
                            /* Translators: file names; keep the extensions. */
                            pdf ? _("incident-record.pdf") : _("incident-record.csv"));
  g_object_set_data (G_OBJECT (dialog), "pdf", GINT_TO_POINTER (pdf));
  g_signal_connect_object (dialog, "response", G_CALLBACK (export_response_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
evidence_thread (GTask        *task,
                 gpointer      source,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_local ();
  const char *path = g_object_get_data (G_OBJECT (task), "path");
  GError *error = NULL;

  if (solace_evidence_export (task_data, path, g_get_real_time () / G_USEC_PER_SEC, tz, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
evidence_exported_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  SolaceIncidentRecord *self = SOLACE_INCIDENT_RECORD (source);
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_autofree char *message = NULL;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      message = g_strdup_printf (_("Could not export the evidence: %s"), error->message);
      solace_widget_toast (GTK_WIDGET (self), message);
    }
  else
    solace_widget_toast (GTK_WIDGET (self), _("Evidence exported"));

  g_signal_emit (self, signals[EXPORTED], 0, error == NULL);
}

static void
export_evidence_response_cb (GtkNativeDialog      *dialog,
                             int                   response,
                             SolaceIncidentRecord *self)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));

  if (file != NULL && g_file_peek_path (file) != NULL)
    solace_incident_record_export_evidence (self, g_file_peek_path (file));

  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
}

static void
export_evidence_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  SolaceIncidentRecord *self = SOLACE_INCIDENT_RECORD (widget);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *day = g_date_time_format (now, "%Y-%m-%d");
  g_autofree char *name = NULL;
  GtkFileChooserNative *dialog;

  /* Translators: a file name; keep %s (the day, 2026-12-03) and ".zip". */
  name = g_strdup_printf (_("solace-evidence-%s.zip"), day);
  dialog = new_save_dialog (self, _("Export Evidence"), _("ZIP archives"), "*.zip", name);
  g_signal_connect_object (dialog, "response", G_CALLBACK (export_evidence_response_cb), self, 0);
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
  gtk_widget_class_bind_template_child (widget_class, SolaceIncidentRecord, head_list);
  gtk_widget_class_bind_template_child (widget_class, SolaceIncidentRecord, head_row);

  gtk_widget_class_install_action (widget_class, "incident-record.record", NULL, record_action);
  gtk_widget_class_install_action (widget_class, "incident-record.verify", NULL, verify_action);
  gtk_widget_class_install_action (widget_class, "incident-record.export", "s", export_action);
  gtk_widget_class_install_action (widget_class, "incident-record.export-evidence", NULL, export_evidence_action);
  gtk_widget_class_install_action (widget_class, "incident-record.copy-head", NULL, copy_head_action);
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

AdwActionRow *
solace_incident_record_get_head_row (SolaceIncidentRecord *self)
{
  g_return_val_if_fail (SOLACE_IS_INCIDENT_RECORD (self), NULL);
  return self->head_row;
}

/* Writes the record with its files to @path, in a worker; ::exported
 * says how it went. */
void
solace_incident_record_export_evidence (SolaceIncidentRecord *self,
                                        const char           *path)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (SOLACE_IS_INCIDENT_RECORD (self));
  g_return_if_fail (path != NULL);

  if (self->db == NULL)
    return;

  task = g_task_new (self, self->cancellable, evidence_exported_cb, NULL);
  g_task_set_task_data (task, g_object_ref (self->db), g_object_unref);
  g_task_set_return_on_cancel (task, FALSE);
  g_object_set_data_full (G_OBJECT (task), "path", g_strdup (path), g_free);
  g_task_run_in_thread (task, evidence_thread);
}
