/* solace-journal-page.c — the list of entries beside the editor
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "solace-journal-page"

#include "config.h"

#include <glib/gi18n.h>

#include "solace-entry-row.h"
#include "solace-format.h"
#include "solace-journal-page.h"
#include "solace-widgets.h"

struct _SolaceJournalPage
{
  GtkWidget            parent_instance;

  AdwLeaflet          *leaflet;
  GtkSearchEntry      *search_entry;
  GtkMenuButton       *filter_button;
  GtkDropDown         *kind_filter;
  GtkDropDown         *mood_filter;
  GtkDropDown         *tag_filter;
  GtkMenuButton       *from_button;
  GtkMenuButton       *to_button;
  GtkCalendar         *from_calendar;
  GtkCalendar         *to_calendar;
  GtkPopover          *filter_popover;
  GtkMenuButton       *jump_button;
  GtkPopover          *jump_popover;
  GtkCalendar         *jump_calendar;
  GtkLabel            *count_label;
  GtkStack            *list_stack;
  GtkScrolledWindow   *list_scroller;
  GtkListView         *list_view;
  GtkStack            *editor_stack;
  SolaceJournalEditor *editor;

  SolaceJournalStore  *store;
  GtkSingleSelection  *selection;
  GPtrArray           *tag_keys;     /* what each tag_filter row stands for */
  SolaceJournalEntry  *last_deleted;
  GDate               *from;
  GDate               *to;
  double               last_scroll_value;
  guint                settle_id;     /* ends fast scrolling */
  guint                fill_id;       /* lays out rows' text after it */
  gboolean             updating_filters;
};

G_DEFINE_FINAL_TYPE (SolaceJournalPage, solace_journal_page, GTK_TYPE_WIDGET)

static void
show_toast (SolaceJournalPage *self,
            AdwToast          *toast)
{
  solace_widget_add_toast (GTK_WIDGET (self), toast);
}

/* Toast titles are markup in libadwaita 1.2: a message that carries a
 * path or an error is escaped first. */
static void
show_error_toast (SolaceJournalPage *self,
                  const char        *message)
{
  g_autofree char *escaped = g_markup_escape_text (message, -1);
  AdwToast *toast = adw_toast_new (escaped);

  adw_toast_set_timeout (toast, 8);
  show_toast (self, toast);
}

static GDate *
date_from_calendar (GtkCalendar *calendar)
{
  g_autoptr(GDateTime) dt = gtk_calendar_get_date (calendar);

  return g_date_new_dmy (g_date_time_get_day_of_month (dt),
                         g_date_time_get_month (dt),
                         g_date_time_get_year (dt));
}

static void
set_date_button_label (GtkMenuButton *button,
                       const GDate   *date)
{
  g_autoptr(GDateTime) when = NULL;
  g_autofree char *text = NULL;

  if (date == NULL)
    text = g_strdup (_("Any day"));
  else
    {
      when = solace_date_to_date_time (date);
      text = solace_format_short_date (when);
    }
  gtk_menu_button_set_label (button, text);
}

/* The list */

static void
update_list_state (SolaceJournalPage *self)
{
  guint n = self->store ? g_list_model_get_n_items (G_LIST_MODEL (self->store)) : 0;
  gboolean filtered = self->store && !solace_journal_filter_is_empty (solace_journal_store_get_filter (self->store));
  g_autofree char *count = NULL;
  g_autofree char *match = NULL;

  if (self->store != NULL && solace_journal_store_get_loading (self->store) && n == 0)
    return;

  if (n > 0)
    gtk_stack_set_visible_child_name (self->list_stack, "list");
  else
    gtk_stack_set_visible_child_name (self->list_stack, filtered ? "no-results" : "empty");

  if (filtered)
    count = g_strdup_printf (ngettext ("%u match", "%u matches", n), n);
  else if (n > 0)
    count = g_strdup_printf (ngettext ("%u entry", "%u entries", n), n);
  gtk_label_set_text (self->count_label, count);

  /* Search results are in the order they were written, which a date
   * search over the list cannot rely on. */
  match = self->store ? solace_journal_build_match (solace_journal_store_get_filter (self->store)->text) : NULL;
  gtk_widget_set_sensitive (GTK_WIDGET (self->jump_button), match == NULL);

  if (filtered)
    gtk_widget_add_css_class (GTK_WIDGET (self->filter_button), "accent");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->filter_button), "accent");
}

