/* solace-terminal.h — asking for a passphrase on the command line
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A secret is read from the terminal with echo off when standard input
 * is one, or as one line of standard input when it is not (scripts and
 * tests).  It never comes from the command line or the environment,
 * and it lives only in sodium_malloc () memory, zeroed when freed.
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* The longest secret read, in bytes. */
#define SOLACE_SECRET_MAX 1024

/* NUL-terminated, in sodium_malloc () memory: free it with
 * solace_secret_free (), which zeroes it. */
typedef char SolaceSecret;
void solace_secret_free (SolaceSecret *secret);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SolaceSecret, solace_secret_free)

/* Whether standard input is a terminal a person types at. */
gboolean      solace_terminal_is_interactive (void);

/* Shows @prompt on standard error (only on a terminal) and reads one
 * line without its line end: on a terminal with echo off, restored on
 * every way out, Ctrl+C, Ctrl+Z and a closed terminal included.  Fails
 * at the end of input, on a NUL byte, and on a line longer than
 * SOLACE_SECRET_MAX. */
SolaceSecret *solace_terminal_read_secret    (const char  *prompt,
                                              GError     **error);

/* Asks @question on a terminal and reads a yes or a no (in the
 * person's language); anything else, and no terminal, is a no. */
gboolean      solace_terminal_confirm        (const char  *question);

G_END_DECLS
