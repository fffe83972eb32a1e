"""Persistence: tables, engine and pragmas, the repository and the audit chain. All SQL lives here."""
