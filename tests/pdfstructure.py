"""Read a PDF's accessibility structure with pikepdf (tags, alt texts, fonts, outline)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pikepdf


def struct_elements(pdf: pikepdf.Pdf) -> Iterator[pikepdf.Dictionary]:
    """Every structure element below /StructTreeRoot, depth first."""
    stack = [pdf.Root.StructTreeRoot]
    while stack:
        element = stack.pop()
        kids = element.get("/K")
        children = kids if isinstance(kids, pikepdf.Array) else [kids]
        for child in reversed(list(children)):
            if isinstance(child, pikepdf.Dictionary) and "/S" in child:
                yield child
                stack.append(child)


def by_type(pdf: pikepdf.Pdf, name: str) -> list[pikepdf.Dictionary]:
    return [e for e in struct_elements(pdf) if e.get("/S") == pikepdf.Name(name)]


def descendants(element: pikepdf.Dictionary) -> Iterator[pikepdf.Dictionary]:
    kids = element.get("/K")
    children = kids if isinstance(kids, pikepdf.Array) else [kids]
    for child in children:
        if isinstance(child, pikepdf.Dictionary) and "/S" in child:
            yield child
            yield from descendants(child)


def outline_titles(pdf: pikepdf.Pdf) -> list[str]:
    titles: list[str] = []
    with pdf.open_outline() as outline:
        stack = list(reversed(outline.root))
        while stack:
            item = stack.pop()
            titles.append(str(item.title))
            stack.extend(reversed(item.children))
    return titles


def fonts_embedded(pdf: pikepdf.Pdf) -> list[tuple[str, bool]]:
    """(font name, embedded?) for every font used on any page or in any form XObject."""
    found: dict[str, bool] = {}
    seen: set[tuple[int, int]] = set()

    def visit(resources: pikepdf.Dictionary) -> None:
        for font in (resources.get("/Font") or {}).values():
            descriptor = font.get("/FontDescriptor")
            if descriptor is None and "/DescendantFonts" in font:
                descriptor = font.DescendantFonts[0].get("/FontDescriptor")
            embedded = descriptor is not None and any(
                key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3")
            )
            found[str(font.get("/BaseFont"))] = embedded
        for xobject in (resources.get("/XObject") or {}).values():
            if xobject.objgen in seen:
                continue
            seen.add(xobject.objgen)
            if "/Resources" in xobject:
                visit(xobject.Resources)

    for page in pdf.pages:
        visit(page.Resources)
    return sorted(found.items())


def open_pdf(path: Path) -> pikepdf.Pdf:
    return pikepdf.open(path)


def text_marking(page: pikepdf.Page) -> dict[str, int]:
    """Count text-showing operators by what encloses them: artifact, tagged content, nothing."""
    counts = {"artifact": 0, "tagged": 0, "unmarked": 0}
    stack: list[str] = []
    for operands, operator in pikepdf.parse_content_stream(page):
        name = str(operator)
        if name in ("BMC", "BDC"):
            tag = str(operands[0])
            stack.append("artifact" if tag == "/Artifact" else "tagged")
        elif name == "EMC" and stack:
            stack.pop()
        elif name in ("Tj", "TJ", "'", '"'):
            kind = "artifact" if "artifact" in stack else ("tagged" if stack else "unmarked")
            counts[kind] += 1
    return counts
