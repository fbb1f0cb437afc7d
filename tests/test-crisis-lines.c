/* test-crisis-lines.c — the shipped crisis-line file and the user's country
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>

#include "solace-crisis-lines.h"
#include "solace-error.h"

static SolaceCrisisLines *
load_shipped (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", "crisis-lines.ini", NULL);
  g_autoptr(GError) error = NULL;
  SolaceCrisisLines *lines = solace_crisis_lines_load_file (path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (lines);
  return lines;
}

static void
test_shipped_file (void)
{
  g_autoptr(SolaceCrisisLines) lines = load_shipped ();
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", "crisis-lines.ini", NULL);
  g_autofree char *raw = NULL;
  g_auto(GStrv) countries = solace_crisis_lines_dup_countries (lines);
  const char *expected[] = { "AU", "BR", "CA", "DE", "ES", "FR", "GB", "IE", "IN", "IT", "JP", "NL", "NZ", "US", "ZA", NULL };

  /* Every line of the reference marked yes or partial, and no other. */
  g_assert_cmpuint (solace_crisis_lines_get_n_lines (lines), ==, 29);
  g_assert_cmpstrv (countries, expected);

  for (guint i = 0; i < solace_crisis_lines_get_n_lines (lines); i++)
    {
      SolaceCrisisLine *line = solace_crisis_lines_get_line (lines, i);

      /* Each can be checked again: where it came from, and when. */
      g_assert_nonnull (line->source);
      g_assert_cmpstr (line->verified_on, ==, "2026-11-27");
      g_assert_nonnull (line->hours);
      if (line->partial)
        g_assert_nonnull (line->caveat);
      if (line->dial != NULL)
        for (const char *p = line->dial; *p; p++)
          g_assert_true (g_ascii_isdigit (*p) || *p == '+');
      if (line->website != NULL)
        g_assert_true (g_str_has_prefix (line->website, "https://"));
    }

  /* Nothing unverified in the file at all, read or not. */
  g_assert_true (g_file_get_contents (path, &raw, NULL, NULL));
  g_assert_null (strstr (raw, "UNVERIFIED"));
  g_assert_null (strstr (raw, "Status=unverified"));
  /* South Africa: the suicide line is not verified, only the GBV line ships. */
  {
    g_autoptr(GPtrArray) za = solace_crisis_lines_for_country (lines, "ZA");
    g_assert_cmpuint (za->len, ==, 1);
    g_assert_cmpstr (((SolaceCrisisLine *) g_ptr_array_index (za, 0))->kind, ==, "abuse");
  }
}

static void
test_country_lines (void)
{
  g_autoptr(SolaceCrisisLines) lines = load_shipped ();
  g_autoptr(GPtrArray) gb = solace_crisis_lines_for_country (lines, "GB");
  g_autoptr(GPtrArray) it = solace_crisis_lines_for_country (lines, "IT");
  g_autoptr(GPtrArray) none = solace_crisis_lines_for_country (lines, "ZZ");
  g_autofree char *url = solace_crisis_lines_dup_directory_url (lines, "GB");
  g_autofree char *front = solace_crisis_lines_dup_directory_url (lines, NULL);
  const char *dial = NULL;
  SolaceCrisisLine *first;

  /* The crisis line first, then the abuse line. */
  g_assert_cmpuint (gb->len, ==, 2);
  first = g_ptr_array_index (gb, 0);
  g_assert_cmpstr (first->name, ==, "Samaritans");
  g_assert_cmpstr (first->dial, ==, "116123");
  g_assert_cmpstr (solace_crisis_lines_get_emergency (lines, "GB", &dial), ==, "999 or 112");
  g_assert_cmpstr (dial, ==, "999");

  /* Italy's crisis line comes with its caveat. */
  first = g_ptr_array_index (it, 0);
  g_assert_true (first->partial);
  g_assert_nonnull (strstr (first->caveat, "not free"));
  g_assert_nonnull (strstr (first->caveat, "not 24/7"));

  /* A country without data: no lines, no borrowed numbers. */
  g_assert_cmpuint (none->len, ==, 0);
  g_assert_null (solace_crisis_lines_get_emergency (lines, "ZZ", &dial));
  g_assert_null (dial);
  g_assert_cmpstr (url, ==, "https://findahelpline.com/gb");
  g_assert_cmpstr (front, ==, "https://findahelpline.com/");
}

