/* solace-entry-row.c — one entry in the journal list
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "solace-entry-row"

#include "config.h"

#include <glib/gi18n.h>

#include "solace-entry-row.h"
#include "solace-format.h"
#include "solace-locale.h"

struct _SolaceEntryRow
{
  GtkWidget           parent_instance;

  GtkWidget          *box;
  GtkLabel           *heading_label;
  GtkLabel           *meta_label;
  GtkLabel           *text_label;

  SolaceJournalEntry *entry;
  gulong              notify_id;
  gboolean            text_deferred;
};

G_DEFINE_FINAL_TYPE (SolaceEntryRow, solace_entry_row, GTK_TYPE_WIDGET)

/* The preview: the first lines, with runs of blank space folded so
 * that three lines show three lines of words.  The lines of a gratitude
 * entry are separate things, and stay visibly separate. */
static char *
fold_preview (const char *body,
              gboolean    list)
{
  GString *out = g_string_new (NULL);
  const char *gap = NULL;

  for (const char *p = body; *p != '\0' && out->len < 160; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == '\n' && list)
        gap = out->len > 0 ? " · " : NULL;
      else if (g_unichar_isspace (c))
        {
          if (gap == NULL && out->len > 0)
            gap = " ";
        }
      else
        {
          if (gap != NULL)
            g_string_append (out, gap);
          gap = NULL;
          g_string_append_unichar (out, c);
        }
    }

  return g_string_free (out, FALSE);
}

static void
update (SolaceEntryRow *self)
{
  SolaceJournalEntry *entry = self->entry;
  g_autoptr(GString) meta = NULL;
  g_autoptr(GDateTime) local = NULL;
  g_autofree char *time = NULL;
  g_autofree char *preview = NULL;
  const char *snippet;
  const char *mood;

  if (entry == NULL)
    return;

  if (self->text_deferred)
    {
      /* Blank lines keep the row its height until the text comes.  The
       * row is read out from its labels, so it is never read as the
       * entry it showed before. */
      gtk_label_set_text (self->meta_label, " ");
      gtk_label_set_text (self->text_label, " \n ");
      return;
    }

  meta = g_string_new (solace_entry_kind_get_label (solace_journal_entry_get_kind (entry)));
  if (solace_journal_entry_get_created (entry) != NULL)
    {
      local = g_date_time_to_local (solace_journal_entry_get_created (entry));
      time = solace_format_time_of_day (local);
      g_string_append_printf (meta, " · %s", time);
    }
  mood = solace_mood_get_label (solace_journal_entry_get_mood (entry));
  if (mood != NULL)
    {
      /* Translators: the mood an entry was written in, e.g. "Mood: Low". */
      g_autofree char *mood_text = g_strdup_printf (_("Mood: %s"), mood);

      g_string_append_printf (meta, " · %s", mood_text);
    }
  gtk_label_set_text (self->meta_label, meta->str);

  snippet = solace_journal_entry_get_snippet (entry);
  /* Checked before use, so a bad snippet can never make GTK log it. */
  if (snippet != NULL && *snippet != '\0' &&
      pango_parse_markup (snippet, -1, 0, NULL, NULL, NULL, NULL))
    {
      gtk_label_set_markup (self->text_label, snippet);
    }
  else
    {
      preview = fold_preview (solace_journal_entry_get_body (entry),
                              solace_journal_entry_get_kind (entry) == SOLACE_ENTRY_KIND_GRATITUDE);
      if (*preview == '\0')
        {
          g_free (preview);
          preview = g_strdup (_("Nothing written yet"));
          gtk_widget_add_css_class (GTK_WIDGET (self->text_label), "dim-label");
        }
      else
        gtk_widget_remove_css_class (GTK_WIDGET (self->text_label), "dim-label");
      gtk_label_set_text (self->text_label, preview);
    }
}

static void
entry_notify_cb (SolaceEntryRow *self)
{
  update (self);
}

static void
solace_entry_row_dispose (GObject *object)
{
  SolaceEntryRow *self = (SolaceEntryRow *)object;

  if (self->entry != NULL)
    g_clear_signal_handler (&self->notify_id, self->entry);
  g_clear_object (&self->entry);
  g_clear_pointer (&self->box, gtk_widget_unparent);

  G_OBJECT_CLASS (solace_entry_row_parent_class)->dispose (object);
}

static void
solace_entry_row_class_init (SolaceEntryRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = solace_entry_row_dispose;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "entryrow");
}

