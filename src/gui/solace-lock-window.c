/* solace-lock-window.c — the only window while Solace is locked
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Asks for the passphrase, or the recovery key, and hands the key it
 * opens to the application.  A wrong one is refused calmly, as often as
 * it is typed: there is no count of tries and nothing is ever wiped, so
 * that a locked Solace gives no one a way to destroy it.  Argon2 runs in
 * a worker thread; a spinner shows meanwhile.
 */
#define G_LOG_DOMAIN "solace-lock-window"

#include "config.h"

#include <glib/gi18n.h>

#include "solace-keys.h"
#include "solace-lock-window.h"

struct _SolaceLockWindow
{
  AdwApplicationWindow  parent_instance;

  AdwStatusPage        *status_page;
  AdwPasswordEntryRow  *passphrase_row;
  AdwPasswordEntryRow  *recovery_row;   /* hidden as typed, like the passphrase */
  GtkLabel             *message_label;
  GtkButton            *unlock_button;
  GtkStack             *button_stack;
  GtkSpinner           *spinner;
  GtkButton            *switch_button;

  char                 *keys_path;
  GCancellable         *cancellable;
  guint                 use_recovery : 1;
  guint                 busy : 1;
};

G_DEFINE_FINAL_TYPE (SolaceLockWindow, solace_lock_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  UNLOCKED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static GtkEditable *
current_field (SolaceLockWindow *self)
{
  return self->use_recovery ? GTK_EDITABLE (self->recovery_row)
                            : GTK_EDITABLE (self->passphrase_row);
}

static void
update_button (SolaceLockWindow *self)
{
  const char *text = gtk_editable_get_text (current_field (self));

  gtk_widget_set_sensitive (GTK_WIDGET (self->unlock_button), !self->busy && text[0] != '\0');
}

static void
set_busy (SolaceLockWindow *self,
          gboolean          busy)
{
  self->busy = !!busy;
  gtk_spinner_set_spinning (self->spinner, busy);
  gtk_stack_set_visible_child_name (self->button_stack, busy ? "busy" : "label");
  /* Not insensitive: the field keeps the focus (GTK 4.8's GtkText
   * loses track of it otherwise), it just takes no typing meanwhile. */
  gtk_editable_set_editable (GTK_EDITABLE (self->passphrase_row), !busy);
  gtk_editable_set_editable (GTK_EDITABLE (self->recovery_row), !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->switch_button), !busy);
  update_button (self);
}

static void
say (SolaceLockWindow *self,
     const char       *message)
{
  gtk_label_set_text (self->message_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->message_label), message != NULL);

  /* A screen reader hears it at once, not only when it reaches it. */
  if (message != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (self->message_label),
                                    GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, message, -1);
}

/* What to say for each refusal: calm, and what to try next. */
static char *
message_for_error (SolaceLockWindow *self,
                   const GError     *error)
{
  if (error->domain == SOLACE_KEYS_ERROR)
    switch (error->code)
      {
      case SOLACE_KEYS_ERROR_WRONG_PASSPHRASE:
        return g_strdup (_("That passphrase did not open Solace. Check Caps Lock and the keyboard layout, then try again."));
      case SOLACE_KEYS_ERROR_WRONG_RECOVERY_KEY:
        /* Most often a key replaced by a newer one since. */
        return g_strdup (_("That recovery key does not open Solace. If you made a new recovery key since, use the new one."));
      case SOLACE_KEYS_ERROR_RECOVERY_KEY_TYPO:
      case SOLACE_KEYS_ERROR_RECOVERY_KEY_FORMAT:
        /* The core's message names the group with the typing mistake. */
        return g_strdup (error->message);
      case SOLACE_KEYS_ERROR_NO_MEMORY:
        return g_strdup (_("There is not enough free memory to check the passphrase. Close some other programs, then try again."));
      default:
        break;
      }

  return g_strdup_printf (_("Solace could not be unlocked: %s"), error->message);
}

