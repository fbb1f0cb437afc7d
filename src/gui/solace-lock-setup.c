/* solace-lock-setup.c — turning the passphrase lock on, changing it,
 * and turning it off
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One window, four ways through it (SolaceLockSetupMode):
 *
 *   set up      choose → busy (Argon2) → key → check → progress → done
 *   change      current → busy → choose → busy → done
 *   new key     current → busy → key → check → busy → done
 *   remove      current → busy → progress → done
 *
 * Nothing before "progress" touches the journal.  A set-up that is
 * left before it gets there removes the key file it made, so the data
 * stays exactly as it was.  While the journal is being encrypted or
 * decrypted the window cannot be closed.  Passphrases stay in the
 * fields only while their page is shown; the recovery key only until
 * it has been checked, and the clipboard is emptied of it again.  A new
 * recovery key is made in memory and written only once it has been
 * checked: left before that, the old one still opens Solace.
 *
 * Why it stays long: every step hands the same key, recovery key and
 * work in flight on to the next, and the promises above (cleared
 * fields, nothing half-made left) hold across all of them; steps as
 * widgets of their own would spread them over files.  The strength
 * estimate is in core/solace-passphrase-strength.c.
 */
#define G_LOG_DOMAIN "solace-lock-setup"

#include "config.h"

#include <glib/gi18n.h>
#include <sodium.h>
#include <string.h>

#include "solace-backup.h"
#include "solace-database.h"
#include "solace-lock-setup.h"
#include "solace-passphrase-strength.h"
#include "solace-vault.h"

/* Groups of the recovery key on one line, on screen and on paper. */
#define GROUPS_PER_LINE 4
/* Below this (0–4, see solace_passphrase_strength ()) a passphrase is
 * refused. */
#define MIN_STRENGTH 2
/* What a copied secret is offered as too, so that clipboard managers
 * leave it out of their history. */
#define SECRET_HINT_TYPE  "x-kde-passwordManagerHint"
#define SECRET_HINT_VALUE "secret"

typedef enum
{
  PAGE_CHOOSE,
  PAGE_CURRENT,
  PAGE_BUSY,
  PAGE_KEY,
  PAGE_CHECK,
  PAGE_PROGRESS,
  PAGE_DONE,
  N_PAGES
} Page;

static const char * const page_names[N_PAGES] = {
  "choose", "current", "busy", "key", "check", "progress", "done",
};

/* What runs in a thread while the busy page shows. */
typedef enum
{
  WORK_NONE,
  WORK_CREATE,        /* may be left: the key file is removed when it is there */
  WORK_CHECK,         /* may be left */
  WORK_CHANGE,        /* writes the key file: wait */
  WORK_RECOVERY,      /* writes the checked recovery key: wait */
} Work;

struct _SolaceLockSetup
{
  AdwWindow            parent_instance;

  AdwWindowTitle      *window_title;
  GtkButton           *cancel_button;
  GtkButton           *next_button;
  GtkStack            *stack;
  AdwStatusPage       *choose_page;
  GtkLabel            *choose_warning;
  AdwPasswordEntryRow *passphrase_row;
  AdwPasswordEntryRow *confirm_row;
  GtkLevelBar         *strength_bar;
  GtkLabel            *strength_label;
  GtkLabel            *choose_message;
  AdwStatusPage       *current_page;
  AdwPasswordEntryRow *current_row;
  GtkLabel            *current_message;
  AdwStatusPage       *busy_page;
  GtkSpinner          *busy_spinner;
  GtkLabel            *key_label;
  GtkButton           *copy_button;
  GtkButton           *print_button;
  GtkLabel            *key_message;
  AdwStatusPage       *check_page;
  AdwEntryRow         *group1_row;
  AdwEntryRow         *group2_row;
  GtkLabel            *check_message;
  GtkButton           *show_key_button;
  AdwStatusPage       *progress_page;
  GtkProgressBar      *progress_bar;
  AdwStatusPage       *done_page;
  GtkBox              *backups_box;
  GtkLabel            *backups_label;
  GtkButton           *delete_backups_button;
  GtkLabel            *done_note;

  SolaceDataOwner     *application;
  SolaceLockSetupMode  mode;
  Page                 page;
  Work                 work;
  char                *db_path;
  char                *keys_path;
  char                *backups_dir;
  /* From solace_keys_create () or an unlock: ours until handed on. */
  SolaceKey           *key;
  /* Shown once, kept only until two of its groups were typed back. */
  SolaceRecoveryKey   *recovery_key;
  guint                groups[2];
  SolacePwhashParams   params;
  /* What Copy put on the clipboard, to take it away again. */
  GdkContentProvider  *copied;
  GtkPrintOperation   *print_operation;
  GCancellable        *cancellable;

  guint                n_plain_backups;   /* offered for deletion */
  guint                has_params : 1;
  guint                key_file_made : 1;   /* set-up: a key file nothing uses yet */
  guint                sealing : 1;         /* the journal is being rewritten */
  guint                closed : 1;          /* gone: results are only cleaned up */
  guint                deleting : 1;
};

G_DEFINE_FINAL_TYPE (SolaceLockSetup, solace_lock_setup, ADW_TYPE_WINDOW)

/* Set-ups whose key file is being written, in any window, closed ones
 * included: another set-up must not start (and remove a key file left
 * over) until they are done. */
static guint creating;

/* ---- Helpers -------------------------------------------------------- */

static char *
secure_strdup (const char *text)
{
  gsize len = strlen (text);
  char *copy = sodium_malloc (len + 1);

  if (copy == NULL)
    g_error ("Out of locked memory");
  memcpy (copy, text, len + 1);
  return copy;
}

static void
secure_strfree (char *text)
{
  if (text != NULL)
    sodium_free (text);   /* zeroes it */
}

/* The recovery key in lines of GROUPS_PER_LINE groups, in sodium_malloc
 * () memory: free it with secure_strfree ().  Newlines, dashes and
 * spaces are all ignored when it is read back. */
static char *
key_in_lines (const char *recovery_key)
{
  gsize len = strlen (recovery_key);
  char *text = sodium_malloc (len + 1);
  guint group = 0;

  if (text == NULL)
    g_error ("Out of locked memory");
  for (gsize i = 0; i <= len; i++)
    {
      text[i] = recovery_key[i];
      if (recovery_key[i] == '-' && ++group % GROUPS_PER_LINE == 0)
        text[i] = '\n';
    }
  return text;
}

/* Only ever removes a key file beside a plain journal: one whose key
 * the journal does not need. */
static void
forget_unused_key_file (SolaceLockSetup *self)
{
  g_autoptr(GError) error = NULL;

  self->key_file_made = FALSE;

  if (solace_data_owner_is_sealed (self->application))
    return;
  /* Under the vault's lock, and only while the data on disk is still
   * plain with no change under way: never the key of sealed data. */
  if (!solace_vault_remove_unused_key_file (self->db_path, &error))
    g_warning ("Could not remove an unused key file: %s", error->message);
}

