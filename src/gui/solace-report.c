/* solace-report.c — the incident record as a printable PDF
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Laid out with solace-pdf.c: every block of text is placed line by
 * line so that a long account runs on to the next page instead of being
 * cut, a long block a piece at a time, and every page says "Page N of
 * M".  What the person wrote goes in with solace_pdf_add_user_text() or
 * add_user_field(), through solace_text_for_display() with
 * SOLACE_TEXT_SHOW_HIDDEN: each field is isolated, so that its direction
 * cannot reorder its label, and characters that are invisible yet would
 * change the record (directional overrides) or stop cairo's PDF output
 * dead (noncharacters such as U+FFFE) are shown as a visible "<U+FFFE>"
 * rather than replaced with U+FFFD: the record may be read as evidence,
 * so it hides nothing and what was written can be told from it.
 */
#define G_LOG_DOMAIN "solace-report"

#include "config.h"

#include <glib/gi18n.h>

#include "solace-locale.h"
#include "solace-pdf.h"
#include "solace-report.h"
#include "solace-text.h"

static char *
format_time (gint64     t,
             GTimeZone *tz)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (t);
  g_autoptr(GDateTime) local = g_date_time_to_timezone (utc, tz);

  if (solace_locale_uses_12_hour_clock ())
    /* Translators: a date and time in the report on a 12-hour clock,
     * "3 December 2026, 9:05 PM (+01:00)"; see g_date_time_format(). */
    return g_date_time_format (local, _("%-d %B %Y, %-l:%M %p (%:z)"));

  /* Translators: a date and time in the report, see g_date_time_format(). */
  return g_date_time_format (local, _("%-d %B %Y, %H:%M (%:z)"));
}

static char *
format_day (gint64     t,
            GTimeZone *tz)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (t);
  g_autoptr(GDateTime) local = g_date_time_to_timezone (utc, tz);

  /* Translators: a day in the report, "3 December 2026"; see
   * g_date_time_format(). */
  return g_date_time_format (local, _("%-d %B %Y"));
}

/* "Label: value", the label in bold.  No value: a heading for the
 * paragraph that follows. */
static void
add_field (SolacePdf  *pdf,
           const char *label,
           const char *value)
{
  solace_pdf_add_field (pdf, label, value, 2);
}

/* "Label: value" where the value is what the person wrote. */
static void
add_user_field (SolacePdf  *pdf,
                const char *label,
                const char *value)
{
  g_autofree char *shown = solace_text_for_display (value != NULL && *value ? value : "—", -1, 0,
                                                    SOLACE_TEXT_SHOW_HIDDEN);

  add_field (pdf, label, shown);
}

static gboolean
has_text (const char *text)
{
  return text != NULL && *text != '\0';
}

/* The files kept with a record: for each its name, type and size, then
 * its SHA-256, by which a copy of it can be checked. */
static void
add_attachments (SolacePdf *pdf,
                 GPtrArray *attachments)
{
  if (attachments == NULL || attachments->len == 0)
    return;

  add_field (pdf, _("Attachments:"), NULL);
  for (guint i = 0; i < attachments->len; i++)
    {
      SolaceAttachment *attachment = g_ptr_array_index (attachments, i);
      g_autofree char *name = solace_text_for_display (has_text (attachment->name) ? attachment->name : "?", -1, 0,
                                                       SOLACE_TEXT_SHOW_HIDDEN);
      g_autofree char *size = g_format_size (attachment->size);
      g_autofree char *line = NULL;
      g_autofree char *hash = NULL;

      /* Translators: a file kept with a record, in the report: its
       * number, name, media type and size, "2. photo.png · image/png ·
       * 1.2 MB". */
      line = g_strdup_printf (_("%1$u. %2$s · %3$s · %4$s"), i + 1, name,
                              has_text (attachment->media_type) ? attachment->media_type : "?", size);
      solace_pdf_add_text (pdf, line, "Sans 10", 1);
      /* Translators: a kept file's hash in the report. */
      hash = g_strdup_printf (_("SHA-256: %s"), has_text (attachment->sha256) ? attachment->sha256 : "—");
      solace_pdf_add_text (pdf, hash, "Monospace 7", 4);
    }
}

