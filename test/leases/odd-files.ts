// Lease files that dhcpd reads but line-pattern readers misread: indented
// with tabs, not indented at all, a `\"` inside a string, no binding state,
// an address declared twice, a truncated tail. Dates are far from now (2001
// or 2037), so dhcpd's clock does not change the answer.

export const header = `# The format of this file is documented in the dhcpd.leases(5) manual page.
# This lease file was written by isc-dhcp-4.4.3-P1

# authoring-byte-order entry is generated, DO NOT DELETE
authoring-byte-order little-endian;

`;

export const oddConf = `default-lease-time 600;
max-lease-time 7200;
authoritative;
subnet 10.0.0.0 netmask 255.255.0.0 {
  range 10.0.0.10 10.0.0.99;
}
`;

/** Canonical, as dhcpd writes: active until 2037. */
const canonical = `lease 10.0.0.10 {
  starts 4 2037/01/01 00:00:00;
  ends 4 2037/12/31 00:00:00;
  cltt 4 2037/01/01 00:00:00;
  binding state active;
  next binding state free;
  rewind binding state free;
  hardware ethernet 00:11:22:33:44:10;
  uid "\\001\\000\\021\\"3D\\020";
  client-hostname "quote\\"d";
}
`;

/** The same statements, indented with tabs. */
const tabs = `lease 10.0.0.11 {
\tstarts 4 2037/01/01 00:00:00;
\tends 4 2037/12/31 00:00:00;
\tbinding state active;
\tnext binding state free;
\thardware ethernet 00:11:22:33:44:11;
}
lease 10.0.0.12 {
\tstarts 4 2037/01/01 00:00:00;
\tends 4 2037/12/31 00:00:00;
\tbinding state active;
\tnext binding state free;
\thardware ethernet 0:11:22:33:44:12;
}
`;

/** Not indented at all, and one lease on one line. */
const flat = `lease 10.0.0.13 {
starts 4 2037/01/01 00:00:00;
ends 4 2037/12/31 00:00:00;
binding state active;
hardware ethernet 00:11:22:33:44:13;
}
lease 10.0.0.14 { starts 1 2001/01/01 00:00:00; ends 1 2001/01/01 00:10:00; binding state free; hardware ethernet 00:11:22:33:44:14; }
`;

/** Declared twice: first active, then released; then an address first free, then active. */
const twice = `lease 10.0.0.15 {
  starts 4 2037/01/01 00:00:00;
  ends 4 2037/12/31 00:00:00;
  binding state active;
  hardware ethernet 00:11:22:33:44:15;
}
lease 10.0.0.16 {
  starts 1 2001/01/01 00:00:00;
  ends 1 2001/01/01 00:10:00;
  binding state free;
  hardware ethernet 00:11:22:33:44:16;
}
lease 10.0.0.15 {
  starts 4 2037/01/01 00:00:00;
  ends 4 2037/12/31 00:00:00;
  binding state released;
  hardware ethernet 00:11:22:33:44:15;
}
lease 10.0.0.16 {
  starts 4 2037/01/01 00:00:00;
  ends 4 2037/12/31 00:00:00;
  binding state active;
  hardware ethernet 00:11:22:33:44:16;
}
`;

/** Old files: no binding state; dhcpd makes it up from `ends` (active until 2037, free since 2001). */
const stateless = `lease 10.0.0.17 {
  starts 4 2037/01/01 00:00:00;
  ends 4 2037/12/31 00:00:00;
  hardware ethernet 00:11:22:33:44:17;
}
lease 10.0.0.18 {
  starts 1 2001/01/01 00:00:00;
  ends 1 2001/01/01 00:10:00;
  hardware ethernet 00:11:22:33:44:18;
}
`;

/** Other states dhcpd-pools reads: abandoned, expired, and active but ended in 2001. */
const others = `lease 10.0.0.19 {
  starts 1 2001/01/01 00:00:00;
  ends 1 2001/01/01 00:10:00;
  binding state abandoned;
  hardware ethernet 00:11:22:33:44:19;
}
lease 10.0.0.20 {
  starts 1 2001/01/01 00:00:00;
  ends 1 2001/01/01 00:10:00;
  binding state expired;
  next binding state free;
  hardware ethernet 00:11:22:33:44:20;
}
lease 10.0.0.21 {
  starts 1 2001/01/01 00:00:00;
  ends 1 2001/01/01 00:10:00;
  binding state active;
  next binding state free;
  hardware ethernet 00:11:22:33:44:21;
}
`;

/** A lease cut after its binding state: dhcpd loads it, active, without a hardware address. */
const cut = `lease 10.0.0.22 {
  starts 4 2037/01/01 00:00:00;
  ends 4 2037/12/31 00:00:00;
  binding state active;
  next binding st`;

/** Every odd lease, whole. */
export const oddLeases = header + canonical + tabs + flat + twice + stateless + others;

/** The same with a truncated tail. */
export const oddLeasesTruncated = oddLeases + cut;
