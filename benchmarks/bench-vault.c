/* bench-vault.c — what the passphrase lock costs with a large journal
 *
 * solace-bench-vault [--runs R] [--keep] JOURNAL
 *
 * JOURNAL is a plain Solace database (benchmarks/vault.sh makes one with
 * solace-generate).  In a temporary folder it makes two copies of it,
 * then, printing one "name value" line per number:
 *
 *   calibrate   Argon2id calibrated as at set-up (solace_keys_calibrate),
 *               and the key file written with that cost;
 *   seal        solace_vault_seal () on one copy: the whole change (copy
 *               through the VFS, checks, swap), with its progress calls;
 *   unlock      solace_keys_unlock_passphrase () at the calibrated cost,
 *               R times (median);
 *   open        R rounds, after one not counted, in one process: from
 *               opening the database (solace_database_open or
 *               solace_database_open_sealed) until the journal store has
 *               delivered its first page and the 20 rows the list shows
 *               have been fetched, what the first window waits for; plain
 *               and sealed in turn, which first alternating by round;
 *   search      in the same rounds, with both open, a set of searches
 *               (common and rare words, prefixes, two words, phrases, a
 *               filter) each run on both back to back, timed from
 *               solace_journal_store_set_filter () to the first page and
 *               its 20 rows, as solace-bench-search does.
 *
 * Ratios are sealed ÷ plain medians.  Targets (issue 13): seal under 60 s,
 * unlock ≤ 1 s, open ≤ 1.10× and search ≤ 1.2× plain.  Exits 1 when one
 * is missed.  Only numbers are printed, never entry text.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include <glib/gstdio.h>

#include "bench-files.h"
#include "solace-crypt-vfs.h"
#include "solace-database.h"
#include "solace-journal-store.h"
#include "solace-keys.h"
#include "solace-vault.h"

#define VISIBLE_ROWS 20
#define TIMEOUT_SECONDS 120
/* Only ever in this process's memory; no person's passphrase. */
#define PASSPHRASE "bench: correct horse battery staple"

static const char * const searches[] = {
  "friend", "work", "sleep", "mother", "boundary", "tired", "better",
  "fr", "sle", "bou", "tir",
  "quiet morning", "\"went for a walk\"", "call NOT phone", "calm*",
  "zebra", "xylophone", "kettle",
};

typedef struct
{
  SolaceJournalStore *store;
  gboolean            measuring;
  gint64              t_first;
  gint64              t_loaded;
  gboolean            failed;
  gboolean            timed_out;
} Bench;

static void
items_changed_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  Bench      *bench)
{
  if (bench->measuring && bench->t_first == 0)
    bench->t_first = g_get_monotonic_time ();
}

static void
loading_changed_cb (SolaceJournalStore *store,
                    GParamSpec         *pspec,
                    Bench              *bench)
{
  if (!bench->measuring || solace_journal_store_get_loading (store))
    return;
  bench->t_loaded = g_get_monotonic_time ();
  if (bench->t_first == 0)
    bench->t_first = bench->t_loaded;
}

static void
failed_cb (SolaceJournalStore *store,
           const GError       *error,
           Bench              *bench)
{
  g_printerr ("A query failed: %s\n", error->message);
  bench->failed = TRUE;
}

static gboolean
timeout_cb (gpointer data)
{
  ((Bench *) data)->timed_out = TRUE;
  return G_SOURCE_REMOVE;
}

static gboolean
wait_for (Bench  *bench,
          gint64 *stamp)
{
  guint id = g_timeout_add_seconds (TIMEOUT_SECONDS, timeout_cb, bench);

  bench->timed_out = FALSE;
  while (*stamp == 0 && !bench->timed_out && !bench->failed)
    g_main_context_iteration (NULL, TRUE);
  if (!bench->timed_out)
    g_source_remove (id);
  return *stamp != 0;
}

static void
drain (void)
{
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
}

