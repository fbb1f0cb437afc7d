/* test-boundaries-ui.c — the Boundaries tab, driven as a person would
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <fcntl.h>
#include <glib/gstdio.h>
#include <unistd.h>

#include "solace-application.h"
#include "solace-boundaries-page.h"
#include "solace-boundary-editor.h"
#include "solace-incident-dialog.h"
#include "solace-incident-dialog-private.h"
#include "solace-incident-record.h"
#include "solace-limits.h"
#include "solace-long-text.h"
#include "solace-test-app.h"
#include "solace-widgets.h"
#include "solace-test-utils.h"
#include "solace-utils.h"
#include "solace-window.h"

/* @text without the isolates (U+2068 … U+2069) that keep what a person
 * wrote from reordering what is beside it: they show as nothing. */
static char *
without_isolates (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p; p = g_utf8_next_char (p))
    if (g_utf8_get_char (p) != 0x2068 && g_utf8_get_char (p) != 0x2069)
      g_string_append_unichar (out, g_utf8_get_char (p));

  return g_string_free (out, FALSE);
}

/* A row's title as it reads on screen. */
static char *
row_title (GtkListBoxRow *row)
{
  return without_isolates (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)));
}

typedef struct {
  SolaceApplication *app;
  GtkWindow         *window;
  char              *path;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  solace_test_app_reset ();
  f->path = g_build_filename (g_get_user_data_dir (), "solace", "solace.db", NULL);
  f->app = solace_test_app_start (FALSE, &f->window);
  solace_window_show_page (SOLACE_WINDOW (f->window), "boundaries");
  solace_test_spin (50);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  /* Dialogs a test left open. */
  for (guint i = g_list_model_get_n_items (toplevels); i > 0; i--)
    {
      g_autoptr(GtkWindow) w = g_list_model_get_item (toplevels, i - 1);
      if (w != f->window && gtk_window_get_application (w) == NULL)
        gtk_window_destroy (w);
    }
  solace_test_app_stop (&f->app, &f->window);
  g_free (f->path);
}

static SolaceBoundariesPage *
page (Fixture *f)
{
  return solace_window_get_boundaries_page (SOLACE_WINDOW (f->window));
}

static void
flush (Fixture *f)
{
  solace_boundary_store_flush (solace_application_get_boundaries (f->app));
  solace_test_spin (50);
}

static char *
run_upcoming (void)
{
  const char *argv[] = { g_getenv ("SOLACE_APP_PROGRAM"), "--upcoming", "20", NULL };
  g_autoptr(GError) error = NULL;
  char *out = NULL;
  int status;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL,
                               NULL, NULL, &out, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return out;
}

static void
type_into (AdwEntryRow *row,
           const char  *text)
{
  gtk_editable_set_text (GTK_EDITABLE (row), text);
}

static SolaceBoundaryEditor *
new_boundary (Fixture *f)
{
  SolaceBoundaryEditor *editor;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page (f)), "boundaries.new", NULL));
  solace_test_spin (50);
  editor = solace_test_find_window (SOLACE_TYPE_BOUNDARY_EDITOR, TRUE);
  g_assert_nonnull (editor);
  return editor;
}

static void
test_create_with_builder_and_reminder (Fixture       *f,
                                       gconstpointer  data)
{
  SolaceBoundaryEditor *editor = new_boundary (f);
  SolaceReminderRow *reminder;
  g_autofree char *upcoming = NULL;
  g_autofree char *title = NULL;
  GtkListBoxRow *row;

  /* Empty: the row explains what a boundary is. */
  g_assert_cmpuint (solace_test_n_rows (solace_boundaries_page_get_boundary_list (page (f))), ==, 0);

  type_into (solace_boundary_editor_get_title_row (editor), "Late nights");
  type_into (solace_boundary_editor_get_part_row (editor, SOLACE_STATEMENT_FEELING), "unsettled");
  g_assert_cmpstr (solace_boundary_editor_get_preview (editor), ==, "I feel unsettled.");
  type_into (solace_boundary_editor_get_part_row (editor, SOLACE_STATEMENT_SITUATION), "you message me after midnight");
  type_into (solace_boundary_editor_get_part_row (editor, SOLACE_STATEMENT_ACTION), "not reply");
  type_into (solace_boundary_editor_get_part_row (editor, SOLACE_STATEMENT_CONDITION), "it happens again");
  /* The whole sentence, as it will read. */
  g_assert_cmpstr (solace_boundary_editor_get_preview (editor), ==,
                   "I feel unsettled when you message me after midnight. I will not reply if it happens again.");
  adw_combo_row_set_selected (solace_boundary_editor_get_contact_row (editor), SOLACE_CONTACT_BRIEF);

  /* Its reminder: every day at 09:00 unless changed. */
  reminder = solace_boundary_editor_get_reminder_row (editor);
  adw_expander_row_set_enable_expansion (ADW_EXPANDER_ROW (reminder), TRUE);
  solace_test_spin (500);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL));
  solace_test_spin (50);
  g_assert_null (solace_test_find_window (SOLACE_TYPE_BOUNDARY_EDITOR, TRUE));
  flush (f);

  g_assert_cmpuint (solace_test_n_rows (solace_boundaries_page_get_boundary_list (page (f))), ==, 1);
  row = gtk_list_box_get_row_at_index (solace_boundaries_page_get_boundary_list (page (f)), 0);
  {
    g_autofree char *shown = row_title (GTK_LIST_BOX_ROW (row));
    g_assert_cmpstr (shown, ==, "Late nights");
  }
  title = solace_test_query_text (f->path, "SELECT title || '|' || contact_level || '|' || action FROM boundary");
  g_assert_cmpstr (title, ==, "Late nights|brief|not reply");

  /* The reminder service's view: the boundary is among what comes. */
  upcoming = run_upcoming ();
  g_assert_nonnull (strstr (upcoming, "T09:00:00"));
  g_assert_nonnull (strstr (upcoming, "\tboundary\tA boundary you set\n"));
  /* Printed to a terminal, it does not say what the person wrote. */
  g_assert_null (strstr (upcoming, "Late nights"));
}

