#!/usr/bin/env bash
# Ship the current checkout to the production box and restart the service.
set -euo pipefail

HOST="deploy@10.0.1.25"
APP_DIR=/srv/url-shortener

rsync -az --delete --exclude .git ./ "$HOST:$APP_DIR/"
# expect: pipeline/deploy-without-rollback "deploy script"
ssh "$HOST" "sudo systemctl restart url-shortener"
sleep 5
curl --fail --retry 5 --retry-delay 2 https://sho.rt/healthz
