#!/usr/bin/python3
'''solace --lock-setup, --lock-remove, and the data commands on locked data

The real `solace` program, with XDG_DATA_HOME, XDG_CONFIG_HOME,
XDG_CACHE_HOME and TMPDIR in a temporary folder and every GLib debug
message on.  A database is filled with a canary word in every text field
(test-export-cli.py's seed), locked from standard input, and then:
nothing under those folders holds the canary or the passphrase; an
export needs the passphrase and --yes and matches the plain export; a
wrong passphrase or recovery key writes nothing; the recovery key opens
it; --upcoming needs nothing; and at a real terminal (a pty) echo is off
while the passphrase is typed and back on after Ctrl+C and Ctrl+Z.
Neither the canary nor the passphrase is ever printed, or in a
program's arguments or environment.

The Argon2 cost is the calibrated one (0.5–1 s a try here): solace-keys
has no cheaper setting for tests, and this tests what people get.

Prints TAP.
'''

# SPDX-License-Identifier: GPL-3.0-or-later

import importlib.util
import json
import os
import pty
import re
import select
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import termios
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from solace_tap import check, report  # noqa: E402

_spec = importlib.util.spec_from_file_location(
    'export_cli', os.path.join(os.path.dirname(os.path.abspath(__file__)), 'test-export-cli.py'))
export_cli = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(export_cli)

BUILD = os.environ['SOLACE_BUILD_ROOT']
SOLACE = os.path.join(BUILD, 'src', 'solace')
CANARY = export_cli.CANARY
PASSPHRASE = 'Quiet harbour lantern 7421'
OTHER = 'Quiet harbour lantern 7422'
RECOVERY_RE = re.compile(r'\b[0-9A-Z]{5}(?:-[0-9A-Z]{5}){12}\b')

printed = []
secrets = [PASSPHRASE, OTHER]


def solace(env, args, stdin=b''):
    '''Runs `solace ARGS…` with @stdin (bytes, or None for /dev/null);
    returns (status, stdout, stderr), all kept for the leak checks.'''
    proc = subprocess.run([SOLACE] + list(args), env=env, capture_output=True, timeout=240,
                          input=stdin, stdin=subprocess.DEVNULL if stdin is None else None)
    out = proc.stdout.decode('utf-8', 'replace')
    err = proc.stderr.decode('utf-8', 'replace')
    printed.append((' '.join(args), out + err))
    return proc.returncode, out, err


def lines(*texts):
    return ''.join(t + '\n' for t in texts).encode()


def files_under(*dirs):
    for top in dirs:
        for root, _, names in os.walk(top):
            for name in names:
                path = os.path.join(root, name)
                if os.path.isfile(path) and not os.path.islink(path):
                    yield path


def holding(needle, dirs):
    '''The files under @dirs that hold @needle in UTF-8 or UTF-16.'''
    forms = [needle.encode('utf-8'), needle.encode('utf-16-le'), needle.encode('utf-16-be')]
    found = []
    for path in files_under(*dirs):
        with open(path, 'rb') as f:
            data = f.read()
        if any(form in data for form in forms):
            found.append(os.path.relpath(path, dirs[0]))
    return found


def is_sealed(db_path):
    '''Whether another program can read the file as plain SQLite.'''
    # Closed at once: an open connection would keep the lock's swap out.
    db = sqlite3.connect(f'file:{db_path}?mode=ro', uri=True, timeout=5)
    try:
        db.execute('SELECT count(*) FROM sqlite_master').fetchone()
        return False
    except sqlite3.DatabaseError:
        return True
    finally:
        db.close()


def body(path):
    '''An export without its first line, which holds exported_at.'''
    with open(path, encoding='utf-8') as f:
        return f.read().split('\n', 1)[1]


