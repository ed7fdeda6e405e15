"""Kept for ``emit-gui --version``: which inference provider is in use here."""

from emit_gui.inference.engine import describe_provider

__all__ = ["describe_provider"]
