"""A release mirror for the fetch scenarios, on 127.0.0.1 only: serves a folder over HTTP with
Range requests (206, 416), 404 for what is absent, and cuts chosen files halfway on their first
request (the connection closes early). Every request is logged, one line each: "GET <path> <range>".

usage: mirror_server.py ROOT PORT_FILE LOG_FILE [PATH_TO_CUT...]
"""
import http.server
import os
import sys

root, port_file, log_file = sys.argv[1:4]
to_cut = set(sys.argv[4:])


class Mirror(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_GET(self):
        wanted = self.headers.get("Range")
        with open(log_file, "a") as log:
            log.write(f"GET {self.path} {wanted or '-'}\n")
        path = os.path.join(root, self.path.lstrip("/"))
        if not os.path.isfile(path):
            self.send_error(404)
            return
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
        if self.path in to_cut:
            to_cut.discard(self.path)
            left //= 2
            self.close_connection = True
        with open(path, "rb") as f:
            f.seek(start)
            while left > 0:
                block = f.read(min(left, 1 << 20))
                if not block:
                    break
                self.wfile.write(block)
                left -= len(block)

    def log_message(self, *args):
        pass


server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Mirror)
with open(port_file + ".tmp", "w") as f:
    f.write(str(server.server_address[1]))
os.rename(port_file + ".tmp", port_file)
server.serve_forever()
