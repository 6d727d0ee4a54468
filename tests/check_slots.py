"""Every test function a test source declares is one QtTest runs.

moc, not the compiler, decides which slots a QtTest class has, and its preprocessor reads a
'#' inside a raw string literal as a directive: the test functions after it silently vanish
from the run (four of tst_chat's did, unnoticed, until 2026-12-04). This compares each test
source's `private slots:` with what moc makes of it.

usage: check_slots.py MOC SOURCE_DIR
"""
import glob
import os
import re
import subprocess
import sys


def declared_slots(source):
    names = []
    for section in re.finditer(r"^private slots:\n(.*?)^};", source, re.S | re.M):
        body = re.split(r"^(?:private|protected|public):\n", section.group(1), flags=re.M)[0]
        names += re.findall(r"^    void (\w+)\(", body, re.M)
    return names


def moc_strings(moc, path, include_dirs):
    args = [moc] + ["-I" + d for d in include_dirs] + [path]
    out = subprocess.run(args, capture_output=True, text=True, check=True).stdout
    # The class's string table: one quoted name per line.
    return set(re.findall(r'^\s+"(\w+)",?$', out, re.M))


def main():
    moc, root = sys.argv[1], sys.argv[2]
    includes = [os.path.join(root, "tests", "common"), os.path.join(root, "server")]
    sources = sorted(glob.glob(os.path.join(root, "tests", "**", "*.cpp"), recursive=True))
    checked, failures = 0, []
    for path in sources:
        with open(path, encoding="utf-8") as f:
            source = f.read()
        slots = declared_slots(source)
        if "Q_OBJECT" not in source or not slots:
            continue
        checked += 1
        missing = [s for s in slots if s not in moc_strings(moc, path, includes)]
        if missing:
            failures.append("%s: moc does not see %s" % (os.path.relpath(path, root), ", ".join(missing)))
    if checked == 0:
        failures.append("no test source with a `private slots:` section was found under %s" % root)
    for line in failures:
        print(line)
    print("%d test sources checked" % checked)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
