"""Rasa input channels adapted for this deployment (see README, Channels)."""
