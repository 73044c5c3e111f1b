#!/usr/bin/env bash
# Builds every CloudMart service and imports the images into the k3d cluster.
# Usage: ./services/day-4/broken-production/build-and-import.sh [cluster-name]
set -euo pipefail

CLUSTER="${1:-brokenprod}"
cd "$(dirname "$0")"

SERVICES=(gateway api-service auth-service order-service database-service notification-service)

for svc in "${SERVICES[@]}"; do
  echo "==> building ${svc}:latest"
  docker build -t "${svc}:latest" "./${svc}"
done

for svc in "${SERVICES[@]}"; do
  k3d image import "${svc}:latest" -c "$CLUSTER"
done

echo "All images imported into ${CLUSTER}"
