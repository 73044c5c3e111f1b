#!/bin/sh
docker build -t worker:dev worker
kubectl apply -f app.yaml
