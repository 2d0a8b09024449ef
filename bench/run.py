#!/usr/bin/env python3
"""Prints how async-lint's cost compares with the parse it cannot avoid.

    python3 bench/run.py [--build build] [--repeat N] [--all-examples]

The corpus is real coroutine-heavy code:

  * the example project examples/chat-server (configured with CMake into a
    temporary directory, which gives its compile_commands.json);
  * the real-Asio lit tests test/checks/async-unawaited-coroutine-asio.cpp and
    -boost-asio.cpp, copied to a temporary directory first: where they are,
    the repository's own .clang-tidy (its style checks) would apply to them;
  * the Boost.Asio C++20 examples that libboost1.81-doc ships (decompressed
    when gzipped): by default the first of each directory, all of them with
    --all-examples. An example that `clang++ -fsyntax-only` rejects is skipped
    and named.

Each TU is run, --repeat times, by:

  parse        clang++-19 -fsyntax-only FLAGS FILE: the floor;
  async-lint   async-lint --no-cache -j 1 FILE -- FLAGS: what users run (a
               driver process and a worker process for the TU);
  engine only  the same with --checks='-*,CHEAP' (--floor-check): the cost of
               async-lint without our checks, so that the difference is what
               our checks cost;
  reference    clang-tidy-19 -checks='-*,misc-coroutine-hostile-raii,
               bugprone-unused-return-value': stock checks close to ours;

and, --plugin-runs times (no target depends on them), by the clang-tidy
plugin, which walks the whole AST as clang-tidy does:

  tidy floor   clang-tidy-19 -checks='-*,CHEAP';
  tidy ours    clang-tidy-19 -load=AsyncLintTidyModule.so -checks='-*,async-*';
  profile      the same with --enable-check-profile, for the time per check.

Time is wall-clock; peak memory is the largest resident set size of the
process and of every descendant it waited for (what wait4() reports on
Linux), so async-lint's figure covers its worker process. Each figure is the
median over the repetitions; ratios are taken per TU, then their median over
the corpus is compared with the targets of issue 5.

Then the example project as a whole: cold runs (--no-cache) with -j 1 and
-j 2, and warm runs that find every TU in a cache of their own (--cache-dir
in the temporary directory, filled by one run beforehand).

Last, the whole-project figure of shared preambles (alone with
--whole-project): on the example project and on a project of --tus TUs
written by bench/generate_project.py (Boost.Asio and project headers), the
cold run with shared preambles (the default) against the sum of the TUs'
`clang++ -fsyntax-only` times and against the cold run without them
(--no-shared-preambles, what async-lint did before), with -j 1 and -j 2; the
peak memory of the largest process (a worker) of each run; and the findings
of the runs, diffed (JSON).

A benchmark, not a test: it prints figures and asserts nothing. Run it when
the machine is otherwise idle; it prints the load average before and after.
"""

import argparse
import gzip
import json
import os
import re
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BOOST_EXAMPLES = ("/usr/share/doc/libboost1.81-doc/examples/libs/asio/"
                  "example/cpp20")
REFERENCE_CHECKS = "-*,misc-coroutine-hostile-raii,bugprone-unused-return-value"

TARGETS = {
    "time": 1.10,       # async-lint / parse
    "memory": 1.20,     # async-lint peak RSS / parse peak RSS
    "reference": 1.00,  # async-lint / reference clang-tidy
    "checks": 0.10,     # (async-lint - engine only) / parse
    "speedup": 1.80,    # project cold -j 1 / -j 2
    "warm": 1.0,        # project warm run, seconds
    "warm_ratio": 0.05, # project warm / cold -j 2
    # Shared preambles: cold run / sum of the TUs' parse times.
    "shared_generated": 0.5,
    "shared_example": 0.8,
    "shared_memory": 1.2,  # peak RSS with / without shared preambles
}


class Run:
    """One finished command: wall time, peak RSS and what it printed."""

    def __init__(self, seconds, cpu, peak_kib, status, stderr):
        self.seconds = seconds
        self.cpu = cpu
        self.peak_mib = peak_kib / 1024
        self.status = status
        self.stderr = stderr


