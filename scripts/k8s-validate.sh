#!/usr/bin/env bash
# Validates the Kubernetes manifests against the Kubernetes API's JSON schemas, offline once
# set up: PyPI's kubernetes-validate bundles the schemas of every Kubernetes version it knows,
# so no cluster and no network are needed after its first install.
#
#   scripts/k8s-validate.sh [FILE.yaml ...]      (default: deploy/kubernetes/*.yaml)
#
# --strict: a field the schema does not know (a misspelling such as `completion:` or
# `backoffLimitPerIndexx:`) is an error, not ignored. Validated against each version in
# K8S_VERSIONS (default "1.29.0 1.33.0": 1.29 is the first release where the solve Job's
# backoffLimitPerIndex and maxFailedIndexes are on by default (beta), 1.33 the one where they
# are GA). Then checks what the schema cannot: in an Indexed Job running `alliance solve`,
# `--shard auto/N` must name N = spec.completions (Kubernetes does not tell a pod the count).
#
# The tool comes from, in order: KUBERNETES_VALIDATE (a path to the command); a virtual
# environment in K8S_VALIDATE_VENV (default ~/.cache/alliance-planner/kubernetes-validate),
# created with `pip install kubernetes-validate==$K8S_VALIDATE_PIN` when missing.
# Exit status: 0 all valid; 1 a manifest is invalid; 2 the tool could not be set up.
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
versions=${K8S_VERSIONS:-1.29.0 1.33.0}
pin=${K8S_VALIDATE_PIN:-1.37.0}
venv=${K8S_VALIDATE_VENV:-${XDG_CACHE_HOME:-$HOME/.cache}/alliance-planner/kubernetes-validate}

if [ $# -gt 0 ]; then
    files=("$@")
else
    files=("$repo"/deploy/kubernetes/*.yaml)
fi
for file in "${files[@]}"; do
    [ -f "$file" ] || { echo "k8s-validate: no such file: $file" >&2; exit 2; }
done

# ---- the tool ---------------------------------------------------------------------------------
python=
if [ -n "${KUBERNETES_VALIDATE:-}" ]; then
    validate=$KUBERNETES_VALIDATE
    # Its interpreter, for the --shard check below (needs PyYAML, which the tool needs too).
    python=$(head -n 1 "$(command -v "$validate")" | sed -n 's/^#! *//p' | cut -d' ' -f1)
else
    validate=$venv/bin/kubernetes-validate
    python=$venv/bin/python
    if [ ! -x "$validate" ]; then
        command -v python3 >/dev/null || { echo "k8s-validate: python3 is required" >&2; exit 2; }
        echo "k8s-validate: installing kubernetes-validate==$pin into $venv" >&2
        mkdir -p "$(dirname "$venv")"
        if ! { python3 -m venv "$venv" && "$venv/bin/pip" install --quiet "kubernetes-validate==$pin"; } >&2; then
            echo "k8s-validate: could not install kubernetes-validate (pip, PyPI; on Debian python3-venv)" >&2
            rm -rf "$venv"
            exit 2
        fi
    fi
fi
[ -x "$(command -v "$validate" || true)" ] || { echo "k8s-validate: $validate is not a command" >&2; exit 2; }
[ -x "$python" ] || python=python3

status=0
# ---- the schemas ------------------------------------------------------------------------------
log=$(mktemp)
trap 'rm -f "$log"' EXIT
for version in $versions; do
    echo "k8s-validate: Kubernetes $version (strict)"
    "$validate" --strict --kubernetes-version "$version" "${files[@]}" 2>&1 | tee "$log" || status=1
    # A kind or apiVersion the schemas do not know (`kind: Jobb`) is only a warning there.
    if grep -q "Couldn't find schema" "$log"; then
        echo "ERROR a resource above has a kind/apiVersion that Kubernetes $version does not have" >&2
        status=1
    fi
done

# ---- what the schemas cannot see ----------------------------------------------------------------
echo "k8s-validate: --shard auto/N against spec.completions; enumerations and quantities"
"$python" - "${files[@]}" <<'EOF' || status=1
import re
import sys
import yaml

# The published schemas have no enumerations and take any string as a quantity.
QUANTITY = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+|m|k|M|G|T|P|E|Ki|Mi|Gi|Ti|Pi|Ei)?$")
bad = 0
def error(message):
    global bad
    print(f"ERROR {message}")
    bad += 1
for path in sys.argv[1:]:
    try:
        with open(path, encoding="utf-8") as f:
            documents = [d for d in yaml.safe_load_all(f) if d]
    except yaml.YAMLError as problem:
        error(f"{path}: not YAML: {str(problem).splitlines()[0]}")
        continue
    for doc in documents:
        kind = doc.get("kind")
        name = doc.get("metadata", {}).get("name", "?")
        spec = doc.get("spec", {})
        pod = spec.get("template", {}).get("spec", {})
        for container in pod.get("initContainers", []) + pod.get("containers", []):
            for group in ("requests", "limits"):
                for resource, value in (container.get("resources", {}).get(group) or {}).items():
                    if not QUANTITY.match(str(value)):
                        error(f"{path}: {kind.lower()}/{name} container {container.get('name')}: "
                              f"resources.{group}.{resource}: {value!r} is not a quantity")
        if kind != "Job":
            continue
        if spec.get("completionMode", "NonIndexed") not in ("NonIndexed", "Indexed"):
            error(f"{path}: job/{name}: completionMode {spec['completionMode']!r} is not NonIndexed or Indexed")
        if pod.get("restartPolicy") not in ("Never", "OnFailure"):
            error(f"{path}: job/{name}: restartPolicy {pod.get('restartPolicy')!r}: a Job's pods need Never or OnFailure")
        for container in pod.get("containers", []):
            argv = list(container.get("command") or []) + list(container.get("args") or [])
            if "solve" not in argv or "--shard" not in argv:
                continue
            where = f"{path}: job/{name} container {container.get('name')}"
            shard = argv[argv.index("--shard") + 1] if argv.index("--shard") + 1 < len(argv) else ""
            if spec.get("completionMode") != "Indexed":
                error(f"{where}: --shard needs completionMode: Indexed (JOB_COMPLETION_INDEX)")
                continue
            if not shard.startswith("auto/"):
                error(f"{where}: --shard {shard!r}: on Kubernetes give the count, --shard auto/<completions>")
                continue
            count = shard.split("/", 1)[1]
            if count != str(spec.get("completions")):
                error(f"{where}: --shard {shard} but completions: {spec.get('completions')} (they must be equal)")
            else:
                print(f"INFO {where}: --shard {shard} matches completions: {count}")
sys.exit(1 if bad else 0)
EOF

if [ "$status" -eq 0 ]; then
    echo "k8s-validate: all valid (${files[*]##*/}; Kubernetes $versions)"
else
    echo "k8s-validate: FAILED" >&2
fi
exit "$status"
