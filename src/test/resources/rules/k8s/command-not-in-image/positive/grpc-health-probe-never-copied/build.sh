#!/bin/sh
set -e
docker build -t registry.example.com/bank/accounts:2.3.0 .
docker push registry.example.com/bank/accounts:2.3.0