static void
test_edit_pause_and_empty_title (Fixture       *f,
                                 gconstpointer  data)
{
  SolaceBoundaryEditor *editor = new_boundary (f);
  SolaceBoundaryStore *store = solace_application_get_boundaries (f->app);
  g_autoptr(SolaceBoundary) saved = NULL;
  g_autofree char *upcoming = NULL;

  /* No title: refused, the editor stays open with everything in it. */
  type_into (solace_boundary_editor_get_part_row (editor, SOLACE_STATEMENT_FEELING), "tired");
  type_into (solace_boundary_editor_get_part_row (editor, SOLACE_STATEMENT_SITUATION), "plans change at the last minute");
  type_into (solace_boundary_editor_get_part_row (editor, SOLACE_STATEMENT_ACTION), "keep my own plans");
  adw_combo_row_set_selected (solace_boundary_editor_get_contact_row (editor), SOLACE_CONTACT_BRIEF);
  adw_expander_row_set_enable_expansion (ADW_EXPANDER_ROW (solace_boundary_editor_get_reminder_row (editor)), TRUE);
  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL);
  solace_test_spin (50);
  g_assert_true (solace_test_find_window (SOLACE_TYPE_BOUNDARY_EDITOR, TRUE) == editor);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 0);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (solace_boundary_editor_get_part_row (editor, SOLACE_STATEMENT_FEELING))), ==, "tired");

  type_into (solace_boundary_editor_get_title_row (editor), "  Weekends  ");
  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL);
  flush (f);
  saved = g_list_model_get_item (G_LIST_MODEL (store), 0);
  g_assert_cmpstr (solace_boundary_get_title (saved), ==, "Weekends");
  /* Active, with its reminder on: the service will show it. */
  {
    g_autofree char *before = run_upcoming ();
    g_assert_nonnull (strstr (before, "\tboundary\t"));
  }

  /* Opened again (as its notification would), then paused. */
  solace_window_show_boundary (SOLACE_WINDOW (f->window), solace_boundary_get_uuid (saved));
  solace_test_spin (50);
  editor = solace_test_find_window (SOLACE_TYPE_BOUNDARY_EDITOR, TRUE);
  g_assert_nonnull (editor);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (solace_boundary_editor_get_title_row (editor))), ==, "Weekends");
  /* Every part comes back as it was written, and the sentence with it. */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (solace_boundary_editor_get_part_row (editor, SOLACE_STATEMENT_FEELING))), ==, "tired");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (solace_boundary_editor_get_part_row (editor, SOLACE_STATEMENT_SITUATION))), ==, "plans change at the last minute");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (solace_boundary_editor_get_part_row (editor, SOLACE_STATEMENT_ACTION))), ==, "keep my own plans");
  g_assert_cmpstr (solace_boundary_editor_get_preview (editor), ==,
                   "I feel tired when plans change at the last minute. I will keep my own plans.");
  g_assert_cmpint (adw_combo_row_get_selected (solace_boundary_editor_get_contact_row (editor)), ==, SOLACE_CONTACT_BRIEF);
  gtk_switch_set_active (solace_boundary_editor_get_active_switch (editor), FALSE);
  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL);
  flush (f);

  g_assert_cmpint (solace_test_query_int (f->path, "SELECT active FROM boundary"), ==, 0);
  /* Paused: the service has nothing of it to show. */
  upcoming = run_upcoming ();
  g_assert_null (strstr (upcoming, "\tboundary\t"));
}

static void
click_suffix_button (GtkListBoxRow *row,
                     const char    *tooltip)
{
  GtkWidget *w = GTK_WIDGET (row);

  /* Depth first through the row for the button with that tooltip. */
  for (GtkWidget *child = gtk_widget_get_first_child (w); child != NULL; )
    {
      if (GTK_IS_BUTTON (child) && g_strcmp0 (gtk_widget_get_tooltip_text (child), tooltip) == 0)
        {
          g_signal_emit_by_name (child, "clicked");
          return;
        }
      if (gtk_widget_get_first_child (child) != NULL)
        child = gtk_widget_get_first_child (child);
      else
        {
          while (child != w && gtk_widget_get_next_sibling (child) == NULL)
            child = gtk_widget_get_parent (child);
          child = child == w ? NULL : gtk_widget_get_next_sibling (child);
        }
    }
  g_assert_not_reached ();
}

static void
test_reorder_and_delete (Fixture       *f,
                         gconstpointer  data)
{
  const char *titles[] = { "First", "Second", "Third" };
  GtkListBox *list = solace_boundaries_page_get_boundary_list (page (f));
  SolaceBoundaryEditor *editor;
  AdwMessageDialog *confirm;
  g_autofree char *order = NULL;
  g_autofree char *after = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (titles); i++)
    {
      editor = new_boundary (f);
      type_into (solace_boundary_editor_get_title_row (editor), titles[i]);
      gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL);
      solace_test_spin (20);
    }
  flush (f);
  g_assert_cmpuint (solace_test_n_rows (list), ==, 3);

  /* The ends cannot move past the ends. */
  g_assert_false (gtk_widget_get_sensitive (g_object_get_data (G_OBJECT (gtk_list_box_get_row_at_index (list, 0)), "up")));
  g_assert_true (gtk_widget_get_sensitive (g_object_get_data (G_OBJECT (gtk_list_box_get_row_at_index (list, 0)), "down")));
  g_assert_false (gtk_widget_get_sensitive (g_object_get_data (G_OBJECT (gtk_list_box_get_row_at_index (list, 2)), "down")));

  /* "First" down one. */
  click_suffix_button (gtk_list_box_get_row_at_index (list, 0), "Move Down");
  flush (f);
  order = solace_test_query_text (f->path, "SELECT group_concat (title, ',') FROM (SELECT title FROM boundary ORDER BY position)");
  g_assert_cmpstr (order, ==, "Second,First,Third");
  {
    g_autofree char *shown = row_title (gtk_list_box_get_row_at_index (list, 1));
    g_assert_cmpstr (shown, ==, "First");
  }
  g_assert_false (gtk_widget_get_sensitive (g_object_get_data (G_OBJECT (gtk_list_box_get_row_at_index (list, 0)), "up")));
  g_assert_true (gtk_widget_get_sensitive (g_object_get_data (G_OBJECT (gtk_list_box_get_row_at_index (list, 1)), "up")));

  /* Deleted from its editor, after saying yes. */
  g_signal_emit_by_name (gtk_list_box_get_row_at_index (list, 0), "activated");
  solace_test_spin (50);
  editor = solace_test_find_window (SOLACE_TYPE_BOUNDARY_EDITOR, TRUE);
  g_assert_nonnull (editor);
  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.delete", NULL);
  solace_test_spin (50);
  confirm = solace_test_find_window (ADW_TYPE_MESSAGE_DIALOG, TRUE);
  g_assert_nonnull (confirm);
  adw_message_dialog_response (confirm, "delete");
  flush (f);
  after = solace_test_query_text (f->path, "SELECT group_concat (title, ',') FROM (SELECT title FROM boundary ORDER BY position)");
  g_assert_cmpstr (after, ==, "First,Third");
  g_assert_cmpuint (solace_test_n_rows (list), ==, 2);
}

static void
test_plan (Fixture       *f,
           gconstpointer  data)
{
  GtkListBox *list = solace_boundaries_page_get_plan_list (page (f));
  GtkProgressBar *progress = solace_boundaries_page_get_plan_progress (page (f));
  AdwEntryRow *add = solace_boundaries_page_get_add_step_row (page (f));
  GtkCheckButton *check;

  g_assert_cmpuint (solace_test_n_rows (list), ==, 6);
  g_assert_cmpstr (gtk_progress_bar_get_text (progress), ==, "0 of 6 steps done");

  check = GTK_CHECK_BUTTON (solace_test_find_widget (GTK_WIDGET (gtk_list_box_get_row_at_index (list, 0)),
                                                     GTK_TYPE_CHECK_BUTTON, NULL));
  g_assert_nonnull (check);
  gtk_check_button_set_active (check, TRUE);
  flush (f);
  g_assert_cmpstr (gtk_progress_bar_get_text (progress), ==, "1 of 6 steps done");
  g_assert_cmpfloat_with_epsilon (gtk_progress_bar_get_fraction (progress), 1.0 / 6, 0.001);
  g_assert_cmpint (solace_test_query_int (f->path, "SELECT count(*) FROM plan_step WHERE done_on = date ('now', 'localtime')"), ==, 1);

  /* A step of one's own; an empty one is refused. */
  gtk_editable_set_text (GTK_EDITABLE (add), "Archive our chat");
  g_signal_emit_by_name (add, "apply");
  gtk_editable_set_text (GTK_EDITABLE (add), "   ");
  g_signal_emit_by_name (add, "apply");
  flush (f);
  g_assert_cmpuint (solace_test_n_rows (list), ==, 7);
  g_assert_cmpstr (gtk_progress_bar_get_text (progress), ==, "1 of 7 steps done");
  g_assert_cmpint (solace_test_query_int (f->path, "SELECT count(*) FROM plan_step WHERE title = 'Archive our chat'"), ==, 1);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (add)), ==, "   ");
}

