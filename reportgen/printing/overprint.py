"""Black overprint: text and lines in 100 % K print over what lies beneath, so a shift of the
printing plates leaves no white halo around them on tinted boxes.

CSS has no way to ask for overprint and WeasyPrint writes none, so pikepdf adds it: after every
colour operator of a page or form the overprint flags of the graphics state (``/op`` for
fills and text, ``/OP`` for lines, ``/OPM 1``) are switched to match, on for pure K, off for
every other colour and before images, blends and forms. Overprint is part of the graphics state
and so saved and restored with the colour by q/Q."""

from __future__ import annotations

import pikepdf

from reportgen.printing.inks import PURE_K, Paint, next_paint

_STATE_NAMES = {
    (fill, stroke): f"/RGOverprint{int(fill)}{int(stroke)}"
    for fill in (False, True)
    for stroke in (False, True)
}
_RESET_BEFORE = {"Do", "sh", "BI", "INLINE IMAGE"}


def overprint_black(document: pikepdf.Pdf) -> None:
    """Set black overprint on every page and every form XObject they draw."""
    states: dict[str, pikepdf.Object] = {
        name: document.make_indirect(
            pikepdf.Dictionary(Type=pikepdf.Name.ExtGState, op=fill, OP=stroke, OPM=1)
        )
        for (fill, stroke), name in _STATE_NAMES.items()
    }
    done: set[tuple[int, int]] = set()
    for page in document.pages:
        resources = page.obj.get("/Resources")
        if resources is None:
            continue
        data = _rewrite(page.obj, resources, states, done, start=(False, False), depth=0)
        page.obj.Contents = document.make_stream(data)


def _rewrite(
    holder: pikepdf.Object, resources: pikepdf.Object, states: dict[str, pikepdf.Object],
    done: set[tuple[int, int]], start: tuple[bool, bool] | None, depth: int,
) -> bytes:  # fmt: skip
    """The content stream with overprint switched on and off; ``start`` is the state the
    stream begins in (``None``: unknown, as for a form drawn from anywhere)."""
    if "/ExtGState" not in resources:
        resources.ExtGState = pikepdf.Dictionary()
    for name, state in states.items():
        if name not in resources.ExtGState:
            resources.ExtGState[name] = state
    paint, stack = Paint(), []
    applied, applied_stack = start, []
    out: list[pikepdf.ContentStreamInstruction | pikepdf.ContentStreamInlineImage] = []

    def switch(wanted: tuple[bool, bool]) -> None:
        nonlocal applied
        if wanted != applied:
            name = pikepdf.Name(_STATE_NAMES[wanted])
            out.append(pikepdf.ContentStreamInstruction([name], pikepdf.Operator("gs")))
            applied = wanted

    for item in pikepdf.parse_content_stream(holder):
        if isinstance(item, pikepdf.ContentStreamInlineImage):
            switch((False, False))
            out.append(item)
            continue
        operator = str(item.operator)
        if operator in _RESET_BEFORE:
            switch((False, False))
            if operator == "Do" and depth < 12:
                _form(str(item.operands[0]), resources, states, done, depth)
        out.append(item)
        if operator == "q":
            stack.append(paint)
            applied_stack.append(applied)
        elif operator == "Q" and stack:
            paint, applied = stack.pop(), applied_stack.pop()
        else:
            before = paint
            paint = next_paint(paint, operator, list(item.operands), resources)
            if paint != before and operator != "gs":
                switch((paint.fill == PURE_K, paint.stroke == PURE_K))
    return pikepdf.unparse_content_stream(out)


def _form(
    name: str, resources: pikepdf.Object, states: dict[str, pikepdf.Object],
    done: set[tuple[int, int]], depth: int,
) -> None:  # fmt: skip
    form = resources.get("/XObject", pikepdf.Dictionary()).get(name)
    if form is None or form.get("/Subtype") != pikepdf.Name.Form or form.objgen in done:
        return
    done.add(form.objgen)
    own = form.get("/Resources", resources)
    form.write(_rewrite(form, own, states, done, start=None, depth=depth + 1))
