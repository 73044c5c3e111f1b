#!/bin/sh
set -eu
docker build -t registry.example.com/shop/web:1.8.0 .
docker push registry.example.com/shop/web:1.8.0
