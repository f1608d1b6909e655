"""factex: dated events, money amounts and actors from English prose, with evidence."""

__version__ = "0.1.0"

__all__ = ["Document", "Extractor", "extract_text", "__version__"]


def __getattr__(name: str):
    # Imported on first use: `factex --version` and spaCy's entry-point lookups (which import
    # factex.records.extensions while spaCy itself is still importing) must not load the pipeline.
    if name in ("Document", "Extractor", "extract_text"):
        from factex import pipeline

        return getattr(pipeline, name)
    raise AttributeError(f"module 'factex' has no attribute {name!r}")
