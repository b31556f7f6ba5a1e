"""The ``schema`` check kind: a part of the declaration validates against a JSON Schema."""