def reply_to_prompt(env, args, secret):
    '''Starts `solace ARGS…` with a pipe for standard input and, while it
    waits for the line, reads its arguments and environment; then gives
    it @secret.  Returns (status, stdout+stderr, cmdline, environ).'''
    proc = subprocess.Popen([SOLACE] + list(args), env=env, stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    time.sleep(0.5)
    with open(f'/proc/{proc.pid}/cmdline', 'rb') as f:
        cmdline = f.read()
    with open(f'/proc/{proc.pid}/environ', 'rb') as f:
        environ = f.read()
    out, err = proc.communicate(lines(secret), timeout=240)
    text = (out + err).decode('utf-8', 'replace')
    printed.append((' '.join(args), text))
    return proc.returncode, text, cmdline, environ


class Terminal:
    '''`solace ARGS…` with a pty as its standard input, output and error.'''

    def __init__(self, env, args):
        self.master, self.slave = pty.openpty()
        # A process group of its own, in this session: never orphaned,
        # so Ctrl+Z (SIGTSTP) really stops it.
        self.proc = subprocess.Popen([SOLACE] + list(args), env=env, stdin=self.slave,
                                     stdout=self.slave, stderr=self.slave, process_group=0)
        self.output = b''

    def read_until(self, text, timeout=60):
        deadline = time.monotonic() + timeout
        while text.encode() not in self.output and time.monotonic() < deadline:
            ready, _, _ = select.select([self.master], [], [], 0.1)
            if ready:
                try:
                    self.output += os.read(self.master, 4096)
                except OSError:
                    break
        return text.encode() in self.output

    def echo(self):
        return bool(termios.tcgetattr(self.slave)[3] & termios.ECHO)

    def type(self, text):
        os.write(self.master, text.encode())

    def state(self):
        with open(f'/proc/{self.proc.pid}/stat') as f:
            return f.read().rsplit(')', 1)[1].split()[0]

    def finish(self, timeout=120):
        try:
            status = self.proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            status = self.proc.wait()
        self.read_until('\0', timeout=0.2)
        os.close(self.master)
        os.close(self.slave)
        text = self.output.decode('utf-8', 'replace')
        printed.append(('(terminal)', text))
        return status, text


def wait_for(predicate, timeout=5):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.05)
    return predicate()


def terminal_checks(env, export):
    '''At a real terminal: echo off while typing, back on after Ctrl+C and
    Ctrl+Z, three tries, and a y/N for the plain export.'''
    t = Terminal(env, ['--export', export])
    check('terminal: the plain-copy warning comes first', t.read_until('[y/N] '), repr(t.output))
    t.type('y\n')
    check('terminal: then the passphrase prompt', t.read_until('Passphrase for Solace: '), repr(t.output))
    check('terminal: echo is off while the passphrase is typed', wait_for(lambda: not t.echo()))
    t.proc.send_signal(signal.SIGTSTP)
    stopped = wait_for(lambda: t.state() == 'T', timeout=2)
    if stopped:
        check('terminal: stopped with Ctrl+Z, echo is on', t.echo())
        t.proc.send_signal(signal.SIGCONT)
    else:
        check('# SKIP terminal: this process group cannot be stopped (orphaned)', True)
    check('terminal: continued, echo is off again', wait_for(lambda: not t.echo()))
    t.proc.send_signal(signal.SIGINT)
    status, text = t.finish()
    check('terminal: Ctrl+C ends it', status == -signal.SIGINT, f'{status}')
    check('terminal: nothing was written after Ctrl+C', not os.path.exists(export))

    t = Terminal(env, ['--export', export])
    t.read_until('[y/N] ')
    t.type('y\n')
    t.read_until('Passphrase for Solace: ')
    wait_for(lambda: not t.echo())
    t.proc.send_signal(signal.SIGINT)
    t.proc.wait(timeout=30)
    check('terminal: after Ctrl+C the terminal echoes again', t.echo())
    t.finish()

    # A "no" at the y/N: nothing asked, nothing written.
    t = Terminal(env, ['--export', export])
    t.read_until('[y/N] ')
    t.type('n\n')
    status, text = t.finish()
    check('terminal: a no writes nothing', status == 1 and not os.path.exists(export)
          and 'Passphrase' not in text, f'{status} {text!r}')

    # Three wrong passphrases, then it stops; the right one on the third try works.
    t = Terminal(env, ['--export', export, '--yes'])
    for i in range(3):
        t.read_until('Passphrase for Solace: ', timeout=60)
        t.output = t.output.replace(b'Passphrase for Solace: ', b'', 1)
        t.type(f'wrong {i}\n')
    status, text = t.finish()
    check('terminal: three wrong tries, then exit 1', status == 1 and text.count('does not open') == 3,
          f'{status} {text!r}')
    check('terminal: nothing written after three wrong tries', not os.path.exists(export))
    check('terminal: what was typed is not echoed', 'wrong 0' not in text and 'wrong 2' not in text, repr(text))

    t = Terminal(env, ['--export', export, '--yes'])
    t.read_until('Passphrase for Solace: ')
    t.output = b''
    t.type('wrong\n')
    t.read_until('Passphrase for Solace: ')
    t.type(PASSPHRASE + '\n')
    status, text = t.finish()
    check('terminal: a wrong try, then the right one', status == 0 and os.path.exists(export),
          f'{status} {text!r}')
    check('terminal: the passphrase is not echoed', PASSPHRASE not in text, 'echoed')
    os.unlink(export)


