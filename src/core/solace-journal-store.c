/* solace-journal-store.c — the journal as a GListModel over SQLite
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "solace-journal-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "solace-error.h"
#include "solace-journal-store.h"
#include "solace-limits.h"

/* How much of an entry the list needs to show its start. */
#define PREVIEW_CHARS 280
/* The first page arrives on its own, before the rest of the list. */
#define FIRST_PAGE 50
/* Items kept alive for rows that scroll back into view. */
#define CACHE_LIMIT 512
/* Words beyond this many in a search add nothing but work: eight words
 * that must all be there already pick out an entry. */
#define MAX_SEARCH_TERMS 8
/* A search word longer than this is no word anyone typed to find. */
#define MAX_TERM_BYTES 256

struct _SolaceJournalStore
{
  GObject              parent_instance;

  SolaceDatabase      *database;   /* writes, on the writer thread */
  SolaceDatabase      *reader;     /* rows for the list, on the main thread */
  SolaceDatabase      *querier;    /* list queries, on worker threads */

  sqlite3_stmt        *row_stmt;
  sqlite3_stmt        *day_stmt;

  GThreadPool         *writer;
  GMutex               writer_mutex;
  GCond                writer_cond;
  guint                writes_pending;

  SolaceJournalFilter *filter;
  char                *match;      /* FTS5 query for filter->text */
  GArray              *ids;        /* gint64, in list order */
  GHashTable          *cache;      /* id -> SolaceJournalEntry */
  GHashTable          *snippets;   /* id -> markup, for the current search */
  GHashTable          *snippet_pages; /* pages of snippets being fetched */
  guint                generation;
  guint                loading : 1;
};

enum {
  PROP_0,
  PROP_DATABASE,
  PROP_LOADING,
  PROP_N_ITEMS,
  N_PROPS
};

enum {
  FAILED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

typedef enum {
  WRITE_SAVE,
  WRITE_DELETE,
  WRITE_BARRIER,
} WriteKind;

typedef struct {
  WriteKind           kind;
  SolaceJournalEntry *entry;
  gint64              id;
} WriteOp;

typedef struct {
  SolaceJournalFilter *filter;
  char                *match;
  guint                generation;
  int                  limit;
  gint64               before_id;  /* snippet pages: start at this rowid */
  guint                page;       /* snippet pages: which one */
} QueryOp;

typedef struct {
  GArray    *ids;
  GPtrArray *snippets;  /* markup per id, or NULL when not asked for */
} QueryResult;

static void
query_result_free (QueryResult *result)
{
  g_clear_pointer (&result->ids, g_array_unref);
  g_clear_pointer (&result->snippets, g_ptr_array_unref);
  g_free (result);
}

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (SolaceJournalStore, solace_journal_store, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

static void
write_op_free (WriteOp *op)
{
  g_clear_object (&op->entry);
  g_free (op);
}

static void
query_op_free (QueryOp *op)
{
  solace_journal_filter_free (op->filter);
  g_free (op->match);
  g_free (op);
}

/* Filters */

SolaceJournalFilter *
solace_journal_filter_new (void)
{
  SolaceJournalFilter *filter = g_new0 (SolaceJournalFilter, 1);

  filter->kind = -1;

  return filter;
}

SolaceJournalFilter *
solace_journal_filter_copy (const SolaceJournalFilter *filter)
{
  SolaceJournalFilter *copy;

  if (filter == NULL)
    return solace_journal_filter_new ();

  copy = g_new0 (SolaceJournalFilter, 1);
  copy->text = g_strdup (filter->text);
  copy->kind = filter->kind;
  copy->mood = filter->mood;
  copy->tag = g_strdup (filter->tag);
  if (filter->from != NULL && g_date_valid (filter->from))
    copy->from = g_date_copy (filter->from);
  if (filter->to != NULL && g_date_valid (filter->to))
    copy->to = g_date_copy (filter->to);

  return copy;
}

void
solace_journal_filter_free (SolaceJournalFilter *filter)
{
  if (filter == NULL)
    return;

  g_free (filter->text);
  g_free (filter->tag);
  g_clear_pointer (&filter->from, g_date_free);
  g_clear_pointer (&filter->to, g_date_free);
  g_free (filter);
}

static gboolean
text_is_blank (const char *text)
{
  if (text == NULL)
    return TRUE;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)))
      return FALSE;

  return TRUE;
}

gboolean
solace_journal_filter_is_empty (const SolaceJournalFilter *filter)
{
  return filter == NULL ||
         (text_is_blank (filter->text) &&
          filter->kind < 0 &&
          filter->mood == 0 &&
          filter->tag == NULL &&
          filter->from == NULL &&
          filter->to == NULL);
}

static gboolean
date_equal0 (const GDate *a,
             const GDate *b)
{
  if (a == NULL || b == NULL)
    return a == b;

  return g_date_compare (a, b) == 0;
}

gboolean
solace_journal_filter_equal (const SolaceJournalFilter *a,
                             const SolaceJournalFilter *b)
{
  if (a == NULL || b == NULL)
    return solace_journal_filter_is_empty (a) && solace_journal_filter_is_empty (b);

  return g_strcmp0 (a->text, b->text) == 0 &&
         a->kind == b->kind &&
         a->mood == b->mood &&
         g_strcmp0 (a->tag, b->tag) == 0 &&
         date_equal0 (a->from, b->from) &&
         date_equal0 (a->to, b->to);
}

static guint
count_token_chars (const char *word)
{
  guint n = 0;

  for (const char *p = word; *p != '\0'; p = g_utf8_next_char (p))
    if (g_unichar_isalnum (g_utf8_get_char (p)))
      n++;

  return n;
}

/**
 * solace_journal_build_match:
 * @text: whatever the person typed
 *
 * Each whitespace-separated word becomes an FTS5 string, quoted with its
 * own quotes doubled, and marked as a prefix.  Quoting turns operators
 * such as NEAR(, AND, -, * and column filters into plain words, so no
 * input can make the query invalid.  Left out: words with nothing the
 * tokenizer would index (only punctuation or emoji), single letters
 * (they match nearly every entry and cost the most to look up), repeated
 * words, and words after the eighth.
 *
 * Returns: (nullable): the query, or %NULL if nothing is left to search
 */
