/* solace-journal-entry.h — one journal entry
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef enum
{
  SOLACE_ENTRY_KIND_REFLECTION,
  SOLACE_ENTRY_KIND_GRATITUDE,
  SOLACE_ENTRY_KIND_LETTER,
  SOLACE_ENTRY_KIND_REASONS,
  SOLACE_ENTRY_KIND_PROMPT,
  SOLACE_N_ENTRY_KINDS
} SolaceEntryKind;

#define SOLACE_MOOD_NONE 0
#define SOLACE_MOOD_MAX  5

/* How many lines a gratitude entry asks for. */
#define SOLACE_GRATITUDE_ITEMS 3

#define SOLACE_TYPE_JOURNAL_ENTRY (solace_journal_entry_get_type ())

G_DECLARE_FINAL_TYPE (SolaceJournalEntry, solace_journal_entry, SOLACE, JOURNAL_ENTRY, GObject)

SolaceJournalEntry  *solace_journal_entry_new             (SolaceEntryKind     kind);
SolaceJournalEntry  *solace_journal_entry_copy            (SolaceJournalEntry *self);

gint64               solace_journal_entry_get_id          (SolaceJournalEntry *self);
void                 solace_journal_entry_set_id          (SolaceJournalEntry *self,
                                                           gint64              id);
const char          *solace_journal_entry_get_uuid        (SolaceJournalEntry *self);
void                 solace_journal_entry_set_uuid        (SolaceJournalEntry *self,
                                                           const char         *uuid);
SolaceEntryKind      solace_journal_entry_get_kind        (SolaceJournalEntry *self);
void                 solace_journal_entry_set_kind        (SolaceJournalEntry *self,
                                                           SolaceEntryKind     kind);
const char          *solace_journal_entry_get_prompt      (SolaceJournalEntry *self);
void                 solace_journal_entry_set_prompt      (SolaceJournalEntry *self,
                                                           const char         *prompt);
const char          *solace_journal_entry_get_body        (SolaceJournalEntry *self);
void                 solace_journal_entry_set_body        (SolaceJournalEntry *self,
                                                           const char         *body);
gboolean             solace_journal_entry_get_is_preview  (SolaceJournalEntry *self);
void                 solace_journal_entry_set_is_preview  (SolaceJournalEntry *self,
                                                           gboolean            is_preview);
int                  solace_journal_entry_get_mood        (SolaceJournalEntry *self);
void                 solace_journal_entry_set_mood        (SolaceJournalEntry *self,
                                                           int                 mood);
GDateTime           *solace_journal_entry_get_created     (SolaceJournalEntry *self);
void                 solace_journal_entry_set_created     (SolaceJournalEntry *self,
                                                           GDateTime          *created);
GDateTime           *solace_journal_entry_get_updated     (SolaceJournalEntry *self);
void                 solace_journal_entry_set_updated     (SolaceJournalEntry *self,
                                                           GDateTime          *updated);
const char * const  *solace_journal_entry_get_emotions    (SolaceJournalEntry *self);
void                 solace_journal_entry_set_emotions    (SolaceJournalEntry *self,
                                                           const char * const *emotions);
const char * const  *solace_journal_entry_get_tags        (SolaceJournalEntry *self);
void                 solace_journal_entry_set_tags        (SolaceJournalEntry *self,
                                                           const char * const *tags);
const char          *solace_journal_entry_get_snippet     (SolaceJournalEntry *self);
void                 solace_journal_entry_set_snippet     (SolaceJournalEntry *self,
                                                           const char         *snippet);

gboolean             solace_journal_entry_is_blank        (SolaceJournalEntry *self);
char                *solace_journal_entry_dup_day_key     (SolaceJournalEntry *self);

/* Kinds, prompts and emotions: stable keys for the database, and the
 * translated words for people. */
const char          *solace_entry_kind_to_key             (SolaceEntryKind     kind);
gboolean             solace_entry_kind_from_key           (const char         *key,
                                                           SolaceEntryKind    *kind);
const char          *solace_entry_kind_get_label          (SolaceEntryKind     kind);
const char          *solace_entry_kind_get_hint           (SolaceEntryKind     kind);

typedef struct
{
  const char *key;
  const char *question;  /* untranslated; pass through _() */
} SolacePrompt;

const SolacePrompt  *solace_journal_get_prompts           (guint              *n_prompts);
const char          *solace_journal_get_prompt_question   (const char         *key);

const char * const  *solace_journal_get_emotion_keys      (void);
const char          *solace_journal_get_emotion_label     (const char         *key);

const char          *solace_mood_get_label                (int                 mood);

/* Tags typed by a person: trimmed, deduplicated, empty ones dropped. */
char               **solace_journal_parse_tags            (const char         *text);

G_END_DECLS
