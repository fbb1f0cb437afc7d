/* solace-progress.c — no-contact stretches, urges, stage and milestones,
 * reasons, and the small numbers kept beside them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "solace-progress"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <string.h>

#include "solace-error.h"
#include "solace-progress.h"
#include "solace-reminders.h"
#include "solace-schedule.h"

/* ---- Days ----------------------------------------------------------- */

GDate *
solace_local_day (GTimeZone *tz,
                  gint64     now)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (now);
  g_autoptr(GDateTime) local = NULL;

  g_return_val_if_fail (tz != NULL, NULL);

  if (utc == NULL)
    return NULL;
  local = g_date_time_to_timezone (utc, tz);

  return g_date_new_dmy (g_date_time_get_day_of_month (local),
                         g_date_time_get_month (local),
                         g_date_time_get_year (local));
}

char *
solace_day_to_iso (const GDate *day)
{
  g_return_val_if_fail (day != NULL && g_date_valid (day), NULL);

  return g_strdup_printf ("%04u-%02u-%02u",
                          g_date_get_year (day), g_date_get_month (day), g_date_get_day (day));
}

GDate *
solace_day_from_iso (const char *text)
{
  unsigned year, month, day;

  if (text == NULL || strlen (text) != 10 || text[4] != '-' || text[7] != '-')
    return NULL;
  for (guint i = 0; i < 10; i++)
    if (i != 4 && i != 7 && !g_ascii_isdigit (text[i]))
      return NULL;
  if (sscanf (text, "%4u-%2u-%2u", &year, &month, &day) != 3 ||
      year < 1 || !g_date_valid_dmy (day, month, year))
    return NULL;

  return g_date_new_dmy (day, month, year);
}

void
solace_day_bind (sqlite3_stmt *stmt,
                 int           index,
                 const GDate  *day)
{
  g_autofree char *iso = solace_day_to_iso (day);

  sqlite3_bind_text (stmt, index, iso, -1, SQLITE_TRANSIENT);
}

static gboolean
invalid (GError     **error,
         const char  *message)
{
  g_set_error_literal (error, SOLACE_ERROR, SOLACE_ERROR_INVALID, message);
  return FALSE;
}

/* ---- Stretches ------------------------------------------------------ */

GArray *
solace_progress_load_stretches (SolaceDatabase  *db,
                                GError         **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GArray) stretches = g_array_new (FALSE, TRUE, sizeof (SolaceStretch));
  int rc;

  g_return_val_if_fail (SOLACE_IS_DATABASE (db), NULL);

  stmt = solace_database_prepare (db,
                                  "SELECT uuid, started_on, ended_on FROM stretch"
                                  " ORDER BY started_on, ended_on IS NULL, id",
                                  error);
  if (stmt == NULL)
    return NULL;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(GDate) start = solace_day_from_iso ((const char *) sqlite3_column_text (stmt, 1));
      g_autoptr(GDate) end = solace_day_from_iso ((const char *) sqlite3_column_text (stmt, 2));
      SolaceStretch s = { { 0 } };

      /* A row damaged on disk is left out rather than miscounted. */
      if (start == NULL || (end == NULL && sqlite3_column_type (stmt, 2) != SQLITE_NULL))
        continue;

      g_strlcpy (s.uuid, (const char *) sqlite3_column_text (stmt, 0), sizeof s.uuid);
      s.start = *start;
      s.open = end == NULL;
      if (end != NULL)
        s.end = *end;
      g_array_append_val (stretches, s);
    }

  if (rc != SQLITE_DONE)
    {
      solace_database_set_error (db, error, rc, _("Reading your no-contact days"));
      return NULL;
    }

  return g_steal_pointer (&stretches);
}

