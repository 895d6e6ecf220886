"""Fitting and evaluation material: the annotated corpus, its fixed split, page generators.

Nothing here runs during extraction; `make model` and the evaluation tests use it.
"""
