/* solace-reminder.c — one reminder: what it says and when it comes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "solace-reminder"

#include "config.h"

#include <glib/gi18n-lib.h>

#include <string.h>

#include "solace-limits.h"
#include "solace-reminder.h"
#include "solace-text.h"

struct _SolaceReminder
{
  GObject             parent_instance;

  gint64              id;
  char               *key;
  SolaceReminderKind  kind;
  char               *rrule;
  char               *dtstart;
  char               *text_title;
  char               *text_body;
  SolaceSchedule     *schedule;     /* parsed on first use */
  gint64              last_due;
  gint64              snoozed_until;
  guint               enabled : 1;
  guint               parsed : 1;
};

G_DEFINE_FINAL_TYPE (SolaceReminder, solace_reminder, G_TYPE_OBJECT)

/* The built-in reminders, in the order the preferences list them.
 * The words are gentle on purpose: a nudge, never a scolding. */
static const struct {
  const char *key;
  const char *label;
  const char *title;
  const char *body;
} builtins[] = {
  { "gratitude",
    N_("Gratitude prompt"),
    N_("A moment for gratitude"),
    N_("What are three things, however small, that went right today?") },
  { "check-in",
    N_("Daily check-in"),
    N_("How are you today?"),
    N_("Take a minute to notice how you feel, and be kind to yourself about it.") },
  { "nudge-sleep",
    N_("Wind down for sleep"),
    N_("Time to wind down"),
    N_("Dim the lights, put the phone away and let the day be done. Rest helps you heal.") },
  { "nudge-eat",
    N_("Eat something"),
    N_("Have you eaten?"),
    N_("Something warm, or just a piece of fruit. Your body is carrying a lot right now.") },
  { "nudge-move",
    N_("Move your body"),
    N_("Move a little"),
    N_("A short walk, a stretch or one song to dance to loosens what feels heavy.") },
  { "nudge-breathe",
    N_("Breathe for a minute"),
    N_("Breathe for a minute"),
    N_("In slowly for four, hold for four, out for six. Then once more.") },
  { "nudge-outside",
    N_("Step outside"),
    N_("Step outside"),
    N_("A few minutes of daylight and fresh air, even at an open window.") },
  { "nudge-friend",
    N_("Call a friend"),
    N_("Call a friend"),
    N_("Someone on your side would be glad to hear your voice today.") },
};

static const char * const kind_names[] = {
  [SOLACE_REMINDER_GRATITUDE] = "gratitude",
  [SOLACE_REMINDER_CHECK_IN] = "check-in",
  [SOLACE_REMINDER_NUDGE] = "nudge",
  [SOLACE_REMINDER_BOUNDARY] = "boundary",
  [SOLACE_REMINDER_SESSION] = "session",
  [SOLACE_REMINDER_MILESTONE] = "milestone",
};

static int
builtin_index (const char *key)
{
  for (guint i = 0; i < G_N_ELEMENTS (builtins); i++)
    if (g_strcmp0 (builtins[i].key, key) == 0)
      return i;
  return -1;
}

static void
solace_reminder_finalize (GObject *object)
{
  SolaceReminder *self = (SolaceReminder *)object;

  g_clear_pointer (&self->key, g_free);
  g_clear_pointer (&self->rrule, g_free);
  g_clear_pointer (&self->dtstart, g_free);
  g_clear_pointer (&self->text_title, g_free);
  g_clear_pointer (&self->text_body, g_free);
  g_clear_pointer (&self->schedule, solace_schedule_unref);

  G_OBJECT_CLASS (solace_reminder_parent_class)->finalize (object);
}

static void
solace_reminder_class_init (SolaceReminderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = solace_reminder_finalize;
}

static void
solace_reminder_init (SolaceReminder *self)
{
}

/**
 * solace_reminder_new:
 *
 * A reminder as stored.  A rule that does not parse leaves the reminder
 * without a schedule: it never fires, and the others are not affected.
 * The rule is parsed when first asked for.
 */
SolaceReminder *
solace_reminder_new (gint64              id,
                     const char         *key,
                     SolaceReminderKind  kind,
                     gboolean            enabled,
                     const char         *rrule,
                     const char         *dtstart,
                     gint64              last_due,
                     gint64              snoozed_until)
{
  SolaceReminder *self = g_object_new (SOLACE_TYPE_REMINDER, NULL);

  self->id = id;
  self->key = g_strdup (key);
  self->kind = kind;
  self->enabled = !!enabled;
  self->rrule = g_strdup (rrule);
  self->dtstart = g_strdup (dtstart);
  self->last_due = last_due;
  self->snoozed_until = snoozed_until;

  return self;
}

/* A notification shows a line or two: what the person wrote (a
 * boundary's title, a name) is cut to a preview, at the end of a letter,
 * so a notification server is never handed pages of it. */