def run(command, cwd=None):
    """Runs command; stdout is discarded, stderr kept (the check profile)."""
    with tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        process = subprocess.Popen(command, cwd=cwd, stdin=subprocess.DEVNULL,
                                   stdout=subprocess.DEVNULL, stderr=err)
        # wait4's peak RSS includes the descendants the process waited for.
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        err.seek(0)
        text = err.read().decode(errors="replace")
    cpu = usage.ru_utime + usage.ru_stime  # descendants included, too
    return Run(seconds, cpu, usage.ru_maxrss, process.returncode, text)


def load_average():
    one, five, fifteen = os.getloadavg()
    return f"{one:.2f} {five:.2f} {fifteen:.2f}"


class TU:
    """A source file and the flags it is compiled with."""

    def __init__(self, group, name, path, flags, cwd):
        self.group = group
        self.name = name
        self.path = path
        self.flags = flags
        self.cwd = cwd
        self.runs = {}  # tool -> [Run]
        self.profile = {}  # check -> [wall seconds]

    def label(self):
        return f"{self.group}/{self.name}"


# --- the corpus --------------------------------------------------------------

def chat_server_tus(work, clang):
    build = os.path.join(work, "chat-server-build")
    subprocess.run(["cmake", "-S", os.path.join(REPO, "examples", "chat-server"),
                    "-B", build, f"-DCMAKE_CXX_COMPILER={clang}"],
                   check=True, stdout=subprocess.DEVNULL)
    with open(os.path.join(build, "compile_commands.json")) as f:
        entries = json.load(f)
    tus = []
    for entry in entries:
        args = entry.get("arguments") or shlex.split(entry["command"])
        flags, skip = [], False
        for arg in args[1:]:  # args[0] is the compiler
            if skip:
                skip = False
            elif arg == "-o":
                skip = True
            elif arg != "-c" and arg != entry["file"]:
                flags.append(arg)
        tus.append(TU("chat-server", os.path.basename(entry["file"]),
                      entry["file"], flags, entry["directory"]))
    return build, tus


def lit_test_tus(work):
    directory = os.path.join(work, "asio-tests")
    os.makedirs(directory)
    tus = []
    for name, flags in (
            ("async-unawaited-coroutine-asio.cpp",
             ["-std=c++20", "-DASIO_HAS_CO_AWAIT", "-Wno-unused-result"]),
            ("async-unawaited-coroutine-boost-asio.cpp",
             ["-std=c++20", "-Wno-unused-result"])):
        path = os.path.join(directory, name)
        shutil.copy(os.path.join(REPO, "test", "checks", name), path)
        tus.append(TU("lit", name, path, flags, directory))
    return tus


def boost_example_tus(work, everything):
    """Copies the examples (decompressing .gz), one TU per .cpp file."""
    if not os.path.isdir(BOOST_EXAMPLES):
        print(f"note: {BOOST_EXAMPLES} is missing (libboost1.81-doc): "
              "no Boost.Asio examples")
        return []
    root = os.path.join(work, "boost-examples")
    tus = []
    for sub in sorted(os.listdir(BOOST_EXAMPLES)):
        source = os.path.join(BOOST_EXAMPLES, sub)
        if not os.path.isdir(source):
            continue
        target = os.path.join(root, sub)
        os.makedirs(target)
        for name in sorted(os.listdir(source)):
            path = os.path.join(source, name)
            if name.endswith(".gz"):
                with gzip.open(path, "rb") as i, \
                        open(os.path.join(target, name[:-3]), "wb") as o:
                    shutil.copyfileobj(i, o)
            elif os.path.isfile(path):
                shutil.copy(path, target)
        sources = sorted(n for n in os.listdir(target) if n.endswith(".cpp"))
        for name in sources if everything else sources[:1]:
            tus.append(TU("boost-example", f"{sub}/{name}",
                          os.path.join(target, name),
                          ["-std=c++20", f"-I{target}"], target))
    return tus


