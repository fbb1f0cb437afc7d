/* solace-urge-dialog.c — "I want to reach out": pause, remember, call
 * someone, write, log
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "solace-urge-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "solace-breathing.h"
#include "solace-journal-entry.h"
#include "solace-task.h"
#include "solace-urge-dialog.h"
#include "solace-widgets.h"

#define N_STEPS 5

static const char * const step_titles[] = {
  N_("Pause"),
  N_("Your Reasons"),
  N_("Someone Instead"),
  N_("Write It Instead"),
  N_("Log It"),
};

struct _SolaceUrgeDialog
{
  AdwWindow             parent_instance;

  SolaceDatabase       *db;
  SolaceContactStore   *contacts;
  SolaceStretchSummary  summary;
  SolaceUrgeStep        step;
  gboolean              reasons_changed;
  gboolean              saving;

  /* From the template. */
  AdwWindowTitle       *title;
  GtkWidget            *back_button;
  GtkWidget            *next_button;
  GtkStack             *stack;

  SolaceBreathing      *breathing;
  GtkListBox           *reasons;
  AdwEntryRow          *add_reason;
  GtkListBox           *people;
  GtkWidget            *write_button;
  GtkRange             *intensity;
  GtkEntry             *cause;
  GtkFlowBox           *causes;
  GtkWidget            *passed_button;
  GtkWidget            *reached_out_button;
  GtkLabel             *error_label;
  GtkLabel             *done_title;
  GtkLabel             *done_message;
  GtkWidget            *done_button;
};

G_DEFINE_FINAL_TYPE (SolaceUrgeDialog, solace_urge_dialog, ADW_TYPE_WINDOW)

enum {
  LOGGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];


/* ---- Reasons -------------------------------------------------------- */

static void
reasons_changed_cb (SolaceUrgeDialog *self)
{
  self->reasons_changed = TRUE;
}

static GtkWidget *
reason_row_new (SolaceUrgeDialog *self,
                const char       *text)
{
  GtkWidget *row = adw_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Reason"));
  solace_editable_set_max_chars (GTK_EDITABLE (row), SOLACE_MAX_REASON_CHARS);
  gtk_editable_set_text (GTK_EDITABLE (row), text);
  g_signal_connect_swapped (row, "changed", G_CALLBACK (reasons_changed_cb), self);

  return row;
}

static void
add_reason_cb (SolaceUrgeDialog *self)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->add_reason))));
  GtkWidget *row;

  if (*text == '\0')
    return;

  row = reason_row_new (self, text);
  gtk_list_box_insert (self->reasons, row, gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (self->add_reason)));
  gtk_editable_set_text (GTK_EDITABLE (self->add_reason), "");
  self->reasons_changed = TRUE;
}

static GStrv
read_reasons (SolaceUrgeDialog *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->reasons));
       row != NULL;
       row = gtk_widget_get_next_sibling (row))
    if (ADW_IS_ENTRY_ROW (row) && row != GTK_WIDGET (self->add_reason))
      g_strv_builder_add (builder, gtk_editable_get_text (GTK_EDITABLE (row)));

  /* Typed but not yet added: kept too. */
  g_strv_builder_add (builder, gtk_editable_get_text (GTK_EDITABLE (self->add_reason)));

  return g_strv_builder_end (builder);
}

static gboolean
save_reasons_run (SolaceDatabase  *db,
                  gpointer         data,
                  GError         **error)
{
  return solace_progress_save_reasons (db, (const char * const *) data, error);
}

static void
save_reasons_done_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!solace_database_run_finish (result, &error))
    {
      g_autofree char *message = g_strdup_printf (_("Your reasons could not be saved: %s"), error->message);

      solace_widget_toast (GTK_WIDGET (object), message);
    }
}

static void
save_reasons (SolaceUrgeDialog *self)
{
  if (!self->reasons_changed || self->db == NULL || solace_database_is_read_only (self->db))
    return;

  self->reasons_changed = FALSE;
  solace_database_run_async (self->db, self, save_reasons_run, read_reasons (self),
                             (GDestroyNotify) g_strfreev, save_reasons_done_cb, NULL);
}

