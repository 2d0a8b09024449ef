#!/usr/bin/env python3
"""Prints what whole-project analysis (summaries and the link step) costs.

    python3 bench/link.py [--build build] [--repeat N] [--tus 2000]
                          [--functions 50] [--seed 1]

Two parts:

  * The example project examples/chat-server (configured with CMake into a
    temporary directory): a cold run (--no-cache -j 2), the link step's own
    time within it (--verbose prints it), a warm run of the unchanged project
    (every TU from a cache filled beforehand), and the per-TU cost of
    recording summaries (cold -j 1 runs with and without the hidden
    --no-summaries, CPU time of the workers). Medians over --repeat runs.
  * A synthetic project, generated: --tus summary files of --functions
    functions each (a tenth of them coroutines, a twentieth blocking by
    themselves, every plain function calling three random functions of other
    files), linked by `async-lint link` (no parsing involved). Printed: the
    link step's own time, the whole command's wall time and peak memory, for
    a quarter, half and all of the TUs, with the memory per MiB of summaries
    to show that it grows linearly.

A benchmark, not a test: it prints figures and asserts nothing.
"""

import argparse
import os
import random
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

TARGETS = {
    "link_share": 0.05,   # link step / cold whole-project run
    "warm": 1.0,          # warm run, seconds
    "warm_share": 0.05,   # warm / cold
    "per_tu": 0.05,       # summaries' share of the per-TU time
    "synthetic": 2.0,     # link step of the synthetic project, seconds
}

LINKED = re.compile(r"linked (\d+) summaries \((\d+) functions, (\d+) "
                    r"blocking\) in ([0-9.]+) ms: (\d+) cross-file")


