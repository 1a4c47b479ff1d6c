"""The hot seat's tables: all teams side by side, one column per team, drawn into any rect.

Teams are told apart by name, number and marker shape as well as colour;
changes carry an arrow and a sign (see draw.delta), never colour alone.
"""

from __future__ import annotations

from typing import Callable

import pygame

from . import draw
from . import theme as T
from .hotseat import HotSeat, Team

OUTCOME_WORDS = {"win": "WIN", "loss": "LOSS", "neutral": "SURVIVED"}
HIDDEN_ORDER = ["trust", "stress", "process", "initiative", "skill", "leadership_skill", "management_skill"]


def team_colour(team: Team):
    return T.METRIC_COLOURS[team.index % 6]


def team_marker(surf, centre, r: int, team: Team, fonts: T.Fonts) -> None:
    """The team's badge: its shape and colour with its number inside."""
    draw.marker(surf, T.METRIC_SHAPES[team.index % 6], centre, r, team_colour(team))
    num = fonts.render(str(team.index + 1), 11, T.BG, True)
    surf.blit(num, num.get_rect(center=(centre[0], centre[1] + 1)))


def status(team: Team) -> str:
    s = team.session
    if s.done:
        if s.ending.kind in ("win", "loss"):
            return f"{OUTCOME_WORDS[s.ending.kind]}: {s.ending.title}"
        return s.ending.title
    crises = s.active_crises()
    return "in crisis" if crises else "playing"


Cell = Callable[[pygame.Surface, pygame.Rect, T.Fonts, Team], None]


