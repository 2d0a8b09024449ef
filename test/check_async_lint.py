#!/usr/bin/env python3
"""Runs one check test through both engines and verifies it.

The role upstream's check_clang_tidy.py plays for clang-tidy's own tests:

    check_async_lint.py [options] <source> <temp-prefix> [-- <compiler flags>]

For each engine (the clang-tidy plugin and the async-lint driver) it copies the
source with its CHECK lines blanked out, runs the engine with --fix, and then:
  * FileChecks the diagnostics against CHECK-MESSAGES (warnings and errors) and
    CHECK-NOTES (warnings, errors and notes) lines;
  * FileChecks the fixed file against CHECK-FIXES lines;
  * compiles the fixed file, which must still compile;
and finally requires both engines to report exactly the same diagnostics.
"""

import argparse
import os
import re
import shlex
import subprocess
import sys


def run(cmd, **kwargs):
    return subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                          text=True, **kwargs)


def fail(message, output=""):
    sys.stderr.write("FAIL: %s\n" % message)
    if output:
        sys.stderr.write(output if output.endswith("\n") else output + "\n")
    sys.exit(1)


def diagnostics(output, with_notes):
    kinds = ("warning", "error", "note") if with_notes else ("warning", "error")
    pattern = re.compile(r"^.*:\d+:\d+: (%s): " % "|".join(kinds))
    # clang-tidy's own note on applying a fix says nothing about the check.
    return [line for line in output.splitlines()
            if pattern.match(line) and "FIX-IT applied" not in line]


def filecheck(filecheck_bin, check_file, prefix, text, extra=()):
    result = subprocess.run(
        [filecheck_bin, "-input-file=-", check_file, "-check-prefix=" + prefix,
         "-strict-whitespace", "--dump-input=fail"] + list(extra),
        input=text, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    if result.returncode != 0:
        fail("FileCheck %s" % prefix, result.stdout)


def check_named_by(driver, source):
    """The check a test file is named after: the longest check name that
    starts its base name (async-unawaited-coroutine-options.cpp tests
    async-unawaited-coroutine)."""
    listed = run([driver, "--list-checks", "--checks=-*,async-*"]).stdout
    names = [line.strip() for line in listed.splitlines()[1:] if line.strip()]
    base = os.path.basename(source)
    matches = [n for n in names if base == n or base.startswith(n + "-") or
               base.startswith(n + ".")]
    if not matches:
        fail("%s is not named after a check (%s)" % (base, ", ".join(names)))
    return max(matches, key=len)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--check-suffix", default="")
    parser.add_argument("--config", default=None)
    parser.add_argument("--checks", default=None,
                        help="default: the check the test file is named after")
    parser.add_argument("--no-recompile", action="store_true")
    parser.add_argument("--engine", choices=["plugin", "driver", "both"],
                        default="both")
    parser.add_argument("source")
    parser.add_argument("temp")
    args, rest = parser.parse_known_args()
    flags = rest[1:] if rest and rest[0] == "--" else rest

    plugin = os.environ["ASYNC_LINT_PLUGIN"]
    driver = os.environ["ASYNC_LINT_DRIVER"]
    clang_tidy = os.environ["ASYNC_LINT_CLANG_TIDY"]
    clangxx = os.environ["ASYNC_LINT_CLANGXX"]
    filecheck_bin = os.environ["ASYNC_LINT_FILECHECK"]

    if args.checks is None:
        args.checks = "-*," + check_named_by(driver, args.source)
    with open(args.source, encoding="utf-8") as f:
        original = f.read()
    suffix = "-" + args.check_suffix if args.check_suffix else ""
    prefixes = {
        "messages": "CHECK-MESSAGES" + suffix,
        "notes": "CHECK-NOTES" + suffix,
        "fixes": "CHECK-FIXES" + suffix,
    }
    has = {key: re.search(r"\b%s:" % re.escape(p), original) is not None
           for key, p in prefixes.items()}
    cleaned = re.sub(r"// *CHECK-[A-Z0-9\-]*:[^\r\n]*", "//", original)

    engines = ["plugin", "driver"] if args.engine == "both" else [args.engine]
    reported = {}
    ext = os.path.splitext(args.source)[1] or ".cpp"
    for engine in engines:
        temp = "%s-%s%s" % (args.temp, engine, ext)
        with open(temp, "w", encoding="utf-8") as f:
            f.write(cleaned)
        if engine == "plugin":
            cmd = [clang_tidy, "-load=" + plugin, "-checks=" + args.checks, "--fix"]
        else:
            cmd = [driver, "--checks=" + args.checks, "--fix"]
        if args.config is not None:
            cmd.append("--config=" + args.config)
        cmd += [temp, "--"] + flags
        result = run(cmd)
        output = result.stdout.replace(temp, "input" + ext)
        if os.environ.get("ASYNC_LINT_DEBUG_RUNNER"): sys.stderr.write(" ".join(cmd) + "\n" + output[:2000])
        if "error:" in output and "clang-diagnostic-error" in output:
            fail("%s: the input does not compile" % engine, output)
        found = diagnostics(output, with_notes=True)
        if not (has["messages"] or has["notes"]):
            warnings = diagnostics(output, with_notes=False)
            if warnings:
                fail("%s reported diagnostics in a test that expects none"
                     % engine, "\n".join(warnings))
        if has["messages"]:
            # Every warning must be expected: a missing CHECK line fails.
            filecheck(filecheck_bin, args.source, prefixes["messages"],
                      "\n".join(diagnostics(output, False)) + "\n",
                      ["-implicit-check-not={{warning|error}}:"])
        if has["notes"]:
            filecheck(filecheck_bin, args.source, prefixes["notes"],
                      "\n".join(found) + "\n",
                      ["-implicit-check-not={{warning|error|note}}:"])
        with open(temp, encoding="utf-8") as f:
            fixed = f.read()
        if has["fixes"]:
            filecheck(filecheck_bin, args.source, prefixes["fixes"], fixed)
        elif fixed != cleaned:
            fail("%s changed the file but the test has no %s lines"
                 % (engine, prefixes["fixes"]))
        if not args.no_recompile:
            compiled = run([clangxx, "-fsyntax-only", "-Wno-unused-result",
                            "-Wno-unused-value", temp] + flags)
            if compiled.returncode != 0:
                fail("%s: the fixed file does not compile" % engine,
                     compiled.stdout)
        reported[engine] = sorted(found)
    if len(reported) == 2 and reported["plugin"] != reported["driver"]:
        fail("the plugin and the driver report different diagnostics",
             "plugin:\n  %s\ndriver:\n  %s" % (
                 "\n  ".join(reported["plugin"]),
                 "\n  ".join(reported["driver"])))


if __name__ == "__main__":
    main()
