/* test-support-ui.c — crisis lines in the Support tab
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "solace-application.h"
#include "solace-contact-editor.h"
#include "solace-error.h"
#include "solace-support-page.h"
#include "solace-test-app.h"
#include "solace-test-utils.h"
#include "solace-window.h"

typedef struct {
  SolaceApplication *app;
  GtkWindow         *window;
  GSettings         *settings;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  solace_test_app_reset ();
  f->settings = g_settings_new ("io.github.solace_app.Solace");
}

static void
start (Fixture *f)
{
  f->app = solace_test_app_start (FALSE, &f->window);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  if (f->app != NULL)
    solace_test_app_stop (&f->app, &f->window);
  g_clear_object (&f->settings);
}

static SolaceSupportPage *
page (Fixture *f)
{
  return solace_window_get_support_page (SOLACE_WINDOW (f->window));
}

static void
count_cb (guint *count)
{
  (*count)++;
}

/* "title|subtitle" for each row, one per line. */
static char *
rows_text (Fixture *f)
{
  GtkListBox *list = solace_support_page_get_line_list (page (f));
  GString *out = g_string_new (NULL);
  GtkListBoxRow *row;

  for (guint i = 0; (row = gtk_list_box_get_row_at_index (list, i)) != NULL; i++)
    g_string_append_printf (out, "%s|%s\n",
                            adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)),
                            adw_action_row_get_subtitle (ADW_ACTION_ROW (row)));

  return g_string_free (out, FALSE);
}

static const char *
row_title (Fixture *f,
           guint    i)
{
  GtkListBoxRow *row = gtk_list_box_get_row_at_index (solace_support_page_get_line_list (page (f)), i);

  g_assert_nonnull (row);
  return adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row));
}

static guint
country_index (Fixture    *f,
               const char *name)
{
  GListModel *model = adw_combo_row_get_model (solace_support_page_get_country_row (page (f)));

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    if (g_str_equal (gtk_string_list_get_string (GTK_STRING_LIST (model), i), name))
      return i;
  g_assert_not_reached ();
}

static void
test_country_from_settings_and_change (Fixture       *f,
                                       gconstpointer  data)
{
  g_autofree char *gb = NULL;
  g_autofree char *it = NULL;
  g_autofree char *saved = NULL;

  g_settings_set_string (f->settings, "crisis-country", "GB");
  start (f);

  /* The emergency number first, then the country's lines, then the directory. */
  gb = rows_text (f);
  g_assert_true (g_str_has_prefix (gb, "Emergency services|999 or 112\nSamaritans|116 123 · 24/7"));
  g_assert_nonnull (strstr (gb, "National Domestic Abuse Helpline (Refuge)|0808 2000 247"));
  g_assert_nonnull (strstr (gb, "Find A Helpline|https://findahelpline.com/gb"));
  g_assert_cmpstr (row_title (f, 3), ==, "Find A Helpline");

  /* Italy: its caveat said plainly, and kept. */
  adw_combo_row_set_selected (solace_support_page_get_country_row (page (f)), country_index (f, "Italy"));
  it = rows_text (f);
  g_assert_nonnull (strstr (it, "Telefono Amico Italia|02 2327 2327 · about 9:00/10:00–24:00"));
  g_assert_nonnull (strstr (it, "not free, and not 24/7"));
  g_assert_null (strstr (it, "Samaritans"));
  saved = g_settings_get_string (f->settings, "crisis-country");
  g_assert_cmpstr (saved, ==, "IT");
}

static void
test_country_without_data (Fixture       *f,
                           gconstpointer  data)
{
  g_autofree char *text = NULL;
  g_autofree char *saved = NULL;

  g_settings_set_string (f->settings, "crisis-country", "US");
  start (f);
  adw_combo_row_set_selected (solace_support_page_get_country_row (page (f)), country_index (f, "Another Country"));

  /* Only the directory and a word about the emergency number: no other
   * country's numbers. */
  text = rows_text (f);
  g_assert_cmpstr (text, ==,
                   "Emergency services|Call your local emergency number if you are in danger\n"
                   "Find A Helpline|https://findahelpline.com/\n"
                   "Solace has no lines for this country; this directory lists them for every country\n");
  saved = g_settings_get_string (f->settings, "crisis-country");
  g_assert_cmpstr (saved, ==, "other");
}

