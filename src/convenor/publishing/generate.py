"""Turns a version's sections and the live record into a BuiltDocument.

(Filled in by the generated-sections work: see `document_build`.)
"""

from __future__ import annotations

from convenor.publishing.blocks import BuiltDocument
from convenor.publishing.models import PublicationVersion


def document_build(*, version: PublicationVersion) -> BuiltDocument:
    raise NotImplementedError