static void
fill_reasons (SolaceUrgeDialog *self)
{
  g_auto(GStrv) reasons = self->db != NULL ? solace_progress_load_reasons (self->db, NULL) : NULL;

  /* Each before the row that adds one more. */
  for (guint i = 0; reasons != NULL && reasons[i] != NULL; i++)
    gtk_list_box_insert (self->reasons, reason_row_new (self, reasons[i]), i);
  if (reasons != NULL && reasons[0] != NULL)
    adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->add_reason), _("Add another reason"));
}

/* ---- Someone instead ------------------------------------------------ */

static void
open_uri_cb (GtkButton        *button,
             SolaceUrgeDialog *self)
{
  const char *uri = g_object_get_data (G_OBJECT (button), "uri");

  gtk_show_uri (GTK_WINDOW (self), uri, GDK_CURRENT_TIME);
}

static void
add_contact_button (SolaceUrgeDialog    *self,
                    GtkWidget           *row,
                    SolaceContact       *contact,
                    SolaceContactAction  action,
                    const char          *icon,
                    const char          *name)
{
  g_autofree char *uri = solace_contact_dup_uri (contact, action);
  GtkWidget *button;

  if (uri == NULL)
    return;

  button = gtk_button_new_from_icon_name (icon);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  g_object_set_data_full (G_OBJECT (button), "uri", g_steal_pointer (&uri), g_free);
  g_signal_connect (button, "clicked", G_CALLBACK (open_uri_cb), self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
}

static void
crisis_lines_cb (SolaceUrgeDialog *self)
{
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));

  if (parent != NULL)
    gtk_widget_activate_action (GTK_WIDGET (parent), "win.crisis-lines", NULL);
  gtk_window_close (GTK_WINDOW (self));
}

static gboolean
is_person_cb (gpointer item,
              gpointer user_data)
{
  return solace_contact_get_kind (SOLACE_CONTACT (item)) != SOLACE_CONTACT_LINE;
}

static GtkWidget *
create_person_row_cb (gpointer item,
                      gpointer user_data)
{
  SolaceUrgeDialog *self = user_data;
  SolaceContact *contact = item;
  const char *name = solace_contact_get_field (contact, "name");
  g_autofree char *title = g_markup_escape_text (name, -1);
  /* Translators: buttons' names for screen readers: "Call Maya". */
  g_autofree char *call = g_strdup_printf (_("Call %s"), name);
  g_autofree char *text = g_strdup_printf (_("Send %s a text"), name);
  g_autofree char *email = g_strdup_printf (_("Email %s"), name);
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (solace_contact_get_kind (contact) == SOLACE_CONTACT_PERSON)
    {
      g_autofree char *relationship = g_markup_escape_text (solace_contact_get_field (contact, "relationship"), -1);

      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), relationship);
    }
  else
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), solace_contact_kind_get_label (solace_contact_get_kind (contact)));

  add_contact_button (self, row, contact, SOLACE_CONTACT_CALL, "call-start-symbolic", call);
  add_contact_button (self, row, contact, SOLACE_CONTACT_TEXT, "mail-message-new-symbolic", text);
  add_contact_button (self, row, contact, SOLACE_CONTACT_EMAIL, "mail-send-symbolic", email);

  return row;
}

/* ---- Write ---------------------------------------------------------- */

static void
write_cb (SolaceUrgeDialog *self)
{
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));

  save_reasons (self);
  /* The main window opens a new letter; any other has no such action. */
  if (parent != NULL)
    gtk_widget_activate_action (GTK_WIDGET (parent), "win.write", "s",
                                solace_entry_kind_to_key (SOLACE_ENTRY_KIND_LETTER));
  gtk_window_close (GTK_WINDOW (self));
}

/* ---- Log ------------------------------------------------------------ */

static void
cause_chip_cb (GtkButton        *button,
               SolaceUrgeDialog *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->cause), gtk_button_get_label (button));
}

typedef struct
{
  gint64    at;
  GDate     today;
  int       intensity;
  char     *cause;
  gboolean  reached_out;
} LogData;

static void
log_data_free (LogData *data)
{
  g_free (data->cause);
  g_free (data);
}

static gboolean
log_run (SolaceDatabase  *db,
         gpointer         data,
         GError         **error)
{
  LogData *log = data;

  return solace_progress_log_urge (db, log->at, &log->today, log->intensity, log->cause, log->reached_out, error);
}

static void go_to (SolaceUrgeDialog *self, SolaceUrgeStep step);

