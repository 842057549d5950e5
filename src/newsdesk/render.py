"""An ``Article`` as Markdown or plain text, for people to read (JSON is for programs)."""

from __future__ import annotations

import re

from newsdesk.model import Article, Block

# Characters that would make a body line start a Markdown construct it is not.
_MARKDOWN_LEADER = re.compile(r"^(\s*)([#>+*-]|\d+[.)]|=+$|`{3})")


def _byline(article: Article) -> str:
    parts = []
    if article.authors:
        parts.append("By " + ", ".join(article.authors))
    if article.published:
        parts.append(article.published.strftime("%Y-%m-%d %H:%M UTC"))
    if article.publisher:
        parts.append(article.publisher)
    return " · ".join(parts)


def _credit(text: str, credit: str | None) -> str:
    return f"{text} ({credit})" if credit else text


def _status_note(article: Article) -> str | None:
    if article.status == "ok":
        return None
    source = article.provenance.source or article.url or "input"
    return f"[{article.status}] {source}: {article.reason or 'no reason given'}"


def _escape(text: str) -> str:
    return _MARKDOWN_LEADER.sub(lambda match: f"{match.group(1)}\\{match.group(2)}", text)


def _markdown_block(block: Block) -> str:
    if block.kind == "heading":
        return f"## {block.text}"
    if block.kind == "list_item":
        return f"- {_escape(block.text)}"
    if block.kind == "quote":
        return "\n".join(f"> {line}" for line in block.text.splitlines())
    if block.kind == "table":
        return block.text
    return _escape(block.text)


def to_markdown(article: Article) -> str:
    parts: list[str] = []
    if note := _status_note(article):
        parts.append(f"<!-- {note.replace('--', '- -')} -->")
    if article.headline:
        parts.append(f"# {article.headline}")
    if article.standfirst:
        parts.append(f"*{article.standfirst}*")
    if byline := _byline(article):
        parts.append(byline)
    if article.url:
        parts.append(f"<{article.url}>")
    parts.extend(f"> {_credit(caption.text, caption.credit)}" for caption in article.captions)
    parts.extend(_markdown_block(block) for block in article.body)
    return "\n\n".join(parts) + "\n"


def to_text(article: Article) -> str:
    parts: list[str] = []
    if note := _status_note(article):
        parts.append(note)
    if article.headline:
        parts.append(article.headline)
    if article.standfirst:
        parts.append(article.standfirst)
    if byline := _byline(article):
        parts.append(byline)
    parts.extend(block.text for block in article.body)
    parts.extend(f"Caption: {_credit(caption.text, caption.credit)}" for caption in article.captions)
    return "\n\n".join(parts) + "\n"
