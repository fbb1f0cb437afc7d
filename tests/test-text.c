/* test-text.c — text made safe to show beside other text
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "solace-limits.h"
#include "solace-text.h"

#define FSI "\u2068"
#define PDI "\u2069"

static char *
display (const char *text)
{
  return solace_text_for_display (text, -1, 0, SOLACE_TEXT_DEFAULT);
}

static char *
display_hidden (const char *text)
{
  return solace_text_for_display (text, -1, 0, SOLACE_TEXT_SHOW_HIDDEN);
}

/* Whether every embedding, override and isolate in @text is closed in
 * the paragraph that opened it, by the rules of UAX #9 (a PDF closes
 * only an embedding opened after the last open isolate; a PDI closes
 * the last open isolate and what is inside it), and no PDF or PDI tries
 * to close one that is not open. */
static gboolean
balanced (const char *text)
{
  g_autoptr(GString) open = g_string_new (NULL);

  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == '\n' || c == 0x2029)
        {
          if (open->len != 0)
            return FALSE;
        }
      else if ((c >= 0x202A && c <= 0x202B) || (c >= 0x202D && c <= 0x202E))
        g_string_append_c (open, 'e');
      else if (c >= 0x2066 && c <= 0x2068)
        g_string_append_c (open, 'i');
      else if (c == 0x202C)
        {
          if (open->len == 0 || open->str[open->len - 1] != 'e')
            return FALSE;
          g_string_truncate (open, open->len - 1);
        }
      else if (c == 0x2069)
        {
          const char *isolate = strrchr (open->str, 'i');
          if (isolate == NULL)
            return FALSE;
          g_string_truncate (open, isolate - open->str);
        }
    }

  return open->len == 0;
}

static void
test_isolate (void)
{
  g_autofree char *plain = display ("Text message");
  g_autofree char *none = display (NULL);
  g_autofree char *empty = display ("");
  g_autofree char *lines = display ("one\r\ntwo\rthree\nfour");
  g_autofree char *rtl = display ("שלום 12");

  g_assert_cmpstr (plain, ==, FSI "Text message" PDI);
  g_assert_cmpstr (none, ==, FSI PDI);
  g_assert_cmpstr (empty, ==, FSI PDI);
  /* Each paragraph isolated on its own; line breaks stay line breaks. */
  g_assert_cmpstr (lines, ==, FSI "one" PDI "\n" FSI "two" PDI "\n" FSI "three" PDI "\n" FSI "four" PDI);
  g_assert_cmpstr (rtl, ==, FSI "שלום 12" PDI);
}

static void
test_unbalanced (void)
{
  static const struct { const char *in; const char *out; } cases[] = {
    /* An override left open is closed before the isolate ends. */
    { "\u202Eevil", FSI "\u202Eevil\u202C" PDI },
    { "a\u202Bb\u2067c", FSI "a\u202Bb\u2067c\u2069\u202C" PDI },
    { "\u2066\u2067\u2068x", FSI "\u2066\u2067\u2068x\u2069\u2069\u2069" PDI },
    /* Closers of what the text did not open would close ours: left out. */
    { "x\u202Cy\u2069z", FSI "xyz" PDI },
    { "\u2069\u2069\u2069after", FSI "after" PDI },
    /* A PDF cannot close an embedding from outside an isolate. */
    { "\u202Ba\u2067b\u202Cc", FSI "\u202Ba\u2067bc\u2069\u202C" PDI },
    /* A PDI closes its isolate and every embedding inside it. */
    { "\u2067a\u202Eb\u2069c", FSI "\u2067a\u202Eb\u2069c" PDI },
    /* Balanced text is kept as written. */
    { "\u202Eevil\u202C and \u2067good\u2069", FSI "\u202Eevil\u202C and \u2067good\u2069" PDI },
    /* Every paragraph closes its own. */
    { "\u202Ea\nb\u202C", FSI "\u202Ea\u202C" PDI "\n" FSI "b" PDI },
    { "\u202Ea\u2029b", FSI "\u202Ea\u202C" PDI "\u2029" FSI "b" PDI },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *out = display (cases[i].in);
      g_assert_cmpstr (out, ==, cases[i].out);
      g_assert_true (balanced (out));
    }
}

/* Random mixes of every directional control, letters and line breaks:
 * whatever comes in, what comes out is balanced, and nothing but the
 * controls that had to go is changed. */
