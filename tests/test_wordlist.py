"""wordlist: jieba's dictionary as a trie and an array must segment exactly as jieba's own load.

jieba's own tokenizer (``jieba.Tokenizer().initialize()``: its prefix dict) is the reference;
the texts are the stories of the corpus's fitting part and the seeds' gold (read from
../shared at test time), cut into pieces by hypothesis, and random mixes of their characters
with Latin letters, digits and marks.
"""

from __future__ import annotations

import os
import pickle
import subprocess
import sys
from functools import lru_cache
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

HERE = Path(__file__).resolve().parent
for extra in (HERE, HERE.parent / "scripts"):  # --import-mode=importlib: neither is on the path
    if str(extra) not in sys.path:
        sys.path.insert(0, str(extra))

import strategies as gst  # noqa: E402
from civicnews import wordlist  # noqa: E402
from civicnews.fit import pagegen  # noqa: E402

SHARED = pytest.mark.skipif(not pagegen.shared_available(),
                            reason="../shared (corpus, gold) is absent")


@lru_cache(maxsize=1)
def _reference():  # noqa: ANN202 - jieba.Tokenizer
    """jieba's own load of its default dictionary (a tokenizer of its own: the default one
    holds the compact words in this process)."""
    jieba = wordlist.import_jieba()
    own = jieba.Tokenizer()
    own.initialize()
    return own


@lru_cache(maxsize=1)
def _compact():  # noqa: ANN202 - jieba.Tokenizer
    """A tokenizer given the compact words as wordlist.warm gives jieba's default one."""
    jieba = wordlist.import_jieba()
    words = wordlist._load(None, jieba)
    assert words is not None
    tok = jieba.Tokenizer()
    tok.get_DAG, tok.FREQ, tok.total, tok.initialized = words.dag, words, words.total, True
    return tok


def test_the_words_are_jiebas_words_with_jiebas_frequencies_and_total() -> None:
    own, words = _reference(), _compact().FREQ
    assert words.total == own.total
    real = {w: n for w, n in own.FREQ.items() if n}
    assert len(words) == len(real)
    assert all(words.get(w) == n for w, n in real.items())
    # jieba's prefixes (frequency 0) are no words here: the same to every reader (falsy)
    assert not any(words.get(w) for w, n in own.FREQ.items() if not n)
    assert words.longest == max(map(len, real))


def test_built_like_jiebas_gen_pfdict() -> None:
    """The last line of a word sets it, every line counts in the total, and a word whose last
    line says 0 is no word (jieba keeps it as a prefix)."""
    words = wordlist.Words.build(["长江 5 ns", "长江大桥 3 n", "长江 8 ns", "大桥 2", "大 0", "桥 4",
                                  "桥 0"])
    assert (words.get("长江"), words.get("长江大桥"), words.get("大"), words.get("桥")) == (8, 3, None, None)
    assert words.total == 22 and len(words) == 3
    assert words.dag("长江大桥") == {0: [1, 3], 1: [1], 2: [3], 3: [3]}
    assert words.ends("在长江大桥", 1) == [(3, 8), (5, 3)]
    with pytest.raises(ValueError, match="line 2"):
        wordlist.Words.build(["长江 5", "长江"])
    assert words.get("\ud800") is None and "\ud800" not in words  # a lone surrogate: no word
    again = pickle.loads(pickle.dumps(words))
    assert again.dag("长江大桥") == words.dag("长江大桥") and again.total == 22


@lru_cache(maxsize=1)
def _pieces() -> list[str]:
    return gst.gold_paragraph_list() + gst.gold_headline_list()


def _texts() -> st.SearchStrategy[str]:
    """A slice of a gold paragraph or headline, or a mix of its characters with others."""
    def slice_of(data: st.DrawFn) -> str:
        text = data(st.sampled_from(_pieces()))
        start = data(st.integers(0, len(text)))
        return text[start : start + data(st.integers(0, 120))]

    def mix(data: st.DrawFn) -> str:
        alphabet = st.sampled_from(gst.cjk_alphabet() + "abcXYZ0123456789 .,%#&+-_，。“”")
        return data(st.text(alphabet, max_size=60))

    return st.one_of(st.composite(slice_of)(), st.composite(mix)())


@SHARED
@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_texts())
def test_lcut_on_the_compact_words_is_jiebas(text: str) -> None:
    own, compact = _reference(), _compact()
    assert compact.get_DAG(text) == own.get_DAG(text)
    assert compact.lcut(text) == own.lcut(text)
    assert compact.lcut(text, HMM=False) == own.lcut(text, HMM=False)