static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              gpointer                  user_data)
{
  gtk_list_item_set_child (item, solace_entry_row_new ());
}

/* A day heading goes on the first entry of each day.  GTK 4.8 has no
 * list sections, so each row looks at the one before it. */
static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             SolaceJournalPage        *self)
{
  SolaceJournalEntry *entry = gtk_list_item_get_item (item);
  guint position = gtk_list_item_get_position (item);
  g_autofree char *heading = NULL;
  g_autofree char *day = NULL;
  g_autofree char *previous_day = NULL;

  day = solace_journal_entry_dup_day_key (entry);
  if (position > 0)
    {
      g_autoptr(SolaceJournalEntry) previous = g_list_model_get_item (G_LIST_MODEL (self->store), position - 1);

      if (previous != NULL)
        previous_day = solace_journal_entry_dup_day_key (previous);
    }

  if (day != NULL && g_strcmp0 (day, previous_day) != 0)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();

      heading = solace_format_day_heading (solace_journal_entry_get_created (entry), now);
    }

  solace_entry_row_set_entry (SOLACE_ENTRY_ROW (gtk_list_item_get_child (item)), entry, heading,
                              self->settle_id != 0);
}

static gboolean
row_on_screen (SolaceJournalPage *self,
               GtkWidget         *row)
{
  GtkWidget *viewport = GTK_WIDGET (self->list_scroller);
  graphene_rect_t bounds;

  return gtk_widget_compute_bounds (row, viewport, &bounds) &&
         bounds.origin.y + bounds.size.height >= 0 &&
         bounds.origin.y <= gtk_widget_get_height (viewport);
}

/* Rows still waiting for their text get it a few per main-loop turn,
 * those on screen first, so that no frame lays out two hundred. */
static gboolean
fill_rows_cb (gpointer user_data)
{
  SolaceJournalPage *self = user_data;
  GtkWidget *list = GTK_WIDGET (self->list_view);
  guint budget = 4;

  for (int pass = 0; pass < 2; pass++)
    {
      for (GtkWidget *child = gtk_widget_get_first_child (list); child != NULL;
           child = gtk_widget_get_next_sibling (child))
        {
          GtkWidget *row = gtk_widget_get_first_child (child);

          if (!SOLACE_IS_ENTRY_ROW (row) ||
              !solace_entry_row_get_text_deferred (SOLACE_ENTRY_ROW (row)) ||
              (pass == 0 && !row_on_screen (self, row)))
            continue;

          solace_entry_row_show_text (SOLACE_ENTRY_ROW (row));
          if (--budget == 0)
            return G_SOURCE_CONTINUE;
        }
    }

  self->fill_id = 0;
  return G_SOURCE_REMOVE;
}

static gboolean
scroll_settled_cb (gpointer user_data)
{
  SolaceJournalPage *self = user_data;

  self->settle_id = 0;
  if (self->fill_id == 0)
    self->fill_id = g_idle_add (fill_rows_cb, self);

  return G_SOURCE_REMOVE;
}

/* Dragging the scroll bar, or a hard fling, moves past many screens a
 * frame, and GTK 4.8 then binds up to two hundred new rows each frame.
 * Until the list slows down, rows come without their text. */
static void
list_scrolled_cb (SolaceJournalPage *self,
                  GtkAdjustment     *adjustment)
{
  double value = gtk_adjustment_get_value (adjustment);
  double jump = ABS (value - self->last_scroll_value);

  self->last_scroll_value = value;

  /* Text comes back 120 ms after the last big jump, even if the list
   * is still moving, slowly enough to read. */
  if (jump > 3 * gtk_adjustment_get_page_size (adjustment))
    {
      g_clear_handle_id (&self->settle_id, g_source_remove);
      g_clear_handle_id (&self->fill_id, g_source_remove);
      self->settle_id = g_timeout_add (120, scroll_settled_cb, self);
    }
}

