/* test-journal-store.c — the journal's data layer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <signal.h>
#include <stdio.h>
#include <sys/wait.h>

#include "solace-database.h"
#include "solace-error.h"
#include "solace-journal-store.h"
#include "solace-limits.h"
#include "solace-test-utils.h"

typedef struct {
  char               *dir;
  char               *path;
  SolaceDatabase     *db;
  SolaceJournalStore *store;
  GError             *failure;
} Fixture;

static void
failed_cb (SolaceJournalStore *store,
           const GError       *error,
           Fixture            *f)
{
  if (f->failure == NULL)
    f->failure = g_error_copy (error);
}

static gboolean
store_settled (gpointer data)
{
  return !solace_journal_store_get_loading (data);
}

static void
settle (Fixture *f)
{
  g_assert_true (solace_test_wait_until (store_settled, f->store, 10000));
  g_assert_no_error (f->failure);
}

static gboolean
only_one_ref (gpointer data)
{
  return G_OBJECT (data)->ref_count == 1;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = solace_test_make_world_dir ();
  f->path = g_build_filename (f->dir, "solace", "solace.db", NULL);
  f->db = solace_database_open (f->path, SOLACE_DATABASE_FLAGS_NONE, &error);
  g_assert_no_error (error);
  f->store = solace_journal_store_new (f->db, &error);
  g_assert_no_error (error);
  g_signal_connect (f->store, "failed", G_CALLBACK (failed_cb), f);
  settle (f);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  /* Let finished tasks hand back their references first. */
  solace_journal_store_flush (f->store);
  settle (f);
  /* A superseded query may still be finishing in its thread. */
  g_assert_true (solace_test_wait_until (only_one_ref, f->store, 10000));
  g_assert_finalize_object (f->store);
  g_assert_finalize_object (f->db);
  g_clear_error (&f->failure);
  solace_test_rm_rf (f->dir);
  g_free (f->dir);
  g_free (f->path);
}

static SolaceJournalEntry *
make_entry (SolaceEntryKind  kind,
            const char      *body,
            int              mood,
            const char      *emotions_csv,
            const char      *tags_csv,
            int              days_ago)
{
  SolaceJournalEntry *entry = solace_journal_entry_new (kind);
  g_auto(GStrv) emotions = solace_journal_parse_tags (emotions_csv);
  g_auto(GStrv) tags = solace_journal_parse_tags (tags_csv);

  solace_journal_entry_set_body (entry, body);
  solace_journal_entry_set_mood (entry, mood);
  solace_journal_entry_set_emotions (entry, (const char * const *) emotions);
  solace_journal_entry_set_tags (entry, (const char * const *) tags);
  if (days_ago > 0)
    {
      g_autoptr(GDateTime) when = g_date_time_add_days (solace_journal_entry_get_created (entry), -days_ago);
      solace_journal_entry_set_created (entry, when);
    }

  return entry;
}

static gint64
save (Fixture            *f,
      SolaceJournalEntry *entry)
{
  g_autoptr(GError) error = NULL;
  gint64 id = solace_journal_store_save (f->store, entry, &error);

  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  settle (f);

  return id;
}

static guint
n_items (Fixture *f)
{
  return g_list_model_get_n_items (G_LIST_MODEL (f->store));
}

static void
set_filter (Fixture                   *f,
            const SolaceJournalFilter *filter)
{
  solace_journal_store_set_filter (f->store, filter);
  settle (f);
}

static void
search (Fixture    *f,
        const char *text)
{
  g_autoptr(SolaceJournalFilter) filter = solace_journal_filter_new ();

  filter->text = g_strdup (text);
  set_filter (f, filter);
}

