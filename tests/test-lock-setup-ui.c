/* test-lock-setup-ui.c — turning the passphrase lock on, changing it and
 * turning it off, through the real dialog from Preferences
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "solace-application.h"
#include "solace-backup.h"
#include "solace-keys.h"
#include "solace-lock-setup.h"
#include "solace-preferences-window.h"
#include "solace-test-app.h"
#include "solace-test-utils.h"
#include "solace-vault.h"
#include "solace-window.h"

#define PASSPHRASE  "quiet river under the old bridge"
#define PASSPHRASE2 "seven lanterns and a paper boat"
#define BODY        "A line written before the lock"

/* The cheapest cost libsodium allows: these tests are about the dialog. */
static const SolacePwhashParams cheap = { 1, 8192 };

typedef struct {
  SolaceApplication *app;
  GtkWindow         *window;
  char              *path;
  char              *keys;
  char              *backups;
  char              *recovery;   /* sealed fixture: the recovery key made */
} Fixture;

/* Plain data with one entry, and maybe one plain backup from before. */
static void
make_plain_data (Fixture  *f,
                 gboolean  with_backup)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SolaceDatabase) db = NULL;
  g_autoptr(SolaceJournalStore) journal = NULL;
  g_autoptr(SolaceJournalEntry) entry = NULL;
  g_autoptr(GDate) day = g_date_new_dmy (20, 11, 2026);

  solace_test_app_reset ();
  f->path = solace_database_dup_default_path ();
  f->keys = solace_keys_path_for_database (f->path);
  f->backups = solace_backup_dup_default_dir ();
  solace_test_rm_rf (f->backups);

  db = solace_database_open (f->path, SOLACE_DATABASE_FLAGS_NONE, &error);
  g_assert_no_error (error);
  journal = solace_journal_store_new (db, &error);
  g_assert_no_error (error);
  entry = solace_journal_entry_new (SOLACE_ENTRY_KIND_REFLECTION);
  solace_journal_entry_set_body (entry, BODY);
  g_assert_cmpint (solace_journal_store_save (journal, entry, &error), >, 0);
  g_assert_no_error (error);
  solace_journal_store_flush (journal);
  if (with_backup)
    {
      g_assert_true (solace_backup_make (db, f->backups, day, FALSE, NULL, &error));
      g_assert_no_error (error);
    }
}

static void
start_app (Fixture *f)
{
  f->app = solace_test_app_start (FALSE, &f->window);
  g_application_set_default (G_APPLICATION (f->app));
  /* Today's backup, made in a thread at start-up, out of the way. */
  solace_test_spin (200);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  make_plain_data (f, TRUE);
  start_app (f);
  g_assert_false (solace_application_is_sealed (f->app));
}

static void
sealed_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (solace_application_set_sealed_finish (SOLACE_APPLICATION (source), result, &error));
  g_assert_no_error (error);
  *(gboolean *) user_data = TRUE;
}

static gboolean
is_true (gpointer data)
{
  return *(gboolean *) data;
}

/* Sealed as a finished set-up leaves it: by the application, unlocked. */
static void
fixture_set_up_sealed (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SolaceRecoveryKey) recovery = NULL;
  SolaceKey *key;
  gboolean done = FALSE;

  make_plain_data (f, FALSE);
  start_app (f);
  key = solace_keys_create (f->keys, PASSPHRASE, &cheap, &recovery, &error);
  g_assert_no_error (error);
  f->recovery = g_strdup (recovery);
  solace_application_set_sealed_async (f->app, key, NULL, NULL, NULL, sealed_cb, &done);
  g_assert_true (solace_test_wait_until (is_true, &done, 30000));
  solace_test_spin (100);

  g_assert_cmpint (solace_vault_get_state (f->path, NULL), ==, SOLACE_VAULT_SEALED);
  g_assert_true (solace_application_is_sealed (f->app));
  g_assert_false (solace_application_is_locked (f->app));
  f->window = solace_test_find_window (SOLACE_TYPE_WINDOW, TRUE);
  g_assert_nonnull (f->window);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_application_set_default (NULL);
  /* Sealing and unsealing put the first main window away and open a
   * new one: close the one there is now, not a freed one. */
  f->window = solace_test_find_window (SOLACE_TYPE_WINDOW, FALSE);
  solace_test_app_stop (&f->app, &f->window);
  g_free (f->path);
  g_free (f->keys);
  g_free (f->backups);
  g_free (f->recovery);
}

/* ---- Driving the dialog -------------------------------------------- */

static SolacePreferencesWindow *
open_preferences (Fixture *f)
{
  SolacePreferencesWindow *prefs;

  g_action_group_activate_action (G_ACTION_GROUP (f->app), "preferences", NULL);
  solace_test_spin (50);
  prefs = solace_test_find_window (SOLACE_TYPE_PREFERENCES_WINDOW, TRUE);
  g_assert_nonnull (prefs);
  return prefs;
}

static GtkWidget *
prefs_row (SolacePreferencesWindow *prefs,
           const char              *title)
{
  GtkWidget *row = solace_test_find_widget (GTK_WIDGET (prefs), ADW_TYPE_PREFERENCES_ROW, title);

  g_assert_nonnull (row);
  return row;
}

/* The row, activated as a click or Enter on it would. */
static SolaceLockSetup *
open_setup (Fixture    *f,
            const char *row_title)
{
  SolacePreferencesWindow *prefs = open_preferences (f);
  GtkWidget *row = prefs_row (prefs, row_title);
  SolaceLockSetup *setup;

  g_assert_true (gtk_widget_get_visible (row));
  g_assert_true (gtk_widget_is_sensitive (row));
  gtk_widget_activate (row);
  solace_test_spin (50);
  setup = solace_test_find_window (SOLACE_TYPE_LOCK_SETUP, TRUE);
  g_assert_nonnull (setup);
  g_assert_true (gtk_window_get_modal (GTK_WINDOW (setup)));
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (setup)) == GTK_WINDOW (prefs));
  solace_lock_setup_set_pwhash_params (setup, &cheap);
  return setup;
}

