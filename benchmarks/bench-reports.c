/* bench-reports.c — the progress report and the evidence export with years of data
 *
 * solace-bench-reports [--runs R] [--incidents N] [--with-files F]
 *                      [--file-mib M] [--no-journal-report] [--keep] [--verbose]
 *                      JOURNAL
 *
 * JOURNAL is a plain Solace database (benchmarks/reports.sh makes one with
 * solace-generate).  In a temporary folder it copies it, appends N
 * incident records (default 1,000), F of them (default 10) with one file
 * of M MiB (default 20) of random bytes each, made in memory, and then,
 * printing one "name value" line per number:
 *
 *   append      the N solace_incidents_append () calls, one after another;
 *   report      solace_progress_report_gather () and
 *               solace_progress_report_write_pdf () for "Everything"
 *               (from the first day with anything to today), R times:
 *               "parts" with every part ticked but journal entries, and
 *               "journal" with every part and every kind of entry (last,
 *               as it is by far the longest; --no-journal-report skips
 *               it); the wall time of each step (median), the PDF's size
 *               and pages (pdfinfo) and the peak resident memory;
 *   verify      solace_incidents_verify () of the whole record, R times;
 *   evidence    solace_evidence_export () of the whole record to a ZIP,
 *               R times: wall time (median), the ZIP's size, peak memory.
 *
 * Peak memory is VmHWM, set back to the resident size before each step
 * (writing 5 to /proc/self/clear_refs), so each figure is that step's
 * own; the resident size just before is printed beside it.  Everything
 * runs on this thread, as each does in its worker thread in the app.
 * Only numbers are printed, never entry text.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <malloc.h>
#include <stdio.h>
#include <string.h>

#include <glib/gstdio.h>

#include "bench-files.h"
#include "bench-memory.h"
#include "solace-database.h"
#include "solace-evidence.h"
#include "solace-incidents.h"
#include "solace-journal-entry.h"
#include "solace-progress-report.h"

static gboolean verbose;

typedef struct
{
  GArray *gather_s;
  GArray *write_s;
  GArray *total_s;
  gsize   rss_before_kib;
  gsize   peak_kib;
  goffset bytes;
  int     pages;
} Measure;

static void
append_seconds (GArray *array,
                gint64  from_us,
                gint64  to_us)
{
  double s = (to_us - from_us) / 1e6;

  g_array_append_val (array, s);
}

/* Gives memory freed by the step before back to the system, then sets
 * VmHWM back to VmRSS (Linux 4.0 and later), so that the peak read after
 * a step is the step's own.  Returns the resident size now. */
static gsize
reset_peak (void)
{
  FILE *f;

  malloc_trim (0);
  f = fopen ("/proc/self/clear_refs", "w");

  if (f != NULL)
    {
      fputs ("5", f);
      fclose (f);
    }
  return bench_read_status_kib ("VmRSS");
}

/* The number of pages pdfinfo counts, or -1. */
static int
count_pages (const char *pdf)
{
  const char *argv[] = { "pdfinfo", pdf, NULL };
  g_autofree char *out = NULL;
  const char *line;
  int status = 0;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                     NULL, NULL, &out, NULL, &status, NULL) ||
      !g_spawn_check_wait_status (status, NULL))
    return -1;

  line = strstr (out, "\nPages:");
  if (line == NULL)
    return -1;
  return (int) g_ascii_strtoll (line + strlen ("\nPages:"), NULL, 10);
}

/* Made-up records: what, response, sender and a reference of the
 * lengths a person writes, none of it from anyone. */
