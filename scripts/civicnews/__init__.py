"""civicnews: newspaper page texts → clean articles → a static civic news portal with feeds."""

__version__ = "0.1.0"
