"""The HTTP API under load: /events queries against a store of >= 10,000 articles.

The server (``newsdesk serve``, uvicorn, one process) runs in a subprocess on a loopback port;
the load comes from a second process: ``wrk`` (Debian package) when installed, else a bounded
asyncio/httpx load generator. Each query mix is run for a fixed time; the anchor is ``/health``
(no database work) measured the same way in the same run, so the ratio shows what the
queries cost over the bare framework.

    python bench/api_load.py [--articles 10000] [--db sqlite:///bench/out/api.db] [--seconds 15]

A --db that already holds articles is reused (building 10,000 takes minutes on this machine).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))

import corpus_gen
from newsdesk.corpus import open_store

QUERIES = {
    "list": ["/events?limit=50"],
    "filtered": [
        "/events?type=bombing&limit=50",
        "/events?country=NG&min_killed=3&limit=50",
        "/events?from=2024-03-01&to=2024-06-30&limit=50",
        "/events?group=al-Shabaab&limit=20",
        "/events?place=Kabul&limit=20",
    ],
    "full-text": ["/events?q=market&limit=20", "/events?q=checkpoint%20gunmen&limit=20"],
    "geojson": ["/events?format=geojson&limit=500"],
    "anchor /health": ["/health"],
}


def build(db: str, articles: int) -> int:
    with open_store(db) as store:
        have = store.stats().get("articles", 0)
        if have >= articles:
            return have
        started = time.perf_counter()
        for number, article in enumerate(corpus_gen.generate(articles), 1):
            store.ingest(article)
            if number % 1000 == 0:
                print(
                    f"  stored {number} articles ({number / (time.perf_counter() - started):.0f}/s)",
                    file=sys.stderr,
                )
        return store.stats().get("articles", 0)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def start_server(db: str, port: int) -> subprocess.Popen[bytes]:
    server = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "from newsdesk.cli import main; main()",
            "serve",
            "--db",
            db,
            "--port",
            str(port),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/health", timeout=2).status_code == 200:
                return server
        except httpx.HTTPError:
            time.sleep(0.3)
    server.kill()
    raise SystemExit("the server did not come up within 120 s")


_LUA = """
paths = {%s}
counter = 0
request = function()
  counter = counter + 1
  return wrk.format("GET", paths[(counter %% #paths) + 1])
end
"""
_UNIT = {"us": 1e-3, "ms": 1.0, "s": 1e3}


def run_wrk(base: str, paths: list[str], seconds: int, connections: int) -> dict[str, float]:
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(_LUA % ", ".join(f'"{p}"' for p in paths))
    try:
        output = subprocess.run(
            [
                "wrk",
                "-t2",
                f"-c{connections}",
                f"-d{seconds}s",
                "--timeout",
                "10s",
                "--latency",
                "-s",
                script.name,
                base,
            ],
            capture_output=True,
            text=True,
            check=True,
            timeout=seconds + 60,
        ).stdout
    finally:
        os.unlink(script.name)

    def latency(label: str) -> float:
        match = re.search(rf"^\s+{label}%\s+([\d.]+)(us|ms|s)\s*$", output, re.M)
        return float(match.group(1)) * _UNIT[match.group(2)] if match else float("nan")

    requests = re.search(r"(\d+) requests in", output)
    rate = re.search(r"Requests/sec:\s+([\d.]+)", output)
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    socket_errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output)
    return {
        "requests": float(requests.group(1)) if requests else 0.0,
        "rps": float(rate.group(1)) if rate else 0.0,
        "p50": latency("50"),
        "p99": latency("99"),
        "errors": float(errors.group(1) if errors else 0)
        + (sum(map(int, socket_errors.groups())) if socket_errors else 0),
    }


async def _httpx_load(base: str, paths: list[str], seconds: int, connections: int) -> dict[str, float]:
    latencies: list[float] = []
    errors = 0
    stop = time.monotonic() + seconds

    async def worker(offset: int, client: httpx.AsyncClient) -> None:
        nonlocal errors
        position = offset
        while time.monotonic() < stop:
            started = time.perf_counter()
            try:
                response = await client.get(base + paths[position % len(paths)])
                if response.status_code >= 400:
                    errors += 1
            except httpx.HTTPError:
                errors += 1
            latencies.append((time.perf_counter() - started) * 1000)
            position += 1

    async with httpx.AsyncClient(timeout=30) as client:
        await asyncio.gather(*(worker(i, client) for i in range(connections)))
    latencies.sort()
    return {
        "requests": float(len(latencies)),
        "rps": len(latencies) / seconds,
        "p50": statistics.median(latencies) if latencies else float("nan"),
        "p99": latencies[int(len(latencies) * 0.99) - 1] if latencies else float("nan"),
        "errors": float(errors),
    }


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument(
        "--db", default=None, help="store URL (default: a fresh SQLite file under bench/out/)"
    )
    parser.add_argument("--seconds", type=int, default=15)
    parser.add_argument("--connections", type=int, default=16)
    args = parser.parse_args()

    db = args.db or f"sqlite:///{Path(__file__).resolve().parent / 'out' / 'api-load.db'}"
    if db.startswith("sqlite:///"):
        Path(db.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
    stored = build(db, args.articles)
    with open_store(db) as store:
        stats = store.stats()
    port = free_port()
    server = start_server(db, port)
    base = f"http://127.0.0.1:{port}"
    tool = "wrk" if shutil.which("wrk") else "httpx"
    print(
        f"store: {db} ({stored} articles, {stats.get('events', '?')} events); load: {tool}, "
        f"{args.connections} connections, {args.seconds} s per mix; server: 1 uvicorn process"
    )
    print(f"{'mix':<16} {'requests':>9} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} {'errors':>7}")
    try:
        for name, paths in QUERIES.items():
            for path in paths:  # warm caches and the basemap-free code paths once
                httpx.get(base + path, timeout=60).raise_for_status()
            if tool == "wrk":
                result = run_wrk(base, paths, args.seconds, args.connections)
            else:
                result = asyncio.run(_httpx_load(base, paths, args.seconds, args.connections))
            print(
                f"{name:<16} {result['requests']:>9.0f} {result['rps']:>8.1f} {result['p50']:>8.1f} "
                f"{result['p99']:>8.1f} {result['errors']:>7.0f}"
            )
    finally:
        server.terminate()
        server.wait(timeout=30)


if __name__ == "__main__":
    main()
