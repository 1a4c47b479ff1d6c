"""Analyses of scenarios by many bot games (balance, teaching)."""
