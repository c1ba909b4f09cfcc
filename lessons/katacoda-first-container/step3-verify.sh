#!/bin/bash
if ! docker logs reader 2>&1 | grep -q "shared from the machine"; then
  echo "The container reader has not printed the message yet."
  exit 1
fi
