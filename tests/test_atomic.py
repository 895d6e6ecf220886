"""Issue 11: a batch is never half-written. The articles, the report and the ledger change in
one step; a kill at any point leaves the old state or the new one; a full disk leaves the old
one and says so; two builds never run at once; workers die with their build."""

from __future__ import annotations

import errno
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import civicnews.output as output
import pytest
import yaml
from civicnews.build import run_batch
from civicnews.output import BuildLocked, OutputError, build_lock, recover
from conftest import SEED_PAGES

KILLS = 24
PAGES = 200


def state(root: Path) -> dict[str, bytes]:
    """What a build leaves: article files, report files and the ledger."""
    out = root / "out"
    files = {p.relative_to(out).as_posix(): p.read_bytes()
             for p in sorted(out.rglob("*")) if p.is_file() and not p.name.startswith(".")
             and not any(part.startswith(".") for part in p.relative_to(out).parts)}
    ledger = root / "ids.yml"
    files["<ledger>"] = ledger.read_bytes() if ledger.exists() else b""
    return files


def make_pages(folder: Path, count: int) -> None:
    """``count`` dated pages: copies of the seeds under new names (each extracted on its own)."""
    folder.mkdir(parents=True)
    manifest = yaml.safe_load((SEED_PAGES / "pages.yml").read_text(encoding="utf-8"))
    seeds = sorted(SEED_PAGES.glob("*.txt"))
    entries = {}
    for index in range(count):
        seed = seeds[index % len(seeds)]
        name = f"p{index:03d}_{seed.name}"
        shutil.copy(seed, folder / name)
        entries[name] = {**manifest[seed.name], "date": f"2020-01-{1 + index % 28:02d}"}
    (folder / "pages.yml").write_text(yaml.safe_dump(entries, allow_unicode=True),
                                      encoding="utf-8")


def extract_args(root: Path) -> list[str]:
    return [sys.executable, "-m", "civicnews.cli", "extract", str(root / "pages"),
            "--out", str(root / "out"), "--ledger", str(root / "ids.yml"),
            "--cache", str(root / "cache"), "--corrections", str(root / "corrections.yml"),
            "--no-progress"]


@pytest.fixture(scope="module")
def batch(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, bytes],
                                                              dict[str, bytes], Path]:
    """A 200-page project: its old state, its new state and a saved copy of the old one."""
    root = tmp_path_factory.mktemp("batch")
    make_pages(root / "pages", PAGES)
    (root / "corrections.yml").write_text("", encoding="utf-8")
    first = run_batch([root / "pages"], root / "out", jobs=2, ledger=root / "ids.yml",
                      cache_dir=root / "cache")
    assert not first.failures
    old = state(root)
    saved = root / "saved"
    shutil.copytree(root / "out", saved / "out")
    shutil.copy(root / "ids.yml", saved / "ids.yml")
    # The new state: every article retitled by an editor (every file changes) and one more
    # page (new ids in the ledger).
    corrections = {a.id: {"title": f"新标题 {a.id}"} for a in first.articles}
    (root / "corrections.yml").write_text(yaml.safe_dump(corrections, allow_unicode=True),
                                          encoding="utf-8")
    shutil.copy(SEED_PAGES / "000_6b38b89e44bd9a24.txt", root / "pages" / "zz_new.txt")
    manifest = root / "pages" / "pages.yml"
    manifest.write_text(manifest.read_text(encoding="utf-8")
                        + "zz_new.txt: {date: 2020-02-01}\n", encoding="utf-8")
    run_batch([root / "pages"], root / "out", ledger=root / "ids.yml", cache_dir=root / "cache",
              corrections=root / "corrections.yml")
    new = state(root)
    assert new != old and new["<ledger>"] != old["<ledger>"]
    return root, old, new, saved


def restore(root: Path, saved: Path) -> None:
    shutil.rmtree(root / "out")
    shutil.copytree(saved / "out", root / "out")
    shutil.copy(saved / "ids.yml", root / "ids.yml")
    output.ledger_stage(root / "ids.yml").unlink(missing_ok=True)


