/* solace-preferences-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "solace-preferences-window"

#include "config.h"

#include <glib/gi18n.h>

#include "solace-database.h"
#include "solace-file.h"
#include "solace-lock-setup.h"
#include "solace-preferences-window.h"
#include "solace-data-page.h"
#include "solace-reminder-row.h"
#include "solace-reminders.h"
#include "solace-time-row.h"

typedef struct
{
  char                   *key;       /* NULL: the preferences */
  gboolean                enabled;
  char                   *rrule;
  char                   *dtstart;
  SolaceReminderSettings  settings;
} Save;

struct _SolacePreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  AdwComboRow          *style_row;
  AdwActionRow         *location_row;
  AdwActionRow         *lock_setup_row;
  AdwActionRow         *lock_now_row;
  AdwComboRow          *auto_lock_row;
  AdwActionRow         *change_passphrase_row;
  AdwActionRow         *new_recovery_row;
  AdwActionRow         *remove_lock_row;
  AdwPreferencesPage   *reminders_page;
  AdwPreferencesGroup  *notifications_group;
  GtkSwitch            *run_background_switch;
  GtkSwitch            *discreet_switch;
  AdwPreferencesGroup  *daily_group;
  AdwPreferencesGroup  *nudges_group;
  AdwExpanderRow       *quiet_row;
  SolaceTimeRow        *quiet_from_row;
  SolaceTimeRow        *quiet_until_row;

  SolaceDataOwner      *owner;
  GSettings            *settings;
  SolaceDatabase       *database;
  SolaceReminderSettings reminder_settings;
  GPtrArray            *reminder_rows;
  GtkFileChooserNative *export_dialog;
  guint                 export_left_out;  /* reminders the last export left out */
  SolaceDataPage       *data_page;

  /* Saves run one after another, in the order they were made. */
  GQueue                saves;
  gboolean              saving;
  GCancellable         *cancellable;
};

G_DEFINE_FINAL_TYPE (SolacePreferencesWindow, solace_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

static const char * const schemes[] = { "default", "light", "dark" };
/* The "Lock Automatically" choices, in order; 0 is never. */
static const guint auto_lock_minutes[] = { 1, 5, 15, 30, 60, 0 };

static void save_next (SolacePreferencesWindow *self);

static void
save_free (Save *save)
{
  g_free (save->key);
  g_free (save->rrule);
  g_free (save->dtstart);
  g_free (save);
}

static void
toast_with_priority (SolacePreferencesWindow *self,
                     const char              *message,
                     AdwToastPriority         priority)
{
  g_autofree char *escaped = g_markup_escape_text (message, -1);
  AdwToast *toast = adw_toast_new (escaped);

  /* Toast titles are markup. */
  adw_toast_set_priority (toast, priority);
  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), toast);
}

static void
toast (SolacePreferencesWindow *self,
       const char              *message)
{
  toast_with_priority (self, message, ADW_TOAST_PRIORITY_NORMAL);
}

static void
style_selected_cb (SolacePreferencesWindow *self)
{
  guint selected = adw_combo_row_get_selected (self->style_row);

  if (selected < G_N_ELEMENTS (schemes))
    g_settings_set_string (self->settings, "color-scheme", schemes[selected]);
}

/* ---- The passphrase lock ------------------------------------------ */

static void
update_lock_rows (SolacePreferencesWindow *self)
{
  gboolean sealed = solace_data_owner_is_sealed (self->owner);
  gboolean writable = self->database != NULL && !solace_database_is_read_only (self->database);

  gtk_widget_set_visible (GTK_WIDGET (self->lock_setup_row), !sealed);
  gtk_widget_set_sensitive (GTK_WIDGET (self->lock_setup_row), writable);
  gtk_widget_set_visible (GTK_WIDGET (self->lock_now_row), sealed);
  gtk_widget_set_visible (GTK_WIDGET (self->auto_lock_row), sealed);
  gtk_widget_set_visible (GTK_WIDGET (self->change_passphrase_row), sealed);
  gtk_widget_set_visible (GTK_WIDGET (self->new_recovery_row), sealed);
  gtk_widget_set_visible (GTK_WIDGET (self->remove_lock_row), sealed);
  gtk_widget_set_sensitive (GTK_WIDGET (self->remove_lock_row), writable);
}

