"""styles/make_reference_docx.py and its raw-XML helpers (styles/reference_xml.py): the bundled
Word template is rebuilt with every required style, and each helper writes what Word expects."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import docx
import pytest
from docx.document import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml.ns import qn
from docx.shared import Cm

from reportgen.render.docx.template import REQUIRED_STYLES, open_template
from reportgen.resources import DEFAULT_STYLES
from tests import docxhelpers
from tests.docxhelpers import child_tags, reopened


def script_module(name: str) -> ModuleType:
    """A module of the styles folder, which is not part of the package."""
    spec = importlib.util.spec_from_file_location(name, DEFAULT_STYLES / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


reference_xml = script_module("reference_xml")


@pytest.fixture
def document() -> Document:
    return docx.Document()


def built(target: Path) -> Path:
    script = DEFAULT_STYLES / "make_reference_docx.py"
    subprocess.run([sys.executable, str(script), str(target)], check=True)
    return target


def test_script_builds_a_template_with_every_required_style(tmp_path: Path) -> None:
    target = built(tmp_path / "vorlage.docx")
    template = open_template(target)  # refuses a template without a required style
    assert {style.name for style in template.styles} >= set(REQUIRED_STYLES)
    assert docxhelpers.document_language(template) == "de-DE"
    fonts = list(template.styles.element.iter(qn("w:rFonts")))
    assert fonts and all(font.get(qn("w:ascii")) == "Arial" for font in fonts)
    assert target.read_bytes() == built(tmp_path / "nochmal.docx").read_bytes()  # no clock


LEVEL_ORDER = (
    "start",
    "numFmt",
    "lvlRestart",
    "pStyle",
    "isLgl",
    "suff",
    "lvlText",
    "lvlPicBulletId",
    "legacy",
    "lvlJc",
    "pPr",
    "rPr",
)
"""A list level's children in the order of ECMA-376 (CT_Lvl); Word reads them in no other."""


def test_the_list_levels_follow_schema_order() -> None:
    template = docx.Document(str(DEFAULT_STYLES / "reference.docx"))
    levels = list(template.part.numbering_part.element.iter(qn("w:lvl")))
    assert len(levels) > 9
    for level in levels:
        tags = child_tags(level)
        assert tags == sorted(tags, key=LEVEL_ORDER.index), tags


def test_one_font_replaces_theme_fonts(document: Document) -> None:
    reference_xml.use_font(document, "Arial")
    fonts = list(reopened(document).styles.element.iter(qn("w:rFonts")))
    assert fonts
    assert all(font.get(qn("w:asciiTheme")) is None for font in fonts)
    assert all(font.get(qn("w:ascii")) == "Arial" for font in fonts)


def test_border_and_shading_follow_schema_order(document: Document) -> None:
    style = document.styles.add_style("Entwurf", WD_STYLE_TYPE.PARAGRAPH)
    style.paragraph_format.space_after = Cm(0.1)
    reference_xml.set_paragraph_shading(style, "FFF2CC")
    reference_xml.set_paragraph_border(style, "left", "C55A11", 24)
    reference_xml.set_paragraph_border(style, "top", "C55A11", 4)
    properties = reopened(document).styles["Entwurf"].element.pPr
    assert child_tags(properties) == ["pBdr", "shd", "spacing"]
    assert child_tags(properties.find(qn("w:pBdr"))) == ["top", "left"]


def test_style_properties_can_be_removed(document: Document) -> None:
    subtitle = document.styles["Subtitle"]
    reference_xml.remove_style_property(subtitle, "w:pPr/w:numPr")
    reference_xml.remove_style_property(subtitle, "w:rPr/w:spacing")
    assert subtitle.element.pPr.find(qn("w:numPr")) is None
    assert subtitle.element.rPr.find(qn("w:spacing")) is None


def test_style_xml_replaces_a_style_of_the_same_id(document: Document) -> None:
    xml = (
        '<w:style w:type="table" w:customStyle="1" w:styleId="Berichtstabelle">'
        '<w:name w:val="Berichtstabelle"/></w:style>'
    )
    reference_xml.add_style_xml(document, xml)
    reference_xml.add_style_xml(document, xml)
    names = [style.name for style in reopened(document).styles]
    assert names.count("Berichtstabelle") == 1


def test_only_named_styles_stay_with_their_defaults_and_bases(document: Document) -> None:
    quote = document.styles.add_style("Quelle", WD_STYLE_TYPE.PARAGRAPH)
    quote.base_style = document.styles["Caption"]
    reference_xml.remove_styles_except(document, {"Quelle", "Heading 1"})
    names = {style.name for style in reopened(document).styles}
    assert {"Quelle", "Caption", "Heading 1", "Normal"} <= names  # Caption: base of Quelle
    assert "Title" not in names
    assert "List Bullet" not in names
