/* solace-support-page.c — crisis lines for the user's country, and when to seek help
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "solace-support-page"

#include "config.h"

#include <glib/gi18n.h>

#include "solace-contact-editor.h"
#include "solace-locale.h"
#include "solace-support-page.h"
#include "solace-widgets.h"

struct _SolaceSupportPage
{
  AdwBin               parent_instance;

  /* From the template. */
  GtkScrolledWindow   *scroller;
  AdwComboRow         *country_row;
  GtkListBox          *line_list;
  GtkListBox          *own_lines_list;
  GtkListBox          *people_list;
  GtkListBox          *pro_list;

  SolaceCrisisLines   *lines;
  char                *load_error;
  GSettings           *settings;
  GStrv                countries;     /* codes in the combo, in order */
  gboolean             filling;

  SolaceContactStore  *contacts;
  AdwToast            *undo_toast;      /* the last one, weak */
};

G_DEFINE_FINAL_TYPE (SolaceSupportPage, solace_support_page, ADW_TYPE_BIN)

enum {
  REMINDERS_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
reminders_changed (SolaceSupportPage *self)
{
  g_signal_emit (self, signals[REMINDERS_CHANGED], 0);
}

/* A session's reminder may have changed with the contact: once the
 * write has landed, the reminder service plans again. */
static void
contacts_written (SolaceSupportPage *self)
{
  solace_contact_store_flush (self->contacts);
  reminders_changed (self);
}

static void
call_clicked_cb (GtkButton         *button,
                 SolaceSupportPage *self)
{
  const char *uri = g_object_get_data (G_OBJECT (button), "uri");
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  /* The desktop's handler for tel: (a phone app, or a paired phone). */
  gtk_show_uri (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, uri, GDK_CURRENT_TIME);
}

static void
copy_clicked_cb (GtkButton         *button,
                 SolaceSupportPage *self)
{
  const char *text = g_object_get_data (G_OBJECT (button), "text");

  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (button)), text);
  solace_widget_toast (GTK_WIDGET (self), _("Copied"));
}

static GtkWidget *
icon_button (SolaceSupportPage *self,
             const char        *icon,
             const char        *label,
             const char        *key,
             const char        *value,
             GCallback          callback)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon);

  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  g_object_set_data_full (G_OBJECT (button), key, g_strdup (value), g_free);
  g_signal_connect_object (button, "clicked", callback, self, 0);

  return button;
}

static GtkWidget *
line_row (SolaceSupportPage *self,
          const char        *title,
          const char        *subtitle,
          const char        *dial,
          const char        *copy)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *escaped_title = g_markup_escape_text (title, -1);
  g_autofree char *escaped_subtitle = subtitle != NULL ? g_markup_escape_text (subtitle, -1) : NULL;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), escaped_title);
  if (escaped_subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), escaped_subtitle);

  if (dial != NULL)
    {
      g_autofree char *uri = g_strconcat ("tel:", dial, NULL);
      /* Translators: a button that calls a crisis line. */
      g_autofree char *label = g_strdup_printf (_("Call %s"), title);

      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 icon_button (self, "call-start-symbolic", label, "uri", uri,
                                              G_CALLBACK (call_clicked_cb)));
    }
  if (copy != NULL)
    {
      g_autofree char *label = g_strdup_printf (_("Copy %s"), copy);

      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 icon_button (self, "edit-copy-symbolic", label, "text", copy,
                                              G_CALLBACK (copy_clicked_cb)));
    }

  return row;
}

static char *
describe_line (SolaceCrisisLine *line)
{
  GString *text = g_string_new (NULL);

  if (line->number != NULL)
    g_string_append (text, line->number);
  if (line->hours != NULL)
    g_string_append_printf (text, "%s%s", text->len > 0 ? " · " : "", line->hours);
  if (line->text != NULL)
    g_string_append_printf (text, "\n%s", line->text);
  if (line->caveat != NULL)
    g_string_append_printf (text, "\n⚠ %s", line->caveat);
  if (line->website != NULL)
    g_string_append_printf (text, "\n%s", line->website);

  return g_string_free (text, FALSE);
}

