#!/usr/bin/env python3
"""planlint against the raw-scan baseline on large generated corpora, in one run.

    benches/corpus.py [--files 1000 10000] [--runs 3] [--formats json human] [--single 40]

For each corpus size N, the corpus is made once by ../shared/tools/gen_corpus.py (seed 1) under
target/bench-corpus/ and reused (the 1,000-plan corpus is the first 1,000 files of the 10,000-plan
one, hard-linked). Then, alternating so that both see the same machine state, it runs
  - the baseline: ../shared/tools/rg-baseline/run.sh CORPUS (four ripgrep passes, four checks);
  - target/release/planlint check CORPUS, the whole built-in rule pack, once per format, its
    output written to a file (as a reviewer or CI would keep it);
after one untimed warm-up of each (the corpus in the page cache for all). It reports, per tool,
the median wall time, CPU time (user + system, all threads and child processes), peak resident
memory, and planlint's wall-time ratio to the baseline. Finally, a single-file check of seed 003
from process start to exit (hyperfine when installed, else a loop here).

Needs: python3, cargo, ripgrep (Debian: apt-get install ripgrep); hyperfine optional. Standard
library only. Prints a Markdown table; --json FILE writes the figures too.
"""

import argparse
import json
import os
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SEED_003 = os.path.join(ROOT, "fixtures/plans/seeds/003_499b1605bf18a62a.txt")


def die(message):
    print(f"corpus.py: {message}", file=sys.stderr)
    sys.exit(2)


def measure(argv, stdout_path):
    """Run argv to the end; (wall seconds, cpu seconds, peak RSS in KiB, exit code)."""
    with open(stdout_path, "wb") as out:
        start = time.perf_counter()
        proc = subprocess.Popen(argv, stdout=out, stderr=subprocess.DEVNULL, cwd=ROOT)
        # wait4's usage covers the process and the children it waited for (rg under run.sh).
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss, proc.returncode


def make_corpus(gen, base, n, largest):
    """The directory of the N-plan corpus, generated (or linked from the largest one) if needed."""
    path = os.path.join(base, f"seed1-{n}")
    if os.path.isdir(path) and len(os.listdir(path)) == n:
        return path
    shutil.rmtree(path, ignore_errors=True)
    big = os.path.join(base, f"seed1-{largest}")
    if n != largest and os.path.isdir(big) and len(os.listdir(big)) == largest:
        # File i depends only on (seed, i): a smaller corpus is a prefix of the larger one.
        os.makedirs(path)
        for name in sorted(os.listdir(big))[:n]:
            os.link(os.path.join(big, name), os.path.join(path, name))
        return path
    print(f"generating {n} plans in {path} …", file=sys.stderr, flush=True)
    subprocess.run([sys.executable, gen, path, "--files", str(n), "--seed", "1"], check=True,
                   stdout=subprocess.DEVNULL)
    return path


def corpus_bytes(path):
    return sum(os.path.getsize(os.path.join(path, f)) for f in os.listdir(path))


