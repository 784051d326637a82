"""The books of the office: models, validation and the queries/workflows of each book."""