static GtkWidget *
widget (SolaceLockSetup *setup,
        const char      *name)
{
  GtkWidget *w = solace_lock_setup_get_widget (setup, name);

  g_assert_nonnull (w);
  return w;
}

static const char *
page (SolaceLockSetup *setup)
{
  return solace_lock_setup_get_page (setup);
}

static gboolean
setup_idle (gpointer setup)
{
  return !solace_lock_setup_is_busy (setup);
}

static void
wait_idle (SolaceLockSetup *setup)
{
  g_assert_true (solace_test_wait_until (setup_idle, setup, 30000));
  solace_test_spin (20);
}

/* What is typed, then Enter in that field. */
static void
type_and_enter (SolaceLockSetup *setup,
                const char      *name,
                const char      *text)
{
  GtkWidget *row = widget (setup, name);
  GtkWidget *entry = solace_test_find_widget (row, GTK_TYPE_TEXT, NULL);

  g_assert_nonnull (entry);
  g_assert_true (gtk_widget_is_visible (row));
  gtk_editable_set_text (GTK_EDITABLE (row), text);
  /* What Enter in it does (GtkText's key binding). */
  g_assert_true (gtk_widget_is_sensitive (entry));
  g_signal_emit_by_name (entry, "activate");
}

/* A click: GtkButton's activation (Enter, Space) emits ::clicked only
 * after a short flash, so the keyboard test waits for that instead. */
static void
click (GtkWidget *button)
{
  g_assert_true (GTK_IS_BUTTON (button));
  g_assert_true (gtk_widget_is_visible (button));
  g_assert_true (gtk_widget_is_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
}

/* Enter on the focused widget, as the keyboard does. */
static void
press_enter (GtkWindow *window)
{
  GtkWidget *focus = gtk_window_get_focus (window);

  g_assert_nonnull (focus);
  g_assert_true (gtk_widget_activate (focus));
  solace_test_spin (400);
}

static void
press_next (SolaceLockSetup *setup)
{
  click (widget (setup, "next"));
}

static const char *
text_of (SolaceLockSetup *setup,
         const char      *name)
{
  GtkWidget *w = widget (setup, name);

  if (GTK_IS_LABEL (w))
    return gtk_label_get_text (GTK_LABEL (w));
  return gtk_editable_get_text (GTK_EDITABLE (w));
}

/* Continue, sensitive or not: a click on an insensitive button does
 * nothing. */
static void
press_next_any (SolaceLockSetup *setup)
{
  GtkWidget *next = widget (setup, "next");

  if (gtk_widget_is_sensitive (next))
    click (next);
}

static GtkWidget *
find_label (GtkWidget  *root,
            const char *needle)
{
  if (GTK_IS_LABEL (root) && strstr (gtk_label_get_text (GTK_LABEL (root)), needle) != NULL)
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_label (child, needle);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
shows_message (SolaceLockSetup *setup)
{
  GtkWidget *message = solace_lock_setup_get_widget (setup, "message");

  return message != NULL && gtk_widget_get_visible (message) &&
         *gtk_label_get_text (GTK_LABEL (message)) != '\0';
}

/* Group @group (0-based) of the key as shown. */
static char *
group_of (const char *shown,
          guint       group)
{
  g_autofree char *flat = g_strdelimit (g_strdup (shown), "\n", '-');
  g_auto(GStrv) groups = g_strsplit (flat, "-", -1);

  g_assert_cmpuint (g_strv_length (groups), ==, SOLACE_RECOVERY_KEY_GROUPS);
  return g_strdup (groups[group]);
}

/* The line (1-based) group @group (0-based) is on, as shown. */
static guint
line_of (const char *shown,
         guint       group)
{
  guint line = 1, seen = 0;

  for (const char *c = shown; *c != '\0' && seen < group; c++)
    if (*c == '-' || *c == '\n')
      {
        seen++;
        if (*c == '\n')
          line++;
      }
  return line;
}

/* A group that is not @group: another of the key's. */
static char *
other_group (const char *shown,
             guint       group)
{
  guint other = (group + 1) % SOLACE_RECOVERY_KEY_GROUPS;
  g_autofree char *mine = group_of (shown, group);
  char *theirs = group_of (shown, other);

  /* Two groups could be the same by chance; then change one character. */
  if (g_ascii_strcasecmp (mine, theirs) == 0)
    theirs[0] = theirs[0] == '0' ? '1' : '0';
  return theirs;
}

static void
type_groups (SolaceLockSetup *setup,
             const char      *shown,
             gboolean         second_right)
{
  guint first, second;
  g_autofree char *one = NULL;
  g_autofree char *two = NULL;

  solace_lock_setup_get_groups (setup, &first, &second);
  g_assert_cmpuint (first, <, second);
  g_assert_cmpuint (second, <, SOLACE_RECOVERY_KEY_GROUPS);
  one = group_of (shown, first);
  two = second_right ? group_of (shown, second) : other_group (shown, second);
  /* Typed as a person might: small letters. */
  one = g_ascii_strdown (g_steal_pointer (&one), -1);
  type_and_enter (setup, "group-1", one);
  type_and_enter (setup, "group-2", two);
}

static gboolean
journal_has_entry (gpointer data)
{
  SolaceApplication *app = data;
  SolaceJournalStore *journal = solace_application_get_journal (app);

  return journal != NULL && !solace_journal_store_get_loading (journal) &&
         g_list_model_get_n_items (G_LIST_MODEL (journal)) == 1;
}

static void
assert_entry_shown (Fixture *f)
{
  g_assert_true (solace_test_wait_until (journal_has_entry, f->app, 10000));
  g_assert_nonnull (solace_test_find_window (SOLACE_TYPE_WINDOW, TRUE));
}

static void
assert_plain (Fixture *f)
{
  g_assert_cmpint (solace_vault_get_state (f->path, NULL), ==, SOLACE_VAULT_PLAIN);
  g_assert_false (solace_keys_exist (f->keys));
  g_assert_false (solace_application_is_sealed (f->app));
  g_assert_cmpint (solace_test_query_int (f->path, "SELECT count(*) FROM journal_entry"), ==, 1);
}

static gboolean
window_gone (gpointer data)
{
  return solace_test_find_window (SOLACE_TYPE_LOCK_SETUP, FALSE) == NULL;
}

static gboolean
is_null (gpointer data)
{
  return *(gpointer *) data == NULL;
}

/* Watched from before it closes: once closed, nothing (no task, no
 * signal) keeps it alive. */
static void
watch (SolaceLockSetup  *setup,
       gpointer         *weak)
{
  *weak = setup;
  g_object_add_weak_pointer (G_OBJECT (setup), weak);
}

static void
assert_closed_and_freed (gpointer *weak)
{
  g_assert_true (solace_test_wait_until (window_gone, NULL, 2000));
  g_assert_true (solace_test_wait_until (is_null, weak, 2000));
}

static SolaceKey *
unlock_with (Fixture    *f,
             const char *passphrase,
             GError    **error)
{
  return solace_keys_unlock_passphrase (f->keys, passphrase, error);
}

/* From the first page to the recovery key, with PASSPHRASE. */
static char *
set_up_to_key (SolaceLockSetup *setup)
{
  g_assert_cmpstr (page (setup), ==, "choose");
  type_and_enter (setup, "passphrase", PASSPHRASE);
  type_and_enter (setup, "confirm", PASSPHRASE);
  wait_idle (setup);
  g_assert_cmpstr (page (setup), ==, "key");
  return g_strdup (text_of (setup, "key"));
}

/* Files GTK's own print preview would leave: preview*.pdf in $TMPDIR. */
static guint
count_preview_files (void)
{
  g_autoptr(GDir) dir = g_dir_open (g_get_tmp_dir (), 0, NULL);
  const char *name;
  guint n = 0;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_prefix (name, "preview") && g_str_has_suffix (name, ".pdf"))
      n++;
  return n;
}

typedef struct {
  GBytes  *bytes;
  char    *text;
  gboolean done;
} ClipboardRead;

static void
spliced_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  ClipboardRead *read = user_data;
  g_autoptr(GError) error = NULL;

  g_output_stream_splice_finish (G_OUTPUT_STREAM (source), result, &error);
  g_assert_no_error (error);
  read->bytes = g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (source));
  read->done = TRUE;
}

