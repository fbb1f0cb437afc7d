/* solace-reminder-service.h — the light, GTK-free reminder service
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define SOLACE_TYPE_REMINDER_SERVICE (solace_reminder_service_get_type ())

G_DECLARE_FINAL_TYPE (SolaceReminderService, solace_reminder_service, SOLACE, REMINDER_SERVICE, GApplication)

SolaceReminderService *solace_reminder_service_new (void);

G_END_DECLS
