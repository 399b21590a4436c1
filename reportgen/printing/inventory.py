"""What a PDF puts on paper, read with pikepdf: colour spaces used (pages, forms, patterns,
shadings, images, transparency groups, soft masks, Type 3 glyphs, recursively), fonts and
whether they are embedded, raster images and their resolution at printed size, annotations."""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import pikepdf

Matrix = tuple[float, float, float, float, float, float]
IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
_DEVICE_OPERATORS = {"rg": "DeviceRGB", "RG": "DeviceRGB", "k": "DeviceCMYK", "K": "DeviceCMYK",
                     "g": "DeviceGray", "G": "DeviceGray"}  # fmt: skip
_INLINE_SPACES = {"/RGB": "/DeviceRGB", "/CMYK": "/DeviceCMYK", "/G": "/DeviceGray"}
_COMPONENTS = {"DeviceGray": 1, "DeviceRGB": 3, "DeviceCMYK": 4, "CalRGB": 3, "Lab": 3}


@dataclass
class Inventory:
    colour_spaces: set[str] = field(default_factory=set)
    rgb_places: set[str] = field(default_factory=set)
    fonts: dict[str, bool] = field(default_factory=dict)
    images: int = 0
    lowest_ppi: float | None = None
    annotations: int = 0
    problems: set[str] = field(default_factory=set)


def take_inventory(pdf: pikepdf.Pdf) -> Inventory:
    walker = _Walker()
    for number, page in enumerate(pdf.pages, start=1):
        walker.inventory.annotations += len(page.obj.get("/Annots", pikepdf.Array()))
        resources = page.obj.get("/Resources", pikepdf.Dictionary())
        group = page.obj.get("/Group")
        if isinstance(group, pikepdf.Dictionary) and "/CS" in group:
            walker.space(group.CS, resources, f"Seite {number}, Transparenzgruppe")
        walker.content(page.obj, resources, IDENTITY, f"Seite {number}", 0)
    return walker.inventory


def multiply(first: Matrix, second: Matrix) -> Matrix:
    """``first`` then ``second`` (PDF row-vector convention: first × second)."""
    a, b, c, d, e, f = first
    a2, b2, c2, d2, e2, f2 = second
    return (
        a * a2 + b * c2,
        a * b2 + b * d2,
        c * a2 + d * c2,
        c * b2 + d * d2,
        e * a2 + f * c2 + e2,
        e * b2 + f * d2 + f2,
    )


