/* solace-import-check.c — an import's values read and checked, and
 * each record checked whole
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Messages name the problem and its place in the document
 * ("$.journal[3].mood"), never what the person wrote.
 */
#define G_LOG_DOMAIN "solace-export"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "solace-error.h"
#include "solace-import-private.h"
#include "solace-incidents.h"
#include "solace-limits.h"
#include "solace-progress.h"
#include "solace-schedule.h"

/* ---- Import: reading records -------------------------------------------- */

char *
solace_import_site_to_string (const Site *site)
{
  GString *out = g_string_new ("$");

  if (site->table != NULL)
    g_string_append_printf (out, ".%s", site->table->key);
  if (site->table != NULL && site->row >= 0)
    g_string_append_printf (out, "[%" G_GINT64_FORMAT "]", site->row);
  if (site->field != NULL)
    g_string_append_printf (out, ".%s", site->field->name);
  if (site->field != NULL && site->item >= 0)
    g_string_append_printf (out, "[%" G_GINT64_FORMAT "]", site->item);
  if (site->item_field != NULL)
    g_string_append_printf (out, ".%s", site->item_field->name);

  return g_string_free (out, FALSE);
}

gboolean
solace_import_refuse (GError     **error,
                      const Site  *site,
                      const char  *format,
                      ...)
{
  g_autofree char *where = solace_import_site_to_string (site);
  g_autofree char *what = NULL;
  va_list args;

  va_start (args, format);
  what = g_strdup_vprintf (format, args);
  va_end (args);

  g_set_error (error, SOLACE_ERROR, SOLACE_ERROR_INVALID, "%s: %s", where, what);
  return FALSE;
}

Site
solace_import_site_of (Import      *self,
                       const Field *field)
{
  Site site = { self->table, self->row, field, -1, NULL };

  return site;
}

char *
solace_import_join_values (const char * const *values)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; values[i] != NULL; i++)
    g_string_append_printf (out, "%s“%s”", i > 0 ? ", " : "", values[i]);

  return g_string_free (out, FALSE);
}

/* What a field must be, in words: "a whole number from 1 to 5". */
static char *
describe (const Field *field)
{
  g_autofree char *what = NULL;

  switch (field->type)
    {
    case FIELD_TEXT:
      if (field->flags & CHARS)
        what = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "text of at most %lld character",
                                             "text of at most %lld characters", (gulong) field->max),
                                (long long) field->max);
      else
        {
          g_autofree char *size = g_format_size_full (field->max, G_FORMAT_SIZE_IEC_UNITS);

          what = g_strdup_printf (_("text of at most %s"), size);
        }
      break;

    case FIELD_ID:
      what = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "an id of 1 to %lld letter, digit, “-”, “_”, “.” or “:”",
                                           "an id of 1 to %lld letters, digits, “-”, “_”, “.” or “:”",
                                           (gulong) field->max),
                              (long long) field->max);
      break;

    case FIELD_ENUM:
      {
        g_autofree char *values = solace_import_join_values (field->values);

        what = g_strdup_printf (_("one of %s"), values);
      }
      break;

    case FIELD_INT:
      if (field->min == G_MININT64 && field->max == G_MAXINT64)
        what = g_strdup (_("a whole number from −2⁶³ to 2⁶³ − 1"));
      else
        what = g_strdup_printf (_("a whole number from %lld to %lld"),
                                (long long) field->min, (long long) field->max);
      break;

    case FIELD_TIME:
      what = g_strdup (_("a time in whole seconds since 1970 (from the year 1 to 9999)"));
      break;

    case FIELD_BOOL:
      what = g_strdup (_("true or false"));
      break;

    case FIELD_DAY:
      what = g_strdup (_("a day written YYYY-MM-DD"));
      break;

    case FIELD_LOCAL:
      what = g_strdup (_("a date and time written YYYYMMDDTHHMMSS, from 1970 to 2199"));
      break;

    case FIELD_HASH:
      what = g_strdup (field->flags & EMPTY_OK ? _("a SHA-256 hash in lowercase hex, or empty")
                                               : _("a SHA-256 hash in lowercase hex"));
      break;

    case FIELD_KEYS:
      {
        g_autofree char *values = solace_import_join_values (field->keys ());

        what = g_strdup_printf (_("an array of different keys, each one of %s"), values);
      }
      break;

    case FIELD_TAGS:
      /* Translators: the first number counts the texts (the plural
       * follows it); the second is how many characters each can have,
       * always more than one. */
      what = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "an array of at most %d text of 1 to %d characters",
                                           "an array of at most %d different texts of 1 to %d characters",
                                           SOLACE_MAX_TAGS),
                              SOLACE_MAX_TAGS, SOLACE_MAX_TAG_CHARS);
      break;

    case FIELD_FIRINGS:
      what = g_strdup (_("an array of firings"));
      break;

    case FIELD_ATTACHMENTS:
      what = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "an array of at most %d file",
                                           "an array of at most %d files",
                                           SOLACE_MAX_ATTACHMENTS),
                              SOLACE_MAX_ATTACHMENTS);
      break;

    default:
      g_assert_not_reached ();
    }

  if (field->flags & NULLABLE)
    return g_strdup_printf (_("%s, or null"), what);

  return g_steal_pointer (&what);
}

