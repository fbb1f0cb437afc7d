#!/usr/bin/python3
"""Fail on an include cycle in src/, or on core/ reaching into the GUI.

Usage: check-includes.py SRCDIR [BUILDDIR…]

Reads the `#include "…"` lines of SRCDIR/**/*.[ch] and resolves each name
against SRCDIR, SRCDIR/core, SRCDIR/gui, SRCDIR/service and the BUILDDIRs
(where generated headers live); names it cannot find (config.h, the
resources) are left out.

A module is a .c file and the .h beside it with the same name: what either
includes, the module depends on.  A header named `NAME-private.h` is part of
module NAME: it is what NAME's parts share (solace-application-private.h is
solace-application's, and includes solace-application.h).  A cycle is a module that depends, through
other modules, on itself; `solace-reminders.c` including
`solace-contact-store.h` while `solace-contact-store.c` includes
`solace-reminders.h` is one, even though no header includes itself.

It also fails when a file under SRCDIR/core includes a header from
SRCDIR/gui, the application (solace-application.h, solace-cli.h…, anything
at the top of SRCDIR) or the service, or any of GTK's or libadwaita's
headers: core/ is the data layer, tested without a display.

Prints TAP: first the checker on small made-up trees (that it finds a
cycle and a layer crossed, and nothing where there is none), then one
case for cycles in SRCDIR and one for the layers, each failure listed on
"# " lines.  Exits 1 when any fails, 2 on bad arguments.
"""

import re
import sys
import tempfile
from pathlib import Path

INCLUDE = re.compile(r'^\s*#\s*include\s*([<"])([^">]+)[">]', re.MULTILINE)
# GTK, GDK, libadwaita and their friends: not in core/.
GUI_SYSTEM = re.compile(r"^(gtk|gdk|adwaita|graphene|gsk)[/.]")
# A header with this ending belongs to the module named by the rest.
PRIVATE = "-private"
# Elementary cycles listed at most; the strongly connected groups are
# always listed in full.
MAX_CYCLES = 200


def strip_comments(text):
    text = re.sub(r"/\*.*?\*/", lambda m: "\n" * m.group(0).count("\n"), text,
                  flags=re.DOTALL)
    return re.sub(r"//[^\n]*", "", text)


def module_of(path, src):
    rel = path.relative_to(src).with_suffix("")
    if path.suffix == ".h" and rel.name.endswith(PRIVATE):
        rel = rel.with_name(rel.name[: -len(PRIVATE)])
    return str(rel)


def read_graph(src, builddirs):
    search = [src, src / "core", src / "gui", src / "service"] + builddirs
    files = sorted(p for p in src.rglob("*") if p.suffix in (".c", ".h") and p.is_file())
    modules = {module_of(p, src) for p in files}
    edges = {m: set() for m in modules}
    # (file, header) where the header is a file the including one should
    # not see.
    layer_faults = []

    for path in files:
        me = module_of(path, src)
        text = strip_comments(path.read_text(encoding="utf-8", errors="replace"))
        in_core = path.parent == src / "core"
        for kind, name in INCLUDE.findall(text):
            if kind == "<":
                if in_core and GUI_SYSTEM.match(name):
                    layer_faults.append((path.relative_to(src), name))
                continue
            # Like the compiler: the including file's directory first.
            found = None
            for base in [path.parent] + search:
                candidate = base / name
                if candidate.is_file():
                    found = candidate.resolve()
                    break
            if found is None:
                continue
            try:
                target = found.relative_to(src.resolve())
            except ValueError:
                continue  # generated, in a build directory
            other = module_of(src / target, src)
            if in_core and target.parts[0] != "core":
                layer_faults.append((path.relative_to(src), str(target)))
            if other != me and other in edges:
                edges[me].add(other)
    return edges, layer_faults


def strongly_connected(edges):
    """Tarjan's algorithm, iteratively; returns the groups of more than one."""
    index = {}
    low = {}
    on_stack = set()
    stack = []
    groups = []
    counter = 0
    for root in sorted(edges):
        if root in index:
            continue
        work = [(root, iter(sorted(edges[root])))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            advanced = False
            for child in children:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(edges[child]))))
                    advanced = True
                    break
                if child in on_stack:
                    low[node] = min(low[node], index[child])
            if advanced:
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                group = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    group.append(member)
                    if member == node:
                        break
                if len(group) > 1:
                    groups.append(sorted(group))
    return sorted(groups)


def cycles_in(group, edges, limit):
    """Elementary cycles within one group, each starting at its smallest
    module, shortest first; at most limit of them."""
    members = set(group)
    found = []
    for start in sorted(group):
        # Only cycles whose smallest module is start: each is found once.
        allowed = {m for m in members if m >= start}
        path = [start]
        on_path = {start}

        def walk(node):
            for child in sorted(edges[node] & allowed):
                if len(found) >= limit:
                    return
                if child == start:
                    found.append(path + [start])
                elif child not in on_path:
                    path.append(child)
                    on_path.add(child)
                    walk(child)
                    on_path.discard(child)
                    path.pop()

        walk(start)
        if len(found) >= limit:
            break
    return sorted(found, key=lambda c: (len(c), c))


def check(src, builddirs):
    """Returns (groups, listed cycles, layer faults) for the tree at src."""
    edges, layer_faults = read_graph(src, builddirs)
    groups = strongly_connected(edges)
    cycles = []
    for group in groups:
        cycles += cycles_in(group, edges, MAX_CYCLES)
    return edges, groups, cycles, layer_faults


