/* solace-keys.h — the data key and the key file that keeps it
 *
 * The journal is encrypted with one random 32-byte data key.  The key
 * file beside the database (`solace.db.keys`, and a second copy
 * `solace.db.keys.bak`) holds that key wrapped ("slots") so that it can
 * be opened with the passphrase or with the recovery key, and the
 * database's random 16-byte id.  Nothing here ever stores, logs or
 * copies a passphrase to disk; see docs/key-file.md for the format.
 *
 * Format, version 1, all integers little-endian (docs/key-file.md):
 *
 *   offset  size  field
 *   0       8     magic "SOLKEYS\n"
 *   8       4     version (1)
 *   12      4     number of slots (1..8)
 *   16      16    database id (random)
 *   32      32    key check: BLAKE2b-256 keyed with the data key over
 *                 "solace-keys key check v1" || database id
 *   64      ...   slots, each: kind u16, body length u16, body
 *   end-32  32    BLAKE2b-256 (unkeyed) of every byte before it
 *
 *   passphrase slot (kind 1, 108 bytes): algorithm u32 (2 = Argon2id
 *     1.3), opslimit u64, memlimit u64, salt [16], nonce [24], wrapped
 *     data key [32] + tag [16]
 *   recovery slot (kind 2, 72 bytes): nonce [24], wrapped key [32] +
 *     tag [16]
 *
 *   Each wrapped key is XChaCha20-Poly1305 IETF with a random nonce; its
 *   associated data is magic, version, database id and key check (the
 *   header without the slot count), then the slot's own bytes up to its
 *   nonce (kind, length, and for a passphrase slot the algorithm,
 *   limits and salt).  The passphrase is hashed as the UTF-8 bytes given
 *   (no normalisation); the recovery slot's key is BLAKE2b-256 keyed
 *   with the recovery key's 32 bytes over "solace-keys recovery v1" ||
 *   database id.
 *
 * The trailing checksum tells accidental damage (try the other copy)
 * apart from a wrong passphrase (the checksum holds, the tag does not).
 *
 * The Argon2 hash runs in the calling thread; the `_async` variants run
 * it in a GTask worker thread.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "solace-keys-error.h"
#include "solace-recovery-key.h"

G_BEGIN_DECLS

#define SOLACE_KEY_DATA_KEY_BYTES    32
#define SOLACE_KEY_DATABASE_ID_BYTES 16

/* The data key and the database id, in sodium_malloc () memory (guard
 * pages, locked in RAM where allowed), zeroed when freed. */
typedef struct _SolaceKey SolaceKey;

GType         solace_key_get_type        (void) G_GNUC_CONST;
#define SOLACE_TYPE_KEY (solace_key_get_type ())
SolaceKey    *solace_key_copy            (const SolaceKey *key);
void          solace_key_free            (SolaceKey       *key);
/* SOLACE_KEY_DATA_KEY_BYTES bytes. */
const guint8 *solace_key_get_data_key    (const SolaceKey *key);
/* SOLACE_KEY_DATABASE_ID_BYTES bytes. */
const guint8 *solace_key_get_database_id (const SolaceKey *key);
gboolean      solace_key_equal           (const SolaceKey *a,
                                          const SolaceKey *b);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SolaceKey, solace_key_free)

/* Argon2id cost, as stored in a passphrase slot. */
typedef struct
{
  guint64 opslimit;   /* passes over the memory */
  gsize   memlimit;   /* bytes */
} SolacePwhashParams;

#define SOLACE_PWHASH_FLOOR_OPSLIMIT 2
#define SOLACE_PWHASH_FLOOR_MEMLIMIT ((gsize) 64 << 20)

/* Picks a cost that takes 0.5–1 s here, never below 64 MiB and 2
 * passes, and never above a memory cap from the RAM this computer has
 * (1/16 of it, at most 1 GiB).  Times two Argon2 hashes at the floor
 * (about 0.1 s each here), takes the faster, and scales: memory first,
 * then passes.  @seconds_at_floor, if not NULL, receives that time. */
void     solace_keys_calibrate (SolacePwhashParams *params,
                                double             *seconds_at_floor);

/* "<database>.keys" */
char    *solace_keys_path_for_database (const char *database_path);
/* Whether either copy of the key file at @path exists. */
gboolean solace_keys_exist             (const char *path);

