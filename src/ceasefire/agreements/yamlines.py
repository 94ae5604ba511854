"""YAML read with the line of every value, so a problem can be reported as FILE:LINE."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml

Path = tuple[str | int, ...]

#: Bounds on what one file may expand to: aliases (`*name`) repeat the node they name, so a
#: few lines of nested aliases ("billion laughs") would otherwise grow to gigabytes.
MAX_VALUES = 100_000
MAX_DEPTH = 64


class _StringDatesLoader(yaml.SafeLoader):
    """SafeLoader that keeps dates and times as written: the format parses them itself."""


_StringDatesLoader.yaml_implicit_resolvers = {
    key: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


@dataclass
class LinedDocument:
    """A parsed YAML document: `data` plus the 1-based line of every path in it."""

    data: Any
    lines: dict[Path, int] = field(default_factory=dict)
    duplicate_keys: list[tuple[int, str]] = field(default_factory=list)
    values: int = 0  # how many were built, aliases expanded

    def line(self, path: Path) -> int:
        """The line of `path`, or of its nearest ancestor that exists (for missing keys)."""
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return self.lines.get((), 1)


class YamlSyntaxError(ValueError):
    def __init__(self, line: int, message: str) -> None:
        self.line = line
        super().__init__(message)


def load_lined(text: str) -> LinedDocument:
    """Parse one YAML document, keeping lines; raises YamlSyntaxError with the line."""
    loader = _StringDatesLoader(text)
    try:
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        raise YamlSyntaxError(line, f"YAML syntax: {exc.problem or exc}") from None
    except RecursionError:  # the parser recurses once per level of nesting
        raise YamlSyntaxError(1, f"YAML: nested deeper than {MAX_DEPTH} levels") from None
    finally:
        loader.dispose()
    doc = LinedDocument(None)
    if node is None:
        return doc
    doc.data = _build(node, (), doc, loader)
    return doc


def _build(node: yaml.Node, path: Path, doc: LinedDocument, loader: yaml.SafeLoader) -> Any:
    line = node.start_mark.line + 1
    doc.values += 1
    if doc.values > MAX_VALUES:
        raise YamlSyntaxError(
            line,
            f"YAML: more than {MAX_VALUES} values once aliases are expanded (an alias bomb?); "
            "write the values out or use fewer aliases",
        )
    if len(path) > MAX_DEPTH:
        raise YamlSyntaxError(
            line, f"YAML: nested deeper than {MAX_DEPTH} levels (an alias that contains itself?)"
        )
    doc.lines[path] = line
    if isinstance(node, yaml.MappingNode):
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            key = str(loader.construct_object(key_node, deep=True))
            if key in result:
                doc.duplicate_keys.append((key_node.start_mark.line + 1, key))
            result[key] = _build(value_node, (*path, key), doc, loader)
            doc.lines[(*path, key)] = key_node.start_mark.line + 1
        return result
    if isinstance(node, yaml.SequenceNode):
        return [_build(item, (*path, i), doc, loader) for i, item in enumerate(node.value)]
    return loader.construct_object(node, deep=True)
