"""The census of the assembly passes (civicnews.fit.census): every pass is turned off and back
on, the comparison counts what changed, and the command runs on fitting-part pages."""

from __future__ import annotations

import pytest
from civicnews import assemble
from civicnews.fit import census, evaluate, pagegen


def _report(pages: dict[str, tuple[bool, dict[str, bool]]]) -> dict:
    return {"pages": [{"page": p, "count_ok": ok,
                       "articles": [{"title": t, "title_ok": v} for t, v in titles.items()]}
                      for p, (ok, titles) in pages.items()]}


def test_census_turns_each_pass_off_alone_and_restores_it() -> None:
    names = ["join_continuations", "titles_between_stories"]
    originals = {n: getattr(assemble, n) for n in names}
    seen: list[tuple[str, ...]] = []

    def score() -> dict:
        off = tuple(n for n in names if getattr(assemble, n) is not originals[n])
        seen.append(off)
        # without join_continuations one page's count and one title go wrong
        joined = "join_continuations" not in off
        return _report({"p1": (joined, {"甲": joined, "乙": True}), "p2": (True, {"丙": True})})

    rows = census.census(score, names, progress=lambda _: None)
    assert seen == [(), ("join_continuations",), ("titles_between_stories",)]
    assert all(getattr(assemble, n) is originals[n] for n in names)
    by_name = {w.name: w for w in rows}
    assert (by_name["join_continuations"].pages_earned, by_name["join_continuations"].articles_earned) == (1, 1)
    assert by_name["titles_between_stories"].support == 0
    assert rows[0].name == "titles_between_stories"  # least support first
    assert "< MIN_SUPPORT" in census.table(rows).splitlines()[1]


def test_a_pass_is_restored_when_the_run_fails() -> None:
    original = assemble.rescue_titles
    with pytest.raises(RuntimeError), census.turned_off("rescue_titles"):
        raise RuntimeError("extraction failed")
    assert assemble.rescue_titles is original


def test_every_pass_is_one_assemble_page_calls() -> None:
    import inspect

    source = inspect.getsource(assemble.assemble_page)
    names = census.passes()
    assert len(names) > 40
    assert all(f"{name}(" in source for name in names)


def test_the_command_refuses_a_name_that_is_no_pass(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        census.main(["--only", "no_such_pass"])
    assert exit_info.value.code == 2
    assert "not a pass of assemble_page: no_such_pass" in capsys.readouterr().err


@pytest.mark.skipif(not (pagegen.shared_available() and evaluate.SCORE_PY.exists()),
                    reason="../shared (corpus, score.py) is absent")
def test_the_command_on_generated_fitting_pages(capsys: pytest.CaptureFixture[str]) -> None:
    assert census.main(["--pages", "3", "--seed", "5", "--only", "join_continuations", "rescue_titles"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("pass")
    assert sorted(line.split()[0] for line in out[1:]) == ["join_continuations", "rescue_titles"]
