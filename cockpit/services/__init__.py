"""Every state change of the cockpit: one function per user action, one transaction each."""
