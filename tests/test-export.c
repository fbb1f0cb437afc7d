/* test-export.c — the JSON export and import, and the journal as Markdown
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <fcntl.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <sys/stat.h>
#include <unistd.h>

#include "solace-boundary-store.h"
#include "solace-check-in.h"
#include "solace-contact-store.h"
#include "solace-error.h"
#include "solace-export.h"
#include "solace-incidents.h"
#include "solace-journal-store.h"
#include "solace-limits.h"
#include "solace-progress.h"
#include "solace-reminders.h"
#include "solace-test-utils.h"

/* In every text field the fill writes: never in a message. */
#define CANARY "Kanarien"
#define TRICKY CANARY " Ünïcødé 😀 \"quoted\" 'single' back\\slash {braces} [x]\nsecond line\r\n" \
               "\ttabbed \x01\x02\x1f ctrl \xe2\x80\xa8 ¿中文? </end>"

typedef struct
{
  char           *dir;
  char           *path;
  SolaceDatabase *db;
} Fixture;

static SolaceDatabase *
open_db (Fixture    *f,
         const char *name,
         char      **path_out)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (f->dir, name, "solace.db", NULL);
  SolaceDatabase *db = solace_database_open (path, SOLACE_DATABASE_FLAGS_NONE, &error);

  g_assert_no_error (error);
  if (path_out != NULL)
    *path_out = g_steal_pointer (&path);

  return db;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("solace-export-XXXXXX", &error);
  g_assert_no_error (error);
  f->db = open_db (f, "main", &f->path);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  if (f->db != NULL)
    g_assert_finalize_object (f->db);
  solace_test_rm_rf (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

/* Runs @sql with ?1 bound to @text (if it has a ?1). */
static void
run (SolaceDatabase *db,
     const char     *sql,
     const char     *text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;

  solace_database_lock (db);
  stmt = solace_database_prepare (db, sql, &error);
  g_assert_no_error (error);
  if (sqlite3_bind_parameter_count (stmt) >= 1)
    sqlite3_bind_text (stmt, 1, text, -1, SQLITE_TRANSIENT);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  g_clear_pointer (&stmt, sqlite3_finalize);
  solace_database_unlock (db);
}

static gint64
query_int (SolaceDatabase *db,
           const char     *sql)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gint64 value;

  solace_database_lock (db);
  stmt = solace_database_prepare (db, sql, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  g_clear_pointer (&stmt, sqlite3_finalize);
  solace_database_unlock (db);

  return value;
}

static char *
query_text (SolaceDatabase *db,
            const char     *sql)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  char *value = NULL;

  solace_database_lock (db);
  stmt = solace_database_prepare (db, sql, &error);
  g_assert_no_error (error);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  g_clear_pointer (&stmt, sqlite3_finalize);
  solace_database_unlock (db);

  return value;
}

static void
append_incident (SolaceDatabase  *db,
                 SolaceChannel    channel,
                 gint64           happened_at,
                 const char      *what,
                 const char      *boundary,
                 gboolean         necessary,
                 const char      *corrects,
                 char           **uuid)
{
  g_autoptr(SolaceIncident) incident = solace_incident_new ();
  g_autoptr(GError) error = NULL;

  incident->happened_at = happened_at;
  incident->channel = channel;
  incident->what = g_strdup (what);
  incident->response = g_strdup (what);
  incident->boundary_uuid = g_strdup (boundary);
  incident->necessary = necessary;
  incident->corrects_uuid = g_strdup (corrects);
  g_assert_true (solace_incidents_append (db, incident, happened_at + 10000, &error));
  g_assert_no_error (error);

  if (uuid != NULL)
    *uuid = g_strdup (incident->uuid);
}

/* Something in every table and every column: text with everything JSON
 * must escape, 0, negative and the largest integers, and NULLs. */
static void
fill (SolaceDatabase *db)
{
  g_autofree char *first = NULL;

  run (db, "INSERT INTO journal_entry (uuid, kind, prompt, body, mood, day, created_at, updated_at)"
           " VALUES ('entry-1', 'letter', NULL, ?1, 3, '2026-11-20', 1795650000, 1795650100)", TRICKY);
  run (db, "INSERT INTO journal_tag (entry_id, name, is_emotion, position)"
           " SELECT id, 'grief', 1, 0 FROM journal_entry WHERE uuid = 'entry-1' UNION ALL"
           " SELECT id, 'hope', 1, 1 FROM journal_entry WHERE uuid = 'entry-1' UNION ALL"
           " SELECT id, 'work', 0, 0 FROM journal_entry WHERE uuid = 'entry-1' UNION ALL"
           " SELECT id, ?1, 0, 1 FROM journal_entry WHERE uuid = 'entry-1'", "Ünï 😀 \"q\"");
  run (db, "INSERT INTO journal_entry (uuid, kind, prompt, body, mood, day, created_at, updated_at)"
           " VALUES ('entry-2', 'prompt', 'need-now', ?1, NULL, '2026-11-21', 0, -1)",
       "# Not a heading\n```\n" CANARY " code\n```\n> quote");
  run (db, "INSERT INTO journal_entry (uuid, kind, prompt, body, mood, day, created_at, updated_at)"
           " VALUES ('entry-3', 'gratitude', NULL, '', 5, '2026-11-22', -86400, 253402300799)", NULL);

  run (db, "INSERT INTO stretch (uuid, started_on, ended_on, created_at) VALUES"
           " ('stretch-old', '2026-09-01', '2026-10-01', 1788220800),"
           " ('stretch-now', '2026-10-01', NULL, 1790812800)", NULL);

  run (db, "UPDATE reminder SET enabled = 1, rrule = 'FREQ=DAILY;BYHOUR=21;BYMINUTE=0', updated_at = 1795600000"
           " WHERE key = 'gratitude'", NULL);
  run (db, "INSERT INTO reminder_firing (reminder_id, due_at, fired_at, outcome)"
           " SELECT id, 1795600000, 1795600005, 'done' FROM reminder WHERE key = 'gratitude' UNION ALL"
           " SELECT id, 1795686400, 1795686400, 'snoozed' FROM reminder WHERE key = 'gratitude' UNION ALL"
           " SELECT id, 1795772800, 1795772801, 'shown' FROM reminder WHERE key = 'gratitude'", NULL);
  run (db, "INSERT INTO reminder (key, kind, enabled, rrule, dtstart, last_due, snoozed_until, updated_at) VALUES"
           " ('boundary:boundary-1', 'boundary', 1, 'FREQ=WEEKLY;BYDAY=MO,TH', '20261102T090000',"
           "  1795700000, 1795703600, 1795700000),"
           " ('milestone:7', 'milestone', 1, 'FREQ=DAILY;UNTIL=20261008T100000', '20261008T100000',"
           "  0, NULL, 1790812800)", NULL);

  /* A reminder preference is kept in reminders.db, the others in the
   * journal: the document has them all, in one list. */
  run (db, "INSERT INTO reminder_setting (name, value) VALUES ('quiet-start', 1350)", NULL);
  run (db, "INSERT INTO preference (name, value) VALUES ('big', 9223372036854775806),"
           " ('small', -9223372036854775807 - 1), ('zero', 0)", NULL);

  run (db, "INSERT INTO boundary (uuid, title, feeling, situation, action, condition, contact_level,"
           "  contact_other, consequence, active, position, created_at, updated_at) VALUES"
           " ('boundary-1', ?1, ?1, ?1, ?1, ?1, 'other', ?1, ?1, 0, 9223372036854775807, 1795000000, 1795000500),"
           " ('boundary-2', 'Plain', '', '', '', '', 'none', '', '', 1, -9223372036854775807 - 1, 0, 0)", TRICKY);

  run (db, "UPDATE plan_step SET notes = ?1, done_on = '2026-10-02' WHERE builtin = 'remove-number'", TRICKY);
  run (db, "INSERT INTO plan_step (uuid, builtin, title, notes, done_on, position, created_at)"
           " VALUES ('step-1', NULL, ?1, ?1, NULL, -3, 1795000000)", TRICKY);

  append_incident (db, SOLACE_CHANNEL_TEXT, 1795780000, TRICKY, "boundary-1", TRUE, NULL, &first);
  append_incident (db, SOLACE_CHANNEL_IN_PERSON, 1795780060, "Again. " CANARY, NULL, FALSE, first, NULL);
  append_incident (db, SOLACE_CHANNEL_THROUGH_OTHERS, 1795780120, TRICKY, NULL, FALSE, NULL, NULL);

  run (db, "INSERT INTO contact (uuid, kind, name, relationship, phone, email, website, notes, good_for,"
           "  online, position, created_at, updated_at, next_session, session_remind) VALUES"
           " ('contact-1', 'therapist', ?1, ?1, ?1, ?1, ?1, ?1, 7, 1, 3, 1795000000, 1795000100,"
           "  '20301203T150000', 60),"
           " ('contact-2', 'line', 'Line', '', '', '', '', '', 0, 0, -2, 0, 0, NULL, NULL),"
           " ('contact-3', 'group', 'Group', '', '', '', '', '', 2, 0, 0, 1, 1, '20301204T180000', 10080)",
       TRICKY);

  run (db, "INSERT INTO urge (uuid, at, day, intensity, cause, outcome) VALUES"
           " ('urge-1', 1795700000, '2026-11-20', 7, ?1, 'passed'),"
           " ('urge-2', 1795700100, '2026-11-20', 10, '', 'reached-out')", TRICKY);

  run (db, "INSERT INTO reason (uuid, text, position, created_at) VALUES"
           " ('reason-1', ?1, 1, 1795000000), ('reason-2', 'Me', 2, 1795000001)", TRICKY);

  run (db, "INSERT INTO check_in (uuid, day, mood, emotions, self_care, signs, note, created_at, updated_at) VALUES"
           " ('check-1', '2026-11-20', 2, 'grief,shock', 63, 15, ?1, 1795650001, 1795650002),"
           " ('check-2', '2026-11-21', 5, '', 0, 0, '', 1795736400, 1795736500)", TRICKY);

  run (db, "INSERT INTO milestone_seen (stretch_uuid, days, seen_at) VALUES"
           " ('stretch-now', 1, 1790812800), ('stretch-now', 7, 1791417600), ('stretch-old', 30, 1790000000)", NULL);
}

static char *
export (SolaceDatabase *db)
{
  g_autoptr(GError) error = NULL;
  gsize length = 0;
  char *data = solace_export_to_data (db, &length, &error);

  g_assert_no_error (error);
  g_assert_nonnull (data);
  g_assert_cmpuint (strlen (data), ==, length);
  g_assert_true (g_utf8_validate (data, length, NULL));

  return data;
}

/* Everything after the first line, which holds exported_at. */
static const char *
body_of (const char *doc)
{
  const char *newline = strchr (doc, '\n');

  g_assert_nonnull (newline);
  return newline + 1;
}

static void
assert_same_document (const char *a,
                      const char *b)
{
  g_assert_cmpstr (body_of (a), ==, body_of (b));
}

static void
import_ok (SolaceDatabase     *db,
           const char         *doc,
           SolaceImportMode    mode,
           SolaceImportStats  *stats)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (solace_import_from_data (db, doc, strlen (doc), mode, stats, &error));
  g_assert_no_error (error);
}

static void
assert_healthy (SolaceDatabase *db)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *integrity = query_text (db, "PRAGMA integrity_check");
  SolaceChainCheck check;

  g_assert_cmpstr (integrity, ==, "ok");
  g_assert_null (query_text (db, "PRAGMA foreign_key_check"));
  /* The full-text index matches the entries, word for word. */
  g_assert_true (solace_database_exec (db, "INSERT INTO journal_fts (journal_fts, rank)"
                                           " VALUES ('integrity-check', 1)", &error));
  g_assert_no_error (error);
  g_assert_true (solace_incidents_verify (db, &check, &error));
  g_assert_no_error (error);
  g_assert_true (check.intact);
  /* The record stays append-only. */
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM sqlite_master WHERE type = 'trigger'"
                                  " AND name IN ('incident_no_update', 'incident_no_delete')"), ==, 2);
}

/* ---- Export and round trip -------------------------------------------- */

