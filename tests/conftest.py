"""Settings for the whole suite.

Hypothesis runs derandomized and keeps no database (.hypothesis/): every run tries the same examples,
so a run passes or fails on the code, never on luck or on what an earlier run happened to find.
No deadline per example: on a loaded 2-core machine a slow example is not a wrong one (speed lives in bench/).
Examples it once found are kept in the tests as @example cases.
"""
from hypothesis import settings

settings.register_profile("recert", derandomize=True, database=None, deadline=None)
settings.load_profile("recert")
