/* solace-data-page.c — Preferences → Your Data: export, import, backups
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "solace-data-page"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "solace-backup.h"
#include "solace-data-page.h"
#include "solace-export.h"
#include "solace-format.h"
#include "solace-locale.h"
#include "solace-progress.h"
#include "solace-task.h"

/* The periods the journal can be exported for, in days, in the order
 * of the choices in the template; 0 is all. */
static const guint period_days[] = { 0, 30, 365 };

struct _SolaceDataPage
{
  AdwPreferencesPage    parent_instance;

  SolaceDataOwner      *owner;
  GtkFileChooserNative *chooser;
  guint                 pending;   /* jobs asked for and not yet done */

  /* From the template. */
  GtkWidget            *groups[3];  /* export, journal, backups */
  AdwComboRow          *period_row;
  GtkListBox           *backup_list;
  GtkWidget            *backup_button;
};

G_DEFINE_FINAL_TYPE (SolaceDataPage, solace_data_page, ADW_TYPE_PREFERENCES_PAGE)

static SolaceDatabase *
database (SolaceDataPage *self)
{
  return solace_data_owner_get_database (self->owner);
}

static void
toast (SolaceDataPage *self,
       const char     *message)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (ADW_IS_PREFERENCES_WINDOW (root))
    {
      g_autofree char *escaped = g_markup_escape_text (message, -1);

      adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (root), adw_toast_new (escaped));
    }
}

static void
explain (SolaceDataPage *self,
         const char     *title,
         const char     *message)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                                      title, message));

  adw_message_dialog_add_response (dialog, "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* While a job runs, the page shows it is working and takes no more
 * clicks; jobs asked for through the API queue up in order. */
static void
job_started (SolaceDataPage *self)
{
  if (self->pending++ == 0)
    for (guint i = 0; i < G_N_ELEMENTS (self->groups); i++)
      gtk_widget_set_sensitive (self->groups[i], FALSE);
}

static void
job_ended (SolaceDataPage *self)
{
  g_return_if_fail (self->pending > 0);

  if (--self->pending == 0)
    for (guint i = 0; i < G_N_ELEMENTS (self->groups); i++)
      gtk_widget_set_sensitive (self->groups[i], TRUE);
}

static gboolean
can_write (SolaceDataPage *self)
{
  if (database (self) == NULL || solace_database_is_read_only (database (self)))
    {
      toast (self, _("Solace can only read your data right now."));
      return FALSE;
    }
  return TRUE;
}

static void
reload_cb (gpointer data)
{
  g_autoptr(SolaceDataOwner) owner = data;

  solace_data_owner_reload (owner);
}

/* A restore or an import: when it ends, all of Solace is opened again
 * from the data as it now is, whether or not Preferences (and this
 * page) is still open, so the data's owner (the application) is the
 * job's source and the page is only watched. */
typedef struct
{
  GWeakRef    page;
  const char *failure;     /* the heading if it fails, translated */
  gboolean    unchanged;   /* and whether to say nothing changed */
} Replacing;

static Replacing *
replacing_new (SolaceDataPage *self,
               const char     *failure,
               gboolean        unchanged)
{
  Replacing *r = g_new0 (Replacing, 1);

  g_weak_ref_init (&r->page, self);
  r->failure = failure;
  r->unchanged = unchanged;
  return r;
}

/* The main window, if it is on screen (not after a quick hide). */
static GtkWindow *
visible_main_window (SolaceDataOwner *owner)
{
  GtkWindow *window = solace_data_owner_get_main_window (owner);

  return window != NULL && gtk_widget_get_visible (GTK_WIDGET (window)) ? window : NULL;
}

static void
replacing_done_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  SolaceDataOwner *owner = SOLACE_DATA_OWNER (object);
  Replacing *r = user_data;
  g_autoptr(SolaceDataPage) self = g_weak_ref_get (&r->page);
  g_autoptr(GError) error = NULL;

  if (self != NULL)
    job_ended (self);

  if (solace_database_run_finish (result, &error))
    g_idle_add_once (reload_cb, g_object_ref (owner));
  else
    {
      g_autofree char *message = r->unchanged ? g_strdup_printf (_("%s\n\nNothing in Solace was changed."), error->message)
                                              : g_strdup (error->message);
      GtkWindow *parent = visible_main_window (owner);

      if (self != NULL && gtk_widget_get_root (GTK_WIDGET (self)) != NULL)
        explain (self, r->failure, message);
      else if (parent != NULL)
        {
          AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (parent, r->failure, message));

          adw_message_dialog_add_response (dialog, "close", _("_Close"));
          gtk_window_present (GTK_WINDOW (dialog));
        }
      /* Hidden on purpose: nothing pops up; the data is as it was. */
    }

  g_weak_ref_clear (&r->page);
  g_free (r);
}

