/* solace-progress-report.c — a progress report as a PDF, for a therapist
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Two steps, both for a worker thread: solace_progress_report_gather()
 * reads the parts the person ticked for the days they chose, and
 * solace_progress_report_write_pdf() lays them out on A4 pages with
 * solace-pdf.c, as the incident record is: every block of text is laid
 * out, then placed line by line so that a long entry runs on to the
 * next page; a long block a piece at a time, so that Pango's time stays
 * in proportion; two passes, so that every page says "Page N of M".
 * The charts are Insights' own drawing (solace_chart_render()) on the
 * PDF surface, in the room solace_pdf_add_drawing() keeps for them:
 * vectors, not pictures.
 *
 * What the person wrote is shown with SOLACE_TEXT_SHOW_HIDDEN
 * (solace_pdf_add_user_text()), as in the incident record: a
 * directional override or a noncharacter is shown as "<U+202E>" rather
 * than reordering the page or stopping cairo's PDF output.  The PDF is
 * made in memory and written with solace_file_write_private(): 0600
 * whatever the umask, and whole.
 *
 * Why one file of some 1,300 lines: each part (stretches, urges, mood,
 * self-care, notes, entries, incidents) is a gather step and a layout
 * step that share that part's struct, and the parts share the period
 * and the first page's list of what is in and what is left out.  Split
 * by part, each piece would need the whole private data model.
 */
#define G_LOG_DOMAIN "solace-progress-report"

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "solace-chart.h"
#include "solace-check-in.h"
#include "solace-incidents.h"
#include "solace-limits.h"
#include "solace-journal-store.h"
#include "solace-journal-store-private.h"
#include "solace-locale.h"
#include "solace-pdf.h"
#include "solace-progress-report.h"
#include "solace-progress-trends.h"
#include "solace-progress.h"
#include "solace-text.h"

#define CHART_HEIGHT 170.0
/* A report of everything over many years still fits on a chart. */
#define MAX_DAYS     (366 * 10)

/* ---- The data ------------------------------------------------------- */

typedef struct
{
  GDate    first;   /* inside the period */
  GDate    last;
  int      days;
  gboolean going;   /* still going on the last day of the period */
} Stretch;

typedef struct
{
  GDate    day;
  char    *text;
} Note;

typedef struct
{
  SolaceEntryKind kind;
  GDate           day;
  char           *prompt;
  char           *body;
} Entry;

typedef struct
{
  gint64         happened_at;
  gint64         id;
  SolaceChannel  channel;
  char          *what;
  char          *response;
  char          *sender;
  char          *witnesses;
  char          *reference;
  guint          n_attachments;
} Record;

struct _SolaceProgressReportData
{
  SolaceProgressReportOptions options;
  GTimeZone *tz;
  int        n_days;
  guint      n_weeks;
  GDate      first_week;

  GArray    *stretches;          /* of Stretch, oldest first */
  GArray    *weeks;              /* of SolaceWeek */
  GStrv      causes;             /* "cause\tcount" */
  GArray    *moods;              /* of double, one a day */
  guint      n_check_ins;
  GHashTable *feelings;          /* key → count */
  guint      self_care_days;
  guint      self_care_counts[SOLACE_N_SELF_CARE];
  GArray    *notes;              /* of Note */
  GArray    *entries;            /* of Entry, oldest first */
  gboolean   entries_cut;        /* older entries left out: see gather_journal() */
  gsize      entry_chars;
  GArray    *incident_weeks;     /* of int */
  GArray    *records;            /* of Record */
  SolaceChainHead head;          /* of the whole incident record */
};

static const SolaceReportPart all_parts[SOLACE_REPORT_N_PARTS] = {
  SOLACE_REPORT_STRETCHES, SOLACE_REPORT_URGES, SOLACE_REPORT_MOOD, SOLACE_REPORT_SELF_CARE,
  SOLACE_REPORT_NOTES, SOLACE_REPORT_JOURNAL, SOLACE_REPORT_INCIDENTS, SOLACE_REPORT_INCIDENT_RECORDS,
};

static void
note_clear (gpointer p)
{
  g_free (((Note *) p)->text);
}

static void
entry_clear (gpointer p)
{
  Entry *entry = p;

  g_free (entry->prompt);
  g_free (entry->body);
}

static void
record_clear (gpointer p)
{
  Record *record = p;

  g_free (record->what);
  g_free (record->response);
  g_free (record->sender);
  g_free (record->witnesses);
  g_free (record->reference);
}

static gboolean
cancelled (GCancellable  *cancellable,
           GError       **error)
{
  return g_cancellable_set_error_if_cancelled (cancellable, error);
}

static int
days_between (const GDate *a,
              const GDate *b)
{
  return (int) g_date_get_julian (b) - (int) g_date_get_julian (a);
}

static gint64
day_start (const GDate *day,
           GTimeZone   *tz)
{
  g_autoptr(GDateTime) start = g_date_time_new (tz, g_date_get_year (day), g_date_get_month (day),
                                                g_date_get_day (day), 0, 0, 0);

  return start != NULL ? g_date_time_to_unix (start) : 0;
}

static GDate
local_day (gint64     t,
           GTimeZone *tz)
{
  g_autoptr(GDate) day = solace_local_day (tz, t);

  return *day;
}

static void
min_day (GDate       *earliest,
         const GDate *day)
{
  if (day == NULL || !g_date_valid (day))
    return;
  if (!g_date_valid (earliest) || g_date_compare (day, earliest) < 0)
    *earliest = *day;
}

