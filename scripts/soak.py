#!/usr/bin/env python3
"""make soak: a bounded mixed load against a release `opswiki serve` on loopback, then the checks of issue 9.

Readers, editors on the same few pages, pushes, clones and searches run for SOAK_SECONDS (default 600).
Afterwards: zero 5xx answers, every acknowledged write in history (each acknowledged edit's unique line is
found in `git log -p main`, each acknowledged push is an ancestor of main), `git fsck --full` clean, and the
server's resident memory grew less than 10% over the second half of the run (the first half fills the
bounded caches). Prints the figures; exits 1 when a check fails.
"""
import argparse
import http.client
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import uuid
from base64 import b64encode

USER, PASSWORD = "soak", "soak-password-1"
SHARED_PAGES = [f"soak/shared-{i}" for i in range(4)]
BASE_RE = re.compile(rb'name="base" value="([0-9a-f]*)"')


class Stats:
    """Counters shared by the worker threads."""

    def __init__(self):
        self.lock = threading.Lock()
        self.statuses = {}
        self.latencies = []
        self.counts = {}
        self.acknowledged_edits = []   # unique lines that must be in history
        self.acknowledged_pushes = []  # commit ids that must be on main
        self.failures = []             # transport failures (the server never answered)

    def status(self, kind, code, seconds):
        with self.lock:
            self.statuses[(kind, code)] = self.statuses.get((kind, code), 0) + 1
            if len(self.latencies) < 2_000_000:
                self.latencies.append(seconds)

    def count(self, name, by=1):
        with self.lock:
            self.counts[name] = self.counts.get(name, 0) + by


class Client:
    """One keep-alive HTTP connection; reconnects after the server closed it."""

    def __init__(self, port, stats, kind):
        self.port, self.stats, self.kind = port, stats, kind
        self.connection = None

    def request(self, method, path, body=None, headers=None):
        headers = dict(headers or {})
        for attempt in range(2):
            if self.connection is None:
                self.connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
            started = time.monotonic()
            try:
                self.connection.request(method, path, body=body, headers=headers)
                response = self.connection.getresponse()
                data = response.read()
            except (http.client.HTTPException, OSError) as error:
                self.connection.close()
                self.connection = None
                if attempt == 1:
                    with self.stats.lock:
                        self.stats.failures.append(f"{method} {path}: {error!r}")
                    return None, b""
                continue
            self.stats.status(self.kind, response.status, time.monotonic() - started)
            if response.getheader("Connection", "").lower() == "close":
                self.connection.close()
                self.connection = None
            return response.status, data
        return None, b""


def basic_auth():
    return "Basic " + b64encode(f"{USER}:{PASSWORD}".encode()).decode()


def reader(port, stats, stop):
    client = Client(port, stats, "read")
    paths = ["/wiki/Home", "/pages", "/changes", "/static/style.css", "/healthz"] + \
            [f"/wiki/{p}" for p in SHARED_PAGES] + [f"/history/{p}" for p in SHARED_PAGES] + \
            [f"/raw/{p}" for p in SHARED_PAGES] + ["/wiki/does/not/exist"]
    while not stop.is_set():
        client.request("GET", random.choice(paths))
        stats.count("reads")


def searcher(port, stats, stop):
    client = Client(port, stats, "search")
    words = ["soak", "edit", "welcome", "runbook", "push", "nothing-matches-this"]
    while not stop.is_set():
        client.request("GET", "/search?q=" + urllib.parse.quote(random.choice(words)))
        stats.count("searches")
        time.sleep(0.05)


def editor(port, stats, stop, number):
    """Loads a shared page's editor (text and base), inserts one unique line at a random place, saves."""
    client = Client(port, stats, "edit")
    auth = {"Authorization": basic_auth()}
    sequence = 0
    while not stop.is_set():
        page = random.choice(SHARED_PAGES)
        status, form = client.request("GET", f"/edit/{page}", headers=auth)
        if status != 200:
            time.sleep(0.1)
            continue
        match = BASE_RE.search(form)
        status, raw = client.request("GET", f"/raw/{page}")
        text = raw.decode() if status == 200 else ""
        lines = text.splitlines()
        sequence += 1
        marker = f"soak-edit {number}-{sequence} {uuid.uuid4().hex}"
        lines.insert(random.randint(0, len(lines)), marker)
        # Pages keep a steady size (an older edit's line goes), so memory is not measured on ever-longer pages.
        older = [index for index, line in enumerate(lines) if line.startswith("soak-edit ") and line != marker]
        if len(lines) > 30 and older:
            del lines[random.choice(older)]
        body = urllib.parse.urlencode({"content": "\n".join(lines) + "\n", "message": marker,
                                       "base": match.group(1).decode() if match else ""})
        status, _ = client.request("POST", f"/edit/{page}", body=body,
                                   headers={**auth, "Content-Type": "application/x-www-form-urlencoded"})
        if status == 303:
            with stats.lock:
                stats.acknowledged_edits.append(marker)
            stats.count("edits acknowledged")
        elif status == 409:
            stats.count("edits conflicted")
        time.sleep(random.uniform(0.1, 0.5))


