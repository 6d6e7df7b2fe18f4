"""Fixtures of the browser suite: the demo served once per module, one headless Chromium per
module, and a :class:`~tests.e2e.browser.Journey` per test (fresh contexts, screenshots, checks).

Without the playwright package or Debian's Chromium the suite is skipped, with the reason; when
REGISTRY_E2E=1 (as in CI) the same absence fails the run, so a broken image cannot pass green.
"""

import os
import shutil
from pathlib import Path

import pytest

from tests.e2e import browser
from tests.e2e.server import ROOT, demo_server

HERE = Path(__file__).resolve().parent
ARTIFACTS = ROOT / "test-artifacts" / "e2e"


def pytest_collection_modifyitems(items):
    # pytest reads ``pytestmark`` from test modules only, not from a package's __init__.py or
    # conftest.py: mark the whole folder here, so ``-m "not e2e"`` leaves none of it behind.
    for item in items:
        if item.path.is_relative_to(HERE):
            item.add_marker(pytest.mark.e2e)


def _unavailable(reason):
    if os.environ.get("REGISTRY_E2E") == "1":
        pytest.fail(f"{reason}; REGISTRY_E2E=1 requires the browser suite", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="module")
def chromium():
    """Debian's Chromium, headless, driven by Playwright (its bundled browsers are not used)."""
    if browser.sync_playwright is None:
        _unavailable("the playwright package is not installed (pip install -e '.[browser]')")
    if browser.Axe is None:
        _unavailable("the axe-playwright-python package (axe-core) is not installed "
                     "(pip install -e '.[browser]')")
    if not os.access(browser.CHROMIUM, os.X_OK):
        _unavailable(f"no Chromium at {browser.CHROMIUM} (apt-get install chromium)")
    with browser.sync_playwright() as playwright:
        try:
            launched = playwright.chromium.launch(executable_path=browser.CHROMIUM,
                                                  args=browser.CHROMIUM_ARGS)
        except browser.PlaywrightError as error:
            _unavailable(f"Chromium at {browser.CHROMIUM} did not start: {error}")
        yield launched
        launched.close()


@pytest.fixture(scope="module")
def served(chromium, tmp_path_factory):
    """The demo registry on a scratch database (after the browser: no server if it is missing)."""
    with demo_server(tmp_path_factory.mktemp("e2e")) as server:
        yield server
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        shutil.copy(server.log, ARTIFACTS / "server.log")


@pytest.fixture
def journey(chromium, served, request):
    """This test's browser session; its screenshots go to test-artifacts/e2e/<test name>/."""
    folder = ARTIFACTS / request.node.name.removeprefix("test_")
    shutil.rmtree(folder, ignore_errors=True)  # no picture of an older run's steps stays behind
    trip = browser.Journey(chromium, served, folder)
    yield trip
    trip.close()
