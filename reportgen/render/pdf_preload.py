"""Imported once by the server that forks the render workers (``outputs.RENDER_PRELOAD``):
what every German PDF needs is then loaded before the first worker starts."""

from reportgen.render.pdf import warm_up

warm_up()
