/* test-journal-ui.c — the window and the journal, driven as a person would
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>

#include "solace-application.h"
#include "solace-entry-row.h"
#include "solace-journal-page.h"
#include "solace-limits.h"
#include "solace-long-text.h"
#include "solace-soft-breaks.h"
#include "solace-widgets.h"
#include "solace-today-page.h"
#include "solace-window.h"
#include "solace-test-app.h"
#include "solace-test-utils.h"

typedef struct {
  SolaceApplication *app;
  GtkWindow         *window;
  char              *path;
} Fixture;

static void
start_app (Fixture *f)
{
  f->app = solace_test_app_start (FALSE, &f->window);
}

static void
stop_app (Fixture *f)
{
  solace_test_app_stop (&f->app, &f->window);
}

/* Each test starts with no data at all, as a first run would. */
static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  solace_test_app_reset ();
  f->path = g_build_filename (g_get_user_data_dir (), "solace", "solace.db", NULL);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  if (f->app != NULL)
    stop_app (f);
  g_free (f->path);
}

static SolaceWindow *
window (Fixture *f)
{
  g_assert_true (SOLACE_IS_WINDOW (f->window));
  return SOLACE_WINDOW (f->window);
}

static SolaceJournalPage *
journal (Fixture *f)
{
  return solace_window_get_journal_page (window (f));
}

static SolaceJournalEditor *
editor (Fixture *f)
{
  return solace_journal_page_get_editor (journal (f));
}

static SolaceJournalStore *
store (Fixture *f)
{
  return solace_journal_page_get_store (journal (f));
}

static gboolean
store_settled (gpointer data)
{
  return !solace_journal_store_get_loading (data);
}

static void
settle (Fixture *f)
{
  g_assert_true (solace_test_wait_until (store_settled, store (f), 10000));
  solace_test_spin (20);
}

static void
type_text (Fixture    *f,
           const char *text)
{
  GtkTextView *view = solace_journal_editor_get_text_view (editor (f));

  gtk_widget_grab_focus (GTK_WIDGET (view));
  gtk_text_buffer_insert_at_cursor (gtk_text_view_get_buffer (view), text, -1);
}

/* The editor's text as the person wrote it (and as it is saved). */
static char *
buffer_text (Fixture *f)
{
  return solace_long_text_get_text (solace_journal_editor_get_text_view (editor (f)));
}

/* The editor's text as it is shown, soft breaks and all. */
static char *
shown_text (Fixture *f)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (solace_journal_editor_get_text_view (editor (f)));
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

typedef struct {
  const char *path;
  const char *sql;
  gint64      expected;
} CountWait;

static gboolean
count_reached (gpointer data)
{
  CountWait *wait = data;

  return g_file_test (wait->path, G_FILE_TEST_EXISTS) &&
         solace_test_query_int (wait->path, wait->sql) == wait->expected;
}

static gboolean
wait_for_count (Fixture    *f,
                const char *sql,
                gint64      expected,
                guint       timeout_ms)
{
  CountWait wait = { f->path, sql, expected };

  return solace_test_wait_until (count_reached, &wait, timeout_ms);
}

static gboolean
editor_saved (gpointer data)
{
  return g_strcmp0 (solace_journal_editor_get_status (data), "Saved") == 0 &&
         !solace_journal_editor_get_dirty (data);
}

/* The rows the list is showing, top to bottom. */
static GPtrArray *
visible_rows (Fixture *f)
{
  GPtrArray *rows = g_ptr_array_new ();
  GtkWidget *list = GTK_WIDGET (solace_journal_page_get_list_view (journal (f)));

  for (GtkWidget *child = gtk_widget_get_first_child (list); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *row = gtk_widget_get_first_child (child);

      if (SOLACE_IS_ENTRY_ROW (row) && gtk_widget_get_mapped (row) &&
          solace_entry_row_get_entry (SOLACE_ENTRY_ROW (row)) != NULL)
        g_ptr_array_add (rows, row);
    }

  return rows;
}

/* The tests */

