/* solace-journal-store.c — the journal as a GListModel over SQLite
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One entry's rows are read and written in solace-journal-rows.c; the
 * filters and the search's SQL are in solace-journal-search.c.
 */
#define G_LOG_DOMAIN "solace-journal-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "solace-journal-store.h"
#include "solace-journal-store-private.h"

/* How much of an entry the list needs to show its start. */
#define PREVIEW_CHARS 280
/* The first page arrives on its own, before the rest of the list. */
#define FIRST_PAGE 50
/* Items kept alive for rows that scroll back into view. */
#define CACHE_LIMIT 512

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

  result = solace_journal_run_query (self->querier, op->filter, op->match, op->limit, op->before_id,
                                     &self->generation, op->generation, &error);
  if (result == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, result, (GDestroyNotify) solace_journal_query_result_free);
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
      g_clear_pointer (&found, solace_journal_query_result_free);
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

  solace_journal_query_result_free (found);
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

  g_clear_pointer (&found, solace_journal_query_result_free);
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

  if (!solace_journal_text_is_blank (self->filter->text) && self->match == NULL &&
      !solace_journal_text_can_match (self->filter->text))
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
        gint64 id = solace_journal_write_entry (self->database, op->entry, &error);

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
        SolaceJournalEntry *entry = solace_journal_remove_entry (self->database, op->id, &error);

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

  fresh = solace_journal_load_with (self->reader, self->row_stmt, id, PREVIEW_CHARS, NULL);
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
  entry = solace_journal_load_with (self->reader, self->row_stmt, id, PREVIEW_CHARS, &error);
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
  self->row_stmt = solace_database_prepare (self->reader, solace_journal_row_sql, error);
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

  wanted = solace_journal_date_to_iso (date);
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

  return solace_journal_load_with (self->reader, self->row_stmt, id, G_MAXINT, error);
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
  id = solace_journal_write_entry (self->database, copy, error);
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

  entry = solace_journal_remove_entry (self->database, id, error);
  if (entry != NULL)
    entry_deleted (self, id);

  return entry;
}
