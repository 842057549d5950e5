"""A real HTTP server on loopback, serving the pages and the hostile responses fetch must survive.

Shared by tests/sources and tests/cli (a module, not a conftest, so both can import it).
"""

from __future__ import annotations

import gzip
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

ARTICLE = (
    b"<!DOCTYPE html><html><head><meta charset='utf-8'><title>Bridge reopens</title></head><body><article>"
    b"<h1>Bridge reopens after repairs</h1>"
    b"<p>The old river bridge reopened to traffic on Monday after eight months of repairs to its "
    b"cracked supports, the county highways department said in a short statement.</p>"
    b"<p>Engineers replaced two of the four piers and resurfaced the whole span, and a weight limit "
    b"for lorries will stay in place until the autumn while the new concrete settles.</p>"
    b"</article></body></html>"
)


@dataclass
class LoopbackSite:
    base: str
    port: int
    requests: list[tuple[str, str]] = field(default_factory=list)  # (path, Host header)

    def url(self, path: str) -> str:
        return f"{self.base}{path}"


def _handler(site: LoopbackSite) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: object) -> None:
            pass

        def _send(self, status: int, body: bytes, headers: dict[str, str] | None = None) -> None:
            self.send_response(status)
            for name, value in {"Content-Type": "text/html; charset=utf-8", **(headers or {})}.items():
                self.send_header(name, value)
            if "Content-Length" not in (headers or {}):
                self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def do_GET(self) -> None:
            site.requests.append((self.path, self.headers.get("Host", "")))
            path = self.path.split("?", 1)[0]
            if path == "/article":
                self._send(200, ARTICLE)
            elif path == "/echo-headers":
                body = "\n".join(f"{name}: {value}" for name, value in self.headers.items()).encode()
                self._send(200, body, {"Content-Type": "text/plain"})
            elif path == "/redirect":
                self._send(302, b"", {"Location": "/article"})
            elif path.startswith("/chain/"):
                hops = int(path.rsplit("/", 1)[1])
                self._send(302, b"", {"Location": f"/chain/{hops - 1}" if hops > 0 else "/article"})
            elif path == "/redirect-to-file":
                self._send(302, b"", {"Location": "file:///etc/passwd"})
            elif path == "/redirect-to-other-loopback":
                self._send(302, b"", {"Location": f"http://127.0.0.2:{site.port}/article"})
            elif path == "/missing":
                self._send(404, b"<html><body>Not here</body></html>")
            elif path == "/image":
                self._send(200, b"\x89PNG\r\n\x1a\n" + b"\x00" * 100, {"Content-Type": "image/png"})
            elif path == "/huge-declared":
                self.send_response(200)
                self.send_header("Content-Type", "text/html")
                self.send_header("Content-Length", str(10**9))
                self.end_headers()
                self.wfile.write(b"<html>" + b"x" * 1000)
            elif path == "/huge-streamed":
                self.send_response(200)
                self.send_header("Content-Type", "text/html")
                self.send_header("Transfer-Encoding", "chunked")
                self.end_headers()
                chunk = b"<p>" + b"y" * 65_536 + b"</p>"
                try:
                    for _ in range(200):  # ~13 MB unless the client hangs up first
                        self.wfile.write(f"{len(chunk):x}\r\n".encode() + chunk + b"\r\n")
                    self.wfile.write(b"0\r\n\r\n")
                except (BrokenPipeError, ConnectionResetError):
                    pass
            elif path == "/gzip-bomb":
                body = gzip.compress(b"<p>" + b"z" * 30_000_000 + b"</p>")
                self._send(200, body, {"Content-Encoding": "gzip"})
            elif path == "/slow-headers":
                time.sleep(3)
                self._send(200, ARTICLE)
            elif path == "/trickle":
                self.send_response(200)
                self.send_header("Content-Type", "text/html")
                self.send_header("Content-Length", "100000")
                self.end_headers()
                try:
                    for _ in range(100):
                        self.wfile.write(b"<p>drip</p>")
                        self.wfile.flush()
                        time.sleep(0.2)
                except (BrokenPipeError, ConnectionResetError):
                    pass
            else:
                self._send(404, b"")

    return Handler


class _QuietServer(ThreadingHTTPServer):
    def handle_error(self, request: object, client_address: object) -> None:
        pass  # clients hanging up on purpose (size caps, timeouts) are the point of these tests


def serve_loopback_site() -> tuple[LoopbackSite, ThreadingHTTPServer]:
    server = _QuietServer(("127.0.0.1", 0), _handler(LoopbackSite("", 0)))
    port = server.server_address[1]
    site = LoopbackSite(f"http://127.0.0.1:{port}", port)
    server.RequestHandlerClass = _handler(site)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return site, server
