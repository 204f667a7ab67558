"""Scanned reports made the way agencies make them: a report printed, scanned to images, the images put in a PDF.

The report is the project's own rendering (WeasyPrint) of figures with one-, two- and three-digit numbers;
`pdftoppm` rasterises each page (150 dpi, as a scanner's default), Pillow puts the images in a PDF
with no text layer. `askew` turns and soils the pages as a flatbed scanner does.
"""

from __future__ import annotations

import io
import random
import shutil
import subprocess
import tempfile
from datetime import date
from pathlib import Path

from gongkai.statute.report import (
    APPEAL_COLUMNS,
    APPEAL_GROUPS,
    APPLICANT_KEYS,
    ROW_KEYS,
    DocumentCounts,
    Proactive,
    Report,
    Sections,
)


def tools_missing() -> str | None:
    """Why a scan cannot be made here (CI installs poppler-utils and fonts-noto-cjk), or None."""
    from gongkai.reports.parse import ocr
    from gongkai.reports.render.pdf import cjk_font_available

    if shutil.which("pdftoppm") is None:
        return "pdftoppm (poppler-utils) is not installed"
    if not cjk_font_available():
        return "no CJK font (fonts-noto-cjk) for WeasyPrint"
    if not ocr.available():
        return "rapidocr_onnxruntime cannot be imported"
    return None


def varied_report(seed: int = 7) -> Report:
    """A report whose cells hold numbers of one to three digits and whose every rule of arithmetic holds."""
    rng = random.Random(seed)
    outcomes = [key for key in ROW_KEYS if key not in ("new", "carried_in", "total", "carried_out")]
    applications = {key: {} for key in ROW_KEYS}
    for column in APPLICANT_KEYS:
        for key in outcomes:
            choices = [0, 0, rng.randint(1, 9), rng.randint(10, 99), rng.randint(100, 180)]
            applications[key][column] = rng.choice(choices)
        total = sum(applications[key][column] for key in outcomes)
        applications["total"][column] = total
        applications["carried_out"][column] = rng.randint(0, 30)
        applications["carried_in"][column] = rng.randint(0, min(total, 40))
        applications["new"][column] = total + applications["carried_out"][column] - applications["carried_in"][column]
    for cells in applications.values():
        cells["total"] = sum(cells[column] for column in APPLICANT_KEYS)
    appeals = {}
    for group in APPEAL_GROUPS:
        cells = {column: rng.randint(0, 14) for column in APPEAL_COLUMNS[:-1]}
        cells["total"] = sum(cells.values())
        appeals[group] = cells
    return Report(
        agency="叶城县宗朗乡人民政府",
        year=2024,
        published_on=date(2025, 1, 20),
        sections=Sections(
            overview="2024年，我乡认真贯彻落实《中华人民共和国政府信息公开条例》，主动公开政府信息。",
            problems="一是公开内容还不够全面；二是工作人员业务水平有待提高。下一步将加强培训。",
            other="本年度未收取信息处理费。",
        ),
        proactive=Proactive(
            regulations=DocumentCounts(issued=3, repealed=1, in_force=27),
            normative_documents=DocumentCounts(issued=14, repealed=6, in_force=158),
            licensing=4119,
            penalty=86,
            coercion=7,
            fees_10k_yuan=12.5,
        ),
        applications=applications,
        appeals=appeals,
    )


def rendered_pdf(report: Report) -> bytes:
    from gongkai.reports.render.pdf import render

    return render(report)[2]


def office_pdf(report: Report) -> bytes:
    """The project's .docx of the report saved as PDF by LibreOffice: the way an agency's office suite makes the
    PDF it prints (other fonts, line breaks and rulings than WeasyPrint's)."""
    from gongkai.reports.parse.readers import converters
    from gongkai.reports.render.docx import render

    tool = next((path for name, path in converters() if name in ("soffice", "libreoffice")), None)
    if tool is None:
        raise RuntimeError("LibreOffice is not installed (apt install libreoffice-writer-nogui)")
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "report.docx"
        source.write_bytes(render(report)[2])
        subprocess.run([tool, f"-env:UserInstallation=file://{folder}/profile", "--headless", "--convert-to", "pdf",
                        "--outdir", folder, str(source)], check=True, capture_output=True, timeout=180)
        return (Path(folder) / "report.pdf").read_bytes()


def page_images(pdf: bytes, dpi: int = 150) -> list:
    from PIL import Image

    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "report.pdf"
        source.write_bytes(pdf)
        subprocess.run(["pdftoppm", "-r", str(dpi), "-png", str(source), f"{folder}/page"], check=True, timeout=120)
        return [Image.open(path).convert("L").copy() for path in sorted(Path(folder).glob("page*.png"))]


def image_pdf(images, dpi: int = 150) -> bytes:
    """The pages as a PDF of images only: no text layer, as a scanner writes it."""
    out = io.BytesIO()
    first, *rest = [image.convert("RGB") for image in images]
    first.save(out, format="PDF", save_all=True, append_images=rest, resolution=dpi)
    return out.getvalue()


def askew(image, degrees: float, seed: int = 1):
    """A page turned a little and printed on grey paper with speckles."""
    import numpy as np
    from PIL import Image

    turned = image.rotate(degrees, resample=Image.BILINEAR, expand=False, fillcolor=255)
    pixels = np.asarray(turned).astype(float)
    noise = np.random.default_rng(seed).normal(0, 10, pixels.shape)
    return Image.fromarray(np.clip(pixels - 22 + noise, 0, 255).astype("uint8"))


def cells_of(report: Report) -> dict[str, object]:
    """Every cell of tables 二, 三 and 四 under one flat key."""
    data = report.to_json()
    flat: dict[str, object] = {}

    def walk(prefix: str, value) -> None:
        if isinstance(value, dict):
            for key, inner in value.items():
                walk(f"{prefix}.{key}", inner)
        else:
            flat[prefix] = value

    for table in ("proactive", "applications", "appeals"):
        walk(table, data[table])
    return flat
