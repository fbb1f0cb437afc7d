/* bench-unlock.c — the first window, plain or behind the passphrase lock
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Usage: solace-bench-unlock [--passphrase-stdin]
 *
 * Run with SOLACE_BENCH=startup and XDG_DATA_HOME pointing at a data
 * folder (see benchmarks/lock.sh).  Prints, on CLOCK_MONOTONIC:
 *
 *   unlock-us N             Argon2 and the key file (sealed data only)
 *   open-monotonic-us T     just before the data is opened
 *
 * and the window's own first-frame-monotonic-us and loaded-monotonic-us
 * (bench-window.c), after which it quits.  For sealed data the
 * key is opened first, so that what follows "open" is the same work in
 * both cases: opening the database, building the window, the first
 * frame.  The passphrase is read from standard input, never from the
 * command line; nothing is printed but numbers.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "bench-window.h"
#include "solace-application.h"

static SolaceKey *key;

static void
activate_cb (GApplication *app)
{
  printf ("open-monotonic-us %" G_GINT64_FORMAT "\n", g_get_monotonic_time ());
  fflush (stdout);

  /* The app's own activate runs after this: with the key given, it only
   * brings the new main window to the front. */
  if (key != NULL)
    solace_application_unlock (SOLACE_APPLICATION (app), g_steal_pointer (&key));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(SolaceApplication) app = NULL;
  g_autoptr(GError) error = NULL;
  char *app_argv[] = { argv[0], NULL };

  if (argc > 1 && g_str_equal (argv[1], "--passphrase-stdin"))
    {
      g_autofree char *path = solace_database_dup_default_path ();
      g_autofree char *keys = solace_keys_path_for_database (path);
      char line[1024];
      gint64 start;

      if (fgets (line, sizeof line, stdin) == NULL)
        return 2;
      line[strcspn (line, "\n")] = '\0';

      start = g_get_monotonic_time ();
      key = solace_keys_unlock_passphrase (keys, line, &error);
      memset (line, 0, sizeof line);
      if (key == NULL)
        {
          fprintf (stderr, "%s\n", error->message);
          return 1;
        }
      printf ("unlock-us %" G_GINT64_FORMAT "\n", g_get_monotonic_time () - start);
    }

  app = solace_application_new ();
  solace_application_set_manage_reminders (app, FALSE);
  g_application_set_application_id (G_APPLICATION (app), "io.github.solace_app.Solace.BenchUnlock");
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_signal_connect (app, "activate", G_CALLBACK (activate_cb), NULL);
  bench_window_watch (GTK_APPLICATION (app));

  return g_application_run (G_APPLICATION (app), 1, app_argv);
}
