"""What every factex component that reads rules shares: it holds one :class:`~factex.language.rules.Rules`,
runs with them active, takes new ones at ``initialize(rules=...)``, and writes them with the
pipeline (``nlp.to_disk``) so that a saved pipeline carries the rules it ran with."""

from __future__ import annotations

from abc import ABC, abstractmethod
from pathlib import Path

from spacy.tokens import Doc

from factex.language.rules import Rules, resolve, using
from factex.records.extensions import register_extensions


def require(doc: Doc, component: str, extensions: tuple[str, ...] = (), *, parse: bool = False) -> None:
    """Fail with one clear line when a component runs without what it needs before it.

    Raises:
        ValueError: naming the component and the missing components or annotation.
    """
    missing = [f"factex_{e}" for e in extensions if getattr(doc._, f"factex_{e}") is None]
    if missing:
        raise ValueError(f"{component} needs {', '.join(missing)} before it in the pipeline "
                         "(factex.pipeline.load_pipeline builds the whole pipeline)")
    if parse and len(doc) and not doc.has_annotation("DEP"):
        raise ValueError(f"{component} needs a dependency parser before it (a trained pipeline "
                         "such as en_core_web_sm, not spacy.blank)")


class RulesComponent(ABC):
    """Base class: subclasses implement ``_process(doc)`` and compile their rules in ``_compile``."""

    def __init__(self, rules: Rules | None = None) -> None:
        register_extensions()
        self.rules = resolve(rules)
        self._compile()

    def _compile(self) -> None:
        """Build whatever the component derives from its rules (matchers, lexicons)."""

    @abstractmethod
    def _process(self, doc: Doc) -> Doc:
        """Process one Doc with the component's rules active."""

    def __call__(self, doc: Doc) -> Doc:
        with using(self.rules):
            return self._process(doc)

    def set_rules(self, rules: Rules) -> None:
        """Use these rules from now on (the pipeline's components should share one object)."""
        self.rules = rules
        self._compile()

    def initialize(self, get_examples=None, *, nlp=None, rules: "Rules | str | list | None" = None) -> None:
        """spaCy's initialisation hook: ``rules`` adds a directory (or list) of rules files to
        the bundled ones, or gives a :class:`Rules` object.

        Raises:
            DataError: when a rules file is invalid (naming file and line).
        """
        if rules is not None:
            self.set_rules(resolve(rules))

    def to_disk(self, path, *, exclude=()) -> None:
        """Write the rules this component runs with into ``path/rules``."""
        self.rules.to_disk(Path(path) / "rules")

    def from_disk(self, path, *, exclude=()) -> "RulesComponent":
        """Read the rules written by :meth:`to_disk`."""
        self.set_rules(Rules.from_disk(Path(path) / "rules"))
        return self
