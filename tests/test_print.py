"""The print edition (PDF/X-4), checked by structure: output intent, boxes, fonts, no RGB, no
annotations, book layout, options, preflight, and the accessible PDF beside it unchanged."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

import page
import pikepdf
import pytest
from PIL import ImageCms
from typer.testing import CliRunner

from reportgen.build import BuildRequest, BuildResult, build_report
from reportgen.cli import app
from reportgen.errors import ConfigError, InvalidInput, RenderError
from reportgen.load.config import PrintConfig, load_config
from reportgen.printing import setup as print_setup
from reportgen.printing.colors import CmykPalette, cmyk_svg
from reportgen.printing.pdf import pad_pages
from reportgen.printing.preflight import preflight
from reportgen.printing.setup import PrintOverrides
from reportgen.resources import DEFAULT_STYLES
from tests.conftest import make_project
from tests.pdfstructure import fonts_embedded, outline_titles

runner = CliRunner()
MM = 72 / 25.4
BLEED_PT = 3 * MM  # 8.504 pt
RGB_OPERATORS = {"rg", "RG"}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    base = tmp_path_factory.mktemp("druck")
    return build_report(
        BuildRequest(make_project(base), base / "out", ("pdf",), profiles=("druck",))
    )


@pytest.fixture(scope="module")
def print_pdf(built: BuildResult) -> Path:
    return next(p for p in built.written if p.name == "testbericht-druck.pdf")


@pytest.fixture(scope="module")
def with_options(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Command line over the project's druck: section: 5 mm bleed, marks, four, no right."""
    base = tmp_path_factory.mktemp("optionen")
    project = make_project(base)
    config = project / "reportgen.yml"
    config.write_text(
        config.read_text(encoding="utf-8") + "druck:\n  beschnitt_mm: 4\n  schnittmarken: false\n",
        encoding="utf-8",
    )
    out = base / "out"
    args = ["build", str(project), "--format", "druck", "--out", str(out), "--beschnitt", "5"]
    args += ["--schnittmarken", "--vielfaches-von-vier", "--kapitel-fortlaufend"]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    assert "Ergebnis:           keine Fehler, " in result.output  # warnings: generic profile
    return out / "testbericht-druck.pdf"


def test_file_names_sit_beside_the_accessible_pdf(built: BuildResult) -> None:
    assert sorted(p.name for p in built.written) == [
        "testbericht-druck-preflight.txt",
        "testbericht-druck.pdf",
        "testbericht.pdf",
    ]


def test_declares_pdf_x4_in_the_xmp_metadata(print_pdf: Path) -> None:
    with pikepdf.open(print_pdf) as pdf, pdf.open_metadata() as xmp:
        assert xmp["pdfxid:GTS_PDFXVersion"] == "PDF/X-4"
        assert xmp["dc:title"] == "Testbericht Kleinstadt"


def test_output_intent_embeds_a_cmyk_profile(print_pdf: Path) -> None:
    with pikepdf.open(print_pdf) as pdf:
        intents = [i for i in pdf.Root.OutputIntents if i.S == pikepdf.Name.GTS_PDFX]
        assert len(intents) == 1
        profile = intents[0].DestOutputProfile
        assert isinstance(profile, pikepdf.Stream)
        assert int(profile.N) == 4
        icc = ImageCms.ImageCmsProfile(io.BytesIO(profile.read_bytes())).profile
        assert icc.xcolor_space.strip() == "CMYK"


def test_trapped_is_set_and_the_file_has_an_id(print_pdf: Path) -> None:
    with pikepdf.open(print_pdf) as pdf:
        assert pdf.docinfo.Trapped in (pikepdf.Name("/False"), pikepdf.Name("/True"))
        assert len(pdf.trailer.ID) == 2 and bytes(pdf.trailer.ID[0])


def _boxes(page: pikepdf.Page) -> list[list[float]]:
    """TrimBox, BleedBox and MediaBox as lists of floats."""
    return [[float(v) for v in page.obj[key]] for key in ("/TrimBox", "/BleedBox", "/MediaBox")]


