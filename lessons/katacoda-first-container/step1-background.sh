#!/bin/bash
# Have alpine ready before the learner asks for it.
docker pull alpine >/dev/null
