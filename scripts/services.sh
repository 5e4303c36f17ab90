#!/usr/bin/env bash
# Test-service helper: start/stop PostgreSQL 15, Orthanc 1.10 (+DICOMweb) and dcmtk storescp, loopback only.
# Usage: scripts/services.sh start|stop   (as root, Debian 12). Copied from ../shared/scripts and owned here.
set -euo pipefail
W=${RADKIT_SVC_DIR:-${TMPDIR:-$(dirname "$(mktemp -u)")}/radkit-svc}; NS=${NS:-cisvc}
PGBIN=/usr/lib/postgresql/15/bin; PGPORT=${PGPORT:-55432}
case "${1:-}" in
start)
  export DEBIAN_FRONTEND=noninteractive
  need=(); for b in /usr/sbin/Orthanc /usr/bin/storescp $PGBIN/initdb; do [ -x $b ] || need=1; done
  if [ -n "${need[*]:-}" ] || [ ! -e /usr/share/orthanc/plugins/libOrthancDicomWeb.so ]; then
    apt-get update -q && apt-get install -y -q postgresql dcmtk orthanc orthanc-dicomweb >/dev/null
  fi
  mkdir -p "$W"
  # --- network namespace with only lo: Orthanc 1.10 / storescp / dcmjs-dimse Server cannot bind to 127.0.0.1 only
  ip netns list | grep -qw "$NS" || ip netns add "$NS"
  ip netns exec "$NS" ip link set lo up
  # --- PostgreSQL: private throwaway cluster (inside the netns too; its unix socket in $W/pg is reachable from anywhere), TCP on 127.0.0.1 only, trust auth
  rm -rf "$W/pg"; mkdir -p "$W/pg"; chown postgres:postgres "$W/pg"
  runuser -u postgres -- $PGBIN/initdb -D "$W/pg" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
  ip netns exec "$NS" runuser -u postgres -- $PGBIN/pg_ctl -D "$W/pg" -l "$W/pg/server.log" -w -t 30 \
    -o "-c listen_addresses=127.0.0.1 -c port=$PGPORT -c unix_socket_directories=$W/pg -c fsync=off -c synchronous_commit=off -c full_page_writes=off" start >/dev/null
  head -1 "$W/pg/postmaster.pid" > "$W/pg.pid"
  # --- Orthanc (TCP_NODELAY=1: Debian's DCMTK keeps Nagle on otherwise -> ~40-80 ms per C-STORE)
  rm -rf "$W/orthanc"; mkdir -p "$W/orthanc/db"
  cat > "$W/orthanc/orthanc.json" <<JSON
{ "Name": "CI", "StorageDirectory": "$W/orthanc/db", "IndexDirectory": "$W/orthanc/db",
  "Plugins": ["/usr/share/orthanc/plugins/libOrthancDicomWeb.so"],
  "HttpPort": 58042, "DicomPort": 54242, "DicomAet": "ORTHANC", "DicomCheckCalledAet": false,
  "RemoteAccessAllowed": false, "AuthenticationEnabled": false, "HttpDescribeErrors": true,
  "DicomAlwaysAllowEcho": true, "DicomAlwaysAllowStore": true, "DicomAlwaysAllowFind": true,
  "DicomAlwaysAllowGet": true, "DicomAlwaysAllowMove": true,
  "DicomModalities": { "nodescp": ["NODESCP", "127.0.0.1", 54243], "storescp": ["STORESCP", "127.0.0.1", 54244] },
  "DicomWeb": { "Enable": true, "Root": "/dicom-web/", "StudiesMetadata": "Full", "SeriesMetadata": "Full" },
  "StableAge": 2, "SaveJobs": false }
JSON
  ip netns exec "$NS" env TCP_NODELAY=1 /usr/sbin/Orthanc "$W/orthanc/orthanc.json" >"$W/orthanc/orthanc.log" 2>&1 &
  echo $! > "$W/orthanc.pid"
  # --- dcmtk storescp as a C-STORE receiver
  mkdir -p "$W/storescp"
  ip netns exec "$NS" env TCP_NODELAY=1 storescp --aetitle STORESCP --output-directory "$W/storescp" --accept-all 54244 >"$W/storescp.log" 2>&1 &
  echo $! > "$W/storescp.pid"
  for i in $(seq 1 100); do ip netns exec "$NS" curl -sf http://127.0.0.1:58042/system >/dev/null 2>&1 && break; sleep 0.1; done
  ip netns exec "$NS" curl -sf http://127.0.0.1:58042/system >/dev/null
  ip netns exec "$NS" echoscu -aet CI -aec STORESCP 127.0.0.1 54244
  ip netns exec "$NS" echoscu -aet CI -aec ORTHANC 127.0.0.1 54242
  echo "services up: pg=$(cat $W/pg.pid) orthanc=$(cat $W/orthanc.pid) storescp=$(cat $W/storescp.pid); run clients with: ip netns exec $NS <cmd>"
  ;;
stop)
  for s in orthanc storescp; do [ -f "$W/$s.pid" ] && { kill "$(cat $W/$s.pid)" 2>/dev/null || true; }; done
  [ -f "$W/pg/postmaster.pid" ] && runuser -u postgres -- $PGBIN/pg_ctl -D "$W/pg" -m fast -w stop >/dev/null || true
  for s in orthanc storescp; do p=$(cat "$W/$s.pid" 2>/dev/null || true); for i in $(seq 1 100); do [ -n "$p" ] && kill -0 "$p" 2>/dev/null || break; sleep 0.1; done; done
  ip netns del "$NS" 2>/dev/null || true
  echo "services stopped"
  ;;
*) echo "usage: $0 start|stop"; exit 2;;
esac
