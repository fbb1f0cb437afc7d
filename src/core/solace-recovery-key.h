/* solace-recovery-key.h — the recovery key's text: made, grouped with
 * a check character per group, and read back as typed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Errors are in SOLACE_KEYS_ERROR (solace-keys-error.h).
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The recovery key as shown: 13 groups of 5 characters, dashes
 * between them (see solace_recovery_key_parse ()). */
#define SOLACE_RECOVERY_KEY_GROUPS      13
#define SOLACE_RECOVERY_KEY_GROUP_CHARS 5
#define SOLACE_RECOVERY_KEY_TEXT_LENGTH \
  (SOLACE_RECOVERY_KEY_GROUPS * (SOLACE_RECOVERY_KEY_GROUP_CHARS + 1) - 1)

/* A recovery key's text, in sodium_malloc () memory: free it with
 * solace_recovery_key_free (), which zeroes it. */
typedef char SolaceRecoveryKey;
void solace_recovery_key_free (SolaceRecoveryKey *text);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SolaceRecoveryKey, solace_recovery_key_free)

/* Recovery key text: 256 random bits as 52 characters of Crockford's
 * base32 (0-9 and A-Z without I, L, O, U; 4 spare bits are zero), in 13
 * groups of 4, each followed by a check character, groups joined by
 * dashes.  Reading ignores spaces, dashes and case, and reads O as 0
 * and I, L as 1.  One wrong or two swapped characters within a group
 * are always caught; @bad_group (may be NULL) receives the 0-based
 * group that failed its check, or -1. */
gboolean solace_recovery_key_parse  (const char *text,
                                     guint8      key[32],
                                     int        *bad_group,
                                     GError    **error);
SolaceRecoveryKey *solace_recovery_key_format (const guint8 key[32]);
/* A new recovery key from 256 random bits (randombytes_buf ()), as
 * text in sodium_malloc () memory; nothing is written anywhere. */
SolaceRecoveryKey *solace_recovery_key_generate (void);
/* The same, for solace-keys.c: the 256 random bits go into @recovery
 * (32 bytes, the caller's sodium_malloc () memory) too. */
SolaceRecoveryKey *solace_recovery_key_new_random (guint8 *recovery);
/* For "type groups 3 and 9 back": whether @typed (read as above) is
 * group @group (0-based) of @recovery_key. */
gboolean solace_recovery_key_group_matches (const char *recovery_key,
                                            guint       group,
                                            const char *typed);

G_END_DECLS