def timed(command, cwd=None):
    """Wall seconds, children's CPU seconds and peak RSS (KiB), stderr."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.monotonic()
    process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE, text=True)
    _, stderr = process.communicate()
    wall = time.monotonic() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    # ru_maxrss of RUSAGE_CHILDREN is the largest child so far: measure each
    # run in a fresh interpreter for exact figures; here runs only grow.
    return wall, cpu, after.ru_maxrss, process.returncode, stderr


def peak_rss(command, cwd=None):
    """Peak RSS (KiB) and CPU seconds of one command and its descendants,
    and its stderr."""
    probe = ("import resource, subprocess, sys; "
             "p = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, "
             "stderr=subprocess.PIPE, text=True); "
             "sys.stderr.write(p.stderr); "
             "u = resource.getrusage(resource.RUSAGE_CHILDREN); "
             "print(u.ru_maxrss, u.ru_utime + u.ru_stime)")
    result = subprocess.run([sys.executable, "-c", probe] + command, cwd=cwd,
                            capture_output=True, text=True)
    rss, cpu = (result.stdout.split() + ["0", "0"])[:2]
    return int(rss), float(cpu), result.stderr


def example_project(driver, work, repeat):
    build = os.path.join(work, "chat-build")
    subprocess.run(["cmake", "-S", os.path.join(REPO, "examples", "chat-server"),
                    "-B", build, "-DCMAKE_CXX_COMPILER=clang++-19"],
                   check=True, stdout=subprocess.DEVNULL)
    sources = sorted(os.path.join(REPO, "examples", "chat-server", "src", f)
                     for f in os.listdir(os.path.join(REPO, "examples",
                                                      "chat-server", "src")))
    base = [driver, "-p", build, "--quiet"] + sources
    cold, link, cpu_on, cpu_off = [], [], [], []
    for _ in range(repeat):
        wall, _, _, status, err = timed(base + ["--no-cache", "-j", "2",
                                                "--verbose"])
        match = LINKED.search(err)
        if status not in (0, 1) or not match:
            sys.exit(f"async-lint failed on the example project:\n{err}")
        cold.append(wall)
        link.append(float(match.group(4)) / 1000)
        _, cpu, _, _, _ = timed(base + ["--no-cache", "-j", "1"])
        cpu_on.append(cpu)
        _, cpu, _, _, _ = timed(base + ["--no-cache", "-j", "1",
                                        "--no-summaries"])
        cpu_off.append(cpu)
    cache = os.path.join(work, "cache")
    timed(base + ["--cache-dir", cache])
    warm = [timed(base + ["--cache-dir", cache])[0] for _ in range(repeat)]
    return {
        "tus": len(sources),
        "cold": statistics.median(cold),
        "link": statistics.median(link),
        "warm": statistics.median(warm),
        "cpu_on": statistics.median(cpu_on),
        "cpu_off": statistics.median(cpu_off),
        "findings": int(match.group(5)),
    }


def escape(text):
    return text.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n")


def generate(directory, root, version, tus, functions, seed):
    """Writes the synthetic summaries; returns their total size in bytes."""
    rng = random.Random(seed)
    os.makedirs(directory, exist_ok=True)
    usr = lambda t, f: f"c:@N@tu{t}@F@fn{f}#I#"
    total = 0
    for t in range(tus):
        lines = [f"async-lint-summary 1", f"tool {version}",
                 f"project {escape(root)}", f"tu src/tu{t}.cpp"]
        for f in range(functions):
            coroutine = f % 10 == 9
            name = f"'tu{t}::fn{f}'"
            lines.append(f"fn {usr(t, f)}\t{name}\t"
                         f"{'coroutine ' + name if coroutine else ''}\t-\t"
                         f"src/tu{t}.cpp\t{100 * f}")
            if not coroutine and rng.random() < 0.05:
                lines.append("blocks file-io\tstd::fopen\tstd::fopen\t; "
                             "instead: co_await a file read on a worker "
                             "thread\t1")
                lines.append(f"hop src/tu{t}.cpp\t{100 * f + 10}\t{name}\t"
                             "'fopen'")
                continue
            for c in range(3):
                other = rng.randrange(tus)
                callee = rng.randrange(functions)
                if callee % 10 == 9:
                    callee -= 1
                lines.append(f"call {usr(other, callee)}\t'tu{other}::fn{callee}'"
                             f"\tsrc/tu{t}.cpp\t{100 * f + 20 + c}\tp\t")
        lines.append(f"end 1 {functions}")
        text = "\n".join(lines) + "\n"
        total += len(text)
        with open(os.path.join(directory, f"tu{t}.summary"), "w") as out:
            out.write(text)
    return total


def synthetic(driver, work, version, tus, functions, seed):
    rows = []
    for count in sorted({max(1, tus // 4), max(1, tus // 2), tus}):
        root = os.path.join(work, f"synthetic-{count}")
        size = generate(os.path.join(root, "summaries"), root, version, count,
                        functions, seed)
        # --statistics: the link and its findings, without printing tens of
        # thousands of them (which JSON output would spend most time on).
        command = [driver, "link", "summaries", "--verbose", "--quiet",
                   "--statistics", f"--source-root={root}"]
        start = time.monotonic()
        rss, cpu, err = peak_rss(command, cwd=root)
        wall = time.monotonic() - start
        match = LINKED.search(err)
        if not match or "warning:" in err:
            sys.exit(f"async-lint link failed:\n{err[:2000]}")
        rows.append({"tus": count, "functions": int(match.group(2)),
                     "blocking": int(match.group(3)),
                     "link": float(match.group(4)) / 1000,
                     "findings": int(match.group(5)), "wall": wall,
                     "cpu": cpu,
                     "rss": rss / 1024, "size": size / (1024 * 1024)})
    return rows


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--build", default=os.path.join(REPO, "build"))
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--tus", type=int, default=2000)
    parser.add_argument("--functions", type=int, default=50)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--skip-example", action="store_true")
    args = parser.parse_args()
    driver = os.path.join(args.build, "bin", "async-lint")
    version = open(os.path.join(REPO, "VERSION")).read().strip()
    print(f"{os.cpu_count()} cores; load average before: "
          f"{' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    work = tempfile.mkdtemp(prefix="async-lint-link-")
    try:
        if not args.skip_example:
            p = example_project(driver, work, args.repeat)
            per_tu = (p["cpu_on"] - p["cpu_off"]) / p["cpu_off"]
            print(f"\nExample project ({p['tus']} TUs, {p['findings']} "
                  f"cross-file finding), medians of {args.repeat} runs:")
            print(f"  cold run (-j 2, --no-cache)      {p['cold']:8.3f} s")
            print(f"  link step within it              {p['link']:8.6f} s "
                  f"= {100 * p['link'] / p['cold']:.4f}% of the cold run "
                  f"(target <= {100 * TARGETS['link_share']:.0f}%)")
            print(f"  warm run (unchanged, cached)     {p['warm']:8.3f} s "
                  f"= {100 * p['warm'] / p['cold']:.1f}% of the cold run "
                  f"(targets <= {TARGETS['warm']:.0f} s, "
                  f"<= {100 * TARGETS['warm_share']:.0f}%)")
            print(f"  CPU, -j 1, with summaries        {p['cpu_on']:8.3f} s")
            print(f"  CPU, -j 1, --no-summaries        {p['cpu_off']:8.3f} s "
                  f"-> summaries add {100 * per_tu:+.1f}% per TU "
                  f"(target <= {100 * TARGETS['per_tu']:.0f}%)")
        rows = synthetic(driver, work, version, args.tus, args.functions,
                         args.seed)
        print(f"\nSynthetic project: {args.functions} functions per TU, "
              "random cross-file calls, `async-lint link` over generated "
              "summaries:")
        print(f"  {'TUs':>6} {'functions':>9} {'blocking':>8} {'findings':>8} "
              f"{'summaries':>9} {'link':>7} {'command':>7} {'CPU':>6} "
              f"{'peak RSS':>8} "
              f"{'+RSS/+MiB':>9}")
        previous = None
        for r in rows:
            # The memory added per MiB of summaries added since the row
            # before: constant when memory is linear in the summaries' size.
            slope = ((r['rss'] - previous['rss']) / (r['size'] - previous['size'])
                     if previous else float('nan'))
            print(f"  {r['tus']:>6} {r['functions']:>9} {r['blocking']:>8} "
                  f"{r['findings']:>8} {r['size']:>7.1f}MB {r['link']:>6.3f}s "
                  f"{r['wall']:>6.2f}s {r['cpu']:>5.2f}s {r['rss']:>6.0f}MB "
                  f"{slope:>9.1f}")
            previous = r
        print("  link: the link step's own wall time (--verbose); command: "
              "the whole `async-lint link` (reading the files, the findings), "
              "wall and CPU")
        print(f"  target: the link step of {args.tus} TUs <= "
              f"{TARGETS['synthetic']:.0f} s; memory linear in the summaries' "
              "size (+RSS/+MiB about constant)")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(f"\nload average after: "
          f"{' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