static void
say (GtkLabel   *label,
     GtkWidget  *field,
     const char *message)
{
  gtk_label_set_text (label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (label), message != NULL);

  /* Heard with the field it is about, where the focus goes. */
  if (field != NULL)
    {
      if (message != NULL)
        gtk_accessible_update_property (GTK_ACCESSIBLE (field),
                                        GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, message, -1);
      else
        gtk_accessible_reset_property (GTK_ACCESSIBLE (field),
                                       GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
    }
}

static void
mark_error (gpointer widget,
            gboolean error)
{
  if (error)
    gtk_widget_add_css_class (GTK_WIDGET (widget), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (widget), "error");
}

static void
set_markup_escaped (AdwStatusPage *page,
                    const char    *title,
                    const char    *description)
{
  adw_status_page_set_title (page, title);

  /* Status page descriptions are markup. */
  if (description != NULL)
    {
      g_autofree char *escaped = g_markup_escape_text (description, -1);
      adw_status_page_set_description (page, escaped);
    }
  else
    adw_status_page_set_description (page, NULL);
}

static void
clear_clipboard (SolaceLockSetup *self)
{
  GdkClipboard *clipboard;

  /* Selecting the key makes it the primary selection (middle click):
   * while Solace holds that, it is Solace's own, so it goes too. */
  clipboard = gtk_widget_get_primary_clipboard (GTK_WIDGET (self));
  if (gdk_clipboard_is_local (clipboard))
    gdk_clipboard_set_content (clipboard, NULL);

  if (self->copied == NULL)
    return;

  clipboard = gtk_widget_get_clipboard (GTK_WIDGET (self));
  /* Only if it still holds the key: something copied since stays. */
  if (gdk_clipboard_get_content (clipboard) == self->copied)
    gdk_clipboard_set_content (clipboard, NULL);
  g_clear_object (&self->copied);
}

static void
forget_recovery_key (SolaceLockSetup *self)
{
  clear_clipboard (self);
  if (self->key_label != NULL)
    gtk_label_set_text (self->key_label, "");
  g_clear_pointer (&self->recovery_key, solace_recovery_key_free);
}

static void
clear_passphrases (SolaceLockSetup *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->passphrase_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->confirm_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->current_row), "");
}

/* What would help, from solace_passphrase_strength ()'s reason. */
static const char *
strength_advice (int         score,
                 const char *reason)
{
  const char *advice;

  if (g_strcmp0 (reason, "empty") == 0)
    advice = _("A few words you will remember, with a space between them, make a strong passphrase.");
  else if (g_strcmp0 (reason, "common") == 0)
    advice = _("It is one of the first passwords anyone would try.");
  else if (g_strcmp0 (reason, "short") == 0)
    advice = _("It has fewer than 8 characters. A few words together are easy to remember and hard to guess.");
  else if (g_strcmp0 (reason, "repetitive") == 0)
    advice = _("Repeats and runs like “aaa” or “123” are easy to guess.");
  else if (g_strcmp0 (reason, "few-kinds") == 0)
    advice = _("Add another word, or mix in capitals, digits or signs.");
  else if (score >= 4)
    advice = _("It would be very hard to guess.");
  else if (score == 3)
    advice = _("Longer would be stronger still.");
  else if (score == 2)
    advice = _("Another word would make it stronger.");
  else
    advice = _("A few more words would make it much harder to guess.");

  return advice;
}

/* What the strength meter says: how strong, then what would help. */
static char *
strength_text (int         score,
               const char *reason)
{
  const char *advice = strength_advice (score, reason);
  const char *level;

  if (g_strcmp0 (reason, "empty") == 0)
    return g_strdup (advice);

  switch (score)
    {
    /* Translators: how hard a passphrase is to guess.  "Good" has a
     * context of its own: the mood "Good" may need another word. */
    case 0: level = _("Very weak"); break;
    case 1: level = _("Weak"); break;
    case 2: level = _("Fair"); break;
    case 3: level = C_("passphrase strength", "Good"); break;
    default: level = _("Strong"); break;
    }

  /* Translators: a passphrase's strength ("Weak"), then advice. */
  return g_strdup_printf (C_("passphrase strength", "%s. %s"), level, advice);
}

static GtkWidget *
first_field (SolaceLockSetup *self)
{
  switch (self->page)
    {
    case PAGE_CHOOSE:   return GTK_WIDGET (self->passphrase_row);
    case PAGE_CURRENT:  return GTK_WIDGET (self->current_row);
    /* Not the key itself: a selected label is the X11 primary
     * selection. */
    case PAGE_KEY:      return GTK_WIDGET (self->next_button);
    case PAGE_CHECK:    return GTK_WIDGET (self->group1_row);
    case PAGE_DONE:     return GTK_WIDGET (self->next_button);
    case PAGE_BUSY:
    case PAGE_PROGRESS:
    case N_PAGES:
    default:
      return NULL;
    }
}

static void
update_buttons (SolaceLockSetup *self)
{
  gboolean can_cancel;
  gboolean can_go_on;
  const char *label = _("_Continue");
  gboolean destructive = FALSE;

  switch (self->page)
    {
    case PAGE_CHOOSE:
      can_go_on = *gtk_editable_get_text (GTK_EDITABLE (self->passphrase_row)) != '\0';
      break;
    case PAGE_CURRENT:
      can_go_on = *gtk_editable_get_text (GTK_EDITABLE (self->current_row)) != '\0';
      if (self->mode == SOLACE_LOCK_SETUP_REMOVE)
        {
          label = _("_Remove the Lock");
          destructive = TRUE;
        }
      break;
    case PAGE_KEY:
      can_go_on = TRUE;
      break;
    case PAGE_CHECK:
      can_go_on = TRUE;
      if (self->mode == SOLACE_LOCK_SETUP_SET_UP)
        label = _("_Encrypt");
      break;
    case PAGE_DONE:
      can_go_on = !self->deleting;
      label = _("_Done");
      break;
    case PAGE_BUSY:
    case PAGE_PROGRESS:
    case N_PAGES:
    default:
      can_go_on = FALSE;
      break;
    }

  can_cancel = self->page != PAGE_DONE && self->page != PAGE_PROGRESS &&
               self->work != WORK_CHANGE && self->work != WORK_RECOVERY;

  gtk_button_set_label (self->next_button, label);
  gtk_widget_set_sensitive (GTK_WIDGET (self->next_button), can_go_on);
  gtk_widget_set_visible (GTK_WIDGET (self->next_button), self->page != PAGE_PROGRESS);
  gtk_widget_set_visible (GTK_WIDGET (self->cancel_button), can_cancel);
  mark_error (self->next_button, FALSE);
  if (destructive)
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->next_button), "suggested-action");
      gtk_widget_add_css_class (GTK_WIDGET (self->next_button), "destructive-action");
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->next_button), "destructive-action");
      gtk_widget_add_css_class (GTK_WIDGET (self->next_button), "suggested-action");
    }
}

static void
show_page (SolaceLockSetup *self,
           Page             page)
{
  GtkWidget *focus;

  /* What was typed on a page leaves with it; so does the key on the
   * clipboard. */
  if (self->page == PAGE_CHOOSE || self->page == PAGE_CURRENT)
    clear_passphrases (self);
  if (self->page == PAGE_KEY && page != PAGE_KEY)
    {
      clear_clipboard (self);
      gtk_label_set_text (self->key_label, "");
      say (self->key_message, NULL, NULL);
    }
  if (self->page == PAGE_CHECK && page != PAGE_CHECK)
    {
      gtk_editable_set_text (GTK_EDITABLE (self->group1_row), "");
      gtk_editable_set_text (GTK_EDITABLE (self->group2_row), "");
    }

  self->page = page;
  gtk_stack_set_visible_child_name (self->stack, page_names[page]);
  gtk_spinner_set_spinning (self->busy_spinner, page == PAGE_BUSY);

  if (page == PAGE_KEY && self->recovery_key != NULL)
    {
      char *lines = key_in_lines (self->recovery_key);

      gtk_label_set_text (self->key_label, lines);
      secure_strfree (lines);
    }

  update_buttons (self);

  /* Enter goes on from anywhere on the page that has no field of its
   * own to take it. */
  gtk_window_set_default_widget (GTK_WINDOW (self), GTK_WIDGET (self->next_button));
  focus = first_field (self);
  if (focus != NULL)
    gtk_widget_grab_focus (focus);
  else
    gtk_window_set_focus (GTK_WINDOW (self), NULL);
}