@SHARED
def test_every_gold_text_is_cut_as_jieba_cuts_it() -> None:
    own, compact = _reference(), _compact()
    for text in _pieces():
        assert compact.lcut(text) == own.lcut(text), text


def test_warm_keeps_the_words_and_jieba_never_imports_pkg_resources(tmp_path: Path) -> None:
    """The first process builds the words and keeps them in the build's cache and the user's,
    the next reads them (a build with a fresh cache folder reads the user's); in each, jieba's
    default tokenizer is initialized with them and pkg_resources is never imported."""
    script = (
        "import sys\n"
        "from pathlib import Path\n"
        "from civicnews import wordlist\n"
        "wordlist.warm(Path(sys.argv[1]))\n"
        "import jieba\n"
        "assert jieba.dt.initialized and isinstance(jieba.dt.FREQ, wordlist.Words)\n"
        "assert 'pkg_resources' not in sys.modules\n"
        "print(jieba.lcut('开发区企业推动党的二十大精神落地见效'))\n"
    )
    env = {**os.environ, "CIVICNEWS_CACHE": str(tmp_path / "user")}

    def kept(folder: Path) -> list[Path]:
        return list((folder / wordlist.FOLDER).glob("words-*.pickle"))

    want = f"{_reference().lcut('开发区企业推动党的二十大精神落地见效')}\n"
    made: list[int] = []
    for build_cache in ("a", "a", "b"):
        proc = subprocess.run([sys.executable, "-c", script, str(tmp_path / build_cache)],
                              capture_output=True, text=True, timeout=300, check=False, env=env)
        assert proc.returncode == 0, proc.stderr[-3000:]
        assert proc.stdout == want
        assert len(kept(tmp_path / build_cache)) == len(kept(tmp_path / "user")) == 1
        made.append(kept(tmp_path / "user")[0].stat().st_mtime_ns)
    assert made[0] == made[1] == made[2]  # built once, then read
    assert kept(tmp_path / "a")[0].read_bytes() == kept(tmp_path / "b")[0].read_bytes()


def _spans_a_word_on(freq: dict[str, int], left: str, right: str) -> bool:
    """features.spans_a_word as it read jieba's own prefix dict before wordlist (the reference)."""
    from civicnews.features import _CJK_RUN

    if not left or not right or not _CJK_RUN.match(left[-1]) or not _CJK_RUN.match(right[0]):
        return False
    for a in range(1, 4):
        for b in range(1, 4):
            if a + b <= 4 and freq.get(left[-a:] + right[:b]):
                if not any(freq.get(left[-n:]) for n in range(a + 1, 5) if n <= len(left)):
                    return True
    return False


@SHARED
@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_texts(), _texts())
def test_spans_a_word_on_the_compact_words_is_as_on_jiebas_dict(left: str, right: str) -> None:
    from civicnews.features import spans_a_word

    own = _reference().FREQ
    for a, b in ((left, right), (left[-3:], right[:2]), (left[-1:], right[:1])):
        assert spans_a_word(a, b) == _spans_a_word_on(own, a, b), (a, b)


@SHARED
def test_spans_a_word_on_every_gold_line_break() -> None:
    """Every gold paragraph cut after each of its first characters (the breaks a column makes)."""
    from civicnews.features import spans_a_word

    own = _reference().FREQ
    hits = 0
    for text in gst.gold_paragraph_list()[:400]:
        for k in range(1, min(len(text), 40)):
            want = _spans_a_word_on(own, text[:k], text[k:])
            assert spans_a_word(text[:k], text[k:]) == want, (text[:k], text[k:])
            hits += want
    assert hits > 100


def test_another_jieba_dictionary_is_read_as_jieba_reads_it(tmp_path: Path) -> None:
    """When jieba's tokenizer was given another dictionary, warm leaves it to jieba and the
    words our code reads are that dictionary's (its words and total)."""
    custom = tmp_path / "dict.txt"
    custom.write_text("长江 5 ns\n长江大桥 3 n\n大桥 2 n\n长江 8 ns\n", encoding="utf-8")
    script = (
        "import sys\n"
        "from civicnews import wordlist\n"
        "jieba = wordlist.import_jieba()\n"
        "jieba.set_dictionary(sys.argv[1])\n"
        "wordlist.warm(None)\n"
        "words = wordlist.words()\n"
        "print(jieba.lcut('长江大桥'), words.total, words.get('长江'), words.get('长江大'), len(words))\n"
    )
    proc = subprocess.run([sys.executable, "-c", script, str(custom)], capture_output=True,
                          text=True, timeout=300, check=False,
                          env={**os.environ, "CIVICNEWS_CACHE": str(tmp_path / "user")})
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert proc.stdout.split() == ["['长江大桥']", "18", "8", "None", "3"]
