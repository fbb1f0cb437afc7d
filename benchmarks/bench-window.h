/* bench-window.h — measurement hooks for the benchmarks' builds of Solace
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Watches APP for its main window and measures it as SOLACE_BENCH says
 * (see bench-window.c); does nothing when SOLACE_BENCH is not set. */
void bench_window_watch (GtkApplication *app);

G_END_DECLS
