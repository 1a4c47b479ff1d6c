"""Fresh player s7/3 finding 11, in the real window: Share the vision's tooltip covered the whole
Management column, and Set clear goals' covered End turn and the points and budget line. A card's
tooltip now keeps off the strip (that line and End turn) always, and off the other columns as far as a
side beside its card allows: it covers less of them than the first side that fits (the right) did."""

import pygame

from flows import new_game_by_keys


def _tip_for(g, card_id, before):
    g.hover(id=card_id)
    return g.wait(lambda q: len(q["tooltips"]) == 1 and not q["show_focus"] and q["tooltips"] != before,
                  what=f"{card_id}'s tooltip")


def _covered(tip, rects):
    return sum(tip.clip(r).w * tip.clip(r).h for r in rects)


def test_card_tooltips_keep_off_end_turn_the_strip_and_mostly_the_other_columns(game):
    g = game("tutorial", "--seed", "229453", "--size", "1280x720")
    p = new_game_by_keys(g)
    cards = {b["id"]: pygame.Rect(b["rect"]) for b in p["buttons"] if b["id"] in {
        "share_vision", "inspire", "coach", "empower", "plan_work", "organize", "set_goals", "optimize",
        "leadership_course", "management_course"}}
    end = pygame.Rect(g.button(text="End turn")["rect"])
    before = g.wait(lambda q: q["tooltips"], what="the ringed card's tooltip")["tooltips"]
    for card in ("coach", "share_vision", "set_goals", "optimize"):
        p = _tip_for(g, card, before)
        before = p["tooltips"]
        g.screenshot(f"tip-{card}")
        tip, own = pygame.Rect(p["tooltips"][0]), cards[card]
        strip = pygame.Rect(p["areas"]["strip"])
        assert not tip.colliderect(end), f"{card}'s tooltip {tip} covers End turn {end}"
        assert not tip.colliderect(strip), f"{card}'s tooltip {tip} covers the strip {strip}"
        assert not tip.colliderect(own), f"{card}'s tooltip covers its own card"
        others = [r for c, r in cards.items() if r.x != own.x]
        right = pygame.Rect(own.right + 6, own.y, tip.w, tip.h)
        if card == "share_vision":  # the side it took before, over the whole Management column, fits; another is better
            assert _covered(tip, others) < _covered(right, others), \
                f"{card}'s tooltip {tip} covers as much of the other columns as the right side would"
