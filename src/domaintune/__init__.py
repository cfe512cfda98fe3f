"""domaintune: per-domain LoRA fine-tuning as a DVC pipeline."""

__version__ = "0.1.0"
