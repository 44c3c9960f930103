#!/usr/bin/env bash
# A one-node SLURM cluster on this machine for CI (tests/cluster/run.sh), as root:
#   releng/scripts/slurm-local.sh start STATE_DIR   installs munge, slurmctld, slurmd and slurm-client with apt-get
#                                                   when absent, writes STATE_DIR/slurm.conf (one node: this host,
#                                                   all its CPUs, 80 % of its memory; partition 'debug'), starts
#                                                   munged (unless one answers), slurmctld and slurmd, waits until
#                                                   sinfo shows the node idle; records the pids it started in
#                                                   STATE_DIR/pids. Clients then need SLURM_CONF=STATE_DIR/slurm.conf
#                                                   (printed on the last line as an export command).
#   releng/scripts/slurm-local.sh stop STATE_DIR    stops what start started, by the recorded pids (slurmd,
#                                                   slurmctld, then munged), and waits for them to exit.
# The system's /etc/slurm/slurm.conf is not touched (the daemons get -f STATE_DIR/slurm.conf). Accounting is not
# configured (no sacct); Myoflow reads task states from squeue and the run folders. Exit codes: 0 ok, 2 usage or
# not root, 4 a daemon did not start (its log's last lines are printed).
set -euo pipefail
usage() { echo "usage: $0 start|stop STATE_DIR" >&2; exit 2; }
[ $# = 2 ] || usage
cmd=$1
S=$(mkdir -p "$2" && cd "$2" && pwd)
PIDS="$S/pids"

stop_pid() { # name pid: TERM, wait up to 10 s, then KILL
  local name=$1 pid=$2
  kill -0 "$pid" 2>/dev/null || return 0
  # only the daemon recorded, never a process that later got the same pid
  if [ "$(cat "/proc/$pid/comm" 2>/dev/null)" != "$name" ]; then
    echo "slurm-local: pid $pid is no longer $name; left alone"
    return 0
  fi
  kill "$pid" 2>/dev/null || true
  for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || { echo "slurm-local: stopped $name ($pid)"; return 0; }; sleep 0.2; done
  kill -9 "$pid" 2>/dev/null || true
  echo "slurm-local: killed $name ($pid)"
}

case "$cmd" in
stop)
  [ -f "$PIDS" ] || { echo "slurm-local: $PIDS: nothing recorded, nothing to stop"; exit 0; }
  for name in slurmd slurmctld munged; do
    pid=$(awk -v n="$name" '$1 == n {print $2}' "$PIDS")
    [ -n "$pid" ] && stop_pid "$name" "$pid"
  done
  rm -f "$PIDS"
  exit 0 ;;
start) ;;
*) usage ;;
esac

[ "$(id -u)" = 0 ] || { echo "slurm-local: start needs root (munged and slurmd run as root here)" >&2; exit 2; }
if [ -f "$PIDS" ]; then
  echo "slurm-local: $PIDS exists: a cluster started from $S may still run; stop it first" >&2
  exit 2
fi
need=()
[ -x /usr/sbin/munged ] || need+=(munge)
[ -x /usr/sbin/slurmctld ] || need+=(slurmctld)
[ -x /usr/sbin/slurmd ] || need+=(slurmd)
command -v sbatch >/dev/null 2>&1 && command -v sinfo >/dev/null 2>&1 || need+=(slurm-client)
if [ ${#need[@]} -gt 0 ]; then
  echo "slurm-local: installing ${need[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi
: >"$PIDS"

# munge: a key (1024 random bytes, owner munge, mode 400) and a daemon, unless one already answers
if ! (munge -n 2>/dev/null | unmunge >/dev/null 2>&1); then
  mkdir -p /etc/munge /run/munge /var/log/munge /var/lib/munge
  [ -f /etc/munge/munge.key ] || dd if=/dev/urandom of=/etc/munge/munge.key bs=1 count=1024 2>/dev/null
  chown -R munge /etc/munge /run/munge /var/log/munge /var/lib/munge 2>/dev/null || true
  chmod 400 /etc/munge/munge.key
  rm -f /run/munge/munged.pid # stale: no munged answers
  /usr/sbin/munged --force
  for _ in $(seq 1 50); do [ -s /run/munge/munged.pid ] && break; sleep 0.1; done
  echo "munged $(cat /run/munge/munged.pid)" >>"$PIDS"
  munge -n | unmunge >/dev/null || { echo "slurm-local: munged does not answer" >&2; exit 4; }
fi

H=$(hostname -s)
CPUS=$(nproc)
MEM=$(( $(awk '/MemTotal/ {print $2}' /proc/meminfo) / 1024 * 8 / 10 ))
mkdir -p "$S/spool" "$S/ctld"
cat >"$S/slurm.conf" <<CONF
# one-node cluster for tests/cluster (written by releng/scripts/slurm-local.sh)
ClusterName=myoflow-ci
SlurmctldHost=$H
SlurmUser=root
AuthType=auth/munge
StateSaveLocation=$S/ctld
SlurmdSpoolDir=$S/spool
SlurmctldPidFile=$S/slurmctld.pid
SlurmdPidFile=$S/slurmd.pid
SlurmctldLogFile=$S/slurmctld.log
SlurmdLogFile=$S/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
ReturnToService=2
MinJobAge=600
NodeName=$H CPUs=$CPUS RealMemory=$MEM State=UNKNOWN
PartitionName=debug Nodes=$H Default=YES MaxTime=INFINITE State=UP
CONF
export SLURM_CONF="$S/slurm.conf"

start_daemon() { # name pidfile command...
  local name=$1 pidfile=$2; shift 2
  rm -f "$pidfile"
  "$@"
  for _ in $(seq 1 100); do [ -s "$pidfile" ] && break; sleep 0.1; done
  if [ ! -s "$pidfile" ]; then
    echo "slurm-local: $name did not start; last lines of its log:" >&2
    tail -n 20 "$S/$name.log" >&2 2>/dev/null || true
    exit 4
  fi
  echo "$name $(cat "$pidfile")" >>"$PIDS"
}
start_daemon slurmctld "$S/slurmctld.pid" /usr/sbin/slurmctld -f "$SLURM_CONF"
start_daemon slurmd "$S/slurmd.pid" /usr/sbin/slurmd -f "$SLURM_CONF"
for _ in $(seq 1 60); do
  state=$(sinfo -h -o %t 2>/dev/null | head -n 1 || true)
  [ "$state" = idle ] && break
  sleep 0.5
done
if [ "$state" != idle ]; then
  echo "slurm-local: the node is not idle after 30 s (sinfo: '${state}'); logs in $S" >&2
  tail -n 10 "$S/slurmctld.log" "$S/slurmd.log" >&2 2>/dev/null || true
  exit 4
fi
sinfo
echo "export SLURM_CONF=$SLURM_CONF"
