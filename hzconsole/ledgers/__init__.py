"""Excel ledgers (台账) of the books."""