static void
test_unbalanced_random (void)
{
  static const gunichar alphabet[] = { 0x202A, 0x202B, 0x202C, 0x202D, 0x202E,
                                       0x2066, 0x2067, 0x2068, 0x2069, 'a', 0x05D0, '\n' };
  g_autoptr(GRand) rand = g_rand_new_with_seed (12);

  for (guint round = 0; round < 2000; round++)
    {
      g_autoptr(GString) in = g_string_new (NULL);
      g_autofree char *out = NULL;
      guint n = g_rand_int_range (rand, 0, 40);

      for (guint i = 0; i < n; i++)
        g_string_append_unichar (in, alphabet[g_rand_int_range (rand, 0, G_N_ELEMENTS (alphabet))]);

      out = display (in->str);
      g_assert_true (balanced (out));
      g_assert_true (g_str_has_prefix (out, FSI));
      g_assert_true (g_str_has_suffix (out, PDI));
      /* The letters and the line breaks, all of them, in order. */
      {
        g_autoptr(GString) a = g_string_new (NULL), b = g_string_new (NULL);
        for (const char *p = in->str; *p; p = g_utf8_next_char (p))
          if (g_utf8_get_char (p) < 0x2000)
            g_string_append_unichar (a, g_utf8_get_char (p));
        for (const char *p = out; *p; p = g_utf8_next_char (p))
          if (g_utf8_get_char (p) < 0x2000)
            g_string_append_unichar (b, g_utf8_get_char (p));
        g_assert_cmpstr (a->str, ==, b->str);
      }
    }
}

static void
test_show_hidden (void)
{
  g_autofree char *nonchars = display_hidden ("a\uFFFEb\uFFFF\uFDD0\U0010FFFF\U0001FFFEc\uFDEF");
  g_autofree char *bidi = display_hidden ("\u202Eevil\u2067\u2069\u202C");
  g_autofree char *controls = display_hidden ("tab\tnul?\x01\x1f\x7f\xc2\x85\xc2\x9f end\r\nnext");
  g_autofree char *kept = display_hidden ("e\u0301 👩\u200D👩\u200D👧 \u200F\u05D0 \uFFFD \U000F0000");

  g_assert_cmpstr (nonchars, ==, FSI "a<U+FFFE>b<U+FFFF><U+FDD0><U+10FFFF><U+1FFFE>c<U+FDEF>" PDI);
  /* Shown, not obeyed: "evil" stays "evil", with a mark saying why it
   * once read otherwise. */
  g_assert_cmpstr (bidi, ==, FSI "<U+202E>evil<U+2067><U+2069><U+202C>" PDI);
  g_assert_true (balanced (bidi));
  g_assert_cmpstr (controls, ==, FSI "tab\tnul?<U+0001><U+001F><U+007F><U+0085><U+009F> end" PDI "\n" FSI "next" PDI);
  /* Marks past the stream-safe limit are shown, not piled up. */
  {
    g_autoptr(GString) in = g_string_new ("a");
    g_autoptr(GString) expected = g_string_new (FSI "a");
    g_autofree char *out = NULL;

    for (guint i = 0; i < 100; i++)
      {
        g_string_append (in, i % 2 ? "\u0301" : "\u0316");
        if (i < SOLACE_TEXT_MAX_MARKS)
          g_string_append (expected, i % 2 ? "\u0301" : "\u0316");
        else
          g_string_append (expected, i % 2 ? "<U+0301>" : "<U+0316>");
      }
    g_string_append (in, "b\u0301");
    g_string_append (expected, "b\u0301" PDI);
    out = display_hidden (in->str);
    g_assert_cmpstr (out, ==, expected->str);
  }

  /* Marks, joiners, implicit direction marks, private use: as written. */
  g_assert_cmpstr (kept, ==, FSI "e\u0301 👩\u200D👩\u200D👧 \u200F\u05D0 \uFFFD \U000F0000" PDI);
}

static void
test_invalid_utf8 (void)
{
  g_autofree char *out = display ("a\xff\xfe" "b\xe2\x80");
  g_autofree char *part = solace_text_for_display ("abc\u202Edef", 7, 0, SOLACE_TEXT_DEFAULT);
  g_autofree char *inside = solace_text_for_display ("abc\u202Edef", 5, 0, SOLACE_TEXT_DEFAULT);

  g_assert_true (g_utf8_validate (out, -1, NULL));
  /* One U+FFFD a byte that is not UTF-8, as g_utf8_make_valid() does. */
  g_assert_cmpstr (out, ==, FSI "a\uFFFD\uFFFDb\uFFFD\uFFFD" PDI);
  /* A length given: only that much is read, and still closed. */
  g_assert_cmpstr (part, ==, FSI "abc\u202Ed\u202C" PDI);
  /* A length that ends inside a character. */
  g_assert_cmpstr (inside, ==, FSI "abc\uFFFD\uFFFD" PDI);
}

static gsize
cut_chars (const char *text,
           gsize       max_chars)
{
  gsize bytes = solace_text_cut (text, strlen (text), max_chars);
  return g_utf8_strlen (text, bytes);
}

