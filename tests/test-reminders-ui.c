/* test-reminders-ui.c — the reminder preferences and the window's side of reminders
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>

#include "solace-application.h"
#include "solace-journal-editor.h"
#include "solace-journal-page.h"
#include "solace-locale.h"
#include "solace-preferences-window.h"
#include "solace-reminder-row.h"
#include "solace-test-app.h"
#include "solace-test-utils.h"
#include "solace-time-row.h"
#include "solace-window.h"

typedef struct {
  SolaceApplication       *app;
  GtkWindow               *window;
  SolacePreferencesWindow *prefs;
  char                    *path;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  solace_test_app_reset ();
  f->path = g_build_filename (g_get_user_data_dir (), "solace", "solace.db", NULL);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  if (f->prefs != NULL)
    gtk_window_destroy (GTK_WINDOW (f->prefs));
  if (f->app != NULL)
    solace_test_app_stop (&f->app, &f->window);
  g_free (f->path);
}

/* Preferences, opened from the app's menu action. */
static SolacePreferencesWindow *
show_prefs (Fixture *f)
{
  g_action_group_activate_action (G_ACTION_GROUP (f->app), "preferences", NULL);
  solace_test_spin (50);

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (f->app)); l != NULL; l = l->next)
    if (SOLACE_IS_PREFERENCES_WINDOW (l->data))
      {
        /* The Reminders tab. */
        adw_preferences_window_set_visible_page_name (l->data, "reminders");
        solace_test_spin (50);
        return l->data;
      }

  g_assert_not_reached ();
}

static void
open_prefs (Fixture *f)
{
  f->app = solace_test_app_start (FALSE, &f->window);
  f->prefs = show_prefs (f);
}

static gboolean
saved (gpointer data)
{
  return !solace_preferences_window_is_saving (data);
}

/* Past the rows' pause before saving, and until the save is on disk. */
static void
wait_saved (Fixture *f)
{
  solace_test_spin (500);
  g_assert_true (solace_test_wait_until (saved, f->prefs, 5000));
}

static SolaceReminderRow *
row (Fixture    *f,
     const char *key)
{
  SolaceReminderRow *r = solace_preferences_window_get_reminder_row (f->prefs, key);

  g_assert_nonnull (r);
  return r;
}

static char *
query (Fixture    *f,
       const char *sql)
{
  return solace_test_query_text (f->path, sql);
}

static void
assert_query (Fixture    *f,
              const char *sql,
              const char *expected)
{
  g_autofree char *value = query (f, sql);

  g_assert_cmpstr (value, ==, expected);
}

static void
test_turn_on_and_set_time (Fixture       *f,
                           gconstpointer  data)
{
  SolaceReminderRow *gratitude;
  SolaceTimeRow *time;

  open_prefs (f);
  gratitude = row (f, "gratitude");

  /* Off to begin with, at 21:00 every day. */
  g_assert_false (adw_expander_row_get_enable_expansion (ADW_EXPANDER_ROW (gratitude)));
  g_assert_cmpstr (adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (gratitude)), ==, "Every day at 21:00");
  assert_query (f, "SELECT enabled FROM reminder WHERE key = 'gratitude'", "0");

  /* The switch on the row. */
  adw_expander_row_set_enable_expansion (ADW_EXPANDER_ROW (gratitude), TRUE);
  wait_saved (f);
  assert_query (f, "SELECT enabled FROM reminder WHERE key = 'gratitude'", "1");

  /* Opened, its schedule shows. */
  time = solace_reminder_row_get_time_row (gratitude);
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (gratitude), TRUE);
  solace_test_spin (400);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (time)));

  /* 20:30 instead: the hour down once, the minute up six steps of 5. */
  gtk_spin_button_spin (solace_time_row_get_hour_button (time), GTK_SPIN_STEP_BACKWARD, 1);
  for (guint i = 0; i < 6; i++)
    gtk_spin_button_spin (solace_time_row_get_minute_button (time), GTK_SPIN_STEP_FORWARD, 5);
  wait_saved (f);

  g_assert_cmpstr (adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (gratitude)), ==, "Every day at 20:30");
  assert_query (f, "SELECT rrule FROM reminder WHERE key = 'gratitude'", "FREQ=DAILY");
  assert_query (f, "SELECT substr (dtstart, 9) FROM reminder WHERE key = 'gratitude'", "T203000");
  /* Only the one reminder changed. */
  assert_query (f, "SELECT count(*) FROM reminder WHERE enabled", "1");

  /* Closed and opened again: it reads back what was saved. */
  gtk_window_destroy (GTK_WINDOW (f->prefs));
  f->prefs = show_prefs (f);
  gratitude = row (f, "gratitude");
  g_assert_true (adw_expander_row_get_enable_expansion (ADW_EXPANDER_ROW (gratitude)));
  g_assert_cmpuint (solace_time_row_get_minutes (solace_reminder_row_get_time_row (gratitude)), ==, 20 * 60 + 30);
}

