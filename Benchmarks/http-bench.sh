#!/usr/bin/env bash
# Throughput of a running opswiki against nginx serving the same bytes as a static file (wrk).
#
# Usage: Benchmarks/http-bench.sh URL FILE [DURATION]
#   URL       a page of an already-running opswiki, e.g. http://127.0.0.1:8080/raw/Home
#   FILE      a file holding exactly the bytes URL answers with (nginx serves it)
#   DURATION  wrk run time per measurement (default 5s)
# Prints requests/s at 16 and 256 connections for both servers, the ratio opswiki/nginx, and errors
# (socket errors plus non-2xx/3xx answers). nginx runs on a free loopback port with its own prefix
# and configuration in a temporary directory, and is stopped on exit.
# Environment: CONNECTIONS (default "16 256"), CONTENT_TYPE (nginx's type, default text/markdown),
# FORMAT=values (one line per connection count: connections, opswiki req/s, nginx req/s, both error counts).
set -euo pipefail

if [ $# -lt 2 ]; then
    sed -n '4,8p' "$0" >&2
    exit 64
fi
url=$1
file=$2
duration=${3:-5s}
threads=${WRK_THREADS:-2}
[ -f "$file" ] || { echo "http-bench: no such file: $file" >&2; exit 64; }
command -v wrk >/dev/null || { echo "http-bench: wrk is not installed" >&2; exit 1; }
nginx_bin=$(command -v nginx || echo /usr/sbin/nginx)
[ -x "$nginx_bin" ] || { echo "http-bench: nginx is not installed" >&2; exit 1; }

prefix=$(mktemp -d /tmp/opswiki-bench.XXXXXX)
cleanup() {
    if [ -f "$prefix/nginx.pid" ]; then kill "$(cat "$prefix/nginx.pid")" 2>/dev/null || true; sleep 0.2; fi
    rm -rf "$prefix"
}
trap cleanup EXIT
# nginx workers may run as an unprivileged user: the document root must be world-readable.
chmod 755 "$prefix"
mkdir -p "$prefix/html" "$prefix/logs" "$prefix/tmp"
cp "$file" "$prefix/html/file"
chmod 644 "$prefix/html/file"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
cat > "$prefix/nginx.conf" <<CONF
worker_processes ${NGINX_WORKERS:-auto};
pid $prefix/nginx.pid;
error_log $prefix/logs/error.log warn;
events { worker_connections 4096; }
http {
    access_log off;
    keepalive_requests 1000000;
    client_body_temp_path $prefix/tmp/body;
    proxy_temp_path $prefix/tmp/proxy;
    fastcgi_temp_path $prefix/tmp/fastcgi;
    uwsgi_temp_path $prefix/tmp/uwsgi;
    scgi_temp_path $prefix/tmp/scgi;
    default_type ${CONTENT_TYPE:-text/markdown};
    server {
        listen 127.0.0.1:$port;
        location / { root $prefix/html; }
    }
}
CONF
"$nginx_bin" -p "$prefix" -c "$prefix/nginx.conf" -g 'daemon on;'
nginx_url="http://127.0.0.1:$port/file"
for _ in $(seq 50); do curl -sf -o /dev/null "$nginx_url" && break; sleep 0.1; done

if ! curl -sf "$url" | cmp -s - "$file"; then
    echo "http-bench: warning: $url does not answer with the bytes of $file" >&2
fi

# run URL CONNECTIONS -> "requests/s errors"
run() {
    local out rps socket non2xx
    out=$(wrk -t"$threads" -c"$2" -d"$duration" "$1")
    rps=$(awk '/^Requests\/sec:/ { print $2 }' <<<"$out")
    socket=$(awk '/Socket errors:/ { gsub(",", ""); print $4 + $6 + $8 + $10 }' <<<"$out")
    non2xx=$(awk '/Non-2xx or 3xx responses:/ { print $5 }' <<<"$out")
    echo "${rps:-0} $(( ${socket:-0} + ${non2xx:-0} ))"
}

[ "${FORMAT:-table}" = values ] || \
    printf '%-12s %14s %14s %8s %15s %13s\n' connections "opswiki req/s" "nginx req/s" ratio "opswiki errors" "nginx errors"
for connections in ${CONNECTIONS:-16 256}; do
    read -r ops_rps ops_err < <(run "$url" "$connections")
    read -r ngx_rps ngx_err < <(run "$nginx_url" "$connections")
    if [ "${FORMAT:-table}" = values ]; then echo "$connections $ops_rps $ngx_rps $ops_err $ngx_err"; continue; fi
    ratio=$(awk -v a="$ops_rps" -v b="$ngx_rps" 'BEGIN { printf (b > 0 ? "%.2f" : "n/a"), (b > 0 ? a / b : 0) }')
    printf '%-12s %14s %14s %8s %15s %13s\n' "$connections" "$ops_rps" "$ngx_rps" "$ratio" "$ops_err" "$ngx_err"
done
