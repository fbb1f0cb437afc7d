/* solace-text.h — what the person wrote, made safe to show beside other text
 *
 * Text a person keeps in Solace is often pasted from a message they were
 * sent, and such text can carry characters that change how the text
 * *around* it is shown: an unclosed RIGHT-TO-LEFT OVERRIDE (U+202E)
 * turns "evil" into "live" and keeps reversing whatever comes after it —
 * a label, a date, the next field.  Some other characters (the Unicode
 * noncharacters U+FFFE, U+FFFF, U+FDD0…U+FDEF, …) make cairo's PDF
 * output stop dead.
 *
 * solace_text_for_display() is the one place that turns such text into
 * something safe to lay out next to other text: a list row, a label, a
 * field in the PDF report.  What it returns is only ever shown, never
 * saved.  It:
 *
 *  - turns invalid UTF-8 into U+FFFD;
 *  - wraps each paragraph in FIRST STRONG ISOLATE (U+2068) … POP
 *    DIRECTIONAL ISOLATE (U+2069), so that however the text runs
 *    (Arabic, Hebrew, English) it cannot reorder what is beside it;
 *  - inside that isolate, closes every embedding, override or isolate
 *    the text opens and leaves open (LRE, RLE, LRO, RLO, LRI, RLI, FSI),
 *    and leaves out every PDF or PDI that would close one it did not
 *    open, so nothing leaks past the isolate's end;
 *  - with SOLACE_TEXT_SHOW_HIDDEN, shows instead of keeping them the
 *    characters that are invisible but change or break what is shown —
 *    the explicit directional controls, the noncharacters, control
 *    characters other than tab and line breaks, and every combining mark
 *    on one letter after the first SOLACE_TEXT_MAX_MARKS (the rest would
 *    pile up off the page) — as a visible "<U+202E>" (for a record that
 *    may be read as evidence: nothing hidden, nothing silently changed,
 *    and the original text can be told from it);
 *  - with @max_chars, keeps at most that many characters of the text,
 *    cut where one user-perceived character (a grapheme: a letter with
 *    its accents, an emoji with its modifiers) ends, followed by "…".
 *
 * Line breaks stay line breaks ("\r\n" and "\r" become "\n").  The
 * result is plain text: escape it with g_markup_escape_text() before
 * using it as markup.  No GTK here: the list rows and the PDF both use it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define SOLACE_TEXT_FSI       0x2068
#define SOLACE_TEXT_PDI       0x2069
#define SOLACE_TEXT_ELLIPSIS  "…"

/* The most combining marks shown stacked on one letter: Unicode's
 * "stream-safe" limit (UAX #15), more than any writing system needs. */
#define SOLACE_TEXT_MAX_MARKS 30

typedef enum
{
  SOLACE_TEXT_DEFAULT     = 0,
  SOLACE_TEXT_SHOW_HIDDEN = 1 << 0,
} SolaceTextFlags;

/* @text (@length bytes, or -1 if nul-terminated; NULL is "") made safe
 * to show beside other text, as described above.  @max_chars 0 keeps
 * it all.  Free with g_free(). */
char     *solace_text_for_display        (const char      *text,
                                          gssize           length,
                                          gsize            max_chars,
                                          SolaceTextFlags  flags);

/* Whether a user-perceived character may end between @before and
 * @after (an approximation of Unicode's grapheme clusters that never
 * splits a letter from its marks, an emoji from its modifiers or
 * joiners, "\r\n", or a Hangul syllable).  @n_regional is how many
 * regional indicators (flag halves) come right before @after. */
/* Whether @c belongs to the character before it: a combining mark, a
 * joiner, a variation selector, a skin tone or an emoji tag. */
gboolean  solace_text_extends_previous   (gunichar         c);

gboolean  solace_text_is_grapheme_break  (gunichar         before,
                                          gunichar         after,
                                          guint            n_regional);

/* The byte offset in @text (@length bytes, valid UTF-8) after at most
 * @max_chars characters, at the end of a grapheme.  Only when the first
 * grapheme alone is longer than @max_chars is it cut inside it, after
 * exactly @max_chars characters, so the result is always bounded and,
 * for @max_chars > 0 and a text that is not empty, never 0. */
gsize     solace_text_cut                (const char      *text,
                                          gsize            length,
                                          gsize            max_chars);

G_END_DECLS
