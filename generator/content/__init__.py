"""Loading a content root: reading files safely, YAML with lines, front matter, schemas, the
cache, discovery, routines.toml, data files, git history, and the per-file stage.
"""
