"""Logs that say nothing about respondents: no respondent page, action, address or fine time.

Every line Candour writes (Django's and gunicorn's: settings.LOGGING, config/gunicorn.py) goes
through `RespondentSafeStreamHandler`, which sorts records into three kinds:

- about a respondent (logged inside a respondent view, about a request for a respondent page, a
  static file or the home page, or gunicorn failing to read a request): below WARNING they are
  not written at all, so neither gunicorn's access log nor Django's 4xx lines show respondent
  traffic. Warnings and errors are *held*: scrubbed of paths, addresses and query strings, their
  exception message withheld (it may quote what the respondent sent; the frames stay), and
  written once the clock reaches the next full hour, with a count for repeats. Whatever adds a
  timestamp to a line (honcho, Docker, journald) then stamps the hour, not the moment;
- everything else (researchers' pages, the worker, start-up) is written at once.

Lines carry no time of their own. Held lines are also written when a process exits
(`flush_held`, gunicorn's `worker_exit` hook), so a restart loses none.
"""

from __future__ import annotations

import atexit
import contextlib
import contextvars
import logging
import re
import threading
import time
import traceback
import weakref
from collections.abc import Iterator, Mapping

HOUR = 3600
RESPONDENT_PREFIXES = ("/s/", "/static/")
RESPONDENT_PAGES = {"/", "/favicon.ico"}
_RESPONDENT_URL = re.compile(r"(?:https?://[^/\s\"']+)?/(?:s|static)/[^\s\"']*")
_IPV4 = re.compile(r"(?<![\d.])(?:\d{1,3}\.){3}\d{1,3}(?![\d.])")
_IPV6 = re.compile(r"(?<![\w:])(?:[0-9A-Fa-f]{0,4}:){2,7}[0-9A-Fa-f]{0,4}(?![\w:])")
_GUNICORN_REQUEST_LINES = (
    "Invalid request",
    "Error handling request",
    "Socket error processing request",
    "Ignored premature client disconnection",
    "Closing connection",
    "Ignoring",
    "ssl connection closed",
    "Error processing SSL request",
    "Exception in post_request hook",
    "Failed to send error message",
)

_in_respondent_view: contextvars.ContextVar[bool] = contextvars.ContextVar(
    "candour_in_respondent_view", default=False
)


def is_respondent_path(path: str) -> bool:
    """Pages and files a respondent's browser asks for (researchers' pages are elsewhere)."""
    return path in RESPONDENT_PAGES or path.startswith(RESPONDENT_PREFIXES)


@contextlib.contextmanager
def respondent_view_context() -> Iterator[None]:
    """Everything logged inside is about a respondent (responses.journey.respondent_view)."""
    token = _in_respondent_view.set(True)
    try:
        yield
    finally:
        _in_respondent_view.reset(token)


def scrub(text: str) -> str:
    text = _RESPONDENT_URL.sub("[respondent page]", text)
    text = _IPV4.sub("[address]", text)
    return _IPV6.sub("[address]", text)


def _message(record: logging.LogRecord) -> str:
    try:
        return record.getMessage()
    except Exception:  # a malformed log call still must not leak its arguments
        return str(record.msg)


def _requested_path(record: logging.LogRecord) -> str | None:
    path = getattr(getattr(record, "request", None), "path", None)
    if isinstance(path, str):
        return path
    if record.name == "gunicorn.access" and isinstance(record.args, Mapping):
        path = record.args.get("U")
        return path if isinstance(path, str) else None
    return None


def is_about_a_respondent(record: logging.LogRecord) -> bool:
    if _in_respondent_view.get():
        return True
    path = _requested_path(record)
    if path is not None and is_respondent_path(path):
        return True
    message = _message(record)
    if record.name == "gunicorn.error" and message.startswith(_GUNICORN_REQUEST_LINES):
        return True
    return bool(_RESPONDENT_URL.search(message))


def _frames_only(exc_info) -> str:
    """The traceback's frames and exception types, without the messages."""
    parts = []
    error, seen = exc_info[1], set()
    while error is not None and id(error) not in seen:
        seen.add(id(error))
        kind = type(error)
        frames = "".join(traceback.format_list(traceback.extract_tb(error.__traceback__)))
        parts.append(f"{kind.__module__}.{kind.__qualname__} (message withheld)\n{frames}")
        error = error.__cause__ or error.__context__
    return "Traceback, latest exception first:\n" + "\n".join(parts).rstrip()


def sanitised(record: logging.LogRecord) -> logging.LogRecord:
    """A copy that keeps the logger, level and a scrubbed message, dated to its hour."""
    message = scrub(_message(record))
    clean = logging.LogRecord(record.name, record.levelno, "", 0, message, None, None)
    if record.exc_info and record.exc_info[1] is not None:
        clean.exc_text = _frames_only(record.exc_info)
    elif record.exc_text:
        clean.exc_text = scrub(record.exc_text)
    clean.created = float(int(record.created) // HOUR * HOUR)
    clean.msecs = 0.0
    clean.relativeCreated = 0.0
    clean.process = record.process
    return clean


class RespondentSafeStreamHandler(logging.StreamHandler):
    """A stream handler that drops or holds back what is about respondents (see module)."""

    _all: weakref.WeakSet[RespondentSafeStreamHandler] = weakref.WeakSet()

    def __init__(self, stream=None):
        super().__init__(stream)
        self._held: dict[tuple, list] = {}
        self._held_lock = threading.Lock()
        self._timer: threading.Timer | None = None
        RespondentSafeStreamHandler._all.add(self)

    def emit(self, record: logging.LogRecord) -> None:
        if not is_about_a_respondent(record):
            super().emit(record)
        elif record.levelno >= logging.WARNING:
            self._hold(sanitised(record))

    def _hold(self, record: logging.LogRecord) -> None:
        key = (record.name, record.levelno, record.msg, record.exc_text)
        with self._held_lock:
            if key in self._held:
                self._held[key][1] += 1
            else:
                self._held[key] = [record, 1]
            if self._timer is None:
                delay = HOUR - time.time() % HOUR
                self._timer = threading.Timer(delay, self.flush_held)
                self._timer.daemon = True
                self._timer.start()

    def flush_held(self) -> None:
        """Write what is held now (at the hour, or when the process exits)."""
        with self._held_lock:
            held, self._held = list(self._held.values()), {}
            if self._timer is not None:
                self._timer.cancel()
                self._timer = None
        if getattr(self.stream, "closed", False):
            return  # the process is exiting and its stream is already gone
        for record, count in held:
            if count > 1:
                record.msg = f"{record.msg} ({count} times this hour)"
            self.acquire()
            try:
                super().emit(record)
            finally:
                self.release()
        self.flush()


def flush_held() -> None:
    """Write every handler's held lines; for process exit and tests."""
    for handler in list(RespondentSafeStreamHandler._all):
        handler.flush_held()


atexit.register(flush_held)
