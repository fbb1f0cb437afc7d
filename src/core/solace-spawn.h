/* solace-spawn.h — start Solace's own programs, installed or not
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The path of Solace's program @name: $@env_override if set, else the
 * one beside the running program (an uninstalled build keeps them
 * together), else the one in @installed_dir. */
char     *solace_find_program    (const char        *name,
                                  const char        *installed_dir,
                                  const char        *env_override);

/* Starts @argv in its own session, not as our child: it outlives us,
 * and nothing needs to wait for it. */
gboolean  solace_spawn_detached  (const char * const *argv,
                                  GError            **error);

G_END_DECLS