static void
auto_lock_changed_cb (SolacePreferencesWindow *self)
{
  guint minutes = g_settings_get_uint (self->settings, "auto-lock-minutes");
  guint best = G_N_ELEMENTS (auto_lock_minutes) - 1;

  /* A value set elsewhere shows as the nearest choice, and stays as
   * it is until one is made here. */
  if (minutes != 0)
    {
      guint best_distance = G_MAXUINT;

      for (guint i = 0; i < G_N_ELEMENTS (auto_lock_minutes); i++)
        {
          guint distance;

          if (auto_lock_minutes[i] == 0)
            continue;
          distance = minutes > auto_lock_minutes[i] ? minutes - auto_lock_minutes[i]
                                                    : auto_lock_minutes[i] - minutes;
          if (distance < best_distance)
            {
              best_distance = distance;
              best = i;
            }
        }
    }

  if (adw_combo_row_get_selected (self->auto_lock_row) != best)
    {
      g_signal_handlers_block_matched (self->auto_lock_row, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL, self);
      adw_combo_row_set_selected (self->auto_lock_row, best);
      g_signal_handlers_unblock_matched (self->auto_lock_row, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL, self);
    }
}

static void
auto_lock_selected_cb (SolacePreferencesWindow *self)
{
  guint selected = adw_combo_row_get_selected (self->auto_lock_row);

  if (selected < G_N_ELEMENTS (auto_lock_minutes))
    g_settings_set_uint (self->settings, "auto-lock-minutes", auto_lock_minutes[selected]);
}

static void
lock_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  SolacePreferencesWindow *self = SOLACE_PREFERENCES_WINDOW (widget);
  SolaceLockSetupMode mode;
  SolaceLockSetup *setup;
  GListModel *toplevels;

  if (g_str_equal (action_name, "prefs.lock-setup"))
    mode = SOLACE_LOCK_SETUP_SET_UP;
  else if (g_str_equal (action_name, "prefs.lock-change"))
    mode = SOLACE_LOCK_SETUP_CHANGE_PASSPHRASE;
  else if (g_str_equal (action_name, "prefs.lock-recovery"))
    mode = SOLACE_LOCK_SETUP_NEW_RECOVERY_KEY;
  else
    mode = SOLACE_LOCK_SETUP_REMOVE;

  /* Each needs the lock to be as the rows showed it. */
  if ((mode == SOLACE_LOCK_SETUP_SET_UP) == solace_data_owner_is_sealed (self->owner))
    return;

  /* One at a time: two would each think the key file theirs. */
  toplevels = gtk_window_get_toplevels ();
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (SOLACE_IS_LOCK_SETUP (window))
        {
          gtk_window_present (window);
          return;
        }
    }

  setup = solace_lock_setup_new (GTK_WINDOW (self), self->owner, mode);
  g_signal_connect_object (setup, "destroy", G_CALLBACK (update_lock_rows), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (setup));
}

static void
saved_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(SolacePreferencesWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  Save *save = g_queue_pop_head (&self->saves);
  gboolean ok;

  if (save->key != NULL)
    ok = solace_reminders_set_finish (result, &error);
  else
    ok = solace_reminders_save_settings_finish (result, &error);

  self->saving = FALSE;

  if (!ok)
    {
      g_autofree char *message = g_strdup_printf (_("Could not save the reminder: %s"), error->message);
      toast (self, message);
    }
  else if (g_queue_is_empty (&self->saves))
    /* Once everything is on disk, the service plans again. */
    solace_data_owner_replan_reminders (self->owner);

  save_free (save);
  save_next (self);
}

static void
save_next (SolacePreferencesWindow *self)
{
  Save *save;

  if (self->saving || g_queue_is_empty (&self->saves))
    return;

  save = g_queue_peek_head (&self->saves);
  self->saving = TRUE;

  /* The tasks hold the window: a save is never dropped by closing it. */
  if (save->key != NULL)
    solace_reminders_set_async (self->database, save->key, save->enabled,
                                save->rrule, save->dtstart,
                                g_get_real_time () / G_USEC_PER_SEC,
                                NULL, saved_cb, g_object_ref (self));
  else
    solace_reminders_save_settings_async (self->database, &save->settings,
                                          NULL, saved_cb, g_object_ref (self));
}

static void
queue_save (SolacePreferencesWindow *self,
            Save                    *save)
{
  g_queue_push_tail (&self->saves, save);
  save_next (self);
}

