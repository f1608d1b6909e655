"""Output: writing records to files safely."""
