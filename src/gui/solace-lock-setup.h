/* solace-lock-setup.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "solace-data-owner.h"
#include "solace-keys.h"

G_BEGIN_DECLS

#define SOLACE_TYPE_LOCK_SETUP (solace_lock_setup_get_type ())

G_DECLARE_FINAL_TYPE (SolaceLockSetup, solace_lock_setup, SOLACE, LOCK_SETUP, AdwWindow)

typedef enum
{
  SOLACE_LOCK_SETUP_SET_UP,             /* choose a passphrase, recovery key, encrypt */
  SOLACE_LOCK_SETUP_CHANGE_PASSPHRASE,  /* current, then a new one */
  SOLACE_LOCK_SETUP_NEW_RECOVERY_KEY,   /* current, then a new recovery key */
  SOLACE_LOCK_SETUP_REMOVE,             /* current, then decrypt */
} SolaceLockSetupMode;

SolaceLockSetup *solace_lock_setup_new (GtkWindow           *parent,
                                        SolaceDataOwner     *application,
                                        SolaceLockSetupMode  mode);

/* For the tests. */
/* Argon2 cost for the passphrase slots this dialog writes (the default
 * calibrates, about a second). */
void        solace_lock_setup_set_pwhash_params (SolaceLockSetup          *self,
                                                 const SolacePwhashParams *params);
/* The page shown: "choose", "current", "busy", "key", "check",
 * "progress" or "done". */
const char *solace_lock_setup_get_page          (SolaceLockSetup          *self);
/* A field or button by name: "passphrase", "confirm", "current",
 * "group-1", "group-2", "key", "message", "strength", "next",
 * "cancel", "copy", "print", "show-key", "delete-backups",
 * "progress". */
GtkWidget  *solace_lock_setup_get_widget        (SolaceLockSetup          *self,
                                                 const char               *name);
/* The 0-based groups the check page asks for. */
void        solace_lock_setup_get_groups        (SolaceLockSetup          *self,
                                                 guint                    *first,
                                                 guint                    *second);
/* Print, into a PDF file at @pdf_path instead of through the dialog;
 * FALSE when no recovery key is shown. */
gboolean    solace_lock_setup_export_key        (SolaceLockSetup          *self,
                                                 const char               *pdf_path);
/* What Print Preview in the print dialog does; FALSE when no recovery
 * key is shown. */
gboolean    solace_lock_setup_preview_key       (SolaceLockSetup          *self);
/* Whether it is waiting on work in a thread. */
gboolean    solace_lock_setup_is_busy           (SolaceLockSetup          *self);

G_END_DECLS