static void
test_round_trip (Fixture       *f,
                 gconstpointer  data)
{
  static const char body[] = "Dear you,\n\nI’m not sending this. 💔 <b>bold</b> & \"quotes\" ' ; DROP TABLE journal_entry; --\n\nÄ ß 日本語";
  g_autoptr(SolaceJournalEntry) entry = make_entry (SOLACE_ENTRY_KIND_LETTER, body, 2,
                                                    "grief, anger", "ex, night", 0);
  g_autoptr(SolaceJournalEntry) loaded = NULL;
  g_autoptr(GError) error = NULL;
  const char * const expected_emotions[] = { "grief", "anger", NULL };
  const char * const expected_tags[] = { "ex", "night", NULL };
  gint64 id;

  id = save (f, entry);
  g_assert_cmpint (solace_journal_entry_get_id (entry), ==, id);

  loaded = solace_journal_store_load_entry (f->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (solace_journal_entry_get_body (loaded), ==, body);
  g_assert_cmpstr (solace_journal_entry_get_uuid (loaded), ==, solace_journal_entry_get_uuid (entry));
  g_assert_cmpint (solace_journal_entry_get_kind (loaded), ==, SOLACE_ENTRY_KIND_LETTER);
  g_assert_cmpint (solace_journal_entry_get_mood (loaded), ==, 2);
  g_assert_true (g_strv_equal (solace_journal_entry_get_emotions (loaded), expected_emotions));
  g_assert_true (g_strv_equal (solace_journal_entry_get_tags (loaded), expected_tags));
  g_assert_cmpint (g_date_time_to_unix (solace_journal_entry_get_created (loaded)), ==,
                   g_date_time_to_unix (solace_journal_entry_get_created (entry)));
  g_assert_false (solace_journal_entry_get_is_preview (loaded));

  /* On disk, exactly as written, through another connection. */
  {
    g_autofree char *on_disk = solace_test_query_text (f->path, "SELECT body FROM journal_entry");
    g_assert_cmpstr (on_disk, ==, body);
  }

  g_assert_cmpuint (n_items (f), ==, 1);
}

static void
test_list_is_newest_first_and_lazy (Fixture       *f,
                                    gconstpointer  data)
{
  g_autoptr(GString) long_body = g_string_new (NULL);

  for (int i = 0; i < 5; i++)
    {
      g_autofree char *body = g_strdup_printf ("entry written %d days ago", 10 - i);
      g_autoptr(SolaceJournalEntry) entry = make_entry (SOLACE_ENTRY_KIND_REFLECTION, body, 0, NULL, NULL, 10 - i);

      save (f, entry);
    }

  for (int i = 0; i < 2000; i++)
    g_string_append (long_body, "long ");
  {
    g_autoptr(SolaceJournalEntry) entry = make_entry (SOLACE_ENTRY_KIND_REFLECTION, long_body->str, 0, NULL, NULL, 20);
    save (f, entry);
  }

  g_assert_cmpuint (n_items (f), ==, 6);
  for (guint i = 0; i + 1 < n_items (f); i++)
    {
      g_autoptr(SolaceJournalEntry) a = g_list_model_get_item (G_LIST_MODEL (f->store), i);
      g_autoptr(SolaceJournalEntry) b = g_list_model_get_item (G_LIST_MODEL (f->store), i + 1);

      g_assert_cmpint (g_date_time_compare (solace_journal_entry_get_created (a),
                                            solace_journal_entry_get_created (b)), >=, 0);
    }

  /* List items carry a preview, not the whole text. */
  {
    g_autoptr(SolaceJournalEntry) oldest = g_list_model_get_item (G_LIST_MODEL (f->store), 5);
    g_autoptr(SolaceJournalEntry) full = NULL;

    g_assert_true (solace_journal_entry_get_is_preview (oldest));
    g_assert_cmpuint (strlen (solace_journal_entry_get_body (oldest)), <, 1000);
    full = solace_journal_store_load_entry (f->store, solace_journal_entry_get_id (oldest), NULL);
    g_assert_cmpstr (solace_journal_entry_get_body (full), ==, long_body->str);
  }

  g_assert_null (g_list_model_get_item (G_LIST_MODEL (f->store), 6));
}

typedef struct {
  guint done;
  gint64 ids[8];
} SaveResults;

static void
async_saved_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  SaveResults *results = user_data;
  g_autoptr(GError) error = NULL;

  results->ids[results->done++] = solace_journal_store_save_finish (SOLACE_JOURNAL_STORE (object), result, &error);
  g_assert_no_error (error);
}

static gboolean
all_saved (gpointer data)
{
  return ((SaveResults *) data)->done == 5;
}

/* Autosave queues a save per pause in typing; a new entry may be queued
 * several times before the first write returns its id.  All of them
 * land on one row, in order. */
