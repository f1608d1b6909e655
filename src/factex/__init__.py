"""factex: dated events, money amounts and actors from English prose, with evidence."""

__version__ = "0.1.0"

from .pipeline import Document, Extractor, extract_text  # noqa: E402

__all__ = ["Document", "Extractor", "extract_text", "__version__"]
