/* solace-evidence.c — the incident record as one ZIP a lawyer can check
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Everything in the archive can be checked without Solace: manifest.json
 * holds every record exactly as its hash was taken, verify.py (Python 3,
 * standard library only) takes every hash again, and the files kept with
 * the records are named by their SHA-256 and listed for sha256sum -c.
 * No name in the archive comes from what the person typed or the names
 * of the files they chose: those are only inside manifest.json.
 */
#define G_LOG_DOMAIN "solace-evidence"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "solace-error.h"
#include "solace-evidence.h"
#include "solace-incidents.h"
#include "solace-report.h"
#include "solace-resources.h"
#include "solace-zip.h"

#define VERIFY_PY_RESOURCE "/io/github/solace_app/Solace/evidence/verify.py"
#define MANIFEST_FORMAT_VERSION 1

/* For a lawyer's or an expert's tool: in English, like the field names. */
static const char canonical_form[] =
  "Each record's hash is the SHA-256 (64 lower-case hex digits) of a header line and then fields, "
  "each written as NAME \"=\" LENGTH \":\" VALUE \"\\n\", where LENGTH is the number of UTF-8 bytes "
  "of VALUE in decimal and a missing (null) value is the empty string. "
  "Form 1: header \"solace-incident-1\\n\", then uuid, happened, recorded, channel, what, response, "
  "boundary, necessary (\"1\" for true, \"0\" for false), corrects, previous (prev_hash). "
  "Form 2: header \"solace-incident-2\\n\", then uuid, happened, recorded, channel, what, response, "
  "boundary, necessary, corrects, sender, witnesses, reference, attachments (how many, in decimal), "
  "then for each attachment in order attachment-name, attachment-type (media_type), attachment-size, "
  "attachment-sha256, and last previous (prev_hash). Numbers are decimal. "
  "The fields happened_local and recorded_local, number and file are not hashed. "
  "The first record's prev_hash is \"\"; every other record's is the hash of the record before it.";

/* The extension a file kept with a record gets in the archive. */
static const struct {
  const char *media_type;
  const char *extension;
} extensions[] = {
  { "application/pdf", "pdf" },
  { "audio/aac", "aac" },
  { "audio/flac", "flac" },
  { "audio/mp4", "m4a" },
  { "audio/mpeg", "mp3" },
  { "audio/ogg", "ogg" },
  { "audio/wav", "wav" },
  { "audio/x-wav", "wav" },
  { "audio/webm", "weba" },
  { "image/bmp", "bmp" },
  { "image/gif", "gif" },
  { "image/heic", "heic" },
  { "image/jpeg", "jpg" },
  { "image/png", "png" },
  { "image/tiff", "tif" },
  { "image/webp", "webp" },
  { "text/plain", "txt" },
  { "video/mp4", "mp4" },
  { "video/quicktime", "mov" },
  { "video/webm", "webm" },
};

/* By the media type; else by the chosen file's name, but only an
 * extension from the list above (never one a desktop would run, such as
 * .exe or .desktop); anything else is "bin". */
static const char *
extension_for (const SolaceAttachment *attachment)
{
  g_autofree char *lower = NULL;
  const char *dot;

  for (guint i = 0; i < G_N_ELEMENTS (extensions); i++)
    if (g_strcmp0 (attachment->media_type, extensions[i].media_type) == 0)
      return extensions[i].extension;

  dot = attachment->name != NULL ? strrchr (attachment->name, '.') : NULL;
  if (dot == NULL)
    return "bin";

  lower = g_ascii_strdown (dot + 1, -1);
  if (g_str_equal (lower, "jpeg"))
    return "jpg";
  for (guint i = 0; i < G_N_ELEMENTS (extensions); i++)
    if (g_str_equal (lower, extensions[i].extension))
      return extensions[i].extension;

  return "bin";
}

static gboolean
is_sha256 (const char *text)
{
  if (text == NULL || strlen (text) != 64)
    return FALSE;
  for (const char *p = text; *p != '\0'; p++)
    if (!g_ascii_isdigit (*p) && !(*p >= 'a' && *p <= 'f'))
      return FALSE;
  return TRUE;
}

/* "attachments/<sha256>.<ext>", or NULL when the record's SHA-256 is not
 * one (a damaged file): then there is nothing to name it by. */
static char *
entry_name_for (const SolaceAttachment *attachment)
{
  if (!is_sha256 (attachment->sha256))
    return NULL;

  return g_strdup_printf ("attachments/%s.%s", attachment->sha256, extension_for (attachment));
}

