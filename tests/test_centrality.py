"""Centrality measures over the projection."""
def test_centrality_every_measure_on_disconnected_graph():
    import networkx as nx

    from graphbuild.analysis.centrality import MEASURES, rank_entities

    G = nx.MultiDiGraph([("a", "b"), ("b", "c"), ("c", "a"), ("c", "d"), ("x", "y")])
    for n in G:
        G.nodes[n].update(label=n, type="person")
    for measure in MEASURES:
        ranked = rank_entities(G, measure=measure, top=2)
        assert ranked[0].label == "c", measure