char *
solace_journal_build_match (const char *text)
{
  g_autoptr(GString) match = NULL;
  g_autoptr(GPtrArray) seen = NULL;
  g_autofree char *valid = NULL;
  g_auto(GStrv) words = NULL;

  if (text == NULL)
    return NULL;

  valid = g_utf8_make_valid (text, -1);
  words = g_strsplit_set (valid, " \t\n\r\f\v", -1);
  match = g_string_new (NULL);
  seen = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; words[i] != NULL && seen->len < MAX_SEARCH_TERMS; i++)
    {
      const char *word = words[i];
      g_autofree char *folded = NULL;
      gboolean repeated = FALSE;

      if (count_token_chars (word) < 2 || strlen (word) > MAX_TERM_BYTES)
        continue;

      folded = g_utf8_casefold (word, -1);
      for (guint j = 0; j < seen->len; j++)
        repeated |= g_str_equal (folded, g_ptr_array_index (seen, j));
      if (repeated)
        continue;
      g_ptr_array_add (seen, g_steal_pointer (&folded));

      if (match->len > 0)
        g_string_append_c (match, ' ');

      g_string_append_c (match, '"');
      for (const char *p = word; *p != '\0'; p++)
        {
          if (*p == '"')
            g_string_append_c (match, '"');
          g_string_append_c (match, *p);
        }
      g_string_append (match, "\"*");
    }

  if (seen->len == 0)
    return NULL;

  return g_string_free (g_steal_pointer (&match), FALSE);
}

/* Text with no letter or digit in it (punctuation, emoji) can match
 * nothing; text whose words are all single letters is not a search yet. */
static gboolean
text_can_match (const char *text)
{
  return text != NULL && count_token_chars (text) > 0;
}

/* Reading rows */

static void
split_tags (const char  *joined,
            char      ***out)
{
  if (joined == NULL || *joined == '\0')
    *out = g_new0 (char *, 1);
  else
    *out = g_strsplit (joined, "\x1f", -1);
}

static const char row_sql[] =
  "SELECT e.id, e.uuid, e.kind, e.prompt, substr (e.body, 1, ?2), e.mood,"
  "       e.created_at, e.updated_at,"
  "       (SELECT group_concat (name, char (31)) FROM"
  "          (SELECT name FROM journal_tag WHERE entry_id = e.id AND is_emotion = 1 ORDER BY position)),"
  "       (SELECT group_concat (name, char (31)) FROM"
  "          (SELECT name FROM journal_tag WHERE entry_id = e.id AND is_emotion = 0 ORDER BY position)),"
  "       length (e.body)"
  "  FROM journal_entry e WHERE e.id = ?1";

/* Steps @stmt (already bound) and builds an entry from its row. */
static SolaceJournalEntry *
entry_from_row (SolaceDatabase  *db,
                sqlite3_stmt    *stmt,
                int              max_chars,
                GError         **error)
{
  g_autoptr(SolaceJournalEntry) entry = NULL;
  g_autoptr(GDateTime) created = NULL;
  g_autoptr(GDateTime) updated = NULL;
  g_auto(GStrv) emotions = NULL;
  g_auto(GStrv) tags = NULL;
  SolaceEntryKind kind = SOLACE_ENTRY_KIND_REFLECTION;
  int rc;

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    {
      g_set_error (error, SOLACE_ERROR, SOLACE_ERROR_NOT_FOUND,
                   _("That journal entry no longer exists."));
      return NULL;
    }
  if (rc != SQLITE_ROW)
    {
      solace_database_set_error (db, error, rc, _("Reading a journal entry"));
      return NULL;
    }

  solace_entry_kind_from_key ((const char *) sqlite3_column_text (stmt, 2), &kind);
  created = g_date_time_new_from_unix_local (sqlite3_column_int64 (stmt, 6));
  updated = g_date_time_new_from_unix_local (sqlite3_column_int64 (stmt, 7));
  split_tags ((const char *) sqlite3_column_text (stmt, 8), &emotions);
  split_tags ((const char *) sqlite3_column_text (stmt, 9), &tags);

  entry = g_object_new (SOLACE_TYPE_JOURNAL_ENTRY,
                        "id", (gint64) sqlite3_column_int64 (stmt, 0),
                        "uuid", (const char *) sqlite3_column_text (stmt, 1),
                        "kind", kind,
                        "prompt", (const char *) sqlite3_column_text (stmt, 3),
                        "body", (const char *) sqlite3_column_text (stmt, 4),
                        "mood", sqlite3_column_int (stmt, 5),
                        "created", created,
                        "updated", updated,
                        "emotions", emotions,
                        "tags", tags,
                        "is-preview", sqlite3_column_int (stmt, 10) > max_chars,
                        NULL);

  return g_steal_pointer (&entry);
}

static SolaceJournalEntry *
load_with (SolaceDatabase  *db,
           sqlite3_stmt    *stmt,
           gint64           id,
           int              max_chars,
           GError         **error)
{
  SolaceJournalEntry *entry;

  solace_database_lock (db);
  sqlite3_reset (stmt);
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_int (stmt, 2, max_chars);
  entry = entry_from_row (db, stmt, max_chars, error);
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  solace_database_unlock (db);

  return entry;
}

static SolaceJournalEntry *
load_full (SolaceDatabase  *db,
           gint64           id,
           GError         **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  solace_database_lock (db);
  stmt = solace_database_prepare (db, row_sql, error);
  solace_database_unlock (db);
  if (stmt == NULL)
    return NULL;

  return load_with (db, stmt, id, G_MAXINT, error);
}

/* The snippet arrives with U+0001 and U+0002 around each match; it
 * becomes Pango markup with everything else escaped.  The person's own
 * text may hold those characters too, so tags are only opened and closed
 * in turn, and other control characters become spaces (Pango would
 * refuse them even escaped).
 *
 * SQLite's snippet counts words, and one "word" can be a million
 * characters long: what is shown is at most SOLACE_PREVIEW_CHARS of it,
 * from a little before the first match, with "…" where it was cut. */
static char *
snippet_to_markup (const char *snippet)
{
  GString *markup = g_string_new (NULL);
  gboolean open = FALSE;
  guint n_chars = 0, first_match = 0, first, last, i;
  gboolean matched = FALSE;
  const char *p;

  for (p = snippet; *p != '\0'; p = g_utf8_next_char (p))
    {
      if (*p == '\x01' && !matched)
        {
          first_match = n_chars;
          matched = TRUE;
        }
      if (*p != '\x01' && *p != '\x02')
        n_chars++;
    }

  first = 0;
  if (n_chars > SOLACE_PREVIEW_CHARS && first_match > SOLACE_PREVIEW_CHARS / 4)
    first = MIN (first_match - SOLACE_PREVIEW_CHARS / 4, n_chars - SOLACE_PREVIEW_CHARS);
  last = MIN (n_chars, first + SOLACE_PREVIEW_CHARS);

  if (first > 0)
    g_string_append (markup, "…");

  for (p = snippet, i = 0; *p != '\0' && i < last; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == 1 || c == 2)
        {
          if (c == 1 && !open)
            g_string_append (markup, "<b>");
          else if (c == 2 && open)
            g_string_append (markup, "</b>");
          open = c == 1;
          continue;
        }

      /* A cut never starts on an accent torn from its letter. */
      if (i++ < first || (i - 1 == first && first > 0 && g_unichar_ismark (c)))
        continue;

      switch (c)
        {
        case '&':
          g_string_append (markup, "&amp;");
          break;
        case '<':
          g_string_append (markup, "&lt;");
          break;
        case '>':
          g_string_append (markup, "&gt;");
          break;
        case '"':
          g_string_append (markup, "&quot;");
          break;
        case '\'':
          g_string_append (markup, "&#39;");
          break;
        default:
          if (c < 0x20 || c == 0x7f)
            g_string_append_c (markup, ' ');
          else
            g_string_append_len (markup, p, g_utf8_next_char (p) - p);
        }
    }

  if (open)
    g_string_append (markup, "</b>");
  if (last < n_chars)
    g_string_append (markup, "…");

  return g_string_free (markup, FALSE);
}

