"""Our pieces of Rasa's NLU pipeline (config.yml), and a speed fix to Rasa
that every process loading the model gets (components/rasa_speedups.py)."""
from components import rasa_speedups

rasa_speedups.apply()