static void
unlocked_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(SolaceLockWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(SolaceKey) key = solace_keys_unlock_finish (result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  set_busy (self, FALSE);

  if (key == NULL)
    {
      g_autofree char *message = message_for_error (self, error);

      say (self, message);
      gtk_widget_add_css_class (GTK_WIDGET (current_field (self)), "error");
      gtk_widget_grab_focus (GTK_WIDGET (current_field (self)));
      gtk_editable_select_region (current_field (self), 0, -1);
      return;
    }

  /* What was typed is no longer needed anywhere. */
  gtk_editable_set_text (GTK_EDITABLE (self->passphrase_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->recovery_row), "");
  say (self, NULL);

  g_signal_emit (self, signals[UNLOCKED], 0, key);
}

static void
unlock_cb (SolaceLockWindow *self)
{
  const char *text = gtk_editable_get_text (current_field (self));

  if (self->busy || text[0] == '\0')
    return;

  set_busy (self, TRUE);
  say (self, NULL);
  gtk_widget_remove_css_class (GTK_WIDGET (current_field (self)), "error");

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  if (self->use_recovery)
    solace_keys_unlock_recovery_key_async (self->keys_path, text, self->cancellable,
                                           unlocked_cb, g_object_ref (self));
  else
    solace_keys_unlock_passphrase_async (self->keys_path, text, self->cancellable,
                                         unlocked_cb, g_object_ref (self));
}

static void
text_changed_cb (SolaceLockWindow *self)
{
  gtk_widget_remove_css_class (GTK_WIDGET (current_field (self)), "error");
  update_button (self);
}

static void
show_fields (SolaceLockWindow *self)
{
  gtk_widget_set_visible (GTK_WIDGET (self->passphrase_row), !self->use_recovery);
  gtk_widget_set_visible (GTK_WIDGET (self->recovery_row), self->use_recovery);

  if (self->use_recovery)
    {
      adw_status_page_set_description (self->status_page,
                                       _("Enter the recovery key you were given when you set up the lock. Spaces, dashes and capitals do not matter."));
      gtk_button_set_label (self->switch_button, _("Use _Passphrase"));
    }
  else
    {
      adw_status_page_set_description (self->status_page,
                                       _("Enter your passphrase to open your journal."));
      gtk_button_set_label (self->switch_button, _("Use _Recovery Key"));
    }

  say (self, NULL);
  update_button (self);
  gtk_widget_grab_focus (GTK_WIDGET (current_field (self)));
}

static void
switch_cb (SolaceLockWindow *self)
{
  gtk_editable_set_text (current_field (self), "");
  self->use_recovery = !self->use_recovery;
  show_fields (self);
}

static void
solace_lock_window_map (GtkWidget *widget)
{
  SolaceLockWindow *self = SOLACE_LOCK_WINDOW (widget);

  GTK_WIDGET_CLASS (solace_lock_window_parent_class)->map (widget);

  gtk_widget_grab_focus (GTK_WIDGET (current_field (self)));
}

static void
solace_lock_window_dispose (GObject *object)
{
  SolaceLockWindow *self = (SolaceLockWindow *)object;

  g_cancellable_cancel (self->cancellable);

  gtk_widget_dispose_template (GTK_WIDGET (self), SOLACE_TYPE_LOCK_WINDOW);

  G_OBJECT_CLASS (solace_lock_window_parent_class)->dispose (object);
}

static void
solace_lock_window_finalize (GObject *object)
{
  SolaceLockWindow *self = (SolaceLockWindow *)object;

  g_clear_object (&self->cancellable);
  g_free (self->keys_path);

  G_OBJECT_CLASS (solace_lock_window_parent_class)->finalize (object);
}

static void
solace_lock_window_class_init (SolaceLockWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = solace_lock_window_dispose;
  object_class->finalize = solace_lock_window_finalize;
  widget_class->map = solace_lock_window_map;

  /**
   * SolaceLockWindow::unlocked:
   * @key: the key that was opened (owned by the window: copy it)
   */
  signals[UNLOCKED] =
    g_signal_new ("unlocked", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1,
                  SOLACE_TYPE_KEY | G_SIGNAL_TYPE_STATIC_SCOPE);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/solace_app/Solace/gui/solace-lock-window.ui");
  gtk_widget_class_bind_template_child (widget_class, SolaceLockWindow, status_page);
  gtk_widget_class_bind_template_child (widget_class, SolaceLockWindow, passphrase_row);
  gtk_widget_class_bind_template_child (widget_class, SolaceLockWindow, recovery_row);
  gtk_widget_class_bind_template_child (widget_class, SolaceLockWindow, message_label);
  gtk_widget_class_bind_template_child (widget_class, SolaceLockWindow, unlock_button);
  gtk_widget_class_bind_template_child (widget_class, SolaceLockWindow, button_stack);
  gtk_widget_class_bind_template_child (widget_class, SolaceLockWindow, spinner);
  gtk_widget_class_bind_template_child (widget_class, SolaceLockWindow, switch_button);
  gtk_widget_class_bind_template_callback (widget_class, unlock_cb);
  gtk_widget_class_bind_template_callback (widget_class, text_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, switch_cb);
}

static void
solace_lock_window_init (SolaceLockWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  /* Nothing of the lock screen belongs in a window list's thumbnail
   * or in a screen reader's summary but its purpose.  The fields need
   * no label of their own: their titles name them, and a second one
   * was read out twice ("Passphrase Passphrase"). */
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->unlock_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Unlock Solace"), -1);
}

/**
 * solace_lock_window_new:
 * @application: the application
 * @keys_path: the key file to open
 *
 * Returns: (transfer none): a new lock screen; connect to ::unlocked.
 */
SolaceLockWindow *
solace_lock_window_new (GtkApplication *application,
                        const char     *keys_path)
{
  SolaceLockWindow *self;

  g_return_val_if_fail (GTK_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (keys_path != NULL, NULL);

  self = g_object_new (SOLACE_TYPE_LOCK_WINDOW, "application", application, NULL);
  self->keys_path = g_strdup (keys_path);

  return self;
}

/* Shows @message under the field, as after a refusal. */
void
solace_lock_window_set_message (SolaceLockWindow *self,
                                const char       *message)
{
  g_return_if_fail (SOLACE_IS_LOCK_WINDOW (self));

  say (self, message);
}

/* Back to a fresh start: passphrase, nothing said, not busy. */
void
solace_lock_window_reset (SolaceLockWindow *self)
{
  g_return_if_fail (SOLACE_IS_LOCK_WINDOW (self));

  g_cancellable_cancel (self->cancellable);
  gtk_editable_set_text (GTK_EDITABLE (self->passphrase_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->recovery_row), "");
  self->use_recovery = FALSE;
  set_busy (self, FALSE);
  show_fields (self);
}
