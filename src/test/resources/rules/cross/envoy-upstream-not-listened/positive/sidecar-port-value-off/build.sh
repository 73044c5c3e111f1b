#!/bin/sh
set -e
docker build -t registry.example.com/orders:2.3.1 orders
docker push registry.example.com/orders:2.3.1
