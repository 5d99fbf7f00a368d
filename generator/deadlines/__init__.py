"""Case exports judged against the deadline rules: reading cases, judging them in vardagar,
running in parallel, and the text, JSON and CSV reports.
"""
