"""Translation of headlines and summaries: model families, backends, batching, cache, feeds."""

from translate.errors import TranslateError

__all__ = ["TranslateError"]
