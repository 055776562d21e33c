"""The checks every build runs on a document before it may be signed off.

(Filled in by the renderer/lint work: see `document_lint`.)
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Finding:
    """One problem a check found: which check, in which section (None: the whole document)."""

    code: str
    message: str
    section_id: int | None = None
    figure: str = ""


def document_lint(
    *, document: Any, html: str, page_count: int, kind: str, is_consultation: bool
) -> list[Finding]:
    raise NotImplementedError
