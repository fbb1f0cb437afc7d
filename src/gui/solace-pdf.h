/* solace-pdf.h — text and drawings flowed on to numbered A4 PDF pages
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>
#include <gio/gio.h>

G_BEGIN_DECLS

#define SOLACE_PDF_PAGE_WIDTH  595.28   /* A4, in points */
#define SOLACE_PDF_PAGE_HEIGHT 841.89
#define SOLACE_PDF_MARGIN      56.0
/* The width text and drawings have between the margins. */
#define SOLACE_PDF_TEXT_WIDTH  (SOLACE_PDF_PAGE_WIDTH - 2 * SOLACE_PDF_MARGIN)

typedef struct _SolacePdf SolacePdf;

/* Draws an item of @width × @height points, @cr's origin at its top left. */
typedef void (*SolacePdfDrawFunc) (cairo_t  *cr,
                                   double    width,
                                   double    height,
                                   gpointer  user_data);

/* Called after page @page (from 0) of @n_pages is drawn. */
typedef void (*SolacePdfPageFunc) (int      page,
                                   int      n_pages,
                                   gpointer user_data);

SolacePdf *solace_pdf_new              (const char        *title);
void       solace_pdf_free             (SolacePdf         *pdf);

void       solace_pdf_new_page         (SolacePdf         *pdf);
gboolean   solace_pdf_at_top           (SolacePdf         *pdf);
void       solace_pdf_keep_together    (SolacePdf         *pdf,
                                        double             height);
void       solace_pdf_add_space        (SolacePdf         *pdf,
                                        double             height);
void       solace_pdf_add_block        (SolacePdf         *pdf,
                                        const char        *text,
                                        gsize              bold,
                                        const char        *font,
                                        double             space_after);
void       solace_pdf_add_text         (SolacePdf         *pdf,
                                        const char        *text,
                                        const char        *font,
                                        double             space_after);
void       solace_pdf_add_user_text    (SolacePdf         *pdf,
                                        const char        *text,
                                        const char        *font,
                                        double             space_after);
void       solace_pdf_add_field        (SolacePdf         *pdf,
                                        const char        *label,
                                        const char        *value,
                                        double             space_after);
void       solace_pdf_add_drawing      (SolacePdf         *pdf,
                                        double             height,
                                        double             space_after,
                                        SolacePdfDrawFunc  draw,
                                        gpointer           user_data,
                                        GDestroyNotify     destroy);

GBytes    *solace_pdf_render           (SolacePdf         *pdf,
                                        const char        *unprintable,
                                        SolacePdfPageFunc  page_done,
                                        gpointer           user_data,
                                        GCancellable      *cancellable,
                                        GError           **error);
gboolean   solace_pdf_write            (SolacePdf         *pdf,
                                        const char        *path,
                                        const char        *unprintable,
                                        SolacePdfPageFunc  page_done,
                                        gpointer           user_data,
                                        GCancellable      *cancellable,
                                        GError           **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SolacePdf, solace_pdf_free)

G_END_DECLS
