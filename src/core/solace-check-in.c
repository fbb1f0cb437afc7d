/* solace-check-in.c — the daily check-in: mood, feelings, self-care and
 * warning signs, and when they suggest talking to a professional
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "solace-progress"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "solace-check-in.h"
#include "solace-error.h"
#include "solace-limits.h"
#include "solace-progress.h"

const char * const solace_emotions[] = {
  "shock", "shame", "fear", "anger", "sadness", "grief", "loneliness", "despair",
  "regret", "confusion", "relief", "hope", "calm", "gratitude", NULL
};

static const char * const emotion_labels[] = {
  N_("Shock"), N_("Shame"), N_("Fear"), N_("Anger"), N_("Sadness"), N_("Grief"), N_("Loneliness"),
  N_("Despair"), N_("Regret"), N_("Confusion"), N_("Relief"), N_("Hope"), N_("Calm"), N_("Gratitude"),
};

static const char * const self_care_labels[SOLACE_N_SELF_CARE] = {
  N_("Sleep"), N_("Food"), N_("Movement"), N_("Mindfulness"), N_("Time outside"), N_("Time with someone"),
};

static const char * const sign_labels[SOLACE_N_SIGNS] = {
  N_("Little interest in things I usually enjoy"),
  N_("Sleeping or eating much more or less than usual"),
  N_("Finding it hard to concentrate"),
  N_("Feeling guilty or worthless"),
};

static gboolean
invalid (GError     **error,
         const char  *message)
{
  g_set_error_literal (error, SOLACE_ERROR, SOLACE_ERROR_INVALID, message);
  return FALSE;
}

static SolaceCheckIn *
check_in_from_row (sqlite3_stmt *stmt)
{
  g_autoptr(GDate) day = solace_day_from_iso ((const char *) sqlite3_column_text (stmt, 0));
  const char *emotions = (const char *) sqlite3_column_text (stmt, 2);
  SolaceCheckIn *self;

  if (day == NULL)
    return NULL;

  self = solace_check_in_new (day);
  self->mood = CLAMP (sqlite3_column_int (stmt, 1), 1, 5);
  g_strfreev (self->emotions);
  self->emotions = *emotions ? g_strsplit (emotions, ",", -1) : g_new0 (char *, 1);
  self->self_care = sqlite3_column_int (stmt, 3) & ((1 << SOLACE_N_SELF_CARE) - 1);
  self->signs = sqlite3_column_int (stmt, 4) & ((1 << SOLACE_N_SIGNS) - 1);
  g_free (self->note);
  self->note = g_strdup ((const char *) sqlite3_column_text (stmt, 5));

  return self;
}

#define CHECK_IN_COLUMNS "day, mood, emotions, self_care, signs, note"

/* ---- Check-ins ------------------------------------------------------ */

const char *
solace_emotion_get_label (const char *key)
{
  for (guint i = 0; solace_emotions[i] != NULL; i++)
    if (g_strcmp0 (solace_emotions[i], key) == 0)
      return _(emotion_labels[i]);
  return NULL;
}

const char *
solace_self_care_get_label (guint index)
{
  g_return_val_if_fail (index < SOLACE_N_SELF_CARE, NULL);
  return _(self_care_labels[index]);
}

const char *
solace_sign_get_label (guint index)
{
  g_return_val_if_fail (index < SOLACE_N_SIGNS, NULL);
  return _(sign_labels[index]);
}

SolaceCheckIn *
solace_check_in_new (const GDate *day)
{
  SolaceCheckIn *self = g_new0 (SolaceCheckIn, 1);

  g_return_val_if_fail (day != NULL && g_date_valid (day), NULL);

  self->day = *day;
  self->mood = 3;
  self->emotions = g_new0 (char *, 1);
  self->note = g_strdup ("");

  return self;
}

void
solace_check_in_free (SolaceCheckIn *self)
{
  if (self == NULL)
    return;

  g_strfreev (self->emotions);
  g_free (self->note);
  g_free (self);
}

SolaceCheckIn *
solace_check_in_load (SolaceDatabase  *db,
                      const GDate     *day,
                      GError         **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (SOLACE_IS_DATABASE (db), NULL);

  stmt = solace_database_prepare (db, "SELECT " CHECK_IN_COLUMNS " FROM check_in WHERE day = ?1", error);
  if (stmt == NULL)
    return NULL;
  solace_day_bind (stmt, 1, day);

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return check_in_from_row (stmt);
  if (rc != SQLITE_DONE)
    solace_database_set_error (db, error, rc, _("Reading today’s check-in"));

  return NULL;
}

GPtrArray *
solace_check_in_load_range (SolaceDatabase  *db,
                            const GDate     *first,
                            const GDate     *last,
                            GError         **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) check_ins = g_ptr_array_new_with_free_func ((GDestroyNotify) solace_check_in_free);
  int rc;

  g_return_val_if_fail (SOLACE_IS_DATABASE (db), NULL);

  stmt = solace_database_prepare (db,
                                  "SELECT " CHECK_IN_COLUMNS " FROM check_in WHERE day BETWEEN ?1 AND ?2 ORDER BY day",
                                  error);
  if (stmt == NULL)
    return NULL;
  solace_day_bind (stmt, 1, first);
  solace_day_bind (stmt, 2, last);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      SolaceCheckIn *check_in = check_in_from_row (stmt);

      if (check_in != NULL)
        g_ptr_array_add (check_ins, check_in);
    }

  if (rc != SQLITE_DONE)
    {
      solace_database_set_error (db, error, rc, _("Reading your check-ins"));
      return NULL;
    }

  return g_steal_pointer (&check_ins);
}

