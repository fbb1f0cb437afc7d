/* solace-progress-report-dialog.c — choose the days and parts of a
 * progress report, and make it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The report is made in a worker thread (solace_progress_report_make_async());
 * the worker writes how far it got into a counter the window reads ten
 * times a second for its progress bar, so nothing waits on the main
 * loop.  The file chooser is GtkFileChooserNative; the application turns
 * off GTK's recent files for every display, so the report is never
 * listed there.
 */
#define G_LOG_DOMAIN "solace-progress-report-dialog"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "solace-progress-report-dialog.h"
#include "solace-progress.h"

struct _SolaceProgressReportDialog
{
  AdwWindow          parent_instance;

  AdwPreferencesGroup *period_group;
  AdwComboRow        *preset_row;
  AdwPreferencesGroup *parts_group;
  GtkProgressBar     *progress_bar;
  GtkLabel           *status_label;
  GtkButton          *cancel_button;
  GtkButton          *make_button;

  GtkCalendar        *from_calendar;
  GtkCalendar        *until_calendar;
  GtkMenuButton      *from_button;
  GtkMenuButton      *until_button;
  GtkCheckButton     *part_checks[SOLACE_REPORT_N_PARTS];
  GtkCheckButton     *kind_checks[SOLACE_N_ENTRY_KINDS];
  AdwExpanderRow     *journal_row;

  SolaceDatabase     *db;
  GCancellable       *cancellable;
  gint               *permille;      /* shared with the worker, a GRcBox */
  guint               progress_id;
  gboolean            busy;
  gboolean            setting_preset;
  gboolean            disposed;
};

G_DEFINE_FINAL_TYPE (SolaceProgressReportDialog, solace_progress_report_dialog, ADW_TYPE_WINDOW)

enum { PRESET_4_WEEKS, PRESET_3_MONTHS, PRESET_EVERYTHING, PRESET_CHOSEN };

enum { FINISHED, N_SIGNALS };
static guint signals[N_SIGNALS];

static const SolaceReportPart shown_parts[] = {
  SOLACE_REPORT_STRETCHES, SOLACE_REPORT_URGES, SOLACE_REPORT_MOOD, SOLACE_REPORT_SELF_CARE,
  SOLACE_REPORT_INCIDENTS, SOLACE_REPORT_INCIDENT_RECORDS, SOLACE_REPORT_NOTES,
};

static guint
part_index (SolaceReportPart part)
{
  return (guint) g_bit_nth_lsf (part, -1);
}

static GDate
today (void)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_local ();
  g_autoptr(GDate) day = solace_local_day (tz, g_get_real_time () / G_USEC_PER_SEC);

  return *day;
}

static GDate
calendar_day (GtkCalendar *calendar)
{
  g_autoptr(GDateTime) date = gtk_calendar_get_date (calendar);
  GDate day;

  g_date_clear (&day, 1);
  g_date_set_dmy (&day, g_date_time_get_day_of_month (date), g_date_time_get_month (date),
                  g_date_time_get_year (date));
  return day;
}

static void
calendar_set_day (GtkCalendar *calendar,
                  const GDate *day)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_local ();
  g_autoptr(GDateTime) date = g_date_time_new (tz, g_date_get_year (day), g_date_get_month (day),
                                               g_date_get_day (day), 12, 0, 0);

  gtk_calendar_select_day (calendar, date);
}

