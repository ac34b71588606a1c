"""Analysis stage: networkx projection, centrality and paths."""

from graphbuild.analysis.centrality import rank_entities
from graphbuild.analysis.paths import connection_paths, find_entity
from graphbuild.analysis.projection import to_networkx

__all__ = ["connection_paths", "find_entity", "rank_entities", "to_networkx"]
