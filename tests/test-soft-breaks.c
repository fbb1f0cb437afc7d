/* test-soft-breaks.c — long text shown in pieces, and nothing of it changed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "solace-limits.h"
#include "solace-soft-breaks.h"

/* The hostile texts of issue 12, each SOLACE_MAX_ENTRY_CHARS long or
 * near it. */
static char *
repeat (const char *piece,
        guint       chars)
{
  GString *out = g_string_new (NULL);
  guint piece_chars = g_utf8_strlen (piece, -1);

  for (guint n = 0; n + piece_chars <= chars; n += piece_chars)
    g_string_append (out, piece);

  return g_string_free (out, FALSE);
}

static char *
random_code_points (guint chars)
{
  GString *out = g_string_new (NULL);
  g_autoptr(GRand) rand = g_rand_new_with_seed (12);

  while (g_utf8_strlen (out->str, out->len) < chars)
    {
      gunichar c = g_rand_int_range (rand, 0x20, 0x110000);

      /* Surrogates cannot be UTF-8; everything else can, noncharacters
       * and unassigned code points included. */
      if ((c >= 0xD800 && c <= 0xDFFF) || c == SOLACE_SOFT_BREAK)
        continue;
      g_string_append_unichar (out, c);
    }

  return g_string_free (out, FALSE);
}

/* Checks what an editor would show of @text: every soft break is at a
 * sensible place, no paragraph and no unbroken run is too long to lay
 * out quickly, and taking the soft breaks out gives @text back. */
static void
check_shown (const char *text)
{
  g_autofree char *shown = solace_soft_breaks_add (text, -1);
  g_autofree char *kept = solace_soft_breaks_remove (shown, -1);
  guint paragraph = 0, run = 0, longest_paragraph = 0, longest_run = 0;
  gunichar previous = 0;

  g_assert_true (g_utf8_validate (shown, -1, NULL));
  /* Nothing lost, nothing added, nothing reordered. */
  g_assert_cmpuint (strlen (kept), ==, strlen (text));
  g_assert_true (memcmp (kept, text, strlen (text)) == 0);

  for (const char *p = shown; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == '\n' || c == SOLACE_SOFT_BREAK)
        {
          if (c == SOLACE_SOFT_BREAK)
            {
              /* Never between a letter and its accent, unless the run of
               * accents is itself too long (a hostile one). */
              gunichar next = g_utf8_get_char (g_utf8_next_char (p));

              if (g_unichar_ismark (next))
                g_assert_cmpuint (run, >=, 2 * SOLACE_SOFT_BREAK_RUN);
            }
          paragraph = run = 0;
          previous = 0;
          continue;
        }
      if (previous != 0 && solace_soft_breaks_can_wrap (previous, c))
        run = 0;
      paragraph++;
      run++;
      previous = c;
      longest_paragraph = MAX (longest_paragraph, paragraph);
      longest_run = MAX (longest_run, run);
    }

  g_assert_cmpuint (longest_run, <=, 2 * SOLACE_SOFT_BREAK_RUN);
  /* A paragraph is broken at its first place to wrap past the limit;
   * the run before that place is bounded as above. */
  g_assert_cmpuint (longest_paragraph, <=, SOLACE_SOFT_BREAK_PARAGRAPH + 2 * SOLACE_SOFT_BREAK_RUN);
}

static void
test_hostile (void)
{
  struct { const char *name; char *text; } cases[] = {
    { "a million x", repeat ("x", SOLACE_MAX_ENTRY_CHARS) },
    { "ordinary words, one paragraph", repeat ("word after word ", SOLACE_MAX_ENTRY_CHARS) },
    { "combining marks on one letter", NULL },
    { "noncharacters", repeat ("\xef\xbf\xbe\xef\xbf\xbf\xef\xb7\x90\xf4\x8f\xbf\xbf", 100000) },
    { "bidi overrides", repeat ("\xe2\x80\xae" "evil" "\xe2\x80\xac", 100000) },
    { "CJK without spaces", repeat ("\xe4\xbd\xa0\xe5\xa5\xbd\xe4\xb8\x96\xe7\x95\x8c", 200000) },
    { "emoji with skin tones and joiners",
      repeat ("\xf0\x9f\x91\xa9\xf0\x9f\x8f\xbd\xe2\x80\x8d\xf0\x9f\x92\xbb", 100000) },
    { "random code points", random_code_points (20000) },
    { "short lines", repeat ("a line\n", 100000) },
    { "empty", g_strdup ("") },
  };

  {
    GString *marks = g_string_new ("a");
    for (guint i = 0; i < 3000; i++)
      g_string_append (marks, "\xcc\x81");  /* U+0301 */
    g_string_append (marks, " and then words");
    cases[2].text = g_string_free (marks, FALSE);
  }

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_test_message ("%s", cases[i].name);
      check_shown (cases[i].text);
      g_free (cases[i].text);
    }
}