def test_every_page_has_a4_trim_inside_a_3_mm_bleed(print_pdf: Path) -> None:
    with pikepdf.open(print_pdf) as pdf:
        for page_ in pdf.pages:
            trim, bleed, media = _boxes(page_)
            assert trim[2] - trim[0] == pytest.approx(210 * MM, abs=0.01)
            assert trim[3] - trim[1] == pytest.approx(297 * MM, abs=0.01)
            sides = [trim[0] - bleed[0], trim[1] - bleed[1], bleed[2] - trim[2], bleed[3] - trim[3]]
            assert sides == pytest.approx([BLEED_PT] * 4, abs=0.01)
            assert media == pytest.approx(bleed)  # no crop marks by default


def test_all_fonts_are_embedded(print_pdf: Path) -> None:
    with pikepdf.open(print_pdf) as pdf:
        fonts = fonts_embedded(pdf)
    assert fonts and all(embedded for _, embedded in fonts), fonts


def _is_rgb(space: object, resources: pikepdf.Object) -> bool:
    if isinstance(space, pikepdf.Name):
        if space in (pikepdf.Name.DeviceRGB, pikepdf.Name.CalRGB):
            return True
        named = resources.get("/ColorSpace", {}).get(str(space))
        return named is not None and _is_rgb(named, resources)
    if isinstance(space, pikepdf.Array) and len(space):
        family = space[0]
        if family == pikepdf.Name.ICCBased:
            return int(space[1].N) == 3
        if family in (pikepdf.Name.CalRGB,):
            return True
        if family == pikepdf.Name.Indexed:
            return _is_rgb(space[1], resources)
        if family in (pikepdf.Name.Separation, pikepdf.Name.DeviceN):
            return _is_rgb(space[2], resources)
    return False


def _rgb_findings(holder: pikepdf.Object, resources: pikepdf.Object, where: str) -> Iterator[str]:
    """RGB in a content stream and everything it can paint: colour operators, colour spaces
    declared as resources, images, shadings, transparency groups, forms, patterns, masks."""
    for name, space in resources.get("/ColorSpace", {}).items():
        if _is_rgb(space, resources):
            yield f"{where}: colour space {name}"
    for name, shading in resources.get("/Shading", {}).items():
        if _is_rgb(shading.ColorSpace, resources):
            yield f"{where}: shading {name}"
    for name, pattern in resources.get("/Pattern", {}).items():
        if int(pattern.get("/PatternType", 1)) == 2:
            if _is_rgb(pattern.Shading.ColorSpace, resources):
                yield f"{where}: shading pattern {name}"
        else:
            own = pattern.get("/Resources", pikepdf.Dictionary())
            yield from _rgb_findings(pattern, own, f"{where} pattern {name}")
    for state in resources.get("/ExtGState", {}).values():
        mask = state.get("/SMask")
        if isinstance(mask, pikepdf.Dictionary) and "/G" in mask:
            yield from _xobject_findings(mask.G, resources, f"{where} soft mask")
    for name, xobject in resources.get("/XObject", {}).items():
        yield from _xobject_findings(xobject, resources, f"{where} {name}")
    for operands, operator in pikepdf.parse_content_stream(holder):
        if str(operator) in RGB_OPERATORS:
            yield f"{where}: operator {operator}"
        elif str(operator) in ("cs", "CS") and _is_rgb(operands[0], resources):
            yield f"{where}: {operands[0]} {operator}"


def _xobject_findings(
    xobject: pikepdf.Object, resources: pikepdf.Object, where: str
) -> Iterator[str]:
    if xobject.get("/Subtype") == pikepdf.Name.Image:
        if not xobject.get("/ImageMask", False) and _is_rgb(
            xobject.get("/ColorSpace", pikepdf.Name.DeviceGray), resources
        ):
            yield f"{where}: RGB image"
        return
    own = xobject.get("/Resources", resources)
    group = xobject.get("/Group")
    if isinstance(group, pikepdf.Dictionary) and "/CS" in group and _is_rgb(group.CS, own):
        yield f"{where}: transparency group"
    yield from _rgb_findings(xobject, own, where)


def test_no_rgb_anywhere(print_pdf: Path) -> None:
    with pikepdf.open(print_pdf) as pdf:
        findings = []
        for number, page_ in enumerate(pdf.pages, start=1):
            group = page_.obj.get("/Group")
            if isinstance(group, pikepdf.Dictionary) and "/CS" in group:
                assert not _is_rgb(group.CS, page_.Resources)
            findings += list(_rgb_findings(page_.obj, page_.Resources, f"page {number}"))
    assert findings == []


