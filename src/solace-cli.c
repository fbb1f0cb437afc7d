/* solace-cli.c — what `solace` does without a window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "solace-cli"

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <signal.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "solace-backup.h"
#include "solace-cli.h"
#include "solace-error.h"
#include "solace-export.h"
#include "solace-keys.h"
#include "solace-passphrase-strength.h"
#include "solace-progress.h"
#include "solace-scheduler.h"
#include "solace-spawn.h"
#include "solace-terminal.h"
#include "solace-vault.h"

#define DEFAULT_UPCOMING 5
#define MAX_UPCOMING 1000

/* A person at a terminal gets this many tries at a passphrase; a
 * script reading from standard input gets one. */
#define TERMINAL_TRIES 3

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

/* Reads reminders.db only, never the journal: it needs no passphrase,
 * as the reminder service needs none. */
static int
print_upcoming (guint n)
{
  g_autofree char *path = solace_database_dup_default_reminders_path ();
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

  db = solace_database_open (path, SOLACE_DATABASE_FLAGS_READ_ONLY | SOLACE_DATABASE_FLAGS_REMINDERS, &error);
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
  COMMAND_LOCK_SETUP,
  COMMAND_LOCK_REMOVE,
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
  gboolean     yes;
  gboolean     recovery_key;
} DataOptions;

static const char usage[] =
  N_("Usage: solace --export FILE [--force] [--yes] [--recovery-key]\n"
     "       solace --import FILE [--merge | --replace] [--recovery-key]\n"
     "       solace --export-journal FILE [--from YYYY-MM-DD] [--until YYYY-MM-DD]\n"
     "                               [--force] [--yes] [--recovery-key]\n"
     "       solace --lock-setup [--yes]\n"
     "       solace --lock-remove [--recovery-key]\n"
     "A passphrase or a recovery key is read from the terminal, or as one line\n"
     "of standard input when that is not a terminal.\n");

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
  static const char * const commands[] = { "--export", "--import", "--export-journal",
                                           "--lock-setup", "--lock-remove" };

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      gsize n = strlen (commands[i]);

      if (g_str_has_prefix (arg, commands[i]) && (arg[n] == '\0' || arg[n] == '='))
        return TRUE;
    }

  return FALSE;
}

static const char one_command[] =
  N_("Give one of --export, --import, --export-journal, --lock-setup and --lock-remove.");

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
            return usage_error (_(one_command));
          if (value == NULL || *value == '\0')
            return usage_error (_("Name the file after the option."));
          options->command = command;
          options->path = value;
        }
      else if (g_str_equal (argv[i], "--lock-setup") || g_str_equal (argv[i], "--lock-remove"))
        {
          if (options->command != COMMAND_NONE)
            return usage_error (_(one_command));
          options->command = argv[i][7] == 's' ? COMMAND_LOCK_SETUP : COMMAND_LOCK_REMOVE;
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
      else if (g_str_equal (argv[i], "--yes"))
        options->yes = TRUE;
      else if (g_str_equal (argv[i], "--recovery-key"))
        options->recovery_key = TRUE;
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
  if (options->force && options->command != COMMAND_EXPORT && options->command != COMMAND_EXPORT_JOURNAL)
    return usage_error (_("--force goes with --export and --export-journal."));
  if (options->yes && options->command != COMMAND_EXPORT && options->command != COMMAND_EXPORT_JOURNAL &&
      options->command != COMMAND_LOCK_SETUP)
    return usage_error (_("--yes goes with --export, --export-journal and --lock-setup."));
  if (options->recovery_key && options->command == COMMAND_LOCK_SETUP)
    return usage_error (_("--recovery-key goes with the commands that open locked data, not with --lock-setup."));
  if (options->from != NULL && options->until != NULL && strcmp (options->from, options->until) > 0)
    return usage_error (_("--from is after --until."));

  return EXIT_OK;
}

/* ---- The passphrase lock ---------------------------------------------- */

typedef enum
{
  OPEN_READ,    /* only reading; there must be data */
  OPEN_WRITE,   /* changing it; made if there is none */
} OpenMode;

typedef struct
{
  int      last_percent;
  gboolean decrypting;
} Progress;

static gboolean
is_wrong_secret (const GError *error)
{
  return g_error_matches (error, SOLACE_KEYS_ERROR, SOLACE_KEYS_ERROR_WRONG_PASSPHRASE) ||
         g_error_matches (error, SOLACE_KEYS_ERROR, SOLACE_KEYS_ERROR_WRONG_RECOVERY_KEY) ||
         g_error_matches (error, SOLACE_KEYS_ERROR, SOLACE_KEYS_ERROR_RECOVERY_KEY_TYPO) ||
         g_error_matches (error, SOLACE_KEYS_ERROR, SOLACE_KEYS_ERROR_RECOVERY_KEY_FORMAT);
}

