import net from 'node:net';
import { malformedText, textFault } from '@campaign/contracts';
import express from 'express';
import { canonicalJson } from '../src/http/canonical-json';
import { jsonDepth } from '../src/http/json-body';
import { serve } from '../src/http/serve';
import { isDependencyUnavailable } from '../src/http/unavailable';
import { createLogger } from '../src/logger';

describe('the guards every request passes', () => {
  it('measures JSON depth without parsing, brackets inside strings aside', () => {
    expect(jsonDepth(Buffer.from('{"a":[1,{"b":2}]}'))).toBe(3);
    expect(jsonDepth(Buffer.from('{"a":"[[[[\\"[[["}'))).toBe(1);
    expect(jsonDepth(Buffer.from(`${'['.repeat(200_000)}${']'.repeat(200_000)}`))).toBe(200_000);
  });

  it('hashes bodies the same whatever order their keys come in', () => {
    expect(canonicalJson({ b: 1, a: [{ d: 2, c: 3 }] })).toBe(
      canonicalJson({ a: [{ c: 3, d: 2 }], b: 1 }),
    );
    expect(canonicalJson({ a: 1 })).not.toBe(canonicalJson({ a: '1' }));
  });

  it('names every piece of text that cannot be stored, keys included', () => {
    expect(textFault('fine, even with émoji 🎉')).toBeNull();
    expect(textFault('a\u0000b')).toMatch(/NUL/);
    expect(textFault('lone \ud800')).toMatch(/surrogate/);
    expect(textFault('pair \ud83c\udf89')).toBeNull();
    expect(
      malformedText({ title: 'ok', tags: ['x', 'y\u0000'], nested: { 'k\u0000': 1 } }, 'body').map(
        (error) => error.path,
      ),
    ).toEqual(['body.nested', 'body.tags.1']);
  });

  it('tells a dependency that is down from a bug', () => {
    expect(isDependencyUnavailable(Object.assign(new Error('x'), { code: 'ECONNREFUSED' }))).toBe(
      true,
    );
    expect(
      isDependencyUnavailable(new Error('wrapped', { cause: { code: 'P1001', message: '' } })),
    ).toBe(true);
    expect(isDependencyUnavailable(Object.assign(new Error('grpc'), { code: 14 }))).toBe(true);
    expect(isDependencyUnavailable(new TypeError('undefined is not a function'))).toBe(false);
    expect(isDependencyUnavailable(Object.assign(new Error('dup'), { code: 'P2002' }))).toBe(false);
  });

  it('fails the start-up of a service whose port is taken', async () => {
    const holder = net.createServer();
    await new Promise<void>((resolve) => holder.listen(0, '0.0.0.0', resolve));
    const { port } = holder.address() as net.AddressInfo;
    try {
      await expect(
        serve(express(), port, createLogger('test', 'silent'), async () => {}),
      ).rejects.toMatchObject({ code: 'EADDRINUSE' });
    } finally {
      holder.close();
    }
  });
});
