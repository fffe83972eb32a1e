"""The screens: the live table, one message in full and the audit log, with the flows of the
actions they offer."""
