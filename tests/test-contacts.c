/* test-contacts.c — trusted people on disk, and the URIs their buttons open
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>

#include "solace-contact-store.h"
#include "solace-error.h"
#include "solace-reminder-subjects.h"
#include "solace-reminders.h"
#include "solace-test-utils.h"

static void
check_uri (SolaceContact       *c,
           SolaceContactAction  action,
           const char          *expected_scheme,
           const char          *expected_path)
{
  g_autofree char *text = solace_contact_dup_uri (c, action);
  g_autoptr(GUri) uri = NULL;
  g_autoptr(GError) error = NULL;

  if (expected_scheme == NULL)
    {
      g_assert_null (text);
      return;
    }

  if (text == NULL)
    g_error ("No URI for %s", expected_path);
  /* A real URI: it parses, with nothing smuggled into a query or fragment. */
  uri = g_uri_parse (text, G_URI_FLAGS_ENCODED, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (g_uri_get_scheme (uri), ==, expected_scheme);
  g_assert_null (g_uri_get_query (uri));
  g_assert_null (g_uri_get_fragment (uri));
  if (expected_path != NULL)
    {
      g_autofree char *path = g_uri_unescape_string (g_uri_get_path (uri), NULL);
      g_assert_cmpstr (path, ==, expected_path);
    }
}

static void
test_uris (void)
{
  g_autoptr(SolaceContact) c = solace_contact_new (SOLACE_CONTACT_PERSON);

  solace_contact_set_field (c, "name", "Zoë Ørsted-Łukasz 🫶");
  solace_contact_set_field (c, "phone", " +44 (0)20 7946-0958 ");
  check_uri (c, SOLACE_CONTACT_CALL, "tel", "+4402079460958");
  check_uri (c, SOLACE_CONTACT_TEXT, "sms", "+4402079460958");

  /* Nothing usable: the action is not offered at all. */
  solace_contact_set_field (c, "phone", "call me maybe");
  check_uri (c, SOLACE_CONTACT_CALL, NULL, NULL);
  solace_contact_set_field (c, "phone", "");
  check_uri (c, SOLACE_CONTACT_TEXT, NULL, NULL);
  solace_contact_set_field (c, "phone", "++1 555 0100 +2");
  check_uri (c, SOLACE_CONTACT_CALL, "tel", "+155501002");

  solace_contact_set_field (c, "email", "zoë+friends@example.org");
  check_uri (c, SOLACE_CONTACT_EMAIL, "mailto", "zoë+friends@example.org");
  /* Hostile: no extra headers, no body, no second address. */
  solace_contact_set_field (c, "email", "a@example.org?cc=evil@example.com&body=hi#x");
  check_uri (c, SOLACE_CONTACT_EMAIL, NULL, NULL);
  solace_contact_set_field (c, "email", "a@example.org?body=hi&subject=x#frag");
  check_uri (c, SOLACE_CONTACT_EMAIL, "mailto", "a@example.org?body=hi&subject=x#frag");
  {
    g_autofree char *raw = solace_contact_dup_uri (c, SOLACE_CONTACT_EMAIL);
    g_assert_null (strchr (raw, '?'));
    g_assert_null (strchr (raw, '#'));
    g_assert_null (strchr (raw, '&'));
  }
  solace_contact_set_field (c, "email", "not an address");
  check_uri (c, SOLACE_CONTACT_EMAIL, NULL, NULL);
  solace_contact_set_field (c, "email", "a@b@c");
  check_uri (c, SOLACE_CONTACT_EMAIL, NULL, NULL);
  solace_contact_set_field (c, "email", "<script>@x");
  check_uri (c, SOLACE_CONTACT_EMAIL, NULL, NULL);

  solace_contact_set_field (c, "website", "example.org/groups");
  check_uri (c, SOLACE_CONTACT_WEBSITE, "https", "/groups");
  solace_contact_set_field (c, "website", "javascript:alert(1)");
  check_uri (c, SOLACE_CONTACT_WEBSITE, NULL, NULL);
  solace_contact_set_field (c, "website", "file:///etc/passwd");
  check_uri (c, SOLACE_CONTACT_WEBSITE, NULL, NULL);
}

