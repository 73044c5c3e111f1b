#!/bin/sh
# CI builds the orders image; the sidecar is Envoy's own image.
set -e
docker build -t ghcr.io/acme/orders:2.3.1 orders
