"""Typed models of a scenario file.

The field descriptions are the single source for the authoring reference and
the exported JSON Schema, so they are written for trainers, not programmers.
"""

from __future__ import annotations

from typing import Annotated, Literal, Optional

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

CATEGORIES = ("leadership", "management", "development")
DIFFICULTIES = ("guided", "standard", "expert")  # what the cards and answers reveal, most first
Difficulty = Literal["guided", "standard", "expert"]
Category = Literal["leadership", "management", "development"]
ID_PATTERN = r"^[a-z][a-z0-9_]{0,39}$"
ID_HELP = "lower-case letters, digits and '_', starting with a letter (max 40)"

LIMITS = {
    "turns": 200,
    "metrics": 40,
    "actions": 60,
    "events": 120,
    "choices": 6,
    "crises": 20,
    "phases": 8,
    "endings": 30,
    "delay": 12,
}

Amount = Annotated[float, Field(ge=-1e6, le=1e6)]
Effects = dict[str, Amount]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, allow_inf_nan=False, strict=True)


class Metric(Strict):
    """A number that describes the team or the company."""

    title: str = Field("", description="Name shown to the player, e.g. 'Morale'.")
    description: str = Field("", description="One sentence on what the number means.")
    start: Amount = Field(50.0, description="Value at the start of the game.")
    min: Amount = Field(0.0, description="Lowest possible value; the model never goes below it.")
    max: Amount = Field(100.0, description="Highest possible value; the model never goes above it.")
    visible: bool = Field(True, description="Shown on the dashboard during play. Hidden ones are revealed in the debrief.")
    good: Literal["higher", "lower"] = Field(
        "higher", description="Whether a higher or a lower value is better (e.g. stress: lower).")
    drift: Optional[str] = Field(
        None, description="Expression: change applied every turn without any action, e.g. '0.05 * (50 - morale)'.")
    noise: float = Field(0.0, ge=0, le=50, description="Random wobble added each turn (standard deviation, in metric units).")
    unit: str = Field("", description="Unit shown after the value, e.g. 'k€'.")
    saturates: bool = Field(
        True, description="Gains from actions and events shrink as the value nears its max, and losses "
                          "as it nears its min, so the extremes are hard to reach.")

    @model_validator(mode="after")
    def _bounds(self):
        if self.min >= self.max:
            raise ValueError(f"min ({self.min}) must be smaller than max ({self.max})")
        if not self.min <= self.start <= self.max:
            raise ValueError(f"start ({self.start}) must lie between min ({self.min}) and max ({self.max})")
        return self


class Weights(Strict):
    """How strongly each kind of action works in a phase (1.0 = normal)."""

    leadership: float = Field(1.0, ge=0, le=5, description="Multiplier for leadership actions.")
    management: float = Field(1.0, ge=0, le=5, description="Multiplier for management actions.")
    development: float = Field(1.0, ge=0, le=5, description="Multiplier for development actions.")


class Phase(Strict):
    """A stage in the company's life. Phases follow each other in the order written."""

    id: str = Field(pattern=ID_PATTERN, description="Short name used in expressions: phase == \"mature\".")
    title: str = Field(description="Name shown to the player.")
    text: str = Field("", description="What changes in this phase and why it matters; shown when it begins.")
    weights: Weights = Field(default_factory=Weights, description="How strongly each kind of action works here.")
    starts_at_turn: Optional[int] = Field(
        None, ge=2, description="Turn (counted from 1, as the player sees it) that is played in this phase "
                                "at the latest (not for the first phase).")
    starts_when: Optional[str] = Field(
        None, description="Condition that starts this phase early, e.g. 'efficiency > 70 and turn >= 8'.")


class Cost(Strict):
    budget: float = Field(0.0, ge=0, description="Money spent when the action is taken.")
    ap: int = Field(1, ge=0, le=10, description="Action points used; a turn has `action_points` of them.")


class Delayed(Strict):
    """An effect that arrives later, optionally spread over several turns (inertia)."""

    metric: str = Field(description="Metric that changes.")
    amount: Amount = Field(description="Total change, before the action's effectiveness is applied.")
    after: int = Field(1, ge=1, le=LIMITS["delay"], description="Turns until the first part arrives.")
    over: int = Field(1, ge=1, le=LIMITS["delay"], description="Number of turns the amount is spread over.")


