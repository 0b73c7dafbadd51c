"""The requirement-set language's loading: YAML, inheritance, references, lint, set choice."""
