/* main.c — solace-reminders, the reminder service
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Links GLib, GIO, SQLite, libical and libnotify only: it runs all day,
 * and GTK would multiply what it holds in memory.
 */
#define G_LOG_DOMAIN "solace-reminders"

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "solace-reminder-service.h"
#include "solace-reminder-subjects.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(SolaceReminderService) service = NULL;
  const char *localedir;

  setlocale (LC_ALL, "");
  /* Uninstalled (build-aux/run.sh), the build tree's catalogues. */
  localedir = g_getenv ("SOLACE_LOCALEDIR");
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  solace_reminder_subjects_register ();

  service = solace_reminder_service_new ();

  return g_application_run (G_APPLICATION (service), argc, argv);
}
