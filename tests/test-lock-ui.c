/* test-lock-ui.c — the lock screen, driven through its real widgets, and
 * every way Solace locks: Ctrl+L, quick hide, idle time
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "solace-application.h"
#include "solace-backup.h"
#include "solace-crypt-vfs.h"
#include "solace-journal-page.h"
#include "solace-keys.h"
#include "solace-lock-window.h"
#include "solace-test-app.h"
#include "solace-test-utils.h"
#include "solace-vault.h"
#include "solace-urge-dialog.h"
#include "solace-window.h"

#define PASSPHRASE "correct horse battery staple"
#define BODY       "A line written before the lock"

/* The cheapest cost libsodium allows: these tests are about the screen. */
static const SolacePwhashParams cheap = { 1, 8192 };

typedef struct {
  SolaceApplication *app;
  GtkWindow         *window;
  char              *path;
  char              *recovery;
} Fixture;

static gboolean holds_database_open (const char *path);

static gboolean
database_closed (gpointer data)
{
  return !holds_database_open (data);
}

/* Plain data with one entry, then sealed as the set-up would. */
static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SolaceDatabase) db = NULL;
  g_autoptr(SolaceJournalStore) journal = NULL;
  g_autoptr(SolaceJournalEntry) entry = NULL;
  g_autoptr(SolaceKey) key = NULL;
  g_autoptr(SolaceRecoveryKey) recovery = NULL;
  g_autofree char *keys = NULL;

  solace_test_app_reset ();
  f->path = solace_database_dup_default_path ();
  keys = solace_keys_path_for_database (f->path);

  db = solace_database_open (f->path, SOLACE_DATABASE_FLAGS_NONE, &error);
  g_assert_no_error (error);
  journal = solace_journal_store_new (db, &error);
  g_assert_no_error (error);
  entry = solace_journal_entry_new (SOLACE_ENTRY_KIND_REFLECTION);
  solace_journal_entry_set_body (entry, BODY);
  g_assert_cmpint (solace_journal_store_save (journal, entry, &error), >, 0);
  g_assert_no_error (error);
  solace_journal_store_flush (journal);
  /* The store hands its "written" news to the main loop. */
  solace_test_spin (50);
  g_clear_object (&journal);
  g_clear_object (&db);

  g_assert_false (holds_database_open (f->path));
  if (data != NULL)
    {
      /* Left plain: the test turns the lock on itself. */
      f->app = solace_test_app_start (FALSE, &f->window);
      g_application_set_default (G_APPLICATION (f->app));
      return;
    }
  key = solace_keys_create (keys, PASSPHRASE, &cheap, &recovery, &error);
  g_assert_no_error (error);
  solace_vault_seal (f->path, key, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (solace_vault_get_state (f->path, NULL), ==, SOLACE_VAULT_SEALED);
  f->recovery = g_strdup (recovery);

  f->app = solace_test_app_start (FALSE, &f->window);
  g_application_set_default (G_APPLICATION (f->app));
}

typedef struct {
  GAsyncResult *result;
  double        last;
  guint         calls;
  gboolean      backwards;
} SealWait;

static void
seal_progress_cb (double   fraction,
                  gpointer user_data)
{
  SealWait *wait = user_data;

  /* On the main thread, never going back. */
  g_assert_true (g_main_context_is_owner (g_main_context_default ()));
  wait->backwards |= fraction < wait->last;
  wait->last = fraction;
  wait->calls++;
}

static void
seal_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  SealWait *wait = user_data;

  wait->result = g_object_ref (result);
}