/* Whether a label under @widget displays exactly @text. */
static gboolean
shows_text (GtkWidget  *widget,
            const char *text)
{
  if (GTK_IS_LABEL (widget))
    {
      g_autofree char *shown = without_isolates (gtk_label_get_text (GTK_LABEL (widget)));
      if (g_strcmp0 (shown, text) == 0)
        return TRUE;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (shows_text (child, text))
      return TRUE;

  return FALSE;
}

static gboolean
incidents_loaded (gpointer data)
{
  return !solace_boundaries_page_get_loading (data);
}

static void
set_text (GtkTextView *view,
          const char  *text)
{
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (view), text, -1);
}

static SolaceIncidentDialog *
wait_dialog (void)
{
  SolaceIncidentDialog *dialog;

  solace_test_spin (50);
  dialog = solace_test_find_window (SOLACE_TYPE_INCIDENT_DIALOG, TRUE);
  g_assert_nonnull (dialog);
  return dialog;
}

static gboolean
dialog_gone (gpointer data)
{
  return solace_test_find_window (SOLACE_TYPE_INCIDENT_DIALOG, TRUE) == NULL;
}

static void
test_record_correct_verify (Fixture       *f,
                            gconstpointer  data)
{
  GtkListBox *list = solace_boundaries_page_get_incident_list (page (f));
  GtkLabel *check = solace_boundaries_page_get_check_label (page (f));
  SolaceIncidentDialog *dialog;
  AdwMessageDialog *details;
  GtkListBoxRow *row;
  g_autofree char *original = NULL;

  g_assert_true (solace_test_wait_until (incidents_loaded, page (f), 5000));
  g_assert_cmpuint (solace_test_n_rows (list), ==, 0);

  /* Ten days without contact so far. */
  {
    g_autoptr(GDate) start = g_date_new ();
    g_date_set_time_t (start, time (NULL));
    g_date_subtract_days (start, 9);
    g_assert_true (solace_database_set_stretch_start (solace_application_get_database (f->app), start, NULL));
  }

  gtk_widget_activate_action (GTK_WIDGET (page (f)), "boundaries.record", NULL);
  dialog = wait_dialog ();
  /* Saved with nothing written: refused, still open. */
  gtk_widget_activate_action (GTK_WIDGET (dialog), "incident.save", NULL);
  solace_test_spin (300);
  g_assert_true (solace_test_find_window (SOLACE_TYPE_INCIDENT_DIALOG, TRUE) == dialog);

  adw_combo_row_set_selected (solace_incident_dialog_get_channel_row (dialog), SOLACE_CHANNEL_CALL);
  set_text (solace_incident_dialog_get_what_view (dialog), "Two calls from a blocked number, <b>10 minutes</b> apart.");
  set_text (solace_incident_dialog_get_response_view (dialog), "Did not pick up.");
  solace_time_row_set_minutes (solace_incident_dialog_get_time_row (dialog), 0);
  gtk_widget_activate_action (GTK_WIDGET (dialog), "incident.save", NULL);
  g_assert_true (solace_test_wait_until (dialog_gone, NULL, 5000));
  g_assert_true (solace_test_wait_until (incidents_loaded, page (f), 5000));
  g_assert_cmpuint (solace_test_n_rows (list), ==, 1);
  g_assert_cmpint (solace_test_query_int (f->path, "SELECT count(*) FROM incident WHERE channel = 'call'"), ==, 1);

  /* Open it; add a correction, which starts from what it corrects. */
  row = gtk_list_box_get_row_at_index (list, 0);
  /* Shown as written: the tags are text, not bold. */
  g_assert_true (shows_text (GTK_WIDGET (row), "Two calls from a blocked number, <b>10 minutes</b> apart."));
  g_signal_emit_by_name (row, "activated");
  solace_test_spin (50);
  details = solace_test_find_window (ADW_TYPE_MESSAGE_DIALOG, TRUE);
  g_assert_nonnull (details);
  adw_message_dialog_response (details, "correct");
  dialog = wait_dialog ();
  g_assert_cmpint (adw_combo_row_get_selected (solace_incident_dialog_get_channel_row (dialog)), ==, SOLACE_CHANNEL_CALL);
  set_text (solace_incident_dialog_get_what_view (dialog), "Three calls, not two.");
  gtk_widget_activate_action (GTK_WIDGET (dialog), "incident.save", NULL);
  g_assert_true (solace_test_wait_until (dialog_gone, NULL, 5000));
  g_assert_true (solace_test_wait_until (incidents_loaded, page (f), 5000));

  /* The correction sits right under the original, which is unchanged. */
  g_assert_cmpuint (solace_test_n_rows (list), ==, 2);
  g_assert_true (g_str_has_prefix (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (gtk_list_box_get_row_at_index (list, 0))), "1 · "));
  g_assert_true (g_str_has_prefix (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (gtk_list_box_get_row_at_index (list, 1))), "2 · "));
  original = solace_test_query_text (f->path, "SELECT what FROM incident WHERE id = 1");
  g_assert_cmpstr (original, ==, "Two calls from a blocked number, <b>10 minutes</b> apart.");
  g_assert_cmpint (solace_test_query_int (f->path,
                                          "SELECT count(*) FROM incident c JOIN incident o ON c.corrects_uuid = o.uuid WHERE o.id = 1"), ==, 1);

  /* Their contacting you is not you breaking no contact: still day 10. */
  {
    g_autoptr(GDate) start = solace_database_get_stretch_start (solace_application_get_database (f->app), NULL);
    g_autoptr(GDate) today = g_date_new ();
    g_date_set_time_t (today, time (NULL));
    g_assert_nonnull (start);
    g_assert_cmpint (solace_no_contact_day (start, today), ==, 10);
    g_assert_cmpint (solace_test_query_int (f->path, "SELECT count(*) FROM stretch"), ==, 1);
  }

  /* Verify: intact, then changed behind Solace's back. */
  gtk_widget_activate_action (GTK_WIDGET (page (f)), "boundaries.verify", NULL);
  solace_test_spin (300);
  g_assert_true (g_str_has_prefix (gtk_label_get_text (check), "Intact: all 2 records"));
  solace_test_exec (f->path, "DROP TRIGGER incident_no_update; UPDATE incident SET response = 'Picked up.' WHERE id = 1");
  gtk_widget_activate_action (GTK_WIDGET (page (f)), "boundaries.verify", NULL);
  solace_test_spin (300);
  g_assert_true (g_str_has_prefix (gtk_label_get_text (check), "Not intact: record 1 "));
}

