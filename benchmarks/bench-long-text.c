/* bench-long-text.c — the journal editor with the worst text it accepts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Usage: bench-long-text [CHARS]
 *
 * Opens the real journal editor in a window, and for each kind of hostile
 * text of CHARS characters (default SOLACE_MAX_ENTRY_CHARS) measures the
 * longest the main loop was held, while the entry opens and is laid out,
 * while it scrolls to the end, and while 40 characters are typed at its
 * end.  A high-priority 1 ms timer records every gap between its runs, so
 * any stall shows, whatever caused it.  --raw N does the same for a plain
 * GtkTextView without soft breaks, as the editor was before, for N
 * characters (keep N small: the unbroken run grows worse than linearly).
 */
#include "config.h"

#include <locale.h>

#include "solace-journal-editor.h"
#include "solace-limits.h"
#include "solace-long-text.h"

static SolaceJournalStore *store;
static char *tmp_dir;
static gint64 last_tick;
static gint64 longest_gap;

static gboolean
tick_cb (gpointer data)
{
  gint64 now = g_get_monotonic_time ();

  if (last_tick != 0 && now - last_tick > longest_gap)
    longest_gap = now - last_tick;
  last_tick = now;

  return G_SOURCE_CONTINUE;
}

static void
spin (guint ms)
{
  gint64 until = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, FALSE);
}

static void
start_measuring (void)
{
  last_tick = g_get_monotonic_time ();
  longest_gap = 0;
}

static double
stop_measuring (void)
{
  tick_cb (NULL);
  return longest_gap / 1000.0;
}

static char *
make_text (const char *kind,
           guint       chars)
{
  GString *out = g_string_new (NULL);
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  guint n = 0;

  while (n < chars)
    {
      if (g_str_equal (kind, "unbroken run"))
        g_string_append_c (out, 'x');
      else if (g_str_equal (kind, "words, one paragraph"))
        g_string_append_c (out, n % 6 == 5 ? ' ' : "aeioust"[n % 7]);
      else if (g_str_equal (kind, "combining marks"))
        g_string_append_unichar (out, n % 3000 == 0 ? 'a' : 0x0301 + n % 16);
      else if (g_str_equal (kind, "random code points"))
        {
          gunichar c;

          do
            c = g_rand_int_range (rand, 0x20, 0x110000);
          while ((c >= 0xD800 && c <= 0xDFFF) || c == 0x2029);
          g_string_append_unichar (out, c);
        }
      else if (g_str_equal (kind, "bidi overrides"))
        g_string_append_unichar (out, n % 5 == 0 ? 0x202E : "evil"[n % 5 - 1]);
      else if (g_str_equal (kind, "CJK, no spaces"))
        g_string_append_unichar (out, 0x4E00 + n % 2000);
      else
        g_assert_not_reached ();
      n++;
    }

  return g_string_free (out, FALSE);
}

