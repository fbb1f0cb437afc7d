/* solace-terminal.c — asking for a passphrase on the command line
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "solace-terminal"

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <signal.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "solace-error.h"
#include "solace-terminal.h"

/* The signals that end or stop the program while echo is off: each puts
 * the terminal back first. */
static const int echo_signals[] = { SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGTSTP };

/* Read by the signal handler, so plain static data only. */
static struct termios         echo_saved;
static struct termios         echo_quiet;
static volatile sig_atomic_t  echo_is_off;
static struct sigaction       echo_old_actions[G_N_ELEMENTS (echo_signals)];
static gboolean               echo_installed[G_N_ELEMENTS (echo_signals)];
static const char            *echo_prompt;
static gsize                  echo_prompt_len;

/* Only async-signal-safe calls in here. */
static void
restore_echo_cb (int sig)
{
  int saved_errno = errno;

  if (echo_is_off)
    {
      tcsetattr (STDIN_FILENO, TCSAFLUSH, &echo_saved);
      if (write (STDERR_FILENO, "\n", 1) < 0)
        {
          /* Nothing more can be done about it here. */
        }
    }

  if (sig == SIGTSTP)
    {
      struct sigaction stop = { .sa_handler = SIG_DFL };
      struct sigaction self;
      sigset_t set;

      /* Stop as the terminal asked, echo on; when continued, echo off
       * and the prompt again. */
      sigemptyset (&stop.sa_mask);
      sigaction (SIGTSTP, &stop, &self);
      sigemptyset (&set);
      sigaddset (&set, SIGTSTP);
      pthread_sigmask (SIG_UNBLOCK, &set, NULL);
      raise (SIGTSTP);
      sigaction (SIGTSTP, &self, NULL);

      if (echo_is_off)
        {
          tcsetattr (STDIN_FILENO, TCSAFLUSH, &echo_quiet);
          if (write (STDERR_FILENO, echo_prompt, echo_prompt_len) < 0)
            {
              /* As above. */
            }
        }

      errno = saved_errno;
      return;
    }

  /* Then what would have happened without us: delivered once this
   * handler returns. */
  echo_is_off = 0;
  for (guint i = 0; i < G_N_ELEMENTS (echo_signals); i++)
    if (echo_signals[i] == sig)
      sigaction (sig, &echo_old_actions[i], NULL);
  raise (sig);

  errno = saved_errno;
}

static gboolean
echo_off (const char *prompt)
{
  struct sigaction action = { .sa_handler = restore_echo_cb, .sa_flags = SA_RESTART };

  if (tcgetattr (STDIN_FILENO, &echo_saved) != 0)
    return FALSE;

  echo_quiet = echo_saved;
  echo_quiet.c_lflag &= ~(tcflag_t) (ECHO | ECHONL);
  echo_prompt = prompt;
  echo_prompt_len = strlen (prompt);

  sigemptyset (&action.sa_mask);
  for (guint i = 0; i < G_N_ELEMENTS (echo_signals); i++)
    sigaddset (&action.sa_mask, echo_signals[i]);

  for (guint i = 0; i < G_N_ELEMENTS (echo_signals); i++)
    {
      echo_installed[i] = FALSE;
      if (sigaction (echo_signals[i], NULL, &echo_old_actions[i]) != 0)
        continue;
      /* An ignored signal stays ignored (nohup). */
      if (echo_old_actions[i].sa_handler == SIG_IGN)
        continue;
      echo_installed[i] = sigaction (echo_signals[i], &action, NULL) == 0;
    }

  /* Set first: a signal that comes in between puts back what is there. */
  echo_is_off = 1;
  if (tcsetattr (STDIN_FILENO, TCSAFLUSH, &echo_quiet) != 0)
    {
      echo_is_off = 0;
      for (guint i = 0; i < G_N_ELEMENTS (echo_signals); i++)
        if (echo_installed[i])
          sigaction (echo_signals[i], &echo_old_actions[i], NULL);
      return FALSE;
    }

  return TRUE;
}

static void
echo_on (void)
{
  tcsetattr (STDIN_FILENO, TCSAFLUSH, &echo_saved);
  echo_is_off = 0;

  for (guint i = 0; i < G_N_ELEMENTS (echo_signals); i++)
    if (echo_installed[i])
      {
        sigaction (echo_signals[i], &echo_old_actions[i], NULL);
        echo_installed[i] = FALSE;
      }
}