static char *
date_to_iso (const GDate *date)
{
  return g_strdup_printf ("%04u-%02u-%02u",
                          g_date_get_year (date),
                          g_date_get_month (date),
                          g_date_get_day (date));
}

static void
bind_named_text (sqlite3_stmt *stmt,
                 const char   *name,
                 const char   *value)
{
  int index = sqlite3_bind_parameter_index (stmt, name);

  if (index > 0)
    sqlite3_bind_text (stmt, index, value, -1, SQLITE_TRANSIENT);
}

static void
bind_named_int (sqlite3_stmt *stmt,
                const char   *name,
                int           value)
{
  int index = sqlite3_bind_parameter_index (stmt, name);

  if (index > 0)
    sqlite3_bind_int (stmt, index, value);
}

/* The SQL is put together from constant pieces only; every value the
 * person chose is bound. */
static QueryResult *
run_query (SolaceDatabase             *db,
           const SolaceJournalFilter  *filter,
           const char                 *match,
           int                         limit,
           gint64                      before_id,
           guint                      *generation_now,
           guint                       generation,
           GError                    **error)
{
  g_autoptr(GString) sql = g_string_new (NULL);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) snippets = NULL;
  /* Snippets cost a read of the text each, so only a page at a time. */
  gboolean want_snippets = match != NULL && limit > 0;
  QueryResult *result;
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  guint steps = 0;
  int rc;

  if (want_snippets)
    g_string_append (sql,
                     "SELECT e.id, snippet (journal_fts, 0, char (1), char (2), '…', 24)"
                     " FROM journal_fts f JOIN journal_entry e ON e.id = f.rowid"
                     " WHERE journal_fts MATCH :match");
  else if (match != NULL)
    g_string_append (sql,
                     "SELECT e.id FROM journal_fts f"
                     " JOIN journal_entry e ON e.id = f.rowid"
                     " WHERE journal_fts MATCH :match");
  else
    g_string_append (sql, "SELECT e.id FROM journal_entry e WHERE 1");

  if (match != NULL && before_id > 0)
    g_string_append (sql, " AND f.rowid <= :before");

  if (filter->kind >= 0)
    g_string_append (sql, " AND e.kind = :kind");
  if (filter->mood > 0)
    g_string_append (sql, " AND e.mood = :mood");
  if (filter->tag != NULL)
    g_string_append (sql, " AND EXISTS (SELECT 1 FROM journal_tag t"
                          " WHERE t.entry_id = e.id AND t.name = :tag)");
  if (filter->from != NULL)
    g_string_append (sql, " AND e.day >= :from");
  if (filter->to != NULL)
    g_string_append (sql, " AND e.day <= :to");

  /* Search results come newest first by when they were written, which
   * lets FTS5 walk its index backwards and stop at the first page
   * instead of sorting every match. */
  if (match != NULL)
    g_string_append (sql, " ORDER BY f.rowid DESC");
  else
    g_string_append (sql, " ORDER BY e.created_at DESC, e.id DESC");

  if (limit > 0)
    g_string_append (sql, " LIMIT :limit");

  stmt = solace_database_prepare (db, sql->str, error);
  if (stmt == NULL)
    return NULL;

  if (match != NULL)
    bind_named_text (stmt, ":match", match);
  if (filter->kind >= 0)
    bind_named_text (stmt, ":kind", solace_entry_kind_to_key (filter->kind));
  if (filter->mood > 0)
    bind_named_int (stmt, ":mood", filter->mood);
  if (filter->tag != NULL)
    bind_named_text (stmt, ":tag", filter->tag);
  if (filter->from != NULL)
    bind_named_text (stmt, ":from", (from = date_to_iso (filter->from)));
  if (filter->to != NULL)
    bind_named_text (stmt, ":to", (to = date_to_iso (filter->to)));
  if (limit > 0)
    bind_named_int (stmt, ":limit", limit);
  if (match != NULL && before_id > 0)
    sqlite3_bind_int64 (stmt, sqlite3_bind_parameter_index (stmt, ":before"), before_id);

  if (want_snippets)
    snippets = g_ptr_array_new_with_free_func (g_free);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (ids, id);
      if (snippets != NULL)
        {
          const char *snippet = (const char *) sqlite3_column_text (stmt, 1);
          g_ptr_array_add (snippets, snippet_to_markup (snippet != NULL ? snippet : ""));
        }

      /* Give up early when a newer query has replaced this one. */
      if (generation_now != NULL && (++steps % 4096) == 0 &&
          (guint) g_atomic_int_get ((int *) generation_now) != generation)
        {
          g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, "Superseded");
          return NULL;
        }
    }

  if (rc != SQLITE_DONE)
    {
      solace_database_set_error (db, error, rc, _("Searching the journal"));
      return NULL;
    }

  result = g_new0 (QueryResult, 1);
  result->ids = g_steal_pointer (&ids);
  result->snippets = g_steal_pointer (&snippets);

  return result;
}

static void
query_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  SolaceJournalStore *self = source_object;
  QueryOp *op = task_data;
  GError *error = NULL;
  QueryResult *result;

  result = run_query (self->querier, op->filter, op->match, op->limit, op->before_id,
                      &self->generation, op->generation, &error);
  if (result == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, result, (GDestroyNotify) query_result_free);
}

static void
remember_snippets (SolaceJournalStore *self,
                   QueryResult        *result)
{
  if (result->snippets == NULL)
    return;

  /* Rows scrolled far past fetch theirs again if they come back. */
  if (g_hash_table_size (self->snippets) > 20 * CACHE_LIMIT)
    g_hash_table_remove_all (self->snippets);

  for (guint i = 0; i < result->ids->len; i++)
    {
      gint64 id = g_array_index (result->ids, gint64, i);
      const char *markup = g_ptr_array_index (result->snippets, i);
      SolaceJournalEntry *cached = g_hash_table_lookup (self->cache, &id);

      g_hash_table_insert (self->snippets, g_memdup2 (&id, sizeof id), g_strdup (markup));
      if (cached != NULL)
        solace_journal_entry_set_snippet (cached, markup);
    }
}