static void
test_pages_and_shortcuts (Fixture       *f,
                          gconstpointer  data)
{
  const char * const pages[] = { "today", "journal", "boundaries", "support" };
  g_autoptr(GSettings) settings = NULL;
  g_auto(GStrv) accels = NULL;

  start_app (f);
  settings = g_object_ref (solace_application_get_settings (f->app));

  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      g_autofree char *saved = NULL;

      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.page", "s", pages[i]));
      saved = g_settings_get_string (settings, "last-page");
      g_assert_cmpstr (saved, ==, pages[i]);
    }

  accels = gtk_application_get_accels_for_action (GTK_APPLICATION (f->app), "win.new-entry");
  g_assert_cmpstr (accels[0], ==, "<Control>n");
  g_clear_pointer (&accels, g_strfreev);
  accels = gtk_application_get_accels_for_action (GTK_APPLICATION (f->app), "win.search");
  g_assert_cmpstr (accels[0], ==, "<Control>f");

  /* The shortcuts window is built when first opened (Ctrl+?, or the
   * menu), once, and opened again the same. */
  g_clear_pointer (&accels, g_strfreev);
  accels = gtk_application_get_accels_for_action (GTK_APPLICATION (f->app), "win.shortcuts");
  g_assert_cmpstr (accels[0], ==, "<Control>question");
  g_assert_null (gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (f->window)));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.shortcuts", NULL));
  {
    GtkShortcutsWindow *shortcuts = gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (f->window));

    g_assert_nonnull (shortcuts);
    g_assert_true (solace_test_find_window (GTK_TYPE_SHORTCUTS_WINDOW, TRUE) == GTK_WINDOW (shortcuts));
    gtk_window_close (GTK_WINDOW (shortcuts));
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.shortcuts", NULL));
    g_assert_true (gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (f->window)) == shortcuts);
    gtk_window_close (GTK_WINDOW (shortcuts));
  }

  /* Ctrl+N from anywhere lands in the journal, writing. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.page", "s", "today"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.new-entry", NULL));
  {
    g_autofree char *saved = g_settings_get_string (settings, "last-page");
    g_assert_cmpstr (saved, ==, "journal");
  }
  g_assert_nonnull (solace_journal_editor_get_entry (editor (f)));
}

static void
test_write_autosaves (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *body = NULL;
  gint64 typed_at;
  gint64 saved_after_ms;

  start_app (f);
  settle (f);
  g_assert_cmpstr (solace_journal_page_get_list_state (journal (f)), ==, "empty");

  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.new-entry", NULL);
  type_text (f, "Today I wanted to text you. ");
  type_text (f, "I didn’t. I went for a walk instead.");
  typed_at = g_get_monotonic_time ();
  g_assert_true (solace_journal_editor_get_dirty (editor (f)));

  /* Nothing on disk at once: saving waits for a pause. */
  g_assert_cmpint (solace_test_query_int (f->path, "SELECT count(*) FROM journal_entry"), ==, 0);

  g_assert_true (wait_for_count (f, "SELECT count(*) FROM journal_entry", 1, 5000));
  saved_after_ms = (g_get_monotonic_time () - typed_at) / 1000;
  g_test_message ("saved %" G_GINT64_FORMAT " ms after the last keystroke", saved_after_ms);
  g_assert_cmpint (saved_after_ms, >=, SOLACE_AUTOSAVE_DELAY_MS - 100);
  g_assert_cmpint (saved_after_ms, <=, SOLACE_AUTOSAVE_MAX_MS + 500);

  body = solace_test_query_text (f->path, "SELECT body FROM journal_entry");
  g_assert_cmpstr (body, ==, "Today I wanted to text you. I didn’t. I went for a walk instead.");
  g_assert_true (solace_test_wait_until (editor_saved, editor (f), 3000));

  /* The list shows it, under today's heading. */
  settle (f);
  g_assert_cmpstr (solace_journal_page_get_list_state (journal (f)), ==, "list");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store (f))), ==, 1);

  /* On screen: one row, under today's heading, showing the words. */
  {
    g_autoptr(GPtrArray) rows = NULL;

    solace_test_spin (100);
    rows = visible_rows (f);
    g_assert_cmpuint (rows->len, ==, 1);
    g_assert_cmpstr (solace_entry_row_get_heading (rows->pdata[0]), ==, "Today");
    g_assert_nonnull (strstr (solace_entry_row_get_text (rows->pdata[0]), "went for a walk"));
  }

  /* Keep typing: the same row changes, no second one appears. */
  type_text (f, " It helped.");
  g_assert_true (wait_for_count (f, "SELECT count(*) FROM journal_entry WHERE body LIKE '%It helped.'", 1, 5000));
  g_assert_cmpint (solace_test_query_int (f->path, "SELECT count(*) FROM journal_entry"), ==, 1);
  solace_test_spin (100);
  {
    g_autoptr(GPtrArray) rows = visible_rows (f);

    g_assert_cmpuint (rows->len, ==, 1);
    g_assert_nonnull (strstr (solace_entry_row_get_text (rows->pdata[0]), "It helped."));
  }

  /* A second entry the same day: it goes on top, and the day's heading
   * moves up with it rather than showing twice. */
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.new-entry", NULL);
  type_text (f, "Second thought of the day.");
  g_assert_true (wait_for_count (f, "SELECT count(*) FROM journal_entry", 2, 5000));
  settle (f);
  solace_test_spin (100);
  {
    g_autoptr(GPtrArray) rows = visible_rows (f);
    guint headings = 0;

    g_assert_cmpuint (rows->len, ==, 2);
    for (guint i = 0; i < rows->len; i++)
      {
        const char *heading = solace_entry_row_get_heading (rows->pdata[i]);

        if (heading != NULL)
          {
            graphene_rect_t bounds;

            headings++;
            g_assert_nonnull (strstr (solace_entry_row_get_text (rows->pdata[i]), "Second thought"));
            /* Shown whole, heading and all, not half above the list. */
            g_assert_true (gtk_widget_compute_bounds (rows->pdata[i],
                                                      GTK_WIDGET (solace_journal_page_get_list_view (journal (f))),
                                                      &bounds));
            g_assert_cmpfloat (bounds.origin.y, >=, 0);
          }
      }
    g_assert_cmpuint (headings, ==, 1);
  }
}

/* Continuous typing never holds the save back for more than a couple
 * of seconds. */
static void
test_autosave_during_long_typing (Fixture       *f,
                                  gconstpointer  data)
{
  gint64 start;

  start_app (f);
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.new-entry", NULL);

  start = g_get_monotonic_time ();
  while (g_get_monotonic_time () - start < 3500 * 1000)
    {
      type_text (f, "a");
      solace_test_spin (100);
      if (solace_test_query_int (f->path, "SELECT count(*) FROM journal_entry") == 1)
        break;
    }

  g_assert_cmpint (solace_test_query_int (f->path, "SELECT count(*) FROM journal_entry"), ==, 1);
  g_assert_cmpint ((g_get_monotonic_time () - start) / 1000, <=, SOLACE_AUTOSAVE_MAX_MS + 600);
}

static void
test_close_saves_and_reopen_shows (Fixture       *f,
                                   gconstpointer  data)
{
  static const char text[] = "Written just before closing. 🌱";
  g_autofree char *body = NULL;
  g_autofree char *shown = NULL;

  start_app (f);
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.new-entry", NULL);
  type_text (f, text);

  /* Closing at once, before any autosave: the words are on disk. */
  gtk_window_close (f->window);
  f->window = NULL;
  g_assert_cmpint (solace_test_query_int (f->path, "SELECT count(*) FROM journal_entry"), ==, 1);
  body = solace_test_query_text (f->path, "SELECT body FROM journal_entry");
  g_assert_cmpstr (body, ==, text);
  stop_app (f);

  start_app (f);
  settle (f);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store (f))), ==, 1);
  solace_journal_page_open_position (journal (f), 0);
  shown = buffer_text (f);
  g_assert_cmpstr (shown, ==, text);
  g_assert_cmpstr (solace_journal_editor_get_status (editor (f)), ==, "Saved");
}

static void
test_blank_entry_not_saved (Fixture       *f,
                            gconstpointer  data)
{
  start_app (f);
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.new-entry", NULL);
  type_text (f, "   \n  ");
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.new-entry", NULL);
  solace_test_spin (SOLACE_AUTOSAVE_MAX_MS + 300);
  gtk_window_close (f->window);
  f->window = NULL;

  g_assert_cmpint (solace_test_query_int (f->path, "SELECT count(*) FROM journal_entry"), ==, 0);
}

