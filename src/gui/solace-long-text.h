/* solace-long-text.h — a GtkTextView that stays quick with any text
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Called instead of inserting text that would take the view past its
 * limit: @have characters are there, @adding would come, @limit is the
 * most.  Nothing was changed. */
typedef void (*SolaceLongTextRefusedFunc) (GtkTextView *view,
                                           guint        limit,
                                           guint        have,
                                           guint        adding,
                                           gpointer     user_data);

void   solace_long_text_attach      (GtkTextView               *view,
                                     guint                      max_chars,
                                     SolaceLongTextRefusedFunc  refused,
                                     gpointer                   user_data);
void   solace_long_text_set_text    (GtkTextView               *view,
                                     const char                *text);
char  *solace_long_text_get_text    (GtkTextView               *view);
guint  solace_long_text_get_length  (GtkTextView               *view);

GtkTextView *solace_long_text_box_new (GtkBox                    *box,
                                       const char                *heading,
                                       guint                      max_chars,
                                       SolaceLongTextRefusedFunc  refused,
                                       gpointer                   user_data);

G_END_DECLS
