/* solace-incidents.c — the append-only, hash-chained record of unwanted contact
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each record's hash covers its own canonical content and the hash of
 * the record before it, so changing, removing or inserting a past
 * record anywhere breaks every hash after it.  The table also refuses
 * UPDATE and DELETE with triggers; the chain is what catches someone
 * who drops those first.
 *
 * Files kept with a record (incident_attachment) are stored with it, in
 * the same transaction; the record's hash covers each file's name,
 * type, size and SHA-256, and verifying takes each file's SHA-256 again
 * from its stored bytes.  Reading a file from disk for a record is in
 * solace-attachments.c.
 *
 * Why some 1,200 lines in one file: appending, listing, verifying and
 * the CSV all follow the canonical form written out below, and keeping
 * them beside it is what keeps a change to one from missing the others.
 */
#define G_LOG_DOMAIN "solace-incidents"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "solace-error.h"
#include "solace-incidents.h"
#include "solace-limits.h"

static const struct {
  const char *key;
  const char *label;
} channels[SOLACE_N_CHANNELS] = {
  [SOLACE_CHANNEL_TEXT] = { "text", N_("Text message") },
  [SOLACE_CHANNEL_CALL] = { "call", N_("Call") },
  [SOLACE_CHANNEL_SOCIAL] = { "social", N_("Social media") },
  [SOLACE_CHANNEL_EMAIL] = { "email", N_("Email") },
  [SOLACE_CHANNEL_IN_PERSON] = { "in-person", N_("In person") },
  [SOLACE_CHANNEL_THROUGH_OTHERS] = { "through-others", N_("Through others") },
  [SOLACE_CHANNEL_OTHER] = { "other", N_("Other") },
};

SolaceIncident *
solace_incident_new (void)
{
  return g_new0 (SolaceIncident, 1);
}

void
solace_incident_free (SolaceIncident *incident)
{
  if (incident == NULL)
    return;

  g_free (incident->uuid);
  g_free (incident->what);
  g_free (incident->response);
  g_free (incident->boundary_uuid);
  g_free (incident->corrects_uuid);
  g_free (incident->sender);
  g_free (incident->witnesses);
  g_free (incident->reference);
  g_clear_pointer (&incident->attachments, g_ptr_array_unref);
  g_free (incident->prev_hash);
  g_free (incident->hash);
  g_free (incident);
}

void
solace_incident_add_attachment (SolaceIncident   *incident,
                                SolaceAttachment *attachment)
{
  g_return_if_fail (incident != NULL);
  g_return_if_fail (attachment != NULL);

  if (incident->attachments == NULL)
    incident->attachments = g_ptr_array_new_with_free_func ((GDestroyNotify) solace_attachment_free);
  g_ptr_array_add (incident->attachments, attachment);
}

const char *
solace_channel_to_key (SolaceChannel channel)
{
  g_return_val_if_fail (channel < SOLACE_N_CHANNELS, NULL);

  return channels[channel].key;
}

gboolean
solace_channel_from_key (const char    *key,
                         SolaceChannel *channel)
{
  for (guint i = 0; i < SOLACE_N_CHANNELS; i++)
    if (g_strcmp0 (channels[i].key, key) == 0)
      {
        *channel = i;
        return TRUE;
      }

  return FALSE;
}

const char *
solace_channel_get_label (SolaceChannel channel)
{
  g_return_val_if_fail (channel < SOLACE_N_CHANNELS, NULL);

  return _(channels[channel].label);
}

/* The canonical form a record's hash is taken over.
 *
 * The hash is the SHA-256, written as 64 lower-case hex digits, of a
 * sequence of bytes made of a header line and then fields.  Every
 * field is written as
 *
 *   NAME "=" LENGTH ":" VALUE "\n"
 *
 * where NAME is the ASCII field name below, LENGTH is the number of
 * bytes (not characters) of VALUE in decimal ASCII with no sign and no
 * leading zeros ("0" for an empty value), and VALUE is the field's
 * UTF-8 bytes exactly as stored, without any normalisation, escaping
 * or trimming.  A missing value (NULL, SQL NULL) is written exactly as
 * the empty string: "boundary=0:\n".  Numbers are decimal ASCII, with
 * a leading "-" only when negative and no leading zeros or "+".
 *
 * Form 1 (records appended before senders, witnesses and files; their
 * form is 1, or missing in an older export):
 *
 *   "solace-incident-1\n"
 *   uuid       the record's UUID, as stored (lower-case, with hyphens)
 *   happened   when it happened, Unix seconds
 *   recorded   when it was recorded, Unix seconds
 *   channel    the channel's key: text, call, social, email, in-person,
 *              through-others or other ("?" for one this build does
 *              not know)
 *   what       what happened
 *   response   how the person responded
 *   boundary   the boundary's UUID, or empty
 *   necessary  "1" for necessary contact, "0" otherwise
 *   corrects   the UUID of the record this one corrects, or empty
 *   previous   the previous record's hash, "" for the first record
 *
 * Form 2 (every record appended since):
 *
 *   "solace-incident-2\n"
 *   uuid, happened, recorded, channel, what, response, boundary,
 *   necessary, corrects   as in form 1, in that order
 *   sender     the sender as it appeared, or empty
 *   witnesses  the witnesses, or empty
 *   reference  a medical or police reference, or empty
 *   attachments  how many files the record keeps, in decimal ("0")
 *   then, for each file in the order it was added (position 0, 1, …),
 *   these four fields:
 *     attachment-name    its name, as stored
 *     attachment-type    its media type, such as "image/png"
 *     attachment-size    its size in bytes, in decimal
 *     attachment-sha256  the SHA-256 of its bytes, 64 lower-case hex
 *   previous   the previous record's hash, "" for the first record
 *
 * So "previous" is always the last field.  In Python:
 *
 *   def field(name, value):
 *       value = (value or "").encode("utf-8")
 *       return b"%s=%d:%s\n" % (name.encode(), len(value), value)
 *
 * and for form 2, for example, the hash is sha256 of
 * b"solace-incident-2\n" + field("uuid", …) + … + field("previous", …). */
