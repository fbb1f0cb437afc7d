/* test-progress-report.c — the progress report PDF, read back with pdftotext
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One database with known data in March 2026 and a little outside it;
 * reports with different parts ticked; every fact of a ticked part in
 * the text, nothing of an unticked one (canaries in what the person
 * wrote show where it went).
 */
#include "config.h"

#include <locale.h>
#include <glib/gstdio.h>
#include <sys/stat.h>

#include "solace-check-in.h"
#include "solace-incidents.h"
#include "solace-journal-store.h"
#include "solace-locale.h"
#include "solace-progress-report.h"
#include "solace-progress.h"
#include "solace-test-utils.h"

#define CANARY_NOTE       "CANARY-NOTE-7f3a"
#define CANARY_REFLECTION "CANARY-REFLECTION-1b2c"
#define CANARY_LETTER     "CANARY-LETTER-9d8e"
#define CANARY_INCIDENT   "CANARY-INCIDENT-5a5a"
#define CANARY_OUTSIDE    "CANARY-OUTSIDE-0000"
#define LAST_WORDS        "THE-VERY-LAST-WORDS"

typedef struct
{
  char           *dir;
  SolaceDatabase *db;
  char           *pdf;
} Fixture;

static char *
run (const char * const *argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  int status;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                               NULL, NULL, &out, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));

  return g_steal_pointer (&out);
}

/* The text of @pdf with every run of white space made one space, so
 * that a sentence wrapped over two lines still reads as one. */
static char *
pdf_text (const char *pdf)
{
  const char *argv[] = { "pdftotext", "-enc", "UTF-8", pdf, "-", NULL };
  g_autofree char *text = run (argv);
  g_autoptr(GRegex) space = g_regex_new ("\\s+", 0, 0, NULL);

  return g_regex_replace_literal (space, text, -1, 0, " ", 0, NULL);
}

static GDate
day (int d,
     int m)
{
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, d, m, 2026);
  return date;
}

static gint64
noon (const GDate *date)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_local ();
  g_autoptr(GDateTime) t = g_date_time_new (tz, g_date_get_year (date), g_date_get_month (date),
                                            g_date_get_day (date), 12, 0, 0);
  return g_date_time_to_unix (t);
}

static void
urge (Fixture    *f,
      int         d,
      int         m,
      int         intensity,
      const char *cause,
      gboolean    reached_out)
{
  g_autoptr(GError) error = NULL;
  GDate date = day (d, m);

  g_assert_true (solace_progress_log_urge (f->db, noon (&date), &date, intensity, cause, reached_out, &error));
  g_assert_no_error (error);
}

static void
check_in (Fixture            *f,
          int                 d,
          int                 mood,
          const char * const *emotions,
          guint               self_care,
          const char         *note)
{
  g_autoptr(GError) error = NULL;
  GDate date = day (d, 3);
  g_autoptr(SolaceCheckIn) c = solace_check_in_new (&date);

  c->mood = mood;
  c->emotions = g_strdupv ((char **) emotions);
  c->self_care = self_care;
  c->note = g_strdup (note);
  g_assert_true (solace_check_in_save (f->db, c, &date, &error));
  g_assert_no_error (error);
}

static void
journal (SolaceJournalStore *store,
         SolaceEntryKind     kind,
         int                 d,
         int                 m,
         const char         *body)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SolaceJournalEntry) entry = solace_journal_entry_new (kind);
  GDate date = day (d, m);
  g_autoptr(GDateTime) at = g_date_time_new_from_unix_local (noon (&date));

  solace_journal_entry_set_body (entry, body);
  solace_journal_entry_set_created (entry, at);
  solace_journal_entry_set_updated (entry, at);
  g_assert_cmpint (solace_journal_store_save (store, entry, &error), >, 0);
  g_assert_no_error (error);
}

#define CANARY_SENDER "SENDER-CANARY-5c2e"

/* "N records, last hash 1a2b3c4d…": the first 16 digits, which pdftotext
 * keeps on one line whatever the width. */
static char *
head_text (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  SolaceChainHead head;

  g_assert_true (solace_incidents_get_head (f->db, &head, &error));
  g_assert_no_error (error);
  return g_strdup_printf ("%u records, last hash %.16s", head.count, head.last_hash);
}

