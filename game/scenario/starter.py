"""The commented starter scenario written by `leadsim new`."""

from __future__ import annotations

import re

STARTER = '''\
{schema_line}
# A starter scenario written by `leadsim new`. It validates and plays as it is:
#   leadsim validate {file}      check it (add --strict to fail on warnings)
#   leadsim play {file}          play it
#   leadsim balance {file}       let every bot play it many times: is it fair, does it teach?
# Change it step by step and validate after each change. The full reference of
# every field is in docs/authoring.md.
format: 1                     # version of the scenario format; always 1
id: {id}                      # short name: lower-case letters, digits and _
title: "{title}"
summary: "One line that says what this scenario is about."
briefing: |
  The story told to the player before the first turn. Say who the team is,
  what is at stake, and give a hint of what will change halfway through.
turns: 20                     # number of turns in a full game (3..200)
action_points: 3              # points the player spends each turn

# Ten metrics are built in (morale, efficiency, budget, trust, stress, skill,
# process, initiative, leadership_skill, management_skill). Write only what
# you want to change; any other name adds a metric of your own.
metrics:
  budget:
    start: 100
    min: -50
    max: 200
    unit: "k"

# Phases follow each other in the order written. The weights say how strongly
# each kind of action works in that phase: this is where the lesson lives.
phases:
  - id: early
    title: "Early days"
    text: "A small team with a big idea: belief and ownership matter most."
    weights: {{leadership: 1.5, management: 0.6, development: 1.0}}
  - id: grown
    title: "Grown up"
    text: "More people, more customers: things must simply work now."
    weights: {{leadership: 0.6, management: 1.5, development: 1.0}}
    starts_at_turn: 10        # at the latest; add starts_when: "..." to start earlier

# Actions: what the player can do. effects are scaled by how well the action
# works (phase weight, skill, trust or process); side_effects are not.
actions:
  # --- leadership: moves people
  - id: share_vision
    title: "Share the vision"
    category: leadership
    text: "Paint where the team is going and why it matters."
    cost: {{budget: 1, ap: 1}}
    effects: {{morale: 5, trust: 3}}
    delayed:
      - {{metric: initiative, amount: 6, after: 2, over: 2}}   # arrives in turns +2 and +3
    cooldown: 2
  - id: coach
    title: "Coach one-on-one"
    category: leadership
    text: "Help people grow. Small now, larger later."
    cost: {{budget: 1, ap: 1}}
    effects: {{trust: 2}}
    delayed:
      - {{metric: skill, amount: 6, after: 2, over: 3}}
  - id: delegate
    title: "Delegate a decision"
    category: leadership
    text: "Let the team own a real decision."
    cost: {{budget: 0, ap: 1}}
    effects: {{initiative: 6, trust: 2}}
    side_effects: {{efficiency: -1}}
  # --- management: moves execution
  - id: plan
    title: "Plan the sprint"
    category: management
    text: "Clear priorities and owners for the next weeks."
    cost: {{budget: 1, ap: 1}}
    effects: {{efficiency: 5, process: 3}}
    side_effects: {{initiative: -2}}
  - id: cut_costs
    title: "Cut costs"
    category: management
    text: "Stop spending on what does not pay off."
    cost: {{budget: 0, ap: 1}}
    effects: {{budget: 8}}
    side_effects: {{morale: -2, initiative: -3}}
    cooldown: 2
  - id: fix_process
    title: "Fix the process"
    category: management
    text: "Write down how work flows and remove a bottleneck."
    cost: {{budget: 3, ap: 2}}
    effects: {{process: 8, stress: -3}}
    delayed:
      - {{metric: efficiency, amount: 5, after: 1, over: 2}}
  # --- development: makes you better at both
  - id: leadership_course
    title: "Leadership course"
    category: development
    text: "Learn to inspire and coach."
    cost: {{budget: 6, ap: 1}}
    effects: {{leadership_skill: 8}}
    cooldown: 3
  - id: management_course
    title: "Management course"
    category: development
    text: "Learn to plan and organize."
    cost: {{budget: 6, ap: 1}}
    effects: {{management_skill: 8}}
    cooldown: 3
  - id: mentor
    title: "Find a mentor"
    category: development
    text: "Someone who has done it before."
    cost: {{budget: 2, ap: 1}}
    effects: {{leadership_skill: 3, management_skill: 3}}
    cooldown: 4

# Events happen to the team; the player answers with a choice. A choice's
# followup starts an event chain.
events:
  - id: key_person_leaves
    title: "A key person wants to leave"
    text: "Your best engineer has an offer from a competitor."
    when: "morale < 60"       # a condition; see docs/authoring.md for the language
    probability: 0.15         # chance per turn while the condition holds
    once: true
    choices:
      - id: talk
        label: "Talk about what they want to grow into"
        category: leadership  # effects scale like a leadership action
        effects: {{morale: 4, trust: 3}}
        followup: stays_on    # the chain: this event follows
        followup_after: 2
      - id: counter_offer
        label: "Match the offer"
        cost: 10
        effects: {{morale: 1}}
  - id: stays_on
    title: "They stayed"
    text: "The engineer stayed and asks to lead a small project."
    probability: 0            # 0 = only ever a follow-up
    choices:
      - id: give_project
        label: "Give them the project"
        effects: {{initiative: 5, skill: 2}}
      - id: not_now
        label: "Not now"
        effects: {{trust: -3}}

# Crises start at one threshold and end at another (hysteresis).
crises:
  - id: disengagement
    title: "Quiet disengagement"
    text: "Too much control: people do what they are told and no more. It lasts until ownership is clearly back."
    start: "initiative < 40"
    end: "initiative > 48"
    per_turn: {{morale: -3, efficiency: -2}}

# Endings are checked in order after every turn; at_end ones only after the last.
endings:
  - id: bankrupt
    title: "Out of money"
    text: "The team ran out of money."
    kind: loss
    when: "budget <= 0"
  - id: walkout
    title: "The team walked out"
    text: "Morale collapsed and people left."
    kind: loss
    when: "morale < 15"
  - id: micromanaged
    title: "Nobody takes initiative any more"
    text: "So much control that people stopped thinking for themselves."
    kind: loss
    when: "initiative < 15"
  - id: chaos
    title: "Chaos"
    text: "All inspiration and no structure: nothing works reliably any more."
    kind: loss
    when: 'phase == "grown" and process < 33'
  - id: thriving
    title: "A thriving team"
    text: "Good results, money in the bank and a team that believes in its work."
    kind: win
    at_end: true
    when: "morale >= 62 and efficiency >= 65 and budget >= 45"
  - id: survived
    title: "Survived"
    text: "You made it to the end, though not everything went well."
    kind: neutral
    at_end: true

# The score averages the weighted metrics over all turns.
score:
  weights: {{morale: 1, efficiency: 1, budget: 1}}
  win_bonus: 100
  loss_penalty: 100
'''


def scenario_id(name: str) -> str:
    """A valid scenario id made from a file name ('My Team' -> 'my_team')."""
    ident = re.sub(r"[^a-z0-9_]+", "_", name.lower()).strip("_")
    if not ident or not ident[0].isalpha():
        ident = "s_" + ident
    return ident[:40]


def starter_text(name: str, schema_line: str) -> str:
    title = name.replace("_", " ").replace("-", " ").strip().title() or "New Scenario"
    return STARTER.format(schema_line=schema_line, id=scenario_id(name), title=title.replace('"', "'"),
                          file=f"{name}.yaml")


def from_builtin(text: str, name: str, schema_line: str) -> str:
    """A built-in scenario's text with a new id and a schema comment that works from anywhere."""
    lines = text.splitlines(keepends=True)
    if lines and lines[0].startswith("# yaml-language-server:"):
        lines = lines[1:]
    out = [schema_line + "\n", f"# Copied from a built-in scenario by `leadsim new`; edit freely.\n"]
    replaced = False
    for line in lines:
        if not replaced and re.match(r"^id:\s", line):
            line = f"id: {scenario_id(name)}\n"
            replaced = True
        out.append(line)
    return "".join(out)