static void
update_date_button (GtkMenuButton *button,
                    GtkCalendar   *calendar,
                    const char    *title)
{
  GDate day = calendar_day (calendar);
  char text[128];
  g_autofree char *accessible = NULL;

  /* Translators: a day on the report window's buttons, "3 March 2026". */
  if (g_date_strftime (text, sizeof text, _("%-d %B %Y"), &day) == 0)
    text[0] = '\0';
  gtk_menu_button_set_label (button, text);
  /* Translators: the accessible name of a date button, "From: 3 March 2026". */
  accessible = g_strdup_printf (_("%s: %s"), title, text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
}

static void
update_dates (SolaceProgressReportDialog *self)
{
  update_date_button (self->from_button, self->from_calendar, _("From"));
  update_date_button (self->until_button, self->until_calendar, _("Until"));
}

static void
preset_changed_cb (SolaceProgressReportDialog *self)
{
  guint preset = adw_combo_row_get_selected (self->preset_row);
  GDate until = today ();
  GDate from = until;

  if (preset == PRESET_CHOSEN)
    return;

  if (preset == PRESET_4_WEEKS)
    g_date_subtract_days (&from, 27);
  else if (preset == PRESET_3_MONTHS)
    {
      g_date_subtract_months (&from, 3);
      g_date_add_days (&from, 1);
    }

  self->setting_preset = TRUE;
  calendar_set_day (self->until_calendar, &until);
  calendar_set_day (self->from_calendar, &from);
  self->setting_preset = FALSE;
  gtk_widget_set_sensitive (GTK_WIDGET (self->from_button), preset != PRESET_EVERYTHING);
  update_dates (self);
}

static void
day_selected_cb (SolaceProgressReportDialog *self)
{
  update_dates (self);
  if (!self->setting_preset)
    adw_combo_row_set_selected (self->preset_row, PRESET_CHOSEN);
}

static void
incidents_toggled_cb (SolaceProgressReportDialog *self)
{
  gboolean on = gtk_check_button_get_active (self->part_checks[part_index (SOLACE_REPORT_INCIDENTS)]);
  GtkWidget *row = gtk_widget_get_ancestor (GTK_WIDGET (self->part_checks[part_index (SOLACE_REPORT_INCIDENT_RECORDS)]),
                                            ADW_TYPE_ACTION_ROW);

  gtk_widget_set_sensitive (row, on);
}

static GtkWidget *
date_row (SolaceProgressReportDialog  *self,
          const char                  *title,
          GtkCalendar                **calendar,
          GtkMenuButton              **button)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *popover = gtk_popover_new ();

  *calendar = GTK_CALENDAR (gtk_calendar_new ());
  *button = GTK_MENU_BUTTON (gtk_menu_button_new ());
  gtk_popover_set_child (GTK_POPOVER (popover), GTK_WIDGET (*calendar));
  gtk_menu_button_set_popover (*button, popover);
  gtk_widget_set_valign (GTK_WIDGET (*button), GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (GTK_WIDGET (*button), "flat");
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), GTK_WIDGET (*button));
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), GTK_WIDGET (*button));
  g_signal_connect_swapped (*calendar, "day-selected", G_CALLBACK (day_selected_cb), self);

  return row;
}

static GtkCheckButton *
check_row (GtkWidget  *parent,
           const char *title,
           gboolean    active)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *check = gtk_check_button_new ();

  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), active);
  gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
  if (ADW_IS_EXPANDER_ROW (parent))
    adw_expander_row_add_row (ADW_EXPANDER_ROW (parent), row);
  else
    adw_preferences_group_add (ADW_PREFERENCES_GROUP (parent), row);

  return GTK_CHECK_BUTTON (check);
}

static void
set_busy (SolaceProgressReportDialog *self,
          gboolean                    busy)
{
  self->busy = busy;
  gtk_widget_set_visible (GTK_WIDGET (self->progress_bar), busy);
  gtk_widget_set_visible (GTK_WIDGET (self->cancel_button), busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "report.make", !busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "report.cancel", busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->period_group), !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->parts_group), !busy);
  if (!busy)
    g_clear_handle_id (&self->progress_id, g_source_remove);
}

static void
show_status (SolaceProgressReportDialog *self,
             const char                 *text,
             gboolean                    error)
{
  gtk_label_set_text (self->status_label, text);
  gtk_widget_set_visible (GTK_WIDGET (self->status_label), TRUE);
  if (error)
    gtk_widget_add_css_class (GTK_WIDGET (self->status_label), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), "error");
}

static void
progress_cb (double   fraction,
             gpointer user_data)
{
  g_atomic_int_set ((gint *) user_data, (gint) (fraction * 1000));
}

static gboolean
show_progress_cb (gpointer user_data)
{
  SolaceProgressReportDialog *self = user_data;

  gtk_progress_bar_set_fraction (self->progress_bar, g_atomic_int_get (self->permille) / 1000.0);
  return G_SOURCE_CONTINUE;
}

static void
made_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(SolaceProgressReportDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  gboolean ok = solace_progress_report_make_finish (result, &error);

  /* Closed meanwhile: the work was stopped, and there is no one to tell. */
  if (self->disposed)
    return;

  set_busy (self, FALSE);
  if (ok)
    {
      gtk_progress_bar_set_fraction (self->progress_bar, 1.0);
      show_status (self, _("The report is saved."), FALSE);
    }
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    show_status (self, _("Stopped: no report was made."), FALSE);
  else
    {
      g_autofree char *message = g_strdup_printf (_("Could not make the report: %s"), error->message);

      show_status (self, message, TRUE);
    }
  g_signal_emit (self, signals[FINISHED], 0, ok);
}

static void
chooser_response_cb (GtkNativeDialog            *chooser,
                     int                         response,
                     SolaceProgressReportDialog *self)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  if (file != NULL && g_file_peek_path (file) != NULL)
    solace_progress_report_dialog_make_to (self, g_file_peek_path (file));
  else if (file != NULL)
    show_status (self, _("Please choose a folder on this computer."), TRUE);

  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
}

