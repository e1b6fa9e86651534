"""Rasa input channels adapted for this deployment (see docs/channels.md)."""
