/* solace-journal-editor.c — writing one entry, saved as you type
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "solace-journal-editor"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "solace-format.h"
#include "solace-journal-editor.h"
#include "solace-limits.h"
#include "solace-long-text.h"
#include "solace-widgets.h"

struct _SolaceJournalEditor
{
  GtkWidget           parent_instance;

  GtkWidget          *back_button;
  GtkDropDown        *kind_dropdown;
  GtkLabel           *status_label;
  GtkWidget          *delete_button;
  GtkLabel           *date_label;
  GtkLabel           *hint_label;
  GtkWidget          *next_prompt_button;
  GtkStack           *body_stack;
  GtkScrolledWindow  *text_scroller;
  GtkTextView        *text_view;
  GtkListBox         *gratitude_list;
  GtkBox             *mood_box;
  GtkFlowBox         *emotion_box;
  GtkEntry           *tags_entry;

  GtkWidget          *gratitude_rows[SOLACE_GRATITUDE_ITEMS];
  GtkToggleButton    *mood_buttons[SOLACE_MOOD_MAX + 1];
  GPtrArray          *emotion_buttons;

  SolaceJournalStore *store;
  SolaceJournalEntry *entry;

  gint64              first_unsaved_us;
  guint               save_id;
  guint               fit_id;
  /* Every save gets a serial; the entry is safe on disk when the last
   * one queued has been confirmed. */
  guint               queued_serial;
  guint               confirmed_serial;
  guint               queued_for_entry : 1;
  guint               dirty : 1;
  guint               loading : 1;
  guint               failed : 1;
};

G_DEFINE_FINAL_TYPE (SolaceJournalEditor, solace_journal_editor, GTK_TYPE_WIDGET)

static void schedule_save (SolaceJournalEditor *self);

/* The text box grows with what is written, as a page does, while the
 * whole text lays out within a frame.  A text view is laid out for all
 * the height it is given, so past FIT_CHARS the box keeps its first
 * height and the text scrolls inside it: only what is in view is laid
 * out before the next frame, the rest a little at a time.  (A taller box
 * for long text measured worse: with GTK 4.8, a text view of thousands
 * of short paragraphs held the main loop for seconds when opened in a
 * box of 320 px or more, and for 50 ms in one of 240 px; see
 * benchmarks/long-text.sh.) */
#define FIT_CHARS        10000
#define FIT_MIN_HEIGHT   240
#define FIT_LONG_HEIGHT  FIT_MIN_HEIGHT

static gboolean
fit_text_box_cb (gpointer user_data)
{
  SolaceJournalEditor *self = user_data;
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);
  int height = FIT_LONG_HEIGHT;

  self->fit_id = 0;

  if (gtk_text_buffer_get_char_count (buffer) <= FIT_CHARS)
    {
      int width = gtk_widget_get_width (GTK_WIDGET (self->text_view));
      int natural = 0;

      /* What the text needs at its width: it shrinks as well as grows. */
      gtk_widget_measure (GTK_WIDGET (self->text_view), GTK_ORIENTATION_VERTICAL,
                          width > 0 ? width : -1, NULL, &natural, NULL, NULL);
      height = MAX (natural, FIT_MIN_HEIGHT);
    }

  if (height != gtk_scrolled_window_get_min_content_height (self->text_scroller))
    gtk_scrolled_window_set_min_content_height (self->text_scroller, height);

  return G_SOURCE_REMOVE;
}

/* Fitted once the text view has been laid out, never from inside its
 * allocation. */
static void
fit_text_box (SolaceJournalEditor *self)
{
  if (self->fit_id == 0)
    self->fit_id = g_idle_add_full (G_PRIORITY_HIGH_IDLE, fit_text_box_cb, self, NULL);
}

static void
set_status (SolaceJournalEditor *self,
            const char          *status)
{
  gtk_label_set_text (self->status_label, status);
}

static void
show_toast (SolaceJournalEditor *self,
            const char          *title)
{
  g_autofree char *escaped = NULL;
  AdwToast *toast;

  /* Toast titles are markup in libadwaita 1.2; errors may hold "<". */
  escaped = g_markup_escape_text (title, -1);
  toast = adw_toast_new (escaped);
  adw_toast_set_timeout (toast, 8);
  solace_widget_add_toast (GTK_WIDGET (self), toast);
}