static void
read_bytes_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GInputStream) stream = gdk_clipboard_read_finish (GDK_CLIPBOARD (source), result, NULL, &error);
  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();

  g_assert_no_error (error);
  /* Not a blocking read: a local clipboard writes from this main loop. */
  g_output_stream_splice_async (out, stream,
                                G_OUTPUT_STREAM_SPLICE_CLOSE_SOURCE | G_OUTPUT_STREAM_SPLICE_CLOSE_TARGET,
                                G_PRIORITY_DEFAULT, NULL, spliced_cb, user_data);
}

static void
read_text_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  ClipboardRead *read = user_data;
  g_autoptr(GError) error = NULL;

  read->text = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (source), result, &error);
  g_assert_no_error (error);
  read->done = TRUE;
}

static gboolean
read_done (gpointer data)
{
  return ((ClipboardRead *) data)->done;
}

/* What Copy put there: the key as text, and the type that keeps it out
 * of clipboard managers' history. */
static void
assert_copied_as_secret (GdkClipboard *clipboard,
                         const char   *shown)
{
  const char *mime_types[] = { "x-kde-passwordManagerHint", NULL };
  GdkContentFormats *formats = gdk_clipboard_get_formats (clipboard);
  ClipboardRead hint = { 0 };
  ClipboardRead text = { 0 };
  g_autofree char *flat_text = NULL;
  g_autofree char *flat_shown = NULL;

  g_assert_true (gdk_content_formats_contain_mime_type (formats, "x-kde-passwordManagerHint"));
  g_assert_true (gdk_content_formats_contain_gtype (formats, G_TYPE_STRING));

  gdk_clipboard_read_async (clipboard, mime_types, G_PRIORITY_DEFAULT, NULL, read_bytes_cb, &hint);
  g_assert_true (solace_test_wait_until (read_done, &hint, 5000));
  g_assert_cmpmem (g_bytes_get_data (hint.bytes, NULL), g_bytes_get_size (hint.bytes), "secret", 6);
  g_bytes_unref (hint.bytes);

  gdk_clipboard_read_text_async (clipboard, NULL, read_text_cb, &text);
  g_assert_true (solace_test_wait_until (read_done, &text, 5000));
  flat_text = g_strdelimit (text.text, "\n", '-');
  flat_shown = g_strdelimit (g_strdup (shown), "\n", '-');
  g_assert_cmpstr (flat_text, ==, flat_shown);
}

/* ---- Tests ---------------------------------------------------------- */

/* Without the lock, only "Lock with a Passphrase…"; the warning is said
 * before anything happens; a weak passphrase and two that differ are
 * refused, and nothing is written. */
