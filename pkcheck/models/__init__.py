"""Pydantic models of the input files: declarations, standards and waivers.

They are the one source of truth for the shape of each file: the loader validates with them and
``pkcheck schema`` exports their JSON Schemas.
"""
