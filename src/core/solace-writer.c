/* solace-writer.c — writes to the database, one at a time, off the main loop
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "solace-writer"

#include "config.h"

#include "solace-writer.h"

struct _SolaceWriter
{
  SolaceDatabase      *db;
  GObject             *owner;     /* not a reference: it owns us */
  SolaceWriteDoneFunc  done;
  GThreadPool         *pool;
  GMainContext        *context;
  GMutex               lock;
  GCond                cond;
  guint                pending;
};

typedef struct
{
  SolaceWriteFunc  func;
  gpointer         data;
  GDestroyNotify   free_data;
  GObject         *owner;         /* held until done has run */
  SolaceWriteDoneFunc done;
  GError          *error;
} Job;

static void
job_free (Job *job)
{
  if (job->free_data != NULL)
    job->free_data (job->data);
  g_clear_object (&job->owner);
  g_clear_error (&job->error);
  g_free (job);
}

static gboolean
done_cb (gpointer data)
{
  Job *job = data;

  if (job->done != NULL)
    job->done (job->owner, job->error);
  job_free (job);

  return G_SOURCE_REMOVE;
}

static void
thread_func (gpointer data,
             gpointer user_data)
{
  SolaceWriter *self = user_data;
  Job *job = data;

  solace_database_lock (self->db);
  if (solace_database_begin (self->db, &job->error))
    {
      if (job->func (self->db, job->data, &job->error))
        solace_database_commit (self->db, &job->error);
      else
        solace_database_rollback (self->db);
    }
  solace_database_unlock (self->db);

  /* Not g_main_context_invoke (): when nobody is iterating the context
   * (the main thread waiting in solace_writer_flush (), say), that would
   * call done_cb () and emit the owner's signals right here. */
  {
    g_autoptr(GSource) source = g_idle_source_new ();

    g_source_set_priority (source, G_PRIORITY_DEFAULT);
    g_source_set_callback (source, done_cb, job, NULL);
    g_source_set_static_name (source, "[solace] write done");
    g_source_attach (source, self->context);
  }

  g_mutex_lock (&self->lock);
  self->pending--;
  g_cond_broadcast (&self->cond);
  g_mutex_unlock (&self->lock);
}

SolaceWriter *
solace_writer_new (SolaceDatabase       *db,
                   GObject              *owner,
                   SolaceWriteDoneFunc   done,
                   GError              **error)
{
  SolaceWriter *self;

  g_return_val_if_fail (SOLACE_IS_DATABASE (db), NULL);
  g_return_val_if_fail (G_IS_OBJECT (owner), NULL);

  self = g_new0 (SolaceWriter, 1);
  self->db = g_object_ref (db);
  self->owner = owner;
  self->done = done;
  self->context = g_main_context_ref_thread_default ();
  g_mutex_init (&self->lock);
  g_cond_init (&self->cond);

  self->pool = g_thread_pool_new (thread_func, self, 1, TRUE, error);
  if (self->pool == NULL)
    {
      solace_writer_free (self);
      return NULL;
    }

  return self;
}

void
solace_writer_push (SolaceWriter    *self,
                    SolaceWriteFunc  func,
                    gpointer         data,
                    GDestroyNotify   free_data)
{
  Job *job;

  g_return_if_fail (self != NULL);
  g_return_if_fail (func != NULL);

  job = g_new0 (Job, 1);
  job->func = func;
  job->data = data;
  job->free_data = free_data;
  job->owner = g_object_ref (self->owner);
  job->done = self->done;

  g_mutex_lock (&self->lock);
  self->pending++;
  g_mutex_unlock (&self->lock);

  g_thread_pool_push (self->pool, job, NULL);
}

void
solace_writer_flush (SolaceWriter *self)
{
  g_return_if_fail (self != NULL);

  g_mutex_lock (&self->lock);
  while (self->pending > 0)
    g_cond_wait (&self->cond, &self->lock);
  g_mutex_unlock (&self->lock);
}

void
solace_writer_free (SolaceWriter *self)
{
  if (self == NULL)
    return;

  if (self->pool != NULL)
    g_thread_pool_free (self->pool, FALSE, TRUE);
  g_clear_object (&self->db);
  g_main_context_unref (self->context);
  g_mutex_clear (&self->lock);
  g_cond_clear (&self->cond);
  g_free (self);
}
