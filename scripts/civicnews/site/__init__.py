"""The portal: article Markdown in ``docs/articles/`` → MkDocs Material site, feeds and search.

``articles`` reads the Markdown the extractor writes, ``pages`` turns a list of articles into the
generated index/district/campaign/archive pages, ``feeds`` writes RSS and Atom, ``search`` runs
Pagefind and ``qr`` draws share codes. ``hooks`` is the only module MkDocs sees; it just wires
these pure functions into the build.
"""
