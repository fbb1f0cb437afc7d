/* solace-text.c — what the person wrote, made safe to show beside other text
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "solace-text"

#include "config.h"

#include <string.h>

#include "solace-text.h"

/* The explicit directional formatting characters of Unicode's
 * bidirectional algorithm (UAX #9). */
#define LRE 0x202A
#define RLE 0x202B
#define PDF 0x202C
#define LRO 0x202D
#define RLO 0x202E
#define LRI 0x2066
#define RLI 0x2067
#define FSI 0x2068
#define PDI 0x2069

static gboolean
is_regional (gunichar c)
{
  return c >= 0x1F1E6 && c <= 0x1F1FF;
}

/* Grapheme_Cluster_Break Control, CR and LF, near enough. */
static gboolean
is_control (gunichar c)
{
  return c < 0x20 || (c >= 0x7F && c <= 0x9F) || c == 0x2028 || c == 0x2029;
}

/**
 * solace_text_extends_previous:
 *
 * Whether @c belongs to the character before it (Unicode's Extend, ZWJ
 * and SpacingMark): a break before it would tear an accent from its
 * letter or an emoji from its modifier.
 */
gboolean
solace_text_extends_previous (gunichar c)
{
  if (c < 0x80)
    return FALSE;

  return g_unichar_ismark (c) ||
         c == 0x200C || c == 0x200D ||                     /* ZWNJ, ZWJ */
         (c >= 0xFE00 && c <= 0xFE0F) ||                   /* variation selectors */
         (c >= 0xE0100 && c <= 0xE01EF) ||
         (c >= 0x1F3FB && c <= 0x1F3FF) ||                 /* skin tones */
         (c >= 0xE0020 && c <= 0xE007F);                   /* emoji tag sequences */
}

/* Noncharacters: never meant to be interchanged, and refused by cairo. */
static gboolean
is_noncharacter (gunichar c)
{
  return (c >= 0xFDD0 && c <= 0xFDEF) || (c & 0xFFFE) == 0xFFFE;
}

static gboolean
is_directional_control (gunichar c)
{
  return (c >= LRE && c <= RLO) || (c >= LRI && c <= PDI);
}

/* Invisible, yet changes or breaks what is shown. */
static gboolean
is_hidden (gunichar c)
{
  return (c < 0x20 && c != '\t' && c != '\n' && c != '\r') ||
         (c >= 0x7F && c <= 0x9F) ||
         is_noncharacter (c) ||
         is_directional_control (c);
}

/* Paragraph separators (bidi class B): every embedding and isolate ends
 * at one, so each paragraph is isolated on its own. */
static gboolean
is_paragraph_break (gunichar c)
{
  return c == '\n' || c == '\r' || (c >= 0x1C && c <= 0x1E) || c == 0x85 || c == 0x2029;
}

/* Closes, innermost first, what the text opened and left open.  @open
 * holds one byte per opener: 'e' an embedding or override, 'i' an
 * isolate. */
static void
close_open (GString *out,
            GString *open)
{
  for (gsize i = open->len; i > 0; i--)
    g_string_append_unichar (out, open->str[i - 1] == 'i' ? PDI : PDF);
  g_string_truncate (open, 0);
}

gboolean
solace_text_is_grapheme_break (gunichar before,
                               gunichar after,
                               guint    n_regional)
{
  GUnicodeBreakType b, a;

  if (before == '\r' && after == '\n')
    return FALSE;
  if (is_control (before) || is_control (after))
    return TRUE;
  if (solace_text_extends_previous (after) || before == 0x200D)
    return FALSE;
  if (is_regional (after) && n_regional % 2 == 1)
    return FALSE;

  /* Hangul syllables written as jamo. */
  b = g_unichar_break_type (before);
  a = g_unichar_break_type (after);
  if (b == G_UNICODE_BREAK_HANGUL_L_JAMO &&
      (a == G_UNICODE_BREAK_HANGUL_L_JAMO || a == G_UNICODE_BREAK_HANGUL_V_JAMO ||
       a == G_UNICODE_BREAK_HANGUL_LV_SYLLABLE || a == G_UNICODE_BREAK_HANGUL_LVT_SYLLABLE))
    return FALSE;
  if ((b == G_UNICODE_BREAK_HANGUL_LV_SYLLABLE || b == G_UNICODE_BREAK_HANGUL_V_JAMO) &&
      (a == G_UNICODE_BREAK_HANGUL_V_JAMO || a == G_UNICODE_BREAK_HANGUL_T_JAMO))
    return FALSE;
  if ((b == G_UNICODE_BREAK_HANGUL_LVT_SYLLABLE || b == G_UNICODE_BREAK_HANGUL_T_JAMO) &&
      a == G_UNICODE_BREAK_HANGUL_T_JAMO)
    return FALSE;

  return TRUE;
}