gboolean
solace_import_must_be (GError     **error,
                       const Site  *site,
                       const Field *field)
{
  g_autofree char *what = describe (field);

  return solace_import_refuse (error, site, _("must be %s"), what);
}

static gboolean
is_id (const char *text,
       gsize       length,
       gint64      max)
{
  if (length == 0 || (gint64) length > max)
    return FALSE;

  for (gsize i = 0; i < length; i++)
    if (!g_ascii_isalnum (text[i]) && text[i] != '-' && text[i] != '_' && text[i] != '.' && text[i] != ':')
      return FALSE;

  return TRUE;
}

static gboolean
is_local_time (const char *text,
               gsize       length)
{
  guint year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;

  if (length != 15 || text[8] != 'T')
    return FALSE;
  for (guint i = 0; i < 15; i++)
    if (i != 8 && !g_ascii_isdigit (text[i]))
      return FALSE;

  for (guint i = 0; i < 4; i++)
    year = year * 10 + (text[i] - '0');
  month = (text[4] - '0') * 10 + (text[5] - '0');
  day = (text[6] - '0') * 10 + (text[7] - '0');
  hour = (text[9] - '0') * 10 + (text[10] - '0');
  minute = (text[11] - '0') * 10 + (text[12] - '0');
  second = (text[13] - '0') * 10 + (text[14] - '0');

  /* What solace-schedule.c reads. */
  return year >= 1970 && year <= 2199 && g_date_valid_dmy (day, month, year) &&
         hour <= 23 && minute <= 59 && second <= 59;
}

static gboolean
is_hash (const char *text,
         gsize       length,
         gboolean    empty_ok)
{
  if (length == 0)
    return empty_ok;
  if (length != 64)
    return FALSE;
  for (gsize i = 0; i < length; i++)
    if (!g_ascii_isdigit (text[i]) && !(text[i] >= 'a' && text[i] <= 'f'))
      return FALSE;
  return TRUE;
}

/* Checks a string the document holds, as json_tree() gave it. */
gboolean
solace_import_check_string (const Site   *site,
                            sqlite3_stmt *stmt,
                            int           column,
                            const char  **text_out,
                            gsize        *length_out,
                            GError      **error)
{
  const char *text = (const char *) sqlite3_column_text (stmt, column);
  gsize length = sqlite3_column_bytes (stmt, column);

  if (text == NULL)
    text = "";

  /* Caught while scanning already; checked again on what SQLite made of
   * the escapes, which is what would be stored. */
  if (memchr (text, '\0', length) != NULL)
    return solace_import_refuse (error, site, _("must not hold the character U+0000"));
  if (!g_utf8_validate_len (text, length, NULL))
    return solace_import_refuse (error, site, _("must be valid Unicode text"));

  *text_out = text;
  *length_out = length;
  return TRUE;
}

