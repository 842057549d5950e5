"""Exceptions raised where a caller made a mistake; a batch turns them into records."""


class NewsdeskError(Exception):
    """Base class for every error newsdesk raises on purpose."""


class InputError(NewsdeskError):
    """The input cannot be read as a page (empty, binary, undecodable)."""


class FetchError(NewsdeskError):
    """A URL could not be fetched (refused, too large, timed out, HTTP error)."""