def metric_cell(metric: str, with_change: bool = True) -> Cell:
    """A metric's value, its change since the team's last turn, and a thin level bar."""

    def cell(surf, r, fonts, team):
        s = team.session
        spec = s.scenario.metrics[metric]
        value = s.value(metric)
        val = fonts.render(f"{value:.0f}{spec.unit}", 15, T.TEXT, True)
        bar_h = max(3, r.h // 8)
        r = r.move(0, max(0, (r.h - val.get_height() - 1 - bar_h) // 2))
        surf.blit(val, (r.x, r.y))
        if with_change and s.turn:
            change = value - s.previous_values()[metric]
            draw.delta(surf, fonts, change, spec.good, 12, left=r.x + val.get_width() + 8, y=r.y + 2)
        bar = pygame.Rect(r.x, r.y + val.get_height() + 1, r.w, bar_h)
        pygame.draw.rect(surf, (48, 56, 70), bar, border_radius=2)
        frac = max(0.0, min(1.0, (value - spec.min) / max(1e-9, spec.max - spec.min)))
        pygame.draw.rect(surf, team_colour(team), (bar.x, bar.y, int(bar.w * frac), bar.h), border_radius=2)

    return cell


def text_cell(fn: Callable[[Team], str], size: int = 13, bold: bool = False, colour=T.TEXT) -> Cell:
    def cell(surf, r, fonts, team):
        img = fonts.render(fonts.fit(fn(team), r.w, size, bold), size, colour, bold)
        surf.blit(img, (r.x, r.centery - img.get_height() // 2))

    return cell


def score_cell(hs: HotSeat) -> Cell:
    def cell(surf, r, fonts, team):
        s = team.session
        img = fonts.render(f"{s.score():.1f}", 20, T.TEXT, True)
        y = r.centery - img.get_height() // 2
        surf.blit(img, (r.x, y))
        rank = fonts.render(f"#{hs.rank_of(team)}", 15, T.YELLOW, True)
        surf.blit(rank, (r.x + img.get_width() + 10, y + (img.get_height() - rank.get_height()) // 2))

    return cell


def standings_rows(hs: HotSeat) -> list[tuple[str, Cell]]:
    s0 = hs.teams[0].session
    rows: list[tuple[str, Cell]] = [("Final score, rank" if hs.finished else "Score so far, rank", score_cell(hs))]
    for m in s0.visible_metrics():
        rows.append((s0.scenario.metrics[m].title or m, metric_cell(m)))
    rows.append(("Phase", text_cell(lambda t: t.session.phase_spec.title)))
    rows.append(("Turns played", text_cell(lambda t: f"{t.session.turn} of {t.session.scenario.turns}")))
    rows.append(("Status", text_cell(status, bold=True)))
    return rows


def hidden_rows(hs: HotSeat) -> list[tuple[str, Cell]]:
    s0 = hs.teams[0].session
    hidden = [m for m, spec in s0.scenario.metrics.items() if not spec.visible]
    hidden.sort(key=lambda m: HIDDEN_ORDER.index(m) if m in HIDDEN_ORDER else len(HIDDEN_ORDER))
    rows = []
    for m in hidden:
        spec = s0.scenario.metrics[m]
        word = "lower is better" if spec.good == "lower" else ""
        rows.append((spec.title or m, metric_cell(m), word))
    return [(f"{label}  ({word})" if word else label, cell) for label, cell, word in rows]


def table(surf, rect: pygame.Rect, fonts: T.Fonts, hs: HotSeat, rows: list[tuple[str, Cell]],
          highlight: Team | None = None, order: list[Team] | None = None,
          current=None) -> list[tuple[Team, pygame.Rect]]:
    """Row labels on the left, one column per team; returns each team's column rect.

    The highlighted team is tagged NOW when its session is `current` (its turn is on), else NEXT.
    """
    teams = order or hs.teams
    pad = T.px(fonts.scale, 10)
    label_w = min(max(fonts.font(13).size(label)[0] for label, _ in rows) + 2 * pad, rect.w // 4)
    col_w = min((rect.w - label_w) // len(teams), T.px(fonts.scale, 300))
    rect = rect.move((rect.w - label_w - col_w * len(teams)) // 2, 0)  # centred when there is room
    head_h = fonts.line_height(17, True) + 2 * pad
    row_h = max(fonts.line_height(15, True) + 8, min(T.px(fonts.scale, 64), (rect.h - head_h) // max(1, len(rows))))
    columns = []
    for i, team in enumerate(teams):
        col = pygame.Rect(rect.x + label_w + i * col_w, rect.y, col_w - pad, head_h + row_h * len(rows))
        mine = team is highlight
        pygame.draw.rect(surf, (40, 52, 68) if mine else T.PANEL, col, border_radius=10)
        pygame.draw.rect(surf, T.YELLOW if mine else T.PANEL_EDGE, col, 3 if mine else 1, border_radius=10)
        r = max(8, T.px(fonts.scale, 11))
        team_marker(surf, (col.x + pad + r, col.y + head_h // 2), r, team, fonts)
        name_x = col.x + 2 * pad + 2 * r
        surf.blit(fonts.render(fonts.fit(team.name, col.right - name_x - pad, 17, True), 17, T.TEXT, True),
                  (name_x, col.y + head_h // 2 - fonts.line_height(17, True) // 2))
        if mine:
            word = "" if team.done else "NOW" if hs.teams and team.session is current else "NEXT"
            tag = fonts.render(word, 11, T.BG, True)
            if tag.get_width():
                box = tag.get_rect(topright=(col.right - 6, col.y + 4)).inflate(8, 2)
                pygame.draw.rect(surf, T.YELLOW, box, border_radius=4)
                surf.blit(tag, tag.get_rect(center=box.center))
        columns.append((team, col))
    for k, (label, cell) in enumerate(rows):
        y = rect.y + head_h + k * row_h
        if k % 2 == 0:
            pygame.draw.rect(surf, (30, 36, 46), (rect.x, y, label_w - 4, row_h - 2), border_radius=4)
        surf.blit(fonts.render(fonts.fit(label, label_w - 2 * pad, 13), 13, T.MUTED),
                  (rect.x + pad // 2, y + (row_h - fonts.line_height(13)) // 2))
        for team, col in columns:
            cell_r = pygame.Rect(col.x + pad, y + 4, col.w - 2 * pad, row_h - 8)
            cell(surf, cell_r, fonts, team)
        if k:
            pygame.draw.line(surf, (50, 58, 72), (rect.x + label_w, y), (columns[-1][1].right, y), 1)
    return columns