static void
make_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  SolaceProgressReportDialog *self = SOLACE_PROGRESS_REPORT_DIALOG (widget);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  GtkFileChooserNative *chooser;
  GDate day = today ();
  char name[128];

  chooser = gtk_file_chooser_native_new (_("Save the Report"), GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _("_Save"), _("_Cancel"));
  gtk_file_filter_set_name (filter, _("PDF documents"));
  gtk_file_filter_add_pattern (filter, "*.pdf");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  /* Translators: the report's file name, as in strftime(3); keep the extension. */
  if (g_date_strftime (name, sizeof name, _("solace-progress-%Y-%m-%d.pdf"), &day) == 0)
    g_strlcpy (name, "solace-progress.pdf", sizeof name);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect_object (chooser, "response", G_CALLBACK (chooser_response_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  SolaceProgressReportDialog *self = SOLACE_PROGRESS_REPORT_DIALOG (widget);

  g_cancellable_cancel (self->cancellable);
}

static gboolean
solace_progress_report_dialog_close_request (GtkWindow *window)
{
  SolaceProgressReportDialog *self = SOLACE_PROGRESS_REPORT_DIALOG (window);

  g_cancellable_cancel (self->cancellable);

  return GTK_WINDOW_CLASS (solace_progress_report_dialog_parent_class)->close_request (window);
}

static void
solace_progress_report_dialog_dispose (GObject *object)
{
  SolaceProgressReportDialog *self = SOLACE_PROGRESS_REPORT_DIALOG (object);

  self->disposed = TRUE;
  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->progress_id, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), SOLACE_TYPE_PROGRESS_REPORT_DIALOG);

  G_OBJECT_CLASS (solace_progress_report_dialog_parent_class)->dispose (object);
}

static void
solace_progress_report_dialog_finalize (GObject *object)
{
  SolaceProgressReportDialog *self = SOLACE_PROGRESS_REPORT_DIALOG (object);

  g_clear_object (&self->db);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->permille, g_rc_box_release);

  G_OBJECT_CLASS (solace_progress_report_dialog_parent_class)->finalize (object);
}