static void start_query (SolaceJournalStore *self,
                         int                 limit);

static void
set_loading (SolaceJournalStore *self,
             gboolean            loading)
{
  if (self->loading != !!loading)
    {
      self->loading = !!loading;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
    }
}

static void
replace_ids (SolaceJournalStore *self,
             GArray             *ids)
{
  guint old_len = self->ids->len;
  guint new_len = ids->len;
  guint prefix = 0;

  while (prefix < old_len && prefix < new_len &&
         g_array_index (self->ids, gint64, prefix) == g_array_index (ids, gint64, prefix))
    prefix++;

  g_array_unref (self->ids);
  self->ids = g_array_ref (ids);

  if (prefix == old_len && prefix == new_len)
    return;

  g_list_model_items_changed (G_LIST_MODEL (self), prefix, old_len - prefix, new_len - prefix);
  if (old_len != new_len)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
}

static void
query_done_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  SolaceJournalStore *self = SOLACE_JOURNAL_STORE (object);
  QueryOp *op = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  QueryResult *found;

  found = g_task_propagate_pointer (G_TASK (result), &error);

  if (op->generation != self->generation)
    {
      g_clear_pointer (&found, query_result_free);
      return;
    }

  if (found == NULL)
    {
      set_loading (self, FALSE);
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_signal_emit (self, signals[FAILED], 0, error);
      return;
    }

  /* Snippets first, so the rows bound by replace_ids() show them. */
  remember_snippets (self, found);
  replace_ids (self, found->ids);

  /* A full first page may have more behind it. */
  if (op->limit > 0 && found->ids->len == (guint) op->limit)
    start_query (self, 0);
  else
    set_loading (self, FALSE);

  query_result_free (found);
}

static void
snippet_page_done_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  SolaceJournalStore *self = SOLACE_JOURNAL_STORE (object);
  QueryOp *op = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  QueryResult *found;

  found = g_task_propagate_pointer (G_TASK (result), &error);

  if (op->generation == self->generation)
    {
      g_hash_table_remove (self->snippet_pages, GUINT_TO_POINTER (op->page));
      if (found != NULL)
        remember_snippets (self, found);
    }

  g_clear_pointer (&found, query_result_free);
}

/* The rows after the first page get their snippets a page at a time,
 * from a worker: FTS5 walks its index from the page's first id
 * downwards and stops after a page, so each costs about what the first
 * page did. */
static void
fetch_snippet_page (SolaceJournalStore *self,
                    guint               position)
{
  g_autoptr(GTask) task = NULL;
  guint page = position / FIRST_PAGE;
  QueryOp *op;

  if (g_hash_table_contains (self->snippet_pages, GUINT_TO_POINTER (page)))
    return;
  g_hash_table_add (self->snippet_pages, GUINT_TO_POINTER (page));

  /* With the same filter, the page holds exactly the list's rows. */
  op = g_new0 (QueryOp, 1);
  op->filter = solace_journal_filter_copy (self->filter);
  op->match = g_strdup (self->match);
  op->generation = self->generation;
  op->limit = FIRST_PAGE;
  op->page = page;
  op->before_id = g_array_index (self->ids, gint64, page * FIRST_PAGE);

  task = g_task_new (self, NULL, snippet_page_done_cb, NULL);
  g_task_set_source_tag (task, fetch_snippet_page);
  g_task_set_task_data (task, op, (GDestroyNotify) query_op_free);
  g_task_run_in_thread (task, query_thread);
}

static void
start_query (SolaceJournalStore *self,
             int                 limit)
{
  g_autoptr(GTask) task = NULL;
  QueryOp *op;

  op = g_new0 (QueryOp, 1);
  op->filter = solace_journal_filter_copy (self->filter);
  op->match = g_strdup (self->match);
  op->generation = self->generation;
  op->limit = limit;

  set_loading (self, TRUE);

  task = g_task_new (self, NULL, query_done_cb, NULL);
  g_task_set_source_tag (task, start_query);
  g_task_set_task_data (task, op, (GDestroyNotify) query_op_free);
  g_task_run_in_thread (task, query_thread);
}

static void
requery (SolaceJournalStore *self)
{
  g_atomic_int_inc ((int *) &self->generation);
  g_hash_table_remove_all (self->cache);
  g_hash_table_remove_all (self->snippets);
  g_hash_table_remove_all (self->snippet_pages);

  if (!text_is_blank (self->filter->text) && self->match == NULL &&
      !text_can_match (self->filter->text))
    {
      /* Only punctuation or emoji was typed: nothing matches. */
      g_autoptr(GArray) none = g_array_new (FALSE, FALSE, sizeof (gint64));

      replace_ids (self, none);
      set_loading (self, FALSE);
      return;
    }

  start_query (self, FIRST_PAGE);
}

/* Writes, on the writer thread */

static gboolean
write_tags (SolaceDatabase      *db,
            gint64               id,
            const char * const  *names,
            gboolean             is_emotion,
            GError             **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = solace_database_prepare (db,
                                  "INSERT OR IGNORE INTO journal_tag (entry_id, name, is_emotion, position)"
                                  " VALUES (?1, ?2, ?3, ?4)",
                                  error);
  if (stmt == NULL)
    return FALSE;

  for (guint i = 0; names != NULL && names[i] != NULL; i++)
    {
      int rc;

      sqlite3_bind_int64 (stmt, 1, id);
      sqlite3_bind_text (stmt, 2, names[i], -1, SQLITE_TRANSIENT);
      sqlite3_bind_int (stmt, 3, is_emotion);
      sqlite3_bind_int (stmt, 4, i);
      rc = sqlite3_step (stmt);
      if (rc != SQLITE_DONE)
        {
          solace_database_set_error (db, error, rc, _("Saving tags"));
          return FALSE;
        }
      sqlite3_reset (stmt);
    }

  return TRUE;
}

/* What the import would refuse, the store refuses too: an export always
 * imports.  Checked before anything is written, so nothing changes. */
