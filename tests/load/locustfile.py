"""A working day of the registry for locust: mostly reads, some writes, and no conflicts.

scripts/load.py runs it headless against gunicorn and sets the environment:

- ``LOAD_TOKEN_ARCHITECT``, ``LOAD_TOKEN_OPERATOR``, ``LOAD_TOKEN_REVIEWER``: API tokens of the
  demo's architect, OPD operator and reviewer;
- ``LOAD_PASSWORD``: the demo users' password. Form sign-ins always use the right one: the app
  locks an e-mail after 5 failures (20 per address) in 15 minutes;
- ``LOAD_RUN``: a short tag of the run, in the codes and labels the editors create;
- ``LOAD_THINK_TIME``: ``0`` for no think time at all (the capacity mode of scripts/load.py);
  by default each simulated user waits 0.5 to 2 s between two tasks;
- ``LOAD_HOSTS``: more servers to spread the simulated users over, comma-separated (the
  capacity mode with two servers): user 1 on the first, user 2 on the second, and so on; each
  user keeps its server, as behind a proxy that balances connections. ``--host`` is the first;
- ``LOAD_DATA_FILE``: a JSON file of what the users pick from, written by running this file
  as a script (``python tests/load/locustfile.py HOST``), so that each stage of the capacity
  mode spends its time on load; without it the run reads the API when it starts.

Four kinds of visitor, weighted as a working day looks: people reading pages after signing in
through the form, client systems reading the API with a token, editors writing through the API,
and anonymous visitors of the public catalogue. Each editor writes only records it created and
sends the ``version`` it last read, so a 409 is a real lost update, never a planned one.

Request names are the request kinds of the report, not URLs, so that the many application ids
fold into one row each. Pages are fetched without following redirects: a page that sends a
signed-in user back to the sign-in form is a failure, not a success.
"""

import itertools
import json
import os
import random
import re

import locust  # noqa: F401 -- first: run as a script, gevent must patch before requests loads
import requests
from locust import HttpUser, between, constant, events, task

PASSWORD = os.environ.get("LOAD_PASSWORD", "spbe-demo-2026")
RUN = os.environ.get("LOAD_RUN", "run")
TOKENS = {role: os.environ.get(f"LOAD_TOKEN_{role.upper()}", "")
          for role in ("architect", "operator", "reviewer")}
#: who signs in through the form; the operator writes through the API instead
BROWSER_ACCOUNTS = ("reviewer@demo.go.id", "viewer@demo.go.id", "arsitek@demo.go.id")
LIFECYCLES = ("planned", "development", "production", "retired")
KINDS = ("umum", "khusus")
SORTS = ("name", "code", "-updated", "unit", "lifecycle")

#: think time: a compressed day (more people, each quicker) keeps 50 users meaningful in 60 s;
#: none at all when measuring capacity
WAIT = constant(0) if os.environ.get("LOAD_THINK_TIME") == "0" else between(0.5, 2.0)
#: the servers the users are spread over (none: all on --host)
HOSTS = [host.strip().rstrip("/") for host in os.environ.get("LOAD_HOSTS", "").split(",")
         if host.strip()]

#: ids and words the visitors pick from, read once from the API when the run starts
DATA = {}
_user_numbers = itertools.count(1)
_host_turns = itertools.count()


@events.test_start.add_listener
def discover(environment, **_kwargs):
    """Read what the users pick from: from LOAD_DATA_FILE when set, else from the API."""
    kept = os.environ.get("LOAD_DATA_FILE")
    if kept:
        with open(kept, encoding="utf-8") as handle:
            DATA.update(json.load(handle))
    else:
        DATA.update(read_data(environment.host))


