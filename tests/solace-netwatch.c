/* solace-netwatch.c — notes every socket a process opens, for the tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Loaded with LD_PRELOAD, it writes the address family of every socket()
 * call to the file named by SOLACE_NETWATCH_LOG, one a line, then makes
 * the real call.  A test reads the file afterwards: a network socket
 * (AF_INET, AF_INET6, AF_PACKET…) would show there.  No ptrace and no
 * seccomp needed, so it works in containers that forbid both.
 */
#define _GNU_SOURCE

#include <dlfcn.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <unistd.h>

static void
note (const char *call,
      int         domain)
{
  const char *log = getenv ("SOLACE_NETWATCH_LOG");
  int fd;

  if (log == NULL)
    return;

  fd = open (log, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0)
    return;
  dprintf (fd, "%s %d %d\n", call, domain, (int) getpid ());
  close (fd);
}

int
socket (int domain,
        int type,
        int protocol)
{
  static int (*real) (int, int, int);

  if (real == NULL)
    real = (int (*) (int, int, int)) dlsym (RTLD_NEXT, "socket");

  note ("socket", domain);
  return real (domain, type, protocol);
}

int
socketpair (int domain,
            int type,
            int protocol,
            int sv[2])
{
  static int (*real) (int, int, int, int[2]);

  if (real == NULL)
    real = (int (*) (int, int, int, int[2])) dlsym (RTLD_NEXT, "socketpair");

  note ("socketpair", domain);
  return real (domain, type, protocol, sv);
}