void
solace_stretches_summarize (GArray               *stretches,
                            const GDate          *today,
                            SolaceStretchSummary *summary)
{
  g_return_if_fail (stretches != NULL);
  g_return_if_fail (today != NULL && g_date_valid (today));
  g_return_if_fail (summary != NULL);

  memset (summary, 0, sizeof *summary);

  for (guint i = 0; i < stretches->len; i++)
    {
      const SolaceStretch *s = &g_array_index (stretches, SolaceStretch, i);
      int days;

      if (s->open)
        {
          /* The start day is day 1; a clock set back before it still
           * shows day 1. */
          days = MAX (g_date_days_between (&s->start, today), 0) + 1;
          summary->has_current = TRUE;
          g_strlcpy (summary->current_uuid, s->uuid, sizeof summary->current_uuid);
          summary->start = s->start;
          summary->current_day = days;
        }
      else
        days = MAX (g_date_days_between (&s->start, &s->end), 0);

      summary->total += days;
      summary->longest = MAX (summary->longest, days);
      summary->n_stretches++;
    }
}

gboolean
solace_progress_load_summary (SolaceDatabase       *db,
                              const GDate          *today,
                              SolaceStretchSummary *summary,
                              GError              **error)
{
  g_autoptr(GArray) stretches = solace_progress_load_stretches (db, error);

  if (stretches == NULL)
    return FALSE;

  solace_stretches_summarize (stretches, today, summary);
  return TRUE;
}

