"""Locust scenario of the load test: staff read and search, editors edit and submit.

Runs in locust's own environment (no Django); ``LOAD_PLAN`` names the JSON plan written by
:mod:`bench.load.accounts` and ``LOAD_TIMING`` the file this process writes the server's
per-route CPU and wall times to (from the ``Server-Timing`` header of every answer) and the CPU
seconds of each part of the system over the measured window.

Every user signs in when it starts; signing in costs about a third of a second of server CPU
(PBKDF2), so the ramp-up is a login storm no working day has. The measured window therefore
starts ``LOAD_WARMUP`` seconds after the last user has started: the statistics are reset then
(sign-in's server CPU is kept, it is a figure of its own) — and not before every user's sign-in
has been answered.

* **Staff** (most users, 0.5–2 s think time): start page, their town's register (with and
  without a filter), the search page and the search API with German queries, process pages.
* **Editors** (a fixed few, 2–5 s think time): open a process page's edit form, save a draft
  with a changed summary, and every third time submit it for review, then go on to their next
  page — the form is posted exactly as a browser would (``page_form``).
"""

from __future__ import annotations

import itertools
import json
import os
import random
import re
import resource
from collections import defaultdict
from pathlib import Path
from urllib.parse import urlencode

import gevent
from locust import between, events, task
from locust.contrib.fasthttp import FastHttpUser

from bench.load import processes
from bench.load.page_form import page_form_data, with_changes

PLAN = json.loads(Path(os.environ["LOAD_PLAN"]).read_text(encoding="utf-8"))
STAFF = itertools.cycle(PLAN["staff"])
EDITORS = itertools.cycle(PLAN["editors"])
QUERIES = PLAN["queries"]
CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
SERVER_TIMING = re.compile(r"(\w+);dur=([0-9.]+)")
WARMUP_S = float(os.environ.get("LOAD_WARMUP", "20"))
DURATION_S = float(os.environ.get("LOAD_DURATION", "120"))
SIGN_IN_ROUTES = ("POST login", "GET login form")
TIMINGS: dict[str, dict[str, list[float]]] = defaultdict(lambda: {"cpu": [], "app": []})
WINDOW: dict[str, dict[str, float]] = {}
SIGNED_IN = {"answered": 0}


def _cpu_now() -> dict[str, float]:
    own = resource.getrusage(resource.RUSAGE_SELF)
    return {**processes.cpu_seconds(), processes.GENERATOR: own.ru_utime + own.ru_stime}


@events.spawning_complete.add_listener
def _start_window_after_warmup(user_count: int, **_kwargs) -> None:
    environment = _ENVIRONMENT[0]

    def start_window() -> None:
        environment.runner.stats.reset_all()
        for route in list(TIMINGS):
            if route not in SIGN_IN_ROUTES:
                del TIMINGS[route]
        WINDOW["start"] = _cpu_now()
        gevent.spawn_later(DURATION_S, environment.runner.quit)

    def start_after_sign_ins() -> None:
        # Every user signs in once at its start (a third of a second of PBKDF2 each): on two
        # cores a hundred sign-ins queue for half a minute or more. The window starts only when
        # all have answered, then after the warm-up.
        while SIGNED_IN["answered"] < user_count:
            gevent.sleep(0.5)
        gevent.sleep(WARMUP_S)
        start_window()

    gevent.spawn(start_after_sign_ins)


_ENVIRONMENT: list = []


@events.init.add_listener
def _remember_environment(environment, **_kwargs) -> None:
    _ENVIRONMENT.append(environment)


@events.request.add_listener
def _record_server_timing(request_type, name, response, exception, **_kwargs) -> None:
    header = response.headers.get("Server-Timing") if response is not None else None
    if not header:
        return
    for metric, value in SERVER_TIMING.findall(header):
        if metric in ("cpu", "app"):
            TIMINGS[f"{request_type} {name}"][metric].append(float(value))


