"""The pictures of the cover in Word: the logo with its alt text, a cover image at full width
(decorative unless the project gave it an alt text)."""

from __future__ import annotations

from io import BytesIO

from docx.document import Document
from docx.shared import Cm, Pt

from reportgen.compose.model import Picture, PictureKind
from reportgen.render.docx import xml as docx_xml
from reportgen.render.docx.parts import Container, fresh_paragraph
from reportgen.render.docx.template import FIGURE, FULL_WIDTH, NORMAL, content_width

LOGO_HEIGHT = Cm(2.0)
LOGO_SPACE_AFTER = Pt(24)
"""The logo keeps its distance from the publisher's name below it, as on the PDF cover."""


def add_cover_picture(container: Container, picture: Picture) -> None:
    """The picture in a paragraph of its own; nothing where Word has no PNG of an SVG (the
    check stage warns about that)."""
    if picture.png is None:
        return
    if picture.kind == PictureKind.LOGO:
        paragraph = fresh_paragraph(container, NORMAL)
        paragraph.paragraph_format.space_after = LOGO_SPACE_AFTER
        shape = paragraph.add_run().add_picture(BytesIO(picture.png), height=LOGO_HEIGHT)
    else:
        width = content_width(container) if isinstance(container, Document) else FULL_WIDTH
        run = fresh_paragraph(container, FIGURE).add_run()
        shape = run.add_picture(BytesIO(picture.png), width=width)
    if picture.alt_text:
        docx_xml.describe_picture(shape, picture.alt_text, "")
    else:
        docx_xml.mark_decorative(shape)
