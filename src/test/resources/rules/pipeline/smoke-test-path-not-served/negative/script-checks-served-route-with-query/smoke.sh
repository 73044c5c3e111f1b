#!/usr/bin/env bash
# Start the freshly built image and check it answers before pushing it.
set -euo pipefail
docker build -t quotes:candidate .
docker run -d --rm --name quotes-smoke -p 18080:3000 quotes:candidate
trap 'docker stop quotes-smoke' EXIT
curl -fsS "http://127.0.0.1:18080/quotes/42?format=json" | grep -q '"id"'
curl -fsS http://127.0.0.1:18080/ready
