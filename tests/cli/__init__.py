"""Tests of samestory.cli; a package so that module names such as test_dates do not collide."""
