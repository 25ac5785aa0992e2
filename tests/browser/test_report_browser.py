"""The HTML review report in a real browser: Debian's headless Chromium driven by selenium.

Skips where ``/usr/bin/chromium`` or ``chromedriver`` is absent (CI installs the Debian packages
``chromium`` and ``chromium-driver`` in ``.ci/run``). The driver and browser are given by path,
so selenium never tries to download anything; the browser is started with networking features
off and a fresh profile, as root needs ``--no-sandbox``.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.qa.samples import MEMO, qa_corpus, test_glossary_path  # noqa: F401

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
driver_path = CHROMEDRIVER if CHROMEDRIVER.exists() else (Path(p) if (p := shutil.which("chromedriver")) else None)

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists() or driver_path is None, reason="Debian's chromium and chromium-driver are not installed"
)


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    webdriver = pytest.importorskip("selenium.webdriver")
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for argument in (
        "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run", "--window-size=1280,1600",
        f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}",
    ):
        options.add_argument(argument)
    driver = webdriver.Chrome(service=Service(executable_path=str(driver_path)), options=options)
    yield driver
    driver.quit()


@pytest.fixture(scope="module")
def report_file(qa_corpus, test_glossary_path, tmp_path_factory) -> Path:
    from aligner.glossary import load_glossary
    from aligner.interchange.html import render_review, write_html
    from aligner.qa.review import build_review
    from aligner.store.corpus import Corpus

    review = build_review(Corpus.open(qa_corpus), MEMO, "en-draft", load_glossary(test_glossary_path))
    path = tmp_path_factory.mktemp("report") / "report.html"
    write_html(render_review(review), path)
    return path


def visible_rows(browser) -> list[str]:
    """Ids of the segment rows the browser lays out (one script call, not one per row)."""
    return browser.execute_script(
        "return Array.from(document.querySelectorAll('tr.seg'))"
        ".filter(r => r.getClientRects().length > 0).map(r => r.id)"
    )


FILTER_CASES = [
    ("all", 31, "seg-0"),
    ("omission", 1, "seg-15"),
    ("numbers", 1, "seg-7"),
    ("editorial", 2, "seg-28"),
]


@pytest.mark.parametrize(("name", "count", "first"), FILTER_CASES, ids=[c[0] for c in FILTER_CASES])
def test_filters_show_only_their_rows(browser, report_file, name, count, first, tmp_path):
    from selenium.webdriver.common.by import By

    browser.get(report_file.as_uri())
    button = browser.find_element(By.CSS_SELECTOR, f'button[data-filter="{name}"]')
    button.click()
    rows = visible_rows(browser)
    assert len(rows) == count and rows[0] == first
    assert button.get_attribute("aria-pressed") == "true"
    assert browser.find_element(By.ID, "shown").text == f"{count} of 31 shown"
    assert browser.save_screenshot(str(tmp_path / f"report-{name}.png"))
    assert (tmp_path / f"report-{name}.png").stat().st_size > 10_000


def test_term_filter_then_all_restores_every_row(browser, report_file):
    from selenium.webdriver.common.by import By

    browser.get(report_file.as_uri())
    browser.find_element(By.CSS_SELECTOR, 'button[data-filter="terms"]').click()
    term_rows = visible_rows(browser)
    assert "seg-5" in term_rows and "seg-15" not in term_rows and 0 < len(term_rows) < 31
    browser.find_element(By.CSS_SELECTOR, 'button[data-filter="all"]').click()
    assert len(visible_rows(browser)) == 31


def test_the_page_loads_nothing_else_and_plots_every_bead(browser, report_file):
    from selenium.webdriver.common.by import By

    browser.get(report_file.as_uri())
    assert browser.execute_script("return performance.getEntriesByType('resource').length") == 0
    marks = browser.find_elements(By.CSS_SELECTOR, "svg.plot rect.bead")
    assert len(marks) == 31
    assert [m.get_attribute("data-kind") for m in marks].count("omission") == 1
    # A plot mark links to its segment row.
    browser.find_element(By.CSS_SELECTOR, 'svg.plot a[href="#seg-15"]').click()
    assert browser.execute_script("return location.hash") == "#seg-15"
