# Builds a Node.js lesson app as one small layer on the shared node base image.
# Source it from a recipe's build.sh, then: build_node_app APP_DIR PORT ENTRY DESCRIPTION
# The orchestrator passes the base image's exact tag as IMAGE_NODE_BASE.

set -euo pipefail

: "${IMAGE_TAG:?IMAGE_TAG must be set}"
: "${CACHE_DIR:?CACHE_DIR must be set}"
: "${PLAYGROUND_ROOT:?PLAYGROUND_ROOT must be set}"
: "${IMAGE_NODE_BASE:?IMAGE_NODE_BASE must be set (the node-base image)}"

build_node_app() {
  local app_dir=$1 port=$2 entry=$3 description=$4
  local ctx="$CACHE_DIR/context" expose=""
  rm -rf "$ctx"
  mkdir -p "$ctx/app/lib"
  # Only the app's JavaScript and the shared clients: build.sh itself stays out of the image.
  cp "$app_dir"/*.js "$ctx/app/"
  cp "$PLAYGROUND_ROOT"/images/node-lib/*.js "$ctx/app/lib/"
  printf '{ "type": "module" }\n' >"$ctx/app/package.json"
  [[ -n $port ]] && expose="EXPOSE $port"
  cat >"$ctx/Dockerfile" <<DOCKERFILE
FROM $IMAGE_NODE_BASE
COPY app /app
WORKDIR /app
ENV NODE_ENV=production
$expose
CMD ["node", "$entry"]
LABEL org.opencontainers.image.description="$description"
DOCKERFILE
  # The classic builder uses the local base image as is; BuildKit would need buildx.
  local out
  out=$(DOCKER_BUILDKIT=0 docker build -q -t "$IMAGE_TAG" "$ctx" 2>&1) || {
    printf '%s\n' "$out"
    return 1
  }
  rm -rf "$ctx"
  echo "built $IMAGE_TAG"
}