/* The first day with anything on it, for "Everything". */
static GDate
first_day_with_data (SolaceDatabase *db,
                     GArray         *all_stretches,
                     GTimeZone      *tz,
                     const GDate    *until)
{
  GDate earliest, long_ago;
  g_autoptr(GPtrArray) check_ins = NULL;
  g_autoptr(GPtrArray) incidents = NULL;

  g_date_clear (&earliest, 1);
  if (all_stretches != NULL && all_stretches->len > 0)
    min_day (&earliest, &g_array_index (all_stretches, SolaceStretch, 0).start);

  long_ago = *until;
  g_date_subtract_days (&long_ago, MAX_DAYS - 1);
  check_ins = solace_check_in_load_range (db, &long_ago, until, NULL);
  if (check_ins != NULL && check_ins->len > 0)
    min_day (&earliest, &((SolaceCheckIn *) g_ptr_array_index (check_ins, 0))->day);

  incidents = solace_incidents_list (db, 0, 0, NULL);
  for (guint i = 0; incidents != NULL && i < incidents->len; i++)
    {
      GDate day = local_day (((SolaceIncident *) g_ptr_array_index (incidents, i))->happened_at, tz);
      min_day (&earliest, &day);
    }

  {
    g_autoptr(SolaceJournalFilter) filter = solace_journal_filter_new ();
    guint generation = 1;
    QueryResult *result = solace_journal_run_query (db, filter, NULL, 0, 0, &generation, 1, NULL);

    if (result != NULL && result->ids->len > 0)
      {
        gint64 oldest = g_array_index (result->ids, gint64, result->ids->len - 1);
        g_autoptr(SolaceJournalEntry) entry = NULL;
        g_autoptr(sqlite3_stmt) stmt = NULL;

        solace_database_lock (db);
        stmt = solace_database_prepare (db, solace_journal_row_sql, NULL);
        solace_database_unlock (db);
        if (stmt != NULL)
          entry = solace_journal_load_with (db, stmt, oldest, 1, NULL);
        if (entry != NULL)
          {
            GDate day = local_day (g_date_time_to_unix (solace_journal_entry_get_created (entry)), tz);
            min_day (&earliest, &day);
          }
      }
    g_clear_pointer (&result, solace_journal_query_result_free);
  }

  if (!g_date_valid (&earliest) || g_date_compare (&earliest, until) > 0)
    earliest = *until;
  if (g_date_compare (&earliest, &long_ago) < 0)
    earliest = long_ago;

  return earliest;
}

static void
gather_stretches (SolaceProgressReportData *data,
                  GArray                   *all)
{
  const GDate *from = &data->options.from;
  const GDate *until = &data->options.until;

  for (guint i = 0; all != NULL && i < all->len; i++)
    {
      const SolaceStretch *s = &g_array_index (all, SolaceStretch, i);
      Stretch stretch;
      GDate after;

      /* A closed stretch covers the days up to, not including, its end. */
      if (s->open || !g_date_valid (&s->end))
        {
          after = *until;
          g_date_add_days (&after, 1);
        }
      else
        after = s->end;

      stretch.first = g_date_compare (&s->start, from) > 0 ? s->start : *from;
      g_date_clear (&stretch.last, 1);
      stretch.last = after;
      g_date_subtract_days (&stretch.last, 1);
      stretch.going = s->open && g_date_compare (&stretch.last, until) >= 0;
      if (g_date_compare (&stretch.last, until) > 0)
        stretch.last = *until;
      if (g_date_compare (&stretch.first, &stretch.last) > 0)
        continue;
      stretch.days = days_between (&stretch.first, &stretch.last) + 1;
      g_array_append_val (data->stretches, stretch);
    }
}

static void
gather_check_ins (SolaceProgressReportData  *data,
                  SolaceDatabase            *db,
                  GError                   **error_out)
{
  g_autoptr(GPtrArray) check_ins = solace_check_in_load_range (db, &data->options.from, &data->options.until, error_out);

  for (guint i = 0; check_ins != NULL && i < check_ins->len; i++)
    {
      SolaceCheckIn *check_in = g_ptr_array_index (check_ins, i);

      data->n_check_ins++;
      for (guint k = 0; check_in->emotions != NULL && check_in->emotions[k] != NULL; k++)
        {
          gpointer count = g_hash_table_lookup (data->feelings, check_in->emotions[k]);
          g_hash_table_insert (data->feelings, g_strdup (check_in->emotions[k]),
                               GINT_TO_POINTER (GPOINTER_TO_INT (count) + 1));
        }
      if (check_in->self_care != 0)
        data->self_care_days++;
      for (guint k = 0; k < SOLACE_N_SELF_CARE; k++)
        if (check_in->self_care & (1u << k))
          data->self_care_counts[k]++;
      if ((data->options.parts & SOLACE_REPORT_NOTES) && check_in->note != NULL && *check_in->note != '\0')
        {
          Note note = { check_in->day, g_strdup (check_in->note) };
          g_array_append_val (data->notes, note);
        }
    }
}

static gboolean
gather_journal (SolaceProgressReportData  *data,
                SolaceDatabase            *db,
                GCancellable              *cancellable,
                GError                   **error)
{
  g_autoptr(SolaceJournalFilter) filter = solace_journal_filter_new ();
  g_autoptr(sqlite3_stmt) stmt = NULL;
  QueryResult *result;
  guint generation = 1;
  gboolean ok = TRUE;

  filter->from = g_date_copy (&data->options.from);
  filter->to = g_date_copy (&data->options.until);
  result = solace_journal_run_query (db, filter, NULL, 0, 0, &generation, 1, error);
  if (result == NULL)
    return FALSE;

  solace_database_lock (db);
  stmt = solace_database_prepare (db, solace_journal_row_sql, error);
  solace_database_unlock (db);
  if (stmt == NULL)
    ok = FALSE;

  /* Newest first, up to SOLACE_MAX_REPORT_JOURNAL_CHARS (always at
   * least one entry); the report says when older ones were left out,
   * and shows what it holds oldest first. */
  for (guint i = 0; ok && i < result->ids->len; i++)
    {
      g_autoptr(SolaceJournalEntry) entry = NULL;
      const char *body;
      gsize chars;
      Entry e;

      if (cancelled (cancellable, error))
        {
          ok = FALSE;
          break;
        }
      entry = solace_journal_load_with (db, stmt, g_array_index (result->ids, gint64, i), G_MAXINT, error);
      if (entry == NULL)
        {
          ok = FALSE;
          break;
        }
      e.kind = solace_journal_entry_get_kind (entry);
      if (!(data->options.entry_kinds & (1u << e.kind)))
        continue;
      body = solace_journal_entry_get_body (entry);
      chars = body != NULL ? (gsize) g_utf8_strlen (body, -1) : 0;
      if (data->entries->len > 0 && data->entry_chars + chars > SOLACE_MAX_REPORT_JOURNAL_CHARS)
        {
          data->entries_cut = TRUE;
          break;
        }
      data->entry_chars += chars;
      e.day = local_day (g_date_time_to_unix (solace_journal_entry_get_created (entry)), data->tz);
      e.prompt = solace_journal_entry_get_prompt (entry) != NULL
        ? g_strdup (solace_journal_get_prompt_question (solace_journal_entry_get_prompt (entry)))
        : NULL;
      e.body = g_strdup (body);
      g_array_append_val (data->entries, e);
    }

  for (guint i = 0; i < data->entries->len / 2; i++)
    {
      Entry *a = &g_array_index (data->entries, Entry, i);
      Entry *b = &g_array_index (data->entries, Entry, data->entries->len - 1 - i);
      Entry swap = *a;

      *a = *b;
      *b = swap;
    }

  solace_journal_query_result_free (result);
  return ok;
}

