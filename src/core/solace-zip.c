/* solace-zip.c — a small ZIP writer: stored entries, no compression
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The layout is PKWARE's APPNOTE.TXT: for each entry a local header and
 * the bytes as they are (method 0, "stored"); then the central directory,
 * one header per entry; then the end record.  Names are UTF-8 (general
 * purpose bit 11).  Sizes and offsets are 32 bits and the count 16:
 * anything larger is refused before a byte of it is written, rather than
 * making a file that tools read wrongly (there is no ZIP64 here).
 */
#define G_LOG_DOMAIN "solace-zip"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include "solace-error.h"
#include "solace-zip.h"

#define LOCAL_HEADER_SIZE   30
#define CENTRAL_HEADER_SIZE 46
#define END_RECORD_SIZE     22
#define FLAG_UTF8           0x0800
#define VERSION_NEEDED      20              /* 2.0, as most writers say for stored entries */
#define VERSION_MADE_BY     ((3 << 8) | 30) /* Unix, 3.0 */
#define COPY_CHUNK          (256 * 1024)

struct _SolaceZip
{
  GOutputStream *stream;     /* or: */
  int            fd;
  char          *path;       /* the file to rename over, for fd */
  char          *tmp_path;   /* the file being written, for fd */

  guint16        dos_time;
  guint16        dos_date;
  guint64        offset;     /* bytes written so far */
  GByteArray    *central;    /* the central directory, built as we go */
  GHashTable    *names;      /* every entry name, once */
  guint          n_entries;
  gboolean       finished;
  gboolean       failed;     /* a write failed: the file is unusable */
};

static guint32 crc_table[256];

static void
init_crc_table (void)
{
  static gsize done = 0;

  if (g_once_init_enter (&done))
    {
      for (guint32 n = 0; n < 256; n++)
        {
          guint32 c = n;

          for (int k = 0; k < 8; k++)
            c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
          crc_table[n] = c;
        }
      g_once_init_leave (&done, 1);
    }
}

static void
put16 (guint8  *p,
       guint16  v)
{
  p[0] = v & 0xff;
  p[1] = (v >> 8) & 0xff;
}

static void
put32 (guint8  *p,
       guint32  v)
{
  p[0] = v & 0xff;
  p[1] = (v >> 8) & 0xff;
  p[2] = (v >> 16) & 0xff;
  p[3] = (v >> 24) & 0xff;
}

static void
set_dos_time (SolaceZip *zip,
              gint64     mtime,
              GTimeZone *tz)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (MAX (mtime, 0));
  g_autoptr(GDateTime) local = NULL;
  int year;

  local = utc != NULL ? g_date_time_to_timezone (utc, tz) : NULL;
  if (local == NULL)
    {
      /* 1980-01-01 00:00, the earliest a ZIP can say. */
      zip->dos_time = 0;
      zip->dos_date = (1 << 5) | 1;
      return;
    }

  year = CLAMP (g_date_time_get_year (local), 1980, 2107);
  if (year != g_date_time_get_year (local))
    {
      zip->dos_time = 0;
      zip->dos_date = ((year - 1980) << 9) | (1 << 5) | 1;
      return;
    }

  zip->dos_time = (g_date_time_get_hour (local) << 11) |
                  (g_date_time_get_minute (local) << 5) |
                  (g_date_time_get_second (local) / 2);
  zip->dos_date = ((year - 1980) << 9) |
                  (g_date_time_get_month (local) << 5) |
                  g_date_time_get_day_of_month (local);
}

static gboolean
errno_error (SolaceZip   *zip,
             int          saved_errno,
             GError     **error)
{
  g_autofree char *name = g_filename_display_basename (zip->path);

  if (saved_errno == ENOSPC || saved_errno == EDQUOT || saved_errno == EFBIG)
    g_set_error (error, SOLACE_ERROR, SOLACE_ERROR_DISK_FULL,
                 /* Translators: %s is a file name. */
                 _("There is not enough room on the disk for “%s”, so it was not saved. "
                   "Free some space or choose another place."),
                 name);
  else
    g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                 /* Translators: %s is a file name, then why it failed. */
                 _("Could not save “%s”: %s"), name, g_strerror (saved_errno));
  return FALSE;
}

