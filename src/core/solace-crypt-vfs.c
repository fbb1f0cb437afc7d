/* solace-crypt-vfs.c — an encrypting SQLite VFS on stock SQLite
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * See solace-crypt-vfs.h for the format and the rules.  Written for
 * Solace; the reserved-bytes idea is SQLite's (ext/misc/cksumvfs.c).
 *
 * Why one file of this length: a VFS is one table of methods over one
 * page format; split up, the format's rules (what is sealed, what a
 * page's number and the database id bind) would be spread over files.
 */
#define G_LOG_DOMAIN "solace-crypt-vfs"

#include "config.h"

#include "solace-crypt-vfs.h"

#include <errno.h>
#include <gio/gio.h>
#include <sodium.h>
#include <string.h>

#include "solace-error.h"

#define PAGE        SOLACE_CRYPT_PAGE_SIZE
#define RESERVE     SOLACE_CRYPT_RESERVE_BYTES
#define SEALED      (PAGE - RESERVE)                   /* 4056 */
#define NONCE_AT    SEALED                              /* 24 bytes */
#define TAG_AT      (SEALED + crypto_aead_xchacha20poly1305_ietf_NPUBBYTES)
#define MAGIC_LEN   16
#define WAL_HDR     32
#define FRAME_HDR   24
#define FRAME       (FRAME_HDR + PAGE)

G_STATIC_ASSERT (crypto_aead_xchacha20poly1305_ietf_NPUBBYTES == 24);
G_STATIC_ASSERT (crypto_aead_xchacha20poly1305_ietf_ABYTES == 16);
G_STATIC_ASSERT (crypto_aead_xchacha20poly1305_ietf_KEYBYTES == SOLACE_CRYPT_KEY_BYTES);
G_STATIC_ASSERT (TAG_AT + 16 == PAGE);

static const char sqlite_magic[MAGIC_LEN] = "SQLite format 3";  /* with its NUL */
static const char solace_magic[MAGIC_LEN] = "Solace crypt v1";

typedef struct
{
  guint8 key[SOLACE_CRYPT_KEY_BYTES];
  guint8 id[SOLACE_CRYPT_ID_BYTES];
  guint  holders;     /* set_key calls not yet matched by forget_key */
} CryptKey;

typedef enum
{
  KIND_MAIN,
  KIND_WAL,
  KIND_JOURNAL,
  KIND_MEMORY,
} FileKind;

typedef struct
{
  sqlite3_file   base;
  sqlite3_file  *real;        /* the wrapped file, right after this struct */
  FileKind       kind;
  CryptKey      *key;         /* sodium_malloc, wiped on close */
  guint8        *page;        /* sodium_malloc scratch, FRAME bytes */
  /* KIND_MEMORY */
  guint8        *mem;
  sqlite3_int64  mem_size;
  sqlite3_int64  mem_alloc;
} CryptFile;

static sqlite3_vfs crypt_vfs;
static GMutex keys_lock;
static GHashTable *keys;      /* full path → CryptKey (sodium_malloc) */

#define ORIG_VFS ((sqlite3_vfs *) crypt_vfs.pAppData)

/* Helpers */

static void
crypt_key_free (gpointer data)
{
  sodium_free (data);   /* wipes before freeing */
}

static char *
full_path (const char *path)
{
  sqlite3_vfs *orig = ORIG_VFS;
  g_autofree char *buf = g_malloc0 (orig->mxPathname + 1);

  if (orig->xFullPathname (orig, path, orig->mxPathname + 1, buf) != SQLITE_OK)
    return NULL;
  return g_steal_pointer (&buf);
}

static CryptKey *
lookup_key (const char *db_path)
{
  CryptKey *copy = NULL;
  CryptKey *found;

  g_mutex_lock (&keys_lock);
  found = keys != NULL ? g_hash_table_lookup (keys, db_path) : NULL;
  if (found != NULL)
    {
      copy = sodium_malloc (sizeof *copy);
      if (copy != NULL)
        memcpy (copy, found, sizeof *copy);
    }
  g_mutex_unlock (&keys_lock);
  return copy;
}

static void
put_u64le (guint8 *p, guint64 v)
{
  for (int i = 0; i < 8; i++)
    p[i] = (guint8) (v >> (8 * i));
}

static guint32
get_u32be (const guint8 *p)
{
  return ((guint32) p[0] << 24) | ((guint32) p[1] << 16) | ((guint32) p[2] << 8) | p[3];
}

