"""The dashboard's layout and its custom-drawn panels (top bar, metrics with trends, leader and team).

Layout is computed from the window size only, as rects, so the same code
serves 1024x600 up to 1920x1080 and tests can check that nothing overlaps.
What the panels say comes from the views' `Dashboard` (game/views/dashboard.py).
"""

from __future__ import annotations

from dataclasses import dataclass

import pygame

from ..views.dashboard import Dashboard
from ..views import lines, tables
from ..views.help import dashboard_hints
from . import draw
from . import theme as T
from .markup import Html, plain


@dataclass
class Layout:
    top: pygame.Rect
    company: pygame.Rect
    leader: pygame.Rect
    cards: pygame.Rect
    strip: pygame.Rect
    columns: list[pygame.Rect]
    practice: pygame.Rect | None = None  # a practice's lines, under the top bar (`practice_rows`)


PRACTICE_SIZE = 12  # the practice lines' text size


def practice_rows(practice: tuple[str, ...], width: int, fonts: T.Fonts) -> list[tuple[str, bool, int]]:
    """A practice's lines wrapped to `width`, as (text, bold, which line): the third (the review's better
    decision, the point of the practice) is bold. Each is shown whole: the top bar cut them to its corner,
    so the better decision the player came to follow read "…answer:…" (s6 player 2, finding 5)."""
    out = []
    for k, line in enumerate(practice):
        bold = k == 2
        out += [(row, bold, k) for row in fonts.wrap(line, width, PRACTICE_SIZE, bold)]
    return out


def layout(size: tuple[int, int], scale: float, fonts: T.Fonts, practice: tuple[str, ...] = ()) -> Layout:
    """The dashboard's rects; a practice's lines get a band of their own under the top bar, as tall as they
    need wrapped to the window's width (at 1024x600 too)."""
    w, h = size
    m = T.px(scale, 14)
    top_h = fonts.line_height(20, True) + fonts.line_height(12) + T.px(scale, 14)
    top = pygame.Rect(m, m, w - 2 * m, top_h)
    band = None
    body_y = top.bottom + m
    if practice:
        pad = T.px(scale, 8)
        rows = practice_rows(practice, top.w - 2 * T.px(scale, 12), fonts)
        band_h = sum(fonts.line_height(PRACTICE_SIZE, bold) for _, bold, _ in rows) + pad
        band = pygame.Rect(m, top.bottom + T.px(scale, 6), top.w, band_h)
        body_y = band.bottom + m
    left_w = int(w * 0.36)
    body_h = h - body_y - m
    leader_h = max(T.px(scale, 118), int(body_h * 0.30))
    company = pygame.Rect(m, body_y, left_w, body_h - leader_h - m)
    leader = pygame.Rect(m, company.bottom + m, left_w, leader_h)
    strip_h = T.px(scale, 52)
    right_x = company.right + m
    cards = pygame.Rect(right_x, body_y, w - right_x - m, body_h - strip_h - m)
    strip = pygame.Rect(right_x, cards.bottom + m, cards.w, strip_h)
    gap = T.px(scale, 10)
    col_w = (cards.w - 2 * gap) // 3
    columns = [pygame.Rect(cards.x + i * (col_w + gap), cards.y, col_w, cards.h) for i in range(3)]
    return Layout(top, company, leader, cards, strip, columns, band)


def practice_band(surf, r: pygame.Rect, fonts: T.Fonts, practice: tuple[str, ...]) -> list[str]:
    """The practice's lines in their band: what it is a practice of (yellow), the original's choice here
    (muted) and, at the practised turn, the review's better decision (bright, bold). Returns the rows drawn."""
    pygame.draw.rect(surf, T.PANEL, r, border_radius=6)
    pygame.draw.rect(surf, T.YELLOW, (r.x, r.y, T.px(fonts.scale, 4), r.h), border_radius=2)
    x, y = r.x + T.px(fonts.scale, 12), r.y + T.px(fonts.scale, 4)
    drawn = []
    for text, bold, k in practice_rows(practice, r.w - 2 * T.px(fonts.scale, 12), fonts):
        colour = T.YELLOW if k == 0 else (T.TEXT if k == 2 else T.MUTED)
        surf.blit(fonts.render(text, PRACTICE_SIZE, colour, bold), (x, y))
        drawn.append(text)
        y += fonts.line_height(PRACTICE_SIZE, bold)
    return drawn


