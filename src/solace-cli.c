/* solace-cli.c — what `solace` does without a window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "solace-cli"

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "solace-backup.h"
#include "solace-cli.h"
#include "solace-error.h"
#include "solace-export.h"
#include "solace-progress.h"
#include "solace-scheduler.h"
#include "solace-spawn.h"

#define DEFAULT_UPCOMING 5
#define MAX_UPCOMING 1000

/* Exit statuses of the data commands. */
#define EXIT_OK      0
#define EXIT_FAILED  1
#define EXIT_USAGE   2

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
  guint unreadable;

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
  unreadable = solace_scheduler_count_unreadable (scheduler);
  if (upcoming->len == 0 && unreadable == 0)
    g_printerr ("%s\n", _("No reminders are on."));

  for (guint i = 0; i < upcoming->len; i++)
    {
      SolaceUpcoming *u = &g_array_index (upcoming, SolaceUpcoming, i);
      g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (u->at);
      g_autoptr(GDateTime) local = g_date_time_to_timezone (utc, solace_scheduler_get_timezone (scheduler));
      g_autofree char *when = local != NULL ? g_date_time_format (local, "%Y-%m-%dT%H:%M:%S%:z") : NULL;
      SolaceReminderKind kind = solace_reminder_get_kind (u->reminder);
      const char *title = solace_reminder_get_title (u->reminder, discreet);

      /* Nothing the person wrote goes to a terminal: a boundary's or a
       * session's reminder is named by what it is, not by its words. */
      if (!discreet && kind == SOLACE_REMINDER_BOUNDARY)
        title = _("A boundary you set");
      else if (!discreet && kind == SOLACE_REMINDER_SESSION)
        title = _("A session you booked");

      /* The scheduler lists only instants every zone can show. */
      if (when == NULL)
        continue;

      g_print ("%s\t%s\t%s\n", when, solace_reminder_kind_to_string (kind), title);
    }

  /* Said, not skipped in silence; the rule itself is not repeated. */
  if (unreadable == 1)
    g_printerr ("%s\n", _("One reminder could not be read, so it will not come. "
                          "Choose a new schedule for it in Preferences, under Reminders."));
  else if (unreadable > 1)
    g_printerr (ngettext ("%u reminder could not be read, so it will not come. "
                          "Choose a new schedule for it in Preferences, under Reminders.\n",
                          "%u reminders could not be read, so they will not come. "
                          "Choose new schedules for them in Preferences, under Reminders.\n",
                          unreadable),
                unreadable);

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

/* ---- Export and import ------------------------------------------------ */

typedef enum
{
  COMMAND_NONE,
  COMMAND_EXPORT,
  COMMAND_IMPORT,
  COMMAND_EXPORT_JOURNAL,
} Command;

typedef struct
{
  Command      command;
  const char  *path;
  const char  *from;
  const char  *until;
  gboolean     merge;
  gboolean     replace;
  gboolean     force;
} DataOptions;

static const char usage[] =
  N_("Usage: solace --export FILE [--force]\n"
     "       solace --import FILE [--merge | --replace]\n"
     "       solace --export-journal FILE [--from YYYY-MM-DD] [--until YYYY-MM-DD] [--force]\n");

static int
usage_error (const char *message)
{
  if (message != NULL)
    g_printerr ("%s\n", message);
  g_printerr ("%s", _(usage));

  return EXIT_USAGE;
}

/* "--name VALUE" or "--name=VALUE"; advances *@i past what it took. */
static gboolean
take_value (int          argc,
            char       **argv,
            int         *i,
            const char  *name,
            const char **value)
{
  gsize n = strlen (name);

  if (!g_str_has_prefix (argv[*i], name))
    return FALSE;

  if (argv[*i][n] == '=')
    {
      *value = argv[*i] + n + 1;
      return TRUE;
    }
  if (argv[*i][n] != '\0')
    return FALSE;

  *value = *i + 1 < argc ? argv[++(*i)] : NULL;
  return TRUE;
}

static gboolean
is_data_command (const char *arg)
{
  static const char * const commands[] = { "--export", "--import", "--export-journal" };

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      gsize n = strlen (commands[i]);

      if (g_str_has_prefix (arg, commands[i]) && (arg[n] == '\0' || arg[n] == '='))
        return TRUE;
    }

  return FALSE;
}

static gboolean
is_day (const char *text)
{
  g_autoptr(GDate) day = text != NULL ? solace_day_from_iso (text) : NULL;

  return day != NULL;
}

