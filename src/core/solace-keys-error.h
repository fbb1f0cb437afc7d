/* solace-keys-error.h — the error domain of the key file and the
 * recovery key
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define SOLACE_KEYS_ERROR (solace_keys_error_quark ())

typedef enum
{
  SOLACE_KEYS_ERROR_NOT_FOUND,           /* neither copy of the key file exists */
  SOLACE_KEYS_ERROR_DAMAGED,             /* every copy there is, is damaged */
  SOLACE_KEYS_ERROR_UNKNOWN_VERSION,     /* written by a newer Solace */
  SOLACE_KEYS_ERROR_WRONG_PASSPHRASE,    /* the file is fine; the passphrase is not it */
  SOLACE_KEYS_ERROR_WRONG_RECOVERY_KEY,  /* well formed, but not this file's key */
  SOLACE_KEYS_ERROR_RECOVERY_KEY_TYPO,   /* a group's check failed: a typing mistake */
  SOLACE_KEYS_ERROR_RECOVERY_KEY_FORMAT, /* wrong length or characters */
  SOLACE_KEYS_ERROR_EXISTS,              /* create: a key file is already there */
  SOLACE_KEYS_ERROR_MISMATCH,            /* the key given is not this file's key */
  SOLACE_KEYS_ERROR_NO_MEMORY,           /* not enough memory for the Argon2 cost */
} SolaceKeysError;

GQuark solace_keys_error_quark (void);

G_END_DECLS
