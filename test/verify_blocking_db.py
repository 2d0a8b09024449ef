#!/usr/bin/env python3
"""Verifies blocking-call database entries against real headers.

    verify_blocking_db.py <async-lint> <source> [-- <compiler flags>]
    verify_blocking_db.py --coverage <blocking-calls.yaml> <source>...

The first form analyses a source in which every call to a database entry is
followed by a line `// ENTRY: <entry name>`, and fails unless each such call
is reported as that entry by async-blocking-call, and nothing else is
reported. The second form fails unless every entry of the database is
exercised by some `// ENTRY:` line, so that a misspelt name, a wrong
namespace or a wrong declaring class is caught by the first form.
"""

import re
import subprocess
import sys

# `// ENTRY(<flag>): name` is expected only when <flag> is among the compile
# flags (an API one standard library has and another lacks).
# `// ENTRY: <entry>=<function>` is an entry matched by signature (a name
# ending in '*'), reported under the name of the function called.
ENTRY = re.compile(r"^\s*// ENTRY(?:\((\S+)\))?: (\S+)\s*$")
WARNING = re.compile(r"^(.*):(\d+):(\d+): warning: '([^']+)' blocks the thread")


def expected_entries(source, flags=None):
    """Entries by the line of their call; with flags=None, every entry."""
    expected = {}
    with open(source, encoding="utf-8") as f:
        lines = f.read().splitlines()
    for number, line in enumerate(lines, start=1):
        match = ENTRY.match(line)
        if not match:
            continue
        if flags is not None and match.group(1) and match.group(1) not in flags:
            continue
        # The call is on the closest line above that is not a marker.
        call = number - 1
        while call > 0 and ENTRY.match(lines[call - 1]):
            call -= 1
        name = match.group(2)
        if "=" in name:
            entry, function = name.split("=", 1)
            name = entry if flags is None else function
        expected.setdefault(call, []).append(name.lstrip(":"))
    return expected


def verify(tool, source, flags):
    config = "{CheckOptions: {async-blocking-call.Categories: '*,-sync-api'}}"
    result = subprocess.run(
        [tool, "--checks=-*,async-blocking-call", "--config=" + config, source,
         "--"] + flags,
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    if "error:" in result.stdout:
        print(result.stdout)
        print("FAIL: %s does not compile" % source)
        return 1
    reported = {}
    for line in result.stdout.splitlines():
        match = WARNING.match(line)
        if match:
            reported.setdefault(int(match.group(2)), []).append(match.group(4))
    failures = 0
    expected = expected_entries(source, flags)
    for line, names in sorted(expected.items()):
        got = reported.get(line, [])
        for name in names:
            if name not in got:
                print("FAIL: %s:%d: entry '%s' is not reported (reported: %s)"
                      % (source, line, name, ", ".join(got) or "nothing"))
                failures += 1
    for line, names in sorted(reported.items()):
        unexpected = [n for n in names if n not in expected.get(line, [])]
        for name in unexpected:
            print("FAIL: %s:%d: unexpected finding '%s'" % (source, line, name))
            failures += 1
    checked = sum(len(n) for n in expected.values())
    print("%s: %d entries checked, %d failures" % (source, checked, failures))
    return 1 if failures else 0


def coverage(database, sources):
    with open(database, encoding="utf-8") as f:
        text = f.read()
    # The entries only, not the names of the 'libraries' section before them.
    text = text[text.find("\nentries:"):]
    names = re.findall(r"^\s*- name:\s*\"?([^\"\n]+?)\"?\s*$", text, re.M)
    exercised = set()
    for source in sources:
        for names_at_line in expected_entries(source).values():
            exercised.update(names_at_line)
    missing = [n for n in names if n.lstrip(":") not in exercised]
    for name in missing:
        print("FAIL: database entry '%s' is exercised by no test" % name)
    print("%d entries, %d exercised by tests" % (len(names), len(names) - len(missing)))
    return 1 if missing else 0


def main():
    args = sys.argv[1:]
    if args and args[0] == "--coverage":
        return coverage(args[1], args[2:])
    flags = []
    if "--" in args:
        flags = args[args.index("--") + 1:]
        args = args[:args.index("--")]
    return verify(args[0], args[1], flags)


if __name__ == "__main__":
    sys.exit(main())
