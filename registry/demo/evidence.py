"""Small, real evidence files for the demo: one-page PDFs and a PNG, made here without tools.

The demo's 2026 assessment carries them, so its evidence pack has something in it; tests use
them as ordinary uploads.
"""

import struct
import unicodedata
import zlib


def _pdf_text(text):
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def pdf_document(title, lines=()):
    """Return a valid one-page A4 PDF showing ``title`` and a few ``lines`` (ASCII)."""
    body = [f"BT /F1 16 Tf 56 780 Td ({_pdf_text(title)}) Tj ET"]
    for n, line in enumerate(lines):
        body.append(f"BT /F1 11 Tf 56 {748 - 16 * n} Td ({_pdf_text(line)}) Tj ET")
    stream = "\n".join(body).encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, content in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + content + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1, xref)
    return bytes(out)


def png_image(width=320, height=180, seed=0):
    """Return a valid PNG: coloured bars, like a chart on a screenshot (``seed`` varies it)."""
    colours = ((13, 110, 253), (25, 135, 84), (255, 193, 7), (220, 53, 69), (108, 117, 125))
    rows = []
    for y in range(height):
        row = bytearray([0])
        for x in range(width):
            bar = (x * 5 // width + seed) % len(colours)
            top = height - (30 + 25 * ((bar + seed) % 5))
            row += bytes(colours[bar] if y >= top else (248, 249, 250))
        rows.append(bytes(row))

    def chunk(kind, data):
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header)
            + chunk(b"IDAT", zlib.compress(b"".join(rows), 9)) + chunk(b"IEND", b""))
