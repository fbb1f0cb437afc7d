/* solace-crisis-lines.c — the crisis lines Solace ships, by country
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "solace-crisis-lines"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "solace-crisis-lines.h"
#include "solace-error.h"

struct _SolaceCrisisLines
{
  GPtrArray  *lines;
  GHashTable *emergency;       /* country → shown text */
  GHashTable *emergency_dial;  /* country → number */
  char       *directory_url;
};

static const struct {
  const char *code;
  const char *name;
} country_names[] = {
  { "AU", N_("Australia") },
  { "BR", N_("Brazil") },
  { "CA", N_("Canada") },
  { "DE", N_("Germany") },
  { "ES", N_("Spain") },
  { "FR", N_("France") },
  { "GB", N_("United Kingdom") },
  { "IE", N_("Ireland") },
  { "IN", N_("India") },
  { "IT", N_("Italy") },
  { "JP", N_("Japan") },
  { "NL", N_("Netherlands") },
  { "NZ", N_("New Zealand") },
  { "US", N_("United States") },
  { "ZA", N_("South Africa") },
};

static void
line_free (SolaceCrisisLine *line)
{
  g_free (line->country);
  g_free (line->kind);
  g_free (line->name);
  g_free (line->number);
  g_free (line->dial);
  g_free (line->text);
  g_free (line->hours);
  g_free (line->website);
  g_free (line->caveat);
  g_free (line->source);
  g_free (line->verified_on);
  g_free (line);
}

void
solace_crisis_lines_free (SolaceCrisisLines *self)
{
  if (self == NULL)
    return;

  g_ptr_array_unref (self->lines);
  g_hash_table_unref (self->emergency);
  g_hash_table_unref (self->emergency_dial);
  g_free (self->directory_url);
  g_free (self);
}

static gboolean
is_country_code (const char *code)
{
  return code != NULL && strlen (code) == 2 &&
         g_ascii_isupper (code[0]) && g_ascii_isupper (code[1]);
}

static char *
get (GKeyFile   *keyfile,
     const char *group,
     const char *key)
{
  char *value = g_key_file_get_string (keyfile, group, key, NULL);

  if (value != NULL && *g_strstrip (value) == '\0')
    g_clear_pointer (&value, g_free);
  return value;
}

/* A line is shipped only with everything that makes it checkable. */
static SolaceCrisisLine *
read_line (GKeyFile   *keyfile,
           const char *group)
{
  g_autofree char *status = get (keyfile, group, "Status");
  SolaceCrisisLine *line = g_new0 (SolaceCrisisLine, 1);

  line->country = g_strdup (group + strlen ("Line "));
  *strchr (line->country, ' ') = '\0';
  line->kind = get (keyfile, group, "Kind");
  line->name = get (keyfile, group, "Name");
  line->number = get (keyfile, group, "Number");
  line->dial = get (keyfile, group, "Dial");
  line->text = get (keyfile, group, "Text");
  line->hours = get (keyfile, group, "Hours");
  line->website = get (keyfile, group, "Website");
  line->caveat = get (keyfile, group, "Caveat");
  line->source = get (keyfile, group, "Source");
  line->verified_on = get (keyfile, group, "VerifiedOn");
  line->partial = g_strcmp0 (status, "partial") == 0;

  if (!is_country_code (line->country) ||
      (g_strcmp0 (line->kind, "crisis") != 0 && g_strcmp0 (line->kind, "abuse") != 0) ||
      line->name == NULL ||
      (line->number == NULL && line->website == NULL) ||
      (g_strcmp0 (status, "verified") != 0 && g_strcmp0 (status, "partial") != 0) ||
      (line->partial && line->caveat == NULL) ||
      line->source == NULL || line->verified_on == NULL)
    {
      line_free (line);
      return NULL;
    }

  return line;
}