static const char *
selected_country (SolaceSupportPage *self)
{
  guint selected = adw_combo_row_get_selected (self->country_row);

  if (self->countries == NULL || selected >= g_strv_length (self->countries))
    return NULL;
  return self->countries[selected];
}

static void
show_lines (SolaceSupportPage *self)
{
  const char *country = selected_country (self);
  g_autoptr(GPtrArray) lines = NULL;
  g_autofree char *directory = NULL;
  const char *emergency = NULL;
  const char *dial = NULL;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->line_list))) != NULL)
    gtk_list_box_remove (self->line_list, child);

  if (self->lines == NULL)
    {
      /* Still useful without the file: where to turn instead. */
      gtk_list_box_append (self->line_list,
                           line_row (self, _("The list of crisis lines could not be loaded"),
                                     self->load_error, NULL, NULL));
      gtk_list_box_append (self->line_list,
                           line_row (self, _("Find A Helpline"),
                                     _("findahelpline.com lists free, confidential lines in every country"),
                                     NULL, "https://findahelpline.com"));
      return;
    }

  /* The emergency number first, for the country chosen. */
  emergency = solace_crisis_lines_get_emergency (self->lines, country, &dial);
  if (emergency != NULL)
    {
      GtkWidget *row = line_row (self, _("Emergency services"), emergency, dial, dial);

      gtk_widget_add_css_class (row, "emergency");
      gtk_list_box_append (self->line_list, row);
    }
  else
    gtk_list_box_append (self->line_list,
                         line_row (self, _("Emergency services"),
                                   _("Call your local emergency number if you are in danger"), NULL, NULL));

  lines = solace_crisis_lines_for_country (self->lines, country);
  for (guint i = 0; i < lines->len; i++)
    {
      SolaceCrisisLine *line = g_ptr_array_index (lines, i);
      g_autofree char *subtitle = describe_line (line);

      gtk_list_box_append (self->line_list,
                           line_row (self, line->name, subtitle, line->dial,
                                     line->dial != NULL ? line->number : line->website));
    }

  /* The international directory, for every country and for none. */
  directory = solace_crisis_lines_dup_directory_url (self->lines, country);
  {
    g_autofree char *subtitle = g_strdup_printf ("%s\n%s", directory,
                                                 lines->len > 0 ? _("More free, confidential lines, by country and topic")
                                                                : _("Solace has no lines for this country; this directory lists them for every country"));
    gtk_list_box_append (self->line_list, line_row (self, _("Find A Helpline"), subtitle, NULL, directory));
  }
}

static void
country_selected_cb (SolaceSupportPage *self)
{
  const char *country;

  if (self->filling)
    return;

  country = selected_country (self);
  if (self->settings != NULL)
    g_settings_set_string (self->settings, "crisis-country", country != NULL ? country : "other");
  show_lines (self);
}

static void
fill_countries (SolaceSupportPage *self)
{
  GtkStringList *names = gtk_string_list_new (NULL);
  g_autofree char *chosen = NULL;
  guint selected;

  g_clear_pointer (&self->countries, g_strfreev);
  if (self->lines != NULL)
    self->countries = solace_crisis_lines_dup_countries (self->lines);

  for (guint i = 0; self->countries != NULL && self->countries[i] != NULL; i++)
    gtk_string_list_append (names, solace_country_get_name (self->countries[i]));
  gtk_string_list_append (names, _("Another Country"));

  /* Chosen in the tab before, or else the locale's. */
  if (self->settings != NULL)
    chosen = g_settings_get_string (self->settings, "crisis-country");
  if (chosen == NULL || *chosen == '\0')
    {
      g_free (chosen);
      chosen = solace_country_guess ();
    }

  selected = self->countries != NULL ? g_strv_length (self->countries) : 0;
  for (guint i = 0; chosen != NULL && self->countries != NULL && self->countries[i] != NULL; i++)
    if (g_str_equal (self->countries[i], chosen))
      selected = i;

  self->filling = TRUE;
  adw_combo_row_set_model (self->country_row, G_LIST_MODEL (names));
  adw_combo_row_set_selected (self->country_row, selected);
  self->filling = FALSE;
  g_object_unref (names);

  show_lines (self);
}

/* ---- The person's own people, professionals, groups and lines ------ */

static gboolean
is_person (gpointer item,
           gpointer data)
{
  return solace_contact_get_kind (item) == SOLACE_CONTACT_PERSON;
}

