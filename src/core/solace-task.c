/* solace-task.c — a database write in a worker thread
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "solace-task"

#include "config.h"

#include "solace-task.h"

typedef struct
{
  SolaceDatabase      *db;
  SolaceDatabaseFunc   func;
  gpointer             data;
  GDestroyNotify       destroy;
  GApplication        *app;
  GAsyncReadyCallback  callback;
  gpointer             user_data;
} Run;

static void
run_free (Run *run)
{
  if (run->destroy != NULL)
    run->destroy (run->data);
  g_clear_object (&run->db);
  g_free (run);
}

static void
run_thread (GTask        *task,
            gpointer      source_object,
            gpointer      task_data,
            GCancellable *cancellable)
{
  Run *run = task_data;
  GError *error = NULL;

  if (run->func (run->db, run->data, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
run_done_cb (GObject      *source_object,
             GAsyncResult *result,
             gpointer      user_data)
{
  Run *run = g_task_get_task_data (G_TASK (result));
  g_autoptr(GApplication) app = g_steal_pointer (&run->app);

  if (run->callback != NULL)
    run->callback (source_object, result, run->user_data);
  if (app != NULL)
    g_application_release (app);
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
  g_autoptr(GTask) task = NULL;
  Run *run;

  g_return_if_fail (SOLACE_IS_DATABASE (db));
  g_return_if_fail (func != NULL);

  run = g_new0 (Run, 1);
  run->db = g_object_ref (db);
  run->func = func;
  run->data = data;
  run->destroy = destroy;
  run->callback = callback;
  run->user_data = user_data;
  run->app = g_application_get_default ();
  if (run->app != NULL)
    {
      g_object_ref (run->app);
      g_application_hold (run->app);
    }

  task = g_task_new (source_object, NULL, run_done_cb, NULL);
  g_task_set_source_tag (task, solace_database_run_async);
  g_task_set_task_data (task, run, (GDestroyNotify) run_free);
  g_task_run_in_thread (task, run_thread);
}

gboolean
solace_database_run_finish (GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (G_IS_TASK (result), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
