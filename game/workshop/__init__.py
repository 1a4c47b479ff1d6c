"""Facilitated workshops: pinned scenarios, hand-in results verified by replay, debrief reports."""
