/* solace-export-markdown.c — the journal as one Markdown document
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The person's words are escaped so that nothing they wrote can be
 * taken for Markdown structure.
 */
#define G_LOG_DOMAIN "solace-export"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "solace-export-private.h"
#include "solace-journal-entry.h"
#include "solace-locale.h"
#include "solace-progress.h"

/* ASCII punctuation that CommonMark (or GitHub's tables, strikethrough
 * and HTML) can read as structure anywhere in a line. */
static const char markdown_special[] = "\\`*_[]<>#!|~&";

/* Text on one line, with nothing in it that Markdown would act on. */
static void
append_inline (GString    *out,
               const char *text,
               gssize      length)
{
  const char *end = length < 0 ? text + strlen (text) : text + length;

  for (const char *p = text; p < end; p++)
    {
      if ((guchar) *p < 0x20 || *p == 0x7f)
        {
          g_string_append_c (out, ' ');
          continue;
        }
      if (strchr (markdown_special, *p) != NULL)
        g_string_append_c (out, '\\');
      g_string_append_c (out, *p);
    }
}

static gboolean
is_blank (const char *line)
{
  for (const char *p = line; *p; p++)
    if (!g_ascii_isspace (*p))
      return FALSE;
  return TRUE;
}

/* The person's text, as paragraphs with their own line breaks, none of
 * it able to start a heading, a list, a quote, a rule, a code block or a
 * table, or to end the entry. */
static void
append_body (GString    *out,
             const char *body)
{
  g_auto(GStrv) lines = g_strsplit (body, "\n", -1);
  gboolean in_paragraph = FALSE;

  for (guint i = 0; lines[i] != NULL; i++)
    {
      char *line = lines[i];
      gsize length = strlen (line);
      const char *p = line;
      const char *digits;

      if (length > 0 && line[length - 1] == '\r')
        line[--length] = '\0';

      /* A blank line ends the paragraph; several count as one. */
      if (is_blank (line))
        {
          if (in_paragraph)
            g_string_append (out, "\n\n");
          in_paragraph = FALSE;
          continue;
        }

      /* A backslash at the end of a line keeps the line break. */
      if (in_paragraph)
        g_string_append (out, "\\\n");

      /* Indentation stays, as no-break spaces: spaces would make a code block. */
      for (; *p == ' ' || *p == '\t'; p++)
        g_string_append (out, *p == '\t' ? "\xc2\xa0\xc2\xa0\xc2\xa0\xc2\xa0" : "\xc2\xa0");

      /* What starts a block only at the start of a line: "- ", "+ ",
       * "1. ", "2) ", and "===" under a line. */
      if (*p == '-' || *p == '+' || *p == '=')
        g_string_append_c (out, '\\');
      for (digits = p; g_ascii_isdigit (*digits); digits++)
        ;
      if (digits > p && (*digits == '.' || *digits == ')'))
        {
          g_string_append_len (out, p, digits - p);
          g_string_append_c (out, '\\');
          p = digits;
        }

      append_inline (out, p, -1);
      in_paragraph = TRUE;
    }

  if (in_paragraph)
    g_string_append_c (out, '\n');
}

static char *
format_day (const GDate *day)
{
  g_autoptr(GDateTime) noon = g_date_time_new_local (g_date_get_year (day), g_date_get_month (day),
                                                     g_date_get_day (day), 12, 0, 0);

  if (noon == NULL)
    return solace_day_to_iso (day);

  /* Translators: a day in the Markdown export, "Saturday 28 March 2026". */
  return g_date_time_format (noon, _("%A %-d %B %Y"));
}

static void
append_list (GString    *out,
             const char *label,
             const char *joined,
             gboolean    emotions)
{
  g_auto(GStrv) names = NULL;

  if (joined == NULL || *joined == '\0')
    return;

  names = g_strsplit (joined, "\x1f", -1);
  g_string_append_printf (out, "- %s: ", label);
  for (guint i = 0; names[i] != NULL; i++)
    {
      const char *shown = emotions ? solace_journal_get_emotion_label (names[i]) : NULL;

      if (i > 0)
        /* Translators: between the items of a list, "Calm, Hopeful". */
        g_string_append (out, _(", "));
      append_inline (out, shown != NULL ? shown : names[i], -1);
    }
  g_string_append_c (out, '\n');
}

