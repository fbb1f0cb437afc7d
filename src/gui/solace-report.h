/* solace-report.h — the incident record as a printable PDF
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "solace-incidents.h"

G_BEGIN_DECLS

typedef struct
{
  GPtrArray        *incidents;        /* of SolaceIncident, in recorded order */
  GHashTable       *boundary_titles;  /* uuid → title, or NULL */
  SolaceChainCheck  check;            /* of the whole record */
  SolaceChainHead   head;             /* of the whole record */
  gint64            from;             /* the range asked for; 0 for open ends */
  gint64            until;
  gint64            made_at;
  GTimeZone        *tz;
} SolaceReport;

/* Writes @report to @path as A4 pages: a title page with the range, the
 * chain check and the chain's head, then one block per incident with
 * the files kept with it, numbered pages.  Safe
 * to call from a worker thread. */
gboolean solace_report_write_pdf (const SolaceReport  *report,
                                  const char          *path,
                                  GError             **error);
/* The same PDF, in memory only: for putting it in an archive without a
 * copy of the record ever being written elsewhere. */
GBytes  *solace_report_render_pdf (const SolaceReport  *report,
                                   GError             **error);

G_END_DECLS
