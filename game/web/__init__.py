"""The browser workshop: the facilitator's laptop serves the game to the room (`leadsim serve`).

app.py wires the routes; store.py keeps every team's seed and decision log in SQLite, games.py
rebuilds each game through Session from it; csrf.py, auth.py and limits.py guard the requests;
pages.py, api.py and console.py are the participants' pages, their JSON API and the facilitator's
console; templates/ and static/ are shipped with the package (nothing loads from the internet).
"""
