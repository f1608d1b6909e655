"""The shared know-how the components use: rules and gazetteer, TIMEX3 normalisation, word
lists, matcher helpers, pronoun antecedents, per-Doc caches."""
