"""Scanned reports: PDF pages without a text layer, read by OCR.

RapidOCR (PP-OCRv4 models shipped inside the `rapidocr_onnxruntime` wheel: nothing is downloaded at run
time) reads the page image. Tables are found by their ruling, not by the text detector: a whole-page
detector misses a lone “0” in a cell, and the national format's tables are ruled. So:

1. grid lines by morphology (long thin runs of ink), grouped into tables;
2. the grid's cells, merged where a line is missing (rowspan/colspan), each cell's ink cut into text
   lines by its horizontal projection and recognised on its own;
3. rows as `a | b | c` lines with a merged cell's text in its first row (what pdfplumber gives for a PDF
   with a text layer), so the parser reads a scan exactly as it reads the same PDF with text;
4. text outside the tables by detector + recogniser, boxes grouped into lines by vertical overlap.

A number cell recognised below `MIN_NUMBER_SCORE` is written as `UNSURE` instead of a guess: the
table reader treats it as an unreadable cell.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np

from .tokens import UNSURE

DPI = 200
INK = 160  # grey level under which a pixel is ink (0 black … 255 white)
MIN_NUMBER_SCORE = 0.80
MIN_TEXT_SCORE = 0.50
RULING_WIDTH = 3  # pixels at DPI: a ruling's sliver left inside a cell is this thin and hugs the cell's side
NUMBERISH = re.compile(r"^[\d\s.,，。oOlI|-]*\d[\d\s.,，。oOlI|-]*$")


@dataclass
class PageText:
    lines: list[str]
    cells: int = 0  # table cells with text
    unsure: int = 0  # of them, recognised below the confidence the kind of cell needs: written as UNSURE
    lowest: float | None = None  # the lowest confidence among the cells kept


@dataclass
class OcrResult:
    pages: list[PageText] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "\n".join(line for page in self.pages for line in page.lines)

    @property
    def unsure(self) -> int:
        return sum(page.unsure for page in self.pages)

    @property
    def cells(self) -> int:
        return sum(page.cells for page in self.pages)


@lru_cache(maxsize=1)
def engine():
    """One engine per process (loading the three models takes a second)."""
    from rapidocr_onnxruntime import RapidOCR

    return RapidOCR()


def available() -> bool:
    try:
        import rapidocr_onnxruntime  # noqa: F401
    except ImportError:
        return False
    return True


def page_image(page, dpi: int = DPI) -> np.ndarray:
    """A pdfplumber page rendered to a grey image (pypdfium2 under pdfplumber)."""
    image = page.to_image(resolution=dpi).original.convert("L")
    return np.asarray(image)


def read_page(gray: np.ndarray, dpi: int = DPI) -> PageText:
    """One page image → its lines in reading order, tables as `a | b | c` rows."""
    gray = deskew(gray, dpi)
    ink = ink_of(gray)
    tables = find_tables(ink, dpi)
    items: list[tuple[int, str]] = []
    page = PageText(lines=[])
    masked = gray.copy()
    for table in tables:
        rows, scores, unsure = read_table(gray, ink, table)
        page.cells += len(scores)
        page.unsure += unsure
        kept = [score for score in scores if score is not None]
        if kept:
            page.lowest = min(kept + ([page.lowest] if page.lowest is not None else []))
        items.append((table.top, "\n".join(rows)))
        masked[table.top : table.bottom + 1, table.left : table.right + 1] = 255
    items.extend(text_lines(masked))
    items.sort(key=lambda item: item[0])
    page.lines = [text for _, text in items if text.strip()]
    return page


def ink_of(gray: np.ndarray) -> np.ndarray:
    """1 where there is ink: Otsu's threshold (a scan's paper is grey, not white), never lighter than INK."""
    import cv2

    level, _ = cv2.threshold(gray, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    return (gray < min(max(level, 90), INK + 40)).astype(np.uint8)


def deskew(gray: np.ndarray, dpi: int = DPI) -> np.ndarray:
    """A page scanned a little askew, turned straight by the slope of its longest horizontal rulings.

    Grid lines are found by straight runs of ink and compared at a few pixels' tolerance, so half a
    degree over a page's width (10 px) would break the table apart.
    """
    import cv2

    ink = ink_of(gray)
    runs = _runs(ink, 1, int(0.25 * dpi))
    count, labels, stats, _ = cv2.connectedComponentsWithStats(runs, connectivity=8)
    slopes, weights = [], []
    for i in sorted(range(1, count), key=lambda i: -stats[i][2])[:8]:
        if stats[i][2] < 2 * dpi:
            break
        left, top, width, height = stats[i][:4]
        ys, xs = np.nonzero(labels[top : top + height, left : left + width] == i)
        slopes.append(np.polyfit(xs, ys, 1)[0])
        weights.append(stats[i][2])
    if not slopes:
        return gray
    angle = float(np.degrees(np.arctan(np.average(slopes, weights=weights))))
    if abs(angle) < 0.05 or abs(angle) > 5:
        return gray
    height, width = gray.shape
    matrix = cv2.getRotationMatrix2D((width / 2, height / 2), angle, 1.0)
    return cv2.warpAffine(gray, matrix, (width, height), flags=cv2.INTER_LINEAR, borderValue=255)


# --- the grid ------------------------------------------------------------------------------------


@dataclass
class Table:
    ys: list[int]  # horizontal rulings, top to bottom
    xs: list[int]  # vertical rulings, left to right
    h_mask: np.ndarray  # the horizontal ruling ink of the page
    v_mask: np.ndarray

    @property
    def top(self) -> int:
        return self.ys[0]

    @property
    def bottom(self) -> int:
        return self.ys[-1]

    @property
    def left(self) -> int:
        return self.xs[0]

    @property
    def right(self) -> int:
        return self.xs[-1]


def _runs(mask: np.ndarray, axis: int, length: int) -> np.ndarray:
    """Ink of `mask` that belongs to straight runs at least `length` long along `axis` (morphological opening)."""
    import cv2

    kernel = np.ones((1, length) if axis == 1 else (length, 1), np.uint8)
    return cv2.morphologyEx(mask, cv2.MORPH_OPEN, kernel)


def _positions(profile: np.ndarray, minimum: float) -> list[int]:
    """Centres of the consecutive stretches where `profile` ≥ minimum (a ruling is a few pixels thick)."""
    hits = np.flatnonzero(profile >= minimum)
    if hits.size == 0:
        return []
    groups = np.split(hits, np.flatnonzero(np.diff(hits) > 2) + 1)
    return [int(round(group.mean())) for group in groups]


def find_tables(ink: np.ndarray, dpi: int = DPI) -> list[Table]:
    import cv2

    inch = dpi / 1.0
    h_mask = _runs(ink, 1, int(0.35 * inch))
    v_mask = _runs(ink, 0, int(0.12 * inch))
    frame = cv2.dilate(h_mask | v_mask, np.ones((5, 5), np.uint8))
    count, _labels, stats, _ = cv2.connectedComponentsWithStats(frame, connectivity=8)
    tables = []
    for i in range(1, count):
        x, y, w, h, _area = stats[i]
        if w < inch or h < 0.2 * inch:
            continue
        h_region = h_mask[y : y + h, x : x + w]
        v_region = v_mask[y : y + h, x : x + w]
        ys = [y + p for p in _positions(h_region.sum(axis=1), 0.3 * inch)]
        xs = [x + p for p in _positions(v_region.sum(axis=0), 0.1 * inch)]
        # A ruling crosses at least one whole row; a character's stroke never does (cells have padding).
        bands = list(zip(ys, ys[1:], strict=False))
        xs = [c for c in xs if any(_covered(v_mask, c, a, b, axis=0, share=0.9) for a, b in bands)]
        if len(ys) >= 2 and len(xs) >= 2:
            tables.append(Table(ys, xs, h_mask, v_mask))
    return sorted(tables, key=lambda t: t.top)


def _covered(mask: np.ndarray, fixed: int, start: int, end: int, axis: int, share: float = 0.6) -> bool:
    """Whether a ruling runs along most of [start, end] at `fixed` (a row for axis 1, a column for axis 0)."""
    if end - start < 4:
        return True
    lo, hi = max(fixed - 3, 0), fixed + 4
    if axis == 1:
        strip = mask[lo:hi, start + 2 : end - 2].max(axis=0)
    else:
        strip = mask[start + 2 : end - 2, lo:hi].max(axis=1)
    return strip.size > 0 and strip.mean() >= share


def cell_groups(table: Table) -> list[list[tuple[int, int] | None]]:
    """The grid's base cells → the merged cell each belongs to, as the (row, column) of its top-left base cell."""
    rows, cols = len(table.ys) - 1, len(table.xs) - 1
    parent = {(r, c): (r, c) for r in range(rows) for c in range(cols)}

    def find(cell):
        while parent[cell] != cell:
            parent[cell] = parent[parent[cell]]
            cell = parent[cell]
        return cell

    def union(a, b):
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)

    for r in range(rows):
        for c in range(cols):
            y0, y1, x0, x1 = table.ys[r], table.ys[r + 1], table.xs[c], table.xs[c + 1]
            if c + 1 < cols and not _covered(table.v_mask, table.xs[c + 1], y0, y1, axis=0):
                union((r, c), (r, c + 1))
            if r + 1 < rows and not _covered(table.h_mask, table.ys[r + 1], x0, x1, axis=1):
                union((r, c), (r + 1, c))
    return [[find((r, c)) for c in range(cols)] for r in range(rows)]


