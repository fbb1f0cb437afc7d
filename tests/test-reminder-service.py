#!/usr/bin/python3
'''The real reminder service, end to end, on a private D-Bus session

A notification server from python-dbusmock's notification_daemon template
records what the service sends; a stand-in for the window records what the
service asks it to open.  Reminders are made due a few seconds ahead by
writing reminders.db as the preferences would, then asking the service to
re-plan over D-Bus, as the window does.  The service reads reminders.db
alone: the journal (solace.db) is made, where a test needs one, by
importing a file with the real `solace --import`.

Prints TAP.
'''

# SPDX-License-Identifier: GPL-3.0-or-later

import os
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
import unittest

import dbus
import dbusmock
import json
import threading

BUILD = os.environ['SOLACE_BUILD_ROOT']
SRCDIR = os.environ['G_TEST_SRCDIR']
SERVICE = os.path.join(BUILD, 'src', 'solace-reminders')
SOLACE = os.path.join(BUILD, 'src', 'solace')

REMINDERS_ID = 'io.github.solace_app.Solace.Reminders'
REMINDERS_PATH = '/io/github/solace_app/Solace/Reminders'
APP_ID = 'io.github.solace_app.Solace'
APP_PATH = '/io/github/solace_app/Solace'
MOCK = 'org.freedesktop.DBus.Mock'

# What the first bytes of a journal sealed by the passphrase lock say
# (see solace-crypt-vfs.h); the service never reads past them.
SEALED_MAGIC = b'Solace crypt v1\0'
CANARY = 'Zaunkoenig'


def wait_for(predicate, timeout=10.0, step=0.05):
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        value = predicate()
        if value:
            return value
        time.sleep(step)
    return predicate()


