#!/usr/bin/env bash
set -euo pipefail
docker build -t registry.acme.io/shop/inventory:1.4.0 inventory
docker push registry.acme.io/shop/inventory:1.4.0
