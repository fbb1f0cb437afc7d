/* solace-generate.c — fills a Solace database with realistic entries
 *
 * solace-generate --entries N [--seed S] [--end-date YYYY-MM-DD] [--years Y] PATH
 *
 * Writes N journal entries spread over the Y years (default 3) before the
 * end date (default: now), oldest first, so that id order is time order.
 * The text is built from the sentences in generate-vocabulary.h; kinds,
 * moods, emotions and tags drift over time the way a recovery does.  The
 * output is the same for the same seed, N, end date and time zone.
 *
 * Everything goes in through one transaction on the database's own
 * connection, with the schema's triggers keeping the full-text index in
 * step.  Only counts and timings are printed, never entry text.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "solace-database.h"
#include "solace-journal-entry.h"

#include "generate-vocabulary.h"

#define N_ITEMS(a) ((guint) G_N_ELEMENTS (a))

/* xoshiro256**, seeded through splitmix64: fast, and the same on every
 * machine and GLib version. */
typedef struct { guint64 s[4]; } Rng;

static guint64
splitmix64 (guint64 *x)
{
  guint64 z = (*x += G_GUINT64_CONSTANT (0x9e3779b97f4a7c15));

  z = (z ^ (z >> 30)) * G_GUINT64_CONSTANT (0xbf58476d1ce4e5b9);
  z = (z ^ (z >> 27)) * G_GUINT64_CONSTANT (0x94d049bb133111eb);
  return z ^ (z >> 31);
}

static void
rng_seed (Rng     *rng,
          guint64  seed)
{
  for (guint i = 0; i < 4; i++)
    rng->s[i] = splitmix64 (&seed);
}

static inline guint64
rotl (guint64 x,
      int     k)
{
  return (x << k) | (x >> (64 - k));
}

static guint64
rng_next (Rng *rng)
{
  guint64 *s = rng->s;
  guint64 result = rotl (s[1] * 5, 7) * 9;
  guint64 t = s[1] << 17;

  s[2] ^= s[0];
  s[3] ^= s[1];
  s[1] ^= s[2];
  s[0] ^= s[3];
  s[2] ^= t;
  s[3] = rotl (s[3], 45);

  return result;
}

/* In [0, 1). */
static double
rng_double (Rng *rng)
{
  return (rng_next (rng) >> 11) * (1.0 / 9007199254740992.0);
}

/* In [0, n). */
static guint
rng_below (Rng   *rng,
           guint  n)
{
  return (guint) (rng_double (rng) * n);
}

static gboolean
rng_chance (Rng    *rng,
            double  p)
{
  return rng_double (rng) < p;
}

#define PICK(rng, array) ((array)[rng_below ((rng), N_ITEMS (array))])

/* Text */

typedef struct {
  const char * const *sentences;
  guint               n;
} Theme;

#define THEME(a) { (a), N_ITEMS (a) }

enum {
  T_RAW, T_PROCESS, T_EVERYDAY, T_WORK, T_PEOPLE, T_BODY, T_FEELINGS, T_HOPE,
  N_GENERAL_THEMES
};

static const Theme general_themes[N_GENERAL_THEMES] = {
  [T_RAW]      = THEME (theme_raw),
  [T_PROCESS]  = THEME (theme_process),
  [T_EVERYDAY] = THEME (theme_everyday),
  [T_WORK]     = THEME (theme_work),
  [T_PEOPLE]   = THEME (theme_people),
  [T_BODY]     = THEME (theme_body),
  [T_FEELINGS] = THEME (theme_feelings),
  [T_HOPE]     = THEME (theme_hope),
};

static const Theme letter_theme = THEME (theme_letter);
static const Theme reasons_theme = THEME (theme_reasons);
static const Theme gratitude_theme = THEME (theme_gratitude);
static const Theme rare_theme = THEME (theme_rare);

static const struct {
  const char *key;
  Theme       theme;
} prompt_themes[] = {
  { "what-happened", THEME (prompt_what_happened) },
  { "roles",         THEME (prompt_roles) },
  { "differently",   THEME (prompt_differently) },
  { "need-now",      THEME (prompt_need_now) },
  { "kindness",      THEME (prompt_kindness) },
};

