"""Records: the output schema (contract §1, §2), what components leave on a Doc (mentions and
the Doc extensions with their codec), and building the output records from processed Docs."""