gboolean
solace_import_read_value (const Field   *field,
                          const Site    *site,
                          const char    *type,
                          sqlite3_stmt  *stmt,
                          int            column,
                          Value         *value,
                          GError       **error)
{
  const char *text;
  gsize length;

  if (g_str_equal (type, "null"))
    {
      if ((field->flags & NULLABLE) == 0)
        return solace_import_must_be (error, site, field);
      value->present = TRUE;
      value->is_null = TRUE;
      return TRUE;
    }

  switch (field->type)
    {
    case FIELD_INT:
    case FIELD_TIME:
      {
        gint64 min = field->type == FIELD_TIME ? MIN_TIME : field->min;
        gint64 max = field->type == FIELD_TIME ? MAX_TIME : field->max;
        gint64 n;

        /* A number too large for 64 bits comes back as a real. */
        if (!g_str_equal (type, "integer") || sqlite3_column_type (stmt, column) != SQLITE_INTEGER)
          return solace_import_must_be (error, site, field);
        n = sqlite3_column_int64 (stmt, column);
        if (n < min || n > max)
          return solace_import_must_be (error, site, field);
        value->number = n;
      }
      break;

    case FIELD_BOOL:
      if (g_str_equal (type, "true"))
        value->number = 1;
      else if (g_str_equal (type, "false"))
        value->number = 0;
      else
        return solace_import_must_be (error, site, field);
      break;

    case FIELD_TEXT:
    case FIELD_ID:
    case FIELD_ENUM:
    case FIELD_DAY:
    case FIELD_LOCAL:
    case FIELD_HASH:
      {
        gboolean ok;

        if (!g_str_equal (type, "text"))
          return solace_import_must_be (error, site, field);
        if (!solace_import_check_string (site, stmt, column, &text, &length, error))
          return FALSE;

        switch (field->type)
          {
          case FIELD_TEXT:
            if (field->flags & CHARS)
              ok = length <= SOLACE_LIMIT_BYTES (field->max) && g_utf8_strlen (text, length) <= field->max;
            else
              ok = (gint64) length <= field->max;
            break;

          case FIELD_ID:
            ok = is_id (text, length, field->max);
            break;

          case FIELD_ENUM:
            ok = g_strv_contains (field->values, text);
            break;

          case FIELD_DAY:
            {
              g_autoptr(GDate) day = solace_day_from_iso (text);

              ok = day != NULL;
            }
            break;

          case FIELD_LOCAL:
            ok = is_local_time (text, length);
            break;

          case FIELD_HASH:
            ok = is_hash (text, length, (field->flags & EMPTY_OK) != 0);
            break;

          case FIELD_INT:
          case FIELD_TIME:
          case FIELD_BOOL:
          case FIELD_KEYS:
          case FIELD_TAGS:
          case FIELD_FIRINGS:
          case FIELD_ATTACHMENTS:
          default:
            g_assert_not_reached ();
          }

        if (!ok)
          return solace_import_must_be (error, site, field);

        value->text = g_strndup (text, length);
        value->length = length;
      }
      break;

    case FIELD_KEYS:
    case FIELD_TAGS:
    case FIELD_FIRINGS:
    case FIELD_ATTACHMENTS:
    default:
      g_assert_not_reached ();
    }

  value->present = TRUE;
  return TRUE;
}

void
solace_import_value_clear (Value *value)
{
  g_clear_pointer (&value->text, g_free);
  g_clear_pointer (&value->strings, g_ptr_array_unref);
  g_clear_pointer (&value->firings, g_array_unref);
  g_clear_pointer (&value->attachments, g_ptr_array_unref);
  memset (value, 0, sizeof *value);
}

void
solace_import_row_clear (Import *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (self->values); i++)
    solace_import_value_clear (&self->values[i]);
  for (guint i = 0; i < G_N_ELEMENTS (self->item_values); i++)
    solace_import_value_clear (&self->item_values[i]);
  self->list = NULL;
  self->item = -1;
}