static void
exported_cb (SolaceBoundariesPage *p,
             gboolean              ok,
             int                  *result)
{
  *result = ok ? 1 : 2;
}

static gboolean
is_set (gpointer data)
{
  return *(int *) data != 0;
}

static void
test_future_refused_and_export (Fixture       *f,
                                gconstpointer  data)
{
  SolaceIncidentDialog *dialog;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) tomorrow = g_date_time_add_days (now, 1);
  GtkCalendar *calendar;
  g_autofree char *pdf = g_build_filename (g_get_user_data_dir (), "record.pdf", NULL);
  g_autofree char *csv = g_build_filename (g_get_user_data_dir (), "record.csv", NULL);
  g_autofree char *csv_text = NULL;
  g_autofree char *pdf_text = NULL;
  int result = 0;

  gtk_widget_activate_action (GTK_WIDGET (page (f)), "boundaries.record", NULL);
  dialog = wait_dialog ();
  set_text (solace_incident_dialog_get_what_view (dialog), "=cmd|' /C calc'!A0 and a message at the door");

  /* Tomorrow: refused with a message; nothing recorded, nothing lost. */
  calendar = GTK_CALENDAR (solace_test_find_widget (GTK_WIDGET (dialog), GTK_TYPE_CALENDAR, NULL));
  g_assert_nonnull (calendar);
  gtk_calendar_select_day (calendar, tomorrow);
  g_signal_emit_by_name (calendar, "day-selected");
  gtk_widget_activate_action (GTK_WIDGET (dialog), "incident.save", NULL);
  solace_test_spin (400);
  g_assert_true (solace_test_find_window (SOLACE_TYPE_INCIDENT_DIALOG, TRUE) == dialog);
  g_assert_cmpint (solace_test_query_int (f->path, "SELECT count(*) FROM incident"), ==, 0);

  /* Today, early morning: recorded. */
  gtk_calendar_select_day (calendar, now);
  g_signal_emit_by_name (calendar, "day-selected");
  solace_time_row_set_minutes (solace_incident_dialog_get_time_row (dialog), 0);
  gtk_widget_activate_action (GTK_WIDGET (dialog), "incident.save", NULL);
  g_assert_true (solace_test_wait_until (dialog_gone, NULL, 5000));
  g_assert_cmpint (solace_test_query_int (f->path, "SELECT count(*) FROM incident"), ==, 1);

  /* Both reports, as the export buttons make them. */
  g_signal_connect (page (f), "exported", G_CALLBACK (exported_cb), &result);
  solace_boundaries_page_export (page (f), csv, FALSE);
  g_assert_true (solace_test_wait_until (is_set, &result, 10000));
  g_assert_cmpint (result, ==, 1);
  g_assert_true (g_file_get_contents (csv, &csv_text, NULL, NULL));
  /* Neutralised for spreadsheets. */
  g_assert_nonnull (strstr (csv_text, "\"'=cmd|' /C calc'!A0 and a message at the door\""));

  result = 0;
  solace_boundaries_page_export (page (f), pdf, TRUE);
  g_assert_true (solace_test_wait_until (is_set, &result, 10000));
  g_assert_cmpint (result, ==, 1);
  {
    const char *argv[] = { "pdftotext", pdf, "-", NULL };
    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                                 NULL, NULL, &pdf_text, NULL, NULL, NULL));
  }
  g_assert_nonnull (strstr (pdf_text, "a message at the door"));
  g_assert_nonnull (strstr (pdf_text, "Intact"));

  /* A folder that is not there: a clear failure, nothing else. */
  result = 0;
  {
    g_autofree char *bad = g_build_filename (g_get_user_data_dir (), "missing", "record.csv", NULL);
    solace_boundaries_page_export (page (f), bad, FALSE);
    g_assert_true (solace_test_wait_until (is_set, &result, 10000));
    g_assert_cmpint (result, ==, 2);
  }
  g_unlink (pdf);
  g_unlink (csv);
}

/* The longest text any label under @widget holds, in characters. */
static glong
longest_label (GtkWidget *widget)
{
  glong longest = 0;

  if (GTK_IS_LABEL (widget))
    longest = g_utf8_strlen (gtk_label_get_text (GTK_LABEL (widget)), -1);

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    longest = MAX (longest, longest_label (child));

  return longest;
}

typedef struct
{
  GtkWidget *widget;     /* painted once this is mapped */
  gint64     painted;
} PaintWait;

static void
after_paint_cb (GdkFrameClock *clock,
                PaintWait     *wait)
{
  if (wait->painted == 0 && wait->widget != NULL && gtk_widget_get_mapped (wait->widget))
    wait->painted = g_get_monotonic_time ();
}

static void
listed_paint_cb (SolaceBoundariesPage *p,
                 PaintWait            *wait)
{
  GtkListBoxRow *row = gtk_list_box_get_row_at_index (solace_boundaries_page_get_incident_list (p), 0);

  wait->widget = row != NULL ? GTK_WIDGET (row) : NULL;
}

static gboolean
painted (gpointer data)
{
  return ((PaintWait *) data)->painted != 0;
}

/* A record as long as one can be, in one unbroken run, with an override
 * at its start: its row shows a short preview that reorders nothing, the
 * page paints at once, and the full text opens where it is laid out a
 * piece at a time. */