/* ---- Backups -------------------------------------------------------- */

static gboolean
restore_run (SolaceDatabase  *db,
             gpointer         data,
             GError         **error)
{
  g_autofree char *dir = solace_backup_dup_default_dir ();

  return solace_backup_restore (db, data, dir, error);
}

void
solace_data_page_restore (SolaceDataPage *self,
                          const char     *backup)
{
  g_return_if_fail (SOLACE_IS_DATA_PAGE (self));
  g_return_if_fail (backup != NULL);

  if (!can_write (self))
    return;

  job_started (self);
  solace_database_run_async (database (self), self->owner, restore_run, g_strdup (backup), g_free,
                             replacing_done_cb,
                             replacing_new (self, _("The Backup Could Not Be Restored"), FALSE));
}

static void
restore_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     SolaceDataPage   *self)
{
  if (g_str_equal (response, "restore"))
    solace_data_page_restore (self, g_object_get_data (G_OBJECT (dialog), "backup"));
}

static void
restore_clicked_cb (GtkButton      *button,
                    SolaceDataPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  const char *when = g_object_get_data (G_OBJECT (button), "when");
  g_autofree char *heading = g_strdup_printf (_("Restore the Backup of %s?"), when);
  AdwMessageDialog *dialog;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, heading,
                                                      _("Solace will hold what it held then. What it holds now is "
                                                        "kept as one more backup first, so nothing is lost.")));
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "restore", _("_Restore"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "restore", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "backup",
                          g_strdup (g_object_get_data (G_OBJECT (button), "backup")), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (restore_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

void
solace_data_page_refresh_backups (SolaceDataPage *self)
{
  g_autofree char *dir = solace_backup_dup_default_dir ();
  g_autoptr(GPtrArray) backups = solace_backup_list (dir);
  GtkWidget *child;

  g_return_if_fail (SOLACE_IS_DATA_PAGE (self));

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->backup_list))) != NULL)
    gtk_list_box_remove (self->backup_list, child);

  for (guint i = 0; i < backups->len; i++)
    {
      SolaceBackup *backup = g_ptr_array_index (backups, i);
      g_autoptr(GDateTime) made = g_date_time_new_from_unix_local (backup->made_at);
      g_autofree char *when = solace_format_long_date (made);
      g_autofree char *time = solace_format_time_of_day (made);
      g_autofree char *size = g_format_size (backup->size);
      g_autofree char *subtitle = NULL;
      g_autofree char *name = NULL;
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *button = gtk_button_new_with_mnemonic (_("_Restore…"));

      /* Translators: a backup's details: the time it was made and its size. */
      if (strstr (backup->path, "-before-restore") != NULL)
        subtitle = g_strdup_printf (_("%s · %s · kept before a restore"), time, size);
      else if (strstr (backup->path, "-before-import") != NULL)
        subtitle = g_strdup_printf (_("%s · %s · kept before an import"), time, size);
      else
        subtitle = g_strdup_printf (_("%s · %s"), time, size);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), when);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);

      name = g_strdup_printf (_("Restore the backup of %s"), when);
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
      g_object_set_data_full (G_OBJECT (button), "backup", g_strdup (backup->path), g_free);
      g_object_set_data_full (G_OBJECT (button), "when", g_strdup (when), g_free);
      g_signal_connect (button, "clicked", G_CALLBACK (restore_clicked_cb), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
      gtk_list_box_append (self->backup_list, row);
    }
}

static gboolean
backup_now_run (SolaceDatabase  *db,
                gpointer         data,
                GError         **error)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_local ();
  g_autoptr(GDate) today = solace_local_day (tz, g_get_real_time () / G_USEC_PER_SEC);
  g_autofree char *dir = solace_backup_dup_default_dir ();

  return solace_backup_make (db, dir, today, TRUE, NULL, error);
}