static gboolean
gather_incidents (SolaceProgressReportData  *data,
                  SolaceDatabase            *db,
                  GError                   **error)
{
  GDate after = data->options.until;
  g_autoptr(GPtrArray) incidents = NULL;

  g_date_add_days (&after, 1);
  incidents = solace_incidents_list (db, day_start (&data->options.from, data->tz),
                                     day_start (&after, data->tz) - 1, error);
  if (incidents == NULL)
    return FALSE;
  /* Printed on every report that speaks of incidents, as on the
   * record's own: what a person can compare with what they wrote down. */
  if (!solace_incidents_get_head (db, &data->head, error))
    return FALSE;

  g_array_set_size (data->incident_weeks, data->n_weeks);
  for (guint i = 0; i < incidents->len; i++)
    {
      SolaceIncident *incident = g_ptr_array_index (incidents, i);
      GDate day = local_day (incident->happened_at, data->tz);
      int week = days_between (&data->first_week, &day) / 7;

      if (week >= 0 && (guint) week < data->n_weeks)
        g_array_index (data->incident_weeks, int, week)++;

      if (data->options.parts & SOLACE_REPORT_INCIDENT_RECORDS)
        {
          Record record = { incident->happened_at, incident->id, incident->channel,
                            g_strdup (incident->what), g_strdup (incident->response),
                            g_strdup (incident->sender), g_strdup (incident->witnesses),
                            g_strdup (incident->reference),
                            incident->attachments != NULL ? incident->attachments->len : 0 };
          g_array_append_val (data->records, record);
        }
    }

  return TRUE;
}

static void
report_progress (SolaceProgressReportFunc progress,
                 gpointer                 user_data,
                 double                   fraction)
{
  if (progress != NULL)
    progress (CLAMP (fraction, 0.0, 1.0), user_data);
}

/* ---- Words ------------------------------------------------------------ */

/* "3 March 2026" */
static char *
long_day (const GDate *day)
{
  char text[128];

  /* Translators: a day in the report, "3 December 2026"; see
   * g_date_time_format(). */
  if (g_date_strftime (text, sizeof text, _("%-d %B %Y"), day) == 0)
    return g_strdup ("");
  return g_strdup (text);
}

/* "3 Nov": a short date for an axis. */
static char *
short_day (const GDate *day)
{
  char text[64];

  /* Translators: a day on a chart's axis, as in strftime(3). */
  if (g_date_strftime (text, sizeof text, _("%-d %b"), day) == 0)
    return g_strdup ("");
  return g_strdup (text);
}

static char *
day_range (const GDate *first,
           const GDate *last)
{
  g_autofree char *a = long_day (first);
  g_autofree char *b = long_day (last);

  /* Translators: a range of dates, "1 November 2026 – 27 November 2026". */
  return g_strdup_printf (_("%s – %s"), a, b);
}

static char *
days_text (int days)
{
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d day", "%d days", days), days);
}

/* Whether week @i gets a label: at most about a dozen along the axis. */
static gboolean
week_labelled (guint i,
               guint n_weeks)
{
  guint step = MAX (1u, (n_weeks + 11) / 12);

  return i % step == 0;
}

const char *
solace_report_part_get_label (SolaceReportPart part)
{
  switch (part)
    {
    case SOLACE_REPORT_STRETCHES:
      return _("No-contact stretches");
    case SOLACE_REPORT_URGES:
      return _("Urges and what set them off");
    case SOLACE_REPORT_MOOD:
      return _("Mood and feelings");
    case SOLACE_REPORT_SELF_CARE:
      return _("Days with self-care");
    case SOLACE_REPORT_NOTES:
      return _("Check-in notes");
    case SOLACE_REPORT_JOURNAL:
      return _("Journal entries");
    case SOLACE_REPORT_INCIDENTS:
      return _("Incidents per week");
    case SOLACE_REPORT_INCIDENT_RECORDS:
      return _("Incident records in full");
    default:
      g_return_val_if_reached ("");
    }
}

/* ---- Gathering --------------------------------------------------------- */

SolaceProgressReportData *
solace_progress_report_gather (SolaceDatabase                    *db,
                               const SolaceProgressReportOptions *options,
                               GCancellable                      *cancellable,
                               GError                           **error)
{
  g_autoptr(SolaceProgressReportData) data = NULL;
  g_autoptr(GArray) all_stretches = NULL;
  GDateWeekday first_weekday = solace_locale_first_weekday ();
  guint parts;

  g_return_val_if_fail (SOLACE_IS_DATABASE (db), NULL);
  g_return_val_if_fail (options != NULL && g_date_valid (&options->until), NULL);

  data = g_new0 (SolaceProgressReportData, 1);
  data->options = *options;
  if (!(options->parts & SOLACE_REPORT_INCIDENTS))
    data->options.parts &= ~SOLACE_REPORT_INCIDENT_RECORDS;
  if (data->options.made_at == 0)
    data->options.made_at = g_get_real_time () / G_USEC_PER_SEC;
  parts = data->options.parts;
  data->tz = g_time_zone_new_local ();
  data->stretches = g_array_new (FALSE, TRUE, sizeof (Stretch));
  data->notes = g_array_new (FALSE, TRUE, sizeof (Note));
  g_array_set_clear_func (data->notes, note_clear);
  data->entries = g_array_new (FALSE, TRUE, sizeof (Entry));
  g_array_set_clear_func (data->entries, entry_clear);
  data->records = g_array_new (FALSE, TRUE, sizeof (Record));
  g_array_set_clear_func (data->records, record_clear);
  data->incident_weeks = g_array_new (FALSE, TRUE, sizeof (int));
  data->feelings = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  all_stretches = solace_progress_load_stretches (db, error);
  if (all_stretches == NULL)
    return NULL;

  if (!g_date_valid (&data->options.from))
    data->options.from = first_day_with_data (db, all_stretches, data->tz, &data->options.until);
  if (g_date_compare (&data->options.from, &data->options.until) > 0)
    {
      GDate swap = data->options.from;
      data->options.from = data->options.until;
      data->options.until = swap;
    }
  if (days_between (&data->options.from, &data->options.until) >= MAX_DAYS)
    {
      data->options.from = data->options.until;
      g_date_subtract_days (&data->options.from, MAX_DAYS - 1);
    }
  data->n_days = days_between (&data->options.from, &data->options.until) + 1;

  /* The weeks as Insights draws them: from the one holding the first day. */
  data->first_week = data->options.from;
  g_date_subtract_days (&data->first_week,
                        (g_date_get_weekday (&data->first_week) - first_weekday + 7) % 7);
  data->n_weeks = (guint) days_between (&data->first_week, &data->options.until) / 7 + 1;

  if (cancelled (cancellable, error))
    return NULL;

  if (parts & SOLACE_REPORT_STRETCHES)
    gather_stretches (data, all_stretches);

  if (parts & (SOLACE_REPORT_URGES | SOLACE_REPORT_SELF_CARE))
    {
      data->weeks = solace_progress_weeks (db, &data->options.until, data->n_weeks, first_weekday, error);
      if (data->weeks == NULL)
        return NULL;
    }
  if (parts & SOLACE_REPORT_URGES)
    {
      data->causes = solace_progress_top_causes (db, &data->options.until, data->n_days, 6, error);
      if (data->causes == NULL)
        return NULL;
    }
  if (parts & SOLACE_REPORT_MOOD)
    {
      data->moods = solace_progress_moods (db, &data->options.until, data->n_days, error);
      if (data->moods == NULL)
        return NULL;
    }
  if (cancelled (cancellable, error))
    return NULL;

  if (parts & (SOLACE_REPORT_MOOD | SOLACE_REPORT_SELF_CARE | SOLACE_REPORT_NOTES))
    {
      GError *local = NULL;

      gather_check_ins (data, db, &local);
      if (local != NULL)
        {
          g_propagate_error (error, local);
          return NULL;
        }
    }

  if ((parts & SOLACE_REPORT_JOURNAL) && !gather_journal (data, db, cancellable, error))
    return NULL;

  if ((parts & SOLACE_REPORT_INCIDENTS) && !gather_incidents (data, db, error))
    return NULL;

  if (cancelled (cancellable, error))
    return NULL;

  return g_steal_pointer (&data);
}