def keep_compiling(tus, clang):
    """Drops the TUs clang rejects; this also brings headers into the page
    cache before anything is timed."""
    kept = []
    for tu in tus:
        result = run([clang, "-fsyntax-only", *tu.flags, tu.path], cwd=tu.cwd)
        if result.status == 0:
            kept.append(tu)
        else:
            errors = [l for l in result.stderr.splitlines() if "error:" in l]
            print(f"skipped {tu.label()}: does not compile with {clang} "
                  f"-fsyntax-only ({errors[0].strip() if errors else 'exit ' + str(result.status)})")
    return kept


# --- per-TU measurements -----------------------------------------------------

PROFILE_LINE = re.compile(r"^\s*(?:[\d.]+ \(\s*[\d.]+%\)\s+)+(\S+)\s*$")


def parse_profile(text):
    """Per-check wall seconds from clang-tidy's --enable-check-profile."""
    times = {}
    for line in text.splitlines():
        match = PROFILE_LINE.match(line)
        if match and match.group(1) != "Total":
            wall = re.findall(r"([\d.]+) \(\s*[\d.]+%\)", line)[-1]
            times[match.group(1)] = float(wall)
    return times


def tu_commands(tu, args):
    """The commands run on a TU: those of the targets, every repetition, and
    those of the clang-tidy plugin, --plugin-runs times."""
    lint = os.path.join(args.build, "bin", "async-lint")
    module = os.path.join(args.build, "lib", "AsyncLintTidyModule.so")
    tidy_ours = [args.clang_tidy, f"-load={module}", "-checks=-*,async-*",
                 tu.path, "--", *tu.flags]
    repeated = {
        "parse": [args.clang, "-fsyntax-only", *tu.flags, tu.path],
        "async-lint": [lint, "--no-cache", "-j", "1", *args.lint_arg,
                       tu.path, "--", *tu.flags],
        "engine": [lint, "--no-cache", "-j", "1",
                   f"--checks=-*,{args.floor_check}", tu.path, "--",
                   *tu.flags],
        "reference": [args.clang_tidy, f"-checks={REFERENCE_CHECKS}", tu.path,
                      "--", *tu.flags],
    }
    plugin = {
        "tidy-floor": [args.clang_tidy, f"-checks=-*,{args.floor_check}",
                       tu.path, "--", *tu.flags],
        "tidy-ours": tidy_ours,
        # Profiling times every matcher call: its own run, not timed.
        "tidy-profile": tidy_ours[:3] + ["--enable-check-profile"]
                        + tidy_ours[3:],
    }
    return repeated, plugin


def measure_tus(tus, args):
    for repetition in range(args.repeat):
        print(f"  repetition {repetition + 1}/{args.repeat} "
              f"(load {load_average()})", flush=True)
        for tu in tus:
            repeated, plugin = tu_commands(tu, args)
            commands = dict(repeated)
            if repetition < args.plugin_runs:
                commands.update(plugin)
            tools = list(commands)
            # Rotate the order so that no tool always runs first.
            shift = repetition % len(tools)
            for tool in tools[shift:] + tools[:shift]:
                result = run(commands[tool], cwd=tu.cwd)
                # async-lint and clang-tidy exit 1 on findings.
                if result.status not in ((0,) if tool == "parse" else (0, 1)):
                    print(f"warning: {tool} exited with {result.status} on "
                          f"{tu.label()}:\n{result.stderr[-2000:]}")
                tu.runs.setdefault(tool, []).append(result)
                if tool == "tidy-profile":
                    for check, wall in parse_profile(result.stderr).items():
                        tu.profile.setdefault(check, []).append(wall)


def median_of(runs, field):
    return statistics.median(getattr(r, field) for r in runs)


# --- the example project -----------------------------------------------------

def measure_project(build_dir, work, args):
    lint = os.path.join(args.build, "bin", "async-lint")
    cache = os.path.join(work, "cache")
    cold = {1: [], 2: []}
    warm = []
    for repetition in range(args.repeat):
        order = (1, 2) if repetition % 2 == 0 else (2, 1)
        for jobs in order:
            cold[jobs].append(run([lint, "--no-cache", "-j", str(jobs),
                                   "-p", build_dir], cwd=build_dir))
    fill = run([lint, f"--cache-dir={cache}", "-p", build_dir], cwd=build_dir)
    for _ in range(args.repeat):
        warm.append(run([lint, f"--cache-dir={cache}", "-p", build_dir],
                        cwd=build_dir))
    for result in [*cold[1], *cold[2], fill, *warm]:
        if result.status not in (0, 1):
            print(f"warning: async-lint on the project exited with "
                  f"{result.status}:\n{result.stderr[-2000:]}")
    return cold, fill, warm


