/* solace-progress.h — no-contact stretches, urges, reasons and check-ins,
 * and what they add up to
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

/* ---- Check-ins ------------------------------------------------------ */

typedef enum
{
  SOLACE_SELF_CARE_SLEEP       = 1 << 0,
  SOLACE_SELF_CARE_FOOD        = 1 << 1,
  SOLACE_SELF_CARE_MOVEMENT    = 1 << 2,
  SOLACE_SELF_CARE_MINDFUL     = 1 << 3,
  SOLACE_SELF_CARE_OUTSIDE     = 1 << 4,
  SOLACE_SELF_CARE_SOMEONE     = 1 << 5,
} SolaceSelfCare;
#define SOLACE_N_SELF_CARE 6

/* The signs that it may be time to talk to a professional. */
typedef enum
{
  SOLACE_SIGN_LOST_INTEREST    = 1 << 0,
  SOLACE_SIGN_SLEEP_APPETITE   = 1 << 1,
  SOLACE_SIGN_CONCENTRATION    = 1 << 2,
  SOLACE_SIGN_GUILT            = 1 << 3,
} SolaceSign;
#define SOLACE_N_SIGNS 4

typedef struct
{
  GDate   day;
  int     mood;         /* 1–5 */
  GStrv   emotions;     /* keys from solace_emotions */
  guint   self_care;    /* SolaceSelfCare */
  guint   signs;        /* SolaceSign */
  char   *note;
} SolaceCheckIn;

/* The emotion chips, as keys ("shock", "shame"…), and their labels. */
extern const char * const solace_emotions[];
const char *solace_emotion_get_label            (const char     *key);
const char *solace_self_care_get_label          (guint           index);
const char *solace_sign_get_label               (guint           index);

SolaceCheckIn *solace_check_in_new              (const GDate    *day);
void           solace_check_in_free             (SolaceCheckIn  *check_in);
/* Today's check-in, or %NULL (and no error) when there is none. */
SolaceCheckIn *solace_check_in_load             (SolaceDatabase *db,
                                                 const GDate    *day,
                                                 GError        **error);
/* Saves @check_in; it can only be written on its own day (@today).
 * Another day, a mood outside 1–5, an unknown emotion or a note that is
 * too long is refused and changes nothing. */
gboolean       solace_check_in_save             (SolaceDatabase      *db,
                                                 const SolaceCheckIn *check_in,
                                                 const GDate         *today,
                                                 GError             **error);
/* Check-ins from @first to @last, oldest first (#SolaceCheckIn, owned). */
GPtrArray     *solace_check_in_load_range       (SolaceDatabase *db,
                                                 const GDate    *first,
                                                 const GDate    *last,
                                                 GError        **error);

/* ---- Professional help ---------------------------------------------- */

typedef enum
{
  SOLACE_HELP_LOW_MOOD = 1 << 0,   /* most check-ins of the last 14 days were 1 or 2 */
  SOLACE_HELP_SIGNS    = 1 << 1,   /* a warning sign was marked in that time */
} SolaceHelpReason;

/* Whether to show the professional-help card on @today, from the
 * check-ins of the last 14 days (@today and the 13 before; any others
 * in @check_ins are ignored).  A card dismissed on @dismissed_on
 * (nullable) stays away for 7 days.  Returns #SolaceHelpReason flags,
 * 0 for no card. */
guint       solace_professional_help_due        (GPtrArray      *check_ins,
                                                 const GDate    *today,
                                                 const GDate    *dismissed_on);

/* ---- Insights ------------------------------------------------------- */

typedef struct
{
  GDate   monday;          /* the ISO week */
  int     urges;
  double  mean_intensity;  /* NAN without urges */
  int     self_care_days;  /* days with any self-care */
} SolaceWeek;

/* The @n_weeks ISO weeks up to the one holding @today, oldest first;
 * a week without data is there with zeros. */
GArray     *solace_progress_weeks               (SolaceDatabase *db,
                                                 const GDate    *today,
                                                 guint           n_weeks,
                                                 GError        **error);
/* The mood of each of the @n_days up to @today, oldest first: a #GArray
 * of double, NAN for a day without a check-in. */
GArray     *solace_progress_moods               (SolaceDatabase *db,
                                                 const GDate    *today,
                                                 guint           n_days,
                                                 GError        **error);
/* The causes of the urges of the @n_days up to @today, most common
 * first (compared without case), at most @limit: "cause\tcount". */
GStrv       solace_progress_top_causes          (SolaceDatabase *db,
                                                 const GDate    *today,
                                                 guint           n_days,
                                                 guint           limit,
                                                 GError        **error);

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

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SolaceCheckIn, solace_check_in_free)

G_END_DECLS
