"""Tests of the intake portal."""
