"""The edited DOCX opened: its manifest, where each editable text stands now, its comments and
tracked changes, and who last saved it. The round trip's only module that reads
WordprocessingML besides the renderer's ``readback`` (whose reader it shares).

A text is found by its content control (Word keeps them); where they are gone (LibreOffice
saves them as plain paragraphs), by the hidden bookmarks around its paragraphs.
"""

from __future__ import annotations

import datetime as dt
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import docx
from docx.document import Document
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml import parse_xml
from docx.oxml.ns import qn

from reportgen.errors import InputFileError, Location
from reportgen.render.docx.editable import (
    BOOKMARK,
    document_reader,
    generated_fingerprint,
    text_controls,
)
from reportgen.render.docx.manifest import Manifest, read_manifest
from reportgen.render.docx.readback import Kind, Reader, flat, unit_text

LARGEST = 512 * 2**20
"""The example report with its 77 pictures is 8 MB; a DOCX beyond this is no report."""
_EXTENDED = "http://schemas.microsoft.com/office/2011/relationships/commentsExtended"
_W14 = "http://schemas.microsoft.com/office/word/2010/wordml"
_W15 = "http://schemas.microsoft.com/office/word/2012/wordml"
REVISIONS = {
    "ins": "Einfügung",
    "del": "Löschung",
    "moveFrom": "Verschiebung",
    "moveTo": "Verschiebung",
    "rPrChange": "Formatänderung",
    "pPrChange": "Formatänderung",
    "sectPrChange": "Formatänderung",
    "numberingChange": "Formatänderung",
    "cellIns": "Einfügung",
    "cellDel": "Löschung",
}
"""Tracked changes as Word stores them, and what the German list calls them."""


@dataclass(frozen=True)
class Comment:
    author: str
    text: str
    done: bool
    """Marked as resolved in Word ("Erledigt"): no longer open."""


@dataclass(frozen=True)
class Pending:
    """A tracked change or an open comment, named for the German list of places."""

    kind: str
    author: str
    date: str
    excerpt: str


@dataclass
class WordFile:
    path: Path
    document: Document
    manifest: Manifest
    reader: Reader
    texts: dict[int, list[Any]]
    """The elements of each editable text, by its number in the manifest."""
    by_bookmarks: bool
    """Found by bookmarks: the content controls are gone (saved by LibreOffice)."""
    comments: dict[str, Comment] = field(default_factory=dict)

    @property
    def body(self) -> Any:
        return self.document.element.body

    def saved_by(self) -> tuple[str, dt.date | None]:
        """Who saved the file last and when, where that is not still the build's."""
        properties = self.document.core_properties
        author = properties.last_modified_by or ""
        day = properties.modified.date() if properties.modified else None
        author = "" if author == self.manifest.author else author
        if day is not None and day.isoformat() == self.manifest.date:
            day = None
        return author, day


def open_word_file(path: Path) -> WordFile:
    """The DOCX with its manifest; a file that is no DOCX of reportgen is refused in German."""
    if not path.is_file():
        raise InputFileError("Die Word-Datei gibt es nicht.", Location(path))
    if path.stat().st_size > LARGEST:
        raise InputFileError(
            f"Die Word-Datei ist größer als {LARGEST // 2**20} MB; so groß ist kein Bericht.",
            Location(path),
        )
    try:
        document = docx.Document(str(path))
    except (OSError, ValueError, KeyError, SyntaxError, zipfile.BadZipFile, PackageNotFoundError):
        raise InputFileError(
            "Die Datei lässt sich nicht als Word-Dokument (DOCX) lesen.",
            Location(path),
            "Speichern Sie sie in Word als „Word-Dokument (*.docx)“.",
        ) from None
    manifest = next(
        (
            found
            for part in document.part.package.iter_parts()
            if str(part.partname).startswith("/customXml/item")
            and (found := read_manifest(part.blob)) is not None
        ),
        None,
    )
    if manifest is None:
        raise InputFileError(
            "Das Word-Dokument enthält keine Angaben von reportgen zu seinen Texten.",
            Location(path),
            "Übernommen werden kann nur ein DOCX, das „reportgen build“ oder „reportgen "
            "steckbriefe“ erzeugt hat (ab dieser Version), auch nach dem Bearbeiten.",
        )
    body = document.element.body
    texts = text_controls(body)
    reader = document_reader(document)
    by_bookmarks = not texts and bool(manifest.texts)
    if by_bookmarks:
        texts = _continued(bookmarked_texts(body), body, manifest, reader)
    return WordFile(path, document, manifest, reader, texts, by_bookmarks, _comments(document))


