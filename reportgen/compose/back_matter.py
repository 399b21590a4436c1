"""The back matter of the report: the annex with signs and rounding note, abbreviations,
glossary, data sources, lists of figures and tables, and the district tables."""

from __future__ import annotations

from reportgen.compose.caption_lists import anchor_captions, caption_lists
from reportgen.compose.district_tables import district_tables
from reportgen.compose.editorial import plain
from reportgen.compose.glossary import abbreviation_nodes, glossary_nodes
from reportgen.compose.indicator import Numbering, source_line
from reportgen.compose.model import Heading, Node, Part, Role, Table, TableRow
from reportgen.compose.model.document import TableKind
from reportgen.compose.sources import source_list
from reportgen.load.project import ChapterPlan, Project
from reportgen.load.signs import SIGNS, legend_sign


def with_appendix(
    project: Project, plan: ChapterPlan, numbering: Numbering, body: tuple[Node, ...]
) -> tuple[Node, ...]:
    """``body`` (everything before the annex) with its figures and tables anchored, and the
    annex after it, whose lists name them."""
    anchored = anchor_captions(body)
    return (*anchored, appendix(project, plan, numbering, anchored))


def appendix(
    project: Project, plan: ChapterPlan, numbering: Numbering, body: tuple[Node, ...] = ()
) -> Part:
    """The annex; the district tables are numbered on from the chapters' tables, the lists of
    figures and tables name those of ``body`` (anchored: ``anchor_captions``) and its own."""
    words = project.labels.appendix
    shown = [indicator_id for _, ids in plan for indicator_id in ids]
    signs = Table(
        label="",
        number=None,
        caption=words.signs_caption,
        corner=words.sign,
        columns=(words.meaning,),
        rows=tuple(TableRow(legend_sign(s), (meaning,)) for s, meaning in SIGNS.items()),
        kind=TableKind.SIGNS,
    )
    metas = [project.dataset.indicators[indicator_id].meta for indicator_id in shown]
    intro = f"{source_line(project.labels, project.config, None)} {words.sources_intro}"
    districts = anchor_captions(district_tables(project, plan, numbering))
    glossary = project.glossary
    return Part(
        Role.APPENDIX,
        (
            Heading(1, words.appendix, anchor="anhang"),
            Heading(2, words.signs, anchor="zeichenerklaerung"),
            signs,
            plain(words.rounding),
            *abbreviation_nodes(glossary.abbreviations, words.abbreviations),
            *glossary_nodes(glossary.terms, words.glossary),
            Heading(2, words.sources, anchor="datenquellen"),
            plain(intro),
            source_list(metas, words),
            *caption_lists((*body, *districts), words.figures, words.tables),
            *districts,
        ),
    )
