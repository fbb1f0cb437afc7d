/* solace-welcome.c — the first run: the day contact stopped, reasons,
 * one trusted person and an evening prompt
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "solace-welcome"

#include "config.h"

#include <glib/gi18n.h>

#include "solace-progress.h"
#include "solace-reminders.h"
#include "solace-task.h"
#include "solace-welcome.h"
#include "solace-widgets.h"

#define N_REASONS 3

struct _SolaceWelcome
{
  AdwWindow           parent_instance;

  SolaceDatabase     *db;
  SolaceContactStore *contacts;
  guint               step;
  gboolean            count_day;
  gboolean            saving;

  /* From the template. */
  AdwWindowTitle     *title;
  GtkWidget          *back_button;
  GtkWidget          *skip_button;
  GtkWidget          *next_button;
  GtkStack           *stack;
  GtkCalendar        *calendar;
  AdwEntryRow        *reasons[N_REASONS];
  AdwEntryRow        *name;
  AdwEntryRow        *phone;
  GtkSwitch          *gratitude;
  GtkLabel           *error_label;
};

G_DEFINE_FINAL_TYPE (SolaceWelcome, solace_welcome, ADW_TYPE_WINDOW)

enum {
  FINISHED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static GDate *
today_local (void)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_local ();

  return solace_local_day (tz, g_get_real_time () / G_USEC_PER_SEC);
}

gboolean
solace_welcome_wanted (SolaceDatabase *db)
{
  g_autoptr(GSettings) settings = g_settings_new ("io.github.solace_app.Solace");
  g_autoptr(GDate) today = today_local ();
  SolaceStretchSummary summary;

  if (db == NULL || solace_database_is_read_only (db) || g_settings_get_boolean (settings, "welcome-done"))
    return FALSE;

  /* Someone who already counts (from an import, or an older Solace)
   * is past the first day. */
  return solace_progress_load_summary (db, today, &summary, NULL) && summary.n_stretches == 0;
}

static void
mark_done (void)
{
  g_autoptr(GSettings) settings = g_settings_new ("io.github.solace_app.Solace");

  g_settings_set_boolean (settings, "welcome-done", TRUE);
}


static void
show_error (SolaceWelcome *self,
            const char    *message)
{
  gtk_label_set_text (self->error_label, message);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

static void
go_to (SolaceWelcome *self,
       guint          step)
{
  g_autofree char *name = g_strdup_printf ("step-%u", step);
  g_autofree char *subtitle = g_strdup_printf (_("Step %u of %u"), step + 1, SOLACE_WELCOME_STEPS);

  self->step = step;
  gtk_stack_set_visible_child_name (self->stack, name);
  adw_window_title_set_subtitle (self->title, subtitle);
  gtk_widget_set_visible (self->back_button, step > 0);
  gtk_widget_set_visible (self->skip_button, step == 0);
  gtk_button_set_label (GTK_BUTTON (self->next_button),
                        step + 1 < SOLACE_WELCOME_STEPS ? _("_Next") : _("_Done"));
  show_error (self, NULL);
}

/* ---- Finishing ------------------------------------------------------ */

typedef struct
{
  GDate  *start;
  GStrv   reasons;
  gboolean gratitude;
} Finish;

static void
finish_free (Finish *finish)
{
  g_clear_pointer (&finish->start, g_date_free);
  g_strfreev (finish->reasons);
  g_free (finish);
}

static gboolean
finish_run (SolaceDatabase  *db,
            gpointer         data,
            GError         **error)
{
  Finish *finish = data;
  g_autoptr(GDate) today = today_local ();

  if (finish->start != NULL && !solace_progress_set_start (db, finish->start, today, error))
    return FALSE;
  if (finish->reasons[0] != NULL && !solace_progress_save_reasons (db, (const char * const *) finish->reasons, error))
    return FALSE;
  /* The gratitude prompt keeps its usual time: 21:00. */
  if (finish->gratitude &&
      !solace_reminders_set (db, "gratitude", TRUE, "FREQ=DAILY", "20260101T210000",
                             g_get_real_time () / G_USEC_PER_SEC, error))
    return FALSE;

  return TRUE;
}

static void
finish_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  SolaceWelcome *self = SOLACE_WELCOME (object);
  g_autoptr(GError) error = NULL;

  self->saving = FALSE;
  gtk_widget_set_sensitive (self->next_button, TRUE);

  if (!solace_database_run_finish (result, &error))
    {
      g_autofree char *message = g_strdup_printf (_("This could not be saved: %s"), error->message);

      show_error (self, message);
      return;
    }

  mark_done ();
  g_signal_emit (self, signals[FINISHED], 0);
  gtk_window_close (GTK_WINDOW (self));
}

