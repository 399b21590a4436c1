"""The back matter of the report: the annex with signs, sources and district tables."""

from __future__ import annotations

from reportgen.compose.district_tables import district_tables
from reportgen.compose.editorial import plain
from reportgen.compose.indicator import Numbering, source_line
from reportgen.compose.model import (
    BulletList,
    Heading,
    Part,
    Role,
    Strong,
    Table,
    TableRow,
    Text,
)
from reportgen.compose.model.document import TableKind
from reportgen.load.project import ChapterPlan, Project
from reportgen.load.signs import SIGNS, legend_sign


def appendix(project: Project, plan: ChapterPlan, numbering: Numbering) -> Part:
    """Signs, sources and the district tables (numbered on from the chapters' tables)."""
    words = project.labels.appendix
    shown = [indicator_id for _, ids in plan for indicator_id in ids]
    by_source: dict[str, list[str]] = {}
    for indicator_id in shown:
        meta = project.dataset.indicators[indicator_id].meta
        by_source.setdefault(meta.data_source or words.no_source, []).append(meta.number)
    signs = Table(
        label="",
        number=None,
        caption=words.signs_caption,
        corner=words.sign,
        columns=(words.meaning,),
        rows=tuple(TableRow(legend_sign(s), (meaning,)) for s, meaning in SIGNS.items()),
        kind=TableKind.SIGNS,
    )
    sources = BulletList(
        tuple(
            (
                Strong((Text(name),)),
                Text(
                    f": {words.one_indicator if len(numbers) == 1 else words.many_indicators} "
                    + ", ".join(numbers)
                ),
            )
            for name, numbers in sorted(by_source.items())
        )
    )
    intro = f"{source_line(project.labels, project.config, None)} {words.sources_intro}"
    return Part(
        Role.APPENDIX,
        (
            Heading(1, words.appendix, anchor="anhang"),
            Heading(2, words.signs, anchor="zeichenerklaerung"),
            signs,
            Heading(2, words.sources, anchor="datenquellen"),
            plain(intro),
            sources,
            *district_tables(project, plan, numbering),
        ),
    )
