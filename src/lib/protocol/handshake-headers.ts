// Checks the other opening-handshake header fields: Sec-WebSocket-Version, -Protocol and -Extensions (RFC 6455 §4, §9.1).
import { broken, type RuleBroken } from './handshake.ts';

/** The only version RFC 6455 defines (§4.1, item 9). */
export const WEBSOCKET_VERSION = 13;

/** A refused handshake also says what the server should answer with. */
export type HandshakeRefusal = RuleBroken & { response: { status: 400 | 426; headers: Record<string, string> } };

export type VersionCheck = { ok: true; version: 13 } | HandshakeRefusal;

/** What a 426 Upgrade Required names: the protocol to upgrade to, and the versions of it the server speaks. */
const UPGRADE_REQUIRED_HEADERS: Readonly<Record<string, string>> = {
  Upgrade: 'websocket',
  Connection: 'Upgrade, close',
  'Sec-WebSocket-Version': String(WEBSOCKET_VERSION),
};

// RFC 9110 §5.6.2 tchar, the same set as RFC 2616's token: visible ASCII except separators.
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
const TOKEN_CHAR = /[!#$%&'*+\-.^_`|~0-9A-Za-z]/;
const OPTIONAL_WHITESPACE = /^[ \t]+|[ \t]+$/g;

/**
 * Checks a client's `Sec-WebSocket-Version`. Its syntax is 0–255 without leading zeros (§4.3);
 * anything else is a malformed request (400, §4.2.1). A well-formed version other than 13 gets a
 * 426 Upgrade Required listing the versions the server speaks (§4.2.2 /version/, §4.4). HTTP requires a
 * 426 to carry `Upgrade` (RFC 9110 §15.5.22), and a sender of `Upgrade` to list it in `Connection`
 * (RFC 9110 §7.8); `close` stays there because the server ends the connection after the refusal.
 */
export function checkVersion(value: string | undefined): VersionCheck {
  const refuse = (
    id: string,
    section: string,
    reason: string,
    status: 400 | 426,
    values?: Record<string, string | number>,
  ): HandshakeRefusal => ({
    ...broken(id, section, reason, values),
    response: { status, headers: status === 426 ? { ...UPGRADE_REQUIRED_HEADERS } : {} },
  });
  if (value === undefined) {
    return refuse(
      'version-missing',
      '4.2.1',
      'The request has no Sec-WebSocket-Version header field, which a handshake must include with the value 13 (RFC 6455 §4.1, item 9).',
      400,
    );
  }
  const version = value.replace(OPTIONAL_WHITESPACE, '');
  if (!/^(0|[1-9][0-9]{0,2})$/.test(version) || Number(version) > 255) {
    return refuse(
      'version-malformed',
      '4.3',
      `${JSON.stringify(version)} is not a version: a version is a number from 0 to 255 without leading zeros, and a request carries exactly one (RFC 6455 §4.3, §11.3.5).`,
      400,
      { version },
    );
  }
  if (Number(version) !== WEBSOCKET_VERSION) {
    return refuse(
      'version-unsupported',
      '4.2.2',
      `Version ${version} is not supported; RFC 6455 is version 13, so the server answers 426 Upgrade Required with "Sec-WebSocket-Version: 13" (RFC 6455 §4.2.2, §4.4) and "Upgrade: websocket" (RFC 9110 §15.5.22).`,
      426,
      { version },
    );
  }
  return { ok: true, version: WEBSOCKET_VERSION };
}

export type SubprotocolsCheck = { ok: true; protocols: string[] } | RuleBroken;

/**
 * Checks a client's `Sec-WebSocket-Protocol`: a comma-separated list of tokens, none empty, all
 * unique (§4.1, item 10; ABNF 1#token). Several header fields are one list (§11.3.4), so the
 * caller joins them with ", " first.
 */
export function checkSubprotocols(value: string): SubprotocolsCheck {
  const rule = 'Sec-WebSocket-Protocol is a comma-separated list of unique, non-empty tokens (RFC 6455 §4.1, item 10)';
  const protocols = value.split(',').map((p) => p.replace(OPTIONAL_WHITESPACE, ''));
  if (protocols.length === 1 && protocols[0] === '') {
    return broken('protocols-empty', '4.1', `The list of subprotocols is empty. ${rule}.`);
  }
  const seen = new Set<string>();
  for (const protocol of protocols) {
    if (protocol === '') return broken('protocol-empty', '4.1', `The list has an empty element. ${rule}.`);
    if (!TOKEN.test(protocol)) {
      const bad = [...protocol].find((c) => !TOKEN_CHAR.test(c)) ?? '';
      return broken(
        'protocol-not-token',
        '4.1',
        `${JSON.stringify(protocol)} contains ${JSON.stringify(bad)}, which a token cannot: tokens are visible ASCII without separators such as ()<>@,;:\\"/[]?={} and spaces. ${rule}.`,
        { protocol, character: bad },
      );
    }
    if (seen.has(protocol)) {
      return broken('protocol-duplicate', '4.1', `${JSON.stringify(protocol)} appears twice. ${rule}.`, { protocol });
    }
    seen.add(protocol);
  }
  return { ok: true, protocols };
}

/**
 * Checks the server's `Sec-WebSocket-Protocol` against what the client offered: one token
 * (§4.2.2 /subprotocol/), and one the client asked for, or the client must fail (§4.1).
 */
export function checkSelectedSubprotocol(value: string, offered: readonly string[]): { ok: true; protocol: string } | RuleBroken {
  const protocol = value.replace(OPTIONAL_WHITESPACE, '');
  if (!TOKEN.test(protocol)) {
    return broken(
      'selected-protocol-not-token',
      '4.2.2',
      `The server's Sec-WebSocket-Protocol ${JSON.stringify(protocol)} is not a single token; a server selects exactly one subprotocol, or sends no header (RFC 6455 §4.2.2).`,
      { protocol },
    );
  }
  if (!offered.includes(protocol)) {
    return broken(
      'selected-protocol-not-offered',
      '4.1',
      `The server selected ${JSON.stringify(protocol)}, which the client did not offer, so the client must fail the connection (RFC 6455 §4.1).`,
      { protocol },
    );
  }
  return { ok: true, protocol };
}

export interface ExtensionOffer {
  name: string;
  /** Parameters in order; `value` is `null` for a parameter without "=". */
  params: { name: string; value: string | null }[];
}

export type ExtensionsCheck = { ok: true; extensions: ExtensionOffer[] } | RuleBroken;

/** What the §9.1 grammar wanted where `extensions-malformed` stopped: its `values.expected`. */
export type ExpectedExtensionPart = 'extension-name' | 'parameter-name' | 'parameter-value' | 'separator';

/**
 * Parses `Sec-WebSocket-Extensions` by the §9.1 grammar: `1#extension`, where
 * `extension = token *( ";" token [ "=" ( token | quoted-string ) ] )`, with optional whitespace
 * between items (the "implied *LWS" rule). A quoted value, once unescaped, must still be a token.
 */
export function checkExtensions(value: string): ExtensionsCheck {
  const rule =
    'Sec-WebSocket-Extensions is a list of extension tokens, each with optional ";" parameters of the form name or name=value (RFC 6455 §9.1)';
  let at = 0;
  const skipWhitespace = () => {
    while (value[at] === ' ' || value[at] === '\t') at++;
  };
  const readToken = (): string => {
    const start = at;
    while (at < value.length && TOKEN_CHAR.test(value[at]!)) at++;
    return value.slice(start, at);
  };
  // `expected` names what the grammar wanted, so another language can say it too; `named` is the extension or
  // parameter the English names; `character` and `position` are left out when the value ended instead.
  const unexpected = (what: string, expected: ExpectedExtensionPart, named: Record<string, string> = {}): RuleBroken => {
    const ended = at >= value.length;
    const found = ended ? 'the end of the value' : `${JSON.stringify(value[at])} at position ${at}`;
    const where = ended ? {} : { character: value[at]!, position: at };
    return broken('extensions-malformed', '9.1', `Expected ${what} but found ${found}. ${rule}.`, { expected, ...named, ...where });
  };

  const extensions: ExtensionOffer[] = [];
  skipWhitespace();
  if (at === value.length)
    return broken('extensions-empty', '9.1', `The value is empty, but the list needs at least one extension. ${rule}.`);
  for (;;) {
    skipWhitespace();
    const name = readToken();
    if (name === '') return unexpected('an extension name (a token)', 'extension-name');
    const offer: ExtensionOffer = { name, params: [] };
    extensions.push(offer);
    skipWhitespace();
    while (value[at] === ';') {
      at++;
      skipWhitespace();
      const param = readToken();
      if (param === '') {
        return unexpected(`a parameter name (a token) after ";" in ${JSON.stringify(name)}`, 'parameter-name', { extension: name });
      }
      skipWhitespace();
      let paramValue: string | null = null;
      if (value[at] === '=') {
        at++;
        skipWhitespace();
        if (value[at] === '"') {
          const quoted = readQuotedString(value, at);
          if (quoted === null)
            return broken(
              'extension-unterminated-quote',
              '9.1',
              `The quoted value of ${JSON.stringify(param)} has no closing quote. ${rule}.`,
              { parameter: param },
            );
          at = quoted.end;
          if (!TOKEN.test(quoted.text)) {
            return broken(
              'extension-quoted-value-not-token',
              '9.1',
              `The quoted value ${JSON.stringify(quoted.text)} of ${JSON.stringify(param)} is not a token once unquoted, and §9.1 requires it to be. ${rule}.`,
              { parameter: param, value: quoted.text },
            );
          }
          paramValue = quoted.text;
        } else {
          paramValue = readToken();
          if (paramValue === '') {
            return unexpected(`a value (a token or a quoted string) for ${JSON.stringify(param)}`, 'parameter-value', { parameter: param });
          }
        }
        skipWhitespace();
      }
      offer.params.push({ name: param, value: paramValue });
    }
    if (at === value.length) return { ok: true, extensions };
    if (value[at] !== ',') return unexpected('";", "," or the end of the value', 'separator');
    at++;
  }
}

/** Reads an RFC 2616 quoted-string starting at the opening quote; `null` if it never closes. */
function readQuotedString(value: string, quoteAt: number): { text: string; end: number } | null {
  let text = '';
  for (let at = quoteAt + 1; at < value.length; at++) {
    const c = value[at]!;
    if (c === '"') return { text, end: at + 1 };
    if (c === '\\' && at + 1 < value.length) {
      at++;
      text += value[at];
    } else {
      text += c;
    }
  }
  return null;
}
