"""Reading input files: bytes to located YAML (``yamlio``), locations (``locate``), limits, and validation against the models."""
