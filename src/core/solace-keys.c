/* solace-keys.c — the data key and the key file that keeps it
 *
 * One random data key encrypts the journal; the key file holds it
 * wrapped once per way in (passphrase, recovery key).  Two copies are
 * kept and written one after the other, each atomically, so a crash or
 * a damaged sector never loses the key; a checksum over each copy tells
 * damage apart from a wrong passphrase.  Never a wipe, never a lockout:
 * a wrong passphrase only says so.
 *
 * Why it stays long: the format, the slots' crypto, the two copies on
 * disk and the calls that change them all work on one KeyFile, whose
 * layout no other file should see.  The recovery key's text, the
 * Argon2 calibration, the passphrase strength and the async calls are
 * in files of their own (solace-keys-common.h lists them).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "solace-keys"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <sodium.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "solace-file.h"
#include "solace-keys.h"
#include "solace-keys-common.h"

struct _SolaceKey
{
  guint8 data_key[SOLACE_KEY_DATA_KEY_BYTES];
  guint8 database_id[SOLACE_KEY_DATABASE_ID_BYTES];
};

#define MAGIC            "SOLKEYS\n"
#define MAGIC_LEN        8
#define FORMAT_VERSION   1
#define HEADER_LEN       64
#define CHECKSUM_LEN     32
#define KEY_CHECK_LEN    32
#define MAX_SLOTS        8
#define MAX_FILE_LEN     4096

#define SLOT_PASSPHRASE  1
#define SLOT_RECOVERY    2
#define SLOT_HEAD_LEN    4
#define NONCE_LEN        crypto_aead_xchacha20poly1305_ietf_NPUBBYTES
#define WRAPPED_LEN      (SOLACE_KEY_DATA_KEY_BYTES + crypto_aead_xchacha20poly1305_ietf_ABYTES)
/* algorithm u32, opslimit u64, memlimit u64, salt */
#define PASS_PARAMS_LEN  (4 + 8 + 8 + SALT_LEN)
#define PASS_BODY_LEN    (PASS_PARAMS_LEN + NONCE_LEN + WRAPPED_LEN)
#define RECOVERY_BODY_LEN (NONCE_LEN + WRAPPED_LEN)
#define MAX_SLOT_LEN     (SLOT_HEAD_LEN + PASS_BODY_LEN)


#define KEY_CHECK_CONTEXT "solace-keys key check v1"
#define RECOVERY_CONTEXT  "solace-keys recovery v1"

G_STATIC_ASSERT (HEADER_LEN == MAGIC_LEN + 4 + 4 + SOLACE_KEY_DATABASE_ID_BYTES + KEY_CHECK_LEN);
G_STATIC_ASSERT (sizeof (MAGIC) - 1 == MAGIC_LEN);

typedef struct
{
  guint16 kind;
  gsize   length;                 /* bytes in raw, head included */
  guint8  raw[MAX_SLOT_LEN];
} Slot;

typedef struct
{
  guint8 database_id[SOLACE_KEY_DATABASE_ID_BYTES];
  guint8 key_check[KEY_CHECK_LEN];
  guint  n_slots;
  Slot   slots[MAX_SLOTS];
} KeyFile;

/* Helpers */

static SolaceKey *
key_new (void)
{
  SolaceKey *key = secure_alloc (sizeof *key);

  sodium_memzero (key, sizeof *key);
  return key;
}

static void
put_u16 (guint8 *p, guint16 v)
{
  p[0] = v & 0xff;
  p[1] = v >> 8;
}

static void
put_u32 (guint8 *p, guint32 v)
{
  for (guint i = 0; i < 4; i++)
    p[i] = (v >> (8 * i)) & 0xff;
}

static void
put_u64 (guint8 *p, guint64 v)
{
  for (guint i = 0; i < 8; i++)
    p[i] = (v >> (8 * i)) & 0xff;
}

static guint16
get_u16 (const guint8 *p)
{
  return (guint16) (p[0] | (p[1] << 8));
}

static guint32
get_u32 (const guint8 *p)
{
  guint32 v = 0;

  for (guint i = 0; i < 4; i++)
    v |= (guint32) p[i] << (8 * i);
  return v;
}

static guint64
get_u64 (const guint8 *p)
{
  guint64 v = 0;

  for (guint i = 0; i < 8; i++)
    v |= (guint64) p[i] << (8 * i);
  return v;
}

static char *
backup_path (const char *path)
{
  return g_strconcat (path, ".bak", NULL);
}

static void
set_damaged (GError    **error,
             const char *path,
             gboolean    both)
{
  g_autofree char *name = g_path_get_basename (path);

  if (both)
    g_set_error (error, SOLACE_KEYS_ERROR, SOLACE_KEYS_ERROR_DAMAGED,
                 /* Translators: %s is a file name. */
                 _("Both copies of Solace’s key file are damaged, so the journal cannot be opened. If you have a backup of the data folder, put “%s” back from it."),
                 name);
  else
    g_set_error (error, SOLACE_KEYS_ERROR, SOLACE_KEYS_ERROR_DAMAGED,
                 /* Translators: %s is a file name. */
                 _("Solace’s key file is damaged and there is no second copy, so the journal cannot be opened. If you have a backup of the data folder, put “%s” back from it."),
                 name);
}

