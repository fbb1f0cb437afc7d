/* solace-contact-editor.c — a trusted person, a professional, a group or a line
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "solace-contact-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "solace-contact-editor.h"
#include "solace-limits.h"
#include "solace-widgets.h"
#include "solace-time-row.h"

/* Each also names its entry row in the template. */
static const char * const fields[] = { "name", "relationship", "phone", "email", "website", "notes" };

/* The "Good for" check buttons in the template, one a bit. */
static const char * const good_for_ids[] = { "good_for_talking", "good_for_distraction", "good_for_practical" };

/* How long before a session its reminder comes, in minutes; -1 is none. */
static const struct {
  int         minutes;
  const char *label;
} remind_choices[] = {
  { -1, N_("No reminder") },
  { 0, N_("When it starts") },
  { 15, N_("15 minutes before") },
  { 60, N_("An hour before") },
  { 24 * 60, N_("A day before") },
};

struct _SolaceContactEditor
{
  AdwWindow           parent_instance;

  SolaceContactStore *store;
  SolaceContact      *contact;

  /* From the template. */
  AdwToastOverlay    *toasts;
  AdwComboRow        *kind_row;
  AdwEntryRow        *rows[G_N_ELEMENTS (fields)];
  GtkCheckButton     *good_for[G_N_ELEMENTS (good_for_ids)];
  GtkWidget          *good_for_row;
  AdwActionRow       *online_row;
  GtkSwitch          *online_switch;

  /* The next session, for professionals and groups. */
  GtkWidget          *session_group;
  GtkMenuButton      *day_button;
  GtkCalendar        *calendar;
  GtkWidget          *clear_button;
  SolaceTimeRow      *time_row;
  AdwComboRow        *remind_row;
  GDateTime          *session_day;   /* the day chosen, or NULL */
};

G_DEFINE_FINAL_TYPE (SolaceContactEditor, solace_contact_editor, ADW_TYPE_WINDOW)

enum {
  REMINDERS_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
kind_changed_cb (SolaceContactEditor *self)
{
  SolaceContactKind kind = adw_combo_row_get_selected (self->kind_row);

  /* What each kind needs: a friend is good for something, a group
   * meets in person or online, a professional has a website. */
  gtk_widget_set_visible (self->good_for_row, kind == SOLACE_CONTACT_PERSON);
  gtk_widget_set_visible (GTK_WIDGET (self->online_row), kind == SOLACE_CONTACT_GROUP);
  gtk_widget_set_visible (GTK_WIDGET (self->rows[1]), kind == SOLACE_CONTACT_PERSON);
  gtk_widget_set_visible (GTK_WIDGET (self->rows[4]), kind != SOLACE_CONTACT_PERSON);
  gtk_widget_set_visible (self->session_group, solace_contact_kind_is_professional (kind));
}

static void
show_session_day (SolaceContactEditor *self)
{
  gboolean booked = self->session_day != NULL;
  g_autofree char *label = NULL;

  if (booked)
    /* Translators: the day of the next session, on its button. */
    label = g_date_time_format (self->session_day, _("%a %-d %B %Y"));

  gtk_menu_button_set_label (self->day_button, booked ? label : _("Not booked"));
  gtk_widget_set_visible (self->clear_button, booked);
  gtk_widget_set_sensitive (GTK_WIDGET (self->time_row), booked);
  gtk_widget_set_sensitive (GTK_WIDGET (self->remind_row), booked);
}

static void
session_day_selected_cb (SolaceContactEditor *self)
{
  g_clear_pointer (&self->session_day, g_date_time_unref);
  self->session_day = gtk_calendar_get_date (self->calendar);
  show_session_day (self);
  gtk_menu_button_popdown (self->day_button);
}

static void
clear_session_cb (SolaceContactEditor *self)
{
  g_clear_pointer (&self->session_day, g_date_time_unref);
  adw_combo_row_set_selected (self->remind_row, 0);
  show_session_day (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->day_button));
}

