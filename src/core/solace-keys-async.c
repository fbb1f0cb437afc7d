/* solace-keys-async.c — the key file's slow calls (Argon2) in a
 * worker thread
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The passphrase or recovery key given is copied into sodium_malloc ()
 * memory and zeroed when the task is done.
 */
#define G_LOG_DOMAIN "solace-keys"

#include "config.h"

#include <sodium.h>
#include <string.h>

#include "solace-keys.h"
#include "solace-keys-common.h"

/* Async plumbing */

typedef struct
{
  char               *path;
  char               *secret;      /* sodium_malloc: passphrase or recovery key */
  SolacePwhashParams  params;
  gboolean            has_params;
  gboolean            recovery;
} TaskData;

typedef struct
{
  SolaceKey         *key;
  SolaceRecoveryKey *recovery_key;
} CreateResult;

static void
task_data_free (TaskData *td)
{
  g_free (td->path);
  if (td->secret)
    sodium_free (td->secret);
  g_free (td);
}

static void
create_result_free (CreateResult *r)
{
  g_clear_pointer (&r->key, solace_key_free);
  g_clear_pointer (&r->recovery_key, solace_recovery_key_free);
  g_free (r);
}

static char *
secret_dup (const char *s)
{
  gsize n = strlen (s) + 1;
  char *copy = secure_alloc (n);

  memcpy (copy, s, n);
  return copy;
}

static TaskData *
task_data_new (const char *path,
               const char *secret)
{
  TaskData *td = g_new0 (TaskData, 1);

  td->path = g_strdup (path);
  td->secret = secret_dup (secret);
  return td;
}

static void
create_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  TaskData *td = task_data;
  CreateResult *r = g_new0 (CreateResult, 1);
  GError *error = NULL;

  r->key = solace_keys_create (td->path, td->secret, td->has_params ? &td->params : NULL,
                               &r->recovery_key, &error);
  if (r->key == NULL)
    {
      create_result_free (r);
      g_task_return_error (task, error);
      return;
    }
  g_task_return_pointer (task, r, (GDestroyNotify) create_result_free);
}

static void
unlock_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  TaskData *td = task_data;
  GError *error = NULL;
  SolaceKey *key;

  if (td->recovery)
    key = solace_keys_unlock_recovery_key (td->path, td->secret, &error);
  else
    key = solace_keys_unlock_passphrase (td->path, td->secret, &error);
  if (key == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, key, (GDestroyNotify) solace_key_free);
}

/* Public API */

void
solace_keys_create_async (const char                *path,
                          const char                *passphrase,
                          const SolacePwhashParams  *params,
                          GCancellable              *cancellable,
                          GAsyncReadyCallback        callback,
                          gpointer                   user_data)
{
  g_autoptr(GTask) task = NULL;
  TaskData *td;

  g_return_if_fail (path != NULL);
  g_return_if_fail (passphrase != NULL);

  td = task_data_new (path, passphrase);
  if (params)
    {
      td->params = *params;
      td->has_params = TRUE;
    }
  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, solace_keys_create_async);
  g_task_set_task_data (task, td, (GDestroyNotify) task_data_free);
  g_task_run_in_thread (task, create_thread);
}

SolaceKey *
solace_keys_create_finish (GAsyncResult       *result,
                           SolaceRecoveryKey **recovery_key,
                           GError            **error)
{
  CreateResult *r;
  SolaceKey *key;

  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (recovery_key != NULL, NULL);

  r = g_task_propagate_pointer (G_TASK (result), error);
  if (r == NULL)
    return NULL;
  key = g_steal_pointer (&r->key);
  *recovery_key = g_steal_pointer (&r->recovery_key);
  create_result_free (r);
  return key;
}

static void
unlock_async (const char          *path,
              const char          *secret,
              gboolean             recovery,
              GCancellable        *cancellable,
              GAsyncReadyCallback  callback,
              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  TaskData *td = task_data_new (path, secret);

  td->recovery = recovery;
  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, unlock_async);
  g_task_set_task_data (task, td, (GDestroyNotify) task_data_free);
  g_task_run_in_thread (task, unlock_thread);
}

void
solace_keys_unlock_passphrase_async (const char          *path,
                                     const char          *passphrase,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  g_return_if_fail (path != NULL);
  g_return_if_fail (passphrase != NULL);

  unlock_async (path, passphrase, FALSE, cancellable, callback, user_data);
}

void
solace_keys_unlock_recovery_key_async (const char          *path,
                                       const char          *recovery_key,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  g_return_if_fail (path != NULL);
  g_return_if_fail (recovery_key != NULL);

  unlock_async (path, recovery_key, TRUE, cancellable, callback, user_data);
}

SolaceKey *
solace_keys_unlock_finish (GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
