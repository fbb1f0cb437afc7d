/* bench-search.c — how fast the journal store answers a search
 *
 * solace-bench-search [--verbose] [--repeat R] PATH
 *
 * Opens the database at PATH the way the app does (read-write, with the
 * store's own reader connections), waits for the whole journal to load,
 * then runs 100 varied searches.  For each one it measures, on the main
 * thread, from solace_journal_store_set_filter():
 *
 *   first page  until the store delivers its first page (the first
 *               items-changed, or "loading" dropping when there are fewer
 *               results than a page) and the first 20 items, what the
 *               list would show, have been fetched with
 *               g_list_model_get_item() (row and snippet);
 *   full list   until "loading" drops, i.e. every match is in the model.
 *
 * Before each search the store is emptied with a filter that matches
 * nothing without a query, so every search starts from the same state
 * and its first page always shows up as an items-changed.
 *
 * Only numbers (and the benchmark's own query categories) are printed,
 * never entry text.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "solace-database.h"
#include "solace-journal-store.h"

#define VISIBLE_ROWS 20
#define QUERY_TIMEOUT_SECONDS 120

typedef enum {
  LONG_NONE,
  LONG_WORDS,        /* 10,000 characters of ordinary words */
  LONG_ONE_WORD,     /* 10,000 letters with no space */
  LONG_PREFIXES,     /* "fri " again and again */
  LONG_NOISE,        /* printable ASCII soup */
} LongKind;

typedef struct {
  const char *category;
  const char *text;
  LongKind    long_kind;
  int         kind;       /* -1 for any */
  int         mood;       /* 0 for any */
  const char *tag;
  int         days_back;  /* > 0: from that many days ago to today */
} Query;

#define Q(cat, text)                { cat, text, LONG_NONE, -1, 0, NULL, 0 }
#define QF(cat, text, kind, mood, tag, days) { cat, text, LONG_NONE, kind, mood, tag, days }
#define QL(cat, long_kind)          { cat, NULL, long_kind, -1, 0, NULL, 0 }

