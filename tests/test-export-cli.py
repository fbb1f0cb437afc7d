#!/usr/bin/python3
'''solace --export, --import and --export-journal, end to end

The real `solace` program, with XDG_DATA_HOME in a temporary folder and
every GLib debug message on.  A database is filled with a canary word in
every text field there is (and a hash-chained incident record); it goes
out as JSON and Markdown, comes back into an empty database identical,
and the exit statuses, the --merge/--replace rule and the one-line
summaries are checked.  Nothing the programs print may hold the canary.

Prints TAP.
'''

# SPDX-License-Identifier: GPL-3.0-or-later

import hashlib
import json
import os
import re
import shutil
import sqlite3
import stat
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from solace_tap import check, report  # noqa: E402

BUILD = os.environ['SOLACE_BUILD_ROOT']
SOLACE = os.path.join(BUILD, 'src', 'solace')
CANARY = 'Zaunkoenig9c2e'

EMPTY = {'format': 'solace-export', 'version': 1, 'exported_at': 0,
         'journal': [], 'stretches': [], 'reminders': [], 'preferences': [], 'boundaries': [],
         'plan_steps': [], 'incidents': [], 'contacts': [], 'urges': [], 'reasons': [],
         'check_ins': [], 'milestones_seen': []}

printed = []


def solace(env, *args):
    '''Runs `solace ARGS…`; returns (status, stdout, stderr), all kept for
    the canary check.'''
    proc = subprocess.run([SOLACE] + list(args), env=env, capture_output=True, timeout=120)
    out = proc.stdout.decode('utf-8', 'replace')
    err = proc.stderr.decode('utf-8', 'replace')
    printed.append((' '.join(args), out + err))
    return proc.returncode, out, err


def without_debug(text):
    '''The lines a person reads: GLib's debug lines (G_MESSAGES_DEBUG=all)
    are left out of the summaries, but still searched for the canary.'''
    return ''.join(line for line in text.splitlines(True) if '-DEBUG: ' not in line)


def incident_hash(record, prev):
    '''What solace_incident_compute_hash() computes.'''
    h = hashlib.sha256(b'solace-incident-1\n')
    for name, value in (('uuid', record['uuid']), ('happened', str(record['happened_at'])),
                        ('recorded', str(record['recorded_at'])), ('channel', record['channel']),
                        ('what', record['what']), ('response', record['response']),
                        ('boundary', record['boundary_uuid']), ('necessary', '1' if record['necessary'] else '0'),
                        ('corrects', record['corrects_uuid']), ('previous', prev)):
        data = (value or '').encode()
        h.update(f'{name}={len(data)}:'.encode())
        h.update(data)
        h.update(b'\n')
    return h.hexdigest()


