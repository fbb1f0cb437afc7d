/* solace-import-scan.c — an import's first check: the raw bytes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The file's size, its UTF-8 and its JSON syntax and nesting, each
 * refusal with its byte offset, before SQLite reads any of it.
 */
#define G_LOG_DOMAIN "solace-export"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "solace-error.h"
#include "solace-import-private.h"

typedef enum
{
  SCAN_OK,
  SCAN_BAD,        /* not JSON here */
  SCAN_TRUNCATED,  /* the data ends in the middle of the document */
  SCAN_DEEP,       /* nested more deeply than an export ever is */
  SCAN_MANY,       /* more values than an import will hold in memory */
  SCAN_NUL,        /* \u0000 */
  SCAN_SURROGATE,  /* half of a UTF-16 surrogate pair */
  SCAN_NOT_OBJECT, /* a document that is not one object */
} ScanResult;

typedef enum
{
  EXPECT_VALUE,
  EXPECT_VALUE_OR_CLOSE,
  EXPECT_KEY,
  EXPECT_KEY_OR_CLOSE,
  EXPECT_COLON,
  EXPECT_COMMA_OR_CLOSE,
} ScanState;

static int
hex_value (char c)
{
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  return -1;
}

/* Reads the four hex digits after "\u" at @p. */
static ScanResult
scan_u_escape (const char *data,
               gsize       length,
               gsize      *pos,
               guint      *value)
{
  guint v = 0;

  for (guint i = 0; i < 4; i++)
    {
      int digit;

      if (*pos + i >= length)
        {
          *pos = length;
          return SCAN_TRUNCATED;
        }
      digit = hex_value (data[*pos + i]);
      if (digit < 0)
        {
          *pos += i;
          return SCAN_BAD;
        }
      v = v * 16 + digit;
    }

  *pos += 4;
  *value = v;
  return SCAN_OK;
}

/* @pos is on the opening quote; leaves it after the closing one. */
static ScanResult
scan_string (const char *data,
             gsize       length,
             gsize      *pos)
{
  (*pos)++;
  for (;;)
    {
      guchar c;

      if (*pos >= length)
        return SCAN_TRUNCATED;

      c = data[*pos];
      if (c == '"')
        {
          (*pos)++;
          return SCAN_OK;
        }
      if (c < 0x20)
        return SCAN_BAD;
      if (c != '\\')
        {
          (*pos)++;
          continue;
        }

      if (*pos + 1 >= length)
        {
          *pos = length;
          return SCAN_TRUNCATED;
        }
      c = data[*pos + 1];
      if (strchr ("\"\\/bfnrt", c) != NULL && c != '\0')
        {
          *pos += 2;
        }
      else if (c == 'u')
        {
          gsize start = *pos;
          guint value;
          ScanResult r;

          *pos += 2;
          if ((r = scan_u_escape (data, length, pos, &value)) != SCAN_OK)
            return r;
          if (value == 0)
            {
              *pos = start;
              return SCAN_NUL;
            }
          if (value >= 0xdc00 && value <= 0xdfff)
            {
              *pos = start;
              return SCAN_SURROGATE;
            }
          if (value >= 0xd800 && value <= 0xdbff)
            {
              /* Must be followed by its low half. */
              if (*pos + 2 > length)
                {
                  *pos = length;
                  return SCAN_TRUNCATED;
                }
              if (data[*pos] != '\\' || data[*pos + 1] != 'u')
                {
                  *pos = start;
                  return SCAN_SURROGATE;
                }
              *pos += 2;
              if ((r = scan_u_escape (data, length, pos, &value)) != SCAN_OK)
                return r;
              if (value < 0xdc00 || value > 0xdfff)
                {
                  *pos = start;
                  return SCAN_SURROGATE;
                }
            }
        }
      else
        {
          (*pos)++;
          return SCAN_BAD;
        }
    }
}

static ScanResult
scan_digits (const char *data,
             gsize       length,
             gsize      *pos)
{
  if (*pos >= length)
    return SCAN_TRUNCATED;
  if (!g_ascii_isdigit (data[*pos]))
    return SCAN_BAD;
  while (*pos < length && g_ascii_isdigit (data[*pos]))
    (*pos)++;
  return SCAN_OK;
}

