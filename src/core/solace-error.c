/* solace-error.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "solace-error"

#include "config.h"

#include "solace-error.h"

G_DEFINE_QUARK (solace-error-quark, solace_error)
