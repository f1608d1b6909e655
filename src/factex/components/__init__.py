"""factex's spaCy components; importing this package registers their factories."""

from factex.components import actors, dates, doctime, entity_repair, events, gazetteer_ruler, lemmas, modality, money, paragraphs, topic  # noqa: F401