static gboolean
too_large (GError **error)
{
  g_set_error_literal (error, SOLACE_ERROR, SOLACE_ERROR_INVALID,
                       _("The files are too large together for one ZIP archive (more than 4 GiB), "
                         "so nothing was saved."));
  return FALSE;
}

/* The entry must start, and end, where 32 bits can point; and the
 * central directory and end record after it must fit too. */
static gboolean
fits (SolaceZip  *zip,
      gsize       name_length,
      guint64     size,
      GError    **error)
{
  if (size > SOLACE_ZIP_MAX_BYTES ||
      zip->offset + LOCAL_HEADER_SIZE + name_length + size +
      zip->central->len + CENTRAL_HEADER_SIZE + name_length + END_RECORD_SIZE > SOLACE_ZIP_MAX_BYTES)
    return too_large (error);

  return TRUE;
}

static gboolean
sink_write (SolaceZip     *zip,
            const void    *data,
            gsize          length,
            GCancellable  *cancellable,
            GError       **error)
{
  const guint8 *p = data;

  if (zip->failed)
    return FALSE;

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    {
      zip->failed = TRUE;
      return FALSE;
    }

  if (zip->stream != NULL)
    {
      if (!g_output_stream_write_all (zip->stream, data, length, NULL, cancellable, error))
        {
          zip->failed = TRUE;
          return FALSE;
        }
    }
  else
    {
      while (length > 0)
        {
          gssize n = write (zip->fd, p, MIN (length, (gsize) G_MAXSSIZE));

          if (n < 0)
            {
              if (errno == EINTR)
                continue;
              zip->failed = TRUE;
              return errno_error (zip, errno, error);
            }
          p += n;
          length -= n;
        }
      length = p - (const guint8 *) data;
    }

  zip->offset += length;
  return TRUE;
}

