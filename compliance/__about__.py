"""Version of the compliance checker."""

__version__ = "0.1.0"