static void
test_refuses_weak_and_mismatch (Fixture       *f,
                                gconstpointer  data)
{
  gpointer watched = NULL;
  SolacePreferencesWindow *prefs = open_preferences (f);
  const char * const hidden[] = { "Lock Now", "Lock Automatically", "Change Passphrase…",
                                  "New Recovery Key…", "Remove the Lock…" };
  const char * const weak[] = { "password1", "Sunshine!", "abc", "aaaaaaaaaaaa", "abcdefghijkl", "", " " };
  SolaceLockSetup *setup;
  GtkWidget *warning;

  for (guint i = 0; i < G_N_ELEMENTS (hidden); i++)
    g_assert_false (gtk_widget_get_visible (prefs_row (prefs, hidden[i])));
  gtk_window_destroy (GTK_WINDOW (prefs));

  setup = open_setup (f, "Lock with a Passphrase…");
  g_assert_cmpstr (page (setup), ==, "choose");

  /* Before anything: losing both means nobody can open it. */
  warning = find_label (GTK_WIDGET (setup), "not even Solace");
  g_assert_nonnull (warning);
  g_assert_true (gtk_widget_get_visible (warning));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (warning)), "not even Solace"));

  for (guint i = 0; i < G_N_ELEMENTS (weak); i++)
    {
      g_test_message ("weak: “%s”", weak[i]);
      type_and_enter (setup, "passphrase", weak[i]);
      type_and_enter (setup, "confirm", weak[i]);
      press_next_any (setup);
      g_assert_cmpstr (page (setup), ==, "choose");
      g_assert_false (solace_keys_exist (f->keys));
      if (*weak[i] == '\0')
        {
          /* Nothing typed: nothing to go on with, nothing said. */
          g_assert_false (gtk_widget_get_sensitive (widget (setup, "next")));
          continue;
        }
      g_assert_true (shows_message (setup));
      g_assert_true (g_str_has_prefix (text_of (setup, "message"), "Please choose a stronger passphrase."));
      g_assert_true (gtk_widget_has_css_class (widget (setup, "passphrase"), "error"));
      g_assert_true (gtk_widget_is_ancestor (gtk_window_get_focus (GTK_WINDOW (setup)), widget (setup, "passphrase")));
    }
  /* The meter says why, as it is typed. */
  gtk_editable_set_text (GTK_EDITABLE (widget (setup, "passphrase")), "abc");
  g_assert_true (g_str_has_prefix (text_of (setup, "strength"), "Very weak."));
  gtk_editable_set_text (GTK_EDITABLE (widget (setup, "passphrase")), PASSPHRASE);
  g_assert_false (g_str_has_prefix (text_of (setup, "strength"), "Weak"));
  g_assert_false (g_str_has_prefix (text_of (setup, "strength"), "Very weak"));

  /* Two that differ; then the second left empty. */
  type_and_enter (setup, "passphrase", PASSPHRASE);
  type_and_enter (setup, "confirm", PASSPHRASE2);
  g_assert_cmpstr (page (setup), ==, "choose");
  g_assert_cmpstr (text_of (setup, "message"), ==, "The two passphrases are not the same. Type the second one again.");
  g_assert_cmpstr (text_of (setup, "confirm"), ==, "");
  g_assert_true (gtk_widget_has_css_class (widget (setup, "confirm"), "error"));
  g_assert_true (gtk_widget_is_ancestor (gtk_window_get_focus (GTK_WINDOW (setup)), widget (setup, "confirm")));
  press_next (setup);
  g_assert_cmpstr (page (setup), ==, "choose");
  g_assert_true (shows_message (setup));

  solace_test_spin (100);
  g_assert_false (solace_keys_exist (f->keys));
  assert_plain (f);

  /* Escape, here, is safe: it closes and nothing changes. */
  watch (setup, &watched);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (setup), "window.close", NULL));
  assert_closed_and_freed (&watched);
  assert_plain (f);
}

/* Leaving before the journal is encrypted — on the key, on the check,
 * or by Escape — removes the key file and changes nothing. */
static void
test_cancel_changes_nothing (Fixture       *f,
                             gconstpointer  data)
{
  const char * const ways[] = { "cancel-on-key", "escape-on-check", "destroyed-on-key" };

  for (guint i = 0; i < G_N_ELEMENTS (ways); i++)
    {
      SolaceLockSetup *setup = open_setup (f, "Lock with a Passphrase…");
      g_autofree char *shown = set_up_to_key (setup);

      g_test_message ("%s", ways[i]);
      g_assert_true (solace_keys_exist (f->keys));
      g_assert_cmpint (solace_vault_get_state (f->path, NULL), ==, SOLACE_VAULT_PLAIN);

      if (g_str_equal (ways[i], "cancel-on-key"))
        click (widget (setup, "cancel"));
      else if (g_str_equal (ways[i], "escape-on-check"))
        {
          press_next (setup);
          g_assert_cmpstr (page (setup), ==, "check");
          g_assert_true (gtk_widget_activate_action (GTK_WIDGET (setup), "window.close", NULL));
        }
      else
        /* Quick hide or locking take every window away at once. */
        gtk_window_destroy (GTK_WINDOW (setup));

      g_assert_true (solace_test_wait_until (window_gone, NULL, 2000));
      assert_plain (f);
      assert_entry_shown (f);

      for (GList *l = gtk_application_get_windows (GTK_APPLICATION (f->app)); l; l = l->next)
        if (SOLACE_IS_PREFERENCES_WINDOW (l->data))
          {
            gtk_window_destroy (l->data);
            break;
          }
    }
}

/* Closed while the key is being made: the key file is removed once it
 * is there, and nothing is left behind. */
static void
test_cancel_while_making_key (Fixture       *f,
                              gconstpointer  data)
{
  SolaceLockSetup *setup = open_setup (f, "Lock with a Passphrase…");
  /* A cost that takes a moment, so that the window goes first. */
  const SolacePwhashParams slower = { 3, (gsize) 64 << 20 };

  solace_lock_setup_set_pwhash_params (setup, &slower);
  type_and_enter (setup, "passphrase", PASSPHRASE);
  type_and_enter (setup, "confirm", PASSPHRASE);
  g_assert_cmpstr (page (setup), ==, "busy");
  g_assert_true (gtk_widget_get_visible (widget (setup, "cancel")));
  click (widget (setup, "cancel"));
  g_assert_true (solace_test_wait_until (window_gone, NULL, 2000));

  /* Argon2 finishes in its thread; then the file goes. */
  solace_test_spin (3000);
  assert_plain (f);
}

