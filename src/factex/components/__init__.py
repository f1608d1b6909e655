"""factex's spaCy components; importing this package registers their factories."""

from . import actors, dates, entity_ruler, events, money, paragraphs  # noqa: F401
