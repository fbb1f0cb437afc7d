/* solace-crypt-vfs.h — an encrypting SQLite VFS on stock SQLite
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * "solace-crypt" wraps SQLite's default VFS.  Every page of a database
 * opened through it, and every page in its write-ahead log, is sealed
 * with XChaCha20-Poly1305 (libsodium, IETF, detached): the last 40 bytes
 * of each 4096-byte page are reserved (PRAGMA page_size = 4096 and
 * SQLITE_FCNTL_RESERVE_BYTES = 40, set by solace_crypt_vfs_prepare ())
 * and hold a fresh random 24-byte nonce and the 16-byte tag.
 *
 * Associated data, so that nothing can be moved unnoticed:
 *  - database page: id (16) ‖ page number (u64 LE)                24 bytes
 *  - WAL frame page: id (16) ‖ page number (u64 LE, from the frame
 *    header) ‖ frame index (u64 LE, from 0) ‖ the two salts of the log
 *    header (bytes 16–23 as on disk)                             40 bytes
 *  The lengths differ, so a WAL page never verifies as a database page
 *  or the other way round; the frame index catches a frame moved within
 *  the log; the salts (new for each generation of the log) catch a frame
 *  from an earlier generation; the id catches a page of another database
 *  (a backup, say).  The frame header's own salts and checksums are not
 *  sealed: SQLite writes them as zeros and fills them in at commit.
 *
 * On disk: page 1 starts with the plain magic "Solace crypt v1\0" in
 * place of "SQLite format 3\0" (see solace_crypt_vfs_probe_file ()); its
 * remaining bytes are sealed like every other page.  The WAL's 32-byte
 * header and each frame's 24-byte header stay plain (page number, commit
 * size, salts and checksums only — SQLite needs them for recovery); the
 * 4096 bytes after each frame header are sealed.  The -shm file holds
 * only SQLite's index of the log (page numbers and checksums) and is
 * passed through.
 *
 * Failing closed:
 *  - a database write that is not one whole aligned page, or a WAL write
 *    that is not the log header, a frame header or one whole frame page,
 *    is SQLITE_IOERR_WRITE;
 *  - page 1 is refused (SQLITE_IOERR_WRITE) unless it says page size
 *    4096 and 40 reserved bytes, so a database can never be written with
 *    room too small for the seal;
 *  - a page whose tag does not verify is SQLITE_IOERR_DATA: SQLite gets
 *    an error, never the bytes.  A hole (a page of zeros, as a sparse
 *    file or a zeroing attacker leaves) has an all-zero tag, never
 *    verifies, and is SQLITE_IOERR_DATA too; the VFS swallows
 *    SQLITE_FCNTL_SIZE_HINT and SQLITE_FCNTL_CHUNK_SIZE so it never
 *    leaves holes itself.  Reading wholly past the end of the file is
 *    SQLite's usual short read of zeros.
 *  - WAL recovery reads each frame (header and page at once) and stops
 *    at the first frame whose checksum fails; a frame whose page does
 *    not verify is handed to recovery with a zeroed page, so its
 *    checksum fails and the log ends before it — exactly what SQLite
 *    does with a torn write after a crash.  Tampering with the log can
 *    therefore at worst drop the newest transactions (as deleting the
 *    -wal file would), never change what a page says.
 *
 * Journal modes: WAL only.  A rollback journal may be created (SQLite
 * makes one while a new database switches to WAL), but writing a page
 * image into it is refused with SQLITE_IOERR_WRITE, so DELETE, TRUNCATE
 * and PERSIST fail on the first change to an existing page instead of
 * writing plaintext.  Super-journals (transactions over several attached
 * databases) are refused at open.
 *
 * Temporary files: every temp database, temp journal, statement journal,
 * transient file and nameless file is served from memory by the VFS
 * itself (zeroed when closed); the caller must still set
 * PRAGMA temp_store = MEMORY (solace_crypt_vfs_prepare () does), so that
 * SQLite keeps its own temporary b-trees in memory too.
 *
 * No memory-mapped I/O: the files have no xFetch (I/O methods version
 * 2), and SQLITE_FCNTL_MMAP_SIZE always reports 0.
 *
 * Keys: before a database is opened, its full path gets a 32-byte key
 * and a 16-byte database id with solace_crypt_vfs_set_key ().  Opening a
 * main database, -wal or -journal whose path has no key fails with
 * SQLITE_CANTOPEN.  Each open file copies the key into its own
 * sodium_malloc () memory and wipes it when SQLite closes the file;
 * solace_crypt_vfs_forget_key () wipes the registry's copy, so after
 * closing every connection and forgetting the key, no copy remains.
 * The registry counts: each set_key is matched by one forget_key, and
 * the key stays until the last (a newer set_key for the same path
 * replaces the key for every holder).
 *
 * Backups: sqlite3_backup copies plaintext pages; point it at a
 * destination opened with this VFS (its own path registered, prepared
 * with solace_crypt_vfs_prepare ()) and every page is sealed again with
 * the destination's key and id.  The same key with a different id per
 * file is the intended use: each copy opens with the data key, and no
 * page can be swapped between the live database and a copy.
 */
