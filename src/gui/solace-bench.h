/* solace-bench.h — measurement hooks for benchmarks/run.sh
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "solace-window.h"

G_BEGIN_DECLS

/* Does nothing unless SOLACE_BENCH is set in the environment. */
void solace_bench_attach (SolaceWindow *window);

G_END_DECLS