static void
set_no_memory (GError **error)
{
  g_set_error_literal (error, SOLACE_KEYS_ERROR, SOLACE_KEYS_ERROR_NO_MEMORY,
                       _("There is not enough free memory to check the passphrase. Close some other programs and try again."));
}

/* The key check: lets Solace know a data key is this file's key
 * without being able to find the key from it. */
static void
compute_key_check (const guint8 data_key[SOLACE_KEY_DATA_KEY_BYTES],
                   const guint8 database_id[SOLACE_KEY_DATABASE_ID_BYTES],
                   guint8       out[KEY_CHECK_LEN])
{
  crypto_generichash_state st;

  crypto_generichash_init (&st, data_key, SOLACE_KEY_DATA_KEY_BYTES, KEY_CHECK_LEN);
  crypto_generichash_update (&st, (const guint8 *) KEY_CHECK_CONTEXT, strlen (KEY_CHECK_CONTEXT));
  crypto_generichash_update (&st, database_id, SOLACE_KEY_DATABASE_ID_BYTES);
  crypto_generichash_final (&st, out, KEY_CHECK_LEN);
  sodium_memzero (&st, sizeof st);
}

/* The associated data of a slot: magic, version, database id, key
 * check, then the slot's bytes before its nonce. */
static gsize
slot_ad (const KeyFile *kf,
         const guint8  *slot_prefix,
         gsize          prefix_len,
         guint8        *ad)
{
  gsize n = 0;

  memcpy (ad + n, MAGIC, MAGIC_LEN);
  n += MAGIC_LEN;
  put_u32 (ad + n, FORMAT_VERSION);
  n += 4;
  memcpy (ad + n, kf->database_id, SOLACE_KEY_DATABASE_ID_BYTES);
  n += SOLACE_KEY_DATABASE_ID_BYTES;
  memcpy (ad + n, kf->key_check, KEY_CHECK_LEN);
  n += KEY_CHECK_LEN;
  memcpy (ad + n, slot_prefix, prefix_len);
  return n + prefix_len;
}

#define AD_MAX (MAGIC_LEN + 4 + SOLACE_KEY_DATABASE_ID_BYTES + KEY_CHECK_LEN + SLOT_HEAD_LEN + PASS_PARAMS_LEN)

/* Wraps @data_key into @slot, whose bytes up to the nonce are filled
 * in; @nonce_offset is where the nonce goes. */
static void
seal_slot (const KeyFile *kf,
           Slot          *slot,
           gsize          nonce_offset,
           const guint8  *wrap_key,
           const guint8  *data_key)
{
  guint8 ad[AD_MAX];
  gsize ad_len = slot_ad (kf, slot->raw, nonce_offset, ad);
  guint8 *nonce = slot->raw + nonce_offset;
  unsigned long long clen = 0;

  randombytes_buf (nonce, NONCE_LEN);
  crypto_aead_xchacha20poly1305_ietf_encrypt (nonce + NONCE_LEN, &clen,
                                              data_key, SOLACE_KEY_DATA_KEY_BYTES,
                                              ad, ad_len, NULL, nonce, wrap_key);
  g_assert (clen == WRAPPED_LEN);
}

static gboolean
open_slot (const KeyFile *kf,
           const Slot    *slot,
           gsize          nonce_offset,
           const guint8  *wrap_key,
           guint8        *data_key)
{
  guint8 ad[AD_MAX];
  gsize ad_len = slot_ad (kf, slot->raw, nonce_offset, ad);
  const guint8 *nonce = slot->raw + nonce_offset;
  unsigned long long mlen = 0;

  return crypto_aead_xchacha20poly1305_ietf_decrypt (data_key, &mlen, NULL,
                                                     nonce + NONCE_LEN, WRAPPED_LEN,
                                                     ad, ad_len, nonce, wrap_key) == 0
         && mlen == SOLACE_KEY_DATA_KEY_BYTES;
}

static gboolean
derive_passphrase_key (const char   *passphrase,
                       const guint8 *salt,
                       guint64       opslimit,
                       gsize         memlimit,
                       guint8       *out,
                       GError      **error)
{
  if (crypto_pwhash (out, SOLACE_KEY_DATA_KEY_BYTES, passphrase, strlen (passphrase),
                     salt, opslimit, memlimit, crypto_pwhash_ALG_ARGON2ID13) != 0)
    {
      set_no_memory (error);
      return FALSE;
    }
  return TRUE;
}