def test_a_kill_at_any_point_leaves_the_old_or_the_new_state(batch: tuple) -> None:
    root, old, new, saved = batch
    restore(root, saved)
    start = time.monotonic()
    subprocess.run(extract_args(root), check=True, capture_output=True)
    full = time.monotonic() - start  # how long one run takes here: the kills spread over it
    assert state(root) == new
    draw = random.Random(11)
    seen = {"old": 0, "new": 0}
    for trial in range(KILLS):
        restore(root, saved)
        proc = subprocess.Popen(extract_args(root), stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL)
        time.sleep(draw.uniform(0.0, full * 1.1))
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        recover(root / "out", root / "ids.yml")  # what every civicnews run does first
        found = state(root)
        assert found in (old, new), f"kill {trial} left a mix of old and new files"
        seen["old" if found == old else "new"] += 1
        assert not (root / "out" / output.STAGE).exists()
        assert not output.ledger_stage(root / "ids.yml").exists()
    print(f"kills: {seen}")  # for the record (pytest -s)
    assert sum(seen.values()) == KILLS


def test_a_full_disk_leaves_the_old_state_and_says_so(batch: tuple,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    root, old, _new, saved = batch
    restore(root, saved)
    calls = {"n": 0}
    real_write = output._write

    def write_until_full(path: Path, data: bytes) -> None:
        calls["n"] += 1
        if calls["n"] > 100:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(path))
        real_write(path, data)

    monkeypatch.setattr(output, "_write", write_until_full)
    with pytest.raises(OutputError, match="No space left on device"):
        run_batch([root / "pages"], root / "out", ledger=root / "ids.yml",
                  cache_dir=root / "cache", corrections=root / "corrections.yml")
    assert state(root) == old
    assert not (root / "out" / output.STAGE).exists()


def test_a_kill_after_the_commit_point_is_finished_by_the_next_run(
        batch: tuple, monkeypatch: pytest.MonkeyPatch) -> None:
    root, old, new, saved = batch
    restore(root, saved)

    def killed(out_dir: Path, plan: dict) -> None:
        raise SystemExit("killed")  # the journal is written; nothing was moved yet

    monkeypatch.setattr(output, "_roll_forward", killed)
    with pytest.raises(SystemExit):
        run_batch([root / "pages"], root / "out", ledger=root / "ids.yml",
                  cache_dir=root / "cache", corrections=root / "corrections.yml")
    assert (root / "out" / output.JOURNAL).exists()
    monkeypatch.undo()
    recover(root / "out", root / "ids.yml")
    assert state(root) == new