static const char *
slot_value (Rng  *rng,
            char  slot)
{
  switch (slot)
    {
    case 'F': return PICK (rng, slot_friend);
    case 'P': return PICK (rng, slot_place);
    case 'D': return PICK (rng, slot_weekday);
    case 'T': return PICK (rng, slot_time);
    case 'M': return PICK (rng, slot_food);
    case 'A': return PICK (rng, slot_activity);
    case 'S': return PICK (rng, slot_course);
    case 'W': return PICK (rng, slot_weather);
    case 'C': return PICK (rng, slot_colleague);
    case 'K': return PICK (rng, slot_family);
    case 'O': return PICK (rng, slot_object);
    case 'N': return PICK (rng, slot_number);
    case 'H': return PICK (rng, slot_hour);
    default:  g_error ("Unknown slot {%c} in the vocabulary", slot);
    }
}

/* Appends one sentence with its slots filled; returns its word count. */
static guint
append_sentence (GString    *out,
                 Rng        *rng,
                 const char *sentence)
{
  gsize start = out->len;
  guint words = 1;

  for (const char *p = sentence; *p != '\0'; p++)
    {
      if (p[0] == '{' && p[1] != '\0' && p[2] == '}')
        {
          g_string_append (out, slot_value (rng, p[1]));
          p += 2;
        }
      else
        g_string_append_c (out, *p);
    }

  if (out->len > start && g_ascii_islower (out->str[start]))
    out->str[start] = g_ascii_toupper (out->str[start]);

  for (gsize i = start; i < out->len; i++)
    if (out->str[i] == ' ')
      words++;

  return words;
}

/* The sentences already in the entry being built, so none repeats. */
static const char *used_sentences[64];
static guint n_used_sentences;

static const char *
pick_sentence (Rng         *rng,
               const Theme *theme)
{
  const char *sentence = NULL;

  for (guint attempt = 0; attempt < 12; attempt++)
    {
      gboolean seen = FALSE;

      /* Now and then something unusual happens. */
      if (rng_chance (rng, 0.004))
        sentence = rare_theme.sentences[rng_below (rng, rare_theme.n)];
      else
        sentence = theme->sentences[rng_below (rng, theme->n)];

      for (guint i = 0; i < n_used_sentences && !seen; i++)
        seen = used_sentences[i] == sentence;
      if (!seen)
        break;
    }

  if (n_used_sentences < G_N_ELEMENTS (used_sentences))
    used_sentences[n_used_sentences++] = sentence;

  return sentence;
}

/* A theme for a general paragraph, weighted by how far along the
 * recovery this entry is (0 = the day after, 1 = three years on). */
static const Theme *
pick_general_theme (Rng    *rng,
                    double  progress)
{
  double weights[N_GENERAL_THEMES];
  double total = 0, r;
  double q = 1.0 - progress;

  weights[T_RAW]      = 0.2 + 4.0 * q * q * q;
  weights[T_PROCESS]  = 0.4 + 3.0 * progress * q * 2.0;
  weights[T_EVERYDAY] = 2.0;
  weights[T_WORK]     = 1.4;
  weights[T_PEOPLE]   = 1.5;
  weights[T_BODY]     = 1.1;
  weights[T_FEELINGS] = 1.5;
  weights[T_HOPE]     = 0.2 + 2.5 * progress;

  for (guint i = 0; i < N_GENERAL_THEMES; i++)
    total += weights[i];

  r = rng_double (rng) * total;
  for (guint i = 0; i < N_GENERAL_THEMES; i++)
    {
      if (r < weights[i])
        return &general_themes[i];
      r -= weights[i];
    }

  return &general_themes[T_EVERYDAY];
}

/* A paragraph mostly from @main, with the odd sentence from elsewhere. */
static guint
append_paragraph (GString     *out,
                  Rng         *rng,
                  const Theme *main,
                  double       progress,
                  guint        min_sentences,
                  guint        max_sentences)
{
  guint n = min_sentences + rng_below (rng, max_sentences - min_sentences + 1);
  guint words = 0;

  if (out->len > 0)
    g_string_append (out, "\n\n");

  for (guint i = 0; i < n; i++)
    {
      const Theme *theme = main;

      if (i > 0)
        g_string_append_c (out, ' ');
      if (i > 0 && rng_chance (rng, 0.25))
        theme = pick_general_theme (rng, progress);
      words += append_sentence (out, rng, pick_sentence (rng, theme));
    }

  if (rng_chance (rng, 0.03))
    g_string_append (out, PICK (rng, paragraph_emoji));

  return words;
}