static void
test_chosen_days (Fixture       *f,
                  gconstpointer  data)
{
  SolaceReminderRow *friend;

  open_prefs (f);
  friend = row (f, "nudge-friend");
  adw_expander_row_set_enable_expansion (ADW_EXPANDER_ROW (friend), TRUE);

  /* Built in as Wednesdays and Saturdays at 18:00. */
  g_assert_cmpint (adw_combo_row_get_selected (solace_reminder_row_get_repeat_row (friend)), ==, SOLACE_REPEAT_WEEKDAYS);
  g_assert_true (gtk_toggle_button_get_active (solace_reminder_row_get_day_button (friend, 2)));
  g_assert_true (gtk_toggle_button_get_active (solace_reminder_row_get_day_button (friend, 5)));

  /* Sunday too, and not Wednesday. */
  gtk_toggle_button_set_active (solace_reminder_row_get_day_button (friend, 6), TRUE);
  gtk_toggle_button_set_active (solace_reminder_row_get_day_button (friend, 2), FALSE);
  wait_saved (f);
  assert_query (f, "SELECT rrule FROM reminder WHERE key = 'nudge-friend'", "FREQ=WEEKLY;BYDAY=SA,SU");
  g_assert_cmpstr (adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (friend)), ==, "Weekends at 18:00");

  /* Every day unticked would mean never: one day stays on. */
  gtk_toggle_button_set_active (solace_reminder_row_get_day_button (friend, 5), FALSE);
  gtk_toggle_button_set_active (solace_reminder_row_get_day_button (friend, 6), FALSE);
  wait_saved (f);
  {
    g_autofree char *rule = query (f, "SELECT rrule FROM reminder WHERE key = 'nudge-friend'");
    g_assert_true (g_str_has_prefix (rule, "FREQ=WEEKLY;BYDAY="));
    g_assert_cmpuint (strlen (rule), ==, strlen ("FREQ=WEEKLY;BYDAY=MO"));
  }

  /* Every day instead. */
  adw_combo_row_set_selected (solace_reminder_row_get_repeat_row (friend), SOLACE_REPEAT_DAILY);
  wait_saved (f);
  assert_query (f, "SELECT rrule FROM reminder WHERE key = 'nudge-friend'", "FREQ=DAILY");
}

/* On a 12-hour clock the hour reads 1 to 12 with AM or PM beside the
 * minutes; the time itself is the same. */
