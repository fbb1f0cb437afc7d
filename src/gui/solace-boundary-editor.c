/* solace-boundary-editor.c — a boundary, written with the "I" statement builder
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "solace-boundary-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "solace-boundary-editor.h"
#include "solace-limits.h"
#include "solace-widgets.h"
#include "solace-reminder-row.h"
#include "solace-reminders.h"

struct _SolaceBoundaryEditor
{
  AdwWindow            parent_instance;

  SolaceBoundaryStore *store;
  SolaceBoundary      *boundary;
  gboolean             is_new;
  gboolean             loading;

  SolaceReminderRow   *reminder_row;

  /* From the template. */
  AdwToastOverlay     *toasts;
  AdwEntryRow         *title_row;
  AdwEntryRow         *part_rows[SOLACE_N_STATEMENT_PARTS];
  AdwActionRow        *preview_row;
  AdwComboRow         *contact_row;
  GtkStringList       *contact_levels;
  AdwEntryRow         *contact_other_row;
  AdwEntryRow         *consequence_row;
  AdwPreferencesGroup *reminder_group;
  GtkSwitch           *active_switch;
  AdwPreferencesGroup *delete_group;
};

G_DEFINE_FINAL_TYPE (SolaceBoundaryEditor, solace_boundary_editor, ADW_TYPE_WINDOW)

static void
read_widgets (SolaceBoundaryEditor *self)
{
  solace_boundary_set_title (self->boundary, gtk_editable_get_text (GTK_EDITABLE (self->title_row)));
  for (guint i = 0; i < SOLACE_N_STATEMENT_PARTS; i++)
    solace_boundary_set_part (self->boundary, i, gtk_editable_get_text (GTK_EDITABLE (self->part_rows[i])));
  solace_boundary_set_contact_level (self->boundary, adw_combo_row_get_selected (self->contact_row));
  solace_boundary_set_contact_other (self->boundary, gtk_editable_get_text (GTK_EDITABLE (self->contact_other_row)));
  solace_boundary_set_consequence (self->boundary, gtk_editable_get_text (GTK_EDITABLE (self->consequence_row)));
  solace_boundary_set_active (self->boundary, gtk_switch_get_active (self->active_switch));
}

static void
update_preview (SolaceBoundaryEditor *self)
{
  g_autofree char *statement = NULL;
  g_autofree char *escaped = NULL;

  /* While the rows are being filled in, the boundary is the truth; and
   * until solace_boundary_editor_new () gives it one, there is none. */
  if (self->loading || self->boundary == NULL)
    return;

  read_widgets (self);
  statement = solace_boundary_dup_statement (self->boundary);
  escaped = g_markup_escape_text (*statement ? statement : _("Fill in the parts above to see your boundary."), -1);
  /* Row subtitles are markup in libadwaita 1.2. */
  adw_action_row_set_subtitle (self->preview_row, escaped);
  gtk_widget_set_visible (GTK_WIDGET (self->contact_other_row),
                          adw_combo_row_get_selected (self->contact_row) == SOLACE_CONTACT_OTHER);
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  SolaceBoundaryEditor *self = SOLACE_BOUNDARY_EDITOR (widget);
  g_autofree char *title = NULL;
  g_autoptr(GError) error = NULL;

  read_widgets (self);
  title = g_strstrip (g_strdup (solace_boundary_get_title (self->boundary)));
  if (*title == '\0')
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->title_row), "error");
      gtk_widget_grab_focus (GTK_WIDGET (self->title_row));
      solace_toast_overlay_add (self->toasts, adw_toast_new (_("Give the boundary a short title")));
      return;
    }
  solace_boundary_set_title (self->boundary, title);

  if (!solace_boundary_store_save (self->store, self->boundary,
                                   solace_reminder_row_get_schedule (self->reminder_row),
                                   adw_expander_row_get_enable_expansion (ADW_EXPANDER_ROW (self->reminder_row)),
                                   &error))
    {
      solace_toast_overlay_add (self->toasts, adw_toast_new (error->message));
      return;
    }
  gtk_window_destroy (GTK_WINDOW (self));
}

static gboolean
destroy_later_cb (gpointer data)
{
  gtk_window_destroy (GTK_WINDOW (data));
  return G_SOURCE_REMOVE;
}