static gboolean
is_professional (gpointer item,
                 gpointer data)
{
  return solace_contact_kind_is_professional (solace_contact_get_kind (item));
}

static gboolean
is_line (gpointer item,
         gpointer data)
{
  return solace_contact_get_kind (item) == SOLACE_CONTACT_LINE;
}

static void
open_contact_editor (SolaceSupportPage *self,
                     SolaceContact     *contact)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  SolaceContactEditor *editor;

  if (self->contacts == NULL)
    return;

  editor = solace_contact_editor_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, self->contacts, contact);
  g_signal_connect_object (editor, "reminders-changed", G_CALLBACK (reminders_changed), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (editor));
}

static void
new_contact (SolaceSupportPage *self,
             SolaceContactKind  kind)
{
  g_autoptr(SolaceContact) contact = solace_contact_new (kind);

  open_contact_editor (self, contact);
}

static void
new_person_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  new_contact (SOLACE_SUPPORT_PAGE (widget), SOLACE_CONTACT_PERSON);
}

static void
new_professional_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  new_contact (SOLACE_SUPPORT_PAGE (widget), SOLACE_CONTACT_THERAPIST);
}

static void
new_line_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  new_contact (SOLACE_SUPPORT_PAGE (widget), SOLACE_CONTACT_LINE);
}

typedef struct
{
  SolaceSupportPage *self;
  SolaceContact     *contact;
  GListModel        *model;   /* the filtered list the row is in */
} RowData;

static void
row_data_free (RowData *data)
{
  g_object_unref (data->contact);
  g_free (data);
}

static void
open_uri (SolaceSupportPage *self,
          const char        *uri)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (uri != NULL)
    gtk_show_uri (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, uri, GDK_CURRENT_TIME);
}

static void
contact_action_cb (GSimpleAction *action,
                   GVariant      *parameter,
                   gpointer       user_data)
{
  RowData *data = user_data;
  SolaceSupportPage *self = data->self;
  const char *name = g_action_get_name (G_ACTION (action));
  /* A copy: deleting or moving the contact rebuilds this row. */
  g_autofree char *uuid = g_strdup (solace_contact_get_uuid (data->contact));

  if (g_str_equal (name, "text"))
    {
      g_autofree char *uri = solace_contact_dup_uri (data->contact, SOLACE_CONTACT_TEXT);
      open_uri (self, uri);
    }
  else if (g_str_equal (name, "email"))
    {
      g_autofree char *uri = solace_contact_dup_uri (data->contact, SOLACE_CONTACT_EMAIL);
      open_uri (self, uri);
    }
  else if (g_str_equal (name, "website"))
    {
      g_autofree char *uri = solace_contact_dup_uri (data->contact, SOLACE_CONTACT_WEBSITE);
      open_uri (self, uri);
    }
  else if (g_str_equal (name, "copy-phone") || g_str_equal (name, "copy-email"))
    {
      const char *field = g_str_equal (name, "copy-phone") ? "phone" : "email";

      gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (self)),
                              solace_contact_get_field (data->contact, field));
      solace_widget_toast (GTK_WIDGET (self), _("Copied"));
    }
  else if (g_str_equal (name, "move-up") || g_str_equal (name, "move-down"))
    {
      int delta = g_str_equal (name, "move-up") ? -1 : 1;
      guint n = g_list_model_get_n_items (data->model);

      for (guint i = 0; i < n; i++)
        {
          g_autoptr(SolaceContact) item = g_list_model_get_item (data->model, i);

          if (g_str_equal (solace_contact_get_uuid (item), uuid))
            {
              g_autoptr(SolaceContact) neighbour = NULL;

              if ((int) i + delta < 0 || i + delta >= n)
                return;
              neighbour = g_list_model_get_item (data->model, i + delta);
              solace_contact_store_move_to (self->contacts, uuid, solace_contact_get_uuid (neighbour));
              return;
            }
        }
    }
  else if (g_str_equal (name, "edit"))
    open_contact_editor (self, data->contact);
  else if (g_str_equal (name, "delete"))
    solace_support_page_delete_contact (self, uuid);
}