static gboolean
page_is_done (gpointer setup)
{
  return g_str_equal (solace_lock_setup_get_page (setup), "done");
}

/* The whole set-up: the key shown once, copied and printed, a wrong
 * group refused, shown again, then encrypted; the data is sealed on
 * disk, opens with the passphrase and with the key, and the window
 * shows the entries.  The old plain backups can be deleted. */
static void
test_set_up (Fixture       *f,
             gconstpointer  data)
{
  gpointer weak = NULL;
  SolaceLockSetup *setup = open_setup (f, "Lock with a Passphrase…");
  g_autofree char *shown = set_up_to_key (setup);
  g_autofree char *pdf = g_build_filename (g_get_user_cache_dir (), "key.pdf", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(SolaceKey) key = NULL;
  g_autofree char *printed = NULL;
  g_autofree char *flat_printed = NULL;
  g_autofree char *flat_shown = NULL;
  GdkClipboard *clipboard = gtk_widget_get_clipboard (GTK_WIDGET (setup));
  SolacePreferencesWindow *prefs;
  GtkLabel *backups;

  /* 13 groups of 5, four to a line, and the key file is written. */
  g_assert_cmpuint (strlen (shown), ==, SOLACE_RECOVERY_KEY_TEXT_LENGTH);
  g_assert_true (gtk_label_get_selectable (GTK_LABEL (widget (setup, "key"))));
  g_assert_true (solace_keys_exist (f->keys));
  g_assert_cmpint (solace_vault_get_state (f->path, NULL), ==, SOLACE_VAULT_PLAIN);
  {
    g_autoptr(SolaceKey) by_key = solace_keys_unlock_recovery_key (f->keys, shown, &error);
    g_assert_no_error (error);
    g_assert_nonnull (by_key);
  }

  /* Copy: the clipboard holds it, marked as a secret, until the page
   * is left. */
  click (widget (setup, "copy"));
  g_assert_nonnull (gdk_clipboard_get_content (clipboard));
  g_assert_true (gdk_clipboard_is_local (clipboard));
  assert_copied_as_secret (clipboard, shown);

  /* Print Preview leaves no copy of the key in a file, and says so. */
  {
    guint before = count_preview_files ();

    g_assert_true (solace_lock_setup_preview_key (setup));
    solace_test_spin (300);
    g_assert_cmpuint (count_preview_files (), ==, before);
    g_assert_true (shows_message (setup));
    g_assert_nonnull (strstr (text_of (setup, "message"), "no print preview"));
    g_assert_cmpstr (page (setup), ==, "key");
  }

  /* Print: the key, large, and one line of explanation. */
  g_assert_true (solace_lock_setup_export_key (setup, pdf));
  {
    const char *argv[] = { "pdftotext", "-enc", "UTF-8", pdf, "-", NULL };
    int status;

    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                                 NULL, NULL, &printed, NULL, &status, &error));
    g_assert_no_error (error);
    g_assert_true (g_spawn_check_wait_status (status, NULL));
  }
  g_unlink (pdf);
  flat_printed = g_strdelimit (g_strdup (printed), "\n -", '.');
  flat_shown = g_strdelimit (g_strdup (shown), "\n -", '.');
  g_assert_nonnull (strstr (flat_printed, flat_shown));
  g_assert_nonnull (strstr (printed, "Recovery key for Solace"));
  g_assert_null (strstr (printed, BODY));

  /* On to the check: the clipboard is emptied, the key is off screen. */
  press_next (setup);
  g_assert_cmpstr (page (setup), ==, "check");
  g_assert_null (gdk_clipboard_get_content (clipboard));
  g_assert_cmpstr (text_of (setup, "key"), ==, "");

  /* Each field says which group, and on which line of the key as it
   * was shown, so nobody has to count groups to find it. */
  {
    guint groups[2];
    const char *rows[2] = { "group-1", "group-2" };

    solace_lock_setup_get_groups (setup, &groups[0], &groups[1]);
    for (guint i = 0; i < 2; i++)
      {
        g_autofree char *expected = g_strdup_printf ("Group %u, on line %u", groups[i] + 1,
                                                     line_of (shown, groups[i]));

        g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget (setup, rows[i]))), ==,
                         expected);
      }
    /* The last group is alone on the fourth line. */
    g_assert_cmpuint (line_of (shown, SOLACE_RECOVERY_KEY_GROUPS - 1), ==, 4);
    g_assert_cmpuint (line_of (shown, 0), ==, 1);
  }

  /* A wrong group is refused, calmly, and nothing happens. */
  type_groups (setup, shown, FALSE);
  g_assert_cmpstr (page (setup), ==, "check");
  g_assert_true (shows_message (setup));
  g_assert_true (gtk_widget_has_css_class (widget (setup, "group-2"), "error"));
  g_assert_false (gtk_widget_has_css_class (widget (setup, "group-1"), "error"));
  g_assert_cmpint (solace_vault_get_state (f->path, NULL), ==, SOLACE_VAULT_PLAIN);
  /* Bad input: too short, unknown letters, nothing. */
  type_and_enter (setup, "group-1", "AB");
  type_and_enter (setup, "group-2", "!!!!!");
  g_assert_cmpstr (page (setup), ==, "check");
  type_and_enter (setup, "group-1", "");
  type_and_enter (setup, "group-2", "");
  g_assert_cmpstr (page (setup), ==, "check");

  /* "Show the key again": the same key, the same groups asked. */
  {
    guint first, second, first_again, second_again;

    solace_lock_setup_get_groups (setup, &first, &second);
    click (widget (setup, "show-key"));
    g_assert_cmpstr (page (setup), ==, "key");
    g_assert_cmpstr (text_of (setup, "key"), ==, shown);
    press_next (setup);
    solace_lock_setup_get_groups (setup, &first_again, &second_again);
    g_assert_cmpuint (first, ==, first_again);
    g_assert_cmpuint (second, ==, second_again);
    g_assert_cmpstr (text_of (setup, "group-1"), ==, "");
  }

  /* Right: it encrypts, and cannot be closed meanwhile. */
  type_groups (setup, shown, TRUE);
  g_assert_cmpstr (page (setup), ==, "progress");
  g_assert_false (gtk_widget_get_visible (widget (setup, "cancel")));
  gtk_window_close (GTK_WINDOW (setup));
  g_assert_nonnull (solace_test_find_window (SOLACE_TYPE_LOCK_SETUP, TRUE));
  g_assert_true (solace_test_wait_until (page_is_done, setup, 60000));
  g_assert_true (g_str_has_suffix (gtk_progress_bar_get_text (GTK_PROGRESS_BAR (widget (setup, "progress"))),
                                   "100 %"));

  /* Sealed on disk; the passphrase and the key open it; the window
   * shows what was there. */
  g_assert_true (solace_application_is_sealed (f->app));
  g_assert_false (solace_application_is_locked (f->app));
  g_assert_cmpint (solace_vault_get_state (f->path, NULL), ==, SOLACE_VAULT_SEALED);
  key = unlock_with (f, PASSPHRASE, &error);
  g_assert_no_error (error);
  g_assert_true (solace_key_equal (key, solace_application_get_key (f->app)));
  {
    g_autoptr(SolaceKey) by_key = solace_keys_unlock_recovery_key (f->keys, shown, &error);
    g_assert_no_error (error);
    g_assert_true (solace_key_equal (by_key, key));
  }
  assert_entry_shown (f);

  /* The old plain backup: offered, deleted. */
  backups = GTK_LABEL (widget (setup, "backups"));
  g_assert_true (gtk_widget_is_visible (GTK_WIDGET (backups)));
  g_assert_nonnull (strstr (gtk_label_get_text (backups), "not encrypted"));
  g_assert_cmpuint (solace_vault_count_plain_backups (f->backups), >, 0);
  click (widget (setup, "delete-backups"));
  wait_idle (setup);
  g_assert_cmpuint (solace_vault_count_plain_backups (f->backups), ==, 0);
  g_assert_false (gtk_widget_get_visible (widget (setup, "delete-backups")));

  /* Done closes it; Preferences now has the rest. */
  watch (setup, &weak);
  press_next (setup);
  assert_closed_and_freed (&weak);
  prefs = open_preferences (f);
  g_assert_false (gtk_widget_get_visible (prefs_row (prefs, "Lock with a Passphrase…")));
  g_assert_true (gtk_widget_get_visible (prefs_row (prefs, "Lock Now")));
  g_assert_true (gtk_widget_get_visible (prefs_row (prefs, "Change Passphrase…")));
  g_assert_true (gtk_widget_get_visible (prefs_row (prefs, "New Recovery Key…")));
  g_assert_true (gtk_widget_get_visible (prefs_row (prefs, "Remove the Lock…")));
}