static void
build_body (GString         *out,
            Rng             *rng,
            SolaceEntryKind  kind,
            guint            prompt,
            double           progress)
{
  guint target = 150 + rng_below (rng, 251);
  guint words = 0;

  g_string_truncate (out, 0);
  n_used_sentences = 0;

  switch (kind)
    {
    case SOLACE_ENTRY_KIND_GRATITUDE:
      /* One good thing a line, as the editor keeps it. */
      for (guint line = 0; line < SOLACE_GRATITUDE_ITEMS; line++)
        {
          guint extra = 1 + rng_below (rng, 4);

          if (line > 0)
            g_string_append_c (out, '\n');
          append_sentence (out, rng, pick_sentence (rng, &gratitude_theme));
          for (guint i = 0; i < extra; i++)
            {
              g_string_append_c (out, ' ');
              append_sentence (out, rng, pick_sentence (rng, pick_general_theme (rng, progress)));
            }
        }
      break;

    case SOLACE_ENTRY_KIND_LETTER:
      {
        static const char * const openings[] = { "Dear you,", "To you, wherever you are tonight,", "Hi.", "You," };

        if (rng_chance (rng, 0.6))
          words += append_sentence (out, rng, PICK (rng, openings));
        while (words < target)
          words += append_paragraph (out, rng,
                                     rng_chance (rng, 0.7) ? &letter_theme : pick_general_theme (rng, progress),
                                     progress, 3, 6);
      }
      break;

    case SOLACE_ENTRY_KIND_REASONS:
      while (words < target)
        words += append_paragraph (out, rng,
                                   rng_chance (rng, 0.8) ? &reasons_theme : pick_general_theme (rng, progress),
                                   progress, 2, 4);
      break;

    case SOLACE_ENTRY_KIND_PROMPT:
      while (words < target)
        words += append_paragraph (out, rng,
                                   rng_chance (rng, 0.6) ? &prompt_themes[prompt].theme : pick_general_theme (rng, progress),
                                   progress, 3, 6);
      break;

    case SOLACE_ENTRY_KIND_REFLECTION:
    case SOLACE_N_ENTRY_KINDS:
    default:
      while (words < target)
        words += append_paragraph (out, rng, pick_general_theme (rng, progress), progress, 3, 6);
      break;
    }
}

static SolaceEntryKind
pick_kind (Rng *rng)
{
  double r = rng_double (rng);

  if (r < 0.45) return SOLACE_ENTRY_KIND_REFLECTION;
  if (r < 0.60) return SOLACE_ENTRY_KIND_GRATITUDE;
  if (r < 0.72) return SOLACE_ENTRY_KIND_LETTER;
  if (r < 0.80) return SOLACE_ENTRY_KIND_REASONS;
  return SOLACE_ENTRY_KIND_PROMPT;
}

/* 0 for none, otherwise 1–5, rising on the whole as time passes. */
static int
pick_mood (Rng    *rng,
           double  progress)
{
  double mood;

  if (rng_chance (rng, 0.15))
    return 0;

  mood = 1.5 + 2.8 * progress + (rng_double (rng) + rng_double (rng) - 1.0) * 1.6;
  return CLAMP ((int) lround (mood), 1, 5);
}

static gboolean
emotion_is_positive (const char *key)
{
  static const char * const positive[] = { "relief", "hope", "calm", "gratitude", NULL };

  return g_strv_contains (positive, key);
}

