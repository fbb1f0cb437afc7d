/* test-zip.c — the ZIP writer, read back by Python's zipfile and unzip
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <sys/stat.h>

#include "solace-error.h"
#include "solace-test-utils.h"
#include "solace-zip.h"

/* Lists every entry as "name size crc-ok date" and checks the archive
 * with testzip(); no Solace code involved. */
static const char check_script[] =
  "import sys, zipfile, hashlib\n"
  "with zipfile.ZipFile(sys.argv[1]) as z:\n"
  "    assert z.testzip() is None\n"
  "    for i in z.infolist():\n"
  "        data = z.read(i)\n"
  "        assert i.compress_type == zipfile.ZIP_STORED\n"
  "        print(i.filename, len(data), hashlib.sha256(data).hexdigest(),\n"
  "              '%04d-%02d-%02dT%02d:%02d:%02d' % i.date_time, oct(i.external_attr >> 16))\n";

static char *
run (const char *const *argv,
     int               *status)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL,
                               NULL, NULL, &out, NULL, status, &error));
  g_assert_no_error (error);

  return g_steal_pointer (&out);
}

static char *
sha256_hex (const void *data,
            gsize       length)
{
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, data, length);
}

static void
test_crc (void)
{
  g_assert_cmphex (solace_zip_crc32 (0, "123456789", 9), ==, 0xCBF43926);
  g_assert_cmphex (solace_zip_crc32 (0, "", 0), ==, 0);
  /* In pieces, the same. */
  g_assert_cmphex (solace_zip_crc32 (solace_zip_crc32 (0, "1234", 4), "56789", 5), ==, 0xCBF43926);
}

static void
test_path (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("solace-zip-XXXXXX", &error);
  g_autofree char *zip_path = g_build_filename (dir, "out.zip", NULL);
  g_autofree char *in_path = g_build_filename (dir, "in.bin", NULL);
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier ("Europe/Berlin");
  g_autoptr(SolaceZip) zip = NULL;
  g_autoptr(GBytes) text = g_bytes_new_static ("hello\n", 6);
  g_autoptr(GBytes) empty = g_bytes_new_static ("", 0);
  g_autofree guint8 *big = g_malloc (3 * 1024 * 1024 + 17);
  g_autofree char *big_hash = NULL;
  g_autofree char *text_hash = sha256_hex ("hello\n", 6);
  g_autofree char *empty_hash = sha256_hex ("", 0);
  g_autofree char *out = NULL;
  g_autofree char *expected = NULL;
  GStatBuf gst;
  mode_t old_umask;
  int status;

  g_assert_no_error (error);
  for (gsize i = 0; i < 3 * 1024 * 1024 + 17; i++)
    big[i] = (guint8) (i * 7 + (i >> 11));
  big_hash = sha256_hex (big, 3 * 1024 * 1024 + 17);
  g_assert_true (g_file_set_contents (in_path, (const char *) big, 3 * 1024 * 1024 + 17, &error));

  old_umask = umask (0);
  /* 2026-12-03 14:30:07 in Berlin: DOS time has two-second steps. */
  zip = solace_zip_new_for_path (zip_path, 1796304607, tz, &error);
  umask (old_umask);
  g_assert_no_error (error);
  g_assert_nonnull (zip);
  /* Nothing at the final path until it is finished. */
  g_assert_false (g_file_test (zip_path, G_FILE_TEST_EXISTS));

  g_assert_true (solace_zip_add_bytes (zip, "hello.txt", text, NULL, &error));
  g_assert_true (solace_zip_add_bytes (zip, "folder/empty", empty, NULL, &error));
  g_assert_true (solace_zip_add_bytes (zip, "Grüße – 証拠.txt", text, NULL, &error));
  g_assert_true (solace_zip_add_file (zip, "folder/big.bin", in_path, NULL, &error));
  g_assert_no_error (error);

  /* Unsafe or repeated names are refused; the archive goes on. */
  {
    const char *bad[] = { "", "/abs", "../up", "a/../b", "a//b", "a\\b", "./a", "hello.txt", "dir/", "\xff" };

    for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
      {
        g_assert_false (solace_zip_add_bytes (zip, bad[i], text, NULL, &error));
        g_assert_error (error, SOLACE_ERROR, SOLACE_ERROR_INVALID);
        g_clear_error (&error);
      }
  }

  g_assert_true (solace_zip_finish (zip, NULL, &error));
  g_assert_no_error (error);
  g_clear_pointer (&zip, solace_zip_free);

  g_assert_cmpint (g_stat (zip_path, &gst), ==, 0);
  g_assert_cmpint (gst.st_mode & 0777, ==, 0600);
  {
    g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
    guint n = 0;

    while (g_dir_read_name (d) != NULL)
      n++;
    g_assert_cmpuint (n, ==, 2);   /* in.bin and out.zip, no temporary */
  }

  {
    const char *argv[] = { "/usr/bin/python3", "-c", check_script, zip_path, NULL };

    out = run (argv, &status);
    g_assert_true (g_spawn_check_wait_status (status, NULL));
  }
  expected = g_strdup_printf ("hello.txt 6 %s 2026-12-03T14:30:06 0o100600\n"
                              "folder/empty 0 %s 2026-12-03T14:30:06 0o100600\n"
                              "Grüße – 証拠.txt 6 %s 2026-12-03T14:30:06 0o100600\n"
                              "folder/big.bin %d %s 2026-12-03T14:30:06 0o100600\n",
                              text_hash, empty_hash, text_hash, 3 * 1024 * 1024 + 17, big_hash);
  g_assert_cmpstr (out, ==, expected);

  if (g_file_test ("/usr/bin/unzip", G_FILE_TEST_IS_EXECUTABLE))
    {
      const char *argv[] = { "/usr/bin/unzip", "-t", zip_path, NULL };
      g_autofree char *unzip_out = run (argv, &status);

      g_assert_true (g_spawn_check_wait_status (status, NULL));
      g_assert_nonnull (strstr (unzip_out, "No errors detected"));
    }

  solace_test_rm_rf (dir);
}