/* Makes a new data key and database id, writes the key file at @path
 * (and its copy) with a passphrase slot and a recovery slot, and
 * returns the key.  @params NULL calibrates (production); tests pass
 * cheap explicit ones.  @recovery_key receives the text to show once.
 * Refuses if a key file is already there. */
SolaceKey *solace_keys_create              (const char                *path,
                                            const char                *passphrase,
                                            const SolacePwhashParams  *params,
                                            SolaceRecoveryKey        **recovery_key,
                                            GError                   **error);
SolaceKey *solace_keys_unlock_passphrase   (const char                *path,
                                            const char                *passphrase,
                                            GError                   **error);
/* @recovery_key as typed: spaces, dashes and case do not matter. */
SolaceKey *solace_keys_unlock_recovery_key (const char                *path,
                                            const char                *recovery_key,
                                            GError                   **error);
/* Re-wraps @key under @new_passphrase; the data key does not change. */
gboolean   solace_keys_change_passphrase   (const char                *path,
                                            const SolaceKey           *key,
                                            const char                *new_passphrase,
                                            const SolacePwhashParams  *params,
                                            GError                   **error);
/* Replaces the recovery slot: the old recovery key no longer opens.
 * (solace_recovery_key_generate () then solace_keys_set_recovery_key ().) */
gboolean   solace_keys_new_recovery_key    (const char                *path,
                                            const SolaceKey           *key,
                                            SolaceRecoveryKey        **recovery_key,
                                            GError                   **error);
/* Replaces the recovery slot with one for @recovery_key (text as from
 * solace_recovery_key_generate (), read as solace_recovery_key_parse ()
 * does), so that from now on it opens, and the old one no longer does.
 * Until this is called the old recovery key keeps working: a new key
 * is written only once the person has shown they kept it.  A key that
 * does not read, or a @key that is not the file's, changes nothing. */
gboolean   solace_keys_set_recovery_key    (const char                *path,
                                            const SolaceKey           *key,
                                            const char                *recovery_key,
                                            GError                   **error);
/* Whether @key is the key of the key file at @path (its database id and
 * key check; no Argon2): SOLACE_KEYS_ERROR_MISMATCH if not. */
gboolean   solace_keys_check_key           (const char                *path,
                                            const SolaceKey           *key,
                                            GError                   **error);
/* Writes a good copy of the key file at @path, whose key @key must be,
 * to @dest (both copies, 0600, durably): a backup's own key file. */
gboolean   solace_keys_copy                (const char                *path,
                                            const SolaceKey           *key,
                                            const char                *dest,
                                            GError                   **error);
/* Whether a good copy of the key file at @path can be read (no key or
 * passphrase needed): the errors of an unlock that a file can cause. */
gboolean   solace_keys_check_file          (const char                *path,
                                            GError                   **error);
/* Writes a good copy of the key file at @path over the key file at
 * @dest (both copies, each atomically, 0600, durably), only if @dest is
 * a key file of the same journal and data key (the same database id
 * and key check, read without a passphrase): SOLACE_KEYS_ERROR_MISMATCH
 * if not, and @dest is left as it is.  A backup's key file after the
 * passphrase or the recovery key changed, so the old ones open no copy
 * of the data key. */
gboolean   solace_keys_replace_copy        (const char                *path,
                                            const char                *dest,
                                            GError                   **error);
/* Overwrites both copies with random bytes, flushes, then deletes them.
 * (A disk may still keep old blocks; docs/key-file.md says so.) */
gboolean   solace_keys_remove              (const char                *path,
                                            GError                   **error);

/* The same in a worker thread; the passphrase is copied into
 * sodium_malloc () memory and zeroed when the task is done. */
void       solace_keys_create_async        (const char                *path,
                                            const char                *passphrase,
                                            const SolacePwhashParams  *params,
                                            GCancellable              *cancellable,
                                            GAsyncReadyCallback        callback,
                                            gpointer                   user_data);
SolaceKey *solace_keys_create_finish       (GAsyncResult              *result,
                                            SolaceRecoveryKey        **recovery_key,
                                            GError                   **error);
void       solace_keys_unlock_passphrase_async   (const char          *path,
                                                  const char          *passphrase,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
void       solace_keys_unlock_recovery_key_async (const char          *path,
                                                  const char          *recovery_key,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
SolaceKey *solace_keys_unlock_finish       (GAsyncResult              *result,
                                            GError                   **error);

G_END_DECLS
