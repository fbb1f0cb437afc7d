/* solace-window.c — the main window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "solace-window"

#include "config.h"

#include <glib/gi18n.h>

#include "solace-widgets.h"
#include "solace-error.h"
#include "solace-journal-page.h"
#include "solace-today-page.h"
#include "solace-boundaries-page.h"
#include "solace-support-page.h"
#include "solace-window.h"
#include "solace-backup.h"
#include "solace-format.h"

struct _SolaceWindow
{
  AdwApplicationWindow  parent_instance;

  AdwToastOverlay      *toast_overlay;
  AdwViewStack         *stack;
  GtkRevealer          *read_only_revealer;
  GtkLabel             *read_only_label;
  GtkWidget            *today_bin;
  GtkWidget            *journal_bin;
  GtkWidget            *boundaries_bin;
  GtkWidget            *support_bin;

  /* Each page is built when it is first shown or asked for: until then
   * its place in the stack is an empty AdwBin, and it costs nothing at
   * start-up, neither to build nor to measure. */
  SolaceTodayPage      *today_page;
  SolaceJournalPage    *journal_page;
  SolaceBoundariesPage *boundaries_page;
  SolaceSupportPage    *support_page;
  GtkWidget            *lock_button;

  GSettings            *settings;
  SolaceDatabase       *database;
  SolaceJournalStore   *journal;
  SolaceBoundaryStore  *boundaries;
  SolaceContactStore   *contacts;
  char                 *read_only_reason;
  gboolean              sealed;
  gboolean              close_anyway;
};

G_DEFINE_FINAL_TYPE (SolaceWindow, solace_window, ADW_TYPE_APPLICATION_WINDOW)

/* What the window shows is given to it when it is made, by the
 * application that opened the data: the window never reaches for it. */
enum {
  PROP_0,
  PROP_SETTINGS,
  PROP_DATABASE,
  PROP_JOURNAL,
  PROP_BOUNDARIES,
  PROP_CONTACTS,
  PROP_READ_ONLY_REASON,
  PROP_SEALED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  REMINDERS_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Actions */

static void
page_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  solace_window_show_page (SOLACE_WINDOW (widget), g_variant_get_string (parameter, NULL));
}

static void
new_entry_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  SolaceWindow *self = SOLACE_WINDOW (widget);

  solace_window_new_entry (self, SOLACE_ENTRY_KIND_REFLECTION);
}

/* A new entry of the kind named (solace_entry_kind_to_key ()). */
static void
write_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  SolaceEntryKind kind = SOLACE_ENTRY_KIND_REFLECTION;

  solace_entry_kind_from_key (g_variant_get_string (parameter, NULL), &kind);
  solace_window_new_entry (SOLACE_WINDOW (widget), kind);
}

/* From any tab, in one step: the crisis lines, emergency number first. */
static void
when_to_talk_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  SolaceWindow *self = SOLACE_WINDOW (widget);

  solace_support_page_show_when_to_talk (solace_window_get_support_page (self));
}

/* "I want to reach out", from anywhere: Today, with its steps open. */
static void
reach_out_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  SolaceWindow *self = SOLACE_WINDOW (widget);

  solace_window_show_page (self, "today");
  solace_today_page_reach_out (solace_window_get_today_page (self));
}

static void
crisis_lines_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  SolaceWindow *self = SOLACE_WINDOW (widget);

  solace_window_show_page (self, "support");
  solace_support_page_focus_crisis_lines (solace_window_get_support_page (self));
}

/* The keyboard shortcuts, built the first time they are asked for
 * rather than with every window. */
static void
shortcuts_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  GtkApplicationWindow *window = GTK_APPLICATION_WINDOW (widget);
  GtkShortcutsWindow *shortcuts = gtk_application_window_get_help_overlay (window);

  if (shortcuts == NULL)
    {
      g_autoptr(GtkBuilder) builder = NULL;

      builder = gtk_builder_new_from_resource ("/io/github/solace_app/Solace/gui/solace-shortcuts-window.ui");
      shortcuts = GTK_SHORTCUTS_WINDOW (gtk_builder_get_object (builder, "help_overlay"));
      gtk_application_window_set_help_overlay (window, shortcuts);
    }

  gtk_window_present (GTK_WINDOW (shortcuts));
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  SolaceWindow *self = SOLACE_WINDOW (widget);

  solace_window_show_page (self, "journal");
  solace_journal_page_focus_search (solace_window_get_journal_page (self));
}

