/* solace-application-quick-hide.c — quick hide: every Solace window
 * gone at once, on Shift three times, Ctrl+Shift+H or the header's button
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "solace-application"

#include "config.h"

#include "solace-application-private.h"
#include "solace-window.h"

/* ---- Quick hide ------------------------------------------------------
 *
 * After the "Exit this page" pattern made with survivors of abuse: Shift
 * three times in a row (no other key between, within a few seconds),
 * Ctrl+Shift+H or the header's button hides every Solace window at once,
 * with no animation.  Dialogs and editors are closed, not hidden, and the
 * main window comes back on Today. */

#define QUICK_HIDE_PRESSES 3
static gsize watching_toplevels;
#define QUICK_HIDE_WITHIN_US (3 * G_USEC_PER_SEC)

void
solace_application_quick_hide (SolaceApplication *self)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  g_autoptr(GPtrArray) windows = g_ptr_array_new_with_free_func (g_object_unref);

  g_return_if_fail (SOLACE_IS_APPLICATION (self));

  /* While the lock is being turned on or off, the window showing it is
   * hidden (it cannot be closed) and what comes after stays hidden,
   * locked if there is a lock by then. */
  if (self->sealing)
    {
      solace_application_lock (self, FALSE);
      for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
        {
          g_autoptr(GtkWidget) window = g_list_model_get_item (toplevels, i);

          gtk_widget_set_visible (window, FALSE);
        }
      return;
    }

  /* With a passphrase, hidden also means locked: whoever opens it next
   * meets the lock screen. */
  if (self->sealed && self->key != NULL)
    {
      solace_application_lock (self, FALSE);
      if (self->lock_window != NULL)
        gtk_widget_set_visible (GTK_WIDGET (self->lock_window), FALSE);
      return;
    }

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    g_ptr_array_add (windows, g_list_model_get_item (toplevels, i));

  /* The main windows first, so nothing of theirs shows while the
   * dialogs above them go. */
  for (guint i = 0; i < windows->len; i++)
    if (SOLACE_IS_WINDOW (g_ptr_array_index (windows, i)))
      solace_window_quick_hide (g_ptr_array_index (windows, i));
  for (guint i = 0; i < windows->len; i++)
    if (!SOLACE_IS_WINDOW (g_ptr_array_index (windows, i)))
      gtk_window_destroy (g_ptr_array_index (windows, i));
}

static gboolean
quick_hide_key_cb (GtkEventControllerKey *controller,
                   guint                  keyval,
                   guint                  keycode,
                   GdkModifierType        state,
                   gpointer               user_data)
{
  GApplication *app = g_application_get_default ();
  SolaceApplication *self;
  gint64 now = g_get_monotonic_time ();

  if (!SOLACE_IS_APPLICATION (app))
    return GDK_EVENT_PROPAGATE;
  self = SOLACE_APPLICATION (app);

  if ((keyval == GDK_KEY_h || keyval == GDK_KEY_H) &&
      (state & (GDK_CONTROL_MASK | GDK_SHIFT_MASK)) == (GDK_CONTROL_MASK | GDK_SHIFT_MASK))
    {
      self->shift_presses = 0;
      solace_application_quick_hide (self);
      return GDK_EVENT_STOP;
    }

  if (keyval != GDK_KEY_Shift_L && keyval != GDK_KEY_Shift_R)
    {
      /* Any other key between breaks the run. */
      self->shift_presses = 0;
      return GDK_EVENT_PROPAGATE;
    }

  if (self->shift_presses == 0 || now - self->first_shift_at > self->quick_hide_within_us)
    {
      self->shift_presses = 0;
      self->first_shift_at = now;
    }
  if (++self->shift_presses >= QUICK_HIDE_PRESSES)
    {
      self->shift_presses = 0;
      solace_application_quick_hide (self);
    }

  return GDK_EVENT_PROPAGATE;
}

/* Every Solace window, dialogs included, listens for the keys, on
 * behalf of the process's application. */
static void
toplevels_changed_cb (GListModel *toplevels,
                      guint       position,
                      guint       removed,
                      guint       added,
                      gpointer    user_data)
{
  for (guint i = position; i < position + added; i++)
    {
      g_autoptr(GtkWidget) window = g_list_model_get_item (toplevels, i);
      GtkEventController *keys;
      GtkEventController *input;

      if (g_object_get_data (G_OBJECT (window), "solace-quick-hide") != NULL)
        continue;

      keys = gtk_event_controller_key_new ();
      gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
      g_signal_connect (keys, "key-pressed", G_CALLBACK (quick_hide_key_cb), NULL);
      gtk_widget_add_controller (window, keys);
      g_object_set_data (G_OBJECT (window), "solace-quick-hide", keys);

      /* Auto-lock counts idle time from the last input anywhere. */
      input = gtk_event_controller_legacy_new ();
      gtk_event_controller_set_propagation_phase (input, GTK_PHASE_CAPTURE);
      g_signal_connect (input, "event", G_CALLBACK (solace_application_input_event_cb), NULL);
      gtk_widget_add_controller (window, input);
    }
}

/* For tests: how close together the presses must be. */
void
solace_application_set_quick_hide_window (SolaceApplication *self,
                                          guint              milliseconds)
{
  g_return_if_fail (SOLACE_IS_APPLICATION (self));

  self->quick_hide_within_us = (gint64) milliseconds * 1000;
}

/* At start-up: every Solace window, now and to come, listens for the
 * keys. */
void
solace_application_watch_quick_hide (SolaceApplication *self)
{
  self->quick_hide_within_us = QUICK_HIDE_WITHIN_US;
  if (g_once_init_enter (&watching_toplevels))
    {
      g_signal_connect (gtk_window_get_toplevels (), "items-changed",
                        G_CALLBACK (toplevels_changed_cb), NULL);
      toplevels_changed_cb (gtk_window_get_toplevels (), 0, 0,
                            g_list_model_get_n_items (gtk_window_get_toplevels ()), NULL);
      g_once_init_leave (&watching_toplevels, 1);
    }
}
