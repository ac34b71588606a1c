"""Rank entities by degree, betweenness, PageRank or eigenvector centrality."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from graphbuild.errors import GraphbuildError

if TYPE_CHECKING:
    import networkx as nx

MEASURES = ("degree", "betweenness", "pagerank", "eigenvector")


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


def rank_entities(G: nx.MultiDiGraph, *, measure: str = "betweenness", top: int = 10) -> list[RankedEntity]:
    """The ``top`` entities by ``measure``, ties broken by label.

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
    U = nx.Graph(G.to_undirected())
    if U.number_of_nodes() == 0:
        return []
    if measure == "degree":
        scores = nx.degree_centrality(U)
    elif measure == "betweenness":
        scores = nx.betweenness_centrality(U, seed=0)
    elif measure == "pagerank":
        scores = nx.pagerank(U)
    else:
        scores = _eigenvector(U)
    ranked = sorted(scores.items(), key=lambda kv: (-round(kv[1], 12), G.nodes[kv[0]].get("label", ""), kv[0]))
    return [RankedEntity(n, G.nodes[n].get("label", n), G.nodes[n].get("type", ""), float(s))
            for n, s in ranked[:top]]