/* Associated data; returns its length.  @salts (the log header's) is
 * NULL for a database page. */
static gsize
make_ad (guint8         ad[40],
         const CryptKey *key,
         guint64         pgno,
         const guint8   *salts,
         guint64         frame)
{
  memcpy (ad, key->id, 16);
  put_u64le (ad + 16, pgno);
  if (salts == NULL)
    return 24;
  put_u64le (ad + 24, frame);
  memcpy (ad + 32, salts, 8);
  return 40;
}

/* Seals @p (one page) in place. */
static int
seal_page (CryptFile    *f,
           guint8       *p,
           guint64       pgno,
           const guint8 *salts,
           guint64       frame)
{
  guint8 ad[40];
  gsize ad_len = make_ad (ad, f->key, pgno, salts, frame);
  gsize start = 0;

  if (pgno == 1)
    {
      /* Page 1 must leave room for the seal. */
      if (memcmp (p, sqlite_magic, MAGIC_LEN) != 0 ||
          p[16] != (PAGE >> 8) || p[17] != (PAGE & 0xff) || p[20] != RESERVE)
        return SQLITE_IOERR_WRITE;
      start = MAGIC_LEN;
    }
  else if (pgno == 0)
    return SQLITE_IOERR_WRITE;

  randombytes_buf (p + NONCE_AT, crypto_aead_xchacha20poly1305_ietf_NPUBBYTES);
  crypto_aead_xchacha20poly1305_ietf_encrypt_detached (p + start, p + TAG_AT, NULL,
                                                       p + start, SEALED - start,
                                                       ad, ad_len, NULL,
                                                       p + NONCE_AT, f->key->key);
  if (pgno == 1)
    memcpy (p, solace_magic, MAGIC_LEN);
  return SQLITE_OK;
}

/* Opens @p (one page) in place; FALSE if it does not verify. */
static gboolean
open_page (CryptFile    *f,
           guint8       *p,
           guint64       pgno,
           const guint8 *salts,
           guint64       frame)
{
  guint8 ad[40];
  gsize ad_len = make_ad (ad, f->key, pgno, salts, frame);
  gsize start = 0;

  if (pgno == 0)
    return FALSE;
  if (pgno == 1)
    {
      if (memcmp (p, solace_magic, MAGIC_LEN) != 0)
        return FALSE;
      start = MAGIC_LEN;
    }
  if (crypto_aead_xchacha20poly1305_ietf_decrypt_detached (p + start, NULL,
                                                           p + start, SEALED - start,
                                                           p + TAG_AT, ad, ad_len,
                                                           p + NONCE_AT, f->key->key) != 0)
    {
      sodium_memzero (p, PAGE);
      return FALSE;
    }
  if (pgno == 1)
    memcpy (p, sqlite_magic, MAGIC_LEN);
  sodium_memzero (p + SEALED, RESERVE);
  return TRUE;
}

static gboolean
all_zero (const guint8 *p,
          gsize         n)
{
  return sodium_is_zero (p, n) == 1;
}

/* The main database */

static int
main_read (CryptFile     *f,
           guint8        *out,
           int            amt,
           sqlite3_int64  off)
{
  gboolean short_read = FALSE;
  sqlite3_int64 end = off + amt;

  for (sqlite3_int64 pg = off / PAGE; pg * PAGE < end; pg++)
    {
      sqlite3_int64 pg_off = pg * PAGE;
      sqlite3_int64 from = MAX (off, pg_off);
      sqlite3_int64 to = MIN (end, pg_off + PAGE);
      int rc = f->real->pMethods->xRead (f->real, f->page, PAGE, pg_off);

      if (rc == SQLITE_IOERR_SHORT_READ)
        {
          /* Wholly past the end is SQLite's business; a part of a page
           * is a torn or cut file. */
          if (!all_zero (f->page, PAGE))
            return SQLITE_IOERR_DATA;
          memset (out + (from - off), 0, to - from);
          short_read = TRUE;
          continue;
        }
      if (rc != SQLITE_OK)
        return rc;
      if (!open_page (f, f->page, pg + 1, NULL, 0))
        return SQLITE_IOERR_DATA;
      memcpy (out + (from - off), f->page + (from - pg_off), to - from);
    }
  sodium_memzero (f->page, PAGE);
  return short_read ? SQLITE_IOERR_SHORT_READ : SQLITE_OK;
}

