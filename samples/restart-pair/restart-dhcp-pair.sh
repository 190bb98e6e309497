#!/bin/sh
# Restart the failover pair dhcp1 (primary) and dhcp2 (secondary) the way ISC
# advises, from an admin host that reaches both servers' OMAPI port and can
# ssh to them. Both servers run Debian's isc-dhcp-server with the leasecheck
# drop-in (samples/systemd/leasecheck.conf) and dhcpd-start-after-shutdown
# installed in /usr/local/sbin.
#
# dhcpd.conf of each server needs the OMAPI key and port:
#   key omapi_key { algorithm hmac-md5; secret "BASE64…"; }
#   omapi-key omapi_key;
#   omapi-port 7911;
# (restrict port 7911 to the admin host with the firewall: OMAPI can stop dhcpd).
#
# Exit status is restart-pair's: 0 both restarted and normal again; 4 refused
# at pre-flight or not back to normal within --timeout; 8 connection, key or
# start command failed; 16 usage.
set -eu
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# The configurations the servers will start with, for the pre-flight `pair` check.
scp -q root@dhcp1:/etc/dhcp/dhcpd.conf "$work/primary.conf"
scp -q root@dhcp2:/etc/dhcp/dhcpd.conf "$work/secondary.conf"

exec leasecheck restart-pair --peer dhcp-failover \
  --primary dhcp1.example.net:7911 --secondary dhcp2.example.net:7911 \
  --key-file /etc/leasecheck/omapi.key \
  --start-primary 'ssh root@dhcp1 /usr/local/sbin/dhcpd-start-after-shutdown' \
  --start-secondary 'ssh root@dhcp2 /usr/local/sbin/dhcpd-start-after-shutdown' \
  --config-primary "$work/primary.conf" --config-secondary "$work/secondary.conf" \
  --timeout 300 "$@"