static void
test_long_incident (Fixture       *f,
                    gconstpointer  data)
{
  GtkListBox *list = solace_boundaries_page_get_incident_list (page (f));
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (f->window));
  g_autoptr(GString) what = g_string_new ("\u202Eevil ");
  g_autofree char *stored = NULL;
  g_autofree char *subtitle = NULL;
  SolaceIncidentDialog *dialog;
  AdwMessageDialog *details;
  GtkListBoxRow *row;
  GtkTextView *view;
  PaintWait wait = { 0 };
  gulong listed, paint;
  gint64 saved;

  g_assert_true (solace_test_wait_until (incidents_loaded, page (f), 5000));
  while (g_utf8_strlen (what->str, -1) < 60000)
    g_string_append_printf (what, "x%05u", (guint) what->len);

  gtk_widget_activate_action (GTK_WIDGET (page (f)), "boundaries.record", NULL);
  dialog = wait_dialog ();
  solace_long_text_set_text (solace_incident_dialog_get_what_view (dialog), what->str);
  solace_time_row_set_minutes (solace_incident_dialog_get_time_row (dialog), 0);

  /* From saving to the new row on screen. */
  g_assert_nonnull (clock);
  listed = g_signal_connect (page (f), "incidents-loaded", G_CALLBACK (listed_paint_cb), &wait);
  paint = g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), &wait);
  saved = g_get_monotonic_time ();
  gtk_widget_activate_action (GTK_WIDGET (dialog), "incident.save", NULL);
  g_assert_true (solace_test_wait_until (painted, &wait, 30000));
  g_signal_handler_disconnect (page (f), listed);
  g_signal_handler_disconnect (clock, paint);
  g_test_message ("saved to painted: %.0f ms", (wait.painted - saved) / 1000.0);
  g_assert_cmpint (wait.painted - saved, <, 2 * G_USEC_PER_SEC);

  stored = solace_test_query_text (f->path, "SELECT what FROM incident");
  g_assert_cmpstr (stored, ==, what->str);

  /* A preview: bounded, cut at a character, isolated, and the override
   * closed inside it. */
  g_assert_cmpuint (solace_test_n_rows (list), ==, 1);
  row = gtk_list_box_get_row_at_index (list, 0);
  subtitle = g_strdup (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)));
  g_assert_cmpint (g_utf8_strlen (subtitle, -1), <=, SOLACE_PREVIEW_CHARS + 4);
  g_assert_true (g_str_has_prefix (subtitle, "\u2068\u202Eevil x"));
  g_assert_true (g_str_has_suffix (subtitle, "\u202C…\u2069"));
  g_assert_cmpint (longest_label (GTK_WIDGET (row)), <=, SOLACE_PREVIEW_CHARS + 4);

  /* Opened: the whole text, in a view that lays it out in pieces; the
   * dialog's own labels stay short. */
  g_signal_emit_by_name (row, "activated");
  solace_test_spin (50);
  details = solace_test_find_window (ADW_TYPE_MESSAGE_DIALOG, TRUE);
  g_assert_nonnull (details);
  g_assert_cmpint (longest_label (GTK_WIDGET (details)), <=, SOLACE_PREVIEW_CHARS + 400);
  view = GTK_TEXT_VIEW (solace_test_find_widget (GTK_WIDGET (details), GTK_TYPE_TEXT_VIEW, NULL));
  g_assert_nonnull (view);
  g_assert_false (gtk_text_view_get_editable (view));
  {
    g_autofree char *shown = solace_long_text_get_text (view);
    g_assert_cmpstr (shown, ==, what->str);
  }
  adw_message_dialog_response (details, "close");
  solace_test_spin (50);
}

/* A noncharacter used to stop the PDF where it stood, and the page said
 * "Record exported" all the same: now every record and every hash is in
 * it, and the export says it worked only when it did. */
static void
test_export_unlayoutable (Fixture       *f,
                          gconstpointer  data)
{
  static const char *texts[] = {
    "first \uFFFE\uFFFF\uFDD0\U0010FFFF\x01\x7f a\u0301\u0302\u0303 \u202Eevil end1",
    "second record, after the characters cairo refuses end2",
  };
  g_autofree char *pdf = g_build_filename (g_get_user_data_dir (), "hostile.pdf", NULL);
  g_autofree char *pdf_text = NULL;
  g_autoptr(GString) flat = g_string_new (NULL);
  int result = 0;

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      SolaceIncidentDialog *dialog;

      gtk_widget_activate_action (GTK_WIDGET (page (f)), "boundaries.record", NULL);
      dialog = wait_dialog ();
      set_text (solace_incident_dialog_get_what_view (dialog), texts[i]);
      solace_time_row_set_minutes (solace_incident_dialog_get_time_row (dialog), 0);
      gtk_widget_activate_action (GTK_WIDGET (dialog), "incident.save", NULL);
      g_assert_true (solace_test_wait_until (dialog_gone, NULL, 5000));
    }
  g_assert_cmpint (solace_test_query_int (f->path, "SELECT count(*) FROM incident"), ==, 2);

  g_signal_connect (page (f), "exported", G_CALLBACK (exported_cb), &result);
  solace_boundaries_page_export (page (f), pdf, TRUE);
  g_assert_true (solace_test_wait_until (is_set, &result, 20000));
  g_assert_cmpint (result, ==, 1);
  {
    const char *argv[] = { "pdftotext", "-enc", "UTF-8", pdf, "-", NULL };
    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                                 NULL, NULL, &pdf_text, NULL, NULL, NULL));
  }
  /* Spaces out: pdftotext guesses them from the gaps between letters. */
  for (const char *p = pdf_text; *p; p++)
    if (*p != '\n' && *p != ' ')
      g_string_append_c (flat, *p);
  g_assert_nonnull (strstr (flat->str, "first<U+FFFE><U+FFFF><U+FDD0><U+10FFFF><U+0001><U+007F>a"));
  g_assert_nonnull (strstr (flat->str, "<U+202E>evilend1"));
  g_assert_nonnull (strstr (flat->str, "secondrecord,afterthecharacterscairorefusesend2"));
  for (gint64 id = 1; id <= 2; id++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT hash FROM incident WHERE id = %" G_GINT64_FORMAT, id);
      g_autofree char *hash = solace_test_query_text (f->path, sql);
      g_assert_nonnull (strstr (flat->str, hash));
    }
  g_unlink (pdf);
}

/* The text of every text view under @widget, in order, each followed
 * by "|". */
static void
collect_text_views (GtkWidget *widget,
                    GString   *out)
{
  if (GTK_IS_TEXT_VIEW (widget))
    {
      g_autofree char *text = solace_long_text_get_text (GTK_TEXT_VIEW (widget));
      g_string_append_printf (out, "%s|", text);
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_text_views (child, out);
}

/* A 1×1 PNG. */
static const guint8 tiny_png[] = {
  0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52,
  0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1f, 0x15, 0xc4,
  0x89, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9c, 0x63, 0xf8, 0xcf, 0xc0, 0xf0,
  0x1f, 0x00, 0x05, 0x00, 0x01, 0xff, 0x89, 0x99, 0x3d, 0x1d, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45,
  0x4e, 0x44, 0xae, 0x42, 0x60, 0x82,
};

#define BIG_BYTES (20 * 1024 * 1024)

/* One byte of the second file changed where Solace keeps it, past the
 * trigger that refuses any change. */
#define TAMPER_ATTACHMENT_SQL \
  "DROP TRIGGER IF EXISTS incident_attachment_no_update; " \
  "UPDATE incident_attachment SET data = CAST('changed' AS BLOB) || substr(data, 8) WHERE name = 'recording.bin'"

typedef struct
{
  GtkListBox *list;
  guint       n;
} RowsWait;

static gboolean
has_rows (gpointer data)
{
  RowsWait *wait = data;

  return solace_test_n_rows (wait->list) == wait->n;
}

static void
wait_rows (GtkListBox *list,
           guint       n)
{
  RowsWait wait = { list, n };

  g_assert_true (solace_test_wait_until (has_rows, &wait, 5000));
}

static SolaceIncidentRecord *
incident_record (Fixture *f)
{
  GtkWidget *record = solace_test_find_widget (GTK_WIDGET (page (f)), SOLACE_TYPE_INCIDENT_RECORD, NULL);

  g_assert_nonnull (record);
  return SOLACE_INCIDENT_RECORD (record);
}

static AdwToastOverlay *
dialog_toasts (SolaceIncidentDialog *dialog)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (solace_incident_dialog_get_what_view (dialog)),
                                                ADW_TYPE_TOAST_OVERLAY);

  g_assert_nonnull (overlay);
  return ADW_TOAST_OVERLAY (overlay);
}

/* The newest toast's text over @overlay, or NULL. */
static const char *
last_toast (AdwToastOverlay *overlay)
{
  GPtrArray *toasts = g_object_get_data (G_OBJECT (overlay), "solace-toasts");

  if (toasts == NULL || toasts->len == 0)
    return NULL;
  return adw_toast_get_title (g_ptr_array_index (toasts, toasts->len - 1));
}

