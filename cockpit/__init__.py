"""Recall Cockpit: live recall windows, credits, leakage and compliance risk for sent InMail."""

__version__ = "0.1.0"