/* Asks for the passphrase, or with --recovery-key for the recovery key,
 * and opens the key file with it: TERMINAL_TRIES tries at a terminal,
 * one from standard input.  Never a wipe, never a wait that grows. */
static SolaceKey *
ask_key (const char  *db_path,
         gboolean     recovery_key,
         GError     **error)
{
  g_autofree char *keys_path = solace_keys_path_for_database (db_path);
  guint tries = solace_terminal_is_interactive () ? TERMINAL_TRIES : 1;

  for (guint i = 1; ; i++)
    {
      g_autoptr(SolaceSecret) secret = NULL;
      g_autoptr(GError) local_error = NULL;
      SolaceKey *key = NULL;

      secret = solace_terminal_read_secret (recovery_key ? _("Recovery key for Solace: ")
                                                         : _("Passphrase for Solace: "),
                                            &local_error);
      if (secret != NULL)
        key = recovery_key ? solace_keys_unlock_recovery_key (keys_path, secret, &local_error)
                           : solace_keys_unlock_passphrase (keys_path, secret, &local_error);
      if (key != NULL)
        return key;

      if (i >= tries || !is_wrong_secret (local_error))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
      g_printerr ("%s\n", local_error->message);
    }
}

/* Before what a locked journal holds is written to a file as plain
 * text: said every time, and done only with --yes or a yes typed at the
 * terminal.  Never a silent plain copy. */
static gboolean
agree_to_plain_copy (const DataOptions *options)
{
  g_printerr ("%s\n", _("Solace’s data is locked with a passphrase, but the file this writes will NOT be "
                        "encrypted: anyone who can read the file can read what is in it."));
  if (options->yes)
    return TRUE;

  if (solace_terminal_is_interactive ())
    {
      if (solace_terminal_confirm (_("Write it anyway? [y/N] ")))
        return TRUE;
      g_printerr ("%s\n", _("Nothing was written."));
      return FALSE;
    }

  g_printerr ("%s\n", _("Nothing was written. Add --yes to write it anyway."));
  return FALSE;
}

static SolaceDatabase *
open_with_key (const char           *path,
               SolaceDatabaseFlags   flags,
               const SolaceKey      *key,
               GError              **error)
{
  if (key != NULL)
    return solace_database_open_sealed (path, flags, key, error);

  return solace_database_open (path, flags, error);
}

/* Opens Solace's data for a command.  A lock or an unlock that was cut
 * short is finished or undone first; locked data needs the passphrase
 * (or the recovery key).  @plain_copy: the command writes what it reads
 * to a file of its own that is not encrypted.  Returns NULL with @error
 * set, or with nothing set when it has said why itself. */
static SolaceDatabase *
open_data (const DataOptions  *options,
           OpenMode            mode,
           gboolean            plain_copy,
           GError            **error)
{
  g_autofree char *path = solace_database_dup_default_path ();
  g_autoptr(SolaceKey) key = NULL;
  g_autoptr(GError) local_error = NULL;
  SolaceDatabaseFlags flags = mode == OPEN_READ ? SOLACE_DATABASE_FLAGS_READ_ONLY : SOLACE_DATABASE_FLAGS_NONE;
  SolaceVaultState state;
  SolaceDatabase *db;

  if (!solace_vault_recover (path, error))
    return NULL;

  /* Only reading: no file is made where there was none. */
  if (mode == OPEN_READ && !g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, SOLACE_ERROR, SOLACE_ERROR_NOT_FOUND,
                   _("There is nothing to export yet: Solace has no data at “%s”."), path);
      return NULL;
    }

  state = solace_vault_get_state (path, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  if (state == SOLACE_VAULT_SEALED)
    {
      if (plain_copy && !agree_to_plain_copy (options))
        return NULL;
      key = ask_key (path, options->recovery_key, error);
      if (key == NULL)
        return NULL;
    }

  db = open_with_key (path, flags, key, &local_error);
  /* A database of an older Solace is brought up to date first, which
   * needs writing. */
  if (db == NULL && mode == OPEN_READ && g_error_matches (local_error, SOLACE_ERROR, SOLACE_ERROR_READ_ONLY))
    {
      g_clear_error (&local_error);
      db = open_with_key (path, SOLACE_DATABASE_FLAGS_NONE, key, &local_error);
    }
  if (db == NULL)
    g_propagate_error (error, g_steal_pointer (&local_error));

  return db;
}

