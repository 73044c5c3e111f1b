#!/bin/sh
# Rebuild the storefront image on the box and replace the running container.
set -e
docker build -t storefront:latest .
docker rm -f storefront || true
# expect: pipeline/published-port-not-listened "listens on 3000"
docker run -d --restart unless-stopped --name storefront -p 80:8080 storefront:latest