static void
unbind_row_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  user_data)
{
  solace_entry_row_set_entry (SOLACE_ENTRY_ROW (gtk_list_item_get_child (item)), NULL, NULL, FALSE);
}

static void
show_editor (SolaceJournalPage *self)
{
  gtk_stack_set_visible_child_name (self->editor_stack, "editor");
  adw_leaflet_set_visible_child_name (self->leaflet, "editor");
}

static gboolean
open_entry (SolaceJournalPage  *self,
            SolaceJournalEntry *entry)
{
  g_autoptr(GError) error = NULL;

  /* The entry being written is saved first; if it can't be, it stays
   * open rather than have its last words dropped. */
  if (!solace_journal_editor_edit (self->editor, entry, &error))
    {
      g_autofree char *message = g_strdup_printf (_("What you were writing could not be saved, so it is still open: %s"),
                                                  error->message);

      show_error_toast (self, message);
      show_editor (self);
      return FALSE;
    }

  show_editor (self);
  return TRUE;
}

static void
row_activated_cb (SolaceJournalPage *self,
                  guint              position)
{
  solace_journal_page_open_position (self, position);
}

/* A new entry goes on top.  GTK keeps the rows in view where they were,
 * which leaves the new row half above the list; if the list was at the
 * top, it stays at the top and the new entry shows whole. */
static void
items_added_cb (SolaceJournalPage *self,
                guint              position,
                guint              removed,
                guint              added)
{
  GtkAdjustment *adj = gtk_scrolled_window_get_vadjustment (self->list_scroller);

  if (position == 0 && added > removed &&
      gtk_adjustment_get_value (adj) < gtk_adjustment_get_page_size (adj) / 2 &&
      gtk_list_view_get_model (self->list_view) != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u", 0);
}

static void
store_changed_cb (SolaceJournalPage *self)
{
  update_list_state (self);
}

/* Filters */

static void
apply_filters (SolaceJournalPage *self)
{
  g_autoptr(SolaceJournalFilter) filter = solace_journal_filter_new ();
  guint kind = gtk_drop_down_get_selected (self->kind_filter);
  guint mood = gtk_drop_down_get_selected (self->mood_filter);
  guint tag = gtk_drop_down_get_selected (self->tag_filter);

  if (self->store == NULL || self->updating_filters)
    return;

  filter->text = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
  filter->kind = (kind == 0 || kind == GTK_INVALID_LIST_POSITION) ? -1 : (int) kind - 1;
  filter->mood = (mood == GTK_INVALID_LIST_POSITION) ? 0 : (int) mood;
  if (tag != GTK_INVALID_LIST_POSITION && tag > 0 && tag < self->tag_keys->len)
    filter->tag = g_strdup (g_ptr_array_index (self->tag_keys, tag));
  if (self->from != NULL)
    filter->from = g_date_copy (self->from);
  if (self->to != NULL)
    filter->to = g_date_copy (self->to);

  solace_journal_store_set_filter (self->store, filter);
  update_list_state (self);
}

static void
search_changed_cb (SolaceJournalPage *self)
{
  apply_filters (self);
}

static void
filter_changed_cb (SolaceJournalPage *self)
{
  apply_filters (self);
}

/* Tags are listed when the popover opens, so new ones show up. */
static void
refresh_tag_filter (SolaceJournalPage *self)
{
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) tags = NULL;
  const char * const *emotions = solace_journal_get_emotion_keys ();
  const char *current = NULL;
  guint selected = 0;

  if (self->store == NULL)
    return;

  current = solace_journal_store_get_filter (self->store)->tag;

  g_ptr_array_set_size (self->tag_keys, 0);
  gtk_string_list_append (labels, _("Any"));
  g_ptr_array_add (self->tag_keys, g_strdup (""));

  for (guint i = 0; emotions[i] != NULL; i++)
    {
      gtk_string_list_append (labels, solace_journal_get_emotion_label (emotions[i]));
      g_ptr_array_add (self->tag_keys, g_strdup (emotions[i]));
    }

  tags = solace_journal_store_list_tags (self->store, &error);
  for (guint i = 0; tags != NULL && tags[i] != NULL; i++)
    {
      if (g_strv_contains (emotions, tags[i]))
        continue;
      gtk_string_list_append (labels, tags[i]);
      g_ptr_array_add (self->tag_keys, g_strdup (tags[i]));
    }

  for (guint i = 1; current != NULL && i < self->tag_keys->len; i++)
    if (g_strcmp0 (g_ptr_array_index (self->tag_keys, i), current) == 0)
      selected = i;

  self->updating_filters = TRUE;
  gtk_drop_down_set_model (self->tag_filter, G_LIST_MODEL (labels));
  gtk_drop_down_set_selected (self->tag_filter, selected);
  self->updating_filters = FALSE;
}

