"""Communities of the entity graph: groups of entities more tied to each other than to the rest.

Louvain modularity over the undirected entity graph (see :func:`graphbuild.analysis.to_networkx`), each pair of
entities weighted by the number of distinct relations between them. Deterministic: nodes and edges enter the
algorithm in sorted order and its random choices are seeded, so the same graph and seed give the same communities.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import networkx as nx


@dataclass(frozen=True, slots=True)
class Community:
    """One community: ``number`` 1 is the largest; ``members`` are node ids (IRIs), the most connected inside
    the community first; ``internal``/``external`` count the entity pairs linked inside it and to the rest."""

    number: int
    members: tuple[str, ...]
    internal: int
    external: int

    @property
    def size(self) -> int:
        """The number of members."""
        return len(self.members)


def entity_pairs(G: nx.MultiDiGraph) -> nx.Graph:
    """The undirected simple graph of ``G``'s entities (self-loops dropped), built in sorted order; an edge's
    ``weight`` is the number of distinct relations between the two entities, either way.

    >>> import networkx as nx
    >>> G = nx.MultiDiGraph([("a", "b", "leads"), ("b", "a", "memberOf"), ("b", "b", "x")])
    >>> sorted(entity_pairs(G).edges(data="weight"))
    [('a', 'b', 2)]
    """
    import networkx as nx

    weights: Counter[tuple[str, str]] = Counter()
    for u, v in G.edges():  # one item per relation: parallel edges are distinct predicates
        if u != v:
            weights[(min(u, v), max(u, v))] += 1
    U = nx.Graph()
    U.add_nodes_from(sorted(G.nodes))
    U.add_weighted_edges_from((u, v, w) for (u, v), w in sorted(weights.items()))
    return U


def find_communities(G: nx.MultiDiGraph, *, resolution: float = 1.0, seed: int = 0,
                     min_size: int = 1) -> list[Community]:
    """The communities of ``G``, largest first (ties by their best-connected member's label), keeping those
    with at least ``min_size`` members; numbered from 1 after that filter. A higher ``resolution`` gives
    more, smaller communities.

    >>> import networkx as nx
    >>> G = nx.MultiDiGraph([("a", "b"), ("b", "c"), ("c", "a"), ("x", "y"), ("y", "z"), ("z", "x"), ("c", "x")])
    >>> for n in G: G.nodes[n]["label"] = n.upper()
    >>> [(c.number, c.members, c.internal, c.external) for c in find_communities(G)]
    [(1, ('c', 'a', 'b'), 3, 1), (2, ('x', 'y', 'z'), 3, 1)]
    >>> find_communities(G) == find_communities(G)
    True
    """
    import networkx as nx

    U = entity_pairs(G)
    if U.number_of_nodes() == 0:
        return []
    groups = nx.community.louvain_communities(U, weight="weight", resolution=resolution, seed=seed)

    def label(n: str) -> str:
        return str(G.nodes[n].get("label", n))

    found = []
    for group in groups:
        if len(group) < min_size:
            continue
        inside = U.subgraph(group)
        members = tuple(sorted(group, key=lambda n: (-inside.degree(n), -U.degree(n), label(n), n)))
        internal = inside.number_of_edges()
        external = sum(1 for n in group for m in U.neighbors(n) if m not in group)
        found.append((members, internal, external))
    found.sort(key=lambda f: (-len(f[0]), -f[1], label(f[0][0]), f[0][0]))
    return [Community(i, members, internal, external) for i, (members, internal, external) in enumerate(found, 1)]


def membership(communities: list[Community]) -> dict[str, int]:
    """Node id -> community number.

    >>> membership([Community(1, ("a", "b"), 1, 0), Community(2, ("c",), 0, 0)])
    {'a': 1, 'b': 1, 'c': 2}
    """
    return {n: c.number for c in communities for n in c.members}


def modularity(G: nx.MultiDiGraph, groups: Iterable[Iterable[str]]) -> float:
    """The modularity of a partition of ``G``'s entities, given as groups of node ids (the ``members`` of
    :class:`Community` or the ``iris`` of a communities table row); the nodes in no group form one more group.
    Near 0 for a random split, up to 1 for well separated groups.

    >>> import networkx as nx
    >>> G = nx.MultiDiGraph([("a", "b"), ("c", "d")])
    >>> round(modularity(G, [("a", "b"), ("c", "d")]), 2)
    0.5
    """
    import networkx as nx

    U = entity_pairs(G)
    if U.number_of_edges() == 0:
        return 0.0
    parts = [set(g) & set(U) for g in groups]
    rest = set(U).difference(*parts)
    parts = [p for p in parts if p] + ([rest] if rest else [])
    return float(nx.community.modularity(U, parts, weight="weight"))


__all__ = ["Community", "entity_pairs", "find_communities", "membership", "modularity"]