static gboolean
seal_done (gpointer data)
{
  return ((SealWait *) data)->result != NULL;
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_application_set_default (NULL);
  /* Locking is what closes the data here: the application object
   * outlives the test (registering exported it on the bus), and with
   * it whatever it holds open.  Data left plain is sealed first. */
  if (!solace_application_is_sealed (f->app))
    {
      g_autofree char *keys = solace_keys_path_for_database (f->path);
      g_autoptr(SolaceRecoveryKey) recovery = NULL;
      SealWait wait = { 0 };
      SolaceKey *key;

      /* A failed set-up's key file is replaced, as the dialog does. */
      if (solace_keys_exist (keys))
        g_assert_true (solace_keys_remove (keys, NULL));
      key = solace_keys_create (keys, PASSPHRASE, &cheap, &recovery, NULL);

      g_assert_nonnull (key);
      solace_application_set_sealed_async (f->app, key, NULL, NULL, NULL, seal_done_cb, &wait);
      g_assert_true (solace_test_wait_until (seal_done, &wait, 60000));
      g_assert_true (solace_application_set_sealed_finish (f->app, wait.result, NULL));
      g_clear_object (&wait.result);
    }
  solace_application_lock (f->app, FALSE);
  if (solace_test_find_window (SOLACE_TYPE_LOCK_WINDOW, FALSE) != NULL)
    f->window = solace_test_find_window (SOLACE_TYPE_LOCK_WINDOW, FALSE);
  solace_test_app_stop (&f->app, &f->window);
  /* Nothing keeps sealed data open once Solace has locked. */
  g_assert_true (solace_test_wait_until (database_closed, f->path, 5000));
  g_free (f->path);
  g_free (f->recovery);
}

static SolaceLockWindow *
lock_window (gboolean visible_only)
{
  return solace_test_find_window (SOLACE_TYPE_LOCK_WINDOW, visible_only);
}

static GtkWidget *
field (const char *title)
{
  GtkWidget *row = solace_test_find_widget (GTK_WIDGET (lock_window (FALSE)), ADW_TYPE_ENTRY_ROW, title);

  g_assert_nonnull (row);
  return row;
}

static GtkLabel *
message_label (void)
{
  GtkWidget *window = GTK_WIDGET (lock_window (FALSE));
  GtkWidget *row = field ("Passphrase");
  GtkWidget *widget = gtk_widget_get_parent (row);

  /* The label right after the list that holds the fields. */
  g_assert_nonnull (window);
  widget = gtk_widget_get_next_sibling (widget);
  g_assert_true (GTK_IS_LABEL (widget));
  return GTK_LABEL (widget);
}

/* Enter in a field, as from the keyboard: its text activates. */
static void
type_and_enter (const char *title,
                const char *text)
{
  GtkWidget *row = field (title);
  GtkWidget *entry = solace_test_find_widget (row, GTK_TYPE_TEXT, NULL);

  g_assert_nonnull (entry);
  g_assert_true (gtk_widget_get_visible (row));
  gtk_editable_set_text (GTK_EDITABLE (row), text);
  /* What Enter does in a GtkText. */
  g_signal_emit_by_name (entry, "activate");
}

static gboolean
unlocked (gpointer data)
{
  return !solace_application_is_locked (data);
}

static gboolean
not_busy (gpointer data)
{
  return gtk_editable_get_editable (GTK_EDITABLE (field ("Passphrase"))) &&
         gtk_editable_get_editable (GTK_EDITABLE (field ("Recovery Key")));
}

static gboolean
holds_database_open (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open ("/proc/self/fd", 0, NULL);
  const char *name;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *link = g_build_filename ("/proc/self/fd", name, NULL);
      g_autofree char *target = g_file_read_link (link, NULL);

      if (target != NULL && g_str_has_prefix (target, path))
        return TRUE;
    }
  return FALSE;
}

static SolaceWindow *
main_window (void)
{
  return solace_test_find_window (SOLACE_TYPE_WINDOW, TRUE);
}

static void
assert_locked (Fixture *f)
{
  g_assert_true (solace_application_is_sealed (f->app));
  g_assert_true (solace_application_is_locked (f->app));
  g_assert_null (solace_application_get_key (f->app));
  g_assert_null (solace_application_get_database (f->app));
  g_assert_null (solace_application_get_journal (f->app));
  g_assert_null (solace_test_find_window (SOLACE_TYPE_WINDOW, FALSE));
  g_assert_nonnull (lock_window (FALSE));
  /* A worker already copying when the lock came (the daily backup,
   * started after the first frame) lets go when its copy ends. */
  g_assert_true (solace_test_wait_until (database_closed, f->path, 10000));
  g_assert_false (g_action_group_get_action_enabled (G_ACTION_GROUP (f->app), "lock"));
  g_assert_false (g_action_group_get_action_enabled (G_ACTION_GROUP (f->app), "preferences"));
}

