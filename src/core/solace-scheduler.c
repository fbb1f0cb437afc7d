/* solace-scheduler.c — one wall-clock timer that fires due reminders
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The scheduler keeps, for every reminder that is on, the first instant
 * after the one it last dealt with.  Running means: fire what is due
 * (at most once per reminder, however much was missed, and only within
 * the grace window), hold everything during quiet hours, then arm one
 * timer for the earliest next instant.  Nothing ticks in between.
 */
#define G_LOG_DOMAIN "solace-scheduler"

#include "config.h"

#include <errno.h>
#include <glib-unix.h>
#include <glib/gi18n-lib.h>
#include <sys/timerfd.h>
#include <unistd.h>

#include "solace-scheduler.h"

typedef struct
{
  SolaceReminder *reminder;
  gint64          id;
  gint64          last_due;       /* occurrences up to here are dealt with */
  gint64          skip_until;     /* and those up to here were too late */
  gint64          snoozed_until;  /* 0 when not snoozed */
  gint64          next;           /* first occurrence after both, 0 if none */
} Entry;

struct _SolaceScheduler
{
  GObject                 parent_instance;

  SolaceDatabase         *db;
  GArray                 *entries;
  SolaceReminderSettings  settings;
  GTimeZone              *tz;

  SolaceClockFunc         clock_func;
  gpointer                clock_data;

  int                     timer_fd;
  guint                   timer_source;
  gint64                  next_wake;
  gboolean                warned_record;
};

