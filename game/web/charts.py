"""SVG charts for the end screen, drawn on the server (no chart library in the browser).

Every text that goes into the SVG is escaped here, because the result is put
into the page as markup. Lines carry a shape at each point and bars a letter,
so nothing relies on colour alone (Okabe-Ito colours, as the window).
"""

from __future__ import annotations

from html import escape

from markupsafe import Markup

W, H, PAD_L, PAD_R, PAD_T, PAD_B = 640, 220, 48, 16, 28, 34
CATEGORY_COLOUR = {"leadership": "#CC79A7", "management": "#0072B2", "development": "#009E73"}


def _x(t: int, turns: int) -> float:
    return PAD_L + (W - PAD_L - PAD_R) * (t / max(turns, 1))


def _y(v: float, low: float, high: float) -> float:
    share = (v - low) / (high - low) if high > low else 0.5
    return PAD_T + (H - PAD_T - PAD_B) * (1 - max(0.0, min(1.0, share)))


def line_chart(chart: dict) -> Markup:
    """One metric over the game: the line, a square at each turn, the phases marked with a dashed rule."""
    hist, low, high = chart["history"], chart["low"], chart["high"]
    lo = min(low, min(hist)) if low > -1e6 else min(hist)
    hi = max(high, max(hist)) if high < 1e6 else max(hist)
    if chart["unit"] == "k":  # money has a wide range: fit the axis to what happened
        lo, hi = min(hist) - 5, max(hist) + 5
    turns = len(hist) - 1
    title = escape(chart["title"])
    pts = " ".join(f"{_x(t, turns):.1f},{_y(v, lo, hi):.1f}" for t, v in enumerate(hist))
    label = f"{title}: from {hist[0]:.0f} to {hist[-1]:.0f} over {turns} turns"
    parts = [f'<svg viewBox="0 0 {W} {H}" role="img" aria-label="{label}" class="chart">',
             f'<text x="{PAD_L}" y="18" class="chart-title">{title}</text>']
    for v in (lo, (lo + hi) / 2, hi):
        y = _y(v, lo, hi)
        parts.append(f'<line x1="{PAD_L}" x2="{W - PAD_R}" y1="{y:.1f}" y2="{y:.1f}" class="grid"/>'
                     f'<text x="{PAD_L - 6}" y="{y + 4:.1f}" text-anchor="end" class="axis">{v:.0f}</text>')
    for t, name in chart["phases"]:
        x = _x(t, turns)
        parts.append(f'<line x1="{x:.1f}" x2="{x:.1f}" y1="{PAD_T}" y2="{H - PAD_B}" class="phase"/>'
                     f'<text x="{x + 4:.1f}" y="{PAD_T + 12}" class="axis">{escape(name)}</text>')
    parts.append(f'<polyline points="{pts}" class="line"/>')
    for t, v in enumerate(hist):
        parts.append(f'<rect x="{_x(t, turns) - 3:.1f}" y="{_y(v, lo, hi) - 3:.1f}" width="6" height="6" '
                     'class="point"/>')
    parts.append(f'<text x="{(W + PAD_L) / 2:.0f}" y="{H - 6}" text-anchor="middle" class="axis">turn</text>')
    for t in range(0, turns + 1, max(1, turns // 6)):
        parts.append(f'<text x="{_x(t, turns):.1f}" y="{H - PAD_B + 14}" text-anchor="middle" '
                     f'class="axis">{t}</text>')
    parts.append("</svg>")
    return Markup("".join(parts))


def mix_chart(mix: list[dict]) -> Markup:
    """Per phase, a stacked bar of leadership (L), management (M) and development (D) actions."""
    if not mix:
        return Markup("")
    row_h, left, width = 44, 150, 440
    height = row_h * len(mix) + 30
    most = max(max(1, m["leadership"] + m["management"] + m["development"]) for m in mix)
    label = "Actions per phase by kind: " + escape("; ".join(
        f"{m['title']}: {m['leadership']} leadership, {m['management']} management, "
        f"{m['development']} development" for m in mix))
    parts = [f'<svg viewBox="0 0 {left + width + 20} {height}" role="img" aria-label="{label}" class="chart">']
    for k, m in enumerate(mix):
        y = 10 + k * row_h
        parts.append(f'<text x="{left - 8}" y="{y + 20}" text-anchor="end" class="axis">{escape(m["title"])}</text>')
        x = left
        for cat, letter in (("leadership", "L"), ("management", "M"), ("development", "D")):
            n = m[cat]
            if not n:
                continue
            w = width * n / most
            parts.append(f'<rect x="{x:.1f}" y="{y}" width="{w:.1f}" height="28" fill="{CATEGORY_COLOUR[cat]}" '
                         'class="bar"/>')
            if w >= 26:
                parts.append(f'<text x="{x + w / 2:.1f}" y="{y + 19}" text-anchor="middle" class="bar-label">'
                             f'{letter} {n}</text>')
            x += w
    parts.append("</svg>")
    return Markup("".join(parts))


def sparkline(history: tuple[float, ...], low: float, high: float) -> Markup:
    """A metric's trend on the dashboard (decorative: the numbers beside it say the same)."""
    if len(history) < 2:
        return Markup("")
    lo, hi = (min(history) - 1, max(history) + 1) if high - low > 300 else (low, high)
    w, h = 120, 28
    pts = " ".join(f"{w * t / (len(history) - 1):.1f},{h - h * (v - lo) / (hi - lo):.1f}"
                   for t, v in enumerate(history))
    return Markup(f'<svg viewBox="0 0 {w} {h}" class="spark" aria-hidden="true" focusable="false">'
                  f'<polyline points="{pts}"/></svg>')