void
solace_progress_report_data_free (SolaceProgressReportData *data)
{
  if (data == NULL)
    return;

  g_clear_pointer (&data->tz, g_time_zone_unref);
  g_clear_pointer (&data->stretches, g_array_unref);
  g_clear_pointer (&data->weeks, g_array_unref);
  g_clear_pointer (&data->causes, g_strfreev);
  g_clear_pointer (&data->moods, g_array_unref);
  g_clear_pointer (&data->feelings, g_hash_table_unref);
  g_clear_pointer (&data->notes, g_array_unref);
  g_clear_pointer (&data->entries, g_array_unref);
  g_clear_pointer (&data->incident_weeks, g_array_unref);
  g_clear_pointer (&data->records, g_array_unref);
  g_free (data);
}

/* ---- Pages --------------------------------------------------------------- */

static void
add_heading (SolacePdf  *pdf,
             const char *title,
             double      keep_with)
{
  solace_pdf_keep_together (pdf, 30 + keep_with);
  if (!solace_pdf_at_top (pdf))
    solace_pdf_add_space (pdf, 10);
  solace_pdf_add_text (pdf, title, "Sans Bold 15", 8);
}

/* Horizontal bars take the room they need; the others a fixed height. */
static double
chart_height (SolaceChartData *chart)
{
  if (solace_chart_data_get_kind (chart) == SOLACE_CHART_HBARS)
    return MAX (60.0, 24.0 * solace_chart_data_get_n_points (chart) + 12.0);
  return CHART_HEIGHT;
}

static void
draw_chart_cb (cairo_t  *cr,
               double    width,
               double    height,
               gpointer  user_data)
{
  static const GdkRGBA ink = { 0.1f, 0.1f, 0.1f, 1.0f };
  static const GdkRGBA accent = { 0.11f, 0.44f, 0.85f, 1.0f };

  solace_chart_render (user_data, cr, (int) width, (int) height, &ink, &accent);
}

static void
add_chart (SolacePdf       *pdf,
           SolaceChartData *chart)
{
  solace_pdf_add_drawing (pdf, chart_height (chart), 8, draw_chart_cb,
                          solace_chart_data_ref (chart), (GDestroyNotify) solace_chart_data_unref);
}

/* "photos (3), evenings (2)" from "key\tcount" pairs. */
static void
append_count (GString    *text,
              const char *name,
              int         n)
{
  if (text->len > 0)
    /* Translators: between the items of a list, "3, 0, 5". */
    g_string_append (text, _(", "));
  /* Translators: what set urges off and how many it did, "photos (2)". */
  g_string_append_printf (text, C_("cause and count", "%1$s (%2$d)"), name, n);
}