static void
show_busy (SolaceLockSetup *self,
           Work             work,
           const char      *title,
           const char      *description)
{
  self->work = work;
  set_markup_escaped (self->busy_page, title, description);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->busy_spinner),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  show_page (self, PAGE_BUSY);
}

static void
end_busy (SolaceLockSetup *self)
{
  self->work = WORK_NONE;
}

static void
show_choose (SolaceLockSetup *self)
{
  if (self->mode == SOLACE_LOCK_SETUP_SET_UP)
    set_markup_escaped (self->choose_page, _("Choose a Passphrase"),
                        _("Solace will encrypt everything you have written, so that it opens only with your "
                          "passphrase. Someone who uses this computer or copies your files finds nothing they "
                          "can read."));
  else
    set_markup_escaped (self->choose_page, _("Choose a New Passphrase"),
                        _("Your journal stays as it is: only the passphrase that opens it changes. Your "
                          "recovery key keeps working."));
  gtk_widget_set_visible (GTK_WIDGET (self->choose_warning), self->mode == SOLACE_LOCK_SETUP_SET_UP);
  show_page (self, PAGE_CHOOSE);
}

static void
show_current (SolaceLockSetup *self)
{
  switch (self->mode)
    {
    case SOLACE_LOCK_SETUP_CHANGE_PASSPHRASE:
      set_markup_escaped (self->current_page, _("Enter Your Current Passphrase"),
                          _("Solace checks it before anything changes."));
      break;
    case SOLACE_LOCK_SETUP_NEW_RECOVERY_KEY:
      set_markup_escaped (self->current_page, _("Enter Your Passphrase"),
                          _("A new recovery key replaces the one you have: once you have typed part of it "
                            "back, the old one no longer opens Solace. Until then it still does."));
      break;
    case SOLACE_LOCK_SETUP_REMOVE:
      set_markup_escaped (self->current_page, _("Remove the Lock"),
                          _("Solace will decrypt your journal back to a plain file on this computer. After "
                            "that, anyone who can use your account or copy your files can read it. Enter your "
                            "passphrase to go on."));
      break;
    case SOLACE_LOCK_SETUP_SET_UP:
    default:
      g_assert_not_reached ();
    }
  show_page (self, PAGE_CURRENT);
}

static void
show_key (SolaceLockSetup *self)
{
  /* The two groups to type back: chosen once for each key. */
  if (self->groups[0] == self->groups[1])
    {
      self->groups[0] = g_random_int_range (0, SOLACE_RECOVERY_KEY_GROUPS);
      do
        self->groups[1] = g_random_int_range (0, SOLACE_RECOVERY_KEY_GROUPS);
      while (self->groups[1] == self->groups[0]);
      if (self->groups[1] < self->groups[0])
        {
          guint first = self->groups[1];

          self->groups[1] = self->groups[0];
          self->groups[0] = first;
        }
    }
  show_page (self, PAGE_KEY);
}

static void
show_check (SolaceLockSetup *self)
{
  AdwEntryRow *rows[2] = { self->group1_row, self->group2_row };
  g_autofree char *description = NULL;

  description = g_strdup_printf (_("To be sure you have kept it, type groups %u and %u of your recovery key."),
                                 self->groups[0] + 1, self->groups[1] + 1);
  set_markup_escaped (self->check_page, _("Check Your Recovery Key"), description);

  for (guint i = 0; i < 2; i++)
    {
      /* Where to find it, as it was shown and printed: nobody should
       * have to count to the twelfth group of five. */
      g_autofree char *title = g_strdup_printf (_("Group %u, on line %u"), self->groups[i] + 1,
                                                self->groups[i] / GROUPS_PER_LINE + 1);

      /* The title is also what a screen reader says for the row. */
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (rows[i]), title);
      mark_error (rows[i], FALSE);
    }
  say (self->check_message, NULL, NULL);
  show_page (self, PAGE_CHECK);
}

static void
show_done (SolaceLockSetup *self,
           const char      *icon_name,
           const char      *title,
           const char      *description)
{
  adw_status_page_set_icon_name (self->done_page, icon_name);
  set_markup_escaped (self->done_page, title, description);
  show_page (self, PAGE_DONE);
}

/* After a set-up: what the lock does from now on, and the old backups
 * that are not encrypted. */
static void
show_locked (SolaceLockSetup *self)
{
  GSettings *settings = solace_data_owner_get_settings (self->application);
  guint minutes = g_settings_get_uint (settings, "auto-lock-minutes");
  g_autofree char *description = NULL;
  guint n_backups;

  if (minutes == 0)
    description = g_strdup (_("From now on Solace asks for your passphrase when it opens. Press Ctrl+L to "
                              "lock it at any time. It also locks itself when your screen locks."));
  else
    description = g_strdup_printf (ngettext ("From now on Solace asks for your passphrase when it opens. Press "
                                             "Ctrl+L to lock it at any time. It also locks itself after %u minute "
                                             "without use, and when your screen locks.",
                                             "From now on Solace asks for your passphrase when it opens. Press "
                                             "Ctrl+L to lock it at any time. It also locks itself after %u minutes "
                                             "without use, and when your screen locks.",
                                             minutes),
                                   minutes);

  n_backups = solace_vault_count_plain_backups (self->backups_dir);
  self->n_plain_backups = n_backups;
  if (n_backups > 0)
    {
      g_autofree char *text = NULL;

      text = g_strdup_printf (ngettext ("One backup from before the lock is still on this computer, and it is "
                                        "not encrypted: anyone who can copy it can read it.",
                                        "%u backups from before the lock are still on this computer, and they "
                                        "are not encrypted: anyone who can copy them can read them.",
                                        n_backups),
                              n_backups);
      gtk_label_set_text (self->backups_label, text);
      gtk_button_set_label (self->delete_backups_button,
                            ngettext ("_Delete the Old Backup", "_Delete the Old Backups", n_backups));
      gtk_widget_set_visible (GTK_WIDGET (self->delete_backups_button), TRUE);
      gtk_widget_set_visible (GTK_WIDGET (self->backups_box), TRUE);
    }

  gtk_label_set_text (self->done_note,
                      _("A disk can keep traces of deleted files for a while, a solid-state drive especially, "
                        "so pieces of the old, unencrypted journal may linger there. Encrypting the whole disk "
                        "protects against that."));
  gtk_widget_set_visible (GTK_WIDGET (self->done_note), TRUE);

  show_done (self, "changes-prevent-symbolic", _("The Lock Is On"), description);
}

/* Sealing or unsealing put every other window away and opened a new
 * main window: stay in front of that one. */
static void
follow_main_window (SolaceLockSetup *self)
{
  GtkWindow *main_window = solace_data_owner_get_main_window (self->application);

  if (main_window != NULL)
    gtk_window_set_transient_for (GTK_WINDOW (self), main_window);
}

/* ---- Worker threads ---------------------------------------------- */

typedef struct
{
  char               *path;
  SolaceKey          *key;
  char               *passphrase;   /* sodium_malloc () */
  char               *recovery_key; /* sodium_malloc () */
  SolacePwhashParams  params;
  gboolean            has_params;
} KeyWork;

static void
key_work_free (KeyWork *work)
{
  g_free (work->path);
  g_clear_pointer (&work->key, solace_key_free);
  g_clear_pointer (&work->passphrase, secure_strfree);
  g_clear_pointer (&work->recovery_key, secure_strfree);
  g_free (work);
}

static KeyWork *
key_work_new (SolaceLockSetup *self,
              const char      *passphrase)
{
  KeyWork *work = g_new0 (KeyWork, 1);

  work->path = g_strdup (self->keys_path);
  work->key = solace_key_copy (self->key);
  work->passphrase = passphrase != NULL ? secure_strdup (passphrase) : NULL;
  work->recovery_key = self->recovery_key != NULL ? secure_strdup (self->recovery_key) : NULL;
  work->params = self->params;
  work->has_params = self->has_params;
  return work;
}

