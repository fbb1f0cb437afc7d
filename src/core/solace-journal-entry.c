/* solace-journal-entry.c — one journal entry
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "solace-journal-entry"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "solace-journal-entry.h"
#include "solace-limits.h"
#include "solace-utils.h"

struct _SolaceJournalEntry
{
  GObject          parent_instance;

  gint64           id;
  char            *uuid;
  SolaceEntryKind  kind;
  char            *prompt;
  char            *body;
  char            *snippet;
  GDateTime       *created;
  GDateTime       *updated;
  char           **emotions;
  char           **tags;
  int              mood;
  guint            is_preview : 1;
};

enum {
  PROP_0,
  PROP_ID,
  PROP_UUID,
  PROP_KIND,
  PROP_PROMPT,
  PROP_BODY,
  PROP_SNIPPET,
  PROP_MOOD,
  PROP_CREATED,
  PROP_UPDATED,
  PROP_EMOTIONS,
  PROP_TAGS,
  PROP_IS_PREVIEW,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (SolaceJournalEntry, solace_journal_entry, G_TYPE_OBJECT)

static const struct {
  const char *key;
  const char *label;
  const char *hint;
} kinds[SOLACE_N_ENTRY_KINDS] = {
  [SOLACE_ENTRY_KIND_REFLECTION] = { "reflection", N_("Reflection"),
                                     N_("Whatever is on your mind. Nobody else will read it.") },
  [SOLACE_ENTRY_KIND_GRATITUDE]  = { "gratitude", N_("Gratitude"),
                                     N_("Three things, however small, that were good today.") },
  [SOLACE_ENTRY_KIND_LETTER]     = { "letter", N_("Unsent Letter"),
                                     N_("Say everything you want to say to them. This letter stays here.") },
  [SOLACE_ENTRY_KIND_REASONS]    = { "reasons", N_("My Reasons"),
                                     N_("Why you chose no contact, in your own words, for the hard moments.") },
  [SOLACE_ENTRY_KIND_PROMPT]     = { "prompt", N_("Guided Prompt"),
                                     N_("A question to think through at your own pace.") },
};

static const SolacePrompt prompts[] = {
  { "what-happened", N_("Looking back, what went wrong between you — and what went right?") },
  { "roles",         N_("What part did each of you play in how things ended? Try to be fair to yourself too.") },
  { "differently",   N_("What would you do differently in your next relationship, and what would you keep?") },
  { "need-now",      N_("What do you need right now, today, to feel a little safer or calmer?") },
  { "kindness",      N_("What is one kind thing you did for yourself recently?") },
};

static const char * const emotion_keys[] = {
  "shock", "shame", "fear", "anger", "sadness", "grief", "loneliness",
  "despair", "confusion", "relief", "hope", "calm", "gratitude", NULL
};

static const char * const emotion_labels[] = {
  N_("Shock"), N_("Shame"), N_("Fear"), N_("Anger"), N_("Sadness"), N_("Grief"),
  N_("Loneliness"), N_("Despair"), N_("Confusion"), N_("Relief"), N_("Hope"),
  N_("Calm"), N_("Gratitude"), NULL
};

static const char * const mood_labels[] = {
  NULL,
  N_("Very low"),
  N_("Low"),
  N_("Okay"),
  N_("Good"),
  N_("Very good"),
};

static gboolean
strv_equal0 (char               **a,
             const char * const  *b)
{
  if (a == NULL || b == NULL)
    return (a == NULL || a[0] == NULL) && (b == NULL || b[0] == NULL);

  return g_strv_equal ((const char * const *) a, b);
}

static gboolean
set_date_time (GDateTime **dest,
               GDateTime  *value)
{
  if (*dest == value)
    return FALSE;
  if (*dest != NULL && value != NULL && g_date_time_equal (*dest, value))
    return FALSE;

  g_clear_pointer (dest, g_date_time_unref);
  if (value != NULL)
    *dest = g_date_time_ref (value);

  return TRUE;
}

static void
solace_journal_entry_finalize (GObject *object)
{
  SolaceJournalEntry *self = (SolaceJournalEntry *)object;

  g_clear_pointer (&self->uuid, g_free);
  g_clear_pointer (&self->prompt, g_free);
  g_clear_pointer (&self->body, g_free);
  g_clear_pointer (&self->snippet, g_free);
  g_clear_pointer (&self->created, g_date_time_unref);
  g_clear_pointer (&self->updated, g_date_time_unref);
  g_clear_pointer (&self->emotions, g_strfreev);
  g_clear_pointer (&self->tags, g_strfreev);

  G_OBJECT_CLASS (solace_journal_entry_parent_class)->finalize (object);
}

static void
solace_journal_entry_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  SolaceJournalEntry *self = SOLACE_JOURNAL_ENTRY (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;
    case PROP_UUID:
      g_value_set_string (value, self->uuid);
      break;
    case PROP_KIND:
      g_value_set_int (value, self->kind);
      break;
    case PROP_PROMPT:
      g_value_set_string (value, self->prompt);
      break;
    case PROP_BODY:
      g_value_set_string (value, self->body);
      break;
    case PROP_SNIPPET:
      g_value_set_string (value, self->snippet);
      break;
    case PROP_MOOD:
      g_value_set_int (value, self->mood);
      break;
    case PROP_CREATED:
      g_value_set_boxed (value, self->created);
      break;
    case PROP_UPDATED:
      g_value_set_boxed (value, self->updated);
      break;
    case PROP_EMOTIONS:
      g_value_set_boxed (value, self->emotions);
      break;
    case PROP_TAGS:
      g_value_set_boxed (value, self->tags);
      break;
    case PROP_IS_PREVIEW:
      g_value_set_boolean (value, self->is_preview);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
solace_journal_entry_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  SolaceJournalEntry *self = SOLACE_JOURNAL_ENTRY (object);

  switch (prop_id)
    {
    case PROP_ID:
      solace_journal_entry_set_id (self, g_value_get_int64 (value));
      break;
    case PROP_UUID:
      solace_journal_entry_set_uuid (self, g_value_get_string (value));
      break;
    case PROP_KIND:
      solace_journal_entry_set_kind (self, g_value_get_int (value));
      break;
    case PROP_PROMPT:
      solace_journal_entry_set_prompt (self, g_value_get_string (value));
      break;
    case PROP_BODY:
      solace_journal_entry_set_body (self, g_value_get_string (value));
      break;
    case PROP_SNIPPET:
      solace_journal_entry_set_snippet (self, g_value_get_string (value));
      break;
    case PROP_MOOD:
      solace_journal_entry_set_mood (self, g_value_get_int (value));
      break;
    case PROP_CREATED:
      solace_journal_entry_set_created (self, g_value_get_boxed (value));
      break;
    case PROP_UPDATED:
      solace_journal_entry_set_updated (self, g_value_get_boxed (value));
      break;
    case PROP_EMOTIONS:
      solace_journal_entry_set_emotions (self, g_value_get_boxed (value));
      break;
    case PROP_TAGS:
      solace_journal_entry_set_tags (self, g_value_get_boxed (value));
      break;
    case PROP_IS_PREVIEW:
      solace_journal_entry_set_is_preview (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
solace_journal_entry_class_init (SolaceJournalEntryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = solace_journal_entry_finalize;
  object_class->get_property = solace_journal_entry_get_property;
  object_class->set_property = solace_journal_entry_set_property;

  properties[PROP_ID] = g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_UUID] = g_param_spec_string ("uuid", NULL, NULL, NULL, flags);
  properties[PROP_KIND] = g_param_spec_int ("kind", NULL, NULL, 0, SOLACE_N_ENTRY_KINDS - 1, 0, flags);
  properties[PROP_PROMPT] = g_param_spec_string ("prompt", NULL, NULL, NULL, flags);
  properties[PROP_BODY] = g_param_spec_string ("body", NULL, NULL, "", flags);
  properties[PROP_SNIPPET] = g_param_spec_string ("snippet", NULL, NULL, NULL, flags);
  properties[PROP_MOOD] = g_param_spec_int ("mood", NULL, NULL, 0, SOLACE_MOOD_MAX, 0, flags);
  properties[PROP_CREATED] = g_param_spec_boxed ("created", NULL, NULL, G_TYPE_DATE_TIME, flags);
  properties[PROP_UPDATED] = g_param_spec_boxed ("updated", NULL, NULL, G_TYPE_DATE_TIME, flags);
  properties[PROP_EMOTIONS] = g_param_spec_boxed ("emotions", NULL, NULL, G_TYPE_STRV, flags);
  properties[PROP_TAGS] = g_param_spec_boxed ("tags", NULL, NULL, G_TYPE_STRV, flags);
  properties[PROP_IS_PREVIEW] = g_param_spec_boolean ("is-preview", NULL, NULL, FALSE, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
solace_journal_entry_init (SolaceJournalEntry *self)
{
  self->body = g_strdup ("");
  self->emotions = g_new0 (char *, 1);
  self->tags = g_new0 (char *, 1);
}

/**
 * solace_journal_entry_new:
 *
 * A new, unsaved entry written now, with a fresh UUID.
 */
