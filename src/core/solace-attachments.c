/* solace-attachments.c — files kept with an incident record: reading
 * one from disk for a record, and making its name safe to show
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The bytes themselves are stored with the record in the database
 * (solace-incidents.c).  Nothing here prints or logs what a file holds.
 */
#define G_LOG_DOMAIN "solace-incidents"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "solace-error.h"
#include "solace-incidents.h"
#include "solace-limits.h"

/* How much is read at a time, and how much of the start of a file is
 * shown to the content-type guesser. */
#define READ_CHUNK   (256 * 1024)
#define SNIFF_BYTES  4096

SolaceAttachment *
solace_attachment_new (void)
{
  return g_new0 (SolaceAttachment, 1);
}

void
solace_attachment_free (SolaceAttachment *attachment)
{
  if (attachment == NULL)
    return;

  g_free (attachment->name);
  g_free (attachment->media_type);
  g_free (attachment->sha256);
  g_clear_pointer (&attachment->data, g_bytes_unref);
  g_free (attachment);
}

SolaceAttachment *
solace_attachment_copy_metadata (const SolaceAttachment *attachment)
{
  SolaceAttachment *copy;

  g_return_val_if_fail (attachment != NULL, NULL);

  copy = solace_attachment_new ();
  copy->name = g_strdup (attachment->name);
  copy->media_type = g_strdup (attachment->media_type);
  copy->size = attachment->size;
  copy->sha256 = g_strdup (attachment->sha256);

  return copy;
}

/* Characters that would change how the rest of a name is drawn, or
 * start a new line, and never belong in a file's name: the bidi
 * embeddings, overrides and isolates, the marks, and the separators. */
static gboolean
is_unsafe_char (gunichar c)
{
  if (c < 0x20 || (c >= 0x7f && c <= 0x9f))
    return TRUE;
  if ((c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069) ||
      c == 0x200e || c == 0x200f || c == 0x061c)
    return TRUE;
  if (c == 0x2028 || c == 0x2029)
    return TRUE;
  /* Noncharacters: U+FDD0–U+FDEF and the last two of every plane. */
  if ((c >= 0xfdd0 && c <= 0xfdef) || (c & 0xfffe) == 0xfffe)
    return TRUE;

  return FALSE;
}

/* Cuts @name (valid UTF-8) to at most @max bytes at a character
 * boundary, keeping a short extension ("….png") where there is one. */
static char *
truncate_name (const char *name,
               gsize       max)
{
  gsize len = strlen (name);
  const char *dot;
  gsize ext_len = 0;
  const char *end;
  GString *out;

  if (len <= max)
    return g_strdup (name);

  dot = strrchr (name, '.');
  if (dot != NULL && dot != name && strlen (dot) <= 16)
    ext_len = strlen (dot);

  /* Back from the cut to the start of the character it falls in, so
   * no character is split. */
  end = name + (max - ext_len);
  while (end > name && (*end & 0xc0) == 0x80)
    end--;

  out = g_string_new_len (name, end - name);
  if (ext_len > 0)
    g_string_append (out, dot);

  return g_string_free (out, FALSE);
}

/* A name that is safe to show and to store: valid UTF-8; no control
 * characters (newlines, tabs), bidi controls (U+202A–U+202E,
 * U+2066–U+2069, U+200E, U+200F, U+061C), line or paragraph separators
 * or noncharacters (U+FFFE…) — each becomes U+FFFD, so that something
 * was there stays visible; '/' and '\' become '_'; no spaces at either
 * end; at most SOLACE_MAX_ATTACHMENT_NAME_BYTES bytes, cut at a
 * character boundary with the extension kept; and "attachment" for a
 * name that is empty, or only dots, after all that. */
char *
solace_attachment_make_safe_name (const char *raw)
{
  g_autofree char *valid = NULL;
  g_autofree char *stripped = NULL;
  GString *out;

  valid = g_utf8_make_valid (raw != NULL ? raw : "", -1);
  out = g_string_sized_new (strlen (valid));

  for (const char *p = valid; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == '/' || c == '\\')
        g_string_append_c (out, '_');
      else if (is_unsafe_char (c))
        g_string_append_unichar (out, 0xfffd);
      else
        g_string_append_unichar (out, c);
    }

  stripped = g_strstrip (g_string_free (out, FALSE));
  if (strspn (stripped, ".") == strlen (stripped))
    return g_strdup ("attachment");

  return truncate_name (stripped, SOLACE_MAX_ATTACHMENT_NAME_BYTES);
}

static char *
dup_display_name (GFile     *file,
                  GFileInfo *info)
{
  g_autofree char *basename = NULL;
  g_autofree char *display = NULL;

  if (info != NULL && g_file_info_has_attribute (info, G_FILE_ATTRIBUTE_STANDARD_DISPLAY_NAME))
    return solace_attachment_make_safe_name (g_file_info_get_display_name (info));

  basename = g_file_get_basename (file);
  display = basename != NULL ? g_filename_display_name (basename) : NULL;

  return solace_attachment_make_safe_name (display);
}

