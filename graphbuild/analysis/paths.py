"""Paths between entities named as a user would type them, hop by hop with evidence."""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from typing import TYPE_CHECKING

from graphbuild.analysis.projection import Evidence
from graphbuild.errors import NoResult
from graphbuild.resolve.identity import fold_name, normalize_name

if TYPE_CHECKING:
    import networkx as nx


@dataclass(frozen=True, slots=True)
class Hop:
    """One edge of a path, in the direction it was stated."""

    subject: str
    relation: str
    object: str
    certainty: str
    evidence: tuple[Evidence, ...]
    subject_id: str = ""
    object_id: str = ""


class _NameIndex:
    """Every node's names, normalized and folded once: the four tiers of :func:`find_entity` as dict
    look-ups instead of normalizing every label of every node for every name typed."""

    def __init__(self, G: nx.MultiDiGraph) -> None:
        self.label: dict[str, list[str]] = {}
        self.name: dict[str, list[str]] = {}
        self.folded: dict[str, list[str]] = {}
        self.folded_word: dict[str, list[str]] = {}
        self.word: dict[str, list[str]] = {}
        for node, data in G.nodes(data=True):
            labels = [data.get("label", ""), *data.get("names", [])]
            norm = {normalize_name(x) for x in labels}
            keys = {
                "label": {normalize_name(data.get("label", ""))},
                "name": norm,
                "folded": {fold_name(x) for x in labels},
                # a surname or other word of a name, folded or normalized
                "folded_word": {t for x in norm for t in fold_name(x).split()},
                "word": {t for x in norm for t in x.split()},
            }
            for tier, values in keys.items():
                index = getattr(self, tier)
                for value in values:
                    index.setdefault(value, []).append(node)

    def tiers(self, name: str) -> list[list[str]]:
        wanted, folded = normalize_name(name), fold_name(name)
        words = list(dict.fromkeys([*self.folded_word.get(folded, ()), *self.word.get(wanted, ())]))
        return [self.label.get(wanted, []), self.name.get(wanted, []), self.folded.get(folded, []), words]


def _signature(G: nx.MultiDiGraph) -> int:
    return hash(tuple((node, data.get("label", ""), tuple(data.get("names", ()))) for node, data in G.nodes(data=True)))


def _name_index(G: nx.MultiDiGraph) -> _NameIndex:
    """The graph's name index, built once and kept in ``G.graph`` (rebuilt when a node or a name changes)."""
    signature = _signature(G)
    cached = G.graph.get("_graphbuild_name_index")
    if cached is not None and cached[0] == signature:
        index: _NameIndex = cached[1]
        return index
    index = _NameIndex(G)
    G.graph["_graphbuild_name_index"] = (signature, index)
    return index


def find_entity(G: nx.MultiDiGraph, name: str) -> str:
    """The node a typed name refers to: exact label, then any name, then a surname or a spelling
    variant; the best connected node wins a tie.

    Raises:
        NoResult: no entity has that name.
    """
    for tier in _name_index(G).tiers(name):
        if tier:
            return sorted(tier, key=lambda n: (-G.degree(n), G.nodes[n].get("label", ""), n))[0]
    raise NoResult(f"no entity named {name!r} in the graph")


def connection_paths(G: nx.MultiDiGraph, source: str, target: str, *, limit: int = 5) -> list[list[Hop]]:
    """Shortest paths between two entities (edges followed in either direction).

    Raises:
        NoResult: a name is unknown or the entities are not connected.

    Examples:
        >>> import networkx as nx
        >>> G = nx.MultiDiGraph()
        >>> G.add_node("a", label="Samer Haddad"); G.add_node("b", label="Fawzi Tannous")
        >>> _ = G.add_edge("a", "b", key="p", label="confidantOf", certainty="confirmed", evidence=[])
        >>> [h.relation for h in connection_paths(G, "Haddad", "Tannous")[0]]
        ['confidantOf']
    """
    import networkx as nx

    a, b = find_entity(G, source), find_entity(G, target)
    if a == b:
        raise NoResult(f"{source!r} and {target!r} name the same entity")
    U = G.to_undirected(as_view=True)
    try:
        paths = list(nx.all_shortest_paths(U, a, b))
    except nx.NetworkXNoPath:
        raise NoResult(f"no path between {source!r} and {target!r}") from None
    out: list[list[Hop]] = []
    for path in sorted(paths, key=lambda p: [G.nodes[n]["label"] for n in p])[:limit]:
        hops = []
        for u, v in itertools.pairwise(path):
            if G.has_edge(u, v):
                s, o, edges = u, v, G.get_edge_data(u, v)
            else:
                s, o, edges = v, u, G.get_edge_data(v, u)
            rank = {"confirmed": 0, "claimed": 1, "unconfirmed": 2}
            data = sorted(edges.values(), key=lambda d: (rank.get(d["certainty"], 3), d["label"]))[0]
            hops.append(Hop(G.nodes[s]["label"], data["label"], G.nodes[o]["label"], data["certainty"],
                            tuple(data.get("evidence", ())), s, o))
        out.append(hops)
    return out


def hop_nodes(hops: list[Hop]) -> list[str]:
    """The node ids a path visits, in order (edges may point either way).

    >>> hop_nodes([Hop("A", "r", "B", "confirmed", (), "a", "b"), Hop("C", "r", "B", "confirmed", (), "c", "b")])
    ['a', 'b', 'c']
    """
    if not hops:
        return []
    first = hops[0]
    nodes = [first.subject_id, first.object_id]
    if len(hops) > 1 and first.subject_id in {hops[1].subject_id, hops[1].object_id}:
        nodes.reverse()
    for hop in hops[1:]:
        nodes.append(hop.object_id if hop.subject_id == nodes[-1] else hop.subject_id)
    return nodes
