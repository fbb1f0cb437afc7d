/* bench-floor.c — the quickest first window GTK 4 and libadwaita allow
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The floor Solace's start-up is measured against (benchmarks/run.sh):
 * an AdwApplication whose window holds a header bar with a view switcher
 * over an AdwViewStack of four pages, each an AdwStatusPage, the shape of
 * Solace's main window with nothing in it.  With SOLACE_BENCH=startup it
 * prints, like the app, when its first frame was drawn and its memory,
 * then quits.
 */
#include "config.h"

#include <adwaita.h>
#include <stdio.h>

#include "bench-memory.h"

static gboolean
first_frame_cb (GtkWidget     *widget,
                GdkFrameClock *clock,
                gpointer       user_data)
{
  gint64 now = g_get_monotonic_time ();

  printf ("first-frame-monotonic-us %" G_GINT64_FORMAT "\n", now);
  /* Nothing to load: loaded when drawn. */
  printf ("loaded-monotonic-us %" G_GINT64_FORMAT "\n", now);
  bench_print_memory ();
  fflush (stdout);
  g_application_quit (G_APPLICATION (gtk_window_get_application (GTK_WINDOW (widget))));

  return G_SOURCE_REMOVE;
}

static void
activate_cb (GtkApplication *app)
{
  static const struct {
    const char *name, *title, *icon;
  } pages[] = {
    { "today", "Today", "weather-clear-symbolic" },
    { "journal", "Journal", "document-edit-symbolic" },
    { "boundaries", "Boundaries", "security-high-symbolic" },
    { "support", "Support", "system-users-symbolic" },
  };
  GtkWidget *window, *box, *header, *switcher, *stack, *bar;

  window = adw_application_window_new (app);
  gtk_window_set_default_size (GTK_WINDOW (window), 900, 700);
  gtk_window_set_title (GTK_WINDOW (window), "Floor");

  stack = adw_view_stack_new ();
  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      GtkWidget *status = adw_status_page_new ();

      adw_status_page_set_title (ADW_STATUS_PAGE (status), pages[i].title);
      adw_status_page_set_icon_name (ADW_STATUS_PAGE (status), pages[i].icon);
      adw_view_stack_add_titled_with_icon (ADW_VIEW_STACK (stack), status, pages[i].name,
                                           pages[i].title, pages[i].icon);
    }

  header = adw_header_bar_new ();
  switcher = adw_view_switcher_title_new ();
  adw_view_switcher_title_set_stack (ADW_VIEW_SWITCHER_TITLE (switcher), ADW_VIEW_STACK (stack));
  adw_view_switcher_title_set_title (ADW_VIEW_SWITCHER_TITLE (switcher), "Floor");
  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header), switcher);

  bar = adw_view_switcher_bar_new ();
  adw_view_switcher_bar_set_stack (ADW_VIEW_SWITCHER_BAR (bar), ADW_VIEW_STACK (stack));

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_box_append (GTK_BOX (box), header);
  gtk_widget_set_vexpand (stack, TRUE);
  gtk_box_append (GTK_BOX (box), stack);
  gtk_box_append (GTK_BOX (box), bar);
  adw_application_window_set_content (ADW_APPLICATION_WINDOW (window), box);

  if (g_getenv ("SOLACE_BENCH") != NULL)
    gtk_widget_add_tick_callback (window, first_frame_cb, NULL, NULL);

  gtk_window_present (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(AdwApplication) app = NULL;

  app = adw_application_new ("io.github.solace_app.Solace.BenchFloor", G_APPLICATION_NON_UNIQUE);
  g_signal_connect (app, "activate", G_CALLBACK (activate_cb), NULL);

  return g_application_run (G_APPLICATION (app), argc, argv);
}
