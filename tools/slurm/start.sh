#!/usr/bin/env bash
# Starts a single-node Slurm cluster on this machine (Debian's slurm-wlm with munge, no systemd) for the tests
# and benchmarks of the Slurm executor. Installs the packages when missing; a running cluster is left as it is.
# Needs root. Stop it with tools/slurm/stop.sh.
set -euo pipefail
CONF=/etc/slurm/slurm.conf
MARK="# single-node cluster written by FloodSR's tools/slurm/start.sh"

if [ "$(id -u)" != 0 ]; then
    echo "tools/slurm/start.sh needs root (it installs packages and starts daemons)." >&2
    exit 2
fi
if ! command -v slurmctld >/dev/null || ! command -v munged >/dev/null || ! command -v sbatch >/dev/null; then
    apt-get -o DPkg::Lock::Timeout=900 update -qq
    DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=900 install -y -qq --no-install-recommends \
        slurmctld slurmd slurm-client munge
fi

if [ -f "$CONF" ] && ! grep -qF "$MARK" "$CONF"; then
    echo "$CONF exists and was not written by this script: refusing to replace a real cluster's configuration." >&2
    exit 2
fi
memory_mb=$(( $(awk '/MemTotal/ {print int($2 / 1024)}' /proc/meminfo) - 1024 ))
mkdir -p /etc/slurm /var/spool/slurmctld /var/spool/slurmd /var/log/slurm
cat > "$CONF" <<CONF
$MARK
ClusterName=floodsr
SlurmctldHost=localhost(127.0.0.1)
SlurmUser=root
AuthType=auth/munge
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
SchedulerType=sched/backfill
SelectType=select/cons_tres
SelectTypeParameters=CR_Core_Memory
ReturnToService=2
StateSaveLocation=/var/spool/slurmctld
SlurmdSpoolDir=/var/spool/slurmd
SlurmctldPidFile=/run/slurmctld.pid
SlurmdPidFile=/run/slurmd.pid
SlurmctldLogFile=/var/log/slurm/slurmctld.log
SlurmdLogFile=/var/log/slurm/slurmd.log
MinJobAge=300
NodeName=localhost NodeAddr=127.0.0.1 CPUs=$(nproc) RealMemory=$memory_mb State=UNKNOWN
PartitionName=debug Nodes=localhost Default=YES MaxTime=INFINITE State=UP
CONF

running() { [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }

if [ ! -s /etc/munge/munge.key ]; then
    dd if=/dev/urandom of=/etc/munge/munge.key bs=1024 count=1 status=none
fi
chown munge:munge /etc/munge/munge.key
chmod 400 /etc/munge/munge.key
mkdir -p /run/munge /var/lib/munge /var/log/munge
chown munge:munge /run/munge /var/lib/munge /var/log/munge
chmod 0711 /run/munge
running /run/munge/munged.pid || runuser -u munge -- munged
running /run/slurmctld.pid || slurmctld -i
running /run/slurmd.pid || slurmd

for _ in $(seq 1 60); do
    state=$(sinfo -h -o %T 2>/dev/null || true)
    case "$state" in
        idle* | mixed* | allocated*) echo "Slurm is up: node localhost is $state."; exit 0 ;;
        down* | drain*) scontrol update NodeName=localhost State=RESUME 2>/dev/null || true ;;
    esac
    sleep 0.5
done
echo "Slurm did not come up within 30 s; see /var/log/slurm/." >&2
exit 1