static void
lay_out_cover (SolacePdf                      *pdf,
               const SolaceProgressReportData *data)
{
  const SolaceProgressReportOptions *options = &data->options;
  g_autoptr(GDateTime) made_utc = g_date_time_new_from_unix_utc (options->made_at);
  g_autoptr(GDateTime) made_local = g_date_time_to_timezone (made_utc, data->tz);
  g_autofree char *range = day_range (&options->from, &options->until);
  g_autofree char *made = NULL;
  g_autoptr(GString) held = g_string_new (NULL);
  g_autoptr(GString) left = g_string_new (NULL);

  /* Translators: the day the report was made, see g_date_time_format(). */
  made = g_date_time_format (made_local, _("%-d %B %Y"));

  solace_pdf_add_space (pdf, 80);
  solace_pdf_add_text (pdf, _("Progress Report"), "Sans Bold 24", 10);
  solace_pdf_add_text (pdf, _("What I noted in Solace, to go through with a therapist or counsellor"), "Sans 12", 24);
  solace_pdf_add_field (pdf, _("Period:"), range, 3);
  solace_pdf_add_field (pdf, _("Made:"), made ? made : "", 3);
  solace_pdf_add_space (pdf, 16);

  for (guint i = 0; i < SOLACE_REPORT_N_PARTS; i++)
    {
      SolaceReportPart part = all_parts[i];
      GString *list = (options->parts & part) ? held : left;
      g_autofree char *label = NULL;

      if (part == SOLACE_REPORT_JOURNAL && (options->parts & part))
        {
          g_autoptr(GString) kinds = g_string_new (NULL);
          g_autoptr(GString) other = g_string_new (NULL);

          for (guint k = 0; k < SOLACE_N_ENTRY_KINDS; k++)
            {
              GString *to = (options->entry_kinds & (1u << k)) ? kinds : other;

              if (to->len > 0)
                g_string_append (to, _(", "));
              g_string_append (to, solace_entry_kind_get_label (k));
            }
          /* Translators: "Journal entries: Reflection, Letter". */
          label = g_strdup_printf (_("%s: %s"), solace_report_part_get_label (part),
                                   kinds->len > 0 ? kinds->str : "—");
          if (data->entries_cut)
            g_string_append_printf (left, "•  %s\n", _("Older journal entries of this period (see Journal entries)"));
          if (other->len > 0)
            {
              g_autofree char *rest = g_strdup_printf (_("Journal entries of other kinds: %s"), other->str);
              g_string_append_printf (left, "•  %s\n", rest);
            }
        }
      else
        label = g_strdup (solace_report_part_get_label (part));
      g_string_append_printf (list, "•  %s\n", label);
    }
  if (held->len > 0)
    g_string_truncate (held, held->len - 1);
  if (left->len > 0)
    g_string_truncate (left, left->len - 1);

  solace_pdf_add_text (pdf, _("This report holds"), "Sans Bold 12", 4);
  solace_pdf_add_text (pdf, held->len > 0 ? held->str : _("Nothing: no part was chosen."), "Sans 10", 14);
  solace_pdf_add_text (pdf, _("Left out"), "Sans Bold 12", 4);
  solace_pdf_add_text (pdf, left->len > 0 ? left->str : _("Nothing: every part was chosen."), "Sans 10", 14);
  solace_pdf_add_text (pdf,
            _("Only the days in the period are counted. Hidden characters in what was written "
              "are shown by their Unicode codes, so nothing is hidden."),
            "Sans 9", 18);
  solace_pdf_add_text (pdf, _("About this report"), "Sans Bold 12", 4);
  solace_pdf_add_text (pdf,
            _("Solace is not a clinical tool. This report shows what I chose to note down in it, "
              "as I noted it: it is not a diagnosis, an assessment or a measurement, and a day "
              "without a note is only a day without a note. It is here to help us talk."),
            "Sans 10", 0);
}

static void
lay_out_stretches (SolacePdf                      *pdf,
                   const SolaceProgressReportData *data)
{
  g_autoptr(SolaceChartData) chart = solace_chart_data_new (SOLACE_CHART_BARS, 0, 7);
  const Stretch *longest = NULL;
  int total = 0;

  add_heading (pdf, solace_report_part_get_label (SOLACE_REPORT_STRETCHES), CHART_HEIGHT);
  if (data->stretches->len == 0)
    {
      solace_pdf_add_text (pdf, _("No no-contact stretch falls in this period."), "Sans 10", 6);
      return;
    }

  for (guint i = 0; i < data->stretches->len; i++)
    {
      const Stretch *s = &g_array_index (data->stretches, Stretch, i);
      g_autofree char *label = week_labelled (i, data->stretches->len) ? short_day (&s->first) : NULL;

      solace_chart_data_add (chart, label, s->days, NAN);
      total += s->days;
      if (longest == NULL || s->days > longest->days)
        longest = s;
    }
  add_chart (pdf, chart);

  {
    g_autofree char *range = day_range (&longest->first, &longest->last);
    g_autofree char *fact = NULL;
    g_autofree char *all = NULL;

    fact = g_strdup_printf (longest->going
                              /* Translators: "Longest stretch: 23 days (3 March 2026 – 25 March 2026, still going)." */
                              ? g_dngettext (GETTEXT_PACKAGE, "Longest stretch: %d day (%s, still going).",
                                             "Longest stretch: %d days (%s, still going).", longest->days)
                              : g_dngettext (GETTEXT_PACKAGE, "Longest stretch: %d day (%s).",
                                             "Longest stretch: %d days (%s).", longest->days),
                            longest->days, range);
    /* Two numbers, so two sentences: each takes its own plural. */
    all = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "No contact on %d day in all.", "No contact on %d days in all.",
                                        total), total);
    {
      g_autofree char *n = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u stretch without contact.",
                                                         "%u stretches without contact.",
                                                         data->stretches->len), data->stretches->len);
      g_autofree char *sentence = g_strjoin (" ", fact, all, n, NULL);

      solace_pdf_add_text (pdf, sentence, "Sans 10", 6);
    }
  }

  for (guint i = 0; i < data->stretches->len; i++)
    {
      const Stretch *s = &g_array_index (data->stretches, Stretch, i);
      g_autofree char *range = day_range (&s->first, &s->last);
      g_autofree char *days = days_text (s->days);
      g_autofree char *line = s->going
        /* Translators: one stretch, "3 March 2026 – 25 March 2026: 23 days, still going". */
        ? g_strdup_printf (_("%s: %s, still going"), range, days)
        /* Translators: one stretch, "3 March 2026 – 25 March 2026: 23 days". */
        : g_strdup_printf (_("%s: %s"), range, days);

      solace_pdf_add_text (pdf, line, "Sans 9", 1);
    }
}

static void
lay_out_urges (SolacePdf                      *pdf,
               const SolaceProgressReportData *data)
{
  g_autoptr(SolaceChartData) chart = solace_chart_data_new (SOLACE_CHART_BARS, 0, 4);
  g_autoptr(SolaceChartData) triggers = solace_chart_data_new (SOLACE_CHART_HBARS, 0, 1);
  g_autoptr(GString) weeks = g_string_new (NULL);
  g_autoptr(GString) causes = g_string_new (NULL);
  double intensity_sum = 0;
  int total = 0;

  add_heading (pdf, solace_report_part_get_label (SOLACE_REPORT_URGES), CHART_HEIGHT);
  for (guint i = 0; i < data->weeks->len; i++)
    {
      const SolaceWeek *w = &g_array_index (data->weeks, SolaceWeek, i);
      g_autofree char *label = week_labelled (i, data->weeks->len) ? short_day (&w->first_day) : NULL;

      solace_chart_data_add (chart, label, w->urges, w->mean_intensity);
      if (i > 0)
        g_string_append (weeks, _(", "));
      g_string_append_printf (weeks, "%d", w->urges);
      total += w->urges;
      if (w->urges > 0)
        intensity_sum += w->mean_intensity * w->urges;
    }
  if (total == 0)
    {
      solace_pdf_add_text (pdf, _("No urges were recorded in this period."), "Sans 10", 6);
      return;
    }

  add_chart (pdf, chart);
  {
    g_autofree char *sentence = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                              "%d urge in all, %.1f a week on average, average strength %.1f out of 10. Per week, oldest first: %s.",
                                                              "%d urges in all, %.1f a week on average, average strength %.1f out of 10. Per week, oldest first: %s.",
                                                              total),
                                                 total, (double) total / data->weeks->len,
                                                 intensity_sum / total, weeks->str);
    solace_pdf_add_text (pdf, sentence, "Sans 10", 2);
    solace_pdf_add_text (pdf, _("Above each bar: how strong the urges were on average, out of 10."), "Sans 8", 10);
  }

  for (guint i = 0; data->causes != NULL && data->causes[i] != NULL; i++)
    {
      g_auto(GStrv) pair = g_strsplit (data->causes[i], "\t", 2);
      int n = pair[1] != NULL ? atoi (pair[1]) : 0;
      g_autofree char *shown = solace_text_for_display (pair[0], -1, 60, SOLACE_TEXT_SHOW_HIDDEN);

      solace_chart_data_add (triggers, shown, n, NAN);
      append_count (causes, shown, n);
    }
  solace_pdf_keep_together (pdf, causes->len > 0 ? 24 + chart_height (triggers) : 40);
  solace_pdf_add_text (pdf, _("What set them off"), "Sans Bold 11", 4);
  if (causes->len == 0)
    solace_pdf_add_text (pdf, _("No triggers were noted with these urges."), "Sans 10", 6);
  else
    {
      g_autofree char *sentence = g_strdup_printf (_("Most common triggers: %s."), causes->str);

      add_chart (pdf, triggers);
      solace_pdf_add_text (pdf, sentence, "Sans 10", 6);
    }
}