static void
test_cut (void)
{
  /* Whole graphemes: a letter keeps its accents, a flag both halves, an
   * emoji its joiners and skin tone, "\r\n" and a Hangul syllable in jamo
   * stay together. */
  g_assert_cmpuint (cut_chars ("abc", 2), ==, 2);
  g_assert_cmpuint (cut_chars ("abc", 3), ==, 3);
  g_assert_cmpuint (cut_chars ("abc", 10), ==, 3);
  g_assert_cmpuint (cut_chars ("", 10), ==, 0);
  g_assert_cmpuint (cut_chars ("abe\u0301\u0302x", 3), ==, 2);
  g_assert_cmpuint (cut_chars ("abe\u0301\u0302x", 4), ==, 2);
  g_assert_cmpuint (cut_chars ("abe\u0301\u0302x", 5), ==, 5);
  g_assert_cmpuint (cut_chars ("a\U0001F1E9\U0001F1EA\U0001F1EB\U0001F1F7", 2), ==, 1);
  g_assert_cmpuint (cut_chars ("a\U0001F1E9\U0001F1EA\U0001F1EB\U0001F1F7", 4), ==, 3);
  g_assert_cmpuint (cut_chars ("a👩\u200D👩\u200D👧b", 4), ==, 1);
  g_assert_cmpuint (cut_chars ("a👩\u200D👩\u200D👧b", 6), ==, 6);
  g_assert_cmpuint (cut_chars ("a👋\U0001F3FDb", 2), ==, 1);
  g_assert_cmpuint (cut_chars ("a\r\nb", 2), ==, 1);
  g_assert_cmpuint (cut_chars ("a\u1100\u1161\u11A8b", 3), ==, 1);
  g_assert_cmpuint (cut_chars ("a\u1100\u1161\u11A8b", 4), ==, 4);
  /* A grapheme longer than the limit is cut inside: bounded all the same. */
  g_assert_cmpuint (cut_chars ("e\u0301\u0301\u0301\u0301", 3), ==, 3);
}

static void
test_preview (void)
{
  g_autoptr(GString) run = g_string_new (NULL);
  g_autoptr(GString) marks = g_string_new ("e");
  g_autoptr(GString) accent = g_string_new (NULL);
  g_autofree char *short_text = solace_text_for_display ("short", -1, SOLACE_PREVIEW_CHARS, SOLACE_TEXT_DEFAULT);
  g_autofree char *a = NULL, *b = NULL, *c = NULL, *d = NULL;

  for (guint i = 0; i < 60000; i++)
    g_string_append_c (run, 'x');
  for (guint i = 0; i < 3000; i++)
    g_string_append (marks, "\u0301");
  for (guint i = 0; i < SOLACE_PREVIEW_CHARS - 1; i++)
    g_string_append_c (accent, 'y');
  g_string_append (accent, "e\u0301 and more");

  g_assert_cmpstr (short_text, ==, FSI "short" PDI);

  a = solace_text_for_display (run->str, run->len, SOLACE_PREVIEW_CHARS, SOLACE_TEXT_DEFAULT);
  g_assert_cmpuint (g_utf8_strlen (a, -1), ==, SOLACE_PREVIEW_CHARS + 3);
  g_assert_true (g_str_has_suffix (a, "x…" PDI));

  b = solace_text_for_display (marks->str, marks->len, SOLACE_PREVIEW_CHARS, SOLACE_TEXT_DEFAULT);
  g_assert_cmpuint (g_utf8_strlen (b, -1), ==, SOLACE_PREVIEW_CHARS + 3);

  /* The accented letter that would straddle the limit goes whole. */
  c = solace_text_for_display (accent->str, accent->len, SOLACE_PREVIEW_CHARS, SOLACE_TEXT_DEFAULT);
  g_assert_cmpuint (g_utf8_strlen (c, -1), ==, SOLACE_PREVIEW_CHARS - 1 + 3);
  g_assert_true (g_str_has_suffix (c, "y…" PDI));

  /* What a preview leaves open is closed before the ellipsis. */
  g_string_prepend (run, "\u202E");
  d = solace_text_for_display (run->str, run->len, 10, SOLACE_TEXT_DEFAULT);
  g_assert_cmpstr (d, ==, FSI "\u202Exxxxxxxxx\u202C…" PDI);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/text/isolate", test_isolate);
  g_test_add_func ("/text/unbalanced", test_unbalanced);
  g_test_add_func ("/text/unbalanced-random", test_unbalanced_random);
  g_test_add_func ("/text/show-hidden", test_show_hidden);
  g_test_add_func ("/text/invalid-utf8", test_invalid_utf8);
  g_test_add_func ("/text/cut", test_cut);
  g_test_add_func ("/text/preview", test_preview);

  return g_test_run ();
}