def git(*arguments, cwd=None, check=False):
    environment = {"PATH": "/usr/bin:/bin", "HOME": os.environ.get("SOAK_HOME", "/tmp"), "GIT_TERMINAL_PROMPT": "0",
                   "GIT_CONFIG_NOSYSTEM": "1", "LC_ALL": "C", "GIT_AUTHOR_NAME": "Soak Pusher",
                   "GIT_AUTHOR_EMAIL": "push@soak.test", "GIT_COMMITTER_NAME": "Soak Pusher",
                   "GIT_COMMITTER_EMAIL": "push@soak.test"}
    result = subprocess.run(["git", *arguments], cwd=cwd, env=environment, capture_output=True, text=True)
    if check and result.returncode != 0:
        raise RuntimeError(f"git {' '.join(arguments)}: {result.stderr}")
    return result


def pusher(url, work, stats, stop):
    clone = os.path.join(work, "push-clone")
    git("clone", "-q", url, clone, check=True)
    sequence = 0
    while not stop.is_set():
        if git("fetch", "-q", "origin", "main", cwd=clone).returncode != 0 or \
                git("reset", "-q", "--hard", "FETCH_HEAD", cwd=clone).returncode != 0:
            stats.count("pushes failed to fetch")
            time.sleep(0.5)
            continue
        sequence += 1
        with open(os.path.join(clone, f"soak-push-{sequence}.md"), "w") as file:
            file.write(f"pushed page {sequence} {uuid.uuid4().hex}\n")
        git("add", ".", cwd=clone, check=True)
        git("commit", "-q", "-m", f"soak push {sequence}", cwd=clone, check=True)
        head = git("rev-parse", "HEAD", cwd=clone, check=True).stdout.strip()
        # A web edit that moves main between our fetch and the push gets the push refused ("fetch first"):
        # fetch, rebase and try again, as a person would, a few times.
        for attempt in range(6):
            if git("push", "-q", "origin", "HEAD:main", cwd=clone).returncode == 0:
                with stats.lock:
                    stats.acknowledged_pushes.append(head)
                stats.count("pushes acknowledged")
                break
            stats.count("pushes refused (main moved), retried")
            if git("fetch", "-q", "origin", "main", cwd=clone).returncode != 0 or \
                    git("rebase", "-q", "FETCH_HEAD", cwd=clone).returncode != 0:
                git("rebase", "--abort", cwd=clone)
                break
            head = git("rev-parse", "HEAD", cwd=clone, check=True).stdout.strip()
        time.sleep(random.uniform(0.5, 1.5))


def cloner(url, work, stats, stop):
    sequence = 0
    while not stop.is_set():
        sequence += 1
        target = os.path.join(work, f"clone-{sequence}")
        result = git("clone", "-q", url, target)
        stats.count("clones ok" if result.returncode == 0 else "clones FAILED")
        if result.returncode != 0:
            with stats.lock:
                stats.failures.append(f"clone: {result.stderr.strip()}")
        shutil.rmtree(target, ignore_errors=True)
        time.sleep(2)


def memory(pid):
    """VmRSS, RssAnon and RssFile of `pid` in bytes (proc(5))."""
    values = {}
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            key, _, rest = line.partition(":")
            if key in ("VmRSS", "RssAnon", "RssFile"):
                values[key] = int(rest.split()[0]) * 1024
    return values


def resident_bytes(pid):
    return memory(pid)["VmRSS"]


