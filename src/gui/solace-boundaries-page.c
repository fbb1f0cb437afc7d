/* solace-boundaries-page.c — boundaries, the distance plan, and the incident
 * record (solace-incident-record.c) under them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "solace-boundaries-page"

#include "config.h"

#include <glib/gi18n.h>

#include "solace-boundaries-page.h"
#include "solace-boundary-editor.h"
#include "solace-incident-record.h"
#include "solace-limits.h"
#include "solace-text.h"
#include "solace-widgets.h"

struct _SolaceBoundariesPage
{
  AdwBin                parent_instance;

  SolaceBoundaryStore  *store;
  SolaceDatabase       *db;

  /* From the template. */
  GtkListBox           *boundary_list;
  GtkProgressBar       *plan_progress;
  GtkListBox           *plan_list;
  AdwEntryRow          *add_step_row;
  SolaceIncidentRecord *incident_record;
};

enum {
  INCIDENTS_LOADED,
  EXPORTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (SolaceBoundariesPage, solace_boundaries_page, ADW_TYPE_BIN)

static GtkWindow *
parent_window (SolaceBoundariesPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

/* What the person wrote, as row markup: at most a preview's worth, and
 * isolated so that it cannot reorder what is shown beside it. */
static char *
escape_or (const char *text,
           const char *fallback)
{
  g_autofree char *shown = NULL;

  if (text == NULL || *text == '\0')
    return g_markup_escape_text (fallback, -1);

  shown = solace_text_for_display (text, -1, SOLACE_PREVIEW_CHARS, SOLACE_TEXT_DEFAULT);
  return g_markup_escape_text (shown, -1);
}

/* ---- Boundaries ---------------------------------------------------- */

static void
open_editor (SolaceBoundariesPage *self,
             SolaceBoundary       *boundary)
{
  SolaceBoundaryEditor *editor;

  if (self->store == NULL)
    return;

  editor = solace_boundary_editor_new (parent_window (self), self->store, self->db, boundary);
  gtk_window_present (GTK_WINDOW (editor));
}

static void
move_clicked_cb (GtkButton            *button,
                 SolaceBoundariesPage *self)
{
  const char *uuid = g_object_get_data (G_OBJECT (button), "uuid");
  int delta = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "delta"));

  solace_boundary_store_move (self->store, uuid, delta);
}

static void
boundary_activated_cb (AdwActionRow         *row,
                       SolaceBoundariesPage *self)
{
  SolaceBoundary *boundary = g_object_get_data (G_OBJECT (row), "boundary");

  open_editor (self, boundary);
}

static GtkWidget *
move_button (SolaceBoundariesPage *self,
             SolaceBoundary       *boundary,
             const char           *icon,
             const char           *tooltip,
             int                   delta)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon);

  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip, -1);
  g_object_set_data_full (G_OBJECT (button), "uuid", g_strdup (solace_boundary_get_uuid (boundary)), g_free);
  g_object_set_data (G_OBJECT (button), "delta", GINT_TO_POINTER (delta));
  g_signal_connect_object (button, "clicked", G_CALLBACK (move_clicked_cb), self, 0);

  return button;
}

static GtkWidget *
create_boundary_row (gpointer item,
                     gpointer user_data)
{
  SolaceBoundariesPage *self = user_data;
  SolaceBoundary *boundary = item;
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *statement = solace_boundary_dup_statement (boundary);
  g_autofree char *title = escape_or (solace_boundary_get_title (boundary), _("Untitled boundary"));
  g_autofree char *subtitle = NULL;
  g_autofree char *level = g_markup_escape_text (solace_contact_level_get_label (solace_boundary_get_contact_level (boundary)), -1);
  GtkWidget *up, *down;

  subtitle = *statement ? escape_or (statement, NULL) : g_strdup (level);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 3);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  g_object_set_data_full (G_OBJECT (row), "boundary", g_object_ref (boundary), g_object_unref);
  g_signal_connect_object (row, "activated", G_CALLBACK (boundary_activated_cb), self, 0);

  if (!solace_boundary_get_active (boundary))
    {
      GtkWidget *paused = gtk_label_new (_("Paused"));

      gtk_widget_add_css_class (paused, "dim-label");
      gtk_widget_add_css_class (paused, "caption-heading");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), paused);
    }

  up = move_button (self, boundary, "go-up-symbolic", _("Move Up"), -1);
  down = move_button (self, boundary, "go-down-symbolic", _("Move Down"), 1);
  g_object_set_data (G_OBJECT (row), "up", up);
  g_object_set_data (G_OBJECT (row), "down", down);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), up);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), down);

  return row;
}