static void
test_queued_saves_make_one_row (Fixture       *f,
                                gconstpointer  data)
{
  g_autoptr(SolaceJournalEntry) entry = solace_journal_entry_new (SOLACE_ENTRY_KIND_REFLECTION);
  SaveResults results = { 0 };
  g_autofree char *body = NULL;

  for (int i = 1; i <= 5; i++)
    {
      g_autofree char *text = g_strdup_printf ("version %d", i);

      solace_journal_entry_set_body (entry, text);
      solace_journal_store_save_async (f->store, entry, NULL, async_saved_cb, &results);
    }

  g_assert_true (solace_test_wait_until (all_saved, &results, 10000));
  for (int i = 1; i < 5; i++)
    g_assert_cmpint (results.ids[i], ==, results.ids[0]);

  g_assert_cmpint (solace_test_query_int (f->path, "SELECT count(*) FROM journal_entry"), ==, 1);
  body = solace_test_query_text (f->path, "SELECT body FROM journal_entry");
  g_assert_cmpstr (body, ==, "version 5");
  settle (f);
  g_assert_cmpuint (n_items (f), ==, 1);
}

static void
test_delete_and_restore (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(SolaceJournalEntry) entry = make_entry (SOLACE_ENTRY_KIND_GRATITUDE, "sun\ntea\nmy sister", 4,
                                                    "hope", "family", 3);
  g_autoptr(SolaceJournalEntry) deleted = NULL;
  g_autoptr(SolaceJournalEntry) restored = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id = save (f, entry);

  deleted = solace_journal_store_delete (f->store, id, &error);
  g_assert_no_error (error);
  g_assert_nonnull (deleted);
  g_assert_cmpuint (n_items (f), ==, 0);
  g_assert_cmpint (solace_test_query_int (f->path, "SELECT count(*) FROM journal_entry"), ==, 0);
  g_assert_cmpint (solace_test_query_int (f->path, "SELECT count(*) FROM journal_tag"), ==, 0);
  g_assert_cmpint (solace_test_query_int (f->path, "SELECT count(*) FROM journal_fts WHERE journal_fts MATCH 'sister'"), ==, 0);

  /* Deleting what is gone says so. */
  g_assert_null (solace_journal_store_delete (f->store, id, &error));
  g_assert_error (error, SOLACE_ERROR, SOLACE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_cmpint (solace_journal_store_save (f->store, deleted, &error), ==, id);
  g_assert_no_error (error);
  settle (f);
  g_assert_cmpuint (n_items (f), ==, 1);

  restored = solace_journal_store_load_entry (f->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (solace_journal_entry_get_uuid (restored), ==, solace_journal_entry_get_uuid (entry));
  g_assert_cmpstr (solace_journal_entry_get_body (restored), ==, "sun\ntea\nmy sister");
  g_assert_cmpint (g_date_time_to_unix (solace_journal_entry_get_created (restored)), ==,
                   g_date_time_to_unix (solace_journal_entry_get_created (entry)));
  search (f, "sister");
  g_assert_cmpuint (n_items (f), ==, 1);
}

static void
test_filters (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(SolaceJournalFilter) filter = solace_journal_filter_new ();
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) five_days_ago = g_date_time_add_days (now, -5);
  g_autoptr(GDateTime) two_days_ago = g_date_time_add_days (now, -2);

  {
    g_autoptr(SolaceJournalEntry) a = make_entry (SOLACE_ENTRY_KIND_GRATITUDE, "coffee", 4, "calm", "morning", 9);
    g_autoptr(SolaceJournalEntry) b = make_entry (SOLACE_ENTRY_KIND_LETTER, "why did you", 1, "anger, grief", "ex", 5);
    g_autoptr(SolaceJournalEntry) c = make_entry (SOLACE_ENTRY_KIND_REFLECTION, "a long walk", 3, "hope", "morning, walk", 2);
    g_autoptr(SolaceJournalEntry) d = make_entry (SOLACE_ENTRY_KIND_LETTER, "another letter", 0, NULL, NULL, 0);

    save (f, a);
    save (f, b);
    save (f, c);
    save (f, d);
  }
  g_assert_cmpuint (n_items (f), ==, 4);

  filter->kind = SOLACE_ENTRY_KIND_LETTER;
  set_filter (f, filter);
  g_assert_cmpuint (n_items (f), ==, 2);

  filter->mood = 1;
  set_filter (f, filter);
  g_assert_cmpuint (n_items (f), ==, 1);

  filter->kind = -1;
  filter->mood = 0;
  filter->tag = g_strdup ("morning");
  set_filter (f, filter);
  g_assert_cmpuint (n_items (f), ==, 2);

  g_free (filter->tag);
  filter->tag = g_strdup ("grief");
  set_filter (f, filter);
  g_assert_cmpuint (n_items (f), ==, 1);

  g_clear_pointer (&filter->tag, g_free);
  filter->from = g_date_new_dmy (g_date_time_get_day_of_month (five_days_ago),
                                 g_date_time_get_month (five_days_ago),
                                 g_date_time_get_year (five_days_ago));
  filter->to = g_date_new_dmy (g_date_time_get_day_of_month (two_days_ago),
                               g_date_time_get_month (two_days_ago),
                               g_date_time_get_year (two_days_ago));
  set_filter (f, filter);
  g_assert_cmpuint (n_items (f), ==, 2);

  /* Filters and words together. */
  filter->text = g_strdup ("wal");
  set_filter (f, filter);
  g_assert_cmpuint (n_items (f), ==, 1);

  set_filter (f, NULL);
  g_assert_cmpuint (n_items (f), ==, 4);

  {
    g_auto(GStrv) tags = solace_journal_store_list_tags (f->store, NULL);
    const char * const expected[] = { "ex", "morning", "walk", NULL };

    g_assert_true (g_strv_equal ((const char * const *) tags, expected));
  }
}

/* Pango markup is XML inside an implicit element. */
static gboolean
markup_is_valid (const char *markup)
{
  static const GMarkupParser parser = { NULL };
  g_autoptr(GMarkupParseContext) context = g_markup_parse_context_new (&parser, 0, NULL, NULL);
  g_autofree char *wrapped = g_strconcat ("<markup>", markup, "</markup>", NULL);

  return g_markup_parse_context_parse (context, wrapped, -1, NULL) &&
         g_markup_parse_context_end_parse (context, NULL);
}

static void
test_search_prefix_and_snippet (Fixture       *f,
                                gconstpointer  data)
{
  g_autoptr(SolaceJournalEntry) a = make_entry (SOLACE_ENTRY_KIND_REFLECTION,
                                                "I met my friend at the café <script>alert(1)</script> and we talked.",
                                                0, NULL, NULL, 1);
  g_autoptr(SolaceJournalEntry) b = make_entry (SOLACE_ENTRY_KIND_REFLECTION, "Nothing to see here.", 0, NULL, NULL, 0);
  g_autoptr(SolaceJournalEntry) item = NULL;
  const char *snippet;

  save (f, a);
  save (f, b);

  search (f, "fri");
  g_assert_cmpuint (n_items (f), ==, 1);
  item = g_list_model_get_item (G_LIST_MODEL (f->store), 0);
  snippet = solace_journal_entry_get_snippet (item);
  g_assert_nonnull (snippet);
  g_assert_nonnull (strstr (snippet, "<b>friend</b>"));
  /* The person's text is escaped: it can never become markup. */
  g_assert_null (strstr (snippet, "<script>"));
  g_assert_nonnull (strstr (snippet, "&lt;script&gt;"));
  g_assert_true (markup_is_valid (snippet));
  g_clear_object (&item);

  /* Control characters in the person's text never unbalance the
   * markup (a bad snippet would make GTK log the text). */
  {
    g_autoptr(SolaceJournalEntry) odd = make_entry (SOLACE_ENTRY_KIND_REFLECTION,
                                                    "my secret \x02 text \x01 about a friendly \x03 cat",
                                                    0, NULL, NULL, 0);
    g_autoptr(SolaceJournalEntry) found = NULL;

    save (f, odd);
    search (f, "friendly");
    g_assert_cmpuint (n_items (f), ==, 1);
    found = g_list_model_get_item (G_LIST_MODEL (f->store), 0);
    g_assert_true (markup_is_valid (solace_journal_entry_get_snippet (found)));
    g_assert_nonnull (strstr (solace_journal_entry_get_snippet (found), "friendly</b>"));
  }

  /* Accents don't matter, several words all have to match. */
  search (f, "cafe");
  g_assert_cmpuint (n_items (f), ==, 1);
  search (f, "friend nothing");
  g_assert_cmpuint (n_items (f), ==, 0);
  search (f, "  ");
  g_assert_cmpuint (n_items (f), ==, 3);
}

static gboolean
has_snippet (gpointer data)
{
  return solace_journal_entry_get_snippet (data) != NULL;
}

/* Past the first page, snippets arrive a page at a time from a worker;
 * the row's item is told when its snippet is there. */
static void
test_search_snippets_past_first_page (Fixture       *f,
                                      gconstpointer  data)
{
  g_autoptr(SolaceJournalEntry) late = NULL;
  g_autoptr(SolaceJournalEntry) first = NULL;

  for (guint i = 0; i < 130; i++)
    {
      g_autofree char *body = g_strdup_printf ("Entry %u: walked by the river again, thinking.", i);
      g_autoptr(SolaceJournalEntry) entry = make_entry (SOLACE_ENTRY_KIND_REFLECTION, body, 0, NULL, NULL, 0);
      g_autoptr(GError) error = NULL;

      g_assert_cmpint (solace_journal_store_save (f->store, entry, &error), >, 0);
      g_assert_no_error (error);
    }
  settle (f);

  search (f, "river");
  g_assert_cmpuint (n_items (f), ==, 130);

  first = g_list_model_get_item (G_LIST_MODEL (f->store), 0);
  g_assert_nonnull (strstr (solace_journal_entry_get_snippet (first), "<b>river</b>"));

  late = g_list_model_get_item (G_LIST_MODEL (f->store), 110);
  g_assert_true (solace_test_wait_until (has_snippet, late, 5000));
  g_assert_nonnull (strstr (solace_journal_entry_get_snippet (late), "<b>river</b>"));
  /* It is the snippet of this very entry. */
  {
    g_autofree char *number = g_strdup_printf ("Entry %u:", 129 - 110);
    g_assert_nonnull (strstr (solace_journal_entry_get_snippet (late), number));
  }
}

static void
test_hostile_search (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GString) huge = g_string_new (NULL);
  g_autofree char *invalid_utf8 = g_strdup ("abc\xff\xfe def");
  const char *queries[] = {
    "\"", "\"\"", "\"unterminated", "NEAR(", "NEAR(a b", "NEAR(a b, 2)", "*", "a*", "**", "-", "-foo",
    "foo -bar", "AND", "OR", "NOT", "a AND", "(", ")", "((a)", "body:", "body:foo", "{body}: x",
    "^start", "'; DROP TABLE journal_entry; --", "%", "_", "\\", "😢", "😢 friend", "🏳️‍🌈",
    "\t\n", "a\"b\"c", "col1 : x", "+", "x+y", "\x01\x02", "ﬁ", "İstanbul", "ß", NULL
  };
  g_autoptr(SolaceJournalEntry) entry = make_entry (SOLACE_ENTRY_KIND_REFLECTION,
                                                    "A friend said NOT to worry; \"quotes\" and foo-bar too.",
                                                    0, NULL, NULL, 0);

  save (f, entry);

  for (guint i = 0; queries[i] != NULL; i++)
    {
      search (f, queries[i]);
      g_assert_no_error (f->failure);
      g_assert_cmpuint (n_items (f), <=, 1);
    }

  for (guint i = 0; i < 10000; i++)
    g_string_append_c (huge, "ab \"*()-:^"[i % 10]);
  search (f, huge->str);
  g_assert_no_error (f->failure);

  search (f, invalid_utf8);
  g_assert_no_error (f->failure);

  /* Operators are words like any other: these find the entry. */
  search (f, "NOT");
  g_assert_cmpuint (n_items (f), ==, 1);
  search (f, "\"quotes\"");
  g_assert_cmpuint (n_items (f), ==, 1);
  search (f, "foo-bar");
  g_assert_cmpuint (n_items (f), ==, 1);

  /* The journal is still whole afterwards. */
  g_assert_cmpint (solace_test_query_int (f->path, "SELECT count(*) FROM journal_entry"), ==, 1);
}

