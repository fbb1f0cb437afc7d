/* solace-zip.h — a small ZIP writer: stored entries, no compression
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* What a plain ZIP (no ZIP64) can hold: every offset and size in 32 bits,
 * and the entry count in 16, short of the all-ones values, which tell a
 * reader to look for ZIP64 records. */
#define SOLACE_ZIP_MAX_BYTES   G_GUINT64_CONSTANT (0xFFFFFFFE)
#define SOLACE_ZIP_MAX_ENTRIES 65534

typedef struct _SolaceZip SolaceZip;

/* Writes to @stream, which the caller closes after solace_zip_finish().
 * Every entry is dated @mtime (Unix time) as a clock in @tz shows it. */
SolaceZip *solace_zip_new           (GOutputStream  *stream,
                                     gint64          mtime,
                                     GTimeZone      *tz);
/* Writes to a new file beside @path, mode 0600 whatever the umask, and
 * only solace_zip_finish() renames it over @path: freeing an unfinished
 * writer removes it, so an error never leaves part of a file. */
SolaceZip *solace_zip_new_for_path  (const char     *path,
                                     gint64          mtime,
                                     GTimeZone      *tz,
                                     GError        **error);
/* @name: valid UTF-8, relative, '/' between folders, no "..". */
gboolean   solace_zip_add_bytes     (SolaceZip      *zip,
                                     const char     *name,
                                     GBytes         *bytes,
                                     GCancellable   *cancellable,
                                     GError        **error);
/* Streams the file at @path in, without holding it in memory. */
gboolean   solace_zip_add_file      (SolaceZip      *zip,
                                     const char     *name,
                                     const char     *path,
                                     GCancellable   *cancellable,
                                     GError        **error);
/* Writes the central directory and the end record; for a path, flushes
 * the file to disk and renames it into place. */
gboolean   solace_zip_finish        (SolaceZip      *zip,
                                     GCancellable   *cancellable,
                                     GError        **error);
void       solace_zip_free          (SolaceZip      *zip);

/* The CRC-32 of ZIP (and PNG, gzip): start with @crc = 0. */
guint32    solace_zip_crc32         (guint32         crc,
                                     const void     *data,
                                     gsize           length);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SolaceZip, solace_zip_free)

G_END_DECLS
