"""newsdesk: raw news pages in, clean articles and structured event data out.

The Python API is the product; the CLI, the HTTP service and the batch jobs call it.
"""

from __future__ import annotations

__version__ = "0.1.0"

# Bound after the subpackage import on purpose: ``newsdesk.extract`` is the function,
# the stage lives in the ``newsdesk.extract`` package (``sys.modules``).
from newsdesk.extract import extract
from newsdesk.model import Article
from newsdesk.options import Options
from newsdesk.understand import analyze

__all__ = ["Article", "Options", "__version__", "analyze", "extract"]
