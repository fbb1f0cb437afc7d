/* solace-test-app.h — the application, started and stopped for widget tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "solace-application.h"

G_BEGIN_DECLS

/* Private XDG folders, then GTest, GTK and libadwaita.  Returns the
 * folder that holds them, for solace_test_rm_rf() at the end. */
char              *solace_test_app_init   (int                *argc,
                                           char             ***argv);

/* Under @root, the preferences row titled @row_title if it has @type,
 * else the first widget of @type inside that row. */
GtkWidget         *solace_test_find_widget (GtkWidget         *root,
                                           GType              type,
                                           const char        *row_title);

/* The first toplevel of @type, or NULL; only a visible one if
 * @visible_only (a hidden window is one quick hide put away). */
gpointer           solace_test_find_window (GType            type,
                                            gboolean         visible_only);
/* How many rows @list holds. */
guint              solace_test_n_rows     (GtkListBox        *list);

/* A fresh application with its window on (a virtual) screen.  Each gets
 * its own bus name, and leaves the reminder service alone unless
 * @manage_reminders. */
SolaceApplication *solace_test_app_start  (gboolean            manage_reminders,
                                           GtkWindow         **window);
/* Closes every window (which saves), flushes and drops the app. */
void               solace_test_app_stop   (SolaceApplication **app,
                                           GtkWindow         **window);
/* Default settings and no data at all, as on a first run, but with
 * the welcome already done. */
void               solace_test_app_reset  (void);

G_END_DECLS
