"""What every screen shows, as plain frozen data with the game's words in it, written once.

The window (`game/ui`), the terminal (`game/terminal/`) and the web pages
only map this data to pixels, terminal markup or HTML; no sentence of the game
is written in a front-end. Nothing here imports pygame, rich or HTML, and
nothing here changes a game: read a `Session`, get data.

View functions (all take a `Session` unless said otherwise):

- `briefing.briefing(s)` -> Briefing: title, briefing text, the first phase, how the score is counted.
- `dashboard.dashboard(s, chosen=())` -> Dashboard: metric rows (value, change, direction, verdict,
  history), phase (+ what comes next, progress), skills, mood, crises, points and budget left, cards.
  Pieces: `metric_rows(s)`, `phase_info(s)`, `next_phase_hint(s)`, `skills(s)`, `points(s, chosen)`,
  `crises(s)`.
- `cards.cards(s)` -> tuple[Card]: face and tooltip content at the session's difficulty (expected
  effects with their words, notes, the unavailable reason as a record plus its sentence and short form).
- `event.event(s)` -> Event | None: the waiting event and its answers.
- `report.turn_report(s, turn_report)` -> Report: each metric's change with causes that add up to it,
  skills, hidden drivers moved, crises begun or over, the phase that began, the event answer.
- `phase.phase_change(s, index=None, first=None)` -> PhaseChange: heading, text, which kind it rewards,
  each kind's strength now and before.
- `debrief.debrief(s)` -> Debrief: outcome, score parts, score scale, mix per phase with verdicts,
  hidden drivers start/end, insights, series for charts, phase marks.
- `standings.standings(hotseat)` / `standings.hidden(hotseat)` -> Table: hot-seat rows of cells per team;
  `standings.leaderboard([(team, session, policy)])` -> Leaderboard: the workshop's verified ranking.
- `review.review_view(s, review)` -> the debrief's review (par, evaluation line with its text scale,
  costliest moments with their two scores and what the better decision changes, insights);
  `review.text_lines(view)` -> the same as lines for text front-ends (terminal, `leadsim review`).
- `goal.goal_text(scenario)` -> how the score is made and what wins or loses (briefing, help, picker);
  `goal.goal_check(s)` -> what the win needed against what the game got (the debrief's first insight);
  `goal.clause_words(scenario, clause, verb="")` -> one line of a condition ('Efficiency at least 62');
  `goal.per_turn_words(scenario, per_turn)` -> what a crisis brings each turn ('Stress +3 and Budget -3k a
  turn'), as `dashboard.crises(s)[k].per_turn` and the debrief say it;
  `goal.enough_words(scenario)` -> the score's limits ('Budget counts up to 100k', '' when none), which
  goal_text and the debrief's score_scale both say.
- `targets.hidden_goals(s)` -> tuple[DriverGoal]: each hidden driver the win or a loss names, with a
  coarse standing in words ("Process maturity: at risk"), on every difficulty, never its number;
  `targets.gauge_targets(scenario, metric)` -> the lines a gauge marks ("win ≥ 68"), also in
  `MetricRow.marks`; `targets.mark_sentences(scenario, metric)` says each in words, and `MetricRow.tip`
  is a gauge's tooltip (what the metric is, value, change, which way is good, the marks).
  `targets.crisis_lines(scenario, metric=None)` -> tuple[CrisisLine]: crises that start on a plain
  comparison of a visible metric (`.label` 'crisis < 25' for a gauge mark, also `MetricRow.crisis_marks`;
  `.sentence(scenario)` for the help); `targets.crisis_warnings(s)` -> tuple[CrisisWarning]: those a metric
  is near (WARN_BAND) or heading for within WARN_TURNS at its recent pace, crisis not on (`.text` 'Budget
  46.7k, down 8.1k a turn: the crisis 'Cash squeeze' begins below 25k in about 3 turns', `.turns`), also
  `Dashboard.crisis_warnings` (the terminal's turn screen, the window's strip under the cards).
- `debrief.Debrief.charts` -> ChartGroup: metrics sharing a scale, money fitted to its values, axis words.
- `help.help_view(front, turn_seconds=None, hotseat=False, scenario=None)` -> Help: paragraphs of marked
  spans and key tables ("window" or "terminal"); with the scenario, also its goal.
- `join.join_page(workshop_name)` -> Join and `held.held(kind, s)` -> Held: the browser workshop's own
  screens (joining; paused, waiting for a round, a bot standing in, ended).
- `tables`: the tables' column headings (NamedTuples: a page names them, the terminal adds them in order).
- `lines`: the short sentences and labels around the data, including the browser pages' frame (header,
  text size, the facilitator's message, the connection line, the error page).
- `words`: NO_CHANGE, Verdict, Direction, Outcome, OUTCOME_WORDS, CATEGORY_LETTER, SKILLS, `rewarded`,
  `lean_sentence`, `cause_text`, `effect_words`, `clock_text`, `mood`.

Which screen is owed next (report, phase change, debrief, event) is `game.flow.next_screen`.
"""