static void
add_field (GChecksum  *checksum,
           const char *name,
           const char *value)
{
  char head[64];
  gsize length;
  int n;

  value = value != NULL ? value : "";
  length = strlen (value);
  /* Length-prefixed, so no choice of text can make two different
   * records read the same.  The names are ours and short. */
  n = g_snprintf (head, sizeof head, "%s=%" G_GSIZE_FORMAT ":", name, length);
  g_assert (n > 0 && (gsize) n < sizeof head);
  g_checksum_update (checksum, (const guchar *) head, n);
  g_checksum_update (checksum, (const guchar *) value, length);
  g_checksum_update (checksum, (const guchar *) "\n", 1);
}

static void
add_number (GChecksum  *checksum,
            const char *name,
            gint64      value)
{
  char number[32];

  g_snprintf (number, sizeof number, "%" G_GINT64_FORMAT, value);
  add_field (checksum, name, number);
}

char *
solace_incident_compute_hash (const SolaceIncident *incident,
                              const char           *prev_hash)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  gboolean form_2;

  g_return_val_if_fail (incident != NULL, NULL);

  form_2 = incident->form >= SOLACE_INCIDENT_FORM_2;

  g_checksum_update (checksum, (const guchar *) (form_2 ? "solace-incident-2\n" : "solace-incident-1\n"), -1);
  add_field (checksum, "uuid", incident->uuid);
  add_number (checksum, "happened", incident->happened_at);
  add_number (checksum, "recorded", incident->recorded_at);
  add_field (checksum, "channel", incident->channel < SOLACE_N_CHANNELS ? channels[incident->channel].key : "?");
  add_field (checksum, "what", incident->what);
  add_field (checksum, "response", incident->response);
  add_field (checksum, "boundary", incident->boundary_uuid);
  add_field (checksum, "necessary", incident->necessary ? "1" : "0");
  add_field (checksum, "corrects", incident->corrects_uuid);

  if (form_2)
    {
      guint n = incident->attachments != NULL ? incident->attachments->len : 0;

      add_field (checksum, "sender", incident->sender);
      add_field (checksum, "witnesses", incident->witnesses);
      add_field (checksum, "reference", incident->reference);
      add_number (checksum, "attachments", n);
      for (guint i = 0; i < n; i++)
        {
          const SolaceAttachment *attachment = g_ptr_array_index (incident->attachments, i);

          add_field (checksum, "attachment-name", attachment->name);
          add_field (checksum, "attachment-type", attachment->media_type);
          add_number (checksum, "attachment-size", attachment->size);
          add_field (checksum, "attachment-sha256", attachment->sha256);
        }
    }

  add_field (checksum, "previous", prev_hash);

  return g_strdup (g_checksum_get_string (checksum));
}

gboolean
solace_incident_check_link (const SolaceIncident *incident,
                            const char           *expected_prev)
{
  g_autofree char *hash = NULL;

  g_return_val_if_fail (incident != NULL, FALSE);
  g_return_val_if_fail (expected_prev != NULL, FALSE);

  /* Its own content changed, or the link to the one before it was cut
   * (a record removed or slipped in before it). */
  if (g_strcmp0 (incident->prev_hash, expected_prev) != 0)
    return FALSE;

  hash = solace_incident_compute_hash (incident, expected_prev);
  return g_strcmp0 (incident->hash, hash) == 0;
}

static gboolean
invalid (GError     **error,
         const char  *message)
{
  g_set_error_literal (error, SOLACE_ERROR, SOLACE_ERROR_INVALID, message);
  return FALSE;
}

