/* solace-vault.h — turning the passphrase lock on and off on disk
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The database is either plain or sealed by the solace-crypt VFS, with
 * its key file ("<database>.keys") beside it.  Moving between the two
 * writes a whole new file ("<database>.new"), checks it, writes a
 * marker ("<database>.swap"), swaps by rename and removes the marker.
 * A kill at any moment leaves exactly one complete database:
 * solace_vault_recover(), run before anything opens the data, finishes
 * a swap whose marker is there and throws away a new file whose marker
 * is not.  Nothing here may run while the database is open elsewhere.
 *
 * Processes are kept apart by an flock on "<database>.lock" (0600,
 * never deleted): a change holds it throughout; recovery and
 * solace_vault_remove_unused_key_file () do nothing while another
 * process (or another call here) holds it.
 */
#pragma once

#include <gio/gio.h>

#include "solace-keys.h"

G_BEGIN_DECLS

typedef enum
{
  SOLACE_VAULT_MISSING,   /* no database yet */
  SOLACE_VAULT_PLAIN,     /* a plain database: no lock */
  SOLACE_VAULT_SEALED,    /* encrypted: a key is needed to open it */
} SolaceVaultState;

/* What the database at @db_path is.  An encrypted one whose key file is
 * gone, or a file that is neither, gives an error. */
SolaceVaultState solace_vault_get_state (const char  *db_path,
                                         GError     **error);

/* Finishes or undoes a swap that a crash interrupted.  A key file
 * beside a plain database is left alone (a set-up may be going on in
 * another process): see solace_vault_remove_unused_key_file ().  While
 * a change holds the lock it does nothing and returns %TRUE.  A marker
 * that does not agree with what is on disk is an error
 * (SOLACE_ERROR_CORRUPT), with nothing touched.  Cheap when there is
 * nothing to do; call before every open. */
gboolean         solace_vault_recover   (const char  *db_path,
                                         GError     **error);

/* Removes the key file beside @db_path (solace_keys_path_for_database ())
 * if, under the lock, nothing can need it: no change is going on or
 * half-done (no "<db>.swap", no "<db>.new") and the database is plain
 * at that moment.  Otherwise (sealed, missing, a change going on in
 * another process) it does nothing and returns %TRUE; a file that is
 * not a database is an error.  For a set-up about to make a new key
 * file, and for one that failed. */
gboolean         solace_vault_remove_unused_key_file (const char  *db_path,
                                                      GError     **error);

/* Called from the worker thread, 0.0 to 1.0. */
typedef void (*SolaceVaultProgressFunc) (double   fraction,
                                         gpointer user_data);

/* Plain → sealed with @key (from solace_keys_create() at
 * solace_keys_path_for_database (@db_path)).  Blocking: run it in a
 * thread, with the database closed everywhere. */
gboolean         solace_vault_seal      (const char               *db_path,
                                         const SolaceKey          *key,
                                         SolaceVaultProgressFunc   progress,
                                         gpointer                  user_data,
                                         GCancellable             *cancellable,
                                         GError                  **error);

/* Sealed → plain; then the key file is wiped and deleted. */
gboolean         solace_vault_unseal    (const char               *db_path,
                                         const SolaceKey          *key,
                                         SolaceVaultProgressFunc   progress,
                                         gpointer                  user_data,
                                         GCancellable             *cancellable,
                                         GError                  **error);

/* The same in a worker thread; @progress is called on the thread-default
 * main context of the caller. */
void             solace_vault_seal_async    (const char              *db_path,
                                             const SolaceKey         *key,
                                             SolaceVaultProgressFunc  progress,
                                             gpointer                 progress_data,
                                             GCancellable            *cancellable,
                                             GAsyncReadyCallback      callback,
                                             gpointer                 user_data);
void             solace_vault_unseal_async  (const char              *db_path,
                                             const SolaceKey         *key,
                                             SolaceVaultProgressFunc  progress,
                                             gpointer                 progress_data,
                                             GCancellable            *cancellable,
                                             GAsyncReadyCallback      callback,
                                             gpointer                 user_data);
gboolean         solace_vault_finish        (GAsyncResult            *result,
                                             GError                 **error);

/* Plain backups left in @dir from before the lock (each "solace-*.db"
 * that is not sealed): how many, and deleting them (overwritten with
 * zeros and flushed first; a disk may still keep old blocks). */
guint            solace_vault_count_plain_backups  (const char  *dir);
gboolean         solace_vault_delete_plain_backups (const char  *dir,
                                                    GError     **error);

G_END_DECLS
