#!/bin/sh
set -e
docker build -t registry.acme.dev/gateway:1.4.2 gateway
docker push registry.acme.dev/gateway:1.4.2