static void
reminder_changed_cb (SolaceReminderRow       *row,
                     gboolean                 enabled,
                     SolaceSchedule          *schedule,
                     SolacePreferencesWindow *self)
{
  SolaceReminder *reminder = solace_reminder_row_get_reminder (row);
  Save *save;

  if (schedule == NULL)
    return;

  save = g_new0 (Save, 1);
  save->key = g_strdup (solace_reminder_get_key (reminder));
  save->enabled = enabled;
  save->rrule = g_strdup (solace_schedule_get_rrule (schedule));
  save->dtstart = g_strdup (solace_schedule_get_dtstart (schedule));
  queue_save (self, save);
}

static void
settings_changed_cb (SolacePreferencesWindow *self)
{
  Save *save = g_new0 (Save, 1);

  self->reminder_settings.discreet = gtk_switch_get_active (self->discreet_switch);
  self->reminder_settings.quiet_enabled = adw_expander_row_get_enable_expansion (self->quiet_row);
  self->reminder_settings.quiet_start = solace_time_row_get_minutes (self->quiet_from_row);
  self->reminder_settings.quiet_end = solace_time_row_get_minutes (self->quiet_until_row);

  save->settings = self->reminder_settings;
  queue_save (self, save);
}

static void
export_written_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(SolacePreferencesWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!solace_file_write_private_finish (result, &error))
    {
      g_autofree char *message = g_strdup_printf (_("Could not export the schedules: %s"), error->message);
      toast (self, message);
      return;
    }

  if (self->export_left_out > 0)
    {
      g_autofree char *message = NULL;

      message = g_strdup_printf (ngettext ("Schedules exported. One reminder’s schedule could not be read, so it was "
                                           "left out: choose a new schedule for it here.",
                                           "Schedules exported. %u reminders’ schedules could not be read, so they were "
                                           "left out: choose new schedules for them here.",
                                           self->export_left_out),
                                 self->export_left_out);
      /* Said at once, not after earlier news of exports. */
      toast_with_priority (self, message, ADW_TOAST_PRIORITY_HIGH);
      return;
    }

  toast (self, _("Schedules exported"));
}

static void
export_response_cb (SolacePreferencesWindow *self,
                    int                      response,
                    GtkFileChooserNative    *dialog)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GPtrArray) reminders = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  char *ics;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
  g_clear_object (&self->export_dialog);

  if (file == NULL)
    return;

  reminders = solace_reminders_load (self->database, &error);
  if (reminders == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("Could not export the schedules: %s"), error->message);
      toast (self, message);
      return;
    }

  ics = solace_reminders_to_ics (reminders, self->reminder_settings.discreet,
                                 g_get_real_time () / G_USEC_PER_SEC, &self->export_left_out);
  bytes = g_bytes_new_take (ics, strlen (ics));
  if (g_file_peek_path (file) == NULL)
    {
      toast (self, _("Could not export the schedules: choose a folder on this computer"));
      return;
    }
  solace_file_write_private_async (g_file_peek_path (file), bytes, NULL, self->cancellable,
                                   export_written_cb, g_object_ref (self));
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  SolacePreferencesWindow *self = SOLACE_PREFERENCES_WINDOW (widget);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  if (self->export_dialog != NULL || self->database == NULL)
    return;

  self->export_dialog = gtk_file_chooser_native_new (_("Export Schedules"),
                                                     GTK_WINDOW (self),
                                                     GTK_FILE_CHOOSER_ACTION_SAVE,
                                                     _("_Export"), _("_Cancel"));
  gtk_file_filter_set_name (filter, _("Calendar files"));
  gtk_file_filter_add_mime_type (filter, "text/calendar");
  gtk_file_filter_add_pattern (filter, "*.ics");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->export_dialog), filter);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->export_dialog),
                                     /* Translators: a file name; keep the .ics. */
                                     _("solace-reminders.ics"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->export_dialog), TRUE);
  g_signal_connect_object (self->export_dialog, "response",
                           G_CALLBACK (export_response_cb), self, G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->export_dialog));
}