static const char *
weakness_text (const char *reason)
{
  if (g_strcmp0 (reason, "common") == 0)
    return _("It is one of the most common passwords, among the first anyone would try.");
  if (g_strcmp0 (reason, "short") == 0)
    return _("It is short: use at least 8 characters, better a few words.");
  if (g_strcmp0 (reason, "repetitive") == 0)
    return _("It is mostly repeats or runs, like “aaaa” or “1234”.");
  if (g_strcmp0 (reason, "few-kinds") == 0)
    return _("It has only one kind of character: more words, or digits and signs, make it much harder to guess.");

  return _("It would be easy to guess: a few unusual words make a strong passphrase.");
}

/* The new passphrase, typed twice.  An empty one or two that differ are
 * refused, and a weak one unless --yes; at a terminal the person can
 * try again. */
static SolaceSecret *
ask_new_passphrase (gboolean   yes,
                    GError   **error)
{
  guint tries = solace_terminal_is_interactive () ? TERMINAL_TRIES : 1;

  for (guint i = 1; ; i++)
    {
      g_autoptr(SolaceSecret) first = NULL;
      g_autoptr(SolaceSecret) second = NULL;
      g_autofree char *problem = NULL;
      const char *reason = NULL;
      gsize len;

      first = solace_terminal_read_secret (_("New passphrase for Solace: "), error);
      if (first == NULL)
        return NULL;
      second = solace_terminal_read_secret (_("The same passphrase again: "), error);
      if (second == NULL)
        return NULL;

      len = strlen (first);
      if (len == 0)
        problem = g_strdup (_("A passphrase cannot be empty."));
      else if (strlen (second) != len || sodium_memcmp (first, second, len) != 0)
        problem = g_strdup (_("The two passphrases are not the same."));
      else if (solace_passphrase_strength (first, &reason) >= 2)
        return g_steal_pointer (&first);
      else if (yes)
        {
          g_printerr (_("This passphrase is easy to guess, and is used because of --yes. %s\n"),
                      weakness_text (reason));
          return g_steal_pointer (&first);
        }
      else
        problem = g_strdup_printf (_("This passphrase is too easy to guess. %s "
                                     "Choose a stronger one, or add --yes to use it anyway."),
                                   weakness_text (reason));

      if (i >= tries)
        {
          g_set_error_literal (error, SOLACE_ERROR, SOLACE_ERROR_INVALID, problem);
          return NULL;
        }
      g_printerr ("%s\n", problem);
    }
}

/* On a terminal only: a script's standard error stays quiet. */
static void
show_progress_cb (double   fraction,
                  gpointer user_data)
{
  Progress *progress = user_data;
  int percent = (int) (CLAMP (fraction, 0.0, 1.0) * 100);

  if (percent == progress->last_percent || !isatty (STDERR_FILENO))
    return;
  progress->last_percent = percent;

  /* Back to the start of the line, over the last percentage. */
  g_printerr ("\r");
  if (progress->decrypting)
    /* Translators: progress on the terminal; %d is a percentage. */
    g_printerr (_("Decrypting… %d%%"), percent);
  else
    /* Translators: progress on the terminal; %d is a percentage. */
    g_printerr (_("Encrypting… %d%%"), percent);
}

static void
end_progress (const Progress *progress)
{
  if (progress->last_percent >= 0 && isatty (STDERR_FILENO))
    g_printerr ("\n");
}

static gboolean
write_all (int         fd,
           const char *data,
           gsize       len)
{
  while (len > 0)
    {
      ssize_t n = write (fd, data, len);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        return FALSE;
      data += n;
      len -= n;
    }

  return TRUE;
}

/* Once, on standard output, straight to the descriptor so that no copy
 * of the key is left in a stdio buffer. */
static gboolean
print_recovery_key (const SolaceRecoveryKey *recovery)
{
  g_autofree char *before = g_strdup_printf ("%s\n\n    ",
                                             _("Solace’s data is locked. This is your recovery key, "
                                               "shown only this once:"));
  g_autofree char *after = g_strdup_printf ("\n\n%s\n",
                                            _("Write it down or print it, and keep it safe and away from "
                                              "this computer: it opens Solace’s data if the passphrase is "
                                              "forgotten. If you lose both the passphrase and the recovery "
                                              "key, nobody can open the data, Solace included."));

  /* A reader that went away is a failure to report, not a silent end. */
  signal (SIGPIPE, SIG_IGN);
  fflush (stdout);

  return write_all (STDOUT_FILENO, before, strlen (before)) &&
         write_all (STDOUT_FILENO, recovery, strlen (recovery)) &&
         write_all (STDOUT_FILENO, after, strlen (after));
}