static void
incident (Fixture    *f,
          int         d,
          int         m,
          const char *what)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SolaceIncident) i = solace_incident_new ();
  GDate date = day (d, m);

  i->happened_at = noon (&date);
  i->channel = SOLACE_CHANNEL_TEXT;
  i->what = g_strdup (what);
  i->response = g_strdup ("I did not reply.");
  if (strstr (what, CANARY_INCIDENT) != NULL)
    {
      i->sender = g_strdup (CANARY_SENDER);
      i->witnesses = g_strdup ("My sister");
    }
  g_assert_true (solace_incidents_append (f->db, i, noon (&date) + 60, &error));
  g_assert_no_error (error);
}

static GString *
long_entry (void)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; text->len < 200000; i++)
    g_string_append_printf (text, "w%u ", i);
  g_string_append (text, LAST_WORDS);
  return text;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SolaceJournalStore) store = NULL;
  g_autofree char *db_path = NULL;
  g_autoptr(GString) long_text = long_entry ();
  static const char * const sad[] = { "sadness", "loneliness", NULL };
  static const char * const mixed[] = { "sadness", "hope", NULL };
  GDate start = day (20, 2);

  f->dir = g_dir_make_tmp ("solace-progress-report-XXXXXX", &error);
  g_assert_no_error (error);
  db_path = g_build_filename (f->dir, "solace", "solace.db", NULL);
  f->pdf = g_build_filename (f->dir, "report.pdf", NULL);
  f->db = solace_database_open (db_path, SOLACE_DATABASE_FLAGS_NONE, &error);
  g_assert_no_error (error);

  /* Stretches: 20 Feb – 4 Mar, 5 – 11 Mar, 12 Mar and still going. */
  g_assert_true (solace_progress_set_start (f->db, &start, &start, &error));
  g_assert_no_error (error);
  urge (f, 25, 2, 9, CANARY_OUTSIDE, FALSE);
  urge (f, 3, 3, 6, "photos", FALSE);
  urge (f, 5, 3, 8, "photos", TRUE);
  urge (f, 10, 3, 4, "evening alone", FALSE);
  urge (f, 12, 3, 10, "birthday", TRUE);
  urge (f, 20, 3, 2, "Photos", FALSE);

  check_in (f, 2, 2, sad, SOLACE_SELF_CARE_SLEEP | SOLACE_SELF_CARE_FOOD, "A quiet day. " CANARY_NOTE);
  check_in (f, 9, 4, mixed, SOLACE_SELF_CARE_SLEEP, NULL);
  check_in (f, 16, 3, sad, 0, "Hostile \u202Eoverride\u202C and \xef\xbf\xbe nonchar");

  store = solace_journal_store_new (f->db, &error);
  g_assert_no_error (error);
  journal (store, SOLACE_ENTRY_KIND_REFLECTION, 6, 3, "Thinking it over. " CANARY_REFLECTION);
  journal (store, SOLACE_ENTRY_KIND_LETTER, 7, 3, "Dear you. " CANARY_LETTER);
  journal (store, SOLACE_ENTRY_KIND_REFLECTION, 8, 3, long_text->str);
  journal (store, SOLACE_ENTRY_KIND_REFLECTION, 1, 2, CANARY_OUTSIDE);
  solace_journal_store_flush (store);

  incident (f, 4, 3, "A message. " CANARY_INCIDENT);
  incident (f, 18, 3, "Another message.");
  incident (f, 1, 2, CANARY_OUTSIDE);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  user_data)
{
  g_clear_object (&f->db);
  solace_test_rm_rf (f->dir);
  g_free (f->dir);
  g_free (f->pdf);
}

static SolaceProgressReportOptions
march (guint parts,
       guint kinds)
{
  SolaceProgressReportOptions options = { 0 };

  options.from = day (2, 3);
  options.until = day (29, 3);
  options.parts = parts;
  options.entry_kinds = kinds;
  options.made_at = noon (&options.until);
  return options;
}

static char *
make (Fixture                           *f,
      const SolaceProgressReportOptions *options)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SolaceProgressReportData) data = solace_progress_report_gather (f->db, options, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (data);
  g_assert_true (solace_progress_report_write_pdf (data, f->pdf, NULL, NULL, NULL, &error));
  g_assert_no_error (error);

  return pdf_text (f->pdf);
}

