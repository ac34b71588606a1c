"""Rank entities by degree, betweenness, PageRank or eigenvector centrality."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from graphbuild.errors import GraphbuildError, warn

if TYPE_CHECKING:
    import networkx as nx

MEASURES = ("degree", "betweenness", "pagerank", "eigenvector")
#: Above this many entities betweenness is estimated from a sample of source nodes (exact betweenness
#: is O(nodes x edges): 12 s at 1,000 nodes and over 15 minutes at 10,000, BENCHMARKS.md).
BETWEENNESS_EXACT_MAX = 2000
#: Source nodes sampled (with a fixed seed, so the ranking is the same on every run) above that size.
BETWEENNESS_SAMPLES = 200


@dataclass(frozen=True, slots=True)
class RankedEntity:
    """An entity and its score under one measure."""

    iri: str
    label: str
    type: str
    score: float


def _eigenvector(U: nx.Graph) -> dict[str, float]:
    """Eigenvector centrality per connected component (it is undefined across components), weighted by
    the component's share of the nodes so that a large component's hubs rank above a pair's."""
    import networkx as nx

    scores: dict[str, float] = {}
    total = U.number_of_nodes()
    for nodes in nx.connected_components(U):
        part = U.subgraph(nodes)
        share = len(nodes) / total
        values = nx.eigenvector_centrality_numpy(part) if len(nodes) > 2 else {n: 1.0 / len(nodes) for n in nodes}
        scores.update({n: abs(v) * share for n, v in values.items()})
    return scores


def simple_undirected(G: nx.MultiDiGraph) -> nx.Graph:
    """``G`` as a simple undirected graph of its nodes and edges, without the edges' attributes (what
    ``nx.Graph(G.to_undirected())`` gives, without copying every edge's attribute dict and evidence).

    >>> import networkx as nx
    >>> U = simple_undirected(nx.MultiDiGraph([("a", "b"), ("b", "a"), ("b", "c")]))
    >>> sorted(U.edges()), list(U.nodes)
    ([('a', 'b'), ('b', 'c')], ['a', 'b', 'c'])
    """
    import networkx as nx

    U = nx.Graph()
    U.add_nodes_from(G)
    U.add_edges_from(G.edges(keys=False) if G.is_multigraph() else G.edges())
    return U


def _betweenness(U: nx.Graph) -> dict[str, float]:
    import networkx as nx

    n = U.number_of_nodes()
    if n <= BETWEENNESS_EXACT_MAX:
        return dict(nx.betweenness_centrality(U, seed=0))
    k = min(BETWEENNESS_SAMPLES, n)
    warn(f"betweenness estimated from {k} of {n:,} entities as sources (seed 0; exact above "
         f"{BETWEENNESS_EXACT_MAX:,} entities would take too long): ranks can differ from the exact ones "
         "for scores close to each other")
    return dict(nx.betweenness_centrality(U, k=k, seed=0))


def rank_entities(G: nx.MultiDiGraph, *, measure: str = "betweenness", top: int = 10) -> list[RankedEntity]:
    """The ``top`` entities by ``measure``, ties broken by label. Betweenness is exact up to
    :data:`BETWEENNESS_EXACT_MAX` entities and estimated from :data:`BETWEENNESS_SAMPLES` sources
    (fixed seed, with a warning) above.

    Examples:
        >>> import networkx as nx
        >>> G = nx.MultiDiGraph([("a", "b"), ("b", "c")])
        >>> for n in G: G.nodes[n].update(label=n, type="person")
        >>> [r.label for r in rank_entities(G, measure="degree", top=1)]
        ['b']
    """
    import networkx as nx

    if measure not in MEASURES:
        raise GraphbuildError(f"unknown measure {measure!r}: use one of {', '.join(MEASURES)}")
    U = simple_undirected(G)
    if U.number_of_nodes() == 0:
        return []
    scores: dict[str, float]
    if measure == "degree":
        scores = dict(nx.degree_centrality(U))
    elif measure == "betweenness":
        scores = _betweenness(U)
    elif measure == "pagerank":
        scores = dict(nx.pagerank(U))
    else:
        scores = _eigenvector(U)
    ranked = sorted(scores.items(), key=lambda kv: (-round(kv[1], 12), G.nodes[kv[0]].get("label", ""), kv[0]))
    return [RankedEntity(n, G.nodes[n].get("label", n), G.nodes[n].get("type", ""), float(s))
            for n, s in ranked[:top]]