/* The backups carry a copy of the key file of their day: after a change
 * they get the new one, so that the old passphrase or recovery key no
 * longer opens them (nor, through them, the journal). */
static void
update_backup_key_files (const char *keys_path)
{
  g_autofree char *dir = solace_backup_dup_default_dir ();
  g_autoptr(GError) error = NULL;

  if (!solace_backup_update_key_files (dir, keys_path, &error))
    g_warning ("Some backups still open with the old passphrase or recovery key: %s", error->message);
}

static void
change_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  KeyWork *work = task_data;
  GError *error = NULL;

  if (solace_keys_change_passphrase (work->path, work->key, work->passphrase,
                                     work->has_params ? &work->params : NULL, &error))
    {
      update_backup_key_files (work->path);
      g_task_return_boolean (task, TRUE);
    }
  else
    g_task_return_error (task, error);
}

static void
recovery_thread (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  KeyWork *work = task_data;
  GError *error = NULL;

  /* Only now, after it was typed back: until here the old one works. */
  if (solace_keys_set_recovery_key (work->path, work->key, work->recovery_key, &error))
    {
      update_backup_key_files (work->path);
      g_task_return_boolean (task, TRUE);
    }
  else
    g_task_return_error (task, error);
}

static void
delete_backups_thread (GTask        *task,
                       gpointer      source_object,
                       gpointer      task_data,
                       GCancellable *cancellable)
{
  GError *error = NULL;

  if (solace_vault_delete_plain_backups (task_data, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/* ---- Callbacks ------------------------------------------------------ */

static void sealed_cb (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data);

static void
progress_cb (double   fraction,
             gpointer user_data)
{
  SolaceLockSetup *self = user_data;
  g_autofree char *text = NULL;
  int percent;

  if (self->closed || self->progress_bar == NULL)
    return;

  fraction = CLAMP (fraction, 0.0, 1.0);
  percent = (int) (fraction * 100.0);
  if (self->mode == SOLACE_LOCK_SETUP_SET_UP)
    /* Translators: a progress bar's text; %d is a percentage. */
    text = g_strdup_printf (_("Encrypting… %d %%"), percent);
  else
    /* Translators: a progress bar's text; %d is a percentage. */
    text = g_strdup_printf (_("Decrypting… %d %%"), percent);
  gtk_progress_bar_set_fraction (self->progress_bar, fraction);
  gtk_progress_bar_set_text (self->progress_bar, text);
}

static void
start_sealing (SolaceLockSetup *self)
{
  gboolean seal = self->mode == SOLACE_LOCK_SETUP_SET_UP;
  const char *title = seal ? _("Encrypting Your Journal") : _("Decrypting Your Journal");

  adw_status_page_set_title (self->progress_page, title);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->progress_bar),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  self->sealing = TRUE;
  /* From here on the application answers for the key file. */
  self->key_file_made = FALSE;
  progress_cb (0.0, self);
  show_page (self, PAGE_PROGRESS);

  solace_data_owner_set_sealed_async (self->application,
                                      seal ? g_steal_pointer (&self->key) : NULL,
                                      GTK_WINDOW (self), progress_cb, self,
                                      sealed_cb, g_object_ref (self));
}

static void
sealed_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(SolaceLockSetup) self = user_data;
  g_autoptr(GError) error = NULL;
  gboolean ok;

  ok = solace_data_owner_set_sealed_finish (SOLACE_DATA_OWNER (source), result, &error);
  self->sealing = FALSE;
  g_clear_pointer (&self->key, solace_key_free);

  if (self->mode == SOLACE_LOCK_SETUP_SET_UP && !ok)
    /* The journal is as it was: its new key file is not needed. */
    forget_unused_key_file (self);

  if (self->closed)
    return;

  follow_main_window (self);
  gtk_window_present (GTK_WINDOW (self));

  if (ok && self->mode == SOLACE_LOCK_SETUP_SET_UP)
    show_locked (self);
  else if (ok)
    show_done (self, "changes-allow-symbolic", _("The Lock Is Off"),
               _("Your journal is a plain file again. You can turn the lock on again at any time in "
                 "Preferences."));
  else
    {
      g_autofree char *description = NULL;

      if (self->mode == SOLACE_LOCK_SETUP_SET_UP)
        description = g_strdup_printf (_("Encrypting stopped: %s. Your journal is as it was and nothing was "
                                         "lost. You can try again from Preferences."),
                                       error->message);
      else
        description = g_strdup_printf (_("Decrypting stopped: %s. Your journal is as it was, still "
                                         "encrypted, and nothing was lost."),
                                       error->message);
      show_done (self, "dialog-warning-symbolic",
                 self->mode == SOLACE_LOCK_SETUP_SET_UP ? _("Solace Is Not Locked") : _("The Lock Is Still On"),
                 description);
    }
}

static void
created_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(SolaceLockSetup) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(SolaceRecoveryKey) recovery_key = NULL;
  g_autoptr(SolaceKey) key = solace_keys_create_finish (result, &recovery_key, &error);

  creating--;
  end_busy (self);

  if (self->closed)
    {
      /* Left while Argon2 ran: nothing of the set-up stays. */
      if (key != NULL)
        forget_unused_key_file (self);
      return;
    }

  if (key == NULL)
    {
      g_autofree char *message = NULL;

      if (g_error_matches (error, SOLACE_KEYS_ERROR, SOLACE_KEYS_ERROR_NO_MEMORY))
        message = g_strdup (_("There is not enough free memory to protect the passphrase well. Close some "
                              "other programs, then try again."));
      else
        message = g_strdup_printf (_("The key could not be made: %s. Nothing was changed."), error->message);
      show_choose (self);
      say (self->choose_message, GTK_WIDGET (self->passphrase_row), message);
      return;
    }

  self->key = g_steal_pointer (&key);
  self->recovery_key = g_steal_pointer (&recovery_key);
  self->key_file_made = TRUE;
  show_key (self);
}

static void
recovery_made_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(SolaceLockSetup) self = user_data;
  g_autoptr(GError) error = NULL;
  gboolean ok = g_task_propagate_boolean (G_TASK (result), &error);

  end_busy (self);
  g_clear_pointer (&self->key, solace_key_free);

  if (self->closed)
    return;

  if (!ok)
    {
      g_autofree char *description = g_strdup_printf (_("It could not be saved: %s. Your old recovery key "
                                                        "still opens Solace; the new one does not."),
                                                      error->message);

      show_done (self, "dialog-warning-symbolic", _("No New Recovery Key"), description);
      return;
    }

  show_done (self, "emblem-ok-symbolic", _("New Recovery Key Ready"),
             _("Keep it somewhere safe. The old recovery key no longer opens Solace."));
}

static void
changed_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(SolaceLockSetup) self = user_data;
  g_autoptr(GError) error = NULL;

  end_busy (self);

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_autofree char *message = NULL;

      if (self->closed)
        return;
      message = g_strdup_printf (_("The passphrase could not be changed: %s. Your current passphrase still "
                                   "opens Solace."),
                                 error->message);
      show_choose (self);
      say (self->choose_message, GTK_WIDGET (self->passphrase_row), message);
      return;
    }

  g_clear_pointer (&self->key, solace_key_free);
  if (self->closed)
    return;
  show_done (self, "emblem-ok-symbolic", _("Passphrase Changed"),
             _("Use the new passphrase from now on. Your recovery key has not changed."));
}

