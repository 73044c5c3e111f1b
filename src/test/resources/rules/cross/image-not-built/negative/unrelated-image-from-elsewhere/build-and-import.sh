#!/usr/bin/env bash
set -euo pipefail
cd "$(dirname "$0")"
docker build -t storefront:latest storefront
k3d image import storefront:latest -c dev