/* Backups made before the lock are plain copies: said, and at a
 * terminal offered for deleting. */
static void
offer_to_delete_plain_backups (void)
{
  g_autofree char *dir = solace_backup_dup_default_dir ();
  g_autoptr(GError) error = NULL;
  guint n = solace_vault_count_plain_backups (dir);

  if (n == 0)
    return;

  g_printerr (ngettext ("%u backup made before the lock is not encrypted. It is in “%s”.\n",
                        "%u backups made before the lock are not encrypted. They are in “%s”.\n", n),
              n, dir);
  if (!solace_terminal_confirm (_("Delete them now? They are overwritten first, but a disk may still "
                                  "keep old copies of them. [y/N] ")))
    return;

  if (solace_vault_delete_plain_backups (dir, &error))
    g_printerr ("%s\n", _("The backups from before the lock are deleted."));
  else
    g_printerr (_("Could not delete the backups from before the lock: %s\n"), error->message);
}

/* The state after finishing or undoing what a crash cut short. */
static SolaceVaultState
recover_state (const char  *path,
               GError     **error)
{
  if (!solace_vault_recover (path, error))
    return SOLACE_VAULT_MISSING;

  return solace_vault_get_state (path, error);
}

static int
run_lock_setup (const DataOptions *options)
{
  g_autofree char *path = solace_database_dup_default_path ();
  g_autofree char *keys_path = solace_keys_path_for_database (path);
  g_autoptr(SolaceSecret) passphrase = NULL;
  g_autoptr(SolaceRecoveryKey) recovery = NULL;
  g_autoptr(SolaceKey) key = NULL;
  g_autoptr(GError) error = NULL;
  Progress progress = { -1, FALSE };
  SolaceVaultState state;

  state = recover_state (path, &error);
  if (error != NULL)
    {
      g_printerr (_("Could not lock Solace’s data: %s\n"), error->message);
      return EXIT_FAILED;
    }
  if (state == SOLACE_VAULT_SEALED)
    {
      g_printerr ("%s\n", _("Solace’s data is already locked with a passphrase."));
      return EXIT_FAILED;
    }

  /* The lock can be set up before anything is written. */
  if (state == SOLACE_VAULT_MISSING)
    {
      g_autoptr(SolaceDatabase) db = solace_database_open (path, SOLACE_DATABASE_FLAGS_NONE, &error);

      if (db == NULL)
        {
          g_printerr (_("Could not lock Solace’s data: %s\n"), error->message);
          return EXIT_FAILED;
        }
    }

  g_printerr ("%s\n", _("Solace will encrypt all its data with a passphrase, then give you a recovery key. "
                        "If you lose both the passphrase and the recovery key, nobody can open the data, "
                        "Solace included."));

  passphrase = ask_new_passphrase (options->yes, &error);
  /* A key file beside plain data is from a set-up that never finished:
   * it wraps nothing in use, and this set-up replaces it.  Decided under
   * the vault's lock, so never while the window is sealing with it; a
   * key file still there after this makes solace_keys_create () refuse. */
  if (passphrase != NULL && !solace_vault_remove_unused_key_file (path, &error))
    g_clear_pointer (&passphrase, solace_secret_free);
  if (passphrase != NULL)
    key = solace_keys_create (keys_path, passphrase, NULL, &recovery, &error);
  g_clear_pointer (&passphrase, solace_secret_free);
  if (key == NULL)
    {
      g_printerr (_("Could not lock Solace’s data: %s\n"), error->message);
      return EXIT_FAILED;
    }

  if (!solace_vault_seal (path, key, show_progress_cb, &progress, NULL, &error))
    {
      g_autoptr(GError) after_error = NULL;

      end_progress (&progress);
      /* Finishes a swap that did happen; if the data is still plain,
       * the key file this set-up made opens nothing and goes (only this
       * set-up's own: another one may be going on in the window). */
      if (recover_state (path, &after_error) != SOLACE_VAULT_SEALED)
        {
          if (after_error == NULL && solace_keys_check_key (keys_path, key, NULL))
            solace_vault_remove_unused_key_file (path, NULL);
          g_printerr (_("Could not lock Solace’s data, so it is as it was: %s\n"), error->message);
          return EXIT_FAILED;
        }
    }
  end_progress (&progress);

  if (!print_recovery_key (recovery))
    {
      g_printerr ("%s\n", _("Solace’s data is locked, but the recovery key could not be printed. "
                            "Make a new one in Preferences, under Privacy."));
      return EXIT_FAILED;
    }

  offer_to_delete_plain_backups ();

  return EXIT_OK;
}

