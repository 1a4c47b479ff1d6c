"""The hot seat's tables: all teams side by side, one column per team, drawn into any rect.

Teams are told apart by name, number and marker shape as well as colour;
changes carry an arrow and a sign (see draw.delta), never colour alone.
"""

from __future__ import annotations

import pygame

from ..views.standings import Cell, Row, Table, TeamHead
from . import draw
from . import theme as T


def team_colour(team) -> tuple:
    """The colour of a team (a hot-seat Team or a views TeamHead: anything with an index)."""
    return T.TEAM_COLOURS[team.index % 6]


def team_marker(surf, centre, r: int, team, fonts: T.Fonts) -> None:
    """The team's badge: its shape and colour with its number inside."""
    draw.marker(surf, T.TEAM_SHAPES[team.index % 6], centre, r, team_colour(team))
    num = fonts.render(str(team.index + 1), 11, T.BG, True)
    surf.blit(num, num.get_rect(center=(centre[0], centre[1] + 1)))


def metric_cell(surf, r, fonts, team: TeamHead, cell: Cell) -> None:
    """A metric's value, its change since the team's last turn, and a thin level bar."""
    val = fonts.render(cell.text, 15, T.TEXT, True)
    bar_h = max(3, r.h // 8)
    r = r.move(0, max(0, (r.h - val.get_height() - 1 - bar_h) // 2))
    surf.blit(val, (r.x, r.y))
    if cell.change is not None:
        draw.delta(surf, fonts, cell.change_text, cell.direction, cell.verdict, 12, left=r.x + val.get_width() + 8,
                   y=r.y + 2)
    bar = pygame.Rect(r.x, r.y + val.get_height() + 1, r.w, bar_h)
    pygame.draw.rect(surf, (48, 56, 70), bar, border_radius=2)
    pygame.draw.rect(surf, team_colour(team), (bar.x, bar.y, int(bar.w * (cell.level or 0.0)), bar.h), border_radius=2)


def text_cell(surf, r, fonts, cell: Cell, size: int = 13, bold: bool = False) -> None:
    img = fonts.render(fonts.fit(cell.text, r.w, size, bold), size, T.TEXT, bold)
    surf.blit(img, (r.x, r.centery - img.get_height() // 2))


def score_cell(surf, r, fonts, cell: Cell) -> None:
    img = fonts.render(cell.text, 20, T.TEXT, True)
    y = r.centery - img.get_height() // 2
    surf.blit(img, (r.x, y))
    rank = fonts.render(f"#{cell.rank}", 15, T.YELLOW, True)
    surf.blit(rank, (r.x + img.get_width() + 10, y + (img.get_height() - rank.get_height()) // 2))


def draw_cell(surf, r, fonts, row: Row, team: TeamHead, cell: Cell) -> None:
    if row.kind == "metric":
        metric_cell(surf, r, fonts, team, cell)
    elif row.kind == "score":
        score_cell(surf, r, fonts, cell)
    else:
        text_cell(surf, r, fonts, cell, bold=row.kind == "status")


def table(surf, rect: pygame.Rect, fonts: T.Fonts, view: Table, highlight: int | None = None,
          now: bool = False) -> list[tuple[TeamHead, pygame.Rect]]:
    """Row labels on the left, one column per team (the views' Table); returns each team's column rect.

    The team whose index is `highlight` is tagged NOW when `now` (its turn is on), else NEXT.
    """
    teams, rows = view.teams, view.rows
    pad = T.px(fonts.scale, 10)
    label_w = min(max(fonts.font(13).size(row.label)[0] for row in rows) + 2 * pad, rect.w // 4)
    col_w = min((rect.w - label_w) // len(teams), T.px(fonts.scale, 300))
    rect = rect.move((rect.w - label_w - col_w * len(teams)) // 2, 0)  # centred when there is room
    head_h = fonts.line_height(17, True) + 2 * pad
    row_h = max(fonts.line_height(15, True) + 8, min(T.px(fonts.scale, 64), (rect.h - head_h) // max(1, len(rows))))
    columns = []
    for i, team in enumerate(teams):
        col = pygame.Rect(rect.x + label_w + i * col_w, rect.y, col_w - pad, head_h + row_h * len(rows))
        mine = team.index == highlight
        pygame.draw.rect(surf, (40, 52, 68) if mine else T.PANEL, col, border_radius=10)
        pygame.draw.rect(surf, T.YELLOW if mine else T.PANEL_EDGE, col, 3 if mine else 1, border_radius=10)
        r = max(8, T.px(fonts.scale, 11))
        team_marker(surf, (col.x + pad + r, col.y + head_h // 2), r, team, fonts)
        name_x = col.x + 2 * pad + 2 * r
        surf.blit(fonts.render(fonts.fit(team.name, col.right - name_x - pad, 17, True), 17, T.TEXT, True),
                  (name_x, col.y + head_h // 2 - fonts.line_height(17, True) // 2))
        if mine:
            word = "" if team.done else "NOW" if now else "NEXT"
            tag = fonts.render(word, 11, T.BG, True)
            if tag.get_width():
                box = tag.get_rect(topright=(col.right - 6, col.y + 4)).inflate(8, 2)
                pygame.draw.rect(surf, T.YELLOW, box, border_radius=4)
                surf.blit(tag, tag.get_rect(center=box.center))
        columns.append((team, col))
    for k, row in enumerate(rows):
        y = rect.y + head_h + k * row_h
        if k % 2 == 0:
            pygame.draw.rect(surf, (30, 36, 46), (rect.x, y, label_w - 4, row_h - 2), border_radius=4)
        surf.blit(fonts.render(fonts.fit(row.label, label_w - 2 * pad, 13), 13, T.MUTED),
                  (rect.x + pad // 2, y + (row_h - fonts.line_height(13)) // 2))
        for (team, col), cell in zip(columns, row.cells):
            cell_r = pygame.Rect(col.x + pad, y + 4, col.w - 2 * pad, row_h - 8)
            draw_cell(surf, cell_r, fonts, row, team, cell)
        if k:
            pygame.draw.line(surf, (50, 58, 72), (rect.x + label_w, y), (columns[-1][1].right, y), 1)
    return columns
