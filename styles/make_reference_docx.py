"""Generate ``styles/reference.docx``, the Word template of the DOCX output, from python-docx's
default template: ``.venv/bin/python styles/make_reference_docx.py [target.docx]``. The raw-XML
helpers it needs beyond reportgen's own are in reference_xml.py beside it.

Designers may instead edit reference.docx in Word (or replace it with an office template); it
must keep every style named in ``reportgen.render.docx.template.REQUIRED_STYLES``. The look: A4,
Arial (in every style and as the theme's fonts), body 10.5 pt, headings in dark blue, sources
and notes small and grey; all colours reach at least 4.5:1 contrast on white. The fact sheets
make these styles denser and raise every size to 9 pt (``template.set_up_sheet``).
"""

from __future__ import annotations

import datetime as dt
import io
import sys
from pathlib import Path

import docx
import reference_xml  # beside this script
from docx.document import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt, RGBColor

from reportgen.render.docx import xml as docx_xml
from reportgen.render.docx.template import (
    CONTENTS_ENTRIES,
    REQUIRED_STYLES,
    SUB_HEADINGS,
    TOC_HEADING,
    stable_zip,
)

TARGET = Path(__file__).resolve().parent / "reference.docx"
FONT = "Arial"
BLUE = RGBColor(0x1F, 0x4E, 0x79)  # 8.9:1 on white
GREY = RGBColor(0x59, 0x59, 0x59)  # 7.0:1 on white
DARK = RGBColor(0x40, 0x40, 0x40)
LINK = RGBColor(0x05, 0x63, 0xC1)  # 5.9:1 on white
STAMP = dt.datetime(2025, 1, 1)

# (name, size pt, space before pt, space after pt, italic)
HEADINGS = (
    ("Heading 1", 18, 0, 12, False),
    ("Heading 2", 14, 18, 6, False),
    ("Heading 3", 12, 16, 6, False),
    ("Heading 4", 11, 10, 4, False),
    ("Heading 5", 10.5, 8, 2, False),
    ("Heading 6", 10.5, 6, 2, True),
)

NUMBERED_HEADINGS = 3
"""Heading 1–3 (chapter, topic, indicator) are numbered by Word's list: "1", "1.2", "1.2.3"."""
LEVEL = """
<w:lvl w:ilvl="{level}">
  <w:start w:val="1"/>
  <w:numFmt w:val="{format}"/>
  {style}
  <w:suff w:val="space"/>
  <w:lvlText w:val="{text}"/>
  <w:lvlJc w:val="left"/>
  <w:pPr><w:ind w:left="0" w:firstLine="0"/></w:pPr>
</w:lvl>
"""
# The contents' entries: the number in a hanging indent, titles aligned per level, the page
# number (which Word adds when it updates the field) after a dotted leader at the right margin.
# (name, indent twips, hanging twips, bold, space before pt)
CONTENTS = (
    ("toc 1", 567, 567, True, 6),
    ("toc 2", 1361, 794, False, 0),
    ("toc 3", 2381, 1020, False, 0),
)
CONTENTS_STYLE = """
<w:style w:type="paragraph" w:styleId="{style_id}">
  <w:name w:val="{name}"/>
  <w:basedOn w:val="Normal"/>
  <w:next w:val="Normal"/>
  <w:uiPriority w:val="39"/>
  <w:unhideWhenUsed/>
  <w:pPr>
    <w:tabs>
      <w:tab w:val="left" w:pos="{indent}"/>
      <w:tab w:val="right" w:leader="dot" w:pos="9062"/>
    </w:tabs>
    <w:spacing w:before="{before}" w:after="40"/>
    <w:ind w:left="{indent}" w:hanging="{hanging}"/>
  </w:pPr>
  {bold}
</w:style>
"""

