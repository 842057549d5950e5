"""False matches of the armed-group list on pages that are mostly not about armed groups.

    python -m bench.group_aliases                       # totals + every matched alias with contexts
    python -m bench.group_aliases --contexts 5 --json out.json
    python -m bench.group_aliases --baseline out.json   # also list aliases whose count rose since

Every alias of ``src/newsdesk/data/armed_groups.jsonl`` is matched two ways over the main
text of the WCXB development pages (``../shared/data/wcxb-dev``, ground-truth
``main_content``) and the ScrapingHub pages' ground-truth bodies:

- ``ruler``: the entity-ruler patterns exactly as ``newsdesk.understand.nlp`` builds them
  (every gazetteer, armed groups first, ``ORTH`` phrase matching), keeping ``GROUP`` spans;
- ``coder``: the event coder's own group finder (``events._find_groups`` with no entities),
  which matches long aliases case-insensitively -- the path that names a perpetrator.

WCXB pages that are not articles (service, product, forum, documentation...) should name
almost no armed group, so a match there is most likely an alias that reads as ordinary
English; matches on articles and ScrapingHub bodies are listed for inspection too.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "data"
WCXB = SHARED / "wcxb-dev"
AEB = SHARED / "scrapinghub-aeb"
CORPORA = ("wcxb-non-news", "wcxb-article", "aeb")
CONTEXT_CHARS = 60


@dataclass(frozen=True)
class Page:
    id: str
    corpus: str
    text: str


@dataclass(frozen=True)
class Match:
    matcher: str
    group: str
    written: str
    page: Page
    start: int
    end: int

    def context(self) -> str:
        before = self.page.text[max(0, self.start - CONTEXT_CHARS) : self.start]
        after = self.page.text[self.end : self.end + CONTEXT_CHARS]
        return " ".join(f"{before}[[{self.page.text[self.start : self.end]}]]{after}".split())


def load_pages() -> list[Page]:
    pages: list[Page] = []
    for path in sorted((WCXB / "ground-truth").glob("*.json")):
        record = json.loads(path.read_text(encoding="utf-8"))
        kind = record.get("_internal", {}).get("page_type", {}).get("primary")
        corpus = "wcxb-article" if kind == "article" else "wcxb-non-news"
        text = record["ground_truth"].get("main_content") or ""
        pages.append(Page(f"wcxb/{path.stem}", corpus, text))
    truth = json.loads((AEB / "ground-truth.json").read_text(encoding="utf-8"))
    for page_id, entry in sorted(truth.items()):
        pages.append(Page(f"aeb/{page_id}", "aeb", entry.get("articleBody") or ""))
    return pages


def ruler_matches(pages: Sequence[Page]) -> Iterable[Match]:
    """GROUP spans of the project's entity ruler, run on the tokenizer alone (the ruler sits
    before ``ner`` and sees nothing but tokens, so the tagger and parser change none of them)."""
    import spacy

    from newsdesk.understand import nlp as pipeline

    model = spacy.load(pipeline.MODEL_PACKAGE)
    tokenizer_only = spacy.blank("en")
    tokenizer_only.tokenizer = model.tokenizer
    ruler = tokenizer_only.add_pipe(
        "entity_ruler",
        name=pipeline.RULER_NAME,
        config={"phrase_matcher_attr": "ORTH", "validate": False},
    )
    ruler.add_patterns(pipeline._ruler_patterns(pipeline.load_gazetteer()))  # type: ignore[attr-defined]
    for page, doc in zip(pages, tokenizer_only.pipe(page.text for page in pages), strict=True):
        for span in doc.ents:
            if span.label_ == "GROUP":
                yield Match("ruler", span.ent_id_, span.text, page, span.start_char, span.end_char)


def coder_matches(pages: Sequence[Page]) -> Iterable[Match]:
    """Armed-group mentions of the event coder's finder (no leaders, no state forces)."""
    from newsdesk.understand.events import _find_groups

    for page in pages:
        for mention in _find_groups(page.text, []):
            if getattr(mention, "state", False) or getattr(mention, "leader", False):
                continue
            yield Match("coder", mention.name, mention.text, page, mention.start, mention.end)