static void
assert_has (const char *text,
            const char *needle)
{
  if (strstr (text, needle) == NULL)
    g_error ("“%s” is not in the report", needle);
}

static void
assert_lacks (const char *text,
              const char *needle)
{
  if (strstr (text, needle) != NULL)
    g_error ("“%s” is in the report", needle);
}

static void
assert_no_canaries (const char *text)
{
  assert_lacks (text, CANARY_OUTSIDE);
}

static void
test_default_parts (Fixture       *f,
                    gconstpointer  user_data)
{
  SolaceProgressReportOptions options = march (SOLACE_REPORT_DEFAULT_PARTS, 0);
  g_autofree char *text = make (f, &options);
  const char *left;

  /* The first page. */
  assert_has (text, "Progress Report");
  assert_has (text, "2 March 2026 – 29 March 2026");
  assert_has (text, "Solace is not a clinical tool.");
  assert_has (text, "Page 1 of ");
  /* To look at (data/screenshots/report-page-*.png): a copy, when asked for. */
  if (g_getenv ("SOLACE_TEST_KEEP_PDF") != NULL)
    {
      g_autoptr(GFile) from = g_file_new_for_path (f->pdf);
      g_autoptr(GFile) to = g_file_new_for_path (g_getenv ("SOLACE_TEST_KEEP_PDF"));
      g_assert_true (g_file_copy (from, to, G_FILE_COPY_OVERWRITE, NULL, NULL, NULL, NULL));
    }
  left = strstr (text, "Left out");
  g_assert_nonnull (left);
  assert_has (left, "Check-in notes");
  assert_has (left, "Journal entries");
  assert_has (left, "Incident records in full");

  /* Stretches, inside the period only. */
  assert_has (text, "Longest stretch: 18 days (12 March 2026 – 29 March 2026, still going).");
  assert_has (text, "No contact on 28 days in all. 3 stretches without contact.");
  assert_has (text, "2 March 2026 – 4 March 2026: 3 days");
  assert_has (text, "5 March 2026 – 11 March 2026: 7 days");

  /* Urges. */
  assert_has (text, "5 urges in all");
  assert_has (text, "average strength 6.0 out of 10");
  assert_has (text, "Per week, oldest first: 2, 2, 1, 0.");
  assert_has (text, "hotos (3), birthday (1), evening alone (1).");

  /* Mood and feelings. */
  assert_has (text, "Mood on 3 days with a check-in: average 3.0 out of 5, lowest 2, highest 4.");
  assert_has (text, "Feelings named most often: Sadness (3)");
  /* Self-care. */
  assert_has (text, "Self-care on 2 days of 3 with a check-in.");
  assert_has (text, "Most often: Sleep (2), Food (1).");
  /* Incidents, counted, and the end of the whole record's chain (its
   * three records, one outside the period), as on every report. */
  assert_has (text, "2 incidents recorded in this period. Per week, oldest first: 1, 0, 1, 0.");
  {
    g_autofree char *head = head_text (f);

    assert_has (text, "End of the chain:");
    assert_has (text, head);
    g_assert_nonnull (strstr (head, "3 records"));
  }
  assert_lacks (text, CANARY_SENDER);

  /* Nothing the person wrote in words. */
  assert_lacks (text, CANARY_NOTE);
  assert_lacks (text, CANARY_REFLECTION);
  assert_lacks (text, CANARY_LETTER);
  assert_lacks (text, CANARY_INCIDENT);
  assert_lacks (text, "A quiet day");
  assert_no_canaries (text);
}