static gboolean
check_text (const char  *text,
            GError     **error)
{
  if (text == NULL)
    return TRUE;

  if (!solace_text_fits (text, SOLACE_MAX_INCIDENT_CHARS))
    {
      g_set_error (error, SOLACE_ERROR, SOLACE_ERROR_INVALID,
                   g_dngettext (GETTEXT_PACKAGE,
                                "One record can hold up to %'d character in each field, and this is longer, "
                                "so nothing was saved. Split it into several records.",
                                "One record can hold up to %'d characters in each field, and this is longer, "
                                "so nothing was saved. Split it into several records.",
                                SOLACE_MAX_INCIDENT_CHARS),
                   SOLACE_MAX_INCIDENT_CHARS);
      return FALSE;
    }

  if (!g_utf8_validate (text, -1, NULL))
    return invalid (error, _("The text is not valid UTF-8."));

  return TRUE;
}

/* The sender, the witnesses and the reference. */
static gboolean
check_short_text (const char  *text,
                  GError     **error)
{
  if (text == NULL)
    return TRUE;

  if (!solace_text_fits (text, SOLACE_MAX_INCIDENT_FIELD_CHARS))
    {
      g_set_error (error, SOLACE_ERROR, SOLACE_ERROR_INVALID,
                   g_dngettext (GETTEXT_PACKAGE,
                                "The sender, the witnesses and the reference can each hold up to %'d character, "
                                "and one is longer, so nothing was saved.",
                                "The sender, the witnesses and the reference can each hold up to %'d characters, "
                                "and one is longer, so nothing was saved.",
                                SOLACE_MAX_INCIDENT_FIELD_CHARS),
                   SOLACE_MAX_INCIDENT_FIELD_CHARS);
      return FALSE;
    }

  if (!g_utf8_validate (text, -1, NULL))
    return invalid (error, _("The text is not valid UTF-8."));

  return TRUE;
}

static char *
sha256_of_bytes (GBytes *bytes)
{
  gsize size = 0;
  gconstpointer data = g_bytes_get_data (bytes, &size);

  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, data != NULL ? data : (gconstpointer) "", size);
}

/* Each file: a name that can be shown, its bytes, and the size and
 * SHA-256 it claims taken again from the bytes.  A missing media type
 * becomes application/octet-stream, and a missing SHA-256 is filled in. */
static gboolean
check_attachments (const SolaceIncident  *incident,
                   GError               **error)
{
  guint n = incident->attachments != NULL ? incident->attachments->len : 0;

  if (n > SOLACE_MAX_ATTACHMENTS)
    {
      g_set_error (error, SOLACE_ERROR, SOLACE_ERROR_INVALID,
                   g_dngettext (GETTEXT_PACKAGE,
                                "One record can keep up to %d file, so nothing was saved. "
                                "Keep the others with a correction to this record.",
                                "One record can keep up to %d files, so nothing was saved. "
                                "Keep the others with a correction to this record.",
                                SOLACE_MAX_ATTACHMENTS),
                   SOLACE_MAX_ATTACHMENTS);
      return FALSE;
    }

  {
    guint64 total = 0;

    for (guint i = 0; i < n; i++)
      {
        SolaceAttachment *attachment = g_ptr_array_index (incident->attachments, i);

        if (attachment != NULL && attachment->data != NULL)
          total += g_bytes_get_size (attachment->data);
      }
    if (total > SOLACE_MAX_RECORD_ATTACHMENT_BYTES)
      {
        g_autofree char *limit = g_format_size (SOLACE_MAX_RECORD_ATTACHMENT_BYTES);

        g_set_error (error, SOLACE_ERROR, SOLACE_ERROR_INVALID,
                     _("The files of one record can be up to %s together, and these are more, "
                       "so nothing was saved. Keep some of them with a correction to this record."),
                     limit);
        return FALSE;
      }
  }

  for (guint i = 0; i < n; i++)
    {
      SolaceAttachment *attachment = g_ptr_array_index (incident->attachments, i);
      g_autofree char *sha256 = NULL;
      const char *name;

      if (attachment == NULL || attachment->name == NULL)
        return invalid (error, _("A file has no name, so nothing was saved. Choose the file again."));

      /* Only a name as solace_attachment_read() makes it: one that is
       * safe to show, everywhere it is shown. */
      {
        g_autofree char *safe = solace_attachment_make_safe_name (attachment->name);

        if (!g_str_equal (safe, attachment->name))
          return invalid (error, _("A file's name is empty, too long or holds characters that cannot be shown "
                                   "safely, so nothing was saved. Choose the file again."));
      }
      name = attachment->name;

      if (attachment->media_type != NULL &&
          (strlen (attachment->media_type) > SOLACE_MAX_ATTACHMENT_NAME_BYTES ||
           !g_utf8_validate (attachment->media_type, -1, NULL)))
        return invalid (error, _("A file's type is not valid text, so nothing was saved. Choose the file again."));

      if (attachment->data == NULL)
        {
          g_set_error (error, SOLACE_ERROR, SOLACE_ERROR_INVALID,
                       _("“%s” has no content to keep, so nothing was saved. Choose the file again."),
                       name);
          return FALSE;
        }

      if (g_bytes_get_size (attachment->data) > SOLACE_MAX_ATTACHMENT_BYTES)
        {
          g_autofree char *limit = g_format_size (SOLACE_MAX_ATTACHMENT_BYTES);

          g_set_error (error, SOLACE_ERROR, SOLACE_ERROR_INVALID,
                       _("“%s” is larger than %s, the most one file kept with a record can be, "
                         "so nothing was saved."),
                       name, limit);
          return FALSE;
        }

      sha256 = sha256_of_bytes (attachment->data);
      if (attachment->size != (gint64) g_bytes_get_size (attachment->data) ||
          (attachment->sha256 != NULL && g_strcmp0 (attachment->sha256, sha256) != 0))
        {
          g_set_error (error, SOLACE_ERROR, SOLACE_ERROR_INVALID,
                       _("“%s” is not the same as when it was chosen, so nothing was saved. "
                         "Choose the file again."),
                       name);
          return FALSE;
        }

      /* As it will be hashed and stored. */
      g_free (attachment->sha256);
      attachment->sha256 = g_steal_pointer (&sha256);
      if (attachment->media_type == NULL)
        attachment->media_type = g_strdup ("application/octet-stream");
    }

  return TRUE;
}