def test_charts_use_the_cmyk_builds_of_the_print_palette(print_pdf: Path) -> None:
    with pikepdf.open(print_pdf) as pdf:
        content = b"".join(p.obj.Contents.read_bytes() for p in pdf.pages)
    assert b"0.95 0.5 0 0.05 scn" in content  # --diagramm-0072b2, the first chart colour
    assert b"0 0 0 1 scn" in content  # body text 100 % K


def test_no_annotations_links_or_form_fields(print_pdf: Path) -> None:
    with pikepdf.open(print_pdf) as pdf:
        assert all("/Annots" not in p.obj for p in pdf.pages)
        assert "/AcroForm" not in pdf.Root
        assert outline_titles(pdf)[:3] == ["Impressum", "Inhalt", "Vorwort"]  # bookmarks stay


def _multiply(first: list[float], second: list[float]) -> list[float]:
    """The PDF matrix product first × second (first applies first)."""
    a, b, c, d, e, f = first
    p = second
    return [
        a * p[0] + b * p[2], a * p[1] + b * p[3], c * p[0] + d * p[2],
        c * p[1] + d * p[3], e * p[0] + f * p[2] + p[4], e * p[1] + f * p[3] + p[5],
    ]  # fmt: skip


IDENTITY = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0]


def _text_origins(page_: pikepdf.Page) -> Iterator[tuple[float, float]]:
    """Where each text-showing operator starts, in default user space."""
    ctm, stack = IDENTITY, []
    tm = tlm = IDENTITY
    leading = 0.0
    for operands, operator in pikepdf.parse_content_stream(page_):
        name, values = str(operator), operands
        if name == "q":
            stack.append(ctm)
        elif name == "Q":
            ctm = stack.pop()
        elif name == "cm":
            ctm = _multiply([float(v) for v in values], ctm)
        elif name == "BT":
            tm = tlm = IDENTITY
        elif name == "Tm":
            tm = tlm = [float(v) for v in values]
        elif name == "TL":
            leading = float(values[0])
        elif name in ("Td", "TD", "T*", "'", '"'):
            tx, ty = (0.0, -leading) if name in ("T*", "'", '"') else map(float, values)
            if name == "TD":
                leading = -ty
            tm = tlm = _multiply([1, 0, 0, 1, tx, ty], tlm)
        if name in ("Tj", "TJ", "'", '"'):
            origin = _multiply(tm, ctm)
            yield origin[4], origin[5]


def test_text_stays_at_least_4_mm_inside_the_trim(print_pdf: Path) -> None:
    outside = []
    with pikepdf.open(print_pdf) as pdf:
        for number, page_ in enumerate(pdf.pages, start=1):
            x0, y0, x1, y1 = _boxes(page_)[0]
            origins = list(_text_origins(page_))
            assert origins or number in (4, 10, 12), number  # blank pages only
            outside += [
                (number, round(x / MM, 1), round(y / MM, 1))
                for x, y in origins
                if not (x0 + 4 * MM <= x <= x1 - 4 * MM and y0 + 4 * MM <= y <= y1 - 4 * MM)
            ]
    assert outside == []


def _filled_rectangles(page_: pikepdf.Page) -> Iterator[tuple[float, float, float, float]]:
    """Rectangles in default user space (x0, y0, x1, y1) that the page content fills."""
    ctm, stack = IDENTITY, []
    pending: list[tuple[float, float, float, float]] = []
    for operands, operator in pikepdf.parse_content_stream(page_):
        name = str(operator)
        if name == "q":
            stack.append(ctm)
        elif name == "Q":
            ctm = stack.pop()
        elif name == "cm":
            ctm = _multiply([float(v) for v in operands], ctm)
        elif name == "re":
            x, y, w, h = (float(v) for v in operands)
            corners = [
                _multiply([1, 0, 0, 1, cx, cy], ctm)[4:] for cx, cy in ((x, y), (x + w, y + h))
            ]
            xs, ys = [c[0] for c in corners], [c[1] for c in corners]
            pending.append((min(xs), min(ys), max(xs), max(ys)))
        elif name in ("f", "F", "f*", "B", "B*", "b", "b*"):
            yield from pending
            pending = []
        elif name in ("n", "S", "s"):
            pending = []


