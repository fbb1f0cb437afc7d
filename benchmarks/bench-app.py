#!/usr/bin/python3
# bench-app.py — runs the Solace window benchmarks and prints the summary
#
#   bench-app.py app ...      run the app with SOLACE_BENCH=startup/scroll
#                             (under an X server: see run.sh)
#   bench-app.py summary ...  turn the app and search results into a table
#
# Used by benchmarks/run.sh; see benchmarks/README.md.  Everything printed
# is a number or a label: the app and the tools never print entry text.
#
# SPDX-License-Identifier: GPL-3.0-or-later

import argparse
import os
import signal
import statistics
import subprocess
import sys

FRAME_MS = 1000.0 / 60.0
# The app counts a frame as over budget past 1/60 s + 2 ms of slack.
SLOW_FRAME_MS = FRAME_MS + 2.0


def parse_pairs(text):
    """Lines of "name value…" into a dict of lists of strings."""
    values = {}
    for line in text.splitlines():
        parts = line.split()
        if len(parts) >= 2:
            values.setdefault(parts[0], []).append(parts[1:])
    return values


def run_once(args, mode, data_home, config_home, timeout, binary=None, a11y=False):
    env = dict(os.environ)
    # Accessibility on: GTK talks to the accessibility bus that the
    # private session bus starts on demand, as on a desktop.
    env.pop("NO_AT_BRIDGE", None)
    env.pop("GTK_A11Y", None)
    if not a11y:
        env["NO_AT_BRIDGE"] = "1"
    env.update({
        "GDK_BACKEND": "x11",
        "GSETTINGS_SCHEMA_DIR": args.schema_dir,
        "XDG_DATA_HOME": data_home,
        "SOLACE_BENCH": mode,
        # No GPU here: GTK's GL renderer would run on llvmpipe and the
        # numbers would measure Mesa's software rasteriser, not Solace.
        "GSK_RENDERER": "cairo",
    })
    if config_home is None:
        env["GSETTINGS_BACKEND"] = "memory"
    else:
        # Settings read from a key file, to open on a chosen page.
        env["GSETTINGS_BACKEND"] = "keyfile"
        env["XDG_CONFIG_HOME"] = config_home
    if args.data_dirs:
        env["XDG_DATA_DIRS"] = args.data_dirs

    # The launcher prints CLOCK_MONOTONIC and execs the app in the same
    # process: "start" is the moment of exec.
    proc = subprocess.Popen([args.launcher, binary or args.solace],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            env=env, start_new_session=True)
    try:
        out, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        out, err = proc.communicate()
        return None, f"timed out after {timeout} s"

    values = parse_pairs(out.decode("utf-8", "replace"))
    stderr_lines = [l for l in err.decode("utf-8", "replace").splitlines() if l.strip()]
    if proc.returncode != 0:
        return None, f"exit status {proc.returncode}; stderr: {' | '.join(stderr_lines[:5])}"

    def first(name, conv=float):
        if name not in values:
            return None
        return conv(values[name][0][0])

    result = {
        "start": first("start-monotonic-us"),
        "first-frame": first("first-frame-monotonic-us"),
        "loaded": first("loaded-monotonic-us"),
        "rss-kib": first("rss-kib"),
        "peak-rss-kib": first("peak-rss-kib"),
        "scroll-wheel-frames": first("scroll-wheel-frames"),
        "scroll-wheel-median-frame-ms": first("scroll-wheel-median-frame-ms"),
        "scroll-wheel-worst-frame-ms": first("scroll-wheel-worst-frame-ms"),
        "scroll-wheel-frames-over-budget": first("scroll-wheel-frames-over-budget"),
        "scroll-drag-frames": first("scroll-drag-frames"),
        "scroll-drag-median-frame-ms": first("scroll-drag-median-frame-ms"),
        "scroll-drag-worst-frame-ms": first("scroll-drag-worst-frame-ms"),
        "scroll-drag-frames-over-budget": first("scroll-drag-frames-over-budget"),
        "stderr-lines": len(stderr_lines),
        "stderr-criticals": sum(1 for l in stderr_lines if "CRITICAL" in l or "WARNING" in l),
    }
    return result, None


def write_keyfile(config_home, page):
    path = os.path.join(config_home, "glib-2.0", "settings")
    os.makedirs(path, exist_ok=True)
    with open(os.path.join(path, "keyfile"), "w") as f:
        f.write("[io/github/solace_app/Solace]\n")
        f.write(f"last-page='{page}'\n")


def fmt_list(values):
    return " ".join(f"{v:.1f}" for v in values)


