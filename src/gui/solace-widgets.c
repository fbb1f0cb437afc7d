/* solace-widgets.c — small pieces the pages build their lists from
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "solace-widgets"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "solace-widgets.h"

GtkWidget *
solace_boxed_list_new (void)
{
  GtkWidget *list = gtk_list_box_new ();

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  return list;
}

GtkWidget *
solace_placeholder_new (const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_justify (GTK_LABEL (label), GTK_JUSTIFY_CENTER);
  gtk_widget_add_css_class (label, "dim-label");
  gtk_widget_set_margin_top (label, 18);
  gtk_widget_set_margin_bottom (label, 18);
  gtk_widget_set_margin_start (label, 18);
  gtk_widget_set_margin_end (label, 18);
  return label;
}

GtkWidget *
solace_header_button_new (const char *icon_name,
                          const char *label,
                          const char *action_name)
{
  GtkWidget *button = gtk_button_new ();
  GtkWidget *content = adw_button_content_new ();

  adw_button_content_set_icon_name (ADW_BUTTON_CONTENT (content), icon_name);
  adw_button_content_set_label (ADW_BUTTON_CONTENT (content), label);
  adw_button_content_set_use_underline (ADW_BUTTON_CONTENT (content), TRUE);
  gtk_button_set_child (GTK_BUTTON (button), content);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action_name);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  return button;
}

/* Typed or pasted text that would take a field past its limit is not
 * inserted at all, rather than cut short (GtkText's own max-length cuts
 * a paste without a word), and a toast says why.  Text the program sets
 * is never refused: a value stored before the limit existed is shown
 * whole, and the store says so if it is saved still too long. */
static void
limited_insert_text_cb (GtkEditable *editable,
                        const char  *text,
                        int          length,
                        int         *position,
                        gpointer     user_data)
{
  guint max_chars = GPOINTER_TO_UINT (user_data);
  guint have, adding;
  int start, end;
  g_autofree char *message = NULL;

  if (!gtk_widget_is_focus (GTK_WIDGET (editable)))
    return;

  have = g_utf8_strlen (gtk_editable_get_text (editable), -1);
  adding = g_utf8_strlen (text, length);

  /* Text dragged within the field is added before it is taken away:
   * it needs no room. */
  if (gtk_editable_get_selection_bounds (editable, &start, &end))
    {
      g_autofree char *selected = gtk_editable_get_chars (editable, start, end);

      gsize n = length < 0 ? strlen (text) : (gsize) length;

      if (strlen (selected) == n && memcmp (selected, text, n) == 0)
        return;
    }

  if (adding <= max_chars && have <= max_chars - adding)
    return;

  g_signal_stop_emission_by_name (editable, "insert-text");
  gtk_widget_error_bell (GTK_WIDGET (editable));
  message = g_strdup_printf (ngettext ("That is too long to add here: this field holds up to %'u character. "
                                       "Nothing was added.",
                                       "That is too long to add here: this field holds up to %'u characters. "
                                       "Nothing was added.",
                                       max_chars),
                             max_chars);
  solace_widget_toast (GTK_WIDGET (editable), message);
}

void
solace_editable_set_max_chars (GtkEditable *editable,
                               int          max_chars)
{
  g_return_if_fail (GTK_IS_EDITABLE (editable));
  g_return_if_fail (max_chars > 0);

  /* An entry or an entry row hands its text to a GtkText inside it. */
  while (!GTK_IS_TEXT (editable) && gtk_editable_get_delegate (editable) != NULL)
    editable = gtk_editable_get_delegate (editable);

  g_return_if_fail (GTK_IS_TEXT (editable));
  g_signal_connect (editable, "insert-text", G_CALLBACK (limited_insert_text_cb),
                    GUINT_TO_POINTER ((guint) max_chars));
}

void
solace_widget_toast (GtkWidget  *widget,
                     const char *message)
{
  g_autofree char *escaped = NULL;

  g_return_if_fail (GTK_IS_WIDGET (widget));

  /* Toast titles are markup in libadwaita 1.2. */
  escaped = g_markup_escape_text (message, -1);
  solace_widget_add_toast (widget, adw_toast_new (escaped));
}

