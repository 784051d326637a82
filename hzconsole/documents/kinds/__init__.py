"""One module per document kind: its options and how the books fill its template."""