/* The first card cannot go up, nor the last down. */
static void
update_move_buttons (SolaceBoundariesPage *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->store));

  for (guint i = 0; i < n; i++)
    {
      GtkListBoxRow *row = gtk_list_box_get_row_at_index (self->boundary_list, i);

      if (row == NULL)
        continue;
      gtk_widget_set_sensitive (g_object_get_data (G_OBJECT (row), "up"), i > 0);
      gtk_widget_set_sensitive (g_object_get_data (G_OBJECT (row), "down"), i + 1 < n);
    }
}

static void
new_boundary_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  open_editor (SOLACE_BOUNDARIES_PAGE (widget), NULL);
}

/* ---- The distance plan --------------------------------------------- */

static void
update_progress (SolaceBoundariesPage *self)
{
  g_autofree char *text = NULL;
  guint done = 0, total = 0;

  if (self->store != NULL)
    solace_boundary_store_get_progress (self->store, &done, &total);

  /* Translators: progress through the distance plan, "2 of 6 steps done". */
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u step done", "%u of %u steps done", total),
                          done, total);
  gtk_progress_bar_set_fraction (self->plan_progress, total > 0 ? (double) done / total : 0);
  gtk_progress_bar_set_text (self->plan_progress, text);
}

static void
step_toggled_cb (GtkCheckButton       *check,
                 SolaceBoundariesPage *self)
{
  SolacePlanStep *step = g_object_get_data (G_OBJECT (check), "step");
  g_autofree char *today = NULL;

  if (gtk_check_button_get_active (check))
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();
      today = g_date_time_format (now, "%Y-%m-%d");
    }

  solace_boundary_store_set_step_done (self->store, solace_plan_step_get_uuid (step), today);
}

static void
notes_applied_cb (AdwEntryRow          *row,
                  SolaceBoundariesPage *self)
{
  SolacePlanStep *step = g_object_get_data (G_OBJECT (row), "step");
  g_autoptr(GError) error = NULL;

  if (!solace_boundary_store_set_step_notes (self->store, solace_plan_step_get_uuid (step),
                                             gtk_editable_get_text (GTK_EDITABLE (row)), &error))
    solace_widget_toast (GTK_WIDGET (self), error->message);
}

static void
remove_step_cb (GtkButton            *button,
                SolaceBoundariesPage *self)
{
  SolacePlanStep *step = g_object_get_data (G_OBJECT (button), "step");

  solace_boundary_store_remove_step (self->store, solace_plan_step_get_uuid (step));
}

static char *
format_done_on (const char *iso)
{
  GDate date;
  char text[128];

  g_date_clear (&date, 1);
  g_date_set_parse (&date, iso);
  if (!g_date_valid (&date))
    return g_strdup (iso);

  /* Translators: when a step of the plan was done; see strftime(). */
  g_date_strftime (text, sizeof text, _("Done on %-d %B %Y"), &date);
  return g_strdup (text);
}

static GtkWidget *
create_step_row (gpointer item,
                 gpointer user_data)
{
  SolaceBoundariesPage *self = user_data;
  SolacePlanStep *step = item;
  GtkWidget *row = adw_expander_row_new ();
  GtkWidget *check = gtk_check_button_new ();
  GtkWidget *notes = adw_entry_row_new ();
  g_autofree char *title = escape_or (solace_plan_step_get_title (step), "");
  g_autofree char *subtitle = NULL;
  const char *done_on = solace_plan_step_get_done_on (step);

  if (done_on != NULL)
    {
      g_autofree char *text = format_done_on (done_on);
      subtitle = g_markup_escape_text (text, -1);
    }
  else
    subtitle = escape_or (solace_plan_step_get_hint (step), "");

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), subtitle);

  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), done_on != NULL);
  gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  solace_plan_step_get_title (step), -1);
  g_object_set_data_full (G_OBJECT (check), "step", g_object_ref (step), g_object_unref);
  g_signal_connect_object (check, "toggled", G_CALLBACK (step_toggled_cb), self, 0);
  adw_expander_row_add_prefix (ADW_EXPANDER_ROW (row), check);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (notes), _("Notes"));
  adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (notes), TRUE);
  solace_editable_set_max_chars (GTK_EDITABLE (notes), SOLACE_MAX_STEP_NOTES_CHARS);
  gtk_editable_set_text (GTK_EDITABLE (notes), solace_plan_step_get_notes (step));
  g_object_set_data_full (G_OBJECT (notes), "step", g_object_ref (step), g_object_unref);
  g_signal_connect_object (notes, "apply", G_CALLBACK (notes_applied_cb), self, 0);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row), notes);

  if (solace_plan_step_get_builtin (step) == NULL)
    {
      GtkWidget *remove_row = adw_action_row_new ();
      GtkWidget *button = gtk_button_new_with_label (_("Remove Step"));

      gtk_widget_add_css_class (button, "destructive-action");
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      g_object_set_data_full (G_OBJECT (button), "step", g_object_ref (step), g_object_unref);
      g_signal_connect_object (button, "clicked", G_CALLBACK (remove_step_cb), self, 0);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (remove_row), _("A step you added"));
      adw_action_row_add_suffix (ADW_ACTION_ROW (remove_row), button);
      adw_expander_row_add_row (ADW_EXPANDER_ROW (row), remove_row);
    }

  return row;
}