static void
boundaries_failed_cb (SolaceWindow *self,
                      const GError *error)
{
  g_autofree char *message = g_strdup_printf (_("Could not save: %s"), error->message);
  g_autofree char *escaped = g_markup_escape_text (message, -1);

  solace_toast_overlay_add (self->toast_overlay, adw_toast_new (escaped));
}

static void
store_failed_cb (SolaceWindow *self,
                 const GError *error)
{
  AdwMessageDialog *dialog;
  g_autofree char *body = NULL;
  const char *path = solace_database_get_path (self->database);

  if (g_error_matches (error, SOLACE_ERROR, SOLACE_ERROR_CORRUPT))
    body = g_strdup_printf (_("Part of your journal could not be read because the file is damaged. "
                              "Solace has not changed or repaired it.\n\nThe file is “%s”. "
                              "Keep a copy of it before trying anything else."),
                            path);
  else
    body = g_strdup_printf (_("Solace could not read your journal: %s\n\nThe file is “%s”. "
                              "Nothing has been changed."),
                            error->message, path);

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self),
                                                       _("Your Journal Couldn’t Be Read"),
                                                       body));
  adw_message_dialog_add_response (dialog, "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
close_response_cb (SolaceWindow *self,
                   const char   *response)
{
  if (g_strcmp0 (response, "close") == 0)
    {
      self->close_anyway = TRUE;
      gtk_window_close (GTK_WINDOW (self));
    }
}

static void
ask_close_anyway (SolaceWindow *self,
                  const GError *error)
{
  AdwMessageDialog *dialog;
  g_autofree char *body = NULL;

  body = g_strdup_printf (_("Solace could not save the entry you are writing: %s\n\n"
                            "If you close now, what you wrote since it was last saved will be lost. "
                            "Copy it somewhere else first if you can."),
                          error->message);
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self),
                                                       _("Your Writing Isn’t Saved"),
                                                       body));
  adw_message_dialog_add_responses (dialog,
                                    "keep", _("_Keep Writing"),
                                    "close", _("_Close Anyway"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "close", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "keep");
  adw_message_dialog_set_close_response (dialog, "keep");
  g_signal_connect_object (dialog, "response", G_CALLBACK (close_response_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static gboolean
solace_window_close_request (GtkWindow *window)
{
  SolaceWindow *self = SOLACE_WINDOW (window);
  int width, height;

  g_autoptr(GError) error = NULL;

  /* What is being written is saved now, before the window goes.  If it
   * cannot be, the window stays and says so, unless told to close. */
  if (!self->close_anyway && !solace_window_save_now (self, &error))
    {
      ask_close_anyway (self, error);
      return TRUE;
    }

  gtk_window_get_default_size (window, &width, &height);
  g_settings_delay (self->settings);
  g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (window));
  if (!gtk_window_is_maximized (window))
    {
      g_settings_set_int (self->settings, "window-width", width);
      g_settings_set_int (self->settings, "window-height", height);
    }
  g_settings_apply (self->settings);

  return GTK_WINDOW_CLASS (solace_window_parent_class)->close_request (window);
}

/* A page changed what a reminder says or when it comes: whoever runs
 * the reminders (the application) plans again. */
static void
reminders_changed_cb (SolaceWindow *self)
{
  g_signal_emit (self, signals[REMINDERS_CHANGED], 0);
}

/* ---- Pages, built when first needed ------------------------------- */

static SolaceTodayPage *
build_today_page (SolaceWindow *self)
{
  SolaceTodayPage *page = g_object_new (SOLACE_TYPE_TODAY_PAGE, NULL);

  solace_today_page_set_database (page, self->database);
  solace_today_page_set_contacts (page, self->contacts);
  g_signal_connect_object (page, "reminders-changed",
                           G_CALLBACK (reminders_changed_cb), self, G_CONNECT_SWAPPED);
  adw_bin_set_child (ADW_BIN (self->today_bin), GTK_WIDGET (page));

  return page;
}

static SolaceJournalPage *
build_journal_page (SolaceWindow *self)
{
  SolaceJournalPage *page = g_object_new (SOLACE_TYPE_JOURNAL_PAGE, NULL);

  solace_journal_page_set_store (page, self->journal);
  adw_bin_set_child (ADW_BIN (self->journal_bin), GTK_WIDGET (page));

  return page;
}

static SolaceBoundariesPage *
build_boundaries_page (SolaceWindow *self)
{
  SolaceBoundariesPage *page = g_object_new (SOLACE_TYPE_BOUNDARIES_PAGE, NULL);

  solace_boundaries_page_set_data (page, self->boundaries, self->database);
  adw_bin_set_child (ADW_BIN (self->boundaries_bin), GTK_WIDGET (page));

  return page;
}

static SolaceSupportPage *
build_support_page (SolaceWindow *self)
{
  SolaceSupportPage *page = g_object_new (SOLACE_TYPE_SUPPORT_PAGE, NULL);
  g_autoptr(GError) lines_error = NULL;
  SolaceCrisisLines *lines;

  /* The crisis lines are read only with the page that lists them. */
  lines = solace_crisis_lines_load_default (&lines_error);
  solace_support_page_set_crisis_lines (page, lines, lines_error, self->settings);
  solace_support_page_set_contacts (page, self->contacts);
  g_signal_connect_object (page, "reminders-changed",
                           G_CALLBACK (reminders_changed_cb), self, G_CONNECT_SWAPPED);
  adw_bin_set_child (ADW_BIN (self->support_bin), GTK_WIDGET (page));

  return page;
}

/* Builds the page about to be shown, before its first frame. */
static void
visible_page_changed_cb (SolaceWindow *self)
{
  const char *name = adw_view_stack_get_visible_child_name (self->stack);

  if (g_strcmp0 (name, "today") == 0)
    solace_window_get_today_page (self);
  else if (g_strcmp0 (name, "journal") == 0)
    solace_window_get_journal_page (self);
  else if (g_strcmp0 (name, "boundaries") == 0)
    solace_window_get_boundaries_page (self);
  else if (g_strcmp0 (name, "support") == 0)
    solace_window_get_support_page (self);
}

static void
solace_window_constructed (GObject *object)
{
  SolaceWindow *self = SOLACE_WINDOW (object);

  G_OBJECT_CLASS (solace_window_parent_class)->constructed (object);

  g_return_if_fail (G_IS_SETTINGS (self->settings));

  /* Only with a passphrase is there anything to lock. */
  gtk_widget_set_visible (self->lock_button, self->sealed);

  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));

  if (self->journal != NULL)
    g_signal_connect_object (self->journal, "failed", G_CALLBACK (store_failed_cb), self, G_CONNECT_SWAPPED);
  if (self->contacts != NULL)
    g_signal_connect_object (self->contacts, "failed",
                             G_CALLBACK (boundaries_failed_cb), self, G_CONNECT_SWAPPED);
  if (self->boundaries != NULL)
    g_signal_connect_object (self->boundaries, "failed", G_CALLBACK (boundaries_failed_cb), self, G_CONNECT_SWAPPED);

  /* The page shown is built now, the others when first shown. */
  g_signal_connect_object (self->stack, "notify::visible-child-name",
                           G_CALLBACK (visible_page_changed_cb), self, G_CONNECT_SWAPPED);
  g_settings_bind (self->settings, "last-page", self->stack, "visible-child-name",
                   G_SETTINGS_BIND_DEFAULT);
  visible_page_changed_cb (self);

  if (self->read_only_reason != NULL)
    {
      g_autofree char *text = NULL;

      text = g_strdup_printf (_("Solace can show your data but cannot save changes: %s"),
                              self->read_only_reason);
      gtk_label_set_text (self->read_only_label, text);
      gtk_revealer_set_reveal_child (self->read_only_revealer, TRUE);
    }
}