static void
unlocked_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(SolaceLockSetup) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(SolaceKey) key = solace_keys_unlock_finish (result, &error);
  const SolaceKey *in_use;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->closed)
    return;

  end_busy (self);

  in_use = solace_data_owner_get_key (self->application);
  if (key != NULL && in_use != NULL && !solace_key_equal (key, in_use))
    {
      g_clear_pointer (&key, solace_key_free);
      g_set_error_literal (&error, SOLACE_KEYS_ERROR, SOLACE_KEYS_ERROR_MISMATCH,
                           _("the key file does not belong to the journal Solace has open"));
    }

  if (key == NULL)
    {
      g_autofree char *message = NULL;

      if (g_error_matches (error, SOLACE_KEYS_ERROR, SOLACE_KEYS_ERROR_WRONG_PASSPHRASE))
        message = g_strdup (_("That is not the passphrase that opens Solace. Check Caps Lock and the keyboard "
                              "layout, then try again."));
      else if (g_error_matches (error, SOLACE_KEYS_ERROR, SOLACE_KEYS_ERROR_NO_MEMORY))
        message = g_strdup (_("There is not enough free memory to check the passphrase. Close some other "
                              "programs, then try again."));
      else
        message = g_strdup_printf (_("The passphrase could not be checked: %s"), error->message);
      show_current (self);
      mark_error (self->current_row, TRUE);
      say (self->current_message, GTK_WIDGET (self->current_row), message);
      return;
    }

  switch (self->mode)
    {
    case SOLACE_LOCK_SETUP_CHANGE_PASSPHRASE:
      self->key = g_steal_pointer (&key);
      show_choose (self);
      break;

    case SOLACE_LOCK_SETUP_NEW_RECOVERY_KEY:
      /* Made in memory only: written once it has been typed back. */
      self->key = g_steal_pointer (&key);
      self->recovery_key = solace_recovery_key_generate ();
      show_key (self);
      break;

    case SOLACE_LOCK_SETUP_REMOVE:
      /* It was only a check: the application decrypts with its own. */
      start_sealing (self);
      break;

    case SOLACE_LOCK_SETUP_SET_UP:
    default:
      g_assert_not_reached ();
    }
}

static void
choose_next (SolaceLockSetup *self)
{
  const char *passphrase = gtk_editable_get_text (GTK_EDITABLE (self->passphrase_row));
  const char *confirm = gtk_editable_get_text (GTK_EDITABLE (self->confirm_row));
  const char *reason = NULL;
  int strength;

  if (*passphrase == '\0')
    {
      gtk_widget_grab_focus (GTK_WIDGET (self->passphrase_row));
      return;
    }

  strength = solace_passphrase_strength (passphrase, &reason);
  if (strength < MIN_STRENGTH)
    {
      g_autofree char *message = g_strdup_printf (_("Please choose a stronger passphrase. %s"),
                                                  strength_advice (strength, reason));

      mark_error (self->passphrase_row, TRUE);
      say (self->choose_message, GTK_WIDGET (self->passphrase_row), message);
      gtk_widget_grab_focus (GTK_WIDGET (self->passphrase_row));
      return;
    }

  if (strcmp (passphrase, confirm) != 0)
    {
      gboolean empty = *confirm == '\0';

      gtk_editable_set_text (GTK_EDITABLE (self->confirm_row), "");
      mark_error (self->confirm_row, TRUE);
      say (self->choose_message, GTK_WIDGET (self->confirm_row),
           empty ? _("Type the passphrase a second time, to be sure it is the one you meant.")
                 : _("The two passphrases are not the same. Type the second one again."));
      gtk_widget_grab_focus (GTK_WIDGET (self->confirm_row));
      return;
    }

  if (self->mode == SOLACE_LOCK_SETUP_SET_UP)
    {
      if (creating > 0)
        {
          say (self->choose_message, GTK_WIDGET (self->passphrase_row),
               _("Solace is still finishing an earlier try. Wait a moment, then try again."));
          return;
        }
      /* A key file beside the plain journal is left from a set-up that
       * never finished: nothing needs it. */
      forget_unused_key_file (self);
      if (solace_keys_exist (self->keys_path))
        {
          say (self->choose_message, GTK_WIDGET (self->passphrase_row),
               _("A key file from an earlier set-up is still there and could not be removed. Restart "
                 "Solace, then try again."));
          return;
        }

      creating++;
      /* The passphrase is copied before the fields are cleared. */
      solace_keys_create_async (self->keys_path, passphrase,
                                self->has_params ? &self->params : NULL,
                                NULL, created_cb, g_object_ref (self));
      show_busy (self, WORK_CREATE, _("Making Your Key"),
                 _("This takes a moment on purpose: it makes guessing your passphrase slow for anyone else."));
    }
  else
    {
      g_autoptr(GTask) task = g_task_new (NULL, NULL, changed_cb, g_object_ref (self));

      g_task_set_task_data (task, key_work_new (self, passphrase), (GDestroyNotify) key_work_free);
      g_task_run_in_thread (task, change_thread);
      show_busy (self, WORK_CHANGE, _("Changing the Passphrase"),
                 _("This takes a moment on purpose: it makes guessing your passphrase slow for anyone else."));
    }
}

static void
current_next (SolaceLockSetup *self)
{
  const char *passphrase = gtk_editable_get_text (GTK_EDITABLE (self->current_row));

  if (*passphrase == '\0')
    return;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  solace_keys_unlock_passphrase_async (self->keys_path, passphrase, self->cancellable,
                                       unlocked_cb, g_object_ref (self));
  mark_error (self->current_row, FALSE);
  say (self->current_message, GTK_WIDGET (self->current_row), NULL);
  show_busy (self, WORK_CHECK, _("Checking Your Passphrase"), _("This takes a moment on purpose."));
}

static void
check_next (SolaceLockSetup *self)
{
  AdwEntryRow *rows[2] = { self->group1_row, self->group2_row };
  gboolean ok[2];
  g_autofree char *message = NULL;

  for (guint i = 0; i < 2; i++)
    {
      ok[i] = solace_recovery_key_group_matches (self->recovery_key, self->groups[i],
                                                 gtk_editable_get_text (GTK_EDITABLE (rows[i])));
      mark_error (rows[i], !ok[i]);
    }

  if (!ok[0] && !ok[1])
    message = g_strdup_printf (_("Groups %u and %u do not match the key. Check them against it, or show the "
                                 "key again."),
                               self->groups[0] + 1, self->groups[1] + 1);
  else if (!ok[0] || !ok[1])
    message = g_strdup_printf (_("Group %u does not match the key. Check it against the key, or show the key "
                                 "again."),
                               self->groups[ok[0] ? 1 : 0] + 1);
  if (message != NULL)
    {
      GtkWidget *wrong = GTK_WIDGET (rows[ok[0] ? 1 : 0]);

      say (self->check_message, wrong, message);
      gtk_widget_grab_focus (wrong);
      return;
    }

  say (self->check_message, NULL, NULL);

  if (self->mode == SOLACE_LOCK_SETUP_SET_UP)
    {
      forget_recovery_key (self);
      start_sealing (self);
    }
  else
    {
      g_autoptr(GTask) task = g_task_new (NULL, NULL, recovery_made_cb, g_object_ref (self));

      /* The work has its own copy of the key to write. */
      g_task_set_task_data (task, key_work_new (self, NULL), (GDestroyNotify) key_work_free);
      forget_recovery_key (self);
      g_task_run_in_thread (task, recovery_thread);
      show_busy (self, WORK_RECOVERY, _("Saving the New Recovery Key"), NULL);
    }
}