/* Up to three distinct emotion keys, in the order they were "ticked". */
static guint
pick_emotions (Rng                *rng,
               const char * const *keys,
               guint               n_keys,
               SolaceEntryKind     kind,
               int                 mood,
               double              progress,
               const char        **out)
{
  double r = rng_double (rng);
  guint want = r < 0.25 ? 0 : r < 0.60 ? 1 : r < 0.85 ? 2 : 3;
  double positive_weight = 0.2 + progress + (mood > 0 ? (mood - 3) * 0.3 : 0);
  double negative_weight = 0.2 + (1.0 - progress) + (mood > 0 ? (3 - mood) * 0.3 : 0);
  guint n = 0;

  positive_weight = MAX (positive_weight, 0.05);
  negative_weight = MAX (negative_weight, 0.05);

  if (kind == SOLACE_ENTRY_KIND_GRATITUDE && want > 0 && g_strv_contains (keys, "gratitude"))
    out[n++] = "gratitude";

  for (guint attempt = 0; n < want && attempt < 20; attempt++)
    {
      double total = 0, pick;
      const char *key = NULL;

      for (guint i = 0; i < n_keys; i++)
        total += emotion_is_positive (keys[i]) ? positive_weight : negative_weight;
      pick = rng_double (rng) * total;
      for (guint i = 0; i < n_keys && key == NULL; i++)
        {
          double w = emotion_is_positive (keys[i]) ? positive_weight : negative_weight;

          if (pick < w)
            key = keys[i];
          pick -= w;
        }
      if (key == NULL)
        key = keys[n_keys - 1];

      for (guint j = 0; j < n && key != NULL; j++)
        if (g_str_equal (out[j], key))
          key = NULL;
      if (key != NULL)
        out[n++] = key;
    }

  return n;
}

static void
format_uuid (Rng  *rng,
             char  out[37])
{
  guint64 a = rng_next (rng);
  guint64 b = rng_next (rng);

  /* Version 4, variant 1. */
  a = (a & G_GUINT64_CONSTANT (0xffffffffffff0fff)) | G_GUINT64_CONSTANT (0x0000000000004000);
  b = (b & G_GUINT64_CONSTANT (0x3fffffffffffffff)) | G_GUINT64_CONSTANT (0x8000000000000000);

  g_snprintf (out, 37, "%08x-%04x-%04x-%04x-%012" G_GINT64_MODIFIER "x",
              (guint) (a >> 32), (guint) ((a >> 16) & 0xffff), (guint) (a & 0xffff),
              (guint) (b >> 48), b & G_GUINT64_CONSTANT (0xffffffffffff));
}

/* Writing */

static gboolean
step_done (SolaceDatabase  *db,
           sqlite3_stmt    *stmt,
           const char      *what,
           GError         **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      solace_database_set_error (db, error, rc, what);
      return FALSE;
    }
  return TRUE;
}

static gint64
count_entries (SolaceDatabase  *db,
               GError         **error)
{
  g_autoptr(sqlite3_stmt) stmt = solace_database_prepare (db, "SELECT count(*) FROM journal_entry", error);

  if (stmt == NULL)
    return -1;
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      solace_database_set_error (db, error, sqlite3_errcode (solace_database_get_handle (db)), "Counting entries");
      return -1;
    }
  return sqlite3_column_int64 (stmt, 0);
}

typedef struct {
  gint64 entries;
  gint64 tags;
  gint64 text_bytes;
  gint64 words;
} Totals;