static void
test_ordinary_text_untouched (void)
{
  const char *texts[] = {
    "Today was hard. I wanted to text them, and I didn't.\n\nI went for a walk instead.",
    "https://example.org/a/very/long/path/that/someone/pasted/into/their/entry?with=query&and=more",
    "Ça va mieux. 今日は少し良かった。 שלום",
  };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autofree char *shown = solace_soft_breaks_add (texts[i], -1);

      g_assert_cmpstr (shown, ==, texts[i]);
    }
}

/* A U+2029 the person brings in becomes the line break it stands for,
 * so that every U+2029 in an editor is a soft break. */
static void
test_paragraph_separator (void)
{
  g_autofree char *shown = solace_soft_breaks_add ("one\xe2\x80\xa9two", -1);
  g_autofree char *kept = solace_soft_breaks_remove (shown, -1);

  g_assert_cmpstr (shown, ==, "one\ntwo");
  g_assert_cmpstr (kept, ==, "one\ntwo");
}

/* Where a typed paragraph wants its soft breaks: after a long run, and
 * at a place to wrap past the paragraph limit. */
static void
test_find (void)
{
  g_autofree char *run = repeat ("y", 3 * SOLACE_SOFT_BREAK_RUN + 5);
  g_autofree char *words = repeat ("word ", SOLACE_SOFT_BREAK_PARAGRAPH + 100);
  g_autoptr(GArray) in_run = solace_soft_breaks_find (run, -1);
  g_autoptr(GArray) in_words = solace_soft_breaks_find (words, -1);
  g_autoptr(GArray) none = solace_soft_breaks_find ("short", -1);

  g_assert_cmpuint (in_run->len, ==, 3);
  g_assert_cmpuint (g_array_index (in_run, guint, 0), ==, SOLACE_SOFT_BREAK_RUN);
  g_assert_cmpuint (g_array_index (in_run, guint, 1), ==, 2 * SOLACE_SOFT_BREAK_RUN);
  g_assert_cmpuint (g_array_index (in_run, guint, 2), ==, 3 * SOLACE_SOFT_BREAK_RUN);

  g_assert_cmpuint (in_words->len, >=, 1);
  /* After a space, at the first place to wrap past the limit. */
  g_assert_cmpuint (g_array_index (in_words, guint, 0), >=, SOLACE_SOFT_BREAK_PARAGRAPH);
  g_assert_cmpuint (g_array_index (in_words, guint, 0), <, SOLACE_SOFT_BREAK_PARAGRAPH + 5);
  g_assert_cmpint (g_utf8_offset_to_pointer (words, g_array_index (in_words, guint, 0))[-1], ==, ' ');

  g_assert_cmpuint (none->len, ==, 0);
}

/* Broken UTF-8 (never from an editor, but a damaged file could hold
 * it) is shown with U+FFFD, never read past its end. */
static void
test_invalid_utf8 (void)
{
  g_autofree char *shown = solace_soft_breaks_add ("ok \xff\xfe end", -1);

  g_assert_true (g_utf8_validate (shown, -1, NULL));
  g_assert_nonnull (strstr (shown, "ok "));
  g_assert_nonnull (strstr (shown, " end"));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/soft-breaks/hostile", test_hostile);
  g_test_add_func ("/soft-breaks/ordinary-text-untouched", test_ordinary_text_untouched);
  g_test_add_func ("/soft-breaks/paragraph-separator", test_paragraph_separator);
  g_test_add_func ("/soft-breaks/find", test_find);
  g_test_add_func ("/soft-breaks/invalid-utf8", test_invalid_utf8);

  return g_test_run ();
}