/* Returns EXIT_OK, EXIT_USAGE after saying what is wrong, or -1 after
 * printing the usage that was asked for. */
static int
parse_data_options (int          argc,
                    char       **argv,
                    DataOptions *options)
{
  for (int i = 1; i < argc; i++)
    {
      const char *value = NULL;
      Command command = COMMAND_NONE;

      if (take_value (argc, argv, &i, "--export-journal", &value))
        command = COMMAND_EXPORT_JOURNAL;
      else if (take_value (argc, argv, &i, "--export", &value))
        command = COMMAND_EXPORT;
      else if (take_value (argc, argv, &i, "--import", &value))
        command = COMMAND_IMPORT;

      if (command != COMMAND_NONE)
        {
          if (options->command != COMMAND_NONE)
            return usage_error (_("Give one of --export, --import and --export-journal."));
          if (value == NULL || *value == '\0')
            return usage_error (_("Name the file after the option."));
          options->command = command;
          options->path = value;
        }
      else if (take_value (argc, argv, &i, "--from", &value))
        {
          if (!is_day (value))
            return usage_error (_("--from takes a day written YYYY-MM-DD."));
          options->from = value;
        }
      else if (take_value (argc, argv, &i, "--until", &value))
        {
          if (!is_day (value))
            return usage_error (_("--until takes a day written YYYY-MM-DD."));
          options->until = value;
        }
      else if (g_str_equal (argv[i], "--help") || g_str_equal (argv[i], "-h"))
        {
          g_print ("%s", _(usage));
          return -1;
        }
      else if (g_str_equal (argv[i], "--merge"))
        options->merge = TRUE;
      else if (g_str_equal (argv[i], "--replace"))
        options->replace = TRUE;
      else if (g_str_equal (argv[i], "--force"))
        options->force = TRUE;
      else
        {
          /* Named back only when it looks like an option, never a path. */
          g_autofree char *message = g_str_has_prefix (argv[i], "--") && strchr (argv[i], '/') == NULL
                                     ? g_strdup_printf (_("Unknown option %s."), argv[i])
                                     : g_strdup (_("Unexpected argument."));

          return usage_error (message);
        }
    }

  if (options->merge && options->replace)
    return usage_error (_("Choose either --merge or --replace, not both."));
  if ((options->merge || options->replace) && options->command != COMMAND_IMPORT)
    return usage_error (_("--merge and --replace go with --import."));
  if ((options->from != NULL || options->until != NULL) && options->command != COMMAND_EXPORT_JOURNAL)
    return usage_error (_("--from and --until go with --export-journal."));
  if (options->force && options->command == COMMAND_IMPORT)
    return usage_error (_("--force goes with --export and --export-journal."));
  if (options->from != NULL && options->until != NULL && strcmp (options->from, options->until) > 0)
    return usage_error (_("--from is after --until."));

  return EXIT_OK;
}

/* Only reading: a database of an older Solace is brought up to date
 * first, which needs writing. */
static SolaceDatabase *
open_for_reading (GError **error)
{
  g_autofree char *path = solace_database_dup_default_path ();
  g_autoptr(GError) local_error = NULL;
  SolaceDatabase *db;

  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, SOLACE_ERROR, SOLACE_ERROR_NOT_FOUND,
                   _("There is nothing to export yet: Solace has no data at “%s”."), path);
      return NULL;
    }

  db = solace_database_open (path, SOLACE_DATABASE_FLAGS_READ_ONLY, &local_error);
  if (db == NULL && g_error_matches (local_error, SOLACE_ERROR, SOLACE_ERROR_READ_ONLY))
    {
      g_clear_error (&local_error);
      db = solace_database_open (path, SOLACE_DATABASE_FLAGS_NONE, &local_error);
    }
  if (db == NULL)
    g_propagate_error (error, g_steal_pointer (&local_error));

  return db;
}

static gboolean
check_overwrite (const DataOptions *options)
{
  if (!options->force && g_file_test (options->path, G_FILE_TEST_EXISTS))
    {
      g_printerr (_("“%s” is there already; add --force to replace it.\n"), options->path);
      return FALSE;
    }

  return TRUE;
}

