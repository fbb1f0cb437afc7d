#!/usr/bin/python3
'''Nothing the person wrote reaches a terminal or a log, and nothing goes
on the network

A database is filled with a canary word in every text field there is.
Then the real programs run the way a person's day would use them: the
command line, the reminder service firing a boundary's reminder with no
notification server to show it (so it warns), and the window opening
every page and the urge steps, with GLib's debug messages all on.
Everything they print to stdout and stderr is searched for the canary.
A preloaded library notes every socket any of them opens; only local
ones (Unix sockets for D-Bus and the display, netlink for GLib's network
monitor, which only listens to the kernel) may appear.

Prints TAP.
'''

# SPDX-License-Identifier: GPL-3.0-or-later

import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from solace_tap import check, report  # noqa: E402

BUILD = os.environ['SOLACE_BUILD_ROOT']
SERVICE = os.path.join(BUILD, 'src', 'solace-reminders')
SOLACE = os.path.join(BUILD, 'src', 'solace')
NETWATCH = os.path.join(BUILD, 'tests', 'libsolace-netwatch.so')
CANARY = 'Kanarienvogel7f3a'
AF_UNIX, AF_NETLINK = 1, 16


def wait_for(predicate, timeout=15.0):
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if predicate():
            return True
        time.sleep(0.1)
    return predicate()


def gdbus_activate(name, path, action, param=None):
    args = ['gdbus', 'call', '--session', '--dest', name, '--object-path', path,
            '--method', 'org.freedesktop.Application.ActivateAction', action,
            f"[<'{param}'>]" if param is not None else '[]', '{}']
    return subprocess.run(args, capture_output=True, text=True, timeout=20)


def has_owner(name):
    out = subprocess.run(['gdbus', 'call', '--session', '--dest', 'org.freedesktop.DBus',
                          '--object-path', '/org/freedesktop/DBus',
                          '--method', 'org.freedesktop.DBus.NameHasOwner', name],
                         capture_output=True, text=True)
    return 'true' in out.stdout


def seed(db_path, now):
    c = f' {CANARY} '
    day = time.strftime('%Y-%m-%d')
    db = sqlite3.connect(db_path, timeout=10)
    db.executescript('PRAGMA foreign_keys = ON;')
    # The reminders are in reminders.db beside the journal.
    db.execute('ATTACH DATABASE ? AS reminders', (os.path.join(os.path.dirname(db_path), 'reminders.db'),))
    db.execute("INSERT INTO journal_entry (uuid, kind, prompt, body, mood, day, created_at, updated_at)"
               " VALUES ('j1', 'letter', ?, ?, 2, ?, ?, ?)", ('need-now', 'Dear' + c + 'never sent', day, now, now))
    db.execute("INSERT INTO journal_tag (entry_id, name, is_emotion, position) VALUES (1, ?, 0, 0)", (CANARY,))
    db.execute("INSERT INTO boundary (uuid, title, feeling, situation, action, condition, contact_other,"
               " consequence, created_at, updated_at) VALUES ('b1', ?, ?, ?, ?, ?, ?, ?, ?, ?)",
               ('Title' + c, 'hurt' + c, 'you call' + c, 'hang up' + c, 'again' + c, 'other' + c,
                'block' + c, now, now))
    db.execute("UPDATE plan_step SET notes = ? WHERE builtin = 'remove-number'", ('Notes' + c,))
    db.execute("INSERT INTO plan_step (uuid, title, notes, position, created_at) VALUES ('p1', ?, ?, 9, ?)",
               ('Step' + c, 'More' + c, now))
    db.execute("INSERT INTO contact (uuid, kind, name, relationship, phone, email, website, notes,"
               " created_at, updated_at, next_session, session_remind)"
               " VALUES ('c1', 'therapist', ?, ?, '+44 7700 900123', ?, ?, ?, ?, ?, '20301203T150000', 60)",
               ('Dr' + c, 'Rel' + c, CANARY + '@example.org', 'https://example.org/' + CANARY,
                'Notes' + c, now, now))
    db.execute("INSERT INTO urge (uuid, at, day, intensity, cause, outcome) VALUES ('u1', ?, ?, 7, ?, 'passed')",
               (now, day, 'Cause' + c))
    db.execute("INSERT INTO reason (uuid, text, position, created_at) VALUES ('r1', ?, 1, ?)", ('Reason' + c, now))
    db.execute("INSERT INTO check_in (uuid, day, mood, emotions, self_care, signs, note, created_at, updated_at)"
               " VALUES ('k1', ?, 2, 'grief', 1, 0, ?, ?, ?)", (day, 'Note' + c, now, now))
    db.execute("INSERT INTO stretch (uuid, started_on, created_at) VALUES ('s1', ?, ?)", (day, now))
    # The boundary's reminder, due in two seconds.
    due = time.localtime(now + 2)
    db.execute("INSERT INTO reminder (key, kind, enabled, rrule, dtstart, last_due, updated_at)"
               " VALUES ('boundary:b1', 'boundary', 1, 'FREQ=DAILY', ?, ?, ?)",
               (time.strftime('%Y%m%dT%H%M%S', due), now - 1, now))
    db.execute("UPDATE reminder SET enabled = 1 WHERE kind IN ('gratitude', 'check-in')")
    # Whatever the time of day this runs at, quiet hours must not hold it.
    db.execute("INSERT OR REPLACE INTO reminder_setting (name, value) VALUES ('quiet-enabled', 0)")
    db.commit()
    db.close()