class Action(Strict):
    """Something the player can do in a turn."""

    id: str = Field(pattern=ID_PATTERN, description="Short unique name.")
    title: str = Field(description="Name on the action card.")
    category: Category = Field(description="leadership, management or development.")
    text: str = Field("", description="One or two sentences shown on the card.")
    cost: Cost = Field(default_factory=Cost, description="Budget and action points it uses, e.g. {budget: 2, ap: 1}.")
    effects: Effects = Field(
        default_factory=dict,
        description="Immediate changes, scaled by how effective the action is (phase, skill, trust or process).")
    side_effects: Effects = Field(
        default_factory=dict, description="Immediate changes that are not scaled (costs in stress, initiative ...).")
    delayed: list[Delayed] = Field(default_factory=list, description="Changes that arrive in later turns.")
    cooldown: int = Field(0, ge=0, le=20, description="Turns the action is unavailable after being used.")
    diminishing: float = Field(
        0.7, gt=0, le=1, description="Each recent repeat multiplies the effect by this (1 = no fatigue).")
    phases: Optional[list[str]] = Field(None, description="Phases in which the action is offered (default: all).")
    requires: Optional[str] = Field(None, description="Condition that must hold to offer the action.")


class Choice(Strict):
    id: str = Field(pattern=ID_PATTERN, description="Short name, unique within the event.")
    label: str = Field(description="Text of the button or menu entry.")
    result: str = Field("", description="What the player reads after choosing.")
    category: Optional[Category] = Field(
        None, description="If set, all its effects scale like an action of this kind, downsides such as stress included; leave it out for effects that must apply as written.")
    effects: Effects = Field(default_factory=dict, description="Changes applied when chosen.")
    delayed: list[Delayed] = Field(default_factory=list, description="Changes that arrive later.")
    cost: float = Field(0.0, ge=0, description="Budget spent when chosen: a plain number (cost: 3), unlike an action's cost.")
    followup: Optional[str] = Field(None, description="Event that follows this choice (a chain).")
    followup_after: int = Field(1, ge=1, le=LIMITS["delay"], description="Turns until the follow-up event.")


class Event(Strict):
    """Something that happens to the team; the player answers it with a choice."""

    id: str = Field(pattern=ID_PATTERN, description="Short unique name.")
    title: str = Field(description="Headline of the event.")
    text: str = Field(description="What happened, shown to the player.")
    when: str = Field("true", description="Condition under which it can happen.")
    probability: float = Field(
        0.1, ge=0, le=1, description="Chance per turn while the condition holds (0 = only as a follow-up).")
    once: bool = Field(False, description="Happens at most once per game.")
    cooldown: int = Field(0, ge=0, le=200, description="Turns before it can happen again.")
    phases: Optional[list[str]] = Field(None, description="Phases in which it can happen (default: all).")
    choices: list[Choice] = Field(min_length=1, max_length=LIMITS["choices"], description="Possible answers.")

    @field_validator("choices")
    @classmethod
    def _unique_choices(cls, choices):
        ids = [c.id for c in choices]
        dup = {i for i in ids if ids.count(i) > 1}
        if dup:
            raise ValueError(f"choice id '{sorted(dup)[0]}' is used twice; give each choice its own id")
        return choices


class Crisis(Strict):
    """A lasting state with hysteresis: it starts at one threshold and ends at another."""

    id: str = Field(pattern=ID_PATTERN, description="Short name; usable in expressions as a 0/1 flag.")
    title: str = Field(description="Name shown to the player.")
    text: str = Field("", description="Shown when the crisis starts.")
    start: str = Field(description="Condition that starts the crisis, e.g. 'stress > 80'.")
    end: str = Field(description="Condition that ends it, e.g. 'stress < 55'.")
    per_turn: Effects = Field(default_factory=dict, description="Changes every turn while it lasts.")


class Ending(Strict):
    """A way the game can end."""

    id: str = Field(pattern=ID_PATTERN, description="Short unique name.")
    title: str = Field(description="Headline on the end screen.")
    text: str = Field("", description="What it means, shown on the end screen.")
    kind: Literal["win", "loss", "neutral"] = Field(description="win, loss or neutral.")
    when: str = Field("true", description="Condition for this ending.")
    at_end: bool = Field(
        False, description="Checked only after the last turn (otherwise checked after every turn).")


