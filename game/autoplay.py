"""Bots playing through the session API, exactly as a person would."""

from __future__ import annotations

from .model.bots import policy
from .session import Decision, Session


def bot_decision(session: Session, name: str) -> Decision:
    """The decision the named bot makes for this session's current turn."""
    actions, choice = policy(name)(session.rules, session.state)
    ids = tuple(a for a, on in zip(session.rules.actions, actions[0]) if on)
    event = session.event
    answer = event.choices[int(choice[0])].id if event is not None else None
    return Decision(ids, answer)


def play_bot(session: Session, name: str) -> Session:
    policy(name)  # fail early on an unknown name
    while not session.done:
        session.decide(bot_decision(session, name))
    return session


def result_json(session: Session, name: str | None) -> str:
    """The JSON that `simulate --json` and the graphical autoplay both print."""
    import json

    return json.dumps(session.result(name), indent=2, sort_keys=True)
