/* solace-journal-search.c — the journal's filters and what a search
 * becomes: the FTS5 query, the SQL of a filtered list, snippets as
 * markup
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The journal store (solace-journal-store.c) runs the queries on its
 * worker threads; nothing here keeps any state.
 */
#define G_LOG_DOMAIN "solace-journal-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "solace-journal-store.h"
#include "solace-journal-store-private.h"
#include "solace-limits.h"

/* Words beyond this many in a search add nothing but work: eight words
 * that must all be there already pick out an entry. */
#define MAX_SEARCH_TERMS 8
/* A search word longer than this is no word anyone typed to find. */
#define MAX_TERM_BYTES 256

void
solace_journal_query_result_free (QueryResult *result)
{
  g_clear_pointer (&result->ids, g_array_unref);
  g_clear_pointer (&result->snippets, g_ptr_array_unref);
  g_free (result);
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

gboolean
solace_journal_text_is_blank (const char *text)
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
         (solace_journal_text_is_blank (filter->text) &&
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
gboolean
solace_journal_text_can_match (const char *text)
{
  return text != NULL && count_token_chars (text) > 0;
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

char *
solace_journal_date_to_iso (const GDate *date)
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
QueryResult *
solace_journal_run_query (SolaceDatabase             *db,
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
    bind_named_text (stmt, ":from", (from = solace_journal_date_to_iso (filter->from)));
  if (filter->to != NULL)
    bind_named_text (stmt, ":to", (to = solace_journal_date_to_iso (filter->to)));
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
