#!/usr/bin/env bash
# Builds and pushes the gateway image; run from the repository root.
set -euo pipefail
VERSION=1.8.0
docker build -t quay.io/acme/payment-gateway:1.8.0 payment-gateway
docker push quay.io/acme/payment-gateway:1.8.0
