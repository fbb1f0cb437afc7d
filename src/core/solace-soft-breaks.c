/* solace-soft-breaks.c — long text shown in pieces a text view lays out quickly
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "solace-soft-breaks"

#include "config.h"

#include <string.h>

#include "solace-soft-breaks.h"
#include "solace-text.h"

/* Whether a line may wrap between @before and @after: after a space, a
 * hyphen or a slash, and around ideographs.  This is a simpler rule than
 * Unicode's line breaking, and need not be more: it only decides where
 * a soft break goes, never what is kept. */
gboolean
solace_soft_breaks_can_wrap (gunichar before,
                             gunichar after)
{
  if (before < 0x80 && after < 0x80)
    return before == ' ' || before == '\t' || before == '-' || before == '/';

  if (solace_text_extends_previous (after))
    return FALSE;

  if (g_unichar_isspace (before))
    return TRUE;

  switch (g_unichar_break_type (before))
    {
    case G_UNICODE_BREAK_SPACE:
    case G_UNICODE_BREAK_ZERO_WIDTH_SPACE:
    case G_UNICODE_BREAK_AFTER:
    case G_UNICODE_BREAK_HYPHEN:
    case G_UNICODE_BREAK_IDEOGRAPHIC:
      return TRUE;
    default:
      break;
    }

  switch (g_unichar_break_type (after))
    {
    case G_UNICODE_BREAK_IDEOGRAPHIC:
    case G_UNICODE_BREAK_BEFORE:
      return TRUE;
    default:
      return FALSE;
    }
}

typedef struct
{
  guint    run;        /* characters since the last place to wrap */
  guint    paragraph;  /* characters since the paragraph began */
  gunichar previous;
} Scan;

/* Whether a soft break goes before @c, and moves the scan past it. */
static gboolean
scan_step (Scan     *scan,
           gunichar  c)
{
  gboolean wrap_here = scan->previous != 0 && solace_soft_breaks_can_wrap (scan->previous, c);
  gboolean soft_break = FALSE;

  if (c == '\n' || c == '\r' || c == SOLACE_SOFT_BREAK)
    {
      scan->run = 0;
      scan->paragraph = 0;
      scan->previous = 0;
      return FALSE;
    }

  if (wrap_here)
    scan->run = 0;

  if (wrap_here && scan->paragraph >= SOLACE_SOFT_BREAK_PARAGRAPH)
    soft_break = TRUE;
  else if (scan->run >= SOLACE_SOFT_BREAK_RUN && !solace_text_extends_previous (c))
    soft_break = TRUE;
  else if (scan->run >= 2 * SOLACE_SOFT_BREAK_RUN)
    soft_break = TRUE;

  if (soft_break)
    {
      scan->run = 0;
      scan->paragraph = 0;
    }

  scan->run++;
  scan->paragraph++;
  scan->previous = c;

  return soft_break;
}

static const char *
valid_text (const char  *text,
            gssize       length,
            char       **copy,
            gsize       *out_length)
{
  gsize n = length < 0 ? strlen (text) : (gsize) length;

  if (!g_utf8_validate_len (text, n, NULL))
    {
      *copy = g_utf8_make_valid (text, n);
      n = strlen (*copy);
      text = *copy;
    }

  *out_length = n;
  return text;
}

/**
 * solace_soft_breaks_add:
 *
 * Returns @text as an editor shows it: with soft breaks, and with every
 * U+2029 it held already as "\n".
 */
char *
solace_soft_breaks_add (const char *text,
                        gssize      length)
{
  g_autofree char *copy = NULL;
  Scan scan = { 0 };
  GString *out;
  const char *end, *copied;
  gsize n;

  g_return_val_if_fail (text != NULL, NULL);

  text = valid_text (text, length, &copy, &n);
  end = text + n;
  out = g_string_sized_new (n + n / SOLACE_SOFT_BREAK_RUN * 3 + 1);

  /* Copied a stretch at a time, up to each place that changes. */
  copied = text;
  for (const char *p = text; p < end; p = g_utf8_next_char (p))
    {
      gunichar c = (guchar) *p < 0x80 ? (gunichar) *p : g_utf8_get_char (p);

      if (c == SOLACE_SOFT_BREAK)
        {
          scan_step (&scan, c);
          g_string_append_len (out, copied, p - copied);
          g_string_append_c (out, '\n');
          copied = g_utf8_next_char (p);
        }
      else if (scan_step (&scan, c))
        {
          g_string_append_len (out, copied, p - copied);
          g_string_append (out, SOLACE_SOFT_BREAK_UTF8);
          copied = p;
        }
    }
  g_string_append_len (out, copied, end - copied);

  return g_string_free (out, FALSE);
}

/**
 * solace_soft_breaks_remove:
 *
 * Returns @text with every soft break taken out: what is kept.
 */
char *
solace_soft_breaks_remove (const char *text,
                           gssize      length)
{
  gsize n;
  GString *out;
  const char *p, *found;

  g_return_val_if_fail (text != NULL, NULL);

  n = length < 0 ? strlen (text) : (gsize) length;
  out = g_string_sized_new (n + 1);
  p = text;
  /* U+2029 is three bytes that never stand inside another character. */
  while ((found = g_strstr_len (p, text + n - p, SOLACE_SOFT_BREAK_UTF8)) != NULL)
    {
      g_string_append_len (out, p, found - p);
      p = found + strlen (SOLACE_SOFT_BREAK_UTF8);
    }
  g_string_append_len (out, p, text + n - p);

  return g_string_free (out, FALSE);
}

/**
 * solace_soft_breaks_find:
 *
 * Returns: (transfer full): a #GArray of guint character offsets.
 */
GArray *
solace_soft_breaks_find (const char *text,
                         gssize      length)
{
  g_autofree char *copy = NULL;
  GArray *offsets = g_array_new (FALSE, FALSE, sizeof (guint));
  Scan scan = { 0 };
  const char *end;
  guint offset = 0;
  gsize n;

  g_return_val_if_fail (text != NULL, offsets);

  text = valid_text (text, length, &copy, &n);
  end = text + n;
  for (const char *p = text; p < end; p = g_utf8_next_char (p), offset++)
    {
      if (scan_step (&scan, g_utf8_get_char (p)))
        g_array_append_val (offsets, offset);
    }

  return offsets;
}