static void
test_gratitude_mood_feelings_tags (Fixture       *f,
                                   gconstpointer  data)
{
  SolaceJournalEditor *ed;
  g_autofree char *body = NULL;
  g_autofree char *tags = NULL;

  start_app (f);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (journal (f)), "journal.new", "s", "gratitude"));
  ed = editor (f);
  g_assert_cmpint (solace_journal_entry_get_kind (solace_journal_editor_get_entry (ed)), ==, SOLACE_ENTRY_KIND_GRATITUDE);

  gtk_editable_set_text (solace_journal_editor_get_gratitude_row (ed, 0), "Warm tea");
  gtk_editable_set_text (solace_journal_editor_get_gratitude_row (ed, 1), "My sister called");
  gtk_editable_set_text (solace_journal_editor_get_gratitude_row (ed, 2), "I slept");
  gtk_toggle_button_set_active (solace_journal_editor_get_mood_button (ed, 4), TRUE);
  gtk_toggle_button_set_active (solace_journal_editor_get_emotion_button (ed, "hope"), TRUE);
  gtk_toggle_button_set_active (solace_journal_editor_get_emotion_button (ed, "loneliness"), TRUE);
  gtk_editable_set_text (solace_journal_editor_get_tags_entry (ed), "family, Family,  sleep ,");

  g_assert_true (solace_test_wait_until (editor_saved, ed, 5000));

  body = solace_test_query_text (f->path, "SELECT body FROM journal_entry");
  g_assert_cmpstr (body, ==, "Warm tea\nMy sister called\nI slept");
  g_assert_cmpint (solace_test_query_int (f->path, "SELECT mood FROM journal_entry"), ==, 4);
  g_assert_cmpint (solace_test_query_int (f->path, "SELECT count(*) FROM journal_entry WHERE kind = 'gratitude'"), ==, 1);
  tags = solace_test_query_text (f->path,
                                 "SELECT group_concat(name, ',') FROM"
                                 " (SELECT name FROM journal_tag ORDER BY is_emotion, position)");
  /* Feelings come in the order the chips are shown. */
  g_assert_cmpstr (tags, ==, "family,sleep,loneliness,hope");

  /* Choosing another mood replaces it; choosing it again clears it. */
  gtk_toggle_button_set_active (solace_journal_editor_get_mood_button (ed, 2), TRUE);
  g_assert_false (gtk_toggle_button_get_active (solace_journal_editor_get_mood_button (ed, 4)));
  g_assert_true (wait_for_count (f, "SELECT mood FROM journal_entry", 2, 5000));
  gtk_toggle_button_set_active (solace_journal_editor_get_mood_button (ed, 2), FALSE);
  g_assert_true (wait_for_count (f, "SELECT count(*) FROM journal_entry WHERE mood IS NULL", 1, 5000));

  /* Turning it into a reflection keeps the words. */
  gtk_drop_down_set_selected (solace_journal_editor_get_kind_dropdown (ed), SOLACE_ENTRY_KIND_REFLECTION);
  g_assert_true (wait_for_count (f, "SELECT count(*) FROM journal_entry WHERE kind = 'reflection'", 1, 5000));
  g_clear_pointer (&body, g_free);
  body = buffer_text (f);
  g_assert_cmpstr (body, ==, "Warm tea\nMy sister called\nI slept");
}

static void
add_entries (Fixture            *f,
             const char * const *bodies)
{
  for (guint i = 0; bodies[i] != NULL; i++)
    {
      g_autoptr(SolaceJournalEntry) entry = solace_journal_entry_new (SOLACE_ENTRY_KIND_REFLECTION);
      g_autoptr(GError) error = NULL;

      solace_journal_entry_set_body (entry, bodies[i]);
      g_assert_cmpint (solace_journal_store_save (store (f), entry, &error), >, 0);
      g_assert_no_error (error);
    }
  settle (f);
}

typedef struct {
  Fixture    *f;
  const char *state;
  guint       n;
} ListWait;

static gboolean
list_matches (gpointer data)
{
  ListWait *wait = data;

  return !solace_journal_store_get_loading (store (wait->f)) &&
         g_strcmp0 (solace_journal_page_get_list_state (journal (wait->f)), wait->state) == 0 &&
         g_list_model_get_n_items (G_LIST_MODEL (store (wait->f))) == wait->n;
}

static void
search_for (Fixture    *f,
            const char *text,
            const char *state,
            guint       n)
{
  ListWait wait = { f, state, n };

  gtk_editable_set_text (solace_journal_page_get_search_entry (journal (f)), text);
  /* GtkSearchEntry waits a moment after typing before searching. */
  solace_test_spin (250);
  g_assert_true (solace_test_wait_until (list_matches, &wait, 5000));
}

static void
failed_cb (SolaceJournalStore *s,
           const GError       *error,
           gboolean           *failed)
{
  *failed = TRUE;
}

static void
test_search_as_you_type (Fixture       *f,
                         gconstpointer  data)
{
  const char * const bodies[] = {
    "We walked along the canal every Sunday.",
    "I cried at work today and that's okay.",
    "A good day: friends, pasta, laughing until midnight.",
    NULL
  };
  const char * const hostile[] = {
    "\"", "NEAR(", "*", "-", "'; DROP TABLE journal_entry; --", "😢", "a\"b", "body:x", "((", NULL
  };
  g_autoptr(GString) huge = g_string_new (NULL);
  gboolean failed = FALSE;

  start_app (f);
  settle (f);
  add_entries (f, bodies);
  g_signal_connect (store (f), "failed", G_CALLBACK (failed_cb), &failed);
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.search", NULL);

  search_for (f, "wal", "list", 1);
  {
    g_autoptr(SolaceJournalEntry) item = g_list_model_get_item (G_LIST_MODEL (store (f)), 0);
    g_assert_nonnull (strstr (solace_journal_entry_get_snippet (item), "<b>walked</b>"));
  }

  search_for (f, "friends pasta", "list", 1);
  search_for (f, "zzzz", "no-results", 0);

  for (guint i = 0; hostile[i] != NULL; i++)
    {
      gtk_editable_set_text (solace_journal_page_get_search_entry (journal (f)), hostile[i]);
      solace_test_spin (200);
      settle (f);
    }
  for (guint i = 0; i < 10000; i++)
    g_string_append_c (huge, "x y\"*(-"[i % 7]);
  gtk_editable_set_text (solace_journal_page_get_search_entry (journal (f)), huge->str);
  solace_test_spin (200);
  settle (f);
  g_assert_false (failed);

  search_for (f, "", "list", 3);
  g_assert_cmpint (solace_test_query_int (f->path, "SELECT count(*) FROM journal_entry"), ==, 3);
}

