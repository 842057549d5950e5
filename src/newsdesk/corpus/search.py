"""Query building shared by the store's search methods: full-text per dialect, and event filters.

A search string is read like a web search box: words (all must occur), "quoted phrases",
``-word`` to exclude, ``OR`` between alternatives. PostgreSQL parses it with
``websearch_to_tsquery``; for SQLite it is rewritten into an FTS5 expression with every
term quoted, so user input can never be FTS5 syntax.
"""

from __future__ import annotations

import re
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, bindparam, exists, func, literal_column, or_, select
from sqlalchemy.orm import aliased
from sqlalchemy.sql import table

from newsdesk.corpus.merge import canonical_group
from newsdesk.corpus.records import EventQuery
from newsdesk.corpus.schema import ArticleRow, EventRow, ReportRow

_TOKEN = re.compile(r'(-?)"([^"]*)"|(\S+)')
_WORD = re.compile(r"\w+", re.UNICODE)


def parse_query(text: str) -> tuple[list[list[str]], list[str]]:
    """(alternatives of required phrases, excluded phrases); each phrase a list of words."""
    alternatives: list[list[str]] = [[]]
    excluded: list[str] = []
    for match in _TOKEN.finditer(text):
        negated, phrase, bare = match.group(1), match.group(2), match.group(3)
        if bare == "OR":
            if alternatives[-1]:
                alternatives.append([])
            continue
        if bare is not None and bare.startswith("-") and len(bare) > 1:
            negated, bare = "-", bare[1:]
        words = " ".join(_WORD.findall(phrase if phrase is not None else bare or ""))
        if not words:
            continue
        (excluded if negated else alternatives[-1]).append(words)
    return [alt for alt in alternatives if alt], excluded


def fts5_expression(text: str) -> str | None:
    """The search string as a safe FTS5 MATCH expression, or None when it has no required term."""
    alternatives, excluded = parse_query(text)
    if not alternatives:
        return None
    quoted = [" AND ".join(f'"{phrase}"' for phrase in alt) for alt in alternatives]
    expression = " OR ".join(f"({q})" for q in quoted)
    if excluded:
        expression = f"({expression}) NOT ({' OR '.join(f'{chr(34)}{p}{chr(34)}' for p in excluded)})"
    return expression


def query_words(text: str) -> list[str]:
    alternatives, _ = parse_query(text)
    return [word for alt in alternatives for phrase in alt for word in phrase.split()]


_FTS = table("articles_fts", literal_column("rowid"))


def matching_articles(dialect: str, text: str) -> Select[Any, Any]:
    """SELECT article_id, rank — lower rank is better — for articles matching ``text``."""
    if dialect == "sqlite":
        expression = fts5_expression(text) or '""'
        statement: Select[Any, Any] = (
            select(
                literal_column("rowid").label("article_id"),
                literal_column("bm25(articles_fts)").label("rank"),
            )
            .select_from(_FTS)
            .where(literal_column("articles_fts").op("MATCH")(bindparam("fts_query", expression)))
        )
        return statement
    condition, rank = postgres_match(text)
    return select(ArticleRow.id.label("article_id"), rank.label("rank")).where(condition)


def postgres_match(text: str) -> tuple[ColumnElement[bool], ColumnElement[Any]]:
    """(articles.search_vector matches ``text``, rank — lower is better), to filter and order
    the articles table itself rather than join it to a ranked copy of itself."""
    tsquery = func.websearch_to_tsquery("english", bindparam("fts_query", text))
    vector: Any = literal_column("articles.search_vector")
    return vector.op("@@")(tsquery), -func.ts_rank_cd(vector, tsquery)


def _contains(column: Any, value: str) -> ColumnElement[bool]:
    return func.lower(column).contains(value.lower(), autoescape=True)


def event_conditions(query: EventQuery, dialect: str) -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = []
    if query.text:
        hits = matching_articles(dialect, query.text).subquery()
        text_report = aliased(ReportRow)  # its own alias: a caller may already select from reports
        conditions.append(
            exists().where(
                text_report.event_id == EventRow.id, text_report.article_id.in_(select(hits.c.article_id))
            )
        )
    if query.type:
        wanted = query.type.strip().lower().replace(" ", "_")
        conditions.append(
            or_(
                func.lower(EventRow.type) == wanted, func.lower(EventRow.gtd_attacktype) == query.type.lower()
            )
        )
    if query.country:
        value = query.country.strip()
        options = [func.lower(EventRow.country) == value.lower()]
        if len(value) in (2, 3):
            options.append(func.upper(EventRow.country_code) == value.upper())
        conditions.append(or_(*options))
    if query.place:
        conditions.append(
            or_(
                *(
                    _contains(column, query.place)
                    for column in (EventRow.city, EventRow.region, EventRow.landmark, EventRow.place_name)
                )
            )
        )
    if query.group:
        group_report = aliased(ReportRow)
        names = {query.group}
        canonical = canonical_group(query.group)
        if canonical:
            names.add(canonical[0])
        conditions.append(
            or_(
                *(_contains(EventRow.perpetrator, name) for name in names),
                exists().where(
                    group_report.event_id == EventRow.id,
                    or_(*(_contains(group_report.perpetrator, n) for n in names)),
                ),
            )
        )
    if query.date_from:
        conditions.append(EventRow.date >= query.date_from)
    if query.date_to:
        conditions.append(EventRow.date <= query.date_to)
    if query.min_killed is not None:
        conditions.append(EventRow.killed >= query.min_killed)
    if query.min_injured is not None:
        conditions.append(EventRow.injured >= query.min_injured)
    if query.ids is not None:
        conditions.append(EventRow.id.in_(query.ids))
    return conditions


def candidate_conditions(
    types: list[str], window: tuple[Any, Any] | None, country_code: str | None
) -> list[ColumnElement[bool]]:
    """Events a new report could belong to: same type family, inside its date window, same country."""
    conditions: list[ColumnElement[bool]] = [EventRow.type.in_(types)]
    if window is not None:
        low, high = window
        conditions.append(
            or_(
                EventRow.date.between(low, high),
                and_(
                    EventRow.date.is_(None), func.coalesce(EventRow.last_reported, EventRow.created_at) >= low
                ),
            )
        )
    if country_code:
        conditions.append(
            or_(EventRow.country_code.is_(None), func.upper(EventRow.country_code) == country_code.upper())
        )
    return conditions


def snippet(text: str, words: list[str], width: int = 220) -> str:
    """A window of ``text`` around the first query word it contains (the start when none)."""
    lowered = text.lower()
    positions = [p for p in (lowered.find(w.lower()) for w in words) if p >= 0]
    start = max(0, min(positions) - width // 3) if positions else 0
    piece = " ".join(text[start : start + width].split())
    return ("…" if start > 0 else "") + piece + ("…" if start + width < len(text) else "")
