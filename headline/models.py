"""The models headline knows, as rows for ``headline models``, and fetching them ahead."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from seq2seq import ModelSource


@dataclass(frozen=True)
class KnownModel:
    """One row: the job, the model, its family and licence, its parameter count, the bytes
    its files take in the local cache (None when not fetched)."""

    job: str
    id: str
    family: str
    licence: str
    parameters: str
    local_bytes: int | None

    @property
    def local(self) -> bool:
        """Whether the model has been fetched."""
        return self.local_bytes is not None

    @property
    def download(self) -> str:
        """Size on disk when fetched, else an estimate: float32 weights, 4 bytes a parameter."""
        if self.local_bytes is not None:
            return _human_bytes(self.local_bytes)
        return "~" + _human_bytes(4 * _parameter_count(self.parameters))


def _parameter_count(label: str) -> int:
    """``"306M"`` -> 306,000,000; ``"3B"`` -> 3,000,000,000."""
    scale = {"K": 10**3, "M": 10**6, "B": 10**9}[label[-1].upper()]
    return int(float(label[:-1]) * scale)


def _human_bytes(count: int) -> str:
    """Decimal units, as the hub shows sizes: ``308.0 MB``, ``1.2 GB``."""
    if count < 1_000_000:
        return f"{count / 1000:.0f} KB" if count >= 1000 else f"{count} B"
    if count < 1_000_000_000:
        return f"{count / 1e6:.1f} MB"
    return f"{count / 1e9:.1f} GB"


def _local_bytes(model_id: str) -> int | None:
    from seq2seq import cached_source

    source = cached_source(model_id)
    if source is None:
        return None
    return sum(path.stat().st_size for path in source.path.rglob("*") if path.is_file())


def known_models() -> list[KnownModel]:
    """Summarisers first, then each translation profile's models with their languages."""
    from summarize.models import SUMMARIZER_MODELS
    from translate.profiles import PROFILES

    rows = []
    for model in SUMMARIZER_MODELS:
        licence = model.licence
        if not model.commercial_use and "non-commercial" not in licence:
            licence += " (non-commercial)"
        rows.append(KnownModel(f"summarize ({model.role})", model.id, model.family, licence,
                               model.size, _local_bytes(model.id)))
    for profile, languages in PROFILES.items():
        by_model: dict[str, list[str]] = {}
        for language, info in languages.items():
            by_model.setdefault(info.model_id, []).append(language)
        for model_id, targets in by_model.items():
            info = languages[targets[0]]
            job = f"translate {info.source or 'any'}->{','.join(targets)} ({profile})"
            rows.append(KnownModel(job, model_id, info.family, info.licence_label, info.size,
                                   _local_bytes(model_id)))
    return rows


def fetch_models(
    profile: str = "default",
    summarizer: bool = True,
    notice: Callable[[str], None] | None = None,
) -> list[ModelSource]:
    """Download a profile's models (and the default summariser) for offline use."""
    from seq2seq import fetch_model
    from summarize.models import DEFAULT_SUMMARIZER
    from translate.profiles import profile_models

    model_ids = [info.model_id for info in profile_models(profile)]
    if summarizer:
        model_ids.append(DEFAULT_SUMMARIZER.id)
    sources = []
    for model_id in dict.fromkeys(model_ids):
        if notice is not None:
            notice(f"fetching {model_id} ...")
        sources.append(fetch_model(model_id))
    return sources
