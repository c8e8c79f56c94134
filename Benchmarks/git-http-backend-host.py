#!/usr/bin/env python3
"""A minimal CGI host for `git http-backend` on loopback, the reference server of the clone benchmark.

Usage: git-http-backend-host.py PROJECT_ROOT  (prints the chosen port on stdout, then serves until killed).
Each request runs `git http-backend` with the CGI variables git documents (git-http-backend(1)); the
response is streamed as git writes it, so the timing includes no extra buffering.
"""
import http.server
import os
import subprocess
import sys


class GitBackendHandler(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        self.run_backend(b"")

    def do_POST(self):
        if self.headers.get("Transfer-Encoding", "").lower() == "chunked":
            body = b""
            while True:
                size = int(self.rfile.readline().split(b";")[0], 16)
                chunk = self.rfile.read(size)
                self.rfile.readline()
                if size == 0:
                    break
                body += chunk
        else:
            body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        self.run_backend(body)

    def run_backend(self, body):
        path, _, query = self.path.partition("?")
        env = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "GIT_PROJECT_ROOT": self.server.project_root,
            "GIT_HTTP_EXPORT_ALL": "1",
            "PATH_INFO": path,
            "QUERY_STRING": query,
            "REQUEST_METHOD": self.command,
            "CONTENT_TYPE": self.headers.get("Content-Type", ""),
            "CONTENT_LENGTH": str(len(body)),
            "REMOTE_ADDR": "127.0.0.1",
        }
        if self.headers.get("Git-Protocol"):
            env["GIT_PROTOCOL"] = self.headers["Git-Protocol"]
        if self.headers.get("Content-Encoding"):
            env["HTTP_CONTENT_ENCODING"] = self.headers["Content-Encoding"]
        backend = subprocess.Popen(["git", "http-backend"], env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE)
        backend.stdin.write(body)
        backend.stdin.close()
        status, headers = 200, []
        while True:
            line = backend.stdout.readline().rstrip(b"\r\n")
            if not line:
                break
            name, _, value = line.decode("latin-1").partition(":")
            if name.lower() == "status":
                status = int(value.strip().split()[0])
            else:
                headers.append((name, value.strip()))
        self.send_response(status)
        for name, value in headers:
            self.send_header(name, value)
        self.end_headers()
        while True:
            chunk = backend.stdout.read1(65536)
            if not chunk:
                break
            self.wfile.write(chunk)
        backend.wait()

    def log_message(self, format, *args):
        pass


def main():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), GitBackendHandler)
    server.project_root = sys.argv[1]
    print(server.server_address[1], flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
