"""Figures named on pages (fees, units, windows, tables), filled in from calculator/data/."""