static int
main_write (CryptFile     *f,
            const guint8  *in,
            int            amt,
            sqlite3_int64  off)
{
  int rc;

  if (amt != PAGE || off % PAGE != 0)
    return SQLITE_IOERR_WRITE;
  memcpy (f->page, in, PAGE);
  rc = seal_page (f, f->page, off / PAGE + 1, NULL, 0);
  if (rc == SQLITE_OK)
    rc = f->real->pMethods->xWrite (f->real, f->page, PAGE, off);
  sodium_memzero (f->page, PAGE);
  return rc;
}

/* The write-ahead log
 *
 * Frame headers cannot be part of the seal: SQLite writes a frame's
 * salts and checksum as zeros first when it will rewrite them at commit.
 * The page number (read back from the frame header, written just before
 * the page) and the log header's salts (fixed for one generation of the
 * log) are stable, so those are sealed with the frame's index. */

static int
wal_salts (CryptFile *f,
           guint8     salts[8])
{
  int rc = f->real->pMethods->xRead (f->real, salts, 8, 16);

  return rc == SQLITE_OK ? SQLITE_OK : SQLITE_IOERR_DATA;
}

static int
wal_read (CryptFile     *f,
          guint8        *out,
          int            amt,
          sqlite3_int64  off)
{
  sqlite3_int64 rel = off - WAL_HDR;
  sqlite3_file *real = f->real;
  guint8 salts[8];
  int rc;

  if (rel >= 0 && rel % FRAME == 0 && amt == FRAME)
    {
      /* Recovery (or re-checksumming): header and page together.  A
       * page that does not verify is given back as zeros, so SQLite's
       * frame checksum fails and the log ends before it. */
      rc = real->pMethods->xRead (real, out, amt, off);
      if (rc != SQLITE_OK)
        return rc;
      if (wal_salts (f, salts) != SQLITE_OK ||
          !open_page (f, out + FRAME_HDR, get_u32be (out), salts, rel / FRAME))
        sodium_memzero (out + FRAME_HDR, PAGE);
      return SQLITE_OK;
    }

  if (rel >= FRAME_HDR && (rel - FRAME_HDR) % FRAME == 0 && amt == PAGE)
    {
      guint8 hdr[FRAME_HDR];

      rc = real->pMethods->xRead (real, hdr, FRAME_HDR, off - FRAME_HDR);
      if (rc == SQLITE_OK)
        rc = wal_salts (f, salts);
      if (rc == SQLITE_OK)
        rc = real->pMethods->xRead (real, out, PAGE, off);
      if (rc == SQLITE_IOERR_SHORT_READ && all_zero (out, PAGE))
        return rc;
      if (rc == SQLITE_IOERR_SHORT_READ)
        return SQLITE_IOERR_DATA;
      if (rc != SQLITE_OK)
        return rc;
      if (!open_page (f, out, get_u32be (hdr), salts, (rel - FRAME_HDR) / FRAME))
        return SQLITE_IOERR_DATA;
      return SQLITE_OK;
    }

  /* The log header and frame headers are plain. */
  return real->pMethods->xRead (real, out, amt, off);
}

static int
wal_write (CryptFile     *f,
           const guint8  *in,
           int            amt,
           sqlite3_int64  off)
{
  sqlite3_int64 rel = off - WAL_HDR;
  sqlite3_file *real = f->real;
  guint8 hdr[FRAME_HDR];
  guint8 salts[8];
  int rc;

  if ((off == 0 && amt == WAL_HDR) ||
      (rel >= 0 && rel % FRAME == 0 && amt == FRAME_HDR))
    return real->pMethods->xWrite (real, in, amt, off);

  if (!(rel >= FRAME_HDR && (rel - FRAME_HDR) % FRAME == 0 && amt == PAGE))
    return SQLITE_IOERR_WRITE;

  /* SQLite writes the log header and the frame header first. */
  if (real->pMethods->xRead (real, hdr, FRAME_HDR, off - FRAME_HDR) != SQLITE_OK ||
      real->pMethods->xRead (real, salts, 8, 16) != SQLITE_OK)
    return SQLITE_IOERR_WRITE;
  memcpy (f->page, in, PAGE);
  rc = seal_page (f, f->page, get_u32be (hdr), salts, (rel - FRAME_HDR) / FRAME);
  if (rc == SQLITE_OK)
    rc = real->pMethods->xWrite (real, f->page, PAGE, off);
  sodium_memzero (f->page, PAGE);
  return rc;
}

/* Files in memory */

