"""Tests of samestory.documents; a package so that module names such as test_dates do not collide."""
