#!/usr/bin/env python3
# verify.py — checks an incident record exported by Solace, without Solace.
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: python3 verify.py [FOLDER]
#   FOLDER is where the archive was unpacked (by default, this file's own
#   folder).  Needs Python 3 only, nothing else.
#
# For every record in manifest.json, in order, it checks that
#   - the record names the hash of the record before it ("" for the first),
#   - its hash is the SHA-256 of its canonical form (below),
#   - every file kept with it is in attachments/ with the same SHA-256
#     and size the record carries;
# and then that the number of records and the last hash are the head
# written when the archive was made, and that record.pdf and
# incidents.csv, the readable views of the records, are the ones made
# with them (their SHA-256 is in manifest.json).
#
# The canonical form: a header line, then fields, each written as
#   NAME "=" LENGTH ":" VALUE "\n"
# where LENGTH is the number of UTF-8 bytes of VALUE in decimal, and a
# missing value is the empty string.
#   Form 1: "solace-incident-1\n", uuid, happened, recorded, channel, what,
#           response, boundary, necessary ("1" or "0"), corrects, previous.
#   Form 2: "solace-incident-2\n", the same up to corrects, then sender,
#           witnesses, reference, attachments (how many), and for each
#           file attachment-name, attachment-type, attachment-size,
#           attachment-sha256; then previous.
# Prints "Intact: N records, last hash H" and exits 0, or
# "Not intact: record N" (with the file's name when a file is what
# changed), or "Not intact: record.pdf" (or incidents.csv), and exits 1.
# Exits 2 when the files cannot be read.

import hashlib
import json
import os
import re
import sys
import unicodedata

FILE_NAME = re.compile(r"attachments/[0-9a-f]{64}\.[a-z0-9]{1,10}")


def shown(text):
    # Names are shown as they are, but never with characters that would
    # move or hide what a terminal prints after them.
    out = []
    for c in str(text):
        if unicodedata.category(c) in ("Cc", "Cf", "Zl", "Zp", "Cs", "Cn"):
            out.append("\\u%04x" % ord(c) if ord(c) <= 0xFFFF else "\\U%08x" % ord(c))
        else:
            out.append(c)
    return "".join(out)


def field(name, value):
    if value is None:
        value = ""
    if isinstance(value, bool):
        value = "1" if value else "0"
    elif isinstance(value, int):
        value = str(value)
    elif not isinstance(value, str):
        value = repr(value)  # never what was hashed: the record fails
    data = value.encode("utf-8", "surrogatepass")
    return b"%s=%d:%s\n" % (name.encode("ascii"), len(data), data)


def record_hash(record, form):
    parts = [b"solace-incident-%d\n" % form]
    for name in ("uuid", "happened", "recorded", "channel", "what", "response",
                 "boundary", "necessary", "corrects"):
        parts.append(field(name, record.get(name)))
    if form == 2:
        attachments = record.get("attachments") or []
        for name in ("sender", "witnesses", "reference"):
            parts.append(field(name, record.get(name)))
        parts.append(field("attachments", len(attachments)))
        for a in attachments:
            if not isinstance(a, dict):
                return None
            parts.append(field("attachment-name", a.get("name")))
            parts.append(field("attachment-type", a.get("media_type")))
            parts.append(field("attachment-size", a.get("size")))
            parts.append(field("attachment-sha256", a.get("sha256")))
    parts.append(field("previous", record.get("prev_hash")))
    return hashlib.sha256(b"".join(parts)).hexdigest()


def file_intact(folder, attachment):
    if not isinstance(attachment, dict):
        return False
    name = attachment.get("file")
    if not isinstance(name, str) or not FILE_NAME.fullmatch(name):
        return False
    digest = hashlib.sha256()
    size = 0
    try:
        with open(os.path.join(folder, *name.split("/")), "rb") as f:
            for chunk in iter(lambda: f.read(1 << 20), b""):
                digest.update(chunk)
                size += len(chunk)
    except OSError:
        return False
    return digest.hexdigest() == attachment.get("sha256") and size == attachment.get("size")


def not_intact(number, attachment=None):
    if not isinstance(attachment, dict):
        print("Not intact: record %d" % number)
    else:
        print("Not intact: record %d, attachment \u201c%s\u201d" % (number, shown(attachment.get("name"))))
    return 1


def main(argv):
    folder = argv[1] if len(argv) > 1 else os.path.dirname(os.path.abspath(__file__))
    try:
        with open(os.path.join(folder, "manifest.json"), encoding="utf-8") as f:
            manifest = json.load(f)
        records = list(manifest["records"])
        head = manifest["head"]
        count, last_hash = int(head["count"]), str(head["last_hash"])
    except (OSError, ValueError, KeyError, TypeError) as e:
        print("Cannot check: manifest.json cannot be read (%s)" % shown(e))
        return 2

    previous = ""
    for number, record in enumerate(records, start=1):
        if not isinstance(record, dict) or not isinstance(record.get("attachments") or [], list):
            return not_intact(number)
        form = record.get("form") or 1
        if form not in (1, 2):
            print("Cannot check: record %d has canonical form %s, which this verify.py does not know"
                  % (number, shown(form)))
            return 2
        if record.get("prev_hash") != previous or record_hash(record, form) != record.get("hash"):
            return not_intact(number)
        for attachment in record.get("attachments") or []:
            if not file_intact(folder, attachment):
                return not_intact(number, attachment)
        previous = record.get("hash")

    # Records removed from the end, or added after it.
    if len(records) != count:
        return not_intact(min(len(records), count) + 1)
    if previous != last_hash:
        return not_intact(max(count, 1))

    views = manifest.get("views")
    if isinstance(views, dict):
        for name in ("record.pdf", "incidents.csv"):
            try:
                with open(os.path.join(folder, name), "rb") as f:
                    digest = hashlib.sha256(f.read()).hexdigest()
            except OSError:
                digest = None
            if digest != views.get(name):
                print("Not intact: %s" % name)
                return 1

    if count == 0:
        print("Intact: 0 records")
    else:
        print("Intact: %d record%s, last hash %s" % (count, "" if count == 1 else "s", last_hash))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
