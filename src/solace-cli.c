/* solace-cli.c — what `solace` does without a window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "solace-cli"

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <stdio.h>
#include <unistd.h>

#include "solace-cli.h"
#include "solace-scheduler.h"
#include "solace-spawn.h"

#define DEFAULT_UPCOMING 5
#define MAX_UPCOMING 1000

/* Becomes the reminder service: `solace --background` is what the
 * autostart entry runs, and the service must not carry GTK all day. */
static int
run_background (void)
{
  g_autofree char *program = solace_find_program ("solace-reminders", LIBEXECDIR,
                                                  "SOLACE_REMINDERS_PROGRAM");
  char *argv[] = { program, NULL };

  execv (program, argv);
  g_printerr (_("Could not start the reminder service %s: %s\n"), program, g_strerror (errno));

  return 1;
}

static int
print_upcoming (guint n)
{
  g_autofree char *path = solace_database_dup_default_path ();
  g_autoptr(SolaceDatabase) db = NULL;
  g_autoptr(SolaceScheduler) scheduler = NULL;
  g_autoptr(GArray) upcoming = NULL;
  g_autoptr(GError) error = NULL;
  gboolean discreet;

  /* Only reading: no file is made where there was none. */
  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      g_printerr ("%s\n", _("No reminders are on."));
      return 0;
    }

  db = solace_database_open (path, SOLACE_DATABASE_FLAGS_READ_ONLY, &error);
  scheduler = db != NULL ? solace_scheduler_new (db) : NULL;
  if (scheduler == NULL || !solace_scheduler_load (scheduler, &error))
    {
      g_printerr (_("Could not read the reminders: %s\n"), error->message);
      return 1;
    }

  discreet = solace_scheduler_get_settings (scheduler)->discreet;
  upcoming = solace_scheduler_list_upcoming (scheduler, n);
  if (upcoming->len == 0)
    g_printerr ("%s\n", _("No reminders are on."));

  for (guint i = 0; i < upcoming->len; i++)
    {
      SolaceUpcoming *u = &g_array_index (upcoming, SolaceUpcoming, i);
      g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (u->at);
      g_autoptr(GDateTime) local = g_date_time_to_timezone (utc, solace_scheduler_get_timezone (scheduler));
      g_autofree char *when = g_date_time_format (local, "%Y-%m-%dT%H:%M:%S%:z");

      SolaceReminderKind kind = solace_reminder_get_kind (u->reminder);
      const char *title = solace_reminder_get_title (u->reminder, discreet);

      /* Nothing the person wrote goes to a terminal: a boundary's or a
       * session's reminder is named by what it is, not by its words. */
      if (!discreet && kind == SOLACE_REMINDER_BOUNDARY)
        title = _("A boundary you set");
      else if (!discreet && kind == SOLACE_REMINDER_SESSION)
        title = _("A session you booked");

      g_print ("%s\t%s\t%s\n", when, solace_reminder_kind_to_string (kind), title);
    }

  return 0;
}

static gboolean
parse_count (const char *text,
             guint      *n)
{
  guint64 value;

  if (!g_ascii_string_to_unsigned (text, 10, 1, MAX_UPCOMING, &value, NULL))
    return FALSE;

  *n = value;
  return TRUE;
}

gboolean
solace_cli_handle (int    argc,
                   char **argv,
                   int   *status)
{
  for (int i = 1; i < argc; i++)
    {
      guint n = DEFAULT_UPCOMING;

      if (g_str_equal (argv[i], "--background"))
        {
          *status = run_background ();
          return TRUE;
        }

      if (g_str_equal (argv[i], "--upcoming") || g_str_has_prefix (argv[i], "--upcoming="))
        {
          const char *count = NULL;

          if (argv[i][10] == '=')
            count = argv[i] + 11;
          else if (i + 1 < argc && argv[i + 1][0] != '-')
            count = argv[i + 1];

          if (count != NULL && !parse_count (count, &n))
            {
              g_printerr (_("--upcoming takes a number from 1 to %d\n"), MAX_UPCOMING);
              *status = 2;
              return TRUE;
            }

          *status = print_upcoming (n);
          return TRUE;
        }
    }

  return FALSE;
}
