/* solace-task.c — database writes in a worker thread, one after another
 *
 * Every write goes to one worker thread, in the order it was asked for,
 * so a later save can never land before an earlier one.  The worker
 * touches only the database and the job's data: the object that asked
 * (often a widget) is watched through a weak reference and is only ever
 * referenced, called back and let go on the thread that asked.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "solace-task"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "solace-error.h"
#include "solace-task.h"

typedef struct
{
  SolaceDatabase      *db;
  SolaceDatabaseFunc   func;
  gpointer             data;
  GDestroyNotify       destroy;
  GWeakRef             source;
  gboolean             had_source;
  GAsyncReadyCallback  callback;
  gpointer             user_data;
  GMainContext        *context;
  GApplication        *app;
  gboolean             ok;
  GError              *error;
} Run;

static void
run_free (Run *run)
{
  if (run->destroy != NULL)
    run->destroy (run->data);
  g_clear_object (&run->db);
  g_weak_ref_clear (&run->source);
  g_main_context_unref (run->context);
  g_clear_error (&run->error);
  if (run->app != NULL)
    {
      g_application_release (run->app);
      g_object_unref (run->app);
    }
  g_free (run);
}

/* Back on the thread that asked. */
static gboolean
run_deliver (gpointer data)
{
  Run *run = data;
  g_autoptr(GObject) source = g_weak_ref_get (&run->source);

  /* An object that asked and is gone has nobody left to tell. */
  if (run->callback != NULL && (source != NULL || !run->had_source))
    {
      g_autoptr(GTask) task = g_task_new (source, NULL, run->callback, run->user_data);

      g_task_set_source_tag (task, solace_database_run_async);
      if (run->ok)
        g_task_return_boolean (task, TRUE);
      else
        g_task_return_error (task, g_steal_pointer (&run->error));
    }

  run_free (run);
  return G_SOURCE_REMOVE;
}

static void
run_work (gpointer data,
          gpointer pool_data)
{
  Run *run = data;

  run->ok = run->func (run->db, run->data, &run->error);
  if (!run->ok && run->error == NULL)
    {
      g_critical ("A database job failed without saying why");
      g_set_error_literal (&run->error, SOLACE_ERROR, SOLACE_ERROR_FAILED, _("Something went wrong while saving."));
    }

  /* Not g_main_context_invoke (): with nobody iterating the context at
   * this moment, that would run run_deliver () right here. */
  {
    g_autoptr(GSource) source = g_idle_source_new ();

    g_source_set_priority (source, G_PRIORITY_DEFAULT);
    g_source_set_callback (source, run_deliver, run, NULL);
    g_source_set_static_name (source, "[solace] database job done");
    g_source_attach (source, run->context);
  }
}

static GThreadPool *
writer (void)
{
  static GThreadPool *pool;
  static gsize made;

  if (g_once_init_enter (&made))
    {
      /* One thread at most: the queue is first in, first out. */
      pool = g_thread_pool_new (run_work, NULL, 1, FALSE, NULL);
      g_once_init_leave (&made, 1);
    }

  return pool;
}

void
solace_database_run_async (SolaceDatabase      *db,
                           gpointer             source_object,
                           SolaceDatabaseFunc   func,
                           gpointer             data,
                           GDestroyNotify       destroy,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  Run *run;

  g_return_if_fail (SOLACE_IS_DATABASE (db));
  g_return_if_fail (source_object == NULL || G_IS_OBJECT (source_object));
  g_return_if_fail (func != NULL);

  run = g_new0 (Run, 1);
  run->db = g_object_ref (db);
  run->func = func;
  run->data = data;
  run->destroy = destroy;
  g_weak_ref_init (&run->source, source_object);
  run->had_source = source_object != NULL;
  run->callback = callback;
  run->user_data = user_data;
  run->context = g_main_context_ref_thread_default ();
  run->app = g_application_get_default ();
  if (run->app != NULL)
    {
      g_object_ref (run->app);
      g_application_hold (run->app);
    }

  g_thread_pool_push (writer (), run, NULL);
}

gboolean
solace_database_run_finish (GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (G_IS_TASK (result), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == solace_database_run_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
