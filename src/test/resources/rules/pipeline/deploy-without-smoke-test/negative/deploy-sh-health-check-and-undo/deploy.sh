#!/usr/bin/env bash
# Roll the new image out and roll it back if it does not come up healthy.
set -euo pipefail

TAG="${1:?usage: deploy.sh TAG}"

kubectl -n prod set image deployment/orders orders="registry.example.com/orders:${TAG}"
if ! kubectl -n prod rollout status deployment/orders --timeout=120s; then
  kubectl -n prod rollout undo deployment/orders
  exit 1
fi
curl --fail --silent --show-error --retry 5 https://orders.example.com/healthz
