/* solace-file.c — files Solace writes for the person: private and whole
 *
 * Exports, reports, schedules and the autostart entry say a lot about
 * the person; another account on the computer must never be able to
 * read them, whatever umask Solace was started with.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "solace-file"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include "solace-file.h"

static gboolean
set_error (GError     **error,
           int          saved_errno,
           const char  *path)
{
  g_autofree char *name = g_filename_display_basename (path);

  g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
               /* Translators: %s is a file name, then why it failed. */
               _("Could not save “%s”: %s"), name, g_strerror (saved_errno));
  return FALSE;
}

static void
write_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  const char *path = g_object_get_data (G_OBJECT (task), "path");
  GBytes *bytes = task_data;
  GError *error = NULL;
  gsize length;
  gconstpointer data = g_bytes_get_data (bytes, &length);

  if (g_task_return_error_if_cancelled (task))
    return;

  if (solace_file_write_private (path, data, length, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

gboolean
solace_file_write_private (const char  *path,
                           const void  *data,
                           gsize        length,
                           GError     **error)
{
  g_autofree char *tmp = NULL;
  const char *p = data;
  int saved_errno;
  int fd;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (data != NULL || length == 0, FALSE);

  tmp = g_strconcat (path, ".XXXXXX", NULL);
  fd = g_mkstemp_full (tmp, O_WRONLY | O_CLOEXEC, 0600);
  if (fd < 0)
    return set_error (error, errno, path);

  /* The umask can only take bits away; this puts back exactly 0600. */
  if (fchmod (fd, 0600) != 0)
    goto fail;

  while (length > 0)
    {
      gssize n = write (fd, p, MIN (length, (gsize) G_MAXSSIZE));

      if (n < 0)
        {
          if (errno == EINTR)
            continue;
          goto fail;
        }
      p += n;
      length -= n;
    }

  if (fsync (fd) != 0)
    goto fail;
  if (close (fd) != 0)
    {
      fd = -1;
      goto fail;
    }
  fd = -1;

  if (g_rename (tmp, path) != 0)
    goto fail;

  return TRUE;

fail:
  saved_errno = errno;
  if (fd >= 0)
    close (fd);
  g_unlink (tmp);
  return set_error (error, saved_errno, path);
}

void
solace_file_write_private_async (const char          *path,
                                 GBytes              *bytes,
                                 gpointer             source_object,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (path != NULL);
  g_return_if_fail (bytes != NULL);

  task = g_task_new (source_object, cancellable, callback, user_data);
  g_task_set_source_tag (task, solace_file_write_private_async);
  g_task_set_task_data (task, g_bytes_ref (bytes), (GDestroyNotify) g_bytes_unref);
  g_object_set_data_full (G_OBJECT (task), "path", g_strdup (path), g_free);
  g_task_run_in_thread (task, write_thread);
}

gboolean
solace_file_write_private_finish (GAsyncResult  *result,
                                  GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