/* 256 random bits need no stretching: nobody can try 2^255 keys.  A
 * keyed BLAKE2b, bound to this database, keeps the slot key apart from
 * any other use of the same bits. */
static void
derive_recovery_key (const guint8 recovery[32],
                     const guint8 database_id[SOLACE_KEY_DATABASE_ID_BYTES],
                     guint8       out[32])
{
  crypto_generichash_state st;

  crypto_generichash_init (&st, recovery, 32, 32);
  crypto_generichash_update (&st, (const guint8 *) RECOVERY_CONTEXT, strlen (RECOVERY_CONTEXT));
  crypto_generichash_update (&st, database_id, SOLACE_KEY_DATABASE_ID_BYTES);
  crypto_generichash_final (&st, out, 32);
  sodium_memzero (&st, sizeof st);
}

static gboolean
make_passphrase_slot (KeyFile                  *kf,
                      Slot                     *slot,
                      const char               *passphrase,
                      const SolacePwhashParams *params,
                      const guint8             *data_key,
                      GError                  **error)
{
  guint8 *p = slot->raw;
  guint8 *wrap = secure_alloc (32);
  gboolean ok;

  slot->kind = SLOT_PASSPHRASE;
  slot->length = SLOT_HEAD_LEN + PASS_BODY_LEN;
  put_u16 (p, SLOT_PASSPHRASE);
  put_u16 (p + 2, PASS_BODY_LEN);
  put_u32 (p + 4, crypto_pwhash_ALG_ARGON2ID13);
  put_u64 (p + 8, params->opslimit);
  put_u64 (p + 16, params->memlimit);
  randombytes_buf (p + 24, SALT_LEN);

  ok = derive_passphrase_key (passphrase, p + 24, params->opslimit, params->memlimit, wrap, error);
  if (ok)
    seal_slot (kf, slot, SLOT_HEAD_LEN + PASS_PARAMS_LEN, wrap, data_key);
  sodium_free (wrap);
  return ok;
}

static void
make_recovery_slot (KeyFile       *kf,
                    Slot          *slot,
                    const guint8  *recovery,
                    const guint8  *data_key)
{
  guint8 *wrap = secure_alloc (32);

  slot->kind = SLOT_RECOVERY;
  slot->length = SLOT_HEAD_LEN + RECOVERY_BODY_LEN;
  put_u16 (slot->raw, SLOT_RECOVERY);
  put_u16 (slot->raw + 2, RECOVERY_BODY_LEN);
  derive_recovery_key (recovery, kf->database_id, wrap);
  seal_slot (kf, slot, SLOT_HEAD_LEN, wrap, data_key);
  sodium_free (wrap);
}

static GBytes *
serialize (const KeyFile *kf)
{
  GByteArray *out = g_byte_array_sized_new (MAX_FILE_LEN);
  guint8 head[HEADER_LEN];
  guint8 sum[CHECKSUM_LEN];

  memcpy (head, MAGIC, MAGIC_LEN);
  put_u32 (head + 8, FORMAT_VERSION);
  put_u32 (head + 12, kf->n_slots);
  memcpy (head + 16, kf->database_id, SOLACE_KEY_DATABASE_ID_BYTES);
  memcpy (head + 32, kf->key_check, KEY_CHECK_LEN);
  g_byte_array_append (out, head, HEADER_LEN);
  for (guint i = 0; i < kf->n_slots; i++)
    g_byte_array_append (out, kf->slots[i].raw, kf->slots[i].length);
  crypto_generichash (sum, CHECKSUM_LEN, out->data, out->len, NULL, 0);
  g_byte_array_append (out, sum, CHECKSUM_LEN);

  return g_byte_array_free_to_bytes (out);
}

typedef enum
{
  PARSE_OK,
  PARSE_DAMAGED,
  PARSE_UNKNOWN_VERSION,
} ParseResult;

