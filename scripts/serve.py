#!/usr/bin/env python3
"""Serves the release bundle (dist/) on a loopback port, gzip-compressed.

    python3 scripts/serve.py PORT [DIRECTORY]      (DIRECTORY defaults to dist)

Python's `http.server` sends every file as it is on disk: the 1.6 MB wasm
crosses a school network uncompressed, 2.7 times the 0.58 MB that gzip makes
of it. This server is `http.server` plus one thing real web servers do
(nginx's `gzip on`, GitHub Pages): a text or wasm file is sent gzip-encoded
(`Content-Encoding: gzip`, RFC 9110 §8.4.1) when the browser says it accepts
that (`Accept-Encoding`, §12.5.3). Files are compressed once, at level 9 (the
level scripts/bundle-size.sh measures), and kept in memory until they change
on disk. Everything else is http.server: MIME types (.wasm is
application/wasm, which streaming compilation needs), directory index,
404s. scripts/serve.sh and the browser tests (tests/browser/support.mjs)
both serve with it, so the tests see what a user of the quick start sees.
"""
import gzip
import http.server
import os
import sys

COMPRESSIBLE = ('.wasm', '.js', '.css', '.html', '.svg', '.ftl', '.webmanifest', '.json', '.toml')
_cache = {}  # path -> (mtime_ns, size, gzip bytes)


def gzipped(path):
    st = os.stat(path)
    hit = _cache.get(path)
    if hit and hit[0] == st.st_mtime_ns and hit[1] == st.st_size:
        return hit[2]
    with open(path, 'rb') as f:
        body = gzip.compress(f.read(), compresslevel=9, mtime=0)
    _cache[path] = (st.st_mtime_ns, st.st_size, body)
    return body


class Handler(http.server.SimpleHTTPRequestHandler):
    def send_head(self):
        path = self.translate_path(self.path)
        accepts = 'gzip' in self.headers.get('Accept-Encoding', '')
        if not (accepts and os.path.isfile(path) and path.endswith(COMPRESSIBLE)):
            return super().send_head()
        try:
            body = gzipped(path)
        except OSError:
            return super().send_head()
        self.send_response(200)
        self.send_header('Content-Type', self.guess_type(path))
        self.send_header('Content-Encoding', 'gzip')
        self.send_header('Content-Length', str(len(body)))
        self.send_header('Vary', 'Accept-Encoding')
        self.send_header('Last-Modified', self.date_time_string(int(os.stat(path).st_mtime)))
        self.end_headers()
        self._gz_body = body
        return None

    def do_GET(self):
        self._gz_body = None
        f = self.send_head()
        if self._gz_body is not None:
            self.wfile.write(self._gz_body)
        elif f:
            try:
                self.copyfile(f, self.wfile)
            finally:
                f.close()

    def do_HEAD(self):
        self._gz_body = None
        f = self.send_head()
        if f:
            f.close()

    def log_message(self, fmt, *args):
        if os.environ.get('SERVE_LOG'):
            super().log_message(fmt, *args)


def main():
    if len(sys.argv) < 2 or not sys.argv[1].isdigit():
        print('usage: serve.py PORT [DIRECTORY]', file=sys.stderr)
        sys.exit(2)
    port = int(sys.argv[1])
    directory = sys.argv[2] if len(sys.argv) > 2 else 'dist'
    if not os.path.isdir(directory):
        print(f'serve.py: no directory {directory}: build it first (scripts/build.sh)', file=sys.stderr)
        sys.exit(2)
    Handler.extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map,
                              '.wasm': 'application/wasm', '.ftl': 'text/plain; charset=utf-8',
                              '.webmanifest': 'application/manifest+json', '.js': 'text/javascript'}

    def handler(*a, **kw):
        return Handler(*a, directory=directory, **kw)
    server = http.server.ThreadingHTTPServer(('127.0.0.1', port), handler)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass


if __name__ == '__main__':
    main()