gboolean
solace_check_in_save (SolaceDatabase       *db,
                      const SolaceCheckIn  *check_in,
                      const GDate          *today,
                      GError              **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *emotions = NULL;
  g_autofree char *uuid = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  gboolean ok;

  g_return_val_if_fail (SOLACE_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (check_in != NULL, FALSE);
  g_return_val_if_fail (today != NULL && g_date_valid (today), FALSE);

  if (!g_date_valid (&check_in->day) || g_date_compare (&check_in->day, today) != 0)
    return invalid (error, _("A check-in can only be changed on its own day."));
  if (check_in->mood < 1 || check_in->mood > 5)
    return invalid (error, _("Choose a mood from 1 to 5."));
  for (guint i = 0; check_in->emotions != NULL && check_in->emotions[i] != NULL; i++)
    if (solace_emotion_get_label (check_in->emotions[i]) == NULL)
      return invalid (error, _("One of the feelings is not one Solace knows."));
  if (!solace_text_fits (check_in->note, SOLACE_MAX_NOTE_CHARS))
    {
      g_set_error (error, SOLACE_ERROR, SOLACE_ERROR_INVALID,
                   g_dngettext (GETTEXT_PACKAGE,
                                "The note can be up to %'d character; this one is longer, so nothing was saved.",
                                "The note can be up to %'d characters; this one is longer, so nothing was saved.",
                                SOLACE_MAX_NOTE_CHARS),
                   SOLACE_MAX_NOTE_CHARS);
      return FALSE;
    }
  if (check_in->note != NULL && !g_utf8_validate (check_in->note, -1, NULL))
    return invalid (error, _("The note is not valid text."));

  emotions = check_in->emotions != NULL ? g_strjoinv (",", check_in->emotions) : g_strdup ("");
  uuid = g_uuid_string_random ();

  solace_database_lock (db);
  stmt = solace_database_prepare (db,
                                  "INSERT INTO check_in (uuid, day, mood, emotions, self_care, signs, note,"
                                  "  created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8)"
                                  " ON CONFLICT (day) DO UPDATE SET mood = excluded.mood,"
                                  "  emotions = excluded.emotions, self_care = excluded.self_care,"
                                  "  signs = excluded.signs, note = excluded.note, updated_at = excluded.updated_at",
                                  error);
  ok = stmt != NULL;
  if (ok)
    {
      sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_TRANSIENT);
      solace_day_bind (stmt, 2, &check_in->day);
      sqlite3_bind_int (stmt, 3, check_in->mood);
      sqlite3_bind_text (stmt, 4, emotions, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int (stmt, 5, check_in->self_care & ((1 << SOLACE_N_SELF_CARE) - 1));
      sqlite3_bind_int (stmt, 6, check_in->signs & ((1 << SOLACE_N_SIGNS) - 1));
      sqlite3_bind_text (stmt, 7, check_in->note != NULL ? check_in->note : "", -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (stmt, 8, now);
      ok = solace_database_step (db, stmt, _("Saving your check-in"), error);
    }
  g_clear_pointer (&stmt, sqlite3_finalize);
  solace_database_unlock (db);

  return ok;
}

/* ---- Professional help ---------------------------------------------- */

guint
solace_professional_help_due (GPtrArray   *check_ins,
                              const GDate *today,
                              const GDate *dismissed_on)
{
  guint n = 0, low = 0;
  gboolean signs = FALSE;
  guint reasons = 0;

  g_return_val_if_fail (check_ins != NULL, 0);
  g_return_val_if_fail (today != NULL && g_date_valid (today), 0);

  if (dismissed_on != NULL && g_date_valid (dismissed_on))
    {
      int since = g_date_days_between (dismissed_on, today);

      /* Dismissed: away for a week (and a dismissal dated in the future,
       * from a clock that jumped, counts as today's). */
      if (since >= 0 && since < 7)
        return 0;
    }

  for (guint i = 0; i < check_ins->len; i++)
    {
      const SolaceCheckIn *c = g_ptr_array_index (check_ins, i);
      int age = g_date_days_between (&c->day, today);

      /* Today and the 13 days before it. */
      if (age < 0 || age > 13)
        continue;

      n++;
      if (c->mood <= 2)
        low++;
      if (c->signs != 0)
        signs = TRUE;
    }

  /* More than half of the check-ins low, and at least four of them:
   * one hard day, or two, is part of this and no reason for alarm. */
  if (low >= 4 && low * 2 > n)
    reasons |= SOLACE_HELP_LOW_MOOD;
  if (signs)
    reasons |= SOLACE_HELP_SIGNS;

  return reasons;
}