/* Reading the widgets into the entry */

static char *
read_body (SolaceJournalEditor *self)
{
  if (solace_journal_entry_get_kind (self->entry) == SOLACE_ENTRY_KIND_GRATITUDE)
    {
      g_autoptr(GString) body = g_string_new (NULL);
      guint last = 0;

      /* One line each; trailing empty lines are not kept. */
      for (guint i = 0; i < SOLACE_GRATITUDE_ITEMS; i++)
        if (*gtk_editable_get_text (GTK_EDITABLE (self->gratitude_rows[i])) != '\0')
          last = i + 1;

      for (guint i = 0; i < last; i++)
        {
          const char *text = gtk_editable_get_text (GTK_EDITABLE (self->gratitude_rows[i]));

          if (i > 0)
            g_string_append_c (body, '\n');
          g_string_append (body, text);
        }

      return g_string_free (g_steal_pointer (&body), FALSE);
    }
  else
    {
      return solace_long_text_get_text (self->text_view);
    }
}

static void
collect (SolaceJournalEditor *self)
{
  g_autoptr(GPtrArray) emotions = g_ptr_array_new ();
  g_auto(GStrv) tags = NULL;
  g_autofree char *body = NULL;
  int mood = SOLACE_MOOD_NONE;

  body = read_body (self);
  solace_journal_entry_set_body (self->entry, body);

  for (int i = 1; i <= SOLACE_MOOD_MAX; i++)
    if (gtk_toggle_button_get_active (self->mood_buttons[i]))
      mood = i;
  solace_journal_entry_set_mood (self->entry, mood);

  for (guint i = 0; i < self->emotion_buttons->len; i++)
    {
      GtkToggleButton *button = g_ptr_array_index (self->emotion_buttons, i);

      if (gtk_toggle_button_get_active (button))
        g_ptr_array_add (emotions, g_object_get_data (G_OBJECT (button), "key"));
    }
  g_ptr_array_add (emotions, NULL);
  solace_journal_entry_set_emotions (self->entry, (const char * const *) emotions->pdata);

  tags = solace_journal_parse_tags (gtk_editable_get_text (GTK_EDITABLE (self->tags_entry)));
  solace_journal_entry_set_tags (self->entry, (const char * const *) tags);
}

/* Writing the entry into the widgets */

static void
show_body (SolaceJournalEditor *self)
{
  const char *body = solace_journal_entry_get_body (self->entry);

  if (solace_journal_entry_get_kind (self->entry) == SOLACE_ENTRY_KIND_GRATITUDE)
    {
      g_auto(GStrv) lines = g_strsplit (body, "\n", SOLACE_GRATITUDE_ITEMS);
      guint n = g_strv_length (lines);

      for (guint i = 0; i < SOLACE_GRATITUDE_ITEMS; i++)
        gtk_editable_set_text (GTK_EDITABLE (self->gratitude_rows[i]), i < n ? lines[i] : "");
      gtk_stack_set_visible_child_name (self->body_stack, "gratitude");
    }
  else
    {
      /* UTF-8 is at least a byte a character: a body this short in
       * bytes is short in characters too. */
      if (strlen (body) > FIT_CHARS)
        gtk_scrolled_window_set_min_content_height (self->text_scroller, FIT_LONG_HEIGHT);
      solace_long_text_set_text (self->text_view, body);
      gtk_stack_set_visible_child_name (self->body_stack, "text");
    }
}

static void
show_hint (SolaceJournalEditor *self)
{
  SolaceEntryKind kind = solace_journal_entry_get_kind (self->entry);
  const char *hint = solace_entry_kind_get_hint (kind);

  if (kind == SOLACE_ENTRY_KIND_PROMPT)
    {
      const char *question = solace_journal_get_prompt_question (solace_journal_entry_get_prompt (self->entry));

      if (question == NULL)
        {
          guint n_prompts;
          const SolacePrompt *prompts = solace_journal_get_prompts (&n_prompts);

          solace_journal_entry_set_prompt (self->entry, prompts[0].key);
          question = _(prompts[0].question);
        }
      hint = question;
    }

  gtk_label_set_text (self->hint_label, hint);
  gtk_widget_set_visible (self->next_prompt_button, kind == SOLACE_ENTRY_KIND_PROMPT);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->text_view),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, hint,
                                  -1);
}