/* Searching a journal that holds one enormous word: the matches show a
 * bounded snippet around the match, and the window stays up. */
static void
test_search_enormous_word (Fixture       *f,
                           gconstpointer  data)
{
  g_autofree char *huge = g_strnfill (SOLACE_MAX_ENTRY_CHARS - 20, 'x');
  g_autofree char *body = g_strconcat ("before ", huge, " after", NULL);
  const char * const bodies[] = { body, "a short one", NULL };
  GString *query = g_string_new (NULL);

  start_app (f);
  settle (f);
  add_entries (f, bodies);
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.search", NULL);

  /* Typed a letter at a time, as the crash in issue 12 was. */
  for (guint i = 0; i < 28; i++)
    {
      g_string_append_c (query, 'x');
      gtk_editable_set_text (solace_journal_page_get_search_entry (journal (f)), query->str);
      solace_test_spin (20);
    }
  search_for (f, query->str, "list", 1);
  solace_test_spin (200);
  {
    g_autoptr(SolaceJournalEntry) item = g_list_model_get_item (G_LIST_MODEL (store (f)), 0);
    const char *snippet = solace_journal_entry_get_snippet (item);
    g_autoptr(GPtrArray) rows = visible_rows (f);
    g_autofree char *plain = NULL;

    g_assert_nonnull (snippet);
    g_assert_true (pango_parse_markup (snippet, -1, 0, NULL, &plain, NULL, NULL));
    /* The match is shown, cut to a preview, and says it was cut. */
    g_assert_cmpuint (g_utf8_strlen (plain, -1), <=, SOLACE_PREVIEW_CHARS + 2);
    g_assert_nonnull (strstr (snippet, "<b>xxxx"));
    g_assert_true (g_str_has_suffix (plain, "…"));
    g_assert_cmpuint (rows->len, ==, 1);
    g_assert_cmpuint (g_utf8_strlen (solace_entry_row_get_text (rows->pdata[0]), -1), <=, SOLACE_PREVIEW_CHARS + 2);
  }
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (f->window)));
  g_string_free (query, TRUE);
}

static void
test_delete_and_undo (Fixture       *f,
                      gconstpointer  data)
{
  const char * const bodies[] = { "An entry I regret writing.", NULL };
  g_autofree char *uuid = NULL;
  g_autofree char *uuid_after = NULL;
  ListWait empty = { f, "empty", 0 };
  ListWait one = { f, "list", 1 };

  start_app (f);
  settle (f);
  add_entries (f, bodies);
  uuid = solace_test_query_text (f->path, "SELECT uuid FROM journal_entry");

  solace_journal_page_open_position (journal (f), 0);
  g_assert_nonnull (solace_journal_editor_get_entry (editor (f)));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (journal (f)), "journal.delete", NULL));

  g_assert_true (wait_for_count (f, "SELECT count(*) FROM journal_entry", 0, 5000));
  g_assert_true (solace_test_wait_until (list_matches, &empty, 5000));
  g_assert_null (solace_journal_editor_get_entry (editor (f)));

  /* What the toast's Undo button does. */
  solace_journal_page_undo_delete (journal (f));
  g_assert_true (wait_for_count (f, "SELECT count(*) FROM journal_entry", 1, 5000));
  g_assert_true (solace_test_wait_until (list_matches, &one, 5000));
  uuid_after = solace_test_query_text (f->path, "SELECT uuid FROM journal_entry");
  g_assert_cmpstr (uuid, ==, uuid_after);

  /* Undo twice does nothing more. */
  solace_journal_page_undo_delete (journal (f));
  solace_test_spin (300);
  g_assert_cmpint (solace_test_query_int (f->path, "SELECT count(*) FROM journal_entry"), ==, 1);
}

static void
test_disk_full_keeps_words (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *cap = NULL;
  g_autofree char *body = NULL;
  g_autoptr(GString) text = g_string_new (NULL);
  SolaceDatabase *db;

  start_app (f);
  settle (f);
  db = solace_application_get_database (f->app);

  cap = g_strdup_printf ("PRAGMA max_page_count = %" G_GINT64_FORMAT,
                         solace_test_query_int (f->path, "PRAGMA page_count"));
  g_assert_true (solace_database_exec (db, cap, &error));
  g_assert_no_error (error);

  for (guint i = 0; i < 5000; i++)
    g_string_append (text, "Everything I never said. ");

  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.new-entry", NULL);
  type_text (f, text->str);
  solace_test_spin (SOLACE_AUTOSAVE_MAX_MS + 800);

  /* Not saved, says so, and the words are still on screen. */
  g_assert_cmpstr (solace_journal_editor_get_status (editor (f)), ==, "Not saved yet");
  g_assert_cmpint (solace_test_query_int (f->path, "SELECT count(*) FROM journal_entry"), ==, 0);
  body = buffer_text (f);
  g_assert_cmpstr (body, ==, text->str);

  /* Opening another entry would drop these words: it does not happen. */
  {
    SolaceJournalEntry *writing = solace_journal_editor_get_entry (editor (f));
    g_autofree char *still = NULL;

    solace_journal_page_new_entry (journal (f), SOLACE_ENTRY_KIND_LETTER);
    g_assert_true (solace_journal_editor_get_entry (editor (f)) == writing);
    still = buffer_text (f);
    g_assert_cmpstr (still, ==, text->str);
  }

  /* Space again: the next attempt saves everything. */
  g_assert_true (solace_database_exec (db, "PRAGMA max_page_count = 1073741823", &error));
  g_assert_true (wait_for_count (f, "SELECT count(*) FROM journal_entry", 1, 10000));
  g_clear_pointer (&body, g_free);
  body = solace_test_query_text (f->path, "SELECT body FROM journal_entry");
  g_assert_cmpstr (body, ==, text->str);
  g_assert_true (solace_test_wait_until (editor_saved, editor (f), 3000));
}