def read_table(gray: np.ndarray, ink: np.ndarray, table: Table) -> tuple[list[str], list[float | None], int]:
    """The table's rows as `a | b | c` lines, the confidence of each cell with text (None: left unreadable), and
    how many cells were left unreadable."""
    from .readers import row_line

    groups = cell_groups(table)
    boxes: dict[tuple[int, int], list[int]] = {}
    for r, row in enumerate(groups):
        for c, root in enumerate(row):
            box = boxes.setdefault(root, [table.ys[r], table.xs[c], table.ys[r + 1], table.xs[c + 1]])
            box[2], box[3] = max(box[2], table.ys[r + 1]), max(box[3], table.xs[c + 1])
    texts, scores, unsure = {}, [], 0
    crops: list[np.ndarray] = []
    owners: list[tuple[int, int]] = []
    for root, (y0, x0, y1, x1) in boxes.items():
        for crop in cell_lines(gray, ink, y0, x0, y1, x1):
            crops.append(crop)
            owners.append(root)
    read = second_look(crops, recognise(crops))
    parts: dict[tuple[int, int], list[tuple[str, float]]] = {}
    for owner, result in zip(owners, read, strict=True):
        parts.setdefault(owner, []).append(result)
    for root, lines in parts.items():
        text = "".join(t for t, _ in lines).strip()
        score = min(s for _, s in lines)
        if NUMBERISH.match(text):
            text = _number_text(text)
            if score < MIN_NUMBER_SCORE or text is None:
                text, score, unsure = UNSURE, None, unsure + 1
        elif score < MIN_TEXT_SCORE and not re.search(r"[\u4e00-\u9fff]{2}", text):
            text, score, unsure = UNSURE, None, unsure + 1
        scores.append(score)
        texts[root] = text
    out = []
    for r, row in enumerate(groups):
        cells_of_row = [texts.get(root, "") if root == (r, c) else "" for c, root in enumerate(row)]
        out.append(row_line(cells_of_row))
    return out, scores, unsure