static void
show_entry (SolaceJournalEditor *self)
{
  g_autofree char *date = NULL;
  const char * const *emotions;
  g_autofree char *tags = NULL;

  self->loading = TRUE;

  date = solace_format_date_time (solace_journal_entry_get_created (self->entry));
  gtk_label_set_text (self->date_label, date);

  gtk_drop_down_set_selected (self->kind_dropdown, solace_journal_entry_get_kind (self->entry));
  show_hint (self);
  show_body (self);

  for (int i = 1; i <= SOLACE_MOOD_MAX; i++)
    gtk_toggle_button_set_active (self->mood_buttons[i], solace_journal_entry_get_mood (self->entry) == i);

  emotions = solace_journal_entry_get_emotions (self->entry);
  for (guint i = 0; i < self->emotion_buttons->len; i++)
    {
      GtkToggleButton *button = g_ptr_array_index (self->emotion_buttons, i);
      const char *key = g_object_get_data (G_OBJECT (button), "key");

      gtk_toggle_button_set_active (button, g_strv_contains (emotions, key));
    }

  tags = g_strjoinv (", ", (char **) solace_journal_entry_get_tags (self->entry));
  gtk_editable_set_text (GTK_EDITABLE (self->tags_entry), tags);

  gtk_widget_set_sensitive (self->delete_button, TRUE);
  set_status (self, solace_journal_entry_get_id (self->entry) != 0 ? _("Saved") : NULL);

  self->loading = FALSE;
}

/* Saving */

typedef struct {
  SolaceJournalEditor *self;
  char                *uuid;
  guint                serial;
} SaveData;

static void
save_data_free (SaveData *data)
{
  g_object_unref (data->self);
  g_free (data->uuid);
  g_free (data);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SaveData, save_data_free)

static void
save_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(SaveData) data = user_data;
  SolaceJournalEditor *self = data->self;
  g_autoptr(GError) error = NULL;
  gint64 id;

  id = solace_journal_store_save_finish (SOLACE_JOURNAL_STORE (object), result, &error);

  /* An entry no longer open was saved again, synchronously, before the
   * editor let go of it (see solace_journal_editor_save_now()). */
  if (self->entry == NULL || g_strcmp0 (data->uuid, solace_journal_entry_get_uuid (self->entry)) != 0)
    return;

  if (id == 0)
    {
      /* A later save already succeeded: nothing is missing. */
      if (data->serial <= self->confirmed_serial)
        return;

      /* Keep the words on screen and try again in a few seconds, or
       * with the next change. */
      self->dirty = TRUE;
      if (!self->failed)
        {
          g_autofree char *message = g_strdup_printf (_("Your writing is still here but could not be saved: %s"),
                                                      error->message);
          show_toast (self, message);
        }
      self->failed = TRUE;
      set_status (self, _("Not saved yet"));
      schedule_save (self);
      return;
    }

  solace_journal_entry_set_id (self->entry, id);
  self->confirmed_serial = MAX (self->confirmed_serial, data->serial);
  if (self->failed)
    show_toast (self, _("Saved again. Nothing was lost."));
  self->failed = FALSE;
  if (!self->dirty && self->confirmed_serial == self->queued_serial)
    set_status (self, _("Saved"));
}

/* A new entry left empty is not written at all. */
static gboolean
nothing_to_write (SolaceJournalEditor *self)
{
  return solace_journal_entry_get_id (self->entry) == 0 &&
         !self->queued_for_entry &&
         solace_journal_entry_is_blank (self->entry);
}

static void
save (SolaceJournalEditor *self)
{
  SaveData *data;

  g_clear_handle_id (&self->save_id, g_source_remove);

  if (self->entry == NULL || self->store == NULL || !self->dirty)
    return;

  collect (self);
  self->dirty = FALSE;
  self->first_unsaved_us = 0;

  if (nothing_to_write (self))
    {
      set_status (self, NULL);
      return;
    }

  set_status (self, _("Saving…"));
  self->queued_for_entry = TRUE;
  data = g_new0 (SaveData, 1);
  data->self = g_object_ref (self);
  data->uuid = g_strdup (solace_journal_entry_get_uuid (self->entry));
  data->serial = ++self->queued_serial;
  solace_journal_store_save_async (self->store, self->entry, NULL, save_done_cb, data);
}

