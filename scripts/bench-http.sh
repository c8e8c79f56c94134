#!/usr/bin/env bash
# make bench's HTTP row: serves a demo wiki with the release binary on a free loopback port and
# compares /raw/Home with nginx serving the same bytes (Benchmarks/http-bench.sh).
set -euo pipefail
binary=${1:-.build/release/opswiki}
work=$(mktemp -d /tmp/opswiki-bench-http.XXXXXX)
server=""
cleanup() { [ -n "$server" ] && kill "$server" 2>/dev/null; wait 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
"$binary" init "$work/wiki.git" --demo >/dev/null
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
"$binary" serve --repo "$work/wiki.git" --port "$port" --quiet 2>"$work/serve.log" &
server=$!
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.1; done
curl -sf "http://127.0.0.1:$port/raw/Home" > "$work/Home.md"
Benchmarks/http-bench.sh "http://127.0.0.1:$port/raw/Home" "$work/Home.md" "${BENCH_DURATION:-5s}"