static void
solace_progress_report_dialog_class_init (SolaceProgressReportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = solace_progress_report_dialog_dispose;
  object_class->finalize = solace_progress_report_dialog_finalize;
  window_class->close_request = solace_progress_report_dialog_close_request;

  /* Emitted when a report was made (TRUE) or not (FALSE). */
  signals[FINISHED] = g_signal_new ("finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_BOOLEAN);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/solace_app/Solace/gui/solace-progress-report-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, SolaceProgressReportDialog, period_group);
  gtk_widget_class_bind_template_child (widget_class, SolaceProgressReportDialog, preset_row);
  gtk_widget_class_bind_template_child (widget_class, SolaceProgressReportDialog, parts_group);
  gtk_widget_class_bind_template_child (widget_class, SolaceProgressReportDialog, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, SolaceProgressReportDialog, status_label);
  gtk_widget_class_bind_template_child (widget_class, SolaceProgressReportDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, SolaceProgressReportDialog, make_button);

  gtk_widget_class_install_action (widget_class, "report.make", NULL, make_action);
  gtk_widget_class_install_action (widget_class, "report.cancel", NULL, cancel_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
solace_progress_report_dialog_init (SolaceProgressReportDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->permille = g_rc_box_new0 (gint);

  adw_preferences_group_add (self->period_group,
                             date_row (self, _("From"), &self->from_calendar, &self->from_button));
  adw_preferences_group_add (self->period_group,
                             date_row (self, _("Until"), &self->until_calendar, &self->until_button));
  g_signal_connect_swapped (self->preset_row, "notify::selected", G_CALLBACK (preset_changed_cb), self);
  preset_changed_cb (self);

  for (guint i = 0; i < G_N_ELEMENTS (shown_parts); i++)
    {
      SolaceReportPart part = shown_parts[i];

      self->part_checks[part_index (part)] = check_row (GTK_WIDGET (self->parts_group),
                                                        solace_report_part_get_label (part),
                                                        (SOLACE_REPORT_DEFAULT_PARTS & part) != 0);
    }
  g_signal_connect_swapped (self->part_checks[part_index (SOLACE_REPORT_INCIDENTS)], "toggled",
                            G_CALLBACK (incidents_toggled_cb), self);
  incidents_toggled_cb (self);

  /* Journal entries: off, and when on, the kinds to include. */
  self->journal_row = ADW_EXPANDER_ROW (adw_expander_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->journal_row),
                                 solace_report_part_get_label (SOLACE_REPORT_JOURNAL));
  adw_expander_row_set_subtitle (self->journal_row, _("Only the kinds you tick"));
  adw_expander_row_set_show_enable_switch (self->journal_row, TRUE);
  adw_expander_row_set_enable_expansion (self->journal_row, FALSE);
  adw_preferences_group_add (self->parts_group, GTK_WIDGET (self->journal_row));
  for (guint k = 0; k < SOLACE_N_ENTRY_KINDS; k++)
    self->kind_checks[k] = check_row (GTK_WIDGET (self->journal_row), solace_entry_kind_get_label (k), FALSE);
  /* The switch acts for the part; a check of its own keeps the API one. */
  self->part_checks[part_index (SOLACE_REPORT_JOURNAL)] = GTK_CHECK_BUTTON (g_object_ref_sink (gtk_check_button_new ()));
  g_object_bind_property (self->journal_row, "enable-expansion",
                          self->part_checks[part_index (SOLACE_REPORT_JOURNAL)], "active",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  g_object_set_data_full (G_OBJECT (self), "journal-check",
                          self->part_checks[part_index (SOLACE_REPORT_JOURNAL)], g_object_unref);

  set_busy (self, FALSE);
}

SolaceProgressReportDialog *
solace_progress_report_dialog_new (SolaceDatabase *db)
{
  SolaceProgressReportDialog *self;

  g_return_val_if_fail (SOLACE_IS_DATABASE (db), NULL);

  self = g_object_new (SOLACE_TYPE_PROGRESS_REPORT_DIALOG, NULL);
  self->db = g_object_ref (db);
  return self;
}

GtkCheckButton *
solace_progress_report_dialog_get_check (SolaceProgressReportDialog *self,
                                         SolaceReportPart            part,
                                         SolaceEntryKind             kind)
{
  g_return_val_if_fail (SOLACE_IS_PROGRESS_REPORT_DIALOG (self), NULL);

  if (part == 0)
    return kind < SOLACE_N_ENTRY_KINDS ? self->kind_checks[kind] : NULL;
  return self->part_checks[part_index (part)];
}

void
solace_progress_report_dialog_get_options (SolaceProgressReportDialog  *self,
                                           SolaceProgressReportOptions *options)
{
  g_return_if_fail (SOLACE_IS_PROGRESS_REPORT_DIALOG (self));
  g_return_if_fail (options != NULL);

  memset (options, 0, sizeof *options);
  options->until = calendar_day (self->until_calendar);
  if (adw_combo_row_get_selected (self->preset_row) == PRESET_EVERYTHING)
    g_date_clear (&options->from, 1);
  else
    options->from = calendar_day (self->from_calendar);

  for (guint i = 0; i < SOLACE_REPORT_N_PARTS; i++)
    if (self->part_checks[i] != NULL && gtk_check_button_get_active (self->part_checks[i]))
      options->parts |= 1u << i;
  for (guint k = 0; k < SOLACE_N_ENTRY_KINDS; k++)
    if (gtk_check_button_get_active (self->kind_checks[k]))
      options->entry_kinds |= 1u << k;
}

void
solace_progress_report_dialog_make_to (SolaceProgressReportDialog *self,
                                       const char                 *path)
{
  SolaceProgressReportOptions options;

  g_return_if_fail (SOLACE_IS_PROGRESS_REPORT_DIALOG (self));
  g_return_if_fail (path != NULL);

  if (self->busy)
    return;

  solace_progress_report_dialog_get_options (self, &options);
  if (options.parts == 0)
    {
      show_status (self, _("Tick at least one part to make a report."), TRUE);
      g_signal_emit (self, signals[FINISHED], 0, FALSE);
      return;
    }

  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  g_atomic_int_set (self->permille, 0);
  gtk_progress_bar_set_fraction (self->progress_bar, 0);
  gtk_widget_set_visible (GTK_WIDGET (self->status_label), FALSE);
  set_busy (self, TRUE);
  self->progress_id = g_timeout_add (100, show_progress_cb, self);

  solace_progress_report_make_async (self->db, &options, path,
                                     progress_cb, g_rc_box_acquire (self->permille), g_rc_box_release,
                                     self->cancellable, made_cb, g_object_ref (self));
}

gboolean
solace_progress_report_dialog_get_busy (SolaceProgressReportDialog *self)
{
  g_return_val_if_fail (SOLACE_IS_PROGRESS_REPORT_DIALOG (self), FALSE);

  return self->busy;
}

GtkLabel *
solace_progress_report_dialog_get_status (SolaceProgressReportDialog *self)
{
  g_return_val_if_fail (SOLACE_IS_PROGRESS_REPORT_DIALOG (self), NULL);

  return self->status_label;
}
