"""RDF stage: IR to triples against ontology/, and SHACL validation."""