static gboolean
check_entry (SolaceJournalEntry  *entry,
             GError             **error)
{
  const char * const *tags = solace_journal_entry_get_tags (entry);
  g_autoptr(GHashTable) distinct = g_hash_table_new (g_str_hash, g_str_equal);
  guint n_tags;

  if (!solace_text_fits (solace_journal_entry_get_body (entry), SOLACE_MAX_ENTRY_CHARS))
    {
      g_set_error (error, SOLACE_ERROR, SOLACE_ERROR_INVALID,
                   _("An entry can hold up to %'d characters, and this one is longer, so it was not saved. "
                     "Move part of it into a new entry and save again."),
                   SOLACE_MAX_ENTRY_CHARS);
      return FALSE;
    }

  if (solace_journal_entry_get_kind (entry) == SOLACE_ENTRY_KIND_PROMPT &&
      !solace_text_fits (solace_journal_entry_get_prompt (entry), SOLACE_MAX_PROMPT_CHARS))
    {
      g_set_error (error, SOLACE_ERROR, SOLACE_ERROR_INVALID,
                   _("A prompt can be up to %d characters; this one is longer, so the entry was not saved."),
                   SOLACE_MAX_PROMPT_CHARS);
      return FALSE;
    }

  for (guint i = 0; tags != NULL && tags[i] != NULL; i++)
    {
      if (*tags[i] == '\0' || !solace_text_fits (tags[i], SOLACE_MAX_TAG_CHARS))
        {
          g_set_error (error, SOLACE_ERROR, SOLACE_ERROR_INVALID,
                       _("A tag can be 1 to %d characters; one is longer, so the entry was not saved."),
                       SOLACE_MAX_TAG_CHARS);
          return FALSE;
        }
      /* The same tag twice is kept once. */
      g_hash_table_add (distinct, (gpointer) tags[i]);
    }
  n_tags = g_hash_table_size (distinct);

  if (n_tags > SOLACE_MAX_TAGS)
    {
      g_set_error (error, SOLACE_ERROR, SOLACE_ERROR_INVALID,
                   _("An entry can have up to %d tags; this one has %u, so it was not saved. "
                     "Keep the ones that matter most."),
                   SOLACE_MAX_TAGS, n_tags);
      return FALSE;
    }

  return TRUE;
}

