#!/bin/sh
set -eu
TAG="$(git rev-parse --short HEAD)"
docker build -t ghcr.io/acme/orders-api:"$TAG" .
docker push ghcr.io/acme/orders-api:"$TAG"
