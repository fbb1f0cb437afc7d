/* test-contacts.c — trusted people on disk, and the URIs their buttons open
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>

#include "solace-contact-store.h"
#include "solace-error.h"
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

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/contacts/uris", test_uris);
  g_test_add_func ("/contacts/store", test_store);

  return g_test_run ();
}
