"""Built-in metrics every scenario starts from.

A scenario's `metrics:` entries are merged field by field over these, so an
author only writes what differs. The drift formulas are the model's default
"physics": what happens to a team when nobody acts.
"""

CORE_METRICS: dict[str, dict] = {
    "morale": {
        "title": "Morale", "start": 60, "visible": True,
        "description": "How much the team wants to be here and give its best.",
        "drift": "0.06 * (50 - morale) + 0.05 * (trust - 50) - 0.12 * max(stress - 55, 0)"
                 " + 0.03 * (initiative - 50)",
        "noise": 1.2,
    },
    "efficiency": {
        "title": "Efficiency", "start": 50, "visible": True,
        "description": "How much of the team's effort turns into results.",
        "drift": "0.2 * (0.45 * process + 0.3 * skill + 0.25 * morale - efficiency)"
                 " - 0.08 * max(stress - 60, 0)",
        "noise": 1.0,
    },
    "budget": {
        "title": "Budget", "start": 100, "min": -100, "max": 500, "visible": True, "unit": "k", "saturates": False,
        "description": "Money left to run the team.",
        "drift": "0.12 * efficiency + 0.03 * morale - 8",
        "noise": 1.0,
    },
    "trust": {
        "title": "Trust", "start": 50, "visible": False,
        "description": "How much the team believes its leader; leadership actions work better with it.",
        "drift": "0.04 * (45 - trust)",
    },
    "stress": {
        "title": "Stress", "start": 30, "visible": False, "good": "lower",
        "description": "Pressure and fatigue; high stress burns people out.",
        "drift": "0.12 * (30 - stress) + 0.05 * max(55 - process, 0)",
        "noise": 0.8,
    },
    "skill": {
        "title": "Team skill", "start": 40, "visible": False,
        "description": "What the team knows and can do.",
        "drift": "0.01 * (60 - skill)",
    },
    "process": {
        "title": "Process maturity", "start": 40, "visible": False,
        "description": "How well work is organized; management actions work better with it.",
        "drift": "-0.03 * process + 0.6",
    },
    "initiative": {
        "title": "Ownership", "start": 55, "visible": False,
        "description": "How readily people take decisions and own their work.",
        "drift": "0.05 * (50 - initiative) + 0.03 * (morale - 50)",
    },
    "leadership_skill": {
        "title": "Your leadership skill", "start": 30, "visible": False,
        "description": "Your own skill at inspiring, coaching and empowering people.",
    },
    "management_skill": {
        "title": "Your management skill", "start": 30, "visible": False,
        "description": "Your own skill at planning, organizing and controlling work.",
    },
}

# Metrics shown on the dashboard as the leader's own skills, even though hidden
# from the main gauges.
SKILL_METRICS = ("leadership_skill", "management_skill")