static gint64
write_entry (SolaceDatabase      *db,
             SolaceJournalEntry  *entry,
             GError             **error)
{
  g_autoptr(sqlite3_stmt) upsert = NULL;
  g_autoptr(sqlite3_stmt) clear = NULL;
  g_autofree char *day = NULL;
  GDateTime *created = solace_journal_entry_get_created (entry);
  GDateTime *updated = solace_journal_entry_get_updated (entry);
  int mood = solace_journal_entry_get_mood (entry);
  gint64 id = 0;
  int rc;

  g_return_val_if_fail (created != NULL && updated != NULL, 0);

  if (!check_entry (entry, error))
    return 0;

  day = solace_journal_entry_dup_day_key (entry);

  solace_database_lock (db);

  if (!solace_database_begin (db, error))
    goto out;

  upsert = solace_database_prepare (db,
                                    "INSERT INTO journal_entry"
                                    " (id, uuid, kind, prompt, body, mood, day, created_at, updated_at)"
                                    " VALUES (NULLIF (?1, 0), ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)"
                                    " ON CONFLICT (uuid) DO UPDATE SET"
                                    "  kind = excluded.kind, prompt = excluded.prompt,"
                                    "  body = excluded.body, mood = excluded.mood,"
                                    "  updated_at = excluded.updated_at"
                                    " RETURNING id",
                                    error);
  if (upsert == NULL)
    goto rollback;

  sqlite3_bind_int64 (upsert, 1, solace_journal_entry_get_id (entry));
  sqlite3_bind_text (upsert, 2, solace_journal_entry_get_uuid (entry), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (upsert, 3, solace_entry_kind_to_key (solace_journal_entry_get_kind (entry)), -1, SQLITE_STATIC);
  if (solace_journal_entry_get_kind (entry) == SOLACE_ENTRY_KIND_PROMPT)
    sqlite3_bind_text (upsert, 4, solace_journal_entry_get_prompt (entry), -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (upsert, 4);
  sqlite3_bind_text (upsert, 5, solace_journal_entry_get_body (entry), -1, SQLITE_TRANSIENT);
  if (mood > 0)
    sqlite3_bind_int (upsert, 6, mood);
  else
    sqlite3_bind_null (upsert, 6);
  sqlite3_bind_text (upsert, 7, day, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (upsert, 8, g_date_time_to_unix (created));
  sqlite3_bind_int64 (upsert, 9, g_date_time_to_unix (updated));

  rc = sqlite3_step (upsert);
  if (rc != SQLITE_ROW)
    {
      solace_database_set_error (db, error, rc, _("Saving a journal entry"));
      goto rollback;
    }
  id = sqlite3_column_int64 (upsert, 0);
  rc = sqlite3_step (upsert);
  if (rc != SQLITE_DONE)
    {
      solace_database_set_error (db, error, rc, _("Saving a journal entry"));
      goto rollback;
    }

  clear = solace_database_prepare (db, "DELETE FROM journal_tag WHERE entry_id = ?1", error);
  if (clear == NULL)
    goto rollback;
  sqlite3_bind_int64 (clear, 1, id);
  rc = sqlite3_step (clear);
  if (rc != SQLITE_DONE)
    {
      solace_database_set_error (db, error, rc, _("Saving tags"));
      goto rollback;
    }

  if (!write_tags (db, id, solace_journal_entry_get_emotions (entry), TRUE, error) ||
      !write_tags (db, id, solace_journal_entry_get_tags (entry), FALSE, error))
    goto rollback;

  if (!solace_database_commit (db, error))
    goto rollback;

  goto out;

rollback:
  id = 0;
  solace_database_rollback (db);

out:
  solace_database_unlock (db);

  return id;
}

static SolaceJournalEntry *
remove_entry (SolaceDatabase  *db,
              gint64           id,
              GError         **error)
{
  g_autoptr(SolaceJournalEntry) entry = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  solace_database_lock (db);

  entry = load_full (db, id, error);
  if (entry == NULL)
    goto out;

  if (!solace_database_begin (db, error))
    {
      g_clear_object (&entry);
      goto out;
    }

  stmt = solace_database_prepare (db, "DELETE FROM journal_entry WHERE id = ?1", error);
  if (stmt == NULL)
    {
      g_clear_object (&entry);
      solace_database_rollback (db);
      goto out;
    }

  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_DONE || !solace_database_commit (db, error))
    {
      if (rc != SQLITE_DONE)
        solace_database_set_error (db, error, rc, _("Deleting a journal entry"));
      g_clear_object (&entry);
      solace_database_rollback (db);
    }

out:
  solace_database_unlock (db);

  return g_steal_pointer (&entry);
}

static void
writer_func (gpointer data,
             gpointer user_data)
{
  g_autoptr(GTask) task = data;
  SolaceJournalStore *self = user_data;
  WriteOp *op = g_task_get_task_data (task);
  GError *error = NULL;

  switch (op->kind)
    {
    case WRITE_SAVE:
      {
        gint64 id = write_entry (self->database, op->entry, &error);

        if (id == 0)
          g_task_return_error (task, error);
        else
          {
            solace_journal_entry_set_id (op->entry, id);
            g_task_return_boolean (task, TRUE);
          }
      }
      break;

    case WRITE_DELETE:
      {
        SolaceJournalEntry *entry = remove_entry (self->database, op->id, &error);

        if (entry == NULL)
          g_task_return_error (task, error);
        else
          g_task_return_pointer (task, entry, g_object_unref);
      }
      break;

    case WRITE_BARRIER:
    default:
      g_task_return_boolean (task, TRUE);
      break;
    }

  g_mutex_lock (&self->writer_mutex);
  self->writes_pending--;
  g_cond_broadcast (&self->writer_cond);
  g_mutex_unlock (&self->writer_mutex);
}

static void
queue_write (SolaceJournalStore *self,
             GTask              *task)
{
  g_mutex_lock (&self->writer_mutex);
  self->writes_pending++;
  g_mutex_unlock (&self->writer_mutex);

  g_thread_pool_push (self->writer, g_object_ref (task), NULL);
}

/* Bringing the list up to date after a write, on the main thread */

static gboolean
find_id (SolaceJournalStore *self,
         gint64              id,
         guint              *position)
{
  for (guint i = 0; i < self->ids->len; i++)
    {
      if (g_array_index (self->ids, gint64, i) == id)
        {
          *position = i;
          return TRUE;
        }
    }

  return FALSE;
}

static void
refresh_cached (SolaceJournalStore *self,
                gint64              id)
{
  SolaceJournalEntry *cached = g_hash_table_lookup (self->cache, &id);
  g_autoptr(SolaceJournalEntry) fresh = NULL;

  if (cached == NULL)
    return;

  fresh = load_with (self->reader, self->row_stmt, id, PREVIEW_CHARS, NULL);
  if (fresh == NULL)
    {
      g_hash_table_remove (self->cache, &id);
      return;
    }

  g_object_freeze_notify (G_OBJECT (cached));
  solace_journal_entry_set_kind (cached, solace_journal_entry_get_kind (fresh));
  solace_journal_entry_set_prompt (cached, solace_journal_entry_get_prompt (fresh));
  solace_journal_entry_set_body (cached, solace_journal_entry_get_body (fresh));
  solace_journal_entry_set_mood (cached, solace_journal_entry_get_mood (fresh));
  solace_journal_entry_set_updated (cached, solace_journal_entry_get_updated (fresh));
  solace_journal_entry_set_emotions (cached, solace_journal_entry_get_emotions (fresh));
  solace_journal_entry_set_tags (cached, solace_journal_entry_get_tags (fresh));
  solace_journal_entry_set_is_preview (cached, solace_journal_entry_get_is_preview (fresh));
  g_object_thaw_notify (G_OBJECT (cached));
}

static void
entry_saved (SolaceJournalStore *self,
             SolaceJournalEntry *entry)
{
  gint64 id = solace_journal_entry_get_id (entry);
  guint position;

  if (find_id (self, id, &position))
    {
      if (!solace_journal_filter_is_empty (self->filter))
        {
          /* The change may take it out of (or keep it in) the results. */
          refresh_cached (self, id);
          requery (self);
          return;
        }
      refresh_cached (self, id);
      return;
    }

  if (!solace_journal_filter_is_empty (self->filter))
    {
      requery (self);
      return;
    }

  /* New entries are written now, so they nearly always go first; an
   * entry restored after a delete goes back where it was. */
  if (self->ids->len == 0 || self->loading)
    {
      requery (self);
      return;
    }

  {
    GDateTime *created = solace_journal_entry_get_created (entry);
    g_autoptr(SolaceJournalEntry) first = NULL;

    first = g_list_model_get_item (G_LIST_MODEL (self), 0);
    if (first != NULL &&
        g_date_time_compare (created, solace_journal_entry_get_created (first)) >= 0)
      {
        g_array_insert_val (self->ids, 0, id);
        /* The old first row is replaced by itself too: rows show a day
         * heading when they start a day, and it may no longer. */
        g_list_model_items_changed (G_LIST_MODEL (self), 0, 1, 2);
        g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
      }
    else
      requery (self);
  }
}

static void
entry_deleted (SolaceJournalStore *self,
               gint64              id)
{
  guint position;

  g_hash_table_remove (self->cache, &id);

  if (find_id (self, id, &position))
    {
      g_array_remove_index (self->ids, position);
      /* The row after it may now start a day, so it is redone too. */
      if (position < self->ids->len)
        g_list_model_items_changed (G_LIST_MODEL (self), position, 2, 1);
      else
        g_list_model_items_changed (G_LIST_MODEL (self), position, 1, 0);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
    }
}

static gboolean
only_held_here (gpointer key,
                gpointer value,
                gpointer user_data)
{
  return G_OBJECT (value)->ref_count == 1;
}

/* GListModel */

static GType
solace_journal_store_get_item_type (GListModel *model)
{
  return SOLACE_TYPE_JOURNAL_ENTRY;
}

static guint
solace_journal_store_get_n_items (GListModel *model)
{
  SolaceJournalStore *self = SOLACE_JOURNAL_STORE (model);

  return self->ids->len;
}

static gpointer
solace_journal_store_get_item (GListModel *model,
                               guint       position)
{
  SolaceJournalStore *self = SOLACE_JOURNAL_STORE (model);
  g_autoptr(GError) error = NULL;
  SolaceJournalEntry *entry;
  gint64 id;

  if (position >= self->ids->len)
    return NULL;

  id = g_array_index (self->ids, gint64, position);
  entry = g_hash_table_lookup (self->cache, &id);
  if (entry != NULL)
    return g_object_ref (entry);

  /* One primary-key lookup of a short preview: microseconds, not a
   * frame.  The rows the list shows are all the rows it loads. */
  entry = load_with (self->reader, self->row_stmt, id, PREVIEW_CHARS, &error);
  if (entry == NULL)
    {
      /* Gone since the list was built (deleted elsewhere): show an
       * empty placeholder rather than break the model's contract. */
      entry = solace_journal_entry_new (SOLACE_ENTRY_KIND_REFLECTION);
      solace_journal_entry_set_id (entry, id);
      return entry;
    }

  if (self->match != NULL)
    {
      const char *markup = g_hash_table_lookup (self->snippets, &id);

      if (markup != NULL)
        solace_journal_entry_set_snippet (entry, markup);
      else
        fetch_snippet_page (self, position);
    }

  /* Items a row still shows stay, so that edits reach them. */
  if (g_hash_table_size (self->cache) >= CACHE_LIMIT)
    g_hash_table_foreach_remove (self->cache, only_held_here, NULL);
  g_hash_table_insert (self->cache, g_memdup2 (&id, sizeof id), g_object_ref (entry));

  return entry;
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = solace_journal_store_get_item_type;
  iface->get_n_items = solace_journal_store_get_n_items;
  iface->get_item = solace_journal_store_get_item;
}

/* GObject */

static void
solace_journal_store_dispose (GObject *object)
{
  SolaceJournalStore *self = (SolaceJournalStore *)object;

  if (self->writer != NULL)
    {
      /* Every queued write finishes before the store goes away. */
      g_thread_pool_free (g_steal_pointer (&self->writer), FALSE, TRUE);
    }

  G_OBJECT_CLASS (solace_journal_store_parent_class)->dispose (object);
}

static void
solace_journal_store_finalize (GObject *object)
{
  SolaceJournalStore *self = (SolaceJournalStore *)object;

  g_clear_pointer (&self->row_stmt, sqlite3_finalize);
  g_clear_pointer (&self->day_stmt, sqlite3_finalize);
  g_clear_object (&self->querier);
  g_clear_object (&self->reader);
  g_clear_object (&self->database);
  g_clear_pointer (&self->filter, solace_journal_filter_free);
  g_clear_pointer (&self->match, g_free);
  g_clear_pointer (&self->ids, g_array_unref);
  g_clear_pointer (&self->cache, g_hash_table_unref);
  g_clear_pointer (&self->snippets, g_hash_table_unref);
  g_clear_pointer (&self->snippet_pages, g_hash_table_unref);
  g_mutex_clear (&self->writer_mutex);
  g_cond_clear (&self->writer_cond);

  G_OBJECT_CLASS (solace_journal_store_parent_class)->finalize (object);
}

static void
solace_journal_store_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  SolaceJournalStore *self = SOLACE_JOURNAL_STORE (object);

  switch (prop_id)
    {
    case PROP_DATABASE:
      g_value_set_object (value, self->database);
      break;
    case PROP_LOADING:
      g_value_set_boolean (value, self->loading);
      break;
    case PROP_N_ITEMS:
      g_value_set_uint (value, self->ids->len);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
solace_journal_store_class_init (SolaceJournalStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = solace_journal_store_dispose;
  object_class->finalize = solace_journal_store_finalize;
  object_class->get_property = solace_journal_store_get_property;

  properties[PROP_DATABASE] =
    g_param_spec_object ("database", NULL, NULL, SOLACE_TYPE_DATABASE,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * SolaceJournalStore::failed:
   * @error: what went wrong
   *
   * A list query failed, for example because the file is damaged.
   */
  signals[FAILED] =
    g_signal_new ("failed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_ERROR);
}

static void
solace_journal_store_init (SolaceJournalStore *self)
{
  self->filter = solace_journal_filter_new ();
  self->ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->cache = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_object_unref);
  self->snippets = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  self->snippet_pages = g_hash_table_new (NULL, NULL);
  g_mutex_init (&self->writer_mutex);
  g_cond_init (&self->writer_cond);
}

/**
 * solace_journal_store_new:
 * @database: the database; writes go through it
 *
 * Opens two more read-only connections (for the list rows and for
 * queries) and starts loading the list in a worker thread.
 */
SolaceJournalStore *
solace_journal_store_new (SolaceDatabase  *database,
                          GError         **error)
{
  g_autoptr(SolaceJournalStore) self = NULL;

  g_return_val_if_fail (SOLACE_IS_DATABASE (database), NULL);

  self = g_object_new (SOLACE_TYPE_JOURNAL_STORE, NULL);
  self->database = g_object_ref (database);

  if (solace_database_is_read_only (database))
    {
      self->reader = g_object_ref (database);
      self->querier = g_object_ref (database);
    }
  else
    {
      self->reader = solace_database_open_reader (database, error);
      if (self->reader == NULL)
        return NULL;
      self->querier = solace_database_open_reader (database, error);
      if (self->querier == NULL)
        return NULL;
    }

  solace_database_lock (self->reader);
  self->row_stmt = solace_database_prepare (self->reader, row_sql, error);
  if (self->row_stmt != NULL)
    self->day_stmt = solace_database_prepare (self->reader,
                                              "SELECT day FROM journal_entry WHERE id = ?1",
                                              error);
  solace_database_unlock (self->reader);
  if (self->day_stmt == NULL)
    return NULL;

  self->writer = g_thread_pool_new (writer_func, self, 1, FALSE, error);
  if (self->writer == NULL)
    return NULL;

  requery (self);

  return g_steal_pointer (&self);
}

SolaceDatabase *
solace_journal_store_get_database (SolaceJournalStore *self)
{
  g_return_val_if_fail (SOLACE_IS_JOURNAL_STORE (self), NULL);

  return self->database;
}

gboolean
solace_journal_store_get_loading (SolaceJournalStore *self)
{
  g_return_val_if_fail (SOLACE_IS_JOURNAL_STORE (self), FALSE);

  return self->loading;
}

void
solace_journal_store_set_filter (SolaceJournalStore        *self,
                                 const SolaceJournalFilter *filter)
{
  g_return_if_fail (SOLACE_IS_JOURNAL_STORE (self));

  if (solace_journal_filter_equal (self->filter, filter))
    return;

  solace_journal_filter_free (self->filter);
  self->filter = solace_journal_filter_copy (filter);
  g_free (self->match);
  self->match = solace_journal_build_match (self->filter->text);

  requery (self);
}

const SolaceJournalFilter *
solace_journal_store_get_filter (SolaceJournalStore *self)
{
  g_return_val_if_fail (SOLACE_IS_JOURNAL_STORE (self), NULL);

  return self->filter;
}

static gboolean
read_day (SolaceJournalStore *self,
          gint64              id,
          char                day[16])
{
  gboolean ok = FALSE;

  solace_database_lock (self->reader);
  sqlite3_reset (self->day_stmt);
  sqlite3_bind_int64 (self->day_stmt, 1, id);
  if (sqlite3_step (self->day_stmt) == SQLITE_ROW)
    {
      g_strlcpy (day, (const char *) sqlite3_column_text (self->day_stmt, 0), 16);
      ok = TRUE;
    }
  sqlite3_reset (self->day_stmt);
  solace_database_unlock (self->reader);

  return ok;
}

/**
 * solace_journal_store_find_date:
 *
 * The list is newest first, so this is a binary search for the first
 * entry whose day is @date or earlier: about seventeen lookups for a
 * hundred thousand entries.
 *
 * Returns: a position, or the number of items if every entry is later
 */
guint
solace_journal_store_find_date (SolaceJournalStore *self,
                                const GDate        *date)
{
  g_autofree char *wanted = NULL;
  guint low = 0;
  guint high;

  g_return_val_if_fail (SOLACE_IS_JOURNAL_STORE (self), 0);
  g_return_val_if_fail (date != NULL && g_date_valid (date), 0);

  wanted = date_to_iso (date);
  high = self->ids->len;

  while (low < high)
    {
      guint mid = low + (high - low) / 2;
      char day[16] = "";

      if (!read_day (self, g_array_index (self->ids, gint64, mid), day) ||
          strcmp (day, wanted) > 0)
        low = mid + 1;
      else
        high = mid;
    }

  return low;
}

SolaceJournalEntry *
solace_journal_store_load_entry (SolaceJournalStore  *self,
                                 gint64               id,
                                 GError             **error)
{
  g_return_val_if_fail (SOLACE_IS_JOURNAL_STORE (self), NULL);

  return load_with (self->reader, self->row_stmt, id, G_MAXINT, error);
}

char **
solace_journal_store_list_tags (SolaceJournalStore  *self,
                                GError             **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) tags = g_ptr_array_new_with_free_func (g_free);
  int rc;

  g_return_val_if_fail (SOLACE_IS_JOURNAL_STORE (self), NULL);

  solace_database_lock (self->reader);
  stmt = solace_database_prepare (self->reader,
                                  "SELECT DISTINCT name FROM journal_tag WHERE is_emotion = 0"
                                  " ORDER BY name COLLATE NOCASE",
                                  error);
  if (stmt != NULL)
    {
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        g_ptr_array_add (tags, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
      if (rc != SQLITE_DONE)
        {
          solace_database_set_error (self->reader, error, rc, _("Listing tags"));
          g_clear_pointer (&stmt, sqlite3_finalize);
        }
    }
  solace_database_unlock (self->reader);

  if (stmt == NULL)
    return NULL;

  g_ptr_array_add (tags, NULL);
  return (char **) g_ptr_array_steal (tags, NULL);
}

static SolaceJournalEntry *
snapshot_for_save (SolaceJournalEntry *entry)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  SolaceJournalEntry *copy = solace_journal_entry_copy (entry);

  solace_journal_entry_set_updated (copy, now);
  if (solace_journal_entry_get_created (copy) == NULL)
    solace_journal_entry_set_created (copy, now);
  if (solace_journal_entry_get_uuid (copy) == NULL)
    {
      g_autofree char *uuid = g_uuid_string_random ();
      solace_journal_entry_set_uuid (copy, uuid);
    }

  return copy;
}

static void
save_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  SolaceJournalStore *self = SOLACE_JOURNAL_STORE (object);
  g_autoptr(GTask) outer = user_data;
  WriteOp *op = g_task_get_task_data (G_TASK (result));
  GError *error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_task_return_error (outer, error);
      return;
    }

  entry_saved (self, op->entry);
  g_task_return_int (outer, solace_journal_entry_get_id (op->entry));
}

/**
 * solace_journal_store_save_async:
 *
 * Queues a copy of @entry, with "updated" set to now, for writing.  The
 * list is brought up to date before @callback runs.
 */
void
solace_journal_store_save_async (SolaceJournalStore  *self,
                                 SolaceJournalEntry  *entry,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GTask) outer = NULL;
  g_autoptr(GTask) inner = NULL;
  WriteOp *op;

  g_return_if_fail (SOLACE_IS_JOURNAL_STORE (self));
  g_return_if_fail (SOLACE_IS_JOURNAL_ENTRY (entry));

  outer = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (outer, solace_journal_store_save_async);

  op = g_new0 (WriteOp, 1);
  op->kind = WRITE_SAVE;
  op->entry = snapshot_for_save (entry);

  inner = g_task_new (self, NULL, save_done_cb, g_steal_pointer (&outer));
  g_task_set_task_data (inner, op, (GDestroyNotify) write_op_free);
  queue_write (self, inner);
}