class Score(Strict):
    """The final score averages the weighted metrics over all turns, so a last-turn trick cannot win."""

    weights: dict[str, float] = Field(description="Weight of each metric in the score.")
    win_bonus: float = Field(0.0, ge=0, description="Points added for a win ending.")
    loss_penalty: float = Field(0.0, ge=0, description="Points removed for a loss ending.")
    enough: dict[str, Amount] = Field(
        default_factory=dict,
        description="Per score metric, the value past which it adds nothing more to the score (below it for "
                    "a metric whose good side is lower), e.g. {budget: 100}: a surplus far past the goal "
                    "is not a better result. A metric not named here counts across its whole range.")


class Noise(Strict):
    effects: float = Field(0.1, ge=0, le=1, description="Random spread of action effects (0.1 = about ±10%).")


class Effectiveness(Strict):
    """Expressions for how well each kind of action works, before the phase weight."""

    leadership: str = Field(
        "(0.4 + 0.6 * trust / 100) * (0.35 + 1.2 * leadership_skill / 100)",
        description="Multiplier for leadership actions (trust and leadership skill).")
    management: str = Field(
        "(0.4 + 0.6 * process / 100) * (0.35 + 1.2 * management_skill / 100)",
        description="Multiplier for management actions (process maturity and management skill).")
    development: str = Field("1", description="Multiplier for development actions.")


class Scenario(Strict):
    """A complete scenario: the company, the team, the choices and how it ends."""

    format: Literal[1] = Field(1, description="Version of the scenario format; write 1.")
    id: str = Field(pattern=ID_PATTERN, description="Short unique name of the scenario.")
    title: str = Field(description="Title shown in menus.")
    summary: str = Field(description="One line shown in `leadsim list`.")
    briefing: str = Field(description="The story told to the player before the first turn.")
    turns: int = Field(ge=3, le=LIMITS["turns"], description="Number of turns in a full game.")
    action_points: int = Field(3, ge=1, le=10, description="Action points the player spends each turn.")
    default_difficulty: Difficulty = Field(
        "standard", description="Difficulty a new game starts on unless the player chooses one: guided "
                                "(effects with their size and direction, hidden drivers shown: for a first "
                                "game), standard (effect sizes only) or expert (no previews). A workshop "
                                "file fixes its own.")
    company_title: Optional[str] = Field(
        None, max_length=40,
        description="Heading of the dashboard's panel of the visible metrics: the place the player runs "
                    "('The ward'). One line, at most 40 characters; without it, 'The company'.")
    team_size: int = Field(12, ge=1, le=40, description="How many people the dashboard draws as the "
                                                         "player's team (the briefing's 'twenty nurses': 20).")

    @field_validator("company_title")
    @classmethod
    def _one_line_title(cls, title):
        """A panel heading is one line of visible text (a newline would push the panel's rows down)."""
        if title is not None and (not title.strip() or any(c in title for c in "\n\r\t")):
            raise ValueError("write the panel's heading as one line of text, e.g. 'The ward'")
        return title

    metrics: dict[str, Metric] = Field(
        default_factory=dict,
        description="Metrics, merged over the built-in ones (morale, efficiency, budget, trust, stress, "
                    "skill, process, initiative, leadership_skill, management_skill).")
    effectiveness: Effectiveness = Field(default_factory=Effectiveness,
                                         description="How skill and hidden state scale actions.")
    phases: list[Phase] = Field(min_length=1, max_length=LIMITS["phases"], description="Phases in order.")
    actions: list[Action] = Field(min_length=1, max_length=LIMITS["actions"], description="Actions on offer.")
    events: list[Event] = Field(default_factory=list, max_length=LIMITS["events"], description="Events.")
    crises: list[Crisis] = Field(default_factory=list, max_length=LIMITS["crises"], description="Crises.")
    endings: list[Ending] = Field(min_length=1, max_length=LIMITS["endings"], description="Endings, checked in order.")
    score: Score = Field(description="How the final score is computed.")
    noise: Noise = Field(default_factory=Noise, description="Randomness of action effects.")
