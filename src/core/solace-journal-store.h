/* solace-journal-store.h — the journal as a GListModel over SQLite
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "solace-database.h"
#include "solace-journal-entry.h"

G_BEGIN_DECLS

/* What the list shows.  Every field is optional. */
typedef struct
{
  char   *text;       /* search words, any text at all */
  int     kind;       /* SolaceEntryKind, or -1 for every kind */
  int     mood;       /* 1–5, or 0 for any mood */
  char   *tag;        /* a free tag or an emotion key, or NULL */
  GDate  *from;       /* first day included, or NULL */
  GDate  *to;         /* last day included, or NULL */
} SolaceJournalFilter;

SolaceJournalFilter *solace_journal_filter_new     (void);
SolaceJournalFilter *solace_journal_filter_copy    (const SolaceJournalFilter *filter);
void                 solace_journal_filter_free    (SolaceJournalFilter       *filter);
gboolean             solace_journal_filter_is_empty (const SolaceJournalFilter *filter);
gboolean             solace_journal_filter_equal   (const SolaceJournalFilter *a,
                                                    const SolaceJournalFilter *b);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SolaceJournalFilter, solace_journal_filter_free)

/* Any text becomes a safe FTS5 query of quoted prefix terms, or NULL
 * when the text holds no word to search for. */
char                *solace_journal_build_match    (const char *text);

#define SOLACE_TYPE_JOURNAL_STORE (solace_journal_store_get_type ())

G_DECLARE_FINAL_TYPE (SolaceJournalStore, solace_journal_store, SOLACE, JOURNAL_STORE, GObject)

SolaceJournalStore  *solace_journal_store_new          (SolaceDatabase       *database,
                                                        GError              **error);
SolaceDatabase      *solace_journal_store_get_database (SolaceJournalStore   *self);
gboolean             solace_journal_store_get_loading  (SolaceJournalStore   *self);

/* Re-runs the query in a worker thread; items-changed follows, first for
 * the first page and then for the rest. */
void                 solace_journal_store_set_filter   (SolaceJournalStore        *self,
                                                        const SolaceJournalFilter *filter);
const SolaceJournalFilter *
                     solace_journal_store_get_filter   (SolaceJournalStore   *self);

/* The newest entry written on @date or before, for "jump to date". */
guint                solace_journal_store_find_date    (SolaceJournalStore   *self,
                                                        const GDate          *date);

/* The whole entry, with its full text (list items hold a preview). */
SolaceJournalEntry  *solace_journal_store_load_entry   (SolaceJournalStore   *self,
                                                        gint64                id,
                                                        GError              **error);

/* Every free tag in use, sorted. */
char               **solace_journal_store_list_tags    (SolaceJournalStore   *self,
                                                        GError              **error);

/* Writes run in order on one worker thread.  Saving inserts or updates
 * by the entry's UUID, so saves queued before the first one finished
 * never make two rows.  The entry is copied when queued. */
void                 solace_journal_store_save_async   (SolaceJournalStore   *self,
                                                        SolaceJournalEntry   *entry,
                                                        GCancellable         *cancellable,
                                                        GAsyncReadyCallback   callback,
                                                        gpointer              user_data);
gint64               solace_journal_store_save_finish  (SolaceJournalStore   *self,
                                                        GAsyncResult         *result,
                                                        GError              **error);
void                 solace_journal_store_delete_async (SolaceJournalStore   *self,
                                                        gint64                id,
                                                        GCancellable         *cancellable,
                                                        GAsyncReadyCallback   callback,
                                                        gpointer              user_data);
/* Returns the full deleted entry, so that it can be restored. */
SolaceJournalEntry  *solace_journal_store_delete_finish (SolaceJournalStore  *self,
                                                        GAsyncResult         *result,
                                                        GError              **error);

/* Synchronous versions, for the command line, tests and benchmarks. */
gint64               solace_journal_store_save         (SolaceJournalStore   *self,
                                                        SolaceJournalEntry   *entry,
                                                        GError              **error);
SolaceJournalEntry  *solace_journal_store_delete       (SolaceJournalStore   *self,
                                                        gint64                id,
                                                        GError              **error);

/* Blocks until every queued write has finished. */
void                 solace_journal_store_flush        (SolaceJournalStore   *self);

G_END_DECLS
