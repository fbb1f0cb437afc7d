/* solace-reminder-subjects.h — what each reminder is about gives it its words
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Lets boundaries, contacts' sessions and milestones give their
 * reminders their words (see solace_reminders_register_subject ()).
 * Each program that reads reminders calls it once, before it does. */
void solace_reminder_subjects_register (void);

G_END_DECLS
