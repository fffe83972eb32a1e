"""What the command line prints of the live model: summaries, one message, incident reports, JSON."""
