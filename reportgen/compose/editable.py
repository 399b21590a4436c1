"""The Word round trip's side of composition: which file each editorial text comes from (or is
written to, for a generated draft), fingerprints of its Markdown and of the project.

Pure, like all of ``compose``: the fingerprints are hashes of values already loaded.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from reportgen.compose.model import EditableText
from reportgen.load.config import ReportConfig
from reportgen.load.labels import Labels
from reportgen.load.textblocks import FOLDERS, TextBlock, TextKind

_FILES = {TextKind.FOREWORD: "vorwort.md", TextKind.SUMMARY: "zusammenfassung.md"}
_FOLDERS = {kind: folder for folder, kind in FOLDERS.items()}


def source_fingerprint(body: str) -> str:
    """SHA-256 of a text block's Markdown body (after its YAML head), as it was read."""
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


def project_fingerprint(config: ReportConfig) -> str:
    """What makes a DOCX this project's: its title and publisher (the same in every copy of
    the project folder, different in another report)."""
    identity = f"reportgen\n{config.title}\n{config.publisher}"
    return hashlib.sha256(identity.encode("utf-8")).hexdigest()[:32]


def locked_title(config: ReportConfig, labels: Labels) -> str:
    """What Word shows on the generated content it locks; empty where the office leaves the
    DOCX unlocked (``ausgabe: word_gesperrt: false``)."""
    return labels.roundtrip.generated if config.output.word_locked else ""


def text_file(config: ReportConfig, kind: TextKind, key: str) -> Path:
    """Where the text block of ``kind`` and ``key`` is, or would be, in the text folder."""
    if kind in _FILES:
        return config.texts_path / _FILES[kind]
    return config.texts_path / _FOLDERS[kind] / f"{key}.md"


def shown_path(config: ReportConfig, path: Path) -> str:
    """A file as editors find it: relative to the project folder where it lies inside it."""
    try:
        return path.relative_to(config.project_dir).as_posix()
    except ValueError:
        return path.as_posix()


def editable_text(
    config: ReportConfig, labels: Labels, kind: TextKind, key: str, text: TextBlock | None
) -> EditableText:
    """The identity of an editorial text as built: its file, and its Markdown's fingerprint
    (none where the text is a generated draft without a file)."""
    path = text.path if text is not None else text_file(config, kind, key)
    shown = shown_path(config, path)
    return EditableText(
        kind=kind.value,
        key=key,
        path=shown,
        fingerprint=source_fingerprint(text.body) if text is not None else "",
        title=labels.roundtrip.text.format(datei=shown),
        figure_title=labels.roundtrip.figure,
    )
