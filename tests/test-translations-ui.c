/* test-translations-ui.c — the window in another language, with no
 * English left over
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Run once per language (meson gives LANGUAGE and SOLACE_LOCALEDIR, the
 * build tree's compiled catalogues).  Every page and the dialogs a
 * person opens first are shown, and every text they display (labels,
 * buttons, row titles and subtitles, group and page titles, tooltips,
 * window titles) is looked up in the language's .po: a text that is an
 * English message whose translation differs (or is missing) is English
 * left over — a string shown without _(), a message never translated,
 * or a catalogue never loaded.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <string.h>

#include "solace-preferences-window.h"
#include "solace-test-app.h"
#include "solace-test-utils.h"
#include "solace-window.h"

typedef struct
{
  SolaceApplication *app;
  GtkWindow         *window;
} Fixture;

/* The language's .po, read as the translator left it: English message
 * (context included, as "context\004message") → its translation, "" if
 * none.  A text on screen that is a key here with another translation
 * is English left over: shown without _(), or never translated. */
static GHashTable *po_table;

/* The C string in a .po line's quotes, escapes undone. */
static void
append_quoted (GString    *out,
               const char *line)
{
  const char *p = strchr (line, '"');

  if (p == NULL)
    return;
  for (p++; *p != '\0' && *p != '"'; p++)
    {
      if (*p != '\\' || p[1] == '\0')
        {
          g_string_append_c (out, *p);
          continue;
        }
      p++;
      switch (*p)
        {
        case 'n': g_string_append_c (out, '\n'); break;
        case 't': g_string_append_c (out, '\t'); break;
        default: g_string_append_c (out, *p); break;
        }
    }
}

static GHashTable *
read_po (const char *path)
{
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GError) error = NULL;
  GHashTable *table = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GString) ctxt = g_string_new (NULL);
  g_autoptr(GString) id = g_string_new (NULL);
  g_autoptr(GString) str = g_string_new (NULL);
  GString *current = NULL;
  gboolean have_entry = FALSE;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  lines = g_strsplit (contents, "\n", -1);

  for (guint i = 0; ; i++)
    {
      const char *line = lines[i];

      /* An entry ends at a blank line, a comment or the end. */
      if (line == NULL || line[0] == '\0' || line[0] == '#')
        {
          if (have_entry && id->len > 0)
            g_hash_table_replace (table,
                                  ctxt->len > 0 ? g_strdup_printf ("%s\004%s", ctxt->str, id->str)
                                                : g_strdup (id->str),
                                  g_strdup (str->str));
          if (line == NULL)
            break;
          g_string_truncate (ctxt, 0);
          g_string_truncate (id, 0);
          g_string_truncate (str, 0);
          have_entry = FALSE;
          current = NULL;
          continue;
        }

      if (g_str_has_prefix (line, "msgctxt "))
        current = ctxt;
      else if (g_str_has_prefix (line, "msgid "))
        {
          current = id;
          have_entry = TRUE;
        }
      else if (g_str_has_prefix (line, "msgid_plural "))
        current = NULL;
      else if (g_str_has_prefix (line, "msgstr ") || g_str_has_prefix (line, "msgstr[0] "))
        current = str;
      else if (g_str_has_prefix (line, "msgstr["))
        current = NULL;
      else if (line[0] != '"')
        current = NULL;

      if (current != NULL)
        append_quoted (current, line);
    }

  return table;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  solace_test_app_reset ();
  f->app = solace_test_app_start (FALSE, &f->window);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  if (f->app != NULL)
    solace_test_app_stop (&f->app, &f->window);
}

/* A text worth checking: it has letters (not "·", "3" or "—"). */
static gboolean
has_words (const char *text)
{
  for (const char *p = text; p != NULL && *p != '\0'; p = g_utf8_next_char (p))
    if (g_unichar_isalpha (g_utf8_get_char (p)))
      return TRUE;

  return FALSE;
}

