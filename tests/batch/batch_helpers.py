"""WARC files with pages in our own words, and reading a batch output directory back."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

STORIES = [
    (
        "Flood barrier holds as river peaks in Lowmarsh",
        "Lowmarsh, 3 March 2025 — The new flood barrier on the Tessel river held overnight as the "
        "water rose to its highest level in twelve years, the county engineer said on Monday.",
        "Crews had worked through the weekend to close the last gap in the wall. Residents of the "
        "lower town were told to stay upstairs until the morning inspection was complete.",
    ),
    (
        "Two wounded in market shooting, police say",
        "Two men were wounded when a gunman opened fire at a covered market in Port Hadley on "
        "Saturday afternoon, police said, adding that a suspect had been arrested nearby.",
        "Witnesses described hearing four shots before stallholders pulled shutters down. The "
        "wounded men were taken to the city hospital, where one was said to be in a stable condition.",
    ),
    (
        "Council approves night buses for the harbour district",
        "The city council voted on Thursday to run night buses through the harbour district from "
        "next spring, ending a two-year campaign by shift workers at the docks.",
        "The service will cost about four hundred thousand a year. Councillor Mira Osei said the "
        "routes would be reviewed after six months of passenger counts.",
    ),
    (
        "Library reopens after roof repairs",
        "The central library in Eastbridge reopened its doors on Tuesday after eight months of "
        "repairs to a roof that had leaked onto the reading room every winter.",
        "Staff said the rare maps collection, moved to a warehouse during the work, would return "
        "to its shelves by the end of the month.",
    ),
    (
        "Roadside bomb kills three soldiers near border post",
        "Three soldiers were killed when a roadside bomb struck their patrol vehicle near the "
        "Karsa border post on Wednesday, the defence ministry said in a statement.",
        "No group has claimed the attack. The ministry said the patrol had been clearing the road "
        "ahead of a supply convoy when the device exploded.",
    ),
]


def article_html(headline: str, lead: str, body: str) -> bytes:
    return (
        "<!doctype html><html lang='en'><head><meta charset='utf-8'>"
        f"<title>{headline} | The Test Courier</title></head><body>"
        "<nav><a href='/'>Home</a> <a href='/world'>World</a> <a href='/sport'>Sport</a></nav>"
        f"<article><h1>{headline}</h1><p>{lead}</p><p>{body}</p></article>"
        "<footer>© The Test Courier. All rights reserved.</footer></body></html>"
    ).encode()


def write_warc(path: Path, records: list[tuple[str, str, str, bytes]], *, gzip: bool = True) -> Path:
    """``records``: (URL, HTTP status line, content type, payload) of each response record."""
    with open(path, "wb") as handle:
        writer = WARCWriter(handle, gzip=gzip)
        for url, status, content_type, payload in records:
            headers = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
            writer.write_record(
                writer.create_warc_record(url, "response", payload=io.BytesIO(payload), http_headers=headers)
            )
    return path


def story_records(indexes: list[int], site: str) -> list[tuple[str, str, str, bytes]]:
    return [
        (f"https://{site}/news/{index}", "200 OK", "text/html; charset=utf-8", article_html(*STORIES[index]))
        for index in indexes
    ]


def shard_records(output: Path, suffix: str = ".jsonl") -> dict[str, list[dict[str, Any]]]:
    """Each complete shard's records, by shard file name, timings removed (they differ run to run)."""
    shards = {}
    for shard in sorted(output.glob(f"*{suffix}")):
        records = [json.loads(line) for line in shard.read_text(encoding="utf-8").splitlines()]
        for record in records:
            record["provenance"].pop("seconds", None)
        shards[shard.name] = records
    return shards


def statuses(records: list[dict[str, Any]]) -> list[str]:
    return [record["status"] for record in records]
