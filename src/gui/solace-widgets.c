/* solace-widgets.c — small helpers the pages share: limited fields, toasts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "solace-widgets"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "solace-widgets.h"

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
