'''A stand-in for Solace's window on the session bus

It answers org.freedesktop.Application as GApplication does, and records
the calls, so a test can see which action the reminder service asked for.
'''

# SPDX-License-Identifier: GPL-3.0-or-later

BUS_NAME = 'io.github.solace_app.Solace'
MAIN_OBJ = '/io/github/solace_app/Solace'
MAIN_IFACE = 'org.freedesktop.Application'
SYSTEM_BUS = False


def load(mock, parameters):
    mock.AddMethods(MAIN_IFACE, [
        ('Activate', 'a{sv}', '', ''),
        ('Open', 'asa{sv}', '', ''),
        ('ActivateAction', 'sava{sv}', '', ''),
    ])
