/* test-keys.c — the data key and the key file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <sodium.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "solace-keys.h"
#include "solace-passphrase-strength.h"
#include "solace-test-utils.h"

#define PASS_A "horse battery staple correct"
#define PASS_B "Ölfeld über Brücke 7!"

/* The cheapest cost libsodium allows: the tests check the file, not Argon2. */
static const SolacePwhashParams cheap = { 1, 8192 };

typedef struct
{
  char *dir;
  char *path;
  char *bak;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("solace-keys-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "solace.db.keys", NULL);
  f->bak = g_strconcat (f->path, ".bak", NULL);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  solace_test_rm_rf (f->dir);
  g_free (f->dir);
  g_free (f->path);
  g_free (f->bak);
}

static SolaceKey *
create (Fixture            *f,
        SolaceRecoveryKey **recovery)
{
  g_autoptr(GError) error = NULL;
  SolaceKey *key = solace_keys_create (f->path, PASS_A, &cheap, recovery, &error);

  g_assert_no_error (error);
  g_assert_nonnull (key);
  return key;
}

static GBytes *
read_bytes (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize len = 0;

  g_file_get_contents (path, &contents, &len, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (contents, len);
}

static void
write_bytes (const char   *path,
             const guint8 *data,
             gsize         len)
{
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, (const char *) data, len, &error);
  g_assert_no_error (error);
}

static gboolean
same_file (const char *a,
           const char *b)
{
  g_autoptr(GBytes) x = read_bytes (a);
  g_autoptr(GBytes) y = read_bytes (b);

  return g_bytes_equal (x, y);
}

static void
assert_unlocks (const char      *path,
                const char      *passphrase,
                const SolaceKey *expected)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SolaceKey) key = solace_keys_unlock_passphrase (path, passphrase, &error);

  g_assert_no_error (error);
  g_assert_nonnull (key);
  g_assert_true (solace_key_equal (key, expected));
}

static void
assert_refused (const char *path,
                const char *passphrase,
                int         code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SolaceKey) key = solace_keys_unlock_passphrase (path, passphrase, &error);

  g_assert_error (error, SOLACE_KEYS_ERROR, code);
  g_assert_null (key);
  /* The message never repeats the passphrase. */
  if (*passphrase)
    g_assert_null (strstr (error->message, passphrase));
}

static gboolean
contains (GBytes       *haystack,
          const void   *needle,
          gsize         len)
{
  gsize hlen;
  const guint8 *h = g_bytes_get_data (haystack, &hlen);

  for (gsize i = 0; len > 0 && i + len <= hlen; i++)
    if (memcmp (h + i, needle, len) == 0)
      return TRUE;
  return FALSE;
}

static void
test_create_unlock (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(SolaceRecoveryKey) recovery = NULL;
  g_autoptr(SolaceKey) key = create (f, &recovery);
  g_autoptr(SolaceKey) by_recovery = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *typed = NULL;
  g_auto(GStrv) groups = NULL;

  g_assert_true (solace_keys_exist (f->path));
  g_assert_true (g_file_test (f->bak, G_FILE_TEST_IS_REGULAR));
  g_assert_true (same_file (f->path, f->bak));

  /* Thirteen groups of five, from Crockford's alphabet. */
  g_assert_cmpuint (strlen (recovery), ==, SOLACE_RECOVERY_KEY_TEXT_LENGTH);
  groups = g_strsplit (recovery, "-", -1);
  g_assert_cmpuint (g_strv_length (groups), ==, 13);
  for (guint i = 0; groups[i]; i++)
    {
      g_assert_cmpuint (strlen (groups[i]), ==, 5);
      g_assert_cmpuint (strspn (groups[i], "0123456789ABCDEFGHJKMNPQRSTVWXYZ"), ==, 5);
    }

  assert_unlocks (f->path, PASS_A, key);

  by_recovery = solace_keys_unlock_recovery_key (f->path, recovery, &error);
  g_assert_no_error (error);
  g_assert_true (solace_key_equal (by_recovery, key));
  g_clear_pointer (&by_recovery, solace_key_free);

  /* Typed loosely: lower case, spaces, no dashes, O for 0 and l for 1. */
  typed = g_ascii_strdown (recovery, -1);
  for (char *p = typed; *p; p++)
    {
      if (*p == '-')
        *p = ' ';
      else if (*p == '0')
        *p = 'o';
      else if (*p == '1')
        *p = 'l';
    }
  by_recovery = solace_keys_unlock_recovery_key (f->path, typed, &error);
  g_assert_no_error (error);
  g_assert_true (solace_key_equal (by_recovery, key));
  sodium_memzero (typed, strlen (typed));

  /* The key and its copy. */
  {
    g_autoptr(SolaceKey) copy = solace_key_copy (key);
    g_autoptr(SolaceKey) other = NULL;
    g_autoptr(SolaceRecoveryKey) other_recovery = NULL;
    g_autofree char *other_path = g_build_filename (f->dir, "other.keys", NULL);

    g_assert_true (solace_key_equal (copy, key));
    other = solace_keys_create (other_path, PASS_A, &cheap, &other_recovery, &error);
    g_assert_no_error (error);
    g_assert_false (solace_key_equal (other, key));
    g_assert_cmpmem (solace_key_get_data_key (copy), 32, solace_key_get_data_key (key), 32);
    g_assert_false (memcmp (solace_key_get_database_id (other), solace_key_get_database_id (key), 16) == 0);

    /* A key from another journal changes nothing here. */
    g_assert_false (solace_keys_change_passphrase (f->path, other, PASS_B, &cheap, &error));
    g_assert_error (error, SOLACE_KEYS_ERROR, SOLACE_KEYS_ERROR_MISMATCH);
    g_clear_error (&error);
    assert_unlocks (f->path, PASS_A, key);
  }

  /* A second set-up over the first is refused. */
  {
    g_autoptr(SolaceRecoveryKey) again = NULL;
    g_autoptr(SolaceKey) k = solace_keys_create (f->path, PASS_B, &cheap, &again, &error);

    g_assert_error (error, SOLACE_KEYS_ERROR, SOLACE_KEYS_ERROR_EXISTS);
    g_assert_null (k);
    g_assert_null (again);
    assert_unlocks (f->path, PASS_A, key);
  }
}

