#!/usr/bin/env bash
# Build the shop services and load them into the local k3d cluster.
set -euo pipefail

CLUSTER="${1:-shop}"
cd "$(dirname "$0")"

SERVICES=(gateway catalog)

for svc in "${SERVICES[@]}"; do
  docker build -t "${svc}:latest" "./${svc}"
  k3d image import "${svc}:latest" -c "$CLUSTER"
done