static void
show_done (SolaceUrgeDialog *self,
           gboolean          reached_out)
{
  const SolaceStretchSummary *s = &self->summary;
  g_autofree char *message = NULL;

  if (!reached_out)
    {
      gtk_label_set_text (self->done_title, _("You Rode It Out"));
      if (s->has_current)
        message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                "The urge came and went, and you are still on day %d. Every time you "
                                                "let one pass, the next gets a little easier.",
                                                "The urge came and went, and you are still on day %d. Every time you "
                                                "let one pass, the next gets a little easier.",
                                                s->current_day),
                                   s->current_day);
      else
        message = g_strdup (_("The urge came and went. Every time you let one pass, the next gets a little easier."));
    }
  else
    {
      int kept = MAX (s->current_day - 1, 0);

      gtk_label_set_text (self->done_title, _("That Happens"));
      if (s->has_current && kept > 0)
        message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                "Reaching out does not undo what you did. You went %d day without "
                                                "contact, and it still counts. Today is day 1 of a new stretch. "
                                                "Be gentle with yourself tonight.",
                                                "Reaching out does not undo what you did. You went %d days without "
                                                "contact, and they still count. Today is day 1 of a new stretch. "
                                                "Be gentle with yourself tonight.",
                                                kept),
                                   kept);
      else
        message = g_strdup (_("Reaching out does not undo the work you have done, and it does not make you weak. "
                              "Be gentle with yourself tonight; you can begin again whenever you are ready."));
    }

  gtk_label_set_text (self->done_message, message);
  go_to (self, SOLACE_URGE_STEP_DONE);
}

static void
log_done_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  SolaceUrgeDialog *self = SOLACE_URGE_DIALOG (object);
  gboolean reached_out = GPOINTER_TO_INT (user_data);
  g_autoptr(GError) error = NULL;

  self->saving = FALSE;
  gtk_widget_set_sensitive (self->passed_button, TRUE);
  gtk_widget_set_sensitive (self->reached_out_button, TRUE);

  if (!solace_database_run_finish (result, &error))
    {
      g_autofree char *message = g_strdup_printf (_("This could not be saved: %s"), error->message);

      gtk_label_set_text (self->error_label, message);
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
      return;
    }

  g_signal_emit (self, signals[LOGGED], 0, reached_out);
  show_done (self, reached_out);
}

static void
log_urge (SolaceUrgeDialog *self,
          gboolean          reached_out)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_local ();
  g_autoptr(GDate) today = NULL;
  LogData *data;

  if (self->saving)
    return;

  if (self->db == NULL || solace_database_is_read_only (self->db))
    {
      gtk_label_set_text (self->error_label, _("Solace is read-only right now, so this cannot be saved."));
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
      return;
    }

  save_reasons (self);

  data = g_new0 (LogData, 1);
  data->at = g_get_real_time () / G_USEC_PER_SEC;
  today = solace_local_day (tz, data->at);
  data->today = *today;
  data->intensity = (int) gtk_range_get_value (self->intensity);
  data->cause = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->cause)));
  data->reached_out = reached_out;

  self->saving = TRUE;
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  gtk_widget_set_sensitive (self->passed_button, FALSE);
  gtk_widget_set_sensitive (self->reached_out_button, FALSE);
  solace_database_run_async (self->db, self, log_run, data, (GDestroyNotify) log_data_free,
                             log_done_cb, GINT_TO_POINTER (reached_out));
}

static void
passed_cb (SolaceUrgeDialog *self)
{
  log_urge (self, FALSE);
}

static void
reached_out_cb (SolaceUrgeDialog *self)
{
  log_urge (self, TRUE);
}

static void
fill_causes (SolaceUrgeDialog *self)
{
  g_auto(GStrv) recent = self->db != NULL ? solace_progress_recent_causes (self->db, 6, NULL) : NULL;

  for (guint i = 0; recent != NULL && recent[i] != NULL; i++)
    {
      GtkWidget *chip = gtk_button_new_with_label (recent[i]);

      gtk_widget_add_css_class (chip, "emotion-chip");
      gtk_label_set_ellipsize (GTK_LABEL (gtk_button_get_child (GTK_BUTTON (chip))), PANGO_ELLIPSIZE_END);
      gtk_label_set_max_width_chars (GTK_LABEL (gtk_button_get_child (GTK_BUTTON (chip))), 24);
      g_signal_connect (chip, "clicked", G_CALLBACK (cause_chip_cb), self);
      gtk_flow_box_append (self->causes, chip);
      gtk_widget_set_focusable (gtk_widget_get_parent (chip), FALSE);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->causes), recent != NULL && recent[0] != NULL);
}