static void
test_unfinished (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("solace-zip-XXXXXX", &error);
  g_autofree char *zip_path = g_build_filename (dir, "out.zip", NULL);
  g_autofree char *gone = g_build_filename (dir, "gone", "out.zip", NULL);
  g_autoptr(GTimeZone) tz = g_time_zone_new_utc ();
  g_autoptr(GBytes) text = g_bytes_new_static ("hello\n", 6);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  SolaceZip *zip;

  /* Freed before it is finished: nothing is left. */
  zip = solace_zip_new_for_path (zip_path, 0, tz, &error);
  g_assert_no_error (error);
  g_assert_true (solace_zip_add_bytes (zip, "a", text, NULL, &error));
  solace_zip_free (zip);
  {
    g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
    g_assert_null (g_dir_read_name (d));
  }

  /* Cancelled: an error, and nothing is left. */
  zip = solace_zip_new_for_path (zip_path, 0, tz, &error);
  g_cancellable_cancel (cancellable);
  g_assert_false (solace_zip_add_bytes (zip, "a", text, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  g_assert_false (solace_zip_finish (zip, NULL, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  solace_zip_free (zip);
  {
    g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
    g_assert_null (g_dir_read_name (d));
  }

  /* A folder that is not there: a clear error naming the file. */
  zip = solace_zip_new_for_path (gone, 0, tz, &error);
  g_assert_null (zip);
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT);
  g_assert_nonnull (strstr (error->message, "out.zip"));
  g_clear_error (&error);

  solace_test_rm_rf (dir);
}

static void
test_limits (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GOutputStream) stream = g_memory_output_stream_new_resizable ();
  g_autoptr(GTimeZone) tz = g_time_zone_new_utc ();
  g_autoptr(SolaceZip) zip = solace_zip_new (stream, 0, tz);
  g_autoptr(GBytes) empty = g_bytes_new_static ("", 0);
  /* Refused on its size, so these bytes are never read. */
  g_autoptr(GBytes) huge = g_bytes_new_static ("x", (gsize) G_GUINT64_CONSTANT (0x100000000));
  g_autoptr(GBytes) almost = g_bytes_new_static ("x", (gsize) G_GUINT64_CONSTANT (0xFFFFFFF0));
  gsize written;

  if (sizeof (gsize) < 8)
    {
      g_test_skip ("needs a 64-bit gsize");
      return;
    }

  g_assert_false (solace_zip_add_bytes (zip, "huge", huge, NULL, &error));
  g_assert_error (error, SOLACE_ERROR, SOLACE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "4 GiB"));
  g_clear_error (&error);
  /* Under 4 GiB itself, but with its headers and the directory it is not. */
  g_assert_false (solace_zip_add_bytes (zip, "almost", almost, NULL, &error));
  g_assert_error (error, SOLACE_ERROR, SOLACE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpuint (g_memory_output_stream_get_data_size (G_MEMORY_OUTPUT_STREAM (stream)), ==, 0);

  for (guint i = 0; i < SOLACE_ZIP_MAX_ENTRIES; i++)
    {
      char name[16];

      g_snprintf (name, sizeof name, "%u", i);
      g_assert_true (solace_zip_add_bytes (zip, name, empty, NULL, &error));
    }
  written = g_memory_output_stream_get_data_size (G_MEMORY_OUTPUT_STREAM (stream));
  g_assert_false (solace_zip_add_bytes (zip, "one-too-many", empty, NULL, &error));
  g_assert_error (error, SOLACE_ERROR, SOLACE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpuint (g_memory_output_stream_get_data_size (G_MEMORY_OUTPUT_STREAM (stream)), ==, written);

  g_assert_true (solace_zip_finish (zip, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_output_stream_close (stream, NULL, &error));

  /* 65534 entries, one short of the count that means "look for ZIP64",
   * is still a plain ZIP that Python reads. */
  {
    g_autoptr(GBytes) data = g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (stream));
    g_autofree char *dir = g_dir_make_tmp ("solace-zip-XXXXXX", &error);
    g_autofree char *path = g_build_filename (dir, "many.zip", NULL);
    const char *argv[] = { "/usr/bin/python3", "-c",
                           "import sys, zipfile\n"
                           "z = zipfile.ZipFile(sys.argv[1]); assert z.testzip() is None\n"
                           "print(len(z.infolist()))\n",
                           path, NULL };
    g_autofree char *out = NULL;
    int status;

    g_assert_true (g_file_set_contents (path, g_bytes_get_data (data, NULL), g_bytes_get_size (data), &error));
    out = run (argv, &status);
    g_assert_true (g_spawn_check_wait_status (status, NULL));
    g_assert_cmpstr (out, ==, "65534\n");
    solace_test_rm_rf (dir);
  }
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/zip/crc", test_crc);
  g_test_add_func ("/zip/path", test_path);
  g_test_add_func ("/zip/unfinished", test_unfinished);
  g_test_add_func ("/zip/limits", test_limits);

  return g_test_run ();
}
