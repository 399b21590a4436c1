"""The list of data sources in the annex: each statistic once, with the indicators it feeds.

The names arrive put right (``reportgen.load.naming``: variants merged, overrides applied);
the list groups by the same key, so two spellings that slipped through still make one entry.
"""

from __future__ import annotations

from reportgen.compose.glossary import collation_key
from reportgen.compose.model import BulletList, Strong, Text
from reportgen.load.labels import AppendixLabels
from reportgen.load.metadata import IndicatorMeta
from reportgen.load.naming import source_key, tidy


def source_list(metas: list[IndicatorMeta], words: AppendixLabels) -> BulletList:
    """ "**Mikrozensus**: Indikatoren 1.3.1, 1.3.2", sorted as a German dictionary."""
    names: dict[str, str] = {}
    numbers: dict[str, list[str]] = {}
    for meta in metas:
        name = tidy(meta.data_source) or words.no_source
        key = source_key(name)
        names.setdefault(key, name)
        numbers.setdefault(key, []).append(meta.number)
    return BulletList(
        tuple(
            (
                Strong((Text(names[key]),)),
                Text(
                    f": {words.one_indicator if len(found) == 1 else words.many_indicators} "
                    + ", ".join(found)
                ),
            )
            for key, found in sorted(numbers.items(), key=lambda kv: collation_key(names[kv[0]]))
        )
    )
