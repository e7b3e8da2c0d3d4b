"""QR codes as SVG, with segno (pure Python): the authenticator app's enrolment and the
registrant's check-in code. Dark modules on a white square with a four-module quiet zone, so a
code reads on a dark page too."""

import base64
import io

import segno
from django.utils.html import escape
from django.utils.safestring import mark_safe


def _svg(text, *, scale, title=None, sized=True) -> bytes:
    out = io.BytesIO()
    segno.make(text, error="m", micro=False).save(
        out,
        kind="svg",
        scale=scale,
        border=4,
        dark="#000",
        light="#fff",
        xmldecl=False,
        svgns=not title,  # a standalone file needs the namespace; inline markup does not
        svgclass=None,
        lineclass=None,
        title=title,
        omitsize=not sized,
    )
    return out.getvalue()


def svg_data_uri(text, *, scale=8) -> str:
    """The code as a ``data:`` URI for an ``<img>`` (the page gives the ``alt`` text)."""
    return "data:image/svg+xml;base64," + base64.b64encode(_svg(text, scale=scale)).decode()


def svg_inline(text, *, label) -> str:
    """The code as inline ``<svg role="img">`` markup named by ``label`` (its text alternative,
    also the SVG's ``<title>``). It has a viewBox and no size: the stylesheet sizes it."""
    svg = _svg(text, scale=1, title=label, sized=False).decode()
    return mark_safe(
        svg.replace(
            "<svg ",
            f'<svg role="img" aria-label="{escape(label)}" shape-rendering="crispEdges" ',
            1,
        )
    )
