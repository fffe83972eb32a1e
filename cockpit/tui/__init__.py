"""The Textual cockpit (presentation only: every state change goes through the services)."""
