/* solace-passphrase-strength.c — how hard a passphrase is to guess
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "solace-keys"

#include "config.h"

#include <math.h>
#include <sodium.h>
#include <string.h>

#include "solace-keys-common.h"
#include "solace-passphrase-strength.h"

/* A few hundred bytes of the passwords people pick most; any of them,
 * with digits or signs after it, is guessed at once. */
static const char * const common_passwords[] = {
  "123456", "password", "qwerty", "abc123", "letmein", "monkey", "dragon",
  "111111", "baseball", "iloveyou", "trustno1", "sunshine", "master",
  "welcome", "shadow", "ashley", "football", "jesus", "michael", "ninja",
  "mustang", "password1", "qwertyuiop", "azerty", "admin", "login",
  "princess", "starwars", "whatever", "freedom", "hello", "charlie",
  "superman", "batman", "secret", "loveme", "lovely", "flower", "summer",
  "passw0rd", "p@ssw0rd", "asdfgh", "asdfghjkl", "zxcvbnm", "1q2w3e4r",
  "qazwsx", "solace", "changeme", "default", "computer", "internet",
  "cookie", "pokemon", "soccer", "hockey", "killer", "jordan", "hunter",
  "buster", "thomas", "tigger", "robert", "daniel", "andrew", "jessica",
  "nicole", "angel", "angels", "family", "forever", "friends", "happy",
  "heaven", "mylove", "baby", "babygirl", "sweetheart", "darling",
  "love", "iloveyou1", "loveyou", "myspace", "facebook", "google",
  "apple", "orange", "banana", "chocolate", "cheese", "matrix", "london",
  "paris", "berlin", "hallo", "passwort", "schatz", "motdepasse",
  "contrasena", "senha", "parola", "haslo", "wachtwoord", "salasana",
};

/* Public API */

int
solace_passphrase_strength (const char  *passphrase,
                            const char **reason)
{
  gboolean lower = FALSE, upper = FALSE, digit = FALSE, symbol = FALSE, other = FALSE;
  guint n = 0, kinds = 0, pool = 0;
  double effective = 0, bits;
  gunichar prev = 0;
  int score;
  const char *why;
  char *folded = NULL;
  gsize flen;

  g_return_val_if_fail (passphrase != NULL, 0);

  if (*passphrase == '\0')
    {
      if (reason)
        *reason = "empty";
      return 0;
    }

  for (const char *p = passphrase; *p; )
    {
      gunichar c = g_utf8_get_char_validated (p, -1);

      if (c == (gunichar) -1 || c == (gunichar) -2)
        {
          /* Not UTF-8: one byte, one character. */
          c = (guchar) *p;
          p++;
        }
      else
        p = g_utf8_next_char (p);

      if (c < 0x80 && g_ascii_islower (c))
        lower = TRUE;
      else if (c < 0x80 && g_ascii_isupper (c))
        upper = TRUE;
      else if (c < 0x80 && g_ascii_isdigit (c))
        digit = TRUE;
      else if (c < 0x80)
        symbol = TRUE;
      else
        other = TRUE;

      /* A repeat or a step of one ("aaaa", "1234", "abcd") adds little. */
      if (n > 0 && (c == prev || c == prev + 1 || c + 1 == prev))
        effective += 0.25;
      else
        effective += 1;
      prev = c;
      n++;
    }

  kinds = lower + upper + digit + symbol + other;
  pool = (lower ? 26 : 0) + (upper ? 26 : 0) + (digit ? 10 : 0) + (symbol ? 33 : 0) + (other ? 100 : 0);
  bits = effective * log2 (MAX (pool, 2));

  if (bits < 28)
    score = 0;
  else if (bits < 40)
    score = 1;
  else if (bits < 60)
    score = 2;
  else if (bits < 80)
    score = 3;
  else
    score = 4;

  if (effective < n * 0.6)
    why = "repetitive";
  else if (kinds == 1 && score < 3)
    why = "few-kinds";
  else
    why = score >= 4 ? "strong" : "fair";

  if (n < 8)
    {
      score = MIN (score, 1);
      why = "short";
    }

  /* A common password, with or without digits and signs after it. */
  flen = strlen (passphrase);
  folded = secure_alloc (flen + 1);
  for (gsize i = 0; i <= flen; i++)
    folded[i] = g_ascii_tolower (passphrase[i]);
  while (flen > 0 && (g_ascii_isdigit (folded[flen - 1]) || g_ascii_ispunct (folded[flen - 1])
                      || folded[flen - 1] == ' '))
    folded[--flen] = '\0';
  for (gsize i = 0; i < G_N_ELEMENTS (common_passwords); i++)
    if (flen == 0 || strcmp (folded, common_passwords[i]) == 0)
      {
        score = 0;
        why = "common";
        break;
      }
  sodium_free (folded);

  if (reason)
    *reason = why;
  return score;
}
