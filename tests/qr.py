"""Reading QR codes in tests as a camera would: the page's markup drawn by WeasyPrint,
rasterised by pdftoppm (poppler-utils) and read by zxing-cpp."""

import subprocess

import zxingcpp
from PIL import Image
from weasyprint import HTML


def decode_qr(markup, tmp_path):
    """[(text, format name)] of the codes drawn by ``markup`` (inline ``<svg>`` or an ``<img>``
    with a ``data:`` URI, as the page has it), drawn 60 mm wide."""
    html = f'<html><body style="margin:0"><div style="width:60mm">{markup}</div></body></html>'
    pdf = tmp_path / "qr.pdf"
    pdf.write_bytes(HTML(string=html).write_pdf())
    subprocess.run(
        ["pdftoppm", "-r", "200", "-png", "-singlefile", str(pdf), str(tmp_path / "qr")],
        check=True,
        timeout=60,
    )
    with Image.open(tmp_path / "qr.png") as image:
        found = zxingcpp.read_barcodes(image.convert("L"))
    return [(code.text, code.format.name) for code in found]
