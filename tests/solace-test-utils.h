/* solace-test-utils.h — helpers shared by the tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <sqlite3.h>

G_BEGIN_DECLS

/* Runs the default main context until @done returns TRUE or @timeout_ms
 * passes; returns what @done said last. */
gboolean  solace_test_wait_until       (gboolean    (*done) (gpointer data),
                                        gpointer      data,
                                        guint         timeout_ms);
void      solace_test_spin             (guint         ms);

/* Reading the file directly, as another program would, so the tests
 * see what is on disk rather than what the app holds in memory. */
gint64    solace_test_query_int        (const char   *path,
                                        const char   *sql);
char     *solace_test_query_text       (const char   *path,
                                        const char   *sql);
void      solace_test_exec             (const char   *path,
                                        const char   *sql);

char     *solace_test_checksum_file    (const char   *path);
char     *solace_test_make_world_dir   (void);
void      solace_test_rm_rf            (const char   *path);
gboolean  solace_test_drop_root        (void);

G_END_DECLS
