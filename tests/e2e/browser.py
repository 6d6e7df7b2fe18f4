"""The browser side of the suite: tabs that photograph and check every page they show.

A :class:`Journey` is one test: it opens a fresh browser context per person (or visitor),
numbers the screenshots it saves, and remembers how many tracebacks the server had logged when
it began. Each :meth:`Tab.step` saves a full-page PNG, then fails the test if the browser console
showed an error since the last step (a CSP violation is one, so is an uncaught exception or a
resource that did not load) or if the server logged a new traceback.

Playwright's string predicates (``wait_for_function("...")``) run through ``eval``, which the
app's CSP forbids: wait with ``expect(locator)`` instead.
"""

import re
from urllib.parse import urlsplit

try:
    from playwright.sync_api import Error as PlaywrightError
    from playwright.sync_api import expect, sync_playwright
except ImportError:  # conftest.py skips the suite, or fails it under REGISTRY_E2E=1
    PlaywrightError = expect = sync_playwright = None

from registry.services.demo import DEMO_PASSWORD

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
DESKTOP = {"viewport": {"width": 1400, "height": 900}}
PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True,
         "device_scale_factor": 2}
TIMEOUT_MS = 10_000  # a page of this app answers in well under a second; fail fast, not at 30 s


class Journey:
    """One test's browser session: its tabs, its numbered screenshots, its server log offset."""

    def __init__(self, browser, server, folder):
        self.browser, self.server, self.folder = browser, server, folder
        self.shots = 0
        self._contexts = []
        self._tracebacks_seen = len(server.tracebacks())

    def tab(self, email=None, *, phone=False):
        """Open a fresh context (no cookies), signed in as ``email`` when one is given."""
        context = self.browser.new_context(locale="id-ID", **(PHONE if phone else DESKTOP))
        context.set_default_timeout(TIMEOUT_MS)
        self._contexts.append(context)
        tab = Tab(self, context.new_page())
        if email:
            tab.sign_in(email)
        return tab

    def new_tracebacks(self):
        """Return the tracebacks the server logged since the last call (or the journey's start)."""
        found = self.server.tracebacks()
        new, self._tracebacks_seen = found[self._tracebacks_seen:], len(found)
        return new

    def close(self):
        for context in self._contexts:
            context.close()


class Tab:
    """One browser context and its page, as one person uses it."""

    def __init__(self, journey, page):
        self.journey, self.page = journey, page
        self.base = journey.server.url
        self._errors = []  # (text, url) of console errors and uncaught exceptions
        self._refused_documents = set()  # pages the test expects an error status for (401, 422)
        page.on("console", self._on_console)
        page.on("pageerror", lambda error: self._errors.append((f"uncaught: {error}", page.url)))

    @property
    def path(self):
        """The current address without the server part: path and query."""
        return self.page.url.removeprefix(self.base)

    @property
    def query(self):
        return urlsplit(self.page.url).query

    def goto(self, path, *, status=200):
        """Open ``path`` and check the status of the page that finally answers."""
        return self._arrived(self.page.goto(self.base + path), status)

    def submit(self, locator, *, status=200):
        """Click what sends a form or follows a link; wait for the page that answers."""
        with self.page.expect_navigation() as navigation:
            locator.click()
        return self._arrived(navigation.value, status)

    def sign_in(self, email, password=DEMO_PASSWORD):
        self.goto("/auth/login")
        self.page.fill("#email", email)
        self.page.fill("#password", password)
        self.submit(self.page.get_by_role("button", name="Masuk"))
        assert not self.path.startswith("/auth/login"), f"{email} could not sign in"

    def step(self, name):
        """Save a full-page screenshot, then check the page: console clean, server calm."""
        self.snapshot(name)
        errors = [f"{text} [{url}]" for text, url in self._errors if not self._expected(text, url)]
        self._errors.clear()
        assert not errors, f"browser console errors at {self.path}:\n" + "\n".join(errors)
        tracebacks = self.journey.new_tracebacks()
        assert not tracebacks, "the server logged tracebacks:\n\n" + "\n\n".join(tracebacks)

    def snapshot(self, name):
        """Save a full-page screenshot, numbered in the order of the journey."""
        self.journey.shots += 1
        self.journey.folder.mkdir(parents=True, exist_ok=True)
        self.page.screenshot(path=self.journey.folder / f"{self.journey.shots:02d}-{name}.png",
                             full_page=True)

    def _arrived(self, response, status):
        assert response is not None, f"no page answered at {self.path}"
        if response.status != status:
            self.snapshot(f"unexpected-{response.status}")  # the error page, for the report
        assert response.status == status, f"{response.url} answered {response.status}, not {status}"
        if status >= 400:
            self._refused_documents.add((response.url, status))
        return response

    def _on_console(self, message):
        if message.type == "error":
            self._errors.append((message.text, message.location.get("url", "")))

    def _expected(self, text, url):
        # Chromium reports every error status as "Failed to load resource", the page's own too:
        # a refusal the test asked for is behaviour under test, not a fault.
        status = re.search(r"^Failed to load resource: .* status of (\d+)", text)
        if not status:
            return False
        status = int(status.group(1))
        return (url, status) in self._refused_documents