def single_file(binary, runs):
    """Median and minimum milliseconds of `planlint check SEED_003`, process start to exit."""
    argv = [binary, "check", SEED_003]
    if shutil.which("hyperfine"):
        with tempfile.NamedTemporaryFile(suffix=".json") as f:
            subprocess.run(["hyperfine", "-N", "-i", "--warmup", "5", "--runs", str(runs), "--style", "none",
                            "--export-json", f.name, " ".join(shlex.quote(a) for a in argv)], check=True, cwd=ROOT,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            r = json.load(open(f.name))["results"][0]
            return r["median"] * 1000, r["min"] * 1000, "hyperfine"
    times = []
    for i in range(runs + 5):
        wall, _, _, _ = measure(argv, os.devnull)
        if i >= 5:
            times.append(wall * 1000)
    return statistics.median(times), min(times), "python loop"


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--files", type=int, nargs="+", default=[1000, 10000], help="corpus sizes")
    ap.add_argument("--runs", type=int, default=3, help="timed runs of each tool per corpus")
    ap.add_argument("--formats", nargs="+", default=["json", "human"], help="planlint output formats")
    ap.add_argument("--single", type=int, default=40, help="runs of the single-file check (0: skip)")
    ap.add_argument("--shared", default=os.path.join(ROOT, "..", "shared"), help="the shared/ directory")
    ap.add_argument("--corpora", default=os.path.join(ROOT, "target", "bench-corpus"), help="where corpora go")
    ap.add_argument("--no-build", action="store_true", help="use target/release/planlint as it is")
    ap.add_argument("--json", help="also write the figures to this file")
    args = ap.parse_args()

    gen = os.path.join(args.shared, "tools", "gen_corpus.py")
    baseline = os.path.join(args.shared, "tools", "rg-baseline", "run.sh")
    for path in (gen, baseline):
        if not os.path.isfile(path):
            die(f"{path} not found (give --shared DIR)")
    if not shutil.which("rg"):
        die("ripgrep is needed for the baseline: apt-get install ripgrep")
    if not args.no_build:
        subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=ROOT, check=True)
    binary = os.path.join(ROOT, "target", "release", "planlint")

    os.makedirs(args.corpora, exist_ok=True)
    largest = max(args.files)
    corpora = {}
    for n in sorted(args.files, reverse=True):
        corpora[n] = make_corpus(gen, args.corpora, n, largest)

    tools = [("rg baseline", lambda c, o: ["bash", baseline, c], "txt")]
    for fmt in args.formats:
        tools.append((f"planlint ({fmt})",
                      lambda c, o, fmt=fmt: [binary, "check", c, "--format", fmt, "--output", o], fmt))

    cpus = os.cpu_count()
    model = next((line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo") if line.startswith("model name")),
                 "?") if os.path.exists("/proc/cpuinfo") else "?"
    print(f"machine: {cpus} cores, {model}; {args.runs} timed runs each, medians\n")
    print("| corpus | tool | wall | CPU | peak memory | wall ÷ baseline |")
    print("|---|---|---|---|---|---|")
    figures = {"cores": cpus, "cpu": model, "corpora": []}
    with tempfile.TemporaryDirectory() as tmp:
        for n in sorted(args.files):
            corpus = corpora[n]
            size = corpus_bytes(corpus) / 1e6
            runs = {name: [] for name, _, _ in tools}
            for r in range(args.runs + 1):
                for name, argv, ext in tools:
                    out = os.path.join(tmp, f"out.{ext}")
                    m = measure(argv(corpus, out), out)
                    if m[3] not in (0, 1):
                        die(f"{name} exited with {m[3]} on {corpus}")
                    if r > 0:  # the first round warms the page cache
                        runs[name].append(m)
            base_wall = statistics.median(m[0] for m in runs["rg baseline"])
            entry = {"files": n, "megabytes": round(size, 1), "tools": []}
            for name, _, _ in tools:
                ms = runs[name]
                wall = statistics.median(m[0] for m in ms)
                cpu = statistics.median(m[1] for m in ms)
                rss = max(m[2] for m in ms) / 1024
                ratio = wall / base_wall
                print(f"| {n:,} plans, {size:.0f} MB | {name} | {wall:.2f} s | {cpu:.2f} s | {rss:.0f} MB | "
                      f"{'' if name == 'rg baseline' else f'{ratio:.2f}'} |", flush=True)
                entry["tools"].append({"tool": name, "wall_s": round(wall, 3), "cpu_s": round(cpu, 3),
                                       "peak_rss_mb": round(rss, 1), "ratio": round(ratio, 3),
                                       "walls": [round(m[0], 3) for m in ms]})
            figures["corpora"].append(entry)

    if args.single > 0:
        median, fastest, how = single_file(binary, args.single)
        print(f"\nsingle file (seed 003, 59 KB), process start to exit: median {median:.1f} ms, "
              f"fastest {fastest:.1f} ms ({how}, {args.single} runs)")
        figures["single_file_ms"] = {"median": round(median, 2), "min": round(fastest, 2), "how": how}
    if args.json:
        with open(args.json, "w") as f:
            json.dump(figures, f, indent=2)


if __name__ == "__main__":
    main()