static void
test_country_from_locale (Fixture       *f,
                          gconstpointer  data)
{
  g_autofree char *text = NULL;
  g_autofree char *old = g_strdup (g_getenv ("LC_ALL"));

  /* Nothing chosen yet: the locale's country. */
  g_setenv ("LC_ALL", "en_NZ.UTF-8", TRUE);
  start (f);
  /* The page, and with it the crisis lines, is built when first asked
   * for: under the same locale. */
  page (f);
  g_setenv ("LC_ALL", old, TRUE);
  text = rows_text (f);
  g_assert_true (g_str_has_prefix (text, "Emergency services|111\nNeed to Talk? 1737|1737 · 24/7"));
}

static void
copied_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  *(char **) user_data = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (source), result, NULL);
}

static gboolean
is_set (gpointer data)
{
  return *(char **) data != NULL;
}

static void
test_shortcut_and_copy (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *page_name = NULL;
  g_autofree char *copied = NULL;
  GtkListBoxRow *row;
  GtkWidget *button = NULL;

  g_settings_set_string (f->settings, "crisis-country", "AU");
  start (f);
  solace_window_show_page (SOLACE_WINDOW (f->window), "journal");

  /* From another tab, one step. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.crisis-lines", NULL));
  page_name = g_settings_get_string (f->settings, "last-page");
  g_assert_cmpstr (page_name, ==, "support");

  /* Copy Lifeline's number. */
  row = gtk_list_box_get_row_at_index (solace_support_page_get_line_list (page (f)), 1);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, "Lifeline");
  for (GtkWidget *w = solace_test_find_widget (GTK_WIDGET (row), GTK_TYPE_BUTTON, NULL);
       w != NULL; w = gtk_widget_get_next_sibling (w))
    if (GTK_IS_BUTTON (w) && g_str_has_prefix (gtk_widget_get_tooltip_text (w), "Copy"))
      button = w;
  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
  gdk_clipboard_read_text_async (gtk_widget_get_clipboard (button), NULL, copied_cb, &copied);
  g_assert_true (solace_test_wait_until (is_set, &copied, 5000));
  g_assert_cmpstr (copied, ==, "13 11 14");
}

static void
test_damaged_file (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = g_error_new_literal (SOLACE_ERROR, SOLACE_ERROR_CORRUPT,
                                                 "The list of crisis lines could not be read: line 3 is not valid");
  g_autofree char *text = NULL;

  start (f);
  solace_support_page_set_crisis_lines (page (f), NULL, error, f->settings);

  /* Says what is wrong, still points somewhere, and the rest works. */
  text = rows_text (f);
  g_assert_cmpstr (text, ==,
                   "The list of crisis lines could not be loaded|The list of crisis lines could not be read: line 3 is not valid\n"
                   "Find A Helpline|findahelpline.com lists free, confidential lines in every country\n");
  g_assert_nonnull (solace_test_find_widget (GTK_WIDGET (page (f)), ADW_TYPE_ACTION_ROW, "When to Talk to a Professional"));
}

static gboolean
shows_text (GtkWidget  *widget,
            const char *fragment)
{
  if (GTK_IS_LABEL (widget) && strstr (gtk_label_get_text (GTK_LABEL (widget)), fragment) != NULL)
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (shows_text (child, fragment))
      return TRUE;
  return FALSE;
}

