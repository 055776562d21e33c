"""Renders a BuiltDocument as a standalone HTML page, a PDF (WeasyPrint) and a DOCX (python-docx).

(Filled in by the renderer work.)
"""

from __future__ import annotations

from dataclasses import dataclass

from convenor.publishing.blocks import BuiltDocument


@dataclass(frozen=True)
class Pdf:
    content: bytes
    pages: int


def html_render(document: BuiltDocument) -> str:
    raise NotImplementedError


def pdf_render(*, html: str) -> Pdf:
    raise NotImplementedError


def docx_render(document: BuiltDocument) -> bytes:
    raise NotImplementedError
