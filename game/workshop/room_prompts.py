"""Discussion prompts chosen from what happened in this room (what went well, what to change, "what would you
do at turn N now"): a question never holds its own answer, which the report prints under it; the slides ask it
before anything that answers it, in the part of the debrief it belongs to, and reveal the answer on the next
page (its own answer slide, or the deck's slides that answer it: the mix table, the event's slides, the hidden
drivers, the costly patterns). discussion_prompts(room) gives them.
"""

from __future__ import annotations

from dataclasses import dataclass


from ..views.lines import TURN_REPORTS
from ..views.review import decision_words
from ..views.standings import best_people, competition_ranks, team_label
from ..analysis.review_mix import shares
from ..views.words import joined, plural, possessive
from .discussion import COSTLY, Room, clock_names, decisive_turn, team_names, turn_span
from .room_events import decisive_events

@dataclass(frozen=True)
class Prompt:
    """A discussion question from this room. `question` says what happened and asks, and never holds its own
    answer (a fresh trainer's finding 6: the room read the answer off the question's slide); `answer`, when
    the game has one, is what the facilitator reveals after the talk: the report prints it under the question
    and the slides put it on the next page."""

    kind: str  # "went well", "to change", "turn now", "looking back" (what a team expected of a past choice)
    question: str
    answer: str = ""
    answer_title: str = ""  # the answer slide's heading; none when the deck's next slides answer it (`reveals`)
    where: str = "prompts"  # the agenda part (room_report.AGENDA's id) whose slides ask it
    reveals: tuple[str, ...] = ()  # texts of the deck that answer it: none of them is shown before the question
    event_id: str = ""  # the event it asks about: the deck shows that event's slides right after it
    then: str = ""  # "patterns": the deck's costly patterns slide answers it, right after it
    note: str = ""  # said after the answer, on a slide of its own: why it does not contradict another slide
    note_title: str = ""


@dataclass(frozen=True)
class _Place:
    rank: int
    team: object


def strongest_words(who: str, turn, mistakes=()) -> str:
    """The 'what went well' answer: the team's strongest turn (discussion.decisive_turn) and what it was worth,
    and why it does not contradict a costly pattern taking the same card (pattern_note)."""
    if not turn.beat_typical:  # said as it is: no decision did better than the typical one at its turn
        return (f"None of {possessive(who)} decisions did better than the typical decision at its turn; the closest was turn "
                f"{turn.turn}: {turn.decision}, {turn.worth_words}.")
    said = (f"{possessive(who)} strongest turn was turn {turn.turn}: {turn.decision} ({turn.moved}). With strong play after "
            f"it, on the same luck, it finished {turn.worth_short if turn.ending else turn.worth_words}. {turn.why_words}")
    return " ".join([said, *pattern_notes(turn, mistakes)]) if mistakes else said


