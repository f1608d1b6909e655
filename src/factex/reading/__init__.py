"""Reading: paths to decoded text, mojibake repair with the offset map, long-text splitting."""
