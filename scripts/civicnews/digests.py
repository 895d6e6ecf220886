"""The hashes the extractor's modules take (sha256, sha1, blake2b), with OpenSSL left out of an
extraction worker.

``import hashlib`` loads OpenSSL's libcrypto (``_hashlib``) when it can: 3.4 MB of a process
at once, and 4.8 MB of a site build's extraction worker at its peak (a fresh worker, 202 pages
of the 1k bench corpus, stop 38), the build's largest process. A worker hashes only a few
short keys, which hashlib's own fallback (Python's ``_sha256``, ``_sha1``, ``_md5``,
``_blake2``: the same digests) does as well. So the extractor's modules hash through here,
not through a module-level ``import hashlib``, and a worker (``lean()``, build._worker_init)
imports hashlib without OpenSSL, as jieba then finds it (wordlist.import_jieba). Any other
process gets hashlib as it is (OpenSSL's sha256 is ~5x faster over a build's page bytes).
"""

from __future__ import annotations

import sys
from types import ModuleType
from typing import Any

_LEAN = [False]


def lean() -> None:
    """Import hashlib in this process, when first needed, without OpenSSL."""
    _LEAN[0] = True


def hashlib_module() -> ModuleType:
    """hashlib; in a lean process that has not loaded it yet, hashlib on its built-in
    implementations (what it uses where Python has no OpenSSL)."""
    if _LEAN[0] and "hashlib" not in sys.modules:
        return import_without("hashlib", "_hashlib")
    import hashlib

    return hashlib


def import_without(name: str, blocked: str) -> ModuleType:
    """Import ``name`` with module ``blocked`` unimportable (``name`` then takes its fallback),
    unless either is loaded already; ``blocked`` stays importable afterwards.

    >>> import_without("json", "_json_never_loaded").__name__
    'json'
    """
    if name not in sys.modules and blocked not in sys.modules:
        sys.modules[blocked] = None  # type: ignore[assignment]  # ImportError for `name`
        try:
            __import__(name)
        finally:
            if sys.modules.get(blocked, 0) is None:
                del sys.modules[blocked]
    return __import__(name)


def sha256(data: bytes = b"") -> Any:
    """hashlib.sha256(data).

    >>> sha256(b"abc").hexdigest()[:16]
    'ba7816bf8f01cfea'
    """
    return hashlib_module().sha256(data)


def sha1(data: bytes = b"") -> Any:
    """hashlib.sha1(data)."""
    return hashlib_module().sha1(data)


def blake2b(data: bytes = b"", digest_size: int = 64) -> Any:
    """hashlib.blake2b(data, digest_size=digest_size)."""
    return hashlib_module().blake2b(data, digest_size=digest_size)
