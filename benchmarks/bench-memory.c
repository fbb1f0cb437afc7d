/* bench-memory.c — the process's memory, as the benchmarks report it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "bench-memory.h"

gsize
bench_read_status_kib (const char *name)
{
  g_autofree char *status = NULL;
  g_autofree char *key = g_strdup_printf ("\n%s:", name);
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return 0;

  line = strstr (status, key);
  if (line == NULL)
    return 0;

  return g_ascii_strtoull (line + strlen (key), NULL, 10);
}

void
bench_print_memory (void)
{
  /* Resident now, and the most it ever was. */
  printf ("rss-kib %" G_GSIZE_FORMAT "\npeak-rss-kib %" G_GSIZE_FORMAT "\n",
          bench_read_status_kib ("VmRSS"), bench_read_status_kib ("VmHWM"));
}