static void
test_round_trip (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(SolaceDatabase) other = open_db (f, "other", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *third = NULL;
  SolaceImportStats stats = { 0 };
  SolaceChainCheck check;
  guint n_records = 0, n_journal = 0;

  fill (f->db);
  first = export (f->db);

  g_assert_true (solace_export_count (f->db, &n_records, &n_journal, &error));
  g_assert_cmpuint (n_journal, ==, 3);
  /* 3 entries, 2 stretches, 10 reminders, 4 preferences, 2 boundaries,
   * 7 plan steps, 3 incidents, 3 contacts, 2 urges, 2 reasons,
   * 2 check-ins and 3 milestones. */
  g_assert_cmpuint (n_records, ==, 43);

  /* Into a new database, which starts with the built-in reminders and
   * plan steps: all of them replaced by the file's. */
  g_assert_false (solace_database_has_user_data (other, &error));
  g_assert_no_error (error);
  import_ok (other, first, SOLACE_IMPORT_REPLACE, &stats);
  g_assert_cmpuint (stats.added, ==, 43);
  g_assert_cmpuint (stats.removed, ==, 14);
  g_assert_cmpuint (stats.updated, ==, 0);
  g_assert_cmpuint (stats.skipped, ==, 0);
  g_assert_true (solace_database_has_user_data (other, &error));

  second = export (other);
  assert_same_document (first, second);
  assert_healthy (other);

  /* The chain came across record for record and still verifies. */
  g_assert_true (solace_incidents_verify (other, &check, &error));
  g_assert_true (check.intact);
  g_assert_cmpuint (check.n_checked, ==, 3);

  /* Found by the full-text index, in the body only. */
  g_assert_cmpint (query_int (other, "SELECT count(*) FROM journal_fts WHERE journal_fts MATCH 'kanarien'"),
                   ==, 2);
  g_assert_cmpint (query_int (other, "SELECT count(*) FROM journal_fts WHERE journal_fts MATCH 'tabbed'"),
                   ==, 1);

  /* Again over what is there: the same. */
  import_ok (other, second, SOLACE_IMPORT_REPLACE, NULL);
  third = export (other);
  assert_same_document (first, third);
  assert_healthy (other);

  /* And a merge of the same file changes nothing. */
  import_ok (other, first, SOLACE_IMPORT_MERGE, &stats);
  g_assert_cmpuint (stats.added, ==, 0);
  g_assert_cmpuint (stats.updated, ==, 0);
  g_assert_cmpuint (stats.skipped, ==, 43);
  g_clear_pointer (&third, g_free);
  third = export (other);
  assert_same_document (first, third);
}

static void
test_document_layout (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *doc = NULL;
  sqlite3 *mem = NULL;
  sqlite3_stmt *stmt = NULL;
  static const char *checks[][2] = {
    { "json_extract (?1, '$.format')", "solace-export" },
    { "json_extract (?1, '$.version')", "2" },
    { "json_type (?1, '$.exported_at')", "integer" },
    { "json_array_length (?1, '$.journal')", "3" },
    { "json_extract (?1, '$.journal[0].uuid')", "entry-1" },
    { "json_extract (?1, '$.journal[0].body')", TRICKY },
    { "json_extract (?1, '$.journal[0].emotions')", "[\"grief\",\"hope\"]" },
    { "json_extract (?1, '$.journal[0].tags[1]')", "Ünï 😀 \"q\"" },
    { "json_type (?1, '$.journal[1].mood')", "null" },
    { "json_extract (?1, '$.journal[2].created_at')", "-86400" },
    { "json_extract (?1, '$.journal[2].updated_at')", "253402300799" },
    { "json_type (?1, '$.reminders[0].enabled')", "true" },
    { "json_extract (?1, '$.reminders[0].firings[1].outcome')", "snoozed" },
    { "json_type (?1, '$.reminders[1].enabled')", "false" },
    { "json_extract (?1, '$.preferences[0].name')", "big" },
    { "json_extract (?1, '$.preferences[0].value')", "9223372036854775806" },
    { "json_extract (?1, '$.preferences[2].value')", "-9223372036854775808" },
    { "json_extract (?1, '$.boundaries[0].position')", "9223372036854775807" },
    { "json_type (?1, '$.boundaries[0].active')", "false" },
    { "json_extract (?1, '$.plan_steps[0].builtin')", "remove-number" },
    { "json_type (?1, '$.plan_steps[6].builtin')", "null" },
    { "json_extract (?1, '$.incidents[1].corrects_uuid') = json_extract (?1, '$.incidents[0].uuid')", "1" },
    { "json_extract (?1, '$.incidents[1].prev_hash') = json_extract (?1, '$.incidents[0].hash')", "1" },
    { "json_extract (?1, '$.incidents[0].prev_hash')", "" },
    { "json_extract (?1, '$.contacts[0].next_session')", "20301203T150000" },
    { "json_type (?1, '$.contacts[1].session_remind')", "null" },
    { "json_extract (?1, '$.check_ins[0].emotions')", "[\"grief\",\"shock\"]" },
    { "json_extract (?1, '$.check_ins[1].emotions')", "[]" },
    { "json_extract (?1, '$.milestones_seen[0].stretch_uuid')", "stretch-now" },
  };

  fill (f->db);
  doc = export (f->db);

  /* Every record on its own line, exported_at alone on the first. */
  g_assert_true (g_str_has_prefix (doc, "{\"format\":\"solace-export\",\"version\":2,\"exported_at\":"));
  g_assert_nonnull (strstr (doc, "\n\"journal\":[\n{\"uuid\":\"entry-1\",\"kind\":\"letter\",\"prompt\":null,"));
  g_assert_true (g_str_has_suffix (doc, "\n\"milestones_seen\":[\n"
                                        "{\"stretch_uuid\":\"stretch-now\",\"days\":1,\"seen_at\":1790812800},\n"
                                        "{\"stretch_uuid\":\"stretch-now\",\"days\":7,\"seen_at\":1791417600},\n"
                                        "{\"stretch_uuid\":\"stretch-old\",\"days\":30,\"seen_at\":1790000000}]\n}\n"));

  g_assert_cmpint (sqlite3_open (":memory:", &mem), ==, SQLITE_OK);
  for (guint i = 0; i < G_N_ELEMENTS (checks); i++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT %s", checks[i][0]);

      g_assert_cmpint (sqlite3_prepare_v2 (mem, sql, -1, &stmt, NULL), ==, SQLITE_OK);
      sqlite3_bind_text (stmt, 1, doc, -1, SQLITE_STATIC);
      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
      g_test_message ("%s", checks[i][0]);
      g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, checks[i][1]);
      sqlite3_finalize (stmt);
    }
  sqlite3_close (mem);
}

