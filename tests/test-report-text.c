/* test-report-text.c — the PDF report with the worst text a record holds
 *
 * Characters cairo refuses, directional overrides, control characters,
 * thousands of accents on one letter, a record as long as a record can
 * be with no space in it: every record, every word and every hash is in
 * the PDF, read back with pdftotext, and it is made in bounded time.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <string.h>

#include "solace-incidents.h"
#include "solace-limits.h"
#include "solace-report.h"
#include "solace-test-utils.h"

typedef struct
{
  char           *dir;
  char           *db_path;
  char           *pdf;
  SolaceDatabase *db;
  GTimeZone      *tz;
  GHashTable     *titles;
  gint64          now;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("solace-report-text-XXXXXX", &error);
  g_assert_no_error (error);
  f->db_path = g_build_filename (f->dir, "solace", "solace.db", NULL);
  f->pdf = g_build_filename (f->dir, "report.pdf", NULL);
  f->db = solace_database_open (f->db_path, SOLACE_DATABASE_FLAGS_NONE, &error);
  g_assert_no_error (error);
  f->tz = g_time_zone_new_identifier ("Europe/Berlin");
  f->titles = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  f->now = 1795791600;
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->db);
  g_clear_pointer (&f->tz, g_time_zone_unref);
  g_clear_pointer (&f->titles, g_hash_table_unref);
  solace_test_rm_rf (f->dir);
  g_free (f->dir);
  g_free (f->db_path);
  g_free (f->pdf);
}

static void
append (Fixture    *f,
        const char *what,
        const char *response,
        const char *boundary_uuid)
{
  g_autoptr(SolaceIncident) incident = solace_incident_new ();
  g_autoptr(GError) error = NULL;

  incident->happened_at = f->now - 3600;
  incident->channel = SOLACE_CHANNEL_TEXT;
  incident->what = g_strdup (what);
  incident->response = g_strdup (response);
  incident->boundary_uuid = g_strdup (boundary_uuid);
  g_assert_true (solace_incidents_append (f->db, incident, f->now, &error));
  g_assert_no_error (error);
  f->now += 60;
}

/* Writes every record to the PDF; returns them, and how long it took
 * in seconds through @seconds. */
static GPtrArray *
write_pdf (Fixture *f,
           double  *seconds)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) incidents = solace_incidents_list (f->db, 0, 0, &error);
  SolaceReport report = { 0 };
  gint64 start;
  gboolean ok;

  g_assert_no_error (error);
  report.incidents = incidents;
  report.boundary_titles = f->titles;
  report.made_at = f->now;
  report.tz = f->tz;
  g_assert_true (solace_incidents_verify (f->db, &report.check, &error));

  start = g_get_monotonic_time ();
  ok = solace_report_write_pdf (&report, f->pdf, &error);
  if (seconds != NULL)
    *seconds = (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
  g_assert_no_error (error);
  g_assert_true (ok);

  return g_steal_pointer (&incidents);
}

/* The text of @pdf as laid out on the page, or, if @raw, in the order
 * it was drawn (which is the order it was written in, where stacked
 * marks reach into the line above). */
static char *
pdf_text_full (const char *pdf,
               gboolean    raw)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  const char *argv[] = { "pdftotext", "-enc", "UTF-8", raw ? "-raw" : "-q", pdf, "-", NULL };
  int status;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                               NULL, NULL, &out, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  g_assert_true (g_utf8_validate (out, -1, NULL));

  return g_steal_pointer (&out);
}

static char *
pdf_text (const char *pdf)
{
  return pdf_text_full (pdf, FALSE);
}

/* The PDF's text with the page furniture (footers, page breaks), line
 * breaks and the invisible isolates around each field taken out, so a
 * text that runs over lines and pages reads as one again. */
static char *
flat_text (const char *text)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  GString *out = g_string_new (NULL);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *line = lines[i];

      while (*line == '\f')
        line++;
      if (g_str_has_prefix (line, "Page ") && strstr (line, " of ") != NULL)
        continue;
      for (const char *p = line; *p; p = g_utf8_next_char (p))
        {
          gunichar c = g_utf8_get_char (p);
          if (c != 0x2068 && c != 0x2069 && c != '\f')
            g_string_append_unichar (out, c);
        }
    }

  return g_string_free (out, FALSE);
}

/* @text with each "<U+XXXX>" the report shows turned back into the
 * character it stands for. */