/* Only the keyboard: Enter goes on, the focus is always in the field
 * to type in, and the fields are empty once their page is left. */
static void
test_keyboard_only (Fixture       *f,
                    gconstpointer  data)
{
  SolaceLockSetup *setup = open_setup (f, "Lock with a Passphrase…");
  GtkWindow *window = GTK_WINDOW (setup);
  g_autofree char *shown = NULL;
  guint first, second;
  g_autofree char *one = NULL;
  g_autofree char *two = NULL;

  g_assert_true (gtk_widget_is_ancestor (gtk_window_get_focus (window), widget (setup, "passphrase")));
  type_and_enter (setup, "passphrase", PASSPHRASE);
  /* Enter in the first field goes to the second. */
  g_assert_cmpstr (page (setup), ==, "choose");
  g_assert_true (gtk_widget_is_ancestor (gtk_window_get_focus (window), widget (setup, "confirm")));
  type_and_enter (setup, "confirm", PASSPHRASE);
  g_assert_cmpstr (text_of (setup, "passphrase"), ==, "");
  g_assert_cmpstr (text_of (setup, "confirm"), ==, "");
  wait_idle (setup);

  /* The key page: Enter goes on. */
  g_assert_cmpstr (page (setup), ==, "key");
  shown = g_strdup (text_of (setup, "key"));
  g_assert_true (gtk_window_get_focus (window) == widget (setup, "next"));
  press_enter (window);

  /* The check: the first group has the focus, Enter goes to the next. */
  g_assert_cmpstr (page (setup), ==, "check");
  g_assert_true (gtk_widget_is_ancestor (gtk_window_get_focus (window), widget (setup, "group-1")));
  solace_lock_setup_get_groups (setup, &first, &second);
  one = group_of (shown, first);
  two = group_of (shown, second);
  type_and_enter (setup, "group-1", one);
  g_assert_true (gtk_widget_is_ancestor (gtk_window_get_focus (window), widget (setup, "group-2")));
  type_and_enter (setup, "group-2", two);

  g_assert_true (solace_test_wait_until (page_is_done, setup, 60000));
  g_assert_true (gtk_window_get_focus (window) == widget (setup, "next"));
  g_assert_cmpint (solace_vault_get_state (f->path, NULL), ==, SOLACE_VAULT_SEALED);
  press_enter (window);
  g_assert_true (solace_test_wait_until (window_gone, NULL, 2000));
}

/* Narrow: every page fits in 360 pixels. */
static void
test_narrow (Fixture       *f,
             gconstpointer  data)
{
  SolaceLockSetup *setup = open_setup (f, "Lock with a Passphrase…");
  int minimum;

  /* The stack measures every page, shown or not. */
  gtk_widget_measure (GTK_WIDGET (setup), GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL, NULL);
  g_assert_cmpint (minimum, <=, 360);
  gtk_window_destroy (GTK_WINDOW (setup));
}

/* Change the passphrase: a wrong current one is refused calmly; then
 * the new one opens and the old one no longer does. */
