/* solace-writer.h — writes to the database, one at a time, off the main loop
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "solace-database.h"

G_BEGIN_DECLS

/* Does one write; it runs inside a transaction the writer opens. */
typedef gboolean (*SolaceWriteFunc)     (SolaceDatabase  *db,
                                         gpointer         data,
                                         GError         **error);
/* Called on the owner's main context after each write, with its error
 * or %NULL. */
typedef void     (*SolaceWriteDoneFunc) (GObject         *owner,
                                         const GError    *error);

typedef struct _SolaceWriter SolaceWriter;

/* One worker thread, so writes land in the order they were pushed. */
SolaceWriter *solace_writer_new   (SolaceDatabase      *db,
                                   GObject             *owner,
                                   SolaceWriteDoneFunc  done,
                                   GError             **error);
void          solace_writer_push  (SolaceWriter        *self,
                                   SolaceWriteFunc      func,
                                   gpointer             data,
                                   GDestroyNotify       free_data);
/* Waits until everything pushed so far is on disk. */
void          solace_writer_flush (SolaceWriter        *self);
/* Finishes every queued write first. */
void          solace_writer_free  (SolaceWriter        *self);

G_END_DECLS
