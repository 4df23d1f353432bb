#!/usr/bin/env bash
# Stops the single-node Slurm cluster that tools/slurm/start.sh started, by its pid files.
set -uo pipefail
for pid_file in /run/slurmd.pid /run/slurmctld.pid /run/munge/munged.pid; do
    if [ -f "$pid_file" ] && kill -0 "$(cat "$pid_file")" 2>/dev/null; then
        pid=$(cat "$pid_file")
        kill "$pid"
        for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    fi
done
echo "Slurm stopped."