static int
compare_counts (gconstpointer a,
                gconstpointer b,
                gpointer      user_data)
{
  GHashTable *counts = user_data;
  int na = GPOINTER_TO_INT (g_hash_table_lookup (counts, *(const char * const *) a));
  int nb = GPOINTER_TO_INT (g_hash_table_lookup (counts, *(const char * const *) b));

  if (na != nb)
    return nb - na;
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

static void
lay_out_mood (SolacePdf                      *pdf,
              const SolaceProgressReportData *data)
{
  g_autoptr(SolaceChartData) chart = solace_chart_data_new (SOLACE_CHART_LINE, 1, 5);
  g_autoptr(SolaceChartData) feelings = solace_chart_data_new (SOLACE_CHART_HBARS, 0, 1);
  g_autoptr(GString) feeling_text = g_string_new (NULL);
  g_autofree char **keys = NULL;
  double sum = 0, lowest = 6, highest = 0;
  guint n = 0, n_keys = 0;
  /* A label a week, or fewer: about eight along the axis. */
  guint label_every = MAX (7u, ((guint) data->n_days / 8 + 6) / 7 * 7);

  add_heading (pdf, solace_report_part_get_label (SOLACE_REPORT_MOOD), CHART_HEIGHT);
  for (guint i = 0; i < data->moods->len; i++)
    {
      double mood = g_array_index (data->moods, double, i);
      GDate day = data->options.from;
      g_autofree char *label = NULL;

      g_date_add_days (&day, i);
      if (i % label_every == 0)
        label = short_day (&day);
      solace_chart_data_add (chart, label, mood, NAN);
      if (!isnan (mood))
        {
          sum += mood;
          lowest = MIN (lowest, mood);
          highest = MAX (highest, mood);
          n++;
        }
    }
  if (n == 0)
    {
      solace_pdf_add_text (pdf, _("No check-ins were recorded in this period."), "Sans 10", 6);
      return;
    }

  add_chart (pdf, chart);
  {
    g_autofree char *sentence = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                              "Mood on %u day with a check-in: average %.1f out of 5, lowest %.0f, highest %.0f.",
                                                              "Mood on %u days with a check-in: average %.1f out of 5, lowest %.0f, highest %.0f.",
                                                              n),
                                                 n, sum / n, lowest, highest);
    solace_pdf_add_text (pdf, sentence, "Sans 10", 2);
    solace_pdf_add_text (pdf, _("1 is the lowest mood, 5 the best; a gap is a day without a check-in."), "Sans 8", 10);
  }

  keys = (char **) g_hash_table_get_keys_as_array (data->feelings, &n_keys);
  g_qsort_with_data (keys, (gint) n_keys, sizeof (char *), compare_counts, data->feelings);
  for (guint i = 0; i < n_keys && i < 8; i++)
    {
      const char *label = solace_emotion_get_label (keys[i]);
      int count = GPOINTER_TO_INT (g_hash_table_lookup (data->feelings, keys[i]));

      solace_chart_data_add (feelings, label != NULL ? label : keys[i], count, NAN);
      append_count (feeling_text, label != NULL ? label : keys[i], count);
    }
  solace_pdf_keep_together (pdf, feeling_text->len > 0 ? 24 + chart_height (feelings) : 40);
  solace_pdf_add_text (pdf, _("Feelings"), "Sans Bold 11", 4);
  if (feeling_text->len == 0)
    solace_pdf_add_text (pdf, _("No feelings were named in these check-ins."), "Sans 10", 6);
  else
    {
      g_autofree char *sentence = g_strdup_printf (_("Feelings named most often: %s."), feeling_text->str);

      add_chart (pdf, feelings);
      solace_pdf_add_text (pdf, sentence, "Sans 10", 6);
    }
}

static void
lay_out_self_care (SolacePdf                      *pdf,
                   const SolaceProgressReportData *data)
{
  g_autoptr(SolaceChartData) chart = solace_chart_data_new (SOLACE_CHART_BARS, 0, 7);
  g_autoptr(GString) weeks = g_string_new (NULL);
  g_autoptr(GString) kinds = g_string_new (NULL);
  guint order[SOLACE_N_SELF_CARE];

  add_heading (pdf, solace_report_part_get_label (SOLACE_REPORT_SELF_CARE), CHART_HEIGHT);
  if (data->self_care_days == 0)
    {
      solace_pdf_add_text (pdf, _("No self-care was recorded in this period."), "Sans 10", 6);
      return;
    }

  for (guint i = 0; i < data->weeks->len; i++)
    {
      const SolaceWeek *w = &g_array_index (data->weeks, SolaceWeek, i);
      g_autofree char *label = week_labelled (i, data->weeks->len) ? short_day (&w->first_day) : NULL;

      solace_chart_data_add (chart, label, w->self_care_days, NAN);
      if (i > 0)
        g_string_append (weeks, _(", "));
      g_string_append_printf (weeks, "%d", w->self_care_days);
    }
  add_chart (pdf, chart);

  /* The kinds, most often first. */
  for (guint i = 0; i < SOLACE_N_SELF_CARE; i++)
    order[i] = i;
  for (guint i = 1; i < SOLACE_N_SELF_CARE; i++)
    for (guint j = i; j > 0 && data->self_care_counts[order[j]] > data->self_care_counts[order[j - 1]]; j--)
      {
        guint swap = order[j];
        order[j] = order[j - 1];
        order[j - 1] = swap;
      }
  for (guint i = 0; i < SOLACE_N_SELF_CARE; i++)
    if (data->self_care_counts[order[i]] > 0)
      append_count (kinds, solace_self_care_get_label (order[i]), (int) data->self_care_counts[order[i]]);

  {
    g_autofree char *sentence = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                              "Self-care on %u day of %u with a check-in. Per week, oldest first: %s. Most often: %s.",
                                                              "Self-care on %u days of %u with a check-in. Per week, oldest first: %s. Most often: %s.",
                                                              data->self_care_days),
                                                 data->self_care_days, data->n_check_ins, weeks->str, kinds->str);
    solace_pdf_add_text (pdf, sentence, "Sans 10", 6);
  }
}

