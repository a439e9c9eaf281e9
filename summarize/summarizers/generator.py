"""What an abstractive summariser needs from a text-to-text model, and nothing more.

The summarize package never imports the translation engine: ``cli.py`` adapts an engine to
this protocol, and tests pass fakes that count words instead of tokens.
"""

from __future__ import annotations

from typing import Protocol


class TextGenerator(Protocol):
    """A loaded sequence-to-sequence model that turns each input text into one output text."""

    @property
    def model_id(self) -> str:
        """Hub id or local directory the model was loaded from."""

    @property
    def revision(self) -> str | None:
        """Hub commit of the weights, or None for a local directory."""

    @property
    def max_input_tokens(self) -> int:
        """Longest input, in tokens (special tokens included), the model accepts."""

    def count_tokens(self, text: str) -> int:
        """Tokens the model sees for ``text``, special tokens included."""

    def generate(self, texts: list[str]) -> list[str]:
        """One output per input, same order, using the model's generation settings."""
