"""The browser side of the suite: tabs that photograph and check every page they show.

A :class:`Journey` is one test: it opens a fresh browser context per person (or visitor),
numbers the screenshots it saves, and remembers how many tracebacks the server had logged when
it began. Each :meth:`Tab.step` saves a full-page PNG, then fails the test if the browser console
showed an error since the last step (a CSP violation is one, so is an uncaught exception or a
resource that did not load), if the server logged a new traceback, or if axe-core finds a
violation of a WCAG 2.1 A or AA rule on the page as it stands.

axe-core comes from the ``axe-playwright-python`` package (the ``browser`` extra), which ships
``axe.min.js``; no CDN is asked. It is injected into the page the test is looking at with
``page.evaluate``: that runs through the DevTools protocol, which the page's CSP does not govern,
so the app keeps its strict policy (no ``bypass_csp`` context) and the audit sees exactly the
page the test drove, forms filled and scripts run. axe itself needs no ``eval``; if it ever did,
the CSP violation would show in the console and fail the step.

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
try:
    from axe_playwright_python.sync_playwright import Axe
except ImportError:  # the same: conftest.py skips or fails
    Axe = None

from registry.services.demo import DEMO_PASSWORD

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
DESKTOP = {"viewport": {"width": 1400, "height": 900}}
PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True,
         "device_scale_factor": 2}
TIMEOUT_MS = 10_000  # a page of this app answers in well under a second; fail fast, not at 30 s
#: the rules every page must pass: WCAG 2.0 and 2.1, levels A and AA (government sites answer to
#: WCAG 2.1 AA); axe-core's best practices and AAA rules are not asked for
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]}
#: how many offending elements of one rule the failure message names
AXE_TARGETS_SHOWN = 5
AXE_SCRIPT = Axe().axe_script if Axe else None  # axe.min.js as the package ships it


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
        """Save a full-page screenshot, then check the page: console clean, server calm, and no
        violation of WCAG 2.1 A/AA that axe-core can find.
        """
        self.snapshot(name)
        violations = self.audit()
        errors = [f"{text} [{url}]" for text, url in self._errors if not self._expected(text, url)]
        self._errors.clear()
        assert not errors, f"browser console errors at {self.path}:\n" + "\n".join(errors)
        tracebacks = self.journey.new_tracebacks()
        assert not tracebacks, "the server logged tracebacks:\n\n" + "\n\n".join(tracebacks)
        assert not violations, (f"WCAG 2.1 A/AA violations at {self.path} (step {name}):\n"
                                + "\n".join(_describe(v) for v in violations))

    def audit(self):
        """Run axe-core's WCAG 2.1 A/AA rules over the page; return the violations it found."""
        if not self.page.evaluate("typeof window.axe === 'object'"):
            self.page.evaluate(AXE_SCRIPT)  # once per document: a navigation loses it
        return self.page.evaluate("options => axe.run(document, options)", AXE_OPTIONS)[
            "violations"]

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


def _describe(violation):
    """One rule's violation, readable in a test report: rule, impact, where, what to do."""
    nodes = violation["nodes"]
    shown = nodes[:AXE_TARGETS_SHOWN]
    targets = ", ".join(" >>> ".join(map(str, node["target"])) for node in shown)
    more = f" and {len(nodes) - AXE_TARGETS_SHOWN} more" if len(nodes) > AXE_TARGETS_SHOWN else ""
    checks = nodes[0].get("any", []) + nodes[0].get("all", []) + nodes[0].get("none", [])
    detail = "".join(f"\n      {check['message']}" for check in checks[:2])
    return (f"  - {violation['id']} ({violation['impact']}, {len(nodes)} elements): "
            f"{violation['help']}\n      at {targets}{more}{detail}\n      {violation['helpUrl']}")
