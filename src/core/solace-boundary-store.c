/* solace-boundary-store.c — boundaries and the distance plan, on disk
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "solace-boundary-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "solace-boundary-store.h"
#include "solace-error.h"
#include "solace-limits.h"
#include "solace-reminders.h"
#include "solace-utils.h"
#include "solace-writer.h"

/* ---- SolacePlanStep ---------------------------------------------- */

struct _SolacePlanStep
{
  GObject  parent_instance;

  char    *uuid;
  char    *builtin;
  char    *title;
  char    *notes;
  char    *done_on;
};

G_DEFINE_FINAL_TYPE (SolacePlanStep, solace_plan_step, G_TYPE_OBJECT)

/* The article's practical steps, in the order they usually get done. */
static const struct {
  const char *key;
  const char *title;
  const char *hint;
} builtin_steps[] = {
  { "remove-number", N_("Remove their number"),
    N_("Delete it, or block it if you know you would look it up again.") },
  { "unfollow", N_("Unfollow or block them"),
    N_("On every app where their posts or stories could reach you.") },
  { "put-away", N_("Put away what reminds you"),
    N_("Gifts, photos, their things: a box out of sight is enough for now.") },
  { "avoid-places", N_("Avoid the places you shared"),
    N_("For a while, choose other cafés, routes and times.") },
  { "social-break", N_("Take a break from social media"),
    N_("Even a few days makes checking up on them less of a pull.") },
  { "tell-friends", N_("Tell mutual friends"),
    N_("Ask them kindly not to pass news on, in either direction.") },
};

static void
solace_plan_step_finalize (GObject *object)
{
  SolacePlanStep *self = (SolacePlanStep *)object;

  g_free (self->uuid);
  g_free (self->builtin);
  g_free (self->title);
  g_free (self->notes);
  g_free (self->done_on);

  G_OBJECT_CLASS (solace_plan_step_parent_class)->finalize (object);
}

static void
solace_plan_step_class_init (SolacePlanStepClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = solace_plan_step_finalize;
}

static void
solace_plan_step_init (SolacePlanStep *self)
{
}

const char *
solace_plan_step_get_uuid (SolacePlanStep *self)
{
  g_return_val_if_fail (SOLACE_IS_PLAN_STEP (self), NULL);
  return self->uuid;
}

const char *
solace_plan_step_get_builtin (SolacePlanStep *self)
{
  g_return_val_if_fail (SOLACE_IS_PLAN_STEP (self), NULL);
  return self->builtin;
}

const char *
solace_plan_step_get_title (SolacePlanStep *self)
{
  g_return_val_if_fail (SOLACE_IS_PLAN_STEP (self), NULL);

  for (guint i = 0; self->builtin != NULL && i < G_N_ELEMENTS (builtin_steps); i++)
    if (g_str_equal (builtin_steps[i].key, self->builtin))
      return _(builtin_steps[i].title);

  return self->title;
}

const char *
solace_plan_step_get_hint (SolacePlanStep *self)
{
  g_return_val_if_fail (SOLACE_IS_PLAN_STEP (self), NULL);

  for (guint i = 0; self->builtin != NULL && i < G_N_ELEMENTS (builtin_steps); i++)
    if (g_str_equal (builtin_steps[i].key, self->builtin))
      return _(builtin_steps[i].hint);

  return NULL;
}

const char *
solace_plan_step_get_notes (SolacePlanStep *self)
{
  g_return_val_if_fail (SOLACE_IS_PLAN_STEP (self), NULL);
  return self->notes;
}

const char *
solace_plan_step_get_done_on (SolacePlanStep *self)
{
  g_return_val_if_fail (SOLACE_IS_PLAN_STEP (self), NULL);
  return self->done_on;
}

/* ---- Boundaries' reminders ---------------------------------------- */