static int
run_export (const DataOptions *options)
{
  g_autoptr(SolaceDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  guint n_records = 0, n_journal = 0;

  if (!check_overwrite (options))
    return EXIT_FAILED;

  db = open_for_reading (&error);
  if (db == NULL ||
      !solace_export_count (db, &n_records, &n_journal, &error) ||
      !solace_export_to_file (db, options->path, &error))
    {
      g_printerr (_("Could not export: %s\n"), error->message);
      return EXIT_FAILED;
    }

  /* Translators: the second number counts the journal entries among them. */
  g_print (ngettext ("Exported %u record (journal entries: %u).\n",
                     "Exported %u records (journal entries: %u).\n", n_records),
           n_records, n_journal);

  return EXIT_OK;
}

static int
run_export_journal (const DataOptions *options)
{
  g_autoptr(SolaceDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDate) from = options->from != NULL ? solace_day_from_iso (options->from) : NULL;
  g_autoptr(GDate) until = options->until != NULL ? solace_day_from_iso (options->until) : NULL;
  guint n = 0;

  if (!check_overwrite (options))
    return EXIT_FAILED;

  db = open_for_reading (&error);
  if (db == NULL ||
      !solace_export_count_journal (db, from, until, &n, &error) ||
      !solace_export_journal_markdown_to_file (db, from, until, options->path, &error))
    {
      g_printerr (_("Could not export the journal: %s\n"), error->message);
      return EXIT_FAILED;
    }

  g_print (ngettext ("Exported %u journal entry.\n", "Exported %u journal entries.\n", n), n);

  return EXIT_OK;
}

static int
run_import (const DataOptions *options)
{
  g_autofree char *path = solace_database_dup_default_path ();
  g_autofree char *backups = solace_backup_dup_default_dir ();
  g_autoptr(SolaceDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GTimeZone) tz = g_time_zone_new_local ();
  g_autoptr(GDate) today = solace_local_day (tz, g_get_real_time () / G_USEC_PER_SEC);
  SolaceImportStats stats = { 0 };
  SolaceImportMode mode;
  gboolean has_data = FALSE;

  /* Before a database is made for it. */
  if (!g_file_test (options->path, G_FILE_TEST_IS_REGULAR))
    {
      g_printerr (_("Could not import: “%s” is not a file.\n"), options->path);
      return EXIT_FAILED;
    }

  db = solace_database_open (path, SOLACE_DATABASE_FLAGS_NONE, &error);
  if (db != NULL)
    has_data = solace_database_has_user_data (db, &error);
  if (error != NULL)
    {
      g_printerr (_("Could not import: %s\n"), error->message);
      return EXIT_FAILED;
    }

  if (has_data && !options->merge && !options->replace)
    {
      g_printerr ("%s\n", _("Solace already holds your data. Add --merge to add what is new in the file "
                            "and keep the newer of what both have, or --replace to delete what is there "
                            "and keep only the file’s."));
      return EXIT_USAGE;
    }

  /* Into an empty database, nothing of the person's is replaced: only
   * what every new database starts with. */
  mode = options->merge ? SOLACE_IMPORT_MERGE : SOLACE_IMPORT_REPLACE;

  /* What is there now is kept as a backup before anything changes. */
  if (has_data && !solace_backup_keep_before (db, backups, "import", NULL, &error))
    {
      g_printerr (_("Could not make a backup first, so nothing was imported: %s\n"), error->message);
      return EXIT_FAILED;
    }

  if (!solace_import_from_file (db, options->path, mode, &stats, &error))
    {
      g_printerr (_("Could not import: %s\n"), error->message);
      return EXIT_FAILED;
    }

  if (mode == SOLACE_IMPORT_MERGE)
    g_print (_("Merged: %u added, %u updated, %u already there.\n"),
             stats.added, stats.updated, stats.skipped);
  else if (has_data)
    g_print (_("Replaced: %u records removed, %u imported.\n"), stats.removed, stats.added);
  else
    g_print (ngettext ("Imported %u record.\n", "Imported %u records.\n", stats.added), stats.added);

  return EXIT_OK;
}

static int
run_data_command (int    argc,
                  char **argv)
{
  DataOptions options = { COMMAND_NONE, NULL, NULL, NULL, FALSE, FALSE, FALSE };
  int status = parse_data_options (argc, argv, &options);

  if (status < 0)
    return EXIT_OK;
  if (status != EXIT_OK)
    return status;

  switch (options.command)
    {
    case COMMAND_EXPORT:
      return run_export (&options);

    case COMMAND_EXPORT_JOURNAL:
      return run_export_journal (&options);

    case COMMAND_IMPORT:
      return run_import (&options);

    case COMMAND_NONE:
    default:
      return usage_error (NULL);
    }
}

gboolean
solace_cli_handle (int    argc,
                   char **argv,
                   int   *status)
{
  for (int i = 1; i < argc; i++)
    if (is_data_command (argv[i]))
      {
        *status = run_data_command (argc, argv);
        return TRUE;
      }

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
