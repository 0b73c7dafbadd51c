"""User documentation of the check vocabulary, assembled from the check modules' docstrings."""

from __future__ import annotations

import inspect
import re

from compliance.checks import CHECKS

SECTIONS = ("What it checks", "Why", "Options", "Passing", "Failing")
_OPTION = re.compile(r"^([a-z_][a-z_ /]*): (.*)$")


def check_doc(type_id: str) -> str:
    """One check type's documentation as Markdown."""
    doc = inspect.cleandoc(CHECKS[type_id].__doc__ or "")
    title, _, body = doc.partition("\n")
    lines = [f"## `{type_id}`", "", title.split(":", 1)[-1].strip().capitalize(), ""]
    section = ""
    for raw in body.strip().splitlines():
        line = raw[4:] if raw.startswith("    ") else raw
        if raw.endswith(":") and raw.rstrip(":") in SECTIONS:
            section = raw.rstrip(":")
            lines += [f"**{section}**", ""]
        elif section == "Options" and (option := _OPTION.match(line)) and raw.startswith("    "):
            lines.append(f"- `{option.group(1)}`: {option.group(2)}")
        elif section == "Options" and line.startswith("    "):
            lines.append(f"  {line.strip()}")
        else:
            lines.append(line)
    return _fence_examples("\n".join(lines)).rstrip() + "\n"


def _fence_examples(text: str) -> str:
    """Wrap the YAML under **Passing** in a code fence so it renders as YAML."""
    head, marker, rest = text.partition("**Passing**\n\n")
    if not marker:
        return text
    example, failing, tail = rest.partition("\n**Failing**")
    return f"{head}{marker}```yaml\n{example.strip()}\n```\n{failing}{tail}"


def checks_markdown() -> str:
    """The whole vocabulary, in registry order."""
    parts = ["# Check types", "",
             "Each requirement lists one or more checks. Every check has a `type` and the "
             "options below; `id` (to override it from a child set) and `description` are "
             "accepted by all.", ""]
    return "\n".join(parts) + "\n" + "\n".join(check_doc(t) for t in CHECKS)
