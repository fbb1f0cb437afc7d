/* solace-journal-store-private.h — what the parts of the journal store
 * share: one entry's rows, and the search
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * For those parts only; the rest of the app uses solace-journal-store.h.
 *
 *   solace-journal-store.c   the GListModel, its cache, its worker
 *                            queries and its writer thread
 *   solace-journal-rows.c    one entry read, checked, written, deleted
 *   solace-journal-search.c  the filters, the FTS5 query, the SQL of a
 *                            filtered list, snippets as markup
 */
#pragma once

/* Included after solace-journal-store.h, never from here:
 * solace-journal-store.c and this header would include each other, a
 * cycle to build-aux/check-includes.py. */
#ifndef SOLACE_TYPE_JOURNAL_STORE
#error "Include solace-journal-store.h before solace-journal-store-private.h"
#endif

G_BEGIN_DECLS

/* solace-journal-rows.c */

/* One entry's row, tags and all, by id: ?1 the id, ?2 how many
 * characters of the body. */
extern const char solace_journal_row_sql[];

SolaceJournalEntry *solace_journal_load_with    (SolaceDatabase      *db,
                                                 sqlite3_stmt        *stmt,
                                                 gint64               id,
                                                 int                  max_chars,
                                                 GError             **error);
/* Returns: the entry's id, or 0 when nothing was written */
gint64              solace_journal_write_entry  (SolaceDatabase      *db,
                                                 SolaceJournalEntry  *entry,
                                                 GError             **error);
/* Returns: (transfer full) (nullable): the entry as it was */
SolaceJournalEntry *solace_journal_remove_entry (SolaceDatabase      *db,
                                                 gint64               id,
                                                 GError             **error);

/* solace-journal-search.c */

/* The ids of one query, in list order, and, for a page of a search,
 * the snippet of each. */
typedef struct {
  GArray    *ids;
  GPtrArray *snippets;  /* markup per id, or NULL when not asked for */
} QueryResult;

void         solace_journal_query_result_free (QueryResult                *result);

/* The rows @filter and @match (from solace_journal_build_match ())
 * pick, newest first; at most @limit (0: all), and with snippets when
 * @match and @limit are given.  A search starts at the row @before_id
 * when it is above 0.  Gives up, CANCELLED, once *@generation_now is
 * no longer @generation: a newer query has replaced this one. */
QueryResult *solace_journal_run_query         (SolaceDatabase             *db,
                                               const SolaceJournalFilter  *filter,
                                               const char                 *match,
                                               int                         limit,
                                               gint64                      before_id,
                                               guint                      *generation_now,
                                               guint                       generation,
                                               GError                    **error);

gboolean     solace_journal_text_is_blank     (const char                 *text);
gboolean     solace_journal_text_can_match    (const char                 *text);
/* "YYYY-MM-DD", as the journal's day column holds it. */
char        *solace_journal_date_to_iso       (const GDate                *date);

G_END_DECLS