static gboolean
save_timeout_cb (gpointer user_data)
{
  SolaceJournalEditor *self = user_data;

  self->save_id = 0;
  save (self);

  return G_SOURCE_REMOVE;
}

static void
schedule_save (SolaceJournalEditor *self)
{
  gint64 now = g_get_monotonic_time ();
  gint64 waited_ms;
  guint delay;

  if (self->first_unsaved_us == 0)
    self->first_unsaved_us = now;

  waited_ms = (now - self->first_unsaved_us) / 1000;
  delay = self->failed ? 5000 : SOLACE_AUTOSAVE_DELAY_MS;
  if (!self->failed && waited_ms + delay > SOLACE_AUTOSAVE_MAX_MS)
    delay = waited_ms >= SOLACE_AUTOSAVE_MAX_MS ? 0 : SOLACE_AUTOSAVE_MAX_MS - waited_ms;

  g_clear_handle_id (&self->save_id, g_source_remove);
  self->save_id = g_timeout_add (delay, save_timeout_cb, self);
}

/* A paste (or a drop) that would take the entry past its limit is not
 * added at all: cutting it short would lose its end without a word. */
static void
text_refused_cb (GtkTextView *view,
                 guint        limit,
                 guint        have,
                 guint        adding,
                 gpointer     user_data)
{
  SolaceJournalEditor *self = user_data;
  g_autofree char *message = NULL;

  if (have >= limit)
    message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                            "This entry is full: an entry holds up to %'u character. "
                                            "Nothing was added, and what you wrote is unchanged. "
                                            "You could go on in a new entry.",
                                            "This entry is full: an entry holds up to %'u characters. "
                                            "Nothing was added, and what you wrote is unchanged. "
                                            "You could go on in a new entry.",
                                            limit),
                               limit);
  else
    /* Translators: the first number is how many characters an entry
     * holds, the second how many more fit; the plural follows the
     * second. */
    message = g_strdup_printf (ngettext ("That is too long to add here: an entry holds up to %'u characters, "
                                         "and there is room for %'u more. Nothing was added, and what you wrote is unchanged.",
                                         "That is too long to add here: an entry holds up to %'u characters, "
                                         "and there is room for %'u more. Nothing was added, and what you wrote is unchanged.",
                                         limit - have),
                               limit, limit - have);
  show_toast (self, message);
}

static void
changed_cb (SolaceJournalEditor *self)
{
  if (self->loading || self->entry == NULL)
    return;

  if (solace_journal_store_get_database (self->store) != NULL &&
      solace_database_is_read_only (solace_journal_store_get_database (self->store)))
    {
      set_status (self, _("Read-only: changes are not saved"));
      return;
    }

  self->dirty = TRUE;
  set_status (self, self->failed ? _("Not saved yet") : _("Editing"));
  schedule_save (self);
}

/* Like radio buttons, except that a second click takes the mood away. */
static void
mood_toggled_cb (SolaceJournalEditor *self,
                 GtkToggleButton     *button)
{
  if (self->loading)
    return;

  if (gtk_toggle_button_get_active (button))
    {
      self->loading = TRUE;
      for (int i = 1; i <= SOLACE_MOOD_MAX; i++)
        if (self->mood_buttons[i] != button)
          gtk_toggle_button_set_active (self->mood_buttons[i], FALSE);
      self->loading = FALSE;
    }

  changed_cb (self);
}

static void
kind_changed_cb (SolaceJournalEditor *self)
{
  guint selected = gtk_drop_down_get_selected (self->kind_dropdown);
  g_autofree char *body = NULL;

  if (self->loading || self->entry == NULL || selected >= SOLACE_N_ENTRY_KINDS)
    return;

  if (selected == solace_journal_entry_get_kind (self->entry))
    return;

  /* Carry the words over from one kind of editor to the other. */
  body = read_body (self);
  solace_journal_entry_set_body (self->entry, body);
  solace_journal_entry_set_kind (self->entry, selected);

  self->loading = TRUE;
  show_hint (self);
  show_body (self);
  self->loading = FALSE;

  changed_cb (self);
}