static void
backup_now_done_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  SolaceDataPage *self = SOLACE_DATA_PAGE (object);
  g_autoptr(GError) error = NULL;

  job_ended (self);
  if (!solace_database_run_finish (result, &error))
    {
      g_autofree char *message = g_strdup_printf (_("No backup was made: %s"), error->message);

      toast (self, message);
      return;
    }

  toast (self, _("Backed up"));
  solace_data_page_refresh_backups (self);
}

static void
backup_now_cb (SolaceDataPage *self)
{
  if (!can_write (self))
    return;

  job_started (self);
  solace_database_run_async (database (self), self, backup_now_run, NULL, NULL, backup_now_done_cb, NULL);
}

/* ---- Export --------------------------------------------------------- */

typedef struct
{
  char  *path;
  guint  days;     /* Markdown: the period; 0 for all */
  int    mode;     /* import: SolaceImportMode */
} Job;

static void
job_free (Job *job)
{
  g_free (job->path);
  g_free (job);
}

static gboolean
export_run (SolaceDatabase  *db,
            gpointer         data,
            GError         **error)
{
  Job *job = data;

  return solace_export_to_file (db, job->path, error);
}

static gboolean
export_journal_run (SolaceDatabase  *db,
                    gpointer         data,
                    GError         **error)
{
  Job *job = data;
  g_autoptr(GTimeZone) tz = g_time_zone_new_local ();
  g_autoptr(GDate) until = solace_local_day (tz, g_get_real_time () / G_USEC_PER_SEC);
  g_autoptr(GDate) from = NULL;

  if (job->days > 0)
    {
      from = g_date_copy (until);
      g_date_subtract_days (from, job->days - 1);
    }

  return solace_export_journal_markdown_to_file (db, from, job->days > 0 ? until : NULL, job->path, error);
}

static void
export_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  SolaceDataPage *self = SOLACE_DATA_PAGE (object);
  g_autoptr(GError) error = NULL;

  job_ended (self);
  if (!solace_database_run_finish (result, &error))
    {
      explain (self, _("Nothing Was Exported"), error->message);
      return;
    }

  toast (self, _("Exported"));
}

/* Queues @func on @file with @days and @mode; @done is told the end. */
static void
run_job (SolaceDataPage      *self,
         SolaceDatabaseFunc   func,
         GFile               *file,
         guint                days,
         int                  mode,
         GAsyncReadyCallback  done)
{
  Job *job = g_new0 (Job, 1);

  job->path = g_file_get_path (file);
  job->days = days;
  job->mode = mode;
  job_started (self);
  solace_database_run_async (database (self), self, func, job, (GDestroyNotify) job_free, done, NULL);
}

void
solace_data_page_export (SolaceDataPage *self,
                         GFile          *file)
{
  g_return_if_fail (SOLACE_IS_DATA_PAGE (self));

  if (database (self) != NULL)
    run_job (self, export_run, file, 0, 0, export_done_cb);
}

void
solace_data_page_export_journal (SolaceDataPage *self,
                                 GFile          *file,
                                 guint           days)
{
  g_return_if_fail (SOLACE_IS_DATA_PAGE (self));

  if (database (self) != NULL)
    run_job (self, export_journal_run, file, days, 0, export_done_cb);
}

/* ---- Import --------------------------------------------------------- */

static gboolean
import_run (SolaceDatabase  *db,
            gpointer         data,
            GError         **error)
{
  Job *job = data;
  g_autofree char *dir = solace_backup_dup_default_dir ();
  GError *local_error = NULL;
  gboolean has_data = solace_database_has_user_data (db, &local_error);

  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }

  /* What is there now is kept as a backup before anything changes. */
  if (has_data && !solace_backup_keep_before (db, dir, "import", NULL, error))
    return FALSE;

  return solace_import_from_file (db, job->path, job->mode, NULL, error);
}

void
solace_data_page_import (SolaceDataPage *self,
                         GFile          *file,
                         int             mode)
{
  Job *job;

  g_return_if_fail (SOLACE_IS_DATA_PAGE (self));

  if (!can_write (self))
    return;

  job = g_new0 (Job, 1);
  job->path = g_file_get_path (file);
  job->mode = mode;
  job_started (self);
  /* The message names what is wrong and where; nothing changed. */
  solace_database_run_async (database (self), self->owner, import_run, job, (GDestroyNotify) job_free,
                             replacing_done_cb, replacing_new (self, _("This File Cannot Be Imported"), TRUE));
}

