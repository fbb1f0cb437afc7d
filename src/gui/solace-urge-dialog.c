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
build_reasons (SolaceUrgeDialog *self,
               GtkWidget        *box)
{
  g_auto(GStrv) reasons = self->db != NULL ? solace_progress_load_reasons (self->db, NULL) : NULL;

  self->reasons = GTK_LIST_BOX (solace_boxed_list_new ());
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->reasons), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Your reasons"), -1);
  for (guint i = 0; reasons != NULL && reasons[i] != NULL; i++)
    gtk_list_box_append (self->reasons, reason_row_new (self, reasons[i]));

  self->add_reason = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->add_reason),
                                 reasons != NULL && reasons[0] != NULL ? _("Add another reason")
                                                                       : _("Why did you choose this?"));
  adw_entry_row_set_show_apply_button (self->add_reason, TRUE);
  solace_editable_set_max_chars (GTK_EDITABLE (self->add_reason), SOLACE_MAX_REASON_CHARS);
  g_signal_connect_swapped (self->add_reason, "apply", G_CALLBACK (add_reason_cb), self);
  g_signal_connect_swapped (self->add_reason, "entry-activated", G_CALLBACK (add_reason_cb), self);
  /* Typed but not added yet still counts as a change to save. */
  g_signal_connect_swapped (self->add_reason, "changed", G_CALLBACK (reasons_changed_cb), self);
  gtk_list_box_append (self->reasons, GTK_WIDGET (self->add_reason));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->reasons));
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

