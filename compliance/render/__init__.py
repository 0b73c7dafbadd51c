"""Output formats: each renders a `ResultDocument` to text or bytes."""