static void
import_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    SolaceDataPage   *self)
{
  GFile *file = g_object_get_data (G_OBJECT (dialog), "file");

  if (g_str_equal (response, "merge"))
    solace_data_page_import (self, file, SOLACE_IMPORT_MERGE);
  else if (g_str_equal (response, "replace"))
    solace_data_page_import (self, file, SOLACE_IMPORT_REPLACE);
}

static void
import_chosen (SolaceDataPage *self,
               GFile          *file)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autoptr(GError) error = NULL;
  AdwMessageDialog *dialog;
  gboolean has_data;

  if (!can_write (self))
    return;

  /* Into an empty Solace there is nothing to ask; when that cannot be
   * told, nothing is imported rather than risk replacing everything. */
  has_data = solace_database_has_user_data (database (self), &error);
  if (error != NULL)
    {
      explain (self, _("This File Cannot Be Imported"), error->message);
      return;
    }
  if (!has_data)
    {
      solace_data_page_import (self, file, SOLACE_IMPORT_REPLACE);
      return;
    }

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                      _("Merge or Replace?"),
                                                      _("Solace already holds your data. Merge adds what is new in the "
                                                        "file and keeps the newer version of anything in both. Replace "
                                                        "puts the file’s contents in place of everything. Either way, "
                                                        "what is there now is kept as a backup first.")));
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "merge", _("_Merge"),
                                    "replace", _("_Replace"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "merge", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_response_appearance (dialog, "replace", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "file", g_object_ref (file), g_object_unref);
  g_signal_connect_object (dialog, "response", G_CALLBACK (import_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ---- Choosers ------------------------------------------------------- */

typedef enum { CHOOSE_EXPORT, CHOOSE_JOURNAL, CHOOSE_IMPORT } Choice;

static void
chooser_response_cb (GtkNativeDialog *chooser,
                     int              response,
                     SolaceDataPage  *self)
{
  Choice choice = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (chooser), "choice"));
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

  g_clear_object (&self->chooser);
  if (file == NULL)
    return;

  if (choice == CHOOSE_EXPORT)
    solace_data_page_export (self, file);
  else if (choice == CHOOSE_JOURNAL)
    solace_data_page_export_journal (self, file, period_days[MIN (adw_combo_row_get_selected (self->period_row),
                                                                  G_N_ELEMENTS (period_days) - 1)]);
  else
    import_chosen (self, file);
}

static void
choose (SolaceDataPage *self,
        Choice          choice)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *stamp = g_date_time_format (now, "%Y-%m-%d");
  g_autofree char *name = NULL;
  GtkFileFilter *filter = gtk_file_filter_new ();

  if (self->chooser != NULL || self->pending > 0)
    return;

  if (choice == CHOOSE_IMPORT)
    {
      self->chooser = gtk_file_chooser_native_new (_("Import"), GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                   GTK_FILE_CHOOSER_ACTION_OPEN, _("_Import"), _("_Cancel"));
      gtk_file_filter_set_name (filter, _("Solace exports"));
      gtk_file_filter_add_mime_type (filter, "application/json");
      gtk_file_filter_add_suffix (filter, "json");
    }
  else
    {
      self->chooser = gtk_file_chooser_native_new (choice == CHOOSE_EXPORT ? _("Export Everything") : _("Export Journal"),
                                                   GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                   GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
      if (choice == CHOOSE_EXPORT)
        {
          /* Translators: the suggested file name of an export; %s is today's date. */
          name = g_strdup_printf (_("solace-%s.json"), stamp);
          gtk_file_filter_set_name (filter, _("Solace exports"));
          gtk_file_filter_add_suffix (filter, "json");
        }
      else
        {
          /* Translators: the suggested file name of the journal; %s is today's date. */
          name = g_strdup_printf (_("journal-%s.md"), stamp);
          gtk_file_filter_set_name (filter, _("Markdown"));
          gtk_file_filter_add_suffix (filter, "md");
        }
      gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), name);
    }

  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  g_object_unref (filter);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  g_object_set_data (G_OBJECT (self->chooser), "choice", GINT_TO_POINTER (choice));
  g_signal_connect (self->chooser, "response", G_CALLBACK (chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
plain_export_cb (AdwMessageDialog *dialog,
                 const char       *response,
                 SolaceDataPage   *self)
{
  if (g_strcmp0 (response, "export") == 0)
    choose (self, GPOINTER_TO_INT (g_object_get_data (G_OBJECT (dialog), "choice")));
}

/* An export is a plain file, whatever the journal is: with the lock on,
 * say so first, as the command line does, and let it be called off. */
static void
choose_export (SolaceDataPage *self,
               Choice          choice)
{
  AdwMessageDialog *dialog;
  GtkRoot *root;

  if (database (self) == NULL || !solace_database_is_sealed (database (self)))
    {
      choose (self, choice);
      return;
    }

  root = gtk_widget_get_root (GTK_WIDGET (self));
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                       _("Export Without Encryption?"),
                                                       _("Your journal is locked, but the exported file "
                                                         "will not be encrypted: anyone who can open the "
                                                         "file can read it. Keep it somewhere only you can "
                                                         "reach, and delete it when you no longer need it.")));
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "export", _("_Export Anyway"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "export", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data (G_OBJECT (dialog), "choice", GINT_TO_POINTER (choice));
  g_signal_connect_object (dialog, "response", G_CALLBACK (plain_export_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
export_row_cb (SolaceDataPage *self)
{
  choose_export (self, CHOOSE_EXPORT);
}

static void
journal_row_cb (SolaceDataPage *self)
{
  choose_export (self, CHOOSE_JOURNAL);
}

static void
import_row_cb (SolaceDataPage *self)
{
  choose (self, CHOOSE_IMPORT);
}

/* ---- The page ------------------------------------------------------- */

static void
solace_data_page_dispose (GObject *object)
{
  SolaceDataPage *self = SOLACE_DATA_PAGE (object);

  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  g_clear_object (&self->owner);
  gtk_widget_dispose_template (GTK_WIDGET (self), SOLACE_TYPE_DATA_PAGE);

  G_OBJECT_CLASS (solace_data_page_parent_class)->dispose (object);
}

static void
solace_data_page_class_init (SolaceDataPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = solace_data_page_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/solace_app/Solace/gui/solace-data-page.ui");
  gtk_widget_class_bind_template_child_full (widget_class, "export_group", FALSE, G_STRUCT_OFFSET (SolaceDataPage, groups[0]));
  gtk_widget_class_bind_template_child_full (widget_class, "journal_group", FALSE, G_STRUCT_OFFSET (SolaceDataPage, groups[1]));
  gtk_widget_class_bind_template_child_full (widget_class, "backups_group", FALSE, G_STRUCT_OFFSET (SolaceDataPage, groups[2]));
  gtk_widget_class_bind_template_child (widget_class, SolaceDataPage, period_row);
  gtk_widget_class_bind_template_child (widget_class, SolaceDataPage, backup_list);
  gtk_widget_class_bind_template_child (widget_class, SolaceDataPage, backup_button);
  gtk_widget_class_bind_template_callback (widget_class, export_row_cb);
  gtk_widget_class_bind_template_callback (widget_class, import_row_cb);
  gtk_widget_class_bind_template_callback (widget_class, journal_row_cb);
  gtk_widget_class_bind_template_callback (widget_class, backup_now_cb);
}

static void
solace_data_page_init (SolaceDataPage *self)
{
  g_autofree char *dir = solace_backup_dup_default_dir ();
  g_autofree char *escaped = g_markup_escape_text (dir, -1);
  g_autofree char *description = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  /* Group descriptions are markup. */
  description = g_strdup_printf (_("Once a day, Solace copies your data to %s and keeps the last 7 days and one copy "
                                   "for each of the 4 weeks before."), escaped);
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self->groups[2]), description);
}

/**
 * solace_data_page_new:
 * @owner: what holds the data open (the application), which reopens
 *   it after a restore or an import
 */
SolaceDataPage *
solace_data_page_new (SolaceDataOwner *owner)
{
  SolaceDataPage *self;

  g_return_val_if_fail (SOLACE_IS_DATA_OWNER (owner), NULL);

  self = g_object_new (SOLACE_TYPE_DATA_PAGE, NULL);
  self->owner = g_object_ref (owner);
  solace_data_page_refresh_backups (self);

  return self;
}

GtkListBox *
solace_data_page_get_backup_list (SolaceDataPage *self)
{
  g_return_val_if_fail (SOLACE_IS_DATA_PAGE (self), NULL);
  return self->backup_list;
}

GtkWidget *
solace_data_page_get_backup_button (SolaceDataPage *self)
{
  g_return_val_if_fail (SOLACE_IS_DATA_PAGE (self), NULL);
  return self->backup_button;
}
