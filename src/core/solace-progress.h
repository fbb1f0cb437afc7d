/* solace-progress.h — no-contact stretches, urges, stage and milestones,
 * reasons, and the small numbers kept beside them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "solace-database.h"
#include "solace-limits.h"

G_BEGIN_DECLS

/* ---- Days ----------------------------------------------------------- */

/* The local calendar day @now (Unix seconds) falls on in @tz: "Day N"
 * changes at local midnight, not at midnight UTC. */
GDate      *solace_local_day                    (GTimeZone      *tz,
                                                 gint64          now);
/* "2026-11-27" and back; %NULL for anything else. */
char       *solace_day_to_iso                   (const GDate    *day);
/* Binds @day as its ISO 8601 text to parameter @index of @stmt. */
void        solace_day_bind                     (sqlite3_stmt   *stmt,
                                                 int             index,
                                                 const GDate    *day);
GDate      *solace_day_from_iso                 (const char     *text);

/* ---- Stretches ------------------------------------------------------ */

/* A stretch of no contact.  A closed stretch covers the days from
 * @start up to, not including, @end: the day the person reached out
 * starts the next stretch. */
typedef struct
{
  char     uuid[40];
  GDate    start;
  GDate    end;
  gboolean open;
} SolaceStretch;

typedef struct
{
  gboolean has_current;
  char     current_uuid[40];
  GDate    start;          /* of the current stretch */
  int      current_day;    /* "Day N", from 1; 0 without a current stretch */
  int      longest;        /* days in the longest stretch, the current one included */
  int      total;          /* no-contact days in all stretches */
  guint    n_stretches;
} SolaceStretchSummary;

/* Stretches oldest first, as a #GArray of #SolaceStretch. */
GArray     *solace_progress_load_stretches      (SolaceDatabase *db,
                                                 GError        **error);
void        solace_stretches_summarize          (GArray               *stretches,
                                                 const GDate          *today,
                                                 SolaceStretchSummary *summary);
gboolean    solace_progress_load_summary        (SolaceDatabase       *db,
                                                 const GDate          *today,
                                                 SolaceStretchSummary *summary,
                                                 GError              **error);
/* Sets the day the current stretch started, or starts the first one.
 * A day after @today, or before the end of the stretch before, is
 * refused with %SOLACE_ERROR_INVALID and changes nothing. */
gboolean    solace_progress_set_start           (SolaceDatabase *db,
                                                 const GDate    *start,
                                                 const GDate    *today,
                                                 GError        **error);

/* ---- Urges ---------------------------------------------------------- */

/* Logs an urge at @at.  "I reached out" (@reached_out) ends the current
 * stretch on @today and starts a new one that day, in the same
 * transaction; a stretch that only started today simply goes on.
 * Intensity outside 1–10 or a cause over SOLACE_MAX_CAUSE_CHARS is
 * refused and changes nothing. */
gboolean    solace_progress_log_urge            (SolaceDatabase *db,
                                                 gint64          at,
                                                 const GDate    *today,
                                                 int             intensity,
                                                 const char     *cause,
                                                 gboolean        reached_out,
                                                 GError        **error);
/* The causes logged most recently, newest first, each once. */
GStrv       solace_progress_recent_causes       (SolaceDatabase *db,
                                                 guint           limit,
                                                 GError        **error);
/* Urges logged on the days from @first to @last, both included. */
int         solace_progress_count_urges         (SolaceDatabase *db,
                                                 const GDate    *first,
                                                 const GDate    *last,
                                                 GError        **error);

/* ---- Stage and milestones ------------------------------------------- */

typedef enum
{
  SOLACE_STAGE_EARLY,
  SOLACE_STAGE_WORKING_THROUGH,
  SOLACE_STAGE_REDISCOVERY,
} SolaceStage;

/* Where the person probably is, from the day of the current stretch and
 * the urges of the last 14 days. */
SolaceStage solace_stage_for                    (int             day,
                                                 int             urges_last_14_days);
const char *solace_stage_get_title              (SolaceStage     stage);
const char *solace_stage_get_description        (SolaceStage     stage);

#define SOLACE_N_MILESTONES 9
extern const int solace_milestones[SOLACE_N_MILESTONES];

/* The milestone to celebrate on "Day @day" when those in @seen_mask
 * (bit i for solace_milestones[i]) were celebrated already: the highest
 * reached and not yet seen, so coming back after a while brings one
 * celebration, not a row of them.  -1 for none. */
int         solace_milestone_to_celebrate       (int             day,
                                                 guint           seen_mask);
const char *solace_milestone_get_message        (int             days);
/* Lets milestones give their reminders their words; see
 * solace_reminders_register_subject (). */
void        solace_progress_register_reminders  (void);
gboolean    solace_progress_get_milestones_seen (SolaceDatabase *db,
                                                 const char     *stretch_uuid,
                                                 guint          *seen_mask,
                                                 GError        **error);
/* Marks every milestone up to @day as celebrated. */
gboolean    solace_progress_mark_milestones_seen (SolaceDatabase *db,
                                                  const char     *stretch_uuid,
                                                  int             day,
                                                  GError        **error);
/* Writes one reminder ("milestone:N", at 10:00) for each milestone of
 * the stretch starting @start that is still to come after @now, and
 * removes the others. */
gboolean    solace_progress_plan_milestones     (SolaceDatabase *db,
                                                 const GDate    *start,
                                                 gint64          now,
                                                 GError        **error);

/* ---- Reasons -------------------------------------------------------- */

/* The person's reasons for going no contact, in their order. */
GStrv       solace_progress_load_reasons        (SolaceDatabase *db,
                                                 GError        **error);
/* Replaces the reasons with @reasons (blank ones left out). */
gboolean    solace_progress_save_reasons        (SolaceDatabase     *db,
                                                 const char * const *reasons,
                                                 GError            **error);

/* ---- Preferences ---------------------------------------------------- */

/* Small numbers kept in the preference table ("welcome-done",
 * "help-dismissed" as a Julian day…); @fallback when unset. */
gint64      solace_progress_get_value           (SolaceDatabase *db,
                                                 const char     *name,
                                                 gint64          fallback);
gboolean    solace_progress_set_value           (SolaceDatabase *db,
                                                 const char     *name,
                                                 gint64          value,
                                                 GError        **error);

G_END_DECLS