static void
append_incidents (SolaceDatabase *db,
                  guint           n,
                  guint           with_files,
                  gsize           file_bytes,
                  gint64          now)
{
  static const char * const what[] = {
    "Three messages in a row late at night, asking to talk and saying it was urgent. "
      "The last one said they would come round if I did not answer.",
    "A call from a number I did not know; I did not pick up. A voicemail followed, two minutes long.",
    "Saw them outside the shop on my way home. They crossed the road towards me and said my name.",
    "A friend passed on a message from them about the things still at their place.",
    "An email with the subject line \"please\", forwarded from an old address.",
  };
  g_autoptr(GRand) rand = g_rand_new_with_seed (11);
  g_autoptr(GError) error = NULL;
  guint every = with_files > 0 ? MAX (1u, n / with_files) : 0;
  guint files = 0;
  gint64 span = 3 * 365 * G_GINT64_CONSTANT (86400);
  gint64 t0, append_us = 0, bytes_total = 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SolaceIncident) incident = solace_incident_new ();

      /* Oldest first over the three years the journal spans. */
      incident->happened_at = now - span + (span * (gint64) i) / n + g_rand_int_range (rand, 0, 3600);
      incident->channel = g_rand_int_range (rand, 0, SOLACE_N_CHANNELS);
      incident->what = g_strdup (what[i % G_N_ELEMENTS (what)]);
      incident->response = g_strdup (i % 3 == 0 ? "Did not reply. Wrote it down here." : "");
      incident->sender = g_strdup_printf ("+44 7700 9%05u", g_rand_int_range (rand, 0, 100000));
      incident->reference = g_strdup (i % 10 == 0 ? "Police ref. 4471/2024" : NULL);

      if (every > 0 && files < with_files && i % every == every - 1)
        {
          g_autoptr(SolaceAttachment) attachment = solace_attachment_new ();
          guint32 *words = g_malloc (file_bytes + sizeof (guint32));
          g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);

          for (gsize w = 0; w < file_bytes / sizeof (guint32) + 1; w++)
            words[w] = g_rand_int (rand);
          attachment->data = g_bytes_new_take (words, file_bytes);
          g_checksum_update (checksum, (const guchar *) words, file_bytes);
          attachment->sha256 = g_strdup (g_checksum_get_string (checksum));
          attachment->size = file_bytes;
          attachment->name = g_strdup_printf ("recording-%u.bin", files + 1);
          attachment->media_type = g_strdup ("application/octet-stream");
          solace_incident_add_attachment (incident, g_steal_pointer (&attachment));
          files++;
          bytes_total += file_bytes;
        }

      /* Only the appending: not making the files. */
      t0 = g_get_monotonic_time ();
      if (!solace_incidents_append (db, incident, now, &error))
        g_error ("Could not append record %u: %s", i + 1, error->message);
      append_us += g_get_monotonic_time () - t0;
    }

  g_print ("incidents %u\n", n);
  g_print ("incidents-with-files %u\n", files);
  g_print ("incident-file-bytes-total %" G_GINT64_FORMAT "\n", bytes_total);
  g_print ("incidents-append-s %.2f\n", append_us / 1e6);
}

static void
run_report (SolaceDatabase *db,
            const char     *work,
            const char     *name,
            guint           parts,
            guint           kinds,
            Measure        *m)
{
  g_autoptr(SolaceProgressReportData) data = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *file = g_strdup_printf ("report-%s.pdf", name);
  g_autofree char *pdf = g_build_filename (work, file, NULL);
  SolaceProgressReportOptions options;
  gsize rss, peak;
  gint64 t0, t1, t2;

  memset (&options, 0, sizeof options);
  /* "Everything": from cleared, until today. */
  g_date_clear (&options.from, 1);
  g_date_clear (&options.until, 1);
  g_date_set_dmy (&options.until, g_date_time_get_day_of_month (now),
                  g_date_time_get_month (now), g_date_time_get_year (now));
  options.parts = parts;
  options.entry_kinds = kinds;

  g_unlink (pdf);
  rss = reset_peak ();
  t0 = g_get_monotonic_time ();
  data = solace_progress_report_gather (db, &options, NULL, &error);
  if (data == NULL)
    g_error ("Could not gather the %s report: %s", name, error->message);
  t1 = g_get_monotonic_time ();
  if (!solace_progress_report_write_pdf (data, pdf, NULL, NULL, NULL, &error))
    g_error ("Could not write the %s report: %s", name, error->message);
  g_clear_pointer (&data, solace_progress_report_data_free);
  t2 = g_get_monotonic_time ();

  append_seconds (m->gather_s, t0, t1);
  append_seconds (m->write_s, t1, t2);
  append_seconds (m->total_s, t0, t2);
  peak = bench_read_status_kib ("VmHWM");
  m->peak_kib = MAX (m->peak_kib, peak);
  m->rss_before_kib = MAX (m->rss_before_kib, rss);
  m->bytes = bench_file_size (pdf);
  m->pages = count_pages (pdf);
  g_unlink (pdf);
  if (verbose)
    g_print ("report-%s-run %u total-s %.2f rss-before-kib %" G_GSIZE_FORMAT " peak-rss-kib %" G_GSIZE_FORMAT "\n",
             name, m->total_s->len, (t2 - t0) / 1e6, rss, peak);
}

