"""The participant pages write no word of the game themselves (issue 17): every text a person reads or
hears comes from game/views, and a template only maps that data to HTML.

The check reads each template the way Jinja does (its lexer): the text between tags and the attributes a
person reads or a screen reader says must hold no letter, and no string literal inside {{ }} or {% %} may
be a label or sentence (a capital letter or two words: 'Paused', 'Waiting for turn '); a lowercase word
there is a key, a kind or a CSS class ('paused', ' unavailable'). The few markup-only strings (key
captions printed on <kbd>) are listed below. play.js's words come from the page's data attributes.
"""

from __future__ import annotations

import ast
import re
from html.parser import HTMLParser
from pathlib import Path

from game.web import app as web_app

TEMPLATES = Path(web_app.__file__).parent / "templates"
STATIC = Path(web_app.__file__).parent / "static"
PARTICIPANT = ("base.html", "clock.html", "join.html", "error.html", "briefing.html", "dashboard.html",
               "summary.html", "report.html", "end.html", "help.html", "held.html", "spans.html")
KEY_CAPTIONS = {"E", "Esc"}  # printed on <kbd> beside a label from the views, as the window's keys
READ_ATTRIBUTES = {"aria-label", "title", "alt", "placeholder", "aria-description", "aria-roledescription"}
HOLE = "\x00"  # where a {{ }} stands: data from the views, never a word of the template's own
LETTER = re.compile(r"[^\W\d_]")
PAGE_NAME = re.compile(r"{%-?\s*block page\s*-?%}[a-z]+{%-?\s*endblock\s*-?%}")  # <body data-page>, for play.js


class _Text(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.found += [value for name, value in attrs if name in READ_ATTRIBUTES and value]

    def handle_data(self, data):
        self.found.append(data)


def own_words(source: str) -> list[str]:
    """The words a template writes itself: literal text and read attributes, and string literals in its
    expressions that are labels or sentences."""
    env = web_app.templates()
    html, strings = [], []
    for _, kind, value in env.lex(PAGE_NAME.sub("", source)):
        if kind == "data":
            html.append(value)
        elif kind == "variable_begin":
            html.append(HOLE)
        elif kind == "string":
            value = ast.literal_eval(value)  # the lexer gives the literal with its quotes
            if re.search(r"[A-Z]", value) or re.search(r"\w\s+\w", value):
                strings.append(value)
    parser = _Text()
    parser.feed("".join(html))
    parser.close()
    texts = [t.strip(" \n" + HOLE) for chunk in parser.found for t in chunk.split(HOLE)]
    return [t for t in texts if LETTER.search(t) and t not in KEY_CAPTIONS] + strings


def test_the_checker_finds_a_templates_own_words():
    assert own_words('<p class="x">Hello {{ a }}</p>') == ["Hello"]
    assert own_words('<kbd>E</kbd> {{ lines.HELP }}') == []
    assert own_words('<kbd aria-label="key {{ k }}">{{ k }}</kbd>') == ["key"]
    assert own_words("{{ 'Not found' if x else y }}") == ["Not found"]
    assert own_words("{{ {'paused': 'Paused'}[kind] }}") == ["Paused"]
    assert own_words('<div class="card{{ \' unavailable\' if c.reason }}">▲! ⚠ — ·</div>') == []
    assert own_words("{# a comment says why #}{% if kind == 'paused' %}{% endif %}") == []
    assert own_words("{% block page %}held{% endblock %}{% block main %}Held{% endblock %}") == ["Held"]


def test_participant_templates_write_no_word_of_their_own():
    found = {name: own_words((TEMPLATES / name).read_text(encoding="utf-8")) for name in PARTICIPANT}
    assert {name: words for name, words in found.items() if words} == {}


def test_every_participant_template_is_checked():
    """A new participant page joins the list above (the console, projector and debrief pages are the
    console engineer's; they are not participant pages)."""
    facilitator = {"console.html", "projector.html", "projector_open.html", "projector_key.html", "debrief_panel.html",
                   "debrief_upload.html"}
    assert {p.name for p in TEMPLATES.glob("*.html")} - facilitator == set(PARTICIPANT)


def test_the_participants_script_writes_no_sentence():
    for name in ("play.js", "live.js"):
        source = re.sub(r"/\*.*?\*/|//[^\n]*", "", (STATIC / name).read_text(encoding="utf-8"), flags=re.S)
        literals = re.findall(r'"([^"\\]*)"|\'([^\'\\]*)\'', source)
        sentences = [a or b for a, b in literals if re.search(r"[A-Za-z]+\s+\w+\s+\w+", a or b)]
        assert sentences == [], name