static void
delete_response_cb (AdwMessageDialog     *dialog,
                    const char           *response,
                    SolaceBoundaryEditor *self)
{
  if (g_strcmp0 (response, "delete") != 0)
    return;

  solace_boundary_store_remove (self->store, solace_boundary_get_uuid (self->boundary));
  /* Closed once the question has closed: it is transient for this. */
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
  g_idle_add_full (G_PRIORITY_DEFAULT, destroy_later_cb, g_object_ref (self), g_object_unref);
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  SolaceBoundaryEditor *self = SOLACE_BOUNDARY_EDITOR (widget);
  GtkWidget *dialog;

  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Delete This Boundary?"),
                                   _("It goes with its reminder. Records of incidents that name it keep the name they were given."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Keep"),
                                    "delete", _("_Delete"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "delete", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (delete_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
solace_boundary_editor_dispose (GObject *object)
{
  SolaceBoundaryEditor *self = (SolaceBoundaryEditor *)object;

  g_clear_object (&self->store);
  g_clear_object (&self->boundary);
  gtk_widget_dispose_template (GTK_WIDGET (self), SOLACE_TYPE_BOUNDARY_EDITOR);

  G_OBJECT_CLASS (solace_boundary_editor_parent_class)->dispose (object);
}

static void
solace_boundary_editor_class_init (SolaceBoundaryEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = solace_boundary_editor_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/solace_app/Solace/gui/solace-boundary-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, SolaceBoundaryEditor, toasts);
  gtk_widget_class_bind_template_child (widget_class, SolaceBoundaryEditor, title_row);
  gtk_widget_class_bind_template_child_full (widget_class, "feeling_row", FALSE,
                                             G_STRUCT_OFFSET (SolaceBoundaryEditor, part_rows[SOLACE_STATEMENT_FEELING]));
  gtk_widget_class_bind_template_child_full (widget_class, "situation_row", FALSE,
                                             G_STRUCT_OFFSET (SolaceBoundaryEditor, part_rows[SOLACE_STATEMENT_SITUATION]));
  gtk_widget_class_bind_template_child_full (widget_class, "action_row", FALSE,
                                             G_STRUCT_OFFSET (SolaceBoundaryEditor, part_rows[SOLACE_STATEMENT_ACTION]));
  gtk_widget_class_bind_template_child_full (widget_class, "condition_row", FALSE,
                                             G_STRUCT_OFFSET (SolaceBoundaryEditor, part_rows[SOLACE_STATEMENT_CONDITION]));
  gtk_widget_class_bind_template_child (widget_class, SolaceBoundaryEditor, preview_row);
  gtk_widget_class_bind_template_child (widget_class, SolaceBoundaryEditor, contact_row);
  gtk_widget_class_bind_template_child (widget_class, SolaceBoundaryEditor, contact_levels);
  gtk_widget_class_bind_template_child (widget_class, SolaceBoundaryEditor, contact_other_row);
  gtk_widget_class_bind_template_child (widget_class, SolaceBoundaryEditor, consequence_row);
  gtk_widget_class_bind_template_child (widget_class, SolaceBoundaryEditor, reminder_group);
  gtk_widget_class_bind_template_child (widget_class, SolaceBoundaryEditor, active_switch);
  gtk_widget_class_bind_template_child (widget_class, SolaceBoundaryEditor, delete_group);
  gtk_widget_class_bind_template_callback (widget_class, update_preview);

  gtk_widget_class_install_action (widget_class, "editor.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "editor.delete", NULL, delete_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "editor.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
solace_boundary_editor_init (SolaceBoundaryEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  solace_editable_set_max_chars (GTK_EDITABLE (self->title_row), SOLACE_MAX_BOUNDARY_CHARS);
  for (guint i = 0; i < SOLACE_N_STATEMENT_PARTS; i++)
    solace_editable_set_max_chars (GTK_EDITABLE (self->part_rows[i]), SOLACE_MAX_BOUNDARY_CHARS);
  solace_editable_set_max_chars (GTK_EDITABLE (self->contact_other_row), SOLACE_MAX_BOUNDARY_CHARS);
  solace_editable_set_max_chars (GTK_EDITABLE (self->consequence_row), SOLACE_MAX_BOUNDARY_CHARS);
  for (guint i = 0; i < SOLACE_N_CONTACT_LEVELS; i++)
    gtk_string_list_append (self->contact_levels, solace_contact_level_get_label (i));
}

/**
 * solace_boundary_editor_new:
 * @boundary: (nullable): the boundary to edit, or %NULL for a new one
 */
SolaceBoundaryEditor *
solace_boundary_editor_new (GtkWindow           *parent,
                            SolaceBoundaryStore *store,
                            SolaceDatabase      *db,
                            SolaceBoundary      *boundary)
{
  SolaceBoundaryEditor *self;
  g_autoptr(SolaceReminder) reminder = NULL;
  g_autofree char *key = NULL;

  g_return_val_if_fail (SOLACE_IS_BOUNDARY_STORE (store), NULL);

  self = g_object_new (SOLACE_TYPE_BOUNDARY_EDITOR, "transient-for", parent, NULL);
  self->store = g_object_ref (store);
  self->is_new = boundary == NULL;
  self->boundary = boundary != NULL ? solace_boundary_copy (boundary) : solace_boundary_new ();

  gtk_window_set_title (GTK_WINDOW (self), self->is_new ? _("New Boundary") : _("Edit Boundary"));
  gtk_widget_set_visible (GTK_WIDGET (self->delete_group), !self->is_new);

  self->loading = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->title_row), solace_boundary_get_title (self->boundary));
  for (guint i = 0; i < SOLACE_N_STATEMENT_PARTS; i++)
    gtk_editable_set_text (GTK_EDITABLE (self->part_rows[i]), solace_boundary_get_part (self->boundary, i));
  adw_combo_row_set_selected (self->contact_row, solace_boundary_get_contact_level (self->boundary));
  gtk_editable_set_text (GTK_EDITABLE (self->contact_other_row), solace_boundary_get_contact_other (self->boundary));
  gtk_editable_set_text (GTK_EDITABLE (self->consequence_row), solace_boundary_get_consequence (self->boundary));
  gtk_switch_set_active (self->active_switch, solace_boundary_get_active (self->boundary));
  self->loading = FALSE;

  /* Its reminder as stored, or every morning at nine, off. */
  key = solace_boundary_dup_reminder_key (self->boundary);
  if (db != NULL)
    reminder = solace_reminders_lookup (db, key, NULL);
  if (reminder == NULL)
    reminder = solace_reminder_new (0, key, SOLACE_REMINDER_BOUNDARY, FALSE,
                                    "FREQ=DAILY", "20260101T090000", 0, 0);
  solace_reminder_set_text (reminder, _("Remind Me"), NULL);
  self->reminder_row = SOLACE_REMINDER_ROW (solace_reminder_row_new (reminder));
  adw_preferences_group_add (self->reminder_group, GTK_WIDGET (self->reminder_row));

  update_preview (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->title_row));

  return self;
}

AdwEntryRow *
solace_boundary_editor_get_title_row (SolaceBoundaryEditor *self)
{
  g_return_val_if_fail (SOLACE_IS_BOUNDARY_EDITOR (self), NULL);
  return self->title_row;
}

AdwEntryRow *
solace_boundary_editor_get_part_row (SolaceBoundaryEditor *self,
                                     SolaceStatementPart   part)
{
  g_return_val_if_fail (SOLACE_IS_BOUNDARY_EDITOR (self), NULL);
  g_return_val_if_fail (part < SOLACE_N_STATEMENT_PARTS, NULL);
  return self->part_rows[part];
}

const char *
solace_boundary_editor_get_preview (SolaceBoundaryEditor *self)
{
  g_return_val_if_fail (SOLACE_IS_BOUNDARY_EDITOR (self), NULL);
  return adw_action_row_get_subtitle (self->preview_row);
}

AdwComboRow *
solace_boundary_editor_get_contact_row (SolaceBoundaryEditor *self)
{
  g_return_val_if_fail (SOLACE_IS_BOUNDARY_EDITOR (self), NULL);
  return self->contact_row;
}

SolaceReminderRow *
solace_boundary_editor_get_reminder_row (SolaceBoundaryEditor *self)
{
  g_return_val_if_fail (SOLACE_IS_BOUNDARY_EDITOR (self), NULL);
  return self->reminder_row;
}

GtkSwitch *
solace_boundary_editor_get_active_switch (SolaceBoundaryEditor *self)
{
  g_return_val_if_fail (SOLACE_IS_BOUNDARY_EDITOR (self), NULL);
  return self->active_switch;
}