def cmd_app(args):
    out_lines = []

    def emit(line):
        out_lines.append(line)

    journal_config = os.path.join(args.work_dir, "config-journal")
    write_keyfile(journal_config, "journal")

    # Label, binary (None: Solace), database folder, config folder (None:
    # default settings), accessibility.  The floor is a bare libadwaita
    # window with a view switcher; each case runs with accessibility off
    # and on.
    scenarios = []
    for a11y, suffix in ((False, ""), (True, "-a11y")):
        scenarios += [
            ("floor" + suffix, args.floor, args.empty, None, a11y),
            ("empty" + suffix, None, args.empty, None, a11y),
            ("full" + suffix, None, args.full, None, a11y),
        ]
    if args.journal_page:
        scenarios += [
            ("journal-empty", None, args.empty, journal_config, False),
            ("journal-full", None, args.full, journal_config, False),
        ]

    samples = {s[0]: [] for s in scenarios}
    failures = 0

    # One round to warm the caches (fonts, icons, the page cache), then
    # the measured rounds, alternating so drift hits every case alike.
    for round_no in range(args.runs + 1):
        for label, binary, data_home, config_home, a11y in scenarios:
            result, error = run_once(args, "startup", data_home, config_home, args.timeout,
                                     binary=binary, a11y=a11y)
            if error is not None:
                print(f"startup {label} run {round_no}: {error}", file=sys.stderr)
                failures += 1
                continue
            if None in (result["start"], result["first-frame"], result["loaded"]):
                print(f"startup {label} run {round_no}: the app did not print its timings", file=sys.stderr)
                failures += 1
                continue
            if round_no > 0:
                samples[label].append(result)
            print(f"  startup {label:13} {'(warm-up)' if round_no == 0 else f'run {round_no}':9}"
                  f" first frame {(result['first-frame'] - result['start']) / 1000:7.1f} ms"
                  f"  loaded {(result['loaded'] - result['start']) / 1000:7.1f} ms"
                  f"  rss {result['rss-kib'] / 1024:6.1f} MiB"
                  f"  peak {result['peak-rss-kib'] / 1024:6.1f} MiB", file=sys.stderr)

    for label, *_ in scenarios:
        runs = samples[label]
        if not runs:
            emit(f"startup-{label}-runs 0")
            continue
        startup = [(r["first-frame"] - r["start"]) / 1000 for r in runs]
        loaded = [(r["loaded"] - r["start"]) / 1000 for r in runs]
        rss = [r["rss-kib"] for r in runs]
        peak = [r["peak-rss-kib"] for r in runs]
        emit(f"startup-{label}-runs {len(runs)}")
        emit(f"startup-{label}-ms {statistics.median(startup):.1f}")
        emit(f"startup-{label}-all-ms {fmt_list(startup)}")
        emit(f"loaded-{label}-ms {statistics.median(loaded):.1f}")
        emit(f"loaded-{label}-all-ms {fmt_list(loaded)}")
        emit(f"rss-{label}-kib {statistics.median(rss):.0f}")
        emit(f"rss-{label}-all-kib {' '.join(str(int(v)) for v in rss)}")
        emit(f"peak-rss-{label}-kib {max(peak):.0f}")
        emit(f"stderr-{label}-lines {max(r['stderr-lines'] for r in runs)}")

    scroll = []
    for i in range(args.scroll_runs):
        result, error = run_once(args, "scroll", args.full, None, args.scroll_timeout)
        if error is not None:
            print(f"scroll run {i + 1}: {error}", file=sys.stderr)
            failures += 1
            continue
        if result["scroll-drag-worst-frame-ms"] is None:
            print(f"scroll run {i + 1}: the app did not print its scroll results", file=sys.stderr)
            failures += 1
            continue
        scroll.append(result)
        print(f"  scroll full run {i + 1}:"
              f" wheel {result['scroll-wheel-frames']:.0f} frames, median {result['scroll-wheel-median-frame-ms']:.1f} ms,"
              f" worst {result['scroll-wheel-worst-frame-ms']:.1f} ms, {result['scroll-wheel-frames-over-budget']:.0f} late;"
              f" drag {result['scroll-drag-frames']:.0f} frames, median {result['scroll-drag-median-frame-ms']:.1f} ms,"
              f" worst {result['scroll-drag-worst-frame-ms']:.1f} ms, {result['scroll-drag-frames-over-budget']:.0f} late;"
              f" rss {result['rss-kib'] / 1024:.1f} MiB", file=sys.stderr)

    # The same on the empty journal: the Journal page shown, nothing to
    # scroll.  Its memory is the baseline for memory after scrolling.
    empty_scroll, error = run_once(args, "scroll", args.empty, None, args.timeout)
    if error is not None or empty_scroll["rss-kib"] is None:
        print(f"scroll empty: {error or 'no results printed'}", file=sys.stderr)
        failures += 1
    else:
        emit(f"scroll-empty-rss-kib {empty_scroll['rss-kib']:.0f}")
        print(f"  scroll empty: rss {empty_scroll['rss-kib'] / 1024:.1f} MiB", file=sys.stderr)

    emit(f"scroll-runs {len(scroll)}")
    if scroll:
        for kind in ("wheel", "drag"):
            worst = [r[f"scroll-{kind}-worst-frame-ms"] for r in scroll]
            emit(f"scroll-{kind}-worst-frame-ms {max(worst):.1f}")
            emit(f"scroll-{kind}-worst-frame-all-ms {fmt_list(worst)}")
            medians = [r[f"scroll-{kind}-median-frame-ms"] for r in scroll]
            emit(f"scroll-{kind}-median-frame-ms {statistics.median(medians):.1f}")
            emit(f"scroll-{kind}-frames {statistics.median([r[f'scroll-{kind}-frames'] for r in scroll]):.0f}")
            late = [int(r[f"scroll-{kind}-frames-over-budget"]) for r in scroll]
            emit(f"scroll-{kind}-frames-over-budget {max(late)}")
            emit(f"scroll-{kind}-frames-over-budget-all {' '.join(map(str, late))}")
        emit(f"scroll-rss-kib {max(r['rss-kib'] for r in scroll):.0f}")
    emit(f"failures {failures}")

    # Results in their own file: anything the session bus starts may
    # write to standard output.
    with open(args.output, "w") as f:
        f.write("\n".join(out_lines) + "\n")
    return 0