def read_data(host):
    """Read the demo's applications, OPDs, agencies and assessments through the API."""
    session = requests.Session()
    session.headers["Authorization"] = f"Bearer {TOKENS['reviewer']}"

    def get(path):
        response = session.get(host + path, timeout=120)
        response.raise_for_status()
        return response.json()

    apps, page = [], 1
    while True:
        found = get(f"/api/v1/applications?per_page=200&page={page}")
        apps += found["items"]
        if len(apps) >= found["total"] or not found["items"] or page == 5:
            break
        page += 1
    units = get("/api/v1/units")
    agencies = sorted({unit["agency_id"] for unit in units})
    words = {word.lower() for app in apps for word in re.findall(r"[A-Za-z]{5,}", app["name"])}
    data = dict(
        apps=[app["id"] for app in apps],
        pages=max(1, len(apps) // 25),
        units=[unit["id"] for unit in units],
        agencies=agencies,
        # /api/v1/score names an agency by its code, the other reads by its id
        agency_codes=[get(f"/api/v1/graph?agency={agency}")["agency"] for agency in agencies[:5]],
        assessments=[row["id"] for row in get("/api/v1/assessments")],
        words=sorted(words - {"aplikasi", "sistem", "informasi"}) or ["data"],
    )
    session.close()
    return data


def _csrf(html):
    found = re.search(r'name="csrf_token" value="([^"]+)"', html or "")
    return found.group(1) if found else ""


def _check(response, expected):
    """Mark the response failed unless its status is the one expected; return its JSON."""
    if response.status_code != expected:
        response.failure(f"HTTP {response.status_code}, expected {expected}: "
                         f"{response.text[:200]!r}")
        return None
    return response.json() if "json" in response.headers.get("Content-Type", "") else None


class RegistryUser(HttpUser):
    """A simulated user on one of the servers of LOAD_HOSTS, in turn (or on --host)."""

    abstract = True
    wait_time = WAIT

    def __init__(self, environment):
        super().__init__(environment)
        if HOSTS:
            self.client.base_url = HOSTS[next(_host_turns) % len(HOSTS)]


class Browser(RegistryUser):
    """A signed-in person reading pages: lists, searches, applications, scorecards, the graph."""

    weight = 5

    def on_start(self):
        self.email = random.choice(BROWSER_ACCOUNTS)
        self.sign_in()

    def sign_in(self):
        form = self.page("/auth/login", "sign-in form")
        data = {"csrf_token": _csrf(form.text), "email": self.email, "password": PASSWORD}
        with self.client.post("/auth/login", data=data, name="sign in (form)",
                              allow_redirects=False, catch_response=True) as response:
            if response.status_code != 302 or "/auth/login" in response.headers.get("Location",
                                                                                   ""):
                response.failure(f"sign-in refused: HTTP {response.status_code}")

    def page(self, path, name, *, tries=3):
        with self.client.get(path, name=name, allow_redirects=False,
                             catch_response=True) as response:
            signed_out = tries > 1 and (
                (response.status_code == 302
                 and "/auth/login" in response.headers.get("Location", ""))
                or (response.status_code == 401 and path.startswith("/api/")))
            if signed_out:
                # The simulated people share five accounts, and signing out ends every session
                # of an account (issue 17.7): like the person, sign in again and retry (another
                # simulated person may sign the account out again in between).
                response.success()
            else:
                _check(response, 200)
        if signed_out:
            self.sign_in()
            return self.page(path, name, tries=tries - 1)
        return response

    @task(6)
    def application_list(self):
        query = (f"lifecycle={random.choice(LIFECYCLES)}&kind={random.choice(KINDS)}"
                 f"&sort={random.choice(SORTS)}&page={random.randint(1, 2)}")
        if random.random() < 0.5:
            query = f"page={random.randint(1, DATA['pages'])}&sort={random.choice(SORTS)}"
        self.page(f"/inventory/applications?{query}", "page: application list (filters, pages)")

    @task(4)
    def search(self):
        self.page(f"/inventory/applications?q={random.choice(DATA['words'])}",
                  "page: application search")

    @task(5)
    def application(self):
        self.page(f"/inventory/applications/{random.choice(DATA['apps'])}",
                  "page: an application")

    @task(2)
    def graph(self):
        self.page(f"/api/v1/graph?agency={random.choice(DATA['agencies'])}",
                  "graph JSON of an agency")

    @task(2)
    def scorecard(self):
        self.page(f"/assessments/{random.choice(DATA['assessments'])}", "page: scorecard")

    @task(2)
    def opd_scorecard(self):
        self.page(f"/opd-scorecard?agency={random.choice(DATA['agencies'])}",
                  "page: OPD scorecard")

    @task(1)
    def sign_out_and_in(self):
        # The CSRF token of the sign-out button is on every page, as in the browser.
        units = self.page("/inventory/units", "page: OPD list")
        with self.client.post("/auth/logout", data={"csrf_token": _csrf(units.text)},
                              name="sign out (form)", allow_redirects=False,
                              catch_response=True) as response:
            _check(response, 302)
        self.sign_in()


class ApiReader(RegistryUser):
    """A client system or a dashboard reading the API with a reviewer's token."""

    weight = 3

    def on_start(self):
        self.client.headers["Authorization"] = f"Bearer {TOKENS['reviewer']}"

    def get(self, path, name):
        with self.client.get(path, name=name, catch_response=True) as response:
            return _check(response, 200)

    @task(4)
    def applications(self):
        query = (f"lifecycle={random.choice(LIFECYCLES)}&per_page={random.choice((25, 50))}"
                 f"&page={random.randint(1, 3)}&sort={random.choice(SORTS)}")
        self.get(f"/api/v1/applications?{query}", "API: application list (filters, pages)")

    @task(2)
    def search(self):
        self.get(f"/api/v1/applications?q={random.choice(DATA['words'])}",
                 "API: application search")

    @task(3)
    def application(self):
        self.get(f"/api/v1/applications/{random.choice(DATA['apps'])}", "API: an application")

    @task(1)
    def graph(self):
        self.get(f"/api/v1/graph?agency={random.choice(DATA['agencies'])}",
                 "graph JSON of an agency")

    @task(1)
    def opd_scorecard(self):
        self.get(f"/api/v1/opd-scorecard?agency={random.choice(DATA['agencies'])}",
                 "API: OPD scorecard")

    @task(1)
    def score(self):
        self.get(f"/api/v1/score?agency={random.choice(DATA['agency_codes'])}", "API: score")

    @task(1)
    def request_queue(self):
        self.get("/api/v1/requests?scope=queue", "API: request queue")


class Editor(RegistryUser):
    """An architect keeping the inventory through the API, and an OPD operator asking for
    sub-domains. Each editor changes only what it created, with the version it last read.
    """

    weight = 2

    def on_start(self):
        self.number = next(_user_numbers)
        self.serial = itertools.count(1)
        self.versions = {}  # id of an application this editor created -> its version
        self.architect = {"Authorization": f"Bearer {TOKENS['architect']}"}
        self.operator = {"Authorization": f"Bearer {TOKENS['operator']}"}

    def tag(self):
        return f"{RUN}-{self.number}-{next(self.serial)}"

    @task(2)
    def create_application(self):
        tag = self.tag()
        body = {"code": f"LD-{tag}", "name": f"Aplikasi Uji Beban {tag}",
                "owner_unit_id": random.choice(DATA["units"]), "lifecycle": "development",
                "description": "Dibuat oleh uji beban."}
        with self.client.post("/api/v1/applications", json=body, headers=self.architect,
                              name="API: create application", catch_response=True) as response:
            app = _check(response, 201)
        if app:
            self.versions[app["id"]] = app["version"]

    @task(3)
    def change_application(self):
        if not self.versions:
            return self.create_application()
        app_id = random.choice(list(self.versions))
        body = {"version": self.versions[app_id], "description": f"Diubah: {self.tag()}",
                "lifecycle": random.choice(("development", "production"))}
        with self.client.patch(f"/api/v1/applications/{app_id}", json=body,
                               headers=self.architect, name="API: change application (PATCH)",
                               catch_response=True) as response:
            app = _check(response, 200)
        if app:
            self.versions[app_id] = app["version"]

    @task(2)
    def read_own_application(self):
        if not self.versions:
            return self.create_application()
        app_id = random.choice(list(self.versions))
        with self.client.get(f"/api/v1/applications/{app_id}", headers=self.architect,
                             name="API: an application", catch_response=True) as response:
            app = _check(response, 200)
            # Another worker served the write: it must still be the version written.
            if app and app["version"] != self.versions[app_id]:
                response.failure(f"read version {app['version']}, wrote "
                                 f"{self.versions[app_id]}")

    @task(1)
    def request_subdomain(self):
        body = {"kind": "subdomain", "label": f"ld-{self.tag()}".lower(),
                "purpose": "Uji beban: situs layanan baru."}
        with self.client.post("/api/v1/requests", json=body, headers=self.operator,
                              name="API: draft sub-domain request",
                              catch_response=True) as response:
            draft = _check(response, 201)
        if not draft:
            return
        with self.client.post(f"/api/v1/requests/{draft['id']}/transitions",
                              json={"action": "submit", "version": draft["version"]},
                              headers=self.operator, name="API: submit request",
                              catch_response=True) as response:
            _check(response, 200)


class Visitor(RegistryUser):
    """Someone from the public reading the catalogue of published applications."""

    weight = 1

    @task
    def catalogue(self):
        query = random.choice(("", f"?q={random.choice(DATA['words'])}", "?page=2"))
        with self.client.get(f"/katalog{query}", name="page: public catalogue",
                             allow_redirects=False, catch_response=True) as response:
            _check(response, 200)


if __name__ == "__main__":
    # python tests/load/locustfile.py HOST: write what the users pick from to LOAD_DATA_FILE
    import sys

    with open(os.environ["LOAD_DATA_FILE"], "w", encoding="utf-8") as handle:
        json.dump(read_data(sys.argv[1].rstrip("/")), handle)
