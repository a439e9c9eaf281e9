"""Where a model's files come from: a local directory, or the Hugging Face hub cache.

A hub id resolves to its snapshot folder through ``huggingface_hub``; offline (``--offline``
or ``HF_HUB_OFFLINE=1``) only the local cache is consulted, and a miss says how to fetch.
"""

from __future__ import annotations

import hashlib
import os
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from seq2seq.errors import ModelError

# Files a seq2seq model needs: config, tokenizer, generation settings and weights.
# Pickled weights are fetched only when the repository offers no safetensors.
_METADATA_PATTERNS = ["*.json", "*.model", "*.spm", "*.txt", "*.tiktoken"]
DEFAULT_HUB_TIMEOUT = 10.0
_HUB_ID = re.compile(r"^[A-Za-z0-9][\w.-]*/[\w.-]+$|^[A-Za-z0-9][\w.-]*$")


@dataclass(frozen=True)
class ModelSource:
    """A model resolved to a directory: ``model_id`` is the hub id or the absolute path."""

    path: Path
    model_id: str
    revision: str | None


def resolve_model(model: str, offline: bool) -> ModelSource:
    """Find ``model`` (hub id or local directory) on disk, downloading only when online."""
    local = Path(model).expanduser()
    if local.exists() or model.startswith((".", "/", "~")):
        return _local_source(local)
    if not _HUB_ID.match(model):
        raise ModelError(f"model {model!r} is neither a local directory nor a hub id")
    return _hub_source(model, offline)


def offline_from_environment() -> bool:
    """True when ``HF_HUB_OFFLINE`` is set to a true value now (the hub client reads it once)."""
    return os.environ.get("HF_HUB_OFFLINE", "").strip().lower() in ("1", "true", "yes", "on")


def fetch_model(model_id: str) -> ModelSource:
    """Download ``model_id`` into the hub cache (safetensors when offered) for offline use."""
    if offline_from_environment():
        raise ModelError(
            f"cannot download model {model_id!r}: offline mode is on (HF_HUB_OFFLINE=1)"
        )
    return _hub_source(model_id, offline=False)


def cached_source(model_id: str) -> ModelSource | None:
    """The cached snapshot of ``model_id``, or None when it has not been fetched."""
    try:
        return _hub_source(model_id, offline=True)
    except ModelError:
        return None


def _local_source(path: Path) -> ModelSource:
    if not path.is_dir():
        raise ModelError(f"model directory {str(path)!r} does not exist or is not a directory")
    resolved = path.resolve()
    return ModelSource(resolved, str(resolved), local_fingerprint(resolved))


def local_fingerprint(path: Path) -> str:
    """A short hash of file names, sizes and modification times: changes when the model does."""
    digest = hashlib.sha256()
    for file in sorted(p for p in path.rglob("*") if p.is_file()):
        stat = file.stat()
        digest.update(f"{file.relative_to(path)}:{stat.st_size}:{stat.st_mtime_ns}\n".encode())
    return "local-" + digest.hexdigest()[:12]


def _hub_source(model_id: str, offline: bool) -> ModelSource:
    from huggingface_hub import snapshot_download
    from huggingface_hub.errors import (
        HfHubHTTPError,
        LocalEntryNotFoundError,
        OfflineModeIsEnabled,
    )

    try:
        if offline:
            folder = snapshot_download(model_id, local_files_only=True)
        else:
            timeout = hub_timeout()
            _bound_hub_calls(timeout)
            print(f"looking up model {model_id!r} on the model hub (gives up after "
                  f"{timeout:g}s without an answer)", file=sys.stderr)
            folder = snapshot_download(model_id, allow_patterns=_weight_patterns(model_id),
                                       etag_timeout=timeout)
    except OfflineModeIsEnabled:
        raise ModelError(
            f"cannot download model {model_id!r}: offline mode is on (HF_HUB_OFFLINE=1)"
        ) from None
    except LocalEntryNotFoundError:
        raise ModelError(
            f"model {model_id!r} is not in the local cache and offline mode is on: fetch it "
            "with `headline models fetch` (or pass a local directory)"
        ) from None
    except HfHubHTTPError as exc:
        raise ModelError(f"cannot download model {model_id!r}: {exc}") from None
    except Exception as exc:  # the hub client's transport errors vary by version (httpx/httpx2)
        if "timeout" in type(exc).__name__.lower() or "timed out" in str(exc).lower():
            raise ModelError(
                f"the model hub did not answer for {model_id!r} within {hub_timeout():g}s "
                "(set HEADLINE_TIMEOUT to wait longer, or pass a local directory)"
            ) from None
        raise ModelError(
            f"cannot reach the model hub for {model_id!r}: {type(exc).__name__}: {exc}"
        ) from None
    path = Path(folder)
    return ModelSource(path, model_id, path.name)


def hub_timeout() -> float:
    """Seconds any one hub call may wait: ``HEADLINE_TIMEOUT`` (what ``--timeout`` reads),
    else the default of the fetch options."""
    try:
        return max(0.1, float(os.environ.get("HEADLINE_TIMEOUT", "") or DEFAULT_HUB_TIMEOUT))
    except ValueError:
        return DEFAULT_HUB_TIMEOUT


def _bound_hub_calls(timeout: float) -> None:
    """Give the hub client's shared HTTP session a timeout: by default it has none, so a hub
    that accepts the connection and never answers would be waited on for ever.

    The factory is set through the public ``set_client_factory``; the client it wraps comes
    from huggingface_hub's own (internal) default factory, so its request hooks stay. Where a
    version lacks that internal, the current shared session (public ``get_session``) gets
    the timeout instead; this runs before every hub call, so a session the hub library
    recreates (after a fork or an SSL error) is bounded again at the next call.
    """
    import huggingface_hub

    default = _hub_default_client_factory()
    if default is None:
        huggingface_hub.get_session().timeout = timeout
        return

    def factory() -> Any:
        client = default()
        client.timeout = timeout
        return client

    huggingface_hub.set_client_factory(factory)


def _hub_default_client_factory() -> Callable[[], Any] | None:
    """huggingface_hub's default client factory, None where this version has none."""
    try:
        from huggingface_hub.utils import _http
    except ImportError:
        return None
    factory: Callable[[], Any] | None = getattr(_http, "default_client_factory", None)
    return factory


def _weight_patterns(model_id: str) -> list[str]:
    """Config and tokenizer files plus safetensors weights, or pickles only if nothing else."""
    from huggingface_hub import HfApi

    info = HfApi().model_info(model_id, timeout=hub_timeout())
    files = [sibling.rfilename for sibling in info.siblings or []]
    if any(name.endswith(".safetensors") for name in files):
        return [*_METADATA_PATTERNS, "*.safetensors"]
    return [*_METADATA_PATTERNS, "pytorch_model*.bin"]
