/* solace-progress-report-dialog.h — choose the days and parts of a
 * progress report, and make it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "solace-database.h"
#include "solace-progress-report.h"

G_BEGIN_DECLS

#define SOLACE_TYPE_PROGRESS_REPORT_DIALOG (solace_progress_report_dialog_get_type ())

G_DECLARE_FINAL_TYPE (SolaceProgressReportDialog, solace_progress_report_dialog,
                      SOLACE, PROGRESS_REPORT_DIALOG, AdwWindow)

SolaceProgressReportDialog *solace_progress_report_dialog_new          (SolaceDatabase             *db);
/* The check button of @part, or of journal entries of @kind when @part
 * is 0: for tests, and for what a person ticks. */
GtkCheckButton             *solace_progress_report_dialog_get_check    (SolaceProgressReportDialog *self,
                                                                        SolaceReportPart            part,
                                                                        SolaceEntryKind             kind);
/* What the ticks and the days say now. */
void                        solace_progress_report_dialog_get_options  (SolaceProgressReportDialog *self,
                                                                        SolaceProgressReportOptions *options);
/* Makes the report into @path, as "Make Report…" does once a file is
 * chosen; "finished" follows.  For tests: the native chooser cannot be
 * driven. */
void                        solace_progress_report_dialog_make_to      (SolaceProgressReportDialog *self,
                                                                        const char                 *path);
gboolean                    solace_progress_report_dialog_get_busy     (SolaceProgressReportDialog *self);
GtkLabel                   *solace_progress_report_dialog_get_status   (SolaceProgressReportDialog *self);

G_END_DECLS