def test_cover_band_runs_into_the_bleed(print_pdf: Path) -> None:
    with pikepdf.open(print_pdf) as pdf:
        cover = pdf.pages[0]
        trim, bleed, _ = _boxes(cover)
        rectangles = list(_filled_rectangles(cover))
    top_band = [
        r
        for r in rectangles
        if r[0] <= bleed[0] + 0.5 and r[2] >= bleed[2] - 0.5 and r[3] >= bleed[3] - 0.5
    ]
    assert top_band, rectangles
    assert all(r[1] > trim[3] - 20 * MM for r in top_band)  # a band, not the whole page


def _page_of(pdf: pikepdf.Pdf, title: str) -> int:
    with pdf.open_outline() as outline:
        for item in outline.root:
            if item.title == title:
                return pdf.pages.index(pikepdf.Page(item.destination[0])) + 1
    raise AssertionError(title)


def test_chapters_start_on_right_hand_pages(print_pdf: Path) -> None:
    with pikepdf.open(print_pdf) as pdf:
        starts = [_page_of(pdf, t) for t in ("Inhalt", "1 Bevölkerung", "2 Bildung", "Anhang")]
    assert all(number % 2 == 1 for number in starts), starts


def test_preflight_file_says_what_it_found(print_pdf: Path) -> None:
    text = print_pdf.with_name("testbericht-druck-preflight.txt").read_text(encoding="utf-8")
    for expected in (
        "PDF/X-4 (PDF 1.6)",
        "Artifex CMYK SWOP Profile (ICC-Profil eingebettet, CMYK)",
        "210,0 × 297,0 mm (A4), Beschnitt 3,0 mm an jeder Seite",
        "alle eingebettet",
        "DeviceCMYK",
        "keine Rasterbilder",
        "/Trapped False",
        "Ergebnis:           keine Fehler, ",
        "Warnung: Generisches CMYK-Profil",
    ):
        assert expected in text, text
    with pikepdf.open(print_pdf) as pdf:
        assert f"Seiten:             {len(pdf.pages)}" in text


def test_accessible_pdf_of_the_same_build_is_still_pdf_ua(built: BuildResult) -> None:
    accessible = next(p for p in built.written if p.name == "testbericht.pdf")
    assert [f.rule_id for f in page.validate_pdf(accessible, profile="ua1").failures] == []


def test_same_inputs_give_the_same_print_bytes(print_pdf: Path, tmp_path: Path) -> None:
    again = build_report(BuildRequest(make_project(tmp_path), tmp_path / "out", ("druck",)))
    assert again.written[0].read_bytes() == print_pdf.read_bytes()


def test_command_line_overrides_the_project_bleed(with_options: Path) -> None:
    with pikepdf.open(with_options) as pdf:
        trim, bleed, _ = _boxes(pdf.pages[0])
    assert trim[0] - bleed[0] == pytest.approx(5 * MM, abs=0.01)


def test_crop_marks_sit_outside_the_bleed_in_registration_colour(with_options: Path) -> None:
    with pikepdf.open(with_options) as pdf:
        for page_ in pdf.pages:
            _, bleed, media = _boxes(page_)
            assert media[0] < bleed[0] and media[3] > bleed[3]
            spaces = page_.Resources.ColorSpace
            assert spaces.RGReg[0] == pikepdf.Name.Separation
            assert spaces.RGReg[1] == pikepdf.Name.All
            strokes = [
                ([str(operand) for operand in instruction.operands], str(instruction.operator))
                for instruction in pikepdf.parse_content_stream(page_)
                if str(instruction.operator) in ("m", "l", "CS")
            ]
            marks = strokes[strokes.index((["/RGReg"], "CS")) + 1 :]
            points = [[float(v) for v in ops] for ops, _ in marks]
            assert len(points) == 16
            for x, y in points:  # every mark point lies outside the bleed box
                assert not (bleed[0] <= x <= bleed[2] and bleed[1] <= y <= bleed[3])