static void
test_jump_to_date (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  start_app (f);
  settle (f);
  for (int days_ago = 40; days_ago >= 0; days_ago -= 10)
    {
      g_autoptr(SolaceJournalEntry) entry = solace_journal_entry_new (SOLACE_ENTRY_KIND_REFLECTION);
      g_autoptr(GDateTime) when = g_date_time_add_days (now, -days_ago);

      solace_journal_entry_set_created (entry, when);
      solace_journal_entry_set_body (entry, "dated entry");
      g_assert_cmpint (solace_journal_store_save (store (f), entry, NULL), >, 0);
    }
  settle (f);

  {
    g_autoptr(GDateTime) when = g_date_time_add_days (now, -15);
    g_autoptr(GDate) date = g_date_new_dmy (g_date_time_get_day_of_month (when),
                                            g_date_time_get_month (when),
                                            g_date_time_get_year (when));

    g_assert_true (solace_journal_page_jump_to_date (journal (f), date));
    /* Newest first: 0, 10, 20 days ago — the one 20 days ago. */
    g_assert_cmpuint (solace_journal_page_get_selected (journal (f)), ==, 2);

    g_date_subtract_years (date, 3);
    g_assert_false (solace_journal_page_jump_to_date (journal (f), date));
  }
}

static void
test_today_counter (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) ten_days_ago = g_date_time_add_days (now, -10);
  g_autoptr(GDateTime) tomorrow = g_date_time_add_days (now, 1);
  g_autoptr(GDate) start = g_date_new_dmy (g_date_time_get_day_of_month (ten_days_ago),
                                           g_date_time_get_month (ten_days_ago),
                                           g_date_time_get_year (ten_days_ago));
  g_autoptr(GDate) future = g_date_new_dmy (g_date_time_get_day_of_month (tomorrow),
                                            g_date_time_get_month (tomorrow),
                                            g_date_time_get_year (tomorrow));
  g_autofree char *expected_day = g_date_time_format (ten_days_ago, "%Y-%m-%d");
  SolaceTodayPage *today;

  start_app (f);
  today = solace_window_get_today_page (window (f));
  g_assert_cmpstr (solace_today_page_get_counter_text (today), ==, "Day One Starts When You Choose");

  solace_today_page_choose_start (today, start);
  g_assert_cmpstr (solace_today_page_get_counter_text (today), ==, "Day 11");
  g_assert_true (wait_for_count (f, "SELECT count(*) FROM stretch WHERE ended_on IS NULL", 1, 5000));
  {
    g_autofree char *stored = solace_test_query_text (f->path, "SELECT started_on FROM stretch");
    g_assert_cmpstr (stored, ==, expected_day);
  }

  /* A day that hasn't come yet is refused and changes nothing. */
  solace_today_page_choose_start (today, future);
  solace_test_spin (200);
  g_assert_cmpstr (solace_today_page_get_counter_text (today), ==, "Day 11");
  {
    g_autofree char *stored = solace_test_query_text (f->path, "SELECT started_on FROM stretch");
    g_assert_cmpstr (stored, ==, expected_day);
  }

  /* It is still there after a restart. */
  stop_app (f);
  start_app (f);
  today = solace_window_get_today_page (window (f));
  g_assert_cmpstr (solace_today_page_get_counter_text (today), ==, "Day 11");
}

static void
test_not_a_database_at_start (Fixture       *f,
                              gconstpointer  data)
{
  g_autofree char *dir = g_path_get_dirname (f->path);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  g_mkdir_with_parents (dir, 0700);
  g_assert_true (g_file_set_contents (f->path, "this is not a database, it is a shopping list: milk, eggs, bread and more",
                                      -1, NULL));
  before = solace_test_checksum_file (f->path);

  start_app (f);
  /* An explanation instead of the journal; nothing overwritten. */
  g_assert_false (SOLACE_IS_WINDOW (f->window));
  g_assert_null (solace_application_get_database (f->app));
  after = solace_test_checksum_file (f->path);
  g_assert_cmpstr (before, ==, after);
}

typedef struct {
  Fixture *f;
} FoldWait;

static gboolean
is_folded (gpointer data)
{
  return solace_journal_page_get_folded (data);
}

static void
test_narrow_window (Fixture       *f,
                    gconstpointer  data)
{
  int min_width = 0;

  start_app (f);
  gtk_window_set_default_size (f->window, 360, 640);
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.page", "s", "journal");
  gtk_window_present (f->window);

  /* Everything inside the frame fits in 360 pixels. */
  gtk_widget_measure (adw_application_window_get_content (ADW_APPLICATION_WINDOW (f->window)),
                      GTK_ORIENTATION_HORIZONTAL, -1, &min_width, NULL, NULL, NULL);
  g_assert_cmpint (min_width, <=, 360);

  g_assert_true (solace_test_wait_until (is_folded, journal (f), 5000));
  g_assert_cmpstr (solace_journal_page_get_visible_pane (journal (f)), ==, "list");

  /* One navigation stack: writing shows the editor, Back the list. */
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.new-entry", NULL);
  g_assert_cmpstr (solace_journal_page_get_visible_pane (journal (f)), ==, "editor");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (journal (f)), "journal.back", NULL));
  solace_test_spin (500);
  g_assert_cmpstr (solace_journal_page_get_visible_pane (journal (f)), ==, "list");
}

/* Opening the entry already open keeps what is on screen, saved or not. */
static void
test_reopen_open_entry (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *shown = NULL;
  g_autofree char *body = NULL;

  start_app (f);
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.new-entry", NULL);
  type_text (f, "original");
  g_assert_true (solace_test_wait_until (editor_saved, editor (f), 5000));
  settle (f);

  type_text (f, " MORE WORDS");
  solace_journal_page_open_position (journal (f), 0);
  shown = buffer_text (f);
  g_assert_cmpstr (shown, ==, "original MORE WORDS");

  type_text (f, "X");
  gtk_window_close (f->window);
  f->window = NULL;
  body = solace_test_query_text (f->path, "SELECT body FROM journal_entry");
  g_assert_cmpstr (body, ==, "original MORE WORDSX");
}

/* Deleting an entry whose first save is still on its way deletes it. */
static void
test_delete_while_first_save_in_flight (Fixture       *f,
                                        gconstpointer  data)
{
  start_app (f);
  settle (f);
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.new-entry", NULL);
  type_text (f, "Words I will take back.");
  /* Past the autosave delay: the save is queued, its answer not read. */
  solace_test_spin (SOLACE_AUTOSAVE_DELAY_MS + 30);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (journal (f)), "journal.delete", NULL));

  g_assert_true (wait_for_count (f, "SELECT count(*) FROM journal_entry", 0, 5000));
  solace_test_spin (SOLACE_AUTOSAVE_MAX_MS + 200);
  g_assert_cmpint (solace_test_query_int (f->path, "SELECT count(*) FROM journal_entry"), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store (f))), ==, 0);
}