static char *
bounded_copy (const char *text)
{
  gsize length, cut;

  if (text == NULL)
    return NULL;

  length = strlen (text);
  cut = solace_text_cut (text, length, SOLACE_PREVIEW_CHARS);
  if (cut >= length)
    return g_strdup (text);

  {
    g_autofree char *head = g_strndup (text, cut);
    return g_strconcat (head, SOLACE_TEXT_ELLIPSIS, NULL);
  }
}

void
solace_reminder_set_text (SolaceReminder *self,
                          const char     *title,
                          const char     *body)
{
  g_return_if_fail (SOLACE_IS_REMINDER (self));

  g_free (self->text_title);
  self->text_title = bounded_copy (title);
  g_free (self->text_body);
  self->text_body = bounded_copy (body);
}

/* Whether set_text gave it words of its own. */
gboolean
solace_reminder_has_text (SolaceReminder *self)
{
  g_return_val_if_fail (SOLACE_IS_REMINDER (self), FALSE);

  return self->text_title != NULL && *self->text_title != '\0';
}

gint64
solace_reminder_get_id (SolaceReminder *self)
{
  g_return_val_if_fail (SOLACE_IS_REMINDER (self), 0);

  return self->id;
}

const char *
solace_reminder_get_key (SolaceReminder *self)
{
  g_return_val_if_fail (SOLACE_IS_REMINDER (self), NULL);

  return self->key;
}

SolaceReminderKind
solace_reminder_get_kind (SolaceReminder *self)
{
  g_return_val_if_fail (SOLACE_IS_REMINDER (self), SOLACE_REMINDER_NUDGE);

  return self->kind;
}

gboolean
solace_reminder_get_enabled (SolaceReminder *self)
{
  g_return_val_if_fail (SOLACE_IS_REMINDER (self), FALSE);

  return self->enabled;
}

const char *
solace_reminder_get_rrule (SolaceReminder *self)
{
  g_return_val_if_fail (SOLACE_IS_REMINDER (self), NULL);

  return self->rrule;
}

const char *
solace_reminder_get_dtstart (SolaceReminder *self)
{
  g_return_val_if_fail (SOLACE_IS_REMINDER (self), NULL);

  return self->dtstart;
}

SolaceSchedule *
solace_reminder_get_schedule (SolaceReminder *self)
{
  g_return_val_if_fail (SOLACE_IS_REMINDER (self), NULL);

  if (!self->parsed)
    {
      self->schedule = solace_schedule_new (self->rrule, self->dtstart, NULL);
      self->parsed = TRUE;
    }

  return self->schedule;
}

gint64
solace_reminder_get_last_due (SolaceReminder *self)
{
  g_return_val_if_fail (SOLACE_IS_REMINDER (self), 0);

  return self->last_due;
}

gint64
solace_reminder_get_snoozed_until (SolaceReminder *self)
{
  g_return_val_if_fail (SOLACE_IS_REMINDER (self), 0);

  return self->snoozed_until;
}

const char *
solace_reminder_get_label (SolaceReminder *self)
{
  int i;

  g_return_val_if_fail (SOLACE_IS_REMINDER (self), NULL);

  i = builtin_index (self->key);
  if (i >= 0)
    return _(builtins[i].label);

  if (self->text_title != NULL)
    return self->text_title;

  return self->kind == SOLACE_REMINDER_SESSION ? _("Session reminder") : _("Boundary reminder");
}

const char *
solace_reminder_get_title (SolaceReminder *self,
                           gboolean        discreet)
{
  int i;

  g_return_val_if_fail (SOLACE_IS_REMINDER (self), NULL);

  if (discreet)
    return _("Reminder");

  i = builtin_index (self->key);
  if (i >= 0)
    return _(builtins[i].title);

  if (self->text_title != NULL && *self->text_title != '\0')
    return self->text_title;

  return self->kind == SOLACE_REMINDER_SESSION ? _("A session you booked") : _("A boundary you set");
}

const char *
solace_reminder_get_body (SolaceReminder *self,
                          gboolean        discreet)
{
  int i;

  g_return_val_if_fail (SOLACE_IS_REMINDER (self), NULL);

  if (discreet)
    return NULL;

  i = builtin_index (self->key);
  if (i >= 0)
    return _(builtins[i].body);

  if (self->text_body != NULL && *self->text_body != '\0')
    return self->text_body;

  return _("Open Solace to read it again.");
}

const char *
solace_reminder_kind_to_string (SolaceReminderKind kind)
{
  g_return_val_if_fail (kind < G_N_ELEMENTS (kind_names), NULL);

  return kind_names[kind];
}

gboolean
solace_reminder_kind_from_string (const char         *text,
                                  SolaceReminderKind *kind)
{
  for (guint i = 0; i < G_N_ELEMENTS (kind_names); i++)
    if (g_strcmp0 (kind_names[i], text) == 0)
      {
        *kind = i;
        return TRUE;
      }
  return FALSE;
}
