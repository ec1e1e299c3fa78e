"""Errors the user can act on. The CLI prints them as one line and exits 2; nothing else is expected."""


class ClaimdiffError(Exception):
    """An input or usage problem: the message names the file, line or option and what is wrong."""


class InputError(ClaimdiffError):
    """A source could not be read, decoded or fetched."""
