"""Our pieces of Rasa's NLU pipeline (config.yml). Importing them, as every
process loading the model does, also installs our patches to Rasa
(rasa_patches/, docs/rasa-patches.md), which live outside components/ so
that changing one does not retrain the model."""
import rasa_patches

rasa_patches.apply()
