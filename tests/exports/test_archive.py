"""The package's zip: a data file compressed while it is still being written comes out whole,
in the same bytes as one added when finished, and a failure leaves no zip behind."""

from __future__ import annotations

import hashlib
import os
import threading
import time
import zipfile

import pytest

from exports.package import archive as archive_module
from exports.package.archive import Archive


def _zipped(path, members):
    with Archive(path) as archive:
        for name, source in members:
            archive.add(name, source)
    return path.read_bytes()


def _written_slowly(path, pieces):
    """Write `pieces` one by one, the way the CSV writer flushes a chunk of rows at a time."""
    with open(path, "wb") as file:
        for piece in pieces:
            file.write(piece)
            file.flush()
            time.sleep(0.005)


def test_a_file_followed_while_it_grows_is_zipped_whole_and_as_if_added_finished(
    tmp_path, monkeypatch
):
    # Small batches, so that the follower reads many times while the file grows.
    monkeypatch.setattr(archive_module, "BATCH", 4096)
    monkeypatch.setattr(archive_module, "POLL_SECONDS", 0.001)
    pieces = [os.urandom(3000) + b"row,%d\n" % number * 200 for number in range(40)]
    data = tmp_path / "data.csv"
    notes = tmp_path / "notes.txt"
    notes.write_text("What explains the data.\n")

    followed_zip = tmp_path / "followed.zip"
    with Archive(followed_zip) as archive:
        archive.follow("data.csv", data)  # before the file exists, as in the pipeline
        writer = threading.Thread(target=_written_slowly, args=(data, pieces))
        writer.start()
        writer.join()
        archive.followed_complete()
        archive.add("notes.txt", notes)

    whole = b"".join(pieces)
    assert data.read_bytes() == whole
    assert archive.digests == {"data.csv": hashlib.sha256(whole).hexdigest()}
    with zipfile.ZipFile(followed_zip) as opened:
        assert opened.testzip() is None
        assert opened.namelist() == ["data.csv", "notes.txt"]
        assert opened.read("data.csv") == whole
    finished_zip = tmp_path / "finished.zip"
    assert followed_zip.read_bytes() == _zipped(
        finished_zip, [("data.csv", data), ("notes.txt", notes)]
    )


def test_an_empty_followed_file_is_an_empty_member(tmp_path):
    data = tmp_path / "data.csv"
    with Archive(tmp_path / "package.zip") as archive:
        archive.follow("data.csv", data)
        data.write_bytes(b"")
        archive.followed_complete()

    with zipfile.ZipFile(tmp_path / "package.zip") as opened:
        assert opened.read("data.csv") == b""


def test_a_followed_file_that_never_appeared_is_an_error_not_a_missing_member(tmp_path):
    with pytest.raises(FileNotFoundError), Archive(tmp_path / "package.zip") as archive:
        archive.follow("data.csv", tmp_path / "data.csv")
        archive.followed_complete()

    assert not (tmp_path / "package.zip").exists()


def test_a_followed_file_missing_when_the_zip_is_closed_leaves_no_zip(tmp_path):
    with pytest.raises(FileNotFoundError), Archive(tmp_path / "package.zip") as archive:
        archive.follow("data.csv", tmp_path / "data.csv")

    assert not (tmp_path / "package.zip").exists()


def test_a_failure_while_a_file_is_followed_stops_the_follower_and_deletes_the_zip(tmp_path):
    data = tmp_path / "data.csv"
    data.write_bytes(b"half a file")

    with (
        pytest.raises(RuntimeError, match="the export failed"),
        Archive(tmp_path / "package.zip") as archive,
    ):
        archive.follow("data.csv", data)
        follower = archive.following
        raise RuntimeError("the export failed")

    assert not follower._thread.is_alive()
    assert not (tmp_path / "package.zip").exists()


def test_a_failure_before_the_followed_file_exists_leaves_no_zip_and_no_thread(tmp_path):
    with pytest.raises(RuntimeError), Archive(tmp_path / "package.zip") as archive:
        archive.follow("data.csv", tmp_path / "data.csv")
        follower = archive.following
        raise RuntimeError("no rows")

    assert not follower._thread.is_alive()
    assert not (tmp_path / "package.zip").exists()
