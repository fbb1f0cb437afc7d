/* solace-reminders.c — reminders, their firings and preferences on disk
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "solace-reminders"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <libical/ical.h>

#include "solace-crypt-vfs.h"
#include "solace-error.h"
#include "solace-reminders.h"

/* Kept in reminders.db's reminder_setting; the same names are in
 * REMINDER_SETTING_NAMES in solace-database-migrations.c, which moved
 * them there. */
static const struct {
  const char *name;
  gsize       offset;
  guint       max;
} setting_fields[] = {
  { "quiet-enabled", G_STRUCT_OFFSET (SolaceReminderSettings, quiet_enabled), 1 },
  { "quiet-start", G_STRUCT_OFFSET (SolaceReminderSettings, quiet_start), 24 * 60 - 1 },
  { "quiet-end", G_STRUCT_OFFSET (SolaceReminderSettings, quiet_end), 24 * 60 - 1 },
  { "discreet", G_STRUCT_OFFSET (SolaceReminderSettings, discreet), 1 },
  { "grace-minutes", G_STRUCT_OFFSET (SolaceReminderSettings, grace_minutes), 24 * 60 },
};

static guint *
field (SolaceReminderSettings *settings,
       guint                   i)
{
  /* gboolean and guint have the same size; both are read as guint. */
  G_STATIC_ASSERT (sizeof (gboolean) == sizeof (guint));
  return G_STRUCT_MEMBER_P (settings, setting_fields[i].offset);
}

void
solace_reminder_settings_init (SolaceReminderSettings *settings)
{
  g_return_if_fail (settings != NULL);

  settings->quiet_enabled = TRUE;
  settings->quiet_start = 22 * 60 + 30;
  settings->quiet_end = 7 * 60 + 30;
  settings->discreet = FALSE;
  settings->grace_minutes = 120;
}

gboolean
solace_reminders_load_settings (SolaceDatabase          *db,
                                SolaceReminderSettings  *settings,
                                GError                 **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (SOLACE_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (settings != NULL, FALSE);

  solace_reminder_settings_init (settings);

  stmt = solace_database_prepare (db, "SELECT name, value FROM reminder_setting", error);
  if (stmt == NULL)
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *name = (const char *) sqlite3_column_text (stmt, 0);
      sqlite3_int64 value = sqlite3_column_int64 (stmt, 1);

      for (guint i = 0; i < G_N_ELEMENTS (setting_fields); i++)
        /* A value out of range, from a damaged file, keeps the default. */
        if (g_strcmp0 (name, setting_fields[i].name) == 0 &&
            value >= 0 && value <= setting_fields[i].max)
          *field (settings, i) = (guint) value;
    }

  if (rc != SQLITE_DONE)
    {
      solace_database_set_error (db, error, rc, _("Reading the reminder preferences"));
      return FALSE;
    }

  return TRUE;
}

