"""The dashboard's layout and its custom-drawn panels (top bar, metrics with trends, leader and team).

Layout is computed from the window size only, as rects, so the same code
serves 1024x600 up to 1920x1080 and tests can check that nothing overlaps.
"""

from __future__ import annotations

from dataclasses import dataclass

import pygame

from ..session import Session
from . import draw
from . import theme as T


@dataclass
class Layout:
    top: pygame.Rect
    company: pygame.Rect
    leader: pygame.Rect
    cards: pygame.Rect
    strip: pygame.Rect
    columns: list[pygame.Rect]


def layout(size: tuple[int, int], scale: float, fonts: T.Fonts) -> Layout:
    w, h = size
    m = T.px(scale, 14)
    top_h = fonts.line_height(20, True) + fonts.line_height(12) + T.px(scale, 14)
    top = pygame.Rect(m, m, w - 2 * m, top_h)
    body_y = top.bottom + m
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
    return Layout(top, company, leader, cards, strip, columns)


def next_phase_turn(session: Session) -> int | None:
    """The turn at which the next phase starts at the latest, if the scenario says."""
    phases = session.scenario.phases
    k = session.rules.phases.index(session.phase)
    if k + 1 < len(phases):
        return phases[k + 1].starts_at_turn
    return None


def top_bar(surf, r: pygame.Rect, fonts: T.Fonts, session: Session, right_reserved: int) -> None:
    """Turn, phase with progress to the next one, budget, crises."""
    draw.panel(surf, r)
    pad = T.px(fonts.scale, 12)
    sc = session.scenario
    x = r.x + pad
    title = fonts.render(f"Turn {min(session.turn + 1, sc.turns)} of {sc.turns}", 20, T.TEXT, True)
    surf.blit(title, (x, r.y + pad // 2))
    sub = fonts.fit(sc.title, max(60, r.w // 4), 12)
    surf.blit(fonts.render(sub, 12, T.MUTED), (x, r.y + pad // 2 + title.get_height()))
    x += max(title.get_width(), fonts.font(12).size(sub)[0]) + 2 * pad
    phase_w = max(T.px(fonts.scale, 180), int(r.w * 0.28))
    _phase_block(surf, pygame.Rect(x, r.y + pad // 2, phase_w, r.h - pad), fonts, session)
    x += phase_w + 2 * pad
    crises = [c.title for c in sc.crises if c.id in session.active_crises()]
    room = r.right - right_reserved - pad - x
    if crises and room > 60:
        _crisis_badge(surf, pygame.Rect(x, r.y + pad // 2, room, r.h - pad), fonts, crises)


def _phase_block(surf, r, fonts, session) -> None:
    spec = session.phase_spec
    w = spec.weights
    label = f"Phase: {spec.title}"
    surf.blit(fonts.render(fonts.fit(label, r.w, 15, True), 15, T.YELLOW, True), (r.x, r.y))
    nxt = next_phase_turn(session)
    first = session.phase_history.index(session.phase_history[-1])
    if nxt:
        frac = (session.turn - first) / max(1, nxt - 1 - first)
        note = f"next phase by turn {nxt}"
    else:
        frac = session.turn / max(1, session.scenario.turns)
        note = "final phase" if len(session.scenario.phases) > 1 else "one phase"
    bar = pygame.Rect(r.x, r.y + fonts.line_height(15, True) + 2, r.w, max(6, r.h // 6))
    pygame.draw.rect(surf, (48, 56, 70), bar, border_radius=3)
    pygame.draw.rect(surf, T.YELLOW, (bar.x, bar.y, int(bar.w * max(0, min(1, frac))), bar.h), border_radius=3)
    info = f"L {w.leadership:.1f}x  M {w.management:.1f}x  •  {note}"
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
    text = fonts.fit("Crisis: " + ", ".join(crises), box.w - s - 24, 15, True)
    surf.blit(fonts.render(text, 15, T.TEXT, True), (box.x + s + 16, box.y + 4))


def company(surf, r: pygame.Rect, fonts: T.Fonts, session: Session) -> None:
    """One row per visible metric: gauge with change on the left, its trend over all turns on the right."""
    inner = draw.panel(surf, r, fonts, "The company")
    metrics = session.visible_metrics()
    gap = T.px(fonts.scale, 8)
    row_h = (inner.h - gap * (len(metrics) - 1)) // max(1, len(metrics))
    prev = session.previous_values()
    now = session.values()
    for k, m in enumerate(metrics):
        spec = session.scenario.metrics[m]
        row = pygame.Rect(inner.x, inner.y + k * (row_h + gap), inner.w, row_h)
        colour, shape = T.METRIC_COLOURS[k % 6], T.METRIC_SHAPES[k % 6]
        gauge_r = pygame.Rect(row.x, row.y, int(row.w * 0.48), min(row.h, T.px(fonts.scale, 52)))
        change = now[m] - prev[m] if session.turn else None
        draw.gauge(surf, gauge_r, fonts, spec.title or m, now[m], spec.min, spec.max, change, spec.good,
                   spec.unit, colour, shape)
        trend = pygame.Rect(gauge_r.right + gap * 2, row.y, row.right - gauge_r.right - gap * 2, row.h)
        _sparkline(surf, trend, fonts, [float(x[session.rules.index[m]]) for x in session.history],
                   session.scenario.turns, spec.min, spec.max, colour, shape)
        if k < len(metrics) - 1:
            y = row.bottom + gap // 2
            pygame.draw.line(surf, (50, 58, 72), (row.x, y), (row.right, y), 1)


def _sparkline(surf, r, fonts, values, turns, lo, hi, colour, shape) -> None:
    """A compact trend with the first and latest value written, so the level reads without axes."""
    if r.w < 30 or r.h < 16:
        return
    pygame.draw.rect(surf, (30, 36, 46), r, border_radius=6)
    plot = r.inflate(-12, -12)
    mid = plot.bottom - plot.h // 2
    for x in range(plot.x, plot.right, 6):
        pygame.draw.line(surf, (58, 66, 80), (x, mid), (x + 2, mid), 1)
    pts = [(plot.x + int(plot.w * i / max(1, turns)), plot.bottom - int(plot.h * (min(hi, max(lo, v)) - lo) / (hi - lo)))
           for i, v in enumerate(values)]
    if len(pts) > 1:
        pygame.draw.lines(surf, colour, False, pts, 2)
    draw.marker(surf, shape, pts[-1], 4, colour)
    img = fonts.render(f"{values[-1]:.0f}", 11, T.MUTED)
    x = min(pts[-1][0] + 7, r.right - img.get_width() - 2)
    surf.blit(img, (x, max(r.y + 1, pts[-1][1] - img.get_height())))


def leader(surf, r: pygame.Rect, fonts: T.Fonts, session: Session) -> None:
    """The leader's two skills and the team's mood at a glance."""
    inner = draw.panel(surf, r, fonts, "You and your team")
    now = session.values()
    half = inner.w // 2 - T.px(fonts.scale, 8)
    y = inner.y + 2
    lh = fonts.line_height(13, True)
    bar_h = max(6, T.px(fonts.scale, 8))
    for key, label, colour in (("leadership_skill", "L  Leadership skill", T.PURPLE),
                               ("management_skill", "M  Management skill", T.BLUE)):
        if key not in now:
            continue
        surf.blit(fonts.render(fonts.fit(label, half - 30, 13, True), 13, T.TEXT, True), (inner.x, y))
        val = fonts.render(f"{now[key]:.0f}", 13, T.TEXT, True)
        surf.blit(val, (inner.x + half - val.get_width(), y))
        bar = pygame.Rect(inner.x, y + lh, half, bar_h)
        pygame.draw.rect(surf, (48, 56, 70), bar, border_radius=3)
        pygame.draw.rect(surf, colour, (bar.x, bar.y, int(bar.w * now[key] / 100), bar.h), border_radius=3)
        y = bar.bottom + T.px(fonts.scale, 8)
    morale = now.get("morale", 50.0)
    mood = "upbeat" if morale >= 60 else "steady" if morale >= 40 else "unhappy"
    tx = inner.x + half + T.px(fonts.scale, 16)
    tw = inner.right - tx
    surf.blit(fonts.render(fonts.fit(f"Team mood: {mood}", tw, 13, True), 13, T.TEXT, True), (tx, inner.y + 2))
    people = pygame.Rect(tx, inner.y + lh + 6, tw, inner.bottom - inner.y - lh - 6)
    draw.team(surf, people, fonts, 12, morale)


def strip(surf, r: pygame.Rect, fonts: T.Fonts, session: Session, chosen: list[str], choice_label: str | None,
          message: str | None, button_w: int) -> None:
    """What the player has chosen this turn, points and budget left, and any message."""
    draw.panel(surf, r)
    pad = T.px(fonts.scale, 12)
    titles = {a.id: a.title for a in session.scenario.actions}
    ap = session.rules.action_points - sum(session.scenario.actions[session.rules.actions.index(a)].cost.ap
                                           for a in chosen)
    spend = sum(session.scenario.actions[session.rules.actions.index(a)].cost.budget for a in chosen)
    head = f"{ap} of {session.rules.action_points} action points left  •  budget {session.value('budget') - spend:.0f}k"
    width = r.w - button_w - 3 * pad
    surf.blit(fonts.render(fonts.fit(head, width, 15, True), 15, T.TEXT, True), (r.x + pad, r.y + pad // 2))
    if message:
        line, col = message, T.ORANGE
    else:
        ap_all = session.rules.action_points
        hints = [f"Pick cards worth up to {ap_all} action points (hover or Tab to a card to see what it does), "
                 "then press End turn.",
                 f"Pick cards worth up to {ap_all} action points, then press End turn.",
                 "Pick cards, then press End turn."]
        lines = [("Chosen: " + ", ".join(titles[a] for a in chosen))] if chosen else hints
        if choice_label:  # the answer first: it is decided, and the hint is the part that may be cut
            lines = [f"Event answer: {choice_label}   |   {t}" for t in lines]
        font = fonts.font(12)
        line = fonts.fit(next((t for t in lines if font.size(t)[0] <= width), lines[-1]), width, 12)
        col = T.MUTED
    surf.blit(fonts.render(fonts.fit(line, width, 12), 12, col),
              (r.x + pad, r.y + pad // 2 + fonts.line_height(15, True)))