static void
unlock (Fixture *f)
{
  type_and_enter ("Passphrase", PASSPHRASE);
  g_assert_true (solace_test_wait_until (unlocked, f->app, 10000));
  solace_test_spin (50);
  g_assert_null (lock_window (FALSE));
  g_assert_nonnull (main_window ());
  f->window = GTK_WINDOW (main_window ());
}

/* Solace opens on the lock screen: nothing of the data open or shown. */
static void
test_opens_locked (Fixture       *f,
                   gconstpointer  data)
{
  g_assert_true (SOLACE_IS_LOCK_WINDOW (f->window));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (f->window)));
  assert_locked (f);
  /* Keyboard first: the passphrase field has the focus. */
  g_assert_true (gtk_widget_is_ancestor (gtk_window_get_focus (f->window), field ("Passphrase")));
  g_assert_false (gtk_widget_get_visible (field ("Recovery Key")));
}

/* Wrong ones refused calmly, any number of times, and nothing wiped. */
static void
test_wrong_then_right (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *keys = solace_keys_path_for_database (f->path);

  for (int i = 0; i < 12; i++)
    {
      type_and_enter ("Passphrase", i % 2 == 0 ? "" : "correct horse battery stapl");
      g_assert_true (solace_test_wait_until (not_busy, NULL, 10000));
      solace_test_spin (20);
      g_assert_true (solace_application_is_locked (f->app));
    }
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (message_label ())));
  g_assert_nonnull (strstr (gtk_label_get_text (message_label ()), "did not open"));
  g_assert_true (gtk_widget_has_css_class (field ("Passphrase"), "error"));
  /* Twelve wrong tries later, the key file and the data are both there. */
  g_assert_true (solace_keys_exist (keys));
  g_assert_cmpint (solace_vault_get_state (f->path, NULL), ==, SOLACE_VAULT_SEALED);

  /* Typing again takes the error mark away. */
  gtk_editable_set_text (GTK_EDITABLE (field ("Passphrase")), "c");
  g_assert_false (gtk_widget_has_css_class (field ("Passphrase"), "error"));

  unlock (f);
  g_assert_true (solace_application_is_sealed (f->app));
  g_assert_nonnull (solace_application_get_key (f->app));
  g_assert_true (solace_database_is_sealed (solace_application_get_database (f->app)));
  /* On disk it is still sealed: nothing there reads as SQLite. */
  g_assert_cmpint (solace_crypt_vfs_probe_file (f->path, NULL), ==, SOLACE_CRYPT_FILE_ENCRYPTED);
}

static void
test_recovery_key (Fixture       *f,
                   gconstpointer  data)
{
  GtkWidget *switch_button = gtk_widget_get_next_sibling (gtk_widget_get_next_sibling (GTK_WIDGET (message_label ())));
  g_autofree char *typo = g_strdup (f->recovery);

  g_assert_true (GTK_IS_BUTTON (switch_button));
  /* As from the keyboard (Space or Enter on the button). */
  g_assert_true (gtk_widget_activate (switch_button));
  solace_test_spin (400);
  g_assert_true (gtk_widget_get_visible (field ("Recovery Key")));
  g_assert_true (gtk_widget_is_ancestor (gtk_window_get_focus (f->window), field ("Recovery Key")));
  g_assert_false (gtk_widget_get_visible (field ("Passphrase")));

  /* One character wrong: said to be a typing mistake, still locked. */
  typo[2] = typo[2] == 'A' ? 'B' : 'A';
  type_and_enter ("Recovery Key", typo);
  g_assert_true (solace_test_wait_until (not_busy, NULL, 10000));
  solace_test_spin (20);
  g_assert_true (solace_application_is_locked (f->app));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (message_label ())));

  /* As a person might type it: lower case, spaces for dashes. */
  {
    g_autofree char *lower = g_ascii_strdown (f->recovery, -1);

    g_strdelimit (lower, "-", ' ');
    type_and_enter ("Recovery Key", lower);
  }
  g_assert_true (solace_test_wait_until (unlocked, f->app, 10000));
  solace_test_spin (50);
  g_assert_nonnull (main_window ());
}

