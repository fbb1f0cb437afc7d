/* solace-task.h — database writes in a worker thread, one after another
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "solace-database.h"

G_BEGIN_DECLS

typedef gboolean (*SolaceDatabaseFunc) (SolaceDatabase  *db,
                                        gpointer         data,
                                        GError         **error);

/* Runs @func (@db, @data) in Solace's one writer thread, after every job
 * asked for before it, then calls @callback on the calling thread's
 * main context, and frees @data with @destroy there.  @source_object is
 * only watched: if it is finalized meanwhile, @callback is not called.
 * The default #GApplication is held until then, so closing the window
 * never loses the write. */
void     solace_database_run_async  (SolaceDatabase      *db,
                                     gpointer             source_object,
                                     SolaceDatabaseFunc   func,
                                     gpointer             data,
                                     GDestroyNotify       destroy,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data);
gboolean solace_database_run_finish (GAsyncResult        *result,
                                     GError             **error);

G_END_DECLS
