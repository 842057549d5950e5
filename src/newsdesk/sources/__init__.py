"""Where pages come from: local files and stdin, HTTP(S) with guards, WARC archives."""

from newsdesk.sources.fetch import Fetched, fetch, is_public_address
from newsdesk.sources.files import InputRef, expand_inputs, read_file, read_stdin

__all__ = ["Fetched", "InputRef", "expand_inputs", "fetch", "is_public_address", "read_file", "read_stdin"]
