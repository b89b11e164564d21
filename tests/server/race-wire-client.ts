// A raw node:net client for the race tests: speaks just enough HTTP/1.1 and WebSocket, and counts every byte it writes and reads.
import { once } from 'node:events';
import { connect, type Socket } from 'node:net';

export interface RawResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export class CountingClient {
  written = 0;
  read = 0;
  readonly socket: Socket;
  readonly #host: string;
  #buffer = Buffer.alloc(0);
  #wake: (() => void) | undefined;
  #closed = false;

  private constructor(socket: Socket, host: string) {
    this.socket = socket;
    this.#host = host;
    socket.on('data', (chunk: Buffer) => {
      this.read += chunk.length;
      this.#buffer = Buffer.concat([this.#buffer, chunk]);
      this.#wake?.();
    });
    socket.on('close', () => {
      this.#closed = true;
      this.#wake?.();
    });
  }

  /** Opens a TCP connection to "127.0.0.1:PORT". */
  static async open(base: string): Promise<CountingClient> {
    const [host, port] = base.split(':');
    const socket = connect(Number(port), host);
    await once(socket, 'connect');
    return new CountingClient(socket, base);
  }

  write(bytes: string | Buffer): void {
    this.written += Buffer.byteLength(bytes);
    this.socket.write(bytes);
  }

  /** Sends a GET (or another method) with the headers a minimal client needs, and reads the whole response. */
  async request(path: string, method = 'GET', headers: string[] = []): Promise<RawResponse> {
    this.write([`${method} ${path} HTTP/1.1`, `Host: ${this.#host}`, ...headers, '', ''].join('\r\n'));
    return this.readResponse();
  }

  /** Reads one response: its head, then a Content-Length body or a chunked one. */
  async readResponse(): Promise<RawResponse> {
    const headEnd = await this.#waitFor(() => this.#buffer.indexOf('\r\n\r\n'));
    const [statusLine, ...lines] = this.#take(headEnd + 4)
      .toString('latin1')
      .trimEnd()
      .split('\r\n');
    const headers: Record<string, string> = {};
    for (const line of lines) {
      const colon = line.indexOf(':');
      headers[line.slice(0, colon).toLowerCase()] = line.slice(colon + 1).trim();
    }
    const status = Number(statusLine!.split(' ')[1]);
    if (headers['content-length'] !== undefined) {
      const length = Number(headers['content-length']);
      await this.#waitFor(() => (this.#buffer.length >= length ? length : -1));
      return { status, headers, body: this.#take(length).toString('utf8') };
    }
    let body = '';
    for (;;) {
      const lineEnd = await this.#waitFor(() => this.#buffer.indexOf('\r\n'));
      const size = parseInt(this.#take(lineEnd + 2).toString('latin1'), 16);
      await this.#waitFor(() => (this.#buffer.length >= size + 2 ? size : -1));
      body += this.#take(size + 2)
        .subarray(0, size)
        .toString('utf8');
      if (size === 0) return { status, headers, body };
    }
  }

  /** Reads a response head (status line and headers) and nothing after it. */
  async readHead(): Promise<string> {
    const headEnd = await this.#waitFor(() => this.#buffer.indexOf('\r\n\r\n'));
    return this.#take(headEnd + 4).toString('latin1');
  }

  /** Reads a streaming chunked response until its text so far contains `marker`, and returns that text. */
  async readStreamUntil(marker: string): Promise<string> {
    await this.#waitFor(() => this.#buffer.indexOf(marker));
    return this.#take(this.#buffer.length).toString('utf8');
  }

  /** Reads one unmasked server frame (§5.2): its opcode and payload. */
  async readFrame(): Promise<{ opcode: number; payload: Buffer }> {
    const headerLength = await this.#waitFor(() => {
      if (this.#buffer.length < 2) return -1;
      const length = this.#buffer[1]! & 0x7f;
      return length < 126 ? 2 : length === 126 ? 4 : 10;
    });
    const frameLength = await this.#waitFor(() => {
      if (this.#buffer.length < headerLength) return -1;
      const length7 = this.#buffer[1]! & 0x7f;
      const length = length7 < 126 ? length7 : length7 === 126 ? this.#buffer.readUInt16BE(2) : Number(this.#buffer.readBigUInt64BE(2));
      return this.#buffer.length >= headerLength + length ? headerLength + length : -1;
    });
    const frame = this.#take(frameLength);
    return { opcode: frame[0]! & 0x0f, payload: frame.subarray(headerLength) };
  }

  /** Sends a masked Close frame with code 1000, as a client must (§5.1, §5.5.1). */
  sendClose(): void {
    const key = Buffer.from('37fa213d', 'hex');
    const payload = Buffer.from('03e8', 'hex').map((byte, i) => byte ^ key[i % 4]!);
    this.write(Buffer.concat([Buffer.from('8882', 'hex'), key, payload]));
  }

  async closed(): Promise<void> {
    if (!this.#closed) await once(this.socket, 'close');
  }

  #take(length: number): Buffer {
    const taken = this.#buffer.subarray(0, length);
    this.#buffer = this.#buffer.subarray(length);
    return taken;
  }

  /** Waits until `ready` returns a position of at least 0, as data arrives. */
  async #waitFor(ready: () => number): Promise<number> {
    for (;;) {
      const at = ready();
      if (at >= 0) return at;
      if (this.#closed) throw new Error(`The connection closed while waiting; unread: ${this.#buffer.toString('latin1')}`);
      await new Promise<void>((resolve) => (this.#wake = resolve));
    }
  }
}
