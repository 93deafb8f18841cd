"""Glossa: a static site generator for annotated editions of historical texts."""
