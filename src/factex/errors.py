"""Errors factex raises on purpose; the CLI turns each into one line on stderr."""


class FactexError(Exception):
    """Base class of factex's own errors."""


class InputError(FactexError):
    """A document cannot be read: missing, a directory, binary, empty or undecodable."""


class ModelError(FactexError):
    """The spaCy pipeline cannot be loaded."""


class DataError(FactexError):
    """A bundled or user data file (patterns, gazetteer, gold) is invalid."""