/**
 * solace_widget_add_toast:
 * @toast: (transfer full): the toast
 *
 * Shows @toast in the toast overlay around @widget: the window's,
 * whatever window holds it, so that a page needs to know nothing of
 * the window.  Without one, @toast is dropped.
 */
void
solace_widget_add_toast (GtkWidget *widget,
                         AdwToast  *toast)
{
  GtkWidget *overlay;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (ADW_IS_TOAST (toast));

  overlay = gtk_widget_get_ancestor (widget, ADW_TYPE_TOAST_OVERLAY);
  if (overlay != NULL)
    solace_toast_overlay_add (ADW_TOAST_OVERLAY (overlay), toast);
  else
    g_object_unref (toast);
}

static void
toast_dismissed_cb (AdwToast        *toast,
                    AdwToastOverlay *overlay)
{
  GPtrArray *toasts = g_object_get_data (G_OBJECT (overlay), "solace-toasts");

  if (toasts != NULL)
    g_ptr_array_remove (toasts, toast);
}

/**
 * solace_toast_overlay_add:
 * @toast: (transfer full): the toast
 *
 * Shows @toast and keeps track of it until it is dismissed, so that
 * solace_toast_overlay_dismiss_all() can take every toast away at once.
 */
void
solace_toast_overlay_add (AdwToastOverlay *overlay,
                          AdwToast        *toast)
{
  GPtrArray *toasts;

  g_return_if_fail (ADW_IS_TOAST_OVERLAY (overlay));
  g_return_if_fail (ADW_IS_TOAST (toast));

  toasts = g_object_get_data (G_OBJECT (overlay), "solace-toasts");
  if (toasts == NULL)
    {
      toasts = g_ptr_array_new_with_free_func (g_object_unref);
      g_object_set_data_full (G_OBJECT (overlay), "solace-toasts", toasts, (GDestroyNotify) g_ptr_array_unref);
    }
  g_ptr_array_add (toasts, g_object_ref (toast));
  g_signal_connect_object (toast, "dismissed", G_CALLBACK (toast_dismissed_cb), overlay, 0);
  adw_toast_overlay_add_toast (overlay, toast);
}

/* Takes every toast of @overlay off the screen. */
void
solace_toast_overlay_dismiss_all (AdwToastOverlay *overlay)
{
  g_autoptr(GPtrArray) toasts = NULL;

  g_return_if_fail (ADW_IS_TOAST_OVERLAY (overlay));

  toasts = g_object_steal_data (G_OBJECT (overlay), "solace-toasts");
  for (guint i = 0; toasts != NULL && i < toasts->len; i++)
    adw_toast_dismiss (g_ptr_array_index (toasts, i));
}

guint
solace_toast_overlay_get_n_toasts (AdwToastOverlay *overlay)
{
  GPtrArray *toasts = g_object_get_data (G_OBJECT (overlay), "solace-toasts");

  return toasts != NULL ? toasts->len : 0;
}

GtkWidget *
solace_step_page_new (const char  *heading,
                      const char  *text,
                      gboolean     large,
                      GtkWidget  **box_out)
{
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkWidget *clamp = adw_clamp_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *title = gtk_label_new (heading);
  GtkWidget *label = gtk_label_new (text);
  int margin = large ? 24 : 18;

  g_return_val_if_fail (box_out != NULL, NULL);

  gtk_widget_set_margin_top (box, margin);
  gtk_widget_set_margin_bottom (box, margin);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_label_set_wrap (GTK_LABEL (title), TRUE);
  gtk_label_set_justify (GTK_LABEL (title), GTK_JUSTIFY_CENTER);
  gtk_widget_add_css_class (title, large ? "title-1" : "title-2");
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_justify (GTK_LABEL (label), GTK_JUSTIFY_CENTER);
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), label);

  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), large ? 440 : 480);
  adw_clamp_set_child (ADW_CLAMP (clamp), box);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), clamp);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_widget_set_vexpand (scroller, TRUE);

  *box_out = box;
  return scroller;
}