static void
test_wrong (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(SolaceRecoveryKey) recovery = NULL;
  g_autoptr(SolaceKey) key = create (f, &recovery);
  g_autoptr(GBytes) before = read_bytes (f->path);
  guint8 other[32];
  g_autoptr(SolaceRecoveryKey) other_text = NULL;

  /* Many wrong tries: each refused the same calm way, nothing wiped,
   * and the right one still opens. */
  for (guint i = 0; i < 25; i++)
    assert_refused (f->path, i % 2 ? PASS_B : "", SOLACE_KEYS_ERROR_WRONG_PASSPHRASE);
  assert_refused (f->path, "horse battery staple correct ", SOLACE_KEYS_ERROR_WRONG_PASSPHRASE);

  randombytes_buf (other, sizeof other);
  other_text = solace_recovery_key_format (other);
  for (guint i = 0; i < 5; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(SolaceKey) k = solace_keys_unlock_recovery_key (f->path, other_text, &error);

      g_assert_error (error, SOLACE_KEYS_ERROR, SOLACE_KEYS_ERROR_WRONG_RECOVERY_KEY);
      g_assert_null (k);
    }

  {
    g_autoptr(GBytes) after = read_bytes (f->path);

    g_assert_true (g_bytes_equal (before, after));
    g_assert_true (same_file (f->path, f->bak));
  }
  assert_unlocks (f->path, PASS_A, key);
}

