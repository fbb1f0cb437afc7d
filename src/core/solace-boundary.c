/* solace-boundary.c — one boundary: the line, in the person's own words
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "solace-boundary"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "solace-boundary.h"
#include "solace-utils.h"

struct _SolaceBoundary
{
  GObject             parent_instance;

  gint64              id;
  char               *uuid;
  char               *title;
  char               *parts[SOLACE_N_STATEMENT_PARTS];
  SolaceContactLevel  contact_level;
  char               *contact_other;
  char               *consequence;
  guint               active : 1;
};

G_DEFINE_FINAL_TYPE (SolaceBoundary, solace_boundary, G_TYPE_OBJECT)

static const struct {
  const char *key;
  const char *label;
} contact_levels[SOLACE_N_CONTACT_LEVELS] = {
  [SOLACE_CONTACT_NONE] = { "none", N_("No contact") },
  [SOLACE_CONTACT_BRIEF] = { "brief", N_("Brief and factual only") },
  [SOLACE_CONTACT_OTHER] = { "other", N_("Other") },
};

static void
solace_boundary_finalize (GObject *object)
{
  SolaceBoundary *self = (SolaceBoundary *)object;

  g_free (self->uuid);
  g_free (self->title);
  for (guint i = 0; i < SOLACE_N_STATEMENT_PARTS; i++)
    g_free (self->parts[i]);
  g_free (self->contact_other);
  g_free (self->consequence);

  G_OBJECT_CLASS (solace_boundary_parent_class)->finalize (object);
}

static void
solace_boundary_class_init (SolaceBoundaryClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = solace_boundary_finalize;
}

static void
solace_boundary_init (SolaceBoundary *self)
{
  self->uuid = g_uuid_string_random ();
  self->title = g_strdup ("");
  for (guint i = 0; i < SOLACE_N_STATEMENT_PARTS; i++)
    self->parts[i] = g_strdup ("");
  self->contact_other = g_strdup ("");
  self->consequence = g_strdup ("");
  self->active = TRUE;
}

SolaceBoundary *
solace_boundary_new (void)
{
  return g_object_new (SOLACE_TYPE_BOUNDARY, NULL);
}

SolaceBoundary *
solace_boundary_copy (SolaceBoundary *self)
{
  SolaceBoundary *copy;

  g_return_val_if_fail (SOLACE_IS_BOUNDARY (self), NULL);

  copy = solace_boundary_new ();
  copy->id = self->id;
  solace_set_str (&copy->uuid, self->uuid);
  solace_set_str (&copy->title, self->title);
  for (guint i = 0; i < SOLACE_N_STATEMENT_PARTS; i++)
    solace_set_str (&copy->parts[i], self->parts[i]);
  copy->contact_level = self->contact_level;
  solace_set_str (&copy->contact_other, self->contact_other);
  solace_set_str (&copy->consequence, self->consequence);
  copy->active = self->active;

  return copy;
}

gint64
solace_boundary_get_id (SolaceBoundary *self)
{
  g_return_val_if_fail (SOLACE_IS_BOUNDARY (self), 0);
  return self->id;
}

void
solace_boundary_set_id (SolaceBoundary *self,
                        gint64          id)
{
  g_return_if_fail (SOLACE_IS_BOUNDARY (self));
  self->id = id;
}

const char *
solace_boundary_get_uuid (SolaceBoundary *self)
{
  g_return_val_if_fail (SOLACE_IS_BOUNDARY (self), NULL);
  return self->uuid;
}

void
solace_boundary_set_uuid (SolaceBoundary *self,
                          const char     *uuid)
{
  g_return_if_fail (SOLACE_IS_BOUNDARY (self));
  g_return_if_fail (uuid != NULL);
  solace_set_str (&self->uuid, uuid);
}

const char *
solace_boundary_get_title (SolaceBoundary *self)
{
  g_return_val_if_fail (SOLACE_IS_BOUNDARY (self), NULL);
  return self->title;
}

void
solace_boundary_set_title (SolaceBoundary *self,
                           const char     *title)
{
  g_return_if_fail (SOLACE_IS_BOUNDARY (self));
  solace_set_str (&self->title, title != NULL ? title : "");
}

const char *
solace_boundary_get_part (SolaceBoundary      *self,
                          SolaceStatementPart  part)
{
  g_return_val_if_fail (SOLACE_IS_BOUNDARY (self), NULL);
  g_return_val_if_fail (part < SOLACE_N_STATEMENT_PARTS, NULL);
  return self->parts[part];
}

void
solace_boundary_set_part (SolaceBoundary      *self,
                          SolaceStatementPart  part,
                          const char          *text)
{
  g_return_if_fail (SOLACE_IS_BOUNDARY (self));
  g_return_if_fail (part < SOLACE_N_STATEMENT_PARTS);
  solace_set_str (&self->parts[part], text != NULL ? text : "");
}

SolaceContactLevel
solace_boundary_get_contact_level (SolaceBoundary *self)
{
  g_return_val_if_fail (SOLACE_IS_BOUNDARY (self), SOLACE_CONTACT_NONE);
  return self->contact_level;
}

void
solace_boundary_set_contact_level (SolaceBoundary     *self,
                                   SolaceContactLevel  level)
{
  g_return_if_fail (SOLACE_IS_BOUNDARY (self));
  g_return_if_fail (level < SOLACE_N_CONTACT_LEVELS);
  self->contact_level = level;
}

const char *
solace_boundary_get_contact_other (SolaceBoundary *self)
{
  g_return_val_if_fail (SOLACE_IS_BOUNDARY (self), NULL);
  return self->contact_other;
}

void
solace_boundary_set_contact_other (SolaceBoundary *self,
                                   const char     *text)
{
  g_return_if_fail (SOLACE_IS_BOUNDARY (self));
  solace_set_str (&self->contact_other, text != NULL ? text : "");
}

const char *
solace_boundary_get_consequence (SolaceBoundary *self)
{
  g_return_val_if_fail (SOLACE_IS_BOUNDARY (self), NULL);
  return self->consequence;
}

void
solace_boundary_set_consequence (SolaceBoundary *self,
                                 const char     *text)
{
  g_return_if_fail (SOLACE_IS_BOUNDARY (self));
  solace_set_str (&self->consequence, text != NULL ? text : "");
}

gboolean
solace_boundary_get_active (SolaceBoundary *self)
{
  g_return_val_if_fail (SOLACE_IS_BOUNDARY (self), FALSE);
  return self->active;
}

void
solace_boundary_set_active (SolaceBoundary *self,
                            gboolean        active)
{
  g_return_if_fail (SOLACE_IS_BOUNDARY (self));
  self->active = !!active;
}

/* A part as it goes into the sentence: trimmed, without the full stop
 * the sentence adds itself. */