static void
lay_out (SolacePdf          *pdf,
         const SolaceReport *report)
{
  g_autoptr(GHashTable) numbers = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  g_autofree char *made = format_time (report->made_at, report->tz);
  g_autofree char *range = NULL;
  g_autofree char *count = NULL;
  g_autofree char *check = NULL;

  /* The title page. */
  solace_pdf_add_space (pdf, 120);
  solace_pdf_add_text (pdf, _("Incident Record"), "Sans Bold 24", 12);
  solace_pdf_add_text (pdf, _("Unwanted contact and boundary violations, as recorded in Solace"), "Sans 12", 28);

  if (report->from == 0 && report->until == 0)
    range = g_strdup (_("Every record"));
  else
    {
      g_autofree char *from = report->from != 0 ? format_day (report->from, report->tz) : g_strdup ("…");
      g_autofree char *until = report->until != 0 ? format_day (report->until, report->tz) : g_strdup ("…");
      /* Translators: a range of dates, "1 November 2026 – 27 November 2026". */
      range = g_strdup_printf (_("%s – %s"), from, until);
    }
  add_field (pdf, _("Period:"), range);
  count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u record", "%u records", report->incidents->len),
                           report->incidents->len);
  add_field (pdf, _("Records in this report:"), count);
  add_field (pdf, _("Made:"), made);

  if (report->check.intact)
    check = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          "Intact: the %u record in the file matches what was written when it was recorded.",
                                          "Intact: all %u records in the file match what was written when they were recorded.",
                                          report->check.n_checked),
                             report->check.n_checked);
  else if (report->check.broken_attachment > 0)
    {
      g_autofree char *name = solace_text_for_display (report->check.broken_attachment_name, -1, 0,
                                                       SOLACE_TEXT_SHOW_HIDDEN);

      /* Translators: %1$u is a record's number, %2$s the name of a file
       * kept with it. */
      check = g_strdup_printf (_("Not intact: record %1$u, attachment “%2$s”: the file no longer matches "
                                 "what was kept when it was recorded."),
                               report->check.broken_number, name);
    }
  else
    check = g_strdup_printf (_("Not intact: record %u in the file no longer matches what was written "
                               "when it was recorded, so it and every record after it may have been changed."),
                             report->check.broken_number);
  add_field (pdf, _("Chain check:"), check);
  if (report->head.count > 0)
    {
      /* Translators: the end of the whole record's chain, on the title
       * page: "12 records, last hash 1a2b…" (64 hex digits). */
      g_autofree char *head = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                            "%1$u record, last hash %2$s",
                                                            "%1$u records, last hash %2$s",
                                                            report->head.count),
                                               report->head.count, report->head.last_hash);
      add_field (pdf, _("End of the chain:"), head);
    }
  solace_pdf_add_text (pdf,
            _("Each record carries a SHA-256 hash of its contents and of the record before it. "
              "Records cannot be edited or deleted in Solace; a correction is a new record that names the one it corrects."),
            "Sans 9", 0);

  for (guint i = 0; i < report->incidents->len; i++)
    {
      SolaceIncident *incident = g_ptr_array_index (report->incidents, i);
      g_hash_table_insert (numbers, incident->uuid, g_strdup_printf ("%" G_GINT64_FORMAT, incident->id));
    }

  solace_pdf_new_page (pdf);
  for (guint i = 0; i < report->incidents->len; i++)
    {
      SolaceIncident *incident = g_ptr_array_index (report->incidents, i);
      g_autofree char *heading = NULL;
      g_autofree char *happened = format_time (incident->happened_at, report->tz);
      g_autofree char *recorded = format_time (incident->recorded_at, report->tz);
      const char *boundary = NULL;

      if (incident->boundary_uuid != NULL && report->boundary_titles != NULL)
        boundary = g_hash_table_lookup (report->boundary_titles, incident->boundary_uuid);

      /* A record's heading never ends a page on its own. */
      solace_pdf_keep_together (pdf, 160);

      /* Translators: "Record 12 · Text message". */
      heading = g_strdup_printf (_("Record %lld · %s"), (long long) incident->id,
                                 incident->channel < SOLACE_N_CHANNELS ? solace_channel_get_label (incident->channel) : "?");
      solace_pdf_add_text (pdf, heading, "Sans Bold 13", 4);
      if (incident->corrects_uuid != NULL)
        {
          const char *number = g_hash_table_lookup (numbers, incident->corrects_uuid);
          g_autofree char *text = number != NULL
            ? g_strdup_printf (_("Corrects record %s"), number)
            : g_strdup (_("Corrects a record outside this period"));
          add_field (pdf, _("Correction:"), text);
        }
      add_field (pdf, _("Happened:"), happened);
      add_field (pdf, _("Recorded:"), recorded);
      add_user_field (pdf, _("Boundary:"), boundary != NULL ? boundary : incident->boundary_uuid);
      add_field (pdf, _("Necessary contact:"), incident->necessary ? _("Yes") : _("No"));
      add_field (pdf, _("What happened:"), NULL);
      solace_pdf_add_user_text (pdf, incident->what, "Sans 10", 4);
      add_field (pdf, _("How I responded:"), NULL);
      solace_pdf_add_user_text (pdf, incident->response, "Sans 10", 4);
      /* Records made before these fields existed have nothing to show. */
      if (incident->form >= SOLACE_INCIDENT_FORM_2 || has_text (incident->sender))
        add_user_field (pdf, _("Sender as it appeared:"), incident->sender);
      if (incident->form >= SOLACE_INCIDENT_FORM_2 || has_text (incident->witnesses))
        add_user_field (pdf, _("Witnesses:"), incident->witnesses);
      if (incident->form >= SOLACE_INCIDENT_FORM_2 || has_text (incident->reference))
        add_user_field (pdf, _("Medical or police reference:"), incident->reference);
      add_attachments (pdf, incident->attachments);
      solace_pdf_add_user_text (pdf, incident->hash, "Monospace 7", 20);
    }
}

#define UNPRINTABLE _("Some of the text could not be put in a PDF, so no report was made. " \
                          "Your records are unchanged, and a CSV export holds all of them.")

gboolean
solace_report_write_pdf (const SolaceReport  *report,
                         const char          *path,
                         GError             **error)
{
  g_autoptr(SolacePdf) pdf = NULL;

  g_return_val_if_fail (report != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  pdf = solace_pdf_new (NULL);
  lay_out (pdf, report);

  return solace_pdf_write (pdf, path, UNPRINTABLE, NULL, NULL, NULL, error);
}

GBytes *
solace_report_render_pdf (const SolaceReport  *report,
                          GError             **error)
{
  g_autoptr(SolacePdf) pdf = NULL;

  g_return_val_if_fail (report != NULL, NULL);

  pdf = solace_pdf_new (NULL);
  lay_out (pdf, report);

  return solace_pdf_render (pdf, UNPRINTABLE, NULL, NULL, NULL, error);
}