@events.quitting.add_listener
def _write_server_timings(**_kwargs) -> None:
    target = os.environ.get("LOAD_TIMING")
    if not target:
        return
    cpu = None
    if "start" in WINDOW:
        end = _cpu_now()
        cpu = {part: round(max(0.0, end[part] - WINDOW["start"][part]), 2) for part in end}
    Path(target).write_text(json.dumps({"routes": TIMINGS, "cpu_seconds": cpu}), "utf-8")


def _log_in(user: FastHttpUser, login_url: str, account: dict) -> None:
    page = user.client.get(login_url, name="login form")
    token = CSRF_INPUT.search(page.text or "")
    with user.client.post(
        login_url,
        data={
            "username": account["username"],
            "password": account["password"],
            "csrfmiddlewaretoken": token.group(1) if token else "",
        },
        headers={"Referer": user.host + login_url},
        name="login",
        allow_redirects=False,
        catch_response=True,
    ) as response:
        if response.status_code != 302:
            response.failure(f"login refused for {account['username']}: {response.status_code}")
    SIGNED_IN["answered"] += 1


class Staff(FastHttpUser):
    weight = 10
    wait_time = between(0.5, 2)

    def on_start(self) -> None:
        self.account = next(STAFF)
        _log_in(self, "/anmelden/", self.account)

    @task(2)
    def start_page(self) -> None:
        self.client.get(PLAN["home_url"], name="start page")

    @task(2)
    def register(self) -> None:
        if random.random() < 0.5:
            self.client.get(self.account["register_url"], name="register")
        else:
            self.client.get(
                f"{self.account['register_url']}?kommune={self.account['town_slug']}",
                name="register (town filter)",
            )

    @task(4)
    def search_page(self) -> None:
        query = random.choice(QUERIES)
        if random.random() < 0.5:
            self.client.get("/suche/", params={"q": query}, name="search page")
        else:
            self.client.get(
                "/suche/",
                params={"q": query, "kommune": self.account["town_slug"]},
                name="search page (town filter)",
            )

    @task(1)
    def search_api(self) -> None:
        self.client.get("/api/search/", params={"q": random.choice(QUERIES)}, name="search API")

    @task(4)
    def process_page(self) -> None:
        if self.account["process_urls"]:
            self.client.get(random.choice(self.account["process_urls"]), name="process page")


class Editor(FastHttpUser):
    fixed_count = int(os.environ.get("LOAD_EDITORS", "5"))
    wait_time = between(2, 5)

    def on_start(self) -> None:
        self.account = next(EDITORS)
        self.pages = itertools.cycle(self.account["edit_page_ids"])
        self.page_id = next(self.pages)
        self.saves = 0
        _log_in(self, "/admin/login/", self.account)

    @task(1)
    def dashboard(self) -> None:
        self.client.get("/admin/", name="admin: dashboard")

    @task(4)
    def edit_and_save(self) -> None:
        url = f"/admin/pages/{self.page_id}/edit/"
        form = self.client.get(url, name="admin: edit form")
        if form.status_code != 200 or not form.text:
            return
        self.saves += 1
        submit = self.saves % 3 == 0
        try:
            data = page_form_data(form.text, button="action-submit" if submit else None)
        except LookupError:  # the page waits in review (locked for editors): the next one
            self.page_id = next(self.pages)
            return
        data = with_changes(data, summary=f"Kurzbeschreibung, Stand der Lastprobe {self.saves}")
        name = "admin: submit for review" if submit else "admin: save draft"
        # Encoded here: locust's fast client sends only a dict or a string as a form, and the
        # edit form repeats names (a list of pairs).
        with self.client.post(
            url,
            data=urlencode(data),
            headers={
                "Referer": self.host + url,
                "Content-Type": "application/x-www-form-urlencoded",
            },
            name=name,
            allow_redirects=False,
            catch_response=True,
        ) as response:
            if response.status_code != 302:
                response.failure(f"page {self.page_id} not saved: HTTP {response.status_code}")
        if submit:
            self.page_id = next(self.pages)