static int
compare_lines (gconstpointer a,
               gconstpointer b)
{
  const SolaceCrisisLine *la = *(SolaceCrisisLine **) a;
  const SolaceCrisisLine *lb = *(SolaceCrisisLine **) b;
  int c = strcmp (la->country, lb->country);

  if (c != 0)
    return c;
  /* Crisis before abuse. */
  return -strcmp (la->kind, lb->kind);
}

SolaceCrisisLines *
solace_crisis_lines_load_bytes (GBytes  *bytes,
                                GError **error)
{
  g_autoptr(GKeyFile) keyfile = g_key_file_new ();
  g_autoptr(GError) local_error = NULL;
  g_auto(GStrv) groups = NULL;
  SolaceCrisisLines *self;

  g_return_val_if_fail (bytes != NULL, NULL);

  if (!g_key_file_load_from_bytes (keyfile, bytes, G_KEY_FILE_NONE, &local_error))
    {
      g_set_error (error, SOLACE_ERROR, SOLACE_ERROR_CORRUPT,
                   _("The list of crisis lines could not be read: %s"), local_error->message);
      return NULL;
    }

  self = g_new0 (SolaceCrisisLines, 1);
  self->lines = g_ptr_array_new_with_free_func ((GDestroyNotify) line_free);
  self->emergency = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->emergency_dial = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  groups = g_key_file_get_groups (keyfile, NULL);
  for (guint i = 0; groups[i] != NULL; i++)
    {
      const char *group = groups[i];

      if (g_str_has_prefix (group, "Country ") && is_country_code (group + strlen ("Country ")))
        {
          char *shown = get (keyfile, group, "Emergency");
          char *dial = get (keyfile, group, "EmergencyDial");

          if (shown != NULL)
            g_hash_table_insert (self->emergency, g_strdup (group + strlen ("Country ")), shown);
          if (dial != NULL)
            g_hash_table_insert (self->emergency_dial, g_strdup (group + strlen ("Country ")), dial);
        }
      else if (g_str_has_prefix (group, "Line ") && strchr (group + strlen ("Line "), ' ') != NULL)
        {
          SolaceCrisisLine *line = read_line (keyfile, group);

          if (line != NULL)
            g_ptr_array_add (self->lines, line);
        }
      else if (g_str_equal (group, "Directory findahelpline"))
        self->directory_url = get (keyfile, group, "Url");
    }

  if (self->lines->len == 0)
    {
      solace_crisis_lines_free (self);
      g_set_error_literal (error, SOLACE_ERROR, SOLACE_ERROR_CORRUPT,
                           _("The list of crisis lines is empty or damaged."));
      return NULL;
    }

  g_ptr_array_sort (self->lines, compare_lines);
  if (self->directory_url == NULL)
    self->directory_url = g_strdup ("https://findahelpline.com/{country}");

  return self;
}

SolaceCrisisLines *
solace_crisis_lines_load_file (const char  *path,
                               GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *contents = NULL;
  gsize length;

  g_return_val_if_fail (path != NULL, NULL);

  if (!g_file_get_contents (path, &contents, &length, &local_error))
    {
      g_set_error (error, SOLACE_ERROR, SOLACE_ERROR_NOT_FOUND,
                   _("The list of crisis lines could not be read: %s"), local_error->message);
      return NULL;
    }

  {
    g_autoptr(GBytes) bytes = g_bytes_new_take (g_steal_pointer (&contents), length);
    return solace_crisis_lines_load_bytes (bytes, error);
  }
}

SolaceCrisisLines *
solace_crisis_lines_load_default (GError **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GBytes) bytes = NULL;

  bytes = g_resources_lookup_data ("/io/github/solace_app/Solace/crisis-lines.ini",
                                   G_RESOURCE_LOOKUP_FLAGS_NONE, &local_error);
  if (bytes == NULL)
    {
      g_set_error (error, SOLACE_ERROR, SOLACE_ERROR_NOT_FOUND,
                   _("The list of crisis lines is missing: %s"), local_error->message);
      return NULL;
    }

  return solace_crisis_lines_load_bytes (bytes, error);
}