static void
test_when_to_talk (Fixture       *f,
                   gconstpointer  data)
{
  GtkWidget *row;
  GListModel *toplevels = gtk_window_get_toplevels ();
  GtkWindow *found = NULL;

  start (f);
  row = solace_test_find_widget (GTK_WIDGET (page (f)), ADW_TYPE_ACTION_ROW, "When to Talk to a Professional");
  g_assert_nonnull (row);
  g_signal_emit_by_name (row, "activated");
  solace_test_spin (50);

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) w = g_list_model_get_item (toplevels, i);
      if (g_strcmp0 (gtk_window_get_title (w), "When to Talk to a Professional") == 0)
        found = w;
    }
  g_assert_nonnull (found);
  /* The signs, and no diagnosis. */
  g_assert_true (shows_text (GTK_WIDGET (found), "you feel guilty or worthless"));
  g_assert_true (shows_text (GTK_WIDGET (found), "None of this is a diagnosis"));
  gtk_window_destroy (found);
}

static void
add_contact (Fixture    *f,
             const char *action,
             const char *name,
             const char *phone,
             const char *email)
{
  SolaceContactEditor *editor;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page (f)), action, NULL));
  solace_test_spin (30);
  editor = solace_test_find_window (SOLACE_TYPE_CONTACT_EDITOR, TRUE);
  g_assert_nonnull (editor);
  gtk_editable_set_text (GTK_EDITABLE (solace_contact_editor_get_row (editor, "name")), name);
  gtk_editable_set_text (GTK_EDITABLE (solace_contact_editor_get_row (editor, "phone")), phone);
  gtk_editable_set_text (GTK_EDITABLE (solace_contact_editor_get_row (editor, "email")), email);
  gtk_widget_activate_action (GTK_WIDGET (editor), "contact.save", NULL);
  solace_test_spin (30);
  g_assert_null (solace_test_find_window (SOLACE_TYPE_CONTACT_EDITOR, TRUE));
}

static char *
db_order (void)
{
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "solace", "solace.db", NULL);

  solace_contact_store_flush (solace_application_get_contacts (SOLACE_APPLICATION (g_application_get_default ())));
  return solace_test_query_text (path, "SELECT group_concat (name, ',') FROM (SELECT name FROM contact ORDER BY position)");
}

static gboolean
menu_has (GtkWidget  *row,
          const char *label)
{
  GtkMenuButton *more = GTK_MENU_BUTTON (solace_test_find_widget (row, GTK_TYPE_MENU_BUTTON, NULL));
  GMenuModel *menu = gtk_menu_button_get_menu_model (more);

  for (int s = 0; s < g_menu_model_get_n_items (menu); s++)
    {
      GMenuModel *section = g_menu_model_get_item_link (menu, s, G_MENU_LINK_SECTION);

      for (int i = 0; section != NULL && i < g_menu_model_get_n_items (section); i++)
        {
          g_autofree char *text = NULL;

          if (g_menu_model_get_item_attribute (section, i, G_MENU_ATTRIBUTE_LABEL, "s", &text) &&
              g_str_equal (text, label))
            {
              g_object_unref (section);
              return TRUE;
            }
        }
      g_clear_object (&section);
    }
  return FALSE;
}