static void
from_selected_cb (SolaceJournalPage *self)
{
  g_clear_pointer (&self->from, g_date_free);
  self->from = date_from_calendar (self->from_calendar);
  set_date_button_label (self->from_button, self->from);
  gtk_menu_button_popdown (self->from_button);
  apply_filters (self);
}

static void
from_clear_cb (SolaceJournalPage *self)
{
  g_clear_pointer (&self->from, g_date_free);
  set_date_button_label (self->from_button, NULL);
  gtk_menu_button_popdown (self->from_button);
  apply_filters (self);
}

static void
to_selected_cb (SolaceJournalPage *self)
{
  g_clear_pointer (&self->to, g_date_free);
  self->to = date_from_calendar (self->to_calendar);
  set_date_button_label (self->to_button, self->to);
  gtk_menu_button_popdown (self->to_button);
  apply_filters (self);
}

static void
to_clear_cb (SolaceJournalPage *self)
{
  g_clear_pointer (&self->to, g_date_free);
  set_date_button_label (self->to_button, NULL);
  gtk_menu_button_popdown (self->to_button);
  apply_filters (self);
}

static void
jump_selected_cb (SolaceJournalPage *self)
{
  g_autoptr(GDate) date = date_from_calendar (self->jump_calendar);

  gtk_popover_popdown (self->jump_popover);

  if (!solace_journal_page_jump_to_date (self, date))
    show_toast (self, adw_toast_new (_("Nothing was written on or before that day.")));
}

/* Actions */

static void
new_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  SolaceJournalPage *self = SOLACE_JOURNAL_PAGE (widget);
  SolaceEntryKind kind = SOLACE_ENTRY_KIND_REFLECTION;

  solace_entry_kind_from_key (g_variant_get_string (parameter, NULL), &kind);
  solace_journal_page_new_entry (self, kind);
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  SolaceJournalPage *self = SOLACE_JOURNAL_PAGE (widget);

  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

static void
jump_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  SolaceJournalPage *self = SOLACE_JOURNAL_PAGE (widget);

  adw_leaflet_set_visible_child_name (self->leaflet, "list");
  gtk_menu_button_popup (self->jump_button);
}

static void
clear_filters_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  SolaceJournalPage *self = SOLACE_JOURNAL_PAGE (widget);

  self->updating_filters = TRUE;
  gtk_drop_down_set_selected (self->kind_filter, 0);
  gtk_drop_down_set_selected (self->mood_filter, 0);
  gtk_drop_down_set_selected (self->tag_filter, 0);
  g_clear_pointer (&self->from, g_date_free);
  g_clear_pointer (&self->to, g_date_free);
  set_date_button_label (self->from_button, NULL);
  set_date_button_label (self->to_button, NULL);
  self->updating_filters = FALSE;

  gtk_popover_popdown (self->filter_popover);
  apply_filters (self);
}

static void restore_entry (SolaceJournalPage  *self,
                           SolaceJournalEntry *entry);

/* Each toast brings back its own entry, whichever was deleted last. */
static void
undo_clicked_cb (AdwToast          *toast,
                 SolaceJournalPage *self)
{
  SolaceJournalEntry *entry = g_object_steal_data (G_OBJECT (toast), "solace-deleted-entry");

  if (entry == NULL)
    return;

  if (entry == self->last_deleted)
    g_clear_object (&self->last_deleted);

  restore_entry (self, entry);
  g_object_unref (entry);
}

