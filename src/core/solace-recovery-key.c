/* solace-recovery-key.c — the recovery key's text: made, grouped with
 * a check character per group, and read back as typed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "solace-keys"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <sodium.h>
#include <string.h>

#include "solace-keys-error.h"
#include "solace-keys-common.h"
#include "solace-recovery-key.h"

/* Crockford's base32: no I, L, O, U. */
static const char recovery_alphabet[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
#define RECOVERY_DATA_CHARS  (SOLACE_RECOVERY_KEY_GROUPS * (SOLACE_RECOVERY_KEY_GROUP_CHARS - 1))
#define RECOVERY_ALL_CHARS   (SOLACE_RECOVERY_KEY_GROUPS * SOLACE_RECOVERY_KEY_GROUP_CHARS)
G_STATIC_ASSERT (RECOVERY_DATA_CHARS * 5 >= 256 && RECOVERY_DATA_CHARS * 5 < 256 + 5);

/* Helpers */

static guint8
gf32_mul (guint8 a,
          guint8 b)
{
  guint8 r = 0;

  while (b)
    {
      if (b & 1)
        r ^= a;
      b >>= 1;
      a <<= 1;
      if (a & 0x20)
        a ^= 0x25;   /* x^5 + x^2 + 1 */
    }
  return r & 0x1f;
}

/* The check character of group @g: data character i weighs x^(i+1) in
 * GF(32), the check itself 1, and the group number is added, so one
 * wrong character, two swapped ones, or a group in the wrong place
 * never pass. */
static guint8
group_check (guint         g,
             const guint8 *values)
{
  guint8 c = (guint8) g;

  for (guint i = 0; i < SOLACE_RECOVERY_KEY_GROUP_CHARS - 1; i++)
    c ^= gf32_mul ((guint8) (2u << i), values[i]);
  return c;
}

static void
bytes_to_values (const guint8 *key,
                 guint8       *values)
{
  for (guint i = 0; i < RECOVERY_DATA_CHARS; i++)
    {
      guint v = 0;

      for (guint b = 0; b < 5; b++)
        {
          guint bit = i * 5 + b;

          v <<= 1;
          if (bit < 256)
            v |= (key[bit / 8] >> (7 - bit % 8)) & 1;
        }
      values[i] = (guint8) v;
    }
}

static void
values_to_bytes (const guint8 *values,
                 guint8       *key)
{
  memset (key, 0, 32);
  for (guint bit = 0; bit < 256; bit++)
    if ((values[bit / 5] >> (4 - bit % 5)) & 1)
      key[bit / 8] |= (guint8) (1u << (7 - bit % 8));
}

static int
char_value (char c)
{
  const char *p;

  c = g_ascii_toupper (c);
  if (c == 'O')
    c = '0';
  else if (c == 'I' || c == 'L')
    c = '1';
  if (c == '\0' || (p = strchr (recovery_alphabet, c)) == NULL)
    return -1;
  return (int) (p - recovery_alphabet);
}

/* Reads the characters of a recovery key as typed into @values (at
 * most @max kept; @n counts them all).  FALSE at a sign that is not
 * one. */
static gboolean
read_chars (const char *text,
            guint8     *values,
            guint       max,
            guint      *n)
{
  *n = 0;
  for (const char *p = text; *p; p++)
    {
      int v;

      if (*p == ' ' || *p == '-' || *p == '\t' || *p == '\n' || *p == '\r')
        continue;
      v = char_value (*p);
      if (v < 0)
        return FALSE;
      if (*n < max)
        values[*n] = (guint8) v;
      (*n)++;
    }
  return TRUE;
}

/* Public API */

void
solace_recovery_key_free (SolaceRecoveryKey *text)
{
  if (text != NULL)
    sodium_free (text);   /* zeroes it */
}

SolaceRecoveryKey *
solace_recovery_key_generate (void)
{
  guint8 *recovery;
  SolaceRecoveryKey *text;

  if (!sodium_ready ())
    g_error ("libsodium could not start");
  recovery = secure_alloc (32);
  text = solace_recovery_key_new_random (recovery);
  sodium_free (recovery);
  return text;
}

SolaceRecoveryKey *
solace_recovery_key_new_random (guint8 *recovery)
{
  randombytes_buf (recovery, 32);
  /* The last character carries one bit; the four after it are zero. */
  return solace_recovery_key_format (recovery);
}

gboolean
solace_recovery_key_parse (const char  *text,
                           guint8       key[32],
                           int         *bad_group,
                           GError     **error)
{
  guint8 values[RECOVERY_ALL_CHARS];
  guint8 data[RECOVERY_DATA_CHARS];
  guint n = 0;
  gboolean ok = TRUE;

  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (key != NULL, FALSE);

  if (bad_group)
    *bad_group = -1;

  if (!read_chars (text, values, RECOVERY_ALL_CHARS, &n))
    {
      g_set_error_literal (error, SOLACE_KEYS_ERROR, SOLACE_KEYS_ERROR_RECOVERY_KEY_FORMAT,
                           _("A recovery key has only letters and digits, but this one has other signs too. Check it against your copy."));
      ok = FALSE;
      goto out;
    }
  if (n != RECOVERY_ALL_CHARS)
    {
      g_set_error (error, SOLACE_KEYS_ERROR, SOLACE_KEYS_ERROR_RECOVERY_KEY_FORMAT,
                   /* Translators: the numbers of letters and digits: how many
                    * a key has, always more than one, then how many this one
                    * has, which the plural follows. */
                   g_dngettext (GETTEXT_PACKAGE,
                                "A recovery key has %d letters and digits, but this one has %u. "
                                "Check it against your copy.",
                                "A recovery key has %d letters and digits, but this one has %u. "
                                "Check it against your copy.",
                                n),
                   RECOVERY_ALL_CHARS, n);
      ok = FALSE;
      goto out;
    }

  for (guint g = 0; g < SOLACE_RECOVERY_KEY_GROUPS; g++)
    {
      const guint8 *group = values + g * SOLACE_RECOVERY_KEY_GROUP_CHARS;
      guint last = SOLACE_RECOVERY_KEY_GROUP_CHARS - 1;
      gboolean pad_ok = g != SOLACE_RECOVERY_KEY_GROUPS - 1 || (group[last - 1] & 0x0f) == 0;

      if (group_check (g, group) != group[last] || !pad_ok)
        {
          if (bad_group)
            *bad_group = (int) g;
          g_set_error (error, SOLACE_KEYS_ERROR, SOLACE_KEYS_ERROR_RECOVERY_KEY_TYPO,
                       /* Translators: %u is a group's number, counted from 1. */
                       _("Group %u of the recovery key has a typing mistake. Check it against your copy."),
                       g + 1);
          ok = FALSE;
          goto out;
        }
      memcpy (data + g * (SOLACE_RECOVERY_KEY_GROUP_CHARS - 1), group, SOLACE_RECOVERY_KEY_GROUP_CHARS - 1);
    }
  values_to_bytes (data, key);

out:
  sodium_memzero (values, sizeof values);
  sodium_memzero (data, sizeof data);
  return ok;
}

SolaceRecoveryKey *
solace_recovery_key_format (const guint8 key[32])
{
  guint8 data[RECOVERY_DATA_CHARS];
  char *text;
  guint n = 0;

  g_return_val_if_fail (key != NULL, NULL);

  text = secure_alloc (SOLACE_RECOVERY_KEY_TEXT_LENGTH + 1);
  bytes_to_values (key, data);
  for (guint g = 0; g < SOLACE_RECOVERY_KEY_GROUPS; g++)
    {
      const guint8 *group = data + g * (SOLACE_RECOVERY_KEY_GROUP_CHARS - 1);

      if (g > 0)
        text[n++] = '-';
      for (guint i = 0; i < SOLACE_RECOVERY_KEY_GROUP_CHARS - 1; i++)
        text[n++] = recovery_alphabet[group[i]];
      text[n++] = recovery_alphabet[group_check (g, group)];
    }
  text[n] = '\0';
  g_assert (n == SOLACE_RECOVERY_KEY_TEXT_LENGTH);
  sodium_memzero (data, sizeof data);
  return text;
}

gboolean
solace_recovery_key_group_matches (const char *recovery_key,
                                   guint       group,
                                   const char *typed)
{
  guint8 all[RECOVERY_ALL_CHARS];
  guint8 one[SOLACE_RECOVERY_KEY_GROUP_CHARS];
  guint n_all = 0, n_one = 0;
  gboolean ok;

  g_return_val_if_fail (recovery_key != NULL, FALSE);
  g_return_val_if_fail (typed != NULL, FALSE);

  ok = group < SOLACE_RECOVERY_KEY_GROUPS
       && read_chars (recovery_key, all, RECOVERY_ALL_CHARS, &n_all)
       && n_all == RECOVERY_ALL_CHARS
       && read_chars (typed, one, SOLACE_RECOVERY_KEY_GROUP_CHARS, &n_one)
       && n_one == SOLACE_RECOVERY_KEY_GROUP_CHARS
       && sodium_memcmp (all + group * SOLACE_RECOVERY_KEY_GROUP_CHARS, one,
                         SOLACE_RECOVERY_KEY_GROUP_CHARS) == 0;
  sodium_memzero (all, sizeof all);
  sodium_memzero (one, sizeof one);
  return ok;
}
