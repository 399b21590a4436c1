"""What a DOCX remembers of its build for the Word round trip, in a custom XML part of its own
(Word and LibreOffice keep such parts when they save): the project's fingerprint, each editable
text (its file, the fingerprint of its Markdown and of each paragraph as built), each figure
from the data in them (its placeholder and value), the bookmarks of the document's anchors, and
fingerprints of everything generated, so that edits there can be named.

One format, written by the renderer and read by ``reportgen uebernehmen``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from xml.sax.saxutils import escape, quoteattr

from docx.oxml import parse_xml

NAMESPACE = "urn:reportgen:rundreise:1"
VERSION = "1"


_KEPT = {"\n": "&#10;", "\r": "&#13;", "\t": "&#9;"}
"""Characters an attribute keeps only as references (a placeholder may span lines)."""


def _q(tag: str) -> str:
    return f"{{{NAMESPACE}}}{tag}"


@dataclass(frozen=True)
class TextRecord:
    """An editable text as built."""

    number: int
    kind: str
    key: str
    path: str
    source: str
    """SHA-256 of its Markdown body; empty where no file existed (a generated draft)."""
    paragraphs: tuple[str, ...]
    """Fingerprint of each paragraph (``readback.Content.fingerprint``)."""
    words: tuple[str, ...] = ()
    """Fingerprint of each paragraph's words alone (``readback.words_fingerprint``)."""


@dataclass(frozen=True)
class FigureRecord:
    """A figure from the data inside an editable text."""

    number: int
    text: int
    paragraph: int
    placeholder: str
    value: str
    before: str = ""
    """The words just before it in its paragraph: where to find it again where its content
    control is gone (LibreOffice keeps the figure, not the control's tag)."""


@dataclass(frozen=True)
class Manifest:
    project: str
    title: str
    author: str
    """The document's author and date as built (Word replaces them when it saves)."""
    date: str
    texts: tuple[TextRecord, ...] = ()
    figures: tuple[FigureRecord, ...] = ()
    anchors: dict[str, str] = field(default_factory=dict)
    """Bookmark → the model's anchor (``ind_1_2_2`` → ``ind-1-2-2``)."""
    generated: tuple[str, ...] = ()
    """Fingerprints of the generated paragraphs and tables, in order (empty ones left out)."""


def manifest_xml(manifest: Manifest) -> bytes:
    def element(name: str, attributes: dict[str, str], content: str = "") -> str:
        pairs = "".join(f" {key}={quoteattr(value, _KEPT)}" for key, value in attributes.items())
        return f"<{name}{pairs}>{content}</{name}>" if content else f"<{name}{pairs}/>"

    lines = []
    for text in manifest.texts:
        paragraphs = "".join(
            f"<absatz woerter={quoteattr(w)}>{escape(p)}</absatz>"
            for p, w in zip(text.paragraphs, text.words, strict=True)
        )
        attributes = {
            "nr": str(text.number),
            "art": text.kind,
            "schluessel": text.key,
            "datei": text.path,
            "quelle": text.source,
        }
        lines.append(element("text", attributes, paragraphs))
    for figure in manifest.figures:
        attributes = {
            "nr": str(figure.number),
            "text": str(figure.text),
            "absatz": str(figure.paragraph),
            "platzhalter": figure.placeholder,
            "wert": figure.value,
            "davor": figure.before,
        }
        lines.append(element("zahl", attributes))
    for bookmark, anchor in sorted(manifest.anchors.items()):
        lines.append(element("anker", {"lesezeichen": bookmark, "ziel": anchor}))
    lines.append(f"<erzeugt>{' '.join(manifest.generated)}</erzeugt>")
    root = {
        "xmlns": NAMESPACE,
        "version": VERSION,
        "projekt": manifest.project,
        "titel": manifest.title,
        "autor": manifest.author,
        "datum": manifest.date,
    }
    head = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    return (head + element("rundreise", root, "\n" + "\n".join(lines) + "\n")).encode("utf-8")


def read_manifest(data: bytes) -> Manifest | None:
    """The manifest in a custom XML part, or None when the part is another one (python-docx's
    parser: entities are not resolved)."""
    try:
        root = parse_xml(data)
    except (SyntaxError, ValueError):  # lxml's XMLSyntaxError is a SyntaxError
        return None
    if root.tag != _q("rundreise"):
        return None
    texts = tuple(
        TextRecord(
            number=int(element.get("nr", "0")),
            kind=element.get("art", ""),
            key=element.get("schluessel", ""),
            path=element.get("datei", ""),
            source=element.get("quelle", ""),
            paragraphs=tuple(str(p.text or "") for p in element.iter(_q("absatz"))),
            words=tuple(str(p.get("woerter", "")) for p in element.iter(_q("absatz"))),
        )
        for element in root.iter(_q("text"))
    )
    figures = tuple(
        FigureRecord(
            number=int(element.get("nr", "0")),
            text=int(element.get("text", "0")),
            paragraph=int(element.get("absatz", "0")),
            placeholder=element.get("platzhalter", ""),
            value=element.get("wert", ""),
            before=element.get("davor", ""),
        )
        for element in root.iter(_q("zahl"))
    )
    anchors = {e.get("lesezeichen", ""): e.get("ziel", "") for e in root.iter(_q("anker"))}
    generated = root.find(_q("erzeugt"))
    return Manifest(
        project=root.get("projekt", ""),
        title=root.get("titel", ""),
        author=root.get("autor", ""),
        date=root.get("datum", ""),
        texts=texts,
        figures=figures,
        anchors=anchors,
        generated=tuple(str(generated.text or "").split()) if generated is not None else (),
    )