class ReminderServiceTest(dbusmock.DBusTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.start_session_bus()
        cls.bus = cls.get_dbus(system_bus=False)

    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix='solace-service-')
        self.env = dict(os.environ)
        self.env['XDG_DATA_HOME'] = os.path.join(self.tmp, 'data')
        self.env['XDG_CONFIG_HOME'] = os.path.join(self.tmp, 'config')
        self.env['SOLACE_APP_PROGRAM'] = os.path.join(SRCDIR, 'fake-solace-app.sh')
        # The data layer's leaks are checked by its own tests; a process
        # that is told to quit here leaves GLib's and libnotify's caches.
        self.env['ASAN_OPTIONS'] = 'detect_leaks=0:halt_on_error=1:abort_on_error=1'
        self.db_path = os.path.join(self.tmp, 'data', 'solace', 'solace.db')
        self.rem_path = os.path.join(self.tmp, 'data', 'solace', 'reminders.db')
        self.service = None
        self.stderr_path = os.path.join(self.tmp, 'service.log')
        self.daemon = None
        self.app = None

    def tearDown(self):
        self.stop_service()
        for proc in (self.daemon, self.app):
            if proc is not None:
                proc.terminate()
                proc.wait()
        if self.owner(APP_ID):
            # The stand-in the service started itself.
            pid = self.bus.get_object('org.freedesktop.DBus', '/org/freedesktop/DBus').GetConnectionUnixProcessID(
                APP_ID, dbus_interface='org.freedesktop.DBus')
            os.kill(int(pid), signal.SIGTERM)
            wait_for(lambda: not self.owner(APP_ID))
        shutil.rmtree(self.tmp, ignore_errors=True)

    # helpers

    def owner(self, name):
        return self.bus.name_has_owner(name)

    def start_daemon(self, caps='body body-markup actions icon-static'):
        self.daemon, self.notify = self.spawn_server_template(
            'notification_daemon', {'capabilities': caps}, stdout=subprocess.DEVNULL)
        self.notify.Reset(dbus_interface=MOCK)

    def start_service(self):
        self.service_log = open(self.stderr_path, 'a')
        self.service = subprocess.Popen([SERVICE], env=self.env,
                                        stdout=self.service_log, stderr=self.service_log)
        self.assertTrue(wait_for(lambda: self.owner(REMINDERS_ID)), 'the service took its name')
        # It takes its name before it opens the data, and answers calls
        # only once its start-up (every migration included) is over.
        self.activate_service('replan')
        self.assertTrue(self.schema_ready(), 'the service made its database')
        # Whatever the time of day the suite runs at, quiet hours must not
        # hold what a test makes due (test-scheduler covers quiet hours).
        self.sql("INSERT OR REPLACE INTO reminder_setting (name, value) VALUES ('quiet-enabled', 0)")
        self.activate_service('replan')

    def schema_ready(self):
        if not os.path.exists(self.rem_path):
            return False
        try:
            return self.sql("SELECT count(*) FROM reminder")[0][0] > 0
        except sqlite3.Error:
            return False

    def stop_service(self):
        if self.service is None:
            return
        if self.service.poll() is None and self.owner(REMINDERS_ID):
            self.activate_service('quit')
            try:
                self.service.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.service.kill()
                self.service.wait()
        self.service = None
        self.service_log.close()
        wait_for(lambda: not self.owner(REMINDERS_ID))

    def activate_service(self, action, *parameter):
        obj = self.bus.get_object(REMINDERS_ID, REMINDERS_PATH)
        obj.ActivateAction(action, dbus.Array(parameter, signature='v'), dbus.Dictionary({}, signature='sv'),
                           dbus_interface='org.freedesktop.Application')

    def push_texts(self, texts):
        '''Hands the service what boundaries' and sessions' reminders say, as
        the window does while it is unlocked.'''
        self.activate_service('texts', dbus.Dictionary(
            {key: dbus.Struct(value, signature='ss') for key, value in texts.items()}, signature='s(ss)'))

    def sql(self, statement, *args):
        '''On reminders.db, the service's file.'''
        with sqlite3.connect(self.rem_path, timeout=10) as db:
            return db.execute(statement, args).fetchall()

    def jsql(self, statement, *args):
        '''On the journal.'''
        with sqlite3.connect(self.db_path, timeout=10) as db:
            return db.execute(statement, args).fetchall()

    def make_journal(self, boundaries=(), contacts=(), reminders=()):
        '''Makes the journal with the real `solace --import`, with these records;
        their reminders go to reminders.db, as the window would put them.'''
        now = int(time.time())
        doc = {'format': 'solace-export', 'version': 1, 'exported_at': now,
               'journal': [], 'stretches': [], 'reminders': [], 'preferences': [], 'boundaries': [],
               'plan_steps': [], 'incidents': [], 'contacts': [], 'urges': [], 'reasons': [],
               'check_ins': [], 'milestones_seen': []}
        for b in boundaries:
            doc['boundaries'].append(dict({'created_at': now, 'updated_at': now}, **b))
        for c in contacts:
            doc['contacts'].append(dict({'kind': 'therapist', 'created_at': now, 'updated_at': now}, **c))
        for r in reminders:
            doc['reminders'].append(dict({'enabled': False, 'rrule': 'FREQ=DAILY', 'dtstart': '20260101T090000',
                                          'last_due': now, 'updated_at': now, 'firings': []}, **r))
        path = os.path.join(self.tmp, 'import.json')
        with open(path, 'w') as f:
            json.dump(doc, f)
        result = subprocess.run([SOLACE, '--import', path], env=self.env, capture_output=True, text=True)
        self.assertEqual(result.returncode, 0, result.stderr)
        os.remove(path)

    def seal_journal(self):
        '''Makes the journal look as the passphrase lock leaves it: the service
        only ever looks at its first bytes.'''
        os.makedirs(os.path.dirname(self.db_path), exist_ok=True)
        with open(self.db_path, 'wb') as f:
            f.write(SEALED_MAGIC + os.urandom(4096 * 4 - len(SEALED_MAGIC)))

    def open_files(self):
        '''What the service has open, by path.'''
        fd_dir = f'/proc/{self.service.pid}/fd'
        paths = []
        for fd in os.listdir(fd_dir):
            try:
                paths.append(os.readlink(os.path.join(fd_dir, fd)))
            except OSError:
                pass
        return paths

    def journal_open(self):
        return any(p.startswith(self.db_path) for p in self.open_files())

    def watch_journal(self):
        '''Looks at the service's open files every millisecond, in a thread, until
        the returned function is called; that returns how often the journal
        (or its -wal or -shm) was seen open.'''
        seen = [0]
        stop = threading.Event()

        def look():
            while not stop.is_set():
                try:
                    if self.journal_open():
                        seen[0] += 1
                except OSError:
                    pass
                time.sleep(0.001)

        thread = threading.Thread(target=look)
        thread.start()

        def done():
            stop.set()
            thread.join()
            return seen[0]
        return done

    def make_due(self, key, seconds=2):
        '''Turns @key on, due @seconds from now, as the preferences would.'''
        due = time.time() + seconds
        start = time.strftime('%Y%m%dT%H%M%S', time.localtime(due))
        self.sql('UPDATE reminder SET enabled = 1, rrule = ?, dtstart = ?, last_due = ?'
                 ' WHERE key = ?', 'FREQ=DAILY', start, int(time.time()) - 1, key)
        self.activate_service('replan')
        return int(due)

    def notify_calls(self):
        return [c for c in self.notify.GetCalls(dbus_interface=MOCK) if c[1] == 'Notify']

    def wait_notify(self, count=1, timeout=10):
        return wait_for(lambda: len(self.notify_calls()) >= count and self.notify_calls(), timeout)

    def app_calls(self):
        app = self.bus.get_object(APP_ID, APP_PATH)
        return [(str(c[2][0]), [str(v) for v in c[2][1]])
                for c in app.GetCalls(dbus_interface=MOCK) if c[1] == 'ActivateAction']

    def notify_id(self, index):
        '''The id the server gave the @index-th notification (ids count from 1, and
        a replaced notification keeps its id).'''
        call = self.notify_calls()[index]
        replaces = int(call[2][1])
        return replaces if replaces else index + 1

    def invoke(self, notification_id, action):
        self.notify.EmitSignal('org.freedesktop.Notifications', 'ActionInvoked', 'us',
                               [dbus.UInt32(notification_id), action], dbus_interface=MOCK)

    def log(self):
        with open(self.stderr_path) as f:
            return f.read()

    # tests

    def test_gratitude_notification(self):
        self.start_daemon()
        self.start_service()
        self.make_due('gratitude')

        calls = self.wait_notify()
        self.assertTrue(calls, 'a notification arrived')
        self.assertEqual(len(calls), 1)
        app_name, replaces, icon, summary, body, actions, hints, timeout = calls[0][2]
        self.assertEqual(str(summary), 'A moment for gratitude')
        self.assertIn('three things', str(body))
        self.assertEqual([str(a) for a in actions],
                         ['default', 'Open', 'write', 'Write', 'later', 'Later'])
        self.assertEqual(str(hints['desktop-entry']), APP_ID)
        self.assertEqual(int(hints['urgency']), 1)
        self.assertEqual(str(icon), APP_ID)
        self.assertEqual(str(app_name), 'Solace')

        # Recorded before it was shown; shown once.
        self.assertEqual(self.sql('SELECT count(*) FROM reminder_firing')[0][0], 1)
        time.sleep(1.5)
        self.assertEqual(len(self.notify_calls()), 1)

    def test_later_snoozes_an_hour(self):
        self.start_daemon()
        self.start_service()
        self.make_due('gratitude')
        self.assertTrue(self.wait_notify())

        pressed = int(time.time())
        self.invoke(1, 'later')
        snoozed = wait_for(lambda: self.sql(
            "SELECT snoozed_until FROM reminder WHERE key = 'gratitude'")[0][0])
        self.assertIsNotNone(snoozed)
        self.assertGreaterEqual(snoozed, pressed + 3600)
        self.assertLessEqual(snoozed, pressed + 3600 + 5)
        self.assertEqual(self.sql('SELECT outcome FROM reminder_firing')[0][0], 'snoozed')

        # The next one the service will show is the snoozed one.
        out = subprocess.run([SOLACE, '--upcoming', '1'], env=self.env, check=True,
                             capture_output=True, text=True).stdout
        expected = time.strftime('%Y-%m-%dT%H:%M:%S', time.localtime(snoozed))
        self.assertTrue(out.startswith(expected), out)

    def test_write_opens_a_gratitude_entry(self):
        self.start_daemon()
        # The window is already running.
        self.app, app_obj = self.spawn_server_template(
            os.path.join(SRCDIR, 'dbusmock', 'solace_app.py'), {}, stdout=subprocess.DEVNULL)
        self.start_service()
        self.make_due('gratitude')
        self.assertTrue(self.wait_notify())

        self.invoke(1, 'write')
        self.assertTrue(wait_for(lambda: self.app_calls()))
        self.assertEqual(self.app_calls(), [('new-entry', ['gratitude'])])

    def test_write_starts_the_window(self):
        self.start_daemon()
        self.start_service()
        self.make_due('gratitude')
        self.assertTrue(self.wait_notify())
        self.assertFalse(self.owner(APP_ID))

        # No window: the service starts one, then asks it.
        self.invoke(1, 'write')
        self.assertTrue(wait_for(lambda: self.owner(APP_ID) and self.app_calls(), timeout=20))
        self.assertEqual(self.app_calls(), [('new-entry', ['gratitude'])])

    def test_nudge_actions(self):
        self.start_daemon()
        self.app, _ = self.spawn_server_template(
            os.path.join(SRCDIR, 'dbusmock', 'solace_app.py'), {}, stdout=subprocess.DEVNULL)
        self.start_service()
        due = self.make_due('nudge-breathe')
        calls = self.wait_notify()
        self.assertTrue(calls)
        _, _, _, summary, body, actions, hints, _ = calls[0][2]
        self.assertEqual(str(summary), 'Breathe for a minute')
        self.assertEqual([str(a) for a in actions],
                         ['default', 'Open', 'done', 'Done', 'snooze', 'Snooze'])
        # Nudges are low urgency.
        self.assertEqual(int(hints['urgency']), 0)

        self.invoke(1, 'done')
        self.assertTrue(wait_for(lambda: self.sql('SELECT outcome FROM reminder_firing')[0][0] == 'done'))
        self.assertEqual(self.sql("SELECT snoozed_until FROM reminder WHERE key = 'nudge-breathe'")[0][0], None)
        self.assertEqual(self.sql('SELECT due_at FROM reminder_firing')[0][0], due)

        # The check-in also offers the urge steps, straight away.
        self.make_due('check-in')
        self.assertTrue(self.wait_notify(2))
        actions = [str(a) for a in self.notify_calls()[1][2][5]]
        self.assertEqual(actions, ['default', 'Open', 'done', 'Done', 'snooze', 'Snooze',
                                   'reach-out', 'I Want to Reach Out'])
        self.invoke(2, 'reach-out')
        self.assertTrue(wait_for(lambda: self.app_calls()))
        self.assertEqual(self.app_calls(), [('reach-out', [''])])

        # A click on the body opens Today.
        self.make_due('check-in', seconds=1)
        self.assertTrue(self.wait_notify(3))
        self.invoke(self.notify_id(2), 'default')
        self.assertTrue(wait_for(lambda: len(self.app_calls()) == 2))
        self.assertEqual(self.app_calls()[1], ('show-page', ['today']))

    def test_milestone(self):
        self.start_daemon()
        self.start_service()
        now = int(time.time())
        self.sql("INSERT INTO reminder (key, kind, enabled, rrule, dtstart, last_due, updated_at)"
                 " VALUES ('milestone:30', 'milestone', 0, 'FREQ=DAILY', '20260101T100000', ?, ?)", now, now)
        self.make_due('milestone:30')
        calls = self.wait_notify()
        self.assertTrue(calls)
        _, _, _, summary, body, actions, _, _ = calls[0][2]
        self.assertEqual(str(summary), 'Day 30 of no contact')
        self.assertEqual(str(body), 'A month. Look how far you have come.')
        # Nothing to do or put off.
        self.assertEqual([str(a) for a in actions], ['default', 'Open'])

    def test_boundary_reminder(self):
        uuid = '6f0c3c2e-1111-4222-8333-944455556666'
        self.make_journal(
            boundaries=[{'uuid': uuid, 'title': 'Late nights', 'feeling': 'unsettled',
                         'situation': 'you message me after midnight', 'action': 'not reply',
                         'condition': 'it happens again'}],
            reminders=[{'key': 'boundary:' + uuid, 'kind': 'boundary'}])
        self.start_daemon()
        self.app, _ = self.spawn_server_template(
            os.path.join(SRCDIR, 'dbusmock', 'solace_app.py'), {}, stdout=subprocess.DEVNULL)
        self.start_service()
        # reminders.db has the schedule and nothing the person wrote.
        self.assertEqual(self.sql('SELECT active FROM reminder WHERE key = ?', 'boundary:' + uuid), [(1,)])
        self.make_due('boundary:' + uuid)

        # With no lock on the journal, the words are read from it as the
        # notification is shown, and it is closed again at once.
        calls = self.wait_notify()
        self.assertTrue(calls)
        _, _, _, summary, body, _, _, _ = calls[0][2]
        self.assertEqual(str(summary), 'Late nights')
        self.assertEqual(str(body), 'I feel unsettled when you message me after midnight. '
                                    'I will not reply if it happens again.')
        self.assertFalse(self.journal_open(), self.open_files())

        # A click opens that boundary.
        self.invoke(1, 'default')
        self.assertTrue(wait_for(lambda: self.app_calls()))
        self.assertEqual(self.app_calls(), [('show-boundary', [uuid])])

        # Paused (the window marks its reminder so): nothing more from it.
        self.sql("UPDATE reminder SET active = 0 WHERE key = ?", 'boundary:' + uuid)
        self.make_due('boundary:' + uuid, seconds=1)
        time.sleep(2.5)
        self.assertEqual(len(self.notify_calls()), 1)

    def test_session_reminder(self):
        self.make_journal(
            contacts=[{'uuid': 'c1', 'name': 'Dr Okafor', 'next_session': '20301203T153000',
                       'session_remind': 60}],
            reminders=[{'key': 'session:c1', 'kind': 'session'}])
        self.start_daemon()
        self.app, _ = self.spawn_server_template(
            os.path.join(SRCDIR, 'dbusmock', 'solace_app.py'), {}, stdout=subprocess.DEVNULL)
        self.start_service()

        # The terminal names what it is, never who it is with.
        self.sql("UPDATE reminder SET enabled = 1 WHERE key = 'session:c1'")
        out = subprocess.run([SOLACE, '--upcoming', '20'], env=self.env, check=True,
                             capture_output=True, text=True).stdout
        self.assertIn('\tsession\tA session you booked', out)
        self.assertNotIn('Okafor', out)

        self.make_due('session:c1')
        calls = self.wait_notify()
        self.assertTrue(calls)
        _, _, _, summary, body, _, _, _ = calls[0][2]
        self.assertEqual(str(summary), 'Session with Dr Okafor')
        self.assertEqual(str(body), 'Your next session is on Tuesday 3 December at 15:30.')
        self.assertFalse(self.journal_open(), self.open_files())

        # A click opens Support, where the session is.
        self.invoke(1, 'default')
        self.assertTrue(wait_for(lambda: self.app_calls()))
        self.assertEqual(self.app_calls(), [('show-page', ['support'])])

    def test_discreet_mode(self):
        self.make_journal(
            boundaries=[{'uuid': 'b1', 'title': 'Late calls from Alex', 'feeling': 'scared'}],
            contacts=[{'uuid': 'c1', 'name': 'Dr Okafor', 'next_session': '20301203T153000'}],
            reminders=[{'key': 'boundary:b1', 'kind': 'boundary'}, {'key': 'session:c1', 'kind': 'session'}])
        self.start_daemon()
        self.start_service()
        self.sql("INSERT INTO reminder_setting (name, value) VALUES ('discreet', 1)")
        self.make_due('gratitude')
        calls = self.wait_notify()
        self.assertTrue(calls)
        app_name, replaces, icon, summary, body, actions, hints, timeout = calls[0][2]
        self.assertEqual(str(summary), 'Reminder')
        self.assertEqual(str(body), '')
        labels = [str(a) for a in actions[1::2]]
        self.assertEqual(labels, ['Open', 'Open', 'Later'])
        text = ' '.join([str(summary), str(body)] + labels).lower()
        for word in ('gratitude', 'write', 'three', 'breakup', 'contact'):
            self.assertNotIn(word, text)

        # Every kind: the check-in without its urge button, a milestone
        # without its day, a nudge, a boundary and a session without
        # their words or names.
        now = int(time.time())
        self.sql("INSERT INTO reminder (key, kind, enabled, rrule, dtstart, last_due, updated_at)"
                 " VALUES ('milestone:7', 'milestone', 0, 'FREQ=DAILY', '20260101T100000', ?, ?)", now, now)
        watching = self.watch_journal()
        self.make_due('check-in')
        self.make_due('milestone:7', seconds=3)
        self.make_due('nudge-breathe', seconds=3)
        self.make_due('boundary:b1', seconds=3)
        self.make_due('session:c1', seconds=3)
        calls = self.wait_notify(6)
        # Discreet: the journal is not even opened for the words.
        self.assertEqual(watching(), 0)
        self.assertTrue(calls)
        self.assertEqual(len(calls), 6)
        # Nothing names Solace either: not the app name, the icon or a
        # hint (a desktop entry would bring back both; libnotify fills in
        # the application's ID when none is given, so it is given empty).
        for call in calls:
            app_name, _, icon, _, _, _, hints, _ = call[2]
            self.assertEqual(str(app_name), 'Reminder')
            self.assertEqual(str(icon), '')
            self.assertEqual(str(hints.get('desktop-entry', '')), '')
            self.assertNotIn('image-path', hints)
            self.assertNotIn('image-data', hints)
            for value in [str(k) for k in hints.keys()] + [str(v) for v in hints.values()]:
                self.assertNotIn('solace', value.lower())
        for call in calls[1:]:
            _, _, _, summary, body, actions, _, _ = call[2]
            self.assertEqual(str(summary), 'Reminder')
            self.assertEqual(str(body), '')
            text = ' '.join(str(a) for a in actions[1::2]).lower()
            for word in ('reach', 'check', 'day', 'contact', '7', 'breathe', 'alex', 'okafor', 'session',
                         'boundary', 'scared'):
                self.assertNotIn(word, (text + ' ' + str(summary)).lower())

    def test_locked_journal_is_never_opened(self):
        # The passphrase lock is on and the window is not open: every
        # notification is discreet, and the journal is never opened, not
        # for a moment, while the service starts, plans and shows them.
        self.make_journal(
            boundaries=[{'uuid': 'b1', 'title': 'Late calls from Alex'}],
            reminders=[{'key': 'boundary:b1', 'kind': 'boundary'}])
        self.seal_journal()
        self.start_daemon()
        self.start_service()
        watching = self.watch_journal()
        self.make_due('gratitude')
        self.make_due('boundary:b1', seconds=3)
        calls = self.wait_notify(2)
        self.activate_service('replan')
        time.sleep(0.5)
        self.assertEqual(watching(), 0)
        self.assertFalse(self.journal_open())
        self.assertEqual(len(calls), 2)
        for call in calls:
            app_name, _, icon, summary, body, actions, hints, _ = call[2]
            self.assertEqual((str(app_name), str(summary), str(body), str(icon)), ('Reminder', 'Reminder', '', ''))
            self.assertEqual(str(hints.get('desktop-entry', '')), '')
        self.assertEqual([str(a) for a in calls[0][2][5][1::2]], ['Open', 'Open', 'Later'])
        # Still recorded, in reminders.db.
        self.assertEqual(self.sql('SELECT count(*) FROM reminder_firing')[0][0], 2)

    def test_texts_while_unlocked(self):
        # Locked journal; the window is open and unlocked, and hands over
        # what the reminders say: the title shows.  Locking takes them
        # back: what is on screen becomes discreet, and so is the next.
        self.make_journal(
            boundaries=[{'uuid': 'b1', 'title': 'Old title'}],
            contacts=[{'uuid': 'c1', 'name': 'Dr Okafor'}],
            reminders=[{'key': 'boundary:b1', 'kind': 'boundary'}, {'key': 'session:c1', 'kind': 'session'}])
        self.seal_journal()
        self.start_daemon()
        self.app, _ = self.spawn_server_template(
            os.path.join(SRCDIR, 'dbusmock', 'solace_app.py'), {}, stdout=subprocess.DEVNULL)
        self.start_service()
        watching = self.watch_journal()
        self.push_texts({'boundary:b1': ('Late calls from Alex', 'I will not answer after ten.'),
                         'session:c1': ('Session with Dr Okafor', ''),
                         # Only a boundary's or session's words are taken.
                         'gratitude': ('Someone else\'s words', 'not these')})
        self.make_due('boundary:b1')
        calls = self.wait_notify()
        self.assertTrue(calls)
        app_name, _, _, summary, body, _, _, _ = calls[0][2]
        self.assertEqual((str(app_name), str(summary), str(body)),
                         ('Solace', 'Late calls from Alex', 'I will not answer after ten.'))
        self.make_due('gratitude', seconds=1)
        calls = self.wait_notify(2)
        self.assertEqual(str(calls[1][2][3]), 'A moment for gratitude')

        # Locked: taken back.  The boundary's notification, still up, is
        # shown again in its place without its words.
        self.activate_service('forget-texts')
        calls = self.wait_notify(4)
        self.assertTrue(calls, self.notify_calls())
        concealed = {int(c[2][1]): c[2] for c in calls[2:]}
        self.assertEqual(sorted(concealed), [1, 2])
        for args in concealed.values():
            self.assertEqual((str(args[0]), str(args[3]), str(args[4])), ('Reminder', 'Reminder', ''))

        self.make_due('session:c1', seconds=1)
        calls = self.wait_notify(5)
        self.assertTrue(calls)
        self.assertEqual((str(calls[4][2][3]), str(calls[4][2][4])), ('Reminder', ''))
        self.assertEqual(watching(), 0)

        # Handed over again, then the window goes away: forgotten too.
        self.push_texts({'session:c1': ('Session with Dr Okafor', '')})
        self.make_due('session:c1', seconds=1)
        calls = self.wait_notify(6)
        self.assertTrue(calls)
        self.assertEqual(str(calls[5][2][3]), 'Session with Dr Okafor')
        self.app.terminate()
        self.app.wait()
        self.app = None
        self.assertTrue(wait_for(lambda: not self.owner(APP_ID)))
        # What was up is concealed, and the next one is discreet.
        calls = self.wait_notify(7)
        self.assertTrue(calls)
        self.make_due('session:c1', seconds=1)
        calls = self.wait_notify(8)
        self.assertTrue(calls)
        self.assertEqual([str(c[2][3]) for c in calls[6:]], ['Reminder', 'Reminder'])

    def test_texts_need_the_window(self):
        # Handed over by something that is not the window (its name is not
        # on the bus): not kept.
        self.make_journal(boundaries=[{'uuid': 'b1', 'title': 'Kept secret'}],
                          reminders=[{'key': 'boundary:b1', 'kind': 'boundary'}])
        self.seal_journal()
        self.start_daemon()
        self.start_service()
        self.push_texts({'boundary:b1': ('Spoofed', 'words')})
        time.sleep(0.3)
        self.make_due('boundary:b1')
        calls = self.wait_notify()
        self.assertTrue(calls)
        self.assertEqual(str(calls[0][2][3]), 'Reminder')

        # The wrong type is refused at the door, and the service goes on.
        with self.assertRaises(dbus.exceptions.DBusException):
            self.activate_service('texts', dbus.Dictionary({'boundary:b1': 'Spoofed'}, signature='ss'))
        with self.assertRaises(dbus.exceptions.DBusException):
            self.activate_service('texts')
        self.assertIsNone(self.service.poll())
        self.activate_service('replan')

    def test_reminders_db_holds_no_words(self):
        # A canary in every field a person writes in a boundary, a contact
        # and a session: none of it reaches reminders.db, in any encoding.
        words = {f: f'{CANARY} {f}' for f in ('title', 'feeling', 'situation', 'action', 'condition',
                                               'contact_other', 'consequence')}
        contact = {f: f'{CANARY} {f}' for f in ('name', 'relationship', 'phone', 'email', 'website', 'notes')}
        self.make_journal(
            boundaries=[dict({'uuid': 'b1', 'contact_level': 'other'}, **words)],
            contacts=[dict({'uuid': 'c1', 'next_session': '20301203T153000', 'session_remind': 60}, **contact)],
            reminders=[{'key': 'boundary:b1', 'kind': 'boundary', 'enabled': True},
                       {'key': 'session:c1', 'kind': 'session', 'enabled': True}])
        self.assertIn(CANARY, self.jsql('SELECT title FROM boundary')[0][0])
        self.start_daemon()
        self.start_service()
        self.make_due('boundary:b1')
        self.assertTrue(self.wait_notify())
        self.stop_service()
        folder = os.path.dirname(self.rem_path)
        names = [n for n in os.listdir(folder) if n.startswith('reminders.db')]
        self.assertIn('reminders.db', names)
        for name in names:
            with open(os.path.join(folder, name), 'rb') as f:
                data = f.read()
            for encoding in ('utf-8', 'utf-16-le', 'utf-16-be'):
                self.assertNotIn(CANARY.encode(encoding), data, name)
            # 0600 whatever the umask.
            self.assertEqual(os.stat(os.path.join(folder, name)).st_mode & 0o777, 0o600, name)

    def test_restart_does_not_repeat(self):
        self.start_daemon()
        self.start_service()
        self.make_due('gratitude', seconds=1)
        self.assertTrue(self.wait_notify())
        self.stop_service()

        self.start_service()
        time.sleep(2)
        self.assertEqual(len(self.notify_calls()), 1)
        self.assertEqual(self.sql('SELECT count(*) FROM reminder_firing')[0][0], 1)

    def test_no_notification_server(self):
        # Nothing owns org.freedesktop.Notifications.
        self.start_service()
        self.make_due('gratitude', seconds=1)
        self.assertTrue(wait_for(lambda: 'No notification server' in self.log()))
        self.make_due('check-in', seconds=1)
        time.sleep(2)
        # Said once; still running, still recording.
        self.assertEqual(self.log().count('No notification server'), 1)
        self.assertIsNone(self.service.poll())
        self.assertEqual(self.sql('SELECT count(*) FROM reminder_firing')[0][0], 2)

        # A server turns up: the next reminder is shown.
        self.start_daemon()
        self.make_due('nudge-eat', seconds=1)
        self.assertTrue(self.wait_notify())

    def test_upcoming_command(self):
        self.start_service()
        self.sql("UPDATE reminder SET enabled = 1 WHERE key IN ('gratitude', 'nudge-friend')")
        out = subprocess.run([SOLACE, '--upcoming', '3'], env=self.env, check=True,
                             capture_output=True, text=True).stdout
        lines = out.splitlines()
        self.assertEqual(len(lines), 3)
        pattern = re.compile(r'^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d\t(gratitude|nudge)\t.+$')
        for line in lines:
            self.assertRegex(line, pattern)
        self.assertIn('A moment for gratitude', out)
        times = [line.split('\t')[0] for line in lines]
        self.assertEqual(times, sorted(times))

        self.sql("INSERT INTO reminder_setting (name, value) VALUES ('discreet', 1)")
        out = subprocess.run([SOLACE, '--upcoming=2'], env=self.env, check=True,
                             capture_output=True, text=True).stdout
        self.assertEqual([line.split('\t')[2] for line in out.splitlines()], ['Reminder', 'Reminder'])

        bad = subprocess.run([SOLACE, '--upcoming', '0'], env=self.env, capture_output=True, text=True)
        self.assertEqual(bad.returncode, 2)
        self.assertIn('number from 1', bad.stderr)

    def upcoming(self, n, tz='UTC'):
        env = dict(self.env, TZ=tz, G_DEBUG='fatal-criticals')
        return subprocess.run([SOLACE, '--upcoming', str(n)], env=env, capture_output=True, text=True)

    def test_upcoming_far_times(self):
        # The far end of what an export may hold: no date-time can be
        # made from it east of UTC.
        self.start_service()
        self.stop_service()
        self.sql("UPDATE reminder SET enabled = 1, rrule = 'FREQ=DAILY;UNTIL=20991210T210000',"
                 " dtstart = '20260101T210000', last_due = 253402300799, snoozed_until = 253402300799"
                 " WHERE key = 'gratitude'")
        for tz in ('Pacific/Kiritimati', 'Asia/Tokyo', 'UTC', 'Pacific/Pago_Pago'):
            result = self.upcoming(5, tz)
            self.assertEqual(result.returncode, 0, result.stderr)
            self.assertNotIn('CRITICAL', result.stderr)
            self.assertNotIn('(null)', result.stdout)
            lines = result.stdout.splitlines()
            # Taken as never shown and not snoozed: it keeps to its schedule.
            self.assertEqual(len(lines), 5, result.stdout)
            for line in lines:
                self.assertRegex(line, r'^\d{4}-\d\d-\d\dT21:00:00[+-]\d\d:\d\d\tgratitude\t')
                self.assertLess(line[:4], '2100')

    def test_upcoming_long_quiet_hours(self):
        self.start_service()
        self.stop_service()
        hourly = 'FREQ=DAILY;BYHOUR=' + ','.join(str(h) for h in range(24)) + ';BYMINUTE=0'
        self.sql("UPDATE reminder SET enabled = 1, rrule = ?, dtstart = '20260101T000000'"
                 " WHERE key = 'nudge-breathe'", hourly)
        # Quiet from 12:00 to 10:00: only 10:00 and 11:00 are shown.
        self.sql("INSERT OR REPLACE INTO reminder_setting (name, value) VALUES ('quiet-enabled', 1),"
                 " ('quiet-start', 720), ('quiet-end', 600)")
        result = self.upcoming(40, 'Asia/Tokyo')
        self.assertEqual(result.returncode, 0, result.stderr)
        lines = result.stdout.splitlines()
        self.assertEqual(len(lines), 40)
        for line in lines:
            self.assertRegex(line, r'T1[01]:00:00\+09:00\tnudge\t')

    def test_unreadable_reminder_is_said(self):
        secret = 'FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,SU;WKST=TU;X-CANARY=Zaunkoenig'
        self.start_daemon()
        self.start_service()
        self.sql("UPDATE reminder SET enabled = 1, rrule = ? WHERE key = 'gratitude'", secret)
        self.sql("UPDATE reminder SET enabled = 1 WHERE key = 'check-in'")
        self.activate_service('replan')
        self.assertTrue(wait_for(lambda: 'could not be read' in self.log()), self.log())
        self.assertNotIn('Zaunkoenig', self.log())
        self.assertNotIn('WKST', self.log())

        result = self.upcoming(3)
        self.assertEqual(result.returncode, 0)
        # The readable one is listed; one line says the other is not.
        self.assertEqual(len(result.stdout.splitlines()), 3)
        self.assertIn('check-in', result.stdout)
        self.assertEqual(result.stderr.count('\n'), 1, result.stderr)
        self.assertIn('One reminder could not be read', result.stderr)
        self.assertNotIn('Zaunkoenig', result.stdout + result.stderr)
        self.assertNotIn('WKST', result.stdout + result.stderr)

        self.sql("UPDATE reminder SET enabled = 1, rrule = 'FREQ=YEARLY' WHERE key = 'nudge-move'")
        self.sql("UPDATE reminder SET enabled = 0 WHERE key = 'check-in'")
        result = self.upcoming(3)
        self.assertEqual(result.stdout, '')
        self.assertEqual(result.stderr.strip().splitlines(), [
            '2 reminders could not be read, so they will not come. '
            'Choose new schedules for them in Preferences, under Reminders.'])

    def test_upcoming_without_data(self):
        # Reading never creates the file.
        result = subprocess.run([SOLACE, '--upcoming'], env=self.env, capture_output=True, text=True)
        self.assertEqual(result.returncode, 0)
        self.assertEqual(result.stdout, '')
        self.assertFalse(os.path.exists(self.db_path))
        self.assertFalse(os.path.exists(self.rem_path))

    def test_background_is_the_service(self):
        self.start_daemon()
        proc = subprocess.Popen([SOLACE, '--background'], env=self.env,
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        self.service = proc
        self.service_log = open(self.stderr_path, 'a')
        self.assertTrue(wait_for(lambda: self.owner(REMINDERS_ID)))
        # The same process, now the GTK-free service.
        with open(f'/proc/{proc.pid}/maps') as f:
            maps = f.read()
        self.assertNotIn('libgtk-4', maps)
        self.assertIn('libnotify', maps)


class TapResult(unittest.TestResult):
    def __init__(self):
        super().__init__()
        self.n = 0

    def addSuccess(self, test):
        super().addSuccess(test)
        self.n += 1
        print(f'ok {self.n} - {test.id()}', flush=True)

    def _fail(self, test, err):
        self.n += 1
        print(f'not ok {self.n} - {test.id()}', flush=True)
        for line in self._exc_info_to_string(err, test).splitlines():
            print(f'# {line}', flush=True)

    def addFailure(self, test, err):
        super().addFailure(test, err)
        self._fail(test, err)

    def addError(self, test, err):
        super().addError(test, err)
        self._fail(test, err)

    def addSkip(self, test, reason):
        super().addSkip(test, reason)
        self.n += 1
        print(f'ok {self.n} - {test.id()} # SKIP {reason}', flush=True)


if __name__ == '__main__':
    suite = unittest.defaultTestLoader.loadTestsFromTestCase(ReminderServiceTest)
    print(f'1..{suite.countTestCases()}', flush=True)
    result = TapResult()
    suite.run(result)
    sys.exit(0 if result.wasSuccessful() else 1)
