/* solace-database.h — one SQLite connection with numbered migrations
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <sqlite3.h>

#include "solace-keys.h"

G_BEGIN_DECLS

#define SOLACE_TYPE_DATABASE (solace_database_get_type ())

G_DECLARE_FINAL_TYPE (SolaceDatabase, solace_database, SOLACE, DATABASE, GObject)

typedef enum
{
  SOLACE_DATABASE_FLAGS_NONE      = 0,
  /* Open without writing anything: no migration, no WAL set-up. */
  SOLACE_DATABASE_FLAGS_READ_ONLY = 1 << 0,
  /* reminders.db, not the journal: its own schema, nothing attached.
   * It holds the reminders' schedules, what they fired and their
   * settings, and never a word the person wrote, so the reminder
   * service can use it while the journal is locked. */
  SOLACE_DATABASE_FLAGS_REMINDERS = 1 << 1,
} SolaceDatabaseFlags;

/* The schema version this build creates and understands. */
int             solace_database_get_latest_version (void);
int             solace_database_get_latest_reminders_version (void);

char           *solace_database_dup_default_path   (void);
/* reminders.db beside the journal at @journal_path; the journal's
 * connection has it attached as "reminders". */
char           *solace_database_dup_reminders_path (const char           *journal_path);
char           *solace_database_dup_default_reminders_path (void);

SolaceDatabase *solace_database_open               (const char           *path,
                                                    SolaceDatabaseFlags   flags,
                                                    GError              **error);
/* An encrypted database (see solace-crypt-vfs.h), or a new one; @key
 * stays registered with the VFS until this connection and every reader
 * opened from it are finalized.  solace_database_open() of an encrypted file fails
 * with SOLACE_ERROR_LOCKED. */
SolaceDatabase *solace_database_open_sealed        (const char           *path,
                                                    SolaceDatabaseFlags   flags,
                                                    const SolaceKey      *key,
                                                    GError              **error);
/* Read-only, through the VFS too if @self is sealed. */
SolaceDatabase *solace_database_open_reader        (SolaceDatabase       *self,
                                                    GError              **error);
const char     *solace_database_get_path           (SolaceDatabase       *self);
gboolean        solace_database_is_sealed          (SolaceDatabase       *self);
/* The key a sealed connection was opened with (for its readers and
 * backups), or NULL for a plain one. */
const SolaceKey *solace_database_get_key           (SolaceDatabase       *self);
gboolean        solace_database_is_read_only       (SolaceDatabase       *self);
/* Whether this is reminders.db alone (SOLACE_DATABASE_FLAGS_REMINDERS),
 * rather than the journal with reminders.db attached. */
gboolean        solace_database_is_reminders_only  (SolaceDatabase       *self);
/* For the reminder service: copies the reminders of a journal that has
 * not moved them yet (an update, before the window opened) into
 * reminders.db @self. */
gboolean        solace_database_adopt_reminders    (SolaceDatabase       *self,
                                                    const char           *journal_path,
                                                    GError              **error);
int             solace_database_get_version        (SolaceDatabase       *self);

/* Low-level access for the stores in core/.  The connection is opened in
 * serialized mode; hold the lock around anything that spans statements. */
sqlite3        *solace_database_get_handle         (SolaceDatabase       *self);
void            solace_database_lock               (SolaceDatabase       *self);
void            solace_database_unlock             (SolaceDatabase       *self);

sqlite3_stmt   *solace_database_prepare            (SolaceDatabase       *self,
                                                    const char           *sql,
                                                    GError              **error);
gboolean        solace_database_exec               (SolaceDatabase       *self,
                                                    const char           *sql,
                                                    GError              **error);
gboolean        solace_database_begin              (SolaceDatabase       *self,
                                                    GError              **error);
gboolean        solace_database_commit             (SolaceDatabase       *self,
                                                    GError              **error);
void            solace_database_rollback           (SolaceDatabase       *self);

/* Turns an SQLite result code into a GError naming @operation. */
/* Steps @stmt once; a failure becomes a GError naming @operation. */
gboolean        solace_database_step               (SolaceDatabase       *self,
                                                    sqlite3_stmt         *stmt,
                                                    const char           *operation,
                                                    GError              **error);
void            solace_database_set_error          (SolaceDatabase       *self,
                                                    GError              **error,
                                                    int                   rc,
                                                    const char           *operation);

gboolean        solace_database_check_integrity    (SolaceDatabase       *self,
                                                    GError              **error);

/* The no-contact counter: the day the current stretch started, or NULL. */
GDate          *solace_database_get_stretch_start  (SolaceDatabase       *self,
                                                    GError              **error);
gboolean        solace_database_set_stretch_start  (SolaceDatabase       *self,
                                                    const GDate          *date,
                                                    GError              **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)

G_END_DECLS