def main():
    tmp = tempfile.mkdtemp(prefix='solace-lock-cli-')
    base = dict(os.environ)
    base['G_MESSAGES_DEBUG'] = 'all'
    base.pop('G_DEBUG', None)
    base['ASAN_OPTIONS'] = 'detect_leaks=0:halt_on_error=1:abort_on_error=1'

    def environment(name):
        env = dict(base)
        home = os.path.join(tmp, name)
        env['XDG_DATA_HOME'] = os.path.join(home, 'data')
        env['XDG_CONFIG_HOME'] = os.path.join(home, 'config')
        env['XDG_CACHE_HOME'] = os.path.join(home, 'cache')
        env['TMPDIR'] = os.path.join(home, 'tmp')
        os.makedirs(env['TMPDIR'])
        dirs = [home]
        return env, os.path.join(home, 'data', 'solace', 'solace.db'), dirs

    out_dir = os.path.join(tmp, 'out')
    os.makedirs(out_dir)
    plain = os.path.join(out_dir, 'plain.json')
    sealed = os.path.join(out_dir, 'sealed.json')
    journal = os.path.join(out_dir, 'journal.md')
    empty = os.path.join(out_dir, 'empty.json')
    with open(empty, 'w') as f:
        json.dump(export_cli.EMPTY, f)

    try:
        a, a_db, a_dirs = environment('a')
        status, out, err = solace(a, ['--import', empty])
        check('a new database', status == 0, f'{status} {err!r}')
        export_cli.seed(a_db)
        status, out, err = solace(a, ['--export', plain])
        check('the plain export', status == 0, f'{status} {err!r}')
        status, out, err = solace(a, ['--upcoming'], stdin=None)
        upcoming_before = export_cli.without_debug(out)
        check('--upcoming before the lock lists reminders', status == 0 and upcoming_before != '',
              f'{status} {err!r}')

        # Set-up from standard input: the passphrase never in the arguments or environment.
        status, text, cmdline, environ = reply_to_prompt(a, ['--lock-setup'], PASSPHRASE + '\n' + PASSPHRASE)
        check('lock-setup from standard input', status == 0, f'{status} {text!r}')
        check('lock-setup: the passphrase is in neither its arguments nor its environment',
              PASSPHRASE.encode() not in cmdline and PASSPHRASE.encode() not in environ)
        keys = RECOVERY_RE.findall(text)
        check('lock-setup prints one recovery key', len(keys) == 1, repr(export_cli.without_debug(text)))
        recovery = keys[0] if keys else ''
        secrets.append(recovery)
        check('lock-setup says what losing both means', 'nobody can open' in text, repr(text))
        check('the database is sealed', is_sealed(a_db))
        check('a key file beside it', os.path.exists(a_db + '.keys'))
        found = holding(CANARY, a_dirs)
        check('no file under data, config, cache or TMPDIR holds the canary (UTF-8 or UTF-16)', not found,
              repr(found))
        found = holding(PASSPHRASE, a_dirs)
        check('no file holds the passphrase', not found, repr(found))
        found = holding(recovery.replace('-', ''), a_dirs) + holding(recovery, a_dirs)
        check('no file holds the recovery key', recovery and not found, repr(found))

        status, out, err = solace(a, ['--lock-setup'], lines(OTHER, OTHER))
        check('lock-setup again is refused', status == 1 and 'already locked' in err, f'{status} {err!r}')

        # --upcoming: nothing asked, standard input not even open.
        status, out, err = solace(a, ['--upcoming'], stdin=None)
        check('--upcoming while locked needs no passphrase', status == 0, f'{status} {err!r}')
        check('--upcoming while locked lists the same', export_cli.without_debug(out) == upcoming_before,
              repr(out))

        # Export of locked data: the warning, and --yes.
        status, out, err = solace(a, ['--export', sealed], lines(PASSPHRASE))
        check('export of locked data without --yes is refused',
              status == 1 and 'NOT be encrypted' in err and '--yes' in err, f'{status} {err!r}')
        check('and writes nothing', not os.path.exists(sealed))

        status, out, err = solace(a, ['--export', sealed, '--yes'], lines(OTHER))
        check('a wrong passphrase: exit 1 and a clear message', status == 1 and 'does not open' in err,
              f'{status} {err!r}')
        check('a wrong passphrase writes nothing', not os.path.exists(sealed))

        status, out, err = solace(a, ['--export', sealed, '--yes'], b'')
        check('no passphrase at all (standard input empty): exit 1', status == 1 and 'ended' in err,
              f'{status} {err!r}')
        check('and nothing written', not os.path.exists(sealed))

        status, out, err = solace(a, ['--export', sealed, '--yes'], b'x' * 5000 + b'\n')
        check('an overlong line is refused', status == 1 and 'longer' in err, f'{status} {err!r}')

        status, out, err = solace(a, ['--export', sealed, '--yes'], lines(PASSPHRASE))
        check('export of locked data with the passphrase and --yes', status == 0, f'{status} {err!r}')
        check('it said the file is not encrypted', 'NOT be encrypted' in err, repr(err))
        check('it matches the plain export', os.path.exists(sealed) and body(sealed) == body(plain))
        os.unlink(sealed)

        # The recovery key, typed loosely: lower case, spaces for dashes, no line end.
        loose = recovery.lower().replace('-', ' ').encode()
        status, out, err = solace(a, ['--export', sealed, '--yes', '--recovery-key'], loose)
        check('the recovery key opens it', status == 0 and body(sealed) == body(plain), f'{status} {err!r}')
        os.unlink(sealed)
        typo = recovery[:-1] + ('0' if recovery[-1] != '0' else '1')
        status, out, err = solace(a, ['--export', sealed, '--yes', '--recovery-key'], lines(typo))
        check('a recovery key with a typo: exit 1, and which group', status == 1 and 'Group 13' in err,
              f'{status} {err!r}')
        status, out, err = solace(a, ['--export', sealed, '--yes', '--recovery-key'], lines(PASSPHRASE))
        check('a passphrase given as the recovery key: exit 1', status == 1, f'{status} {err!r}')
        check('a wrong recovery key writes nothing', not os.path.exists(sealed))

        # The journal as Markdown is plain text too.
        status, out, err = solace(a, ['--export-journal', journal], lines(PASSPHRASE))
        check('export-journal of locked data without --yes is refused', status == 1 and not os.path.exists(journal),
              f'{status} {err!r}')
        status, out, err = solace(a, ['--export-journal', journal, '--yes'], lines(PASSPHRASE))
        check('export-journal with --yes', status == 0 and CANARY in open(journal).read(), f'{status} {err!r}')

        # Import into locked data: what is there is backed up first, sealed too.
        status, out, err = solace(a, ['--import', plain, '--merge'], lines(OTHER))
        check('import with a wrong passphrase: exit 1', status == 1 and 'does not open' in err, f'{status} {err!r}')
        status, out, err = solace(a, ['--import', plain, '--merge'], lines(PASSPHRASE))
        check('import into locked data', status == 0 and 'already there' in out, f'{status} {err!r}')
        backups = os.path.join(os.path.dirname(a_db), 'backups')
        kept = [k for k in os.listdir(backups) if k.endswith('.db')] if os.path.isdir(backups) else []
        check('the backup made before the import is sealed', len(kept) == 1
              and is_sealed(os.path.join(backups, kept[0])), repr(kept))
        found = holding(CANARY, a_dirs)
        check('after the import still no file holds the canary', not found, repr(found))

        terminal_checks(a, sealed)

        # Usage errors: status 2, nothing asked.
        for args in (['--lock-setup', '--recovery-key'], ['--lock-setup', '--force'], ['--lock-remove', '--yes'],
                     ['--import', plain, '--yes'], ['--lock-setup', '--lock-remove'],
                     ['--lock-setup', '--export', sealed], ['--lock-setup=now']):
            status, out, err = solace(a, args, lines(PASSPHRASE, PASSPHRASE))
            check(f'usage error: {" ".join(os.path.basename(x) for x in args)}', status == 2 and 'Usage:' in err,
                  f'{status} {err!r}')

        # Removing the lock: the passphrase first.
        status, out, err = solace(a, ['--lock-remove'], lines(OTHER))
        check('lock-remove with a wrong passphrase: exit 1, still locked', status == 1 and is_sealed(a_db),
              f'{status} {err!r}')
        status, out, err = solace(a, ['--lock-remove'], lines(PASSPHRASE))
        check('lock-remove', status == 0 and not is_sealed(a_db), f'{status} {err!r}')
        check('lock-remove takes the key file away', not os.path.exists(a_db + '.keys'))
        status, out, err = solace(a, ['--export', sealed], None)
        check('unlocked, export needs neither passphrase nor --yes', status == 0 and body(sealed) == body(plain),
              f'{status} {err!r}')
        os.unlink(sealed)
        status, out, err = solace(a, ['--lock-remove'], lines(PASSPHRASE))
        check('lock-remove of plain data is refused', status == 1 and 'not locked' in err, f'{status} {err!r}')

        # Passphrases refused at set-up, each leaving the data plain and no key file.
        b, b_db, b_dirs = environment('b')
        status, out, err = solace(b, ['--import', empty])
        for typed, why in (((PASSPHRASE, OTHER), 'not the same'), (('', ''), 'empty'),
                           (('password1', 'password1'), 'common'), (('Ab1', 'Ab1'), 'short'),
                           ((PASSPHRASE,), 'ended')):
            status, out, err = solace(b, ['--lock-setup'], lines(*typed))
            check(f'lock-setup refuses: {why}', status == 1 and why in err and not RECOVERY_RE.search(out),
                  f'{status} {err!r}')
            check(f'lock-setup refused ({why}): still plain, no key file',
                  not is_sealed(b_db) and not os.path.exists(b_db + '.keys'))

        # A key file left by a set-up that never finished: an export
        # (which recovers first) leaves it alone, as a set-up may still
        # be going on in the window; the next set-up replaces it.
        with open(b_db + '.keys', 'wb') as stale:
            stale.write(b'left over by a set-up that stopped')
        status, out, err = solace(b, ['--export', os.path.join(tmp, 'b-plain.json')])
        check('an export leaves a set-up\'s key file alone', status == 0 and os.path.exists(b_db + '.keys'),
              f'{status} {err!r}')

        # A weak one with --yes; plain backups from before are named.
        status, out, err = solace(b, ['--import', plain, '--replace'])
        status, out, err = solace(b, ['--import', plain, '--merge'])
        check('b: a plain backup made before the lock', status == 0, f'{status} {err!r}')
        status, out, err = solace(b, ['--lock-setup', '--yes'], lines('password1', 'password1'))
        check('lock-setup --yes takes a weak passphrase, saying so', status == 0 and 'easy to guess' in err
              and is_sealed(b_db), f'{status} {err!r}')
        check('lock-setup names the plain backup from before', 'not encrypted' in err and 'backups' in err,
              repr(err))
        secrets.append('password1')
        status, out, err = solace(b, ['--export', sealed, '--yes'], lines('password1'))
        check('the weak passphrase opens it', status == 0, f'{status} {err!r}')
        os.unlink(sealed)

        # No data yet: the lock is set up on an empty database.
        c, c_db, c_dirs = environment('c')
        status, out, err = solace(c, ['--lock-setup'], lines(PASSPHRASE, PASSPHRASE))
        check('lock-setup before any data', status == 0 and is_sealed(c_db), f'{status} {err!r}')
        status, out, err = solace(c, ['--export', sealed, '--yes'], lines(PASSPHRASE))
        check('and its export works', status == 0, f'{status} {err!r}')

        for args, text in printed:
            check(f'nothing written is printed: solace {args}', CANARY not in text,
                  'the canary was printed' if CANARY in text else '')
            leaked = [s for s in secrets if s and s in text and not (s == recovery and args == '--lock-setup')]
            check(f'no passphrase or recovery key is printed: solace {args}', not leaked,
                  'a secret was printed' if leaked else '')
        check('the debug output was really collected', any('-DEBUG: ' in text for args, text in printed))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)

    return report()


if __name__ == '__main__':
    sys.exit(main())
