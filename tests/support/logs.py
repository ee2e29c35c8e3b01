"""What Candour's log handlers actually write, for tests: every RespondentSafeStreamHandler's
output goes to one buffer while the context is open, held lines included once flushed."""

import io
import logging
from collections.abc import Iterator
from contextlib import contextmanager

from config.logs import RespondentSafeStreamHandler, flush_held


@contextmanager
def written_logs() -> Iterator[io.StringIO]:
    """Yield the buffer; on leaving, held lines are flushed into it and streams restored."""
    buffer = io.StringIO()
    handlers = [
        h for h in logging.getLogger().handlers if isinstance(h, RespondentSafeStreamHandler)
    ]
    assert handlers, "settings.LOGGING has no RespondentSafeStreamHandler on the root logger"
    previous = [handler.setStream(buffer) for handler in handlers]
    try:
        yield buffer
        flush_held()
    finally:
        for handler, stream in zip(handlers, previous, strict=True):
            handler.setStream(stream)