def test_pad_to_four_adds_blank_pages_at_the_end(with_options: Path) -> None:
    with pikepdf.open(with_options) as pdf:
        assert len(pdf.pages) % 4 == 0
        # the mini report has a multiple of four already; pad a copy with one page more
        pdf.pages.append(pdf.pages[0])
        pad_pages(pdf, 4)
        assert len(pdf.pages) % 4 == 0
        last = pdf.pages[-1]
        assert "/TrimBox" in last.obj and "/BleedBox" in last.obj
        assert not [i for i in pikepdf.parse_content_stream(last) if str(i.operator) == "TJ"]


def test_without_right_hand_chapters_no_blank_pages_come_between(with_options: Path) -> None:
    with pikepdf.open(with_options) as pdf:
        # chapter 1 takes three pages; without right-hand starts none is added before 2
        assert _page_of(pdf, "2 Bildung") - _page_of(pdf, "1 Bevölkerung") == 3
    preflight_text = with_options.with_name("testbericht-druck-preflight.txt").read_text("utf-8")
    assert "Schnittmarken:      ja, Passerfarbe" in preflight_text
    assert "Beschnitt 5,0 mm" in preflight_text


def test_missing_icc_profile_is_a_german_config_error_naming_the_option(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(print_setup, "DEFAULT_PROFILES", (tmp_path / "fehlt.icc",))
    with pytest.raises(ConfigError) as caught:
        build_report(
            BuildRequest(make_project(tmp_path), tmp_path / "out", ("pdf",), profiles=("druck",))
        )
    message = str(caught.value)
    assert "Kein CMYK-ICC-Profil" in message
    assert "druck.icc_profil" in message and "--icc-profil" in message
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize(
    ("bleed", "yaml", "message"),
    [
        (20.0, "20", "Das Feld „druck.beschnitt_mm“ muss höchstens 10 sein."),
        (0.5, "0.5", "Das Feld „druck.beschnitt_mm“ muss mindestens 1 sein."),
        (float("nan"), ".nan", "Das Feld „druck.beschnitt_mm“ muss eine endliche Zahl sein."),
    ],
)
def test_a_command_line_value_out_of_range_gets_the_message_of_reportgen_yml(
    tmp_path: Path, bleed: float, yaml: str, message: str
) -> None:
    with pytest.raises(InvalidInput) as caught:
        PrintOverrides(bleed_mm=bleed).apply(PrintConfig())
    (problem,) = caught.value.problems
    assert (problem.message, problem.hint, problem.location) == (
        message,
        "Gesetzt mit --beschnitt.",
        None,
    )
    project = make_project(tmp_path)
    config = project / "reportgen.yml"
    config.write_text(f"{config.read_text('utf-8')}druck:\n  beschnitt_mm: {yaml}\n", "utf-8")
    with pytest.raises(InvalidInput) as in_file:
        load_config(project)
    assert [p.message for p in in_file.value.problems] == [message]


def test_overrides_replace_only_what_the_command_line_sets() -> None:
    project = PrintConfig(beschnitt_mm=4, schnittmarken=False, kapitel_rechts=False)
    applied = PrintOverrides(Path("druckerei.icc"), 5, crop_marks=True).apply(project)
    assert applied.icc_profile == Path("druckerei.icc").resolve()
    assert (applied.bleed_mm, applied.crop_marks, applied.chapters_right) == (5.0, True, False)
    assert PrintOverrides().apply(project) == project


def test_an_rgb_profile_is_refused(tmp_path: Path) -> None:
    rgb = tmp_path / "srgb.icc"
    rgb.write_bytes(ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes())
    args = ["build", str(make_project(tmp_path)), "--format", "druck", "--icc-profil", str(rgb)]
    result = runner.invoke(app, [*args, "--out", str(tmp_path / "out")])
    assert result.exit_code == 1
    assert "kein CMYK-Profil" in result.output and "--icc-profil" in result.output
    assert "Traceback" not in result.output


def test_unknown_profile_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="Unbekanntes PDF-Profil „offset“"):
        build_report(BuildRequest(make_project(tmp_path), tmp_path / "out", profiles=("offset",)))


