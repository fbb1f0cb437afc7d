/* solace-spawn.c — start Solace's own programs and reach them on the bus
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "solace-spawn"

#include "config.h"

#include <unistd.h>

#include "solace-spawn.h"

char *
solace_find_program (const char *name,
                     const char *installed_dir,
                     const char *env_override)
{
  const char *override = env_override != NULL ? g_getenv (env_override) : NULL;
  g_autofree char *self = NULL;

  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (installed_dir != NULL, NULL);

  if (override != NULL && *override != '\0')
    return g_strdup (override);

  self = g_file_read_link ("/proc/self/exe", NULL);
  if (self != NULL)
    {
      g_autofree char *dir = g_path_get_dirname (self);
      g_autofree char *beside = g_build_filename (dir, name, NULL);

      if (g_file_test (beside, G_FILE_TEST_IS_EXECUTABLE) && !g_file_test (beside, G_FILE_TEST_IS_DIR))
        return g_steal_pointer (&beside);
    }

  return g_build_filename (installed_dir, name, NULL);
}

static void
new_session (gpointer data)
{
  /* Away from the terminal the app was started from, if any, so that
   * closing it does not take the reminders with it. */
  setsid ();
}

gboolean
solace_spawn_detached (const char * const  *argv,
                       GError             **error)
{
  g_return_val_if_fail (argv != NULL && argv[0] != NULL, FALSE);

  /* Without G_SPAWN_DO_NOT_REAP_CHILD, GLib forks twice: the program
   * is not our child and never becomes a zombie. */
  return g_spawn_async (NULL, (char **) argv, NULL,
                        G_SPAWN_STDIN_FROM_DEV_NULL,
                        new_session, NULL, NULL, error);
}

char *
solace_object_path_for (const char *app_id)
{
  char *path;

  g_return_val_if_fail (app_id != NULL, NULL);

  /* As GApplication makes it: dots become slashes, dashes underscores. */
  path = g_strconcat ("/", app_id, NULL);
  g_strdelimit (path, ".", '/');
  g_strdelimit (path, "-", '_');

  return path;
}

void
solace_activate_action (GDBusConnection     *bus,
                        const char          *app_id,
                        const char          *action,
                        GVariant            *parameter,
                        GDBusCallFlags       flags,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_autofree char *path = solace_object_path_for (app_id);
  g_auto(GVariantBuilder) parameters = G_VARIANT_BUILDER_INIT (G_VARIANT_TYPE ("av"));
  g_auto(GVariantBuilder) platform = G_VARIANT_BUILDER_INIT (G_VARIANT_TYPE_VARDICT);

  g_return_if_fail (G_IS_DBUS_CONNECTION (bus));

  if (parameter != NULL)
    g_variant_builder_add (&parameters, "v", parameter);

  g_dbus_connection_call (bus, app_id, path,
                          "org.freedesktop.Application", "ActivateAction",
                          g_variant_new ("(sava{sv})", action, &parameters, &platform),
                          NULL, flags, -1, cancellable, callback, user_data);
}

gboolean
solace_dbus_error_is_not_running (const GError *error)
{
  return g_error_matches (error, G_DBUS_ERROR, G_DBUS_ERROR_SERVICE_UNKNOWN) ||
         g_error_matches (error, G_DBUS_ERROR, G_DBUS_ERROR_NAME_HAS_NO_OWNER);
}
