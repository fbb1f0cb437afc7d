/* solace-progress-trends.c — urges, moods and self-care over the weeks,
 * and the commonest causes of urges: what Insights draws
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "solace-progress"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "solace-progress.h"
#include "solace-progress-trends.h"

typedef struct
{
  char *label;
  int   count;
  guint order;
} CauseCount;

/* The first day of the week holding @day, weeks beginning on @first_day. */
static GDate
week_start (const GDate  *day,
            GDateWeekday  first_day)
{
  GDate start = *day;

  g_date_subtract_days (&start, ((int) g_date_get_weekday (day) - (int) first_day + 7) % 7);
  return start;
}

static void
cause_count_free (CauseCount *c)
{
  g_free (c->label);
  g_free (c);
}

static int
compare_causes (gconstpointer a,
                gconstpointer b)
{
  const CauseCount *x = *(const CauseCount **) a;
  const CauseCount *y = *(const CauseCount **) b;

  if (x->count != y->count)
    return y->count - x->count;
  return (int) x->order - (int) y->order;
}

GArray *
solace_progress_weeks (SolaceDatabase  *db,
                       const GDate     *today,
                       guint            n_weeks,
                       GDateWeekday     first_day,
                       GError         **error)
{
  g_autoptr(GArray) weeks = NULL;
  g_autoptr(sqlite3_stmt) urges = NULL;
  g_autoptr(sqlite3_stmt) care = NULL;
  GDate first;
  GDate last;
  double *sums;
  int rc;

  g_return_val_if_fail (SOLACE_IS_DATABASE (db), NULL);
  g_return_val_if_fail (n_weeks > 0 && n_weeks <= 520, NULL);
  g_return_val_if_fail (g_date_valid_weekday (first_day), NULL);

  first = week_start (today, first_day);
  g_date_subtract_days (&first, 7 * (n_weeks - 1));
  last = week_start (today, first_day);
  g_date_add_days (&last, 6);

  weeks = g_array_sized_new (FALSE, TRUE, sizeof (SolaceWeek), n_weeks);
  for (guint i = 0; i < n_weeks; i++)
    {
      SolaceWeek w = { .first_day = first, .urges = 0, .mean_intensity = NAN, .self_care_days = 0 };

      g_date_add_days (&w.first_day, 7 * i);
      g_array_append_val (weeks, w);
    }
  sums = g_newa (double, n_weeks);
  memset (sums, 0, sizeof (double) * n_weeks);

  urges = solace_database_prepare (db, "SELECT day, intensity FROM urge WHERE day BETWEEN ?1 AND ?2", error);
  if (urges == NULL)
    return NULL;
  solace_day_bind (urges, 1, &first);
  solace_day_bind (urges, 2, &last);
  while ((rc = sqlite3_step (urges)) == SQLITE_ROW)
    {
      g_autoptr(GDate) day = solace_day_from_iso ((const char *) sqlite3_column_text (urges, 0));
      int i;

      if (day == NULL)
        continue;
      i = g_date_days_between (&first, day) / 7;
      if (i < 0 || i >= (int) n_weeks)
        continue;
      g_array_index (weeks, SolaceWeek, i).urges++;
      sums[i] += sqlite3_column_int (urges, 1);
    }
  if (rc != SQLITE_DONE)
    {
      solace_database_set_error (db, error, rc, _("Reading your urges"));
      return NULL;
    }
  for (guint i = 0; i < n_weeks; i++)
    {
      SolaceWeek *w = &g_array_index (weeks, SolaceWeek, i);

      if (w->urges > 0)
        w->mean_intensity = sums[i] / w->urges;
    }

  care = solace_database_prepare (db, "SELECT day FROM check_in WHERE self_care != 0 AND day BETWEEN ?1 AND ?2", error);
  if (care == NULL)
    return NULL;
  solace_day_bind (care, 1, &first);
  solace_day_bind (care, 2, &last);
  while ((rc = sqlite3_step (care)) == SQLITE_ROW)
    {
      g_autoptr(GDate) day = solace_day_from_iso ((const char *) sqlite3_column_text (care, 0));
      int i;

      if (day == NULL)
        continue;
      i = g_date_days_between (&first, day) / 7;
      if (i >= 0 && i < (int) n_weeks)
        g_array_index (weeks, SolaceWeek, i).self_care_days++;
    }
  if (rc != SQLITE_DONE)
    {
      solace_database_set_error (db, error, rc, _("Reading your check-ins"));
      return NULL;
    }

  return g_steal_pointer (&weeks);
}

