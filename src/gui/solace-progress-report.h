/* solace-progress-report.h — a progress report as a PDF, for a therapist
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "solace-database.h"
#include "solace-journal-entry.h"

G_BEGIN_DECLS

/* The parts a person can tick.  Each is a page section of its own. */
typedef enum
{
  SOLACE_REPORT_STRETCHES        = 1 << 0,  /* no-contact stretches */
  SOLACE_REPORT_URGES            = 1 << 1,  /* per week, strength, triggers */
  SOLACE_REPORT_MOOD             = 1 << 2,  /* mood and feelings */
  SOLACE_REPORT_SELF_CARE        = 1 << 3,
  SOLACE_REPORT_NOTES            = 1 << 4,  /* what check-ins say in words */
  SOLACE_REPORT_JOURNAL          = 1 << 5,  /* entries of the chosen kinds */
  SOLACE_REPORT_INCIDENTS        = 1 << 6,  /* how many, per week */
  SOLACE_REPORT_INCIDENT_RECORDS = 1 << 7,  /* each record in full */
} SolaceReportPart;

#define SOLACE_REPORT_N_PARTS 8
/* What a report holds unless the person says otherwise: nothing they
 * wrote in words. */
#define SOLACE_REPORT_DEFAULT_PARTS (SOLACE_REPORT_STRETCHES | SOLACE_REPORT_URGES | SOLACE_REPORT_MOOD | \
                                     SOLACE_REPORT_SELF_CARE | SOLACE_REPORT_INCIDENTS)

typedef struct
{
  GDate    from;         /* first day, or cleared: from the first day with anything */
  GDate    until;        /* last day, included */
  guint    parts;        /* SolaceReportPart */
  guint    entry_kinds;  /* bit 1 << SolaceEntryKind, for SOLACE_REPORT_JOURNAL */
  gint64   made_at;      /* Unix seconds; 0 for now */
} SolaceProgressReportOptions;

/* The name of one part, as ticked and as listed on the first page. */
const char *solace_report_part_get_label (SolaceReportPart part);

/* Called from the worker thread with how much is done, 0 to 1. */
typedef void (*SolaceProgressReportFunc) (double   fraction,
                                          gpointer user_data);

typedef struct _SolaceProgressReportData SolaceProgressReportData;

/* Reads what @options ask for from @db.  Blocking: for a worker thread. */
SolaceProgressReportData *solace_progress_report_gather    (SolaceDatabase                    *db,
                                                            const SolaceProgressReportOptions *options,
                                                            GCancellable                      *cancellable,
                                                            GError                           **error);
void                      solace_progress_report_data_free (SolaceProgressReportData          *data);

/* Writes @data to @path as numbered A4 pages, 0600 and whole (a file
 * beside it, then renamed), the charts drawn as vectors.  Blocking:
 * for a worker thread.  @progress may be NULL. */
gboolean                  solace_progress_report_write_pdf (const SolaceProgressReportData    *data,
                                                            const char                        *path,
                                                            SolaceProgressReportFunc           progress,
                                                            gpointer                           user_data,
                                                            GCancellable                      *cancellable,
                                                            GError                           **error);

/* Both of the above in one go, in a worker thread.  @progress is called
 * on the worker thread; @progress_destroy frees @progress_data once the
 * work is over. */
void                      solace_progress_report_make_async  (SolaceDatabase                    *db,
                                                              const SolaceProgressReportOptions *options,
                                                              const char                        *path,
                                                              SolaceProgressReportFunc           progress,
                                                              gpointer                           progress_data,
                                                              GDestroyNotify                     progress_destroy,
                                                              GCancellable                      *cancellable,
                                                              GAsyncReadyCallback                callback,
                                                              gpointer                           user_data);
gboolean                  solace_progress_report_make_finish (GAsyncResult                      *result,
                                                              GError                           **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SolaceProgressReportData, solace_progress_report_data_free)

G_END_DECLS