static gboolean
validate (const SolaceIncident  *incident,
          gint64                 now,
          GError               **error)
{
  g_autofree char *what = g_strstrip (g_strdup (incident->what != NULL ? incident->what : ""));

  if (*what == '\0')
    return invalid (error, _("Write down what happened before saving the record."));

  if (incident->channel >= SOLACE_N_CHANNELS)
    return invalid (error, _("Choose how the contact came."));

  /* A few minutes of leeway for clocks that disagree. */
  if (incident->happened_at <= 0 || incident->happened_at > now + 10 * 60)
    return invalid (error, _("The time it happened cannot be in the future."));

  return check_text (incident->what, error) &&
         check_text (incident->response, error) &&
         check_text (incident->boundary_uuid, error) &&
         check_short_text (incident->sender, error) &&
         check_short_text (incident->witnesses, error) &&
         check_short_text (incident->reference, error) &&
         check_attachments (incident, error);
}

static char *
last_hash (SolaceDatabase  *db,
           GError         **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = solace_database_prepare (db, "SELECT hash FROM incident ORDER BY id DESC LIMIT 1", error);
  if (stmt == NULL)
    return NULL;

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  if (rc == SQLITE_DONE)
    return g_strdup ("");

  solace_database_set_error (db, error, rc, _("Reading the incident record"));
  return NULL;
}