static void
finish (SolaceWelcome *self)
{
  g_autoptr(GStrvBuilder) reasons = g_strv_builder_new ();
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->name))));
  Finish *data;

  if (self->saving)
    return;

  /* The trusted person first: the contact store checks and writes it. */
  if (*name != '\0' && self->contacts != NULL)
    {
      g_autoptr(SolaceContact) contact = solace_contact_new (SOLACE_CONTACT_PERSON);
      g_autoptr(GError) error = NULL;

      solace_contact_set_field (contact, "name", name);
      solace_contact_set_field (contact, "phone", gtk_editable_get_text (GTK_EDITABLE (self->phone)));
      solace_contact_set_good_for (contact, SOLACE_GOOD_FOR_TALKING);
      if (!solace_contact_store_save (self->contacts, contact, &error))
        {
          go_to (self, 2);
          show_error (self, error->message);
          return;
        }
      /* Saved once: going back and finishing again must not add a twin. */
      gtk_editable_set_text (GTK_EDITABLE (self->name), "");
    }

  data = g_new0 (Finish, 1);
  if (self->count_day)
    {
      g_autoptr(GDateTime) chosen = gtk_calendar_get_date (self->calendar);

      data->start = g_date_new_dmy (g_date_time_get_day_of_month (chosen),
                                    g_date_time_get_month (chosen),
                                    g_date_time_get_year (chosen));
    }
  for (guint i = 0; i < N_REASONS; i++)
    g_strv_builder_add (reasons, gtk_editable_get_text (GTK_EDITABLE (self->reasons[i])));
  data->reasons = g_strv_builder_end (reasons);
  data->gratitude = gtk_switch_get_active (self->gratitude);

  self->saving = TRUE;
  gtk_widget_set_sensitive (self->next_button, FALSE);
  solace_database_run_async (self->db, self, finish_run, data, (GDestroyNotify) finish_free,
                             finish_done_cb, NULL);
}

/* ---- Steps ---------------------------------------------------------- */

static void
next_cb (SolaceWelcome *self)
{
  if (self->step == 0)
    {
      g_autoptr(GDateTime) chosen = gtk_calendar_get_date (self->calendar);
      g_autoptr(GDate) day = g_date_new_dmy (g_date_time_get_day_of_month (chosen),
                                             g_date_time_get_month (chosen),
                                             g_date_time_get_year (chosen));
      g_autoptr(GDate) today = today_local ();

      if (g_date_compare (day, today) > 0)
        {
          show_error (self, _("That day hasn’t come yet. Choose today or a day before it."));
          return;
        }
      self->count_day = TRUE;
    }

  if (self->step + 1 < SOLACE_WELCOME_STEPS)
    go_to (self, self->step + 1);
  else
    finish (self);
}

static void
not_yet_cb (SolaceWelcome *self)
{
  self->count_day = FALSE;
  go_to (self, 1);
}

static void
back_cb (SolaceWelcome *self)
{
  if (self->step > 0)
    go_to (self, self->step - 1);
}

static void
skip_cb (SolaceWelcome *self)
{
  mark_done ();
  g_signal_emit (self, signals[FINISHED], 0);
  gtk_window_close (GTK_WINDOW (self));
}

static void
solace_welcome_dispose (GObject *object)
{
  SolaceWelcome *self = SOLACE_WELCOME (object);

  g_clear_object (&self->db);
  g_clear_object (&self->contacts);
  gtk_widget_dispose_template (GTK_WIDGET (self), SOLACE_TYPE_WELCOME);

  G_OBJECT_CLASS (solace_welcome_parent_class)->dispose (object);
}