static void
solace_entry_row_init (SolaceEntryRow *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);

  self->box = box;
  gtk_widget_set_parent (box, GTK_WIDGET (self));

  self->heading_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->heading_label, 0);
  gtk_widget_add_css_class (GTK_WIDGET (self->heading_label), "day-heading");
  gtk_widget_add_css_class (GTK_WIDGET (self->heading_label), "heading");
  gtk_widget_set_visible (GTK_WIDGET (self->heading_label), FALSE);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->heading_label));

  self->meta_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->meta_label, 0);
  gtk_label_set_ellipsize (self->meta_label, PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (GTK_WIDGET (self->meta_label), "caption");
  gtk_widget_add_css_class (GTK_WIDGET (self->meta_label), "dim-label");
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->meta_label));

  self->text_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->text_label, 0);
  gtk_label_set_wrap (self->text_label, TRUE);
  gtk_label_set_wrap_mode (self->text_label, PANGO_WRAP_WORD_CHAR);
  gtk_label_set_lines (self->text_label, 2);
  gtk_label_set_ellipsize (self->text_label, PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (self->text_label, 40);
  gtk_label_set_width_chars (self->text_label, 20);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->text_label));
}

GtkWidget *
solace_entry_row_new (void)
{
  return g_object_new (SOLACE_TYPE_ENTRY_ROW, NULL);
}

/**
 * solace_entry_row_set_entry:
 * @defer_text: leave out the entry's text until solace_entry_row_show_text()
 *
 * Laying out the text is most of what a row costs; while the list is
 * flung or dragged past hundreds of rows a frame, it can wait.
 */
void
solace_entry_row_set_entry (SolaceEntryRow     *self,
                            SolaceJournalEntry *entry,
                            const char         *day_heading,
                            gboolean            defer_text)
{
  g_return_if_fail (SOLACE_IS_ENTRY_ROW (self));

  self->text_deferred = defer_text && entry != NULL;

  if (self->entry != NULL)
    g_clear_signal_handler (&self->notify_id, self->entry);
  g_set_object (&self->entry, entry);
  if (entry != NULL)
    self->notify_id = g_signal_connect_swapped (entry, "notify", G_CALLBACK (entry_notify_cb), self);

  gtk_label_set_text (self->heading_label, day_heading != NULL ? day_heading : "");
  gtk_widget_set_visible (GTK_WIDGET (self->heading_label), day_heading != NULL);

  update (self);
}

void
solace_entry_row_show_text (SolaceEntryRow *self)
{
  g_return_if_fail (SOLACE_IS_ENTRY_ROW (self));

  if (!self->text_deferred)
    return;

  self->text_deferred = FALSE;
  update (self);
}

gboolean
solace_entry_row_get_text_deferred (SolaceEntryRow *self)
{
  g_return_val_if_fail (SOLACE_IS_ENTRY_ROW (self), FALSE);

  return self->text_deferred;
}

SolaceJournalEntry *
solace_entry_row_get_entry (SolaceEntryRow *self)
{
  g_return_val_if_fail (SOLACE_IS_ENTRY_ROW (self), NULL);

  return self->entry;
}

const char *
solace_entry_row_get_text (SolaceEntryRow *self)
{
  g_return_val_if_fail (SOLACE_IS_ENTRY_ROW (self), NULL);

  return gtk_label_get_text (self->text_label);
}

/* The day heading shown above the entry, or NULL. */
const char *
solace_entry_row_get_heading (SolaceEntryRow *self)
{
  g_return_val_if_fail (SOLACE_IS_ENTRY_ROW (self), NULL);

  if (!gtk_widget_get_visible (GTK_WIDGET (self->heading_label)))
    return NULL;

  return gtk_label_get_text (self->heading_label);
}

/**
 * solace_format_day_heading:
 *
 * "Today", "Yesterday", or the full date in the user's locale.
 */
char *
solace_format_day_heading (GDateTime *when,
                           GDateTime *now)
{
  g_autoptr(GDateTime) local = g_date_time_to_local (when);
  g_autoptr(GDateTime) local_now = g_date_time_to_local (now);
  g_autoptr(GDateTime) yesterday = g_date_time_add_days (local_now, -1);

  if (g_date_time_get_year (local) == g_date_time_get_year (local_now) &&
      g_date_time_get_day_of_year (local) == g_date_time_get_day_of_year (local_now))
    return g_strdup (_("Today"));

  if (g_date_time_get_year (local) == g_date_time_get_year (yesterday) &&
      g_date_time_get_day_of_year (local) == g_date_time_get_day_of_year (yesterday))
    return g_strdup (_("Yesterday"));

  return solace_format_long_date (local);
}
