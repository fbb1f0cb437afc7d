/* solace-incidents.h — the append-only, hash-chained record of unwanted contact
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "solace-database.h"
#include "solace-limits.h"

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

/* A file kept with a record: a screenshot, a photo, a recording.  Its
 * bytes are copied into the database (encrypted with it when the lock is
 * on) when the record is appended; its SHA-256 is part of the record's
 * hash.  Attachments are never changed or removed: a correction may add
 * more. */
typedef struct
{
  char    *name;        /* the file's name when it was chosen, valid UTF-8,
                         * at most SOLACE_MAX_ATTACHMENT_NAME_BYTES */
  char    *media_type;  /* "image/png", "application/octet-stream"… */
  gint64   size;        /* bytes */
  char    *sha256;      /* lower-case hex, of the bytes */
  GBytes  *data;        /* the bytes: set to append; NULL from _list() */
} SolaceAttachment;

/* The canonical forms a record's hash is taken over.  Records keep the
 * form they were appended with, so older hashes stay valid. */
#define SOLACE_INCIDENT_FORM_1 1   /* before senders, witnesses and files */
#define SOLACE_INCIDENT_FORM_2 2   /* adds sender, witnesses, reference, attachments */

/* One record.  What the person fills in: happened_at, channel, what,
 * response, boundary_uuid, necessary, sender, witnesses, reference,
 * attachments and, for a correction, corrects_uuid.  The rest is set
 * when it is appended. */
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
  char          *sender;         /* as it appeared: a number, a handle, an address */
  char          *witnesses;
  char          *reference;      /* a medical or police reference */
  GPtrArray     *attachments;    /* of SolaceAttachment, or NULL for none */
  int            form;           /* SOLACE_INCIDENT_FORM_*, set on append */
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
  /* When the record's own hash is right but one of its files no longer
   * matches the SHA-256 it carries: the file's number (from 1) and name;
   * 0 and "" otherwise. */
  guint     broken_attachment;
  char      broken_attachment_name[SOLACE_MAX_ATTACHMENT_NAME_BYTES + 1];
} SolaceChainCheck;

/* The end of the chain, which a person can write down or send to someone
 * they trust: removing the newest records changes both. */
typedef struct
{
  guint     count;
  char      last_hash[65];      /* "" when there are no records */
} SolaceChainHead;

SolaceIncident *solace_incident_new              (void);
void            solace_incident_free             (SolaceIncident    *incident);

SolaceAttachment *solace_attachment_new          (void);
void            solace_attachment_free           (SolaceAttachment  *attachment);
/* Reads @file for a record: at most SOLACE_MAX_ATTACHMENT_BYTES, its
 * name made safe to show (see the .c), its type guessed from its
 * content and name, its SHA-256 taken of the bytes read.  Blocking: for
 * a worker thread.  A file that vanishes, cannot be read or is too large
 * is a clear error naming it. */
SolaceAttachment *solace_attachment_read         (GFile             *file,
                                                  GCancellable      *cancellable,
                                                  GError           **error);
/* @raw as a name safe to show and store: see the .c for the rules. */
char           *solace_attachment_make_safe_name (const char        *raw);
/* A copy of everything but the bytes. */
SolaceAttachment *solace_attachment_copy_metadata (const SolaceAttachment *attachment);
/* Adds @attachment (taken) to @incident's attachments, making the array
 * (freed with solace_attachment_free) if it has none yet. */
void            solace_incident_add_attachment   (SolaceIncident    *incident,
                                                  SolaceAttachment  *attachment);

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
/* Walks the whole chain again from the first record, and every
 * attachment's bytes against its SHA-256. */
gboolean        solace_incidents_verify          (SolaceDatabase    *db,
                                                  SolaceChainCheck  *check,
                                                  GError           **error);
gboolean        solace_incidents_get_head        (SolaceDatabase    *db,
                                                  SolaceChainHead   *head,
                                                  GError           **error);
/* Stores @attachments (their data set) with the record @uuid, in their
 * order, inside the transaction the caller holds: for append and for
 * the import, which checks them first.  @what names the step in an
 * error. */
gboolean        solace_incidents_insert_attachments (SolaceDatabase *db,
                                                  const char        *uuid,
                                                  GPtrArray         *attachments,
                                                  const char        *what,
                                                  GError           **error);
/* The bytes of the attachment with @sha256 kept with @incident_uuid. */
GBytes         *solace_incidents_read_attachment (SolaceDatabase    *db,
                                                  const char        *incident_uuid,
                                                  const char        *sha256,
                                                  GError           **error);

/* RFC 4180 CSV of @incidents (UTF-8, CRLF, every field quoted).  Fields
 * that a spreadsheet would run as a formula are prefixed with '.
 * @boundary_titles (uuid → title, or NULL) names the boundaries. */
char           *solace_incidents_to_csv          (GPtrArray         *incidents,
                                                  GHashTable        *boundary_titles,
                                                  GTimeZone         *tz);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SolaceIncident, solace_incident_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SolaceAttachment, solace_attachment_free)

G_END_DECLS