static int
mem_read (CryptFile     *f,
          void          *out,
          int            amt,
          sqlite3_int64  off)
{
  sqlite3_int64 have = off < f->mem_size ? MIN (amt, f->mem_size - off) : 0;

  if (have > 0)
    memcpy (out, f->mem + off, have);
  if (have < amt)
    {
      memset ((guint8 *) out + have, 0, amt - have);
      return SQLITE_IOERR_SHORT_READ;
    }
  return SQLITE_OK;
}

static int
mem_write (CryptFile     *f,
           const void    *in,
           int            amt,
           sqlite3_int64  off)
{
  sqlite3_int64 end = off + amt;

  if (end > f->mem_alloc)
    {
      sqlite3_int64 alloc = MAX (end, MAX (f->mem_alloc * 2, 65536));
      guint8 *mem = g_try_malloc0 (alloc);

      if (mem == NULL)
        return SQLITE_IOERR_NOMEM;
      if (f->mem != NULL)
        {
          memcpy (mem, f->mem, f->mem_size);
          sodium_memzero (f->mem, f->mem_alloc);
          g_free (f->mem);
        }
      f->mem = mem;
      f->mem_alloc = alloc;
    }
  if (off > f->mem_size)
    memset (f->mem + f->mem_size, 0, off - f->mem_size);
  memcpy (f->mem + off, in, amt);
  f->mem_size = MAX (f->mem_size, end);
  return SQLITE_OK;
}

/* I/O methods */

static int
crypt_close (sqlite3_file *file)
{
  CryptFile *f = (CryptFile *) file;
  int rc = SQLITE_OK;

  if (f->kind == KIND_MEMORY)
    {
      if (f->mem != NULL)
        sodium_memzero (f->mem, f->mem_alloc);
      g_clear_pointer (&f->mem, g_free);
    }
  else
    rc = f->real->pMethods->xClose (f->real);
  g_clear_pointer (&f->key, sodium_free);
  g_clear_pointer (&f->page, sodium_free);
  return rc;
}

static int
crypt_read (sqlite3_file  *file,
            void          *out,
            int            amt,
            sqlite3_int64  off)
{
  CryptFile *f = (CryptFile *) file;

  switch (f->kind)
    {
    case KIND_MAIN:
      return main_read (f, out, amt, off);
    case KIND_WAL:
      return wal_read (f, out, amt, off);
    case KIND_MEMORY:
      return mem_read (f, out, amt, off);
    case KIND_JOURNAL:
    default:
      return f->real->pMethods->xRead (f->real, out, amt, off);
    }
}

static int
crypt_write (sqlite3_file  *file,
             const void    *in,
             int            amt,
             sqlite3_int64  off)
{
  CryptFile *f = (CryptFile *) file;

  switch (f->kind)
    {
    case KIND_MAIN:
      return main_write (f, in, amt, off);
    case KIND_WAL:
      return wal_write (f, in, amt, off);
    case KIND_MEMORY:
      return mem_write (f, in, amt, off);
    case KIND_JOURNAL:
    default:
      /* Records are page number (4), page (PAGE), checksum (4) after a
       * header of whole sectors, so a page image sits at 4 mod 8.  WAL
       * only: page images never reach a rollback journal. */
      if (amt == PAGE && off % 8 == 4)
        return SQLITE_IOERR_WRITE;
      return f->real->pMethods->xWrite (f->real, in, amt, off);
    }
}

static int
crypt_truncate (sqlite3_file  *file,
                sqlite3_int64  size)
{
  CryptFile *f = (CryptFile *) file;

  if (f->kind == KIND_MEMORY)
    {
      if (size < f->mem_size)
        {
          sodium_memzero (f->mem + size, f->mem_size - size);
          f->mem_size = size;
        }
      return SQLITE_OK;
    }
  if (f->kind == KIND_MAIN && size % PAGE != 0)
    return SQLITE_IOERR_TRUNCATE;
  return f->real->pMethods->xTruncate (f->real, size);
}

static int
crypt_sync (sqlite3_file *file,
            int           flags)
{
  CryptFile *f = (CryptFile *) file;

  if (f->kind == KIND_MEMORY)
    return SQLITE_OK;
  return f->real->pMethods->xSync (f->real, flags);
}

static int
crypt_file_size (sqlite3_file  *file,
                 sqlite3_int64 *size)
{
  CryptFile *f = (CryptFile *) file;

  if (f->kind == KIND_MEMORY)
    {
      *size = f->mem_size;
      return SQLITE_OK;
    }
  return f->real->pMethods->xFileSize (f->real, size);
}

