#!/usr/bin/python3
"""Count individual test cases from a meson build's last `meson test` run.

Usage: count-tests.py BUILDDIR

Reads BUILDDIR/meson-logs/testlog.json (one JSON object per test) and
BUILDDIR/meson-info/intro-tests.json (for each test's protocol).  A TAP test
counts each of its top-level "ok N" lines as passed, "not ok N" as failed,
and "# SKIP"/"# TODO" results as skipped; cases a crashed TAP test never
reached (its plan says more than it reported) count as failed.  Any other
test counts as one case, by its result.

Prints the failed cases, one per line, then a last line "PASSED FAILED SKIPPED".
"""

import json
import re
import sys
from pathlib import Path

TAP_RESULT = re.compile(r"^(not ok|ok)\b(.*)$")
TAP_PLAN = re.compile(r"^1\.\.(\d+)")
TAP_DIRECTIVE = re.compile(r"#\s*(SKIP|TODO)\b", re.IGNORECASE)

GOOD = {"OK", "EXPECTEDFAIL"}
SKIPPED = {"SKIP"}


def protocols(builddir):
    intro = builddir / "meson-info" / "intro-tests.json"
    try:
        tests = json.loads(intro.read_text())
    except (OSError, ValueError):
        return {}
    return {t["name"]: t.get("protocol", "exitcode") for t in tests}


def count_tap(name, result, stdout, failures):
    passed = failed = skipped = 0
    plan = None
    for line in stdout.splitlines():
        m = TAP_PLAN.match(line)
        if m and plan is None:
            plan = int(m.group(1))
            continue
        m = TAP_RESULT.match(line)
        if not m:
            continue
        directive = TAP_DIRECTIVE.search(m.group(2))
        if directive:
            skipped += 1
        elif m.group(1) == "ok":
            passed += 1
        else:
            failed += 1
            failures.append(f"{name}: {line.strip()}")

    seen = passed + failed + skipped
    if result not in GOOD and result not in SKIPPED:
        if plan is not None and plan > seen:
            missing = plan - seen
            failed += missing
            failures.append(f"{name}: {result}, {missing} planned case(s) never reported")
        elif failed == 0:
            failed += 1
            failures.append(f"{name}: {result}")
    elif seen == 0:
        if result in SKIPPED:
            skipped += 1
        else:
            passed += 1
    return passed, failed, skipped


def main():
    if len(sys.argv) != 2:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    builddir = Path(sys.argv[1])
    log = builddir / "meson-logs" / "testlog.json"
    protocol_of = protocols(builddir)
    passed = failed = skipped = 0
    failures = []

    try:
        lines = log.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        lines = []

    for line in lines:
        if not line.strip():
            continue
        try:
            test = json.loads(line)
        except ValueError:
            continue
        name = test.get("name", "?")
        result = test.get("result", "ERROR")
        stdout = test.get("stdout") or ""
        # testlog.json names a test in a suite "project:suite / name".
        protocol = protocol_of.get(name, protocol_of.get(name.rsplit(" / ", 1)[-1]))
        if protocol == "tap":
            p, f, s = count_tap(name, result, stdout, failures)
        elif result in GOOD:
            p, f, s = 1, 0, 0
        elif result in SKIPPED:
            p, f, s = 0, 0, 1
        else:
            p, f, s = 0, 1, 0
            failures.append(f"{name}: {result}")
        passed += p
        failed += f
        skipped += s

    for failure in failures:
        print(f"  FAILED {failure}")
    print(passed, failed, skipped)
    return 0


if __name__ == "__main__":
    sys.exit(main())
