"""Site-wide chrome: lines that recur across many pages of one site.

A navigation menu, a newsletter box or a donation appeal is printed on every page of a site,
while an article's sentences are printed on one. Given the scraped texts of several pages of
the same site, the lines found on at least ``min_pages`` of them are chrome; pass the result as
``Options.repeated_lines`` and text mode drops them with the reason ``site-repeated``.

    repeated = repeated_lines(texts_of_one_site)
    article = newsdesk.extract(text, kind="text", repeated_lines=repeated)
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from newsdesk.extract.lines import split_lines

DEFAULT_MIN_PAGES = 3


def repeated_lines(
    texts: Iterable[str], min_pages: int = DEFAULT_MIN_PAGES, *, min_share: float = 0.0
) -> frozenset[str]:
    """Lines (whitespace-normalised, as text mode reads them) on at least ``min_pages`` texts.

    ``min_share`` additionally requires the line to be on that share of all the texts, for
    large crawls where a stock phrase may recur on a few pages by chance.
    """
    if min_pages < 2:
        raise ValueError("min_pages must be at least 2: a line on one page is not repeated")
    if not 0.0 <= min_share <= 1.0:
        raise ValueError("min_share must be between 0 and 1")
    pages = 0
    counts: Counter[str] = Counter()
    for text in texts:
        pages += 1
        counts.update({line.text for line in split_lines(text)})
    needed = max(min_pages, min_share * pages)
    return frozenset(line for line, count in counts.items() if count >= needed)