static int
crypt_lock (sqlite3_file *file,
            int           level)
{
  CryptFile *f = (CryptFile *) file;

  if (f->kind == KIND_MEMORY)
    return SQLITE_OK;
  return f->real->pMethods->xLock (f->real, level);
}

static int
crypt_unlock (sqlite3_file *file,
              int           level)
{
  CryptFile *f = (CryptFile *) file;

  if (f->kind == KIND_MEMORY)
    return SQLITE_OK;
  return f->real->pMethods->xUnlock (f->real, level);
}

static int
crypt_check_reserved_lock (sqlite3_file *file,
                           int          *out)
{
  CryptFile *f = (CryptFile *) file;

  if (f->kind == KIND_MEMORY)
    {
      *out = 0;
      return SQLITE_OK;
    }
  return f->real->pMethods->xCheckReservedLock (f->real, out);
}

static int
crypt_file_control (sqlite3_file *file,
                    int           op,
                    void         *arg)
{
  CryptFile *f = (CryptFile *) file;

  switch (op)
    {
    case SQLITE_FCNTL_MMAP_SIZE:
      *(sqlite3_int64 *) arg = 0;
      return SQLITE_OK;
    case SQLITE_FCNTL_SIZE_HINT:
    case SQLITE_FCNTL_CHUNK_SIZE:
      return SQLITE_OK;   /* never leave holes */
    case SQLITE_FCNTL_VFSNAME:
      *(char **) arg = sqlite3_mprintf ("%s", SOLACE_CRYPT_VFS_NAME);
      return SQLITE_OK;
    default:
      if (f->kind == KIND_MEMORY)
        return SQLITE_NOTFOUND;
      return f->real->pMethods->xFileControl (f->real, op, arg);
    }
}

static int
crypt_sector_size (sqlite3_file *file)
{
  CryptFile *f = (CryptFile *) file;

  if (f->kind == KIND_MEMORY)
    return 512;
  return f->real->pMethods->xSectorSize (f->real);
}

static int
crypt_device_characteristics (sqlite3_file *file)
{
  CryptFile *f = (CryptFile *) file;
  int dc;

  if (f->kind == KIND_MEMORY)
    return SQLITE_IOCAP_ATOMIC | SQLITE_IOCAP_POWERSAFE_OVERWRITE | SQLITE_IOCAP_SAFE_APPEND | SQLITE_IOCAP_SEQUENTIAL;
  dc = f->real->pMethods->xDeviceCharacteristics (f->real);
  /* Writes here are whole sealed pages; promise nothing finer. */
  return dc & ~(SQLITE_IOCAP_ATOMIC | SQLITE_IOCAP_ATOMIC512 | SQLITE_IOCAP_ATOMIC1K |
                SQLITE_IOCAP_ATOMIC2K | SQLITE_IOCAP_ATOMIC4K | SQLITE_IOCAP_ATOMIC8K |
                SQLITE_IOCAP_ATOMIC16K | SQLITE_IOCAP_ATOMIC32K | SQLITE_IOCAP_ATOMIC64K |
                SQLITE_IOCAP_BATCH_ATOMIC);
}

static int
crypt_shm_map (sqlite3_file  *file,
               int            region,
               int            size,
               int            extend,
               void volatile **out)
{
  CryptFile *f = (CryptFile *) file;

  return f->real->pMethods->xShmMap (f->real, region, size, extend, out);
}

static int
crypt_shm_lock (sqlite3_file *file,
                int           offset,
                int           n,
                int           flags)
{
  CryptFile *f = (CryptFile *) file;

  return f->real->pMethods->xShmLock (f->real, offset, n, flags);
}

static void
crypt_shm_barrier (sqlite3_file *file)
{
  CryptFile *f = (CryptFile *) file;

  f->real->pMethods->xShmBarrier (f->real);
}

static int
crypt_shm_unmap (sqlite3_file *file,
                 int           delete_flag)
{
  CryptFile *f = (CryptFile *) file;

  return f->real->pMethods->xShmUnmap (f->real, delete_flag);
}

/* Version 2: shared memory for WAL, and no xFetch, so no mmap. */
static const sqlite3_io_methods crypt_io_methods = {
  .iVersion = 2,
  .xClose = crypt_close,
  .xRead = crypt_read,
  .xWrite = crypt_write,
  .xTruncate = crypt_truncate,
  .xSync = crypt_sync,
  .xFileSize = crypt_file_size,
  .xLock = crypt_lock,
  .xUnlock = crypt_unlock,
  .xCheckReservedLock = crypt_check_reserved_lock,
  .xFileControl = crypt_file_control,
  .xSectorSize = crypt_sector_size,
  .xDeviceCharacteristics = crypt_device_characteristics,
  .xShmMap = crypt_shm_map,
  .xShmLock = crypt_shm_lock,
  .xShmBarrier = crypt_shm_barrier,
  .xShmUnmap = crypt_shm_unmap,
};

