/* solace-incidents.h — the append-only, hash-chained record of unwanted contact
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "solace-database.h"

G_BEGIN_DECLS

typedef enum
{
  SOLACE_CHANNEL_TEXT,
  SOLACE_CHANNEL_CALL,
  SOLACE_CHANNEL_SOCIAL,
  SOLACE_CHANNEL_EMAIL,
  SOLACE_CHANNEL_IN_PERSON,
  SOLACE_CHANNEL_THROUGH_OTHERS,
  SOLACE_CHANNEL_OTHER,
  SOLACE_N_CHANNELS
} SolaceChannel;

/* One record.  What the person fills in: happened_at, channel, what,
 * response, boundary_uuid, necessary and, for a correction,
 * corrects_uuid.  The rest is set when it is appended. */
typedef struct
{
  gint64         id;
  char          *uuid;
  gint64         happened_at;    /* Unix seconds */
  gint64         recorded_at;    /* Unix seconds, set on append, never changed */
  SolaceChannel  channel;
  char          *what;
  char          *response;
  char          *boundary_uuid;  /* or NULL */
  gboolean       necessary;      /* contact that had to happen: children, legal */
  char          *corrects_uuid;  /* the record this one corrects, or NULL */
  char          *prev_hash;      /* the previous record's hash, "" for the first */
  char          *hash;           /* SHA-256 of this record and prev_hash, hex */
} SolaceIncident;

typedef struct
{
  gboolean  intact;
  guint     n_checked;
  /* When not intact: the first record that does not match, counted
   * from 1 in the order they were recorded, and its id. */
  guint     broken_number;
  gint64    broken_id;
} SolaceChainCheck;

SolaceIncident *solace_incident_new              (void);
void            solace_incident_free             (SolaceIncident    *incident);

const char     *solace_channel_to_key            (SolaceChannel      channel);
gboolean        solace_channel_from_key          (const char        *key,
                                                  SolaceChannel     *channel);
const char     *solace_channel_get_label         (SolaceChannel      channel);

/* The hash a record must carry, over its canonical content and @prev_hash. */
char           *solace_incident_compute_hash     (const SolaceIncident *incident,
                                                  const char        *prev_hash);
/* Whether @incident links to the record before it, whose hash is
 * @expected_prev ("" for the first), and its own hash is right.  The
 * one test solace_incidents_verify() makes of each record, for checking
 * a chain that is not in a database yet (an import). */
gboolean        solace_incident_check_link       (const SolaceIncident *incident,
                                                  const char        *expected_prev);

/* Appends @incident at @now, filling in its id, uuid, recorded_at,
 * prev_hash and hash.  There is no update and no delete: a correction
 * is a new record with corrects_uuid set. */
gboolean        solace_incidents_append          (SolaceDatabase    *db,
                                                  SolaceIncident    *incident,
                                                  gint64             now,
                                                  GError           **error);
/* Records whose happened_at is in [@from, @until] (0 for open ends),
 * in the order they were recorded. */
GPtrArray      *solace_incidents_list            (SolaceDatabase    *db,
                                                  gint64             from,
                                                  gint64             until,
                                                  GError           **error);
/* Walks the whole chain again from the first record. */
gboolean        solace_incidents_verify          (SolaceDatabase    *db,
                                                  SolaceChainCheck  *check,
                                                  GError           **error);

/* RFC 4180 CSV of @incidents (UTF-8, CRLF, every field quoted).  Fields
 * that a spreadsheet would run as a formula are prefixed with '.
 * @boundary_titles (uuid → title, or NULL) names the boundaries. */
char           *solace_incidents_to_csv          (GPtrArray         *incidents,
                                                  GHashTable        *boundary_titles,
                                                  GTimeZone         *tz);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SolaceIncident, solace_incident_free)

G_END_DECLS
