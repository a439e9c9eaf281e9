"""The models headline knows, as rows for ``headline models``, and fetching them ahead."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from seq2seq import ModelSource


@dataclass(frozen=True)
class KnownModel:
    """One row: the job, the model, its family and licence, its parameter count, and
    whether its files are in the local cache."""

    job: str
    id: str
    family: str
    licence: str
    parameters: str
    local: bool


def known_models() -> list[KnownModel]:
    """Summarisers first, then each translation profile's models with their languages."""
    from seq2seq import cached_source
    from summarize.models import SUMMARIZER_MODELS
    from translate.profiles import PROFILES

    rows = []
    for model in SUMMARIZER_MODELS:
        licence = model.licence
        if not model.commercial_use and "non-commercial" not in licence:
            licence += " (non-commercial)"
        rows.append(KnownModel(f"summarize ({model.role})", model.id, model.family, licence,
                               model.size, cached_source(model.id) is not None))
    for profile, languages in PROFILES.items():
        by_model: dict[str, list[str]] = {}
        for language, info in languages.items():
            by_model.setdefault(info.model_id, []).append(language)
        for model_id, targets in by_model.items():
            info = languages[targets[0]]
            job = f"translate {info.source or 'any'}->{','.join(targets)} ({profile})"
            rows.append(KnownModel(job, model_id, info.family, info.licence_label, info.size,
                                   cached_source(model_id) is not None))
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