static ScanResult
scan_number (const char *data,
             gsize       length,
             gsize      *pos)
{
  ScanResult r;

  if (data[*pos] == '-')
    (*pos)++;
  if (*pos >= length)
    return SCAN_TRUNCATED;

  /* No leading zeros: "0", or a digit 1–9 and more. */
  if (data[*pos] == '0')
    (*pos)++;
  else if ((r = scan_digits (data, length, pos)) != SCAN_OK)
    return r;

  if (*pos < length && data[*pos] == '.')
    {
      (*pos)++;
      if ((r = scan_digits (data, length, pos)) != SCAN_OK)
        return r;
    }

  if (*pos < length && (data[*pos] == 'e' || data[*pos] == 'E'))
    {
      (*pos)++;
      if (*pos < length && (data[*pos] == '+' || data[*pos] == '-'))
        (*pos)++;
      if ((r = scan_digits (data, length, pos)) != SCAN_OK)
        return r;
    }

  return SCAN_OK;
}

static ScanResult
scan_literal (const char *data,
              gsize       length,
              gsize      *pos)
{
  static const char * const literals[] = { "true", "false", "null" };

  for (guint i = 0; i < G_N_ELEMENTS (literals); i++)
    {
      gsize n = strlen (literals[i]);
      gsize have = MIN (n, length - *pos);

      if (memcmp (data + *pos, literals[i], have) != 0)
        continue;
      if (have < n)
        {
          *pos = length;
          return SCAN_TRUNCATED;
        }
      *pos += n;
      return SCAN_OK;
    }

  return SCAN_BAD;
}

/* A strict RFC 8259 reader that only says whether @data is one JSON
 * object, and if not, where it goes wrong and how.  SQLite would read
 * the same documents, but cannot say where it stopped, nor tell a
 * document cut short from one that is wrong. */
static ScanResult
scan_json (const char *data,
           gsize       length,
           gsize      *offset)
{
  char stack[SOLACE_IMPORT_MAX_DEPTH];
  guint depth = 0;
  guint values = 0;
  ScanState state = EXPECT_VALUE;
  gboolean done = FALSE;
  gsize pos = 0;
  ScanResult r = SCAN_OK;

  while (pos < length && strchr (" \t\n\r", data[pos]) != NULL && data[pos] != '\0')
    pos++;
  if (pos < length && data[pos] != '{')
    {
      *offset = pos;
      return SCAN_NOT_OBJECT;
    }

  for (;;)
    {
      char c;

      while (pos < length && strchr (" \t\n\r", data[pos]) != NULL && data[pos] != '\0')
        pos++;

      if (pos >= length)
        {
          *offset = length;
          return done ? SCAN_OK : SCAN_TRUNCATED;
        }

      c = data[pos];

      if (done)
        {
          *offset = pos;
          return SCAN_BAD;
        }

      switch (state)
        {
        case EXPECT_VALUE_OR_CLOSE:
        case EXPECT_KEY_OR_CLOSE:
          if ((state == EXPECT_VALUE_OR_CLOSE && c == ']') ||
              (state == EXPECT_KEY_OR_CLOSE && c == '}'))
            {
              pos++;
              depth--;
              state = EXPECT_COMMA_OR_CLOSE;
              done = depth == 0;
              continue;
            }
          if (state == EXPECT_KEY_OR_CLOSE)
            {
              state = EXPECT_KEY;
              continue;
            }
          G_GNUC_FALLTHROUGH;

        case EXPECT_VALUE:
          if (++values > SOLACE_IMPORT_MAX_VALUES)
            {
              *offset = pos;
              return SCAN_MANY;
            }
          if (c == '{' || c == '[')
            {
              if (depth == G_N_ELEMENTS (stack))
                {
                  *offset = pos;
                  return SCAN_DEEP;
                }
              stack[depth++] = c;
              pos++;
              state = c == '{' ? EXPECT_KEY_OR_CLOSE : EXPECT_VALUE_OR_CLOSE;
              continue;
            }
          if (c == '"')
            r = scan_string (data, length, &pos);
          else if (c == '-' || g_ascii_isdigit (c))
            r = scan_number (data, length, &pos);
          else if (c == 't' || c == 'f' || c == 'n')
            r = scan_literal (data, length, &pos);
          else
            r = SCAN_BAD;
          state = EXPECT_COMMA_OR_CLOSE;
          break;

        case EXPECT_KEY:
          if (c != '"')
            r = SCAN_BAD;
          else
            r = scan_string (data, length, &pos);
          state = EXPECT_COLON;
          break;

        case EXPECT_COLON:
          if (c != ':')
            r = SCAN_BAD;
          else
            pos++;
          state = EXPECT_VALUE;
          break;

        case EXPECT_COMMA_OR_CLOSE:
          if (c == ',')
            state = stack[depth - 1] == '{' ? EXPECT_KEY : EXPECT_VALUE;
          else if ((c == '}' && stack[depth - 1] == '{') || (c == ']' && stack[depth - 1] == '['))
            {
              depth--;
              done = depth == 0;
            }
          else
            r = SCAN_BAD;
          if (r == SCAN_OK)
            pos++;
          break;

        default:
          g_assert_not_reached ();
        }

      if (r != SCAN_OK)
        {
          *offset = MIN (pos, length);
          return r;
        }
    }
}