# A table style python-docx cannot express: rules above and below, thin lines between rows,
# a shaded header row; no vertical lines (the convention of official statistics).
TABLE_STYLE = """
<w:style w:type="table" w:customStyle="1" w:styleId="Berichtstabelle">
  <w:name w:val="Berichtstabelle"/>
  <w:basedOn w:val="TableNormal"/>
  <w:uiPriority w:val="59"/>
  <w:qFormat/>
  <w:pPr><w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/></w:pPr>
  <w:rPr><w:sz w:val="18"/><w:szCs w:val="18"/></w:rPr>
  <w:tblPr>
    <w:tblBorders>
      <w:top w:val="single" w:sz="8" w:space="0" w:color="1F4E79"/>
      <w:bottom w:val="single" w:sz="8" w:space="0" w:color="1F4E79"/>
      <w:insideH w:val="single" w:sz="4" w:space="0" w:color="BFBFBF"/>
    </w:tblBorders>
    <w:tblCellMar>
      <w:top w:w="34" w:type="dxa"/>
      <w:left w:w="85" w:type="dxa"/>
      <w:bottom w:w="34" w:type="dxa"/>
      <w:right w:w="85" w:type="dxa"/>
    </w:tblCellMar>
  </w:tblPr>
  <w:tblStylePr w:type="firstRow">
    <w:rPr><w:b/><w:bCs/></w:rPr>
    <w:tcPr>
      <w:tcBorders><w:bottom w:val="single" w:sz="8" w:space="0" w:color="1F4E79"/></w:tcBorders>
      <w:shd w:val="clear" w:color="auto" w:fill="DEEAF6"/>
    </w:tcPr>
  </w:tblStylePr>
</w:style>
"""


def make_reference(target: Path = TARGET) -> None:
    document = docx.Document()
    docx_xml.set_document_language(document, "de-DE")
    reference_xml.use_font(document, FONT)
    reference_xml.use_theme_font(document, FONT)
    reference_xml.drop_styles_with_effects(document)
    _page(document)
    _text_styles(document)
    _headings(document)
    _heading_numbers(document)
    _sub_headings(document)
    _contents(document)
    _own_styles(document)
    reference_xml.add_style_xml(document, TABLE_STYLE)
    _properties(document)
    reference_xml.remove_styles_except(document, set(REQUIRED_STYLES))
    missing = [name for name in REQUIRED_STYLES if name not in _names(document)]
    if missing:
        raise SystemExit(f"Formatvorlagen fehlen: {', '.join(missing)}")
    buffer = io.BytesIO()
    document.save(buffer)
    target.write_bytes(stable_zip(buffer.getvalue(), STAMP.date()))


def _names(document: Document) -> set[str]:
    return {style.name for style in document.styles if style.name}


def _page(document: Document) -> None:
    section = document.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.left_margin = section.right_margin = Cm(2.5)
    section.top_margin, section.bottom_margin = Cm(2.5), Cm(2.2)
    section.header_distance, section.footer_distance = Cm(1.2), Cm(1.0)


def _paragraph_style(
    document: Document,
    name: str,
    size: float,
    *,
    bold: bool = False,
    color: RGBColor | None = None,
    before: float = 0,
    after: float = 6,
    base: str = "Normal",
) -> None:
    styles = document.styles
    style = (
        styles[name]
        if name in _names(document)
        else styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    )
    style.base_style = styles[base] if name != base else None
    style.quick_style = True
    style.hidden = False
    style.font.size = Pt(size)
    style.font.bold = bold or None
    style.font.italic = None
    if color is not None:
        style.font.color.rgb = color
    style.paragraph_format.space_before = Pt(before)
    style.paragraph_format.space_after = Pt(after)


def _text_styles(document: Document) -> None:
    _paragraph_style(document, "Normal", 10.5, after=6)
    document.styles["Normal"].paragraph_format.line_spacing = 1.15
    _paragraph_style(document, "Title", 28, bold=True, color=BLUE, before=150, after=18)
    title = document.styles["Title"]
    reference_xml.set_paragraph_border(title, "bottom", "1F4E79", 12, space=8)
    _paragraph_style(document, "Subtitle", 14, color=DARK, before=6, after=6)
    for name in ("Title", "Subtitle"):
        for tag in ("w:pPr/w:numPr", "w:rPr/w:spacing", "w:rPr/w:kern"):
            reference_xml.remove_style_property(document.styles[name], tag)
    _paragraph_style(document, "Caption", 9.5, bold=True, color=BLUE, before=6, after=6)
    _paragraph_style(document, "Header", 8.5, color=GREY, after=0)
    _paragraph_style(document, "Footer", 9, color=GREY, after=0)
    document.styles["Footer"].paragraph_format.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    for name in ("List Bullet", "List Number"):
        _paragraph_style(document, name, 10.5, after=3)
    hyperlink = document.styles.add_style("Hyperlink", WD_STYLE_TYPE.CHARACTER)
    hyperlink.font.color.rgb = LINK
    hyperlink.font.underline = True