static void
add_step_cb (AdwEntryRow          *row,
             SolaceBoundariesPage *self)
{
  g_autoptr(GError) error = NULL;

  if (!solace_boundary_store_add_step (self->store, gtk_editable_get_text (GTK_EDITABLE (row)), &error))
    {
      solace_widget_toast (GTK_WIDGET (self), error->message);
      return;
    }

  gtk_editable_set_text (GTK_EDITABLE (row), "");
}

static void
plan_changed_cb (SolaceBoundariesPage *self)
{
  update_progress (self);
}

/* ---- The incident record ------------------------------------------- */

/* The record is its own widget; these keep the page's actions and
 * signals, which the window and the tests use, working as before. */

static void
record_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  SolaceBoundariesPage *self = SOLACE_BOUNDARIES_PAGE (widget);

  gtk_widget_activate_action_variant (GTK_WIDGET (self->incident_record), "incident-record.record", parameter);
}

static void
verify_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  SolaceBoundariesPage *self = SOLACE_BOUNDARIES_PAGE (widget);

  gtk_widget_activate_action_variant (GTK_WIDGET (self->incident_record), "incident-record.verify", parameter);
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  SolaceBoundariesPage *self = SOLACE_BOUNDARIES_PAGE (widget);

  gtk_widget_activate_action_variant (GTK_WIDGET (self->incident_record), "incident-record.export", parameter);
}

static void
incidents_loaded_cb (SolaceIncidentRecord *record,
                     SolaceBoundariesPage *self)
{
  g_signal_emit (self, signals[INCIDENTS_LOADED], 0);
}

static void
exported_cb (SolaceIncidentRecord *record,
             gboolean              ok,
             SolaceBoundariesPage *self)
{
  g_signal_emit (self, signals[EXPORTED], 0, ok);
}

/* ---- The page ------------------------------------------------------ */

static void
solace_boundaries_page_dispose (GObject *object)
{
  SolaceBoundariesPage *self = (SolaceBoundariesPage *)object;

  g_clear_object (&self->store);
  g_clear_object (&self->db);
  /* The template's root has no id: AdwBin unparents it below. */
  gtk_widget_dispose_template (GTK_WIDGET (self), SOLACE_TYPE_BOUNDARIES_PAGE);

  G_OBJECT_CLASS (solace_boundaries_page_parent_class)->dispose (object);
}

