"""Expiring routines and the reminders due today: digests, GitHub issues, e-mail.
"""
