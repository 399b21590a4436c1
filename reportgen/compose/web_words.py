"""The words of the HTML edition's navigation, from the labels file into the document."""

from __future__ import annotations

from reportgen.compose.model import WebWords
from reportgen.load.labels import Labels


def web_words(labels: Labels) -> WebWords:
    words = labels.web
    return WebWords(
        skip=words.skip,
        contents=words.contents,
        previous=words.previous,
        next=words.next,
        pages=words.pages,
        page_title=words.page_title,
    )