static gint64
count_entries (Fixture *f)
{
  sqlite3 *handle = solace_database_get_handle (solace_application_get_database (f->app));
  sqlite3_stmt *stmt = NULL;
  gint64 n = -1;

  g_assert_cmpint (sqlite3_prepare_v2 (handle, "SELECT count(*) FROM journal_entry WHERE body = '" BODY "'",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return n;
}

/* Ctrl+L: everything closed, the key gone, the lock screen up. */
static void
test_lock_now (Fixture       *f,
               gconstpointer  data)
{
  unlock (f);
  g_assert_cmpint (count_entries (f), ==, 1);
  g_assert_true (holds_database_open (f->path));
  g_assert_true (g_action_group_get_action_enabled (G_ACTION_GROUP (f->app), "lock"));

  {
    g_auto(GStrv) accels = gtk_application_get_accels_for_action (GTK_APPLICATION (f->app), "app.lock");

    g_assert_cmpstr (accels[0], ==, "<Control>l");
  }

  g_action_group_activate_action (G_ACTION_GROUP (f->app), "lock", NULL);
  solace_test_spin (50);
  f->window = NULL;
  assert_locked (f);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (lock_window (FALSE))));

  /* And back: the same data. */
  unlock (f);
  g_assert_cmpint (count_entries (f), ==, 1);
}

/* Quick hide locks first, then hides; opening again meets the lock. */
static void
test_quick_hide_locks (Fixture       *f,
                       gconstpointer  data)
{
  unlock (f);
  g_action_group_activate_action (G_ACTION_GROUP (f->app), "quick-hide", NULL);
  f->window = NULL;
  assert_locked (f);
  g_assert_null (lock_window (TRUE));

  g_application_activate (G_APPLICATION (f->app));
  solace_test_spin (50);
  g_assert_nonnull (lock_window (TRUE));
  g_assert_null (solace_test_find_window (SOLACE_TYPE_WINDOW, FALSE));
}

static gboolean
locked (gpointer data)
{
  return solace_application_is_locked (data);
}

/* Idle for the set minutes: locked.  Minutes are shortened for tests. */
static void
test_auto_lock (Fixture       *f,
                gconstpointer  data)
{
  GSettings *settings = solace_application_get_settings (f->app);

  unlock (f);
  g_settings_set_uint (settings, "auto-lock-minutes", 0);
  solace_application_set_idle_minute_ms (f->app, 40);
  solace_test_spin (300);
  /* 0 is never. */
  g_assert_false (solace_application_is_locked (f->app));

  g_settings_set_uint (settings, "auto-lock-minutes", 5);
  /* Kept busy: no lock while there is input. */
  for (int i = 0; i < 10; i++)
    {
      solace_application_set_idle_minute_ms (f->app, 40);
      solace_test_spin (20);
    }
  g_assert_false (solace_application_is_locked (f->app));

  g_assert_true (solace_test_wait_until (locked, f->app, 5000));
  solace_test_spin (20);
  f->window = NULL;
  assert_locked (f);
  g_settings_reset (settings, "auto-lock-minutes");
}

/* The screen locks: so does Solace.  The signal comes from another
 * connection on the session bus, as the screen saver's would. */
static void
test_screensaver_locks (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *address = g_dbus_address_get_for_bus_sync (G_BUS_TYPE_SESSION, NULL, &error);
  g_autoptr(GDBusConnection) saver = NULL;

  g_assert_no_error (error);
  saver = g_dbus_connection_new_for_address_sync (address,
                                                  G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT |
                                                  G_DBUS_CONNECTION_FLAGS_MESSAGE_BUS_CONNECTION,
                                                  NULL, NULL, &error);
  g_assert_no_error (error);

  unlock (f);

  /* Waking up is not locking. */
  g_dbus_connection_emit_signal (saver, NULL, "/org/gnome/ScreenSaver", "org.gnome.ScreenSaver",
                                 "ActiveChanged", g_variant_new ("(b)", FALSE), &error);
  g_assert_no_error (error);
  g_dbus_connection_flush_sync (saver, NULL, NULL);
  solace_test_spin (200);
  g_assert_false (solace_application_is_locked (f->app));

  g_dbus_connection_emit_signal (saver, NULL, "/org/gnome/ScreenSaver", "org.gnome.ScreenSaver",
                                 "ActiveChanged", g_variant_new ("(b)", TRUE), &error);
  g_assert_no_error (error);
  g_dbus_connection_flush_sync (saver, NULL, NULL);
  g_assert_true (solace_test_wait_until (locked, f->app, 5000));
  f->window = NULL;
  assert_locked (f);

  /* The freedesktop one, as other desktops send it. */
  unlock (f);
  g_dbus_connection_emit_signal (saver, NULL, "/org/freedesktop/ScreenSaver", "org.freedesktop.ScreenSaver",
                                 "ActiveChanged", g_variant_new ("(b)", TRUE), &error);
  g_assert_no_error (error);
  g_dbus_connection_flush_sync (saver, NULL, NULL);
  g_assert_true (solace_test_wait_until (locked, f->app, 5000));
  f->window = NULL;
}