gboolean
solace_import_check_bytes (const char  *data,
                           gsize        length,
                           gsize        base,
                           GError     **error)
{
  const char *end = NULL;
  gsize offset = 0;
  ScanResult result;

  if (length == 0)
    {
      g_set_error (error, SOLACE_ERROR, SOLACE_ERROR_INVALID,
                   _("The file is empty: it is not a Solace export."));
      return FALSE;
    }

  if (!g_utf8_validate_len (data, length, &end))
    {
      gboolean nul = *end == '\0';

      offset = base + (end - data);
      if (nul)
        g_set_error (error, SOLACE_ERROR, SOLACE_ERROR_INVALID,
                     _("The file holds a NUL byte at byte offset %zu"
                       ": it is not a Solace export."), offset);
      else
        g_set_error (error, SOLACE_ERROR, SOLACE_ERROR_INVALID,
                     _("The file is not valid UTF-8 text at byte offset %zu"
                       ": it is not a Solace export, or it is damaged."), offset);
      return FALSE;
    }

  result = scan_json (data, length, &offset);
  offset += base;

  switch (result)
    {
    case SCAN_OK:
      return TRUE;

    case SCAN_TRUNCATED:
      g_set_error (error, SOLACE_ERROR, SOLACE_ERROR_INVALID,
                   _("The file ends too early, at byte offset %zu"
                     ": it is not a whole export, perhaps cut short while it was copied."), offset);
      return FALSE;

    case SCAN_DEEP:
      g_set_error (error, SOLACE_ERROR, SOLACE_ERROR_INVALID,
                   _("The file nests more deeply than a Solace export ever does, at byte offset %zu."),
                   offset);
      return FALSE;

    case SCAN_MANY:
      g_set_error (error, SOLACE_ERROR, SOLACE_ERROR_INVALID,
                   g_dngettext (GETTEXT_PACKAGE,
                                "The file holds more than %u value (the last counted at byte offset %zu"
                                "), more than Solace can import at once.",
                                "The file holds more than %u values (the last counted at byte offset %zu"
                                "), more than Solace can import at once.",
                                SOLACE_IMPORT_MAX_VALUES),
                   (guint) SOLACE_IMPORT_MAX_VALUES, offset);
      return FALSE;

    case SCAN_NUL:
      g_set_error (error, SOLACE_ERROR, SOLACE_ERROR_INVALID,
                   _("The file holds an escaped NUL character (\\u0000) at byte offset %zu"
                     ", which no text in Solace can hold."), offset);
      return FALSE;

    case SCAN_SURROGATE:
      g_set_error (error, SOLACE_ERROR, SOLACE_ERROR_INVALID,
                   _("The file holds half of a UTF-16 surrogate pair at byte offset %zu"
                     ", which is not a character."), offset);
      return FALSE;

    case SCAN_NOT_OBJECT:
      g_set_error (error, SOLACE_ERROR, SOLACE_ERROR_INVALID,
                   _("The file does not start with a JSON object (byte offset %zu"
                     "): it is not a Solace export."), offset);
      return FALSE;

    case SCAN_BAD:
    default:
      g_set_error (error, SOLACE_ERROR, SOLACE_ERROR_INVALID,
                   _("The file is not valid JSON at byte offset %zu"
                     ": it is not a Solace export, or it is damaged."), offset);
      return FALSE;
    }
}