static void
undo_delete_cb (AdwToast          *toast_,
                SolaceSupportPage *self)
{
  SolaceContact *contact = g_object_get_data (G_OBJECT (toast_), "contact");
  int position = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (toast_), "position"));

  if (self->contacts != NULL && contact != NULL)
    {
      solace_contact_store_restore (self->contacts, contact, position);
      contacts_written (self);
    }
}

static GdkContentProvider *
drag_prepare_cb (GtkDragSource *source,
                 double         x,
                 double         y,
                 RowData       *data)
{
  return gdk_content_provider_new_typed (G_TYPE_STRING, solace_contact_get_uuid (data->contact));
}

static gboolean
drop_cb (GtkDropTarget *target,
         const GValue  *value,
         double         x,
         double         y,
         RowData       *data)
{
  const char *dragged = g_value_get_string (value);

  if (dragged == NULL || data->self->contacts == NULL)
    return FALSE;

  solace_contact_store_move_to (data->self->contacts, dragged, solace_contact_get_uuid (data->contact));
  return TRUE;
}

static void
row_activated_cb (AdwActionRow *row,
                  RowData      *data)
{
  open_contact_editor (data->self, data->contact);
}

static char *
describe_contact (SolaceContact *contact)
{
  GString *text = g_string_new (NULL);
  const char *relationship = solace_contact_get_field (contact, "relationship");
  guint good_for = solace_contact_get_good_for (contact);
  const char *phone = solace_contact_get_field (contact, "phone");
  const char *email = solace_contact_get_field (contact, "email");
  g_autoptr(GDateTime) session = solace_contact_dup_session_time (contact);

  if (solace_contact_get_kind (contact) == SOLACE_CONTACT_PERSON && *relationship)
    g_string_append (text, relationship);
  else if (solace_contact_get_kind (contact) != SOLACE_CONTACT_PERSON)
    g_string_append (text, solace_contact_kind_get_label (solace_contact_get_kind (contact)));
  if (solace_contact_get_kind (contact) == SOLACE_CONTACT_GROUP && solace_contact_get_online (contact))
    g_string_append_printf (text, " · %s", _("online"));

  if ((good_for & 7) != 0)
    {
      /* Whole phrases, one for each choice of the three, so that each
       * language can join them its own way. */
      const char *phrases[] = {
        NULL,
        /* Translators: what a person in the support list is good for. */
        N_("good for talking"),
        N_("good for distraction"),
        N_("good for talking, distraction"),
        N_("good for practical help"),
        N_("good for talking, practical help"),
        N_("good for distraction, practical help"),
        N_("good for talking, distraction, practical help"),
      };

      g_string_append_printf (text, "%s%s", text->len > 0 ? " · " : "", _(phrases[good_for & 7]));
    }
  if (*phone)
    g_string_append_printf (text, "\n%s", phone);
  if (*email)
    g_string_append_printf (text, "%s%s", *phone ? " · " : "\n", email);

  /* A session still to come; one that has passed is not news. */
  if (session != NULL)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();
      g_autoptr(GDateTime) local = g_date_time_new_local (g_date_time_get_year (session),
                                                          g_date_time_get_month (session),
                                                          g_date_time_get_day_of_month (session),
                                                          g_date_time_get_hour (session),
                                                          g_date_time_get_minute (session), 0);

      if (local != NULL && g_date_time_compare (local, now) > 0)
        {
          /* Translators: when the next session is, under a contact's name. */
          g_autofree char *day = g_date_time_format (local, _("%a %-d %b"));
          g_autofree char *time = solace_format_time_of_day (local);

          g_string_append (text, "\n");
          /* Translators: the first %s is a day, the second a time. */
          g_string_append_printf (text, _("Next session %s at %s"), day, time);
          if (solace_contact_get_session_remind (contact) >= 0)
            g_string_append_printf (text, " · %s", _("reminder on"));
        }
    }

  return g_string_free (text, FALSE);
}

