"""The cross-file checks of a loaded root (references, people, validity, expiry, links,
offerings, change control), as one ordered list.
"""