static void
test_twelve_hour_clock (void)
{
  SolaceTimeRow *time;
  GtkSpinButton *hour;
  GtkButton *am_pm;

  solace_locale_set_12_hour_clock (TRUE);
  time = SOLACE_TIME_ROW (g_object_ref_sink (solace_time_row_new ("Time")));
  hour = solace_time_row_get_hour_button (time);
  am_pm = solace_time_row_get_am_pm_button (time);
  g_assert_nonnull (am_pm);

  solace_time_row_set_minutes (time, 21 * 60 + 5);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (hour)), ==, "9");
  g_assert_cmpstr (gtk_button_get_label (am_pm), ==, "PM");

  /* The other half of the day. */
  g_signal_emit_by_name (am_pm, "clicked");
  g_assert_cmpuint (solace_time_row_get_minutes (time), ==, 9 * 60 + 5);
  g_assert_cmpstr (gtk_button_get_label (am_pm), ==, "AM");

  /* A typed hour keeps the half of the day shown; one past 12 is read
   * on a 24-hour clock. */
  gtk_editable_set_text (GTK_EDITABLE (hour), "11");
  gtk_spin_button_update (hour);
  g_assert_cmpuint (solace_time_row_get_minutes (time), ==, 11 * 60 + 5);
  gtk_spin_button_spin (hour, GTK_SPIN_STEP_FORWARD, 1);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (hour)), ==, "12");
  g_assert_cmpstr (gtk_button_get_label (am_pm), ==, "PM");
  g_assert_cmpuint (solace_time_row_get_minutes (time), ==, 12 * 60 + 5);
  gtk_editable_set_text (GTK_EDITABLE (hour), "18");
  gtk_spin_button_update (hour);
  g_assert_cmpuint (solace_time_row_get_minutes (time), ==, 18 * 60 + 5);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (hour)), ==, "6");
  g_assert_finalize_object (time);

  /* On a 24-hour clock there is no such button. */
  solace_locale_set_12_hour_clock (FALSE);
  time = SOLACE_TIME_ROW (g_object_ref_sink (solace_time_row_new ("Time")));
  g_assert_null (solace_time_row_get_am_pm_button (time));
  solace_time_row_set_minutes (time, 7 * 60);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (solace_time_row_get_hour_button (time))), ==, "07");
  g_assert_finalize_object (time);
  solace_locale_set_12_hour_clock (-1);
}

static void
test_several_times_a_day (Fixture       *f,
                          gconstpointer  data)
{
  SolaceReminderRow *breathe;

  open_prefs (f);
  breathe = row (f, "nudge-breathe");

  /* Built in: every 3 hours from 10:00 to 19:00. */
  g_assert_cmpstr (adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (breathe)), ==,
                   "Every 3 hours from 10:00 to 19:00");
  adw_expander_row_set_enable_expansion (ADW_EXPANDER_ROW (breathe), TRUE);
  /* Start an hour earlier. */
  gtk_spin_button_spin (solace_time_row_get_hour_button (solace_reminder_row_get_time_row (breathe)),
                        GTK_SPIN_STEP_BACKWARD, 1);
  wait_saved (f);
  assert_query (f, "SELECT rrule FROM reminder WHERE key = 'nudge-breathe'",
                "FREQ=DAILY;BYHOUR=9,12,15,18;BYMINUTE=0");
  assert_query (f, "SELECT enabled FROM reminder WHERE key = 'nudge-breathe'", "1");
}

static void
test_quiet_hours_and_discreet (Fixture       *f,
                               gconstpointer  data)
{
  GtkSwitch *discreet = NULL;
  AdwExpanderRow *quiet = NULL;
  SolaceTimeRow *from;

  open_prefs (f);

  /* Found as a person would: by what the rows say. */
  discreet = GTK_SWITCH (solace_test_find_widget (GTK_WIDGET (f->prefs), GTK_TYPE_SWITCH, "Discreet Notifications"));
  quiet = ADW_EXPANDER_ROW (solace_test_find_widget (GTK_WIDGET (f->prefs), ADW_TYPE_EXPANDER_ROW, "Quiet Hours"));
  g_assert_nonnull (discreet);
  g_assert_nonnull (quiet);
  g_assert_true (adw_expander_row_get_enable_expansion (quiet));

  /* A switch moves over a short animation. */
  gtk_widget_activate (GTK_WIDGET (discreet));
  solace_test_spin (400);
  g_assert_true (gtk_switch_get_active (discreet));
  wait_saved (f);
  assert_query (f, "SELECT value FROM reminder_setting WHERE name = 'discreet'", "1");

  from = SOLACE_TIME_ROW (solace_test_find_widget (GTK_WIDGET (quiet), SOLACE_TYPE_TIME_ROW, "From"));
  g_assert_nonnull (from);
  g_assert_cmpuint (solace_time_row_get_minutes (from), ==, 22 * 60 + 30);
  gtk_spin_button_spin (solace_time_row_get_hour_button (from), GTK_SPIN_STEP_FORWARD, 1);
  wait_saved (f);
  assert_query (f, "SELECT value FROM reminder_setting WHERE name = 'quiet-start'", "1410");

  adw_expander_row_set_enable_expansion (quiet, FALSE);
  wait_saved (f);
  assert_query (f, "SELECT value FROM reminder_setting WHERE name = 'quiet-enabled'", "0");
  /* Untouched by the rest. */
  assert_query (f, "SELECT value FROM reminder_setting WHERE name = 'quiet-end'", "450");
}