gboolean
solace_reminders_save_settings (SolaceDatabase                *db,
                                const SolaceReminderSettings  *settings,
                                GError                       **error)
{
  SolaceReminderSettings copy;
  gboolean ok = FALSE;

  g_return_val_if_fail (SOLACE_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (settings != NULL, FALSE);

  copy = *settings;
  for (guint i = 0; i < G_N_ELEMENTS (setting_fields); i++)
    if (*field (&copy, i) > setting_fields[i].max)
      {
        g_set_error (error, SOLACE_ERROR, SOLACE_ERROR_INVALID,
                     _("A reminder preference is out of range; nothing was changed."));
        return FALSE;
      }

  solace_database_lock (db);

  if (!solace_database_begin (db, error))
    goto out;

  for (guint i = 0; i < G_N_ELEMENTS (setting_fields); i++)
    {
      g_autoptr(sqlite3_stmt) stmt = NULL;
      int rc;

      stmt = solace_database_prepare (db,
                                      "INSERT INTO reminder_setting (name, value) VALUES (?1, ?2)"
                                      " ON CONFLICT (name) DO UPDATE SET value = excluded.value",
                                      error);
      if (stmt == NULL)
        {
          solace_database_rollback (db);
          goto out;
        }
      sqlite3_bind_text (stmt, 1, setting_fields[i].name, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 2, *field (&copy, i));
      rc = sqlite3_step (stmt);
      if (rc != SQLITE_DONE)
        {
          solace_database_set_error (db, error, rc, _("Saving the reminder preferences"));
          solace_database_rollback (db);
          goto out;
        }
    }

  ok = solace_database_commit (db, error);

out:
  solace_database_unlock (db);

  return ok;
}

/**
 * solace_reminders_adopt_settings:
 * @db: the journal, with reminders.db attached
 *
 * Moves the reminders' preferences that were written into the
 * journal's own preference table (an import writes every preference
 * there) to reminders.db, where the reminder service reads them.  One
 * that reminders.db already has is kept as it is.  Call inside the
 * transaction that wrote them.
 */
gboolean
solace_reminders_adopt_settings (SolaceDatabase  *db,
                                 GError         **error)
{
  g_return_val_if_fail (SOLACE_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (!solace_database_is_reminders_only (db), FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (setting_fields); i++)
    {
      g_autoptr(sqlite3_stmt) copy = NULL;
      g_autoptr(sqlite3_stmt) drop = NULL;
      int rc;

      copy = solace_database_prepare (db,
                                      "INSERT INTO reminders.reminder_setting (name, value)"
                                      " SELECT name, value FROM main.preference WHERE name = ?1"
                                      " ON CONFLICT (name) DO NOTHING",
                                      error);
      drop = copy != NULL ? solace_database_prepare (db, "DELETE FROM main.preference WHERE name = ?1", error) : NULL;
      if (drop == NULL)
        return FALSE;

      sqlite3_bind_text (copy, 1, setting_fields[i].name, -1, SQLITE_STATIC);
      sqlite3_bind_text (drop, 1, setting_fields[i].name, -1, SQLITE_STATIC);
      if ((rc = sqlite3_step (copy)) != SQLITE_DONE || (rc = sqlite3_step (drop)) != SQLITE_DONE)
        {
          solace_database_set_error (db, error, rc, _("Saving the reminder preferences"));
          return FALSE;
        }
    }

  return TRUE;
}

typedef struct
{
  char                   *key;
  char                   *rrule;
  char                   *dtstart;
  gboolean                enabled;
  gint64                  now;
  SolaceReminderSettings  settings;
} SaveData;

static void
save_data_free (SaveData *data)
{
  g_free (data->key);
  g_free (data->rrule);
  g_free (data->dtstart);
  g_free (data);
}

/* One worker for both kinds of save: a reminder when data->key is set,
 * the preferences otherwise. */
static void
save_thread (GTask        *task,
             gpointer      source,
             gpointer      task_data,
             GCancellable *cancellable)
{
  SaveData *data = task_data;
  GError *error = NULL;
  gboolean ok;

  if (data->key != NULL)
    ok = solace_reminders_set (source, data->key, data->enabled, data->rrule, data->dtstart,
                               data->now, &error);
  else
    ok = solace_reminders_save_settings (source, &data->settings, &error);

  if (ok)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
run_save (SolaceDatabase      *db,
          SaveData            *data,
          gpointer             source_tag,
          GCancellable        *cancellable,
          GAsyncReadyCallback  callback,
          gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (db, cancellable, callback, user_data);

  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, data, (GDestroyNotify) save_data_free);
  g_task_run_in_thread (task, save_thread);
}

void
solace_reminders_set_async (SolaceDatabase      *db,
                            const char          *key,
                            gboolean             enabled,
                            const char          *rrule,
                            const char          *dtstart,
                            gint64               now,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  SaveData *data;

  g_return_if_fail (SOLACE_IS_DATABASE (db));
  g_return_if_fail (key != NULL);

  data = g_new0 (SaveData, 1);
  data->key = g_strdup (key);
  data->enabled = enabled;
  data->rrule = g_strdup (rrule);
  data->dtstart = g_strdup (dtstart);
  data->now = now;

  run_save (db, data, solace_reminders_set_async, cancellable, callback, user_data);
}

gboolean
solace_reminders_set_finish (GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (G_IS_TASK (result), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

void
solace_reminders_save_settings_async (SolaceDatabase               *db,
                                      const SolaceReminderSettings *settings,
                                      GCancellable                 *cancellable,
                                      GAsyncReadyCallback           callback,
                                      gpointer                      user_data)
{
  SaveData *data;

  g_return_if_fail (SOLACE_IS_DATABASE (db));
  g_return_if_fail (settings != NULL);

  data = g_new0 (SaveData, 1);
  data->settings = *settings;

  run_save (db, data, solace_reminders_save_settings_async, cancellable, callback, user_data);
}

gboolean
solace_reminders_save_settings_finish (GAsyncResult  *result,
                                       GError       **error)
{
  return solace_reminders_set_finish (result, error);
}

/* ---- Subjects -------------------------------------------------------- */

/* What each kind of reminder is about gives it its words: the reminder
 * store knows where the journal keeps them, never what they mean. */
typedef struct
{
  SolaceReminderTextFunc text_func;
  gpointer               user_data;
} Subject;

#define N_KINDS (SOLACE_REMINDER_MILESTONE + 1)

G_LOCK_DEFINE_STATIC (subjects);
static Subject subjects[N_KINDS];

/**
 * solace_reminders_register_subject:
 * @kind: the kind of reminder @text_func gives words to
 * @text_func: (nullable): what it says, or %NULL for nothing
 * @user_data: for @text_func
 *
 * Lets the subject of @kind's reminders (a boundary, a contact's
 * session, a milestone) give them their words, in place of any
 * registered before.  @text_func is called from whichever thread reads
 * the reminder, so it must keep nothing of its own.
 */
void
solace_reminders_register_subject (SolaceReminderKind      kind,
                                   SolaceReminderTextFunc  text_func,
                                   gpointer                user_data)
{
  g_return_if_fail ((guint) kind < N_KINDS);

  G_LOCK (subjects);
  subjects[kind].text_func = text_func;
  subjects[kind].user_data = user_data;
  G_UNLOCK (subjects);
}

/* Gives @reminder the words its subject makes of @n_words columns of
 * @stmt from @first_column on (none when @n_words is 0). */
static void
give_words (SolaceReminder *reminder,
            sqlite3_stmt   *stmt,
            int             first_column,
            guint           n_words)
{
  const char *words[8] = { NULL, };
  Subject subject;

  g_assert (n_words <= G_N_ELEMENTS (words));

  G_LOCK (subjects);
  subject = subjects[solace_reminder_get_kind (reminder)];
  G_UNLOCK (subjects);
  if (subject.text_func == NULL)
    return;

  for (guint i = 0; i < n_words; i++)
    words[i] = (const char *) sqlite3_column_text (stmt, first_column + i);
  subject.text_func (reminder, words, n_words, subject.user_data);
}

static SolaceReminder *
reminder_from_row (sqlite3_stmt *stmt)
{
  SolaceReminderKind kind = SOLACE_REMINDER_NUDGE;
  SolaceReminder *reminder;

  solace_reminder_kind_from_string ((const char *) sqlite3_column_text (stmt, 2), &kind);

  reminder = solace_reminder_new (sqlite3_column_int64 (stmt, 0),
                                  (const char *) sqlite3_column_text (stmt, 1),
                                  kind,
                                  sqlite3_column_int (stmt, 3),
                                  (const char *) sqlite3_column_text (stmt, 4),
                                  (const char *) sqlite3_column_text (stmt, 5),
                                  sqlite3_column_int64 (stmt, 6),
                                  sqlite3_column_int64 (stmt, 7));

  /* A boundary's reminder says the boundary itself, a session's who it
   * is with and when (only where the journal is at hand: reminders.db
   * alone holds no words); a milestone says which, from its key. */
  if (kind == SOLACE_REMINDER_BOUNDARY && sqlite3_column_type (stmt, 8) != SQLITE_NULL)
    give_words (reminder, stmt, 8, SOLACE_REMINDER_BOUNDARY_WORDS);
  else if (kind == SOLACE_REMINDER_SESSION && sqlite3_column_type (stmt, 13) != SQLITE_NULL)
    give_words (reminder, stmt, 13, SOLACE_REMINDER_SESSION_WORDS);
  else if (kind == SOLACE_REMINDER_MILESTONE)
    give_words (reminder, stmt, 0, 0);

  return reminder;
}

/* A boundary's reminder is on only while its boundary is there and
 * not paused, a session's while its contact is there: "active", which
 * the journal's connection keeps in step in reminders.db.  With the
 * journal at hand, the words come along. */
#define REMINDER_COLUMNS \
  "r.id, r.key, r.kind, r.enabled AND r.active," \
  " r.rrule, r.dtstart, r.last_due, coalesce (r.snoozed_until, 0),"
#define REMINDER_JOURNAL_FROM \
  " b.title, b.feeling, b.situation, b.action, b.condition, c.name, c.next_session" \
  " FROM reminder r LEFT JOIN boundary b ON r.kind = 'boundary' AND r.key = 'boundary:' || b.uuid" \
  " LEFT JOIN contact c ON r.kind = 'session' AND r.key = 'session:' || c.uuid"
#define REMINDER_ALONE_FROM \
  " NULL, NULL, NULL, NULL, NULL, NULL, NULL FROM reminder r"

GPtrArray *
solace_reminders_load (SolaceDatabase  *db,
                       GError         **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) reminders = NULL;
  int rc;

  g_return_val_if_fail (SOLACE_IS_DATABASE (db), NULL);

  if (solace_database_is_reminders_only (db))
    stmt = solace_database_prepare (db,
                                    "SELECT " REMINDER_COLUMNS REMINDER_ALONE_FROM
                                    " ORDER BY r.kind = 'boundary', r.id",
                                    error);
  else
    stmt = solace_database_prepare (db,
                                    "SELECT " REMINDER_COLUMNS REMINDER_JOURNAL_FROM
                                    " ORDER BY r.kind = 'boundary', b.position, r.id",
                                    error);
  if (stmt == NULL)
    return NULL;

  reminders = g_ptr_array_new_with_free_func (g_object_unref);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (reminders, reminder_from_row (stmt));

  if (rc != SQLITE_DONE)
    {
      solace_database_set_error (db, error, rc, _("Reading the reminders"));
      return NULL;
    }

  return g_steal_pointer (&reminders);
}

SolaceReminder *
solace_reminders_lookup (SolaceDatabase  *db,
                         const char      *key,
                         GError         **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (SOLACE_IS_DATABASE (db), NULL);

  stmt = solace_database_prepare (db,
                                  solace_database_is_reminders_only (db)
                                  ? "SELECT " REMINDER_COLUMNS REMINDER_ALONE_FROM " WHERE r.key = ?1"
                                  : "SELECT " REMINDER_COLUMNS REMINDER_JOURNAL_FROM " WHERE r.key = ?1",
                                  error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return reminder_from_row (stmt);

  if (rc == SQLITE_DONE)
    g_set_error (error, SOLACE_ERROR, SOLACE_ERROR_NOT_FOUND, _("There is no such reminder."));
  else
    solace_database_set_error (db, error, rc, _("Reading a reminder"));

  return NULL;
}

/**
 * solace_reminders_dup_texts:
 * @db: the journal (reminders.db alone has no words)
 *
 * What each boundary's and session's reminder says, for the reminder
 * service to hold in memory while Solace is open and unlocked: key →
 * (title, body), as a{s(ss)}, each cut to a preview; an empty body
 * where there is none.
 *
 * Returns: (transfer full): a floating-free #GVariant, or %NULL
 */
GVariant *
solace_reminders_dup_texts (SolaceDatabase  *db,
                            GError         **error)
{
  g_auto(GVariantBuilder) builder = G_VARIANT_BUILDER_INIT (G_VARIANT_TYPE ("a{s(ss)}"));
  g_autoptr(GPtrArray) reminders = NULL;

  g_return_val_if_fail (SOLACE_IS_DATABASE (db), NULL);
  g_return_val_if_fail (!solace_database_is_reminders_only (db), NULL);

  reminders = solace_reminders_load (db, error);
  if (reminders == NULL)
    return NULL;

  for (guint i = 0; i < reminders->len; i++)
    {
      SolaceReminder *reminder = g_ptr_array_index (reminders, i);
      SolaceReminderKind kind = solace_reminder_get_kind (reminder);

      if (kind != SOLACE_REMINDER_BOUNDARY && kind != SOLACE_REMINDER_SESSION)
        continue;
      /* Without words of its own (its boundary or contact is gone) it
       * says what it is, and the service knows that already. */
      if (!solace_reminder_has_text (reminder))
        continue;

      g_variant_builder_add (&builder, "{s(ss)}", solace_reminder_get_key (reminder),
                             solace_reminder_get_title (reminder, FALSE),
                             solace_reminder_get_body (reminder, FALSE));
    }

  return g_variant_ref_sink (g_variant_builder_end (&builder));
}

/**
 * solace_reminders_read_text:
 * @journal_path: the journal
 * @reminder: a boundary's or session's reminder
 *
 * For the reminder service, at the moment it shows @reminder: reads
 * what it says from the journal, which is opened read-only for this
 * and closed again before returning.  Only a plain journal is opened:
 * an encrypted one (the passphrase lock) is never touched, and gives
 * %SOLACE_ERROR_LOCKED.  Nothing found leaves @reminder saying what it
 * is ("A boundary you set").
 */
gboolean
solace_reminders_read_text (const char      *journal_path,
                            SolaceReminder  *reminder,
                            GError         **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *base = NULL;
  g_autofree char *uri = NULL;
  SolaceReminderKind kind;
  const char *key;
  sqlite3 *journal = NULL;
  gboolean ok = FALSE;
  int rc;

  g_return_val_if_fail (journal_path != NULL, FALSE);
  g_return_val_if_fail (SOLACE_IS_REMINDER (reminder), FALSE);

  kind = solace_reminder_get_kind (reminder);
  key = solace_reminder_get_key (reminder);
  solace_reminder_set_text (reminder, NULL, NULL);
  if ((kind != SOLACE_REMINDER_BOUNDARY || !g_str_has_prefix (key, "boundary:")) &&
      (kind != SOLACE_REMINDER_SESSION || !g_str_has_prefix (key, "session:")))
    return TRUE;

  if (solace_crypt_vfs_probe_file (journal_path, NULL) != SOLACE_CRYPT_FILE_PLAIN)
    {
      g_set_error (error, SOLACE_ERROR, SOLACE_ERROR_LOCKED,
                   _("The journal is locked or not there, so a reminder cannot say its words."));
      return FALSE;
    }

  base = g_filename_to_uri (journal_path, NULL, error);
  if (base == NULL)
    return FALSE;
  /* The plain VFS by name, and never a file made or written. */
  uri = g_strconcat (base, "?mode=ro&vfs=unix", NULL);

  rc = sqlite3_open_v2 (uri, &journal, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_busy_timeout (journal, 1000);
      rc = sqlite3_prepare_v2 (journal,
                               kind == SOLACE_REMINDER_BOUNDARY
                               ? "SELECT title, feeling, situation, action, condition FROM boundary WHERE uuid = ?1"
                               : "SELECT name, next_session FROM contact WHERE uuid = ?1",
                               -1, &stmt, NULL);
    }
  if (rc == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, strchr (key, ':') + 1, -1, SQLITE_STATIC);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        give_words (reminder, stmt, 0,
                    kind == SOLACE_REMINDER_BOUNDARY ? SOLACE_REMINDER_BOUNDARY_WORDS : SOLACE_REMINDER_SESSION_WORDS);
      ok = rc == SQLITE_ROW || rc == SQLITE_DONE;
    }

  if (!ok)
    g_set_error (error, SOLACE_ERROR, SOLACE_ERROR_FAILED, _("Reading a reminder’s words: %s"),
                 journal != NULL ? sqlite3_errmsg (journal) : sqlite3_errstr (rc));

  g_clear_pointer (&stmt, sqlite3_finalize);
  sqlite3_close (journal);

  return ok;
}

/* Runs one statement that changes one reminder row. */
static gboolean
update_one (SolaceDatabase  *db,
            sqlite3_stmt    *stmt,
            const char      *operation,
            GError         **error)
{
  int rc = sqlite3_step (stmt);

  if (rc != SQLITE_DONE)
    {
      solace_database_set_error (db, error, rc, operation);
      return FALSE;
    }

  if (sqlite3_changes (solace_database_get_handle (db)) == 0)
    {
      g_set_error (error, SOLACE_ERROR, SOLACE_ERROR_NOT_FOUND, _("There is no such reminder."));
      return FALSE;
    }

  return TRUE;
}

gboolean
solace_reminders_set (SolaceDatabase  *db,
                      const char      *key,
                      gboolean         enabled,
                      const char      *rrule,
                      const char      *dtstart,
                      gint64           now,
                      GError         **error)
{
  g_autoptr(SolaceSchedule) schedule = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gboolean ok;

  g_return_val_if_fail (SOLACE_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (key != NULL, FALSE);

  /* Checked before anything is written: a bad rule changes nothing. */
  schedule = solace_schedule_new (rrule, dtstart, error);
  if (schedule == NULL)
    return FALSE;

  solace_database_lock (db);

  stmt = solace_database_prepare (db,
                                  "UPDATE reminder SET enabled = ?2, rrule = ?3, dtstart = ?4,"
                                  "  last_due = max (last_due, ?5), snoozed_until = NULL, updated_at = ?5"
                                  " WHERE key = ?1",
                                  error);
  ok = stmt != NULL;
  if (ok)
    {
      sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int (stmt, 2, !!enabled);
      sqlite3_bind_text (stmt, 3, rrule, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 4, dtstart, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (stmt, 5, now);
      ok = update_one (db, stmt, _("Saving a reminder"), error);
    }

  g_clear_pointer (&stmt, sqlite3_finalize);
  solace_database_unlock (db);

  return ok;
}

gboolean
solace_reminders_put (SolaceDatabase      *db,
                      const char          *key,
                      SolaceReminderKind   kind,
                      gboolean             enabled,
                      const char          *rrule,
                      const char          *dtstart,
                      gint64               now,
                      GError             **error)
{
  g_autoptr(SolaceSchedule) schedule = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gboolean ok = FALSE;
  int rc;

  g_return_val_if_fail (SOLACE_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (key != NULL, FALSE);

  schedule = solace_schedule_new (rrule, dtstart, error);
  if (schedule == NULL)
    return FALSE;

  solace_database_lock (db);
  stmt = solace_database_prepare (db,
                                  "INSERT INTO reminder (key, kind, enabled, rrule, dtstart, last_due, updated_at)"
                                  " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)"
                                  " ON CONFLICT (key) DO UPDATE SET enabled = excluded.enabled,"
                                  "  rrule = excluded.rrule, dtstart = excluded.dtstart,"
                                  "  last_due = max (last_due, excluded.last_due), snoozed_until = NULL,"
                                  "  updated_at = excluded.updated_at",
                                  error);
  if (stmt != NULL)
    {
      sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 2, solace_reminder_kind_to_string (kind), -1, SQLITE_STATIC);
      sqlite3_bind_int (stmt, 3, !!enabled);
      sqlite3_bind_text (stmt, 4, rrule, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 5, dtstart, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (stmt, 6, now);
      rc = sqlite3_step (stmt);
      ok = rc == SQLITE_DONE;
      if (!ok)
        solace_database_set_error (db, error, rc, _("Saving a reminder"));
    }
  g_clear_pointer (&stmt, sqlite3_finalize);
  solace_database_unlock (db);

  return ok;
}

gboolean
solace_reminders_remove (SolaceDatabase  *db,
                         const char      *key,
                         GError         **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gboolean ok = FALSE;
  int rc;

  g_return_val_if_fail (SOLACE_IS_DATABASE (db), FALSE);

  solace_database_lock (db);
  stmt = solace_database_prepare (db, "DELETE FROM reminder WHERE key = ?1", error);
  if (stmt != NULL)
    {
      sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
      rc = sqlite3_step (stmt);
      ok = rc == SQLITE_DONE;
      if (!ok)
        solace_database_set_error (db, error, rc, _("Removing a reminder"));
    }
  g_clear_pointer (&stmt, sqlite3_finalize);
  solace_database_unlock (db);

  return ok;
}

gboolean
solace_reminders_record_firing (SolaceDatabase  *db,
                                gint64           id,
                                gint64           due_at,
                                gint64           now,
                                gboolean         from_snooze,
                                gboolean        *is_new,
                                GError         **error)
{
  g_autoptr(sqlite3_stmt) insert = NULL;
  g_autoptr(sqlite3_stmt) update = NULL;
  gboolean ok = FALSE;
  gboolean inserted = FALSE;
  int rc;

  g_return_val_if_fail (SOLACE_IS_DATABASE (db), FALSE);

  solace_database_lock (db);

  if (!solace_database_begin (db, error))
    goto out;

  insert = solace_database_prepare (db,
                                    "INSERT INTO reminder_firing (reminder_id, due_at, fired_at)"
                                    " VALUES (?1, ?2, ?3) ON CONFLICT DO NOTHING",
                                    error);
  if (insert == NULL)
    goto fail;
  sqlite3_bind_int64 (insert, 1, id);
  sqlite3_bind_int64 (insert, 2, due_at);
  sqlite3_bind_int64 (insert, 3, now);
  rc = sqlite3_step (insert);
  if (rc != SQLITE_DONE)
    {
      solace_database_set_error (db, error, rc, _("Recording a reminder"));
      goto fail;
    }
  inserted = sqlite3_changes (solace_database_get_handle (db)) > 0;

  if (from_snooze)
    update = solace_database_prepare (db,
                                      "UPDATE reminder SET snoozed_until = NULL WHERE id = ?1",
                                      error);
  else
    update = solace_database_prepare (db,
                                      "UPDATE reminder SET last_due = max (last_due, ?2) WHERE id = ?1",
                                      error);
  if (update == NULL)
    goto fail;
  sqlite3_bind_int64 (update, 1, id);
  if (!from_snooze)
    sqlite3_bind_int64 (update, 2, due_at);
  if (!update_one (db, update, _("Recording a reminder"), error))
    goto fail;

  ok = solace_database_commit (db, error);
  goto out;

fail:
  solace_database_rollback (db);
out:
  solace_database_unlock (db);

  if (is_new != NULL)
    *is_new = ok && inserted;

  return ok;
}

static gboolean
set_outcome (SolaceDatabase  *db,
             gint64           id,
             gint64           due_at,
             const char      *outcome,
             GError         **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = solace_database_prepare (db,
                                  "UPDATE reminder_firing SET outcome = ?3"
                                  " WHERE reminder_id = ?1 AND due_at = ?2",
                                  error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_int64 (stmt, 2, due_at);
  sqlite3_bind_text (stmt, 3, outcome, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_DONE)
    {
      solace_database_set_error (db, error, rc, _("Recording a reminder"));
      return FALSE;
    }

  return TRUE;
}

gboolean
solace_reminders_snooze (SolaceDatabase  *db,
                         gint64           id,
                         gint64           due_at,
                         gint64           until,
                         GError         **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gboolean ok = FALSE;

  g_return_val_if_fail (SOLACE_IS_DATABASE (db), FALSE);

  solace_database_lock (db);

  if (!solace_database_begin (db, error))
    goto out;

  stmt = solace_database_prepare (db, "UPDATE reminder SET snoozed_until = ?2 WHERE id = ?1", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_int64 (stmt, 2, until);
  if (!update_one (db, stmt, _("Snoozing a reminder"), error) ||
      !set_outcome (db, id, due_at, "snoozed", error))
    goto fail;

  ok = solace_database_commit (db, error);
  goto out;

fail:
  solace_database_rollback (db);
out:
  solace_database_unlock (db);

  return ok;
}

gboolean
solace_reminders_mark_done (SolaceDatabase  *db,
                            gint64           id,
                            gint64           due_at,
                            GError         **error)
{
  gboolean ok;

  g_return_val_if_fail (SOLACE_IS_DATABASE (db), FALSE);

  solace_database_lock (db);
  ok = set_outcome (db, id, due_at, "done", error);
  solace_database_unlock (db);

  return ok;
}

char *
solace_reminders_to_ics (GPtrArray *reminders,
                         gboolean   discreet,
                         gint64     now,
                         guint     *n_left_out)
{
  icalcomponent *calendar;
  char *text;
  guint left_out = 0;

  g_return_val_if_fail (reminders != NULL, NULL);

  calendar = icalcomponent_vanew (ICAL_VCALENDAR_COMPONENT,
                                  icalproperty_new_version ("2.0"),
                                  icalproperty_new_prodid ("-//Solace//Reminders//EN"),
                                  (void *) 0);

  for (guint i = 0; i < reminders->len; i++)
    {
      SolaceReminder *reminder = g_ptr_array_index (reminders, i);
      SolaceSchedule *schedule = solace_reminder_get_schedule (reminder);
      g_autofree char *uid = NULL;
      g_autofree char *digest = NULL;
      g_autofree char *rule_text = NULL;
      g_autoptr(SolaceSchedule) as_written = NULL;
      struct icalrecurrencetype rule;
      struct icaltimetype start;
      icalcomponent *event;
      icalcomponent *alarm;
      const char *title;
      const char *body;

      if (!solace_reminder_get_enabled (reminder))
        continue;
      if (schedule == NULL)
        {
          left_out++;
          continue;
        }

      /* The rule as the file will say it must be one Solace itself
       * accepts, from its own short list of rule parts: those another
       * calendar reads as Solace does.  (A rule Solace refuses on
       * reading never gets here.) */
      rule = icalrecurrencetype_from_string (solace_schedule_get_rrule (schedule));
      rule_text = icalrecurrencetype_as_string_r (&rule);
      as_written = solace_schedule_new (rule_text, solace_schedule_get_dtstart (schedule), NULL);
      if (as_written == NULL)
        {
          left_out++;
          continue;
        }

      title = solace_reminder_get_title (reminder, discreet);
      body = solace_reminder_get_body (reminder, discreet);
      /* Stable, so that importing again updates rather than doubles;
       * a digest, so that it names nothing. */
      digest = g_compute_checksum_for_string (G_CHECKSUM_SHA256, solace_reminder_get_key (reminder), -1);
      uid = g_strdup_printf ("%.32s@solace.invalid", digest);
      /* Floating time: the reminder keeps to the clock wherever the
       * calendar is. */
      start = icaltime_from_string (solace_schedule_get_dtstart (schedule));

      event = icalcomponent_vanew (ICAL_VEVENT_COMPONENT,
                                   icalproperty_new_uid (uid),
                                   icalproperty_new_dtstamp (icaltime_from_timet_with_zone (now, 0, icaltimezone_get_utc_timezone ())),
                                   icalproperty_new_dtstart (start),
                                   icalproperty_new_duration (icaldurationtype_from_int (15 * 60)),
                                   icalproperty_new_rrule (rule),
                                   icalproperty_new_summary (title),
                                   icalproperty_new_transp (ICAL_TRANSP_TRANSPARENT),
                                   (void *) 0);
      if (body != NULL)
        icalcomponent_add_property (event, icalproperty_new_description (body));

      alarm = icalcomponent_vanew (ICAL_VALARM_COMPONENT,
                                   icalproperty_new_action (ICAL_ACTION_DISPLAY),
                                   icalproperty_new_trigger (icaltriggertype_from_int (0)),
                                   icalproperty_new_description (title),
                                   (void *) 0);
      icalcomponent_add_component (event, alarm);
      icalcomponent_add_component (calendar, event);
    }

  text = icalcomponent_as_ical_string_r (calendar);
  icalcomponent_free (calendar);
  if (n_left_out != NULL)
    *n_left_out = left_out;

  return text;
}