def _headings(document: Document) -> None:
    for name, size, before, after, italic in HEADINGS:
        _paragraph_style(document, name, size, bold=True, color=BLUE, before=before, after=after)
        style = document.styles[name]
        style.font.italic = italic or None
        style.paragraph_format.keep_with_next = True
    document.styles["Heading 1"].paragraph_format.page_break_before = True


def _heading_numbers(document: Document) -> None:
    """Word's multilevel list for the numbered headings, linked to their styles (so that a
    heading an editor inserts is numbered too); the front matter's title style has none."""
    levels = "".join(
        LEVEL.format(
            level=level,
            format="decimal" if level < NUMBERED_HEADINGS else "none",
            style=f'<w:pStyle w:val="Heading{level + 1}"/>' if level < NUMBERED_HEADINGS else "",
            text=".".join(f"%{n}" for n in range(1, level + 2))
            if level < NUMBERED_HEADINGS
            else "",
        )
        for level in range(9)
    )
    num_id = reference_xml.add_list_xml(document, levels)
    for level in range(NUMBERED_HEADINGS):
        reference_xml.link_list(document.styles[f"Heading {level + 1}"], num_id, level)
    reference_xml.link_list(document.styles[TOC_HEADING], 0, None)


def _sub_headings(document: Document) -> None:
    """Headings outside the navigation pane ("Definition"): the look of Heading 4–6, body-text
    outline level. Give them outline level 4–6 to make them headings for screen readers in Word
    (and entries of the navigation pane again)."""
    for name, size, before, after, italic in HEADINGS:
        level = int(name.removeprefix("Heading "))
        if level not in SUB_HEADINGS:
            continue
        sub = SUB_HEADINGS[level]
        _paragraph_style(document, sub, size, bold=True, color=BLUE, before=before, after=after)
        style = document.styles[sub]
        style.style_id = f"Zwischenueberschrift{level}"  # ASCII, as Word's own ids
        style.font.italic = italic or None
        style.paragraph_format.keep_with_next = True
        style.paragraph_format.keep_together = True
        style.next_paragraph_style = document.styles["Normal"]
        reference_xml.set_outline_level(style, 9)


def _contents(document: Document) -> None:
    for name, indent, hanging, bold, before in CONTENTS:
        reference_xml.add_style_xml(
            document,
            CONTENTS_STYLE.format(
                style_id=name.upper().replace(" ", ""),
                name=name,
                indent=indent,
                hanging=hanging,
                before=before * 20,
                bold="<w:rPr><w:b/><w:bCs/></w:rPr>" if bold else "",
            ),
        )
    assert {name for name, *_ in CONTENTS} == set(CONTENTS_ENTRIES.values())


def _own_styles(document: Document) -> None:
    _paragraph_style(document, "Kernaussage", 11, bold=True, before=2, after=8)
    document.styles["Kernaussage"].paragraph_format.keep_with_next = True
    _paragraph_style(document, "Abbildung", 10.5, before=6, after=2)
    document.styles["Abbildung"].paragraph_format.keep_with_next = True
    _paragraph_style(document, "Quelle", 8.5, color=GREY, before=2, after=10)
    _paragraph_style(document, "Notiz", 8.5, color=GREY, before=0, after=2)
    _paragraph_style(document, "Tabellenkopf", 9, bold=True, after=0)
    _paragraph_style(document, "Tabellentext", 9, after=0)
    for name in ("Tabellenkopf", "Tabellentext"):
        document.styles[name].paragraph_format.line_spacing = 1.0
    _paragraph_style(document, "Entwurf", 10.5, before=0, after=4)
    draft = document.styles["Entwurf"]
    draft.paragraph_format.left_indent = Cm(0.25)
    reference_xml.set_paragraph_shading(draft, "FFF2CC")
    reference_xml.set_paragraph_border(draft, "left", "C55A11", 24, space=6)


def _properties(document: Document) -> None:
    properties = document.core_properties
    properties.title = "Vorlage für Integrationsberichte (reportgen)"
    properties.author = properties.last_modified_by = "reportgen"
    properties.comments = "Erzeugt mit styles/make_reference_docx.py"
    properties.language = "de-DE"
    properties.created = properties.modified = STAMP
    properties.revision = 1


if __name__ == "__main__":
    make_reference(Path(sys.argv[1]) if len(sys.argv) > 1 else TARGET)
