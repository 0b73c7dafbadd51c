"""The requirement-set language: frozen pydantic models validated from YAML.

Submodules: `base` (shared types), `condition`, `workbook` (expected sheets and fields),
`requirement` (requirements and sets). Import from them directly; this package imports
nothing so that check modules can use `condition` without a cycle through `requirement`.
"""