/* One line of @fd, a byte at a time so that nothing past the line is
 * taken from a pipe, and no copy is left in a stdio buffer. */
static SolaceSecret *
read_line (int      fd,
           GError **error)
{
  SolaceSecret *line = sodium_malloc (SOLACE_SECRET_MAX + 1);
  gsize n = 0;
  char c = 0;

  if (line == NULL)
    {
      g_set_error_literal (error, SOLACE_ERROR, SOLACE_ERROR_FAILED,
                           _("There is not enough memory to read the passphrase."));
      return NULL;
    }

  for (;;)
    {
      ssize_t r = read (fd, &c, 1);

      if (r < 0 && errno == EINTR)
        continue;
      if (r < 0)
        {
          int saved_errno = errno;

          g_set_error (error, SOLACE_ERROR, SOLACE_ERROR_FAILED,
                       _("Could not read standard input: %s"), g_strerror (saved_errno));
          goto fail;
        }
      if (r == 0)
        {
          if (n == 0)
            {
              g_set_error_literal (error, SOLACE_ERROR, SOLACE_ERROR_INVALID,
                                   _("Standard input ended before anything was read."));
              goto fail;
            }
          break;
        }
      if (c == '\n')
        break;
      if (c == '\0')
        {
          g_set_error_literal (error, SOLACE_ERROR, SOLACE_ERROR_INVALID,
                               _("What was read holds a NUL byte, which a passphrase cannot have."));
          goto fail;
        }
      if (n == SOLACE_SECRET_MAX)
        {
          g_set_error (error, SOLACE_ERROR, SOLACE_ERROR_INVALID,
                       g_dngettext (GETTEXT_PACKAGE,
                                    "What was read is longer than %d byte, the most Solace takes.",
                                    "What was read is longer than %d bytes, the most Solace takes.",
                                    SOLACE_SECRET_MAX),
                       SOLACE_SECRET_MAX);
          goto fail;
        }
      line[n++] = c;
    }

  if (n > 0 && line[n - 1] == '\r')
    n--;
  line[n] = '\0';
  sodium_memzero (&c, sizeof c);

  return line;

fail:
  sodium_memzero (&c, sizeof c);
  sodium_free (line);

  return NULL;
}

void
solace_secret_free (SolaceSecret *secret)
{
  /* Zeroes it first. */
  if (secret != NULL)
    sodium_free (secret);
}

gboolean
solace_terminal_is_interactive (void)
{
  return isatty (STDIN_FILENO);
}

SolaceSecret *
solace_terminal_read_secret (const char  *prompt,
                             GError     **error)
{
  SolaceSecret *secret;

  g_return_val_if_fail (prompt != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (sodium_init () < 0)
    {
      g_set_error_literal (error, SOLACE_ERROR, SOLACE_ERROR_FAILED,
                           _("The encryption library could not start."));
      return NULL;
    }

  if (!solace_terminal_is_interactive ())
    return read_line (STDIN_FILENO, error);

  /* Echo off before the prompt shows: what is typed as soon as it
   * does is never shown. */
  if (!echo_off (prompt))
    {
      g_set_error_literal (error, SOLACE_ERROR, SOLACE_ERROR_FAILED,
                           _("Could not hide what is typed on this terminal, so nothing was read."));
      return NULL;
    }
  g_printerr ("%s", prompt);
  secret = read_line (STDIN_FILENO, error);
  echo_on ();
  g_printerr ("\n");

  return secret;
}

gboolean
solace_terminal_confirm (const char *question)
{
  char answer[64];
  gsize n = 0;

  g_return_val_if_fail (question != NULL, FALSE);

  if (!solace_terminal_is_interactive ())
    return FALSE;

  g_printerr ("%s", question);
  for (;;)
    {
      char c;
      ssize_t r = read (STDIN_FILENO, &c, 1);

      if (r < 0 && errno == EINTR)
        continue;
      if (r <= 0 || c == '\n')
        break;
      if (n + 1 < sizeof answer)
        answer[n++] = c;
    }
  answer[n] = '\0';

  /* The language's own yes ("y", "j", "o"…). */
  return rpmatch (answer) == 1;
}
