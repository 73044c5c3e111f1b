#!/usr/bin/env bash
set -euo pipefail
docker build -t orders:latest ./orders
docker build -t reports:1.1 ./reports-app
k3d image import orders:latest reports:1.1 -c shop