/* Undo after a new entry took the deleted one's id: both are kept. */
static void
test_undo_after_id_reused (Fixture       *f,
                           gconstpointer  data)
{
  const char * const bodies[] = { "first", "second", NULL };
  g_autofree char *restored = NULL;

  start_app (f);
  settle (f);
  add_entries (f, bodies);

  solace_journal_page_open_position (journal (f), 0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (journal (f)), "journal.delete", NULL));
  g_assert_true (wait_for_count (f, "SELECT count(*) FROM journal_entry", 1, 5000));

  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.new-entry", NULL);
  type_text (f, "third");
  g_assert_true (wait_for_count (f, "SELECT count(*) FROM journal_entry", 2, 5000));

  solace_journal_page_undo_delete (journal (f));
  g_assert_true (wait_for_count (f, "SELECT count(*) FROM journal_entry", 3, 5000));
  restored = solace_test_query_text (f->path, "SELECT group_concat(body, ',') FROM (SELECT body FROM journal_entry ORDER BY body)");
  g_assert_cmpstr (restored, ==, "first,second,third");
}

static gboolean
no_row_waiting (gpointer data)
{
  g_autoptr(GPtrArray) rows = visible_rows (data);

  for (guint i = 0; i < rows->len; i++)
    if (solace_entry_row_get_text_deferred (rows->pdata[i]))
      return FALSE;

  return TRUE;
}

/* The list is laid out once the page is shown, on a frame a loaded
 * machine can make late. */
static gboolean
list_is_long (gpointer adj)
{
  return gtk_adjustment_get_page_size (adj) > 0 &&
         gtk_adjustment_get_upper (adj) > 10 * gtk_adjustment_get_page_size (adj);
}

/* A jump of many screens (dragging the scroll bar) shows rows first
 * without their text, then fills it in: none stays blank. */
static void
test_jump_far_then_text (Fixture       *f,
                         gconstpointer  data)
{
  GtkAdjustment *adj;
  g_autoptr(GError) error = NULL;
  guint deferred = 0;

  start_app (f);
  settle (f);

  for (guint i = 0; i < 400; i++)
    {
      g_autoptr(SolaceJournalEntry) entry = solace_journal_entry_new (SOLACE_ENTRY_KIND_REFLECTION);
      g_autofree char *body = g_strdup_printf ("Numbered entry %u, and some words after it.", i);

      solace_journal_entry_set_body (entry, body);
      g_assert_cmpint (solace_journal_store_save (store (f), entry, &error), >, 0);
    }
  settle (f);

  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.page", "s", "journal");
  adj = solace_journal_page_get_list_adjustment (journal (f));
  solace_test_wait_until (list_is_long, adj, 5000);
  g_assert_cmpfloat (gtk_adjustment_get_upper (adj), >, 10 * gtk_adjustment_get_page_size (adj));

  /* Two jumps in a row, as a drag makes: the rows of the second come
   * without their text at first. */
  gtk_adjustment_set_value (adj, gtk_adjustment_get_upper (adj) / 2);
  solace_test_spin (20);
  gtk_adjustment_set_value (adj, gtk_adjustment_get_upper (adj) - gtk_adjustment_get_page_size (adj));
  solace_test_spin (20);
  {
    g_autoptr(GPtrArray) rows = visible_rows (f);

    for (guint i = 0; i < rows->len; i++)
      {
        deferred += solace_entry_row_get_text_deferred (rows->pdata[i]);
      }
  }
  g_assert_cmpuint (deferred, >, 0);

  /* Then the text comes, for every row on screen. */
  g_assert_true (solace_test_wait_until (no_row_waiting, f, 5000));
  {
    g_autoptr(GPtrArray) rows = visible_rows (f);

    g_assert_cmpuint (rows->len, >=, 5);
    for (guint i = 0; i < rows->len; i++)
      {
        g_assert_false (solace_entry_row_get_text_deferred (rows->pdata[i]));
        g_assert_nonnull (strstr (solace_entry_row_get_text (rows->pdata[i]), "Numbered entry"));
      }
  }
}

static GtkWidget *
find_descendant (GtkWidget *widget,
                 GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_descendant (child, type);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static void
test_preferences_style (Fixture       *f,
                        gconstpointer  data)
{
  AdwStyleManager *style = adw_style_manager_get_default ();
  GtkWindow *prefs;
  AdwComboRow *row;
  g_autofree char *scheme = NULL;

  start_app (f);
  g_action_group_activate_action (G_ACTION_GROUP (f->app), "preferences", NULL);
  prefs = solace_test_find_window (ADW_TYPE_PREFERENCES_WINDOW, FALSE);
  g_assert_nonnull (prefs);
  g_assert_true (gtk_window_get_transient_for (prefs) == f->window);

  row = ADW_COMBO_ROW (find_descendant (GTK_WIDGET (prefs), ADW_TYPE_COMBO_ROW));
  g_assert_nonnull (row);

  adw_combo_row_set_selected (row, 2);
  scheme = g_settings_get_string (solace_application_get_settings (f->app), "color-scheme");
  g_assert_cmpstr (scheme, ==, "dark");
  g_assert_cmpint (adw_style_manager_get_color_scheme (style), ==, ADW_COLOR_SCHEME_FORCE_DARK);

  adw_combo_row_set_selected (row, 0);
  g_assert_cmpint (adw_style_manager_get_color_scheme (style), ==, ADW_COLOR_SCHEME_DEFAULT);
  gtk_window_destroy (prefs);

  /* About says plainly what Solace is not. */
  g_action_group_activate_action (G_ACTION_GROUP (f->app), "about", NULL);
  {
    GtkWindow *about = solace_test_find_window (ADW_TYPE_ABOUT_WINDOW, FALSE);

    g_assert_nonnull (about);
    g_assert_nonnull (strstr (adw_about_window_get_comments (ADW_ABOUT_WINDOW (about)),
                              "not a substitute for professional help"));
    /* The icon is found even when Solace is not installed. */
    g_assert_true (gtk_icon_theme_has_icon (gtk_icon_theme_get_for_display (gdk_display_get_default ()),
                                            adw_about_window_get_application_icon (ADW_ABOUT_WINDOW (about))));
    gtk_window_destroy (about);
  }
}

/* The longest paragraph the text view has to lay out at once. */
static guint
longest_shown_paragraph (Fixture *f)
{
  g_autofree char *shown = shown_text (f);
  guint longest = 0, n = 0;

  for (const char *p = shown; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      n = (c == '\n' || c == SOLACE_SOFT_BREAK) ? 0 : n + 1;
      longest = MAX (longest, n);
    }

  return longest;
}

static void
clipboard_text_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  char **text = user_data;

  *text = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (source), result, NULL);
  if (*text == NULL)
    *text = g_strdup ("(nothing)");
}