/* What a boundary's reminder says: its title, and its statement. */
static void
boundary_reminder_text (SolaceReminder     *reminder,
                        const char * const *words,
                        guint               n_words,
                        gpointer            user_data)
{
  g_autoptr(SolaceBoundary) boundary = solace_boundary_new ();
  g_autofree char *statement = NULL;

  G_STATIC_ASSERT (SOLACE_REMINDER_BOUNDARY_WORDS == 1 + SOLACE_N_STATEMENT_PARTS);
  g_return_if_fail (n_words == SOLACE_REMINDER_BOUNDARY_WORDS);

  for (guint i = 0; i < SOLACE_N_STATEMENT_PARTS; i++)
    solace_boundary_set_part (boundary, i, words[1 + i]);
  statement = solace_boundary_dup_statement (boundary);
  solace_reminder_set_text (reminder, words[0], statement);
}

void
solace_boundary_store_register_reminders (void)
{
  solace_reminders_register_subject (SOLACE_REMINDER_BOUNDARY, boundary_reminder_text, NULL);
}

/* ---- SolaceBoundaryStore ----------------------------------------- */

typedef enum
{
  OP_SAVE,
  OP_REMOVE,
  OP_ORDER,
  OP_STEP_DONE,
  OP_STEP_NOTES,
  OP_STEP_ADD,
  OP_STEP_REMOVE,
} Op;

typedef struct
{
  Op              op;
  SolaceBoundary *boundary;
  char           *uuid;
  char           *text;
  char           *rrule;
  char           *dtstart;
  gboolean        remind;
  GPtrArray      *order;
  gint64          now;
} Job;

struct _SolaceBoundaryStore
{
  GObject         parent_instance;

  SolaceDatabase *db;
  GPtrArray      *boundaries;
  GListStore     *plan;
  SolaceWriter   *writer;
};