static void
test_words (Fixture       *f,
            gconstpointer  user_data)
{
  SolaceProgressReportOptions options = march (SOLACE_REPORT_NOTES | SOLACE_REPORT_JOURNAL,
                                               1u << SOLACE_ENTRY_KIND_REFLECTION);
  g_autofree char *text = make (f, &options);
  g_autoptr(GString) long_text = long_entry ();
  g_auto(GStrv) words = g_strsplit (long_text->str, " ", -1);
  const char *left = strstr (text, "Left out");

  assert_has (text, CANARY_NOTE);
  assert_has (text, CANARY_REFLECTION);
  assert_lacks (text, CANARY_LETTER);
  assert_has (left, "Journal entries of other kinds: Gratitude, Unsent Letter");
  assert_no_canaries (text);

  /* The other parts are left out, and listed as such. */
  assert_lacks (text, "Longest stretch");
  assert_lacks (text, "urges in all");
  assert_lacks (text, "Mood on");
  assert_lacks (text, "Self-care on");
  assert_lacks (text, "incidents recorded");
  assert_has (left, "No-contact stretches");
  assert_has (left, "Incidents per week");

  /* The long entry runs over many pages, and every word is there, in order. */
  g_assert_false (strstr (text, "Page 1 of 1 ") != NULL);
  {
    const char *at = text;

    for (guint i = 0; words[i] != NULL; i++)
      {
        g_autofree char *word = g_strconcat (" ", words[i], NULL);

        at = strstr (at, word);
        if (at == NULL)
          g_error ("“%s” is missing", words[i]);
      }
  }
  assert_has (text, LAST_WORDS);

  /* Hostile text is shown, not obeyed. */
  assert_has (text, "Hostile <U+202E>override<U+202C> and <U+FFFE> nonchar");
  assert_has (text, "<U+FFFE>");
}

static void
test_incident_records (Fixture       *f,
                       gconstpointer  user_data)
{
  SolaceProgressReportOptions options = march (SOLACE_REPORT_INCIDENTS | SOLACE_REPORT_INCIDENT_RECORDS, 0);
  g_autofree char *text = make (f, &options);

  assert_has (text, "2 incidents recorded in this period.");
  assert_has (text, CANARY_INCIDENT);
  assert_has (text, "Another message.");
  /* The full record has what a lawyer asks for too. */
  assert_has (text, "Sender as it appeared:");
  assert_has (text, CANARY_SENDER);
  assert_has (text, "My sister");
  assert_no_canaries (text);
  assert_lacks (text, CANARY_NOTE);

  /* Without the count, no records either. */
  options = march (SOLACE_REPORT_INCIDENT_RECORDS | SOLACE_REPORT_MOOD, 0);
  g_free (text);
  text = make (f, &options);
  assert_lacks (text, CANARY_INCIDENT);
  assert_lacks (text, "incidents recorded");
}

/* Years of entries would make a report of gigabytes: it holds the newest
 * up to SOLACE_MAX_REPORT_JOURNAL_CHARS, and says the older ones were
 * left out, on the first page and in the part. */
static void
test_journal_cut (Fixture       *f,
                  gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SolaceJournalStore) store = solace_journal_store_new (f->db, &error);
  g_autoptr(GString) older = g_string_new ("OLDER-GRATITUDE-7c1 ");
  g_autoptr(GString) newer = g_string_new ("NEWER-GRATITUDE-2d9 ");
  SolaceProgressReportOptions options = march (SOLACE_REPORT_JOURNAL, 1u << SOLACE_ENTRY_KIND_GRATITUDE);
  g_autofree char *text = NULL;
  const char *left;

  g_assert_no_error (error);
  /* Each more than half the limit: both together are over it. */
  while (older->len <= SOLACE_MAX_REPORT_JOURNAL_CHARS / 2)
    g_string_append (older, "thankful ");
  while (newer->len <= SOLACE_MAX_REPORT_JOURNAL_CHARS / 2)
    g_string_append (newer, "grateful ");
  g_string_append (newer, "NEWER-END-4e0");
  journal (store, SOLACE_ENTRY_KIND_GRATITUDE, 20, 3, older->str);
  journal (store, SOLACE_ENTRY_KIND_GRATITUDE, 21, 3, newer->str);
  solace_journal_store_flush (store);

  text = make (f, &options);
  assert_has (text, "NEWER-GRATITUDE-2d9");
  assert_has (text, "NEWER-END-4e0");
  assert_lacks (text, "OLDER-GRATITUDE-7c1");
  assert_has (text, "Only the newest entries are here");
  left = strstr (text, "Left out");
  g_assert_nonnull (left);
  assert_has (left, "Older journal entries of this period");

  /* Within the limit, nothing is said and everything is there. */
  options = march (SOLACE_REPORT_JOURNAL, 1u << SOLACE_ENTRY_KIND_REFLECTION);
  g_free (text);
  text = make (f, &options);
  assert_has (text, CANARY_REFLECTION);
  assert_lacks (text, "Only the newest entries are here");
  assert_lacks (text, "Older journal entries");
}