static void
lay_out_notes (SolacePdf                      *pdf,
               const SolaceProgressReportData *data)
{
  add_heading (pdf, solace_report_part_get_label (SOLACE_REPORT_NOTES), 40);
  if (data->notes->len == 0)
    {
      solace_pdf_add_text (pdf, _("No check-in notes were written in this period."), "Sans 10", 6);
      return;
    }
  for (guint i = 0; i < data->notes->len; i++)
    {
      const Note *note = &g_array_index (data->notes, Note, i);
      g_autofree char *day = long_day (&note->day);

      solace_pdf_keep_together (pdf, 36);
      solace_pdf_add_text (pdf, day, "Sans Bold 10", 2);
      solace_pdf_add_user_text (pdf, note->text, "Sans 10", 8);
    }
}

static void
lay_out_journal (SolacePdf                      *pdf,
                 const SolaceProgressReportData *data)
{
  add_heading (pdf, solace_report_part_get_label (SOLACE_REPORT_JOURNAL), 40);
  if (data->entries_cut)
    {
      g_autofree char *limit = g_strdup_printf ("%'d", SOLACE_MAX_REPORT_JOURNAL_CHARS);
      /* Translators: %s is a number of characters, "1,048,576". */
      g_autofree char *cut = g_strdup_printf (_("Only the newest entries are here: a report holds up to %s characters "
                                                "of journal entries, and this period has more. Choose a shorter "
                                                "period for the older ones."),
                                              limit);

      solace_pdf_add_text (pdf, cut, "Sans Italic 10", 8);
    }
  if (data->entries->len == 0)
    {
      solace_pdf_add_text (pdf, _("No journal entries of the chosen kinds were written in this period."), "Sans 10", 6);
      return;
    }
  for (guint i = 0; i < data->entries->len; i++)
    {
      const Entry *entry = &g_array_index (data->entries, Entry, i);
      g_autofree char *day = long_day (&entry->day);
      /* Translators: a journal entry's heading, "Letter · 3 March 2026". */
      g_autofree char *heading = g_strdup_printf (_("%s · %s"), solace_entry_kind_get_label (entry->kind), day);

      solace_pdf_keep_together (pdf, 36);
      solace_pdf_add_text (pdf, heading, "Sans Bold 10", 2);
      if (entry->prompt != NULL)
        solace_pdf_add_text (pdf, entry->prompt, "Sans Italic 10", 2);
      solace_pdf_add_user_text (pdf, entry->body, "Sans 10", 10);
    }
}

static void
lay_out_incidents (SolacePdf                      *pdf,
                   const SolaceProgressReportData *data)
{
  g_autoptr(SolaceChartData) chart = solace_chart_data_new (SOLACE_CHART_BARS, 0, 4);
  g_autoptr(GString) weeks = g_string_new (NULL);
  int total = 0;

  add_heading (pdf, solace_report_part_get_label (SOLACE_REPORT_INCIDENTS), CHART_HEIGHT);
  for (guint i = 0; i < data->incident_weeks->len; i++)
    {
      GDate first = data->first_week;
      int n = g_array_index (data->incident_weeks, int, i);
      g_autofree char *label = NULL;

      g_date_add_days (&first, i * 7);
      if (week_labelled (i, data->incident_weeks->len))
        label = short_day (&first);
      solace_chart_data_add (chart, label, n, NAN);
      if (i > 0)
        g_string_append (weeks, _(", "));
      g_string_append_printf (weeks, "%d", n);
      total += n;
    }
  if (total == 0)
    solace_pdf_add_text (pdf, _("No incidents were recorded in this period."), "Sans 10", 6);
  else
    {
      g_autofree char *sentence = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                                "%d incident recorded in this period. Per week, oldest first: %s.",
                                                                "%d incidents recorded in this period. Per week, oldest first: %s.",
                                                                total),
                                                   total, weeks->str);
      add_chart (pdf, chart);
      solace_pdf_add_text (pdf, sentence, "Sans 10", 6);
    }

  if (data->head.count > 0)
    {
      /* Translators: the end of the whole record's chain, on the title
       * page: "12 records, last hash 1a2b…" (64 hex digits). */
      g_autofree char *head = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                            "%1$u record, last hash %2$s",
                                                            "%1$u records, last hash %2$s",
                                                            data->head.count),
                                               data->head.count, data->head.last_hash);

      solace_pdf_add_field (pdf, _("End of the chain:"), head, 6);
    }

  if (!(data->options.parts & SOLACE_REPORT_INCIDENT_RECORDS) || data->records->len == 0)
    return;

  add_heading (pdf, solace_report_part_get_label (SOLACE_REPORT_INCIDENT_RECORDS), 60);
  for (guint i = 0; i < data->records->len; i++)
    {
      const Record *record = &g_array_index (data->records, Record, i);
      g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (record->happened_at);
      g_autoptr(GDateTime) local = g_date_time_to_timezone (utc, data->tz);
      g_autofree char *when = NULL;
      g_autofree char *heading = NULL;

      /* Translators: a date and time in the report, see g_date_time_format(). */
      when = g_date_time_format (local, _("%-d %B %Y, %H:%M (%:z)"));
      /* Translators: "Record 12 · Text message". */
      heading = g_strdup_printf (_("Record %lld · %s"), (long long) record->id,
                                 record->channel < SOLACE_N_CHANNELS ? solace_channel_get_label (record->channel) : "?");
      solace_pdf_keep_together (pdf, 80);
      solace_pdf_add_text (pdf, heading, "Sans Bold 11", 3);
      solace_pdf_add_field (pdf, _("Happened:"), when != NULL ? when : "", 3);
      solace_pdf_add_text (pdf, _("What happened:"), "Sans Bold 10", 2);
      solace_pdf_add_user_text (pdf, record->what, "Sans 10", 4);
      solace_pdf_add_text (pdf, _("How I responded:"), "Sans Bold 10", 2);
      solace_pdf_add_user_text (pdf, record->response, "Sans 10", 4);
      if (record->sender != NULL && *record->sender != '\0')
        {
          solace_pdf_add_text (pdf, _("Sender as it appeared:"), "Sans Bold 10", 2);
          solace_pdf_add_user_text (pdf, record->sender, "Sans 10", 4);
        }
      if (record->witnesses != NULL && *record->witnesses != '\0')
        {
          solace_pdf_add_text (pdf, _("Witnesses:"), "Sans Bold 10", 2);
          solace_pdf_add_user_text (pdf, record->witnesses, "Sans 10", 4);
        }
      if (record->reference != NULL && *record->reference != '\0')
        {
          solace_pdf_add_text (pdf, _("Medical or police reference:"), "Sans Bold 10", 2);
          solace_pdf_add_user_text (pdf, record->reference, "Sans 10", 4);
        }
      if (record->n_attachments > 0)
        {
          /* Translators: in the progress report; the files themselves and
           * their SHA-256 are in the incident record's own exports. */
          g_autofree char *files = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                                 "%u file is kept with this record "
                                                                 "(in the evidence export, with its SHA-256).",
                                                                 "%u files are kept with this record "
                                                                 "(in the evidence export, with their SHA-256).",
                                                                 record->n_attachments),
                                                    record->n_attachments);

          solace_pdf_add_text (pdf, files, "Sans 10", 4);
        }
      solace_pdf_add_space (pdf, 8);
    }
}

