#!/usr/bin/env bash
# Ship the current checkout to the production box and restart the service.
set -euo pipefail

HOST="deploy@10.0.1.25"
APP_DIR=/srv/url-shortener

pip install -r requirements.txt
python -m pytest -q tests/

rsync -az --delete --exclude .git ./ "$HOST:$APP_DIR/"
# expect: pipeline/deploy-without-smoke-test "deploy script"
ssh "$HOST" "cd $APP_DIR && ./venv/bin/pip install -r requirements.txt && sudo systemctl restart url-shortener"
echo "deployed $(git rev-parse --short HEAD)"
