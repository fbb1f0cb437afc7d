/* solace-passphrase-strength.h — how hard a passphrase is to guess
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* How hard a passphrase is to guess, 0 (very weak) to 4 (strong), from
 * its length, its kinds of characters, repeats and runs, and a short
 * built-in list of common passwords.  @reason receives a static key
 * for the UI: "empty", "common", "short", "repetitive", "few-kinds",
 * "fair" or "strong".  Nothing is logged or kept. */
int      solace_passphrase_strength (const char  *passphrase,
                                     const char **reason);

G_END_DECLS
