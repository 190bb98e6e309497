// Reading the OMAPI key (`--key NAME:SECRET`, `--key-file` in dhcpd.conf
// syntax) and the shared connection options: mistakes are usage errors (16)
// with a message naming what is wrong.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LeasecheckError } from '../../src/errors.js';
import { parseKeyFile, parseKeyOption } from '../../src/omapi/key.js';
import {
  loadKey,
  omapiConnectOptions,
  parseOmapiAddress,
  parseTimeout,
} from '../../src/omapi/options.js';
import { tempDir } from '../helpers.js';

function usageError(fn: () => unknown): LeasecheckError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(LeasecheckError);
    expect((error as LeasecheckError).exitCode).toBe(16);
    return error as LeasecheckError;
  }
  throw new Error('expected a usage error');
}

describe('--key NAME:BASE64SECRET', () => {
  it('splits at the last colon and decodes the secret', () => {
    const key = parseKeyOption('omapi_key:bGVhc2VjaGVjay1vbWFwaQ==');
    expect(key.name).toBe('omapi_key');
    expect(key.secret.toString()).toBe('leasecheck-omapi');
    expect(parseKeyOption('a:b:bGVhc2U=').name).toBe('a:b');
  });

  it('refuses a missing name, a missing secret and a secret that is not base64', () => {
    expect(usageError(() => parseKeyOption('bGVhc2U=')).message).toMatch(/NAME:BASE64SECRET/);
    expect(usageError(() => parseKeyOption(':bGVhc2U=')).message).toMatch(/NAME:BASE64SECRET/);
    expect(usageError(() => parseKeyOption('name:')).message).toMatch(/NAME:BASE64SECRET/);
    expect(usageError(() => parseKeyOption('name:not base64!')).message).toMatch(/not base64/);
  });
});

describe('--key-file in dhcpd.conf syntax', () => {
  it('reads a lone key statement, quoted or bare name, secret in pieces', () => {
    const key = parseKeyFile(
      'key "omapi-key" {\n  algorithm HMAC-MD5.SIG-ALG.REG.INT.;\n  secret "bGVhc2Vj" "aGVjay1vbWFwaQ==";\n};\n',
      'k.conf',
    );
    expect(key.name).toBe('omapi-key');
    expect(key.secret.toString()).toBe('leasecheck-omapi');
  });

  it('in a whole dhcpd.conf, takes the key omapi-key names, skipping comments', () => {
    const conf = `# key commented { algorithm hmac-md5; secret "AAAA"; }
key ddns { algorithm hmac-md5; secret "ZGRucw=="; }
key omkey { algorithm hmac-md5; secret bGVhc2VjaGVjay1vbWFwaQ==; }
omapi-port 7911;
omapi-key omkey;
subnet 10.0.0.0 netmask 255.255.0.0 { }
`;
    const key = parseKeyFile(conf, 'dhcpd.conf');
    expect(key.name).toBe('omkey');
    expect(key.secret.toString()).toBe('leasecheck-omapi');
    expect(parseKeyFile(conf, 'dhcpd.conf', 'ddns').secret.toString()).toBe('ddns');
  });

  it('explains what is missing or ambiguous', () => {
    expect(usageError(() => parseKeyFile('omapi-port 7911;', 'x.conf')).message).toMatch(
      /x\.conf: no `key NAME/,
    );
    const two = 'key a { secret "AAAA"; } key b { secret "AAAA"; }';
    expect(usageError(() => parseKeyFile(two, 'x.conf')).message).toMatch(
      /2 keys \(a, b\); choose one with --key-name/,
    );
    expect(usageError(() => parseKeyFile(two, 'x.conf', 'c')).message).toMatch(/no key named "c"/);
    expect(
      usageError(() => parseKeyFile('key a { algorithm hmac-sha256; secret "AAAA"; }', 'x.conf'))
        .message,
    ).toMatch(/x\.conf line 1, key a: algorithm hmac-sha256 is not supported/);
    expect(
      usageError(() => parseKeyFile('key a { algorithm hmac-md5; }', 'x.conf')).message,
    ).toMatch(/no secret/);
  });

  it('an unreadable key file is an operational error (8)', async () => {
    const error = await loadKey({ keyFile: '/nonexistent/omapi.key' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LeasecheckError);
    expect((error as LeasecheckError).exitCode).toBe(8);
    expect((error as LeasecheckError).message).toMatch(/no such file/);
  });

  it('loadKey reads the file; --key and --key-file together are a usage error', async () => {
    const dir = tempDir('omapi-key');
    const path = join(dir, 'omapi.key');
    await writeFile(path, 'key k { algorithm hmac-md5; secret "bGVhc2U="; };\n');
    expect((await loadKey({ keyFile: path }))?.name).toBe('k');
    const both = await loadKey({ keyFile: path, key: 'k:bGVhc2U=' }).catch((e: unknown) => e);
    expect((both as LeasecheckError).exitCode).toBe(16);
    expect(await loadKey({})).toBeUndefined();
  });
});

describe('--omapi HOST:PORT and --timeout', () => {
  it('parses host:port, a bare host (port 7911) and bracketed IPv6', () => {
    expect(parseOmapiAddress('127.0.0.1:7911')).toEqual({ host: '127.0.0.1', port: 7911 });
    expect(parseOmapiAddress('dhcp1.example')).toEqual({ host: 'dhcp1.example', port: 7911 });
    expect(parseOmapiAddress('[::1]:7912')).toEqual({ host: '::1', port: 7912 });
    expect(parseOmapiAddress('::1')).toEqual({ host: '::1', port: 7911 });
  });

  it('refuses bad ports and timeouts', () => {
    for (const bad of ['host:0', 'host:70000', 'host:abc', ':7911']) {
      expect(usageError(() => parseOmapiAddress(bad)).message).toMatch(/expected HOST:PORT/);
    }
    expect(usageError(() => parseTimeout('-1')).message).toMatch(/seconds/);
    expect(parseTimeout('2.5')).toBe(2500);
    expect(parseTimeout(undefined)).toBe(5000);
  });

  it('--omapi is required', async () => {
    const error = await omapiConnectOptions({}).catch((e: unknown) => e);
    expect((error as LeasecheckError).exitCode).toBe(16);
  });
});
