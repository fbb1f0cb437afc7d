/* solace-today-page.c — the no-contact counter
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "solace-today-page"

#include "config.h"

#include <glib/gi18n.h>

#include "solace-format.h"
#include "solace-today-page.h"
#include "solace-utils.h"
#include "solace-window.h"

struct _SolaceTodayPage
{
  GtkWidget       parent_instance;

  GtkLabel       *counter_label;
  GtkLabel       *since_label;
  GtkMenuButton  *date_button;
  GtkPopover     *date_popover;
  GtkCalendar    *calendar;
  GtkLabel       *date_error_label;

  SolaceDatabase *database;
  GDate          *start;
  guint           midnight_id;
};

G_DEFINE_FINAL_TYPE (SolaceTodayPage, solace_today_page, GTK_TYPE_WIDGET)

static GDate *
today_local (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return g_date_new_dmy (g_date_time_get_day_of_month (now),
                         g_date_time_get_month (now),
                         g_date_time_get_year (now));
}

static char *
format_long_date (const GDate *date)
{
  g_autoptr(GDateTime) when = solace_date_to_date_time (date);

  return solace_format_long_date (when);
}

static void schedule_midnight (SolaceTodayPage *self);
static void update_counter    (SolaceTodayPage *self);

static void
refresh (SolaceTodayPage *self)
{
  update_counter (self);
  schedule_midnight (self);
}

static gboolean
midnight_cb (gpointer user_data)
{
  SolaceTodayPage *self = user_data;

  self->midnight_id = 0;
  refresh (self);

  return G_SOURCE_REMOVE;
}

/* Day N changes at local midnight.  The timer is a hint; the page also
 * recounts whenever the window becomes active, which covers a clock that
 * jumped or a machine that slept through midnight. */
static void
schedule_midnight (SolaceTodayPage *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) midnight = NULL;
  g_autoptr(GDateTime) tomorrow = NULL;
  GTimeSpan until;

  g_clear_handle_id (&self->midnight_id, g_source_remove);

  tomorrow = g_date_time_add_days (now, 1);
  midnight = g_date_time_new_local (g_date_time_get_year (tomorrow),
                                    g_date_time_get_month (tomorrow),
                                    g_date_time_get_day_of_month (tomorrow),
                                    0, 0, 1);
  until = g_date_time_difference (midnight, now);
  self->midnight_id = g_timeout_add_seconds (MAX (1, (guint) (until / G_USEC_PER_SEC)),
                                             midnight_cb, self);
}

static void
update_counter (SolaceTodayPage *self)
{
  g_autoptr(GDate) today = today_local ();

  if (self->start == NULL)
    {
      gtk_label_set_text (self->counter_label, _("Day One Starts When You Choose"));
      gtk_widget_remove_css_class (GTK_WIDGET (self->counter_label), "counter");
      gtk_widget_add_css_class (GTK_WIDGET (self->counter_label), "title-2");
      gtk_label_set_text (self->since_label,
                          _("Tell Solace the last day you were in contact, and it will count the days with you."));
      gtk_menu_button_set_label (self->date_button, _("_Set the Day…"));
      return;
    }

  {
    int day = solace_no_contact_day (self->start, today);
    g_autofree char *counter = g_strdup_printf (_("Day %d"), day);
    g_autofree char *date = format_long_date (self->start);
    g_autofree char *since = NULL;

    if (g_date_compare (self->start, today) > 0)
      /* The clock went back past the start: say so gently, keep day 1. */
      since = g_strdup_printf (_("Counting from %s. Your computer’s clock seems to be set earlier than that."), date);
    else
      since = g_strdup_printf (_("No contact since %s"), date);

    gtk_widget_remove_css_class (GTK_WIDGET (self->counter_label), "title-2");
    gtk_widget_add_css_class (GTK_WIDGET (self->counter_label), "counter");
    gtk_label_set_text (self->counter_label, counter);
    gtk_label_set_text (self->since_label, since);
    gtk_menu_button_set_label (self->date_button, _("_Change the Day…"));
  }
}

static void
load_start (SolaceTodayPage *self)
{
  g_autoptr(GError) error = NULL;

  g_clear_pointer (&self->start, g_date_free);

  if (self->database != NULL)
    {
      self->start = solace_database_get_stretch_start (self->database, &error);
      if (error != NULL)
        g_warning ("Could not read the no-contact start: %s", error->message);
    }
}

static void
show_toast (SolaceTodayPage *self,
            const char      *title)
{
  GtkWidget *window = gtk_widget_get_ancestor (GTK_WIDGET (self), SOLACE_TYPE_WINDOW);

  /* Toast titles are markup in libadwaita 1.2; errors may hold "<". */
  if (window != NULL)
    {
      g_autofree char *escaped = g_markup_escape_text (title, -1);

      solace_window_add_toast (SOLACE_WINDOW (window), adw_toast_new (escaped));
    }
}

static GApplication *
application_of (SolaceTodayPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (!GTK_IS_WINDOW (root))
    return NULL;

  return G_APPLICATION (gtk_window_get_application (GTK_WINDOW (root)));
}

