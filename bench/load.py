"""The load client: browsers as threads, each with its own connection and cookies.

A scenario (bench.scenarios) says what one session does: a respondent walking a survey, a
series of page views and saves, a post to the ceiling view. Everything a session will post is
made before the clock starts (`Scenario.plan`), so the client's threads spend their time on
HTTP and on reading the pages, as a browser would: GET, read the form, POST.
"""

from __future__ import annotations

import http.client
import json
import os
import statistics
import threading
import time
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from typing import Any, Protocol
from urllib.parse import urlencode

from bench.ceiling.middleware import QUERIES_HEADER

RETRYABLE = (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError)


class BenchFailed(RuntimeError):
    pass


@dataclass(frozen=True)
class Reply:
    status: int
    location: str
    text: str


class Recorder:
    """Every request's wall time and SQL count, by kind of request (thread-safe appends)."""

    def __init__(self) -> None:
        self.milliseconds: dict[str, list[float]] = defaultdict(list)
        self.queries: dict[str, list[int]] = defaultdict(list)
        self._lock = threading.Lock()

    def add(self, kind: str, seconds: float, queries: int) -> None:
        with self._lock:
            self.milliseconds[kind].append(seconds * 1000)
            self.queries[kind].append(queries)

    @property
    def requests(self) -> int:
        return sum(len(times) for times in self.milliseconds.values())


class Browser:
    """One visitor: a keep-alive connection (when the server keeps it), cookies, an address."""

    def __init__(self, host: tuple[str, int], recorder: Recorder, *, address: str = ""):
        self.host = host
        self.recorder = recorder
        self.address = address
        self.cookies: dict[str, str] = {}
        self._connection: http.client.HTTPConnection | None = None

    def get(self, kind: str, path: str) -> Reply:
        return self._send(kind, "GET", path, None)

    def post(self, kind: str, path: str, data: dict) -> Reply:
        return self._send(kind, "POST", path, urlencode(data, doseq=True))

    def post_json(self, kind: str, path: str, data: dict, *, headers: dict) -> Reply:
        """A script's POST: a JSON body and its own headers (a token, an Idempotency-Key)."""
        extra = {"Accept": "application/json", "Content-Type": "application/json", **headers}
        return self._send(kind, "POST", path, json.dumps(data), extra)

    def close(self) -> None:
        if self._connection is not None:
            self._connection.close()
            self._connection = None

    def _headers(self, body: str | None, extra: dict | None = None) -> dict[str, str]:
        headers = {"Accept": "text/html"}
        if self.address:
            headers["X-Forwarded-For"] = self.address
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if body is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        return headers | (extra or {})

    def _send(
        self, kind: str, method: str, path: str, body: str | None, extra: dict | None = None
    ) -> Reply:
        headers = self._headers(body, extra)
        for attempt in (1, 2):
            reused = self._connection is not None
            connection = self._connection or http.client.HTTPConnection(*self.host, timeout=120)
            started = time.perf_counter()
            try:
                connection.request(method, path, body, headers)
                answer = connection.getresponse()
                text = answer.read().decode()
            except RETRYABLE:
                connection.close()
                self._connection = None
                if reused and attempt == 1:
                    continue  # the server closed an idle kept-alive connection: a browser retries
                raise
            elapsed = time.perf_counter() - started
            break
        self._connection = None if answer.will_close else connection
        if answer.will_close:
            connection.close()
        self._remember_cookies(answer.headers.get_all("Set-Cookie") or [])
        if answer.status >= 400:
            raise BenchFailed(f"{kind} {path} answered {answer.status}: {text[:300]}")
        self.recorder.add(kind, elapsed, int(answer.headers.get(QUERIES_HEADER, "0")))
        return Reply(answer.status, answer.headers.get("Location", ""), text)

    def _remember_cookies(self, lines: list[str]) -> None:
        for line in lines:
            for name, morsel in SimpleCookie(line).items():
                if morsel["max-age"] == "0" or not morsel.value:
                    self.cookies.pop(name, None)
                else:
                    self.cookies[name] = morsel.value


class Scenario(Protocol):
    """What one kind of session does. Add one as a module in bench.scenarios."""

    name: str  # the row's label
    unit: str  # what one session completes: "respondents", "submissions", "page pairs"
    units_per_session: int

    def prepare(self) -> None:
        """Set up what sessions need, in the database (before the server starts serving it)."""

    def plan(self, number: int) -> Any:
        """Everything session `number` will send, made before the clock starts."""

    def session(self, browser: Browser, plan: Any) -> None:
        """One session over HTTP only (no database access: the server is measured, not us)."""

    def verify(self, plans: list[Any]) -> str:
        """Check in the database that every session left what it should; say what was checked."""


@dataclass
class Measured:
    scenario: Scenario
    sessions: int
    seconds: float
    server_cpu: float
    client_cpu: float
    recorder: Recorder
    plans: list[Any] = field(default_factory=list)

    @property
    def units(self) -> int:
        return self.sessions * self.scenario.units_per_session

    @property
    def rate(self) -> float:
        return self.units / self.seconds

    @property
    def cpu_ms_per_request(self) -> float:
        return 1000 * self.server_cpu / max(1, self.recorder.requests)


def drive(
    scenario: Scenario, server, *, sessions: int, concurrency: int, first: int = 0
) -> Measured:
    """Run `sessions` sessions, `concurrency` at a time, and measure them."""
    plans = [scenario.plan(first + number) for number in range(sessions)]
    recorder = Recorder()

    def one(plan) -> None:
        browser = Browser(server.host, recorder, address=getattr(plan, "address", ""))
        try:
            scenario.session(browser, plan)
        finally:
            browser.close()

    server_cpu, client_cpu = server.cpu_seconds(), time.process_time()
    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=concurrency) as pool:
        for done in [pool.submit(one, plan) for plan in plans]:
            done.result()
    seconds = time.perf_counter() - started
    return Measured(
        scenario=scenario,
        sessions=sessions,
        seconds=seconds,
        server_cpu=server.cpu_seconds() - server_cpu,
        client_cpu=time.process_time() - client_cpu,
        recorder=recorder,
        plans=plans,
    )


def percentile(values: list[float], percent: int) -> float:
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[percent - 1]


def load_average() -> str:
    return " ".join(f"{value:.1f}" for value in os.getloadavg())
