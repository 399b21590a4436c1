"""Ink on paper, read from the content streams: the current fill and stroke colours (with the
overprint flags) as a content stream sets them, the highest total area coverage (C+M+Y+K) of
vector colours, colour blends and CMYK images, and the colour of every piece of text.

The coverage is what the file asks for, object by object; where transparent or overprinting
objects stack, the ink on paper can be higher (a RIP or the print shop's preflight, which
composites the page, sees that; this does not)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field, replace

import numpy
import pikepdf

Colour = tuple[float, ...]
PURE_K: Colour = (0.0, 0.0, 0.0, 1.0)
_TEXT = {"Tj", "TJ", "'", '"'}
_COLOUR_OPERATORS = {"cs", "CS", "k", "K", "sc", "scn", "SC", "SCN", "g", "rg", "G", "RG", "gs"}


class TextInk:
    """How a piece of text is coloured; the preflight counts each kind."""

    PURE_K = "100 % K"
    RICH_BLACK = "Schwarz aus mehreren Farben"
    GREY = "Grau (unter 100 % K)"
    COLOUR = "farbig"


@dataclass(frozen=True)
class Paint:
    """The colour state of the graphics state (saved and restored with q/Q)."""

    fill_cmyk: bool = False
    fill: Colour = ()
    """Empty for colours that are not CMYK (the initial DeviceGray black, RGB, patterns)."""
    stroke_cmyk: bool = False
    stroke: Colour = ()
    fill_overprint: bool = False
    stroke_overprint: bool = False


def cmyk_space(space: pikepdf.Object, resources: pikepdf.Object) -> bool:
    """DeviceCMYK, or a named space that is ICCBased with four components."""
    if isinstance(space, pikepdf.Name):
        if space == pikepdf.Name.DeviceCMYK:
            return True
        named = resources.get("/ColorSpace", pikepdf.Dictionary()).get(str(space))
        if named is None:
            return False
        space = named
    return (
        isinstance(space, pikepdf.Array)
        and len(space) == 2
        and space[0] == pikepdf.Name.ICCBased
        and int(space[1].get("/N", 0)) == 4
    )


def next_paint(
    paint: Paint, operator: str, operands: list[pikepdf.Object], resources: pikepdf.Object
) -> Paint:
    """The colour state after one colour or ``gs`` operator (other operators leave it)."""
    if operator not in _COLOUR_OPERATORS:
        return paint
    named = any(isinstance(v, pikepdf.Name) for v in operands)
    values = () if named else tuple(float(v) for v in operands)
    if operator == "cs":
        cmyk = cmyk_space(operands[0], resources)
        return replace(paint, fill_cmyk=cmyk, fill=PURE_K if cmyk else ())
    if operator == "CS":
        cmyk = cmyk_space(operands[0], resources)
        return replace(paint, stroke_cmyk=cmyk, stroke=PURE_K if cmyk else ())
    if operator == "k":
        return replace(paint, fill_cmyk=True, fill=values)
    if operator == "K":
        return replace(paint, stroke_cmyk=True, stroke=values)
    if operator in ("sc", "scn"):
        return replace(paint, fill=() if named or not paint.fill_cmyk else values)
    if operator in ("SC", "SCN"):
        return replace(paint, stroke=() if named or not paint.stroke_cmyk else values)
    if operator in ("g", "rg"):
        return replace(paint, fill_cmyk=False, fill=())
    if operator in ("G", "RG"):
        return replace(paint, stroke_cmyk=False, stroke=())
    if operator == "gs":
        state = resources.get("/ExtGState", pikepdf.Dictionary()).get(str(operands[0]))
        if isinstance(state, pikepdf.Dictionary):
            stroke = bool(state.get("/OP", paint.stroke_overprint))
            fill = bool(state.get("/op", state.get("/OP", paint.fill_overprint)))
            return replace(paint, fill_overprint=fill, stroke_overprint=stroke)
    return paint


def text_ink(colour: Colour) -> str:
    if len(colour) != 4:
        return TextInk.COLOUR
    c, m, y, k = colour
    if c == m == y == 0:
        return TextInk.PURE_K if k >= 0.999 else TextInk.GREY
    return TextInk.RICH_BLACK if k >= 0.8 else TextInk.COLOUR


@dataclass
class Inks:
    """The highest coverage found (in %, and where) and the text colours."""

    coverage: float = 0.0
    coverage_at: str = ""
    text: Counter[str] = field(default_factory=Counter)
    black_text_overprinted: int = 0

    def offer(self, colour: Colour, where: str) -> None:
        if len(colour) == 4 and (total := round(sum(colour) * 100, 1)) > self.coverage:
            self.coverage, self.coverage_at = total, where


def measure_inks(pdf: pikepdf.Pdf) -> Inks:
    inks = Inks()
    seen: set[tuple[int, int]] = set()
    for number, page in enumerate(pdf.pages, start=1):
        resources = page.obj.get("/Resources", pikepdf.Dictionary())
        _content(page.obj, resources, inks, f"Seite {number}", seen, 0)
    return inks


def _content(
    holder: pikepdf.Object, resources: pikepdf.Object, inks: Inks, where: str,
    seen: set[tuple[int, int]], depth: int,
) -> None:  # fmt: skip
    paint, stack = Paint(), []
    for item in pikepdf.parse_content_stream(holder):
        if isinstance(item, pikepdf.ContentStreamInlineImage):
            continue
        operator, operands = str(item.operator), list(item.operands)
        if operator == "q":
            stack.append(paint)
        elif operator == "Q" and stack:
            paint = stack.pop()
        elif operator in _TEXT:
            kind = text_ink(paint.fill)
            inks.text[kind] += 1
            inks.black_text_overprinted += kind == TextInk.PURE_K and paint.fill_overprint
            inks.offer(paint.fill, f"{where}, Text")
        elif operator in ("f", "F", "f*", "B", "B*", "b", "b*"):
            inks.offer(paint.fill, f"{where}, Fläche")
        elif operator in ("S", "s"):
            inks.offer(paint.stroke, f"{where}, Linie")
        elif operator == "sh":
            shading = resources.get("/Shading", pikepdf.Dictionary()).get(str(operands[0]))
            _shading(shading, resources, inks, f"{where}, Verlauf")
        elif operator == "Do" and depth < 12:
            _xobject(str(operands[0]), resources, inks, where, seen, depth)
        else:
            paint = next_paint(paint, operator, operands, resources)
    for name, pattern in resources.get("/Pattern", pikepdf.Dictionary()).items():
        if pattern.is_indirect and pattern.objgen in seen:
            continue
        if pattern.is_indirect:
            seen.add(pattern.objgen)
        if int(pattern.get("/PatternType", 1)) == 2:
            _shading(pattern.get("/Shading"), resources, inks, f"{where}, Muster {name[1:]}")
        elif depth < 12:
            own = pattern.get("/Resources", pikepdf.Dictionary())
            _content(pattern, own, inks, f"{where}, Muster {name[1:]}", seen, depth + 1)


def _xobject(
    name: str, resources: pikepdf.Object, inks: Inks, where: str,
    seen: set[tuple[int, int]], depth: int,
) -> None:  # fmt: skip
    xobject = resources.get("/XObject", pikepdf.Dictionary()).get(name)
    if xobject is None or (xobject.is_indirect and xobject.objgen in seen):
        return
    if xobject.is_indirect:
        seen.add(xobject.objgen)
    if isinstance(xobject, pikepdf.Stream) and xobject.get("/Subtype") == pikepdf.Name.Image:
        if cmyk_space(xobject.get("/ColorSpace", pikepdf.Name.DeviceGray), resources):
            inks.offer(_image_peak(xobject), f"{where}, Bild {name[1:]}")
        return
    own = xobject.get("/Resources", resources)
    _content(xobject, own, inks, f"{where}, Form {name[1:]}", seen, depth + 1)


def _shading(
    shading: pikepdf.Object | None, resources: pikepdf.Object, inks: Inks, where: str
) -> None:
    if shading is None or not cmyk_space(
        shading.get("/ColorSpace", pikepdf.Name.DeviceGray), resources
    ):
        return
    functions = shading.get("/Function")
    stack = list(functions) if isinstance(functions, pikepdf.Array) else [functions]
    while stack:
        function = stack.pop()
        if isinstance(function, pikepdf.Dictionary | pikepdf.Stream):
            stack.extend(function.get("/Functions", []))
            for key in ("/C0", "/C1"):
                if key in function:
                    inks.offer(tuple(float(v) for v in function[key]), where)


def _image_peak(image: pikepdf.Stream) -> Colour:
    """The pixel with the most ink of a CMYK image, as pikepdf and Pillow decode it (a
    /Decode array that inverts the channels is not applied)."""
    try:
        picture = pikepdf.PdfImage(image).as_pil_image()
    except (pikepdf.PdfError, NotImplementedError, ValueError, OSError):
        return ()
    if picture.mode != "CMYK":
        return ()
    peak = int(numpy.asarray(picture, dtype=numpy.uint16).sum(axis=2).max())
    return (peak / 255, 0.0, 0.0, 0.0)
