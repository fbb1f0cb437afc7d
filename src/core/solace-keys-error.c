/* solace-keys-error.c — the error domain of the key file and the
 * recovery key
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "solace-keys"

#include "config.h"

#include "solace-keys-error.h"

G_DEFINE_QUARK (solace-keys-error-quark, solace_keys_error)