static void
delete_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(SolaceJournalPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(SolaceJournalEntry) deleted = NULL;
  AdwToast *toast;

  deleted = solace_journal_store_delete_finish (SOLACE_JOURNAL_STORE (object), result, &error);
  if (deleted == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("The entry could not be deleted: %s"), error->message);

      show_error_toast (self, message);
      return;
    }

  g_set_object (&self->last_deleted, deleted);

  toast = adw_toast_new (_("Entry deleted"));
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  g_object_set_data_full (G_OBJECT (toast), "solace-deleted-entry", g_object_ref (deleted), g_object_unref);
  g_signal_connect_object (toast, "button-clicked", G_CALLBACK (undo_clicked_cb), self, 0);
  show_toast (self, toast);
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  SolaceJournalPage *self = SOLACE_JOURNAL_PAGE (widget);
  SolaceJournalEntry *entry = solace_journal_editor_get_entry (self->editor);
  g_autoptr(GError) error = NULL;
  gint64 id;

  if (entry == NULL || self->store == NULL)
    return;

  /* Whatever was queued lands first, so that the entry has its row and
   * its id; if it cannot be written, nothing is deleted either. */
  if (!solace_journal_editor_save_now (self->editor, &error))
    {
      g_autofree char *message = g_strdup_printf (_("The entry could not be deleted: %s"), error->message);

      show_error_toast (self, message);
      return;
    }

  id = solace_journal_entry_get_id (entry);
  solace_journal_editor_clear (self->editor);
  gtk_stack_set_visible_child_name (self->editor_stack, "none");
  adw_leaflet_set_visible_child_name (self->leaflet, "list");

  /* Never written (left empty): there is nothing to delete. */
  if (id == 0)
    return;

  solace_journal_store_delete_async (self->store, id, NULL, delete_done_cb, g_object_ref (self));
}

static void
restore_done_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(SolaceJournalPage) self = user_data;
  g_autoptr(GError) error = NULL;

  if (solace_journal_store_save_finish (SOLACE_JOURNAL_STORE (object), result, &error) == 0)
    {
      g_autofree char *message = g_strdup_printf (_("The entry could not be brought back: %s"), error->message);

      show_error_toast (self, message);
    }
}

static void
solace_journal_page_map (GtkWidget *widget)
{
  SolaceJournalPage *self = SOLACE_JOURNAL_PAGE (widget);

  if (self->selection != NULL && gtk_list_view_get_model (self->list_view) == NULL)
    gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));

  GTK_WIDGET_CLASS (solace_journal_page_parent_class)->map (widget);
}

static void
folded_changed_cb (SolaceJournalPage *self)
{
  solace_journal_editor_set_show_back (self->editor, adw_leaflet_get_folded (self->leaflet));
}

/* GObject */

