#!/usr/bin/env bash
# Set up if needed, then build the graph of the bundled seed article into out/ and print the key results.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
gb=.venv/bin/graphbuild
seed=data/syria-iraq-ambassador-defects.txt
$gb extract "$seed" --published 2012-07-11 -o out/seed.trig -o out/seed.ttl -o out/seed.jsonld -o out/seed.nq
$gb html out/seed.trig -o out/seed.html --path Tlass Assad --title "Syria's Iraq ambassador has defected"
$gb validate out/seed.trig
$gb report out/seed.trig --path Tlass Assad
