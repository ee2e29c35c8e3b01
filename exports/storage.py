"""Where export packages are kept: Django's storage named "exports" (see settings.STORAGES).

Each job's files live under `exports/<job id>/<attempt>/`. Only a finished job points at its
file, so a package that is still being copied in (or whose worker died mid-copy) is never
served; a new attempt first removes whatever earlier attempts left behind.
"""

from __future__ import annotations

import uuid
from pathlib import Path

from django.core.files import File
from django.core.files.storage import Storage, storages


def export_storage() -> Storage:
    return storages["exports"]


def job_folder(job_id: uuid.UUID) -> str:
    return f"exports/{job_id}"


def package_store(*, job_id: uuid.UUID, runner: uuid.UUID, path: Path, name: str) -> str:
    """Copy the package at `path` into storage for this attempt; the stored name."""
    storage = export_storage()
    with path.open("rb") as package:
        return storage.save(f"{job_folder(job_id)}/{runner}/{name}", File(package, name=name))


def job_files_delete(job_id: uuid.UUID, *, keep: str = "") -> int:
    """Remove every stored file of the job except `keep`; how many were removed."""
    storage = export_storage()
    removed = 0
    for name in _files_under(storage, job_folder(job_id)):
        if name != keep:
            storage.delete(name)
            removed += 1
    return removed


def _files_under(storage: Storage, folder: str) -> list[str]:
    try:
        folders, files = storage.listdir(folder)
    except FileNotFoundError:
        return []
    names = [f"{folder}/{name}" for name in files]
    for child in folders:
        names.extend(_files_under(storage, f"{folder}/{child}"))
    return names