/* A notification's button while locked: the lock screen first, then
 * what was asked for. */
static void
test_action_waits_for_unlock (Fixture       *f,
                              gconstpointer  data)
{
  g_action_group_activate_action (G_ACTION_GROUP (f->app), "show-page", g_variant_new_string ("journal"));
  solace_test_spin (50);
  g_assert_null (solace_test_find_window (SOLACE_TYPE_WINDOW, FALSE));
  g_assert_nonnull (lock_window (TRUE));

  unlock (f);
  g_assert_cmpstr (solace_window_get_visible_page (main_window ()), ==, "journal");
}

/* Turning the lock on from a running, plain Solace and off again: the
 * data is closed meanwhile and opens again with everything in it. */
static void
test_seal_and_unseal (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *keys = solace_keys_path_for_database (f->path);
  g_autoptr(GError) error = NULL;
  g_autoptr(SolaceRecoveryKey) recovery = NULL;
  SolaceKey *key;
  SealWait wait = { 0 };

  g_assert_false (solace_application_is_sealed (f->app));
  g_assert_false (g_action_group_get_action_enabled (G_ACTION_GROUP (f->app), "lock"));
  g_assert_cmpint (count_entries (f), ==, 1);

  key = solace_keys_create (keys, PASSPHRASE, &cheap, &recovery, &error);
  g_assert_no_error (error);
  g_test_timer_start ();
  solace_application_set_sealed_async (f->app, key, NULL, seal_progress_cb, &wait, seal_done_cb, &wait);
  f->window = NULL;
  g_assert_true (solace_test_wait_until (seal_done, &wait, 60000));
  /* The data closed at once: no waiting out the fallback. */
  g_assert_cmpfloat (g_test_timer_elapsed (), <, 5.0);
  solace_application_set_sealed_finish (f->app, wait.result, &error);
  g_assert_no_error (error);
  g_clear_object (&wait.result);
  g_assert_cmpuint (wait.calls, >, 0);
  g_assert_false (wait.backwards);

  g_assert_cmpint (solace_vault_get_state (f->path, NULL), ==, SOLACE_VAULT_SEALED);
  g_assert_true (solace_application_is_sealed (f->app));
  g_assert_false (solace_application_is_locked (f->app));
  g_assert_nonnull (main_window ());
  g_assert_cmpint (count_entries (f), ==, 1);
  g_assert_true (g_action_group_get_action_enabled (G_ACTION_GROUP (f->app), "lock"));

  /* Off again, with the key Solace holds. */
  wait = (SealWait) { 0 };
  g_test_timer_start ();
  solace_application_set_sealed_async (f->app, NULL, NULL, seal_progress_cb, &wait, seal_done_cb, &wait);
  g_assert_true (solace_test_wait_until (seal_done, &wait, 60000));
  g_assert_cmpfloat (g_test_timer_elapsed (), <, 5.0);
  solace_application_set_sealed_finish (f->app, wait.result, &error);
  g_assert_no_error (error);
  g_clear_object (&wait.result);

  g_assert_cmpint (solace_vault_get_state (f->path, NULL), ==, SOLACE_VAULT_PLAIN);
  g_assert_false (solace_keys_exist (keys));
  g_assert_false (solace_application_is_sealed (f->app));
  g_assert_null (solace_application_get_key (f->app));
  g_assert_cmpint (count_entries (f), ==, 1);
  g_assert_cmpint (solace_test_query_int (f->path, "SELECT count(*) FROM journal_entry"), ==, 1);
  f->window = GTK_WINDOW (main_window ());
}