static void
check_text (GPtrArray  *english,
            guint      *n_checked,
            const char *text)
{
  const char *translation;

  if (text == NULL || !has_words (text))
    return;

  (*n_checked)++;
  /* An English message whose translation says something else (or
   * nothing: not translated).  A translation may rightly be the same
   * word: "Solace", "Okay". */
  translation = g_hash_table_lookup (po_table, text);
  if (translation != NULL && g_strcmp0 (translation, text) != 0 &&
      !g_ptr_array_find_with_equal_func (english, text, g_str_equal, NULL))
    g_ptr_array_add (english, g_strdup (text));
}

static void
collect (GtkWidget *widget,
         GPtrArray *english,
         guint     *n_checked)
{
  if (!gtk_widget_get_visible (widget))
    return;

  check_text (english, n_checked, gtk_widget_get_tooltip_text (widget));

  if (GTK_IS_LABEL (widget))
    check_text (english, n_checked, gtk_label_get_label (GTK_LABEL (widget)));
  else if (GTK_IS_BUTTON (widget))
    check_text (english, n_checked, gtk_button_get_label (GTK_BUTTON (widget)));
  else if (GTK_IS_WINDOW (widget))
    check_text (english, n_checked, gtk_window_get_title (GTK_WINDOW (widget)));

  if (ADW_IS_PREFERENCES_ROW (widget))
    check_text (english, n_checked, adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)));
  if (ADW_IS_ACTION_ROW (widget))
    check_text (english, n_checked, adw_action_row_get_subtitle (ADW_ACTION_ROW (widget)));
  if (ADW_IS_EXPANDER_ROW (widget))
    check_text (english, n_checked, adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (widget)));
  if (ADW_IS_PREFERENCES_GROUP (widget))
    {
      check_text (english, n_checked, adw_preferences_group_get_title (ADW_PREFERENCES_GROUP (widget)));
      check_text (english, n_checked, adw_preferences_group_get_description (ADW_PREFERENCES_GROUP (widget)));
    }
  if (ADW_IS_PREFERENCES_PAGE (widget))
    check_text (english, n_checked, adw_preferences_page_get_title (ADW_PREFERENCES_PAGE (widget)));
  if (ADW_IS_STATUS_PAGE (widget))
    {
      check_text (english, n_checked, adw_status_page_get_title (ADW_STATUS_PAGE (widget)));
      check_text (english, n_checked, adw_status_page_get_description (ADW_STATUS_PAGE (widget)));
    }
  if (ADW_IS_WINDOW_TITLE (widget))
    {
      check_text (english, n_checked, adw_window_title_get_title (ADW_WINDOW_TITLE (widget)));
      check_text (english, n_checked, adw_window_title_get_subtitle (ADW_WINDOW_TITLE (widget)));
    }
  if (ADW_IS_VIEW_STACK (widget))
    {
      GtkSelectionModel *pages = adw_view_stack_get_pages (ADW_VIEW_STACK (widget));

      for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (pages)); i++)
        {
          g_autoptr(AdwViewStackPage) page = g_list_model_get_item (G_LIST_MODEL (pages), i);

          check_text (english, n_checked, adw_view_stack_page_get_title (page));
        }
      g_object_unref (pages);
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect (child, english, n_checked);
}

