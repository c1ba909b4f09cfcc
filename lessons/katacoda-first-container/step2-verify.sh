#!/bin/bash
if [ "$(docker inspect -f '{{.State.Running}}' store 2>/dev/null)" != "true" ]; then
  echo "No container named store is running yet."
  exit 1
fi