static void
next_prompt_clicked_cb (SolaceJournalEditor *self)
{
  guint n_prompts;
  const SolacePrompt *prompts = solace_journal_get_prompts (&n_prompts);
  const char *current = solace_journal_entry_get_prompt (self->entry);
  guint next = 0;

  for (guint i = 0; i < n_prompts; i++)
    if (g_strcmp0 (prompts[i].key, current) == 0)
      next = (i + 1) % n_prompts;

  solace_journal_entry_set_prompt (self->entry, prompts[next].key);
  show_hint (self);
  changed_cb (self);
}

/* GObject */

static void
solace_journal_editor_dispose (GObject *object)
{
  GtkWidget *child;
  SolaceJournalEditor *self = (SolaceJournalEditor *)object;

  g_clear_handle_id (&self->save_id, g_source_remove);
  g_clear_handle_id (&self->fit_id, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), SOLACE_TYPE_JOURNAL_EDITOR);
  /* The template's root has no id, so it is not unparented above. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (solace_journal_editor_parent_class)->dispose (object);
}

static void
solace_journal_editor_finalize (GObject *object)
{
  SolaceJournalEditor *self = (SolaceJournalEditor *)object;

  g_clear_object (&self->entry);
  g_clear_object (&self->store);
  g_clear_pointer (&self->emotion_buttons, g_ptr_array_unref);

  G_OBJECT_CLASS (solace_journal_editor_parent_class)->finalize (object);
}

static void
solace_journal_editor_class_init (SolaceJournalEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = solace_journal_editor_dispose;
  object_class->finalize = solace_journal_editor_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/solace_app/Solace/gui/solace-journal-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, SolaceJournalEditor, back_button);
  gtk_widget_class_bind_template_child (widget_class, SolaceJournalEditor, kind_dropdown);
  gtk_widget_class_bind_template_child (widget_class, SolaceJournalEditor, status_label);
  gtk_widget_class_bind_template_child (widget_class, SolaceJournalEditor, delete_button);
  gtk_widget_class_bind_template_child (widget_class, SolaceJournalEditor, date_label);
  gtk_widget_class_bind_template_child (widget_class, SolaceJournalEditor, hint_label);
  gtk_widget_class_bind_template_child (widget_class, SolaceJournalEditor, next_prompt_button);
  gtk_widget_class_bind_template_child (widget_class, SolaceJournalEditor, body_stack);
  gtk_widget_class_bind_template_child (widget_class, SolaceJournalEditor, text_scroller);
  gtk_widget_class_bind_template_child (widget_class, SolaceJournalEditor, text_view);
  gtk_widget_class_bind_template_child (widget_class, SolaceJournalEditor, gratitude_list);
  gtk_widget_class_bind_template_child (widget_class, SolaceJournalEditor, mood_box);
  gtk_widget_class_bind_template_child (widget_class, SolaceJournalEditor, emotion_box);
  gtk_widget_class_bind_template_child (widget_class, SolaceJournalEditor, tags_entry);
  gtk_widget_class_bind_template_callback (widget_class, next_prompt_clicked_cb);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "journaleditor");
}

static void
solace_journal_editor_init (SolaceJournalEditor *self)
{
  static const char * const mood_icons[] = {
    NULL,
    "face-crying-symbolic",
    "face-sad-symbolic",
    "face-plain-symbolic",
    "face-smile-symbolic",
    "face-smile-big-symbolic",
  };
  static const char * const gratitude_titles[SOLACE_GRATITUDE_ITEMS] = {
    N_("One good thing"),
    N_("Another"),
    N_("And one more"),
  };
  g_autoptr(GtkStringList) kinds = gtk_string_list_new (NULL);
  const char * const *emotion_keys = solace_journal_get_emotion_keys ();

  gtk_widget_init_template (GTK_WIDGET (self));

  for (guint i = 0; i < SOLACE_N_ENTRY_KINDS; i++)
    gtk_string_list_append (kinds, solace_entry_kind_get_label (i));
  gtk_drop_down_set_model (self->kind_dropdown, G_LIST_MODEL (kinds));
  g_signal_connect_swapped (self->kind_dropdown, "notify::selected", G_CALLBACK (kind_changed_cb), self);

  for (guint i = 0; i < SOLACE_GRATITUDE_ITEMS; i++)
    {
      GtkWidget *row = adw_entry_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _(gratitude_titles[i]));
      g_signal_connect_swapped (row, "changed", G_CALLBACK (changed_cb), self);
      gtk_list_box_append (self->gratitude_list, row);
      self->gratitude_rows[i] = row;
    }

  for (int i = 1; i <= SOLACE_MOOD_MAX; i++)
    {
      GtkWidget *button = gtk_toggle_button_new ();
      g_autofree char *label = g_strdup_printf (_("Mood: %s"), solace_mood_get_label (i));

      gtk_button_set_icon_name (GTK_BUTTON (button), mood_icons[i]);
      gtk_widget_set_tooltip_text (button, solace_mood_get_label (i));
      gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                      -1);
      g_signal_connect_swapped (button, "toggled", G_CALLBACK (mood_toggled_cb), self);
      gtk_box_append (self->mood_box, button);
      self->mood_buttons[i] = GTK_TOGGLE_BUTTON (button);
    }

  self->emotion_buttons = g_ptr_array_new ();
  for (guint i = 0; emotion_keys[i] != NULL; i++)
    {
      GtkWidget *button = gtk_toggle_button_new_with_label (solace_journal_get_emotion_label (emotion_keys[i]));

      gtk_widget_add_css_class (button, "emotion-chip");
      g_object_set_data (G_OBJECT (button), "key", (gpointer) emotion_keys[i]);
      g_signal_connect_swapped (button, "toggled", G_CALLBACK (changed_cb), self);
      gtk_flow_box_append (self->emotion_box, button);
      /* One tab stop per chip, not two. */
      gtk_widget_set_focusable (gtk_widget_get_parent (button), FALSE);
      g_ptr_array_add (self->emotion_buttons, button);
    }

  solace_long_text_attach (self->text_view, SOLACE_MAX_ENTRY_CHARS, text_refused_cb, self);
  g_signal_connect_swapped (gtk_scrolled_window_get_vadjustment (self->text_scroller), "notify::upper",
                            G_CALLBACK (fit_text_box), self);
  g_signal_connect_swapped (gtk_text_view_get_buffer (self->text_view), "changed",
                            G_CALLBACK (fit_text_box), self);
  g_signal_connect_swapped (gtk_text_view_get_buffer (self->text_view), "changed",
                            G_CALLBACK (changed_cb), self);
  g_signal_connect_swapped (self->tags_entry, "changed", G_CALLBACK (changed_cb), self);
}

