/* solace-long-text.c — a GtkTextView that stays quick with any text
 *
 * A text view lays out a paragraph whole, so one very long paragraph or
 * unbroken run stalls the window for as long as Pango takes over it.
 * The views that take long text (a journal entry, an incident) keep
 * soft breaks in their buffer (see solace-soft-breaks.h): they are put
 * in when text is set, pasted or typed, and taken out of everything that
 * leaves the view — what is saved, counted and copied.
 *
 * Every U+2029 in the buffer is a soft break.  One the person pastes
 * becomes "\n" on the way in (the view's own paste does that); one that
 * arrives any other way — text dragged within the view, the view's own
 * selection pasted with the middle button — is one of its soft breaks
 * and is dropped, to be put back where it belongs.  Undo and redo put
 * back exactly what was there, soft breaks included.
 *
 * The view also holds a limit: text that would take it past the limit
 * is not inserted at all, and the caller is told so it can say why.
 * Nothing already there is touched.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "solace-long-text"

#include "config.h"

#include <string.h>

#include "solace-long-text.h"
#include "solace-soft-breaks.h"

typedef struct
{
  GtkTextBuffer             *buffer;      /* unowned: it holds this */
  GtkTextView               *view;        /* weak: NULL once it is gone */
  guint                      max_chars;
  SolaceLongTextRefusedFunc  refused;
  gpointer                   user_data;
  guint                      n_soft;      /* soft breaks in the buffer */
  GtkTextMark               *check_mark;  /* a paragraph to look at again */
  guint                      check_id;
  guint                      inserting : 1;
  guint                      in_history : 1;
} LongText;

#define LONG_TEXT_KEY "solace-long-text"

static guint
count_soft_breaks (const char *text,
                   gssize      length)
{
  gsize n = length < 0 ? strlen (text) : (gsize) length;
  const char *end = text + n;
  const char *p = text;
  guint count = 0;

  while ((p = g_strstr_len (p, end - p, SOLACE_SOFT_BREAK_UTF8)) != NULL)
    {
      count++;
      p += strlen (SOLACE_SOFT_BREAK_UTF8);
    }

  return count;
}

static LongText *
get_long_text (GtkTextView *view)
{
  return g_object_get_data (G_OBJECT (gtk_text_view_get_buffer (view)), LONG_TEXT_KEY);
}

static void
long_text_free (LongText *lt)
{
  g_clear_handle_id (&lt->check_id, g_source_remove);
  if (lt->view != NULL)
    g_object_remove_weak_pointer (G_OBJECT (lt->view), (gpointer *) &lt->view);
  g_free (lt);
}

/* The characters kept in the selection, or 0. */
static guint
selected_length (GtkTextBuffer *buffer,
                 char         **kept_out)
{
  GtkTextIter start, end;
  g_autofree char *text = NULL;
  g_autofree char *kept = NULL;
  guint length;

  if (!gtk_text_buffer_get_selection_bounds (buffer, &start, &end))
    return 0;

  text = gtk_text_buffer_get_text (buffer, &start, &end, TRUE);
  kept = solace_soft_breaks_remove (text, -1);
  length = g_utf8_strlen (kept, -1);
  if (kept_out != NULL)
    *kept_out = g_steal_pointer (&kept);

  return length;
}

static void
refuse (LongText *lt,
        guint     have,
        guint     adding)
{
  if (lt->refused != NULL && lt->view != NULL)
    lt->refused (lt->view, lt->max_chars, have, adding, lt->user_data);
}

/* Puts soft breaks into the paragraph at the check mark, if it grew long
 * enough to want them. */
