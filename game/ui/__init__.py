"""The graphical game (pygame-ce + pygame_gui): app loop, scene stack, scenes, theme.

Nothing in game/model or game/scenario imports this package; scenes read the
session and change it only through Session.decide.
"""
