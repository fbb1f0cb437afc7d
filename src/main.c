/* main.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "solace"

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "solace-application.h"
#include "solace-cli.h"
#include "solace-reminder-subjects.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(SolaceApplication) app = NULL;
  const char *localedir;
  int status;

  setlocale (LC_ALL, "");
  /* Uninstalled (build-aux/run.sh), the build tree's catalogues. */
  localedir = g_getenv ("SOLACE_LOCALEDIR");
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  solace_reminder_subjects_register ();

  /* Before GTK is touched: these never open a window. */
  if (solace_cli_handle (argc, argv, &status))
    return status;

  app = solace_application_new ();

  return g_application_run (G_APPLICATION (app), argc, argv);
}