static ParseResult
parse (const guint8 *data,
       gsize         len,
       KeyFile      *kf)
{
  guint8 sum[CHECKSUM_LEN];
  gsize pos;
  guint n_slots;

  memset (kf, 0, sizeof *kf);

  if (len < HEADER_LEN + CHECKSUM_LEN || len > MAX_FILE_LEN)
    return PARSE_DAMAGED;
  if (memcmp (data, MAGIC, MAGIC_LEN) != 0)
    return PARSE_DAMAGED;
  /* Every version keeps the trailing checksum, so damage is told apart
   * from a newer format first. */
  crypto_generichash (sum, CHECKSUM_LEN, data, len - CHECKSUM_LEN, NULL, 0);
  if (sodium_memcmp (sum, data + len - CHECKSUM_LEN, CHECKSUM_LEN) != 0)
    return PARSE_DAMAGED;
  if (get_u32 (data + 8) != FORMAT_VERSION)
    return PARSE_UNKNOWN_VERSION;

  n_slots = get_u32 (data + 12);
  if (n_slots < 1 || n_slots > MAX_SLOTS)
    return PARSE_DAMAGED;
  memcpy (kf->database_id, data + 16, SOLACE_KEY_DATABASE_ID_BYTES);
  memcpy (kf->key_check, data + 32, KEY_CHECK_LEN);

  pos = HEADER_LEN;
  for (guint i = 0; i < n_slots; i++)
    {
      guint16 kind, body;
      Slot *slot;

      if (len - CHECKSUM_LEN - pos < SLOT_HEAD_LEN)
        return PARSE_DAMAGED;
      kind = get_u16 (data + pos);
      body = get_u16 (data + pos + 2);
      if (len - CHECKSUM_LEN - pos - SLOT_HEAD_LEN < body)
        return PARSE_DAMAGED;

      if (kind == SLOT_PASSPHRASE)
        {
          const guint8 *b = data + pos + SLOT_HEAD_LEN;
          guint64 ops, mem;

          if (body != PASS_BODY_LEN || get_u32 (b) != crypto_pwhash_ALG_ARGON2ID13)
            return PARSE_DAMAGED;
          ops = get_u64 (b + 4);
          mem = get_u64 (b + 12);
          if (ops < crypto_pwhash_OPSLIMIT_MIN || ops > OPSLIMIT_MAX
              || mem < crypto_pwhash_MEMLIMIT_MIN || mem > MEMLIMIT_MAX
              || mem > G_MAXSIZE)
            return PARSE_DAMAGED;
        }
      else if (kind == SLOT_RECOVERY)
        {
          if (body != RECOVERY_BODY_LEN)
            return PARSE_DAMAGED;
        }
      else
        {
          /* A kind this version does not know: skipped, kept. */
          if (body > MAX_SLOT_LEN - SLOT_HEAD_LEN)
            return PARSE_DAMAGED;
        }

      slot = &kf->slots[kf->n_slots++];
      slot->kind = kind;
      slot->length = SLOT_HEAD_LEN + body;
      memcpy (slot->raw, data + pos, slot->length);
      pos += slot->length;
    }

  if (pos != len - CHECKSUM_LEN)
    return PARSE_DAMAGED;

  return PARSE_OK;
}

/* Reads @path into @out; FALSE with errno kept when it cannot. */
static gboolean
read_copy (const char  *path,
           GBytes     **out,
           gboolean    *missing)
{
  g_autofree char *contents = NULL;
  gsize len = 0;
  g_autoptr(GError) local = NULL;

  *missing = FALSE;
  if (!g_file_get_contents (path, &contents, &len, &local))
    {
      *missing = g_error_matches (local, G_FILE_ERROR, G_FILE_ERROR_NOENT);
      return FALSE;
    }
  *out = g_bytes_new_take (g_steal_pointer (&contents), len);
  return TRUE;
}

typedef enum
{
  FROM_PRIMARY,
  FROM_BACKUP,
} LoadedFrom;

/* Loads a good copy: the first one, or the second if the first is
 * missing or damaged.  A newer version is never passed over for an
 * older copy. */
static gboolean
load (const char *path,
      KeyFile    *kf,
      GBytes    **bytes_out,
      LoadedFrom *from,
      GError    **error)
{
  g_autofree char *bak = backup_path (path);
  const char *paths[2] = { path, bak };
  gboolean missing[2] = { FALSE, FALSE };

  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(GBytes) bytes = NULL;
      gsize len;
      const guint8 *data;
      ParseResult r;

      if (!read_copy (paths[i], &bytes, &missing[i]))
        continue;
      data = g_bytes_get_data (bytes, &len);
      r = parse (data, len, kf);
      if (r == PARSE_OK)
        {
          *from = i == 0 ? FROM_PRIMARY : FROM_BACKUP;
          if (bytes_out)
            *bytes_out = g_steal_pointer (&bytes);
          return TRUE;
        }
      if (r == PARSE_UNKNOWN_VERSION)
        {
          g_set_error_literal (error, SOLACE_KEYS_ERROR, SOLACE_KEYS_ERROR_UNKNOWN_VERSION,
                               _("This journal was locked by a newer version of Solace. Update Solace to open it."));
          return FALSE;
        }
    }

  if (missing[0] && missing[1])
    {
      g_autofree char *name = g_path_get_basename (path);

      g_set_error (error, SOLACE_KEYS_ERROR, SOLACE_KEYS_ERROR_NOT_FOUND,
                   /* Translators: %s is a file name. */
                   _("Solace’s key file “%s” is missing, so the journal cannot be opened. If you have a backup of the data folder, put it back from there."),
                   name);
      return FALSE;
    }
  set_damaged (error, path, !missing[0] && !missing[1]);
  return FALSE;
}

