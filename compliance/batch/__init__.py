"""Checks a folder of submissions in parallel and writes a portfolio across MCOs."""