/* Characters that would hide or reorder text where the manifest is
 * shown, or that some JSON readers choke on, are written as \uXXXX:
 * the value a JSON parser reads back is exactly the stored one. */
static gboolean
escape_in_json (gunichar c)
{
  return c < 0x20 || c == 0x7f ||
         (c >= 0x80 && c <= 0x9f) ||
         c == 0x061c || c == 0x200e || c == 0x200f ||
         (c >= 0x2028 && c <= 0x202e) ||
         (c >= 0x2066 && c <= 0x2069) ||
         c == 0xfeff || c == 0xfffe || c == 0xffff;
}

static void
append_json_string (GString    *out,
                    const char *value)
{
  g_autofree char *valid = NULL;

  if (value == NULL)
    {
      g_string_append (out, "null");
      return;
    }

  /* Never in a record that was saved by Solace, which checks it. */
  if (!g_utf8_validate (value, -1, NULL))
    value = valid = g_utf8_make_valid (value, -1);

  g_string_append_c (out, '"');
  for (const char *p = value; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      switch (c)
        {
        case '"':
          g_string_append (out, "\\\"");
          break;
        case '\\':
          g_string_append (out, "\\\\");
          break;
        case '\n':
          g_string_append (out, "\\n");
          break;
        case '\r':
          g_string_append (out, "\\r");
          break;
        case '\t':
          g_string_append (out, "\\t");
          break;
        default:
          if (escape_in_json (c))
            g_string_append_printf (out, "\\u%04x", c);
          else
            g_string_append_len (out, p, g_utf8_next_char (p) - p);
        }
    }
  g_string_append_c (out, '"');
}

static void
append_json_key (GString    *out,
                 const char *indent,
                 const char *key)
{
  g_string_append (out, indent);
  append_json_string (out, key);
  g_string_append (out, ": ");
}

static char *
format_time (gint64     t,
             GTimeZone *tz)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (t);
  g_autoptr(GDateTime) local = utc != NULL ? g_date_time_to_timezone (utc, tz) : NULL;

  return local != NULL ? g_date_time_format (local, "%Y-%m-%dT%H:%M:%S%:z") : NULL;
}

static void
append_attachment (GString                *out,
                   const SolaceAttachment *attachment)
{
  g_autofree char *file = entry_name_for (attachment);

  g_string_append (out, "        {\n");
  append_json_key (out, "          ", "name");
  append_json_string (out, attachment->name);
  g_string_append (out, ",\n");
  append_json_key (out, "          ", "media_type");
  append_json_string (out, attachment->media_type);
  g_string_append (out, ",\n");
  append_json_key (out, "          ", "size");
  g_string_append_printf (out, "%" G_GINT64_FORMAT ",\n", attachment->size);
  append_json_key (out, "          ", "sha256");
  append_json_string (out, attachment->sha256);
  g_string_append (out, ",\n");
  append_json_key (out, "          ", "file");
  append_json_string (out, file);
  g_string_append (out, "\n        }");
}

static void
append_record (GString              *out,
               guint                 number,
               const SolaceIncident *incident,
               GTimeZone            *tz)
{
  g_autofree char *happened = format_time (incident->happened_at, tz);
  g_autofree char *recorded = format_time (incident->recorded_at, tz);
  guint n_attachments = incident->attachments != NULL ? incident->attachments->len : 0;
  const char *in = "      ";
  struct {
    const char *key;
    const char *value;
  } texts[] = {
    { "what", incident->what },
    { "response", incident->response },
    { "boundary", incident->boundary_uuid },
  };
  struct {
    const char *key;
    const char *value;
  } more[] = {
    { "corrects", incident->corrects_uuid },
    { "sender", incident->sender },
    { "witnesses", incident->witnesses },
    { "reference", incident->reference },
  };

  g_string_append (out, "    {\n");
  append_json_key (out, in, "number");
  g_string_append_printf (out, "%u,\n", number);
  append_json_key (out, in, "uuid");
  append_json_string (out, incident->uuid);
  g_string_append (out, ",\n");
  append_json_key (out, in, "happened");
  g_string_append_printf (out, "%" G_GINT64_FORMAT ",\n", incident->happened_at);
  append_json_key (out, in, "happened_local");
  append_json_string (out, happened);
  g_string_append (out, ",\n");
  append_json_key (out, in, "recorded");
  g_string_append_printf (out, "%" G_GINT64_FORMAT ",\n", incident->recorded_at);
  append_json_key (out, in, "recorded_local");
  append_json_string (out, recorded);
  g_string_append (out, ",\n");
  append_json_key (out, in, "channel");
  /* As hashed: "?" for a channel this build does not know. */
  append_json_string (out, incident->channel < SOLACE_N_CHANNELS ? solace_channel_to_key (incident->channel) : "?");
  g_string_append (out, ",\n");
  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      append_json_key (out, in, texts[i].key);
      append_json_string (out, texts[i].value);
      g_string_append (out, ",\n");
    }
  append_json_key (out, in, "necessary");
  g_string_append (out, incident->necessary ? "true,\n" : "false,\n");
  for (guint i = 0; i < G_N_ELEMENTS (more); i++)
    {
      append_json_key (out, in, more[i].key);
      append_json_string (out, more[i].value);
      g_string_append (out, ",\n");
    }
  append_json_key (out, in, "form");
  g_string_append_printf (out, "%d,\n", incident->form >= SOLACE_INCIDENT_FORM_2 ? incident->form : SOLACE_INCIDENT_FORM_1);
  append_json_key (out, in, "prev_hash");
  append_json_string (out, incident->prev_hash != NULL ? incident->prev_hash : "");
  g_string_append (out, ",\n");
  append_json_key (out, in, "hash");
  append_json_string (out, incident->hash);
  g_string_append (out, ",\n");
  append_json_key (out, in, "attachments");
  if (n_attachments == 0)
    g_string_append (out, "[]");
  else
    {
      g_string_append (out, "[\n");
      for (guint i = 0; i < n_attachments; i++)
        {
          if (i > 0)
            g_string_append (out, ",\n");
          append_attachment (out, g_ptr_array_index (incident->attachments, i));
        }
      g_string_append (out, "\n      ]");
    }
  g_string_append (out, "\n    }");
}

