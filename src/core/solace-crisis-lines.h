/* solace-crisis-lines.h — the crisis lines Solace ships, by country
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct
{
  char     *country;      /* ISO 3166 alpha-2, upper case */
  char     *kind;         /* "crisis" or "abuse" */
  char     *name;
  char     *number;       /* as shown, or NULL */
  char     *dial;         /* digits (and +) for tel:, or NULL */
  char     *text;         /* text, chat or web options, or NULL */
  char     *hours;
  char     *website;
  gboolean  partial;      /* verified in part: caveat must be shown */
  char     *caveat;
  char     *source;
  char     *verified_on;
} SolaceCrisisLine;

typedef struct _SolaceCrisisLines SolaceCrisisLines;

/* Reads the GKeyFile in @bytes.  Lines without a source and a verified
 * date, or not marked verified or partial, are left out; a file that
 * cannot be read at all is an error that says why. */
SolaceCrisisLines *solace_crisis_lines_load_bytes      (GBytes             *bytes,
                                                        GError            **error);
SolaceCrisisLines *solace_crisis_lines_load_file       (const char         *path,
                                                        GError            **error);
/* The copy built into Solace. */
SolaceCrisisLines *solace_crisis_lines_load_default    (GError            **error);
void               solace_crisis_lines_free            (SolaceCrisisLines  *self);

/* The countries with data, sorted by code. */
GStrv              solace_crisis_lines_dup_countries   (SolaceCrisisLines  *self);
/* @country's lines, crisis lines first; empty for a country without data. */
GPtrArray         *solace_crisis_lines_for_country     (SolaceCrisisLines  *self,
                                                        const char         *country);
guint              solace_crisis_lines_get_n_lines     (SolaceCrisisLines  *self);
SolaceCrisisLine  *solace_crisis_lines_get_line        (SolaceCrisisLines  *self,
                                                        guint               i);
/* @country's emergency numbers as shown, and the one to dial; NULL when
 * the file does not know them. */
const char        *solace_crisis_lines_get_emergency   (SolaceCrisisLines  *self,
                                                        const char         *country,
                                                        const char        **dial);
/* The international directory's page for @country (or its front page). */
char              *solace_crisis_lines_dup_directory_url (SolaceCrisisLines *self,
                                                        const char         *country);

/* The country a locale names ("en_GB.UTF-8" → "GB"), or NULL. */
char              *solace_country_from_locale          (const char         *locale);
/* The user's country from LC_ALL, LC_TELEPHONE, LC_ADDRESS or LANG. */
char              *solace_country_guess                (void);
/* The country's name, translated, or the code itself. */
const char        *solace_country_get_name             (const char         *country);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SolaceCrisisLines, solace_crisis_lines_free)

G_END_DECLS