# --- shared preambles: the whole project --------------------------------------

def database_tus(build_dir):
    """The parse command of each entry of build_dir's compile database."""
    with open(os.path.join(build_dir, "compile_commands.json")) as f:
        entries = json.load(f)
    commands = []
    for entry in entries:
        args = entry.get("arguments") or shlex.split(entry["command"])
        flags, skip = [], False
        for arg in args[1:]:
            if skip:
                skip = False
            elif arg == "-o":
                skip = True
            elif arg != "-c":
                flags.append(arg)
        commands.append((entry["directory"], flags))
    return commands


def whole_project(label, build_dir, work, args):
    """Cold runs with and without shared preambles, -j 1 and -j 2, and the
    sum of the parse times; returns a row of figures."""
    lint = os.path.join(args.build, "bin", "async-lint")
    parses = [run([args.clang, "-fsyntax-only", *flags], cwd=directory)
              for directory, flags in database_tus(build_dir)]
    failed = [p for p in parses if p.status != 0]
    if failed:
        print(f"warning: {len(failed)} TUs of {label} do not parse:\n"
              f"{failed[0].stderr[-1000:]}")
    figures = {"tus": len(parses),
               "parse": sum(p.seconds for p in parses),
               "parse_cpu": sum(p.cpu for p in parses),
               "parse_peak": max(p.peak_mib for p in parses)}
    outputs = {}
    for jobs in (1, 2):
        for mode, extra in (("shared", []), ("plain", ["--no-shared-preambles"])):
            output = os.path.join(work, f"{label}-{mode}-j{jobs}.json")
            result = run([lint, "--no-cache", "-j", str(jobs), *extra,
                          "--format=json", f"--output={output}", "-p",
                          build_dir], cwd=build_dir)
            if result.status not in (0, 1):
                print(f"warning: async-lint {' '.join(extra)} -j {jobs} on "
                      f"{label} exited with {result.status}:\n"
                      f"{result.stderr[-2000:]}")
            figures[f"{mode}{jobs}"] = result
            with open(output) as f:
                outputs[(mode, jobs)] = f.read()
    reference = outputs[("plain", 1)]
    figures["identical"] = all(text == reference for text in outputs.values())
    figures["findings"] = len(json.loads(reference).get("findings", []))
    return figures


def report_whole_projects(projects):
    print("\nShared preambles, whole project, cold (--no-cache): wall seconds "
          "(CPU seconds); ratios to the sum of the TUs' parse times")
    rows = []
    for label, f in projects:
        for jobs in (1, 2):
            shared, plain = f[f"shared{jobs}"], f[f"plain{jobs}"]
            rows.append([
                f"{label} ({f['tus']} TUs) -j {jobs}",
                f"{f['parse']:.1f} ({f['parse_cpu']:.1f})",
                f"{plain.seconds:.1f} ({plain.cpu:.1f})",
                f"{shared.seconds:.1f} ({shared.cpu:.1f})",
                f"{shared.seconds / f['parse']:.2f}x "
                f"({shared.cpu / f['parse_cpu']:.2f}x)",
                f"{plain.seconds / f['parse']:.2f}x",
                f"{shared.seconds / plain.seconds:.2f}x",
                f"{plain.peak_mib:.0f} / {shared.peak_mib:.0f}",
            ])
    print_table(["project", "sum of parse", "without", "with",
                 "with / parse", "without / parse", "with / without",
                 "peak MiB without / with"], rows)
    print("  peak MiB: the largest process of the run (a worker, or the "
          "builder of a preamble); parse: clang++ -fsyntax-only, one TU after "
          "the other")
    summary = []
    for label, f in projects:
        target = TARGETS["shared_example" if label == "example"
                         else "shared_generated"]
        value = f["shared1"].seconds / f["parse"]
        summary.append([f"{label}: with shared preambles -j 1 / sum of parse",
                        f"{value:.2f}x", f"<= {target:.2f}x",
                        verdict(value, target)])
        memory = max(f["shared1"].peak_mib / f["plain1"].peak_mib,
                     f["shared2"].peak_mib / f["plain2"].peak_mib)
        summary.append([f"{label}: peak memory with / without",
                        f"{memory:.2f}x", f"<= {TARGETS['shared_memory']:.2f}x",
                        verdict(memory, TARGETS["shared_memory"])])
        summary.append([f"{label}: findings ({f['findings']}) of the 4 runs",
                        "identical" if f["identical"] else "DIFFERENT",
                        "identical", "met" if f["identical"] else "MISSED"])
    print_table(["figure", "measured", "target", ""], summary)


