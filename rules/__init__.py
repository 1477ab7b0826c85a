"""Entry-rule arithmetic: how many days a traveller has used and has left under a stay rule."""