static gboolean
check_paragraph_cb (gpointer user_data)
{
  LongText *lt = user_data;
  GtkTextBuffer *buffer = lt->buffer;
  GtkTextIter start, end;
  g_autofree char *text = NULL;
  g_autoptr(GArray) offsets = NULL;
  int line;

  lt->check_id = 0;

  gtk_text_buffer_get_iter_at_mark (buffer, &start, lt->check_mark);
  gtk_text_iter_set_line_offset (&start, 0);
  end = start;
  if (!gtk_text_iter_ends_line (&end))
    gtk_text_iter_forward_to_line_end (&end);

  /* A short paragraph cannot want one: most keystrokes stop here. */
  if (gtk_text_iter_get_offset (&end) - gtk_text_iter_get_offset (&start) <= SOLACE_SOFT_BREAK_RUN)
    return G_SOURCE_REMOVE;

  text = gtk_text_buffer_get_text (buffer, &start, &end, TRUE);
  offsets = solace_soft_breaks_find (text, -1);
  if (offsets->len == 0)
    return G_SOURCE_REMOVE;

  line = gtk_text_iter_get_line (&start);
  lt->inserting = TRUE;
  for (guint i = offsets->len; i > 0; i--)
    {
      GtkTextIter at;

      gtk_text_buffer_get_iter_at_line_offset (buffer, &at, line, g_array_index (offsets, guint, i - 1));
      gtk_text_buffer_insert (buffer, &at, SOLACE_SOFT_BREAK_UTF8, -1);
    }
  lt->n_soft += offsets->len;
  lt->inserting = FALSE;

  return G_SOURCE_REMOVE;
}

static void
insert_text_cb (GtkTextBuffer *buffer,
                GtkTextIter   *location,
                const char    *text,
                int            length,
                LongText      *lt)
{
  g_autofree char *kept = NULL;
  g_autofree char *moved = NULL;
  g_autofree char *shown = NULL;
  guint have, adding;

  if (lt->inserting)
    return;

  if (lt->in_history)
    {
      /* Undo and redo bring back what was there, soft breaks and all. */
      lt->n_soft += count_soft_breaks (text, length);
      return;
    }

  /* Any U+2029 here is one of this view's soft breaks (see above). */
  kept = solace_soft_breaks_remove (text, length);
  have = gtk_text_buffer_get_char_count (buffer) - lt->n_soft;
  adding = g_utf8_strlen (kept, -1);

  /* Text dragged within the view is added here before it is taken away
   * there: it needs no room. */
  if (selected_length (buffer, &moved) == adding && g_strcmp0 (moved, kept) == 0)
    adding = 0;

  if (adding > lt->max_chars || have > lt->max_chars - adding)
    {
      g_signal_stop_emission_by_name (buffer, "insert-text");
      refuse (lt, have, adding);
      return;
    }

  /* One typed character needs nothing here; the paragraph it joins is
   * looked at once the keystroke is done. */
  if (length <= 4 && g_utf8_strlen (text, length) == 1 && g_utf8_get_char (text) != SOLACE_SOFT_BREAK)
    return;

  shown = solace_soft_breaks_add (kept, -1);
  if (strlen (shown) == (gsize) length && memcmp (shown, text, length) == 0)
    return;

  g_signal_stop_emission_by_name (buffer, "insert-text");
  lt->inserting = TRUE;
  gtk_text_buffer_insert (buffer, location, shown, -1);
  lt->n_soft += count_soft_breaks (shown, -1);
  lt->inserting = FALSE;
}

static void
insert_text_after_cb (GtkTextBuffer *buffer,
                      GtkTextIter   *location,
                      const char    *text,
                      int            length,
                      LongText      *lt)
{
  if (lt->inserting || lt->in_history)
    return;

  gtk_text_buffer_move_mark (buffer, lt->check_mark, location);
  if (lt->check_id == 0)
    lt->check_id = g_idle_add_full (G_PRIORITY_HIGH_IDLE, check_paragraph_cb, lt, NULL);
}

static void
delete_range_cb (GtkTextBuffer *buffer,
                 GtkTextIter   *start,
                 GtkTextIter   *end,
                 LongText      *lt)
{
  g_autofree char *text = NULL;

  if (lt->n_soft == 0)
    return;

  text = gtk_text_buffer_get_text (buffer, start, end, TRUE);
  lt->n_soft -= MIN (lt->n_soft, count_soft_breaks (text, -1));
}

static void
history_begin_cb (GtkTextBuffer *buffer,
                  LongText      *lt)
{
  lt->in_history = TRUE;
}

static void
history_end_cb (GtkTextBuffer *buffer,
                LongText      *lt)
{
  lt->in_history = FALSE;
}