def pattern_notes(turn, mistakes) -> list[str]:
    """Sentences on each action of the strongest turn that a costly pattern (discussion.common_mistakes) says was
    costly to take: when those costly turns were, against this turn's phase, and what that means. A trainer's
    s5 finding 1: the winner's strongest turn praised 'Plan the next quarter', the most common costly pattern
    was taking it, and the room asked 'so was planning good or bad?'."""
    out, same_phase, elsewhere = [], False, []
    for k, m in enumerate(mistakes):
        if m.kind != "took" or m.action not in turn.actions:
            continue
        which = "the room's most common costly pattern" if k == 0 else "one of the room's costly patterns"
        same = m.phase_turns(turn.phase) if turn.phase else ()
        if turn.phase and not same:
            elsewhere.append(m)
            continue
        same_phase = True
        instead = m.instead_in(turn.phase)
        whose = team_names(m.whose_in(turn.phase)) if turn.phase else ""
        games = f", in {possessive(whose)} game" if whose and len(m.whose_in(turn.phase)) == 1 else \
            f", in the games of {whose}" if whose else ""
        out.append(f"Taking '{m.action}', {which}, was costly {plural(len(same), 'time')} in "
                   f"{turn.phase or 'this phase'} too ({turn_span(same)}{games}"
                   + (f"; there the better decision for {'that team' if games.startswith(', in ') and len(m.whose_in(turn.phase)) == 1 else 'those teams'}"
                      f" most often took '{instead}' in its place" if instead else "")
                   + ").")
    if elsewhere:  # one sentence for them all: a slide, not a paragraph (trainer s7 3, finding 9)
        phases = list(dict.fromkeys(p for m in elsewhere for p, _ in m.when))
        turns = [t for m in elsewhere for _, ts in m.when for t in ts]
        cards = joined([f"'{m.action}'" for m in elsewhere])
        which = ("the room's most common costly pattern" if mistakes[0] is elsewhere[0] else
                 "one of the room's costly patterns") if len(elsewhere) == 1 else "patterns the room found costly"
        out.insert(0, f"Taking {cards}, {which}, was costly only in {joined(phases)} ({turn_span(turns)}); this turn "
                      f"was in {turn.phase}.")
    if out:
        out.append("So the card alone did not decide: the review judges each turn against every decision tried at "
                   "it, and what was taken with it and where the team stood made the difference." if same_phase
                   else "The phase made the difference.")
    return out


NOTE_TITLE = "Costly at other turns, strong at this one"  # the slide after the strongest turn's (pattern_notes)
DRIVERS_TITLE = "Underneath: the hidden drivers"  # the slide that shows them (templates/slides.html)


def pattern_prompt(mistakes) -> Prompt:
    """Ask which action the costly turns turned on before the patterns slide shows it (a trainer's finding 9:
    the question named the pattern, then asked why it 'looked like the right call', about a card nobody had
    thought of)."""
    skipped = mistakes[0].kind == "skipped"
    held = ("held one action the teams had not taken", "value") if skipped else \
        ("left out one action the teams had taken", "cost")
    return Prompt("to change", f"At the turns that cost the most, the review's better decision most often {held[0]}. "
                               f"Which one do you think it was, and what would have shown you its {held[1]} then?",
                  "The most common costly patterns: " + "; ".join(m.words for m in mistakes[:4]) + ".",
                  where="costly", reveals=tuple(m.words for m in mistakes[:4]), then="patterns")


def crisis_teams_words(teams: list[tuple[str, int]], most: int = 5) -> str:
    """'Zoë (from turn 16), Team Müller (from turn 21)': whom to ask about a crisis, at most `most` by name."""
    named = ", ".join(f"{name} (from turn {turn})" for name, turn in teams[:most])
    return named + (f" and {len(teams) - most} more (the report lists them)" if len(teams) > most else "")


REVIEW_COMMAND = "leadsim review YOUR-RESULT-FILE"
IN_THE_BROWSER = ("In the browser there is no turn review: each team's end screen has its own turn {turn} report, "
                  "under '" + TURN_REPORTS + "', which says what that turn changed and why.")  # game/web/templates/end.html


def own_turn_words(room: Room, turn: int) -> str:
    """Where each team finds its own turn `turn`, in the room it played in: a team that played in the browser
    (the server wrote its game) has no result file and no Leadsim, so no `leadsim review` (a trainer's s6
    finding 6); a team that played Leadsim on its own computer has its result file to review."""
    people = [t for t in room.teams if not t.verified.bot] or room.teams
    browser = sum(t.verified.in_browser for t in people)
    if browser == len(people):
        return IN_THE_BROWSER.format(turn=turn)
    if browser:
        return (f"Teams that played Leadsim on their own computer see their own turn {turn} with {REVIEW_COMMAND}. "
                + IN_THE_BROWSER.format(turn=turn))
    return f"Each team's own turn {turn} is in its review: {REVIEW_COMMAND}."