static gboolean
insert_stretch (SolaceDatabase  *db,
                const GDate     *start,
                GError         **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *uuid = g_uuid_string_random ();

  stmt = solace_database_prepare (db, "INSERT INTO stretch (uuid, started_on, created_at) VALUES (?1, ?2, ?3)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_TRANSIENT);
  solace_day_bind (stmt, 2, start);
  sqlite3_bind_int64 (stmt, 3, g_get_real_time () / G_USEC_PER_SEC);

  return solace_database_step (db, stmt, _("Starting the no-contact counter"), error);
}

static gboolean
set_start_locked (SolaceDatabase  *db,
                  const GDate     *start,
                  const GDate     *today,
                  GError         **error)
{
  g_autoptr(GArray) stretches = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  const SolaceStretch *open = NULL;

  if (g_date_compare (start, today) > 0)
    return invalid (error, _("That day hasn’t come yet. Choose today or a day before it."));

  stretches = solace_progress_load_stretches (db, error);
  if (stretches == NULL)
    return FALSE;

  for (guint i = 0; i < stretches->len; i++)
    {
      const SolaceStretch *s = &g_array_index (stretches, SolaceStretch, i);

      if (s->open)
        open = s;
      else if (g_date_compare (start, &s->end) < 0)
        {
          g_autoptr(GDateTime) when = g_date_time_new_local (g_date_get_year (&s->end), g_date_get_month (&s->end),
                                                             g_date_get_day (&s->end), 12, 0, 0);
          /* Translators: a day as in "ended on 3 November 2026"; see
           * g_date_time_format () for the codes. */
          g_autofree char *end = g_date_time_format (when, _("%-d %B %Y"));
          g_autofree char *message = g_strdup_printf (_("Your stretch before this one ended on %s; choose that day or a later one."), end);

          return invalid (error, message);
        }
    }

  if (open == NULL)
    return insert_stretch (db, start, error);

  stmt = solace_database_prepare (db, "UPDATE stretch SET started_on = ?2 WHERE uuid = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, open->uuid, -1, SQLITE_TRANSIENT);
  solace_day_bind (stmt, 2, start);

  return solace_database_step (db, stmt, _("Changing the no-contact start"), error);
}

gboolean
solace_progress_set_start (SolaceDatabase  *db,
                           const GDate     *start,
                           const GDate     *today,
                           GError         **error)
{
  gboolean ok = FALSE;

  g_return_val_if_fail (SOLACE_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (start != NULL && g_date_valid (start), FALSE);
  g_return_val_if_fail (today != NULL && g_date_valid (today), FALSE);

  solace_database_lock (db);
  if (solace_database_begin (db, error))
    {
      ok = set_start_locked (db, start, today, error) &&
           solace_progress_plan_milestones (db, start, g_get_real_time () / G_USEC_PER_SEC, error) &&
           solace_database_commit (db, error);
      if (!ok)
        solace_database_rollback (db);
    }
  solace_database_unlock (db);

  return ok;
}

/* ---- Urges ---------------------------------------------------------- */

/* Trimmed, on one line, and not too long; %NULL when it is too long. */
static char *
clean_line (const char *text,
            guint       max_chars)
{
  g_autofree char *copy = NULL;

  if (text == NULL)
    return g_strdup ("");
  if (!g_utf8_validate (text, -1, NULL))
    return NULL;

  copy = g_strdup (text);
  for (char *p = copy; *p; p++)
    if (g_ascii_iscntrl (*p))
      *p = ' ';
  g_strstrip (copy);

  if (!solace_text_fits (copy, max_chars))
    return NULL;

  return g_steal_pointer (&copy);
}

static gboolean
reach_out_locked (SolaceDatabase  *db,
                  const GDate     *today,
                  GError         **error)
{
  g_autoptr(GArray) stretches = solace_progress_load_stretches (db, error);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  const SolaceStretch *open = NULL;

  if (stretches == NULL)
    return FALSE;

  for (guint i = 0; i < stretches->len; i++)
    if (g_array_index (stretches, SolaceStretch, i).open)
      open = &g_array_index (stretches, SolaceStretch, i);

  /* Without a counter there is nothing to end; a stretch that began
   * today is already a fresh start. */
  if (open == NULL || g_date_compare (&open->start, today) >= 0)
    return TRUE;

  stmt = solace_database_prepare (db, "UPDATE stretch SET ended_on = ?2 WHERE uuid = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, open->uuid, -1, SQLITE_TRANSIENT);
  solace_day_bind (stmt, 2, today);

  return solace_database_step (db, stmt, _("Ending the stretch"), error) &&
         insert_stretch (db, today, error) &&
         solace_progress_plan_milestones (db, today, g_get_real_time () / G_USEC_PER_SEC, error);
}

gboolean
solace_progress_log_urge (SolaceDatabase  *db,
                          gint64           at,
                          const GDate     *today,
                          int              intensity,
                          const char      *cause,
                          gboolean         reached_out,
                          GError         **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *clean = NULL;
  g_autofree char *uuid = NULL;
  gboolean ok = FALSE;

  g_return_val_if_fail (SOLACE_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (today != NULL && g_date_valid (today), FALSE);

  if (intensity < 1 || intensity > 10)
    return invalid (error, _("Choose how strong the urge was, from 1 to 10."));

  clean = clean_line (cause, SOLACE_MAX_CAUSE_CHARS);
  if (clean == NULL)
    {
      g_set_error (error, SOLACE_ERROR, SOLACE_ERROR_INVALID,
                   g_dngettext (GETTEXT_PACKAGE,
                                "What set it off can be up to %d character; a few words are enough. Nothing was saved.",
                                "What set it off can be up to %d characters; a few words are enough. Nothing was saved.",
                                SOLACE_MAX_CAUSE_CHARS),
                   SOLACE_MAX_CAUSE_CHARS);
      return FALSE;
    }

  uuid = g_uuid_string_random ();

  solace_database_lock (db);
  if (!solace_database_begin (db, error))
    goto out;

  stmt = solace_database_prepare (db,
                                  "INSERT INTO urge (uuid, at, day, intensity, cause, outcome)"
                                  " VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                                  error);
  if (stmt != NULL)
    {
      sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (stmt, 2, at);
      solace_day_bind (stmt, 3, today);
      sqlite3_bind_int (stmt, 4, intensity);
      sqlite3_bind_text (stmt, 5, clean, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 6, reached_out ? "reached-out" : "passed", -1, SQLITE_STATIC);
      ok = solace_database_step (db, stmt, _("Saving the urge"), error) &&
           (!reached_out || reach_out_locked (db, today, error)) &&
           solace_database_commit (db, error);
    }
  if (!ok)
    solace_database_rollback (db);

out:
  solace_database_unlock (db);
  return ok;
}

GStrv
solace_progress_recent_causes (SolaceDatabase  *db,
                               guint            limit,
                               GError         **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  guint n = 0;
  int rc;

  g_return_val_if_fail (SOLACE_IS_DATABASE (db), NULL);

  stmt = solace_database_prepare (db,
                                  "SELECT cause FROM urge WHERE cause != '' ORDER BY at DESC, id DESC LIMIT 500",
                                  error);
  if (stmt == NULL)
    return NULL;

  while (n < limit && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *cause = (const char *) sqlite3_column_text (stmt, 0);
      char *folded = g_utf8_casefold (cause, -1);

      if (g_hash_table_add (seen, folded))
        {
          g_strv_builder_add (builder, cause);
          n++;
        }
    }

  return g_strv_builder_end (builder);
}

int
solace_progress_count_urges (SolaceDatabase  *db,
                             const GDate     *first,
                             const GDate     *last,
                             GError         **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (SOLACE_IS_DATABASE (db), -1);

  stmt = solace_database_prepare (db, "SELECT count(*) FROM urge WHERE day BETWEEN ?1 AND ?2", error);
  if (stmt == NULL)
    return -1;
  solace_day_bind (stmt, 1, first);
  solace_day_bind (stmt, 2, last);

  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      solace_database_set_error (db, error, rc, _("Counting urges"));
      return -1;
    }

  return sqlite3_column_int (stmt, 0);
}

/* ---- Stage and milestones ------------------------------------------- */

SolaceStage
solace_stage_for (int day,
                  int urges_last_14_days)
{
  /* Strong, frequent urges (one most days) mean the early days, however
   * long the count; otherwise the count and a quieter fortnight decide. */
  if (day < 21 || urges_last_14_days >= 7)
    return SOLACE_STAGE_EARLY;

  if (day >= 60 && urges_last_14_days <= 1)
    return SOLACE_STAGE_REDISCOVERY;

  return SOLACE_STAGE_WORKING_THROUGH;
}

static const struct {
  const char *title;
  const char *description;
} stages[] = {
  [SOLACE_STAGE_EARLY] = {
    N_("Early Days"),
    N_("The first weeks often bring waves of shock, anger, fear or sadness, and strong pulls to "
       "reach out. None of that means you are doing it wrong. Keep your reasons close, lean on your "
       "people, and look after the basics: sleep, food, a little movement."),
  },
  [SOLACE_STAGE_WORKING_THROUGH] = {
    N_("Working Through It"),
    N_("The urges tend to be softer now, which leaves room to look at what happened and how you "
       "feel about it. Writing, talking it over with someone you trust and patience with yourself "
       "all help here."),
  },
  [SOLACE_STAGE_REDISCOVERY] = {
    N_("Finding Yourself Again"),
    N_("Checking for them matters less, and confidence often returns. A good time to turn toward "
       "your own plans: new interests, old friends, goals that are yours alone."),
  },
};

const char *
solace_stage_get_title (SolaceStage stage)
{
  g_return_val_if_fail (stage <= SOLACE_STAGE_REDISCOVERY, NULL);
  return _(stages[stage].title);
}

const char *
solace_stage_get_description (SolaceStage stage)
{
  g_return_val_if_fail (stage <= SOLACE_STAGE_REDISCOVERY, NULL);
  return _(stages[stage].description);
}

const int solace_milestones[SOLACE_N_MILESTONES] = { 1, 3, 7, 14, 30, 60, 90, 180, 365 };

static const char * const milestone_messages[SOLACE_N_MILESTONES] = {
  N_("Day one. Choosing yourself starts here."),
  N_("Three days. The first days are often the hardest, and you are through them."),
  N_("A whole week without contact. That took strength, every single day."),
  N_("Two weeks. Notice what has become a little easier."),
  N_("A month. Look how far you have come."),
  N_("Two months of choosing your own peace."),
  N_("Three months. So much of this is simply your life now."),
  N_("Half a year. Be proud of the person who got you here."),
  N_("A whole year. You kept a promise to yourself."),
};

int
solace_milestone_to_celebrate (int   day,
                               guint seen_mask)
{
  for (int i = SOLACE_N_MILESTONES - 1; i >= 0; i--)
    if (solace_milestones[i] <= day)
      return (seen_mask & (1u << i)) ? -1 : solace_milestones[i];

  return -1;
}

const char *
solace_milestone_get_message (int days)
{
  for (guint i = 0; i < SOLACE_N_MILESTONES; i++)
    if (solace_milestones[i] == days)
      return _(milestone_messages[i]);

  return NULL;
}

/* What a milestone's reminder says: which day, and the words for it. */
static void
milestone_reminder_text (SolaceReminder     *reminder,
                         const char * const *words,
                         guint               n_words,
                         gpointer            user_data)
{
  const char *key = solace_reminder_get_key (reminder);
  gint64 days = g_str_has_prefix (key, "milestone:") ? g_ascii_strtoll (key + strlen ("milestone:"), NULL, 10) : 0;
  g_autofree char *title = NULL;

  if (solace_milestone_get_message (days) == NULL)
    return;

  title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Day %d of no contact", "Day %d of no contact", days), (int) days);
  solace_reminder_set_text (reminder, title, solace_milestone_get_message (days));
}

void
solace_progress_register_reminders (void)
{
  solace_reminders_register_subject (SOLACE_REMINDER_MILESTONE, milestone_reminder_text, NULL);
}

gboolean
solace_progress_get_milestones_seen (SolaceDatabase  *db,
                                     const char      *stretch_uuid,
                                     guint           *seen_mask,
                                     GError         **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (SOLACE_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (seen_mask != NULL, FALSE);

  *seen_mask = 0;
  stmt = solace_database_prepare (db, "SELECT days FROM milestone_seen WHERE stretch_uuid = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, stretch_uuid, -1, SQLITE_TRANSIENT);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    for (guint i = 0; i < SOLACE_N_MILESTONES; i++)
      if (solace_milestones[i] == sqlite3_column_int (stmt, 0))
        *seen_mask |= 1u << i;

  if (rc != SQLITE_DONE)
    {
      solace_database_set_error (db, error, rc, _("Reading your milestones"));
      return FALSE;
    }

  return TRUE;
}

gboolean
solace_progress_mark_milestones_seen (SolaceDatabase  *db,
                                      const char      *stretch_uuid,
                                      int              day,
                                      GError         **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gboolean ok;

  g_return_val_if_fail (SOLACE_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (stretch_uuid != NULL, FALSE);

  solace_database_lock (db);
  stmt = solace_database_prepare (db,
                                  "INSERT OR IGNORE INTO milestone_seen (stretch_uuid, days, seen_at)"
                                  " SELECT ?1, value, ?3 FROM json_each (?2)",
                                  error);
  ok = stmt != NULL;
  if (ok)
    {
      GString *list = g_string_new ("[");

      for (guint i = 0; i < SOLACE_N_MILESTONES && solace_milestones[i] <= day; i++)
        g_string_append_printf (list, "%s%d", i > 0 ? "," : "", solace_milestones[i]);
      g_string_append_c (list, ']');

      sqlite3_bind_text (stmt, 1, stretch_uuid, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 2, list->str, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (stmt, 3, g_get_real_time () / G_USEC_PER_SEC);
      ok = solace_database_step (db, stmt, _("Saving your milestones"), error);
      g_string_free (list, TRUE);
    }
  g_clear_pointer (&stmt, sqlite3_finalize);
  solace_database_unlock (db);

  return ok;
}

gboolean
solace_progress_plan_milestones (SolaceDatabase  *db,
                                 const GDate     *start,
                                 gint64           now,
                                 GError         **error)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_local ();

  g_return_val_if_fail (SOLACE_IS_DATABASE (db), FALSE);

  for (guint i = 0; i < SOLACE_N_MILESTONES; i++)
    {
      g_autofree char *key = g_strdup_printf ("milestone:%d", solace_milestones[i]);
      g_autoptr(GDateTime) when = NULL;
      GDate day = *start;

      g_date_add_days (&day, solace_milestones[i] - 1);
      when = solace_local_time_to_instant (tz, g_date_get_year (&day), g_date_get_month (&day),
                                           g_date_get_day (&day), 10, 0, 0);

      if (when != NULL && g_date_time_to_unix (when) > now)
        {
          g_autofree char *dtstart = g_strdup_printf ("%04u%02u%02uT100000", g_date_get_year (&day),
                                                      g_date_get_month (&day), g_date_get_day (&day));
          g_autofree char *rrule = g_strconcat ("FREQ=DAILY;UNTIL=", dtstart, NULL);

          if (!solace_reminders_put (db, key, SOLACE_REMINDER_MILESTONE, TRUE, rrule, dtstart, now, error))
            return FALSE;
        }
      else if (!solace_reminders_remove (db, key, error))
        return FALSE;
    }

  return TRUE;
}

/* ---- Reasons -------------------------------------------------------- */

GStrv
solace_progress_load_reasons (SolaceDatabase  *db,
                              GError         **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  int rc;

  g_return_val_if_fail (SOLACE_IS_DATABASE (db), NULL);

  stmt = solace_database_prepare (db, "SELECT text FROM reason ORDER BY position, id", error);
  if (stmt == NULL)
    return NULL;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_strv_builder_add (builder, (const char *) sqlite3_column_text (stmt, 0));

  if (rc != SQLITE_DONE)
    {
      solace_database_set_error (db, error, rc, _("Reading your reasons"));
      return NULL;
    }

  return g_strv_builder_end (builder);
}

gboolean
solace_progress_save_reasons (SolaceDatabase      *db,
                              const char * const  *reasons,
                              GError             **error)
{
  g_autoptr(GPtrArray) clean = g_ptr_array_new_with_free_func (g_free);
  gboolean ok = FALSE;

  g_return_val_if_fail (SOLACE_IS_DATABASE (db), FALSE);

  for (guint i = 0; reasons != NULL && reasons[i] != NULL; i++)
    {
      char *line = clean_line (reasons[i], SOLACE_MAX_REASON_CHARS);

      if (line == NULL)
        {
          g_free (line);
          g_set_error (error, SOLACE_ERROR, SOLACE_ERROR_INVALID,
                       g_dngettext (GETTEXT_PACKAGE,
                                    "A reason can be up to %d character; one is longer, so nothing was saved.",
                                    "A reason can be up to %d characters; one is longer, so nothing was saved.",
                                    SOLACE_MAX_REASON_CHARS),
                       SOLACE_MAX_REASON_CHARS);
          return FALSE;
        }
      if (*line == '\0')
        g_free (line);
      else
        g_ptr_array_add (clean, line);
    }
  if (clean->len > 100)
    return invalid (error, _("That is more than 100 reasons; keep the ones that matter most."));

  solace_database_lock (db);
  if (!solace_database_begin (db, error))
    goto out;

  ok = solace_database_exec (db, "DELETE FROM reason", error);
  for (guint i = 0; ok && i < clean->len; i++)
    {
      g_autoptr(sqlite3_stmt) stmt = solace_database_prepare (db,
        "INSERT INTO reason (uuid, text, position, created_at) VALUES (?1, ?2, ?3, ?4)", error);
      g_autofree char *uuid = g_uuid_string_random ();

      ok = stmt != NULL;
      if (!ok)
        break;
      sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 2, g_ptr_array_index (clean, i), -1, SQLITE_TRANSIENT);
      sqlite3_bind_int (stmt, 3, i + 1);
      sqlite3_bind_int64 (stmt, 4, g_get_real_time () / G_USEC_PER_SEC);
      ok = solace_database_step (db, stmt, _("Saving your reasons"), error);
    }
  ok = ok && solace_database_commit (db, error);
  if (!ok)
    solace_database_rollback (db);

out:
  solace_database_unlock (db);
  return ok;
}

/* ---- Preferences ---------------------------------------------------- */

gint64
solace_progress_get_value (SolaceDatabase *db,
                           const char     *name,
                           gint64          fallback)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (SOLACE_IS_DATABASE (db), fallback);

  stmt = solace_database_prepare (db, "SELECT value FROM preference WHERE name = ?1", NULL);
  if (stmt == NULL)
    return fallback;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_TRANSIENT);

  return sqlite3_step (stmt) == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : fallback;
}

gboolean
solace_progress_set_value (SolaceDatabase  *db,
                           const char      *name,
                           gint64           value,
                           GError         **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gboolean ok;

  g_return_val_if_fail (SOLACE_IS_DATABASE (db), FALSE);

  solace_database_lock (db);
  stmt = solace_database_prepare (db,
                                  "INSERT INTO preference (name, value) VALUES (?1, ?2)"
                                  " ON CONFLICT (name) DO UPDATE SET value = excluded.value",
                                  error);
  ok = stmt != NULL;
  if (ok)
    {
      sqlite3_bind_text (stmt, 1, name, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (stmt, 2, value);
      ok = solace_database_step (db, stmt, _("Saving a setting"), error);
    }
  g_clear_pointer (&stmt, sqlite3_finalize);
  solace_database_unlock (db);

  return ok;
}
