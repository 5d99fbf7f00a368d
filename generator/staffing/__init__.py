"""Rosters checked against the role rules, and the occurrences of recurring tasks.
"""
