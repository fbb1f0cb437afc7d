/* solace-pdf.c — text and drawings flowed on to numbered A4 PDF pages
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the incident record (solace-report.c) and the progress report
 * (solace-progress-report.c) share.  Drawn with cairo and Pango: every
 * block of text is laid out, then placed line by line so that a long
 * account runs on to the next page instead of being cut.  Two passes:
 * the first places the lines (and the drawings, such as charts) and
 * counts the pages, the second, solace_pdf_write(), draws them with
 * "Page N of M".
 *
 * What the person wrote goes through solace_text_for_display() with
 * SOLACE_TEXT_SHOW_HIDDEN first (solace_pdf_add_user_text()): each field
 * is isolated, so that its direction cannot reorder its label, and
 * characters that are invisible yet would change the record
 * (directional overrides) or stop cairo's PDF output dead
 * (noncharacters such as U+FFFE) are shown as a visible "<U+FFFE>"
 * rather than replaced with U+FFFD: a report may be read as evidence,
 * so it hides nothing and what was written can be told from it.  And
 * Pango's time on one paragraph grows faster than the paragraph, so a
 * long block is laid out a piece of PIECE_CHARS at a time (see
 * solace_pdf_add_block()); nothing is left out.
 */
#define G_LOG_DOMAIN "solace-pdf"

#include "config.h"

#include <string.h>

#include <cairo-pdf.h>
#include <glib/gi18n.h>
#include <pango/pangocairo.h>

#include "solace-error.h"
#include "solace-file.h"
#include "solace-pdf.h"
#include "solace-text.h"

#define PAGE_WIDTH  SOLACE_PDF_PAGE_WIDTH
#define PAGE_HEIGHT SOLACE_PDF_PAGE_HEIGHT
#define MARGIN      SOLACE_PDF_MARGIN
#define FOOTER      28.0

/* How many characters Pango lays out at a time: a few lines' worth,
 * quick whatever they hold. */
#define PIECE_CHARS 400

typedef struct
{
  SolacePdfDrawFunc draw;
  gpointer          user_data;
  GDestroyNotify    destroy;
} Drawing;

typedef struct
{
  PangoLayout *layout;     /* a line of it, or NULL for a drawing */
  int          line;
  Drawing     *drawing;
  int          page;
  double       x;          /* from the margin: a right-to-left line sits right */
  double       y;          /* the baseline of a line, the top of a drawing */
  double       height;     /* of a drawing */
} Placement;

struct _SolacePdf
{
  GByteArray      *bytes;
  cairo_surface_t *surface;
  cairo_t         *cr;
  GArray          *placements;   /* of Placement, in page order */
  GPtrArray       *layouts;
  GPtrArray       *drawings;
  int              page;
  double           y;
};

static void
drawing_free (gpointer p)
{
  Drawing *drawing = p;

  if (drawing->destroy != NULL)
    drawing->destroy (drawing->user_data);
  g_free (drawing);
}

static double
bottom (void)
{
  return PAGE_HEIGHT - MARGIN - FOOTER;
}