static gboolean
file_exists (gpointer data)
{
  return g_file_test (data, G_FILE_TEST_EXISTS);
}

static gboolean
file_gone (gpointer data)
{
  return !g_file_test (data, G_FILE_TEST_EXISTS);
}

static void
test_autostart (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *path = solace_application_dup_autostart_path ();
  g_autofree char *contents = NULL;
  g_autoptr(GKeyFile) keyfile = g_key_file_new ();
  g_autofree char *exec = NULL;
  g_autofree char *expected = NULL;
  g_autoptr(GSettings) settings = g_settings_new ("io.github.solace_app.Solace");
  GtkSwitch *background;

  g_assert_true (g_str_has_prefix (path, g_get_user_config_dir ()));
  g_remove (path);

  /* On by default: the entry is written when Solace starts. */
  open_prefs (f);
  g_assert_true (solace_test_wait_until (file_exists, path, 5000));
  g_assert_true (g_key_file_load_from_file (keyfile, path, G_KEY_FILE_NONE, NULL));
  exec = g_key_file_get_string (keyfile, "Desktop Entry", "Exec", NULL);
  expected = g_strdup_printf ("\"%s\" --background", g_getenv ("SOLACE_APP_PROGRAM"));
  g_assert_cmpstr (exec, ==, expected);
  g_assert_true (g_key_file_get_boolean (keyfile, "Desktop Entry", "X-GNOME-Autostart-enabled", NULL));
  g_assert_true (g_key_file_get_boolean (keyfile, "Desktop Entry", "NoDisplay", NULL));

  background = GTK_SWITCH (solace_test_find_widget (GTK_WIDGET (f->prefs), GTK_TYPE_SWITCH, "Run in Background"));
  g_assert_nonnull (background);
  g_assert_true (gtk_switch_get_active (background));

  /* Off removes it; on puts it back; quickly toggled, the last wins. */
  gtk_widget_activate (GTK_WIDGET (background));
  g_assert_true (solace_test_wait_until (file_gone, path, 5000));
  g_assert_false (g_settings_get_boolean (settings, "run-in-background"));
  g_settings_set_boolean (settings, "run-in-background", TRUE);
  g_settings_set_boolean (settings, "run-in-background", FALSE);
  g_settings_set_boolean (settings, "run-in-background", TRUE);
  g_assert_true (gtk_switch_get_active (background));
  g_assert_true (solace_test_wait_until (file_exists, path, 5000));
  solace_test_spin (300);
  g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));
}

static void
test_notification_actions (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new ("io.github.solace_app.Solace");
  g_autofree char *page = NULL;
  SolaceJournalEditor *editor;
  SolaceJournalEntry *entry;

  f->app = solace_test_app_start (FALSE, &f->window);

  /* What "Write" on the gratitude notification asks for. */
  g_action_group_activate_action (G_ACTION_GROUP (f->app), "new-entry", g_variant_new_string ("gratitude"));
  solace_test_spin (100);
  page = g_settings_get_string (settings, "last-page");
  g_assert_cmpstr (page, ==, "journal");
  editor = solace_journal_page_get_editor (solace_window_get_journal_page (SOLACE_WINDOW (f->window)));
  entry = solace_journal_editor_get_entry (editor);
  g_assert_nonnull (entry);
  g_assert_cmpint (solace_journal_entry_get_kind (entry), ==, SOLACE_ENTRY_KIND_GRATITUDE);

  /* What a click on a nudge asks for. */
  g_action_group_activate_action (G_ACTION_GROUP (f->app), "show-page", g_variant_new_string ("today"));
  solace_test_spin (50);
  g_clear_pointer (&page, g_free);
  page = g_settings_get_string (settings, "last-page");
  g_assert_cmpstr (page, ==, "today");

  /* Nonsense from the bus changes nothing. */
  g_action_group_activate_action (G_ACTION_GROUP (f->app), "show-page", g_variant_new_string ("../../etc"));
  g_action_group_activate_action (G_ACTION_GROUP (f->app), "new-entry", g_variant_new_string ("no-such-kind"));
  solace_test_spin (50);
  entry = solace_journal_editor_get_entry (editor);
  g_assert_cmpint (solace_journal_entry_get_kind (entry), ==, SOLACE_ENTRY_KIND_REFLECTION);
}