/* The rows the list would show. */
static void
fetch_visible (Bench *bench)
{
  guint n = MIN (g_list_model_get_n_items (G_LIST_MODEL (bench->store)), VISIBLE_ROWS);

  for (guint i = 0; i < n; i++)
    g_object_unref (g_list_model_get_item (G_LIST_MODEL (bench->store), i));
}

/* An empty list without a query (see bench-search.c). */
static void
reset (Bench *bench)
{
  g_autoptr(SolaceJournalFilter) none = solace_journal_filter_new ();

  none->text = g_strdup ("-");
  solace_journal_store_set_filter (bench->store, none);
  drain ();
}

static double
cpu_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

/* The first page (wall clock), and in @cpu the processor time of the
 * whole search, every thread, until every match is loaded: what the
 * search costs, which a busy computer disturbs far less. */
static double
search_ms (Bench      *bench,
           const char *text,
           double     *cpu_first,
           double     *cpu)
{
  g_autoptr(SolaceJournalFilter) filter = solace_journal_filter_new ();
  double c0;
  gint64 t0;

  filter->text = g_strdup (text);
  if (g_str_equal (text, "kettle"))
    filter->mood = 3;
  reset (bench);
  bench->t_first = bench->t_loaded = 0;
  bench->measuring = TRUE;
  c0 = cpu_ms ();
  t0 = g_get_monotonic_time ();
  solace_journal_store_set_filter (bench->store, filter);
  if (!solace_journal_store_get_loading (bench->store))
    bench->t_first = bench->t_loaded = g_get_monotonic_time ();
  if (!wait_for (bench, &bench->t_first))
    g_error ("A search did not finish");
  fetch_visible (bench);
  t0 = g_get_monotonic_time () - t0;
  *cpu_first = cpu_ms () - c0;
  wait_for (bench, &bench->t_loaded);
  *cpu = cpu_ms () - c0;
  bench->measuring = FALSE;
  return t0 / 1000.0;
}

static gboolean
is_gone (gpointer *weak)
{
  return *weak == NULL;
}

typedef struct
{
  SolaceDatabase *db;
  Bench           bench;
} Case;

/* Opens one copy and times it until the first page and its rows are
 * there (milliseconds); then lets the whole list load. */
static double
open_case (Case            *c,
           const char      *path,
           const SolaceKey *key)
{
  g_autoptr(GError) error = NULL;
  gint64 t0;
  double ms;

  memset (c, 0, sizeof *c);
  t0 = g_get_monotonic_time ();
  c->db = key != NULL ? solace_database_open_sealed (path, SOLACE_DATABASE_FLAGS_NONE, key, &error)
                      : solace_database_open (path, SOLACE_DATABASE_FLAGS_NONE, &error);
  if (c->db == NULL)
    g_error ("Could not open the journal: %s", error->message);
  c->bench.measuring = TRUE;
  c->bench.store = solace_journal_store_new (c->db, &error);
  if (c->bench.store == NULL)
    g_error ("Could not make the store: %s", error->message);
  g_signal_connect (c->bench.store, "items-changed", G_CALLBACK (items_changed_cb), &c->bench);
  g_signal_connect (c->bench.store, "notify::loading", G_CALLBACK (loading_changed_cb), &c->bench);
  g_signal_connect (c->bench.store, "failed", G_CALLBACK (failed_cb), &c->bench);
  if (!wait_for (&c->bench, &c->bench.t_first))
    g_error ("The first page never came");
  fetch_visible (&c->bench);
  ms = (g_get_monotonic_time () - t0) / 1000.0;
  while (solace_journal_store_get_loading (c->bench.store) && !c->bench.failed)
    g_main_context_iteration (NULL, TRUE);
  c->bench.measuring = FALSE;
  if (c->bench.failed)
    exit (2);
  return ms;
}

static void
close_case (Case *c)
{
  gpointer weak = c->bench.store;

  /* Polled: the last reference may go in a worker thread, which does
   * not wake the main context. */
  g_object_add_weak_pointer (weak, &weak);
  g_object_unref (c->bench.store);
  while (!is_gone (&weak))
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (1000);
  g_clear_object (&c->db);
}

