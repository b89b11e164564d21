// Step 6's checks: pings, pongs and the close handshake, from the bad-input suite, now read up to the server's Close.
import type { Check } from '../../checker/check.ts';
import type { CheckerText } from '../../checker/checker-text.ts';
import { frameCase } from '../../checker/frame-case-by-id.ts';
import { frameCaseCheck, lingeringPeerCheck, peerEndsTcpCheck, serverClosesTcpCheck } from '../../checker/probes.ts';

const VALID_CODES = [1001, 1002, 1003, 1007, 1008, 1009, 1010, 1011, 3000, 3999, 4000, 4999];

/** Step 6's checks, told in the words of `text`. */
export function controlFrameChecks(text: CheckerText): Check[] {
  const exchange = (id: string, section: string) => frameCaseCheck(frameCase(id), { section, untilClose: true }, text);
  return [
    exchange('2.1', '5.5.2'),
    exchange('2.2', '5.5.2'),
    exchange('2.3', '5.5.2'),
    exchange('2.10', '5.5.2'),
    exchange('2.7', '5.5.3'),
    exchange('2.8', '5.5.3'),
    exchange('5.6', '5.4'),
    exchange('7.1.1', '5.5.1'),
    exchange('7.3.3', '5.5.1'),
    exchange('7.3.1', '5.5.1'),
    exchange('7.3.5', '5.5.1'),
    exchange('7.1.3', '5.5.1'),
    exchange('7.1.5', '5.5.1'),
    ...VALID_CODES.map((code) => exchange(`7.7.${code}`, '7.4.1')),
    serverClosesTcpCheck(text),
    peerEndsTcpCheck(text),
    lingeringPeerCheck(text),
  ];
}