static void
solace_journal_page_dispose (GObject *object)
{
  SolaceJournalPage *self = (SolaceJournalPage *)object;
  GtkWidget *child;

  g_clear_handle_id (&self->settle_id, g_source_remove);
  g_clear_handle_id (&self->fill_id, g_source_remove);

  gtk_widget_dispose_template (GTK_WIDGET (self), SOLACE_TYPE_JOURNAL_PAGE);
  /* The template's root has no id, so it is not unparented above. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (solace_journal_page_parent_class)->dispose (object);
}

static void
solace_journal_page_finalize (GObject *object)
{
  SolaceJournalPage *self = (SolaceJournalPage *)object;

  g_clear_object (&self->selection);
  g_clear_object (&self->store);
  g_clear_object (&self->last_deleted);
  g_clear_pointer (&self->tag_keys, g_ptr_array_unref);
  g_clear_pointer (&self->from, g_date_free);
  g_clear_pointer (&self->to, g_date_free);

  G_OBJECT_CLASS (solace_journal_page_parent_class)->finalize (object);
}

static void
solace_journal_page_class_init (SolaceJournalPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = solace_journal_page_dispose;
  object_class->finalize = solace_journal_page_finalize;
  widget_class->map = solace_journal_page_map;

  g_type_ensure (SOLACE_TYPE_JOURNAL_EDITOR);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/solace_app/Solace/gui/solace-journal-page.ui");
  gtk_widget_class_bind_template_child (widget_class, SolaceJournalPage, leaflet);
  gtk_widget_class_bind_template_child (widget_class, SolaceJournalPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, SolaceJournalPage, filter_button);
  gtk_widget_class_bind_template_child (widget_class, SolaceJournalPage, kind_filter);
  gtk_widget_class_bind_template_child (widget_class, SolaceJournalPage, mood_filter);
  gtk_widget_class_bind_template_child (widget_class, SolaceJournalPage, tag_filter);
  gtk_widget_class_bind_template_child (widget_class, SolaceJournalPage, from_button);
  gtk_widget_class_bind_template_child (widget_class, SolaceJournalPage, to_button);
  gtk_widget_class_bind_template_child (widget_class, SolaceJournalPage, from_calendar);
  gtk_widget_class_bind_template_child (widget_class, SolaceJournalPage, to_calendar);
  gtk_widget_class_bind_template_child (widget_class, SolaceJournalPage, filter_popover);
  gtk_widget_class_bind_template_child (widget_class, SolaceJournalPage, jump_button);
  gtk_widget_class_bind_template_child (widget_class, SolaceJournalPage, jump_popover);
  gtk_widget_class_bind_template_child (widget_class, SolaceJournalPage, jump_calendar);
  gtk_widget_class_bind_template_child (widget_class, SolaceJournalPage, count_label);
  gtk_widget_class_bind_template_child (widget_class, SolaceJournalPage, list_stack);
  gtk_widget_class_bind_template_child (widget_class, SolaceJournalPage, list_scroller);
  gtk_widget_class_bind_template_child (widget_class, SolaceJournalPage, list_view);
  gtk_widget_class_bind_template_child (widget_class, SolaceJournalPage, editor_stack);
  gtk_widget_class_bind_template_child (widget_class, SolaceJournalPage, editor);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, from_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, from_clear_cb);
  gtk_widget_class_bind_template_callback (widget_class, to_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, to_clear_cb);
  gtk_widget_class_bind_template_callback (widget_class, jump_selected_cb);

  gtk_widget_class_install_action (widget_class, "journal.new", "s", new_action);
  gtk_widget_class_install_action (widget_class, "journal.delete", NULL, delete_action);
  gtk_widget_class_install_action (widget_class, "journal.back", NULL, back_action);
  gtk_widget_class_install_action (widget_class, "journal.clear-filters", NULL, clear_filters_action);
  gtk_widget_class_install_action (widget_class, "journal.jump", NULL, jump_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_g, GDK_CONTROL_MASK, "journal.jump", NULL);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "journalpage");
}

static void
solace_journal_page_init (SolaceJournalPage *self)
{
  g_autoptr(GtkStringList) kinds = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) moods = gtk_string_list_new (NULL);
  GtkListItemFactory *factory;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->tag_keys = g_ptr_array_new_with_free_func (g_free);

  gtk_string_list_append (kinds, _("Any"));
  for (guint i = 0; i < SOLACE_N_ENTRY_KINDS; i++)
    gtk_string_list_append (kinds, solace_entry_kind_get_label (i));
  gtk_drop_down_set_model (self->kind_filter, G_LIST_MODEL (kinds));

  gtk_string_list_append (moods, _("Any"));
  for (int i = 1; i <= SOLACE_MOOD_MAX; i++)
    gtk_string_list_append (moods, solace_mood_get_label (i));
  gtk_drop_down_set_model (self->mood_filter, G_LIST_MODEL (moods));

  set_date_button_label (self->from_button, NULL);
  set_date_button_label (self->to_button, NULL);

  /* Typing in the tag list's search box finds tags by their words. */
  gtk_drop_down_set_expression (self->tag_filter,
                                gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL, "string"));

  /* Ctrl+Delete deletes the entry even while typing in it: caught before
   * the text view takes it as "delete a word". */
  {
    GtkEventController *shortcuts = gtk_shortcut_controller_new ();

    gtk_event_controller_set_propagation_phase (shortcuts, GTK_PHASE_CAPTURE);
    gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                          gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Delete, GDK_CONTROL_MASK),
                                                            gtk_named_action_new ("journal.delete")));
    gtk_widget_add_controller (GTK_WIDGET (self), shortcuts);
  }

  g_signal_connect_swapped (self->kind_filter, "notify::selected", G_CALLBACK (filter_changed_cb), self);
  g_signal_connect_swapped (self->mood_filter, "notify::selected", G_CALLBACK (filter_changed_cb), self);
  g_signal_connect_swapped (self->tag_filter, "notify::selected", G_CALLBACK (filter_changed_cb), self);
  g_signal_connect_swapped (self->filter_popover, "show", G_CALLBACK (refresh_tag_filter), self);
  g_signal_connect_swapped (self->leaflet, "notify::folded", G_CALLBACK (folded_changed_cb), self);

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (setup_row_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row_cb), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_row_cb), self);
  gtk_list_view_set_factory (self->list_view, factory);
  g_object_unref (factory);

  g_signal_connect_swapped (gtk_scrolled_window_get_vadjustment (self->list_scroller), "value-changed",
                            G_CALLBACK (list_scrolled_cb), self);

  folded_changed_cb (self);
}