static void
solace_window_dispose (GObject *object)
{
  SolaceWindow *self = (SolaceWindow *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), SOLACE_TYPE_WINDOW);

  G_OBJECT_CLASS (solace_window_parent_class)->dispose (object);
}

static void
solace_window_finalize (GObject *object)
{
  SolaceWindow *self = (SolaceWindow *)object;

  g_clear_object (&self->settings);
  g_clear_object (&self->database);
  g_clear_object (&self->journal);
  g_clear_object (&self->boundaries);
  g_clear_object (&self->contacts);
  g_clear_pointer (&self->read_only_reason, g_free);

  G_OBJECT_CLASS (solace_window_parent_class)->finalize (object);
}

static void
solace_window_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  SolaceWindow *self = SOLACE_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      g_value_set_object (value, self->settings);
      break;
    case PROP_DATABASE:
      g_value_set_object (value, self->database);
      break;
    case PROP_JOURNAL:
      g_value_set_object (value, self->journal);
      break;
    case PROP_BOUNDARIES:
      g_value_set_object (value, self->boundaries);
      break;
    case PROP_CONTACTS:
      g_value_set_object (value, self->contacts);
      break;
    case PROP_READ_ONLY_REASON:
      g_value_set_string (value, self->read_only_reason);
      break;
    case PROP_SEALED:
      g_value_set_boolean (value, self->sealed);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
