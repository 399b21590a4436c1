"""Comparing two data editions for the next report (Fortschreibung)."""
