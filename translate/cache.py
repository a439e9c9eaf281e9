"""A persistent translation cache, so a headline repeated across feed runs costs nothing.

SQLite in WAL mode lets several runs (and Ray workers) read while one writes; a busy
timeout makes concurrent writers wait instead of failing. Keys are the model id, its
revision, the generation settings (backend, compute type, beam size, output length), the
target language and the exact source text, so a new model, revision or setting never serves
a stale translation.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Mapping, Sequence
from pathlib import Path

from platformdirs import user_cache_path

from translate.errors import TranslateError
from translate.translator import ModelRef, Translator

_SCHEMA = """
CREATE TABLE IF NOT EXISTS translations (
    model TEXT NOT NULL,
    revision TEXT NOT NULL,
    settings TEXT NOT NULL,
    target TEXT NOT NULL,
    source TEXT NOT NULL,
    translation TEXT NOT NULL,
    PRIMARY KEY (model, revision, settings, target, source)
) WITHOUT ROWID
"""
_LOOKUP_CHUNK = 500  # well under SQLite's limit on bound parameters


def default_cache_path() -> Path:
    """Where the cache lives unless ``--cache PATH`` says otherwise (created on first use)."""
    return user_cache_path("headline") / "translations.sqlite3"


class TranslationCache:
    """Source text -> translation, per model, revision, settings and target language.

    The database opens on first use, not on construction, so building one costs nothing.
    """

    def __init__(self, path: str | Path | None = None, busy_timeout_s: float = 60.0) -> None:
        self.path = Path(path) if path is not None else default_cache_path()
        self.busy_timeout_s = busy_timeout_s
        self._connection: sqlite3.Connection | None = None
        self._lock = threading.Lock()  # one connection, shared by the feed's pipeline threads

    def get_many(self, ref: ModelRef, target: str, texts: Sequence[str]) -> dict[str, str]:
        """Translations already known for any of ``texts``."""
        unique = list(dict.fromkeys(texts))
        found: dict[str, str] = {}
        for start in range(0, len(unique), _LOOKUP_CHUNK):
            chunk = unique[start : start + _LOOKUP_CHUNK]
            marks = ",".join("?" * len(chunk))
            rows = self._run(
                "SELECT source, translation FROM translations WHERE model = ? AND revision = ?"
                f" AND settings = ? AND target = ? AND source IN ({marks})",
                (ref.id, ref.revision or "", ref.settings, target, *chunk),
            )
            found.update(rows)
        return found

    def put_many(self, ref: ModelRef, target: str, pairs: Mapping[str, str]) -> None:
        """Store translations in one transaction (a concurrent run's equal row is kept)."""
        if not pairs:
            return
        rows = [(ref.id, ref.revision or "", ref.settings, target, s, t) for s, t in pairs.items()]
        try:
            with self._lock:
                connection = self._connect()
                with connection:
                    connection.executemany(
                        "INSERT OR IGNORE INTO translations VALUES (?, ?, ?, ?, ?, ?)", rows
                    )
        except sqlite3.Error as exc:
            raise TranslateError(f"translation cache {self.path}: {exc}") from exc

    def close(self) -> None:
        """Close the database (it reopens on next use)."""
        with self._lock:
            if self._connection is not None:
                self._connection.close()
                self._connection = None

    def _run(self, sql: str, params: Sequence[str]) -> list[tuple[str, str]]:
        try:
            with self._lock:
                return list(self._connect().execute(sql, params))
        except sqlite3.Error as exc:
            raise TranslateError(f"translation cache {self.path}: {exc}") from exc

    def _connect(self) -> sqlite3.Connection:
        if self._connection is not None:
            return self._connection
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            connection = sqlite3.connect(
                self.path, timeout=self.busy_timeout_s, check_same_thread=False
            )
            connection.execute(f"PRAGMA busy_timeout = {int(self.busy_timeout_s * 1000)}")
            connection.execute("PRAGMA journal_mode = WAL")
            connection.execute("PRAGMA synchronous = NORMAL")
            with connection:
                connection.execute(_SCHEMA)
        except (OSError, sqlite3.Error) as exc:
            raise TranslateError(f"cannot open the translation cache {self.path}: {exc}") from exc
        self._connection = connection
        return connection


class CachedTranslator:
    """A Translator that asks its inner one only for texts the cache has not seen.

    Repeats inside one call are translated once too.
    """

    def __init__(self, inner: Translator, cache: TranslationCache) -> None:
        self.inner = inner
        self.cache = cache

    def model_ref(self, target: str) -> ModelRef:
        return self.inner.model_ref(target)

    def translate(self, texts: Sequence[str], target: str) -> list[str]:
        ref = self.inner.model_ref(target)
        known = self.cache.get_many(ref, target, texts)
        missing = [text for text in dict.fromkeys(texts) if text not in known]
        if missing:
            fresh = dict(zip(missing, self.inner.translate(missing, target), strict=True))
            self.cache.put_many(ref, target, fresh)
            known.update(fresh)
        return [known[text] for text in texts]