def better_at_words(room: Room, turn: int) -> str:
    """The review's better decision at a costly turn, with whose game each is about: 'At turn 8 the review's
    better decision for Green Team was: ...', or, when the teams' better decisions differ, 'depends on each
    team's situation: for A, ...; for B, ...'. A trainer's slides said 'most often: Set clear goals' at turn 8
    for one team and, for another, that taking it was costly at turn 8 (s6 trainer 2, finding 1)."""
    by: dict[str, list[str]] = {}
    for t in room.people:
        for tr in t.review.turns:
            if tr.turn == turn and tr.loss >= COSTLY:
                by.setdefault(decision_words(t.session, tr.best), []).append(t.label)
    if len(by) == 1:
        (better, names), = by.items()
        return f"The review's better decision at turn {turn} for {team_names(names)} was: {better}."
    groups = sorted(by.items(), key=lambda g: -len(g[1]))  # the most teams first; a slide holds three
    parts = "; ".join(f"for {team_names(names, 2)}, {better}" for better, names in groups[:3])
    rest = sum(len(names) for _, names in groups[3:])
    parts += f"; another for each of {plural(rest, 'more team')}" if rest else ""
    return (f"The review's better decision at turn {turn} depends on each team's situation (its game up to "
            f"then): {parts}.")


KINDS = ("leadership", "management", "development")
GAP = 0.10  # a kind's share of all actions this far from strong play's is a gap worth asking about


def mix_gap(room: Room) -> Prompt | None:
    """The mix question, about where the room was farthest from strong play: the phase whose split (each kind's
    share of all the actions, as the mix table shows it) differs most from strong play's, naming the kinds that
    make the gap. Trainer s7 3, finding 10: the question named a leadership share of 60% against strong play's
    67% (close), when the room's real gaps were development (8% against 33%) and management (32% against 0%,
    two tables that played only management)."""
    best, far = None, 0.0
    for r in room.mix_rows():
        if r.strong is None or r.title == "Whole game":
            continue
        own, strong = shares(*r.room), shares(*r.strong.counts)
        if own is None or strong is None:
            continue
        apart = sum(abs(a - b) for a, b in zip(own, strong))
        if apart > far + 1e-9:
            best, far = (r, own, strong), apart
    if best is None:
        return None
    r, own, strong = best
    kinds = sorted((k for k in range(3) if abs(own[k] - strong[k]) >= GAP), key=lambda k: -abs(own[k] - strong[k]))
    if not kinds:
        return Prompt("went well", f"In {r.title} the actions of {room.who} were {r.room_words}. How do you think strong "
                                   "play split its actions there, and what pulled your team toward its mix?",
                      room.mix_story(), where="glance", reveals=("Strong play",))
    its = "their" if room.bots_left_out else "its"  # the mix table's count: teams of people (trainer s7 4, 6)
    said = joined([f"{own[k]:.0%}{f' of {its} actions' if n == 0 else ''} to {KINDS[k]}" for n, k in enumerate(kinds[:2])])
    return Prompt("to change", f"In {r.title} {room.who} gave {said}. How do you think strong play split its actions "
                               "there, and what pulled your team toward its mix?",
                  room.mix_story(), where="glance", reveals=("Strong play",))  # the mix table shows strong play


def split_words(r) -> str:
    """'Investors ask for numbers' (turn 7): 5 teams answered 'A'; Cara + Dev alone 'B'.': who answered what,
    the most given answer counted, another given by one or two teams with their names (those are the people
    to ask: at 1920 px the question keeps to 5 lines of big type). Only teams of people
    are counted; an answer only a bot gave is told after them, marked ('all 3 teams of people answered 'A';
    only Robo Table (bot) 'B'.'), never as a side of the room (trainer s7 4, finding 3)."""
    counts = r.people_counts()
    people = [a for a in r.answers if a.team not in r.bots]
    parts = []
    for k, (answer, n) in enumerate(counts[:3]):
        names = [t for t in r.teams_of(answer) if t not in r.bots or not people]
        who = (f"{names[0]} alone" if n == 1 else joined(names)) if n <= 2 and (k or n == 1) else plural(n, "team")
        if k == 0 and len(counts) == 1 and people:
            who = f"all {n} teams of people" if n > 2 else ("the one team of people" if n == 1 else
                                                           f"both teams of people, {joined(names)},")
        verb = "answered " if k == 0 else ""
        parts.append(f"{who} {verb}'{answer}'")
    more = len(counts) - 3
    given = {a for a, _ in counts}
    bot_only = [a for a, _ in r.counts() if a not in given] if people else []
    for answer in bot_only[:2]:
        bots = [team_label(t, True) for t in r.teams_of(answer)]
        parts.append(f"only {joined(bots)} '{answer}'")
    return (f"'{r.title}' (turn {r.first_turn}): " + "; ".join(parts)
            + (f"; {plural(more, 'more answer')}" if more > 0 else "") + ".")