GArray *
solace_progress_moods (SolaceDatabase  *db,
                       const GDate     *today,
                       guint            n_days,
                       GError         **error)
{
  g_autoptr(GArray) moods = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  GDate first = *today;
  int rc;

  g_return_val_if_fail (SOLACE_IS_DATABASE (db), NULL);
  g_return_val_if_fail (n_days > 0 && n_days <= 3660, NULL);

  g_date_subtract_days (&first, n_days - 1);
  moods = g_array_sized_new (FALSE, FALSE, sizeof (double), n_days);
  for (guint i = 0; i < n_days; i++)
    {
      double gap = NAN;

      g_array_append_val (moods, gap);
    }

  stmt = solace_database_prepare (db, "SELECT day, mood FROM check_in WHERE day BETWEEN ?1 AND ?2", error);
  if (stmt == NULL)
    return NULL;
  solace_day_bind (stmt, 1, &first);
  solace_day_bind (stmt, 2, today);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(GDate) day = solace_day_from_iso ((const char *) sqlite3_column_text (stmt, 0));
      int i;

      if (day == NULL)
        continue;
      i = g_date_days_between (&first, day);
      if (i >= 0 && i < (int) n_days)
        g_array_index (moods, double, i) = CLAMP (sqlite3_column_int (stmt, 1), 1, 5);
    }
  if (rc != SQLITE_DONE)
    {
      solace_database_set_error (db, error, rc, _("Reading your check-ins"));
      return NULL;
    }

  return g_steal_pointer (&moods);
}

GStrv
solace_progress_top_causes (SolaceDatabase  *db,
                            const GDate     *today,
                            guint            n_days,
                            guint            limit,
                            GError         **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GHashTable) counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) cause_count_free);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  GDate first = *today;
  int rc;

  g_return_val_if_fail (SOLACE_IS_DATABASE (db), NULL);
  g_return_val_if_fail (n_days > 0, NULL);

  g_date_subtract_days (&first, n_days - 1);
  stmt = solace_database_prepare (db,
                                  "SELECT cause FROM urge WHERE cause != '' AND day BETWEEN ?1 AND ?2"
                                  " ORDER BY at DESC, id DESC",
                                  error);
  if (stmt == NULL)
    return NULL;
  solace_day_bind (stmt, 1, &first);
  solace_day_bind (stmt, 2, today);

  /* The newest spelling of each cause is the one shown. */
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *cause = (const char *) sqlite3_column_text (stmt, 0);
      g_autofree char *folded = g_utf8_casefold (cause, -1);
      CauseCount *c = g_hash_table_lookup (counts, folded);

      if (c == NULL)
        {
          c = g_new0 (CauseCount, 1);
          c->label = g_strdup (cause);
          c->order = list->len;
          g_ptr_array_add (list, c);
          g_hash_table_insert (counts, g_steal_pointer (&folded), c);
        }
      c->count++;
    }
  if (rc != SQLITE_DONE)
    {
      solace_database_set_error (db, error, rc, _("Reading your urges"));
      return NULL;
    }

  g_ptr_array_sort (list, compare_causes);
  for (guint i = 0; i < list->len && i < limit; i++)
    {
      CauseCount *c = g_ptr_array_index (list, i);
      g_autofree char *line = g_strdup_printf ("%s\t%d", c->label, c->count);

      g_strv_builder_add (builder, line);
    }

  return g_strv_builder_end (builder);
}