static void
build_people (SolaceUrgeDialog *self,
              GtkWidget        *box)
{
  SolaceContactStore *store = self->contacts;
  GtkWidget *crisis = gtk_button_new_with_mnemonic (_("_Crisis Lines"));
  guint n = 0;

  self->people = GTK_LIST_BOX (solace_boxed_list_new ());
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->people), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Your trusted people"), -1);

  for (guint i = 0; store != NULL && i < g_list_model_get_n_items (G_LIST_MODEL (store)); i++)
    {
      g_autoptr(SolaceContact) contact = g_list_model_get_item (G_LIST_MODEL (store), i);
      g_autofree char *title = NULL;
      GtkWidget *row;

      if (solace_contact_get_kind (contact) == SOLACE_CONTACT_LINE)
        continue;

      row = adw_action_row_new ();
      title = g_markup_escape_text (solace_contact_get_field (contact, "name"), -1);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      if (solace_contact_get_kind (contact) == SOLACE_CONTACT_PERSON)
        {
          g_autofree char *relationship = g_markup_escape_text (solace_contact_get_field (contact, "relationship"), -1);
          adw_action_row_set_subtitle (ADW_ACTION_ROW (row), relationship);
        }
      else
        adw_action_row_set_subtitle (ADW_ACTION_ROW (row), solace_contact_kind_get_label (solace_contact_get_kind (contact)));
      {
        const char *name = solace_contact_get_field (contact, "name");
        /* Translators: buttons' names for screen readers: "Call Maya". */
        g_autofree char *call = g_strdup_printf (_("Call %s"), name);
        g_autofree char *text = g_strdup_printf (_("Send %s a text"), name);
        g_autofree char *email = g_strdup_printf (_("Email %s"), name);

        add_contact_button (self, row, contact, SOLACE_CONTACT_CALL, "call-start-symbolic", call);
        add_contact_button (self, row, contact, SOLACE_CONTACT_TEXT, "mail-message-new-symbolic", text);
        add_contact_button (self, row, contact, SOLACE_CONTACT_EMAIL, "mail-send-symbolic", email);
      }
      gtk_list_box_append (self->people, row);
      n++;
    }

  if (n == 0)
    gtk_list_box_set_placeholder (self->people,
                                  solace_placeholder_new (_("No one here yet. You can add the people you trust in Support.")));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->people));

  gtk_widget_add_css_class (crisis, "pill");
  gtk_widget_set_halign (crisis, GTK_ALIGN_CENTER);
  g_signal_connect_swapped (crisis, "clicked", G_CALLBACK (crisis_lines_cb), self);
  gtk_box_append (GTK_BOX (box), crisis);
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
build_log (SolaceUrgeDialog *self,
           GtkWidget        *box)
{
  g_auto(GStrv) recent = self->db != NULL ? solace_progress_recent_causes (self->db, 6, NULL) : NULL;
  GtkWidget *strength = gtk_label_new (_("How strong is it?"));
  GtkWidget *cause_label = gtk_label_new (_("What set it off?"));
  GtkWidget *outcome = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *scale;

  gtk_label_set_xalign (GTK_LABEL (strength), 0);
  gtk_widget_add_css_class (strength, "heading");
  gtk_box_append (GTK_BOX (box), strength);
  scale = gtk_scale_new_with_range (GTK_ORIENTATION_HORIZONTAL, 1, 10, 1);
  self->intensity = GTK_RANGE (scale);
  gtk_range_set_value (self->intensity, 5);
  gtk_range_set_round_digits (self->intensity, 0);
  gtk_scale_set_draw_value (GTK_SCALE (scale), TRUE);
  gtk_scale_set_digits (GTK_SCALE (scale), 0);
  gtk_scale_set_value_pos (GTK_SCALE (scale), GTK_POS_TOP);
  for (int i = 1; i <= 10; i++)
    gtk_scale_add_mark (GTK_SCALE (scale), i, GTK_POS_BOTTOM, NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (scale), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("How strong the urge is, from 1 to 10"), -1);
  gtk_box_append (GTK_BOX (box), scale);
  {
    GtkWidget *ends = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
    GtkWidget *mild = gtk_label_new (_("1 · mild"));
    GtkWidget *strong = gtk_label_new (_("10 · overwhelming"));

    gtk_widget_set_hexpand (mild, TRUE);
    gtk_label_set_xalign (GTK_LABEL (mild), 0);
    gtk_label_set_xalign (GTK_LABEL (strong), 1);
    gtk_widget_add_css_class (mild, "caption");
    gtk_widget_add_css_class (mild, "dim-label");
    gtk_widget_add_css_class (strong, "caption");
    gtk_widget_add_css_class (strong, "dim-label");
    gtk_box_append (GTK_BOX (ends), mild);
    gtk_box_append (GTK_BOX (ends), strong);
    gtk_box_append (GTK_BOX (box), ends);
  }

  gtk_label_set_xalign (GTK_LABEL (cause_label), 0);
  gtk_widget_add_css_class (cause_label, "heading");
  gtk_box_append (GTK_BOX (box), cause_label);
  self->cause = GTK_ENTRY (gtk_entry_new ());
  gtk_entry_set_placeholder_text (self->cause, _("A song, a date, a photo, a quiet evening…"));
  solace_editable_set_max_chars (GTK_EDITABLE (self->cause), SOLACE_MAX_CAUSE_CHARS);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->cause), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("What set it off"), -1);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->cause));

  self->causes = GTK_FLOW_BOX (gtk_flow_box_new ());
  gtk_flow_box_set_selection_mode (self->causes, GTK_SELECTION_NONE);
  gtk_flow_box_set_column_spacing (self->causes, 6);
  gtk_flow_box_set_row_spacing (self->causes, 6);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->causes), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("What set it off before"), -1);
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
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->causes));

  self->passed_button = gtk_button_new_with_mnemonic (_("The Urge _Passed"));
  gtk_widget_add_css_class (self->passed_button, "pill");
  gtk_widget_add_css_class (self->passed_button, "suggested-action");
  g_signal_connect_swapped (self->passed_button, "clicked", G_CALLBACK (passed_cb), self);
  self->reached_out_button = gtk_button_new_with_mnemonic (_("I _Reached Out"));
  gtk_widget_add_css_class (self->reached_out_button, "pill");
  g_signal_connect_swapped (self->reached_out_button, "clicked", G_CALLBACK (reached_out_cb), self);
  gtk_widget_set_halign (outcome, GTK_ALIGN_CENTER);
  gtk_widget_set_margin_top (outcome, 12);
  gtk_box_append (GTK_BOX (outcome), self->passed_button);
  gtk_box_append (GTK_BOX (outcome), self->reached_out_button);
  gtk_box_append (GTK_BOX (box), outcome);

  self->error_label = GTK_LABEL (gtk_label_new (""));
  gtk_label_set_wrap (self->error_label, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->error_label), "error");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->error_label));
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
    gtk_widget_grab_focus (gtk_widget_get_last_child (gtk_widget_get_parent (GTK_WIDGET (self->done_message))));
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
}

static void
solace_urge_dialog_init (SolaceUrgeDialog *self)
{
  gtk_window_set_modal (GTK_WINDOW (self), TRUE);
  gtk_window_set_default_size (GTK_WINDOW (self), 480, 640);
  gtk_window_set_title (GTK_WINDOW (self), _("I Want to Reach Out"));
}

