"""The heuristics newsdesk runs on, kept as data: lexicons, gazetteers, aliases, patterns.

Every stage reads its files through ``read_text`` / ``load_json`` so a data file is found the
same way whether newsdesk runs from a checkout, a wheel or a Spark executor's zip.
"""

from __future__ import annotations

import json
from importlib import resources
from typing import Any


def read_text(name: str) -> str:
    """The text of the data file ``name`` (UTF-8)."""
    return resources.files(__name__).joinpath(name).read_text(encoding="utf-8")


def load_json(name: str) -> Any:
    """The parsed JSON of the data file ``name``."""
    return json.loads(read_text(name))
