/* solace-boundary.h — one boundary: the line, in the person's own words
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef enum
{
  SOLACE_CONTACT_NONE,    /* no contact at all */
  SOLACE_CONTACT_BRIEF,   /* brief and factual only: children, legal matters */
  SOLACE_CONTACT_OTHER,   /* described in contact_other */
  SOLACE_N_CONTACT_LEVELS
} SolaceContactLevel;

/* The parts of the "I" statement, in the order the builder asks. */
typedef enum
{
  SOLACE_STATEMENT_FEELING,    /* I feel … */
  SOLACE_STATEMENT_SITUATION,  /* when … */
  SOLACE_STATEMENT_ACTION,     /* I will … */
  SOLACE_STATEMENT_CONDITION,  /* if … */
  SOLACE_N_STATEMENT_PARTS
} SolaceStatementPart;

#define SOLACE_TYPE_BOUNDARY (solace_boundary_get_type ())

G_DECLARE_FINAL_TYPE (SolaceBoundary, solace_boundary, SOLACE, BOUNDARY, GObject)

SolaceBoundary     *solace_boundary_new               (void);
SolaceBoundary     *solace_boundary_copy              (SolaceBoundary      *self);

gint64              solace_boundary_get_id            (SolaceBoundary      *self);
void                solace_boundary_set_id            (SolaceBoundary      *self,
                                                       gint64               id);
const char         *solace_boundary_get_uuid          (SolaceBoundary      *self);
void                solace_boundary_set_uuid          (SolaceBoundary      *self,
                                                       const char          *uuid);
const char         *solace_boundary_get_title         (SolaceBoundary      *self);
void                solace_boundary_set_title         (SolaceBoundary      *self,
                                                       const char          *title);
const char         *solace_boundary_get_part          (SolaceBoundary      *self,
                                                       SolaceStatementPart  part);
void                solace_boundary_set_part          (SolaceBoundary      *self,
                                                       SolaceStatementPart  part,
                                                       const char          *text);
SolaceContactLevel  solace_boundary_get_contact_level (SolaceBoundary      *self);
void                solace_boundary_set_contact_level (SolaceBoundary      *self,
                                                       SolaceContactLevel   level);
const char         *solace_boundary_get_contact_other (SolaceBoundary      *self);
void                solace_boundary_set_contact_other (SolaceBoundary      *self,
                                                       const char          *text);
const char         *solace_boundary_get_consequence   (SolaceBoundary      *self);
void                solace_boundary_set_consequence   (SolaceBoundary      *self,
                                                       const char          *text);
gboolean            solace_boundary_get_active        (SolaceBoundary      *self);
void                solace_boundary_set_active        (SolaceBoundary      *self,
                                                       gboolean             active);

/* The whole "I" statement from its parts, as the person reads it back:
 * "I feel unsettled when you message me late at night. I will not
 * reply if it happens again."  Parts left empty are left out. */
char               *solace_boundary_dup_statement     (SolaceBoundary      *self);

const char         *solace_contact_level_to_key       (SolaceContactLevel   level);
gboolean            solace_contact_level_from_key     (const char          *key,
                                                       SolaceContactLevel  *level);
const char         *solace_contact_level_get_label    (SolaceContactLevel   level);

/* The reminder key of a boundary's schedule: "boundary:<uuid>". */
char               *solace_boundary_dup_reminder_key  (SolaceBoundary      *self);

G_END_DECLS
