/* solace-incidents.c — the append-only, hash-chained record of unwanted contact
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each record's hash covers its own canonical content and the hash of
 * the record before it, so changing, removing or inserting a past
 * record anywhere breaks every hash after it.  The table also refuses
 * UPDATE and DELETE with triggers; the chain is what catches someone
 * who drops those first.
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
  g_free (incident->prev_hash);
  g_free (incident->hash);
  g_free (incident);
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

static void
add_field (GChecksum  *checksum,
           const char *name,
           const char *value)
{
  g_autofree char *head = NULL;

  value = value != NULL ? value : "";
  /* Length-prefixed, so no choice of text can make two different
   * records read the same. */
  head = g_strdup_printf ("%s=%zu:", name, strlen (value));
  g_checksum_update (checksum, (const guchar *) head, -1);
  g_checksum_update (checksum, (const guchar *) value, strlen (value));
  g_checksum_update (checksum, (const guchar *) "\n", 1);
}

char *
solace_incident_compute_hash (const SolaceIncident *incident,
                              const char           *prev_hash)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autofree char *happened = NULL;
  g_autofree char *recorded = NULL;

  g_return_val_if_fail (incident != NULL, NULL);

  happened = g_strdup_printf ("%" G_GINT64_FORMAT, incident->happened_at);
  recorded = g_strdup_printf ("%" G_GINT64_FORMAT, incident->recorded_at);

  g_checksum_update (checksum, (const guchar *) "solace-incident-1\n", -1);
  add_field (checksum, "uuid", incident->uuid);
  add_field (checksum, "happened", happened);
  add_field (checksum, "recorded", recorded);
  add_field (checksum, "channel", incident->channel < SOLACE_N_CHANNELS ? channels[incident->channel].key : "?");
  add_field (checksum, "what", incident->what);
  add_field (checksum, "response", incident->response);
  add_field (checksum, "boundary", incident->boundary_uuid);
  add_field (checksum, "necessary", incident->necessary ? "1" : "0");
  add_field (checksum, "corrects", incident->corrects_uuid);
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
         check_text (incident->boundary_uuid, error);
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
    hash = solace_incident_compute_hash (&stored, prev);
  }

  stmt = solace_database_prepare (db,
                                  "INSERT INTO incident (uuid, happened_at, recorded_at, channel, what, response,"
                                  "  boundary_uuid, necessary, corrects_uuid, prev_hash, hash)"
                                  " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
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

  rc = sqlite3_step (stmt);
  if (rc != SQLITE_DONE)
    {
      solace_database_set_error (db, error, rc, _("Saving the incident record"));
      goto fail;
    }

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

  return incident;
}

#define INCIDENT_COLUMNS \
  "id, uuid, happened_at, recorded_at, channel, what, response, boundary_uuid," \
  " necessary, corrects_uuid, prev_hash, hash"

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
                                  " WHERE (?1 = 0 OR happened_at >= ?1) AND (?2 = 0 OR happened_at <= ?2)"
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

  return g_steal_pointer (&incidents);
}

gboolean
solace_incidents_verify (SolaceDatabase    *db,
                         SolaceChainCheck  *check,
                         GError           **error)
{
  g_autoptr(GPtrArray) incidents = NULL;
  const char *expected_prev = "";

  g_return_val_if_fail (SOLACE_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (check != NULL, FALSE);

  memset (check, 0, sizeof *check);

  incidents = solace_incidents_list (db, 0, 0, error);
  if (incidents == NULL)
    return FALSE;

  check->intact = TRUE;
  for (guint i = 0; i < incidents->len; i++)
    {
      SolaceIncident *incident = g_ptr_array_index (incidents, i);

      check->n_checked = i + 1;

      if (!solace_incident_check_link (incident, expected_prev))
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
    N_("Record ID"), N_("Hash"),
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
      const char *fields[11];

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
      fields[9] = incident->uuid;
      fields[10] = incident->hash;

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