typedef struct
{
  AdwToastOverlay *overlay;
  guint            n;
} ToastWait;

static gboolean
has_toasts (gpointer data)
{
  ToastWait *wait = data;

  return solace_toast_overlay_get_n_toasts (wait->overlay) >= wait->n;
}

static char *
clipboard_text (GtkWidget *widget)
{
  GdkContentProvider *content = gdk_clipboard_get_content (gtk_widget_get_clipboard (widget));
  g_auto(GValue) value = G_VALUE_INIT;
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (content);
  g_value_init (&value, G_TYPE_STRING);
  g_assert_true (gdk_content_provider_get_value (content, &value, &error));
  g_assert_no_error (error);
  return g_value_dup_string (&value);
}

static GtkWidget *
find_button (GtkWidget *root)
{
  return solace_test_find_widget (root, GTK_TYPE_BUTTON, NULL);
}

/* A record with a sender, a witness, a reference and two files: the
 * rows before saving, the database after, the details, the chain's
 * head and what Copy copies; then one file's bytes changed behind
 * Solace's back, which Verify names. */
static void
test_attachments (Fixture       *f,
                  gconstpointer  data)
{
  GtkListBox *list = solace_boundaries_page_get_incident_list (page (f));
  GtkLabel *check = solace_boundaries_page_get_check_label (page (f));
  g_autofree char *png_path = g_build_filename (g_get_user_data_dir (), "screenshot.png", NULL);
  g_autofree char *big_path = g_build_filename (g_get_user_data_dir (), "recording.bin", NULL);
  g_autofree char *extra_path = g_build_filename (g_get_user_data_dir (), "wrong one.txt", NULL);
  g_autofree char *huge_path = g_build_filename (g_get_user_data_dir (), "huge.bin", NULL);
  g_autofree guint8 *big = g_malloc (BIG_BYTES);
  g_autofree char *png_sum = g_compute_checksum_for_data (G_CHECKSUM_SHA256, tiny_png, sizeof tiny_png);
  g_autofree char *big_sum = NULL;
  g_autofree char *hash = NULL;
  g_autofree char *stored = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *copied = NULL;
  g_autoptr(GFile) png = g_file_new_for_path (png_path);
  g_autoptr(GFile) big_file = g_file_new_for_path (big_path);
  g_autoptr(GFile) extra = g_file_new_for_path (extra_path);
  g_autoptr(GFile) huge = g_file_new_for_path (huge_path);
  g_autoptr(GPtrArray) incidents = NULL;
  g_autoptr(GError) error = NULL;
  SolaceIncidentDialog *dialog;
  SolaceIncident *incident;
  AdwMessageDialog *details;
  AdwActionRow *head;
  GtkListBox *files;
  GtkListBoxRow *row;
  ToastWait toasts;

  for (guint i = 0; i < BIG_BYTES; i++)
    big[i] = (guint8) (i * 7 + (i >> 13));
  big_sum = g_compute_checksum_for_data (G_CHECKSUM_SHA256, big, BIG_BYTES);
  g_assert_true (g_file_set_contents (png_path, (const char *) tiny_png, sizeof tiny_png, NULL));
  g_assert_true (g_file_set_contents (big_path, (const char *) big, BIG_BYTES, NULL));
  g_assert_true (g_file_set_contents (extra_path, "not this", -1, NULL));
  /* Larger than a record may keep: sparse, so it costs no disk. */
  {
    int fd = g_open (huge_path, O_CREAT | O_WRONLY, 0600);
    g_assert_cmpint (fd, >=, 0);
    g_assert_cmpint (ftruncate (fd, (off_t) SOLACE_MAX_ATTACHMENT_BYTES + 1), ==, 0);
    close (fd);
  }

  g_assert_true (solace_test_wait_until (incidents_loaded, page (f), 5000));
  /* No record, no chain to copy. */
  head = solace_incident_record_get_head_row (incident_record (f));
  g_assert_false (gtk_widget_is_visible (GTK_WIDGET (head)));

  gtk_widget_activate_action (GTK_WIDGET (page (f)), "boundaries.record", NULL);
  dialog = wait_dialog ();
  files = solace_incident_dialog_get_attachment_list (dialog);
  set_text (solace_incident_dialog_get_what_view (dialog), "Messages from a new account after I blocked the old one.");
  type_into (solace_incident_dialog_get_sender_row (dialog), "@new_account_2026");
  type_into (solace_incident_dialog_get_witnesses_row (dialog), "My sister Ana");
  type_into (solace_incident_dialog_get_reference_row (dialog), "Police ref 12/3456");
  solace_time_row_set_minutes (solace_incident_dialog_get_time_row (dialog), 0);

  /* Files as the chooser adds them: each a row with its name and size. */
  solace_incident_dialog_add_file (dialog, png);
  wait_rows (files, 1);
  solace_incident_dialog_add_file (dialog, big_file);
  wait_rows (files, 2);
  solace_incident_dialog_add_file (dialog, extra);
  wait_rows (files, 3);
  row = gtk_list_box_get_row_at_index (files, 0);
  {
    g_autofree char *title = row_title (row);
    g_autofree char *size = g_format_size (sizeof tiny_png);
    g_assert_cmpstr (title, ==, "screenshot.png");
    g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==, size);
    /* Never a preview of what it shows. */
    g_assert_null (solace_test_find_widget (GTK_WIDGET (files), GTK_TYPE_PICTURE, NULL));
  }
  row = gtk_list_box_get_row_at_index (files, 1);
  {
    g_autofree char *title = row_title (row);
    g_autofree char *size = g_format_size (BIG_BYTES);
    g_assert_cmpstr (title, ==, "recording.bin");
    g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==, size);
  }
  /* The wrong one, taken off again before saving. */
  row = gtk_list_box_get_row_at_index (files, 2);
  g_signal_emit_by_name (find_button (GTK_WIDGET (row)), "clicked");
  wait_rows (files, 2);
  /* Chosen twice: listed once. */
  solace_incident_dialog_add_file (dialog, png);
  solace_test_spin (200);
  g_assert_cmpuint (solace_test_n_rows (files), ==, 2);
  /* Too large: refused with a word why, nothing added. */
  toasts.overlay = dialog_toasts (dialog);
  toasts.n = solace_toast_overlay_get_n_toasts (toasts.overlay) + 1;
  solace_incident_dialog_add_file (dialog, huge);
  g_assert_true (solace_test_wait_until (has_toasts, &toasts, 5000));
  g_assert_nonnull (strstr (last_toast (toasts.overlay), "too large"));
  g_assert_cmpuint (solace_test_n_rows (files), ==, 2);

  gtk_widget_activate_action (GTK_WIDGET (dialog), "incident.save", NULL);
  g_assert_true (solace_test_wait_until (dialog_gone, NULL, 20000));
  g_assert_true (solace_test_wait_until (incidents_loaded, page (f), 5000));
  g_assert_cmpuint (solace_test_n_rows (list), ==, 1);

  /* In the database, as typed and as read. */
  stored = solace_test_query_text (f->path, "SELECT sender || '|' || witnesses || '|' || reference FROM incident");
  g_assert_cmpstr (stored, ==, "@new_account_2026|My sister Ana|Police ref 12/3456");
  incidents = solace_incidents_list (solace_application_get_database (f->app), 0, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (incidents->len, ==, 1);
  incident = g_ptr_array_index (incidents, 0);
  g_assert_nonnull (incident->attachments);
  g_assert_cmpuint (incident->attachments->len, ==, 2);
  {
    SolaceAttachment *a = g_ptr_array_index (incident->attachments, 0);
    SolaceAttachment *b = g_ptr_array_index (incident->attachments, 1);
    g_autoptr(GBytes) bytes = NULL;

    g_assert_cmpstr (a->name, ==, "screenshot.png");
    g_assert_cmpstr (a->media_type, ==, "image/png");
    g_assert_cmpint (a->size, ==, sizeof tiny_png);
    g_assert_cmpstr (a->sha256, ==, png_sum);
    g_assert_cmpstr (b->name, ==, "recording.bin");
    g_assert_cmpint (b->size, ==, BIG_BYTES);
    g_assert_cmpstr (b->sha256, ==, big_sum);
    bytes = solace_incidents_read_attachment (solace_application_get_database (f->app), incident->uuid, big_sum, &error);
    g_assert_no_error (error);
    g_assert_cmpmem (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), big, BIG_BYTES);
  }

  /* The details: the new fields and the files, no previews. */
  row = gtk_list_box_get_row_at_index (list, 0);
  g_signal_emit_by_name (row, "activated");
  solace_test_spin (50);
  details = solace_test_find_window (ADW_TYPE_MESSAGE_DIALOG, TRUE);
  g_assert_nonnull (details);
  g_assert_true (shows_text (GTK_WIDGET (details), "Sender as it appeared"));
  g_assert_true (shows_text (GTK_WIDGET (details), "Witnesses"));
  g_assert_true (shows_text (GTK_WIDGET (details), "Medical or police reference"));
  g_assert_true (shows_text (GTK_WIDGET (details), "screenshot.png"));
  g_assert_true (shows_text (GTK_WIDGET (details), "recording.bin"));
  g_assert_true (shows_text (GTK_WIDGET (details), "image/png · 70 bytes"));
  g_assert_null (solace_test_find_widget (GTK_WIDGET (details), GTK_TYPE_PICTURE, NULL));
  {
    g_autoptr(GString) shown = g_string_new ("|");
    /* Every field's text view, in order. */
    collect_text_views (GTK_WIDGET (details), shown);
    g_assert_nonnull (strstr (shown->str, "|@new_account_2026|My sister Ana|Police ref 12/3456|"));
  }
  adw_message_dialog_response (details, "close");
  solace_test_spin (50);

  /* The head of the chain, and what Copy puts on the clipboard. */
  hash = solace_test_query_text (f->path, "SELECT hash FROM incident WHERE id = 1");
  g_assert_cmpuint (strlen (hash), ==, 64);
  g_assert_true (gtk_widget_is_visible (GTK_WIDGET (head)));
  {
    g_autofree char *title = g_strdup_printf ("1 record · last hash %.8s…", hash);
    /* The whole hash below, in groups of eight. */
    g_auto(GStrv) groups = g_strsplit (adw_action_row_get_subtitle (head), " ", -1);
    g_autofree char *joined = g_strjoinv ("", groups);

    g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (head)), ==, title);
    g_assert_cmpuint (g_strv_length (groups), ==, 8);
    g_assert_cmpuint (strlen (groups[0]), ==, 8);
    g_assert_cmpstr (joined, ==, hash);
  }
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (incident_record (f)), "incident-record.copy-head", NULL));
  copied = clipboard_text (GTK_WIDGET (incident_record (f)));
  expected = g_strdup_printf ("Solace incident record: 1 record, last hash %s", hash);
  g_assert_cmpstr (copied, ==, expected);

  /* Export Evidence, as its file chooser does: one ZIP, 0600, with
   * both files named by their SHA-256. */
  {
    g_autofree char *zip = g_build_filename (g_get_user_data_dir (), "evidence.zip", NULL);
    g_autofree char *listing = NULL;
    g_autofree char *png_entry = g_strdup_printf ("attachments/%s.png", png_sum);
    const char *argv[] = { "unzip", "-Z1", zip, NULL };
    GStatBuf st;
    int result = 0;
    gulong handler = g_signal_connect (incident_record (f), "exported", G_CALLBACK (exported_cb), &result);

    solace_incident_record_export_evidence (incident_record (f), zip);
    g_assert_true (solace_test_wait_until (is_set, &result, 30000));
    g_signal_handler_disconnect (incident_record (f), handler);
    g_assert_cmpint (result, ==, 1);
    g_assert_cmpint (g_stat (zip, &st), ==, 0);
    g_assert_cmpint (st.st_mode & 0777, ==, 0600);
    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                                 NULL, NULL, &listing, NULL, NULL, NULL));
    g_assert_nonnull (strstr (listing, png_entry));
    g_assert_nonnull (strstr (listing, big_sum));
    g_assert_nonnull (strstr (listing, "record.pdf"));
    g_unlink (zip);
  }

  /* Verify: intact; then one file's bytes changed in the database. */
  gtk_widget_activate_action (GTK_WIDGET (page (f)), "boundaries.verify", NULL);
  solace_test_spin (1500);
  g_assert_true (g_str_has_prefix (gtk_label_get_text (check), "Intact: the 1 record"));
  solace_test_exec (f->path, TAMPER_ATTACHMENT_SQL);
  gtk_widget_activate_action (GTK_WIDGET (page (f)), "boundaries.verify", NULL);
  solace_test_spin (1500);
  {
    g_autofree char *shown = without_isolates (gtk_label_get_text (check));
    g_assert_true (g_str_has_prefix (shown, "Not intact: record 1, attachment “recording.bin”"));
  }

  g_unlink (png_path);
  g_unlink (big_path);
  g_unlink (extra_path);
  g_unlink (huge_path);
}