static void
read_session (SolaceContactEditor *self)
{
  g_autofree char *when = NULL;
  guint minutes = solace_time_row_get_minutes (self->time_row);
  guint choice = adw_combo_row_get_selected (self->remind_row);

  if (self->session_day != NULL)
    when = g_strdup_printf ("%04d%02d%02dT%02u%02u00",
                            g_date_time_get_year (self->session_day),
                            g_date_time_get_month (self->session_day),
                            g_date_time_get_day_of_month (self->session_day),
                            minutes / 60, minutes % 60);
  solace_contact_set_next_session (self->contact, when);
  solace_contact_set_session_remind (self->contact,
                                     when != NULL && choice < G_N_ELEMENTS (remind_choices)
                                     ? remind_choices[choice].minutes : -1);
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  SolaceContactEditor *self = SOLACE_CONTACT_EDITOR (widget);
  g_autoptr(GError) error = NULL;
  guint good_for = 0;

  solace_contact_set_kind (self->contact, adw_combo_row_get_selected (self->kind_row));
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      g_autofree char *value = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->rows[i]))));
      solace_contact_set_field (self->contact, fields[i], value);
    }
  for (guint i = 0; i < G_N_ELEMENTS (good_for_ids); i++)
    if (gtk_check_button_get_active (self->good_for[i]))
      good_for |= 1 << i;
  solace_contact_set_good_for (self->contact, good_for);
  solace_contact_set_online (self->contact, gtk_switch_get_active (self->online_switch));
  read_session (self);

  if (solace_contact_store_save (self->store, self->contact, &error))
    {
      /* The session's reminder went with it: the service plans again. */
      solace_contact_store_flush (self->store);
      g_signal_emit (self, signals[REMINDERS_CHANGED], 0);
    }
  else
    {
      g_autofree char *escaped = g_markup_escape_text (error->message, -1);

      gtk_widget_grab_focus (GTK_WIDGET (self->rows[0]));
      solace_toast_overlay_add (self->toasts, adw_toast_new (escaped));
      return;
    }

  gtk_window_destroy (GTK_WINDOW (self));
}

static void
solace_contact_editor_dispose (GObject *object)
{
  SolaceContactEditor *self = (SolaceContactEditor *)object;

  g_clear_object (&self->store);
  g_clear_object (&self->contact);
  g_clear_pointer (&self->session_day, g_date_time_unref);

  gtk_widget_dispose_template (GTK_WIDGET (self), SOLACE_TYPE_CONTACT_EDITOR);

  G_OBJECT_CLASS (solace_contact_editor_parent_class)->dispose (object);
}