static gboolean
is_set (gpointer data)
{
  return *(char **) data != NULL;
}

static guint
n_toasts (Fixture *f)
{
  return solace_toast_overlay_get_n_toasts (solace_window_get_toast_overlay (window (f)));
}

/* An entry that is one unbroken run of nearly the most an entry holds:
 * the editor shows it in pieces it can lay out quickly, and what is
 * saved, copied and counted is exactly what was written. */
static void
test_long_unbroken_text (Fixture       *f,
                         gconstpointer  data)
{
  guint room = 10;
  GString *body = g_string_new (NULL);
  g_autofree char *saved = NULL;
  g_autofree char *copied = NULL;
  g_autofree char *kept = NULL;
  g_autofree char *run = NULL;
  g_autofree char *before_paste = NULL;
  GtkTextView *view;
  GtkTextBuffer *buffer;
  GtkTextIter start, end;
  guint toasts;

  for (guint i = 0; i < SOLACE_MAX_ENTRY_CHARS - room - 8; i++)
    g_string_append_c (body, 'x');
  g_string_append (body, "\nthe end");
  g_assert_cmpuint (g_utf8_strlen (body->str, -1), ==, SOLACE_MAX_ENTRY_CHARS - room);

  start_app (f);
  settle (f);
  {
    const char * const bodies[] = { body->str, NULL };
    add_entries (f, bodies);
  }
  solace_journal_page_open_position (journal (f), 0);
  solace_test_spin (100);
  view = solace_journal_editor_get_text_view (editor (f));
  buffer = gtk_text_view_get_buffer (view);

  /* Shown in pieces... */
  g_assert_cmpuint (longest_shown_paragraph (f), <=, 2 * SOLACE_SOFT_BREAK_RUN);
  /* ...but counted, read back and copied whole. */
  g_assert_cmpuint (solace_long_text_get_length (view), ==, SOLACE_MAX_ENTRY_CHARS - room);
  kept = solace_long_text_get_text (view);
  g_assert_true (g_str_equal (kept, body->str));
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  gtk_text_buffer_select_range (buffer, &start, &end);
  g_signal_emit_by_name (view, "copy-clipboard");
  gdk_clipboard_read_text_async (gtk_widget_get_clipboard (GTK_WIDGET (view)), NULL, clipboard_text_cb, &copied);
  g_assert_true (solace_test_wait_until (is_set, &copied, 5000));
  g_assert_true (g_str_equal (copied, body->str));

  /* A paste one character longer than the room left is refused whole,
   * with a word why; nothing already there changes. */
  gtk_text_buffer_get_start_iter (buffer, &start);
  gtk_text_buffer_place_cursor (buffer, &start);
  toasts = n_toasts (f);
  before_paste = shown_text (f);
  type_text (f, "ABCDEFGHIJK");
  g_assert_cmpuint (n_toasts (f), ==, toasts + 1);
  {
    g_autofree char *after = shown_text (f);
    g_assert_true (g_str_equal (after, before_paste));
  }
  g_assert_false (solace_journal_editor_get_dirty (editor (f)));

  /* Exactly the room left fits; then the entry is full. */
  type_text (f, "ABCDEFGHIJ");
  g_assert_cmpuint (solace_long_text_get_length (view), ==, SOLACE_MAX_ENTRY_CHARS);
  type_text (f, "!");
  g_assert_cmpuint (n_toasts (f), ==, toasts + 2);
  g_assert_cmpuint (solace_long_text_get_length (view), ==, SOLACE_MAX_ENTRY_CHARS);

  g_assert_true (solace_test_wait_until (editor_saved, editor (f), 10000));
  saved = solace_test_query_text (f->path, "SELECT body FROM journal_entry");
  g_assert_cmpuint (g_utf8_strlen (saved, -1), ==, SOLACE_MAX_ENTRY_CHARS);
  g_assert_true (g_str_has_prefix (saved, "ABCDEFGHIJxxx"));
  g_assert_true (g_str_has_suffix (saved, "xxx\nthe end"));
  g_assert_null (strstr (saved, SOLACE_SOFT_BREAK_UTF8));
  g_string_free (body, TRUE);
}

static void
set_clipboard (Fixture    *f,
               const char *text)
{
  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (f->window)), text);
  solace_test_spin (20);
}

/* Typing and pasting into a long run, then undoing and redoing it:
 * the soft breaks come and go with the text and are never saved. */