def top_bar(surf, r: pygame.Rect, fonts: T.Fonts, view: Dashboard, right_reserved: int) -> None:
    """Turn, phase with progress to the next one, budget, crises."""
    draw.panel(surf, r)
    pad = T.px(fonts.scale, 12)
    x = r.x + pad
    title = fonts.render(view.heading, 20, T.TEXT, True)
    surf.blit(title, (x, r.y + pad // 2))
    sub = fonts.fit(view.scenario_title, max(60, r.w // 4), 12)
    surf.blit(fonts.render(sub, 12, T.MUTED), (x, r.y + pad // 2 + title.get_height()))
    x += max(title.get_width(), fonts.font(12).size(sub)[0]) + 2 * pad
    phase_w = max(T.px(fonts.scale, 180), int(r.w * 0.28))
    _phase_block(surf, pygame.Rect(x, r.y + pad // 2, phase_w, r.h - pad), fonts, view)
    x += phase_w + 2 * pad
    crises = [c.title for c in view.crises]
    room = r.right - right_reserved - pad - x
    if crises and room > 60:  # (a practice's lines have their own band under the bar: `practice_band`)
        _crisis_badge(surf, pygame.Rect(x, r.y + pad // 2, room, r.h - pad), fonts, crises)


def _phase_block(surf, r, fonts, view: Dashboard) -> None:
    phase = view.phase
    label = lines.phase_label(phase.title)
    where = fonts.render(phase.progress_text, 12, T.MUTED)  # what the bar under it measures, in words
    room = r.w - where.get_width() - 8
    title = fonts.render(fonts.fit(label, max(40, room), 15, True), 15, T.YELLOW, True)
    surf.blit(title, (r.x, r.y))
    if title.get_width() <= room:
        surf.blit(where, (r.right - where.get_width(), r.y + title.get_height() - where.get_height() - 1))
    bar = pygame.Rect(r.x, r.y + fonts.line_height(15, True) + 2, r.w, max(6, r.h // 6))
    pygame.draw.rect(surf, (48, 56, 70), bar, border_radius=3)
    pygame.draw.rect(surf, T.YELLOW, (bar.x, bar.y, int(bar.w * phase.progress), bar.h), border_radius=3)
    info = f"{phase.weights_text}  •  {phase.note}"
    surf.blit(fonts.render(fonts.fit(info, r.w, 12), 12, T.MUTED), (r.x, bar.bottom + 2))


def _crisis_badge(surf, r, fonts, crises: list[str]) -> None:
    """Active crises: a warning triangle with an exclamation mark and the names."""
    h = min(r.h, fonts.line_height(15, True) + 8)
    box = pygame.Rect(r.x, r.centery - h // 2, r.w, h)
    pygame.draw.rect(surf, (70, 38, 20), box, border_radius=6)
    pygame.draw.rect(surf, T.VERMILION, box, 2, border_radius=6)
    s = h - 10
    tri = [(box.x + 8 + s // 2, box.y + 5), (box.x + 8, box.bottom - 5), (box.x + 8 + s, box.bottom - 5)]
    pygame.draw.polygon(surf, T.ORANGE, tri)
    bang = fonts.render("!", 12, T.BG, True)
    surf.blit(bang, bang.get_rect(center=(box.x + 8 + s // 2, box.centery + 2)))
    text = fonts.fit(lines.crisis_active(", ".join(crises)), box.w - s - 24, 15, True)
    surf.blit(fonts.render(text, 15, T.TEXT, True), (box.x + s + 16, box.y + 4))


def company(surf, r: pygame.Rect, fonts: T.Fonts, view: Dashboard) -> list[dict]:
    """One row per visible metric: gauge with change on the left, its trend over all turns on the right.
    Returns what each gauge drew where (draw.gauge)."""
    inner = draw.panel(surf, r, fonts, view.company_heading)
    rows = view.metrics
    _marks_legend(surf, pygame.Rect(inner.x, r.y, inner.w, inner.y - r.y), fonts,
                  {t.kind for m in rows for t in m.marks} | ({"crisis"} if any(m.crisis_marks for m in rows) else set()))
    gap = T.px(fonts.scale, 8)
    fits = []
    for k, (m, row) in enumerate(zip(rows, metric_rects(r, fonts, len(rows)))):
        colour, shape = T.metric_colour(k), T.metric_shape(k)
        gauge_r = pygame.Rect(row.x, row.y, int(row.w * 0.48), min(row.h, T.px(fonts.scale, 52)))
        fits.append(draw.gauge(surf, gauge_r, fonts, m, colour, shape, below=row.bottom))
        trend = pygame.Rect(gauge_r.right + gap * 2, row.y, row.right - gauge_r.right - gap * 2, row.h)
        _sparkline(surf, trend, fonts, list(m.history), view.turns, m.lo, m.hi, colour, shape, T.metric_dash(k))
        if k < len(rows) - 1:
            y = row.bottom + gap // 2
            pygame.draw.line(surf, (50, 58, 72), (row.x, y), (row.right, y), 1)
    return fits


def metric_rects(r: pygame.Rect, fonts: T.Fonts, count: int) -> list[pygame.Rect]:
    """The company panel's rows, one per visible metric (its gauge and its trend): what `company` draws in
    and what the dashboard lays each gauge's tooltip button over."""
    inner = draw.panel_inner(r, fonts, tables.COMPANY_HEADING)
    gap = T.px(fonts.scale, 8)
    row_h = (inner.h - gap * (count - 1)) // max(1, count)
    return [pygame.Rect(inner.x, inner.y + k * (row_h + gap), inner.w, row_h) for k in range(count)]


def gauge_tip(row) -> Html:
    """A gauge's tooltip (views MetricRow.tip): what the metric is, its value and change, what its marks mean."""
    about, now, marks = row.tip
    lines = [f"<b>{plain(about)}</b>", plain(now)]
    if marks:
        lines.append(f"<i>{plain(marks[0])}</i>")
        lines += [f"• {plain(m)}" for m in marks[1:]]
    return Html("<br>".join(lines))


def _marks_legend(surf, head: pygame.Rect, fonts: T.Fonts, kinds: set[str]) -> None:
    """At the right of the panel's title: what a gauge's marks mean ('| win target  | loss line  | crisis line')."""
    x = head.right
    for kind, words in reversed(list(zip(lines.MARK_KINDS, lines.MARKS_LEGEND))):
        if kind not in kinds:
            continue
        img = fonts.render(words, 11, T.MUTED)
        x -= img.get_width()
        y = head.bottom - 2 - img.get_height()
        surf.blit(img, (x, y))
        x -= T.px(fonts.scale, 6)
        pygame.draw.line(surf, draw.MARK_COLOUR[kind], (x, y + 2), (x, y + img.get_height() - 2), 2)
        x -= T.px(fonts.scale, 14)


def _sparkline(surf, r, fonts, values, turns, lo, hi, colour, shape, dash=()) -> None:
    """A compact trend with the first and latest value written, so the level reads without axes; dashed as
    the metric's line is on every chart (charts.METRIC_STYLES)."""
    if r.w < 30 or r.h < 16:
        return
    pygame.draw.rect(surf, (30, 36, 46), r, border_radius=6)
    plot = r.inflate(-12, -12)
    mid = plot.bottom - plot.h // 2
    for x in range(plot.x, plot.right, 6):
        pygame.draw.line(surf, (58, 66, 80), (x, mid), (x + 2, mid), 1)
    pts = [(plot.x + int(plot.w * i / max(1, turns)), plot.bottom - int(plot.h * (min(hi, max(lo, v)) - lo) / (hi - lo)))
           for i, v in enumerate(values)]
    draw.lines(surf, colour, pts, 2, dash, fonts.scale)
    draw.marker(surf, shape, pts[-1], 4, colour)
    img = fonts.render(f"{values[-1]:.0f}", 11, T.MUTED)
    x = min(pts[-1][0] + 7, r.right - img.get_width() - 2)
    surf.blit(img, (x, max(r.y + 1, pts[-1][1] - img.get_height())))


def leader(surf, r: pygame.Rect, fonts: T.Fonts, view: Dashboard) -> tuple[list[str], list[str]]:
    """The leader's two skills and the team's mood at a glance; on Guided the hidden drivers beside
    them; under them, on every difficulty, the hidden drivers the win or a loss needs, in words
    (returns the driver lines and those lines drawn, for the window tests' probe)."""
    inner = draw.panel(surf, r, fonts, lines.YOU_AND_TEAM)
    half = inner.w // 2 - T.px(fonts.scale, 8)
    y = inner.y + 2
    lh = fonts.line_height(13, True)
    bar_h = max(6, T.px(fonts.scale, 8))
    for skill in view.skills:
        colour = T.CATEGORY_COLOUR[skill.category]
        label = f"{skill.letter}  {skill.title}"
        val = fonts.render(f"{skill.value:.0f}", 13, T.TEXT, True)
        surf.blit(val, (inner.x + half - val.get_width(), y))
        room = half - val.get_width() - T.px(fonts.scale, 8)
        size = next((n for n in (13, 12, 11) if fonts.font(n, True).size(label)[0] <= room), 11)  # whole if it can
        surf.blit(fonts.render(fonts.fit(label, room, size, True), size, T.TEXT, True), (inner.x, y))
        bar = pygame.Rect(inner.x, y + lh, half, bar_h)
        pygame.draw.rect(surf, (48, 56, 70), bar, border_radius=3)
        pygame.draw.rect(surf, colour, (bar.x, bar.y, int(bar.w * skill.value / 100), bar.h), border_radius=3)
        y = bar.bottom + T.px(fonts.scale, 8)
    tx = inner.x + half + T.px(fonts.scale, 16)
    tw = inner.right - tx
    surf.blit(fonts.render(fonts.fit(lines.mood_line(view.mood), tw, 13, True), 13, T.TEXT, True), (tx, inner.y + 2))
    rest = pygame.Rect(tx, inner.y + lh + 6, tw, inner.bottom - inner.y - lh - 6)
    stakes_drawn = stakes(surf, pygame.Rect(inner.x, y, half, inner.bottom - y), fonts, view)
    if view.drivers:
        return drivers(surf, rest, fonts, view), stakes_drawn
    draw.team(surf, rest, fonts, view.team_size, view.morale)
    return [], stakes_drawn


STANDING_COLOUR = {"clear": T.GOOD, "at_risk": T.YELLOW, "off": T.BAD}  # keyed by views.targets.Standing


def stakes(surf, r: pygame.Rect, fonts: T.Fonts, view: Dashboard) -> list[str]:
    """The hidden drivers the win or a loss needs: 'Process maturity  at risk', the word in the standing's
    colour (the word carries the meaning; the colour repeats it). A name that does not fit beside its word
    takes a line of its own, the word right-aligned under it, where the panel has the room ("Process
    matur… near the loss line" was cut, s7 player 3 finding 12); else the name is shortened as before."""
    goals = view.hidden_goals
    lh = fonts.line_height(12)
    if not goals or r.h < lh * len(goals):
        return []
    gap = T.px(fonts.scale, 10)
    words_ = [fonts.render(g.word, 12, STANDING_COLOUR[g.standing], True) for g in goals]
    font = fonts.font(12)
    two = [font.size(g.title)[0] > r.w - w.get_width() - gap for g, w in zip(goals, words_)]
    if r.h < lh * (len(goals) + sum(two)):
        two = [False] * len(goals)
    y = r.bottom - lh * (len(goals) + sum(two))
    head_h = fonts.line_height(12, True)
    if y - head_h >= r.y:  # the heading where it fits
        surf.blit(fonts.render(fonts.fit(lines.AT_STAKE, r.w, 12, True), 12, T.MUTED, True), (r.x, y - head_h))
    drawn = []
    for g, word, wrap in zip(goals, words_, two):
        name = fonts.fit(g.title, r.w if wrap else r.w - word.get_width() - gap, 12)
        surf.blit(fonts.render(name, 12, T.TEXT), (r.x, y))
        if wrap:
            y += lh
        surf.blit(word, (r.right - word.get_width(), y))
        drawn.append(f"{name}: {g.word}")
        y += lh
    return drawn


def drivers(surf, r: pygame.Rect, fonts: T.Fonts, view: Dashboard) -> list[str]:
    """Guided: the hidden drivers, one line each: name, value and its change this turn (as many as fit)."""
    size = 12
    lh = fonts.line_height(size)
    rows = max(1, r.h // lh)
    shown = view.drivers[:rows]
    lh = max(lh, min(r.h // max(1, len(shown)), fonts.line_height(size) + T.px(fonts.scale, 6)))
    drawn = []
    for k, d in enumerate(shown):
        y = r.y + k * lh
        change_w = draw.delta(surf, fonts, d.change_text, d.direction, d.verdict, size, right=r.right, y=y) \
            if d.change is not None else 0
        value = fonts.render(f"{d.value:.0f}", size, T.TEXT, True)
        vx = r.right - change_w - T.px(fonts.scale, 8) - value.get_width()
        surf.blit(value, (vx, y))
        name = fonts.fit(d.title, vx - r.x - 6, size)
        surf.blit(fonts.render(name, size, T.MUTED), (r.x, y))
        drawn.append(f"{name} {d.value:.0f} {d.change_text}".strip())
    return drawn


def strip(surf, r: pygame.Rect, fonts: T.Fonts, view: Dashboard, chosen: list[str], choice_label: str | None,
          message: str | None, button_w: int) -> str | None:
    """What the player has chosen this turn, points and budget left, and any message (`view` with `chosen`);
    before anything is picked, a crisis the company is near or heading for (views.targets.crisis_warnings,
    as the terminal's turn screen says it), else a win line the company is short of that counts only at the
    end (views.targets.win_notes). Returns the second line as drawn."""
    draw.panel(surf, r)
    pad = T.px(fonts.scale, 12)
    titles = {c.id: c.title for c in view.cards}
    head = view.points_line
    width = r.w - button_w - 3 * pad
    surf.blit(fonts.render(fonts.fit(head, width, 15, True), 15, T.TEXT, True), (r.x + pad, r.y + pad // 2))
    if view.ended:
        return None
    if message:
        line, col = message, T.ORANGE
    elif view.crisis_warnings and not chosen and not choice_label:
        line, col = view.crisis_warnings[0].text, T.ORANGE
    elif view.win_notes and not chosen and not choice_label:
        line, col = view.win_notes[0], T.ORANGE
    else:
        hints = list(dashboard_hints(view.ap))
        texts = [lines.chosen_line(titles[a] for a in chosen)] if chosen else hints
        if choice_label:  # the answer first: it is decided, and the hint is the part that may be cut
            texts = [f"{lines.answer_line(choice_label)}   |   {t}" for t in texts]
        font = fonts.font(12)
        line = fonts.fit(next((t for t in texts if font.size(t)[0] <= width), texts[-1]), width, 12)
        col = T.MUTED
    line = fonts.fit(line, width, 12)
    surf.blit(fonts.render(line, 12, col), (r.x + pad, r.y + pad // 2 + fonts.line_height(15, True)))
    return line