gsize
solace_text_cut (const char *text,
                 gsize       length,
                 gsize       max_chars)
{
  const char *p = text;
  const char *end = text + length;
  const char *boundary = text;
  gunichar previous = 0;
  guint n_regional = 0;
  gsize n = 0;

  g_return_val_if_fail (text != NULL || length == 0, 0);

  while (p < end)
    {
      gunichar c = g_utf8_get_char (p);

      if (n > 0 && solace_text_is_grapheme_break (previous, c, n_regional))
        boundary = p;
      if (n == max_chars)
        break;

      n_regional = is_regional (c) ? n_regional + 1 : 0;
      previous = c;
      p = g_utf8_next_char (p);
      n++;
    }

  if (p >= end)
    return length;
  if (boundary == text)
    return p - text;
  return boundary - text;
}

char *
solace_text_for_display (const char      *text,
                         gssize           length,
                         gsize            max_chars,
                         SolaceTextFlags  flags)
{
  gboolean show_hidden = (flags & SOLACE_TEXT_SHOW_HIDDEN) != 0;
  g_autofree char *valid = NULL;
  g_autoptr(GString) open = g_string_new (NULL);
  GString *out;
  const char *p, *end;
  guint n_marks = 0;
  gsize cut;

  if (text == NULL)
    length = 0, text = "";
  else if (length < 0)
    length = strlen (text);

  if (!g_utf8_validate_len (text, length, NULL))
    {
      valid = g_utf8_make_valid (text, length);
      text = valid;
      length = strlen (valid);
    }

  cut = max_chars > 0 ? solace_text_cut (text, length, max_chars) : (gsize) length;
  out = g_string_sized_new (cut + 16);

  g_string_append_unichar (out, FSI);
  for (p = text, end = text + cut; p < end; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      n_marks = g_unichar_ismark (c) ? n_marks + 1 : 0;
      if (show_hidden && (is_hidden (c) || n_marks > SOLACE_TEXT_MAX_MARKS))
        {
          g_string_append_printf (out, "<U+%04X>", c);
          continue;
        }

      if (is_paragraph_break (c))
        {
          close_open (out, open);
          g_string_append_unichar (out, PDI);
          if (c == '\r')
            {
              if (p + 1 < end && p[1] == '\n')
                p++;
              c = '\n';
            }
          g_string_append_unichar (out, c);
          g_string_append_unichar (out, FSI);
          continue;
        }

      switch (c)
        {
        case LRE: case RLE: case LRO: case RLO:
          g_string_append_c (open, 'e');
          break;

        case LRI: case RLI: case FSI:
          g_string_append_c (open, 'i');
          break;

        case PDF:
          /* Only closes an embedding this text opened, and not past an
           * isolate it opened after that. */
          if (open->len == 0 || open->str[open->len - 1] != 'e')
            continue;
          g_string_truncate (open, open->len - 1);
          break;

        case PDI:
          /* Closes the isolate this text opened last, and every
           * embedding inside it; never one it did not open. */
          {
            const char *isolate = strrchr (open->str, 'i');
            if (isolate == NULL)
              continue;
            g_string_truncate (open, isolate - open->str);
          }
          break;

        default:
          break;
        }

      g_string_append_unichar (out, c);
    }

  close_open (out, open);
  if (cut < (gsize) length)
    g_string_append (out, SOLACE_TEXT_ELLIPSIS);
  g_string_append_unichar (out, PDI);

  return g_string_free (out, FALSE);
}
