"""factex's spaCy components; importing this package registers their factories."""

from factex.components import actors, dates, events, gazetteer_ruler, money, paragraphs  # noqa: F401
