FROM python:3.12-slim
WORKDIR /srv
COPY src/ ./
CMD ["python", "-m", "ledger"]