def load(path):
    with open(path) as f:
        values = parse_pairs(f.read())
    return {k: v[0] for k, v in values.items()}


def cmd_summary(args):
    app = load(args.app)
    search = load(args.search) if os.path.exists(args.search) else {}

    def num(table, key):
        try:
            return float(table[key][0])
        except (KeyError, ValueError, IndexError):
            return None

    rows = []
    verdicts = []

    def verdict(ok):
        if ok is None:
            verdicts.append(None)
            return "n/a"
        verdicts.append(ok)
        return "PASS" if ok else "FAIL"

    def ms(v):
        return "—" if v is None else f"{v:.1f} ms"

    def mib(v):
        return "—" if v is None else f"{v / 1024:.1f} MiB"

    for suffix, label in (("", "accessibility off"), ("-a11y", "accessibility on")):
        fl = num(app, f"startup-floor{suffix}-ms")
        rows.append((f"Floor, first frame ({label})", ms(fl), "", "(the floor)", ""))
        for case in ("empty", "full"):
            v = num(app, f"startup-{case}{suffix}-ms")
            ok = None if v is None or fl is None else v <= 1.15 * fl
            ratio = "" if ok is None else f" ({v / fl:.2f}×)"
            rows.append((f"Solace, first frame, {case} ({label})", "", ms(v) + ratio,
                         "≤ 1.15 × floor", verdict(ok)))
        pf = num(app, f"peak-rss-floor{suffix}-kib")
        for case in ("empty", "full"):
            v = num(app, f"peak-rss-{case}{suffix}-kib")
            ok = None if v is None or pf is None else v - pf <= 25 * 1024
            diff = "" if ok is None else f" (+{(v - pf) / 1024:.1f})"
            rows.append((f"Peak RSS, {case} ({label})", mib(pf), mib(v) + diff,
                         "≤ floor + 25 MiB", verdict(ok)))

    se, sf = num(app, "startup-empty-ms"), num(app, "startup-full-ms")
    ok = None if se is None or sf is None else sf <= 1.15 * se
    ratio = "" if ok is None else f" ({sf / se:.2f}×)"
    rows.append(("Start-up: exec → first frame", ms(se), ms(sf) + ratio,
                 "full ≤ 1.15 × empty", verdict(ok)))

    le, lf = num(app, "loaded-empty-ms"), num(app, "loaded-full-ms")
    rows.append(("Start-up: exec → list loaded", ms(le), ms(lf), "(information)", ""))

    je, jf = num(app, "startup-journal-empty-ms"), num(app, "startup-journal-full-ms")
    if je is not None and jf is not None:
        rows.append(("  …opening on the Journal page", ms(je), ms(jf) + f" ({jf / je:.2f}×)",
                     "(information)", ""))

    re_, rf = num(app, "rss-empty-kib"), num(app, "rss-full-kib")
    ok = None if re_ is None or rf is None else (rf - re_) <= 30 * 1024
    diff = "" if ok is None else f" (+{(rf - re_) / 1024:.1f})"
    rows.append(("Memory (RSS) once loaded", mib(re_), mib(rf) + diff,
                 "full − empty ≤ 30 MiB", verdict(ok)))

    rse, rs = num(app, "scroll-empty-rss-kib"), num(app, "scroll-rss-kib")
    ok = None if rse is None or rs is None else (rs - rse) <= 30 * 1024
    diff = "" if ok is None else f" (+{(rs - rse) / 1024:.1f})"
    rows.append(("Memory (RSS) after scrolling it all", mib(rse), mib(rs) + diff,
                 "full − empty ≤ 30 MiB", verdict(ok)))

    for kind, label in (("wheel", "Scrolling half a screen a frame"),
                        ("drag", "Dragging the scroll bar end to end")):
        sw = num(app, f"scroll-{kind}-worst-frame-ms")
        so = num(app, f"scroll-{kind}-frames-over-budget")
        sn = num(app, f"scroll-{kind}-frames")
        sm = num(app, f"scroll-{kind}-median-frame-ms")
        ok = None if so is None else so == 0
        detail = "" if sw is None else f" worst, {ms(sm)} median; {so:.0f} of {sn:.0f} frames late"
        rows.append((label, "", ms(sw) + detail,
                     f"no frame over {SLOW_FRAME_MS:.1f} ms", verdict(ok)))

    fm, fw = num(search, "first-page-median-ms"), num(search, "first-page-worst-ms")
    ok = None if fm is None else fm < 10
    rows.append(("Search: first page, median", "", ms(fm), "< 10 ms", verdict(ok)))
    ok = None if fw is None else fw < 10
    rows.append(("Search: first page, worst", "", ms(fw), "< 10 ms", verdict(ok)))
    rows.append(("Search: first page, p95", "", ms(num(search, "first-page-p95-ms")), "(information)", ""))
    rows.append(("  …query alone, median / worst", "",
                 f"{ms(num(search, 'first-page-query-median-ms'))} / {ms(num(search, 'first-page-query-worst-ms'))}",
                 "(information)", ""))
    rows.append(("  …fetching 20 rows, median / worst", "",
                 f"{ms(num(search, 'first-page-fetch-median-ms'))} / {ms(num(search, 'first-page-fetch-worst-ms'))}",
                 "(information)", ""))
    rows.append(("Search: full result list, median", "", ms(num(search, "full-list-median-ms")), "(information)", ""))
    rows.append(("Search: full result list, worst", "", ms(num(search, "full-list-worst-ms")), "(information)", ""))

    runs = app.get("startup-empty-runs", ["?"])[0]
    print()
    print(f"Solace benchmarks: {args.entries} entries against an empty journal"
          f" (start-up: median of {runs} runs each)")
    print()
    headers = ("Measure", "Baseline", "Measured", "Target", "Result")
    widths = [max(len(str(r[i])) for r in rows + [headers]) for i in range(5)]
    line = "  ".join(h.ljust(widths[i]) for i, h in enumerate(headers))
    print(line)
    print("-" * len(line))
    for r in rows:
        print("  ".join(str(c).ljust(widths[i]) for i, c in enumerate(r)).rstrip())
    print()

    if "worst-first-page-query" in search:
        w = search["worst-first-page-query"]
        print(f"Slowest search: query #{w[0]} ({' '.join(w[1:])}); see search.txt for every query.")
    failures = num(app, "failures")
    if failures:
        print(f"{failures:.0f} app run(s) failed or timed out; see the log above.")

    passed = sum(1 for v in verdicts if v)
    failed = sum(1 for v in verdicts if v is False)
    missing = sum(1 for v in verdicts if v is None)
    print(f"{passed} passed, {failed} failed" + (f", {missing} not measured" if missing else ""))
    return 0 if failed == 0 and missing == 0 else 1


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)

    app = sub.add_parser("app", help="run the app benchmarks")
    app.add_argument("--solace", required=True)
    app.add_argument("--floor", required=True, help="the bare libadwaita window")
    app.add_argument("--launcher", required=True)
    app.add_argument("--schema-dir", required=True)
    app.add_argument("--data-dirs", default=None)
    app.add_argument("--empty", required=True, help="XDG_DATA_HOME with the empty journal")
    app.add_argument("--full", required=True, help="XDG_DATA_HOME with the full journal")
    app.add_argument("--work-dir", required=True)
    app.add_argument("--output", required=True, help="file for the results")
    app.add_argument("--runs", type=int, default=7)
    app.add_argument("--scroll-runs", type=int, default=3)
    app.add_argument("--timeout", type=float, default=60)
    app.add_argument("--scroll-timeout", type=float, default=300)
    app.add_argument("--no-journal-page", dest="journal_page", action="store_false",
                     help="skip the extra start-up runs that open on the Journal page")

    summary = sub.add_parser("summary", help="print the summary table")
    summary.add_argument("--app", required=True)
    summary.add_argument("--search", required=True)
    summary.add_argument("--entries", required=True)

    args = parser.parse_args()
    if args.command == "app":
        return cmd_app(args)
    return cmd_summary(args)


if __name__ == "__main__":
    sys.exit(main())