static void
test_export_file (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *file = g_build_filename (f->dir, "export.json", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *doc = NULL;
  struct stat st;
  mode_t old_umask;

  fill (f->db);

  /* A looser file that was there is replaced by a private one. */
  g_assert_true (g_file_set_contents (file, "old", -1, NULL));
  g_chmod (file, 0644);
  old_umask = umask (0);
  g_assert_true (solace_export_to_file (f->db, file, &error));
  umask (old_umask);
  g_assert_no_error (error);

  g_assert_cmpint (g_stat (file, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  g_assert_true (g_file_get_contents (file, &contents, NULL, NULL));
  doc = export (f->db);
  assert_same_document (contents, doc);

  /* A folder that is not there: an error, nothing half-written. */
  g_clear_pointer (&file, g_free);
  file = g_build_filename (f->dir, "missing", "export.json", NULL);
  g_assert_false (solace_export_to_file (f->db, file, &error));
  g_assert_nonnull (error);
  g_assert_false (g_file_test (file, G_FILE_TEST_EXISTS));
}

/* ---- Replace and merge -------------------------------------------------- */

static void
test_replace (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(SolaceDatabase) source = open_db (f, "source", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *file_doc = NULL;
  g_autofree char *after = NULL;
  SolaceImportStats stats = { 0 };
  char *message = NULL;

  fill (f->db);

  /* The file: a little of its own, with its own chain. */
  run (source, "INSERT INTO journal_entry (uuid, kind, body, day, created_at, updated_at)"
               " VALUES ('source-1', 'reflection', 'Quiet morning', '2026-11-23', 1795900000, 1795900000)", NULL);
  append_incident (source, SOLACE_CHANNEL_CALL, 1795900100, "Missed call", NULL, FALSE, NULL, NULL);
  append_incident (source, SOLACE_CHANNEL_EMAIL, 1795900200, "An email", NULL, FALSE, NULL, NULL);
  file_doc = export (source);

  import_ok (f->db, file_doc, SOLACE_IMPORT_REPLACE, &stats);
  g_assert_cmpuint (stats.removed, ==, 43);
  g_assert_cmpuint (stats.added, ==, 17);

  /* Exactly the file's, nothing of what was there. */
  after = export (f->db);
  assert_same_document (file_doc, after);
  assert_healthy (f->db);
  g_assert_cmpint (query_int (f->db, "SELECT count(*) FROM journal_fts WHERE journal_fts MATCH 'kanarien'"), ==, 0);
  g_assert_cmpint (query_int (f->db, "SELECT count(*) FROM journal_fts WHERE journal_fts MATCH 'quiet'"), ==, 1);
  g_assert_cmpint (query_int (f->db, "SELECT count(*) FROM journal_tag"), ==, 0);
  g_assert_cmpint (query_int (f->db, "SELECT count(*) FROM reminder_firing"), ==, 0);

  /* The record is append-only again afterwards. */
  g_assert_false (solace_database_exec (f->db, "DELETE FROM incident", &error));
  g_assert_nonnull (error);
  message = error->message;
  g_assert_nonnull (strstr (message, "append-only"));
}

static void
test_replace_keeps_builtins (Fixture       *f,
                             gconstpointer  data)
{
  static const char minimal[] =
    "{\"format\":\"solace-export\",\"version\":1,\"exported_at\":0,\"journal\":[],\"stretches\":[],"
    "\"reminders\":[],\"preferences\":[],\"boundaries\":[],\"plan_steps\":[],\"incidents\":[],"
    "\"contacts\":[],\"urges\":[],\"reasons\":[],\"check_ins\":[],\"milestones_seen\":[]}";
  SolaceImportStats stats = { 0 };
  g_autofree char *notes = NULL;

  fill (f->db);
  import_ok (f->db, minimal, SOLACE_IMPORT_REPLACE, &stats);
  g_assert_cmpuint (stats.added, ==, 0);

  /* A file without the built-in reminders and steps (made by hand) leaves
   * them as they were, without their history; everything else is gone. */
  g_assert_cmpint (query_int (f->db, "SELECT count(*) FROM reminder"), ==, 8);
  g_assert_cmpint (query_int (f->db, "SELECT enabled FROM reminder WHERE key = 'gratitude'"), ==, 1);
  g_assert_cmpint (query_int (f->db, "SELECT count(*) FROM reminder_firing"), ==, 0);
  g_assert_cmpint (query_int (f->db, "SELECT count(*) FROM plan_step"), ==, 6);
  notes = query_text (f->db, "SELECT notes FROM plan_step WHERE builtin = 'remove-number'");
  g_assert_cmpstr (notes, ==, TRICKY);
  g_assert_cmpint (query_int (f->db, "SELECT count(*) FROM journal_entry"), ==, 0);
  g_assert_cmpint (query_int (f->db, "SELECT count(*) FROM incident"), ==, 0);
  assert_healthy (f->db);
}

static void
test_merge (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(SolaceDatabase) source = open_db (f, "source", NULL);
  g_autofree char *doc = NULL;
  g_autofree char *body = NULL;
  g_autofree char *text = NULL;
  SolaceImportStats stats = { 0 };

  /* What is here. */
  run (f->db, "INSERT INTO journal_entry (uuid, kind, body, mood, day, created_at, updated_at) VALUES"
              " ('both-newer-there', 'reflection', 'old words', 2, '2026-11-01', 100, 100),"
              " ('both-newer-here', 'reflection', 'kept words', 2, '2026-11-01', 100, 500),"
              " ('only-here', 'reflection', 'mine', NULL, '2026-11-01', 100, 100)", NULL);
  run (f->db, "INSERT INTO journal_tag (entry_id, name, is_emotion, position)"
              " SELECT id, 'old', 0, 0 FROM journal_entry WHERE uuid = 'both-newer-there'", NULL);
  run (f->db, "INSERT INTO reason (uuid, text, position, created_at) VALUES ('reason-1', 'here', 1, 1)", NULL);
  run (f->db, "INSERT INTO stretch (uuid, started_on, created_at) VALUES ('open-here', '2026-11-01', 1)", NULL);
  run (f->db, "INSERT INTO check_in (uuid, day, mood, note, created_at, updated_at) VALUES"
              " ('check-here', '2026-11-02', 1, 'here', 1, 100)", NULL);
  run (f->db, "INSERT INTO reminder_setting (name, value) VALUES ('grace-minutes', 30)", NULL);
  run (f->db, "UPDATE reminder SET updated_at = 100 WHERE key = 'gratitude'", NULL);
  run (f->db, "INSERT INTO reminder_firing (reminder_id, due_at, fired_at)"
              " SELECT id, 1000, 1000 FROM reminder WHERE key = 'gratitude'", NULL);

  /* What the file has. */
  run (source, "INSERT INTO journal_entry (uuid, kind, body, mood, day, created_at, updated_at) VALUES"
               " ('both-newer-there', 'letter', 'new words', 4, '2026-11-01', 100, 200),"
               " ('both-newer-here', 'reflection', 'lost words', 1, '2026-11-01', 100, 400),"
               " ('only-there', 'gratitude', 'theirs', NULL, '2026-11-03', 300, 300)", NULL);
  run (source, "INSERT INTO journal_tag (entry_id, name, is_emotion, position)"
               " SELECT id, 'new', 0, 0 FROM journal_entry WHERE uuid = 'both-newer-there' UNION ALL"
               " SELECT id, 'calm', 1, 0 FROM journal_entry WHERE uuid = 'both-newer-there'", NULL);
  run (source, "INSERT INTO reason (uuid, text, position, created_at) VALUES ('reason-1', 'there', 1, 1),"
               " ('reason-2', 'also there', 2, 2)", NULL);
  run (source, "INSERT INTO stretch (uuid, started_on, ended_on, created_at) VALUES"
               " ('closed-there', '2026-10-01', '2026-10-15', 1), ('open-there', '2026-10-15', NULL, 2)", NULL);
  run (source, "INSERT INTO check_in (uuid, day, mood, note, created_at, updated_at) VALUES"
               " ('check-there', '2026-11-02', 5, 'there', 1, 200)", NULL);
  run (source, "INSERT INTO reminder_setting (name, value) VALUES ('grace-minutes', 60), ('discreet', 1)", NULL);
  run (source, "UPDATE reminder SET updated_at = 200, enabled = 1 WHERE key = 'gratitude'", NULL);
  run (source, "INSERT INTO reminder_firing (reminder_id, due_at, fired_at)"
               " SELECT id, 1000, 1001 FROM reminder WHERE key = 'gratitude' UNION ALL"
               " SELECT id, 2000, 2000 FROM reminder WHERE key = 'gratitude'", NULL);
  run (source, "UPDATE reminder SET updated_at = 0 WHERE key != 'gratitude'", NULL);
  doc = export (source);

  import_ok (f->db, doc, SOLACE_IMPORT_MERGE, &stats);

  /* Added: only-there, reason-2, closed-there, discreet.
   * Updated: both-newer-there, check-in of the day, gratitude.
   * Skipped: both-newer-here, reason-1, open-there (this database's
   * stretch goes on), grace-minutes, 7 older reminders, 6 plan steps
   * (no updated_at). */
  g_assert_cmpuint (stats.added, ==, 4);
  g_assert_cmpuint (stats.updated, ==, 3);
  g_assert_cmpuint (stats.skipped, ==, 4 + 7 + 6);
  g_assert_cmpuint (stats.removed, ==, 0);

  body = query_text (f->db, "SELECT body FROM journal_entry WHERE uuid = 'both-newer-there'");
  g_assert_cmpstr (body, ==, "new words");
  g_assert_cmpint (query_int (f->db, "SELECT mood FROM journal_entry WHERE uuid = 'both-newer-there'"), ==, 4);
  g_clear_pointer (&text, g_free);
  text = query_text (f->db, "SELECT group_concat (name) FROM (SELECT name FROM journal_tag t JOIN journal_entry e"
                            " ON e.id = t.entry_id WHERE e.uuid = 'both-newer-there' ORDER BY is_emotion)");
  g_assert_cmpstr (text, ==, "new,calm");
  g_clear_pointer (&body, g_free);
  body = query_text (f->db, "SELECT body FROM journal_entry WHERE uuid = 'both-newer-here'");
  g_assert_cmpstr (body, ==, "kept words");
  g_assert_cmpint (query_int (f->db, "SELECT count(*) FROM journal_entry"), ==, 4);
  g_assert_cmpint (query_int (f->db, "SELECT count(*) FROM journal_fts WHERE journal_fts MATCH 'new'"), ==, 1);
  g_assert_cmpint (query_int (f->db, "SELECT count(*) FROM journal_fts WHERE journal_fts MATCH 'old'"), ==, 0);

  g_clear_pointer (&text, g_free);
  text = query_text (f->db, "SELECT text FROM reason WHERE uuid = 'reason-1'");
  g_assert_cmpstr (text, ==, "here");

  /* One open stretch, this database's. */
  g_assert_cmpint (query_int (f->db, "SELECT count(*) FROM stretch"), ==, 2);
  g_clear_pointer (&text, g_free);
  text = query_text (f->db, "SELECT uuid FROM stretch WHERE ended_on IS NULL");
  g_assert_cmpstr (text, ==, "open-here");

  /* The day's check-in is the newer one, under its id. */
  g_assert_cmpint (query_int (f->db, "SELECT count(*) FROM check_in"), ==, 1);
  g_clear_pointer (&text, g_free);
  text = query_text (f->db, "SELECT uuid || ' ' || mood || ' ' || note FROM check_in");
  g_assert_cmpstr (text, ==, "check-there 5 there");

  /* The reminders' preferences land in reminders.db, where the
   * reminder service reads them, and nowhere else. */
  g_assert_cmpint (query_int (f->db, "SELECT value FROM reminder_setting WHERE name = 'grace-minutes'"), ==, 30);
  g_assert_cmpint (query_int (f->db, "SELECT value FROM reminder_setting WHERE name = 'discreet'"), ==, 1);
  g_assert_cmpint (query_int (f->db, "SELECT count(*) FROM main.preference"), ==, 0);

  /* The newer reminder, and both histories, the shared firing once. */
  g_assert_cmpint (query_int (f->db, "SELECT enabled FROM reminder WHERE key = 'gratitude'"), ==, 1);
  g_assert_cmpint (query_int (f->db, "SELECT count(*) FROM reminder_firing"), ==, 2);
  g_assert_cmpint (query_int (f->db, "SELECT fired_at FROM reminder_firing WHERE due_at = 1000"), ==, 1000);

  assert_healthy (f->db);
}

static void
test_merge_incidents (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(SolaceDatabase) other = open_db (f, "other", NULL);
  g_autoptr(SolaceDatabase) separate = open_db (f, "separate", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *two = NULL;
  g_autofree char *three = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *tampered = NULL;
  SolaceImportStats stats = { 0 };
  SolaceChainCheck check;
  char *at;

  append_incident (f->db, SOLACE_CHANNEL_TEXT, 1795780000, "One", NULL, FALSE, NULL, NULL);
  append_incident (f->db, SOLACE_CHANNEL_CALL, 1795780060, "Two", NULL, FALSE, NULL, NULL);
  two = export (f->db);
  append_incident (f->db, SOLACE_CHANNEL_SOCIAL, 1795780120, "Three", NULL, FALSE, NULL, NULL);
  three = export (f->db);

  /* A file that carries on from the database's record joins it. */
  import_ok (other, two, SOLACE_IMPORT_MERGE, &stats);
  g_assert_cmpuint (stats.added, ==, 2);
  import_ok (other, three, SOLACE_IMPORT_MERGE, &stats);
  g_assert_cmpuint (stats.added, ==, 1);
  g_assert_true (solace_incidents_verify (other, &check, &error));
  g_assert_true (check.intact);
  g_assert_cmpuint (check.n_checked, ==, 3);

  /* The same records again: nothing new. */
  import_ok (other, three, SOLACE_IMPORT_MERGE, &stats);
  g_assert_cmpuint (stats.added, ==, 0);
  g_assert_cmpuint (query_int (other, "SELECT count(*) FROM incident"), ==, 3);

  /* A record of its own in the database: the file's cannot follow it. */
  append_incident (separate, SOLACE_CHANNEL_OTHER, 1795700000, "Elsewhere", NULL, FALSE, NULL, NULL);
  before = export (separate);
  g_assert_false (solace_import_from_data (separate, three, strlen (three), SOLACE_IMPORT_MERGE, NULL, &error));
  g_assert_error (error, SOLACE_ERROR, SOLACE_ERROR_INVALID);
  g_assert_true (g_str_has_prefix (error->message, "$.incidents: "));
  g_assert_nonnull (strstr (error->message, "hash chain"));
  g_assert_nonnull (strstr (error->message, "replace"));
  g_clear_error (&error);
  after = export (separate);
  assert_same_document (before, after);

  /* Replacing is the way to keep the file's record. */
  import_ok (separate, three, SOLACE_IMPORT_REPLACE, NULL);
  g_assert_true (solace_incidents_verify (separate, &check, &error));
  g_assert_true (check.intact);
  g_assert_cmpuint (check.n_checked, ==, 3);

  /* A record that says it corrects itself. */
  {
    g_autofree char *self_doc = g_strdup (three);
    g_autofree char *uuid = query_text (other, "SELECT uuid FROM incident ORDER BY id LIMIT 1 OFFSET 1");
    g_autofree char *own = g_strdup_printf ("{\"uuid\":\"%s\"", uuid);
    g_autofree char *pointing = g_strdup_printf ("\"corrects_uuid\":\"%s\"", uuid);
    char *line = strstr (self_doc, own);
    char *field = strstr (line, "\"corrects_uuid\":null");
    GString *changed = g_string_new_len (self_doc, field - self_doc);

    g_string_append (changed, pointing);
    g_string_append (changed, field + strlen ("\"corrects_uuid\":null"));
    g_assert_false (solace_import_from_data (other, changed->str, changed->len, SOLACE_IMPORT_MERGE, NULL, &error));
    g_assert_error (error, SOLACE_ERROR, SOLACE_ERROR_INVALID);
    g_assert_true (g_str_has_prefix (error->message, "$.incidents[1].corrects_uuid: "));
    g_clear_error (&error);
    g_string_free (changed, TRUE);
  }

  /* A record changed in the file, under an id the database has. */
  tampered = g_strdup (three);
  at = strstr (tampered, "\"what\":\"Two\"");
  g_assert_nonnull (at);
  at[9] = 'X';
  g_assert_false (solace_import_from_data (other, tampered, strlen (tampered), SOLACE_IMPORT_MERGE, NULL, &error));
  g_assert_error (error, SOLACE_ERROR, SOLACE_ERROR_INVALID);
  g_assert_true (g_str_has_prefix (error->message, "$.incidents[1]: "));
  g_clear_error (&error);
}

/* ---- What is refused ---------------------------------------------------- */

typedef struct
{
  const char *name;
  const char *find;       /* replaced once in a full export… */
  const char *replace;
  const char *whole;      /* …or, when set, the whole file */
  const char *expect;     /* the message holds this */
  const char *expect2;
} BadCase;

static const char empty_doc[] =
  "{\"format\":\"solace-export\",\"version\":1,\"exported_at\":0,\"journal\":[],\"stretches\":[],"
  "\"reminders\":[],\"preferences\":[],\"boundaries\":[],\"plan_steps\":[],\"incidents\":[],"
  "\"contacts\":[],\"urges\":[],\"reasons\":[],\"check_ins\":[],\"milestones_seen\":[]}";

static const BadCase bad_cases[] = {
  /* Not an export at all. */
  { "empty", NULL, NULL, "", "empty" },
  { "not JSON", NULL, NULL, "Dear diary, " CANARY, "does not start with a JSON object", "byte offset 0" },
  { "an array", NULL, NULL, "[]", "does not start with a JSON object" },
  { "garbage after", "\n}\n", "\n}\n}", NULL, "not valid JSON at byte offset" },
  { "a comma too many", "\"stretches\":[", "\"stretches\":[,", NULL, "not valid JSON at byte offset" },
  { "leading zero", "\"mood\":3", "\"mood\":03", NULL, "not valid JSON at byte offset" },
  { "wrong format", "\"format\":\"solace-export\"", "\"format\":\"other-app\"", NULL, "$.format: ", "not a Solace export" },
  { "no format", "\"format\":\"solace-export\",", "", NULL, "$.format: " },
  { "newer version", "\"version\":2", "\"version\":3", NULL, "$.version: ", "newer version of Solace" },
  { "version 0", "\"version\":2", "\"version\":0", NULL, "$.version: " },
  { "version as text", "\"version\":2", "\"version\":\"2\"", NULL, "$.version: " },
  { "exported_at missing", ",\"exported_at\":", ",\"exported\":", NULL, "$.exported_at: " },
  /* Bytes and escapes. */
  { "invalid UTF-8", "\"body\":\"" CANARY, "\"body\":\"\xff" CANARY, NULL, "not valid UTF-8", "byte offset" },
  { "a NUL byte", "\"body\":\"" CANARY, "\"body\":\"\0" CANARY, NULL, "NUL byte at byte offset" },
  { "an escaped NUL", "\"body\":\"" CANARY, "\"body\":\"\\u0000" CANARY, NULL, "\\u0000", "byte offset" },
  { "half a surrogate pair", "\"body\":\"" CANARY, "\"body\":\"\\ud83d" CANARY, NULL, "surrogate", "byte offset" },
  { "a lone low surrogate", "\"body\":\"" CANARY, "\"body\":\"\\ude00" CANARY, NULL, "surrogate", "byte offset" },
  { "a bad escape", "\"body\":\"" CANARY, "\"body\":\"\\x41" CANARY, NULL, "not valid JSON at byte offset" },
  { "a raw newline in a string", "\"body\":\"" CANARY, "\"body\":\"\n" CANARY, NULL, "not valid JSON at byte offset" },
  /* Shape. */
  { "a table that is not an array", "\"stretches\":[", "\"stretches\":{},\"x\":[", NULL, "$.stretches: must be an array" },
  { "a record that is not an object", "\"urges\":[\n", "\"urges\":[1,\n", NULL, "$.urges[0]: must be an object" },
  { "a missing table", "\"stretches\":[]", "\"stretchez\":[]", empty_doc, "$: has a field “stretchez”" },
  { "a table missing", ",\"milestones_seen\":[]", "", empty_doc, "$.milestones_seen: is missing" },
  { "a table twice", "\"urges\":[]", "\"urges\":[],\"urges\":[]", empty_doc, "$.urges: appears twice" },
  { "an unknown field", "\"mood\":3,", "\"mood\":3,\"colour\":\"red\",", NULL, "$.journal[0]: has a field “colour”" },
  { "an unknown field, unsaid", "\"mood\":3,", "\"mood\":3,\"" CANARY " words\":1,", NULL, "$.journal[0]: has a field that" },
  { "a field twice", "\"mood\":3,", "\"mood\":3,\"mood\":4,", NULL, "$.journal[0].mood: appears twice" },
  { "too deep", "\"urges\":[\n", "\"urges\":[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[", NULL,
    "nests more deeply", "byte offset" },
  /* Types and ranges. */
  { "mood as text", "\"mood\":3", "\"mood\":\"3\"", NULL, "$.journal[0].mood: must be a whole number from 1 to 5" },
  { "mood out of range", "\"mood\":3", "\"mood\":6", NULL, "$.journal[0].mood: must be a whole number from 1 to 5" },
  { "mood not whole", "\"mood\":3", "\"mood\":3.5", NULL, "$.journal[0].mood: must be a whole number from 1 to 5" },
  { "mood as 3e0", "\"mood\":3", "\"mood\":3e0", NULL, "$.journal[0].mood: " },
  { "intensity", "\"intensity\":7", "\"intensity\":11", NULL, "$.urges[0].intensity: must be a whole number from 1 to 10" },
  { "session_remind", "\"session_remind\":60", "\"session_remind\":20000", NULL, "$.contacts[0].session_remind: " },
  { "beyond 64 bits", "\"position\":9223372036854775807", "\"position\":99999999999999999999", NULL,
    "$.boundaries[0].position: must be a whole number" },
  { "just beyond 64 bits", "\"position\":9223372036854775807", "\"position\":9223372036854775808", NULL,
    "$.boundaries[0].position: must be a whole number" },
  { "a time past 9999", "\"created_at\":1795650000", "\"created_at\":253402300800", NULL,
    "$.journal[0].created_at: must be a time" },
  { "a boolean as a number", "\"active\":false", "\"active\":0", NULL, "$.boundaries[0].active: must be true or false" },
  { "null where not allowed", "\"kind\":\"letter\"", "\"kind\":null", NULL, "$.journal[0].kind: must be one of" },
  { "a bitmask out of range", "\"self_care\":63", "\"self_care\":64", NULL, "$.check_ins[0].self_care: " },
  { "a day that is not", "\"day\":\"2026-11-20\",\"created_at\":1795650000",
    "\"day\":\"2026-02-30\",\"created_at\":1795650000", NULL, "$.journal[0].day: must be a day written YYYY-MM-DD" },
  { "a local time that is not", "\"next_session\":\"20301203T150000\"", "\"next_session\":\"20301203T250000\"", NULL,
    "$.contacts[0].next_session: " },
  { "a dtstart that is not", "\"dtstart\":\"20261102T090000\"", "\"dtstart\":\"2026-11-02\"", NULL,
    "$.reminders[8].dtstart: " },
  { "a rule Solace cannot follow", "\"rrule\":\"FREQ=WEEKLY;BYDAY=MO,TH\"", "\"rrule\":\"FREQ=YEARLY\"", NULL,
    "$.reminders[8].rrule: " },
  /* libical reads WKST other than RFC 5545 says: refused, with why. */
  { "a rule with WKST", "\"rrule\":\"FREQ=WEEKLY;BYDAY=MO,TH\"",
    "\"rrule\":\"FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH;WKST=TU\"", NULL,
    "$.reminders[8].rrule: must be a repeat rule Solace can follow", "which day a week begins on" },
  /* Times the scheduler could not show in a zone east of UTC. */
  { "a snooze no zone can show", "\"snoozed_until\":1795703600", "\"snoozed_until\":253402300799", NULL,
    "$.reminders[8].snoozed_until: must be a time in whole seconds from 1970" },
  { "a last due time before 1970", "\"last_due\":1795700000", "\"last_due\":-1", NULL,
    "$.reminders[8].last_due: must be a time in whole seconds from 1970" },
  { "an id with a space", "\"uuid\":\"entry-1\"", "\"uuid\":\"entry 1\"", NULL, "$.journal[0].uuid: must be an id" },
  { "a hash that is not", "\"prev_hash\":\"\"", "\"prev_hash\":\"xyz\"", NULL, "$.incidents[0].prev_hash: " },
  /* Required fields and kinds. */
  { "a missing uuid", "\"uuid\":\"entry-1\",", "", NULL, "$.journal[0].uuid: is missing, and is required" },
  { "a missing firing time", "\"due_at\":1795686400,", "", NULL, "$.reminders[0].firings[1].due_at: is missing" },
  { "an unknown kind", "\"kind\":\"letter\"", "\"kind\":\"poem\"", NULL, "$.journal[0].kind: must be one of" },
  { "an unknown channel", "\"channel\":\"text\"", "\"channel\":\"pigeon\"", NULL, "$.incidents[0].channel: " },
  { "an unknown feeling", "\"emotions\":[\"grief\",\"hope\"]", "\"emotions\":[\"grief\",\"bliss\"]", NULL,
    "$.journal[0].emotions[1]: must be one of" },
  { "an unknown check-in feeling", "\"emotions\":[\"grief\",\"shock\"]", "\"emotions\":[\"shock\",\"joy\"]", NULL,
    "$.check_ins[0].emotions[1]: " },
  { "a tag that is not text", "\"tags\":[\"work\",", "\"tags\":[7,", NULL, "$.journal[0].tags[0]: must be text" },
  /* Duplicates. */
  { "a uuid twice", "\"uuid\":\"entry-2\"", "\"uuid\":\"entry-1\"", NULL, "$.journal[1].uuid: the same as in $.journal[0]" },
  { "a tag twice", "\"tags\":[\"work\",", "\"tags\":[\"work\",\"work\",", NULL, "$.journal[0].tags[1]: the same as in $.journal[0].tags[0]" },
  { "a reminder key twice", "\"key\":\"check-in\"", "\"key\":\"gratitude\"", NULL, "$.reminders[1].key: the same as in $.reminders[0]" },
  { "a firing twice", "\"due_at\":1795686400", "\"due_at\":1795600000", NULL, "$.reminders[0].firings[1].due_at: the same as in $.reminders[0].firings[0]" },
  { "a day's check-in twice", "\"day\":\"2026-11-21\",\"mood\":5", "\"day\":\"2026-11-20\",\"mood\":5", NULL, "$.check_ins[1].day: the same as in $.check_ins[0]" },
  { "two open stretches", "\"ended_on\":\"2026-10-01\"", "\"ended_on\":null", NULL, "$.stretches[1].ended_on: only one stretch can be open", "$.stretches[0]" },
  { "a built-in step twice", "\"builtin\":\"unfollow\"", "\"builtin\":\"remove-number\"", NULL, "$.plan_steps[1].builtin: the same as in $.plan_steps[0]" },
  { "a milestone twice", "\"days\":7,", "\"days\":1,", NULL, "$.milestones_seen[1].stretch_uuid: the same as in $.milestones_seen[0]" },
  /* Lengths. */
  { "a cause too long", "\"intensity\":10,\"cause\":\"\"", "\"intensity\":10,\"cause\":\""
    "0123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789"
    "0123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789x\"",
    NULL, "$.urges[1].cause: must be text of at most 200 characters" },
  { "a tag too long", "\"tags\":[\"work\",", "\"tags\":[\"0123456789012345678901234567890123456789012345678901234567890123456789\",",
    NULL, "$.journal[0].tags[0]: must be text of 1 to 64 characters" },
  { "an empty tag", "\"tags\":[\"work\",", "\"tags\":[\"\",", NULL, "$.journal[0].tags[0]: " },
  /* The incident record. */
  { "a record changed", "\"happened_at\":1795780060", "\"happened_at\":1795780061", NULL,
    "$.incidents[1]: the incident record’s hash chain is broken" },
  { "a correction of nothing", "\"corrects_uuid\":\"", "\"corrects_uuid\":\"f", NULL,
    "$.incidents[1].corrects_uuid: must name an incident record that comes before" },
};

static char *
make_bad (const char    *full,
          const BadCase *c,
          gsize         *length)
{
  const char *base = c->whole != NULL ? c->whole : full;
  const char *at;
  GString *out;

  if (c->find == NULL)
    {
      *length = strlen (base);
      return g_strdup (base);
    }

  at = strstr (base, c->find);
  g_assert_nonnull (at);
  /* Each change is made to one place only. */
  g_assert_null (strstr (at + 1, c->find));

  out = g_string_new_len (base, at - base);
  /* The replacement may hold a NUL byte: its length is that of the
   * literal in the table, found from the find string's neighbour. */
  if (g_str_equal (c->name, "a NUL byte"))
    g_string_append_len (out, "\"body\":\"\0" CANARY, sizeof ("\"body\":\"\0" CANARY) - 1);
  else
    g_string_append (out, c->replace);
  g_string_append (out, at + strlen (c->find));

  *length = out->len;
  return g_string_free (out, FALSE);
}

static void
expect_refused (SolaceDatabase    *db,
                const char        *data,
                gsize              length,
                SolaceImportMode   mode,
                const char        *expect,
                const char        *expect2,
                const char        *unchanged)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *after = NULL;
  SolaceImportStats stats = { 7, 7, 7, 7 };

  g_assert_false (solace_import_from_data (db, data, length, mode, &stats, &error));
  g_assert_error (error, SOLACE_ERROR, SOLACE_ERROR_INVALID);
  g_test_message ("%s", error->message);
  if (expect != NULL)
    g_assert_nonnull (strstr (error->message, expect));
  if (expect2 != NULL)
    g_assert_nonnull (strstr (error->message, expect2));
  /* Never what the person wrote. */
  g_assert_null (strstr (error->message, CANARY));
  g_assert_null (strstr (error->message, "Ünï"));
  /* Stats are left alone on failure. */
  g_assert_cmpuint (stats.added, ==, 7);

  after = export (db);
  assert_same_document (unchanged, after);
}

static void
test_bad_input (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *full = NULL;
  g_autofree char *sum_before = NULL;
  g_autofree char *sum_after = NULL;

  fill (f->db);
  full = export (f->db);

  /* The file itself, checked after closing, must not change by a byte. */
  g_clear_object (&f->db);
  sum_before = solace_test_checksum_file (f->path);
  f->db = open_db (f, "main", NULL);

  for (guint i = 0; i < G_N_ELEMENTS (bad_cases); i++)
    {
      const BadCase *c = &bad_cases[i];
      gsize length = 0;
      g_autofree char *bad = make_bad (full, c, &length);

      g_test_message ("case: %s", c->name);
      expect_refused (f->db, bad, length, SOLACE_IMPORT_REPLACE, c->expect, c->expect2, full);
      expect_refused (f->db, bad, length, SOLACE_IMPORT_MERGE, c->expect, c->expect2, full);
    }

  g_clear_object (&f->db);
  sum_after = solace_test_checksum_file (f->path);
  g_assert_cmpstr (sum_before, ==, sum_after);
  f->db = open_db (f, "main", NULL);
}

static void
test_byte_offsets (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *doc = NULL;
  g_autofree char *expected = NULL;
  char *at;
  gsize offset;

  fill (f->db);
  doc = export (f->db);

  /* The offset of the first bad byte, counted from 0. */
  at = strstr (doc, "Ünïcødé");
  offset = at - doc;
  at[0] = '\xff';
  g_assert_false (solace_import_from_data (f->db, doc, strlen (doc), SOLACE_IMPORT_MERGE, NULL, &error));
  expected = g_strdup_printf ("byte offset %" G_GSIZE_FORMAT ":", offset);
  g_assert_nonnull (strstr (error->message, expected));
  g_clear_error (&error);

  /* A byte order mark is passed over, and counted. */
  g_clear_pointer (&doc, g_free);
  doc = g_strconcat ("\xef\xbb\xbf", "{\"format\":1 x", NULL);
  g_assert_false (solace_import_from_data (f->db, doc, strlen (doc), SOLACE_IMPORT_MERGE, NULL, &error));
  g_assert_nonnull (strstr (error->message, "byte offset 15:"));
  g_clear_error (&error);

  g_clear_pointer (&doc, g_free);
  doc = g_strconcat ("\xef\xbb\xbf", empty_doc, NULL);
  g_assert_true (solace_import_from_data (f->db, doc, strlen (doc), SOLACE_IMPORT_MERGE, NULL, &error));
  g_assert_no_error (error);
}

static void
test_truncated (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *full = NULL;
  gsize length;
  guint n = 0;

  fill (f->db);
  full = export (f->db);
  length = strlen (full);

  /* Cut anywhere before the closing brace, it is refused. */
  for (gsize cut = 0; cut < length - 2; cut += 97)
    {
      g_autoptr(GError) error = NULL;

      g_assert_false (solace_import_from_data (f->db, full, cut, cut % 2 ? SOLACE_IMPORT_MERGE : SOLACE_IMPORT_REPLACE,
                                               NULL, &error));
      g_assert_error (error, SOLACE_ERROR, SOLACE_ERROR_INVALID);
      g_assert_null (strstr (error->message, CANARY));
      n++;
    }
  g_assert_cmpuint (n, >, 50);

  /* Cut just before the end: that it was cut short is said. */
  {
    g_autoptr(GError) error = NULL;
    g_autofree char *after = NULL;

    g_assert_false (solace_import_from_data (f->db, full, length - 3, SOLACE_IMPORT_REPLACE, NULL, &error));
    g_assert_nonnull (strstr (error->message, "ends too early"));
    after = export (f->db);
    assert_same_document (full, after);
  }
}

static void
test_too_large (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *file = g_build_filename (f->dir, "huge.json", NULL);
  g_autofree char *big = NULL;
  g_autoptr(GError) error = NULL;
  int fd;

  /* A sparse file: refused from its size, never read. */
  fd = g_open (file, O_WRONLY | O_CREAT | O_TRUNC, 0600);
  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (ftruncate (fd, (off_t) SOLACE_IMPORT_MAX_BYTES + 1), ==, 0);
  close (fd);
  g_assert_false (solace_import_from_file (f->db, file, SOLACE_IMPORT_REPLACE, NULL, &error));
  g_assert_error (error, SOLACE_ERROR, SOLACE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "larger than 256 MiB"));
  g_clear_error (&error);

  /* The same from memory (untouched pages cost nothing). */
  big = g_malloc0 ((gsize) SOLACE_IMPORT_MAX_BYTES + 1);
  g_assert_false (solace_import_from_data (f->db, big, (gsize) SOLACE_IMPORT_MAX_BYTES + 1,
                                           SOLACE_IMPORT_MERGE, NULL, &error));
  g_assert_error (error, SOLACE_ERROR, SOLACE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "larger than 256 MiB"));
  g_clear_error (&error);

  /* Millions of tiny values, well under the size cap: refused before
   * SQLite would spend gigabytes parsing them. */
  g_clear_pointer (&big, g_free);
  {
    GString *doc = g_string_new ("{\"format\":\"solace-export\",\"version\":1,\"journal\":[");

    for (guint i = 0; i <= SOLACE_IMPORT_MAX_VALUES; i++)
      g_string_append (doc, i == 0 ? "0" : ",0");
    g_string_append (doc, "]}");
    g_assert_cmpuint (doc->len, <, SOLACE_IMPORT_MAX_BYTES / 16);
    g_assert_false (solace_import_from_data (f->db, doc->str, doc->len, SOLACE_IMPORT_MERGE, NULL, &error));
    g_assert_error (error, SOLACE_ERROR, SOLACE_ERROR_INVALID);
    g_assert_nonnull (strstr (error->message, "more than 4000000 values"));
    g_clear_error (&error);
    g_string_free (doc, TRUE);
  }

  /* A body over its 1 MiB is refused; one at it is taken. */
  {
    GString *doc = g_string_new (NULL);

    g_string_append (doc, "{\"format\":\"solace-export\",\"version\":1,\"exported_at\":0,\"journal\":[{"
                          "\"uuid\":\"big\",\"kind\":\"reflection\",\"day\":\"2026-11-20\",\"created_at\":1,"
                          "\"updated_at\":1,\"body\":\"");
    for (guint i = 0; i < 1024 * 1024; i++)
      g_string_append_c (doc, 'a' + i % 26);
    g_string_append (doc, "\"}],\"stretches\":[],\"reminders\":[],\"preferences\":[],\"boundaries\":[],"
                          "\"plan_steps\":[],\"incidents\":[],\"contacts\":[],\"urges\":[],\"reasons\":[],"
                          "\"check_ins\":[],\"milestones_seen\":[]}");
    g_assert_true (solace_import_from_data (f->db, doc->str, doc->len, SOLACE_IMPORT_MERGE, NULL, &error));
    g_assert_no_error (error);

    g_string_insert_c (doc, strstr (doc->str, "\"}],") - doc->str, 'z');
    g_assert_false (solace_import_from_data (f->db, doc->str, doc->len, SOLACE_IMPORT_REPLACE, NULL, &error));
    g_assert_error (error, SOLACE_ERROR, SOLACE_ERROR_INVALID);
    g_assert_nonnull (strstr (error->message, "$.journal[0].body: must be text of at most 1"));
    g_clear_error (&error);
    g_string_free (doc, TRUE);
  }

  /* Not a file. */
  g_assert_false (solace_import_from_file (f->db, f->dir, SOLACE_IMPORT_MERGE, NULL, &error));
  g_assert_error (error, SOLACE_ERROR, SOLACE_ERROR_INVALID);
  g_clear_error (&error);
  g_clear_pointer (&file, g_free);
  file = g_build_filename (f->dir, "not-there.json", NULL);
  g_assert_false (solace_import_from_file (f->db, file, SOLACE_IMPORT_MERGE, NULL, &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT);
}

static void
test_user_data (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  /* What every new database has is not the person's. */
  g_assert_false (solace_database_has_user_data (f->db, &error));
  g_assert_no_error (error);

  run (f->db, "UPDATE reminder SET enabled = 1 WHERE key = 'nudge-eat'", NULL);
  g_assert_true (solace_database_has_user_data (f->db, &error));
  run (f->db, "UPDATE reminder SET enabled = 0 WHERE key = 'nudge-eat'", NULL);
  g_assert_false (solace_database_has_user_data (f->db, &error));

  run (f->db, "UPDATE plan_step SET done_on = '2026-11-01' WHERE builtin = 'unfollow'", NULL);
  g_assert_true (solace_database_has_user_data (f->db, &error));
  run (f->db, "UPDATE plan_step SET done_on = NULL WHERE builtin = 'unfollow'", NULL);
  g_assert_false (solace_database_has_user_data (f->db, &error));

  run (f->db, "INSERT INTO reason (uuid, text, created_at) VALUES ('r', 'x', 1)", NULL);
  g_assert_true (solace_database_has_user_data (f->db, &error));
  g_assert_no_error (error);
}

static void
test_regressions (Fixture       *f,
                  gconstpointer  data)
{
  const char *dir = g_test_get_filename (G_TEST_DIST, "fuzz", "regressions", NULL);
  g_autoptr(GDir) listing = NULL;
  g_autofree char *before = NULL;
  const char *name;
  guint n = 0;

  fill (f->db);
  before = export (f->db);

  listing = g_dir_open (dir, 0, NULL);
  g_assert_nonnull (listing);
  while ((name = g_dir_read_name (listing)) != NULL)
    {
      g_autofree char *file = g_build_filename (dir, name, NULL);
      g_autofree char *contents = NULL;
      gsize length = 0;

      if (!g_str_has_suffix (name, ".json"))
        continue;

      g_test_message ("regression: %s", name);
      g_assert_true (g_file_get_contents (file, &contents, &length, NULL));
      /* Each was found by the fuzzer; each must be refused, cleanly. */
      expect_refused (f->db, contents, length, SOLACE_IMPORT_MERGE, NULL, NULL, before);
      expect_refused (f->db, contents, length, SOLACE_IMPORT_REPLACE, NULL, NULL, before);
      n++;
    }

  g_assert_cmpuint (n, >, 0);
  assert_healthy (f->db);
}

/* ---- The journal as Markdown -------------------------------------------- */

static gboolean
store_idle (gpointer data)
{
  return !solace_journal_store_get_loading (data) && G_OBJECT (data)->ref_count == 1;
}

/* Saved through the journal store, which gives each entry its local day. */
static void
save_entries (SolaceDatabase *db,
              const char     *times[],
              guint           n)
{
  g_autoptr(GError) error = NULL;
  SolaceJournalStore *store = solace_journal_store_new (db, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SolaceJournalEntry) entry = solace_journal_entry_new (SOLACE_ENTRY_KIND_REFLECTION);
      g_autoptr(GTimeZone) tz = g_time_zone_new_local ();
      g_autoptr(GDateTime) when = g_date_time_new_from_iso8601 (times[i], tz);
      g_autofree char *body = g_strdup_printf ("Entry written %s", times[i]);

      g_assert_nonnull (when);
      solace_journal_entry_set_body (entry, body);
      solace_journal_entry_set_created (entry, when);
      solace_journal_entry_set_updated (entry, when);
      g_assert_cmpint (solace_journal_store_save (store, entry, &error), >, 0);
      g_assert_no_error (error);
    }
  solace_journal_store_flush (store);
  g_assert_true (solace_test_wait_until (store_idle, store, 10000));
  g_assert_finalize_object (store);
}

static guint
count_headings (const char *markdown)
{
  g_auto(GStrv) lines = g_strsplit (markdown, "\n", -1);
  guint n = 0;

  for (guint i = 0; lines[i] != NULL; i++)
    if (g_str_has_prefix (lines[i], "## "))
      n++;

  return n;
}

static void
test_markdown_range (Fixture       *f,
                     gconstpointer  data)
{
  /* Around the night Europe/Berlin moves its clocks forward. */
  const char *times[] = {
    "2026-03-28T23:59:59",
    "2026-03-29T00:00:00",
    "2026-03-29T03:30:00",
    "2026-03-29T23:59:59",
    "2026-03-30T00:00:00",
  };
  g_autoptr(GDate) from = g_date_new_dmy (29, G_DATE_MARCH, 2026);
  g_autoptr(GDate) until = g_date_new_dmy (29, G_DATE_MARCH, 2026);
  g_autoptr(GError) error = NULL;
  g_autofree char *markdown = NULL;
  g_autofree char *file = g_build_filename (f->dir, "journal.md", NULL);
  g_autofree char *contents = NULL;
  struct stat st;
  guint n = 0;

  g_assert_cmpstr (g_getenv ("TZ"), ==, "Europe/Berlin");
  save_entries (f->db, times, G_N_ELEMENTS (times));

  markdown = solace_export_journal_markdown (f->db, from, until, &error);
  g_assert_no_error (error);
  g_test_message ("%s", markdown);

  /* Exactly the three of that day, oldest first. */
  g_assert_cmpuint (count_headings (markdown), ==, 3);
  g_assert_null (strstr (markdown, "2026-03-28T23:59:59"));
  g_assert_null (strstr (markdown, "2026-03-30T00:00:00"));
  g_assert_nonnull (strstr (markdown, "## Sunday 29 March 2026, 00:00\n"));
  g_assert_nonnull (strstr (markdown, "## Sunday 29 March 2026, 03:30\n"));
  g_assert_nonnull (strstr (markdown, "## Sunday 29 March 2026, 23:59\n"));
  g_assert_true (strstr (markdown, "T00:00:00") < strstr (markdown, "T03:30:00"));
  g_assert_true (strstr (markdown, "T03:30:00") < strstr (markdown, "T23:59:59"));
  g_assert_true (g_str_has_prefix (markdown, "# Journal\n\nEntries from Sunday 29 March 2026 to Sunday 29 March 2026"));
  g_assert_nonnull (strstr (markdown, "3 entries."));
  g_assert_true (solace_export_count_journal (f->db, from, until, &n, &error));
  g_assert_cmpuint (n, ==, 3);

  /* Open ends. */
  g_clear_pointer (&markdown, g_free);
  markdown = solace_export_journal_markdown (f->db, NULL, NULL, &error);
  g_assert_cmpuint (count_headings (markdown), ==, 5);
  g_clear_pointer (&markdown, g_free);
  markdown = solace_export_journal_markdown (f->db, from, NULL, &error);
  g_assert_cmpuint (count_headings (markdown), ==, 4);
  g_assert_null (strstr (markdown, "2026-03-28T23:59:59"));
  g_clear_pointer (&markdown, g_free);
  markdown = solace_export_journal_markdown (f->db, NULL, until, &error);
  g_assert_cmpuint (count_headings (markdown), ==, 4);
  g_assert_null (strstr (markdown, "2026-03-30T00:00:00"));

  /* A day with none. */
  g_date_set_dmy (from, 1, G_DATE_APRIL, 2026);
  g_date_set_dmy (until, 2, G_DATE_APRIL, 2026);
  g_clear_pointer (&markdown, g_free);
  markdown = solace_export_journal_markdown (f->db, from, until, &error);
  g_assert_cmpuint (count_headings (markdown), ==, 0);
  g_assert_nonnull (strstr (markdown, "There are no entries in this period."));

  /* To a private file. */
  g_date_set_dmy (from, 28, G_DATE_MARCH, 2026);
  g_assert_true (solace_export_journal_markdown_to_file (f->db, from, NULL, file, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_stat (file, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_true (g_file_get_contents (file, &contents, NULL, NULL));
  g_assert_cmpuint (count_headings (contents), ==, 5);
}

static void
test_markdown_escaping (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *markdown = NULL;
  g_auto(GStrv) lines = NULL;

  fill (f->db);
  run (f->db, "INSERT INTO journal_entry (uuid, kind, body, mood, day, created_at, updated_at) VALUES"
              " ('tricky', 'reflection', ?1, 1, '2026-11-23', 1795900000, 1795900000)",
       "# Not a heading\n"
       "```\n"
       "rm -rf\n"
       "```\n"
       "> not a quote\n"
       "- not a list\n"
       "1. not numbered\n"
       "    not code\n"
       "<script>alert(1)</script> &amp; [link](http://x) ![img](y) *em* _em_ `code` | table |\n"
       "---\n"
       "===\n"
       "~~~\n"
       "\n"
       "trailing backslash \\");
  run (f->db, "INSERT INTO journal_tag (entry_id, name, is_emotion, position)"
              " SELECT id, '# tag *x*', 0, 0 FROM journal_entry WHERE uuid = 'tricky'", NULL);

  markdown = solace_export_journal_markdown (f->db, NULL, NULL, &error);
  g_assert_no_error (error);
  g_test_message ("%s", markdown);

  /* One title and a heading per entry, whatever the entries say. */
  lines = g_strsplit (markdown, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *line = lines[i];

      if (g_str_has_prefix (line, "#"))
        g_assert_true (i == 0 || g_str_has_prefix (line, "## "));
      g_assert_false (g_str_has_prefix (line, "```"));
      g_assert_false (g_str_has_prefix (line, "~~~"));
      g_assert_false (g_str_has_prefix (line, ">"));
      g_assert_false (g_str_has_prefix (line, "    "));
      g_assert_false (g_str_has_prefix (line, "1."));
      g_assert_false (g_str_has_prefix (line, "---"));
      g_assert_false (g_str_has_prefix (line, "==="));
      g_assert_false (g_str_has_prefix (line, "<"));
      /* A list is only the metadata Solace writes. */
      if (g_str_has_prefix (line, "- "))
        g_assert_true (g_str_has_prefix (line, "- Kind: ") || g_str_has_prefix (line, "- Mood: ") ||
                       g_str_has_prefix (line, "- Feelings: ") || g_str_has_prefix (line, "- Tags: ") ||
                       g_str_has_prefix (line, "- Prompt: "));
    }
  g_assert_cmpuint (count_headings (markdown), ==, 4);

  /* What was written is all there, escaped. */
  g_assert_nonnull (strstr (markdown, "\\# Not a heading\\\n\\`\\`\\`\\\nrm -rf\\\n\\`\\`\\`\\\n\\> not a quote\\\n"
                                      "\\- not a list\\\n1\\. not numbered\\\n\xc2\xa0\xc2\xa0\xc2\xa0\xc2\xa0not code\\\n"
                                      "\\<script\\>alert(1)\\</script\\> \\&amp; \\[link\\](http://x) \\!\\[img\\](y) "
                                      "\\*em\\* \\_em\\_ \\`code\\` \\| table \\|\\\n\\---\\\n\\===\\\n\\~\\~\\~\n\n"
                                      "trailing backslash \\\\\n"));
  g_assert_nonnull (strstr (markdown, "- Tags: \\# tag \\*x\\*\n"));
  g_assert_nonnull (strstr (markdown, "- Mood: Very low (1 of 5)\n"));
  g_assert_nonnull (strstr (markdown, "- Feelings: Grief, Hope\n"));
  g_assert_nonnull (strstr (markdown, "- Kind: Unsent Letter\n"));
  g_assert_nonnull (strstr (markdown, "- Prompt: What do you need right now, today, to feel a little safer or calmer?\n"));
  /* Control characters become spaces. */
  g_assert_null (strstr (markdown, "\x01"));
}

/* ---- The largest of everything ------------------------------------------ */

/* Every text field of the document and the most it holds, in characters
 * (solace-limits.h).  A text field the export writes that is not here
 * fails /import/largest: give it a limit, and a case here. */
static const struct {
  const char *field;
  guint       max_chars;
} text_limits[] = {
  { "journal.prompt", SOLACE_MAX_PROMPT_CHARS },
  { "journal.body", SOLACE_MAX_ENTRY_CHARS },
  { "journal.tags[]", SOLACE_MAX_TAG_CHARS },
  { "reminders.rrule", SOLACE_MAX_RRULE_CHARS },
  { "boundaries.title", SOLACE_MAX_BOUNDARY_CHARS },
  { "boundaries.feeling", SOLACE_MAX_BOUNDARY_CHARS },
  { "boundaries.situation", SOLACE_MAX_BOUNDARY_CHARS },
  { "boundaries.action", SOLACE_MAX_BOUNDARY_CHARS },
  { "boundaries.condition", SOLACE_MAX_BOUNDARY_CHARS },
  { "boundaries.contact_other", SOLACE_MAX_BOUNDARY_CHARS },
  { "boundaries.consequence", SOLACE_MAX_BOUNDARY_CHARS },
  { "plan_steps.title", SOLACE_MAX_STEP_TITLE_CHARS },
  { "plan_steps.notes", SOLACE_MAX_STEP_NOTES_CHARS },
  { "incidents.what", SOLACE_MAX_INCIDENT_CHARS },
  { "incidents.response", SOLACE_MAX_INCIDENT_CHARS },
  { "contacts.name", SOLACE_MAX_CONTACT_CHARS },
  { "contacts.relationship", SOLACE_MAX_CONTACT_CHARS },
  { "contacts.phone", SOLACE_MAX_CONTACT_CHARS },
  { "contacts.email", SOLACE_MAX_CONTACT_CHARS },
  { "contacts.website", SOLACE_MAX_CONTACT_CHARS },
  { "contacts.notes", SOLACE_MAX_CONTACT_CHARS },
  { "urges.cause", SOLACE_MAX_CAUSE_CHARS },
  { "reasons.text", SOLACE_MAX_REASON_CHARS },
  { "check_ins.note", SOLACE_MAX_NOTE_CHARS },
};

/* The strings of the document that are not free text: ids, keys, days,
 * hashes and words from a fixed list, each checked by its own rule. */
static const char * const not_text[] = {
  "journal.uuid", "journal.kind", "journal.day", "journal.emotions[]",
  "stretches.uuid", "stretches.started_on", "stretches.ended_on",
  "reminders.key", "reminders.kind", "reminders.dtstart", "reminders.firings[].outcome",
  "preferences.name",
  "boundaries.uuid", "boundaries.contact_level",
  "plan_steps.uuid", "plan_steps.builtin", "plan_steps.done_on",
  "incidents.uuid", "incidents.channel", "incidents.boundary_uuid", "incidents.corrects_uuid",
  "incidents.prev_hash", "incidents.hash",
  "contacts.uuid", "contacts.kind", "contacts.next_session",
  "urges.uuid", "urges.day", "urges.outcome",
  "reasons.uuid",
  "check_ins.uuid", "check_ins.day", "check_ins.emotions[]",
  "milestones_seen.stretch_uuid",
  "format",
  NULL
};

/* @n_chars characters that take as many bytes as UTF-8 allows: 4-byte
 * emoji, with CJK (3 bytes) and "é" (2) among them when @mixed, so that
 * no limit can be met by counting bytes.  @seed makes texts differ. */
static char *
max_text (gsize    n_chars,
          guint    seed,
          gboolean mixed)
{
  GString *out = g_string_sized_new (n_chars * 4);

  for (gsize i = 0; i < n_chars; i++)
    {
      gunichar c = 0x1F600 + (seed + i) % 64;

      /* A CJK ideograph of plane 2, four bytes too, tells texts apart. */
      if (i == 0)
        c = 0x20000 + seed;
      else if (mixed && i % 3 == 1)
        c = 0x4E00 + (seed * 7 + i) % 2000;
      else if (mixed && i % 7 == 2)
        c = 0xE9;
      g_string_append_unichar (out, c);
    }

  g_assert_cmpuint (g_utf8_strlen (out->str, -1), ==, n_chars);
  return g_string_free (out, FALSE);
}

/* A repeat rule Solace accepts, exactly @length characters long. */
static char *
max_rrule (gsize length)
{
  GString *rule = g_string_new ("FREQ=WEEKLY;INTERVAL=1;BYDAY=MO,TU,WE,TH,FR,SA,SU");
  GString *tail = g_string_new (";BYHOUR=");

  for (guint h = 0; h < 24; h++)
    g_string_append_printf (tail, "%s%02u", h > 0 ? "," : "", h);
  g_string_append (tail, ";BYMINUTE=30;UNTIL=21991231T235900");

  /* Each weekday once more adds three; an hour in one digit takes one off. */
  while (rule->len + tail->len < length)
    g_string_append (rule, ",MO");
  for (guint h = 0; rule->len + tail->len > length; h++)
    {
      char two[8], *at;

      g_snprintf (two, sizeof two, "%s%02u", h == 0 ? "=" : ",", h);
      at = strstr (tail->str, two);
      g_assert_nonnull (at);
      g_string_erase (tail, at - tail->str + 1, 1);
    }
  g_string_append (rule, tail->str);
  g_string_free (tail, TRUE);

  g_assert_cmpuint (rule->len, ==, length);
  return g_string_free (rule, FALSE);
}

/* The field a string of the document belongs to: "$.journal[3].tags[2]"
 * is "journal.tags[]". */
static gboolean
brackets_cb (const GMatchInfo *match,
             GString          *out,
             gpointer          user_data)
{
  g_autofree char *found = g_match_info_fetch (match, 0);

  if (found[0] == '[')
    g_string_append (out, "[]");
  return FALSE;
}

static char *
field_of (const char *fullkey)
{
  g_autoptr(GRegex) index = g_regex_new ("\\[[0-9]+\\]|\"", 0, 0, NULL);
  g_autoptr(GRegex) record = g_regex_new ("^\\$\\.([a-z_]+)(\\[\\])?", 0, 0, NULL);
  g_autofree char *general = NULL;

  /* json_tree() quotes some keys: $."plan_steps"[6].title */
  general = g_regex_replace_eval (index, fullkey, -1, 0, 0, brackets_cb, NULL, NULL);
  return g_regex_replace (record, general, -1, 0, "\\1", 0, NULL);
}

typedef struct
{
  char  *fullkey;  /* where the longest of the field is */
  guint  chars;
} Longest;

static void
longest_free (gpointer data)
{
  Longest *l = data;

  g_free (l->fullkey);
  g_free (l);
}

/* For each text field of @doc, where its longest value is. */
static GHashTable *
longest_of (const char *doc)
{
  GHashTable *longest = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, longest_free);
  sqlite3 *mem = NULL;
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_open (":memory:", &mem), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (mem, "SELECT fullkey, length (atom) FROM json_tree (?1) WHERE type = 'text'",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, doc, -1, SQLITE_STATIC);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *fullkey = (const char *) sqlite3_column_text (stmt, 0);
      guint chars = sqlite3_column_int (stmt, 1);
      char *field = field_of (fullkey);
      Longest *l = g_hash_table_lookup (longest, field);

      if (l == NULL)
        {
          l = g_new0 (Longest, 1);
          g_hash_table_insert (longest, field, l);
        }
      else
        g_free (field);
      if (l->fullkey == NULL || chars > l->chars)
        {
          g_free (l->fullkey);
          l->fullkey = g_strdup (fullkey);
          l->chars = chars;
        }
    }
  sqlite3_finalize (stmt);
  sqlite3_close (mem);

  return longest;
}

/* @doc with the string at @fullkey replaced by @value (or, with
 * @append, with @value added to the end of the array at @fullkey). */
static char *
doc_with (const char *doc,
          const char *fullkey,
          const char *value,
          gboolean    append)
{
  g_autofree char *path = append ? g_strconcat (fullkey, "[#]", NULL) : g_strdup (fullkey);
  sqlite3 *mem = NULL;
  sqlite3_stmt *stmt = NULL;
  char *out;

  g_assert_cmpint (sqlite3_open (":memory:", &mem), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (mem, "SELECT json_set (?1, ?2, ?3)", -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, doc, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, path, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, value, -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  out = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (mem);

  return out;
}

static char *
dup_string_at (const char *doc,
               const char *fullkey)
{
  sqlite3 *mem = NULL;
  sqlite3_stmt *stmt = NULL;
  char *out;

  g_assert_cmpint (sqlite3_open (":memory:", &mem), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (mem, "SELECT json_extract (?1, ?2)", -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, doc, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, fullkey, -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  out = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (mem);

  return out;
}

/* Every store asked to write one character more than its limit refuses,
 * with a message that says the limit, and writes nothing. */
static void
expect_store_refused (gboolean    ok,
                      GError    **error,
                      guint       limit)
{
  g_autofree char *plain = g_strdup_printf ("%u", limit);
  g_autofree char *grouped = g_strdup_printf ("%'u", limit);

  g_assert_false (ok);
  g_assert_error (*error, SOLACE_ERROR, SOLACE_ERROR_INVALID);
  g_test_message ("%s", (*error)->message);
  if (limit > 0)
    g_assert_true (strstr ((*error)->message, plain) != NULL || strstr ((*error)->message, grouped) != NULL);
  g_clear_error (error);
}

static void
test_largest (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(SolaceDatabase) other = open_db (f, "other", NULL);
  g_autoptr(SolaceJournalStore) journal = NULL;
  g_autoptr(SolaceBoundaryStore) boundaries = NULL;
  g_autoptr(SolaceContactStore) contacts = NULL;
  g_autoptr(SolaceJournalEntry) entry = solace_journal_entry_new (SOLACE_ENTRY_KIND_PROMPT);
  g_autoptr(SolaceBoundary) boundary = solace_boundary_new ();
  g_autoptr(SolaceContact) contact = solace_contact_new (SOLACE_CONTACT_THERAPIST);
  g_autoptr(SolaceIncident) incident = solace_incident_new ();
  g_autoptr(SolaceCheckIn) check_in = NULL;
  g_autoptr(GPtrArray) tags = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) longest = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GError) error = NULL;
  g_autofree char *body = max_text (SOLACE_MAX_ENTRY_CHARS, 0, FALSE);
  g_autofree char *rrule = max_rrule (SOLACE_MAX_RRULE_CHARS);
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *stored = NULL;
  g_autofree char *lighter = NULL;
  g_autofree char *step_uuid = NULL;
  GListModel *plan;
  GDate today;
  const char *reasons[2] = { NULL, NULL };
  g_autofree char *reason = max_text (SOLACE_MAX_REASON_CHARS, 11, TRUE);
  GHashTableIter iter;
  gpointer key, value;

  g_date_clear (&today, 1);
  g_date_set_dmy (&today, g_date_time_get_day_of_month (now), g_date_time_get_month (now),
                  g_date_time_get_year (now));

  /* ---- Filled through the stores the app writes with. ---- */
  journal = solace_journal_store_new (f->db, &error);
  g_assert_no_error (error);
  solace_journal_entry_set_body (entry, body);
  {
    g_autofree char *prompt = max_text (SOLACE_MAX_PROMPT_CHARS, 1, TRUE);
    solace_journal_entry_set_prompt (entry, prompt);
  }
  for (guint i = 0; i < SOLACE_MAX_TAGS; i++)
    g_ptr_array_add (tags, max_text (SOLACE_MAX_TAG_CHARS, i, i % 2 == 1));
  g_ptr_array_add (tags, NULL);
  solace_journal_entry_set_tags (entry, (const char * const *) tags->pdata);
  g_assert_cmpint (solace_journal_store_save (journal, entry, &error), >, 0);
  g_assert_no_error (error);

  g_assert_true (solace_reminders_set (f->db, "gratitude", TRUE, rrule, "20261101T090000",
                                       g_get_real_time () / G_USEC_PER_SEC, &error));
  g_assert_no_error (error);

  boundaries = solace_boundary_store_new (f->db, &error);
  g_assert_no_error (error);
  {
    g_autofree char *title = max_text (SOLACE_MAX_BOUNDARY_CHARS, 2, FALSE);
    g_autofree char *other_text = max_text (SOLACE_MAX_BOUNDARY_CHARS, 3, TRUE);
    g_autofree char *consequence = max_text (SOLACE_MAX_BOUNDARY_CHARS, 4, FALSE);

    solace_boundary_set_title (boundary, title);
    solace_boundary_set_contact_level (boundary, SOLACE_CONTACT_OTHER);
    solace_boundary_set_contact_other (boundary, other_text);
    solace_boundary_set_consequence (boundary, consequence);
    for (guint p = 0; p < SOLACE_N_STATEMENT_PARTS; p++)
      {
        g_autofree char *part = max_text (SOLACE_MAX_BOUNDARY_CHARS, 5 + p, p % 2 == 0);
        solace_boundary_set_part (boundary, p, part);
      }
  }
  g_assert_true (solace_boundary_store_save (boundaries, boundary, NULL, FALSE, &error));
  g_assert_no_error (error);
  {
    g_autofree char *title = max_text (SOLACE_MAX_STEP_TITLE_CHARS, 9, TRUE);
    g_autofree char *notes = max_text (SOLACE_MAX_STEP_NOTES_CHARS, 10, FALSE);
    g_autoptr(SolacePlanStep) step = NULL;

    g_assert_true (solace_boundary_store_add_step (boundaries, title, &error));
    g_assert_no_error (error);
    plan = solace_boundary_store_get_plan (boundaries);
    step = g_list_model_get_item (plan, g_list_model_get_n_items (plan) - 1);
    step_uuid = g_strdup (solace_plan_step_get_uuid (step));
    g_assert_true (solace_boundary_store_set_step_notes (boundaries, step_uuid, notes, &error));
    g_assert_no_error (error);
  }
  solace_boundary_store_flush (boundaries);

  incident->happened_at = g_get_real_time () / G_USEC_PER_SEC - 60;
  incident->channel = SOLACE_CHANNEL_TEXT;
  incident->what = max_text (SOLACE_MAX_INCIDENT_CHARS, 12, FALSE);
  incident->response = max_text (SOLACE_MAX_INCIDENT_CHARS, 13, TRUE);
  g_assert_true (solace_incidents_append (f->db, incident, incident->happened_at + 60, &error));
  g_assert_no_error (error);

  contacts = solace_contact_store_new (f->db, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < 6; i++)
    {
      static const char * const names[] = { "name", "relationship", "phone", "email", "website", "notes" };
      g_autofree char *text = max_text (SOLACE_MAX_CONTACT_CHARS, 14 + i, i % 2 == 0);

      solace_contact_set_field (contact, names[i], text);
    }
  g_assert_true (solace_contact_store_save (contacts, contact, &error));
  g_assert_no_error (error);
  solace_contact_store_flush (contacts);

  {
    g_autofree char *cause = max_text (SOLACE_MAX_CAUSE_CHARS, 20, TRUE);

    g_assert_true (solace_progress_log_urge (f->db, g_get_real_time () / G_USEC_PER_SEC, &today, 5,
                                             cause, FALSE, &error));
    g_assert_no_error (error);
  }
  reasons[0] = reason;
  g_assert_true (solace_progress_save_reasons (f->db, reasons, &error));
  g_assert_no_error (error);
  check_in = solace_check_in_new (&today);
  g_free (check_in->note);
  check_in->note = max_text (SOLACE_MAX_NOTE_CHARS, 21, FALSE);
  g_assert_true (solace_check_in_save (f->db, check_in, &today, &error));
  g_assert_no_error (error);
  /* The other tables, which hold no free text. */
  run (f->db, "INSERT INTO stretch (uuid, started_on, ended_on, created_at) VALUES"
              " ('stretch-x', '2026-09-01', NULL, 1788220800)", NULL);
  run (f->db, "INSERT INTO reminder_setting (name, value) VALUES ('quiet-start', 1350)", NULL);
  run (f->db, "INSERT INTO milestone_seen (stretch_uuid, days, seen_at) VALUES ('stretch-x', 1, 1790812800)", NULL);
  run (f->db, "INSERT INTO reminder_firing (reminder_id, due_at, fired_at, outcome)"
              " SELECT id, 1795600000, 1795600005, 'done' FROM reminder WHERE key = 'gratitude'", NULL);

  first = export (f->db);

  /* ---- Every text field of the document is here at its limit. ---- */
  longest = longest_of (first);
  for (guint i = 0; i < G_N_ELEMENTS (text_limits); i++)
    {
      Longest *l = g_hash_table_lookup (longest, text_limits[i].field);

      g_test_message ("%s: %u characters", text_limits[i].field, l != NULL ? l->chars : 0);
      g_assert_nonnull (l);
      g_assert_cmpuint (l->chars, ==, text_limits[i].max_chars);
    }
  g_hash_table_iter_init (&iter, longest);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      gboolean known = g_strv_contains (not_text, (const char *) key);

      for (guint i = 0; i < G_N_ELEMENTS (text_limits); i++)
        known |= g_str_equal (key, text_limits[i].field);
      if (!known)
        g_error ("%s is a text field with no case in text_limits", (const char *) key);
    }
  g_assert_cmpint (query_int (f->db, "SELECT count(*) FROM journal_tag WHERE is_emotion = 0"), ==, SOLACE_MAX_TAGS);
  g_assert_cmpuint (strlen (first), >, SOLACE_MAX_ENTRY_CHARS * 4);

  /* ---- Out and back in, exactly. ---- */
  import_ok (other, first, SOLACE_IMPORT_REPLACE, NULL);
  second = export (other);
  assert_same_document (first, second);
  stored = query_text (other, "SELECT body FROM journal_entry");
  g_assert_cmpstr (stored, ==, body);
  assert_healthy (other);

  /* ---- One character more is refused by the import, where it is. ---- */
  /* (Quicker to read without the long entry, which changes nothing.) */
  lighter = doc_with (first, "$.journal[0].body", "", FALSE);
  for (guint i = 0; i < G_N_ELEMENTS (text_limits); i++)
    {
      Longest *l = g_hash_table_lookup (longest, text_limits[i].field);
      gboolean is_body = g_str_equal (text_limits[i].field, "journal.body");
      g_autofree char *text = dup_string_at (first, l->fullkey);
      g_autofree char *longer = g_strconcat (text, g_str_has_prefix (text_limits[i].field, "reminders") ? "0" : "中", NULL);
      g_autofree char *bad = doc_with (is_body ? first : lighter, l->fullkey, longer, FALSE);
      g_auto(GStrv) parts = g_strsplit (l->fullkey, "\"", -1);
      g_autofree char *path = g_strjoinv ("", parts);
      g_autofree char *where = g_strdup_printf ("%s: must be text of ", path);
      g_autofree char *limit = g_strdup_printf ("%u characters", text_limits[i].max_chars);

      g_test_message ("one more in %s", l->fullkey);
      expect_refused (other, bad, strlen (bad), SOLACE_IMPORT_REPLACE, where, limit, first);
    }
  {
    Longest *l = g_hash_table_lookup (longest, "journal.tags[]");
    g_autofree char *array = g_strndup (l->fullkey, strrchr (l->fullkey, '[') - l->fullkey);
    g_autofree char *bad = doc_with (lighter, array, "one more", TRUE);
    g_autofree char *where = g_strdup_printf ("%s[%d]: is one too many", array, SOLACE_MAX_TAGS);

    expect_refused (other, bad, strlen (bad), SOLACE_IMPORT_REPLACE, where, NULL, first);
  }

  /* ---- And by every store, which then changes nothing. ---- */
  {
    g_autofree char *longer_body = g_strconcat (body, "😀", NULL);
    g_autofree char *long_text = max_text (SOLACE_MAX_BOUNDARY_CHARS + 1, 30, FALSE);
    g_autofree char *long_step = max_text (SOLACE_MAX_STEP_TITLE_CHARS + 1, 31, TRUE);
    g_autofree char *long_notes = max_text (SOLACE_MAX_STEP_NOTES_CHARS + 1, 32, FALSE);
    g_autofree char *long_contact = max_text (SOLACE_MAX_CONTACT_CHARS + 1, 33, TRUE);
    g_autofree char *long_cause = max_text (SOLACE_MAX_CAUSE_CHARS + 1, 34, FALSE);
    g_autofree char *long_reason = max_text (SOLACE_MAX_REASON_CHARS + 1, 35, TRUE);
    g_autofree char *long_prompt = max_text (SOLACE_MAX_PROMPT_CHARS + 1, 36, FALSE);
    g_autofree char *long_tag = max_text (SOLACE_MAX_TAG_CHARS + 1, 37, FALSE);
    g_autofree char *long_rrule = g_strconcat (rrule, "0", NULL);
    g_autofree char *after = NULL;
    g_autoptr(SolaceJournalEntry) copy = solace_journal_entry_copy (entry);
    g_autoptr(SolaceBoundary) b = solace_boundary_copy (boundary);
    g_autoptr(SolaceContact) c = solace_contact_copy (contact);
    g_autoptr(SolaceIncident) more = solace_incident_new ();
    const char *one_reason[2] = { long_reason, NULL };

    solace_journal_entry_set_body (copy, longer_body);
    expect_store_refused (solace_journal_store_save (journal, copy, &error) != 0, &error, SOLACE_MAX_ENTRY_CHARS);
    solace_journal_entry_set_body (copy, "short");
    solace_journal_entry_set_prompt (copy, long_prompt);
    expect_store_refused (solace_journal_store_save (journal, copy, &error) != 0, &error, SOLACE_MAX_PROMPT_CHARS);
    solace_journal_entry_set_prompt (copy, "need-now");
    g_ptr_array_remove_index (tags, tags->len - 1);
    g_ptr_array_add (tags, g_strdup ("one tag more"));
    g_ptr_array_add (tags, NULL);
    solace_journal_entry_set_tags (copy, (const char * const *) tags->pdata);
    expect_store_refused (solace_journal_store_save (journal, copy, &error) != 0, &error, SOLACE_MAX_TAGS);
    {
      const char *one[2] = { long_tag, NULL };

      solace_journal_entry_set_tags (copy, one);
      expect_store_refused (solace_journal_store_save (journal, copy, &error) != 0, &error, SOLACE_MAX_TAG_CHARS);
    }

    expect_store_refused (solace_reminders_set (f->db, "gratitude", TRUE, long_rrule, "20261101T090000",
                                                g_get_real_time () / G_USEC_PER_SEC, &error),
                          &error, 0 /* any message */);

    solace_boundary_set_title (b, long_text);
    expect_store_refused (solace_boundary_store_save (boundaries, b, NULL, FALSE, &error), &error,
                          SOLACE_MAX_BOUNDARY_CHARS);
    solace_boundary_set_title (b, "Short");
    solace_boundary_set_part (b, SOLACE_N_STATEMENT_PARTS - 1, long_text);
    expect_store_refused (solace_boundary_store_save (boundaries, b, NULL, FALSE, &error), &error,
                          SOLACE_MAX_BOUNDARY_CHARS);
    expect_store_refused (solace_boundary_store_add_step (boundaries, long_step, &error), &error,
                          SOLACE_MAX_STEP_TITLE_CHARS);
    expect_store_refused (solace_boundary_store_set_step_notes (boundaries, step_uuid, long_notes, &error), &error,
                          SOLACE_MAX_STEP_NOTES_CHARS);
    solace_boundary_store_flush (boundaries);

    more->happened_at = incident->happened_at;
    more->channel = SOLACE_CHANNEL_CALL;
    more->what = g_strdup ("Short");
    more->response = max_text (SOLACE_MAX_INCIDENT_CHARS + 1, 38, TRUE);
    expect_store_refused (solace_incidents_append (f->db, more, more->happened_at + 60, &error), &error,
                          SOLACE_MAX_INCIDENT_CHARS);

    solace_contact_set_field (c, "website", long_contact);
    expect_store_refused (solace_contact_store_save (contacts, c, &error), &error, SOLACE_MAX_CONTACT_CHARS);
    solace_contact_store_flush (contacts);

    expect_store_refused (solace_progress_log_urge (f->db, g_get_real_time () / G_USEC_PER_SEC, &today, 5,
                                                    long_cause, FALSE, &error),
                          &error, SOLACE_MAX_CAUSE_CHARS);
    expect_store_refused (solace_progress_save_reasons (f->db, one_reason, &error), &error,
                          SOLACE_MAX_REASON_CHARS);
    g_free (check_in->note);
    check_in->note = max_text (SOLACE_MAX_NOTE_CHARS + 1, 39, TRUE);
    expect_store_refused (solace_check_in_save (f->db, check_in, &today, &error), &error, SOLACE_MAX_NOTE_CHARS);

    after = export (f->db);
    assert_same_document (first, after);
  }

  solace_journal_store_flush (journal);
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

/* ---- Incident records with senders and files ------------------------- */

#define PNG_BASE64 \
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=="

static SolaceAttachment *
make_attachment (const char *name,
                 GBytes     *bytes)
{
  SolaceAttachment *attachment = solace_attachment_new ();

  attachment->name = g_strdup (name);
  attachment->media_type = g_strdup ("image/png");
  attachment->size = g_bytes_get_size (bytes);
  attachment->sha256 = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, bytes);
  attachment->data = g_bytes_ref (bytes);

  return attachment;
}

/* Two records: one with a sender, witnesses, a reference and two
 * files (the second empty), one with none of them. */
static void
append_with_files (SolaceDatabase *db,
                   GBytes         *png)
{
  g_autoptr(SolaceIncident) incident = solace_incident_new ();
  g_autoptr(SolaceIncident) plain = solace_incident_new ();
  g_autoptr(GBytes) empty = g_bytes_new (NULL, 0);
  g_autoptr(GError) error = NULL;

  incident->happened_at = 1795780000;
  incident->channel = SOLACE_CHANNEL_SOCIAL;
  incident->what = g_strdup (TRICKY);
  incident->sender = g_strdup ("@someone \u202e" CANARY);
  incident->witnesses = g_strdup (TRICKY);
  incident->reference = g_strdup ("Ref 2026/1127");
  solace_incident_add_attachment (incident, make_attachment ("shot \ufffdgnp.png", png));
  solace_incident_add_attachment (incident, make_attachment ("empty", empty));
  g_assert_true (solace_incidents_append (db, incident, 1795790000, &error));
  g_assert_no_error (error);

  plain->happened_at = 1795780100;
  plain->channel = SOLACE_CHANNEL_CALL;
  plain->what = g_strdup ("A call.");
  g_assert_true (solace_incidents_append (db, plain, 1795790100, &error));
  g_assert_no_error (error);
}

static void
assert_same_incidents (SolaceDatabase *a,
                       SolaceDatabase *b)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) from = solace_incidents_list (a, 0, 0, &error);
  g_autoptr(GPtrArray) to = solace_incidents_list (b, 0, 0, &error);
  SolaceChainCheck check;

  g_assert_no_error (error);
  g_assert_cmpuint (from->len, ==, to->len);
  for (guint i = 0; i < from->len; i++)
    {
      SolaceIncident *x = g_ptr_array_index (from, i);
      SolaceIncident *y = g_ptr_array_index (to, i);
      guint n = x->attachments != NULL ? x->attachments->len : 0;

      g_assert_cmpstr (x->uuid, ==, y->uuid);
      g_assert_cmpstr (x->hash, ==, y->hash);
      g_assert_cmpint (x->form, ==, y->form);
      g_assert_cmpstr (x->what, ==, y->what);
      g_assert_cmpstr (x->sender, ==, y->sender);
      g_assert_cmpstr (x->witnesses, ==, y->witnesses);
      g_assert_cmpstr (x->reference, ==, y->reference);
      g_assert_cmpuint (n, ==, y->attachments != NULL ? y->attachments->len : 0);
      for (guint j = 0; j < n; j++)
        {
          SolaceAttachment *p = g_ptr_array_index (x->attachments, j);
          SolaceAttachment *q = g_ptr_array_index (y->attachments, j);
          g_autoptr(GBytes) pb = solace_incidents_read_attachment (a, x->uuid, p->sha256, &error);
          g_autoptr(GBytes) qb = solace_incidents_read_attachment (b, y->uuid, q->sha256, &error);

          g_assert_no_error (error);
          g_assert_cmpstr (p->name, ==, q->name);
          g_assert_cmpstr (p->media_type, ==, q->media_type);
          g_assert_cmpint (p->size, ==, q->size);
          g_assert_cmpstr (p->sha256, ==, q->sha256);
          g_assert_true (g_bytes_equal (pb, qb));
        }
    }

  g_assert_true (solace_incidents_verify (b, &check, &error));
  g_assert_no_error (error);
  g_assert_true (check.intact);
  g_assert_cmpuint (check.n_checked, ==, from->len);
}

static void
test_incident_files_round_trip (Fixture       *f,
                                gconstpointer  data)
{
  g_autoptr(SolaceDatabase) other = open_db (f, "other", NULL);
  g_autoptr(SolaceDatabase) merged = open_db (f, "merged", NULL);
  g_autoptr(GError) error = NULL;
  gsize png_len = 0;
  guchar *png_data = g_base64_decode (PNG_BASE64, &png_len);
  g_autoptr(GBytes) png = g_bytes_new_take (png_data, png_len);
  g_autofree char *doc = NULL;
  g_autofree char *again = NULL;
  SolaceImportStats stats = { 0 };

  append_with_files (f->db, png);
  doc = export (f->db);

  /* The files travel whole, in base64, with what the hash covers. */
  {
    g_autoptr(sqlite3_stmt) stmt = NULL;

    solace_database_lock (f->db);
    stmt = solace_database_prepare (f->db,
                                    "SELECT json_extract (?1, '$.incidents[0].attachments[0].data'),"
                                    " json_extract (?1, '$.incidents[0].attachments[1].data'),"
                                    " json_extract (?1, '$.incidents[0].form'),"
                                    " json_extract (?1, '$.incidents[1].sender') IS NULL,"
                                    " json_array_length (?1, '$.incidents[1].attachments'),"
                                    " json_extract (?1, '$.incidents[0].attachments[0].size')",
                                    &error);
    g_assert_no_error (error);
    sqlite3_bind_text (stmt, 1, doc, -1, SQLITE_STATIC);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, PNG_BASE64);
    g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 1), ==, "");
    g_assert_cmpint (sqlite3_column_int (stmt, 2), ==, 2);
    g_assert_cmpint (sqlite3_column_int (stmt, 3), ==, 1);
    g_assert_cmpint (sqlite3_column_int (stmt, 4), ==, 0);
    g_assert_cmpint (sqlite3_column_int (stmt, 5), ==, png_len);
    g_clear_pointer (&stmt, sqlite3_finalize);
    solace_database_unlock (f->db);
  }

  /* Replaced into an empty database, merged into another: the same
   * records, the same files, an intact chain. */
  import_ok (other, doc, SOLACE_IMPORT_REPLACE, NULL);
  assert_same_incidents (f->db, other);
  import_ok (merged, doc, SOLACE_IMPORT_MERGE, &stats);
  assert_same_incidents (f->db, merged);
  /* Merged again: nothing new, nothing doubled. */
  import_ok (merged, doc, SOLACE_IMPORT_MERGE, &stats);
  g_assert_cmpint (query_int (merged, "SELECT count(*) FROM incident_attachment"), ==, 2);

  /* Replacing a database that has files: they go with their records. */
  import_ok (other, doc, SOLACE_IMPORT_REPLACE, NULL);
  assert_same_incidents (f->db, other);
  g_assert_cmpint (query_int (other, "SELECT count(*) FROM incident_attachment"), ==, 2);
  g_assert_cmpint (query_int (other, "SELECT count(*) FROM sqlite_schema WHERE type = 'trigger'"
                                     " AND name IN ('incident_attachment_no_update', 'incident_attachment_no_delete')"),
                   ==, 2);

  again = export (other);
  assert_same_document (doc, again);
}