static void
test_change_passphrase (Fixture       *f,
                        gconstpointer  data)
{
  gpointer weak = NULL;
  SolaceLockSetup *setup = open_setup (f, "Change Passphrase…");
  g_autoptr(GError) error = NULL;
  g_autoptr(SolaceKey) key = NULL;

  g_assert_cmpstr (page (setup), ==, "current");
  type_and_enter (setup, "current", PASSPHRASE2);
  wait_idle (setup);
  g_assert_cmpstr (page (setup), ==, "current");
  g_assert_true (shows_message (setup));
  g_assert_true (g_str_has_prefix (text_of (setup, "message"), "That is not the passphrase"));
  g_assert_cmpstr (text_of (setup, "current"), ==, "");
  /* Refused as often as it is typed, and nothing wiped. */
  type_and_enter (setup, "current", "wrong again");
  wait_idle (setup);
  g_assert_cmpstr (page (setup), ==, "current");
  g_assert_true (solace_keys_exist (f->keys));

  type_and_enter (setup, "current", PASSPHRASE);
  wait_idle (setup);
  g_assert_cmpstr (page (setup), ==, "choose");
  g_assert_true (gtk_widget_is_ancestor (gtk_window_get_focus (GTK_WINDOW (setup)), widget (setup, "passphrase")));

  /* The same rules for the new one. */
  type_and_enter (setup, "passphrase", "letmein");
  type_and_enter (setup, "confirm", "letmein");
  g_assert_cmpstr (page (setup), ==, "choose");
  g_assert_true (shows_message (setup));
  type_and_enter (setup, "passphrase", PASSPHRASE2);
  type_and_enter (setup, "confirm", PASSPHRASE2 "!");
  g_assert_cmpstr (page (setup), ==, "choose");

  type_and_enter (setup, "passphrase", PASSPHRASE2);
  type_and_enter (setup, "confirm", PASSPHRASE2);
  wait_idle (setup);
  g_assert_cmpstr (page (setup), ==, "done");

  key = unlock_with (f, PASSPHRASE, &error);
  g_assert_error (error, SOLACE_KEYS_ERROR, SOLACE_KEYS_ERROR_WRONG_PASSPHRASE);
  g_assert_null (key);
  g_clear_error (&error);
  key = unlock_with (f, PASSPHRASE2, &error);
  g_assert_no_error (error);
  g_assert_true (solace_key_equal (key, solace_application_get_key (f->app)));
  g_clear_pointer (&key, solace_key_free);
  /* The recovery key did not change. */
  key = solace_keys_unlock_recovery_key (f->keys, f->recovery, &error);
  g_assert_no_error (error);
  g_assert_nonnull (key);
  assert_entry_shown (f);

  watch (setup, &weak);
  press_next (setup);
  assert_closed_and_freed (&weak);
}

/* A new recovery key: shown once, checked, and only then does the old
 * one stop opening.  Closing before it is checked needs no question:
 * nothing was written. */
static void
test_new_recovery_key (Fixture       *f,
                       gconstpointer  data)
{
  gpointer weak = NULL;
  SolaceLockSetup *setup = open_setup (f, "New Recovery Key…");
  g_autoptr(GError) error = NULL;
  g_autoptr(SolaceKey) key = NULL;
  g_autofree char *shown = NULL;

  type_and_enter (setup, "current", PASSPHRASE);
  wait_idle (setup);
  g_assert_cmpstr (page (setup), ==, "key");
  shown = g_strdup (text_of (setup, "key"));
  g_assert_cmpuint (strlen (shown), ==, SOLACE_RECOVERY_KEY_TEXT_LENGTH);

  /* Shown, not yet written: the old one still opens, the new one not. */
  key = solace_keys_unlock_recovery_key (f->keys, f->recovery, &error);
  g_assert_no_error (error);
  g_assert_true (solace_key_equal (key, solace_application_get_key (f->app)));
  g_clear_pointer (&key, solace_key_free);
  key = solace_keys_unlock_recovery_key (f->keys, shown, &error);
  g_assert_error (error, SOLACE_KEYS_ERROR, SOLACE_KEYS_ERROR_WRONG_RECOVERY_KEY);
  g_assert_null (key);
  g_clear_error (&error);

  /* A wrong group writes nothing either. */
  press_next (setup);
  type_groups (setup, shown, FALSE);
  g_assert_cmpstr (page (setup), ==, "check");
  key = solace_keys_unlock_recovery_key (f->keys, f->recovery, &error);
  g_assert_no_error (error);
  g_clear_pointer (&key, solace_key_free);

  type_groups (setup, shown, TRUE);
  wait_idle (setup);
  g_assert_cmpstr (page (setup), ==, "done");

  /* Now the old one no longer opens; the new one does. */
  key = solace_keys_unlock_recovery_key (f->keys, f->recovery, &error);
  g_assert_error (error, SOLACE_KEYS_ERROR, SOLACE_KEYS_ERROR_WRONG_RECOVERY_KEY);
  g_assert_null (key);
  g_clear_error (&error);
  key = solace_keys_unlock_recovery_key (f->keys, shown, &error);
  g_assert_no_error (error);
  g_assert_true (solace_key_equal (key, solace_application_get_key (f->app)));
  /* The passphrase was never needed again: still the same. */
  g_clear_pointer (&key, solace_key_free);
  key = unlock_with (f, PASSPHRASE, &error);
  g_assert_no_error (error);

  watch (setup, &weak);
  press_next (setup);
  assert_closed_and_freed (&weak);
}

/* Closed on the key page (Escape), or destroyed there without a
 * question as locking and quick hide do: the new key was never
 * written, so the old one keeps opening Solace and the new one never
 * does. */
