"""The French PDF's charts write their dates and numbers in French (plotly.js's fr locale)."""

import os
import re
import shutil
import subprocess  # nosec B404 - poppler's pdftotext on our own file

import pytest

CHROMIUM = "/usr/bin/chromium"
FRENCH_MONTHS = ("janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.")
ENGLISH_MONTHS = re.compile(r"\b(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep)\b")


@pytest.mark.slow
@pytest.mark.skipif(not os.access(CHROMIUM, os.X_OK), reason="Chromium is not installed")
@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils is not installed")
def test_the_french_pdf_has_french_months_on_its_chart_axes(demo, runner, tmp_path):
    demo.config["CHROMIUM_PATH"] = CHROMIUM
    path = tmp_path / "aout.pdf"
    result = runner.invoke(
        args=["report", "2026-08", "--format", "pdf", "--lang", "fr", "--output", str(path)]
    )
    assert result.exit_code == 0, result.output
    text = subprocess.run(  # nosec B603
        ["pdftotext", "-layout", str(path), "-"], check=True, capture_output=True, text=True
    ).stdout
    # The axes' ticks: "juil. 2026", "août", "1 sept." as plotly.js writes French dates.
    ticks = [month for month in FRENCH_MONTHS if re.search(rf"\b{re.escape(month)}", text)]
    assert len(ticks) >= 3, text[:2000]
    assert not ENGLISH_MONTHS.search(text), ENGLISH_MONTHS.search(text)