static GtkWidget *
create_contact_row (gpointer item,
                    gpointer user_data)
{
  SolaceSupportPage *self = SOLACE_SUPPORT_PAGE (g_object_get_data (G_OBJECT (user_data), "page"));
  SolaceContact *contact = item;
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *title = g_markup_escape_text (solace_contact_get_field (contact, "name"), -1);
  g_autofree char *subtitle_text = describe_contact (contact);
  g_autofree char *subtitle = g_markup_escape_text (subtitle_text, -1);
  g_autofree char *tel = solace_contact_dup_uri (contact, SOLACE_CONTACT_CALL);
  g_autofree char *sms = solace_contact_dup_uri (contact, SOLACE_CONTACT_TEXT);
  g_autofree char *mail = solace_contact_dup_uri (contact, SOLACE_CONTACT_EMAIL);
  g_autofree char *web = solace_contact_dup_uri (contact, SOLACE_CONTACT_WEBSITE);
  g_autoptr(GSimpleActionGroup) group = g_simple_action_group_new ();
  g_autoptr(GMenu) menu = g_menu_new ();
  g_autoptr(GMenu) contact_section = g_menu_new ();
  g_autoptr(GMenu) order_section = g_menu_new ();
  g_autoptr(GMenu) edit_section = g_menu_new ();
  GtkEventController *shortcuts;
  GtkDragSource *drag;
  GtkDropTarget *drop;
  GtkWidget *more;
  RowData *data;
  const char *actions[] = { "text", "email", "website", "copy-phone", "copy-email",
                            "move-up", "move-down", "edit", "delete" };

  data = g_new0 (RowData, 1);
  data->self = self;
  data->contact = g_object_ref (contact);
  data->model = G_LIST_MODEL (user_data);
  g_object_set_data_full (G_OBJECT (row), "row-data", data, (GDestroyNotify) row_data_free);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  g_signal_connect (row, "activated", G_CALLBACK (row_activated_cb), data);

  for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
    {
      g_autoptr(GSimpleAction) action = g_simple_action_new (actions[i], NULL);

      g_signal_connect (action, "activate", G_CALLBACK (contact_action_cb), data);
      g_action_map_add_action (G_ACTION_MAP (group), G_ACTION (action));
    }
  gtk_widget_insert_action_group (row, "contact", G_ACTION_GROUP (group));

  /* Only what can be done: no "Email" without an address. */
  if (sms != NULL)
    g_menu_append (contact_section, _("Send a Text"), "contact.text");
  if (mail != NULL)
    g_menu_append (contact_section, _("Send an Email"), "contact.email");
  if (web != NULL)
    g_menu_append (contact_section, _("Open Website"), "contact.website");
  if (tel != NULL)
    g_menu_append (contact_section, _("Copy Phone Number"), "contact.copy-phone");
  if (mail != NULL)
    g_menu_append (contact_section, _("Copy Email Address"), "contact.copy-email");
  g_menu_append (order_section, _("Move Up"), "contact.move-up");
  g_menu_append (order_section, _("Move Down"), "contact.move-down");
  g_menu_append (edit_section, _("Edit"), "contact.edit");
  g_menu_append (edit_section, _("Delete"), "contact.delete");
  g_menu_append_section (menu, NULL, G_MENU_MODEL (contact_section));
  g_menu_append_section (menu, NULL, G_MENU_MODEL (order_section));
  g_menu_append_section (menu, NULL, G_MENU_MODEL (edit_section));

  if (tel != NULL)
    {
      g_autofree char *label = g_strdup_printf (_("Call %s"), solace_contact_get_field (contact, "name"));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 icon_button (self, "call-start-symbolic", label, "uri", tel,
                                              G_CALLBACK (call_clicked_cb)));
    }
  more = gtk_menu_button_new ();
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (more), "view-more-symbolic");
  gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (more), G_MENU_MODEL (menu));
  gtk_widget_add_css_class (more, "flat");
  gtk_widget_set_valign (more, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (more, _("More Actions"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (more), GTK_ACCESSIBLE_PROPERTY_LABEL, _("More actions"), -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), more);

  /* Reordered from the keyboard with Alt+Up and Alt+Down… */
  shortcuts = gtk_shortcut_controller_new ();
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Up, GDK_ALT_MASK),
                                                          gtk_named_action_new ("contact.move-up")));
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Down, GDK_ALT_MASK),
                                                          gtk_named_action_new ("contact.move-down")));
  gtk_widget_add_controller (row, shortcuts);

  /* …or by dragging one row onto another. */
  drag = gtk_drag_source_new ();
  gtk_drag_source_set_actions (drag, GDK_ACTION_MOVE);
  g_signal_connect (drag, "prepare", G_CALLBACK (drag_prepare_cb), data);
  gtk_widget_add_controller (row, GTK_EVENT_CONTROLLER (drag));
  drop = gtk_drop_target_new (G_TYPE_STRING, GDK_ACTION_MOVE);
  g_signal_connect (drop, "drop", G_CALLBACK (drop_cb), data);
  gtk_widget_add_controller (row, GTK_EVENT_CONTROLLER (drop));

  return row;
}

