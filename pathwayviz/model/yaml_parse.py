"""The PyYAML side of :mod:`.yamlio`: a safe loader that keeps line numbers and refuses what a
PathwayViz file never needs (see :mod:`.yamlio` for the rules). Imported only when a file has to be
parsed: a file parsed before (:mod:`.parse_cache`) is read back without PyYAML, so the window's
first paint does not wait for it.
"""

from __future__ import annotations

import yaml

from .line_data import FileProblems, LineDict, LineList, Problem

# libyaml's parser when present (about 10× faster to start up); the constructor stays safe.
_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


_MERGE_TAG = "tag:yaml.org,2002:merge"
# Tags a PathwayViz file never needs; an explicit one is refused with its line.
_REFUSED_TAGS = ("timestamp", "binary", "set", "omap", "pairs")


class _Refused(yaml.MarkedYAMLError):
    """Well-formed YAML that a PathwayViz file does not allow; the message is ours, not a syntax error."""


_STR_TAG = "tag:yaml.org,2002:str"
_MAP_TAG = "tag:yaml.org,2002:map"
_SEQ_TAG = "tag:yaml.org,2002:seq"
_ALIAS_MESSAGE = ("this value (&anchor) is reused through an alias (*name); anchors and aliases are not allowed "
                  "in PathwayViz files, write the value out where it is used")


class _LineLoader(_BaseLoader):
    def construct_document(self, node):
        # One walk over the composed nodes for the plain mappings, lists and scalars every
        # PathwayViz file is made of (PyYAML's generic construction took most of the pathway's
        # load time); anything else takes PyYAML's own path below.
        data = self._build(node, set())
        self.constructed_objects = {}
        self.recursive_objects = {}
        return data

    def _build(self, node, seen: set):
        if id(node) in seen:  # a node met a second time is an alias (*name)
            raise _Refused(None, None, _ALIAS_MESSAGE, node.start_mark)
        seen.add(id(node))
        tag = node.tag
        if isinstance(node, yaml.ScalarNode):
            if tag == _STR_TAG:
                return node.value
            constructor = self.yaml_constructors.get(tag)
            if constructor is None:
                return self.construct_object(node, deep=True)
            try:
                return constructor(self, node)
            except (ValueError, KeyError, TypeError, OverflowError, AttributeError):
                raise self._unfit(node) from None
        if isinstance(node, yaml.MappingNode) and tag == _MAP_TAG:
            first_line = self._key_lines(node)
            mapping = LineDict()
            for key_node, value_node in node.value:
                key = self._build(key_node, seen)
                try:
                    hash(key)
                except TypeError:
                    raise yaml.constructor.ConstructorError("while constructing a mapping", node.start_mark,
                                                            "found unhashable key", key_node.start_mark) from None
                mapping[key] = self._build(value_node, seen)
            mapping.line = node.start_mark.line + 1
            mapping.key_lines = first_line
            return mapping
        if isinstance(node, yaml.SequenceNode) and tag == _SEQ_TAG:
            seq = LineList(self._build(child, seen) for child in node.value)
            seq.line = node.start_mark.line + 1
            seq.item_lines = [child.start_mark.line + 1 for child in node.value]
            return seq
        return self.construct_object(node, deep=True)

    @staticmethod
    def _unfit(node) -> "_Refused":
        """The value does not fit its tag: !!int abc, !!bool maybe, !!float x, a 5,000-digit integer."""
        tag = node.tag.rsplit(":", 1)[-1]
        return _Refused(None, None, f"{str(node.value)[:40]!r} is not a valid {tag}; write a plain "
                                    f"number or put text in quotes", node.start_mark)

    @staticmethod
    def _key_lines(node) -> dict:
        """Key -> its first line; refuses merge keys and a key written twice."""
        first_line: dict = {}
        for key_node, _ in node.value:
            if key_node.tag == _MERGE_TAG:
                raise _Refused(None, None, "merge keys ('<<:') are not allowed in PathwayViz files; "
                                           "write the fields out where they are used", key_node.start_mark)
            if isinstance(key_node, yaml.ScalarNode):
                if key_node.value in first_line:
                    raise _Refused(
                        None, None, f"key '{key_node.value[:60]}' appears twice in this mapping (first on line "
                                    f"{first_line[key_node.value]}); keep one", key_node.start_mark)
                first_line[key_node.value] = key_node.start_mark.line + 1
        return first_line

    # PyYAML's path, for nodes the walk above leaves to it (explicit tags on collections, and so on).
    def construct_object(self, node, deep=False):
        if node in self.constructed_objects or node in self.recursive_objects:
            raise _Refused(None, None, _ALIAS_MESSAGE, node.start_mark)
        try:
            return super().construct_object(node, deep)
        except (ValueError, KeyError, TypeError, OverflowError, AttributeError):
            raise self._unfit(node) from None

    def construct_mapping(self, node, deep=False):
        first_line = self._key_lines(node)
        mapping = LineDict(super().construct_mapping(node, deep=True))
        mapping.line = node.start_mark.line + 1
        mapping.key_lines = first_line
        return mapping

    def construct_sequence(self, node, deep=False):
        seq = LineList(super().construct_sequence(node, deep=True))
        seq.line = node.start_mark.line + 1
        seq.item_lines = [child.start_mark.line + 1 for child in node.value]
        return seq

    def refuse_tag(self, node):
        raise _Refused(None, None, f"values tagged {node.tag.replace('tag:yaml.org,2002:', '!!')} are "
                                               f"not allowed in PathwayViz files; write plain text or a number",
                                   node.start_mark)


_LineLoader.add_constructor("tag:yaml.org,2002:map", _LineLoader.construct_mapping)
_LineLoader.add_constructor("tag:yaml.org,2002:seq", _LineLoader.construct_sequence)
for _tag in _REFUSED_TAGS:
    _LineLoader.add_constructor(f"tag:yaml.org,2002:{_tag}", _LineLoader.refuse_tag)
# Unquoted dates (title: 2024-02-30) are read as the text they look like.
_LineLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in _BaseLoader.yaml_implicit_resolvers.items()}


def parse_yaml(text: str, name: str):
    """The data of YAML ``text`` (LineDict, LineList and scalars); FileProblems naming ``name`` and the line."""
    try:
        return yaml.load(text, Loader=_LineLoader)  # noqa: S506 - _LineLoader derives from SafeLoader
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        what = exc.problem or exc.context or "malformed YAML"
        message = what if isinstance(exc, _Refused) else f"YAML syntax error: {what}"
        raise FileProblems([Problem(name, line, message)]) from None
    except yaml.YAMLError as exc:
        raise FileProblems([Problem(name, None, f"YAML error: {exc}")]) from None
    except RecursionError:
        raise FileProblems([Problem(name, None, "nesting is too deep to be a PathwayViz file")]) from None