static void
next_cb (SolaceLockSetup *self)
{
  if (self->work != WORK_NONE || self->sealing)
    return;

  switch (self->page)
    {
    case PAGE_CHOOSE:
      choose_next (self);
      break;
    case PAGE_CURRENT:
      current_next (self);
      break;
    case PAGE_KEY:
      show_check (self);
      break;
    case PAGE_CHECK:
      check_next (self);
      break;
    case PAGE_DONE:
      if (!self->deleting)
        gtk_window_destroy (GTK_WINDOW (self));
      break;
    case PAGE_BUSY:
    case PAGE_PROGRESS:
    case N_PAGES:
    default:
      break;
    }
}

static void
cancel_cb (SolaceLockSetup *self)
{
  gtk_window_close (GTK_WINDOW (self));
}

static void
passphrase_activated_cb (SolaceLockSetup *self)
{
  /* Enter in the first field goes to the second. */
  if (*gtk_editable_get_text (GTK_EDITABLE (self->confirm_row)) == '\0')
    gtk_widget_grab_focus (GTK_WIDGET (self->confirm_row));
  else
    next_cb (self);
}

static void
passphrase_changed_cb (SolaceLockSetup *self)
{
  const char *passphrase = gtk_editable_get_text (GTK_EDITABLE (self->passphrase_row));
  const char *reason = NULL;
  int strength = solace_passphrase_strength (passphrase, &reason);
  g_autofree char *text = strength_text (strength, reason);

  /* One block even for "very weak": an empty bar is an empty field. */
  gtk_level_bar_set_value (self->strength_bar, *passphrase == '\0' ? 0 : strength + 1);
  gtk_label_set_text (self->strength_label, text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->strength_bar),
                                  GTK_ACCESSIBLE_PROPERTY_VALUE_TEXT, text, -1);
  mark_error (self->passphrase_row, FALSE);
  if (gtk_widget_get_visible (GTK_WIDGET (self->choose_message)))
    say (self->choose_message, GTK_WIDGET (self->passphrase_row), NULL);
  update_buttons (self);
}

static void
confirm_changed_cb (SolaceLockSetup *self)
{
  mark_error (self->confirm_row, FALSE);
}

static void
current_changed_cb (SolaceLockSetup *self)
{
  mark_error (self->current_row, FALSE);
  if (self->page == PAGE_CURRENT)
    update_buttons (self);
}

static void
group_changed_cb (SolaceLockSetup *self,
                  AdwEntryRow     *row)
{
  mark_error (row, FALSE);
}

static void
group1_activated_cb (SolaceLockSetup *self)
{
  gtk_widget_grab_focus (GTK_WIDGET (self->group2_row));
}

static void
show_key_cb (SolaceLockSetup *self)
{
  show_page (self, PAGE_KEY);
}

static void
copy_cb (SolaceLockSetup *self)
{
  GdkClipboard *clipboard = gtk_widget_get_clipboard (GTK_WIDGET (self));
  g_autoptr(GBytes) hint = NULL;
  GdkContentProvider *providers[2];

  if (self->recovery_key == NULL)
    return;

  /* The text, and the type that tells clipboard managers (Klipper,
   * and the GNOME extensions that honour it) a secret is not for their
   * history. */
  hint = g_bytes_new_static (SECRET_HINT_VALUE, strlen (SECRET_HINT_VALUE));
  providers[0] = gdk_content_provider_new_typed (G_TYPE_STRING, self->recovery_key);
  providers[1] = gdk_content_provider_new_for_bytes (SECRET_HINT_TYPE, hint);
  g_clear_object (&self->copied);
  self->copied = gdk_content_provider_new_union (providers, G_N_ELEMENTS (providers));
  gdk_clipboard_set_content (clipboard, self->copied);
  say (self->key_message, NULL, _("Copied. Paste it somewhere safe now: Solace empties the clipboard when you go on."));
}

/* ---- Printing ------------------------------------------------------- */

static void
draw_page_cb (GtkPrintOperation *operation,
              GtkPrintContext   *context,
              int                page_nr,
              gpointer           user_data)
{
  const char *lines = g_object_get_data (G_OBJECT (operation), "solace-key-lines");
  cairo_t *cr = gtk_print_context_get_cairo_context (context);
  double width = gtk_print_context_get_width (context);
  g_autoptr(PangoLayout) layout = gtk_print_context_create_pango_layout (context);
  g_autoptr(PangoFontDescription) font = pango_font_description_from_string ("Sans 11");
  int text_height;
  int size;

  if (lines == NULL)
    return;

  cairo_set_source_rgb (cr, 0, 0, 0);

  /* One line of explanation, and nothing else of the journal. */
  pango_layout_set_font_description (layout, font);
  pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_text (layout,
                         _("Recovery key for Solace: it opens your journal if the passphrase is forgotten. "
                           "Keep it safe and private."),
                         -1);
  cairo_move_to (cr, 0, 0);
  pango_cairo_show_layout (cr, layout);
  pango_layout_get_size (layout, NULL, &text_height);

  /* The key as large as the paper allows, up to 24 points. */
  pango_layout_set_alignment (layout, PANGO_ALIGN_CENTER);
  pango_layout_set_wrap (layout, PANGO_WRAP_CHAR);
  pango_layout_set_text (layout, lines, -1);
  for (size = 24; size > 8; size--)
    {
      int key_width;

      pango_font_description_set_family (font, "Monospace");
      pango_font_description_set_weight (font, PANGO_WEIGHT_BOLD);
      pango_font_description_set_size (font, size * PANGO_SCALE);
      pango_layout_set_width (layout, -1);
      pango_layout_set_font_description (layout, font);
      pango_layout_get_size (layout, &key_width, NULL);
      if (key_width <= width * PANGO_SCALE)
        break;
    }
  pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  cairo_move_to (cr, 0, (double) text_height / PANGO_SCALE + 36);
  pango_cairo_show_layout (cr, layout);
  /* The copy in the layout goes with it; nothing else keeps one. */
  pango_layout_set_text (layout, "", 0);
}

static void
preview_ready_cb (GtkPrintOperationPreview *preview,
                  GtkPrintContext          *context,
                  gpointer                  user_data)
{
  gtk_print_operation_preview_end_preview (preview);
}

/* Print Preview in the print dialog: GTK's own would draw the key into
 * a PDF file in $TMPDIR for a viewer, a copy left on disk.  None is
 * made: the preview ends as soon as it is ready, without a page drawn,
 * and the dialog says why. */
static gboolean
preview_cb (GtkPrintOperation        *operation,
            GtkPrintOperationPreview *preview,
            GtkPrintContext          *context,
            GtkWindow                *parent,
            SolaceLockSetup          *self)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_A8, 1, 1);
  cairo_t *cr = cairo_create (surface);

  /* GTK needs a context to draw into; nothing is drawn. */
  gtk_print_context_set_cairo_context (context, cr, 72, 72);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  g_signal_connect (preview, "ready", G_CALLBACK (preview_ready_cb), NULL);

  if (!self->closed)
    say (self->key_message, NULL,
         _("Solace shows no print preview: it would leave a copy of the key in a file. Print it "
           "directly instead."));
  return TRUE;
}

static void
print_done_cb (GtkPrintOperation       *operation,
               GtkPrintOperationResult  result,
               SolaceLockSetup         *self)
{
  g_autoptr(GError) error = NULL;

  if (result != GTK_PRINT_OPERATION_RESULT_ERROR || self->closed)
    return;

  gtk_print_operation_get_error (operation, &error);
  if (error != NULL)
    {
      g_autofree char *message = g_strdup_printf (_("The key could not be printed: %s"), error->message);

      say (self->key_message, NULL, message);
    }
}