/* Replaces the first @from in @doc with @to. */
static char *
replace_once (const char *doc,
              const char *from,
              const char *to)
{
  const char *at = strstr (doc, from);
  GString *out;

  g_assert_nonnull (at);
  out = g_string_new_len (doc, at - doc);
  g_string_append (out, to);
  g_string_append (out, at + strlen (from));

  return g_string_free (out, FALSE);
}

static void
expect_import_refused (SolaceDatabase *db,
                       const char     *doc,
                       const char     *prefix)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (solace_import_from_data (db, doc, strlen (doc), SOLACE_IMPORT_REPLACE, NULL, &error));
  g_assert_error (error, SOLACE_ERROR, SOLACE_ERROR_INVALID);
  if (!g_str_has_prefix (error->message, prefix))
    g_error ("“%s” does not start with “%s”", error->message, prefix);
  g_assert_null (strstr (error->message, CANARY));
}

static void
test_incident_files_refused (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(SolaceDatabase) other = open_db (f, "other", NULL);
  gsize png_len = 0;
  guchar *png_data = g_base64_decode (PNG_BASE64, &png_len);
  g_autoptr(GBytes) png = g_bytes_new_take (png_data, png_len);
  g_autofree char *doc = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *flipped_b64 = NULL;
  g_autofree char *size_line = NULL;
  g_autofree char *size_wrong = NULL;

  append_with_files (f->db, png);
  doc = export (f->db);
  before = export (other);

  /* One byte of the screenshot changed in the file. */
  {
    g_autofree guchar *bytes = g_memdup2 (png_data, png_len);
    g_autofree char *changed = NULL;
    g_autofree char *b64 = NULL;

    bytes[png_len / 2] ^= 1;
    b64 = g_base64_encode (bytes, png_len);
    changed = replace_once (doc, PNG_BASE64, b64);
    expect_import_refused (other, changed, "$.incidents[0].attachments[0].data: ");
  }

  /* Its size said differently: the bytes do not match, and neither
   * would the hash. */
  size_line = g_strdup_printf ("\"size\":%zu", png_len);
  size_wrong = replace_once (doc, size_line, "\"size\":1");
  expect_import_refused (other, size_wrong, "$.incidents[0].attachments[0].data: ");

  /* A name no one could have chosen in Solace. */
  {
    g_autofree char *renamed = replace_once (doc, "\"name\":\"shot ", "\"name\":\"../shot ");
    expect_import_refused (other, renamed, "$.incidents[0].attachments[0].name: ");
  }

  /* Its name changed: the record's own hash no longer holds. */
  {
    g_autofree char *renamed = replace_once (doc, "\"name\":\"shot ", "\"name\":\"Shot ");
    expect_import_refused (other, renamed, "$.incidents[0]: ");
  }

  /* The sender changed. */
  {
    g_autofree char *changed = replace_once (doc, "\"sender\":\"@someone", "\"sender\":\"@someOne");
    expect_import_refused (other, changed, "$.incidents[0]: ");
  }

  /* A form-1 record cannot have a sender: its hash would not cover it. */
  {
    g_autofree char *changed = replace_once (doc, "\"form\":2", "\"form\":1");
    expect_import_refused (other, changed, "$.incidents[0].form: ");
  }

  /* Not base64 of anything sensible, or a file with no data. */
  {
    g_autofree char *changed = replace_once (doc, PNG_BASE64, "!!!!");
    expect_import_refused (other, changed, "$.incidents[0].attachments[0].data: ");
  }
  {
    g_autofree char *changed = replace_once (doc, "\"data\":\"" PNG_BASE64 "\"", "\"dat\":1");
    expect_import_refused (other, changed, "$.incidents[0].attachments[0]: ");
  }
  {
    g_autofree char *changed = replace_once (doc, "\"data\":\"" PNG_BASE64 "\"", "\"data\":null");
    expect_import_refused (other, changed, "$.incidents[0].attachments[0].data: ");
  }

  /* More files than a record can keep. */
  {
    g_autoptr(GString) many = g_string_new ("\"attachments\":[");
    g_autofree char *changed = NULL;

    /* Empty files before the two: the 21st is one too many. */
    for (guint i = 0; i <= SOLACE_MAX_ATTACHMENTS; i++)
      g_string_append (many, "{\"name\":\"e\",\"media_type\":\"x/y\",\"size\":0,\"sha256\":"
                             "\"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855\",\"data\":\"\"},");
    changed = replace_once (doc, "\"attachments\":[", many->str);
    expect_import_refused (other, changed, "$.incidents[0].attachments[20]: ");
  }

  /* A sender longer than the limit. */
  {
    g_autofree char *long_sender = g_strnfill (SOLACE_MAX_INCIDENT_FIELD_CHARS + 1, 'x');
    g_autofree char *field = g_strdup_printf ("\"reference\":\"%s\"", long_sender);
    g_autofree char *changed = replace_once (doc, "\"reference\":\"Ref 2026/1127\"", field);
    expect_import_refused (other, changed, "$.incidents[0].reference: ");
  }

  /* Nothing of any of it got in. */
  after = export (other);
  assert_same_document (before, after);
  g_assert_cmpint (query_int (other, "SELECT count(*) FROM incident_attachment"), ==, 0);
}

