"""Builds the fictional sample filings in sample_submissions/ (see scripts/make_samples.py)."""
