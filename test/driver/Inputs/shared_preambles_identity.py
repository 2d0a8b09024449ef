#!/usr/bin/env python3
"""Runs async-lint with and without shared preambles on every project of
more than one TU: the example project and each compile database that a
driver test writes (split-file sections, @DIR@ and @INPUTS@ substituted as
the tests do), and compares everything it prints and writes: the text
report, the exit status, JSON, SARIF and --export-fixes.

    shared_preambles_identity.py DRIVER TEST_DIR INPUTS EXAMPLES WORK

Prints one line per project ("identical", "shared" when a preamble was
built) or the first difference, then a summary line.
"""

import glob
import json
import os
import re
import shutil
import subprocess
import sys

driver, test_dir, inputs, examples, work = sys.argv[1:6]


def lint(project_root, build, files, mode, out):
    """One run in text, JSON and --export-fixes, one in SARIF."""
    os.makedirs(out, exist_ok=True)
    common = [driver, "--timeout=120", "--source-root=" + project_root,
              "-p", build]
    if mode == "on":
        common.append("--cache-dir=" + os.path.join(out, "cache"))
    else:
        common += ["--no-cache", "--no-shared-preambles"]
    results = {}
    first = subprocess.run(
        common + ["--format=json", "--output=" + os.path.join(out, "out.json"),
                  "--export-fixes=" + os.path.join(out, "fixes.yaml")] + files,
        cwd=project_root, capture_output=True, text=True)
    results["status"] = str(first.returncode)
    results["text"] = first.stdout
    results["stderr"] = first.stderr
    sarif = subprocess.run(common + ["--format=sarif"] + files,
                           cwd=project_root, capture_output=True, text=True)
    results["sarif"] = sarif.stdout
    results["sarif-stderr"] = sarif.stderr
    for name in ("out.json", "fixes.yaml"):
        path = os.path.join(out, name)
        results[name] = open(path).read() if os.path.exists(path) else ""
    shared = bool(glob.glob(os.path.join(out, "cache", "preambles", "*.pch")))
    return results, shared


def compare(label, project_root, build, files, failures):
    out = os.path.join(work, "runs", label.replace("/", "_"))
    on, shared = lint(project_root, build, files, "on", out + "-on")
    off, _ = lint(project_root, build, files, "off", out + "-off")
    # A worker's temporary directory is named at random in crash reports.
    def same(text):
        return re.sub(r"async-lint-[0-9a-f]{6}", "async-lint-XXXXXX", text)
    for key in off:
        if same(on[key]) != same(off[key]):
            failures.append(label)
            print(f"{label}: DIFFERENT {key}")
            print("--- without shared preambles\n" + off[key])
            print("--- with shared preambles\n" + on[key])
            return shared
    print(f"{label}: identical{', shared' if shared else ''}")
    return shared


failures = []
projects = shared_count = 0

# The example project, through its own compile database.
example_build = os.path.join(work, "chat-server-build")
subprocess.run(["cmake", "-S", os.path.join(examples, "chat-server"), "-B",
                example_build, "-DCMAKE_CXX_COMPILER=clang++-19"],
               check=True, stdout=subprocess.DEVNULL)
projects += 1
shared_count += compare("example/chat-server", examples, example_build, [],
                        failures)

# Every compile database a driver test writes, with two TUs or more.
for test in sorted(glob.glob(os.path.join(test_dir, "*.test"))):
    text = open(test, errors="replace").read()
    if "compile_commands.json" not in text or "#--- " not in text:
        continue
    name = os.path.splitext(os.path.basename(test))[0]
    root = os.path.join(work, "projects", name)
    shutil.rmtree(root, ignore_errors=True)
    os.makedirs(root)
    if subprocess.run(["split-file", test, root],
                      capture_output=True).returncode != 0:
        continue
    for path in glob.glob(os.path.join(root, "**", "*.in"), recursive=True):
        with open(path, errors="replace") as f:
            content = f.read()
        with open(path[:-3], "w") as f:
            f.write(content.replace("@DIR@", root).replace("@INPUTS@", inputs))
    for database in sorted(glob.glob(os.path.join(root, "**",
                                                  "compile_commands.json"),
                                     recursive=True)):
        try:
            with open(database) as f:
                entries = json.load(f)
        except (OSError, ValueError):
            continue
        if not isinstance(entries, list):
            continue
        files = {str(e.get("file")) for e in entries if isinstance(e, dict)}
        if len(files) < 2:
            continue
        projects += 1
        label = name + "/" + os.path.relpath(os.path.dirname(database), root)
        shared_count += compare(label, root, os.path.dirname(database), [],
                                failures)

print(f"{projects} projects, {shared_count} sharing a preamble, "
      f"{len(failures)} different")
sys.exit(1 if failures else 0)
