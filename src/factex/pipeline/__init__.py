"""Building the spaCy pipeline (model choice, factex's components, rules) and running it: in
this process, on worker processes, or on a Dask cluster."""

from factex.pipeline.extractor import Document, Extractor, choose_model, extract_text, load_pipeline

__all__ = ["Document", "Extractor", "choose_model", "extract_text", "load_pipeline"]
