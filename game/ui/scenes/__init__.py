"""One module per screen of the graphical game."""