static void
solace_contact_editor_class_init (SolaceContactEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = solace_contact_editor_dispose;

  /**
   * SolaceContactEditor::reminders-changed:
   *
   * The contact was saved, and with it its session's reminder, which is
   * on disk by now: the reminder service should plan again.
   */
  signals[REMINDERS_CHANGED] =
    g_signal_new ("reminders-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  g_type_ensure (SOLACE_TYPE_TIME_ROW);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/solace_app/Solace/gui/solace-contact-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, SolaceContactEditor, toasts);
  gtk_widget_class_bind_template_child (widget_class, SolaceContactEditor, kind_row);
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    gtk_widget_class_bind_template_child_full (widget_class, fields[i], FALSE,
                                               G_STRUCT_OFFSET (SolaceContactEditor, rows) + i * sizeof (gpointer));
  for (guint i = 0; i < G_N_ELEMENTS (good_for_ids); i++)
    gtk_widget_class_bind_template_child_full (widget_class, good_for_ids[i], FALSE,
                                               G_STRUCT_OFFSET (SolaceContactEditor, good_for) + i * sizeof (gpointer));
  gtk_widget_class_bind_template_child (widget_class, SolaceContactEditor, good_for_row);
  gtk_widget_class_bind_template_child (widget_class, SolaceContactEditor, online_row);
  gtk_widget_class_bind_template_child (widget_class, SolaceContactEditor, online_switch);
  gtk_widget_class_bind_template_child (widget_class, SolaceContactEditor, session_group);
  gtk_widget_class_bind_template_child (widget_class, SolaceContactEditor, day_button);
  gtk_widget_class_bind_template_child (widget_class, SolaceContactEditor, calendar);
  gtk_widget_class_bind_template_child (widget_class, SolaceContactEditor, clear_button);
  gtk_widget_class_bind_template_child (widget_class, SolaceContactEditor, time_row);
  gtk_widget_class_bind_template_child (widget_class, SolaceContactEditor, remind_row);
  gtk_widget_class_bind_template_callback (widget_class, kind_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, session_day_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, clear_session_cb);

  gtk_widget_class_install_action (widget_class, "contact.save", NULL, save_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "contact.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
solace_contact_editor_init (SolaceContactEditor *self)
{
  GtkStringList *kinds;
  GtkStringList *choices;

  gtk_widget_init_template (GTK_WIDGET (self));

  kinds = GTK_STRING_LIST (adw_combo_row_get_model (self->kind_row));
  for (guint i = 0; i < SOLACE_N_CONTACT_KINDS; i++)
    gtk_string_list_append (kinds, solace_contact_kind_get_label (i));

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    solace_editable_set_max_chars (GTK_EDITABLE (self->rows[i]), SOLACE_MAX_CONTACT_CHARS);

  choices = GTK_STRING_LIST (adw_combo_row_get_model (self->remind_row));
  for (guint i = 0; i < G_N_ELEMENTS (remind_choices); i++)
    gtk_string_list_append (choices, _(remind_choices[i].label));
}

SolaceContactEditor *
solace_contact_editor_new (GtkWindow          *parent,
                           SolaceContactStore *store,
                           SolaceContact      *contact)
{
  SolaceContactEditor *self;

  g_return_val_if_fail (SOLACE_IS_CONTACT_STORE (store), NULL);
  g_return_val_if_fail (SOLACE_IS_CONTACT (contact), NULL);

  self = g_object_new (SOLACE_TYPE_CONTACT_EDITOR, "transient-for", parent, NULL);
  self->store = g_object_ref (store);
  self->contact = solace_contact_copy (contact);

  gtk_window_set_title (GTK_WINDOW (self),
                        solace_contact_store_lookup (store, solace_contact_get_uuid (contact)) != NULL
                        ? _("Edit Contact") : _("New Contact"));
  adw_combo_row_set_selected (self->kind_row, solace_contact_get_kind (contact));
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    gtk_editable_set_text (GTK_EDITABLE (self->rows[i]), solace_contact_get_field (contact, fields[i]));
  for (guint i = 0; i < G_N_ELEMENTS (good_for_ids); i++)
    gtk_check_button_set_active (self->good_for[i], (solace_contact_get_good_for (contact) & (1 << i)) != 0);
  gtk_switch_set_active (self->online_switch, solace_contact_get_online (contact));

  {
    g_autoptr(GDateTime) session = solace_contact_dup_session_time (contact);
    int remind = solace_contact_get_session_remind (contact);

    solace_time_row_set_minutes (self->time_row, 10 * 60);
    if (session != NULL)
      {
        /* The calendar works in local time; the session is wall-clock. */
        self->session_day = g_date_time_new_local (g_date_time_get_year (session),
                                                   g_date_time_get_month (session),
                                                   g_date_time_get_day_of_month (session), 0, 0, 0);
        g_signal_handlers_block_by_func (self->calendar, session_day_selected_cb, self);
        gtk_calendar_select_day (self->calendar, self->session_day);
        g_signal_handlers_unblock_by_func (self->calendar, session_day_selected_cb, self);
        solace_time_row_set_minutes (self->time_row,
                                     g_date_time_get_hour (session) * 60 + g_date_time_get_minute (session));
      }
    for (guint i = 0; i < G_N_ELEMENTS (remind_choices); i++)
      if (remind_choices[i].minutes == remind)
        adw_combo_row_set_selected (self->remind_row, i);
    show_session_day (self);
  }
  kind_changed_cb (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->rows[0]));

  return self;
}

GtkCalendar *
solace_contact_editor_get_calendar (SolaceContactEditor *self)
{
  g_return_val_if_fail (SOLACE_IS_CONTACT_EDITOR (self), NULL);
  return self->calendar;
}

SolaceTimeRow *
solace_contact_editor_get_time_row (SolaceContactEditor *self)
{
  g_return_val_if_fail (SOLACE_IS_CONTACT_EDITOR (self), NULL);
  return self->time_row;
}

AdwComboRow *
solace_contact_editor_get_remind_row (SolaceContactEditor *self)
{
  g_return_val_if_fail (SOLACE_IS_CONTACT_EDITOR (self), NULL);
  return self->remind_row;
}

GtkWidget *
solace_contact_editor_get_clear_session_button (SolaceContactEditor *self)
{
  g_return_val_if_fail (SOLACE_IS_CONTACT_EDITOR (self), NULL);
  return self->clear_button;
}

AdwEntryRow *
solace_contact_editor_get_row (SolaceContactEditor *self,
                               const char          *field)
{
  g_return_val_if_fail (SOLACE_IS_CONTACT_EDITOR (self), NULL);

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    if (g_str_equal (fields[i], field))
      return self->rows[i];
  return NULL;
}
