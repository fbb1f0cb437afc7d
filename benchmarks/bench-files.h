/* bench-files.h — small helpers the benchmarks share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The median of @values (doubles; at least one). */
double  bench_median      (GArray     *values);
/* Copies @from over @to; a failure ends the benchmark. */
void    bench_copy_file   (const char *from,
                           const char *to);
/* @path's size in bytes, or -1. */
goffset bench_file_size   (const char *path);
/* Removes @path and, for a folder, everything in it. */
void    bench_remove_tree (const char *path);

G_END_DECLS
