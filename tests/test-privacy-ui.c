/* test-privacy-ui.c — quick hide: every window gone at once, and back on
 * Today
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "solace-application.h"
#include "solace-contact-editor.h"
#include "solace-test-app.h"
#include "solace-test-utils.h"
#include "solace-urge-dialog.h"
#include "solace-widgets.h"
#include "solace-window.h"

typedef struct {
  SolaceApplication *app;
  GtkWindow         *window;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  solace_test_app_reset ();
  f->app = solace_test_app_start (FALSE, &f->window);
  g_application_set_default (G_APPLICATION (f->app));
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_application_set_default (NULL);
  solace_test_app_stop (&f->app, &f->window);
}

static guint
n_visible_toplevels (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) window = g_list_model_get_item (toplevels, i);

      if (gtk_widget_get_visible (window))
        n++;
    }
  return n;
}

/* What a person has open: the journal with a toast, the contact editor
 * with a name typed, and the urge steps. */
static void
open_everything (Fixture *f)
{
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.page", "s", "support");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (solace_window_get_support_page (SOLACE_WINDOW (f->window))),
                                             "support.new-person", NULL));
  solace_test_spin (50);
  g_assert_nonnull (solace_test_find_window (SOLACE_TYPE_CONTACT_EDITOR, FALSE));
  gtk_editable_set_text (GTK_EDITABLE (solace_contact_editor_get_row (solace_test_find_window (SOLACE_TYPE_CONTACT_EDITOR, FALSE), "name")),
                         "Someone private");
  solace_widget_toast (GTK_WIDGET (solace_window_get_support_page (SOLACE_WINDOW (f->window))), "Something private");
  g_assert_cmpuint (solace_toast_overlay_get_n_toasts (solace_window_get_toast_overlay (SOLACE_WINDOW (f->window))), ==, 1);
  g_assert_cmpuint (n_visible_toplevels (), >=, 2);
}

static void
assert_hidden (Fixture *f)
{
  g_assert_cmpuint (n_visible_toplevels (), ==, 0);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (f->window)));
  /* Dialogs are closed, not just hidden: nothing to come back to. */
  g_assert_null (solace_test_find_window (SOLACE_TYPE_CONTACT_EDITOR, FALSE));
  g_assert_null (solace_test_find_window (SOLACE_TYPE_URGE_DIALOG, FALSE));
  g_assert_cmpuint (solace_toast_overlay_get_n_toasts (solace_window_get_toast_overlay (SOLACE_WINDOW (f->window))), ==, 0);
}

static void
assert_back_on_today (Fixture *f)
{
  /* Opened again the way a person would: Solace comes back on Today. */
  g_application_activate (G_APPLICATION (f->app));
  solace_test_spin (50);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (f->window)));
  g_assert_cmpstr (solace_window_get_visible_page (SOLACE_WINDOW (f->window)), ==, "today");
  g_assert_cmpuint (n_visible_toplevels (), ==, 1);
}

static void
test_button (Fixture       *f,
             gconstpointer  data)
{
  open_everything (f);
  g_assert_true (g_action_group_has_action (G_ACTION_GROUP (f->app), "quick-hide"));
  g_action_group_activate_action (G_ACTION_GROUP (f->app), "quick-hide", NULL);
  /* At once: no main-loop turn, no animation. */
  assert_hidden (f);
  assert_back_on_today (f);
}

static GtkEventController *
keys_of (gpointer window)
{
  GtkEventController *keys = g_object_get_data (G_OBJECT (window), "solace-quick-hide");

  g_assert_nonnull (keys);
  return keys;
}

static void
press (gpointer        window,
       guint           keyval,
       GdkModifierType state)
{
  gboolean handled = FALSE;

  g_signal_emit_by_name (keys_of (window), "key-pressed", keyval, 0, state, &handled);
}

static void
test_shift_three_times (Fixture       *f,
                        gconstpointer  data)
{
  SolaceContactEditor *editor;

  open_everything (f);
  editor = solace_test_find_window (SOLACE_TYPE_CONTACT_EDITOR, FALSE);

  /* Twice, then a letter: nothing. */
  press (editor, GDK_KEY_Shift_L, 0);
  press (editor, GDK_KEY_Shift_R, 0);
  press (editor, GDK_KEY_a, GDK_SHIFT_MASK);
  press (editor, GDK_KEY_Shift_L, 0);
  press (editor, GDK_KEY_Shift_L, 0);
  press (editor, GDK_KEY_space, 0);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (f->window)));
  g_assert_nonnull (solace_test_find_window (SOLACE_TYPE_CONTACT_EDITOR, FALSE));

  /* Three in a row, from the editor on top: everything goes. */
  press (editor, GDK_KEY_Shift_L, 0);
  press (editor, GDK_KEY_Shift_L, 0);
  press (editor, GDK_KEY_Shift_R, 0);
  solace_test_spin (50);
  assert_hidden (f);
  assert_back_on_today (f);
}

static void
test_shift_too_slow (Fixture       *f,
                     gconstpointer  data)
{
  solace_application_set_quick_hide_window (f->app, 150);
  press (f->window, GDK_KEY_Shift_L, 0);
  press (f->window, GDK_KEY_Shift_L, 0);
  solace_test_spin (250);
  press (f->window, GDK_KEY_Shift_L, 0);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (f->window)));
  press (f->window, GDK_KEY_Shift_L, 0);
  press (f->window, GDK_KEY_Shift_L, 0);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (f->window)));
}

static void
test_ctrl_shift_h (Fixture       *f,
                   gconstpointer  data)
{
  SolaceUrgeDialog *dialog;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.reach-out", NULL));
  solace_test_spin (50);
  dialog = solace_test_find_window (SOLACE_TYPE_URGE_DIALOG, FALSE);
  g_assert_nonnull (dialog);
  /* The application's shortcut, and the same keys in a dialog. */
  {
    g_auto(GStrv) accels = gtk_application_get_accels_for_action (GTK_APPLICATION (f->app), "app.quick-hide");
    g_assert_cmpstr (accels[0], ==, "<Shift><Control>h");
  }
  press (dialog, GDK_KEY_H, GDK_CONTROL_MASK | GDK_SHIFT_MASK);
  solace_test_spin (50);
  assert_hidden (f);
  assert_back_on_today (f);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *home = solace_test_app_init (&argc, &argv);
  int ret;

#define ADD(name, func) g_test_add (name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/privacy-ui/quick-hide-button", test_button);
  ADD ("/privacy-ui/quick-hide-shift-three-times", test_shift_three_times);
  ADD ("/privacy-ui/quick-hide-shift-too-slow", test_shift_too_slow);
  ADD ("/privacy-ui/quick-hide-ctrl-shift-h", test_ctrl_shift_h);
#undef ADD

  ret = g_test_run ();
  solace_test_rm_rf (home);

  return ret;
}
