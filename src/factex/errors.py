"""Errors factex raises on purpose; the CLI turns each into one line on stderr."""


class FactexError(Exception):
    """Base class of factex's own errors."""


class InputError(FactexError):
    """A document cannot be read: missing, a directory, binary, empty or undecodable."""


class ModelError(FactexError):
    """The spaCy pipeline cannot be loaded."""


class DataError(FactexError):
    """A bundled or user data file (patterns, gazetteer, gold) is invalid."""


class Interrupted(BaseException):
    """SIGINT or SIGTERM: the run stops where it stands, and no output file is replaced.

    A BaseException, like KeyboardInterrupt, so that no ``except Exception`` swallows it.
    """

    def __init__(self, code: int = 143) -> None:
        super().__init__(code)
        self.code = code


#: Set by the signal handler; checked before an output file is replaced, in case a library
#: swallowed the exception (a ``__del__``, a C callback) and the run went on.
INTERRUPTED = {"code": 0}
