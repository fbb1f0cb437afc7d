/* solace-file.h — files Solace writes for the person: private and whole
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Writes @length bytes of @data to @path, mode 0600 whatever the umask,
 * atomically: into a new file beside it, flushed to disk, then renamed
 * over @path, so a crash leaves the old file or the whole new one and
 * nobody else can ever read it. */
gboolean solace_file_write_private        (const char           *path,
                                           const void           *data,
                                           gsize                 length,
                                           GError              **error);

/* The same, in a worker thread. */
void     solace_file_write_private_async  (const char           *path,
                                           GBytes               *bytes,
                                           gpointer              source_object,
                                           GCancellable         *cancellable,
                                           GAsyncReadyCallback   callback,
                                           gpointer              user_data);
gboolean solace_file_write_private_finish (GAsyncResult         *result,
                                           GError              **error);

G_END_DECLS