static gboolean
check_name (SolaceZip   *zip,
            const char  *name,
            GError     **error)
{
  g_auto(GStrv) parts = NULL;
  gsize length = strlen (name);

  if (length == 0 || length > G_MAXUINT16 || !g_utf8_validate (name, length, NULL) ||
      name[0] == '/' || strchr (name, '\\') != NULL)
    goto bad;

  parts = g_strsplit (name, "/", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    if (*parts[i] == '\0' || g_str_equal (parts[i], ".") || g_str_equal (parts[i], ".."))
      goto bad;

  if (g_hash_table_contains (zip->names, name))
    goto bad;

  return TRUE;

bad:
  g_set_error_literal (error, SOLACE_ERROR, SOLACE_ERROR_INVALID,
                       _("A file in the archive would have an unsafe or repeated name."));
  return FALSE;
}

static gboolean
begin_entry (SolaceZip     *zip,
             const char    *name,
             guint64        size,
             guint32        crc,
             GCancellable  *cancellable,
             GError       **error)
{
  guint8 header[LOCAL_HEADER_SIZE];
  guint8 central[CENTRAL_HEADER_SIZE];
  gsize name_length = strlen (name);

  g_return_val_if_fail (!zip->finished, FALSE);

  if (zip->failed)
    {
      g_set_error_literal (error, SOLACE_ERROR, SOLACE_ERROR_FAILED,
                           _("The archive could not be written."));
      return FALSE;
    }

  if (!check_name (zip, name, error))
    return FALSE;

  if (zip->n_entries >= SOLACE_ZIP_MAX_ENTRIES)
    {
      g_set_error (error, SOLACE_ERROR, SOLACE_ERROR_INVALID,
                   _("One ZIP archive can hold up to %'d files, and this would be more, "
                     "so nothing was saved."),
                   SOLACE_ZIP_MAX_ENTRIES);
      return FALSE;
    }

  if (!fits (zip, name_length, size, error))
    return FALSE;

  put32 (header + 0, 0x04034b50);
  put16 (header + 4, VERSION_NEEDED);
  put16 (header + 6, FLAG_UTF8);
  put16 (header + 8, 0);
  put16 (header + 10, zip->dos_time);
  put16 (header + 12, zip->dos_date);
  put32 (header + 14, crc);
  put32 (header + 18, (guint32) size);
  put32 (header + 22, (guint32) size);
  put16 (header + 26, (guint16) name_length);
  put16 (header + 28, 0);

  put32 (central + 0, 0x02014b50);
  put16 (central + 4, VERSION_MADE_BY);
  put16 (central + 6, VERSION_NEEDED);
  put16 (central + 8, FLAG_UTF8);
  put16 (central + 10, 0);
  put16 (central + 12, zip->dos_time);
  put16 (central + 14, zip->dos_date);
  put32 (central + 16, crc);
  put32 (central + 20, (guint32) size);
  put32 (central + 24, (guint32) size);
  put16 (central + 28, (guint16) name_length);
  put16 (central + 30, 0);
  put16 (central + 32, 0);
  put16 (central + 34, 0);
  put16 (central + 36, 0);
  /* A regular file that only its owner may read, once unpacked. */
  put32 (central + 38, (guint32) (S_IFREG | 0600) << 16);
  put32 (central + 42, (guint32) zip->offset);

  if (!sink_write (zip, header, sizeof header, cancellable, error) ||
      !sink_write (zip, name, name_length, cancellable, error))
    return FALSE;

  g_byte_array_append (zip->central, central, sizeof central);
  g_byte_array_append (zip->central, (const guint8 *) name, name_length);
  g_hash_table_add (zip->names, g_strdup (name));
  zip->n_entries++;

  return TRUE;
}

static SolaceZip *
zip_new (gint64     mtime,
         GTimeZone *tz)
{
  SolaceZip *zip = g_new0 (SolaceZip, 1);

  init_crc_table ();
  zip->fd = -1;
  zip->central = g_byte_array_new ();
  zip->names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  set_dos_time (zip, mtime, tz);

  return zip;
}

guint32
solace_zip_crc32 (guint32     crc,
                  const void *data,
                  gsize       length)
{
  const guint8 *p = data;

  init_crc_table ();

  crc = ~crc;
  for (gsize i = 0; i < length; i++)
    crc = crc_table[(crc ^ p[i]) & 0xff] ^ (crc >> 8);

  return ~crc;
}

SolaceZip *
solace_zip_new (GOutputStream *stream,
                gint64         mtime,
                GTimeZone     *tz)
{
  SolaceZip *zip;

  g_return_val_if_fail (G_IS_OUTPUT_STREAM (stream), NULL);
  g_return_val_if_fail (tz != NULL, NULL);

  zip = zip_new (mtime, tz);
  zip->stream = g_object_ref (stream);

  return zip;
}

SolaceZip *
solace_zip_new_for_path (const char  *path,
                         gint64       mtime,
                         GTimeZone   *tz,
                         GError     **error)
{
  g_autoptr(SolaceZip) zip = NULL;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (tz != NULL, NULL);

  zip = zip_new (mtime, tz);
  zip->path = g_strdup (path);
  zip->tmp_path = g_strconcat (path, ".XXXXXX", NULL);
  zip->fd = g_mkstemp_full (zip->tmp_path, O_WRONLY | O_CLOEXEC, 0600);
  if (zip->fd < 0)
    {
      int saved_errno = errno;

      g_clear_pointer (&zip->tmp_path, g_free);
      errno_error (zip, saved_errno, error);
      return NULL;
    }

  /* The umask can only take bits away; this puts back exactly 0600. */
  if (fchmod (zip->fd, 0600) != 0)
    {
      errno_error (zip, errno, error);
      return NULL;
    }

  return g_steal_pointer (&zip);
}

gboolean
solace_zip_add_bytes (SolaceZip     *zip,
                      const char    *name,
                      GBytes        *bytes,
                      GCancellable  *cancellable,
                      GError       **error)
{
  gsize size;
  const void *data;

  g_return_val_if_fail (zip != NULL, FALSE);
  g_return_val_if_fail (name != NULL, FALSE);
  g_return_val_if_fail (bytes != NULL, FALSE);

  size = g_bytes_get_size (bytes);
  /* Refused on its size alone, before a byte of it is read. */
  if (!fits (zip, strlen (name), size, error))
    return FALSE;

  data = g_bytes_get_data (bytes, NULL);
  return begin_entry (zip, name, size, solace_zip_crc32 (0, data, size), cancellable, error) &&
         sink_write (zip, data, size, cancellable, error);
}

gboolean
solace_zip_add_file (SolaceZip     *zip,
                     const char    *name,
                     const char    *path,
                     GCancellable  *cancellable,
                     GError       **error)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFileInputStream) in = NULL;
  g_autofree guint8 *buffer = NULL;
  guint32 crc = 0;
  guint32 copied_crc = 0;
  guint64 size = 0;
  guint64 copied = 0;

  g_return_val_if_fail (zip != NULL, FALSE);
  g_return_val_if_fail (name != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  file = g_file_new_for_path (path);
  buffer = g_malloc (COPY_CHUNK);

  /* The header comes first and holds the CRC: one pass to take it,
   * one to copy, which must read the same bytes. */
  in = g_file_read (file, cancellable, error);
  if (in == NULL)
    return FALSE;
  for (;;)
    {
      gssize n = g_input_stream_read (G_INPUT_STREAM (in), buffer, COPY_CHUNK, cancellable, error);

      if (n < 0)
        return FALSE;
      if (n == 0)
        break;
      crc = solace_zip_crc32 (crc, buffer, n);
      size += n;
      if (size > SOLACE_ZIP_MAX_BYTES)
        return too_large (error);
    }
  g_clear_object (&in);

  if (!begin_entry (zip, name, size, crc, cancellable, error))
    return FALSE;

  in = g_file_read (file, cancellable, error);
  if (in == NULL)
    {
      zip->failed = TRUE;
      return FALSE;
    }
  while (copied < size)
    {
      gssize n = g_input_stream_read (G_INPUT_STREAM (in), buffer, MIN (COPY_CHUNK, size - copied),
                                      cancellable, error);

      if (n <= 0)
        break;
      if (!sink_write (zip, buffer, n, cancellable, error))
        return FALSE;
      copied_crc = solace_zip_crc32 (copied_crc, buffer, n);
      copied += n;
    }

  if (copied != size || copied_crc != crc)
    {
      zip->failed = TRUE;
      g_clear_error (error);
      g_set_error_literal (error, SOLACE_ERROR, SOLACE_ERROR_FAILED,
                           _("A file changed while it was being added to the archive."));
      return FALSE;
    }

  return TRUE;
}