static void
test_new_recovery_key_left (Fixture       *f,
                            gconstpointer  data)
{
  for (guint how = 0; how < 2; how++)
    {
      gpointer weak = NULL;
      SolaceLockSetup *setup = open_setup (f, "New Recovery Key…");
      g_autoptr(GError) error = NULL;
      g_autoptr(SolaceKey) key = NULL;
      g_autofree char *shown = NULL;

      type_and_enter (setup, "current", PASSPHRASE);
      wait_idle (setup);
      g_assert_cmpstr (page (setup), ==, "key");
      shown = g_strdup (text_of (setup, "key"));
      if (how == 1)
        {
          /* As far as the check page, one group typed. */
          press_next (setup);
          g_assert_cmpstr (page (setup), ==, "check");
        }

      watch (setup, &weak);
      if (how == 0)
        /* Escape: closes at once, nothing to ask. */
        g_assert_true (gtk_widget_activate_action (GTK_WIDGET (setup), "window.close", NULL));
      else
        /* What the application's lock does to every window. */
        gtk_window_destroy (GTK_WINDOW (setup));
      g_assert_null (solace_test_find_window (ADW_TYPE_MESSAGE_DIALOG, FALSE));
      assert_closed_and_freed (&weak);
      solace_test_spin (100);

      key = solace_keys_unlock_recovery_key (f->keys, f->recovery, &error);
      g_assert_no_error (error);
      g_assert_true (solace_key_equal (key, solace_application_get_key (f->app)));
      g_clear_pointer (&key, solace_key_free);
      key = solace_keys_unlock_recovery_key (f->keys, shown, &error);
      g_assert_error (error, SOLACE_KEYS_ERROR, SOLACE_KEYS_ERROR_WRONG_RECOVERY_KEY);
      g_assert_null (key);
      g_clear_error (&error);
      key = unlock_with (f, PASSPHRASE, &error);
      g_assert_no_error (error);
    }
}

/* Remove the lock: after the passphrase, decrypted back to a plain
 * file, the key file gone, the entries still there. */
static void
test_remove_lock (Fixture       *f,
                  gconstpointer  data)
{
  gpointer weak = NULL;
  SolaceLockSetup *setup = open_setup (f, "Remove the Lock…");
  SolacePreferencesWindow *prefs;

  g_assert_cmpstr (page (setup), ==, "current");
  g_assert_true (gtk_widget_has_css_class (widget (setup, "next"), "destructive-action"));
  type_and_enter (setup, "current", PASSPHRASE2);
  wait_idle (setup);
  g_assert_cmpstr (page (setup), ==, "current");
  g_assert_true (shows_message (setup));
  g_assert_cmpint (solace_vault_get_state (f->path, NULL), ==, SOLACE_VAULT_SEALED);

  type_and_enter (setup, "current", PASSPHRASE);
  g_assert_true (solace_test_wait_until (page_is_done, setup, 60000));
  g_assert_cmpint (solace_vault_get_state (f->path, NULL), ==, SOLACE_VAULT_PLAIN);
  assert_entry_shown (f);
  assert_plain (f);
  watch (setup, &weak);
  press_next (setup);
  assert_closed_and_freed (&weak);

  prefs = open_preferences (f);
  g_assert_true (gtk_widget_get_visible (prefs_row (prefs, "Lock with a Passphrase…")));
  g_assert_false (gtk_widget_get_visible (prefs_row (prefs, "Remove the Lock…")));
}

/* "Lock Automatically" and its setting follow each other. */
static void
test_auto_lock_row (Fixture       *f,
                    gconstpointer  data)
{
  SolacePreferencesWindow *prefs = open_preferences (f);
  AdwComboRow *row = ADW_COMBO_ROW (prefs_row (prefs, "Lock Automatically"));
  GSettings *settings = solace_application_get_settings (f->app);

  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (row)));
  g_assert_cmpuint (adw_combo_row_get_selected (row), ==, 1);        /* 5, the default */
  adw_combo_row_set_selected (row, 2);
  g_assert_cmpuint (g_settings_get_uint (settings, "auto-lock-minutes"), ==, 15);
  adw_combo_row_set_selected (row, 5);
  g_assert_cmpuint (g_settings_get_uint (settings, "auto-lock-minutes"), ==, 0);
  g_settings_set_uint (settings, "auto-lock-minutes", 60);
  g_assert_cmpuint (adw_combo_row_get_selected (row), ==, 4);
  /* A value set elsewhere shows as the nearest and is left as it is. */
  g_settings_set_uint (settings, "auto-lock-minutes", 20);
  g_assert_cmpuint (adw_combo_row_get_selected (row), ==, 2);
  g_assert_cmpuint (g_settings_get_uint (settings, "auto-lock-minutes"), ==, 20);

  g_assert_true (gtk_widget_get_visible (prefs_row (prefs, "Lock Now")));
  g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (prefs_row (prefs, "Lock Now"))), ==, "app.lock");
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *home = solace_test_app_init (&argc, &argv);
  int ret;

#define ADD(name, func) g_test_add ("/lock-setup-ui/" name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
#define ADD_SEALED(name, func) g_test_add ("/lock-setup-ui/" name, Fixture, NULL, fixture_set_up_sealed, func, fixture_tear_down)
  ADD ("refuses-weak-and-mismatch", test_refuses_weak_and_mismatch);
  ADD ("cancel-changes-nothing", test_cancel_changes_nothing);
  ADD ("cancel-while-making-key", test_cancel_while_making_key);
  ADD ("set-up", test_set_up);
  ADD ("keyboard-only", test_keyboard_only);
  ADD ("narrow", test_narrow);
  ADD_SEALED ("change-passphrase", test_change_passphrase);
  ADD_SEALED ("new-recovery-key", test_new_recovery_key);
  ADD_SEALED ("new-recovery-key-left", test_new_recovery_key_left);
  ADD_SEALED ("remove-lock", test_remove_lock);
  ADD_SEALED ("auto-lock-row", test_auto_lock_row);
#undef ADD
#undef ADD_SEALED

  ret = g_test_run ();
  solace_test_rm_rf (home);

  return ret;
}