static void
append_entry (GString      *out,
              sqlite3_stmt *stmt)
{
  const char *kind_key = (const char *) sqlite3_column_text (stmt, 0);
  const char *prompt = (const char *) sqlite3_column_text (stmt, 1);
  const char *body = (const char *) sqlite3_column_text (stmt, 2);
  const char *day_text = (const char *) sqlite3_column_text (stmt, 4);
  g_autoptr(GDate) day = solace_day_from_iso (day_text);
  g_autoptr(GDateTime) created = g_date_time_new_from_unix_local (sqlite3_column_int64 (stmt, 5));
  SolaceEntryKind kind;

  /* The day the entry belongs to, and the time it was written. */
  g_string_append (out, "## ");
  {
    g_autofree char *shown_day = day != NULL ? format_day (day) : NULL;
    g_autofree char *time = created != NULL ? solace_format_time_of_day (created) : NULL;

    if (shown_day != NULL && time != NULL)
      {
        /* Translators: a journal entry's heading in the Markdown export:
         * its day, then the time it was written, "Saturday 28 March 2026,
         * 21:05". */
        g_autofree char *heading = g_strdup_printf (C_("entry heading", "%1$s, %2$s"), shown_day, time);

        g_string_append (out, heading);
      }
    else if (shown_day != NULL)
      g_string_append (out, shown_day);
    else
      {
        append_inline (out, day_text != NULL ? day_text : "", -1);
        if (time != NULL)
          g_string_append_printf (out, ", %s", time);
      }
  }
  g_string_append (out, "\n\n");

  g_string_append_printf (out, "- %s: ", _("Kind"));
  if (solace_entry_kind_from_key (kind_key, &kind))
    append_inline (out, solace_entry_kind_get_label (kind), -1);
  else
    append_inline (out, kind_key != NULL ? kind_key : "", -1);
  g_string_append_c (out, '\n');

  if (sqlite3_column_type (stmt, 3) != SQLITE_NULL)
    {
      int mood = sqlite3_column_int (stmt, 3);
      const char *label = solace_mood_get_label (mood);

      /* Translators: a journal entry's mood, "Low (2 of 5)". */
      g_string_append_printf (out, "- %s: ", _("Mood"));
      if (label != NULL)
        {
          g_autofree char *shown = g_strdup_printf (_("%s (%d of 5)"), label, mood);

          append_inline (out, shown, -1);
        }
      else
        g_string_append_printf (out, "%d", mood);
      g_string_append_c (out, '\n');
    }

  append_list (out, _("Feelings"), (const char *) sqlite3_column_text (stmt, 6), TRUE);
  append_list (out, _("Tags"), (const char *) sqlite3_column_text (stmt, 7), FALSE);

  if (prompt != NULL && *prompt != '\0')
    {
      const char *question = solace_journal_get_prompt_question (prompt);

      g_string_append_printf (out, "- %s: ", _("Prompt"));
      append_inline (out, question != NULL ? question : prompt, -1);
      g_string_append_c (out, '\n');
    }

  if (body != NULL && !is_blank (body))
    {
      g_string_append_c (out, '\n');
      append_body (out, body);
    }

  g_string_append_c (out, '\n');
}