def spawn(argv, env, tmp, name):
    '''Starts @argv with stdout and stderr in a file: a child it starts
    (the window starts the reminder service) may keep a pipe open long
    after it has gone.'''
    log = open(os.path.join(tmp, name + '.log'), 'wb')
    proc = subprocess.Popen(argv, env=env, stdout=log, stderr=subprocess.STDOUT)
    proc.log_path = log.name
    log.close()
    return proc


def finish(proc, timeout=20):
    try:
        proc.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
    with open(proc.log_path, 'rb') as f:
        return f.read()


def main():
    tmp = tempfile.mkdtemp(prefix='solace-privacy-')
    env = dict(os.environ)
    env['XDG_DATA_HOME'] = os.path.join(tmp, 'data')
    env['XDG_CONFIG_HOME'] = os.path.join(tmp, 'config')
    env['XDG_CACHE_HOME'] = os.path.join(tmp, 'cache')
    env['G_MESSAGES_DEBUG'] = 'all'
    env['SOLACE_NETWATCH_LOG'] = os.path.join(tmp, 'sockets.log')
    env['LD_PRELOAD'] = NETWATCH
    # Under AddressSanitizer the preloaded library comes first; that is
    # fine for what it does.
    env['ASAN_OPTIONS'] = 'detect_leaks=0:halt_on_error=1:abort_on_error=1:verify_asan_link_order=0'
    env.pop('G_DEBUG', None)
    db_path = os.path.join(tmp, 'data', 'solace', 'solace.db')
    outputs = {}

    try:
        # The service makes its reminders.db, never the journal; the
        # command line makes that, and it is filled with canaries.
        service = spawn([SERVICE], env, tmp, 'service-1')
        ok = wait_for(lambda: has_owner('io.github.solace_app.Solace.Reminders'))
        gdbus_activate('io.github.solace_app.Solace.Reminders', '/io/github/solace_app/Solace/Reminders', 'replan')
        gdbus_activate('io.github.solace_app.Solace.Reminders', '/io/github/solace_app/Solace/Reminders', 'quit')
        outputs['service (first start)'] = finish(service)
        check('the service made reminders.db, and not the journal',
              ok and os.path.exists(os.path.join(os.path.dirname(db_path), 'reminders.db'))
              and not os.path.exists(db_path))
        empty = os.path.join(tmp, 'empty.json')
        with open(empty, 'w') as f:
            json.dump({'format': 'solace-export', 'version': 1, 'exported_at': 0, 'journal': [], 'stretches': [],
                       'reminders': [], 'preferences': [], 'boundaries': [], 'plan_steps': [], 'incidents': [],
                       'contacts': [], 'urges': [], 'reasons': [], 'check_ins': [], 'milestones_seen': []}, f)
        outputs['solace --import'] = finish(spawn([SOLACE, '--import', empty], env, tmp, 'cli'), 30)
        check('the command line made the journal', os.path.exists(db_path))
        now = int(time.time())
        seed(db_path, now)

        # The command line.
        for args in (['--upcoming', '50'], ['--upcoming=3'], ['--help']):
            outputs['solace ' + ' '.join(args)] = finish(spawn([SOLACE] + args, env, tmp, 'cli'), 30)

        # The service fires the boundary's reminder with no server to show
        # it: it warns, and must not say what the reminder says.
        service = spawn([SERVICE], env, tmp, 'service-2')
        wait_for(lambda: has_owner('io.github.solace_app.Solace.Reminders'))
        time.sleep(4)
        gdbus_activate('io.github.solace_app.Solace.Reminders', '/io/github/solace_app/Solace/Reminders', 'quit')
        outputs['service (reminder due)'] = finish(service)
        fired = sqlite3.connect(os.path.join(os.path.dirname(db_path), 'reminders.db')).execute(
            "SELECT count(*) FROM reminder_firing f JOIN reminder r ON r.id = f.reminder_id"
            " WHERE r.key = 'boundary:b1'").fetchone()[0]
        check('the boundary reminder fired', fired == 1, f'{fired} firings')

        # The window: every page, the urge steps, then quit.
        app = spawn([SOLACE], env, tmp, 'window')
        ok = wait_for(lambda: has_owner('io.github.solace_app.Solace'), 30)
        time.sleep(2)
        for page in ('journal', 'boundaries', 'support', 'today'):
            gdbus_activate('io.github.solace_app.Solace', '/io/github/solace_app/Solace', 'show-page', page)
            time.sleep(0.7)
        gdbus_activate('io.github.solace_app.Solace', '/io/github/solace_app/Solace', 'reach-out', '')
        time.sleep(1.5)
        gdbus_activate('io.github.solace_app.Solace', '/io/github/solace_app/Solace', 'quit')
        outputs['window'] = finish(app, 30)
        check('the window opened and quit', ok and app.returncode == 0, f'exit {app.returncode}')
        # The service the window started: its words count too.
        if has_owner('io.github.solace_app.Solace.Reminders'):
            gdbus_activate('io.github.solace_app.Solace.Reminders', '/io/github/solace_app/Solace/Reminders', 'quit')
            wait_for(lambda: not has_owner('io.github.solace_app.Solace.Reminders'))

        backups = os.path.join(tmp, 'data', 'solace', 'backups')
        check('the window made today\'s backup', os.path.isdir(backups) and len(os.listdir(backups)) == 1)

        for name, out in outputs.items():
            text = out.decode('utf-8', 'replace')
            check(f'nothing written is printed: {name}', CANARY not in text,
                  'the canary was printed' if CANARY in text else '')
        check('the debug output was really collected',
              any('solace' in out.decode('utf-8', 'replace') for out in outputs.values()))

        families = {}
        with open(env['SOLACE_NETWATCH_LOG']) as f:
            for line in f:
                call, family, pid = line.split()
                families[int(family)] = families.get(int(family), 0) + 1
        check('sockets were watched', families.get(AF_UNIX, 0) > 0, repr(families))
        check('no network socket was opened', set(families) <= {AF_UNIX, AF_NETLINK}, repr(families))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)

    return report()


if __name__ == '__main__':
    sys.exit(main())