class _Walker:
    def __init__(self) -> None:
        self.inventory = Inventory()
        self._fonts_seen: set[tuple[int, int]] = set()
        self._resources_seen: set[tuple[int, int]] = set()

    def space(self, value: pikepdf.Object, resources: pikepdf.Object, where: str) -> str:
        """Record a colour space (a name, a resource name or an array); return its label."""
        label = self._label(value, resources)
        self.inventory.colour_spaces.add(label)
        if "RGB" in label:
            self.inventory.rgb_places.add(where)
        return label

    def _label(self, value: pikepdf.Object, resources: pikepdf.Object) -> str:
        if isinstance(value, pikepdf.Name):
            name = str(value)[1:]
            if name in ("DeviceRGB", "DeviceCMYK", "DeviceGray", "Pattern"):
                return name
            named = resources.get("/ColorSpace", pikepdf.Dictionary()).get(str(value))
            return self._label(named, resources) if named is not None else f"unbekannt ({name})"
        if not isinstance(value, pikepdf.Array) or not len(value):
            return "unbekannt"
        family = str(value[0])[1:]
        if family == "ICCBased":
            kind = {1: "Grau", 3: "RGB", 4: "CMYK"}.get(int(value[1].get("/N", 0)), "?")
            return f"ICCBased ({kind})"
        if family in ("Separation", "DeviceN"):
            alternate = self._label(value[2], resources)
            names = value[1] if family == "DeviceN" else [value[1]]
            colourants = " ".join(str(n)[1:] for n in names)
            return f"{family} {colourants} (Ersatz {alternate})"
        if family == "Indexed":
            return f"Indexed ({self._label(value[1], resources)})"
        if family == "Pattern":
            return "Pattern" if len(value) < 2 else f"Pattern ({self._label(value[1], resources)})"
        return family

    def resources(self, resources: pikepdf.Object, where: str, depth: int) -> None:
        """Fonts, shadings, patterns and soft masks of a resource dictionary."""
        if not isinstance(resources, pikepdf.Dictionary) or depth > 12:
            return
        if resources.is_indirect:
            if resources.objgen in self._resources_seen:
                return
            self._resources_seen.add(resources.objgen)
        for font in resources.get("/Font", pikepdf.Dictionary()).values():
            self._font(font, where, depth)
        for name, shading in resources.get("/Shading", pikepdf.Dictionary()).items():
            self._shading(shading, resources, f"{where}, Verlauf {name[1:]}")
        for name, pattern in resources.get("/Pattern", pikepdf.Dictionary()).items():
            place = f"{where}, Muster {name[1:]}"
            if int(pattern.get("/PatternType", 1)) == 2:
                self._shading(pattern.Shading, resources, place)
            else:
                own = pattern.get("/Resources", pikepdf.Dictionary())
                self.content(pattern, own, IDENTITY, place, depth + 1)
        for state in resources.get("/ExtGState", pikepdf.Dictionary()).values():
            mask = state.get("/SMask")
            if isinstance(mask, pikepdf.Dictionary) and "/G" in mask:
                own = mask.G.get("/Resources", resources)
                self._group(mask.G, own, f"{where}, Maske")
                self.content(mask.G, own, IDENTITY, f"{where}, Maske", depth + 1)

    def _font(self, font: pikepdf.Object, where: str, depth: int) -> None:
        if font.is_indirect:
            if font.objgen in self._fonts_seen:
                return
            self._fonts_seen.add(font.objgen)
        name = str(font.get("/BaseFont", "/Type3"))[1:]
        if font.get("/Subtype") == pikepdf.Name.Type3:
            self.inventory.fonts[name] = True  # glyphs are content streams inside the file
            own = font.get("/Resources", pikepdf.Dictionary())
            for glyph in font.get("/CharProcs", pikepdf.Dictionary()).values():
                self.content(glyph, own, IDENTITY, f"{where}, Type-3-Schrift", depth + 1)
            return
        descriptor = font.get("/FontDescriptor")
        if descriptor is None and "/DescendantFonts" in font:
            descriptor = font.DescendantFonts[0].get("/FontDescriptor")
        embedded = descriptor is not None and any(
            key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3")
        )
        self.inventory.fonts[name] = self.inventory.fonts.get(name, True) and embedded

    def _shading(self, shading: pikepdf.Object, resources: pikepdf.Object, where: str) -> None:
        label = self.space(shading.ColorSpace, resources, where)
        wanted = _components(label)
        functions = shading.get("/Function")
        stack = list(functions) if isinstance(functions, pikepdf.Array) else [functions]
        while stack:
            function = stack.pop()
            if not isinstance(function, pikepdf.Dictionary | pikepdf.Stream):
                continue
            stack.extend(function.get("/Functions", []))
            outputs = function.get("/C0") if "/C0" in function else function.get("/C1")
            if wanted and outputs is not None and len(outputs) != wanted:
                self.inventory.problems.add(
                    f"{where}: Farbverlauf mit {len(outputs)} Farbwerten im Farbraum {label} "
                    "(RGB-Werte in einem CMYK-Verlauf)."
                )

    def _group(self, form: pikepdf.Object, resources: pikepdf.Object, where: str) -> None:
        group = form.get("/Group")
        if isinstance(group, pikepdf.Dictionary) and "/CS" in group:
            self.space(group.CS, resources, f"{where}, Transparenzgruppe")

    def content(
        self, holder: pikepdf.Object, resources: pikepdf.Object, ctm: Matrix, where: str,
        depth: int,
    ) -> None:  # fmt: skip
        """Colour operators, images and forms of one content stream (page, form, pattern)."""
        self.resources(resources, where, depth)
        if depth > 12:
            return
        stack: list[Matrix] = []
        for item in pikepdf.parse_content_stream(holder):
            if isinstance(item, pikepdf.ContentStreamInlineImage):
                self._inline_image(item, resources, ctm, where)
                continue
            operands, operator = item.operands, str(item.operator)
            if operator in _DEVICE_OPERATORS:
                self.inventory.colour_spaces.add(_DEVICE_OPERATORS[operator])
                if operator in ("rg", "RG"):
                    self.inventory.rgb_places.add(f"{where}, Operator {operator}")
            elif operator in ("cs", "CS"):
                self.space(operands[0], resources, f"{where}, Operator {operator}")
            elif operator == "q":
                stack.append(ctm)
            elif operator == "Q" and stack:
                ctm = stack.pop()
            elif operator == "cm":
                ctm = multiply(tuple(float(v) for v in operands), ctm)  # type: ignore[arg-type]
            elif operator == "sh":
                shading = resources.get("/Shading", pikepdf.Dictionary()).get(str(operands[0]))
                if shading is not None:
                    self._shading(shading, resources, f"{where}, Verlauf")
            elif operator == "Do":
                self._xobject(str(operands[0]), resources, ctm, where, depth)

    def _xobject(
        self, name: str, resources: pikepdf.Object, ctm: Matrix, where: str, depth: int
    ) -> None:
        xobject = resources.get("/XObject", pikepdf.Dictionary()).get(name)
        if xobject is None:
            return
        if xobject.get("/Subtype") == pikepdf.Name.Image:
            self._image(xobject, resources, ctm, f"{where}, Bild {name[1:]}")
            return
        place = f"{where}, Form {name[1:]}"
        own = xobject.get("/Resources", resources)
        self._group(xobject, own, place)
        matrix = xobject.get("/Matrix")
        form_ctm = multiply(tuple(float(v) for v in matrix), ctm) if matrix else ctm  # type: ignore[arg-type]
        self.content(xobject, own, form_ctm, place, depth + 1)

    def _image(
        self, image: pikepdf.Object, resources: pikepdf.Object, ctm: Matrix, where: str
    ) -> None:
        if not image.get("/ImageMask", False):
            self.space(image.get("/ColorSpace", pikepdf.Name.DeviceGray), resources, where)
        self._resolution(int(image.Width), int(image.Height), ctm)

    def _inline_image(
        self, item: pikepdf.ContentStreamInlineImage, resources: pikepdf.Object, ctm: Matrix,
        where: str,
    ) -> None:  # fmt: skip
        image = item.iimage.obj
        space = image.get("/CS", image.get("/ColorSpace"))
        if space is not None:
            if isinstance(space, pikepdf.Name):
                space = pikepdf.Name(_INLINE_SPACES.get(str(space), str(space)))
            self.space(space, resources, f"{where}, eingebettetes Bild")
        width, height = image.get("/W", image.get("/Width")), image.get("/H", image.get("/Height"))
        if width is not None and height is not None:
            self._resolution(int(width), int(height), ctm)

    def _resolution(self, width: int, height: int, ctm: Matrix) -> None:
        """ppi at printed size: pixels over the image's extent in inches (unit square × CTM)."""
        a, b, c, d, _, _ = ctm
        across, down = math.hypot(a, b) / 72, math.hypot(c, d) / 72
        if across <= 0 or down <= 0:
            return
        ppi = min(width / across, height / down)
        self.inventory.images += 1
        lowest = self.inventory.lowest_ppi
        self.inventory.lowest_ppi = ppi if lowest is None else min(lowest, ppi)


def _components(label: str) -> int | None:
    if label.startswith("ICCBased"):
        return {"(Grau)": 1, "(RGB)": 3, "(CMYK)": 4}.get(label.split(" ", 1)[1])
    if label.startswith("Separation"):
        return 1
    return _COMPONENTS.get(label)