static AdwViewStack *
find_stack (GtkWidget *widget)
{
  if (ADW_IS_VIEW_STACK (widget))
    return ADW_VIEW_STACK (widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      AdwViewStack *found = find_stack (child);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static void
assert_no_english (GtkWidget  *root,
                   const char *where)
{
  g_autoptr(GPtrArray) english = g_ptr_array_new_with_free_func (g_free);
  guint n_checked = 0;

  collect (root, english, &n_checked);
  g_test_message ("%s: %u texts checked", where, n_checked);
  for (guint i = 0; i < english->len; i++)
    g_test_message ("%s: still in English: “%s”", where, (char *) english->pdata[i]);

  g_assert_cmpuint (n_checked, >, 5);
  g_assert_cmpuint (english->len, ==, 0);
}

/* The catalogue is there and used: the first tab's name is not English. */
static void
test_catalogue_loaded (Fixture       *f,
                       gconstpointer  data)
{
  const char *today = g_dgettext (GETTEXT_PACKAGE, "Today");

  g_assert_cmpstr (today, !=, "Today");
  g_assert_true (g_utf8_validate (today, -1, NULL));
  g_assert_cmpstr (solace_window_get_visible_page (SOLACE_WINDOW (f->window)), ==, "today");
}

static void
test_pages (Fixture       *f,
            gconstpointer  data)
{
  const char * const pages[] = { "today", "journal", "boundaries", "support" };

  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      GtkWidget *page;
      int min_width = 0;

      solace_window_show_page (SOLACE_WINDOW (f->window), pages[i]);
      solace_test_spin (200);
      assert_no_english (GTK_WIDGET (f->window), pages[i]);

      /* Longer words must still fit the narrowest window (360 px). */
      page = gtk_widget_get_first_child (GTK_WIDGET (adw_view_stack_get_visible_child (find_stack (GTK_WIDGET (f->window)))));
      g_assert_nonnull (page);
      gtk_widget_measure (page, GTK_ORIENTATION_HORIZONTAL, -1, &min_width, NULL, NULL, NULL);
      g_test_message ("%s: at least %d px wide", pages[i], min_width);
      g_assert_cmpint (min_width, <=, 360);
    }
}

static void
test_dialogs (Fixture       *f,
              gconstpointer  data)
{
  GtkWindow *dialog;

  /* Preferences, every page of it. */
  g_assert_true (g_action_group_has_action (G_ACTION_GROUP (f->app), "preferences"));
  g_action_group_activate_action (G_ACTION_GROUP (f->app), "preferences", NULL);
  solace_test_spin (300);
  dialog = solace_test_find_window (SOLACE_TYPE_PREFERENCES_WINDOW, TRUE);
  g_assert_nonnull (dialog);
  assert_no_english (GTK_WIDGET (dialog), "preferences");
  gtk_window_destroy (dialog);

  /* The steps for the moment of wanting to reach out. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.reach-out", NULL));
  solace_test_spin (300);
  {
    GListModel *toplevels = gtk_window_get_toplevels ();
    guint checked = 0;

    for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
      {
        g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

        if (window == f->window || !gtk_widget_get_visible (GTK_WIDGET (window)))
          continue;
        assert_no_english (GTK_WIDGET (window), G_OBJECT_TYPE_NAME (window));
        checked++;
      }
    g_assert_cmpuint (checked, >, 0);
  }

  /* The keyboard shortcuts. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.shortcuts", NULL));
  solace_test_spin (200);
  dialog = solace_test_find_window (GTK_TYPE_SHORTCUTS_WINDOW, TRUE);
  g_assert_nonnull (dialog);
  assert_no_english (GTK_WIDGET (dialog), "shortcuts");
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *home = NULL;
  const char *localedir = g_getenv ("SOLACE_LOCALEDIR");
  int ret;

  /* As main () does, with the build tree's catalogues. */
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  home = solace_test_app_init (&argc, &argv);
  {
    g_autofree char *po = g_build_filename (g_getenv ("G_TEST_SRCDIR"), "..", "po", NULL);
    g_autofree char *file = g_strdup_printf ("%s/%s.po", po, g_getenv ("LANGUAGE"));

    po_table = read_po (file);
    g_assert_cmpuint (g_hash_table_size (po_table), >, 100);
  }

#define ADD(name, func) g_test_add (name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/translations-ui/catalogue-loaded", test_catalogue_loaded);
  ADD ("/translations-ui/pages", test_pages);
  ADD ("/translations-ui/dialogs", test_dialogs);
#undef ADD

  ret = g_test_run ();
  solace_test_rm_rf (home);
  g_hash_table_unref (po_table);

  return ret;
}