def _lost(t) -> bool:
    e = int(t.session.state.ending[0])
    return e >= 0 and t.session.scenario.endings[e].kind == "loss"


def lost_prompt(room: Room) -> Prompt | None:
    """Ask the tables of people whose game was lost what their dashboard showed on the way, and answer with
    the hidden driver that ended it (the loss's rule and the team's value) and strong play's mix in that
    phase: the story of a room where an all-management table lost at turn 5 (trainer s7 3, finding 10). A game
    lost before the last turn opens it with the question its end screen promised, 'What ended games early?'
    (views.debrief.early_end: the guide gives that team the floor on it; trainer s7 4, finding 2)."""
    from ..views.goal import checks, condition, near

    lost = [t for t in room.people if _lost(t)]
    if not lost:  # asked even when every game was lost: a lost team's end screen promised it (views.debrief)
        return None
    scenario = room.scenario

    def ending_of(t):
        return scenario.endings[int(t.session.state.ending[0])]

    def one_sided(t) -> str:
        p = t.session.phase_history[min(t.session.turn, len(t.session.phase_history)) - 1]
        m = t.session.mix()[t.session.rules.phases[p]]
        total = sum(m.values())
        top = max(KINDS, key=lambda k: m.get(k, 0))
        return f", after only {top} actions in {scenario.phases[p].title}" if total and m.get(top, 0) == total else ""
    named = lost[:3]
    said = "; ".join(f"{possessive(t.label)} game was lost at turn {t.session.turn} ('{ending_of(t).title}'"
                     f"{one_sided(t)})" for t in named)
    more = f"; {plural(len(lost) - 3, 'more team')} too" if len(lost) > 3 else ""
    why = []
    for t in named:
        values = {m: float(t.session.history[-1][t.session.rules.index[m]]) for m in t.session.rules.metrics}
        par = t.review.par_path[min(t.session.turn, len(t.review.par_path) - 1)]
        for c in checks(scenario, condition(ending_of(t).when), values):
            if c.met:
                strong = near(scenario, c.clause, float(par[t.session.rules.index[c.clause.metric]]))
                why.append(f"{possessive(t.label)} game ended on {c.words}: it had {c.got_text} at turn "
                           f"{t.session.turn}, strong play {strong}")
    bots = [b for b in room.teams if b.verified.bot and _lost(b) and b not in lost]
    also = (f" {joined([f'{b.label} lost the same way at turn {b.session.turn}' for b in bots[:2]])}."
            if bots else "")
    answer = ("; ".join(why) + "." if why else "") + also
    early = "What ended games early? " if any(t.session.turn < scenario.turns for t in lost) else ""
    return Prompt("to change", f"{early}{said}{more}. What did the dashboard show on the way, and what would have "
                               "warned you sooner?",
                  answer.strip(), (f"What ended {possessive(named[0].label)} game" if len(named) == 1 else "What ended the lost games")
                  if answer.strip() else "", where="underneath",
                  reveals=(DRIVERS_TITLE,))


