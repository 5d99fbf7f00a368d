"""The core: the model of routines and their rules, the organisation and catalog, obligations,
the Swedish calendar, the clock, diagnostics and errors. Pure: no files, no YAML, no Markdown.
"""