static const Query queries[] = {
  /* Common words. */
  Q ("common", "friend"), Q ("common", "work"), Q ("common", "sleep"),
  Q ("common", "coffee"), Q ("common", "walk"), Q ("common", "miss"),
  Q ("common", "today"), Q ("common", "the"), Q ("common", "and"),
  Q ("common", "felt"), Q ("common", "home"), Q ("common", "tired"),
  Q ("common", "cried"), Q ("common", "morning"), Q ("common", "kitchen"),
  /* Rare words, and words that are not there at all. */
  Q ("rare", "petrichor"), Q ("rare", "kintsugi"), Q ("rare", "zither"),
  Q ("rare", "axolotls"), Q ("rare", "theremin"), Q ("rare", "murmuration"),
  Q ("rare", "yuzu"), Q ("rare", "hiraeth"), Q ("rare", "cardamom"),
  Q ("rare", "planetarium"), Q ("rare", "xylophone"), Q ("rare", "quokka"),
  /* What is in the box after the first few key presses. */
  Q ("prefix", "fri"), Q ("prefix", "wor"), Q ("prefix", "sle"),
  Q ("prefix", "cof"), Q ("prefix", "mis"), Q ("prefix", "gra"),
  Q ("prefix", "a"), Q ("prefix", "t"), Q ("prefix", "s"), Q ("prefix", "m"),
  Q ("prefix", "th"), Q ("prefix", "re"), Q ("prefix", "be"),
  Q ("prefix", "co"), Q ("prefix", "hap"), Q ("prefix", "lone"),
  /* Two words. */
  Q ("two-words", "miss you"), Q ("two-words", "good day"),
  Q ("two-words", "coffee friend"), Q ("two-words", "work meeting"),
  Q ("two-words", "slept badly"), Q ("two-words", "no contact"),
  Q ("two-words", "bus late"), Q ("two-words", "river run"),
  Q ("two-words", "mum phone"), Q ("two-words", "cried shower"),
  Q ("two-words", "sunday loneliness"), Q ("two-words", "new flat"),
  Q ("two-words", "birthday party"), Q ("two-words", "zither petrichor"),
  /* Longer phrases. */
  Q ("phrase", "I miss the way you laughed"),
  Q ("phrase", "what went wrong between us"),
  Q ("phrase", "three things good today"),
  Q ("phrase", "ich vermisse dich"),
  Q ("phrase", "walked home through the park"),
  /* FTS5 syntax and worse. */
  Q ("hostile", "NEAR(\" -*"), Q ("hostile", "\""), Q ("hostile", "*"),
  Q ("hostile", "AND OR NOT"), Q ("hostile", "body:friend"),
  Q ("hostile", "^start"), Q ("hostile", "a\" OR \"b"), Q ("hostile", ")("),
  Q ("hostile", "'; DROP TABLE journal_entry; --"), Q ("hostile", "- - - fri*"),
  /* Emoji. */
  Q ("emoji", "😢"), Q ("emoji", "❤️ love"), Q ("emoji", "🙂 walk"),
  Q ("emoji", "☕☕☕"), Q ("emoji", "🌧️ rain"),
  /* Beyond ASCII. */
  Q ("unicode", "café"), Q ("unicode", "Zoë"), Q ("unicode", "creme brulee"),
  Q ("unicode", "naïve"), Q ("unicode", "日本語"),
  /* 10,000 characters. */
  QL ("long", LONG_WORDS), QL ("long", LONG_ONE_WORD),
  QL ("long", LONG_PREFIXES), QL ("long", LONG_NOISE),
  /* With the filters from the filter popover. */
  QF ("filtered", "miss", 2 /* letter */, 0, NULL, 0),
  QF ("filtered", NULL, 1 /* gratitude */, 0, NULL, 0),
  QF ("filtered", NULL, -1, 1, NULL, 0),
  QF ("filtered", "walk", -1, 5, NULL, 0),
  QF ("filtered", NULL, 4 /* prompt */, 2, NULL, 0),
  QF ("filtered", NULL, -1, 0, "sadness", 0),
  QF ("filtered", "meeting", -1, 0, "work", 0),
  QF ("filtered", "because", 3 /* reasons */, 0, NULL, 0),
  QF ("filtered", NULL, -1, 0, NULL, 30),
  QF ("filtered", "friend", -1, 0, NULL, 365),
  QF ("filtered", "sorry", 2 /* letter */, 1, NULL, 0),
  QF ("filtered", "t", -1, 3, NULL, 0),
  QF ("filtered", NULL, 0 /* reflection */, 0, "hope", 0),
  QF ("filtered", "coffee", 1 /* gratitude */, 0, NULL, 0),
};

G_STATIC_ASSERT (G_N_ELEMENTS (queries) == 100);

static char *
make_long_text (LongKind kind)
{
  static const char * const words[] = {
    "today", "friend", "walked", "river", "quiet", "sleep", "coffee", "morning",
    "missed", "laughed", "kitchen", "window", "letter", "better", "slowly",
  };
  GString *text = g_string_sized_new (10050);
  guint i = 0;

  while (g_utf8_strlen (text->str, text->len) < 10000)
    {
      switch (kind)
        {
        case LONG_WORDS:
          g_string_append (text, words[i % G_N_ELEMENTS (words)]);
          g_string_append_c (text, ' ');
          break;
        case LONG_ONE_WORD:
          g_string_append_c (text, 'a');
          break;
        case LONG_PREFIXES:
          g_string_append (text, "fri ");
          break;
        case LONG_NOISE:
          g_string_append_c (text, (char) (33 + (i * 7919) % 94));
          break;
        case LONG_NONE:
        default:
          g_assert_not_reached ();
        }
      i++;
    }

  return g_string_free (text, FALSE);
}

