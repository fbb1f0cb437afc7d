/* solace-keys-common.h — what the parts of the key code share:
 * locked memory, and the bounds of the Argon2 cost
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * For those parts only; the rest of the app uses solace-keys.h.  Not a
 * "-private.h" of solace-keys: the recovery key and the strength estimate
 * use it without depending on the key file (solace-keys.h includes
 * solace-recovery-key.h).
 *
 *   solace-keys.c                 the key file: format, slots, copies
 *   solace-keys-async.c           the slow calls in a worker thread
 *   solace-keys-calibrate.c       the Argon2 cost for this computer
 *   solace-recovery-key.c         the recovery key's text
 *   solace-passphrase-strength.c  how hard a passphrase is to guess
 */
#pragma once

#include <glib.h>
#include <sodium.h>

G_BEGIN_DECLS

#define SALT_LEN         crypto_pwhash_SALTBYTES

/* Bounds a slot's stored cost must keep: a damaged or hostile file must
 * not make Solace try to allocate all memory. */
#define MEMLIMIT_MAX     ((guint64) 4 << 30)
#define OPSLIMIT_MAX     64

static inline gboolean
sodium_ready (void)
{
  return sodium_init () >= 0;
}

static inline gpointer
secure_alloc (gsize size)
{
  gpointer p;

  if (!sodium_ready () || (p = sodium_malloc (size)) == NULL)
    g_error ("Out of locked memory (%" G_GSIZE_FORMAT " bytes)", size);
  return p;
}

G_END_DECLS