static gboolean
fsync_folder (const char  *path,
              GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  int fd = open (dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  int saved_errno;

  if (fd < 0)
    goto fail;
  if (fsync (fd) != 0 && errno != EINVAL)
    {
      saved_errno = errno;
      close (fd);
      errno = saved_errno;
      goto fail;
    }
  close (fd);
  return TRUE;

fail:
  saved_errno = errno;
  g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
               /* Translators: %s says why. */
               _("Could not save Solace’s key file: %s"), g_strerror (saved_errno));
  return FALSE;
}

/* Overwrites a file with random bytes, flushes it, then unlinks it. */
static gboolean
shred (const char  *path,
       GError     **error)
{
  struct stat st;
  int fd = open (path, O_WRONLY | O_CLOEXEC | O_NOFOLLOW);
  int saved_errno;

  if (fd < 0)
    {
      if (errno == ENOENT)
        return TRUE;
      goto fail;
    }
  if (fstat (fd, &st) == 0 && S_ISREG (st.st_mode))
    {
      guint8 buf[512];
      off_t left = st.st_size;

      while (left > 0)
        {
          gsize n = MIN ((gsize) left, sizeof buf);
          gssize w;

          randombytes_buf (buf, n);
          w = write (fd, buf, n);
          if (w < 0)
            {
              if (errno == EINTR)
                continue;
              break;
            }
          left -= w;
        }
      fsync (fd);
    }
  close (fd);
  if (g_unlink (path) != 0 && errno != ENOENT)
    goto fail;
  return TRUE;

fail:
  saved_errno = errno;
  g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
               /* Translators: %s says why. */
               _("Could not delete Solace’s key file: %s"), g_strerror (saved_errno));
  return FALSE;
}

/* Whether @rest is a mkstemp suffix: six letters or digits. */
static gboolean
is_temp_suffix (const char *rest)
{
  if (strlen (rest) != 6)
    return FALSE;
  for (guint i = 0; i < 6; i++)
    if (!g_ascii_isalnum (rest[i]))
      return FALSE;
  return TRUE;
}

/* A write killed half-way leaves "<name>.XXXXXX": it may hold a slot
 * for a passphrase the person has since changed, so it goes. */
static void
remove_stale_temps (const char *path)
{
  g_autofree char *dir_name = g_path_get_dirname (path);
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *base_dot = g_strconcat (base, ".", NULL);
  g_autofree char *bak_dot = g_strconcat (base, ".bak.", NULL);
  g_autoptr(GDir) dir = g_dir_open (dir_name, 0, NULL);
  const char *name;

  if (dir == NULL)
    return;
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      const char *rest = NULL;

      if (g_str_has_prefix (name, bak_dot))
        rest = name + strlen (bak_dot);
      else if (g_str_has_prefix (name, base_dot))
        rest = name + strlen (base_dot);
      if (rest != NULL && is_temp_suffix (rest))
        {
          g_autofree char *full = g_build_filename (dir_name, name, NULL);

          shred (full, NULL);
        }
    }
}

/* Writes @bytes to both copies, the first copy first, each atomically
 * and durably: a crash leaves at least one whole copy, new or old. */
static gboolean
save (const char  *path,
      GBytes      *bytes,
      gboolean     primary,
      gboolean     backup,
      GError     **error)
{
  g_autofree char *bak = backup_path (path);
  gsize len;
  gconstpointer data = g_bytes_get_data (bytes, &len);

  remove_stale_temps (path);
  if (primary)
    {
      if (!solace_file_write_private (path, data, len, error) || !fsync_folder (path, error))
        return FALSE;
    }
  if (backup)
    {
      if (!solace_file_write_private (bak, data, len, error) || !fsync_folder (path, error))
        return FALSE;
    }
  return TRUE;
}

/* After a good unlock: puts back a damaged or missing copy, and brings
 * a copy left behind by a crash up to date.  Best effort. */
static void
heal (const char *path,
      GBytes     *good,
      LoadedFrom  from)
{
  g_autofree char *bak = backup_path (path);
  g_autofree char *other_contents = NULL;
  gsize other_len = 0;
  gsize len;
  gconstpointer data = g_bytes_get_data (good, &len);
  g_autoptr(GError) local = NULL;

  if (g_file_get_contents (from == FROM_PRIMARY ? bak : path, &other_contents, &other_len, NULL)
      && other_len == len && memcmp (other_contents, data, len) == 0)
    return;

  if (!save (path, good, from == FROM_BACKUP, from == FROM_PRIMARY, &local))
    g_debug ("Could not repair the key file's other copy");
}