void
solace_journal_page_set_store (SolaceJournalPage  *self,
                               SolaceJournalStore *store)
{
  g_return_if_fail (SOLACE_IS_JOURNAL_PAGE (self));
  g_return_if_fail (SOLACE_IS_JOURNAL_STORE (store));
  g_return_if_fail (self->store == NULL);

  self->store = g_object_ref (store);
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (store)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  /* The list view gets its model when the page is first shown: GTK 4.8
   * binds up to 200 rows as soon as it has one, visible or not. */
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));

  solace_journal_editor_set_store (self->editor, store);

  g_signal_connect_object (store, "items-changed", G_CALLBACK (store_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (store, "items-changed", G_CALLBACK (items_added_cb), self, G_CONNECT_SWAPPED | G_CONNECT_AFTER);
  g_signal_connect_object (store, "notify::loading", G_CALLBACK (store_changed_cb), self, G_CONNECT_SWAPPED);
  update_list_state (self);
}

SolaceJournalStore *
solace_journal_page_get_store (SolaceJournalPage *self)
{
  g_return_val_if_fail (SOLACE_IS_JOURNAL_PAGE (self), NULL);

  return self->store;
}

void
solace_journal_page_new_entry (SolaceJournalPage *self,
                               SolaceEntryKind    kind)
{
  g_autoptr(SolaceJournalEntry) entry = NULL;

  g_return_if_fail (SOLACE_IS_JOURNAL_PAGE (self));

  if (self->store == NULL)
    return;

  entry = solace_journal_entry_new (kind);
  if (kind == SOLACE_ENTRY_KIND_PROMPT)
    {
      guint n_prompts;
      const SolacePrompt *prompts = solace_journal_get_prompts (&n_prompts);

      /* A different question each day. */
      solace_journal_entry_set_prompt (entry, prompts[g_date_time_get_day_of_year (solace_journal_entry_get_created (entry)) % n_prompts].key);
    }

  if (!open_entry (self, entry))
    return;

  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  solace_journal_editor_focus_text (self->editor);
}

void
solace_journal_page_open_position (SolaceJournalPage *self,
                                   guint              position)
{
  g_autoptr(SolaceJournalEntry) item = NULL;
  g_autoptr(SolaceJournalEntry) full = NULL;
  g_autoptr(GError) error = NULL;
  SolaceJournalEntry *current;

  g_return_if_fail (SOLACE_IS_JOURNAL_PAGE (self));

  item = g_list_model_get_item (G_LIST_MODEL (self->store), position);
  if (item == NULL)
    return;

  /* The entry already open is shown as it is on screen, not reloaded:
   * its last words may not be on disk yet. */
  current = solace_journal_editor_get_entry (self->editor);
  if (current != NULL && solace_journal_entry_get_id (current) == solace_journal_entry_get_id (item))
    {
      gtk_single_selection_set_selected (self->selection, position);
      show_editor (self);
      return;
    }

  /* Written to disk first, so the list and what is loaded agree. */
  if (!solace_journal_editor_save_now (self->editor, &error))
    {
      g_autofree char *message = g_strdup_printf (_("What you were writing could not be saved, so it is still open: %s"),
                                                  error->message);

      show_error_toast (self, message);
      show_editor (self);
      return;
    }

  full = solace_journal_store_load_entry (self->store, solace_journal_entry_get_id (item), &error);
  if (full == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("The entry could not be opened: %s"), error->message);

      show_error_toast (self, message);
      return;
    }

  if (open_entry (self, full))
    gtk_single_selection_set_selected (self->selection, position);
}