/* A file gone between choosing it and saving: a message that says so,
 * the dialog still open with everything typed in it, no record. */
static void
test_attachment_vanished (Fixture       *f,
                          gconstpointer  data)
{
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "photo.jpg", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GString) long_name = g_string_new ("\u202E");
  g_autofree char *long_path = NULL;
  g_autoptr(GFile) long_file = NULL;
  SolaceIncidentDialog *dialog;
  GtkListBox *files;
  ToastWait toasts;
  int min_width;

  /* A name as long as a file system allows, with an override in it. */
  while (long_name->len < 255 - strlen ("end.jpg"))
    g_string_append_c (long_name, 'n');
  g_string_append (long_name, "end.jpg");
  g_assert_cmpuint (long_name->len, ==, 255);
  long_path = g_build_filename (g_get_user_data_dir (), long_name->str, NULL);
  long_file = g_file_new_for_path (long_path);
  /* In place: a temporary name beside it would be too long. */
  g_assert_true (g_file_set_contents_full (long_path, "\xff\xd8\xff\xe0 long", -1,
                                           G_FILE_SET_CONTENTS_NONE, 0600, NULL));

  g_assert_true (solace_test_wait_until (incidents_loaded, page (f), 5000));
  g_assert_true (g_file_set_contents (path, "\xff\xd8\xff\xe0 not much of a photo", -1, NULL));

  gtk_widget_activate_action (GTK_WIDGET (page (f)), "boundaries.record", NULL);
  dialog = wait_dialog ();
  files = solace_incident_dialog_get_attachment_list (dialog);
  set_text (solace_incident_dialog_get_what_view (dialog), "Waited outside my work.");
  type_into (solace_incident_dialog_get_sender_row (dialog), "in person");
  type_into (solace_incident_dialog_get_witnesses_row (dialog), "Two colleagues");
  solace_time_row_set_minutes (solace_incident_dialog_get_time_row (dialog), 0);
  solace_incident_dialog_add_file (dialog, file);
  wait_rows (files, 1);
  solace_incident_dialog_add_file (dialog, long_file);
  wait_rows (files, 2);
  {
    g_autofree char *title = row_title (gtk_list_box_get_row_at_index (files, 1));
    /* Shown whole, its override closed inside the isolate. */
    g_assert_true (g_str_has_prefix (title, "\u202Ennn"));
    g_assert_true (g_str_has_suffix (title, "end.jpg\u202C"));
  }
  /* Still fits a phone's width with the long name in it. */
  gtk_widget_measure (gtk_window_get_child (GTK_WINDOW (dialog)), GTK_ORIENTATION_HORIZONTAL, -1,
                      &min_width, NULL, NULL, NULL);
  g_assert_cmpint (min_width, <=, 360);

  g_assert_cmpint (g_unlink (path), ==, 0);
  toasts.overlay = dialog_toasts (dialog);
  toasts.n = solace_toast_overlay_get_n_toasts (toasts.overlay) + 1;
  gtk_widget_activate_action (GTK_WIDGET (dialog), "incident.save", NULL);
  g_assert_true (solace_test_wait_until (has_toasts, &toasts, 5000));
  solace_test_spin (200);

  g_assert_true (solace_test_find_window (SOLACE_TYPE_INCIDENT_DIALOG, TRUE) == dialog);
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (dialog)));
  g_assert_nonnull (strstr (last_toast (toasts.overlay), "photo.jpg"));
  g_assert_nonnull (strstr (last_toast (toasts.overlay), "Nothing was saved"));
  g_assert_cmpint (solace_test_query_int (f->path, "SELECT count(*) FROM incident"), ==, 0);
  {
    g_autofree char *what = solace_long_text_get_text (solace_incident_dialog_get_what_view (dialog));
    g_assert_cmpstr (what, ==, "Waited outside my work.");
  }
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (solace_incident_dialog_get_sender_row (dialog))), ==, "in person");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (solace_incident_dialog_get_witnesses_row (dialog))), ==, "Two colleagues");
  g_assert_cmpuint (solace_test_n_rows (files), ==, 2);

  /* The vanished one taken off, it saves with the other. */
  g_signal_emit_by_name (find_button (GTK_WIDGET (gtk_list_box_get_row_at_index (files, 0))), "clicked");
  wait_rows (files, 1);
  gtk_widget_activate_action (GTK_WIDGET (dialog), "incident.save", NULL);
  g_assert_true (solace_test_wait_until (dialog_gone, NULL, 5000));
  g_assert_cmpint (solace_test_query_int (f->path, "SELECT count(*) FROM incident WHERE witnesses = 'Two colleagues'"), ==, 1);
  g_assert_cmpint (solace_test_query_int (f->path, "SELECT count(*) FROM incident_attachment WHERE name LIKE '%end.jpg'"), ==, 1);
  g_unlink (long_path);
}