static const sqlite3_io_methods mem_io_methods = {
  .iVersion = 1,
  .xClose = crypt_close,
  .xRead = crypt_read,
  .xWrite = crypt_write,
  .xTruncate = crypt_truncate,
  .xSync = crypt_sync,
  .xFileSize = crypt_file_size,
  .xLock = crypt_lock,
  .xUnlock = crypt_unlock,
  .xCheckReservedLock = crypt_check_reserved_lock,
  .xFileControl = crypt_file_control,
  .xSectorSize = crypt_sector_size,
  .xDeviceCharacteristics = crypt_device_characteristics,
};

/* The VFS */

static int
crypt_open (sqlite3_vfs  *vfs,
            const char   *name,
            sqlite3_file *file,
            int           flags,
            int          *out_flags)
{
  CryptFile *f = (CryptFile *) file;
  sqlite3_vfs *orig = ORIG_VFS;
  const char *db_name;
  int rc;

  memset (f, 0, sizeof *f);
  f->real = (sqlite3_file *) (f + 1);

  if (name == NULL ||
      (flags & (SQLITE_OPEN_TEMP_DB | SQLITE_OPEN_TEMP_JOURNAL |
                SQLITE_OPEN_TRANSIENT_DB | SQLITE_OPEN_SUBJOURNAL)) != 0)
    {
      f->kind = KIND_MEMORY;
      f->base.pMethods = &mem_io_methods;
      if (out_flags != NULL)
        *out_flags = flags;
      return SQLITE_OK;
    }

  if (flags & SQLITE_OPEN_MAIN_DB)
    f->kind = KIND_MAIN;
  else if (flags & SQLITE_OPEN_WAL)
    f->kind = KIND_WAL;
  else if (flags & SQLITE_OPEN_MAIN_JOURNAL)
    f->kind = KIND_JOURNAL;
  else
    return SQLITE_CANTOPEN;   /* super-journals and anything unknown */

  db_name = f->kind == KIND_MAIN ? name : sqlite3_filename_database (name);
  f->key = lookup_key (db_name);
  if (f->key == NULL)
    return SQLITE_CANTOPEN;
  f->page = sodium_malloc (FRAME);
  if (f->page == NULL)
    {
      g_clear_pointer (&f->key, sodium_free);
      return SQLITE_NOMEM;
    }

  rc = orig->xOpen (orig, name, f->real, flags, out_flags);
  if (rc != SQLITE_OK)
    {
      /* SQLite does not close a file whose open failed. */
      g_clear_pointer (&f->key, sodium_free);
      g_clear_pointer (&f->page, sodium_free);
      return rc;
    }
  f->base.pMethods = &crypt_io_methods;
  return SQLITE_OK;
}

static int
crypt_delete (sqlite3_vfs *vfs, const char *name, int sync_dir)
{
  return ORIG_VFS->xDelete (ORIG_VFS, name, sync_dir);
}

static int
crypt_access (sqlite3_vfs *vfs, const char *name, int flags, int *out)
{
  return ORIG_VFS->xAccess (ORIG_VFS, name, flags, out);
}

static int
crypt_full_pathname (sqlite3_vfs *vfs, const char *name, int n, char *out)
{
  return ORIG_VFS->xFullPathname (ORIG_VFS, name, n, out);
}

static void *
crypt_dl_open (sqlite3_vfs *vfs, const char *path)
{
  return ORIG_VFS->xDlOpen (ORIG_VFS, path);
}

static void
crypt_dl_error (sqlite3_vfs *vfs, int n, char *msg)
{
  ORIG_VFS->xDlError (ORIG_VFS, n, msg);
}

static void (*crypt_dl_sym (sqlite3_vfs *vfs, void *handle, const char *sym)) (void)
{
  return ORIG_VFS->xDlSym (ORIG_VFS, handle, sym);
}

static void
crypt_dl_close (sqlite3_vfs *vfs, void *handle)
{
  ORIG_VFS->xDlClose (ORIG_VFS, handle);
}