SolaceJournalEntry *
solace_journal_entry_new (SolaceEntryKind kind)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *uuid = g_uuid_string_random ();

  g_return_val_if_fail (kind < SOLACE_N_ENTRY_KINDS, NULL);

  return g_object_new (SOLACE_TYPE_JOURNAL_ENTRY,
                       "uuid", uuid,
                       "kind", kind,
                       "created", now,
                       "updated", now,
                       NULL);
}

SolaceJournalEntry *
solace_journal_entry_copy (SolaceJournalEntry *self)
{
  SolaceJournalEntry *copy;

  g_return_val_if_fail (SOLACE_IS_JOURNAL_ENTRY (self), NULL);

  copy = g_object_new (SOLACE_TYPE_JOURNAL_ENTRY, NULL);
  copy->id = self->id;
  copy->uuid = g_strdup (self->uuid);
  copy->kind = self->kind;
  copy->prompt = g_strdup (self->prompt);
  g_free (copy->body);
  copy->body = g_strdup (self->body);
  copy->snippet = g_strdup (self->snippet);
  copy->mood = self->mood;
  copy->created = self->created ? g_date_time_ref (self->created) : NULL;
  copy->updated = self->updated ? g_date_time_ref (self->updated) : NULL;
  g_strfreev (copy->emotions);
  copy->emotions = g_strdupv (self->emotions);
  g_strfreev (copy->tags);
  copy->tags = g_strdupv (self->tags);
  copy->is_preview = self->is_preview;

  return copy;
}