/* A paste past a field's limit is refused whole, with a word why: never
 * cut short without one.  Exactly the limit fits. */
static void
test_long_paste_refused (Fixture       *f,
                         gconstpointer  data)
{
  SolaceBoundaryEditor *editor = new_boundary (f);
  AdwEntryRow *row = solace_boundary_editor_get_title_row (editor);
  GtkEditable *text = GTK_EDITABLE (row);
  AdwToastOverlay *overlay = ADW_TOAST_OVERLAY (gtk_widget_get_ancestor (GTK_WIDGET (row), ADW_TYPE_TOAST_OVERLAY));
  g_autofree char *too_long = g_strnfill (SOLACE_MAX_BOUNDARY_CHARS, 'p');
  g_autofree char *fits = g_strnfill (SOLACE_MAX_BOUNDARY_CHARS - 11, 'q');
  int position;

  while (!GTK_IS_TEXT (text))
    text = gtk_editable_get_delegate (text);
  g_assert_nonnull (overlay);

  type_into (row, "Late nights");
  gtk_widget_grab_focus (GTK_WIDGET (text));
  solace_test_spin (50);
  g_assert_true (gtk_widget_is_focus (GTK_WIDGET (text)));

  position = 11;
  gtk_editable_insert_text (text, too_long, -1, &position);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, "Late nights");
  g_assert_cmpuint (solace_toast_overlay_get_n_toasts (overlay), ==, 1);

  position = 11;
  gtk_editable_insert_text (text, fits, -1, &position);
  g_assert_cmpuint (g_utf8_strlen (gtk_editable_get_text (GTK_EDITABLE (row)), -1), ==, SOLACE_MAX_BOUNDARY_CHARS);
  g_assert_true (g_str_has_prefix (gtk_editable_get_text (GTK_EDITABLE (row)), "Late nightsqqq"));

  position = 0;
  gtk_editable_insert_text (text, "!", -1, &position);
  g_assert_cmpuint (g_utf8_strlen (gtk_editable_get_text (GTK_EDITABLE (row)), -1), ==, SOLACE_MAX_BOUNDARY_CHARS);
  g_assert_cmpuint (solace_toast_overlay_get_n_toasts (overlay), >=, 1);
  g_assert_true (g_str_has_prefix (gtk_editable_get_text (GTK_EDITABLE (row)), "Late nights"));

  gtk_window_destroy (GTK_WINDOW (editor));
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *home = solace_test_app_init (&argc, &argv);
  int ret;

#define ADD(name, func) g_test_add (name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/boundaries-ui/create-with-builder-and-reminder", test_create_with_builder_and_reminder);
  ADD ("/boundaries-ui/edit-pause-and-empty-title", test_edit_pause_and_empty_title);
  ADD ("/boundaries-ui/reorder-and-delete", test_reorder_and_delete);
  ADD ("/boundaries-ui/plan", test_plan);
  ADD ("/boundaries-ui/record-correct-verify", test_record_correct_verify);
  ADD ("/boundaries-ui/future-refused-and-export", test_future_refused_and_export);
  ADD ("/boundaries-ui/long-incident", test_long_incident);
  ADD ("/boundaries-ui/export-unlayoutable", test_export_unlayoutable);
  ADD ("/boundaries-ui/long-paste-refused", test_long_paste_refused);
  ADD ("/boundaries-ui/attachments", test_attachments);
  ADD ("/boundaries-ui/attachment-vanished", test_attachment_vanished);
#undef ADD

  ret = g_test_run ();
  solace_test_rm_rf (home);

  return ret;
}