static int
crypt_randomness (sqlite3_vfs *vfs, int n, char *out)
{
  randombytes_buf (out, n);
  return n;
}

static int
crypt_sleep (sqlite3_vfs *vfs, int us)
{
  return ORIG_VFS->xSleep (ORIG_VFS, us);
}

static int
crypt_current_time (sqlite3_vfs *vfs, double *out)
{
  return ORIG_VFS->xCurrentTime (ORIG_VFS, out);
}

static int
crypt_get_last_error (sqlite3_vfs *vfs, int n, char *out)
{
  return ORIG_VFS->xGetLastError (ORIG_VFS, n, out);
}

static int
crypt_current_time_int64 (sqlite3_vfs *vfs, sqlite3_int64 *out)
{
  return ORIG_VFS->xCurrentTimeInt64 (ORIG_VFS, out);
}

static sqlite3_vfs crypt_vfs = {
  .iVersion = 2,
  .zName = SOLACE_CRYPT_VFS_NAME,
  .xOpen = crypt_open,
  .xDelete = crypt_delete,
  .xAccess = crypt_access,
  .xFullPathname = crypt_full_pathname,
  .xDlOpen = crypt_dl_open,
  .xDlError = crypt_dl_error,
  .xDlSym = crypt_dl_sym,
  .xDlClose = crypt_dl_close,
  .xRandomness = crypt_randomness,
  .xSleep = crypt_sleep,
  .xCurrentTime = crypt_current_time,
  .xGetLastError = crypt_get_last_error,
  .xCurrentTimeInt64 = crypt_current_time_int64,
};

/* Public API */

gboolean
solace_crypt_vfs_register (GError **error)
{
  static gsize done = 0;
  static int rc = SQLITE_OK;

  if (g_once_init_enter (&done))
    {
      sqlite3_vfs *orig = NULL;

      if (sodium_init () < 0)
        rc = SQLITE_ERROR;
      else if (sqlite3_initialize () != SQLITE_OK || (orig = sqlite3_vfs_find (NULL)) == NULL)
        rc = SQLITE_ERROR;
      else
        {
          crypt_vfs.szOsFile = sizeof (CryptFile) + orig->szOsFile;
          crypt_vfs.mxPathname = orig->mxPathname;
          crypt_vfs.pAppData = orig;
          rc = sqlite3_vfs_register (&crypt_vfs, 0);
        }
      g_once_init_leave (&done, 1);
    }
  if (rc != SQLITE_OK)
    {
      g_set_error (error, SOLACE_ERROR, SOLACE_ERROR_FAILED,
                   "Could not set up encryption (%s)", sqlite3_errstr (rc));
      return FALSE;
    }
  return TRUE;
}

gboolean
solace_crypt_vfs_set_key (const char    *db_path,
                          const guint8   key[SOLACE_CRYPT_KEY_BYTES],
                          const guint8   id[SOLACE_CRYPT_ID_BYTES],
                          GError       **error)
{
  g_autofree char *path = NULL;
  CryptKey *entry;

  g_return_val_if_fail (db_path != NULL, FALSE);
  g_return_val_if_fail (key != NULL && id != NULL, FALSE);

  if (!solace_crypt_vfs_register (error))
    return FALSE;
  path = full_path (db_path);
  entry = sodium_malloc (sizeof *entry);
  if (path == NULL || entry == NULL)
    {
      g_clear_pointer (&entry, sodium_free);
      g_set_error (error, SOLACE_ERROR, SOLACE_ERROR_FAILED,
                   "Could not hold the key for the database");
      return FALSE;
    }
  memcpy (entry->key, key, SOLACE_CRYPT_KEY_BYTES);
  memcpy (entry->id, id, SOLACE_CRYPT_ID_BYTES);

  g_mutex_lock (&keys_lock);
  if (keys == NULL)
    keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, crypt_key_free);
  {
    CryptKey *held = g_hash_table_lookup (keys, path);

    /* Counted: a connection that closes late must not take the key
     * away from the one that opened the same file after it. */
    entry->holders = held != NULL ? held->holders + 1 : 1;
    g_hash_table_replace (keys, g_steal_pointer (&path), entry);
  }
  g_mutex_unlock (&keys_lock);
  return TRUE;
}