#pragma once

#include <glib.h>
#include <sqlite3.h>

G_BEGIN_DECLS

#define SOLACE_CRYPT_VFS_NAME       "solace-crypt"
#define SOLACE_CRYPT_KEY_BYTES      32
#define SOLACE_CRYPT_ID_BYTES       16
#define SOLACE_CRYPT_PAGE_SIZE      4096
#define SOLACE_CRYPT_RESERVE_BYTES  40

typedef enum
{
  SOLACE_CRYPT_FILE_MISSING,    /* no such file, or empty */
  SOLACE_CRYPT_FILE_PLAIN,      /* a plain SQLite database */
  SOLACE_CRYPT_FILE_ENCRYPTED,  /* a database sealed by this VFS */
  SOLACE_CRYPT_FILE_UNKNOWN,    /* anything else */
} SolaceCryptFileKind;

/* Registers the VFS with SQLite (not as the default); safe to call more
 * than once and from any thread.  Initialises libsodium. */
gboolean            solace_crypt_vfs_register     (GError       **error);

/* Hands @key and @id to the database at @db_path (and its -wal and
 * -journal), replacing any earlier key for it.  @db_path is made
 * absolute the way SQLite does, so relative and absolute spellings of
 * one file are the same.  Call before opening. */
gboolean            solace_crypt_vfs_set_key      (const char    *db_path,
                                                   const guint8   key[SOLACE_CRYPT_KEY_BYTES],
                                                   const guint8   id[SOLACE_CRYPT_ID_BYTES],
                                                   GError       **error);

/* Wipes and drops the registry's key for @db_path; files already open
 * keep their own copy until SQLite closes them. */
void                solace_crypt_vfs_forget_key   (const char    *db_path);

/* Opens @db_path through the VFS (flags as sqlite3_open_v2; the key must
 * be set) — a convenience; "file:…?vfs=solace-crypt" URIs work too. */
int                 solace_crypt_vfs_open         (const char    *db_path,
                                                   int            flags,
                                                   sqlite3      **db);

/* Run on every connection right after opening it through the VFS:
 * temp_store = MEMORY, mmap_size = 0; on a new, empty database sets page
 * size 4096 and 40 reserved bytes and switches to WAL; on an existing
 * one reads page 1 (a wrong key fails here, SOLACE_ERROR_CORRUPT) and
 * switches to WAL.  Fails if the page size or reserve is not as needed. */
gboolean            solace_crypt_vfs_prepare      (sqlite3       *db,
                                                   GError       **error);

/* Tells a sealed database from a plain one by the first 16 bytes. */
SolaceCryptFileKind solace_crypt_vfs_probe_file   (const char    *path,
                                                   GError       **error);

G_END_DECLS
