/* solace-database-files.c — a database's files on disk: made 0600,
 * loose modes tightened, checked writable before a writing open
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Only paths here, never a connection: solace-database.c calls these
 * before SQLite opens a file.
 */
#define G_LOG_DOMAIN "solace-database"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include "solace-database.h"
#include "solace-database-private.h"
#include "solace-error.h"

/* Whether this process may write to @path, whose stat is @st.  Write
 * permission the person took away from their own file or folder counts
 * as gone even for root, who could write anyway. */
static gboolean
may_write (const char        *path,
           const struct stat *st,
           int               *errno_out)
{
  if (st->st_uid == geteuid () && (st->st_mode & S_IWUSR) == 0)
    {
      *errno_out = EACCES;
      return FALSE;
    }

  if (faccessat (AT_FDCWD, path, S_ISDIR (st->st_mode) ? W_OK | X_OK : W_OK, AT_EACCESS) != 0)
    {
      *errno_out = errno;
      return FALSE;
    }

  return TRUE;
}

/* Clears the group and other bits of a file or folder this user owns.
 * Only ever takes permission away, and never follows a symbolic link
 * unless @follow (the database itself may be one). */
/* The mode is read and changed through one descriptor, so what is
 * changed is what was looked at, even if the path is renamed or
 * replaced in between (a restore, the reminder service). */
static void
tighten_mode (const char *path,
              gboolean    follow)
{
  struct stat st;
  int fd;

  fd = g_open (path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY | (follow ? 0 : O_NOFOLLOW), 0);
  if (fd < 0)
    return;
  if (fstat (fd, &st) == 0 &&
      (S_ISREG (st.st_mode) || S_ISDIR (st.st_mode)) &&
      st.st_uid == geteuid () && (st.st_mode & 077) != 0)
    {
      if (fchmod (fd, st.st_mode & 0700) != 0)
        g_debug ("Could not tighten a file's mode: %s", g_strerror (errno));
    }
  close (fd);
}

/* Only the folder Solace makes for itself ($XDG_DATA_HOME/solace) is
 * tightened; any other folder a file is opened in (a benchmark's, a
 * test's, /tmp) is left exactly as it is. */
void
solace_database_tighten_files (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *dir_name = g_path_get_basename (dir);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);

  if (g_str_equal (dir_name, "solace"))
    tighten_mode (dir, FALSE);
  tighten_mode (path, TRUE);
  tighten_mode (wal, FALSE);
  tighten_mode (shm, FALSE);
}

/* The -wal and -shm files of a database this process may write.  A
 * read-only session leaves them with the read-only database's mode
 * (0400); once the database is writable again they must be too, or
 * every later save fails.  Only the mode changes: the files, and what a
 * -wal holds, stay, so another process that has them open (the
 * reminder service) is undisturbed.  A file someone else owns cannot
 * be fixed, so the database is read-only until it is. */
static gboolean
fix_companion (const char  *path,
               mode_t       db_mode,
               GError     **error)
{
  struct stat st;
  int saved_errno = 0;

  if (g_lstat (path, &st) != 0 || !S_ISREG (st.st_mode))
    return TRUE;

  if (st.st_uid == geteuid ())
    {
      mode_t mode = db_mode & 0600;
      int fd;

      if ((st.st_mode & 0777) == mode)
        return TRUE;
      /* Changed through a descriptor of the file looked at, never one
       * put in its place since. */
      fd = g_open (path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOFOLLOW | O_NOCTTY, 0);
      if (fd >= 0)
        {
          struct stat now;
          gboolean same = fstat (fd, &now) == 0 && now.st_dev == st.st_dev && now.st_ino == st.st_ino;

          if (same && fchmod (fd, mode) == 0)
            {
              close (fd);
              return TRUE;
            }
          saved_errno = same ? errno : EAGAIN;
          close (fd);
        }
      else
        saved_errno = errno;
    }
  else if (may_write (path, &st, &saved_errno))
    return TRUE;

  g_set_error (error, SOLACE_ERROR, SOLACE_ERROR_READ_ONLY,
               _("Could not open “%s” for writing: %s"),
               path, g_strerror (saved_errno));
  return FALSE;
}

/* Before a writing open.  A fresh file is made 0600 before SQLite
 * touches it; SQLite gives the -wal and -shm files the same mode.  A
 * looser existing file or folder is tightened; one the person made
 * read-only stays read-only, and the open fails with READ_ONLY so that
 * the caller can fall back to reading. */
gboolean
solace_database_prepare_file (const char  *path,
                              GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);
  struct stat st;
  gboolean existed;
  int saved_errno = 0;
  int fd;

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      saved_errno = errno;
      g_set_error (error, SOLACE_ERROR, SOLACE_ERROR_CANT_CREATE,
                   _("Could not create the folder “%s”: %s"),
                   dir, g_strerror (saved_errno));
      return FALSE;
    }

  solace_database_tighten_files (path);

  existed = g_stat (path, &st) == 0;
  if (existed && !may_write (path, &st, &saved_errno))
    {
      g_set_error (error, SOLACE_ERROR, SOLACE_ERROR_READ_ONLY,
                   _("Could not open “%s” for writing: %s"),
                   path, g_strerror (saved_errno));
      return FALSE;
    }

  /* SQLite makes and removes the -wal and -shm files beside the
   * database, so a folder that cannot be written means read-only. */
  if (g_stat (dir, &st) == 0 && !may_write (dir, &st, &saved_errno))
    {
      g_set_error (error, SOLACE_ERROR, SOLACE_ERROR_READ_ONLY,
                   _("Could not write in the folder “%s”: %s"),
                   dir, g_strerror (saved_errno));
      return FALSE;
    }

  fd = g_open (path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      saved_errno = errno;

      if (saved_errno == EACCES || saved_errno == EROFS || saved_errno == EPERM)
        g_set_error (error, SOLACE_ERROR, SOLACE_ERROR_READ_ONLY,
                     _("Could not open “%s” for writing: %s"),
                     path, g_strerror (saved_errno));
      else
        g_set_error (error, SOLACE_ERROR, SOLACE_ERROR_CANT_CREATE,
                     _("Could not create “%s”: %s"),
                     path, g_strerror (saved_errno));
      return FALSE;
    }

  /* A new file is 0600 whatever the umask; an existing one was
   * tightened above. */
  if (!existed)
    fchmod (fd, 0600);
  if (fstat (fd, &st) != 0)
    st.st_mode = 0600;
  close (fd);

  return fix_companion (wal, st.st_mode, error) &&
         fix_companion (shm, st.st_mode, error);
}