static int
run_lock_remove (const DataOptions *options)
{
  g_autofree char *path = solace_database_dup_default_path ();
  g_autoptr(SolaceKey) key = NULL;
  g_autoptr(GError) error = NULL;
  Progress progress = { -1, TRUE };
  SolaceVaultState state;

  state = recover_state (path, &error);
  if (error == NULL && state != SOLACE_VAULT_SEALED)
    {
      g_printerr ("%s\n", _("Solace’s data is not locked."));
      return EXIT_FAILED;
    }

  if (error == NULL)
    key = ask_key (path, options->recovery_key, &error);
  if (key == NULL)
    {
      g_printerr (_("Could not remove the lock: %s\n"), error->message);
      return EXIT_FAILED;
    }

  if (!solace_vault_unseal (path, key, show_progress_cb, &progress, NULL, &error))
    {
      g_autoptr(GError) after_error = NULL;

      end_progress (&progress);
      if (recover_state (path, &after_error) != SOLACE_VAULT_PLAIN)
        {
          g_printerr (_("Could not remove the lock, so the data is still locked: %s\n"), error->message);
          return EXIT_FAILED;
        }
    }
  end_progress (&progress);

  g_print ("%s\n", _("The lock is removed: Solace’s data is no longer encrypted."));

  return EXIT_OK;
}

/* ---- The data commands ------------------------------------------------- */

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

  db = open_data (options, OPEN_READ, TRUE, &error);
  if (db == NULL ||
      !solace_export_count (db, &n_records, &n_journal, &error) ||
      !solace_export_to_file (db, options->path, &error))
    {
      if (error != NULL)
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

  /* Markdown is plain text too. */
  db = open_data (options, OPEN_READ, TRUE, &error);
  if (db == NULL ||
      !solace_export_count_journal (db, from, until, &n, &error) ||
      !solace_export_journal_markdown_to_file (db, from, until, options->path, &error))
    {
      if (error != NULL)
        g_printerr (_("Could not export the journal: %s\n"), error->message);
      return EXIT_FAILED;
    }

  g_print (ngettext ("Exported %u journal entry.\n", "Exported %u journal entries.\n", n), n);

  return EXIT_OK;
}

static int
run_import (const DataOptions *options)
{
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

  db = open_data (options, OPEN_WRITE, FALSE, &error);
  if (db != NULL)
    has_data = solace_database_has_user_data (db, &error);
  if (db == NULL || error != NULL)
    {
      if (error != NULL)
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
    {
      /* Translators: how many records were added, as in "Merged: 3
       * added, 1 updated, 12 already there." */
      g_autofree char *added = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u added", "%u added", stats.added),
                                                stats.added);
      /* Translators: how many records were updated. */
      g_autofree char *updated = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u updated", "%u updated",
                                                               stats.updated),
                                                  stats.updated);
      /* Translators: how many records were in the database already. */
      g_autofree char *skipped = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u already there",
                                                               "%u already there", stats.skipped),
                                                  stats.skipped);

      /* Translators: after a merge: records added, updated and already
       * there, each counted ("3 added"), as in "Merged: 3 added, 1
       * updated, 12 already there." */
      g_print (_("Merged: %1$s, %2$s, %3$s.\n"), added, updated, skipped);
    }
  else if (has_data)
    {
      /* Translators: how many records the import replaced, as in
       * "Replaced: 40 records removed, 38 imported." */
      g_autofree char *removed = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u record removed",
                                                               "%u records removed", stats.removed),
                                                  stats.removed);
      /* Translators: how many records the import brought in. */
      g_autofree char *added = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u imported", "%u imported",
                                                             stats.added),
                                                stats.added);

      /* Translators: after a replacing import: the records removed, then
       * those imported, each counted: "Replaced: 40 records removed, 38
       * imported." */
      g_print (_("Replaced: %1$s, %2$s.\n"), removed, added);
    }
  else
    g_print (ngettext ("Imported %u record.\n", "Imported %u records.\n", stats.added), stats.added);

  return EXIT_OK;
}

static int
run_data_command (int    argc,
                  char **argv)
{
  DataOptions options = { COMMAND_NONE, NULL, NULL, NULL, FALSE, FALSE, FALSE, FALSE, FALSE };
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

    case COMMAND_LOCK_SETUP:
      return run_lock_setup (&options);

    case COMMAND_LOCK_REMOVE:
      return run_lock_remove (&options);

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