static void
test_trusted_people (Fixture       *f,
                     gconstpointer  data)
{
  GtkListBox *people;
  GtkListBox *pros;
  GtkListBoxRow *row;
  SolaceContactEditor *editor;
  g_autofree char *order = NULL;
  g_autofree char *after_move = NULL;
  g_autofree char *after_undo = NULL;

  start (f);
  g_application_set_default (G_APPLICATION (f->app));
  people = solace_support_page_get_contact_list (page (f), SOLACE_CONTACT_PERSON);
  pros = solace_support_page_get_contact_list (page (f), SOLACE_CONTACT_THERAPIST);

  /* A name is all it needs; without one it is refused and stays open. */
  gtk_widget_activate_action (GTK_WIDGET (page (f)), "support.new-person", NULL);
  solace_test_spin (30);
  editor = solace_test_find_window (SOLACE_TYPE_CONTACT_EDITOR, TRUE);
  gtk_widget_activate_action (GTK_WIDGET (editor), "contact.save", NULL);
  solace_test_spin (30);
  g_assert_true (solace_test_find_window (SOLACE_TYPE_CONTACT_EDITOR, TRUE) == editor);
  gtk_window_destroy (GTK_WINDOW (editor));

  add_contact (f, "support.new-person", "Maya", "+44 7700 900123", "maya@example.org");
  add_contact (f, "support.new-person", "Sam <b>&</b>", "", "");
  add_contact (f, "support.new-professional", "Dr Okafor", "020 7946 0000", "");
  g_assert_nonnull (gtk_list_box_get_row_at_index (people, 1));
  g_assert_null (gtk_list_box_get_row_at_index (people, 2));
  g_assert_nonnull (gtk_list_box_get_row_at_index (pros, 0));
  order = db_order ();
  g_assert_cmpstr (order, ==, "Maya,Sam <b>&</b>,Dr Okafor");

  /* Only what can be done is offered. */
  row = gtk_list_box_get_row_at_index (people, 0);
  g_assert_true (menu_has (GTK_WIDGET (row), "Send an Email"));
  g_assert_true (menu_has (GTK_WIDGET (row), "Send a Text"));
  g_assert_nonnull (solace_test_find_widget (GTK_WIDGET (row), GTK_TYPE_BUTTON, NULL));
  row = gtk_list_box_get_row_at_index (people, 1);
  g_assert_false (menu_has (GTK_WIDGET (row), "Send an Email"));
  g_assert_false (menu_has (GTK_WIDGET (row), "Send a Text"));
  g_assert_true (menu_has (GTK_WIDGET (row), "Delete"));
  /* The name shown as typed, not as markup. */
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, "Sam &lt;b&gt;&amp;&lt;/b&gt;");

  /* Sam up, from the keyboard's action. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (row), "contact.move-up", NULL));
  after_move = db_order ();
  g_assert_cmpstr (after_move, ==, "Sam <b>&</b>,Maya,Dr Okafor");

  /* Deleted, then brought back by Undo, in its place. */
  row = gtk_list_box_get_row_at_index (people, 1);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (row), "contact.delete", NULL));
  g_assert_null (gtk_list_box_get_row_at_index (people, 1));
  g_assert_nonnull (solace_support_page_get_undo_toast (page (f)));
  g_signal_emit_by_name (solace_support_page_get_undo_toast (page (f)), "button-clicked");
  after_undo = db_order ();
  g_assert_cmpstr (after_undo, ==, "Sam <b>&</b>,Maya,Dr Okafor");
  g_application_set_default (NULL);
}

static gpointer
find_controller (GtkWidget *widget,
                 GType      type)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (controller, type))
        return controller;
    }
  return NULL;
}

/* Drags @from onto @onto through the rows' own drag source and drop
 * target: what the source offers is what the target receives. */
static gboolean
drag_row_onto (GtkWidget *from,
               GtkWidget *onto)
{
  GtkDragSource *source = find_controller (from, GTK_TYPE_DRAG_SOURCE);
  GtkDropTarget *target = find_controller (onto, GTK_TYPE_DROP_TARGET);
  g_autoptr(GdkContentProvider) content = NULL;
  g_auto(GValue) value = G_VALUE_INIT;
  gboolean accepted = FALSE;

  g_assert_nonnull (source);
  g_assert_nonnull (target);
  g_assert_true (gdk_content_formats_contain_gtype (gtk_drop_target_get_formats (target), G_TYPE_STRING));

  g_signal_emit_by_name (source, "prepare", 10.0, 10.0, &content);
  g_assert_nonnull (content);
  g_value_init (&value, G_TYPE_STRING);
  g_assert_true (gdk_content_provider_get_value (content, &value, NULL));
  g_signal_emit_by_name (target, "drop", &value, 10.0, 10.0, &accepted);

  return accepted;
}