static char *
unescape (const char *text)
{
  GString *out = g_string_new (NULL);
  const char *p = text;
  const char *escape;

  while ((escape = strstr (p, "<U+")) != NULL)
    {
      char *end = NULL;
      guint64 c = g_ascii_strtoull (escape + 3, &end, 16);

      g_string_append_len (out, p, escape - p);
      if (end != NULL && *end == '>' && end - escape >= 7 && g_unichar_validate (c))
        {
          g_string_append_unichar (out, c);
          p = end + 1;
        }
      else
        {
          g_string_append_c (out, '<');
          p = escape + 1;
        }
    }
  g_string_append (out, p);

  return g_string_free (out, FALSE);
}

static int
count (const char *haystack,
       const char *needle)
{
  int n = 0;

  for (const char *p = strstr (haystack, needle); p != NULL; p = strstr (p + 1, needle))
    n++;
  return n;
}

/* Characters cairo cannot put in a PDF (the noncharacters), control
 * characters, piles of accents and overrides in every record: the PDF
 * still holds every record and every hash, and the characters that are
 * not shown as themselves are shown as "<U+XXXX>". */
static void
test_unlayoutable (Fixture       *f,
                   gconstpointer  data)
{
  static const char *hostile[] = {
    "\uFFFE", "\uFFFF", "\uFDD0", "\U0010FFFF", "\uFDEF", "\U0001FFFE",
    "\x01", "\x1b[31m", "\x7f", "\xc2\x85", "\xc2\x9f", "\x08",
    "a\u0301\u0302\u0303\u0304\u0305\u0306\u0307\u0308",
    "\u202E", "\u2067", "\u200D", "\uFEFF", "\U000E0001", "\U0001F469\u200D\U0001F469\u200D\U0001F467",
  };
  g_autoptr(GPtrArray) incidents = NULL;
  g_autofree char *text = NULL;
  g_autofree char *flat = NULL;
  guint n = 12;

  g_hash_table_insert (f->titles, g_strdup ("boundary-1"), g_strdup ("No \uFFFEcalls\uFFFF"));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GString) what = g_string_new (NULL);
      g_autofree char *response = g_strdup_printf ("answer%02u\uFDD0 \x01 ignored", i);

      g_string_append_printf (what, "start%02u ", i);
      for (guint j = 0; j < 40; j++)
        g_string_append_printf (what, "%s w%02u ", hostile[(i + j) % G_N_ELEMENTS (hostile)], j);
      g_string_append_printf (what, "\n\uFFFF\n end%02u", i);
      append (f, what->str, response, i % 2 ? "boundary-1" : NULL);
    }

  incidents = write_pdf (f, NULL);
  text = pdf_text (f->pdf);
  flat = flat_text (text);

  g_assert_nonnull (strstr (text, "Incident Record"));
  g_assert_nonnull (strstr (text, "Intact"));
  for (guint i = 0; i < n; i++)
    {
      SolaceIncident *incident = g_ptr_array_index (incidents, i);
      g_autofree char *start = g_strdup_printf ("start%02u", i);
      g_autofree char *end = g_strdup_printf ("end%02u", i);
      g_autofree char *answer = g_strdup_printf ("answer%02u<U+FDD0> <U+0001> ignored", i);
      g_autofree char *heading = g_strdup_printf ("Record %u ", i + 1);

      g_assert_cmpint (count (text, start), ==, 1);
      g_assert_cmpint (count (text, end), ==, 1);
      g_assert_cmpint (count (flat, answer), ==, 1);
      g_assert_cmpint (count (text, heading), ==, 1);
      /* The hash, whole, once. */
      g_assert_cmpint (count (flat, incident->hash), ==, 1);
    }
  /* Shown, not dropped. */
  g_assert_cmpint (count (flat, "<U+FFFE>"), >=, n);
  g_assert_nonnull (strstr (flat, "<U+10FFFF> w"));
  g_assert_nonnull (strstr (flat, "<U+001B>[31m"));
  g_assert_nonnull (strstr (flat, "<U+202E> w"));
  g_assert_nonnull (strstr (text, "Boundary: No <U+FFFE>calls<U+FFFF>"));
  /* The last page is there: its footer counts every page. */
  g_assert_nonnull (strstr (text, "Page 1 of "));
}