static void
test_locale_to_country (void)
{
  struct { const char *locale; const char *country; } cases[] = {
    { "en_GB.UTF-8", "GB" }, { "de_DE@euro", "DE" }, { "pt_BR", "BR" }, { "en_US.utf8", "US" },
    { "ja_JP.eucJP", "JP" }, { "fr_CA.UTF-8", "CA" }, { "en_IN", "IN" }, { "xx_ZZ.UTF-8", "ZZ" },
    { "C", NULL }, { "C.UTF-8", NULL }, { "POSIX", NULL }, { "en", NULL }, { "", NULL },
    { "en_", NULL }, { "en_G", NULL }, { "en_GBR", NULL }, { "e_1X", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *country = solace_country_from_locale (cases[i].locale);
      g_assert_cmpstr (country, ==, cases[i].country);
    }
  g_assert_null (solace_country_from_locale (NULL));

  /* LC_ALL first, then LC_TELEPHONE, LC_ADDRESS and LANG. */
  g_unsetenv ("LC_ALL");
  g_unsetenv ("LC_ADDRESS");
  g_setenv ("LC_TELEPHONE", "fr_FR.UTF-8", TRUE);
  g_setenv ("LANG", "en_US.UTF-8", TRUE);
  {
    g_autofree char *country = solace_country_guess ();
    g_assert_cmpstr (country, ==, "FR");
  }
  g_unsetenv ("LC_TELEPHONE");
  {
    g_autofree char *country = solace_country_guess ();
    g_assert_cmpstr (country, ==, "US");
  }
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  {
    g_autofree char *country = solace_country_guess ();
    g_assert_null (country);
  }
  g_assert_cmpstr (solace_country_get_name ("NZ"), ==, "New Zealand");
  g_assert_cmpstr (solace_country_get_name ("ZZ"), ==, "ZZ");
}

static void
test_damaged_and_missing (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("solace-lines-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "lines.ini", NULL);
  SolaceCrisisLines *lines;
  const char *damaged[] = {
    "",
    "this is not a key file\n\x01\x02",
    "[Line GB crisis\nName=Broken",
    /* Readable, but nothing that may be shown. */
    "[Line GB crisis]\nKind=crisis\nName=No source\nNumber=1\nHours=24/7\nStatus=verified\nVerifiedOn=2026-11-27\n"
    "[Line ZA crisis]\nKind=crisis\nName=Unverified\nNumber=2\nHours=24/7\nStatus=unverified\nSource=x\nVerifiedOn=2026-11-27\n"
    "[Line IT crisis]\nKind=crisis\nName=Partial without caveat\nNumber=3\nHours=24/7\nStatus=partial\nSource=x\nVerifiedOn=2026-11-27\n",
  };

  lines = solace_crisis_lines_load_file ("/nonexistent/crisis-lines.ini", &error);
  g_assert_null (lines);
  g_assert_error (error, SOLACE_ERROR, SOLACE_ERROR_NOT_FOUND);
  g_assert_true (g_str_has_prefix (error->message, "The list of crisis lines could not be read"));
  g_clear_error (&error);

  for (guint i = 0; i < G_N_ELEMENTS (damaged); i++)
    {
      g_assert_true (g_file_set_contents (path, damaged[i], -1, NULL));
      lines = solace_crisis_lines_load_file (path, &error);
      g_assert_null (lines);
      g_assert_error (error, SOLACE_ERROR, SOLACE_ERROR_CORRUPT);
      g_clear_error (&error);
    }

  /* One good line among bad ones: only it is kept. */
  {
    g_autofree char *mixed = g_strconcat (damaged[3],
                                          "[Line NZ crisis]\nKind=crisis\nName=Good\nNumber=4\nDial=4\nHours=24/7\n"
                                          "Status=verified\nSource=x\nVerifiedOn=2026-11-27\n", NULL);
    g_autoptr(SolaceCrisisLines) some = NULL;

    g_assert_true (g_file_set_contents (path, mixed, -1, NULL));
    some = solace_crisis_lines_load_file (path, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (solace_crisis_lines_get_n_lines (some), ==, 1);
    g_assert_cmpstr (solace_crisis_lines_get_line (some, 0)->name, ==, "Good");
  }

  g_unlink (path);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/crisis-lines/shipped-file", test_shipped_file);
  g_test_add_func ("/crisis-lines/country-lines", test_country_lines);
  g_test_add_func ("/crisis-lines/locale-to-country", test_locale_to_country);
  g_test_add_func ("/crisis-lines/damaged-and-missing", test_damaged_and_missing);

  return g_test_run ();
}
