/* solace-widgets.h — small helpers the pages share: limited fields, toasts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* Lets a one-line @editable (a GtkEntry, an AdwEntryRow…) take at most
 * @max_chars characters, a limit from solace-limits.h: what is typed or
 * pasted past it is refused whole, with a toast that says so. */
void       solace_editable_set_max_chars (GtkEditable *editable,
                                          int          max_chars);
/* Shows @message (plain text) in the toast overlay around @widget. */
void       solace_widget_toast       (GtkWidget  *widget,
                                      const char *message);
/* Shows @toast (taken) there, or drops it if there is none. */
void       solace_widget_add_toast   (GtkWidget  *widget,
                                      AdwToast   *toast);

/* Toasts that quick hide can take away all at once. */
void       solace_toast_overlay_add         (AdwToastOverlay *overlay,
                                             AdwToast        *toast);
void       solace_toast_overlay_dismiss_all (AdwToastOverlay *overlay);
guint      solace_toast_overlay_get_n_toasts (AdwToastOverlay *overlay);

G_END_DECLS
