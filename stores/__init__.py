"""Rasa-facing stores for the scaled set-up (endpoints-scaled.yml)."""