/* Fills in what a record left out, or refuses a missing required field. */
gboolean
solace_import_complete (Import       *self,
                        const Field  *fields,
                        guint         n_fields,
                        Value        *values,
                        const Site   *where,
                        gboolean      item,
                        GError      **error)
{
  for (guint i = 0; i < n_fields; i++)
    {
      const Field *field = &fields[i];
      Value *value = &values[i];
      Site site = *where;

      if (value->present)
        continue;

      if (item)
        site.item_field = field;
      else
        site.field = field;

      if (field->flags & REQUIRED)
        return solace_import_refuse (error, &site, _("is missing, and is required"));

      value->present = TRUE;
      switch (field->type)
        {
        case FIELD_KEYS:
        case FIELD_TAGS:
          value->strings = g_ptr_array_new_with_free_func (g_free);
          break;

        case FIELD_FIRINGS:
          value->firings = g_array_new (FALSE, FALSE, sizeof (Firing));
          break;

        case FIELD_ATTACHMENTS:
          value->attachments = g_ptr_array_new_with_free_func ((GDestroyNotify) solace_attachment_free);
          break;

        case FIELD_INT:
        case FIELD_TIME:
        case FIELD_BOOL:
          if (field->flags & NULLABLE)
            value->is_null = TRUE;
          else
            value->number = g_ascii_strtoll (field->fallback, NULL, 10);
          break;

        case FIELD_TEXT:
        case FIELD_ID:
        case FIELD_ENUM:
        case FIELD_DAY:
        case FIELD_LOCAL:
        case FIELD_HASH:
        default:
          if ((field->flags & NULLABLE) || field->fallback == NULL)
            value->is_null = TRUE;
          else
            {
              value->text = g_strdup (field->fallback);
              value->length = strlen (value->text);
            }
          break;
        }
    }

  return TRUE;
}

/* ---- Import: checking whole records ------------------------------------- */

static char *
identity_of (Import      *self,
             const char  *name,
             const char  *name2)
{
  const Value *first = &self->values[field_index (self->table, name)];

  if (first->is_null)
    return NULL;

  if (name2 != NULL)
    {
      const Value *second = &self->values[field_index (self->table, name2)];

      return g_strdup_printf ("%s\n%" G_GINT64_FORMAT, first->text, second->number);
    }

  return g_strdup (first->text);
}

/* Two records of a kind with the same identity, or the same value in a
 * unique field, are refused naming both. */
gboolean
solace_import_check_unique (Import       *self,
                            GHashTable  **seen,
                            const char   *name,
                            const char   *name2,
                            GError      **error)
{
  g_autofree char *identity = identity_of (self, name, name2);
  gpointer earlier;

  if (identity == NULL)
    return TRUE;

  if (*seen == NULL)
    *seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  earlier = g_hash_table_lookup (*seen, identity);
  if (earlier != NULL)
    {
      Site site = solace_import_site_of (self, &self->table->fields[field_index (self->table, name)]);
      Site other = { self->table, GPOINTER_TO_SIZE (earlier) - 1, NULL, -1, NULL };
      g_autofree char *there = solace_import_site_to_string (&other);

      if (name2 != NULL)
        return solace_import_refuse (error, &site, _("the same as in %s; each record must be different"), there);
      return solace_import_refuse (error, &site, _("the same as in %s; each must be different"), there);
    }

  g_hash_table_insert (*seen, g_steal_pointer (&identity), GSIZE_TO_POINTER (self->row + 1));
  return TRUE;
}

