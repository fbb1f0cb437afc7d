/* solace-reminders.h — reminders, their firings and preferences on disk
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "solace-database.h"
#include "solace-reminder.h"

G_BEGIN_DECLS

typedef struct
{
  gboolean quiet_enabled;
  guint    quiet_start;     /* minutes after local midnight */
  guint    quiet_end;
  gboolean discreet;        /* no names or details in notifications */
  guint    grace_minutes;   /* how late a missed reminder may still come */
} SolaceReminderSettings;

void            solace_reminder_settings_init     (SolaceReminderSettings        *settings);

gboolean        solace_reminders_load_settings    (SolaceDatabase                *db,
                                                   SolaceReminderSettings        *settings,
                                                   GError                       **error);
gboolean        solace_reminders_save_settings    (SolaceDatabase                *db,
                                                   const SolaceReminderSettings  *settings,
                                                   GError                       **error);

/* Moves reminder preferences found in the journal's preference table
 * (as an import writes them) to reminders.db. */
gboolean        solace_reminders_adopt_settings   (SolaceDatabase                *db,
                                                   GError                       **error);

/* What a reminder is about (a boundary, a contact's session, a
 * milestone) gives it its words with solace_reminder_set_text (), from
 * what the journal keeps about it, @n_words strings any of which may be
 * %NULL:
 *   a boundary: its title, then its statement's parts (feeling,
 *     situation, action, condition);
 *   a session: who it is with, then the next session (ISO 8601);
 *   a milestone: nothing, its key ("milestone:7") says which.
 * Kinds no subject registered for keep the words they have built in. */
typedef void  (*SolaceReminderTextFunc)           (SolaceReminder                *reminder,
                                                   const char * const            *words,
                                                   guint                          n_words,
                                                   gpointer                       user_data);
#define SOLACE_REMINDER_BOUNDARY_WORDS 5
#define SOLACE_REMINDER_SESSION_WORDS  2

void            solace_reminders_register_subject (SolaceReminderKind             kind,
                                                   SolaceReminderTextFunc         text_func,
                                                   gpointer                       user_data);

/* Every reminder, built-in ones first, as #SolaceReminder. */
GPtrArray      *solace_reminders_load             (SolaceDatabase                *db,
                                                   GError                       **error);
SolaceReminder *solace_reminders_lookup           (SolaceDatabase                *db,
                                                   const char                    *key,
                                                   GError                       **error);

/* What the boundaries' and sessions' reminders say, from the journal
 * (a{s(ss)}: key → title, body), for the reminder service to hold in
 * memory while Solace is unlocked. */
GVariant       *solace_reminders_dup_texts        (SolaceDatabase                *db,
                                                   GError                       **error);
/* For the reminder service: reads what @reminder says from a plain
 * journal, opened read-only only for this; never an encrypted one. */
gboolean        solace_reminders_read_text        (const char                    *journal_path,
                                                   SolaceReminder                *reminder,
                                                   GError                       **error);

/* Turns a reminder on or off and gives it a schedule, after checking
 * the schedule; occurrences up to @now never fire. */
gboolean        solace_reminders_set              (SolaceDatabase                *db,
                                                   const char                    *key,
                                                   gboolean                       enabled,
                                                   const char                    *rrule,
                                                   const char                    *dtstart,
                                                   gint64                         now,
                                                   GError                       **error);

/* Adds the reminder @key of @kind, or changes it, after checking the
 * schedule (a boundary's reminder is made with its boundary). */
gboolean        solace_reminders_put              (SolaceDatabase                *db,
                                                   const char                    *key,
                                                   SolaceReminderKind             kind,
                                                   gboolean                       enabled,
                                                   const char                    *rrule,
                                                   const char                    *dtstart,
                                                   gint64                         now,
                                                   GError                       **error);
/* Removes the reminder @key and what it fired; none is not an error. */
gboolean        solace_reminders_remove           (SolaceDatabase                *db,
                                                   const char                    *key,
                                                   GError                       **error);

/* The same two in a worker thread, for the window: a write waits for
 * the disk, and the main loop must not. */
void            solace_reminders_set_async        (SolaceDatabase                *db,
                                                   const char                    *key,
                                                   gboolean                       enabled,
                                                   const char                    *rrule,
                                                   const char                    *dtstart,
                                                   gint64                         now,
                                                   GCancellable                  *cancellable,
                                                   GAsyncReadyCallback            callback,
                                                   gpointer                       user_data);
gboolean        solace_reminders_set_finish       (GAsyncResult                  *result,
                                                   GError                       **error);
void            solace_reminders_save_settings_async (SolaceDatabase             *db,
                                                   const SolaceReminderSettings  *settings,
                                                   GCancellable                  *cancellable,
                                                   GAsyncReadyCallback            callback,
                                                   gpointer                       user_data);
gboolean        solace_reminders_save_settings_finish (GAsyncResult              *result,
                                                   GError                       **error);

/* Records that the occurrence due at @due_at was shown at @now.  Sets
 * *@is_new to FALSE, and records nothing, when it had already been. */
gboolean        solace_reminders_record_firing    (SolaceDatabase                *db,
                                                   gint64                         id,
                                                   gint64                         due_at,
                                                   gint64                         now,
                                                   gboolean                       from_snooze,
                                                   gboolean                      *is_new,
                                                   GError                       **error);
gboolean        solace_reminders_snooze           (SolaceDatabase                *db,
                                                   gint64                         id,
                                                   gint64                         due_at,
                                                   gint64                         until,
                                                   GError                       **error);
gboolean        solace_reminders_mark_done        (SolaceDatabase                *db,
                                                   gint64                         id,
                                                   gint64                         due_at,
                                                   GError                       **error);

/* An iCalendar file with one VEVENT and its RRULE per reminder that is
 * on, for a calendar to import.  A reminder that is on but whose rule
 * cannot be read, or would be read otherwise by another calendar, is
 * left out and counted in @n_left_out (may be %NULL), for the caller to
 * say so. */
char           *solace_reminders_to_ics           (GPtrArray                     *reminders,
                                                   gboolean                       discreet,
                                                   gint64                         now,
                                                   guint                         *n_left_out);

G_END_DECLS