static void
test_drag_to_reorder (Fixture       *f,
                      gconstpointer  data)
{
  GtkListBox *people;
  g_autofree char *order = NULL;
  g_autofree char *after_drag = NULL;
  g_autofree char *after_stranger = NULL;
  g_autofree char *after_reload = NULL;
  GtkDropTarget *target;
  g_auto(GValue) stranger = G_VALUE_INIT;
  gboolean accepted = TRUE;

  start (f);
  g_application_set_default (G_APPLICATION (f->app));
  people = solace_support_page_get_contact_list (page (f), SOLACE_CONTACT_PERSON);

  add_contact (f, "support.new-person", "Ana", "", "");
  add_contact (f, "support.new-person", "Bea", "", "");
  add_contact (f, "support.new-person", "Cal", "", "");
  order = db_order ();
  g_assert_cmpstr (order, ==, "Ana,Bea,Cal");

  /* Cal dragged onto Ana takes Ana's place. */
  g_assert_true (drag_row_onto (GTK_WIDGET (gtk_list_box_get_row_at_index (people, 2)),
                                GTK_WIDGET (gtk_list_box_get_row_at_index (people, 0))));
  after_drag = db_order ();
  g_assert_cmpstr (after_drag, ==, "Cal,Ana,Bea");
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (gtk_list_box_get_row_at_index (people, 0))),
                   ==, "Cal");

  /* Text dropped from elsewhere that names no contact moves nothing. */
  target = find_controller (GTK_WIDGET (gtk_list_box_get_row_at_index (people, 1)), GTK_TYPE_DROP_TARGET);
  g_value_init (&stranger, G_TYPE_STRING);
  g_value_set_string (&stranger, "'; DROP TABLE contact; --");
  g_signal_emit_by_name (target, "drop", &stranger, 1.0, 1.0, &accepted);
  after_stranger = db_order ();
  g_assert_cmpstr (after_stranger, ==, "Cal,Ana,Bea");

  /* And the order holds after a restart. */
  g_application_set_default (NULL);
  solace_test_app_stop (&f->app, &f->window);
  start (f);
  g_application_set_default (G_APPLICATION (f->app));
  people = solace_support_page_get_contact_list (page (f), SOLACE_CONTACT_PERSON);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (gtk_list_box_get_row_at_index (people, 0))),
                   ==, "Cal");
  after_reload = db_order ();
  g_assert_cmpstr (after_reload, ==, "Cal,Ana,Bea");
  g_application_set_default (NULL);
}

/* A therapist's next session chosen in the editor: saved with its
 * reminder, shown under the name, read back into the editor, cleared. */
