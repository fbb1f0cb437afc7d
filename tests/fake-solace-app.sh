#!/bin/sh
# Started by the reminder service in place of `solace --gapplication-service`
# when the window is not running: it takes the window's bus name and records
# what it is asked to do.
# SPDX-License-Identifier: GPL-3.0-or-later
exec /usr/bin/python3 -m dbusmock --session --template "$(dirname "$0")/dbusmock/solace_app.py"
