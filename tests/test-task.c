/* test-task.c — writes in the worker threads: in order, and never
 * touching the object that asked from another thread
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "solace-error.h"
#include "solace-task.h"
#include "solace-test-utils.h"
#include "solace-writer.h"

typedef struct {
  char           *dir;
  SolaceDatabase *db;
  GThread        *main_thread;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  f->dir = g_dir_make_tmp ("solace-task-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (f->dir, "solace.db", NULL);
  f->db = solace_database_open (path, SOLACE_DATABASE_FLAGS_NONE, &error);
  g_assert_no_error (error);
  g_assert_true (solace_database_exec (f->db, "CREATE TABLE seen (n INTEGER NOT NULL)", &error));
  f->main_thread = g_thread_self ();
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_assert_finalize_object (f->db);
  solace_test_rm_rf (f->dir);
  g_free (f->dir);
}

typedef struct {
  Fixture *f;
  guint    n;
  GArray  *done;        /* the order the callbacks came in */
  gboolean freed_on_main;
} Job;

static gboolean
insert_run (SolaceDatabase  *db,
            gpointer         data,
            GError         **error)
{
  Job *job = data;
  g_autofree char *sql = g_strdup_printf ("INSERT INTO seen (n) VALUES (%u)", job->n);

  /* The first jobs are the slowest: they must still land first. */
  if (job->n < 3)
    g_usleep ((3 - job->n) * 20 * 1000);
  if (job->n == 7)
    {
      g_set_error_literal (error, SOLACE_ERROR, SOLACE_ERROR_INVALID, "seven is refused");
      return FALSE;
    }
  return solace_database_exec (db, sql, error);
}

static void
job_free (Job *job)
{
  job->freed_on_main = g_thread_self () == job->f->main_thread;
}

static void
insert_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  Job *job = user_data;
  g_autoptr(GError) error = NULL;
  gboolean ok = solace_database_run_finish (result, &error);

  g_assert_true (g_thread_self () == job->f->main_thread);
  g_assert_true (G_IS_OBJECT (source));
  if (job->n == 7)
    {
      g_assert_false (ok);
      g_assert_error (error, SOLACE_ERROR, SOLACE_ERROR_INVALID);
    }
  else
    {
      g_assert_true (ok);
      g_assert_no_error (error);
    }
  g_array_append_val (job->done, job->n);
}

static gboolean
all_done (gpointer data)
{
  GArray *done = data;

  return done->len == 50;
}

/* Fifty writes asked for at once, the first ones slow: they reach the
 * disk, and come back, in the order they were asked for. */
static void
test_in_order (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GObject) source = g_object_new (G_TYPE_OBJECT, NULL);
  g_autoptr(GArray) done = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autofree Job *jobs = g_new0 (Job, 50);
  g_autofree char *order = NULL;
  g_autoptr(GString) expected = g_string_new (NULL);

  for (guint i = 0; i < 50; i++)
    {
      jobs[i] = (Job) { f, i, done, FALSE };
      solace_database_run_async (f->db, source, insert_run, &jobs[i], (GDestroyNotify) job_free,
                                 insert_done_cb, &jobs[i]);
    }
  g_assert_true (solace_test_wait_until (all_done, done, 10000));

  for (guint i = 0; i < 50; i++)
    {
      g_assert_cmpuint (g_array_index (done, guint, i), ==, i);
      g_assert_true (jobs[i].freed_on_main);
      if (i != 7)
        g_string_append_printf (expected, "%s%u", expected->len > 0 ? "," : "", i);
    }
  order = solace_test_query_text (solace_database_get_path (f->db), "SELECT group_concat (n) FROM (SELECT n FROM seen ORDER BY rowid)");
  g_assert_cmpstr (order, ==, expected->str);
}

static void
never_called_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_assert_not_reached ();
}

static void
finalized_cb (gpointer  data,
              GObject  *where_the_object_was)
{
  Fixture *f = data;

  /* Only ever on the thread that made it. */
  g_assert_true (g_thread_self () == f->main_thread);
  g_object_set_data (G_OBJECT (f->db), "finalized", GINT_TO_POINTER (1));
}

static gboolean
job_freed (gpointer data)
{
  Job *job = data;

  return job->freed_on_main;
}

/* The object that asked goes away while its write is still running (a
 * window closed mid-save): the write still happens, the object is
 * finalized on the main thread at once, and nobody calls back into it. */
static void
test_source_gone (Fixture       *f,
                  gconstpointer  data)
{
  GObject *source = g_object_new (G_TYPE_OBJECT, NULL);
  Job job = { f, 0, NULL, FALSE };

  g_object_weak_ref (source, finalized_cb, f);
  solace_database_run_async (f->db, source, insert_run, &job, (GDestroyNotify) job_free,
                             never_called_cb, NULL);
  g_object_unref (source);
  g_assert_nonnull (g_object_get_data (G_OBJECT (f->db), "finalized"));

  g_assert_true (solace_test_wait_until (job_freed, &job, 10000));
  g_assert_cmpint (solace_test_query_int (solace_database_get_path (f->db), "SELECT count(*) FROM seen"), ==, 1);
}

static gboolean
writer_insert (SolaceDatabase  *db,
               gpointer         data,
               GError         **error)
{
  return solace_database_exec (db, "INSERT INTO seen (n) VALUES (1)", error);
}

static void
writer_done (GObject      *owner,
             const GError *error)
{
  Fixture *f = g_object_get_data (owner, "fixture");

  /* A store's "written" and "failed" signals reach widgets: only ever
   * from the main thread, even when it was waiting in a flush. */
  g_assert_true (g_thread_self () == f->main_thread);
  g_assert_no_error ((GError *) error);
  g_object_set_data (owner, "done", GINT_TO_POINTER (GPOINTER_TO_INT (g_object_get_data (owner, "done")) + 1));
}

static gboolean
writer_all_done (gpointer owner)
{
  return GPOINTER_TO_INT (g_object_get_data (owner, "done")) == 20;
}

/* The stores' writer: while the main thread waits in a flush, nobody
 * iterates its context, and the done callbacks must still wait for it. */
static void
test_writer_done_on_main (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GObject) owner = g_object_new (G_TYPE_OBJECT, NULL);
  g_autoptr(GError) error = NULL;
  SolaceWriter *writer;

  g_object_set_data (owner, "fixture", f);
  writer = solace_writer_new (f->db, owner, writer_done, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < 20; i++)
    solace_writer_push (writer, writer_insert, NULL, NULL);
  solace_writer_flush (writer);
  g_assert_cmpint (solace_test_query_int (solace_database_get_path (f->db), "SELECT count(*) FROM seen"), ==, 20);

  g_assert_true (solace_test_wait_until (writer_all_done, owner, 5000));
  solace_writer_free (writer);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) g_test_add (name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/task/in-order", test_in_order);
  ADD ("/task/source-gone", test_source_gone);
  ADD ("/task/writer-done-on-main", test_writer_done_on_main);
#undef ADD

  return g_test_run ();
}
