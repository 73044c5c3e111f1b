#!/usr/bin/env bash
# Builds the web image and loads it into the local minikube.
set -euo pipefail
eval "$(minikube docker-env)"
docker build -t guestbook:1.0 app/
