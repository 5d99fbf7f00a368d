"""Writing routines: import and export of plain-text routines, new and renew, and in-place
front-matter edits that keep every other byte.
"""
