#!/usr/bin/env bash
set -euo pipefail

NAMESPACE=payments
kubectl -n "$NAMESPACE" apply -f k8s/
kubectl -n "$NAMESPACE" rollout status deploy/payments --timeout=120s

kubectl -n "$NAMESPACE" port-forward svc/payments 9090:80 &
PF_PID=$!
trap 'kill $PF_PID' EXIT
sleep 2
# expect: pipeline/smoke-test-port-not-published "requests 127.0.0.1:8080, but nothing in this pipeline publishes port 8080; it publishes port-forward svc/payments 9090:80"
if ! curl -sf http://127.0.0.1:8080/api/health; then
  kubectl -n "$NAMESPACE" rollout undo deploy/payments
  exit 1
fi
