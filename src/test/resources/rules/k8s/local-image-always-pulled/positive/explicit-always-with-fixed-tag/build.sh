#!/bin/sh
# Build the image and load it into the local kind cluster.
set -e
TAG="${TAG:-1.3.0}"
docker build -t go-app:"$TAG" .
kind load docker-image go-app:"$TAG" --name dev
