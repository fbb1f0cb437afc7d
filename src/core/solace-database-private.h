/* solace-database-private.h — what the parts of the database share:
 * the connection's state, running SQL while its lock is held, and
 * the files' modes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * For those parts only; the rest of the app uses solace-database.h.
 *
 *   solace-database.c             opening, the connection, its errors
 *   solace-database-files.c       the files' modes, before SQLite opens
 *                                 them
 *   solace-database-migrations.c  the numbered migrations of the journal
 *                                 and of reminders.db, and the copy of
 *                                 the reminders from one to the other
 */
#pragma once

/* Included after solace-database.h, never from here: solace-database.c
 * and this header would include each other, a cycle to
 * build-aux/check-includes.py. */
#ifndef SOLACE_TYPE_DATABASE
#error "Include solace-database.h before solace-database-private.h"
#endif

G_BEGIN_DECLS

struct _SolaceDatabase
{
  GObject    parent_instance;

  sqlite3   *db;
  char      *path;
  /* A sealed database's key (sodium_malloc memory, zeroed when freed),
   * for its readers and backups. */
  SolaceKey *key;
  GRecMutex  lock;
  guint      read_only : 1;
  guint      immutable : 1;
  /* reminders.db itself, or the journal with it attached */
  guint      reminders_only : 1;
  guint      reminders_attached : 1;
  /* An error came from reminders.db, not from this file. */
  guint      reminders_failed : 1;
  guint      sealed : 1;
  /* One solace_crypt_vfs_set_key () to match with a forget_key (). */
  guint      holds_key : 1;
};

/* solace-database.c; the caller holds the lock. */
gboolean solace_database_exec_locked       (SolaceDatabase  *self,
                                            const char      *sql,
                                            GError         **error);
int      solace_database_read_user_version (SolaceDatabase  *self,
                                            GError         **error);
gboolean solace_database_step_locked       (SolaceDatabase  *self,
                                            sqlite3_stmt    *stmt,
                                            const char      *operation,
                                            GError         **error);

/* solace-database-files.c */
void     solace_database_tighten_files     (const char      *path);
gboolean solace_database_prepare_file      (const char      *path,
                                            GError         **error);

/* solace-database-migrations.c */
int      solace_database_latest_version_of (SolaceDatabase  *self);
gboolean solace_database_migrate           (SolaceDatabase  *self,
                                            GError         **error);

G_END_DECLS
