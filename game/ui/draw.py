"""Custom drawing the widget library has no widget for: gauges, trend charts, the team, markers.

Every function draws into a given rect and reads only plain numbers, so the
same pieces serve the dashboard, the dialogs and the debrief at any size.
"""

from __future__ import annotations

import math

import pygame

from . import theme as T
from .markup import SIGNS_DRAWN


def panel(surf: pygame.Surface, rect: pygame.Rect, fonts: T.Fonts | None = None, title: str = "",
          radius: int = 10) -> pygame.Rect:
    """A rounded card with an optional title; returns the inner rect left for content."""
    pygame.draw.rect(surf, T.PANEL, rect, border_radius=radius)
    pygame.draw.rect(surf, T.PANEL_EDGE, rect, width=1, border_radius=radius)
    inner = panel_inner(rect, fonts, title)
    if title and fonts is not None:
        img = fonts.render(fonts.fit(title, inner.w, 15, True), 15, T.MUTED, True)
        surf.blit(img, (inner.x, inner.y - img.get_height() - 2))
    return inner


def panel_inner(rect: pygame.Rect, fonts: T.Fonts | None = None, title: str = "") -> pygame.Rect:
    """The rect `panel` leaves for content, known before drawing (a scene places widgets over it)."""
    pad = max(6, rect.h // 40, 8)
    inner = rect.inflate(-2 * pad, -2 * pad)
    if title and fonts is not None:
        h = fonts.render(fonts.fit(title, inner.w, 15, True), 15, T.MUTED, True).get_height()
        inner.y += h + 2
        inner.h -= h + 2
    return inner


def marker(surf: pygame.Surface, shape: str, centre, r: int, colour, filled: bool = True) -> None:
    """A point marker; shapes tell series apart without colour."""
    x, y = centre
    w = 0 if filled else 2
    if shape == "square":
        pygame.draw.rect(surf, colour, (x - r, y - r, 2 * r, 2 * r), w)
    elif shape == "triangle":
        pygame.draw.polygon(surf, colour, [(x, y - r - 1), (x - r - 1, y + r), (x + r + 1, y + r)], w)
    elif shape == "diamond":
        pygame.draw.polygon(surf, colour, [(x, y - r - 1), (x + r + 1, y), (x, y + r + 1), (x - r - 1, y)], w)
    else:
        pygame.draw.circle(surf, colour, (x, y), r, w)


def arrow(surf, centre, size: int, up: bool, colour) -> None:
    x, y = centre
    h = size // 2
    pts = [(x, y - h), (x - h, y + h), (x + h, y + h)] if up else [(x, y + h), (x - h, y - h), (x + h, y - h)]
    pygame.draw.polygon(surf, colour, pts)


def delta(surf, fonts: T.Fonts, text: str, direction: str, verdict: str, size: int = 13, right: int | None = None,
          left: int | None = None, y: int = 0) -> int:
    """A change as a triangle pointing up or down plus its signed text; returns the width drawn.

    Direction is told by the triangle and the sign, better or worse by the colour (both from the
    views), so the reading never depends on colour alone.
    """
    col = T.VERDICT_COLOUR[verdict]
    img = fonts.render(text, size, col, True)
    tri = img.get_height() // 2
    width = img.get_width() + tri + 6
    x = right - width if right is not None else left
    if direction != "same":
        arrow(surf, (x + tri // 2, y + img.get_height() // 2 + 1), tri, direction == "up", col)
    surf.blit(img, (x + tri + 6, y))
    return width


def check(surf, rect: pygame.Rect, colour) -> None:
    """A drawn check mark (the bundled font has no glyph for it)."""
    w = max(2, rect.w // 6)
    pygame.draw.lines(surf, colour, False, [(rect.x, rect.centery), (rect.x + rect.w // 3, rect.bottom),
                                            (rect.right, rect.y)], w)


def gauge(surf, rect: pygame.Rect, fonts: T.Fonts, row, colour, shape: str, below: int | None = None) -> dict:
    """A metric (a views MetricRow) as a labelled horizontal gauge with its value and change since last turn.

    The label and the value share the top line; the change sits at the end of the bar, so a long label
    never runs into it. `below` is how far down (a y) a mark's label may go under the bar, when the row has
    room there: a label with no room above the bar goes under it (target_mark). Returns the rects drawn
    (label, value, change, bar) and the label as written.
    """
    r = max(4, rect.h // 9)
    lh = fonts.line_height(15, True)
    marker(surf, shape, (rect.x + r + 1, rect.y + lh // 2), r, colour)
    val = fonts.render(f"{row.value:.0f}{row.unit}", 20, T.TEXT, True)
    value_r = val.get_rect(topright=(rect.right, rect.y - 2))
    surf.blit(val, value_r)
    label_x = rect.x + 2 * r + 8
    label = fonts.fit(row.title, value_r.x - label_x - 8, 15, True)
    img = fonts.render(label, 15, T.TEXT, True)
    label_r = img.get_rect(topleft=(label_x, rect.y))
    surf.blit(img, label_r)
    bar_h = max(8, rect.h // 4)
    bar = pygame.Rect(rect.x, rect.bottom - bar_h, rect.w, bar_h)
    change_r = pygame.Rect(rect.right, bar.centery, 0, 0)
    if row.change is not None:
        text_h = fonts.line_height(13, True)
        y = max(label_r.bottom, value_r.bottom - 4, bar.centery - text_h // 2)
        width = delta(surf, fonts, row.change_text, row.direction, row.verdict, 13, right=rect.right, y=y)
        change_r = pygame.Rect(rect.right - width, y, width, text_h)
        bar.w = max(bar.h * 2, change_r.x - 8 - bar.x)
    pygame.draw.rect(surf, (48, 56, 70), bar, border_radius=bar.h // 2)
    frac = row.level
    fill = bar.copy()
    fill.w = max(bar.h, int(bar.w * frac))
    pygame.draw.rect(surf, colour, fill, border_radius=bar.h // 2)
    top = max(label_r.bottom, value_r.bottom - 4)
    taken: list[pygame.Rect] = []
    lines_ = (*row.marks, *getattr(row, "crisis_marks", ()))  # the win's and a loss's lines, then the crises'
    # the win's label first (the goal keeps its place above the bar), then a loss's, then the crises'; of
    # each kind the leftwards-reading first
    order = sorted(range(len(lines_)), key=lambda k: (KIND_ORDER[mark_kind(lines_[k])],
                                                      lines_[k].clause.op in (">=", ">"), lines_[k].clause.value))
    placed = {k: target_mark(surf, fonts, row, lines_[k], bar, top, rect, taken, below) for k in order}
    marks = [placed[k] for k in range(len(lines_))]
    return {"metric": row.id, "label": label, "label_full": label == row.title, "label_rect": list(label_r),
            "value_rect": list(value_r), "change_rect": list(change_r), "bar_rect": list(bar), "marks": marks}


MARK_COLOUR = {"win": T.TEXT, "loss": T.VERMILION, "crisis": T.ORANGE}
KIND_ORDER = {"win": 0, "loss": 1, "crisis": 2}


def mark_kind(line) -> str:
    """'win' or 'loss' for a views.targets.Target, 'crisis' for a CrisisLine (where a crisis begins)."""
    return getattr(line, "kind", "crisis")


def target_mark(surf, fonts: T.Fonts, row, target, bar: pygame.Rect, top: int, rect: pygame.Rect,
                taken: list[pygame.Rect], below: int | None = None) -> dict:
    """A win's target, a loss's line or where a crisis begins on a gauge: a tick across the bar and its
    label ('win ≥ 68', 'crisis < 25k') above it, on the side of the tick where the condition holds (a win's
    'at least' reads rightwards, a loss's 'below' leftwards), so two marks close together keep apart.

    A label that would come within a gap of one drawn already (`taken`) goes under the bar at its own tick,
    on the first of the rows there that the row has room for (`below`) and whose tick can reach it without
    crossing another label, and only then right of the one it touches: pushed along one line, startup's three
    budget labels ran together as 'loss ≤ 0  crisis < 25  win ≥ 9', the win's label far from its tick (fresh
    player s6 finding 6); side by side with a narrow gap, 'loss ≤ 0k win ≥ 9k' over three ticks 15 px apart
    still read as one crowd (s6 player 2). A label that fits nowhere is not drawn (its tooltip says it)."""
    x = bar.x + int(round(bar.w * max(0.0, min(1.0, (target.clause.value - row.lo) / max(1e-9, row.hi - row.lo)))))
    x = max(bar.x + 1, min(bar.right - 2, x))
    kind = mark_kind(target)
    colour = MARK_COLOUR[kind]
    img = fonts.render(target.label, 11, colour, True)
    rightwards = target.clause.op in (">=", ">")
    gap = T.px(fonts.scale, 14)  # between two labels on a line, so they read as two, each at its own tick
    rows = [("above", bar.y - 2)]
    step = img.get_height() + 1
    while below is not None and bar.bottom + 3 + step * len(rows) <= below:  # the rows under the bar there is room for
        rows.append(("below", bar.bottom + 3 + step * len(rows)))
    label_r, where = None, "above"
    for slide in (False, True):  # first at its own tick (above, then below), then slid right of what it touches
        for where, bottom in rows:
            r = img.get_rect(bottomleft=(x + 3, bottom)) if rightwards else img.get_rect(bottomright=(x - 3, bottom))
            r.x = max(rect.x, min(bar.right - r.w, r.x))
            if slide:
                for other in sorted(taken, key=lambda o: o.x):
                    if r.inflate(2 * gap, 0).colliderect(other):
                        r.x = other.right + gap
            leader = pygame.Rect(x - 1, bar.bottom, 3, max(0, r.y - bar.bottom)) if where == "below" else None
            free = r.inflate(2 * gap, 0).collidelist(taken) < 0 and (leader is None or leader.collidelist(taken) < 0)
            fits = r.right <= bar.right + 4 and (r.y >= top - 2 if where == "above" else r.bottom <= below)
            if free and fits:
                label_r = r
                break
        if label_r is not None:
            break
    # the tick is drawn across the bar and, for a label under it, down to the label
    tick_bottom = bar.bottom + 2 if label_r is None or where == "above" else label_r.y
    pygame.draw.line(surf, T.BG, (x - 1, bar.y - 3), (x - 1, tick_bottom), 1)
    pygame.draw.line(surf, colour, (x, bar.y - 3), (x, tick_bottom), 2)
    if label_r is not None:
        surf.blit(img, label_r)
        taken.append(label_r)
    else:
        label_r, where = pygame.Rect(x, bar.y, 0, 0), ""
    return {"label": target.label, "drawn": target.label.translate(SIGNS_DRAWN), "kind": kind, "x": x, "label_rect": list(label_r), "row": where}


def chart_axis_width(fonts: T.Fonts, tick) -> int:
    """The width of a chart's axis numbers (so a caller can place marks under the plot)."""
    return max(fonts.font(11).size(t)[0] for t in ("100", tick(0), tick(0.5), tick(1))) + 6


def lines(surf, colour, points, width: int = 2, dash: tuple[float, ...] = (), scale: float = 1.0) -> None:
    """A polyline, solid or in a dash pattern (on and off lengths, charts.dash_lengths) that runs on across
    its corners, as an SVG stroke-dasharray does, so a line reads dashed however short its segments: a
    window chart's lines then match the report's (colour, marker and dash, so colour is never the only cue).
    `scale` stretches the pattern with the window's text size."""
    if len(points) < 2:
        return
    pattern = [max(1.0, n * scale * max(1, width) / 2) for n in dash]
    if not pattern or sum(pattern) <= 0:
        pygame.draw.lines(surf, colour, False, points, width)
        return
    if len(pattern) % 2:
        pattern = pattern * 2  # "2" means on 2, off 2, as in SVG
    k, left, on = 0, pattern[0], True
    for (x0, y0), (x1, y1) in zip(points, points[1:]):
        length = math.hypot(x1 - x0, y1 - y0)
        at = 0.0
        while at < length:
            step = min(left, length - at)
            if on:
                a, b = at / length, (at + step) / length
                pygame.draw.line(surf, colour, (round(x0 + (x1 - x0) * a), round(y0 + (y1 - y0) * a)),
                                 (round(x0 + (x1 - x0) * b), round(y0 + (y1 - y0) * b)), width)
            at += step
            left -= step
            if left <= 1e-9:
                k = (k + 1) % len(pattern)
                left, on = pattern[k], not on


def chart(surf, rect: pygame.Rect, fonts: T.Fonts, series: list[tuple],
          total_turns: int, lo: float = 0, hi: float = 100, marks: list[tuple[int, str]] = (),
          tick=None) -> None:
    """Trend lines over turns; each series (name, values, colour, marker shape[, dash pattern]) has its own
    colour, marker shape, dashes (`lines`) and end label. `tick(q)` writes the axis number at q (0 bottom, 1
    top; views.debrief.ChartGroup.tick adds the unit), else a plain number."""
    tick = tick or (lambda q: f"{lo + (hi - lo) * q:.0f}")
    label_w = max(fonts.font(12).size(name)[0] for name, *_ in series) + 24 if series else 0
    axis_w = chart_axis_width(fonts, tick)
    plot = pygame.Rect(rect.x + axis_w, rect.y + 4, max(20, rect.w - axis_w - label_w), max(20, rect.h - 22))
    for q in (0, 0.5, 1):
        y = plot.bottom - int(plot.h * q)
        pygame.draw.line(surf, (50, 58, 72), (plot.x, y), (plot.right, y), 1)
        img = fonts.render(tick(q), 11, T.FAINT)
        surf.blit(img, (rect.x, y - img.get_height() // 2))
    for turn, label in marks:  # phase changes as dashed verticals
        x = plot.x + int(plot.w * turn / max(1, total_turns))
        for y in range(plot.y, plot.bottom, 8):
            pygame.draw.line(surf, T.MUTED, (x, y), (x, min(y + 4, plot.bottom)), 1)
        surf.blit(fonts.render(label, 11, T.MUTED), (x + 3, plot.y))
    foot = fonts.render(f"turn 0 … {total_turns}", 11, T.FAINT)
    surf.blit(foot, (plot.x, plot.bottom + 4))
    ends = []
    for name, values, colour, shape, *dash in series:
        pts = [(plot.x + int(plot.w * i / max(1, total_turns)),
                plot.bottom - int(plot.h * (max(lo, min(hi, v)) - lo) / (hi - lo))) for i, v in enumerate(values)]
        lines(surf, colour, pts, 2, dash[0] if dash else (), fonts.scale)
        step = max(1, len(pts) // 12)
        for p in pts[::step] + pts[-1:]:
            marker(surf, shape, p, 3, colour)
        if pts:
            ends.append([pts[-1][1], name, colour, shape])
    _end_labels(surf, fonts, ends, plot, rect.right)


def _end_labels(surf, fonts, ends, plot, right) -> None:
    """Name each line at the right edge, nudged apart so labels never overlap."""
    ends.sort()
    h = fonts.line_height(12)
    for i in range(1, len(ends)):
        ends[i][0] = max(ends[i][0], ends[i - 1][0] + h)
    for y, name, colour, shape in ends:
        y = min(y, plot.bottom + 8)
        marker(surf, shape, (plot.right + 10, y), 4, colour)
        surf.blit(fonts.render(fonts.fit(name, right - plot.right - 18, 12), 12, T.TEXT),
                  (plot.right + 17, y - h // 2))


def team(surf, rect: pygame.Rect, fonts: T.Fonts, people: int, mood: float, stressed: bool = False) -> None:
    """The team as little figures whose faces smile, shrug or frown with morale (shape, not colour)."""
    cols = max(range(1, people + 1), key=lambda c: min(rect.w // c, rect.h // math.ceil(people / c)))
    rows = math.ceil(people / cols)
    size = min(rect.w // cols, rect.h // rows, 40)
    r = max(4, size // 3)
    colour = T.SKY if mood >= 60 else T.MUTED if mood >= 40 else T.ORANGE
    for k in range(people):
        cx = rect.x + size // 2 + (k % cols) * size
        cy = rect.y + size // 2 + (k // cols) * size
        pygame.draw.circle(surf, colour, (cx, cy - r // 3), r, 2)
        eye = max(1, r // 5)
        pygame.draw.circle(surf, colour, (cx - r // 3, cy - r // 2), eye)
        pygame.draw.circle(surf, colour, (cx + r // 3, cy - r // 2), eye)
        mouth = pygame.Rect(cx - r // 2, cy - r // 3, r, r // 2 + 1)
        if mood >= 60:
            pygame.draw.arc(surf, colour, mouth.move(0, -r // 4), math.pi, 2 * math.pi, 2)
        elif mood >= 40:
            pygame.draw.line(surf, colour, (mouth.x, mouth.centery), (mouth.right, mouth.centery), 2)
        else:
            pygame.draw.arc(surf, colour, mouth.move(0, r // 6), 0, math.pi, 2)


def split_bar(surf, rect: pygame.Rect, fonts: T.Fonts, parts: list[tuple[str, float, tuple]]) -> list[dict]:
    """A horizontal bar split into labelled shares (letters inside, so it reads without colour), each
    label in the ink that reads on its share's colour (T.ink_on). Returns each share drawn: its label,
    rect and colour, and whether the label fitted inside."""
    total = sum(v for _, v, _ in parts) or 1
    x = rect.x
    pygame.draw.rect(surf, (48, 56, 70), rect, border_radius=4)
    drawn = []
    for label, v, colour in parts:
        w = int(rect.w * v / total)
        if w <= 0:
            continue
        seg = pygame.Rect(x, rect.y, w, rect.h)
        pygame.draw.rect(surf, colour, seg)
        img = fonts.render(label, 12, T.ink_on(colour), True)
        fits = img.get_width() + 4 < w
        if fits:
            surf.blit(img, img.get_rect(center=seg.center))
        drawn.append({"label": label, "rect": [seg.x, seg.y, seg.w, seg.h], "colour": list(colour),
                      "label_shown": fits})
        x += w
    return drawn


def text_block(surf, rect: pygame.Rect, fonts: T.Fonts, text: str, size: int = 15, colour=T.TEXT,
               bold: bool = False) -> int:
    """Wrapped text clipped to the rect; returns the height used."""
    y = rect.y
    lh = fonts.line_height(size, bold)
    for line in fonts.wrap(text, rect.w, size, bold):
        if y + lh > rect.bottom:
            break
        surf.blit(fonts.render(line, size, colour, bold), (rect.x, y))
        y += lh
    return y - rect.y


OPTION_PAD = 38  # the caption's left padding of an option with a radio mark (theme "@option")


def option_fits(rect: pygame.Rect, text_w: int, scale: float) -> bool:
    """Whether an option's caption fits beside a radio mark (else its mark is a bar under the caption)."""
    return T.px(scale, OPTION_PAD) + text_w + T.px(scale, 8) <= rect.w


def option_mark(surf, rect: pygame.Rect, on: bool, scale: float, radio: bool = True) -> pygame.Rect:
    """The mark of an option button: a radio ring at its left, filled with a dot on the one chosen; on a
    button too narrow for that, a bar along the bottom of the chosen one (as a tab is marked).

    The chosen option differs from the others by this shape (and a blue fill), from the hovered one (a
    light thin border) and from the keyboard focus (a thick yellow ring with a pointer) by shape too,
    so none of the three is told by colour alone.
    """
    if not radio:
        bar = pygame.Rect(rect.x + T.px(scale, 10), rect.bottom - T.px(scale, 8), rect.w - T.px(scale, 20),
                          max(3, T.px(scale, 4)))
        if on:
            pygame.draw.rect(surf, T.TEXT, bar, border_radius=2)
        return bar
    r = max(6, T.px(scale, 9))
    centre = (rect.x + T.px(scale, 19), rect.centery)
    pygame.draw.circle(surf, T.TEXT if on else T.MUTED, centre, r, max(2, T.px(scale, 2)))
    if on:
        pygame.draw.circle(surf, T.TEXT, centre, max(3, r - T.px(scale, 4)))
    return pygame.Rect(centre[0] - r, centre[1] - r, 2 * r, 2 * r)


def focus_ring(surf, rect: pygame.Rect) -> None:
    """Keyboard focus: a thick yellow double outline with a pointer, visible on any background (the only
    thing drawn yellow around a button: hover is a thin light border, a chosen option has a mark)."""
    pygame.draw.rect(surf, T.YELLOW, rect.inflate(6, 6), 3, border_radius=10)
    pygame.draw.rect(surf, T.BG, rect.inflate(10, 10), 1, border_radius=12)
    y = rect.centery
    pygame.draw.polygon(surf, T.YELLOW, [(rect.x - 4, y), (rect.x - 12, y - 6), (rect.x - 12, y + 6)])
