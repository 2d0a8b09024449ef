#!/usr/bin/env python3
"""Checks (or rewrites) the per-library table in docs/blocking-database.md.

    blocking_db_table.py <blocking-calls.yaml> <blocking-database.md> [--update]

The table between the markers `<!-- entries-table: begin -->` and
`<!-- entries-table: end -->` is computed from the database: entries per
library and category. Without --update the script fails when the document
differs from what the database says, and prints the table it expects.
"""

import re
import sys

CATEGORIES = ["sleep", "file-io", "network-io", "dns", "process", "lock", "wait",
              "sync-wait", "database", "http", "console", "other"]

# How the table names each library.
LIBRARIES = {
    "std": "C++ standard library",
    "posix": "",
    "libc": "C standard library",
    "asio": "standalone Asio 1.22",
    "boost-asio": "Boost.Asio 1.81",
    "boost-beast": "Boost.Beast 1.81",
    "boost-thread": "Boost.Thread 1.81",
    "boost-filesystem": "Boost.Filesystem 1.81",
    "boost-interprocess": "Boost.Interprocess 1.81",
    "boost-process": "Boost.Process 1.81",
    "curl": "libcurl",
    "sqlite": "SQLite",
    "libpq": "PostgreSQL's libpq",
    "mysql": "MariaDB/MySQL client",
    "openssl": "OpenSSL 3.0",
    "hiredis": "Redis client 0.14",
    "zeromq": "libzmq 4.3 and cppzmq 4.9",
    "librdkafka": "Kafka client 2.0, C and C++",
    "cpp-httplib": "0.11",
    "poco": "Poco 1.11",
    "grpc": "gRPC 1.51 synchronous API",
    "libpqxx": "6.4",
    "mongoc": "MongoDB C driver 1.23",
    "qt": "Qt 6.4",
    "abseil": "Abseil 20220623",
    "onetbb": "oneTBB 2021.8",
    "libuv": "1.44",
    "libevent": "2.1",
    "capnproto": "KJ from Cap'n Proto 0.9",
    "libssh": "0.10",
}

BEGIN = "<!-- entries-table: begin -->"
END = "<!-- entries-table: end -->"


def entries(path):
    result = []
    current = None
    in_entries = False
    with open(path, encoding="utf-8") as f:
        for line in f:
            # Top-level keys: only the items under 'entries' are entries
            # ('libraries' has items with a name too).
            if re.match(r"^\S", line):
                in_entries = line.startswith("entries:")
            if not in_entries:
                continue
            if re.match(r"^\s*- name:", line):
                current = {}
                result.append(current)
            m = re.match(r"^\s+(library|category):\s*(\S+)\s*$", line)
            if m and current is not None:
                current[m.group(1)] = m.group(2).strip('"')
    return result


def table(path):
    rows = {}
    order = []
    for e in entries(path):
        lib = e.get("library", "?")
        if lib not in rows:
            rows[lib] = {}
            order.append(lib)
        rows[lib][e["category"]] = rows[lib].get(e["category"], 0) + 1
    cats = [c for c in CATEGORIES if any(c in r for r in rows.values())]
    total = sum(sum(r.values()) for r in rows.values())
    libs = sorted(order, key=lambda l: (-sum(rows[l].values()), order.index(l)))
    out = ["%d entries from %d libraries. Per library and category (checked against the file by" % (total, len(libs)),
           "`test/checks/async-blocking-call-db-table.test`):", "",
           "| library | entries | " + " | ".join(cats) + " |",
           "|---|--:|" + "--:|" * len(cats)]
    for lib in libs:
        desc = LIBRARIES.get(lib, "")
        name = "`%s`%s" % (lib, " (%s)" % desc if desc else "")
        cells = [str(rows[lib].get(c, "")) for c in cats]
        out.append("| %s | %d | %s |" % (name, sum(rows[lib].values()), " | ".join(cells)))
    sums = [str(sum(r.get(c, 0) for r in rows.values())) for c in cats]
    out.append("| **total** | **%d** | %s |" % (total, " | ".join("**%s**" % s for s in sums)))
    return "\n".join(out)


def main():
    database, doc = sys.argv[1], sys.argv[2]
    text = open(doc, encoding="utf-8").read()
    if BEGIN not in text or END not in text:
        print("FAIL: %s has no %s ... %s block" % (doc, BEGIN, END))
        return 1
    head, rest = text.split(BEGIN, 1)
    _, tail = rest.split(END, 1)
    expected = table(database)
    current = rest.split(END, 1)[0].strip("\n")
    if "--update" in sys.argv:
        open(doc, "w", encoding="utf-8").write(head + BEGIN + "\n" + expected + "\n" + END + tail)
        return 0
    if current != expected:
        print("FAIL: the table in %s does not match %s; expected:\n%s" % (doc, database, expected))
        print("(run test/blocking_db_table.py %s %s --update)" % (database, doc))
        return 1
    print("table matches the database")
    return 0


if __name__ == "__main__":
    sys.exit(main())
