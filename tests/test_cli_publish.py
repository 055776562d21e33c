"""`convenor publish` on the demo: the early beta statement's three files, as issue 7 wants."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

from convenor.scenarios.loader import scenario_check, scenario_read

_SCRIPT = Path(sys.executable).with_name("convenor")
CONVENOR = [str(_SCRIPT)] if _SCRIPT.exists() else [sys.executable, "-m", "convenor.cli"]
DEMO = Path(__file__).resolve().parents[1] / "src" / "convenor" / "scenarios" / "em3-2019.yaml"
NOT_INHERITED = {
    "DATABASE_URL",
    "DEBUG",
    "SECRET_KEY",
    "ALLOWED_HOSTS",
    "CONVENOR_HTTPS",
    "DJANGO_ALLOW_ASYNC_UNSAFE",
    "CONVENOR_AS_OF",
    "DJANGO_SETTINGS_MODULE",
}


def run(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*CONVENOR, *args], env=env, capture_output=True, text=True, timeout=300, check=False
    )


@pytest.fixture(scope="module")
def published(tmp_path_factory) -> tuple[Path, subprocess.CompletedProcess[str]]:
    """One demo load, with builds, in a data folder of its own; then `convenor publish`."""
    folder = tmp_path_factory.mktemp("publish")
    env = {k: v for k, v in os.environ.items() if k not in NOT_INHERITED}
    env["CONVENOR_DATA_DIR"] = str(folder / "data")
    assert run("migrate", env=env).returncode == 0
    loaded = run("load-scenario", str(DEMO), env=env)
    assert loaded.returncode == 0, loaded.stderr
    result = run("publish", "early-beta", "--out", str(folder / "out"), env=env)
    return folder / "out", result


def words(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def test_it_writes_the_three_files_and_reports_them(published):
    out, result = published

    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in out.iterdir()) == [
        "early-beta-v2.docx",
        "early-beta-v2.html",
        "early-beta-v2.pdf",
    ]
    assert "Pages: " in result.stdout
    assert re.search(r"^\d+ lint findings?$", result.stdout, flags=re.MULTILINE)


def test_the_pdf_prints_to_12_to_16_pages(published):
    out, _result = published

    assert 12 <= len(PdfReader(out / "early-beta-v2.pdf").pages) <= 16


def test_the_pdf_names_the_nine_priorities_and_six_stages_and_asks_nothing(published):
    out, result = published
    reader = PdfReader(out / "early-beta-v2.pdf")
    text = words(" ".join(page.extract_text() or "" for page in reader.pages))
    demo = scenario_check(data=scenario_read(path=DEMO), source=DEMO.name)

    for priority in demo["priorities"]:
        assert words(priority["title"]) in text
    for stage in demo["stages"]:
        assert stage["name"] in text
    assert "Questions to the reader" not in result.stdout


def test_pdftotext_reads_the_pdf(published):
    out, _result = published
    done = subprocess.run(
        ["pdftotext", str(out / "early-beta-v2.pdf"), "-"], capture_output=True, timeout=120
    )
    assert done.returncode == 0
    assert b"early beta" in done.stdout


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
@pytest.mark.parametrize(
    ("name", "target"), [("early-beta-v2.docx", "pdf"), ("early-beta-v2.pdf", "txt:Text")]
)
def test_libreoffice_opens_the_files(published, tmp_path, name, target):
    out, _result = published
    done = subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation=file://{tmp_path / 'profile'}",
            "--headless",
            # Only LibreOffice Writer is installed: it opens a PDF through its PDF import filter.
            *(["--infilter=writer_pdf_import"] if name.endswith(".pdf") else []),
            "--convert-to",
            target,
            "--outdir",
            str(tmp_path),
            str(out / name),
        ],
        capture_output=True,
        timeout=180,
    )
    assert done.returncode == 0, done.stderr
    converted = tmp_path / f"{Path(name).stem}.{target.split(':')[0]}"
    assert converted.exists()
    # Writer imports a PDF's pages as drawings, so their text does not come out as text.
    if name.endswith(".docx"):
        assert converted.stat().st_size > 0