static void
test_recovery_typo (Fixture       *f,
                    gconstpointer  data)
{
  static const char alphabet[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
  g_autoptr(SolaceRecoveryKey) recovery = NULL;
  g_autoptr(SolaceKey) key = create (f, &recovery);
  g_autofree char *typed = g_strdup (recovery);
  guint8 out[32];
  guint n_checked = 0;

  /* Every character, replaced by every other one: always caught, and
   * the group named. */
  for (guint pos = 0; typed[pos]; pos++)
    {
      char orig = typed[pos];

      if (orig == '-')
        continue;
      for (guint a = 0; alphabet[a]; a++)
        {
          g_autoptr(GError) error = NULL;
          int bad = -2;

          if (alphabet[a] == orig)
            continue;
          typed[pos] = alphabet[a];
          g_assert_false (solace_recovery_key_parse (typed, out, &bad, &error));
          g_assert_error (error, SOLACE_KEYS_ERROR, SOLACE_KEYS_ERROR_RECOVERY_KEY_TYPO);
          g_assert_cmpint (bad, ==, (int) (pos / 6));
          n_checked++;
        }
      typed[pos] = orig;
    }
  g_assert_cmpuint (n_checked, ==, 65 * 31);

  /* Two neighbours swapped within a group. */
  for (guint pos = 0; typed[pos + 1]; pos++)
    {
      g_autoptr(GError) error = NULL;
      int bad = -2;
      char t;

      if (typed[pos] == '-' || typed[pos + 1] == '-' || typed[pos] == typed[pos + 1])
        continue;
      t = typed[pos];
      typed[pos] = typed[pos + 1];
      typed[pos + 1] = t;
      g_assert_false (solace_recovery_key_parse (typed, out, &bad, &error));
      g_assert_error (error, SOLACE_KEYS_ERROR, SOLACE_KEYS_ERROR_RECOVERY_KEY_TYPO);
      g_assert_cmpint (bad, ==, (int) (pos / 6));
      typed[pos + 1] = typed[pos];
      typed[pos] = t;
    }

  /* Two groups swapped. */
  {
    g_autoptr(GError) error = NULL;
    int bad = -2;

    memcpy (typed, recovery + 6, 5);
    memcpy (typed + 6, recovery, 5);
    if (memcmp (recovery, recovery + 6, 5) != 0)
      {
        g_assert_false (solace_recovery_key_parse (typed, out, &bad, &error));
        g_assert_error (error, SOLACE_KEYS_ERROR, SOLACE_KEYS_ERROR_RECOVERY_KEY_TYPO);
        g_assert_cmpint (bad, ==, 0);
      }
    memcpy (typed, recovery, strlen (recovery));
  }

  /* Through the unlock, the same. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(SolaceKey) k = NULL;

    typed[20] = typed[20] == 'A' ? 'B' : 'A';
    k = solace_keys_unlock_recovery_key (f->path, typed, &error);
    g_assert_error (error, SOLACE_KEYS_ERROR, SOLACE_KEYS_ERROR_RECOVERY_KEY_TYPO);
    g_assert_nonnull (strstr (error->message, "Group 4 "));
    g_assert_null (k);
  }

  /* Too short, too long, a sign that is not in the alphabet. */
  {
    const char *bad_texts[] = { "", "ABCDE-FGHJK", "U", "*", NULL };

    for (guint i = 0; bad_texts[i]; i++)
      {
        g_autoptr(GError) error = NULL;

        g_assert_false (solace_recovery_key_parse (bad_texts[i], out, NULL, &error));
        g_assert_error (error, SOLACE_KEYS_ERROR, SOLACE_KEYS_ERROR_RECOVERY_KEY_FORMAT);
      }
  }
  {
    g_autoptr(GError) error = NULL;
    g_autofree char *longer = g_strconcat (recovery, "-A", NULL);

    g_assert_false (solace_recovery_key_parse (longer, out, NULL, &error));
    g_assert_error (error, SOLACE_KEYS_ERROR, SOLACE_KEYS_ERROR_RECOVERY_KEY_FORMAT);
  }

  /* Format and parse are each other's inverse, every bit counted. */
  for (guint i = 0; i < 200; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(SolaceRecoveryKey) text = NULL;
      guint8 in[32];

      randombytes_buf (in, sizeof in);
      if (i < 2)
        memset (in, i ? 0xff : 0x00, sizeof in);
      text = solace_recovery_key_format (in);
      g_assert_true (solace_recovery_key_parse (text, out, NULL, &error));
      g_assert_no_error (error);
      g_assert_cmpmem (in, 32, out, 32);
    }
  /* Groups asked back at set-up. */
  for (guint g = 0; g < SOLACE_RECOVERY_KEY_GROUPS; g++)
    {
      g_autofree char *group = g_strndup (recovery + g * 6, 5);
      g_autofree char *loose = g_strdup_printf (" %c%c %c-%c%c ", g_ascii_tolower (group[0]),
                                                group[1], group[2], group[3], g_ascii_tolower (group[4]));

      g_assert_true (solace_recovery_key_group_matches (recovery, g, group));
      g_assert_true (solace_recovery_key_group_matches (recovery, g, loose));
      if (memcmp (recovery + ((g + 1) % 13) * 6, group, 5) != 0)
        g_assert_false (solace_recovery_key_group_matches (recovery, (g + 1) % 13, group));
      g_assert_false (solace_recovery_key_group_matches (recovery, g + 13, group));
      group[4] = group[4] == 'Z' ? 'Y' : 'Z';
      g_assert_false (solace_recovery_key_group_matches (recovery, g, group));
      group[4] = '\0';
      g_assert_false (solace_recovery_key_group_matches (recovery, g, group));
      g_assert_false (solace_recovery_key_group_matches (recovery, g, ""));
    }
  sodium_memzero (typed, strlen (typed));
}

/* One byte at a time, each part of the file: the damaged copy is
 * refused, the other one opens, and the damaged one is put back. */
static void
test_damaged (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(SolaceRecoveryKey) recovery = NULL;
  g_autoptr(SolaceKey) key = create (f, &recovery);
  g_autoptr(GBytes) good = read_bytes (f->path);
  gsize len;
  const guint8 *bytes = g_bytes_get_data (good, &len);
  g_autofree guint8 *bad = g_memdup2 (bytes, len);

  /* Header 64, passphrase slot 112, recovery slot 76, checksum 32. */
  g_assert_cmpuint (len, ==, 64 + 112 + 76 + 32);

  for (gsize i = 0; i < len; i++)
    {
      bad[i] ^= 0xff;

      /* The first copy damaged: the second opens, with either secret. */
      write_bytes (f->path, bad, len);
      if (i % 2 == 0)
        assert_unlocks (f->path, PASS_A, key);
      else
        {
          g_autoptr(GError) error = NULL;
          g_autoptr(SolaceKey) k = solace_keys_unlock_recovery_key (f->path, recovery, &error);

          g_assert_no_error (error);
          g_assert_true (solace_key_equal (k, key));
        }
      /* …and the first copy is whole again. */
      g_assert_true (same_file (f->path, f->bak));

      /* The second copy damaged: the first opens, and mends it. */
      write_bytes (f->bak, bad, len);
      assert_unlocks (f->path, PASS_A, key);
      g_assert_true (same_file (f->path, f->bak));

      /* Both damaged: a clear "damaged", never "wrong passphrase". */
      write_bytes (f->path, bad, len);
      write_bytes (f->bak, bad, len);
      assert_refused (f->path, PASS_A, SOLACE_KEYS_ERROR_DAMAGED);
      {
        g_autoptr(GError) error = NULL;
        g_autoptr(SolaceKey) k = solace_keys_unlock_recovery_key (f->path, recovery, &error);

        g_assert_error (error, SOLACE_KEYS_ERROR, SOLACE_KEYS_ERROR_DAMAGED);
        g_assert_nonnull (strstr (error->message, "Both copies"));
      }

      bad[i] ^= 0xff;
      write_bytes (f->path, bytes, len);
      write_bytes (f->bak, bytes, len);
    }

  /* Cut short, emptied, or gone. */
  write_bytes (f->path, bytes, len - 1);
  assert_unlocks (f->path, PASS_A, key);
  write_bytes (f->path, bytes, 0);
  assert_unlocks (f->path, PASS_A, key);
  g_assert_cmpint (g_unlink (f->path), ==, 0);
  assert_unlocks (f->path, PASS_A, key);
  g_assert_true (same_file (f->path, f->bak));

  /* Damaged, and the second copy gone. */
  bad[100] ^= 0x01;
  write_bytes (f->path, bad, len);
  g_assert_cmpint (g_unlink (f->bak), ==, 0);
  assert_refused (f->path, PASS_A, SOLACE_KEYS_ERROR_DAMAGED);

  /* Both gone. */
  g_assert_cmpint (g_unlink (f->path), ==, 0);
  assert_refused (f->path, PASS_A, SOLACE_KEYS_ERROR_NOT_FOUND);
}

static void
test_unknown_version (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(SolaceRecoveryKey) recovery = NULL;
  g_autoptr(SolaceKey) key = create (f, &recovery);
  g_autoptr(GBytes) good = read_bytes (f->path);
  gsize len = g_bytes_get_size (good);
  g_autofree guint8 *newer = g_memdup2 (g_bytes_get_data (good, NULL), len);

  /* Version 2, with a checksum that holds. */
  newer[8] = 2;
  crypto_generichash (newer + len - 32, 32, newer, len - 32, NULL, 0);
  write_bytes (f->path, newer, len);
  assert_refused (f->path, PASS_A, SOLACE_KEYS_ERROR_UNKNOWN_VERSION);
  /* The old second copy is not used behind a newer first one. */
  g_assert_true (g_file_test (f->bak, G_FILE_TEST_EXISTS));

  g_assert_cmpint (g_unlink (f->path), ==, 0);
  write_bytes (f->bak, newer, len);
  assert_refused (f->path, PASS_A, SOLACE_KEYS_ERROR_UNKNOWN_VERSION);
}

static void
test_change_passphrase (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(SolaceRecoveryKey) recovery = NULL;
  g_autoptr(SolaceKey) key = create (f, &recovery);
  g_autoptr(SolaceKey) by_recovery = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) before = read_bytes (f->path);

  g_assert_true (solace_keys_change_passphrase (f->path, key, PASS_B, &cheap, &error));
  g_assert_no_error (error);

  assert_refused (f->path, PASS_A, SOLACE_KEYS_ERROR_WRONG_PASSPHRASE);
  assert_unlocks (f->path, PASS_B, key);
  g_assert_true (same_file (f->path, f->bak));

  /* The recovery slot is kept as it was. */
  by_recovery = solace_keys_unlock_recovery_key (f->path, recovery, &error);
  g_assert_no_error (error);
  g_assert_true (solace_key_equal (by_recovery, key));
  {
    g_autoptr(GBytes) after = read_bytes (f->path);
    gsize len;
    const guint8 *a = g_bytes_get_data (before, &len);

    g_assert_cmpuint (g_bytes_get_size (after), ==, len);
    g_assert_cmpmem (a + 176, 76, (const guint8 *) g_bytes_get_data (after, NULL) + 176, 76);
    g_assert_false (memcmp (a + 64, g_bytes_get_data (after, NULL) + 64, 112) == 0);
  }

  /* The second copy alone does not open with the old passphrase either. */
  g_assert_cmpint (g_unlink (f->path), ==, 0);
  assert_refused (f->path, PASS_A, SOLACE_KEYS_ERROR_WRONG_PASSPHRASE);
  assert_unlocks (f->path, PASS_B, key);
}