static gboolean
exists (SolaceDatabase  *db,
        const char      *uuid,
        GError         **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = solace_database_prepare (db, "SELECT 1 FROM incident WHERE uuid = ?1", error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return TRUE;
  if (rc == SQLITE_DONE)
    g_set_error_literal (error, SOLACE_ERROR, SOLACE_ERROR_NOT_FOUND,
                         _("The record this corrects is not in the file."));
  else
    solace_database_set_error (db, error, rc, _("Reading the incident record"));

  return FALSE;
}

gboolean
solace_incidents_insert_attachments (SolaceDatabase  *db,
                                     const char      *uuid,
                                     GPtrArray       *attachments,
                                     const char      *what,
                                     GError         **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (attachments == NULL || attachments->len == 0)
    return TRUE;

  stmt = solace_database_prepare (db,
                                  "INSERT INTO incident_attachment (incident_uuid, position, name, media_type,"
                                  "  size, sha256, data)"
                                  " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                                  error);
  if (stmt == NULL)
    return FALSE;

  for (guint i = 0; i < attachments->len; i++)
    {
      SolaceAttachment *attachment = g_ptr_array_index (attachments, i);
      gsize size = 0;
      gconstpointer data = g_bytes_get_data (attachment->data, &size);

      sqlite3_reset (stmt);
      sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int (stmt, 2, i);
      sqlite3_bind_text (stmt, 3, attachment->name, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 4, attachment->media_type, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (stmt, 5, attachment->size);
      sqlite3_bind_text (stmt, 6, attachment->sha256, -1, SQLITE_TRANSIENT);
      /* The bytes stay alive until the step: no copy of 64 MB.  An
       * empty file is an empty blob, never NULL. */
      if (size == 0 || data == NULL)
        sqlite3_bind_zeroblob (stmt, 7, 0);
      else
        sqlite3_bind_blob64 (stmt, 7, data, size, SQLITE_STATIC);

      if (!solace_database_step (db, stmt, what, error))
        return FALSE;
    }

  return TRUE;
}

gboolean
solace_incidents_append (SolaceDatabase  *db,
                         SolaceIncident  *incident,
                         gint64           now,
                         GError         **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *uuid = NULL;
  g_autofree char *prev = NULL;
  g_autofree char *hash = NULL;
  gint64 recorded_at;
  gboolean ok = FALSE;
  int rc;

  g_return_val_if_fail (SOLACE_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (incident != NULL, FALSE);

  if (!validate (incident, now, error))
    return FALSE;

  solace_database_lock (db);

  if (!solace_database_begin (db, error))
    goto out;

  if (incident->corrects_uuid != NULL && !exists (db, incident->corrects_uuid, error))
    goto fail;

  prev = last_hash (db, error);
  if (prev == NULL)
    goto fail;

  uuid = g_uuid_string_random ();
  recorded_at = now;
  {
    /* Hashed as it will be stored. */
    SolaceIncident stored = *incident;

    stored.uuid = uuid;
    stored.recorded_at = recorded_at;
    stored.form = SOLACE_INCIDENT_FORM_2;
    hash = solace_incident_compute_hash (&stored, prev);
  }

  stmt = solace_database_prepare (db,
                                  "INSERT INTO incident (uuid, happened_at, recorded_at, channel, what, response,"
                                  "  boundary_uuid, necessary, corrects_uuid, prev_hash, hash,"
                                  "  sender, witnesses, reference, form)"
                                  " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
                                  error);
  if (stmt == NULL)
    goto fail;

  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, incident->happened_at);
  sqlite3_bind_int64 (stmt, 3, recorded_at);
  sqlite3_bind_text (stmt, 4, channels[incident->channel].key, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, incident->what, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 6, incident->response != NULL ? incident->response : "", -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 7, incident->boundary_uuid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 8, !!incident->necessary);
  sqlite3_bind_text (stmt, 9, incident->corrects_uuid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 10, prev, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 11, hash, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 12, incident->sender, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 13, incident->witnesses, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 14, incident->reference, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 15, SOLACE_INCIDENT_FORM_2);

  rc = sqlite3_step (stmt);
  if (rc != SQLITE_DONE)
    {
      solace_database_set_error (db, error, rc, _("Saving the incident record"));
      goto fail;
    }

  /* The files' bytes in the same transaction: all of it or nothing. */
  if (!solace_incidents_insert_attachments (db, uuid, incident->attachments,
                                            _("Saving a file kept with the incident record"), error))
    goto fail;

  if (!solace_database_commit (db, error))
    goto fail;

  incident->id = sqlite3_last_insert_rowid (solace_database_get_handle (db));
  g_free (incident->uuid);
  incident->uuid = g_steal_pointer (&uuid);
  incident->recorded_at = recorded_at;
  g_free (incident->prev_hash);
  incident->prev_hash = g_steal_pointer (&prev);
  g_free (incident->hash);
  incident->hash = g_steal_pointer (&hash);
  incident->form = SOLACE_INCIDENT_FORM_2;
  ok = TRUE;
  goto out;

fail:
  solace_database_rollback (db);
out:
  solace_database_unlock (db);

  return ok;
}

static char *
dup_column (sqlite3_stmt *stmt,
            int           column)
{
  const char *text = (const char *) sqlite3_column_text (stmt, column);

  return text != NULL ? g_strdup (text) : NULL;
}

static SolaceIncident *
incident_from_row (sqlite3_stmt *stmt)
{
  SolaceIncident *incident = solace_incident_new ();

  incident->id = sqlite3_column_int64 (stmt, 0);
  incident->uuid = dup_column (stmt, 1);
  incident->happened_at = sqlite3_column_int64 (stmt, 2);
  incident->recorded_at = sqlite3_column_int64 (stmt, 3);
  /* An unknown channel (a damaged file) still hashes as what is stored. */
  if (!solace_channel_from_key ((const char *) sqlite3_column_text (stmt, 4), &incident->channel))
    incident->channel = SOLACE_N_CHANNELS;
  incident->what = dup_column (stmt, 5);
  incident->response = dup_column (stmt, 6);
  incident->boundary_uuid = dup_column (stmt, 7);
  incident->necessary = sqlite3_column_int (stmt, 8) != 0;
  incident->corrects_uuid = dup_column (stmt, 9);
  incident->prev_hash = dup_column (stmt, 10);
  incident->hash = dup_column (stmt, 11);
  incident->sender = dup_column (stmt, 12);
  incident->witnesses = dup_column (stmt, 13);
  incident->reference = dup_column (stmt, 14);
  incident->form = sqlite3_column_int (stmt, 15);

  return incident;
}

#define INCIDENT_COLUMNS \
  "id, uuid, happened_at, recorded_at, channel, what, response, boundary_uuid," \
  " necessary, corrects_uuid, prev_hash, hash, sender, witnesses, reference, form"

#define RANGE_CLAUSE \
  "(?1 = 0 OR happened_at >= ?1) AND (?2 = 0 OR happened_at <= ?2)"

/* Fills in the attachments (what is known of them, not their bytes) of
 * @incidents, whose happened_at is in [@from, @until]: one query for
 * all of them, so listing 100,000 records stays quick. */
static gboolean
add_attachments (SolaceDatabase  *db,
                 GPtrArray       *incidents,
                 gint64           from,
                 gint64           until,
                 GError         **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GHashTable) by_uuid = NULL;
  int rc;

  if (incidents->len == 0)
    return TRUE;

  stmt = solace_database_prepare (db,
                                  "SELECT a.incident_uuid, a.name, a.media_type, a.size, a.sha256"
                                  " FROM incident_attachment a JOIN incident i ON i.uuid = a.incident_uuid"
                                  " WHERE " RANGE_CLAUSE
                                  " ORDER BY i.id, a.position",
                                  error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, from);
  sqlite3_bind_int64 (stmt, 2, until);

  by_uuid = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < incidents->len; i++)
    {
      SolaceIncident *incident = g_ptr_array_index (incidents, i);

      if (incident->uuid != NULL)
        g_hash_table_insert (by_uuid, incident->uuid, incident);
    }

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      SolaceIncident *incident = g_hash_table_lookup (by_uuid, sqlite3_column_text (stmt, 0));
      SolaceAttachment *attachment;

      /* Appended after the records were read. */
      if (incident == NULL)
        continue;

      attachment = solace_attachment_new ();
      attachment->name = dup_column (stmt, 1);
      attachment->media_type = dup_column (stmt, 2);
      attachment->size = sqlite3_column_int64 (stmt, 3);
      attachment->sha256 = dup_column (stmt, 4);
      solace_incident_add_attachment (incident, attachment);
    }

  if (rc != SQLITE_DONE)
    {
      solace_database_set_error (db, error, rc, _("Reading the incident record"));
      return FALSE;
    }

  return TRUE;
}