static void
save_start_thread (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  SolaceTodayPage *self = source_object;
  GError *error = NULL;

  if (solace_database_set_stretch_start (self->database, task_data, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
save_start_done_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  SolaceTodayPage *self = SOLACE_TODAY_PAGE (object);
  g_autoptr(GError) error = NULL;

  g_autoptr(GApplication) app = user_data;

  if (app != NULL)
    g_application_release (app);

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_autofree char *message = g_strdup_printf (_("The day could not be saved: %s"), error->message);

      show_toast (self, message);
      load_start (self);
    }

  update_counter (self);
}

static void
set_date_clicked_cb (SolaceTodayPage *self)
{
  g_autoptr(GDateTime) chosen = gtk_calendar_get_date (self->calendar);
  g_autoptr(GDate) date = g_date_new_dmy (g_date_time_get_day_of_month (chosen),
                                          g_date_time_get_month (chosen),
                                          g_date_time_get_year (chosen));

  solace_today_page_choose_start (self, date);
}

static void
popover_show_cb (SolaceTodayPage *self)
{
  g_autoptr(GDate) day = self->start != NULL ? g_date_copy (self->start) : today_local ();
  g_autoptr(GDateTime) dt = solace_date_to_date_time (day);

  gtk_widget_set_visible (GTK_WIDGET (self->date_error_label), FALSE);
  gtk_calendar_select_day (self->calendar, dt);
}

static void
root_active_cb (SolaceTodayPage *self)
{
  update_counter (self);
}

static void
solace_today_page_root (GtkWidget *widget)
{
  SolaceTodayPage *self = SOLACE_TODAY_PAGE (widget);

  GTK_WIDGET_CLASS (solace_today_page_parent_class)->root (widget);

  g_signal_connect_object (gtk_widget_get_root (widget), "notify::is-active",
                           G_CALLBACK (root_active_cb), self, G_CONNECT_SWAPPED);
}

static void
solace_today_page_unroot (GtkWidget *widget)
{
  g_signal_handlers_disconnect_by_func (gtk_widget_get_root (widget), root_active_cb, widget);

  GTK_WIDGET_CLASS (solace_today_page_parent_class)->unroot (widget);
}

static void
solace_today_page_dispose (GObject *object)
{
  GtkWidget *child;
  SolaceTodayPage *self = (SolaceTodayPage *)object;

  g_clear_handle_id (&self->midnight_id, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), SOLACE_TYPE_TODAY_PAGE);
  /* The template's root has no id, so it is not unparented above. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (solace_today_page_parent_class)->dispose (object);
}

static void
solace_today_page_finalize (GObject *object)
{
  SolaceTodayPage *self = (SolaceTodayPage *)object;

  g_clear_object (&self->database);
  g_clear_pointer (&self->start, g_date_free);

  G_OBJECT_CLASS (solace_today_page_parent_class)->finalize (object);
}

static void
solace_today_page_class_init (SolaceTodayPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = solace_today_page_dispose;
  object_class->finalize = solace_today_page_finalize;
  widget_class->root = solace_today_page_root;
  widget_class->unroot = solace_today_page_unroot;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/solace_app/Solace/gui/solace-today-page.ui");
  gtk_widget_class_bind_template_child (widget_class, SolaceTodayPage, counter_label);
  gtk_widget_class_bind_template_child (widget_class, SolaceTodayPage, since_label);
  gtk_widget_class_bind_template_child (widget_class, SolaceTodayPage, date_button);
  gtk_widget_class_bind_template_child (widget_class, SolaceTodayPage, date_popover);
  gtk_widget_class_bind_template_child (widget_class, SolaceTodayPage, calendar);
  gtk_widget_class_bind_template_child (widget_class, SolaceTodayPage, date_error_label);
  gtk_widget_class_bind_template_callback (widget_class, set_date_clicked_cb);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "todaypage");
}

static void
solace_today_page_init (SolaceTodayPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  g_signal_connect_swapped (self->date_popover, "show", G_CALLBACK (popover_show_cb), self);
  update_counter (self);
  schedule_midnight (self);
}

void
solace_today_page_set_database (SolaceTodayPage *self,
                                SolaceDatabase  *database)
{
  g_return_if_fail (SOLACE_IS_TODAY_PAGE (self));

  g_set_object (&self->database, database);
  load_start (self);
  update_counter (self);
}

const char *
solace_today_page_get_counter_text (SolaceTodayPage *self)
{
  g_return_val_if_fail (SOLACE_IS_TODAY_PAGE (self), NULL);

  return gtk_label_get_text (self->counter_label);
}

/**
 * solace_today_page_choose_start:
 *
 * What the calendar's button does: a day in the future is refused with
 * a message; any other day becomes the start and is saved off the main
 * thread.
 */
void
solace_today_page_choose_start (SolaceTodayPage *self,
                                const GDate     *date)
{
  g_autoptr(GDate) today = today_local ();
  g_autoptr(GTask) task = NULL;
  GApplication *app;

  g_return_if_fail (SOLACE_IS_TODAY_PAGE (self));
  g_return_if_fail (date != NULL && g_date_valid (date));

  if (g_date_compare (date, today) > 0)
    {
      gtk_label_set_text (self->date_error_label, _("That day hasn’t come yet. Choose today or a day before it."));
      gtk_widget_set_visible (GTK_WIDGET (self->date_error_label), TRUE);
      return;
    }

  gtk_popover_popdown (self->date_popover);

  if (self->database == NULL || solace_database_is_read_only (self->database))
    {
      show_toast (self, _("Solace is read-only right now, so the day can’t be changed."));
      return;
    }

  g_clear_pointer (&self->start, g_date_free);
  self->start = g_date_copy (date);
  update_counter (self);

  /* Solace stays running until the day is written, even if the window
   * is closed at once. */
  app = application_of (self);
  if (app != NULL)
    g_application_hold (app);
  task = g_task_new (self, NULL, save_start_done_cb, app != NULL ? g_object_ref (app) : NULL);
  g_task_set_task_data (task, g_date_copy (date), (GDestroyNotify) g_date_free);
  g_task_run_in_thread (task, save_start_thread);
}

