"""Crash-safe progress: atomic writes and the per-run checkpoint folder.

Layout of ``OUTPUT.checkpoint/`` while a run is in progress::

    state.json        position in the input, bytes committed, counts (atomic)
    output.part       text formats: the output so far (appended per chunk)
    quarantine.part   the quarantine CSV so far
    part-000001.arrow binary formats: one Arrow file per chunk

Each chunk is committed by appending (or writing a part), ``fsync``-ing, then
replacing ``state.json`` atomically. After a kill, ``--resume`` truncates the
appended files back to the sizes recorded in ``state.json`` and continues.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path
from typing import Any

STATE_VERSION = 1


def fsync_dir(path: Path) -> None:
    """Flush a directory entry (after a rename) to disk where supported."""
    try:
        fd = os.open(str(path), os.O_RDONLY)
    except OSError:  # pragma: no cover - e.g. Windows
        return
    try:
        os.fsync(fd)
    except OSError:  # pragma: no cover
        pass
    finally:
        os.close(fd)


def atomic_write_bytes(path: Path, data: bytes, sync_dir: bool = True) -> None:
    """Write ``data`` to ``path`` atomically: temp file, fsync, ``os.replace``.

    ``sync_dir=False`` skips flushing the directory entry: after a power cut the
    previous version may come back, which is fine for a checkpoint state (it is
    still consistent, only older).
    """
    path = Path(path)
    tmp = path.with_name(f".{path.name}.tmp{os.getpid()}")
    with open(tmp, "wb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)
    if sync_dir:
        fsync_dir(path.parent)


def checkpoint_dir_for(output: Path) -> Path:
    """The checkpoint folder of ``output`` (``OUTPUT.checkpoint``)."""
    return output.with_name(output.name + ".checkpoint")


class Checkpoint:
    """The checkpoint folder of one output file."""

    def __init__(self, output: Path) -> None:
        self.dir = checkpoint_dir_for(Path(output))
        self.state_path = self.dir / "state.json"
        self.output_part = self.dir / "output.part"
        self.quarantine_part = self.dir / "quarantine.part"

    def exists(self) -> bool:
        """True when an interrupted run left a state behind."""
        return self.state_path.is_file()

    def load(self) -> dict[str, Any] | None:
        """The saved state, or None."""
        try:
            state = json.loads(self.state_path.read_text(encoding="utf-8"))
        except (FileNotFoundError, ValueError):
            return None
        return state if state.get("version") == STATE_VERSION else None

    def save(self, state: dict[str, Any]) -> None:
        """Replace the state atomically."""
        state = {**state, "version": STATE_VERSION}
        data = json.dumps(state, sort_keys=True).encode("utf-8")
        atomic_write_bytes(self.state_path, data, sync_dir=bool(state.get("finalized")))

    def create(self) -> None:
        """Start a fresh checkpoint folder (removing an old one)."""
        self.clear()
        self.dir.mkdir(parents=True)

    def part_path(self, index: int) -> Path:
        """Path of binary part ``index`` (1-based)."""
        return self.dir / f"part-{index:06d}.arrow"

    def parts(self, count: int) -> list[Path]:
        """The first ``count`` part paths."""
        return [self.part_path(i) for i in range(1, count + 1)]

    def drop_parts_after(self, count: int) -> None:
        """Delete parts beyond ``count`` (written after the last commit)."""
        for p in self.dir.glob("part-*.arrow"):
            try:
                if int(p.stem.split("-")[1]) > count:
                    p.unlink()
            except (ValueError, IndexError):
                continue
        for p in self.dir.glob(".*.tmp*"):
            p.unlink()

    def clear(self) -> None:
        """Remove the folder."""
        shutil.rmtree(self.dir, ignore_errors=True)


def truncate_to(path: Path, size: int) -> None:
    """Cut ``path`` back to ``size`` bytes (create it empty when missing)."""
    with open(path, "ab") as fh:
        fh.truncate(size)
        fh.flush()
        os.fsync(fh.fileno())


def file_fingerprint(path: str | os.PathLike[str] | None) -> list[Any] | None:
    """(resolved path, size, mtime_ns) of a file, to detect a changed input on resume."""
    if path is None:
        return None
    p = Path(path)
    try:
        st = p.stat()
    except OSError:
        return [str(p)]
    return [str(p.resolve()), st.st_size, st.st_mtime_ns]