static void
solace_welcome_class_init (SolaceWelcomeClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = solace_welcome_dispose;

  /**
   * SolaceWelcome::finished:
   *
   * The welcome was completed and saved, or skipped.
   */
  signals[FINISHED] = g_signal_new ("finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/solace_app/Solace/gui/solace-welcome.ui");
  gtk_widget_class_bind_template_child (widget_class, SolaceWelcome, title);
  gtk_widget_class_bind_template_child (widget_class, SolaceWelcome, back_button);
  gtk_widget_class_bind_template_child (widget_class, SolaceWelcome, skip_button);
  gtk_widget_class_bind_template_child (widget_class, SolaceWelcome, next_button);
  gtk_widget_class_bind_template_child (widget_class, SolaceWelcome, stack);
  gtk_widget_class_bind_template_child (widget_class, SolaceWelcome, calendar);
  gtk_widget_class_bind_template_child_full (widget_class, "reason_0", FALSE, G_STRUCT_OFFSET (SolaceWelcome, reasons[0]));
  gtk_widget_class_bind_template_child_full (widget_class, "reason_1", FALSE, G_STRUCT_OFFSET (SolaceWelcome, reasons[1]));
  gtk_widget_class_bind_template_child_full (widget_class, "reason_2", FALSE, G_STRUCT_OFFSET (SolaceWelcome, reasons[2]));
  gtk_widget_class_bind_template_child (widget_class, SolaceWelcome, name);
  gtk_widget_class_bind_template_child (widget_class, SolaceWelcome, phone);
  gtk_widget_class_bind_template_child (widget_class, SolaceWelcome, gratitude);
  gtk_widget_class_bind_template_child (widget_class, SolaceWelcome, error_label);
  gtk_widget_class_bind_template_callback (widget_class, back_cb);
  gtk_widget_class_bind_template_callback (widget_class, skip_cb);
  gtk_widget_class_bind_template_callback (widget_class, next_cb);
  gtk_widget_class_bind_template_callback (widget_class, not_yet_cb);
}

static void
solace_welcome_init (SolaceWelcome *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  for (guint i = 0; i < N_REASONS; i++)
    solace_editable_set_max_chars (GTK_EDITABLE (self->reasons[i]), SOLACE_MAX_REASON_CHARS);
  solace_editable_set_max_chars (GTK_EDITABLE (self->name), SOLACE_MAX_CONTACT_CHARS);
  solace_editable_set_max_chars (GTK_EDITABLE (self->phone), SOLACE_MAX_CONTACT_CHARS);

  go_to (self, 0);
}

SolaceWelcome *
solace_welcome_new (GtkWindow          *parent,
                    SolaceDatabase     *db,
                    SolaceContactStore *contacts)
{
  SolaceWelcome *self;

  g_return_val_if_fail (SOLACE_IS_DATABASE (db), NULL);

  self = g_object_new (SOLACE_TYPE_WELCOME, "transient-for", parent, NULL);
  self->db = g_object_ref (db);
  if (contacts != NULL)
    self->contacts = g_object_ref (contacts);

  return self;
}

guint
solace_welcome_get_step (SolaceWelcome *self)
{
  g_return_val_if_fail (SOLACE_IS_WELCOME (self), 0);

  return self->step;
}

GtkWidget *
solace_welcome_get_part (SolaceWelcome *self,
                         const char    *name)
{
  g_return_val_if_fail (SOLACE_IS_WELCOME (self), NULL);

  if (g_str_equal (name, "next"))
    return self->next_button;
  if (g_str_equal (name, "back"))
    return self->back_button;
  if (g_str_equal (name, "skip"))
    return self->skip_button;
  if (g_str_equal (name, "calendar"))
    return GTK_WIDGET (self->calendar);
  if (g_str_equal (name, "name"))
    return GTK_WIDGET (self->name);
  if (g_str_equal (name, "phone"))
    return GTK_WIDGET (self->phone);
  if (g_str_equal (name, "gratitude"))
    return GTK_WIDGET (self->gratitude);
  if (g_str_equal (name, "error"))
    return GTK_WIDGET (self->error_label);
  if (g_str_has_prefix (name, "reason-") && name[7] >= '0' && name[7] < '0' + N_REASONS)
    return GTK_WIDGET (self->reasons[name[7] - '0']);

  return NULL;
}
