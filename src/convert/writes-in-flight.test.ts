import { describe, expect, it } from 'vitest';
import { WritesInFlight } from './writes-in-flight.js';

/** A write that finishes when the test says so, and records what was in flight when it started. */
function controlledWrites() {
  const finishers = new Map<string, () => void>();
  const running = new Set<string>();
  const log: string[] = [];
  const write = (name: string) => () => {
    log.push(`start ${name} beside [${[...running].join(',')}]`);
    running.add(name);
    return new Promise<void>((resolve) => {
      finishers.set(name, () => {
        running.delete(name);
        resolve();
      });
    });
  };
  const finish = (name: string) => finishers.get(name)!();
  return { write, finish, log };
}

/** Let pending promise callbacks run. */
const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('WritesInFlight', () => {
  it('starts small writes beside each other while they fit the budget', async () => {
    const { write, finish, log } = controlledWrites();
    const writes = new WritesInFlight(100, 8);
    await writes.start(40, write('a'));
    await writes.start(40, write('b'));
    let started = false;
    const third = writes.start(40, write('c')).then(() => {
      started = true;
    });
    await settle();
    expect(started).toBe(false); // 120 bytes would not fit: c waits for the oldest, a
    finish('a');
    await third;
    expect(log).toEqual(['start a beside []', 'start b beside [a]', 'start c beside [b]']);
    finish('b');
    finish('c');
    await writes.finish();
  });

  it('keeps to the number of writes in flight', async () => {
    const { write, finish, log } = controlledWrites();
    const writes = new WritesInFlight(1000, 2);
    await writes.start(1, write('a'));
    await writes.start(1, write('b'));
    const third = writes.start(1, write('c'));
    await settle();
    expect(log).toHaveLength(2);
    finish('a');
    await third;
    expect(log[2]).toBe('start c beside [b]');
    finish('b');
    finish('c');
    await writes.finish();
  });

  it('writes a volume of the budget or more alone and finishes it before going on', async () => {
    const { write, finish, log } = controlledWrites();
    const writes = new WritesInFlight(100, 8);
    await writes.start(10, write('small'));
    let returned = false;
    const large = writes.start(100, write('large')).then(() => {
      returned = true;
    });
    await settle();
    expect(log).toEqual(['start small beside []']); // the large one waits for the small
    finish('small');
    await settle();
    expect(log[1]).toBe('start large beside []');
    expect(returned).toBe(false); // and is finished before start returns
    finish('large');
    await large;
    expect(returned).toBe(true);
  });

  it('finish waits for every write', async () => {
    const { write, finish } = controlledWrites();
    const writes = new WritesInFlight(100, 8);
    await writes.start(1, write('a'));
    await writes.start(1, write('b'));
    let done = false;
    const all = writes.finish().then(() => {
      done = true;
    });
    finish('b');
    await settle();
    expect(done).toBe(false);
    finish('a');
    await all;
    expect(done).toBe(true);
  });
});