/* Encrypting cannot even start (something is in the way of its new
 * file): an error, and Solace opens the data as it was, plain. */
static void
test_seal_fails (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *keys = solace_keys_path_for_database (f->path);
  g_autofree char *blocker = g_strconcat (f->path, ".new", NULL);
  g_autofree char *inside = g_build_filename (blocker, "something", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(SolaceRecoveryKey) recovery = NULL;
  SolaceKey *key;
  SealWait wait = { 0 };

  g_assert_cmpint (g_mkdir (blocker, 0700), ==, 0);
  g_assert_true (g_file_set_contents (inside, "x", 1, NULL));

  key = solace_keys_create (keys, PASSPHRASE, &cheap, &recovery, &error);
  g_assert_no_error (error);
  solace_application_set_sealed_async (f->app, key, NULL, seal_progress_cb, &wait, seal_done_cb, &wait);
  f->window = NULL;
  g_assert_true (solace_test_wait_until (seal_done, &wait, 60000));
  g_assert_false (solace_application_set_sealed_finish (f->app, wait.result, &error));
  g_assert_nonnull (error);
  g_clear_object (&wait.result);

  g_assert_cmpint (solace_vault_get_state (f->path, NULL), ==, SOLACE_VAULT_PLAIN);
  g_assert_false (solace_application_is_sealed (f->app));
  g_assert_null (solace_application_get_key (f->app));
  /* The folder in the way also stops Solace from opening the data (it
   * says why in its window); once it is gone, everything is there. */
  g_assert_cmpint (g_remove (inside), ==, 0);
  g_assert_cmpint (g_rmdir (blocker), ==, 0);
  solace_application_reload (f->app);
  solace_test_spin (50);
  g_assert_nonnull (main_window ());
  g_assert_cmpint (count_entries (f), ==, 1);
  f->window = GTK_WINDOW (main_window ());
}

/* Ctrl+L (or the screen locking) while the lock is being turned on:
 * honoured once it is on, the data never shown again unlocked. */
static void
test_lock_while_sealing (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *keys = solace_keys_path_for_database (f->path);
  g_autoptr(GError) error = NULL;
  g_autoptr(SolaceRecoveryKey) recovery = NULL;
  gboolean hide = g_str_equal (data, "plain-hide");
  SolaceKey *key;
  SealWait wait = { 0 };

  key = solace_keys_create (keys, PASSPHRASE, &cheap, &recovery, &error);
  g_assert_no_error (error);
  solace_application_set_sealed_async (f->app, key, NULL, NULL, NULL, seal_done_cb, &wait);
  f->window = NULL;
  if (hide)
    g_action_group_activate_action (G_ACTION_GROUP (f->app), "quick-hide", NULL);
  else
    solace_application_lock (f->app, TRUE);
  g_assert_true (solace_test_wait_until (seal_done, &wait, 60000));
  g_assert_true (solace_application_set_sealed_finish (f->app, wait.result, &error));
  g_assert_no_error (error);
  g_clear_object (&wait.result);
  solace_test_spin (50);

  g_assert_cmpint (solace_vault_get_state (f->path, NULL), ==, SOLACE_VAULT_SEALED);
  assert_locked (f);
  /* Hidden stays hidden; Ctrl+L shows the lock screen. */
  g_assert_cmpint (lock_window (TRUE) != NULL, ==, !hide);

  g_application_activate (G_APPLICATION (f->app));
  solace_test_spin (50);
  unlock (f);
  g_assert_cmpint (count_entries (f), ==, 1);
}

/* Idle time does not lock over an open dialog (what is typed there
 * would be lost); once it is closed, it does. */
static void
test_auto_lock_waits_for_dialog (Fixture       *f,
                                 gconstpointer  data)
{
  GSettings *settings = solace_application_get_settings (f->app);
  GtkWindow *dialog;

  unlock (f);
  g_settings_set_uint (settings, "auto-lock-minutes", 1);
  /* "I want to reach out": the urge steps, a dialog with fields. */
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.reach-out", NULL);
  solace_test_spin (100);
  dialog = solace_test_find_window (SOLACE_TYPE_URGE_DIALOG, TRUE);
  g_assert_nonnull (dialog);

  solace_application_set_idle_minute_ms (f->app, 40);
  solace_test_spin (400);
  g_assert_false (solace_application_is_locked (f->app));

  gtk_window_destroy (dialog);
  g_assert_true (solace_test_wait_until (locked, f->app, 5000));
  f->window = NULL;
  assert_locked (f);
  g_settings_reset (settings, "auto-lock-minutes");
}

static gboolean
backup_made (gpointer data)
{
  g_autofree char *dir = solace_backup_dup_default_dir ();
  g_autoptr(GPtrArray) backups = solace_backup_list (dir);

  return backups->len > 0 && !g_str_has_suffix (((SolaceBackup *) backups->pdata[0])->path, ".part");
}

static gboolean
has_main_window (gpointer data)
{
  return main_window () != NULL;
}

/* Sealed data damaged on disk: after the unlock Solace says so, and
 * restores the newest sealed backup with the key it holds. */
static void
test_restore_damaged_sealed (Fixture       *f,
                             gconstpointer  data)
{
  g_autofree char *dir = solace_backup_dup_default_dir ();
  g_autoptr(GPtrArray) backups = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length;
  char *backup;

  /* Opening made today's backup, sealed, in a worker thread. */
  unlock (f);
  g_assert_true (solace_test_wait_until (backup_made, NULL, 20000));
  backups = solace_backup_list (dir);
  backup = ((SolaceBackup *) backups->pdata[0])->path;
  g_assert_true (((SolaceBackup *) backups->pdata[0])->sealed);
  g_action_group_activate_action (G_ACTION_GROUP (f->app), "lock", NULL);
  solace_test_spin (50);
  f->window = NULL;

  /* A run of bytes in the first page (the schema) overwritten. */
  g_assert_true (g_file_get_contents (f->path, &contents, &length, &error));
  g_assert_cmpuint (length, >, 3 * 4096);
  memset (contents + 200, 0x5a, 64);
  g_assert_true (g_file_set_contents (f->path, contents, length, &error));

  type_and_enter ("Passphrase", PASSPHRASE);
  g_assert_true (solace_test_wait_until (unlocked, f->app, 10000));
  solace_test_spin (100);
  g_assert_null (solace_application_get_database (f->app));

  solace_application_restore_damaged (f->app, backup);
  g_assert_true (solace_test_wait_until (has_main_window, NULL, 20000));
  solace_test_spin (100);
  g_assert_nonnull (solace_application_get_database (f->app));
  g_assert_true (solace_database_is_sealed (solace_application_get_database (f->app)));
  g_assert_cmpint (count_entries (f), ==, 1);
  g_assert_cmpint (solace_vault_get_state (f->path, NULL), ==, SOLACE_VAULT_SEALED);
  f->window = GTK_WINDOW (main_window ());
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *root = solace_test_app_init (&argc, &argv);
  int status;

#define ADD(name, func) \
  g_test_add ("/lock-ui/" name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("opens-locked", test_opens_locked);
  ADD ("wrong-then-right", test_wrong_then_right);
  ADD ("recovery-key", test_recovery_key);
  ADD ("lock-now", test_lock_now);
  ADD ("quick-hide-locks", test_quick_hide_locks);
  ADD ("auto-lock", test_auto_lock);
  ADD ("screensaver-locks", test_screensaver_locks);
  ADD ("action-waits-for-unlock", test_action_waits_for_unlock);
  g_test_add ("/lock-ui/seal-and-unseal", Fixture, "plain", fixture_set_up, test_seal_and_unseal, fixture_tear_down);
  g_test_add ("/lock-ui/seal-fails", Fixture, "plain", fixture_set_up, test_seal_fails, fixture_tear_down);
  g_test_add ("/lock-ui/lock-while-sealing", Fixture, "plain", fixture_set_up, test_lock_while_sealing, fixture_tear_down);
  g_test_add ("/lock-ui/hide-while-sealing", Fixture, "plain-hide", fixture_set_up, test_lock_while_sealing, fixture_tear_down);
  ADD ("auto-lock-waits-for-dialog", test_auto_lock_waits_for_dialog);
  ADD ("restore-damaged-sealed", test_restore_damaged_sealed);

#undef ADD

  status = g_test_run ();
  solace_test_rm_rf (root);
  return status;
}