static SolaceKey *
unwrap_with (const char                *path,
             gboolean                   use_passphrase,
             const char                *passphrase,
             const guint8              *recovery,
             GError                   **error)
{
  KeyFile kf;
  g_autoptr(GBytes) bytes = NULL;
  LoadedFrom from;
  g_autoptr(SolaceKey) key = NULL;
  guint8 *wrap = NULL;
  gboolean any_slot = FALSE;
  gboolean opened = FALSE;

  if (!load (path, &kf, &bytes, &from, error))
    return NULL;

  key = key_new ();
  wrap = secure_alloc (32);
  for (guint i = 0; i < kf.n_slots && !opened; i++)
    {
      const Slot *slot = &kf.slots[i];

      if (use_passphrase && slot->kind == SLOT_PASSPHRASE)
        {
          const guint8 *b = slot->raw + SLOT_HEAD_LEN;

          any_slot = TRUE;
          if (!derive_passphrase_key (passphrase, b + 20, get_u64 (b + 4), (gsize) get_u64 (b + 12),
                                      wrap, error))
            {
              sodium_free (wrap);
              return NULL;
            }
          opened = open_slot (&kf, slot, SLOT_HEAD_LEN + PASS_PARAMS_LEN, wrap, key->data_key);
        }
      else if (!use_passphrase && slot->kind == SLOT_RECOVERY)
        {
          any_slot = TRUE;
          derive_recovery_key (recovery, kf.database_id, wrap);
          opened = open_slot (&kf, slot, SLOT_HEAD_LEN, wrap, key->data_key);
        }
    }
  sodium_free (wrap);

  if (!opened)
    {
      if (!any_slot)
        set_damaged (error, path, FALSE);
      else if (use_passphrase)
        g_set_error_literal (error, SOLACE_KEYS_ERROR, SOLACE_KEYS_ERROR_WRONG_PASSPHRASE,
                             _("That passphrase does not open this journal. Check Caps Lock and the keyboard layout, then try again."));
      else
        g_set_error_literal (error, SOLACE_KEYS_ERROR, SOLACE_KEYS_ERROR_WRONG_RECOVERY_KEY,
                             _("That recovery key does not open this journal. Check that it is the newest one Solace gave you."));
      return NULL;
    }

  {
    guint8 check[KEY_CHECK_LEN];

    compute_key_check (key->data_key, kf.database_id, check);
    if (sodium_memcmp (check, kf.key_check, KEY_CHECK_LEN) != 0)
      {
        set_damaged (error, path, FALSE);
        return NULL;
      }
  }
  memcpy (key->database_id, kf.database_id, SOLACE_KEY_DATABASE_ID_BYTES);
  heal (path, bytes, from);

  return g_steal_pointer (&key);
}

/* Loads the file for a change, and checks that @key is its key. */
static gboolean
load_for_change (const char      *path,
                 const SolaceKey *key,
                 KeyFile         *kf,
                 GError         **error)
{
  guint8 check[KEY_CHECK_LEN];
  LoadedFrom from;

  if (!load (path, kf, NULL, &from, error))
    return FALSE;
  compute_key_check (key->data_key, key->database_id, check);
  if (memcmp (kf->database_id, key->database_id, SOLACE_KEY_DATABASE_ID_BYTES) != 0
      || sodium_memcmp (check, kf->key_check, KEY_CHECK_LEN) != 0)
    {
      g_set_error_literal (error, SOLACE_KEYS_ERROR, SOLACE_KEYS_ERROR_MISMATCH,
                           _("This key file belongs to another journal, so it was not changed."));
      return FALSE;
    }
  return TRUE;
}

/* Puts @slot in the place of the first slot of its kind (or at the
 * end), and drops any other slot of that kind. */
static void
replace_slots (KeyFile    *kf,
               const Slot *slot)
{
  gboolean placed = FALSE;
  guint n = 0;

  for (guint i = 0; i < kf->n_slots; i++)
    {
      if (kf->slots[i].kind != slot->kind)
        kf->slots[n++] = kf->slots[i];
      else if (!placed)
        {
          kf->slots[n++] = *slot;
          placed = TRUE;
        }
    }
  if (!placed)
    {
      g_assert (n < MAX_SLOTS);
      kf->slots[n++] = *slot;
    }
  kf->n_slots = n;
}

/* Public API */

GType
solace_key_get_type (void)
{
  static gsize type = 0;

  if (g_once_init_enter (&type))
    {
      GType t = g_boxed_type_register_static (g_intern_static_string ("SolaceKey"),
                                              (GBoxedCopyFunc) solace_key_copy,
                                              (GBoxedFreeFunc) solace_key_free);
      g_once_init_leave (&type, t);
    }
  return type;
}

SolaceKey *
solace_key_copy (const SolaceKey *key)
{
  SolaceKey *copy;

  g_return_val_if_fail (key != NULL, NULL);

  copy = key_new ();
  memcpy (copy, key, sizeof *copy);
  return copy;
}

void
solace_key_free (SolaceKey *key)
{
  if (key == NULL)
    return;
  sodium_memzero (key, sizeof *key);
  sodium_free (key);
}

const guint8 *
solace_key_get_data_key (const SolaceKey *key)
{
  g_return_val_if_fail (key != NULL, NULL);
  return key->data_key;
}