gint64
solace_journal_entry_get_id (SolaceJournalEntry *self)
{
  g_return_val_if_fail (SOLACE_IS_JOURNAL_ENTRY (self), 0);
  return self->id;
}

void
solace_journal_entry_set_id (SolaceJournalEntry *self,
                             gint64              id)
{
  g_return_if_fail (SOLACE_IS_JOURNAL_ENTRY (self));

  if (self->id != id)
    {
      self->id = id;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ID]);
    }
}

const char *
solace_journal_entry_get_uuid (SolaceJournalEntry *self)
{
  g_return_val_if_fail (SOLACE_IS_JOURNAL_ENTRY (self), NULL);
  return self->uuid;
}

void
solace_journal_entry_set_uuid (SolaceJournalEntry *self,
                               const char         *uuid)
{
  g_return_if_fail (SOLACE_IS_JOURNAL_ENTRY (self));

  if (solace_set_str (&self->uuid, uuid))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UUID]);
}

SolaceEntryKind
solace_journal_entry_get_kind (SolaceJournalEntry *self)
{
  g_return_val_if_fail (SOLACE_IS_JOURNAL_ENTRY (self), 0);
  return self->kind;
}

void
solace_journal_entry_set_kind (SolaceJournalEntry *self,
                               SolaceEntryKind     kind)
{
  g_return_if_fail (SOLACE_IS_JOURNAL_ENTRY (self));
  g_return_if_fail (kind < SOLACE_N_ENTRY_KINDS);

  if (self->kind != kind)
    {
      self->kind = kind;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_KIND]);
    }
}

const char *
solace_journal_entry_get_prompt (SolaceJournalEntry *self)
{
  g_return_val_if_fail (SOLACE_IS_JOURNAL_ENTRY (self), NULL);
  return self->prompt;
}

void
solace_journal_entry_set_prompt (SolaceJournalEntry *self,
                                 const char         *prompt)
{
  g_return_if_fail (SOLACE_IS_JOURNAL_ENTRY (self));

  if (solace_set_str (&self->prompt, prompt))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROMPT]);
}

const char *
solace_journal_entry_get_body (SolaceJournalEntry *self)
{
  g_return_val_if_fail (SOLACE_IS_JOURNAL_ENTRY (self), NULL);
  return self->body;
}

