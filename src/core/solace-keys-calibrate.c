/* solace-keys-calibrate.c — the Argon2 cost for this computer: timed
 * at the floor, then scaled to take 0.5–1 s
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "solace-keys"

#include "config.h"

#include <math.h>
#include <sodium.h>
#include <string.h>
#include <unistd.h>

#include "solace-keys.h"
#include "solace-keys-common.h"

#define MEMORY_EXPONENT  1.12

/* Public API */

void
solace_keys_calibrate (SolacePwhashParams *params,
                       double             *seconds_at_floor)
{
  const double target = 0.75;   /* the middle of 0.5–1 s */
  guint8 out[32];
  guint8 salt[SALT_LEN];
  gint64 start;
  double t, mem_factor, t_mem;
  guint64 phys, cap;
  long pages = sysconf (_SC_PHYS_PAGES);
  long page_size = sysconf (_SC_PAGESIZE);
  gsize mem;
  guint64 ops;

  g_return_if_fail (params != NULL);

  if (!sodium_ready ())
    g_error ("libsodium could not start");

  /* The faster of two runs: another program's burst of work should not
   * make the cost smaller than this computer can afford. */
  t = G_MAXDOUBLE;
  for (guint run = 0; run < 2; run++)
    {
      randombytes_buf (salt, sizeof salt);
      start = g_get_monotonic_time ();
      if (crypto_pwhash (out, sizeof out, "calibration", strlen ("calibration"), salt,
                         SOLACE_PWHASH_FLOOR_OPSLIMIT, SOLACE_PWHASH_FLOOR_MEMLIMIT,
                         crypto_pwhash_ALG_ARGON2ID13) != 0)
        {
          t = 1.0;   /* not even the floor fits: stay at the floor */
          break;
        }
      t = MIN (t, MAX ((g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC, 0.001));
    }
  sodium_memzero (out, sizeof out);
  if (seconds_at_floor)
    *seconds_at_floor = t;

  /* At most 1/16 of the RAM, at most 1 GiB: a small laptop must not
   * swap to unlock. */
  phys = pages > 0 && page_size > 0 ? (guint64) pages * (guint64) page_size : (guint64) 2 << 30;
  cap = CLAMP (phys / 16, (guint64) SOLACE_PWHASH_FLOOR_MEMLIMIT, (guint64) 1 << 30);

  params->opslimit = SOLACE_PWHASH_FLOOR_OPSLIMIT;
  params->memlimit = SOLACE_PWHASH_FLOOR_MEMLIMIT;
  if (t >= target)
    return;

  /* Memory first (what makes guessing dear), then passes.  The time
   * grows a little faster than the memory (caches): measured here,
   * 8 times the memory took 10.3 times as long, so time ~ memory^1.12;
   * passes add time in proportion. */
  mem_factor = MIN ((double) cap / SOLACE_PWHASH_FLOOR_MEMLIMIT, pow (target / t, 1 / MEMORY_EXPONENT));
  mem = (gsize) (SOLACE_PWHASH_FLOOR_MEMLIMIT * mem_factor);
  mem &= ~(((gsize) 1 << 20) - 1);
  mem = MAX (mem, SOLACE_PWHASH_FLOOR_MEMLIMIT);
  t_mem = t * pow ((double) mem / SOLACE_PWHASH_FLOOR_MEMLIMIT, MEMORY_EXPONENT);
  ops = (guint64) floor (SOLACE_PWHASH_FLOOR_OPSLIMIT * target / t_mem);
  ops = CLAMP (ops, SOLACE_PWHASH_FLOOR_OPSLIMIT, OPSLIMIT_MAX);

  params->opslimit = ops;
  params->memlimit = mem;
}