const guint8 *
solace_key_get_database_id (const SolaceKey *key)
{
  g_return_val_if_fail (key != NULL, NULL);
  return key->database_id;
}

gboolean
solace_key_equal (const SolaceKey *a,
                  const SolaceKey *b)
{
  g_return_val_if_fail (a != NULL && b != NULL, FALSE);
  return sodium_memcmp (a, b, sizeof *a) == 0;
}

char *
solace_keys_path_for_database (const char *database_path)
{
  g_return_val_if_fail (database_path != NULL, NULL);
  return g_strconcat (database_path, ".keys", NULL);
}

gboolean
solace_keys_exist (const char *path)
{
  g_autofree char *bak = NULL;

  g_return_val_if_fail (path != NULL, FALSE);

  bak = backup_path (path);
  return g_file_test (path, G_FILE_TEST_EXISTS) || g_file_test (bak, G_FILE_TEST_EXISTS);
}

SolaceKey *
solace_keys_create (const char                *path,
                    const char                *passphrase,
                    const SolacePwhashParams  *params,
                    SolaceRecoveryKey        **recovery_key,
                    GError                   **error)
{
  KeyFile kf;
  SolacePwhashParams calibrated;
  g_autoptr(SolaceKey) key = NULL;
  g_autoptr(SolaceRecoveryKey) text = NULL;
  g_autoptr(GBytes) bytes = NULL;
  guint8 *recovery;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (passphrase != NULL, NULL);
  g_return_val_if_fail (recovery_key != NULL, NULL);

  if (!sodium_ready ())
    g_error ("libsodium could not start");

  if (solace_keys_exist (path))
    {
      g_set_error_literal (error, SOLACE_KEYS_ERROR, SOLACE_KEYS_ERROR_EXISTS,
                           _("This journal already has a lock. Remove it before setting up a new one."));
      return NULL;
    }
  if (params == NULL)
    {
      solace_keys_calibrate (&calibrated, NULL);
      params = &calibrated;
    }
  g_return_val_if_fail (params->opslimit >= crypto_pwhash_OPSLIMIT_MIN && params->opslimit <= OPSLIMIT_MAX, NULL);
  g_return_val_if_fail (params->memlimit >= crypto_pwhash_MEMLIMIT_MIN && params->memlimit <= MEMLIMIT_MAX, NULL);

  key = key_new ();
  randombytes_buf (key->data_key, SOLACE_KEY_DATA_KEY_BYTES);
  randombytes_buf (key->database_id, SOLACE_KEY_DATABASE_ID_BYTES);

  memset (&kf, 0, sizeof kf);
  memcpy (kf.database_id, key->database_id, SOLACE_KEY_DATABASE_ID_BYTES);
  compute_key_check (key->data_key, key->database_id, kf.key_check);
  kf.n_slots = 2;
  if (!make_passphrase_slot (&kf, &kf.slots[0], passphrase, params, key->data_key, error))
    return NULL;
  recovery = secure_alloc (32);
  text = solace_recovery_key_new_random (recovery);
  make_recovery_slot (&kf, &kf.slots[1], recovery, key->data_key);
  sodium_free (recovery);

  bytes = serialize (&kf);
  if (!save (path, bytes, TRUE, TRUE, error))
    {
      /* Half a set-up is no set-up: nothing is encrypted yet. */
      solace_keys_remove (path, NULL);
      return NULL;
    }

  *recovery_key = g_steal_pointer (&text);
  return g_steal_pointer (&key);
}

SolaceKey *
solace_keys_unlock_passphrase (const char  *path,
                               const char  *passphrase,
                               GError     **error)
{
  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (passphrase != NULL, NULL);

  if (!sodium_ready ())
    g_error ("libsodium could not start");
  return unwrap_with (path, TRUE, passphrase, NULL, error);
}

SolaceKey *
solace_keys_unlock_recovery_key (const char  *path,
                                 const char  *recovery_key,
                                 GError     **error)
{
  guint8 *recovery;
  SolaceKey *key = NULL;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (recovery_key != NULL, NULL);

  if (!sodium_ready ())
    g_error ("libsodium could not start");
  recovery = secure_alloc (32);
  if (solace_recovery_key_parse (recovery_key, recovery, NULL, error))
    key = unwrap_with (path, FALSE, NULL, recovery, error);
  sodium_free (recovery);
  return key;
}

gboolean
solace_keys_change_passphrase (const char                *path,
                               const SolaceKey           *key,
                               const char                *new_passphrase,
                               const SolacePwhashParams  *params,
                               GError                   **error)
{
  KeyFile kf;
  Slot slot;
  SolacePwhashParams calibrated;
  g_autoptr(GBytes) bytes = NULL;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (key != NULL, FALSE);
  g_return_val_if_fail (new_passphrase != NULL, FALSE);

  if (!sodium_ready ())
    g_error ("libsodium could not start");
  if (!load_for_change (path, key, &kf, error))
    return FALSE;
  if (params == NULL)
    {
      solace_keys_calibrate (&calibrated, NULL);
      params = &calibrated;
    }
  if (!make_passphrase_slot (&kf, &slot, new_passphrase, params, key->data_key, error))
    return FALSE;
  replace_slots (&kf, &slot);
  bytes = serialize (&kf);
  return save (path, bytes, TRUE, TRUE, error);
}

