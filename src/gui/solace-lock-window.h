/* solace-lock-window.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define SOLACE_TYPE_LOCK_WINDOW (solace_lock_window_get_type ())

G_DECLARE_FINAL_TYPE (SolaceLockWindow, solace_lock_window, SOLACE, LOCK_WINDOW, AdwApplicationWindow)

SolaceLockWindow *solace_lock_window_new         (GtkApplication   *application,
                                                  const char       *keys_path);
void              solace_lock_window_set_message (SolaceLockWindow *self,
                                                  const char       *message);
void              solace_lock_window_reset       (SolaceLockWindow *self);

G_END_DECLS
