"""Checks on uploaded documents (meeting papers, activity materials): size, type, and content.

A file's name is what the person says it is; its first bytes are what it is. Both must agree
before the file is stored, so that a renamed executable or a broken file is refused with a
message saying why.
"""

from __future__ import annotations

import zipfile
from collections.abc import Sequence
from typing import IO

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile

DOCUMENT_EXTENSIONS = ["pdf", "docx", "doc", "odt", "xlsx", "xls", "ods", "pptx", "csv", "txt"]
DOCUMENT_MAX_BYTES = 20 * 1024 * 1024
DOCUMENT_MAX_SIZE_TEXT = "20 MB"


def document_looks_like(*, extension: str, file: IO[bytes]) -> bool:
    """Whether the file's contents are what its extension says: a PDF, an office file, text."""
    file.seek(0)
    head = file.read(8)
    file.seek(0)
    if extension == "pdf":
        return head.startswith(b"%PDF-")
    if extension in ("doc", "xls"):
        # Older Office files are OLE2 compound documents.
        return head == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    if extension in ("docx", "xlsx", "pptx", "odt", "ods"):
        try:
            with zipfile.ZipFile(file) as archive:
                names = set(archive.namelist())
                if extension in ("odt", "ods"):
                    mimetype = archive.read("mimetype") if "mimetype" in names else b""
                    return mimetype.startswith(b"application/vnd.oasis.opendocument.")
                return "[Content_Types].xml" in names
        except zipfile.BadZipFile:
            return False
        finally:
            file.seek(0)
    if extension in ("csv", "txt"):
        content = file.read()
        file.seek(0)
        for encoding in ("utf-8-sig", "cp1252"):
            try:
                text = content.decode(encoding)
            except UnicodeDecodeError:
                continue
            # Text has no control characters beyond tabs, line ends and form feeds.
            return not any(ord(char) < 32 and char not in "\t\r\n\f" for char in text)
        return False
    return False


def document_file_check(
    file: UploadedFile, *, what: str, extensions: Sequence[str] = DOCUMENT_EXTENSIONS
) -> None:
    """Refuse a file that is too big, of a type not accepted, or not what its name claims.

    `what` names the kind of document in the message ("papers", "materials").
    """
    name = file.name or ""
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if file.size is not None and file.size > DOCUMENT_MAX_BYTES:
        megabytes = file.size / (1024 * 1024)
        raise ValidationError(
            {
                "file": f"The file must be {DOCUMENT_MAX_SIZE_TEXT} or smaller: "
                f"“{name}” is {megabytes:.1f} MB."
            }
        )
    if extension not in extensions:
        allowed = ", ".join(f".{ext}" for ext in extensions)
        raise ValidationError(
            {"file": f"“{name}” is not a type of file {what} can be: use one of {allowed}."}
        )
    if not document_looks_like(extension=extension, file=file):
        raise ValidationError(
            {
                "file": f"“{name}” is not a real .{extension} file: its contents do not match "
                "its name. Save it again as that type, or choose another file."
            }
        )
