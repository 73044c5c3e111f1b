#!/usr/bin/env python3
"""Generates a synthetic monorepo of N services for the scan benchmark.

Each service has what a real one has: application code (Python, Node or Go in turn), a
Dockerfile, a build script, and Kubernetes manifests (Deployment, Service, HPA, NetworkPolicy).
One service in fifty carries a real fault (wrong probe port, selector typo, image tag never built,
fault injection left on), so the rules have work to do.

usage: generate.py N OUT_DIR
"""
import os
import sys

PY = '''import os
import time

from flask import Flask, jsonify

app = Flask(__name__)
PORT = int(os.environ.get("PORT", "{port}"))
START = time.time()


@app.route("/healthz")
def healthz():
    return jsonify({{"status": "ok"}})


@app.route("/items/<item_id>")
def item(item_id):
    return jsonify({{"id": item_id, "service": "{name}"}})


@app.route("/uptime")
def uptime():
    return jsonify({{"seconds": int(time.time() - START)}})
'''

JS = '''const express = require('express');

const app = express();
const PORT = process.env.PORT || {port};

app.get('/healthz', (req, res) => res.json({{ status: 'ok' }}));
app.get('/items/:id', (req, res) => res.json({{ id: req.params.id, service: '{name}' }}));

app.listen(PORT, () => console.log(`{name} listening on ${{PORT}}`));
'''

GO = '''package main

import (
	"log"
	"net/http"
	"os"
)

func healthz(w http.ResponseWriter, r *http.Request) {{
	w.WriteHeader(http.StatusOK)
}}

func main() {{
	port := os.Getenv("PORT")
	if port == "" {{
		port = "{port}"
	}}
	http.HandleFunc("/healthz", healthz)
	log.Fatal(http.ListenAndServe(":"+port, nil))
}}
'''

DOCKERFILES = {
    "py": '''FROM python:3.12-slim
WORKDIR /app
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt
COPY app.py .
USER 10001
EXPOSE {port}
CMD ["gunicorn", "--bind", "0.0.0.0:{port}", "app:app"]
''',
    "js": '''FROM node:20-alpine
WORKDIR /app
COPY package.json ./
RUN npm install --omit=dev
COPY server.js .
USER node
EXPOSE {port}
CMD ["node", "server.js"]
''',
    "go": '''FROM golang:1.22 AS build
WORKDIR /src
COPY go.mod ./
RUN go mod download
COPY . .
RUN CGO_ENABLED=0 go build -o /out/app .

FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/app /app
EXPOSE {port}
ENTRYPOINT ["/app"]
''',
}

MANIFEST = '''apiVersion: apps/v1
kind: Deployment
metadata:
  name: {name}
  namespace: bench
spec:
  selector:
    matchLabels:
      app: {name}
  template:
    metadata:
      labels:
        app: {name}
    spec:
      securityContext:
        runAsNonRoot: true
      containers:
        - name: {name}
          image: {image}
          imagePullPolicy: IfNotPresent
          ports:
            - name: http
              containerPort: {port}
          env:
            - name: LOG_LEVEL
              value: info{extra_env}
          readinessProbe:
            httpGet:
              path: /healthz
              port: {probe_port}
            periodSeconds: 5
          livenessProbe:
            httpGet:
              path: /healthz
              port: http
            initialDelaySeconds: 10
          resources:
            requests:
              cpu: 100m
              memory: 128Mi
            limits:
              memory: 256Mi
---
apiVersion: v1
kind: Service
metadata:
  name: {name}
  namespace: bench
spec:
  selector:
    app: {selector}
  ports:
    - name: http
      port: 80
      targetPort: http
---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: {name}
  namespace: bench
spec:
  scaleTargetRef:
    apiVersion: apps/v1
    kind: Deployment
    name: {name}
  minReplicas: 2
  maxReplicas: 8
  metrics:
    - type: Resource
      resource:
        name: cpu
        target:
          type: Utilization
          averageUtilization: 70
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: {name}
  namespace: bench
spec:
  podSelector:
    matchLabels:
      app: {name}
  policyTypes:
    - Ingress
  ingress:
    - ports:
        - protocol: TCP
          port: {port}
'''


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        f.write(text)


def main():
    n = int(sys.argv[1])
    out = sys.argv[2]
    for i in range(n):
        name = f"svc-{i:05d}"
        lang = ("py", "js", "go")[i % 3]
        port = 8000 + i % 1000
        broken = i % 50 == 7
        fault = (i // 50) % 4 if broken else -1
        d = os.path.join(out, "services", name)
        if lang == "py":
            write(f"{d}/app.py", PY.format(port=port, name=name))
            write(f"{d}/requirements.txt", "flask==3.0.2\ngunicorn==21.2.0\n")
        elif lang == "js":
            write(f"{d}/server.js", JS.format(port=port, name=name))
            write(f"{d}/package.json", '{"name": "%s", "dependencies": {"express": "^4.18.2"}}\n' % name)
        else:
            write(f"{d}/main.go", GO.format(port=port))
            write(f"{d}/go.mod", f"module example.com/{name}\n\ngo 1.22\n")
        write(f"{d}/Dockerfile", DOCKERFILES[lang].format(port=port))
        write(f"{d}/build.sh", "#!/bin/sh\nset -e\ncd \"$(dirname \"$0\")\"\n"
              f"docker build -t registry.example.com/bench/{name}:1.0.{i} .\n"
              f"docker push registry.example.com/bench/{name}:1.0.{i}\n")
        image = f"registry.example.com/bench/{name}:1.0.{i}"
        write(f"{out}/k8s/{name}.yaml", MANIFEST.format(
            name=name, port=port, image=image,
            probe_port=port + 1 if fault == 0 else "http",
            selector=name + "-v2" if fault == 1 else name,
            extra_env="\n            - name: CHAOS_FAILURE_RATE\n              value: \"0.3\"" if fault == 2 else ""))


if __name__ == "__main__":
    main()