static gboolean
name_owned (gpointer data)
{
  GDBusConnection *bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, NULL);
  g_autoptr(GVariant) reply = NULL;
  gboolean owned = FALSE;

  reply = g_dbus_connection_call_sync (bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                       "org.freedesktop.DBus", "NameHasOwner",
                                       g_variant_new ("(s)", REMINDERS_ID), G_VARIANT_TYPE ("(b)"),
                                       G_DBUS_CALL_FLAGS_NONE, -1, NULL, NULL);
  if (reply != NULL)
    g_variant_get (reply, "(b)", &owned);
  g_object_unref (bus);

  return GPOINTER_TO_INT (data) ? owned : !owned;
}

static gboolean
quit_cb (gpointer app)
{
  g_action_group_activate_action (G_ACTION_GROUP (app), "quit", NULL);
  return G_SOURCE_REMOVE;
}

static void
test_window_starts_the_service (Fixture       *f,
                                gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new ("io.github.solace_app.Solace");

  g_assert_true (name_owned (GINT_TO_POINTER (FALSE)));

  /* Opening the window starts the reminder service. */
  f->app = solace_test_app_start (TRUE, &f->window);
  g_assert_true (solace_test_wait_until (name_owned, GINT_TO_POINTER (TRUE), 10000));

  /* Without "Run in background", it stops when Solace quits. */
  g_settings_set_boolean (settings, "run-in-background", FALSE);
  g_idle_add (quit_cb, f->app);
  g_assert_cmpint (g_application_run (G_APPLICATION (f->app), 0, NULL), ==, 0);
  f->window = NULL;
  g_clear_object (&f->app);
  g_assert_true (solace_test_wait_until (name_owned, GINT_TO_POINTER (FALSE), 10000));
}

static void
test_damaged_rule (Fixture       *f,
                   gconstpointer  data)
{
  SolaceReminderRow *check_in;

  /* A rule damaged on disk. */
  f->app = solace_test_app_start (FALSE, &f->window);
  solace_test_exec (f->path, "UPDATE reminder SET rrule = 'FREQ=DAILY;BYMONTHDAY=40' WHERE key = 'check-in'");
  f->prefs = show_prefs (f);
  check_in = row (f, "check-in");

  g_assert_cmpstr (adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (check_in)), ==,
                   "This schedule could not be read; choose a new one");
  g_assert_false (adw_expander_row_get_enable_expansion (ADW_EXPANDER_ROW (check_in)));

  /* Turning it on replaces it with what the rows show. */
  adw_expander_row_set_enable_expansion (ADW_EXPANDER_ROW (check_in), TRUE);
  wait_saved (f);
  assert_query (f, "SELECT rrule || ' ' || enabled FROM reminder WHERE key = 'check-in'", "FREQ=DAILY 1");
  g_assert_cmpstr (adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (check_in)), ==, "Every day at 21:00");
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *home = solace_test_app_init (&argc, &argv);
  int ret;

#define ADD(name, func) g_test_add (name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/reminders-ui/turn-on-and-set-time", test_turn_on_and_set_time);
  ADD ("/reminders-ui/chosen-days", test_chosen_days);
  ADD ("/reminders-ui/several-times-a-day", test_several_times_a_day);
  g_test_add_func ("/reminders-ui/twelve-hour-clock", test_twelve_hour_clock);
  ADD ("/reminders-ui/quiet-hours-and-discreet", test_quiet_hours_and_discreet);
  ADD ("/reminders-ui/autostart", test_autostart);
  ADD ("/reminders-ui/notification-actions", test_notification_actions);
  ADD ("/reminders-ui/window-starts-the-service", test_window_starts_the_service);
  ADD ("/reminders-ui/damaged-rule", test_damaged_rule);
#undef ADD

  ret = g_test_run ();
  solace_test_rm_rf (home);

  return ret;
}