gint64
solace_journal_store_save_finish (SolaceJournalStore  *self,
                                  GAsyncResult        *result,
                                  GError             **error)
{
  gint64 id;

  g_return_val_if_fail (g_task_is_valid (result, self), 0);

  /* g_task_propagate_int() gives -1 on error; callers test for 0. */
  id = g_task_propagate_int (G_TASK (result), error);

  return id > 0 ? id : 0;
}

static void
delete_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  SolaceJournalStore *self = SOLACE_JOURNAL_STORE (object);
  g_autoptr(GTask) outer = user_data;
  WriteOp *op = g_task_get_task_data (G_TASK (result));
  SolaceJournalEntry *entry;
  GError *error = NULL;

  entry = g_task_propagate_pointer (G_TASK (result), &error);
  if (entry == NULL)
    {
      g_task_return_error (outer, error);
      return;
    }

  entry_deleted (self, op->id);
  g_task_return_pointer (outer, entry, g_object_unref);
}

void
solace_journal_store_delete_async (SolaceJournalStore  *self,
                                   gint64               id,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autoptr(GTask) outer = NULL;
  g_autoptr(GTask) inner = NULL;
  WriteOp *op;

  g_return_if_fail (SOLACE_IS_JOURNAL_STORE (self));

  outer = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (outer, solace_journal_store_delete_async);

  op = g_new0 (WriteOp, 1);
  op->kind = WRITE_DELETE;
  op->id = id;

  inner = g_task_new (self, NULL, delete_done_cb, g_steal_pointer (&outer));
  g_task_set_task_data (inner, op, (GDestroyNotify) write_op_free);
  queue_write (self, inner);
}

