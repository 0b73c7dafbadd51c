"""Strict, bounded YAML: safe tags only, no duplicate keys, alias expansion capped.

Returns plain data plus a map from each key's path to its line, so that a validation
error can be reported as `oregon.yaml:42: requirements[3].checks[0].target: ...`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from compliance.errors import RequirementSetError
from compliance.inputfile import read_regular

MAX_BYTES = 2 * 1024 * 1024
MAX_NODES = 200_000
MAX_DEPTH = 64

LinePath = tuple[str | int, ...]
_MAP = "tag:yaml.org,2002:map"
# libyaml's parser when PyYAML was built with it (ten times faster); the node graph and
# line marks are the same, and values are still built by the safe constructor below.
_PARSER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_SEQ = "tag:yaml.org,2002:seq"


class _Builder:
    def __init__(self, file: str):
        self.file = file
        self.lines: dict[LinePath, int] = {}
        self.nodes = 0
        self.scalars = yaml.SafeLoader("")

    def fail(self, node: yaml.Node, reason: str) -> RequirementSetError:
        return RequirementSetError(reason, file=self.file, location=str(node.start_mark.line + 1))

    def build(self, node: yaml.Node, path: LinePath) -> Any:
        self.nodes += 1
        if self.nodes > MAX_NODES:
            raise self.fail(node, f"more than {MAX_NODES} YAML nodes (alias expansion bomb?)")
        if len(path) > MAX_DEPTH:
            raise self.fail(node, f"nested more than {MAX_DEPTH} levels deep")
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, path)
        if isinstance(node, yaml.SequenceNode):
            if node.tag != _SEQ:
                raise self.fail(node, f"tag {node.tag} is not allowed")
            items = []
            for i, item in enumerate(node.value):
                self.lines.setdefault((*path, i), item.start_mark.line + 1)
                items.append(self.build(item, (*path, i)))
            return items
        return self._scalar(node)

    def _scalar(self, node: yaml.Node) -> Any:
        try:
            return self.scalars.construct_object(node)
        except yaml.YAMLError as exc:
            raise self.fail(node, f"tag {node.tag} is not allowed") from exc
        except (ValueError, OverflowError):
            # `2026-13-01` looks like a date but is none: kept as written, so validation
            # names the key that needs a date, beside every other problem of the file
            return node.value

    def _mapping(self, node: yaml.MappingNode, path: LinePath) -> dict[Any, Any]:
        if node.tag != _MAP:
            raise self.fail(node, f"tag {node.tag} is not allowed")
        data: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                raise self.fail(key_node, "merge keys (<<) are not supported; repeat the keys")
            if not isinstance(key_node, yaml.ScalarNode):
                raise self.fail(key_node, "mapping keys must be plain scalars")
            key = self._scalar(key_node)
            if key in data:
                raise self.fail(key_node, f"duplicate key '{key}'")
            self.lines[(*path, key)] = key_node.start_mark.line + 1
            data[key] = self.build(value_node, (*path, key))
        return data


def load_yaml(path: Path) -> tuple[Any, dict[LinePath, int], bytes]:
    """(data, key path -> line, raw bytes) of a YAML file; raises `RequirementSetError`."""
    file = path.name
    try:
        raw = read_regular(path, MAX_BYTES)
    except OSError as exc:
        raise RequirementSetError(f"cannot be read ({exc.strerror})", file=str(path)) from exc
    if len(raw) > MAX_BYTES:
        raise RequirementSetError(f"larger than {MAX_BYTES // 1024} KiB", file=file)
    try:
        text = raw.decode("utf-8-sig")
        node = yaml.compose(text, Loader=_PARSER)
    except UnicodeDecodeError as exc:
        raise RequirementSetError("is not UTF-8 text", file=file) from exc
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = str(mark.line + 1) if mark else None
        problem = getattr(exc, "problem", None) or str(exc)
        raise RequirementSetError(f"invalid YAML: {problem}", file=file, location=line) from exc
    if node is None:
        raise RequirementSetError("is empty", file=file)
    builder = _Builder(file)
    return builder.build(node, ()), builder.lines, raw
