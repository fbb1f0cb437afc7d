/* fuzz-fill.h — a little of everything, for the fuzzer and its seed corpus
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <stdio.h>
#include <stdlib.h>

#include "solace-database.h"
#include "solace-incidents.h"

static inline void
solace_fuzz_check (gboolean    ok,
                   GError     *error,
                   const char *what)
{
  if (!ok)
    {
      fprintf (stderr, "%s: %s\n", what, error != NULL ? error->message : "failed");
      abort ();
    }
}

/* Something in every table, the incident record hash-chained as the app
 * writes it, a correction included. */
static inline void
solace_fuzz_fill (SolaceDatabase *db)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *first = NULL;

  solace_fuzz_check (solace_database_exec (db,
    "INSERT INTO journal_entry (uuid, kind, prompt, body, mood, day, created_at, updated_at)"
    " VALUES ('entry-1', 'prompt', 'need-now', 'Words in the journal, \"quoted\"\n\ttabbed 😀', 3,"
    "  '2026-11-20', 100, 200),"
    " ('entry-2', 'letter', NULL, '', NULL, '2026-11-21', -5, 0);"
    "INSERT INTO journal_tag (entry_id, name, is_emotion, position) VALUES"
    " (1, 'grief', 1, 0), (1, 'hope', 1, 1), (1, 'work', 0, 0), (1, 'Ünï', 0, 1);"
    "INSERT INTO stretch (uuid, started_on, ended_on, created_at) VALUES"
    " ('stretch-1', '2026-09-01', '2026-10-01', 1), ('stretch-2', '2026-10-01', NULL, 2);"
    "UPDATE reminder SET enabled = 1, updated_at = 300 WHERE key = 'gratitude';"
    "INSERT INTO reminder_firing (reminder_id, due_at, fired_at, outcome) VALUES"
    " (1, 1000, 1001, 'done'), (1, 2000, 2000, 'snoozed');"
    "INSERT INTO reminder (key, kind, enabled, rrule, dtstart, last_due, snoozed_until, updated_at) VALUES"
    " ('boundary:boundary-1', 'boundary', 1, 'FREQ=WEEKLY;BYDAY=MO,TH', '20261102T090000', 5, 6, 7);"
    "INSERT INTO preference (name, value) VALUES ('discreet', 1), ('big', 9223372036854775807);"
    "INSERT INTO boundary (uuid, title, feeling, contact_level, active, position, created_at, updated_at)"
    " VALUES ('boundary-1', 'Space', 'tired', 'brief', 0, -1, 1, 2);"
    "UPDATE plan_step SET done_on = '2026-10-02', notes = 'done' WHERE builtin = 'unfollow';"
    "INSERT INTO plan_step (uuid, title, created_at) VALUES ('step-1', 'Mine', 1);"
    "INSERT INTO contact (uuid, kind, name, phone, good_for, online, created_at, updated_at,"
    "  next_session, session_remind)"
    " VALUES ('contact-1', 'therapist', 'Dr', '+44 1', 5, 1, 1, 2, '20301203T150000', 60),"
    " ('contact-2', 'line', 'Line', '', 0, 0, 1, 2, NULL, NULL);"
    "INSERT INTO urge (uuid, at, day, intensity, cause, outcome)"
    " VALUES ('urge-1', 5, '2026-11-20', 4, 'a song', 'passed'),"
    " ('urge-2', 6, '2026-11-20', 10, '', 'reached-out');"
    "INSERT INTO reason (uuid, text, position, created_at) VALUES ('reason-1', 'Me', 1, 1);"
    "INSERT INTO check_in (uuid, day, mood, emotions, self_care, signs, note, created_at, updated_at)"
    " VALUES ('check-1', '2026-11-20', 2, 'grief,hope', 63, 1, 'ok', 1, 2);"
    "INSERT INTO milestone_seen (stretch_uuid, days, seen_at) VALUES ('stretch-2', 1, 2), ('stretch-2', 3, 4);",
    &error), error, "fill");

  {
    g_autoptr(SolaceIncident) incident = solace_incident_new ();

    incident->happened_at = 1795780000;
    incident->channel = SOLACE_CHANNEL_TEXT;
    incident->what = g_strdup ("A message");
    incident->boundary_uuid = g_strdup ("boundary-1");
    incident->necessary = TRUE;
    solace_fuzz_check (solace_incidents_append (db, incident, 1795780060, &error), error, "append");
    first = g_strdup (incident->uuid);
  }
  {
    g_autoptr(SolaceIncident) incident = solace_incident_new ();

    incident->happened_at = 1795780100;
    incident->channel = SOLACE_CHANNEL_CALL;
    incident->what = g_strdup ("Not a message: a call");
    incident->response = g_strdup ("I did not answer.");
    incident->corrects_uuid = g_strdup (first);
    solace_fuzz_check (solace_incidents_append (db, incident, 1795780160, &error), error, "append");
  }
}