gboolean
solace_keys_new_recovery_key (const char         *path,
                              const SolaceKey    *key,
                              SolaceRecoveryKey **recovery_key,
                              GError            **error)
{
  g_autoptr(SolaceRecoveryKey) text = NULL;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (key != NULL, FALSE);
  g_return_val_if_fail (recovery_key != NULL, FALSE);

  text = solace_recovery_key_generate ();
  if (!solace_keys_set_recovery_key (path, key, text, error))
    return FALSE;
  *recovery_key = g_steal_pointer (&text);
  return TRUE;
}

gboolean
solace_keys_set_recovery_key (const char       *path,
                              const SolaceKey  *key,
                              const char       *recovery_key,
                              GError          **error)
{
  KeyFile kf;
  Slot slot;
  g_autoptr(GBytes) bytes = NULL;
  guint8 *recovery;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (key != NULL, FALSE);
  g_return_val_if_fail (recovery_key != NULL, FALSE);

  if (!sodium_ready ())
    g_error ("libsodium could not start");
  recovery = secure_alloc (32);
  /* Read before anything is loaded: a key that does not read back
   * never replaces the one that works. */
  if (!solace_recovery_key_parse (recovery_key, recovery, NULL, error) ||
      !load_for_change (path, key, &kf, error))
    {
      sodium_free (recovery);
      return FALSE;
    }
  make_recovery_slot (&kf, &slot, recovery, key->data_key);
  sodium_free (recovery);
  replace_slots (&kf, &slot);
  bytes = serialize (&kf);
  return save (path, bytes, TRUE, TRUE, error);
}

gboolean
solace_keys_remove (const char  *path,
                    GError     **error)
{
  g_autofree char *bak = NULL;

  g_return_val_if_fail (path != NULL, FALSE);

  if (!sodium_ready ())
    g_error ("libsodium could not start");
  bak = backup_path (path);
  remove_stale_temps (path);
  if (!shred (path, error) || !shred (bak, error))
    return FALSE;
  return fsync_folder (path, error);
}

gboolean
solace_keys_check_key (const char       *path,
                       const SolaceKey  *key,
                       GError          **error)
{
  KeyFile kf;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (key != NULL, FALSE);

  if (!sodium_ready ())
    g_error ("libsodium could not start");
  return load_for_change (path, key, &kf, error);
}

gboolean
solace_keys_copy (const char       *path,
                  const SolaceKey  *key,
                  const char       *dest,
                  GError          **error)
{
  g_autoptr(GBytes) bytes = NULL;
  KeyFile kf;
  LoadedFrom from;

  g_return_val_if_fail (path != NULL && dest != NULL, FALSE);
  g_return_val_if_fail (key != NULL, FALSE);

  if (!sodium_ready ())
    g_error ("libsodium could not start");
  if (!load_for_change (path, key, &kf, error) ||
      !load (path, &kf, &bytes, &from, error))
    return FALSE;
  return save (dest, bytes, TRUE, TRUE, error);
}

gboolean
solace_keys_check_file (const char  *path,
                        GError     **error)
{
  KeyFile kf;
  LoadedFrom from;

  g_return_val_if_fail (path != NULL, FALSE);

  if (!sodium_ready ())
    g_error ("libsodium could not start");
  return load (path, &kf, NULL, &from, error);
}

gboolean
solace_keys_replace_copy (const char  *path,
                          const char  *dest,
                          GError     **error)
{
  g_autoptr(GBytes) bytes = NULL;
  KeyFile kf;
  KeyFile other;
  LoadedFrom from;

  g_return_val_if_fail (path != NULL && dest != NULL, FALSE);

  if (!sodium_ready ())
    g_error ("libsodium could not start");
  if (!load (path, &kf, &bytes, &from, error) ||
      !load (dest, &other, NULL, &from, error))
    return FALSE;
  /* The same id and the same key check: the same data key, which only
   * the file at @path may be used to open from now on. */
  if (memcmp (kf.database_id, other.database_id, SOLACE_KEY_DATABASE_ID_BYTES) != 0 ||
      sodium_memcmp (kf.key_check, other.key_check, KEY_CHECK_LEN) != 0)
    {
      g_set_error_literal (error, SOLACE_KEYS_ERROR, SOLACE_KEYS_ERROR_MISMATCH,
                           _("This key file belongs to another journal, so it was not changed."));
      return FALSE;
    }
  return save (dest, bytes, TRUE, TRUE, error);
}