void
solace_crypt_vfs_forget_key (const char *db_path)
{
  g_autofree char *path = NULL;

  g_return_if_fail (db_path != NULL);

  if (ORIG_VFS == NULL || (path = full_path (db_path)) == NULL)
    return;
  g_mutex_lock (&keys_lock);
  if (keys != NULL)
    {
      CryptKey *held = g_hash_table_lookup (keys, path);

      if (held != NULL && --held->holders == 0)
        g_hash_table_remove (keys, path);
      if (g_hash_table_size (keys) == 0)
        g_clear_pointer (&keys, g_hash_table_unref);
    }
  g_mutex_unlock (&keys_lock);
}

int
solace_crypt_vfs_open (const char  *db_path,
                       int          flags,
                       sqlite3    **db)
{
  if (!solace_crypt_vfs_register (NULL))
    {
      *db = NULL;
      return SQLITE_ERROR;
    }
  return sqlite3_open_v2 (db_path, db, flags, SOLACE_CRYPT_VFS_NAME);
}

static gboolean
exec_int (sqlite3     *db,
          const char  *sql,
          gint64      *out,
          GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);

  if (rc == SQLITE_OK)
    {
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW && out != NULL)
        *out = sqlite3_column_int64 (stmt, 0);
      if (rc == SQLITE_ROW || rc == SQLITE_DONE)
        rc = SQLITE_OK;
      else
        rc = sqlite3_extended_errcode (db);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_OK)
    {
      int primary = rc & 0xff;

      g_set_error (error, SOLACE_ERROR,
                   (primary == SQLITE_IOERR || primary == SQLITE_CORRUPT ||
                    primary == SQLITE_NOTADB) ? SOLACE_ERROR_CORRUPT :
                   primary == SQLITE_BUSY ? SOLACE_ERROR_BUSY : SOLACE_ERROR_FAILED,
                   "Could not open the encrypted database (%s)", sqlite3_errstr (rc));
      return FALSE;
    }
  return TRUE;
}

gboolean
solace_crypt_vfs_prepare (sqlite3  *db,
                          GError  **error)
{
  gint64 pages = -1;
  gint64 page_size = 0;
  int reserve = -1;

  g_return_val_if_fail (db != NULL, FALSE);

  if (!exec_int (db, "PRAGMA temp_store = MEMORY", NULL, error) ||
      !exec_int (db, "PRAGMA mmap_size = 0", NULL, error) ||
      !exec_int (db, "PRAGMA page_count", &pages, error))
    return FALSE;

  if (pages == 0)
    {
      int want = RESERVE;

      if (!exec_int (db, "PRAGMA page_size = 4096", NULL, error))
        return FALSE;
      if (sqlite3_file_control (db, "main", SQLITE_FCNTL_RESERVE_BYTES, &want) != SQLITE_OK)
        {
          g_set_error (error, SOLACE_ERROR, SOLACE_ERROR_FAILED,
                       "Could not make room for encryption in the database");
          return FALSE;
        }
    }
  if (!exec_int (db, "PRAGMA journal_mode = WAL", NULL, error) ||
      !exec_int (db, "PRAGMA page_size", &page_size, error))
    return FALSE;
  if (sqlite3_file_control (db, "main", SQLITE_FCNTL_RESERVE_BYTES, &reserve) != SQLITE_OK ||
      page_size != PAGE || reserve != RESERVE)
    {
      g_set_error (error, SOLACE_ERROR, SOLACE_ERROR_CORRUPT,
                   "The database is not laid out for encryption");
      return FALSE;
    }
  return TRUE;
}

SolaceCryptFileKind
solace_crypt_vfs_probe_file (const char  *path,
                             GError     **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileInputStream) in = NULL;
  g_autoptr(GError) local_error = NULL;
  guint8 head[MAGIC_LEN];
  gsize n = 0;

  in = g_file_read (file, NULL, &local_error);
  if (in == NULL)
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        return SOLACE_CRYPT_FILE_MISSING;
      g_propagate_error (error, g_steal_pointer (&local_error));
      return SOLACE_CRYPT_FILE_UNKNOWN;
    }
  if (!g_input_stream_read_all (G_INPUT_STREAM (in), head, sizeof head, &n, NULL, error))
    return SOLACE_CRYPT_FILE_UNKNOWN;
  if (n == 0)
    return SOLACE_CRYPT_FILE_MISSING;
  if (n == sizeof head && memcmp (head, sqlite_magic, MAGIC_LEN) == 0)
    return SOLACE_CRYPT_FILE_PLAIN;
  if (n == sizeof head && memcmp (head, solace_magic, MAGIC_LEN) == 0)
    return SOLACE_CRYPT_FILE_ENCRYPTED;
  return SOLACE_CRYPT_FILE_UNKNOWN;
}