def measure_whole_projects(example_build, work, args):
    generated = os.path.join(work, "generated")
    subprocess.run([sys.executable,
                    os.path.join(REPO, "bench", "generate_project.py"),
                    generated, "--tus", str(args.tus),
                    "--compiler", args.clang],
                   check=True, stdout=subprocess.DEVNULL)
    projects = []
    for label, build_dir in (("example", example_build),
                             ("generated", os.path.join(generated, "build"))):
        print(f"  shared preambles: {label} project "
              f"(load {load_average()})", flush=True)
        projects.append((label, whole_project(label, build_dir, work, args)))
    report_whole_projects(projects)


# --- the report --------------------------------------------------------------

def print_table(header, rows):
    widths = [max(len(str(c)) for c in column)
              for column in zip(header, *rows)]
    def line(cells):
        return "  ".join(str(c).ljust(w) if i == 0 else str(c).rjust(w)
                         for i, (c, w) in enumerate(zip(cells, widths)))
    print(line(header))
    print("  ".join("-" * w for w in widths))
    for row in rows:
        print(line(row))


def verdict(value, target, lower_is_better=True):
    met = value <= target if lower_is_better else value >= target
    return "met" if met else "MISSED"


def ratio(a, b):
    return f"{a:.2f} ({a / b:.2f}x)"