static void
build_reminders (SolacePreferencesWindow *self)
{
  g_autoptr(GPtrArray) reminders = NULL;
  g_autoptr(GError) error = NULL;

  self->quiet_from_row = SOLACE_TIME_ROW (solace_time_row_new (_("From")));
  self->quiet_until_row = SOLACE_TIME_ROW (solace_time_row_new (_("Until")));
  adw_expander_row_add_row (self->quiet_row, GTK_WIDGET (self->quiet_from_row));
  adw_expander_row_add_row (self->quiet_row, GTK_WIDGET (self->quiet_until_row));

  if (self->database == NULL ||
      !solace_reminders_load_settings (self->database, &self->reminder_settings, &error) ||
      (reminders = solace_reminders_load (self->database, &error)) == NULL)
    {
      gtk_widget_set_sensitive (GTK_WIDGET (self->reminders_page), FALSE);
      adw_preferences_group_set_description (self->notifications_group,
                                             _("Reminders cannot be changed until Solace can open your data."));
      return;
    }

  for (guint i = 0; i < reminders->len; i++)
    {
      SolaceReminder *reminder = g_ptr_array_index (reminders, i);
      GtkWidget *row;

      /* Boundary and session reminders live with what they are for. */
      if (solace_reminder_get_kind (reminder) == SOLACE_REMINDER_BOUNDARY ||
          solace_reminder_get_kind (reminder) == SOLACE_REMINDER_SESSION ||
          solace_reminder_get_kind (reminder) == SOLACE_REMINDER_MILESTONE)
        continue;

      row = solace_reminder_row_new (reminder);
      g_signal_connect_object (row, "changed", G_CALLBACK (reminder_changed_cb), self, 0);
      g_ptr_array_add (self->reminder_rows, row);

      if (solace_reminder_get_kind (reminder) == SOLACE_REMINDER_NUDGE)
        adw_preferences_group_add (self->nudges_group, row);
      else
        adw_preferences_group_add (self->daily_group, row);
    }

  gtk_switch_set_active (self->discreet_switch, self->reminder_settings.discreet);
  adw_expander_row_set_enable_expansion (self->quiet_row, self->reminder_settings.quiet_enabled);
  solace_time_row_set_minutes (self->quiet_from_row, self->reminder_settings.quiet_start);
  solace_time_row_set_minutes (self->quiet_until_row, self->reminder_settings.quiet_end);

  g_signal_connect_object (self->discreet_switch, "notify::active",
                           G_CALLBACK (settings_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->quiet_row, "notify::enable-expansion",
                           G_CALLBACK (settings_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->quiet_from_row, "changed",
                           G_CALLBACK (settings_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->quiet_until_row, "changed",
                           G_CALLBACK (settings_changed_cb), self, G_CONNECT_SWAPPED);

  if (solace_database_is_read_only (self->database))
    {
      gtk_widget_set_sensitive (GTK_WIDGET (self->reminders_page), FALSE);
      adw_preferences_group_set_description (self->notifications_group,
                                             _("Your data is open read-only, so reminders cannot be changed now."));
    }
}

static void
solace_preferences_window_dispose (GObject *object)
{
  SolacePreferencesWindow *self = (SolacePreferencesWindow *)object;

  g_cancellable_cancel (self->cancellable);
  if (self->export_dialog != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->export_dialog));
  g_clear_object (&self->export_dialog);
  g_clear_pointer (&self->reminder_rows, g_ptr_array_unref);

  G_OBJECT_CLASS (solace_preferences_window_parent_class)->dispose (object);
}

static void
solace_preferences_window_finalize (GObject *object)
{
  SolacePreferencesWindow *self = (SolacePreferencesWindow *)object;

  g_queue_clear_full (&self->saves, (GDestroyNotify) save_free);
  g_clear_object (&self->settings);
  g_clear_object (&self->database);
  g_clear_object (&self->owner);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (solace_preferences_window_parent_class)->finalize (object);
}

static void
solace_preferences_window_class_init (SolacePreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = solace_preferences_window_dispose;
  object_class->finalize = solace_preferences_window_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/solace_app/Solace/gui/solace-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, SolacePreferencesWindow, style_row);
  gtk_widget_class_bind_template_child (widget_class, SolacePreferencesWindow, location_row);
  gtk_widget_class_bind_template_child (widget_class, SolacePreferencesWindow, lock_setup_row);
  gtk_widget_class_bind_template_child (widget_class, SolacePreferencesWindow, lock_now_row);
  gtk_widget_class_bind_template_child (widget_class, SolacePreferencesWindow, auto_lock_row);
  gtk_widget_class_bind_template_child (widget_class, SolacePreferencesWindow, change_passphrase_row);
  gtk_widget_class_bind_template_child (widget_class, SolacePreferencesWindow, new_recovery_row);
  gtk_widget_class_bind_template_child (widget_class, SolacePreferencesWindow, remove_lock_row);
  gtk_widget_class_bind_template_child (widget_class, SolacePreferencesWindow, reminders_page);
  gtk_widget_class_bind_template_child (widget_class, SolacePreferencesWindow, notifications_group);
  gtk_widget_class_bind_template_child (widget_class, SolacePreferencesWindow, run_background_switch);
  gtk_widget_class_bind_template_child (widget_class, SolacePreferencesWindow, discreet_switch);
  gtk_widget_class_bind_template_child (widget_class, SolacePreferencesWindow, daily_group);
  gtk_widget_class_bind_template_child (widget_class, SolacePreferencesWindow, nudges_group);
  gtk_widget_class_bind_template_child (widget_class, SolacePreferencesWindow, quiet_row);

  gtk_widget_class_install_action (widget_class, "prefs.export", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "prefs.lock-setup", NULL, lock_action);
  gtk_widget_class_install_action (widget_class, "prefs.lock-change", NULL, lock_action);
  gtk_widget_class_install_action (widget_class, "prefs.lock-recovery", NULL, lock_action);
  gtk_widget_class_install_action (widget_class, "prefs.lock-remove", NULL, lock_action);
}

static void
solace_preferences_window_init (SolacePreferencesWindow *self)
{
  g_autofree char *path = solace_database_dup_default_path ();
  g_autofree char *escaped = g_markup_escape_text (path, -1);

  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->reminder_rows = g_ptr_array_new ();
  g_queue_init (&self->saves);
  solace_reminder_settings_init (&self->reminder_settings);

  /* Row subtitles are markup in libadwaita 1.2. */
  adw_action_row_set_subtitle (self->location_row, escaped);
}

/**
 * solace_preferences_window_new:
 * @owner: what holds the data open (the application): the settings and
 *   the data these preferences change come from it
 */
SolacePreferencesWindow *
solace_preferences_window_new (SolaceDataOwner *owner)
{
  SolacePreferencesWindow *self;
  g_autofree char *scheme = NULL;
  SolaceDatabase *database;

  g_return_val_if_fail (SOLACE_IS_DATA_OWNER (owner), NULL);

  self = g_object_new (SOLACE_TYPE_PREFERENCES_WINDOW, NULL);
  self->owner = g_object_ref (owner);
  self->settings = g_object_ref (solace_data_owner_get_settings (owner));
  database = solace_data_owner_get_database (owner);
  self->database = database != NULL ? g_object_ref (database) : NULL;

  scheme = g_settings_get_string (self->settings, "color-scheme");
  for (guint i = 0; i < G_N_ELEMENTS (schemes); i++)
    if (g_strcmp0 (scheme, schemes[i]) == 0)
      adw_combo_row_set_selected (self->style_row, i);

  g_signal_connect_swapped (self->style_row, "notify::selected", G_CALLBACK (style_selected_cb), self);
  g_settings_bind (self->settings, "run-in-background",
                   self->run_background_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);

  auto_lock_changed_cb (self);
  g_signal_connect_object (self->settings, "changed::auto-lock-minutes",
                           G_CALLBACK (auto_lock_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_swapped (self->auto_lock_row, "notify::selected", G_CALLBACK (auto_lock_selected_cb), self);
  update_lock_rows (self);

  build_reminders (self);
  self->data_page = solace_data_page_new (owner);
  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (self), ADW_PREFERENCES_PAGE (self->data_page));

  return self;
}

/* For the tests. */
SolaceReminderRow *
solace_preferences_window_get_reminder_row (SolacePreferencesWindow *self,
                                            const char              *key)
{
  g_return_val_if_fail (SOLACE_IS_PREFERENCES_WINDOW (self), NULL);

  for (guint i = 0; i < self->reminder_rows->len; i++)
    {
      SolaceReminderRow *row = g_ptr_array_index (self->reminder_rows, i);

      if (g_strcmp0 (solace_reminder_get_key (solace_reminder_row_get_reminder (row)), key) == 0)
        return row;
    }

  return NULL;
}

gboolean
solace_preferences_window_is_saving (SolacePreferencesWindow *self)
{
  g_return_val_if_fail (SOLACE_IS_PREFERENCES_WINDOW (self), FALSE);

  return self->saving || !g_queue_is_empty (&self->saves);
}

SolaceDataPage *
solace_preferences_window_get_data_page (SolacePreferencesWindow *self)
{
  g_return_val_if_fail (SOLACE_IS_PREFERENCES_WINDOW (self), NULL);

  return self->data_page;
}