static SolaceJournalFilter *
make_filter (const Query *q)
{
  SolaceJournalFilter *filter = solace_journal_filter_new ();

  filter->text = q->long_kind != LONG_NONE ? make_long_text (q->long_kind) : g_strdup (q->text);
  filter->kind = q->kind;
  filter->mood = q->mood;
  filter->tag = g_strdup (q->tag);
  if (q->days_back > 0)
    {
      GDateTime *now = g_date_time_new_now_local ();

      filter->to = g_date_new_dmy (g_date_time_get_day_of_month (now),
                                   g_date_time_get_month (now),
                                   g_date_time_get_year (now));
      filter->from = g_date_copy (filter->to);
      g_date_subtract_days (filter->from, q->days_back);
      g_date_time_unref (now);
    }

  return filter;
}

/* Measuring */

typedef struct {
  SolaceJournalStore *store;
  gboolean            measuring;
  gint64              t_first;
  gint64              t_loaded;
  gboolean            timed_out;
  gboolean            failed;
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
timeout_cb (gpointer user_data)
{
  Bench *bench = user_data;

  bench->timed_out = TRUE;
  return G_SOURCE_REMOVE;
}

static void
wait_until (Bench   *bench,
            gint64  *stamp)
{
  while (*stamp == 0 && !bench->timed_out)
    g_main_context_iteration (NULL, TRUE);
}

static void
drain (void)
{
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
}

/* An empty list, without running a query: text with nothing to search. */
static void
reset (Bench *bench)
{
  g_autoptr(SolaceJournalFilter) none = solace_journal_filter_new ();

  none->text = g_strdup ("-");
  solace_journal_store_set_filter (bench->store, none);
  drain ();
  g_assert (g_list_model_get_n_items (G_LIST_MODEL (bench->store)) == 0);
  g_assert (!solace_journal_store_get_loading (bench->store));
}

typedef struct {
  double first_page_ms;  /* set_filter → first page + 20 rows fetched */
  double query_ms;       /* set_filter → first page delivered */
  double fetch_ms;       /* fetching the visible rows */
  double full_ms;        /* set_filter → every match loaded */
  guint  matches;
} Sample;

static gboolean
measure (Bench       *bench,
         const Query *q,
         Sample      *sample)
{
  g_autoptr(SolaceJournalFilter) filter = make_filter (q);
  gint64 t0, t_fetched;
  guint timeout_id;
  guint n;

  reset (bench);

  bench->t_first = 0;
  bench->t_loaded = 0;
  bench->timed_out = FALSE;
  bench->measuring = TRUE;
  timeout_id = g_timeout_add_seconds (QUERY_TIMEOUT_SECONDS, timeout_cb, bench);

  t0 = g_get_monotonic_time ();
  solace_journal_store_set_filter (bench->store, filter);
  /* Nothing to search for: answered on the spot. */
  if (bench->t_first == 0 && !solace_journal_store_get_loading (bench->store))
    bench->t_first = bench->t_loaded = g_get_monotonic_time ();

  wait_until (bench, &bench->t_first);

  n = MIN (g_list_model_get_n_items (G_LIST_MODEL (bench->store)), VISIBLE_ROWS);
  for (guint i = 0; i < n; i++)
    g_object_unref (g_list_model_get_item (G_LIST_MODEL (bench->store), i));
  t_fetched = g_get_monotonic_time ();

  wait_until (bench, &bench->t_loaded);

  bench->measuring = FALSE;
  if (!bench->timed_out)
    g_source_remove (timeout_id);
  else
    {
      g_printerr ("A query took more than %d seconds; giving up.\n", QUERY_TIMEOUT_SECONDS);
      return FALSE;
    }

  sample->query_ms = (bench->t_first - t0) / 1000.0;
  sample->fetch_ms = (t_fetched - bench->t_first) / 1000.0;
  sample->first_page_ms = (t_fetched - t0) / 1000.0;
  sample->full_ms = (bench->t_loaded - t0) / 1000.0;
  sample->matches = g_list_model_get_n_items (G_LIST_MODEL (bench->store));

  return !bench->failed;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

/* Nearest-rank percentile. */
static double
percentile (GArray *values,
            double  p)
{
  g_autoptr(GArray) sorted = g_array_copy (values);
  guint rank;

  g_array_sort (sorted, compare_doubles);
  rank = (guint) ceil (p / 100.0 * sorted->len);
  rank = CLAMP (rank, 1, sorted->len);

  return g_array_index (sorted, double, rank - 1);
}

static void
report (const char *name,
        GArray     *values)
{
  g_print ("%s-median-ms %.2f\n", name, percentile (values, 50));
  g_print ("%s-p95-ms %.2f\n", name, percentile (values, 95));
  g_print ("%s-worst-ms %.2f\n", name, percentile (values, 100));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(SolaceDatabase) db = NULL;
  g_autoptr(SolaceJournalStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) first_page = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) query = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) fetch = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) full = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *path = NULL;
  gboolean verbose = FALSE;
  int repeat = 1;
  Bench bench = { 0 };
  gint64 t0;
  guint worst_index = 0;
  double worst = -1;
  const GOptionEntry entries[] = {
    { "verbose", 'v', 0, G_OPTION_ARG_NONE, &verbose, "One line per query", NULL },
    { "repeat", 'r', 0, G_OPTION_ARG_INT, &repeat, "Run the set of queries R times (default 1)", "R" },
    { NULL }
  };

  setlocale (LC_ALL, "");

  context = g_option_context_new ("PATH — time searches in a Solace database");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || argc != 2 || repeat < 1)
    {
      g_printerr ("Usage: %s [--verbose] [--repeat R] PATH\n", g_get_prgname ());
      return 2;
    }

  /* The database wants an absolute path. */
  path = g_canonicalize_filename (argv[1], NULL);
  db = solace_database_open (path, SOLACE_DATABASE_FLAGS_NONE, &error);
  if (db == NULL)
    {
      g_printerr ("Could not open the database: %s\n", error->message);
      return 1;
    }

  t0 = g_get_monotonic_time ();
  store = solace_journal_store_new (db, &error);
  if (store == NULL)
    {
      g_printerr ("Could not make the store: %s\n", error->message);
      return 1;
    }
  bench.store = store;
  g_signal_connect (store, "items-changed", G_CALLBACK (items_changed_cb), &bench);
  g_signal_connect (store, "notify::loading", G_CALLBACK (loading_changed_cb), &bench);
  g_signal_connect (store, "failed", G_CALLBACK (failed_cb), &bench);

  while (solace_journal_store_get_loading (store) && !bench.failed)
    g_main_context_iteration (NULL, TRUE);
  if (bench.failed)
    return 1;

  g_print ("entries %u\n", g_list_model_get_n_items (G_LIST_MODEL (store)));
  g_print ("initial-load-ms %.2f\n", (g_get_monotonic_time () - t0) / 1000.0);

  for (int r = 0; r < repeat; r++)
    for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
      {
        Sample s;

        if (!measure (&bench, &queries[i], &s))
          return 1;

        g_array_append_val (first_page, s.first_page_ms);
        g_array_append_val (query, s.query_ms);
        g_array_append_val (fetch, s.fetch_ms);
        g_array_append_val (full, s.full_ms);
        if (s.first_page_ms > worst)
          {
            worst = s.first_page_ms;
            worst_index = i;
          }

        if (verbose)
          g_print ("query %u %s first-page-ms %.2f query-ms %.2f fetch-ms %.2f full-ms %.2f matches %u\n",
                   i, queries[i].category, s.first_page_ms, s.query_ms, s.fetch_ms, s.full_ms, s.matches);
      }

  g_print ("queries %u\n", first_page->len);
  report ("first-page", first_page);
  report ("first-page-query", query);
  report ("first-page-fetch", fetch);
  report ("full-list", full);
  g_print ("worst-first-page-query %u %s\n", worst_index, queries[worst_index].category);

  return 0;
}