/* One round: both copies opened (in the order @sealed_first says) and
 * every search run on both, one right after the other, so that a busy
 * moment on the computer falls on both alike. */
static void
run_round (const char      *plain,
           const char      *sealed,
           const SolaceKey *key,
           gboolean         sealed_first,
           GArray          *open_plain,
           GArray          *open_sealed,
           GArray          *search_plain,
           GArray          *search_sealed,
           GArray          *search_ratio,
           GArray          *cpu_plain,
           GArray          *cpu_sealed,
           GArray          *cpu_first_plain,
           GArray          *cpu_first_sealed)
{
  Case p, s;
  double ms;

  for (guint i = 0; i < 2; i++)
    {
      if ((i == 0) == sealed_first)
        {
          ms = open_case (&s, sealed, key);
          g_array_append_val (open_sealed, ms);
        }
      else
        {
          ms = open_case (&p, plain, NULL);
          g_array_append_val (open_plain, ms);
        }
    }

  for (guint q = 0; q < G_N_ELEMENTS (searches); q++)
    {
      double a, b, ca, cb, fa, fb, ratio;

      if ((q % 2 == 0) == sealed_first)
        {
          b = search_ms (&s.bench, searches[q], &fb, &cb);
          a = search_ms (&p.bench, searches[q], &fa, &ca);
        }
      else
        {
          a = search_ms (&p.bench, searches[q], &fa, &ca);
          b = search_ms (&s.bench, searches[q], &fb, &cb);
        }
      ratio = b / a;
      g_array_append_val (cpu_plain, ca);
      g_array_append_val (cpu_sealed, cb);
      g_array_append_val (cpu_first_plain, fa);
      g_array_append_val (cpu_first_sealed, fb);
      g_array_append_val (search_plain, a);
      g_array_append_val (search_sealed, b);
      g_array_append_val (search_ratio, ratio);
    }

  close_case (&s);
  close_case (&p);
}

typedef struct
{
  guint  calls;
  double last;
} SealProgress;