static void
solace_boundaries_page_class_init (SolaceBoundariesPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = solace_boundaries_page_dispose;

  signals[INCIDENTS_LOADED] = g_signal_new ("incidents-loaded", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                            0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[EXPORTED] = g_signal_new ("exported", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_BOOLEAN);

  g_type_ensure (SOLACE_TYPE_INCIDENT_RECORD);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/solace_app/Solace/gui/solace-boundaries-page.ui");
  gtk_widget_class_bind_template_child (widget_class, SolaceBoundariesPage, boundary_list);
  gtk_widget_class_bind_template_child (widget_class, SolaceBoundariesPage, plan_progress);
  gtk_widget_class_bind_template_child (widget_class, SolaceBoundariesPage, plan_list);
  gtk_widget_class_bind_template_child (widget_class, SolaceBoundariesPage, add_step_row);
  gtk_widget_class_bind_template_child (widget_class, SolaceBoundariesPage, incident_record);
  gtk_widget_class_bind_template_callback (widget_class, add_step_cb);
  gtk_widget_class_bind_template_callback (widget_class, incidents_loaded_cb);
  gtk_widget_class_bind_template_callback (widget_class, exported_cb);

  gtk_widget_class_install_action (widget_class, "boundaries.new", NULL, new_boundary_action);
  gtk_widget_class_install_action (widget_class, "boundaries.record", NULL, record_action);
  gtk_widget_class_install_action (widget_class, "boundaries.verify", NULL, verify_action);
  gtk_widget_class_install_action (widget_class, "boundaries.export", "s", export_action);
}

static void
solace_boundaries_page_init (SolaceBoundariesPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  solace_editable_set_max_chars (GTK_EDITABLE (self->add_step_row), SOLACE_MAX_STEP_TITLE_CHARS);

  update_progress (self);
}

void
solace_boundaries_page_set_data (SolaceBoundariesPage *self,
                                 SolaceBoundaryStore  *store,
                                 SolaceDatabase       *db)
{
  g_return_if_fail (SOLACE_IS_BOUNDARIES_PAGE (self));

  g_set_object (&self->store, store);
  g_set_object (&self->db, db);
  solace_incident_record_set_data (self->incident_record, store, db);

  if (store == NULL)
    {
      gtk_widget_set_sensitive (GTK_WIDGET (self), FALSE);
      return;
    }

  gtk_list_box_bind_model (self->boundary_list, G_LIST_MODEL (store), create_boundary_row, self, NULL);
  /* After the list box has made its rows for the change. */
  g_signal_connect_object (store, "items-changed", G_CALLBACK (update_move_buttons), self,
                           G_CONNECT_SWAPPED | G_CONNECT_AFTER);
  update_move_buttons (self);
  gtk_list_box_bind_model (self->plan_list, solace_boundary_store_get_plan (store), create_step_row, self, NULL);
  g_signal_connect_object (solace_boundary_store_get_plan (store), "items-changed",
                           G_CALLBACK (plan_changed_cb), self, G_CONNECT_SWAPPED);
  update_progress (self);
}

void
solace_boundaries_page_show_boundary (SolaceBoundariesPage *self,
                                      const char           *uuid)
{
  SolaceBoundary *boundary;

  g_return_if_fail (SOLACE_IS_BOUNDARIES_PAGE (self));

  if (self->store == NULL)
    return;

  boundary = solace_boundary_store_lookup (self->store, uuid);
  if (boundary != NULL)
    open_editor (self, boundary);
}

void
solace_boundaries_page_export (SolaceBoundariesPage *self,
                               const char           *path,
                               gboolean              pdf)
{
  g_return_if_fail (SOLACE_IS_BOUNDARIES_PAGE (self));
  g_return_if_fail (path != NULL);

  solace_incident_record_export (self->incident_record, path, pdf);
}

gboolean
solace_boundaries_page_get_loading (SolaceBoundariesPage *self)
{
  g_return_val_if_fail (SOLACE_IS_BOUNDARIES_PAGE (self), FALSE);
  return solace_incident_record_get_loading (self->incident_record);
}

GtkListBox *
solace_boundaries_page_get_boundary_list (SolaceBoundariesPage *self)
{
  g_return_val_if_fail (SOLACE_IS_BOUNDARIES_PAGE (self), NULL);
  return self->boundary_list;
}

GtkListBox *
solace_boundaries_page_get_plan_list (SolaceBoundariesPage *self)
{
  g_return_val_if_fail (SOLACE_IS_BOUNDARIES_PAGE (self), NULL);
  return self->plan_list;
}

GtkListBox *
solace_boundaries_page_get_incident_list (SolaceBoundariesPage *self)
{
  g_return_val_if_fail (SOLACE_IS_BOUNDARIES_PAGE (self), NULL);
  return solace_incident_record_get_incident_list (self->incident_record);
}

GtkProgressBar *
solace_boundaries_page_get_plan_progress (SolaceBoundariesPage *self)
{
  g_return_val_if_fail (SOLACE_IS_BOUNDARIES_PAGE (self), NULL);
  return self->plan_progress;
}

AdwEntryRow *
solace_boundaries_page_get_add_step_row (SolaceBoundariesPage *self)
{
  g_return_val_if_fail (SOLACE_IS_BOUNDARIES_PAGE (self), NULL);
  return self->add_step_row;
}

GtkLabel *
solace_boundaries_page_get_check_label (SolaceBoundariesPage *self)
{
  g_return_val_if_fail (SOLACE_IS_BOUNDARIES_PAGE (self), NULL);
  return solace_incident_record_get_check_label (self->incident_record);
}