static GBytes *
make_manifest (GPtrArray              *incidents,
               const SolaceChainHead  *head,
               const SolaceChainCheck *check,
               GBytes                 *pdf,
               GBytes                 *csv,
               gint64                  now,
               GTimeZone              *tz)
{
  g_autofree char *pdf_sha256 = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, pdf);
  g_autofree char *csv_sha256 = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, csv);
  GString *out = g_string_new ("{\n");
  g_autofree char *made_at = format_time (now, tz);

  append_json_key (out, "  ", "format");
  append_json_string (out, "solace-evidence");
  g_string_append (out, ",\n");
  append_json_key (out, "  ", "format_version");
  g_string_append_printf (out, "%d,\n", MANIFEST_FORMAT_VERSION);
  append_json_key (out, "  ", "made_at");
  append_json_string (out, made_at);
  g_string_append (out, ",\n");
  append_json_key (out, "  ", "app");
  append_json_string (out, "Solace");
  g_string_append (out, ",\n");
  append_json_key (out, "  ", "app_version");
  append_json_string (out, PACKAGE_VERSION);
  g_string_append (out, ",\n");
  append_json_key (out, "  ", "head");
  g_string_append_printf (out, "{ \"count\": %u, \"last_hash\": ", head->count);
  append_json_string (out, head->last_hash);
  g_string_append (out, " },\n");
  /* What Solace found when it checked the chain, for comparison. */
  append_json_key (out, "  ", "chain_check");
  g_string_append_printf (out, "{ \"intact\": %s, \"broken_record\": %u },\n",
                          check->intact ? "true" : "false", check->intact ? 0 : check->broken_number);
  /* The two readable views of the records, so that a change to either
   * is found too (the records themselves are checked by their hashes). */
  append_json_key (out, "  ", "views");
  g_string_append (out, "{ \"record.pdf\": ");
  append_json_string (out, pdf_sha256);
  g_string_append (out, ", \"incidents.csv\": ");
  append_json_string (out, csv_sha256);
  g_string_append (out, " },\n");
  append_json_key (out, "  ", "canonical_form");
  append_json_string (out, canonical_form);
  g_string_append (out, ",\n");
  append_json_key (out, "  ", "records");
  g_string_append (out, "[");
  for (guint i = 0; i < incidents->len; i++)
    {
      g_string_append (out, i > 0 ? ",\n" : "\n");
      append_record (out, i + 1, g_ptr_array_index (incidents, i), tz);
    }
  g_string_append (out, incidents->len > 0 ? "\n  ]\n}\n" : "]\n}\n");

  return g_string_free_to_bytes (out);
}