static void
test_build_match (void)
{
  struct {
    const char *text;
    const char *match;
  } cases[] = {
    { NULL, NULL },
    { "", NULL },
    { "   ", NULL },
    { "😢", NULL },
    { "- * ( )", NULL },
    { "friend", "\"friend\"*" },
    { "my friend", "\"my\"* \"friend\"*" },
    { "say \"hi\"", "\"say\"* \"\"\"hi\"\"\"*" },
    { "NEAR(a", "\"NEAR(a\"*" },
    { "a", NULL },
    { "I am", "\"am\"*" },
    { "am AM am", "\"am\"*" },
    { "one two three four five six seven eight nine ten", "\"one\"* \"two\"* \"three\"* \"four\"* \"five\"* \"six\"* \"seven\"* \"eight\"*" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *match = solace_journal_build_match (cases[i].text);
      g_assert_cmpstr (match, ==, cases[i].match);
    }
}

static void
test_find_date (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  for (int days_ago = 30; days_ago >= 0; days_ago -= 3)
    {
      g_autoptr(SolaceJournalEntry) entry = make_entry (SOLACE_ENTRY_KIND_REFLECTION, "x", 0, NULL, NULL, days_ago);
      save (f, entry);
    }
  g_assert_cmpuint (n_items (f), ==, 11);

  /* 4 days ago: the newest entry on or before it was 6 days ago, the
   * third in the list (0, 3, 6 days ago). */
  {
    g_autoptr(GDateTime) when = g_date_time_add_days (now, -4);
    g_autoptr(GDate) date = g_date_new_dmy (g_date_time_get_day_of_month (when),
                                            g_date_time_get_month (when),
                                            g_date_time_get_year (when));
    g_assert_cmpuint (solace_journal_store_find_date (f->store, date), ==, 2);

    g_date_subtract_years (date, 5);
    g_assert_cmpuint (solace_journal_store_find_date (f->store, date), ==, 11);
    g_date_add_years (date, 10);
    g_assert_cmpuint (solace_journal_store_find_date (f->store, date), ==, 0);
  }
}

static void
test_parse_tags (void)
{
  g_auto(GStrv) tags = solace_journal_parse_tags ("  work, Work ,, family;\nnight , ");
  g_auto(GStrv) empty = solace_journal_parse_tags ("");
  g_autoptr(GString) long_tag = g_string_new (NULL);
  g_auto(GStrv) trimmed = NULL;
  const char * const expected[] = { "work", "family", "night", NULL };

  g_assert_true (g_strv_equal ((const char * const *) tags, expected));
  g_assert_cmpuint (g_strv_length (empty), ==, 0);

  for (guint i = 0; i < 500; i++)
    g_string_append (long_tag, "é");
  trimmed = solace_journal_parse_tags (long_tag->str);
  g_assert_cmpuint (g_utf8_strlen (trimmed[0], -1), ==, 64);
}

static void
test_blank_entry (void)
{
  g_autoptr(SolaceJournalEntry) entry = solace_journal_entry_new (SOLACE_ENTRY_KIND_REFLECTION);

  g_assert_true (solace_journal_entry_is_blank (entry));
  solace_journal_entry_set_body (entry, " \n\t ");
  g_assert_true (solace_journal_entry_is_blank (entry));
  solace_journal_entry_set_mood (entry, 3);
  g_assert_false (solace_journal_entry_is_blank (entry));
  solace_journal_entry_set_mood (entry, 0);
  solace_journal_entry_set_body (entry, "x");
  g_assert_false (solace_journal_entry_is_blank (entry));
}

/* Kill a writer with SIGKILL at random moments, many times over: the
 * database stays whole, and every save it reported finished is there. */
static void
test_killed_while_writing (Fixture       *f,
                           gconstpointer  data)
{
  g_autofree char *writer = g_test_build_filename (G_TEST_BUILT, "solace-test-writer", NULL);
  g_autoptr(GHashTable) promised = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  guint total_lines = 0;

  /* The fixture's store stays open but idle: only the writer writes. */
  solace_journal_store_flush (f->store);

  for (guint round = 0; round < 12; round++)
    {
      const char *argv[] = { writer, f->path, NULL };
      g_autoptr(GError) error = NULL;
      g_autoptr(GIOChannel) channel = NULL;
      g_autofree char *line = NULL;
      GPid pid;
      int out_fd;
      int status;

      g_spawn_async_with_pipes (NULL, (char **) argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD,
                                NULL, NULL, &pid, NULL, &out_fd, NULL, &error);
      g_assert_no_error (error);

      channel = g_io_channel_unix_new (out_fd);
      g_io_channel_set_close_on_unref (channel, TRUE);
      g_assert_cmpint (g_io_channel_read_line (channel, &line, NULL, NULL, NULL), ==, G_IO_STATUS_NORMAL);
      g_assert_cmpstr (line, ==, "ready\n");

      g_usleep (g_test_rand_int_range (20, 400) * 1000);
      kill (pid, SIGKILL);
      g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
      g_assert_true (WIFSIGNALED (status));
      g_spawn_close_pid (pid);

      /* Everything it said before dying. */
      for (;;)
        {
          gint64 id;
          int version;

          g_clear_pointer (&line, g_free);
          if (g_io_channel_read_line (channel, &line, NULL, NULL, NULL) != G_IO_STATUS_NORMAL)
            break;

          if (sscanf (line, "%" G_GINT64_FORMAT " %d", &id, &version) != 2)
            continue;
          g_hash_table_insert (promised, g_memdup2 (&id, sizeof id), GINT_TO_POINTER (version));
          total_lines++;
        }

      {
        g_autoptr(SolaceDatabase) db = solace_database_open (f->path, SOLACE_DATABASE_FLAGS_NONE, &error);

        g_assert_no_error (error);
        g_assert_true (solace_database_check_integrity (db, &error));
        g_assert_no_error (error);
      }
    }

  g_test_message ("%u saves reported before 12 kills", total_lines);
  g_assert_cmpuint (g_hash_table_size (promised), >, 0);

  {
    GHashTableIter iter;
    gpointer key, value;

    g_hash_table_iter_init (&iter, promised);
    while (g_hash_table_iter_next (&iter, &key, &value))
      {
        g_autofree char *sql = g_strdup_printf ("SELECT CAST (substr (body, 9, 1) AS INTEGER) FROM journal_entry WHERE id = %" G_GINT64_FORMAT,
                                                *(gint64 *) key);
        /* The saved version is the one promised, or a later one. */
        g_assert_cmpint (solace_test_query_int (f->path, sql), >=, GPOINTER_TO_INT (value));
      }
  }

  /* The full-text index agrees with the table after all that. */
  solace_test_exec (f->path, "INSERT INTO journal_fts (journal_fts) VALUES ('integrity-check')");
}

static void
refused_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  GError **error = user_data;

  g_assert_cmpint (solace_journal_store_save_finish (SOLACE_JOURNAL_STORE (object), result, error), ==, 0);
  g_assert_nonnull (*error);
}

