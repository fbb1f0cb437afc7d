/* solace-error.h — the project's error domain
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define SOLACE_ERROR (solace_error_quark ())

typedef enum
{
  SOLACE_ERROR_FAILED,          /* anything not listed below */
  SOLACE_ERROR_CANT_CREATE,     /* folder or file could not be created */
  SOLACE_ERROR_NOT_A_DATABASE,  /* the file is not an SQLite database */
  SOLACE_ERROR_CORRUPT,         /* the file is damaged */
  SOLACE_ERROR_NEWER_SCHEMA,    /* made by a newer Solace than this one */
  SOLACE_ERROR_READ_ONLY,       /* cannot write: permissions or read-only mode */
  SOLACE_ERROR_DISK_FULL,       /* no space left */
  SOLACE_ERROR_BUSY,            /* another program holds the database */
  SOLACE_ERROR_NOT_FOUND,       /* a row that does not exist */
  SOLACE_ERROR_INVALID,         /* input that breaks a rule */
  SOLACE_ERROR_LOCKED,          /* encrypted: needs the passphrase or recovery key */
} SolaceError;

GQuark solace_error_quark (void);

G_END_DECLS