static char *
clean_part (const char *text)
{
  char *clean = g_strstrip (g_strdup (text));
  gsize len = strlen (clean);

  while (len > 0 && (clean[len - 1] == '.' || clean[len - 1] == ' '))
    clean[--len] = '\0';

  return clean;
}

char *
solace_boundary_dup_statement (SolaceBoundary *self)
{
  g_autofree char *feeling = NULL;
  g_autofree char *situation = NULL;
  g_autofree char *action = NULL;
  g_autofree char *condition = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;

  g_return_val_if_fail (SOLACE_IS_BOUNDARY (self), NULL);

  feeling = clean_part (self->parts[SOLACE_STATEMENT_FEELING]);
  situation = clean_part (self->parts[SOLACE_STATEMENT_SITUATION]);
  action = clean_part (self->parts[SOLACE_STATEMENT_ACTION]);
  condition = clean_part (self->parts[SOLACE_STATEMENT_CONDITION]);

  if (*feeling && *situation)
    /* Translators: "I feel unsettled when you message me late at night." */
    first = g_strdup_printf (_("I feel %s when %s."), feeling, situation);
  else if (*feeling)
    first = g_strdup_printf (_("I feel %s."), feeling);
  else if (*situation)
    first = g_strdup_printf (_("When %s."), situation);

  if (*action && *condition)
    /* Translators: "I will not reply if it happens again." */
    second = g_strdup_printf (_("I will %s if %s."), action, condition);
  else if (*action)
    second = g_strdup_printf (_("I will %s."), action);
  else if (*condition)
    second = g_strdup_printf (_("If %s."), condition);

  if (first != NULL && second != NULL)
    return g_strconcat (first, " ", second, NULL);
  if (first != NULL)
    return g_steal_pointer (&first);
  if (second != NULL)
    return g_steal_pointer (&second);
  return g_strdup ("");
}

const char *
solace_contact_level_to_key (SolaceContactLevel level)
{
  g_return_val_if_fail (level < SOLACE_N_CONTACT_LEVELS, NULL);
  return contact_levels[level].key;
}

gboolean
solace_contact_level_from_key (const char         *key,
                               SolaceContactLevel *level)
{
  for (guint i = 0; i < SOLACE_N_CONTACT_LEVELS; i++)
    if (g_strcmp0 (contact_levels[i].key, key) == 0)
      {
        *level = i;
        return TRUE;
      }
  return FALSE;
}

const char *
solace_contact_level_get_label (SolaceContactLevel level)
{
  g_return_val_if_fail (level < SOLACE_N_CONTACT_LEVELS, NULL);
  return _(contact_levels[level].label);
}

char *
solace_boundary_dup_reminder_key (SolaceBoundary *self)
{
  g_return_val_if_fail (SOLACE_IS_BOUNDARY (self), NULL);
  return g_strconcat ("boundary:", self->uuid, NULL);
}