static sqlite3_stmt *
journal_query (SolaceDatabase  *db,
               const char      *columns,
               const GDate     *from,
               const GDate     *until,
               GError         **error)
{
  g_autofree char *sql = NULL;
  g_autofree char *first = from != NULL ? solace_day_to_iso (from) : NULL;
  g_autofree char *last = until != NULL ? solace_day_to_iso (until) : NULL;
  sqlite3_stmt *stmt;

  /* The day an entry belongs to is the local day it was written on,
   * kept with it; oldest first. */
  sql = g_strdup_printf ("SELECT %s FROM journal_entry e"
                         " WHERE (?1 IS NULL OR e.day >= ?1) AND (?2 IS NULL OR e.day <= ?2)"
                         " ORDER BY e.created_at, e.id", columns);
  stmt = solace_database_prepare (db, sql, error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_text (stmt, 1, first, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, last, -1, SQLITE_TRANSIENT);

  return stmt;
}

gboolean
solace_export_count_journal (SolaceDatabase  *db,
                             const GDate     *from,
                             const GDate     *until,
                             guint           *n_entries,
                             GError         **error)
{
  g_return_val_if_fail (SOLACE_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (from == NULL || g_date_valid (from), FALSE);
  g_return_val_if_fail (until == NULL || g_date_valid (until), FALSE);
  g_return_val_if_fail (n_entries != NULL, FALSE);

  return solace_export_count_rows (db,
                                   "SELECT count(*) FROM journal_entry e"
                                   " WHERE (?1 IS NULL OR e.day >= ?1) AND (?2 IS NULL OR e.day <= ?2)",
                                   from, until, n_entries, error);
}

char *
solace_export_journal_markdown (SolaceDatabase  *db,
                                const GDate     *from,
                                const GDate     *until,
                                GError         **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GString) entries = g_string_new (NULL);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = NULL;
  g_autofree char *first = NULL;
  g_autofree char *last = NULL;
  GString *out;
  guint n = 0;
  int rc;

  g_return_val_if_fail (SOLACE_IS_DATABASE (db), NULL);
  g_return_val_if_fail (from == NULL || g_date_valid (from), NULL);
  g_return_val_if_fail (until == NULL || g_date_valid (until), NULL);

  solace_database_lock (db);
  stmt = journal_query (db,
                        "e.kind, e.prompt, e.body, e.mood, e.day, e.created_at,"
                        " (SELECT group_concat (name, char (31)) FROM (SELECT name FROM journal_tag"
                        "   WHERE entry_id = e.id AND is_emotion = 1 ORDER BY position)),"
                        " (SELECT group_concat (name, char (31)) FROM (SELECT name FROM journal_tag"
                        "   WHERE entry_id = e.id AND is_emotion = 0 ORDER BY position))",
                        from, until, error);
  if (stmt == NULL)
    {
      solace_database_unlock (db);
      return NULL;
    }

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      append_entry (entries, stmt);
      n++;
    }
  g_clear_pointer (&stmt, sqlite3_finalize);
  solace_database_unlock (db);

  if (rc != SQLITE_DONE)
    {
      solace_database_set_error (db, error, rc, _("Exporting the journal"));
      return NULL;
    }

  today = g_date_time_format (now, _("%A %-d %B %Y"));
  first = from != NULL ? format_day (from) : NULL;
  last = until != NULL ? format_day (until) : NULL;

  out = g_string_new (NULL);
  g_string_append_printf (out, "# %s\n\n", _("Journal"));
  if (first != NULL && last != NULL)
    g_string_append_printf (out, _("Entries from %s to %s, oldest first."), first, last);
  else if (first != NULL)
    g_string_append_printf (out, _("Entries from %s on, oldest first."), first);
  else if (last != NULL)
    g_string_append_printf (out, _("Entries up to %s, oldest first."), last);
  else
    g_string_append (out, _("All entries, oldest first."));
  g_string_append (out, "\\\n");
  if (n == 0)
    g_string_append_printf (out, _("There are no entries in this period. Exported from Solace on %s."), today);
  else
    g_string_append_printf (out, g_dngettext (GETTEXT_PACKAGE, "%u entry. Exported from Solace on %s.",
                                           "%u entries. Exported from Solace on %s.", n),
                            n, today);
  g_string_append (out, "\n\n");
  g_string_append_len (out, entries->str, entries->len);

  return g_string_free (out, FALSE);
}

gboolean
solace_export_journal_markdown_to_file (SolaceDatabase  *db,
                                        const GDate     *from,
                                        const GDate     *until,
                                        const char      *path,
                                        GError         **error)
{
  g_autofree char *markdown = NULL;

  g_return_val_if_fail (SOLACE_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  markdown = solace_export_journal_markdown (db, from, until, error);
  if (markdown == NULL)
    return FALSE;

  return solace_export_write_file (path, markdown, strlen (markdown), error);
}