static void
build (SolaceUrgeDialog *self)
{
  GtkWidget *content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *toasts = adw_toast_overlay_new ();
  GtkWidget *box;
  GtkWidget *page;
  GtkWidget *close;

  self->title = ADW_WINDOW_TITLE (adw_window_title_new ("", ""));
  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header), GTK_WIDGET (self->title));
  adw_header_bar_set_show_end_title_buttons (ADW_HEADER_BAR (header), FALSE);
  self->back_button = gtk_button_new_from_icon_name ("go-previous-symbolic");
  gtk_widget_set_tooltip_text (self->back_button, _("Back"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->back_button), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Back"), -1);
  g_signal_connect_swapped (self->back_button, "clicked", G_CALLBACK (back_cb), self);
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), self->back_button);
  self->next_button = gtk_button_new_with_mnemonic (_("_Skip"));
  g_signal_connect_swapped (self->next_button, "clicked", G_CALLBACK (next_cb), self);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), self->next_button);
  close = gtk_button_new_from_icon_name ("window-close-symbolic");
  gtk_widget_set_tooltip_text (close, _("Close"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (close), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Close"), -1);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (close), "window.close");
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), close);
  gtk_box_append (GTK_BOX (content), header);

  self->stack = GTK_STACK (gtk_stack_new ());
  gtk_stack_set_transition_type (self->stack, GTK_STACK_TRANSITION_TYPE_CROSSFADE);
  gtk_widget_set_vexpand (GTK_WIDGET (self->stack), TRUE);

  page = solace_step_page_new (_("Pause for a Minute"),
                              _("Breathe with the square: in, hold, out, hold. An urge rises and falls like a wave, "
                                "and you only have to ride this one."), FALSE, &box);
  self->breathing = SOLACE_BREATHING (solace_breathing_new ());
  gtk_widget_set_vexpand (GTK_WIDGET (self->breathing), TRUE);
  g_signal_connect_swapped (self->breathing, "finished", G_CALLBACK (breathing_finished_cb), self);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->breathing));
  gtk_stack_add_named (self->stack, page, "step-0");

  page = solace_step_page_new (_("Why You Chose This"),
                              _("You made this choice on a clearer day. These are your own words; change or add to them here."),
                              FALSE, &box);
  build_reasons (self, box);
  gtk_stack_add_named (self->stack, page, "step-1");

  page = solace_step_page_new (_("Talk to Someone Instead"),
                              _("Say it to someone on your side. They would rather hear from you now than later."), FALSE, &box);
  build_people (self, box);
  gtk_stack_add_named (self->stack, page, "step-2");

  page = solace_step_page_new (_("Write It Instead"),
                              _("Put everything you want to say into a letter that is never sent. It stays in your journal, "
                                "and the words are out of you."), FALSE, &box);
  self->write_button = gtk_button_new_with_mnemonic (_("_Write an Unsent Letter"));
  gtk_widget_add_css_class (self->write_button, "pill");
  gtk_widget_add_css_class (self->write_button, "suggested-action");
  gtk_widget_set_halign (self->write_button, GTK_ALIGN_CENTER);
  g_signal_connect_swapped (self->write_button, "clicked", G_CALLBACK (write_cb), self);
  gtk_box_append (GTK_BOX (box), self->write_button);
  gtk_stack_add_named (self->stack, page, "step-3");

  page = solace_step_page_new (_("Log It"),
                              _("Noting it down shows you, over the weeks, how the urges change."), FALSE, &box);
  build_log (self, box);
  gtk_stack_add_named (self->stack, page, "step-4");

  page = solace_step_page_new ("", "", FALSE, &box);
  self->done_title = GTK_LABEL (gtk_widget_get_first_child (box));
  self->done_message = GTK_LABEL (gtk_widget_get_next_sibling (GTK_WIDGET (self->done_title)));
  {
    GtkWidget *done = gtk_button_new_with_mnemonic (_("_Close"));

    gtk_widget_add_css_class (done, "pill");
    gtk_widget_set_halign (done, GTK_ALIGN_CENTER);
    gtk_widget_set_margin_top (done, 12);
    gtk_actionable_set_action_name (GTK_ACTIONABLE (done), "window.close");
    gtk_box_append (GTK_BOX (box), done);
  }
  gtk_stack_add_named (self->stack, page, "step-5");

  adw_toast_overlay_set_child (ADW_TOAST_OVERLAY (toasts), GTK_WIDGET (self->stack));
  gtk_widget_set_vexpand (toasts, TRUE);
  gtk_box_append (GTK_BOX (content), toasts);
  adw_window_set_content (ADW_WINDOW (self), content);

  g_signal_connect (self, "close-request", G_CALLBACK (close_request_cb), NULL);
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

  build (self);
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