void
solace_journal_editor_set_store (SolaceJournalEditor *self,
                                 SolaceJournalStore  *store)
{
  g_return_if_fail (SOLACE_IS_JOURNAL_EDITOR (self));

  g_set_object (&self->store, store);
}

/**
 * solace_journal_editor_edit:
 * @entry: a full entry (not a list preview); the editor keeps it
 *
 * Saves whatever was being written, then shows @entry.  If that save
 * fails, the editor stays on what was being written and says why.
 */
gboolean
solace_journal_editor_edit (SolaceJournalEditor  *self,
                            SolaceJournalEntry   *entry,
                            GError              **error)
{
  g_return_val_if_fail (SOLACE_IS_JOURNAL_EDITOR (self), FALSE);
  g_return_val_if_fail (SOLACE_IS_JOURNAL_ENTRY (entry), FALSE);

  if (!solace_journal_editor_save_now (self, error))
    return FALSE;

  g_set_object (&self->entry, entry);
  self->dirty = FALSE;
  self->failed = FALSE;
  self->first_unsaved_us = 0;
  self->confirmed_serial = self->queued_serial;
  self->queued_for_entry = solace_journal_entry_get_id (entry) != 0;
  show_entry (self);

  return TRUE;
}

void
solace_journal_editor_clear (SolaceJournalEditor *self)
{
  g_return_if_fail (SOLACE_IS_JOURNAL_EDITOR (self));

  g_clear_handle_id (&self->save_id, g_source_remove);
  self->dirty = FALSE;
  self->failed = FALSE;
  g_clear_object (&self->entry);
}