def start_server(binary, repo, users):
    process = subprocess.Popen([binary, "serve", "--repo", repo, "--users", users, "--host", "127.0.0.1", "--port", "0",
                                "--quiet"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    lines = []
    port = None
    deadline = time.monotonic() + 30
    while port is None and time.monotonic() < deadline:
        line = process.stderr.readline()
        if not line:
            break
        lines.append(line.rstrip())
        match = re.search(r" serving .* at http://127\.0\.0\.1:(\d+)/", line)
        if match:
            port = int(match.group(1))
    if port is None:
        process.kill()
        sys.exit("opswiki serve did not start:\n" + "\n".join(lines))
    # Keep draining stderr so the server never blocks on a full pipe; keep the lines for the report.
    threading.Thread(target=lambda: lines.extend(l.rstrip() for l in process.stderr), daemon=True).start()
    return process, port, lines


def cache_bytes(port):
    """The `opswiki_cache_bytes` gauges from /metrics by cache, and the heap in use (`opswiki_heap_bytes`)."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        connection.request("GET", "/metrics")
        text = connection.getresponse().read().decode()
    except (http.client.HTTPException, OSError):
        return {}, 0
    finally:
        connection.close()
    values = {match.group(1): int(match.group(2))
              for match in re.finditer(r'^opswiki_cache_bytes\{cache="([a-z]+)"\} (\d+)$', text, re.M)}
    used = re.search(r'^opswiki_heap_bytes\{state="used"\} (\d+)$', text, re.M)
    return values, int(used.group(1)) if used else 0


def percentile(values, fraction):
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--binary", default=".build/release/opswiki")
    parser.add_argument("--seconds", type=int, default=int(os.environ.get("SOAK_SECONDS", "600")))
    parser.add_argument("--readers", type=int, default=4)
    parser.add_argument("--editors", type=int, default=3)
    parser.add_argument("--no-git", action="store_true", help="no pushes and clones (to tell their memory apart)")
    arguments = parser.parse_args()
    duration = max(10, arguments.seconds)
    # The first half fills the bounded caches (see `cache_bytes`; 512 rendered pages): memory growth is
    # judged on the second half, where a leak would show.
    warmup = duration * 0.5

    work = tempfile.mkdtemp(prefix="opswiki-soak-")
    os.environ["SOAK_HOME"] = work
    repo, users = os.path.join(work, "wiki.git"), os.path.join(work, "users")
    subprocess.run([arguments.binary, "init", repo, "--demo"], check=True, capture_output=True)
    subprocess.run([arguments.binary, "user", "add", "--users", users, USER, "--email", "soak@soak.test",
                    "--role", "maintainer"], input=PASSWORD + "\n", text=True, check=True, capture_output=True)
    server, port, server_lines = start_server(arguments.binary, repo, users)
    url = f"http://{USER}:{PASSWORD}@127.0.0.1:{port}/wiki.git"
    stats, stop = Stats(), threading.Event()

    # Seed the shared pages so editors meet on existing text.
    seed = Client(port, stats, "edit")
    for page in SHARED_PAGES:
        body = urllib.parse.urlencode({"content": "# Shared\n\none\ntwo\nthree\n", "message": "seed", "base": ""})
        seed.request("POST", f"/edit/{page}", body=body,
                     headers={"Authorization": basic_auth(), "Content-Type": "application/x-www-form-urlencoded"})

    workers = [threading.Thread(target=reader, args=(port, stats, stop)) for _ in range(arguments.readers)]
    workers += [threading.Thread(target=editor, args=(port, stats, stop, n)) for n in range(arguments.editors)]
    workers.append(threading.Thread(target=searcher, args=(port, stats, stop)))
    if not arguments.no_git:
        workers += [threading.Thread(target=pusher, args=(url, work, stats, stop)),
                    threading.Thread(target=cloner, args=(url, work, stats, stop))]
    print(f"soak: {duration} s against {arguments.binary} on port {port} (pid {server.pid}); "
          f"memory is compared between {warmup:.0f} s (caches filled) and the end")
    started = time.monotonic()
    for worker in workers:
        worker.start()
    time.sleep(warmup)
    rss_baseline = resident_bytes(server.pid)
    caches_baseline, heap_baseline = cache_bytes(port)
    rss_peak = rss_baseline
    samples = [(time.monotonic() - started, memory(server.pid))]
    while time.monotonic() - started < duration:
        time.sleep(min(5, max(0.1, duration - (time.monotonic() - started))))
        samples.append((time.monotonic() - started, memory(server.pid)))
        rss_peak = max(rss_peak, samples[-1][1]["VmRSS"])
    rss_final = resident_bytes(server.pid)
    caches_final, heap_final = cache_bytes(port)
    stop.set()
    for worker in workers:
        worker.join()
    elapsed = time.monotonic() - started
    server.send_signal(signal.SIGTERM)
    server.wait(timeout=30)

    # Checks.
    history = git("--git-dir", repo, "log", "-p", "main").stdout
    lost_edits = [marker for marker in stats.acknowledged_edits if marker not in history]
    lost_pushes = [commit for commit in stats.acknowledged_pushes
                   if git("--git-dir", repo, "merge-base", "--is-ancestor", commit, "main").returncode != 0]
    fsck = git("--git-dir", repo, "fsck", "--full", "--no-progress")
    fsck_clean = fsck.returncode == 0 and "error" not in fsck.stderr and "missing" not in fsck.stderr
    server_errors = {key: count for key, count in stats.statuses.items() if key[1] >= 500}
    growth = (rss_final - rss_baseline) / rss_baseline
    # The caches /metrics reports (file 16 MiB, snippet 4, blame 8, response 32, git 4 of raw objects) are
    # bounded, but keyed by blob or commit they fill over thousands of edits; what grows besides them is what
    # a leak would be.
    cached_growth = sum(caches_final.values()) - sum(caches_baseline.values())
    growth_besides_caches = (rss_final - cached_growth - rss_baseline) / rss_baseline

    total = sum(stats.statuses.values())
    print(f"requests: {total} in {elapsed:.0f} s ({total / elapsed:.0f}/s); latency p50 "
          f"{percentile(stats.latencies, 0.5) * 1000:.1f} ms, p99 {percentile(stats.latencies, 0.99) * 1000:.1f} ms, "
          f"max {max(stats.latencies, default=0) * 1000:.0f} ms")
    by_status = {}
    for (kind, code), count in sorted(stats.statuses.items()):
        by_status.setdefault(kind, []).append(f"{code}={count}")
    for kind, codes in by_status.items():
        print(f"  {kind}: {' '.join(codes)}")
    for name, count in sorted(stats.counts.items()):
        print(f"  {name}: {count}")
    print(f"5xx answers: {sum(server_errors.values())}; requests with no answer: {len(stats.failures)}")
    for failure in stats.failures[:10]:
        print(f"  {failure}")
    print(f"acknowledged edits: {len(stats.acknowledged_edits)}, lost: {len(lost_edits)}; "
          f"acknowledged pushes: {len(stats.acknowledged_pushes)}, lost: {len(lost_pushes)}")
    print(f"git fsck --full: {'clean' if fsck_clean else 'FAILED: ' + fsck.stderr.strip()[:500]}")
    print(f"RSS: {rss_baseline / 2**20:.1f} MiB after warm-up, {rss_final / 2**20:.1f} MiB at the end "
          f"(peak {rss_peak / 2**20:.1f} MiB): growth {growth * 100:+.1f}%; "
          f"besides the bounded caches' growth ({cached_growth / 2**20:+.1f} MiB): {growth_besides_caches * 100:+.1f}%")
    print(f"heap in use: {heap_baseline / 2**20:.1f} MiB after warm-up, {heap_final / 2**20:.1f} MiB at the end; "
          f"besides the caches' growth: {(heap_final - heap_baseline - cached_growth) / 2**20:+.1f} MiB")
    print("cache bytes after warm-up / at the end: " + ", ".join(
        f"{name} {caches_baseline.get(name, 0) / 2**20:.1f} / {caches_final.get(name, 0) / 2**20:.1f} MiB"
        for name in sorted(set(caches_baseline) | set(caches_final))))
    step = max(1, len(samples) // 12)
    print("RSS over time (anonymous + file-backed): " + ", ".join(
        f"{t:.0f}s {m['VmRSS'] / 2**20:.0f}M ({m.get('RssAnon', 0) / 2**20:.0f}+{m.get('RssFile', 0) / 2**20:.0f})"
        for t, m in samples[::step] + samples[-1:]))
    errors = [line for line in server_lines if " error" in line.lower() or "level=error" in line]
    if errors:
        print(f"server error lines: {len(errors)}")
        for line in errors[:10]:
            print(f"  {line}")

    failed = []
    if server_errors:
        failed.append("5xx answers")
    if stats.failures:
        failed.append("requests without an answer")
    if lost_edits or lost_pushes:
        failed.append("lost acknowledged writes")
    if not fsck_clean:
        failed.append("fsck")
    if growth_besides_caches >= 0.10:
        failed.append("RSS growth besides the bounded caches >= 10%")
    if not stats.acknowledged_edits or (not stats.acknowledged_pushes and not arguments.no_git):
        failed.append("no acknowledged edits or pushes (nothing was tested)")
    shutil.rmtree(work, ignore_errors=True)
    if failed:
        print("soak FAILED: " + ", ".join(failed))
        return 1
    print("soak passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
