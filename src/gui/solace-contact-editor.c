/* solace-contact-editor.c — a trusted person, a professional, a group or a line
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "solace-contact-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "solace-contact-editor.h"

static const char * const fields[] = { "name", "relationship", "phone", "email", "website", "notes" };

struct _SolaceContactEditor
{
  AdwWindow           parent_instance;

  SolaceContactStore *store;
  SolaceContact      *contact;

  AdwToastOverlay    *toasts;
  AdwComboRow        *kind_row;
  AdwEntryRow        *rows[G_N_ELEMENTS (fields)];
  GtkCheckButton     *good_for[3];
  GtkWidget          *good_for_row;
  AdwActionRow       *online_row;
  GtkSwitch          *online_switch;
};

G_DEFINE_FINAL_TYPE (SolaceContactEditor, solace_contact_editor, ADW_TYPE_WINDOW)

static void
kind_changed_cb (SolaceContactEditor *self)
{
  SolaceContactKind kind = adw_combo_row_get_selected (self->kind_row);

  /* What each kind needs: a friend is good for something, a group
   * meets in person or online, a professional has a website. */
  gtk_widget_set_visible (self->good_for_row, kind == SOLACE_CONTACT_PERSON);
  gtk_widget_set_visible (GTK_WIDGET (self->online_row), kind == SOLACE_CONTACT_GROUP);
  gtk_widget_set_visible (GTK_WIDGET (self->rows[1]), kind == SOLACE_CONTACT_PERSON);
  gtk_widget_set_visible (GTK_WIDGET (self->rows[4]), kind != SOLACE_CONTACT_PERSON);
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  SolaceContactEditor *self = SOLACE_CONTACT_EDITOR (widget);
  g_autoptr(GError) error = NULL;
  guint good_for = 0;

  solace_contact_set_kind (self->contact, adw_combo_row_get_selected (self->kind_row));
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      g_autofree char *value = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->rows[i]))));
      solace_contact_set_field (self->contact, fields[i], value);
    }
  for (guint i = 0; i < 3; i++)
    if (gtk_check_button_get_active (self->good_for[i]))
      good_for |= 1 << i;
  solace_contact_set_good_for (self->contact, good_for);
  solace_contact_set_online (self->contact, gtk_switch_get_active (self->online_switch));

  if (!solace_contact_store_save (self->store, self->contact, &error))
    {
      g_autofree char *escaped = g_markup_escape_text (error->message, -1);

      gtk_widget_grab_focus (GTK_WIDGET (self->rows[0]));
      adw_toast_overlay_add_toast (self->toasts, adw_toast_new (escaped));
      return;
    }

  gtk_window_destroy (GTK_WINDOW (self));
}

static void
solace_contact_editor_dispose (GObject *object)
{
  SolaceContactEditor *self = (SolaceContactEditor *)object;

  g_clear_object (&self->store);
  g_clear_object (&self->contact);

  G_OBJECT_CLASS (solace_contact_editor_parent_class)->dispose (object);
}

