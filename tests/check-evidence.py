#!/usr/bin/env python3
# check-evidence.py — reads an evidence export the way someone without
# Solace would: Python's zipfile, unzip -t, sha256sum -c, pdftotext and
# the archive's own verify.py.  Imports nothing from Solace.
#
# Usage: check-evidence.py ZIP WORKDIR EXPECTDIR
#   EXPECTDIR holds what the test wrote, byte for byte: what3 (record 3's
#   "what"), sender3, name3 (its file's name) and sender1.
# Prints one line per check; the test compares them all.
#
# SPDX-License-Identifier: GPL-3.0-or-later

import json
import os
import re
import shutil
import subprocess
import sys
import zipfile

FIXED = {"VERIFY.txt", "record.pdf", "incidents.csv", "manifest.json", "verify.py",
         "attachments/SHA256SUMS"}
HASHED = re.compile(r"attachments/[0-9a-f]{64}\.[a-z0-9]{1,10}")


def run(argv, cwd=None):
    p = subprocess.run(argv, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    return p.returncode, p.stdout.decode("utf-8", "replace").strip()


def verify(folder):
    code, out = run([sys.executable, os.path.join(folder, "verify.py")], cwd="/")
    return "%s (exit %d)" % (out, code)


def sums(folder):
    code, _ = run(["sha256sum", "--quiet", "-c", "SHA256SUMS"], cwd=os.path.join(folder, "attachments"))
    return "ok" if code == 0 else "failed"


def expect(expectdir, name):
    with open(os.path.join(expectdir, name), "rb") as f:
        return f.read().decode("utf-8")


def main(zip_path, work, expectdir):
    clean = os.path.join(work, "clean")
    with zipfile.ZipFile(zip_path) as z:
        print("testzip:", "ok" if z.testzip() is None else "bad")
        names = z.namelist()
        bad = [n for n in names if n not in FIXED and not HASHED.fullmatch(n)]
        print("names:", "ok" if not bad and len(set(names)) == len(names) else "bad %r" % bad)
        print("first:", names[0])
        print("stored:", all(i.compress_type == zipfile.ZIP_STORED for i in z.infolist()))
        z.extractall(clean)

    if shutil.which("unzip"):
        code, _ = run(["unzip", "-tq", zip_path])
        print("unzip:", "ok" if code == 0 else "bad")
    else:
        print("unzip: ok")

    with open(os.path.join(clean, "manifest.json"), "rb") as f:
        raw = f.read()
    manifest = json.loads(raw.decode("utf-8"))
    records = manifest["records"]
    print("records:", len(records), "head:", manifest["head"]["count"])
    # Written escaped, read back exactly.
    hidden = ["\u202e", "\u2028", "\u2029", "\ufffe", "\u2066"]
    print("escaped:", "ok" if not any(c.encode() in raw for c in hidden) else "raw")
    print("what3:", "ok" if records[2]["what"] == expect(expectdir, "what3") else "differs")
    print("sender3:", "ok" if records[2]["sender"] == expect(expectdir, "sender3") else "differs")
    print("name3:", "ok" if records[2]["attachments"][0]["name"] == expect(expectdir, "name3") else "differs")
    print("forms:", sorted({r["form"] for r in records}))

    code, text = run(["pdftotext", "-enc", "UTF-8", os.path.join(clean, "record.pdf"), "-"])
    print("pdf-sender:", "ok" if code == 0 and expect(expectdir, "sender1") in text else "missing")
    with open(os.path.join(clean, "VERIFY.txt"), encoding="utf-8") as f:
        readme = f.read()
    print("readme:", "ok" if "sha256sum -c SHA256SUMS" in readme and "python3 verify.py" in readme
          and manifest["head"]["last_hash"] in readme else "incomplete")

    print("verify:", verify(clean))
    print("sums:", sums(clean))

    # (a) One byte of a file kept with record 1.
    a = os.path.join(work, "a")
    shutil.copytree(clean, a)
    target = os.path.join(a, records[0]["attachments"][0]["file"])
    with open(target, "r+b") as f:
        f.seek(os.path.getsize(target) // 2)
        byte = f.read(1)
        f.seek(-1, os.SEEK_CUR)
        f.write(bytes([byte[0] ^ 0x01]))
    print("tamper-attachment:", verify(a))
    print("tamper-attachment-sums:", sums(a))

    # (b) One byte of record 2's "what".
    b = os.path.join(work, "b")
    shutil.copytree(clean, b)
    what = records[1]["what"].encode("utf-8")
    old = json.dumps(records[1]["what"], ensure_ascii=False).encode("utf-8")
    new = json.dumps((what[:1] + bytes([what[1] ^ 0x20]) + what[2:]).decode("utf-8"),
                     ensure_ascii=False).encode("utf-8")
    assert raw.count(old) == 1
    with open(os.path.join(b, "manifest.json"), "wb") as f:
        f.write(raw.replace(old, new))
    print("tamper-what:", verify(b))

    # (c) The newest record removed, the head kept.
    c = os.path.join(work, "c")
    shutil.copytree(clean, c)
    shortened = dict(manifest, records=records[:-1])
    with open(os.path.join(c, "manifest.json"), "w", encoding="utf-8") as f:
        json.dump(shortened, f, ensure_ascii=False)
    print("drop-newest:", verify(c))

    # (d) One byte of each readable view.
    for view in ("record.pdf", "incidents.csv"):
        d = os.path.join(work, "d-" + view)
        shutil.copytree(clean, d)
        target = os.path.join(d, view)
        with open(target, "r+b") as f:
            f.seek(os.path.getsize(target) // 2)
            byte = f.read(1)
            f.seek(-1, os.SEEK_CUR)
            f.write(bytes([byte[0] ^ 0x01]))
        print("tamper-%s:" % view, verify(d))


if __name__ == "__main__":
    main(*sys.argv[1:4])
