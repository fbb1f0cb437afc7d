/* solace-support-page.c — crisis lines for the user's country, and when to seek help
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "solace-support-page"

#include "config.h"

#include <glib/gi18n.h>

#include "solace-support-page.h"

struct _SolaceSupportPage
{
  AdwBin               parent_instance;

  SolaceCrisisLines   *lines;
  char                *load_error;
  GSettings           *settings;
  GStrv                countries;     /* codes in the combo, in order */

  GtkScrolledWindow   *scroller;
  AdwComboRow         *country_row;
  GtkListBox          *line_list;
  gboolean             filling;
};

G_DEFINE_FINAL_TYPE (SolaceSupportPage, solace_support_page, ADW_TYPE_BIN)

static void
toast (SolaceSupportPage *self,
       const char        *message)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);

  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), adw_toast_new (message));
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
  toast (self, _("Copied"));
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

static void
professional_activated_cb (SolaceSupportPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *window = adw_window_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkWidget *clamp = adw_clamp_new ();
  GtkWidget *label;

  /* Left-aligned text, so the list reads as a list. */
  label = gtk_label_new (_("Grief after a breakup is normal, and it usually eases with time. "
                           "It is worth talking to a therapist or your doctor when:\n\n"
                           "•  the sadness does not lift, week after week\n"
                           "•  everyday life — work, meals, washing — has become hard to manage\n"
                           "•  you have lost interest in things you used to enjoy\n"
                           "•  you sleep or eat much more or much less than usual\n"
                           "•  it is hard to concentrate\n"
                           "•  you feel guilty or worthless\n\n"
                           "A therapist gives you a safe place to make sense of what happened, "
                           "ways to cope with the hard moments, and support while you rebuild. "
                           "None of this is a diagnosis; only a professional can tell you more.\n\n"
                           "If you are thinking about ending your life, call a crisis line or "
                           "your emergency number now."));
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_valign (label, GTK_ALIGN_START);
  gtk_widget_set_margin_top (label, 18);
  gtk_widget_set_margin_bottom (label, 24);
  gtk_widget_set_margin_start (label, 18);
  gtk_widget_set_margin_end (label, 18);

  gtk_window_set_title (GTK_WINDOW (window), _("When to Talk to a Professional"));
  gtk_window_set_transient_for (GTK_WINDOW (window), GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL);
  gtk_window_set_modal (GTK_WINDOW (window), TRUE);
  gtk_window_set_default_size (GTK_WINDOW (window), 480, 560);
  adw_clamp_set_child (ADW_CLAMP (clamp), label);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), clamp);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_widget_set_vexpand (scroller, TRUE);
  gtk_box_append (GTK_BOX (box), header);
  gtk_box_append (GTK_BOX (box), scroller);
  adw_window_set_content (ADW_WINDOW (window), box);
  {
    GtkEventController *shortcuts = gtk_shortcut_controller_new ();

    /* Escape closes it, like any dialog. */
    gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                          gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Escape, 0),
                                                            gtk_named_action_new ("window.close")));
    gtk_widget_add_controller (window, shortcuts);
  }
  gtk_window_present (GTK_WINDOW (window));
}

static GtkWidget *
boxed_list (void)
{
  GtkWidget *list = gtk_list_box_new ();

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  return list;
}

static void
solace_support_page_dispose (GObject *object)
{
  SolaceSupportPage *self = (SolaceSupportPage *)object;

  g_clear_object (&self->settings);

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

  object_class->dispose = solace_support_page_dispose;
  object_class->finalize = solace_support_page_finalize;
}

static void
solace_support_page_init (SolaceSupportPage *self)
{
  GtkWidget *clamp = adw_clamp_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 24);
  AdwPreferencesGroup *group;
  GtkWidget *list;
  GtkWidget *row;
  GtkWidget *label;

  gtk_widget_set_margin_top (box, 24);
  gtk_widget_set_margin_bottom (box, 24);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);

  group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (group, _("Crisis Lines"));
  adw_preferences_group_set_description (group,
                                         _("If you are in danger or thinking about ending your life, call now. "
                                           "You do not have to be sure it is serious enough."));
  list = boxed_list ();
  gtk_widget_set_margin_bottom (list, 12);
  self->country_row = ADW_COMBO_ROW (adw_combo_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->country_row), _("Country"));
  g_signal_connect_swapped (self->country_row, "notify::selected", G_CALLBACK (country_selected_cb), self);
  gtk_list_box_append (GTK_LIST_BOX (list), GTK_WIDGET (self->country_row));
  adw_preferences_group_add (group, list);
  self->line_list = GTK_LIST_BOX (boxed_list ());
  adw_preferences_group_add (group, GTK_WIDGET (self->line_list));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (group));

  group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (group, _("Professional Help"));
  list = boxed_list ();
  row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("When to Talk to a Professional"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _("The signs that it is time, and what therapy can help with"));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  g_signal_connect_swapped (row, "activated", G_CALLBACK (professional_activated_cb), self);
  gtk_list_box_append (GTK_LIST_BOX (list), row);
  adw_preferences_group_add (group, list);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (group));

  label = gtk_label_new (_("Your trusted people, therapist and groups will have their place here soon."));
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_widget_add_css_class (label, "dim-label");
  gtk_box_append (GTK_BOX (box), label);

  adw_clamp_set_child (ADW_CLAMP (clamp), box);
  self->scroller = GTK_SCROLLED_WINDOW (gtk_scrolled_window_new ());
  gtk_scrolled_window_set_child (self->scroller, clamp);
  gtk_scrolled_window_set_policy (self->scroller, GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  adw_bin_set_child (ADW_BIN (self), GTK_WIDGET (self->scroller));
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
