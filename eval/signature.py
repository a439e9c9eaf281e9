"""What produced a number, in one line: metric and settings, system and model, reference
set, split and count, tool versions (after sacrebleu's signatures)."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from importlib.metadata import PackageNotFoundError, version


def headline_version() -> str:
    """Our own version, or ``0+unknown`` when run from a checkout that is not installed."""
    try:
        return version("headline")
    except PackageNotFoundError:
        return "0+unknown"


@dataclass(frozen=True)
class Signature:
    """Everything that changes a score; :meth:`format` gives the one-line form."""

    metric: str
    settings: str
    system: str
    model: str | None
    revision: str | None
    references: str
    split: str
    count: int
    tool: str

    def format(self) -> str:
        """``metric:rouge|tok:...|system:lead|refs:x.jsonl|split:file|n:100|...``."""
        parts = [f"metric:{self.metric}", self.settings, f"system:{self.system}"]
        if self.model:
            parts.append(f"model:{self.model}@{self.revision or 'unknown'}")
        parts += [
            f"refs:{self.references}",
            f"split:{self.split}",
            f"n:{self.count}",
            f"tool:{self.tool}",
            f"headline:{headline_version()}",
        ]
        return "|".join(part for part in parts if part)

    def as_dict(self) -> dict[str, str | int | None]:
        """Fields plus the one-line form."""
        return {**asdict(self), "headline": headline_version(), "signature": self.format()}
