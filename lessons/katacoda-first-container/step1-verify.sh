#!/bin/bash
docker logs first 2>&1 | grep -q "My first container" && echo "done"