static void
lay_out (SolacePdf                      *pdf,
         const SolaceProgressReportData *data)
{
  guint parts = data->options.parts;

  lay_out_cover (pdf, data);
  if (parts == 0)
    return;

  solace_pdf_new_page (pdf);
  if (parts & SOLACE_REPORT_STRETCHES)
    lay_out_stretches (pdf, data);
  if (parts & SOLACE_REPORT_URGES)
    lay_out_urges (pdf, data);
  if (parts & SOLACE_REPORT_MOOD)
    lay_out_mood (pdf, data);
  if (parts & SOLACE_REPORT_SELF_CARE)
    lay_out_self_care (pdf, data);
  if (parts & SOLACE_REPORT_INCIDENTS)
    lay_out_incidents (pdf, data);
  if (parts & SOLACE_REPORT_NOTES)
    lay_out_notes (pdf, data);
  if (parts & SOLACE_REPORT_JOURNAL)
    lay_out_journal (pdf, data);
}

typedef struct
{
  SolaceProgressReportFunc progress;
  gpointer                 user_data;
} PageProgress;

static void
page_done_cb (int      page,
              int      n_pages,
              gpointer user_data)
{
  PageProgress *p = user_data;

  report_progress (p->progress, p->user_data, 0.3 + 0.65 * (page + 1) / n_pages);
}

gboolean
solace_progress_report_write_pdf (const SolaceProgressReportData *data,
                                  const char                     *path,
                                  SolaceProgressReportFunc        progress,
                                  gpointer                        user_data,
                                  GCancellable                   *cancellable,
                                  GError                        **error)
{
  g_autoptr(SolacePdf) pdf = NULL;
  PageProgress page_progress = { progress, user_data };

  g_return_val_if_fail (data != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  pdf = solace_pdf_new (_("Progress Report"));
  report_progress (progress, user_data, 0.1);
  lay_out (pdf, data);
  report_progress (progress, user_data, 0.3);

  if (!solace_pdf_write (pdf, path,
                         _("Some of the text could not be put in a PDF, so no report was made. Nothing was changed."),
                         page_done_cb, &page_progress, cancellable, error))
    return FALSE;
  report_progress (progress, user_data, 1.0);
  return TRUE;
}

/* ---- In a worker ---------------------------------------------------------- */

typedef struct
{
  SolaceDatabase              *db;
  SolaceProgressReportOptions  options;
  char                        *path;
  SolaceProgressReportFunc     progress;
  gpointer                     progress_data;
  GDestroyNotify               progress_destroy;
} MakeData;

static void
make_data_free (MakeData *make)
{
  g_object_unref (make->db);
  g_free (make->path);
  if (make->progress_destroy != NULL)
    make->progress_destroy (make->progress_data);
  g_free (make);
}

static void
make_thread (GTask        *task,
             gpointer      source,
             gpointer      task_data,
             GCancellable *cancellable)
{
  MakeData *make = task_data;
  g_autoptr(SolaceProgressReportData) data = NULL;
  GError *error = NULL;

  report_progress (make->progress, make->progress_data, 0.02);
  data = solace_progress_report_gather (make->db, &make->options, cancellable, &error);
  if (data == NULL ||
      !solace_progress_report_write_pdf (data, make->path, make->progress, make->progress_data, cancellable, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

void
solace_progress_report_make_async (SolaceDatabase                    *db,
                                   const SolaceProgressReportOptions *options,
                                   const char                        *path,
                                   SolaceProgressReportFunc           progress,
                                   gpointer                           progress_data,
                                   GDestroyNotify                     progress_destroy,
                                   GCancellable                      *cancellable,
                                   GAsyncReadyCallback                callback,
                                   gpointer                           user_data)
{
  g_autoptr(GTask) task = NULL;
  MakeData *make;

  g_return_if_fail (SOLACE_IS_DATABASE (db));
  g_return_if_fail (options != NULL);
  g_return_if_fail (path != NULL);

  make = g_new0 (MakeData, 1);
  make->db = g_object_ref (db);
  make->options = *options;
  make->path = g_strdup (path);
  make->progress = progress;
  make->progress_data = progress_data;
  make->progress_destroy = progress_destroy;

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, solace_progress_report_make_async);
  g_task_set_return_on_cancel (task, FALSE);
  /* Stopped too late, the report is whole and saved: say so, rather
   * than "stopped" over a file that is there. */
  g_task_set_check_cancellable (task, FALSE);
  g_task_set_task_data (task, make, (GDestroyNotify) make_data_free);
  g_task_run_in_thread (task, make_thread);
}

gboolean
solace_progress_report_make_finish (GAsyncResult  *result,
                                    GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
