"""The results pages."""
