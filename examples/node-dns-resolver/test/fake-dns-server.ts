// A tiny authoritative DNS server on loopback UDP for the example's test: enough of RFC 1035 wire format to
// answer TXT, A, MX and CNAME questions, NXDOMAIN, no data, SERVFAIL, and names it never answers.
import { createSocket, type Socket } from 'node:dgram';

export type FakeRecord =
  | { type: 'TXT'; strings: string[] }
  | { type: 'A'; address: string }
  | { type: 'MX'; priority: number; exchange: string }
  | { type: 'CNAME'; target: string };
export type FakeZone = Record<string, FakeRecord[] | 'servfail' | 'silent'>;

const TYPE_CODES: Record<string, number> = { A: 1, CNAME: 5, MX: 15, TXT: 16 };

function encodeName(name: string): Buffer {
  const parts = name
    .replace(/\.$/, '')
    .split('.')
    .filter(Boolean)
    .map((label) => {
      const b = Buffer.from(label, 'ascii');
      return Buffer.concat([Buffer.from([b.length]), b]);
    });
  return Buffer.concat([...parts, Buffer.from([0])]);
}

function rdata(r: FakeRecord): Buffer {
  switch (r.type) {
    case 'A':
      return Buffer.from(r.address.split('.').map(Number));
    case 'TXT':
      return Buffer.concat(
        r.strings.map((s) => Buffer.concat([Buffer.from([Buffer.byteLength(s)]), Buffer.from(s)])),
      );
    case 'MX': {
      const p = Buffer.alloc(2);
      p.writeUInt16BE(r.priority);
      return Buffer.concat([p, encodeName(r.exchange)]);
    }
    case 'CNAME':
      return encodeName(r.target);
  }
}

function answer(query: Buffer, zone: FakeZone): Buffer | null {
  let pos = 12;
  const labels: string[] = [];
  while (pos < query.length && query[pos] !== 0) {
    const len = query[pos]!;
    labels.push(query.subarray(pos + 1, pos + 1 + len).toString('ascii'));
    pos += len + 1;
  }
  const qtype = query.readUInt16BE(pos + 1);
  const question = query.subarray(12, pos + 5);
  const name = labels.join('.').toLowerCase();
  const entry = zone[name];
  if (entry === 'silent') return null;
  let rcode = 0;
  let answers: FakeRecord[] = [];
  if (entry === undefined) rcode = 3;
  else if (entry === 'servfail') rcode = 2;
  else {
    answers = entry.filter((r) => TYPE_CODES[r.type] === qtype);
    const cname = entry.find((r) => r.type === 'CNAME');
    if (answers.length === 0 && cname !== undefined && cname.type === 'CNAME') {
      const target = zone[cname.target];
      answers = [cname, ...(Array.isArray(target) ? target.filter((r) => TYPE_CODES[r.type] === qtype) : [])];
    }
  }
  const header = Buffer.alloc(12);
  header.writeUInt16BE(query.readUInt16BE(0), 0); // id
  header.writeUInt16BE(0x8180 | rcode, 2); // response, recursion desired + available
  header.writeUInt16BE(1, 4);
  header.writeUInt16BE(answers.length, 6);
  const rrs = answers.map((r, i) => {
    const owner =
      i === 0 || answers[0]?.type !== 'CNAME'
        ? Buffer.from([0xc0, 0x0c])
        : encodeName((answers[0] as { target: string }).target);
    const fixed = Buffer.alloc(10);
    fixed.writeUInt16BE(TYPE_CODES[r.type]!, 0);
    fixed.writeUInt16BE(1, 2);
    fixed.writeUInt32BE(60, 4);
    const data = rdata(r);
    fixed.writeUInt16BE(data.length, 8);
    return Buffer.concat([owner, fixed, data]);
  });
  return Buffer.concat([header, question, ...rrs]);
}

/** Starts the server on 127.0.0.1 (an ephemeral port); returns its address and a close function. */
export async function startFakeDns(
  zone: FakeZone,
): Promise<{ server: string; close: () => Promise<void>; queries: string[] }> {
  const socket: Socket = createSocket('udp4');
  const queries: string[] = [];
  socket.on('message', (msg, rinfo) => {
    const reply = answer(msg, zone);
    queries.push(msg.subarray(12).toString('latin1'));
    if (reply !== null) socket.send(reply, rinfo.port, rinfo.address);
  });
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  const { port } = socket.address();
  return {
    server: `127.0.0.1:${port}`,
    queries,
    close: () => new Promise<void>((resolve) => socket.close(() => resolve())),
  };
}
