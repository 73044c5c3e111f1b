#!/usr/bin/env bash
# Build every CloudMart service and import the images into the k3d cluster.
# Usage: ./services/build-and-import.sh [cluster-name]
set -euo pipefail

CLUSTER_NAME="${1:-brokenprod}"
cd "$(dirname "$0")"

SERVICES=(gateway api-service auth-service order-service database-service notification-service)

for service in "${SERVICES[@]}"; do
  echo "==> building ${service}"
  docker build -t "${service}:latest" "./${service}"
done

for service in "${SERVICES[@]}"; do
  echo "==> importing ${service}:latest into ${CLUSTER_NAME}"
  k3d image import "${service}:latest" -c "${CLUSTER_NAME}"
done

echo "done: images imported into ${CLUSTER_NAME}"