def self_test():
    """The checker on small made-up trees: what it must find, and what
    it must not.  Returns a list of (ok, description)."""
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)

        def tree(name, files):
            src = root / name / "src"
            for rel, text in files.items():
                path = src / rel
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(text)
            (src / "core").mkdir(parents=True, exist_ok=True)
            return src

        # A .c including the other's .h both ways: a cycle no header
        # closes on its own.
        src = tree("two", {
            "core/a.h": "#pragma once\n",
            "core/a.c": '#include "config.h"\n#include "a.h"\n#include "b.h"\n',
            "core/b.h": "#pragma once\n",
            "core/b.c": '#include "b.h"\n#include "a.h"\n',
        })
        _, groups, cycles, _ = check(src, [])
        results.append((groups == [["core/a", "core/b"]] and cycles == [["core/a", "core/b", "core/a"]],
                        "finds a cycle between two modules' .c files"))

        # Three modules in a ring, through headers and across folders;
        # a fourth hangs off it and is not in the cycle.
        src = tree("ring", {
            "core/x.h": '#include "y.h"\n',
            "core/y.h": "#pragma once\n",
            "gui/w.h": "#pragma once\n",
            "core/y.c": '#include "gui/z.h"\n',
            "gui/z.h": '#include <adwaita.h>\n',
            "gui/z.c": '#include "x.h"\n',
            "gui/w.c": '#include "z.h"\n',
            "app.c": '#include "w.h"\n',
        })
        _, groups, cycles, faults = check(src, [])
        results.append((groups == [["core/x", "core/y", "gui/z"]] and len(cycles) == 1,
                        "finds a ring of three across folders, and only it"))
        results.append((("core/y.c", "gui/z.h") in [(str(p), h) for p, h in faults],
                        "says when core/ includes a GUI header"))

        # A module's private header and its parts: no cycle, as the
        # header is the module's own; a part the module includes back is.
        src = tree("private", {
            "app.h": "#pragma once\n",
            "app-private.h": '#include "app.h"\n',
            "app.c": '#include "app-private.h"\n',
            "app-lock.c": '#include "app-private.h"\n',
            "core/a.h": "#pragma once\n",
            "core/a-private.h": '#include "a.h"\n#include "b.h"\n',
            "core/a.c": '#include "a-private.h"\n',
            "core/b.h": "#pragma once\n",
            "core/b.c": '#include "b.h"\n#include "a.h"\n',
        })
        edges, groups, _, _ = check(src, [])
        results.append(("app-private" not in edges and "app" in edges["app-lock"] and
                        groups == [["core/a", "core/b"]],
                        "counts NAME-private.h as NAME's, and still finds a cycle through it"))

        # Comments and missing headers are not includes; no cycle.
        src = tree("quiet", {
            "core/a.c": '/* #include "b.h" */\n// #include "b.h"\n#include "config.h"\n#include "a.h"\n',
            "core/a.h": "#pragma once\n",
            "core/b.c": '#include "a.h"\n#include "solace-resources.h"\n',
        })
        _, groups, _, faults = check(src, [])
        results.append((groups == [] and faults == [],
                        "reads no include in comments, and leaves out headers it cannot find"))

        # GTK itself, and the application, are not for core/.
        src = tree("layers", {
            "core/a.c": "#include <gtk/gtk.h>\n#include <glib.h>\n",
            "core/b.c": '#include "app.h"\n',
            "app.h": "#pragma once\n",
        })
        _, _, _, faults = check(src, [])
        found = sorted((str(p), h) for p, h in faults)
        results.append((found == [("core/a.c", "gtk/gtk.h"), ("core/b.c", "app.h")],
                        "says when core/ includes GTK or the application"))
    return results


def main():
    if len(sys.argv) < 2:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    src = Path(sys.argv[1])
    builddirs = [Path(d) for d in sys.argv[2:]]
    if not (src / "core").is_dir():
        print(f"{src}: no core/ here, is this the source directory?", file=sys.stderr)
        return 2
    sys.setrecursionlimit(10000)

    selftest = self_test()
    print(f"1..{len(selftest) + 2}")
    failed = False
    n = 0
    for ok, description in selftest:
        n += 1
        failed |= not ok
        print(f"{'ok' if ok else 'not ok'} {n} - the checker itself: {description}")

    edges, groups, _, layer_faults = check(src, builddirs)
    n += 1
    if groups:
        failed = True
        print(f"not ok {n} - no include cycle in src/ ({len(groups)} group(s) of modules in a cycle)")
        shown = 0
        for group in groups:
            print(f"# {len(group)} modules that include each other: {', '.join(group)}")
            for cycle in cycles_in(group, edges, MAX_CYCLES - shown):
                print("#   " + " -> ".join(cycle))
                shown += 1
        if shown >= MAX_CYCLES:
            print(f"# (only the first {MAX_CYCLES} cycles listed)")
    else:
        print(f"ok {n} - no include cycle in src/ ({len(edges)} modules)")

    n += 1
    if layer_faults:
        failed = True
        print(f"not ok {n} - core/ includes nothing from the GUI or the application")
        for path, header in sorted(layer_faults):
            print(f"# {path} includes {header}")
    else:
        print(f"ok {n} - core/ includes nothing from the GUI or the application")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
