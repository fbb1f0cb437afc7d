/* solace-report.c — the incident record as a printable PDF
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Drawn with cairo and Pango: every block of text is laid out, then
 * placed line by line so that a long account runs on to the next page
 * instead of being cut.  Two passes: the first places the lines and
 * counts the pages, the second draws them with "Page N of M".
 *
 * What the person wrote goes through solace_text_for_display() with
 * SOLACE_TEXT_SHOW_HIDDEN first: each field is isolated, so that its
 * direction cannot reorder its label, and characters that are invisible
 * yet would change the record (directional overrides) or stop cairo's
 * PDF output dead (noncharacters such as U+FFFE) are shown as a visible
 * "<U+FFFE>" rather than replaced with U+FFFD: the record may be read as
 * evidence, so it hides nothing and what was written can be told from
 * it.  And Pango's time on one paragraph grows faster than the
 * paragraph, so a long block is laid out a piece of PIECE_CHARS at a
 * time (see add_block()); nothing is left out.
 */
#define G_LOG_DOMAIN "solace-report"

#include "config.h"

#include <string.h>

#include <cairo-pdf.h>
#include <glib/gi18n.h>
#include <pango/pangocairo.h>

#include "solace-error.h"
#include "solace-file.h"
#include "solace-locale.h"
#include "solace-report.h"
#include "solace-text.h"

#define PAGE_WIDTH  595.28   /* A4, in points */
#define PAGE_HEIGHT 841.89
#define MARGIN      56.0
#define FOOTER      28.0

/* How many characters Pango lays out at a time: a few lines' worth,
 * quick whatever they hold. */
#define PIECE_CHARS 400

typedef struct
{
  PangoLayout *layout;
  int          line;
  int          page;
  double       x;          /* from the margin: a right-to-left line sits right */
  double       baseline;
} Placement;

typedef struct
{
  cairo_t *cr;
  GArray  *placements;
  GPtrArray *layouts;
  int      page;
  double   y;
} Pager;

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