SolaceJournalEntry *
solace_journal_store_delete_finish (SolaceJournalStore  *self,
                                    GAsyncResult        *result,
                                    GError             **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
solace_journal_store_flush (SolaceJournalStore *self)
{
  g_return_if_fail (SOLACE_IS_JOURNAL_STORE (self));

  g_mutex_lock (&self->writer_mutex);
  while (self->writes_pending > 0)
    g_cond_wait (&self->writer_cond, &self->writer_mutex);
  g_mutex_unlock (&self->writer_mutex);
}

gint64
solace_journal_store_save (SolaceJournalStore  *self,
                           SolaceJournalEntry  *entry,
                           GError             **error)
{
  g_autoptr(SolaceJournalEntry) copy = NULL;
  gint64 id;

  g_return_val_if_fail (SOLACE_IS_JOURNAL_STORE (self), 0);
  g_return_val_if_fail (SOLACE_IS_JOURNAL_ENTRY (entry), 0);

  solace_journal_store_flush (self);

  copy = snapshot_for_save (entry);
  id = write_entry (self->database, copy, error);
  if (id == 0)
    return 0;

  solace_journal_entry_set_id (copy, id);
  solace_journal_entry_set_id (entry, id);
  solace_journal_entry_set_uuid (entry, solace_journal_entry_get_uuid (copy));
  entry_saved (self, copy);

  return id;
}

SolaceJournalEntry *
solace_journal_store_delete (SolaceJournalStore  *self,
                             gint64               id,
                             GError             **error)
{
  SolaceJournalEntry *entry;

  g_return_val_if_fail (SOLACE_IS_JOURNAL_STORE (self), NULL);

  solace_journal_store_flush (self);

  entry = remove_entry (self->database, id, error);
  if (entry != NULL)
    entry_deleted (self, id);

  return entry;
}