static void
test_next_session (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "solace", "solace.db", NULL);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) later = g_date_time_add_days (now, 3);
  g_autoptr(GDateTime) day = g_date_time_new_local (g_date_time_get_year (later), g_date_time_get_month (later),
                                                    g_date_time_get_day_of_month (later), 0, 0, 0);
  g_autoptr(GDateTime) reminded = g_date_time_new_local (g_date_time_get_year (later), g_date_time_get_month (later),
                                                         g_date_time_get_day_of_month (later), 14, 30, 0);
  g_autofree char *expected_session = g_date_time_format (day, "%Y%m%dT153000");
  g_autofree char *expected_start = g_date_time_format (reminded, "%Y%m%dT%H%M%S");
  g_autofree char *expected_reminder = g_strdup_printf ("FREQ=DAILY;UNTIL=%s %s", expected_start, expected_start);
  g_autofree char *session = NULL;
  g_autofree char *reminder = NULL;
  GtkListBox *pros;
  GtkListBoxRow *row;
  SolaceContactEditor *editor;
  SolaceTimeRow *time_row;
  guint replans = 0;

  start (f);
  g_application_set_default (G_APPLICATION (f->app));
  pros = solace_support_page_get_contact_list (page (f), SOLACE_CONTACT_THERAPIST);
  /* The window says when the service should plan again; the application
   * listens. */
  g_signal_connect_swapped (f->window, "reminders-changed", G_CALLBACK (count_cb), &replans);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page (f)), "support.new-professional", NULL));
  solace_test_spin (30);
  editor = solace_test_find_window (SOLACE_TYPE_CONTACT_EDITOR, TRUE);
  gtk_editable_set_text (GTK_EDITABLE (solace_contact_editor_get_row (editor, "name")), "Dr Okafor");
  /* Nothing booked yet: no time or reminder to set. */
  time_row = solace_contact_editor_get_time_row (editor);
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (time_row)));
  g_assert_false (gtk_widget_get_visible (solace_contact_editor_get_clear_session_button (editor)));

  gtk_calendar_select_day (solace_contact_editor_get_calendar (editor), day);
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (time_row)));
  gtk_spin_button_set_value (solace_time_row_get_hour_button (time_row), 15);
  gtk_spin_button_set_value (solace_time_row_get_minute_button (time_row), 30);
  adw_combo_row_set_selected (solace_contact_editor_get_remind_row (editor), 3);   /* an hour before */
  g_assert_cmpuint (replans, ==, 0);
  gtk_widget_activate_action (GTK_WIDGET (editor), "contact.save", NULL);
  solace_test_spin (30);
  g_assert_null (solace_test_find_window (SOLACE_TYPE_CONTACT_EDITOR, TRUE));
  g_assert_cmpuint (replans, ==, 1);

  solace_contact_store_flush (solace_application_get_contacts (f->app));
  session = solace_test_query_text (path, "SELECT next_session || ' ' || session_remind FROM contact");
  {
    g_autofree char *expected = g_strdup_printf ("%s 60", expected_session);
    g_assert_cmpstr (session, ==, expected);
  }
  reminder = solace_test_query_text (path, "SELECT rrule || ' ' || dtstart FROM reminder WHERE kind = 'session' AND enabled");
  g_assert_cmpstr (reminder, ==, expected_reminder);

  row = gtk_list_box_get_row_at_index (pros, 0);
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), "Next session"));
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), "15:30"));
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), "reminder on"));

  /* Opened again, it shows what was saved; cleared, both go. */
  g_signal_emit_by_name (row, "activated");
  solace_test_spin (30);
  editor = solace_test_find_window (SOLACE_TYPE_CONTACT_EDITOR, TRUE);
  g_assert_nonnull (editor);
  time_row = solace_contact_editor_get_time_row (editor);
  g_assert_cmpuint (solace_time_row_get_minutes (time_row), ==, 15 * 60 + 30);
  g_assert_cmpuint (adw_combo_row_get_selected (solace_contact_editor_get_remind_row (editor)), ==, 3);
  {
    g_autoptr(GDateTime) shown = gtk_calendar_get_date (solace_contact_editor_get_calendar (editor));
    g_assert_cmpint (g_date_time_get_day_of_year (shown), ==, g_date_time_get_day_of_year (day));
  }
  g_assert_true (gtk_widget_get_visible (solace_contact_editor_get_clear_session_button (editor)));
  /* A button's activation completes after its pressed look has shown. */
  gtk_widget_activate (solace_contact_editor_get_clear_session_button (editor));
  solace_test_spin (400);
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (time_row)));
  gtk_widget_activate_action (GTK_WIDGET (editor), "contact.save", NULL);
  solace_test_spin (30);

  solace_contact_store_flush (solace_application_get_contacts (f->app));
  g_assert_cmpint (solace_test_query_int (path, "SELECT next_session IS NULL AND session_remind IS NULL FROM contact"), ==, 1);
  g_assert_cmpint (solace_test_query_int (path, "SELECT count(*) FROM reminder WHERE kind = 'session'"), ==, 0);
  row = gtk_list_box_get_row_at_index (pros, 0);
  g_assert_null (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), "Next session"));
  g_application_set_default (NULL);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *home = solace_test_app_init (&argc, &argv);
  int ret;

#define ADD(name, func) g_test_add (name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/support-ui/country-from-settings-and-change", test_country_from_settings_and_change);
  ADD ("/support-ui/country-without-data", test_country_without_data);
  ADD ("/support-ui/country-from-locale", test_country_from_locale);
  ADD ("/support-ui/shortcut-and-copy", test_shortcut_and_copy);
  ADD ("/support-ui/damaged-file", test_damaged_file);
  ADD ("/support-ui/when-to-talk", test_when_to_talk);
  ADD ("/support-ui/trusted-people", test_trusted_people);
  ADD ("/support-ui/drag-to-reorder", test_drag_to_reorder);
  ADD ("/support-ui/next-session", test_next_session);
#undef ADD

  ret = g_test_run ();
  solace_test_rm_rf (home);

  return ret;
}