void
solace_journal_page_focus_search (SolaceJournalPage *self)
{
  g_return_if_fail (SOLACE_IS_JOURNAL_PAGE (self));

  adw_leaflet_set_visible_child_name (self->leaflet, "list");
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

gboolean
solace_journal_page_save_now (SolaceJournalPage  *self,
                              GError            **error)
{
  g_return_val_if_fail (SOLACE_IS_JOURNAL_PAGE (self), FALSE);

  return solace_journal_editor_save_now (self->editor, error);
}

void
solace_journal_page_undo_delete (SolaceJournalPage *self)
{
  g_autoptr(SolaceJournalEntry) entry = NULL;

  g_return_if_fail (SOLACE_IS_JOURNAL_PAGE (self));

  entry = g_steal_pointer (&self->last_deleted);
  if (entry == NULL)
    return;

  /* The toast is not dismissed here: dismissing a toast twice, or while
   * it is still sliding in, crashes libadwaita 1.2.  Its Undo button
   * then finds its entry already restored and does nothing. */
  restore_entry (self, entry);
}

static void
restore_entry (SolaceJournalPage  *self,
               SolaceJournalEntry *entry)
{
  g_autoptr(SolaceJournalEntry) copy = solace_journal_entry_copy (entry);

  if (self->store == NULL)
    return;

  /* Same UUID and times, so it comes back where it was; a new id, since
   * SQLite may have given the old one to an entry written since. */
  solace_journal_entry_set_id (copy, 0);
  solace_journal_store_save_async (self->store, copy, NULL, restore_done_cb, g_object_ref (self));
}

gboolean
solace_journal_page_jump_to_date (SolaceJournalPage *self,
                                  const GDate       *date)
{
  guint position;

  g_return_val_if_fail (SOLACE_IS_JOURNAL_PAGE (self), FALSE);

  if (self->store == NULL)
    return FALSE;

  position = solace_journal_store_find_date (self->store, date);
  if (position >= g_list_model_get_n_items (G_LIST_MODEL (self->store)))
    return FALSE;

  gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u", position);
  gtk_single_selection_set_selected (self->selection, position);

  return TRUE;
}

GtkAdjustment *
solace_journal_page_get_list_adjustment (SolaceJournalPage *self)
{
  return gtk_scrolled_window_get_vadjustment (self->list_scroller);
}

SolaceJournalEditor *
solace_journal_page_get_editor (SolaceJournalPage *self)
{
  return self->editor;
}

GtkEditable *
solace_journal_page_get_search_entry (SolaceJournalPage *self)
{
  return GTK_EDITABLE (self->search_entry);
}

GtkListView *
solace_journal_page_get_list_view (SolaceJournalPage *self)
{
  return self->list_view;
}

const char *
solace_journal_page_get_list_state (SolaceJournalPage *self)
{
  return gtk_stack_get_visible_child_name (self->list_stack);
}

gboolean
solace_journal_page_get_folded (SolaceJournalPage *self)
{
  return adw_leaflet_get_folded (self->leaflet);
}

const char *
solace_journal_page_get_visible_pane (SolaceJournalPage *self)
{
  return adw_leaflet_get_visible_child_name (self->leaflet);
}

guint
solace_journal_page_get_selected (SolaceJournalPage *self)
{
  return gtk_single_selection_get_selected (self->selection);
}