/* Overrides in what was written cannot reverse it, nor what is beside it. */
static void
test_bidi (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GPtrArray) incidents = NULL;
  g_autofree char *text = NULL;
  g_autofree char *flat = NULL;

  g_hash_table_insert (f->titles, g_strdup ("boundary-1"), g_strdup ("\u202Eevil and \u202Bmore"));
  g_hash_table_insert (f->titles, g_strdup ("boundary-2"), g_strdup ("\u2069\u202C drawn"));
  append (f, "before \u202Eevil\u202C after, \u202Etwice", "\u202Dleft\u202E right", "boundary-1");
  append (f, "\u2067isolated", "plain", "boundary-2");
  incidents = write_pdf (f, NULL);
  text = pdf_text (f->pdf);
  flat = flat_text (text);

  /* Each label before its field, on its line, the field as written. */
  g_assert_nonnull (strstr (text, "Boundary: <U+202E>evil and <U+202B>more\n"));
  g_assert_nonnull (strstr (text, "Boundary: <U+2069><U+202C> drawn\n"));
  g_assert_nonnull (strstr (flat, "before <U+202E>evil<U+202C> after, <U+202E>twice"));
  g_assert_nonnull (strstr (flat, "<U+202D>left<U+202E> right"));
  g_assert_nonnull (strstr (flat, "<U+2067>isolated"));
  g_assert_null (strstr (text, "live"));
  g_assert_null (strstr (text, "eciwt"));
  /* The labels after an override are unharmed. */
  g_assert_nonnull (strstr (text, "How I responded:"));
  g_assert_cmpint (count (text, "Necessary contact: No"), ==, 2);
}

/* The sender, witnesses and reference as hostile as they come, and a
 * file whose name carries an override: every field is there, labelled,
 * shown as written, reordering nothing. */
static void
test_fields (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(SolaceIncident) incident = solace_incident_new ();
  g_autoptr(GPtrArray) incidents = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) witnesses = g_string_new ("first witness\nsecond ");
  g_autofree char *name = g_build_filename (f->dir, "\u202Efdp.exe", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (name);
  g_autofree char *text = NULL;
  g_autofree char *flat = NULL;
  SolaceAttachment *attachment;

  /* As long as the field may be. */
  while (g_utf8_strlen (witnesses->str, -1) < SOLACE_MAX_INCIDENT_FIELD_CHARS - 4)
    g_string_append (witnesses, "w");
  g_string_append (witnesses, " end");
  g_assert_cmpint (g_utf8_strlen (witnesses->str, -1), <=, SOLACE_MAX_INCIDENT_FIELD_CHARS);

  g_assert_true (g_file_set_contents (name, "MZ not really", -1, NULL));
  attachment = solace_attachment_read (file, NULL, &error);
  g_assert_no_error (error);
  incident->happened_at = f->now - 3600;
  incident->channel = SOLACE_CHANNEL_TEXT;
  incident->what = g_strdup ("what");
  incident->response = g_strdup ("response");
  incident->sender = g_strdup ("\u202E+44 7700\uFFFE 900123");
  incident->witnesses = g_strdup (witnesses->str);
  incident->reference = g_strdup ("ref\x01 \u2067 77");
  solace_incident_add_attachment (incident, attachment);
  g_assert_true (solace_incidents_append (f->db, incident, f->now, &error));
  g_assert_no_error (error);

  incidents = write_pdf (f, NULL);
  text = pdf_text (f->pdf);
  flat = flat_text (text);

  g_assert_nonnull (strstr (text, "Sender as it appeared: <U+202E>+44 7700<U+FFFE> 900123\n"));
  g_assert_nonnull (strstr (text, "Witnesses: first witness"));
  g_assert_nonnull (strstr (flat, "secondwwww"));
  g_assert_nonnull (strstr (flat, "www end"));
  g_assert_nonnull (strstr (text, "Medical or police reference: ref<U+0001> <U+2067> 77\n"));
  /* The file: listed, its name not reversed. */
  g_assert_nonnull (strstr (flat, "fdp.exe"));
  g_assert_null (strstr (flat, "exe.pdf"));
  g_assert_nonnull (strstr (flat, attachment->sha256));
  /* The labels after them are unharmed. */
  g_assert_cmpint (count (text, "Attachments:"), ==, 1);
}

static char *
no_spaces (guint chars)
{
  GString *out = g_string_new (NULL);

  /* Numbered, so that a piece missing or out of place shows. */
  for (guint i = 0; out->len + 6 <= chars; i++)
    g_string_append_printf (out, "x%05u", i);
  while (out->len < chars)
    g_string_append_c (out, 'y');

  return g_string_free (out, FALSE);
}