enum {
  FIRE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (SolaceScheduler, solace_scheduler, G_TYPE_OBJECT)

/* A snooze lasts an hour; one that ends more than a day after now was
 * not set by this clock (a damaged or imported value, or a clock set
 * far back since).  It is let go, and the reminder keeps to its
 * schedule. */
#define SNOOZE_HORIZON (24 * 60 * 60)

/* How many occurrences the upcoming list takes from one walk of a rule. */
#define UPCOMING_BATCH 256

static gint64
now (SolaceScheduler *self)
{
  if (self->clock_func != NULL)
    return self->clock_func (self->clock_data);

  return g_get_real_time () / G_USEC_PER_SEC;
}

/* Never %NULL: a time no date-time can be made from in some zone
 * (stored ones are kept within range, this is the last guard) is taken
 * as the nearest one that can. */
static GDateTime *
to_local (SolaceScheduler *self,
          gint64           unix_time)
{
  g_autoptr(GDateTime) utc = NULL;

  unix_time = CLAMP (unix_time, SOLACE_SCHEDULE_TIME_MIN, SOLACE_SCHEDULE_TIME_MAX);
  utc = g_date_time_new_from_unix_utc (unix_time);

  return g_date_time_to_timezone (utc, self->tz);
}

/* An instant past the last one Solace can place counts as none. */
static gint64
unix_or_zero (GDateTime *dt)
{
  gint64 t = dt != NULL ? g_date_time_to_unix (dt) : 0;

  g_clear_pointer (&dt, g_date_time_unref);
  return t <= SOLACE_SCHEDULE_TIME_MAX ? t : 0;
}

/* A stored snooze as the scheduler takes it at @t: 0 when there is none
 * or when it is past what a snooze can be. */
static gint64
sane_snooze (gint64 snoozed_until,
             gint64 t)
{
  if (snoozed_until <= 0 || snoozed_until > SOLACE_SCHEDULE_TIME_MAX ||
      snoozed_until > t + SNOOZE_HORIZON)
    return 0;

  return snoozed_until;
}

/* A stored "dealt with up to" past the last instant Solace can place
 * cannot be true: taken as never, so the reminder comes again (what was
 * shown is never shown twice: each firing is recorded by its due time). */
static gint64
sane_last_due (gint64 last_due)
{
  if (last_due < SOLACE_SCHEDULE_TIME_MIN || last_due > SOLACE_SCHEDULE_TIME_MAX)
    return 0;

  return last_due;
}

static gint64
grace_seconds (SolaceScheduler *self)
{
  return (gint64) self->settings.grace_minutes * 60;
}

static gboolean
quiet_active (SolaceScheduler *self)
{
  return self->settings.quiet_enabled &&
         self->settings.quiet_start != self->settings.quiet_end;
}

static gboolean
in_quiet_hours (SolaceScheduler *self,
                gint64           t)
{
  g_autoptr(GDateTime) local = NULL;
  guint minute, start, end;

  if (!quiet_active (self))
    return FALSE;

  local = to_local (self, t);
  minute = g_date_time_get_hour (local) * 60 + g_date_time_get_minute (local);
  start = self->settings.quiet_start;
  end = self->settings.quiet_end;

  if (start < end)
    return minute >= start && minute < end;

  return minute >= start || minute < end;
}

/* The first end of quiet hours after @t. */
static gint64
quiet_end_after (SolaceScheduler *self,
                 gint64           t)
{
  g_autoptr(GDateTime) local = to_local (self, t);
  guint hour = self->settings.quiet_end / 60;
  guint minute = self->settings.quiet_end % 60;

  for (int days = 0; days < 3; days++)
    {
      g_autoptr(GDateTime) day = g_date_time_add_days (local, days);
      g_autoptr(GDateTime) end = solace_local_time_to_instant (self->tz,
                                                               g_date_time_get_year (day),
                                                               g_date_time_get_month (day),
                                                               g_date_time_get_day_of_month (day),
                                                               hour, minute, 0);

      if (end != NULL && g_date_time_to_unix (end) > t)
        return g_date_time_to_unix (end);
    }

  g_return_val_if_reached (t + 24 * 60 * 60);
}

/* When something due at @t is shown: then, or when quiet hours end. */
static gint64
deliver_at (SolaceScheduler *self,
            gint64           t)
{
  return in_quiet_hours (self, t) ? quiet_end_after (self, t) : t;
}

static void
entry_compute_next (SolaceScheduler *self,
                    Entry           *entry)
{
  SolaceSchedule *schedule = solace_reminder_get_schedule (entry->reminder);
  g_autoptr(GDateTime) after = NULL;

  if (schedule == NULL)
    {
      entry->next = 0;
      return;
    }

  after = to_local (self, MAX (entry->last_due, entry->skip_until));
  entry->next = unix_or_zero (solace_schedule_next_after (schedule, after));
}

/* Whether @b, freshly read, is the reminder @a was made from. */
static gboolean
unchanged (const Entry *a,
           const Entry *b)
{
  return solace_reminder_get_enabled (a->reminder) == solace_reminder_get_enabled (b->reminder) &&
         g_strcmp0 (solace_reminder_get_rrule (a->reminder), solace_reminder_get_rrule (b->reminder)) == 0 &&
         g_strcmp0 (solace_reminder_get_dtstart (a->reminder), solace_reminder_get_dtstart (b->reminder)) == 0 &&
         solace_reminder_get_last_due (a->reminder) == solace_reminder_get_last_due (b->reminder) &&
         a->snoozed_until == b->snoozed_until;
}

static void
entry_clear (Entry *entry)
{
  g_clear_object (&entry->reminder);
}

static void
fire (SolaceScheduler *self,
      Entry           *entry,
      gint64           due_at,
      gint64           t,
      gboolean         from_snooze)
{
  g_autoptr(GError) error = NULL;
  gboolean is_new = TRUE;

  /* Recorded before it is shown, so that a crash in between loses one
   * notification rather than repeating it. */
  if (!solace_reminders_record_firing (self->db, solace_reminder_get_id (entry->reminder),
                                       due_at, t, from_snooze, &is_new, &error))
    {
      if (!self->warned_record)
        g_warning ("Could not record a reminder; it is shown anyway: %s", error->message);
      self->warned_record = TRUE;
      is_new = TRUE;
    }

  if (from_snooze)
    entry->snoozed_until = 0;
  else
    {
      entry->last_due = MAX (entry->last_due, due_at);
      entry_compute_next (self, entry);
    }

  if (is_new)
    g_signal_emit (self, signals[FIRE], 0, entry->reminder, due_at);
}

/* Deals with what @entry has due at @t; returns when it next needs a
 * wake-up, or 0. */
static gint64
run_entry (SolaceScheduler *self,
           Entry           *entry,
           gint64           t,
           gboolean         quiet)
{
  gint64 grace = grace_seconds (self);
  gint64 wake = 0;

  if (!solace_reminder_get_enabled (entry->reminder))
    return 0;

  entry->snoozed_until = sane_snooze (entry->snoozed_until, t);

  /* The clock went back past what was let go as too late: those
   * occurrences may come round again.  What was shown stays shown. */
  if (entry->skip_until > t)
    {
      entry->skip_until = 0;
      entry_compute_next (self, entry);
    }

  if (entry->snoozed_until != 0 && entry->snoozed_until <= t)
    {
      if (t - entry->snoozed_until > grace)
        entry->snoozed_until = 0;
      else if (!quiet)
        fire (self, entry, entry->snoozed_until, t, TRUE);
    }

  if (entry->next != 0 && entry->next <= t)
    {
      SolaceSchedule *schedule = solace_reminder_get_schedule (entry->reminder);
      g_autoptr(GDateTime) floor = to_local (self, MAX (entry->last_due, t - grace));
      g_autoptr(GDateTime) until = to_local (self, t);
      gint64 latest = unix_or_zero (solace_schedule_last_between (schedule, floor, until));

      if (latest == 0)
        {
          /* Everything missed is older than the grace window: let it go. */
          entry->skip_until = t;
          entry_compute_next (self, entry);
        }
      else if (!quiet)
        /* However many were missed, the latest comes once. */
        fire (self, entry, latest, t, FALSE);
    }

  if (entry->snoozed_until != 0)
    wake = entry->snoozed_until > t ? deliver_at (self, entry->snoozed_until)
                                    : quiet_end_after (self, t);

  if (entry->next != 0)
    {
      gint64 w = entry->next > t ? deliver_at (self, entry->next)
                                 : quiet_end_after (self, t);
      wake = wake == 0 ? w : MIN (wake, w);
    }

  return wake;
}

static void
arm_timer (SolaceScheduler *self)
{
  struct itimerspec spec = { 0 };

  if (self->timer_fd < 0)
    return;

  /* With nothing to wait for, the timer is set far ahead all the same:
   * it is how a change of the wall clock is noticed. */
  spec.it_value.tv_sec = self->next_wake != 0 ? self->next_wake : now (self) + 366 * 24 * 60 * 60;

  if (timerfd_settime (self->timer_fd, TFD_TIMER_ABSTIME | TFD_TIMER_CANCEL_ON_SET, &spec, NULL) != 0)
    g_warning ("Could not set the reminder timer: %s", g_strerror (errno));
}

static gboolean
timer_cb (int          fd,
          GIOCondition condition,
          gpointer     user_data)
{
  SolaceScheduler *self = user_data;
  guint64 expirations;

  /* ECANCELED means the wall clock was set: run all the same, since
   * the plan was made for a different "now". */
  if (read (fd, &expirations, sizeof expirations) < 0 && errno != ECANCELED && errno != EAGAIN)
    g_warning ("Could not read the reminder timer: %s", g_strerror (errno));

  solace_scheduler_run (self);

  return G_SOURCE_CONTINUE;
}

static void
solace_scheduler_dispose (GObject *object)
{
  SolaceScheduler *self = (SolaceScheduler *)object;

  solace_scheduler_set_armed (self, FALSE);
  g_clear_pointer (&self->entries, g_array_unref);
  g_clear_object (&self->db);

  G_OBJECT_CLASS (solace_scheduler_parent_class)->dispose (object);
}

static void
solace_scheduler_finalize (GObject *object)
{
  SolaceScheduler *self = (SolaceScheduler *)object;

  g_clear_pointer (&self->tz, g_time_zone_unref);

  G_OBJECT_CLASS (solace_scheduler_parent_class)->finalize (object);
}

static void
solace_scheduler_class_init (SolaceSchedulerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = solace_scheduler_dispose;
  object_class->finalize = solace_scheduler_finalize;

  /**
   * SolaceScheduler::fire:
   * @reminder: what to show
   * @due_at: the instant it was due, in Unix seconds
   *
   * A reminder is due.  It is already recorded as shown.
   */
  signals[FIRE] = g_signal_new ("fire",
                                G_TYPE_FROM_CLASS (klass),
                                G_SIGNAL_RUN_LAST,
                                0, NULL, NULL, NULL,
                                G_TYPE_NONE, 2, SOLACE_TYPE_REMINDER, G_TYPE_INT64);
}

static void
solace_scheduler_init (SolaceScheduler *self)
{
  self->entries = g_array_new (FALSE, TRUE, sizeof (Entry));
  g_array_set_clear_func (self->entries, (GDestroyNotify) entry_clear);
  self->tz = g_time_zone_new_local ();
  self->timer_fd = -1;
  solace_reminder_settings_init (&self->settings);
}

SolaceScheduler *
solace_scheduler_new (SolaceDatabase *db)
{
  SolaceScheduler *self;

  g_return_val_if_fail (SOLACE_IS_DATABASE (db), NULL);

  self = g_object_new (SOLACE_TYPE_SCHEDULER, NULL);
  self->db = g_object_ref (db);

  return self;
}

void
solace_scheduler_set_clock (SolaceScheduler *self,
                            SolaceClockFunc  func,
                            gpointer         user_data)
{
  g_return_if_fail (SOLACE_IS_SCHEDULER (self));

  self->clock_func = func;
  self->clock_data = user_data;
}

void
solace_scheduler_set_timezone (SolaceScheduler *self,
                               GTimeZone       *tz)
{
  g_return_if_fail (SOLACE_IS_SCHEDULER (self));
  g_return_if_fail (tz != NULL);

  g_time_zone_ref (tz);
  g_clear_pointer (&self->tz, g_time_zone_unref);
  self->tz = tz;

  /* "21:00" is another instant now. */
  for (guint i = 0; i < self->entries->len; i++)
    entry_compute_next (self, &g_array_index (self->entries, Entry, i));
}

GTimeZone *
solace_scheduler_get_timezone (SolaceScheduler *self)
{
  g_return_val_if_fail (SOLACE_IS_SCHEDULER (self), NULL);

  return self->tz;
}

void
solace_scheduler_set_armed (SolaceScheduler *self,
                            gboolean         armed)
{
  g_return_if_fail (SOLACE_IS_SCHEDULER (self));

  if (armed == (self->timer_fd >= 0))
    return;

  if (armed)
    {
      self->timer_fd = timerfd_create (CLOCK_REALTIME, TFD_CLOEXEC | TFD_NONBLOCK);
      if (self->timer_fd < 0)
        {
          g_warning ("Could not create the reminder timer: %s", g_strerror (errno));
          return;
        }
      self->timer_source = g_unix_fd_add (self->timer_fd, G_IO_IN, timer_cb, self);
      arm_timer (self);
    }
  else
    {
      g_clear_handle_id (&self->timer_source, g_source_remove);
      close (self->timer_fd);
      self->timer_fd = -1;
    }
}

gboolean
solace_scheduler_reload (SolaceScheduler  *self,
                         GError          **error)
{
  g_return_val_if_fail (SOLACE_IS_SCHEDULER (self), FALSE);

  if (!solace_scheduler_load (self, error))
    return FALSE;

  solace_scheduler_run (self);

  return TRUE;
}

gboolean
solace_scheduler_load (SolaceScheduler  *self,
                       GError          **error)
{
  g_autoptr(GPtrArray) reminders = NULL;
  g_autoptr(GArray) old_entries = NULL;
  GHashTable *previous;
  SolaceReminderSettings settings;
  gint64 t;

  g_return_val_if_fail (SOLACE_IS_SCHEDULER (self), FALSE);

  if (!solace_reminders_load_settings (self->db, &settings, error))
    return FALSE;

  reminders = solace_reminders_load (self->db, error);
  if (reminders == NULL)
    return FALSE;

  self->settings = settings;
  t = now (self);

  /* What each reminder looked like last time, by id: a reminder whose
   * rule and state have not changed keeps the next instant already
   * worked out, so re-planning after one change costs one expansion,
   * not one per reminder. */
  old_entries = g_steal_pointer (&self->entries);
  previous = g_hash_table_new (g_int64_hash, g_int64_equal);
  for (guint i = 0; i < old_entries->len; i++)
    {
      Entry *old = &g_array_index (old_entries, Entry, i);
      g_hash_table_insert (previous, &old->id, old);
    }

  self->entries = g_array_sized_new (FALSE, TRUE, sizeof (Entry), reminders->len);
  g_array_set_clear_func (self->entries, (GDestroyNotify) entry_clear);

  for (guint i = 0; i < reminders->len; i++)
    {
      SolaceReminder *reminder = g_ptr_array_index (reminders, i);
      Entry entry = { 0 };
      Entry *old;

      entry.reminder = g_object_ref (reminder);
      entry.id = solace_reminder_get_id (reminder);
      entry.last_due = sane_last_due (solace_reminder_get_last_due (reminder));
      entry.snoozed_until = sane_snooze (solace_reminder_get_snoozed_until (reminder), t);

      old = g_hash_table_lookup (previous, &entry.id);
      /* (A change of time zone has already worked every one out again.) */
      if (old != NULL && unchanged (old, &entry))
        {
          /* The same reminder: keep the one whose rule is parsed. */
          g_set_object (&entry.reminder, old->reminder);
          entry.last_due = MAX (entry.last_due, old->last_due);
          entry.skip_until = old->skip_until;
          entry.next = old->next;
        }
      else if (solace_reminder_get_enabled (reminder))
        entry_compute_next (self, &entry);

      g_array_append_val (self->entries, entry);
    }

  g_hash_table_unref (previous);

  return TRUE;
}

void
solace_scheduler_run (SolaceScheduler *self)
{
  gint64 t;
  gboolean quiet;
  gint64 wake = 0;

  g_return_if_fail (SOLACE_IS_SCHEDULER (self));

  t = now (self);
  quiet = in_quiet_hours (self, t);

  /* Keep the scheduler alive if a handler drops the last reference. */
  g_object_ref (self);

  for (guint i = 0; self->entries != NULL && i < self->entries->len; i++)
    {
      gint64 w = run_entry (self, &g_array_index (self->entries, Entry, i), t, quiet);

      if (w != 0)
        wake = wake == 0 ? w : MIN (wake, w);
    }

  self->next_wake = wake;
  arm_timer (self);

  g_object_unref (self);
}

gint64
solace_scheduler_get_next_wake (SolaceScheduler *self)
{
  g_return_val_if_fail (SOLACE_IS_SCHEDULER (self), 0);

  return self->next_wake;
}

const SolaceReminderSettings *
solace_scheduler_get_settings (SolaceScheduler *self)
{
  g_return_val_if_fail (SOLACE_IS_SCHEDULER (self), NULL);

  return &self->settings;
}

static Entry *
find_entry (SolaceScheduler *self,
            gint64           id)
{
  for (guint i = 0; i < self->entries->len; i++)
    {
      Entry *entry = &g_array_index (self->entries, Entry, i);

      if (solace_reminder_get_id (entry->reminder) == id)
        return entry;
    }
  return NULL;
}

SolaceReminder *
solace_scheduler_lookup (SolaceScheduler *self,
                         gint64           id)
{
  Entry *entry;

  g_return_val_if_fail (SOLACE_IS_SCHEDULER (self), NULL);

  entry = find_entry (self, id);
  return entry != NULL ? entry->reminder : NULL;
}

/**
 * solace_scheduler_snooze:
 * @due_at: the occurrence being snoozed
 *
 * Brings the reminder back an hour from now, once.
 */
gboolean
solace_scheduler_snooze (SolaceScheduler  *self,
                         gint64            id,
                         gint64            due_at,
                         GError          **error)
{
  gint64 until;
  Entry *entry;

  g_return_val_if_fail (SOLACE_IS_SCHEDULER (self), FALSE);

  until = now (self) + SOLACE_REMINDER_SNOOZE_SECONDS;
  if (!solace_reminders_snooze (self->db, id, due_at, until, error))
    return FALSE;

  entry = find_entry (self, id);
  if (entry != NULL)
    entry->snoozed_until = until;

  solace_scheduler_run (self);

  return TRUE;
}

gboolean
solace_scheduler_mark_done (SolaceScheduler  *self,
                            gint64            id,
                            gint64            due_at,
                            GError          **error)
{
  g_return_val_if_fail (SOLACE_IS_SCHEDULER (self), FALSE);

  return solace_reminders_mark_done (self->db, id, due_at, error);
}

static int
compare_upcoming (gconstpointer a,
                  gconstpointer b)
{
  const SolaceUpcoming *ua = a;
  const SolaceUpcoming *ub = b;

  return (ua->at > ub->at) - (ua->at < ub->at);
}

static void
upcoming_clear (SolaceUpcoming *upcoming)
{
  g_clear_object (&upcoming->reminder);
}

static void
add_upcoming (GArray         *out,
              SolaceReminder *reminder,
              gint64          at)
{
  SolaceUpcoming upcoming = { g_object_ref (reminder), at };

  g_array_append_val (out, upcoming);
}

GArray *
solace_scheduler_list_upcoming (SolaceScheduler *self,
                                guint            n)
{
  GArray *out;
  gint64 t;
  gint64 grace;

  g_return_val_if_fail (SOLACE_IS_SCHEDULER (self), NULL);

  out = g_array_new (FALSE, TRUE, sizeof (SolaceUpcoming));
  g_array_set_clear_func (out, (GDestroyNotify) upcoming_clear);
  t = now (self);
  grace = grace_seconds (self);

  for (guint i = 0; i < self->entries->len; i++)
    {
      Entry *entry = &g_array_index (self->entries, Entry, i);
      SolaceSchedule *schedule = solace_reminder_get_schedule (entry->reminder);
      g_autoptr(GDateTime) cursor = NULL;
      gint64 last_at = 0;
      guint found = 0;

      if (!solace_reminder_get_enabled (entry->reminder) || schedule == NULL)
        continue;

      if (entry->snoozed_until > t && sane_snooze (entry->snoozed_until, t) != 0)
        {
          gint64 at = deliver_at (self, entry->snoozed_until);
          if (at - entry->snoozed_until <= grace)
            add_upcoming (out, entry->reminder, at);
        }

      cursor = to_local (self, MAX (t, entry->last_due));
      /* Occurrences that fall in quiet hours are held, or let go, so
       * the walk goes on until n are shown.  Which ones are shown
       * depends only on the time of day, and a rule comes at most 24
       * times on a day that has any: unless none of them is ever
       * shown, n + 2 such days hold n, whatever the quiet hours (the
       * two spare days for daylight-saving changes).  That is the bound. */
      for (guint tries = 0, bound = (n + 2) * 24; found < n && tries < bound;)
        {
          g_autoptr(GPtrArray) batch = solace_schedule_list_after (schedule, cursor,
                                                                   MIN (UPCOMING_BATCH, bound - tries));
          gboolean ended = batch->len == 0;

          for (guint j = 0; j < batch->len && found < n && !ended; j++)
            {
              gint64 occurrence = g_date_time_to_unix (g_ptr_array_index (batch, j));
              gint64 at;

              /* Past the last instant Solace can place: the end. */
              ended = occurrence > SOLACE_SCHEDULE_TIME_MAX;
              if (ended)
                break;

              at = deliver_at (self, occurrence);
              /* Too late by the end of quiet hours, or one of several that
               * quiet hours held: those come out as one. */
              if (at - occurrence > grace || at == last_at)
                continue;

              add_upcoming (out, entry->reminder, at);
              last_at = at;
              found++;
            }

          if (ended)
            break;

          tries += batch->len;
          g_date_time_unref (cursor);
          cursor = g_date_time_ref (g_ptr_array_index (batch, batch->len - 1));
        }
    }

  g_array_sort (out, compare_upcoming);
  if (out->len > n)
    g_array_set_size (out, n);

  return out;
}

/**
 * solace_scheduler_count_unreadable:
 *
 * Returns: how many reminders that are on have a rule that could not
 *   be read, and so never come.
 */
guint
solace_scheduler_count_unreadable (SolaceScheduler *self)
{
  guint n = 0;

  g_return_val_if_fail (SOLACE_IS_SCHEDULER (self), 0);

  for (guint i = 0; self->entries != NULL && i < self->entries->len; i++)
    {
      Entry *entry = &g_array_index (self->entries, Entry, i);

      if (solace_reminder_get_enabled (entry->reminder) &&
          solace_reminder_get_schedule (entry->reminder) == NULL)
        n++;
    }

  return n;
}
