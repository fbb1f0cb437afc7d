/* solace-reminder-subjects.c — what each reminder is about gives it its words
 *
 * The reminder store (solace-reminders.c) is generic: it knows where the
 * journal keeps a reminder's words, not what a boundary, a session or a
 * milestone is.  Each of those registers how its reminders read; this
 * is the one place that knows them all, above the store and them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "solace-reminder-subjects"

#include "config.h"

#include "solace-boundary-store.h"
#include "solace-contact-store.h"
#include "solace-progress.h"
#include "solace-reminder-subjects.h"

void
solace_reminder_subjects_register (void)
{
  solace_boundary_store_register_reminders ();
  solace_contact_store_register_reminders ();
  solace_progress_register_reminders ();
}