static void
print_key (SolaceLockSetup         *self,
           GtkPrintOperationAction  action,
           const char              *export_path)
{
  g_autoptr(GtkPrintOperation) operation = NULL;
  g_autoptr(GError) error = NULL;
  GtkPrintOperationResult result;

  if (self->recovery_key == NULL)
    return;

  operation = gtk_print_operation_new ();
  gtk_print_operation_set_n_pages (operation, 1);
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  gtk_print_operation_set_embed_page_setup (operation, TRUE);
  gtk_print_operation_set_allow_async (operation, export_path == NULL);
  /* Seen in the printer's queue: no name, nothing to give it away. */
  gtk_print_operation_set_job_name (operation, _("Recovery key"));
  if (export_path != NULL)
    gtk_print_operation_set_export_filename (operation, export_path);
  g_object_set_data_full (G_OBJECT (operation), "solace-key-lines",
                          key_in_lines (self->recovery_key), (GDestroyNotify) secure_strfree);
  g_signal_connect (operation, "draw-page", G_CALLBACK (draw_page_cb), NULL);
  g_signal_connect_object (operation, "preview", G_CALLBACK (preview_cb), self, 0);
  g_signal_connect_object (operation, "done", G_CALLBACK (print_done_cb), self, 0);

  /* Kept until the next one: an asynchronous one outlives this call. */
  g_set_object (&self->print_operation, operation);
  result = gtk_print_operation_run (operation, action, GTK_WINDOW (self), &error);
  if (result == GTK_PRINT_OPERATION_RESULT_ERROR)
    {
      g_autofree char *message = g_strdup_printf (_("The key could not be printed: %s"), error->message);

      say (self->key_message, NULL, message);
    }
}

static void
print_cb (SolaceLockSetup *self)
{
  print_key (self, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG, NULL);
}

/* ---- Old backups ---------------------------------------------------- */

static void
backups_deleted_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(SolaceLockSetup) self = user_data;
  g_autoptr(GError) error = NULL;
  gboolean ok = g_task_propagate_boolean (G_TASK (result), &error);

  self->deleting = FALSE;
  if (self->closed)
    return;

  if (ok)
    {
      gtk_label_set_text (self->backups_label,
                          ngettext ("The old backup is deleted.", "The old backups are deleted.",
                                    self->n_plain_backups));
      gtk_widget_set_visible (GTK_WIDGET (self->delete_backups_button), FALSE);
    }
  else
    {
      g_autofree char *message = g_strdup_printf (_("Not every old backup could be deleted: %s"), error->message);

      gtk_label_set_text (self->backups_label, message);
      gtk_widget_set_sensitive (GTK_WIDGET (self->delete_backups_button), TRUE);
    }
  update_buttons (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->next_button));
}

static void
delete_backups_cb (SolaceLockSetup *self)
{
  g_autoptr(GTask) task = NULL;

  if (self->deleting)
    return;

  self->deleting = TRUE;
  gtk_widget_set_sensitive (GTK_WIDGET (self->delete_backups_button), FALSE);
  update_buttons (self);
  task = g_task_new (NULL, NULL, backups_deleted_cb, g_object_ref (self));
  g_task_set_task_data (task, g_strdup (self->backups_dir), g_free);
  g_task_run_in_thread (task, delete_backups_thread);
}

/* ---- Closing -------------------------------------------------------- */

/* Whatever the window is left at, nothing half-made stays behind. */
static void
abandon (SolaceLockSetup *self)
{
  if (self->closed)
    return;
  self->closed = TRUE;

  g_cancellable_cancel (self->cancellable);
  if (self->key_file_made)
    forget_unused_key_file (self);
  forget_recovery_key (self);
  g_clear_pointer (&self->key, solace_key_free);
}

static gboolean
close_request_cb (SolaceLockSetup *self)
{
  /* Not while the journal or the key file is being rewritten. */
  if (self->sealing || self->work == WORK_CHANGE || self->work == WORK_RECOVERY)
    return TRUE;

  abandon (self);
  return FALSE;
}

/* ---- GObject -------------------------------------------------------- */

static void
solace_lock_setup_dispose (GObject *object)
{
  SolaceLockSetup *self = (SolaceLockSetup *)object;

  /* Destroyed without asking (quick hide, locking): the same as Cancel. */
  abandon (self);
  clear_clipboard (self);

  gtk_widget_dispose_template (GTK_WIDGET (self), SOLACE_TYPE_LOCK_SETUP);

  G_OBJECT_CLASS (solace_lock_setup_parent_class)->dispose (object);
}

static void
solace_lock_setup_finalize (GObject *object)
{
  SolaceLockSetup *self = (SolaceLockSetup *)object;

  g_clear_pointer (&self->key, solace_key_free);
  g_clear_pointer (&self->recovery_key, solace_recovery_key_free);
  g_clear_object (&self->copied);
  g_clear_object (&self->print_operation);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->application);
  g_free (self->db_path);
  g_free (self->keys_path);
  g_free (self->backups_dir);

  G_OBJECT_CLASS (solace_lock_setup_parent_class)->finalize (object);
}

static void
solace_lock_setup_class_init (SolaceLockSetupClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = solace_lock_setup_dispose;
  object_class->finalize = solace_lock_setup_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/solace_app/Solace/gui/solace-lock-setup.ui");
  gtk_widget_class_bind_template_child (widget_class, SolaceLockSetup, window_title);
  gtk_widget_class_bind_template_child (widget_class, SolaceLockSetup, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, SolaceLockSetup, next_button);
  gtk_widget_class_bind_template_child (widget_class, SolaceLockSetup, stack);
  gtk_widget_class_bind_template_child (widget_class, SolaceLockSetup, choose_page);
  gtk_widget_class_bind_template_child (widget_class, SolaceLockSetup, choose_warning);
  gtk_widget_class_bind_template_child (widget_class, SolaceLockSetup, passphrase_row);
  gtk_widget_class_bind_template_child (widget_class, SolaceLockSetup, confirm_row);
  gtk_widget_class_bind_template_child (widget_class, SolaceLockSetup, strength_bar);
  gtk_widget_class_bind_template_child (widget_class, SolaceLockSetup, strength_label);
  gtk_widget_class_bind_template_child (widget_class, SolaceLockSetup, choose_message);
  gtk_widget_class_bind_template_child (widget_class, SolaceLockSetup, current_page);
  gtk_widget_class_bind_template_child (widget_class, SolaceLockSetup, current_row);
  gtk_widget_class_bind_template_child (widget_class, SolaceLockSetup, current_message);
  gtk_widget_class_bind_template_child (widget_class, SolaceLockSetup, busy_page);
  gtk_widget_class_bind_template_child (widget_class, SolaceLockSetup, busy_spinner);
  gtk_widget_class_bind_template_child (widget_class, SolaceLockSetup, key_label);
  gtk_widget_class_bind_template_child (widget_class, SolaceLockSetup, copy_button);
  gtk_widget_class_bind_template_child (widget_class, SolaceLockSetup, print_button);
  gtk_widget_class_bind_template_child (widget_class, SolaceLockSetup, key_message);
  gtk_widget_class_bind_template_child (widget_class, SolaceLockSetup, check_page);
  gtk_widget_class_bind_template_child (widget_class, SolaceLockSetup, group1_row);
  gtk_widget_class_bind_template_child (widget_class, SolaceLockSetup, group2_row);
  gtk_widget_class_bind_template_child (widget_class, SolaceLockSetup, check_message);
  gtk_widget_class_bind_template_child (widget_class, SolaceLockSetup, show_key_button);
  gtk_widget_class_bind_template_child (widget_class, SolaceLockSetup, progress_page);
  gtk_widget_class_bind_template_child (widget_class, SolaceLockSetup, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, SolaceLockSetup, done_page);
  gtk_widget_class_bind_template_child (widget_class, SolaceLockSetup, backups_box);
  gtk_widget_class_bind_template_child (widget_class, SolaceLockSetup, backups_label);
  gtk_widget_class_bind_template_child (widget_class, SolaceLockSetup, delete_backups_button);
  gtk_widget_class_bind_template_child (widget_class, SolaceLockSetup, done_note);
  gtk_widget_class_bind_template_callback (widget_class, next_cb);
  gtk_widget_class_bind_template_callback (widget_class, cancel_cb);
  gtk_widget_class_bind_template_callback (widget_class, passphrase_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, passphrase_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, confirm_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, current_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, group_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, group1_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, show_key_cb);
  gtk_widget_class_bind_template_callback (widget_class, copy_cb);
  gtk_widget_class_bind_template_callback (widget_class, print_cb);
  gtk_widget_class_bind_template_callback (widget_class, delete_backups_cb);

  /* Escape asks to close; close-request says whether it is safe. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
solace_lock_setup_init (SolaceLockSetup *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->db_path = solace_database_dup_default_path ();
  self->keys_path = solace_keys_path_for_database (self->db_path);
  self->backups_dir = solace_backup_dup_default_dir ();

  /* Strength 0–4 shows as 1–5 blocks: the warning colour for the
   * refused ones (style.css), the accent colour, green when strong. */
  gtk_level_bar_add_offset_value (self->strength_bar, GTK_LEVEL_BAR_OFFSET_LOW, MIN_STRENGTH);
  gtk_level_bar_add_offset_value (self->strength_bar, GTK_LEVEL_BAR_OFFSET_HIGH, 4);
  gtk_level_bar_add_offset_value (self->strength_bar, GTK_LEVEL_BAR_OFFSET_FULL, 5);

  g_signal_connect (self, "close-request", G_CALLBACK (close_request_cb), NULL);
}