gboolean
solace_zip_finish (SolaceZip     *zip,
                   GCancellable  *cancellable,
                   GError       **error)
{
  guint8 end[END_RECORD_SIZE];
  guint64 central_offset;

  g_return_val_if_fail (zip != NULL, FALSE);
  g_return_val_if_fail (!zip->finished, FALSE);

  if (zip->failed)
    {
      g_set_error_literal (error, SOLACE_ERROR, SOLACE_ERROR_FAILED,
                           _("The archive could not be written."));
      return FALSE;
    }

  central_offset = zip->offset;
  if (central_offset + zip->central->len + END_RECORD_SIZE > SOLACE_ZIP_MAX_BYTES)
    return too_large (error);

  put32 (end + 0, 0x06054b50);
  put16 (end + 4, 0);
  put16 (end + 6, 0);
  put16 (end + 8, (guint16) zip->n_entries);
  put16 (end + 10, (guint16) zip->n_entries);
  put32 (end + 12, zip->central->len);
  put32 (end + 16, (guint32) central_offset);
  put16 (end + 20, 0);

  if (!sink_write (zip, zip->central->data, zip->central->len, cancellable, error) ||
      !sink_write (zip, end, sizeof end, cancellable, error))
    return FALSE;

  if (zip->fd >= 0)
    {
      int fd = zip->fd;

      zip->fd = -1;
      if (fsync (fd) != 0)
        {
          int saved_errno = errno;

          close (fd);
          zip->failed = TRUE;
          return errno_error (zip, saved_errno, error);
        }
      if (close (fd) != 0 || g_rename (zip->tmp_path, zip->path) != 0)
        {
          zip->failed = TRUE;
          return errno_error (zip, errno, error);
        }
      g_clear_pointer (&zip->tmp_path, g_free);
    }

  zip->finished = TRUE;
  return TRUE;
}

void
solace_zip_free (SolaceZip *zip)
{
  if (zip == NULL)
    return;

  if (zip->fd >= 0)
    close (zip->fd);
  /* Unfinished: no part of a file is left behind. */
  if (zip->tmp_path != NULL)
    g_unlink (zip->tmp_path);

  g_clear_object (&zip->stream);
  g_free (zip->path);
  g_free (zip->tmp_path);
  g_byte_array_unref (zip->central);
  g_hash_table_unref (zip->names);
  g_free (zip);
}