solace_window_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  SolaceWindow *self = SOLACE_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      self->settings = g_value_dup_object (value);
      break;
    case PROP_DATABASE:
      self->database = g_value_dup_object (value);
      break;
    case PROP_JOURNAL:
      self->journal = g_value_dup_object (value);
      break;
    case PROP_BOUNDARIES:
      self->boundaries = g_value_dup_object (value);
      break;
    case PROP_CONTACTS:
      self->contacts = g_value_dup_object (value);
      break;
    case PROP_READ_ONLY_REASON:
      self->read_only_reason = g_value_dup_string (value);
      break;
    case PROP_SEALED:
      self->sealed = g_value_get_boolean (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
solace_window_class_init (SolaceWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = solace_window_constructed;
  object_class->dispose = solace_window_dispose;
  object_class->finalize = solace_window_finalize;
  object_class->get_property = solace_window_get_property;
  object_class->set_property = solace_window_set_property;
  window_class->close_request = solace_window_close_request;

  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL, G_TYPE_SETTINGS,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DATABASE] =
    g_param_spec_object ("database", NULL, NULL, SOLACE_TYPE_DATABASE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_JOURNAL] =
    g_param_spec_object ("journal", NULL, NULL, SOLACE_TYPE_JOURNAL_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_BOUNDARIES] =
    g_param_spec_object ("boundaries", NULL, NULL, SOLACE_TYPE_BOUNDARY_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CONTACTS] =
    g_param_spec_object ("contacts", NULL, NULL, SOLACE_TYPE_CONTACT_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* Why the data can be read but not written, or %NULL. */
  properties[PROP_READ_ONLY_REASON] =
    g_param_spec_string ("read-only-reason", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* Whether the data is behind a passphrase, so that there is a Lock button. */
  properties[PROP_SEALED] =
    g_param_spec_boolean ("sealed", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* A page changed a reminder: the reminder service should plan again. */
  signals[REMINDERS_CHANGED] =
    g_signal_new ("reminders-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/solace_app/Solace/gui/solace-window.ui");
  gtk_widget_class_bind_template_child (widget_class, SolaceWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, SolaceWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, SolaceWindow, lock_button);
  gtk_widget_class_bind_template_child (widget_class, SolaceWindow, read_only_revealer);
  gtk_widget_class_bind_template_child (widget_class, SolaceWindow, read_only_label);
  gtk_widget_class_bind_template_child (widget_class, SolaceWindow, today_bin);
  gtk_widget_class_bind_template_child (widget_class, SolaceWindow, journal_bin);
  gtk_widget_class_bind_template_child (widget_class, SolaceWindow, boundaries_bin);
  gtk_widget_class_bind_template_child (widget_class, SolaceWindow, support_bin);

  gtk_widget_class_install_action (widget_class, "win.page", "s", page_action);
  gtk_widget_class_install_action (widget_class, "win.new-entry", NULL, new_entry_action);
  gtk_widget_class_install_action (widget_class, "win.write", "s", write_action);
  gtk_widget_class_install_action (widget_class, "win.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "win.shortcuts", NULL, shortcuts_action);
  gtk_widget_class_install_action (widget_class, "win.crisis-lines", NULL, crisis_lines_action);
  gtk_widget_class_install_action (widget_class, "win.when-to-talk", NULL, when_to_talk_action);
  gtk_widget_class_install_action (widget_class, "win.reach-out", NULL, reach_out_action);
}

static void
solace_window_init (SolaceWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  if (DEVELOPMENT_BUILD)
    gtk_widget_add_css_class (GTK_WIDGET (self), "devel");
}

/**
 * solace_window_new:
 * @application: the application the window belongs to
 * @settings: Solace's settings
 * @database: (nullable): the open data
 * @journal: (nullable): its journal
 * @boundaries: (nullable): its boundaries
 * @contacts: (nullable): its people and lines
 * @read_only_reason: (nullable): why nothing can be saved, if so
 * @sealed: whether the data is behind a passphrase
 *
 * The main window, showing the data it is given.  Its
 * #SolaceWindow::reminders-changed says when the reminder service
 * should plan again.
 */
SolaceWindow *
solace_window_new (GtkApplication      *application,
                   GSettings           *settings,
                   SolaceDatabase      *database,
                   SolaceJournalStore  *journal,
                   SolaceBoundaryStore *boundaries,
                   SolaceContactStore  *contacts,
                   const char          *read_only_reason,
                   gboolean             sealed)
{
  g_return_val_if_fail (GTK_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  return g_object_new (SOLACE_TYPE_WINDOW,
                       "application", application,
                       "settings", settings,
                       "database", database,
                       "journal", journal,
                       "boundaries", boundaries,
                       "contacts", contacts,
                       "read-only-reason", read_only_reason,
                       "sealed", sealed,
                       NULL);
}

static void
error_quit_clicked_cb (GtkWindow *window)
{
  gtk_window_destroy (window);
}

/* How the error window puts a backup in the damaged file's place. */
typedef struct
{
  SolaceRestoreFunc func;
  gpointer          user_data;
} Restore;

static void
restore_clicked_cb (GtkButton *button,
                    GtkWindow *window)
{
  const char *backup = g_object_get_data (G_OBJECT (button), "backup");
  Restore *restore = g_object_get_data (G_OBJECT (window), "solace-restore");

  gtk_widget_set_sensitive (GTK_WIDGET (button), FALSE);
  restore->func (backup, restore->user_data);
}

static void
find_backup_thread (GTask        *task,
                    gpointer      source_object,
                    gpointer      task_data,
                    GCancellable *cancellable)
{
  g_autofree char *dir = solace_backup_dup_default_dir ();

  g_task_return_pointer (task, solace_backup_find_newest_good (dir), (GDestroyNotify) solace_backup_free);
}

/* A backup that passes its check was found: offer it above "Quit". */
static void
found_backup_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GtkWidget) box = user_data;
  g_autoptr(SolaceBackup) backup = g_task_propagate_pointer (G_TASK (result), NULL);
  GtkWidget *window = gtk_widget_get_ancestor (box, GTK_TYPE_WINDOW);
  g_autoptr(GDateTime) when = NULL;
  g_autofree char *date = NULL;
  g_autofree char *label = NULL;
  GtkWidget *button;

  if (backup == NULL || window == NULL || g_object_get_data (G_OBJECT (window), "solace-restore") == NULL)
    return;

  when = g_date_time_new_local (g_date_get_year (&backup->day), g_date_get_month (&backup->day),
                               g_date_get_day (&backup->day), 12, 0, 0);
  date = solace_format_long_date (when);
  /* Translators: %s is a date, "Thursday, 26 November 2026". */
  label = g_strdup_printf (_("_Restore the Backup of %s"), date);
  button = gtk_button_new_with_mnemonic (label);
  gtk_widget_add_css_class (button, "pill");
  gtk_widget_add_css_class (button, "suggested-action");
  gtk_widget_set_halign (button, GTK_ALIGN_CENTER);
  g_object_set_data_full (G_OBJECT (button), "backup", g_strdup (backup->path), g_free);
  g_signal_connect (button, "clicked", G_CALLBACK (restore_clicked_cb), window);
  gtk_box_prepend (GTK_BOX (box), button);
  /* The quit button steps back. */
  gtk_widget_remove_css_class (gtk_widget_get_last_child (box), "suggested-action");
  gtk_widget_grab_focus (button);
}

/**
 * solace_window_new_for_error:
 *
 * @application: the application the window belongs to
 * @error: why the data cannot be opened
 * @restore: (nullable): puts a backup in place of damaged data
 * @user_data: for @restore
 *
 * A window that says why Solace cannot open its data, where the file
 * is, and that nothing was changed.  Closing it quits.  Where a backup
 * that is whole can take the damaged file's place, it offers it, and
 * @restore does it.
 */
GtkWindow *
solace_window_new_for_error (GtkApplication    *application,
                             const GError      *error,
                             SolaceRestoreFunc  restore,
                             gpointer           user_data)
{
  GtkWidget *window, *toolbar, *header, *status, *button, *buttons;
  g_autofree char *description = NULL;
  g_autofree char *message = NULL;
  const char *title;
  const char *advice;

  if (g_error_matches (error, SOLACE_ERROR, SOLACE_ERROR_NOT_A_DATABASE))
    {
      title = _("This Isn’t a Solace Database");
      advice = _("If this file was your journal, it may be damaged: keep a copy somewhere safe. "
                 "Once it is moved away, Solace starts with an empty journal.");
    }
  else if (g_error_matches (error, SOLACE_ERROR, SOLACE_ERROR_CORRUPT))
    {
      title = _("Your Data File Is Damaged");
      advice = _("Keep a copy of the file. A backup made before the damage can be put in its place.");
    }
  else if (g_error_matches (error, SOLACE_ERROR, SOLACE_ERROR_NEWER_SCHEMA))
    {
      title = _("Made by a Newer Solace");
      advice = _("Update Solace to open it. This version has left it as it was, so nothing the newer one wrote is lost.");
    }
  else if (g_error_matches (error, SOLACE_ERROR, SOLACE_ERROR_DISK_FULL))
    {
      title = _("Your Disk Is Full");
      advice = _("Free some space and open Solace again. Nothing has been changed or deleted.");
    }
  else
    {
      title = _("Solace Can’t Open Your Data");
      advice = _("Check that the folder exists and that you are allowed to write to it. "
                 "Nothing has been changed or deleted.");
    }

  /* The database's own messages already say the file was not changed
   * where that is in doubt; the advice says what can be done. */
  /* The status page reads its description as markup. */
  message = g_markup_escape_text (error->message, -1);
  description = g_strdup_printf ("%s\n\n%s", message, advice);

  window = adw_application_window_new (application);
  if (restore != NULL)
    {
      Restore *r = g_new0 (Restore, 1);

      r->func = restore;
      r->user_data = user_data;
      g_object_set_data_full (G_OBJECT (window), "solace-restore", r, g_free);
    }
  gtk_window_set_title (GTK_WINDOW (window), _("Solace"));
  gtk_window_set_default_size (GTK_WINDOW (window), 560, 640);
  gtk_widget_set_size_request (window, 360, 360);

  toolbar = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  header = adw_header_bar_new ();
  gtk_box_append (GTK_BOX (toolbar), header);

  status = adw_status_page_new ();
  gtk_widget_set_vexpand (status, TRUE);
  adw_status_page_set_icon_name (ADW_STATUS_PAGE (status), "dialog-warning-symbolic");
  adw_status_page_set_title (ADW_STATUS_PAGE (status), title);
  adw_status_page_set_description (ADW_STATUS_PAGE (status), description);

  buttons = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  gtk_widget_set_halign (buttons, GTK_ALIGN_CENTER);
  button = gtk_button_new_with_mnemonic (_("_Quit"));
  gtk_widget_set_halign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "pill");
  gtk_widget_add_css_class (button, "suggested-action");
  g_signal_connect_swapped (button, "clicked", G_CALLBACK (error_quit_clicked_cb), window);
  gtk_box_append (GTK_BOX (buttons), button);
  adw_status_page_set_child (ADW_STATUS_PAGE (status), buttons);

  /* Damaged or not a database: the newest backup that is whole can take
   * its place.  Looking is a check of every page, so not here. */
  if (g_error_matches (error, SOLACE_ERROR, SOLACE_ERROR_NOT_A_DATABASE) ||
      g_error_matches (error, SOLACE_ERROR, SOLACE_ERROR_CORRUPT))
    {
      g_autoptr(GTask) task = g_task_new (NULL, NULL, found_backup_cb, g_object_ref (buttons));

      g_task_run_in_thread (task, find_backup_thread);
    }

  gtk_box_append (GTK_BOX (toolbar), status);
  adw_application_window_set_content (ADW_APPLICATION_WINDOW (window), toolbar);
  gtk_widget_grab_focus (button);

  return GTK_WINDOW (window);
}

void
solace_window_add_toast (SolaceWindow *self,
                         AdwToast     *toast)
{
  g_return_if_fail (SOLACE_IS_WINDOW (self));

  solace_toast_overlay_add (self->toast_overlay, toast);
}

void
solace_window_show_page (SolaceWindow *self,
                         const char   *name)
{
  g_return_if_fail (SOLACE_IS_WINDOW (self));

  if (adw_view_stack_get_child_by_name (self->stack, name) != NULL)
    adw_view_stack_set_visible_child_name (self->stack, name);
}

void
solace_window_new_entry (SolaceWindow    *self,
                         SolaceEntryKind  kind)
{
  g_return_if_fail (SOLACE_IS_WINDOW (self));

  solace_window_show_page (self, "journal");
  solace_journal_page_new_entry (solace_window_get_journal_page (self), kind);
}

void
solace_window_show_boundary (SolaceWindow *self,
                             const char   *uuid)
{
  g_return_if_fail (SOLACE_IS_WINDOW (self));

  solace_window_show_page (self, "boundaries");
  solace_boundaries_page_show_boundary (solace_window_get_boundaries_page (self), uuid);
}

gpointer
solace_window_get_support_page (SolaceWindow *self)
{
  g_return_val_if_fail (SOLACE_IS_WINDOW (self), NULL);

  if (self->support_page == NULL)
    self->support_page = build_support_page (self);

  return self->support_page;
}

gpointer
solace_window_get_boundaries_page (SolaceWindow *self)
{
  g_return_val_if_fail (SOLACE_IS_WINDOW (self), NULL);

  if (self->boundaries_page == NULL)
    self->boundaries_page = build_boundaries_page (self);

  return self->boundaries_page;
}

gpointer
solace_window_get_journal_page (SolaceWindow *self)
{
  g_return_val_if_fail (SOLACE_IS_WINDOW (self), NULL);

  if (self->journal_page == NULL)
    self->journal_page = build_journal_page (self);

  return self->journal_page;
}

gpointer
solace_window_get_today_page (SolaceWindow *self)
{
  g_return_val_if_fail (SOLACE_IS_WINDOW (self), NULL);

  if (self->today_page == NULL)
    self->today_page = build_today_page (self);

  return self->today_page;
}

/**
 * solace_window_save_now:
 *
 * Saves what is being written in the journal editor, if the Journal
 * page was ever opened.  Returns %FALSE, with @error set, if it could
 * not be saved.
 */
gboolean
solace_window_save_now (SolaceWindow  *self,
                        GError       **error)
{
  g_return_val_if_fail (SOLACE_IS_WINDOW (self), FALSE);

  return self->journal_page == NULL || solace_journal_page_save_now (self->journal_page, error);
}

const char *
solace_window_get_visible_page (SolaceWindow *self)
{
  g_return_val_if_fail (SOLACE_IS_WINDOW (self), NULL);

  return adw_view_stack_get_visible_child_name (self->stack);
}

/**
 * solace_window_quick_hide:
 *
 * Hides the window at once, with no animation and no toast left over;
 * shown again, it opens on Today.
 */
void
solace_window_quick_hide (SolaceWindow *self)
{
  g_return_if_fail (SOLACE_IS_WINDOW (self));

  solace_toast_overlay_dismiss_all (self->toast_overlay);
  solace_window_show_page (self, "today");
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
}

AdwToastOverlay *
solace_window_get_toast_overlay (SolaceWindow *self)
{
  g_return_val_if_fail (SOLACE_IS_WINDOW (self), NULL);

  return self->toast_overlay;
}
