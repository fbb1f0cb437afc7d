/* solace-cli.h — what `solace` does without a window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Handles --background and --upcoming before GTK is touched.  Returns
 * TRUE, with the exit status in *@status, when it handled the command. */
gboolean solace_cli_handle (int    argc,
                            char **argv,
                            int   *status);

G_END_DECLS
