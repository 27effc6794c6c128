"""Settings shared by every test package."""

from hypothesis import settings

# Property tests check what the code does, not how fast: the first example in a language loads that language's
# tables (word frequencies, gazetteer), which on a cold cache or a busy machine takes longer than Hypothesis'
# 200 ms default deadline. Speed is measured by the scripts in benchmarks/, never by a test's clock.
settings.register_profile("samestory", deadline=None)
settings.load_profile("samestory")