static void
solace_contact_editor_class_init (SolaceContactEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = solace_contact_editor_dispose;

  gtk_widget_class_install_action (widget_class, "contact.save", NULL, save_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "contact.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
solace_contact_editor_init (SolaceContactEditor *self)
{
  const char *titles[] = { N_("Name"), N_("Relationship"), N_("Phone"), N_("Email"), N_("Website"), N_("Notes") };
  const char *good_for[] = { N_("Talking"), N_("Distraction"), N_("Practical help") };
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *cancel = gtk_button_new_with_mnemonic (_("_Cancel"));
  GtkWidget *save = gtk_button_new_with_mnemonic (_("_Save"));
  GtkWidget *page = adw_preferences_page_new ();
  AdwPreferencesGroup *group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  GtkStringList *kinds = gtk_string_list_new (NULL);
  /* One under another: three side by side do not fit a narrow window. */
  GtkWidget *checks = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);

  gtk_window_set_modal (GTK_WINDOW (self), TRUE);
  gtk_window_set_default_size (GTK_WINDOW (self), 520, 640);

  gtk_actionable_set_action_name (GTK_ACTIONABLE (cancel), "window.close");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (save), "contact.save");
  gtk_widget_add_css_class (save, "suggested-action");
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), cancel);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), save);
  adw_header_bar_set_show_end_title_buttons (ADW_HEADER_BAR (header), FALSE);
  gtk_box_append (GTK_BOX (box), header);

  for (guint i = 0; i < SOLACE_N_CONTACT_KINDS; i++)
    gtk_string_list_append (kinds, solace_contact_kind_get_label (i));
  self->kind_row = ADW_COMBO_ROW (adw_combo_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->kind_row), _("Who they are"));
  adw_combo_row_set_model (self->kind_row, G_LIST_MODEL (kinds));
  g_object_unref (kinds);
  adw_preferences_group_add (group, GTK_WIDGET (self->kind_row));

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      self->rows[i] = ADW_ENTRY_ROW (adw_entry_row_new ());
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->rows[i]), _(titles[i]));
      adw_preferences_group_add (group, GTK_WIDGET (self->rows[i]));
    }
  adw_entry_row_set_input_purpose (self->rows[2], GTK_INPUT_PURPOSE_PHONE);
  adw_entry_row_set_input_purpose (self->rows[3], GTK_INPUT_PURPOSE_EMAIL);
  adw_entry_row_set_input_purpose (self->rows[4], GTK_INPUT_PURPOSE_URL);

  self->good_for_row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->good_for_row), _("Good for"));
  for (guint i = 0; i < 3; i++)
    {
      self->good_for[i] = GTK_CHECK_BUTTON (gtk_check_button_new_with_label (_(good_for[i])));
      gtk_box_append (GTK_BOX (checks), GTK_WIDGET (self->good_for[i]));
    }
  gtk_widget_set_margin_top (checks, 6);
  gtk_widget_set_margin_bottom (checks, 6);
  gtk_widget_set_halign (checks, GTK_ALIGN_START);
  adw_action_row_add_suffix (ADW_ACTION_ROW (self->good_for_row), checks);
  adw_preferences_group_add (group, self->good_for_row);

  self->online_row = ADW_ACTION_ROW (adw_action_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->online_row), _("Meets online"));
  self->online_switch = GTK_SWITCH (gtk_switch_new ());
  gtk_widget_set_valign (GTK_WIDGET (self->online_switch), GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (self->online_row, GTK_WIDGET (self->online_switch));
  adw_action_row_set_activatable_widget (self->online_row, GTK_WIDGET (self->online_switch));
  adw_preferences_group_add (group, GTK_WIDGET (self->online_row));

  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), group);
  self->toasts = ADW_TOAST_OVERLAY (adw_toast_overlay_new ());
  adw_toast_overlay_set_child (self->toasts, page);
  gtk_widget_set_vexpand (GTK_WIDGET (self->toasts), TRUE);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->toasts));
  adw_window_set_content (ADW_WINDOW (self), box);

  g_signal_connect_swapped (self->kind_row, "notify::selected", G_CALLBACK (kind_changed_cb), self);
}

SolaceContactEditor *
solace_contact_editor_new (GtkWindow          *parent,
                           SolaceContactStore *store,
                           SolaceContact      *contact)
{
  SolaceContactEditor *self;

  g_return_val_if_fail (SOLACE_IS_CONTACT_STORE (store), NULL);
  g_return_val_if_fail (SOLACE_IS_CONTACT (contact), NULL);

  self = g_object_new (SOLACE_TYPE_CONTACT_EDITOR, "transient-for", parent, NULL);
  self->store = g_object_ref (store);
  self->contact = solace_contact_copy (contact);

  gtk_window_set_title (GTK_WINDOW (self),
                        solace_contact_store_lookup (store, solace_contact_get_uuid (contact)) != NULL
                        ? _("Edit Contact") : _("New Contact"));
  adw_combo_row_set_selected (self->kind_row, solace_contact_get_kind (contact));
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    gtk_editable_set_text (GTK_EDITABLE (self->rows[i]), solace_contact_get_field (contact, fields[i]));
  for (guint i = 0; i < 3; i++)
    gtk_check_button_set_active (self->good_for[i], (solace_contact_get_good_for (contact) & (1 << i)) != 0);
  gtk_switch_set_active (self->online_switch, solace_contact_get_online (contact));
  kind_changed_cb (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->rows[0]));

  return self;
}

AdwEntryRow *
solace_contact_editor_get_row (SolaceContactEditor *self,
                               const char          *field)
{
  g_return_val_if_fail (SOLACE_IS_CONTACT_EDITOR (self), NULL);

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    if (g_str_equal (fields[i], field))
      return self->rows[i];
  return NULL;
}