/* What leaves the view for the clipboard is the text as kept. */
static void
copy_selection (GtkTextView *view,
                gboolean     cut)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter start, end;
  g_autofree char *text = NULL;
  g_autofree char *kept = NULL;

  if (!gtk_text_buffer_get_selection_bounds (buffer, &start, &end))
    return;

  text = gtk_text_buffer_get_text (buffer, &start, &end, TRUE);
  kept = solace_soft_breaks_remove (text, -1);
  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (view)), kept);
  if (cut)
    gtk_text_buffer_delete_selection (buffer, TRUE, gtk_text_view_get_editable (view));
}

static void
paste_read_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GtkTextView) view = user_data;
  g_autofree char *text = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (source), result, NULL);
  g_autofree char *shown = NULL;
  GtkTextBuffer *buffer;
  LongText *lt;
  guint have, adding, selected;

  if (text == NULL || gtk_widget_get_root (GTK_WIDGET (view)) == NULL ||
      (lt = get_long_text (view)) == NULL)
    return;

  buffer = gtk_text_view_get_buffer (view);
  have = gtk_text_buffer_get_char_count (buffer) - lt->n_soft;
  selected = selected_length (buffer, NULL);
  adding = g_utf8_strlen (text, -1);

  /* Checked before the selection it would replace is taken away, so a
   * paste that is refused changes nothing at all. */
  if (adding > lt->max_chars || have - selected > lt->max_chars - adding)
    {
      refuse (lt, have - selected, adding);
      return;
    }

  /* A U+2029 the person pastes is the line break it stands for. */
  shown = solace_soft_breaks_add (text, -1);
  gtk_text_buffer_begin_user_action (buffer);
  gtk_text_buffer_delete_selection (buffer, TRUE, gtk_text_view_get_editable (view));
  lt->inserting = TRUE;
  if (gtk_text_buffer_insert_interactive_at_cursor (buffer, shown, -1, gtk_text_view_get_editable (view)))
    lt->n_soft += count_soft_breaks (shown, -1);
  lt->inserting = FALSE;
  gtk_text_buffer_end_user_action (buffer);
  gtk_text_view_scroll_mark_onscreen (view, gtk_text_buffer_get_insert (buffer));
}

static void
paste_clipboard_cb (GtkTextView *view)
{
  g_signal_stop_emission_by_name (view, "paste-clipboard");
  gdk_clipboard_read_text_async (gtk_widget_get_clipboard (GTK_WIDGET (view)), NULL,
                                 paste_read_cb, g_object_ref (view));
}

static void
copy_clipboard_cb (GtkTextView *view)
{
  g_signal_stop_emission_by_name (view, "copy-clipboard");
  copy_selection (view, FALSE);
}

static void
cut_clipboard_cb (GtkTextView *view)
{
  g_signal_stop_emission_by_name (view, "cut-clipboard");
  copy_selection (view, TRUE);
}

/**
 * solace_long_text_attach:
 * @max_chars: the most characters the text may hold
 * @refused: (nullable): told when text was not inserted for the limit
 *
 * Makes @view keep soft breaks and @max_chars.  Its buffer must not be
 * replaced afterwards.
 */