static gboolean
error_set (gpointer data)
{
  return *(GError **) data != NULL;
}

/* The editor's autosave goes through save_async: an entry one character
 * over the limit (four bytes each) is refused there too, and the entry
 * as it was stays, on disk and in the list. */
static void
test_over_limit (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(SolaceJournalEntry) entry = solace_journal_entry_new (SOLACE_ENTRY_KIND_REFLECTION);
  g_autoptr(GString) body = g_string_sized_new (SOLACE_LIMIT_BYTES (SOLACE_MAX_ENTRY_CHARS + 1));
  g_autoptr(GError) error = NULL;
  g_autofree char *limit = g_strdup_printf ("%'d", SOLACE_MAX_ENTRY_CHARS);

  for (guint i = 0; i < SOLACE_MAX_ENTRY_CHARS; i++)
    g_string_append (body, "😀");
  solace_journal_entry_set_body (entry, body->str);
  save (f, entry);

  g_string_append (body, "😀");
  solace_journal_entry_set_body (entry, body->str);
  solace_journal_store_save_async (f->store, entry, NULL, refused_cb, &error);
  g_assert_true (solace_test_wait_until (error_set, &error, 10000));
  g_assert_error (error, SOLACE_ERROR, SOLACE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, limit));

  g_assert_cmpint (solace_test_query_int (f->path, "SELECT length (body) FROM journal_entry"), ==,
                   SOLACE_MAX_ENTRY_CHARS);
  settle (f);
  g_assert_cmpuint (n_items (f), ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(name, func) g_test_add (name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/journal-store/round-trip", test_round_trip);
  ADD ("/journal-store/newest-first", test_list_is_newest_first_and_lazy);
  ADD ("/journal-store/queued-saves", test_queued_saves_make_one_row);
  ADD ("/journal-store/delete-restore", test_delete_and_restore);
  ADD ("/journal-store/filters", test_filters);
  ADD ("/journal-store/search", test_search_prefix_and_snippet);
  ADD ("/journal-store/hostile-search", test_hostile_search);
  ADD ("/journal-store/search-snippets-later", test_search_snippets_past_first_page);
  ADD ("/journal-store/find-date", test_find_date);
  ADD ("/journal-store/killed-while-writing", test_killed_while_writing);
  ADD ("/journal-store/over-limit", test_over_limit);
#undef ADD
  g_test_add_func ("/journal-store/build-match", test_build_match);
  g_test_add_func ("/journal-store/parse-tags", test_parse_tags);
  g_test_add_func ("/journal-store/blank-entry", test_blank_entry);

  return g_test_run ();
}