def discussion_prompts(room: Room) -> list[Prompt]:
    """Questions chosen from what happened in this room; nothing that did not happen is asked."""
    out: list[Prompt] = []
    scores = [t.session.score() for t in room.teams]
    ranks = competition_ranks(scores)
    ranked = [_Place(r, t) for t, r in zip(room.teams, ranks)]  # room.teams are in the one order
    chosen, _ = best_people(ranked, lambda p: p.team.verified.bot)  # people, not a bot
    best = [p.team for p in chosen]
    score = best[0].session.score()
    where = (f"{score - room.par:.0f} points above" if score > room.par + 0.5 else
             "level with" if score >= room.par - 0.5 else f"{room.par - score:.0f} points below")
    turn = decisive_turn(best[0]) if len(best) == 1 else None
    names = [t.label for t in best]  # a bot's marked: only when no team of people finished
    who = names[0] if len(names) == 1 else f"{joined(names) if len(names) <= 3 else ', '.join(names[:3]) + f' and {len(names) - 3} more teams'} (tied)"
    out.append(Prompt(
        "went well", f"{who} scored {score:.0f}, {where} the par of {room.par:.0f}. "
                     f"Why did {'its' if len(best) == 1 else 'their'} play work, and which of "
                     f"{'its' if len(best) == 1 else 'their'} decisions would you keep?",
        strongest_words(who, turn) if turn else "",
        ("The winner's strongest turn" if chosen[0].rank == 1 else "The best team of people: its strongest turn")
        if turn else "",  # asked with the questions at the end: no slide before it shows a team's strongest turn
        note=" ".join(notes := pattern_notes(turn, room.mistakes) if turn and turn.beat_typical else []),
        note_title=NOTE_TITLE if notes else ""))
    gap = mix_gap(room)
    if gap:
        out.append(gap)
    if room.mistakes:  # asked before the turn-now answer, whose better decision names some of these actions
        out.append(pattern_prompt(room.mistakes))
    shared = room.most_shared_costly_turn()
    if shared:
        turn_n, n, _ = shared
        each = shared.each
        lost = (f"Turn {turn_n} cost " + joined([f"{name} {loss:.0f}" + (" points" if k == 0 else "")
                                                for k, (name, loss) in enumerate(each)]) if n <= 3 else
                f"At turn {turn_n}, {n} {room.of_people()} lost {COSTLY:g} points or more ({shared.each_words(2, ' points')})")
        left = f" ({room.left_out_words()})" if room.bots_left_out else ""
        out.append(Prompt("turn now", f"{lost}{left}. What would you do at turn {turn_n} now?",
                          better_at_words(room, turn_n) + " " + own_turn_words(room, turn_n),
                          f"Turn {turn_n}: what the review found", "costly",
                          (f"The review's better decision at turn {turn_n}",)))
    decisive = decisive_events(room.events, COSTLY) or decisive_events(room.events, 0.5)  # else a clear best
    if decisive:
        r = decisive[0]
        side = "Teams of each side: what" if r.splits else "What"  # a bot is no side of the room
        out.append(Prompt("looking back", f"{split_words(r)} {side} did you expect to happen, and what did?",
                          r.best.words, where="events", event_id=r.event_id,
                          reveals=(f"{r.title} (turn {r.first_turn})", r.best.words)))
    lost = lost_prompt(room)
    if lost:
        out.append(lost)
    hit = [(c, n) for c, n in room.crisis_counts() if n]
    if hit:
        c, n = max(hit, key=lambda x: x[1])
        out.append(Prompt("to change", f"{n} {room.of_teams()} fell into '{c}': "
                                       f"{crisis_teams_words(room.crisis_teams().get(c, []))}. Which early signs "
                                       "did you see (or could you have seen in the hidden drivers)?",
                          where="underneath", reveals=(DRIVERS_TITLE,)))
    clock = room.clock()
    if clock:  # about time pressure, not the teams' fault (facilitator's guide); every team, finished or not
        out.append(Prompt("to change", f"{room.clock_count()}: {clock_names(clock)}. "
                                       "Did time pressure change how you decided, as it does at work?"))
    return out