enum {
  WRITTEN,
  FAILED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (SolaceBoundaryStore, solace_boundary_store, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

static GType
get_item_type (GListModel *model)
{
  return SOLACE_TYPE_BOUNDARY;
}

static guint
get_n_items (GListModel *model)
{
  return SOLACE_BOUNDARY_STORE (model)->boundaries->len;
}

static gpointer
get_item (GListModel *model,
          guint       position)
{
  SolaceBoundaryStore *self = SOLACE_BOUNDARY_STORE (model);

  if (position >= self->boundaries->len)
    return NULL;

  return g_object_ref (g_ptr_array_index (self->boundaries, position));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = get_item_type;
  iface->get_n_items = get_n_items;
  iface->get_item = get_item;
}

static void
job_free (Job *job)
{
  g_clear_object (&job->boundary);
  g_free (job->uuid);
  g_free (job->text);
  g_free (job->rrule);
  g_free (job->dtstart);
  g_clear_pointer (&job->order, g_ptr_array_unref);
  g_free (job);
}

static gboolean
step (SolaceDatabase  *db,
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
  return TRUE;
}

static gboolean
write_boundary (SolaceDatabase  *db,
                Job             *job,
                GError         **error)
{
  SolaceBoundary *b = job->boundary;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *key = solace_boundary_dup_reminder_key (b);

  stmt = solace_database_prepare (db,
                                  "INSERT INTO boundary (uuid, title, feeling, situation, action, condition,"
                                  "  contact_level, contact_other, consequence, active, position, created_at, updated_at)"
                                  " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10,"
                                  "  (SELECT coalesce (max (position), 0) + 1 FROM boundary), ?11, ?11)"
                                  " ON CONFLICT (uuid) DO UPDATE SET title = excluded.title,"
                                  "  feeling = excluded.feeling, situation = excluded.situation,"
                                  "  action = excluded.action, condition = excluded.condition,"
                                  "  contact_level = excluded.contact_level, contact_other = excluded.contact_other,"
                                  "  consequence = excluded.consequence, active = excluded.active,"
                                  "  updated_at = excluded.updated_at",
                                  error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, solace_boundary_get_uuid (b), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, solace_boundary_get_title (b), -1, SQLITE_TRANSIENT);
  for (guint i = 0; i < SOLACE_N_STATEMENT_PARTS; i++)
    sqlite3_bind_text (stmt, 3 + i, solace_boundary_get_part (b, i), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 7, solace_contact_level_to_key (solace_boundary_get_contact_level (b)), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 8, solace_boundary_get_contact_other (b), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 9, solace_boundary_get_consequence (b), -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 10, solace_boundary_get_active (b));
  sqlite3_bind_int64 (stmt, 11, job->now);
  if (!step (db, stmt, _("Saving a boundary"), error))
    return FALSE;

  if (job->rrule != NULL)
    return solace_reminders_put (db, key, SOLACE_REMINDER_BOUNDARY, job->remind,
                                 job->rrule, job->dtstart, job->now, error);

  return solace_reminders_remove (db, key, error);
}

static gboolean
exec_one (SolaceDatabase  *db,
          const char      *sql,
          const char      *a,
          const char      *b,
          const char      *operation,
          GError         **error)
{
  g_autoptr(sqlite3_stmt) stmt = solace_database_prepare (db, sql, error);

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, a, -1, SQLITE_TRANSIENT);
  if (sqlite3_bind_parameter_count (stmt) > 1)
    sqlite3_bind_text (stmt, 2, b, -1, SQLITE_TRANSIENT);

  return step (db, stmt, operation, error);
}

static gboolean
run_job (SolaceDatabase  *db,
         gpointer         data,
         GError         **error)
{
  Job *job = data;

  switch (job->op)
    {
    case OP_SAVE:
      return write_boundary (db, job, error);

    case OP_REMOVE:
      {
        g_autofree char *key = g_strconcat ("boundary:", job->uuid, NULL);

        return exec_one (db, "DELETE FROM boundary WHERE uuid = ?1", job->uuid, NULL,
                         _("Deleting a boundary"), error) &&
               solace_reminders_remove (db, key, error);
      }

    case OP_ORDER:
      for (guint i = 0; i < job->order->len; i++)
        {
          g_autofree char *position = g_strdup_printf ("%u", i + 1);

          if (!exec_one (db, "UPDATE boundary SET position = CAST (?2 AS INTEGER) WHERE uuid = ?1",
                         g_ptr_array_index (job->order, i), position,
                         _("Reordering the boundaries"), error))
            return FALSE;
        }
      return TRUE;

    case OP_STEP_DONE:
      return exec_one (db, "UPDATE plan_step SET done_on = ?2 WHERE uuid = ?1", job->uuid, job->text,
                       _("Saving the distance plan"), error);

    case OP_STEP_NOTES:
      return exec_one (db, "UPDATE plan_step SET notes = ?2 WHERE uuid = ?1", job->uuid, job->text,
                       _("Saving the distance plan"), error);

    case OP_STEP_ADD:
      return exec_one (db,
                       "INSERT INTO plan_step (uuid, title, position, created_at)"
                       " VALUES (?1, ?2, (SELECT coalesce (max (position), 0) + 1 FROM plan_step),"
                       "  CAST (strftime ('%s', 'now') AS INTEGER))",
                       job->uuid, job->text, _("Saving the distance plan"), error);

    case OP_STEP_REMOVE:
      return exec_one (db, "DELETE FROM plan_step WHERE uuid = ?1 AND builtin IS NULL", job->uuid, NULL,
                       _("Saving the distance plan"), error);

    default:
      g_return_val_if_reached (FALSE);
    }
}

static void
written_cb (GObject      *owner,
            const GError *error)
{
  if (error != NULL)
    g_signal_emit (owner, signals[FAILED], 0, error);
  else
    g_signal_emit (owner, signals[WRITTEN], 0);
}

static void
queue (SolaceBoundaryStore *self,
       Job                 *job)
{
  job->now = g_get_real_time () / G_USEC_PER_SEC;
  solace_writer_push (self->writer, run_job, job, (GDestroyNotify) job_free);
}

static gboolean
load (SolaceBoundaryStore  *self,
      GError              **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(sqlite3_stmt) steps = NULL;
  int rc;

  stmt = solace_database_prepare (self->db,
                                  "SELECT id, uuid, title, feeling, situation, action, condition,"
                                  "  contact_level, contact_other, consequence, active"
                                  " FROM boundary ORDER BY position, id",
                                  error);
  if (stmt == NULL)
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      SolaceBoundary *b = solace_boundary_new ();
      SolaceContactLevel level = SOLACE_CONTACT_NONE;

      solace_boundary_set_id (b, sqlite3_column_int64 (stmt, 0));
      solace_boundary_set_uuid (b, (const char *) sqlite3_column_text (stmt, 1));
      solace_boundary_set_title (b, (const char *) sqlite3_column_text (stmt, 2));
      for (guint i = 0; i < SOLACE_N_STATEMENT_PARTS; i++)
        solace_boundary_set_part (b, i, (const char *) sqlite3_column_text (stmt, 3 + i));
      solace_contact_level_from_key ((const char *) sqlite3_column_text (stmt, 7), &level);
      solace_boundary_set_contact_level (b, level);
      solace_boundary_set_contact_other (b, (const char *) sqlite3_column_text (stmt, 8));
      solace_boundary_set_consequence (b, (const char *) sqlite3_column_text (stmt, 9));
      solace_boundary_set_active (b, sqlite3_column_int (stmt, 10));
      g_ptr_array_add (self->boundaries, b);
    }
  if (rc != SQLITE_DONE)
    {
      solace_database_set_error (self->db, error, rc, _("Reading the boundaries"));
      return FALSE;
    }

