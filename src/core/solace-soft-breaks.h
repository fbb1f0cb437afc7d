/* solace-soft-breaks.h — long text shown in pieces a text view lays out quickly
 *
 * A GtkTextView lays out each paragraph whole, and Pango's cost grows
 * faster than the paragraph: one unbroken run of a million characters
 * (a pasted link, a base64 blob, a key held down) took minutes.  So the
 * editors show such text with a *soft break*, U+2029 PARAGRAPH
 * SEPARATOR, inside every run that has no place to wrap for
 * SOLACE_SOFT_BREAK_RUN characters, and inside every paragraph longer
 * than SOLACE_SOFT_BREAK_PARAGRAPH characters (at a place it could wrap
 * anyway).  A soft break is only ever shown: what is saved is the text
 * with every soft break taken out again, so nothing the person wrote
 * changes.
 *
 * For that to hold, the person's own text can never hold U+2029 in an
 * editor: a U+2029 that comes in (typed, pasted, or in a stored entry)
 * is shown and kept as the line break it stands for, "\n".
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define SOLACE_SOFT_BREAK            0x2029
#define SOLACE_SOFT_BREAK_UTF8       "\xe2\x80\xa9"

/* A run with no place to wrap gets a soft break after this many
 * characters (a little later if that would split a letter from its
 * accents, but never later than twice as many). */
#define SOLACE_SOFT_BREAK_RUN        200

/* A paragraph gets a soft break at its first place to wrap after this
 * many characters. */
#define SOLACE_SOFT_BREAK_PARAGRAPH  4000

char      *solace_soft_breaks_add        (const char *text,
                                          gssize      length);
char      *solace_soft_breaks_remove     (const char *text,
                                          gssize      length);

/* Where soft breaks belong in @text, one paragraph that holds none yet,
 * as character offsets from its start, in order. */
GArray    *solace_soft_breaks_find       (const char *text,
                                          gssize      length);

gboolean   solace_soft_breaks_can_wrap   (gunichar    before,
                                          gunichar    after);

G_END_DECLS