def test_build_fails_when_its_own_preflight_finds_rgb(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    druck = (DEFAULT_STYLES / "druck.css").as_uri()
    (project / "rot.css").write_text(
        f'@import url("{druck}");\nh1 {{ color: rgb(200 0 0); }}\n', encoding="utf-8"
    )
    config = project / "reportgen.yml"
    config.write_text(config.read_text("utf-8") + "druck:\n  css: rot.css\n", encoding="utf-8")
    with pytest.raises(RenderError) as caught:
        build_report(BuildRequest(project, tmp_path / "out", ("druck",)))
    assert "besteht den eigenen Preflight nicht" in str(caught.value)
    assert "RGB-Farben unter CMYK-Ausgabebedingung: DeviceRGB" in str(caught.value)
    assert not (tmp_path / "out").exists()


def test_preflight_finds_rgb_images_and_low_resolution() -> None:
    pdf = pikepdf.new()
    image = pdf.make_stream(
        bytes(30 * 30 * 3), Type=pikepdf.Name.XObject, Subtype=pikepdf.Name.Image,
        Width=30, Height=30, ColorSpace=pikepdf.Name.DeviceRGB, BitsPerComponent=8,
    )  # fmt: skip
    pdf.add_blank_page(page_size=(595, 842))
    page_ = pdf.pages[0]
    page_.obj.Resources = pikepdf.Dictionary(XObject=pikepdf.Dictionary(Im0=image))
    page_.obj.Contents = pdf.make_stream(b"q 72 0 0 72 100 100 cm /Im0 Do Q 1 0 0 rg")
    buffer = io.BytesIO()
    pdf.save(buffer)
    found = preflight(buffer.getvalue())
    assert found.inventory.lowest_ppi == pytest.approx(30)
    defects = "\n".join(found.defects)
    assert "Rasterbild mit 30 ppi im Druck (mindestens 300 ppi)" in defects
    assert "DeviceRGB" in defects and "Keine PDF/X-4-Kennung" in defects
    assert "TrimBox oder BleedBox fehlt: Seite 1." in defects


def test_svg_colours_become_the_palette_builds() -> None:
    palette = CmykPalette({"0072b2": (0.95, 0.5, 0.0, 0.05)}, Path("/nicht/gebraucht.icc"))
    svg = (
        b'<svg xmlns="http://www.w3.org/2000/svg"><path style="fill: #0072b2; stroke: #333333"/>'
        b'<rect fill="white" clip-path="url(#p0a1b2c3)"/><text style="font-size: 8px">x</text>'
        b"</svg>"
    )
    result = cmyk_svg(svg, palette).decode()
    assert "fill: device-cmyk(0.95 0.5 0 0.05)" in result
    assert "stroke: device-cmyk(0 0 0 0.8)" in result  # a grey without entry: pure K
    assert 'fill="device-cmyk(0 0 0 0)"' in result
    assert "url(#p0a1b2c3)" in result
    assert result.startswith('<svg fill="device-cmyk(0 0 0 1)"')  # unfilled text: 100 % K
    assert "#" not in result.replace("url(#p0a1b2c3)", "")


def test_fact_sheets_combine_into_one_print_pdf(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    out = tmp_path / "out"
    args = ["steckbriefe", str(project), "--format", "pdf", "--out", str(out), "--jobs", "1"]
    result = runner.invoke(app, [*args, "--profile", "druck"])
    assert result.exit_code == 0, result.output
    assert "Sammel-PDF für die Druckerei" in result.output
    target = out / "steckbriefe" / "steckbriefe-druck.pdf"
    assert (out / "steckbriefe" / "steckbriefe-druck-preflight.txt").is_file()
    with pikepdf.open(target) as pdf:
        with pdf.open_metadata() as xmp:
            assert xmp["pdfxid:GTS_PDFXVersion"] == "PDF/X-4"
        assert outline_titles(pdf) == ["Stadt Braunschweig", "Stadt Salzgitter"]
        assert _page_of(pdf, "Stadt Salzgitter") % 2 == 1  # every sheet on a front side
        profiles = {
            o.objgen for o in pdf.objects if isinstance(o, pikepdf.Stream) and "/N" in o
            and o.get("/Type") != pikepdf.Name.ObjStm
        }  # fmt: skip
        assert len(profiles) == 1  # one shared copy of the ICC profile
        findings = [
            f for n, p in enumerate(pdf.pages) for f in _rgb_findings(p.obj, p.Resources, str(n))
        ]
        assert findings == []
    found = preflight(target.read_bytes())
    assert found.defects == []
    assert found.inventory.images == 0  # the locator map is vector, not a raster