static PangoLayout *
new_layout (Pager      *pager,
            const char *text,
            gsize       length,
            gsize       bold,
            const char *font)
{
  PangoLayout *layout = pango_cairo_create_layout (pager->cr);
  g_autoptr(PangoFontDescription) desc = pango_font_description_from_string (font);

  pango_layout_set_font_description (layout, desc);
  pango_layout_set_width (layout, (int) ((PAGE_WIDTH - 2 * MARGIN) * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_text (layout, text, length);
  if (bold > 0)
    {
      g_autoptr(PangoAttrList) attrs = pango_attr_list_new ();
      PangoAttribute *weight = pango_attr_weight_new (PANGO_WEIGHT_BOLD);

      weight->start_index = 0;
      weight->end_index = MIN (bold, length);
      pango_attr_list_insert (attrs, weight);
      pango_layout_set_attributes (layout, attrs);
    }
  g_ptr_array_add (pager->layouts, layout);

  return layout;
}

/* Places the first @n_lines lines of @layout from the current position,
 * running on to new pages as needed. */
static void
place_lines (Pager       *pager,
             PangoLayout *layout,
             int          n_lines)
{
  PangoLayoutIter *iter = pango_layout_get_iter (layout);
  int line = 0;

  do
    {
      PangoRectangle ink, logical;
      int top, bottom;
      double height, ascent;
      Placement placement;

      /* A line is as tall as its ink when that reaches further than
       * the font does (accents stacked on accents): it neither covers
       * the line above nor runs off the page. */
      pango_layout_iter_get_line_extents (iter, &ink, &logical);
      top = logical.y;
      bottom = logical.y + logical.height;
      if (ink.width > 0 && ink.height > 0)
        {
          top = MIN (top, ink.y);
          bottom = MAX (bottom, ink.y + ink.height);
        }
      height = (double) (bottom - top) / PANGO_SCALE;
      ascent = (double) (pango_layout_iter_get_baseline (iter) - top) / PANGO_SCALE;

      if (pager->y + height > PAGE_HEIGHT - MARGIN - FOOTER)
        {
          pager->page++;
          pager->y = MARGIN;
        }

      placement.layout = layout;
      placement.line = line++;
      placement.page = pager->page;
      placement.x = (double) logical.x / PANGO_SCALE;
      placement.baseline = pager->y + ascent;
      g_array_append_val (pager->placements, placement);
      pager->y += height;
    }
  while (line < n_lines && pango_layout_iter_next_line (iter));
  pango_layout_iter_free (iter);
}

/* Adds a block of plain text, shown as it is, the first @bold bytes in
 * bold.
 *
 * A long block is laid out a piece at a time, each piece at most
 * PIECE_CHARS characters and cut between graphemes: every line of a
 * piece but the last is placed, and the last line is laid out again at
 * the start of the next piece, with what follows it, so that the lines
 * run on as if the block had been laid out whole.  Only when the last
 * line holds most of the piece (one letter under thousands of accents)
 * is the piece placed whole, which keeps every piece moving on by at
 * least half of it. */
static void
add_block (Pager      *pager,
           const char *text,
           gsize       bold,
           const char *font,
           double      space_after)
{
  gsize length = strlen (text);
  gsize start = 0;

  do
    {
      gsize piece = solace_text_cut (text + start, length - start, PIECE_CHARS);
      PangoLayout *layout = new_layout (pager, text + start, piece, bold > start ? bold - start : 0, font);
      int n_lines = pango_layout_get_line_count (layout);
      gsize next = start + piece;

      if (next < length && n_lines > 1)
        {
          PangoLayoutLine *last = pango_layout_get_line_readonly (layout, n_lines - 1);

          if ((gsize) last->start_index >= piece / 2)
            {
              n_lines--;
              next = start + last->start_index;
            }
        }

      place_lines (pager, layout, n_lines);
      start = next;
    }
  while (start < length);

  pager->y += space_after;
}

static void
add_text (Pager      *pager,
          const char *text,
          const char *font,
          double      space_after)
{
  add_block (pager, text, 0, font, space_after);
}

/* What the person wrote, as a block of its own. */
static void
add_user_text (Pager      *pager,
               const char *text,
               const char *font,
               double      space_after)
{
  g_autofree char *shown = solace_text_for_display (text != NULL && *text ? text : "—", -1, 0,
                                                    SOLACE_TEXT_SHOW_HIDDEN);

  add_block (pager, shown, 0, font, space_after);
}

/* "Label: value", the label in bold.  No value: a heading for the
 * paragraph that follows. */
static void
add_field (Pager      *pager,
           const char *label,
           const char *value)
{
  g_autofree char *text = value != NULL ? g_strconcat (label, "  ", value, NULL) : NULL;

  add_block (pager, text != NULL ? text : label, strlen (label), "Sans 10", 2);
}

/* "Label: value" where the value is what the person wrote. */
static void
add_user_field (Pager      *pager,
                const char *label,
                const char *value)
{
  g_autofree char *shown = solace_text_for_display (value != NULL && *value ? value : "—", -1, 0,
                                                    SOLACE_TEXT_SHOW_HIDDEN);

  add_field (pager, label, shown);
}

static void
new_page (Pager *pager)
{
  pager->page++;
  pager->y = MARGIN;
}

static void
lay_out (Pager              *pager,
         const SolaceReport *report)
{
  g_autoptr(GHashTable) numbers = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  g_autofree char *made = format_time (report->made_at, report->tz);
  g_autofree char *range = NULL;
  g_autofree char *count = NULL;
  g_autofree char *check = NULL;

  /* The title page. */
  pager->y = MARGIN + 120;
  add_text (pager, _("Incident Record"), "Sans Bold 24", 12);
  add_text (pager, _("Unwanted contact and boundary violations, as recorded in Solace"), "Sans 12", 28);

  if (report->from == 0 && report->until == 0)
    range = g_strdup (_("Every record"));
  else
    {
      g_autofree char *from = report->from != 0 ? format_day (report->from, report->tz) : g_strdup ("…");
      g_autofree char *until = report->until != 0 ? format_day (report->until, report->tz) : g_strdup ("…");
      /* Translators: a range of dates, "1 November 2026 – 27 November 2026". */
      range = g_strdup_printf (_("%s – %s"), from, until);
    }
  add_field (pager, _("Period:"), range);
  count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u record", "%u records", report->incidents->len),
                           report->incidents->len);
  add_field (pager, _("Records in this report:"), count);
  add_field (pager, _("Made:"), made);

  if (report->check.intact)
    check = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          "Intact: the %u record in the file matches what was written when it was recorded.",
                                          "Intact: all %u records in the file match what was written when they were recorded.",
                                          report->check.n_checked),
                             report->check.n_checked);
  else
    check = g_strdup_printf (_("Not intact: record %u in the file no longer matches what was written "
                               "when it was recorded, so it and every record after it may have been changed."),
                             report->check.broken_number);
  add_field (pager, _("Chain check:"), check);
  add_text (pager,
            _("Each record carries a SHA-256 hash of its contents and of the record before it. "
              "Records cannot be edited or deleted in Solace; a correction is a new record that names the one it corrects."),
            "Sans 9", 0);

  for (guint i = 0; i < report->incidents->len; i++)
    {
      SolaceIncident *incident = g_ptr_array_index (report->incidents, i);
      g_hash_table_insert (numbers, incident->uuid, g_strdup_printf ("%" G_GINT64_FORMAT, incident->id));
    }

  new_page (pager);
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
      if (pager->y > PAGE_HEIGHT - MARGIN - FOOTER - 160)
        new_page (pager);

      /* Translators: "Record 12 · Text message". */
      heading = g_strdup_printf (_("Record %lld · %s"), (long long) incident->id,
                                 incident->channel < SOLACE_N_CHANNELS ? solace_channel_get_label (incident->channel) : "?");
      add_text (pager, heading, "Sans Bold 13", 4);
      if (incident->corrects_uuid != NULL)
        {
          const char *number = g_hash_table_lookup (numbers, incident->corrects_uuid);
          g_autofree char *text = number != NULL
            ? g_strdup_printf (_("Corrects record %s"), number)
            : g_strdup (_("Corrects a record outside this period"));
          add_field (pager, _("Correction:"), text);
        }
      add_field (pager, _("Happened:"), happened);
      add_field (pager, _("Recorded:"), recorded);
      add_user_field (pager, _("Boundary:"), boundary != NULL ? boundary : incident->boundary_uuid);
      add_field (pager, _("Necessary contact:"), incident->necessary ? _("Yes") : _("No"));
      add_field (pager, _("What happened:"), NULL);
      add_user_text (pager, incident->what, "Sans 10", 4);
      add_field (pager, _("How I responded:"), NULL);
      add_user_text (pager, incident->response, "Sans 10", 4);
      add_user_text (pager, incident->hash, "Monospace 7", 20);
    }
}