def _number_text(text: str) -> str | None:
    """A number cell's recognised text → its digits (“1,234” kept for the tokenizer), None if not one number."""
    cleaned = text.replace(" ", "").replace("，", ",").replace("。", ".")
    cleaned = cleaned.translate(str.maketrans({"o": "0", "O": "0", "l": "1", "I": "1", "|": "1"}))
    if re.fullmatch(r"\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?|-", cleaned):
        return cleaned
    return None


def cell_lines(gray: np.ndarray, ink: np.ndarray, y0: int, x0: int, y1: int, x1: int) -> list[np.ndarray]:
    """The text lines inside one cell (its rulings left out), each as a padded crop for the recogniser."""
    pad = 4
    inner = ink[y0 + pad : y1 - pad + 1, x0 + pad : x1 - pad + 1]
    if inner.size == 0 or inner.sum() < 6:
        return []
    rows = np.flatnonzero(inner.sum(axis=1) > 0)
    bands = np.split(rows, np.flatnonzero(np.diff(rows) > 2) + 1)
    crops = []
    for band in bands:
        top, bottom = int(band[0]), int(band[-1])
        if bottom - top < 3:
            continue  # a speck, or the end of a ruling
        strip = inner[top : bottom + 1]
        cols = np.flatnonzero(strip.sum(axis=0) > 0)
        left, right = int(cols[0]), int(cols[-1])
        if right - left <= RULING_WIDTH and (left <= RULING_WIDTH or right >= strip.shape[1] - 1 - RULING_WIDTH):
            continue  # a sliver of the cell's own ruling (a page turned a little), not a “1” set in the cell
        margin = max(4, (bottom - top) // 3)
        gy0 = max(y0 + pad + top - margin, 0)
        gy1 = y0 + pad + bottom + margin + 1
        gx0 = max(x0 + pad + left - margin, 0)
        gx1 = x0 + pad + right + margin + 1
        crops.append(gray[gy0:gy1, gx0:gx1])
    return crops


def recognise(crops: list[np.ndarray]) -> list[tuple[str, float]]:
    """Text and confidence of each crop (one text line each), recognised in batches."""
    if not crops:
        return []
    import cv2

    images = [cv2.cvtColor(crop, cv2.COLOR_GRAY2BGR) for crop in crops]
    results, _elapsed = engine().text_rec(images)
    return [(text, float(score)) for text, score in results]


def second_look(crops: list[np.ndarray], read: list[tuple[str, float]]) -> list[tuple[str, float]]:
    """Numbers read below MIN_NUMBER_SCORE are read once more from the crop made black on white (blurred a little
    against speckles, then Otsu's threshold): on grey or soiled paper a short number such as “11” is a few thin
    grey strokes and the recogniser doubts it. The second reading counts only if it is itself confident and a
    number; otherwise the first reading stands and the cell stays unreadable."""
    import cv2

    doubtful = [i for i, (text, score) in enumerate(read) if score < MIN_NUMBER_SCORE and NUMBERISH.match(text)]
    if not doubtful:
        return read
    cleaned = []
    for i in doubtful:
        blurred = cv2.GaussianBlur(crops[i], (3, 3), 0)
        cleaned.append(cv2.threshold(blurred, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)[1])
    out = list(read)
    for i, (text, score) in zip(doubtful, recognise(cleaned), strict=True):
        if score >= MIN_NUMBER_SCORE and NUMBERISH.match(text) and _number_text(text) is not None:
            out[i] = (text, score)
    return out


# --- text outside the tables ---------------------------------------------------------------------


def text_lines(gray: np.ndarray) -> list[tuple[int, str]]:
    """The page's running text: detected boxes grouped into lines by vertical overlap, left to right."""
    import cv2

    result, _ = engine()(cv2.cvtColor(gray, cv2.COLOR_GRAY2BGR))
    boxes = []
    for points, text, score in result or []:
        if float(score) < MIN_TEXT_SCORE:
            continue
        ys = [p[1] for p in points]
        xs = [p[0] for p in points]
        boxes.append((min(ys), max(ys), min(xs), text))
    boxes.sort(key=lambda b: (b[0] + b[1]) / 2)
    lines: list[list] = []
    for top, bottom, left, text in boxes:
        middle = (top + bottom) / 2
        if lines and lines[-1][0] <= middle <= lines[-1][1]:
            lines[-1][2].append((left, text))
            lines[-1][1] = max(lines[-1][1], bottom)
        else:
            lines.append([top, bottom, [(left, text)]])
    return [(int(top), " ".join(t for _, t in sorted(parts))) for top, _, parts in lines]
