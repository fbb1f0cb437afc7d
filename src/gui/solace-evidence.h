/* solace-evidence.h — the incident record as one ZIP a lawyer can check
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "solace-database.h"

G_BEGIN_DECLS

/* Writes the whole incident record to @path as a ZIP archive: the
 * printed record (record.pdf), a spreadsheet (incidents.csv), every
 * record exactly as hashed (manifest.json), the files kept with them
 * (attachments/, with SHA256SUMS), a standalone checker (verify.py) and
 * how to use it (VERIFY.txt).  @now dates the archive and its entries,
 * shown in @tz.
 *
 * The file is 0600 whatever the umask and appears whole or not at all:
 * an error (a full disk, a folder that vanished, @cancellable) leaves
 * nothing at @path or beside it.  It is not added to recent files.
 * Blocking, and long with large files: call it from a worker thread. */
gboolean solace_evidence_export (SolaceDatabase  *db,
                                 const char      *path,
                                 gint64           now,
                                 GTimeZone       *tz,
                                 GCancellable    *cancellable,
                                 GError         **error);

G_END_DECLS
