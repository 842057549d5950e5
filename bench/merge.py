"""Merge precision/recall: reports → events on a hand-labelled set.

bench/data/merge_set.jsonl holds reports written for this benchmark (our own words): clusters
of differently worded reports of one incident, and distractors — other incidents on the same
day, in the same city, often of the same type. Each line carries the event fields an analyser
would produce (some reports lack the city, the date or the perpetrator, figures differ).

The reports are stored in publication order into a fresh SQLite store through the real
``Store.ingest``; each report's event id is compared with its gold cluster over all pairs.
Anchors in the same run: key matching alone (type family + date window + place, every
compatible report merged), and text similarity alone.

    python bench/merge.py [--set bench/data/merge_set.jsonl] [--show-errors]
"""

from __future__ import annotations

import argparse
import json
import tempfile
from datetime import date, datetime
from itertools import combinations
from pathlib import Path
from typing import Any

from newsdesk.corpus import open_store
from newsdesk.corpus.merge import MergeRules
from newsdesk.model import (
    Article,
    Block,
    Casualties,
    Event,
    EventDate,
    Perpetrator,
    Place,
    Provenance,
    Target,
)

HERE = Path(__file__).resolve().parent
DEFAULT_SET = HERE / "data" / "merge_set.jsonl"
RULES_FILE = HERE.parent / "src" / "newsdesk" / "data" / "corpus_merge.json"


def to_article(row: dict[str, Any]) -> Article:
    fields = row["event"]
    landmark, city, region, country = (fields.get(k) for k in ("landmark", "city", "region", "country"))
    precision = 1 if landmark else 2 if city else 3 if region else 4 if country else 5
    event = Event(
        type=fields["type"],
        date=EventDate(
            value=date.fromisoformat(fields["date"]) if fields.get("date") else None,
            precision=fields.get("date_precision", "unknown"),
        ),
        place=Place(
            name=landmark or city or region or country,
            landmark=landmark,
            city=city,
            region=region,
            country=country,
            country_code=fields.get("code"),
            precision=precision,
        ),
        perpetrator=Perpetrator(name=fields.get("perpetrator"), status=fields.get("status", "unknown")),
        target=Target(type=fields.get("target")),
        killed=Casualties(value=fields.get("killed")),
        injured=Casualties(value=fields.get("injured")),
    )
    return Article(
        url=row["url"],
        publisher=row["publisher"],
        headline=row["headline"],
        published=datetime.fromisoformat(row["published"].replace("Z", "+00:00")),
        body=[Block(text=row["text"])],
        provenance=Provenance(input_kind="text", extractor="bench", version="0", source=row["id"]),
        events=[event],
    )


def run(rows: list[dict[str, Any]], rules: MergeRules) -> dict[str, int]:
    """report id → event id, storing the reports in publication order."""
    assigned: dict[str, int] = {}
    with tempfile.TemporaryDirectory() as folder:
        store = open_store(f"sqlite:///{folder}/merge.db", rules=rules)
        for row in sorted(rows, key=lambda r: (r["published"], r["id"])):
            result = store.ingest(to_article(row))
            events = result.events_created + result.events_updated
            assert len(events) == 1, (row["id"], result)
            assigned[row["id"]] = events[0]
        store.close()
    return assigned


def pairwise(rows: list[dict[str, Any]], assigned: dict[str, int]) -> dict[str, float]:
    gold = {row["id"]: row["cluster"] for row in rows}
    tp = fp = fn = 0
    for a, b in combinations(sorted(gold), 2):
        same_gold, same_predicted = gold[a] == gold[b], assigned[a] == assigned[b]
        tp += same_gold and same_predicted
        fp += same_predicted and not same_gold
        fn += same_gold and not same_predicted
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "precision": round(precision, 3),
        "recall": round(recall, 3),
        "f1": round(f1, 3),
        "true_pairs": tp + fn,
        "tp": tp,
        "fp": fp,
        "fn": fn,
        "events": len(set(assigned.values())),
        "incidents": len(set(gold.values())),
    }


def errors(rows: list[dict[str, Any]], assigned: dict[str, int]) -> list[str]:
    gold = {row["id"]: row["cluster"] for row in rows}
    lines = []
    for a, b in combinations(sorted(gold), 2):
        if (gold[a] == gold[b]) != (assigned[a] == assigned[b]):
            kind = "split" if gold[a] == gold[b] else "wrongly merged"
            lines.append(f"{kind}: {a} / {b}")
    return lines


def variants() -> dict[str, MergeRules]:
    payload = json.loads(RULES_FILE.read_text(encoding="utf-8"))
    keys_only = json.loads(json.dumps(payload))
    keys_only["weights"] = {name: 0.0 for name in payload["weights"]}
    keys_only["threshold"] = 0.0
    text_only = json.loads(json.dumps(payload))
    text_only["weights"] = {
        name: (value if name == "text" else 0.0) for name, value in payload["weights"].items()
    }
    return {
        "newsdesk (rules + TF-IDF)": MergeRules.load(payload),
        "anchor: keys only (type, date window, place)": MergeRules.load(keys_only),
        "anchor: TF-IDF text only (same hard rules)": MergeRules.load(text_only),
    }


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--set", type=Path, default=DEFAULT_SET)
    parser.add_argument("--show-errors", action="store_true")
    args = parser.parse_args()
    rows = [json.loads(line) for line in args.set.read_text(encoding="utf-8").splitlines() if line.strip()]
    print(f"{len(rows)} reports, {len({r['cluster'] for r in rows})} incidents")
    print(f"{'method':48} {'P':>6} {'R':>6} {'F1':>6} {'events':>7}  (pairs: tp fp fn)")
    for name, rules in variants().items():
        assigned = run(rows, rules)
        score = pairwise(rows, assigned)
        print(
            f"{name:48} {score['precision']:6.3f} {score['recall']:6.3f} {score['f1']:6.3f} "
            f"{score['events']:4d}/{score['incidents']}  ({score['tp']} {score['fp']} {score['fn']})"
        )
        if args.show_errors and name.startswith("newsdesk"):
            for line in errors(rows, assigned):
                print("   ", line)


if __name__ == "__main__":
    main()
