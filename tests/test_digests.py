"""digests: hashlib's digests, and an extraction worker that never loads OpenSSL."""

from __future__ import annotations

import hashlib
import subprocess
import sys
from pathlib import Path

from civicnews import build, digests

ROOT = Path(__file__).resolve().parents[1]


def test_the_digests_are_hashlibs() -> None:
    for data in (b"", b"abc", "县域新闻".encode(), bytes(range(256)) * 300):
        assert digests.sha256(data).hexdigest() == hashlib.sha256(data).hexdigest()
        assert digests.sha1(data).hexdigest() == hashlib.sha1(data).hexdigest()
        assert digests.blake2b(data, digest_size=20).digest() == \
            hashlib.blake2b(data, digest_size=20).digest()
        grown = digests.sha256(data[:7])
        grown.update(data[7:])
        assert grown.hexdigest() == hashlib.sha256(data).hexdigest()


def test_a_lean_process_hashes_the_same_without_openssl() -> None:
    """lean(): hashlib on its built-in implementations, imported so for jieba as well."""
    code = ("import sys; from civicnews import digests, wordlist; digests.lean(); "
            "h = digests.sha256(b'abc').hexdigest(); wordlist.import_jieba(); "
            "print(h, '_hashlib' in sys.modules, sys.modules['hashlib'].md5(b'x').hexdigest())")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         env={"PYTHONPATH": str(ROOT / "scripts"), "PATH": ""}).stdout.split()
    assert out == [hashlib.sha256(b"abc").hexdigest(), "False", hashlib.md5(b"x").hexdigest()]


def test_a_site_builds_worker_never_loads_openssl(tmp_path: Path) -> None:
    """A fresh worker, warmed and having extracted a page (jieba, the gazetteer, the cache's
    keys), holds no _hashlib: 4.8 MB of its peak in a 1k build (stop 38); nor tqdm, the
    caller's progress bar (0.4 MB)."""
    from civicnews.manifest import PageInfo

    text = "义乌市稠城街道开展旧衣回收宣传活动\n本报讯 近日，稠城街道组织志愿者走进社区，宣传垃圾分类知识。\n"
    with build._pool(1, fresh=True) as pool:
        pool.submit(build._warm_worker, None, tmp_path / "cache").result()
        pool.submit(build._extract_chunk, [(text, PageInfo(file="x.txt"), "k")], None,
                     tmp_path / "cache", tmp_path / "lean", True).result()
        loaded = pool.submit(eval, "sorted(m for m in __import__('sys').modules "
                                   "if 'hashlib' in m or 'tqdm' in m)").result()
    assert loaded in ([], ["hashlib"])