  steps = solace_database_prepare (self->db,
                                   "SELECT uuid, builtin, title, notes, done_on FROM plan_step ORDER BY position, id",
                                   error);
  if (steps == NULL)
    return FALSE;

  while ((rc = sqlite3_step (steps)) == SQLITE_ROW)
    {
      g_autoptr(SolacePlanStep) s = g_object_new (SOLACE_TYPE_PLAN_STEP, NULL);

      s->uuid = g_strdup ((const char *) sqlite3_column_text (steps, 0));
      s->builtin = g_strdup ((const char *) sqlite3_column_text (steps, 1));
      s->title = g_strdup ((const char *) sqlite3_column_text (steps, 2));
      s->notes = g_strdup ((const char *) sqlite3_column_text (steps, 3));
      s->done_on = g_strdup ((const char *) sqlite3_column_text (steps, 4));
      g_list_store_append (self->plan, s);
    }
  if (rc != SQLITE_DONE)
    {
      solace_database_set_error (self->db, error, rc, _("Reading the distance plan"));
      return FALSE;
    }

  return TRUE;
}

static void
solace_boundary_store_dispose (GObject *object)
{
  SolaceBoundaryStore *self = (SolaceBoundaryStore *)object;

  /* Every queued write finishes first. */
  g_clear_pointer (&self->writer, solace_writer_free);
  g_clear_object (&self->plan);
  g_clear_object (&self->db);

  G_OBJECT_CLASS (solace_boundary_store_parent_class)->dispose (object);
}

static void
solace_boundary_store_finalize (GObject *object)
{
  SolaceBoundaryStore *self = (SolaceBoundaryStore *)object;

  g_clear_pointer (&self->boundaries, g_ptr_array_unref);

  G_OBJECT_CLASS (solace_boundary_store_parent_class)->finalize (object);
}

