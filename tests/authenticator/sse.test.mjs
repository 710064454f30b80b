// The event stream parser of the live channel (spec §6; WHATWG HTML §9.2.6, "Interpreting an
// event stream"), fed in every possible cut.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { P } from './helpers.mjs';

const feedAll = (chunks) => {
  const parser = new P.SseParser();
  return { parser, events: chunks.flatMap((c) => parser.feed(c)) };
};

const STREAM =
  '\uFEFF: comment\n' +
  'event: challenge\r\ndata: aa.bb.cc\r\n\r\n' +
  'data:first\rdata: second\r\rid: 7\n' +
  'event: revoked\ndata\n\n' +
  'data: caf\u00e9 \u{1F600}\n' +
  'retry: 1500\n' +
  'field-without-colon\n' +
  '\n' +
  'event: ignored-without-data\n\n' +
  'data:  two spaces\n\n' +
  'data: unterminated';

const WANT = [
  { type: 'challenge', data: 'aa.bb.cc', id: '' },
  { type: 'message', data: 'first\nsecond', id: '' },
  { type: 'revoked', data: '', id: '7' },
  { type: 'message', data: 'caf\u00e9 \u{1F600}', id: '7' },
  { type: 'message', data: ' two spaces', id: '7' },
];

test('a whole stream: line ends, comments, default type, multi-line data, id, empty data', () => {
  const { parser, events } = feedAll([new TextEncoder().encode(STREAM)]);
  // `data` with no value appends an empty line: the revoked event has data "" but a data
  // buffer of "\n", so it is dispatched (§9.2.6: only an empty buffer is not).
  assert.deepEqual(events, WANT);
  assert.equal(parser.retry, 1500);
});

test('the same stream cut at every byte, and in pairs of cuts, gives the same events', () => {
  const bytes = new TextEncoder().encode(STREAM);
  for (let i = 0; i <= bytes.length; i++) {
    const { events } = feedAll([bytes.slice(0, i), bytes.slice(i)]);
    assert.deepEqual(events, WANT, `cut at ${i}`);
  }
  for (let i = 0; i < bytes.length; i += 3) {
    for (let j = i; j <= bytes.length; j += 5) {
      const { events } = feedAll([bytes.slice(0, i), bytes.slice(i, j), bytes.slice(j)]);
      assert.deepEqual(events, WANT, `cuts at ${i}, ${j}`);
    }
  }
  // One byte at a time (inside the UTF-8 of é and of the emoji, between CR and LF).
  assert.deepEqual(feedAll(Array.from(bytes, (b) => Uint8Array.of(b))).events, WANT);
});

test('a CR at the end of a chunk and an LF at the start of the next are one line end', () => {
  const { events } = feedAll(['data: x\r', '\n', '\r', '\n', 'data: y\r', '\r']);
  assert.deepEqual(events.map((e) => e.data), ['x', 'y']);
  // But CR, then a line, then LF are two line ends.
  const two = feedAll(['data: a\r', 'data: b\n', '\n']).events;
  assert.deepEqual(two.map((e) => e.data), ['a\nb']);
});

test('an event without its empty line is not dispatched; an empty event is not either', () => {
  assert.deepEqual(feedAll(['event: challenge\ndata: x\n']).events, []);
  assert.deepEqual(feedAll(['event: challenge\n\n', 'data: y\n\n']).events, [{ type: 'message', data: 'y', id: '' }]);
});

test('an id with NUL is ignored; retry must be digits', () => {
  const { parser, events } = feedAll(['id: a\0b\nretry: 12x\ndata: z\n\n']);
  assert.deepEqual(events, [{ type: 'message', data: 'z', id: '' }]);
  assert.equal(parser.retry, null);
});

test('a line or an event over 64 KiB is refused', () => {
  const parser = new P.SseParser();
  assert.throws(() => parser.feed(`data: ${'x'.repeat(70 * 1024)}`), (e) => e.code === 'bad_answer');
  const lines = new P.SseParser();
  assert.throws(() => {
    for (let i = 0; i < 100; i++) lines.feed(`data: ${'y'.repeat(1000)}\n`);
  }, (e) => e.code === 'bad_answer');
});