static void
print_report (const char *name,
              Measure    *m)
{
  g_print ("report-%s-gather-median-s %.2f\n", name, bench_median (m->gather_s));
  g_print ("report-%s-write-pdf-median-s %.2f\n", name, bench_median (m->write_s));
  g_print ("report-%s-total-median-s %.2f\n", name, bench_median (m->total_s));
  g_print ("report-%s-pdf-bytes %" G_GOFFSET_FORMAT "\n", name, m->bytes);
  g_print ("report-%s-pages %d\n", name, m->pages);
  g_print ("report-%s-rss-before-kib %" G_GSIZE_FORMAT "\n", name, m->rss_before_kib);
  g_print ("report-%s-peak-rss-kib %" G_GSIZE_FORMAT "\n", name, m->peak_kib);
}

static Measure *
measure_new (void)
{
  Measure *m = g_new0 (Measure, 1);

  m->gather_s = g_array_new (FALSE, FALSE, sizeof (double));
  m->write_s = g_array_new (FALSE, FALSE, sizeof (double));
  m->total_s = g_array_new (FALSE, FALSE, sizeof (double));
  return m;
}

static void
measure_free (Measure *m)
{
  g_array_unref (m->gather_s);
  g_array_unref (m->write_s);
  g_array_unref (m->total_s);
  g_free (m);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Measure, measure_free)

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SolaceDatabase) db = NULL;
  g_autoptr(GTimeZone) tz = g_time_zone_new_local ();
  g_autoptr(Measure) parts_only = measure_new ();
  g_autoptr(Measure) with_journal = measure_new ();
  g_autoptr(Measure) evidence = measure_new ();
  g_autoptr(GArray) verify_s = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *work = NULL;
  g_autofree char *path = NULL;
  g_autofree char *zip = NULL;
  g_autofree char *source = NULL;
  gboolean keep = FALSE, no_journal = FALSE;
  int runs = 3, incidents = 1000, with_files = 10, file_mib = 20;
  guint all_parts = (1u << SOLACE_REPORT_N_PARTS) - 1;
  guint all_kinds = (1u << SOLACE_N_ENTRY_KINDS) - 1;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  const GOptionEntry entries[] = {
    { "runs", 'r', 0, G_OPTION_ARG_INT, &runs, "Runs of each measurement (default 3)", "R" },
    { "incidents", 0, 0, G_OPTION_ARG_INT, &incidents, "Incident records appended (default 1000)", "N" },
    { "with-files", 0, 0, G_OPTION_ARG_INT, &with_files, "How many of them keep a file (default 10)", "F" },
    { "file-mib", 0, 0, G_OPTION_ARG_INT, &file_mib, "Size of each file in MiB (default 20)", "M" },
    { "no-journal-report", 0, 0, G_OPTION_ARG_NONE, &no_journal, "Skip the report with journal entries", NULL },
    { "keep", 'k', 0, G_OPTION_ARG_NONE, &keep, "Keep the temporary folder", NULL },
    { "verbose", 'v', 0, G_OPTION_ARG_NONE, &verbose, "A line for each run of the reports and the export", NULL },
    { NULL }
  };

  setlocale (LC_ALL, "");
  /* Each number as soon as it is known: the whole run is long. */
  setvbuf (stdout, NULL, _IOLBF, 0);
  context = g_option_context_new ("JOURNAL — the progress report and the evidence export");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || argc != 2 || runs < 1 ||
      incidents < 1 || with_files < 0 || with_files > incidents || file_mib < 1 ||
      (gint64) file_mib * 1024 * 1024 > SOLACE_MAX_ATTACHMENT_BYTES)
    {
      g_printerr ("Usage: %s [--runs R] [--incidents N] [--with-files F] [--file-mib M (1-64)]"
                  " [--no-journal-report] [--keep] [--verbose] JOURNAL\n", g_get_prgname ());
      return 2;
    }
  source = g_canonicalize_filename (argv[1], NULL);

  work = g_dir_make_tmp ("solace-bench-reports-XXXXXX", &error);
  if (work == NULL)
    g_error ("%s", error->message);
  path = g_build_filename (work, "solace.db", NULL);
  zip = g_build_filename (work, "evidence.zip", NULL);
  bench_copy_file (source, path);
  g_print ("journal-bytes %" G_GOFFSET_FORMAT "\n", bench_file_size (path));

  db = solace_database_open (path, SOLACE_DATABASE_FLAGS_NONE, &error);
  if (db == NULL)
    g_error ("Could not open the copy: %s", error->message);

  append_incidents (db, incidents, with_files, (gsize) file_mib * 1024 * 1024, now);
  {
    g_autofree char *wal = g_strconcat (path, "-wal", NULL);

    /* With what the write-ahead log still holds. */
    g_print ("database-bytes %" G_GOFFSET_FORMAT "\n", bench_file_size (path) + MAX (0, bench_file_size (wal)));
  }

  /* The progress report without entries, R times. */
  for (int r = 0; r < runs; r++)
    run_report (db, work, "parts", all_parts & ~SOLACE_REPORT_JOURNAL, 0, parts_only);
  print_report ("parts", parts_only);

  /* Checking the whole chain, every file against its SHA-256. */
  for (int r = 0; r < runs; r++)
    {
      SolaceChainCheck check;
      gint64 t0 = g_get_monotonic_time ();

      if (!solace_incidents_verify (db, &check, &error))
        g_error ("Could not verify: %s", error->message);
      append_seconds (verify_s, t0, g_get_monotonic_time ());
      if (!check.intact || check.n_checked != (guint) incidents)
        g_error ("The chain does not check out (%u of %d checked)", check.n_checked, incidents);
    }
  g_print ("verify-median-s %.2f\n", bench_median (verify_s));

  /* The whole record as a ZIP. */
  for (int r = 0; r < runs; r++)
    {
      gsize rss, peak;
      gint64 t0;

      g_unlink (zip);
      rss = reset_peak ();
      t0 = g_get_monotonic_time ();
      if (!solace_evidence_export (db, zip, now, tz, NULL, &error))
        g_error ("Could not export the evidence: %s", error->message);
      append_seconds (evidence->total_s, t0, g_get_monotonic_time ());
      peak = bench_read_status_kib ("VmHWM");
      evidence->peak_kib = MAX (evidence->peak_kib, peak);
      evidence->rss_before_kib = MAX (evidence->rss_before_kib, rss);
      evidence->bytes = bench_file_size (zip);
      if (verbose)
        g_print ("evidence-run %d export-s %.2f rss-before-kib %" G_GSIZE_FORMAT " peak-rss-kib %" G_GSIZE_FORMAT "\n",
                 r + 1, g_array_index (evidence->total_s, double, r), rss, peak);
    }
  g_print ("evidence-export-median-s %.2f\n", bench_median (evidence->total_s));
  g_print ("evidence-zip-bytes %" G_GOFFSET_FORMAT "\n", evidence->bytes);
  g_print ("evidence-rss-before-kib %" G_GSIZE_FORMAT "\n", evidence->rss_before_kib);
  g_print ("evidence-peak-rss-kib %" G_GSIZE_FORMAT "\n", evidence->peak_kib);

  /* With every entry: last, as what it leaves in memory (see
   * README.md) would be counted in the others' figures. */
  for (int r = 0; r < runs && !no_journal; r++)
    run_report (db, work, "journal", all_parts, all_kinds, with_journal);
  if (!no_journal)
    print_report ("journal", with_journal);
  g_print ("runs %d\n", runs);
  bench_print_memory ();

  g_clear_object (&db);
  if (keep)
    g_print ("kept %s\n", work);
  else
    bench_remove_tree (work);

  return 0;
}
