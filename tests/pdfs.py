"""Reading generated PDFs in tests: text (pdftotext), fonts (pdffonts), tagged structure."""

import io
import subprocess

import pikepdf


def text_of(data, tmp_path, name):
    path = tmp_path / name
    path.write_bytes(data)
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def fonts_of(data, tmp_path, name):
    path = tmp_path / name
    path.write_bytes(data)
    lines = subprocess.run(
        ["pdffonts", str(path)], capture_output=True, text=True, check=True
    ).stdout.splitlines()[2:]
    return [line.split() for line in lines if line.strip()]


def structure_of(data):
    """The tagged PDF's structure types, language, title and table cells with headers."""
    with pikepdf.open(io.BytesIO(data)) as document:
        root = document.Root
        assert "/StructTreeRoot" in root
        types, scopes, stack = set(), [], [root.StructTreeRoot]
        while stack:
            node = stack.pop()
            if isinstance(node, pikepdf.Array):
                stack.extend(node)
                continue
            if not isinstance(node, pikepdf.Dictionary):
                continue
            if "/S" in node:
                types.add(str(node.S))
                if str(node.S) == "/TD" and "/A" in node and "/Headers" in node.A:
                    scopes.append(len(node.A.Headers))
            if "/K" in node:
                stack.append(node.K)
        return {
            "types": types,
            "lang": str(root.get("/Lang", "")),
            "display_doc_title": bool(root.ViewerPreferences.DisplayDocTitle),
            "marked": bool(root.MarkInfo.Marked),
            "title": str(document.docinfo.get("/Title", "")),
            "cells_with_headers": len(scopes),
        }