static void
test_empty_period (Fixture       *f,
                   gconstpointer  user_data)
{
  SolaceProgressReportOptions options = march (0xff, 0xff);
  g_autofree char *text = NULL;

  /* Before the first stretch began. */
  options.from = day (1, 1);
  options.until = day (31, 1);
  text = make (f, &options);

  assert_has (text, "No no-contact stretch falls in this period.");
  assert_has (text, "No urges were recorded in this period.");
  assert_has (text, "No check-ins were recorded in this period.");
  assert_has (text, "No self-care was recorded in this period.");
  assert_has (text, "No check-in notes were written in this period.");
  assert_has (text, "No journal entries of the chosen kinds were written in this period.");
  assert_has (text, "No incidents were recorded in this period.");
  assert_has (text, "Nothing: every part was chosen.");
}

/* "Everything": from the first day with anything on it. */
static void
test_everything (Fixture       *f,
                 gconstpointer  user_data)
{
  SolaceProgressReportOptions options = march (SOLACE_REPORT_DEFAULT_PARTS, 0);
  g_autofree char *text = NULL;

  g_date_clear (&options.from, 1);
  text = make (f, &options);
  assert_has (text, "1 February 2026 – 29 March 2026");
  assert_has (text, "Longest stretch: 18 days (12 March 2026 – 29 March 2026, still going).");
  assert_has (text, "20 February 2026 – 4 March 2026: 13 days");
  assert_has (text, "6 urges in all");
  assert_has (text, "3 incidents recorded in this period.");
  assert_has (text, CANARY_OUTSIDE);
}

static void
test_file (Fixture       *f,
           gconstpointer  user_data)
{
  SolaceProgressReportOptions options = march (SOLACE_REPORT_DEFAULT_PARTS | SOLACE_REPORT_NOTES, 0);
  const char *argv[] = { "pdffonts", f->pdf, NULL };
  g_autofree char *text = NULL;
  g_autofree char *fonts = NULL;
  g_auto(GStrv) lines = NULL;
  struct stat st;
  mode_t old = umask (0);
  guint n_fonts = 0;

  text = make (f, &options);
  umask (old);
  g_assert_cmpint (g_stat (f->pdf, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  /* Every font embedded: the "emb" column says yes. */
  fonts = run (argv);
  lines = g_strsplit (fonts, "\n", -1);
  for (guint i = 2; lines[i] != NULL; i++)
    {
      if (*lines[i] == '\0')
        continue;
      g_assert_nonnull (strstr (lines[i], " yes "));
      n_fonts++;
    }
  g_assert_cmpuint (n_fonts, >, 0);
}

static void
progress_cb (double   fraction,
             gpointer user_data)
{
  double *last = user_data;

  g_assert_cmpfloat (fraction, >=, *last);
  *last = fraction;
}

static void
test_progress_and_cancel (Fixture       *f,
                          gconstpointer  user_data)
{
  SolaceProgressReportOptions options = march (SOLACE_REPORT_DEFAULT_PARTS, 0);
  g_autoptr(GError) error = NULL;
  g_autoptr(SolaceProgressReportData) data = solace_progress_report_gather (f->db, &options, NULL, &error);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  double last = 0;

  g_assert_true (solace_progress_report_write_pdf (data, f->pdf, progress_cb, &last, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpfloat (last, ==, 1.0);

  g_assert_cmpint (g_unlink (f->pdf), ==, 0);
  g_cancellable_cancel (cancellable);
  g_assert_false (solace_progress_report_write_pdf (data, f->pdf, NULL, NULL, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_false (g_file_test (f->pdf, G_FILE_TEST_EXISTS));
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_setenv ("TZ", "Europe/Berlin", TRUE);
  g_test_init (&argc, &argv, NULL);
  solace_locale_set_first_weekday (G_DATE_MONDAY);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/progress-report/default-parts", test_default_parts);
  ADD ("/progress-report/words", test_words);
  ADD ("/progress-report/incident-records", test_incident_records);
  ADD ("/progress-report/empty-period", test_empty_period);
  ADD ("/progress-report/journal-cut", test_journal_cut);
  ADD ("/progress-report/everything", test_everything);
  ADD ("/progress-report/file", test_file);
  ADD ("/progress-report/progress-and-cancel", test_progress_and_cancel);

  return g_test_run ();
}
