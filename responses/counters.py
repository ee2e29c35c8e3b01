"""Counters of attempts in fixed windows of time, kept in the configured cache, counted atomically.

A window is aligned to the clock (window `n` of length `s` covers [n·s, (n+1)·s)); a count starts
at 0 when its window starts and is gone when it ends, however recently it was touched. Each
window also has a random salt, made by whichever process first needs it and gone with the
window: rate limits hash addresses with it (responses.ratelimit), so once a window is over no
key can be tested against a guessed address, even by someone who holds SECRET_KEY.

Backends:
- Redis: INCR and PEXPIREAT in one Lua script; the salt is SET NX with the same expiry. When a
  server cannot be reached, this process leaves it alone for `RETRY_AFTER_SECONDS`: callers
  allow the request anyway, so the only cost of an outage should be one wait for the socket's
  timeout now and then, not one (or three) on every request.
- the file cache: one small JSON file per window, read, changed and written under an exclusive
  `fcntl` lock; files of windows that have ended are deleted, and each file's modification time
  is set to the start of its window, so the disk keeps no finer time than that.
- any other cache (tests' local memory): `add` and `incr`, with the cache's own expiry.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import secrets
import time
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.cache import caches
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

_INCREMENT_IN_WINDOW = """
local count = redis.call('INCR', KEYS[1])
if count == 1 then redis.call('PEXPIREAT', KEYS[1], ARGV[1]) end
return count
"""
_SALT_FOR_WINDOW = """
redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PXAT', ARGV[2])
return redis.call('GET', KEYS[1])
"""
KEY_PREFIX = "rl"
RETRY_AFTER_SECONDS = 30.0


class CountersUnavailable(Exception):
    """The counters' cache failed a moment ago: not asked again for `RETRY_AFTER_SECONDS`."""


# Cache location -> the monotonic time before which it is not asked (per process; a float
# stored or read in one step, so threads need no lock).
_unreachable_until: dict[str, float] = {}


@dataclass(frozen=True)
class Window:
    seconds: int
    index: int

    @classmethod
    def now(cls, seconds: int) -> Window:
        return cls(seconds, int(time.time() // seconds))

    @property
    def start(self) -> int:
        return self.index * self.seconds

    @property
    def end(self) -> int:
        return (self.index + 1) * self.seconds

    @property
    def name(self) -> str:
        return f"{self.seconds}-{self.index}"


class RedisCounters:
    def __init__(self, cache, location: str = ""):
        self.cache = cache
        self.location = location

    def _client(self):
        return self.cache._cache.get_client(write=True)

    def _eval(self, script: str, key: str, *args):
        if _unreachable_until.get(self.location, 0.0) > time.monotonic():
            raise CountersUnavailable(self.location)
        try:
            return self._client().eval(script, 1, key, *args)
        except (RedisConnectionError, RedisTimeoutError):
            _unreachable_until[self.location] = time.monotonic() + RETRY_AFTER_SECONDS
            raise

    def _key(self, window: Window, name: str) -> str:
        return self.cache.make_and_validate_key(f"{KEY_PREFIX}:{window.name}:{name}")

    def salt(self, window: Window) -> bytes:
        candidate = secrets.token_hex(16)
        salt = self._eval(_SALT_FOR_WINDOW, self._key(window, "salt"), candidate, window.end * 1000)
        return salt if isinstance(salt, bytes) else str(salt).encode()

    def increment(self, window: Window, name: str) -> int:
        return int(
            self._eval(_INCREMENT_IN_WINDOW, self._key(window, f"n:{name}"), window.end * 1000)
        )

    def forget_expired(self) -> None:
        """Redis expires every key at the end of its window by itself."""

    def forget_all(self) -> None:
        client = self._client()
        for key in client.scan_iter(match=self.cache.make_key(f"{KEY_PREFIX}:*")):
            client.delete(key)


class FileCounters:
    def __init__(self, folder: Path):
        self.folder = folder

    @contextlib.contextmanager
    def _locked(self):
        self.folder.mkdir(parents=True, exist_ok=True)
        with open(self.folder / ".lock", "a") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(lock, fcntl.LOCK_UN)

    def _path(self, window: Window) -> Path:
        return self.folder / f"window-{window.name}.json"

    def _read(self, window: Window) -> dict:
        try:
            return json.loads(self._path(window).read_text())
        except (FileNotFoundError, ValueError):
            return {"salt": "", "counts": {}}

    def _write(self, window: Window, data: dict) -> None:
        path = self._path(window)
        partial = path.with_suffix(".partial")
        partial.write_text(json.dumps(data))
        os.utime(partial, (window.start, window.start))
        partial.replace(path)

    def _forget_ended(self) -> None:
        now = time.time()
        for path in self.folder.glob("window-*.json"):
            seconds, _, index = path.stem.removeprefix("window-").partition("-")
            try:
                ended = (int(index) + 1) * int(seconds) <= now
            except ValueError:
                ended = True
            if ended:
                path.unlink(missing_ok=True)

    def salt(self, window: Window) -> bytes:
        with self._locked():
            self._forget_ended()
            data = self._read(window)
            if not data["salt"]:
                data["salt"] = secrets.token_hex(16)
                self._write(window, data)
            return data["salt"].encode()

    def increment(self, window: Window, name: str) -> int:
        with self._locked():
            self._forget_ended()
            data = self._read(window)
            data["counts"][name] = data["counts"].get(name, 0) + 1
            self._write(window, data)
            return data["counts"][name]

    def forget_expired(self) -> None:
        with self._locked():
            self._forget_ended()

    def forget_all(self) -> None:
        with self._locked():
            for path in self.folder.glob("window-*"):
                path.unlink(missing_ok=True)


class CacheCounters:
    """For caches that live in one process (tests); their own operations are atomic there."""

    def __init__(self, cache):
        self.cache = cache

    def _timeout(self, window: Window) -> int:
        return max(1, int(window.end - time.time()))

    def salt(self, window: Window) -> bytes:
        key = f"{KEY_PREFIX}:{window.name}:salt"
        self.cache.add(key, secrets.token_hex(16), timeout=self._timeout(window))
        return str(self.cache.get(key)).encode()

    def increment(self, window: Window, name: str) -> int:
        key = f"{KEY_PREFIX}:{window.name}:n:{name}"
        self.cache.add(key, 0, timeout=self._timeout(window))
        return self.cache.incr(key)

    def forget_expired(self) -> None:
        """The cache expires entries by itself."""

    def forget_all(self) -> None:
        self.cache.clear()


def counters() -> RedisCounters | FileCounters | CacheCounters:
    """The counters of the default cache as configured now."""
    backend = settings.CACHES["default"]["BACKEND"]
    cache = caches["default"]
    if backend.endswith("RedisCache"):
        return RedisCounters(cache, str(settings.CACHES["default"]["LOCATION"]))
    if backend.endswith("FileBasedCache"):
        return FileCounters(Path(settings.CACHES["default"]["LOCATION"]) / "ratelimit")
    return CacheCounters(cache)
