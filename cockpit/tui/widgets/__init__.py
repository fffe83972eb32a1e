"""Widgets: the message table and its column layout, the title and summary bars, the footer and
the highlighting of risky text."""