/* The PDF is made in memory, then written 0600 and whole by
 * solace_file_write_private(): cairo_pdf_surface_create() would open the
 * file itself, readable by everyone under the usual umask. */
static cairo_status_t
append_cb (void                *closure,
           const unsigned char *data,
           unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

gboolean
solace_report_write_pdf (const SolaceReport  *report,
                         const char          *path,
                         GError             **error)
{
  g_autoptr(GArray) placements = g_array_new (FALSE, FALSE, sizeof (Placement));
  g_autoptr(GPtrArray) layouts = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GByteArray) pdf = g_byte_array_new ();
  cairo_surface_t *surface;
  cairo_status_t drawn, status;
  cairo_t *cr;
  Pager pager = { 0 };
  guint next = 0;

  g_return_val_if_fail (report != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  surface = cairo_pdf_surface_create_for_stream (append_cb, pdf, PAGE_WIDTH, PAGE_HEIGHT);
  cr = cairo_create (surface);

  pager.cr = cr;
  pager.placements = placements;
  pager.layouts = layouts;
  lay_out (&pager, report);

  for (int page = 0; page <= pager.page; page++)
    {
      g_autoptr(PangoLayout) footer = pango_cairo_create_layout (cr);
      g_autoptr(PangoFontDescription) desc = pango_font_description_from_string ("Sans 8");
      g_autofree char *number = g_strdup_printf (_("Page %d of %d"), page + 1, pager.page + 1);
      int width;

      cairo_set_source_rgb (cr, 0.1, 0.1, 0.1);
      for (; next < placements->len; next++)
        {
          Placement *p = &g_array_index (placements, Placement, next);

          if (p->page != page)
            break;
          cairo_move_to (cr, MARGIN + p->x, p->baseline);
          pango_cairo_show_layout_line (cr, pango_layout_get_line_readonly (p->layout, p->line));
        }

      pango_layout_set_font_description (footer, desc);
      pango_layout_set_text (footer, number, -1);
      pango_layout_get_pixel_size (footer, &width, NULL);
      cairo_set_source_rgb (cr, 0.4, 0.4, 0.4);
      cairo_move_to (cr, (PAGE_WIDTH - width) / 2, PAGE_HEIGHT - MARGIN);
      pango_cairo_show_layout (cr, footer);
      cairo_show_page (cr);

      /* A context in error draws nothing more: stop, and say so,
       * rather than hand over a report cut short. */
      if (cairo_status (cr) != CAIRO_STATUS_SUCCESS)
        break;
    }

  drawn = cairo_status (cr);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  if (drawn != CAIRO_STATUS_SUCCESS)
    {
      g_set_error_literal (error, SOLACE_ERROR, SOLACE_ERROR_FAILED,
                           _("Some of the text could not be put in a PDF, so no report was made. "
                             "Your records are unchanged, and a CSV export holds all of them."));
      return FALSE;
    }
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, SOLACE_ERROR, SOLACE_ERROR_CANT_CREATE,
                   _("Could not write the report to “%s”: %s"), path, cairo_status_to_string (status));
      return FALSE;
    }

  return solace_file_write_private (path, pdf->data, pdf->len, error);
}
