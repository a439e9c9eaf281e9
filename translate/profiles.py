"""Which model translates which language in each profile: data, not code.

``default`` uses permissively licensed opus-mt Marian models; ``quality`` the 3B MADLAD-400;
``nllb`` NLLB-200 distilled, whose CC-BY-NC licence forbids commercial use, which every
listing shows.
"""

from __future__ import annotations

from dataclasses import dataclass

from translate.errors import TranslateError


@dataclass(frozen=True)
class ModelInfo:
    """One translation model; ``source`` None means it reads any language."""

    model_id: str
    family: str
    licence: str
    size: str
    source: str | None = "en"
    commercial_use: bool = True

    @property
    def licence_label(self) -> str:
        """The licence, flagged when the model may not be used commercially."""
        return self.licence if self.commercial_use else f"{self.licence} (non-commercial)"


OPUS_MT_EN_RU = ModelInfo("Helsinki-NLP/opus-mt-en-ru", "marian", "CC-BY-4.0", "77M")
OPUS_MT_EN_HY = ModelInfo("Helsinki-NLP/opus-mt-en-hy", "marian", "CC-BY-4.0", "77M")
MADLAD_3B = ModelInfo("google/madlad400-3b-mt", "t5", "Apache-2.0", "3B", source=None)
NLLB_600M = ModelInfo(
    "facebook/nllb-200-distilled-600M",
    "m2m100",
    "CC-BY-NC-4.0",
    "600M",
    source=None,
    commercial_use=False,
)

PROFILES: dict[str, dict[str, ModelInfo]] = {
    "default": {"ru": OPUS_MT_EN_RU, "hy": OPUS_MT_EN_HY},
    "quality": {"ru": MADLAD_3B, "hy": MADLAD_3B},
    "nllb": {"ru": NLLB_600M, "hy": NLLB_600M},
}


def profile_names() -> list[str]:
    """Every profile, in the order they are documented."""
    return list(PROFILES)


def check_profile(profile: str) -> None:
    """Reject an unknown profile name, listing the known ones."""
    if profile not in PROFILES:
        raise TranslateError(
            f"unknown translation profile {profile!r}; choose one of {', '.join(PROFILES)}"
        )


def model_for(profile: str, source: str, target: str) -> ModelInfo:
    """The model ``profile`` uses for ``source`` -> ``target``, or an error naming the
    profiles that have one."""
    check_profile(profile)
    info = PROFILES[profile].get(target)
    if info is not None and info.source in (None, source):
        return info
    covering = profiles_covering(source, target)
    hint = f"--translator {target}=MODEL_ID_OR_DIR"
    if covering:
        raise TranslateError(
            f"profile {profile!r} has no model for {source}->{target}; profiles that do: "
            f"{', '.join(covering)} (or pass {hint})"
        )
    raise TranslateError(
        f"no profile translates {source}->{target} (profiles: {', '.join(PROFILES)}); pass {hint}"
    )


def profiles_covering(source: str, target: str) -> list[str]:
    """Profiles with a model for ``source`` -> ``target``."""
    return [
        name
        for name, models in PROFILES.items()
        if target in models and models[target].source in (None, source)
    ]


def profile_models(profile: str) -> list[ModelInfo]:
    """The distinct models of ``profile`` (what ``headline models fetch`` downloads)."""
    check_profile(profile)
    return list(dict.fromkeys(PROFILES[profile].values()))