static void
solace_boundary_store_class_init (SolaceBoundaryStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = solace_boundary_store_dispose;
  object_class->finalize = solace_boundary_store_finalize;

  signals[WRITTEN] = g_signal_new ("written", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[FAILED] = g_signal_new ("failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_ERROR);
}

static void
solace_boundary_store_init (SolaceBoundaryStore *self)
{
  self->boundaries = g_ptr_array_new_with_free_func (g_object_unref);
  self->plan = g_list_store_new (SOLACE_TYPE_PLAN_STEP);
}

SolaceBoundaryStore *
solace_boundary_store_new (SolaceDatabase  *db,
                           GError         **error)
{
  g_autoptr(SolaceBoundaryStore) self = NULL;

  g_return_val_if_fail (SOLACE_IS_DATABASE (db), NULL);

  self = g_object_new (SOLACE_TYPE_BOUNDARY_STORE, NULL);
  self->db = g_object_ref (db);

  if (!load (self, error))
    return NULL;

  /* One writer: writes land in the order they were made. */
  self->writer = solace_writer_new (db, G_OBJECT (self), written_cb, error);
  if (self->writer == NULL)
    return NULL;

  return g_steal_pointer (&self);
}

GListModel *
solace_boundary_store_get_plan (SolaceBoundaryStore *self)
{
  g_return_val_if_fail (SOLACE_IS_BOUNDARY_STORE (self), NULL);
  return G_LIST_MODEL (self->plan);
}

static int
find_boundary (SolaceBoundaryStore *self,
               const char          *uuid)
{
  for (guint i = 0; i < self->boundaries->len; i++)
    if (g_strcmp0 (solace_boundary_get_uuid (g_ptr_array_index (self->boundaries, i)), uuid) == 0)
      return i;
  return -1;
}

SolaceBoundary *
solace_boundary_store_lookup (SolaceBoundaryStore *self,
                              const char          *uuid)
{
  int i;

  g_return_val_if_fail (SOLACE_IS_BOUNDARY_STORE (self), NULL);

  i = find_boundary (self, uuid);
  return i >= 0 ? g_ptr_array_index (self->boundaries, i) : NULL;
}

static gboolean
boundary_text_fits (const char  *text,
                    GError     **error)
{
  if (solace_text_fits (text, SOLACE_MAX_BOUNDARY_CHARS) && (text == NULL || g_utf8_validate (text, -1, NULL)))
    return TRUE;

  g_set_error (error, SOLACE_ERROR, SOLACE_ERROR_INVALID,
               g_dngettext (GETTEXT_PACKAGE,
                            "Each part of a boundary can be up to %'d character; one is longer, so nothing was saved. "
                            "A few sentences are enough.",
                            "Each part of a boundary can be up to %'d characters; one is longer, so nothing was saved. "
                            "A few sentences are enough.",
                            SOLACE_MAX_BOUNDARY_CHARS),
               SOLACE_MAX_BOUNDARY_CHARS);
  return FALSE;
}

gboolean
solace_boundary_store_save (SolaceBoundaryStore  *self,
                            SolaceBoundary       *boundary,
                            SolaceSchedule       *schedule,
                            gboolean              remind,
                            GError              **error)
{
  Job *job;
  int i;

  g_return_val_if_fail (SOLACE_IS_BOUNDARY_STORE (self), FALSE);
  g_return_val_if_fail (SOLACE_IS_BOUNDARY (boundary), FALSE);

  if (!boundary_text_fits (solace_boundary_get_title (boundary), error) ||
      !boundary_text_fits (solace_boundary_get_contact_other (boundary), error) ||
      !boundary_text_fits (solace_boundary_get_consequence (boundary), error))
    return FALSE;
  for (guint p = 0; p < SOLACE_N_STATEMENT_PARTS; p++)
    if (!boundary_text_fits (solace_boundary_get_part (boundary, p), error))
      return FALSE;

  i = find_boundary (self, solace_boundary_get_uuid (boundary));
  if (i >= 0)
    {
      g_autoptr(SolaceBoundary) old = g_ptr_array_index (self->boundaries, i);

      /* The old object goes after the new one is in place. */
      g_ptr_array_index (self->boundaries, i) = solace_boundary_copy (boundary);
      g_list_model_items_changed (G_LIST_MODEL (self), i, 1, 1);
    }
  else
    {
      g_ptr_array_add (self->boundaries, solace_boundary_copy (boundary));
      g_list_model_items_changed (G_LIST_MODEL (self), self->boundaries->len - 1, 0, 1);
    }

  job = g_new0 (Job, 1);
  job->op = OP_SAVE;
  job->boundary = solace_boundary_copy (boundary);
  job->remind = remind;
  if (schedule != NULL)
    {
      job->rrule = g_strdup (solace_schedule_get_rrule (schedule));
      job->dtstart = g_strdup (solace_schedule_get_dtstart (schedule));
    }
  queue (self, job);

  return TRUE;
}

void
solace_boundary_store_remove (SolaceBoundaryStore *self,
                              const char          *uuid_)
{
  /* @uuid_ may belong to the boundary about to go. */
  g_autofree char *uuid = g_strdup (uuid_);
  Job *job;
  int i;

  g_return_if_fail (SOLACE_IS_BOUNDARY_STORE (self));

  i = find_boundary (self, uuid);
  if (i < 0)
    return;

  g_ptr_array_remove_index (self->boundaries, i);
  g_list_model_items_changed (G_LIST_MODEL (self), i, 1, 0);

  job = g_new0 (Job, 1);
  job->op = OP_REMOVE;
  job->uuid = g_steal_pointer (&uuid);
  queue (self, job);
}

void
solace_boundary_store_move (SolaceBoundaryStore *self,
                            const char          *uuid,
                            int                  delta)
{
  Job *job;
  int from, to;
  gpointer item;

  g_return_if_fail (SOLACE_IS_BOUNDARY_STORE (self));

  from = find_boundary (self, uuid);
  to = from + delta;
  if (from < 0 || to < 0 || to >= (int) self->boundaries->len || to == from)
    return;

  item = g_ptr_array_steal_index (self->boundaries, from);
  g_ptr_array_insert (self->boundaries, to, item);
  g_list_model_items_changed (G_LIST_MODEL (self), MIN (from, to), ABS (delta) + 1, ABS (delta) + 1);

  job = g_new0 (Job, 1);
  job->op = OP_ORDER;
  job->order = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < self->boundaries->len; i++)
    g_ptr_array_add (job->order, g_strdup (solace_boundary_get_uuid (g_ptr_array_index (self->boundaries, i))));
  queue (self, job);
}

static SolacePlanStep *
find_step (SolaceBoundaryStore *self,
           const char          *uuid,
           guint               *position)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->plan));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SolacePlanStep) s = g_list_model_get_item (G_LIST_MODEL (self->plan), i);

      if (g_strcmp0 (s->uuid, uuid) == 0)
        {
          *position = i;
          return s;
        }
    }
  return NULL;
}