static gboolean
generate (SolaceDatabase  *db,
          gint64           n_entries,
          guint64          seed,
          gint64           end_unix,
          double           years,
          Totals          *totals,
          GError         **error)
{
  g_autoptr(sqlite3_stmt) insert_entry = NULL;
  g_autoptr(sqlite3_stmt) insert_tag = NULL;
  g_autoptr(GString) body = g_string_sized_new (4096);
  const char * const *emotion_keys = solace_journal_get_emotion_keys ();
  guint n_emotion_keys = g_strv_length ((char **) emotion_keys);
  sqlite3 *handle = solace_database_get_handle (db);
  double span = years * 365.25 * 86400.0;
  gint64 start_unix = end_unix - (gint64) span;
  gint64 previous = G_MININT64;
  Rng rng;

  rng_seed (&rng, seed);

  insert_entry = solace_database_prepare (db,
                                          "INSERT INTO journal_entry"
                                          " (uuid, kind, prompt, body, mood, day, created_at, updated_at)"
                                          " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                                          error);
  if (insert_entry == NULL)
    return FALSE;
  insert_tag = solace_database_prepare (db,
                                        "INSERT INTO journal_tag (entry_id, name, is_emotion, position)"
                                        " VALUES (?1, ?2, ?3, ?4)",
                                        error);
  if (insert_tag == NULL)
    return FALSE;

  if (!solace_database_begin (db, error))
    return FALSE;

  for (gint64 i = 0; i < n_entries; i++)
    {
      double progress = n_entries > 1 ? (double) i / (double) (n_entries - 1) : 1.0;
      SolaceEntryKind kind = pick_kind (&rng);
      guint prompt = rng_below (&rng, N_ITEMS (prompt_themes));
      int mood = pick_mood (&rng, progress);
      const char *emotions[4];
      guint n_emotions = pick_emotions (&rng, emotion_keys, n_emotion_keys, kind, mood, progress, emotions);
      double r = rng_double (&rng);
      guint n_tags = r < 0.5 ? 0 : r < 0.85 ? 1 : 2;
      const char *tags[2];
      char uuid[37];
      char day[16];
      gint64 created, updated;
      struct tm tm;
      time_t t;

      /* Oldest first, strictly increasing, with some jitter. */
      created = start_unix + (gint64) (((double) i + rng_double (&rng) * 0.8) * span / (double) n_entries);
      if (created <= previous)
        created = previous + 1;
      previous = created;
      updated = created + 60 + rng_below (&rng, 1800);
      if (rng_chance (&rng, 0.2))
        updated += rng_below (&rng, 3 * 86400);

      t = (time_t) created;
      localtime_r (&t, &tm);
      strftime (day, sizeof day, "%Y-%m-%d", &tm);

      format_uuid (&rng, uuid);
      build_body (body, &rng, kind, prompt, progress);

      for (guint k = 0; k < n_tags; k++)
        {
          tags[k] = PICK (&rng, free_tags);
          if (k == 1 && g_str_equal (tags[0], tags[1]))
            n_tags = 1;
        }

      sqlite3_bind_text (insert_entry, 1, uuid, -1, SQLITE_STATIC);
      sqlite3_bind_text (insert_entry, 2, solace_entry_kind_to_key (kind), -1, SQLITE_STATIC);
      if (kind == SOLACE_ENTRY_KIND_PROMPT)
        sqlite3_bind_text (insert_entry, 3, prompt_themes[prompt].key, -1, SQLITE_STATIC);
      else
        sqlite3_bind_null (insert_entry, 3);
      sqlite3_bind_text (insert_entry, 4, body->str, (int) body->len, SQLITE_STATIC);
      if (mood > 0)
        sqlite3_bind_int (insert_entry, 5, mood);
      else
        sqlite3_bind_null (insert_entry, 5);
      sqlite3_bind_text (insert_entry, 6, day, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (insert_entry, 7, created);
      sqlite3_bind_int64 (insert_entry, 8, updated);
      if (!step_done (db, insert_entry, "Inserting an entry", error))
        goto rollback;

      {
        gint64 id = sqlite3_last_insert_rowid (handle);

        for (guint k = 0; k < n_emotions + n_tags; k++)
          {
            gboolean is_emotion = k < n_emotions;

            sqlite3_bind_int64 (insert_tag, 1, id);
            sqlite3_bind_text (insert_tag, 2, is_emotion ? emotions[k] : tags[k - n_emotions], -1, SQLITE_STATIC);
            sqlite3_bind_int (insert_tag, 3, is_emotion);
            sqlite3_bind_int (insert_tag, 4, is_emotion ? (int) k : (int) (k - n_emotions));
            if (!step_done (db, insert_tag, "Inserting a tag", error))
              goto rollback;
          }
      }

      totals->entries++;
      totals->tags += n_emotions + n_tags;
      totals->text_bytes += body->len;
      for (gsize c = 0; c < body->len; c++)
        if (body->str[c] == ' ' || body->str[c] == '\n')
          totals->words++;
      totals->words++;
    }

  if (!solace_database_commit (db, error))
    goto rollback;

  return TRUE;

rollback:
  solace_database_rollback (db);
  return FALSE;
}

static gboolean
parse_end_date (const char  *text,
                gint64      *out,
                GError     **error)
{
  int y, m, d;
  struct tm tm = { 0 };

  if (text == NULL)
    {
      /* Now, to the minute. */
      *out = (g_get_real_time () / G_USEC_PER_SEC) / 60 * 60;
      return TRUE;
    }

  if (sscanf (text, "%d-%d-%d", &y, &m, &d) != 3 || !g_date_valid_dmy (d, m, y))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   "--end-date wants YYYY-MM-DD");
      return FALSE;
    }

  /* The evening of that day, local time. */
  tm.tm_year = y - 1900;
  tm.tm_mon = m - 1;
  tm.tm_mday = d;
  tm.tm_hour = 21;
  tm.tm_isdst = -1;
  *out = (gint64) mktime (&tm);
  return TRUE;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(SolaceDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *end_date = NULL;
  g_autofree char *path = NULL;
  gint64 n_entries = -1;
  gint64 seed = 1;
  gint64 end_unix;
  gint64 existing;
  double years = 3.0;
  double t_start, t_open, t_done;
  Totals totals = { 0 };
  struct stat st;
  const GOptionEntry entries[] = {
    { "entries", 'n', 0, G_OPTION_ARG_INT64, &n_entries, "How many entries to write", "N" },
    { "seed", 's', 0, G_OPTION_ARG_INT64, &seed, "Seed for the generator (default 1)", "S" },
    { "end-date", 0, 0, G_OPTION_ARG_STRING, &end_date, "Day of the newest entry (default: now)", "YYYY-MM-DD" },
    { "years", 0, 0, G_OPTION_ARG_DOUBLE, &years, "How many years the entries span (default 3)", "Y" },
    { NULL }
  };

  setlocale (LC_ALL, "");

  context = g_option_context_new ("PATH — fill a Solace database with generated journal entries");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }
  if (argc != 2 || n_entries < 0 || years <= 0)
    {
      g_printerr ("Usage: %s --entries N [--seed S] [--end-date YYYY-MM-DD] [--years Y] PATH\n", g_get_prgname ());
      return 2;
    }
  if (!parse_end_date (end_date, &end_unix, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }

  t_start = g_get_monotonic_time () / 1e6;

  /* The database wants an absolute path. */
  path = g_canonicalize_filename (argv[1], NULL);
  db = solace_database_open (path, SOLACE_DATABASE_FLAGS_NONE, &error);
  if (db == NULL)
    {
      g_printerr ("Could not open the database: %s\n", error->message);
      return 1;
    }
  t_open = g_get_monotonic_time () / 1e6;

  solace_database_lock (db);

  existing = count_entries (db, &error);
  if (existing != 0)
    {
      solace_database_unlock (db);
      if (existing < 0)
        g_printerr ("%s\n", error->message);
      else
        g_printerr ("The database already holds %" G_GINT64_FORMAT " entries; "
                    "generate into a new file so that id order stays time order.\n", existing);
      return 1;
    }

  /* Bulk loading: a rollback journal instead of a WAL as large as the
   * database, no syncing (a crash just means generating again) and a
   * big cache for the full-text index.  WAL is switched back on after,
   * as the app leaves it. */
  if (!solace_database_exec (db,
                             "PRAGMA journal_mode = DELETE;"
                             "PRAGMA synchronous = OFF;"
                             "PRAGMA cache_size = -262144;",
                             &error) ||
      !generate (db, n_entries, (guint64) seed, end_unix, years, &totals, &error) ||
      !solace_database_exec (db,
                             "PRAGMA journal_mode = WAL;"
                             "PRAGMA synchronous = NORMAL;",
                             &error))
    {
      solace_database_unlock (db);
      g_printerr ("Generating failed: %s\n", error->message);
      return 1;
    }

  solace_database_unlock (db);
  g_clear_object (&db);
  t_done = g_get_monotonic_time () / 1e6;

  g_print ("entries %" G_GINT64_FORMAT "\n", totals.entries);
  g_print ("tags %" G_GINT64_FORMAT "\n", totals.tags);
  g_print ("words %" G_GINT64_FORMAT "\n", totals.words);
  g_print ("mean-words-per-entry %.0f\n", totals.entries > 0 ? (double) totals.words / totals.entries : 0.0);
  g_print ("text-mib %.1f\n", totals.text_bytes / 1048576.0);
  if (stat (path, &st) == 0)
    g_print ("file-mib %.1f\n", st.st_size / 1048576.0);
  g_print ("open-seconds %.2f\n", t_open - t_start);
  g_print ("write-seconds %.2f\n", t_done - t_open);

  return 0;
}