/* ---- Steps ---------------------------------------------------------- */

static void
go_to (SolaceUrgeDialog *self,
       SolaceUrgeStep    step)
{
  g_autofree char *name = g_strdup_printf ("step-%d", step);

  if (self->step == SOLACE_URGE_STEP_REASONS && step != SOLACE_URGE_STEP_REASONS)
    save_reasons (self);

  self->step = step;
  gtk_stack_set_visible_child_name (self->stack, name);

  if (step < N_STEPS)
    {
      g_autofree char *subtitle = g_strdup_printf (_("Step %d of %d"), step + 1, N_STEPS);

      adw_window_title_set_title (self->title, _(step_titles[step]));
      adw_window_title_set_subtitle (self->title, subtitle);
    }
  else
    {
      adw_window_title_set_title (self->title, "");
      adw_window_title_set_subtitle (self->title, "");
    }

  /* Every step but the last can be skipped; "Next" once the breathing
   * has run its course. */
  gtk_widget_set_visible (self->back_button, step > 0 && step < SOLACE_URGE_STEP_DONE);
  gtk_widget_set_visible (self->next_button, step < SOLACE_URGE_STEP_LOG);
  gtk_button_set_label (GTK_BUTTON (self->next_button), _("_Skip"));
  gtk_widget_remove_css_class (self->next_button, "suggested-action");
  if (step != SOLACE_URGE_STEP_PAUSE && step < SOLACE_URGE_STEP_LOG)
    {
      gtk_button_set_label (GTK_BUTTON (self->next_button), _("_Next"));
      gtk_widget_add_css_class (self->next_button, "suggested-action");
    }

  if (step == SOLACE_URGE_STEP_PAUSE)
    solace_breathing_start (self->breathing);
  else
    solace_breathing_stop (self->breathing);

  if (step == SOLACE_URGE_STEP_LOG)
    gtk_widget_grab_focus (GTK_WIDGET (self->intensity));
  else if (step == SOLACE_URGE_STEP_DONE)
    gtk_widget_grab_focus (self->done_button);
}

static void
next_cb (SolaceUrgeDialog *self)
{
  if (self->step < SOLACE_URGE_STEP_LOG)
    go_to (self, self->step + 1);
}

static void
back_cb (SolaceUrgeDialog *self)
{
  if (self->step > 0 && self->step < SOLACE_URGE_STEP_DONE)
    go_to (self, self->step - 1);
}

static void
breathing_finished_cb (SolaceUrgeDialog *self)
{
  gtk_button_set_label (GTK_BUTTON (self->next_button), _("_Next"));
  gtk_widget_add_css_class (self->next_button, "suggested-action");
}

static gboolean
close_request_cb (SolaceUrgeDialog *self)
{
  solace_breathing_stop (self->breathing);
  save_reasons (self);
  return FALSE;
}

static void
solace_urge_dialog_dispose (GObject *object)
{
  SolaceUrgeDialog *self = SOLACE_URGE_DIALOG (object);

  g_clear_object (&self->db);
  g_clear_object (&self->contacts);
  gtk_widget_dispose_template (GTK_WIDGET (self), SOLACE_TYPE_URGE_DIALOG);

  G_OBJECT_CLASS (solace_urge_dialog_parent_class)->dispose (object);
}