static void
seal_progress_cb (double   fraction,
                  gpointer data)
{
  SealProgress *p = data;

  p->calls++;
  p->last = fraction;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SolaceKey) key = NULL;
  g_autoptr(SolaceRecoveryKey) recovery = NULL;
  g_autoptr(GArray) unlock = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) open_plain = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) open_sealed = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) search_plain = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) search_sealed = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) search_pairs = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) cpu_plain = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) cpu_sealed = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) cpu_first_plain = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) cpu_first_sealed = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *work = NULL;
  g_autofree char *plain = NULL;
  g_autofree char *sealed = NULL;
  g_autofree char *keys = NULL;
  g_autofree char *source = NULL;
  SolacePwhashParams params;
  SealProgress progress = { 0, 0 };
  double floor_seconds = 0, seal_s, unlock_ms, open_ratio, search_ratio;
  double best_open_ratio, best_search_ratio;
  gboolean keep = FALSE;
  int runs = 5;
  int status = 0;
  gint64 t0;
  const GOptionEntry entries[] = {
    { "runs", 'r', 0, G_OPTION_ARG_INT, &runs, "Runs of each case (default 5)", "R" },
    { "keep", 'k', 0, G_OPTION_ARG_NONE, &keep, "Keep the temporary folder", NULL },
    { NULL }
  };

  setlocale (LC_ALL, "");
  context = g_option_context_new ("JOURNAL — what the passphrase lock costs");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || argc != 2 || runs < 1)
    {
      g_printerr ("Usage: %s [--runs R] [--keep] JOURNAL\n", g_get_prgname ());
      return 2;
    }
  source = g_canonicalize_filename (argv[1], NULL);

  work = g_dir_make_tmp ("solace-bench-vault-XXXXXX", &error);
  if (work == NULL)
    g_error ("%s", error->message);
  /* Each in a folder of its own, as a data folder is. */
  plain = g_build_filename (work, "plain", "solace.db", NULL);
  sealed = g_build_filename (work, "sealed", "solace.db", NULL);
  keys = solace_keys_path_for_database (sealed);
  for (guint i = 0; i < 2; i++)
    {
      g_autofree char *dir = g_path_get_dirname (i == 0 ? plain : sealed);

      g_mkdir (dir, 0700);
    }
  bench_copy_file (source, plain);
  bench_copy_file (source, sealed);
  g_print ("journal-bytes %" G_GOFFSET_FORMAT "\n", bench_file_size (plain));

  /* Set-up: the cost this computer gets, and the key file. */
  t0 = g_get_monotonic_time ();
  solace_keys_calibrate (&params, &floor_seconds);
  g_print ("calibrate-s %.2f\n", (g_get_monotonic_time () - t0) / 1e6);
  g_print ("argon2-floor-s %.3f\n", floor_seconds);
  g_print ("argon2-opslimit %" G_GUINT64_FORMAT "\n", params.opslimit);
  g_print ("argon2-memlimit-mib %" G_GSIZE_FORMAT "\n", params.memlimit >> 20);
  t0 = g_get_monotonic_time ();
  key = solace_keys_create (keys, PASSPHRASE, &params, &recovery, &error);
  if (key == NULL)
    g_error ("Could not make the key file: %s", error->message);
  g_print ("key-file-s %.2f\n", (g_get_monotonic_time () - t0) / 1e6);

  /* Sealing the whole journal. */
  t0 = g_get_monotonic_time ();
  if (!solace_vault_seal (sealed, key, seal_progress_cb, &progress, NULL, &error))
    g_error ("Could not seal: %s", error->message);
  seal_s = (g_get_monotonic_time () - t0) / 1e6;
  g_print ("seal-s %.2f\n", seal_s);
  g_print ("seal-progress-calls %u\n", progress.calls);
  g_print ("sealed-bytes %" G_GOFFSET_FORMAT "\n", bench_file_size (sealed));

  /* Unlocking: Argon2 at that cost, and the key file. */
  for (int r = 0; r < runs; r++)
    {
      g_autoptr(SolaceKey) again = NULL;
      double ms;

      t0 = g_get_monotonic_time ();
      again = solace_keys_unlock_passphrase (keys, PASSPHRASE, &error);
      if (again == NULL)
        g_error ("Could not unlock: %s", error->message);
      ms = (g_get_monotonic_time () - t0) / 1000.0;
      g_array_append_val (unlock, ms);
    }
  unlock_ms = bench_median (unlock);
  g_print ("unlock-median-ms %.0f\n", unlock_ms);

  /* One warm-up round, not counted: the page cache then holds both
   * files alike. */
  {
    g_autoptr(GArray) a = g_array_new (FALSE, FALSE, sizeof (double));
    g_autoptr(GArray) b = g_array_new (FALSE, FALSE, sizeof (double));
    g_autoptr(GArray) c = g_array_new (FALSE, FALSE, sizeof (double));
    g_autoptr(GArray) d = g_array_new (FALSE, FALSE, sizeof (double));
    g_autoptr(GArray) e = g_array_new (FALSE, FALSE, sizeof (double));
    g_autoptr(GArray) f = g_array_new (FALSE, FALSE, sizeof (double));
    g_autoptr(GArray) g = g_array_new (FALSE, FALSE, sizeof (double));

    g_autoptr(GArray) h = g_array_new (FALSE, FALSE, sizeof (double));
    g_autoptr(GArray) i = g_array_new (FALSE, FALSE, sizeof (double));

    run_round (plain, sealed, key, FALSE, a, b, c, d, e, f, g, h, i);
  }
  for (int r = 0; r < runs; r++)
    run_round (plain, sealed, key, r % 2 == 1, open_plain, open_sealed,
               search_plain, search_sealed, search_pairs, cpu_plain, cpu_sealed,
               cpu_first_plain, cpu_first_sealed);

  open_ratio = bench_median (open_sealed) / bench_median (open_plain);
  search_ratio = bench_median (search_sealed) / bench_median (search_plain);
  g_print ("open-first-page-plain-median-ms %.1f\n", bench_median (open_plain));
  g_print ("open-first-page-sealed-median-ms %.1f\n", bench_median (open_sealed));
  g_print ("open-ratio %.3f\n", open_ratio);
  g_print ("searches %u\n", search_plain->len);
  g_print ("search-first-page-plain-median-ms %.2f\n", bench_median (search_plain));
  g_print ("search-first-page-sealed-median-ms %.2f\n", bench_median (search_sealed));
  g_print ("search-ratio %.3f\n", search_ratio);
  /* The same search, sealed ÷ plain, run back to back. */
  g_print ("search-paired-ratio-median %.3f\n", bench_median (search_pairs));
  {
    double tp = 0, ts = 0;

    for (guint i = 0; i < cpu_plain->len; i++)
      {
        tp += g_array_index (cpu_plain, double, i);
        ts += g_array_index (cpu_sealed, double, i);
      }
    g_print ("search-cpu-plain-total-ms %.1f\n", tp);
    g_print ("search-cpu-sealed-total-ms %.1f\n", ts);
    g_print ("search-cpu-ratio %.3f\n", ts / tp);
    tp = ts = 0;
    for (guint i = 0; i < cpu_first_plain->len; i++)
      {
        tp += g_array_index (cpu_first_plain, double, i);
        ts += g_array_index (cpu_first_sealed, double, i);
      }
    g_print ("search-first-page-cpu-plain-total-ms %.1f\n", tp);
    g_print ("search-first-page-cpu-sealed-total-ms %.1f\n", ts);
    g_print ("search-first-page-cpu-ratio %.3f\n", ts / tp);
  }
  /* The quickest of each, which a busy computer disturbs least: per
   * search, the best time sealed ÷ the best time plain. */
  {
    g_autoptr(GArray) best_ratio = g_array_new (FALSE, FALSE, sizeof (double));
    double sum_plain = 0, sum_sealed = 0;

    for (guint q = 0; q < G_N_ELEMENTS (searches); q++)
      {
        double bp = G_MAXDOUBLE, bs = G_MAXDOUBLE, ratio;

        for (guint r = 0; r < (guint) runs; r++)
          {
            bp = MIN (bp, g_array_index (search_plain, double, r * G_N_ELEMENTS (searches) + q));
            bs = MIN (bs, g_array_index (search_sealed, double, r * G_N_ELEMENTS (searches) + q));
          }
        ratio = bs / bp;
        g_array_append_val (best_ratio, ratio);
        sum_plain += bp;
        sum_sealed += bs;
      }
    best_search_ratio = sum_sealed / sum_plain;
    g_print ("search-best-plain-total-ms %.2f\n", sum_plain);
    g_print ("search-best-sealed-total-ms %.2f\n", sum_sealed);
    g_print ("search-best-ratio %.3f\n", best_search_ratio);
    g_print ("search-best-ratio-median %.3f\n", bench_median (best_ratio));
  }
  {
    double bp = G_MAXDOUBLE, bs = G_MAXDOUBLE;

    for (guint r = 0; r < open_plain->len; r++)
      {
        bp = MIN (bp, g_array_index (open_plain, double, r));
        bs = MIN (bs, g_array_index (open_sealed, double, r));
      }
    best_open_ratio = bs / bp;
    g_print ("open-best-plain-ms %.1f\n", bp);
    g_print ("open-best-sealed-ms %.1f\n", bs);
    g_print ("open-best-ratio %.3f\n", best_open_ratio);
  }

  g_print ("target seal < 60 s: %s\n", seal_s < 60 ? "met" : "MISSED");
  g_print ("target unlock <= 1 s: %s\n", unlock_ms <= 1000 ? "met" : "MISSED");
  g_print ("target open <= 1.10x: %s\n", open_ratio <= 1.10 ? "met" : "MISSED");
  g_print ("target search <= 1.2x: %s\n", search_ratio <= 1.2 ? "met" : "MISSED");
  if (seal_s >= 60 || unlock_ms > 1000 || open_ratio > 1.10 || search_ratio > 1.2)
    status = 1;

  if (keep)
    g_print ("kept %s\n", work);
  else
    bench_remove_tree (work);
  return status;
}