def bookmarked_texts(body: Any) -> dict[int, list[Any]]:
    """Each text's paragraphs from the one holding its bookmark's start to the one holding its
    end, in the order of all paragraphs (LibreOffice may merge neighbouring content controls
    and repeat a bookmark's start: every id of the name counts)."""
    paragraphs = list(flat(body))  # kept, so that lxml's proxies and their ids stay the same
    index = {id(p): i for i, p in enumerate(paragraphs)}
    starts: dict[int, list[Any]] = {}
    for start in body.iter(qn("w:bookmarkStart")):
        name = str(start.get(qn("w:name"), ""))
        if name.startswith(BOOKMARK) and name[len(BOOKMARK) :].isdigit():
            starts.setdefault(int(name[len(BOOKMARK) :]), []).append(start)
    ends = {str(end.get(qn("w:id"))): end for end in body.iter(qn("w:bookmarkEnd"))}
    found: dict[int, list[Any]] = {}
    for number, marks in starts.items():
        first = _paragraph_of(marks[0], index)
        ids = [str(mark.get(qn("w:id"))) for mark in marks]
        lasts = [i for key in ids if key in ends and (i := _paragraph_of(ends[key], index)) >= 0]
        if first >= 0:
            found[number] = paragraphs[first : max([first, *lasts]) + 1]
    return found


def _paragraph_of(element: Any, index: dict[int, int]) -> int:
    """The paragraph (or table) an element stands in, by its place among all; -1: none."""
    while element is not None and id(element) not in index:
        element = element.getparent()
    return -1 if element is None else index[id(element)]


def _continued(
    texts: dict[int, list[Any]], body: Any, manifest: Manifest, reader: Reader
) -> dict[int, list[Any]]:
    """Each text with the paragraphs typed after its last one (where LibreOffice leaves them
    outside the bookmark): up to a heading, a table, another text or a generated paragraph."""
    paragraphs = list(flat(body))
    index = {id(p): i for i, p in enumerate(paragraphs)}
    taken = {id(e) for elements in texts.values() for e in elements}
    known = set(manifest.generated)
    for elements in texts.values():
        at = index[id(elements[-1])] + 1
        while at < len(paragraphs) and id(paragraphs[at]) not in taken:
            element = paragraphs[at]
            if element.tag != qn("w:p") or reader.paragraph(element).kind == Kind.HEADING:
                break
            if generated_fingerprint(unit_text(element, [])) in known:
                break
            elements.append(element)
            at += 1
    return texts


def pending_in(elements: list[Any], comments: dict[str, Comment]) -> list[Pending]:
    """Tracked changes and open comments among ``elements``, in reading order."""
    revisions = {qn(f"w:{tag}"): name for tag, name in REVISIONS.items()}
    found: list[Pending] = []
    for element in elements:
        for node in element.iter():
            if node.tag in revisions:
                excerpt = "".join(t.text or "" for t in node.iter(qn("w:t"), qn("w:delText")))
                found.append(
                    Pending(
                        revisions[node.tag],
                        str(node.get(qn("w:author"), "")),
                        str(node.get(qn("w:date"), ""))[:10],
                        excerpt,
                    )
                )
            elif node.tag == qn("w:commentReference"):
                comment = comments.get(str(node.get(qn("w:id"))))
                if comment is not None and not comment.done:
                    found.append(Pending("Kommentar", comment.author, "", comment.text))
    return found


def latest_revision(elements: list[Any]) -> tuple[str, dt.date | None]:
    """Author and day of the latest tracked change among ``elements`` ("" and None: none)."""
    found: list[tuple[str, str]] = []
    for element in elements:
        for node in element.iter(*(qn(f"w:{tag}") for tag in ("ins", "del", "moveTo"))):
            found.append((str(node.get(qn("w:date"), "")), str(node.get(qn("w:author"), ""))))
    if not found:
        return "", None
    date, author = max(found)
    try:
        return author, dt.date.fromisoformat(date[:10]) if date else None
    except ValueError:
        return author, None


def _comments(document: Document) -> dict[str, Comment]:
    """The comments of the file by id; resolved ones ("Erledigt") are marked as done."""
    part = document.part
    comments = _related(part, RT.COMMENTS)
    if comments is None:
        return {}
    extended = _related(part, _EXTENDED)
    done = set()
    if extended is not None:
        done = {
            str(e.get(f"{{{_W15}}}paraId"))
            for e in extended.iter(f"{{{_W15}}}commentEx")
            if e.get(f"{{{_W15}}}done") == "1"
        }
    found = {}
    for comment in comments.iter(qn("w:comment")):
        paragraphs = comment.findall(qn("w:p"))
        last = paragraphs[-1].get(f"{{{_W14}}}paraId") if paragraphs else None
        text = " ".join("".join(t.text or "" for t in p.iter(qn("w:t"))) for p in paragraphs)
        found[str(comment.get(qn("w:id")))] = Comment(
            str(comment.get(qn("w:author"), "")), text.strip(), last in done
        )
    return found


def _related(part: Any, reltype: str) -> Any | None:
    for rel in part.rels.values():
        if rel.reltype == reltype and not rel.is_external:
            target = rel.target_part
            element = getattr(target, "element", None)
            return element if element is not None else parse_xml(target.blob)
    return None
