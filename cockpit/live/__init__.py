"""The live model every view reads: loaded messages, their phases, figures, filter and sort."""
