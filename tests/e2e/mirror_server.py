"""A release mirror for the fetch scenarios, on 127.0.0.1 only: serves a folder over HTTP with
Range requests (206, 416) and 404 for what is absent, and misbehaves on chosen paths as a hostile
or broken mirror would. Every request is logged, one line each: "GET <path> <range>".

usage: mirror_server.py ROOT PORT_FILE LOG_FILE [[MODE:]PATH...]

  cut:PATH        (or a bare PATH) the first request gets half the file, then the connection closes
  endless:PATH    200 without a length, and bytes for as long as the client reads
  huge:PATH       200 announcing 16 GiB, then bytes for as long as the client reads
  trickle:PATH    the file at 2 KB/s
  html-once:PATH  the first request gets an HTML page with status 200, later ones the file
  md5:PATH        the checksum list at PATH with every line's sum replaced by the MD5 of the file
                  it names (the same folder): a list that offers a weaker algorithm
"""
import hashlib
import http.server
import os
import re
import sys
import time

root, port_file, log_file = sys.argv[1:4]
MODES = ("cut", "endless", "huge", "trickle", "html-once", "md5")
modes = {}
for rule in sys.argv[4:]:
    mode, sep, path = rule.partition(":")
    if not sep or mode not in MODES:  # a bare path
        mode, path = "cut", rule
    modes[path] = mode

HTML = b"""<!DOCTYPE html>
<html><head><title>Mirror maintenance</title></head>
<body>Back soon.</body></html>
"""


def weakened(path):
    """The list at `path`, each 'ALGO (name) = hex' line as 'MD5 (name) = <md5 of name>'."""
    out = []
    folder = os.path.dirname(path)
    with open(path) as f:
        for line in f:
            m = re.match(r"^\w+ \((.*)\) = [0-9a-fA-F]+$", line.strip())
            if not m:
                out.append(line)
                continue
            with open(os.path.join(folder, m.group(1)), "rb") as named:
                out.append(f"MD5 ({m.group(1)}) = {hashlib.md5(named.read()).hexdigest()}\n")
    return "".join(out).encode()


class Mirror(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_GET(self):
        wanted = self.headers.get("Range")
        with open(log_file, "a") as log:
            log.write(f"GET {self.path} {wanted or '-'}\n")
        mode = modes.get(self.path)
        try:
            if mode in ("endless", "huge"):
                return self.stream_forever(announce=16 << 30 if mode == "huge" else None)
            if mode == "html-once":
                del modes[self.path]
                return self.send_body(HTML, "text/html")
            path = os.path.join(root, self.path.lstrip("/"))
            if not os.path.isfile(path):
                self.send_error(404)
                return
            if mode == "md5":
                return self.send_body(weakened(path), "text/plain")
            self.send_file(path, wanted, mode)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up, as it should

    def send_body(self, body, kind):
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def stream_forever(self, announce):
        self.send_response(200)
        if announce:
            self.send_header("Content-Length", str(announce))
        else:
            self.send_header("Connection", "close")
        self.end_headers()
        self.close_connection = True
        block = b"\0" * (1 << 16)
        while True:
            self.wfile.write(block)

    def send_file(self, path, wanted, mode):
        size = os.path.getsize(path)
        start = 0
        if wanted and wanted.startswith("bytes="):
            start = int(wanted[6:].split("-")[0])
            if start >= size:
                self.send_response(416)
                self.send_header("Content-Range", f"bytes */{size}")
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            self.send_response(206)
            self.send_header("Content-Range", f"bytes {start}-{size - 1}/{size}")
        else:
            self.send_response(200)
        self.send_header("Content-Length", str(size - start))
        self.end_headers()
        left = size - start
        if mode == "cut":
            del modes[self.path]
            left //= 2
            self.close_connection = True
        block_size, pause = (512, 0.25) if mode == "trickle" else (1 << 20, 0)
        with open(path, "rb") as f:
            f.seek(start)
            while left > 0:
                block = f.read(min(left, block_size))
                if not block:
                    break
                self.wfile.write(block)
                self.wfile.flush()
                left -= len(block)
                if pause:
                    time.sleep(pause)

    def log_message(self, *args):
        pass


server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Mirror)
server.daemon_threads = True
with open(port_file + ".tmp", "w") as f:
    f.write(str(server.server_address[1]))
os.rename(port_file + ".tmp", port_file)
server.serve_forever()
