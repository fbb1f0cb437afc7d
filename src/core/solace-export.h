/* solace-export.h — the whole database as one JSON document, and back;
 * the journal as Markdown
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The document is described, key by key, in docs/export-format.md.
 */
#pragma once

#include <gio/gio.h>

#include "solace-database.h"

G_BEGIN_DECLS

#define SOLACE_EXPORT_FORMAT "solace-export"
#define SOLACE_EXPORT_VERSION 2

/* The largest file an import reads, and how deeply it may nest. */
#define SOLACE_IMPORT_MAX_BYTES (256 * 1024 * 1024)
#define SOLACE_IMPORT_MAX_DEPTH 16
/* SQLite's JSON parser takes some 35 bytes a value: this keeps an import
 * near 150 MiB, where a real export of 100,000 entries has 1.5 million. */
#define SOLACE_IMPORT_MAX_VALUES (4 * 1000 * 1000)

typedef enum
{
  SOLACE_IMPORT_MERGE,    /* add what is new, keep the newer of what both have */
  SOLACE_IMPORT_REPLACE,  /* delete every row the person made, then add the file's */
} SolaceImportMode;

/* Counted in records: a journal entry, a reminder, a check-in…  An
 * entry's tags and a reminder's firings go with it and are not counted
 * on their own. */
typedef struct
{
  guint added;    /* new to the database */
  guint updated;  /* MERGE: the file's was newer and replaced the database's */
  guint skipped;  /* MERGE: already there, and the database's was kept */
  guint removed;  /* REPLACE: deleted before the file's were added */
} SolaceImportStats;

/* The whole database as one JSON document (UTF-8), newest format. */
char     *solace_export_to_data                  (SolaceDatabase     *db,
                                                  gsize              *length,
                                                  GError            **error);
/* Written atomically (beside the file, then renamed), mode 0600. */
gboolean  solace_export_to_file                  (SolaceDatabase     *db,
                                                  const char         *path,
                                                  GError            **error);

/* Imports a document solace_export_to_data() made, in one transaction:
 * anything wrong with it is refused with %SOLACE_ERROR_INVALID, a
 * message that names the problem and where it is ("$.journal[3].mood:
 * …"), never what the person wrote, and the database unchanged. */
gboolean  solace_import_from_data                (SolaceDatabase     *db,
                                                  const char         *data,
                                                  gsize               length,
                                                  SolaceImportMode    mode,
                                                  SolaceImportStats  *stats,
                                                  GError            **error);
gboolean  solace_import_from_file                (SolaceDatabase     *db,
                                                  const char         *path,
                                                  SolaceImportMode    mode,
                                                  SolaceImportStats  *stats,
                                                  GError            **error);

/* Whether the database holds anything the person made, so that an
 * import must ask whether to merge or replace.  What every new database
 * starts with (the built-in reminders while they are off and have never
 * fired, the built-in plan steps while untouched) does not count. */
gboolean  solace_database_has_user_data          (SolaceDatabase     *db,
                                                  GError            **error);

/* How many records solace_export_to_data() would write, and how many of
 * them are journal entries; either may be %NULL. */
gboolean  solace_export_count                    (SolaceDatabase     *db,
                                                  guint              *n_records,
                                                  guint              *n_journal,
                                                  GError            **error);

/* The journal (all of it, or the local days @from to @until inclusive;
 * either may be %NULL for an open end) as one Markdown document that
 * reads on its own: a title, then each entry, oldest first, under a
 * heading with its day and time, with its kind, mood, feelings, tags
 * and prompt, then its text.  The person's words are escaped so that
 * nothing they wrote can be taken for Markdown structure. */
char     *solace_export_journal_markdown         (SolaceDatabase     *db,
                                                  const GDate        *from,
                                                  const GDate        *until,
                                                  GError            **error);
gboolean  solace_export_journal_markdown_to_file (SolaceDatabase     *db,
                                                  const GDate        *from,
                                                  const GDate        *until,
                                                  const char         *path,
                                                  GError            **error);
/* How many entries solace_export_journal_markdown() would write. */
gboolean  solace_export_count_journal            (SolaceDatabase     *db,
                                                  const GDate        *from,
                                                  const GDate        *until,
                                                  guint              *n_entries,
                                                  GError            **error);

G_END_DECLS
