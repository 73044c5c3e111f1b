#!/usr/bin/env bash
# Helm rendering throughput: scans a tree of N charts (each a Deployment, a Service and a
# ConfigMap with helpers, values and an environment values file, as `helm create` lays out) and
# prints charts per second: over the whole scan (JVM start included), and the marginal rate
# between two sizes (Helm renders every chart twice: the defaults and the environment's).
# Usage: bench/helm-bench.sh [N...]   (default: 50 200)
set -euo pipefail
cd "$(dirname "$0")/.."
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
[ -f target/rootcause.jar ] || ./mvnw -q -B -DskipTests package
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(50 200)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

gen() {
  python3 - "$1" "$2" <<'PY'
import os, sys
n, root = int(sys.argv[1]), sys.argv[2]
for i in range(n):
    d = os.path.join(root, "charts", f"svc-{i:04d}")
    os.makedirs(os.path.join(d, "templates"), exist_ok=True)
    open(os.path.join(d, "Chart.yaml"), "w").write(f"apiVersion: v2\nname: svc-{i:04d}\nversion: 0.1.0\n")
    open(os.path.join(d, "values.yaml"), "w").write(
        "replicaCount: 2\nimage:\n  repository: registry.example.com/svc\n  tag: \"1.0.%d\"\n"
        "service:\n  port: 8080\nresources:\n  limits:\n    memory: 256Mi\n  requests:\n    cpu: 100m\n" % i)
    open(os.path.join(d, "values-prod.yaml"), "w").write("replicaCount: 4\n")
    open(os.path.join(d, "templates", "_helpers.tpl"), "w").write(
        '{{- define "svc.labels" -}}\napp.kubernetes.io/name: {{ .Chart.Name }}\n'
        'app.kubernetes.io/instance: {{ .Release.Name }}\n{{- end }}\n')
    open(os.path.join(d, "templates", "deployment.yaml"), "w").write(
        "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ .Release.Name }}\n  labels:\n"
        "    {{- include \"svc.labels\" . | nindent 4 }}\nspec:\n  replicas: {{ .Values.replicaCount }}\n"
        "  selector:\n    matchLabels:\n      {{- include \"svc.labels\" . | nindent 6 }}\n  template:\n"
        "    metadata:\n      labels:\n        {{- include \"svc.labels\" . | nindent 8 }}\n    spec:\n"
        "      containers:\n        - name: app\n"
        "          image: \"{{ .Values.image.repository }}:{{ .Values.image.tag }}\"\n"
        "          ports:\n            - name: http\n              containerPort: {{ .Values.service.port }}\n"
        "          readinessProbe:\n            httpGet:\n              path: /healthz\n              port: http\n"
        "          livenessProbe:\n            httpGet:\n              path: /healthz\n              port: http\n"
        "          resources:\n            {{- toYaml .Values.resources | nindent 12 }}\n")
    open(os.path.join(d, "templates", "service.yaml"), "w").write(
        "apiVersion: v1\nkind: Service\nmetadata:\n  name: {{ .Release.Name }}\nspec:\n  selector:\n"
        "    {{- include \"svc.labels\" . | nindent 4 }}\n  ports:\n    - port: 80\n      targetPort: http\n")
    open(os.path.join(d, "templates", "configmap.yaml"), "w").write(
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}-config\ndata:\n"
        "  LOG_LEVEL: {{ .Values.logLevel | default \"info\" | quote }}\n")
PY
}

# Helm runs on its own (Go) threads, which the scan's per-stage CPU figures do not see: the
# marginal wall time between two sizes is the honest cost of a chart (start-up cancels out).
printf '%-7s %-8s %-12s %s\n' charts wall_s 'charts/s' findings
prev_n=""
prev_wall=""
for n in "${sizes[@]}"; do
  repo="$work/charts-$n"
  gen "$n" "$repo"
  find "$repo" -type f -exec cat {} + > /dev/null
  start=$(date +%s.%N)
  "$JAVA" --enable-native-access=ALL-UNNAMED -jar target/rootcause.jar scan "$repo" --no-cache \
    --fail-on none --format json -o "$work/out.json" >/dev/null 2>&1 || true
  end=$(date +%s.%N)
  wall=$(echo "$end - $start" | bc -l)
  findings=$(python3 -c "import json; print(json.load(open('$work/out.json'))['summary']['findings'])")
  printf '%-7s %-8.2f %-12.0f %s\n' "$n" "$wall" "$(echo "$n / $wall" | bc -l)" "$findings"
  if [ -n "$prev_n" ]; then
    printf 'marginal: %.0f charts/s between %s and %s charts (each rendered twice: defaults, values-prod.yaml)\n' \
      "$(echo "($n - $prev_n) / ($wall - $prev_wall)" | bc -l)" "$prev_n" "$n"
  fi
  prev_n=$n
  prev_wall=$wall
done