static void
measure (GtkWidget  *window,
         const char *kind,
         guint       chars,
         gboolean    raw)
{
  g_autofree char *text = make_text (kind, chars);
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkTextView *view;
  GtkWidget *editor = NULL;
  GtkTextIter end;
  double open_ms, scroll_ms, type_ms, resize_ms;
  gint64 started;

  if (raw)
    {
      view = GTK_TEXT_VIEW (gtk_text_view_new ());
      gtk_text_view_set_wrap_mode (view, GTK_WRAP_WORD_CHAR);
      gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), GTK_WIDGET (view));
      gtk_window_set_child (GTK_WINDOW (window), scroller);
    }
  else
    {
      g_autoptr(SolaceJournalEntry) entry = solace_journal_entry_new (SOLACE_ENTRY_KIND_REFLECTION);
      g_autoptr(GError) error = NULL;

      g_object_unref (g_object_ref_sink (scroller));
      editor = g_object_new (SOLACE_TYPE_JOURNAL_EDITOR, NULL);
      /* A real store, so that typing saves as it does in the app (in the
       * writer thread). */
      solace_journal_editor_set_store (SOLACE_JOURNAL_EDITOR (editor), store);
      gtk_window_set_child (GTK_WINDOW (window), editor);
      spin (300);
      solace_journal_entry_set_body (entry, text);
      view = solace_journal_editor_get_text_view (SOLACE_JOURNAL_EDITOR (editor));
      started = g_get_monotonic_time ();
      start_measuring ();
      if (!solace_journal_editor_edit (SOLACE_JOURNAL_EDITOR (editor), entry, &error))
        g_error ("could not open the entry: %s", error->message);
    }
  if (raw)
    {
      spin (300);
      started = g_get_monotonic_time ();
      start_measuring ();
      gtk_text_buffer_set_text (gtk_text_view_get_buffer (view), text, -1);
    }
  spin (4000);
  open_ms = stop_measuring ();
  (void) started;

  /* To the end, as Ctrl+End would. */
  start_measuring ();
  gtk_text_buffer_get_end_iter (gtk_text_view_get_buffer (view), &end);
  gtk_text_buffer_place_cursor (gtk_text_view_get_buffer (view), &end);
  gtk_text_view_scroll_to_iter (view, &end, 0, FALSE, 0, 0);
  spin (1500);
  scroll_ms = stop_measuring ();

  /* Typing at the end: forty keystrokes, one a frame. */
  gtk_widget_grab_focus (GTK_WIDGET (view));
  start_measuring ();
  for (guint i = 0; i < 40; i++)
    {
      gtk_text_buffer_insert_at_cursor (gtk_text_view_get_buffer (view), "k", 1);
      spin (17);
    }
  spin (500);
  type_ms = stop_measuring ();

  /* The window made narrower and shorter, as a person resizing it. */
  start_measuring ();
  gtk_window_set_default_size (GTK_WINDOW (window), 700, 500);
  spin (1500);
  gtk_window_set_default_size (GTK_WINDOW (window), 800, 600);
  spin (1500);
  resize_ms = stop_measuring ();

  g_print ("%-22s %-7s %9u chars   open %7.1f ms   scroll to end %7.1f ms   typing %7.1f ms   resize %7.1f ms\n",
           kind, raw ? "before" : "now", chars, open_ms, scroll_ms, type_ms, resize_ms);

  gtk_window_set_child (GTK_WINDOW (window), NULL);
  spin (200);
}

int
main (int    argc,
      char **argv)
{
  const char * const kinds[] = {
    "unbroken run", "words, one paragraph", "combining marks", "random code points",
    "bidi overrides", "CJK, no spaces",
  };
  guint chars = SOLACE_MAX_ENTRY_CHARS;
  guint raw_chars = 0;
  GtkWidget *window;

  setlocale (LC_ALL, "");
  for (int i = 1; i < argc; i++)
    {
      if (g_str_equal (argv[i], "--raw") && i + 1 < argc)
        raw_chars = atoi (argv[++i]);
      else
        chars = atoi (argv[i]);
    }

  gtk_init ();
  adw_init ();
  {
    g_autoptr(GError) error = NULL;
    g_autofree char *dir = g_dir_make_tmp ("solace-bench-long-text-XXXXXX", &error);
    g_autofree char *path = NULL;
    g_autoptr(SolaceDatabase) db = NULL;

    if (dir == NULL)
      g_error ("%s", error->message);
    path = g_build_filename (dir, "solace.db", NULL);
    db = solace_database_open (path, SOLACE_DATABASE_FLAGS_NONE, &error);
    if (db == NULL || (store = solace_journal_store_new (db, &error)) == NULL)
      g_error ("%s", error->message);
    tmp_dir = g_steal_pointer (&dir);
  }
  window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 800, g_getenv ("BENCH_H") ? atoi (g_getenv ("BENCH_H")) : 600);
  gtk_window_present (GTK_WINDOW (window));
  spin (500);
  g_timeout_add_full (G_PRIORITY_HIGH, 1, tick_cb, NULL, NULL);

  g_print ("The longest the main loop was held (a frame is 16.7 ms):\n");
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      /* SOLACE_BENCH_KIND measures one kind only, e.g. under perf. */
      if (g_getenv ("SOLACE_BENCH_KIND") != NULL && !g_str_equal (g_getenv ("SOLACE_BENCH_KIND"), kinds[i]))
        continue;
      measure (window, kinds[i], chars, FALSE);
      if (raw_chars > 0)
        measure (window, kinds[i], raw_chars, TRUE);
    }

  gtk_window_destroy (GTK_WINDOW (window));
  g_clear_object (&store);
  spin (500);
  {
    g_autofree char *cmd = g_strdup_printf ("rm -rf '%s'", tmp_dir);
    if (system (cmd) != 0)
      g_printerr ("could not remove %s\n", tmp_dir);
  }
  g_free (tmp_dir);
  return 0;
}