void
solace_journal_entry_set_body (SolaceJournalEntry *self,
                               const char         *body)
{
  g_return_if_fail (SOLACE_IS_JOURNAL_ENTRY (self));

  if (solace_set_str (&self->body, body != NULL ? body : ""))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BODY]);
}

const char *
solace_journal_entry_get_snippet (SolaceJournalEntry *self)
{
  g_return_val_if_fail (SOLACE_IS_JOURNAL_ENTRY (self), NULL);
  return self->snippet;
}

void
solace_journal_entry_set_snippet (SolaceJournalEntry *self,
                                  const char         *snippet)
{
  g_return_if_fail (SOLACE_IS_JOURNAL_ENTRY (self));

  if (solace_set_str (&self->snippet, snippet))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SNIPPET]);
}

gboolean
solace_journal_entry_get_is_preview (SolaceJournalEntry *self)
{
  g_return_val_if_fail (SOLACE_IS_JOURNAL_ENTRY (self), FALSE);
  return self->is_preview;
}

void
solace_journal_entry_set_is_preview (SolaceJournalEntry *self,
                                     gboolean            is_preview)
{
  g_return_if_fail (SOLACE_IS_JOURNAL_ENTRY (self));

  is_preview = !!is_preview;
  if (self->is_preview != is_preview)
    {
      self->is_preview = is_preview;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_IS_PREVIEW]);
    }
}

int
solace_journal_entry_get_mood (SolaceJournalEntry *self)
{
  g_return_val_if_fail (SOLACE_IS_JOURNAL_ENTRY (self), 0);
  return self->mood;
}

void
solace_journal_entry_set_mood (SolaceJournalEntry *self,
                               int                 mood)
{
  g_return_if_fail (SOLACE_IS_JOURNAL_ENTRY (self));

  mood = CLAMP (mood, SOLACE_MOOD_NONE, SOLACE_MOOD_MAX);
  if (self->mood != mood)
    {
      self->mood = mood;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MOOD]);
    }
}

GDateTime *
solace_journal_entry_get_created (SolaceJournalEntry *self)
{
  g_return_val_if_fail (SOLACE_IS_JOURNAL_ENTRY (self), NULL);
  return self->created;
}

void
solace_journal_entry_set_created (SolaceJournalEntry *self,
                                  GDateTime          *created)
{
  g_return_if_fail (SOLACE_IS_JOURNAL_ENTRY (self));

  if (set_date_time (&self->created, created))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CREATED]);
}

GDateTime *
solace_journal_entry_get_updated (SolaceJournalEntry *self)
{
  g_return_val_if_fail (SOLACE_IS_JOURNAL_ENTRY (self), NULL);
  return self->updated;
}

void
solace_journal_entry_set_updated (SolaceJournalEntry *self,
                                  GDateTime          *updated)
{
  g_return_if_fail (SOLACE_IS_JOURNAL_ENTRY (self));

  if (set_date_time (&self->updated, updated))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UPDATED]);
}

const char * const *
solace_journal_entry_get_emotions (SolaceJournalEntry *self)
{
  g_return_val_if_fail (SOLACE_IS_JOURNAL_ENTRY (self), NULL);
  return (const char * const *) self->emotions;
}

void
solace_journal_entry_set_emotions (SolaceJournalEntry *self,
                                   const char * const *emotions)
{
  g_return_if_fail (SOLACE_IS_JOURNAL_ENTRY (self));

  if (strv_equal0 (self->emotions, emotions))
    return;

  g_strfreev (self->emotions);
  self->emotions = emotions != NULL ? g_strdupv ((char **) emotions) : g_new0 (char *, 1);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EMOTIONS]);
}

const char * const *
solace_journal_entry_get_tags (SolaceJournalEntry *self)
{
  g_return_val_if_fail (SOLACE_IS_JOURNAL_ENTRY (self), NULL);
  return (const char * const *) self->tags;
}

void
solace_journal_entry_set_tags (SolaceJournalEntry *self,
                               const char * const *tags)
{
  g_return_if_fail (SOLACE_IS_JOURNAL_ENTRY (self));

  if (strv_equal0 (self->tags, tags))
    return;

  g_strfreev (self->tags);
  self->tags = tags != NULL ? g_strdupv ((char **) tags) : g_new0 (char *, 1);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TAGS]);
}

/**
 * solace_journal_entry_is_blank:
 *
 * Whether there is nothing worth keeping: no text, no mood, no tags.
 * A new entry is only written once it stops being blank.
 */