gboolean
solace_import_check_incident (Import  *self,
                              GError **error)
{
  SolaceIncident incident = { 0 };
  const Value *corrects = &self->values[INCIDENT_CORRECTS_UUID];
  const Site row = solace_import_site_of (self, NULL);

  /* Its own uuid is in the table already: a record cannot correct itself. */
  if (!corrects->is_null &&
      (self->seen[TABLE_INCIDENTS] == NULL ||
       !g_hash_table_contains (self->seen[TABLE_INCIDENTS], corrects->text) ||
       g_str_equal (corrects->text, self->values[INCIDENT_UUID].text)))
    {
      gboolean in_database = FALSE;
      Site site = solace_import_site_of (self, &self->table->fields[INCIDENT_CORRECTS_UUID]);

      /* A correction follows the record it corrects. */
      if (self->mode == SOLACE_IMPORT_MERGE &&
          !g_str_equal (corrects->text, self->values[INCIDENT_UUID].text) &&
          !solace_import_database_has (self, "SELECT 1 FROM incident WHERE uuid = ?1", corrects->text,
                                       &in_database, error))
        return FALSE;
      if (!in_database)
        return solace_import_refuse (error, &site, _("must name an incident record that comes before this one"));
    }

  incident.uuid = self->values[INCIDENT_UUID].text;
  incident.happened_at = self->values[INCIDENT_HAPPENED_AT].number;
  incident.recorded_at = self->values[INCIDENT_RECORDED_AT].number;
  if (!solace_channel_from_key (self->values[INCIDENT_CHANNEL].text, &incident.channel))
    incident.channel = SOLACE_N_CHANNELS;
  incident.what = self->values[INCIDENT_WHAT].text;
  incident.response = self->values[INCIDENT_RESPONSE].text;
  incident.boundary_uuid = self->values[INCIDENT_BOUNDARY_UUID].text;
  incident.necessary = self->values[INCIDENT_NECESSARY].number != 0;
  incident.corrects_uuid = corrects->text;
  incident.prev_hash = self->values[INCIDENT_PREV_HASH].text;
  incident.hash = self->values[INCIDENT_HASH].text;
  incident.sender = self->values[INCIDENT_SENDER].text;
  incident.witnesses = self->values[INCIDENT_WITNESSES].text;
  incident.reference = self->values[INCIDENT_REFERENCE].text;
  incident.form = self->values[INCIDENT_FORM].number;
  incident.attachments = self->values[INCIDENT_ATTACHMENTS].attachments;

  /* Form 1 has no senders and no files: its hash would not cover them. */
  if (incident.form < SOLACE_INCIDENT_FORM_2 &&
      (incident.sender != NULL || incident.witnesses != NULL || incident.reference != NULL ||
       (incident.attachments != NULL && incident.attachments->len > 0)))
    {
      Site site = solace_import_site_of (self, &self->table->fields[INCIDENT_FORM]);

      return solace_import_refuse (error, &site,
                                   _("must be 2 for a record with a sender, witnesses, a reference or files"));
    }

  /* The same test solace_incidents_verify() makes, in the file's order. */
  if (!solace_incident_check_link (&incident, self->prev_hash))
    return solace_import_refuse (error, &row,
                                 _("the incident record’s hash chain is broken here: this record, or the one before it, "
                                   "was changed, added or removed after it was written"));

  g_free (self->prev_hash);
  self->prev_hash = g_strdup (incident.hash);
  return TRUE;
}

gboolean
solace_import_check_reminder (Import  *self,
                              GError **error)
{
  g_autoptr(SolaceSchedule) schedule = NULL;
  g_autoptr(GError) local_error = NULL;
  Site site = solace_import_site_of (self, &self->table->fields[field_index (self->table, "rrule")]);
  static const char * const times[] = { "last_due", "snoozed_until" };

  /* The store's own check, with its reason (which never repeats the rule). */
  schedule = solace_schedule_new (self->values[site.field - self->table->fields].text,
                                  self->values[field_index (self->table, "dtstart")].text, &local_error);
  if (schedule == NULL)
    return solace_import_refuse (error, &site,
                                 _("must be a repeat rule Solace can follow (daily or weekly, by weekday and time): %s"),
                                 local_error->message);

  /* Narrower than other times: the scheduler makes a local date-time
   * from these in whatever zone the computer is in. */
  for (guint i = 0; i < G_N_ELEMENTS (times); i++)
    {
      int index = field_index (self->table, times[i]);
      const Value *value = &self->values[index];
      Site time_site = solace_import_site_of (self, &self->table->fields[index]);

      if (value->present && !value->is_null &&
          (value->number < SOLACE_SCHEDULE_TIME_MIN || value->number > SOLACE_SCHEDULE_TIME_MAX))
        return solace_import_refuse (error, &time_site,
                                     _("must be a time in whole seconds from 1970 to the end of November 9999"));
    }

  return TRUE;
}