static GBytes *
make_readme (const SolaceChainHead *head,
             gboolean               has_attachments,
             gint64                 now,
             GTimeZone             *tz)
{
  GString *out = g_string_new (NULL);
  g_autofree char *made_at = format_time (now, tz);

  g_string_append_printf (out,
                          /* Translators: the first line of VERIFY.txt in an evidence export;
                           * %s is the date and time it was made, like 2026-12-03T14:30:07+01:00. */
                          _("Incident record, exported by Solace on %s"), made_at);
  g_string_append (out, "\n\n");
  /* Translators: a heading in VERIFY.txt. */
  g_string_append (out, _("What the files are"));
  g_string_append (out, "\n\n");
  g_string_append_printf (out, "  record.pdf     %s\n",
                          /* Translators: in VERIFY.txt, what record.pdf is. */
                          _("The record, printed: every incident in the order it was written down."));
  g_string_append_printf (out, "  incidents.csv  %s\n",
                          /* Translators: in VERIFY.txt, what incidents.csv is. */
                          _("The same records as a spreadsheet."));
  g_string_append_printf (out, "  manifest.json  %s\n",
                          /* Translators: in VERIFY.txt, what manifest.json is. */
                          _("Every record exactly as it was stored, with the hash that seals it."));
  if (has_attachments)
    g_string_append_printf (out, "  attachments/   %s\n",
                            /* Translators: in VERIFY.txt, what the attachments folder holds. */
                            _("The files kept with the records, each named by its SHA-256. "
                              "Their original names are in manifest.json."));
  g_string_append_printf (out, "  verify.py      %s\n",
                          /* Translators: in VERIFY.txt, what verify.py is. */
                          _("A short program that checks all of this again. It needs only Python 3."));
  g_string_append (out, "\n");

  if (has_attachments)
    {
      /* Translators: a heading in VERIFY.txt. */
      g_string_append (out, _("How to check the files"));
      g_string_append (out, "\n\n");
      g_string_append (out,
                       /* Translators: in VERIFY.txt; the command follows on its own line. */
                       _("Unpack the archive, open a terminal in its folder and run:"));
      g_string_append (out, "\n\n    cd attachments && sha256sum -c SHA256SUMS\n\n");
      g_string_append (out,
                       /* Translators: in VERIFY.txt; "OK" is what sha256sum prints, not translated. */
                       _("Every line must end in “OK”."));
      g_string_append (out, "\n\n");
    }

  /* Translators: a heading in VERIFY.txt. */
  g_string_append (out, _("How to check the record"));
  g_string_append (out, "\n\n");
  g_string_append (out,
                   /* Translators: in VERIFY.txt; the command follows on its own line. */
                   _("In the same folder, run:"));
  g_string_append (out, "\n\n    python3 verify.py\n\n");
  g_string_append (out,
                   /* Translators: in VERIFY.txt; "Intact" and "Not intact" are what verify.py
                    * prints, in English: keep them as they are. */
                   _("It prints “Intact” when every record and file is as it was when it was written down, "
                     "and “Not intact: record N” when one was changed, removed or added afterwards."));
  g_string_append (out, "\n\n");
  g_string_append (out,
                   /* Translators: in VERIFY.txt. */
                   _("Each record’s hash covers what it says, its files and the hash of the record before it, "
                     "so changing or removing any record changes every hash after it. "
                     "If a count and a last hash were written down or sent to someone earlier, "
                     "find the record in manifest.json whose “number” is that count: "
                     "its hash must be the one written down, and then no record up to it has changed since."));
  g_string_append (out, "\n\n");
  g_string_append_printf (out,
                          /* Translators: in VERIFY.txt; %u is how many records, %s a 64-digit hash. */
                          g_dngettext (GETTEXT_PACKAGE,
                                       "When exported: %u record, last hash %s",
                                       "When exported: %u records, last hash %s",
                                       head->count),
                          head->count, head->count > 0 ? head->last_hash : "-");
  g_string_append (out, "\n");

  return g_string_free_to_bytes (out);
}

static gboolean
add_text (SolaceZip     *zip,
          const char    *name,
          char          *text,
          GCancellable  *cancellable,
          GError       **error)
{
  g_autoptr(GBytes) bytes = g_bytes_new_take (text, strlen (text));

  return solace_zip_add_bytes (zip, name, bytes, cancellable, error);
}

