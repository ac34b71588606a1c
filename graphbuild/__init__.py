"""graphbuild: knowledge graphs of regimes, posts, defections and claims from political news.

Importing graphbuild is cheap: spaCy, pyoxigraph and pyvis load on first use.
"""

from graphbuild.errors import GraphbuildError
from graphbuild.model import Article, ArticleFacts, Certainty, EntityType, EventKind

__version__ = "0.1.0"

__all__ = ["Article", "ArticleFacts", "Certainty", "EntityType", "EventKind", "GraphbuildError", "__version__"]