SolaceJournalEntry *
solace_journal_editor_get_entry (SolaceJournalEditor *self)
{
  g_return_val_if_fail (SOLACE_IS_JOURNAL_EDITOR (self), NULL);

  return self->entry;
}

gboolean
solace_journal_editor_get_dirty (SolaceJournalEditor *self)
{
  g_return_val_if_fail (SOLACE_IS_JOURNAL_EDITOR (self), FALSE);

  return self->dirty;
}

/**
 * solace_journal_editor_save_now:
 *
 * Makes sure what is on screen is on disk before returning: for closing
 * the window, opening another entry and deleting this one.  Saves that
 * were queued are waited for; unless each was confirmed, the entry is
 * written once more, here, so a queued save that failed loses nothing.
 */
gboolean
solace_journal_editor_save_now (SolaceJournalEditor  *self,
                                GError              **error)
{
  guint serial;

  g_return_val_if_fail (SOLACE_IS_JOURNAL_EDITOR (self), FALSE);

  g_clear_handle_id (&self->save_id, g_source_remove);

  if (self->store == NULL)
    return TRUE;

  solace_journal_store_flush (self->store);

  if (self->entry == NULL ||
      (!self->dirty && !self->failed && self->confirmed_serial == self->queued_serial))
    return TRUE;

  collect (self);
  if (nothing_to_write (self))
    {
      self->dirty = FALSE;
      return TRUE;
    }

  serial = ++self->queued_serial;
  if (solace_journal_store_save (self->store, self->entry, error) == 0)
    {
      self->dirty = TRUE;
      self->failed = TRUE;
      set_status (self, _("Not saved yet"));
      /* Keep trying, as autosave does after a failure. */
      schedule_save (self);
      return FALSE;
    }

  self->confirmed_serial = serial;
  self->queued_for_entry = TRUE;
  self->dirty = FALSE;
  self->failed = FALSE;
  set_status (self, _("Saved"));

  return TRUE;
}

void
solace_journal_editor_set_show_back (SolaceJournalEditor *self,
                                     gboolean             show_back)
{
  g_return_if_fail (SOLACE_IS_JOURNAL_EDITOR (self));

  gtk_widget_set_visible (self->back_button, show_back);
}

void
solace_journal_editor_focus_text (SolaceJournalEditor *self)
{
  g_return_if_fail (SOLACE_IS_JOURNAL_EDITOR (self));

  if (self->entry != NULL &&
      solace_journal_entry_get_kind (self->entry) == SOLACE_ENTRY_KIND_GRATITUDE)
    gtk_widget_grab_focus (self->gratitude_rows[0]);
  else
    gtk_widget_grab_focus (GTK_WIDGET (self->text_view));
}

GtkTextView *
solace_journal_editor_get_text_view (SolaceJournalEditor *self)
{
  return self->text_view;
}

GtkEditable *
solace_journal_editor_get_gratitude_row (SolaceJournalEditor *self,
                                         guint                index)
{
  g_return_val_if_fail (index < SOLACE_GRATITUDE_ITEMS, NULL);

  return GTK_EDITABLE (self->gratitude_rows[index]);
}

GtkToggleButton *
solace_journal_editor_get_mood_button (SolaceJournalEditor *self,
                                       int                  mood)
{
  g_return_val_if_fail (mood >= 1 && mood <= SOLACE_MOOD_MAX, NULL);

  return self->mood_buttons[mood];
}

GtkToggleButton *
solace_journal_editor_get_emotion_button (SolaceJournalEditor *self,
                                          const char          *key)
{
  for (guint i = 0; i < self->emotion_buttons->len; i++)
    {
      GtkToggleButton *button = g_ptr_array_index (self->emotion_buttons, i);

      if (g_strcmp0 (g_object_get_data (G_OBJECT (button), "key"), key) == 0)
        return button;
    }

  return NULL;
}

GtkEditable *
solace_journal_editor_get_tags_entry (SolaceJournalEditor *self)
{
  return GTK_EDITABLE (self->tags_entry);
}

GtkDropDown *
solace_journal_editor_get_kind_dropdown (SolaceJournalEditor *self)
{
  return self->kind_dropdown;
}

const char *
solace_journal_editor_get_status (SolaceJournalEditor *self)
{
  return gtk_label_get_text (self->status_label);
}
