#!/usr/bin/env bash
set -euo pipefail
IMAGE=acme/portal:latest
docker build -t "$IMAGE" .
kind load docker-image "$IMAGE" --name dev
if [[ "${PUBLISH:-no}" == yes ]]; then
  docker push "$IMAGE"
fi