static void
set_too_large (GError     **error,
               const char  *name)
{
  g_autofree char *limit = g_format_size (SOLACE_MAX_ATTACHMENT_BYTES);

  g_set_error (error, SOLACE_ERROR, SOLACE_ERROR_INVALID,
               _("“%s” is larger than %s, the most one file kept with a record can be."),
               name, limit);
}

static void
set_read_error (GError     **error,
                const char  *name,
                GError      *cause)
{
  if (g_error_matches (cause, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_propagate_error (error, g_error_copy (cause));
      return;
    }

  if (g_error_matches (cause, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    g_set_error (error, SOLACE_ERROR, SOLACE_ERROR_NOT_FOUND,
                 _("“%s” is no longer there. It may have been moved or deleted: choose it again."),
                 name);
  else if (g_error_matches (cause, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED))
    g_set_error (error, SOLACE_ERROR, SOLACE_ERROR_READ_ONLY,
                 _("“%s” could not be opened: you do not have permission to read it."),
                 name);
  else
    g_set_error (error, SOLACE_ERROR, SOLACE_ERROR_FAILED,
                 _("“%s” could not be read (%s)."),
                 name, cause->message);
}

SolaceAttachment *
solace_attachment_read (GFile         *file,
                        GCancellable  *cancellable,
                        GError       **error)
{
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GFileInputStream) stream = NULL;
  g_autoptr(GChecksum) checksum = NULL;
  g_autoptr(GByteArray) bytes = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(SolaceAttachment) attachment = NULL;
  g_autofree char *name = NULL;
  g_autofree char *content_type = NULL;
  g_autofree char *media_type = NULL;
  g_autofree guint8 *buffer = NULL;
  goffset size;

  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  info = g_file_query_info (file,
                            G_FILE_ATTRIBUTE_STANDARD_DISPLAY_NAME ","
                            G_FILE_ATTRIBUTE_STANDARD_SIZE ","
                            G_FILE_ATTRIBUTE_STANDARD_TYPE,
                            G_FILE_QUERY_INFO_NONE, cancellable, &local_error);
  name = dup_display_name (file, info);
  if (info == NULL)
    {
      set_read_error (error, name, local_error);
      return NULL;
    }

  if (g_file_info_get_file_type (info) != G_FILE_TYPE_REGULAR)
    {
      g_set_error (error, SOLACE_ERROR, SOLACE_ERROR_INVALID,
                   _("“%s” is not a file that can be kept with a record."),
                   name);
      return NULL;
    }

  /* Refused before a byte is read. */
  size = g_file_info_get_size (info);
  if (size > SOLACE_MAX_ATTACHMENT_BYTES)
    {
      set_too_large (error, name);
      return NULL;
    }

  stream = g_file_read (file, cancellable, &local_error);
  if (stream == NULL)
    {
      set_read_error (error, name, local_error);
      return NULL;
    }

  checksum = g_checksum_new (G_CHECKSUM_SHA256);
  bytes = g_byte_array_sized_new (MAX (size, 0));

  buffer = g_malloc (READ_CHUNK);
  for (;;)
    {
      gssize n;

      n = g_input_stream_read (G_INPUT_STREAM (stream), buffer, READ_CHUNK,
                               cancellable, &local_error);
      if (n < 0)
        {
          set_read_error (error, name, local_error);
          return NULL;
        }
      if (n == 0)
        break;

      /* The file grew after its size was asked. */
      if (bytes->len + (gsize) n > SOLACE_MAX_ATTACHMENT_BYTES)
        {
          set_too_large (error, name);
          return NULL;
        }

      g_byte_array_append (bytes, buffer, n);
      g_checksum_update (checksum, buffer, n);
    }

  if (!g_input_stream_close (G_INPUT_STREAM (stream), cancellable, &local_error))
    {
      set_read_error (error, name, local_error);
      return NULL;
    }

  content_type = g_content_type_guess (name, bytes->data, MIN (bytes->len, SNIFF_BYTES), NULL);
  media_type = content_type != NULL ? g_content_type_get_mime_type (content_type) : NULL;

  attachment = solace_attachment_new ();
  attachment->name = g_steal_pointer (&name);
  attachment->media_type = media_type != NULL ? g_steal_pointer (&media_type)
                                              : g_strdup ("application/octet-stream");
  attachment->size = bytes->len;
  attachment->sha256 = g_strdup (g_checksum_get_string (checksum));
  attachment->data = g_byte_array_free_to_bytes (g_steal_pointer (&bytes));

  return g_steal_pointer (&attachment);
}
