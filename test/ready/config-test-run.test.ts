import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { convertedDir, linesOf, verdictsPerLine } from './helpers.js';

/**
 * `dhcpd -t` (a configuration test) logs a banner, `Config file:`,
 * `Database file:` and `PID file:` under a pid of its own, then exits: the
 * server it tested goes on. What dhcpd 4.4.3-P1 printed for `dhcpd -t -cf
 * CONF` on this machine, for the secondary's own configuration, in its syslog
 * after it came back.
 */
const server = linesOf(join(convertedDir, 'fo-secondary-2.rfc3164.log'));
const configTest = [
  'Internet Systems Consortium DHCP Server 4.4.3-P1',
  'Copyright 2004-2022 Internet Systems Consortium.',
  'All rights reserved.',
  'For info, please visit https://www.isc.org/software/dhcp/',
  'Config file: /var/lib/dhcp/fo-secondary.conf',
  'Database file: /var/lib/dhcp/fo-secondary.leases',
  'PID file: /var/lib/dhcp/fo-secondary.pid',
].map((message) => `Nov 28 12:55:00 dhcp-b dhcpd[5120]: ${message}`);
const serverGoesOn =
  'Nov 28 12:55:07 dhcp-b dhcpd[4307]: DHCPREQUEST for 10.0.0.5 from 00:0c:01:02:03:05 via eth1';

describe('a dhcpd -t after the server came back', () => {
  it('the server ready before it stays ready once the server logs again', () => {
    const verdicts = verdictsPerLine([...server, ...configTest, serverGoesOn], { host: 'dhcp-b' });
    expect(verdicts[server.length - 1]).toBe(true);
    expect(verdicts.at(-1)).toBe(true);
  });

  it('until the server logs again, it cannot be told from a restart under way: not ready', () => {
    const verdicts = verdictsPerLine([...server, ...configTest], { host: 'dhcp-b' });
    expect(verdicts.at(-1)).toBe(false);
  });

  it('a real restart (the old pid silent after the new banner) is still judged on the new process', () => {
    const restart = configTest.map((line) => line.replace('12:55:00', '12:55:10'));
    const verdicts = verdictsPerLine([...server, serverGoesOn, ...restart], { host: 'dhcp-b' });
    expect(verdicts.at(-1)).toBe(false);
  });
});