void
solace_long_text_attach (GtkTextView               *view,
                         guint                      max_chars,
                         SolaceLongTextRefusedFunc  refused,
                         gpointer                   user_data)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter start;
  LongText *lt;

  g_return_if_fail (GTK_IS_TEXT_VIEW (view));
  g_return_if_fail (get_long_text (view) == NULL);

  lt = g_new0 (LongText, 1);
  lt->buffer = buffer;
  lt->view = view;
  g_object_add_weak_pointer (G_OBJECT (view), (gpointer *) &lt->view);
  lt->max_chars = max_chars;
  lt->refused = refused;
  lt->user_data = user_data;
  gtk_text_buffer_get_start_iter (buffer, &start);
  lt->check_mark = gtk_text_buffer_create_mark (buffer, NULL, &start, FALSE);
  g_object_set_data_full (G_OBJECT (buffer), LONG_TEXT_KEY, lt, (GDestroyNotify) long_text_free);

  g_signal_connect (buffer, "insert-text", G_CALLBACK (insert_text_cb), lt);
  g_signal_connect_after (buffer, "insert-text", G_CALLBACK (insert_text_after_cb), lt);
  g_signal_connect (buffer, "delete-range", G_CALLBACK (delete_range_cb), lt);
  g_signal_connect (buffer, "undo", G_CALLBACK (history_begin_cb), lt);
  g_signal_connect_after (buffer, "undo", G_CALLBACK (history_end_cb), lt);
  g_signal_connect (buffer, "redo", G_CALLBACK (history_begin_cb), lt);
  g_signal_connect_after (buffer, "redo", G_CALLBACK (history_end_cb), lt);
  g_signal_connect (view, "copy-clipboard", G_CALLBACK (copy_clipboard_cb), NULL);
  g_signal_connect (view, "cut-clipboard", G_CALLBACK (cut_clipboard_cb), NULL);
  g_signal_connect (view, "paste-clipboard", G_CALLBACK (paste_clipboard_cb), NULL);
}

/**
 * solace_long_text_set_text:
 *
 * Shows @text, whatever its length (a stored text may be longer than
 * the limit that holds for what is added), with no undo history.
 */
void
solace_long_text_set_text (GtkTextView *view,
                           const char  *text)
{
  LongText *lt = get_long_text (view);
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  g_autofree char *shown = NULL;

  g_return_if_fail (lt != NULL);

  shown = solace_soft_breaks_add (text != NULL ? text : "", -1);
  g_clear_handle_id (&lt->check_id, g_source_remove);
  lt->inserting = TRUE;
  gtk_text_buffer_begin_irreversible_action (buffer);
  gtk_text_buffer_set_text (buffer, shown, -1);
  gtk_text_buffer_end_irreversible_action (buffer);
  lt->n_soft = count_soft_breaks (shown, -1);
  lt->inserting = FALSE;
}

/**
 * solace_long_text_get_text:
 *
 * Returns: (transfer full): the text as it is kept, without soft breaks.
 */
char *
solace_long_text_get_text (GtkTextView *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter start, end;
  g_autofree char *text = NULL;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, TRUE);

  return solace_soft_breaks_remove (text, -1);
}

/* The characters the text holds, soft breaks not counted. */
guint
solace_long_text_get_length (GtkTextView *view)
{
  LongText *lt = get_long_text (view);

  g_return_val_if_fail (lt != NULL, 0);

  return gtk_text_buffer_get_char_count (gtk_text_view_get_buffer (view)) - lt->n_soft;
}

/**
 * solace_long_text_box_new:
 * @box: where the heading and the framed view are appended
 * @heading: the heading above the view, which also labels it
 *
 * A text view for a field of a record, under its heading, in a frame,
 * keeping soft breaks and @max_chars as solace_long_text_attach() does.
 *
 * Returns: (transfer none): the view
 */
GtkTextView *
solace_long_text_box_new (GtkBox                    *box,
                          const char                *heading,
                          guint                      max_chars,
                          SolaceLongTextRefusedFunc  refused,
                          gpointer                   user_data)
{
  GtkWidget *label = gtk_label_new (heading);
  GtkWidget *frame = gtk_frame_new (NULL);
  GtkTextView *view = GTK_TEXT_VIEW (gtk_text_view_new ());

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "heading");
  gtk_text_view_set_wrap_mode (view, GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_accepts_tab (view, FALSE);
  gtk_text_view_set_top_margin (view, 8);
  gtk_text_view_set_bottom_margin (view, 8);
  gtk_text_view_set_left_margin (view, 8);
  gtk_text_view_set_right_margin (view, 8);
  solace_long_text_attach (view, max_chars, refused, user_data);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (view), GTK_ACCESSIBLE_RELATION_LABELLED_BY, label, NULL, -1);
  gtk_frame_set_child (GTK_FRAME (frame), GTK_WIDGET (view));
  gtk_widget_add_css_class (frame, "view");
  gtk_box_append (box, label);
  gtk_box_append (box, frame);

  return view;
}
