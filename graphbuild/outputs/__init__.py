"""Outputs: graph files, SPARQL, HTML."""
