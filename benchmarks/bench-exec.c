/* bench-exec.c — prints the monotonic time, then becomes the program
 *
 * solace-bench-exec PROGRAM [ARGS…]
 *
 * Prints "start-monotonic-us <t>" (CLOCK_MONOTONIC, the clock of
 * g_get_monotonic_time()) on standard output and execs PROGRAM in the
 * same process, so a start-up measurement begins right at exec.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

int
main (int   argc,
      char *argv[])
{
  struct timespec ts;

  if (argc < 2)
    {
      fprintf (stderr, "Usage: %s PROGRAM [ARGS…]\n", argv[0]);
      return 2;
    }

  clock_gettime (CLOCK_MONOTONIC, &ts);
  printf ("start-monotonic-us %lld\n", (long long) ts.tv_sec * 1000000 + ts.tv_nsec / 1000);
  fflush (stdout);

  execvp (argv[1], argv + 1);
  fprintf (stderr, "%s: could not run %s: %s\n", argv[0], argv[1], strerror (errno));
  return 127;
}
