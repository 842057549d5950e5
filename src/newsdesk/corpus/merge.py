"""Reports → events: decide which stored event an article's report describes, and reconcile fields.

In the spirit of GTD's single-incident rule, two reports are one incident when they share
the type, the time window and the place, and nothing they say contradicts that (a different
city, a different claimed group, casualty figures far apart). Among the compatible events the
one whose reports read most alike (TF-IDF cosine) plus agreeing details scores highest; at or
above the threshold the report joins it, otherwise it starts a new event. The rules and
weights are data: ``newsdesk/data/corpus_merge.json``.

Everything here is pure: the store gathers candidates and applies the decisions.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from functools import cache
from typing import Any

from newsdesk.data import read_text


@dataclass(frozen=True)
class MergeRules:
    type_groups: dict[str, str]
    related_families: frozenset[frozenset[str]]
    generic_place_words: frozenset[str]
    date_window_days: int
    inferred_date_window_days: int
    max_candidates: int
    threshold: float
    weights: dict[str, float]
    far_apart_ratio: float
    far_apart_difference: int
    context_chars: int
    max_event_reports: int

    @classmethod
    def load(cls, payload: dict[str, Any] | None = None) -> MergeRules:
        data = payload or json.loads(read_text("corpus_merge.json"))
        groups = {member: group[0] for group in data["type_groups"] for member in group}
        related = frozenset(
            frozenset(groups.get(t, t) for t in pair) for pair in data.get("related_types", [])
        )
        return cls(
            type_groups=groups,
            related_families=related,
            generic_place_words=frozenset(data.get("generic_place_words", [])),
            date_window_days=data["date_window_days"],
            inferred_date_window_days=data["inferred_date_window_days"],
            max_candidates=data["max_candidates"],
            threshold=data["threshold"],
            weights=data["weights"],
            far_apart_ratio=data["far_apart_killed"]["ratio"],
            far_apart_difference=data["far_apart_killed"]["difference"],
            context_chars=data["text"]["context_chars"],
            max_event_reports=data["text"]["max_event_reports"],
        )

    def type_family(self, event_type: str) -> str:
        return self.type_groups.get(event_type, event_type)

    def related(self, one: str, other: str) -> bool:
        """Different families that one incident often gets reported as (a car bomb then gunmen)."""
        return frozenset((self.type_family(one), self.type_family(other))) in self.related_families

    def family_members(self, event_type: str) -> list[str]:
        """Every type a report of ``event_type`` may merge with: its family and related families."""
        family = self.type_family(event_type)
        families = {family} | {f for pair in self.related_families if family in pair for f in pair}
        return sorted(
            {member for member, group in self.type_groups.items() if group in families} | {event_type}
        )


@cache
def default_rules() -> MergeRules:
    return MergeRules.load()


@cache
def _group_names() -> dict[str, tuple[str, str]]:
    """alias (folded) -> (canonical name, top-level family) from the armed-group gazetteer."""
    try:
        lines = read_text("armed_groups.jsonl").splitlines()
    except FileNotFoundError:
        return {}
    entries = [json.loads(line) for line in lines if line.strip()]
    parents = {entry["name"]: entry.get("parent") or entry["name"] for entry in entries}
    names: dict[str, tuple[str, str]] = {}
    for entry in entries:
        family = parents.get(entry["name"], entry["name"])
        for alias in [entry["name"], *entry.get("aliases", [])]:
            names.setdefault(fold(alias), (entry["name"], family))
    return names


# Letters that Unicode does not decompose into a base letter plus an accent.
_UNDECOMPOSABLE = str.maketrans(
    {
        "ı": "i",
        "ø": "o",
        "Ø": "O",
        "ł": "l",
        "Ł": "L",
        "đ": "d",
        "Đ": "D",
        "ß": "ss",
        "æ": "ae",
        "Æ": "AE",
        "œ": "oe",
        "Œ": "OE",
    }
)


def fold(text: str | None) -> str:
    """Case-, accent- and punctuation-insensitive form of a name, for comparing."""
    if not text:
        return ""
    decomposed = unicodedata.normalize("NFKD", text.translate(_UNDECOMPOSABLE))
    kept = "".join(c if c.isalnum() else " " for c in decomposed if not unicodedata.combining(c))
    words = kept.casefold().split()
    if words and words[0] == "the":
        words = words[1:]
    return " ".join(words)


def canonical_group(name: str | None) -> tuple[str, str] | None:
    """(canonical name, family) of a perpetrator; unknown names stand for themselves."""
    if not name:
        return None
    key = fold(name)
    return _group_names().get(key, (name, name))


# --------------------------------------------------------------------------- facts


@dataclass
class ReportFacts:
    """What one report says, in the shape the matcher compares."""

    type: str
    date: date | None = None
    date_precision: str = "unknown"
    published: datetime | None = None
    place_name: str | None = None
    landmark: str | None = None
    city: str | None = None
    region: str | None = None
    country: str | None = None
    country_code: str | None = None
    place_precision: int = 5
    perpetrator: str | None = None
    perpetrator_status: str = "unknown"
    target_type: str | None = None
    killed: int | None = None
    injured: int | None = None
    context: str = ""
    article_id: int | None = None
    story_id: int | None = None
    """The near-duplicate cluster (its first article's id) the report's article belongs to."""
    source: str | None = None

    def reference_date(self) -> tuple[dt.date | None, bool]:
        """The incident date, or the publication date standing in for it (then ``True``)."""
        if self.date is not None and self.date_precision in ("day", "unknown"):
            return self.date, False
        if self.published is not None:
            return self.published.date(), True
        return self.date, True


@dataclass
class CandidateEvent:
    event_id: int
    facts: ReportFacts
    """The event's reconciled fields."""
    reports: list[ReportFacts] = field(default_factory=list)


@dataclass(frozen=True)
class Decision:
    event_id: int | None
    score: float
    reasons: dict[str, float]


# --------------------------------------------------------------------------- matching


def date_window(facts: ReportFacts, rules: MergeRules) -> tuple[dt.date, dt.date] | None:
    reference, inferred = facts.reference_date()
    if reference is None:
        return None
    days = rules.inferred_date_window_days if inferred else rules.date_window_days
    return reference - timedelta(days=days), reference + timedelta(days=days)


def conflicts(report: ReportFacts, event: ReportFacts, rules: MergeRules) -> str | None:
    """Why the two cannot be one incident, or None when nothing says so."""
    if rules.type_family(report.type) != rules.type_family(event.type) and not rules.related(
        report.type, event.type
    ):
        return "different type"
    window = date_window(report, rules)
    other, _ = event.reference_date()
    if window is not None and other is not None and not window[0] <= other <= window[1]:
        return "outside the date window"
    if report.country_code and event.country_code:
        if report.country_code.upper() != event.country_code.upper():
            return "different country"
    elif report.country and event.country and fold(report.country) != fold(event.country):
        return "different country"
    if report.city and event.city and not same_name(report.city, event.city):
        names = [n for n in (event.region, event.landmark, event.place_name) if n]
        other_names = [n for n in (report.region, report.landmark, report.place_name) if n]
        if not any(same_name(report.city, n) for n in names) and not any(
            same_name(event.city, n) for n in other_names
        ):
            return "different city"
    return None


def same_name(one: str, other: str) -> bool:
    """Place names agree when one's words contain the other's ("Ngara" and "Ngara Road",
    "Zamboanga" and "Zamboanga City")."""
    a, b = set(fold(one).split()), set(fold(other).split())
    return bool(a and b) and (a <= b or b <= a)


def _share_a_name(one: str, other: str, generic: frozenset[str]) -> bool:
    """Whether two landmarks share a distinctive word ("northern districts" / "northern
    neighbourhoods" do; "central market" / "cattle market" do not)."""
    return bool((set(fold(one).split()) & set(fold(other).split())) - generic)


def _place_score(report: ReportFacts, event: ReportFacts, rules: MergeRules) -> dict[str, float]:
    weights = rules.weights
    parts: dict[str, float] = {}
    if report.city and event.city and same_name(report.city, event.city):
        parts["same_city"] = weights["same_city"]
    elif not report.city and report.region and event.region and fold(report.region) == fold(event.region):
        parts["same_region"] = weights["same_region"]
    if report.landmark and event.landmark:
        if same_name(report.landmark, event.landmark):
            parts["same_landmark"] = weights["same_landmark"]
        elif not _share_a_name(report.landmark, event.landmark, rules.generic_place_words):
            parts["different_landmark"] = weights["different_landmark"]
    return parts


def _detail_score(report: ReportFacts, event: ReportFacts, rules: MergeRules) -> dict[str, float]:
    parts: dict[str, float] = {}
    mine, inferred_mine = report.reference_date()
    theirs, inferred_theirs = event.reference_date()
    if mine is not None and theirs is not None and not inferred_mine and not inferred_theirs:
        parts["same_day" if mine == theirs else "different_day"] = rules.weights[
            "same_day" if mine == theirs else "different_day"
        ]
    if report.target_type and event.target_type and fold(report.target_type) != fold(event.target_type):
        parts["different_target"] = rules.weights["different_target"]
    if rules.type_family(report.type) != rules.type_family(event.type):
        parts["related_type"] = rules.weights["related_type"]
    return parts


def _actor_score(report: ReportFacts, event: ReportFacts, weights: dict[str, float]) -> dict[str, float]:
    mine, theirs = canonical_group(report.perpetrator), canonical_group(event.perpetrator)
    if mine is None or theirs is None:
        return {}
    if mine[0] == theirs[0] or mine[1] == theirs[1]:
        return {"same_perpetrator": weights["same_perpetrator"]}
    return {"different_perpetrator": weights["different_perpetrator"]}


def _casualty_score(report: ReportFacts, event: CandidateEvent, rules: MergeRules) -> dict[str, float]:
    if report.killed is None:
        return {}
    seen = [r.killed for r in event.reports if r.killed is not None]
    if not seen:
        return {}
    if report.killed in seen:
        return {"same_killed": rules.weights["same_killed"]}
    nearest = min(seen, key=lambda value: abs(value - report.killed))  # type: ignore[operator]
    low, high = sorted((nearest, report.killed))
    if high - low > rules.far_apart_difference and high > rules.far_apart_ratio * max(low, 1):
        return {"far_apart_killed": rules.weights["far_apart_killed"]}
    return {}


_TERM = re.compile(r"(?u)\b\w\w+\b")


@cache
def _stop_words() -> frozenset[str]:
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    return frozenset(ENGLISH_STOP_WORDS)


def _terms(text: str) -> list[str]:
    stop = _stop_words()
    return [term for term in _TERM.findall(text.lower()) if term not in stop]


def text_similarities(text: str, others: Sequence[str]) -> list[float]:
    """TF-IDF cosine of ``text`` with each of ``others`` (IDF fitted on this small set)."""
    if not others or not text.strip():
        return [0.0] * len(others)
    # Imported here: scikit-learn takes seconds to import and most commands never merge.
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.metrics.pairwise import linear_kernel

    # Terms: words of two or more letters, minus scikit-learn's English stop words.
    vectorizer = TfidfVectorizer(analyzer=_terms, sublinear_tf=True)
    try:
        matrix = vectorizer.fit_transform([text, *others])
    except ValueError:  # nothing but stop words
        return [0.0] * len(others)
    return [float(v) for v in linear_kernel(matrix[0:1], matrix[1:])[0]]  # rows are L2-normalised


def choose_event(
    report: ReportFacts, candidates: Iterable[CandidateEvent], rules: MergeRules | None = None
) -> Decision:
    """The event ``report`` belongs to (``event_id`` None: a new incident), with the score parts."""
    rules = rules or default_rules()
    compatible: list[CandidateEvent] = []
    for candidate in candidates:
        if report.article_id is not None and any(
            r.article_id == report.article_id for r in candidate.reports
        ):
            continue  # an article that tells two incidents apart is believed
        if conflicts(report, candidate.facts, rules) is None:
            compatible.append(candidate)
    if not compatible:
        return Decision(None, 0.0, {})
    texts: list[str] = []
    owners: list[int] = []
    for index, candidate in enumerate(compatible):
        for other in candidate.reports[: rules.max_event_reports]:
            texts.append(other.context)
            owners.append(index)
    similarities = text_similarities(report.context, texts)
    best_text = [0.0] * len(compatible)
    for owner, similarity in zip(owners, similarities, strict=True):
        best_text[owner] = max(best_text[owner], similarity)

    best = Decision(None, float("-inf"), {})
    for index, candidate in enumerate(compatible):
        parts = {"text": round(rules.weights["text"] * best_text[index], 4)}
        parts |= _place_score(report, candidate.facts, rules)
        parts |= _actor_score(report, candidate.facts, rules.weights)
        parts |= _casualty_score(report, candidate, rules)
        parts |= _detail_score(report, candidate.facts, rules)
        if report.story_id is not None and any(r.story_id == report.story_id for r in candidate.reports):
            parts["same_story"] = rules.weights["same_story"]
        score = round(sum(parts.values()), 4)
        if score >= rules.threshold and score > best.score:
            best = Decision(candidate.event_id, score, parts)
    return best if best.event_id is not None else Decision(None, 0.0, {})


# --------------------------------------------------------------------------- reconciling


@dataclass
class ReportForReconcile:
    """A stored report as the reconciler needs it: its fields, who said it and when."""

    id: int
    fields: dict[str, Any]
    source: str | None
    published: datetime | None
    headline: str | None


PLACE_FIELDS = (
    "place_name",
    "landmark",
    "city",
    "region",
    "country",
    "country_code",
    "latitude",
    "longitude",
)
_STATUS_RANK = {"claimed": 0, "suspected": 1, "denied": 2, "unknown": 3}


def _most_common(values: Iterable[Any]) -> Any:
    counted = Counter(v for v in values if v not in (None, ""))
    if not counted:
        return None
    top = max(counted.values())
    return next(v for v in counted if counted[v] == top)  # first seen among the most frequent


def _chronological(reports: Sequence[ReportForReconcile]) -> list[ReportForReconcile]:
    far_past = datetime.min.replace(tzinfo=None)
    return sorted(
        reports, key=lambda r: ((r.published.replace(tzinfo=None) if r.published else far_past), r.id)
    )


def reconcile_casualties(reports: Sequence[ReportForReconcile], name: str) -> dict[str, int | None]:
    """ACLED's rule: each source's latest figure counts, and of those the most conservative (lowest).

    The range keeps every figure any source gave at any time.
    """
    latest_by_source: dict[str, int] = {}
    lows: list[int] = []
    highs: list[int] = []
    for report in _chronological(reports):
        value = report.fields.get(name)
        low = report.fields.get(f"{name}_low")
        high = report.fields.get(f"{name}_high")
        if value is None and low is None and high is None:
            continue
        if value is not None:
            latest_by_source[report.source or f"report {report.id}"] = value
        lows.extend(v for v in (low, value) if v is not None)
        highs.extend(v for v in (high, value) if v is not None)
    return {
        name: min(latest_by_source.values()) if latest_by_source else None,
        f"{name}_low": min(lows) if lows else None,
        f"{name}_high": max(highs) if highs else None,
    }


def reconcile(reports: Sequence[ReportForReconcile]) -> dict[str, Any]:
    """The event's fields from all its reports (deterministic, whatever order they arrived in)."""
    ordered = _chronological(reports)
    fields: dict[str, Any] = {"type": _most_common(r.fields["type"] for r in ordered)}
    for name in ("gtd_attacktype", "acled_event_type", "acled_sub_event_type", "target_type", "weapon_type"):
        fields[name] = _most_common(r.fields.get(name) for r in ordered)
    for name in ("target_text", "weapon_text"):
        fields[name] = next((r.fields[name] for r in ordered if r.fields.get(name)), None)

    dated = [r for r in ordered if r.fields.get("date") is not None]
    by_precision = sorted(dated, key=lambda r: _PRECISION_RANK.get(r.fields.get("date_precision") or "", 9))
    if by_precision:
        best_precision = by_precision[0].fields.get("date_precision")
        same = [r for r in by_precision if r.fields.get("date_precision") == best_precision]
        counted = Counter(r.fields["date"] for r in same)
        top = max(counted.values())
        fields["date"] = min(d for d, n in counted.items() if n == top)
        fields["date_precision"] = best_precision or "unknown"
    else:
        fields["date"], fields["date_precision"] = None, "unknown"

    placed = sorted(ordered, key=lambda r: r.fields.get("place_precision") or 5)
    most_specific = placed[0] if placed else None
    fields["place_precision"] = most_specific.fields.get("place_precision") or 5 if most_specific else 5
    for name in PLACE_FIELDS:
        fields[name] = most_specific.fields.get(name) if most_specific else None
    for name in ("country", "country_code", "region", "latitude", "longitude"):
        if fields[name] is None:  # fill from a less specific report that agrees on the rest
            fields[name] = _most_common(
                r.fields.get(name)
                for r in ordered
                if not fields["city"]
                or not r.fields.get("city")
                or same_name(r.fields["city"], fields["city"])
            )

    claimants = sorted(
        (r for r in ordered if r.fields.get("perpetrator")),
        key=lambda r: _STATUS_RANK.get(r.fields.get("perpetrator_status") or "unknown", 3),
    )
    if claimants:
        best_status = claimants[0].fields.get("perpetrator_status") or "unknown"
        fields["perpetrator"] = _most_common(
            r.fields["perpetrator"] for r in claimants if r.fields.get("perpetrator_status") == best_status
        )
        fields["perpetrator_status"] = best_status
    else:
        fields["perpetrator"], fields["perpetrator_status"] = None, "unknown"

    fields |= reconcile_casualties(ordered, "killed")
    fields |= reconcile_casualties(ordered, "injured")
    fields["summary"] = next((r.fields["summary"] for r in ordered if r.fields.get("summary")), None) or next(
        (r.headline for r in ordered if r.headline), None
    )
    return fields


_PRECISION_RANK = {"day": 0, "week": 1, "month": 2, "year": 3, "unknown": 4}
