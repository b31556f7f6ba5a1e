"""``$ref`` and ``$dynamicRef`` in a schema: each must name a subschema of the same schema
(pkcheck never fetches a schema, over the network or from a file; a part under a key no keyword
reads, ``#/x-stash/s``, is never checked itself, so it is not a target either), and no chain of them may lead back
to where it began while applying to the same value, which validation would follow for ever."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, NamedTuple

from referencing import Registry
from referencing._core import Resolver  # not exported by name; the type of `Registry.resolver()`
from referencing.exceptions import Unresolvable, Unretrievable
from referencing.jsonschema import DRAFT202012

from pkcheck.checks.schema.walk import Segments, children, subschemas
from pkcheck.i18n import _

_KEYWORDS = ("$ref", "$dynamicRef")


class RemoteReference(Exception):
    """A reference outside the schema: refused, never fetched."""


def refuse(uri: str) -> Any:
    """The retrieval of every registry pkcheck builds: nothing outside a schema is fetched."""
    raise RemoteReference(uri)


REGISTRY: Registry[Any] = Registry(retrieve=refuse)  # type: ignore[call-arg]


class Problem(NamedTuple):
    at: Segments  # from the schema's root
    message: str


class _Node(NamedTuple):
    at: Segments
    schema: dict[str, Any]
    resolver: Resolver[Any]


def reference_problems(schema: Any) -> list[Problem]:
    """Every reference that does not resolve within ``schema``, and every loop of references."""
    if not isinstance(schema, dict):
        return []
    problems: list[Problem] = []
    targets: dict[int, list[tuple[Segments, _Node]]] = {}  # id(subschema) -> (its `$ref` key, where it leads)
    nodes: dict[int, _Node] = {}
    root = REGISTRY.resolver_with_root(DRAFT202012.create_resource(schema))
    resolvers: dict[Segments, Resolver[Any]] = {(): root}
    walked = {id(node) for _, node in subschemas(schema)}
    for at, node in subschemas(schema):
        resolver = resolvers.pop(at, None) or root
        if at and isinstance(node.get("$id"), str):
            resolver = resolver.in_subresource(DRAFT202012.create_resource(node))
        nodes[id(node)] = _Node(at, node, resolver)
        for child in children(node):
            resolvers[at + child.at] = resolver
        for keyword in _KEYWORDS:
            reference = node.get(keyword)
            if not isinstance(reference, str):
                continue
            try:
                resolved = resolver.lookup(reference)
            except Unresolvable as exc:
                problems.append(Problem((*at, keyword), _unresolved(keyword, reference, exc)))
                continue
            if isinstance(resolved.contents, dict) and id(resolved.contents) not in walked:
                problems.append(Problem((*at, keyword), _not_a_subschema(keyword, reference)))
            elif isinstance(resolved.contents, dict):
                target = _Node(at, resolved.contents, resolved.resolver)
                targets.setdefault(id(node), []).append(((*at, keyword), target))
    problems.extend(_loops(nodes, targets))
    return problems


def _shown(reference: str) -> str:
    return reference if len(reference) <= 120 else reference[:117] + "..."


def _not_a_subschema(keyword: str, reference: str) -> str:
    """A reference into a part of the schema that is not a subschema (under a key no keyword
    reads): what is there is never checked, so the reference is refused."""
    return _(
        "`{keyword}` `{reference}` refers to a part of the schema that is not a subschema: put the definition "
        "under `$defs` and refer to it as `#/$defs/NAME`"
    ).format(keyword=keyword, reference=_shown(reference))


def _unresolved(keyword: str, reference: str, exc: Unresolvable) -> str:
    shown = _shown(reference)
    if isinstance(exc, Unretrievable) or isinstance(exc.__cause__, (Unretrievable, RemoteReference)):
        return _(
            "`{keyword}` `{reference}` refers outside this schema, and pkcheck never fetches a schema "
            "(over the network or from a file): copy the definition under `$defs` and refer to it as `#/$defs/NAME`"
        ).format(keyword=keyword, reference=shown)
    return _("`{keyword}` `{reference}` refers to nothing in this schema").format(keyword=keyword, reference=shown)


def _loops(nodes: dict[int, _Node], targets: dict[int, list[tuple[Segments, _Node]]]) -> list[Problem]:
    """A reference that leads back, through subschemas applied to the same value, to a
    subschema it is part of (``{$ref: "#"}``): found by a depth-first search without
    recursion, and reported at the last reference on the loop."""
    problems: set[Problem] = set()
    done: set[int] = set()
    for start in nodes.values():
        if id(start.schema) not in done:
            problems.update(_loops_from(start, nodes, targets, done))
    return sorted(problems)


def _loops_from(
    start: _Node, nodes: dict[int, _Node], targets: dict[int, list[tuple[Segments, _Node]]], done: set[int]
) -> set[Problem]:
    problems: set[Problem] = set()
    # Each entry: a subschema, what applies in place after it, the reference that led to it.
    stack: list[tuple[_Node, Iterator[tuple[Segments | None, _Node]], Segments | None]] = []
    position: dict[int, int] = {}

    def enter(node: _Node, via: Segments | None) -> None:
        known = nodes.get(id(node.schema), node)
        position[id(known.schema)] = len(stack)
        stack.append((known, iter(_in_place(known, targets)), via))

    enter(start, None)
    while stack:
        node, successors, _ = stack[-1]
        step = next(successors, None)
        if step is None:
            done.add(id(node.schema))
            del position[id(node.schema)]
            stack.pop()
        elif id(step[1].schema) in position:
            vias = [via for _, _, via in stack[position[id(step[1].schema)] + 1 :]] + [step[0]]
            found = [via for via in vias if via is not None]
            if found:
                problems.add(Problem(found[-1], _loop_message(found[-1])))
        elif id(step[1].schema) not in done:
            enter(step[1], step[0])
    return problems


def _in_place(node: _Node, targets: dict[int, list[tuple[Segments, _Node]]]) -> list[tuple[Segments | None, _Node]]:
    """What applies to the same value as ``node``: its in-place subschemas (no reference on
    the way: ``None``) and the targets of its references (with the reference's place)."""
    found: list[tuple[Segments | None, _Node]] = [
        (None, _Node(node.at + child.at, child.schema, node.resolver))
        for child in children(node.schema)
        if child.in_place
    ]
    found.extend((via, target) for via, target in targets.get(id(node.schema), []))
    return found


def _loop_message(via: Segments) -> str:
    keyword = via[-1]
    return _(
        "`{keyword}` leads back to a schema it is part of, applied to the same value: validation would never end"
    ).format(keyword=keyword)
