"""What the Word round trip needs to know about an editorial text in the document: which file it
comes from and how its Markdown looked when the document was built (``reportgen uebernehmen``
finds it again in an edited DOCX and brings the editors' revisions back into that file)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class EditableText:
    """An editorial text that editors may revise in Word; it stands in a ``Part``."""

    kind: str
    """What the text is, as the text folder names it: ``vorwort``, ``zusammenfassung``,
    ``kapitel``, ``handlungsfeld``, ``indikator``, ``steckbrief``."""
    key: str
    """Chapter name, Handlungsfeld number, indicator id or area code; empty for the foreword
    and the summary."""
    path: str
    """Its Markdown file, relative to the project folder (``texte/indikatoren/1-2-2.md``). The
    file need not exist: a generated draft is written there once an editor revises it."""
    fingerprint: str
    """SHA-256 of the Markdown body as built; empty where no file existed."""
    title: str
    """What Word shows on the text's content control ("Bearbeitbar: texte/…")."""
    figure_title: str = ""
    """What Word shows on a figure from the data inside the text; ``{platzhalter}`` stands for
    the placeholder."""
    first: int = 0
    """The part's first child that belongs to the text; those before it (heading, draft mark,
    a note) are the document's own."""
