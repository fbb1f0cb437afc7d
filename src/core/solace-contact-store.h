/* solace-contact-store.h — the people, professionals, groups and lines the person keeps
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "solace-database.h"

G_BEGIN_DECLS

typedef enum
{
  SOLACE_CONTACT_PERSON,     /* a friend or family member */
  SOLACE_CONTACT_THERAPIST,
  SOLACE_CONTACT_SERVICE,    /* a counselling service */
  SOLACE_CONTACT_GROUP,      /* a support group, in person or online */
  SOLACE_CONTACT_LINE,       /* a crisis line the person added */
  SOLACE_N_CONTACT_KINDS
} SolaceContactKind;

typedef enum
{
  SOLACE_GOOD_FOR_TALKING     = 1 << 0,
  SOLACE_GOOD_FOR_DISTRACTION = 1 << 1,
  SOLACE_GOOD_FOR_PRACTICAL   = 1 << 2,
} SolaceGoodFor;

typedef enum
{
  SOLACE_CONTACT_CALL,
  SOLACE_CONTACT_TEXT,
  SOLACE_CONTACT_EMAIL,
  SOLACE_CONTACT_WEBSITE,
} SolaceContactAction;

#define SOLACE_TYPE_CONTACT (solace_contact_get_type ())

G_DECLARE_FINAL_TYPE (SolaceContact, solace_contact, SOLACE, CONTACT, GObject)

SolaceContact     *solace_contact_new            (SolaceContactKind  kind);
SolaceContact     *solace_contact_copy           (SolaceContact     *self);

const char        *solace_contact_get_uuid       (SolaceContact     *self);
SolaceContactKind  solace_contact_get_kind       (SolaceContact     *self);
void               solace_contact_set_kind       (SolaceContact     *self,
                                                  SolaceContactKind  kind);
/* The text fields, by name: "name", "relationship", "phone", "email",
 * "website", "notes". */
const char        *solace_contact_get_field      (SolaceContact     *self,
                                                  const char        *field);
void               solace_contact_set_field      (SolaceContact     *self,
                                                  const char        *field,
                                                  const char        *value);
guint              solace_contact_get_good_for   (SolaceContact     *self);
void               solace_contact_set_good_for   (SolaceContact     *self,
                                                  guint              good_for);
gboolean           solace_contact_get_online     (SolaceContact     *self);
void               solace_contact_set_online     (SolaceContact     *self,
                                                  gboolean           online);

/* The next session with a professional or a group, as a floating
 * local date-time "YYYYMMDDTHHMMSS", or %NULL. */
const char        *solace_contact_get_next_session (SolaceContact   *self);
void               solace_contact_set_next_session (SolaceContact   *self,
                                                    const char      *when);
GDateTime         *solace_contact_dup_session_time (SolaceContact   *self);
/* Minutes before the session to be reminded, or -1 for no reminder. */
int                solace_contact_get_session_remind (SolaceContact *self);
void               solace_contact_set_session_remind (SolaceContact *self,
                                                      int            minutes);
/* The key of the session's reminder: "session:<uuid>". */
char              *solace_contact_dup_reminder_key (SolaceContact   *self);

/* A tel:, sms:, mailto: or web URI built safely from what was typed, or
 * %NULL when the field holds nothing usable. */
char              *solace_contact_dup_uri        (SolaceContact     *self,
                                                  SolaceContactAction action);
const char        *solace_contact_kind_get_label (SolaceContactKind  kind);
gboolean           solace_contact_kind_is_professional (SolaceContactKind kind);

#define SOLACE_TYPE_CONTACT_STORE (solace_contact_store_get_type ())

G_DECLARE_FINAL_TYPE (SolaceContactStore, solace_contact_store, SOLACE, CONTACT_STORE, GObject)

/* A GListModel of #SolaceContact in the person's order; writes happen
 * in order in a worker thread (::failed says why one did not). */
SolaceContactStore *solace_contact_store_new     (SolaceDatabase     *db,
                                                  GError            **error);
/* Refuses a contact without a name, with a field over SOLACE_MAX_CONTACT_CHARS
 * or with a session time that cannot be read, and changes nothing.  A
 * professional's or group's session reminder is saved with it. */
gboolean            solace_contact_store_save    (SolaceContactStore *self,
                                                  SolaceContact      *contact,
                                                  GError            **error);
/* Removes @uuid; returns its position for solace_contact_store_restore(). */
int                 solace_contact_store_remove  (SolaceContactStore *self,
                                                  const char         *uuid);
void                solace_contact_store_restore (SolaceContactStore *self,
                                                  SolaceContact      *contact,
                                                  int                 position);
/* Moves @uuid to where @target is. */
void                solace_contact_store_move_to (SolaceContactStore *self,
                                                  const char         *uuid,
                                                  const char         *target);
SolaceContact      *solace_contact_store_lookup  (SolaceContactStore *self,
                                                  const char         *uuid);
void                solace_contact_store_flush   (SolaceContactStore *self);

/* Lets sessions give their reminders their words; see
 * solace_reminders_register_subject (). */
void                solace_contact_store_register_reminders (void);

G_END_DECLS