GPtrArray *
solace_incidents_list (SolaceDatabase  *db,
                       gint64           from,
                       gint64           until,
                       GError         **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) incidents = NULL;
  int rc;

  g_return_val_if_fail (SOLACE_IS_DATABASE (db), NULL);

  stmt = solace_database_prepare (db,
                                  "SELECT " INCIDENT_COLUMNS " FROM incident"
                                  " WHERE " RANGE_CLAUSE
                                  " ORDER BY id",
                                  error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, from);
  sqlite3_bind_int64 (stmt, 2, until);

  incidents = g_ptr_array_new_with_free_func ((GDestroyNotify) solace_incident_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (incidents, incident_from_row (stmt));

  if (rc != SQLITE_DONE)
    {
      solace_database_set_error (db, error, rc, _("Reading the incident record"));
      return NULL;
    }

  g_clear_pointer (&stmt, sqlite3_finalize);
  if (!add_attachments (db, incidents, from, until, error))
    return NULL;

  return g_steal_pointer (&incidents);
}

static void
set_broken_attachment (SolaceChainCheck *check,
                       guint             position,
                       const char       *name)
{
  check->broken_attachment = position + 1;
  g_strlcpy (check->broken_attachment_name, name != NULL ? name : "",
             sizeof check->broken_attachment_name);
}

/* Takes the SHA-256 of one stored file a megabyte at a time, so a
 * 64 MB file is never held whole. */
static char *
hash_stored_blob (SolaceDatabase  *db,
                  gint64           rowid,
                  gint64          *length,
                  GError         **error)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autofree guint8 *buffer = NULL;
  sqlite3_blob *blob = NULL;
  int total;
  int rc;

  rc = sqlite3_blob_open (solace_database_get_handle (db), "main", "incident_attachment", "data",
                          rowid, 0, &blob);
  if (rc != SQLITE_OK)
    {
      sqlite3_blob_close (blob);
      solace_database_set_error (db, error, rc, _("Reading a file kept with the incident record"));
      return NULL;
    }

  total = sqlite3_blob_bytes (blob);
  buffer = g_malloc (1024 * 1024);
  for (int offset = 0; offset < total; )
    {
      int n = MIN (total - offset, 1024 * 1024);

      rc = sqlite3_blob_read (blob, buffer, n, offset);
      if (rc != SQLITE_OK)
        {
          sqlite3_blob_close (blob);
          solace_database_set_error (db, error, rc, _("Reading a file kept with the incident record"));
          return NULL;
        }
      g_checksum_update (checksum, buffer, n);
      offset += n;
    }

  sqlite3_blob_close (blob);
  *length = total;

  return g_strdup (g_checksum_get_string (checksum));
}

/* Whether every file kept with @incident is still the one its record
 * names: each position there, in order, the bytes as long as the size
 * and with the SHA-256 the record carries.  A record of form 1 keeps
 * no files, so any file beside it was slipped in.  On a mismatch,
 * @check says which file. */