static void
step_changed (SolaceBoundaryStore *self,
              guint                position)
{
  g_list_model_items_changed (G_LIST_MODEL (self->plan), position, 1, 1);
}

void
solace_boundary_store_set_step_done (SolaceBoundaryStore *self,
                                     const char          *uuid,
                                     const char          *done_on)
{
  SolacePlanStep *s;
  guint position;
  Job *job;

  g_return_if_fail (SOLACE_IS_BOUNDARY_STORE (self));

  s = find_step (self, uuid, &position);
  if (s == NULL || !solace_set_str (&s->done_on, done_on))
    return;
  step_changed (self, position);

  job = g_new0 (Job, 1);
  job->op = OP_STEP_DONE;
  job->uuid = g_strdup (uuid);
  job->text = g_strdup (done_on);
  queue (self, job);
}

gboolean
solace_boundary_store_set_step_notes (SolaceBoundaryStore  *self,
                                      const char           *uuid,
                                      const char           *notes,
                                      GError              **error)
{
  SolacePlanStep *s;
  guint position;
  Job *job;

  g_return_val_if_fail (SOLACE_IS_BOUNDARY_STORE (self), FALSE);

  if (!solace_text_fits (notes, SOLACE_MAX_STEP_NOTES_CHARS) || (notes != NULL && !g_utf8_validate (notes, -1, NULL)))
    {
      g_set_error (error, SOLACE_ERROR, SOLACE_ERROR_INVALID,
                   g_dngettext (GETTEXT_PACKAGE,
                                "A step’s notes can be up to %'d character; these are longer, so they were not saved.",
                                "A step’s notes can be up to %'d characters; these are longer, so they were not saved.",
                                SOLACE_MAX_STEP_NOTES_CHARS),
                   SOLACE_MAX_STEP_NOTES_CHARS);
      return FALSE;
    }

  s = find_step (self, uuid, &position);
  if (s == NULL || !solace_set_str (&s->notes, notes != NULL ? notes : ""))
    return TRUE;

  job = g_new0 (Job, 1);
  job->op = OP_STEP_NOTES;
  job->uuid = g_strdup (uuid);
  job->text = g_strdup (s->notes);
  queue (self, job);

  return TRUE;
}