static void
bind_contacts (SolaceSupportPage *self,
               GtkListBox        *list,
               GtkCustomFilterFunc func)
{
  GtkFilter *filter = GTK_FILTER (gtk_custom_filter_new (func, NULL, NULL));
  GtkFilterListModel *model = gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (self->contacts)), filter);

  g_object_set_data (G_OBJECT (model), "page", self);
  gtk_list_box_bind_model (list, G_LIST_MODEL (model), create_contact_row, model, g_object_unref);
}

static void
solace_support_page_dispose (GObject *object)
{
  SolaceSupportPage *self = (SolaceSupportPage *)object;

  g_clear_object (&self->settings);
  g_clear_object (&self->contacts);
  g_clear_weak_pointer (&self->undo_toast);

  /* The bin lets go of its child first: the template would otherwise
   * unparent it behind the bin's back. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), SOLACE_TYPE_SUPPORT_PAGE);

  G_OBJECT_CLASS (solace_support_page_parent_class)->dispose (object);
}

static void
solace_support_page_finalize (GObject *object)
{
  SolaceSupportPage *self = (SolaceSupportPage *)object;

  g_clear_pointer (&self->lines, solace_crisis_lines_free);
  g_clear_pointer (&self->load_error, g_free);
  g_clear_pointer (&self->countries, g_strfreev);

  G_OBJECT_CLASS (solace_support_page_parent_class)->finalize (object);
}

static void
solace_support_page_class_init (SolaceSupportPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = solace_support_page_dispose;
  object_class->finalize = solace_support_page_finalize;

  /**
   * SolaceSupportPage::reminders-changed:
   *
   * A contact's session's reminder changed, and is on disk: the
   * reminder service should plan again.
   */
  signals[REMINDERS_CHANGED] =
    g_signal_new ("reminders-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/solace_app/Solace/gui/solace-support-page.ui");
  gtk_widget_class_bind_template_child (widget_class, SolaceSupportPage, scroller);
  gtk_widget_class_bind_template_child (widget_class, SolaceSupportPage, country_row);
  gtk_widget_class_bind_template_child (widget_class, SolaceSupportPage, line_list);
  gtk_widget_class_bind_template_child (widget_class, SolaceSupportPage, own_lines_list);
  gtk_widget_class_bind_template_child (widget_class, SolaceSupportPage, people_list);
  gtk_widget_class_bind_template_child (widget_class, SolaceSupportPage, pro_list);
  gtk_widget_class_bind_template_callback (widget_class, country_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, solace_support_page_show_when_to_talk);

  gtk_widget_class_install_action (widget_class, "support.new-person", NULL, new_person_action);
  gtk_widget_class_install_action (widget_class, "support.new-professional", NULL, new_professional_action);
  gtk_widget_class_install_action (widget_class, "support.new-line", NULL, new_line_action);
}

static void
solace_support_page_init (SolaceSupportPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * solace_support_page_set_crisis_lines:
 * @lines: (transfer full) (nullable): the lines, or %NULL with @error
 */
void
solace_support_page_set_crisis_lines (SolaceSupportPage *self,
                                      SolaceCrisisLines *lines,
                                      const GError      *error,
                                      GSettings         *settings)
{
  g_return_if_fail (SOLACE_IS_SUPPORT_PAGE (self));

  g_clear_pointer (&self->lines, solace_crisis_lines_free);
  g_clear_pointer (&self->load_error, g_free);
  self->lines = lines;
  if (lines == NULL && error != NULL)
    self->load_error = g_strdup (error->message);
  g_set_object (&self->settings, settings);

  fill_countries (self);
}

/* Shows the crisis lines from the top, the emergency number in view. */
void
solace_support_page_focus_crisis_lines (SolaceSupportPage *self)
{
  g_return_if_fail (SOLACE_IS_SUPPORT_PAGE (self));

  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scroller), 0);
  gtk_widget_grab_focus (GTK_WIDGET (self->line_list));
}

