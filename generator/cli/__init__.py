"""The command line: one module per command group; parses arguments, reads the clock once,
calls the library and writes what it returns.
"""
