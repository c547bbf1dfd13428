#!/usr/bin/env bash
# Starts a one-node Slurm cluster on this machine (munged, slurmctld and
# slurmd on localhost) for TestSlurmArray (deploy/), which submits
# deploy/slurm/analyse.sbatch as an array and merge.sbatch after it, as the
# README says to. Installs the Debian packages that are missing, writes
# /etc/slurm/slurm.conf when it is not the one this script writes, and
# starts the daemons that do not run. Needs root; safe to run again.
# Prints nothing on success but the node's line of sinfo on stderr.
#
#   scripts/slurm-setup.sh && SAAVU_SLURM=1 go test -run TestSlurmArray ./deploy/
set -euo pipefail

need=""
command -v slurmctld >/dev/null 2>&1 || need="$need slurm-wlm"
command -v munged >/dev/null 2>&1 || need="$need munge"
if [ -n "$need" ]; then
  echo "slurm-setup: installing$need" >&2
  apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $need >/dev/null
fi

# munge: the key comes with the package; the daemon runs as munge.
if [ ! -s /etc/munge/munge.key ]; then
  mungekey --create --force >&2 2>/dev/null || dd if=/dev/urandom of=/etc/munge/munge.key bs=1024 count=1 2>/dev/null
fi
chown munge:munge /etc/munge/munge.key
chmod 400 /etc/munge/munge.key
mkdir -p /run/munge /var/log/munge /var/lib/munge
chown munge:munge /run/munge /var/log/munge /var/lib/munge
chmod 755 /run/munge
if ! munge -n >/dev/null 2>&1; then
  runuser -u munge -- /usr/sbin/munged
  for _ in $(seq 50); do munge -n >/dev/null 2>&1 && break; sleep 0.1; done
  munge -n >/dev/null
fi

# slurm.conf for one node called localhost, with this machine's CPUs and
# most of its memory; no cgroups (a container may not allow them).
cpus=$(nproc)
mem=$(( $(awk '/MemTotal/ {print int($2/1024)}' /proc/meminfo) * 9 / 10 ))
mkdir -p /etc/slurm /var/spool/slurmctld /var/spool/slurmd /var/log/slurm
conf=$(cat <<EOF
# Written by saavu's scripts/slurm-setup.sh: a one-node test cluster.
ClusterName=saavu
SlurmctldHost=localhost
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
StateSaveLocation=/var/spool/slurmctld
SlurmdSpoolDir=/var/spool/slurmd
SlurmctldPidFile=/run/slurmctld.pid
SlurmdPidFile=/run/slurmd.pid
SlurmctldLogFile=/var/log/slurm/slurmctld.log
SlurmdLogFile=/var/log/slurm/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
SwitchType=switch/none
MpiDefault=none
SchedulerType=sched/backfill
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU_Memory
ReturnToService=2
NodeName=localhost NodeAddr=127.0.0.1 CPUs=$cpus RealMemory=$mem State=UNKNOWN
PartitionName=debug Nodes=ALL Default=YES MaxTime=INFINITE State=UP
EOF
)
if [ ! -f /etc/slurm/slurm.conf ] || [ "$(cat /etc/slurm/slurm.conf)" != "$conf" ]; then
  printf '%s\n' "$conf" > /etc/slurm/slurm.conf
  pkill -x slurmctld 2>/dev/null || true
  pkill -x slurmd 2>/dev/null || true
  sleep 1
fi

pgrep -x slurmctld >/dev/null || /usr/sbin/slurmctld -i
for _ in $(seq 100); do scontrol ping 2>/dev/null | grep -q UP && break; sleep 0.2; done
pgrep -x slurmd >/dev/null || /usr/sbin/slurmd -N localhost
# Wait for the node to take jobs; bring it back if an earlier run left it
# down or drained.
for _ in $(seq 150); do
  state=$(sinfo -h -n localhost -o %t 2>/dev/null || true)
  case "$state" in
    idle*|mix*|alloc*) break ;;
    down*|drain*) scontrol update nodename=localhost state=resume 2>/dev/null || true ;;
  esac
  sleep 0.2
done
sinfo -h -n localhost -o '%n %t %c CPUs %m MB' >&2
case "$(sinfo -h -n localhost -o %t)" in
  idle*|mix*|alloc*) ;;
  *) echo "slurm-setup: the node did not come up; see /var/log/slurm/slurmd.log" >&2; exit 1 ;;
esac
