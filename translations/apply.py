#!/usr/bin/env python3
"""Fills switchboard_de.ts from de.py (run after scripts/update-translations). Exits non-zero
and lists what is missing when a source string has no German translation."""
import os
import sys
import xml.etree.ElementTree as ET

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from de import DE, BY_CONTEXT  # noqa: E402

path = os.path.join(HERE, "switchboard_de.ts")
tree = ET.parse(path)
missing = []
for ctx in tree.getroot().findall("context"):
    cname = ctx.find("name").text
    for m in ctx.findall("message"):
        src = m.find("source").text
        value = BY_CONTEXT.get((cname, src), DE.get(src))
        tr = m.find("translation")
        if value is None:
            missing.append(f"{cname}: {src!r}")
            continue
        for child in list(tr):
            tr.remove(child)
        tr.attrib.pop("type", None)
        tr.text = None
        if m.get("numerus") == "yes":
            forms = value if isinstance(value, tuple) else (value, value)
            for f in forms:
                ET.SubElement(tr, "numerusform").text = f
        else:
            if isinstance(value, tuple):
                missing.append(f"{cname}: {src!r} is not a plural")
                continue
            tr.text = value
with open(path, "wb") as f:
    f.write(b'<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n')
    tree.write(f, encoding="utf-8")
if missing:
    print("missing German translations:\n  " + "\n  ".join(missing), file=sys.stderr)
    sys.exit(1)