static void
test_long_text_typing_undo (Fixture       *f,
                            gconstpointer  data)
{
  g_autofree char *run = NULL;
  g_autofree char *saved = NULL;
  GtkTextView *view;
  GtkTextBuffer *buffer;
  GString *typed = g_string_new ("start ");

  start_app (f);
  settle (f);
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.new-entry", NULL);
  view = solace_journal_editor_get_text_view (editor (f));
  buffer = gtk_text_view_get_buffer (view);
  type_text (f, "start ");

  /* A key held down: one character at a time, each looked at after. */
  for (guint i = 0; i < 3 * SOLACE_SOFT_BREAK_RUN; i++)
    {
      type_text (f, "k");
      g_string_append_c (typed, 'k');
      if (i % 50 == 0)
        solace_test_spin (1);
    }
  solace_test_spin (50);
  g_assert_cmpuint (longest_shown_paragraph (f), <=, 2 * SOLACE_SOFT_BREAK_RUN);

  /* A blob dropped in, then a paste with a paragraph separator of its
   * own: that one is a line break and is kept as "\n". */
  run = g_strnfill (5000, 'b');
  type_text (f, run);
  set_clipboard (f, "\xe2\x80\xa9" "after");
  g_signal_emit_by_name (view, "paste-clipboard");
  solace_test_spin (200);
  g_string_append (typed, run);
  g_string_append (typed, "\nafter");
  solace_test_spin (50);
  g_assert_cmpuint (longest_shown_paragraph (f), <=, 2 * SOLACE_SOFT_BREAK_RUN);
  {
    g_autofree char *kept = solace_long_text_get_text (view);
    g_assert_cmpstr (kept, ==, typed->str);
  }

  /* Undo the paste, then redo it: exactly the same text again. */
  g_assert_true (gtk_text_buffer_get_can_undo (buffer));
  gtk_text_buffer_undo (buffer);
  gtk_text_buffer_undo (buffer);
  solace_test_spin (50);
  {
    g_autofree char *kept = solace_long_text_get_text (view);
    g_autofree char *before = g_strndup (typed->str, typed->len - strlen (run) - strlen ("\nafter"));

    g_assert_cmpstr (kept, ==, before);
  }
  /* Nothing done behind the person's back took the redo away. */
  g_assert_true (gtk_text_buffer_get_can_redo (buffer));
  gtk_text_buffer_redo (buffer);
  gtk_text_buffer_redo (buffer);
  solace_test_spin (50);
  {
    g_autofree char *kept = solace_long_text_get_text (view);
    g_assert_cmpstr (kept, ==, typed->str);
  }
  g_assert_cmpuint (solace_long_text_get_length (view), ==, g_utf8_strlen (typed->str, -1));

  g_assert_true (solace_test_wait_until (editor_saved, editor (f), 10000));
  g_assert_true (wait_for_count (f, "SELECT count(*) FROM journal_entry WHERE instr (body, 'after') > 0", 1, 5000));
  saved = solace_test_query_text (f->path, "SELECT body FROM journal_entry");
  g_assert_cmpstr (saved, ==, typed->str);
  g_string_free (typed, TRUE);
}

static gboolean
view_taller_than_600 (gpointer view)
{
  return gtk_widget_get_height (view) > 600;
}

static gboolean
view_shorter_than_300 (gpointer view)
{
  return gtk_widget_get_height (view) < 300;
}

/* Pasting: a paragraph separator from elsewhere is kept as the line break
 * it stands for, a paste with no room refuses whole without taking away
 * the selection it would have replaced, and the text box shrinks again
 * when the text does. */
static void
test_paste (Fixture       *f,
            gconstpointer  data)
{
  GtkTextView *view;
  GtkTextBuffer *buffer;
  GtkTextIter start, end;
  guint toasts;
  g_autofree char *huge = g_strnfill (SOLACE_MAX_ENTRY_CHARS, 'h');
  GString *lines = g_string_new (NULL);
  int tall;

  start_app (f);
  settle (f);
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.new-entry", NULL);
  view = solace_journal_editor_get_text_view (editor (f));
  buffer = gtk_text_view_get_buffer (view);
  gtk_widget_grab_focus (GTK_WIDGET (view));

  set_clipboard (f, "one\xe2\x80\xa9two");
  g_signal_emit_by_name (view, "paste-clipboard");
  solace_test_spin (200);
  {
    g_autofree char *kept = solace_long_text_get_text (view);
    g_assert_cmpstr (kept, ==, "one\ntwo");
  }

  /* "two" selected, and a paste of more than an entry holds. */
  gtk_text_buffer_get_end_iter (buffer, &end);
  start = end;
  gtk_text_iter_backward_chars (&start, 3);
  gtk_text_buffer_select_range (buffer, &start, &end);
  toasts = n_toasts (f);
  set_clipboard (f, huge);
  g_signal_emit_by_name (view, "paste-clipboard");
  solace_test_spin (500);
  g_assert_cmpuint (n_toasts (f), ==, toasts + 1);
  {
    g_autofree char *kept = solace_long_text_get_text (view);
    g_assert_cmpstr (kept, ==, "one\ntwo");
  }
  g_assert_true (gtk_text_buffer_get_has_selection (buffer));

  /* Forty lines make the box tall; taking them away makes it short. */
  for (guint i = 0; i < 40; i++)
    g_string_append (lines, "\na line of its own");
  type_text (f, lines->str);
  /* Laid out when the frame clock next ticks, which a loaded machine
   * can make late. */
  solace_test_wait_until (view_taller_than_600, view, 5000);
  tall = gtk_widget_get_height (GTK_WIDGET (view));
  g_assert_cmpint (tall, >, 600);
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  gtk_text_buffer_delete (buffer, &start, &end);
  type_text (f, "short again");
  solace_test_wait_until (view_shorter_than_300, view, 5000);
  g_assert_cmpint (gtk_widget_get_height (GTK_WIDGET (view)), <, 300);

  g_string_free (lines, TRUE);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *home = solace_test_app_init (&argc, &argv);
  int ret;

#define ADD(name, func) g_test_add (name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/ui/pages-and-shortcuts", test_pages_and_shortcuts);
  ADD ("/ui/journal/autosave", test_write_autosaves);
  ADD ("/ui/journal/autosave-while-typing", test_autosave_during_long_typing);
  ADD ("/ui/journal/close-saves-reopen-shows", test_close_saves_and_reopen_shows);
  ADD ("/ui/journal/blank-not-saved", test_blank_entry_not_saved);
  ADD ("/ui/journal/gratitude-mood-tags", test_gratitude_mood_feelings_tags);
  ADD ("/ui/journal/search", test_search_as_you_type);
  ADD ("/ui/journal/search-enormous-word", test_search_enormous_word);
  ADD ("/ui/journal/delete-undo", test_delete_and_undo);
  ADD ("/ui/journal/disk-full", test_disk_full_keeps_words);
  ADD ("/ui/journal/jump-to-date", test_jump_to_date);
  ADD ("/ui/journal/jump-far-then-text", test_jump_far_then_text);
  ADD ("/ui/journal/reopen-open-entry", test_reopen_open_entry);
  ADD ("/ui/journal/delete-during-first-save", test_delete_while_first_save_in_flight);
  ADD ("/ui/journal/undo-after-id-reused", test_undo_after_id_reused);
  ADD ("/ui/journal/long-unbroken-text", test_long_unbroken_text);
  ADD ("/ui/journal/long-text-typing-undo", test_long_text_typing_undo);
  ADD ("/ui/journal/paste", test_paste);
  ADD ("/ui/today/counter", test_today_counter);
  ADD ("/ui/start/not-a-database", test_not_a_database_at_start);
  ADD ("/ui/narrow", test_narrow_window);
  ADD ("/ui/preferences-and-about", test_preferences_style);
#undef ADD

  ret = g_test_run ();
  solace_test_rm_rf (home);

  return ret;
}