gboolean
solace_boundary_store_add_step (SolaceBoundaryStore  *self,
                                const char           *title,
                                GError              **error)
{
  g_autofree char *clean = NULL;
  g_autoptr(SolacePlanStep) s = NULL;
  Job *job;

  g_return_val_if_fail (SOLACE_IS_BOUNDARY_STORE (self), FALSE);

  clean = g_strstrip (g_strdup (title != NULL ? title : ""));
  if (*clean == '\0')
    {
      g_set_error_literal (error, SOLACE_ERROR, SOLACE_ERROR_INVALID, _("Give the step a name."));
      return FALSE;
    }
  if (!solace_text_fits (clean, SOLACE_MAX_STEP_TITLE_CHARS) || !g_utf8_validate (clean, -1, NULL))
    {
      g_set_error (error, SOLACE_ERROR, SOLACE_ERROR_INVALID,
                   g_dngettext (GETTEXT_PACKAGE,
                                "A step’s name can be up to %d character; put the rest in its notes.",
                                "A step’s name can be up to %d characters; put the rest in its notes.",
                                SOLACE_MAX_STEP_TITLE_CHARS),
                   SOLACE_MAX_STEP_TITLE_CHARS);
      return FALSE;
    }

  s = g_object_new (SOLACE_TYPE_PLAN_STEP, NULL);
  s->uuid = g_uuid_string_random ();
  s->title = g_strdup (clean);
  s->notes = g_strdup ("");
  g_list_store_append (self->plan, s);

  job = g_new0 (Job, 1);
  job->op = OP_STEP_ADD;
  job->uuid = g_strdup (s->uuid);
  job->text = g_strdup (clean);
  queue (self, job);

  return TRUE;
}

void
solace_boundary_store_remove_step (SolaceBoundaryStore *self,
                                   const char          *uuid)
{
  SolacePlanStep *s;
  guint position;
  Job *job;

  g_return_if_fail (SOLACE_IS_BOUNDARY_STORE (self));

  /* The article's steps stay; only the person's own can go. */
  s = find_step (self, uuid, &position);
  if (s == NULL || s->builtin != NULL)
    return;

  g_list_store_remove (self->plan, position);

  job = g_new0 (Job, 1);
  job->op = OP_STEP_REMOVE;
  job->uuid = g_strdup (uuid);
  queue (self, job);
}

void
solace_boundary_store_get_progress (SolaceBoundaryStore *self,
                                    guint               *done,
                                    guint               *total)
{
  guint n;

  g_return_if_fail (SOLACE_IS_BOUNDARY_STORE (self));

  n = g_list_model_get_n_items (G_LIST_MODEL (self->plan));
  *total = n;
  *done = 0;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SolacePlanStep) s = g_list_model_get_item (G_LIST_MODEL (self->plan), i);

      if (s->done_on != NULL)
        (*done)++;
    }
}

void
solace_boundary_store_flush (SolaceBoundaryStore *self)
{
  g_return_if_fail (SOLACE_IS_BOUNDARY_STORE (self));

  solace_writer_flush (self->writer);
}