/* A file from before senders and files: its records are form 1, and
 * keep their hashes. */
static void
test_incident_old_document (Fixture       *f,
                            gconstpointer  data)
{
  SolaceIncident old = { 0 };
  g_autofree char *hash = NULL;
  g_autofree char *doc = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) listed = NULL;
  SolaceChainCheck check;
  SolaceIncident *back;

  old.uuid = (char *) "0b8c7f4e-7f0e-4a53-9d7a-6a3c1e2b9f10";
  old.happened_at = 1795780000;
  old.recorded_at = 1795780060;
  old.channel = SOLACE_CHANNEL_EMAIL;
  old.what = (char *) "An email.";
  old.response = (char *) "";
  hash = solace_incident_compute_hash (&old, "");
  doc = g_strdup_printf ("{\"format\":\"%s\",\"version\":1,\"exported_at\":1795780100,"
                         "\"journal\":[],\"stretches\":[],\"reminders\":[],\"preferences\":[],\"boundaries\":[],"
                         "\"plan_steps\":[],\"incidents\":[{\"uuid\":\"%s\",\"happened_at\":1795780000,"
                         "\"recorded_at\":1795780060,\"channel\":\"email\",\"what\":\"An email.\",\"response\":\"\","
                         "\"boundary_uuid\":null,\"necessary\":false,\"corrects_uuid\":null,\"prev_hash\":\"\","
                         "\"hash\":\"%s\"}],"
                         "\"contacts\":[],\"urges\":[],\"reasons\":[],\"check_ins\":[],\"milestones_seen\":[]}",
                         SOLACE_EXPORT_FORMAT, old.uuid, hash);

  import_ok (f->db, doc, SOLACE_IMPORT_REPLACE, NULL);
  listed = solace_incidents_list (f->db, 0, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (listed->len, ==, 1);
  back = g_ptr_array_index (listed, 0);
  g_assert_cmpint (back->form, ==, SOLACE_INCIDENT_FORM_1);
  g_assert_cmpstr (back->hash, ==, hash);
  g_assert_null (back->sender);
  g_assert_null (back->attachments);
  g_assert_true (solace_incidents_verify (f->db, &check, &error));
  g_assert_true (check.intact);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/export/round-trip", test_round_trip);
  ADD ("/export/document-layout", test_document_layout);
  ADD ("/export/file", test_export_file);
  ADD ("/import/replace", test_replace);
  ADD ("/import/replace-keeps-builtins", test_replace_keeps_builtins);
  ADD ("/import/merge", test_merge);
  ADD ("/import/merge-incidents", test_merge_incidents);
  ADD ("/import/incident-files-round-trip", test_incident_files_round_trip);
  ADD ("/import/incident-files-refused", test_incident_files_refused);
  ADD ("/import/incident-old-document", test_incident_old_document);
  ADD ("/import/bad-input", test_bad_input);
  ADD ("/import/byte-offsets", test_byte_offsets);
  ADD ("/import/truncated", test_truncated);
  ADD ("/import/too-large", test_too_large);
  ADD ("/import/user-data", test_user_data);
  ADD ("/import/regressions", test_regressions);
  ADD ("/import/largest", test_largest);
  ADD ("/markdown/range", test_markdown_range);
  ADD ("/markdown/escaping", test_markdown_escaping);

  return g_test_run ();
}