gboolean
solace_evidence_export (SolaceDatabase  *db,
                        const char      *path,
                        gint64           now,
                        GTimeZone       *tz,
                        GCancellable    *cancellable,
                        GError         **error)
{
  g_autoptr(GPtrArray) incidents = NULL;
  g_autoptr(SolaceZip) zip = NULL;
  g_autoptr(GBytes) manifest = NULL;
  g_autoptr(GBytes) readme = NULL;
  g_autoptr(GBytes) verify_py = NULL;
  g_autoptr(GBytes) pdf = NULL;
  g_autoptr(GBytes) csv = NULL;
  g_autoptr(GHashTable) written = NULL;
  g_autoptr(GString) sums = g_string_new (NULL);
  SolaceReport report = { 0 };
  SolaceChainCheck check;
  SolaceChainHead head;

  g_return_val_if_fail (SOLACE_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (tz != NULL, FALSE);

  /* The three read together, so that a record being appended meanwhile
   * is in all of them or in none. */
  solace_database_lock (db);
  incidents = solace_incidents_list (db, 0, 0, error);
  if (incidents == NULL ||
      !solace_incidents_verify (db, &check, error) ||
      !solace_incidents_get_head (db, &head, error))
    {
      solace_database_unlock (db);
      return FALSE;
    }
  solace_database_unlock (db);

  /* From the app's own resource, which this also links in. */
  verify_py = g_resource_lookup_data (solace_get_resource (), VERIFY_PY_RESOURCE,
                                      G_RESOURCE_LOOKUP_FLAGS_NONE, error);
  if (verify_py == NULL)
    return FALSE;

  /* Each file once, however many records keep it. */
  written = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; i < incidents->len; i++)
    {
      SolaceIncident *incident = g_ptr_array_index (incidents, i);

      for (guint j = 0; incident->attachments != NULL && j < incident->attachments->len; j++)
        {
          char *name = entry_name_for (g_ptr_array_index (incident->attachments, j));

          if (name == NULL || g_hash_table_contains (written, name))
            {
              g_free (name);
              continue;
            }
          /* sha256sum's format: the hash, two spaces, the name. */
          g_string_append_printf (sums, "%s  %s\n",
                                  ((SolaceAttachment *) g_ptr_array_index (incident->attachments, j))->sha256,
                                  name + strlen ("attachments/"));
          g_hash_table_add (written, name);
        }
    }

  report.incidents = incidents;
  report.check = check;
  report.head = head;
  report.made_at = now;
  report.tz = tz;
  /* Made in memory and put straight into the archive: no copy of the
   * record is ever written anywhere else, not even for a moment. */
  pdf = solace_report_render_pdf (&report, error);
  if (pdf == NULL)
    return FALSE;
  {
    char *text = solace_incidents_to_csv (incidents, NULL, tz);

    csv = g_bytes_new_take (text, strlen (text));
  }

  manifest = make_manifest (incidents, &head, &check, pdf, csv, now, tz);
  readme = make_readme (&head, sums->len > 0, now, tz);

  zip = solace_zip_new_for_path (path, now, tz, error);
  if (zip == NULL)
    return FALSE;

  if (!solace_zip_add_bytes (zip, "VERIFY.txt", readme, cancellable, error) ||
      !solace_zip_add_bytes (zip, "record.pdf", pdf, cancellable, error) ||
      !solace_zip_add_bytes (zip, "incidents.csv", csv, cancellable, error) ||
      !solace_zip_add_bytes (zip, "manifest.json", manifest, cancellable, error) ||
      !solace_zip_add_bytes (zip, "verify.py", verify_py, cancellable, error))
    return FALSE;

  if (sums->len > 0 &&
      !add_text (zip, "attachments/SHA256SUMS", g_strdup (sums->str), cancellable, error))
    return FALSE;

  /* One file in memory at a time: each may be up to 64 MB. */
  g_hash_table_remove_all (written);
  for (guint i = 0; i < incidents->len; i++)
    {
      SolaceIncident *incident = g_ptr_array_index (incidents, i);

      for (guint j = 0; incident->attachments != NULL && j < incident->attachments->len; j++)
        {
          SolaceAttachment *attachment = g_ptr_array_index (incident->attachments, j);
          g_autofree char *name = entry_name_for (attachment);
          g_autoptr(GBytes) bytes = NULL;
          g_autoptr(GError) local_error = NULL;

          if (name == NULL || g_hash_table_contains (written, name))
            continue;

          bytes = solace_incidents_read_attachment (db, incident->uuid, attachment->sha256, &local_error);
          if (bytes == NULL && g_error_matches (local_error, SOLACE_ERROR, SOLACE_ERROR_NOT_FOUND))
            {
              /* Gone from a damaged file: everything else is still
               * exported, and SHA256SUMS and verify.py say it is missing. */
              g_clear_error (&local_error);
              continue;
            }
          if (bytes == NULL)
            {
              g_propagate_error (error, g_steal_pointer (&local_error));
              return FALSE;
            }
          if (!solace_zip_add_bytes (zip, name, bytes, cancellable, error))
            return FALSE;
          g_hash_table_add (written, g_steal_pointer (&name));
        }
    }

  return solace_zip_finish (zip, cancellable, error);
}