static void
flush (SolaceContactStore *store)
{
  solace_contact_store_flush (store);
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static void
test_store (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("solace-contacts-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "solace", "solace.db", NULL);
  g_autoptr(SolaceDatabase) db = solace_database_open (path, SOLACE_DATABASE_FLAGS_NONE, &error);
  g_autoptr(SolaceContactStore) store = solace_contact_store_new (db, &error);
  const char *names[] = { "Ana", "Bea", "Cal" };
  g_autoptr(SolaceContact) nameless = solace_contact_new (SOLACE_CONTACT_PERSON);
  g_autoptr(SolaceContact) removed = NULL;
  g_autofree char *order = NULL;
  int position;

  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autoptr(SolaceContact) c = solace_contact_new (i == 2 ? SOLACE_CONTACT_THERAPIST : SOLACE_CONTACT_PERSON);

      solace_contact_set_field (c, "name", names[i]);
      solace_contact_set_good_for (c, SOLACE_GOOD_FOR_TALKING | SOLACE_GOOD_FOR_PRACTICAL);
      g_assert_true (solace_contact_store_save (store, c, &error));
    }

  /* No name: refused, nothing added. */
  solace_contact_set_field (nameless, "name", "   ");
  g_assert_false (solace_contact_store_save (store, nameless, &error));
  g_assert_error (error, SOLACE_ERROR, SOLACE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 3);

  /* Cal to the top; Bea deleted, then brought back where she was. */
  {
    g_autoptr(SolaceContact) cal = g_list_model_get_item (G_LIST_MODEL (store), 2);
    g_autoptr(SolaceContact) ana = g_list_model_get_item (G_LIST_MODEL (store), 0);
    solace_contact_store_move_to (store, solace_contact_get_uuid (cal), solace_contact_get_uuid (ana));
  }
  removed = g_list_model_get_item (G_LIST_MODEL (store), 2);
  g_assert_cmpstr (solace_contact_get_field (removed, "name"), ==, "Bea");
  position = solace_contact_store_remove (store, solace_contact_get_uuid (removed));
  g_assert_cmpint (position, ==, 2);
  flush (store);
  g_assert_cmpint (solace_test_query_int (path, "SELECT count(*) FROM contact"), ==, 2);
  solace_contact_store_restore (store, removed, position);
  flush (store);

  order = solace_test_query_text (path, "SELECT group_concat (name || ':' || kind || ':' || good_for, ',')"
                                        " FROM (SELECT * FROM contact ORDER BY position)");
  g_assert_cmpstr (order, ==, "Cal:therapist:5,Ana:person:5,Bea:person:5");

  /* Read back in that order. */
  g_clear_object (&store);
  store = solace_contact_store_new (db, &error);
  g_assert_no_error (error);
  {
    g_autoptr(SolaceContact) first = g_list_model_get_item (G_LIST_MODEL (store), 0);
    g_assert_cmpstr (solace_contact_get_field (first, "name"), ==, "Cal");
    g_assert_cmpint (solace_contact_get_kind (first), ==, SOLACE_CONTACT_THERAPIST);
  }

  g_clear_object (&store);
  g_clear_object (&db);
  solace_test_rm_rf (dir);
}

/* A professional's next session, and the one-off reminder that goes
 * with it: written together, changed together, gone together. */
static void
test_next_session (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("solace-contacts-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "solace", "solace.db", NULL);
  g_autoptr(SolaceDatabase) db = solace_database_open (path, SOLACE_DATABASE_FLAGS_NONE, &error);
  g_autoptr(SolaceContactStore) store = solace_contact_store_new (db, &error);
  g_autoptr(SolaceContact) c = solace_contact_new (SOLACE_CONTACT_THERAPIST);
  g_autoptr(SolaceContact) copy = NULL;
  g_autoptr(GPtrArray) reminders = NULL;
  g_autofree char *key = solace_contact_dup_reminder_key (c);
  g_autofree char *row = NULL;
  g_autofree char *query = g_strdup_printf ("SELECT kind || ' ' || enabled || ' ' || rrule || ' ' || dtstart"
                                            " FROM reminder WHERE key = '%s'", key);
  const char *bad[] = { "2026-12-03 15:00", "20261340T250000", "+0261203T150000", "2026120 T150000",
                        "20261203T15000", "20260230T100000", "x", "" };
  int position;

  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (key, "session:"));

  solace_contact_set_field (c, "name", "Dr. Ana Ruiz");
  solace_contact_set_next_session (c, "20261203T150000");
  solace_contact_set_session_remind (c, 60);
  g_assert_true (solace_contact_store_save (store, c, &error));
  g_assert_no_error (error);
  flush (store);

  row = solace_test_query_text (path, "SELECT next_session || ' ' || session_remind FROM contact");
  g_assert_cmpstr (row, ==, "20261203T150000 60");
  g_clear_pointer (&row, g_free);
  /* One occurrence, an hour before, in local wall-clock time. */
  row = solace_test_query_text (path, query);
  g_assert_cmpstr (row, ==, "session 1 FREQ=DAILY;UNTIL=20261203T140000 20261203T140000");
  g_clear_pointer (&row, g_free);

  /* The reminder says who and when, and is named by neither in a list. */
  reminders = solace_reminders_load (db, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < reminders->len; i++)
    {
      SolaceReminder *r = g_ptr_array_index (reminders, i);

      if (g_strcmp0 (solace_reminder_get_key (r), key) != 0)
        continue;
      g_assert_cmpint (solace_reminder_get_kind (r), ==, SOLACE_REMINDER_SESSION);
      g_assert_true (solace_reminder_get_enabled (r));
      g_assert_nonnull (solace_reminder_get_schedule (r));
      g_assert_cmpstr (solace_reminder_get_title (r, FALSE), ==, "Session with Dr. Ana Ruiz");
      g_assert_nonnull (strstr (solace_reminder_get_body (r, FALSE), "at 15:00"));
      g_assert_cmpstr (solace_reminder_get_title (r, TRUE), ==, "Reminder");
      g_assert_null (solace_reminder_get_body (r, TRUE));
    }
  g_clear_pointer (&reminders, g_ptr_array_unref);

  /* A day before instead: the reminder moves to the day before. */
  solace_contact_set_session_remind (c, 24 * 60);
  g_assert_true (solace_contact_store_save (store, c, &error));
  flush (store);
  row = solace_test_query_text (path, query);
  g_assert_cmpstr (row, ==, "session 1 FREQ=DAILY;UNTIL=20261202T150000 20261202T150000");
  g_clear_pointer (&row, g_free);

  /* Read back as saved. */
  g_clear_object (&store);
  store = solace_contact_store_new (db, &error);
  g_assert_no_error (error);
  copy = g_list_model_get_item (G_LIST_MODEL (store), 0);
  g_assert_cmpstr (solace_contact_get_next_session (copy), ==, "20261203T150000");
  g_assert_cmpint (solace_contact_get_session_remind (copy), ==, 24 * 60);

  /* Malformed times are refused and change nothing. */
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(SolaceContact) broken = solace_contact_copy (c);

      solace_contact_set_next_session (broken, bad[i]);
      if (*bad[i] == '\0')
        continue;   /* empty means "no session", tested below */
      g_assert_false (solace_contact_store_save (store, broken, &error));
      g_assert_error (error, SOLACE_ERROR, SOLACE_ERROR_INVALID);
      g_clear_error (&error);
    }
  {
    g_autoptr(SolaceContact) early = solace_contact_copy (c);

    solace_contact_set_session_remind (early, 8 * 24 * 60);
    g_assert_false (solace_contact_store_save (store, early, &error));
    g_assert_error (error, SOLACE_ERROR, SOLACE_ERROR_INVALID);
    g_clear_error (&error);
  }
  flush (store);
  row = solace_test_query_text (path, "SELECT next_session || ' ' || session_remind FROM contact");
  g_assert_cmpstr (row, ==, "20261203T150000 1440");
  g_clear_pointer (&row, g_free);

  /* Deleted: the reminder goes too; Undo brings both back. */
  position = solace_contact_store_remove (store, solace_contact_get_uuid (c));
  flush (store);
  g_assert_cmpint (solace_test_query_int (path, "SELECT count(*) FROM reminder WHERE kind = 'session'"), ==, 0);
  solace_contact_store_restore (store, copy, position);
  flush (store);
  g_assert_cmpint (solace_test_query_int (path, "SELECT count(*) FROM reminder WHERE kind = 'session'"), ==, 1);

  /* No reminder wanted, then no session at all. */
  solace_contact_set_session_remind (c, -1);
  g_assert_true (solace_contact_store_save (store, c, &error));
  flush (store);
  g_assert_cmpint (solace_test_query_int (path, "SELECT count(*) FROM reminder WHERE kind = 'session'"), ==, 0);
  g_assert_cmpint (solace_test_query_int (path, "SELECT session_remind IS NULL FROM contact"), ==, 1);
  solace_contact_set_session_remind (c, 15);
  g_assert_true (solace_contact_store_save (store, c, &error));
  flush (store);
  g_assert_cmpint (solace_test_query_int (path, "SELECT count(*) FROM reminder WHERE kind = 'session'"), ==, 1);
  solace_contact_set_next_session (c, "");
  g_assert_true (solace_contact_store_save (store, c, &error));
  flush (store);
  g_assert_cmpint (solace_test_query_int (path, "SELECT count(*) FROM reminder WHERE kind = 'session'"), ==, 0);
  g_assert_cmpint (solace_test_query_int (path, "SELECT next_session IS NULL FROM contact"), ==, 1);

  /* A friend has no sessions: what was set is dropped on saving. */
  solace_contact_set_next_session (c, "20261203T150000");
  solace_contact_set_session_remind (c, 0);
  solace_contact_set_kind (c, SOLACE_CONTACT_PERSON);
  g_assert_true (solace_contact_store_save (store, c, &error));
  flush (store);
  g_assert_cmpint (solace_test_query_int (path, "SELECT count(*) FROM reminder WHERE kind = 'session'"), ==, 0);
  g_assert_cmpint (solace_test_query_int (path, "SELECT next_session IS NULL FROM contact"), ==, 1);

  g_clear_object (&store);
  g_clear_object (&db);
  solace_test_rm_rf (dir);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);
  solace_reminder_subjects_register ();

  g_test_add_func ("/contacts/uris", test_uris);
  g_test_add_func ("/contacts/store", test_store);
  g_test_add_func ("/contacts/next-session", test_next_session);

  return g_test_run ();
}
