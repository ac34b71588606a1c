"""The namespaces graphbuild writes (the contract's prefixes)."""

from __future__ import annotations

from rdflib import Namespace
from rdflib.namespace import DCTERMS, FOAF, ORG, PROV, RDF, RDFS, SKOS, TIME, XSD

GB = Namespace("https://w3id.org/graphbuild/ontology#")
ID = Namespace("https://w3id.org/graphbuild/id/")
ROLE = Namespace("https://w3id.org/graphbuild/role/")
SEM = Namespace("http://semanticweb.cs.vu.nl/2009/11/sem/")
NIF = Namespace("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#")
SCHEMA = Namespace("http://schema.org/")
ITSRDF = Namespace("http://www.w3.org/2005/11/its/rdf#")

PREFIXES: dict[str, object] = {
    "gb": GB, "id": ID, "role": ROLE, "org": ORG, "sem": SEM, "prov": PROV, "nif": NIF, "skos": SKOS,
    "schema": SCHEMA, "foaf": FOAF, "time": TIME, "dct": DCTERMS, "itsrdf": ITSRDF, "xsd": XSD, "rdfs": RDFS,
    "rdf": RDF,
}

__all__ = ["DCTERMS", "FOAF", "GB", "ID", "ITSRDF", "NIF", "ORG", "PREFIXES", "PROV", "RDF", "RDFS", "ROLE",
           "SCHEMA", "SEM", "SKOS", "TIME", "XSD"]
