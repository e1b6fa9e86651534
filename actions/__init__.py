"""Thin rasa-sdk adapters over the pure-Python core in bot/."""