def seed(db_path):
    c = f' {CANARY} "q" \\ \n'
    db = sqlite3.connect(db_path, timeout=10)
    db.execute('PRAGMA foreign_keys = ON')
    # The reminders are in reminders.db beside the journal, as the app
    # keeps them.
    db.execute('ATTACH DATABASE ? AS reminders', (os.path.join(os.path.dirname(db_path), 'reminders.db'),))
    db.execute("INSERT INTO journal_entry (uuid, kind, prompt, body, mood, day, created_at, updated_at)"
               " VALUES ('j1', 'letter', NULL, ?, 2, '2026-11-20', 1795650000, 1795650000)", ('Dear' + c,))
    db.execute("INSERT INTO journal_tag (entry_id, name, is_emotion, position) VALUES (1, ?, 0, 0)", (CANARY,))
    db.execute("INSERT INTO journal_tag (entry_id, name, is_emotion, position) VALUES (1, 'grief', 1, 0)")
    db.execute("INSERT INTO stretch (uuid, started_on, created_at) VALUES ('s1', '2026-10-01', 1790812800)")
    db.execute("INSERT INTO boundary (uuid, title, feeling, situation, action, condition, contact_other,"
               " consequence, created_at, updated_at) VALUES ('b1', ?, ?, ?, ?, ?, ?, ?, 1, 1)",
               tuple(part + c for part in ('Title', 'hurt', 'call', 'hang up', 'again', 'other', 'block')))
    db.execute("UPDATE plan_step SET notes = ? WHERE builtin = 'remove-number'", ('Notes' + c,))
    db.execute("INSERT INTO plan_step (uuid, title, notes, position, created_at) VALUES ('p1', ?, ?, 9, 1)",
               ('Step' + c, 'More' + c))
    db.execute("INSERT INTO contact (uuid, kind, name, relationship, phone, email, website, notes,"
               " created_at, updated_at, next_session, session_remind)"
               " VALUES ('c1', 'therapist', ?, ?, ?, ?, ?, ?, 1, 1, '20301203T150000', 60)",
               ('Dr' + c, 'Rel' + c, CANARY, CANARY + '@example.org', 'https://example.org/' + CANARY, 'Notes' + c))
    db.execute("INSERT INTO urge (uuid, at, day, intensity, cause, outcome)"
               " VALUES ('u1', 1795650000, '2026-11-20', 7, ?, 'passed')", ('Cause ' + CANARY,))
    db.execute("INSERT INTO reason (uuid, text, position, created_at) VALUES ('r1', ?, 1, 1)", ('Reason ' + CANARY,))
    db.execute("INSERT INTO check_in (uuid, day, mood, emotions, self_care, signs, note, created_at, updated_at)"
               " VALUES ('k1', '2026-11-20', 2, 'grief', 1, 0, ?, 1, 1)", ('Note' + c,))
    db.execute("INSERT INTO milestone_seen (stretch_uuid, days, seen_at) VALUES ('s1', 1, 1790812800)")
    db.execute("INSERT INTO reminder_setting (name, value) VALUES ('discreet', 0)")
    db.execute("UPDATE reminder SET enabled = 1 WHERE key = 'gratitude'")
    prev = ''
    for i, (what, corrects) in enumerate((('What' + c, None), ('Again' + c, 'i0'))):
        record = {'uuid': f'i{i}', 'happened_at': 1795650000 + i, 'recorded_at': 1795660000 + i,
                  'channel': 'text', 'what': what, 'response': 'Response' + c, 'boundary_uuid': 'b1',
                  'necessary': False, 'corrects_uuid': corrects}
        digest = incident_hash(record, prev)
        db.execute("INSERT INTO incident (uuid, happened_at, recorded_at, channel, what, response, boundary_uuid,"
                   " necessary, corrects_uuid, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?)",
                   (record['uuid'], record['happened_at'], record['recorded_at'], record['channel'], record['what'],
                    record['response'], record['boundary_uuid'], corrects, prev, digest))
        prev = digest
    db.commit()
    db.close()


def file_sum(path):
    with open(path, 'rb') as f:
        return hashlib.sha256(f.read()).hexdigest()


def body(doc):
    '''Everything after the first line, which holds exported_at.'''
    return doc.split('\n', 1)[1]


def read(path):
    with open(path, encoding='utf-8') as f:
        return f.read()


def big_export(path, entries):
    '''An export with @entries journal entries, big enough that an import
    takes a while.'''
    doc = dict(EMPTY)
    doc['journal'] = [{'uuid': f'00000000-0000-4000-8000-{i:012d}', 'kind': 'reflection', 'prompt': None,
                       'body': f'Entry {i}: ' + 'an ordinary day, written down. ' * 20,
                       'mood': 3, 'day': '2026-11-01', 'created_at': 1_790_000_000 + i,
                       'updated_at': 1_790_000_000 + i, 'tags': []}
                      for i in range(entries)]
    with open(path, 'w') as f:
        json.dump(doc, f)


def db_state(db_path):
    '''(integrity, journal entries) as another program reads them.'''
    with sqlite3.connect(db_path, timeout=10) as db:
        integrity = db.execute('PRAGMA integrity_check').fetchone()[0]
        count = db.execute('SELECT count(*) FROM journal_entry').fetchone()[0]
    return integrity, count