static PangoLayout *
new_layout (SolacePdf  *pdf,
            const char *text,
            gsize       length,
            gsize       bold,
            const char *font)
{
  PangoLayout *layout = pango_cairo_create_layout (pdf->cr);
  g_autoptr(PangoFontDescription) desc = pango_font_description_from_string (font);

  pango_layout_set_font_description (layout, desc);
  pango_layout_set_width (layout, (int) (SOLACE_PDF_TEXT_WIDTH * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_text (layout, text, (int) length);
  if (bold > 0)
    {
      g_autoptr(PangoAttrList) attrs = pango_attr_list_new ();
      PangoAttribute *weight = pango_attr_weight_new (PANGO_WEIGHT_BOLD);

      weight->start_index = 0;
      weight->end_index = (guint) MIN (bold, length);
      pango_attr_list_insert (attrs, weight);
      pango_layout_set_attributes (layout, attrs);
    }
  g_ptr_array_add (pdf->layouts, layout);

  return layout;
}

/* Places the first @n_lines lines of @layout from the current position,
 * running on to new pages as needed. */
static void
place_lines (SolacePdf   *pdf,
             PangoLayout *layout,
             int          n_lines)
{
  PangoLayoutIter *iter = pango_layout_get_iter (layout);
  int line = 0;

  do
    {
      PangoRectangle ink, logical;
      int top, end;
      double height, ascent;
      Placement placement = { 0 };

      /* A line is as tall as its ink when that reaches further than
       * the font does (accents stacked on accents): it neither covers
       * the line above nor runs off the page. */
      pango_layout_iter_get_line_extents (iter, &ink, &logical);
      top = logical.y;
      end = logical.y + logical.height;
      if (ink.width > 0 && ink.height > 0)
        {
          top = MIN (top, ink.y);
          end = MAX (end, ink.y + ink.height);
        }
      height = (double) (end - top) / PANGO_SCALE;
      ascent = (double) (pango_layout_iter_get_baseline (iter) - top) / PANGO_SCALE;

      if (pdf->y + height > bottom ())
        solace_pdf_new_page (pdf);

      placement.layout = layout;
      placement.line = line++;
      placement.page = pdf->page;
      placement.x = (double) logical.x / PANGO_SCALE;
      placement.y = pdf->y + ascent;
      g_array_append_val (pdf->placements, placement);
      pdf->y += height;
    }
  while (line < n_lines && pango_layout_iter_next_line (iter));
  pango_layout_iter_free (iter);
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

/* A new flow of A4 pages, at the top of the first; @title, if not NULL,
 * goes in the PDF's metadata. */
SolacePdf *
solace_pdf_new (const char *title)
{
  SolacePdf *pdf = g_new0 (SolacePdf, 1);

  pdf->bytes = g_byte_array_new ();
  pdf->surface = cairo_pdf_surface_create_for_stream (append_cb, pdf->bytes, PAGE_WIDTH, PAGE_HEIGHT);
  if (title != NULL)
    cairo_pdf_surface_set_metadata (pdf->surface, CAIRO_PDF_METADATA_TITLE, title);
  pdf->cr = cairo_create (pdf->surface);
  pdf->placements = g_array_new (FALSE, FALSE, sizeof (Placement));
  pdf->layouts = g_ptr_array_new_with_free_func (g_object_unref);
  pdf->drawings = g_ptr_array_new_with_free_func (drawing_free);
  pdf->page = 0;
  pdf->y = MARGIN;

  return pdf;
}

void
solace_pdf_free (SolacePdf *pdf)
{
  if (pdf == NULL)
    return;

  g_clear_pointer (&pdf->cr, cairo_destroy);
  g_clear_pointer (&pdf->surface, cairo_surface_destroy);
  g_clear_pointer (&pdf->placements, g_array_unref);
  g_clear_pointer (&pdf->layouts, g_ptr_array_unref);
  g_clear_pointer (&pdf->drawings, g_ptr_array_unref);
  g_clear_pointer (&pdf->bytes, g_byte_array_unref);
  g_free (pdf);
}

void
solace_pdf_new_page (SolacePdf *pdf)
{
  pdf->page++;
  pdf->y = MARGIN;
}

/* Whether nothing has been placed on this page yet (or only space). */
gboolean
solace_pdf_at_top (SolacePdf *pdf)
{
  return pdf->y <= MARGIN;
}

/* Starts a new page unless @height more fits on this one: a heading
 * never ends a page on its own. */
void
solace_pdf_keep_together (SolacePdf *pdf,
                          double     height)
{
  if (pdf->y > MARGIN && pdf->y + height > bottom ())
    solace_pdf_new_page (pdf);
}

void
solace_pdf_add_space (SolacePdf *pdf,
                      double     height)
{
  pdf->y += height;
}

/* Adds a block of plain text, shown as it is, the first @bold bytes in
 * bold, in @font (a Pango font description, "Sans Bold 13").
 *
 * A long block is laid out a piece at a time, each piece at most
 * PIECE_CHARS characters and cut between graphemes: every line of a
 * piece but the last is placed, and the last line is laid out again at
 * the start of the next piece, with what follows it, so that the lines
 * run on as if the block had been laid out whole.  Only when the last
 * line holds most of the piece (one letter under thousands of accents)
 * is the piece placed whole, which keeps every piece moving on by at
 * least half of it. */
void
solace_pdf_add_block (SolacePdf  *pdf,
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
      PangoLayout *layout = new_layout (pdf, text + start, piece, bold > start ? bold - start : 0, font);
      int n_lines = pango_layout_get_line_count (layout);
      gsize next = start + piece;

      if (next < length && n_lines > 1)
        {
          PangoLayoutLine *last = pango_layout_get_line_readonly (layout, n_lines - 1);

          if ((gsize) last->start_index >= piece / 2)
            {
              n_lines--;
              next = start + (gsize) last->start_index;
            }
        }

      place_lines (pdf, layout, n_lines);
      start = next;
    }
  while (start < length);

  pdf->y += space_after;
}

void
solace_pdf_add_text (SolacePdf  *pdf,
                     const char *text,
                     const char *font,
                     double      space_after)
{
  solace_pdf_add_block (pdf, text, 0, font, space_after);
}

/* What the person wrote, as a block of its own, every hidden character
 * shown; nothing written, a dash. */
void
solace_pdf_add_user_text (SolacePdf  *pdf,
                          const char *text,
                          const char *font,
                          double      space_after)
{
  g_autofree char *shown = solace_text_for_display (text != NULL && *text ? text : "—", -1, 0,
                                                    SOLACE_TEXT_SHOW_HIDDEN);

  solace_pdf_add_block (pdf, shown, 0, font, space_after);
}

/* "Label  value" in Sans 10, the label in bold.  No value: a heading
 * for the paragraph that follows. */
void
solace_pdf_add_field (SolacePdf  *pdf,
                      const char *label,
                      const char *value,
                      double      space_after)
{
  g_autofree char *text = value != NULL ? g_strconcat (label, "  ", value, NULL) : NULL;

  solace_pdf_add_block (pdf, text != NULL ? text : label, strlen (label), "Sans 10", space_after);
}

/* Reserves @height points across the page for @draw, on this page if it
 * fits, else at the top of the next: a drawing is never cut. */
void
solace_pdf_add_drawing (SolacePdf         *pdf,
                        double             height,
                        double             space_after,
                        SolacePdfDrawFunc  draw,
                        gpointer           user_data,
                        GDestroyNotify     destroy)
{
  Drawing *drawing = g_new0 (Drawing, 1);
  Placement placement = { 0 };

  drawing->draw = draw;
  drawing->user_data = user_data;
  drawing->destroy = destroy;
  g_ptr_array_add (pdf->drawings, drawing);

  solace_pdf_keep_together (pdf, height);
  placement.drawing = drawing;
  placement.height = height;
  placement.page = pdf->page;
  placement.x = 0;
  placement.y = pdf->y;
  g_array_append_val (pdf->placements, placement);
  pdf->y += height + space_after;
}

/* Draws every page, with "Page N of M" at its foot, and returns the
 * PDF's bytes, made in memory only.  @unprintable is the message when
 * cairo cannot put some of the text in a PDF; @page_done, if not NULL,
 * is told of every page drawn.  Cancelled between pages: NULL. */
GBytes *
solace_pdf_render (SolacePdf          *pdf,
                   const char         *unprintable,
                   SolacePdfPageFunc   page_done,
                   gpointer            user_data,
                   GCancellable       *cancellable,
                   GError            **error)
{
  cairo_t *cr = pdf->cr;
  cairo_status_t drawn, status;
  gboolean stopped = FALSE;
  guint next = 0;

  g_return_val_if_fail (cr != NULL, NULL);

  for (int page = 0; page <= pdf->page; page++)
    {
      g_autoptr(PangoLayout) footer = pango_cairo_create_layout (cr);
      g_autoptr(PangoFontDescription) desc = pango_font_description_from_string ("Sans 8");
      g_autofree char *number = g_strdup_printf (_("Page %d of %d"), page + 1, pdf->page + 1);
      int width;

      if (g_cancellable_is_cancelled (cancellable))
        {
          stopped = TRUE;
          break;
        }

      cairo_set_source_rgb (cr, 0.1, 0.1, 0.1);
      for (; next < pdf->placements->len; next++)
        {
          Placement *p = &g_array_index (pdf->placements, Placement, next);

          if (p->page != page)
            break;
          if (p->drawing != NULL)
            {
              cairo_save (cr);
              cairo_translate (cr, MARGIN + p->x, p->y);
              p->drawing->draw (cr, SOLACE_PDF_TEXT_WIDTH, p->height, p->drawing->user_data);
              cairo_restore (cr);
            }
          else
            {
              cairo_move_to (cr, MARGIN + p->x, p->y);
              pango_cairo_show_layout_line (cr, pango_layout_get_line_readonly (p->layout, p->line));
            }
        }

      pango_layout_set_font_description (footer, desc);
      pango_layout_set_text (footer, number, -1);
      pango_layout_get_pixel_size (footer, &width, NULL);
      cairo_set_source_rgb (cr, 0.4, 0.4, 0.4);
      cairo_move_to (cr, (PAGE_WIDTH - width) / 2, PAGE_HEIGHT - MARGIN);
      pango_cairo_show_layout (cr, footer);
      cairo_show_page (cr);
      if (page_done != NULL)
        page_done (page, pdf->page + 1, user_data);

      /* A context in error draws nothing more: stop, and say so,
       * rather than hand over a report cut short. */
      if (cairo_status (cr) != CAIRO_STATUS_SUCCESS)
        break;
    }

  drawn = cairo_status (cr);
  g_clear_pointer (&pdf->cr, cairo_destroy);
  cairo_surface_finish (pdf->surface);
  status = cairo_surface_status (pdf->surface);
  g_clear_pointer (&pdf->surface, cairo_surface_destroy);

  if (stopped)
    {
      if (!g_cancellable_set_error_if_cancelled (cancellable, error))
        g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, "Cancelled");
      return NULL;
    }
  if (drawn != CAIRO_STATUS_SUCCESS)
    {
      g_set_error_literal (error, SOLACE_ERROR, SOLACE_ERROR_FAILED, unprintable);
      return NULL;
    }
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, SOLACE_ERROR, SOLACE_ERROR_FAILED,
                   _("Could not make the PDF: %s"), cairo_status_to_string (status));
      return NULL;
    }

  return g_byte_array_free_to_bytes (g_steal_pointer (&pdf->bytes));
}

/* solace_pdf_render(), written to @path: 0600 whatever the umask, and
 * whole or not at all. */
gboolean
solace_pdf_write (SolacePdf          *pdf,
                  const char         *path,
                  const char         *unprintable,
                  SolacePdfPageFunc   page_done,
                  gpointer            user_data,
                  GCancellable       *cancellable,
                  GError            **error)
{
  g_autoptr(GBytes) bytes = NULL;

  g_return_val_if_fail (path != NULL, FALSE);

  bytes = solace_pdf_render (pdf, unprintable, page_done, user_data, cancellable, error);
  if (bytes == NULL)
    return FALSE;

  return solace_file_write_private (path, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), error);
}