static gboolean
check_stored_attachments (SolaceDatabase    *db,
                          const SolaceIncident *incident,
                          SolaceChainCheck  *check,
                          GError           **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  guint expected = 0;
  int rc;

  stmt = solace_database_prepare (db,
                                  "SELECT position, rowid, name, size, sha256, typeof (data)"
                                  " FROM incident_attachment WHERE incident_uuid = ?1 ORDER BY position",
                                  error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, incident->uuid, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 position = sqlite3_column_int64 (stmt, 0);
      const char *name = (const char *) sqlite3_column_text (stmt, 2);
      g_autofree char *sha256 = NULL;
      gint64 length = -1;

      if (incident->form < SOLACE_INCIDENT_FORM_2 || position != expected)
        {
          /* A file before it is missing, or a file that no record names. */
          set_broken_attachment (check, MIN ((gint64) expected, position), position == expected ? name : "");
          return TRUE;
        }

      if (g_strcmp0 ((const char *) sqlite3_column_text (stmt, 5), "blob") != 0)
        {
          set_broken_attachment (check, position, name);
          return TRUE;
        }

      sha256 = hash_stored_blob (db, sqlite3_column_int64 (stmt, 1), &length, error);
      if (sha256 == NULL)
        return FALSE;

      if (length != sqlite3_column_int64 (stmt, 3) ||
          g_strcmp0 (sha256, (const char *) sqlite3_column_text (stmt, 4)) != 0)
        {
          set_broken_attachment (check, position, name);
          return TRUE;
        }

      expected++;
    }

  if (rc != SQLITE_DONE)
    {
      solace_database_set_error (db, error, rc, _("Reading the incident record"));
      return FALSE;
    }

  return TRUE;
}

