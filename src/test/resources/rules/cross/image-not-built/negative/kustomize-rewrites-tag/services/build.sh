#!/usr/bin/env bash
set -euo pipefail
cd "$(dirname "$0")"
docker build -t notification-service:latest ./notification-service
k3d image import notification-service:latest -c production