GStrv
solace_crisis_lines_dup_countries (SolaceCrisisLines *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  const char *last = NULL;

  g_return_val_if_fail (self != NULL, NULL);

  for (guint i = 0; i < self->lines->len; i++)
    {
      SolaceCrisisLine *line = g_ptr_array_index (self->lines, i);

      if (g_strcmp0 (line->country, last) != 0)
        g_strv_builder_add (builder, line->country);
      last = line->country;
    }

  return g_strv_builder_end (builder);
}

GPtrArray *
solace_crisis_lines_for_country (SolaceCrisisLines *self,
                                 const char        *country)
{
  GPtrArray *out = g_ptr_array_new ();

  g_return_val_if_fail (self != NULL, out);

  for (guint i = 0; country != NULL && i < self->lines->len; i++)
    {
      SolaceCrisisLine *line = g_ptr_array_index (self->lines, i);

      if (g_ascii_strcasecmp (line->country, country) == 0)
        g_ptr_array_add (out, line);
    }

  return out;
}

guint
solace_crisis_lines_get_n_lines (SolaceCrisisLines *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->lines->len;
}

SolaceCrisisLine *
solace_crisis_lines_get_line (SolaceCrisisLines *self,
                              guint              i)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (i < self->lines->len, NULL);
  return g_ptr_array_index (self->lines, i);
}

const char *
solace_crisis_lines_get_emergency (SolaceCrisisLines  *self,
                                   const char         *country,
                                   const char        **dial)
{
  g_return_val_if_fail (self != NULL, NULL);

  if (dial != NULL)
    *dial = country != NULL ? g_hash_table_lookup (self->emergency_dial, country) : NULL;

  return country != NULL ? g_hash_table_lookup (self->emergency, country) : NULL;
}

char *
solace_crisis_lines_dup_directory_url (SolaceCrisisLines *self,
                                       const char        *country)
{
  g_autofree char *lower = NULL;
  g_auto(GStrv) parts = NULL;

  g_return_val_if_fail (self != NULL, NULL);

  parts = g_strsplit (self->directory_url, "{country}", 2);
  if (country == NULL || !is_country_code (country) || parts[1] == NULL)
    return g_strdup (parts[0]);

  lower = g_ascii_strdown (country, -1);
  return g_strconcat (parts[0], lower, parts[1], NULL);
}

char *
solace_country_from_locale (const char *locale)
{
  const char *underscore;
  char country[3];

  /* language[_TERRITORY][.codeset][@modifier] */
  if (locale == NULL)
    return NULL;

  underscore = strchr (locale, '_');
  if (underscore == NULL || strlen (underscore) < 3 ||
      !g_ascii_isalpha (underscore[1]) || !g_ascii_isalpha (underscore[2]) ||
      (underscore[3] != '\0' && underscore[3] != '.' && underscore[3] != '@'))
    return NULL;

  country[0] = g_ascii_toupper (underscore[1]);
  country[1] = g_ascii_toupper (underscore[2]);
  country[2] = '\0';

  return g_strdup (country);
}

char *
solace_country_guess (void)
{
  /* The same order the C library uses for these categories. */
  const char * const variables[] = { "LC_ALL", "LC_TELEPHONE", "LC_ADDRESS", "LANG" };

  for (guint i = 0; i < G_N_ELEMENTS (variables); i++)
    {
      const char *value = g_getenv (variables[i]);

      if (value != NULL && *value != '\0')
        return solace_country_from_locale (value);
    }

  return NULL;
}

const char *
solace_country_get_name (const char *country)
{
  for (guint i = 0; country != NULL && i < G_N_ELEMENTS (country_names); i++)
    if (g_str_equal (country_names[i].code, country))
      return _(country_names[i].name);

  return country;
}