gboolean
solace_incidents_verify (SolaceDatabase    *db,
                         SolaceChainCheck  *check,
                         GError           **error)
{
  g_autoptr(GPtrArray) incidents = NULL;
  g_autoptr(GHashTable) with_files = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  const char *expected_prev = "";
  int rc;

  g_return_val_if_fail (SOLACE_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (check != NULL, FALSE);

  memset (check, 0, sizeof *check);

  incidents = solace_incidents_list (db, 0, 0, error);
  if (incidents == NULL)
    return FALSE;

  /* Which records have any file beside them at all: only those have
   * their files read, so a long record without files stays quick. */
  stmt = solace_database_prepare (db, "SELECT DISTINCT incident_uuid FROM incident_attachment", error);
  if (stmt == NULL)
    return FALSE;
  with_files = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_hash_table_add (with_files, dup_column (stmt, 0));
  if (rc != SQLITE_DONE)
    {
      solace_database_set_error (db, error, rc, _("Reading the incident record"));
      return FALSE;
    }

  check->intact = TRUE;
  for (guint i = 0; i < incidents->len; i++)
    {
      SolaceIncident *incident = g_ptr_array_index (incidents, i);
      gboolean linked;

      check->n_checked = i + 1;

      linked = solace_incident_check_link (incident, expected_prev);
      if (linked && incident->uuid != NULL && g_hash_table_contains (with_files, incident->uuid))
        {
          if (!check_stored_attachments (db, incident, check, error))
            return FALSE;
        }
      else if (!linked && incident->attachments != NULL && incident->uuid != NULL)
        {
          /* Its hash fails: say which file, when a file is what is gone. */
          if (!check_stored_attachments (db, incident, check, error))
            return FALSE;
          if (check->broken_attachment > 0 && *check->broken_attachment_name != '\0')
            {
              /* A file whose bytes changed does not explain a broken
               * record hash: the record itself changed. */
              check->broken_attachment = 0;
              *check->broken_attachment_name = '\0';
            }
        }

      if (!linked || check->broken_attachment > 0)
        {
          check->intact = FALSE;
          check->broken_number = i + 1;
          check->broken_id = incident->id;
          break;
        }

      expected_prev = incident->hash;
    }

  return TRUE;
}

gboolean
solace_incidents_get_head (SolaceDatabase   *db,
                           SolaceChainHead  *head,
                           GError          **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  const char *hash;
  int rc;

  g_return_val_if_fail (SOLACE_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (head != NULL, FALSE);

  memset (head, 0, sizeof *head);

  stmt = solace_database_prepare (db,
                                  "SELECT (SELECT count(*) FROM incident),"
                                  " (SELECT hash FROM incident ORDER BY id DESC LIMIT 1)",
                                  error);
  if (stmt == NULL)
    return FALSE;

  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      solace_database_set_error (db, error, rc, _("Reading the incident record"));
      return FALSE;
    }

  head->count = sqlite3_column_int64 (stmt, 0);
  hash = (const char *) sqlite3_column_text (stmt, 1);
  g_strlcpy (head->last_hash, hash != NULL ? hash : "", sizeof head->last_hash);

  return TRUE;
}

GBytes *
solace_incidents_read_attachment (SolaceDatabase  *db,
                                  const char      *incident_uuid,
                                  const char      *sha256,
                                  GError         **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (SOLACE_IS_DATABASE (db), NULL);
  g_return_val_if_fail (incident_uuid != NULL, NULL);
  g_return_val_if_fail (sha256 != NULL, NULL);

  stmt = solace_database_prepare (db,
                                  "SELECT data FROM incident_attachment"
                                  " WHERE incident_uuid = ?1 AND sha256 = ?2 ORDER BY position LIMIT 1",
                                  error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_text (stmt, 1, incident_uuid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, sha256, -1, SQLITE_TRANSIENT);

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return g_bytes_new (sqlite3_column_blob (stmt, 0), sqlite3_column_bytes (stmt, 0));

  if (rc == SQLITE_DONE)
    g_set_error_literal (error, SOLACE_ERROR, SOLACE_ERROR_NOT_FOUND,
                         _("The file kept with this record is not in the file any more."));
  else
    solace_database_set_error (db, error, rc, _("Reading a file kept with the incident record"));

  return NULL;
}

static void
append_csv_field (GString    *out,
                  const char *value)
{
  value = value != NULL ? value : "";

  g_string_append_c (out, '"');
  /* A spreadsheet would run "=…", "+…", "-…", "@…" as a formula. */
  if (strchr ("=+-@\t\r", value[0]) != NULL && value[0] != '\0')
    g_string_append_c (out, '\'');
  for (const char *p = value; *p; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

static char *
format_time (gint64     t,
             GTimeZone *tz)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (t);
  g_autoptr(GDateTime) local = g_date_time_to_timezone (utc, tz);

  return g_date_time_format (local, "%Y-%m-%dT%H:%M:%S%:z");
}

char *
solace_incidents_to_csv (GPtrArray  *incidents,
                         GHashTable *boundary_titles,
                         GTimeZone  *tz)
{
  g_autoptr(GHashTable) numbers = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  GString *out = g_string_new (NULL);
  const char *header[] = {
    N_("Number"), N_("Happened"), N_("Recorded"), N_("Channel"), N_("What happened"),
    N_("How I responded"), N_("Boundary"), N_("Necessary contact"), N_("Corrects"),
    N_("Sender as it appeared"), N_("Witnesses"), N_("Medical or police reference"),
    N_("Attachments"), N_("Record ID"), N_("Hash"),
  };

  g_return_val_if_fail (incidents != NULL, NULL);
  g_return_val_if_fail (tz != NULL, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (header); i++)
    {
      if (i > 0)
        g_string_append_c (out, ',');
      append_csv_field (out, _(header[i]));
    }
  g_string_append (out, "\r\n");

  for (guint i = 0; i < incidents->len; i++)
    {
      SolaceIncident *incident = g_ptr_array_index (incidents, i);
      g_hash_table_insert (numbers, incident->uuid,
                           g_strdup_printf ("%" G_GINT64_FORMAT, incident->id));
    }

  for (guint i = 0; i < incidents->len; i++)
    {
      SolaceIncident *incident = g_ptr_array_index (incidents, i);
      const char *boundary = NULL;
      const char *corrects = NULL;
      g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, incident->id);
      g_autofree char *happened = format_time (incident->happened_at, tz);
      g_autofree char *recorded = format_time (incident->recorded_at, tz);
      g_autofree char *attachments = NULL;
      const char *fields[G_N_ELEMENTS (header)];

      /* The boundary by its title, a corrected record by its number;
       * what cannot be looked up is given as stored. */
      if (incident->boundary_uuid != NULL && boundary_titles != NULL)
        boundary = g_hash_table_lookup (boundary_titles, incident->boundary_uuid);
      if (incident->corrects_uuid != NULL)
        corrects = g_hash_table_lookup (numbers, incident->corrects_uuid);

      fields[0] = number;
      fields[1] = happened;
      fields[2] = recorded;
      fields[3] = incident->channel < SOLACE_N_CHANNELS ? solace_channel_get_label (incident->channel) : "";
      fields[4] = incident->what;
      fields[5] = incident->response;
      fields[6] = boundary != NULL ? boundary : incident->boundary_uuid;
      fields[7] = incident->necessary ? _("Yes") : _("No");
      fields[8] = corrects != NULL ? corrects : incident->corrects_uuid;
      fields[9] = incident->sender;
      fields[10] = incident->witnesses;
      fields[11] = incident->reference;
      /* One line per file: its name and the SHA-256 it is kept under in
       * an evidence export. */
      if (incident->attachments != NULL && incident->attachments->len > 0)
        {
          GString *list = g_string_new (NULL);

          for (guint k = 0; k < incident->attachments->len; k++)
            {
              SolaceAttachment *attachment = g_ptr_array_index (incident->attachments, k);

              if (k > 0)
                g_string_append (list, "\n");
              g_string_append_printf (list, "%s (SHA-256 %s)", attachment->name, attachment->sha256);
            }
          attachments = g_string_free (list, FALSE);
        }
      fields[12] = attachments;
      fields[13] = incident->uuid;
      fields[14] = incident->hash;

      for (guint j = 0; j < G_N_ELEMENTS (fields); j++)
        {
          if (j > 0)
            g_string_append_c (out, ',');
          append_csv_field (out, fields[j]);
        }
      g_string_append (out, "\r\n");
    }

  return g_string_free (out, FALSE);
}