/* Opens the short page on when to talk to a professional: a new window
 * each time, over the one the page is in. */
void
solace_support_page_show_when_to_talk (SolaceSupportPage *self)
{
  g_autoptr(GtkBuilder) builder = NULL;
  GtkRoot *root;
  GtkWindow *window;

  g_return_if_fail (SOLACE_IS_SUPPORT_PAGE (self));

  builder = gtk_builder_new_from_resource ("/io/github/solace_app/Solace/gui/solace-support-page-when-to-talk.ui");
  root = gtk_widget_get_root (GTK_WIDGET (self));
  window = GTK_WINDOW (gtk_builder_get_object (builder, "window"));
  gtk_window_set_transient_for (window, GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL);
  gtk_window_present (window);
}

AdwComboRow *
solace_support_page_get_country_row (SolaceSupportPage *self)
{
  g_return_val_if_fail (SOLACE_IS_SUPPORT_PAGE (self), NULL);
  return self->country_row;
}

GtkListBox *
solace_support_page_get_line_list (SolaceSupportPage *self)
{
  g_return_val_if_fail (SOLACE_IS_SUPPORT_PAGE (self), NULL);
  return self->line_list;
}

void
solace_support_page_set_contacts (SolaceSupportPage  *self,
                                  SolaceContactStore *contacts)
{
  g_return_if_fail (SOLACE_IS_SUPPORT_PAGE (self));

  if (!g_set_object (&self->contacts, contacts) || contacts == NULL)
    return;

  bind_contacts (self, self->people_list, is_person);
  bind_contacts (self, self->pro_list, is_professional);
  bind_contacts (self, self->own_lines_list, is_line);
}

/* Deletes @uuid, with a toast that can bring it back. */
void
solace_support_page_delete_contact (SolaceSupportPage *self,
                                    const char        *uuid)
{
  g_autoptr(SolaceContact) contact = NULL;
  g_autofree char *title = NULL;
  g_autofree char *escaped = NULL;
  GtkWidget *overlay;
  AdwToast *undo;
  int position;

  g_return_if_fail (SOLACE_IS_SUPPORT_PAGE (self));

  if (self->contacts == NULL || solace_contact_store_lookup (self->contacts, uuid) == NULL)
    return;

  contact = solace_contact_copy (solace_contact_store_lookup (self->contacts, uuid));
  position = solace_contact_store_remove (self->contacts, uuid);
  contacts_written (self);

  /* Translators: a toast, with an Undo button; %s is a name. */
  title = g_strdup_printf (_("%s deleted"), solace_contact_get_field (contact, "name"));
  escaped = g_markup_escape_text (title, -1);
  undo = adw_toast_new (escaped);
  adw_toast_set_button_label (undo, _("_Undo"));
  g_object_set_data_full (G_OBJECT (undo), "contact", g_object_ref (contact), g_object_unref);
  g_object_set_data (G_OBJECT (undo), "position", GINT_TO_POINTER (position));
  g_signal_connect_object (undo, "button-clicked", G_CALLBACK (undo_delete_cb), self, 0);
  g_set_weak_pointer (&self->undo_toast, undo);

  overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);
  if (overlay != NULL)
    solace_toast_overlay_add (ADW_TOAST_OVERLAY (overlay), undo);
  else
    g_object_unref (undo);
}

AdwToast *
solace_support_page_get_undo_toast (SolaceSupportPage *self)
{
  g_return_val_if_fail (SOLACE_IS_SUPPORT_PAGE (self), NULL);
  return self->undo_toast;
}

GtkListBox *
solace_support_page_get_contact_list (SolaceSupportPage *self,
                                      SolaceContactKind  kind)
{
  g_return_val_if_fail (SOLACE_IS_SUPPORT_PAGE (self), NULL);

  if (kind == SOLACE_CONTACT_PERSON)
    return self->people_list;
  if (kind == SOLACE_CONTACT_LINE)
    return self->own_lines_list;
  return self->pro_list;
}
