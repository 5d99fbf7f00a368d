"""The staff handbook: the site plan, rendering in the sandbox, the build and the preview server.
"""
