"""Issue 11, the public site: hidden means gone, the editors' report stays with editors, every
source text is UTF-8, and a page that is a link to a secret stops the build instead of
publishing it. Builds the portal from a copy of the seed pages with ``mkdocs build --strict``."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
HIDDEN_ID = "2023-04-03-a21de8cd-1"
HIDDEN_TEXT = "文明卫生创建工作是一项长期的系统性惠民工程"
GBK_PAGE = "003_10cec4e69471a2db.txt"
SECRET = "token-ghp-秘密-do-not-publish"


def copy_project(target: Path) -> Path:
    for name in ("mkdocs.yml", "pyproject.toml"):
        shutil.copy(ROOT / name, target / name)
    for name in ("overrides", "scripts", "articles"):
        shutil.copytree(ROOT / name, target / name,
                        ignore=shutil.ignore_patterns("__pycache__", ".*"))
    shutil.copytree(ROOT / "docs", target / "docs",
                    ignore=shutil.ignore_patterns("articles", "report.json", "editor"))
    (target / "articles" / "corrections.yml").write_text(f"{HIDDEN_ID}: {{hide: true}}\n",
                                                         encoding="utf-8")
    page = target / "articles" / "pages" / GBK_PAGE
    page.write_bytes(page.read_text(encoding="utf-8").encode("gbk"))
    return target


def mkdocs_build(project: Path, **env: str) -> subprocess.CompletedProcess[str]:
    full = {k: v for k, v in os.environ.items() if k not in ("SITE_URL", "SOURCE_DATE_EPOCH")}
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", "site"],
                          capture_output=True, text=True, cwd=project, env={**full, **env},
                          timeout=600)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("portal"))
    proc = mkdocs_build(project)
    assert proc.returncode == 0, f"mkdocs build failed:\n{proc.stdout}\n{proc.stderr}"
    return project / "site"


def _texts(site: Path) -> dict[str, str]:
    return {str(p.relative_to(site)): p.read_bytes().decode("utf-8", errors="replace")
            for p in site.rglob("*") if p.is_file()}


def test_a_hidden_article_is_nowhere_on_the_public_site(site: Path) -> None:
    assert not (site / "a" / HIDDEN_ID).exists()
    for name, text in _texts(site).items():
        assert HIDDEN_ID not in text, name
        assert HIDDEN_TEXT not in text, name  # not in /sources/ either


def test_the_editors_report_is_not_published(site: Path) -> None:
    assert not (site / "report.json").exists()
    assert not (site / "editor").exists()
    assert "editor/" not in (site / "sitemap.xml").read_text(encoding="utf-8")
    # It is still there for `civicnews report`.
    assert (site.parent / "docs" / "report.json").is_file()


def test_every_source_text_is_utf8_with_a_bom(site: Path) -> None:
    sources = sorted((site / "sources").glob("*.txt"))
    assert GBK_PAGE in {p.name for p in sources}
    for path in sources:
        data = path.read_bytes()
        assert data.startswith(b"\xef\xbb\xbf"), path.name
        data.decode("utf-8")
    text = (site / "sources" / GBK_PAGE).read_bytes().decode("utf-8-sig")
    original = (ROOT / "articles" / "pages" / GBK_PAGE).read_text(encoding="utf-8")
    assert text == original.replace("\r\n", "\n")


def test_the_report_can_be_asked_for(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    proc = mkdocs_build(project, CIVICNEWS_EDITOR_REPORT="1")
    assert proc.returncode == 0, proc.stderr
    assert (project / "site" / "editor" / "report" / "index.html").is_file()


def test_a_page_linked_to_a_secret_stops_the_build_and_is_not_published(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    secret = tmp_path / "config"
    secret.write_text(SECRET, encoding="utf-8")
    (project / "articles" / "pages" / "x.txt").symlink_to(secret)
    proc = mkdocs_build(project)
    assert proc.returncode != 0
    assert "x.txt" in proc.stderr and "symbolic link" in proc.stderr
    for name, text in _texts(project / "docs").items():
        assert SECRET not in text, name


@pytest.mark.parametrize("day, epoch", [("1965-03-01", 0), ("1970-01-02", 57600)])
def test_the_build_time_stays_in_gzip_range(day: str, epoch: int,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    import gzip
    import io

    from civicnews.site import hooks
    from civicnews.site.articles import parse_article
    from civicnews.site.fixtures import article_markdown

    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    monkeypatch.setattr(hooks, "_STATE", hooks._State())
    hooks._pin_build_date([parse_article(article_markdown("x-1", "标题", date=day))])
    pinned = int(os.environ["SOURCE_DATE_EPOCH"])
    assert pinned == epoch
    gzip.GzipFile(fileobj=io.BytesIO(), mode="wb", mtime=pinned).close()  # what mkdocs does


def test_a_date_out_of_range_is_a_manifest_error(tmp_path: Path) -> None:
    from civicnews.manifest import ManifestError, load_manifest

    (tmp_path / "pages.yml").write_text("p.txt: {date: 2203-04-03}\n", encoding="utf-8")
    with pytest.raises(ManifestError, match="date out of range: 2203-04-03"):
        load_manifest(tmp_path)


def test_a_misspelt_correction_id_stops_mkdocs_build(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    (project / "articles" / "corrections.yml").write_text(
        "2023-04-03-a21de8cd-99: {hide: true}\n", encoding="utf-8")
    proc = mkdocs_build(project)
    assert proc.returncode != 0
    assert "2023-04-03-a21de8cd-99" in proc.stderr and "typo" in proc.stderr


def test_serve_shows_a_manifest_error_on_the_page_instead_of_hanging(tmp_path: Path) -> None:
    import socket
    import time
    import urllib.request

    project = copy_project(tmp_path)
    manifest = project / "articles" / "pages" / "pages.yml"
    manifest.write_text(manifest.read_text(encoding="utf-8") + "x.txt: {dat: 1}\n",
                        encoding="utf-8")
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    env = {k: v for k, v in os.environ.items() if k not in ("SITE_URL", "SOURCE_DATE_EPOCH")}
    server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--no-livereload",
                               "--dev-addr", f"127.0.0.1:{port}"], cwd=project, env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        body = ""
        for _ in range(600):  # until the first build is served (or the server died)
            if server.poll() is not None:
                break
            try:
                # without SITE_URL the site has no base path: it is served at the root
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/",
                                            timeout=30) as response:
                    body = response.read().decode("utf-8")
                break
            except OSError:
                time.sleep(0.2)
        assert server.poll() is None, server.stderr.read() if server.stderr else ""
        assert 'class="cn-problems"' in body
        assert "unknown key &#x27;dat&#x27;" in body and "pages.yml:" in body
    finally:
        server.terminate()
        server.wait(timeout=30)