def kill_mid_import(tmp, environment):
    '''`solace --import --replace` killed at twelve points along the way:
    every time, the data is whole and either all before or all after.'''
    env, db_path = environment('killed')
    big = os.path.join(tmp, 'big.json')
    big_export(big, 4000)
    status, out, err = solace(env, '--import', big)
    check('a big import into an empty database', status == 0, f'{status} {err!r}')
    pristine = db_path + '.pristine'
    # "Before" is a database with one entry of its own.
    with sqlite3.connect(db_path) as db:
        db.execute('DELETE FROM journal_entry')
        db.execute("INSERT INTO journal_entry (uuid, kind, body, mood, day, created_at, updated_at)"
                   " VALUES ('k1', 'reflection', 'Before', 3, '2026-11-02', 1, 1)")
    shutil.copy(db_path, pristine)

    started = time.monotonic()
    status, out, err = solace(env, '--import', big, '--replace')
    whole = time.monotonic() - started
    check('the big import replaces', status == 0 and db_state(db_path) == ('ok', 4000), f'{status} {err!r}')

    seen = set()
    for i in range(12):
        for suffix in ('', '-wal', '-shm'):
            if os.path.exists(db_path + suffix):
                os.unlink(db_path + suffix)
        shutil.copy(pristine, db_path)
        proc = subprocess.Popen([SOLACE, '--import', big, '--replace'], env=env,
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            proc.wait(timeout=whole * (i + 0.5) / 8)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        integrity, count = db_state(db_path)
        seen.add(count)
        check(f'killed mid-import ({i + 1} of 12): the data is whole and all before or all after',
              integrity == 'ok' and count in (1, 4000), f'{integrity} {count}')
    check('the kills fell both before and after the commit', seen == {1, 4000}, repr(seen))


def full_disk_import(tmp, environment):
    '''An import into a full disk (a 4 MiB tmpfs, where this machine
    allows one) fails with a clear message and changes nothing.'''
    mnt = os.path.join(tmp, 'full')
    os.makedirs(mnt)
    if os.geteuid() != 0 or subprocess.run(['mount', '-t', 'tmpfs', '-o', 'size=4m,mode=0700', 'tmpfs', mnt],
                                           capture_output=True).returncode != 0:
        check('# SKIP an import into a full disk needs root and a machine that allows mounts', True)
        return
    try:
        env, db_path = environment('full')
        env['XDG_DATA_HOME'] = os.path.join(mnt, 'data')
        db_path = os.path.join(mnt, 'data', 'solace', 'solace.db')
        small = os.path.join(tmp, 'one.json')
        doc = dict(EMPTY)
        doc['reasons'] = [{'uuid': 'r-kept', 'text': 'Kept safe', 'position': 0, 'created_at': 1}]
        with open(small, 'w') as f:
            json.dump(doc, f)
        status, out, err = solace(env, '--import', small)
        check('full disk: the first import fits', status == 0, f'{status} {err!r}')
        big = os.path.join(tmp, 'bigger.json')
        big_export(big, 1000)
        # What is left is taken, less a little for the backup.
        subprocess.run(['dd', 'if=/dev/zero', 'of=' + os.path.join(mnt, 'filler'), 'bs=4k'],
                       capture_output=True)
        status, out, err = solace(env, '--import', big, '--merge')
        check('full disk: the import fails and says the disk is full',
              status == 1 and 'space' in without_debug(err).lower(), f'{status} {err!r}')
        # (Read with room again: SQLite itself needs a little to open it.)
        os.unlink(os.path.join(mnt, 'filler'))
        with sqlite3.connect(db_path, timeout=10) as db:
            integrity = db.execute('PRAGMA integrity_check').fetchone()[0]
            reasons = [r[0] for r in db.execute('SELECT text FROM reason')]
            entries = db.execute('SELECT count(*) FROM journal_entry').fetchone()[0]
        check('full disk: nothing was lost or half-imported',
              integrity == 'ok' and reasons == ['Kept safe'] and entries == 0, f'{integrity} {reasons} {entries}')
        status, out, err = solace(env, '--import', big, '--merge')
        check('full disk: with room again the import works', status == 0, f'{status} {err!r}')
    finally:
        subprocess.run(['umount', mnt], capture_output=True)


def main():
    tmp = tempfile.mkdtemp(prefix='solace-export-cli-')
    base = dict(os.environ)
    base['G_MESSAGES_DEBUG'] = 'all'
    base.pop('G_DEBUG', None)
    base['ASAN_OPTIONS'] = 'detect_leaks=0:halt_on_error=1:abort_on_error=1'

    def environment(name):
        env = dict(base)
        env['XDG_DATA_HOME'] = os.path.join(tmp, name, 'data')
        env['XDG_CONFIG_HOME'] = os.path.join(tmp, name, 'config')
        env['XDG_CACHE_HOME'] = os.path.join(tmp, name, 'cache')
        return env, os.path.join(tmp, name, 'data', 'solace', 'solace.db')

    a, a_db = environment('a')
    b, b_db = environment('b')
    export_a = os.path.join(tmp, 'a.json')
    export_b = os.path.join(tmp, 'b.json')
    journal = os.path.join(tmp, 'journal.md')
    empty = os.path.join(tmp, 'empty.json')
    bad = os.path.join(tmp, 'bad.json')

    try:
        # Nothing yet to export: a failure, and no database made.
        status, out, err = solace(a, '--export', export_a)
        check('export without data fails', status == 1 and 'nothing to export' in err, f'{status} {err!r}')
        check('export without data makes no database', not os.path.exists(a_db))

        status, out, err = solace(a, '--import', os.path.join(tmp, 'missing.json'))
        check('importing a missing file fails', status == 1 and 'not a file' in err, f'{status} {err!r}')
        check('and makes no database', not os.path.exists(a_db))

        # Into an empty database an import needs no choice.
        with open(empty, 'w') as f:
            json.dump(EMPTY, f)
        status, out, err = solace(a, '--import', empty)
        check('import into an empty database', status == 0, f'{status} {err!r}')
        check('its summary is one line of counts', without_debug(out) == 'Imported 0 records.\n', repr(out))
        seed(a_db)

        # Export: one line, a private file, everything in it.
        status, out, err = solace(a, '--export', export_a)
        check('export succeeds', status == 0, f'{status} {err!r}')
        check('export summary', re.fullmatch(r'Exported 26 records \(journal entries: 1\)\.\n', without_debug(out)),
              repr(out))
        check('export is mode 0600', stat.S_IMODE(os.stat(export_a).st_mode) == 0o600)
        doc = read(export_a)
        data = json.loads(doc)
        check('export is a Solace document', data['format'] == 'solace-export' and data['version'] == 2)
        check('export holds what was written', CANARY in data['journal'][0]['body'] and len(data['incidents']) == 2)

        status, out, err = solace(a, '--export', export_a)
        check('an existing file is not overwritten', status == 1 and '--force' in err, f'{status} {err!r}')
        check('the existing file is as it was', read(export_a) == doc)
        status, out, err = solace(a, '--export=' + export_a, '--force')
        check('--force overwrites', status == 0, f'{status} {err!r}')

        # The journal as Markdown.
        status, out, err = solace(a, '--export-journal', journal, '--from', '2026-11-20', '--until=2026-11-20')
        check('journal export succeeds', status == 0, f'{status} {err!r}')
        check('journal summary', without_debug(out) == 'Exported 1 journal entry.\n', repr(out))
        markdown = read(journal)
        check('journal holds the entry', CANARY in markdown and markdown.startswith('# Journal\n'))
        check('journal is mode 0600', stat.S_IMODE(os.stat(journal).st_mode) == 0o600)
        status, out, err = solace(a, '--export-journal', journal, '--force', '--from', '2026-11-21')
        check('a range without entries', status == 0 and without_debug(out) == 'Exported 0 journal entries.\n',
              f'{status} {out!r}')

        # Usage errors: status 2, and nothing done.
        for args in (['--import'], ['--export'], ['--import', export_a, '--merge', '--replace'],
                     ['--export-journal', journal, '--from', '2026-13-01'],
                     ['--export-journal', journal, '--until', 'yesterday'],
                     ['--export-journal', journal, '--from', '2026-11-21', '--until', '2026-11-20'],
                     ['--export', export_a, '--merge'], ['--export', export_a, '--from', '2026-01-01'],
                     ['--import', export_a, '--force'], ['--export', export_a, '--bogus'],
                     ['--export', export_a, '--import', export_b], ['--export', export_a, 'stray']):
            status, out, err = solace(a, *args)
            check(f'usage error: {" ".join(os.path.basename(x) for x in args)}',
                  status == 2 and 'Usage:' in err and without_debug(out) == '', f'{status} {err!r}')

        # A second, empty database: the export comes back identical.
        status, out, err = solace(b, '--import', export_a)
        check('import into a new database', status == 0, f'{status} {err!r}')
        check('import summary', without_debug(out) == 'Imported 26 records.\n', repr(out))
        status, out, err = solace(b, '--export', export_b)
        check('export again', status == 0, f'{status} {err!r}')
        check('round trip is lossless', body(read(export_a)) == body(read(export_b)))
        db = sqlite3.connect(b_db)
        check('the database is whole', db.execute('PRAGMA integrity_check').fetchone()[0] == 'ok'
              and db.execute('PRAGMA foreign_key_check').fetchall() == [])
        db.close()

        # Into data: a choice is needed, and nothing changes without one.
        before = file_sum(b_db)
        status, out, err = solace(b, '--import', export_a)
        check('import into data needs a choice', status == 2 and '--merge' in err and '--replace' in err,
              f'{status} {err!r}')
        check('without the choice nothing changed', file_sum(b_db) == before)

        status, out, err = solace(b, '--import', export_a, '--merge')
        check('merge', status == 0, f'{status} {err!r}')
        check('merge summary', without_debug(out) == 'Merged: 0 added, 0 updated, 26 already there.\n', repr(out))

        status, out, err = solace(b, '--import=' + export_a, '--replace')
        check('replace', status == 0, f'{status} {err!r}')
        check('replace summary', without_debug(out) == 'Replaced: 26 records removed, 26 imported.\n', repr(out))
        backups = os.path.join(tmp, 'b', 'data', 'solace', 'backups')
        kept = sorted(os.listdir(backups)) if os.path.isdir(backups) else []
        # One for the merge, one for the replace, each under its own name.
        check('a backup was made before each import', len(kept) == 2 and
              all(re.fullmatch(r'solace-\d{4}-\d\d-\d\d-\d{6}(-\d+)?-before-import\.db', k) for k in kept), repr(kept))

        # A broken file: refused with where, and nothing changed.
        broken = json.loads(read(export_a))
        broken['journal'][0]['mood'] = 9
        with open(bad, 'w') as f:
            json.dump(broken, f)
        before = file_sum(b_db)
        status, out, err = solace(b, '--import', bad, '--replace')
        check('a bad file is refused', status == 1 and '$.journal[0].mood' in err, f'{status} {err!r}')
        check('a refused file changed nothing', file_sum(b_db) == before)
        with open(bad, 'w') as f:
            f.write(read(export_a)[:500])
        status, out, err = solace(b, '--import', bad, '--merge')
        check('a cut-short file is refused', status == 1 and 'ends too early' in err, f'{status} {err!r}')
        status, out, err = solace(b, '--import', os.path.join(tmp, 'missing.json'), '--merge')
        check('a missing file is a failure', status == 1, f'{status} {err!r}')

        status, out, err = solace(a, '--import', export_a, '--help')
        check('--help with a command prints its usage', status == 0 and without_debug(out).startswith('Usage:'),
              f'{status} {out!r}')

        kill_mid_import(tmp, environment)
        full_disk_import(tmp, environment)

        # --help lists the commands.
        status, out, err = solace(a, '--help')
        check('--help lists them', status == 0 and all(o in out for o in ('--export=FILE', '--import=FILE',
                                                                           '--export-journal=FILE', '--merge',
                                                                           '--replace', '--force')), repr(out))

        for args, text in printed:
            check(f'nothing written is printed: solace {args}', CANARY not in text,
                  'the canary was printed' if CANARY in text else '')
        check('the debug output was really collected', any('-DEBUG: ' in text for args, text in printed))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)

    return report()


if __name__ == '__main__':
    sys.exit(main())