def summarise(matches: Sequence[Match]) -> dict[str, Any]:
    totals: dict[str, Counter[str]] = defaultdict(Counter)
    pages: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    by_alias: dict[tuple[str, str, str], Counter[str]] = defaultdict(Counter)
    for match in matches:
        totals[match.matcher][match.page.corpus] += 1
        pages[match.matcher][match.page.corpus].add(match.page.id)
        by_alias[(match.matcher, match.group, match.written)][match.page.corpus] += 1
    return {
        "totals": {matcher: dict(counts) for matcher, counts in totals.items()},
        "pages_with_a_match": {
            matcher: {corpus: len(ids) for corpus, ids in corpora.items()}
            for matcher, corpora in pages.items()
        },
        "aliases": [
            {"matcher": matcher, "group": group, "written": written, "counts": dict(counts)}
            for (matcher, group, written), counts in sorted(by_alias.items())
        ],
    }


def _alias_key(row: dict[str, Any]) -> tuple[str, str, str]:
    return (row["matcher"], row["group"], row["written"])


def report(
    matches: Sequence[Match], summary: dict[str, Any], contexts: int, baseline: dict[str, Any] | None
) -> str:
    lines = ["GROUP matches by matcher and corpus (matches / pages with a match)"]
    for matcher in ("ruler", "coder"):
        counts = summary["totals"].get(matcher, {})
        pages = summary["pages_with_a_match"].get(matcher, {})
        cells = ", ".join(f"{corpus} {counts.get(corpus, 0)}/{pages.get(corpus, 0)}" for corpus in CORPORA)
        lines.append(f"  {matcher}: {cells}")
    examples: dict[tuple[str, str, str], list[Match]] = defaultdict(list)
    for match in matches:
        examples[(match.matcher, match.group, match.written)].append(match)
    old = {_alias_key(row): row["counts"] for row in (baseline or {}).get("aliases", [])}
    rows = sorted(
        summary["aliases"], key=lambda row: (-row["counts"].get("wcxb-non-news", 0), _alias_key(row))
    )
    lines.append("\nmatched aliases (non-news / article / aeb counts), a few contexts each")
    for row in rows:
        key = _alias_key(row)
        counts = row["counts"]
        rose = baseline is not None and sum(counts.values()) > sum(old.get(key, {}).values())
        mark = " NEW" if rose else ""
        cells = " / ".join(str(counts.get(corpus, 0)) for corpus in CORPORA)
        lines.append(f"- [{key[0]}] {key[2]!r} -> {key[1]}: {cells}{mark}")
        ordered = sorted(examples[key], key=lambda m: CORPORA.index(m.page.corpus))
        for match in ordered[:contexts]:
            lines.append(f"    {match.page.id}: {match.context()}")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument(
        "--contexts", type=int, default=3, help="contexts printed per alias (default: %(default)s)"
    )
    parser.add_argument("--json", type=Path, help="also write the counts to this JSON file")
    parser.add_argument(
        "--baseline", type=Path, help="a --json file of an earlier run: mark aliases that rose"
    )
    args = parser.parse_args(argv)
    if not WCXB.is_dir() or not AEB.is_dir():
        parser.error(f"shared data not found under {SHARED}")

    pages = load_pages()
    matches = [*ruler_matches(pages), *coder_matches(pages)]
    summary = summarise(matches)
    summary["pages"] = dict(Counter(page.corpus for page in pages))
    baseline = json.loads(args.baseline.read_text(encoding="utf-8")) if args.baseline else None
    print(f"pages: {summary['pages']}")
    print(report(matches, summary, args.contexts, baseline))
    if args.json:
        args.json.write_text(json.dumps(summary, indent=1, ensure_ascii=False), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