def report(tus, project, project_dir, args):
    seconds = [{tool: median_of(runs, "seconds")
                for tool, runs in tu.runs.items()} for tu in tus]
    memory = [{tool: median_of(runs, "peak_mib")
               for tool, runs in tu.runs.items()} for tu in tus]
    cpu = [{tool: median_of(runs, "cpu")
            for tool, runs in tu.runs.items()} for tu in tus]
    profiles = [{check: statistics.median(walls)
                 for check, walls in tu.profile.items()} for tu in tus]

    print(f"\nPer TU: median wall seconds over {args.repeat} runs "
          "(ratio to parse)")
    print_table(
        ["TU", "parse", "async-lint", "engine only", "reference", "lint/ref",
         "our checks"],
        [[tu.label(), f"{t['parse']:.2f}", ratio(t["async-lint"], t["parse"]),
          ratio(t["engine"], t["parse"]), ratio(t["reference"], t["parse"]),
          f"{t['async-lint'] / t['reference']:.2f}x",
          f"{(t['async-lint'] - t['engine']) / t['parse'] * 100:+.1f}%"]
         for tu, t in zip(tus, seconds)])
    print("  engine only: async-lint --checks='-*,"
          f"{args.floor_check}'; our checks: (async-lint - engine only) / parse")

    print("\nPer TU: median peak RSS in MiB (ratio to parse)")
    print_table(
        ["TU", "parse", "async-lint", "engine only", "reference"],
        [[tu.label(), f"{m['parse']:.0f}",
          f"{m['async-lint']:.0f} ({m['async-lint'] / m['parse']:.2f}x)",
          f"{m['engine']:.0f} ({m['engine'] / m['parse']:.2f}x)",
          f"{m['reference']:.0f} ({m['reference'] / m['parse']:.2f}x)"]
         for tu, m in zip(tus, memory)])

    print(f"\nThe clang-tidy plugin (clang-tidy-19 -load, whole AST walked), "
          f"median of {min(args.plugin_runs, args.repeat)} run(s): wall "
          "seconds (ratio to parse); per-check time from a profiled run")
    print_table(
        ["TU", "tidy floor", "tidy ours", "ours-floor", "profile"],
        [[tu.label(), ratio(t["tidy-floor"], t["parse"]),
          ratio(t["tidy-ours"], t["parse"]),
          f"{(t['tidy-ours'] - t['tidy-floor']) / t['parse'] * 100:+.1f}%",
          " ".join(f"{c}={w:.3f}s" for c, w in sorted(p.items())) or "-"]
         for tu, t, p in zip(tus, seconds, profiles)])
    print(f"  tidy floor: -checks='-*,{args.floor_check}'; tidy ours: "
          "-checks='-*,async-*'; profile: --enable-check-profile, whose "
          "timers inflate what they measure")

    cold, fill, warm = project
    cold1 = median_of(cold[1], "seconds")
    cold2 = median_of(cold[2], "seconds")
    warm_s = median_of(warm, "seconds")
    with open(os.path.join(project_dir, "compile_commands.json")) as f:
        count = len(json.load(f))
    print(f"\nExample project ({count} TUs): median wall seconds over "
          f"{args.repeat} runs")
    print_table(["run", "seconds", "peak MiB"], [
        ["cold -j 1 (--no-cache)", f"{cold1:.2f}",
         f"{median_of(cold[1], 'peak_mib'):.0f}"],
        ["cold -j 2 (--no-cache)", f"{cold2:.2f}",
         f"{median_of(cold[2], 'peak_mib'):.0f}"],
        ["filling the cache (one run)", f"{fill.seconds:.2f}",
         f"{fill.peak_mib:.0f}"],
        ["warm (every TU cached)", f"{warm_s:.3f}",
         f"{median_of(warm, 'peak_mib'):.0f}"],
    ])

    def corpus_median(function):
        return statistics.median(function(t, m) for t, m in zip(seconds, memory))

    time_ratio = corpus_median(lambda t, m: t["async-lint"] / t["parse"])
    memory_ratio = corpus_median(lambda t, m: m["async-lint"] / m["parse"])
    reference = corpus_median(lambda t, m: t["async-lint"] / t["reference"])
    checks = corpus_median(
        lambda t, m: (t["async-lint"] - t["engine"]) / t["parse"])
    plugin = corpus_median(
        lambda t, m: (t["tidy-ours"] - t["tidy-floor"]) / t["parse"])
    engine = corpus_median(lambda t, m: t["engine"] / t["parse"])
    tidy_floor = corpus_median(lambda t, m: t["tidy-floor"] / t["parse"])
    speedup = cold1 / cold2

    print("\nSummary: medians over the corpus of the per-TU ratios")
    rows = [
        ["time: async-lint / parse", f"{time_ratio:.2f}x",
         f"<= {TARGETS['time']:.2f}x", verdict(time_ratio, TARGETS["time"])],
        ["peak RSS: async-lint / parse", f"{memory_ratio:.2f}x",
         f"<= {TARGETS['memory']:.2f}x",
         verdict(memory_ratio, TARGETS["memory"])],
        ["time: async-lint / reference clang-tidy", f"{reference:.2f}x",
         f"<= {TARGETS['reference']:.2f}x",
         verdict(reference, TARGETS["reference"])],
        ["our checks in async-lint: (lint - engine only) / parse",
         f"{checks * 100:+.1f}%", f"<= {TARGETS['checks'] * 100:.0f}%",
         verdict(checks, TARGETS["checks"])],
        ["project: cold -j 1 / -j 2", f"{speedup:.2f}x",
         f">= {TARGETS['speedup']:.2f}x",
         verdict(speedup, TARGETS["speedup"], lower_is_better=False)],
        ["project: warm run", f"{warm_s:.3f}s", f"<= {TARGETS['warm']:.1f}s",
         verdict(warm_s, TARGETS["warm"])],
        ["project: warm / cold -j 2", f"{warm_s / cold2 * 100:.1f}%",
         f"<= {TARGETS['warm_ratio'] * 100:.0f}%",
         verdict(warm_s / cold2, TARGETS["warm_ratio"])],
    ]
    print_table(["figure", "measured", "target", ""], rows)
    missed = sum(1 for row in rows if row[3] != "met")
    print(f"\n{len(rows) - missed} of {len(rows)} targets met.")
    cpu_parse = statistics.median(c["async-lint"] / c["parse"] for c in cpu)
    cpu_reference = statistics.median(c["async-lint"] / c["reference"]
                                      for c in cpu)
    cpu_checks = statistics.median((c["async-lint"] - c["engine"]) / c["parse"]
                                   for c in cpu)
    print("CPU time (user + system), less sensitive than wall time to other "
          f"work on the machine: async-lint / parse {cpu_parse:.2f}x, "
          f"async-lint / reference {cpu_reference:.2f}x, our checks "
          f"{cpu_checks * 100:+.1f}%")
    print("Informational (ratio to parse): async-lint engine only "
          f"{engine:.2f}x; clang-tidy engine only {tidy_floor:.2f}x; "
          f"our checks in the clang-tidy plugin {plugin * 100:+.1f}%")


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--build", default=os.path.join(REPO, "build"),
                        help="build directory holding bin/async-lint and "
                             "lib/AsyncLintTidyModule.so (default: build)")
    parser.add_argument("--repeat", type=int, default=3,
                        help="repetitions of each measurement (default: 3)")
    parser.add_argument("--all-examples", action="store_true",
                        help="every Boost.Asio C++20 example, not only the "
                             "first of each directory")
    parser.add_argument("--clang", default="clang++-19")
    parser.add_argument("--clang-tidy", default="clang-tidy-19")
    parser.add_argument("--floor-check", default="readability-misplaced-array-index",
                        help="the cheap check of the engine-only baseline")
    parser.add_argument("--lint-arg", action="append", default=[],
                        help="an extra argument for the async-lint runs, e.g. "
                        "--lint-arg=--config={CheckOptions: "
                        "{async-blocking-call.FollowLibraryCalls: false}} "
                        "to compare an option's cost (repeatable)")
    parser.add_argument("--plugin-runs", type=int, default=1,
                        help="runs of the clang-tidy plugin figures, which "
                             "no target depends on (default: 1)")
    parser.add_argument("--whole-project", action="store_true",
                        help="only the whole-project figure of shared "
                             "preambles")
    parser.add_argument("--tus", type=int, default=40,
                        help="TUs of the generated project (default: 40)")
    parser.add_argument("--keep", action="store_true",
                        help="keep the temporary directory")
    args = parser.parse_args()
    args.build = os.path.abspath(args.build)
    for path in (os.path.join(args.build, "bin", "async-lint"),
                 os.path.join(args.build, "lib", "AsyncLintTidyModule.so")):
        if not os.path.exists(path):
            sys.exit(f"{path} not found: build async-lint first, or pass --build")
    if args.repeat < 1:
        sys.exit("--repeat must be at least 1")

    version = subprocess.run([os.path.join(args.build, "bin", "async-lint"),
                              "--version"], capture_output=True, text=True)
    print(version.stdout.strip())
    print(f"{os.cpu_count()} cores; load average before: {load_average()}")
    start = time.perf_counter()
    work = tempfile.mkdtemp(prefix="async-lint-bench-")
    try:
        build_dir, tus = chat_server_tus(work, args.clang)
        if args.whole_project:
            measure_whole_projects(build_dir, work, args)
            return
        tus += lit_test_tus(work)
        tus += boost_example_tus(work, args.all_examples)
        tus = keep_compiling(tus, args.clang)
        print(f"corpus: {len(tus)} TUs; {args.repeat} repetitions")
        measure_tus(tus, args)
        print("  the example project", flush=True)
        project = measure_project(build_dir, work, args)
        report(tus, project, build_dir, args)
        measure_whole_projects(build_dir, work, args)
    finally:
        if args.keep:
            print(f"kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)
    print(f"\nload average after: {load_average()}; "
          f"{time.perf_counter() - start:.0f} s in all")


if __name__ == "__main__":
    main()
