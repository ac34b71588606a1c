"""Store stage: graph files and pyoxigraph stores as SPARQL sources."""