/**
 * solace_lock_setup_new:
 * @parent: the preferences window
 * @application: the application, whose data the lock is for
 * @mode: what to do
 *
 * Returns: (transfer none): a new window; present it.
 */
SolaceLockSetup *
solace_lock_setup_new (GtkWindow           *parent,
                       SolaceDataOwner     *application,
                       SolaceLockSetupMode  mode)
{
  SolaceLockSetup *self;
  const char *title = NULL;

  g_return_val_if_fail (SOLACE_IS_DATA_OWNER (application), NULL);

  self = g_object_new (SOLACE_TYPE_LOCK_SETUP,
                       "transient-for", parent,
                       /* Counted by the application, which keeps
                        * it open while it reopens its data. */
                       "application", application,
                       NULL);
  self->application = g_object_ref (application);
  self->mode = mode;

  switch (mode)
    {
    case SOLACE_LOCK_SETUP_SET_UP:
      title = _("Lock with a Passphrase");
      break;
    case SOLACE_LOCK_SETUP_CHANGE_PASSPHRASE:
      title = _("Change Passphrase");
      break;
    case SOLACE_LOCK_SETUP_NEW_RECOVERY_KEY:
      title = _("New Recovery Key");
      break;
    case SOLACE_LOCK_SETUP_REMOVE:
      title = _("Remove the Lock");
      break;
    default:
      g_return_val_if_reached (NULL);
    }
  gtk_window_set_title (GTK_WINDOW (self), title);
  adw_window_title_set_title (self->window_title, title);

  /* No Argon2 and no vault work yet: the first page only. */
  if (mode == SOLACE_LOCK_SETUP_SET_UP)
    show_choose (self);
  else
    show_current (self);

  return self;
}

void
solace_lock_setup_set_pwhash_params (SolaceLockSetup          *self,
                                     const SolacePwhashParams *params)
{
  g_return_if_fail (SOLACE_IS_LOCK_SETUP (self));

  self->has_params = params != NULL;
  if (params != NULL)
    self->params = *params;
}

const char *
solace_lock_setup_get_page (SolaceLockSetup *self)
{
  g_return_val_if_fail (SOLACE_IS_LOCK_SETUP (self), NULL);

  return page_names[self->page];
}

GtkWidget *
solace_lock_setup_get_widget (SolaceLockSetup *self,
                              const char      *name)
{
  const struct { const char *name; gsize offset; } widgets[] = {
    { "passphrase", G_STRUCT_OFFSET (SolaceLockSetup, passphrase_row) },
    { "confirm", G_STRUCT_OFFSET (SolaceLockSetup, confirm_row) },
    { "current", G_STRUCT_OFFSET (SolaceLockSetup, current_row) },
    { "group-1", G_STRUCT_OFFSET (SolaceLockSetup, group1_row) },
    { "group-2", G_STRUCT_OFFSET (SolaceLockSetup, group2_row) },
    { "key", G_STRUCT_OFFSET (SolaceLockSetup, key_label) },
    { "strength", G_STRUCT_OFFSET (SolaceLockSetup, strength_label) },
    { "next", G_STRUCT_OFFSET (SolaceLockSetup, next_button) },
    { "cancel", G_STRUCT_OFFSET (SolaceLockSetup, cancel_button) },
    { "copy", G_STRUCT_OFFSET (SolaceLockSetup, copy_button) },
    { "print", G_STRUCT_OFFSET (SolaceLockSetup, print_button) },
    { "show-key", G_STRUCT_OFFSET (SolaceLockSetup, show_key_button) },
    { "delete-backups", G_STRUCT_OFFSET (SolaceLockSetup, delete_backups_button) },
    { "progress", G_STRUCT_OFFSET (SolaceLockSetup, progress_bar) },
    { "backups", G_STRUCT_OFFSET (SolaceLockSetup, backups_label) },
  };

  g_return_val_if_fail (SOLACE_IS_LOCK_SETUP (self), NULL);

  /* The message on the page shown. */
  if (g_strcmp0 (name, "message") == 0)
    switch (self->page)
      {
      case PAGE_CHOOSE:  return GTK_WIDGET (self->choose_message);
      case PAGE_CURRENT: return GTK_WIDGET (self->current_message);
      case PAGE_KEY:     return GTK_WIDGET (self->key_message);
      case PAGE_CHECK:   return GTK_WIDGET (self->check_message);
      case PAGE_BUSY:
      case PAGE_PROGRESS:
      case PAGE_DONE:
      case N_PAGES:
      default:           return NULL;
      }

  for (guint i = 0; i < G_N_ELEMENTS (widgets); i++)
    if (g_strcmp0 (widgets[i].name, name) == 0)
      return G_STRUCT_MEMBER (GtkWidget *, self, widgets[i].offset);

  g_return_val_if_reached (NULL);
}

void
solace_lock_setup_get_groups (SolaceLockSetup *self,
                              guint           *first,
                              guint           *second)
{
  g_return_if_fail (SOLACE_IS_LOCK_SETUP (self));

  *first = self->groups[0];
  *second = self->groups[1];
}

gboolean
solace_lock_setup_is_busy (SolaceLockSetup *self)
{
  g_return_val_if_fail (SOLACE_IS_LOCK_SETUP (self), FALSE);

  return self->work != WORK_NONE || self->sealing || self->deleting;
}

/* For the tests: Print, into a PDF file instead of through the dialog. */
gboolean
solace_lock_setup_export_key (SolaceLockSetup *self,
                              const char      *pdf_path)
{
  g_return_val_if_fail (SOLACE_IS_LOCK_SETUP (self), FALSE);

  if (self->recovery_key == NULL)
    return FALSE;
  print_key (self, GTK_PRINT_OPERATION_ACTION_EXPORT, pdf_path);
  return TRUE;
}

/* For the tests: what Print Preview in the print dialog does. */
gboolean
solace_lock_setup_preview_key (SolaceLockSetup *self)
{
  g_return_val_if_fail (SOLACE_IS_LOCK_SETUP (self), FALSE);

  if (self->recovery_key == NULL)
    return FALSE;
  print_key (self, GTK_PRINT_OPERATION_ACTION_PREVIEW, NULL);
  return TRUE;
}
