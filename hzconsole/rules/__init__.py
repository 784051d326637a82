"""Pure functions over records read once: compliance, overdue problems, stale boards,
period figures. No database and no Textual here: every rule is testable on plain values."""
