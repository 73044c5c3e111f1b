#!/bin/sh
set -e
# the database in a container, the app itself from the checkout
docker run -d --name pg -p 5432:5432 -e POSTGRES_PASSWORD=ci postgres:16-alpine
npm ci
npm start &
sleep 5
curl -f http://localhost:3000/health
