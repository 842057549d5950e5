"""What the pre-parse guards cost on real pages, next to trafilatura in the same run.

    python bench/guards.py            # the 181 ScrapingHub pages in ../shared/data

Prints, per page on average: decoding, the guards as ``extract`` runs them on an HTML page
(control characters, size cap, nesting flattening) and trafilatura's own extraction, the
guards' share of trafilatura's time, and how many real pages the guards changed (should be 0).
"""

from __future__ import annotations

import gzip
import json
import time
from pathlib import Path

import trafilatura

from newsdesk.extract.encoding import decode
from newsdesk.extract.guards import GuardReport, may_hold_control_chars, prepare_html, strip_control_chars

AEB = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "scrapinghub-aeb"


def main() -> None:
    truth = json.loads((AEB / "ground-truth.json").read_text(encoding="utf-8"))
    pages = [gzip.decompress((AEB / "html" / f"{page_id}.html.gz").read_bytes()) for page_id in sorted(truth)]

    started = time.perf_counter()
    texts = [decode(page).text for page in pages]
    decoding = time.perf_counter() - started

    started = time.perf_counter()
    changed = 0
    for page, text in zip(pages, texts, strict=True):
        report = GuardReport()
        if may_hold_control_chars(page):
            text = strip_control_chars(text, report)
        prepare_html(text, max_depth=400, report=report)
        changed += bool(report.notes)
    guarding = time.perf_counter() - started

    started = time.perf_counter()
    for text in texts:
        trafilatura.extract(text)
    extracting = time.perf_counter() - started

    count = len(pages)
    print(f"pages: {count}  (mean size {sum(map(len, texts)) // count} characters)")
    print(f"decode        {1000 * decoding / count:7.2f} ms/page")
    print(f"guards        {1000 * guarding / count:7.2f} ms/page   pages changed: {changed}")
    print(f"trafilatura   {1000 * extracting / count:7.2f} ms/page")
    print(f"guards / trafilatura: {guarding / extracting:.3f}")


if __name__ == "__main__":
    main()