gboolean
solace_journal_entry_is_blank (SolaceJournalEntry *self)
{
  const char *p;

  g_return_val_if_fail (SOLACE_IS_JOURNAL_ENTRY (self), TRUE);

  if (self->mood != SOLACE_MOOD_NONE ||
      self->emotions[0] != NULL ||
      self->tags[0] != NULL)
    return FALSE;

  for (p = self->body; *p != '\0'; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)))
      return FALSE;

  return TRUE;
}

/* The day an entry belongs to, in the local calendar: YYYY-MM-DD. */
char *
solace_journal_entry_dup_day_key (SolaceJournalEntry *self)
{
  g_autoptr(GDateTime) local = NULL;

  g_return_val_if_fail (SOLACE_IS_JOURNAL_ENTRY (self), NULL);

  if (self->created == NULL)
    return NULL;

  local = g_date_time_to_local (self->created);
  return g_date_time_format (local, "%Y-%m-%d");
}

const char *
solace_entry_kind_to_key (SolaceEntryKind kind)
{
  g_return_val_if_fail (kind < SOLACE_N_ENTRY_KINDS, NULL);
  return kinds[kind].key;
}

gboolean
solace_entry_kind_from_key (const char      *key,
                            SolaceEntryKind *kind)
{
  for (guint i = 0; i < SOLACE_N_ENTRY_KINDS; i++)
    {
      if (g_strcmp0 (key, kinds[i].key) == 0)
        {
          *kind = i;
          return TRUE;
        }
    }

  return FALSE;
}

const char *
solace_entry_kind_get_label (SolaceEntryKind kind)
{
  g_return_val_if_fail (kind < SOLACE_N_ENTRY_KINDS, NULL);
  return _(kinds[kind].label);
}

const char *
solace_entry_kind_get_hint (SolaceEntryKind kind)
{
  g_return_val_if_fail (kind < SOLACE_N_ENTRY_KINDS, NULL);
  return _(kinds[kind].hint);
}

const SolacePrompt *
solace_journal_get_prompts (guint *n_prompts)
{
  *n_prompts = G_N_ELEMENTS (prompts);
  return prompts;
}

const char *
solace_journal_get_prompt_question (const char *key)
{
  for (guint i = 0; i < G_N_ELEMENTS (prompts); i++)
    if (g_strcmp0 (key, prompts[i].key) == 0)
      return _(prompts[i].question);

  return NULL;
}

const char * const *
solace_journal_get_emotion_keys (void)
{
  return emotion_keys;
}

const char *
solace_journal_get_emotion_label (const char *key)
{
  for (guint i = 0; emotion_keys[i] != NULL; i++)
    if (g_strcmp0 (key, emotion_keys[i]) == 0)
      return _(emotion_labels[i]);

  return NULL;
}

const char *
solace_mood_get_label (int mood)
{
  if (mood < 1 || mood > SOLACE_MOOD_MAX)
    return NULL;

  return _(mood_labels[mood]);
}

char **
solace_journal_parse_tags (const char *text)
{
  g_autoptr(GPtrArray) tags = g_ptr_array_new_with_free_func (g_free);
  g_auto(GStrv) parts = NULL;

  if (text == NULL)
    return g_new0 (char *, 1);

  parts = g_strsplit_set (text, ",;\n", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_autofree char *valid = g_utf8_make_valid (parts[i], -1);
      char *tag = g_strstrip (valid);
      gboolean seen = FALSE;

      if (*tag == '\0')
        continue;

      /* Tags are labels, not essays: keep them to a sensible length. */
      if (g_utf8_strlen (tag, -1) > SOLACE_MAX_TAG_CHARS)
        *g_utf8_offset_to_pointer (tag, SOLACE_MAX_TAG_CHARS) = '\0';

      for (guint j = 0; j < tags->len; j++)
        {
          g_autofree char *a = g_utf8_casefold (g_ptr_array_index (tags, j), -1);
          g_autofree char *b = g_utf8_casefold (tag, -1);

          if (g_strcmp0 (a, b) == 0)
            seen = TRUE;
        }

      if (!seen)
        g_ptr_array_add (tags, g_strdup (tag));
    }

  g_ptr_array_add (tags, NULL);
  return (char **) g_ptr_array_steal (tags, NULL);
}
