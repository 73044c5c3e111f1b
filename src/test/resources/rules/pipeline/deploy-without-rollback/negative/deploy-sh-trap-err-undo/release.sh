#!/bin/bash
# Release a tagged image to the payments namespace; any failure after the apply reverts it.
set -Eeuo pipefail

NAMESPACE=payments
VERSION=$(git describe --tags --abbrev=0)

trap 'echo "release $VERSION failed, reverting"; kubectl --namespace "$NAMESPACE" rollout undo deployment/payments-api' ERR

kubectl --namespace "$NAMESPACE" apply -k "deploy/overlays/prod"
kubectl --namespace "$NAMESPACE" rollout status deployment/payments-api --timeout=5m
./scripts/smoke.sh "https://payments.internal.example.com"