static void
test_new_recovery_key (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(SolaceRecoveryKey) recovery = NULL;
  g_autoptr(SolaceRecoveryKey) fresh = NULL;
  g_autoptr(SolaceKey) key = create (f, &recovery);
  g_autoptr(SolaceKey) k = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (solace_keys_new_recovery_key (f->path, key, &fresh, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (fresh, !=, recovery);

  k = solace_keys_unlock_recovery_key (f->path, recovery, &error);
  g_assert_error (error, SOLACE_KEYS_ERROR, SOLACE_KEYS_ERROR_WRONG_RECOVERY_KEY);
  g_assert_null (k);
  g_clear_error (&error);

  k = solace_keys_unlock_recovery_key (f->path, fresh, &error);
  g_assert_no_error (error);
  g_assert_true (solace_key_equal (k, key));
  assert_unlocks (f->path, PASS_A, key);
  g_assert_true (same_file (f->path, f->bak));
}

/* A recovery key made in memory opens nothing until it is set; the old
 * one keeps working until then, and after it only the new one opens.
 * A key that does not read, or the wrong data key, changes nothing. */
static void
test_set_recovery_key (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(SolaceRecoveryKey) recovery = NULL;
  g_autoptr(SolaceRecoveryKey) fresh = NULL;
  g_autoptr(SolaceRecoveryKey) again = NULL;
  g_autoptr(SolaceKey) key = create (f, &recovery);
  g_autoptr(SolaceKey) k = NULL;
  g_autoptr(SolaceKey) other = NULL;
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *other_path = g_build_filename (f->dir, "other.keys", NULL);
  g_autoptr(SolaceRecoveryKey) other_recovery = NULL;
  g_autofree char *typo = NULL;
  guint8 raw[32];

  fresh = solace_recovery_key_generate ();
  again = solace_recovery_key_generate ();
  g_assert_cmpuint (strlen (fresh), ==, SOLACE_RECOVERY_KEY_TEXT_LENGTH);
  g_assert_true (solace_recovery_key_parse (fresh, raw, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (fresh, !=, again);
  g_assert_cmpstr (fresh, !=, recovery);

  /* Made, not set: the file is as it was; the old key opens, the new
   * one does not. */
  before = read_bytes (f->path);
  k = solace_keys_unlock_recovery_key (f->path, recovery, &error);
  g_assert_no_error (error);
  g_assert_true (solace_key_equal (k, key));
  g_clear_pointer (&k, solace_key_free);
  k = solace_keys_unlock_recovery_key (f->path, fresh, &error);
  g_assert_error (error, SOLACE_KEYS_ERROR, SOLACE_KEYS_ERROR_WRONG_RECOVERY_KEY);
  g_assert_null (k);
  g_clear_error (&error);

  /* Bad input changes nothing: a typo, garbage, another journal's key. */
  typo = g_strdup (fresh);
  typo[0] = typo[0] == '0' ? '1' : '0';
  g_assert_false (solace_keys_set_recovery_key (f->path, key, typo, &error));
  g_assert_error (error, SOLACE_KEYS_ERROR, SOLACE_KEYS_ERROR_RECOVERY_KEY_TYPO);
  g_clear_error (&error);
  g_assert_false (solace_keys_set_recovery_key (f->path, key, "not a key", &error));
  g_assert_error (error, SOLACE_KEYS_ERROR, SOLACE_KEYS_ERROR_RECOVERY_KEY_FORMAT);
  g_clear_error (&error);
  other = solace_keys_create (other_path, PASS_A, &cheap, &other_recovery, &error);
  g_assert_no_error (error);
  g_assert_false (solace_keys_set_recovery_key (f->path, other, fresh, &error));
  g_assert_error (error, SOLACE_KEYS_ERROR, SOLACE_KEYS_ERROR_MISMATCH);
  g_clear_error (&error);
  after = read_bytes (f->path);
  g_assert_true (g_bytes_equal (before, after));
  g_assert_true (same_file (f->path, f->bak));

  /* Set: only the new one opens, from either copy; the passphrase still
   * does. */
  g_assert_true (solace_keys_set_recovery_key (f->path, key, fresh, &error));
  g_assert_no_error (error);
  k = solace_keys_unlock_recovery_key (f->path, recovery, &error);
  g_assert_error (error, SOLACE_KEYS_ERROR, SOLACE_KEYS_ERROR_WRONG_RECOVERY_KEY);
  g_assert_null (k);
  g_clear_error (&error);
  k = solace_keys_unlock_recovery_key (f->path, fresh, &error);
  g_assert_no_error (error);
  g_assert_true (solace_key_equal (k, key));
  g_clear_pointer (&k, solace_key_free);
  assert_unlocks (f->path, PASS_A, key);
  g_assert_true (same_file (f->path, f->bak));
  g_assert_cmpint (g_unlink (f->path), ==, 0);
  k = solace_keys_unlock_recovery_key (f->path, fresh, &error);
  g_assert_no_error (error);
  g_assert_true (solace_key_equal (k, key));
  sodium_memzero (raw, sizeof raw);
}

static void
test_mode (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(SolaceRecoveryKey) recovery = NULL;
  g_autoptr(SolaceKey) key = NULL;
  g_autoptr(GError) error = NULL;
  mode_t old = umask (0);
  struct stat st;

  key = create (f, &recovery);
  g_assert_cmpint (g_stat (f->path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 07777, ==, 0600);
  g_assert_cmpint (g_stat (f->bak, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 07777, ==, 0600);

  g_assert_true (solace_keys_change_passphrase (f->path, key, PASS_B, &cheap, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_stat (f->path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 07777, ==, 0600);
  g_assert_cmpint (g_stat (f->bak, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 07777, ==, 0600);
  umask (old);
}

/* Neither copy holds the passphrase, the data key or the recovery key. */
static void
test_no_secrets_on_disk (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(SolaceRecoveryKey) recovery = NULL;
  g_autoptr(SolaceKey) key = create (f, &recovery);
  g_autoptr(GError) error = NULL;
  const char *paths[] = { f->path, f->bak };
  guint8 raw[32];

  g_assert_true (solace_recovery_key_parse (recovery, raw, NULL, &error));
  g_assert_true (solace_keys_change_passphrase (f->path, key, PASS_B, &cheap, &error));
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      g_autoptr(GBytes) b = read_bytes (paths[i]);

      g_assert_false (contains (b, PASS_A, strlen (PASS_A)));
      g_assert_false (contains (b, PASS_B, strlen (PASS_B)));
      g_assert_false (contains (b, "horse", 5));
      g_assert_false (contains (b, solace_key_get_data_key (key), 32));
      g_assert_false (contains (b, solace_key_get_data_key (key), 8));
      g_assert_false (contains (b, raw, 8));
      g_assert_false (contains (b, recovery, 5));
      /* The database id is there: it is not a secret. */
      g_assert_true (contains (b, solace_key_get_database_id (key), 16));
    }
  sodium_memzero (raw, sizeof raw);
}

/* A child rewrites the key file (A, B, A, …) until it is killed at a
 * random moment; whatever is left opens with A or B. */
static void
test_kill_during_write (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(SolaceRecoveryKey) recovery = NULL;
  g_autoptr(SolaceKey) key = create (f, &recovery);
  guint opened_a = 0, opened_b = 0;

  for (guint round = 0; round < 40; round++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(SolaceKey) k = NULL;
      pid_t pid;
      int status;

      pid = fork ();
      g_assert_cmpint (pid, >=, 0);
      if (pid == 0)
        {
          for (guint i = 0; i < 100000; i++)
            if (!solace_keys_change_passphrase (f->path, key, i % 2 ? PASS_A : PASS_B, &cheap, NULL))
              _exit (2);
          _exit (0);
        }
      g_usleep (g_random_int_range (500, 30000));
      kill (pid, SIGKILL);
      g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
      g_assert_true (WIFSIGNALED (status));

      /* The first copy alone, as the crash left it. */
      k = solace_keys_unlock_passphrase (f->path, PASS_A, &error);
      if (k != NULL)
        opened_a++;
      else
        {
          g_assert_error (error, SOLACE_KEYS_ERROR, SOLACE_KEYS_ERROR_WRONG_PASSPHRASE);
          g_clear_error (&error);
          k = solace_keys_unlock_passphrase (f->path, PASS_B, &error);
          g_assert_no_error (error);
          opened_b++;
        }
      g_assert_true (solace_key_equal (k, key));
    }
  g_test_message ("after 40 kills: %u opened with A, %u with B", opened_a, opened_b);

  /* The next write sweeps away what a killed write left half-done. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(GDir) dir = NULL;
    const char *name;

    g_assert_true (solace_keys_change_passphrase (f->path, key, PASS_A, &cheap, &error));
    g_assert_no_error (error);
    dir = g_dir_open (f->dir, 0, &error);
    g_assert_no_error (error);
    while ((name = g_dir_read_name (dir)) != NULL)
      g_assert_true (g_str_equal (name, "solace.db.keys") || g_str_equal (name, "solace.db.keys.bak"));
  }
}

/* Argon2 that cannot get its memory says so, apart from a wrong
 * passphrase. */
static void
test_no_memory (Fixture       *f,
                gconstpointer  data)
{
#if defined(__SANITIZE_ADDRESS__)
  g_test_skip ("AddressSanitizer needs more address space than the limit this test sets");
#else
  g_autoptr(SolaceRecoveryKey) recovery = NULL;
  g_autoptr(SolaceKey) key = create (f, &recovery);
  g_autoptr(GBytes) good = read_bytes (f->path);
  gsize len = g_bytes_get_size (good);
  g_autofree guint8 *hungry = g_memdup2 (g_bytes_get_data (good, NULL), len);
  pid_t pid;
  int status;

  /* A memlimit of 1 GiB in the passphrase slot (the tag no longer
   * matches, but Argon2 runs first), with a checksum that holds. */
  hungry[64 + 4 + 12 + 3] = 0x40;
  crypto_generichash (hungry + len - 32, 32, hungry, len - 32, NULL, 0);
  write_bytes (f->path, hungry, len);
  write_bytes (f->bak, hungry, len);

  pid = fork ();
  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    {
      struct rlimit limit = { (rlim_t) 512 << 20, (rlim_t) 512 << 20 };
      GError *error = NULL;
      SolaceKey *k;

      setrlimit (RLIMIT_AS, &limit);
      k = solace_keys_unlock_passphrase (f->path, PASS_A, &error);
      _exit (k == NULL && g_error_matches (error, SOLACE_KEYS_ERROR, SOLACE_KEYS_ERROR_NO_MEMORY) ? 0 : 1);
    }
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), ==, 0);
#endif
}

static void
test_remove (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(SolaceRecoveryKey) recovery = NULL;
  g_autoptr(SolaceKey) key = create (f, &recovery);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) before = read_bytes (f->path);
  guint8 after[512];
  gssize n;
  int fd = g_open (f->path, O_RDONLY, 0);

  g_assert_cmpint (fd, >=, 0);
  g_assert_true (solace_keys_remove (f->path, &error));
  g_assert_no_error (error);
  g_assert_false (solace_keys_exist (f->path));
  g_assert_false (g_file_test (f->path, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (f->bak, G_FILE_TEST_EXISTS));

  /* What was in the file was written over before it went. */
  n = pread (fd, after, sizeof after, 0);
  g_assert_cmpint (n, ==, (gssize) g_bytes_get_size (before));
  g_assert_false (memcmp (after, g_bytes_get_data (before, NULL), n) == 0);
  close (fd);

  assert_refused (f->path, PASS_A, SOLACE_KEYS_ERROR_NOT_FOUND);

  /* Nothing there: nothing to do. */
  g_assert_true (solace_keys_remove (f->path, &error));
  g_assert_no_error (error);
}

static void
test_calibrate (Fixture       *f,
                gconstpointer  data)
{
  SolacePwhashParams params;
  double at_floor = 0;
  gint64 start;
  double calibrate_s, create_s, unlock_s;
  g_autoptr(SolaceRecoveryKey) recovery = NULL;
  g_autoptr(SolaceKey) key = NULL;
  g_autoptr(SolaceKey) again = NULL;
  g_autoptr(GError) error = NULL;

  start = g_get_monotonic_time ();
  solace_keys_calibrate (&params, &at_floor);
  calibrate_s = (g_get_monotonic_time () - start) / 1e6;

  g_assert_cmpuint (params.opslimit, >=, SOLACE_PWHASH_FLOOR_OPSLIMIT);
  g_assert_cmpuint (params.memlimit, >=, SOLACE_PWHASH_FLOOR_MEMLIMIT);
  g_assert_cmpuint (params.memlimit, <=, (gsize) 1 << 30);

  start = g_get_monotonic_time ();
  key = solace_keys_create (f->path, PASS_A, &params, &recovery, &error);
  create_s = (g_get_monotonic_time () - start) / 1e6;
  g_assert_no_error (error);

  start = g_get_monotonic_time ();
  again = solace_keys_unlock_passphrase (f->path, PASS_A, &error);
  unlock_s = (g_get_monotonic_time () - start) / 1e6;
  g_assert_no_error (error);
  g_assert_true (solace_key_equal (key, again));

  g_test_message ("calibration: floor (64 MiB, 2 passes) took %.3f s; calibrating took %.3f s; "
                  "chose %" G_GUINT64_FORMAT " passes, %" G_GSIZE_FORMAT " MiB; "
                  "create took %.3f s, unlock took %.3f s",
                  at_floor, calibrate_s, params.opslimit, params.memlimit >> 20, create_s, unlock_s);
  /* Generous: the machine is shared while tests run. */
  g_assert_cmpfloat (unlock_s, <, 5.0);
}

typedef struct
{
  GMainLoop         *loop;
  SolaceKey         *key;
  SolaceRecoveryKey *recovery;
  GError            *error;
} AsyncData;

static void
created_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  AsyncData *d = user_data;

  d->key = solace_keys_create_finish (result, &d->recovery, &d->error);
  g_main_loop_quit (d->loop);
}

static void
unlocked_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  AsyncData *d = user_data;

  d->key = solace_keys_unlock_finish (result, &d->error);
  g_main_loop_quit (d->loop);
}

static void
test_async (Fixture       *f,
            gconstpointer  data)
{
  AsyncData d = { g_main_loop_new (NULL, FALSE), NULL, NULL, NULL };
  SolaceKey *created;
  g_autoptr(SolaceRecoveryKey) recovery = NULL;

  solace_keys_create_async (f->path, PASS_A, &cheap, NULL, created_cb, &d);
  g_main_loop_run (d.loop);
  g_assert_no_error (d.error);
  g_assert_nonnull (d.key);
  created = g_steal_pointer (&d.key);
  recovery = g_steal_pointer (&d.recovery);

  solace_keys_unlock_passphrase_async (f->path, PASS_A, NULL, unlocked_cb, &d);
  g_main_loop_run (d.loop);
  g_assert_no_error (d.error);
  g_assert_true (solace_key_equal (d.key, created));
  g_clear_pointer (&d.key, solace_key_free);

  solace_keys_unlock_passphrase_async (f->path, PASS_B, NULL, unlocked_cb, &d);
  g_main_loop_run (d.loop);
  g_assert_error (d.error, SOLACE_KEYS_ERROR, SOLACE_KEYS_ERROR_WRONG_PASSPHRASE);
  g_assert_null (d.key);
  g_clear_error (&d.error);

  solace_keys_unlock_recovery_key_async (f->path, recovery, NULL, unlocked_cb, &d);
  g_main_loop_run (d.loop);
  g_assert_no_error (d.error);
  g_assert_true (solace_key_equal (d.key, created));
  g_clear_pointer (&d.key, solace_key_free);

  /* A second set-up is refused through the async path too. */
  solace_keys_create_async (f->path, PASS_B, &cheap, NULL, created_cb, &d);
  g_main_loop_run (d.loop);
  g_assert_error (d.error, SOLACE_KEYS_ERROR, SOLACE_KEYS_ERROR_EXISTS);
  g_assert_null (d.key);
  g_assert_null (d.recovery);
  g_clear_error (&d.error);

  solace_key_free (created);
  g_main_loop_unref (d.loop);
}

static void
test_strength (void)
{
  static const struct {
    const char *passphrase;
    int         min, max;
    const char *reason;
  } cases[] = {
    { "", 0, 0, "empty" },
    { "password", 0, 0, "common" },
    { "Password123!", 0, 0, "common" },
    { "iloveyou", 0, 0, "common" },
    { "12345678", 0, 0, "common" },
    { "abc", 0, 1, "short" },
    { "Zq7!", 0, 1, "short" },
    { "aaaaaaaaaaaaaaaa", 0, 1, "repetitive" },
    { "abcdefghijklmnop", 0, 1, "repetitive" },
    { "mxkqwtrz", 0, 2, "few-kinds" },
    { "Tr0ub4dor&3", 3, 4, NULL },
    { "correct horse battery staple", 4, 4, "strong" },
    { "Brücke über Ölfeld", 4, 4, "strong" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const char *reason = NULL;
      int score = solace_passphrase_strength (cases[i].passphrase, &reason);

      g_test_message ("case %u: score %d, %s", i, score, reason);
      g_assert_cmpint (score, >=, cases[i].min);
      g_assert_cmpint (score, <=, cases[i].max);
      g_assert_nonnull (reason);
      if (cases[i].reason)
        g_assert_cmpstr (reason, ==, cases[i].reason);
    }

  /* Not UTF-8: still a score, no crash. */
  g_assert_cmpint (solace_passphrase_strength ("\xff\xfe\xfd\xfc\xfb\xfa\xf9\xf8\xf7", NULL), >=, 0);
  /* Longer is never weaker. */
  g_assert_cmpint (solace_passphrase_strength ("mxkqwtrzpl", NULL), <=,
                   solace_passphrase_strength ("mxkqwtrzplvbnsdf", NULL));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_assert_cmpint (sodium_init (), >=, 0);

#define ADD(name, func) \
  g_test_add ("/keys/" name, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("create-unlock", test_create_unlock);
  ADD ("wrong", test_wrong);
  ADD ("recovery-typo", test_recovery_typo);
  ADD ("damaged", test_damaged);
  ADD ("unknown-version", test_unknown_version);
  ADD ("change-passphrase", test_change_passphrase);
  ADD ("new-recovery-key", test_new_recovery_key);
  ADD ("set-recovery-key", test_set_recovery_key);
  ADD ("mode", test_mode);
  ADD ("no-secrets-on-disk", test_no_secrets_on_disk);
  ADD ("kill-during-write", test_kill_during_write);
  ADD ("no-memory", test_no_memory);
  ADD ("remove", test_remove);
  ADD ("calibrate", test_calibrate);
  ADD ("async", test_async);
#undef ADD
  g_test_add_func ("/keys/strength", test_strength);

  return g_test_run ();
}