static void
solace_urge_dialog_class_init (SolaceUrgeDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = solace_urge_dialog_dispose;

  /**
   * SolaceUrgeDialog::logged:
   * @reached_out: whether the person reached out
   *
   * The urge was saved.
   */
  signals[LOGGED] = g_signal_new ("logged", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_BOOLEAN);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);

  g_type_ensure (SOLACE_TYPE_BREATHING);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/solace_app/Solace/gui/solace-urge-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, SolaceUrgeDialog, title);
  gtk_widget_class_bind_template_child (widget_class, SolaceUrgeDialog, back_button);
  gtk_widget_class_bind_template_child (widget_class, SolaceUrgeDialog, next_button);
  gtk_widget_class_bind_template_child (widget_class, SolaceUrgeDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, SolaceUrgeDialog, breathing);
  gtk_widget_class_bind_template_child (widget_class, SolaceUrgeDialog, reasons);
  gtk_widget_class_bind_template_child (widget_class, SolaceUrgeDialog, add_reason);
  gtk_widget_class_bind_template_child (widget_class, SolaceUrgeDialog, people);
  gtk_widget_class_bind_template_child (widget_class, SolaceUrgeDialog, write_button);
  gtk_widget_class_bind_template_child (widget_class, SolaceUrgeDialog, intensity);
  gtk_widget_class_bind_template_child (widget_class, SolaceUrgeDialog, cause);
  gtk_widget_class_bind_template_child (widget_class, SolaceUrgeDialog, causes);
  gtk_widget_class_bind_template_child (widget_class, SolaceUrgeDialog, passed_button);
  gtk_widget_class_bind_template_child (widget_class, SolaceUrgeDialog, reached_out_button);
  gtk_widget_class_bind_template_child (widget_class, SolaceUrgeDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, SolaceUrgeDialog, done_title);
  gtk_widget_class_bind_template_child (widget_class, SolaceUrgeDialog, done_message);
  gtk_widget_class_bind_template_child (widget_class, SolaceUrgeDialog, done_button);
  gtk_widget_class_bind_template_callback (widget_class, back_cb);
  gtk_widget_class_bind_template_callback (widget_class, next_cb);
  gtk_widget_class_bind_template_callback (widget_class, breathing_finished_cb);
  gtk_widget_class_bind_template_callback (widget_class, add_reason_cb);
  gtk_widget_class_bind_template_callback (widget_class, reasons_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, crisis_lines_cb);
  gtk_widget_class_bind_template_callback (widget_class, write_cb);
  gtk_widget_class_bind_template_callback (widget_class, passed_cb);
  gtk_widget_class_bind_template_callback (widget_class, reached_out_cb);
  gtk_widget_class_bind_template_callback (widget_class, close_request_cb);
}

static void
solace_urge_dialog_init (SolaceUrgeDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  solace_editable_set_max_chars (GTK_EDITABLE (self->add_reason), SOLACE_MAX_REASON_CHARS);
  solace_editable_set_max_chars (GTK_EDITABLE (self->cause), SOLACE_MAX_CAUSE_CHARS);
}

SolaceUrgeDialog *
solace_urge_dialog_new (GtkWindow                  *parent,
                        SolaceDatabase             *db,
                        SolaceContactStore         *contacts,
                        const SolaceStretchSummary *summary)
{
  SolaceUrgeDialog *self = g_object_new (SOLACE_TYPE_URGE_DIALOG, "transient-for", parent, NULL);

  if (db != NULL)
    self->db = g_object_ref (db);
  if (contacts != NULL)
    self->contacts = g_object_ref (contacts);
  if (summary != NULL)
    self->summary = *summary;

  fill_reasons (self);
  if (contacts != NULL)
    {
      GtkCustomFilter *people = gtk_custom_filter_new (is_person_cb, NULL, NULL);
      g_autoptr(GtkFilterListModel) model = gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (contacts)),
                                                                       GTK_FILTER (people));

      gtk_list_box_bind_model (self->people, G_LIST_MODEL (model), create_person_row_cb, self, NULL);
    }
  fill_causes (self);
  go_to (self, SOLACE_URGE_STEP_PAUSE);

  return self;
}

SolaceUrgeStep
solace_urge_dialog_get_step (SolaceUrgeDialog *self)
{
  g_return_val_if_fail (SOLACE_IS_URGE_DIALOG (self), 0);

  return self->step;
}

GtkWidget *
solace_urge_dialog_get_part (SolaceUrgeDialog *self,
                             const char       *name)
{
  struct { const char *name; gpointer widget; } parts[] = {
    { "next", self->next_button },
    { "back", self->back_button },
    { "breathing", self->breathing },
    { "reasons", self->reasons },
    { "add-reason", self->add_reason },
    { "people", self->people },
    { "write", self->write_button },
    { "intensity", self->intensity },
    { "cause", self->cause },
    { "causes", self->causes },
    { "passed", self->passed_button },
    { "reached-out", self->reached_out_button },
    { "done-title", self->done_title },
    { "done-message", self->done_message },
    { "error", self->error_label },
  };

  g_return_val_if_fail (SOLACE_IS_URGE_DIALOG (self), NULL);

  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    if (g_str_equal (parts[i].name, name))
      return parts[i].widget;

  return NULL;
}
