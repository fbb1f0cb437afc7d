/* solace-spawn.h — start Solace's own programs and reach them on the bus
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

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

/* The object path GApplication exports @app_id at. */
char     *solace_object_path_for (const char        *app_id);

/* Runs the application action @action (with @parameter, or none) of
 * the GApplication @app_id on @bus, as org.freedesktop.Application
 * does.  @callback may be NULL when the answer does not matter. */
void      solace_activate_action (GDBusConnection   *bus,
                                  const char        *app_id,
                                  const char        *action,
                                  GVariant          *parameter,
                                  GDBusCallFlags     flags,
                                  GCancellable      *cancellable,
                                  GAsyncReadyCallback callback,
                                  gpointer           user_data);

/* Whether a call failed only because nothing runs under that name (and
 * D-Bus could not start it), so that starting it ourselves may help. */
gboolean  solace_dbus_error_is_not_running (const GError *error);

G_END_DECLS
