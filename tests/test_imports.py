import subprocess
import sys


def test_imports_graphbuild_stays_light():
    code = ("import sys, graphbuild; heavy = [m for m in ('spacy', 'pyoxigraph', 'pyvis', 'rdflib', 'networkx') "
            "if m in sys.modules]; print(heavy)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_imports_extract_never_imports_rdf_or_store():
    code = ("import sys; import graphbuild.extract.events; "
            "print([m for m in sys.modules if m.startswith(('graphbuild.rdf', 'graphbuild.store', 'pyoxigraph'))])")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"

