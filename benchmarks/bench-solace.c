/* bench-solace.c — Solace as people run it, plus the benchmark hooks
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The same start as src/main.c, and the same library, with
 * bench-window.c watching for the main window.  benchmarks/run.sh runs
 * it with SOLACE_BENCH=startup or scroll; without SOLACE_BENCH it is
 * Solace.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <stdio.h>

#include "bench-window.h"
#include "solace-application.h"
#include "solace-reminder-subjects.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(SolaceApplication) app = NULL;

  if (g_getenv ("SOLACE_TRACE")) fprintf (stderr, "TRACE %" G_GINT64_FORMAT " main\n", g_get_monotonic_time ());
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  solace_reminder_subjects_register ();

  app = solace_application_new ();
  bench_window_watch (GTK_APPLICATION (app));

  return g_application_run (G_APPLICATION (app), argc, argv);
}
