/* solace-limits.h — how much text each thing the person writes can hold
 *
 * One set of numbers, used alike by the widgets that take the text, the
 * stores that write it, the JSON import that reads it back and the
 * exports that write it out, so that whatever one of them accepts the
 * others accept too: an export always imports.
 *
 * Every limit counts characters (Unicode code points), never bytes: a
 * person sees characters.  A text in UTF-8 is at most four bytes a
 * character, so SOLACE_LIMIT_BYTES() bounds what to read before counting.
 *
 * The limits are far above what anyone writes by hand (a journal entry
 * may hold a short novel) and low enough that the worst text of that
 * size — one unbroken run, thousands of combining marks, every script at
 * once — stays quick to lay out: see benchmarks/long-text.sh.  A record
 * of unwanted contact kept its old limit of 64 KiB, now in characters,
 * so every record made before still fits unchanged (its hash covers it).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <string.h>

G_BEGIN_DECLS

/* The journal. */
/* An entry's body: 2^20, the old import's limit of 1 MiB, now counted in
 * characters, so every entry an earlier export held still imports. */
#define SOLACE_MAX_ENTRY_CHARS        1048576
#define SOLACE_MAX_PROMPT_CHARS       256      /* the guided prompt it answers */
#define SOLACE_MAX_TAG_CHARS          64       /* one free tag */
#define SOLACE_MAX_TAGS               100      /* free tags on one entry */

/* The incident record: what happened, and how the person responded. */
#define SOLACE_MAX_INCIDENT_CHARS     65536
/* The sender as it appeared (a number, a handle, an address), the
 * witnesses, and a medical or police reference. */
#define SOLACE_MAX_INCIDENT_FIELD_CHARS 1000
/* Files kept with one record: how many, how large each may be, and how
 * long a name (in bytes, as most file systems count them). */
#define SOLACE_MAX_ATTACHMENTS        20
#define SOLACE_MAX_ATTACHMENT_BYTES   (64 * 1024 * 1024)
/* All the files of one record together: their base64 in an export is
 * one SQLite value, which must stay under SQLite's 1e9-byte limit. */
#define SOLACE_MAX_RECORD_ATTACHMENT_BYTES (256 * 1024 * 1024)
#define SOLACE_MAX_ATTACHMENT_NAME_BYTES 255

/* A progress report: how much of the journal it holds, at the most.
 * Every entry is laid out before the first page is drawn (to number
 * the pages), so a report of years of entries would take gigabytes
 * (100,000 entries: 62,521 pages, 9 GB); this is about a few hundred
 * pages, and the longest single entry still fits whole. */
#define SOLACE_MAX_REPORT_JOURNAL_CHARS SOLACE_MAX_ENTRY_CHARS

/* Boundaries: the title, each part of the "I" statement, the contact
 * accepted in the person's own words and the consequence. */
#define SOLACE_MAX_BOUNDARY_CHARS     10000

/* The distance plan: a step's title and the notes kept on it. */
#define SOLACE_MAX_STEP_TITLE_CHARS   200
#define SOLACE_MAX_STEP_NOTES_CHARS   10000

/* Support: each field of a person, a line, a professional or a group. */
#define SOLACE_MAX_CONTACT_CHARS      1000

/* Today: what set an urge off, one reason, the check-in's note. */
#define SOLACE_MAX_CAUSE_CHARS        200
#define SOLACE_MAX_REASON_CHARS       500
#define SOLACE_MAX_NOTE_CHARS         10000

/* A reminder's recurrence rule (RFC 5545 RRULE, ASCII). */
#define SOLACE_MAX_RRULE_CHARS        256

/* The most bytes a text of @chars characters can take in UTF-8. */
#define SOLACE_LIMIT_BYTES(chars)     ((gsize) (chars) * 4)

/* Whether @text (NULL is "") holds at most @max_chars characters.  The
 * bytes are looked at first, so a huge text is refused without counting. */
static inline gboolean
solace_text_fits (const char *text,
                  gsize       max_chars)
{
  gsize length = text != NULL ? strlen (text) : 0;

  if (length <= max_chars)
    return TRUE;
  if (length > SOLACE_LIMIT_BYTES (max_chars))
    return FALSE;

  return (gsize) g_utf8_strlen (text, length) <= max_chars;
}

/* What a list row, a search snippet or a notification shows of a text at
 * the most: enough for two or three lines at any width, and little
 * enough that laying it out never costs a frame. */
#define SOLACE_PREVIEW_CHARS          300

G_END_DECLS
