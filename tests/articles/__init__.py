"""Tests of samestory.articles; a package so that module names such as test_dates do not collide."""
