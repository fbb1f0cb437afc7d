/* solace-check-in.h — the daily check-in: mood, feelings, self-care and
 * warning signs, and when they suggest talking to a professional
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "solace-database.h"

G_BEGIN_DECLS

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

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SolaceCheckIn, solace_check_in_free)

G_END_DECLS
