// The handshake header checks: Sec-WebSocket-Version, -Protocol and -Extensions, each citing its RFC section.
import { describe, expect, it } from 'vitest';
import { checkExtensions, checkSelectedSubprotocol, checkSubprotocols, checkVersion } from '../../../src/lib/protocol/handshake-headers.ts';

describe('checkVersion', () => {
  it('accepts 13, with optional whitespace', () => {
    expect(checkVersion('13')).toEqual({ ok: true, version: 13 });
    expect(checkVersion(' 13\t')).toEqual({ ok: true, version: 13 });
  });

  it.each(['8', '0', '255', '25'])(
    'answers version %s with 426, Sec-WebSocket-Version: 13 and Upgrade (§4.4; RFC 9110 §15.5.22)',
    (version) => {
      expect(checkVersion(version)).toMatchObject({
        ok: false,
        id: 'version-unsupported',
        section: '4.2.2',
        response: {
          status: 426,
          headers: { Upgrade: 'websocket', Connection: 'Upgrade, close', 'Sec-WebSocket-Version': '13' },
        },
      });
    },
  );

  it.each(['', '013', '256', '13, 8', 'thirteen', '-1'])('refuses the malformed version %j with 400 (§4.3)', (version) => {
    expect(checkVersion(version)).toMatchObject({ ok: false, id: 'version-malformed', section: '4.3', response: { status: 400 } });
  });

  it('refuses a missing version with 400 (§4.2.1)', () => {
    const check = checkVersion(undefined);
    expect(check).toMatchObject({ ok: false, id: 'version-missing', section: '4.2.1', response: { status: 400, headers: {} } });
    expect(check.ok || check.reason).toMatch(/§4\.1/);
  });
});

describe('checkSubprotocols', () => {
  it('parses a comma-separated list of tokens in order of preference', () => {
    expect(checkSubprotocols('chat, superchat')).toEqual({ ok: true, protocols: ['chat', 'superchat'] });
    expect(checkSubprotocols('v2.bookings.example.net')).toEqual({ ok: true, protocols: ['v2.bookings.example.net'] });
  });

  it.each([
    ['', 'protocols-empty'],
    ['chat,,superchat', 'protocol-empty'],
    ['chat, ', 'protocol-empty'],
    ['chat room', 'protocol-not-token'],
    ['chat/1', 'protocol-not-token'],
    ['é', 'protocol-not-token'],
    ['chat, chat', 'protocol-duplicate'],
  ])('rejects %j as %s, citing §4.1', (value, id) => {
    const check = checkSubprotocols(value);
    expect(check).toMatchObject({ ok: false, id, section: '4.1' });
    expect(check.ok || check.reason).toMatch(/§4\.1/);
  });
});

describe('checkSelectedSubprotocol', () => {
  it('accepts one offered token', () => {
    expect(checkSelectedSubprotocol('superchat', ['chat', 'superchat'])).toEqual({ ok: true, protocol: 'superchat' });
  });

  it('rejects a list, or a protocol the client did not offer', () => {
    expect(checkSelectedSubprotocol('chat, superchat', ['chat'])).toMatchObject({
      ok: false,
      id: 'selected-protocol-not-token',
      section: '4.2.2',
    });
    expect(checkSelectedSubprotocol('other', ['chat'])).toMatchObject({ ok: false, id: 'selected-protocol-not-offered', section: '4.1' });
  });
});

describe('checkExtensions', () => {
  it('parses the §9.1 examples', () => {
    expect(checkExtensions('deflate-stream')).toEqual({ ok: true, extensions: [{ name: 'deflate-stream', params: [] }] });
    expect(checkExtensions('mux; max-channels=4; flow-control, deflate-stream')).toEqual({
      ok: true,
      extensions: [
        {
          name: 'mux',
          params: [
            { name: 'max-channels', value: '4' },
            { name: 'flow-control', value: null },
          ],
        },
        { name: 'deflate-stream', params: [] },
      ],
    });
    expect(checkExtensions('foo, bar; baz=2')).toMatchObject({
      ok: true,
      extensions: [{ name: 'foo' }, { name: 'bar', params: [{ name: 'baz', value: '2' }] }],
    });
  });

  it('accepts quoted values that are tokens once unquoted, and whitespace around separators', () => {
    expect(checkExtensions('permessage-deflate ; client_max_window_bits = "10"')).toEqual({
      ok: true,
      extensions: [{ name: 'permessage-deflate', params: [{ name: 'client_max_window_bits', value: '10' }] }],
    });
    expect(checkExtensions('x; a="b\\c"')).toMatchObject({ ok: true, extensions: [{ params: [{ value: 'bc' }] }] });
  });

  it.each([
    ['', 'extensions-empty'],
    ['  ', 'extensions-empty'],
    ['foo,', 'extensions-malformed'],
    [',foo', 'extensions-malformed'],
    ['foo;', 'extensions-malformed'],
    ['foo; =1', 'extensions-malformed'],
    ['foo; a=', 'extensions-malformed'],
    ['foo bar', 'extensions-malformed'],
    ['foo; a=1 2', 'extensions-malformed'],
    ['foo/1', 'extensions-malformed'],
    ['foo; a="1 2"', 'extension-quoted-value-not-token'],
    ['foo; a=""', 'extension-quoted-value-not-token'],
    ['foo; a="12', 'extension-unterminated-quote'],
  ])('rejects %j as %s, citing §9.1', (value, id) => {
    const check = checkExtensions(value);
    expect(check).toMatchObject({ ok: false, id, section: '9.1' });
    expect(check.ok || check.reason).toMatch(/§9\.1/);
  });
});

describe('the values a broken header rule carries, for a sentence in another language', () => {
  it.each([
    ['checkVersion(undefined)', checkVersion(undefined), undefined],
    ["checkVersion(' 013 ')", checkVersion(' 013 '), { version: '013' }],
    ["checkVersion('8')", checkVersion('8'), { version: '8' }],
    ["checkSubprotocols('chat, chat/1')", checkSubprotocols('chat, chat/1'), { protocol: 'chat/1', character: '/' }],
    ["checkSubprotocols('chat, superchat, chat')", checkSubprotocols('chat, superchat, chat'), { protocol: 'chat' }],
    [
      "checkSelectedSubprotocol('chat, superchat', ['chat'])",
      checkSelectedSubprotocol('chat, superchat', ['chat']),
      { protocol: 'chat, superchat' },
    ],
    ["checkSelectedSubprotocol('other', ['chat'])", checkSelectedSubprotocol('other', ['chat']), { protocol: 'other' }],
    ["checkExtensions(',foo')", checkExtensions(',foo'), { expected: 'extension-name', character: ',', position: 0 }],
    [
      "checkExtensions('foo; =1')",
      checkExtensions('foo; =1'),
      { expected: 'parameter-name', extension: 'foo', character: '=', position: 5 },
    ],
    ["checkExtensions('foo; bits=')", checkExtensions('foo; bits='), { expected: 'parameter-value', parameter: 'bits' }],
    ["checkExtensions('foo bar')", checkExtensions('foo bar'), { expected: 'separator', character: 'b', position: 4 }],
    ["checkExtensions('foo; bits=\"12')", checkExtensions('foo; bits="12'), { parameter: 'bits' }],
    ['checkExtensions(\'foo; bits="1 2"\')', checkExtensions('foo; bits="1 2"'), { parameter: 'bits', value: '1 2' }],
  ])('%s names what its English names', (_, check, values) => {
    expect(check.ok).toBe(false);
    expect(check.ok || check.values).toEqual(values);
  });
});
