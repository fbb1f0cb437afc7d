/* solace-data-page.h — Preferences → Your Data: export, import, backups
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "solace-data-owner.h"

G_BEGIN_DECLS

#define SOLACE_TYPE_DATA_PAGE (solace_data_page_get_type ())

G_DECLARE_FINAL_TYPE (SolaceDataPage, solace_data_page, SOLACE, DATA_PAGE, AdwPreferencesPage)

SolaceDataPage *solace_data_page_new              (SolaceDataOwner   *owner);
/* Reads the backups folder again. */
void            solace_data_page_refresh_backups  (SolaceDataPage    *self);

/* For tests: the list of backups, "Back Up Now", and what a chooser or
 * a confirmation would do once answered. */
GtkListBox     *solace_data_page_get_backup_list  (SolaceDataPage    *self);
GtkWidget      *solace_data_page_get_backup_button (SolaceDataPage   *self);
void            solace_data_page_restore          (SolaceDataPage    *self,
                                                   const char        *backup);
void            solace_data_page_export           (SolaceDataPage    *self,
                                                   GFile             *file);
void            solace_data_page_export_journal   (SolaceDataPage    *self,
                                                   GFile             *file,
                                                   guint              days);
void            solace_data_page_import           (SolaceDataPage    *self,
                                                   GFile             *file,
                                                   int                mode);

G_END_DECLS
