"""The table of contents in Word: Word's own TOC field, its result already filled with the
model's entries (number, title, a link to the heading's bookmark), so that Word Online, Google
Docs and LibreOffice show a contents too, not an empty field waiting for F9.

Page numbers are Word's to find: Word fills them when it updates the field (the document asks
for that on opening); until then the entries stand without them.
"""

from __future__ import annotations

from docx.text.paragraph import Paragraph

from reportgen.compose.model import Contents, ContentsEntry
from reportgen.render.docx import xml as docx_xml
from reportgen.render.docx.parts import Container
from reportgen.render.docx.template import CONTENTS_ENTRIES, NORMAL
from reportgen.render.docx.xml import bookmark_name


def toc_field(depth: int) -> str:
    """Word's own table of contents: outline levels 1 to ``depth``, as links."""
    return f'TOC \\o "1-{depth}" \\h \\z \\u'


def add_contents(container: Container, contents: Contents) -> None:
    if not contents.entries:
        paragraph = container.add_paragraph(style=NORMAL)
        docx_xml.append_field(paragraph, toc_field(contents.depth), contents.update_hint)
        return
    for index, entry in enumerate(contents.entries):
        paragraph = container.add_paragraph(style=_entry_style(entry))
        if index == 0:
            docx_xml.open_field(paragraph, toc_field(contents.depth))
        _entry(paragraph, entry)
    docx_xml.close_field(paragraph)


def _entry_style(entry: ContentsEntry) -> str:
    return CONTENTS_ENTRIES[min(max(entry.level, 1), max(CONTENTS_ENTRIES))]


def _entry(paragraph: Paragraph, entry: ContentsEntry) -> None:
    """ "1.2<tab>Title" as Word writes its entries: the style's hanging indent aligns the titles,
    also of unnumbered entries and of lines that wrap."""
    runs = [paragraph.add_run(f"{entry.number}\t"), paragraph.add_run(entry.text)]
    if entry.anchor:
        docx_xml.link_to_bookmark(paragraph, runs, bookmark_name(entry.anchor))