def test_a_second_build_is_refused_while_one_runs(batch: tuple,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    from civicnews import cli

    root, _old, _new, _saved = batch
    with build_lock(root / "out", root / "ids.yml"):
        with pytest.raises(BuildLocked, match="another build is running"):
            run_batch([root / "pages"], root / "out", ledger=root / "ids.yml")
        code = cli.main(extract_args(root)[3:])
    assert code == 2
    assert "another build is running" in capsys.readouterr().err


def test_concurrent_runs_lose_no_ids(tmp_path: Path) -> None:
    """Six runs at once over six different pages and one ledger: every run either records its
    ids or says another build is running; no run exits 0 with its ids lost."""
    pages = tmp_path / "pages"
    make_pages(pages, 6)
    procs = []
    for index, page in enumerate(sorted(pages.glob("*.txt"))):
        procs.append((page, subprocess.Popen(
            [sys.executable, "-m", "civicnews.cli", "extract", str(page), "--out",
             str(tmp_path / f"out{index}"), "--ledger", str(tmp_path / "ids.yml"),
             "--no-cache", "--no-progress"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
            text=True)))
    for _page, proc in procs:
        _out, err = proc.communicate(timeout=300)
        if proc.returncode != 0:
            assert proc.returncode == 2 and "another build is running" in err, err
    final = yaml.safe_load((tmp_path / "ids.yml").read_text(encoding="utf-8"))["articles"]
    sources = {entry["source"] for entry in final.values()}
    for index, (page, proc) in enumerate(procs):
        if proc.returncode == 0:
            assert page.name in sources, f"run {index}'s ids were lost"


def test_killing_the_parent_of_a_parallel_build_leaves_no_workers(tmp_path: Path) -> None:
    make_pages(tmp_path / "pages", 8)
    proc = subprocess.Popen([sys.executable, "-m", "civicnews.cli", "extract",
                             str(tmp_path / "pages"), "--out", str(tmp_path / "out"),
                             "--jobs", "2", "--no-cache", "--no-progress"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    workers: set[int] = set()
    for _ in range(600):  # until the pool has started (the workers are the parent's children)
        workers = _children(proc.pid)
        if len(workers) >= 2 or proc.poll() is not None:
            break
        time.sleep(0.05)
    assert workers, "the build finished before its workers were seen"
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    for _ in range(200):
        if not any(_alive(pid) for pid in workers):
            break
        time.sleep(0.05)
    assert not any(_alive(pid) for pid in workers), "orphan workers outlived their build"


def _children(pid: int) -> set[int]:
    found = set()
    for stat_file in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat_file.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.add(int(stat_file.parent.name))
    return found


def _alive(pid: int) -> bool:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return False
    return fields[0] != "Z"  # a zombie has exited; only its parent's reaping is left


def _default_ctrl_c() -> None:
    # A shell starts a background job with Ctrl-C ignored, and a child inherits that (the
    # build then rightly runs on): the build under test gets Ctrl-C as a terminal gives it.
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def test_ctrl_c_of_a_parallel_build_stops_its_workers_and_tells_the_truth(tmp_path: Path) -> None:
    # enough pages that the build is still running when the signal lands, however fast the
    # machine (8 pages once finished first on a loaded machine); Ctrl-C stops it early anyway
    make_pages(tmp_path / "pages", 400)
    proc = subprocess.Popen([sys.executable, "-m", "civicnews.cli", "extract",
                             str(tmp_path / "pages"), "--out", str(tmp_path / "out"),
                             "--jobs", "2", "--no-cache", "--no-progress"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                            preexec_fn=_default_ctrl_c)
    workers: set[int] = set()
    for _ in range(600):
        workers = _children(proc.pid)
        if len(workers) >= 2 or proc.poll() is not None:
            break
        time.sleep(0.05)
    assert workers, "the build finished before its workers were seen"
    proc.send_signal(signal.SIGINT)
    _out, err = proc.communicate(timeout=120)
    assert proc.returncode == 130, err
    assert "left as it was" in err and "Traceback" not in err
    assert not (tmp_path / "out" / "articles").exists()  # nothing half-written
    for _ in range(200):
        if not any(_alive(pid) for pid in workers):
            break
        time.sleep(0.05)
    assert not any(_alive(pid) for pid in workers)


def test_a_file_given_in_pieces_is_written_and_compared_as_a_whole(tmp_path: Path) -> None:
    from civicnews.output import commit

    out = tmp_path / "out"
    out.mkdir()
    commit(out, {"report.json": [b"ab", b"", "永".encode()]}, set())
    target = out / "report.json"
    assert target.read_bytes() == "ab永".encode()
    before = target.stat().st_mtime_ns
    commit(out, {"report.json": [b"a", "b永".encode()]}, set())  # the same bytes: untouched
    assert target.stat().st_mtime_ns == before
    for changed in ([b"a", b"b"], [b"ab", "永".encode(), b"!"], [b"ax", "永".encode()]):
        commit(out, {"report.json": changed}, set())
        assert target.read_bytes() == b"".join(changed)


def test_pieces_made_as_they_go_are_compared_and_staged_in_one_pass(tmp_path: Path) -> None:
    """report.Pieces (made anew each time they are read) are made once a commit: the same
    bytes leave the file untouched and nothing staged; other bytes (shorter, longer, other)
    replace it; pieces that fail half-way leave the old file and no staging."""
    from civicnews.output import STAGE, commit
    from civicnews.report import Pieces

    made: list[int] = []

    def pieces(*parts: bytes) -> Pieces:
        def make():
            made.append(1)
            yield from parts
        return Pieces(make)

    out = tmp_path / "out"
    commit(out, {"editor/report.md": pieces(b"ab", "永".encode())}, set())
    target = out / "editor" / "report.md"
    assert target.read_bytes() == "ab永".encode() and len(made) == 1
    before = target.stat().st_mtime_ns
    commit(out, {"editor/report.md": pieces(b"a", "b永".encode())}, set())
    assert target.stat().st_mtime_ns == before and len(made) == 2
    assert not (out / STAGE).exists()
    for changed in ((b"a", b"b"), (b"ab", "永".encode(), b"!"), (b"ax", "永".encode())):
        commit(out, {"editor/report.md": pieces(*changed), "articles/x.md": b"x"}, set())
        assert target.read_bytes() == b"".join(changed)
    assert len(made) == 5 and (out / "articles" / "x.md").read_bytes() == b"x"

    def broken():
        yield b"new"
        raise FileNotFoundError(2, "No such file or directory", "gone.roles.json")

    with pytest.raises(OutputError, match="gone.roles.json"):
        commit(out, {"editor/report.md": Pieces(broken)}, set())
    assert target.read_bytes() == b"ax" + "永".encode() and not (out / STAGE).exists()


def _articles(out: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted((out / "articles").iterdir())}


def test_a_few_changed_articles_are_moved_in_alone_and_the_rest_stay_as_they_are(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """One new and one changed article among forty: only those two are staged (the journal
    names them), the unchanged files keep their inode and mtime, a vanished one is deleted;
    a kill halfway through the moves is finished by recover to the same new state."""
    out = tmp_path / "out"
    first = {f"articles/a{i:02d}.md": f"稿件 {i}\n".encode() for i in range(40)}
    output.commit(out, first, set())
    (out / "articles" / "notes.txt").write_text("carried over", encoding="utf-8")
    before = {p.name: p.stat() for p in (out / "articles").iterdir()}
    second = {k: v for k, v in first.items() if k != "articles/a05.md"}
    second["articles/a07.md"] = "改过的稿件\n".encode()
    second["articles/a40.md"] = "新稿件\n".encode()
    expected = {**{k.split("/")[1]: v for k, v in second.items()}, "notes.txt": b"carried over"}
    plans: list[dict] = []
    real = output._roll_forward

    def spy(out_dir: Path, plan: dict) -> None:
        plans.append(plan)
        real(out_dir, plan)

    monkeypatch.setattr(output, "_roll_forward", spy)
    assert output.commit(out, second, set()) == (2, 38, 1)
    assert plans[-1]["articles"] == output.FEW and plans[-1]["changed"] == ["a07.md", "a40.md"]
    assert plans[-1]["removed"] == ["a05.md"]
    assert _articles(out) == dict(sorted(expected.items()))
    for path in (out / "articles").iterdir():
        if path.name not in ("a07.md", "a40.md"):
            st = path.stat()
            assert (st.st_ino, st.st_mtime_ns) == (before[path.name].st_ino,
                                                   before[path.name].st_mtime_ns)
    assert not (out / output.STAGE).exists() and not (out / output.JOURNAL).exists()

    # Killed after the first move: the next run's recover finishes the commit.
    third = {**second, "articles/a40.md": "又改了\n".encode(), "articles/a41.md": b"x\n"}
    third.pop("articles/a10.md")
    moves = {"n": 0}
    real_replace = os.replace

    def killed_after_one(src, dst) -> None:  # noqa: ANN001 - os.replace's own arguments
        if str(dst).endswith(".md"):
            moves["n"] += 1
            if moves["n"] > 1:
                raise SystemExit("killed")
        real_replace(src, dst)

    monkeypatch.setattr(output, "_roll_forward", real)
    monkeypatch.setattr(output.os, "replace", killed_after_one)
    with pytest.raises(SystemExit):
        output.commit(out, third, set())
    monkeypatch.undo()
    assert (out / output.JOURNAL).exists()
    recover(out)
    assert _articles(out) == dict(sorted({**{k.split("/")[1]: v for k, v in third.items()},
                                          "notes.txt": b"carried over"}.items()))
    assert not (out / output.STAGE).exists() and not (out / output.JOURNAL).exists()


def test_many_changed_articles_stage_the_whole_folder(tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """When most files change the folder is staged whole and switched in one rename."""
    out = tmp_path / "out"
    output.commit(out, {f"articles/a{i}.md": b"1" for i in range(8)}, set())
    plans: list[dict] = []
    real = output._roll_forward
    monkeypatch.setattr(output, "_roll_forward",
                        lambda out_dir, plan: plans.append(plan) or real(out_dir, plan))
    output.commit(out, {f"articles/a{i}.md": b"2" for i in range(8)}, set())
    assert plans[-1]["articles"] is True and "changed" not in plans[-1]
    assert _articles(out) == {f"a{i}.md": b"2" for i in range(8)}


def test_spliced_segments_are_copied_from_the_last_file_or_made(tmp_path: Path) -> None:
    """output.Spliced (report.json's pages): a segment whose key the last file holds is
    copied from it, the others are made; the bytes are always those of all segments made.
    A page removed, changed, added in the middle; the last file missing, changed by hand or
    cut short: each gives the new bytes, and a file the memo no longer matches is made whole."""
    from civicnews.output import STAGE, OutputMemo, Spliced, commit

    made: list[str] = []
    memo_path = tmp_path / "cache" / "spliced.pickle"

    def spliced(pages: dict[str, bytes]) -> Spliced:
        def segments():
            def maker(name: str, data: bytes):
                def make() -> bytes:
                    made.append(name)
                    return data
                return make
            yield None, maker("<head>", b"[" + str(len(pages)).encode())
            for name, data in pages.items():
                # The key names the bytes, as report.py's do (extraction key + loose values).
                yield f"{name}:{data.hex()}", maker(name, b"," + data)
            yield None, maker("<tail>", b"]\n")
        return Spliced(segments)

    def build(pages: dict[str, bytes]) -> list[str]:
        made.clear()
        commit(out, {"report.json": spliced(pages)}, set(), memo=OutputMemo.load(memo_path))
        assert target.read_bytes() == (b"[" + str(len(pages)).encode()
                                       + b"".join(b"," + d for d in pages.values()) + b"]\n")
        assert not (out / STAGE).exists()
        return sorted(set(made) - {"<head>", "<tail>"})

    out = tmp_path / "out"
    target = out / "report.json"
    pages = {f"p{i}": f"页{i}".encode() * (i + 1) for i in range(6)}
    assert build(pages) == sorted(pages)  # no last file: every page made
    before = target.stat().st_mtime_ns
    assert build(pages) == [] and target.stat().st_mtime_ns == before  # the same: untouched
    del pages["p2"]
    assert build(pages) == []  # a page removed: the rest copied
    pages["p4"] = "改".encode()
    assert build(pages) == ["p4"]  # a page changed
    pages = {**dict(list(pages.items())[:2]), "p2a": b"new", **dict(list(pages.items())[2:])}
    assert build(pages) == ["p2a"]  # a page added in the middle of the order
    target.write_bytes(target.read_bytes().replace(b"new", b"NEW"))  # by hand, same size
    assert build(pages) == sorted(pages)
    target.unlink()  # the last file missing
    assert build(pages) == sorted(pages)
    memo_path.write_bytes(b"not a pickle")  # the memo unreadable
    assert build(pages) == sorted(pages)
    assert build(pages) == []
    target.write_bytes(target.read_bytes()[:-5])  # cut short
    assert build(pages) == sorted(pages)
    # Without a memo (no cache) every segment is made and nothing is kept.
    made.clear()
    commit(out, {"report.json": spliced(pages)}, set())
    assert sorted(set(made) - {"<head>", "<tail>"}) == sorted(pages)


def test_spliced_file_whose_memo_outruns_it_is_made_whole(tmp_path: Path) -> None:
    """A memo naming bytes past the end of the file (it matched, then the file was cut short
    in the same size-and-CRC check's blind spot: here faked) makes the file anew, not short."""
    from civicnews.output import OutputMemo, Spliced, commit

    out = tmp_path / "out"
    memo = OutputMemo(tmp_path / "memo.pickle")
    data = Spliced(lambda: iter([(None, lambda: b"head"), ("a", lambda: b"-a-")]))
    commit(out, {"r.json": data}, set(), memo=memo)
    lying = OutputMemo.load(tmp_path / "memo.pickle")
    (where,) = lying.spliced.values()
    lying.trusted = lambda rel, path: {"a": (4, 30)}  # type: ignore[method-assign]
    commit(out, {"r.json": data}, set(), memo=lying)
    assert (out / "r.json").read_bytes() == b"head-a-"
    assert where[2] == {"a": (4, 3)}


def test_article_files_in_their_kept_state_are_not_read_again(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The output memo keeps each article file's state and digest: a file in that state whose
    new bytes have that digest is unchanged without reading it; a file changed since (its
    state differs) or written too recently to tell (racy) is read and compared."""
    from civicnews.output import OutputMemo, commit

    out, memo_path = tmp_path / "out", tmp_path / "memo.pickle"
    files = {f"articles/a{i}.md": f"文章{i}".encode() for i in range(6)}
    commit(out, files, set(), memo=OutputMemo.load(memo_path))
    reads: list[str] = []
    same = output._same
    monkeypatch.setattr(output, "_same", lambda path, data: reads.append(path.name)
                        or same(path, data))
    commit(out, files, set(), memo=OutputMemo.load(memo_path))
    assert sorted(reads) == sorted(p.rsplit("/", 1)[1] for p in files)  # racy: just written
    old = time.time() - 3600
    for path in (out / "articles").iterdir():
        os.utime(path, (old, old))
    commit(out, files, set(), memo=OutputMemo.load(memo_path))  # keeps the states seen now
    reads.clear()
    commit(out, files, set(), memo=OutputMemo.load(memo_path))
    assert reads == []
    (out / "articles" / "a1.md").write_bytes("改过".encode())  # by hand
    files["articles/a2.md"] = "新的".encode()
    reads.clear()
    commit(out, files, set(), memo=OutputMemo.load(memo_path))
    assert reads == ["a1.md"]  # a2's new bytes differ from its digest: changed, unread
    assert {p.name: p.read_bytes() for p in (out / "articles").iterdir()} == {
        p.rsplit("/", 1)[1]: data for p, data in files.items()}
