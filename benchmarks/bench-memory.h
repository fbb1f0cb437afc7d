/* bench-memory.h — the process's memory, as the benchmarks report it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A line "Name:   N kB" of /proc/self/status, in KiB; 0 if absent. */
gsize bench_read_status_kib (const char *name);

/* Prints "rss-kib N" (resident now) and "peak-rss-kib N" (VmHWM). */
void  bench_print_memory    (void);

G_END_DECLS
