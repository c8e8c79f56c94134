#!/usr/bin/env python3
"""Runs the four Markdown conformance suites through opswiki's renderer and gates on them.

An example fails the gate unless it is listed in conformance-expected-failures.txt (beside this
script) with its reason; a listed example that now passes is reported so the list can shrink.
"""
import argparse, json, os, subprocess, sys, tempfile

SUITES = ["commonmark", "gfm", "extensions", "regression"]

def expected_failures(path):
    allowed = {}
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            line = line.split("#", 1)[0].strip()
            if line:
                suite, example = line.split()
                allowed.setdefault(suite, set()).add(int(example))
    return allowed

def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--shared", required=True)
    parser.add_argument("--renderer", required=True)
    args = parser.parse_args()
    runner = os.path.join(args.shared, "conformance", "run-conformance")
    allowed = expected_failures(os.path.join(os.path.dirname(__file__), "conformance-expected-failures.txt"))
    passed = unexpected = expected = skipped = 0
    now_passing = []
    for suite in SUITES:
        with tempfile.NamedTemporaryFile(suffix=".json") as out:
            run = subprocess.run([runner, "--batch", "--renderer", args.renderer, "--suite", suite, "--json", out.name],
                                 capture_output=True, text=True)
            if run.returncode not in (0, 1):
                print(run.stdout + run.stderr)
                print("conformance: the runner failed on suite %s" % suite)
                return 2
            report = json.load(open(out.name, encoding="utf-8"))
        failing = {e["example"] for e in report["examples"] if e["status"] in ("fail", "error")}
        known = allowed.get(suite, set())
        bad = sorted(failing - known)
        now_passing += ["%s %d" % (suite, n) for n in sorted(known - failing)]
        passed += report["passed"]
        skipped += report["skipped"]
        unexpected += len(bad)
        expected += len(failing & known)
        print("%-11s %4d passed, %3d failed (%d expected), %d skipped%s" % (
            suite, report["passed"], len(failing), len(failing & known), report["skipped"],
            ("; unexpected failures: " + ",".join(map(str, bad))) if bad else ""))
    if now_passing:
        print("now passing, remove from conformance-expected-failures.txt: " + ", ".join(now_passing))
    print("expected failures (listed with reasons in scripts/conformance-expected-failures.txt): %d" % expected)
    print("conformance: %d passed, %d failed, %d skipped" % (passed, unexpected, skipped + expected))
    return 1 if unexpected else 0

if __name__ == "__main__":
    sys.exit(main())
