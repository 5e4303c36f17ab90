import { describe, expect, it } from 'vitest';
import { VolumeBuffers } from './volume-buffers.js';

describe('VolumeBuffers', () => {
  it('hands a given-back buffer to the next volume of the same byte length, zeroed, whatever its dtype', () => {
    const buffers = new VolumeBuffers();
    const first = buffers.take('int16', 1000);
    first.fill(7);
    buffers.give(first);
    expect(buffers.held).toBe(2000);
    const second = buffers.take('uint8', 2000);
    expect(second.buffer).toBe(first.buffer);
    expect(second.every((value) => value === 0)).toBe(true);
    expect(buffers.held).toBe(0);
    // Nothing left to reuse: a new buffer.
    expect(buffers.take('uint8', 2000).buffer).not.toBe(first.buffer);
  });

  it('keeps no buffer that is too large, over the limit, a view on part of a buffer, or given twice', () => {
    const buffers = new VolumeBuffers(4096, 6000);
    buffers.give(new Uint8Array(5000));
    expect(buffers.held).toBe(0);
    const whole = new Uint8Array(4000);
    buffers.give(new Uint8Array(whole.buffer, 0, 2000));
    expect(buffers.held).toBe(0);
    buffers.give(whole);
    buffers.give(whole);
    expect(buffers.held).toBe(4000);
    buffers.give(new Uint8Array(3000));
    expect(buffers.held).toBe(4000);
    const taken = [buffers.take('uint8', 4000), buffers.take('uint8', 4000)];
    expect(taken[0]!.buffer).toBe(whole.buffer);
    expect(taken[1]!.buffer).not.toBe(whole.buffer);
  });
});