static char *
accents (guint chars,
         guint per_letter)
{
  GString *out = g_string_new (NULL);
  guint n = 0;

  for (guint i = 0; n < chars; i++)
    {
      g_string_append_c (out, 'a' + i % 26);
      n++;
      for (guint j = 0; j < per_letter && n < chars; j++, n++)
        g_string_append (out, "\u0301");
    }

  return g_string_free (out, FALSE);
}

static GPtrArray *
one_record (Fixture    *f,
            const char *what,
            const char *response)
{
  GPtrArray *incidents = g_ptr_array_new_with_free_func ((GDestroyNotify) solace_incident_free);
  SolaceIncident *incident = solace_incident_new ();

  incident->id = 1;
  incident->uuid = g_strdup ("uuid-1");
  incident->happened_at = f->now - 3600;
  incident->recorded_at = f->now;
  incident->channel = SOLACE_CHANNEL_TEXT;
  incident->what = g_strdup (what);
  incident->response = g_strdup (response);
  incident->prev_hash = g_strdup ("");
  incident->hash = solace_incident_compute_hash (incident, "");
  g_ptr_array_add (incidents, incident);

  return incidents;
}

/* A record as long as a record can be, as hard to lay out as text gets:
 * made in bounded time, and every character of it in the PDF.  Made in
 * memory, as the report gets them: the store's own limit is tested with
 * the store. */
static void
test_long (Fixture       *f,
           gconstpointer  data)
{
  g_autofree char *run = no_spaces (SOLACE_MAX_INCIDENT_CHARS);
  struct {
    const char *name;
    char       *text;
  } kinds[] = {
    { "no spaces", g_strdup (run) },
    { "3000 accents on each letter", accents (SOLACE_MAX_INCIDENT_CHARS, 3000) },
    { "one letter under every accent", accents (SOLACE_MAX_INCIDENT_CHARS, SOLACE_MAX_INCIDENT_CHARS) },
  };

  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    {
      g_autoptr(GPtrArray) incidents = one_record (f, kinds[k].text, run);
      SolaceIncident *incident = g_ptr_array_index (incidents, 0);
      g_autoptr(GError) error = NULL;
      g_autofree char *text = NULL;
      g_autofree char *flat = NULL;
      SolaceReport report = { 0 };
      gint64 start;
      double seconds;

      g_assert_cmpuint (g_utf8_strlen (kinds[k].text, -1), ==, SOLACE_MAX_INCIDENT_CHARS);
      report.incidents = incidents;
      report.made_at = f->now;
      report.tz = f->tz;
      report.check.intact = TRUE;
      report.check.n_checked = 1;

      start = g_get_monotonic_time ();
      g_assert_true (solace_report_write_pdf (&report, f->pdf, &error));
      g_assert_no_error (error);
      seconds = (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
      g_test_message ("%s, %u characters, and %u with no spaces: %.2f s",
                      kinds[k].name, SOLACE_MAX_INCIDENT_CHARS, SOLACE_MAX_INCIDENT_CHARS, seconds);
      /* About a second here; generous for a slow or sanitised build. */
      g_assert_cmpfloat (seconds, <, 20);

      /* All of it, in order, once; and the hash. */
      /* Marks past the stack a letter shows are shown as "<U+0301>".
       * None of these texts holds a space: the ones pdftotext guesses
       * at between a stack and what follows go. */
      text = pdf_text_full (f->pdf, TRUE);
      flat = flat_text (text);
      g_free (text);
      text = unescape (flat);
      g_free (flat);
      {
        g_auto(GStrv) words = g_strsplit (text, " ", -1);
        flat = g_strjoinv (NULL, words);
      }
      g_assert_cmpint (count (flat, kinds[k].text), ==, k == 0 ? 2 : 1);
      g_assert_cmpint (count (flat, run), ==, k == 0 ? 2 : 1);
      g_assert_cmpint (count (flat, incident->hash), ==, 1);
      g_free (kinds[k].text);
    }
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) g_test_add (name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/report-text/unlayoutable", test_unlayoutable);
  ADD ("/report-text/bidi", test_bidi);
  ADD ("/report-text/fields", test_fields);
  ADD ("/report-text/long", test_long);
#undef ADD

  return g_test_run ();
}
