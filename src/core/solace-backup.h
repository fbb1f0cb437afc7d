/* solace-backup.h — daily copies of the database, and restoring one
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "solace-database.h"
#include "solace-keys.h"

G_BEGIN_DECLS

#define SOLACE_BACKUP_DAILY  7
#define SOLACE_BACKUP_WEEKLY 4

typedef struct
{
  char   *path;
  GDate   day;       /* the local day it was made */
  gint64  made_at;   /* modification time, Unix seconds */
  goffset size;
  /* Encrypted (solace-crypt), its key file beside it: "<path>.keys",
   * solace_keys_path_for_database (path). */
  gboolean sealed;
} SolaceBackup;

void        solace_backup_free          (SolaceBackup   *backup);

/* $XDG_DATA_HOME/solace/backups */
char       *solace_backup_dup_default_dir (void);

/* Copies @db, with SQLite's online backup API, to "solace-DAY.db" in
 * @dir (made 0700, the file 0600), unless today's copy exists and
 * @force is not set; then keeps the newest SOLACE_BACKUP_DAILY days and
 * the newest copy of each of the SOLACE_BACKUP_WEEKLY ISO weeks before
 * them, and deletes the rest.  The copy is written beside its final name
 * and renamed into place, so a half-made backup never looks like one.
 * @made (nullable) is set to the new file's path, or %NULL if none was
 * needed.
 *
 * A sealed database's copies are sealed too, with its key and id, and
 * its key file is copied beside each ("<copy>.keys", both copies): a
 * backup opens on its own with the passphrase of the day it was made
 * or the recovery key, and with the data key, which a passphrase
 * change keeps; solace_backup_update_key_files () brings them to the
 * passphrase and recovery key of now.  Pruning deletes a copy's key
 * file with it. */
gboolean    solace_backup_make          (SolaceDatabase *db,
                                         const char     *dir,
                                         const GDate    *today,
                                         gboolean        force,
                                         char          **made,
                                         GError        **error);
/* Deletes what the rule above does not keep, counting from @today. */
void        solace_backup_prune         (const char     *dir,
                                         const GDate    *today);
/* The backups in @dir, newest first (#SolaceBackup). */
GPtrArray  *solace_backup_list          (const char     *dir);
/* Whether @path is a whole Solace database (PRAGMA integrity_check).
 * A sealed backup cannot be checked without its key: SOLACE_ERROR_LOCKED. */
gboolean    solace_backup_check         (const char     *path,
                                         GError        **error);
/* The same, reading a sealed backup with @key (nullable: plain only).  A
 * sealed backup whose own key file says another key made it gives
 * SOLACE_ERROR_LOCKED; a plain one is checked as it is. */
gboolean    solace_backup_check_with_key (const char      *path,
                                          const SolaceKey *key,
                                          GError         **error);
/* The newest backup in @dir that passes solace_backup_check(), or %NULL. */
SolaceBackup *solace_backup_find_newest_good (const char *dir);
/* The same with solace_backup_check_with_key (): with the lock on, pass
 * the key, or every sealed backup is passed over. */
SolaceBackup *solace_backup_find_newest_good_with_key (const char      *dir,
                                                       const SolaceKey *key);
/* Copies @backup over @db's contents in place (the other connections see
 * it at once), after saving the current contents as one more backup. */
/* Keeps what @db holds now as "solace-DATE-TIME-before-@why.db" in @dir
 * (@why: "restore", "import"), which pruning keeps for a week beside
 * that day's own copy.  @made: (out) (optional): its path. */
gboolean    solace_backup_keep_before   (SolaceDatabase *db,
                                         const char     *dir,
                                         const char     *why,
                                         char          **made,
                                         GError        **error);
/* With @db sealed, a sealed backup (of the same key) is copied in as it
 * is, and a plain one from before the lock is sealed on the way in, with
 * @db's key: the database stays encrypted either way.  A sealed backup
 * into a plain @db is refused (SOLACE_ERROR_LOCKED). */
gboolean    solace_backup_restore       (SolaceDatabase *db,
                                         const char     *backup,
                                         const char     *dir,
                                         GError        **error);
/* For a database that cannot be opened: moves @path aside (kept, named
 * "….damaged-TIME") and puts a copy of @backup in its place.  Plain
 * only: if @path has a key file beside it, or @backup is sealed, it is
 * refused (SOLACE_ERROR_LOCKED); use the _with_key variant. */
gboolean    solace_backup_restore_file  (const char     *backup,
                                         const char     *path,
                                         char          **kept_as,
                                         GError        **error);
/* The same for a locked journal: @key must be the key of the key file
 * beside @path, which stays as it is; what is put in place is sealed
 * with @key — a sealed backup of that key as it is, a plain one sealed
 * on the way in.  @key %NULL is solace_backup_restore_file (). */
gboolean    solace_backup_restore_file_with_key (const char      *backup,
                                                 const char      *path,
                                                 const SolaceKey *key,
                                                 char           **kept_as,
                                                 GError         **error);

/* After solace_keys_change_passphrase () or solace_keys_new_recovery_key ()
 * on @keys_path: every sealed backup's key file in @dir ("<backup>.keys",
 * both copies) whose journal and data key are @keys_path's is replaced
 * by a copy of @keys_path (each atomically, 0600, durably), so that the
 * old passphrase and recovery key open no backup either, and the new
 * ones open each on its own.  Key files of an earlier lock (another
 * data key) and damaged ones are left as they are.  A missing @dir is
 * nothing to do; a @keys_path that cannot be read is an error, and so
 * is a key file that could not be written (the others are done all the
 * same). */
gboolean    solace_backup_update_key_files (const char  *dir,
                                            const char  *keys_path,
                                            GError     **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SolaceBackup, solace_backup_free)

G_END_DECLS
